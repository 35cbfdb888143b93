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
    None
}
