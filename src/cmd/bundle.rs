//! `session-hook bundle`: write a typed context bundle (research, plan,
//! progress, context) of a session, or print one (`bundle load`).

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crate::bundle::{self, Kind};
use crate::cli::Global;
use crate::cmd::Ctx;
use crate::error::UserError;
use crate::{fsutil, journal};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct BundleArgs {
    #[command(subcommand)]
    pub action: Option<BundleCmd>,
    /// Which bundle to write.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Session (default: the bound or latest active one).
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BundleCmd {
    /// Print a bundle.
    Load {
        #[arg(value_enum)]
        kind: Kind,
        /// Session or bundle name (default: the current session's bundle,
        /// else the newest bundle of that kind).
        name: Option<String>,
    },
}

pub fn run(g: &Global, a: BundleArgs) -> Result<()> {
    if let Some(BundleCmd::Load { kind, name }) = a.action {
        return load(g, kind, name.as_deref());
    }
    let Some(kind) = a.kind else {
        return Err(UserError::new("which bundle?")
            .hint("pass --kind research|plan|progress|context, or `bundle load KIND` to print one")
            .into());
    };
    let ctx = Ctx::new(g)?;
    ctx.store.require()?;
    let _lock = crate::cmd::lock(&ctx.store)?;
    let meta = ctx.resolve(a.name.as_deref())?;
    let doc = ctx.store.load(&meta.path)?;
    let entries = journal::read_all(&ctx.store, doc.id());
    let full = bundle::full_state_bytes(&ctx.store, &meta.path, doc.id());
    let budget = bundle::budget(full);
    let b = bundle::render(
        kind,
        &bundle::Input {
            doc: &doc,
            entries: &entries,
            now: ctx.now,
            budget,
        },
    );
    let path = bundle::path(&ctx.store, doc.shortname(), kind);
    if let Some(parent) = path.parent() {
        fsutil::ensure_private_dir(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    fsutil::atomic_write(&path, b.text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    let size = b.text.len();
    let ratio = size as f64 * 100.0 / full.max(1) as f64;
    println!(
        "Bundle written: {}",
        fsutil::relative_to(&path, &ctx.store.project).display()
    );
    println!(
        "  size:  {size} bytes = {ratio:.1}% of the full state ({full} bytes: session file + journal)"
    );
    if b.left_out > 0 {
        println!(
            "  trimmed to fit {budget} bytes: {} item(s) left out (see `session-hook view`)",
            b.left_out
        );
    }
    if ratio > bundle::TARGET_RATIO * 100.0 {
        if b.left_out == 0 {
            println!(
                "  above {:.0}% only because the session is small: nothing was left out",
                bundle::TARGET_RATIO * 100.0
            );
        } else {
            println!(
                "  above {:.0}%: the session is small, and a bundle keeps up to {} bytes",
                bundle::TARGET_RATIO * 100.0,
                bundle::MIN_BUDGET
            );
        }
    }
    println!(
        "  load:  session-hook bundle load {} {}",
        kind.as_str(),
        doc.shortname()
    );
    Ok(())
}

fn load(g: &Global, kind: Kind, name: Option<&str>) -> Result<()> {
    let ctx = Ctx::new(g)?;
    ctx.store.require()?;
    let found = bundle::all(&ctx.store);
    // A name is a bundle folder (the session may be closed or come from a
    // teammate) or a session; no name is the current session, else the
    // newest bundle of this kind.
    let short = match name.or(g.session.as_deref()) {
        Some(n) => {
            crate::names::validate("session name", n)?;
            if found.iter().any(|f| f.shortname == n) {
                Some(n.to_string())
            } else {
                Some(ctx.resolve(Some(n))?.shortname().to_string())
            }
        }
        None => ctx
            .resolve(None)
            .ok()
            .map(|m| m.shortname().to_string())
            .filter(|s| found.iter().any(|f| f.kind == kind && f.shortname == *s)),
    };
    let pick = found
        .iter()
        .find(|f| f.kind == kind && short.as_ref().is_none_or(|s| *s == f.shortname));
    let Some(f) = pick else {
        let have: Vec<String> = found
            .iter()
            .map(|f| format!("{} {}", f.kind.as_str(), f.shortname))
            .collect();
        let hint = if have.is_empty() {
            "write one with `session-hook bundle --kind KIND`".to_string()
        } else {
            format!("bundles here: {}", have.join(", "))
        };
        return Err(UserError::new(format!(
            "no {} bundle{}",
            kind.as_str(),
            short.map(|s| format!(" for {s}")).unwrap_or_default()
        ))
        .hint(hint)
        .into());
    };
    let text =
        fsutil::read_text(&f.path).with_context(|| format!("cannot read {}", f.path.display()))?;
    // A bundle may come from a teammate's clone: printed without escape
    // sequences.
    print!("{}", crate::frame::terminal(&text));
    Ok(())
}
