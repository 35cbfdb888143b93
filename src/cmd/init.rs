//! `session-hook init`: start a new session.

use anyhow::{Context, Result};
use clap::Args;

use crate::cli::Global;
use crate::cmd::{Ctx, opt_text};
use crate::error::UserError;
use crate::session::{self, NewSession};
use crate::{fsutil, git, journal, names};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Shortname (default: a slug of the goal).
    #[arg(long)]
    pub name: Option<String>,
    /// What this piece of work is for.
    #[arg(long)]
    pub goal: Option<String>,
    /// Title (default: the goal).
    #[arg(long)]
    pub title: Option<String>,
    /// Link a task id (repeatable).
    #[arg(long = "task", value_name = "ID")]
    pub task: Vec<String>,
    /// Link several task ids, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub tasks: Vec<String>,
}

pub fn run(g: &Global, a: InitArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let goal = opt_text("--goal", a.goal.as_ref())?;
    let title = opt_text("--title", a.title.as_ref())?;
    let shortname = match a.name.as_deref() {
        Some(n) => n.to_string(),
        None => names::slug(goal.as_deref().or(title.as_deref()).unwrap_or("")),
    };
    if shortname.is_empty() {
        return Err(UserError::new("a session needs a name")
            .hint("pass --name fix-login, or --goal \"Fix the login race\"")
            .into());
    }
    names::validate("shortname", &shortname)?;
    if shortname.len() > names::MAX_NAME {
        return Err(UserError::new(format!(
            "shortname {shortname:?} is longer than {} characters",
            names::MAX_NAME
        ))
        .into());
    }
    let mut task_ids: Vec<String> = Vec::new();
    for t in a
        .task
        .iter()
        .chain(&a.tasks)
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        names::validate("task id", t)?;
        if !task_ids.iter().any(|x| x == t) {
            task_ids.push(t.to_string());
        }
    }
    let claude = g
        .claude_session
        .as_deref()
        .and_then(names::safe_external_id);

    ctx.store.create_layout()?;
    let _lock = ctx.store.lock_for_command()?;
    if let Some(m) = ctx
        .store
        .metas(false)
        .iter()
        .find(|m| m.shortname() == shortname)
    {
        return Err(UserError::new(format!(
            "an open session is already named {shortname:?} ({})",
            fsutil::relative_to(&m.path, &ctx.store.project).display()
        ))
        .hint("pick another --name, or close that session first")
        .into());
    }
    let id = uuid::Uuid::now_v7().to_string();
    let head = git::head_of(&ctx.store.project);
    let title = title
        .or_else(|| goal.clone())
        .unwrap_or_else(|| shortname.clone());
    let text = session::render_new(&NewSession {
        id: &id,
        shortname: &shortname,
        title: &title,
        goal: goal.as_deref(),
        task_ids: &task_ids,
        now: ctx.now,
        git: head.as_ref(),
        claude: claude.as_deref(),
        phases: &[],
        remaining: None,
    });
    let path = ctx
        .store
        .active_dir()
        .join(format!("{shortname}-{}.md", &id.replace('-', "")[..6]));
    fsutil::atomic_write(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    let doc = ctx.store.load(&path)?;
    session::write_progress_md(&ctx.store, &doc, ctx.now)?;
    journal::write(
        &ctx.store,
        &id,
        "init",
        ctx.now,
        &[("shortname", &shortname)],
        &format!("Session started: {title}"),
    )?;
    if let Some(c) = &claude {
        ctx.store.bind(c, &id)?;
    }
    let rel = fsutil::relative_to(&path, &ctx.store.project);
    println!("Session started: {shortname}");
    println!("  id:     {id}");
    println!("  file:   {}", rel.display());
    if let Some(h) = &head {
        println!(
            "  branch: {} @ {}",
            h.branch.as_deref().unwrap_or("(detached)"),
            h.short().unwrap_or_else(|| "(no commits)".into())
        );
    }
    if !task_ids.is_empty() {
        println!("  tasks:  {}", task_ids.join(", "));
    }
    if let Some(c) = &claude {
        println!("  bound to Claude session {c}");
    }
    println!("\nLog as you go: session-hook log --decision \"...\" --rationale \"...\"");
    Ok(())
}
