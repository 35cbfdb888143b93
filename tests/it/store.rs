//! The store itself: where it is found, the modes of what it creates
//! whatever the umask, its lock, and session files it cannot read, which
//! must never be replaced or silently passed over.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use common::Project;

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn front(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}: ")))
        .unwrap_or_else(|| panic!("no {key} in\n{text}"))
        .trim_matches('"')
        .to_string()
}

fn active_files(p: &Project) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(p.path().join(".sessions/active"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

fn file_of(p: &Project, shortname: &str) -> PathBuf {
    active_files(p)
        .into_iter()
        .find(|f| front(&fs::read_to_string(f).unwrap(), "shortname") == shortname)
        .unwrap_or_else(|| panic!("no active session {shortname}"))
}

fn set_mtime(p: &Path, t: SystemTime) {
    fs::File::options()
        .write(true)
        .open(p)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

/// YAML that does not parse, with the error on line 4.
const BROKEN: &str = "---\nid: x\nshortname: bad\ntitle: [unclosed\n---\nbody\n";

#[test]
fn init_never_replaces_an_unreadable_session_of_the_same_name() {
    let p = Project::git();
    p.ok(&["init", "--name", "bad"]);
    let f = p.active_file();
    fs::write(&f, BROKEN).unwrap();
    let o = p.run(&["init", "--name", "bad"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.starts_with("session-hook: error: an open session is already named \"bad\"")
            && e.contains("cannot be read")
            && e.contains(&format!("{}:4:", f.display()))
            && e.contains("hint: fix that file by hand"),
        "{e}"
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), BROKEN);
    assert_eq!(active_files(&p), vec![f]);
}

/// The first six hex digits of a UUIDv7 made now: its timestamp's top bits.
fn id6_now() -> Vec<String> {
    let ms = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    // The next value too, in case the test runs across a rollover.
    vec![
        format!("{:06x}", ms >> 24),
        format!("{:06x}", (ms >> 24) + 1),
    ]
}

/// Files named as earlier versions named a session started now (the id's
/// time stamp) are left alone, and the new session's name differs: its
/// six characters are random.
#[test]
fn init_never_replaces_a_file_that_has_its_file_name() {
    let p = Project::git();
    p.ok(&["init", "--name", "other"]);
    let mut planted = Vec::new();
    for id6 in id6_now() {
        let f = p.path().join(format!(".sessions/active/x-{id6}.md"));
        let text = fs::read_to_string(file_of(&p, "other"))
            .unwrap()
            .replace("shortname: other", "shortname: renamed");
        fs::write(&f, &text).unwrap();
        planted.push((f, text));
    }
    p.ok(&["init", "--name", "x"]);
    for (f, text) in &planted {
        assert_eq!(&fs::read_to_string(f).unwrap(), text);
    }
    assert_eq!(active_files(&p).len(), 4);
}

#[test]
fn close_never_replaces_an_archived_file() {
    let p = Project::git();
    p.ok(&["init", "--name", "c"]);
    let f = p.active_file();
    let id = front(&p.active_text(), "id");
    let archive = p.path().join(".sessions/archive");
    fs::create_dir_all(&archive).unwrap();
    let stem = f.file_stem().unwrap().to_string_lossy().to_string();
    let taken = [
        archive.join(f.file_name().unwrap()),
        archive.join(format!("{stem}-{}.md", id.replace('-', ""))),
    ];
    for (i, t) in taken.iter().enumerate() {
        fs::write(t, format!("older copy {i}\n")).unwrap();
    }
    let out = p.ok(&["close", "--complete"]);
    for (i, t) in taken.iter().enumerate() {
        assert_eq!(fs::read_to_string(t).unwrap(), format!("older copy {i}\n"));
    }
    let names: Vec<String> = fs::read_dir(&archive)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let new = names
        .iter()
        .find(|n| {
            !taken
                .iter()
                .any(|t| t.file_name().unwrap().to_string_lossy() == **n)
        })
        .unwrap();
    assert!(out.contains(new.as_str()), "{out}");
    let t = fs::read_to_string(archive.join(new)).unwrap();
    assert!(t.contains("status: complete\n"), "{t}");
}

#[test]
fn without_a_name_an_unreadable_only_session_is_reported() {
    let p = Project::git();
    p.ok(&["init", "--name", "bad"]);
    let f = p.active_file();
    fs::write(&f, BROKEN).unwrap();
    for args in [
        &["log", "--progress", "x"][..],
        &["view"],
        &["checkpoint"],
        &["close", "--complete"],
    ] {
        let o = p.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.starts_with("session-hook: error: no readable active session: ")
                && e.contains(&format!("{}:4:", f.display()))
                && e.contains("hint: fix that file by hand")
                && e.contains("--session NAME")
                && !e.contains("session-hook init"),
            "{args:?}: {e}"
        );
    }
    assert_eq!(fs::read_to_string(&f).unwrap(), BROKEN);
}

/// An older readable session and a newer one that has been broken by hand.
fn old_and_broken_new() -> (Project, PathBuf, PathBuf) {
    let p = Project::git();
    p.ok(&["init", "--name", "old"]);
    p.ok(&["init", "--name", "new"]);
    let (old, new) = (file_of(&p, "old"), file_of(&p, "new"));
    fs::write(&new, BROKEN.replace("shortname: bad", "shortname: new")).unwrap();
    let now = SystemTime::now();
    set_mtime(&old, now - Duration::from_secs(600));
    set_mtime(&new, now);
    (p, old, new)
}

#[test]
fn without_a_name_a_newer_unreadable_file_is_not_passed_over() {
    let (p, old, new) = old_and_broken_new();
    let before = fs::read_to_string(&old).unwrap();
    let o = p.run(&["log", "--progress", "meant for the newer session"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("the most recently changed active session file cannot be read")
            && e.contains(&format!("{}:4:", new.display()))
            && e.contains("hint: fix that file by hand"),
        "{e}"
    );
    assert_eq!(fs::read_to_string(&old).unwrap(), before);
    // Naming the older session still works.
    p.ok(&["log", "--session", "old", "--progress", "meant for old"]);
    assert!(fs::read_to_string(&old).unwrap().contains("meant for old"));
    // Once the older one is the newest file, it is the default again.
    set_mtime(&new, SystemTime::now() - Duration::from_secs(3600));
    p.ok(&["log", "--progress", "default again"]);
    assert!(fs::read_to_string(&old).unwrap().contains("default again"));
}

#[test]
fn a_hook_skips_quietly_when_a_newer_file_is_unreadable() {
    let (p, old, new) = old_and_broken_new();
    let before = fs::read_to_string(&old).unwrap();
    p.write("notes.txt", "hi\n");
    let payload = common::payload(
        p.path(),
        "PostToolUse",
        serde_json::json!({
            "tool_name": "Edit",
            "tool_input": {"file_path": p.path().join("notes.txt").display().to_string()},
            "tool_response": {},
        }),
    );
    let (code, out) = p.hook(&payload);
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(fs::read_to_string(&old).unwrap(), before);
    let log = p.read(".sessions/.local/hook.log");
    let last = log.lines().last().unwrap();
    assert!(
        last.contains("PostToolUse") && last.contains(&format!("{}:4:", new.display())),
        "{log}"
    );
}

/// Run the binary with `umask` set in the child.
fn under_umask(p: &Project, umask: &str, args: &[&str]) -> Output {
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(common::bin())
        .args(args)
        .current_dir(p.path())
        .env_remove("CLAUDE_PROJECT_DIR")
        .env_remove("CLAUDE_CODE_SESSION_ID")
        .env("SESSION_HOOK_NOW", "2026-01-15T10:00:00Z");
    c.output().unwrap()
}

fn walk(d: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(d).unwrap().flatten() {
        out.push(e.path());
        if e.file_type().unwrap().is_dir() {
            walk(&e.path(), out);
        }
    }
}

#[test]
fn modes_do_not_depend_on_the_umask() {
    for umask in ["277", "077", "000"] {
        let p = Project::git();
        for args in [
            &["init", "--name", "u", "--goal", "Strict umask"][..],
            &["log", "--progress", "first"],
            &["log", "--next", "a step"],
            &["checkpoint", "--note", "n"],
        ] {
            let o = under_umask(&p, umask, args);
            assert!(o.status.success(), "umask {umask} {args:?}: {}", stderr(&o));
        }
        let store = p.path().join(".sessions");
        let mut all = vec![store.clone()];
        walk(&store, &mut all);
        assert!(all.iter().any(|f| f.ends_with(".local/lock")));
        for f in all {
            let want = if f.is_dir() { 0o700 } else { 0o600 };
            assert_eq!(mode(&f), want, "umask {umask}: {}", f.display());
        }
    }
}

#[test]
fn a_read_only_lock_file_still_locks_and_lock_errors_say_what_is_wrong() {
    let p = Project::git();
    p.ok(&["init", "--name", "l"]);
    let lock = p.path().join(".sessions/.local/lock");
    fs::set_permissions(&lock, fs::Permissions::from_mode(0o400)).unwrap();
    p.ok(&["log", "--progress", "after a read-only lock"]);
    // flock needs no write access, and a file we did not just create is
    // never chmodded.
    assert_eq!(mode(&lock), 0o400);
    // A lock that cannot be opened at all is not "busy".
    fs::remove_file(&lock).unwrap();
    fs::create_dir(&lock).unwrap();
    let o = p.run(&["log", "--progress", "x"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("cannot open the lock file") && e.contains("hint: check that"),
        "{e}"
    );
    assert!(!e.contains("try again"), "{e}");
}

#[test]
fn a_held_lock_is_reported_as_busy() {
    let p = Project::git();
    p.ok(&["init", "--name", "busy"]);
    let before = p.active_text();
    let lock = p.hold_lock();
    let start = std::time::Instant::now();
    let o = p.run(&["log", "--progress", "x"]);
    assert!(start.elapsed() >= Duration::from_secs(9), "it waited");
    drop(lock);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("locked by another session-hook process")
            && e.contains("hint: another session-hook command is running; try again"),
        "{e}"
    );
    assert_eq!(p.active_text(), before);
}

#[test]
fn checkpoint_sweeps_old_temp_files_from_the_journal_folder() {
    let p = Project::git();
    p.ok(&["init", "--name", "t"]);
    let id = front(&p.active_text(), "id");
    let dir = p.path().join(format!(".sessions/journal/{id}"));
    let (stale, fresh) = (dir.join(".tmp-dead.partial"), dir.join(".tmp-live.partial"));
    fs::write(&stale, "half").unwrap();
    fs::write(&fresh, "half").unwrap();
    set_mtime(&stale, SystemTime::now() - Duration::from_secs(3600));
    p.ok(&["checkpoint"]);
    assert!(!stale.exists(), "a killed writer's temp file is swept");
    assert!(fresh.exists(), "a young one may belong to a live writer");
    assert!(dir.join("progress.md").is_file());
}

#[test]
fn the_store_is_found_by_dir_then_env_then_git_then_cwd() {
    let p = Project::git();
    let sub = p.path().join("deep/sub");
    fs::create_dir_all(&sub).unwrap();
    let env = tempfile::tempdir().unwrap();
    let flag = tempfile::tempdir().unwrap();
    let init = |name: &str, envdir: Option<&Path>, dir: Option<&Path>| {
        let mut c = p.cmd();
        c.current_dir(&sub).args(["init", "--name", name]);
        if let Some(e) = envdir {
            c.env("CLAUDE_PROJECT_DIR", e);
        }
        if let Some(d) = dir {
            c.arg("--dir").arg(d);
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{name}: {}", stderr(&o));
    };
    let has = |root: &Path, name: &str| {
        fs::read_dir(root.join(".sessions/active"))
            .map(|rd| {
                rd.flatten().any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("{name}-"))
                })
            })
            .unwrap_or(false)
    };
    init("by-dir", Some(env.path()), Some(flag.path()));
    init("by-env", Some(env.path()), None);
    init("by-git", None, None);
    assert!(has(flag.path(), "by-dir") && !has(env.path(), "by-dir"));
    assert!(has(env.path(), "by-env") && !has(p.path(), "by-env"));
    assert!(has(p.path(), "by-git") && !sub.join(".sessions").exists());
    // Outside git: the current folder.
    let plain = Project::plain();
    let inner = plain.path().join("inner");
    fs::create_dir(&inner).unwrap();
    let o = plain
        .cmd()
        .current_dir(&inner)
        .args(["init", "--name", "by-cwd"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(has(&inner, "by-cwd") && !plain.path().join(".sessions").exists());
}

#[test]
fn a_missing_dir_is_an_error_for_every_command() {
    let p = Project::git();
    p.ok(&["init", "--name", "here"]);
    let missing = p.path().join("no/such/folder");
    let m = missing.to_str().unwrap();
    for args in [
        &["init", "--name", "x", "--dir", m][..],
        &["log", "--progress", "x", "--dir", m],
        &["list", "--dir", m],
        &["view", "--dir", m],
        &["doctor", "--dir", m],
    ] {
        let o = p.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.starts_with(&format!("session-hook: error: --dir {m} does not exist"))
                && e.contains("hint:"),
            "{args:?}: {e}"
        );
        assert!(!p.path().join("no").exists(), "{args:?} created it");
    }
    // The hook never fails its host.
    let o = p
        .cmd()
        .args(["hook", "--dir", m])
        .write_stdin(common::payload(p.path(), "Stop", serde_json::json!({})))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty() && !p.path().join("no").exists());
    // The same for $CLAUDE_PROJECT_DIR when it decides the folder.
    let o = p
        .cmd()
        .env("CLAUDE_PROJECT_DIR", m)
        .args(["init", "--name", "y"])
        .output()
        .unwrap();
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.starts_with(&format!(
            "session-hook: error: $CLAUDE_PROJECT_DIR {m} does not exist"
        )),
        "{e}"
    );
    assert!(!p.path().join("no").exists());
}

#[test]
fn the_status_line_shows_no_session_rather_than_an_older_one() {
    let (p, _old, new) = old_and_broken_new();
    let input = serde_json::json!({
        "session_id": "11111111-2222-3333-4444-555555555555",
        "cwd": p.path().display().to_string(),
        "workspace": {"project_dir": p.path().display().to_string()},
    })
    .to_string();
    let line = || {
        let o = p
            .cmd()
            .arg("statusline")
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        String::from_utf8(o.stdout).unwrap()
    };
    let shown = line();
    assert!(!shown.contains("old"), "{shown}");
    set_mtime(&new, SystemTime::now() - Duration::from_secs(3600));
    let shown = line();
    assert!(shown.contains("old"), "{shown}");
}
