//! One file per subcommand. Shared plumbing lives here.

pub mod checkpoint;
pub mod close;
pub mod context;
pub mod hook;
pub mod init;
pub mod list;
pub mod log;
pub mod preview;
pub mod report;
pub mod resume_log;
pub mod view;

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::cli::Global;
use crate::error::UserError;
use crate::session::Open;
use crate::store::{self, Store};

/// Longest text we accept for one argument (a log entry, a summary). Larger
/// text is refused with a clear message, never truncated silently.
pub const MAX_ARG_BYTES: usize = 64 * 1024;

/// What every interactive command starts from.
pub struct Ctx {
    pub store: Store,
    pub now: DateTime<Utc>,
    pub g: Global,
}

impl Ctx {
    pub fn new(g: &Global) -> Result<Ctx> {
        let cwd = std::env::current_dir()
            .map_err(|e| UserError::new(format!("cannot read the current folder: {e}")))?;
        let root = store::project_root(g.dir.as_deref(), &cwd);
        Ok(Ctx {
            store: Store::at(&root),
            now: crate::clock::now(),
            g: g.clone(),
        })
    }

    /// The config for a command: an invalid file is an error, unknown keys
    /// are warnings on stderr.
    pub fn config(&self) -> Result<crate::config::Config> {
        let l = crate::config::load(&self.store.dir)?;
        for w in &l.warnings {
            eprintln!("session-hook: warning: {w}");
        }
        Ok(l.config)
    }

    /// The session to act on: a positional name, else `--session`, else the
    /// bound or latest active one.
    pub fn resolve(&self, positional: Option<&str>) -> Result<crate::store::Meta> {
        self.store.require()?;
        let name = positional.or(self.g.session.as_deref());
        self.store.resolve(name, self.g.claude_session.as_deref())
    }

    /// Lock the store, load the session, run `f`, save if it changed.
    pub fn edit<R>(
        &self,
        positional: Option<&str>,
        f: impl FnOnce(&mut Open, &Ctx) -> Result<R>,
    ) -> Result<R> {
        self.store.require()?;
        let _lock = self.store.lock_for_command()?;
        let meta = self.resolve(positional)?;
        let mut open = Open::load(&self.store, meta)?;
        let r = f(&mut open, self)?;
        open.save(&self.store, self.now)?;
        Ok(r)
    }
}

/// Check and clean one free-text argument: size limit, then redaction.
pub fn text_arg(flag: &str, s: &str) -> Result<String> {
    if s.len() > MAX_ARG_BYTES {
        return Err(UserError::new(format!(
            "{flag} is {} bytes; the limit is {} bytes",
            s.len(),
            MAX_ARG_BYTES
        ))
        .hint("put long material in a file and log a short pointer to it")
        .into());
    }
    if s.trim().is_empty() {
        return Err(UserError::new(format!("{flag} is empty")).into());
    }
    Ok(crate::redact::redact(s).into_owned())
}

pub fn opt_text(flag: &str, s: Option<&String>) -> Result<Option<String>> {
    s.map(|v| text_arg(flag, v)).transpose()
}

/// Print JSON to stdout.
pub fn print_json(v: &impl serde::Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}
