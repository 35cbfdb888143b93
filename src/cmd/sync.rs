//! `session-hook sync push|pull [REMOTE]`: share pause snapshots through a
//! git remote, with git itself. Push sends `refs/sessions/*` as they are
//! (a teammate's newer snapshot of the same session is never overwritten:
//! git refuses a push that is not a fast-forward). Pull fetches them to
//! `refs/remotes/<remote>/sessions/*`, where `resume` and `list` find them.

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::error::UserError;
use crate::git::{self, exe, snapref};

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub what: Sync,
}

#[derive(Debug, Subcommand)]
pub enum Sync {
    /// Push this repository's pause snapshots (refs/sessions/*).
    Push {
        /// The remote (default: the current branch's, else origin).
        remote: Option<String>,
    },
    /// Fetch the remote's pause snapshots to refs/remotes/REMOTE/sessions/*.
    Pull {
        /// The remote (default: the current branch's, else origin).
        remote: Option<String>,
    },
}

/// The refspecs, as the README shows them.
pub fn push_spec() -> String {
    format!("{}*:{}*", snapref::PREFIX, snapref::PREFIX)
}

pub fn pull_spec(remote: &str) -> String {
    format!("+{}*:refs/remotes/{remote}/sessions/*", snapref::PREFIX)
}

pub fn run(g: &Global, a: SyncArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let project = &ctx.store.project;
    let repo = match git::open_checked(project) {
        Ok(Some(r)) => r,
        Ok(None) => {
            return Err(
                UserError::new(format!("{} is not a git repository", project.display()))
                    .hint("sync shares pause snapshots through a git remote")
                    .into(),
            );
        }
        Err(e) => {
            return Err(UserError::new(format!("the git repository cannot be read: {e}")).into());
        }
    };
    let (remote, push) = match a.what {
        Sync::Push { remote } => (remote, true),
        Sync::Pull { remote } => (remote, false),
    };
    let remote = remote.unwrap_or_else(|| default_remote(&repo));
    if repo.find_remote(&remote).is_err() {
        return Err(UserError::new(format!("no git remote named {remote:?}"))
            .hint("name one: `session-hook sync push REMOTE` (see `git remote -v`)")
            .into());
    }
    let spec = if push {
        if !snapref::list(&repo)
            .iter()
            .any(|s| s.refname.starts_with(snapref::PREFIX))
        {
            println!("Nothing to push: no pause snapshots in refs/sessions/ yet.");
            return Ok(());
        }
        push_spec()
    } else {
        pull_spec(&remote)
    };
    let args = [if push { "push" } else { "fetch" }, remote.as_str(), &spec];
    println!("$ {}", exe::shown(&args));
    // git talks to the user directly (progress, credential prompts).
    let status = exe::command(project, &args)
        .status()
        .map_err(|e| UserError::new(format!("`{}` could not run: {e}", exe::shown(&args))))?;
    if !status.success() {
        let mut err = UserError::new(format!(
            "`{}` failed ({})",
            exe::shown(&args),
            status
                .code()
                .map_or("killed".to_string(), |c| format!("exit {c}"))
        ));
        if push {
            err = err.hint(
                "a rejected snapshot means the remote has a newer pause of that session: `session-hook sync pull`, then resume it",
            );
        }
        return Err(err.into());
    }
    if !push {
        let known: std::collections::HashSet<String> = ctx
            .store
            .metas(true)
            .into_iter()
            .map(|m| m.id().to_string())
            .collect();
        let new: Vec<_> = snapref::list(&repo)
            .into_iter()
            .filter(|s| !known.contains(&s.id))
            .collect();
        if !new.is_empty() {
            println!(
                "Sessions not in this store yet (take one up with `session-hook resume NAME`):"
            );
            for s in new {
                let (name, title) = crate::cmd::resume::ref_names(&s);
                println!("  {name}  {title}  (from {})", s.origin());
            }
        }
    }
    Ok(())
}

/// The current branch's remote, else `origin`.
fn default_remote(repo: &git2::Repository) -> String {
    repo.head()
        .ok()
        .and_then(|h| h.name().ok().map(str::to_string))
        .and_then(|n| repo.branch_upstream_remote(&n).ok())
        .and_then(|b| b.as_str().ok().map(str::to_string))
        .unwrap_or_else(|| "origin".into())
}
