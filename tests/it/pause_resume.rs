//! Pause snapshots, the pause commit, resume and the change report, on real
//! repositories built with git2.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::Project;
use git2::{Oid, Repository, Signature, Time};
use sha2::{Digest, Sha256};

/// The clock `Project::cmd` pins: the moment of every pause below.
const PAUSE_AT: &str = "2026-01-15T10:00:00Z";
const LATER: &str = "2026-01-15T12:00:00Z";

fn epoch(t: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(t).unwrap().timestamp()
}

fn sig(at: &str) -> Signature<'static> {
    Signature::new("Dev", "dev@example.com", &Time::new(epoch(at), 0)).unwrap()
}

/// Commit what is staged now on top of HEAD, at time `at`.
fn commit_index(repo: &Repository, msg: &str, at: &str) -> Oid {
    let mut idx = repo.index().unwrap();
    idx.read(true).unwrap();
    session_hook::git::commit_index(repo, &mut idx, &sig(at), msg).unwrap()
}

/// Stage files (or their deletion) from the work tree.
fn stage(repo: &Repository, paths: &[&str]) {
    let mut idx = repo.index().unwrap();
    idx.read(true).unwrap();
    for p in paths {
        let full = repo.workdir().unwrap().join(p);
        if full.exists() {
            idx.add_path(Path::new(p)).unwrap();
        } else {
            idx.remove_path(Path::new(p)).unwrap();
        }
    }
    idx.write().unwrap();
}

/// Write, stage and commit files in one go.
fn commit_files(p: &Project, files: &[(&str, &str)], msg: &str, at: &str) -> Oid {
    for (f, t) in files {
        p.write(f, t);
    }
    let repo = p.repo();
    stage(&repo, &files.iter().map(|(f, _)| *f).collect::<Vec<_>>());
    commit_index(&repo, msg, at)
}

fn head(p: &Project) -> Oid {
    p.repo().head().unwrap().peel_to_commit().unwrap().id()
}

fn short(o: Oid) -> String {
    o.to_string()[..7].to_string()
}

fn branch(p: &Project) -> String {
    p.repo().head().unwrap().shorthand().unwrap().to_string()
}

/// Set a file's modification time (dirty files must predate the pause for
/// "edited since" to mean anything).
fn set_mtime(p: &Project, rel: &str, at: &str) {
    let f = fs::File::options()
        .write(true)
        .open(p.path().join(rel))
        .unwrap();
    f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(epoch(at) as u64))
        .unwrap();
}

/// A git project with a few committed files and a session named `work`.
fn project() -> Project {
    let p = Project::git();
    commit_files(
        &p,
        &[
            ("src/lib.rs", "pub fn a() {}\n"),
            (
                "src/old.rs",
                &"fn old() { /* enough text to be similar */ }\n".repeat(20),
            ),
            ("notes.txt", "notes\n"),
        ],
        "add sources",
        "2026-01-15T08:00:00Z",
    );
    p.ok(&["init", "--name", "work", "--goal", "Fix the sweeper race"]);
    p
}

fn snapshots(p: &Project) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for s in fs::read_dir(p.path().join(".sessions/journal"))
        .unwrap()
        .flatten()
    {
        for f in fs::read_dir(s.path().join("pauses"))
            .into_iter()
            .flatten()
            .flatten()
        {
            v.push(f.path());
        }
    }
    // Same-second pauses are `<stamp>-2.json`, `<stamp>-3.json`, ...
    v.sort_by_key(|p| {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        match stem.split_once('-') {
            Some((s, n)) => (s.to_string(), n.parse::<u32>().unwrap()),
            None => (stem, 1),
        }
    });
    v
}

fn only_snapshot(p: &Project) -> serde_json::Value {
    let s = snapshots(p);
    assert_eq!(s.len(), 1, "{s:?}");
    serde_json::from_str(&fs::read_to_string(&s[0]).unwrap()).unwrap()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn pause_records_the_document_snapshot_and_journal() {
    let p = project();
    p.ok(&["log", "--next", "Reproduce the race"]);
    let before = head(&p);
    let out = p.ok(&[
        "pause",
        "-s",
        "Sweeper race: reproduced, fix next",
        "-a",
        "Reproduce the race",
        "-a",
        "Read the lock code",
        "-n",
        "Write the fix",
        "--next-step",
        "Add a regression test",
        "--note",
        "lock order matters",
    ]);
    assert!(out.contains("Session paused: work"), "{out}");

    let doc = p.active_text();
    assert!(doc.contains("status: paused"), "{doc}");
    assert!(doc.contains("paused_at: 2026-01-15T10:00:00Z"), "{doc}");
    assert!(
        doc.contains("- [x] Reproduce the race (2026-01-15T10:00Z, "),
        "{doc}"
    );
    assert!(
        doc.contains("- [x] Read the lock code (2026-01-15T10:00Z, "),
        "{doc}"
    );
    let next = doc.split("## Next Steps\n").nth(1).unwrap();
    assert!(next.contains("Write the fix") && next.contains("Add a regression test"));
    assert!(
        !next.contains("Reproduce the race"),
        "done steps leave Next Steps"
    );

    let s = only_snapshot(&p);
    let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "session_id",
            "paused_at",
            "conversation",
            "git_context",
            "todos",
            "version",
            "project_path",
            "checksum"
        ]
    );
    assert_eq!(s["paused_at"], PAUSE_AT);
    assert_eq!(
        s["conversation"]["summary"],
        "Sweeper race: reproduced, fix next"
    );
    assert_eq!(
        s["conversation"]["accomplishments"],
        serde_json::json!(["Reproduce the race", "Read the lock code"])
    );
    assert_eq!(
        s["conversation"]["next_steps"],
        serde_json::json!(["Write the fix", "Add a regression test"])
    );
    let g = &s["git_context"];
    assert_eq!(g["branch"], branch(&p));
    assert_eq!(g["commit"], before.to_string());
    assert_eq!(g["commit_message"], "add sources");
    assert_eq!(g["is_clean"], true);
    assert_eq!(
        g["ahead_behind"],
        serde_json::json!({"ahead": 0, "behind": 0})
    );
    assert_eq!(g["upstream"], serde_json::Value::Null);
    let todo = |list: &str| -> Vec<String> {
        s["todos"][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["content"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(todo("completed").contains(&"Reproduce the race".to_string()));
    assert!(todo("active").contains(&"Write the fix".to_string()));
    assert_eq!(s["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(s["project_path"], p.path().display().to_string());
    // The checksum is the SHA-256 of the compact JSON without it.
    let mut body = s.clone();
    body.as_object_mut().unwrap().remove("checksum");
    let want: String = Sha256::digest(serde_json::to_string(&body).unwrap().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(s["checksum"], want);

    let kinds: Vec<String> = p
        .journal_entries()
        .iter()
        .map(|e| fs::read_to_string(e).unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|t| t.contains("kind: done")).count(), 2);
    let pause = kinds.iter().find(|t| t.contains("kind: pause")).unwrap();
    assert!(pause.contains("lock order matters") && pause.contains("Write the fix"));

    // HEAD stays; the snapshot is a commit on the session's own ref.
    let repo = p.repo();
    assert_eq!(head(&p), before);
    let id = crate::git_refs::session_id(&p);
    let c = repo
        .find_reference(&format!("refs/sessions/{id}"))
        .unwrap()
        .peel_to_commit()
        .unwrap();
    assert_eq!(c.parent_count(), 0, "the session's first snapshot");
    assert_eq!(
        c.summary().unwrap().unwrap(),
        "session: pause work — Sweeper race: reproduced, fix next"
    );
    assert!(
        out.contains(&format!(
            "commit:   {} on refs/sessions/{id}",
            short(c.id())
        )),
        "{out}"
    );
}

#[test]
fn snapshot_files_are_private() {
    let p = project();
    p.ok(&["pause", "-s", "x"]);
    let s = &snapshots(&p)[0];
    assert_eq!(mode(s), 0o600);
    assert_eq!(mode(s.parent().unwrap()), 0o700);
    // A second pause in the same second gets its own file.
    p.ok(&["pause", "work", "-s", "y", "--no-commit"]);
    let all = snapshots(&p);
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|f| mode(f) == 0o600));
}

type IndexRow = (String, Oid, u32, u16);

fn index_rows(p: &Project) -> Vec<IndexRow> {
    let repo = p.repo();
    let mut idx = repo.index().unwrap();
    idx.read(true).unwrap();
    idx.iter()
        .map(|e| {
            (
                String::from_utf8(e.path.clone()).unwrap(),
                e.id,
                e.mode,
                (e.flags >> 12) & 3,
            )
        })
        .collect()
}

fn user_rows(p: &Project) -> Vec<IndexRow> {
    index_rows(p)
        .into_iter()
        .filter(|r| !r.0.starts_with(".sessions/"))
        .collect()
}

fn work_tree(root: &Path, rel: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for e in fs::read_dir(root.join(rel)).unwrap().flatten() {
        let name = e.file_name();
        if rel.as_os_str().is_empty() && (name == ".git" || name == ".sessions") {
            continue;
        }
        let r = rel.join(&name);
        if e.file_type().unwrap().is_dir() {
            work_tree(root, &r, out);
        } else {
            out.insert(r.display().to_string(), fs::read(e.path()).unwrap());
        }
    }
}

fn user_status(p: &Project) -> BTreeMap<String, u32> {
    let repo = p.repo();
    let mut o = git2::StatusOptions::new();
    o.include_untracked(true).recurse_untracked_dirs(true);
    repo.statuses(Some(&mut o))
        .unwrap()
        .iter()
        .map(|e| (e.path().unwrap().to_string(), e.status().bits()))
        .filter(|(p, _)| !p.starts_with(".sessions/"))
        .collect()
}

#[test]
fn pause_leaves_staged_and_unstaged_work_exactly_as_it_was() {
    let p = project();
    commit_files(
        &p,
        &[
            ("a.txt", "a1\n"),
            ("b.txt", "b1\n"),
            ("c.txt", "c1\n"),
            ("d.txt", "d1\n"),
        ],
        "more files",
        "2026-01-15T08:30:00Z",
    );
    p.ok(&["pause", "-s", "first"]);
    p.ok(&["resume", "work"]);
    let repo = p.repo();
    p.write("a.txt", "a2 staged\n");
    stage(&repo, &["a.txt"]);
    p.write("a.txt", "a3 staged then edited\n");
    p.write("b.txt", "b2 unstaged\n");
    p.write("n.txt", "new and staged\n");
    stage(&repo, &["n.txt"]);
    fs::remove_file(p.path().join("c.txt")).unwrap();
    stage(&repo, &["c.txt"]);
    fs::remove_file(p.path().join("d.txt")).unwrap();
    p.write("u/untracked.txt", "untracked\n");

    let head_before = head(&p);
    let tree_before = p.repo().find_commit(head_before).unwrap().tree_id();
    let index_before = user_rows(&p);
    let index_before_all = index_rows(&p);
    let mut wt_before = BTreeMap::new();
    work_tree(p.path(), Path::new(""), &mut wt_before);
    let status_before = user_status(&p);

    let out = p.ok(&["pause", "-s", "second", "-a", "Staged a and n"]);
    assert!(out.contains("3 modified, 3 staged, 1 untracked"), "{out}");

    // The user's HEAD, index entries, work tree and status are exactly as
    // before, in the default mode and in branch mode (which commits only
    // the store's paths).
    assert_eq!(head(&p), head_before);
    assert_eq!(index_rows(&p), index_before_all);
    let mut wt_after = BTreeMap::new();
    work_tree(p.path(), Path::new(""), &mut wt_after);
    assert_eq!(wt_after, wt_before);
    assert_eq!(user_status(&p), status_before);

    p.ok(&["resume", "work"]);
    let out = crate::git_refs::sh(&p, &["pause", "--commit-to-branch", "-s", "third"]);
    assert!(out.contains("branch:   "), "{out}");
    let repo = p.repo();
    let c = repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(
        c.parent_id(0).unwrap(),
        head_before,
        "one commit on top: {out}"
    );
    let new_tree = c.tree().unwrap();
    let old_tree = repo.find_tree(tree_before).unwrap();
    let names = |t: &git2::Tree| -> Vec<(String, Oid)> {
        t.iter()
            .filter(|e| e.name().unwrap() != ".sessions")
            .map(|e| (e.name().unwrap().to_string(), e.id()))
            .collect()
    };
    assert_eq!(names(&old_tree), names(&new_tree));
    assert!(new_tree.get_path(Path::new("n.txt")).is_err());
    assert_eq!(user_rows(&p), index_before);
    let mut wt_after = BTreeMap::new();
    work_tree(p.path(), Path::new(""), &mut wt_after);
    assert_eq!(wt_after, wt_before);
    assert_eq!(user_status(&p), status_before);
}

fn assert_no_commit(p: &Project, args: &[&str], why: &str) {
    let before = p.repo().head().ok().and_then(|h| h.target());
    let out = p.ok(args);
    assert!(out.contains("commit:   none ("), "{out}");
    assert!(out.contains(why), "expected {why:?} in\n{out}");
    assert_eq!(p.repo().head().ok().and_then(|h| h.target()), before);
    assert!(p.active_text().contains("status: paused"));
}

#[test]
fn pause_skips_the_commit_with_a_reason() {
    let p = project();
    assert_no_commit(&p, &["pause", "--no-commit"], "--no-commit was given");
    assert_eq!(snapshots(&p).len(), 1, "the snapshot is still written");

    let p = project();
    p.write(".sessions/config.yaml", "pause:\n  commit: false\n");
    assert_no_commit(&p, &["pause"], "pause.commit is false");

    // Branch mode steps aside where a branch commit would be wrong; the
    // snapshot ref is written all the same.
    let p = project();
    let h = head(&p);
    fs::write(p.path().join(".git/MERGE_HEAD"), format!("{h}\n")).unwrap();
    assert_no_branch_commit(&p, "a merge is in progress");

    let p = project();
    fs::create_dir_all(p.path().join(".git/rebase-merge")).unwrap();
    assert_no_branch_commit(&p, "a rebase is in progress");

    let p = project();
    p.repo().set_head_detached(head(&p)).unwrap();
    assert_no_branch_commit(&p, "HEAD is detached");
}

fn assert_no_branch_commit(p: &Project, why: &str) {
    let before = p.repo().head().ok().and_then(|h| h.target());
    let out = p.ok(&["pause", "--commit-to-branch"]);
    assert!(
        out.contains(&format!("branch:   no commit ({why}")),
        "{out}"
    );
    assert!(out.contains(" on refs/sessions/"), "{out}");
    assert_eq!(p.repo().head().ok().and_then(|h| h.target()), before);
    assert!(p.active_text().contains("status: paused"));
}

#[test]
fn pause_outside_git_still_snapshots() {
    let p = Project::plain();
    p.ok(&["init", "--name", "work", "--goal", "No git here"]);
    let out = p.ok(&["pause", "-s", "plain"]);
    assert!(
        out.contains("commit:   none (this is not a git repository)"),
        "{out}"
    );
    assert_eq!(only_snapshot(&p)["git_context"], serde_json::Value::Null);
    let out = p.ok(&["resume"]);
    assert!(
        out.contains("Not a git repository: there is no change report."),
        "{out}"
    );
    assert!(out.contains("## Summary\nplain"), "{out}");
    assert!(p.active_text().contains("status: active"));
}

#[test]
fn resume_lists_commits_since_the_pause_by_id() {
    let p = project();
    p.ok(&[
        "pause",
        "-s",
        "before lunch",
        "-a",
        "Found it",
        "-n",
        "Fix it",
    ]);
    let c1 = commit_files(
        &p,
        &[("src/lib.rs", "pub fn a() { fixed() }\n")],
        "Fix the race",
        "2026-01-15T10:30:00Z",
    );
    let c2 = commit_files(
        &p,
        &[("src/new.rs", "pub fn b() {}\n")],
        "Add helper",
        "2026-01-15T11:00:00Z",
    );
    let out = p
        .cmd()
        .env("SESSION_HOOK_NOW", LATER)
        .args(["resume", "--claude-session", "abc-123"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    for want in [
        "# Resuming Session: work (Fix the sweeper race)",
        "Paused at 2026-01-15T10:00Z (2 hours ago)",
        "## Summary\nbefore lunch",
        "## Accomplishments (1)\n- Found it",
        "1. Fix it",
        "### New Commits (2)",
        &format!("- {} Add helper (1 hour ago)", short(c2)),
        &format!("- {} Fix the race (1 hour ago)", short(c1)),
        "- M src/lib.rs",
        "- A src/new.rs",
        "Clean: no uncommitted changes.",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    assert!(
        !out.contains("session: pause"),
        "the pause commit is not news:\n{out}"
    );
    assert!(
        !out.lines()
            .any(|l| l.starts_with("- ") && l.contains(" .sessions/")),
        "store files are not listed as changes:\n{out}"
    );

    let doc = p.active_text();
    assert!(doc.contains("status: active"));
    assert!(
        doc.contains("paused_at: 2026-01-15T10:00:00Z"),
        "resume clears nothing else"
    );
    assert!(doc.contains("abc-123"), "{doc}");
    let id = doc
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .trim()
        .to_string();
    assert_eq!(
        fs::read_to_string(p.path().join(".sessions/.local/bindings/abc-123")).unwrap(),
        id
    );
    let resume = p
        .journal_entries()
        .into_iter()
        .map(|e| fs::read_to_string(e).unwrap())
        .find(|t| t.contains("kind: resume"))
        .unwrap();
    assert!(resume.contains("2 new commit(s)"), "{resume}");
}

#[test]
fn more_than_fifty_commits_are_counted() {
    let p = project();
    p.ok(&["pause", "--no-commit"]);
    let repo = p.repo();
    for i in 0..55 {
        commit_index(&repo, &format!("step {i}"), "2026-01-15T11:00:00Z");
    }
    let out = p.ok(&["resume"]);
    assert!(out.contains("### New Commits (55)"), "{out}");
    assert!(out.contains("- +5 more"), "{out}");
    assert_eq!(out.matches(" step ").count(), 50, "{out}");
}

#[test]
fn branch_switch_is_reported() {
    let p = project();
    let main = branch(&p);
    p.ok(&["pause", "--no-commit"]);
    let repo = p.repo();
    let h = repo.head().unwrap().peel_to_commit().unwrap();
    repo.branch("feature", &h, false).unwrap();
    repo.set_head("refs/heads/feature").unwrap();
    commit_files(
        &p,
        &[("f.txt", "f\n")],
        "Feature work",
        "2026-01-15T11:00:00Z",
    );
    let out = p.ok(&["resume"]);
    assert!(
        out.contains(&format!("**Branch switched**: {main} → feature")),
        "{out}"
    );
    assert!(out.contains("**HEAD**: feature at "), "{out}");
    assert!(out.contains("Feature work"), "{out}");
}

#[test]
fn reset_hard_is_reported_as_rewritten_history() {
    let p = project();
    let base = head(&p);
    let c2 = commit_files(
        &p,
        &[("notes.txt", "notes v2\n")],
        "Second thoughts",
        "2026-01-15T09:00:00Z",
    );
    // The store stays untracked, so a hard reset keeps it.
    p.ok(&["pause", "--no-commit"]);
    let repo = p.repo();
    let obj = repo.find_object(base, None).unwrap();
    repo.reset(&obj, git2::ResetType::Hard, None).unwrap();
    let c3 = commit_files(
        &p,
        &[("other.txt", "other\n")],
        "Different direction",
        "2026-01-15T11:00:00Z",
    );
    let out = p.ok(&["resume"]);
    assert!(
        out.contains(&format!(
            "**History rewritten**: {} is no longer an ancestor of HEAD (merge-base {}",
            short(c2),
            short(base)
        )),
        "{out}"
    );
    assert!(out.contains("### New Commits (1)"), "{out}");
    assert!(
        out.contains(&format!("{} Different direction", short(c3))),
        "{out}"
    );
    assert!(
        out.contains("- M notes.txt"),
        "the reset change shows in the diff:\n{out}"
    );
    assert!(out.contains("- A other.txt"), "{out}");
}

#[test]
fn deletion_rename_and_missing_files() {
    let p = project();
    p.write("notes.txt", "notes, edited before the pause\n");
    p.ok(&["pause", "--no-commit"]);
    fs::remove_file(p.path().join("notes.txt")).unwrap();
    fs::rename(p.path().join("src/old.rs"), p.path().join("src/renamed.rs")).unwrap();
    let repo = p.repo();
    stage(&repo, &["notes.txt", "src/old.rs", "src/renamed.rs"]);
    commit_index(&repo, "Drop notes, rename old", "2026-01-15T11:00:00Z");
    let out = p.ok(&["resume"]);
    assert!(out.contains("- D notes.txt"), "{out}");
    assert!(out.contains("- R src/old.rs -> src/renamed.rs"), "{out}");
    assert!(
        out.contains("### Missing Since the Pause (1)\n- notes.txt"),
        "{out}"
    );
}

#[test]
fn uncommitted_staged_and_untracked_now() {
    let p = project();
    p.ok(&["pause", "--no-commit"]);
    p.write("src/lib.rs", "pub fn a() { staged }\n");
    stage(&p.repo(), &["src/lib.rs"]);
    p.write("notes.txt", "unstaged edit\n");
    p.write("scratch.txt", "untracked\n");
    p.write("newdir/a.txt", "a\n");
    p.write("newdir/b.txt", "b\n");
    let out = p.ok(&["resume"]);
    assert!(out.contains("Staged (1):\n- src/lib.rs"), "{out}");
    assert!(
        out.contains("Modified, not staged (1):\n- notes.txt"),
        "{out}"
    );
    // An untracked folder is one entry.
    assert!(
        out.contains("Untracked (2):\n- newdir/\n- scratch.txt"),
        "{out}"
    );
    assert!(
        out.contains("No new commits: HEAD is where it was."),
        "{out}"
    );
}

#[test]
fn potential_conflicts_committed_edited_or_gone() {
    let p = project();
    commit_files(
        &p,
        &[("b.txt", "b\n"), ("c.txt", "c\n")],
        "b and c",
        "2026-01-15T08:30:00Z",
    );
    for (f, t) in [
        ("src/lib.rs", "wip a\n"),
        ("b.txt", "wip b\n"),
        ("c.txt", "wip c\n"),
    ] {
        p.write(f, t);
        set_mtime(&p, f, "2026-01-15T09:50:00Z");
    }
    p.ok(&["pause", "--no-commit"]);
    // src/lib.rs: committed since; b.txt: edited again; c.txt: reverted.
    let repo = p.repo();
    stage(&repo, &["src/lib.rs"]);
    commit_index(&repo, "Commit the wip", "2026-01-15T11:00:00Z");
    p.write("b.txt", "wip b, more\n");
    set_mtime(&p, "b.txt", "2026-01-15T11:30:00Z");
    p.write("c.txt", "c\n");
    let out = p.ok(&["resume"]);
    assert!(out.contains("### Potential Conflicts (3)"), "{out}");
    assert!(
        out.contains("- src/lib.rs: uncommitted at the pause, changed in commits since"),
        "{out}"
    );
    assert!(
        out.contains("- b.txt: uncommitted at the pause, edited again since"),
        "{out}"
    );
    assert!(
        out.contains("- c.txt: uncommitted at the pause; those changes are gone"),
        "{out}"
    );
}

#[test]
fn untouched_dirty_files_are_not_conflicts() {
    let p = project();
    p.write("notes.txt", "wip\n");
    set_mtime(&p, "notes.txt", "2026-01-15T09:00:00Z");
    p.ok(&["pause", "--no-commit"]);
    let out = p.ok(&["resume"]);
    assert!(!out.contains("Potential Conflicts"), "{out}");
    assert!(
        out.contains("Modified, not staged (1):\n- notes.txt"),
        "{out}"
    );
}

#[test]
fn key_files_that_changed_are_named() {
    let p = project();
    let f = p.active_file();
    let text = fs::read_to_string(&f).unwrap().replace(
        "**Key Files**:\n- (none yet)",
        "**Key Files**:\n- `src/lib.rs` - the entry\n- `docs/guide.md` - the guide\n- `notes.txt` - notes",
    );
    fs::write(&f, text).unwrap();
    p.ok(&["pause", "--no-commit"]);
    commit_files(
        &p,
        &[("src/lib.rs", "pub fn a() { changed }\n")],
        "Touch lib",
        "2026-01-15T11:00:00Z",
    );
    p.write("docs/guide.md", "new guide\n");
    let out = p.ok(&["resume"]);
    assert!(out.contains("### Key Files Changed\n- src/lib.rs: changed in commits since\n- docs/guide.md: uncommitted changes\n"), "{out}");
    assert!(!out.contains("- notes.txt:"), "{out}");
}

#[test]
fn detached_head_is_reported() {
    let p = project();
    let main = branch(&p);
    p.ok(&["pause", "--no-commit"]);
    let c = commit_files(&p, &[("x.txt", "x\n")], "On main", "2026-01-15T11:00:00Z");
    p.repo().set_head_detached(c).unwrap();
    let out = p.ok(&["resume"]);
    assert!(
        out.contains(&format!("**HEAD**: detached HEAD at {}", short(c))),
        "{out}"
    );
    assert!(
        out.contains(&format!("**Branch switched**: {main} → (detached HEAD)")),
        "{out}"
    );
    // Pausing while detached records no branch and makes no branch commit.
    let out = p.ok(&["pause", "work", "--commit-to-branch"]);
    assert!(out.contains("(detached HEAD)"), "{out}");
    assert!(out.contains("HEAD is detached"), "{out}");
    let last = snapshots(&p).pop().unwrap();
    let s: serde_json::Value = serde_json::from_str(&fs::read_to_string(last).unwrap()).unwrap();
    assert_eq!(s["git_context"]["branch"], serde_json::Value::Null);
    assert_eq!(s["git_context"]["commit"], c.to_string());
}

#[test]
fn unborn_branch_then_first_commits() {
    let p = Project::plain();
    Repository::init(p.path()).unwrap();
    p.ok(&["init", "--name", "work", "--goal", "Start from nothing"]);
    let out = p.ok(&["pause", "-s", "empty repo"]);
    // The snapshot needs no commit of the user's.
    assert!(out.contains(" on refs/sessions/"), "{out}");
    let s = only_snapshot(&p);
    assert_eq!(s["git_context"]["commit"], serde_json::Value::Null);
    let br = s["git_context"]["branch"].as_str().unwrap().to_string();
    let out = p.ok(&["resume"]);
    assert!(
        out.contains(&format!("**HEAD**: {br} (no commits yet)")),
        "{out}"
    );
    p.ok(&["pause", "work", "--no-commit"]);
    commit_files(
        &p,
        &[("first.txt", "1\n")],
        "First commit",
        "2026-01-15T11:00:00Z",
    );
    let out = p.ok(&["resume"]);
    assert!(
        out.contains("No commit was recorded; every commit in HEAD is new."),
        "{out}"
    );
    assert!(out.contains("First commit"), "{out}");
    assert!(out.contains("- A first.txt"), "{out}");
}

#[test]
fn merge_in_progress_is_reported() {
    let p = project();
    p.ok(&["pause", "--no-commit"]);
    let h = head(&p);
    fs::write(p.path().join(".git/MERGE_HEAD"), format!("{h}\n")).unwrap();
    let out = p.ok(&["resume"]);
    assert!(
        out.contains("**In progress**: a merge has not been finished or aborted."),
        "{out}"
    );
}

#[test]
fn tampered_snapshot_is_reported_and_still_used() {
    let p = project();
    p.ok(&["pause", "-s", "honest summary", "--no-commit"]);
    let f = snapshots(&p).pop().unwrap();
    let t = fs::read_to_string(&f)
        .unwrap()
        .replace("honest summary", "edited summary");
    fs::write(&f, t).unwrap();
    let out = p.ok(&["resume"]);
    assert!(out.contains("does not match its checksum"), "{out}");
    assert!(out.contains("## Summary\nedited summary"), "{out}");
    assert!(out.contains("## Changes Since the Pause"), "{out}");
    assert!(p.active_text().contains("status: active"));
}

#[test]
fn unreadable_snapshot_falls_back_to_the_session_fields() {
    let p = project();
    p.ok(&["pause", "-s", "x", "--no-commit"]);
    let f = snapshots(&p).pop().unwrap();
    fs::write(&f, "{ this is not json").unwrap();
    commit_files(
        &p,
        &[("y.txt", "y\n")],
        "After the pause",
        "2026-01-15T11:00:00Z",
    );
    let out = p.ok(&["resume"]);
    assert!(out.contains("is unreadable (invalid JSON"), "{out}");
    assert!(
        out.contains("## Changes Since the Last Checkpoint"),
        "{out}"
    );
    assert!(out.contains("After the pause"), "{out}");
    assert!(p.active_text().contains("status: active"));
}

#[test]
fn broken_repository_still_resumes() {
    let p = project();
    p.ok(&["pause", "--no-commit"]);
    fs::write(p.path().join(".git/HEAD"), "garbage\n").unwrap();
    let out = p.ok(&["resume"]);
    assert!(
        out.contains("The git repository could not be read ("),
        "{out}"
    );
    assert!(p.active_text().contains("status: active"));
}

#[test]
fn upstream_ahead_behind_and_divergence() {
    let p = project();
    let base = head(&p);
    let br = branch(&p);
    let repo = p.repo();
    repo.reference(&format!("refs/remotes/origin/{br}"), base, true, "test")
        .unwrap();
    let mut cfg = repo.config().unwrap();
    cfg.set_str("remote.origin.url", "https://example.com/repo.git")
        .unwrap();
    cfg.set_str("remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*")
        .unwrap();
    cfg.set_str(&format!("branch.{br}.remote"), "origin")
        .unwrap();
    cfg.set_str(&format!("branch.{br}.merge"), &format!("refs/heads/{br}"))
        .unwrap();
    p.ok(&["pause", "--no-commit"]);
    let s = only_snapshot(&p);
    assert_eq!(s["git_context"]["upstream"], format!("origin/{br}"));
    commit_files(
        &p,
        &[("local.txt", "l\n")],
        "Local work",
        "2026-01-15T11:00:00Z",
    );
    // Someone else pushed: origin moves to a sibling commit.
    let base_c = repo.find_commit(base).unwrap();
    let s2 = sig("2026-01-15T11:10:00Z");
    let theirs = repo
        .commit(
            None,
            &s2,
            &s2,
            "Their work",
            &base_c.tree().unwrap(),
            &[&base_c],
        )
        .unwrap();
    repo.reference(&format!("refs/remotes/origin/{br}"), theirs, true, "test")
        .unwrap();
    let out = p.ok(&["resume"]);
    assert!(
        out.contains(&format!(
            "**Upstream** origin/{br}: 1 ahead, 1 behind — diverged (at the pause: 0 ahead, 0 behind origin/{br})."
        )),
        "{out}"
    );
}

#[test]
fn list_numbers_sessions_newest_first_and_resume_takes_the_number() {
    let p = project();
    p.ok(&["pause", "-s", "older work", "--no-commit"]);
    p.cmd()
        .env("SESSION_HOOK_NOW", "2026-01-15T11:00:00Z")
        .args(["init", "--name", "other", "--goal", "Other thing"])
        .assert()
        .success();
    let out = p
        .cmd()
        .env("SESSION_HOOK_NOW", LATER)
        .args(["resume", "--list"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let first = out.find(" 1. other  [active]  never paused").expect(&out);
    let second = out
        .find(
            " 2. work  [paused]  paused 2026-01-15T10:00Z (2 hours ago)\n      Summary: older work",
        )
        .expect(&out);
    assert!(first < second);
    let out = p.ok(&["resume", "2"]);
    assert!(out.contains("# Resuming Session: work"), "{out}");
    let out = p.ok(&["resume", "--session-id", "other"]);
    assert!(out.contains("# Resuming Session: other"), "{out}");
}

#[test]
fn resume_without_a_name_takes_the_newest_paused_session() {
    let p = project();
    p.ok(&["init", "--name", "other", "--goal", "Other thing"]);
    p.ok(&["pause", "work", "--no-commit"]);
    let out = p.ok(&["resume"]);
    assert!(out.contains("# Resuming Session: work"), "{out}");
}

#[test]
fn closed_sessions_cannot_be_resumed_or_paused() {
    let p = project();
    p.ok(&["close", "--complete"]);
    let o = p.run(&["resume", "work"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot be resumed"));
    let o = p.run(&["pause", "work"]);
    assert!(!o.status.success());
}

#[test]
fn session_start_shows_the_short_report_since_the_pause() {
    let p = project();
    let claude = "11111111-2222-3333-4444-555555555555";
    p.ok(&["pause", "-s", "eod"]);
    p.ok(&["resume", "--claude-session", claude]);
    let c = commit_files(
        &p,
        &[("src/lib.rs", "pub fn a() { next day }\n")],
        "Next-day fix",
        "2026-01-15T11:00:00Z",
    );
    let (code, out) = p.hook(&common::payload(
        p.path(),
        "SessionStart",
        serde_json::json!({"source": "startup"}),
    ));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ctx = v["hookSpecificOutput"]["additionalContext"]
        .as_str()
        .unwrap();
    assert!(ctx.contains("## Changes Since the Pause"), "{ctx}");
    assert!(
        ctx.contains(&format!("- 1 new commit:\n  - {} Next-day fix", short(c))),
        "{ctx}"
    );
    assert!(!ctx.contains("session: pause"), "{ctx}");
    assert!(
        !ctx.contains("- M src/lib.rs"),
        "the short report has no diff:\n{ctx}"
    );
}

#[test]
fn resume_verifies_the_recorded_checkpoint() {
    let p = project();
    // Real clock: the journal orders entries by their time stamps.
    let ok = |args: &[&str]| p.ok_at(None, args);
    ok(&["checkpoint"]);
    ok(&["pause", "-s", "end of day"]);
    let out = ok(&["resume"]);
    assert!(
        out.contains("## Checkpoint Verification\nCheckpoint verified: git state matches"),
        "{out}"
    );

    ok(&["checkpoint"]);
    ok(&["pause", "-s", "again", "--no-commit"]);
    let repo = p.repo();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.branch("elsewhere", &head, false).unwrap();
    repo.set_head("refs/heads/elsewhere").unwrap();
    p.write("scratch.txt", "new\n");
    let out = ok(&["resume"]);
    let v = &out[out
        .find("## Checkpoint Verification")
        .expect("verification section")..];
    assert!(
        v.contains("Checkpoint differs from the git state now:"),
        "{v}"
    );
    assert!(v.contains("branch:") && v.contains("elsewhere now"), "{v}");
    assert!(v.contains("scratch.txt: uncommitted now"), "{v}");
}
