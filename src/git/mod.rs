//! Thin helpers over libgit2, opened lazily: nothing here runs unless a
//! caller asks. Where git's own rules must apply (hooks, signing,
//! identity, filters, shared permissions of a branch commit; talking to a
//! remote), the `git` executable runs instead (see [`exe`]).

use std::path::{Path, PathBuf};

use git2::Repository;

pub mod exe;
pub mod shared;
pub mod snapref;
pub mod status;

pub use status::{WorkStatus, status};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Head {
    pub branch: Option<String>,
    /// Full object id of HEAD; `None` on an unborn branch.
    pub commit: Option<String>,
    pub subject: Option<String>,
    pub detached: bool,
}

impl Head {
    pub fn short(&self) -> Option<String> {
        self.commit
            .as_ref()
            .map(|c| c[..c.len().min(7)].to_string())
    }
}

/// The repository at `project`, or `None` (outside git, or unreadable:
/// callers that must tell those apart use [`open_checked`]).
pub fn open(project: &Path) -> Option<Repository> {
    open_checked(project).ok().flatten()
}

/// Open the project's repository: `Ok(None)` outside git, `Err` (a reason
/// fit to show) when a repository is there but cannot be used.
pub fn open_checked(project: &Path) -> Result<Option<Repository>, String> {
    tune();
    match Repository::open(project) {
        Ok(r) => Ok(Some(r)),
        Err(e) if e.code() == git2::ErrorCode::NotFound && !project.join(".git").exists() => {
            Ok(None)
        }
        Err(e) => Err(explain(&e)),
    }
}

/// libgit2's refusal, in words a user can act on.
fn explain(e: &git2::Error) -> String {
    let m = e.message();
    if m.contains("objectformat") || m.contains("object format") {
        // libgit2 reads SHA-1 repositories only (SHA-256 support is an
        // experimental build option it is not built with here).
        return "it is a SHA-256 repository (extensions.objectFormat = sha256), which the git library session-hook uses cannot read yet".into();
    }
    m.to_string()
}

/// libgit2 re-hashes every object it reads to check its id; git itself
/// leaves that to `fsck`, and reading trees from a long pack history is a
/// good part of a scan. Set once, before the first repository is opened.
pub fn tune() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| git2::opts::strict_hash_verification(false));
}

pub fn head(repo: &Repository) -> Head {
    let mut h = Head::default();
    match repo.head() {
        Ok(r) => {
            h.detached = repo.head_detached().unwrap_or(false);
            if r.is_branch() {
                h.branch = r.shorthand().ok().map(str::to_string);
            }
            if let Ok(c) = r.peel_to_commit() {
                h.commit = Some(c.id().to_string());
                h.subject = c.summary().ok().flatten().map(str::to_string);
            }
        }
        Err(_) => {
            // Unborn branch: HEAD names a branch that has no commit yet.
            if let Ok(r) = repo.find_reference("HEAD")
                && let Ok(Some(t)) = r.symbolic_target()
            {
                h.branch = Some(t.trim_start_matches("refs/heads/").to_string());
            }
        }
    }
    h
}

/// HEAD facts for a project, or `None` outside git.
pub fn head_of(project: &Path) -> Option<Head> {
    open(project).map(|r| head(&r))
}

/// An operation in progress in the repository, by name.
pub fn operation_of(repo: &Repository) -> Option<&'static str> {
    use git2::RepositoryState as S;
    Some(match repo.state() {
        S::Clean => return None,
        S::Merge => "merge",
        S::Revert | S::RevertSequence => "revert",
        S::CherryPick | S::CherryPickSequence => "cherry-pick",
        S::Bisect => "bisect",
        S::Rebase | S::RebaseInteractive | S::RebaseMerge => "rebase",
        S::ApplyMailbox | S::ApplyMailboxOrRebase => "am",
    })
}

/// Commit everything in the work tree except the store on top of HEAD.
/// Used by the demo and by tests.
pub fn commit_work_tree(
    repo: &Repository,
    (name, email): (&str, &str),
    msg: &str,
) -> Result<git2::Oid, git2::Error> {
    let mut idx = repo.index()?;
    idx.add_all(
        ["*"].iter(),
        git2::IndexAddOption::DEFAULT,
        Some(&mut |p: &Path, _: &[u8]| i32::from(p.starts_with(".sessions"))),
    )?;
    idx.write()?;
    commit_index(repo, &mut idx, &git2::Signature::now(name, email)?, msg)
}

/// Commit the tree of `idx` on HEAD (or as the first commit of an unborn
/// branch), authored and committed by `sig`.
pub fn commit_index(
    repo: &Repository,
    idx: &mut git2::Index,
    sig: &git2::Signature,
    msg: &str,
) -> Result<git2::Oid, git2::Error> {
    let tree = repo.find_tree(idx.write_tree()?)?;
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(Some("HEAD"), sig, sig, msg, &tree, &parents)
}

pub fn workdir(repo: &Repository) -> Option<PathBuf> {
    repo.workdir().map(Path::to_path_buf)
}

/// The line that keeps the store out of `git status`, for a store folder
/// at `store_dir`: anchored at the repository's top level.
fn exclude_line(repo: &Repository, store_dir: &Path) -> Option<String> {
    let top = repo.workdir()?;
    let (top, dir) = (
        std::fs::canonicalize(top).ok()?,
        std::fs::canonicalize(store_dir).unwrap_or_else(|_| store_dir.to_path_buf()),
    );
    let rel = dir.strip_prefix(&top).ok()?;
    let rel = rel.to_str()?;
    (!rel.is_empty()).then(|| format!("/{rel}/"))
}

fn exclude_file(repo: &Repository) -> PathBuf {
    repo.commondir().join("info").join("exclude")
}

/// List the store in `.git/info/exclude` (machine-local, never a committed
/// file), once. Returns whether the file changed.
pub fn exclude_store(repo: &Repository, store_dir: &Path) -> std::io::Result<bool> {
    let Some(line) = exclude_line(repo, store_dir) else {
        return Ok(false);
    };
    let path = exclude_file(repo);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    if text.lines().any(|l| l.trim() == line) {
        return Ok(false);
    }
    let mut new = text;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(&line);
    new.push('\n');
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    crate::fsutil::write(&path, new.as_bytes(), crate::fsutil::How::KEEP_MODE)?;
    Ok(true)
}

/// Take our line out of `.git/info/exclude` again (for a store committed
/// on the branch). Returns whether the file changed.
pub fn unexclude_store(repo: &Repository, store_dir: &Path) -> std::io::Result<bool> {
    let Some(line) = exclude_line(repo, store_dir) else {
        return Ok(false);
    };
    let path = exclude_file(repo);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(false);
    };
    if !text.lines().any(|l| l.trim() == line) {
        return Ok(false);
    }
    let kept: String = text
        .lines()
        .filter(|l| l.trim() != line)
        .map(|l| format!("{l}\n"))
        .collect();
    crate::fsutil::write(&path, kept.as_bytes(), crate::fsutil::How::KEEP_MODE)?;
    Ok(true)
}
