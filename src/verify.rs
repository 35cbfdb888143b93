//! Checkpoint verification: does the git state recorded at the last
//! checkpoint (branch, last commit, uncommitted files) still match the
//! repository? Either "Checkpoint verified: git state matches", or one
//! line per difference.
//!
//! `compare` is pure; `verify_checkpoint` gathers the two sides.

use std::path::Path;

use git2::Repository;
use serde::Serialize;

use crate::doc::Document;
use crate::journal;
use crate::store::Store;

/// Journal field names that record a checkpoint's git state.
pub const F_BRANCH: &str = "branch";
pub const F_COMMIT: &str = "commit";
pub const F_UNCOMMITTED: &str = "uncommitted";

/// Most paths recorded in one entry; a checkpoint in a tree with more
/// uncommitted files than this records that it was cut short.
const MAX_RECORDED: usize = 1000;
/// Most file lines in a rendered verification, per kind of difference.
const MAX_FILE_LINES: usize = 20;

/// The git state as recorded at a checkpoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recorded {
    pub branch: Option<String>,
    /// Short or full hash.
    pub commit: Option<String>,
    /// `None` when the list was not recorded for this checkpoint.
    pub uncommitted: Option<Vec<String>>,
}

/// The git state now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GitNow {
    pub branch: Option<String>,
    /// Full hash of HEAD.
    pub commit: Option<String>,
    pub uncommitted: Vec<String>,
    /// The uncommitted files could not be read now, and why.
    pub unknown: Option<String>,
}

/// How the recorded commit relates to HEAD.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "count", rename_all = "snake_case")]
pub enum Relation {
    Same,
    /// HEAD is this many commits after the recorded one.
    Ahead(usize),
    /// HEAD is this many commits before it (a reset, or a checkout).
    Behind(usize),
    /// Neither is an ancestor of the other (history rewritten or another
    /// line of work).
    Diverged,
    /// The recorded commit is not in this repository.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Difference {
    Branch {
        recorded: Option<String>,
        now: Option<String>,
    },
    Commit {
        recorded: Option<String>,
        now: Option<String>,
        relation: Relation,
    },
    /// Uncommitted at the checkpoint, not now (committed or reverted).
    NoLongerUncommitted { path: String },
    /// Uncommitted now, not at the checkpoint.
    NewlyUncommitted { path: String },
    /// The uncommitted files cannot be read now, so they were not compared.
    FilesUnknown { why: String },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Verification {
    NotGit,
    NotRecorded,
    Checked {
        differences: Vec<Difference>,
        /// False when the checkpoint did not record its uncommitted files.
        files_checked: bool,
    },
}

#[cfg(test)]
impl Verification {
    pub fn matches(&self) -> bool {
        matches!(self, Verification::Checked { differences, .. } if differences.is_empty())
    }
}

fn short(c: &str) -> &str {
    &c[..c.len().min(7)]
}

fn same_commit(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    n >= 4 && a[..n].eq_ignore_ascii_case(&b[..n])
}

/// Compare a recorded checkpoint with the state now. `relation` says how
/// the recorded commit relates to HEAD (see `relation`).
pub fn compare(rec: &Recorded, now: &GitNow, relation: Relation) -> Verification {
    if rec.branch.is_none() && rec.commit.is_none() {
        return Verification::NotRecorded;
    }
    let mut differences = Vec::new();
    if rec.branch != now.branch {
        differences.push(Difference::Branch {
            recorded: rec.branch.clone(),
            now: now.branch.clone(),
        });
    }
    let commit_same = match (&rec.commit, &now.commit) {
        (Some(a), Some(b)) => same_commit(a, b),
        (None, None) => true,
        _ => false,
    };
    if !commit_same && relation != Relation::Same {
        differences.push(Difference::Commit {
            recorded: rec.commit.clone(),
            now: now.commit.as_deref().map(|c| short(c).to_string()),
            relation,
        });
    }
    match (&rec.uncommitted, &now.unknown) {
        (Some(_), Some(why)) => differences.push(Difference::FilesUnknown { why: why.clone() }),
        (Some(files), None) => {
            let then = as_files(files, &now.uncommitted);
            let now = as_files(&now.uncommitted, files);
            for f in then.difference(&now) {
                differences.push(Difference::NoLongerUncommitted { path: f.clone() });
            }
            for f in now.difference(&then) {
                differences.push(Difference::NewlyUncommitted { path: f.clone() });
            }
        }
        (None, _) => {}
    }
    Verification::Checked {
        differences,
        files_checked: rec.uncommitted.is_some(),
    }
}

/// The paths of `list` as the other side names them: a file inside an
/// untracked folder that the other side lists as `dir/` (not descending
/// into it) counts as that folder, so a folder and its own files never
/// differ.
fn as_files(list: &[String], other: &[String]) -> std::collections::BTreeSet<String> {
    let folders: Vec<&String> = other.iter().filter(|o| o.ends_with('/')).collect();
    list.iter()
        .map(|p| {
            folders
                .iter()
                .find(|f| p.starts_with(f.as_str()))
                .map_or_else(|| p.clone(), |f| (*f).clone())
        })
        .collect()
}

/// How `recorded` relates to HEAD in `repo`.
pub fn relation(repo: &Repository, recorded: Option<&str>) -> Relation {
    let Some(rec) = recorded else {
        return Relation::Missing;
    };
    let Some(rec) = repo
        .revparse_single(rec)
        .ok()
        .and_then(|o| o.peel_to_commit().ok())
        .map(|c| c.id())
    else {
        return Relation::Missing;
    };
    let Some(head) = repo.head().ok().and_then(|h| h.target()) else {
        return Relation::Missing;
    };
    if rec == head {
        return Relation::Same;
    }
    match repo.graph_ahead_behind(head, rec) {
        // Commits that only record session files (pauses) are bookkeeping,
        // not a change of the checkpoint.
        Ok((ahead, 0)) if only_session_commits(repo, head, rec, ahead) => Relation::Same,
        Ok((ahead, 0)) => Relation::Ahead(ahead),
        Ok((0, behind)) => Relation::Behind(behind),
        _ => Relation::Diverged,
    }
}

/// Whether the `n` commits in `base..head` all only touch session files.
fn only_session_commits(repo: &Repository, head: git2::Oid, base: git2::Oid, n: usize) -> bool {
    if n > 50 {
        return false;
    }
    let Ok(mut walk) = repo.revwalk() else {
        return false;
    };
    if walk.push(head).is_err() || walk.hide(base).is_err() {
        return false;
    }
    walk.flatten().all(|oid| {
        repo.find_commit(oid)
            .is_ok_and(|c| crate::changes::is_session_commit(&c))
    })
}

/// The git state now, with the same exclusions as a recorded checkpoint.
pub fn git_now(repo: &Repository) -> GitNow {
    let h = crate::git::head(repo);
    let ws = crate::git::status(repo);
    GitNow {
        branch: h.branch,
        commit: h.commit,
        uncommitted: ws.all(),
        unknown: ws.unknown,
    }
}

/// Journal fields that record the git state now, for a checkpoint entry.
pub fn record_fields(repo: &Repository) -> Vec<(&'static str, String)> {
    let now = git_now(repo);
    let mut out = Vec::new();
    if let Some(b) = now.branch {
        out.push((F_BRANCH, b));
    }
    if let Some(c) = now.commit {
        out.push((F_COMMIT, short(&c).to_string()));
    }
    if now.unknown.is_some() {
        // Nothing known to record: a later verification says so.
        return out;
    }
    let mut files = now.uncommitted;
    if files.len() > MAX_RECORDED {
        out.push(("uncommitted_total", files.len().to_string()));
        files.truncate(MAX_RECORDED);
    }
    out.push((
        F_UNCOMMITTED,
        serde_json::to_string(&files).expect("strings always serialise"),
    ));
    out
}

/// The entry kinds that may carry a recorded file list.
const RECORDING_KINDS: &[&str] = &["checkpoint", "init", "import", "pause"];

/// The kind in an entry file name `<stamp>-<kind>-<suffix>.md`.
fn kind_of(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".md")?;
    let (_, rest) = stem.split_once('-')?;
    let (kind, _) = rest.rsplit_once('-')?;
    Some(kind)
}

/// The recorded checkpoint of a session: branch and commit from the
/// frontmatter, and the uncommitted files from the newest journal entry
/// that recorded them — only when that entry was made at the same commit
/// (otherwise the list belongs to an older checkpoint).
pub fn recorded(store: &Store, doc: &Document) -> Recorded {
    let f = doc.front();
    let mut rec = Recorded {
        branch: f.git_branch.clone(),
        commit: f.git_last_commit.clone(),
        uncommitted: None,
    };
    if let Some(e) = newest_recording(store, doc.id()) {
        let same = match (&rec.commit, e.field(F_COMMIT)) {
            (Some(a), Some(b)) => same_commit(a, b),
            (None, None) => true,
            _ => false,
        };
        if same
            && e.field("uncommitted_total").is_none()
            && let Some(list) = e
                .field(F_UNCOMMITTED)
                .and_then(|v| serde_json::from_str::<Vec<String>>(v).ok())
        {
            rec.uncommitted = Some(list);
        }
    }
    rec
}

fn newest_recording(store: &Store, id: &str) -> Option<journal::Entry> {
    let dir = store.journal_dir(id).join("entries");
    let mut names: Vec<String> = crate::fsutil::entries(&dir)
        .into_iter()
        .filter(|(_, file)| *file)
        .filter_map(|(n, _)| n.into_string().ok())
        .filter(|n| kind_of(n).is_some_and(|k| RECORDING_KINDS.contains(&k)))
        .collect();
    names.sort();
    for n in names.iter().rev() {
        let p = dir.join(n);
        if let Ok(t) = crate::fsutil::read_capped(&p, crate::fsutil::MAX_SMALL)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            && let Some(e) = journal::parse_entry_text(&t, &p)
            && e.field(F_UNCOMMITTED).is_some()
        {
            return Some(e);
        }
    }
    // Older checkpoints may have been rolled up.
    let rolled = store.journal_dir(id).join("rollup.md");
    let t = crate::fsutil::read_text(&rolled).ok()?;
    t.split("\n<!-- entry -->\n")
        .filter_map(|c| journal::parse_entry_text(c, &rolled))
        .filter(|e| e.field(F_UNCOMMITTED).is_some())
        .max_by(|a, b| a.at.cmp(&b.at))
}

/// Verify a session's recorded checkpoint against the repository at
/// `project`. Reads git and the journal; writes nothing.
pub fn verify_checkpoint(project: &Path, doc: &Document) -> Verification {
    let Ok(repo) = Repository::open(project) else {
        return Verification::NotGit;
    };
    let store = Store::at(project);
    let rec = recorded(&store, doc);
    let now = git_now(&repo);
    let rel = relation(&repo, rec.commit.as_deref());
    compare(&rec, &now, rel)
}

fn or_none(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("(none)")
}

/// Render for people and for the model: one summary line, then one line
/// per difference.
pub fn render(v: &Verification) -> String {
    match v {
        Verification::NotGit => {
            "Checkpoint not verified: the project is not a git repository".into()
        }
        Verification::NotRecorded => {
            "Checkpoint not verified: no git checkpoint recorded yet (run `session-hook checkpoint`)"
                .into()
        }
        Verification::Checked {
            differences,
            files_checked,
        } if differences.is_empty() => {
            if *files_checked {
                "Checkpoint verified: git state matches".into()
            } else {
                "Checkpoint verified: git state matches (branch and last commit; the uncommitted files were not recorded at this checkpoint)".into()
            }
        }
        Verification::Checked { differences, .. } => {
            let mut out = String::from("Checkpoint differs from the git state now:");
            let (mut gone, mut new) = (0usize, 0usize);
            for d in differences {
                let line = match d {
                    Difference::Branch { recorded, now } => format!(
                        "branch: {} at the checkpoint, {} now",
                        or_none(recorded),
                        or_none(now)
                    ),
                    Difference::Commit {
                        recorded,
                        now,
                        relation,
                    } => {
                        let how = match relation {
                            Relation::Same => String::new(),
                            Relation::Ahead(n) => format!(
                                " ({n} commit{} since the checkpoint)",
                                if *n == 1 { "" } else { "s" }
                            ),
                            Relation::Behind(n) => format!(
                                " (HEAD is {n} commit{} behind the checkpoint)",
                                if *n == 1 { "" } else { "s" }
                            ),
                            Relation::Diverged => {
                                " (history diverged: neither commit contains the other)".into()
                            }
                            Relation::Missing => {
                                " (the checkpoint commit is not in this repository)".into()
                            }
                        };
                        format!(
                            "last commit: {} at the checkpoint, {} now{how}",
                            or_none(recorded),
                            or_none(now)
                        )
                    }
                    Difference::NoLongerUncommitted { path } => {
                        gone += 1;
                        if gone > MAX_FILE_LINES {
                            continue;
                        }
                        format!("{path}: uncommitted at the checkpoint, not now")
                    }
                    Difference::NewlyUncommitted { path } => {
                        new += 1;
                        if new > MAX_FILE_LINES {
                            continue;
                        }
                        format!("{path}: uncommitted now, not at the checkpoint")
                    }
                    Difference::FilesUnknown { why } => {
                        format!("uncommitted files: unknown now ({why})")
                    }
                };
                out.push_str("\n- ");
                out.push_str(&line);
            }
            for (n, what) in [
                (gone, "files no longer uncommitted"),
                (new, "newly uncommitted files"),
            ] {
                if n > MAX_FILE_LINES {
                    out.push_str(&format!("\n- … and {} more {what}", n - MAX_FILE_LINES));
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(files: Option<&[&str]>) -> Recorded {
        Recorded {
            branch: Some("main".into()),
            commit: Some("abc1234".into()),
            uncommitted: files.map(|f| f.iter().map(|s| s.to_string()).collect()),
        }
    }

    fn now(branch: &str, commit: &str, files: &[&str]) -> GitNow {
        GitNow {
            branch: Some(branch.into()),
            commit: Some(commit.into()),
            uncommitted: files.iter().map(|s| s.to_string()).collect(),
            unknown: None,
        }
    }

    #[test]
    fn matching_state_is_verified() {
        let v = compare(
            &rec(Some(&["a.rs"])),
            &now("main", "abc1234def", &["a.rs"]),
            Relation::Same,
        );
        assert_eq!(render(&v), "Checkpoint verified: git state matches");
        let v = compare(
            &rec(None),
            &now("main", "abc1234def", &["x"]),
            Relation::Same,
        );
        assert!(v.matches());
        assert!(render(&v).contains("not recorded"));
    }

    #[test]
    fn each_difference_is_one_line() {
        let v = compare(
            &rec(Some(&["a.rs", "b.rs"])),
            &now("feature", "def5678aaa", &["b.rs", "c.rs"]),
            Relation::Ahead(2),
        );
        assert_eq!(
            render(&v),
            "Checkpoint differs from the git state now:\n- branch: main at the checkpoint, feature now\n- last commit: abc1234 at the checkpoint, def5678 now (2 commits since the checkpoint)\n- a.rs: uncommitted at the checkpoint, not now\n- c.rs: uncommitted now, not at the checkpoint"
        );
    }

    #[test]
    fn an_untracked_folder_and_its_files_are_the_same_change() {
        // Recorded file by file, listed as a folder now (and the reverse).
        let v = compare(
            &rec(Some(&["notes/one.md", "notes/two.md", "a.rs"])),
            &now("main", "abc1234def", &["a.rs", "notes/"]),
            Relation::Same,
        );
        assert_eq!(render(&v), "Checkpoint verified: git state matches");
        let v = compare(
            &rec(Some(&["notes/"])),
            &now("main", "abc1234def", &["notes/one.md", "other/x"]),
            Relation::Same,
        );
        assert_eq!(
            render(&v),
            "Checkpoint differs from the git state now:\n- other/x: uncommitted now, not at the checkpoint"
        );
    }

    #[test]
    fn unknown_files_are_never_verified() {
        let mut n = now("main", "abc1234def", &[]);
        n.unknown = Some("the git index cannot be read: split index".into());
        let v = compare(&rec(Some(&["a.rs"])), &n, Relation::Same);
        assert!(!v.matches());
        assert!(render(&v).contains(
            "uncommitted files: unknown now (the git index cannot be read: split index)"
        ));
    }

    #[test]
    fn nothing_recorded() {
        let v = compare(&Recorded::default(), &GitNow::default(), Relation::Missing);
        assert_eq!(v, Verification::NotRecorded);
    }

    #[test]
    fn entry_kinds_from_names() {
        assert_eq!(
            kind_of("20260115T100000.000000Z-checkpoint-ab12cd34.md"),
            Some("checkpoint")
        );
        assert_eq!(
            kind_of("20260115T100000.000000Z-session-end-ab12cd34.md"),
            Some("session-end")
        );
    }
}
