//! `session-hook pause`: stop for now. The session is marked paused, what
//! was done and what comes next go into the document, a snapshot of the git
//! state is written, and the session's store files are recorded as a commit
//! on `refs/sessions/<id>` (never on the user's branch, index or working
//! tree). `pause.commit: branch` also commits `.sessions/` on the current
//! branch, through the `git` executable.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;
use git2::Repository;

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::config::CommitMode;
use crate::doc::sections as s;
use crate::doc::{Document, Value};
use crate::error::UserError;
use crate::git::exe::Branch;
use crate::git::snapref::{self, Written};
use crate::snapshot::{self, Conversation, Snapshot};
use crate::store::{STORE_DIR, Store};
use crate::{clock, fsutil, git, journal, session};

#[derive(Debug, Args)]
#[command(
    after_help = "Plain words work too: `session-hook pause halfway through the writer` pauses with that summary; a first word naming an open session picks it (`session-hook pause csv-export`)."
)]
pub struct PauseArgs {
    /// [NAME] [SUMMARY...]: the session to pause, then the summary in plain words.
    #[arg(value_name = "WORDS")]
    pub words: Vec<String>,
    /// What you were working on (default: the title and progress).
    #[arg(short = 's', long)]
    pub summary: Option<String>,
    /// Something finished (repeatable); recorded under Completed.
    #[arg(short = 'a', long = "accomplishment", value_name = "TEXT")]
    pub accomplishments: Vec<String>,
    /// What to do next (repeatable); recorded under Next Steps.
    #[arg(short = 'n', long = "next-step", value_name = "TEXT")]
    pub next_steps: Vec<String>,
    /// A note for the journal.
    #[arg(long)]
    pub note: Option<String>,
    /// Record nothing in git (no snapshot ref, no branch commit).
    #[arg(long, conflicts_with = "commit_to_branch")]
    pub no_commit: bool,
    /// Also commit `.sessions/` on the current branch with `git commit`
    /// (as `pause.commit: branch` does).
    #[arg(long)]
    pub commit_to_branch: bool,
}

/// Longest summary we put in a commit subject.
const MAX_SUBJECT_SUMMARY: usize = 100;

pub fn run(g: &Global, a: PauseArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    // The snapshot's git scan starts now, on its own repository handle,
    // and runs while the session is loaded, edited and written: it never
    // looks inside `.sessions/`, so it cannot see those writes.
    let project = ctx.store.project.clone();
    let scan = std::thread::spawn(move || {
        git::open_checked(&project)
            .ok()
            .flatten()
            .map(|r| snapshot::git_context(&r))
    });
    // A single word is a session name when it names one, else a summary.
    let (name, words_summary) = super::name_or_text(&ctx.store, &a.words);
    let words_summary = (!words_summary.is_empty()).then_some(words_summary);
    let summary = ctx
        .opt_text("--summary", a.summary.as_ref().or(words_summary.as_ref()))?
        .map(|t| s::one_line(&t));
    let accomplishments = texts(&ctx, "--accomplishment", &a.accomplishments)?;
    let next_steps = texts(&ctx, "--next-step", &a.next_steps)?;
    let note = ctx.opt_text("--note", a.note.as_ref())?;
    ctx.store.require()?;
    let config = ctx.config()?;
    let _lock = crate::cmd::lock(&ctx.store)?;
    let meta = ctx.resolve(name.as_deref())?;
    if meta.archived {
        return Err(UserError::new(format!(
            "{} is closed ({}); only open sessions can be paused",
            meta.shortname(),
            meta.front.status.as_str()
        ))
        .into());
    }
    let mut open = session::Open::load(&ctx.store, meta)?;
    // The document as found, and when it was saved: what keys this
    // pause's journal entries, and which of them a killed pause left.
    let before = open.doc.text().to_string();
    let found_saved_at = std::fs::symlink_metadata(&open.meta.path)
        .and_then(|m| m.modified())
        .ok();
    let now = ctx.now;
    let repo = git::open_checked(&ctx.store.project);
    let head = repo.as_ref().ok().and_then(|r| r.as_ref()).map(git::head);

    let doc = &mut open.doc;
    let done_note = session::done_note(now, head.as_ref().and_then(|h| h.short()).as_deref());
    // Completing by any route completes the same step: an open step of
    // this title (as a person compares titles), else a new done one.
    for t in &accomplishments {
        session::accomplish(doc, t, Some(&done_note));
    }
    for t in &next_steps {
        session::log_next(doc, t);
    }
    doc.set_front(&[
        ("status", Value::Str("paused".into())),
        ("paused_at", Value::Str(clock::iso(now))),
    ])?;
    session::set_git_fields(doc, head.as_ref())?;
    // A summary given at the pause is the freshest account of the work:
    // it becomes the TL;DR, dated now.
    if let Some(s) = &summary {
        session::set_tldr(doc, s, now);
    }
    let summary = summary.unwrap_or_else(|| default_summary(doc));

    let mut snap = Snapshot {
        session_id: doc.id().to_string(),
        paused_at: clock::iso(now),
        conversation: Conversation {
            summary: Some(summary.clone()),
            accomplishments: accomplishments.clone(),
            next_steps: next_steps.clone(),
        },
        // Filled in by the scan below.
        git_context: None,
        todos: snapshot::todos_of(doc),
        version: env!("CARGO_PKG_VERSION").to_string(),
        project_path: ctx.store.project.display().to_string(),
        checksum: None,
    };
    let snap_path = snapshot::new_path(&ctx.store, &snap.session_id, &clock::file_stamp(now))?;
    let snap_rel = fsutil::relative_to(&snap_path, &ctx.store.project)
        .display()
        .to_string();
    session::refresh_tldr(&mut open.doc);
    session::touch(&mut open.doc, now)?;

    let doc = &open.doc;
    let id = doc.id().to_string();
    let short_head = head.as_ref().and_then(|h| h.short());
    let entry_text = pause_entry_text(&summary, &next_steps, note.as_deref());
    let store = &ctx.store;
    let message = format!(
        "session: pause {} — {}",
        doc.shortname(),
        clip(&summary, MAX_SUBJECT_SUMMARY)
    );
    let mode = if a.no_commit {
        CommitMode::Off
    } else if a.commit_to_branch {
        CommitMode::Branch
    } else {
        config.pause.commit
    };

    // The snapshot comes first: its file, the journal entries, then the
    // commit on `refs/sessions/<id>` holding them and the document as it
    // is about to be written. Only then is the session marked paused, so a
    // pause that fails or is killed before that leaves the document as it
    // was. Each entry is keyed by the document as found and what it
    // records: a pause killed before it saved the document left entries
    // that running it again adopts, never writes twice. A failure takes
    // back what this run wrote.
    journal::prepare(store, &id)?;
    snap.git_context = scan.join().ok().flatten();
    snapshot::write_at(&snap_path, &snap)?;
    type Entry<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);
    let mut entries: Vec<Entry> = Vec::new();
    let mut pause_fields = vec![("snapshot", snap_rel.as_str())];
    if let Some(c) = &short_head {
        pause_fields.push(("commit", c.as_str()));
    }
    entries.push(("pause", pause_fields, entry_text.as_str()));
    for t in &accomplishments {
        let mut f = vec![("step", t.as_str())];
        if let Some(c) = &short_head {
            f.push(("commit", c.as_str()));
        }
        entries.push(("done", f, t.as_str()));
    }
    let mut written = Vec::new();
    let drop_written = |written: &[PathBuf]| {
        for p in written.iter().chain([&snap_path]) {
            let _ = fsutil::remove(p);
        }
    };
    for (n, (kind, fields, text)) in entries.iter().enumerate() {
        let key = journal::once_key(&before, kind, n, text);
        match journal::write_once(store, &id, kind, now, fields, text, &key, found_saved_at) {
            Ok((p, true)) => written.push(p),
            Ok((_, false)) => {}
            Err(e) => {
                drop_written(&written);
                return Err(e.context(format!("{} was not paused", doc.shortname())));
            }
        }
    }
    let saved = match (&repo, mode) {
        (_, CommitMode::Off) if a.no_commit => Err("--no-commit was given".to_string()),
        (_, CommitMode::Off) => Err("pause.commit is false in .sessions/config.yaml".to_string()),
        (Ok(None), _) => Err("this is not a git repository".to_string()),
        (Err(e), _) => Err(format!("the git repository could not be read ({e})")),
        (Ok(Some(r)), _) => match save_ref(r, &ctx.store, &open.meta.path, doc, &message, now) {
            Ok(w) => Ok(w),
            Err(why) => {
                drop_written(&written);
                return Err(UserError::new(format!(
                    "{why}; {} was not paused",
                    doc.shortname()
                ))
                .hint("fix what git says and pause again, or pause without the snapshot commit: `session-hook pause --no-commit`")
                .into());
            }
        },
    };
    if let Err(e) = store.save(&open.meta.path, doc) {
        if let (Ok(Some(r)), Ok((_, Written::Made(c)))) = (&repo, &saved) {
            let _ = snapref::undo(r, &id, *c);
        }
        drop_written(&written);
        return Err(e.context(format!("{} was not paused", doc.shortname())));
    }
    // progress.md is left to the next checkpoint: the session file is the
    // record, and every durable write costs an fsync.

    let branch = match (&repo, mode) {
        (Ok(Some(r)), CommitMode::Branch) => Some(commit_to_branch(r, &ctx.store, &message)),
        _ => None,
    };

    println!("Session paused: {}", doc.shortname());
    println!("  summary:  {summary}");
    println!("  snapshot: {snap_rel}");
    match snap.git_context.as_ref() {
        Some(gc) => println!(
            "  git:      {} @ {}, {}",
            gc.branch.as_deref().unwrap_or("(detached HEAD)"),
            gc.commit
                .as_deref()
                .map(|c| &c[..c.len().min(7)])
                .unwrap_or("(no commits)"),
            status_text(&gc.status)
        ),
        None => match &repo {
            Err(e) => println!("  git:      the repository could not be read ({e})"),
            Ok(_) => println!("  git:      not a git repository"),
        },
    }
    match &saved {
        Ok((name, Written::Made(c))) => println!("  commit:   {} on {name}", short(c)),
        Ok((name, Written::Unchanged(c))) => {
            println!(
                "  commit:   none (nothing changed since {} on {name})",
                short(c)
            )
        }
        Err(why) => println!("  commit:   none ({why})"),
    }
    match branch {
        Some(Branch::Made(c)) => println!("  branch:   {} {message}", &c[..c.len().min(7)]),
        Some(Branch::None(why)) => println!("  branch:   no commit ({why})"),
        None => {}
    }
    println!("Resume with: session-hook resume {}", doc.shortname());
    Ok(())
}

fn texts(ctx: &Ctx, flag: &str, v: &[String]) -> Result<Vec<String>> {
    v.iter()
        .map(|t| ctx.text_arg(flag, t).map(|t| s::one_line(&t)))
        .collect()
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

/// "Fix the race: 2/5 steps complete, current: Add test".
fn default_summary(doc: &Document) -> String {
    let v = session::view::View::steps_of(doc);
    let mut s = format!("{}: {}/{} steps complete", doc.title(), v.done, v.total);
    if let Some(c) = &v.current {
        s.push_str(&format!(", current: {}", c.title));
    }
    s::one_line(&s)
}

fn pause_entry_text(summary: &str, next: &[String], note: Option<&str>) -> String {
    let mut t = format!("Paused: {summary}");
    if !next.is_empty() {
        t.push_str("\n\nNext steps:\n");
        for n in next {
            t.push_str(&format!("- {n}\n"));
        }
    }
    if let Some(n) = note {
        t.push_str(&format!("\n\nNote: {n}"));
    }
    t
}

/// "clean", "2 modified, 1 staged, 0 untracked[, 1 conflicted]", or
/// "unknown (why)": never clean when it could not be read.
fn status_text(ws: &git::WorkStatus) -> String {
    if let Some(why) = &ws.unknown {
        return format!("uncommitted files unknown ({why})");
    }
    if ws.is_clean() {
        return "clean".into();
    }
    let mut t = format!(
        "{} modified, {} staged, {} untracked",
        ws.modified.len(),
        ws.staged.len(),
        ws.untracked.len()
    );
    if !ws.conflicted.is_empty() {
        t.push_str(&format!(", {} conflicted", ws.conflicted.len()));
    }
    t
}

fn short(c: &git2::Oid) -> String {
    c.to_string()[..7].to_string()
}

/// Record the session's store files on `refs/sessions/<id>`.
fn save_ref(
    repo: &Repository,
    store: &Store,
    doc_path: &Path,
    doc: &Document,
    message: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(String, Written), String> {
    let id = doc.id();
    let roots: Vec<PathBuf> = [
        Some(fsutil::relative_to(doc_path, &store.dir)),
        Some(PathBuf::from("journal").join(id)),
        (!doc.shortname().is_empty()).then(|| PathBuf::from("bundles").join(doc.shortname())),
    ]
    .into_iter()
    .flatten()
    .collect();
    let sig = snapref::signature(repo, now).map_err(|e| format!("{e:#}"))?;
    // The document is recorded as it is about to be saved.
    let given = [(roots[0].clone(), doc.text().as_bytes())];
    snapref::write(repo, &store.dir, &roots, &given, id, message, &sig)
        .map(|w| (snapref::refname(id), w))
        .map_err(|e| format!("the snapshot commit failed: {e:#}"))
}

/// Commit `.sessions/` on the current branch with the `git` executable, so
/// git's hooks, signing, identity and permissions apply. What git refuses
/// is reported; the pause itself is complete either way.
fn commit_to_branch(repo: &Repository, store: &Store, message: &str) -> Branch {
    let none = |why: &str| Branch::None(why.to_string());
    if let Some(op) = git::operation_of(repo) {
        return none(&format!("a {op} is in progress"));
    }
    let Some(workdir) = repo.workdir() else {
        return none("the repository has no working tree");
    };
    if !same_dir(workdir, &store.project) {
        return none("the project is not the repository's top-level folder");
    }
    if repo.head_detached().unwrap_or(false) {
        return none("HEAD is detached, so the commit would belong to no branch");
    }
    // Committed stores are not machine-local: our exclude line would make
    // `git add` refuse the folder.
    if let Err(e) = git::unexclude_store(repo, &store.dir) {
        return none(&format!("cannot edit .git/info/exclude: {e}"));
    }
    git::exe::commit_store(&store.project, STORE_DIR, message)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
