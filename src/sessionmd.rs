//! SESSION.md: the project-level progress document, rendered
//! from one session, its journal and git. Pure: the command gathers the
//! inputs and writes the files.

use chrono::{DateTime, Utc};

use crate::clock;
use crate::delta;
use crate::doc::progress::{Item, Sub};
use crate::doc::sections as s;
use crate::doc::{Document, Sec};
use crate::journal::Entry;
use crate::phases::PhaseStatus;
use crate::session;

/// The git side of the checkpoint section. `None` outside git.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GitCheckpoint {
    pub branch: Option<String>,
    /// Short hash.
    pub commit: Option<String>,
    pub subject: Option<String>,
    pub uncommitted: delta::Uncommitted,
}

/// One row of the Session History table.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub n: usize,
    pub date: String,
    pub duration: Option<String>,
    pub progress: String,
}

pub struct Input<'a> {
    pub project: &'a str,
    pub doc: &'a Document,
    pub phase: Option<PhaseStatus>,
    pub git: Option<GitCheckpoint>,
    pub now: DateTime<Utc>,
    pub history: Vec<HistoryRow>,
}

/// Most Next Actions taken from open steps when none were logged.
const NEXT_FROM_STEPS: usize = 5;
/// Most rows in the Session History table (the newest are kept).
const MAX_HISTORY: usize = 30;
/// A pause longer than this between two journal entries starts a new
/// sitting in the history.
const SITTING_GAP_SECS: i64 = 2 * 3600;

/// A table cell: one line, no unescaped pipes.
fn cell(t: &str) -> String {
    s::one_line(t).replace('|', "\\|")
}

/// `(commit, date)` from a completed step's note `2026-01-15T10:30Z, abc1234`.
fn note_parts(note: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(n) = note else {
        return (None, None);
    };
    let (stamp, hash) = match n.split_once(", ") {
        Some((a, b)) => (a, Some(b.trim().to_string())),
        None => (n, None),
    };
    let date = clock::parse(stamp)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .or_else(|| (stamp.len() >= 10).then(|| stamp[..10].to_string()));
    (hash, date)
}

fn completed_line(i: &Item) -> String {
    let (hash, date) = note_parts(i.note.as_deref());
    let mut l = format!("- [x] {}", i.title);
    match (hash, date) {
        (Some(h), Some(d)) => l.push_str(&format!(" — `{h}` ({d})")),
        (Some(h), None) => l.push_str(&format!(" — `{h}`")),
        (None, Some(d)) => l.push_str(&format!(" ({d})")),
        (None, None) => {}
    }
    l
}

pub fn render(i: &Input) -> String {
    let doc = i.doc;
    let p = session::progress(doc);
    let (done, total) = p.counts();
    let pct = |d: usize, t: usize| (d * 100).checked_div(t).unwrap_or(0);
    let mut out = format!("# SESSION — {}\n\n", s::one_line(i.project));

    out.push_str("## Current Phase\n");
    match &i.phase {
        Some(ph) => {
            out.push_str(&format!("**{}**\n", ph.label));
            out.push_str(&format!(
                "Progress: {}% complete ({}/{} steps in this phase; {done}/{total} overall)\n",
                ph.percent(),
                ph.done,
                ph.total
            ));
        }
        None => {
            out.push_str(&format!("**{}** (no phases defined)\n", doc.title()));
            out.push_str(&format!(
                "Progress: {}% complete ({done}/{total} steps)\n",
                pct(done, total)
            ));
        }
    }

    out.push_str("\n## Completed Items\n");
    let v = session::view::View::steps_of(doc);
    let completed: Vec<&Item> = p
        .items(Sub::Completed)
        .into_iter()
        .filter(|i| i.done)
        .collect();
    if completed.is_empty() {
        out.push_str("_(No items completed yet)_\n");
    }
    for c in completed {
        out.push_str(&completed_line(c));
        out.push('\n');
    }

    out.push_str("\n## In Progress\n");
    let current = v.current.as_ref().map(|c| c.title.clone());
    let mut any = false;
    for it in p.items(Sub::InProgress).into_iter().filter(|i| i.is_open()) {
        let mark = if Some(&it.title) == current.as_ref() {
            "in progress (current)"
        } else {
            "in progress"
        };
        out.push_str(&format!("- [ ] {} — {mark}\n", it.title));
        any = true;
    }
    if let Some(ph) = &i.phase {
        for r in &ph.remaining {
            out.push_str(&format!("- [ ] {r} — not started\n"));
            any = true;
        }
    }
    if !any {
        out.push_str("_(Nothing in progress)_\n");
    }

    out.push_str("\n## Blockers\n| Blocker | Impact | Mitigation | Status |\n|---------|--------|------------|--------|\n");
    let blockers = s::blockers(doc.get(Sec::Blockers).unwrap_or(""));
    if blockers.is_empty() {
        out.push_str("| _(None identified)_ | — | — | — |\n");
    }
    for b in &blockers {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            cell(&b.text),
            b.impact.as_deref().map_or("—".into(), cell),
            b.mitigation.as_deref().map_or("—".into(), cell),
            if b.open { "Open" } else { "Resolved" }
        ));
    }

    out.push_str("\n## Next Actions\n");
    // The open steps after the current one, then free-form items.
    let next: Vec<String> = v
        .next
        .iter()
        .take(NEXT_FROM_STEPS)
        .map(|n| n.text.clone())
        .collect();
    if next.is_empty() {
        out.push_str("_(None recorded: add one with `session-hook log --next \"...\"`)_\n");
    }
    for (n, a) in next.iter().enumerate() {
        out.push_str(&format!("{}. {a}\n", n + 1));
    }

    out.push_str("\n## Git Checkpoint\n");
    match &i.git {
        Some(g) => {
            out.push_str(&format!(
                "- **Branch**: {}\n",
                g.branch.as_deref().unwrap_or("(detached HEAD)")
            ));
            match &g.commit {
                Some(c) => out.push_str(&format!(
                    "- **Last Commit**: `{c}` — {}\n",
                    g.subject.as_deref().map(s::one_line).unwrap_or_default()
                )),
                None => out.push_str("- **Last Commit**: (no commits yet)\n"),
            }
            out.push_str(&format!(
                "- **Uncommitted Changes**: {}\n",
                delta::render_uncommitted(&g.uncommitted, 50)
            ));
        }
        None => out.push_str("- **Branch**: (not a git repository)\n"),
    }
    out.push_str(&format!("- **Timestamp**: {}\n", clock::iso(i.now)));

    out.push_str("\n## Session History\n| Session | Date | Duration | Progress |\n|---------|------|----------|----------|\n");
    let skip = i.history.len().saturating_sub(MAX_HISTORY);
    if skip > 0 {
        out.push_str(&format!("| … | | | {skip} earlier sittings not shown |\n"));
    }
    for r in i.history.iter().skip(skip) {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.n,
            r.date,
            r.duration.as_deref().unwrap_or("—"),
            cell(&r.progress)
        ));
    }
    out
}

/// A stretch of work in the journal.
#[derive(Debug, Default)]
struct Sitting {
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    started: bool,
    imported: bool,
    done: usize,
    decisions: usize,
    discoveries: usize,
    blockers: usize,
    resolved: usize,
    compactions: usize,
    ending: Option<String>,
}

impl Sitting {
    fn progress(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.started {
            parts.push("Session started".into());
        }
        if self.imported {
            parts.push("Imported from a hand-off".into());
        }
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        if self.done > 0 {
            parts.push(format!("{} done", plural(self.done, "step")));
        }
        if self.decisions > 0 {
            parts.push(plural(self.decisions, "decision"));
        }
        if self.discoveries > 0 {
            parts.push(plural(self.discoveries, "discovery").replace("discoverys", "discoveries"));
        }
        if self.blockers > 0 {
            parts.push(plural(self.blockers, "blocker"));
        }
        if self.resolved > 0 {
            parts.push(format!("{} resolved", plural(self.resolved, "blocker")));
        }
        if self.compactions > 0 {
            parts.push(plural(self.compactions, "compaction"));
        }
        let mut t = if parts.is_empty() {
            "Work without logged milestones".to_string()
        } else {
            parts.join(", ")
        };
        if let Some(e) = &self.ending {
            t.push_str(&format!(" — {e}"));
        }
        t
    }
}

/// Cut a text to `n` characters at a word boundary.
fn clip(t: &str, n: usize) -> String {
    let t = s::one_line(t);
    if t.chars().count() <= n {
        return t;
    }
    let mut c: String = t.chars().take(n).collect();
    if let Some(sp) = c.rfind(' ') {
        c.truncate(sp);
    }
    c.push('…');
    c
}

/// The Session History rows: the journal cut into sittings. A sitting
/// starts at `init`, at a `resume`, after a `pause` or `close`, or after
/// more than two idle hours.
pub fn history(entries: &[Entry]) -> Vec<HistoryRow> {
    let mut sittings: Vec<Sitting> = Vec::new();
    let mut cur = Sitting::default();
    let mut last: Option<DateTime<Utc>> = None;
    let flush = |cur: &mut Sitting, all: &mut Vec<Sitting>| {
        if cur.start.is_some() {
            all.push(std::mem::take(cur));
        }
    };
    for e in entries {
        let Some(at) = clock::parse(&e.at) else {
            continue;
        };
        let gap = last.is_some_and(|l| (at - l).num_seconds() > SITTING_GAP_SECS);
        if e.kind == "resume" || gap || cur.ending.is_some() {
            flush(&mut cur, &mut sittings);
        }
        last = Some(at);
        if cur.start.is_none() {
            cur.start = Some(at);
        }
        cur.end = Some(at);
        match e.kind.as_str() {
            "init" => cur.started = true,
            "import" => cur.imported = true,
            "done" => cur.done += 1,
            "decision" => cur.decisions += 1,
            "discovery" => cur.discoveries += 1,
            "blocker" => cur.blockers += 1,
            "resolve" => cur.resolved += 1,
            "compaction" => cur.compactions += 1,
            "task" if e.field("status") == Some("completed") => cur.done += 1,
            "pause" => cur.ending = Some(format!("paused: {}", clip(&e.text, 100))),
            "close" => {
                cur.ending = Some(match e.field("status") {
                    Some("complete") => "completed".into(),
                    Some(s) => s.to_string(),
                    None => "closed".into(),
                })
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut sittings);
    sittings
        .iter()
        .enumerate()
        .map(|(n, st)| {
            let (a, b) = (st.start.unwrap_or_default(), st.end.unwrap_or_default());
            let secs = (b - a).num_seconds();
            HistoryRow {
                n: n + 1,
                date: a.format("%Y-%m-%d").to_string(),
                duration: (secs >= 60).then(|| clock::duration(secs)),
                progress: st.progress(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(kind: &str, at: &str, fields: &[(&str, &str)], text: &str) -> Entry {
        Entry {
            kind: kind.into(),
            at: at.into(),
            fields: fields
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            text: text.into(),
            path: Default::default(),
        }
    }

    #[test]
    fn history_cuts_at_pause_resume_and_gaps() {
        let rows = history(&[
            e("init", "2026-01-15T10:00:00Z", &[], "start"),
            e("done", "2026-01-15T11:00:00Z", &[], "a"),
            e("decision", "2026-01-15T11:30:00Z", &[], "d"),
            e("pause", "2026-01-15T12:00:00Z", &[], "Models done"),
            e("resume", "2026-01-16T09:00:00Z", &[], ""),
            e("blocker", "2026-01-16T09:10:00Z", &[], "b"),
            e("done", "2026-01-16T20:00:00Z", &[], "c"),
            e(
                "close",
                "2026-01-16T20:05:00Z",
                &[("status", "complete")],
                "",
            ),
        ]);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0].progress,
            "Session started, 1 step done, 1 decision — paused: Models done"
        );
        assert_eq!(rows[0].duration.as_deref(), Some("2h 0m"));
        assert_eq!(rows[1].progress, "1 blocker");
        assert_eq!(rows[2].progress, "1 step done — completed");
        assert_eq!(rows[2].duration.as_deref(), Some("5m"));
    }

    #[test]
    fn note_split() {
        assert_eq!(
            note_parts(Some("2026-01-15T10:30Z, abc1234")),
            (Some("abc1234".into()), Some("2026-01-15".into()))
        );
        assert_eq!(
            note_parts(Some("2026-01-15T10:30Z")),
            (None, Some("2026-01-15".into()))
        );
    }
}
