//! Pause snapshots as commits on refs of their own: `refs/sessions/<id>`,
//! whose tree holds that session's store files (paths relative to
//! `.sessions/`) and whose parent is the session's previous snapshot.
//!
//! Written with libgit2's object database and tree builder: no index is
//! read or written, HEAD does not move, no hook runs, the working tree is
//! not looked at. Shared with git itself (`git push/fetch` of
//! `refs/sessions/*`, see `cmd::sync`); a fetched snapshot lands on
//! `refs/remotes/<remote>/sessions/<id>` and can be restored from there.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use git2::{ObjectType, Oid, Repository, Signature};

pub const PREFIX: &str = "refs/sessions/";

/// Largest file we put in a snapshot (the store's own read limit).
const MAX_FILE: u64 = crate::fsutil::MAX_READ;

pub fn refname(id: &str) -> String {
    format!("{PREFIX}{id}")
}

/// A session id fit for a ref name: what `uuid` writes.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// A new snapshot commit.
    Made(Oid),
    /// The files are exactly those of the previous snapshot.
    Unchanged(Oid),
}

/// Our identity on snapshot commits: the user's (`GIT_COMMITTER_*`, else
/// `user.name` / `user.email`), else a name that says what made it; at
/// `when`, in the local time zone.
pub fn signature(
    repo: &Repository,
    when: chrono::DateTime<chrono::Utc>,
) -> Result<Signature<'static>> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let cfg = repo.config().ok();
    let get = |k: &str| cfg.as_ref().and_then(|c| c.get_string(k).ok());
    let name = env("GIT_COMMITTER_NAME")
        .or_else(|| get("user.name"))
        .unwrap_or_else(|| "session-hook".into());
    let email = env("GIT_COMMITTER_EMAIL")
        .or_else(|| get("user.email"))
        .unwrap_or_else(|| "session-hook@localhost".into());
    let offset = chrono::Local
        .offset_from_utc_datetime(&when.naive_utc())
        .local_minus_utc()
        / 60;
    Ok(Signature::new(
        &name,
        &email,
        &git2::Time::new(when.timestamp(), offset),
    )?)
}
use chrono::TimeZone as _;

/// A folder of the tree being built.
#[derive(Default)]
struct Dir {
    files: BTreeMap<String, Oid>,
    dirs: BTreeMap<String, Dir>,
}

impl Dir {
    fn insert(&mut self, rel: &Path, blob: Oid) {
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let (name, folders) = parts.split_last().expect("a file path");
        let mut d = self;
        for f in folders {
            d = d.dirs.entry(f.clone()).or_default();
        }
        d.files.insert(name.clone(), blob);
    }

    fn write(&self, repo: &Repository, written: &mut Vec<Oid>) -> Result<Oid> {
        let mut tb = repo.treebuilder(None)?;
        for (name, d) in &self.dirs {
            let id = d.write(repo, written)?;
            tb.insert(name, id, 0o040000)?;
        }
        for (name, id) in &self.files {
            tb.insert(name, *id, 0o100644)?;
        }
        let id = tb.write()?;
        written.push(id);
        Ok(id)
    }
}

/// Left behind by a writer that was killed mid-write (see `fsutil`).
fn is_temp_file(name: &str) -> bool {
    name.starts_with(".tmp-") && name.ends_with(".partial")
}

/// Regular files under `root` (a file or a folder), relative to `base`,
/// never following a symlink (folders are reached as `fsutil` reaches
/// them: beneath the project, no link on the way).
fn collect(base: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    let Ok(m) = std::fs::symlink_metadata(base.join(rel)) else {
        return;
    };
    if m.is_file() {
        let name = rel.file_name().map(|n| n.to_string_lossy().into_owned());
        if !name.as_deref().is_some_and(is_temp_file) {
            out.push(rel.to_path_buf());
        }
    } else if m.is_dir() {
        let mut names: Vec<_> = crate::fsutil::entries(&base.join(rel))
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        names.sort();
        for n in names {
            collect(base, &rel.join(n), out);
        }
    }
}

/// Read a regular file without following a symlink, bounded.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    crate::fsutil::read_capped(path, MAX_FILE)
        .with_context(|| format!("cannot read {}", path.display()))
}

/// Record the files under `roots` (paths relative to `store_dir`) as the
/// next snapshot of session `id`. A file in `given` is recorded with the
/// bytes given there, whatever the disk holds (a document about to be
/// written: the snapshot comes first).
pub fn write(
    repo: &Repository,
    store_dir: &Path,
    roots: &[PathBuf],
    given: &[(PathBuf, &[u8])],
    id: &str,
    message: &str,
    sig: &Signature,
) -> Result<Written> {
    if !valid_id(id) {
        bail!("{id:?} is not a session id");
    }
    let mut files = Vec::new();
    for r in roots {
        collect(store_dir, r, &mut files);
    }
    for (rel, _) in given {
        if !files.contains(rel) {
            files.push(rel.clone());
        }
    }
    let mut root = Dir::default();
    let mut written = Vec::new();
    for rel in &files {
        let blob = match given.iter().find(|(p, _)| p == rel) {
            Some((_, bytes)) => repo.blob(bytes)?,
            None => repo.blob(&read_file(&store_dir.join(rel))?)?,
        };
        written.push(blob);
        root.insert(rel, blob);
    }
    let tree_id = root.write(repo, &mut written)?;
    let name = refname(id);
    let parent = match repo.refname_to_id(&name) {
        Ok(p) => Some(repo.find_commit(p)?),
        Err(e) if e.code() == git2::ErrorCode::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(p) = &parent
        && p.tree_id() == tree_id
    {
        return Ok(Written::Unchanged(p.id()));
    }
    let tree = repo.find_tree(tree_id)?;
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    let commit = repo.commit(None, sig, sig, message, &tree, &parents)?;
    written.push(commit);
    let log = format!("session-hook: {}", message.lines().next().unwrap_or(""));
    past_stale_lock(repo, &name, || {
        match &parent {
            // Moved only from the parent we built on.
            Some(p) => repo.reference_matching(&name, commit, true, p.id(), &log),
            None => repo.reference(&name, commit, false, &log),
        }
        .map(drop)
    })?;
    super::shared::adjust_written(repo, &written, &name);
    Ok(Written::Made(commit))
}

/// How long a ref lock may be held by a live git (packing refs, an update)
/// before it is taken for the leftover of a writer that was killed.
const STALE_REF_LOCK: std::time::Duration = std::time::Duration::from_millis(1500);

/// Run `update` on the ref `name`; when its lock file is held, wait for it,
/// and when the same lock file is still there after [`STALE_REF_LOCK`],
/// remove it and try once more. Our writers of `refs/sessions/*` hold the
/// store lock, so a lock that outlives git's own brief holds was left by a
/// pause killed mid-update, and would otherwise refuse every later pause.
fn past_stale_lock(
    repo: &Repository,
    name: &str,
    mut update: impl FnMut() -> Result<(), git2::Error>,
) -> Result<()> {
    let lock = repo.commondir().join(format!("{name}.lock"));
    let seen = |p: &Path| {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(p)
            .ok()
            .map(|m| (m.ino(), m.mtime(), m.mtime_nsec()))
    };
    let first = match update() {
        Err(e) if e.code() == git2::ErrorCode::Locked => seen(&lock),
        r => return Ok(r?),
    };
    let start = std::time::Instant::now();
    while start.elapsed() < STALE_REF_LOCK {
        std::thread::sleep(std::time::Duration::from_millis(20));
        match update() {
            Err(e) if e.code() == git2::ErrorCode::Locked => {}
            r => return Ok(r?),
        }
    }
    if first.is_some() && seen(&lock) == first {
        let _ = std::fs::remove_file(&lock);
    }
    Ok(update()?)
}

/// Take back a snapshot [`write`] just made (the pause it belongs to
/// failed): the ref goes back to the commit's parent, or away when it had
/// none, and only if nobody moved it since.
pub fn undo(repo: &Repository, id: &str, made: Oid) -> Result<()> {
    let name = refname(id);
    let commit = repo.find_commit(made)?;
    let log = "session-hook: the pause failed; snapshot taken back";
    match commit.parent_ids().next() {
        Some(parent) => {
            repo.reference_matching(&name, parent, true, made, log)?;
        }
        None => {
            let mut r = repo.find_reference(&name)?;
            if r.target() == Some(made) {
                r.delete()?;
            }
        }
    }
    Ok(())
}

/// A session found on a snapshot ref.
#[derive(Debug, Clone)]
pub struct RefSession {
    /// `refs/sessions/<id>` or `refs/remotes/<remote>/sessions/<id>`.
    pub refname: String,
    pub id: String,
    pub commit: Oid,
    /// Committer time of the snapshot, seconds.
    pub time: i64,
    /// The session document's path in the tree (`active/<name>.md`).
    pub doc_path: String,
    pub doc_text: String,
}

impl RefSession {
    /// Where it came from, for people: `origin` or `local`.
    pub fn origin(&self) -> &str {
        self.refname
            .strip_prefix("refs/remotes/")
            .and_then(|r| r.split('/').next())
            .unwrap_or("this repository")
    }
}

/// The session id a snapshot ref names.
fn id_of(refname: &str) -> Option<&str> {
    let id = if let Some(id) = refname.strip_prefix(PREFIX) {
        id
    } else {
        let rest = refname.strip_prefix("refs/remotes/")?;
        let (_, id) = rest.split_once("/sessions/")?;
        id
    };
    valid_id(id).then_some(id)
}

/// Every snapshot ref (ours and fetched), one per session: the newest.
pub fn list(repo: &Repository) -> Vec<RefSession> {
    let mut by_id: BTreeMap<String, RefSession> = BTreeMap::new();
    let globs = [
        format!("{PREFIX}*"),
        "refs/remotes/*/sessions/*".to_string(),
    ];
    let refs = globs
        .iter()
        .filter_map(|g| repo.references_glob(g).ok())
        .flat_map(|r| r.flatten().collect::<Vec<_>>());
    for r in refs {
        let Ok(name) = r.name() else { continue };
        let Some(id) = id_of(name) else { continue };
        let Ok(c) = r.peel_to_commit() else { continue };
        let Some((doc_path, doc_text)) = document_in(repo, &c) else {
            continue;
        };
        let s = RefSession {
            refname: name.to_string(),
            id: id.to_string(),
            commit: c.id(),
            time: c.time().seconds(),
            doc_path,
            doc_text,
        };
        // Ours wins over a fetched copy of the same snapshot; else newest.
        let better = by_id.get(id).is_none_or(|old| {
            (s.time, s.refname.starts_with(PREFIX)) > (old.time, old.refname.starts_with(PREFIX))
        });
        if better {
            by_id.insert(id.to_string(), s);
        }
    }
    by_id.into_values().collect()
}

/// The session document in a snapshot: the one `.md` in `active/`, else
/// in `archive/`.
fn document_in(repo: &Repository, c: &git2::Commit) -> Option<(String, String)> {
    let tree = c.tree().ok()?;
    for folder in ["active", "archive"] {
        let Some(sub) = tree
            .get_name(folder)
            .and_then(|e| e.to_object(repo).ok())
            .and_then(|o| o.into_tree().ok())
        else {
            continue;
        };
        for e in sub.iter() {
            let name = e.name().ok()?;
            if name.ends_with(".md") && e.kind() == Some(ObjectType::Blob) {
                let blob = repo.find_blob(e.id()).ok()?;
                let text = String::from_utf8(blob.content().to_vec()).ok()?;
                return Some((format!("{folder}/{name}"), text));
            }
        }
    }
    None
}

/// A path from a snapshot tree that is safe to create inside the store:
/// plain names only, and never the machine-local folder.
fn safe(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty()
        && p.components().all(|c| matches!(c, Component::Normal(_)))
        && !rel.starts_with(".local/")
        && rel
            .split('/')
            .all(|n| !n.is_empty() && n != "." && n != ".." && n != ".git")
}

/// Write the files of a snapshot into the store, never replacing a file
/// that is there; returns the paths created (relative to the store). The
/// snapshot's commit also becomes the local ref of the session, so the
/// next pause continues its history.
pub fn restore(repo: &Repository, s: &RefSession, store_dir: &Path) -> Result<Vec<String>> {
    let c = repo.find_commit(s.commit)?;
    let tree = c.tree()?;
    let mut todo: Vec<(String, git2::Blob)> = Vec::new();
    let mut err = None;
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
        if e.kind() != Some(ObjectType::Blob) {
            return git2::TreeWalkResult::Ok;
        }
        let rel = format!("{dir}{}", e.name().unwrap_or_default());
        if !safe(&rel) {
            err = Some(rel);
            return git2::TreeWalkResult::Abort;
        }
        if let Ok(b) = repo.find_blob(e.id()) {
            todo.push((rel, b));
        }
        git2::TreeWalkResult::Ok
    })
    .ok();
    if let Some(bad) = err {
        bail!("the snapshot {} holds an unsafe path {bad:?}", s.refname);
    }
    let mut made = Vec::new();
    for (rel, blob) in todo {
        let path = store_dir.join(&rel);
        if std::fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        let mut dir = store_dir.to_path_buf();
        for part in Path::new(&rel)
            .parent()
            .into_iter()
            .flat_map(Path::components)
        {
            dir.push(part);
            crate::fsutil::ensure_private_dir(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        crate::fsutil::atomic_write(&path, blob.content())
            .with_context(|| format!("cannot write {}", path.display()))?;
        made.push(rel);
    }
    let local = refname(&s.id);
    if repo.refname_to_id(&local).is_err() {
        repo.reference(&local, s.commit, false, "session-hook: restored")?;
        super::shared::adjust_written(repo, &[], &local);
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_ref_names() {
        let id = "01932c4e-0000-7000-8000-000000000000";
        assert_eq!(id_of(&format!("refs/sessions/{id}")), Some(id));
        assert_eq!(
            id_of(&format!("refs/remotes/origin/sessions/{id}")),
            Some(id)
        );
        assert_eq!(id_of("refs/sessions/../x"), None);
        assert_eq!(id_of("refs/heads/main"), None);
    }

    #[test]
    fn unsafe_paths_are_refused() {
        assert!(safe("active/a-1.md"));
        assert!(safe("journal/x/entries/e.md"));
        for bad in [
            "../x",
            "/etc/passwd",
            ".local/lock",
            "a/./b",
            "a//b",
            "a/.git/x",
            "",
        ] {
            assert!(!safe(bad), "{bad}");
        }
    }
}
