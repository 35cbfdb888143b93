//! A cheap summary of what changed in git since a recorded commit: used by
//! SessionStart. (The full report on resume is built by `report`.)

use std::path::Path;

use git2::{Oid, Repository, Sort};

/// "3 commits since abc1234: ...; 2 uncommitted files: ...". `None` when
/// nothing changed or there is no repository.
pub fn short_summary(project: &Path, since: Option<&str>) -> Option<String> {
    let repo = Repository::open(project).ok()?;
    let mut lines = Vec::new();
    let head = repo.head().ok().and_then(|h| h.target());
    if let (Some(since), Some(head)) = (since, head)
        && let Ok(obj) = repo.revparse_single(since)
        && obj.id() != head
    {
        let (n, subjects) = commits_between(&repo, obj.id(), head, 5);
        if n > 0 {
            lines.push(format!(
                "{n} commit{} since the last checkpoint ({since}):",
                if n == 1 { "" } else { "s" }
            ));
            for s in &subjects {
                lines.push(format!("- {s}"));
            }
            if n > subjects.len() {
                lines.push(format!("- … and {} more", n - subjects.len()));
            }
        }
    }
    let ws = crate::git::status(&repo);
    let dirty = ws.all();
    if !dirty.is_empty() {
        let shown: Vec<&str> = dirty.iter().take(10).map(String::as_str).collect();
        let more = if dirty.len() > shown.len() {
            format!(" (+{} more)", dirty.len() - shown.len())
        } else {
            String::new()
        };
        lines.push(format!("Uncommitted files: {}{more}", shown.join(", ")));
    }
    if lines.is_empty() {
        return None;
    }
    Some(format!(
        "## Changes Since Last Checkpoint\n{}",
        lines.join("\n")
    ))
}

/// Count commits in `from..to` (at most 10,000 walked) and return the first
/// `keep` subjects, newest first.
pub fn commits_between(repo: &Repository, from: Oid, to: Oid, keep: usize) -> (usize, Vec<String>) {
    let Ok(mut walk) = repo.revwalk() else {
        return (0, vec![]);
    };
    let _ = walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME);
    if walk.push(to).is_err() || walk.hide(from).is_err() {
        return (0, vec![]);
    }
    let mut n = 0;
    let mut subjects = Vec::new();
    for oid in walk.flatten().take(10_000) {
        n += 1;
        if subjects.len() < keep
            && let Ok(c) = repo.find_commit(oid)
        {
            let short = oid.to_string()[..7].to_string();
            subjects.push(format!(
                "{short} {}",
                c.summary().ok().flatten().unwrap_or("")
            ));
        }
    }
    (n, subjects)
}
