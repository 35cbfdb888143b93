//! Finding sessions: the listing (frontmatter only), the default pick,
//! and names.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::Store;
use crate::doc::{Frontmatter, Status};
use crate::error::{DocError, UserError};
use crate::fsutil;

/// What the listing knows about a session without reading its body.
#[derive(Debug, Clone)]
pub struct Meta {
    pub path: PathBuf,
    pub front: Frontmatter,
    pub archived: bool,
}

impl Meta {
    pub fn id(&self) -> &str {
        self.front.id.as_deref().unwrap_or_default()
    }
    pub fn shortname(&self) -> &str {
        self.front.shortname.as_deref().unwrap_or_default()
    }
    pub fn updated(&self) -> &str {
        self.front
            .updated_at
            .as_deref()
            .or(self.front.created_at.as_deref())
            .unwrap_or("")
    }
}

/// A listing entry: a session, or a file we could not read.
#[derive(Debug)]
pub enum Listed {
    Ok(Box<Meta>),
    Bad(PathBuf, String),
}

impl Store {
    /// All session files, read only as far as their frontmatter.
    pub fn list(&self, include_archive: bool) -> Vec<Listed> {
        let mut out = Vec::new();
        let mut dirs = vec![(self.active_dir(), false)];
        if include_archive {
            dirs.push((self.archive_dir(), true));
        }
        for (d, archived) in dirs {
            let mut names = fsutil::entries(&d);
            names.sort();
            for (name, file) in names {
                if Path::new(&name).extension().is_none_or(|x| x != "md") {
                    continue;
                }
                let p = d.join(&name);
                if !file {
                    // A link (or a FIFO, a folder) where a session should
                    // be: named, never followed.
                    let msg = format!(
                        "{} is not a regular file (a symlink, a folder or a device); refusing to use it",
                        fsutil::shown(&p)
                    );
                    out.push(Listed::Bad(p, msg));
                    continue;
                }
                match read_front(&p) {
                    Ok(front) => out.push(Listed::Ok(Box::new(Meta {
                        path: p,
                        front,
                        archived,
                    }))),
                    Err(e) => out.push(Listed::Bad(p, e.to_string())),
                }
            }
        }
        out
    }

    pub fn metas(&self, include_archive: bool) -> Vec<Meta> {
        self.list_split(include_archive).0
    }

    /// [`Store::list`], split into the readable sessions and the active
    /// files that cannot be read (path and error, with its line).
    pub fn list_split(&self, include_archive: bool) -> (Vec<Meta>, Vec<(PathBuf, String)>) {
        let active = self.active_dir();
        let mut ok = Vec::new();
        let mut bad = Vec::new();
        for l in self.list(include_archive) {
            match l {
                Listed::Ok(m) => ok.push(*m),
                Listed::Bad(p, e) if p.parent() == Some(active.as_path()) => bad.push((p, e)),
                Listed::Bad(..) => {}
            }
        }
        (ok, bad)
    }

    /// When no name is given, an active file we cannot read may well be
    /// the session meant: it is newer (by mtime) than `chosen`, or nothing
    /// readable was found at all. Acting on another session then would
    /// write to the wrong one, so this returns the newest such file for
    /// the caller to refuse with (see [`unreadable_error`]).
    fn shadowing_unreadable<'a>(
        bad: &'a [(PathBuf, String)],
        chosen: Option<&Meta>,
    ) -> Option<&'a (PathBuf, String)> {
        // The usual case costs nothing more: no stat without a bad file.
        if bad.is_empty() {
            return None;
        }
        let floor = chosen.map(|m| mtime(&m.path));
        bad.iter()
            .map(|b| (mtime(&b.0), b))
            .filter(|(t, _)| match &floor {
                None => true,
                // An unknown mtime sorts first: when the chosen file's
                // cannot be read (it just went away), any unreadable file
                // counts as newer, and the command refuses.
                Some(f) => t > f,
            })
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, b)| b)
    }

    /// `chosen`, the session a command would take by default, unless an
    /// unreadable active file may be the one meant (see
    /// [`Store::shadowing_unreadable`]): then the refusal that names it.
    pub fn unshadowed<'a>(
        bad: &[(PathBuf, String)],
        chosen: Option<&'a Meta>,
    ) -> Result<Option<&'a Meta>> {
        match Self::shadowing_unreadable(bad, chosen) {
            Some(b) => Err(unreadable_error(b, chosen.is_some())),
            None => Ok(chosen),
        }
    }

    /// Find a session by id, id prefix, shortname or file stem. With no
    /// name: the session bound to `claude` (if any), else the most recently
    /// updated active one.
    pub fn resolve(&self, name: Option<&str>, claude: Option<&str>) -> Result<Meta> {
        let (all, bad) = self.list_split(true);
        match name {
            Some(n) => {
                crate::names::validate("session name", n)?;
                find_by_name(&all, n).map_err(|e| self.explain_unreadable(n).unwrap_or(e))
            }
            None => {
                if let Some(c) = claude
                    && let Some(id) = self.bound(c)
                    && let Some(m) = all.iter().find(|m| m.id() == id && !m.archived)
                    && crate::provenance::is_own(self, id.as_str())
                {
                    return Ok(m.clone());
                }
                // Without a name, only this machine's own sessions are
                // candidates: one from elsewhere is taken up by name.
                let own = crate::provenance::Own::load(self);
                let mine: Vec<Meta> = own.filter(&all).into_iter().cloned().collect();
                Self::unshadowed(&bad, latest(&mine, |s| *s == Status::Active))?
                    .cloned()
                    .ok_or_else(|| {
                    let paused = mine.iter().any(|m| m.front.status == Status::Paused);
                    if let Some(f) = latest(&all, |s| *s == Status::Active) {
                        return anyhow::Error::new(
                            UserError::new("no active session of this machine").hint(format!(
                                "{}; or name it with --session",
                                crate::provenance::foreign_pointer(f, "session-hook resume")
                            )),
                        );
                    }
                    let hint = if paused {
                        "only paused sessions exist: `session-hook resume --list`, or name one with --session"
                    } else {
                        "start one with `session-hook init --goal \"...\"`"
                    };
                    anyhow::Error::new(UserError::new("no active session").hint(hint))
                })
            }
        }
    }

    /// When a name matches no readable session, a file of that name that
    /// cannot be read is the real answer: say what is wrong with it.
    fn explain_unreadable(&self, n: &str) -> Option<anyhow::Error> {
        self.list(true).into_iter().find_map(|l| match l {
            Listed::Bad(p, e) => {
                let stem = p.file_stem()?.to_string_lossy().into_owned();
                (stem == n || stem.starts_with(&format!("{n}-"))).then(|| {
                    anyhow::Error::new(
                        UserError::new(format!("session {n:?} cannot be read: {e}")).hint(
                            "fix the file by hand (it was not changed), then run the command again",
                        ),
                    )
                })
            }
            Listed::Ok(_) => None,
        })
    }
}

/// The refusal for [`Store::unshadowed`]: the file, its error
/// and line, and what to do.
fn unreadable_error(bad: &(PathBuf, String), other_exists: bool) -> anyhow::Error {
    let msg = if other_exists {
        format!(
            "the most recently changed active session file cannot be read: {}",
            bad.1
        )
    } else {
        format!("no readable active session: {}", bad.1)
    };
    anyhow::Error::new(UserError::new(msg).hint(
        "fix that file by hand (it was not changed), or pass --session NAME to pick another session",
    ))
}

/// A file's modification time; `None` (sorting first) when it cannot be read.
fn mtime(p: &Path) -> Option<std::time::SystemTime> {
    fs::symlink_metadata(p).and_then(|m| m.modified()).ok()
}

/// Pick the most recently updated session whose status passes `want`.
pub fn latest(all: &[Meta], want: impl Fn(&Status) -> bool) -> Option<&Meta> {
    all.iter()
        .filter(|m| !m.archived && want(&m.front.status))
        .max_by(|a, b| {
            // A date in the future counts for no more than the file's own
            // modification time.
            let (ta, tb) = (
                crate::provenance::updated_clamped(a),
                crate::provenance::updated_clamped(b),
            );
            ta.cmp(&tb).then_with(|| {
                // `updated_at` has whole seconds: within one, the file
                // written last is the session worked on last. Only a tie
                // pays for the stat.
                mtime(&a.path)
                    .cmp(&mtime(&b.path))
                    .then_with(|| a.id().cmp(b.id()))
            })
        })
}

fn find_by_name(all: &[Meta], n: &str) -> Result<Meta> {
    let exact: Vec<&Meta> = all
        .iter()
        .filter(|m| m.id() == n || m.shortname() == n || m.path.file_stem().is_some_and(|s| s == n))
        .collect();
    // Prefer an open session when an archived one shares the shortname.
    if let Some(m) = exact.iter().find(|m| !m.archived).or(exact.first()) {
        return Ok((*m).clone());
    }
    let pre: Vec<&Meta> = all
        .iter()
        .filter(|m| n.len() >= 4 && m.id().starts_with(n))
        .collect();
    match pre.len() {
        1 => Ok(pre[0].clone()),
        0 => Err(UserError::new(format!("no session named {n:?}"))
            .hint("list sessions with `session-hook list --all`")
            .into()),
        k => Err(UserError::new(format!("{n:?} matches {k} sessions"))
            .hint("use more of the id, or the shortname")
            .into()),
    }
}

/// The frontmatter of a session file, reading only the head when it holds
/// the closing fence.
pub fn read_front(path: &Path) -> Result<Frontmatter, DocError> {
    let err = |line, msg: String| DocError::Parse {
        path: path.to_path_buf(),
        line,
        msg,
    };
    // The frontmatter is a few hundred bytes: look at 4 KiB first, and
    // only read further for an unusually long one.
    let mut head = fsutil::read_head(path, 4096).map_err(|e| err(1, e.to_string()))?;
    let fence_in = |h: &[u8]| h.windows(5).any(|w| w == b"\n---\n" || w == b"\n...\n");
    for more in [16 * 1024, 64 * 1024] {
        if head.len() < more / 4 || fence_in(&head) {
            break;
        }
        head = fsutil::read_head(path, more).map_err(|e| err(1, e.to_string()))?;
    }
    let text = match std::str::from_utf8(&head) {
        Ok(s) => s.to_string(),
        // The head may end inside a multi-byte character.
        Err(e) if e.error_len().is_none() => {
            String::from_utf8_lossy(&head[..e.valid_up_to()]).into_owned()
        }
        Err(_) => return Err(err(1, "not UTF-8".into())),
    };
    let closed = text
        .lines()
        .skip(1)
        .any(|l| l.trim_end() == "---" || l.trim_end() == "...");
    let text = if closed || head.len() < 64 * 1024 {
        text
    } else {
        fsutil::read_text(path).map_err(|e| err(1, e.to_string()))?
    };
    let doc_front = front_only(path, &text)?;
    Ok(doc_front)
}

/// Parse only the frontmatter of `text` (the body is not scanned).
fn front_only(path: &Path, text: &str) -> Result<Frontmatter, DocError> {
    let end = text
        .split_inclusive('\n')
        .scan(0usize, |pos, l| {
            let start = *pos;
            *pos += l.len();
            Some((start, l))
        })
        .skip(1)
        .find(|(_, l)| l.trim_end() == "---" || l.trim_end() == "...")
        .map(|(s, l)| s + l.len());
    let cut = match end {
        Some(e) => &text[..e],
        None => text,
    };
    // The same rules and messages as a full parse, without the body.
    crate::doc::parse_front(path, cut).map(|(_, _, f)| f)
}
