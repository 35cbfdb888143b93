//! A cloned repository is someone else's: its `.sessions/` may be built to
//! make a hook or a command write, read or chmod outside the store, read
//! forever, or hang. Each case plants one such trap in a fresh project,
//! then runs every hook event and the everyday commands, and checks that
//! nothing outside the store changed, nothing hung, and memory stayed
//! bounded.
//!
//! To add a case, add a [`Case`] to [`cases`]: a name and a function that
//! plants the trap (it may also say which transcript the hooks get).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, Project};

/// A hook or command that takes longer than this has hung (a generous
/// bound: a loaded test machine is slow, a hang is forever).
const HANG: Duration = Duration::from_secs(30);
/// Address space a hook or command may use. Reading `/dev/zero` to the
/// end would pass it; a real run stays far below.
const MEMORY: u64 = 1024 * 1024 * 1024;
/// Memory a hook or command may really touch (its peak resident size):
/// bounded reads keep every run far below this.
const PEAK_MEMORY: u64 = 256 * 1024 * 1024;

/// A trap and the project it is planted in, with a folder outside the
/// project standing for the user's home (`bashrc`, a folder of theirs).
pub struct Hostile {
    pub project: Project,
    pub outside: tempfile::TempDir,
    /// The transcript path hook payloads carry.
    pub transcript: Option<PathBuf>,
}

impl Hostile {
    fn new() -> Hostile {
        let project = Project::git();
        project.ok(&["init", "--goal", "Trap the hooks"]);
        let outside = tempfile::tempdir().unwrap();
        let bashrc = outside.path().join("bashrc");
        fs::write(&bashrc, "# the user's shell start-up\n").unwrap();
        fs::set_permissions(&bashrc, fs::Permissions::from_mode(0o644)).unwrap();
        fs::create_dir(outside.path().join("dir")).unwrap();
        Hostile {
            project,
            outside,
            transcript: None,
        }
    }

    pub fn store(&self) -> PathBuf {
        self.project.path().join(".sessions")
    }

    pub fn bashrc(&self) -> PathBuf {
        self.outside.path().join("bashrc")
    }

    pub fn their_dir(&self) -> PathBuf {
        self.outside.path().join("dir")
    }

    /// The id of the session `init` made.
    pub fn session_id(&self) -> String {
        let t = self.project.active_text();
        t.lines()
            .find_map(|l| l.strip_prefix("id: "))
            .unwrap()
            .trim()
            .to_string()
    }

    /// Replace `rel` inside the session's journal folder by a link to
    /// `/dev/zero`.
    pub fn zero_in_journal(&self, rel: &str) {
        let id = self.session_id();
        self.link(&format!("journal/{id}/{rel}"), Path::new("/dev/zero"));
    }

    /// Replace `rel` inside the store by a symbolic link to `to`.
    pub fn link(&self, rel: &str, to: &Path) {
        let p = self.store().join(rel);
        if let Ok(m) = fs::symlink_metadata(&p) {
            if m.is_dir() {
                fs::remove_dir_all(&p).unwrap();
            } else {
                fs::remove_file(&p).unwrap();
            }
        }
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        symlink(to, &p).unwrap();
    }
}

pub struct Case {
    pub name: &'static str,
    pub plant: fn(&mut Hostile),
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "hook.log links to ~/.bashrc",
            plant: |h| h.link(".local/hook.log", &h.bashrc()),
        },
        Case {
            name: "the lock links to ~/.bashrc",
            plant: |h| h.link(".local/lock", &h.bashrc()),
        },
        Case {
            name: ".local links to a folder of theirs",
            plant: |h| h.link(".local", &h.their_dir()),
        },
        Case {
            name: "the journal folder links to a folder of theirs",
            plant: |h| {
                let id = h.session_id();
                h.link(&format!("journal/{id}"), &h.their_dir());
            },
        },
        Case {
            name: "resume-logs links to a folder of theirs",
            plant: |h| h.link("resume-logs", &h.their_dir()),
        },
        Case {
            name: "the active folder links to a folder of theirs",
            plant: |h| {
                let doc = h.project.active_text();
                fs::write(h.their_dir().join("doc-0123.md"), doc).unwrap();
                h.link("active", &h.their_dir());
            },
        },
        Case {
            name: ".sessions itself links to a folder of theirs",
            plant: |h| {
                let store = h.store();
                let copy = h.their_dir().join("store");
                Command::new("cp")
                    .args(["-a"])
                    .arg(&store)
                    .arg(&copy)
                    .status()
                    .unwrap();
                fs::remove_dir_all(&store).unwrap();
                symlink(&copy, &store).unwrap();
            },
        },
        Case {
            name: "config.yaml links to /dev/zero",
            plant: |h| h.link("config.yaml", Path::new("/dev/zero")),
        },
        Case {
            name: "rollup.md links to /dev/zero",
            plant: |h| {
                let id = h.session_id();
                h.link(&format!("journal/{id}/rollup.md"), Path::new("/dev/zero"));
            },
        },
        Case {
            name: "hook.log links to /dev/zero",
            plant: |h| h.link(".local/hook.log", Path::new("/dev/zero")),
        },
        Case {
            name: "a pause snapshot links to /dev/zero",
            plant: |h| h.zero_in_journal("pauses/20260101T000000Z.json"),
        },
        Case {
            name: "a journal entry links to /dev/zero",
            plant: |h| h.zero_in_journal("entries/20260101T000000.000000Z-checkpoint-abcdef12.md"),
        },
        Case {
            name: "the phase map links to /dev/zero",
            plant: |h| h.zero_in_journal("phases.json"),
        },
        Case {
            name: "a bundle and a resume log link to /dev/zero",
            plant: |h| {
                let short = h
                    .project
                    .active_text()
                    .lines()
                    .find_map(|l| l.strip_prefix("shortname: ").map(str::to_string))
                    .unwrap();
                h.link(
                    &format!("bundles/{short}/progress.md"),
                    Path::new("/dev/zero"),
                );
                h.link(
                    &format!("resume-logs/{short}-20260101T000000Z.json"),
                    Path::new("/dev/zero"),
                );
            },
        },
        Case {
            name: "the bundles folder links to a folder of theirs",
            plant: |h| h.link("bundles", &h.their_dir()),
        },
        Case {
            name: "the transcript is a FIFO",
            plant: |h| {
                let fifo = h.outside.path().join("transcript.jsonl");
                let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
                assert!(made.success());
                h.transcript = Some(fifo);
            },
        },
    ]
}

/// Every hook event, as (event, extra payload fields).
fn events(h: &Hostile) -> Vec<(&'static str, serde_json::Value)> {
    hook_events(h.project.path())
}

/// Every hook event a session in `project` sees, as (event, extra
/// payload fields).
pub fn hook_events(project: &Path) -> Vec<(&'static str, serde_json::Value)> {
    let file = project.join("src/x.rs").display().to_string();
    vec![
        ("SessionStart", serde_json::json!({"source": "startup"})),
        ("SessionStart", serde_json::json!({"source": "compact"})),
        (
            "UserPromptSubmit",
            serde_json::json!({"prompt": "continue"}),
        ),
        (
            "PostToolUse",
            serde_json::json!({"tool_name": "Edit", "tool_input": {"file_path": file}}),
        ),
        (
            "PostToolUse",
            serde_json::json!({"tool_name": "Read", "tool_input": {"file_path": file}}),
        ),
        (
            "PostToolUse",
            serde_json::json!({"tool_name": "TodoWrite", "tool_input": {"todos": [{"content": "a step", "status": "in_progress", "activeForm": "Doing"}]}}),
        ),
        (
            "TaskCreated",
            serde_json::json!({"task_id": "1", "task_subject": "a task"}),
        ),
        ("PreCompact", serde_json::json!({"trigger": "auto"})),
        (
            "PostCompact",
            serde_json::json!({"trigger": "auto", "compact_summary": "s"}),
        ),
        ("Stop", serde_json::json!({})),
        ("SessionEnd", serde_json::json!({"reason": "exit"})),
    ]
}

/// The everyday commands (close last: it moves the session).
const COMMANDS: &[&[&str]] = &[
    &["log", "--progress", "a note"],
    &["log", "--decision", "a choice", "--rationale", "why"],
    &["checkpoint"],
    &["view"],
    &["list", "--all"],
    &["resume", "--list"],
    &["bundle", "--kind", "progress"],
    &["bundle", "load", "progress"],
    &["export", "session-md", "--out", "-"],
    &["export", "handoff", "--out", "-"],
    &["report", "timeline"],
    &["doctor"],
    &["pause", "-s", "trap"],
    &["resume"],
    &["gc"],
    &["close", "--complete"],
];

/// Run the binary with `stdin`, a hang guard and a memory cap; returns
/// (exit code, stdout, stderr).
// The child is reaped by `wait4`, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
fn run(h: &Hostile, args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let mut c = Command::new(common::bin());
    c.args(args)
        .current_dir(h.project.path())
        .env_remove("CLAUDE_PROJECT_DIR")
        .env_remove("CLAUDE_CODE_SESSION_ID")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between
    // fork and exec.
    unsafe {
        c.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: MEMORY,
                rlim_max: MEMORY,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let start = Instant::now();
    let mut child = c.spawn().unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let drain = |r: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut v);
            }
            String::from_utf8_lossy(&v).into_owned()
        })
    };
    let out = drain(child.stdout.take().map(|r| Box::new(r) as _));
    let err = drain(child.stderr.take().map(|r| Box::new(r) as _));
    // Reaped here, with its resource use: the peak memory it touched.
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own child, not yet reaped.
        if unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) } == pid {
            break;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`session-hook {}` hung", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    // ru_maxrss is in KiB.
    let peak = usage.ru_maxrss as u64 * 1024;
    assert!(
        peak < PEAK_MEMORY,
        "`session-hook {}` touched {} MiB",
        args.join(" "),
        peak >> 20
    );
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, out.join().unwrap(), err.join().unwrap())
}

/// Everything under `dir`, without following links: kind, size, mode and
/// modification time per path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (bool, u64, u32, i64, i64)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let m = fs::symlink_metadata(e.path()).unwrap();
            out.insert(
                e.path(),
                (m.is_dir(), m.len(), m.mode(), m.mtime(), m.mtime_nsec()),
            );
            if m.is_dir() {
                todo.push(e.path());
            }
        }
    }
    out
}

/// Plant `case`, run every hook event and command, and check the rules.
pub fn check(case: &Case) {
    let mut h = Hostile::new();
    (case.plant)(&mut h);
    let before = tree(h.outside.path());
    let transcript = h
        .transcript
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    for (event, extra) in events(&h) {
        let mut extra = extra;
        extra["transcript_path"] = transcript.clone().into();
        let payload = common::payload(h.project.path(), event, extra);
        let (code, out, err) = run(&h, &["hook"], payload.as_bytes());
        assert_eq!(code, Some(0), "{}: {event} exit: {err}", case.name);
        assert!(
            err.is_empty(),
            "{}: {event} wrote to stderr: {err}",
            case.name
        );
        if !out.is_empty() && event != "PreCompact" {
            serde_json::from_str::<serde_json::Value>(&out)
                .unwrap_or_else(|e| panic!("{}: {event} printed non-JSON ({e}): {out}", case.name));
        }
    }
    for args in COMMANDS {
        let (code, _, err) = run(&h, args, b"");
        // A command may refuse, but only in words: never a crash.
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{}: `{}` ended {code:?}: {err}",
            case.name,
            args.join(" ")
        );
        assert!(
            !err.contains('\x1b'),
            "{}: raw escape bytes on stderr",
            case.name
        );
    }
    let after = tree(h.outside.path());
    assert_eq!(
        before, after,
        "{}: something outside the store was created, written or chmodded",
        case.name
    );
    assert_eq!(
        fs::read_to_string(h.bashrc()).unwrap(),
        "# the user's shell start-up\n"
    );
}

#[test]
fn no_trap_in_a_cloned_store_reaches_outside_it() {
    for case in cases() {
        check(&case);
    }
}

/// A linked `.sessions` is refused by commands with a hint, and hooks say
/// nothing at all.
#[test]
fn a_linked_store_is_refused_by_commands_and_ignored_by_hooks() {
    let mut h = Hostile::new();
    let case = cases()
        .into_iter()
        .find(|c| c.name.starts_with(".sessions itself"))
        .unwrap();
    (case.plant)(&mut h);
    let (code, _, err) = run(&h, &["log", "--progress", "x"], b"");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("symbolic link") && err.contains("hint:"),
        "{err}"
    );
    let payload = common::payload(
        h.project.path(),
        "SessionStart",
        serde_json::json!({"source": "startup"}),
    );
    let (code, out, err) = run(&h, &["hook"], payload.as_bytes());
    assert_eq!((code, out.as_str(), err.as_str()), (Some(0), "", ""));
    assert!(
        !h.their_dir().join("store/.local/hook.log").exists(),
        "not even a log line in the linked folder"
    );
}

/// A small tmpfs mounted for the test, unmounted on drop; `None` (and a
/// message) when this machine does not let the test mount one.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let d = tempfile::tempdir().unwrap().keep();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&d)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)");
            let _ = fs::remove_dir(&d);
            return None;
        }
        Some(Tmpfs(d))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// session-hook on `project`, clock pinned, git's identity fixed.
fn run_in(project: &Path, args: &[&str]) -> std::process::Output {
    Command::new(common::bin())
        .args(args)
        .arg("--dir")
        .arg(project)
        .envs(crate::git_refs::GIT_ENV)
        .env("SESSION_HOOK_NOW", "2026-01-15T10:00:00Z")
        .output()
        .unwrap()
}

/// A session `full` whose document is past 64 KiB, as in the reports of
/// documents changed by a failed command.
fn full_session(project: &Path) {
    let init = run_in(project, &["init", "--goal", "Full disk", "--name", "full"]);
    assert!(init.status.success());
    let long = "y".repeat(60_000);
    assert!(
        run_in(project, &["log", "--discovery", &long])
            .status
            .success()
    );
}

fn entry_files(store: &Path) -> Vec<(PathBuf, u64)> {
    let mut v: Vec<(PathBuf, u64)> = tree(&store.join("journal"))
        .into_iter()
        .filter(|(p, m)| !m.0 && p.parent().is_some_and(|d| d.ends_with("entries")))
        .map(|(p, m)| (p, m.1))
        .collect();
    v.sort();
    v
}

/// On a full disk a command fails loudly and changes nothing: the
/// document and its journal are exactly as before, no empty entry is
/// left, and once there is room the same command records its entry once.
#[test]
fn a_full_disk_changes_nothing_and_a_rerun_records_once() {
    let Some(fs_) = Tmpfs::mount("2m") else {
        return;
    };
    let project = fs_.0.join("p");
    fs::create_dir(&project).unwrap();
    let cmd = |args: &[&str]| run_in(&project, args);
    full_session(&project);
    let store = project.join(".sessions");
    let doc = fs::read_dir(store.join("active"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let filler = fs_.0.join("filler");
    let mut f = fs::File::create(&filler).unwrap();
    let block = vec![0u8; 64 * 1024];
    while f.write_all(&block).is_ok() {}
    let _ = f.write_all(&[0u8; 512]);
    drop(f);
    for args in [
        &[
            "log",
            "--decision",
            "Use the queue",
            "--rationale",
            "simpler",
        ][..],
        &["checkpoint"],
        &["log", "--progress", "more"],
    ] {
        let before_doc = fs::read(&doc).unwrap();
        let before_entries = entry_files(&store);
        let o = cmd(args);
        assert_eq!(o.status.code(), Some(1), "{args:?} on a full disk");
        assert_eq!(
            fs::read(&doc).unwrap(),
            before_doc,
            "{args:?} changed the document"
        );
        assert_eq!(
            entry_files(&store),
            before_entries,
            "{args:?} changed the journal"
        );
    }
    fs::remove_file(&filler).unwrap();
    let o = cmd(&[
        "log",
        "--decision",
        "Use the queue",
        "--rationale",
        "simpler",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(&doc).unwrap();
    assert_eq!(text.matches("### 1. Use the queue").count(), 1, "{text}");
    assert!(!text.contains("### 2. Use the queue"), "recorded twice");
    let decisions = entry_files(&store)
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().contains("-decision-"))
        .count();
    assert_eq!(decisions, 1, "one journal entry for the decision");
    assert!(
        entry_files(&store).iter().all(|(_, len)| *len > 0),
        "an empty entry"
    );
    let leftovers: Vec<_> = tree(&store)
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// `kill -9` at any moment of a command or a hook leaves the document
/// whole (the old version or the new one), no empty journal entry, and
/// nothing that blocks the next command.
#[test]
fn kill_9_leaves_nothing_broken_or_blocking() {
    let h = Hostile::new();
    let doc = h.project.active_file();
    let long = "z".repeat(60_000);
    for _ in 0..3 {
        h.project.ok(&["log", "--discovery", &long]);
    }
    let edit = common::payload(
        h.project.path(),
        "PostToolUse",
        serde_json::json!({"tool_name": "Edit", "tool_input": {"file_path": h.project.path().join("a.rs").display().to_string()}}),
    );
    let end = common::payload(
        h.project.path(),
        "SessionEnd",
        serde_json::json!({"reason": "exit"}),
    );
    let commands: Vec<(Vec<&str>, &[u8])> = vec![
        (vec!["log", "--progress", "round"], b""),
        (vec!["checkpoint"], b""),
        (vec!["hook"], edit.as_bytes()),
        (vec!["hook"], end.as_bytes()),
    ];
    for round in 0..24u64 {
        let (args, stdin) = &commands[round as usize % commands.len()];
        let mut child = Command::new(common::bin())
            .args(args)
            .current_dir(h.project.path())
            .env_remove("CLAUDE_PROJECT_DIR")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(stdin);
        // Kill at a different moment each round.
        std::thread::sleep(Duration::from_micros(300 * (round % 8)));
        let _ = child.kill();
        let _ = child.wait();
        let text = fs::read_to_string(&doc).unwrap();
        assert!(
            text.starts_with("---\n") && text.contains(&long),
            "round {round}: a torn document"
        );
        assert!(
            entry_files(&h.store()).iter().all(|(_, len)| *len > 0),
            "round {round}: an empty journal entry"
        );
    }
    // Nothing blocks the next command, and it finds a whole document.
    let o = h.project.run(&["log", "--progress", "after the kills"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(h.project.active_text().contains("after the kills"));
}

/// Every file of the sessions' record: documents (active and archived)
/// and the journal (entries, snapshots, quick-context files), with their
/// bytes. A failed command must leave this exactly as it was.
fn record(store: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for d in ["active", "archive", "journal"] {
        for (p, m) in tree(&store.join(d)) {
            if !m.0 {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Entries of `kind` in session `id`'s journal.
fn entries_of_session(store: &Path, id: &str, kind: &str) -> usize {
    crate::common::md_files(&store.join("journal").join(id).join("entries"))
        .iter()
        .filter(|p| p.to_string_lossy().contains(&format!("-{kind}-")))
        .count()
}

/// Entries of `kind` in the journal.
fn entries_of(store: &Path, kind: &str) -> usize {
    entry_files(store)
        .iter()
        .filter(|(p, _)| p.to_string_lossy().contains(&format!("-{kind}-")))
        .count()
}

/// Fill the file system of `filler` up, then give back about `room` bytes.
fn fill_leaving(filler: &Path, room: u64) {
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(filler)
        .unwrap();
    for block in [64 * 1024, 4096, 512] {
        while f.write_all(&vec![0u8; block]).is_ok() {}
    }
    let len = f.metadata().unwrap().len();
    f.set_len((len / 4096 * 4096).saturating_sub(room)).unwrap();
}

/// `pause` and `close` on a disk with a little room, from none up to
/// enough: each run either does all it should or changes nothing of the
/// record (the document, its archive copy, the journal, the snapshots),
/// leaves nothing that blocks git or the next command, and once there is
/// room it records its entry once. With git there, the snapshot commit
/// on `refs/sessions/<id>` runs out of room too.
#[test]
fn pause_and_close_on_a_full_disk_do_all_or_nothing() {
    let Some(fs_) = Tmpfs::mount("3m") else {
        return;
    };
    let project = fs_.0.join("p");
    fs::create_dir(&project).unwrap();
    let git = |args: &[&str]| {
        assert!(
            Command::new("git")
                .args(args)
                .current_dir(&project)
                .envs(crate::git_refs::GIT_ENV)
                .output()
                .unwrap()
                .status
                .success()
        )
    };
    git(&["init", "-q"]);
    fs::write(project.join("README.md"), "hi\n").unwrap();
    git(&["add", "README.md"]);
    git(&["commit", "-qm", "first"]);
    let cmd = |args: &[&str]| run_in(&project, args);
    full_session(&project);
    let store = project.join(".sessions");
    let filler = fs_.0.join("filler");
    let index_lock = project.join(".git/index.lock");
    for (args, kind) in [
        (&["pause", "-s", "full disk", "-a", "a step"][..], "pause"),
        (&["close", "full", "--complete"][..], "close"),
    ] {
        let mut done = false;
        let mut said = String::new();
        for room in (0..=40u64).map(|k| k * 4096) {
            let _ = fs::remove_file(&filler);
            fill_leaving(&filler, room);
            let before = record(&store);
            let entries = entries_of(&store, kind);
            let o = cmd(args);
            assert!(!index_lock.exists(), "{kind} left .git/index.lock");
            if o.status.success() {
                assert_eq!(entries_of(&store, kind), entries + 1, "{kind}: one entry");
                done = true;
                break;
            }
            assert_eq!(o.status.code(), Some(1), "{kind} with {room} bytes free");
            said = String::from_utf8_lossy(&o.stderr).into_owned();
            let after = record(&store);
            assert_eq!(
                before.keys().collect::<Vec<_>>(),
                after.keys().collect::<Vec<_>>(),
                "{kind} with {room} bytes free added or removed files: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(
                before == after,
                "{kind} with {room} bytes free changed a file"
            );
        }
        assert!(done, "{kind} never succeeded with 160 KiB free: {said}");
    }
    fs::remove_file(&filler).unwrap();
    let text = fs::read_to_string(
        fs::read_dir(store.join("archive"))
            .unwrap()
            .flatten()
            .next()
            .unwrap()
            .path(),
    )
    .unwrap();
    assert!(text.contains("status: complete"), "{text}");
    assert_eq!(fs::read_dir(store.join("archive")).unwrap().count(), 1);
    assert_eq!(fs::read_dir(store.join("active")).unwrap().count(), 0);
    assert!(entry_files(&store).iter().all(|(_, len)| *len > 0));
    // Nothing blocks the next command.
    let o = cmd(&["init", "--goal", "After the full disk", "--name", "after"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The documents of every snapshot on `refs/sessions/<id>`, newest first.
fn ref_documents(project: &Path, id: &str) -> Vec<String> {
    let Ok(repo) = git2::Repository::open(project) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut c = repo
        .find_reference(&format!("refs/sessions/{id}"))
        .and_then(|r| r.peel_to_commit())
        .ok();
    while let Some(commit) = c {
        let doc = commit.tree().ok().and_then(|t| {
            let active = t
                .get_name("active")?
                .to_object(&repo)
                .ok()?
                .peel_to_tree()
                .ok()?;
            let e = active.iter().next()?;
            let blob = repo.find_blob(e.id()).ok()?;
            Some(String::from_utf8_lossy(blob.content()).into_owned())
        });
        out.extend(doc);
        c = commit.parent(0).ok();
    }
    out
}

fn paused_at(doc: &str) -> Option<&str> {
    doc.lines().find_map(|l| l.strip_prefix("paused_at: "))
}

/// `kill -9` at any moment of `pause` or `close`: the document is whole
/// and in one place (a close killed halfway may leave an archived copy
/// beside the active one, which the next close replaces), a document
/// marked paused has its snapshot commit already, no entry is empty, no
/// `.git/index.lock` is left, and running the command again finishes the
/// work without a second copy.
#[test]
fn kill_9_during_pause_and_close_leaves_a_whole_store() {
    let p = Project::git();
    let store = p.path().join(".sessions");
    let long = "w".repeat(60_000);
    let mut round = 0u64;
    let mut sessions = 0;
    while round < 24 {
        if fs::read_dir(store.join("active")).map_or(true, |d| d.count() == 0) {
            sessions += 1;
            let name = format!("s{sessions}");
            p.ok(&["init", "--goal", "Kill me", "--name", &name]);
            p.ok(&["log", "--discovery", &long]);
        }
        let doc = p.active_file();
        let id = fs::read_to_string(&doc)
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("id: ").map(str::to_string))
            .unwrap();
        let close = round % 3 == 2;
        let name = format!("s{sessions}");
        let args: &[&str] = if close {
            &["close", &name, "--complete"]
        } else {
            &["pause", &name, "-s", "killed", "-a", "a step"]
        };
        let paused_at_now = || {
            fs::read_to_string(&doc)
                .ok()
                .and_then(|t| paused_at(&t).map(str::to_string))
        };
        let paused_at_before = paused_at_now();
        let pauses_before = entries_of_session(&store, &id, "pause");
        let mut child = Command::new(common::bin())
            .args(args)
            .current_dir(p.path())
            .env_remove("CLAUDE_PROJECT_DIR")
            .env_remove("CLAUDE_CODE_SESSION_ID")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(4 * (round % 12)));
        let _ = child.kill();
        let _ = child.wait();
        let paused_at_killed = paused_at_now();
        round += 1;
        assert!(
            !p.path().join(".git/index.lock").exists(),
            "round {round}: .git/index.lock left"
        );
        assert!(
            entry_files(&store).iter().all(|(_, len)| *len > 0),
            "round {round}: an empty journal entry"
        );
        let copies: Vec<PathBuf> = ["active", "archive"]
            .iter()
            .flat_map(|d| crate::common::md_files(&store.join(d)))
            .filter(|f| {
                fs::read_to_string(f)
                    .unwrap()
                    .contains(&format!("id: {id}"))
            })
            .collect();
        assert!(!copies.is_empty(), "round {round}: the session is gone");
        for c in &copies {
            let t = fs::read_to_string(c).unwrap();
            assert!(
                t.starts_with("---\n") && t.contains(&long),
                "round {round}: a torn document {c:?}"
            );
        }
        let active = store.join("active").join(doc.file_name().unwrap());
        if let Ok(t) = fs::read_to_string(&active)
            && t.contains("status: paused")
        {
            // A killed pause may have put a newer snapshot on the ref;
            // the one of this paused state must be there.
            let on_ref = ref_documents(p.path(), &id);
            assert!(
                on_ref.iter().any(|d| paused_at(d) == paused_at(&t)),
                "round {round}: marked paused before its snapshot commit"
            );
        }
        // Running it again finishes the work (a close may find it done).
        let o = p.run(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.status.success() || err.contains("already closed"),
            "round {round}: {args:?} again: {err}"
        );
        if close {
            let archived: Vec<PathBuf> = crate::common::md_files(&store.join("archive"))
                .into_iter()
                .filter(|f| {
                    fs::read_to_string(f)
                        .unwrap()
                        .contains(&format!("id: {id}"))
                })
                .collect();
            assert_eq!(archived.len(), 1, "round {round}: {archived:?}");
            assert!(!active.exists(), "round {round}: still active after close");
            let closes = entries_of_session(&store, &id, "close");
            assert_eq!(closes, 1, "round {round}: {closes} close entries");
        } else {
            // One entry per pause that saved its document: the killed one
            // (if it got that far) and the one run again, which adopts the
            // entry of a killed pause that did not.
            let saved_by_killed = paused_at_before != paused_at_killed;
            assert_eq!(
                entries_of_session(&store, &id, "pause"),
                pauses_before + 1 + usize::from(saved_by_killed),
                "round {round}: {paused_at_before:?} -> {paused_at_killed:?}: {:?}",
                crate::common::md_files(&store.join("journal").join(&id).join("entries"))
            );
        }
    }
}

/// A pause killed while it held the lock of `refs/sessions/<id>` leaves
/// `<id>.lock` behind: the next pause waits briefly for a live git, then
/// takes it for the leftover it is, and records its snapshot.
#[test]
fn a_ref_lock_left_by_a_killed_pause_does_not_block_the_next() {
    let p = Project::git();
    p.ok(&["init", "--goal", "Locked out", "--name", "locked"]);
    p.ok(&["pause", "-s", "first"]);
    let id = p
        .session_text("locked")
        .lines()
        .find_map(|l| l.strip_prefix("id: ").map(str::to_string))
        .unwrap();
    let lock = p.path().join(format!(".git/refs/sessions/{id}.lock"));
    fs::write(&lock, "").unwrap();
    let out = p.ok(&["pause", "locked", "-s", "second"]);
    assert!(out.contains("commit:   "), "{out}");
    assert!(!out.contains("commit:   none"), "{out}");
    assert!(!lock.exists());
    let docs = ref_documents(p.path(), &id);
    assert!(docs[0].contains("second"), "{}", docs[0]);
}
