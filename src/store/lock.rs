//! The store's one lock: every writer holds it; a hook waits ~50 ms.

use std::fs::{self, File};
use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use rustix::fs::OFlags;

use super::{COMMAND_LOCK_WAIT, Store};
use crate::error::UserError;
use crate::fsutil;

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
    #[error("{0} belongs to another user (uid {1}); session-hook running as root leaves it alone")]
    Foreign(PathBuf, u32),
}

impl Store {
    /// Take the store lock, waiting at most `wait`. Creates `.local/` inside
    /// an existing store if needed (never the store itself).
    pub fn lock(&self, wait: Duration) -> Result<Lock, LockError> {
        let local = self.local_dir();
        let path = local.join("lock");
        if let Some(uid) = self.foreign_owner() {
            return Err(LockError::Foreign(self.dir.clone(), uid));
        }
        if !fsutil::is_real_dir(&local) {
            fsutil::ensure_private_dir(&local).map_err(|e| LockError::Io(path.clone(), e))?;
        }
        // flock works on a file opened read-only, so a lock file someone
        // made read-only is used as it is (never chmodded: it may not be
        // ours to change).
        let file = fsutil::open_private(&path, OFlags::RDWR)
            .or_else(|e| match e.kind() {
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                    fsutil::open_read(&path).map(|(f, _)| f).map_err(|_| e)
                }
                _ => Err(e),
            })
            .map_err(|e| LockError::Io(path.clone(), e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => {
                    // Every writer holds this lock, so a temp file seen now
                    // belongs to a writer that was killed mid-write.
                    for d in [self.active_dir(), self.archive_dir()] {
                        fsutil::sweep_temp_files(&d, Duration::ZERO);
                    }
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
                LockError::Foreign(_, uid) => format!(
                    "run the command as that user (for example `sudo -u '#{uid}' session-hook ...`)"
                ),
                LockError::Io(p, _) => format!(
                    "check that {} and its folder belong to you and are writable \
                     (the folder 0700, the file 0600)",
                    p.display()
                ),
            };
            anyhow::Error::new(UserError::new(e.to_string()).hint(hint))
        })
    }
}
