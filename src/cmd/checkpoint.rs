//! `session-hook checkpoint`: refresh the TL;DR, git fields and the
//! quick-context file, and write a journal entry.

use anyhow::Result;
use clap::Args;

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::{fsutil, git, session, verify};

#[derive(Debug, Args)]
#[command(
    after_help = "Plain words work too: `session-hook checkpoint before lunch` checkpoints with that note; a first word naming an open session picks it (`session-hook checkpoint csv-export`)."
)]
pub struct CheckpointArgs {
    /// [NAME] [NOTE...]: the session to checkpoint, then a note for the
    /// journal in plain words.
    #[arg(value_name = "WORDS")]
    pub words: Vec<String>,
    /// A note for the journal.
    #[arg(long)]
    pub note: Option<String>,
    /// Replace the TL;DR paragraph.
    #[arg(long)]
    pub tldr: Option<String>,
}

pub fn run(g: &Global, a: CheckpointArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let (name, words_note) = super::name_or_text(&ctx.store, &a.words);
    let words_note = (!words_note.is_empty()).then_some(words_note);
    if a.note.is_some() && words_note.is_some() {
        return Err(crate::error::UserError::new(format!(
            "a note given twice: as words ({:?}) and with --note",
            words_note.unwrap_or_default()
        ))
        .hint("give the note either as plain words or with --note")
        .into());
    }
    let note = ctx.opt_text("--note", a.note.as_ref().or(words_note.as_ref()))?;
    let tldr = ctx.opt_text("--tldr", a.tldr.as_ref())?;
    let (short, progress_path) = ctx.edit(name.as_deref(), |open, ctx| {
        let doc = &mut open.doc;
        if let Some(t) = &tldr {
            session::set_tldr(doc, t, ctx.now);
        }
        let repo = git::open(&ctx.store.project);
        session::set_git_fields(doc, repo.as_ref().map(git::head).as_ref())?;
        session::refresh_tldr(doc);
        // A checkpoint always stamps the time, even with nothing else new.
        session::touch(doc, ctx.now)?;
        // Record the git state (with the uncommitted files) so the next
        // resume can verify it.
        let mut fields = match &repo {
            Some(r) => verify::record_fields(r),
            None => Vec::new(),
        };
        // `doctor` compares this with the latest compaction to spot a
        // TL;DR that no longer says where the work stands.
        if tldr.is_some() {
            fields.push(("tldr", "replaced".into()));
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let now = ctx.now;
        open.journal(
            "checkpoint",
            now,
            &fields,
            note.as_deref().unwrap_or("Checkpoint"),
        );
        // The quick-context file describes the saved document, so it is
        // written only once that document is on disk.
        open.after_save(move |store, doc| session::write_progress_md(store, doc, now).map(drop));
        Ok((
            open.doc.shortname().to_string(),
            session::progress_md_path(&ctx.store, open.doc.id()),
        ))
    })?;
    println!("Checkpoint saved for {short}");
    println!(
        "  quick context: {}",
        fsutil::relative_to(&progress_path, &ctx.store.project).display()
    );
    Ok(())
}
