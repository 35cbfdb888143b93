//! `session-hook log`: one entry into the session document and the journal.

use anyhow::Result;
use clap::{ArgGroup, Args};

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::doc::Sec;
use crate::doc::progress::Found;
use crate::git;
use crate::session;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("entry").required(true).args(["progress", "decision", "discovery", "blocker", "resolve", "next", "done", "current", "drop_next", "replace_next"])))]
pub struct LogArgs {
    /// A progress note.
    #[arg(long)]
    pub progress: Option<String>,
    /// A decision (numbered and timed).
    #[arg(long)]
    pub decision: Option<String>,
    /// Why (with --decision).
    #[arg(long, requires = "decision")]
    pub rationale: Option<String>,
    /// The options weighed (with --decision).
    #[arg(long, requires = "decision")]
    pub options: Option<String>,
    /// The situation (with --decision).
    #[arg(long, requires = "decision")]
    pub context: Option<String>,
    /// Decision N that this one replaces (with --decision; repeatable).
    /// "supersedes decision N" in the decision's words does the same.
    #[arg(long, value_name = "N", requires = "decision")]
    pub supersedes: Vec<usize>,
    /// Something learned (numbered and timed).
    #[arg(long)]
    pub discovery: Option<String>,
    /// Something in the way.
    #[arg(long)]
    pub blocker: Option<String>,
    /// What the blocker holds up (with --blocker).
    #[arg(long, requires = "blocker")]
    pub impact: Option<String>,
    /// How to get around it (with --blocker).
    #[arg(long, requires = "blocker")]
    pub mitigation: Option<String>,
    /// Mark blocker N resolved.
    #[arg(long, value_name = "N")]
    pub resolve: Option<usize>,
    /// Add a next step (also added to Remaining).
    #[arg(long)]
    pub next: Option<String>,
    /// Mark a step done (exact, then prefix, then substring match).
    #[arg(long)]
    pub done: Option<String>,
    /// Set the current step.
    #[arg(long)]
    pub current: Option<String>,
    /// Drop next step N (as numbered by `view`): a step is marked dropped,
    /// a free-form item removed.
    #[arg(long, value_name = "N")]
    pub drop_next: Option<usize>,
    /// Replace next step N (as numbered by `view`) with TEXT: a step is
    /// renamed in place.
    #[arg(long, num_args = 2, value_names = ["N", "TEXT"])]
    pub replace_next: Option<Vec<String>>,
}

pub fn run(g: &Global, a: LogArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let msg = ctx.edit(None, |open, ctx| {
        let doc = &mut open.doc;
        let now = ctx.now;
        let (kind, fields, text, msg): (&str, Vec<(&str, String)>, String, String) =
            if let Some(t) = &a.progress {
                let t = ctx.text_arg("--progress", t)?;
                session::log_progress_note(doc, &t, now);
                ("progress", vec![], t, "Progress noted".into())
            } else if let Some(t) = &a.decision {
                let t = ctx.text_arg("--decision", t)?;
                let r = ctx.opt_text("--rationale", a.rationale.as_ref())?;
                let o = ctx.opt_text("--options", a.options.as_ref())?;
                let c = ctx.opt_text("--context", a.context.as_ref())?;
                let n = session::log_decision(
                    doc,
                    &t,
                    now,
                    c.as_deref(),
                    o.as_deref(),
                    r.as_deref(),
                    &a.supersedes,
                )?;
                let mut f = vec![("n", n.to_string())];
                for (k, v) in [("rationale", r), ("options", o), ("context", c)] {
                    if let Some(v) = v {
                        f.push((k, v));
                    }
                }
                ("decision", f, t, format!("Decision {n} recorded"))
            } else if let Some(t) = &a.discovery {
                let t = ctx.text_arg("--discovery", t)?;
                let n = session::log_discovery(doc, &t, now);
                (
                    "discovery",
                    vec![("n", n.to_string())],
                    t,
                    format!("Discovery {n} recorded"),
                )
            } else if let Some(t) = &a.blocker {
                let t = ctx.text_arg("--blocker", t)?;
                let i = ctx.opt_text("--impact", a.impact.as_ref())?;
                let m = ctx.opt_text("--mitigation", a.mitigation.as_ref())?;
                let n = session::log_blocker(doc, &t, i.as_deref(), m.as_deref(), now);
                let mut f = vec![("n", n.to_string())];
                for (k, v) in [("impact", i), ("mitigation", m)] {
                    if let Some(v) = v {
                        f.push((k, v));
                    }
                }
                ("blocker", f, t, format!("Blocker {n} recorded"))
            } else if let Some(n) = a.resolve {
                let t = session::resolve_blocker(doc, n, now)?;
                (
                    "resolve",
                    vec![("n", n.to_string())],
                    t.clone(),
                    format!("Blocker {n} resolved: {t}"),
                )
            } else if let Some(t) = &a.next {
                let t = ctx.text_arg("--next", t)?;
                let msg = if session::log_next(doc, &t) {
                    "Next step added"
                } else {
                    "Next step already listed"
                };
                ("next", vec![], t, msg.into())
            } else if let Some(t) = &a.done {
                let t = ctx.text_arg("--done", t)?;
                let head = git::head_of(&ctx.store.project);
                let short = head.as_ref().and_then(|h| h.short());
                let note = session::done_note(now, short.as_deref());
                let found = session::log_done(doc, &t, &note);
                let title = found.title().to_string();
                let how = match &found {
                    Found::Exact(_) => "marked done",
                    Found::Fuzzy(_) => "matched and marked done",
                    Found::Added(_) => "not found among open steps; added as done",
                    Found::AlreadyDone(_) => "already done",
                };
                let mut f = vec![("step", title.clone())];
                if let Some(s) = short {
                    f.push(("commit", s));
                }
                ("done", f, title.clone(), format!("Step {how}: {title}"))
            } else if let Some(t) = &a.current {
                let t = ctx.text_arg("--current", t)?;
                let before = doc.get(Sec::Progress).map(str::to_owned);
                let found = session::log_current(doc, &t);
                let title = found.title().to_string();
                let msg = if doc.get(Sec::Progress).map(str::to_owned) == before {
                    format!("Current step unchanged: {title}")
                } else {
                    format!("Current step: {title}")
                };
                ("current", vec![], title.clone(), msg)
            } else if let Some(n) = a.drop_next {
                let t = session::drop_next(doc, n, now)?;
                (
                    "drop-next",
                    vec![("n", n.to_string())],
                    t.clone(),
                    format!("Next step {n} dropped: {t}"),
                )
            } else if let Some(v) = &a.replace_next {
                let n: usize = v[0].parse().map_err(|_| {
                    crate::error::UserError::new(format!(
                        "--replace-next takes a number first, not {:?}",
                        v[0]
                    ))
                    .hint("session-hook log --replace-next 2 \"the new words\"")
                })?;
                let t = ctx.text_arg("--replace-next", &v[1])?;
                let old = session::replace_next(doc, n, &t)?;
                (
                    "replace-next",
                    vec![("n", n.to_string()), ("was", old.clone())],
                    t.clone(),
                    format!("Next step {n} replaced: {old} -> {t}"),
                )
            } else {
                unreachable!("clap requires one entry flag")
            };
        // Every entry in the journal is activity on the session, even one
        // that changed nothing else (a step already listed), so the
        // document says when it was last worked on.
        session::touch(doc, now)?;
        let done = format!("{msg} in {}", doc.shortname());
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        open.journal(kind, now, &fields, &text);
        Ok(done)
    })?;
    println!("{msg}");
    Ok(())
}
