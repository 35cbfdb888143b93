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
    if !ctx.store.exists() && !crate::cmd::resume::ref_only(&ctx.store).is_empty() {
        // A fresh clone after `sync pull`: nothing here yet but the refs.
        println!("No sessions in this store.");
        print_ref_only(&ctx.store);
        return Ok(());
    }
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
        print_ref_only(&ctx.store);
        return Ok(());
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    // `--session PREFIX` also matches archived sessions, so a shown prefix
    // must be unique among those too, listed or not.
    let archived = if a.all {
        Vec::new()
    } else {
        ctx.store.metas(true)
    };
    let among: Vec<&str> = ids
        .iter()
        .copied()
        .chain(archived.iter().map(|m| m.id()))
        .collect();
    let short = short_ids(&ids, &among);
    let w = short.iter().map(String::len).max().unwrap_or(0).max(8) + 1;
    println!(
        "{:<10} {:<28} {:<w$} {:<7} UPDATED",
        "STATUS", "NAME", "ID", "STEPS"
    );
    for (r, id) in rows.iter().zip(&short) {
        if let Some(e) = &r.error {
            println!(
                "{:<10} {}  ({})",
                r.status,
                crate::frame::one_line(&r.path, 200),
                crate::frame::one_line(e, 300)
            );
            continue;
        }
        println!(
            "{:<10} {:<28} {:<w$} {:<7} {}",
            r.status,
            crate::frame::one_line(&r.shortname, 80),
            id,
            format!("{}/{}", r.done, r.total),
            r.updated_at
        );
    }
    print_ref_only(&ctx.store);
    Ok(())
}

/// Sessions that exist only on snapshot refs (fetched, or whose files
/// were removed here).
fn print_ref_only(store: &crate::store::Store) {
    let on_refs = crate::cmd::resume::ref_only(store);
    if !on_refs.is_empty() {
        println!("\nOnly on snapshot refs (`session-hook resume NAME` restores one):");
        for s in &on_refs {
            let (name, _) = crate::cmd::resume::ref_names(s);
            println!("{:<10} {:<28} {}", "on a ref", name, s.refname);
        }
    }
}

/// The shortest prefix of each id, at least 8 characters, that no other
/// listed id shares, so it works as `--session PREFIX`. The first 8
/// characters of a UUIDv7 are its timestamp, the same for sessions started
/// within a minute or so of each other. A prefix never ends on a `-`.
fn short_ids(ids: &[&str], among: &[&str]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let common = among
                .iter()
                .filter(|o| **o != *id)
                .map(|o| {
                    id.bytes()
                        .zip(o.bytes())
                        .take_while(|(a, b)| a == b)
                        .count()
                })
                .max()
                .unwrap_or(0);
            let mut n = (common + 1).max(8).min(id.len());
            while n < id.len() && id.as_bytes()[n - 1] == b'-' {
                n += 1;
            }
            id[..n].to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_ids_are_unique_prefixes_of_at_least_eight() {
        let ids = [
            "0194a1b2-c3d4-7000-8000-000000000001",
            "0194a1b2-c3d5-7000-8000-000000000002",
            "0194ffff-0000-7000-8000-000000000003",
            "",
        ];
        assert_eq!(
            super::short_ids(&ids, &ids),
            ["0194a1b2-c3d4", "0194a1b2-c3d5", "0194ffff", ""]
        );
        assert_eq!(
            super::short_ids(&["0194a1b2-c"], &["0194a1b2-c"]),
            ["0194a1b2"]
        );
        // Sharing "0194a1b2-": the prefix runs one past the difference.
        let ids = ["0194a1b2-1", "0194a1b2-2"];
        assert_eq!(super::short_ids(&ids, &ids), ["0194a1b2-1", "0194a1b2-2"]);
        // An id not shown (archived) still counts against a shown one.
        assert_eq!(
            super::short_ids(&["0194a1b2-1"], &["0194a1b2-1", "0194a1b2-2"]),
            ["0194a1b2-1"]
        );
    }
}
