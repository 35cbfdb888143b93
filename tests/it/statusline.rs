//! `statusline`: the line Claude Code shows, from its statusLine JSON, and
//! the context-window cache it leaves for the hooks.

use crate::common;

use std::time::Duration;

use common::{Project, payload};
use serde_json::{Value, json};

const CLAUDE: &str = "11111111-2222-3333-4444-555555555555";

/// Claude Code's statusLine input (reference §4), trimmed to what varies.
fn input(p: &Project, claude: &str, window: Value) -> String {
    let dir = p.path().display().to_string();
    json!({
        "session_id": claude,
        "transcript_path": "",
        "cwd": dir,
        "session_name": "my-session",
        "model": {"id": "claude-opus-5[1m]", "display_name": "Opus"},
        "workspace": {"current_dir": dir, "project_dir": dir, "added_dirs": []},
        "version": "2.1.328",
        "cost": {"total_cost_usd": 0.01, "total_duration_ms": 45000},
        "context_window": window,
        "exceeds_200k_tokens": false
    })
    .to_string()
}

fn window(used: Value) -> Value {
    json!({
        "total_input_tokens": 15500,
        "total_output_tokens": 1200,
        "context_window_size": 200000,
        "current_usage": {"input_tokens": 8500, "output_tokens": 1200, "cache_creation_input_tokens": 5000, "cache_read_input_tokens": 2000},
        "used_percentage": used,
        "remaining_percentage": 92
    })
}

/// Run `statusline` with `stdin` and a terminal width: (exit code, stdout).
fn line(p: &Project, stdin: &str, columns: Option<&str>) -> (i32, String) {
    let mut c = p.cmd();
    c.arg("statusline").env_remove("COLUMNS");
    if let Some(cols) = columns {
        c.env("COLUMNS", cols);
    }
    let o = c.write_stdin(stdin.as_bytes().to_vec()).output().unwrap();
    assert!(
        o.stderr.is_empty(),
        "statusline never writes to stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
    )
}

/// A project with an active session bound to `CLAUDE`: 1 of 3 steps done,
/// a long current step.
fn project() -> Project {
    let p = Project::git();
    p.ok(&[
        "init",
        "--name",
        "sweeper-race",
        "--goal",
        "Fix the race in the sweeper",
        "--claude-session",
        CLAUDE,
    ]);
    p.ok(&["log", "--next", "Reproduce the race with a stress test"]);
    p.ok(&[
        "log",
        "--next",
        "Take the lock before the state check in sweep() and in the retry path",
    ]);
    p.ok(&["log", "--next", "Add a regression test"]);
    p.ok(&["log", "--done", "Reproduce the race"]);
    p.ok(&["log", "--current", "Take the lock"]);
    p
}

#[test]
fn full_line() {
    let p = project();
    let (code, out) = line(&p, &input(&p, CLAUDE, window(json!(8))), Some("160"));
    assert_eq!(code, 0);
    insta::assert_snapshot!("full_line", out);
}

#[test]
fn percentage_computed_when_claude_code_gives_none() {
    let p = project();
    let w = json!({
        "context_window_size": 1000000,
        "current_usage": {"input_tokens": 300000, "output_tokens": 90000, "cache_creation_input_tokens": 20000, "cache_read_input_tokens": 100000},
        "used_percentage": null
    });
    let (_, out) = line(&p, &input(&p, CLAUDE, w), Some("160"));
    insta::assert_snapshot!("computed_percentage", out);
}

#[test]
fn right_after_compaction_usage_is_unknown() {
    let p = project();
    let (code, _) = p.hook(&payload(
        p.path(),
        "SessionStart",
        json!({"source": "compact"}),
    ));
    assert_eq!(code, 0);
    let w = json!({"context_window_size": 200000, "current_usage": null, "used_percentage": null});
    let (_, out) = line(&p, &input(&p, CLAUDE, w), Some("160"));
    insta::assert_snapshot!("after_compaction", out);
}

#[test]
fn step_truncated_to_columns() {
    let p = project();
    let (_, out) = line(&p, &input(&p, CLAUDE, window(json!(42))), Some("60"));
    assert!(out.trim_end().chars().count() <= 60, "{out}");
    insta::assert_snapshot!("columns_60", out);
    let (_, out) = line(&p, &input(&p, CLAUDE, window(json!(42))), Some("40"));
    insta::assert_snapshot!("columns_40", out);
    // Without COLUMNS, a terminal's usual 80.
    let (_, out) = line(&p, &input(&p, CLAUDE, window(json!(42))), None);
    assert!(out.trim_end().chars().count() <= 80, "{out}");
    assert!(out.contains('…'), "{out}");
}

#[test]
fn no_session_or_no_store() {
    let p = Project::git();
    let (code, out) = line(&p, &input(&p, CLAUDE, window(json!(8))), Some("160"));
    assert_eq!(code, 0);
    insta::assert_snapshot!("no_store", out);
    assert!(
        !p.path().join(".sessions").exists(),
        "statusline never creates a store"
    );

    p.ok(&["init", "--goal", "Something"]);
    p.ok(&["close", "--complete"]);
    let (_, out) = line(&p, &input(&p, CLAUDE, window(json!(8))), Some("160"));
    insta::assert_snapshot!("no_active_session", out);
}

#[test]
fn each_claude_session_sees_its_own_session() {
    let p = project();
    let other = "99999999-2222-3333-4444-555555555555";
    p.ok(&[
        "init",
        "--name",
        "docs",
        "--goal",
        "Write the docs",
        "--claude-session",
        other,
    ]);
    let (_, a) = line(&p, &input(&p, CLAUDE, window(json!(8))), Some("160"));
    let (_, b) = line(&p, &input(&p, other, window(json!(8))), Some("160"));
    assert!(a.starts_with("sweeper-race 1/3"), "{a}");
    assert!(b.starts_with("docs"), "{b}");
}

#[test]
fn odd_input_never_fails() {
    let p = project();
    for stdin in [
        "",
        "not json",
        "[1,2,3]",
        "{\"context_window\": \"huh\"}",
        "{\"session_id\": \"../../etc\"}",
    ] {
        let (code, out) = line(&p, stdin, Some("160"));
        assert_eq!(code, 0, "{stdin:?}");
        if stdin.starts_with('{') {
            // An object, odd or without a session id: the latest active
            // session, and no context figure.
            assert_eq!(
                out,
                "sweeper-race 1/3 · Take the lock before the state check in sweep() and in the retry path · 0 compactions\n",
                "{stdin:?}"
            );
        } else {
            assert_eq!(out, "", "not a statusLine object: an empty line: {stdin:?}");
        }
    }
}

fn cache_file(p: &Project) -> std::path::PathBuf {
    p.path()
        .join(format!(".sessions/.local/claude/{CLAUDE}.json"))
}

#[test]
fn window_size_and_model_are_cached_for_the_hooks() {
    let p = project();
    let mut w = window(json!(8));
    w["context_window_size"] = json!(1000000);
    line(&p, &input(&p, CLAUDE, w.clone()), Some("80"));
    let f = cache_file(&p);
    let st: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
    assert_eq!(st["window"], 1000000);
    assert_eq!(st["model"], "claude-opus-5[1m]");

    // The same facts again: the file is not rewritten.
    let before = std::fs::metadata(&f).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    line(&p, &input(&p, CLAUDE, w.clone()), Some("80"));
    assert_eq!(std::fs::metadata(&f).unwrap().modified().unwrap(), before);

    // A new window size is.
    w["context_window_size"] = json!(200000);
    line(&p, &input(&p, CLAUDE, w), Some("80"));
    let st: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
    assert_eq!(st["window"], 200000);
}

#[test]
fn a_held_lock_costs_only_the_cache() {
    let p = project();
    let lock = p.hold_lock();
    let (code, out) = line(&p, &input(&p, CLAUDE, window(json!(8))), Some("160"));
    assert_eq!(code, 0);
    assert!(out.starts_with("sweeper-race 1/3"), "{out}");
    assert!(!cache_file(&p).exists(), "no write without the lock");
    lock.unlock().unwrap();
}

#[test]
fn dir_flag_from_elsewhere() {
    let p = project();
    let elsewhere = tempfile::tempdir().unwrap();
    let o = p
        .cmd()
        .current_dir(elsewhere.path())
        .args(["statusline", "--dir"])
        .arg(p.path())
        .write_stdin(json!({"session_id": CLAUDE}).to_string())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("sweeper-race 1/3"), "{out}");
}

/// The line shows what `view` shows: the current step after a rename, and
/// counts in which a dropped step, a step listed again in Next Steps and a
/// done one are each counted once, however the frontmatter is written.
#[test]
fn the_line_agrees_with_view() {
    let p = project();
    let c = crate::steps::Claude::new(&p);
    c.task_create(
        "4",
        "Take the lock before the state check in sweep() and in the retry path",
    );
    c.task_update("4", Some("Take the sweeper lock first"), None);
    p.ok(&["log", "--next", "Write the release note"]);
    p.ok(&["log", "--next", "Add a regression test"]);
    let plain = p.ok(&["view", "sweeper-race"]);
    assert!(plain.contains("2. Write the release note"), "{plain}");
    p.ok(&["log", "--drop-next", "2"]);
    let v: Value = serde_json::from_str(&p.ok(&["view", "sweeper-race", "--json"])).unwrap();
    let want = format!(
        "sweeper-race {}/{} · {}",
        v["progress"]["done"],
        v["progress"]["total"],
        v["progress"]["current"].as_str().unwrap()
    );
    assert_eq!(want, "sweeper-race 1/3 · Take the sweeper lock first");
    let (_, out) = line(&p, &input(&p, CLAUDE, window(json!(8))), Some("160"));
    assert_eq!(out, format!("{want} · ctx 8% · 0 compactions\n"));
    // A frontmatter written by hand (a comment, a quoted key, CRLF line
    // ends, keys out of order) reads the same.
    let f = p.active_file();
    let t = std::fs::read_to_string(&f).unwrap();
    let (front, body) = t[4..].split_once("\n---\n").unwrap();
    // Entries (a key with its list items) in reverse order.
    let mut entries: Vec<String> = Vec::new();
    for l in front.lines() {
        match entries.last_mut() {
            Some(e) if l.starts_with([' ', '-']) => {
                e.push('\n');
                e.push_str(l);
            }
            _ => entries.push(l.to_string()),
        }
    }
    entries.reverse();
    let front = entries
        .join("\n")
        .replace("shortname: ", "\"shortname\": ")
        .replace("compaction_count: 0", "compaction_count: 2 # twice");
    let hand = format!("---\n# written by hand\n{front}\n---\n{body}").replace('\n', "\r\n");
    std::fs::write(&f, hand).unwrap();
    let (_, out) = line(&p, &input(&p, CLAUDE, window(json!(8))), Some("160"));
    assert_eq!(out, format!("{want} · ctx 8% · 2 compactions\n"));
}
