//! `session-hook close`: complete or abandon a session and archive it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{ArgGroup, Args};

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::doc::{Document, Value};
use crate::error::UserError;
use crate::store::Store;
use crate::{clock, fsutil, journal, session};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("how").args(["complete", "abandon"])))]
#[command(
    after_help = "Plain words work too: `session-hook close complete`, `session-hook close fix-login abandon superseded by the v2 work`."
)]
pub struct CloseArgs {
    /// [NAME] [complete | abandon REASON...]: the session to close, and how.
    #[arg(value_name = "WORDS")]
    pub words: Vec<String>,
    /// The work is done; linked tasks are marked completed.
    #[arg(long)]
    pub complete: bool,
    /// The work is dropped (needs a reason).
    #[arg(long)]
    pub abandon: bool,
    /// Why it was closed.
    #[arg(long)]
    pub reason: Option<String>,
}

/// How plain words say to close.
fn how_of(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().trim_end_matches(['.', '!']) {
        "complete" | "completed" | "done" | "finished" | "finish" => Some(true),
        "abandon" | "abandoned" | "drop" | "dropped" | "cancel" | "cancelled" => Some(false),
        _ => None,
    }
}

/// `[NAME] [complete | abandon REASON...]` → (name, complete?, reason).
fn from_words(words: &[String]) -> (Option<String>, Option<bool>, Option<String>) {
    let words: Vec<&str> = words.iter().flat_map(|w| w.split_whitespace()).collect();
    let (name, rest) = match words.first() {
        Some(w) if how_of(w).is_none() => (Some(w.to_string()), &words[1..]),
        _ => (None, &words[..]),
    };
    let how = rest.first().and_then(|w| how_of(w));
    let reason = (rest.len() > 1).then(|| rest[1..].join(" "));
    (name, how, if how.is_some() { reason } else { None })
}

pub fn run(g: &Global, mut a: CloseArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let (name, how, words_reason) = from_words(&a.words);
    if let Some(c) = how
        && !a.complete
        && !a.abandon
    {
        a.complete = c;
        a.abandon = !c;
    }
    let reason = ctx.opt_text("--reason", a.reason.as_ref().or(words_reason.as_ref()))?;
    ctx.store.require()?;
    let _lock = crate::cmd::lock(&ctx.store)?;
    let meta = ctx.resolve(name.as_deref())?;
    if !a.complete && !a.abandon {
        return Err(UserError::new(format!(
            "close {} as complete or as abandoned?",
            meta.shortname()
        ))
        .hint(format!(
            "say which: `session-hook close {0} complete`, or `session-hook close {0} abandon WHY`",
            meta.shortname()
        ))
        .into());
    }
    if a.abandon && reason.is_none() {
        return Err(UserError::new(format!(
            "abandoning {} needs a reason",
            meta.shortname()
        ))
        .hint(format!(
            "say why: `session-hook close {} abandon superseded by the v2 work` (or --reason \"...\")",
            meta.shortname()
        ))
        .into());
    }
    crate::cmd::refuse_closed(
        &meta,
        "already closed",
        "",
        "it is in the archive already; see `session-hook list --all`",
    )?;
    let mut open = session::Open::load(&ctx.store, meta)?;
    // The document as found: what keys the close entry.
    let before = open.doc.text().to_string();
    let status = if a.complete { "complete" } else { "abandoned" };
    let now = clock::iso(ctx.now);
    open.doc.set_front(&[
        ("status", Value::Str(status.into())),
        ("closed_at", Value::Str(now)),
        ("close_reason", Value::opt(reason.as_deref())),
    ])?;
    session::refresh_tldr(&mut open.doc);
    session::touch(&mut open.doc, ctx.now)?;
    let text = reason.as_deref().unwrap_or(status);
    let target = archive(
        &ctx.store,
        &open,
        &before,
        ctx.now,
        &[("status", status)],
        text,
    )?;

    let doc = &open.doc;
    let (done, total) = session::progress(doc).counts();
    println!(
        "Session {}: {}",
        if a.complete { "completed" } else { "abandoned" },
        doc.shortname()
    );
    println!("  progress: {done}/{total} steps");
    println!("  compactions: {}", doc.front().compaction_count);
    if let Some(c) = doc.front().created_at.as_deref().and_then(clock::parse) {
        println!(
            "  duration: {}",
            clock::duration((ctx.now - c).num_seconds())
        );
    }
    println!(
        "  archived: {}",
        fsutil::relative_to(&target, &ctx.store.project).display()
    );
    if a.complete {
        let (lines, failed) = complete_tasks(&ctx.store.project, doc);
        for line in lines {
            println!("  {line}");
        }
        // The session is closed either way; a task that could not be
        // marked is said loudly, after every other task had its turn.
        if !failed.is_empty() {
            return Err(UserError::new(format!(
                "{} was closed, but {} could not be marked completed:\n  {}",
                doc.shortname(),
                if failed.len() == 1 {
                    "one task"
                } else {
                    "some tasks"
                },
                failed.join("\n  ")
            ))
            .hint("fix or mark those task files by hand; the session itself is archived")
            .into());
        }
    }
    Ok(())
}

/// Move a closed session (`open`, edited; `before`, its text as found)
/// into the archive and record the close in its journal.
///
/// The closed document goes into the archive first, then the journal
/// records the close, then the active document goes. A failure at any step
/// takes back what was done, so a failed close changes nothing and can
/// simply be run again. A kill leaves the active document (with at most an
/// archived copy and a close entry, which running it again adopts: the
/// entry is keyed by the document as it was) or the closed one; never
/// neither, never two. Returns where the document now is.
pub(crate) fn archive(
    store: &Store,
    open: &session::Open,
    before: &str,
    now: chrono::DateTime<chrono::Utc>,
    fields: &[(&str, &str)],
    text: &str,
) -> Result<PathBuf> {
    let id = open.doc.id();
    journal::prepare(store, id)?;
    let key = journal::once_key(before, "close", 0, text);
    let target = save_archived(store, &open.meta.path, &open.doc)?;
    let saved = std::fs::symlink_metadata(&open.meta.path)
        .and_then(|m| m.modified())
        .ok();
    let entry = journal::write_once(store, id, "close", now, fields, text, &key, saved);
    let fail = |written: Option<&Path>, e: anyhow::Error| {
        if let Some(p) = written {
            let _ = fsutil::remove(p);
        }
        let _ = fsutil::remove(&target);
        e.context(format!("{} was not closed", open.meta.shortname()))
    };
    let written = match entry {
        Ok((p, true)) => Some(p),
        Ok((_, false)) => None,
        Err(e) => return Err(fail(None, e)),
    };
    if let Err(e) = fsutil::remove(&open.meta.path) {
        let e =
            anyhow::Error::new(e).context(format!("cannot remove {}", open.meta.path.display()));
        return Err(fail(written.as_deref(), e));
    }
    Ok(target)
}

/// Write a closed document into the archive under a free name: the same
/// file name, else one with the whole id, else that with a number, when
/// older sessions already took them. Each name is created exclusively, so
/// an archived file is never replaced, even by a racing writer. Returns
/// the path written.
pub(crate) fn save_archived(store: &Store, from: &Path, doc: &Document) -> Result<PathBuf> {
    let archive = store.archive_dir();
    fsutil::ensure_private_dir(&archive)
        .with_context(|| format!("cannot create {}", archive.display()))?;
    let stem = from
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let long = format!("{stem}-{}", doc.id().replace('-', ""));
    let names = [format!("{stem}.md"), format!("{long}.md")]
        .into_iter()
        .chain((2..100).map(|i| format!("{long}-{i}.md")));
    for name in names {
        let target = archive.join(name);
        if store.create(&target, doc)? {
            return Ok(target);
        }
        // A copy of this very session: left by a close that was killed
        // before it could remove the active document. It is replaced,
        // not joined by a second copy.
        if crate::journal::read_field(&target, "id").as_deref() == Some(doc.id()) {
            store.save(&target, doc)?;
            return Ok(target);
        }
    }
    Err(UserError::new(format!(
        "no free file name for {stem} in {}",
        archive.display()
    ))
    .hint("move old copies of this session out of the archive folder")
    .into())
}

/// Mark each linked task `status: completed` in `.tasks/<id>.md`, keeping
/// the rest of its file. Returns one line per task, and the tasks that
/// could not be marked, each with its reason: one bad file never keeps the
/// others from being marked.
fn complete_tasks(project: &Path, doc: &Document) -> (Vec<String>, Vec<String>) {
    let mut out = Vec::new();
    let mut failed = Vec::new();
    for t in &doc.front().task_ids {
        if crate::names::validate("task id", t).is_err() {
            out.push(format!("task {t}: skipped (invalid id)"));
            continue;
        }
        let p = project.join(".tasks").join(format!("{t}.md"));
        if !p.is_file() {
            out.push(format!("task {t}: no .tasks/{t}.md, nothing to mark"));
            continue;
        }
        let marked = fsutil::read_text(&p)
            .with_context(|| format!("cannot read {}", p.display()))
            .and_then(|text| match set_task_status(&text) {
                Some(new) => {
                    // The task file belongs to the project, not to the
                    // store: it keeps its mode (0644 stays readable).
                    fsutil::write(&p, new.as_bytes(), fsutil::How::KEEP_MODE)
                        .with_context(|| format!("cannot write {}", p.display()))?;
                    Ok(true)
                }
                None => Ok(false),
            });
        match marked {
            Ok(true) => out.push(format!("task {t}: completed")),
            Ok(false) => out.push(format!(
                "task {t}: .tasks/{t}.md has no frontmatter; left alone"
            )),
            Err(e) => {
                out.push(format!("task {t}: not marked"));
                failed.push(format!("task {t}: {e:#}"));
            }
        }
    }
    (out, failed)
}

fn set_task_status(text: &str) -> Option<String> {
    // A task file saved with CRLF endings is edited the same way.
    let fence = if text.starts_with("---\r\n") {
        "---\r\n"
    } else {
        "---\n"
    };
    let rest = text.strip_prefix(fence)?;
    let end = rest.find("\n---")?;
    let yaml = &rest[..end + 1];
    // Only the value changes: spacing and an inline comment stay.
    let new_yaml =
        crate::doc::frontmatter::set_key(yaml, "status", &Value::Str("completed".into()));
    Some(format!("{fence}{new_yaml}{}", &rest[end + 1..]))
}

#[cfg(test)]
mod tests {
    #[test]
    fn crlf_task_files_are_marked_and_keep_crlf() {
        let t = "---\r\ntitle: X\r\nstatus: open # by hand\r\nprio: 1\r\n---\r\nbody\r\n";
        assert_eq!(
            super::set_task_status(t).unwrap(),
            "---\r\ntitle: X\r\nstatus: completed # by hand\r\nprio: 1\r\n---\r\nbody\r\n"
        );
        let t = "---\r\nstatus: open\r\n---\r\n";
        assert_eq!(
            super::set_task_status(t).unwrap(),
            "---\r\nstatus: completed\r\n---\r\n"
        );
    }

    #[test]
    fn task_status_keeps_other_keys() {
        let t = "---\ntitle: X\nstatus: open\nprio: 1\n---\nbody\n";
        assert_eq!(
            super::set_task_status(t).unwrap(),
            "---\ntitle: X\nstatus: completed\nprio: 1\n---\nbody\n"
        );
    }

    #[test]
    fn task_status_keeps_an_inline_comment_and_spacing() {
        let t = "---\nstatus:   open   # set by the planner\nsubstatus: x\n---\n";
        assert_eq!(
            super::set_task_status(t).unwrap(),
            "---\nstatus:   completed   # set by the planner\nsubstatus: x\n---\n"
        );
        let t = "---\nstatus: \"in # progress\" # quoted\n---\n";
        assert_eq!(
            super::set_task_status(t).unwrap(),
            "---\nstatus: completed # quoted\n---\n"
        );
        // No status yet: added at the end of the frontmatter.
        let t = "---\ntitle: X\n---\n";
        assert_eq!(
            super::set_task_status(t).unwrap(),
            "---\ntitle: X\nstatus: completed\n---\n"
        );
    }
}
