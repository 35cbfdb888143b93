//! Which sessions are this machine's own.
//!
//! A store can hold sessions written elsewhere: a teammate's, pulled with
//! the repository, or someone else's in a repository just cloned. Their
//! text is someone else's words, so it is never injected into the model's
//! context nor bound to a Claude session on its own; the user takes such a
//! session up by naming it (`resume NAME`, `import`).
//!
//! The record lives in `.sessions/.local/provenance/`, one small file per
//! own session, named by the session id. `.local/` is machine-local and
//! never committed, but a repository can still carry a folder of that name,
//! so every record also names the identity of the folder it was written in
//! (device, inode and birth time): a folder checked out by git is a new
//! folder on this machine, and records copied into it name another one.
//!
//! Stores from before this record existed are migrated once (see
//! [`migrate`]).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::store::{Meta, Store};
use crate::{clock, fsutil, names};

/// How a session became this machine's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// `init` made it here.
    Created,
    /// The user took it up by name (`resume NAME`).
    Resumed,
    /// `import` brought it in from a hand-off.
    Imported,
    /// It was in this store before provenance was recorded (see [`migrate`]).
    Adopted,
}

impl How {
    fn word(self) -> &'static str {
        match self {
            How::Created => "created",
            How::Resumed => "resumed",
            How::Imported => "imported",
            How::Adopted => "adopted",
        }
    }
}

fn dir(store: &Store) -> PathBuf {
    store.local_dir().join("provenance")
}

/// The identity of a folder: what a copy of it cannot have.
fn identity(meta: &fs::Metadata) -> String {
    let born = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{}:{}:{born}", meta.dev(), meta.ino())
}

/// The provenance folder's identity, when it is a real folder (never a
/// symlink) we can trust to hold our records.
fn folder_identity(d: &Path) -> Option<String> {
    let m = fs::symlink_metadata(d).ok()?;
    m.is_dir().then(|| identity(&m))
}

/// Read a small regular file without following a symlink.
fn read_small(p: &Path, limit: u64) -> Option<String> {
    let b = fsutil::read_head(p, limit as usize).ok()?;
    String::from_utf8(b).ok()
}

/// The sessions this machine owns, read once for a listing.
#[derive(Debug)]
pub struct Own {
    dir: PathBuf,
    /// The folder's identity; `None` before the store is migrated.
    ident: Option<String>,
    /// Before migration: the sessions [`migrate`] would adopt.
    legacy: BTreeSet<String>,
}

impl Own {
    /// Read-only: a store not yet migrated is judged by the evidence the
    /// migration would use, without writing anything.
    pub fn load(store: &Store) -> Own {
        let d = dir(store);
        match fs::symlink_metadata(&d) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Own {
                legacy: legacy_own(store),
                dir: d,
                ident: None,
            },
            _ => Own {
                ident: folder_identity(&d),
                dir: d,
                legacy: BTreeSet::new(),
            },
        }
    }

    /// [`Own::load`], migrating the store first when it has no record yet
    /// (for callers allowed to write).
    pub fn load_migrating(store: &Store) -> Own {
        let _ = migrate(store);
        Own::load(store)
    }

    pub fn contains(&self, session_id: &str) -> bool {
        if names::validate("id", session_id).is_err() {
            return false;
        }
        let Some(ident) = &self.ident else {
            return self.legacy.contains(session_id);
        };
        read_small(&self.dir.join(session_id), 512)
            .is_some_and(|s| s.split_whitespace().last() == Some(ident.as_str()))
    }

    /// The sessions of `metas` that are this machine's own.
    pub fn filter<'a>(&self, metas: &'a [Meta]) -> Vec<&'a Meta> {
        metas.iter().filter(|m| self.contains(m.id())).collect()
    }
}

/// Is this session this machine's own (created, resumed or imported here)?
pub fn is_own(store: &Store, session_id: &str) -> bool {
    Own::load(store).contains(session_id)
}

/// Record that a session is this machine's own. Idempotent.
pub fn mark_own(store: &Store, session_id: &str, how: How, now: DateTime<Utc>) -> Result<()> {
    names::validate("id", session_id)?;
    migrate(store)?;
    let d = dir(store);
    let Some(ident) = folder_identity(&d) else {
        anyhow::bail!(
            "{} is not a folder of this user; remove it and run the command again",
            d.display()
        );
    };
    let own = Own {
        dir: d.clone(),
        ident: Some(ident.clone()),
        legacy: BTreeSet::new(),
    };
    if own.contains(session_id) {
        return Ok(());
    }
    let body = format!("{} {} {ident}\n", how.word(), clock::iso(now));
    fsutil::atomic_write(&d.join(session_id), body.as_bytes())?;
    Ok(())
}

/// Create the record folder once, adopting the sessions this machine
/// already worked on.
///
/// Before the record existed, a store's own sessions left traces only in
/// its machine-local `.local/` folder: a binding to a Claude session
/// (`bindings/`), a binding waiting to be listed (`unlisted/<id>/`), or a
/// structure cache entry written when the document was loaded
/// (`index/<file stem>.*`). A fresh clone has none of these — unless the
/// repository commits a `.local/` of its own, which git then tracks: so
/// when any file under `.local/` is tracked by git, nothing is adopted.
///
/// The folder is filled under a temporary name and renamed into place, so
/// a migration is seen whole or not at all.
pub fn migrate(store: &Store) -> Result<()> {
    let d = dir(store);
    if fs::symlink_metadata(&d).is_ok() {
        return Ok(());
    }
    let adopt = legacy_own(store);
    let local = store.local_dir();
    fsutil::ensure_private_dir(&local)?;
    let tmp = local.join(format!(
        ".provenance-{}.partial",
        uuid::Uuid::now_v7().simple()
    ));
    fsutil::ensure_private_dir(&tmp)?;
    let result = (|| -> Result<()> {
        let ident = folder_identity(&tmp)
            .ok_or_else(|| anyhow::anyhow!("cannot read {}", tmp.display()))?;
        let now = clock::iso(clock::now());
        for id in &adopt {
            let body = format!("{} {now} {ident}\n", How::Adopted.word());
            fsutil::write(&tmp.join(id), body.as_bytes(), fsutil::How::NEW)?;
        }
        // The rename keeps the folder's inode and birth time, so the
        // records stay valid under the final name.
        match fsutil::rename(&tmp, &d) {
            Ok(()) => Ok(()),
            // Another process migrated meanwhile: its folder stands.
            Err(_) if fs::symlink_metadata(&d).is_ok() => Ok(()),
            Err(e) => Err(e.into()),
        }
    })();
    if fs::symlink_metadata(&tmp).is_ok() {
        for (name, _) in fsutil::entries(&tmp) {
            let _ = fsutil::remove(&tmp.join(name));
        }
        let _ = fsutil::remove_dir(&tmp);
    }
    result
}

/// The sessions a migration would adopt (see [`migrate`]).
fn legacy_own(store: &Store) -> BTreeSet<String> {
    let local = store.local_dir();
    let mut ids = BTreeSet::new();
    let names_in = |d: &Path| -> Vec<(String, PathBuf)> {
        // Reached without a link (see `fsutil`); nothing when missing.
        fsutil::entries(d)
            .into_iter()
            .take(10_000)
            .filter_map(|(n, _)| {
                let n = n.into_string().ok()?;
                let p = d.join(&n);
                Some((n, p))
            })
            .collect()
    };
    for (_, p) in names_in(&local.join("bindings")) {
        if let Some(s) = read_small(&p, 128) {
            let s = s.trim();
            if names::validate("id", s).is_ok() {
                ids.insert(s.to_string());
            }
        }
    }
    for (n, _) in names_in(&local.join("unlisted")) {
        if names::validate("id", &n).is_ok() {
            ids.insert(n);
        }
    }
    let cached: BTreeSet<String> = names_in(&local.join("index"))
        .into_iter()
        .filter_map(|(n, _)| n.split('.').next().map(str::to_string))
        .collect();
    if !cached.is_empty() {
        for m in store.metas(true) {
            if m.path
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| cached.contains(s))
                && !m.id().is_empty()
            {
                ids.insert(m.id().to_string());
            }
        }
    }
    if !ids.is_empty() && local_is_tracked(store) {
        ids.clear();
    }
    ids
}

/// Does git track any file under the store's `.local/`? Then that folder
/// came with the repository, and nothing in it is evidence of this
/// machine's own work.
fn local_is_tracked(store: &Store) -> bool {
    let local = store.local_dir();
    let Ok(repo) = git2::Repository::discover(&local) else {
        return false;
    };
    let Some(work) = repo.workdir() else {
        return false;
    };
    let base = fs::canonicalize(work).unwrap_or_else(|_| work.to_path_buf());
    let here = fs::canonicalize(&local).unwrap_or(local);
    let Ok(rel) = here.strip_prefix(&base) else {
        return false;
    };
    let mut prefix = rel.to_string_lossy().into_owned().into_bytes();
    prefix.push(b'/');
    let Ok(index) = repo.index() else {
        // An index we cannot read proves nothing either way; stay safe.
        return true;
    };
    index.iter().any(|e| e.path.starts_with(&prefix))
}

/// A session's last update for picking the newest: its `updated_at` (else
/// `created_at`), but never later than the file's own modification time,
/// so a date in the future written into a document cannot make it the
/// default. `None` when the date does not parse (sorting first).
pub fn updated_clamped(meta: &Meta) -> Option<DateTime<Utc>> {
    let t = clock::parse(meta.updated())?;
    let m = fs::symlink_metadata(&meta.path)
        .and_then(|m| m.modified())
        .ok()
        .map(DateTime::<Utc>::from);
    Some(match m {
        Some(m) if m < t => m,
        _ => t,
    })
}

/// The one line that points at a session from elsewhere, for SessionStart
/// (`take_up` = `/session-resume`) and for commands that would otherwise
/// have picked it (`session-hook resume`).
pub fn foreign_pointer(meta: &Meta, take_up: &str) -> String {
    let name = crate::frame::one_line(meta.shortname(), 80);
    let title = meta
        .front
        .title
        .as_deref()
        .map(|t| crate::frame::one_line(t, 120))
        .filter(|t| !t.is_empty());
    let author = author_of(&meta.path).map(|a| crate::frame::one_line(&a, 80));
    let about = match (title, author) {
        (Some(t), Some(a)) => format!(" ({t}, by {a})"),
        (Some(t), None) => format!(" ({t})"),
        (None, Some(a)) => format!(" (by {a})"),
        (None, None) => String::new(),
    };
    format!("session \"{name}\"{about} was created elsewhere; `{take_up} {name}` to take it up.")
}

/// The `author:` a document's frontmatter names, if any (people and other
/// tools write one; ours does not).
fn author_of(path: &Path) -> Option<String> {
    let head = fsutil::read_head(path, 4096).ok()?;
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    lines
        .take_while(|l| l.trim_end() != "---")
        .find_map(|l| l.strip_prefix("author:"))
        .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let d = tempfile::tempdir().unwrap();
        let s = Store::at(d.path());
        s.create_layout().unwrap();
        (d, s)
    }

    const ID: &str = "019abc12-3456-7def-8901-234567890abc";

    #[test]
    fn marked_sessions_are_own_and_others_are_not() {
        let (_d, s) = store();
        assert!(!is_own(&s, ID));
        mark_own(&s, ID, How::Created, clock::now()).unwrap();
        assert!(is_own(&s, ID));
        assert!(!is_own(&s, "019abc12-3456-7def-8901-234567890abd"));
        // Twice is fine.
        mark_own(&s, ID, How::Resumed, clock::now()).unwrap();
        assert!(is_own(&s, ID));
    }

    /// A record copied from another folder (a repository that commits
    /// `.local/provenance/`) names another folder and does not count.
    #[test]
    fn a_copied_record_does_not_count() {
        let (_d, s) = store();
        let (_d2, other) = store();
        mark_own(&other, ID, How::Created, clock::now()).unwrap();
        fs::create_dir_all(dir(&s)).unwrap();
        fs::copy(dir(&other).join(ID), dir(&s).join(ID)).unwrap();
        assert!(!is_own(&s, ID));
        // A hand-written record without any identity neither.
        fs::write(dir(&s).join(ID), "created 2026-01-01T00:00:00Z\n").unwrap();
        assert!(!is_own(&s, ID));
    }

    #[test]
    fn migration_adopts_sessions_with_local_traces_only() {
        let (_d, s) = store();
        let other = "019abc12-3456-7def-8901-234567890abd";
        fs::create_dir_all(s.local_dir().join("bindings")).unwrap();
        fs::write(s.local_dir().join("bindings").join("claude-1"), ID).unwrap();
        assert!(is_own(&s, ID), "judged before migration");
        assert!(!dir(&s).exists(), "a read-only look writes nothing");
        migrate(&s).unwrap();
        assert!(dir(&s).is_dir());
        assert!(is_own(&s, ID));
        assert!(!is_own(&s, other));
        // Migration happens once: a later binding is not evidence.
        fs::write(s.local_dir().join("bindings").join("claude-2"), other).unwrap();
        migrate(&s).unwrap();
        assert!(!is_own(&s, other));
    }
}
