//! What each hook event means: read the store, decide, and return a
//! [`Plan`]. Nothing here writes; `apply` carries out the effects.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::wire::{self, Event, Tool};
use super::{Ctx, Effect, Mention, Out, Plan, Timings, inject, intent, project_rel, state, usage};
use crate::clock;
use crate::doc::Value;
use crate::doc::progress::Sub;
use crate::session::{self, Open};
use crate::store;

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
        Event::TaskCreated { id, subject } => task_event(ctx, id, Some(subject), Sub::Remaining, t),
        Event::TaskCompleted { id, subject } => task_event(ctx, id, subject, Sub::Completed, t),
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
    let changes = crate::changes::short_report(&ctx.store, &doc, ctx.now);
    t.lap("git");
    let budget = super::render_budget(ctx);
    let rel = ctx.rel(&meta.path);
    let text = inject::startup_context(&doc, &rel, changes, budget);
    t.lap("render");
    let note = format!(
        "{source}: injected {} chars from {}",
        text.len(),
        doc.shortname()
    );
    let mut plan = Plan::say(Out::document("SessionStart", &text), note);
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
    let changes = crate::changes::short_report(&ctx.store, &doc, ctx.now);
    t.lap("git");
    let budget = super::render_budget(ctx);
    let rel = ctx.rel(&meta.path);
    let text = inject::resume_context(&doc, &rel, changes, budget);
    t.lap("render");
    let note = format!("compact #{n}: injected {} chars", text.len());
    let mut plan = Plan::say(Out::document("SessionStart", &text), note);
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
    let Some(meta) = ctx.pick() else {
        return Ok(Plan::silent("continue: no active session"));
    };
    let doc = ctx.store.load(&meta.path)?;
    t.lap("load");
    let Some(claude) = ctx.claude().map(str::to_string) else {
        // Without a Claude session id we cannot remember what we gave;
        // give it every time.
        let budget = super::render_budget(ctx);
        let text = inject::resume_context(&doc, &ctx.rel(&meta.path), None, budget);
        return Ok(Plan::say(
            Out::document("UserPromptSubmit", &text),
            "continue: injected (no session id)",
        ));
    };
    let st = state::load(&ctx.store, &claude);
    let epoch = doc.front().compaction_count;
    // "New work since" is any change to the document, not a clock reading:
    // two logs in the same second must still count.
    let updated = Some(fingerprint(doc.text()));
    if st.continue_epoch == Some(epoch) && st.continue_updated == updated {
        return Ok(Plan::silent("continue: already injected in this epoch"));
    }
    let changes = crate::changes::short_report(&ctx.store, &doc, ctx.now);
    t.lap("git");
    let budget = super::render_budget(ctx);
    let out = inject::resume_context(&doc, &ctx.rel(&meta.path), changes, budget);
    t.lap("render");
    let note = format!("continue: injected {} chars", out.len());
    Ok(
        Plan::say(Out::document("UserPromptSubmit", &out), note).then(Effect::state(
            &claude,
            move |st| {
                st.continue_epoch = Some(epoch);
                st.continue_updated = updated;
            },
        )),
    )
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
    let text = inject::precompact_text(&doc, &ctx.rel(&meta.path));
    t.lap("render");
    let mut plan = Plan::say(
        Out::Plain(crate::frame::document(&text)),
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
    Ok(Plan::silent("postcompact: summary kept").then(entry(
        meta.id(),
        "compact-summary",
        &[("trigger", trigger)],
        s,
    )))
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
            let n = todos.len();
            // Todo text goes into the document: redacted here, where the
            // store's patterns are at hand.
            let mut todos = todos;
            for td in &mut todos {
                td.content = ctx.redact(&td.content);
            }
            Ok(
                Plan::silent(format!("todos: {n} items")).then(Effect::Edit {
                    meta,
                    edit: Box::new(move |open, note| {
                        sync_todos(open, &todos, now);
                        if open.changed() {
                            note.push_str(", synced");
                        }
                        Ok(())
                    }),
                }),
            )
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
                    let mut plan = Plan::silent("task update: no status change");
                    // A rename only updates the id map.
                    if let (Some(s), Some(c)) = (subject, ctx.claude()) {
                        let s = ctx.redact(&s);
                        plan.effects.push(Effect::state(c, move |st| {
                            st.tasks.insert(id, s);
                        }));
                    }
                    Ok(plan)
                }
            }
        }
    }
}

/// Mirror a TodoWrite list into Progress; a journal entry when it moved
/// anything.
fn sync_todos(open: &mut Open, todos: &[wire::Todo], now: DateTime<Utc>) {
    let mut p = session::progress(&open.doc);
    let note = session::done_note(now, None);
    let mut current = None;
    for td in todos {
        let title = td.content.clone();
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
    if open.changed() {
        let (d, n) = p.counts();
        journal(
            open,
            now,
            "todos",
            &[("source", "TodoWrite")],
            &format!("Todo list synced: {d}/{n} steps complete"),
        );
    }
}

/// A task moved: created (Remaining), started, or completed. The subject
/// comes from the event, else from the id map of this Claude session.
fn task_event(
    ctx: &mut Ctx,
    id: Option<String>,
    subject: Option<String>,
    to: Sub,
    t: &mut Timings,
) -> Result<Plan> {
    let Some(meta) = ctx.pick() else {
        return Ok(Plan::silent("task: no active session"));
    };
    let claude = ctx.claude().map(str::to_string);
    let st = claude
        .as_deref()
        .map(|c| state::load(&ctx.store, c))
        .unwrap_or_default();
    t.lap("load");
    let subject = subject.map(|s| ctx.redact(&s));
    let subject = match (&subject, &id) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(i)) => st.tasks.get(i).cloned(),
        (None, None) => None,
    };
    let Some(subject) = subject else {
        return Ok(Plan::silent("task: unknown task id"));
    };
    let mut plan = Plan::silent(format!("task {subject}"));
    if let (Some(i), Some(c)) = (&id, &claude)
        && st.tasks.get(i) != Some(&subject)
    {
        let (i, s) = (i.clone(), subject.clone());
        plan.effects.push(Effect::state(c, move |st| {
            st.tasks.insert(i, s);
        }));
    }
    let now = ctx.now;
    Ok(plan.then(Effect::Edit {
        meta,
        edit: Box::new(move |open, note| {
            let mut p = session::progress(&open.doc);
            let done = session::done_note(now, None);
            let moved = p.place(&subject, to, Some(&done));
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
                let idf = id.unwrap_or_default();
                journal(
                    open,
                    now,
                    "task",
                    &[("task_id", &idf), ("status", word)],
                    &format!("Task {word}: {subject}"),
                );
            }
            *note = format!(
                "task {}: {subject}",
                if moved { "moved" } else { "unchanged" }
            );
            Ok(())
        }),
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
    // The reason comes from the payload: redacted like any of its text.
    let reason_owned = ctx.redact(reason);
    let reason = reason_owned.as_str();
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

/// A cheap fingerprint of a document's text.
fn fingerprint(text: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    format!("{:016x}-{}", h.finish(), text.len())
}
