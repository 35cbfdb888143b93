//! `session-hook report html`: the session as pictures on one
//! self-contained HTML page (see `picture`), or the data behind them as
//! JSON.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};
use clap::Args;

use crate::cli::Global;
use crate::cmd::{Ctx, print_json};
use crate::picture::{data, html};
use crate::{clock, fsutil};

#[derive(Debug, Args)]
pub struct HtmlArgs {
    /// Session: an id, an id prefix or a shortname.
    pub name: Option<String>,
    /// Write the page here (a folder gets the default name) instead of
    /// .sessions/reports/<shortname>-<stamp>.html.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Open the page in the default browser once it is written.
    #[arg(long)]
    pub open: bool,
    /// Print the data behind the charts as JSON; nothing is written.
    #[arg(long, conflicts_with_all = ["out", "open"])]
    pub json: bool,
}

pub fn run(g: &Global, a: HtmlArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let meta = ctx.resolve(a.name.as_deref())?;
    let config = ctx.config()?;
    let doc = ctx.store.load(&meta.path)?;
    let picture = data::gather(&ctx.store, &meta, &doc, &config, ctx.now);
    if a.json {
        return print_json(&picture);
    }
    let page = html::page(&picture);
    let name = format!(
        "{}-{}.html",
        picture.session.shortname,
        clock::file_stamp(ctx.now)
    );
    let dir = ctx.store.dir.join("reports");
    let out = crate::cmd::export::out_path(a.out.as_deref(), &dir, &name)?;
    {
        let _lock = ctx.store.lock_for_command()?;
        if let Some(parent) = out.parent()
            && parent.starts_with(&ctx.store.dir)
        {
            fsutil::ensure_private_dir(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fsutil::atomic_write(&out, page.as_bytes())
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    let gaps = picture
        .conversations
        .iter()
        .filter(|c| c.note.is_some())
        .count();
    println!(
        "Report for {} written to {}",
        picture.session.shortname,
        shown(&out)
    );
    if gaps > 0 {
        println!(
            "  ({gaps} of {} conversation charts have a gap; the page says why)",
            picture.conversations.len()
        );
    }
    if a.open {
        open(&out);
    }
    Ok(())
}

/// The path as the user would type it from here.
fn shown(p: &Path) -> String {
    match std::env::current_dir() {
        Ok(cwd) if p.starts_with(&cwd) => fsutil::relative_to(p, &cwd).display().to_string(),
        _ => p.display().to_string(),
    }
}

/// Hand the page to the desktop's opener. A machine without one is not an
/// error: the page is written, and the path is printed.
fn open(p: &Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let r = Command::new(opener)
        .arg(p)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if let Err(e) = r {
        eprintln!(
            "session-hook: warning: cannot run {opener} to open the page ({e}); open {} yourself",
            p.display()
        );
    }
}
