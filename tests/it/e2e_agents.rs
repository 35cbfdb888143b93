//! One session across three agents, end to end with the real clients in
//! their non-interactive modes, offline, each against a loopback mock of
//! its model API: Claude Code 2.1.328 (`claude -p`) starts and logs the
//! session, Codex CLI 0.169.0 (`codex exec`) and Gemini CLI 0.61.0
//! (`gemini -p`) carry on with it, and Claude Code picks it up again. Each
//! run's first model request must carry the session's goal, current step
//! and open blocker, and each run's tool calls must land in the same
//! session document. The agents are wired with `session-hook install`.
//!
//! The CLIs come from `$SESSION_HOOK_CLAUDE_BIN`, `$SESSION_HOOK_CODEX_BIN`
//! and `$SESSION_HOOK_GEMINI_BIN` (set by `.ci/run`), else they are
//! installed with npm into `target/e2e-cache/`. Only a missing npm skips
//! the test, with a message saying so.

use crate::common;
use crate::mock_agents::{MockModel, Step};
use crate::mock_api::MockApi;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Project;
use serde_json::{Value, json};

const GOAL: &str = "Migrate billing to the Stripe v2 API";
const STEP1: &str = "Map the v1 charge calls";
const STEP2: &str = "Port the webhook handler";
const STEP3: &str = "Replay the staging events";
const BLOCKER: &str = "Staging webhook secret not issued yet";

/// Run a CLI with a clean environment and a deadline; returns stdout.
fn run(bin: &Path, args: &[&str], cwd: &Path, env: &[(&str, String)]) -> String {
    let path = format!(
        "{}:{}",
        common::bin().parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(cwd)
        .env_clear()
        .env("PATH", path)
        .env("LANG", "C.UTF-8")
        .env("TERM", "dumb")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start {}: {e}", bin.display()));
    let deadline = Instant::now() + Duration::from_secs(180);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{} {args:?} ran past 180 s", bin.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{} {args:?} failed: {stdout}\n{}",
        bin.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The goal, the current step and the open blocker are all in `text`.
fn assert_carries(who: &str, text: &str, current: &str) {
    for (what, s) in [
        ("goal", GOAL),
        ("current step", current),
        ("open blocker", BLOCKER),
    ] {
        assert!(
            text.contains(s),
            "{who}'s first model request lacks the {what} ({s:?})"
        );
    }
}

fn claude_env(home: &Path, port: u16) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", home.display().to_string()),
        ("ANTHROPIC_BASE_URL", format!("http://127.0.0.1:{port}")),
        ("ANTHROPIC_API_KEY", "test-key".into()),
        ("DISABLE_AUTOUPDATER", "1".into()),
        ("DISABLE_TELEMETRY", "1".into()),
        ("DISABLE_ERROR_REPORTING", "1".into()),
        ("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1".into()),
    ]
}

/// The request that carries our SessionStart context.
fn claude_start_request(api: &MockApi) -> String {
    api.messages()
        .iter()
        .map(|r| r["messages"].to_string())
        .find(|t| t.contains("SessionStart hook additional context"))
        .expect("a Claude Code request carrying the SessionStart context")
}

#[test]
fn one_session_from_claude_code_through_codex_and_gemini_and_back() {
    let bins = (
        common::npm_bin(
            "SESSION_HOOK_CLAUDE_BIN",
            "claude",
            "@anthropic-ai/claude-code@2.1.328",
            "claude",
        ),
        common::npm_bin(
            "SESSION_HOOK_CODEX_BIN",
            "codex",
            "@openai/codex@0.169.0",
            "codex",
        ),
        common::npm_bin(
            "SESSION_HOOK_GEMINI_BIN",
            "gemini",
            "@google/gemini-cli@0.61.0",
            "gemini",
        ),
    );
    let (Some(claude), Some(codex), Some(gemini)) = bins else {
        eprintln!(
            "SKIPPED: npm is not installed, so the Claude Code, Codex and Gemini CLIs cannot be installed for the end-to-end test"
        );
        return;
    };
    let p = Project::git();
    let proj = p.path().to_path_buf();
    let home = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    p.ok(&["init", "--goal", GOAL]);
    p.ok(&["log", "--next", STEP2]);
    let ok_with_home = |args: &[&str]| {
        let o = p
            .cmd()
            .env("HOME", home.path())
            .args(args)
            .output()
            .unwrap();
        crate::common::stdout_of_success(o, args)
    };
    ok_with_home(&["install"]);

    // 1. Claude Code logs the current step and a blocker (through its Bash
    //    tool, as the slash commands do) and writes a file.
    let api = MockApi::start();
    api.script(vec![
        json!([{"type": "tool_use", "id": "toolu_e2e_1", "name": "Bash", "input": {
            "command": format!("session-hook log --current '{STEP1}' && session-hook log --blocker '{BLOCKER}'"),
            "description": "Log the step and the blocker"}}]),
        json!([{"type": "tool_use", "id": "toolu_e2e_2", "name": "Write", "input": {
            "file_path": proj.join("billing_map.md").display().to_string(),
            "content": "v1 charges\n"}}]),
    ]);
    let out = run(
        &claude,
        &[
            "-p",
            "Start on the billing migration",
            "--output-format",
            "json",
            "--allowedTools",
            "Bash,Write",
        ],
        &proj,
        &claude_env(home.path(), api.port),
    );
    let sid = serde_json::from_str::<Value>(out.trim()).expect("claude JSON output")["session_id"]
        .as_str()
        .expect("session id")
        .to_string();
    assert!(claude_start_request(&api).contains(GOAL));
    let doc = p.active_text();
    assert!(current_is(&doc, STEP1), "{doc}");
    assert!(doc.contains(BLOCKER), "{doc}");
    assert!(
        doc.contains("`billing_map.md`"),
        "Claude's Write is not listed:\n{doc}"
    );
    assert!(
        doc.contains(&format!("  - {sid}")),
        "Claude session not bound:\n{doc}"
    );

    // 2. Codex CLI: its first request carries the session; its plan update
    //    and its patch land in the same document.
    ok_with_home(&["install", "--agent", "codex"]);
    let model = MockModel::responses(vec![
        Step::Call(
            "update_plan".into(),
            json!({"plan": [{"step": STEP1, "status": "completed"}, {"step": STEP2, "status": "in_progress"}]}),
        ),
        Step::Custom(
            "apply_patch".into(),
            "*** Begin Patch\n*** Add File: webhook.rs\n+// v2 webhook\n*** End Patch\n".into(),
        ),
        Step::Text("DONE".into()),
    ]);
    let codex_home = home.path().join(".codex");
    std::fs::create_dir_all(&codex_home).unwrap();
    std::fs::write(
        codex_home.join("config.toml"),
        format!(
            "model = \"gpt-5.5\"\nmodel_provider = \"mock\"\napproval_policy = \"never\"\nsandbox_mode = \"danger-full-access\"\n\n[model_providers.mock]\nname = \"mock\"\nbase_url = \"http://127.0.0.1:{}/v1\"\nwire_api = \"responses\"\nenv_key = \"MOCK_API_KEY\"\nrequest_max_retries = 0\nstream_max_retries = 0\n",
            model.port
        ),
    )
    .unwrap();
    run(
        &codex,
        &[
            "exec",
            "--skip-git-repo-check",
            // Codex runs project hooks only once they and the project are
            // trusted; these two flags trust them for this run.
            "--dangerously-bypass-hook-trust",
            "--trust",
            "--disable",
            "plugins",
            "--disable",
            "apps",
            "-c",
            "tools.update_plan={enabled=true}",
            "Carry on with the migration",
        ],
        &proj,
        &[
            ("HOME", home.path().display().to_string()),
            ("TMPDIR", tmp.path().display().to_string()),
            ("MOCK_API_KEY", "test-key".into()),
        ],
    );
    let reqs = model.model_requests();
    assert!(!reqs.is_empty(), "Codex sent no model request");
    assert_carries("Codex", &reqs[0].to_string(), STEP1);
    assert_eq!(model.steps_left(), 0, "Codex did not play the whole script");
    let doc = p.active_text();
    assert!(
        doc.contains(&format!("- [x] {STEP1}")),
        "plan update not synced:\n{doc}"
    );
    assert!(current_is(&doc, STEP2), "{doc}");
    assert!(
        doc.contains("`webhook.rs`"),
        "Codex's patch is not listed:\n{doc}"
    );
    assert!(
        doc.contains("  - codex-"),
        "Codex session not bound:\n{doc}"
    );

    // 3. Gemini CLI: the same, with its todo tool and write_file.
    ok_with_home(&["install", "--agent", "gemini"]);
    let model = MockModel::gemini(vec![
        Step::Call(
            "write_todos".into(),
            json!({"todos": [{"description": STEP2, "status": "completed"}, {"description": STEP3, "status": "in_progress"}]}),
        ),
        Step::Call(
            "write_file".into(),
            json!({"file_path": "replay.sh", "content": "echo replay\n"}),
        ),
        Step::Text("DONE".into()),
    ]);
    let gemini_home = home.path().join(".gemini");
    std::fs::create_dir_all(&gemini_home).unwrap();
    std::fs::write(
        gemini_home.join("settings.json"),
        json!({
            "security": {"auth": {"selectedType": "gemini-api-key"}},
            "privacy": {"usageStatisticsEnabled": false},
            "telemetry": {"enabled": false},
            "general": {"enableAutoUpdate": false, "enableAutoUpdateNotification": false},
        })
        .to_string(),
    )
    .unwrap();
    // Gemini runs no hook at all in a folder the user has not trusted
    // (`--skip-trust` lets it start but still skips them); this is what
    // its trust dialog records.
    std::fs::write(
        gemini_home.join("trustedFolders.json"),
        json!({proj.display().to_string(): "TRUST_FOLDER"}).to_string(),
    )
    .unwrap();
    run(
        &gemini,
        &[
            "-p",
            "Carry on with the migration",
            "-m",
            "gemini-2.5-pro",
            "--yolo",
        ],
        &proj,
        &[
            ("HOME", home.path().display().to_string()),
            ("TMPDIR", tmp.path().display().to_string()),
            ("GEMINI_API_KEY", "test-key".into()),
            (
                "GOOGLE_GEMINI_BASE_URL",
                format!("http://127.0.0.1:{}", model.port),
            ),
        ],
    );
    let reqs = model.model_requests();
    assert!(!reqs.is_empty(), "Gemini sent no model request");
    assert_carries("Gemini", &reqs[0].to_string(), STEP2);
    assert_eq!(
        model.steps_left(),
        0,
        "Gemini did not play the whole script"
    );
    let doc = p.active_text();
    assert!(
        doc.contains(&format!("- [x] {STEP2}")),
        "todos not synced:\n{doc}"
    );
    assert!(current_is(&doc, STEP3), "{doc}");
    assert!(
        doc.contains("`replay.sh`"),
        "Gemini's write is not listed:\n{doc}"
    );
    assert!(
        doc.contains("  - gemini-"),
        "Gemini session not bound:\n{doc}"
    );

    // 4. Back in Claude Code: the same session, with Gemini's current step.
    let api = MockApi::start();
    run(
        &claude,
        &[
            "-p",
            "continue",
            "--resume",
            &sid,
            "--output-format",
            "json",
        ],
        &proj,
        &claude_env(home.path(), api.port),
    );
    let text = claude_start_request(&api);
    assert_carries("Claude Code (back again)", &text, STEP3);
    let doc = p.active_text();
    for f in ["`billing_map.md`", "`webhook.rs`", "`replay.sh`"] {
        assert!(
            doc.contains(f),
            "{f} missing from the one session document:\n{doc}"
        );
    }
    // Each agent's session ended with a resume log.
    let logs = std::fs::read_dir(proj.join(".sessions/resume-logs"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(
        logs >= 3,
        "expected a resume log per agent session end, found {logs}"
    );
}

/// Whether the checklist marks `step` as the current one.
fn current_is(doc: &str, step: &str) -> bool {
    doc.lines()
        .any(|l| l.starts_with(&format!("- [ ] {step} ^s")) && l.ends_with("  <- CURRENT"))
}
