//! The one place hook events write: take the lock (or spool the payload
//! when the store is busy), apply the spooled events that wait, then the
//! plan's effects in order.

use std::collections::VecDeque;

use anyhow::{Result, anyhow};

use super::state::{self, ClaudeState};
use super::{Ctx, Out, Plan, Timings, spool};
use crate::journal;
use crate::resume_log::{self, Facts};
use crate::session::{self, Open};
use crate::store::{self, Meta};

/// A document edit, run on the document as loaded under the lock; it may
/// add to the event's note.
pub(crate) type DocEdit = Box<dyn FnOnce(&mut Open, &mut String) -> Result<()>>;
/// A state change, run under the lock; it may ask for more effects.
pub(crate) type StateEdit = Box<dyn FnOnce(&mut ClaudeState) -> Vec<Effect>>;

/// A write a handler wants. Each is carried out under the store lock, on
/// what is on disk then (a document is loaded afresh, not the copy the
/// handler read), so two hooks never lose each other's changes.
pub(crate) enum Effect {
    /// Load the session, edit it, save it if it changed. Journal entries
    /// the edit queues on the [`Open`] are written after the save, and not
    /// at all if the save fails. The edit may add to the note.
    Edit { meta: Meta, edit: DocEdit },
    /// One journal entry about a session whose document does not change.
    Journal {
        id: String,
        kind: &'static str,
        fields: Vec<(&'static str, String)>,
        text: String,
    },
    /// Rewrite the session's quick-context file from its document.
    ProgressMd { meta: Meta },
    /// Change this Claude session's local state. The edit sees the state
    /// as it is under the lock and may ask for more effects, applied next.
    State { claude: String, edit: StateEdit },
    /// Bind a Claude session to a session; with `list_later`, its listing
    /// in the document's frontmatter waits for the document's next save.
    Bind {
        claude: String,
        id: String,
        list_later: bool,
    },
    /// Write a resume log for the session; where it is goes where
    /// `mention` says. A failure only goes to the note.
    ResumeLog {
        meta: Meta,
        trigger: String,
        facts: Box<Facts>,
        mention: Mention,
    },
    /// The effect, with a failure only noted (after `what`), never failing
    /// the event: what is already decided still reaches Claude.
    Soft(&'static str, Box<Effect>),
}

impl Effect {
    pub fn soft(self, what: &'static str) -> Effect {
        Effect::Soft(what, Box::new(self))
    }

    pub fn state(claude: &str, edit: impl FnOnce(&mut ClaudeState) + 'static) -> Effect {
        Effect::State {
            claude: claude.to_string(),
            edit: Box::new(move |st| {
                edit(st);
                Vec::new()
            }),
        }
    }
}

/// Where a new resume log is named.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mention {
    /// In the hook log's note only.
    Note,
    /// A line at the end of plain output (PreCompact).
    Plain,
    /// After the first part of injected context (the usage warning).
    Warning,
}

/// How the applier may write.
pub(crate) enum Lock<'a> {
    /// Take the lock; if the store is busy, spool these raw bytes instead.
    Take(&'a [u8]),
    /// The caller holds it (a spooled event being applied).
    Held,
    /// Never write (preview): the effects are dropped.
    DryRun,
}

/// Carry out `plan`: its output and note, as the effects left them.
pub(crate) fn apply(
    ctx: &mut Ctx,
    plan: Plan,
    how: Lock<'_>,
    t: &mut Timings,
) -> Result<(Out, String)> {
    let Plan {
        mut out,
        mut note,
        effects,
    } = plan;
    if effects.is_empty() {
        return Ok((out, note));
    }
    let _held = match how {
        Lock::DryRun => return Ok((out, note)),
        Lock::Held => None,
        Lock::Take(raw) => match ctx.store.lock(store::HOOK_LOCK_WAIT) {
            Ok(l) => {
                t.lap("lock");
                // Events spooled while the store was busy are older than
                // this one: they go first, as many as the budget allows.
                spool::drain(&ctx.store, &l, spool::HOOK_DRAIN_BUDGET);
                t.lap("spooled");
                Some(l)
            }
            // Nothing is lost and the hook does not wait: the next
            // lock holder applies the payload.
            Err(store::LockError::Busy(_)) if !raw.is_empty() => {
                spool::put(&ctx.store, raw, ctx.now, ctx.redactor())?;
                return Ok((
                    out,
                    format!("store busy; spooled for the next writer ({note})"),
                ));
            }
            // A store nobody may write to (a read-only mount, a checkout
            // of someone else's): what was read still reaches Claude.
            Err(store::LockError::Io(_, e)) if cannot_write(&e) => {
                return Ok((out, read_only_note(&note, &e)));
            }
            Err(e) => return Err(anyhow!("{e}; skipped")),
        },
    };
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        if let Err(err) = run(ctx, e, &mut out, &mut note, &mut queue) {
            // The first write refused for want of write access: nothing
            // after it could be written either, and the output stands.
            if let Some(io) = err.chain().find_map(|c| c.downcast_ref::<std::io::Error>())
                && cannot_write(io)
            {
                t.lap("save");
                return Ok((out, read_only_note(&note, io)));
            }
            return Err(err);
        }
    }
    t.lap("save");
    Ok((out, note))
}

/// An error that says this store cannot be written at all (not a full disk,
/// not a broken file): a read-only file system or no permission.
fn cannot_write(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
    )
}

fn read_only_note(note: &str, e: &std::io::Error) -> String {
    format!("store not writable ({e}); nothing recorded ({note})")
}

fn run(
    ctx: &mut Ctx,
    e: Effect,
    out: &mut Out,
    note: &mut String,
    queue: &mut VecDeque<Effect>,
) -> Result<()> {
    let store = ctx.store.clone();
    match e {
        Effect::Edit { meta, edit } => {
            let mut open = Open::load(&store, meta)?;
            edit(&mut open, note)?;
            open.save(&store, ctx.now)?;
        }
        Effect::Journal {
            id,
            kind,
            fields,
            text,
        } => {
            // Every field and the text may come from the payload.
            let fields: Vec<(&str, String)> =
                fields.iter().map(|(k, v)| (*k, ctx.redact(v))).collect();
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            journal::write(&store, &id, kind, ctx.now, &fields, &ctx.redact(&text))?;
        }
        Effect::ProgressMd { meta } => {
            let doc = store.load(&meta.path)?;
            session::write_progress_md(&store, &doc, ctx.now)?;
        }
        Effect::State { claude, edit } => {
            let mut st = state::load(&store, &claude);
            let more = edit(&mut st);
            state::save(&store, &claude, &st)?;
            for m in more.into_iter().rev() {
                queue.push_front(m);
            }
        }
        Effect::Bind {
            claude,
            id,
            list_later,
        } => {
            if store.bound(&claude).as_deref() != Some(id.as_str()) {
                store.bind(&claude, &id)?;
            }
            if list_later {
                store.mark_unlisted(&id, &claude)?;
            }
        }
        Effect::ResumeLog {
            meta,
            trigger,
            facts,
            mention,
        } => {
            let keep = ctx.config().retention.resume_logs;
            let written = store.load(&meta.path).and_then(|doc| {
                let mut log = resume_log::build(&store, &meta, &doc, ctx.now, &trigger, &facts);
                resume_log::write(&store, &mut log, keep, ctx.redactor())
            });
            match written {
                Ok(p) => {
                    let rel = resume_log::rel(&store, &p);
                    match (mention, out) {
                        (Mention::Plain, Out::Plain(t)) => {
                            t.push_str(&format!("\nResume log: {rel}\n"));
                        }
                        (Mention::Warning, Out::Context { parts, .. }) if !parts.is_empty() => {
                            parts[0].push_str(&format!("\nResume log generated: {rel}"));
                            note.push_str(&format!("; resume log {rel}"));
                        }
                        _ => note.push_str(&format!(", resume log {rel}")),
                    }
                }
                Err(e) => note.push_str(&format!("; resume log failed: {e:#}")),
            }
        }
        Effect::Soft(what, inner) => {
            if let Err(e) = run(ctx, *inner, out, note, queue) {
                note.push_str(&format!("; {what}: {e:#}"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hook::wire::Common;
    use crate::store::Store;

    const DOC: &str = "---\nid: 019abc12-3456-7def-8901-234567890abc\nshortname: w\nstatus: active\n---\n## Progress\n### Completed\n\n### In Progress\n\n### Remaining\n- [ ] a\n\n## Files Modified\n- None yet\n";

    fn store() -> (tempfile::TempDir, Store, Meta) {
        let d = tempfile::tempdir().unwrap();
        let store = Store::at(d.path());
        store.create_layout().unwrap();
        let path = store.active_dir().join("w-019abc.md");
        crate::fsutil::atomic_write(&path, DOC.as_bytes()).unwrap();
        let meta = store.metas(false).pop().unwrap();
        // Made on this machine: hooks act on it without being told.
        crate::provenance::mark_own(
            &store,
            meta.id(),
            crate::provenance::How::Created,
            crate::clock::now(),
        )
        .unwrap();
        (d, store, meta)
    }

    fn entries(store: &Store, id: &str) -> usize {
        std::fs::read_dir(store.journal_dir(id).join("entries")).map_or(0, |rd| rd.count())
    }

    /// The journal follows the save: an edit whose save fails leaves no
    /// entry describing it, and the event fails as a whole.
    #[test]
    fn a_failed_save_writes_no_journal_entry() {
        let (_d, store, meta) = store();
        let id = meta.id().to_string();
        let path = meta.path.clone();
        let mut ctx = Ctx::new(store.clone(), Common::default(), crate::clock::now(), true);
        let plan = Plan::silent("edit").then(Effect::Edit {
            meta,
            edit: Box::new(move |open, _| {
                open.journal(
                    "file",
                    crate::clock::now(),
                    &[("path", "a.rs")],
                    "Edit a.rs",
                );
                crate::session::add_file_modified(&mut open.doc, "a.rs");
                // Something takes the document's name meanwhile: the
                // rename over it fails.
                std::fs::remove_file(&path)?;
                std::fs::create_dir(&path)?;
                Ok(())
            }),
        });
        let r = apply(&mut ctx, plan, Lock::Take(b"{}"), &mut Timings::default());
        assert!(r.is_err(), "the save cannot have worked");
        assert_eq!(entries(&store, &id), 0, "an entry for an edit never saved");
    }

    /// A preview never writes, whatever its plan asks for.
    #[test]
    fn a_dry_run_applies_nothing() {
        let (_d, store, meta) = store();
        let before = std::fs::read_to_string(&meta.path).unwrap();
        let id = meta.id().to_string();
        let mut ctx = Ctx::new(store.clone(), Common::default(), crate::clock::now(), true);
        let plan = Plan::silent("x")
            .then(Effect::Journal {
                id: id.clone(),
                kind: "read",
                fields: vec![],
                text: "Viewed a".into(),
            })
            .then(Effect::Edit {
                meta: meta.clone(),
                edit: Box::new(|open, _| {
                    crate::session::add_file_modified(&mut open.doc, "b.rs");
                    Ok(())
                }),
            });
        apply(&mut ctx, plan, Lock::DryRun, &mut Timings::default()).unwrap();
        assert_eq!(std::fs::read_to_string(&meta.path).unwrap(), before);
        assert_eq!(entries(&store, &id), 0);
        assert!(!store.local_dir().join("lock").exists(), "not even locked");
    }

    /// A busy store spools the payload and applies nothing; the next lock
    /// holder applies it, and a drain stops when its budget is spent.
    #[test]
    fn busy_spools_and_a_drain_keeps_to_its_budget() {
        let (_d, store, meta) = store();
        let id = meta.id().to_string();
        let held = store.lock(std::time::Duration::ZERO).unwrap();
        let payload = serde_json::json!({
            "hook_event_name": "PostToolUse",
            "cwd": store.project.display().to_string(),
            "tool_name": "Read",
            "tool_input": {"file_path": store.project.join("x.rs").display().to_string()},
        })
        .to_string();
        for _ in 0..3 {
            let mut ctx = Ctx::new(store.clone(), Common::default(), crate::clock::now(), true);
            let plan = Plan::silent("read").then(Effect::Journal {
                id: id.clone(),
                kind: "read",
                fields: vec![],
                text: "Viewed x.rs".into(),
            });
            let (_, note) = apply(
                &mut ctx,
                plan,
                Lock::Take(payload.as_bytes()),
                &mut Timings::default(),
            )
            .unwrap();
            assert!(note.starts_with("store busy; spooled"), "{note}");
        }
        assert_eq!(entries(&store, &id), 0);
        let pending = || crate::fsutil::files_with_ext(&store.local_dir().join("pending"), "json");
        assert_eq!(pending().len(), 3);
        spool::drain(&store, &held, std::time::Duration::ZERO);
        assert_eq!(pending().len(), 3, "no budget, nothing applied");
        spool::drain(&store, &held, spool::COMMAND_DRAIN_BUDGET);
        assert_eq!(pending().len(), 0);
        assert_eq!(entries(&store, &id), 3, "every spooled read journalled");
    }
}
