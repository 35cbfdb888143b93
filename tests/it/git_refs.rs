//! Pause snapshots on `refs/sessions/<id>`, the branch commit made by the
//! `git` executable, and sharing through `sync`, on real repositories
//! driven by git itself.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use crate::common::{Project, bin};

/// git with a clean configuration and a fixed identity.
pub const GIT_ENV: [(&str, &str); 6] = [
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_AUTHOR_NAME", "Ada"),
    ("GIT_AUTHOR_EMAIL", "ada@example.com"),
    ("GIT_COMMITTER_NAME", "Ada"),
    ("GIT_COMMITTER_EMAIL", "ada@example.com"),
];

/// Run git in `dir`; its stdout (it must succeed).
pub fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .current_dir(dir)
        .envs(GIT_ENV)
        .args(args)
        .output()
        .expect("git runs");
    crate::common::stdout_of_success(o, ("git", args))
}

/// A repository made by `git init` with two commits and a session `work`.
pub fn repo() -> Project {
    let p = Project::plain();
    git(p.path(), &["init", "-q", "-b", "main"]);
    p.write("src/lib.rs", "pub fn a() {}\n");
    p.write("README.md", "hello\n");
    git(p.path(), &["add", "."]);
    git(p.path(), &["commit", "-qm", "first"]);
    p.write("src/lib.rs", "pub fn a() { 1 }\n");
    git(p.path(), &["commit", "-qam", "second"]);
    sh(&p, &["init", "--name", "work", "--goal", "Fix the race"]);
    p
}

/// session-hook in `p` with the same git environment; stdout (must succeed).
pub fn sh(p: &Project, args: &[&str]) -> String {
    let o = p.cmd().envs(GIT_ENV).args(args).output().unwrap();
    crate::common::stdout_of_success(o, args)
}

pub fn session_id(p: &Project) -> String {
    p.active_text()
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .trim()
        .to_string()
}

/// The paths in a commit's tree.
fn tree_paths(dir: &Path, rev: &str) -> BTreeSet<String> {
    git(dir, &["ls-tree", "-r", "--name-only", rev])
        .lines()
        .map(str::to_string)
        .collect()
}

fn fsck_clean(dir: &Path) {
    let o = Command::new("git")
        .current_dir(dir)
        .envs(GIT_ENV)
        .args(["fsck", "--full", "--strict"])
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "fsck failed: {said}");
    // Dangling objects are fine; anything else (bad trees, bad idents,
    // broken links) is not.
    for l in said.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            l.starts_with("dangling") || l.starts_with("Checking") || l.starts_with("notice"),
            "fsck: {l}"
        );
    }
}

#[test]
fn pause_writes_a_ref_and_leaves_head_index_and_tree_alone() {
    let p = repo();
    let d = p.path();
    p.write("src/lib.rs", "pub fn a() { 2 }\n");
    git(d, &["add", "src/lib.rs"]);
    p.write("src/lib.rs", "pub fn a() { 3 }\n");
    p.write("notes.txt", "mine\n");
    // The store is machine-local: listed in .git/info/exclude, so git
    // status shows only the user's work.
    let exclude = fs::read_to_string(d.join(".git/info/exclude")).unwrap();
    assert!(exclude.lines().any(|l| l == "/.sessions/"), "{exclude}");
    assert!(!d.join(".gitignore").exists(), "no committed file changes");
    let status = git(d, &["status", "--porcelain"]);
    assert_eq!(status, "MM src/lib.rs\n?? notes.txt\n");
    let head = git(d, &["rev-parse", "HEAD"]);
    let index = fs::read(d.join(".git/index")).unwrap();
    let branches = git(d, &["for-each-ref", "refs/heads"]);

    let out = sh(&p, &["pause", "-s", "first stop"]);
    let id = session_id(&p);
    let r = format!("refs/sessions/{id}");
    let first = git(d, &["rev-parse", &r]).trim().to_string();
    assert!(
        out.contains(&format!("commit:   {} on {r}", &first[..7])),
        "{out}"
    );
    assert!(out.contains("1 modified, 1 staged, 1 untracked"), "{out}");

    // Nothing of the user's moved.
    assert_eq!(git(d, &["rev-parse", "HEAD"]), head);
    assert_eq!(
        fs::read(d.join(".git/index")).unwrap(),
        index,
        "index untouched"
    );
    assert_eq!(git(d, &["status", "--porcelain"]), status);
    assert_eq!(git(d, &["for-each-ref", "refs/heads"]), branches);
    assert_eq!(p.read("src/lib.rs"), "pub fn a() { 3 }\n");

    // The snapshot holds this session's store files and nothing else.
    let paths = tree_paths(d, &first);
    let doc = p.active_file();
    let doc_rel = format!("active/{}", doc.file_name().unwrap().to_string_lossy());
    assert!(paths.contains(&doc_rel), "{paths:?}");
    assert!(
        paths
            .iter()
            .any(|x| x.starts_with(&format!("journal/{id}/pauses/"))),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .all(|x| *x == doc_rel || x.starts_with(&format!("journal/{id}/"))),
        "{paths:?}"
    );
    assert_eq!(
        git(d, &["show", &format!("{first}:{doc_rel}")]),
        fs::read_to_string(&doc).unwrap()
    );
    let msg = git(d, &["log", "-1", "--format=%s|%an <%ae>|%P", &first]);
    assert_eq!(
        msg.trim(),
        "session: pause work — first stop|Ada <ada@example.com>|"
    );

    // The next pause is parented on the previous snapshot.
    sh(&p, &["resume", "work"]);
    sh(&p, &["pause", "-s", "second stop"]);
    let parent = git(d, &["rev-parse", &format!("{r}^")]);
    assert_eq!(parent.trim(), first);
    assert_eq!(git(d, &["rev-parse", "HEAD"]), head);
    fsck_clean(d);
}

#[test]
fn the_store_survives_branch_switch_reset_and_sparse_reapply() {
    let p = repo();
    let d = p.path();
    git(d, &["branch", "old", "HEAD~1"]);
    sh(
        &p,
        &["pause", "-s", "before the switch", "-n", "Write the fix"],
    );
    let doc = p.active_file();
    git(d, &["switch", "-q", "old"]);
    assert!(doc.exists(), "switch deleted the store");
    git(d, &["switch", "-q", "main"]);
    git(d, &["reset", "-q", "--hard", "HEAD~1"]);
    assert!(doc.exists(), "reset --hard deleted the store");
    git(d, &["sparse-checkout", "set", "--no-cone", "/src/"]);
    git(d, &["sparse-checkout", "reapply"]);
    assert!(!d.join("README.md").exists(), "sparse checkout applied");
    assert!(doc.exists(), "sparse-checkout reapply deleted the store");
    let out = sh(&p, &["resume", "work"]);
    assert!(out.contains("## Summary\nbefore the switch"), "{out}");
    assert!(out.contains("1. Write the fix"), "{out}");
}

/// A pre-commit hook that records it ran (and refuses when told to).
fn hook(d: &Path, refuse: bool) -> std::path::PathBuf {
    let marker = d.join(".git/pre-commit-ran");
    let h = d.join(".git/hooks/pre-commit");
    fs::create_dir_all(h.parent().unwrap()).unwrap();
    fs::write(
        &h,
        format!(
            "#!/bin/sh\necho ran >> '{}'\n{}",
            marker.display(),
            if refuse {
                "echo 'pre-commit: store commits need review' >&2\nexit 1\n"
            } else {
                "exit 0\n"
            }
        ),
    )
    .unwrap();
    fs::set_permissions(&h, fs::Permissions::from_mode(0o755)).unwrap();
    marker
}

/// A stand-in for gpg that records it was asked to sign, and signs.
fn fake_gpg(d: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let marker = d.join(".git/gpg-ran");
    let prog = d.join(".git/fake-gpg");
    fs::write(
        &prog,
        format!(
            "#!/bin/sh\necho \"$@\" >> '{}'\ncat > /dev/null\nprintf '\\n[GNUPG:] SIG_CREATED D 1 8 00 1700000000 ABCDEF\\n' >&2\nprintf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n'\n",
            marker.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&prog, fs::Permissions::from_mode(0o755)).unwrap();
    (prog, marker)
}

#[test]
fn branch_mode_commits_through_git_with_its_hooks_and_signing() {
    let p = repo();
    let d = p.path();
    let ran = hook(d, false);
    let (gpg, signed) = fake_gpg(d);
    git(d, &["config", "commit.gpgsign", "true"]);
    git(d, &["config", "gpg.program", gpg.to_str().unwrap()]);
    git(d, &["config", "user.signingkey", "ABCDEF"]);
    // Other staged work stays staged and out of the commit.
    p.write("staged.txt", "staged\n");
    git(d, &["add", "staged.txt"]);
    p.write(".sessions/config.yaml", "pause:\n  commit: branch\n");
    let head = git(d, &["rev-parse", "HEAD"]).trim().to_string();

    let out = sh(&p, &["pause", "-s", "hand-off"]);
    let new = git(d, &["rev-parse", "HEAD"]).trim().to_string();
    assert_ne!(new, head, "{out}");
    assert!(
        out.contains(&format!(
            "branch:   {} session: pause work — hand-off",
            &new[..7]
        )),
        "{out}"
    );
    assert_eq!(git(d, &["rev-parse", "HEAD~1"]).trim(), head);
    assert!(ran.exists(), "the pre-commit hook ran");
    assert!(
        fs::read_to_string(&signed).unwrap().contains("ABCDEF"),
        "gpg was asked to sign"
    );
    let raw = git(d, &["cat-file", "commit", "HEAD"]);
    assert!(
        raw.contains("gpgsig -----BEGIN PGP SIGNATURE-----"),
        "{raw}"
    );
    assert!(raw.contains("author Ada <ada@example.com>"), "{raw}");
    let changed = git(d, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        changed.lines().all(|l| l.starts_with(".sessions/")),
        "{changed}"
    );
    assert!(!changed.contains(".sessions/.local/"), "{changed}");
    assert_eq!(git(d, &["diff", "--cached", "--name-only"]), "staged.txt\n");
    // The snapshot ref is written too.
    let id = session_id(&p);
    git(
        d,
        &["rev-parse", "--verify", &format!("refs/sessions/{id}")],
    );
    fsck_clean(d);
}

#[test]
fn branch_mode_refused_by_git_still_pauses() {
    let p = repo();
    let d = p.path();
    let ran = hook(d, true);
    let head = git(d, &["rev-parse", "HEAD"]);
    let out = sh(&p, &["pause", "--commit-to-branch", "-s", "refused"]);
    assert!(ran.exists());
    assert_eq!(git(d, &["rev-parse", "HEAD"]), head, "no commit");
    assert!(out.contains("branch:   no commit (`git commit"), "{out}");
    assert!(out.contains("store commits need review"), "{out}");
    assert!(p.active_text().contains("status: paused"));
    let id = session_id(&p);
    assert!(out.contains(&format!("on refs/sessions/{id}")), "{out}");
}

/// Every loose object and ref file we wrote is readable by the group.
#[test]
fn shared_repository_permissions_hold() {
    let p = Project::plain();
    let d = p.path();
    git(d, &["init", "-q", "--shared=group", "-b", "main"]);
    p.write("a.txt", "a\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "first"]);
    sh(&p, &["init", "--name", "work", "--goal", "Shared"]);
    // Under a private umask, as a user's shell may have.
    let o = Command::new("sh")
        .current_dir(d)
        .envs(GIT_ENV)
        .env("SESSION_HOOK_NOW", "2026-01-15T10:00:00Z")
        .args(["-c", "umask 077; exec \"$0\" pause -s shared"])
        .arg(bin())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let id = session_id(&p);
    let r = format!("refs/sessions/{id}");
    let commit = git(d, &["rev-parse", &r]).trim().to_string();
    let mut objects: Vec<String> = git(d, &["rev-list", "--objects", &r])
        .lines()
        .map(|l| l.split(' ').next().unwrap().to_string())
        .collect();
    objects.push(commit);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode();
    for o in &objects {
        let f = d.join(".git/objects").join(&o[..2]).join(&o[2..]);
        if !f.exists() {
            continue;
        }
        assert_eq!(
            mode(&f) & 0o040,
            0o040,
            "{} not group-readable",
            f.display()
        );
        let dir = f.parent().unwrap();
        assert_eq!(
            mode(dir) & 0o2070,
            0o2070,
            "{} not group-shared",
            dir.display()
        );
    }
    let rf = d.join(".git").join(&r);
    assert_eq!(mode(&rf) & 0o060, 0o060, "ref not group-writable");
    assert_eq!(mode(rf.parent().unwrap()) & 0o2070, 0o2070);
    fsck_clean(d);
}

#[test]
fn sync_shares_a_session_that_resume_restores_from_the_ref() {
    let remote = tempfile::tempdir().unwrap();
    git(remote.path(), &["init", "-q", "--bare", "-b", "main"]);
    let p = repo();
    let d = p.path();
    git(
        d,
        &["remote", "add", "origin", remote.path().to_str().unwrap()],
    );
    git(d, &["push", "-q", "origin", "main"]);
    p.write("notes.txt", "my uncommitted notes\n");
    sh(
        &p,
        &["pause", "-s", "hand-off", "-n", "Review the lock order"],
    );
    let out = sh(&p, &["sync", "push"]);
    assert!(
        out.contains("$ git push origin 'refs/sessions/*:refs/sessions/*'"),
        "{out}"
    );
    let id = session_id(&p);
    let r = format!("refs/sessions/{id}");
    assert_eq!(
        git(remote.path(), &["rev-parse", &r]),
        git(d, &["rev-parse", &r])
    );

    // A teammate's clone has no store; pull brings the session's ref.
    let q = Project::plain();
    git(
        q.path(),
        &["clone", "-q", remote.path().to_str().unwrap(), "."],
    );
    let out = sh(&q, &["sync", "pull"]);
    assert!(
        out.contains("$ git fetch origin '+refs/sessions/*:refs/remotes/origin/sessions/*'"),
        "{out}"
    );
    assert!(out.contains("work  Fix the race  (from origin)"), "{out}");
    let list = sh(&q, &["list"]);
    assert!(list.contains("on a ref   work"), "{list}");
    let list = sh(&q, &["resume", "--list"]);
    assert!(list.contains("Only on snapshot refs"), "{list}");
    assert!(
        list.contains(&format!("1. work  [refs/remotes/origin/sessions/{id}]")),
        "{list}"
    );
    let out = sh(&q, &["resume", "work"]);
    assert!(
        out.contains(&format!(
            "Restored work from refs/remotes/origin/sessions/{id}"
        )),
        "{out}"
    );
    assert!(
        out.contains("Paused in another checkout or folder ("),
        "{out}"
    );
    assert!(out.contains("1. Review the lock order"), "{out}");
    assert!(!out.contains("Potential Conflicts"), "{out}");
    assert!(q.active_text().contains("status: active"));
    assert!(
        git(q.path(), &["status", "--porcelain"]).is_empty(),
        "store excluded in the clone"
    );
    // Their own commit to a file the first user had uncommitted at the
    // pause is a potential conflict.
    q.write("notes.txt", "their notes\n");
    git(q.path(), &["add", "notes.txt"]);
    git(q.path(), &["commit", "-qm", "Teammate edits notes"]);
    let out = sh(&q, &["resume", "work"]);
    assert!(
        out.contains("- notes.txt: uncommitted at the pause, changed in commits since"),
        "{out}"
    );
    // Their next pause continues the shared history, so it pushes.
    sh(&q, &["pause", "-s", "reviewed"]);
    let theirs = git(q.path(), &["rev-parse", &r]);
    assert_eq!(
        git(q.path(), &["rev-parse", &format!("{r}^")]),
        git(d, &["rev-parse", &r])
    );
    sh(&q, &["sync", "push"]);
    assert_eq!(git(remote.path(), &["rev-parse", &r]), theirs);
    // The first user fetches the newer snapshot beside their own ref.
    sh(&p, &["sync", "pull"]);
    assert_eq!(
        git(
            d,
            &["rev-parse", &format!("refs/remotes/origin/sessions/{id}")]
        ),
        theirs
    );
}

/// The snapshot commit holds the pause's own journal entries and its
/// snapshot file, with the document marked paused, as the store has them
/// once the pause is done.
#[test]
fn the_snapshot_commit_holds_the_pause_itself() {
    let p = repo();
    sh(&p, &["pause", "-s", "all in", "-a", "Write the fix"]);
    let id = session_id(&p);
    let files = git(
        p.path(),
        &[
            "ls-tree",
            "-r",
            "--name-only",
            &format!("refs/sessions/{id}"),
        ],
    );
    assert!(files.contains("-pause-"), "{files}");
    assert!(files.contains("-done-"), "{files}");
    assert!(files.contains(&format!("journal/{id}/pauses/")), "{files}");
    let doc = git(
        p.path(),
        &[
            "show",
            &format!("refs/sessions/{id}:active/work-{}.md", &id[id.len() - 6..]),
        ],
    );
    assert!(doc.contains("status: paused"), "{doc}");
    assert_eq!(doc, p.active_text());
}
