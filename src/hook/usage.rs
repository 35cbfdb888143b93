//! Context usage in the hooks: threshold warnings on UserPromptSubmit and
//! PostToolUse, resume logs at the critical level, before a compaction and
//! at the end of a Claude session, and the model a session runs on.
//!
//! The warning check runs on every prompt and every tool call, so its
//! common path is: read the tail of the transcript, read one small state
//! file, compare. The config is parsed only when `config.yaml` exists, and
//! nothing is written unless a warning is given.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use super::{Ctx, Outcome, Timings, context_json, state};
use crate::config::Config;
use crate::resume_log::{self, Facts};
use crate::usage::{self, Level};
use crate::{session, transcript};

/// A warning to inject, and a note for the hook log.
pub struct Given {
    pub text: String,
    pub note: String,
}

/// Thresholds and window overrides: the config's when a config file
/// exists, else the defaults without parsing anything.
fn limits(ctx: &mut Ctx) -> (Vec<u8>, BTreeMap<String, u64>) {
    if ctx.store.dir.join("config.yaml").exists() {
        let c = ctx.config();
        (c.thresholds.clone(), c.windows.clone())
    } else {
        (Config::default().thresholds, BTreeMap::new())
    }
}

/// The warning due now for this Claude session, if any; recorded as given.
pub fn check(ctx: &mut Ctx, t: &mut Timings) -> Option<Given> {
    let path = ctx.common.transcript.clone()?;
    let claude = ctx.claude().and_then(crate::names::safe_external_id)?;
    let u = transcript::last_usage(Path::new(&path)).ok()?;
    t.lap("transcript");
    let used = u.used?;
    let st = state::load(&ctx.store, &claude);
    let (thresholds, windows) = limits(ctx);
    let (w, model) = usage::window_for(
        None,
        st.window,
        &[st.model.as_deref(), u.model.as_deref()],
        &windows,
    );
    let due = usage::due(&thresholds, used, w.size, &st)?;
    let mut text = usage::warning_text(due.level, due.threshold, used, w.size);
    let mut note = format!(
        "context {:.1}%: {:?} at {}%",
        usage::percent(used, w.size),
        due.level,
        due.threshold
    );
    if !ctx.write {
        return Some(Given { text, note });
    }
    let Ok(Some(_lock)) = ctx.lock() else {
        // Better a warning given twice than one never given.
        note.push_str(" (store busy: not recorded)");
        return Some(Given { text, note });
    };
    // Another hook may have given it while we looked.
    let mut st = state::load(&ctx.store, &claude);
    let due = usage::due(&thresholds, used, w.size, &st)?;
    st.warned_epoch = due.epoch;
    st.warned = due.mark.clone();
    st.warned_used = Some(used);
    if due.level == Level::Critical && st.critical_epoch != Some(due.epoch) {
        st.critical_epoch = Some(due.epoch);
        let facts = Facts {
            model: model.clone(),
            window: w.clone(),
            usage: Some(u.clone()),
            claude_session: Some(claude.clone()),
        };
        match critical_checkpoint(ctx, &facts, due.threshold) {
            Ok(Some(rel)) => {
                text.push_str(&format!("\nResume log generated: {rel}"));
                note.push_str(&format!("; resume log {rel}"));
            }
            Ok(None) => text.push_str(
                "\nNo active session, so no resume log was written (start one with /session-init).",
            ),
            Err(e) => note.push_str(&format!("; resume log failed: {e:#}")),
        }
        t.lap("resume-log");
    }
    if let Err(e) = state::save(&ctx.store, &claude, &st) {
        note.push_str(&format!("; state not saved: {e:#}"));
    }
    Some(Given { text, note })
}

/// At the critical level: a journal entry, progress.md, and a resume log.
/// The caller holds the lock. `None` when there is no session to save.
fn critical_checkpoint(ctx: &mut Ctx, facts: &Facts, threshold: u8) -> Result<Option<String>> {
    let Some(meta) = ctx.pick() else {
        return Ok(None);
    };
    let doc = ctx.store.load(&meta.path)?;
    ctx.journal(
        doc.id(),
        "checkpoint",
        &[("trigger", "context-critical")],
        &format!("Checkpoint at {threshold}% context usage"),
    )?;
    session::write_progress_md(&ctx.store, &doc, ctx.now)?;
    let keep = ctx.config().retention.resume_logs;
    let mut log = resume_log::build(&ctx.store, &meta, &doc, ctx.now, "critical", facts);
    let p = resume_log::write(&ctx.store, &mut log, keep, ctx.redactor())?;
    Ok(Some(resume_log::rel(&ctx.store, &p)))
}

/// Put a warning in front of whatever else the event injects, as one
/// `additionalContext`. A warning survives a failure of the rest.
pub fn merge(event: &str, out: Result<Outcome>, given: Option<Given>) -> Result<Outcome> {
    let Some(g) = given else { return out };
    match out {
        Ok(o) if o.stdout.is_empty() => Ok(Outcome {
            stdout: context_json(event, &g.text),
            note: format!("{}; {}", g.note, o.note),
        }),
        Ok(o) => {
            let rest = serde_json::from_str::<serde_json::Value>(&o.stdout)
                .ok()
                .and_then(|v| {
                    v.pointer("/hookSpecificOutput/additionalContext")
                        .and_then(|c| c.as_str())
                        .map(str::to_string)
                })
                .unwrap_or(o.stdout);
            Ok(Outcome {
                stdout: context_json(event, &format!("{}\n\n{rest}", g.text)),
                note: format!("{}; {}", g.note, o.note),
            })
        }
        Err(e) => Ok(Outcome {
            stdout: context_json(event, &g.text),
            note: format!("{}; the rest failed: {e:#}", g.note),
        }),
    }
}

/// What the transcript and the state say about the context now (for the
/// resume logs written by PreCompact and SessionEnd).
fn facts(ctx: &mut Ctx) -> Facts {
    let claude = ctx.claude().and_then(crate::names::safe_external_id);
    let st = claude
        .as_deref()
        .map(|c| state::load(&ctx.store, c))
        .unwrap_or_default();
    let u = ctx
        .common
        .transcript
        .as_deref()
        .and_then(|p| transcript::last_usage(Path::new(p)).ok());
    let (_, windows) = limits(ctx);
    let (window, model) = usage::window_for(
        None,
        st.window,
        &[
            ctx.common.model.as_deref(),
            st.model.as_deref(),
            u.as_ref().and_then(|u| u.model.as_deref()),
        ],
        &windows,
    );
    Facts {
        window,
        model,
        usage: u,
        claude_session: claude,
    }
}

/// Write a resume log for the session being worked on (the caller holds
/// the lock). Returns its path relative to the project.
pub fn write_log(ctx: &mut Ctx, trigger: &str) -> Result<Option<String>> {
    if !ctx.write {
        return Ok(None);
    }
    let Some(meta) = ctx.pick() else {
        return Ok(None);
    };
    let doc = ctx.store.load(&meta.path)?;
    let facts = facts(ctx);
    let keep = ctx.config().retention.resume_logs;
    let mut log = resume_log::build(&ctx.store, &meta, &doc, ctx.now, trigger, &facts);
    let p = resume_log::write(&ctx.store, &mut log, keep, ctx.redactor())?;
    Ok(Some(resume_log::rel(&ctx.store, &p)))
}

/// A compaction is about to start a new epoch for this Claude session:
/// every warning may be given once more (the caller holds the lock).
pub fn new_epoch(ctx: &Ctx) -> Result<()> {
    let Some(c) = ctx.claude().and_then(crate::names::safe_external_id) else {
        return Ok(());
    };
    if !ctx.write {
        return Ok(());
    }
    let mut st = state::load(&ctx.store, &c);
    st.warned_epoch += 1;
    st.warned.clear();
    st.warned_used = None;
    state::save(&ctx.store, &c, &st)
}

/// Remember the model SessionStart reports, so the window can be found
/// before the statusline has run. Written only when it changed.
pub fn remember_model(ctx: &Ctx) {
    let (Some(model), Some(c)) = (
        ctx.common.model.clone(),
        ctx.claude().and_then(crate::names::safe_external_id),
    ) else {
        return;
    };
    if !ctx.write || state::load(&ctx.store, &c).model.as_deref() == Some(model.as_str()) {
        return;
    }
    if let Ok(Some(_lock)) = ctx.lock() {
        let mut st = state::load(&ctx.store, &c);
        st.model = Some(model);
        let _ = state::save(&ctx.store, &c, &st);
    }
}
