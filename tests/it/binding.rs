//! Which session a Claude conversation writes into: three conversations,
//! two sessions, one project, driven through the hook and the commands as
//! Claude Code runs them. No tool event may land in a session the
//! conversation did not choose.

use crate::common::{Project, payload};

const A: &str = "aaaaaaaa-0000-4000-8000-00000000000a";
const B: &str = "bbbbbbbb-0000-4000-8000-00000000000b";
const C: &str = "cccccccc-0000-4000-8000-00000000000c";

fn with_id(p: &Project, claude: &str, event: &str, extra: serde_json::Value) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&payload(p.path(), event, extra)).unwrap();
    v["session_id"] = claude.into();
    v.to_string()
}

fn start(p: &Project, claude: &str) -> String {
    let (code, out) = p.hook(&with_id(
        p,
        claude,
        "SessionStart",
        serde_json::json!({"source": "startup"}),
    ));
    assert_eq!(code, 0);
    out
}

fn write(p: &Project, claude: &str, file: &str) {
    let abs = p.path().join(file).display().to_string();
    let (code, out) = p.hook(&with_id(
        p,
        claude,
        "PostToolUse",
        serde_json::json!({"tool_name": "Write", "tool_input": {"file_path": abs, "content": "x"}, "tool_response": {}}),
    ));
    assert_eq!((code, out.as_str()), (0, ""));
}

/// (files listed under Files Modified, claude_sessions) of the session
/// whose file name starts with `name`.
fn state(p: &Project, name: &str) -> (String, String) {
    let text = p.session_text(name);
    let files = text
        .split("## Files Modified")
        .nth(1)
        .unwrap_or("")
        .split("\n## ")
        .next()
        .unwrap()
        .to_string();
    let claude = text
        .lines()
        .skip_while(|l| !l.starts_with("claude_sessions:"))
        .take_while(|l| l.starts_with("claude_sessions:") || l.starts_with("  -"))
        .collect::<Vec<_>>()
        .join("\n");
    (files, claude)
}

#[test]
fn three_conversations_two_sessions_nothing_lands_where_it_was_not_chosen() {
    let p = Project::git();
    // A starts the first session.
    p.ok(&["--claude-session", A, "init", "Session", "one"]);

    // B opens while one session is active (and ours): bound to it.
    let out = start(&p, B);
    assert!(out.contains("session-one"), "{out}");
    write(&p, B, "early-from-conversation-two.txt");
    let (files, claude) = state(&p, "session-one");
    assert!(
        files.contains("early-from-conversation-two.txt") && claude.contains(B),
        "{claude}"
    );

    // B starts its own session: the binding moves, and session-one no
    // longer lists B.
    let out = p.ok(&["--claude-session", B, "init", "Session", "two"]);
    assert!(
        out.contains("Another session is active too: session-one"),
        "{out}"
    );
    let (_, claude) = state(&p, "session-one");
    assert!(claude.contains(A) && !claude.contains(B), "{claude}");

    // C opens with two active sessions: a list and how to pick, no binding.
    let out = start(&p, C);
    assert!(
        out.contains("2 sessions are active")
            && out.contains("session-one")
            && out.contains("session-two")
            && out.contains("/session-resume NAME"),
        "{out}"
    );
    assert!(!p.path().join(".sessions/.local/bindings").join(C).exists());

    write(&p, A, "a.txt");
    write(&p, B, "b.txt");
    write(&p, C, "c-unbound.txt");
    let log = p.read(".sessions/.local/hook.log");
    assert!(
        log.contains("unbound conversation, 2 active sessions: recorded nowhere"),
        "{log}"
    );
    // A command from C without a name is refused, not guessed.
    let o = p.run(&["--claude-session", C, "log", "a note from C"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not bound to a session") && err.contains("/session-resume NAME"),
        "{err}"
    );

    // C chooses session-one.
    p.ok(&["--claude-session", C, "resume", "session-one"]);
    write(&p, C, "c-chosen.txt");

    let (one_files, one_claude) = state(&p, "session-one");
    let (two_files, two_claude) = state(&p, "session-two");
    assert!(one_files.contains("a.txt") && one_files.contains("c-chosen.txt"));
    assert!(two_files.contains("b.txt"));
    assert!(!two_files.contains("a.txt") && !one_files.contains("b.txt"));
    assert!(!one_files.contains("c-unbound") && !two_files.contains("c-unbound"));
    assert!(
        one_claude.contains(A) && one_claude.contains(C) && !one_claude.contains(B),
        "{one_claude}"
    );
    assert!(
        two_claude.contains(B) && !two_claude.contains(A) && !two_claude.contains(C),
        "{two_claude}"
    );
    let journal = p.journal_entries();
    let unbound = journal
        .iter()
        .filter(|e| std::fs::read_to_string(e).unwrap().contains("c-unbound"))
        .count();
    assert_eq!(unbound, 0, "an unbound tool event is journalled nowhere");
}

#[test]
fn a_terminal_without_a_conversation_still_acts_on_the_newest() {
    let p = Project::git();
    p.ok(&["init", "First", "goal"]);
    let out = p.ok(&["init", "Second", "goal"]);
    assert!(out.contains("now act on second-goal"), "{out}");
    let out = p.ok(&["log", "a plain note"]);
    assert!(out.contains("second-goal"), "{out}");
}
