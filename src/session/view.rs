//! The session as every output sees it: the document parsed once into
//! typed facts (steps with ids and states, the one current step, next
//! steps, decisions with supersession, the TL;DR with its age, open and
//! resolved blockers), plus what the journal says about recent work.
//!
//! Renderers read only this, so a fact is right in every output or in none.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::clock;
use crate::doc::progress::{Item, Progress, Sub, title_key};
use crate::doc::sections::{self as s, Blocker, Decision};
use crate::doc::{Document, Sec};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Done,
    InProgress,
    Remaining,
    Dropped,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Step {
    /// The short stable id (`s3`), once the tool has written one.
    pub id: Option<String>,
    pub title: String,
    pub state: State,
    /// Completion note (time and commit) or why it was dropped.
    pub note: Option<String>,
}

impl Step {
    fn of(k: Sub, i: &Item) -> Step {
        let state = if i.done {
            State::Done
        } else if i.dropped {
            State::Dropped
        } else if k == Sub::InProgress {
            State::InProgress
        } else {
            State::Remaining
        };
        Step {
            id: i.id.clone(),
            title: i.title.clone(),
            state,
            note: i.note.clone(),
        }
    }

    pub fn is_open(&self) -> bool {
        matches!(self.state, State::InProgress | State::Remaining)
    }
}

/// One item of Next Steps: an open step, or a free-form line written there
/// that is no step.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Next {
    pub text: String,
    /// The step's id, for a step.
    pub step: Option<String>,
}

/// The TL;DR paragraph and how old it is.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Tldr {
    /// The paragraph; `None` when it is empty or still the placeholder a
    /// new session starts with.
    pub text: Option<String>,
    /// When it was written (`**Written**:`), if known.
    pub written: Option<String>,
    /// Work entries in the journal after it was written (known once the
    /// journal was read, see [`View::read_journal`]).
    pub entries_since: Option<usize>,
    /// A compaction happened after it was written.
    pub compacted_since: bool,
}

impl Tldr {
    /// Older than the latest work: entries or a compaction came after it,
    /// or nobody knows when it was written while work was logged.
    pub fn is_stale(&self) -> bool {
        self.compacted_since
            || self.entries_since.is_some_and(|n| n > 0)
                && (self.written.is_some() || self.text.is_some())
    }
}

/// What the journal says about recent work.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Activity {
    /// Files edited, newest first (each once).
    pub recent_files: Vec<String>,
    /// Files edited most often, with counts, most first.
    pub frequent_files: Vec<(String, usize)>,
    /// Work entries of any kind in the journal.
    pub entries: usize,
    /// When the latest work entry was written.
    pub last_work: Option<String>,
    /// Key files that no longer exist in the project.
    pub missing_key_files: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct View {
    pub id: String,
    pub shortname: String,
    pub title: String,
    pub status: String,
    pub compactions: u64,
    pub updated_at: Option<String>,
    pub paused_at: Option<String>,
    pub goal: Option<String>,
    pub tldr: Tldr,
    /// Every step in document order, whatever its state.
    pub steps: Vec<Step>,
    /// The one current step: started, not done.
    pub current: Option<Step>,
    /// The open steps after the current one, then free-form next items.
    pub next: Vec<Next>,
    pub done: usize,
    pub total: usize,
    /// Every decision, in order, superseded ones included.
    #[serde(skip)]
    pub decisions: Vec<Decision>,
    pub discoveries: Vec<(usize, String)>,
    #[serde(skip)]
    pub blockers: Vec<Blocker>,
    pub key_context: Vec<String>,
    pub key_files: Vec<String>,
    /// Progress notes, oldest first.
    pub notes: Vec<String>,
    pub files_modified: Vec<String>,
    /// From the journal, once read.
    pub activity: Option<Activity>,
}

/// Journal entry kinds that are work on the session (not bookkeeping such
/// as reads, checkpoints or compactions).
const WORK_KINDS: [&str; 15] = [
    "progress",
    "decision",
    "discovery",
    "blocker",
    "resolve",
    "next",
    "done",
    "current",
    "drop-next",
    "replace-next",
    "file",
    "todos",
    "task",
    "pause",
    "tldr",
];

/// Most journal "file" entries read for the recent-files block.
const MAX_FILE_ENTRIES: usize = 200;

impl View {
    pub fn of(doc: &Document) -> View {
        Self::build(doc, true)
    }

    /// [`View::of`] without the decisions and discoveries: what the TL;DR
    /// status lines need, without reading a long document's later
    /// sections.
    pub fn steps_of(doc: &Document) -> View {
        Self::build(doc, false)
    }

    fn build(doc: &Document, all: bool) -> View {
        let f = doc.front();
        let p = Progress::parse(doc.get(Sec::Progress).unwrap_or(""));
        let steps: Vec<Step> = p.steps().into_iter().map(|(k, i)| Step::of(k, i)).collect();
        let current = p.current().map(|c| {
            steps
                .iter()
                .find(|s| s.id.is_some() && s.id == c.id || s.title == c.title && s.is_open())
                .cloned()
                .expect("the current step is a step")
        });
        let (done, total) = p.counts();
        let mut next: Vec<Next> = p
            .upcoming()
            .into_iter()
            .map(|i| Next {
                text: i.title.clone(),
                step: i.id.clone(),
            })
            .collect();
        // Free-form items: lines of Next Steps that name no step (open,
        // done or dropped), each once. Titles are keyed once each: a long
        // list compared pairwise costs milliseconds on every hook.
        let step_keys: HashSet<String> = steps.iter().map(|s| title_key(&s.title)).collect();
        let mut listed: HashSet<String> = next.iter().map(|n| title_key(&n.text)).collect();
        for t in s::next_steps(doc.get(Sec::NextSteps).unwrap_or("")) {
            let k = title_key(&t);
            if !step_keys.contains(&k) && listed.insert(k) {
                next.push(Next {
                    text: t,
                    step: None,
                });
            }
        }
        let ctx = doc.get(Sec::Context).unwrap_or("");
        let tldr_sec = doc.get(Sec::Tldr).unwrap_or("");
        // The placeholder line a new session starts with is no summary;
        // anything written around it is.
        let para = s::tldr_paragraph(tldr_sec)
            .lines()
            .filter(|l| !l.contains(s::TLDR_PLACEHOLDER))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string();
        View {
            id: doc.id().to_string(),
            shortname: doc.shortname().to_string(),
            title: doc.title(),
            status: f.status.as_str().to_string(),
            compactions: f.compaction_count,
            updated_at: f.updated_at.clone(),
            paused_at: f.paused_at.clone(),
            goal: s::inline_label(ctx, "Objective"),
            tldr: Tldr {
                text: (!para.is_empty()).then_some(para),
                written: s::tldr_written(tldr_sec),
                entries_since: None,
                compacted_since: false,
            },
            steps,
            current,
            next,
            done,
            total,
            decisions: if all {
                s::decisions(doc.get(Sec::Decisions).unwrap_or(""))
            } else {
                Vec::new()
            },
            discoveries: if all {
                s::numbered(doc.get(Sec::Discoveries).unwrap_or(""))
            } else {
                Vec::new()
            },
            blockers: s::blockers(doc.get(Sec::Blockers).unwrap_or("")),
            key_context: s::labelled_block(ctx, "Key Context"),
            key_files: s::key_files(ctx),
            notes: notes(doc.get(Sec::Progress).unwrap_or("")),
            files_modified: s::files(doc.get(Sec::FilesModified).unwrap_or("")),
            activity: None,
        }
    }

    /// [`View::of`] plus the journal: recent files, and the TL;DR's age in
    /// entries and compactions. Only entry names are listed; just the
    /// newest file entries are opened.
    pub fn with_journal(doc: &Document, store: &Store) -> View {
        let mut v = View::of(doc);
        v.read_journal(store);
        v
    }

    pub fn read_journal(&mut self, store: &Store) {
        let dir = store.journal_dir(&self.id).join("entries");
        let names = crate::fsutil::files_with_ext(&dir, "md");
        let written = self
            .tldr
            .written
            .as_deref()
            .and_then(clock::parse)
            .map(clock::file_stamp);
        let mut act = Activity::default();
        let mut since = 0;
        let mut compacted = false;
        let mut file_entries = Vec::new();
        for p in &names {
            let Some((stamp, kind)) = entry_name(p) else {
                continue;
            };
            let after = written.as_deref().is_none_or(|w| stamp_after(stamp, w));
            // A compaction starts with PreCompact: a TL;DR the summary
            // itself gave (PostCompact) comes after it, an older one before.
            if kind == "precompact" && after && written.is_some() {
                compacted = true;
            }
            if !WORK_KINDS.contains(&kind) {
                continue;
            }
            act.entries += 1;
            act.last_work = Some(stamp.to_string());
            if after {
                since += 1;
            }
            if kind == "file" {
                file_entries.push(p);
            }
        }
        let newest: Vec<&&std::path::PathBuf> =
            file_entries.iter().rev().take(MAX_FILE_ENTRIES).collect();
        let mut counts: Vec<(String, usize)> = Vec::new();
        for p in newest {
            let Some(path) = crate::journal::read_field(p, "path") else {
                continue;
            };
            if !act.recent_files.contains(&path) {
                act.recent_files.push(path.clone());
            }
            match counts.iter_mut().find(|(f, _)| *f == path) {
                Some((_, n)) => *n += 1,
                None => counts.push((path, 1)),
            }
        }
        // Most first; among equals, the one edited most recently.
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        act.frequent_files = counts;
        act.missing_key_files = self.missing_key_files(&store.project);
        self.tldr.entries_since = Some(since);
        self.tldr.compacted_since = compacted;
        self.activity = Some(act);
    }

    pub fn open_blockers(&self) -> impl Iterator<Item = &Blocker> {
        self.blockers.iter().filter(|b| b.open)
    }

    /// Decisions in force (not superseded), oldest first.
    pub fn active_decisions(&self) -> impl DoubleEndedIterator<Item = &Decision> {
        self.decisions
            .iter()
            .filter(|d| d.superseded_by().is_none())
    }

    /// Key files that no longer exist in the project.
    pub fn missing_key_files(&self, project: &Path) -> Vec<String> {
        self.key_files
            .iter()
            .filter(|f| {
                let p = project.join(f);
                // Globs and folders named loosely are not checked.
                !f.contains('*') && std::fs::symlink_metadata(&p).is_err()
            })
            .cloned()
            .collect()
    }

    /// Open steps in order (in progress first, then remaining), the current
    /// one included.
    pub fn open_steps(&self) -> impl Iterator<Item = &Step> {
        let ip = self.steps.iter().filter(|s| s.state == State::InProgress);
        let rem = self.steps.iter().filter(|s| s.state == State::Remaining);
        ip.chain(rem)
    }

    pub fn steps_in(&self, st: State) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(move |s| s.state == st)
    }

    /// "Step 3 of 8" position of the current step among all counted steps.
    pub fn current_position(&self) -> Option<usize> {
        let c = self.current.as_ref()?;
        let i = self.open_steps().position(|s| s == c)?;
        Some(self.done + i + 1)
    }

    /// The current step as one line: its title, or "none" with the next
    /// step to take.
    pub fn current_line(&self) -> String {
        match &self.current {
            Some(c) => c.title.clone(),
            None => match self.next.first() {
                Some(n) => format!("none (next: {})", n.text),
                None => "none".into(),
            },
        }
    }

    /// The last `n` progress notes, oldest first.
    pub fn last_notes(&self, n: usize) -> &[String] {
        &self.notes[self.notes.len().saturating_sub(n)..]
    }
}

/// `(stamp, kind)` from an entry file name `<stamp>-<kind>-<suffix>.md`.
fn entry_name(p: &Path) -> Option<(&str, &str)> {
    let name = p.file_stem()?.to_str()?;
    let (stamp, rest) = name.split_once('-')?;
    let (kind, _) = rest.rsplit_once('-')?;
    Some((stamp, kind))
}

/// An entry stamp (`20260115T100000.123456Z`) after a file stamp
/// (`20260115T100000Z`): a later second.
fn stamp_after(entry: &str, written: &str) -> bool {
    let e = entry.get(..15).unwrap_or(entry);
    let w = written.get(..15).unwrap_or(written);
    e > w
}

/// Progress notes (`### Notes` under Progress), without their bullets.
fn notes(progress: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for (fenced, l) in s::lines_with_fences(progress) {
        if !fenced && l.starts_with("### ") {
            inside = l.trim_end() == "### Notes";
            continue;
        }
        if inside && let Some(t) = l.strip_prefix("- ") {
            out.push(t.trim().to_string());
        }
    }
    out
}

/// "written 2 days ago, 14 entries since" for a TL;DR.
pub fn tldr_age(t: &Tldr, now: DateTime<Utc>) -> String {
    let mut parts = Vec::new();
    match t.written.as_deref().and_then(clock::parse) {
        Some(w) => parts.push(format!("written {}", clock::ago(w, now))),
        None => parts.push("date unknown".into()),
    }
    if let Some(n) = t.entries_since
        && n > 0
    {
        parts.push(format!(
            "{n} entr{} since",
            if n == 1 { "y" } else { "ies" }
        ));
    }
    if t.compacted_since {
        parts.push("a compaction since".into());
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_and_stamps() {
        let p = Path::new("/x/20260115T100000.000001Z-file-abcd1234.md");
        assert_eq!(entry_name(p), Some(("20260115T100000.000001Z", "file")));
        let p = Path::new("/x/20260115T100000.000001Z-compact-summary-abcd1234.md");
        assert_eq!(entry_name(p).unwrap().1, "compact-summary");
        assert!(stamp_after("20260115T100001.000000Z", "20260115T100000Z"));
        assert!(!stamp_after("20260115T100000.900000Z", "20260115T100000Z"));
    }
}
