//! What resume reports about uncommitted work must be true: content, not
//! times, decides whether a file changed; a folder and its own files are
//! the same change.

use crate::git_refs::{git, repo, sh};

#[test]
fn a_stash_and_pop_with_the_same_content_is_not_a_conflict() {
    let p = repo();
    let d = p.path();
    p.write("src/lib.rs", "pub fn a() { wip }\n");
    sh(&p, &["pause", "-s", "wip"]);
    // Rewrites the file (a newer time) with exactly the same content.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    git(d, &["stash", "-q"]);
    git(d, &["stash", "pop", "-q"]);
    let out = sh(&p, &["resume", "work"]);
    assert!(!out.contains("Potential Conflicts"), "{out}");
    // A real edit is.
    sh(&p, &["pause", "-s", "again"]);
    p.write("src/lib.rs", "pub fn a() { edited }\n");
    let out = sh(&p, &["resume", "work"]);
    assert!(
        out.contains("- src/lib.rs: uncommitted at the pause, edited again since"),
        "{out}"
    );
}

#[test]
fn an_untracked_folder_right_after_a_pause_verifies() {
    let p = repo();
    p.write("notes/one.md", "1\n");
    p.write("notes/two.md", "2\n");
    let at = |args: &[&str]| {
        let o = p
            .cmd()
            .envs(crate::git_refs::GIT_ENV)
            .env_remove("SESSION_HOOK_NOW")
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    at(&["checkpoint"]);
    at(&["pause", "-s", "notes"]);
    let out = at(&["resume", "work"]);
    assert!(
        out.contains("## Checkpoint Verification\nCheckpoint verified: git state matches"),
        "{out}"
    );
    assert!(!out.contains("notes/one.md"), "{out}");
}
