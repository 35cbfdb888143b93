//! Resume logs: the whole document for a realistic session, pinned in time
//! and compared with a reviewed snapshot.

use crate::common;

use std::path::Path;

use common::{Project, payload};
use serde_json::{Value, json};

const CLAUDE: &str = "11111111-2222-3333-4444-555555555555";

fn at(p: &Project, now: &str, args: &[&str]) -> String {
    p.ok_at(Some(now), args)
}

fn hook_at(p: &Project, now: &str, event: &str, extra: Value) {
    let o = p
        .cmd()
        .env("SESSION_HOOK_NOW", now)
        .arg("hook")
        .write_stdin(payload(p.path(), event, extra))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}

/// A session with something in every section.
fn rich_session() -> (Project, String) {
    let p = Project::plain();
    at(
        &p,
        "2026-01-15T09:00:00Z",
        &["init", "--goal", "Fix the sweeper race"],
    );
    let f = p.active_file();
    let text = std::fs::read_to_string(&f).unwrap();
    let text = text.replacen(
        "**Key Files**:\n- (none yet)\n\n**Key Context** (survives compaction):\n- (none yet)",
        "**Key Files**:\n- `src/sweeper.rs` - the loop that races\n\n**Key Context** (survives compaction):\n- The sweeper and the reaper share `state.lock`\n- Never hold the lock across an await",
        1,
    );
    std::fs::write(&f, text).unwrap();
    at(
        &p,
        "2026-01-15T09:10:00Z",
        &[
            "checkpoint",
            "--tldr",
            "Two sweepers race on restart; a lock around the state check fixes it.",
        ],
    );
    at(
        &p,
        "2026-01-15T09:20:00Z",
        &[
            "log",
            "--decision",
            "Lock before the state check",
            "--rationale",
            "smallest fix that closes the window",
            "--options",
            "lock; channel; single sweeper",
            "--context",
            "two sweepers race on restart",
        ],
    );
    at(
        &p,
        "2026-01-15T09:25:00Z",
        &[
            "log",
            "--discovery",
            "The sweeper starts twice when the config reloads",
        ],
    );
    at(
        &p,
        "2026-01-15T09:30:00Z",
        &["log", "--done", "Reproduce the race"],
    );
    at(
        &p,
        "2026-01-15T09:35:00Z",
        &[
            "log",
            "--blocker",
            "CI has no race detector",
            "--impact",
            "the fix cannot be proven in CI",
            "--mitigation",
            "run the stress test locally",
        ],
    );
    at(
        &p,
        "2026-01-15T09:40:00Z",
        &["log", "--next", "Add the lock"],
    );
    at(
        &p,
        "2026-01-15T09:41:00Z",
        &["log", "--next", "Write the regression test"],
    );
    at(
        &p,
        "2026-01-15T09:42:00Z",
        &["log", "--current", "Add the lock"],
    );
    let src = p.path().join("src/sweeper.rs");
    hook_at(
        &p,
        "2026-01-15T10:15:00Z",
        "PostToolUse",
        json!({"tool_name": "Edit", "tool_input": {"file_path": src.display().to_string(), "old_string": "a", "new_string": "b"}}),
    );
    let lib = p.path().join("src/lib.rs");
    hook_at(
        &p,
        "2026-01-15T10:16:00Z",
        "PostToolUse",
        json!({"tool_name": "Read", "tool_input": {"file_path": lib.display().to_string()}}),
    );
    let id: String = p
        .active_text()
        .lines()
        .find_map(|l| l.strip_prefix("id: ").map(|s| s.trim().to_string()))
        .unwrap();
    let pauses = p.path().join(".sessions/journal").join(&id).join("pauses");
    std::fs::create_dir_all(&pauses).unwrap();
    std::fs::write(pauses.join("20260115T103000Z.json"), r#"{"conversation":{"summary":"s","accomplishments":["Found why the sweeper starts twice"]}}"#).unwrap();
    (p, id)
}

#[test]
fn resume_log_snapshot() {
    let (p, id) = rich_session();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transcripts/real-tools.jsonl");
    let out = p
        .cmd()
        .env("SESSION_HOOK_NOW", "2026-01-15T11:00:00Z")
        .env("CLAUDE_CODE_SESSION_ID", CLAUDE)
        .args(["resume-log", "--transcript", fixture.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let md = p.read(".sessions/resume-logs/fix-the-sweeper-race-20260115T110000Z.md");
    assert!(
        stdout.starts_with(&md),
        "stdout is the markdown, then where it went"
    );
    // The id and the file name (which carries part of it) are random.
    let file = p
        .active_file()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let stable = |t: &str| {
        t.replace(&id, "[session-id]")
            .replace(&file, "[session-file].md")
    };
    insta::assert_snapshot!("resume_log_md", stable(&md));
    let json = p.read(".sessions/resume-logs/fix-the-sweeper-race-20260115T110000Z.json");
    insta::assert_snapshot!("resume_log_json", stable(&json));

    // The JSON holds the same content, in the keys the old tooling read.
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["session_id"], id.as_str());
    assert_eq!(v["mission_summary"], "Fix the sweeper race");
    assert_eq!(v["context_metrics"]["timestamp"], "2026-01-15T11:00:00Z");
    assert_eq!(v["context_metrics"]["used_tokens"], 12924);
    assert_eq!(
        v["accomplishments"][0],
        "Reproduce the race (2026-01-15T09:30Z)"
    );

    // --json prints the JSON form.
    let j = at(&p, "2026-01-15T11:05:00Z", &["resume-log", "--json"]);
    let v: Value = serde_json::from_str(&j).unwrap();
    assert_eq!(v["id"], "fix-the-sweeper-race-20260115T110500Z");
    assert_eq!(v["context_metrics"]["usage_basis"], "no_transcript");
    assert_eq!(
        p.read(".sessions/resume-logs/fix-the-sweeper-race-20260115T110500Z.json")
            .trim_end(),
        j.trim_end()
    );
}

#[test]
fn old_resume_logs_are_pruned() {
    let (p, _) = rich_session();
    p.write(".sessions/config.yaml", "retention:\n  resume_logs: 2\n");
    for m in 0..4 {
        at(&p, &format!("2026-01-15T12:0{m}:00Z"), &["resume-log"]);
    }
    let mut names: Vec<String> = std::fs::read_dir(p.path().join(".sessions/resume-logs"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "fix-the-sweeper-race-20260115T120200Z.json",
            "fix-the-sweeper-race-20260115T120200Z.md",
            "fix-the-sweeper-race-20260115T120300Z.json",
            "fix-the-sweeper-race-20260115T120300Z.md",
        ]
    );
}

#[test]
fn reports() {
    let (p, _) = rich_session();
    at(&p, "2026-01-15T11:00:00Z", &["resume-log"]);
    let out = at(&p, "2026-01-16T08:00:00Z", &["report", "timeline"]);
    let file = p.read(".sessions/reports/PROJECT_TIMELINE.md");
    assert!(
        !p.path().join("PROJECT_TIMELINE.md").exists(),
        "not at the project root"
    );
    assert!(out.starts_with(&file));
    assert!(
        file.contains("## 1. Fix the sweeper race (`fix-the-sweeper-race`)"),
        "{file}"
    );
    assert!(
        file.contains("- Reproduce the race (2026-01-15T09:30Z)"),
        "{file}"
    );
    assert!(
        file.contains("- Found why the sweeper starts twice"),
        "{file}"
    );
    assert!(
        file.contains("- **When**: 2026-01-15T09:00Z to 2026-01-15T11:00Z (2h 0m)"),
        "{file}"
    );

    at(
        &p,
        "2026-01-16T08:00:00Z",
        &["report", "daily", "--date", "2026-01-15"],
    );
    let d = p.read(".sessions/reports/daily-report-2026-01-15.md");
    assert!(
        d.starts_with("# Daily Progress Report: 2026-01-15\n"),
        "{d}"
    );
    assert!(d.contains("**Sessions**: 1\n**Resume Logs**: 1\n"), "{d}");
    assert!(
        d.contains("- Reproduce the race (2026-01-15T09:30Z)"),
        "{d}"
    );
    let elsewhere = p.path().join("out");
    std::fs::create_dir(&elsewhere).unwrap();
    at(
        &p,
        "2026-01-16T08:00:00Z",
        &["report", "daily", "--out", elsewhere.to_str().unwrap()],
    );
    let d = p.read("out/daily-report-2026-01-16.md");
    assert!(d.contains("No session was active this day."), "{d}");
    let o = p.run(&["report", "daily", "--date", "yesterday"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a date"));
}

#[test]
fn unknown_config_keys_are_warnings_in_commands() {
    let (p, _) = rich_session();
    p.write(
        ".sessions/config.yaml",
        "thresholds: [70, 85, 95]\nthreshold: 3\n",
    );
    let o = p.run(&["resume-log"]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("warning: unknown config key \"threshold\"")
    );
}
