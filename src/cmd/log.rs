//! `session-hook log`: one entry into the session document and the journal.

use anyhow::Result;
use clap::{ArgGroup, Args};

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::doc::Sec;
use crate::doc::progress::Found;
use crate::error::UserError;
use crate::git;
use crate::session;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("entry").args(["progress", "decision", "discovery", "blocker", "resolve", "next", "done", "current", "drop_next", "replace_next"])))]
#[command(
    after_help = "Plain words work too: `session-hook log the header row must be quoted` is a progress note, and a leading `decision:`, `discovery:`, `blocker:`, `next:`, `done:` or `current:` makes it that kind of entry. A first word naming an open session picks that session: `session-hook log csv-export done: quote the header`."
)]
pub struct LogArgs {
    /// [NAME] then the entry in plain words (see below), or only NAME with a flag.
    #[arg(value_name = "WORDS")]
    pub words: Vec<String>,
    /// A progress note.
    #[arg(long)]
    pub progress: Option<String>,
    /// A decision (numbered and timed).
    #[arg(long)]
    pub decision: Option<String>,
    /// Why (with --decision).
    #[arg(long)]
    pub rationale: Option<String>,
    /// The options weighed (with --decision).
    #[arg(long)]
    pub options: Option<String>,
    /// The situation (with --decision).
    #[arg(long)]
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
    #[arg(long)]
    pub impact: Option<String>,
    /// How to get around it (with --blocker).
    #[arg(long)]
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

/// The kinds a plain-words entry can name with a leading `kind:`.
const PREFIXES: &[&str] = &[
    "decision",
    "discovery",
    "blocker",
    "next",
    "done",
    "current",
    "progress",
    "note",
];

/// Split `words` into an optional session name and, when no flag gave the
/// entry, the entry itself (kind from a `kind:` prefix, else a progress
/// note). A first word is a name only when it names an open session and
/// something follows it, or when a flag gives the entry.
fn from_words(ctx: &Ctx, a: &mut LogArgs) -> Result<Option<String>> {
    let flagged = a.progress.is_some()
        || a.decision.is_some()
        || a.discovery.is_some()
        || a.blocker.is_some()
        || a.resolve.is_some()
        || a.next.is_some()
        || a.done.is_some()
        || a.current.is_some()
        || a.drop_next.is_some()
        || a.replace_next.is_some();
    let mut words = std::mem::take(&mut a.words);
    if flagged {
        return match words.len() {
            0 => Ok(None),
            1 => Ok(words.pop()),
            _ => Err(UserError::new(format!(
                "plain words and an entry flag together: {:?}",
                words.join(" ")
            ))
            .hint("give the entry either as words (`log decision: use X`) or with a flag (`log --decision \"use X\"`), with at most a session name before a flag")
            .into()),
        };
    }
    let (name, text) = super::name_and_text(&ctx.store, &words);
    let text = text.trim();
    if text.is_empty() {
        return Err(UserError::new("nothing to log")
            .hint("write the entry in plain words (`session-hook log the parser handles CRLF now`), or with a flag such as --decision, --discovery, --blocker, --next, --done or --progress")
            .into());
    }
    let (kind, body) = match text.split_once(':') {
        Some((k, rest)) if PREFIXES.contains(&k.trim().to_ascii_lowercase().as_str()) => {
            (k.trim().to_ascii_lowercase(), rest.trim().to_string())
        }
        _ => ("progress".to_string(), text.to_string()),
    };
    let slot = match kind.as_str() {
        "decision" => &mut a.decision,
        "discovery" => &mut a.discovery,
        "blocker" => &mut a.blocker,
        "next" => &mut a.next,
        "done" => &mut a.done,
        "current" => &mut a.current,
        _ => &mut a.progress,
    };
    *slot = Some(body);
    Ok(name)
}

pub fn run(g: &Global, mut a: LogArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let name = from_words(&ctx, &mut a)?;
    // Checked here rather than by clap: `decision: ...` in plain words
    // takes a --rationale as well as --decision does.
    let (decision, blocker) = (a.decision.is_some(), a.blocker.is_some());
    for (flag, given, needs, with) in [
        ("--rationale", a.rationale.is_some(), "--decision", decision),
        ("--options", a.options.is_some(), "--decision", decision),
        ("--context", a.context.is_some(), "--decision", decision),
        ("--impact", a.impact.is_some(), "--blocker", blocker),
        ("--mitigation", a.mitigation.is_some(), "--blocker", blocker),
    ] {
        if given && !with {
            return Err(UserError::new(format!(
                "{flag} goes with a decision or blocker entry, and there is none"
            ))
            .hint(format!(
                "add {needs} \"...\" (or start the words with `{}:`)",
                needs.trim_start_matches('-')
            ))
            .into());
        }
    }
    let msg = ctx.edit(name.as_deref(), |open, ctx| {
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
