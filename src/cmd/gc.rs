//! `session-hook gc`: archive long-idle paused sessions, prune resume logs,
//! bundles and snapshots beyond the retention in config, and roll old
//! journal entries up. Active sessions are never touched. See `gc.rs` for
//! the rules.

use anyhow::Result;
use clap::Args;

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::error::UserError;
use crate::gc;

#[derive(Debug, Args)]
pub struct GcArgs {
    /// Archive paused sessions idle longer than this (`30d`, `12h`, `2w`;
    /// default: retention.paused_days). They are closed as abandoned with
    /// the reason, never deleted.
    #[arg(long, value_name = "AGE")]
    pub older_than: Option<String>,
    /// Print what would be done, change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(g: &Global, a: GcArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    ctx.store.require()?;
    let cfg = ctx.config()?;
    let r = &cfg.retention;
    let older_than = match &a.older_than {
        Some(s) => gc::parse_age(s).ok_or_else(|| {
            UserError::new(format!("--older-than {s:?} is not an age"))
                .hint("use a number of days, hours or weeks: 30d, 12h, 2w")
        })?,
        None => chrono::Duration::days(r.paused_days as i64),
    };
    // The lock is held from planning to the end, so the plan still holds
    // when it is carried out.
    let _lock = if a.dry_run {
        None
    } else {
        Some(crate::cmd::lock(&ctx.store)?)
    };
    let plan = gc::plan(&ctx.store, r, older_than, ctx.now);
    println!(
        "gc{}: paused sessions idle over {}; keep {} resume log(s), {} bundle set(s), {} snapshot(s); roll up journal entries older than {} days (active sessions are never touched)",
        if a.dry_run {
            " (dry run, nothing is changed)"
        } else {
            ""
        },
        age_text(older_than),
        r.resume_logs,
        r.bundles,
        r.snapshots,
        r.journal_days
    );
    if plan.actions.is_empty() {
        println!("Nothing to do.");
        return Ok(());
    }
    for act in &plan.actions {
        println!("{}", gc::describe(act, &ctx.store.project));
    }
    let s = plan.summary();
    let spares = match s.spares {
        0 => String::new(),
        n => format!(
            ", {n} leftover file{} removed",
            if n == 1 { "" } else { "s" }
        ),
    };
    let counts = format!(
        "{} session(s) archived, {} resume log(s), {} bundle set(s) and {} snapshot(s) removed, {} journal entr{} rolled up{spares}",
        s.archived,
        s.resume_logs,
        s.bundle_sets,
        s.snapshots,
        s.rolled_up,
        if s.rolled_up == 1 { "y" } else { "ies" }
    );
    if a.dry_run {
        println!("Would do: {counts}. Run without --dry-run to do it.");
        return Ok(());
    }
    let problems = gc::apply(&ctx.store, &plan, ctx.now)?;
    for p in &problems {
        println!("not done: {p}");
    }
    println!("Done: {counts}.");
    if s.archived > 0 {
        println!(
            "Archived sessions stay readable: session-hook list --all, session-hook view NAME."
        );
    }
    if !problems.is_empty() {
        return Err(
            UserError::new(format!("{} action(s) could not be done", problems.len()))
                .hint("see the lines starting with `not done:` above")
                .into(),
        );
    }
    Ok(())
}

fn age_text(d: chrono::Duration) -> String {
    if d.num_hours() % 24 == 0 {
        format!("{} days", d.num_days())
    } else {
        format!("{} hours", d.num_hours())
    }
}
