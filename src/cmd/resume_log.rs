//! `session-hook resume-log`: write a resume log for a session now and
//! print it.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::cli::Global;
use crate::cmd::{Ctx, print_json};
use crate::hook::state;
use crate::resume_log::{self, Facts};
use crate::{transcript, usage};

#[derive(Debug, Args)]
pub struct ResumeLogArgs {
    /// Session: an id, an id prefix or a shortname.
    pub name: Option<String>,
    /// Transcript to take the context usage from (default: the one of the
    /// Claude session, when known).
    #[arg(long, value_name = "PATH")]
    pub transcript: Option<PathBuf>,
    /// Print the JSON form instead of the markdown.
    #[arg(long)]
    pub json: bool,
}

pub fn run(g: &Global, a: ResumeLogArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    ctx.store.require()?;
    let config = ctx.config()?;
    let facts = facts(&ctx, &config, a.transcript.as_deref())?;
    let (log, path) = {
        let _lock = crate::cmd::lock(&ctx.store)?;
        let meta = ctx.resolve(a.name.as_deref())?;
        let doc = ctx.store.load(&meta.path)?;
        let mut log = resume_log::build(&ctx.store, &meta, &doc, ctx.now, "manual", &facts);
        let p = resume_log::write(
            &ctx.store,
            &mut log,
            config.retention.resume_logs,
            ctx.redactor()?,
        )?;
        (log, p)
    };
    if a.json {
        return print_json(&log);
    }
    print!("{}", resume_log::render(&log));
    println!(
        "\n---\nWritten to {} (and .json).",
        resume_log::rel(&ctx.store, &path)
    );
    Ok(())
}

/// The context facts for a command: the transcript given, else the Claude
/// session's own (silently unknown when it cannot be found: the log is
/// worth writing without it).
fn facts(
    ctx: &Ctx,
    config: &crate::config::Config,
    given: Option<&std::path::Path>,
) -> Result<Facts> {
    let claude = ctx.g.claude_session.clone();
    let path = given.map(PathBuf::from).or_else(|| {
        let id = claude.as_deref()?;
        let mut dirs = vec![ctx.store.project.clone()];
        if let Ok(c) = std::env::current_dir() {
            dirs.push(c);
        }
        transcript::locate(id, &dirs).ok()
    });
    let u = match &path {
        Some(p) => Some(transcript::last_usage(p).map_err(|e| {
            crate::error::UserError::new(format!("cannot read the transcript {}: {e}", p.display()))
        })?),
        None => None,
    };
    let st = claude
        .as_deref()
        .map(|c| state::load(&ctx.store, c))
        .unwrap_or_default();
    let (window, model) = usage::window_for(
        None,
        st.window,
        &[
            st.model.as_deref(),
            u.as_ref().and_then(|u| u.model.as_deref()),
        ],
        &config.windows,
    );
    Ok(Facts {
        window,
        model,
        usage: u,
        claude_session: claude,
    })
}
