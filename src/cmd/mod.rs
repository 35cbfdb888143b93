//! One file per subcommand. Shared plumbing lives here.

pub mod bundle;
pub mod checkpoint;
pub mod close;
pub mod completions;
pub mod context;
pub mod demo;
pub mod doctor;
pub mod export;
pub mod gc;
pub mod hook;
pub mod import;
pub mod init;
pub mod install;
pub mod list;
pub mod log;
pub mod man;
pub mod pause;
pub mod preview;
pub mod report;
pub mod report_html;
pub mod resume;
pub mod resume_log;
pub mod slash;
pub mod statusline;
pub mod sync;
pub mod timings;
pub mod uninstall;
pub mod view;

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::cli::Global;
use crate::error::UserError;
use crate::session::Open;
use crate::store::{self, Store};

/// The store lock for a command. Hook events spooled while the store was
/// busy are older than the command: they are applied first.
pub fn lock(store: &Store) -> Result<store::Lock> {
    let lock = store.lock_for_command()?;
    crate::hook::spool::drain(store, &lock, crate::hook::spool::COMMAND_DRAIN_BUDGET);
    Ok(lock)
}

/// Longest text we accept for one argument (a log entry, a summary). Larger
/// text is refused with a clear message, never truncated silently.
pub const MAX_ARG_BYTES: usize = 64 * 1024;

/// What every interactive command starts from.
pub struct Ctx {
    pub store: Store,
    pub now: DateTime<Utc>,
    pub g: Global,
    /// The store's config, read once per process (so its warnings print
    /// once).
    loaded: std::cell::OnceCell<crate::config::Loaded>,
}

impl Ctx {
    pub fn new(g: &Global) -> Result<Ctx> {
        let cwd = std::env::current_dir()
            .map_err(|e| UserError::new(format!("cannot read the current folder: {e}")))?;
        let root = store::project_root(g.dir.as_deref(), &cwd);
        let store = Store::at(&root);
        let ctx = Ctx {
            store,
            now: crate::clock::now(),
            g: g.clone(),
            loaded: std::cell::OnceCell::new(),
        };
        // A config file is read up front so that an invalid one is a clear
        // error before anything is done.
        if ctx.store.dir.join("config.yaml").exists() {
            ctx.loaded()?;
        }
        Ok(ctx)
    }

    /// The config as loaded once: an invalid file is an error, unknown keys
    /// are warnings on stderr (printed the first time).
    fn loaded(&self) -> Result<&crate::config::Loaded> {
        if let Some(l) = self.loaded.get() {
            return Ok(l);
        }
        let l = crate::config::load(&self.store.dir)?;
        for w in &l.warnings {
            eprintln!("session-hook: warning: {w}");
        }
        Ok(self.loaded.get_or_init(|| l))
    }

    /// The config for a command.
    pub fn config(&self) -> Result<crate::config::Config> {
        Ok(self.loaded()?.config.clone())
    }

    /// The redaction step for this store: built-in rules plus the config's
    /// patterns.
    pub fn redactor(&self) -> Result<&crate::redact::Redactor> {
        Ok(&self.loaded()?.redactor)
    }

    /// Check and clean one free-text argument: size limit, then redaction.
    pub fn text_arg(&self, flag: &str, s: &str) -> Result<String> {
        text_arg(self.redactor()?, flag, s)
    }

    pub fn opt_text(&self, flag: &str, s: Option<&String>) -> Result<Option<String>> {
        s.map(|v| self.text_arg(flag, v)).transpose()
    }

    /// Read a file the user named as the source of free text (see
    /// [`text_file`]).
    pub fn text_file(&self, flag: &str, path: &std::path::Path) -> Result<String> {
        text_file(self.redactor()?, flag, path)
    }

    /// The session to act on: a positional name, else `--session`, else the
    /// bound or latest active one.
    pub fn resolve(&self, positional: Option<&str>) -> Result<crate::store::Meta> {
        self.store.require()?;
        let name = positional.or(self.g.session.as_deref());
        if name.is_none()
            && let Some(c) = self.g.claude_session.as_deref()
        {
            // Inside a Claude conversation the binding rule decides, as in
            // the hooks: never the newest of several sessions.
            let all = self.store.metas(false);
            let own = crate::provenance::Own::load(&self.store);
            let metas: Vec<_> = own.filter(&all).into_iter().cloned().collect();
            if let crate::binding::Pick::Several(v) =
                crate::binding::pick(&self.store, &metas, Some(c))
            {
                return Err(crate::binding::unbound_error(&v));
            }
        }
        self.store
            .resolve(name, self.g.claude_session.as_deref())
            .map_err(|e| crate::names::with_suggestion(e, name, &self.store))
    }

    /// Lock the store, load the session, run `f`, save if it changed.
    pub fn edit<R>(
        &self,
        positional: Option<&str>,
        f: impl FnOnce(&mut Open, &Ctx) -> Result<R>,
    ) -> Result<R> {
        self.edit_with(positional, Open::load, f)
    }

    fn edit_with<R>(
        &self,
        positional: Option<&str>,
        load: fn(&crate::store::Store, crate::store::Meta) -> Result<Open>,
        f: impl FnOnce(&mut Open, &Ctx) -> Result<R>,
    ) -> Result<R> {
        self.store.require()?;
        let _lock = crate::cmd::lock(&self.store)?;
        let meta = self.resolve(positional)?;
        // A closed session is a record: logging into it would change
        // history behind the archive's back.
        refuse_closed(
            &meta,
            "closed",
            "; it is kept in the archive as it was",
            "start a new session with `session-hook init`, or name an active one with --session",
        )?;
        let mut open = load(&self.store, meta)?;
        let r = f(&mut open, self)?;
        open.save(&self.store, self.now)?;
        Ok(r)
    }
}

/// Plain words after a command: `[NAME] TEXT...`. The first word is a
/// session name only when it names an open session exactly (shortname or
/// id) and text follows it; otherwise every word is text. Words may come
/// one per argument or as one argument as typed (the slash commands).
pub fn name_and_text(store: &Store, words: &[String]) -> (Option<String>, String) {
    let text = words.join(" ");
    let text = text.trim();
    let Some((first, rest)) = text.split_once(char::is_whitespace) else {
        return (None, text.to_string());
    };
    let names = store
        .metas(false)
        .iter()
        .any(|m| m.shortname() == first || m.id() == first);
    if names {
        (Some(first.to_string()), rest.trim_start().to_string())
    } else {
        (None, text.to_string())
    }
}

/// Like `name_and_text`, and a single word is a session name when it names
/// an open session or is close to one (a mistyped name then gets its "did
/// you mean" instead of becoming a one-word text).
pub fn name_or_text(store: &Store, words: &[String]) -> (Option<String>, String) {
    match words {
        [one] if !one.trim().contains(char::is_whitespace) => {
            let one = one.trim();
            let metas = store.metas(false);
            let names = metas.iter().map(|m| m.shortname());
            if metas.iter().any(|m| m.shortname() == one || m.id() == one)
                || crate::names::closest(one, names).is_some()
            {
                (Some(one.to_string()), String::new())
            } else {
                (None, one.to_string())
            }
        }
        words => name_and_text(store, words),
    }
}

/// Refuse a command that would change a closed (archived) session:
/// "NAME is LEAD (STATUS)TAIL", with `hint`.
pub fn refuse_closed(meta: &store::Meta, lead: &str, tail: &str, hint: &str) -> Result<()> {
    if !meta.archived {
        return Ok(());
    }
    Err(UserError::new(format!(
        "{} is {lead} ({}){tail}",
        meta.shortname(),
        meta.front.status.as_str()
    ))
    .hint(hint)
    .into())
}

/// Check and clean one free-text argument: size limit, then redaction.
pub fn text_arg(redactor: &crate::redact::Redactor, flag: &str, s: &str) -> Result<String> {
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
        return Err(UserError::new(format!("{flag} is empty"))
            .hint(format!(
                "give {flag} some text, e.g. {flag} \"what happened\""
            ))
            .into());
    }
    Ok(redactor.redact(s).into_owned())
}

/// Longest file we read as user text (a phases file, a hand-off brief).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Read a file the user named as the source of free text: size limit, UTF-8,
/// then redaction. `flag` names the option in messages.
pub fn text_file(
    redactor: &crate::redact::Redactor,
    flag: &str,
    path: &std::path::Path,
) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| {
        UserError::new(format!("cannot read {flag} {}: {e}", path.display()))
            .hint("check the path (relative paths are taken from the current folder)")
    })?;
    if !meta.is_file() {
        return Err(UserError::new(format!("{flag} {} is not a file", path.display())).into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(UserError::new(format!(
            "{flag} {} is {} bytes; the limit is {} bytes",
            path.display(),
            meta.len(),
            MAX_FILE_BYTES
        ))
        .into());
    }
    let text = crate::fsutil::read_text(path)
        .map_err(|e| UserError::new(format!("cannot read {flag} {}: {e}", path.display())))?;
    Ok(redactor.redact(&text).into_owned())
}

/// A durable write to run alongside others.
pub type Job<'a> = Box<dyn FnOnce() -> Result<()> + Send + 'a>;

/// Run independent durable writes at the same time. Each still fsyncs its
/// file, but the file system commits concurrent fsyncs together,
/// so several writes cost about as much as one. Each file is still replaced
/// atomically on its own; the first error is returned after all finished.
pub fn concurrently(jobs: Vec<Job<'_>>) -> Result<()> {
    concurrently_with(jobs, || ()).1
}

/// [`concurrently`], while this thread does `here` (work that needs no
/// durable write of its own, or must stay on this thread).
pub fn concurrently_with<T>(jobs: Vec<Job<'_>>, here: impl FnOnce() -> T) -> (T, Result<()>) {
    std::thread::scope(|s| {
        let handles: Vec<_> = jobs.into_iter().map(|j| s.spawn(j)).collect();
        let mine = here();
        let mut first = Ok(());
        for h in handles {
            let r = h
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("a write failed unexpectedly")));
            if first.is_ok() {
                first = r;
            }
        }
        (mine, first)
    })
}

/// Print JSON to stdout.
pub fn print_json(v: &impl serde::Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}
