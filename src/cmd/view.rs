//! `session-hook view`: show a session, whole or one part.

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::cli::Global;
use crate::cmd::{Ctx, print_json};
use crate::doc::{Document, Sec};
use crate::session;
use crate::session::view::{State, View as SessionView};

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
    /// When the TL;DR paragraph was written, if known.
    pub tldr_written: Option<String>,
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
    /// The current step's id.
    pub current_id: Option<String>,
    pub completed: Vec<String>,
    pub in_progress: Vec<String>,
    pub remaining: Vec<String>,
    pub dropped: Vec<String>,
    /// Every step with its id and state, in document order.
    pub steps: Vec<session::view::Step>,
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
    let v = SessionView::of(doc);
    let titles = |st: State| -> Vec<String> { v.steps_in(st).map(|s| s.title.clone()).collect() };
    View {
        id: v.id.clone(),
        shortname: v.shortname.clone(),
        title: v.title.clone(),
        status: v.status.clone(),
        path,
        created_at: f.created_at.clone(),
        updated_at: f.updated_at.clone(),
        compaction_count: f.compaction_count,
        git_branch: f.git_branch.clone(),
        git_last_commit: f.git_last_commit.clone(),
        task_ids: f.task_ids.clone(),
        tldr: v.tldr.text.clone().unwrap_or_default(),
        tldr_written: v.tldr.written.clone(),
        objective: v.goal.clone(),
        key_context: v.key_context.clone(),
        progress: ProgressView {
            done: v.done,
            total: v.total,
            current: v.current.as_ref().map(|c| c.title.clone()),
            current_id: v.current.as_ref().and_then(|c| c.id.clone()),
            completed: titles(State::Done),
            in_progress: titles(State::InProgress),
            remaining: titles(State::Remaining),
            dropped: titles(State::Dropped),
            steps: v.steps.clone(),
        },
        decisions: v
            .decisions
            .iter()
            .map(|d| match d.superseded_by() {
                Some(0) => format!("{}. {} [superseded]", d.n, d.title),
                Some(by) => format!("{}. {} [superseded by {by}]", d.n, d.title),
                None => format!("{}. {}", d.n, d.title),
            })
            .collect(),
        discoveries: v
            .discoveries
            .iter()
            .map(|(n, t)| format!("{n}. {t}"))
            .collect(),
        blockers: v
            .blockers
            .iter()
            .map(|b| BlockerView {
                n: b.n,
                text: b.text.clone(),
                open: b.open,
                impact: b.impact.clone(),
                mitigation: b.mitigation.clone(),
            })
            .collect(),
        next_steps: v.next.iter().map(|n| n.text.clone()).collect(),
        files_modified: v.files_modified.clone(),
        verification: None,
    }
}

/// The facts under the document in plain `view`: the current step and the
/// Next Steps as every output numbers them (the numbers `log --drop-next`
/// and `--replace-next` take).
fn footer(doc: &Document) -> String {
    let v = SessionView::steps_of(doc);
    let mut out = format!(
        "\n---\nCurrent step: {} · {}/{} steps complete\n",
        v.current_line(),
        v.done,
        v.total
    );
    if !v.next.is_empty() {
        out.push_str("Next steps (numbers for `log --drop-next N` / `--replace-next N`):\n");
        for (i, n) in v.next.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, n.text));
        }
    }
    out
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
    let paint = crate::style::Paint::stdout(g.color);
    match part {
        None => print!(
            "{}",
            paint.document(&format!(
                "{}{}",
                terminal(doc.text()),
                terminal(&footer(&doc))
            ))
        ),
        Some(sec) => {
            println!(
                "{}\n",
                paint.bold(&format!(
                    "## {} ({})",
                    sec.heading(),
                    crate::frame::one_line(doc.shortname(), 80)
                ))
            );
            let body = doc.get(sec).unwrap_or("").trim_end();
            if body.trim().is_empty() {
                println!("(empty)");
            } else {
                println!("{}", paint.document(&terminal(body)));
            }
        }
    }
    if let Some(v) = &verification {
        println!("\n{}", terminal(&crate::verify::render(v)));
    }
    Ok(())
}
