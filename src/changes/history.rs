//! The commit graph between the baseline and HEAD: the walk, the
//! name-status diff, and which commits only record session files.

use git2::{DiffFindOptions, Oid, Repository, Sort};

use chrono::{TimeZone, Utc};

use super::{CommitLine, FileChange, RENAME_LIMIT, STORE_PREFIX};

pub(super) fn short_id(o: Oid) -> String {
    o.to_string()[..7].to_string()
}

/// A recorded commit id (full or abbreviated) as a commit in this
/// repository, if it is one.
pub(super) fn resolve_commit(repo: &Repository, id: &str) -> Option<Oid> {
    let id = id.trim();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let obj = if id.len() == 40 {
        repo.find_object(Oid::from_str(id).ok()?, None).ok()?
    } else {
        repo.revparse_single(id).ok()?
    };
    obj.peel_to_commit().ok().map(|c| c.id())
}

#[derive(Default)]
pub(super) struct Walked {
    pub(super) lines: Vec<CommitLine>,
    pub(super) count: usize,
    pub(super) capped: bool,
    pub(super) session: usize,
}

/// Walk `head` (hiding `base` and its ancestors), newest first, at most
/// `cap` commits, keeping the first `keep` as lines.
pub(super) fn walk(
    repo: &Repository,
    head: Oid,
    base: Option<Oid>,
    keep: usize,
    cap: usize,
) -> Result<Walked, git2::Error> {
    let mut w = Walked::default();
    let mut rw = repo.revwalk()?;
    // Time order needs no full pre-walk, so the cap really bounds the work.
    rw.set_sorting(Sort::TIME)?;
    rw.push(head)?;
    if let Some(b) = base {
        rw.hide(b)?;
    }
    for (n, oid) in rw.enumerate() {
        if n >= cap {
            w.capped = true;
            break;
        }
        let c = repo.find_commit(oid?)?;
        if is_session_commit(&c) {
            w.session += 1;
            continue;
        }
        w.count += 1;
        if w.lines.len() < keep {
            w.lines.push(CommitLine {
                short: short_id(c.id()),
                subject: c.summary().ok().flatten().unwrap_or("").to_string(),
                time: Utc
                    .timestamp_opt(c.time().seconds(), 0)
                    .single()
                    .unwrap_or_default(),
            });
        }
    }
    Ok(w)
}

/// Count the commits in `from..to` (pause commits left out, at most 10,000
/// walked) and return the first `keep` as "short subject" lines, newest
/// first.
pub fn commits_between(repo: &Repository, from: Oid, to: Oid, keep: usize) -> (usize, Vec<String>) {
    match walk(repo, to, Some(from), keep, 10_000) {
        Ok(w) => (
            w.count,
            w.lines
                .into_iter()
                .map(|l| format!("{} {}", l.short, l.subject))
                .collect(),
        ),
        Err(_) => (0, Vec::new()),
    }
}

/// A pause commit (ours or a teammate's): a `session: ` subject and a tree
/// that differs from its parent's only in `.sessions`. Checked on the top
/// level only, which is cheap.
pub fn is_session_commit(c: &git2::Commit) -> bool {
    if !c
        .summary()
        .ok()
        .flatten()
        .is_some_and(|s| s.starts_with("session: "))
        || c.parent_count() != 1
    {
        return false;
    }
    let (Ok(t), Ok(p)) = (c.tree(), c.parent(0).and_then(|p| p.tree())) else {
        return false;
    };
    let name = STORE_PREFIX.trim_end_matches('/').as_bytes();
    let strip = |t: &git2::Tree| -> Vec<(Vec<u8>, Oid)> {
        t.iter()
            .filter(|e| e.name_bytes() != name)
            .map(|e| (e.name_bytes().to_vec(), e.id()))
            .collect()
    };
    strip(&t) == strip(&p)
}

/// The name-status diff from `from` (or the empty tree) to `to`, with
/// rename detection, leaving out the store.
pub(super) fn name_status(
    repo: &Repository,
    from: Option<Oid>,
    to: Oid,
) -> Result<Vec<FileChange>, git2::Error> {
    let old = match from {
        Some(f) => Some(repo.find_commit(f)?.tree()?),
        None => None,
    };
    let new = repo.find_commit(to)?.tree()?;
    let mut diff = repo.diff_tree_to_tree(old.as_ref(), Some(&new), None)?;
    if diff.deltas().len() <= RENAME_LIMIT {
        let mut fo = DiffFindOptions::new();
        fo.renames(true).rename_limit(RENAME_LIMIT);
        diff.find_similar(Some(&mut fo))?;
    }
    let path_of = |f: git2::DiffFile| f.path().map(|p| p.to_string_lossy().into_owned());
    let mut out = Vec::new();
    for d in diff.deltas() {
        let status = match d.status() {
            git2::Delta::Added => 'A',
            git2::Delta::Deleted => 'D',
            git2::Delta::Modified => 'M',
            git2::Delta::Renamed => 'R',
            git2::Delta::Copied => 'C',
            git2::Delta::Typechange => 'T',
            _ => continue,
        };
        let new_path = path_of(d.new_file());
        let old_path = path_of(d.old_file());
        let path = match status {
            'D' => old_path.clone(),
            _ => new_path.or_else(|| old_path.clone()),
        };
        let Some(path) = path else { continue };
        let from = matches!(status, 'R' | 'C').then_some(old_path).flatten();
        if path.starts_with(STORE_PREFIX)
            && from.as_deref().is_none_or(|f| f.starts_with(STORE_PREFIX))
        {
            continue;
        }
        out.push(FileChange { status, path, from });
    }
    Ok(out)
}
