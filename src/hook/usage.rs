//! Context usage in the hooks: threshold warnings on UserPromptSubmit and
//! PostToolUse, resume logs at the critical level, before a compaction and
//! at the end of a Claude session, and the model a session runs on.
//!
//! The warning check runs on every prompt and every tool call, so its
//! common path is: read the tail of the transcript, read one small state
//! file, compare. The config is parsed only when `config.yaml` exists, and
//! nothing is written unless a warning is given (see `apply`).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use super::{Ctx, Effect, Mention, Out, Plan, Timings, state};
use crate::config::Config;
use crate::resume_log::Facts;
use crate::store::Meta;
use crate::usage::{self, Level};

/// A warning to inject, a note for the hook log, and the effects that
/// record it as given.
pub(crate) struct Warning {
    pub text: String,
    pub note: String,
    pub effects: Vec<Effect>,
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

/// The window: the statusline's cached size, else the one the transcript
/// records (as exact), else the config and the model table.
fn window(
    cached: Option<u64>,
    recorded: Option<u64>,
    models: &[Option<&str>],
    windows: &BTreeMap<String, u64>,
) -> (usage::Window, Option<String>) {
    let (mut w, model) = usage::window_for(None, cached.or(recorded), models, windows);
    if cached.is_none() && recorded.is_some() {
        w.source = usage::WindowSource::Transcript;
    }
    (w, model)
}

/// The warning due now for this Claude session, if any, with the effect
/// that records it as given.
pub(crate) fn check(ctx: &mut Ctx, t: &mut Timings) -> Option<Warning> {
    let path = ctx.common.transcript.clone()?;
    let claude = ctx.claude().and_then(crate::names::safe_external_id)?;
    let u = crate::agents::last_usage(ctx.common.agent, Path::new(&path)).ok()?;
    t.lap("transcript");
    let used = u.used?;
    let st = state::load(&ctx.store, &claude);
    let (thresholds, windows) = limits(ctx);
    let (w, model) = window(
        st.window,
        u.window,
        &[st.model.as_deref(), u.model.as_deref()],
        &windows,
    );
    let due = usage::due(&thresholds, used, w.size, &st)?;
    let mut text = usage::warning_text(due.level, due.threshold, used, w.size);
    let note = format!(
        "context {:.1}%: {:?} at {}%",
        usage::percent(used, w.size),
        due.level,
        due.threshold
    );
    // At the critical level, once per epoch: a journal entry, progress.md
    // and a resume log, applied only if the state (read again under the
    // lock) still says it is due.
    let mut critical = Vec::new();
    if due.level == Level::Critical && st.critical_epoch != Some(due.epoch) {
        match ctx.pick() {
            Some(meta) => {
                let facts = Facts {
                    model: model.clone(),
                    window: w.clone(),
                    usage: Some(u.clone()),
                    claude_session: Some(claude.clone()),
                };
                critical.push(
                    Effect::Journal {
                        id: meta.id().to_string(),
                        kind: "checkpoint",
                        fields: vec![("trigger", "context-critical".into())],
                        text: format!("Checkpoint at {}% context usage", due.threshold),
                    }
                    .soft("checkpoint failed"),
                );
                critical.push(Effect::ProgressMd { meta: meta.clone() }.soft("checkpoint failed"));
                critical.push(Effect::ResumeLog {
                    meta,
                    trigger: "critical".into(),
                    facts: Box::new(facts),
                    mention: Mention::Warning,
                });
            }
            None => text.push_str(
                "\nNo active session, so no resume log was written (start one with /session-init).",
            ),
        }
    }
    let size = w.size;
    let record = Effect::State {
        claude,
        edit: Box::new(move |st| {
            // Another hook may have given it while we looked.
            let Some(due) = usage::due(&thresholds, used, size, st) else {
                return Vec::new();
            };
            st.warned_epoch = due.epoch;
            st.warned = due.mark.clone();
            st.warned_used = Some(used);
            if due.level == Level::Critical && st.critical_epoch != Some(due.epoch) {
                st.critical_epoch = Some(due.epoch);
                return critical;
            }
            Vec::new()
        }),
    }
    .soft("state not saved");
    Some(Warning {
        text,
        note,
        effects: vec![record],
    })
}

/// Put a warning in front of whatever else the event injects, as one
/// `additionalContext`. A warning survives a failure of the rest.
pub(crate) fn merge(
    event: &'static str,
    plan: Result<Plan>,
    given: Option<Warning>,
) -> Result<Plan> {
    let Some(g) = given else { return plan };
    let (rest, note, effects) = match plan {
        Ok(p) => {
            let rest = match p.out {
                Out::Context { parts, .. } => parts,
                Out::Plain(t) => vec![t],
                Out::Silent => Vec::new(),
            };
            (rest, format!("{}; {}", g.note, p.note), p.effects)
        }
        Err(e) => (
            Vec::new(),
            format!("{}; the rest failed: {e:#}", g.note),
            Vec::new(),
        ),
    };
    let mut parts = vec![g.text];
    parts.extend(rest);
    let mut all = g.effects;
    all.extend(effects);
    Ok(Plan {
        out: Out::Context { event, parts },
        note,
        effects: all,
    })
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
        .and_then(|p| crate::agents::last_usage(ctx.common.agent, Path::new(p)).ok());
    let (_, windows) = limits(ctx);
    let (window, model) = window(
        st.window,
        u.as_ref().and_then(|u| u.window),
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

/// A resume log for `meta`, with the context facts known now.
pub(crate) fn resume_log(ctx: &mut Ctx, meta: Meta, trigger: &str, mention: Mention) -> Effect {
    Effect::ResumeLog {
        meta,
        trigger: trigger.to_string(),
        facts: Box::new(facts(ctx)),
        mention,
    }
}

/// A compaction is about to start a new epoch for this Claude session:
/// every warning may be given once more.
pub(crate) fn new_epoch(ctx: &Ctx) -> Option<Effect> {
    let c = ctx.claude().and_then(crate::names::safe_external_id)?;
    Some(Effect::state(&c, |st| {
        st.warned_epoch += 1;
        st.warned.clear();
        st.warned_used = None;
    }))
}

/// Remember the model SessionStart reports, so the window can be found
/// before the statusline has run. Written only when it changed.
pub(crate) fn remember_model(ctx: &Ctx) -> Option<Effect> {
    let model = ctx.common.model.clone()?;
    let c = ctx.claude().and_then(crate::names::safe_external_id)?;
    if state::load(&ctx.store, &c).model.as_deref() == Some(model.as_str()) {
        return None;
    }
    Some(Effect::state(&c, move |st| st.model = Some(model)).soft("model not remembered"))
}
