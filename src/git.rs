//! Git facts, opened lazily: nothing here runs unless a caller asks.

use std::path::{Path, PathBuf};

use git2::{Repository, StatusOptions};

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

pub fn open(project: &Path) -> Option<Repository> {
    Repository::open(project).ok()
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

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WorkStatus {
    pub modified: Vec<String>,
    pub staged: Vec<String>,
    pub untracked: Vec<String>,
}

impl WorkStatus {
    pub fn is_clean(&self) -> bool {
        self.modified.is_empty() && self.staged.is_empty() && self.untracked.is_empty()
    }
    pub fn all(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .modified
            .iter()
            .chain(&self.staged)
            .chain(&self.untracked)
            .cloned()
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Working-tree status, leaving out the store itself (its own churn is not
/// the user's work).
pub fn status(repo: &Repository) -> WorkStatus {
    let mut opts = StatusOptions::new();
    // An untracked folder is listed once, as `dir/` (as `git status` does):
    // descending into a big one (a fresh `node_modules/`) would cost more
    // than everything else here.
    opts.include_untracked(true)
        .recurse_untracked_dirs(false)
        .include_ignored(false)
        .renames_head_to_index(false);
    let mut ws = WorkStatus::default();
    // A file that vanishes mid-scan (another writer's temp file being
    // renamed into place) fails the whole scan; a fresh scan then succeeds.
    let mut scan = repo.statuses(Some(&mut opts));
    for _ in 0..3 {
        if scan.is_ok() {
            break;
        }
        scan = repo.statuses(Some(&mut opts));
    }
    let Ok(st) = scan else {
        return ws;
    };
    for e in st.iter() {
        let Ok(p) = e.path() else { continue };
        if p.starts_with(".sessions/") {
            continue;
        }
        let s = e.status();
        if s.is_wt_new() {
            ws.untracked.push(p.to_string());
            continue;
        }
        if s.is_index_new()
            || s.is_index_modified()
            || s.is_index_deleted()
            || s.is_index_renamed()
            || s.is_index_typechange()
        {
            ws.staged.push(p.to_string());
        }
        if s.is_wt_modified() || s.is_wt_deleted() || s.is_wt_renamed() || s.is_wt_typechange() {
            ws.modified.push(p.to_string());
        }
    }
    ws
}

pub fn workdir(repo: &Repository) -> Option<PathBuf> {
    repo.workdir().map(Path::to_path_buf)
}
