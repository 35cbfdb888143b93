//! The working-tree status every report reads, against git's own
//! `git status` on repositories git built: racy edits, concurrent
//! `git add`, conflicts, skip-worktree, intent-to-add, split and sparse
//! indexes, SHA-256.

use std::fs;
use std::process::Command;

use session_hook::git::status::{Entry, entries};

use crate::common::{Project, bin};
use crate::git_refs::{GIT_ENV, git, repo, session_id, sh};

/// `git status --porcelain` as entries, leaving out our own files.
fn porcelain(p: &Project) -> Vec<Entry> {
    let mut v: Vec<Entry> = git(p.path(), &["status", "--porcelain=v1", "--no-renames"])
        .lines()
        .filter_map(|l| {
            let (xy, path) = l.split_at(3);
            let mut c = xy.chars();
            let (x, y) = (c.next()?, c.next()?);
            let path = path.trim_matches('"').to_string();
            (!path.starts_with(".sessions") && path != "SESSION.md").then_some(Entry { path, x, y })
        })
        .collect();
    v.sort_by(|a, b| a.path.cmp(&b.path));
    v
}

fn ours(p: &Project) -> Vec<Entry> {
    entries(&p.repo()).expect("status readable")
}

fn snapshot_json(p: &Project) -> serde_json::Value {
    let dir = p
        .path()
        .join(format!(".sessions/journal/{}/pauses", session_id(p)));
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    v.sort();
    serde_json::from_str(&fs::read_to_string(v.last().unwrap()).unwrap()).unwrap()
}

#[test]
fn status_reads_as_git_status_does() {
    let p = repo();
    let d = p.path();
    for f in ["a.txt", "b.txt", "c.txt", "d.txt", "sub/e.txt"] {
        p.write(f, &format!("{f}\n"));
    }
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "more"]);
    p.write("a.txt", "staged\n");
    git(d, &["add", "a.txt"]);
    p.write("a.txt", "staged, then edited\n");
    p.write("b.txt", "edited\n");
    git(d, &["rm", "-q", "c.txt"]);
    fs::remove_file(d.join("d.txt")).unwrap();
    p.write("newdir/x.txt", "x\n");
    p.write("newdir/y.txt", "y\n");
    p.write("loose.txt", "l\n");
    // Kept on disk, removed from the index: a staged deletion and untracked.
    git(d, &["rm", "-q", "--cached", "sub/e.txt"]);
    // `git add -N`: new in the working tree, nothing staged.
    p.write("intent.txt", "i\n");
    git(d, &["add", "-N", "intent.txt"]);
    // skip-worktree: git never compares it with the disk.
    git(d, &["update-index", "--skip-worktree", "README.md"]);
    p.write("README.md", "changed behind git's back\n");
    p.write("SESSION.md", "our export\n");
    let want = porcelain(&p);
    assert_eq!(ours(&p), want);
    let codes: Vec<String> = want
        .iter()
        .map(|e| format!("{}{} {}", e.x, e.y, e.path))
        .collect();
    assert!(codes.contains(&" A intent.txt".to_string()), "{codes:?}");
    assert!(!codes.iter().any(|c| c.contains("README.md")), "{codes:?}");
    assert!(codes.contains(&"?? newdir/".to_string()), "{codes:?}");
}

#[test]
fn conflicts_are_reported_and_snapshotted() {
    let p = repo();
    let d = p.path();
    git(d, &["switch", "-qc", "other"]);
    p.write("src/lib.rs", "pub fn a() { theirs }\n");
    git(d, &["commit", "-qam", "theirs"]);
    git(d, &["switch", "-q", "main"]);
    p.write("src/lib.rs", "pub fn a() { ours }\n");
    git(d, &["commit", "-qam", "ours"]);
    let o = Command::new("git")
        .current_dir(d)
        .envs(GIT_ENV)
        .args(["merge", "other"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "a conflict");
    assert_eq!(ours(&p), porcelain(&p));
    let out = sh(&p, &["pause", "-s", "mid-merge"]);
    assert!(out.contains("1 conflicted"), "{out}");
    let s = snapshot_json(&p);
    assert_eq!(
        s["git_context"]["status"]["conflicted"],
        serde_json::json!(["src/lib.rs"])
    );
    assert_eq!(s["git_context"]["is_clean"], false);
    let out = sh(&p, &["resume", "work"]);
    assert!(out.contains("Conflicted (1):\n- src/lib.rs"), "{out}");
    assert!(out.contains("**In progress**: a merge"), "{out}");
}

/// An edit in the same second as `git add`, same size: git sees it only
/// by hashing. A pause must leave it visible (it never writes the index).
#[test]
fn racy_edits_stay_visible_after_pause() {
    let p = repo();
    let d = p.path();
    p.write("r.txt", "one\n");
    git(d, &["add", "r.txt"]);
    p.write("r.txt", "two\n");
    assert_eq!(git(d, &["status", "--porcelain", "r.txt"]), "AM r.txt\n");
    sh(&p, &["pause", "-s", "racy"]);
    assert_eq!(git(d, &["status", "--porcelain", "r.txt"]), "AM r.txt\n");
    // And a stash keeps the edit.
    git(d, &["stash", "-q"]);
    git(d, &["stash", "pop", "-q"]);
    assert_eq!(p.read("r.txt"), "two\n");
}

#[test]
fn no_concurrent_git_add_is_lost_while_pausing() {
    adds_survive_pauses(false);
    // In branch mode git itself commits, under its own index lock.
    adds_survive_pauses(true);
}

/// The branch commit leaves the user's index free while git commits (its
/// hooks run, it signs): a `git add` made meanwhile, here by the
/// pre-commit hook on the user's own index, succeeds and stays staged.
/// `git commit --only` held the index lock throughout and wrote back the
/// copy it had read before taking the lock, so such an add failed, or
/// was lost when it landed between that read and the lock.
#[test]
fn an_add_during_the_branch_commit_is_kept() {
    let p = repo();
    let d = p.path();
    p.write(".sessions/config.yaml", "pause:\n  commit: branch\n");
    p.write("mid.txt", "added while the store is committed\n");
    let hook = d.join(".git/hooks/pre-commit");
    fs::create_dir_all(hook.parent().unwrap()).unwrap();
    fs::write(
        &hook,
        "#!/bin/sh\nunset GIT_INDEX_FILE\ngit add mid.txt 2> .git/mid-add.err || echo failed >> .git/mid-add.err\nexit 0\n",
    )
    .unwrap();
    fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = sh(&p, &["pause", "-s", "mid-commit add"]);
    assert!(out.contains("branch:   "), "{out}");
    assert!(!out.contains("no commit"), "{out}");
    let err = fs::read_to_string(d.join(".git/mid-add.err")).unwrap_or_default();
    assert!(err.is_empty(), "the add during the commit failed: {err}");
    let staged = git(d, &["diff", "--cached", "--name-only"]);
    assert_eq!(
        staged, "mid.txt\n",
        "the add made during the commit was lost"
    );
    let committed = git(d, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(!committed.contains("mid.txt"), "{committed}");
    assert!(git(d, &["status", "--porcelain", "--", ".sessions"]).is_empty());
}

fn adds_survive_pauses(branch: bool) {
    let p = repo();
    if branch {
        p.write(".sessions/config.yaml", "pause:\n  commit: branch\n");
    }
    let d = p.path().to_path_buf();
    const N: usize = 60;
    for i in 0..N {
        p.write(&format!("add/f{i}.txt"), &format!("{i}\n"));
    }
    let adder = {
        let d = d.clone();
        std::thread::spawn(move || {
            for i in 0..N {
                // git retries nothing: a held index.lock fails the add,
                // which is then visible here (and not a lost add); try again.
                let mut said = Vec::new();
                loop {
                    let o = Command::new("git")
                        .current_dir(&d)
                        .envs(GIT_ENV)
                        .args(["add", &format!("add/f{i}.txt")])
                        .output()
                        .unwrap();
                    if o.status.success() {
                        break;
                    }
                    said.push(String::from_utf8_lossy(&o.stderr).into_owned());
                    assert!(said.len() < 200, "git add keeps failing: {said:?}");
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
        })
    };
    let mut pauses = 0;
    while !adder.is_finished() || pauses < 3 {
        sh(&p, &["pause", "-s", &format!("loop {pauses}")]);
        sh(&p, &["resume", "work"]);
        pauses += 1;
    }
    adder.join().unwrap();
    let staged = git(&d, &["diff", "--cached", "--name-only"]);
    for i in 0..N {
        assert!(
            staged.contains(&format!("add/f{i}.txt\n")),
            "add/f{i}.txt lost after {pauses} pauses"
        );
    }
}

fn assert_never_clean(p: &Project, what: &str) {
    let out = sh(p, &["pause", "-s", what]);
    assert!(!out.contains(", clean"), "{what}: {out}");
    assert!(out.contains("unknown ("), "{what}: {out}");
    let s = snapshot_json(p);
    assert_eq!(s["git_context"]["is_clean"], false, "{what}");
    assert!(
        s["git_context"]["status"]["unknown"].is_string(),
        "{what}: {s}"
    );
    let out = sh(p, &["resume", "work"]);
    assert!(
        !out.contains("Clean: no uncommitted changes."),
        "{what}: {out}"
    );
    assert!(out.contains("Unknown ("), "{what}: {out}");
}

#[test]
fn split_and_sparse_indexes_are_never_reported_clean() {
    let p = repo();
    git(p.path(), &["update-index", "--split-index"]);
    p.write("src/lib.rs", "dirty\n");
    assert!(!git(p.path(), &["status", "--porcelain"]).is_empty());
    assert_never_clean(&p, "split index");

    let p = repo();
    let d = p.path();
    p.write("docs/a.md", "a\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "docs"]);
    git(d, &["sparse-checkout", "init", "--cone", "--sparse-index"]);
    git(d, &["sparse-checkout", "set", "src"]);
    assert_never_clean(&p, "sparse index");
}

#[test]
fn a_sparse_checkout_without_a_sparse_index_is_read_as_git_reads_it() {
    let p = repo();
    let d = p.path();
    p.write("docs/a.md", "a\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "docs"]);
    git(d, &["sparse-checkout", "set", "--no-cone", "/src/"]);
    assert!(!d.join("docs/a.md").exists());
    assert_eq!(ours(&p), porcelain(&p));
    let out = sh(&p, &["pause", "-s", "sparse"]);
    assert!(
        out.contains(", clean"),
        "files outside the cone are not deleted: {out}"
    );
}

#[test]
fn a_sha256_repository_is_refused_with_a_clear_word() {
    let p = Project::plain();
    let d = p.path();
    git(d, &["init", "-q", "--object-format=sha256"]);
    p.write("a.txt", "a\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "first"]);
    sh(&p, &["init", "--name", "work", "--goal", "New hashes"]);
    let out = sh(&p, &["pause", "-s", "sha256"]);
    assert!(out.contains("SHA-256 repository"), "{out}");
    assert!(p.active_text().contains("status: paused"));
    let out = sh(&p, &["resume", "work"]);
    assert!(out.contains("SHA-256 repository"), "{out}");
    // The hook path never breaks on it.
    let o = p
        .cmd()
        .arg("hook")
        .write_stdin(crate::common::payload(
            d,
            "SessionStart",
            serde_json::json!({"source": "startup"}),
        ))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let _ = bin();
}
