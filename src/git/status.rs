//! The working tree's status, from libgit2's status API, read the way
//! `git status --porcelain` reads it. This is the one idea of
//! "uncommitted" every report uses (pause snapshots, the change report,
//! checkpoint verification, exports).
//!
//! What libgit2 leaves to the caller is done here: skip-worktree entries
//! (sparse checkouts) are not compared with the disk, as git does not;
//! intent-to-add entries (`git add -N`) are new in the working tree, not
//! staged; conflicts are their own list. An index libgit2 cannot read (a
//! split or sparse index, an unknown mandatory extension) makes the status
//! unknown, with the reason: never clean.

use git2::{Repository, Status, StatusOptions};

/// Our own output, never the user's work in progress: the store, and the
/// file `export session-md` writes at the project root by default.
pub const SESSION_MD: &str = "SESSION.md";

pub fn ours(path: &str) -> bool {
    path == ".sessions" || path.starts_with(".sessions/") || path == SESSION_MD
}

/// One changed path with git's two status letters (`X` the index against
/// HEAD, `Y` the working tree against the index): `M `, ` M`, `A `,
/// ` A` (intent to add), `UU` (conflicted), `??` (untracked), ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub x: char,
    pub y: char,
}

impl Entry {
    /// The short code with the blanks left out: `M`, `MM`, `A`, `??`.
    pub fn code(&self) -> String {
        [self.x, self.y].iter().filter(|c| **c != ' ').collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WorkStatus {
    pub modified: Vec<String>,
    pub staged: Vec<String>,
    pub untracked: Vec<String>,
    /// Paths with an unresolved merge conflict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicted: Vec<String>,
    /// The status could not be read, and why: then nothing above is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
}

impl WorkStatus {
    pub fn unknown(why: impl Into<String>) -> WorkStatus {
        WorkStatus {
            unknown: Some(why.into()),
            ..WorkStatus::default()
        }
    }

    /// Known, and nothing uncommitted.
    pub fn is_clean(&self) -> bool {
        self.unknown.is_none()
            && self.modified.is_empty()
            && self.staged.is_empty()
            && self.untracked.is_empty()
            && self.conflicted.is_empty()
    }

    /// Every uncommitted path once, sorted.
    pub fn all(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .modified
            .iter()
            .chain(&self.staged)
            .chain(&self.untracked)
            .chain(&self.conflicted)
            .cloned()
            .collect();
        v.sort();
        v.dedup();
        v
    }

    pub fn from_entries(entries: &[Entry]) -> WorkStatus {
        let mut ws = WorkStatus::default();
        for e in entries {
            let p = e.path.clone();
            match (e.x, e.y) {
                ('?', '?') => ws.untracked.push(p),
                ('U', _) | (_, 'U') => ws.conflicted.push(p),
                (x, y) => {
                    if x != ' ' {
                        ws.staged.push(p.clone());
                    }
                    if y != ' ' {
                        ws.modified.push(p);
                    }
                }
            }
        }
        for l in [
            &mut ws.modified,
            &mut ws.staged,
            &mut ws.untracked,
            &mut ws.conflicted,
        ] {
            l.sort();
            l.dedup();
        }
        ws
    }
}

/// Index entry flags (the extended ones, as libgit2 exposes them).
const INTENT_TO_ADD: u16 = 1 << 13;
const SKIP_WORKTREE: u16 = 1 << 14;

/// The status of the working tree, leaving out our own files. An untracked
/// folder is one entry, `dir/`, as `git status` lists it: descending into
/// a big one (a fresh `node_modules/`) would cost more than the rest.
pub fn entries(repo: &Repository) -> Result<Vec<Entry>, String> {
    if repo.is_bare() {
        return Ok(Vec::new());
    }
    let index = repo
        .index()
        .map_err(|e| format!("the git index cannot be read: {}", e.message()))?;
    let mut skip = std::collections::HashSet::new();
    let mut ita = std::collections::HashSet::new();
    for e in index.iter() {
        if e.flags_extended & SKIP_WORKTREE != 0 {
            skip.insert(e.path.clone());
        }
        if e.flags_extended & INTENT_TO_ADD != 0 {
            ita.insert(e.path);
        }
    }
    let mut opts = StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(false)
        .include_ignored(false)
        .renames_head_to_index(false)
        .renames_index_to_workdir(false);
    // A file that vanishes mid-scan fails the whole scan; a fresh scan
    // then succeeds.
    let mut tries = 0;
    let statuses = loop {
        match repo.statuses(Some(&mut opts)) {
            Ok(s) => break s,
            Err(_) if tries < 2 => tries += 1,
            Err(e) => return Err(format!("git status failed: {}", e.message())),
        }
    };
    let mut out = Vec::new();
    for s in statuses.iter() {
        let Ok(path) = std::str::from_utf8(s.path_bytes()) else {
            continue;
        };
        if ours(path) || ours(path.trim_end_matches('/')) {
            continue;
        }
        let bits = s.status();
        let raw = path.as_bytes();
        if bits.contains(Status::CONFLICTED) {
            out.push(entry(path, 'U', 'U'));
            continue;
        }
        if ita.contains(raw) {
            // `git add -N`: known to the index, content not staged.
            out.push(entry(path, ' ', 'A'));
            continue;
        }
        let x = if bits.contains(Status::INDEX_NEW) {
            'A'
        } else if bits.contains(Status::INDEX_MODIFIED) {
            'M'
        } else if bits.contains(Status::INDEX_DELETED) {
            'D'
        } else if bits.contains(Status::INDEX_RENAMED) {
            'R'
        } else if bits.contains(Status::INDEX_TYPECHANGE) {
            'T'
        } else {
            ' '
        };
        // git never compares a skip-worktree entry with the disk.
        let y = if skip.contains(raw) {
            ' '
        } else if bits.contains(Status::WT_MODIFIED) || bits.contains(Status::WT_UNREADABLE) {
            'M'
        } else if bits.contains(Status::WT_DELETED) {
            'D'
        } else if bits.contains(Status::WT_TYPECHANGE) {
            'T'
        } else if bits.contains(Status::WT_RENAMED) {
            'R'
        } else {
            ' '
        };
        if x != ' ' || y != ' ' {
            out.push(entry(path, x, y));
        }
        // Removed from the index but still on disk: also untracked.
        if bits.contains(Status::WT_NEW) {
            out.push(entry(path, '?', '?'));
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn entry(path: &str, x: char, y: char) -> Entry {
    Entry {
        path: path.to_string(),
        x,
        y,
    }
}

/// The working-tree status, leaving out our own files; unknown (with the
/// reason) when it cannot be read.
pub fn status(repo: &Repository) -> WorkStatus {
    match entries(repo) {
        Ok(e) => WorkStatus::from_entries(&e),
        Err(why) => WorkStatus::unknown(why),
    }
}
