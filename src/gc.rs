//! Housekeeping for `gc`: archive long-idle paused sessions, prune resume
//! logs, bundles and snapshots beyond the retention counts, and roll old
//! journal entries up into one file per session.
//!
//! What a careful user can rely on:
//! - an active session is never touched: not its file, not its journal,
//!   not its bundles or resume logs;
//! - a paused session idle for longer than the limit is closed the way
//!   `close --abandon` would close it: status `abandoned`, `close_reason`
//!   saying it was idle and archived by gc, moved to `archive/`. Nothing of
//!   it is deleted; `view NAME` still shows it. (Keeping `paused` inside
//!   `archive/` would break the rule that `archive/` holds closed sessions.)
//! - pruning removes whole resume logs (markdown and JSON together), whole
//!   bundle sets (one folder per session), and the oldest snapshots;
//! - a roll-up writes the entries into `journal/<id>/rollup.md` first and
//!   only then removes their files, so a crash leaves a duplicate, never a
//!   loss (the next run removes the duplicate);
//! - `plan` only reads; `apply` does what the plan says.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result};
use chrono::{DateTime, Duration, Utc};
use regex::Regex;

use crate::config::Retention;
use crate::doc::{Status, Value};
use crate::journal::{self, Entry};
use crate::store::{Meta, Store};
use crate::{clock, fsutil, session};

/// The separator `journal::read_all` splits a roll-up on.
pub const ROLLUP_SEP: &str = "\n<!-- entry -->\n";

#[derive(Debug, Clone)]
pub enum Action {
    Archive {
        meta: Box<Meta>,
        idle_days: i64,
        since: String,
    },
    RemoveResumeLog {
        files: Vec<PathBuf>,
    },
    RemoveBundles {
        shortname: String,
        files: Vec<PathBuf>,
    },
    RemoveSnapshot {
        path: PathBuf,
    },
    /// A leftover: a temp file of a write that was killed, or a previous
    /// version of a document that older versions parked in `.local/spare/`.
    RemoveSpare {
        path: PathBuf,
    },
    Rollup {
        id: String,
        label: String,
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub actions: Vec<Action>,
}

/// Parse `30d`, `12h`, `2w` or a bare number of days.
pub fn parse_age(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (num, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, "d"),
    };
    let n: i64 = num.parse().ok()?;
    match unit {
        "d" | "day" | "days" => Some(Duration::days(n)),
        "h" | "hour" | "hours" => Some(Duration::hours(n)),
        "w" | "week" | "weeks" => Some(Duration::weeks(n)),
        _ => None,
    }
}

fn stamp_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^(.+)-(\d{8}T\d{6}(?:\.\d+)?Z)$").expect("static regex"))
}

fn mtime(p: &Path) -> std::time::SystemTime {
    fs::symlink_metadata(p)
        .and_then(|m| m.modified())
        .unwrap_or(std::time::UNIX_EPOCH)
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fsutil::entries(dir)
        .into_iter()
        .filter(|(_, file)| *file)
        .map(|(n, _)| dir.join(n))
        .collect();
    v.sort();
    v
}

/// Work out what gc would do. Reads only.
pub fn plan(store: &Store, r: &Retention, older_than: Duration, now: DateTime<Utc>) -> Plan {
    let metas = store.metas(true);
    let active: Vec<&Meta> = metas
        .iter()
        .filter(|m| !m.archived && m.front.status == Status::Active)
        .collect();
    let active_ids: HashSet<&str> = active.iter().map(|m| m.id()).collect();
    let active_names: HashSet<&str> = active.iter().map(|m| m.shortname()).collect();
    let mut actions = Vec::new();

    // Paused sessions idle for too long.
    for m in metas
        .iter()
        .filter(|m| !m.archived && m.front.status == Status::Paused)
    {
        let last = [
            m.front.updated_at.as_deref(),
            m.front.paused_at.as_deref(),
            m.front.created_at.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter_map(clock::parse)
        .max();
        let Some(last) = last else { continue };
        if now - last > older_than {
            actions.push(Action::Archive {
                meta: Box::new(m.clone()),
                idle_days: (now - last).num_days(),
                since: clock::iso(last),
            });
        }
    }

    // Journal entries older than the retention, of sessions not active.
    let cutoff = now - Duration::days(r.journal_days as i64);
    let journal_root = store.dir.join("journal");
    let mut journals: Vec<PathBuf> = fsutil::entries(&journal_root)
        .into_iter()
        .filter(|(_, file)| !file)
        .map(|(n, _)| journal_root.join(n))
        .collect();
    // Ids are time-ordered: oldest session first.
    journals.sort();
    for d in journals {
        let id = d
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if crate::names::validate("id", &id).is_err() || active_ids.contains(id.as_str()) {
            continue;
        }
        let old: Vec<PathBuf> = files_in(&d.join("entries"))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .filter(|p| entry_time(p).is_some_and(|t| t < cutoff))
            .collect();
        if !old.is_empty() {
            let label = metas
                .iter()
                .find(|m| m.id() == id)
                .map(|m| m.shortname().to_string())
                .unwrap_or_else(|| format!("session {id}"));
            actions.push(Action::Rollup {
                id,
                label,
                files: old,
            });
        }
    }

    // Resume logs: a log is its `.md` and `.json`, named
    // `<shortname>-<stamp>`. Newest first by stamp.
    let mut logs: Vec<(String, String, Vec<PathBuf>)> = Vec::new();
    for p in files_in(&store.resume_logs_dir()) {
        let Some(stem) = p.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let Some(c) = stamp_re().captures(&stem) else {
            continue;
        };
        let (short, stamp) = (c[1].to_string(), c[2].to_string());
        match logs.iter_mut().find(|(s, t, _)| *s == short && *t == stamp) {
            Some((_, _, v)) => v.push(p),
            None => logs.push((short, stamp, vec![p])),
        }
    }
    logs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let logs: Vec<_> = logs
        .into_iter()
        .filter(|(s, _, _)| !active_names.contains(s.as_str()))
        .collect();
    for (_, _, files) in logs.into_iter().skip(r.resume_logs) {
        actions.push(Action::RemoveResumeLog { files });
    }

    // Bundle sets: one folder per session, newest first by its newest file.
    let mut sets: Vec<(String, std::time::SystemTime, Vec<PathBuf>)> = Vec::new();
    let bundle_root = crate::bundle::dir(store);
    for (d, _) in fsutil::entries(&bundle_root) {
        let short = d.to_string_lossy().into_owned();
        if crate::names::validate("shortname", &short).is_err()
            || active_names.contains(short.as_str())
        {
            continue;
        }
        let files: Vec<PathBuf> = files_in(&bundle_root.join(&d))
            .into_iter()
            .filter(|p| {
                p.file_stem()
                    .and_then(|s| s.to_str())
                    .and_then(crate::bundle::Kind::parse)
                    .is_some()
                    && p.extension().is_some_and(|x| x == "md")
            })
            .collect();
        if files.is_empty() {
            continue;
        }
        let newest = files
            .iter()
            .map(|f| mtime(f))
            .max()
            .unwrap_or(std::time::UNIX_EPOCH);
        sets.push((short, newest, files));
    }
    sets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (shortname, _, files) in sets.into_iter().skip(r.bundles) {
        actions.push(Action::RemoveBundles { shortname, files });
    }

    // Snapshots: the date in the name orders them.
    let mut snaps: Vec<PathBuf> = files_in(&store.dir.join("snapshots"))
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("SESSION_SNAPSHOT_") && n.ends_with(".md"))
        })
        .collect();
    snaps.sort();
    snaps.reverse();
    for path in snaps.into_iter().skip(r.snapshots) {
        actions.push(Action::RemoveSnapshot { path });
    }

    // Older versions parked previous versions of large documents in
    // `.local/spare/`; nothing uses them now.
    for path in files_in(&store.local_dir().join("spare")) {
        actions.push(Action::RemoveSpare { path });
    }
    // Temp files of writers that were killed, in every folder of the
    // store (old enough that no live writer can own them).
    let mut temps = Vec::new();
    stale_temps(&store.dir, 0, &mut temps);
    temps.sort();
    actions.extend(temps.into_iter().map(|path| Action::RemoveSpare { path }));
    Plan { actions }
}

/// Temp files older than `fsutil::STALE_TEMP_AGE` under `dir`, not
/// following links, a few levels deep.
fn stale_temps(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 6 {
        return;
    }
    for (name, file) in fsutil::entries(dir) {
        let p = dir.join(&name);
        let n = name.to_string_lossy();
        if !file {
            stale_temps(&p, depth + 1, out);
        } else if n.starts_with(".tmp-")
            && n.ends_with(".partial")
            && fs::symlink_metadata(&p)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= fsutil::STALE_TEMP_AGE)
        {
            out.push(p);
        }
    }
}

/// An entry's time: its `at`, else the stamp in its file name.
fn entry_time(p: &Path) -> Option<DateTime<Utc>> {
    let name = p.file_name()?.to_string_lossy().into_owned();
    let head = fsutil::read_head(p, 4096).ok()?;
    let text = String::from_utf8_lossy(&head);
    let at = text
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix("at: "))
        .and_then(clock::parse);
    at.or_else(|| {
        let stamp = name.split('-').next()?;
        let secs = stamp.split('.').next()?;
        clock::parse(&format!("{}Z", secs.trim_end_matches('Z')))
    })
}

/// One line per action, paths relative to the project.
pub fn describe(a: &Action, project: &Path) -> String {
    let rel = |p: &Path| fsutil::relative_to(p, project).display().to_string();
    match a {
        Action::Archive {
            meta,
            idle_days,
            since,
        } => format!(
            "archive   {} (paused, idle {idle_days} days since {since}): status abandoned, moved to .sessions/archive/",
            meta.shortname()
        ),
        Action::RemoveResumeLog { files } => {
            let names: Vec<String> = files.iter().map(|f| rel(f)).collect();
            format!("remove    resume log {}", names.join(" + "))
        }
        Action::RemoveBundles { shortname, files } => {
            let kinds: Vec<String> = files
                .iter()
                .filter_map(|f| f.file_stem())
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            format!("remove    bundles of {shortname} ({})", kinds.join(", "))
        }
        Action::RemoveSnapshot { path } => format!("remove    snapshot {}", rel(path)),
        Action::RemoveSpare { path } => format!(
            "remove    {} (left over from an interrupted or older write)",
            rel(path)
        ),
        Action::Rollup { id, label, files } => format!(
            "roll up   {} journal entr{} of {label} into .sessions/journal/{id}/rollup.md",
            files.len(),
            if files.len() == 1 { "y" } else { "ies" }
        ),
    }
}

/// Counts for the closing line.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Summary {
    pub archived: usize,
    pub resume_logs: usize,
    pub bundle_sets: usize,
    pub snapshots: usize,
    pub spares: usize,
    pub rolled_up: usize,
}

impl Plan {
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for a in &self.actions {
            match a {
                Action::Archive { .. } => s.archived += 1,
                Action::RemoveResumeLog { .. } => s.resume_logs += 1,
                Action::RemoveBundles { .. } => s.bundle_sets += 1,
                Action::RemoveSnapshot { .. } => s.snapshots += 1,
                Action::RemoveSpare { .. } => s.spares += 1,
                Action::Rollup { files, .. } => s.rolled_up += files.len(),
            }
        }
        s
    }
}

/// Do what the plan says (the caller holds the store lock). Returns one
/// line per action that could not be done; the others are done.
pub fn apply(store: &Store, plan: &Plan, now: DateTime<Utc>) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for a in &plan.actions {
        let r = match a {
            Action::Archive {
                meta, idle_days, ..
            } => archive(store, meta, *idle_days, now),
            Action::Rollup { id, files, .. } => rollup(store, id, files),
            Action::RemoveResumeLog { files } | Action::RemoveBundles { files, .. } => {
                remove_all(files)
            }
            Action::RemoveSnapshot { path } | Action::RemoveSpare { path } => {
                remove_all(std::slice::from_ref(path))
            }
        };
        if let Err(e) = r {
            problems.push(format!("{}: {e:#}", describe(a, &store.project)));
        }
        if let Action::RemoveBundles { files, .. } = a
            && let Some(dir) = files.first().and_then(|f| f.parent())
        {
            // Only an empty folder goes: anything else in it is not ours.
            let _ = fsutil::remove_dir(dir);
        }
    }
    Ok(problems)
}

fn remove_all(files: &[PathBuf]) -> Result<()> {
    for f in files {
        match fsutil::remove(f) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove {}", f.display())),
        }
    }
    Ok(())
}

fn archive(store: &Store, meta: &Meta, idle_days: i64, now: DateTime<Utc>) -> Result<()> {
    let mut open = session::Open::load(store, meta.clone())?;
    let before = open.doc.text().to_string();
    // The plan was made from the listing; the file may have changed since.
    if open.doc.front().status != Status::Paused {
        anyhow::bail!("no longer paused; left alone");
    }
    let reason = format!("idle for {idle_days} days while paused (archived by gc)");
    open.doc.set_front(&[
        ("status", Value::Str("abandoned".into())),
        ("closed_at", Value::Str(clock::iso(now))),
        ("close_reason", Value::Str(reason.clone())),
    ])?;
    session::refresh_tldr(&mut open.doc);
    session::touch(&mut open.doc, now)?;
    crate::cmd::close::archive(
        store,
        &open,
        &before,
        now,
        &[("status", "abandoned"), ("by", "gc")],
        &reason,
    )?;
    Ok(())
}

fn key(e: &Entry) -> (String, String, Vec<(String, String)>, String) {
    (
        e.kind.clone(),
        e.at.clone(),
        e.fields.clone(),
        e.text.clone(),
    )
}

fn rollup(store: &Store, id: &str, files: &[PathBuf]) -> Result<()> {
    let path = store.journal_dir(id).join("rollup.md");
    let mut all: Vec<Entry> = match fsutil::read_text(&path) {
        Ok(t) => t
            .split(ROLLUP_SEP)
            .filter_map(|c| journal::parse_entry_text(c, &path))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    // An entry already in the roll-up is a leftover of a run that stopped
    // between writing the roll-up and removing the files: count, not set,
    // so two real entries with the same words and second both stay.
    let mut leftovers: HashMap<_, usize> = HashMap::new();
    for e in &all {
        *leftovers.entry(key(e)).or_default() += 1;
    }
    let mut taken = Vec::new();
    for f in files {
        let Ok(t) = fsutil::read_text(f) else {
            continue;
        };
        // A file we cannot parse stays where it is.
        let Some(e) = journal::parse_entry_text(&t, f) else {
            continue;
        };
        match leftovers.get_mut(&key(&e)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => all.push(e),
        }
        taken.push(f);
    }
    all.sort_by(|a, b| a.at.cmp(&b.at));
    let text = all
        .iter()
        .map(journal::render_entry)
        .collect::<Vec<_>>()
        .join(ROLLUP_SEP);
    fsutil::atomic_write(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    // Only files now safely in the roll-up are removed.
    for f in taken {
        fsutil::remove(f).with_context(|| format!("cannot remove {}", f.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        assert_eq!(parse_age("30d"), Some(Duration::days(30)));
        assert_eq!(parse_age("12h"), Some(Duration::hours(12)));
        assert_eq!(parse_age("2w"), Some(Duration::weeks(2)));
        assert_eq!(parse_age("7"), Some(Duration::days(7)));
        assert_eq!(parse_age("7 days"), Some(Duration::days(7)));
        assert_eq!(parse_age("soon"), None);
        assert_eq!(parse_age("3y"), None);
    }

    #[test]
    fn rollup_round_trips_through_read_all() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::at(d.path());
        s.create_layout().unwrap();
        let t = clock::parse("2026-01-01T10:00:00Z").unwrap();
        let a = journal::write(&s, "abc", "decision", t, &[("n", "1")], "Use a: mutex").unwrap();
        let b = journal::write(&s, "abc", "progress", t, &[], "Line one\nline two").unwrap();
        let before = journal::read_all(&s, "abc");
        rollup(&s, "abc", &[a.clone(), b.clone()]).unwrap();
        assert!(!a.exists() && !b.exists());
        let after = journal::read_all(&s, "abc");
        let strip = |v: Vec<Entry>| -> Vec<_> { v.iter().map(key).collect() };
        assert_eq!(strip(before), strip(after));
        // A leftover of an interrupted run is not added twice...
        let c = journal::write(&s, "abc", "decision", t, &[("n", "1")], "Use a: mutex").unwrap();
        rollup(&s, "abc", std::slice::from_ref(&c)).unwrap();
        assert!(!c.exists());
        assert_eq!(journal::read_all(&s, "abc").len(), 2);
        // ...but two real entries alike in every word both stay.
        let t2 = t + Duration::hours(1);
        let e1 = journal::write(&s, "abc", "file", t2, &[("path", "a.rs")], "Edit a.rs").unwrap();
        let e2 = journal::write(&s, "abc", "file", t2, &[("path", "a.rs")], "Edit a.rs").unwrap();
        rollup(&s, "abc", &[e1, e2]).unwrap();
        assert_eq!(journal::read_all(&s, "abc").len(), 4);
    }
}
