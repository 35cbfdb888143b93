//! "The host never breaks", as one table: every recorded event crossed with
//! every hostile condition ends in exit 0, nothing on stderr, and a stdout
//! Claude Code accepts (empty, plain text where allowed, or a JSON object
//! whose hookEventName matches the event).

use crate::common;

use std::fs;
use std::path::Path;

use common::Project;

/// Every recorded payload: Claude Code's, then Codex CLI's and Gemini
/// CLI's (in `codex/` and `gemini/`, named `codex/SessionStart` etc.).
fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/payloads");
    let mut v = Vec::new();
    for e in fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if e.path().is_dir() {
            for f in fs::read_dir(e.path()).unwrap().flatten() {
                let file = f
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".json")
                    .to_string();
                v.push((
                    format!("{name}/{file}"),
                    fs::read_to_string(f.path()).unwrap(),
                ));
            }
        } else {
            v.push((
                name.trim_end_matches(".json").to_string(),
                fs::read_to_string(e.path()).unwrap(),
            ));
        }
    }
    v.sort();
    v
}

fn healthy() -> Project {
    let p = Project::git();
    p.ok(&["init", "--goal", "Keep the host alive"]);
    p.ok(&["log", "--next", "Write the webhook handler"]);
    p
}

/// (name, setup, extra env)
type Condition = (
    &'static str,
    fn() -> Project,
    &'static [(&'static str, &'static str)],
);

fn conditions() -> Vec<Condition> {
    vec![
        ("healthy store", healthy, &[]),
        ("no store", Project::git, &[]),
        (
            "not a git repository",
            || {
                let p = Project::plain();
                p.ok(&["init", "--goal", "Keep the host alive"]);
                p
            },
            &[],
        ),
        (
            "unparseable session file",
            || {
                let p = healthy();
                fs::write(p.active_file(), "---\nid: [broken\n").unwrap();
                p
            },
            &[],
        ),
        (
            "non-UTF-8 session file",
            || {
                let p = healthy();
                let mut b = fs::read(p.active_file()).unwrap();
                b.extend_from_slice(b"\xff\xfe");
                fs::write(p.active_file(), b).unwrap();
                p
            },
            &[],
        ),
        (
            "broken git repository",
            || {
                let p = healthy();
                fs::write(p.path().join(".git/HEAD"), "not a ref\n").unwrap();
                p
            },
            &[],
        ),
        (
            "invalid config",
            || {
                let p = healthy();
                p.write(".sessions/config.yaml", "budget: [not, a, number]\n");
                p
            },
            &[],
        ),
        (
            "a file where .local should be",
            || {
                let p = healthy();
                fs::remove_dir_all(p.path().join(".sessions/.local")).unwrap();
                fs::write(p.path().join(".sessions/.local"), "x").unwrap();
                p
            },
            &[],
        ),
        (
            "the active document is a FIFO",
            || {
                let p = healthy();
                let doc = fs::read_dir(p.path().join(".sessions/active"))
                    .unwrap()
                    .flatten()
                    .next()
                    .unwrap()
                    .path();
                fs::remove_file(&doc).unwrap();
                let made = std::process::Command::new("mkfifo").arg(&doc).status();
                assert!(made.is_ok_and(|s| s.success()), "mkfifo");
                p
            },
            &[],
        ),
    ]
}

fn acceptable(event_file: &str, stdout: &str) -> Result<(), String> {
    if stdout.is_empty() {
        return Ok(());
    }
    let (agent, file) = event_file.split_once('/').unwrap_or(("claude", event_file));
    let event = file.split('-').next().unwrap();
    // The events whose answer may carry context, per agent; Codex and
    // Gemini read nothing else (Codex counts any other output as failure).
    let context_events: &[&str] = match agent {
        "codex" => &["SessionStart", "UserPromptSubmit", "PostToolUse"],
        "gemini" => &["SessionStart", "BeforeAgent", "AfterTool"],
        _ => &["SessionStart", "UserPromptSubmit", "PostToolUse"],
    };
    if agent == "claude" && event == "PreCompact" {
        // Plain text for the summariser; never JSON.
        return if stdout.trim_start().starts_with('{') {
            Err("PreCompact printed JSON".into())
        } else {
            Ok(())
        };
    }
    let v: serde_json::Value =
        serde_json::from_str(stdout).map_err(|e| format!("not JSON: {e}"))?;
    match v["hookSpecificOutput"]["hookEventName"].as_str() {
        Some(n) if n == event && context_events.contains(&n) => Ok(()),
        other => Err(format!(
            "hookEventName {other:?} not allowed for {event_file}"
        )),
    }
}

#[test]
fn every_event_under_every_hostile_condition() {
    let events = fixtures();
    assert!(events.len() >= 15);
    let mut checked = 0;
    for (cname, setup, env) in conditions() {
        for (ename, raw) in &events {
            let p = setup();
            let input = raw
                .replace("{{cwd}}", &p.path().display().to_string())
                .replace("{{home}}", "/nonexistent");
            let mut cmd = p.cmd();
            for (k, v) in env {
                cmd.env(k, v);
            }
            let o = cmd.arg("hook").write_stdin(input).output().unwrap();
            let out = String::from_utf8_lossy(&o.stdout);
            assert_eq!(o.status.code(), Some(0), "{cname} / {ename}: exit code");
            assert!(
                o.stderr.is_empty(),
                "{cname} / {ename}: stderr {:?}",
                String::from_utf8_lossy(&o.stderr)
            );
            if let Err(e) = acceptable(ename, &out) {
                panic!("{cname} / {ename}: {e}: {out}");
            }
            if matches!(
                cname,
                "no store"
                    | "unparseable session file"
                    | "non-UTF-8 session file"
                    | "panic inside the handler"
            ) {
                let may_speak = cname != "panic inside the handler"
                    && ename.starts_with("SessionStart")
                    && cname != "no store";
                if !may_speak {
                    assert_eq!(out, "", "{cname} / {ename}: stdout must be empty");
                }
            }
            if cname == "no store" {
                assert!(
                    !p.path().join(".sessions").exists(),
                    "{ename}: a hook created a store"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 9 * 15);
}
