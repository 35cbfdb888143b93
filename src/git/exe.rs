//! The `git` executable, for what must follow git's own rules: the branch
//! commit of `pause.commit: branch` (hooks, signing, identity, filters,
//! sparse rules and shared permissions are git's) and talking to remotes
//! (`sync`: credentials, transports, refspecs are git's).

use std::path::Path;
use std::process::{Command, Stdio};

/// The program to run: `SESSION_HOOK_GIT` when set (a wrapper, a pinned
/// version), else `git` from the PATH.
fn program() -> String {
    std::env::var("SESSION_HOOK_GIT")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "git".into())
}

/// A `git` command in `dir`, as a user would type it there.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(program());
    c.current_dir(dir).args(args);
    c
}

/// `git args…` as a line to show.
pub fn shown(args: &[&str]) -> String {
    let quote = |a: &&str| {
        if a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@".contains(c))
        {
            a.to_string()
        } else {
            format!("'{}'", a.replace('\'', "'\\''"))
        }
    };
    let mut s = String::from("git");
    for a in args {
        s.push(' ');
        s.push_str(&quote(a));
    }
    s
}

/// Run quietly; `Ok(stdout)` on success, else what git said (its last
/// lines of output) or why it could not run.
pub fn run(dir: &Path, args: &[&str]) -> Result<String, String> {
    run_command(command(dir, args), args)
}

fn run_command(mut c: Command, args: &[&str]) -> Result<String, String> {
    let out = c
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("`{}` could not run: {e}", shown(args)))?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let mut said = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if said.is_empty() {
        said = String::from_utf8_lossy(&out.stdout).trim().to_string();
    }
    let lines: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = lines[lines.len().saturating_sub(4)..].join(" / ");
    Err(format!(
        "`{}` failed ({}){}",
        shown(args),
        out.status
            .code()
            .map_or("killed".to_string(), |c| format!("exit {c}")),
        if tail.is_empty() {
            String::new()
        } else {
            format!(": {tail}")
        }
    ))
}

/// What the branch commit did.
#[derive(Debug, Clone, PartialEq)]
pub enum Branch {
    /// Committed: the new commit's full id.
    Made(String),
    /// Nothing to commit, or git refused: why.
    None(String),
}

/// Commit the store's paths (and nothing else) on the current branch.
///
/// The user's index gets the store's paths with `git add -A -- .sessions`
/// (git locks the index before reading it, so a `git add` of the user's
/// running meanwhile waits or fails, and is never lost). The commit is
/// made from an index of its own, HEAD plus the store: `git commit --only`
/// would read the user's index before locking it and write that copy back,
/// dropping whatever was staged in between.
pub fn commit_store(project: &Path, store: &str, message: &str) -> Branch {
    if let Err(e) = run(project, &["add", "-A", "--", store]) {
        return Branch::None(e);
    }
    let tmp = match tempfile::tempdir() {
        Ok(t) => t,
        Err(e) => return Branch::None(format!("cannot make a temporary index: {e}")),
    };
    let index = tmp.path().join("index");
    let own = |args: &[&str]| {
        let mut c = command(project, args);
        c.env("GIT_INDEX_FILE", &index);
        c
    };
    let unborn = run(project, &["rev-parse", "--verify", "-q", "HEAD"]).is_err();
    let base: &[&str] = if unborn {
        &["read-tree", "--empty"]
    } else {
        &["read-tree", "HEAD"]
    };
    for args in [base, &["add", "-A", "--", store]] {
        if let Err(e) = run_command(own(args), args) {
            return Branch::None(e);
        }
    }
    // Nothing of the store differs from HEAD: nothing to commit.
    let quiet = own(&["diff", "--cached", "--quiet", "--", store])
        .stdin(Stdio::null())
        .status();
    if quiet.is_ok_and(|s| s.success()) {
        return Branch::None(format!("nothing changed in {store}/"));
    }
    let args = ["commit", "-m", message];
    if let Err(e) = run_command(own(&args), &args) {
        return Branch::None(e);
    }
    match run(project, &["rev-parse", "HEAD"]) {
        Ok(id) => Branch::Made(id.trim().to_string()),
        Err(e) => Branch::None(e),
    }
}
