//! `session-hook man`: the man page (roff) on stdout, e.g.
//! `session-hook man > ~/.local/share/man/man1/session-hook.1`.

use std::io::Write;

use anyhow::{Context, Result};
use clap::Args;

#[derive(Debug, Args)]
pub struct ManArgs {}

pub fn run(_a: ManArgs) -> Result<()> {
    let cmd = crate::cli::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut buf)
        .context("cannot render the man page")?;
    std::io::stdout()
        .write_all(&buf)
        .context("cannot write the man page")?;
    Ok(())
}
