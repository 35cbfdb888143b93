//! `session-hook timings` (hidden): run one hook event in-process and print
//! how long each phase took (stdin, parse, load, git, render, save).

use std::io::Read;
use std::time::Instant;

use anyhow::Result;
use clap::Args;

use crate::cli::Global;
use crate::error::UserError;
use crate::hook::{self, Skip, Timings};

#[derive(Debug, Args)]
pub struct TimingsArgs {
    /// Do not write anything (like `preview`).
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(g: &Global, a: TimingsArgs) -> Result<()> {
    let total = Instant::now();
    let mut t = Timings::default();
    t.start();
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input)?;
    t.lap("stdin");
    let out = hook::handle(
        hook::Input::parse(&input, g.dir.as_deref()),
        !a.dry_run,
        &mut t,
    );
    let elapsed = total.elapsed();
    for (phase, d) in &t.phases {
        println!("{phase:<8} {:>9.3} ms", d.as_secs_f64() * 1e3);
    }
    println!("{:<8} {:>9.3} ms", "total", elapsed.as_secs_f64() * 1e3);
    match out {
        Ok(o) => println!("stdout: {} bytes ({})", o.stdout.len(), o.note),
        Err(Skip::NoStore) => println!("stdout: 0 bytes (no store)"),
        Err(Skip::Failed(m)) => {
            return Err(UserError::new(format!("the event failed: {m}")).into());
        }
    }
    Ok(())
}
