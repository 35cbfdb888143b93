//! Pause snapshots: `journal/<id>/pauses/<stamp>.json`, one per pause.
//!
//! A snapshot records what the user said (summary, accomplishments, next
//! steps), the todo state, and the git state at the moment of the pause, so
//! that a later resume can say exactly what changed since. It carries a
//! SHA-256 of its own content; a mismatch on load is reported but never
//! fatal, because a hand-edited snapshot is still the best record we have.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use git2::Repository;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::doc::Document;
use crate::doc::progress::Sub;
use crate::git::WorkStatus;
use crate::store::Store;
use crate::{fsutil, session};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub session_id: String,
    pub paused_at: String,
    pub conversation: Conversation,
    /// `None` outside git.
    pub git_context: Option<GitContext>,
    pub todos: Todos,
    pub version: String,
    pub project_path: String,
    /// SHA-256 (hex) of the compact JSON of every other field, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checksum: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Conversation {
    pub summary: Option<String>,
    pub accomplishments: Vec<String>,
    pub next_steps: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GitContext {
    /// `None` when HEAD is detached.
    pub branch: Option<String>,
    /// Full object id of HEAD; `None` before the first commit.
    pub commit: Option<String>,
    pub commit_message: Option<String>,
    pub status: WorkStatus,
    /// Content ids (git blob ids) of the uncommitted files at the pause,
    /// so a later resume can tell an edit from a file rewritten with the
    /// same content (a stash and pop, a checkout back and forth).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub dirty_blobs: BTreeMap<String, String>,
    pub is_clean: bool,
    pub ahead_behind: AheadBehind,
    /// Short name of the branch's upstream, e.g. `origin/main`.
    pub upstream: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AheadBehind {
    pub ahead: usize,
    pub behind: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Todos {
    pub active: Vec<Todo>,
    pub completed: Vec<Todo>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Todo {
    pub content: String,
    pub status: String,
}

/// What loading a snapshot found out about its checksum.
#[derive(Debug, Clone, PartialEq)]
pub enum Integrity {
    Verified,
    /// The content does not hash to the recorded checksum.
    Mismatch,
    /// No checksum field at all.
    Missing,
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub snap: Snapshot,
    pub integrity: Integrity,
}

/// The latest snapshot could not be used.
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub path: PathBuf,
    pub reason: String,
}

pub fn pauses_dir(store: &Store, id: &str) -> PathBuf {
    store.journal_dir(id).join("pauses")
}

/// The todo lists of the Progress section: open steps are active.
pub fn todos_of(doc: &Document) -> Todos {
    let p = session::progress(doc);
    let item = |title: &str, status: &str| Todo {
        content: title.to_string(),
        status: status.to_string(),
    };
    let mut active: Vec<Todo> = p
        .items(Sub::InProgress)
        .iter()
        .filter(|i| i.is_open())
        .map(|i| item(&i.title, "in_progress"))
        .collect();
    active.extend(
        p.items(Sub::Remaining)
            .iter()
            .filter(|i| i.is_open())
            .map(|i| item(&i.title, "pending")),
    );
    let completed = p
        .items(Sub::Completed)
        .iter()
        .filter(|i| i.done)
        .map(|i| item(&i.title, "completed"))
        .collect();
    Todos { active, completed }
}

/// Most uncommitted files whose content id a snapshot records.
const MAX_HASHED: usize = 2000;

/// The content id of a file in the working tree as it is now (`None` for
/// a folder, a missing file, or one over the read limit).
pub fn blob_of(workdir: &Path, rel: &str) -> Option<String> {
    if rel.ends_with('/') {
        return None;
    }
    let p = workdir.join(rel);
    let m = fs::symlink_metadata(&p).ok()?;
    if !m.is_file() || m.len() > fsutil::MAX_READ {
        return None;
    }
    git2::Oid::hash_file(git2::ObjectType::Blob, &p)
        .ok()
        .map(|o| o.to_string())
}

/// The git half of a snapshot, read from an open repository.
pub fn git_context(repo: &Repository) -> GitContext {
    let head = crate::git::head(repo);
    let status = crate::git::status(repo);
    let dirty_blobs = match repo.workdir() {
        Some(wd) => status
            .all()
            .into_iter()
            .take(MAX_HASHED)
            .filter_map(|p| blob_of(wd, &p).map(|b| (p, b)))
            .collect(),
        None => BTreeMap::new(),
    };
    let up = crate::changes::upstream(repo);
    let (upstream, ahead_behind) = match up {
        Some(u) => (
            Some(u.name),
            AheadBehind {
                ahead: u.ahead,
                behind: u.behind,
            },
        ),
        None => (None, AheadBehind::default()),
    };
    GitContext {
        branch: if head.detached { None } else { head.branch },
        commit: head.commit,
        commit_message: head.subject,
        is_clean: status.is_clean(),
        status,
        dirty_blobs,
        ahead_behind,
        upstream,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of the compact JSON of `v` without its `checksum` key. Field
/// order is kept (serde_json's `preserve_order`), so a snapshot read back
/// hashes to the same value it was written with.
pub fn checksum_of(v: &serde_json::Value) -> String {
    let mut v = v.clone();
    if let Some(m) = v.as_object_mut() {
        m.remove("checksum");
    }
    let text = serde_json::to_string(&v).unwrap_or_default();
    hex(&Sha256::digest(text.as_bytes()))
}

/// The snapshot as written: pretty JSON with its checksum filled in.
pub fn render(snap: &Snapshot) -> Result<String> {
    let mut s = snap.clone();
    s.checksum = None;
    let v = serde_json::to_value(&s)?;
    s.checksum = Some(checksum_of(&v));
    let mut text = serde_json::to_string_pretty(&s)?;
    text.push('\n');
    Ok(text)
}

/// A free file name for a new snapshot (never an older one's), in its 0700
/// folder. The caller holds the store lock, so the check cannot race
/// another pause.
pub fn new_path(store: &Store, id: &str, stamp: &str) -> Result<PathBuf> {
    let dir = pauses_dir(store, id);
    // Made 0700; a folder that is already there keeps its mode (it may
    // not be ours to change).
    fsutil::ensure_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // This folder is committed too: a pause killed mid-write left its temp
    // file here.
    fsutil::sweep_temp_files(&dir, fsutil::STALE_TEMP_AGE);
    let mut path = dir.join(format!("{stamp}.json"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stamp}-{n}.json"));
        n += 1;
    }
    Ok(path)
}

/// Write a snapshot atomically, mode 0600.
pub fn write_at(path: &Path, snap: &Snapshot) -> Result<()> {
    let text = render(snap)?;
    fsutil::atomic_write(path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Sort key of a snapshot file name: `<stamp>[-<n>].json`.
fn order_key(p: &Path) -> (String, u32) {
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once('-') {
        Some((s, n)) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => {
            (s.to_string(), n.parse().unwrap_or(1))
        }
        _ => (stem, 1),
    }
}

/// Every snapshot file of a session, oldest first.
pub fn list(store: &Store, id: &str) -> Vec<PathBuf> {
    let mut v = crate::fsutil::files_with_ext(&pauses_dir(store, id), "json");
    v.sort_by_key(|p| order_key(p));
    v
}

/// Read and verify one snapshot.
pub fn load(path: &Path) -> Result<Loaded, Unreadable> {
    let bad = |reason: String| Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let text = fsutil::read_text(path).map_err(|e| bad(e.to_string()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| bad(format!("invalid JSON: {e}")))?;
    if !v.is_object() {
        return Err(bad("not a JSON object".into()));
    }
    let snap: Snapshot =
        serde_json::from_value(v.clone()).map_err(|e| bad(format!("unexpected shape: {e}")))?;
    let integrity = match v.get("checksum").and_then(|c| c.as_str()) {
        None => Integrity::Missing,
        Some(c) if c.eq_ignore_ascii_case(&checksum_of(&v)) => Integrity::Verified,
        Some(_) => Integrity::Mismatch,
    };
    Ok(Loaded {
        path: path.to_path_buf(),
        snap,
        integrity,
    })
}

/// The newest snapshot of a session: `None` when it never paused.
pub fn latest(store: &Store, id: &str) -> Option<Result<Loaded, Unreadable>> {
    list(store, id).last().map(|p| load(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Snapshot {
        Snapshot {
            session_id: "0192a0b0-0000-7000-8000-000000000000".into(),
            paused_at: "2026-01-15T10:00:00Z".into(),
            conversation: Conversation {
                summary: Some("Payments".into()),
                accomplishments: vec!["Stripe".into()],
                next_steps: vec!["Refunds".into()],
            },
            git_context: None,
            todos: Todos::default(),
            version: "0.1.0".into(),
            project_path: "/p".into(),
            checksum: None,
        }
    }

    #[test]
    fn checksum_round_trip_and_tamper() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("s.json");
        fs::write(&p, render(&sample()).unwrap()).unwrap();
        let l = load(&p).unwrap();
        assert_eq!(l.integrity, Integrity::Verified);
        assert_eq!(l.snap.conversation.summary.as_deref(), Some("Payments"));
        let t = fs::read_to_string(&p)
            .unwrap()
            .replace("Payments", "Paymentz");
        fs::write(&p, t).unwrap();
        assert_eq!(load(&p).unwrap().integrity, Integrity::Mismatch);
        fs::write(&p, "{ not json").unwrap();
        assert!(load(&p).unwrap_err().reason.contains("invalid JSON"));
    }

    #[test]
    fn same_second_pauses_sort_in_order() {
        let names = [
            "20260115T100000Z-10.json",
            "20260115T100000Z.json",
            "20260115T100000Z-2.json",
            "20260114T235959Z.json",
        ];
        let mut v: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        v.sort_by_key(|p| order_key(p));
        let got: Vec<String> = v.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(
            got,
            [
                "20260114T235959Z.json",
                "20260115T100000Z.json",
                "20260115T100000Z-2.json",
                "20260115T100000Z-10.json"
            ]
        );
    }
}
