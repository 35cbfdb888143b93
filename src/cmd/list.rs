//! `session-hook list`: the sessions in the store.

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::cli::Global;
use crate::cmd::{Ctx, print_json};
use crate::store::Listed;
use crate::{fsutil, session};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Include archived (complete and abandoned) sessions.
    #[arg(long)]
    pub all: bool,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Row {
    id: String,
    shortname: String,
    title: String,
    status: String,
    updated_at: String,
    done: usize,
    total: usize,
    path: String,
    error: Option<String>,
}

pub fn run(g: &Global, a: ListArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    ctx.store.require()?;
    let mut rows = Vec::new();
    for l in ctx.store.list(a.all) {
        match l {
            Listed::Ok(m) => {
                let rel = fsutil::relative_to(&m.path, &ctx.store.project)
                    .display()
                    .to_string();
                let (done, total, title, err) = match ctx.store.load(&m.path) {
                    Ok(doc) => {
                        let (d, t) = session::progress(&doc).counts();
                        (d, t, doc.title(), None)
                    }
                    Err(e) => (0, 0, String::new(), Some(e.to_string())),
                };
                rows.push(Row {
                    id: m.id().into(),
                    shortname: m.shortname().into(),
                    title,
                    status: m.front.status.as_str().into(),
                    updated_at: m.updated().into(),
                    done,
                    total,
                    path: rel,
                    error: err,
                });
            }
            Listed::Bad(p, e) => rows.push(Row {
                id: String::new(),
                shortname: String::new(),
                title: String::new(),
                status: "unreadable".into(),
                updated_at: String::new(),
                done: 0,
                total: 0,
                path: fsutil::relative_to(&p, &ctx.store.project)
                    .display()
                    .to_string(),
                error: Some(e),
            }),
        }
    }
    rows.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
    if a.json {
        return print_json(&rows);
    }
    if rows.is_empty() {
        println!(
            "No sessions{}.",
            if a.all {
                ""
            } else {
                " (add --all for archived ones)"
            }
        );
        return Ok(());
    }
    println!(
        "{:<10} {:<28} {:<9} {:<7} UPDATED",
        "STATUS", "NAME", "ID", "STEPS"
    );
    for r in &rows {
        if let Some(e) = &r.error {
            println!("{:<10} {}  ({e})", r.status, r.path);
            continue;
        }
        println!(
            "{:<10} {:<28} {:<9} {:<7} {}",
            r.status,
            r.shortname,
            &r.id[..r.id.len().min(8)],
            format!("{}/{}", r.done, r.total),
            r.updated_at
        );
    }
    Ok(())
}
