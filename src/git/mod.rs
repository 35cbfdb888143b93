//! Git facts, opened lazily: nothing here runs unless a caller asks.

use std::path::{Path, PathBuf};

use git2::Repository;

pub mod commit;
pub mod index;
pub mod loose;
pub mod worktree;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Head {
    pub branch: Option<String>,
    /// Full object id of HEAD; `None` on an unborn branch.
    pub commit: Option<String>,
    pub subject: Option<String>,
    pub detached: bool,
}

impl Head {
    pub fn short(&self) -> Option<String> {
        self.commit
            .as_ref()
            .map(|c| c[..c.len().min(7)].to_string())
    }
}

pub fn open(project: &Path) -> Option<Repository> {
    tune();
    Repository::open(project).ok()
}

/// libgit2 re-hashes every object it reads to check its id; git itself
/// leaves that to `fsck`, and reading trees from a long pack history is a
/// good part of a scan. Set once, before the first repository is opened.
pub fn tune() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| git2::opts::strict_hash_verification(false));
}

pub fn head(repo: &Repository) -> Head {
    let mut h = Head::default();
    match repo.head() {
        Ok(r) => {
            h.detached = repo.head_detached().unwrap_or(false);
            if r.is_branch() {
                h.branch = r.shorthand().ok().map(str::to_string);
            }
            if let Ok(c) = r.peel_to_commit() {
                h.commit = Some(c.id().to_string());
                h.subject = c.summary().ok().flatten().map(str::to_string);
            }
        }
        Err(_) => {
            // Unborn branch: HEAD names a branch that has no commit yet.
            if let Ok(r) = repo.find_reference("HEAD")
                && let Ok(Some(t)) = r.symbolic_target()
            {
                h.branch = Some(t.trim_start_matches("refs/heads/").to_string());
            }
        }
    }
    h
}

/// HEAD facts for a project, or `None` outside git.
pub fn head_of(project: &Path) -> Option<Head> {
    open(project).map(|r| head(&r))
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WorkStatus {
    pub modified: Vec<String>,
    pub staged: Vec<String>,
    pub untracked: Vec<String>,
}

impl WorkStatus {
    pub fn is_clean(&self) -> bool {
        self.modified.is_empty() && self.staged.is_empty() && self.untracked.is_empty()
    }
    pub fn all(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .modified
            .iter()
            .chain(&self.staged)
            .chain(&self.untracked)
            .cloned()
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Names never scanned: git's own folder, and the store (its churn is not
/// the user's work, and it may be written while a scan runs).
pub(crate) const UNSCANNED: [&[u8]; 2] = [b".git", b".sessions"];

/// Working-tree status, leaving out the store itself, scanned by up to
/// `threads` threads: from the index file directly when it can (see
/// [`worktree`]), else through libgit2.
pub fn status(repo: &Repository, threads: usize) -> WorkStatus {
    match worktree::status(repo, threads) {
        Ok(ws) => ws,
        Err(_) => status_libgit2(repo, threads),
    }
}

/// The status through libgit2, split over threads.
///
/// The tree is cut into parts: the top-level entries, with the tracked
/// folders that hold the most entries replaced by their children until
/// there are a few parts per thread. Each thread scans its parts with its
/// own handle on the repository, and the lists are merged in path order,
/// which is the order a single scan gives. A part is a literal path (no
/// pattern matching), so nothing is scanned twice; paths known only to the
/// index (a staged file since deleted from disk, in a folder HEAD does not
/// have) are found afterwards and scanned on their own.
fn status_libgit2(repo: &Repository, threads: usize) -> WorkStatus {
    let Some(workdir) = repo.workdir().map(Path::to_path_buf) else {
        return WorkStatus::default();
    };
    let threads = threads.max(1);
    let parts = parts(repo, &workdir, threads * 4);
    let mut groups: Vec<Vec<Vec<u8>>> = vec![Vec::new(); threads.min(parts.len()).max(1)];
    let n = groups.len();
    for (i, p) in parts.iter().enumerate() {
        groups[i % n].push(p.clone());
    }
    let first = groups.remove(0);
    let results: Vec<WorkStatus> = std::thread::scope(|s| {
        let handles: Vec<_> = groups
            .into_iter()
            .map(|g| {
                let workdir = &workdir;
                s.spawn(move || {
                    Repository::open(workdir)
                        .map(|r| scan(&r, &g))
                        .unwrap_or_default()
                })
            })
            .collect();
        // This thread takes the first group, then whatever the parts
        // missed, using the index it has just loaded.
        let mut mine = scan(repo, &first);
        merge(&mut mine, scan(repo, &index_only(repo, &parts)));
        let mut all = vec![mine];
        all.extend(handles.into_iter().map(|h| h.join().unwrap_or_default()));
        all
    });
    let mut ws = WorkStatus::default();
    for r in results {
        merge(&mut ws, r);
    }
    ws.modified.sort();
    ws.staged.sort();
    ws.untracked.sort();
    ws
}

/// The parts of the tree to scan (see [`status`]), as literal paths.
fn parts(repo: &Repository, workdir: &Path, want: usize) -> Vec<Vec<u8>> {
    let head = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    let mut parts = children(repo, workdir, b"", head.map(|t| t.id()));
    for _ in 0..8 {
        if parts.len() >= want {
            break;
        }
        // The tracked folder with the most entries (HEAD's view).
        let widest = parts
            .iter()
            .enumerate()
            .filter_map(|(i, (_, t))| Some((i, repo.find_tree((*t)?).ok()?.len())))
            .max_by_key(|&(_, len)| len);
        let Some((i, len)) = widest else { break };
        if len < 2 {
            break;
        }
        let (path, tree) = parts.swap_remove(i);
        parts.extend(children(repo, workdir, &path, tree));
    }
    let mut v: Vec<Vec<u8>> = parts.into_iter().map(|(p, _)| p).collect();
    v.sort();
    v
}

/// The entries of folder `rel`: what is on disk plus what HEAD has there
/// (so a folder deleted from disk is still scanned). Tracked folders carry
/// their tree, so they can be split further; untracked ones never are, as a
/// scan reports an untracked folder as one entry.
fn children(
    repo: &Repository,
    workdir: &Path,
    rel: &[u8],
    tree: Option<git2::Oid>,
) -> Vec<(Vec<u8>, Option<git2::Oid>)> {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let join = |name: &[u8]| -> Vec<u8> {
        if rel.is_empty() {
            name.to_vec()
        } else {
            [rel, b"/", name].concat()
        }
    };
    let top = rel.is_empty();
    let mut out: std::collections::BTreeMap<Vec<u8>, Option<git2::Oid>> = Default::default();
    let dir = workdir.join(std::ffi::OsStr::from_bytes(rel));
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name().into_vec();
        if !(top && UNSCANNED.contains(&name.as_slice())) {
            out.insert(join(&name), None);
        }
    }
    if let Some(t) = tree.and_then(|t| repo.find_tree(t).ok()) {
        for e in t.iter() {
            let name = e.name_bytes();
            if top && UNSCANNED.contains(&name) {
                continue;
            }
            let sub = (e.kind() == Some(git2::ObjectType::Tree)).then(|| e.id());
            out.insert(join(name), sub);
        }
    }
    out.into_iter().collect()
}

/// Index entries outside every part (and outside the store).
fn index_only(repo: &Repository, parts: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let Ok(index) = repo.index() else {
        return Vec::new();
    };
    let set: std::collections::HashSet<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    let covered = |p: &[u8]| {
        set.contains(p)
            || p.iter()
                .enumerate()
                .any(|(i, &b)| b == b'/' && set.contains(&p[..i]))
    };
    let mut out: Vec<Vec<u8>> = Vec::new();
    for e in index.iter() {
        let p = e.path;
        let store = UNSCANNED
            .iter()
            .any(|u| p.starts_with(u) && p.get(u.len()) == Some(&b'/'));
        if !store && !covered(&p) && out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

fn merge(into: &mut WorkStatus, from: WorkStatus) {
    into.modified.extend(from.modified);
    into.staged.extend(from.staged);
    into.untracked.extend(from.untracked);
}

/// One scan of the given literal paths (nothing when there are none):
/// HEAD against the index (staged) and the index against the work tree
/// (modified, untracked). Two diffs cost about a third less than libgit2's
/// status list, which computes the same two and then pairs them up.
fn scan(repo: &Repository, paths: &[Vec<u8>]) -> WorkStatus {
    use git2::Delta;
    let mut ws = WorkStatus::default();
    if paths.is_empty() {
        return ws;
    }
    let opts = || {
        let mut d = git2::DiffOptions::new();
        d.include_typechange(true).disable_pathspec_match(true);
        for p in paths {
            d.pathspec(p.as_slice());
        }
        d
    };
    let Ok(index) = repo.index() else {
        return ws;
    };
    let head = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    let path = |d: &git2::DiffDelta| -> Option<String> {
        let f = d.new_file().path_bytes().or(d.old_file().path_bytes())?;
        let p = std::str::from_utf8(f).ok()?;
        (!p.starts_with(".sessions/")).then(|| p.to_string())
    };
    if let Ok(diff) = repo.diff_tree_to_index(head.as_ref(), Some(&index), Some(&mut opts())) {
        for d in diff.deltas() {
            if matches!(
                d.status(),
                Delta::Added
                    | Delta::Modified
                    | Delta::Deleted
                    | Delta::Renamed
                    | Delta::Typechange
            ) && let Some(p) = path(&d)
            {
                ws.staged.push(p);
            }
        }
    }
    // An untracked folder is listed once, as `dir/` (as `git status` does):
    // descending into a big one (a fresh `node_modules/`) would cost more
    // than everything else here.
    let mut w = opts();
    w.include_untracked(true).recurse_untracked_dirs(false);
    // A file that vanishes mid-scan fails the whole scan; a fresh scan
    // then succeeds.
    let mut diff = repo.diff_index_to_workdir(Some(&index), Some(&mut w));
    for _ in 0..3 {
        if diff.is_ok() {
            break;
        }
        diff = repo.diff_index_to_workdir(Some(&index), Some(&mut w));
    }
    if let Ok(diff) = diff {
        for d in diff.deltas() {
            let list = match d.status() {
                Delta::Untracked => &mut ws.untracked,
                Delta::Modified | Delta::Deleted | Delta::Renamed | Delta::Typechange => {
                    &mut ws.modified
                }
                _ => continue,
            };
            if let Some(p) = path(&d) {
                list.push(p);
            }
        }
    }
    ws
}

/// Commit everything in the work tree except the store (which pause
/// commits on its own) on top of HEAD. Used by the demo and by tests.
pub fn commit_work_tree(
    repo: &Repository,
    (name, email): (&str, &str),
    msg: &str,
) -> Result<git2::Oid, git2::Error> {
    let mut idx = repo.index()?;
    idx.add_all(
        ["*"].iter(),
        git2::IndexAddOption::DEFAULT,
        Some(&mut |p: &Path, _: &[u8]| i32::from(p.starts_with(".sessions"))),
    )?;
    idx.write()?;
    commit_index(repo, &mut idx, &git2::Signature::now(name, email)?, msg)
}

/// Commit the tree of `idx` on HEAD (or as the first commit of an unborn
/// branch), authored and committed by `sig`.
pub fn commit_index(
    repo: &Repository,
    idx: &mut git2::Index,
    sig: &git2::Signature,
    msg: &str,
) -> Result<git2::Oid, git2::Error> {
    let tree = repo.find_tree(idx.write_tree()?)?;
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(Some("HEAD"), sig, sig, msg, &tree, &parents)
}

/// Threads worth using for a full scan.
pub fn scan_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().min(4))
        .unwrap_or(1)
}

pub fn workdir(repo: &Repository) -> Option<PathBuf> {
    repo.workdir().map(Path::to_path_buf)
}

/// Write `text` to `root/rel`, creating folders (for this module's tests).
#[cfg(test)]
pub(crate) fn write_file(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[cfg(test)]
mod tests {
    use super::write_file as write;
    use super::*;
    use git2::StatusOptions;
    use std::fs;

    fn commit_all(repo: &Repository) {
        commit_work_tree(repo, ("t", "t@example.com"), "c").unwrap();
    }

    /// Every kind of change, spread over a tree wide and deep enough to be
    /// split into many parts.
    fn busy_repo() -> (tempfile::TempDir, Repository) {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        let repo = Repository::init(root).unwrap();
        for m in 0..6 {
            for f in 0..5 {
                write(root, &format!("src/m{m}/f{f}.rs"), &format!("{m} {f}\n"));
            }
        }
        write(root, "src/lib.rs", "lib\n");
        write(root, "docs/guide.md", "guide\n");
        write(root, "gone/a.txt", "a\n");
        write(root, "gone/b.txt", "b\n");
        write(root, "README.md", "readme\n");
        write(root, ".gitignore", "*.log\n");
        write(root, "src/m2/.gitignore", "cache/\n");
        commit_all(&repo);

        // Unstaged edits and a deletion in several parts.
        write(root, "src/m0/f1.rs", "edited\n");
        write(root, "src/m4/f3.rs", "edited\n");
        write(root, "README.md", "edited\n");
        fs::remove_file(root.join("src/m5/f0.rs")).unwrap();
        // A file that became a symlink.
        fs::remove_file(root.join("src/m3/f4.rs")).unwrap();
        std::os::unix::fs::symlink("f0.rs", root.join("src/m3/f4.rs")).unwrap();
        let mut idx = repo.index().unwrap();
        // Staged: a new file, an edit, a folder removed from index and disk.
        write(root, "src/m1/new.rs", "new\n");
        idx.add_path(Path::new("src/m1/new.rs")).unwrap();
        write(root, "src/m3/f2.rs", "staged edit\n");
        idx.add_path(Path::new("src/m3/f2.rs")).unwrap();
        idx.remove_dir(Path::new("gone"), 0).unwrap();
        fs::remove_dir_all(root.join("gone")).unwrap();
        // Known only to the index: staged in a new folder, then deleted.
        write(root, "fresh/only.rs", "only\n");
        idx.add_path(Path::new("fresh/only.rs")).unwrap();
        idx.write().unwrap();
        fs::remove_dir_all(root.join("fresh")).unwrap();
        // Untracked: files, a folder (listed once), ignored noise, the store.
        write(root, "notes.txt", "n\n");
        write(root, "src/m2/scratch.rs", "s\n");
        write(root, "newdir/x.rs", "x\n");
        write(root, "newdir/y.rs", "y\n");
        write(root, "debug.log", "ignored\n");
        write(root, "src/m2/cache/blob", "ignored\n");
        write(root, ".sessions/active/s.md", "store\n");
        (d, repo)
    }

    /// libgit2's own status list, classified the way `git status` reads.
    fn reference(repo: &Repository) -> WorkStatus {
        let mut opts = StatusOptions::new();
        opts.include_untracked(true)
            .recurse_untracked_dirs(false)
            .include_ignored(false)
            .renames_head_to_index(false);
        let mut ws = WorkStatus::default();
        for e in repo.statuses(Some(&mut opts)).unwrap().iter() {
            let p = e.path().unwrap().to_string();
            if p.starts_with(".sessions/") {
                continue;
            }
            let s = e.status();
            // A file removed from the index but kept on disk is both a
            // staged deletion and untracked, as `git status` lists it.
            if s.is_wt_new() {
                ws.untracked.push(p.clone());
            }
            if s.is_index_new()
                || s.is_index_modified()
                || s.is_index_deleted()
                || s.is_index_renamed()
                || s.is_index_typechange()
            {
                ws.staged.push(p.clone());
            }
            if s.is_wt_modified() || s.is_wt_deleted() || s.is_wt_renamed() || s.is_wt_typechange()
            {
                ws.modified.push(p);
            }
        }
        ws.modified.sort();
        ws.staged.sort();
        ws.untracked.sort();
        ws
    }

    #[test]
    fn split_scan_matches_one_full_scan() {
        let (_d, repo) = busy_repo();
        let whole = reference(&repo);
        assert_eq!(
            whole.modified,
            [
                "README.md",
                "src/m0/f1.rs",
                "src/m3/f4.rs",
                "src/m4/f3.rs",
                "src/m5/f0.rs",
                "fresh/only.rs"
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
        assert_eq!(
            whole.staged,
            [
                "fresh/only.rs",
                "gone/a.txt",
                "gone/b.txt",
                "src/m1/new.rs",
                "src/m3/f2.rs"
            ]
        );
        assert_eq!(
            whole.untracked,
            ["newdir/", "notes.txt", "src/m2/scratch.rs"]
        );
        for threads in 1..=4 {
            assert_eq!(status_libgit2(&repo, threads), whole, "{threads} thread(s)");
            assert_eq!(
                worktree::status(&repo, threads),
                Ok(whole.clone()),
                "index scan, {threads} thread(s)"
            );
        }
        // The tree really was split.
        let wd = repo.workdir().unwrap().to_path_buf();
        assert!(parts(&repo, &wd, 8).len() >= 8);
    }

    /// Folders unchanged for a while are not listed again: their cached
    /// names serve, and every change that could make them wrong (a name
    /// added, removed or renamed; a file added to or removed from the
    /// index) still gives libgit2's answer.
    #[test]
    fn cached_folder_listings_stay_correct() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        let repo = Repository::init(root).unwrap();
        for f in [
            "a/one.txt",
            "a/two.txt",
            "b/three.txt",
            "b/four.txt",
            "top.txt",
        ] {
            write(root, f, f);
        }
        commit_work_tree(&repo, ("t", "t@e"), "c").unwrap();
        write(root, "a/loose.txt", "untracked");
        write(root, "b/staged.txt", "staged, not committed");
        let mut idx = repo.index().unwrap();
        idx.add_path(Path::new("b/staged.txt")).unwrap();
        idx.write().unwrap();
        fs::create_dir_all(root.join("a/sub/deeper")).unwrap();
        write(root, "a/sub/deeper/x", "x");
        // Folders change state at least two seconds before they are kept.
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let cache = repo.path().join("session-hook-folders.json");
        let first = fast_matches(&repo);
        let kept = fs::read_to_string(&cache).unwrap();
        assert!(
            kept.contains("loose.txt") && kept.contains("\"b\""),
            "{kept}"
        );
        assert_eq!(first.untracked, ["a/loose.txt", "a/sub/"]);
        // From the cache, the same answer.
        assert_eq!(fast_matches(&repo), first);
        // (The cache really is what the scan reads: a name planted in it
        // shows up.)
        let mut planted: serde_json::Value = serde_json::from_str(&kept).unwrap();
        let a = &mut planted["a"];
        a["untracked"]
            .as_array_mut()
            .unwrap()
            .push("ghost.txt".into());
        a["files"] = (a["files"].as_u64().unwrap() + 1).into();
        fs::write(&cache, planted.to_string()).unwrap();
        let ws = worktree::status(&repo, 1).unwrap();
        assert!(ws.untracked.contains(&"a/ghost.txt".to_string()), "{ws:?}");
        fs::write(&cache, &kept).unwrap();
        // Staged without touching the folder: no longer untracked.
        let mut idx = repo.index().unwrap();
        idx.add_path(Path::new("a/loose.txt")).unwrap();
        idx.write().unwrap();
        let ws = fast_matches(&repo);
        assert_eq!(ws.untracked, ["a/sub/"]);
        // A committed file removed from the index, still on disk: a staged
        // deletion and untracked.
        let mut idx = repo.index().unwrap();
        idx.remove_path(Path::new("b/three.txt")).unwrap();
        idx.write().unwrap();
        let ws = fast_matches(&repo);
        assert!(ws.untracked.contains(&"b/three.txt".to_string()), "{ws:?}");
        assert!(ws.staged.contains(&"b/three.txt".to_string()), "{ws:?}");
        // Removed from the index, still on disk: untracked again, although
        // the cached listing never named it.
        let mut idx = repo.index().unwrap();
        idx.remove_path(Path::new("b/staged.txt")).unwrap();
        idx.write().unwrap();
        let ws = fast_matches(&repo);
        assert!(ws.untracked.contains(&"b/staged.txt".to_string()), "{ws:?}");
        // A new name, a removed one and a rename in cached folders.
        write(root, "b/new.txt", "n");
        fs::remove_file(root.join("a/two.txt")).unwrap();
        fs::rename(root.join("a/sub"), root.join("a/moved")).unwrap();
        let ws = fast_matches(&repo);
        assert!(ws.untracked.contains(&"b/new.txt".to_string()), "{ws:?}");
        assert!(ws.untracked.contains(&"a/moved/".to_string()), "{ws:?}");
        assert!(ws.modified.contains(&"a/two.txt".to_string()), "{ws:?}");
    }

    /// The index scan against libgit2's status list, and the public entry
    /// point against both.
    fn fast_matches(repo: &Repository) -> WorkStatus {
        let whole = reference(repo);
        for threads in [1, 3] {
            assert_eq!(worktree::status(repo, threads), Ok(whole.clone()));
        }
        assert_eq!(status(repo, 2), whole);
        whole
    }

    fn set_mode(root: &Path, rel: &str, mode: u32) {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(root.join(rel), fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn index_scan_sees_files_and_folders_trade_places() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        let repo = Repository::init(root).unwrap();
        for rel in [
            "f",
            "dir/a",
            "dir/b",
            "lnk/x",
            "keep/exe.sh",
            "vendor/lib.c",
        ] {
            write(root, rel, rel);
        }
        write(root, ".gitignore", "vendor/\n*.o\n");
        {
            // A tracked file inside an ignored folder.
            let mut idx = repo.index().unwrap();
            idx.add_all(["*"].iter(), git2::IndexAddOption::FORCE, None)
                .unwrap();
            idx.write().unwrap();
            commit_index(
                &repo,
                &mut idx,
                &git2::Signature::now("t", "t@e").unwrap(),
                "c",
            )
            .unwrap();
        }
        // A file became a folder, a folder became a file, another a link
        // to a folder; an executable bit flipped.
        fs::remove_file(root.join("f")).unwrap();
        write(root, "f/inner.txt", "i");
        fs::remove_dir_all(root.join("dir")).unwrap();
        write(root, "dir", "now a file");
        fs::remove_dir_all(root.join("lnk")).unwrap();
        fs::create_dir(root.join("real")).unwrap();
        write(root, "real/x", "lnk/x");
        std::os::unix::fs::symlink("real", root.join("lnk")).unwrap();
        set_mode(root, "keep/exe.sh", 0o755);
        // Untracked folders: empty, only ignored files, nested repository;
        // an untracked file in an ignored folder that has tracked files.
        fs::create_dir_all(root.join("empty/deeper")).unwrap();
        write(root, "objs/a.o", "o");
        Repository::init(root.join("nested")).unwrap();
        write(root, "vendor/new.c", "n");
        // `.git` entries below the top, in any case: a gitfile in a
        // tracked folder, a repository inside one, an upper-case name.
        write(root, "keep/.git", "gitdir: /elsewhere\n");
        Repository::init(root.join("keep/inner")).unwrap();
        write(root, ".GIT", "x");
        let ws = fast_matches(&repo);
        assert!(
            !ws.untracked
                .iter()
                .any(|p| p.contains(".git") || p.contains(".GIT"))
        );
        assert!(ws.modified.contains(&"keep/exe.sh".to_string()), "{ws:?}");
        assert!(ws.untracked.contains(&"f/".to_string()), "{ws:?}");
        assert!(
            !ws.untracked
                .iter()
                .any(|p| p.starts_with("empty") || p.starts_with("objs"))
        );
    }

    #[test]
    fn index_scan_hashes_racily_clean_files() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        let repo = Repository::init(root).unwrap();
        write(root, "a.txt", "aaaa\n");
        write(root, "b.txt", "bbbb\n");
        commit_all(&repo);
        // Same size, same second as the index: only the content differs.
        write(root, "a.txt", "AAAA\n");
        let ws = fast_matches(&repo);
        assert_eq!(ws.modified, ["a.txt"]);
    }

    #[test]
    fn index_scan_reads_a_version_4_index_and_an_unborn_branch() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        let repo = Repository::init(root).unwrap();
        write(root, "src/a.rs", "a");
        write(root, "src/b.rs", "b");
        let mut idx = repo.index().unwrap();
        idx.set_version(4).unwrap();
        idx.add_path(Path::new("src/a.rs")).unwrap();
        idx.write().unwrap();
        let ws = fast_matches(&repo);
        assert_eq!(ws.staged, ["src/a.rs"]);
        assert_eq!(ws.untracked, ["src/b.rs"]);
        commit_all(&repo);
        write(root, "src/a.rs", "edited");
        assert_eq!(fast_matches(&repo).modified, ["src/a.rs"]);
    }

    #[test]
    fn index_scan_steps_aside_for_what_it_does_not_model() {
        // Content filters, once a changed file must be hashed.
        let (_d, repo) = busy_repo();
        let root = repo.workdir().unwrap().to_path_buf();
        write(&root, ".gitattributes", "*.rs text eol=crlf\n");
        assert!(worktree::status(&repo, 2).is_err());
        assert_eq!(status(&repo, 2), reference(&repo));

        // Case-insensitive checkouts and conflicts.
        let (_d, repo) = busy_repo();
        repo.config()
            .unwrap()
            .set_bool("core.ignorecase", true)
            .unwrap();
        assert!(worktree::status(&repo, 2).is_err());
        let (_d, repo) = busy_repo();
        let mut idx = repo.index().unwrap();
        let mut e = idx.get_path(Path::new("src/lib.rs"), 0).unwrap();
        idx.remove_path(Path::new("src/lib.rs")).unwrap();
        for stage in [1u16, 2, 3] {
            e.flags = (e.flags & !0x3000) | (stage << 12);
            idx.add(&e).unwrap();
        }
        idx.write().unwrap();
        assert_eq!(
            worktree::status(&repo, 2),
            Err(worktree::Decline("the index has conflicts"))
        );
        assert_eq!(status(&repo, 2), reference(&repo));
    }

    #[test]
    fn an_empty_or_fresh_repository_scans_cleanly() {
        let d = tempfile::tempdir().unwrap();
        let repo = Repository::init(d.path()).unwrap();
        assert!(status(&repo, 2).is_clean());
        write(d.path(), "a.txt", "a\n");
        write(d.path(), ".sessions/active/s.md", "store\n");
        assert_eq!(status(&repo, 2).untracked, ["a.txt"]);
    }
}
