//! `report html`: the charts of a fixed session and transcript (as
//! snapshots), a page that parses as HTML5 and refers to nothing outside
//! itself, session text escaped everywhere, a missing transcript drawn as
//! a gap, and `--json`.

use std::path::PathBuf;

use scraper::{Html, Selector};
use serde_json::{Value, json};

use crate::fixture::Fx;

const C1: &str = "c1c1c1c1-0000-4000-8000-000000000001";
const C2: &str = "c2c2c2c2-0000-4000-8000-000000000002";
/// Text a user might log, which must never become markup.
const NASTY: &str = r#"Reads <state> before the "lock" & then <script>alert('x')</script>"#;

fn reply(id: &str, at: &str, tokens: u64) -> String {
    json!({
        "parentUuid": "p", "isSidechain": false, "type": "assistant", "timestamp": at,
        "message": {"id": id, "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
            "content": [{"type": "text", "text": "Working."}],
            "usage": {"input_tokens": tokens - 1000, "cache_creation_input_tokens": 400,
                "cache_read_input_tokens": 600, "output_tokens": 50}},
    })
    .to_string()
}

/// A conversation of the first day: context grows to 76 %, is compacted
/// (152k → 12k), the resume context is injected, and work goes on.
fn transcript_c1() -> String {
    let mut lines = vec![
        json!({"type": "user", "isSidechain": false, "timestamp": "2026-01-15T09:58:00Z",
            "message": {"role": "user", "content": "Before the session"}})
        .to_string(),
        reply("m0", "2026-01-15T09:59:00Z", 9_000),
    ];
    for (i, k) in [20, 45, 70, 95, 120, 141, 152].iter().enumerate() {
        let at = format!("2026-01-15T10:{:02}:00Z", 1 + i * 8);
        lines.push(reply(&format!("m{}", i + 1), &at, k * 1000));
    }
    lines.push(
        json!({"type": "system", "subtype": "compact_boundary", "isSidechain": false,
        "content": "Conversation compacted", "timestamp": "2026-01-15T11:00:00Z",
        "compactMetadata": {"trigger": "auto", "preTokens": 152_000, "postTokens": 12_000}})
        .to_string(),
    );
    lines.push(
        json!({"type": "attachment", "isSidechain": false, "timestamp": "2026-01-15T11:00:01Z",
        "attachment": {"type": "hook_additional_context", "hookEvent": "SessionStart",
            "content": ["session-hook resume context: session \"sweeper\" (...)"]}})
        .to_string(),
    );
    for (i, k) in [15, 31, 48].iter().enumerate() {
        let at = format!("2026-01-15T11:{:02}:00Z", 5 + i * 10);
        lines.push(reply(&format!("n{}", i + 1), &at, k * 1000));
    }
    lines.join("\n") + "\n"
}

struct Setup {
    fx: Fx,
    claude_home: PathBuf,
}

impl Setup {
    fn run(&self, now: &str, args: &[&str]) -> std::process::Output {
        self.fx
            .cmd_at(now)
            .env("CLAUDE_CONFIG_DIR", &self.claude_home)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, now: &str, args: &[&str]) -> String {
        crate::common::stdout_of_success(self.run(now, args), args)
    }

    fn hook(&self, now: &str, claude: &str, payload: Value) {
        let mut p = json!({"session_id": claude, "transcript_path": "",
            "cwd": self.fx.root.display().to_string()});
        p.as_object_mut()
            .unwrap()
            .extend(payload.as_object().unwrap().clone());
        let o = self
            .fx
            .cmd_at(now)
            .env("CLAUDE_CONFIG_DIR", &self.claude_home)
            .arg("hook")
            .write_stdin(p.to_string())
            .output()
            .unwrap();
        assert!(o.status.success());
    }

    fn edit(&self, now: &str, rel: &str) {
        let path = self.fx.root.join(rel).display().to_string();
        self.hook(
            now,
            C1,
            json!({"hook_event_name": "PostToolUse", "tool_name": "Edit",
                "tool_input": {"file_path": path, "old_string": "a", "new_string": "b"},
                "tool_response": {"filePath": path}}),
        );
    }
}

/// Two days of work on one session, by two Claude conversations: the
/// first with a transcript, the second without one.
fn worked() -> Setup {
    let fx = Fx::git("sweeper");
    let claude_home = fx.root.join(".claude-home");
    let s = Setup { fx, claude_home };
    let key = session_hook::transcript::project_key(&s.fx.root);
    let dir = s.claude_home.join("projects").join(key);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{C1}.jsonl")), transcript_c1()).unwrap();
    let c1 = format!("--claude-session={C1}");
    s.ok(
        "2026-01-15T10:00:00Z",
        &[
            "init",
            "--name",
            "sweeper",
            "--goal",
            "Fix the <sweeper> race",
            &c1,
        ],
    );
    for step in [
        "Reproduce the race",
        "Take the lock first",
        "Add a regression test",
    ] {
        s.ok("2026-01-15T10:01:00Z", &["log", "--next", step]);
    }
    s.ok(
        "2026-01-15T10:05:00Z",
        &["log", "--current", "Reproduce the race"],
    );
    s.ok("2026-01-15T10:10:00Z", &["log", "--discovery", NASTY]);
    s.edit("2026-01-15T10:12:00Z", "src/sweeper.rs");
    s.ok(
        "2026-01-15T10:30:00Z",
        &["log", "--done", "Reproduce the race"],
    );
    s.ok(
        "2026-01-15T10:35:00Z",
        &[
            "log",
            "--decision",
            "Take the lock before reading the state",
            "--rationale",
            "smallest change",
        ],
    );
    s.edit("2026-01-15T10:40:00Z", "src/sweeper.rs");
    s.edit("2026-01-15T10:41:00Z", "src/lib.rs");
    s.ok(
        "2026-01-15T10:50:00Z",
        &[
            "log",
            "--blocker",
            "CI runner lacks two cores",
            "--impact",
            "stress test flaky",
        ],
    );
    s.hook(
        "2026-01-15T11:00:00Z",
        C1,
        json!({"hook_event_name": "SessionStart", "source": "compact"}),
    );
    s.ok("2026-01-15T11:20:00Z", &["log", "--resolve", "1"]);
    s.ok(
        "2026-01-15T11:30:00Z",
        &["log", "--done", "Take the lock first"],
    );
    s.edit("2026-01-15T11:40:00Z", "src/sweeper.rs");
    s.ok(
        "2026-01-15T12:00:00Z",
        &["pause", "--no-commit", "-s", "Lock-first fix in; test next"],
    );
    // The next morning, a new conversation takes the session up.
    s.fx.write("tests/sweeper.rs", "#[test] fn t() {}\n");
    s.fx.commit("Add a stress test", 60 * 22);
    let c2 = format!("--claude-session={C2}");
    s.ok("2026-01-16T09:00:00Z", &["resume", "sweeper", &c2]);
    s.ok(
        "2026-01-16T09:05:00Z",
        &["log", "--current", "Add a regression test"],
    );
    s.edit("2026-01-16T09:30:00Z", "tests/sweeper.rs");
    s
}

const NOW: &str = "2026-01-16T10:00:00Z";

fn page(s: &Setup) -> String {
    let out = s.ok(NOW, &["report", "html"]);
    assert_eq!(
        out,
        "Report for sweeper written to .sessions/reports/sweeper-20260116T100000Z.html\n  (1 of 2 conversation charts have a gap; the page says why)\n"
    );
    s.fx.read(".sessions/reports/sweeper-20260116T100000Z.html")
}

/// The `n`th `<svg class="chart KIND"` … `</svg>` of the page.
fn chart<'a>(html: &'a str, kind: &str, n: usize) -> &'a str {
    let open = format!("<svg class=\"chart {kind}\"");
    let start = html
        .match_indices(&open)
        .nth(n)
        .unwrap_or_else(|| panic!("no chart {kind} #{n}"))
        .0;
    let end = start + html[start..].find("</svg>").unwrap() + "</svg>".len();
    &html[start..end]
}

/// One element per line, so a snapshot diff points at the mark that moved.
fn lines(svg: &str) -> String {
    svg.replace("><", ">\n<")
}

#[test]
fn charts_of_a_fixed_session_and_transcript() {
    let s = worked();
    let html = page(&s);
    insta::assert_snapshot!(
        "context_chart",
        lines(&s.fx.scrub(chart(&html, "context", 0)))
    );
    insta::assert_snapshot!(
        "context_gap",
        lines(&s.fx.scrub(chart(&html, "context", 1)))
    );
    insta::assert_snapshot!(
        "timeline_chart",
        lines(&s.fx.scrub(chart(&html, "timeline", 0)))
    );
    insta::assert_snapshot!("files_chart", lines(&s.fx.scrub(chart(&html, "files", 0))));
    insta::assert_snapshot!("days_chart", lines(&s.fx.scrub(chart(&html, "days", 0))));
}

#[test]
fn the_page_parses_refers_to_nothing_outside_and_escapes_session_text() {
    let s = worked();
    let html = page(&s);
    let doc = Html::parse_document(&html);
    assert!(
        doc.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        doc.errors
    );
    let all = Selector::parse("*").unwrap();
    let mut elements = 0;
    for el in doc.select(&all) {
        elements += 1;
        let name = el.value().name();
        assert_ne!(name, "script", "no script of any kind");
        assert_ne!(name, "link", "no linked stylesheet or icon");
        for (attr, value) in el.value().attrs() {
            let v = value.trim().to_ascii_lowercase();
            if matches!(attr, "src" | "href" | "xlink:href" | "action" | "data") {
                panic!("<{name} {attr}={value:?}>: the page needs nothing from outside");
            }
            assert!(
                !attr.starts_with("on"),
                "<{name} {attr}>: no event handlers"
            );
            assert!(
                !v.contains("http:") && !v.contains("https:") && !v.contains("url("),
                "<{name} {attr}={value:?}>"
            );
        }
    }
    assert!(elements > 200, "{elements} elements");
    let style = Selector::parse("style").unwrap();
    for st in doc.select(&style) {
        let css = st.text().collect::<String>().to_ascii_lowercase();
        assert!(!css.contains("@import") && !css.contains("url("), "{css}");
        assert!(css.contains("prefers-color-scheme: dark"));
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
    // The user's words come back as text, never as markup.
    assert!(!html.contains("<script>alert"), "unescaped session text");
    assert!(!html.contains("<sweeper>"), "unescaped title");
    let text: String = doc.root_element().text().collect();
    assert!(
        text.contains(NASTY),
        "the discovery's words are shown as written"
    );
    assert!(text.contains("Fix the <sweeper> race"));
}

#[test]
fn json_has_the_same_data() {
    let s = worked();
    let v: Value = serde_json::from_str(&s.ok(NOW, &["report", "html", "--json"])).unwrap();
    // Nothing is written.
    assert!(!s.fx.root.join(".sessions/reports").exists());
    let c = &v["conversations"][0];
    assert_eq!(c["claude_session"], C1);
    // Read back to the first reply before the session began, no further.
    let tokens: Vec<u64> = c["replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tokens"].as_u64().unwrap())
        .collect();
    assert_eq!(
        tokens,
        [
            9_000, 20_000, 45_000, 70_000, 95_000, 120_000, 141_000, 152_000, 15_000, 31_000,
            48_000
        ]
    );
    assert_eq!(c["whole_file"], false);
    assert_eq!(c["compactions"][0]["pre_tokens"], 152_000);
    assert_eq!(c["compactions"][0]["post_tokens"], 12_000);
    assert_eq!(c["compactions"][0]["after_replies"], 8);
    assert_eq!(c["injections"][0]["after_replies"], 8);
    assert_eq!(c["window"], 200_000);
    // The second conversation has no transcript, and its resume is known.
    let c = &v["conversations"][1];
    assert_eq!(c["claude_session"], C2);
    assert!(
        c["note"].as_str().unwrap().starts_with("no transcript: "),
        "{c}"
    );
    assert_eq!(c["injections"][0]["event"], "session-hook resume");

    let steps = &v["timeline"]["steps"];
    assert_eq!(steps[0]["title"], "Reproduce the race");
    assert_eq!(steps[0]["started"], "2026-01-15T10:05:00Z");
    assert_eq!(steps[0]["done"], "2026-01-15T10:30:00Z");
    // No entry started the second step: it began when the first ended.
    assert_eq!(steps[1]["started"], "2026-01-15T10:30:00Z");
    assert_eq!(steps[1]["started_from"], "previous step");
    assert_eq!(steps[2]["current"], true);
    assert_eq!(steps[2]["started"], "2026-01-16T09:05:00Z");
    assert_eq!(steps[2]["done"], Value::Null);
    let kinds: Vec<&str> = v["timeline"]["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "discovery",
            "decision",
            "blocker",
            "compaction",
            "resolved",
            "pause",
            "resume"
        ]
    );
    let commit = &v["timeline"]["commits"][0];
    assert_eq!(commit["at"], "2026-01-15T12:00:00Z");
    assert_eq!(commit["message"], "Initial commit");
    assert_eq!(
        v["work"]["files"],
        json!([
            {"path": "src/sweeper.rs", "edits": 3},
            {"path": "src/lib.rs", "edits": 1},
            {"path": "tests/sweeper.rs", "edits": 1},
        ])
    );
    let days = v["work"]["days"].as_array().unwrap();
    assert_eq!(days[0]["first"], "2026-01-15T10:00:00Z");
    assert_eq!(days[0]["last"], "2026-01-15T12:00:00Z");
    assert_eq!(days[1]["date"], "2026-01-16");
}

#[test]
fn a_missing_transcript_is_a_gap_with_a_note_not_a_failure() {
    let s = worked();
    let key = session_hook::transcript::project_key(&s.fx.root);
    let dir = s.claude_home.join("projects").join(key);
    std::fs::remove_file(dir.join(format!("{C1}.jsonl"))).unwrap();
    let out = s.ok(NOW, &["report", "html", "--out", "r.html"]);
    assert!(out.contains("written to r.html"), "{out}");
    assert!(
        out.contains("2 of 2 conversation charts have a gap"),
        "{out}"
    );
    let html = s.fx.read("r.html");
    let gap = chart(&html, "context", 0);
    assert!(
        gap.contains(&format!("no transcript: no {C1}.jsonl under ")),
        "{gap}"
    );
    // The timeline is there all the same.
    assert!(chart(&html, "timeline", 0).contains("Reproduce the race"));
}

#[test]
fn resume_injections_are_recognised_by_the_words_the_hook_uses() {
    // The chart finds our resume context in a transcript by how it begins;
    // the hook must still begin it that way.
    let s = worked();
    let o = s
        .fx
        .cmd_at(NOW)
        .arg("hook")
        .write_stdin(
            json!({"session_id": C2, "transcript_path": "", "cwd": s.fx.root.display().to_string(),
                "hook_event_name": "UserPromptSubmit", "prompt": "continue"})
            .to_string(),
        )
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ctx = v["hookSpecificOutput"]["additionalContext"]
        .as_str()
        .unwrap();
    // It arrives framed as the session document's content; the context
    // itself begins with the mark.
    let body = ctx
        .strip_prefix("<session-document>\n")
        .and_then(|b| b.split_once("\n\n"))
        .map_or(ctx, |(_, b)| b);
    assert!(
        body.starts_with(session_hook::transcript::series::RESUME_MARK),
        "{ctx}"
    );
}

#[test]
fn no_session_is_a_clear_error() {
    let fx = Fx::plain("empty");
    fx.ok(&["init", "--goal", "x"]);
    let err = fx.err(&["report", "html", "nosuch"]);
    assert!(err.contains("nosuch"), "{err}");
}
