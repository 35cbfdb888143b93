//! `session-hook view`: show a session, whole or one part.

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::cli::Global;
use crate::cmd::{Ctx, print_json};
use crate::doc::progress::Sub;
use crate::doc::sections as s;
use crate::doc::{Document, Sec};
use crate::session;

#[derive(Debug, Args)]
pub struct ViewArgs {
    /// Session name, or `list` to list sessions.
    pub name: Option<String>,
    /// Only the Progress section.
    #[arg(long, group = "part")]
    pub progress: bool,
    /// Only the decisions.
    #[arg(long, group = "part")]
    pub decisions: bool,
    /// Only the discoveries.
    #[arg(long, group = "part")]
    pub discoveries: bool,
    /// Only the blockers.
    #[arg(long, group = "part")]
    pub blockers: bool,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    /// With `view list`: include archived sessions.
    #[arg(long)]
    pub all: bool,
    /// Also check the recorded git checkpoint (branch, last commit,
    /// uncommitted files) against the repository now.
    #[arg(long)]
    pub verify: bool,
}

#[derive(Serialize)]
pub struct View {
    pub id: String,
    pub shortname: String,
    pub title: String,
    pub status: String,
    pub path: String,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub compaction_count: u64,
    pub git_branch: Option<String>,
    pub git_last_commit: Option<String>,
    pub task_ids: Vec<String>,
    pub tldr: String,
    pub objective: Option<String>,
    pub key_context: Vec<String>,
    pub progress: ProgressView,
    pub decisions: Vec<String>,
    pub discoveries: Vec<String>,
    pub blockers: Vec<BlockerView>,
    pub next_steps: Vec<String>,
    pub files_modified: Vec<String>,
    /// Set with `--verify`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification: Option<crate::verify::Verification>,
}

#[derive(Serialize)]
pub struct ProgressView {
    pub done: usize,
    pub total: usize,
    pub current: Option<String>,
    pub completed: Vec<String>,
    pub in_progress: Vec<String>,
    pub remaining: Vec<String>,
}

#[derive(Serialize)]
pub struct BlockerView {
    pub n: Option<usize>,
    pub text: String,
    pub open: bool,
    pub impact: Option<String>,
    pub mitigation: Option<String>,
}

pub fn build(doc: &Document, path: String) -> View {
    let f = doc.front();
    let p = session::progress(doc);
    let (done, total) = p.counts();
    let titles = |k| {
        p.items(k)
            .iter()
            .map(|i| i.title.clone())
            .collect::<Vec<_>>()
    };
    let ctx = doc.get(Sec::Context).unwrap_or("");
    View {
        id: doc.id().into(),
        shortname: doc.shortname().into(),
        title: doc.title(),
        status: f.status.as_str().into(),
        path,
        created_at: f.created_at.clone(),
        updated_at: f.updated_at.clone(),
        compaction_count: f.compaction_count,
        git_branch: f.git_branch.clone(),
        git_last_commit: f.git_last_commit.clone(),
        task_ids: f.task_ids.clone(),
        tldr: s::tldr_paragraph(doc.get(Sec::Tldr).unwrap_or("")),
        objective: s::inline_label(ctx, "Objective"),
        key_context: s::labelled_block(ctx, "Key Context"),
        progress: ProgressView {
            done,
            total,
            current: p.current().map(|i| i.title.clone()),
            completed: titles(Sub::Completed),
            in_progress: titles(Sub::InProgress),
            remaining: titles(Sub::Remaining),
        },
        decisions: s::decisions(doc.get(Sec::Decisions).unwrap_or(""))
            .into_iter()
            .map(|d| format!("{}. {}", d.n, d.title))
            .collect(),
        discoveries: s::numbered(doc.get(Sec::Discoveries).unwrap_or(""))
            .into_iter()
            .map(|(n, t)| format!("{n}. {t}"))
            .collect(),
        blockers: s::blockers(doc.get(Sec::Blockers).unwrap_or(""))
            .into_iter()
            .map(|b| BlockerView {
                n: b.n,
                text: b.text,
                open: b.open,
                impact: b.impact,
                mitigation: b.mitigation,
            })
            .collect(),
        next_steps: s::next_steps(doc.get(Sec::NextSteps).unwrap_or("")),
        files_modified: s::files(doc.get(Sec::FilesModified).unwrap_or("")),
        verification: None,
    }
}

pub fn run(g: &Global, a: ViewArgs) -> Result<()> {
    if a.name.as_deref() == Some("list") {
        return super::list::run(
            g,
            super::list::ListArgs {
                all: a.all,
                json: a.json,
            },
        );
    }
    let ctx = Ctx::new(g)?;
    let meta = ctx.resolve(a.name.as_deref())?;
    let doc = ctx.store.load(&meta.path)?;
    let rel = crate::fsutil::relative_to(&meta.path, &ctx.store.project)
        .display()
        .to_string();
    let part = if a.progress {
        Some(Sec::Progress)
    } else if a.decisions {
        Some(Sec::Decisions)
    } else if a.discoveries {
        Some(Sec::Discoveries)
    } else if a.blockers {
        Some(Sec::Blockers)
    } else {
        None
    };
    let verification = a
        .verify
        .then(|| crate::verify::verify_checkpoint(&ctx.store.project, &doc));
    if a.json {
        let mut v = build(&doc, rel);
        v.verification = verification;
        return match part {
            None => print_json(&v),
            Some(Sec::Progress) => print_json(&v.progress),
            Some(Sec::Decisions) => print_json(&v.decisions),
            Some(Sec::Discoveries) => print_json(&v.discoveries),
            Some(_) => print_json(&v.blockers),
        };
    }
    // A document may hold escape sequences (someone else's, or pasted):
    // they are shown as text would be, never played on the terminal.
    use crate::frame::terminal;
    match part {
        None => print!("{}", terminal(doc.text())),
        Some(sec) => {
            println!(
                "## {} ({})\n",
                sec.heading(),
                crate::frame::one_line(doc.shortname(), 80)
            );
            let body = doc.get(sec).unwrap_or("").trim_end();
            if body.trim().is_empty() {
                println!("(empty)");
            } else {
                println!("{}", terminal(body));
            }
        }
    }
    if let Some(v) = &verification {
        println!("\n{}", crate::verify::render(v));
    }
    Ok(())
}
