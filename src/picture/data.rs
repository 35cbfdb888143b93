//! What the session report shows, and where it comes from: the session
//! document (steps), its journal (when things happened), its pause
//! snapshots (commits) and the transcripts of the Claude conversations
//! bound to it (context over time). `--json` prints this as it is; the
//! renderers in `svg` and `html` draw it and read nothing else.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::clock;
use crate::config::Config;
use crate::doc::Document;
use crate::doc::progress::Sub;
use crate::journal::{self, Entry};
use crate::snapshot;
use crate::store::{Meta, Store};
use crate::transcript::series::{self, Injection, Series};
use crate::usage::{self, WindowSource};

#[derive(Debug, Clone, Serialize)]
pub struct Picture {
    pub session: Head,
    pub generated_at: String,
    /// Context warning levels, percent of the window.
    pub thresholds: Vec<u8>,
    pub conversations: Vec<Conversation>,
    pub timeline: Timeline,
    pub work: Work,
    /// What could not be read (a snapshot, say), in words.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Head {
    pub id: String,
    pub shortname: String,
    pub title: String,
    pub status: String,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

/// One Claude conversation bound to the session.
#[derive(Debug, Clone, Serialize)]
pub struct Conversation {
    pub claude_session: String,
    pub transcript: Option<String>,
    /// Why the chart has a gap or is missing, in words.
    pub note: Option<String>,
    pub window: u64,
    pub window_source: WindowSource,
    pub model: Option<String>,
    /// Replies, compactions and resume injections (by a hook, or by
    /// `session-hook resume` naming this conversation), from the session's
    /// start on.
    #[serde(flatten)]
    pub series: Series,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Timeline {
    pub start: Option<String>,
    pub end: Option<String>,
    pub steps: Vec<Step>,
    /// Steps not started yet.
    pub remaining: Vec<String>,
    pub marks: Vec<Mark>,
    pub commits: Vec<Commit>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub title: String,
    pub started: Option<String>,
    /// Where `started` comes from: `journal` (the step was made current,
    /// or a task started), `previous step` (the one before it ended
    /// then) or `session start`.
    pub started_from: &'static str,
    pub done: Option<String>,
    pub current: bool,
    pub commit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    Decision,
    Discovery,
    Blocker,
    Resolved,
    Compaction,
    Pause,
    Resume,
    Close,
}

impl MarkKind {
    pub fn word(self) -> &'static str {
        match self {
            MarkKind::Decision => "decision",
            MarkKind::Discovery => "discovery",
            MarkKind::Blocker => "blocker",
            MarkKind::Resolved => "resolved",
            MarkKind::Compaction => "compaction",
            MarkKind::Pause => "pause",
            MarkKind::Resume => "resume",
            MarkKind::Close => "close",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    pub at: String,
    pub kind: MarkKind,
    pub text: String,
}

/// HEAD as a pause snapshot recorded it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Commit {
    pub at: String,
    pub id: String,
    pub message: Option<String>,
    pub branch: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Work {
    /// Most edited first.
    pub files: Vec<FileEdits>,
    pub days: Vec<Day>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileEdits {
    pub path: String,
    pub edits: usize,
}

/// One UTC day with journal activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    pub date: String,
    pub first: String,
    pub last: String,
    /// From the first event to the last.
    pub seconds: i64,
    pub events: usize,
}

/// What the report needs from the session document. This is the one
/// place that reads the document, so a change in its model touches only
/// this function.
pub struct DocFacts {
    pub head: Head,
    /// `(title, done note, current)` in document order: completed first,
    /// then in progress.
    pub started: Vec<(String, Option<String>, bool)>,
    pub remaining: Vec<String>,
    pub claude_sessions: Vec<String>,
}

pub fn doc_facts(doc: &Document) -> DocFacts {
    let f = doc.front();
    let p = crate::session::progress(doc);
    let mut started = Vec::new();
    let mut remaining = Vec::new();
    for sub in [Sub::Completed, Sub::InProgress, Sub::Remaining] {
        for i in p.items(sub) {
            if sub == Sub::Remaining && !i.current && !i.done {
                remaining.push(i.title.clone());
            } else {
                started.push((i.title.clone(), i.note.clone(), i.current));
            }
        }
    }
    DocFacts {
        head: Head {
            id: doc.id().to_string(),
            shortname: doc.shortname().to_string(),
            title: doc.title(),
            status: f.status.as_str().to_string(),
            created_at: f.created_at.clone(),
            updated_at: f.updated_at.clone(),
        },
        started,
        remaining,
        claude_sessions: f.claude_sessions.clone(),
    }
}

/// Everything the report shows about one session. Nothing here fails: a
/// transcript or snapshot that cannot be read becomes a note.
pub fn gather(
    store: &Store,
    meta: &Meta,
    doc: &Document,
    config: &Config,
    now: DateTime<Utc>,
) -> Picture {
    let mut facts = doc_facts(doc);
    for (c, _) in store.unlisted(meta.id()) {
        if !facts.claude_sessions.contains(&c) {
            facts.claude_sessions.push(c);
        }
    }
    let entries = journal::read_all(store, &facts.head.id);
    let mut notes = Vec::new();
    let mut snaps = Vec::new();
    for p in snapshot::list(store, &facts.head.id) {
        match snapshot::load(&p) {
            Ok(l) => snaps.push(l.snap),
            Err(u) => notes.push(format!(
                "pause snapshot {} was skipped: {}",
                crate::fsutil::relative_to(&u.path, &store.project).display(),
                u.reason
            )),
        }
    }
    let since = facts.head.created_at.as_deref().and_then(clock::parse);
    let conversations = facts
        .claude_sessions
        .iter()
        .map(|c| {
            let found = crate::transcript::locate(c, std::slice::from_ref(&store.project));
            conversation(store, config, c, found, since, &entries)
        })
        .collect();
    let open_end = matches!(facts.head.status.as_str(), "active").then_some(now);
    Picture {
        timeline: timeline(&facts, &entries, &snaps, open_end),
        work: work(&entries),
        session: facts.head,
        generated_at: clock::iso(now),
        thresholds: config.thresholds.clone(),
        conversations,
        notes,
    }
}

/// One conversation's chart data. `found` is where its transcript is (or
/// why it was not found).
pub fn conversation(
    store: &Store,
    config: &Config,
    claude: &str,
    found: Result<PathBuf, String>,
    since: Option<DateTime<Utc>>,
    entries: &[Entry],
) -> Conversation {
    let st = crate::hook::state::load(store, claude);
    let (mut series, transcript, note) = match found {
        Err(why) => (
            Series::default(),
            None,
            Some(format!("no transcript: {why}")),
        ),
        Ok(p) => {
            let shown = Some(p.display().to_string());
            match series::read(&p, since) {
                Ok(s) => (s, shown, None),
                Err(e) => (
                    Series::default(),
                    shown,
                    Some(format!("the transcript cannot be read: {e}")),
                ),
            }
        }
    };
    // `session-hook resume` prints the resume context into the
    // conversation it names.
    for e in entries
        .iter()
        .filter(|e| e.kind == "resume" && e.field("claude_session") == Some(claude))
    {
        let t = clock::parse(&e.at);
        let after = series
            .replies
            .iter()
            // A reply in the same second came after the command.
            .take_while(|r| r.at.as_deref().and_then(clock::parse) < t)
            .count();
        series.injections.push(Injection {
            at: Some(e.at.clone()),
            event: Some("session-hook resume".into()),
            after_replies: after,
        });
    }
    series.injections.sort_by_key(|i| i.after_replies);
    let (w, model) = usage::window_for(
        None,
        st.window,
        &[st.model.as_deref(), series.model.as_deref()],
        &config.windows,
    );
    let note = note.or_else(|| {
        series
            .replies
            .is_empty()
            .then(|| "no reply in the transcript since the session began".to_string())
    });
    Conversation {
        claude_session: claude.to_string(),
        transcript,
        note,
        window: w.size,
        window_source: w.source,
        model,
        series,
    }
}

fn mark_kind(kind: &str) -> Option<MarkKind> {
    Some(match kind {
        "decision" => MarkKind::Decision,
        "discovery" => MarkKind::Discovery,
        "blocker" => MarkKind::Blocker,
        "resolve" => MarkKind::Resolved,
        "compaction" => MarkKind::Compaction,
        "pause" => MarkKind::Pause,
        "resume" => MarkKind::Resume,
        "close" => MarkKind::Close,
        _ => return None,
    })
}

/// The hover text of a mark: the entry, with its reasons.
fn mark_text(e: &Entry) -> String {
    let mut t = e.text.clone();
    for k in ["rationale", "options", "impact", "mitigation"] {
        if let Some(v) = e.field(k) {
            t.push_str(&format!("\n{k}: {v}"));
        }
    }
    t
}

fn same_step(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Steps from the document, timed by the journal; marks and commits.
/// `open_end` is the end of an active session (now).
pub fn timeline(
    facts: &DocFacts,
    entries: &[Entry],
    snaps: &[snapshot::Snapshot],
    open_end: Option<DateTime<Utc>>,
) -> Timeline {
    let session_start = facts.head.created_at.clone();
    // A step starts when it is made current (or its task starts) and ends
    // with its `done` entry; the first of each counts.
    let started_at = |title: &str| {
        entries
            .iter()
            .find(|e| {
                (e.kind == "current" && same_step(&e.text, title))
                    || (e.kind == "task"
                        && e.field("status") == Some("started")
                        && e.text
                            .strip_prefix("Task started: ")
                            .is_some_and(|s| same_step(s, title)))
            })
            .map(|e| e.at.clone())
    };
    let done_entry = |title: &str| {
        entries
            .iter()
            .find(|e| e.kind == "done" && e.field("step").is_some_and(|s| same_step(s, title)))
    };
    let mut steps: Vec<Step> = facts
        .started
        .iter()
        .map(|(title, note, current)| {
            let d = done_entry(title);
            // The note of a completed step: "2026-01-15T10:30Z, abc1234".
            let (note_at, note_commit) = match note.as_deref().map(|n| n.split_once(", ")) {
                Some(Some((t, c))) => (Some(t.to_string()), Some(c.to_string())),
                Some(None) => (note.clone(), None),
                None => (None, None),
            };
            let done = d
                .map(|e| e.at.clone())
                .or(note_at.filter(|t| clock::parse(t).is_some()));
            let commit = d
                .and_then(|e| e.field("commit").map(str::to_string))
                .or(note_commit);
            Step {
                title: title.clone(),
                started: started_at(title),
                started_from: "journal",
                done,
                current: *current,
                commit,
            }
        })
        .collect();
    // A step with no start of its own began when the step before it (by
    // time) ended, or with the session.
    let ends: Vec<DateTime<Utc>> = steps
        .iter()
        .filter_map(|s| s.done.as_deref().and_then(clock::parse))
        .collect();
    for s in &mut steps {
        if s.started.is_some() {
            continue;
        }
        let until = s.done.as_deref().and_then(clock::parse);
        let before = ends.iter().filter(|e| until.is_none_or(|u| **e < u)).max();
        (s.started, s.started_from) = match before {
            Some(t) => (Some(clock::iso(*t)), "previous step"),
            None => (session_start.clone(), "session start"),
        };
    }
    let marks: Vec<Mark> = entries
        .iter()
        .filter_map(|e| {
            Some(Mark {
                kind: mark_kind(&e.kind)?,
                at: e.at.clone(),
                text: mark_text(e),
            })
        })
        .collect();
    let mut commits: Vec<Commit> = Vec::new();
    for s in snaps {
        let Some(g) = &s.git_context else { continue };
        let Some(id) = &g.commit else { continue };
        // HEAD unchanged since the previous pause is not a new commit.
        if commits.last().is_some_and(|c| &c.id == id) {
            continue;
        }
        commits.push(Commit {
            at: s.paused_at.clone(),
            id: id.clone(),
            message: g.commit_message.clone(),
            branch: g.branch.clone(),
        });
    }
    let times = entries
        .iter()
        .map(|e| e.at.as_str())
        .chain(session_start.as_deref())
        .chain(commits.iter().map(|c| c.at.as_str()))
        .filter_map(clock::parse)
        .chain(open_end);
    let (start, end) = span(times);
    Timeline {
        start: start.map(clock::iso),
        end: end.map(clock::iso),
        steps,
        remaining: facts.remaining.clone(),
        marks,
        commits,
    }
}

fn span(
    times: impl Iterator<Item = DateTime<Utc>>,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    times.fold((None, None), |(a, b), t| {
        (
            Some(a.map_or(t, |a: DateTime<Utc>| a.min(t))),
            Some(b.map_or(t, |b: DateTime<Utc>| b.max(t))),
        )
    })
}

/// Files by edit count, and each day's first and last event.
pub fn work(entries: &[Entry]) -> Work {
    let mut files: BTreeMap<&str, usize> = BTreeMap::new();
    let mut days: BTreeMap<String, (DateTime<Utc>, DateTime<Utc>, usize)> = BTreeMap::new();
    for e in entries {
        if e.kind == "file"
            && let Some(p) = e.field("path")
        {
            *files.entry(p).or_default() += 1;
        }
        if let Some(t) = clock::parse(&e.at) {
            let d = days
                .entry(t.format("%Y-%m-%d").to_string())
                .or_insert((t, t, 0));
            d.0 = d.0.min(t);
            d.1 = d.1.max(t);
            d.2 += 1;
        }
    }
    let mut files: Vec<FileEdits> = files
        .into_iter()
        .map(|(p, n)| FileEdits {
            path: p.to_string(),
            edits: n,
        })
        .collect();
    files.sort_by(|a, b| b.edits.cmp(&a.edits).then_with(|| a.path.cmp(&b.path)));
    Work {
        files,
        days: days
            .into_iter()
            .map(|(date, (a, b, n))| Day {
                date,
                first: clock::iso(a),
                last: clock::iso(b),
                seconds: (b - a).num_seconds(),
                events: n,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_transcript_is_a_note() {
        let d = tempfile::tempdir().unwrap();
        let store = Store::at(d.path());
        // A folder where the file should be: found, but not readable as one.
        let c = conversation(
            &store,
            &Config::default(),
            "c1",
            Ok(d.path().to_path_buf()),
            None,
            &[],
        );
        let note = c.note.unwrap();
        assert!(
            note.starts_with("the transcript cannot be read: "),
            "{note}"
        );
        assert!(c.series.replies.is_empty());
        let c = conversation(
            &store,
            &Config::default(),
            "c1",
            Err("gone".into()),
            None,
            &[],
        );
        assert_eq!(c.note.as_deref(), Some("no transcript: gone"));
        assert_eq!(c.window, usage::DEFAULT_WINDOW);
    }
}
