//! The `.sessions/` store: where it is and its layout. Its jobs live
//! apart: the one lock (`lock`), finding sessions by their frontmatter
//! (`listing`), loading and saving documents with the structure cache
//! (`documents`), and Claude-session bindings (`bindings`).

mod bindings;
mod documents;
mod listing;
mod lock;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::error::UserError;
use crate::fsutil;

pub use listing::{Listed, Meta, latest};
pub use lock::{Lock, LockError};

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

impl Store {
    pub fn at(project: &Path) -> Store {
        Store {
            project: project.to_path_buf(),
            dir: project.join(STORE_DIR),
        }
    }

    /// Whether the store is there: a real folder, not a link (a linked
    /// `.sessions` is someone else's idea of where we should write).
    pub fn exists(&self) -> bool {
        std::fs::symlink_metadata(&self.dir).is_ok_and(|m| m.is_dir())
    }

    /// The owner of the store, when this process runs as root and the
    /// store belongs to another user: root never takes it over (a file it
    /// rewrote would become root's, and no longer the user's to change).
    /// Commands refuse, hooks stay silent.
    pub fn foreign_owner(&self) -> Option<u32> {
        use std::os::unix::fs::MetadataExt;
        if !rustix::process::geteuid().is_root() {
            return None;
        }
        let m = std::fs::symlink_metadata(&self.dir).ok()?;
        (m.is_dir() && m.uid() != 0).then_some(m.uid())
    }

    /// `.sessions` is a symbolic link: commands refuse, hooks stay silent.
    fn is_link(&self) -> bool {
        std::fs::symlink_metadata(&self.dir).is_ok_and(|m| m.file_type().is_symlink())
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
    pub fn hook_log(&self) -> PathBuf {
        self.local_dir().join("hook.log")
    }

    /// Create the layout (idempotent): folders 0700, `.gitignore` for
    /// `.local/`.
    pub fn create_layout(&self) -> Result<()> {
        self.refuse_link()?;
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
        if std::fs::symlink_metadata(&gi).is_err() {
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
        self.refuse_link()?;
        if !self.exists() {
            return Err(
                UserError::new(format!("no session store at {}", self.dir.display()))
                    .hint("start one with `session-hook init --goal \"...\"`, or pass --dir")
                    .into(),
            );
        }
        Ok(())
    }

    fn refuse_link(&self) -> Result<()> {
        if let Some(uid) = self.foreign_owner() {
            return Err(UserError::new(format!(
                "{} belongs to another user (uid {uid}); session-hook running as root leaves it alone",
                fsutil::shown(&self.dir)
            ))
            .hint(format!(
                "run the command as that user (for example `sudo -u '#{uid}' session-hook ...`)"
            ))
            .into());
        }
        if self.is_link() {
            return Err(UserError::new(format!(
                "{} is a symbolic link; session-hook only uses a real folder",
                fsutil::shown(&self.dir)
            ))
            .hint("if the repository came with it, remove the link (`rm .sessions`) and run `session-hook init`")
            .into());
        }
        Ok(())
    }
}
