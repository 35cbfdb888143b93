//! `session-hook hook`: one entry for every hook event of Claude Code, Codex
//! CLI and Gemini CLI (`crate::agents` maps the other two onto the same
//! events and their answers back).
//!
//! The rules: read stdin to EOF, write stdout once at the end, exit 0
//! whatever happens, never create a store, wait at most ~50 ms for the
//! lock, and leave a line in `.sessions/.local/hook.log`.
//!
//! An event goes through three steps. Its payload is parsed once
//! ([`Input`]). A handler in `events` reads what it needs and returns a
//! [`Plan`]: the output, a note, and the [`Effect`]s it wants. Only then
//! does `apply` take the lock (or spool the payload when the store is busy)
//! and carry the effects out, so a preview, which never applies, cannot
//! write, and a journal entry always follows the save it describes.

mod apply;
mod events;
pub(crate) mod inject;
pub mod intent;
pub mod keep;
mod log;
pub(crate) mod spool;
pub(crate) mod state;
pub(crate) mod usage;
pub mod wire;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::store::{self, Meta, Store};
use crate::{clock, fsutil};
pub(crate) use apply::{Effect, Mention};
pub(crate) use log::log_line;
use wire::{Common, Event};

/// Per-phase timings of one event (shown by `timings`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Timings {
    pub phases: Vec<(&'static str, Duration)>,
    mark: Option<Instant>,
}

impl Timings {
    pub fn start(&mut self) {
        self.mark = Some(Instant::now());
    }
    pub fn lap(&mut self, phase: &'static str) {
        let now = Instant::now();
        if let Some(m) = self.mark {
            match self.phases.iter_mut().find(|(p, _)| *p == phase) {
                Some((_, d)) => *d += now - m,
                None => self.phases.push((phase, now - m)),
            }
        }
        self.mark = Some(now);
    }
}

/// The result of one hook event.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Exactly what goes to stdout (may be empty).
    pub stdout: String,
    /// A short note for the hook log.
    pub note: String,
}

/// Why a hook did nothing.
#[derive(Debug)]
pub(crate) enum Skip {
    /// No store: stay silent and do not even log.
    NoStore,
    /// Something went wrong; log it.
    Failed(String),
}

/// One event's payload, parsed once: the handler, the log line and the
/// spool all work from this.
pub(crate) struct Input<'a> {
    /// The bytes as received, spooled as they are when the store is busy.
    pub raw: &'a [u8],
    parsed: Result<(Common, Event), String>,
    /// The store of the payload's project, when there is one.
    pub store: Option<Store>,
}

impl<'a> Input<'a> {
    /// A payload from whichever agent sent it.
    pub fn parse(raw: &'a [u8], dir_flag: Option<&Path>) -> Input<'a> {
        Input::parse_as(None, raw, dir_flag)
    }

    /// A payload from `agent` (told from the payload when `None`).
    pub fn parse_as(
        agent: Option<crate::agents::Agent>,
        raw: &'a [u8],
        dir_flag: Option<&Path>,
    ) -> Input<'a> {
        let parsed = crate::agents::parse(agent, raw);
        let cwd = parsed.as_ref().ok().and_then(|(c, _)| c.cwd.as_deref());
        let st = Store::at(&project_for(dir_flag, cwd));
        Input {
            raw,
            // A store root may not write to is no store for a hook.
            store: (st.exists() && st.foreign_owner().is_none()).then_some(st),
            parsed,
        }
    }

    /// The event name for the log, even from a payload we could not parse;
    /// other agents' events carry the agent's name (`codex/Stop`).
    pub fn event_name(&self) -> String {
        match &self.parsed {
            Ok((c, e)) if c.agent == crate::agents::Agent::Claude => e.name().to_string(),
            Ok((c, _)) => format!("{}/{}", c.agent.name(), c.fired),
            Err(_) => "unparsed".into(),
        }
    }
}

/// What a handler decided: the output, a note for the log, and the writes
/// it wants (carried out by `apply`, under the lock, in this order).
#[derive(Default)]
pub(crate) struct Plan {
    pub out: Out,
    pub note: String,
    pub effects: Vec<Effect>,
}

/// What goes to stdout.
#[derive(Debug, Default)]
pub(crate) enum Out {
    #[default]
    Silent,
    /// `additionalContext` for `event`: the parts, joined by a blank line.
    Context {
        event: &'static str,
        parts: Vec<String>,
    },
    /// Plain text (PreCompact's instructions to the summariser).
    Plain(String),
}

impl Out {
    pub fn context(event: &'static str, text: String) -> Out {
        Out::Context {
            event,
            parts: vec![text],
        }
    }

    /// `additionalContext` rendered from a session document: framed as
    /// data (see [`crate::frame`]).
    pub fn document(event: &'static str, text: &str) -> Out {
        Out::context(event, crate::frame::document(text))
    }

    /// A resume injection: the document framed as data, then, outside the
    /// frame, our own request to keep the session current ([`keep::TAIL`]).
    pub fn resume(event: &'static str, text: &str) -> Out {
        Out::Context {
            event,
            parts: vec![crate::frame::document(text), keep::TAIL.to_string()],
        }
    }

    /// The output boundary: everything that reaches the model is cleaned
    /// of control characters and of imitations of Claude Code's framing
    /// (documents were framed as they were made into an `Out`).
    fn render(self) -> String {
        match self {
            Out::Silent => String::new(),
            Out::Context { event, parts } => {
                let parts: Vec<String> = parts.iter().map(|p| crate::frame::sanitise(p)).collect();
                raw_context_json(event, &parts.join("\n\n"))
            }
            Out::Plain(t) => crate::frame::sanitise(&t),
        }
    }
}

/// What a renderer may fill of an injection: the configured budget (or
/// the agent's own limit, when lower: Codex cuts what is longer) less the
/// frame around a document.
pub(crate) fn render_budget(ctx: &Ctx) -> usize {
    let budget = ctx.config().budget;
    let budget = ctx
        .common
        .agent
        .max_context()
        .map_or(budget, |m| budget.min(m));
    budget - crate::frame::OVERHEAD
}

/// What a renderer may fill of a resume injection ([`Out::resume`]): the
/// budget less the frame and the closing lines after it.
pub(crate) fn resume_budget(ctx: &Ctx) -> usize {
    render_budget(ctx).saturating_sub(keep::ROOM)
}

impl Plan {
    pub fn silent(note: impl Into<String>) -> Plan {
        Plan {
            note: note.into(),
            ..Plan::default()
        }
    }

    pub fn say(out: Out, note: impl Into<String>) -> Plan {
        Plan {
            out,
            note: note.into(),
            effects: Vec::new(),
        }
    }

    pub fn then(mut self, e: Effect) -> Plan {
        self.effects.push(e);
        self
    }
}

/// What a handler may read: the store, the payload's common fields, the
/// time, and the config on first use. It has no way to write.
pub(crate) struct Ctx {
    pub store: Store,
    pub common: Common,
    pub now: DateTime<Utc>,
    /// The store's config, read the first time the event needs it.
    loaded: std::cell::OnceCell<crate::config::Loaded>,
    /// Writes are allowed (not a preview): a store from before provenance
    /// records may be migrated.
    write: bool,
    /// Why [`Ctx::pick`] chose no session although one may be meant (an
    /// unreadable file newer than the rest); it becomes the log note.
    refused: std::cell::RefCell<Option<String>>,
    /// What the binding rule said on the last [`Ctx::pick`].
    picked: std::cell::RefCell<Option<crate::binding::Pick>>,
}

impl Ctx {
    fn new(store: Store, common: Common, now: DateTime<Utc>, write: bool) -> Ctx {
        Ctx {
            store,
            common,
            now,
            loaded: std::cell::OnceCell::new(),
            write,
            refused: None.into(),
            picked: None.into(),
        }
    }

    /// The config, read on first use; invalid config falls back to the
    /// default in hooks.
    pub fn config(&self) -> &Config {
        &self.loaded().config
    }

    fn loaded(&self) -> &crate::config::Loaded {
        self.loaded
            .get_or_init(|| crate::config::load_or_default(&self.store.dir))
    }

    /// The redaction step for everything this event writes: the built-in
    /// rules plus the config's patterns (which reads the config).
    pub fn redactor(&self) -> &crate::redact::Redactor {
        &self.loaded().redactor
    }

    /// Text from the payload, redacted with [`Ctx::redactor`].
    pub fn redact(&self, s: &str) -> String {
        self.redactor().redact(s).into_owned()
    }

    /// This machine's own sessions (see [`crate::provenance`]).
    pub fn own(&self) -> crate::provenance::Own {
        if self.write {
            crate::provenance::Own::load_migrating(&self.store)
        } else {
            crate::provenance::Own::load(&self.store)
        }
    }

    pub fn claude(&self) -> Option<&str> {
        self.common.claude_session.as_deref()
    }

    /// The session this Claude session works on, by the binding rule
    /// (`binding::pick`): its binding, else the only active session. With
    /// several active and no binding, nothing: a guess would put this
    /// conversation's work into someone else's session.
    ///
    /// When an active file that cannot be read is newer than the one picked
    /// (or the only one), it may be the session being worked on: nothing is
    /// picked, so nothing lands in the wrong document, and the reason is
    /// kept for the hook log.
    pub fn pick(&self) -> Option<Meta> {
        let (all, bad) = self.store.list_split(false);
        // Only this machine's own sessions are injected or written to
        // without the user naming them: the rule sees no other.
        let metas: Vec<Meta> = self.own().filter(&all).into_iter().cloned().collect();
        let picked = crate::binding::pick(&self.store, &metas, self.claude());
        let out = match &picked {
            crate::binding::Pick::Bound(m) => Some(m.clone()),
            crate::binding::Pick::Only(_) | crate::binding::Pick::Nothing => {
                match Store::unshadowed(&bad, picked.session()) {
                    Ok(m) => m.cloned(),
                    Err(e) => {
                        *self.refused.borrow_mut() = Some(format!("skipped: {e}"));
                        None
                    }
                }
            }
            crate::binding::Pick::Several(_) => None,
        };
        *self.picked.borrow_mut() = Some(picked);
        out
    }

    /// The sessions to choose from when [`Ctx::pick`] found several.
    pub fn several(&self) -> Option<Vec<Meta>> {
        match self.picked.borrow().as_ref() {
            Some(crate::binding::Pick::Several(v)) => Some(v.clone()),
            _ => None,
        }
    }

    fn rel(&self, p: &Path) -> String {
        fsutil::relative_to(p, &self.store.project)
            .display()
            .to_string()
    }
}

/// Where the project is for a hook: `--dir`, `$CLAUDE_PROJECT_DIR`, the git
/// top-level of the payload's `cwd`, that `cwd`, else the current folder.
pub(crate) fn project_for(dir_flag: Option<&Path>, cwd: Option<&str>) -> PathBuf {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let base = cwd
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .unwrap_or(here);
    store::project_root(dir_flag, &base)
}

/// Run one event. With `write` false (preview, `timings --dry-run`) the
/// plan's effects are dropped, never applied.
pub(crate) fn handle(input: Input<'_>, write: bool, t: &mut Timings) -> Result<Outcome, Skip> {
    t.lap("parse");
    let Some(st) = input.store else {
        return Err(Skip::NoStore);
    };
    let (common, event) = input.parsed.map_err(Skip::Failed)?;
    let (agent, fired) = (common.agent, common.fired.clone());
    // The config is read only by an event that needs it (a budget, a
    // phrase, or text to redact before it is written).
    let mut ctx = Ctx::new(st, common, clock::now(), write);
    let fail = |e: anyhow::Error| Skip::Failed(format!("{e:#}"));
    let plan = match events::dispatch(&mut ctx, event, t) {
        Ok(p) => p,
        Err(e) => return Err(fail(e)),
    };
    if let Some(why) = ctx.refused.take() {
        // Whatever the handler said assumed there was no session.
        return Ok(Outcome {
            stdout: String::new(),
            note: why,
        });
    }
    let how = if write {
        apply::Lock::Take(input.raw)
    } else {
        apply::Lock::DryRun
    };
    let unbound = ctx
        .picked
        .take()
        .filter(|p| p.session().is_none())
        .and_then(|p| crate::binding::unbound_note(&p));
    match apply::apply(&mut ctx, plan, how, t) {
        Ok((out, note)) => Ok(Outcome {
            // Why nothing was recorded, when the binding rule said so.
            note: match unbound {
                Some(why) => format!("{}; {why}", note_redacted(&ctx, &note)),
                None => note_redacted(&ctx, &note),
            },
            // In the format of the agent that asked.
            stdout: crate::agents::answer(agent, &fired, out.render()),
        }),
        Err(e) => Err(fail(e)),
    }
}

/// A hook-log note may quote the payload (a path, a reason, a task): it
/// is redacted with the store's patterns when this event has read the
/// config, and always with the built-in rules (in `log::log_line`).
fn note_redacted(ctx: &Ctx, note: &str) -> String {
    match ctx.loaded.get() {
        Some(l) => l.redactor.redact(note).into_owned(),
        None => note.to_string(),
    }
}

/// Apply one spooled payload; the caller holds the store lock (`_held`).
pub(crate) fn replay(
    store: &Store,
    _held: &store::Lock,
    input: &[u8],
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (common, event) = crate::agents::parse(None, input).map_err(|e| anyhow::anyhow!(e))?;
    let mut ctx = Ctx::new(store.clone(), common, at, true);
    let mut t = Timings::default();
    let plan = events::dispatch(&mut ctx, event, &mut t)?;
    if ctx.refused.take().is_some() {
        return Ok(());
    }
    apply::apply(&mut ctx, plan, apply::Lock::Held, &mut t).map(drop)
}

/// `{"hookSpecificOutput":{"hookEventName":E,"additionalContext":T}}`,
/// sanitised: text of our own may quote a title or a name.
pub(crate) fn context_json(event: &str, text: &str) -> String {
    raw_context_json(event, &crate::frame::sanitise(text))
}

fn raw_context_json(event: &str, text: &str) -> String {
    serde_json::json!({"hookSpecificOutput": {"hookEventName": event, "additionalContext": text}})
        .to_string()
}

/// A tool's absolute path as a project-relative one.
pub(crate) fn project_rel(project: &Path, path: &str) -> String {
    let p = Path::new(path);
    fsutil::relative_to(p, project).display().to_string()
}
