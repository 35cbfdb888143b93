//! `session-hook hook`: one entry for every Claude Code hook event.
//!
//! The rules: read stdin to EOF, write stdout once at the end, exit 0
//! whatever happens, never create a store, wait at most ~50 ms for the
//! lock, and leave a line in `.sessions/.local/hook.log`.

pub mod inject;
pub mod intent;
pub mod spool;
pub mod state;
pub mod usage;
pub mod wire;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::doc::Value;
use crate::doc::progress::Sub;
use crate::session::{self, Open};
use crate::store::{self, Meta, Store};
use crate::{clock, fsutil, journal};
pub use wire::{Common, Event, Tool};

/// Per-phase timings of one event (shown by `timings`).
#[derive(Debug, Default, Clone)]
pub struct Timings {
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
pub struct Outcome {
    /// Exactly what goes to stdout (may be empty).
    pub stdout: String,
    /// A short note for the hook log.
    pub note: String,
}

/// Why a hook did nothing.
#[derive(Debug)]
pub enum Skip {
    /// No store: stay silent and do not even log.
    NoStore,
    /// Something went wrong; log it (if `store` is known).
    Failed(Option<Store>, String),
}

/// Everything a handler needs.
pub struct Ctx<'a> {
    pub store: Store,
    pub common: Common,
    pub now: DateTime<Utc>,
    /// The store's config, read the first time an event needs it.
    loaded: std::cell::OnceCell<crate::config::Loaded>,
    /// When false (preview), nothing is written.
    pub write: bool,
    /// The raw payload, spooled for later if the store is busy.
    raw: &'a [u8],
    /// Replaying a spooled event: the caller already holds the lock.
    inherited: bool,
    /// Set once the payload has been spooled.
    spooled: std::cell::Cell<bool>,
    /// Why [`Ctx::pick`] chose no session although one may be meant (an
    /// unreadable file newer than the rest); it becomes the log note.
    refused: std::cell::RefCell<Option<String>>,
}

/// Permission to write: our own hold on the store lock, or the caller's.
pub enum Guard {
    Held(store::Lock),
    Inherited,
}

impl Ctx<'_> {
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

    /// Redact text from the payload with [`Ctx::redactor`].
    pub fn redact(&self, s: &str) -> String {
        self.redactor().redact(s).into_owned()
    }

    fn claude(&self) -> Option<&str> {
        self.common.claude_session.as_deref()
    }

    /// Take the store lock for writing. `Ok(None)` means "do not write
    /// now": a preview, or a busy store, in which case the payload has been
    /// spooled and the next lock holder applies it. Nothing is lost, and
    /// the hook never waits more than ~50 ms.
    fn lock(&self) -> Result<Option<Guard>> {
        if !self.write {
            return Ok(None);
        }
        if self.inherited {
            return Ok(Some(Guard::Inherited));
        }
        match self.store.lock(store::HOOK_LOCK_WAIT) {
            Ok(l) => Ok(Some(Guard::Held(l))),
            Err(store::LockError::Busy(_)) if !self.raw.is_empty() => {
                if !self.spooled.get() {
                    spool::put(&self.store, self.raw, self.now, self.redactor())?;
                    self.spooled.set(true);
                }
                Ok(None)
            }
            Err(e) => Err(anyhow!("{e}; skipped")),
        }
    }

    /// The session this Claude session works on: its binding, else the most
    /// recently updated active session.
    ///
    /// When an active file that cannot be read is newer than that one (or
    /// the only one), it may be the session being worked on: nothing is
    /// picked, so nothing lands in the wrong document, and the reason is
    /// kept for the hook log.
    pub fn pick(&self) -> Option<Meta> {
        let (all, bad) = self.store.list_split(false);
        // Only this machine's own sessions are injected or written to
        // without the user naming them.
        let own = if self.write {
            crate::provenance::Own::load_migrating(&self.store)
        } else {
            crate::provenance::Own::load(&self.store)
        };
        let metas: Vec<Meta> = own.filter(&all).into_iter().cloned().collect();
        if let Some(c) = self.claude()
            && let Some(id) = self.store.bound(c)
            && let Some(m) = metas.iter().find(|m| m.id() == id)
        {
            return Some(m.clone());
        }
        let chosen = store::latest(&metas, |s| *s == crate::doc::Status::Active);
        match Store::unshadowed(&bad, chosen) {
            Ok(m) => m.cloned(),
            Err(e) => {
                *self.refused.borrow_mut() = Some(format!("skipped: {e}"));
                None
            }
        }
    }

    fn rel(&self, p: &Path) -> String {
        fsutil::relative_to(p, &self.store.project)
            .display()
            .to_string()
    }

    /// Write a journal entry; every field and the text come from the
    /// payload, so all of them are redacted.
    fn journal(&self, id: &str, kind: &str, fields: &[(&str, &str)], text: &str) -> Result<()> {
        if self.write {
            let fields: Vec<(&str, String)> =
                fields.iter().map(|(k, v)| (*k, self.redact(v))).collect();
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            journal::write(&self.store, id, kind, self.now, &fields, &self.redact(text))?;
        }
        Ok(())
    }

    /// Bind this Claude session to a session (file in `.local/` plus the
    /// frontmatter list). Returns whether the document changed.
    fn bind(&self, open: &mut Open) -> Result<bool> {
        let Some(c) = self.claude().and_then(crate::names::safe_external_id) else {
            return Ok(false);
        };
        if self.write && self.store.bound(&c).as_deref() != Some(open.doc.id()) {
            self.store.bind(&c, open.doc.id())?;
        }
        session::add_claude_session(&mut open.doc, &c)
    }

    /// Bind without rewriting the document: the frontmatter listing follows
    /// at the document's next save.
    fn bind_lazily(&self, doc: &crate::doc::Document) -> Result<()> {
        let Some(c) = self.claude().and_then(crate::names::safe_external_id) else {
            return Ok(());
        };
        let listed = doc.front().claude_sessions.contains(&c);
        if self.store.bound(&c).as_deref() != Some(doc.id()) {
            self.store.bind(&c, doc.id())?;
        }
        if !listed {
            self.store.mark_unlisted(doc.id(), &c)?;
        }
        Ok(())
    }

    fn save(&self, open: &mut Open) -> Result<bool> {
        if !self.write {
            return Ok(false);
        }
        open.save(&self.store, self.now)
    }
}

/// Where the project is for a hook: `--dir`, `$CLAUDE_PROJECT_DIR`, the git
/// top-level of the payload's `cwd`, that `cwd`, else the current folder.
pub fn project_for(dir_flag: Option<&Path>, cwd: Option<&str>) -> PathBuf {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let base = cwd
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .unwrap_or(here);
    store::project_root(dir_flag, &base)
}

/// Run one event from raw stdin bytes.
pub fn handle(
    input: &[u8],
    dir_flag: Option<&Path>,
    write: bool,
    t: &mut Timings,
) -> Result<Outcome, Skip> {
    t.start();
    let parsed = wire::parse(input);
    t.lap("parse");
    let cwd = parsed.as_ref().ok().and_then(|(c, _)| c.cwd.clone());
    let project = project_for(dir_flag, cwd.as_deref());
    let st = Store::at(&project);
    if !st.exists() {
        return Err(Skip::NoStore);
    }
    let (common, event) = parsed.map_err(|e| Skip::Failed(Some(st.clone()), e))?;
    // Fault injection for the "host never breaks" tests: a panic deep in a
    // handler must still end in exit 0 and silence.
    if std::env::var_os("SESSION_HOOK_FAULT").is_some_and(|v| v == "panic") {
        panic!("injected fault");
    }
    let mut ctx = Ctx {
        store: st,
        common,
        now: clock::now(),
        loaded: std::cell::OnceCell::new(),
        write,
        raw: input,
        inherited: false,
        spooled: false.into(),
        refused: None.into(),
    };
    // The config is read only by an event that needs it (a budget, a
    // phrase, or text to redact before it is written).
    let mut out = dispatch(&mut ctx, event, t).map_err(|e| {
        Skip::Failed(
            Some(ctx.store.clone()),
            note_redacted(&ctx, &format!("{e:#}")),
        )
    })?;
    out.note = note_redacted(&ctx, &out.note);
    if let Some(why) = ctx.refused.take() {
        // Whatever the handler said assumed there was no session.
        out = Outcome {
            stdout: String::new(),
            note: why,
        };
    }
    if ctx.spooled.get() {
        out.note = format!("store busy; spooled for the next writer ({})", out.note);
    }
    Ok(out)
}

/// A hook-log note may quote the payload (a path, a reason, a task): it
/// is redacted with the store's patterns when this event has read the
/// config, and always with the built-in rules (again in [`log_line`]).
fn note_redacted(ctx: &Ctx<'_>, note: &str) -> String {
    match ctx.loaded.get() {
        Some(l) => l.redactor.redact(note).into_owned(),
        None => note.to_string(),
    }
}

/// Apply one spooled payload; the caller holds the store lock.
pub fn replay(store: &Store, input: &[u8], at: DateTime<Utc>) -> Result<()> {
    let (common, event) = wire::parse(input).map_err(|e| anyhow!(e))?;
    let mut ctx = Ctx {
        store: store.clone(),
        common,
        now: at,
        loaded: std::cell::OnceCell::new(),
        write: true,
        raw: &[],
        inherited: true,
        spooled: false.into(),
        refused: None.into(),
    };
    dispatch(&mut ctx, event, &mut Timings::default()).map(|_| ())
}

fn dispatch(ctx: &mut Ctx<'_>, event: Event, t: &mut Timings) -> Result<Outcome> {
    if let Event::SessionStart { .. } = event {
        usage::remember_model(ctx);
    }
    match event {
        Event::SessionStart { source, .. } if source == "compact" => after_compact(ctx, t),
        Event::SessionStart { source, .. } => session_start(ctx, &source, t),
        Event::Prompt { text } => prompt(ctx, &text, t),
        Event::PreCompact { trigger, .. } => pre_compact(ctx, &trigger, t),
        Event::PostCompact { trigger, summary } => post_compact(ctx, &trigger, &summary),
        Event::ToolUse(tool) => tool_use(ctx, tool, t),
        Event::TaskCreated { id, subject } => task_event(ctx, id, Some(subject), Sub::Remaining, t),
        Event::TaskCompleted { id, subject } => task_event(ctx, id, subject, Sub::Completed, t),
        Event::Stop => stop(ctx),
        Event::SessionEnd { reason } => session_end(ctx, &reason, t),
        Event::Other(name) => Ok(Outcome {
            stdout: String::new(),
            note: format!("ignored {name}"),
        }),
    }
}

/// `{"hookSpecificOutput":{"hookEventName":E,"additionalContext":T}}`, for
/// text of our own (pointers, warnings): sanitised, since it may quote a
/// title or a name.
pub fn context_json(event: &str, text: &str) -> String {
    let text = crate::frame::sanitise(text);
    serde_json::json!({"hookSpecificOutput": {"hookEventName": event, "additionalContext": text}})
        .to_string()
}

/// [`context_json`] for text rendered from a session document: framed as
/// data (see [`crate::frame`]).
pub fn document_json(event: &str, text: &str) -> String {
    serde_json::json!({"hookSpecificOutput": {"hookEventName": event, "additionalContext": crate::frame::document(text)}})
        .to_string()
}

/// What a renderer may fill: the configured budget less the frame.
fn render_budget(ctx: &mut Ctx<'_>) -> usize {
    ctx.config().budget - crate::frame::OVERHEAD
}

fn silent(note: impl Into<String>) -> Result<Outcome> {
    Ok(Outcome {
        stdout: String::new(),
        note: note.into(),
    })
}

fn session_start(ctx: &mut Ctx<'_>, source: &str, t: &mut Timings) -> Result<Outcome> {
    let Some(meta) = ctx.pick() else {
        let all = ctx.store.metas(false);
        let own = crate::provenance::Own::load(&ctx.store);
        let metas: Vec<Meta> = own.filter(&all).into_iter().cloned().collect();
        // A session from elsewhere is named in one line, never injected.
        let foreign = store::latest(&all, |s| s.is_open())
            .filter(|f| !own.contains(f.id()))
            .map(|f| {
                (
                    format!(
                        "session-hook: {}",
                        crate::provenance::foreign_pointer(f, "/session-resume")
                    ),
                    crate::frame::one_line(f.shortname(), 80),
                )
            });
        let resume_log = resume_log_pointer(ctx, source);
        if let Some(p) = store::latest(&metas, |s| *s == crate::doc::Status::Paused) {
            let when = p
                .front
                .paused_at
                .as_deref()
                .and_then(clock::parse)
                .map(|t| format!(", paused {}", clock::ago(t, ctx.now)))
                .unwrap_or_default();
            let name = crate::frame::one_line(p.shortname(), 80);
            let text = format!(
                "session-hook: no active session; the newest paused one is \"{name}\" ({}{when}). Resume it with /session-resume {name}.",
                crate::frame::one_line(p.front.title.as_deref().unwrap_or(""), 120),
            );
            let text = match &resume_log {
                Some((r, _)) => format!("{text}\n\n{r}"),
                None => text,
            };
            let text = match &foreign {
                Some((f, _)) => format!("{text}\n{f}"),
                None => text,
            };
            return Ok(Outcome {
                stdout: context_json("SessionStart", &text),
                note: format!("{source}: pointed to paused {}", p.shortname()),
            });
        }
        if let Some((text, name)) = foreign {
            return Ok(Outcome {
                stdout: context_json("SessionStart", &text),
                note: format!("{source}: pointed to {name}, from elsewhere"),
            });
        }
        if let Some((text, note)) = resume_log {
            return Ok(Outcome {
                stdout: context_json("SessionStart", &text),
                note: format!("{source}: {note}"),
            });
        }
        // Bundles are offered in a store this machine has worked in: one
        // that came with a clone is someone else's words.
        let worked_here = || !own.filter(&ctx.store.metas(true)).is_empty();
        if worked_here()
            && let Some(text) = crate::bundle::session_start_offer(&ctx.store, ctx.now)
        {
            return Ok(Outcome {
                stdout: context_json("SessionStart", &text),
                note: format!("{source}: offered the newest bundle"),
            });
        }
        return silent(format!("{source}: no session"));
    };
    t.lap("load");
    // Reading needs no lock; a busy store only defers the binding.
    let lock = ctx.lock()?;
    let doc = ctx.store.load(&meta.path)?;
    t.lap("load");
    let changes = crate::changes::short_report(&ctx.store, &doc, ctx.now);
    t.lap("git");
    let budget = render_budget(ctx);
    let rel = ctx.rel(&meta.path);
    let text = inject::startup_context(&doc, &rel, changes, budget);
    t.lap("render");
    if lock.is_some() {
        ctx.bind_lazily(&doc)?;
    }
    t.lap("save");
    Ok(Outcome {
        stdout: document_json("SessionStart", &text),
        note: format!(
            "{source}: injected {} chars from {}",
            text.len(),
            doc.shortname()
        ),
    })
}

/// A new Claude session with no active session: the newest recent resume
/// log, if any, as (text, note).
fn resume_log_pointer(ctx: &Ctx<'_>, source: &str) -> Option<(String, String)> {
    if !matches!(source, "startup" | "clear") {
        return None;
    }
    crate::resume_log::startup_pointer(&ctx.store, ctx.now)
}

fn after_compact(ctx: &mut Ctx<'_>, t: &mut Timings) -> Result<Outcome> {
    let Some(meta) = ctx.pick() else {
        return silent("compact: no active session");
    };
    let guard = ctx.lock()?;
    let mut open = Open::load(&ctx.store, meta)?;
    t.lap("load");
    let n = open.doc.front().compaction_count + 1;
    if guard.is_some() {
        open.doc.set_front(&[("compaction_count", Value::Int(n))])?;
        ctx.bind(&mut open)?;
        ctx.save(&mut open)?;
        ctx.journal(
            open.doc.id(),
            "compaction",
            &[("count", &n.to_string())],
            &format!("Compaction #{n}: context re-injected"),
        )?;
    }
    t.lap("save");
    let changes = crate::changes::short_report(&ctx.store, &open.doc, ctx.now);
    t.lap("git");
    let budget = render_budget(ctx);
    let rel = ctx.rel(&open.meta.path);
    let text = inject::resume_context(&open.doc, &rel, changes, budget);
    t.lap("render");
    Ok(Outcome {
        stdout: document_json("SessionStart", &text),
        note: format!("compact #{n}: injected {} chars", text.len()),
    })
}

fn prompt(ctx: &mut Ctx<'_>, text: &str, t: &mut Timings) -> Result<Outcome> {
    let warning = usage::check(ctx, t);
    usage::merge("UserPromptSubmit", continuation(ctx, text, t), warning)
}

fn continuation(ctx: &mut Ctx<'_>, text: &str, t: &mut Timings) -> Result<Outcome> {
    // The config's own phrases are read only for a prompt short enough to
    // be one, and only when the built-in ones did not already match.
    let builtin = intent::is_continuation(text, &[]);
    let extra = if !builtin
        && text.len() <= intent::MAX_LEN
        && ctx.store.dir.join("config.yaml").exists()
    {
        ctx.config().intent.phrases.clone()
    } else {
        Vec::new()
    };
    if !builtin && !intent::is_continuation(text, &extra) {
        return silent("prompt: not a continuation");
    }
    let Some(meta) = ctx.pick() else {
        return silent("continue: no active session");
    };
    let doc = ctx.store.load(&meta.path)?;
    t.lap("load");
    let Some(claude) = ctx.claude().map(str::to_string) else {
        // Without a Claude session id we cannot remember what we gave;
        // give it every time.
        let budget = render_budget(ctx);
        let text = inject::resume_context(&doc, &ctx.rel(&meta.path), None, budget);
        return Ok(Outcome {
            stdout: document_json("UserPromptSubmit", &text),
            note: "continue: injected (no session id)".into(),
        });
    };
    let st = state::load(&ctx.store, &claude);
    let epoch = doc.front().compaction_count;
    // "New work since" is any change to the document, not a clock reading:
    // two logs in the same second must still count.
    let updated = Some(fingerprint(doc.text()));
    if st.continue_epoch == Some(epoch) && st.continue_updated == updated {
        return silent("continue: already injected in this epoch");
    }
    let changes = crate::changes::short_report(&ctx.store, &doc, ctx.now);
    t.lap("git");
    let budget = render_budget(ctx);
    let out = inject::resume_context(&doc, &ctx.rel(&meta.path), changes, budget);
    t.lap("render");
    if let Some(_lock) = ctx.lock()? {
        let mut st = state::load(&ctx.store, &claude);
        st.continue_epoch = Some(epoch);
        st.continue_updated = updated;
        state::save(&ctx.store, &claude, &st)?;
    }
    t.lap("save");
    Ok(Outcome {
        stdout: document_json("UserPromptSubmit", &out),
        note: format!("continue: injected {} chars", out.len()),
    })
}

fn pre_compact(ctx: &mut Ctx<'_>, trigger: &str, t: &mut Timings) -> Result<Outcome> {
    // Warnings start over after a compaction, with or without a session.
    // Failing to record that, or to write the resume log below, must not
    // cost the summariser its instructions: both only go to the log.
    let mut problems = String::new();
    if let Ok(Some(_lock)) = ctx.lock()
        && let Err(e) = usage::new_epoch(ctx)
    {
        problems.push_str(&format!("; warnings not reset: {e:#}"));
    }
    let Some(meta) = ctx.pick() else {
        return silent("precompact: no active session");
    };
    let guard = ctx.lock()?;
    let doc = ctx.store.load(&meta.path)?;
    t.lap("load");
    if guard.is_some() {
        ctx.journal(
            doc.id(),
            "precompact",
            &[("trigger", trigger)],
            &format!("Checkpoint before {trigger} compaction"),
        )?;
        session::write_progress_md(&ctx.store, &doc, ctx.now)?;
    }
    t.lap("save");
    let log = usage::write_log(ctx, &format!("precompact-{trigger}"));
    t.lap("resume-log");
    let mut text = inject::precompact_text(&doc, &ctx.rel(&meta.path));
    match &log {
        Ok(Some(l)) => text.push_str(&format!("\nResume log: {l}\n")),
        Ok(None) => {}
        Err(e) => problems.push_str(&format!("; resume log failed: {e:#}")),
    }
    t.lap("render");
    Ok(Outcome {
        stdout: crate::frame::document(&text),
        note: format!("precompact ({trigger}): checkpointed{problems}"),
    })
}

/// Longest compaction summary we keep in the journal.
const MAX_SUMMARY: usize = 64 * 1024;

fn post_compact(ctx: &mut Ctx<'_>, trigger: &str, summary: &str) -> Result<Outcome> {
    let Some(meta) = ctx.pick() else {
        return silent("postcompact: no active session");
    };
    let Some(_g) = ctx.lock()? else {
        return silent("postcompact: deferred");
    };
    let mut s = summary.to_string();
    if s.len() > MAX_SUMMARY {
        let mut cut = MAX_SUMMARY;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push_str("\n[… truncated]");
    }
    ctx.journal(
        meta.id(),
        "compact-summary",
        &[("trigger", trigger)],
        if s.trim().is_empty() {
            "(empty summary)"
        } else {
            &s
        },
    )?;
    silent("postcompact: summary kept")
}

fn tool_use(ctx: &mut Ctx<'_>, tool: Tool, t: &mut Timings) -> Result<Outcome> {
    let warning = usage::check(ctx, t);
    usage::merge("PostToolUse", tool_event(ctx, tool, t), warning)
}

fn tool_event(ctx: &mut Ctx<'_>, tool: Tool, t: &mut Timings) -> Result<Outcome> {
    match tool {
        Tool::Other(name) => silent(format!("tool {name}: ignored")),
        Tool::Read { path } => {
            let Some(meta) = ctx.pick() else {
                return silent("read: no active session");
            };
            let rel = project_rel(&ctx.store.project, &path);
            if rel.starts_with(".sessions/") {
                return silent("read: store file");
            }
            let Some(_g) = ctx.lock()? else {
                return silent("read: deferred");
            };
            ctx.journal(
                meta.id(),
                "read",
                &[("path", &rel)],
                &format!("Viewed {rel}"),
            )?;
            silent(format!("read {rel}"))
        }
        Tool::Edited { tool, path } => {
            t.lap("usage");
            let Some(meta) = ctx.pick() else {
                return silent("edit: no active session");
            };
            t.lap("pick");
            let rel = project_rel(&ctx.store.project, &path);
            if rel.starts_with(".sessions/") {
                return silent("edit: store file");
            }
            let rel = ctx.redact(&rel);
            t.lap("redact");
            let Some(_g) = ctx.lock()? else {
                return silent("edit: deferred");
            };
            t.lap("lock");
            // Most edits touch a file already listed: then only the journal
            // changes, and the list is read without loading the document.
            if let Some(listed) = ctx
                .store
                .peek_section(&meta.path, crate::doc::Sec::FilesModified)
                && crate::doc::sections::files(&listed).contains(&rel)
            {
                t.lap("load");
                ctx.journal(
                    meta.id(),
                    "file",
                    &[("path", &rel), ("tool", &tool)],
                    &format!("{tool} {rel}"),
                )?;
                t.lap("save");
                return silent(format!("{tool} {rel} (already listed)"));
            }
            let mut open = Open::load(&ctx.store, meta)?;
            t.lap("load");
            ctx.journal(
                open.doc.id(),
                "file",
                &[("path", &rel), ("tool", &tool)],
                &format!("{tool} {rel}"),
            )?;
            session::add_file_modified(&mut open.doc, &rel);
            ctx.save(&mut open)?;
            t.lap("save");
            silent(format!("{tool} {rel}"))
        }
        Tool::Todos(todos) => {
            let Some(meta) = ctx.pick() else {
                return silent("todos: no active session");
            };
            let Some(_g) = ctx.lock()? else {
                return silent("todos: deferred");
            };
            let mut open = Open::load(&ctx.store, meta)?;
            t.lap("load");
            let mut p = session::progress(&open.doc);
            let note = session::done_note(ctx.now, None);
            let mut current = None;
            for td in &todos {
                let title = ctx.redact(&td.content);
                let to = match td.status {
                    wire::TodoStatus::Completed => Sub::Completed,
                    wire::TodoStatus::InProgress => {
                        if current.is_none() {
                            current = Some(title.clone());
                        }
                        Sub::InProgress
                    }
                    wire::TodoStatus::Pending | wire::TodoStatus::Deleted => Sub::Remaining,
                };
                if td.status != wire::TodoStatus::Deleted {
                    p.place(&title, to, Some(&note));
                }
            }
            if let Some(c) = &current {
                p.mark_current_exact(c);
            }
            p.settle_current();
            open.doc.set(crate::doc::Sec::Progress, &p.render());
            let changed = open.changed();
            if changed {
                let (d, n) = p.counts();
                ctx.journal(
                    open.doc.id(),
                    "todos",
                    &[("source", "TodoWrite")],
                    &format!("Todo list synced: {d}/{n} steps complete"),
                )?;
            }
            ctx.save(&mut open)?;
            t.lap("save");
            silent(format!(
                "todos: {} items{}",
                todos.len(),
                if changed { ", synced" } else { "" }
            ))
        }
        Tool::TaskCreate { id, subject } => task_event(ctx, id, Some(subject), Sub::Remaining, t),
        Tool::TaskUpdate {
            id,
            subject,
            status,
        } => {
            let to = match status {
                Some(wire::TodoStatus::Completed) => Some(Sub::Completed),
                Some(wire::TodoStatus::InProgress) => Some(Sub::InProgress),
                Some(wire::TodoStatus::Pending) => Some(Sub::Remaining),
                Some(wire::TodoStatus::Deleted) | None => None,
            };
            match to {
                Some(to) => task_event(ctx, Some(id), subject, to, t),
                None => {
                    // A rename only updates the id map.
                    if let (Some(s), Some(c)) = (subject, ctx.claude().map(str::to_string))
                        && let Some(_l) = ctx.lock()?
                    {
                        let mut st = state::load(&ctx.store, &c);
                        st.tasks.insert(id, ctx.redact(&s));
                        state::save(&ctx.store, &c, &st)?;
                    }
                    silent("task update: no status change")
                }
            }
        }
    }
}

/// A task moved: created (Remaining), started, or completed. The subject
/// comes from the event, else from the id map of this Claude session.
fn task_event(
    ctx: &mut Ctx<'_>,
    id: Option<String>,
    subject: Option<String>,
    to: Sub,
    t: &mut Timings,
) -> Result<Outcome> {
    let Some(meta) = ctx.pick() else {
        return silent("task: no active session");
    };
    let Some(_g) = ctx.lock()? else {
        return silent("task: deferred");
    };
    let claude = ctx.claude().map(str::to_string);
    let mut st = claude
        .as_deref()
        .map(|c| state::load(&ctx.store, c))
        .unwrap_or_default();
    let subject = subject.map(|s| ctx.redact(&s));
    let subject = match (&subject, &id) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(i)) => st.tasks.get(i).cloned(),
        (None, None) => None,
    };
    let Some(subject) = subject else {
        return silent("task: unknown task id");
    };
    if let (Some(i), Some(c)) = (&id, &claude)
        && st.tasks.get(i) != Some(&subject)
        && ctx.write
    {
        st.tasks.insert(i.clone(), subject.clone());
        state::save(&ctx.store, c, &st)?;
    }
    let mut open = Open::load(&ctx.store, meta)?;
    t.lap("load");
    let mut p = session::progress(&open.doc);
    let note = session::done_note(ctx.now, None);
    let moved = p.place(&subject, to, Some(&note));
    if to == Sub::InProgress {
        p.mark_current_exact(&subject);
    }
    p.settle_current();
    open.doc.set(crate::doc::Sec::Progress, &p.render());
    if open.changed() {
        let word = match to {
            Sub::Completed => "completed",
            Sub::InProgress => "started",
            Sub::Remaining => "added",
        };
        let idf = id.clone().unwrap_or_default();
        ctx.journal(
            open.doc.id(),
            "task",
            &[("task_id", &idf), ("status", word)],
            &format!("Task {word}: {subject}"),
        )?;
    }
    ctx.save(&mut open)?;
    t.lap("save");
    silent(format!(
        "task {}: {subject}",
        if moved { "moved" } else { "unchanged" }
    ))
}

fn stop(ctx: &mut Ctx<'_>) -> Result<Outcome> {
    let Some(c) = ctx.claude().map(str::to_string) else {
        return silent("stop: no session id");
    };
    if let Some(_l) = ctx.lock()? {
        let mut st = state::load(&ctx.store, &c);
        st.last_activity = Some(clock::iso(ctx.now));
        state::save(&ctx.store, &c, &st)?;
    }
    silent("stop: activity stamped")
}

fn session_end(ctx: &mut Ctx<'_>, reason: &str, t: &mut Timings) -> Result<Outcome> {
    let Some(meta) = ctx.pick() else {
        return silent("end: no active session");
    };
    let Some(_g) = ctx.lock()? else {
        return silent("end: deferred");
    };
    let mut open = Open::load(&ctx.store, meta)?;
    t.lap("load");
    session::set_git_fields(
        &mut open.doc,
        crate::git::head_of(&ctx.store.project).as_ref(),
    )?;
    t.lap("git");
    ctx.save(&mut open)?;
    if ctx.write {
        ctx.journal(
            open.doc.id(),
            "session-end",
            &[("reason", reason)],
            &format!("Claude session ended ({reason})"),
        )?;
        session::write_progress_md(&ctx.store, &open.doc, ctx.now)?;
    }
    t.lap("save");
    let log = usage::write_log(ctx, "session-end");
    t.lap("resume-log");
    silent(format!(
        "end ({reason}): checkpointed{}",
        match log {
            Ok(Some(l)) => format!(", resume log {l}"),
            Ok(None) => String::new(),
            Err(e) => format!("; resume log failed: {e:#}"),
        }
    ))
}

/// A cheap fingerprint of a document's text.
fn fingerprint(text: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    format!("{:016x}-{}", h.finish(), text.len())
}

/// A tool's absolute path as a project-relative one.
pub fn project_rel(project: &Path, path: &str) -> String {
    let p = Path::new(path);
    fsutil::relative_to(p, project).display().to_string()
}

/// Append one line to the hook log (only inside an existing store). The log
/// is capped by rotating it once it passes 256 KiB.
pub fn log_line(store: &Store, event: &str, elapsed: Duration, status: &str, note: &str) {
    let local = store.local_dir();
    if !store.exists() || fsutil::ensure_private_dir(&local).is_err() {
        return;
    }
    let path = store.hook_log();
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > 256 * 1024) {
        let _ = std::fs::rename(&path, local.join("hook.log.1"));
    }
    // Notes quote payloads: redacted (the built-in rules; the handler has
    // applied the store's own), and on one line.
    let note = crate::redact::Redactor::builtin().redact(note);
    let note = crate::frame::one_line(&note, 300);
    let line = format!(
        "{}\t{event}\t{:.3}\t{status}\t{note}\n",
        clock::iso(clock::now()),
        elapsed.as_secs_f64() * 1000.0
    );
    use std::os::unix::fs::OpenOptionsExt;
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(&path)
    {
        let _ = crate::fsutil::ensure_mode(&f, 0o600);
        let _ = f.write_all(line.as_bytes());
    }
}
