//! Stores this process may not change: another user's store met by root,
//! and a store on a read-only mount. Root refuses (commands) or stays
//! silent (hooks) and writes nothing; a read-only store still gets what
//! reading alone can give.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{self, Project};

/// An id for nobody, as `nobody` has on most systems.
const NOBODY: u32 = 65534;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Every path under `dir` with its owner, mode and content (links as
/// their target): what "nothing changed" compares.
fn state(dir: &Path) -> BTreeMap<PathBuf, (u32, u32, u32, Vec<u8>)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let m = fs::symlink_metadata(e.path()).unwrap();
            let content = if m.is_file() {
                fs::read(e.path()).unwrap()
            } else if m.is_symlink() {
                fs::read_link(e.path())
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else {
                todo.push(e.path());
                Vec::new()
            };
            out.insert(e.path(), (m.uid(), m.gid(), m.mode(), content));
        }
    }
    out
}

fn chown_all(dir: &Path, uid: u32) {
    let mut todo = vec![dir.to_path_buf()];
    std::os::unix::fs::lchown(dir, Some(uid), Some(uid)).unwrap();
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            std::os::unix::fs::lchown(e.path(), Some(uid), Some(uid)).unwrap();
            if e.file_type().unwrap().is_dir() {
                todo.push(e.path());
            }
        }
    }
}

fn events(p: &Project) -> Vec<(&'static str, serde_json::Value)> {
    crate::hostile::hook_events(p.path())
}

fn hook(p: &Project, event: &str, extra: serde_json::Value) -> (Option<i32>, String, String) {
    let o = p
        .cmd()
        .arg("hook")
        .write_stdin(common::payload(p.path(), event, extra).into_bytes())
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A project with a session that has a little history.
fn project() -> Project {
    let p = Project::git();
    p.ok(&["init", "--goal", "Keep the store safe", "--name", "safe"]);
    p.ok(&["log", "--progress", "wrote the first half"]);
    p.ok(&["log", "--next", "write the second half"]);
    p
}

/// Root meets a store that belongs to another user: every command refuses
/// with a hint, every hook exits 0 and prints nothing, and not one file of
/// the store changes content, owner or mode, nor is one added (not even a
/// root-owned hook log).
#[test]
fn root_never_takes_over_another_users_store() {
    if !is_root() {
        eprintln!("skipped: needs to run as root to meet another user's store");
        return;
    }
    let p = project();
    let store = p.path().join(".sessions");
    chown_all(&store, NOBODY);
    let before = state(&store);
    for args in [
        &["log", "--progress", "root was here"][..],
        &["log", "--decision", "take it over", "--rationale", "root"],
        &["checkpoint"],
        &["pause", "-s", "root pauses"],
        &["resume", "safe"],
        &["close", "--complete"],
        &["view"],
        &["gc"],
        &["init", "--goal", "another"],
    ] {
        let o = p.run(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            !o.status.success(),
            "{args:?} ran as root on uid {NOBODY}'s store"
        );
        assert!(
            err.contains("belongs to another user") && err.contains("hint:"),
            "{args:?}: {err}"
        );
        assert_eq!(state(&store), before, "{args:?} changed the store");
    }
    for (event, extra) in events(&p) {
        let (code, out, err) = hook(&p, event, extra);
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (Some(0), "", ""),
            "{event}"
        );
        assert_eq!(state(&store), before, "{event} changed the store");
    }
}

/// Root's own store holding a document of another user's (copied in, or
/// left by them): root does not replace it with a root-owned file.
#[test]
fn root_does_not_replace_another_users_document() {
    if !is_root() {
        eprintln!("skipped: needs to run as root to meet another user's file");
        return;
    }
    let p = project();
    let doc = p.active_file();
    std::os::unix::fs::lchown(&doc, Some(NOBODY), Some(NOBODY)).unwrap();
    let before = fs::read(&doc).unwrap();
    let o = p.run(&["log", "--progress", "root was here"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("belongs to another user"), "{err}");
    assert_eq!(fs::read(&doc).unwrap(), before);
    assert_eq!(fs::metadata(&doc).unwrap().uid(), NOBODY);
}

/// `.sessions` mounted read-only over itself, unmounted on drop; `None`
/// (and a message) when this machine does not let the test mount.
struct ReadOnly(PathBuf);

impl ReadOnly {
    fn mount(dir: &Path) -> Option<ReadOnly> {
        let run = |args: &[&str]| {
            Command::new("mount")
                .args(args)
                .arg(dir)
                .arg(dir)
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if !run(&["--bind"]) {
            eprintln!("skipped: cannot bind-mount here (needs root or CAP_SYS_ADMIN)");
            return None;
        }
        let ro = ReadOnly(dir.to_path_buf());
        if !run(&["-o", "remount,bind,ro"]) {
            eprintln!("skipped: cannot remount read-only here");
            return None;
        }
        Some(ro)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// On a read-only store the hooks that inject still inject (the session
/// at startup, the context for "continue"), every hook exits 0, and a
/// command says why it cannot write.
#[test]
fn a_read_only_store_still_gets_its_injections() {
    let p = project();
    let store = p.path().join(".sessions");
    // Written once while it could be: the lock file and the hook log.
    let (code, out, _) = hook(&p, "Stop", serde_json::json!({}));
    assert_eq!((code, out.as_str()), (Some(0), ""));
    let Some(_ro) = ReadOnly::mount(&store) else {
        return;
    };
    assert!(
        fs::write(store.join("probe"), "x").is_err(),
        "the mount is not read-only"
    );
    let before = state(&store);
    let (code, out, err) = hook(&p, "SessionStart", serde_json::json!({"source": "startup"}));
    assert_eq!(code, Some(0), "{err}");
    let text = common::injected(&out);
    assert!(text.contains("Keep the store safe"), "startup: {out}");
    assert!(text.contains("wrote the first half"), "startup: {text}");
    let (code, out, err) = hook(
        &p,
        "UserPromptSubmit",
        serde_json::json!({"prompt": "continue"}),
    );
    assert_eq!(code, Some(0), "{err}");
    let text = common::injected(&out);
    assert!(text.contains("write the second half"), "continue: {out}");
    for (event, extra) in events(&p) {
        let (code, out, err) = hook(&p, event, extra);
        assert_eq!(code, Some(0), "{event}: {err}");
        assert!(err.is_empty(), "{event}: {err}");
        if !out.is_empty() && event != "PreCompact" {
            serde_json::from_str::<serde_json::Value>(&out).unwrap();
        }
    }
    let o = p.run(&["log", "--progress", "cannot land"]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("ead-only"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(state(&store), before);
}
