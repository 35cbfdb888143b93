//! What each hook event means: read the store, decide, and return a
//! [`Plan`]. Nothing here writes; `apply` carries out the effects.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::wire::{Event, Tool};
use super::{Ctx, Effect, Mention, Out, Plan, Timings, inject, intent, project_rel, state, usage};
use std::cell::RefCell;
use std::rc::Rc;

use crate::clock;
use crate::doc::{Document, Value};
use crate::session::tasks::{Links, Status};
use crate::session::view::View;
use crate::session::{self, Open};
use crate::store::{self, Meta};

pub(super) fn dispatch(ctx: &mut Ctx, event: Event, t: &mut Timings) -> Result<Plan> {
    let model = match &event {
        Event::SessionStart { .. } => usage::remember_model(ctx),
        _ => None,
    };
    let mut plan = match event {
        Event::SessionStart { source, .. } if source == "compact" => after_compact(ctx, t),
        Event::SessionStart { source, .. } => session_start(ctx, &source, t),
        Event::Prompt { text } => prompt(ctx, &text, t),
        Event::PreCompact { trigger, .. } => pre_compact(ctx, &trigger, t),
        Event::PostCompact { trigger, summary } => post_compact(ctx, &trigger, &summary),
        Event::ToolUse(tool) => tool_use(ctx, tool, t),
        Event::TaskCreated { id, subject } => task_event(ctx, id, Some(subject), None, t),
        Event::TaskCompleted { id, subject } => {
            task_event(ctx, id, subject, Some(Status::Completed), t)
        }
        Event::Stop => stop(ctx),
        Event::SessionEnd { reason } => session_end(ctx, &reason, t),
        Event::Other(name) => Ok(Plan::silent(format!("ignored {name}"))),
    }?;
    if let Some(m) = model {
        plan.effects.insert(0, m);
    }
    Ok(plan)
}

/// Queue a journal entry on an open document: written after its save.
/// Payload text in it was redacted with the store's patterns when the
/// handler read it (`Ctx::redact`); the journal applies the built-in rules
/// once more.
fn journal(
    open: &mut Open,
    now: DateTime<Utc>,
    kind: &'static str,
    fields: &[(&str, &str)],
    text: &str,
) {
    open.journal(kind, now, fields, text);
}

fn entry(id: &str, kind: &'static str, fields: &[(&'static str, &str)], text: String) -> Effect {
    Effect::Journal {
        id: id.to_string(),
        kind,
        fields: fields.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        text,
    }
}

/// Bind this Claude session to a session (file in `.local/`); the
/// frontmatter listing is the caller's (`lazily`: the next save's).
fn bind(ctx: &Ctx, id: &str, list_later: bool) -> Option<Effect> {
    let c = ctx.claude().and_then(crate::names::safe_external_id)?;
    Some(Effect::Bind {
        claude: c,
        id: id.to_string(),
        list_later,
    })
}

fn session_start(ctx: &mut Ctx, source: &str, t: &mut Timings) -> Result<Plan> {
    let Some(meta) = ctx.pick() else {
        if let Some(v) = ctx.several() {
            return Ok(Plan::say(
                Out::context(
                    "SessionStart",
                    crate::binding::several_text(
                        &v,
                        ctx.now,
                        ctx.common.agent,
                        ctx.claude()
                            .and_then(crate::names::safe_external_id)
                            .as_deref(),
                    ),
                ),
                format!("{source}: {} active sessions listed", v.len()),
            ));
        }
        let all = ctx.store.metas(false);
        let own = ctx.own();
        let metas: Vec<store::Meta> = own.filter(&all).into_iter().cloned().collect();
        // A session from elsewhere is named in one line, never injected.
        let foreign = store::latest(&all, |s| s.is_open())
            .filter(|f| !own.contains(f.id()))
            .map(|f| {
                (
                    format!(
                        "session-hook: {}",
                        crate::provenance::foreign_pointer(
                            f,
                            crate::binding::resume_command(ctx.common.agent)
                        )
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
                "session-hook: no active session; the newest paused one is \"{name}\" ({}{when}). Resume it with {} {name}.",
                crate::frame::one_line(p.front.title.as_deref().unwrap_or(""), 120),
                crate::binding::resume_command(ctx.common.agent),
            );
            let text = match &resume_log {
                Some((r, _)) => format!("{text}\n\n{r}"),
                None => text,
            };
            let text = match &foreign {
                Some((f, _)) => format!("{text}\n{f}"),
                None => text,
            };
            return Ok(Plan::say(
                Out::context("SessionStart", text),
                format!("{source}: pointed to paused {name}"),
            ));
        }
        if let Some((text, name)) = foreign {
            return Ok(Plan::say(
                Out::context("SessionStart", text),
                format!("{source}: pointed to {name}, from elsewhere"),
            ));
        }
        if let Some((text, note)) = resume_log {
            return Ok(Plan::say(
                Out::context("SessionStart", text),
                format!("{source}: {note}"),
            ));
        }
        // Bundles are offered in a store this machine has worked in: one
        // that came with a clone is someone else's words.
        let worked_here = || !own.filter(&ctx.store.metas(true)).is_empty();
        if worked_here()
            && let Some(text) = crate::bundle::session_start_offer(&ctx.store, ctx.now)
        {
            return Ok(Plan::say(
                Out::context("SessionStart", text),
                format!("{source}: offered the newest bundle"),
            ));
        }
        return Ok(Plan::silent(format!("{source}: no session")));
    };
    t.lap("load");
    let doc = ctx.store.load(&meta.path)?;
    t.lap("load");
    // A resumed conversation still holds what it was given: once per
    // compaction epoch, unless work was logged since.
    if source == "resume" && already_given(ctx, &doc) {
        return Ok(Plan::silent(format!(
            "{source}: already injected in this epoch"
        )));
    }
    let text = render(ctx, &doc, &meta.path, t, inject::startup_context, true);
    let note = format!(
        "{source}: injected {} chars from {}",
        text.len(),
        doc.shortname()
    );
    let mut plan = Plan::say(Out::resume("SessionStart", &text), note);
    plan.effects.extend(given(ctx, &doc));
    // Bound without rewriting the document: the frontmatter listing
    // follows at its next save. A busy store only defers the binding.
    let listed = ctx
        .claude()
        .is_some_and(|c| doc.front().claude_sessions.iter().any(|l| l == c));
    plan.effects.extend(bind(ctx, doc.id(), !listed));
    Ok(plan)
}

/// A new Claude session with no active session: the newest recent resume
/// log, if any, as (text, note).
fn resume_log_pointer(ctx: &Ctx, source: &str) -> Option<(String, String)> {
    if !matches!(source, "startup" | "clear") {
        return None;
    }
    crate::resume_log::startup_pointer(&ctx.store, ctx.now)
}

fn after_compact(ctx: &mut Ctx, t: &mut Timings) -> Result<Plan> {
    let Some(meta) = ctx.pick() else {
        return Ok(Plan::silent("compact: no active session"));
    };
    let mut doc = ctx.store.load(&meta.path)?;
    t.lap("load");
    // The context tells Claude of the compaction it comes after; this copy
    // is never saved (the edit below counts it on disk).
    let n = doc.front().compaction_count + 1;
    doc.set_front(&[("compaction_count", Value::Int(n))])?;
    let text = render(ctx, &doc, &meta.path, t, inject::resume_context, true);
    let note = format!("compact #{n}: injected {} chars", text.len());
    let mut plan = Plan::say(Out::resume("SessionStart", &text), note);
    plan.effects.extend(given(ctx, &doc));
    let claude = ctx.claude().and_then(crate::names::safe_external_id);
    plan.effects.extend(bind(ctx, doc.id(), false));
    let now = ctx.now;
    Ok(plan.then(Effect::Edit {
        meta,
        edit: Box::new(move |open, _| {
            // Counted on the document as it is now, not as it was read.
            let n = open.doc.front().compaction_count + 1;
            open.doc.set_front(&[("compaction_count", Value::Int(n))])?;
            if let Some(c) = &claude {
                session::add_claude_session(&mut open.doc, c)?;
            }
            journal(
                open,
                now,
                "compaction",
                &[("count", &n.to_string())],
                &format!("Compaction #{n}: context re-injected"),
            );
            Ok(())
        }),
    }))
}

fn prompt(ctx: &mut Ctx, text: &str, t: &mut Timings) -> Result<Plan> {
    let warning = usage::check(ctx, t);
    usage::merge("UserPromptSubmit", continuation(ctx, text, t), warning)
}

fn continuation(ctx: &mut Ctx, text: &str, t: &mut Timings) -> Result<Plan> {
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
        return Ok(Plan::silent("prompt: not a continuation"));
    }
    let (meta, paused) = match ctx.pick() {
        Some(m) => (m, false),
        None => {
            // Only a paused session of this machine's own: its context,
            // said to be paused. One from elsewhere is never injected.
            let all = ctx.store.metas(false);
            let metas: Vec<Meta> = ctx.own().filter(&all).into_iter().cloned().collect();
            match store::latest(&metas, |s| *s == crate::doc::Status::Paused) {
                Some(p) => (p.clone(), true),
                None => return Ok(Plan::silent("continue: no active session")),
            }
        }
    };
    let doc = ctx.store.load(&meta.path)?;
    t.lap("load");
    // One resume context per compaction epoch and Claude session,
    // whichever event gave it, unless work was logged since.
    if already_given(ctx, &doc) {
        return Ok(Plan::silent("continue: already injected in this epoch"));
    }
    // A paused session gets no request to keep it current: nothing is
    // recorded in it until it is resumed.
    let out = render(
        ctx,
        &doc,
        &meta.path,
        t,
        if paused {
            inject::paused_context
        } else {
            inject::resume_context
        },
        !paused,
    );
    let said = if paused {
        Out::document("UserPromptSubmit", &out)
    } else {
        Out::resume("UserPromptSubmit", &out)
    };
    let note = format!(
        "continue: injected {} chars{}",
        out.len(),
        if paused { " (paused session)" } else { "" }
    );
    let mut plan = Plan::say(said, note);
    plan.effects.extend(given(ctx, &doc));
    Ok(plan)
}

/// A resume context for `doc` (at `path`): its short change report and
/// its view with the journal, rendered by `renderer` within the budget,
/// less the closing request to keep the session current when it follows
/// (`keep`, see [`Out::resume`]).
fn render(
    ctx: &Ctx,
    doc: &Document,
    path: &std::path::Path,
    t: &mut Timings,
    renderer: fn(&inject::Input) -> String,
    keep: bool,
) -> String {
    let changes = crate::changes::short_report(&ctx.store, doc, ctx.now);
    t.lap("git");
    let view = View::with_journal(doc, &ctx.store);
    let text = renderer(&inject::Input {
        view: &view,
        rel_path: &ctx.rel(path),
        changes,
        budget: if keep {
            super::resume_budget(ctx)
        } else {
            super::render_budget(ctx)
        },
        now: ctx.now,
    });
    t.lap("render");
    text
}

/// Whether this Claude session was given `doc`'s context in its current
/// compaction epoch, with no work logged since.
fn already_given(ctx: &Ctx, doc: &Document) -> bool {
    let Some(c) = ctx.claude() else {
        return false;
    };
    let st = state::load(&ctx.store, c);
    st.continue_epoch == Some(doc.front().compaction_count)
        && st.continue_updated.as_deref() == Some(inject::work_mark(doc).as_str())
}

/// Remember that this Claude session was given `doc`'s resume context in
/// the document's compaction epoch, with the work it then recorded.
fn given(ctx: &Ctx, doc: &Document) -> Option<Effect> {
    let c = ctx.claude()?;
    let epoch = doc.front().compaction_count;
    let mark = inject::work_mark(doc);
    Some(Effect::state(c, move |st| {
        st.continue_epoch = Some(epoch);
        st.continue_updated = Some(mark);
    }))
}

fn pre_compact(ctx: &mut Ctx, trigger: &str, t: &mut Timings) -> Result<Plan> {
    // Warnings start over after a compaction, with or without a session.
    // Failing to record that, or to write the resume log below, must not
    // cost the summariser its instructions: both only go to the log.
    let epoch = usage::new_epoch(ctx).map(|e| e.soft("warnings not reset"));
    let Some(meta) = ctx.pick() else {
        let mut plan = Plan::silent("precompact: no active session");
        plan.effects.extend(epoch);
        return Ok(plan);
    };
    let doc = ctx.store.load(&meta.path)?;
    t.lap("load");
    let view = View::of(&doc);
    let text = format!(
        "{}\n\n{}",
        crate::frame::document(&inject::precompact_text(&view)),
        inject::precompact_request(&view, &ctx.rel(&meta.path))
    );
    t.lap("render");
    let mut plan = Plan::say(
        Out::Plain(text),
        format!("precompact ({trigger}): checkpointed"),
    );
    plan.effects.extend(epoch);
    plan.effects.push(entry(
        doc.id(),
        "precompact",
        &[("trigger", trigger)],
        format!("Checkpoint before {trigger} compaction"),
    ));
    plan.effects.push(Effect::ProgressMd { meta: meta.clone() });
    plan.effects.push(usage::resume_log(
        ctx,
        meta,
        &format!("precompact-{trigger}"),
        Mention::Plain,
    ));
    Ok(plan)
}

/// Longest compaction summary we keep in the journal.
const MAX_SUMMARY: usize = 64 * 1024;

fn post_compact(ctx: &mut Ctx, trigger: &str, summary: &str) -> Result<Plan> {
    let Some(meta) = ctx.pick() else {
        return Ok(Plan::silent("postcompact: no active session"));
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
    if s.trim().is_empty() {
        s = "(empty summary)".into();
    }
    // The summary's closing `Session TL;DR:` line is the freshest account
    // of the work: it becomes the TL;DR, dated.
    // Redacted here, where the store's patterns are at hand.
    let tldr = inject::summary_tldr(&s).map(|t| ctx.redact(&t));
    let plan = Plan::silent("postcompact: summary kept").then(entry(
        meta.id(),
        "compact-summary",
        &[("trigger", trigger)],
        s,
    ));
    let Some(tldr) = tldr else {
        return Ok(plan);
    };
    let now = ctx.now;
    Ok(plan.then(Effect::Edit {
        meta,
        edit: Box::new(move |open, note| {
            session::set_tldr(&mut open.doc, &tldr, now);
            note.push_str(", TL;DR replaced");
            Ok(())
        }),
    }))
}

fn tool_use(ctx: &mut Ctx, tool: Tool, t: &mut Timings) -> Result<Plan> {
    let warning = usage::check(ctx, t);
    usage::merge("PostToolUse", tool_event(ctx, tool, t), warning)
}

fn tool_event(ctx: &mut Ctx, tool: Tool, t: &mut Timings) -> Result<Plan> {
    match tool {
        Tool::Other(name) => Ok(Plan::silent(format!("tool {name}: ignored"))),
        Tool::Several(tools) => {
            let mut all = Plan::default();
            let mut notes = Vec::new();
            for tool in tools {
                let p = tool_event(ctx, tool, t)?;
                notes.push(p.note);
                all.effects.extend(p.effects);
            }
            all.note = notes.join("; ");
            Ok(all)
        }
        Tool::Read { path } => {
            let Some(meta) = ctx.pick() else {
                return Ok(Plan::silent("read: no active session"));
            };
            let rel = project_rel(&ctx.store.project, &path);
            if rel.starts_with(".sessions/") {
                return Ok(Plan::silent("read: store file"));
            }
            Ok(Plan::silent(format!("read {rel}")).then(entry(
                meta.id(),
                "read",
                &[("path", &rel)],
                format!("Viewed {rel}"),
            )))
        }
        Tool::Edited { tool, path } => {
            t.lap("usage");
            let Some(meta) = ctx.pick() else {
                return Ok(Plan::silent("edit: no active session"));
            };
            t.lap("pick");
            let rel = project_rel(&ctx.store.project, &path);
            if rel.starts_with(".sessions/") {
                return Ok(Plan::silent("edit: store file"));
            }
            let rel = ctx.redact(&rel);
            t.lap("redact");
            // Most edits touch a file already listed: then only the journal
            // changes, and the list is read without loading the document.
            if let Some(listed) = ctx
                .store
                .peek_section(&meta.path, crate::doc::Sec::FilesModified)
                && crate::doc::sections::files(&listed).contains(&rel)
            {
                t.lap("load");
                return Ok(
                    Plan::silent(format!("{tool} {rel} (already listed)")).then(entry(
                        meta.id(),
                        "file",
                        &[("path", &rel), ("tool", &tool)],
                        format!("{tool} {rel}"),
                    )),
                );
            }
            let now = ctx.now;
            let note = format!("{tool} {rel}");
            Ok(Plan::silent(note).then(Effect::Edit {
                meta,
                edit: Box::new(move |open, _| {
                    journal(
                        open,
                        now,
                        "file",
                        &[("path", &rel), ("tool", &tool)],
                        &format!("{tool} {rel}"),
                    );
                    session::add_file_modified(&mut open.doc, &rel);
                    Ok(())
                }),
            }))
        }
        Tool::Todos(todos) => {
            let Some(meta) = ctx.pick() else {
                return Ok(Plan::silent("todos: no active session"));
            };
            let now = ctx.now;
            let items: Vec<(String, Status)> = todos
                .iter()
                .map(|td| (ctx.redact(&td.content), td.status.into()))
                .collect();
            let plan = Plan::silent(format!("todos: {} items", items.len()));
            Ok(with_links(ctx, meta, plan, move |open, links, note| {
                let done = session::done_note(now, None);
                if let Some(line) = session::tasks::todos(&mut open.doc, links, &items, &done) {
                    journal(open, now, "todos", &[("source", "TodoWrite")], &line);
                    note.push_str(", synced");
                }
            }))
        }
        Tool::TaskCreate { id, subject } => task_event(ctx, id, Some(subject), None, t),
        Tool::TaskUpdate {
            id,
            subject,
            status,
        } => task_event(ctx, Some(id), subject, status.map(Into::into), t),
    }
}

/// Edit the document with this Claude session's task and todo links to
/// steps, and keep what the edit makes of them (all under the lock).
fn with_links(
    ctx: &Ctx,
    meta: Meta,
    mut plan: Plan,
    f: impl FnOnce(&mut Open, &mut Links, &mut String) + 'static,
) -> Plan {
    let cell: Rc<RefCell<Links>> = Rc::default();
    let claude = ctx.claude().and_then(crate::names::safe_external_id);
    if let Some(c) = &claude {
        let cell = cell.clone();
        plan = plan.then(Effect::state(c, move |st| *cell.borrow_mut() = st.links()));
    }
    let edit_cell = cell.clone();
    plan = plan.then(Effect::Edit {
        meta,
        edit: Box::new(move |open, note| {
            f(open, &mut edit_cell.borrow_mut(), note);
            Ok(())
        }),
    });
    if let Some(c) = &claude {
        plan = plan.then(Effect::state(c, move |st| {
            st.set_links(cell.take());
        }));
    }
    plan
}

/// A task created, renamed, started, completed or deleted: its step,
/// linked by task id (see [`session::tasks`]), follows.
fn task_event(
    ctx: &mut Ctx,
    id: Option<String>,
    subject: Option<String>,
    status: Option<Status>,
    t: &mut Timings,
) -> Result<Plan> {
    let Some(meta) = ctx.pick() else {
        return Ok(Plan::silent("task: no active session"));
    };
    t.lap("load");
    let subject = subject.map(|s| ctx.redact(&s));
    let now = ctx.now;
    let plan = Plan::silent("task");
    Ok(with_links(ctx, meta, plan, move |open, links, note| {
        let done = session::done_note(now, None);
        let Some(what) = session::tasks::task(
            &mut open.doc,
            links,
            id.as_deref(),
            subject.as_deref(),
            status,
            &done,
        ) else {
            *note = "task: unknown task id".into();
            return;
        };
        if open.changed() {
            let idf = id.clone().unwrap_or_default();
            journal(
                open,
                now,
                "task",
                &[("task_id", &idf)],
                &format!("Task {what}"),
            );
        }
        *note = format!("task {what}");
    }))
}

fn stop(ctx: &mut Ctx) -> Result<Plan> {
    let Some(c) = ctx.claude() else {
        return Ok(Plan::silent("stop: no session id"));
    };
    let now = clock::iso(ctx.now);
    Ok(
        Plan::silent("stop: activity stamped").then(Effect::state(c, move |st| {
            st.last_activity = Some(now);
        })),
    )
}

fn session_end(ctx: &mut Ctx, reason: &str, t: &mut Timings) -> Result<Plan> {
    let Some(meta) = ctx.pick() else {
        return Ok(Plan::silent("end: no active session"));
    };
    let head = crate::git::head_of(&ctx.store.project);
    t.lap("git");
    let now = ctx.now;
    let reason_owned = reason.to_string();
    let agent = ctx.common.agent.title();
    let log = usage::resume_log(ctx, meta.clone(), "session-end", Mention::Note);
    Ok(Plan::silent(format!("end ({reason}): checkpointed"))
        .then(Effect::Edit {
            meta: meta.clone(),
            edit: Box::new(move |open, _| {
                session::set_git_fields(&mut open.doc, head.as_ref())?;
                journal(
                    open,
                    now,
                    "session-end",
                    &[("reason", &reason_owned)],
                    &format!("{agent} session ended ({reason_owned})"),
                );
                Ok(())
            }),
        })
        .then(Effect::ProgressMd { meta })
        .then(log))
}
