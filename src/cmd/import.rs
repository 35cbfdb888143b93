//! `session-hook import handoff FILE`: start a session from a hand-off
//! brief.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::cmd::init::{self, Clash, Spec};
use crate::doc::sections as s;
use crate::error::UserError;
use crate::{fsutil, handoff, names, session};

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub what: ImportCmd,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Create a session from a hand-off brief (from `export handoff`).
    Handoff(ImportHandoffArgs),
}

#[derive(Debug, Args)]
pub struct ImportHandoffArgs {
    /// The brief to read.
    pub file: PathBuf,
    /// Shortname (default: the one in the brief; `-2`, `-3`, ... is added
    /// when an open session already has it).
    #[arg(long)]
    pub name: Option<String>,
}

pub fn run(g: &Global, a: ImportArgs) -> Result<()> {
    match a.what {
        ImportCmd::Handoff(a) => import_handoff(g, a),
    }
}

fn import_handoff(g: &Global, a: ImportHandoffArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let text = ctx.text_file("hand-off", &a.file)?;
    let brief = handoff::parse(&text).map_err(|e| {
        UserError::new(format!("{} is not a hand-off brief: {e}", a.file.display()))
            .hint("write one with `session-hook export handoff`")
    })?;
    let title = s::one_line(&brief.title);
    let (shortname, on_clash) = match &a.name {
        Some(n) => (n.clone(), Clash::Refuse),
        None => (
            brief
                .shortname
                .clone()
                .unwrap_or_else(|| names::slug(&title)),
            Clash::Suffix,
        ),
    };
    if shortname.is_empty() {
        return Err(UserError::new("the brief names no session")
            .hint("pass --name for the new session")
            .into());
    }
    let mut fields = vec![("source", a.file.display().to_string())];
    if let Some(id) = &brief.source_id {
        fields.push(("from_session", id.clone()));
    }
    let created = init::create(
        &ctx,
        Spec {
            shortname,
            on_clash,
            title: if title.is_empty() {
                "Imported hand-off".into()
            } else {
                title.clone()
            },
            goal: brief.objective(),
            task_ids: Vec::new(),
            phases: brief.phases.clone(),
            remaining: None,
            journal_kind: "import",
            journal_fields: fields,
            journal_text: format!("Imported from hand-off {}", a.file.display()),
            journal_files: Vec::new(),
        },
        |doc| handoff::apply(doc, &brief),
    )?;
    let doc = ctx.store.load(&created.path)?;
    let (done, total) = session::progress(&doc).counts();
    println!("Session imported: {}", created.shortname);
    println!("  id:       {}", created.id);
    println!(
        "  file:     {}",
        fsutil::relative_to(&created.path, &ctx.store.project).display()
    );
    println!("  progress: {done}/{total} steps");
    println!("  blockers: {} open", session::open_blockers(&doc).len());
    if let Some(c) = &created.claude {
        println!("  bound to Claude session {c}");
    }
    Ok(())
}
