//! Context bundles: typed, compressed exports of a session —
//! research, plan, progress, context — small enough to load into a fresh
//! context: at most 10 % of the full state (session file plus journal)
//! for a large session.
//!
//! Each bundle is a list of parts rendered in a fixed order but filled
//! in priority order: every part first gets its few most important items,
//! then the rest are added while they fit. Lists that were cut say how
//! many items were left out and where to see them. Pure: the command
//! gathers the inputs and writes the file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use regex::Regex;

use crate::clock;
use crate::doc::sections as s;
use crate::doc::{Document, Sec};
use crate::journal::Entry;
use crate::session::view::{State, View};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Research,
    Plan,
    Progress,
    Context,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Research, Kind::Plan, Kind::Progress, Kind::Context];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Research => "research",
            Kind::Plan => "plan",
            Kind::Progress => "progress",
            Kind::Context => "context",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    fn title(self) -> &'static str {
        match self {
            Kind::Research => "Research Bundle",
            Kind::Plan => "Plan Bundle",
            Kind::Progress => "Progress Bundle",
            Kind::Context => "Context Bundle",
        }
    }

    /// The section that says where to pick the work up.
    pub fn resume_heading(self) -> &'static str {
        match self {
            Kind::Research => "Next Steps",
            Kind::Plan => "Session Resume Point",
            Kind::Progress => "Resume Instructions",
            Kind::Context => "Resume Point",
        }
    }
}

/// The share of the full state a bundle aims for.
pub const TARGET_RATIO: f64 = 0.10;
/// The smallest budget (about a thousand tokens): a small session's
/// bundle may pass 10 % rather than be cut to a few lines (the command says
/// so). From about 40 KB of state on, the 10 % bound is what limits.
pub const MIN_BUDGET: usize = 4000;
/// The largest budget: a bundle is loaded into a context window, so even
/// a huge session's bundle stays a few thousand tokens.
pub const MAX_BUDGET: usize = 12_000;
/// Longest single line in a bundle.
const MAX_LINE: usize = 240;
/// Longest summary paragraph.
const MAX_SUMMARY: usize = 600;

/// The byte budget for a session whose full state is `full` bytes.
pub fn budget(full: u64) -> usize {
    ((full as f64 * TARGET_RATIO) as usize).clamp(MIN_BUDGET, MAX_BUDGET)
}

pub struct Input<'a> {
    pub doc: &'a Document,
    pub entries: &'a [Entry],
    pub now: DateTime<Utc>,
    pub budget: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub text: String,
    /// Items left out to fit the budget.
    pub left_out: usize,
}

/// In which order a list's items are kept when it must be cut.
#[derive(Debug, Clone, Copy)]
enum Keep {
    /// The first ones (next steps, remaining steps).
    First,
    /// The last ones (the newest decisions and findings).
    Last,
    /// From this index on, then backwards (steps around the current one).
    From(usize),
}

struct Part {
    heading: &'static str,
    /// Lower is more important.
    prio: u8,
    /// Text that comes before the items, kept whole (already clipped).
    lead: Vec<String>,
    items: Vec<String>,
    keep: Keep,
    /// Items every part gets before any part gets more.
    min: usize,
    /// Shown when the part has nothing.
    empty: &'static str,
    /// A table header, for parts rendered as a table.
    table: Option<&'static str>,
}

impl Part {
    fn new(heading: &'static str, prio: u8) -> Part {
        Part {
            heading,
            prio,
            lead: Vec::new(),
            items: Vec::new(),
            keep: Keep::First,
            min: 2,
            empty: "_(none recorded)_",
            table: None,
        }
    }
    fn lead(mut self, l: Vec<String>) -> Part {
        self.lead = l.into_iter().filter(|l| !l.trim().is_empty()).collect();
        self
    }
    fn items(mut self, i: Vec<String>) -> Part {
        self.items = i.into_iter().map(|l| clip(&l, MAX_LINE)).collect();
        self
    }
    fn keep(mut self, k: Keep) -> Part {
        self.keep = k;
        self
    }
    fn min(mut self, n: usize) -> Part {
        self.min = n;
        self
    }
    fn empty(mut self, e: &'static str) -> Part {
        self.empty = e;
        self
    }
    fn table(mut self, header: &'static str) -> Part {
        self.table = Some(header);
        self
    }

    /// Item indexes in the order they are kept.
    fn order(&self) -> Vec<usize> {
        let n = self.items.len();
        match self.keep {
            Keep::First => (0..n).collect(),
            Keep::Last => (0..n).rev().collect(),
            Keep::From(k) => {
                let k = k.min(n);
                (k..n).chain((0..k).rev()).collect()
            }
        }
    }

    fn render(&self, kept: &[bool]) -> String {
        let mut out = format!("\n## {}\n", self.heading);
        for l in &self.lead {
            out.push_str(l);
            out.push('\n');
        }
        let shown: Vec<usize> = (0..self.items.len()).filter(|i| kept[*i]).collect();
        let hidden = self.items.len() - shown.len();
        if self.items.is_empty() {
            if self.lead.is_empty() {
                out.push_str(self.empty);
                out.push('\n');
            }
            return out;
        }
        if let Some(h) = self.table {
            out.push_str(h);
            out.push('\n');
        }
        let more = |n: usize, which: &str| {
            if self.table.is_some() {
                format!("| … {n} {which} not shown | (`session-hook view`) |\n")
            } else {
                format!("- … {n} {which} not shown (`session-hook view`)\n")
            }
        };
        if shown.is_empty() {
            out.push_str(&more(hidden, "items"));
            return out;
        }
        // Left-out items before the first shown one are "earlier"; the
        // rest are "more".
        let first = shown[0];
        let before = first;
        let after = hidden - before.min(hidden);
        if before > 0 {
            out.push_str(&more(before, "earlier"));
        }
        for i in shown {
            out.push_str(&self.items[i]);
            out.push('\n');
        }
        if after > 0 {
            out.push_str(&more(after, "more"));
        }
        out
    }
}

/// Cut a line to `n` characters at a word boundary.
fn clip(t: &str, n: usize) -> String {
    let t = t.trim_end();
    if t.chars().count() <= n {
        return t.to_string();
    }
    let mut c: String = t.chars().take(n.saturating_sub(1)).collect();
    if let Some(sp) = c.rfind(' ')
        && sp > n / 2
    {
        c.truncate(sp);
    }
    c.push('…');
    c
}

/// Fill `parts` into `budget` bytes. Returns the text and the number of
/// items left out.
fn fill(head: &str, parts: &[Part], budget: usize) -> Bundle {
    let mut kept: Vec<Vec<bool>> = parts.iter().map(|p| vec![false; p.items.len()]).collect();
    let size = |kept: &Vec<Vec<bool>>| -> usize {
        head.len()
            + parts
                .iter()
                .zip(kept)
                .map(|(p, k)| p.render(k).len())
                .sum::<usize>()
    };
    let mut by_prio: Vec<usize> = (0..parts.len()).collect();
    by_prio.sort_by_key(|i| parts[*i].prio);
    // Two passes: a few items of every part, then the rest by priority.
    for pass in 0..2 {
        for &pi in &by_prio {
            let p = &parts[pi];
            let limit = if pass == 0 { p.min } else { usize::MAX };
            let mut added = kept[pi].iter().filter(|k| **k).count();
            for i in p.order() {
                if added >= limit {
                    break;
                }
                if kept[pi][i] {
                    continue;
                }
                kept[pi][i] = true;
                if size(&kept) > budget {
                    kept[pi][i] = false;
                    break;
                }
                added += 1;
            }
        }
    }
    let mut text = head.to_string();
    for (p, k) in parts.iter().zip(&kept) {
        text.push_str(&p.render(k));
    }
    let left_out = kept.iter().flatten().filter(|k| !**k).count();
    Bundle { text, left_out }
}

// ---------- what a session says ----------

fn stamp_suffix() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"\s*\(\d{4}-\d\d-\d\dT[^)]*\)\s*$").expect("static regex"))
}

fn stamp_prefix() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^\(\d{4}-\d\d-\d\dT[^)]*\)\s*").expect("static regex"))
}

struct Facts {
    title: String,
    shortname: String,
    summary: String,
    objective: Option<String>,
    key_context: Vec<String>,
    /// "Choice — rationale", oldest first.
    decisions: Vec<String>,
    /// Discoveries without their stamps, oldest first.
    findings: Vec<String>,
    blockers: Vec<s::Blocker>,
    completed: Vec<String>,
    in_progress: Vec<String>,
    remaining: Vec<String>,
    current: Option<String>,
    next: Vec<String>,
    /// (path, what: the Key Files note or how often it was edited/read).
    files: Vec<(String, String)>,
    last_change: Option<String>,
    git: Option<String>,
}

fn facts(doc: &Document, entries: &[Entry]) -> Facts {
    let ctx = doc.get(Sec::Context).unwrap_or("");
    let v = View::of(doc);
    let titles = |st: State| -> Vec<String> { v.steps_in(st).map(|s| s.title.clone()).collect() };
    // Decisions in force: a superseded one is no approved approach.
    let decisions = v
        .active_decisions()
        .map(|d| {
            let choice = stamp_suffix().replace(&d.title, "").to_string();
            let why = d
                .field("Rationale")
                .map(|r| format!(" — {r}"))
                .unwrap_or_default();
            format!("{choice}{why}")
        })
        .collect();
    let findings = s::numbered(doc.get(Sec::Discoveries).unwrap_or(""))
        .into_iter()
        .map(|(_, t)| stamp_prefix().replace(&t, "").to_string())
        .collect();
    // Files: Key Files with their notes first, then the files edited and
    // read, most touched first.
    let mut files: Vec<(String, String)> = Vec::new();
    for l in s::labelled_block(ctx, "Key Files") {
        let t = l.trim().trim_start_matches(['-', '*']).trim();
        let (path, note) = match t.strip_prefix('`').and_then(|r| r.split_once('`')) {
            Some((p, rest)) => (p.to_string(), rest.trim().trim_start_matches('-').trim()),
            None => match t.split_once(" - ") {
                Some((p, n)) => (p.trim().to_string(), n.trim()),
                None => (t.to_string(), ""),
            },
        };
        if !path.is_empty() {
            files.push((
                path,
                if note.is_empty() {
                    "key file".into()
                } else {
                    note.to_string()
                },
            ));
        }
    }
    let mut edits: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for f in s::files(doc.get(Sec::FilesModified).unwrap_or("")) {
        edits.entry(f).or_default();
    }
    for e in entries {
        if let Some(path) = e.field("path") {
            match e.kind.as_str() {
                "file" => edits.entry(path.to_string()).or_default().0 += 1,
                "read" => edits.entry(path.to_string()).or_default().1 += 1,
                _ => {}
            }
        }
    }
    let mut touched: Vec<(String, (usize, usize))> = edits.into_iter().collect();
    touched.sort_by(|a, b| (b.1.0, b.1.1).cmp(&(a.1.0, a.1.1)).then(a.0.cmp(&b.0)));
    for (path, (ed, rd)) in touched {
        if files.iter().any(|(p, _)| *p == path) {
            continue;
        }
        let what = match (ed, rd) {
            (0, 0) => "modified".to_string(),
            (e, 0) => format!("edited {e}×"),
            (0, r) => format!("read {r}×"),
            (e, r) => format!("edited {e}×, read {r}×"),
        };
        files.push((path, what));
    }
    let last_change = entries
        .iter()
        .rev()
        .find(|e| {
            matches!(
                e.kind.as_str(),
                "file" | "progress" | "done" | "decision" | "discovery" | "blocker" | "resolve"
            )
        })
        .map(|e| {
            let when = clock::parse(&e.at)
                .map(|t| format!(" ({})", clock::short(t)))
                .unwrap_or_default();
            format!("{}{when}", s::one_line(&e.text))
        });
    let f = doc.front();
    let git = f.git_branch.as_ref().map(|b| match &f.git_last_commit {
        Some(c) => format!("{b} @ {c}"),
        None => b.clone(),
    });
    Facts {
        title: s::one_line(&doc.title()),
        shortname: doc.shortname().to_string(),
        summary: clip(
            &s::one_line(v.tldr.text.as_deref().unwrap_or("")),
            MAX_SUMMARY,
        ),
        objective: s::inline_label(ctx, "Objective"),
        key_context: s::labelled_block(ctx, "Key Context")
            .into_iter()
            .map(|l| l.trim().trim_start_matches(['-', '*']).trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        decisions,
        findings,
        blockers: v.open_blockers().cloned().collect(),
        completed: titles(State::Done),
        in_progress: titles(State::InProgress),
        remaining: titles(State::Remaining),
        current: v.current.as_ref().map(|c| c.title.clone()),
        next: v.next.iter().map(|n| n.text.clone()).collect(),
        files,
        last_change,
        git,
    }
}

impl Facts {
    fn total(&self) -> usize {
        self.completed.len() + self.in_progress.len() + self.remaining.len()
    }

    /// Open steps in order: in progress, then remaining.
    fn open(&self) -> impl Iterator<Item = &String> {
        self.in_progress.iter().chain(&self.remaining)
    }

    /// "Continue Step 4: X (in progress)" / "Ready to start Step 4: X".
    fn resume_point(&self) -> Vec<String> {
        let mut out = Vec::new();
        match &self.current {
            Some(c) => {
                let k =
                    self.completed.len() + self.open().position(|t| t == c).map_or(1, |i| i + 1);
                if self.in_progress.contains(c) {
                    out.push(format!("Continue Step {k}: {c} (in progress)"));
                } else {
                    out.push(format!("Ready to start Step {k}: {c}"));
                }
            }
            None => match self.open().next() {
                Some(n) => out.push(format!(
                    "No step is started; the next is Step {}: {n}",
                    self.completed.len() + 1
                )),
                None if self.total() > 0 => out.push("All steps are complete.".into()),
                None => {}
            },
        }
        if let Some(n) = self
            .next
            .iter()
            .find(|n| Some(*n) != self.current.as_ref())
            .filter(|_| self.current.is_some())
        {
            out.push(format!("Then: {n}"));
        }
        if let Some(b) = self.blockers.first() {
            out.push(format!("Unblock first: {}", b.text));
        }
        if out.is_empty() {
            out.push("No steps recorded yet: start from the summary above.".into());
        }
        out.into_iter().map(|l| clip(&l, MAX_LINE)).collect()
    }

    fn step_lines(&self) -> (Vec<String>, usize) {
        let mut lines = Vec::new();
        let mut n = 0;
        for t in &self.completed {
            n += 1;
            lines.push(format!("{n}. [x] {t}"));
        }
        let first_open = lines.len();
        for t in self.open() {
            n += 1;
            let mark = if Some(t) == self.current.as_ref() {
                "  <- current"
            } else {
                ""
            };
            lines.push(format!("{n}. [ ] {t}{mark}"));
        }
        (lines, first_open)
    }

    fn blocker_lines(&self) -> Vec<String> {
        self.blockers
            .iter()
            .map(|b| {
                let mut l = format!("- {}", b.text);
                if let Some(i) = &b.impact {
                    l.push_str(&format!(" — impact: {i}"));
                }
                if let Some(m) = &b.mitigation {
                    l.push_str(&format!("; mitigation: {m}"));
                }
                l
            })
            .collect()
    }
}

fn numbered(items: &[String]) -> Vec<String> {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}. {t}", i + 1))
        .collect()
}

fn bullets<'a>(items: impl IntoIterator<Item = &'a String>, prefix: &str) -> Vec<String> {
    items.into_iter().map(|t| format!("{prefix}{t}")).collect()
}

fn cell(t: &str) -> String {
    s::one_line(t).replace('|', "\\|")
}

/// Render one bundle.
pub fn render(kind: Kind, i: &Input) -> Bundle {
    let f = facts(i.doc, i.entries);
    let head = format!(
        "# {}: {}\n\n_Session `{}` · written {} · load with `session-hook bundle load {} {}`_\n",
        kind.title(),
        f.title,
        f.shortname,
        clock::iso(i.now),
        kind.as_str(),
        f.shortname
    );
    let goal = f
        .objective
        .as_ref()
        .filter(|o| **o != f.title)
        .map(|o| format!("Goal: {o}"));
    let summary: Vec<String> = [Some(f.summary.clone()), goal.clone()]
        .into_iter()
        .flatten()
        .collect();
    let next_or_open: Vec<String> = if f.next.is_empty() {
        f.open().cloned().collect()
    } else {
        f.next.clone()
    };
    let (steps, first_open) = f.step_lines();
    let parts: Vec<Part> = match kind {
        Kind::Research => vec![
            Part::new("Summary", 0).lead(summary),
            Part::new("Key Findings", 2)
                .items(numbered(
                    &f.findings
                        .iter()
                        .chain(&f.key_context)
                        .cloned()
                        .collect::<Vec<_>>(),
                ))
                .min(3),
            Part::new("Decision", 3)
                .items(bullets(&f.decisions, "- "))
                .keep(Keep::Last)
                .min(1)
                .empty("_(No decision recorded yet)_"),
            Part::new("Files Identified", 4).items(
                f.files
                    .iter()
                    .map(|(p, w)| format!("- `{p}` ({w})"))
                    .collect(),
            ),
            Part::new("Next Steps", 1)
                .items(numbered(&next_or_open))
                .min(3),
        ],
        Kind::Plan => vec![
            Part::new("Approved Approach", 1)
                .lead(goal.into_iter().collect())
                .items(bullets(&f.decisions, "- "))
                .keep(Keep::Last)
                .min(1)
                .empty("_(No decision recorded yet: see the summary in `session-hook view`)_"),
            Part::new("Implementation Steps", 2)
                .items(steps.clone())
                .keep(Keep::From(first_open))
                .min(3)
                .empty("_(No steps recorded yet)_"),
            Part::new("Files to Modify", 4)
                .items(
                    f.files
                        .iter()
                        .map(|(p, w)| format!("| {} | {} |", cell(p), cell(w)))
                        .collect(),
                )
                .table("| File | Change |\n|------|--------|"),
            Part::new("Risk Assessment", 3)
                .items(f.blocker_lines())
                .empty("- No open blockers recorded"),
            Part::new("Session Resume Point", 0).lead(f.resume_point()),
        ],
        Kind::Progress => vec![
            Part::new("Status", 0).lead(vec![format!(
                "{} of {} steps complete",
                f.completed.len(),
                f.total()
            )]),
            Part::new("Completed", 5)
                .items(bullets(&f.completed, "- [x] "))
                .keep(Keep::Last)
                .empty("_(Nothing completed yet)_"),
            Part::new("In Progress", 3)
                .items(
                    f.in_progress
                        .iter()
                        .map(|t| {
                            if Some(t) == f.current.as_ref() {
                                format!("- [ ] {t} (current)")
                            } else {
                                format!("- [ ] {t}")
                            }
                        })
                        .collect(),
                )
                .empty("_(Nothing in progress)_"),
            Part::new("Remaining", 4)
                .items(bullets(&f.remaining, "- [ ] "))
                .empty("_(Nothing remaining)_"),
            Part::new("Current State", 2).lead(
                [
                    f.current.as_ref().map(|c| format!("- Working on: {c}")),
                    f.last_change
                        .as_ref()
                        .map(|c| format!("- Last change: {c}")),
                    next_or_open.first().map(|n| format!("- Next action: {n}")),
                    f.git.as_ref().map(|g| format!("- Git: {g}")),
                ]
                .into_iter()
                .flatten()
                .map(|l| clip(&l, MAX_LINE))
                .collect(),
            ),
            Part::new("Resume Instructions", 1).lead({
                let mut l = f.resume_point();
                l.push(format!(
                    "Full context: `session-hook view {}`.",
                    f.shortname
                ));
                l
            }),
        ],
        Kind::Context => vec![
            Part::new("Summary", 0).lead(summary),
            Part::new("Status", 0).lead(vec![format!(
                "{}/{} steps complete; current: {}; {} open blocker{}",
                f.completed.len(),
                f.total(),
                f.current.as_deref().unwrap_or("none"),
                f.blockers.len(),
                if f.blockers.len() == 1 { "" } else { "s" }
            )]),
            Part::new("Key Context", 3).items(bullets(&f.key_context, "- ")),
            Part::new("Decisions", 5)
                .items(bullets(&f.decisions, "- "))
                .keep(Keep::Last)
                .min(1),
            Part::new("Findings", 6)
                .items(bullets(&f.findings, "- "))
                .keep(Keep::Last)
                .min(1),
            Part::new("Open Blockers", 2)
                .items(f.blocker_lines())
                .empty("- None"),
            Part::new("Steps", 7)
                .items(steps)
                .keep(Keep::From(first_open))
                .min(2),
            Part::new("Files", 8).items(
                f.files
                    .iter()
                    .map(|(p, w)| format!("- `{p}` ({w})"))
                    .collect(),
            ),
            Part::new("Next Steps", 4)
                .items(numbered(&next_or_open))
                .min(2),
            Part::new("Resume Point", 1).lead(f.resume_point()),
        ],
    };
    fill(&head, &parts, i.budget)
}

// ---------- on disk ----------

pub fn dir(store: &Store) -> PathBuf {
    store.dir.join("bundles")
}

pub fn path(store: &Store, shortname: &str, kind: Kind) -> PathBuf {
    dir(store)
        .join(shortname)
        .join(format!("{}.md", kind.as_str()))
}

/// The bytes of a session's full state: its file plus everything under its
/// journal folder.
pub fn full_state_bytes(store: &Store, session_file: &Path, id: &str) -> u64 {
    // Folders are reached without following a link (see `fsutil`).
    fn walk(p: &Path, depth: usize) -> u64 {
        if depth > 8 {
            return 0;
        }
        crate::fsutil::entries(p)
            .into_iter()
            .map(|(name, file)| {
                let q = p.join(name);
                if file {
                    fs::symlink_metadata(&q).map_or(0, |m| m.len())
                } else {
                    walk(&q, depth + 1)
                }
            })
            .sum()
    }
    fs::symlink_metadata(session_file).map_or(0, |m| if m.is_file() { m.len() } else { 0 })
        + walk(&store.journal_dir(id), 0)
}

/// A bundle on disk.
#[derive(Debug, Clone)]
pub struct Found {
    pub shortname: String,
    pub kind: Kind,
    pub path: PathBuf,
    pub modified: std::time::SystemTime,
}

/// Every bundle in the store, newest first.
pub fn all(store: &Store) -> Vec<Found> {
    let mut out = Vec::new();
    // Folders reached without a link, regular files only (see `fsutil`).
    let bundles = dir(store);
    for (d, _) in crate::fsutil::entries(&bundles) {
        let short = d.to_string_lossy().into_owned();
        if crate::names::validate("shortname", &short).is_err() {
            continue;
        }
        let folder = bundles.join(&d);
        for (f, file) in crate::fsutil::entries(&folder) {
            let name = f.to_string_lossy().into_owned();
            let Some(kind) = name.strip_suffix(".md").and_then(Kind::parse) else {
                continue;
            };
            let path = folder.join(&f);
            let Ok(m) = fs::symlink_metadata(&path) else {
                continue;
            };
            if !file || !m.is_file() {
                continue;
            }
            out.push(Found {
                shortname: short.clone(),
                kind,
                path,
                modified: m.modified().unwrap_or(std::time::UNIX_EPOCH),
            });
        }
    }
    out.sort_by(|a, b| {
        b.modified
            .cmp(&a.modified)
            .then_with(|| a.shortname.cmp(&b.shortname))
    });
    out
}

/// The first lines of a bundle's resume section.
pub fn resume_point(text: &str, kind: Kind) -> Option<String> {
    let want = format!("## {}", kind.resume_heading());
    let mut lines = text.lines().skip_while(|l| l.trim_end() != want).skip(1);
    let mut out: Vec<String> = Vec::new();
    for l in lines.by_ref() {
        if l.starts_with("## ") {
            break;
        }
        let t = l.trim();
        if t.is_empty() || t.starts_with("- …") {
            continue;
        }
        out.push(t.to_string());
        if out.len() == 2 {
            break;
        }
    }
    (!out.is_empty()).then(|| clip(&out.join("; "), 300))
}

/// The `written <stamp>` of a bundle's header line.
fn written_at(text: &str) -> Option<DateTime<Utc>> {
    let line = text.lines().find(|l| l.starts_with("_Session `"))?;
    let rest = line.split(" · written ").nth(1)?;
    clock::parse(rest.split(' ').next()?)
}

/// For SessionStart when no session is active: a pointer to the newest
/// bundle's resume point, or `None` when there is no bundle.
pub fn session_start_offer(store: &Store, now: DateTime<Utc>) -> Option<String> {
    let newest = all(store).into_iter().next()?;
    // A bundle is small; refuse anything that is not.
    let head = crate::fsutil::read_head(&newest.path, 64 * 1024).ok()?;
    let text = String::from_utf8_lossy(&head);
    let point = resume_point(&text, newest.kind)?;
    // The time written in the bundle, else the file's.
    let when = written_at(&text).unwrap_or_else(|| DateTime::<Utc>::from(newest.modified));
    Some(format!(
        "session-hook: no active session. The newest context bundle is the {} bundle of \"{}\" (written {}). Resume point: {}. Load it with `session-hook bundle load {} {}`.",
        newest.kind.as_str(),
        newest.shortname,
        clock::ago(when, now),
        point,
        newest.kind.as_str(),
        newest.shortname
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_keeps_minimums_and_counts_what_is_left_out() {
        let parts = vec![
            Part::new("A", 1).items((0..100).map(|i| format!("- a{i}")).collect()),
            Part::new("B", 0)
                .items((0..100).map(|i| format!("- b{i}")).collect())
                .keep(Keep::Last),
        ];
        let b = fill("# T\n", &parts, 400);
        assert!(b.text.len() <= 400, "{}", b.text.len());
        assert!(b.text.contains("- a0\n- a1\n"));
        assert!(b.text.contains("- b99\n"));
        assert!(b.text.contains("earlier not shown"));
        assert!(b.text.contains("more not shown"));
        assert!(b.left_out > 150);
    }

    #[test]
    fn from_keeps_the_current_step_and_what_follows() {
        let p = Part::new("S", 0)
            .items((0..6).map(|i| i.to_string()).collect())
            .keep(Keep::From(4));
        assert_eq!(p.order(), vec![4, 5, 3, 2, 1, 0]);
    }

    #[test]
    fn resume_point_reads_the_section() {
        let t = "# Plan Bundle: X\n\n## Session Resume Point\nReady to start Step 1: Add deps\nThen: tests\nUnblock first: y\n";
        assert_eq!(
            resume_point(t, Kind::Plan).as_deref(),
            Some("Ready to start Step 1: Add deps; Then: tests")
        );
        assert_eq!(resume_point(t, Kind::Progress), None);
    }

    #[test]
    fn budgets() {
        assert_eq!(budget(1000), MIN_BUDGET);
        assert_eq!(budget(50_000), 5000);
        assert_eq!(budget(10_000_000), MAX_BUDGET);
    }
}
