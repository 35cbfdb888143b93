//! `doctor`: broken wiring, a healthy install, store health and hook
//! latencies. Every run gets its own HOME and PATH so the machine's own
//! Claude Code settings never leak in.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Project, bin, payload};
use serde_json::{Value, json};

struct Doc {
    p: Project,
    home: tempfile::TempDir,
    /// Whether the binary's folder is on PATH.
    on_path: bool,
}

impl Doc {
    fn new(p: Project) -> Doc {
        Doc {
            p,
            home: tempfile::tempdir().unwrap(),
            on_path: true,
        }
    }

    fn path_var(&self) -> String {
        let mut dirs = vec![];
        if self.on_path {
            dirs.push(bin().parent().unwrap().to_path_buf());
        }
        dirs.push(PathBuf::from("/usr/bin"));
        dirs.push(PathBuf::from("/bin"));
        std::env::join_paths(dirs).unwrap().into_string().unwrap()
    }

    fn run_at(&self, now: &str, args: &[&str]) -> Output {
        self.p
            .cmd()
            .env("HOME", self.home.path())
            .env("PATH", self.path_var())
            .env("SESSION_HOOK_NOW", now)
            .args(args)
            .output()
            .unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_at("2026-01-15T10:00:00Z", args)
    }

    fn ok(&self, args: &[&str]) -> String {
        crate::common::stdout_of_success(self.run(args), args)
    }

    /// doctor's exit code and stdout.
    fn doctor(&self) -> (i32, String, String) {
        let o = self.run(&["doctor"]);
        (
            o.status.code().unwrap(),
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    }

    fn user_settings(&self, v: Value) {
        let d = self.home.path().join(".claude");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("settings.json"), v.to_string()).unwrap();
    }
}

fn handler(cmd: &str) -> Value {
    json!({"type": "command", "command": cmd, "args": ["hook"], "timeout": 10})
}

/// The PROBLEM lines with their hints.
fn problems(out: &str) -> Vec<String> {
    let lines: Vec<&str> = out.lines().collect();
    let mut v = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.trim_start().starts_with("PROBLEM") {
            let hint = lines.get(i + 1).filter(|h| h.contains("hint:"));
            assert!(hint.is_some(), "a problem without a hint: {l}");
            v.push(format!("{}\n{}", l.trim(), hint.unwrap().trim()));
        }
    }
    v
}

#[test]
fn broken_wiring_fails_with_a_hint_per_problem() {
    let d = Doc::new(Project::git());
    // Registered for two events only, with a binary that is gone.
    d.p.write(
        ".claude/settings.local.json",
        &json!({"hooks": {
            "SessionStart": [{"hooks": [handler("/nowhere/bin/session-hook")]}],
            "PostToolUse": [{"matcher": "Write|Edit", "hooks": [handler("/nowhere/bin/session-hook")]}]
        }})
        .to_string(),
    );
    let (code, out, err) = d.doctor();
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("doctor found 2 problems"), "{err}");
    let p = problems(&out);
    assert_eq!(p.len(), 2, "{out}");
    assert!(
        p[0].contains(
            ".claude/settings.local.json runs /nowhere/bin/session-hook, which does not exist"
        ) && p[0].contains("session-hook install"),
        "{}",
        p[0]
    );
    assert!(
        p[1].contains("not registered for UserPromptSubmit, PreCompact, PostCompact, Stop, SessionEnd, TaskCreated, TaskCompleted"),
        "{}",
        p[1]
    );
    assert!(
        out.contains("project local .claude/settings.local.json: SessionStart, PostToolUse"),
        "{out}"
    );
    assert!(
        out.contains("PostToolUse does not see TodoWrite, TaskCreate, TaskUpdate, NotebookEdit, MultiEdit, Read"),
        "{out}"
    );
    // Installing fixes all of it.
    d.ok(&["install"]);
    let (code, out, _) = d.doctor();
    assert_eq!(code, 0, "{out}");
    assert!(problems(&out).is_empty(), "{out}");
    assert!(
        out.contains(".claude/settings.local.json: all 9 events"),
        "{out}"
    );
}

#[test]
fn nothing_registered_anywhere_is_a_problem() {
    let d = Doc::new(Project::plain());
    let (code, out, _) = d.doctor();
    assert_eq!(code, 1);
    let p = problems(&out);
    assert_eq!(p.len(), 1, "{out}");
    assert!(
        p[0].contains("no settings file registers session-hook's hooks"),
        "{}",
        p[0]
    );
    assert!(
        out.contains("the /session-* slash commands are not installed"),
        "{out}"
    );
}

#[test]
fn a_healthy_install_passes() {
    let d = Doc::new(Project::git());
    d.ok(&["install"]);
    d.ok(&["init", "--goal", "Fix the race"]);
    let (code, out, _) = d.doctor();
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("session-hook {}", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    assert!(
        out.contains("`session-hook` on PATH is this binary"),
        "{out}"
    );
    assert!(
        out.contains(".claude/commands/: 7 of 7 /session-* commands"),
        "{out}"
    );
    assert!(
        out.contains(".sessions: 1 open and 0 archived session(s)"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("All good."), "{out}");
}

#[test]
fn commands_without_the_binary_on_path_are_a_problem() {
    let mut d = Doc::new(Project::plain());
    d.ok(&["install"]);
    d.on_path = false;
    let (code, out, _) = d.doctor();
    assert_eq!(code, 1, "{out}");
    let p = problems(&out);
    assert!(
        p.iter()
            .any(|p| p.contains("is not on PATH") && p.contains("add ")),
        "{out}"
    );
}

#[test]
fn two_binaries_for_one_event_are_duplicates() {
    let d = Doc::new(Project::git());
    d.ok(&["install"]);
    // Another copy of the binary, registered for the user as well.
    let other = d.home.path().join("bin/session-hook");
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(bin(), &other).unwrap();
    d.user_settings(json!({"hooks": {"Stop": [{"hooks": [handler(other.to_str().unwrap())]}]}}));
    let (code, out, _) = d.doctor();
    assert_eq!(code, 1, "{out}");
    let p = problems(&out);
    assert_eq!(p.len(), 1, "{out}");
    assert!(
        p[0].contains("Stop runs session-hook 2 times per event (project local, user)"),
        "{}",
        p[0]
    );
    assert!(
        out.contains("user          ~/.claude/settings.json: Stop"),
        "{out}"
    );
}

#[test]
fn the_same_handler_in_two_files_is_only_a_note() {
    let d = Doc::new(Project::git());
    d.ok(&["install"]);
    let exe = std::fs::canonicalize(bin()).unwrap();
    d.user_settings(json!({"hooks": {"Stop": [{"hooks": [handler(exe.to_str().unwrap())]}]}}));
    let (code, out, _) = d.doctor();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Stop is registered 2 times (project local, user) with the same command; Claude Code runs it once"), "{out}");
}

#[test]
fn unreadable_settings_are_a_problem() {
    let d = Doc::new(Project::git());
    d.ok(&["install"]);
    d.p.write(".claude/settings.local.json", "{\"hooks\": ");
    let (code, out, _) = d.doctor();
    assert_eq!(code, 1);
    let p = problems(&out);
    assert!(
        p[0].contains(".claude/settings.local.json is not valid JSON"),
        "{out}"
    );
}

fn write_session_copy(p: &Project, from: &Path, new_name: &str, new_id: &str) {
    let text = std::fs::read_to_string(from).unwrap();
    let old_id = text
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .to_string();
    p.write(
        &format!(".sessions/active/{new_name}"),
        &text.replace(&old_id, new_id),
    );
}

#[test]
fn store_health() {
    let d = Doc::new(Project::git());
    d.ok(&["install"]);
    d.ok(&["init", "--name", "sweeper", "--goal", "Fix the race"]);
    let first = d.p.active_file();
    // A second open session with the same shortname (hand-copied).
    write_session_copy(
        &d.p,
        &first,
        "sweeper-0190ab.md",
        "0190abcd-0000-7000-8000-000000000001",
    );
    // A file that does not parse.
    d.p.write(
        ".sessions/active/broken-0190ff.md",
        "---\nid: [unclosed\n---\n# Session: x\n",
    );
    // History whose session file is gone.
    d.p.write(
        ".sessions/journal/0190dead-0000-7000-8000-000000000009/entries/.keep",
        "",
    );

    let (code, out, _) = d.doctor();
    assert_eq!(code, 1, "{out}");
    let p = problems(&out);
    assert_eq!(p.len(), 2, "{out}");
    assert!(
        p[0].contains("cannot parse .sessions/active/broken-0190ff.md"),
        "{}",
        p[0]
    );
    assert!(
        p[0].contains("never rewrites a file it cannot parse"),
        "{}",
        p[0]
    );
    assert!(
        p[1].contains("2 open sessions share the shortname \"sweeper\""),
        "{}",
        p[1]
    );
    assert!(
        out.contains("1 journal folder(s) have no session file: .sessions/journal/0190dead-0000-7000-8000-000000000009/"),
        "{out}"
    );
}

#[test]
fn a_tldr_older_than_the_last_compaction_is_flagged_until_a_checkpoint() {
    let d = Doc::new(Project::git());
    d.ok(&["install"]);
    d.run_at(
        "2026-01-15T10:00:00Z",
        &["init", "--name", "sweeper", "--goal", "Fix the race"],
    );
    let (_, out, _) = d.doctor();
    assert!(!out.contains("TL;DR"), "{out}");

    // A compaction an hour later, through the real hook.
    let o =
        d.p.cmd()
            .env("SESSION_HOOK_NOW", "2026-01-15T11:00:00Z")
            .arg("hook")
            .write_stdin(payload(
                d.p.path(),
                "SessionStart",
                json!({"source": "compact"}),
            ))
            .output()
            .unwrap();
    assert!(o.status.success());
    let (code, out, _) = d.doctor();
    assert_eq!(code, 0, "a stale TL;DR is a warning, not breakage: {out}");
    assert!(
        out.contains("sweeper: the TL;DR was written 2026-01-15T10:00:00Z and the context was compacted 2026-01-15T11:00:00Z"),
        "{out}"
    );
    assert!(out.contains("/session-checkpoint"), "{out}");

    // A checkpoint without a new paragraph does not count; one with does.
    d.run_at("2026-01-15T11:30:00Z", &["checkpoint", "--note", "lunch"]);
    assert!(d.doctor().1.contains("the TL;DR was written"));
    d.run_at(
        "2026-01-15T12:00:00Z",
        &["checkpoint", "--tldr", "Lock first; regression test next."],
    );
    let (_, out, _) = d.doctor();
    assert!(!out.contains("the TL;DR was written"), "{out}");
}

#[test]
fn latencies_from_the_hook_log() {
    let d = Doc::new(Project::git());
    d.ok(&["install"]);
    d.ok(&["init", "--goal", "Fix the race"]);
    let mut log = String::new();
    for i in 1..=20 {
        log.push_str(&format!(
            "2026-01-15T10:00:{i:02}Z\tUserPromptSubmit\t{i}.000\tok\tprompt: not a continuation\n"
        ));
    }
    log.push_str("2026-01-15T10:01:00Z\tSessionStart\t4.500\tok\tstartup: injected 900 chars\n");
    log.push_str("2026-01-15T10:01:01Z\tStop\t0.800\terror\tthe store is locked by another session-hook process (waited 50ms); skipped\n");
    d.p.write(".sessions/.local/hook.log", &log);
    let (code, out, _) = d.doctor();
    assert_eq!(code, 0, "{out}");
    let row = |event: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(event))
            .unwrap_or_else(|| panic!("no {event} row:\n{out}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row("UserPromptSubmit"), "UserPromptSubmit 20 10 ms 19 ms 0");
    assert_eq!(row("SessionStart"), "SessionStart 1 4.5 ms 4.5 ms 0");
    assert_eq!(row("Stop"), "Stop 1 0.8 ms 0.8 ms 1");
    assert_eq!(row("all"), "all 22 9.0 ms 19 ms 1");
    assert!(out.contains("1 of the last 22 hook runs failed"), "{out}");
    assert!(out.contains("latest: Stop: the store is locked"), "{out}");
}

#[test]
fn json_output() {
    let d = Doc::new(Project::plain());
    let o = d.run(&["doctor", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    let levels: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["level"].as_str().unwrap())
        .collect();
    assert!(levels.contains(&"problem"), "{levels:?}");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["level"] == "problem")
            .all(|f| f["hint"].is_string())
    );
}

#[test]
fn a_gone_binary_in_the_local_file_is_not_a_duplicate() {
    let d = Doc::new(Project::git());
    d.ok(&["install", "--shared"]);
    d.p.write(
        ".claude/settings.local.json",
        &json!({"hooks": {"Stop": [{"hooks": [handler("/gone/session-hook")]}]}}).to_string(),
    );
    let (code, out, _) = d.doctor();
    assert_eq!(code, 1);
    let p = problems(&out);
    assert_eq!(p.len(), 1, "{out}");
    assert!(
        p[0].contains(".claude/settings.local.json runs /gone/session-hook"),
        "{}",
        p[0]
    );
    assert!(
        p[0].contains("run `session-hook install` to point it at this binary"),
        "{}",
        p[0]
    );
}

#[test]
fn doctor_explains_the_shared_and_the_local_install() {
    let d = Doc::new(Project::git());
    d.ok(&["install", "--shared"]);
    let (code, out, _) = d.doctor();
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("project       .claude/settings.json: all 9 events (shared: committed with the project, runs `session-hook` from PATH; `install --shared`)"),
        "{out}"
    );
    d.ok(&["install"]);
    let (code, out, _) = d.doctor();
    assert!(
        out.contains("project local .claude/settings.local.json: all 9 events (this machine only: runs this binary by its path; `install`)"),
        "{out}"
    );
    // Both at once run every hook twice: a problem with the way out.
    assert_eq!(code, 1, "{out}");
    let p = problems(&out);
    assert!(
        p.iter().any(|x| x
            .contains("SessionStart runs session-hook 2 times per event (project, project local)")
            && x.contains("`uninstall --shared` the committed one")),
        "{out}"
    );

    // A committed file with this machine's path is called out.
    d.ok(&["uninstall"]);
    let exe = std::fs::canonicalize(bin()).unwrap();
    d.p.write(
        ".claude/settings.json",
        &json!({"hooks": {"Stop": [{"hooks": [handler(exe.to_str().unwrap())]}]}}).to_string(),
    );
    let (_, out, _) = d.doctor();
    assert!(
        out.contains("is committed with the project, yet its hooks run")
            && out.contains("session-hook uninstall --shared && session-hook install --shared"),
        "{out}"
    );
}
