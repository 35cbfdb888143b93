//! Context usage end to end: the `context` command on the transcript
//! fixtures, and the threshold warnings the hooks give.

use crate::common;

use std::path::{Path, PathBuf};

use common::{Project, injected, payload};
use serde_json::{Value, json};

const CLAUDE: &str = "11111111-2222-3333-4444-555555555555";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/transcripts")
        .join(name)
}

fn context_json(p: &Project, args: &[&str]) -> Value {
    let mut all = vec!["context", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&p.ok(&all)).unwrap()
}

#[test]
fn context_command_on_fixtures() {
    let p = Project::plain();
    let cases: &[(&str, Option<u64>, u64)] = &[
        ("real-compact.jsonl", Some(13015), 1_000_000),
        ("real-tools.jsonl", Some(12924), 1_000_000),
        ("real-autocompact.jsonl", Some(12874), 1_000_000),
        ("compact-post-tokens.jsonl", Some(3000), 200_000),
        ("compact-no-post.jsonl", None, 200_000),
        ("sidechain.jsonl", Some(50000), 200_000),
        ("synthetic.jsonl", Some(60000), 200_000),
        ("placeholders.jsonl", Some(70000), 200_000),
        ("duplicate-ids.jsonl", Some(80000), 200_000),
        ("truncated-last-line.jsonl", Some(40000), 200_000),
        ("non-json.jsonl", Some(45000), 200_000),
        ("crlf.jsonl", Some(33000), 200_000),
        ("empty.jsonl", None, 200_000),
        ("no-such-file.jsonl", None, 200_000),
    ];
    for (name, used, window) in cases {
        let f = fixture(name);
        let v = context_json(&p, &["--transcript", f.to_str().unwrap()]);
        assert_eq!(v["used_tokens"].as_u64(), *used, "{name}: {v}");
        assert_eq!(v["window"].as_u64(), Some(*window), "{name}: {v}");
        assert_eq!(v["percent"].is_null(), used.is_none(), "{name}: {v}");
    }
    let v = context_json(
        &p,
        &[
            "--transcript",
            fixture("sidechain.jsonl").to_str().unwrap(),
            "--window",
            "100000",
        ],
    );
    assert_eq!(
        (v["percent"].as_f64(), v["window_source"].as_str()),
        (Some(50.0), Some("flag"))
    );
    let v = context_json(
        &p,
        &["--transcript", fixture("crlf.jsonl").to_str().unwrap()],
    );
    assert_eq!(
        (
            v["compactions_seen"].as_u64(),
            v["compactions_complete"].as_bool()
        ),
        (Some(1), Some(true))
    );
}

#[test]
fn context_finds_the_transcript_of_a_claude_session() {
    let p = Project::plain();
    let home = tempfile::tempdir().unwrap();
    let key: String = p
        .path()
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let dir = home.path().join(".claude/projects").join(key);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        fixture("real-tools.jsonl"),
        dir.join(format!("{CLAUDE}.jsonl")),
    )
    .unwrap();
    let o = p
        .cmd()
        .env("HOME", home.path())
        .env_remove("CLAUDE_CONFIG_DIR")
        .args(["context", "--claude-session", CLAUDE])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(
        out.starts_with("Context: 12,924 of 1,000,000 tokens (1.3%)"),
        "{out}"
    );
    let o = p
        .cmd()
        .env("HOME", home.path())
        .env_remove("CLAUDE_CONFIG_DIR")
        .args([
            "context",
            "--claude-session",
            "99999999-0000-0000-0000-000000000000",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cannot find the transcript of Claude session 99999999"),
        "{err}"
    );
    let o = p.cmd().arg("context").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("no Claude session id known"));
}

/// A transcript whose newest reply used `used` tokens of a 200K model.
fn reply(used: u64, id: &str) -> String {
    json!({"type": "assistant", "isSidechain": false, "timestamp": "2026-01-15T10:00:00.000Z",
        "message": {"id": id, "model": "claude-sonnet-4-5", "content": [{"type": "text", "text": "ok"}],
            "usage": {"input_tokens": 1000, "cache_read_input_tokens": used - 1000, "cache_creation_input_tokens": 0, "output_tokens": 5}}})
    .to_string()
}

struct Session {
    p: Project,
    transcript: PathBuf,
    n: usize,
}

impl Session {
    fn new() -> Session {
        let p = Project::plain();
        p.ok(&["init", "--goal", "Fix the sweeper race"]);
        let transcript = p.path().join("t.jsonl");
        std::fs::write(&transcript, "").unwrap();
        Session {
            p,
            transcript,
            n: 0,
        }
    }
    fn reply(&mut self, used: u64) {
        self.n += 1;
        let mut t = std::fs::read_to_string(&self.transcript).unwrap();
        t.push_str(&reply(used, &format!("msg_{}", self.n)));
        t.push('\n');
        std::fs::write(&self.transcript, t).unwrap();
    }
    fn append(&self, line: &str) {
        let mut t = std::fs::read_to_string(&self.transcript).unwrap();
        t.push_str(line);
        t.push('\n');
        std::fs::write(&self.transcript, t).unwrap();
    }
    fn event(&self, claude: &str, event: &str, extra: Value) -> String {
        let mut v: Value = serde_json::from_str(&payload(self.p.path(), event, extra)).unwrap();
        v["session_id"] = claude.into();
        v["transcript_path"] = self.transcript.display().to_string().into();
        let (code, out) = self.p.hook(&v.to_string());
        assert_eq!(code, 0);
        out
    }
    /// The injected text of a UserPromptSubmit, "" when nothing.
    fn prompt(&self, claude: &str, text: &str) -> String {
        injected(&self.event(claude, "UserPromptSubmit", json!({"prompt": text})))
    }
    fn tool(&self, claude: &str) -> String {
        injected(&self.event(
            claude,
            "PostToolUse",
            json!({"tool_name": "Bash", "tool_input": {"command": "ls"}}),
        ))
    }
    fn resume_logs(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.p.path().join(".sessions/resume-logs"))
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

#[test]
fn each_threshold_fires_once_per_epoch_and_claude_session() {
    let mut s = Session::new();
    let a = CLAUDE;
    let b = "22222222-2222-3333-4444-555555555555";
    assert_eq!(s.prompt(a, "hello"), "", "no reply yet");
    s.reply(100_000);
    assert_eq!(s.prompt(a, "hello"), "");

    s.reply(141_000);
    let w = s.prompt(a, "hello");
    assert!(w.starts_with("Context Usage Caution: 70% capacity reached\n59,000 tokens remaining - consider planning for session transition."), "{w}");
    assert_eq!(s.prompt(a, "hello"), "", "caution only once");
    assert_eq!(s.tool(a), "", "caution only once, in any hook");

    s.reply(171_000);
    let w = s.tool(a);
    assert!(w.starts_with("Context Usage Warning: 85% capacity reached\n29,000 tokens remaining - complete current task, avoid starting new work."), "{w}");
    assert_eq!(s.prompt(a, "hello"), "");
    assert!(s.resume_logs().is_empty());

    s.reply(191_000);
    let w = s.prompt(a, "hello");
    assert!(w.starts_with("Context Usage Critical: 95% capacity reached\n9,000 tokens remaining - STOP new work immediately."), "{w}");
    assert!(
        w.contains(
            "Resume log generated: .sessions/resume-logs/fix-the-sweeper-race-20260115T100000Z.md"
        ),
        "{w}"
    );
    assert_eq!(
        s.resume_logs(),
        [
            "fix-the-sweeper-race-20260115T100000Z.json",
            "fix-the-sweeper-race-20260115T100000Z.md"
        ]
    );
    let progress =
        s.p.path()
            .join(".sessions/journal")
            .read_dir()
            .unwrap()
            .flatten()
            .next()
            .unwrap()
            .path()
            .join("progress.md");
    assert!(progress.exists(), "critical checkpoint writes progress.md");
    assert!(s.p.journal_entries().iter().any(|e| {
        std::fs::read_to_string(e)
            .unwrap()
            .contains("Checkpoint at 95% context usage")
    }));
    s.reply(195_000);
    assert_eq!(s.prompt(a, "hello"), "");
    assert_eq!(s.tool(a), "");
    assert_eq!(s.resume_logs().len(), 2, "one resume log per epoch");

    // Another Claude session on the same transcript has its own record; a
    // jump past every level gives only the highest.
    let w = s.prompt(b, "hello");
    assert!(w.starts_with("Context Usage Critical"), "{w}");
    assert!(
        !w.contains("Caution") && !w.contains("Context Usage Warning"),
        "{w}"
    );
    assert_eq!(s.prompt(b, "hello"), "");

    // A compaction starts a new epoch for the Claude session that compacted.
    s.event(a, "PreCompact", json!({"trigger": "auto"}));
    s.append(&json!({"type": "system", "subtype": "compact_boundary", "compactMetadata": {"trigger": "auto", "preTokens": 195_500, "postTokens": 3000}}).to_string());
    assert_eq!(s.prompt(a, "hello"), "");
    s.reply(20_000);
    assert_eq!(s.prompt(a, "hello"), "");
    s.reply(145_000);
    let w = s.prompt(a, "hello");
    assert!(w.starts_with("Context Usage Caution"), "{w}");
    assert_eq!(s.prompt(a, "hello"), "");
}

#[test]
fn a_warning_joins_the_continuation_context() {
    let mut s = Session::new();
    s.reply(150_000);
    let w = s.prompt(CLAUDE, "continue");
    assert!(w.starts_with("Context Usage Caution"), "{w}");
    assert!(w.contains("session-hook resume context"), "{w}");
    let v: Value =
        serde_json::from_str(&s.event(CLAUDE, "UserPromptSubmit", json!({"prompt": "hi"})))
            .unwrap_or(Value::Null);
    assert!(v.is_null());
}

#[test]
fn thresholds_and_windows_come_from_the_config() {
    let mut s = Session::new();
    s.p.write(
        ".sessions/config.yaml",
        "thresholds: [50, 60]\nwindows:\n  sonnet-4-5: 400000\n",
    );
    s.reply(210_000);
    let w = s.prompt(CLAUDE, "hi");
    assert!(
        w.starts_with("Context Usage Warning: 50% capacity reached\n190,000 tokens remaining"),
        "{w}"
    );
    s.reply(250_000);
    let w = s.prompt(CLAUDE, "hi");
    assert!(
        w.starts_with("Context Usage Critical: 60% capacity reached"),
        "{w}"
    );
    // An invalid config falls back to the defaults in hooks.
    let mut s = Session::new();
    s.p.write(".sessions/config.yaml", "thresholds: [90, 80]\n");
    s.reply(141_000);
    assert!(
        s.prompt(CLAUDE, "hi")
            .starts_with("Context Usage Caution: 70%")
    );
    // ... and is a clear error in commands.
    let o =
        s.p.run(&["context", "--transcript", s.transcript.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("thresholds must be increasing"));
}

#[test]
fn the_model_from_session_start_sets_the_window() {
    let mut s = Session::new();
    s.reply(300_000);
    // A 200K model would be past every threshold; SessionStart says 1M.
    s.event(
        CLAUDE,
        "SessionStart",
        json!({"source": "startup", "model": "claude-sonnet-4-5[1m]"}),
    );
    assert_eq!(s.prompt(CLAUDE, "hi"), "");
    s.reply(720_000);
    assert!(
        s.prompt(CLAUDE, "hi")
            .starts_with("Context Usage Caution: 70% capacity reached\n280,000 tokens")
    );
}

#[test]
fn pre_compact_and_session_end_write_resume_logs() {
    let mut s = Session::new();
    s.reply(120_000);
    let out = s.event(CLAUDE, "PreCompact", json!({"trigger": "manual"}));
    assert!(
        out.contains("Resume log: .sessions/resume-logs/fix-the-sweeper-race-20260115T100000Z.md"),
        "{out}"
    );
    s.event(CLAUDE, "SessionEnd", json!({"reason": "other"}));
    assert_eq!(
        s.resume_logs(),
        [
            "fix-the-sweeper-race-20260115T100000Z-2.json",
            "fix-the-sweeper-race-20260115T100000Z-2.md",
            "fix-the-sweeper-race-20260115T100000Z.json",
            "fix-the-sweeper-race-20260115T100000Z.md"
        ]
    );
    let j: Value = serde_json::from_str(
        &s.p.read(".sessions/resume-logs/fix-the-sweeper-race-20260115T100000Z-2.json"),
    )
    .unwrap();
    assert_eq!(j["trigger"], "session-end");
    assert_eq!(j["context_metrics"]["used_tokens"], 120_000);
    assert_eq!(j["context_metrics"]["claude_session_id"], CLAUDE);
}

#[test]
fn a_new_claude_session_is_pointed_at_a_recent_resume_log() {
    let mut s = Session::new();
    s.p.ok(&["log", "--done", "Reproduce the race"]);
    s.p.ok(&["log", "--next", "Write the regression test"]);
    s.p.ok(&["log", "--next", "Ship the fix"]);
    s.reply(120_000);
    s.event(CLAUDE, "SessionEnd", json!({"reason": "other"}));
    // No active session any more: pause it by hand (the status is what counts).
    let f = s.p.active_file();
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("status: active", "status: paused");
    std::fs::write(&f, text).unwrap();
    let out = injected(&s.event(
        "33333333-2222-3333-4444-555555555555",
        "SessionStart",
        json!({"source": "startup"}),
    ));
    assert!(out.contains("Resuming from previous session (fix-the-sweeper-race-20260115T100000Z)...\nContext: Fix the sweeper race\nLast task: Reproduce the race (2026-01-15T10:00Z), completed\nNext: Write the regression test\nResume log: .sessions/resume-logs/fix-the-sweeper-race-20260115T100000Z.md"), "{out}");
    // Not for a resumed conversation, which has its context already.
    let out = injected(&s.event(
        "33333333-2222-3333-4444-555555555555",
        "SessionStart",
        json!({"source": "resume"}),
    ));
    assert!(!out.contains("Resuming from previous session"), "{out}");
    // Not for a closed session.
    let p2 = Session::new();
    p2.p.ok(&["log", "--done", "Everything"]);
    let mut v: Value = serde_json::from_str(&payload(
        p2.p.path(),
        "SessionEnd",
        json!({"reason": "other"}),
    ))
    .unwrap();
    v["transcript_path"] = "".into();
    p2.p.hook(&v.to_string());
    assert_eq!(p2.resume_logs().len(), 2);
    p2.p.ok(&["close", "--complete"]);
    let out = injected(&p2.event(
        "55555555-2222-3333-4444-555555555555",
        "SessionStart",
        json!({"source": "startup"}),
    ));
    assert!(!out.contains("Resuming from previous session"), "{out}");
    // Too old: nothing.
    let mut v: Value = serde_json::from_str(&payload(
        s.p.path(),
        "SessionStart",
        json!({"source": "startup"}),
    ))
    .unwrap();
    v["session_id"] = "44444444-2222-3333-4444-555555555555".into();
    let o =
        s.p.cmd()
            .env("SESSION_HOOK_NOW", "2026-01-30T10:00:00Z")
            .arg("hook")
            .write_stdin(v.to_string())
            .output()
            .unwrap();
    assert!(!String::from_utf8_lossy(&o.stdout).contains("Resuming from previous session"));
}
