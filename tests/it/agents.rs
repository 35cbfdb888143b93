//! Codex CLI and Gemini CLI: the hook with payloads recorded from Codex
//! 0.169.0 and Gemini 0.61.0 (answers in each agent's format, the same
//! session document), and `install --agent` / `uninstall --agent` /
//! `doctor` on real-looking config files.

use crate::common;

use std::fs;
use std::path::Path;

use common::Project;
use serde_json::{Value, json};

const GOAL: &str = "Migrate billing to Stripe v2";
const NEXT: &str = "Write the webhook handler";
const BLOCKER: &str = "Need the sandbox API key";

/// A recorded payload with this project's paths filled in.
fn recorded(p: &Project, agent: &str, name: &str, home: &Path) -> String {
    let raw = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/payloads")
            .join(agent)
            .join(format!("{name}.json")),
    )
    .unwrap();
    raw.replace("{{cwd}}", &p.path().display().to_string())
        .replace("{{home}}", &home.display().to_string())
}

fn project() -> Project {
    let p = Project::git();
    p.ok(&["init", "--goal", GOAL]);
    p.ok(&["log", "--next", NEXT]);
    p.ok(&["log", "--blocker", BLOCKER]);
    p
}

/// `hook [--agent a]` with a payload: (exit code, stdout).
fn hook(p: &Project, agent: Option<&str>, payload: &str) -> (i32, String) {
    let mut c = p.cmd();
    c.arg("hook");
    if let Some(a) = agent {
        c.args(["--agent", a]);
    }
    let o = c.write_stdin(payload.as_bytes().to_vec()).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
    )
}

/// The context of an answer, checking it names the event that fired and
/// has nothing but `hookSpecificOutput` (Codex rejects any other key).
fn context_of(stdout: &str, event: &str) -> String {
    let v: Value =
        serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout:?}"));
    let o = v.as_object().unwrap();
    assert_eq!(o.keys().collect::<Vec<_>>(), vec!["hookSpecificOutput"]);
    let h = o["hookSpecificOutput"].as_object().unwrap();
    assert_eq!(h["hookEventName"], event);
    assert_eq!(h.len(), 2, "{h:?}");
    h["additionalContext"].as_str().unwrap().to_string()
}

fn hook_log(p: &Project) -> String {
    fs::read_to_string(p.path().join(".sessions/.local/hook.log")).unwrap_or_default()
}

#[test]
fn codex_events_answer_in_codex_format_and_land_in_the_session() {
    let p = project();
    let home = tempfile::tempdir().unwrap();
    for agent in [Some("codex"), None] {
        let (code, out) = hook(
            &p,
            agent,
            &recorded(&p, "codex", "SessionStart", home.path()),
        );
        assert_eq!(code, 0);
        let ctx = context_of(&out, "SessionStart");
        assert!(
            ctx.contains(GOAL) && ctx.contains(NEXT) && ctx.contains(BLOCKER),
            "{ctx}"
        );
        crate::steps::assert_keep_follows_the_frame("codex startup", &ctx);
    }
    assert!(
        hook_log(&p).contains("codex/SessionStart"),
        "{}",
        hook_log(&p)
    );

    // An ordinary prompt: nothing; "continue": nothing more right after
    // SessionStart gave the context, the resume context once work is
    // logged.
    let prompt = recorded(&p, "codex", "UserPromptSubmit", home.path());
    assert_eq!(hook(&p, Some("codex"), &prompt), (0, String::new()));
    let mut v: Value = serde_json::from_str(&prompt).unwrap();
    v["prompt"] = "continue".into();
    assert_eq!(hook(&p, Some("codex"), &v.to_string()), (0, String::new()));
    p.ok(&["log", "--progress", "charge calls listed"]);
    let (_, out) = hook(&p, Some("codex"), &v.to_string());
    let ctx = context_of(&out, "UserPromptSubmit");
    assert!(ctx.contains("resume context"));
    crate::steps::assert_keep_follows_the_frame("codex continue", &ctx);

    // The plan and a patch.
    let (_, out) = hook(
        &p,
        Some("codex"),
        &recorded(&p, "codex", "PostToolUse-update_plan", home.path()),
    );
    assert_eq!(out, "");
    let (_, out) = hook(
        &p,
        Some("codex"),
        &recorded(&p, "codex", "PostToolUse-apply_patch", home.path()),
    );
    assert_eq!(out, "");
    let (_, out) = hook(
        &p,
        Some("codex"),
        &recorded(&p, "codex", "PostToolUse-Bash", home.path()),
    );
    assert_eq!(out, "");
    let doc = p.active_text();
    assert!(
        doc.lines()
            .any(|l| l.starts_with("- [ ] write file ^s") && l.ends_with("  <- CURRENT")),
        "{doc}"
    );
    assert!(doc.contains("- [ ] check"), "{doc}");
    assert!(doc.contains("`notes.txt`"), "{doc}");
    assert!(
        doc.contains("  - codex-01a23b4b-8e97-71d0-9f7e-cd6d93121179"),
        "{doc}"
    );

    // PreCompact checkpoints, but Codex takes no text there: nothing is printed.
    let (code, out) = hook(
        &p,
        Some("codex"),
        &recorded(&p, "codex", "PreCompact", home.path()),
    );
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(hook_log(&p).contains("precompact (auto): checkpointed"));
    // After the compaction Codex fires SessionStart "compact": counted, and
    // the full context goes back in.
    let (_, out) = hook(
        &p,
        Some("codex"),
        &recorded(&p, "codex", "SessionStart-compact", home.path()),
    );
    let ctx = context_of(&out, "SessionStart");
    assert!(ctx.contains("resume context"));
    crate::steps::assert_keep_follows_the_frame("codex compact", &ctx);
    assert!(p.active_text().contains("compaction_count: 1"));
    for e in ["PostCompact", "Stop", "SessionEnd"] {
        let (code, out) = hook(&p, Some("codex"), &recorded(&p, "codex", e, home.path()));
        assert_eq!((code, out.as_str()), (0, ""), "{e}");
    }
    let log = hook_log(&p);
    assert!(
        log.contains("codex/SessionEnd") && log.contains("resume log"),
        "{log}"
    );
    let ended = p
        .journal_entries()
        .iter()
        .map(|e| fs::read_to_string(e).unwrap())
        .any(|t| t.contains("Codex CLI session ended (other)"));
    assert!(ended, "no session-end entry naming Codex");
    let log = resume_log_text(&p);
    assert!(
        log.contains("(Codex CLI session ended)")
            && log.contains("- Codex CLI session ID: codex-")
            && !log.contains("Claude"),
        "the resume log names the agent that ran the session:\n{log}"
    );
}

/// The markdown of the resume log written when the session ended.
fn resume_log_text(p: &Project) -> String {
    fs::read_dir(p.path().join(".sessions/resume-logs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|f| f.extension().is_some_and(|x| x == "md"))
        .map(|f| fs::read_to_string(f).unwrap())
        .find(|t| t.contains("session ended)"))
        .expect("a resume log written at the session's end")
}

#[test]
fn gemini_events_answer_in_gemini_format_and_land_in_the_session() {
    let p = project();
    let home = tempfile::tempdir().unwrap();
    let (code, out) = hook(
        &p,
        None,
        &recorded(&p, "gemini", "SessionStart", home.path()),
    );
    assert_eq!(code, 0);
    let ctx = context_of(&out, "SessionStart");
    assert!(ctx.contains(GOAL) && ctx.contains(BLOCKER), "{ctx}");
    crate::steps::assert_keep_follows_the_frame("gemini startup", &ctx);

    // In `-p` mode the first prompt carries SessionStart's context in front
    // of the user's words: the words alone decide.
    let before = recorded(&p, "gemini", "BeforeAgent", home.path());
    assert!(
        before.contains("<hook_context>"),
        "the recording has the prefix"
    );
    assert_eq!(hook(&p, Some("gemini"), &before), (0, String::new()));
    let mut v: Value = serde_json::from_str(&before).unwrap();
    let prompt = v["prompt"].as_str().unwrap().replace("hello", "continue");
    v["prompt"] = prompt.into();
    // Given at SessionStart already: a "continue" gets it again only once
    // work was logged.
    assert_eq!(hook(&p, Some("gemini"), &v.to_string()), (0, String::new()));
    p.ok(&["log", "--progress", "charge calls listed"]);
    let (_, out) = hook(&p, Some("gemini"), &v.to_string());
    let ctx = context_of(&out, "BeforeAgent");
    assert!(ctx.contains("resume context"));
    crate::steps::assert_keep_follows_the_frame("gemini continue", &ctx);

    for t in [
        "AfterTool-write_todos",
        "AfterTool-write_file",
        "AfterTool-replace",
        "AfterTool-run_shell_command",
    ] {
        let (code, out) = hook(&p, Some("gemini"), &recorded(&p, "gemini", t, home.path()));
        assert_eq!((code, out.as_str()), (0, ""), "{t}");
    }
    let doc = p.active_text();
    assert!(
        doc.lines()
            .any(|l| l.starts_with("- [ ] write notes ^s") && l.ends_with("  <- CURRENT")),
        "{doc}"
    );
    assert!(doc.contains("`notes.txt`"), "{doc}");

    // PreCompress "auto" fires before every model call: not a compaction.
    let journal_before = p.journal_entries().len();
    let (_, out) = hook(
        &p,
        Some("gemini"),
        &recorded(&p, "gemini", "PreCompress-auto", home.path()),
    );
    assert_eq!(out, "");
    assert_eq!(p.journal_entries().len(), journal_before);
    assert!(hook_log(&p).contains("ignored PreCompress"));

    for e in ["AfterAgent", "SessionEnd"] {
        let (code, out) = hook(&p, Some("gemini"), &recorded(&p, "gemini", e, home.path()));
        assert_eq!((code, out.as_str()), (0, ""), "{e}");
    }
    let doc = p.active_text();
    assert!(
        doc.contains("  - gemini-9add1717-5a43-4f1f-94c6-fa2fd490ba15"),
        "{doc}"
    );
    assert!(hook_log(&p).contains("gemini/SessionEnd"));
    let log = resume_log_text(&p);
    assert!(
        log.contains("(Gemini CLI session ended)")
            && log.contains("- Gemini CLI session ID: gemini-9add1717")
            && !log.contains("Claude"),
        "the resume log names the agent that ran the session:\n{log}"
    );
}

#[test]
fn context_usage_from_a_codex_rollout_warns_in_codex_format() {
    let p = project();
    let home = tempfile::tempdir().unwrap();
    let rollout = home.path().join("rollout-2026-12-03T09-00-00-x.jsonl");
    let line = |total: u64| {
        json!({"timestamp": "2026-12-03T09:46:12.754Z", "type": "event_msg", "payload": {"type": "token_count", "info": {
            "last_token_usage": {"input_tokens": total - 10, "output_tokens": 10, "total_tokens": total},
            "model_context_window": 258_400}}})
        .to_string()
    };
    fs::write(&rollout, format!("{}\n{}\n", line(1000), line(250_010))).unwrap();
    let mut v: Value =
        serde_json::from_str(&recorded(&p, "codex", "UserPromptSubmit", home.path())).unwrap();
    v["transcript_path"] = rollout.display().to_string().into();
    let (_, out) = hook(&p, Some("codex"), &v.to_string());
    let ctx = context_of(&out, "UserPromptSubmit");
    // 250,010 of the window the rollout records (258,400) is 96.8 %.
    assert!(
        ctx.contains("250,010 of 258,400 tokens in use, 96.8%"),
        "{ctx}"
    );
    assert!(hook_log(&p).contains("context 96.8%"), "{}", hook_log(&p));
}

#[test]
fn odd_input_never_breaks_codex_or_gemini() {
    let p = project();
    for agent in ["codex", "gemini", "nonesuch"] {
        for input in [
            "",
            "not json",
            "[1]",
            r#"{"hook_event_name":"PostToolUse","tool_name":"apply_patch","tool_input":7}"#,
            r#"{"hook_event_name":"AfterTool","tool_name":"write_todos","tool_input":{"todos":"x"}}"#,
        ] {
            let (code, out) = hook(&p, Some(agent), input);
            assert_eq!((code, out.as_str()), (0, ""), "{agent} {input:?}");
        }
    }
}

// ---- install / uninstall / doctor ----

fn run_in(p: &Project, home: &Path, args: &[&str]) -> std::process::Output {
    p.cmd()
        .env("HOME", home)
        .env_remove("CODEX_HOME")
        .args(args)
        .output()
        .unwrap()
}

fn ok_in(p: &Project, home: &Path, args: &[&str]) -> String {
    crate::common::stdout_of_success(run_in(p, home, args), args)
}

/// doctor's report (its exit code depends on the Claude Code wiring too).
fn doctor(p: &Project, home: &Path) -> String {
    String::from_utf8(run_in(p, home, &["doctor"]).stdout).unwrap()
}

const CODEX_HOOKS: &str = "{\n    \"hooks\": {\n        \"Stop\": [ { \"hooks\": [ { \"type\": \"command\", \"command\": \"notify-send done\", \"timeout\": 5 } ] } ],\n        \"PostToolUse\": [\n            {\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\", \"command\": \"./audit.sh\"}]}\n        ]\n    }\n}\n";

const CODEX_TOML: &str =
    "model = \"gpt-5.5\"\r\n\r\n[features]\r\nhooks = false  # too noisy\r\nweb_search = true\r\n";

const GEMINI_SETTINGS: &str = "{\n  \"theme\": \"GitHub\",\n  \"hooksConfig\": {\"enabled\": false, \"notifications\": true},\n  \"hooks\": {\n    \"AfterTool\": [{\"matcher\": \"run_shell_command\", \"hooks\": [{\"type\": \"command\", \"name\": \"audit\", \"command\": \"./audit.sh\", \"timeout\": 5000}]}]\n  }\n}";

#[test]
fn codex_install_merges_turns_the_feature_on_and_uninstall_restores_every_byte() {
    let p = project();
    let home = tempfile::tempdir().unwrap();
    p.write(".codex/hooks.json", CODEX_HOOKS);
    p.write(".codex/config.toml", CODEX_TOML);
    let dry = ok_in(
        &p,
        home.path(),
        &["install", "--agent", "codex", "--dry-run"],
    );
    assert!(
        dry.contains("+++ b/.codex/hooks.json") && dry.contains("+++ b/.codex/config.toml"),
        "{dry}"
    );
    assert!(
        dry.contains("+hooks = true # session-hook turned this on"),
        "{dry}"
    );
    assert_eq!(
        (p.read(".codex/hooks.json"), p.read(".codex/config.toml")),
        (CODEX_HOOKS.to_string(), CODEX_TOML.to_string()),
        "a dry run wrote"
    );
    let out = ok_in(&p, home.path(), &["install", "--agent", "codex"]);
    assert!(out.contains("registered SessionStart, UserPromptSubmit, PostToolUse, PreCompact, PostCompact, Stop, SessionEnd (7 events)"), "{out}");
    assert!(
        out.contains(".codex/config.toml: turned on the `hooks` feature"),
        "{out}"
    );
    assert!(
        out.contains("trust"),
        "the trust step is not mentioned: {out}"
    );
    let hooks: Value = serde_json::from_str(&p.read(".codex/hooks.json")).unwrap();
    let stop = hooks["hooks"]["Stop"].as_array().unwrap();
    assert_eq!(
        stop[0]["hooks"][0]["command"], "notify-send done",
        "theirs stays first"
    );
    assert!(
        stop[1]["hooks"][0]["command"]
            .as_str()
            .unwrap()
            .ends_with("session-hook hook --agent codex")
    );
    assert_eq!(
        hooks["hooks"]["PostToolUse"][1]["matcher"],
        "apply_patch|update_plan"
    );
    assert_eq!(hooks["hooks"]["SessionEnd"][0]["hooks"][0]["timeout"], 3);
    let toml = p.read(".codex/config.toml");
    assert!(
        toml.contains(
            "hooks = true # session-hook turned this on; was: hooks = false  # too noisy\r\n"
        ),
        "{toml:?}"
    );

    // Idempotent.
    let installed = (p.read(".codex/hooks.json"), p.read(".codex/config.toml"));
    let out = ok_in(&p, home.path(), &["install", "--agent", "codex"]);
    assert!(out.contains("already installed"), "{out}");
    assert_eq!(
        (p.read(".codex/hooks.json"), p.read(".codex/config.toml")),
        installed
    );

    let out = doctor(&p, home.path());
    assert!(out.contains(".codex/hooks.json: all 7 events"), "{out}");
    // Codex alone is wired: Claude Code's missing hooks are not a problem.
    assert!(out.contains("(only Codex CLI is wired)"), "{out}");
    assert!(!out.contains("PROBLEM"), "{out}");

    let out = ok_in(&p, home.path(), &["uninstall", "--agent", "codex"]);
    assert!(
        out.contains("Uninstalled session-hook for Codex CLI"),
        "{out}"
    );
    assert_eq!(p.read(".codex/hooks.json"), CODEX_HOOKS);
    assert_eq!(p.read(".codex/config.toml"), CODEX_TOML);
    assert!(
        !p.path().join(".codex/hooks.json.bak").exists(),
        "install's backup outlived uninstall"
    );
    let out = ok_in(&p, home.path(), &["uninstall", "--agent", "codex"]);
    assert!(out.contains("not installed"), "{out}");
}

#[test]
fn gemini_install_turns_hooks_on_and_uninstall_restores_every_byte() {
    let p = project();
    let home = tempfile::tempdir().unwrap();
    p.write(".gemini/settings.json", GEMINI_SETTINGS);
    let out = ok_in(&p, home.path(), &["install", "--agent", "gemini"]);
    assert!(out.contains("registered SessionStart, BeforeAgent, AfterTool, PreCompress, AfterAgent, SessionEnd (6 events)"), "{out}");
    assert!(out.contains("turned hooks on"), "{out}");
    assert!(out.contains("trusted folder"), "{out}");
    let s: Value = serde_json::from_str(&p.read(".gemini/settings.json")).unwrap();
    assert_eq!(s["hooksConfig"]["enabled"], true);
    assert_eq!(s["theme"], "GitHub");
    let after = s["hooks"]["AfterTool"].as_array().unwrap();
    assert_eq!(after[0]["hooks"][0]["name"], "audit");
    assert_eq!(after[1]["hooks"][0]["name"], "session-hook");
    assert_eq!(after[1]["hooks"][0]["timeout"], 10_000);
    assert_eq!(s["hooks"]["PreCompress"][0]["matcher"], "manual");

    let out = doctor(&p, home.path());
    assert!(out.contains(".gemini/settings.json: all 6 events"), "{out}");

    // Hooks turned off again by hand: install turns them on and says
    // exactly that.
    let off = p
        .read(".gemini/settings.json")
        .replace("\"enabled\": true", "\"enabled\": false");
    p.write(".gemini/settings.json", &off);
    let out = ok_in(&p, home.path(), &["install", "--agent", "gemini"]);
    assert!(
        out.contains(".gemini/settings.json: session-hook's hooks were registered already")
            && out.contains("turned hooks on")
            && !out.contains("refreshed"),
        "{out}"
    );
    p.write(
        ".gemini/settings.json",
        &off.replace("\"enabled\": false", "\"enabled\": true"),
    );

    ok_in(&p, home.path(), &["uninstall", "--agent", "gemini"]);
    assert_eq!(p.read(".gemini/settings.json"), GEMINI_SETTINGS);
    assert!(!p.path().join(".gemini/.session-hook-enabled").exists());
}

#[test]
fn a_new_file_goes_away_with_uninstall_and_user_install_goes_home() {
    let p = project();
    let home = tempfile::tempdir().unwrap();
    for agent in ["codex", "gemini"] {
        ok_in(&p, home.path(), &["install", "--agent", agent, "--user"]);
        let file = match agent {
            "codex" => home.path().join(".codex/hooks.json"),
            _ => home.path().join(".gemini/settings.json"),
        };
        assert!(file.exists(), "{agent}: {}", file.display());
        assert!(!p.path().join(format!(".{agent}")).exists());
        ok_in(&p, home.path(), &["uninstall", "--agent", agent, "--user"]);
        assert!(!file.exists(), "{agent}: a file only we wrote is removed");
        ok_in(&p, home.path(), &["install", "--agent", agent]);
        ok_in(&p, home.path(), &["uninstall", "--agent", agent]);
        assert!(
            !p.path().join(format!(".{agent}")).exists(),
            "the empty folder stays behind"
        );
    }
}

#[test]
fn broken_agent_config_is_refused_and_left_alone() {
    let p = project();
    let home = tempfile::tempdir().unwrap();
    for (agent, file, text) in [
        ("codex", ".codex/hooks.json", "{\"hooks\": {\"Stop\": [}\n"),
        ("codex", ".codex/hooks.json", "{\"hooks\": []}\n"),
        (
            "gemini",
            ".gemini/settings.json",
            "{\n  // comments are not JSON\n  \"theme\": \"x\"\n}\n",
        ),
        ("gemini", ".gemini/settings.json", "[1, 2]\n"),
    ] {
        p.write(file, text);
        let o = run_in(&p, home.path(), &["install", "--agent", agent]);
        assert!(!o.status.success(), "install {agent} accepted {text:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(file.rsplit('/').next().unwrap()), "{err}");
        assert_eq!(p.read(file), text, "install changed a file it refused");
        // Uninstall finds nothing of ours in it, and leaves it as it is.
        run_in(&p, home.path(), &["uninstall", "--agent", agent]);
        assert_eq!(
            p.read(file),
            text,
            "uninstall changed a file it cannot read"
        );
        if serde_json::from_str::<Value>(text).is_err() {
            let out = doctor(&p, home.path());
            assert!(
                out.contains(&format!("PROBLEM  {agent:<10} project")),
                "{out}"
            );
        }
        fs::remove_file(p.path().join(file)).unwrap();
    }
}

#[test]
fn doctor_finds_hooks_turned_off() {
    let p = project();
    let home = tempfile::tempdir().unwrap();
    let out = doctor(&p, home.path());
    assert!(out.contains("codex      not wired"), "{out}");
    assert!(out.contains("gemini     not wired"), "{out}");
    p.write(".codex/config.toml", "[features]\ncodex_hooks = false\n");
    p.write(
        ".gemini/settings.json",
        r#"{"hooksConfig": {"disabled": ["session-hook"]}}"#,
    );
    let out = doctor(&p, home.path());
    assert!(out.contains("turns the `hooks` feature off"), "{out}");
    assert!(
        out.contains("lists session-hook in \"hooksConfig.disabled\""),
        "{out}"
    );
}

#[test]
fn doctor_reports_hook_tables_in_codex_config_toml() {
    let p = project();
    let home = tempfile::tempdir().unwrap();
    // Hooks of the user's own, in config.toml only: noted, not a problem.
    p.write(
        ".codex/config.toml",
        "[[hooks.Stop]]\nhooks = [{ type = \"command\", command = \"notify-send done\" }]\n",
    );
    let out = doctor(&p, home.path());
    assert!(
        out.contains(".codex/config.toml has hooks of its own under [hooks] (Stop); they run next to session-hook's"),
        "{out}"
    );
    // With hooks.json beside it, Codex loads both and warns: so do we.
    ok_in(&p, home.path(), &["install", "--agent", "codex"]);
    let out = doctor(&p, home.path());
    assert!(
        out.contains("has hooks of its own under [hooks] (Stop); .codex/hooks.json exists too: Codex runs both"),
        "{out}"
    );
    // session-hook registered by hand in config.toml as well: it would run twice.
    p.write(
        ".codex/config.toml",
        "[[hooks.SessionStart]]\n[[hooks.SessionStart.hooks]]\ntype = \"command\"\ncommand = \"session-hook hook --agent codex\"\n",
    );
    let out = doctor(&p, home.path());
    assert!(
        out.contains(".codex/config.toml registers session-hook under [hooks] (SessionStart)")
            && out.contains("runs session-hook twice"),
        "{out}"
    );
    // Only in config.toml: wired, but by hand.
    ok_in(&p, home.path(), &["uninstall", "--agent", "codex"]);
    let out = doctor(&p, home.path());
    assert!(
        out.contains("registers session-hook under [hooks] (SessionStart), by hand")
            && !out.contains("codex      not wired"),
        "{out}"
    );
}

#[test]
fn user_install_help_names_every_agents_folder() {
    let p = project();
    for cmd in ["install", "uninstall"] {
        let help = p.ok(&[cmd, "--help"]);
        let user = help
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("--user"))
            .take_while(|l| !l.trim_start().starts_with("--shared"))
            .collect::<Vec<_>>()
            .join(" ");
        for file in [
            "~/.claude/settings.json",
            "~/.codex/hooks.json",
            "~/.gemini/settings.json",
        ] {
            assert!(user.contains(file), "{cmd} --user: {user}");
        }
    }
}

#[test]
fn a_codex_conversation_among_several_sessions_is_told_how_to_choose_and_can() {
    let p = project();
    p.ok(&["init", "--name", "other", "--goal", "Other work"]);
    let home = tempfile::tempdir().unwrap();
    let (code, out) = hook(
        &p,
        Some("codex"),
        &recorded(&p, "codex", "SessionStart", home.path()),
    );
    assert_eq!(code, 0);
    let ctx = context_of(&out, "SessionStart");
    // Codex has no /session-resume: the command names the conversation.
    let cmd = ctx
        .split('`')
        .find(|s| s.starts_with("session-hook resume NAME --claude-session codex-"))
        .unwrap_or_else(|| panic!("{ctx}"));
    assert!(!ctx.contains("/session-resume"), "{ctx}");
    // Before choosing, a patch lands nowhere.
    let patch = recorded(&p, "codex", "PostToolUse-apply_patch", home.path());
    hook(&p, Some("codex"), &patch);
    assert!(!p.session_text("other").contains("notes.txt"));
    // Run as told, the conversation is bound, and its patch lands there.
    let line = cmd.replace("NAME", "other");
    let args: Vec<&str> = line.split_whitespace().skip(1).collect();
    p.ok(&args);
    hook(&p, Some("codex"), &patch);
    assert!(
        p.session_text("other").contains("notes.txt"),
        "{}",
        p.session_text("other")
    );
    assert!(!p.session_text("migrate-billing").contains("notes.txt"));
}

#[test]
fn gemini_is_pointed_at_a_paused_session_with_a_command_it_can_run() {
    let p = project();
    p.ok(&["pause", "-s", "on hold"]);
    let home = tempfile::tempdir().unwrap();
    let (_, out) = hook(
        &p,
        None,
        &recorded(&p, "gemini", "SessionStart", home.path()),
    );
    let ctx = context_of(&out, "SessionStart");
    assert!(
        ctx.contains("Resume it with session-hook resume migrate-billing")
            && !ctx.contains("/session-resume"),
        "{ctx}"
    );
}

/// Codex passes hook context whole only up to 9,000 characters. With the
/// budget set above that and a session fuller than it, Codex still gets a
/// whole injection: the frame closed and the lines after it, nothing cut
/// mid-way. Claude Code, whose limit is the budget's own, gets more.
#[test]
fn codex_gets_a_whole_injection_when_the_budget_is_above_its_limit() {
    let p = project();
    p.write(".sessions/config.yaml", "budget: 10000\n");
    // Open blockers are all told, so forty of them fill any budget.
    for i in 0..40 {
        p.ok(&[
            "log",
            "--blocker",
            &format!(
                "Region {i}: the Stripe v2 export double-counts refunds stored as negative charges"
            ),
            "--impact",
            "the reconciliation for this region cannot be signed off",
            "--mitigation",
            "filter refunds by type before summing, then compare cent by cent",
        ]);
    }
    let home = tempfile::tempdir().unwrap();
    let (_, out) = hook(
        &p,
        Some("codex"),
        &recorded(&p, "codex", "SessionStart", home.path()),
    );
    let codex = context_of(&out, "SessionStart");
    assert!(codex.chars().count() <= 9_000, "{}", codex.chars().count());
    assert!(!codex.contains("Cut to fit"), "{codex}");
    crate::steps::assert_keep_follows_the_frame("codex startup at budget 10000", &codex);
    let payload = json!({
        "hook_event_name": "SessionStart",
        "source": "startup",
        "session_id": "c1",
        "cwd": p.path(),
    });
    let (_, out) = p.hook(&payload.to_string());
    let claude = context_of(&out, "SessionStart");
    assert!(
        claude.chars().count() > 9_000,
        "the session fills more than Codex's limit: {}",
        claude.chars().count()
    );
}
