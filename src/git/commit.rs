//! Commit one folder of the working tree (the store) on HEAD, updating
//! only that folder's index entries, by editing the index file directly.
//!
//! Through libgit2 this costs a full index load and a full index write,
//! each with a collision-detecting SHA-1 over the file (about 16 ms for a
//! 10,000-file index). Here the index is read once, the folder's entries
//! are replaced, the cache tree is invalidated along the changed paths, and
//! the file is written back under git's own lock protocol (`index.lock`,
//! then rename; not fsynced, as git and libgit2 do by default). The commit
//! tree is HEAD's tree with only the changed paths edited.
//!
//! Anything the index scan does not model makes this decline, and the
//! caller takes the libgit2 path instead.

use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use git2::build::TreeUpdateBuilder;
use git2::{FileMode, ObjectType, Oid, Repository, Signature};

use super::index::{self, Entry, IndexFile};
use super::{loose, worktree};

pub enum Outcome {
    Made(Oid),
    /// The folder in the index already matches HEAD.
    Unchanged,
    /// Not modelled here; use libgit2.
    Declined(&'static str),
}

/// Holds `index.lock`; removes it unless the new index was moved into place.
struct IndexLock {
    path: PathBuf,
    file: Option<std::fs::File>,
}

impl IndexLock {
    fn take(repo: &Repository) -> Result<IndexLock> {
        let path = repo.path().join("index.lock");
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| {
                format!(
                    "the git index is locked by another process ({} exists)",
                    path.display()
                )
            })?;
        Ok(IndexLock {
            path,
            file: Some(file),
        })
    }

    fn commit(mut self, bytes: &[u8], index: &Path) -> Result<()> {
        let mut f = self.file.take().expect("lock file open");
        f.write_all(bytes)?;
        drop(f);
        // Swapping the new index in and unlinking the old one spares ext4
        // the flush it starts when a rename replaces a file (about 1 ms
        // for a megabyte). Without exchange (no index yet, other systems),
        // a plain rename.
        match crate::fsutil::exchange(&self.path, index) {
            Ok(()) => std::fs::remove_file(&self.path)
                .with_context(|| format!("removing {}", self.path.display()))?,
            Err(_) => std::fs::rename(&self.path, index)?,
        }
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A file of the folder as it is on disk.
struct OnDisk {
    path: Vec<u8>,
    meta: std::fs::Metadata,
}

/// Commit the files under `dir/` (a top-level folder name) as they are on
/// disk, leaving out those `skip` names, on the branch HEAD points to.
/// Untracked ignored files stay out, as `git add` would leave them.
pub fn commit_folder(
    repo: &Repository,
    dir: &str,
    skip: &dyn Fn(&[u8]) -> bool,
    sig: &Signature,
    message: &str,
) -> Result<Outcome> {
    let Some(workdir) = repo.workdir() else {
        return Ok(Outcome::Declined("no working tree"));
    };
    let lock = IndexLock::take(repo)?;
    let index_path = repo.path().join("index");
    let loaded = match worktree::load_owned(repo) {
        Ok(l) => l,
        Err(d) => return Ok(Outcome::Declined(d.0)),
    };
    let mut ix = loaded.file;
    if let Err(d) = worktree::check(&ix) {
        return Ok(Outcome::Declined(d.0));
    }
    let settings = match worktree::settings(repo, &ix) {
        Ok(s) => s,
        Err(d) => return Ok(Outcome::Declined(d.0)),
    };
    if settings.filters {
        return Ok(Outcome::Declined("content filters may apply"));
    }
    let prefix = format!("{dir}/").into_bytes();

    let mut disk = Vec::new();
    list(workdir, &prefix, skip, &mut disk)?;
    disk.sort_by(|a, b| a.path.cmp(&b.path));
    // Attributes not yet in the index still apply to what is added.
    if workdir.join(".gitattributes").exists() || disk.iter().any(|f| index::is_attributes(&f.path))
    {
        return Ok(Outcome::Declined("content filters may apply"));
    }

    // The folder's run of entries, replaced by what is on disk.
    let start = ix.entries.partition_point(|e| e.path < prefix);
    let end = start + ix.entries[start..].partition_point(|e| e.path.starts_with(&prefix));
    let old: Vec<Entry> = ix.entries.drain(start..end).collect();
    let mut new: Vec<Entry> = Vec::with_capacity(disk.len());
    let mut changed: Vec<Vec<u8>> = Vec::new();
    let mut o = old.into_iter().peekable();
    for f in &disk {
        // Entries left out of the walk (`skip`) are kept as they are.
        while let Some(e) = o.next_if(|e| e.path < f.path) {
            if skip(&e.path) {
                new.push(e);
            } else {
                changed.push(e.path);
            }
        }
        let prior = o.next_if(|e| e.path == f.path);
        if prior.is_none() && is_ignored(repo, &f.path) {
            continue;
        }
        let full = workdir.join(std::ffi::OsStr::from_bytes(&f.path));
        let entry = match prior {
            Some(e) if !e.racy(loaded.mtime_secs) && e.stat_matches(&(&f.meta).into()) => e,
            prior => {
                let (content, mode) = read_blob(&full, &f.meta, prior.as_ref(), &settings)?;
                let id = loose::blob_id(&content);
                let same = prior
                    .as_ref()
                    .is_some_and(|e| e.oid == id.as_bytes() && e.mode == mode);
                if !same {
                    loose::write_blob(repo, id, &content)?;
                    changed.push(f.path.clone());
                }
                entry_for(&f.path, &f.meta, mode, id)
            }
        };
        new.push(entry);
    }
    for e in o {
        if skip(&e.path) {
            new.push(e);
        } else {
            changed.push(e.path);
        }
    }
    let head = repo.head()?.peel_to_commit()?;
    let head_tree = head.tree()?;
    // The folder's trees are written from its entries, as `git write-tree`
    // writes them, and HEAD's tree gets the new folder tree in place of
    // the old one.
    let old_tree = head_tree
        .get_path(Path::new(dir))
        .ok()
        .filter(|e| e.kind() == Some(ObjectType::Tree))
        .map(|e| e.id());
    let new_tree = if new.is_empty() {
        None
    } else {
        let raw = index::trees(&prefix, &new, &mut |_, id, body| {
            loose::write_object(repo, "tree", Oid::from_bytes(&id)?, body)
        })?;
        Some(Oid::from_bytes(&raw)?)
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(i64::MAX);
    for e in &mut new {
        // Written this second: a later edit of the same size could go
        // unseen once the index is older, so force a content check.
        if i64::from(e.mtime.0) >= now && changed.contains(&e.path) {
            e.size = 0;
        }
    }
    // The tree comes first: should libgit2 refuse the edit (a file in
    // HEAD where a folder on the way to `dir` should be), nothing has been
    // written and libgit2's own path takes over.
    let tree = if new_tree == old_tree {
        None
    } else {
        let mut up = TreeUpdateBuilder::new();
        match new_tree {
            Some(id) => up.upsert(dir, id, FileMode::Tree),
            None => up.remove(dir),
        };
        match up.create_updated(repo, &head_tree) {
            Ok(t) => Some(repo.find_tree(t)?),
            Err(_) => return Ok(Outcome::Declined("the tree edit was refused")),
        }
    };
    // The store's entries were just checked against the disk; the rest
    // get git's racy-clean check.
    smudge_racily_clean(workdir, &mut ix, loaded.mtime_secs, &settings);
    ix.entries.splice(start..start, new);
    keep_extensions(&mut ix, &changed);
    lock.commit(&index::to_bytes(&ix), &index_path)?;

    let Some(tree) = tree else {
        return Ok(Outcome::Unchanged);
    };
    let oid = repo.commit(Some("HEAD"), sig, sig, message, &tree, &[&head])?;
    Ok(Outcome::Made(oid))
}

/// Regular files and symlinks under `prefix`, recursively.
fn list(
    workdir: &Path,
    prefix: &[u8],
    skip: &dyn Fn(&[u8]) -> bool,
    out: &mut Vec<OnDisk>,
) -> Result<()> {
    let dir = workdir.join(std::ffi::OsStr::from_bytes(&prefix[..prefix.len() - 1]));
    let rd = match std::fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("listing {}", dir.display())),
    };
    for e in rd {
        let e = e?;
        let name = e.file_name();
        // Git never tracks a `.git` (a nested repository's or a gitfile).
        if name.as_bytes().eq_ignore_ascii_case(b".git") {
            continue;
        }
        let path = [prefix, name.as_bytes()].concat();
        if skip(&path) {
            continue;
        }
        // Relative to the open folder (fstatat), not a walk of the full
        // path for every file; symlinks are not followed.
        let meta = match e.metadata() {
            Ok(m) => m,
            // Gone since the listing (a temp file renamed into place).
            Err(_) => continue,
        };
        if meta.is_dir() {
            list(workdir, &[path.as_slice(), b"/"].concat(), skip, out)?;
        } else if meta.is_file() || meta.is_symlink() {
            out.push(OnDisk { path, meta });
        }
    }
    Ok(())
}

fn is_ignored(repo: &Repository, path: &[u8]) -> bool {
    repo.is_path_ignored(Path::new(std::ffi::OsStr::from_bytes(path)))
        .unwrap_or(false)
}

/// A file's blob content and index mode.
fn read_blob(
    full: &Path,
    meta: &std::fs::Metadata,
    prior: Option<&Entry>,
    settings: &worktree::Settings,
) -> Result<(Vec<u8>, u32)> {
    use std::os::unix::fs::PermissionsExt;
    if meta.is_symlink() {
        let target = std::fs::read_link(full)?;
        return Ok((target.as_os_str().as_bytes().to_vec(), index::MODE_LINK));
    }
    let content = std::fs::read(full).with_context(|| format!("reading {}", full.display()))?;
    let exec = if settings.filemode {
        meta.permissions().mode() & 0o100 != 0
    } else {
        prior.is_some_and(|e| e.mode == index::MODE_EXEC)
    };
    let mode = if exec {
        index::MODE_EXEC
    } else {
        index::MODE_FILE
    };
    Ok((content, mode))
}

fn entry_for(path: &[u8], m: &std::fs::Metadata, mode: u32, id: Oid) -> Entry {
    let s = index::Stat::from(m);
    Entry {
        ctime: s.ctime,
        mtime: s.mtime,
        dev: s.dev,
        ino: s.ino,
        mode,
        uid: s.uid,
        gid: s.gid,
        size: s.size,
        oid: index::raw_oid(id),
        flags: 0,
        ext_flags: 0,
        path: path.to_vec(),
    }
}

/// Git's guard against the "touch, update, touch" race: an entry written
/// in the same second as the old index whose stat data still matches but
/// whose content no longer does gets its size zeroed, so the next reader
/// hashes it instead of trusting a newer index's timestamp.
fn smudge_racily_clean(
    workdir: &Path,
    ix: &mut IndexFile,
    index_mtime: Option<i64>,
    settings: &worktree::Settings,
) {
    let Some(t) = index_mtime else { return };
    for e in &mut ix.entries {
        if i64::from(e.mtime.0) < t || e.size == 0 {
            continue;
        }
        let full = workdir.join(std::ffi::OsStr::from_bytes(&e.path));
        let Ok(m) = std::fs::symlink_metadata(&full) else {
            continue;
        };
        if !e.stat_matches(&(&m).into()) {
            continue;
        }
        let same = read_blob(&full, &m, Some(e), settings)
            .ok()
            .map(|(c, _)| loose::blob_id(&c))
            .is_some_and(|id| id.as_bytes() == e.oid);
        if !same {
            e.size = 0;
        }
    }
}

/// The cache tree loses the changed paths; resolve-undo data is kept.
/// Other optional extensions describe the old entry list (offset tables,
/// untracked and fsmonitor caches) and are dropped, as libgit2 drops them;
/// git rebuilds them when it wants them.
fn keep_extensions(ix: &mut IndexFile, changed: &[Vec<u8>]) {
    ix.extensions
        .retain(|x| matches!(&x.signature, b"TREE" | b"REUC"));
    for x in &mut ix.extensions {
        if &x.signature == b"TREE" {
            match index::CacheTree::parse(&x.data) {
                Ok(mut t) => {
                    for p in changed {
                        t.invalidate(p);
                    }
                    x.data = t.to_bytes();
                }
                Err(_) => x.data.clear(),
            }
        }
    }
    ix.extensions
        .retain(|x| !(&x.signature == b"TREE" && x.data.is_empty()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::write_file as write;
    use std::fs;

    fn sig() -> Signature<'static> {
        Signature::now("t", "t@example.com").unwrap()
    }

    fn store_skip(p: &[u8]) -> bool {
        p.starts_with(b".sessions/.local/") || p.ends_with(b".partial")
    }

    /// Every index entry outside the store, as libgit2 reads it.
    fn user_entries(repo: &Repository) -> Vec<(Vec<u8>, Oid, u32, u32, i32)> {
        let mut idx = repo.index().unwrap();
        idx.read(true).unwrap();
        idx.iter()
            .filter(|e| !e.path.starts_with(b".sessions/"))
            .map(|e| (e.path, e.id, e.mode, e.file_size, e.mtime.seconds()))
            .collect()
    }

    fn paths_under(tree: &git2::Tree, dir: &str) -> Vec<String> {
        let mut out = Vec::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |root, e| {
            if e.kind() != Some(ObjectType::Tree) {
                out.push(format!("{root}{}", e.name().unwrap()));
            }
            git2::TreeWalkResult::Ok
        })
        .unwrap();
        out.retain(|p| p.starts_with(dir));
        out
    }

    #[test]
    fn only_the_store_is_committed_and_only_its_entries_change() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        let repo = Repository::init(root).unwrap();
        write(root, "src/a.rs", "a\n");
        write(root, "src/b.rs", "b\n");
        write(root, ".sessions/.gitignore", ".local/\n");
        write(root, ".sessions/active/old.md", "old\n");
        crate::git::commit_work_tree(&repo, ("t", "t@e"), "base").unwrap();
        let mut idx = repo.index().unwrap();
        idx.add_path(Path::new(".sessions/.gitignore")).unwrap();
        idx.add_path(Path::new(".sessions/active/old.md")).unwrap();
        idx.write().unwrap();
        crate::git::commit_index(&repo, &mut idx, &sig(), "store").unwrap();
        // The user's work: staged, unstaged and untracked.
        write(root, "src/a.rs", "a staged\n");
        idx.add_path(Path::new("src/a.rs")).unwrap();
        idx.write().unwrap();
        write(root, "src/b.rs", "b unstaged\n");
        write(root, "notes.txt", "untracked\n");
        // The store: one edit, one new file, one removal, and what stays out.
        write(root, ".sessions/active/s.md", "session\n");
        fs::remove_file(root.join(".sessions/active/old.md")).unwrap();
        write(root, ".sessions/journal/x/entries/e1.md", "entry\n");
        write(root, ".sessions/.local/lock", "");
        write(root, ".sessions/active/.tmp-1.partial", "half");
        let before = user_entries(&repo);
        let head_before = repo.head().unwrap().peel_to_commit().unwrap();
        let status_before = crate::git::status(&repo, 2);

        let out = commit_folder(&repo, ".sessions", &store_skip, &sig(), "pause").unwrap();
        let Outcome::Made(oid) = out else {
            panic!("expected a commit")
        };
        let c = repo.find_commit(oid).unwrap();
        assert_eq!(c.parent_id(0).unwrap(), head_before.id());
        assert_eq!(repo.head().unwrap().target(), Some(oid));
        let tree = c.tree().unwrap();
        assert_eq!(
            paths_under(&tree, ".sessions"),
            [
                ".sessions/.gitignore",
                ".sessions/active/s.md",
                ".sessions/journal/x/entries/e1.md"
            ]
        );
        // Everything outside the store is HEAD's, not the staged version.
        assert_eq!(
            tree.get_path(Path::new("src/a.rs")).unwrap().id(),
            head_before
                .tree()
                .unwrap()
                .get_path(Path::new("src/a.rs"))
                .unwrap()
                .id()
        );
        // libgit2 reads the index we wrote (it checks the checksum), the
        // user's entries are untouched, and the store is clean.
        assert_eq!(user_entries(&repo), before);
        assert_eq!(crate::git::status(&repo, 2), status_before);
        let mut so = git2::StatusOptions::new();
        so.pathspec(".sessions").include_untracked(true);
        let store: Vec<_> = repo
            .statuses(Some(&mut so))
            .unwrap()
            .iter()
            .map(|e| (e.path().unwrap().to_string(), e.status()))
            .collect();
        assert_eq!(
            store,
            [(
                ".sessions/active/.tmp-1.partial".into(),
                git2::Status::WT_NEW
            )]
        );

        // Nothing new: no commit.
        let again = commit_folder(&repo, ".sessions", &store_skip, &sig(), "pause").unwrap();
        assert!(matches!(again, Outcome::Unchanged));
        assert_eq!(repo.head().unwrap().target(), Some(oid));
    }

    /// A repository with one commit of `rel`, and a store file on disk.
    fn committed(rel: &str, text: &str) -> (tempfile::TempDir, Repository) {
        let d = tempfile::tempdir().unwrap();
        let repo = Repository::init(d.path()).unwrap();
        write(d.path(), rel, text);
        crate::git::commit_work_tree(&repo, ("t", "t@e"), "base").unwrap();
        write(d.path(), ".sessions/active/s.md", "s\n");
        (d, repo)
    }

    #[test]
    fn a_held_index_lock_is_an_error_and_stays() {
        let (_d, repo) = committed("a.txt", "a");
        let lock = repo.path().join("index.lock");
        fs::write(&lock, "someone else").unwrap();
        let err = commit_folder(&repo, ".sessions", &store_skip, &sig(), "m")
            .err()
            .expect("refused");
        assert!(format!("{err:#}").contains("locked"), "{err:#}");
        assert_eq!(fs::read_to_string(&lock).unwrap(), "someone else");
    }

    #[test]
    fn a_file_that_became_a_folder_is_committed_as_a_folder() {
        let (d, repo) = committed("a.txt", "a");
        let mut idx = repo.index().unwrap();
        idx.add_path(Path::new(".sessions/active/s.md")).unwrap();
        idx.write().unwrap();
        crate::git::commit_index(&repo, &mut idx, &sig(), "store").unwrap();
        fs::remove_file(d.path().join(".sessions/active/s.md")).unwrap();
        write(d.path(), ".sessions/active/s.md/inner.md", "now a folder");
        let Outcome::Made(id) =
            commit_folder(&repo, ".sessions", &store_skip, &sig(), "m").unwrap()
        else {
            panic!("expected a commit");
        };
        let tree = repo.find_commit(id).unwrap().tree().unwrap();
        let folder = tree.get_path(Path::new(".sessions/active/s.md")).unwrap();
        assert_eq!(folder.kind(), Some(ObjectType::Tree));
        assert!(
            tree.get_path(Path::new(".sessions/active/s.md/inner.md"))
                .is_ok()
        );
        assert!(tree.get_path(Path::new("a.txt")).is_ok());
        // The index agrees: nothing left to commit, nothing missing.
        let mut o = git2::StatusOptions::new();
        o.include_untracked(true).recurse_untracked_dirs(true);
        let st = repo.statuses(Some(&mut o)).unwrap();
        let left: Vec<_> = st
            .iter()
            .filter_map(|e| e.path().ok().map(str::to_string))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_refused_tree_edit_hands_over_with_the_index_untouched() {
        // HEAD has a file where a folder on the way to the store is now:
        // libgit2 refuses to descend into it.
        let (d, repo) = committed("sub", "a file\n");
        fs::remove_file(d.path().join("sub")).unwrap();
        write(d.path(), "sub/.sessions/active/s.md", "s\n");
        let before = fs::read(repo.path().join("index")).unwrap();
        let out = commit_folder(&repo, "sub/.sessions", &store_skip, &sig(), "m").unwrap();
        assert!(matches!(out, Outcome::Declined(_)));
        assert_eq!(fs::read(repo.path().join("index")).unwrap(), before);
        assert!(!repo.path().join("index.lock").exists());
    }

    #[test]
    fn content_filters_hand_over_to_libgit2() {
        let (_d, repo) = committed(".gitattributes", "*.md text eol=crlf\n");
        let out = commit_folder(&repo, ".sessions", &store_skip, &sig(), "m").unwrap();
        assert!(matches!(out, Outcome::Declined(_)));
        assert!(!repo.path().join("index.lock").exists());
    }

    #[test]
    fn racily_clean_entries_whose_content_changed_are_smudged() {
        // An entry whose stat data matches the file exactly, recorded in
        // the same second as the index, but whose content has changed
        // (staged, then rewritten within one timestamp tick). Once the
        // index is rewritten in a later second, readers trust the stat
        // data, so the entry's size must be zeroed to force a content
        // check. An unchanged racy entry keeps its size.
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        write(root, "changed.txt", "two");
        write(root, "same.txt", "one");
        let entry = |rel: &str, content: &[u8]| {
            let m = fs::symlink_metadata(root.join(rel)).unwrap();
            let id = Oid::hash_object(ObjectType::Blob, content).unwrap();
            entry_for(rel.as_bytes(), &m, index::MODE_FILE, id)
        };
        let mut ix = IndexFile::empty();
        ix.entries = vec![entry("changed.txt", b"one"), entry("same.txt", b"one")];
        let settings = worktree::Settings {
            filemode: true,
            filters: false,
        };
        let index_mtime = Some(i64::from(ix.entries[0].mtime.0));
        smudge_racily_clean(root, &mut ix, index_mtime, &settings);
        assert_eq!(ix.entries[0].size, 0);
        assert_eq!(ix.entries[1].size, 3);
        // Older than the index: trusted as it is.
        let mut ix2 = IndexFile::empty();
        ix2.entries = vec![entry("changed.txt", b"one")];
        smudge_racily_clean(root, &mut ix2, index_mtime.map(|t| t + 1), &settings);
        assert_eq!(ix2.entries[0].size, 3);
    }
}
