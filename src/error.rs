//! Error types. Domain errors are typed; commands wrap them with anyhow
//! context, and `main` prints the chain plus a hint.

use std::path::PathBuf;

/// A failure the user can act on, with an optional hint saying how.
#[derive(Debug, thiserror::Error)]
#[error("{msg}")]
pub struct UserError {
    pub msg: String,
    pub hint: Option<String>,
}

impl UserError {
    pub fn new(msg: impl Into<String>) -> Self {
        Self {
            msg: msg.into(),
            hint: None,
        }
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// A session document that cannot be understood. Such a file is refused and
/// never rewritten.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("{path}:{line}: {msg}")]
    Parse {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    /// An edit this tool was about to make would leave a document that
    /// does not parse; it is refused and nothing is written.
    #[error("refusing an edit that would break the frontmatter: {msg}")]
    Edit { msg: String },
}

/// Find a hint anywhere in an error chain.
pub fn hint_of(err: &anyhow::Error) -> Option<String> {
    for cause in err.chain() {
        if let Some(u) = cause.downcast_ref::<UserError>()
            && let Some(h) = &u.hint
        {
            return Some(h.clone());
        }
        if cause.downcast_ref::<DocError>().is_some() {
            return Some(
                "fix the file by hand (it was not changed), then run the command again".into(),
            );
        }
    }
    err.chain()
        .find_map(|c| c.downcast_ref::<std::io::Error>())
        .and_then(io_hint)
        .map(String::from)
}

/// What to do about a failed file operation, by its kind. The message
/// above it names the path.
fn io_hint(e: &std::io::Error) -> Option<&'static str> {
    use std::io::ErrorKind as K;
    Some(match e.kind() {
        K::NotADirectory => {
            "a file is in the way where a folder is expected; move that file aside, then run the command again"
        }
        K::IsADirectory => {
            "a folder is in the way where a file is expected; move it aside, then run the command again"
        }
        K::PermissionDenied => {
            "check that the files under .sessions/ belong to you and are writable (folders 0700, files 0600)"
        }
        K::ReadOnlyFilesystem => {
            "the project is on a read-only file system; run from a writable copy"
        }
        K::StorageFull | K::QuotaExceeded => "free some disk space, then run the command again",
        K::NotFound => "a file or folder went missing meanwhile; run the command again",
        K::AlreadyExists => "something else created that file meanwhile; run the command again",
        _ => return None,
    })
}
