//! The coding agents whose hooks we serve: Claude Code, Codex CLI and
//! Gemini CLI. Each sends one JSON object on stdin and reads its answer on
//! stdout, in its own dialect. This module tells them apart, maps each
//! payload onto the one `hook::Event` the handlers know, and turns the
//! handlers' answer (written in Claude Code's format) into the dialect of
//! the agent that asked. The contract relied on, with versions, is in
//! `docs/agents.md`.

pub mod codex;
pub mod gemini;
pub mod tail;

use std::path::Path;

use crate::hook::wire::{self, Common, Event, Payload};
use crate::transcript::{self, Usage};

/// A coding agent that runs our hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Agent {
    #[default]
    Claude,
    Codex,
    Gemini,
}

impl Agent {
    pub const ALL: [Agent; 3] = [Agent::Claude, Agent::Codex, Agent::Gemini];

    /// The name used on the command line (`--agent codex`).
    pub fn name(self) -> &'static str {
        match self {
            Agent::Claude => "claude",
            Agent::Codex => "codex",
            Agent::Gemini => "gemini",
        }
    }

    /// The name people know the program by.
    pub fn title(self) -> &'static str {
        match self {
            Agent::Claude => "Claude Code",
            Agent::Codex => "Codex CLI",
            Agent::Gemini => "Gemini CLI",
        }
    }

    /// The most hook context the agent passes to the model whole, where
    /// that is less than any budget the config allows.
    pub fn max_context(self) -> Option<usize> {
        match self {
            Agent::Codex => Some(codex::MAX_CONTEXT),
            Agent::Claude | Agent::Gemini => None,
        }
    }

    pub fn from_name(s: &str) -> Option<Agent> {
        Agent::ALL.into_iter().find(|a| a.name() == s)
    }

    /// The agent a conversation id belongs to: Codex and Gemini ids carry
    /// their agent's name (see `tagged`); any other is Claude Code's.
    pub fn of_conversation(id: &str) -> Agent {
        [Agent::Codex, Agent::Gemini]
            .into_iter()
            .find(|a| {
                id.strip_prefix(a.name())
                    .is_some_and(|rest| rest.starts_with('-'))
            })
            .unwrap_or(Agent::Claude)
    }

    /// What one conversation of this agent is called in text for people.
    pub fn conversation(self) -> &'static str {
        match self {
            Agent::Claude => "Claude session",
            Agent::Codex => "Codex CLI session",
            Agent::Gemini => "Gemini CLI session",
        }
    }
}

/// Parse stdin as `flag` says, else as the agent the payload looks like.
/// `Err` only for bytes that are not a JSON object.
pub fn parse(flag: Option<Agent>, input: &[u8]) -> Result<(Common, Event), String> {
    let p = wire::read(input)?;
    Ok(match flag.unwrap_or_else(|| detect(&p)) {
        Agent::Claude => wire::from_payload(p),
        Agent::Codex => codex::from_payload(p),
        Agent::Gemini => gemini::from_payload(p),
    })
}

/// Which agent sent a payload, for registrations that do not say. Gemini
/// CLI has event names of its own and stamps every event; Codex CLI tags
/// turn events with `turn_id` and keeps its transcripts in `rollout-*`
/// files; everything else is Claude Code.
pub fn detect(p: &Payload) -> Agent {
    let name = p.hook_event_name.as_deref().unwrap_or("");
    if gemini::OWN_EVENTS.contains(&name) {
        return Agent::Gemini;
    }
    if p.turn_id.is_some() {
        return Agent::Codex;
    }
    if let Some(t) = p.transcript_path.as_deref().filter(|t| !t.is_empty()) {
        let t = Path::new(t);
        let file = t.file_name().and_then(|f| f.to_str()).unwrap_or("");
        if file.starts_with("rollout-") {
            return Agent::Codex;
        }
        let parent = t.parent().and_then(Path::file_name);
        if file.starts_with("session-") && parent.is_some_and(|p| p == "chats") {
            return Agent::Gemini;
        }
    }
    if p.timestamp.is_some() && p.model.is_none() {
        return Agent::Gemini;
    }
    Agent::Claude
}

/// The answer to the event `fired` in `agent`'s format, from the handlers'
/// answer in Claude Code's format.
pub fn answer(agent: Agent, fired: &str, claude_out: String) -> String {
    match agent {
        Agent::Claude => claude_out,
        Agent::Codex => codex::answer(fired, &claude_out),
        Agent::Gemini => gemini::answer(fired, &claude_out),
    }
}

/// The `additionalContext` of an answer in Claude Code's format; `None`
/// for an empty answer and for plain text (which only Claude Code's
/// PreCompact reads, as instructions for its summariser).
pub fn context_of(out: &str) -> Option<String> {
    if !out.starts_with('{') {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(out).ok()?;
    v.pointer("/hookSpecificOutput/additionalContext")?
        .as_str()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// How full the context is, from the tail of the agent's transcript.
pub fn last_usage(agent: Agent, path: &Path) -> std::io::Result<Usage> {
    match agent {
        Agent::Claude => transcript::last_usage(path),
        Agent::Codex => codex::last_usage(path),
        Agent::Gemini => gemini::last_usage(path),
    }
}

/// A tool's path as the agent wrote it, made absolute against the
/// session's folder (Codex and Gemini pass paths as the model wrote them).
fn absolute(path: &str, cwd: Option<&str>) -> String {
    let p = Path::new(path);
    match cwd {
        Some(c) if p.is_relative() => Path::new(c).join(p).display().to_string(),
        _ => path.to_string(),
    }
}

/// `id` prefixed with the agent's name, so the id of a Codex or Gemini
/// session never collides with a Claude Code one and the session document
/// shows where each came from.
fn tagged(agent: Agent, c: &mut Common) {
    c.agent = agent;
    c.claude_session = c
        .claude_session
        .take()
        .map(|s| format!("{}-{s}", agent.name()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent_of(json: &str) -> Agent {
        detect(&wire::read(json.as_bytes()).unwrap())
    }

    #[test]
    fn payloads_tell_their_agent() {
        // Claude Code 2.1 SessionStart carries a model too.
        assert_eq!(
            agent_of(
                r#"{"session_id":"a","transcript_path":"/h/.claude/projects/-p/a.jsonl","cwd":"/p","hook_event_name":"SessionStart","source":"startup","model":"claude-opus-5"}"#
            ),
            Agent::Claude
        );
        assert_eq!(
            agent_of(
                r#"{"session_id":"a","transcript_path":"/h/.codex/sessions/2026/12/03/rollout-2026-12-03T08-19-02-a.jsonl","cwd":"/p","hook_event_name":"SessionStart","model":"gpt-5.5","source":"startup"}"#
            ),
            Agent::Codex
        );
        assert_eq!(
            agent_of(
                r#"{"session_id":"a","transcript_path":null,"cwd":"/p","hook_event_name":"UserPromptSubmit","model":"gpt-5.5","turn_id":"t","prompt":"hi"}"#
            ),
            Agent::Codex
        );
        assert_eq!(
            agent_of(
                r#"{"session_id":"a","transcript_path":"","cwd":"/p","hook_event_name":"SessionStart","source":"startup","timestamp":"2026-12-03T08:00:00.000Z"}"#
            ),
            Agent::Gemini
        );
        assert_eq!(
            agent_of(
                r#"{"session_id":"a","hook_event_name":"AfterTool","tool_name":"write_file"}"#
            ),
            Agent::Gemini
        );
        assert_eq!(
            agent_of(
                r#"{"session_id":"a","transcript_path":"/h/.gemini/tmp/p/chats/session-2026-12-03T08-00-a.jsonl","hook_event_name":"SessionEnd","reason":"exit"}"#
            ),
            Agent::Gemini
        );
    }

    #[test]
    fn a_flag_beats_detection_and_ids_are_tagged() {
        let json = br#"{"session_id":"abc","hook_event_name":"SessionStart","source":"startup"}"#;
        let (c, _) = parse(None, json).unwrap();
        assert_eq!(
            (c.agent, c.claude_session.as_deref()),
            (Agent::Claude, Some("abc"))
        );
        let (c, _) = parse(Some(Agent::Codex), json).unwrap();
        assert_eq!(
            (c.agent, c.claude_session.as_deref()),
            (Agent::Codex, Some("codex-abc"))
        );
        let (c, _) = parse(Some(Agent::Gemini), json).unwrap();
        assert_eq!(c.claude_session.as_deref(), Some("gemini-abc"));
    }

    #[test]
    fn a_tagged_id_names_its_agent() {
        for agent in Agent::ALL {
            let mut c = Common {
                claude_session: Some("0197-abc".into()),
                ..Default::default()
            };
            if agent != Agent::Claude {
                tagged(agent, &mut c);
            }
            let id = c.claude_session.unwrap();
            assert_eq!(Agent::of_conversation(&id), agent, "{id}");
        }
        assert_eq!(Agent::of_conversation("codexy"), Agent::Claude);
    }

    #[test]
    fn context_is_read_from_json_answers_only() {
        let j = crate::hook::context_json("SessionStart", "hello");
        assert_eq!(context_of(&j).as_deref(), Some("hello"));
        assert_eq!(context_of("Keep these facts"), None);
        assert_eq!(context_of(""), None);
    }
}
