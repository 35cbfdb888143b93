//! What changed in git since a session last looked: the change report.
//!
//! The report is measured by commit id, never by clock: the baseline is the
//! commit recorded in the latest pause snapshot (or, without one, the
//! session's `git_last_commit`), and everything is derived from the graph
//! between that commit and HEAD. It is computed once into a plain data
//! structure (`Report`), then rendered by pure functions: a long form for
//! `resume` and a short one for SessionStart and "continue".

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use git2::{BranchType, ErrorCode, Repository};

mod history;
mod render;

use history::{Walked, name_status, resolve_commit, short_id, walk};
pub use history::{commits_between, is_session_commit};
pub use render::{render_long, render_short};

use crate::doc::{Document, Sec};
use crate::git::{Head, WorkStatus};
use crate::snapshot::{self, AheadBehind, Integrity, Loaded};
use crate::store::Store;
use crate::{clock, fsutil};

/// Commits listed by name in the long report; the rest are counted.
pub const MAX_COMMITS_SHOWN: usize = 50;
/// Files listed per group in the long report.
const MAX_FILES_SHOWN: usize = 100;
/// Commits walked at most by the long report (counting beyond is "N+").
const FULL_WALK_CAP: usize = 10_000;
/// The short report runs inside SessionStart, which must stay cheap.
const SHORT_WALK_CAP: usize = 1_000;
const SHORT_COMMITS_SHOWN: usize = 5;
/// Above this many changed paths, rename detection is skipped: it is
/// quadratic in the number of added and deleted files.
const RENAME_LIMIT: usize = 1_000;

/// Where the store lives inside the repository. The project root is the
/// repository top-level (see `store::project_root`).
const STORE_PREFIX: &str = ".sessions/";

/// The upstream of the current branch and how far apart they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Upstream {
    pub name: String,
    pub ahead: usize,
    pub behind: usize,
}

impl Upstream {
    pub fn diverged(&self) -> bool {
        self.ahead > 0 && self.behind > 0
    }
}

/// The upstream of HEAD's branch, if it has one that resolves.
pub fn upstream(repo: &Repository) -> Option<Upstream> {
    let head = repo.head().ok()?;
    if !head.is_branch() {
        return None;
    }
    let local = repo
        .find_branch(head.shorthand().ok()?, BranchType::Local)
        .ok()?;
    let up = local.upstream().ok()?;
    let name = up.name().ok().flatten()?.to_string();
    let (ahead, behind) = repo
        .graph_ahead_behind(head.target()?, up.get().target()?)
        .ok()?;
    Some(Upstream {
        name,
        ahead,
        behind,
    })
}

/// What the report compares against.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A pause snapshot (its file stamp).
    Pause,
    /// The session's own git fields (set at init and each checkpoint).
    Checkpoint,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub source: Source,
    /// Full or short id; `None` when no commit was recorded.
    pub commit: Option<String>,
    /// The branch, when known.
    pub branch: Option<String>,
    /// HEAD was detached at the pause.
    pub detached: bool,
    pub paused_at: Option<DateTime<Utc>>,
    /// Uncommitted files at the pause (empty without a snapshot).
    pub dirty: WorkStatus,
    /// Their content ids at the pause, where recorded.
    pub blobs: std::collections::BTreeMap<String, String>,
    pub upstream: Option<(String, AheadBehind)>,
    /// Warnings about the baseline itself (checksum, unreadable snapshot).
    pub notes: Vec<String>,
    /// The snapshot was taken in another checkout (a teammate's): its
    /// uncommitted files were never in this one.
    pub elsewhere: Option<String>,
}

impl Baseline {
    pub fn from_snapshot(l: &Loaded, project: &Path) -> Baseline {
        let g = l.snap.git_context.clone().unwrap_or_default();
        Baseline {
            source: Source::Pause,
            detached: g.commit.is_some() && g.branch.is_none(),
            commit: g.commit,
            branch: g.branch,
            paused_at: clock::parse(&l.snap.paused_at),
            dirty: g.status,
            blobs: g.dirty_blobs,
            upstream: g.upstream.map(|u| (u, g.ahead_behind)),
            notes: integrity_notes(l, project),
            elsewhere: (!same_place(&l.snap.project_path, project))
                .then(|| l.snap.project_path.clone()),
        }
    }

    pub fn from_fields(doc: &Document) -> Baseline {
        let f = doc.front();
        Baseline {
            source: Source::Checkpoint,
            commit: f.git_last_commit.clone(),
            branch: f.git_branch.clone(),
            detached: false,
            paused_at: None,
            dirty: WorkStatus::default(),
            blobs: Default::default(),
            upstream: None,
            notes: Vec::new(),
            elsewhere: None,
        }
    }

    fn short(&self) -> Option<String> {
        self.commit
            .as_ref()
            .map(|c| c[..c.len().min(7)].to_string())
    }
}

/// Whether a recorded project path names this project (an empty path, from
/// an older snapshot, counts as here).
fn same_place(recorded: &str, project: &Path) -> bool {
    if recorded.is_empty() || Path::new(recorded) == project {
        return true;
    }
    match (
        std::fs::canonicalize(recorded),
        std::fs::canonicalize(project),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// What a user must hear about a snapshot that does not verify.
pub fn integrity_notes(l: &Loaded, project: &Path) -> Vec<String> {
    let rel = fsutil::relative_to(&l.path, project).display().to_string();
    match l.integrity {
        Integrity::Verified => Vec::new(),
        Integrity::Mismatch => vec![format!(
            "The pause snapshot {rel} does not match its checksum (edited or damaged since the pause); it is used as it is."
        )],
        Integrity::Missing => vec![format!(
            "The pause snapshot {rel} has no checksum; it cannot be verified."
        )],
    }
}

/// The latest snapshot (if any) and the baseline to measure against.
pub struct Picked {
    pub snapshot: Option<Loaded>,
    pub baseline: Baseline,
}

/// Choose the baseline for a session. The latest pause snapshot, while the
/// session's `git_last_commit` still names the snapshot's commit (or the
/// session is paused); once a later checkpoint moved the session's git
/// fields, they are the newer record. An unreadable snapshot falls back to
/// the fields, with a warning.
pub fn pick(store: &Store, doc: &Document) -> Picked {
    match snapshot::latest(store, doc.id()) {
        None => Picked {
            snapshot: None,
            baseline: Baseline::from_fields(doc),
        },
        Some(Err(u)) => {
            let mut b = Baseline::from_fields(doc);
            b.notes.push(format!(
                "The pause snapshot {} is unreadable ({}); comparing with the session's recorded commit instead.",
                fsutil::relative_to(&u.path, &store.project).display(),
                u.reason
            ));
            Picked {
                snapshot: None,
                baseline: b,
            }
        }
        Some(Ok(l)) => {
            let snap_commit = l.snap.git_context.as_ref().and_then(|g| g.commit.clone());
            let fields = doc.front().git_last_commit.as_deref();
            let current = doc.front().status == crate::doc::Status::Paused
                || match (fields, snap_commit.as_deref()) {
                    (Some(f), Some(s)) => s.starts_with(f) || f.starts_with(s),
                    (None, _) => true,
                    (Some(_), None) => false,
                };
            let baseline = if current {
                Baseline::from_snapshot(&l, &store.project)
            } else {
                let mut b = Baseline::from_fields(doc);
                b.notes = integrity_notes(&l, &store.project);
                b
            };
            Picked {
                snapshot: Some(l),
                baseline,
            }
        }
    }
}

/// How the baseline commit relates to HEAD.
#[derive(Debug, Clone, PartialEq)]
pub enum Relation {
    /// No commit was recorded; every commit in HEAD is new.
    NoBase,
    /// HEAD has no commit (unborn branch).
    Unborn,
    /// HEAD is the baseline commit.
    Same,
    /// The baseline is an ancestor of HEAD: plain new commits.
    Ahead,
    /// The baseline is no longer an ancestor of HEAD (reset, rebase,
    /// amend, or a switch to unrelated history).
    Rewritten { merge_base: Option<String> },
    /// The baseline commit is not in this repository (never fetched, or
    /// garbage-collected).
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommitLine {
    pub short: String,
    pub subject: String,
    pub time: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileChange {
    /// A, M, D, R, C or T.
    pub status: char,
    pub path: String,
    /// The old path of a rename or copy.
    pub from: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// Changed in commits since the pause.
    Committed,
    /// Edited in the working tree since the pause (not committed).
    Edited,
    /// Uncommitted at the pause; those changes are no longer there.
    Gone,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub path: String,
    pub why: Why,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub base: Baseline,
    pub head: Head,
    /// An operation in progress: "merge", "rebase", ...
    pub operation: Option<&'static str>,
    pub relation: Relation,
    /// Newest first, at most `MAX_COMMITS_SHOWN` (long) or a few (short).
    pub commits: Vec<CommitLine>,
    /// All new commits walked (excluding session bookkeeping commits).
    pub commit_count: usize,
    /// The walk stopped at its cap: `commit_count` is a lower bound.
    pub count_capped: bool,
    /// Commits that only touched `.sessions/` (pauses of this or another
    /// session): counted, not listed.
    pub session_commits: usize,
    /// The name-status diff from the baseline to HEAD; `None` in the short
    /// report, which skips it to stay cheap.
    pub files: Option<Vec<FileChange>>,
    pub upstream: Option<Upstream>,
    pub conflicts: Vec<Conflict>,
    pub missing: Vec<String>,
    pub now: WorkStatus,
    /// The short report's work-tree scan ran past its time budget (a very
    /// large repository), so `now` is empty rather than known clean.
    pub scan_skipped: bool,
    /// Key Files of the session that changed, with how.
    pub key_files: Vec<(String, &'static str)>,
}

impl Report {
    pub fn branch_switched(&self) -> Option<(String, String)> {
        if self.base.branch.is_none() && !self.base.detached {
            return None;
        }
        let name = |b: &Option<String>| b.clone().unwrap_or_else(|| "(detached HEAD)".into());
        let now = if self.head.detached {
            None
        } else {
            self.head.branch.clone()
        };
        (self.base.branch != now).then(|| (name(&self.base.branch), name(&now)))
    }
}

/// The result of looking at the repository.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    NotGit,
    Broken(String),
    Ok(Box<Report>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Depth {
    /// Everything, for `resume`.
    Full,
    /// No diff, a small walk: for hooks.
    Short,
}

/// Compute the report for `project` against `base`.
pub fn compute(project: &Path, base: Baseline, key_files: &[String], depth: Depth) -> Outcome {
    let repo = match crate::git::open_checked(project) {
        Ok(Some(r)) => r,
        Ok(None) => return Outcome::NotGit,
        Err(e) => return Outcome::Broken(e),
    };
    if repo.is_bare() {
        return Outcome::NotGit;
    }
    match compute_in(&repo, project, base, key_files, depth) {
        Ok(r) => Outcome::Ok(Box::new(r)),
        Err(e) => Outcome::Broken(e.message().to_string()),
    }
}

/// How long the short report (SessionStart, "continue") waits for the
/// work-tree scan. In a small repository the scan takes well under this; in
/// a huge one the hook answers on time and says the scan was skipped.
/// `SESSION_HOOK_SCAN_BUDGET_MS` overrides it; debug builds (the test
/// suite, run in parallel on busy machines) wait longer so results do not
/// depend on load.
fn short_scan_budget() -> std::time::Duration {
    let ms = std::env::var("SESSION_HOOK_SCAN_BUDGET_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 5_000 } else { 6 });
    std::time::Duration::from_millis(ms)
}

/// The largest index (in bytes) the short report scans against. The scan
/// compares every index entry with HEAD and with the disk; past about
/// 6,000 entries (some 90 bytes each) it cannot finish within the budget
/// above, and starting it anyway only spends the budget, a second core and
/// the memory of the whole index and HEAD tree for nothing. The short
/// report then says the files were not scanned, as it does when the budget
/// runs out. `SESSION_HOOK_SCAN_MAX_INDEX` overrides it.
fn short_scan_max_index() -> u64 {
    std::env::var("SESSION_HOOK_SCAN_MAX_INDEX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512 * 1024)
}

fn index_too_big(repo: &Repository, max: u64) -> bool {
    std::fs::metadata(repo.path().join("index")).is_ok_and(|m| m.len() > max)
}

/// Start the work-tree scan on its own thread (with its own handle on the
/// repository), so it overlaps the commit walk and the diff.
fn scan_in_background(project: &Path) -> std::sync::mpsc::Receiver<WorkStatus> {
    let (tx, rx) = std::sync::mpsc::channel();
    let project = project.to_path_buf();
    std::thread::spawn(move || {
        if let Ok(repo) = Repository::open(&project) {
            let _ = tx.send(crate::git::status(&repo));
        }
    });
    rx
}

fn compute_in(
    repo: &Repository,
    project: &Path,
    base: Baseline,
    key_files: &[String],
    depth: Depth,
) -> Result<Report, git2::Error> {
    let started = std::time::Instant::now();
    let budget = short_scan_budget();
    // The short report (on the hook path) waits for the scan only as long
    // as its budget allows.
    let scan = match depth {
        Depth::Short => (!budget.is_zero() && !index_too_big(repo, short_scan_max_index()))
            .then(|| scan_in_background(project)),
        Depth::Full => Some(scan_in_background(project)),
    };
    let head_oid = match repo.head() {
        Ok(r) => Some(r.peel_to_commit()?.id()),
        Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => None,
        Err(e) => return Err(e),
    };
    let head = crate::git::head(repo);
    let base_oid = base.commit.as_deref().map(|c| resolve_commit(repo, c));
    let relation = match (head_oid, base_oid) {
        (None, _) => Relation::Unborn,
        (Some(_), None) => Relation::NoBase,
        (Some(_), Some(None)) => Relation::Missing,
        (Some(h), Some(Some(b))) if h == b => Relation::Same,
        // One merge-base walk answers both questions: the baseline is an
        // ancestor exactly when it is the merge-base.
        (Some(h), Some(Some(b))) => match repo.merge_base(h, b) {
            Ok(m) if m == b => Relation::Ahead,
            Ok(m) => Relation::Rewritten {
                merge_base: Some(short_id(m)),
            },
            Err(_) => Relation::Rewritten { merge_base: None },
        },
    };
    let base_oid = base_oid.flatten();

    let (shown, cap) = match depth {
        Depth::Full => (MAX_COMMITS_SHOWN, FULL_WALK_CAP),
        Depth::Short => (SHORT_COMMITS_SHOWN, SHORT_WALK_CAP),
    };
    let mut walked = Walked::default();
    if let Some(h) = head_oid
        && matches!(
            relation,
            Relation::NoBase | Relation::Ahead | Relation::Rewritten { .. }
        )
    {
        walked = walk(repo, h, base_oid, shown, cap)?;
    }

    let files = match depth {
        Depth::Short => None,
        Depth::Full => Some(match (base_oid, head_oid) {
            (Some(b), Some(h)) if b != h => name_status(repo, Some(b), h)?,
            (None, Some(h)) if relation == Relation::NoBase => name_status(repo, None, h)?,
            _ => Vec::new(),
        }),
    };

    let (now, scan_skipped) = match scan {
        None => (WorkStatus::default(), true),
        Some(rx) if depth == Depth::Full => match rx.recv() {
            Ok(ws) => (ws, false),
            // The scan thread could not open the repository.
            Err(_) => (crate::git::status(repo), false),
        },
        Some(rx) => {
            let left = budget.saturating_sub(started.elapsed());
            match rx.recv_timeout(left) {
                Ok(ws) => (ws, false),
                Err(_) => (WorkStatus::default(), true),
            }
        }
    };
    let (conflicts, missing) = conflicts(project, &base, files.as_deref(), &now);
    let key_files = key_file_changes(project, key_files, files.as_deref(), &now);
    Ok(Report {
        operation: crate::git::operation_of(repo),
        relation,
        commits: walked.lines,
        commit_count: walked.count,
        count_capped: walked.capped,
        session_commits: walked.session,
        files,
        upstream: upstream(repo),
        conflicts,
        missing,
        now,
        scan_skipped,
        key_files,
        head,
        base,
    })
}

/// Paths touched by the diff (both ends of a rename).
fn touched(files: &[FileChange]) -> BTreeSet<&str> {
    let mut s = BTreeSet::new();
    for f in files {
        s.insert(f.path.as_str());
        if let Some(o) = &f.from {
            s.insert(o.as_str());
        }
    }
    s
}

fn exists(project: &Path, rel: &str) -> bool {
    std::fs::symlink_metadata(project.join(rel.trim_end_matches('/'))).is_ok()
}

/// Files dirty at the pause that changed since (potential conflicts), and
/// files listed at the pause that are gone. Uncommitted work is judged by
/// content: a file counts as edited since the pause when its blob id now
/// differs from the one the snapshot recorded (a file rewritten with the
/// same content, by a stash and pop say, is not news). Everything
/// committed is judged by the diff.
fn conflicts(
    project: &Path,
    base: &Baseline,
    files: Option<&[FileChange]>,
    now: &WorkStatus,
) -> (Vec<Conflict>, Vec<String>) {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let committed = files.map(touched).unwrap_or_default();
    let dirty_now: BTreeSet<String> = now.all().into_iter().collect();
    for p in base.dirty.all() {
        if base.elsewhere.is_some() {
            // Uncommitted work of another checkout never reached this one;
            // only its commits can meet it here.
            if committed.contains(p.as_str()) {
                out.push(Conflict {
                    path: p,
                    why: Why::Committed,
                });
            }
            continue;
        }
        if !exists(project, &p) {
            missing.push(p);
            continue;
        }
        let why = if committed.contains(p.as_str()) {
            Some(Why::Committed)
        } else if dirty_now.contains(&p) {
            // Without a recorded id (an older snapshot, a folder) there is
            // nothing to compare, so nothing is claimed.
            match base.blobs.get(&p) {
                Some(then) if snapshot::blob_of(project, &p).as_ref() != Some(then) => {
                    Some(Why::Edited)
                }
                _ => None,
            }
        } else if files.is_some() && now.unknown.is_none() {
            // Not dirty now and not in any commit since: the changes were
            // reverted, stashed, or reset away.
            Some(Why::Gone)
        } else {
            None
        };
        if let Some(why) = why {
            out.push(Conflict { path: p, why });
        }
    }
    (out, missing)
}

fn key_file_changes(
    project: &Path,
    key_files: &[String],
    files: Option<&[FileChange]>,
    now: &WorkStatus,
) -> Vec<(String, &'static str)> {
    let committed: Vec<&str> = files.map(touched).unwrap_or_default().into_iter().collect();
    let dirty_now = now.all();
    let dirty_now: Vec<&str> = dirty_now.iter().map(String::as_str).collect();
    // A key file may name a folder (anything under it counts), and an
    // untracked folder is listed as `dir/` (anything under it is new).
    let hits = |k: &str, set: &[&str]| {
        let dir = format!("{}/", k.trim_end_matches('/'));
        set.iter()
            .any(|p| *p == k || p.starts_with(&dir) || (p.ends_with('/') && k.starts_with(p)))
    };
    let mut out = Vec::new();
    for k in key_files {
        let k = k.trim_start_matches("./");
        if k.is_empty() {
            continue;
        }
        let how = if hits(k, &committed) {
            "changed in commits since"
        } else if hits(k, &dirty_now) {
            "uncommitted changes"
        } else if !exists(project, k) {
            "missing"
        } else {
            continue;
        };
        out.push((k.to_string(), how));
    }
    out
}

/// The Key Files named in a session document.
pub fn key_files_of(doc: &Document) -> Vec<String> {
    crate::doc::sections::key_files(doc.get(Sec::Context).unwrap_or(""))
}

/// The short report for a session, as SessionStart shows it.
pub fn short_report(store: &Store, doc: &Document, now: DateTime<Utc>) -> Option<String> {
    let picked = pick(store, doc);
    let o = compute(
        &store.project,
        picked.baseline.clone(),
        &key_files_of(doc),
        Depth::Short,
    );
    render_short(&o, &picked.baseline, now)
}
