//! Resume logs: a snapshot of a session written before the context runs
//! out (at the critical threshold, before a compaction, when Claude Code
//! exits, or on demand), as `.sessions/resume-logs/<shortname>-<stamp>.md`
//! plus a `.json` twin holding the same content. A new Claude session with
//! no active session is pointed at the newest one.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::agents::Agent;
use crate::doc::sections as s;
use crate::doc::{Document, Sec, Status};
use crate::session::view::{State, View};
use crate::store::{Meta, Store};
use crate::usage::{self, Window, thousands};
use crate::{clock, fsutil, journal, redact, session, transcript};

pub const VERSION: u32 = 1;

/// How recent a resume log must be for SessionStart to point at it.
pub const POINTER_MAX_AGE_DAYS: i64 = 7;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ResumeLog {
    pub version: u32,
    /// `<shortname>-<stamp>`: the file name without extension.
    pub id: String,
    /// The session document's id.
    pub session_id: String,
    pub shortname: String,
    pub title: String,
    pub status: String,
    pub session_file: String,
    pub generated_at: String,
    pub trigger: String,
    pub context_metrics: Metrics,
    /// One line: the objective, else the title.
    pub mission_summary: String,
    pub mission: Mission,
    pub accomplishments: Vec<String>,
    pub key_findings: Vec<String>,
    pub decisions: Vec<DecisionRec>,
    pub next_steps: NextSteps,
    pub critical_context: Critical,
    pub session_metadata: SessionMeta,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Metrics {
    pub timestamp: String,
    pub model: Option<String>,
    /// The context window, in tokens.
    pub total_budget: u64,
    pub window_source: String,
    pub used_tokens: Option<u64>,
    pub percent: Option<f64>,
    pub remaining_tokens: Option<u64>,
    /// Where `used_tokens` came from: `reply`, `compaction`, `no_reply`,
    /// `missing` (no transcript file) or `no_transcript` (none known).
    pub usage_basis: String,
    pub trigger: String,
    pub claude_session_id: Option<String>,
    /// The session's compaction count.
    pub compactions: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Mission {
    pub goal: String,
    pub objective: Option<String>,
    pub tldr: String,
    /// When the TL;DR was written, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tldr_written: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct DecisionRec {
    pub decision: String,
    pub at: Option<String>,
    pub context: Option<String>,
    pub options: Option<String>,
    pub rationale: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct NextSteps {
    /// In progress, the `<- CURRENT` step first.
    pub current: Vec<String>,
    /// Remaining steps of the checklist.
    pub remaining: Vec<String>,
    /// The Next Steps list, minus what is already above.
    pub next: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Critical {
    pub key_context: Vec<String>,
    pub key_files: Vec<String>,
    pub blockers: Vec<BlockerRec>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct BlockerRec {
    pub text: String,
    pub impact: Option<String>,
    pub mitigation: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct SessionMeta {
    pub files_modified: Vec<String>,
    pub files_viewed: Vec<String>,
    pub first_activity: Option<String>,
    pub last_activity: Option<String>,
    pub duration_seconds: Option<i64>,
    pub duration: Option<String>,
    pub errors: Vec<String>,
    pub journal_entries: usize,
    pub git_branch: Option<String>,
    pub git_last_commit: Option<String>,
}

/// What is known about the context when the log is written.
#[derive(Debug, Clone)]
pub struct Facts {
    pub model: Option<String>,
    pub window: Window,
    /// `None` when no transcript is known at all.
    pub usage: Option<transcript::Usage>,
    pub claude_session: Option<String>,
}

pub fn metrics(facts: &Facts, trigger: &str, now: DateTime<Utc>, compactions: u64) -> Metrics {
    let used = facts.usage.as_ref().and_then(|u| u.used);
    let w = facts.window.size;
    let basis = match &facts.usage {
        None => "no_transcript".to_string(),
        Some(u) => serde_json::to_value(u.basis)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    };
    let source = serde_json::to_value(facts.window.source)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    Metrics {
        timestamp: clock::iso(now),
        model: facts.model.clone(),
        total_budget: w,
        window_source: source,
        used_tokens: used,
        percent: used.map(|u| usage::percent(u, w)),
        remaining_tokens: used.map(|u| w.saturating_sub(u)),
        usage_basis: basis,
        trigger: trigger.to_string(),
        claude_session_id: facts.claude_session.clone(),
        compactions,
    }
}

/// Completed steps ("title (stamp, hash)") and pause accomplishments.
pub fn accomplishments(store: &Store, doc: &Document) -> Vec<String> {
    let v = View::steps_of(doc);
    let mut out: Vec<String> = v
        .steps_in(State::Done)
        .map(|i| match &i.note {
            Some(n) => format!("{} ({n})", i.title),
            None => i.title.clone(),
        })
        .collect();
    for a in pause_accomplishments(store, doc.id()) {
        if !out
            .iter()
            .any(|o| o == &a || o.starts_with(&format!("{a} (")))
        {
            out.push(a);
        }
    }
    out
}

/// Accomplishments recorded in pause snapshots, oldest first. The snapshot
/// keeps them at the top level or under `conversation`; both are read.
fn pause_accomplishments(store: &Store, id: &str) -> Vec<String> {
    let paths = crate::fsutil::files_with_ext(&store.journal_dir(id).join("pauses"), "json");
    let mut out: Vec<String> = Vec::new();
    for p in paths {
        let Ok(bytes) = fsutil::read_capped(&p, fsutil::MAX_SMALL) else {
            continue;
        };
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            continue;
        };
        let list = v
            .get("accomplishments")
            .or_else(|| v.get("conversation").and_then(|c| c.get("accomplishments")));
        for a in list.and_then(|l| l.as_array()).into_iter().flatten() {
            if let Some(t) = a.as_str().map(s::one_line).filter(|t| !t.is_empty())
                && !out.contains(&t)
            {
                out.push(t);
            }
        }
    }
    out
}

/// "(2026-01-15T10:00Z) text" → "text (2026-01-15T10:00Z)".
fn stamp_last(item: &str) -> String {
    if let Some(rest) = item.strip_prefix('(')
        && let Some((stamp, text)) = rest.split_once(") ")
        && stamp.starts_with(|c: char| c.is_ascii_digit())
    {
        return format!("{} ({stamp})", text.trim());
    }
    item.to_string()
}

/// A resume log is a brief, not an archive: it keeps the most recent
/// decisions and findings (the session file has them all), which also
/// keeps a hook that writes one within its memory budget.
const MAX_LISTED: usize = 40;

fn decision_recs(doc: &Document) -> Vec<DecisionRec> {
    // Decisions in force: a superseded one is left out.
    let (tail, _) = s::decisions_tail(doc.get(Sec::Decisions).unwrap_or(""), 2 * MAX_LISTED);
    let active: Vec<_> = tail
        .into_iter()
        .filter(|d| d.superseded_by().is_none())
        .collect();
    let skip = active.len().saturating_sub(MAX_LISTED);
    active
        .into_iter()
        .skip(skip)
        .map(|d| {
            let (decision, at) = match d.title.rsplit_once(" (") {
                Some((t, st))
                    if st.ends_with(')') && st.starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    (t.to_string(), Some(st.trim_end_matches(')').to_string()))
                }
                _ => (d.title.clone(), None),
            };
            let field = |k: &str| d.field(k).map(str::to_string);
            DecisionRec {
                decision,
                at,
                context: field("Context"),
                options: field("Options"),
                rationale: field("Rationale"),
            }
        })
        .collect()
}

fn next_steps(v: &View) -> NextSteps {
    let mut current: Vec<String> = Vec::new();
    if let Some(c) = &v.current {
        current.push(c.title.clone());
    }
    for i in v.steps_in(State::InProgress) {
        if !current.contains(&i.title) {
            current.push(i.title.clone());
        }
    }
    let remaining: Vec<String> = v
        .steps_in(State::Remaining)
        .map(|i| i.title.clone())
        .filter(|t| !current.contains(t))
        .collect();
    // Free-form next items: the ones that are no step.
    let next = v
        .next
        .iter()
        .filter(|n| n.step.is_none())
        .map(|n| n.text.clone())
        .collect();
    NextSteps {
        current,
        remaining,
        next,
    }
}

fn critical(doc: &Document) -> Critical {
    let ctx = doc.get(Sec::Context).unwrap_or("");
    Critical {
        key_context: s::labelled_block(ctx, "Key Context")
            .into_iter()
            .map(|l| l.trim().trim_start_matches(['-', '*']).trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        key_files: s::key_files(ctx),
        blockers: session::open_blockers(doc)
            .into_iter()
            .map(|b| BlockerRec {
                text: b.text,
                impact: b.impact,
                mitigation: b.mitigation,
            })
            .collect(),
    }
}

/// Files, times and errors from the journal (and the hook log).
fn metadata(store: &Store, doc: &Document) -> SessionMeta {
    let mut modified: Vec<String> = Vec::new();
    let mut viewed: Vec<String> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut times: Vec<DateTime<Utc>> = Vec::new();
    let mut count = 0usize;
    journal::visit(store, doc.id(), |e| {
        count += 1;
        if let Some(t) = clock::parse(&e.at) {
            // Only the first and last matter.
            if times.len() < 2 {
                times.push(t);
            } else {
                times[1] = times[1].max(t);
                times[0] = times[0].min(t);
            }
        }
        let list = match e.kind.as_str() {
            "file" => &mut modified,
            "read" => &mut viewed,
            "error" => {
                errors.push(s::one_line(&e.text));
                return;
            }
            _ => return,
        };
        if let Some(p) = e.field("path").filter(|p| !p.is_empty())
            && !list.iter().any(|x| x == p)
        {
            list.push(p.to_string());
        }
    });
    for f in s::files(doc.get(Sec::FilesModified).unwrap_or("")) {
        if !modified.contains(&f) {
            modified.push(f);
        }
    }
    let front = doc.front();
    for t in [&front.created_at, &front.updated_at]
        .into_iter()
        .flatten()
        .filter_map(|t| clock::parse(t))
    {
        times.push(t);
    }
    let first = times.iter().min().copied();
    let last = times.iter().max().copied();
    if let Some(f) = first {
        errors.extend(hook_errors(store, f));
    }
    let secs = first.zip(last).map(|(a, b)| (b - a).num_seconds());
    SessionMeta {
        files_modified: modified,
        files_viewed: viewed,
        first_activity: first.map(clock::iso),
        last_activity: last.map(clock::iso),
        duration_seconds: secs,
        duration: secs.map(clock::duration),
        errors,
        journal_entries: count,
        git_branch: front.git_branch.clone(),
        git_last_commit: front.git_last_commit.clone(),
    }
}

/// Failed hook runs since `since`, newest last (at most ten): the hook log
/// is per store, so this is "errors while this session was live".
fn hook_errors(store: &Store, since: DateTime<Utc>) -> Vec<String> {
    // Rotated at a few hundred KiB; a hook log that is not a file of ours
    // (a link, a device) is not read.
    let Ok(text) = fsutil::read_text(&store.hook_log()) else {
        return Vec::new();
    };
    let mut out: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let mut f = l.splitn(5, '\t');
            let (at, event, _ms, status, note) =
                (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
            let t = clock::parse(at)?;
            (t >= since && matches!(status, "error" | "panic")).then(|| {
                redact::Redactor::builtin()
                    .redact(&format!("{at} {event} hook: {note}"))
                    .into_owned()
            })
        })
        .collect();
    if out.len() > 10 {
        out.drain(..out.len() - 10);
    }
    out
}

/// Build the log for a session (nothing is written).
pub fn build(
    store: &Store,
    meta: &Meta,
    doc: &Document,
    now: DateTime<Utc>,
    trigger: &str,
    facts: &Facts,
) -> ResumeLog {
    let view = View::steps_of(doc);
    let objective = view.goal.clone();
    let title = doc.title();
    ResumeLog {
        version: VERSION,
        id: format!("{}-{}", doc.shortname(), clock::file_stamp(now)),
        session_id: doc.id().to_string(),
        shortname: doc.shortname().to_string(),
        title: title.clone(),
        status: doc.front().status.as_str().to_string(),
        session_file: fsutil::relative_to(&meta.path, &store.project)
            .display()
            .to_string(),
        generated_at: clock::iso(now),
        trigger: trigger.to_string(),
        context_metrics: metrics(facts, trigger, now, doc.front().compaction_count),
        mission_summary: objective.clone().unwrap_or_else(|| title.clone()),
        mission: Mission {
            goal: title,
            objective,
            tldr: view.tldr.text.clone().unwrap_or_default(),
            tldr_written: view.tldr.written.clone(),
        },
        accomplishments: accomplishments(store, doc),
        key_findings: {
            let all = s::numbered(doc.get(Sec::Discoveries).unwrap_or(""));
            let skip = all.len().saturating_sub(MAX_LISTED);
            all.into_iter()
                .skip(skip)
                .map(|(_, t)| stamp_last(&t))
                .collect()
        },
        decisions: decision_recs(doc),
        next_steps: next_steps(&view),
        critical_context: critical(doc),
        session_metadata: metadata(store, doc),
    }
}

/// Why a log was written, in words; a session's end names the agent whose
/// session it was.
fn trigger_words(log: &ResumeLog) -> String {
    match log.trigger.as_str() {
        "critical" => "context usage reached the critical threshold".into(),
        "precompact-manual" => "before a manual compaction".into(),
        "precompact-auto" => "before an automatic compaction".into(),
        "session-end" => format!("{} session ended", agent_of(log).title()),
        "manual" => "written on request".into(),
        other => other.into(),
    }
}

/// The agent that ran the conversation the log was written for (Claude
/// Code when none is known).
fn agent_of(log: &ResumeLog) -> Agent {
    log.context_metrics
        .claude_session_id
        .as_deref()
        .map(Agent::of_conversation)
        .unwrap_or_default()
}

fn list_or_none(out: &mut String, items: &[String], fmt: impl Fn(&str) -> String) {
    if items.is_empty() {
        out.push_str("- None\n");
    }
    for i in items {
        out.push_str(&fmt(i));
        out.push('\n');
    }
}

/// The markdown form. Pure: the same log always renders the same text.
pub fn render(log: &ResumeLog) -> String {
    let m = &log.context_metrics;
    let mut o = format!("# Session Resume Log: {}\n\n", log.id);
    o.push_str(&format!(
        "Generated: {} ({})\nSession: {} (`{}`, {}), status {}\nSession file: {}\n\n",
        log.generated_at,
        trigger_words(log),
        log.title,
        log.shortname,
        log.session_id,
        log.status,
        log.session_file
    ));

    o.push_str("## Context Metrics\n\n");
    o.push_str(&format!(
        "- Model: {}\n",
        m.model.as_deref().unwrap_or("unknown")
    ));
    o.push_str(&format!(
        "- Total Budget: {} tokens (window: {})\n",
        thousands(m.total_budget),
        if m.window_source.is_empty() {
            "default"
        } else {
            &m.window_source
        }
    ));
    match (m.used_tokens, m.percent, m.remaining_tokens) {
        (Some(u), Some(p), Some(r)) => {
            o.push_str(&format!("- Used: {} tokens ({p:.1}%)\n", thousands(u)));
            o.push_str(&format!("- Remaining: {} tokens\n", thousands(r)));
        }
        _ => {
            let why = match m.usage_basis.as_str() {
                "compaction" => "unknown until the next reply after a compaction",
                "no_reply" => "unknown (no reply in the transcript yet)",
                "missing" => "unknown (the transcript file is missing or empty)",
                _ => &format!(
                    "unknown (no transcript for this {})",
                    agent_of(log).conversation()
                ),
            };
            o.push_str(&format!("- Used: {why}\n"));
        }
    }
    o.push_str(&format!("- Trigger: {}\n", m.trigger));
    let conversation = match agent_of(log) {
        Agent::Claude => "Claude Session",
        other => other.conversation(),
    };
    o.push_str(&format!(
        "- {conversation} ID: {}\n",
        m.claude_session_id.as_deref().unwrap_or("unknown")
    ));
    o.push_str(&format!("- Compactions: {}\n\n", m.compactions));

    o.push_str("## Mission Summary\n\n");
    o.push_str(&format!("**Goal**: {}\n", log.mission.goal));
    if let Some(obj) = &log.mission.objective {
        o.push_str(&format!("**Objective**: {obj}\n"));
    }
    if !log.mission.tldr.is_empty() {
        let when = log
            .mission
            .tldr_written
            .as_deref()
            .map(|w| format!(" _(summary written {w})_"))
            .unwrap_or_default();
        o.push_str(&format!("\n{}{when}\n", log.mission.tldr));
    }
    o.push('\n');

    o.push_str("## Accomplishments\n\n");
    list_or_none(&mut o, &log.accomplishments, |a| format!("- [x] {a}"));
    o.push('\n');

    o.push_str("## Key Findings\n\n");
    list_or_none(&mut o, &log.key_findings, |f| format!("- {f}"));
    o.push('\n');

    o.push_str("## Decisions & Rationale\n\n");
    if log.decisions.is_empty() {
        o.push_str("- None\n\n");
    }
    for d in &log.decisions {
        o.push_str(&format!("**Decision**: {}", d.decision));
        if let Some(at) = &d.at {
            o.push_str(&format!(" ({at})"));
        }
        o.push('\n');
        if let Some(c) = &d.context {
            o.push_str(&format!("**Context**: {c}\n"));
        }
        if let Some(op) = &d.options {
            o.push_str(&format!("**Options**: {op}\n"));
        }
        o.push_str(&format!(
            "**Rationale**: {}\n\n",
            d.rationale.as_deref().unwrap_or("(not recorded)")
        ));
    }

    o.push_str("## Next Steps\n\n");
    let n = &log.next_steps;
    let groups = [
        ("Current (in progress)", &n.current),
        ("Remaining", &n.remaining),
        ("Next", &n.next),
    ];
    let mut k = 0;
    for (name, items) in groups {
        o.push_str(&format!("**{name}:**\n"));
        if items.is_empty() {
            o.push_str("- None\n");
        }
        for i in items.iter() {
            k += 1;
            o.push_str(&format!("{k}. {i}\n"));
        }
        o.push('\n');
    }

    o.push_str("## Critical Context\n\n");
    let c = &log.critical_context;
    o.push_str("**Key Context:**\n");
    list_or_none(&mut o, &c.key_context, |l| format!("- {l}"));
    o.push_str("\n**Key Files:**\n");
    list_or_none(&mut o, &c.key_files, |f| format!("- `{f}`"));
    o.push_str("\n**Open Blockers:**\n");
    if c.blockers.is_empty() {
        o.push_str("- None\n");
    }
    for b in &c.blockers {
        o.push_str(&format!("- {}\n", b.text));
        if let Some(i) = &b.impact {
            o.push_str(&format!("  - Impact: {i}\n"));
        }
        if let Some(mi) = &b.mitigation {
            o.push_str(&format!("  - Mitigation: {mi}\n"));
        }
    }
    o.push('\n');

    o.push_str("## Session Metadata\n\n");
    let sm = &log.session_metadata;
    o.push_str("**Files Modified:**\n");
    list_or_none(&mut o, &sm.files_modified, |f| format!("- `{f}`"));
    o.push_str("\n**Files Viewed:**\n");
    list_or_none(&mut o, &sm.files_viewed, |f| format!("- `{f}`"));
    o.push_str("\n**Session Duration:** ");
    match (&sm.duration, &sm.first_activity, &sm.last_activity) {
        (Some(d), Some(a), Some(b)) => o.push_str(&format!("{d} ({a} to {b})\n")),
        _ => o.push_str("unknown\n"),
    }
    o.push_str(&format!("\n**Journal Entries:** {}\n", sm.journal_entries));
    if let Some(b) = &sm.git_branch {
        o.push_str(&format!(
            "\n**Git:** branch {b}{}\n",
            sm.git_last_commit
                .as_deref()
                .map(|c| format!(" at {c}"))
                .unwrap_or_default()
        ));
    }
    o.push_str("\n**Errors Encountered:**\n");
    list_or_none(&mut o, &sm.errors, |e| format!("- {e}"));
    if let Some(u) = m.used_tokens {
        o.push_str(&format!(
            "\n**Total Tokens Used:** {} ({:.1}% of budget)\n",
            thousands(u),
            m.percent.unwrap_or(0.0)
        ));
    }
    o
}

/// A resume log file pair in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct LogFile {
    pub id: String,
    pub shortname: String,
    pub stamp: String,
    pub seq: u32,
    pub md: PathBuf,
    pub json: PathBuf,
}

impl LogFile {
    pub fn time(&self) -> Option<DateTime<Utc>> {
        clock::parse(&self.stamp)
    }
    pub fn load(&self) -> Option<ResumeLog> {
        let bytes = fsutil::read_capped(&self.json, fsutil::MAX_READ).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

fn is_stamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
}

/// `<shortname>-<stamp>[-<n>]` → (shortname, stamp, n).
fn parse_id(stem: &str) -> Option<(String, String, u32)> {
    let (rest, last) = stem.rsplit_once('-')?;
    let (short, stamp, seq) = if is_stamp(last) {
        (rest, last, 1)
    } else {
        let n: u32 = last.parse().ok().filter(|_| last.len() <= 3)?;
        let (short, stamp) = rest.rsplit_once('-')?;
        if !is_stamp(stamp) {
            return None;
        }
        (short, stamp, n)
    };
    crate::names::validate("shortname", short).ok()?;
    Some((short.to_string(), stamp.to_string(), seq))
}

/// Every resume log in the store, oldest first.
pub fn list(store: &Store) -> Vec<LogFile> {
    let dir = store.resume_logs_dir();
    let mut out: Vec<LogFile> = Vec::new();
    // Regular files only, the folder reached without a link.
    for (name, file) in fsutil::entries(&dir) {
        if !file {
            continue;
        }
        let p = dir.join(name);
        let Some(stem) = p.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if !p.extension().is_some_and(|x| x == "md" || x == "json") {
            continue;
        }
        if out.iter().any(|l| l.id == stem) {
            continue;
        }
        if let Some((shortname, stamp, seq)) = parse_id(stem) {
            out.push(LogFile {
                id: stem.to_string(),
                shortname,
                stamp,
                seq,
                md: dir.join(format!("{stem}.md")),
                json: dir.join(format!("{stem}.json")),
            });
        }
    }
    out.sort_by(|a, b| (&a.stamp, a.seq, &a.id).cmp(&(&b.stamp, b.seq, &b.id)));
    out
}

/// Write the log as `.md` and `.json` (the caller holds the store lock),
/// then keep only the newest `keep` logs of this session (0 keeps all).
/// Returns the markdown path.
/// Write a resume log (markdown and JSON), redacted with `redactor`: it
/// quotes the session, the transcript's facts and the hook log.
pub fn write(
    store: &Store,
    log: &mut ResumeLog,
    keep: usize,
    redactor: &crate::redact::Redactor,
) -> Result<PathBuf> {
    let dir = store.resume_logs_dir();
    fsutil::ensure_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // Two logs in one second (PreCompact, then SessionEnd) get a suffix
    // rather than replacing each other.
    let base = log.id.clone();
    let mut id = base.clone();
    let mut n = 1;
    while dir.join(format!("{id}.md")).exists() || dir.join(format!("{id}.json")).exists() {
        n += 1;
        if n > 999 {
            anyhow::bail!("too many resume logs named {base} in {}", dir.display());
        }
        id = format!("{base}-{n}");
    }
    log.id = id.clone();
    let json = dir.join(format!("{id}.json"));
    let md = dir.join(format!("{id}.md"));
    let mut value = serde_json::to_value(&*log)?;
    redactor.redact_json(&mut value);
    let mut body = serde_json::to_string_pretty(&value)?;
    body.push('\n');
    fsutil::atomic_write(&json, body.as_bytes())
        .with_context(|| format!("cannot write {}", json.display()))?;
    fsutil::atomic_write(&md, redactor.redact(&render(log)).as_bytes())
        .with_context(|| format!("cannot write {}", md.display()))?;
    if keep > 0 {
        let mine: Vec<LogFile> = list(store)
            .into_iter()
            .filter(|l| l.shortname == log.shortname)
            .collect();
        if mine.len() > keep {
            for old in &mine[..mine.len() - keep] {
                let _ = fsutil::remove(&old.md);
                let _ = fsutil::remove(&old.json);
            }
        }
    }
    Ok(md)
}

/// Cut a line for the pointer so one long entry cannot crowd out the rest.
fn clip(s: &str, max: usize) -> String {
    let s = s::one_line(s);
    if s.chars().count() <= max {
        return s;
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// SessionStart with no active session: point at the newest resume log of
/// the last week whose session is not closed. Returns (text, log note).
pub fn startup_pointer(store: &Store, now: DateTime<Utc>) -> Option<(String, String)> {
    let logs = list(store);
    let mut metas: Option<Vec<Meta>> = None;
    let mut own: Option<crate::provenance::Own> = None;
    for lf in logs.iter().rev().take(20) {
        let Some(t) = lf.time() else { continue };
        if (now - t).num_days() >= POINTER_MAX_AGE_DAYS {
            return None;
        }
        let Some(log) = lf.load() else { continue };
        // A resume log of a session from elsewhere is not ours to offer.
        if !own
            .get_or_insert_with(|| crate::provenance::Own::load(store))
            .contains(&log.session_id)
        {
            continue;
        }
        let all = metas.get_or_insert_with(|| store.metas(true));
        let meta = all.iter().find(|m| m.id() == log.session_id);
        if let Some(m) = meta
            && (m.archived || matches!(m.front.status, Status::Complete | Status::Abandoned))
        {
            continue;
        }
        // The last thing done, then what comes next: the current step
        // when there is one, else the first of the rest.
        let current = log.next_steps.current.first();
        let (last, next) = match (log.accomplishments.last(), current) {
            (Some(a), Some(c)) => (format!("{a}, completed"), Some(c)),
            (Some(a), None) => (format!("{a}, completed"), None),
            (None, Some(c)) => (format!("{c}, in progress"), None),
            (None, None) => ("none recorded".to_string(), None),
        };
        let next = next
            .or(log.next_steps.remaining.first())
            .or(log.next_steps.next.first())
            .cloned()
            .unwrap_or_else(|| "none recorded".into());
        let rel = fsutil::relative_to(&lf.md, &store.project)
            .display()
            .to_string();
        let status = meta
            .map(|m| m.front.status.as_str().to_string())
            .unwrap_or_else(|| "no longer in the store".into());
        let text = format!(
            "Resuming from previous session ({})...\nContext: {}\nLast task: {}\nNext: {}\nResume log: {rel} (written {}, {}). Session \"{}\" is {status}.",
            log.id,
            clip(&log.mission_summary, 300),
            clip(&last, 300),
            clip(&next, 300),
            clock::ago(t, now),
            trigger_words(&log),
            log.shortname,
        );
        return Some((text, format!("pointed to resume log {}", log.id)));
    }
    None
}

/// The path of a resume log relative to the project, for messages.
pub fn rel(store: &Store, p: &Path) -> String {
    fsutil::relative_to(p, &store.project).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse() {
        assert_eq!(
            parse_id("fix-race-20260115T100000Z"),
            Some(("fix-race".into(), "20260115T100000Z".into(), 1))
        );
        assert_eq!(
            parse_id("fix-race-20260115T100000Z-3"),
            Some(("fix-race".into(), "20260115T100000Z".into(), 3))
        );
        assert_eq!(parse_id("fix-race"), None);
        assert_eq!(parse_id("-20260115T100000Z"), None);
        assert_eq!(parse_id("x-2026011XT100000Z"), None);
    }

    #[test]
    fn stamps_move_last() {
        assert_eq!(
            stamp_last("(2026-01-15T10:00Z) Found it"),
            "Found it (2026-01-15T10:00Z)"
        );
        assert_eq!(stamp_last("plain"), "plain");
    }
}
