//! End to end with the real Claude Code CLI, offline: every `/session-*`
//! command with plain words, with flags and with a mistake; three
//! conversations and two sessions in one project; a scripted model that
//! follows the injected instructions and keeps the document; and the
//! repository loaded as a plugin with `--plugin-dir`.
//!
//! The CLI comes from `$SESSION_HOOK_CLAUDE_BIN` (set by `.ci/run`), else it
//! is installed with npm (see `e2e_claude`); only a missing npm skips.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value, json};

use crate::common::Project;
use crate::e2e_claude::{claude, claude_bin, request_text};
use crate::mock_api::MockApi;

/// What the scripted model answers to one request.
#[derive(Debug, Clone)]
enum Reply {
    Text(String),
    /// One tool call (Claude Code runs it and sends the result back).
    Tool {
        name: String,
        input: Value,
    },
}

impl Reply {
    fn blocks(&self) -> Value {
        match self {
            Reply::Text(t) => json!([{"type": "text", "text": t}]),
            Reply::Tool { name, input } => json!([{
                "type": "tool_use",
                "id": format!("toolu_mock_{}", uuid::Uuid::now_v7().simple()),
                "name": name,
                "input": input,
            }]),
        }
    }
}

fn skip() -> Option<PathBuf> {
    let b = claude_bin();
    if b.is_none() {
        eprintln!(
            "SKIPPED: npm is not installed, so the Claude Code CLI cannot be installed for the end-to-end test"
        );
    }
    b
}

/// The text a user turn carries (its last text block: the ones before it
/// are context Claude Code attaches), `None` for a turn that only returns
/// tool results.
fn user_text(m: &Value) -> Option<String> {
    if m["role"] != "user" {
        return None;
    }
    match &m["content"] {
        Value::String(s) => Some(s.clone()),
        Value::Array(blocks) => blocks
            .iter()
            .rev()
            .find(|b| b["type"] == "text")
            .and_then(|b| b["text"].as_str())
            .map(str::to_string),
        _ => None,
    }
}

/// A model that works through a plan per prompt: `plan(prompt, request)`
/// gives the tool calls for a user turn; the k-th request after that turn
/// (k tool results back) gets the k-th call, then a short text.
fn scripted(plan: impl Fn(&str, &str) -> Vec<Reply> + Send + Sync + 'static) -> MockApi {
    MockApi::with_model(Arc::new(move |body: &Value| {
        let msgs = body["messages"].as_array()?;
        let last_turn = msgs.iter().rposition(|m| user_text(m).is_some())?;
        let prompt = user_text(&msgs[last_turn])?;
        let done = msgs[last_turn..]
            .iter()
            .filter(|m| m["role"] == "assistant")
            .flat_map(|m| m["content"].as_array().cloned().unwrap_or_default())
            .filter(|b| b["type"] == "tool_use")
            .count();
        let steps = plan(&prompt, &body["messages"].to_string());
        Some(
            steps
                .get(done)
                .cloned()
                .unwrap_or_else(|| Reply::Text("MOCK-OK".into()))
                .blocks(),
        )
    }))
}

fn bash(command: &str) -> Reply {
    Reply::Tool {
        name: "Bash".into(),
        input: json!({"command": command, "description": "keep the session current"}),
    }
}

struct Run<'a> {
    bin: &'a Path,
    p: &'a Project,
    home: &'a Path,
    api: &'a MockApi,
}

impl Run<'_> {
    /// One `claude -p PROMPT` (resuming `sid` when given); returns the
    /// session id and the text of every request it made.
    fn go(&self, prompt: &str, sid: Option<&str>, extra: &[&str]) -> (String, String) {
        self.api.clear();
        let mut args = vec!["-p", prompt];
        if let Some(s) = sid {
            args.extend(["--resume", s]);
        }
        args.extend(extra);
        let out = claude(self.bin, self.p.path(), self.home, self.api.port, &args);
        let reqs: Vec<String> = self.api.messages().iter().map(request_text).collect();
        (
            out["session_id"].as_str().unwrap_or_default().to_string(),
            reqs.join("\n"),
        )
    }
}

fn session_text(p: &Project, name: &str) -> String {
    p.session_text(name)
}

#[test]
fn every_slash_command_takes_plain_words_flags_and_mistakes() {
    let Some(bin) = skip() else { return };
    let p = Project::git();
    let home = tempfile::tempdir().unwrap();
    p.ok(&["install"]);
    // The checkpoint command asks the model for a TL;DR and to save it
    // with the command line it gives (what the user typed included).
    let api = scripted(|prompt, _| {
        let Some(line) = prompt
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("session-hook checkpoint --tldr \"PARAGRAPH\""))
        else {
            return vec![];
        };
        vec![bash(&line.replace(
            "PARAGRAPH",
            "CSV export: quoting decided, writer next.",
        ))]
    });
    let r = Run {
        bin: &bin,
        p: &p,
        home: home.path(),
        api: &api,
    };
    let csv = "build-the-csv-exporter";

    // init: plain words, then a mistake, then flags (a second session).
    let (sid, req) = r.go("/session-init Build the CSV exporter", None, &[]);
    assert!(
        req.contains(&format!("Session started: {csv}")) && req.contains("If it worked, confirm"),
        "{req}"
    );
    let (_, req) = r.go("/session-init --nmae x", Some(&sid), &[]);
    assert!(
        req.contains("unexpected argument '--nmae'")
            && req.contains("If it failed, show the error"),
        "the command's instructions run after a failure too: {req}"
    );

    // log: words, a prefix, flags, a mistake.
    let (_, req) = r.go(
        "/session-log the header row isn't \"quoted\" yet",
        Some(&sid),
        &[],
    );
    assert!(req.contains(&format!("Progress noted in {csv}")), "{req}");
    r.go("/session-log decision: quote every field", Some(&sid), &[]);
    r.go(
        "/session-log --discovery \"Excel wants a BOM\"",
        Some(&sid),
        &[],
    );
    let before = session_text(&p, csv);
    let (_, req) = r.go("/session-log --decison typo", Some(&sid), &[]);
    assert!(
        req.contains("unexpected argument '--decison'") && req.contains("If it failed"),
        "{req}"
    );
    assert_eq!(session_text(&p, csv), before, "a mistake changes nothing");
    let text = session_text(&p, csv);
    assert!(
        text.contains("the header row isn't \"quoted\" yet")
            && text.contains("quote every field")
            && text.contains("Excel wants a BOM"),
        "{text}"
    );

    // view: bare, a flag, a mistyped name.
    let (_, req) = r.go("/session-view", Some(&sid), &[]);
    assert!(req.contains("Build the CSV exporter"), "{req}");
    let (_, req) = r.go("/session-view --decisions", Some(&sid), &[]);
    assert!(req.contains("quote every field"), "{req}");
    let (_, req) = r.go("/session-view build-the-csv-exprter", Some(&sid), &[]);
    assert!(
        req.contains(&format!("did you mean \\\"{csv}\\\"?")),
        "{req}"
    );

    // checkpoint: the model writes the TL;DR and saves it without a prompt
    // (install allowed `session-hook checkpoint`); plain words are the
    // journal note, a flag works, a mistake comes back as its error.
    r.go("/session-checkpoint", Some(&sid), &[]);
    assert!(
        session_text(&p, csv).contains("CSV export: quoting decided, writer next."),
        "{}",
        session_text(&p, csv)
    );
    r.go("/session-checkpoint before lunch", Some(&sid), &[]);
    r.go(
        "/session-checkpoint --note \"after lunch\"",
        Some(&sid),
        &[],
    );
    let journal = p
        .journal_entries()
        .iter()
        .map(|e| std::fs::read_to_string(e).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        journal.contains("before lunch") && journal.contains("after lunch"),
        "{journal}"
    );
    let (_, req) = r.go("/session-checkpoint --nite x", Some(&sid), &[]);
    assert!(req.contains("unexpected argument '--nite'"), "{req}");

    // pause: a mistake changes nothing; plain words are the summary;
    // resume: a mistake, a flag, words.
    let (_, req) = r.go("/session-pause --sumary x", Some(&sid), &[]);
    assert!(
        req.contains("unexpected argument '--sumary'") && req.contains("If it failed"),
        "{req}"
    );
    assert!(session_text(&p, csv).contains("status: active"));
    let (_, req) = r.go(
        "/session-pause halfway, the writer comes next",
        Some(&sid),
        &["--allowedTools", "Bash"],
    );
    assert!(req.contains("paused"), "{req}");
    assert!(session_text(&p, csv).contains("status: paused"));
    let (_, req) = r.go("/session-resume build-the-csv-exprter", Some(&sid), &[]);
    assert!(req.contains("did you mean"), "{req}");
    let (_, req) = r.go("/session-resume --list", Some(&sid), &[]);
    assert!(req.contains(csv), "{req}");
    let (_, req) = r.go(&format!("/session-resume {csv}"), Some(&sid), &[]);
    assert!(req.contains("halfway, the writer comes next"), "{req}");
    assert!(session_text(&p, csv).contains("status: active"));

    // A second session with flags, in another conversation.
    let (sid2, req) = r.go(
        "/session-init --name second --goal \"Second thing\"",
        None,
        &[],
    );
    assert!(req.contains("Session started: second"), "{req}");
    assert!(req.contains("Another session is active too"), "{req}");

    // close: a mistake, a bare close (asks), plain words.
    let (_, req) = r.go("/session-close --abandon", Some(&sid2), &[]);
    assert!(req.contains("abandoning second needs a reason"), "{req}");
    // pause with flags.
    let (_, req) = r.go(
        "/session-pause -s \"second on hold\" -n \"Pick it up again\"",
        Some(&sid2),
        &[],
    );
    assert!(req.contains("Session paused: second"), "{req}");
    let second = session_text(&p, "second");
    assert!(
        second.contains("status: paused") && second.contains("Pick it up again"),
        "{second}"
    );
    let (_, req) = r.go("/session-close", Some(&sid), &[]);
    assert!(
        req.contains(&format!("close {csv} as complete or as abandoned?"))
            && req.contains("ask the user"),
        "bare close closes nothing and asks: {req}"
    );
    let (_, req) = r.go("/session-close complete", Some(&sid), &[]);
    assert!(req.contains(&format!("Session completed: {csv}")), "{req}");
    assert!(session_text(&p, csv).contains("status: complete"));
    assert!(session_text(&p, "second").contains("status: paused"));
}

#[test]
fn three_conversations_two_sessions_one_project() {
    let Some(bin) = skip() else { return };
    let p = Project::git();
    let home = tempfile::tempdir().unwrap();
    p.ok(&["install"]);
    let api = writer(&p);
    let r = Run {
        bin: &bin,
        p: &p,
        home: home.path(),
        api: &api,
    };
    let tools = ["--allowedTools", "Write"];
    let (a, _) = r.go("/session-init Session one", None, &[]);
    let (b, req) = r.go("hello", None, &[]);
    assert!(
        req.contains("session-one"),
        "one active session: B is bound to it"
    );
    r.go("/session-init Session two", Some(&b), &[]);
    let (c, req) = r.go("hello", None, &[]);
    assert!(
        req.contains("2 sessions are active") && req.contains("/session-resume NAME"),
        "C is told to choose: {req}"
    );
    r.go("WRITE:from-a.txt", Some(&a), &tools);
    r.go("WRITE:from-b.txt", Some(&b), &tools);
    r.go("WRITE:c-before-choosing.txt", Some(&c), &tools);
    assert!(p.path().join("c-before-choosing.txt").exists());
    r.go("/session-resume session-one", Some(&c), &[]);
    r.go("WRITE:c-after-choosing.txt", Some(&c), &tools);

    let one = session_text(&p, "session-one");
    let two = session_text(&p, "session-two");
    assert!(
        one.contains("from-a.txt") && one.contains("c-after-choosing.txt"),
        "{one}"
    );
    assert!(two.contains("from-b.txt"), "{two}");
    for (text, not) in [
        (&one, "from-b.txt"),
        (&two, "from-a.txt"),
        (&two, "c-after-choosing.txt"),
        (&one, "c-before-choosing.txt"),
        (&two, "c-before-choosing.txt"),
    ] {
        assert!(
            !text.contains(not),
            "{not} landed in a session not chosen:\n{text}"
        );
    }
    let listed = |t: &str, id: &str| {
        t.lines()
            .skip_while(|l| !l.starts_with("claude_sessions:"))
            .take_while(|l| l.starts_with("claude_sessions:") || l.starts_with("  -"))
            .any(|l| l.contains(id))
    };
    assert!(
        listed(&one, &a) && listed(&one, &c) && !listed(&one, &b),
        "{one}"
    );
    assert!(
        listed(&two, &b) && !listed(&two, &a) && !listed(&two, &c),
        "{two}"
    );
}

#[test]
fn a_model_following_the_injected_instructions_keeps_the_document() {
    let Some(bin) = skip() else { return };
    let p = Project::git();
    let home = tempfile::tempdir().unwrap();
    p.ok(&["install"]);
    p.ok(&["init", "Export", "invoices", "as", "CSV"]);
    p.ok(&["log", "--next", "Stream rows to the file"]);
    // The model acts only on what reached it: the closing lines of the
    // resume context say which commands keep the session current.
    let api = scripted(|prompt, request| {
        let told = request.contains("Keep this session current as you work")
            && request.contains("session-hook log --decision")
            && request.contains("--discovery")
            && request.contains("--done");
        if prompt.trim() != "continue" || !told {
            return vec![];
        }
        vec![
            bash(
                "session-hook log --decision 'Stream rows instead of buffering' --rationale 'exports reach 2 GB'",
            ),
            bash("session-hook log --discovery 'Excel needs a UTF-8 BOM to show accents'"),
            bash("session-hook log --done 'Stream rows to the file'"),
        ]
    });
    let r = Run {
        bin: &bin,
        p: &p,
        home: home.path(),
        api: &api,
    };
    // No --allowedTools: the permission rules install added let the calls run.
    let (_, req) = r.go("continue", None, &[]);
    assert!(
        req.contains("hook additional context: ")
            && req.contains("Keep this session current as you work"),
        "{req}"
    );
    let text = p.active_text();
    assert!(
        text.contains("Stream rows instead of buffering") && text.contains("exports reach 2 GB"),
        "the decision and its reason: {text}\n{}",
        req.split("tool_result")
            .skip(1)
            .map(|s| &s[..s.len().min(600)])
            .collect::<Vec<_>>()
            .join("\n---\n")
    );
    assert!(
        text.contains("Excel needs a UTF-8 BOM to show accents"),
        "{text}"
    );
    let completed = text
        .split("### Completed")
        .nth(1)
        .unwrap()
        .split("### In Progress")
        .next()
        .unwrap();
    assert!(completed.contains("Stream rows to the file"), "{text}");
}

#[test]
fn the_repository_is_a_plugin() {
    let Some(bin) = skip() else { return };
    let p = Project::git();
    let home = tempfile::tempdir().unwrap();
    p.ok(&["init", "Plugin", "route", "works"]);
    let api = writer(&p);
    let r = Run {
        bin: &bin,
        p: &p,
        home: home.path(),
        api: &api,
    };
    let dir = plugin_dir();
    let plugin = ["--plugin-dir", dir.to_str().unwrap()];
    // Hooks fire and their context reaches the model.
    let (sid, req) = r.go("hello", None, &plugin);
    assert!(
        req.contains("SessionStart hook additional context: ")
            && req.contains("session-hook active session")
            && req.contains("Plugin route works"),
        "{req}"
    );
    // The commands exist, under the plugin's name.
    let (_, req) = r.go(
        "/session-hook:session-log plugin commands run",
        Some(&sid),
        &plugin,
    );
    assert!(
        req.contains("Progress noted in plugin-route-works"),
        "{req}"
    );
    assert!(p.active_text().contains("plugin commands run"));
    // The skill is offered to the model.
    assert!(
        req.contains("session-keeping"),
        "the skill is listed: {req}"
    );
    // Tool events reach the session through the plugin's hooks too.
    let mut args = plugin.to_vec();
    args.extend(["--allowedTools", "Write"]);
    r.go("WRITE:written-through-the-plugin.txt", Some(&sid), &args);
    assert!(p.path().join("written-through-the-plugin.txt").exists());
    assert!(
        p.active_text().contains("written-through-the-plugin.txt"),
        "{}",
        p.active_text()
    );
}

/// The plugin's folder in this repository.
fn plugin_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("plugin")
}

/// A model that writes the file each "WRITE:name" in a prompt names.
fn writer(p: &Project) -> MockApi {
    let proj = p.path().to_path_buf();
    scripted(move |prompt, _| {
        prompt
            .split_whitespace()
            .filter_map(|w| w.strip_prefix("WRITE:"))
            .map(|f| Reply::Tool {
                name: "Write".into(),
                input: json!({"file_path": proj.join(f).display().to_string(), "content": "x\n"}),
            })
            .collect()
    })
}

/// `claude plugin …` (or any non-prompt command); returns its output.
fn claude_plain(bin: &Path, p: &Project, home: &Path, args: &[&str]) -> String {
    let o = crate::e2e_claude::claude_command(bin, p.path(), home, 9)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "claude {args:?}: {out}");
    out
}

#[test]
fn a_clone_is_a_marketplace_that_installs_only_the_plugin() {
    let Some(bin) = skip() else { return };
    let p = Project::git();
    let home = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    // Claude Code's own checks of the manifests, warnings included.
    for dir in [root.to_string(), plugin_dir().display().to_string()] {
        let out = claude_plain(
            &bin,
            &p,
            home.path(),
            &["plugin", "validate", "--strict", &dir],
        );
        assert!(out.contains("Validation passed"), "{out}");
    }
    // /plugin marketplace add + /plugin install, from the command line.
    claude_plain(
        &bin,
        &p,
        home.path(),
        &["plugin", "marketplace", "add", root],
    );
    let out = claude_plain(
        &bin,
        &p,
        home.path(),
        &["plugin", "install", "session-hook@session-hook"],
    );
    assert!(out.contains("Successfully installed"), "{out}");
    // What was copied is the plugin, not the checkout (sources, build
    // output): a few files.
    let cache = home.path().join(".claude/plugins/cache");
    let mut files = Vec::new();
    let mut dirs = vec![cache.clone()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                dirs.push(e.path());
            } else {
                files.push(e.path().strip_prefix(&cache).unwrap().display().to_string());
            }
        }
    }
    assert!(
        files.iter().any(|f| f.ends_with("hooks/hooks.json"))
            && files
                .iter()
                .any(|f| f.ends_with("skills/session-keeping/SKILL.md"))
            && files
                .iter()
                .all(|f| !f.contains("/src/") && !f.contains("/target/")),
        "{files:#?}"
    );
    assert!(files.len() <= 12, "{files:#?}");

    // Installed, it works without --plugin-dir.
    p.ok(&["init", "Marketplace", "route"]);
    let api = writer(&p);
    let r = Run {
        bin: &bin,
        p: &p,
        home: home.path(),
        api: &api,
    };
    let (sid, req) = r.go("hello", None, &[]);
    assert!(req.contains("Marketplace route"), "{req}");
    r.go(
        "WRITE:via-marketplace.txt",
        Some(&sid),
        &["--allowedTools", "Write"],
    );
    assert!(
        p.active_text().contains("via-marketplace.txt"),
        "{}",
        p.active_text()
    );
}
