//! `session-hook report timeline|daily`: reports built from the sessions
//! and their resume logs, written under `.sessions/reports/` (or `--out`)
//! and printed.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::doc::Sec;
use crate::doc::sections as s;
use crate::error::UserError;
use crate::fsutil;
use crate::report::{self, SessionInfo};
use crate::resume_log::{self, ResumeLog};

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub kind: ReportKind,
}

/// Where to write: a file, or a folder for the default name (default:
/// .sessions/reports/, so a report never shows up as uncommitted work at
/// the project root).
#[derive(Debug, Args)]
pub struct OutArg {
    #[arg(long, value_name = "PATH")]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ReportKind {
    /// Every session in time order with its mission and accomplishments;
    /// writes PROJECT_TIMELINE.md.
    Timeline(OutArg),
    /// One day's sessions, tokens and top accomplishments; writes
    /// daily-report-<date>.md.
    Daily {
        /// The day, in UTC (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[command(flatten)]
        out: OutArg,
    },
    /// One self-contained HTML page of charts for a session: context over
    /// time, the timeline, where the work went; written under
    /// .sessions/reports/.
    Html(crate::cmd::report_html::HtmlArgs),
}

pub fn run(g: &Global, a: ReportArgs) -> Result<()> {
    if let ReportKind::Html(h) = a.kind {
        return crate::cmd::report_html::run(g, h);
    }
    let ctx = Ctx::new(g)?;
    ctx.store.require()?;
    ctx.config()?;
    let (name, text, out) = match a.kind {
        ReportKind::Timeline(out) => {
            let (sessions, logs) = gather(&ctx);
            (
                "PROJECT_TIMELINE.md".to_string(),
                report::timeline(&sessions, &logs, ctx.now),
                out.out,
            )
        }
        ReportKind::Html(_) => unreachable!("handled above"),
        ReportKind::Daily { date, out } => {
            let day = match date.as_deref() {
                Some(d) => NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                    UserError::new(format!("--date {d:?} is not a date"))
                        .hint("use the form 2026-01-15")
                })?,
                None => ctx.now.date_naive(),
            };
            let (sessions, logs) = gather(&ctx);
            (
                format!("daily-report-{}.md", day.format("%Y-%m-%d")),
                report::daily(day, &sessions, &logs, ctx.now),
                out.out,
            )
        }
    };
    // Made from documents: no escape sequence reaches the file a person
    // opens or the terminal it is printed on.
    let text = crate::frame::terminal(&text).into_owned();
    let path = match &out {
        Some(o) if o.is_dir() => o.join(&name),
        Some(o) => o.clone(),
        None => ctx.store.dir.join("reports").join(&name),
    };
    {
        let _lock = crate::cmd::lock(&ctx.store)?;
        if let Some(d) = path.parent() {
            // Inside the store: made 0700, never through a link.
            fsutil::ensure_private_dir(d)
                .with_context(|| format!("cannot create {}", d.display()))?;
        }
        fsutil::atomic_write(&path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    print!("{text}");
    println!(
        "\n---\nWritten to {}.",
        fsutil::relative_to(&path, &ctx.store.project).display()
    );
    Ok(())
}

/// Every session (active, paused and archived) and every resume log. A
/// session file that does not parse is left out with a warning.
fn gather(ctx: &Ctx) -> (Vec<SessionInfo>, Vec<ResumeLog>) {
    let mut sessions = Vec::new();
    for m in ctx.store.metas(true) {
        let doc = match ctx.store.load(&m.path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("session-hook: warning: skipped {}: {e}", m.path.display());
                continue;
            }
        };
        let f = doc.front();
        let title = doc.title();
        sessions.push(SessionInfo {
            id: doc.id().to_string(),
            shortname: doc.shortname().to_string(),
            status: f.status.as_str().to_string(),
            created_at: f.created_at.clone(),
            updated_at: f.updated_at.clone(),
            mission: s::inline_label(doc.get(Sec::Context).unwrap_or(""), "Objective")
                .unwrap_or_else(|| title.clone()),
            title,
            accomplishments: resume_log::accomplishments(&ctx.store, &doc),
            compactions: f.compaction_count,
        });
    }
    let logs = resume_log::list(&ctx.store)
        .iter()
        .filter_map(|l| l.load())
        .collect();
    (sessions, logs)
}
