//! `session-hook export`: SESSION.md (with a dated snapshot) and hand-off
//! briefs.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::doc::Document;
use crate::error::UserError;
use crate::store::Store;
use crate::{clock, delta, fsutil, git, handoff, journal, phases, session, sessionmd, verify};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportCmd,
}

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// Write SESSION.md (phase, completed items, blockers, next actions,
    /// git checkpoint, history) at the project root,
    /// plus a dated snapshot under .sessions/snapshots/.
    SessionMd(SessionMdArgs),
    /// Write a self-contained hand-off brief another person or agent can
    /// act on (and `import handoff` can read back).
    Handoff(HandoffArgs),
}

#[derive(Debug, Args)]
pub struct SessionMdArgs {
    /// Session (default: the bound or latest active one).
    pub name: Option<String>,
    /// Where to write (default: .sessions/SESSION.md, so it never shows
    /// up as uncommitted work at the project root).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HandoffArgs {
    /// Session (default: the bound or latest active one).
    pub name: Option<String>,
    /// Where to write (default: .sessions/handoffs/<shortname>-<stamp>.md);
    /// `-` prints it instead.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

pub fn run(g: &Global, a: ExportArgs) -> Result<()> {
    match a.what {
        ExportCmd::SessionMd(a) => session_md(g, a),
        ExportCmd::Handoff(a) => handoff_cmd(g, a),
    }
}

/// The project's display name: its folder's name.
pub fn project_name(store: &Store) -> String {
    store
        .project
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| store.project.display().to_string())
}

/// The phase map written by `init --from-phases`, if any.
pub fn phase_map(store: &Store, id: &str) -> Option<phases::PhaseMap> {
    let t = crate::fsutil::read_text(&store.journal_dir(id).join(phases::MAP_FILE)).ok()?;
    serde_json::from_str(&t).ok()
}

/// `--out` relative to the current folder; a folder gets the default name.
pub fn out_path(out: Option<&Path>, default_dir: &Path, default_name: &str) -> Result<PathBuf> {
    let Some(o) = out else {
        return Ok(default_dir.join(default_name));
    };
    let cwd = std::env::current_dir()?;
    let p = if o.is_absolute() {
        o.to_path_buf()
    } else {
        cwd.join(o)
    };
    if p.is_dir() {
        return Ok(p.join(default_name));
    }
    // A path in a folder that is not there is a typo more often than a
    // wish for new folders: say so rather than fail on the write.
    if let Some(parent) = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
    {
        return Err(UserError::new(format!(
            "cannot write {}: the folder {} does not exist",
            o.display(),
            parent.display()
        ))
        .hint("create the folder first, or give a path in an existing one")
        .into());
    }
    Ok(p)
}

/// The inputs of SESSION.md for one session, read without a lock.
pub fn render_session_md(ctx: &Ctx, doc: &Document) -> String {
    let store = &ctx.store;
    let progress = session::progress(doc);
    let map = phase_map(store, doc.id());
    let phase = phases::current_phase(&progress, map.as_ref(), &doc.front().phases);
    let git = git::open(&store.project).map(|repo| {
        let h = git::head(&repo);
        sessionmd::GitCheckpoint {
            branch: h.branch.clone(),
            commit: h.short(),
            subject: h.subject.clone(),
            uncommitted: delta::uncommitted(&repo),
        }
    });
    let entries = journal::read_all(store, doc.id());
    sessionmd::render(&sessionmd::Input {
        project: &project_name(store),
        doc,
        phase,
        git,
        now: ctx.now,
        history: sessionmd::history(&entries),
    })
}

fn session_md(g: &Global, a: SessionMdArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    ctx.store.require()?;
    let _lock = crate::cmd::lock(&ctx.store)?;
    let meta = ctx.resolve(a.name.as_deref())?;
    let doc = ctx.store.load(&meta.path)?;
    let text = render_session_md(&ctx, &doc);
    let out = out_path(a.out.as_deref(), &ctx.store.dir, delta::SESSION_MD)?;
    fsutil::atomic_write(&out, text.as_bytes())
        .with_context(|| format!("cannot write {}", out.display()))?;
    let snaps = ctx.store.dir.join("snapshots");
    fsutil::ensure_private_dir(&snaps)
        .with_context(|| format!("cannot create {}", snaps.display()))?;
    let snap = snaps.join(format!(
        "SESSION_SNAPSHOT_{}.md",
        ctx.now.format("%Y-%m-%d")
    ));
    fsutil::atomic_write(&snap, text.as_bytes())
        .with_context(|| format!("cannot write {}", snap.display()))?;
    let rel = |p: &Path| {
        fsutil::relative_to(p, &ctx.store.project)
            .display()
            .to_string()
    };
    println!("SESSION.md written for {}", doc.shortname());
    println!("  file:     {}", rel(&out));
    println!("  snapshot: {}", rel(&snap));
    println!(
        "{}",
        verify::render(&verify::verify_checkpoint(&ctx.store.project, &doc))
    );
    Ok(())
}

/// The commit a session started from: the first `init` or `import` entry
/// that recorded one.
fn start_commit(store: &Store, id: &str) -> Option<String> {
    journal::read_all(store, id)
        .into_iter()
        .filter(|e| e.kind == "init" || e.kind == "import")
        .find_map(|e| e.field(verify::F_COMMIT).map(str::to_string))
}

/// The git delta of a session: since its first commit when known, else
/// since its last checkpoint.
pub fn git_delta(store: &Store, doc: &Document) -> Option<handoff::GitDelta> {
    let repo = git::open(&store.project)?;
    let h = git::head(&repo);
    let (since_what, base) = match start_commit(store, doc.id()) {
        Some(c) => ("the session started", Some(c)),
        None => ("the last checkpoint", doc.front().git_last_commit.clone()),
    };
    Some(handoff::GitDelta {
        since_what: since_what.into(),
        since: base.as_deref().map(|b| delta::since(&repo, b, 10)),
        base,
        branch: h.branch.clone(),
        head: h.short(),
        uncommitted: delta::uncommitted(&repo),
    })
}

fn handoff_cmd(g: &Global, a: HandoffArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    ctx.store.require()?;
    let meta = ctx.resolve(a.name.as_deref())?;
    let doc = ctx.store.load(&meta.path)?;
    let text = handoff::render(&handoff::Input {
        doc: &doc,
        project: &project_name(&ctx.store),
        now: ctx.now,
        git: git_delta(&ctx.store, &doc),
    });
    // Made from the document, for people and agents to read: no escape
    // sequence reaches the file or the terminal.
    let text = crate::frame::terminal(&text).into_owned();
    if a.out.as_deref() == Some(Path::new("-")) {
        print!("{text}");
        return Ok(());
    }
    let _lock = crate::cmd::lock(&ctx.store)?;
    let dir = ctx.store.dir.join("handoffs");
    let name = format!("{}-{}.md", doc.shortname(), clock::file_stamp(ctx.now));
    let out = out_path(a.out.as_deref(), &dir, &name)?;
    if let Some(parent) = out.parent()
        && parent.starts_with(&ctx.store.dir)
    {
        fsutil::ensure_private_dir(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    fsutil::atomic_write(&out, text.as_bytes())
        .with_context(|| format!("cannot write {}", out.display()))?;
    let rel = fsutil::relative_to(&out, &ctx.store.project);
    println!("Hand-off written for {}", doc.shortname());
    println!("  file: {}", rel.display());
    println!("  size: {} bytes", text.len());
    println!(
        "Another person or agent continues with: session-hook import handoff {}",
        rel.display()
    );
    Ok(())
}
