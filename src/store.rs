//! The `.sessions/` store: where it is, its layout, its one lock, and the
//! session files in it.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::doc::{Document, Frontmatter, Status};
use crate::error::{DocError, UserError};
use crate::fsutil;

pub const STORE_DIR: &str = ".sessions";

/// How long an interactive command waits for the lock before giving up.
pub const COMMAND_LOCK_WAIT: Duration = Duration::from_secs(10);
/// How long a hook waits: Claude Code is waiting on us.
pub const HOOK_LOCK_WAIT: Duration = Duration::from_millis(50);

#[derive(Debug, Clone)]
pub struct Store {
    /// The project root.
    pub project: PathBuf,
    /// `<project>/.sessions`.
    pub dir: PathBuf,
}

/// The project root for a command: `--dir`, else `$CLAUDE_PROJECT_DIR`, else
/// the git top-level of `cwd`, else `cwd` itself.
pub fn project_root(dir_flag: Option<&Path>, cwd: &Path) -> PathBuf {
    if let Some(d) = dir_flag {
        return absolute(d, cwd);
    }
    if let Some(p) = std::env::var_os("CLAUDE_PROJECT_DIR").filter(|p| !p.is_empty()) {
        return absolute(Path::new(&p), cwd);
    }
    git_toplevel(cwd).unwrap_or_else(|| cwd.to_path_buf())
}

fn absolute(p: &Path, cwd: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    }
}

/// The nearest ancestor holding `.git` (a folder, or a file for worktrees).
/// A plain walk: no repository is opened, so this costs a few stat calls.
pub fn git_toplevel(start: &Path) -> Option<PathBuf> {
    let mut cur = Some(start);
    while let Some(d) = cur {
        if d.join(".git").exists() {
            return Some(d.to_path_buf());
        }
        cur = d.parent();
    }
    None
}

/// A held store lock; released on drop (and by the kernel if we die).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("the store is locked by another session-hook process (waited {0:?})")]
    Busy(Duration),
    #[error("cannot open the lock file {0}: {1}")]
    Io(PathBuf, io::Error),
}

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
    pub fn at(project: &Path) -> Store {
        Store {
            project: project.to_path_buf(),
            dir: project.join(STORE_DIR),
        }
    }

    pub fn exists(&self) -> bool {
        self.dir.is_dir()
    }

    pub fn active_dir(&self) -> PathBuf {
        self.dir.join("active")
    }
    pub fn archive_dir(&self) -> PathBuf {
        self.dir.join("archive")
    }
    pub fn local_dir(&self) -> PathBuf {
        self.dir.join(".local")
    }
    pub fn journal_dir(&self, id: &str) -> PathBuf {
        self.dir.join("journal").join(id)
    }
    pub fn resume_logs_dir(&self) -> PathBuf {
        self.dir.join("resume-logs")
    }
    /// Previous versions of large documents, kept for reuse by the next
    /// write (see `fsutil::atomic_write_recycling`).
    pub fn spare_dir(&self) -> PathBuf {
        self.local_dir().join("spare")
    }
    pub fn hook_log(&self) -> PathBuf {
        self.local_dir().join("hook.log")
    }

    /// Create the layout (idempotent): folders 0700, `.gitignore` for
    /// `.local/`.
    pub fn create_layout(&self) -> Result<()> {
        for d in [
            self.dir.clone(),
            self.active_dir(),
            self.archive_dir(),
            self.dir.join("journal"),
            self.local_dir(),
        ] {
            fsutil::ensure_private_dir(&d)
                .with_context(|| format!("cannot create {}", d.display()))?;
        }
        let gi = self.dir.join(".gitignore");
        if !gi.exists() {
            fsutil::atomic_write(
                &gi,
                b"# Machine-local state: bindings, warnings, caches, hook log, lock.\n.local/\n",
            )
            .with_context(|| format!("cannot write {}", gi.display()))?;
        }
        Ok(())
    }

    /// The store must exist for every command except `init` (and import).
    pub fn require(&self) -> Result<()> {
        if !self.exists() {
            return Err(
                UserError::new(format!("no session store at {}", self.dir.display()))
                    .hint("start one with `session-hook init --goal \"...\"`, or pass --dir")
                    .into(),
            );
        }
        Ok(())
    }

    /// Take the store lock, waiting at most `wait`. Creates `.local/` inside
    /// an existing store if needed (never the store itself).
    pub fn lock(&self, wait: Duration) -> Result<Lock, LockError> {
        let local = self.local_dir();
        let path = local.join("lock");
        if !local.is_dir() {
            fsutil::ensure_private_dir(&local).map_err(|e| LockError::Io(path.clone(), e))?;
        }
        let open = || {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .mode(0o600)
                .open(&path)
        };
        let file = match open() {
            // A lock file made under a restrictive umask by an older
            // version is read-only to its owner: give it its mode back.
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied && path.is_file() => {
                fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
                    .and_then(|()| open())
                    .map_err(|_| LockError::Io(path.clone(), e))?
            }
            r => r.map_err(|e| LockError::Io(path.clone(), e))?,
        };
        fsutil::ensure_mode(&file, 0o600).map_err(|e| LockError::Io(path.clone(), e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => {
                    // Every writer holds this lock, so a temp file seen now
                    // belongs to a writer that was killed mid-write.
                    for d in [self.active_dir(), self.archive_dir()] {
                        fsutil::sweep_temp_files(&d, Duration::ZERO);
                    }
                    // Events spooled by hooks that found the store busy are
                    // applied before anything newer.
                    crate::hook::spool::drain(self);
                    return Ok(Lock { _file: file });
                }
                Err(fs::TryLockError::WouldBlock) => {
                    if start.elapsed() >= wait {
                        return Err(LockError::Busy(wait));
                    }
                    std::thread::sleep(Duration::from_millis(2).min(wait));
                }
                Err(fs::TryLockError::Error(e)) => return Err(LockError::Io(path, e)),
            }
        }
    }

    /// Lock for an interactive command, with a helpful error.
    pub fn lock_for_command(&self) -> Result<Lock> {
        self.lock(COMMAND_LOCK_WAIT).map_err(|e| {
            // Only real contention is worth a retry; a lock file we cannot
            // open stays that way until someone fixes it.
            let hint = match &e {
                LockError::Busy(_) => {
                    "another session-hook command is running; try again".to_string()
                }
                LockError::Io(p, _) => format!(
                    "check that {} and its folder belong to you and are writable \
                     (the folder 0700, the file 0600)",
                    p.display()
                ),
            };
            anyhow::Error::new(UserError::new(e.to_string()).hint(hint))
        })
    }

    /// All session files, read only as far as their frontmatter.
    pub fn list(&self, include_archive: bool) -> Vec<Listed> {
        let mut out = Vec::new();
        let mut dirs = vec![(self.active_dir(), false)];
        if include_archive {
            dirs.push((self.archive_dir(), true));
        }
        for (d, archived) in dirs {
            for p in fsutil::files_with_ext(&d, "md") {
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

    /// Create a new session file; `Ok(false)` when the name is taken (the
    /// file there, readable or not, is left alone).
    pub fn create(&self, path: &Path, doc: &Document) -> Result<bool> {
        guard_inside(&self.dir, path)?;
        match fsutil::atomic_create_recycling(path, &doc.contents(), &self.spare_dir()) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
            Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
        }
        if let Ok(meta) = fs::metadata(path)
            && let Some(k) = self.index_path(path, &meta)
        {
            self.write_index(&k, doc);
        }
        Ok(true)
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
                    let foreign = latest(&all, |s| *s == Status::Active);
                    if let Some(f) = foreign {
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

    /// Load a session document. Its section structure comes from the
    /// structure cache when the cache was made for exactly this file
    /// (same size, mtime and inode); otherwise the markdown is parsed and
    /// the cache refreshed. This keeps a megabyte document cheap to load
    /// on every hook.
    pub fn load(&self, path: &Path) -> Result<Document> {
        guard_inside(&self.dir, path)?;
        let (text, meta) = fsutil::read_text_meta(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let key = self.index_path(path, &meta);
        let known = key.as_deref().and_then(read_structure);
        let hit = known.is_some();
        let doc = Document::parse_with(path, text, known)?;
        if !hit && let Some(k) = key {
            self.write_index(&k, &doc);
        }
        Ok(doc)
    }

    pub fn save(&self, path: &Path, doc: &Document) -> Result<()> {
        guard_inside(&self.dir, path)?;
        // A head-first document's tail is copied from the file it was
        // loaded from, which stays open (and unchanged: the spare logic
        // never writes into it) even once it has been swapped out.
        fsutil::atomic_write_recycling(path, &doc.contents(), &self.spare_dir())
            .with_context(|| format!("cannot write {}", path.display()))?;
        if let Ok(meta) = fs::metadata(path)
            && let Some(k) = self.index_path(path, &meta)
        {
            self.write_index(&k, doc);
        }
        Ok(())
    }

    /// Load a document for an edit that touches its first sections (up to
    /// Progress) and reads a few others: when the file is large and the
    /// structure cache matches it, only those first sections are read, and
    /// the rest is left in the file until it is needed or copied by the
    /// kernel on save. Anything unusual takes the full [`Store::load`].
    pub fn load_head_first(&self, path: &Path) -> Result<Document> {
        use std::os::unix::fs::FileExt;
        /// Below this, reading the whole file costs too little to matter.
        const MIN: u64 = 256 * 1024;
        guard_inside(&self.dir, path)?;
        let head_first = || -> Option<Document> {
            let f = File::open(path).ok()?;
            let meta = f.metadata().ok()?;
            if !meta.is_file() || meta.len() < MIN || meta.len() > fsutil::MAX_READ {
                return None;
            }
            let known = read_structure(&self.index_path(path, &meta)?)?;
            let p = known
                .iter()
                .position(|s| s.kind == Some(crate::doc::Sec::Progress))?;
            let split = known.get(p + 1)?.range.start;
            let tail = meta.len().checked_sub(split as u64)?;
            if tail < MIN / 2 {
                return None;
            }
            let mut head = vec![0; split];
            f.read_exact_at(&mut head, 0).ok()?;
            let head = String::from_utf8(head).ok()?;
            let run = fsutil::FileRun::new(f, &meta, split as u64, tail);
            Document::parse_head(path, head, known, run)
        };
        match head_first() {
            Some(d) => Ok(d),
            None => self.load(path),
        }
    }

    /// One canonical section's text, read straight from the file when the
    /// structure cache matches it (no full load, no parse); `None` when it
    /// cannot be known that cheaply. The caller holds the lock or accepts a
    /// snapshot.
    pub fn peek_section(&self, path: &Path, kind: crate::doc::Sec) -> Option<String> {
        use std::io::{Read, Seek, SeekFrom};
        guard_inside(&self.dir, path).ok()?;
        let mut f = File::open(path).ok()?;
        let meta = f.metadata().ok()?;
        let known = read_structure(&self.index_path(path, &meta)?)?;
        let s = known.iter().find(|s| s.kind == Some(kind))?;
        let len = s.content.end.checked_sub(s.content.start)?;
        if s.content.end as u64 > meta.len() || len > 4 * 1024 * 1024 {
            return None;
        }
        f.seek(SeekFrom::Start(s.content.start as u64)).ok()?;
        let mut buf = vec![0; len];
        f.read_exact(&mut buf).ok()?;
        String::from_utf8(buf).ok()
    }

    /// `.local/index/<file stem>.<size>.<mtime ns>.<inode>.s<version>.json`:
    /// the name is the file's identity, so a cache entry is never
    /// rewritten, only created (no fsync needed: a lost or torn entry is
    /// just a miss). The version is [`STRUCTURE_VERSION`], so entries made
    /// under another meaning of "section" are never read.
    fn index_path(&self, path: &Path, meta: &fs::Metadata) -> Option<PathBuf> {
        use std::os::unix::fs::MetadataExt;
        let stem = path.file_stem()?.to_str()?;
        let name = format!(
            "{stem}.{}.{}.{}.{}.s{STRUCTURE_VERSION}.json",
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ino()
        );
        Some(self.local_dir().join("index").join(name))
    }

    /// Best effort: drop older entries for the same file, write this one.
    fn write_index(&self, key: &Path, doc: &Document) {
        let Some(dir) = key.parent() else { return };
        if !self.exists() || fsutil::ensure_private_dir(dir).is_err() {
            return;
        }
        let name = key.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = name.split('.').next().unwrap_or("");
        // One older entry is reused for the new one; any others go.
        let mut reuse = None;
        if let Ok(rd) = fs::read_dir(dir) {
            for e in rd.flatten() {
                let n = e.file_name();
                let n = n.to_string_lossy();
                if n != name && n.split('.').next() == Some(stem) {
                    if reuse.is_none() {
                        reuse = Some(e.path());
                    } else {
                        let _ = fs::remove_file(e.path());
                    }
                }
            }
        }
        if let Ok(bytes) = serde_json::to_vec(doc.sections()) {
            let _ = fsutil::reuse_as(reuse.as_deref(), key, &bytes);
        }
    }

    /// The session id a Claude session is bound to.
    pub fn bound(&self, claude: &str) -> Option<String> {
        let c = crate::names::safe_external_id(claude)?;
        let s = fs::read_to_string(self.local_dir().join("bindings").join(c)).ok()?;
        let s = s.trim().to_string();
        crate::names::validate("id", &s).ok().map(|_| s)
    }

    pub fn bind(&self, claude: &str, session_id: &str) -> Result<()> {
        let Some(c) = crate::names::safe_external_id(claude) else {
            bail!(UserError::new(format!(
                "invalid Claude session id {claude:?}"
            )));
        };
        let d = self.local_dir().join("bindings");
        fsutil::ensure_private_dir(&d)?;
        let p = d.join(c);
        // A first binding is a new file; only a re-binding is a rewrite.
        match fsutil::create_new_private(&p, session_id.as_bytes()) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                fsutil::atomic_write(&p, session_id.as_bytes())?
            }
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }

    /// Note that a Claude session is bound to `session_id` but not yet
    /// listed in its frontmatter; the next save of that document lists it.
    /// This keeps start-up from rewriting a large document just to add one
    /// id.
    pub fn mark_unlisted(&self, session_id: &str, claude: &str) -> Result<()> {
        let Some(c) = crate::names::safe_external_id(claude) else {
            return Ok(());
        };
        crate::names::validate("id", session_id)?;
        let d = self.local_dir().join("unlisted").join(session_id);
        fsutil::ensure_private_dir(&d)?;
        match fsutil::create_new_private(&d.join(c), b"") {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Claude sessions waiting to be listed in a document's frontmatter.
    pub fn unlisted(&self, session_id: &str) -> Vec<(String, PathBuf)> {
        let d = self.local_dir().join("unlisted").join(session_id);
        let Ok(rd) = fs::read_dir(&d) else {
            return Vec::new();
        };
        rd.flatten()
            .filter_map(|e| {
                let n = e.file_name().to_str()?.to_string();
                crate::names::safe_external_id(&n).map(|c| (c, e.path()))
            })
            .collect()
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
    fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// Pick the most recently updated session whose status passes `want`.
pub fn latest(all: &[Meta], want: impl Fn(&Status) -> bool) -> Option<&Meta> {
    all.iter()
        .filter(|m| !m.archived && want(&m.front.status))
        .max_by(|a, b| {
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

/// Never read or write a session file outside the store, even through a
/// symlink planted inside it.
fn guard_inside(store: &Path, path: &Path) -> Result<()> {
    if let Ok(meta) = fs::symlink_metadata(path)
        && meta.file_type().is_symlink()
    {
        let target = fs::canonicalize(path).unwrap_or_default();
        let root = fs::canonicalize(store).unwrap_or_else(|_| store.to_path_buf());
        if !target.starts_with(&root) {
            return Err(UserError::new(format!(
                "{} is a symlink to {} outside the store",
                path.display(),
                target.display()
            ))
            .hint("replace the link with a regular file")
            .into());
        }
        return Err(UserError::new(format!(
            "{} is a symlink; refusing to rewrite it",
            path.display()
        ))
        .hint("replace the link with a regular file")
        .into());
    }
    Ok(())
}

/// What a structure cache entry means. Bumped whenever the sections a
/// document is split into change for the same text: 2 = only top-level
/// headings are section boundaries (1 counted headings nested in
/// blockquotes and list items too).
const STRUCTURE_VERSION: u32 = 2;

/// A structure cache entry (see `Store::index_path`); `None` when missing
/// or unreadable, which is only a miss.
fn read_structure(key: &Path) -> Option<Vec<crate::doc::Section>> {
    serde_json::from_slice(&fs::read(key).ok()?).ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A progress note on a large document loaded head-first is made
    /// without reading the sections left in the file, and the save writes
    /// them back unchanged.
    #[test]
    fn progress_note_on_a_large_document_stays_head_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.create_layout().unwrap();
        let mut t = "---\nid: 019abc12-3456-7def-8901-234567890abc\nshortname: big\n---\n## TL;DR (Read This First)\nx\n\n**Progress**: 0/1 steps complete\n\n## Progress\n### Completed\n\n### In Progress\n\n### Remaining\n- [ ] a\n\n## Decisions\n".to_string();
        for i in 1..20_000 {
            t.push_str(&format!("\n### {i}. decision number {i}\n**Choice**: x\n"));
        }
        t.push_str("\n## Blockers\n- None currently\n\n## Next Steps\n1. a\n");
        let path = store.active_dir().join("big-019abc.md");
        fsutil::atomic_write(&path, t.as_bytes()).unwrap();
        // The first load writes the structure cache head-first loads use.
        store.load(&path).unwrap();
        let mut doc = store.load_head_first(&path).unwrap();
        assert!(doc.contents().tail.is_some(), "not loaded head-first");
        let now = chrono::Utc::now();
        crate::session::log_progress_note(&mut doc, "note", now);
        crate::session::refresh_tldr(&mut doc);
        crate::session::touch(&mut doc, now).unwrap();
        assert!(
            doc.contents().tail.is_some(),
            "the edit read the whole file"
        );
        store.save(&path, &doc).unwrap();
        let saved = fs::read_to_string(&path).unwrap();
        assert!(saved.ends_with(&t[t.find("## Decisions").unwrap()..]));
        assert!(
            saved.contains("### Remaining\n- [ ] a\n\n### Notes\n- ("),
            "{}",
            &saved[..400]
        );
    }

    /// A structure cache entry from before sections were top-level only
    /// (named without a version) is never read: its sections could start at
    /// a heading nested in a list item.
    #[test]
    fn unversioned_structure_cache_entries_are_ignored() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.create_layout().unwrap();
        let t = "---\nid: 019abc12-3456-7def-8901-234567890abc\nshortname: old\n---\n## Context\n- item\n\n  ## Blockers\n  text\n";
        let path = store.active_dir().join("old-019abc.md");
        fsutil::atomic_write(&path, t.as_bytes()).unwrap();
        let meta = fs::metadata(&path).unwrap();
        // What the old scan found: the nested heading as a section.
        let body = t.find("## Context").unwrap();
        let nested = t.find("  ## Blockers").unwrap();
        let old = vec![
            crate::doc::Section {
                level: 2,
                title: "Context".into(),
                kind: Some(crate::doc::Sec::Context),
                range: body..nested,
                content: body + "## Context\n".len()..nested,
            },
            crate::doc::Section {
                level: 2,
                title: "Blockers".into(),
                kind: Some(crate::doc::Sec::Blockers),
                range: nested..t.len(),
                content: nested + "  ## Blockers\n".len()..t.len(),
            },
        ];
        let index = store.local_dir().join("index");
        fsutil::ensure_private_dir(&index).unwrap();
        let name = format!(
            "old-019abc.{}.{}.{}.{}.json",
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ino()
        );
        fs::write(index.join(name), serde_json::to_vec(&old).unwrap()).unwrap();
        let doc = store.load(&path).unwrap();
        assert_eq!(doc.sections().len(), 1, "{:?}", doc.sections());
        assert!(doc.get(crate::doc::Sec::Blockers).is_none());
    }
}
