//! The journal: one small append-only file per logged entry, named by UTC
//! stamp, kind and a unique suffix, so concurrent writers never collide and
//! nothing is ever rewritten.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use crate::clock;
use crate::fsutil;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: String,
    pub at: String,
    pub fields: Vec<(String, String)>,
    pub text: String,
    pub path: PathBuf,
}

impl Entry {
    pub fn field(&self, k: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }
}

fn entries_dir(store: &Store, id: &str) -> PathBuf {
    store.journal_dir(id).join("entries")
}

/// Make sure a session's entries can be written, before the edit they
/// describe is saved: a folder that cannot be made fails the command while
/// the document is still as it was, so running it again logs nothing twice.
pub fn prepare(store: &Store, id: &str) -> Result<()> {
    let dir = entries_dir(store, id);
    fsutil::ensure_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// Write one entry. `kind` is a fixed word of ours (`decision`, `file`,
/// ...); `fields` are short single-line values; `text` is free text. The
/// caller redacts with the store's patterns (hooks: every field and the
/// text; commands: their text arguments); the built-in rules are applied
/// here once more to everything, so no caller can write a secret they know.
pub fn write(
    store: &Store,
    id: &str,
    kind: &str,
    at: DateTime<Utc>,
    fields: &[(&str, &str)],
    text: &str,
) -> Result<PathBuf> {
    write_named(store, id, kind, at, fields, text, None)
}

fn write_named(
    store: &Store,
    id: &str,
    kind: &str,
    at: DateTime<Utc>,
    fields: &[(&str, &str)],
    text: &str,
    mut key: Option<&str>,
) -> Result<PathBuf> {
    let dir = entries_dir(store, id);
    fsutil::ensure_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut body = String::from("---\n");
    body.push_str(&format!(
        "kind: {kind}\nat: {}\nsession: {id}\n",
        clock::iso(at)
    ));
    let net = crate::redact::Redactor::builtin();
    for (k, v) in fields {
        body.push_str(&crate::doc::frontmatter::render_entry(
            k,
            &crate::doc::Value::Str(net.redact(v).into_owned()),
        ));
    }
    body.push_str("---\n");
    body.push_str(net.redact(text).trim_end());
    body.push('\n');
    let stamp = clock::file_stamp_micros(at);
    let id_of_session = id;
    // Retry with a fresh suffix on the (astronomically unlikely) clash.
    for _ in 0..8 {
        // The tail of a v7 id is random.
        let id = uuid::Uuid::now_v7().simple().to_string();
        let suffix = key.unwrap_or(&id[id.len() - 8..]);
        let path = dir.join(format!("{stamp}-{kind}-{suffix}.md"));
        // Staged in the session's journal folder, not beside the entries:
        // a writer killed mid-write leaves its temp file where readers of
        // entries never look (swept there by the next writer and `gc`), so
        // `entries/` only ever holds whole entries.
        let staging = store.journal_dir(id_of_session);
        match fsutil::write_via(&path, &staging, body.as_bytes(), fsutil::How::NEW) {
            Ok(()) => return Ok(path),
            // The name is taken (by an earlier run's entry of the same key
            // and time): a random suffix, as for any entry.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                key = None;
                continue;
            }
            Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
        }
    }
    anyhow::bail!(
        "could not find a free journal entry name in {}",
        dir.display()
    )
}

/// A key for [`write_once`]: a digest of what a command found (the
/// document as it was before the command) and what it records.
pub fn once_key(before: &str, kind: &str, n: usize, text: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [before, kind, &n.to_string(), text] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// [`write`] for an entry a command writes before the document it
/// describes (`pause`, `close`): named with `key` (see [`once_key`])
/// instead of a random suffix. When an entry of this kind and key was
/// written since the document was last saved (`saved`, its modification
/// time as the command found it), it was left by a run of the same command
/// that was killed before it saved the document: that entry stands and
/// nothing is written, so running the command again does not record it
/// twice. (An older entry of the same key belongs to an earlier run that
/// finished; this one is recorded too.) Returns the entry's path, and
/// whether it was written now.
#[allow(clippy::too_many_arguments)]
pub fn write_once(
    store: &Store,
    id: &str,
    kind: &str,
    at: DateTime<Utc>,
    fields: &[(&str, &str)],
    text: &str,
    key: &str,
    saved: Option<std::time::SystemTime>,
) -> Result<(PathBuf, bool)> {
    let dir = entries_dir(store, id);
    let tail = format!("-{kind}-{key}.md");
    let left = fsutil::entries(&dir).into_iter().find(|(n, file)| {
        *file
            && n.to_string_lossy().ends_with(&tail)
            && std::fs::symlink_metadata(dir.join(n))
                .and_then(|m| m.modified())
                .is_ok_and(|t| saved.is_some_and(|s| t >= s))
    });
    if let Some((name, _)) = left {
        return Ok((dir.join(name), false));
    }
    write_named(store, id, kind, at, fields, text, Some(key)).map(|p| (p, true))
}

/// All entries of a session, oldest first. Unreadable files are skipped.
pub fn read_all(store: &Store, id: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    visit(store, id, |e| out.push(e));
    out
}

/// Each entry of a session in turn, oldest first (rolled-up history, see
/// `gc`, comes first), without holding them all in memory: hooks that
/// summarise a long journal stay within their memory budget.
pub fn visit(store: &Store, id: &str, mut f: impl FnMut(Entry)) {
    let rolled = store.journal_dir(id).join("rollup.md");
    if let Ok(t) = fsutil::read_text(&rolled) {
        t.split("\n<!-- entry -->\n")
            .filter_map(|chunk| parse_entry_text(chunk, &rolled))
            .for_each(&mut f);
    }
    for p in fsutil::files_with_ext(&entries_dir(store, id), "md") {
        if let Some(e) = parse_entry(&p) {
            f(e);
        }
    }
}

/// One field of an entry's header, reading at most its first 4 KiB.
pub fn read_field(path: &Path, key: &str) -> Option<String> {
    let head = fsutil::read_head(path, 4096).ok()?;
    let t = String::from_utf8_lossy(&head);
    let rest = t.strip_prefix("---\n")?;
    let head = rest.split("\n---").next()?;
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(": ")?;
        (k == key).then(|| unquote(v))
    })
}

fn parse_entry(path: &Path) -> Option<Entry> {
    let t = String::from_utf8(fsutil::read_capped(path, fsutil::MAX_SMALL).ok()?).ok()?;
    parse_entry_text(&t, path)
}

pub fn parse_entry_text(t: &str, path: &Path) -> Option<Entry> {
    let rest = t.trim_start_matches('\n').strip_prefix("---\n")?;
    let (head, text) = rest
        .split_once("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|h| (h, "")))?;
    let mut kind = String::new();
    let mut at = String::new();
    let mut fields = Vec::new();
    for l in head.lines() {
        let Some((k, v)) = l.split_once(": ") else {
            continue;
        };
        let v = unquote(v);
        match k {
            "kind" => kind = v,
            "at" => at = v,
            "session" => {}
            _ => fields.push((k.to_string(), v)),
        }
    }
    Some(Entry {
        kind,
        at,
        fields,
        text: text.trim_end().to_string(),
        path: path.to_path_buf(),
    })
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    if v.starts_with('"') {
        serde_json::from_str(v).unwrap_or_else(|_| v.to_string())
    } else {
        v.to_string()
    }
}

/// Render an entry back to its file form (used by the roll-up).
pub fn render_entry(e: &Entry) -> String {
    let mut s = format!("---\nkind: {}\nat: {}\n", e.kind, e.at);
    for (k, v) in &e.fields {
        s.push_str(&crate::doc::frontmatter::render_entry(
            k,
            &crate::doc::Value::Str(v.clone()),
        ));
    }
    s.push_str("---\n");
    s.push_str(&e.text);
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A keyed entry is written once: the same command run again (after a
    /// kill, with a later clock) finds it and writes nothing; another
    /// command (another key) writes its own.
    #[test]
    fn a_keyed_entry_is_written_once() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::at(d.path());
        s.create_layout().unwrap();
        let t1 = clock::parse("2026-01-15T10:00:00Z").unwrap();
        let t2 = clock::parse("2026-01-15T10:05:00Z").unwrap();
        let secs = std::time::Duration::from_secs(5);
        let saved = Some(std::time::SystemTime::now() - secs);
        let key = once_key("the document", "close", 0, "complete");
        let once =
            |at, key: &str, saved| write_once(&s, "abc", "close", at, &[], "complete", key, saved);
        let (p, new) = once(t1, &key, saved).unwrap();
        assert!(new);
        let (q, new) = once(t2, &key, saved).unwrap();
        assert!(!new);
        assert_eq!(p, q);
        assert_eq!(read_all(&s, "abc").len(), 1);
        let other = once_key("the document, changed", "close", 0, "complete");
        assert_ne!(other, key);
        assert!(once(t2, &other, saved).unwrap().1);
        assert_eq!(read_all(&s, "abc").len(), 2);
        // The document was saved after those entries: they belong to runs
        // that finished, and the same key at the same time is recorded anew.
        let later = Some(std::time::SystemTime::now() + secs);
        let (r, new) = once(t1, &key, later).unwrap();
        assert!(new);
        assert_ne!(r, p);
        assert_eq!(read_all(&s, "abc").len(), 3);
    }

    #[test]
    fn write_and_read_back() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::at(d.path());
        s.create_layout().unwrap();
        let t = clock::parse("2026-01-15T10:00:00Z").unwrap();
        let p = write(
            &s,
            "abc",
            "decision",
            t,
            &[("n", "1"), ("rationale", "a: b")],
            "Use mutex",
        )
        .unwrap();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            name.starts_with("20260115T100000.000000Z-decision-"),
            "{name}"
        );
        assert!(!name.contains(':'));
        let all = read_all(&s, "abc");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].kind, "decision");
        assert_eq!(all[0].field("rationale"), Some("a: b"));
        assert_eq!(all[0].text, "Use mutex");
    }
}
