//! What we put in front of the model: pure renderers over a session
//! document, filled into a character budget in priority order.

use chrono::{DateTime, Utc};

use crate::clock;
use crate::session::view::{self, State, View};

/// One block of an injection, in priority order.
pub struct Block {
    pub name: &'static str,
    pub text: String,
}

/// Fill `blocks` into `budget` characters, in order. A block that does not
/// fit whole is cut at a line boundary if at least a few lines fit; blocks
/// that do not fit at all are named in a closing line that says how to see
/// them. Never returns more than `budget` characters.
pub fn fill(header: &str, blocks: Vec<Block>, budget: usize, see: &str) -> String {
    let budget = budget.min(crate::config::HARD_CAP);
    let mut out = String::from(header);
    let mut left_out: Vec<String> = Vec::new();
    // Room kept for the closing line.
    let reserve = 160 + see.len();
    for b in blocks {
        if b.text.trim().is_empty() {
            continue;
        }
        let piece = format!("\n{}\n", b.text.trim_end());
        let room = budget.saturating_sub(out.chars().count() + reserve);
        if piece.chars().count() <= room {
            out.push_str(&piece);
            continue;
        }
        // Cut at a line boundary.
        let mut cut = String::new();
        for line in piece.split_inclusive('\n') {
            if cut.chars().count() + line.chars().count() > room {
                break;
            }
            cut.push_str(line);
        }
        if cut.lines().filter(|l| !l.trim().is_empty()).count() >= 2 {
            out.push_str(&cut);
            left_out.push(format!("the rest of {}", b.name));
        } else {
            left_out.push(b.name.to_string());
        }
    }
    if !left_out.is_empty() {
        out.push_str(&format!(
            "\n(Left out to fit {budget} characters: {}. See them with `{see}`.)\n",
            left_out.join(", ")
        ));
    }
    // Last guard: never exceed the budget, whatever the text.
    if out.chars().count() > budget {
        out = out.chars().take(budget.saturating_sub(1)).collect();
        out.push('…');
    }
    out
}

fn bullet_list(items: &[String]) -> String {
    items.iter().map(|i| format!("- {i}\n")).collect()
}

/// A mark of the work recorded in a document: changes when something is
/// logged, not when only bookkeeping changes (frontmatter, the TL;DR, which
/// sums up work rather than being some, the list of files edited).
pub fn work_mark(doc: &crate::doc::Document) -> String {
    use crate::doc::Sec;
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for sec in doc.sections() {
        if matches!(sec.kind, Some(Sec::FilesModified | Sec::Tldr)) {
            continue;
        }
        doc.text()[sec.range.clone()].hash(&mut h);
    }
    format!("{:016x}", h.finish())
}

/// What an injection is made from.
pub struct Input<'a> {
    /// The session, with its journal read ([`View::read_journal`]).
    pub view: &'a View,
    pub rel_path: &'a str,
    pub changes: Option<String>,
    pub budget: usize,
    pub now: DateTime<Utc>,
}

/// How many next steps an injection lists.
const MAX_NEXT: usize = 8;

fn goal_line(v: &View) -> String {
    v.goal
        .as_deref()
        .map(|g| format!("**Goal**: {g}\n"))
        .unwrap_or_default()
}

/// Whether the TL;DR can lead: written, and nothing logged or compacted
/// since.
fn tldr_is_current(v: &View) -> bool {
    v.tldr.text.is_some() && !v.tldr.is_stale()
}

fn anything_logged(v: &View) -> bool {
    v.activity.as_ref().is_some_and(|a| a.entries > 0) || !v.steps.is_empty()
}

/// The lead block: the TL;DR when it is current, else a "Now" block made
/// from the structured facts.
fn lead_block(v: &View, now: DateTime<Utc>) -> Block {
    let mut t = goal_line(v);
    if tldr_is_current(v) {
        let para = v.tldr.text.as_deref().unwrap_or("");
        let age = v
            .tldr
            .written
            .as_deref()
            .and_then(clock::parse)
            .map(|w| format!(" (written {})", clock::ago(w, now)))
            .unwrap_or_default();
        t.push_str(&format!(
            "\n## TL;DR{age}\n{para}\n\n**Progress**: {}/{} steps complete\n",
            v.done, v.total
        ));
    } else {
        t.push_str("\n## Now\n");
        t.push_str(&format!("**Current step**: {}\n", v.current_line()));
        t.push_str(&format!(
            "**Progress**: {}/{} steps complete\n",
            v.done, v.total
        ));
        let open: Vec<String> = v.open_blockers().map(|b| b.text.clone()).collect();
        if !open.is_empty() {
            t.push_str(&format!("**Open blockers**: {}\n", open.join("; ")));
        }
        if let Some(n) = v.notes.last() {
            t.push_str(&format!("**Latest note**: {n}\n"));
        }
        if let Some(a) = &v.activity
            && !a.recent_files.is_empty()
        {
            let f: Vec<&str> = a.recent_files.iter().take(3).map(String::as_str).collect();
            t.push_str(&format!("**Files touched last**: {}\n", f.join(", ")));
        }
        if v.tldr.text.is_none() && !anything_logged(v) {
            t.push_str("No summary written yet.\n");
        }
    }
    Block {
        name: "TL;DR",
        text: t,
    }
}

/// The old paragraph, under a heading that says its age, when the lead
/// block is "Now".
fn earlier_summary_block(v: &View, now: DateTime<Utc>) -> Block {
    let mut t = String::new();
    if !tldr_is_current(v)
        && let Some(p) = &v.tldr.text
    {
        t = format!(
            "## Earlier Summary ({}; older than the work above)\n{p}\n",
            view::tldr_age(&v.tldr, now)
        );
    }
    Block {
        name: "earlier summary",
        text: t,
    }
}

fn blockers_block(v: &View) -> Block {
    let mut t = String::new();
    for b in v.open_blockers() {
        if t.is_empty() {
            t.push_str("## Open Blockers\n");
        }
        t.push_str(&format!(
            "- {}{}\n",
            b.n.map(|n| format!("[{n}] ")).unwrap_or_default(),
            b.text
        ));
        if let Some(i) = &b.impact {
            t.push_str(&format!("  - Impact: {i}\n"));
        }
        if let Some(m) = &b.mitigation {
            t.push_str(&format!("  - Mitigation: {m}\n"));
        }
    }
    Block {
        name: "open blockers",
        text: t,
    }
}

fn current_block(v: &View) -> Block {
    let mut t = String::from("## Current Step\n");
    match &v.current {
        Some(c) => {
            t.push_str(&c.title);
            t.push('\n');
            let others: Vec<String> = v
                .steps_in(State::InProgress)
                .filter(|s| *s != c)
                .map(|s| s.title.clone())
                .collect();
            if !others.is_empty() {
                t.push_str("Also started:\n");
                t.push_str(&bullet_list(&others));
            }
        }
        None => {
            t.push_str("None: no step is started. ");
            match v.next.first() {
                Some(n) => t.push_str(&format!("The next one is \"{}\".\n", n.text)),
                None => t.push_str("No open steps are listed.\n"),
            }
        }
    }
    if v.steps.is_empty() && v.next.is_empty() {
        t.clear();
    }
    Block {
        name: "current step",
        text: t,
    }
}

fn key_context_block(v: &View) -> Block {
    let mut t = String::new();
    if !v.key_context.is_empty() {
        t.push_str("## Key Context\n");
        for l in &v.key_context {
            t.push_str(l);
            t.push('\n');
        }
    }
    if !v.key_files.is_empty() {
        t.push_str(&format!("Key files: {}\n", v.key_files.join(", ")));
    }
    Block {
        name: "Key Context",
        text: t,
    }
}

fn next_block(v: &View) -> Block {
    let mut t = String::new();
    if !v.next.is_empty() {
        t.push_str("## Next Steps\n");
        for (i, n) in v.next.iter().take(MAX_NEXT).enumerate() {
            t.push_str(&format!("{}. {}\n", i + 1, n.text));
        }
        if v.next.len() > MAX_NEXT {
            t.push_str(&format!("(+{} more)\n", v.next.len() - MAX_NEXT));
        }
    }
    Block {
        name: "next steps",
        text: t,
    }
}

/// Where the work stopped: the last notes, the files edited most recently
/// and most often, the newest discoveries, key files that are gone.
fn left_off_block(v: &View) -> Block {
    let mut t = String::new();
    let notes = v.last_notes(3);
    if !notes.is_empty() {
        t.push_str("Last progress notes:\n");
        t.push_str(&bullet_list(notes));
    }
    if let Some(a) = &v.activity {
        if !a.recent_files.is_empty() {
            let f: Vec<&str> = a.recent_files.iter().take(5).map(String::as_str).collect();
            t.push_str(&format!("Edited most recently: {}\n", f.join(", ")));
        }
        let often: Vec<String> = a
            .frequent_files
            .iter()
            .filter(|(_, n)| *n > 1)
            .take(5)
            .map(|(f, n)| format!("{f} ({n}×)"))
            .collect();
        if !often.is_empty() {
            t.push_str(&format!("Edited most often: {}\n", often.join(", ")));
        }
        if !a.missing_key_files.is_empty() {
            t.push_str(&format!(
                "Key files that no longer exist: {}\n",
                a.missing_key_files.join(", ")
            ));
        }
    }
    let disc: Vec<String> = v
        .discoveries
        .iter()
        .rev()
        .take(3)
        .map(|(n, d)| format!("{n}. {d}"))
        .collect();
    if !disc.is_empty() {
        t.push_str("Newest discoveries:\n");
        for d in &disc {
            t.push_str(&format!("{d}\n"));
        }
    }
    if !t.is_empty() {
        t = format!("## Where You Left Off\n{t}");
    }
    Block {
        name: "where you left off",
        text: t,
    }
}

/// Decisions in force, newest first (so a tight budget keeps the newest),
/// superseded ones left out.
fn decisions_block(v: &View, most: usize) -> Block {
    let mut t = String::new();
    let active: Vec<&crate::doc::sections::Decision> =
        v.active_decisions().rev().take(most).collect();
    if !active.is_empty() {
        t.push_str("## Decisions In Force (newest first)\n");
        for dec in &active {
            let why = dec
                .field("Rationale")
                .map(|r| format!(" — {r}"))
                .unwrap_or_default();
            t.push_str(&format!("{}. {}{why}\n", dec.n, dec.title));
        }
        let in_force = v.active_decisions().count();
        let superseded = v.decisions.len() - in_force;
        let mut rest = Vec::new();
        if in_force > active.len() {
            rest.push(format!("{} earlier", in_force - active.len()));
        }
        if superseded > 0 {
            rest.push(format!("{superseded} superseded"));
        }
        if !rest.is_empty() {
            let hidden = v.decisions.len() - active.len();
            t.push_str(&format!(
                "({} {} not shown; see `session-hook view --decisions`)\n",
                rest.join(", "),
                if hidden == 1 { "decision" } else { "decisions" }
            ));
        }
    }
    Block {
        name: "recent decisions",
        text: t,
    }
}

fn header(v: &View, rel_path: &str, what: &str) -> String {
    // The goal is said once, in the lead block: a title that repeats it
    // is left out here.
    let title = match &v.goal {
        Some(g) if crate::doc::progress::same_title(g, &v.title) => String::new(),
        _ => format!(" ({})", v.title),
    };
    format!(
        "session-hook {what}: session \"{}\"{title}, status {}, {} compaction(s). Source: {rel_path}.\n",
        v.shortname, v.status, v.compactions
    )
}

fn blocks(inp: &Input) -> Vec<Block> {
    let v = inp.view;
    // The next steps follow the current one: with a long Key Context or a
    // tight budget they are still told (the first few at least).
    let mut blocks = vec![
        lead_block(v, inp.now),
        blockers_block(v),
        current_block(v),
        next_block(v),
        key_context_block(v),
        left_off_block(v),
        decisions_block(v, 5),
        earlier_summary_block(v, inp.now),
    ];
    if let Some(c) = &inp.changes {
        blocks.push(Block {
            name: "change report",
            text: c.clone(),
        });
    }
    blocks
}

/// The full resume context: after compaction and on "continue". It goes
/// out framed, followed by [`super::keep::TAIL`] ([`super::Out::resume`]).
pub fn resume_context(inp: &Input) -> String {
    fill(
        &header(inp.view, inp.rel_path, "resume context"),
        blocks(inp),
        inp.budget,
        "session-hook view",
    )
}

/// The context at start-up: the same facts, and how to see more.
pub fn startup_context(inp: &Input) -> String {
    let mut b = blocks(inp);
    b.push(Block {
        name: "hint",
        text: "Full session: `session-hook view`.".into(),
    });
    fill(
        &header(inp.view, inp.rel_path, "active session"),
        b,
        inp.budget,
        "session-hook view",
    )
}

/// The context of a paused session on "continue" when no session is
/// active: said to be paused, with how to resume it.
pub fn paused_context(inp: &Input) -> String {
    let v = inp.view;
    let since = v
        .paused_at
        .as_deref()
        .and_then(clock::parse)
        .map(|t| format!(" since {}", clock::ago(t, inp.now)))
        .unwrap_or_default();
    let head = format!(
        "{}This session is paused{since}; nothing is recorded in it until it is resumed with `session-hook resume {}` (or /session-resume {}).\n",
        header(v, inp.rel_path, "paused session"),
        v.shortname,
        v.shortname
    );
    fill(&head, blocks(inp), inp.budget, "session-hook view")
}

/// The line a compaction summary ends with, which PostCompact keeps as the
/// new TL;DR.
pub const SUMMARY_TLDR: &str = "Session TL;DR:";

/// Plain text for the compaction summariser (PreCompact), at most 4,000
/// characters: what the summary must keep.
pub fn precompact_text(v: &View) -> String {
    let mut head = String::new();
    if let Some(g) = &v.goal {
        head.push_str(&format!("Goal: {g}\n"));
    }
    head.push_str(&format!(
        "Progress: {}/{} steps complete\n",
        v.done, v.total
    ));
    head.push_str(&format!("Current step: {}\n", v.current_line()));
    let blocks = vec![
        blockers_block(v),
        next_block(v),
        decisions_block(v, 8),
        key_context_block(v),
    ];
    fill(&head, blocks, 4000, "session-hook view")
}

/// What PreCompact asks of the summariser: ours, so it goes after the
/// framed document ([`precompact_text`]), never inside the frame that
/// calls its content data.
pub fn precompact_request(v: &View, rel_path: &str) -> String {
    format!(
        "This work is tracked in session \"{}\" ({rel_path}); the session file is re-injected after compaction. Keep the facts of the session document above in the summary. End the summary with one line of the form `{SUMMARY_TLDR} <two or three sentences: where the work stands and what comes next>`; it becomes the session's TL;DR.",
        v.shortname
    )
}

/// The `Session TL;DR: …` line of a compaction summary (the last one), if
/// it has one.
pub fn summary_tldr(summary: &str) -> Option<String> {
    summary.lines().rev().find_map(|l| {
        let t = l.trim().trim_start_matches(['*', '_', '-', '>', ' ']);
        let t = t.strip_prefix("**").unwrap_or(t);
        let rest = t.strip_prefix(SUMMARY_TLDR)?;
        let rest = rest.trim().trim_start_matches("**").trim();
        // The summary comes wrapped in `<summary>` tags.
        let rest = rest.strip_suffix("</summary>").unwrap_or(rest).trim();
        (!rest.is_empty()).then(|| crate::doc::sections::one_line(rest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_respects_budget_and_names_what_is_left_out() {
        let blocks = vec![
            Block {
                name: "a",
                text: "## A\nshort".into(),
            },
            Block {
                name: "big",
                text: format!("## Big\n{}", "line of text here\n".repeat(500)),
            },
            Block {
                name: "c",
                text: "## C\nx".into(),
            },
        ];
        let out = fill("H\n", blocks, 1000, "session-hook view");
        assert!(out.chars().count() <= 1000);
        assert!(out.contains("## A\nshort"));
        assert!(out.contains("the rest of big"));
        assert!(out.contains("session-hook view"));
    }
}
