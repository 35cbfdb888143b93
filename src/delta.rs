//! Git facts for the exports: uncommitted changes with their status codes,
//! and what changed between a recorded commit and HEAD.

use git2::{Delta as GitDelta, DiffOptions, Repository};

pub use crate::git::status::SESSION_MD;
use crate::git::status::ours;

/// One changed path with a short git-style code: `M`, `A`, `D`, `R`, `T`,
/// `MM` (staged and modified again), `??` (untracked), `UU` (conflicted).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub code: String,
    pub path: String,
}

/// The uncommitted changes, or why they could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Uncommitted {
    pub changes: Vec<Change>,
    pub unknown: Option<String>,
}

/// Uncommitted changes, leaving out the store and SESSION.md: the same
/// status every report reads (see `git::status`), with git's codes.
pub fn uncommitted(repo: &Repository) -> Uncommitted {
    match crate::git::status::entries(repo) {
        Ok(e) => Uncommitted {
            changes: e
                .into_iter()
                .map(|e| Change {
                    code: e.code(),
                    path: e.path,
                })
                .collect(),
            unknown: None,
        },
        Err(why) => Uncommitted {
            changes: Vec::new(),
            unknown: Some(why),
        },
    }
}

/// [`render_changes`] of a status that may be unknown: never "None" then.
pub fn render_uncommitted(u: &Uncommitted, most: usize) -> String {
    match &u.unknown {
        Some(why) => format!("unknown ({why})"),
        None => render_changes(&u.changes, most),
    }
}

/// `M a.rs, ?? b.rs`, or `None`, at most `most` entries.
pub fn render_changes(list: &[Change], most: usize) -> String {
    if list.is_empty() {
        return "None".into();
    }
    let mut s = list
        .iter()
        .take(most)
        .map(|c| format!("{} {}", c.code, c.path))
        .collect::<Vec<_>>()
        .join(", ");
    if list.len() > most {
        s.push_str(&format!(" (+{} more)", list.len() - most));
    }
    s
}

/// What happened between a recorded commit and HEAD.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Since {
    /// The recorded commit as written (short hash).
    pub base: String,
    /// False when the recorded commit is not in this repository.
    pub found: bool,
    /// Whether the recorded commit is an ancestor of HEAD.
    pub ancestor: bool,
    pub commits: usize,
    /// `abc1234 subject`, newest first.
    pub subjects: Vec<String>,
    /// Name-status of the recorded commit's tree against HEAD's.
    pub files: Vec<Change>,
}

/// Commits and changed files from `base` to HEAD.
pub fn since(repo: &Repository, base: &str, keep: usize) -> Since {
    let mut out = Since {
        base: base.to_string(),
        ..Since::default()
    };
    let Ok(obj) = repo.revparse_single(base) else {
        return out;
    };
    let Ok(base_commit) = obj.peel_to_commit() else {
        return out;
    };
    out.found = true;
    let Some(head) = repo.head().ok().and_then(|h| h.peel_to_commit().ok()) else {
        return out;
    };
    out.ancestor = base_commit.id() == head.id()
        || repo
            .graph_descendant_of(head.id(), base_commit.id())
            .unwrap_or(false);
    let (n, subjects) = crate::changes::commits_between(repo, base_commit.id(), head.id(), keep);
    out.commits = n;
    out.subjects = subjects;
    let (Ok(a), Ok(b)) = (base_commit.tree(), head.tree()) else {
        return out;
    };
    let mut opts = DiffOptions::new();
    if let Ok(diff) = repo.diff_tree_to_tree(Some(&a), Some(&b), Some(&mut opts)) {
        for d in diff.deltas() {
            let code = match d.status() {
                GitDelta::Added => "A",
                GitDelta::Deleted => "D",
                GitDelta::Modified => "M",
                GitDelta::Renamed => "R",
                GitDelta::Copied => "C",
                GitDelta::Typechange => "T",
                _ => continue,
            };
            let path = d
                .new_file()
                .path()
                .or_else(|| d.old_file().path())
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            if !ours(&path) {
                out.files.push(Change {
                    code: code.into(),
                    path,
                });
            }
        }
    }
    out
}
