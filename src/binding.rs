//! Which session a Claude conversation works on. The rule never guesses:
//!
//! - a conversation bound to an open session works on that one;
//! - an unbound conversation is bound automatically only when exactly one
//!   of this machine's own sessions is active (the caller passes only
//!   those: see `provenance::Own`);
//! - with several active sessions nothing is picked: start-up lists them and
//!   says how to choose, and tool events are journalled nowhere until the
//!   user chooses with `/session-init` or `/session-resume`.
//!
//! Choosing moves the binding: the session the conversation was bound to
//! before no longer lists it in `claude_sessions`.

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::agents::Agent;
use crate::doc::{Status, Value};
use crate::store::{Meta, Store};

/// What the rule picked for one conversation.
#[derive(Debug, Clone)]
pub enum Pick {
    /// The conversation is bound to this open session.
    Bound(Meta),
    /// Unbound, and this is the only active session (and our own): safe to
    /// bind.
    Only(Meta),
    /// Unbound, and several sessions are active: the user must choose.
    Several(Vec<Meta>),
    /// No active session.
    Nothing,
}

impl Pick {
    /// The session to write into, when there is one to write into.
    pub fn session(&self) -> Option<&Meta> {
        match self {
            Pick::Bound(m) | Pick::Only(m) => Some(m),
            _ => None,
        }
    }
}

/// Apply the rule to this machine's own open sessions `metas` (filtered by
/// `provenance::Own` by the caller: a session from elsewhere is never
/// bound without the user naming it). Archived ones are ignored.
pub fn pick(store: &Store, metas: &[Meta], claude: Option<&str>) -> Pick {
    if let Some(c) = claude
        && let Some(id) = store.bound(c)
        && let Some(m) = metas.iter().find(|m| m.id() == id && !m.archived)
    {
        // A binding to a session since closed or paused still names the
        // conversation's choice; only an archived one is gone.
        return Pick::Bound(m.clone());
    }
    let mut active: Vec<&Meta> = metas
        .iter()
        .filter(|m| !m.archived && m.front.status == Status::Active)
        .collect();
    match active.len() {
        0 => Pick::Nothing,
        1 => Pick::Only(active.remove(0).clone()),
        _ => {
            // Newest first, as `list` shows them.
            active.sort_by(|a, b| b.updated().cmp(a.updated()));
            Pick::Several(active.into_iter().cloned().collect())
        }
    }
}

/// Start-up text for a conversation of `agent` (`conversation` its id, as
/// stored) that must choose between sessions.
pub fn several_text(
    several: &[Meta],
    now: DateTime<Utc>,
    agent: Agent,
    conversation: Option<&str>,
) -> String {
    let mut s = format!(
        "session-hook: {} sessions are active in this project and this conversation is not bound to any of them, so nothing is recorded until one is chosen:\n",
        several.len()
    );
    for m in several.iter().take(8) {
        let when = crate::clock::parse(m.updated())
            .map(|t| format!(", updated {}", crate::clock::ago(t, now)))
            .unwrap_or_default();
        let title = m.front.title.as_deref().unwrap_or("");
        s.push_str(&format!(
            "- {} — {}{when}\n",
            m.shortname(),
            one_line(title)
        ));
    }
    if several.len() > 8 {
        s.push_str(&format!("- … and {} more\n", several.len() - 8));
    }
    s.push_str(&how_to_choose(agent, conversation));
    s
}

/// What takes up a session by name in `agent`: Claude Code's slash command,
/// else the command itself (with one session active, the conversation's
/// next event binds to it).
pub fn resume_command(agent: Agent) -> &'static str {
    match agent {
        Agent::Claude => "/session-resume",
        _ => "session-hook resume",
    }
}

/// How a conversation chooses a session. Claude Code has the slash
/// commands; Codex CLI and Gemini CLI do not, so there the command names
/// the conversation, which binds it as the slash commands do.
fn how_to_choose(agent: Agent, conversation: Option<&str>) -> String {
    match (agent, conversation) {
        (Agent::Claude, _) | (_, None) => "To work on one, the user runs /session-resume NAME; to start another, /session-init followed by the goal.".into(),
        (_, Some(c)) => format!(
            "To work on one, run `session-hook resume NAME --claude-session {c}` in a shell; to start another, `session-hook init --claude-session {c} GOAL`."
        ),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Bind `claude` to `session_id`, moving it off the session it was bound to
/// before: that document's `claude_sessions` stops listing it (and a
/// pending listing is dropped). The caller holds the store lock. Returns
/// the shortname of the previous session when the binding moved.
pub fn move_to(store: &Store, claude: &str, session_id: &str) -> Result<Option<String>> {
    let Some(c) = crate::names::safe_external_id(claude) else {
        return Ok(None);
    };
    let before = store.bound(&c);
    let mut moved = None;
    if let Some(old) = before.as_deref().filter(|old| *old != session_id) {
        let _ = crate::fsutil::remove(&store.local_dir().join("unlisted").join(old).join(&c));
        if let Some(m) = store.metas(true).into_iter().find(|m| m.id() == old) {
            moved = Some(m.shortname().to_string());
            if m.front.claude_sessions.contains(&c) && !m.archived {
                let mut doc = store.load(&m.path)?;
                let list: Vec<String> = doc
                    .front()
                    .claude_sessions
                    .iter()
                    .filter(|x| **x != c)
                    .cloned()
                    .collect();
                doc.set_front(&[("claude_sessions", Value::List(list))])?;
                store.save(&m.path, &doc)?;
            }
        }
    }
    if before.as_deref() != Some(session_id) {
        store.bind(&c, session_id)?;
    }
    Ok(moved)
}

/// For the hook log: why an unbound conversation recorded nothing.
pub fn unbound_note(p: &Pick) -> Option<String> {
    match p {
        Pick::Several(v) => Some(format!(
            "unbound conversation, {} active sessions: recorded nowhere",
            v.len()
        )),
        _ => None,
    }
}

/// A command run from an unbound conversation while several sessions are
/// active: it names them and says how to choose.
pub fn unbound_error(several: &[Meta]) -> anyhow::Error {
    let names: Vec<&str> = several.iter().map(|m| m.shortname()).collect();
    crate::error::UserError::new(format!(
        "this Claude conversation is not bound to a session, and {} are active: {}",
        several.len(),
        names.join(", ")
    ))
    .hint(format!(
        "choose one with /session-resume NAME (or `session-hook resume NAME`), or name it on this command, e.g. --session {}",
        names[0]
    ))
    .into()
}
