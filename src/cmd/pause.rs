//! `session-hook pause`: stop for now. The session is marked paused, what
//! was done and what comes next go into the document, a snapshot of the git
//! state is written, and (by default) the store is committed on its own so a
//! teammate who pulls can resume.

use std::path::Path;

use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::Args;
use git2::build::TreeUpdateBuilder;
use git2::{FileMode, Index, Oid, Repository, Signature, StatusOptions};

use crate::cli::Global;
use crate::cmd::{self, Ctx, Job};
use crate::doc::progress::Sub;
use crate::doc::sections as s;
use crate::doc::{Document, Sec, Value};
use crate::error::UserError;
use crate::git::commit::Outcome;
use crate::snapshot::{self, Conversation, Snapshot};
use crate::store::{STORE_DIR, Store};
use crate::{changes, clock, fsutil, git, journal, session};

#[derive(Debug, Args)]
pub struct PauseArgs {
    /// Session to pause.
    pub name: Option<String>,
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
    /// Do not commit the session files.
    #[arg(long)]
    pub no_commit: bool,
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
        changes::open_repo(&project)
            .ok()
            .flatten()
            .map(|r| snapshot::git_context(&r))
    });
    let summary = ctx
        .opt_text("--summary", a.summary.as_ref())?
        .map(|t| s::one_line(&t));
    let accomplishments = texts(&ctx, "--accomplishment", &a.accomplishments)?;
    let next_steps = texts(&ctx, "--next-step", &a.next_steps)?;
    let note = ctx.opt_text("--note", a.note.as_ref())?;
    ctx.store.require()?;
    let config = ctx.config()?;
    let _lock = ctx.store.lock_for_command()?;
    let meta = ctx.resolve(a.name.as_deref())?;
    if meta.archived {
        return Err(UserError::new(format!(
            "{} is closed ({}); only open sessions can be paused",
            meta.shortname(),
            meta.front.status.as_str()
        ))
        .into());
    }
    let mut open = session::Open::load(&ctx.store, meta)?;
    let now = ctx.now;
    let repo = changes::open_repo(&ctx.store.project);
    let head = repo.as_ref().ok().and_then(|r| r.as_ref()).map(git::head);

    let doc = &mut open.doc;
    let done_note = session::done_note(now, head.as_ref().and_then(|h| h.short()).as_deref());
    for t in &accomplishments {
        accomplish(doc, t, &done_note);
    }
    for t in &next_steps {
        session::log_next(doc, t);
    }
    doc.set_front(&[
        ("status", Value::Str("paused".into())),
        ("paused_at", Value::Str(clock::iso(now))),
    ])?;
    session::set_git_fields(doc, head.as_ref())?;
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
    let mut jobs: Vec<Job> = vec![
        Box::new(|| store.save(&open.meta.path, doc)),
        Box::new(|| {
            let mut fields = vec![("snapshot", snap_rel.as_str())];
            if let Some(c) = &short_head {
                fields.push(("commit", c.as_str()));
            }
            journal::write(store, &id, "pause", now, &fields, &entry_text).map(drop)
        }),
    ];
    for t in &accomplishments {
        let (id, short_head) = (&id, &short_head);
        jobs.push(Box::new(move || {
            let mut f = vec![("step", t.as_str())];
            if let Some(c) = short_head {
                f.push(("commit", c.as_str()));
            }
            journal::write(store, id, "done", now, &f, t).map(drop)
        }));
    }
    // The durable writes run side by side, while the git scan finishes.
    // The snapshot needs the scan, so it comes last.
    let (git_context, written) = cmd::concurrently_with(jobs, || scan.join().ok().flatten());
    written?;
    snap.git_context = git_context;
    snapshot::write_at(&snap_path, &snap)?;
    // progress.md is left to the next checkpoint: the session file is the
    // record, and every durable write costs an fsync.

    let message = format!(
        "session: pause {} — {}",
        doc.shortname(),
        clip(&summary, MAX_SUBJECT_SUMMARY)
    );
    let commit = if a.no_commit {
        Err("--no-commit was given".to_string())
    } else if !config.pause.commit {
        Err("pause.commit is false in .sessions/config.yaml".to_string())
    } else {
        match &repo {
            Ok(None) => Err("this is not a git repository".to_string()),
            Err(e) => Err(format!("the git repository could not be read ({e})")),
            Ok(Some(r)) => match commit_store(r, &ctx.store, &message, now) {
                Ok(Committed::Made(oid)) => Ok(oid),
                Ok(Committed::Skipped(why)) => Err(why),
                Err(e) => Err(format!("the commit failed: {e:#}")),
            },
        }
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
            if gc.is_clean {
                "clean".to_string()
            } else {
                format!(
                    "{} modified, {} staged, {} untracked",
                    gc.status.modified.len(),
                    gc.status.staged.len(),
                    gc.status.untracked.len()
                )
            }
        ),
        None => match &repo {
            Err(e) => println!("  git:      the repository could not be read ({e})"),
            Ok(_) => println!("  git:      not a git repository"),
        },
    }
    match commit {
        Ok(oid) => println!("  commit:   {} {message}", &oid.to_string()[..7]),
        Err(why) => println!("  commit:   none ({why})"),
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
    let p = session::progress(doc);
    let (done, total) = p.counts();
    let mut s = format!("{}: {done}/{total} steps complete", doc.title());
    if let Some(c) = p.current() {
        s.push_str(&format!(", current: {}", c.title));
    }
    s::one_line(&s)
}

/// Record an accomplishment under Completed: an open step with exactly this
/// title is moved there, anything else is added. Exact matching only, so a
/// short accomplishment never ticks off an unrelated step.
fn accomplish(doc: &mut Document, text: &str, note: &str) {
    let mut p = session::progress(doc);
    p.place(text, Sub::Completed, Some(note));
    p.settle_current();
    doc.set(Sec::Progress, &p.render());
    if let Some(new) = doc
        .get(Sec::NextSteps)
        .and_then(|c| s::remove_next_step(c, text))
    {
        doc.set(Sec::NextSteps, &new);
    }
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

enum Committed {
    Made(Oid),
    Skipped(String),
}

/// Commit the store and nothing else. The new tree is HEAD's tree with only
/// its `.sessions` subtree replaced, so whatever else the user has staged is
/// not part of it; in the index only the entries under `.sessions/` are
/// updated, so staged and unstaged work stays exactly as it was.
fn commit_store(
    repo: &Repository,
    store: &Store,
    message: &str,
    when: DateTime<Utc>,
) -> Result<Committed> {
    let skip = |why: &str| Ok(Committed::Skipped(why.to_string()));
    if let Some(op) = changes::operation_of(repo) {
        return skip(&format!("a {op} is in progress"));
    }
    let Some(workdir) = repo.workdir() else {
        return skip("the repository has no working tree");
    };
    if !same_dir(workdir, &store.project) {
        return skip("the project is not the repository's top-level folder");
    }
    let head = match repo.head() {
        Ok(h) => h,
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => {
            return skip("the branch has no commits yet");
        }
        Err(e) => return Err(e.into()),
    };
    if !head.is_branch() {
        return skip("HEAD is detached, so the commit would belong to no branch");
    }
    let head = head.peel_to_commit()?;
    let prefix = format!("{STORE_DIR}/");
    let local = format!("{STORE_DIR}/.local/");
    let sig = signature(repo, when)?;

    let left_out =
        |p: &[u8]| p.starts_with(local.as_bytes()) || is_temp_file(&String::from_utf8_lossy(p));
    match git::commit::commit_folder(repo, STORE_DIR, &left_out, &sig, message)? {
        Outcome::Made(oid) => return Ok(Committed::Made(oid)),
        Outcome::Unchanged => return skip("nothing changed in .sessions/"),
        // Through libgit2 instead.
        Outcome::Declined(_) => {}
    }

    // Only the store is scanned: the pathspec keeps this cheap in a big
    // repository.
    let mut so = StatusOptions::new();
    so.pathspec(STORE_DIR)
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false);
    let changed: Vec<String> = repo
        .statuses(Some(&mut so))?
        .iter()
        .filter_map(|e| e.path().ok().map(str::to_string))
        .filter(|p| p.starts_with(&prefix) && !p.starts_with(&local))
        .filter(|p| !is_temp_file(p))
        .collect();

    let mut index = repo.index()?;
    if index.has_conflicts() {
        for c in index.conflicts()? {
            let c = c?;
            let path = [&c.our, &c.their, &c.ancestor]
                .into_iter()
                .flatten()
                .map(|e| String::from_utf8_lossy(&e.path).into_owned())
                .next()
                .unwrap_or_default();
            if path.starts_with(&prefix) {
                return skip(&format!("{path} has an unresolved conflict"));
            }
        }
    }
    for p in &changed {
        let rel = Path::new(p);
        let on_disk = std::fs::symlink_metadata(workdir.join(rel))
            .is_ok_and(|m| m.is_file() || m.file_type().is_symlink());
        if on_disk {
            index.add_path(rel)?;
        } else if index.get_path(rel, 0).is_some() {
            index.remove_path(rel)?;
        }
    }

    // The store's subtree, from the updated index entries under it.
    // The index is sorted, so they are one run starting at the prefix.
    let mut sub = Index::new()?;
    if let Ok(start) = index.find_prefix(prefix.as_str()) {
        for e in (start..index.len()).map_while(|i| index.get(i)) {
            if !e.path.starts_with(prefix.as_bytes()) {
                break;
            }
            if (e.flags >> 12) & 0x3 == 0 {
                sub.add(&e)?;
            }
        }
    }
    let sub_root = repo.find_tree(sub.write_tree_to(repo)?)?;
    let new_store = sub_root.get_name(STORE_DIR).map(|e| e.id());
    let head_tree = head.tree()?;
    let old_store = head_tree.get_name(STORE_DIR).map(|e| e.id());
    index.write()?;
    if new_store == old_store {
        return skip("nothing changed in .sessions/");
    }
    let mut up = TreeUpdateBuilder::new();
    match new_store {
        Some(t) => up.upsert(STORE_DIR, t, FileMode::Tree),
        None => up.remove(STORE_DIR),
    };
    let tree = repo.find_tree(up.create_updated(repo, &head_tree)?)?;
    let oid = repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &[&head])?;
    Ok(Committed::Made(oid))
}

/// Left behind by a writer that was killed mid-write (see `fsutil`).
fn is_temp_file(p: &str) -> bool {
    let name = p.rsplit('/').next().unwrap_or(p);
    name.starts_with(".tmp-") && name.ends_with(".partial")
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The repository's configured identity, else ours; stamped with the
/// command's time so a pinned clock gives a reproducible commit.
fn signature(repo: &Repository, when: DateTime<Utc>) -> Result<Signature<'static>> {
    let (name, email) = repo
        .signature()
        .ok()
        .and_then(|s| Some((s.name().ok()?.to_string(), s.email().ok()?.to_string())))
        .unwrap_or_else(|| ("session-hook".into(), "session-hook@localhost".into()));
    Ok(Signature::new(
        &name,
        &email,
        &git2::Time::new(when.timestamp(), 0),
    )?)
}
