//! `session-hook resume`: pick a session up again. Prints what was said at
//! the pause and everything that changed in git since, then marks the
//! session active and binds it to this Claude session. A session that is
//! only on a snapshot ref (fetched with `sync pull`, or its files removed
//! from this store) is listed too, and restored from the ref when named.

use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::Args;

use crate::changes::{self, Depth, Outcome, Picked};
use crate::cli::Global;
use crate::cmd::{self, Ctx, Job};
use crate::doc::{Document, Status, Value};
use crate::error::UserError;
use crate::git::snapref::{self, RefSession};
use crate::snapshot::{self, Loaded};
use crate::store::{Meta, Store};
use crate::{clock, frame, fsutil, journal, names, session, verify};

#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// Session: a shortname, an id or id prefix, or a number from --list.
    pub name: Option<String>,
    /// Session id (or id prefix, or shortname) to resume.
    #[arg(long = "session-id", value_name = "ID", conflicts_with = "name")]
    pub session_id: Option<String>,
    /// Number the paused and active sessions, newest first, and stop.
    #[arg(long, conflicts_with_all = ["name", "session_id"])]
    pub list: bool,
}

/// One line of `--list`.
struct Row {
    meta: Meta,
    /// This machine's own (else it came from elsewhere).
    own: bool,
    paused_at: Option<DateTime<Utc>>,
    summary: Option<String>,
}

/// Paused and active sessions, newest first: the numbering of `--list`.
fn rows(store: &Store) -> Vec<Row> {
    let mut metas: Vec<Meta> = store
        .metas(false)
        .into_iter()
        .filter(|m| m.front.status.is_open())
        .collect();
    metas.sort_by(|a, b| {
        crate::provenance::updated_clamped(b)
            .cmp(&crate::provenance::updated_clamped(a))
            .then_with(|| a.shortname().cmp(b.shortname()))
    });
    let own = crate::provenance::Own::load(store);
    metas
        .into_iter()
        .map(|meta| {
            let snap = snapshot::latest(store, meta.id()).and_then(Result::ok);
            let paused_at = snap
                .as_ref()
                .and_then(|l| clock::parse(&l.snap.paused_at))
                .or_else(|| meta.front.paused_at.as_deref().and_then(clock::parse));
            let summary = snap.and_then(|l| l.snap.conversation.summary);
            Row {
                own: own.contains(meta.id()),
                meta,
                paused_at,
                summary,
            }
        })
        .collect()
}

/// Shortname and title of a session on a snapshot ref.
pub fn ref_names(s: &RefSession) -> (String, String) {
    match Document::parse(std::path::Path::new(&s.doc_path), s.doc_text.clone()) {
        Ok(d) => (d.shortname().to_string(), d.title()),
        Err(_) => (s.id.clone(), String::new()),
    }
}

/// Sessions on snapshot refs whose files are not in this store, newest
/// snapshot first, as `--list` numbers them after the store's sessions.
pub fn ref_only(store: &Store) -> Vec<RefSession> {
    let Some(repo) = crate::git::open(&store.project) else {
        return Vec::new();
    };
    let known: std::collections::HashSet<String> = store
        .metas(true)
        .into_iter()
        .map(|m| m.id().to_string())
        .collect();
    let mut v: Vec<RefSession> = snapref::list(&repo)
        .into_iter()
        .filter(|s| !known.contains(&s.id))
        .collect();
    v.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.id.cmp(&b.id)));
    v
}

pub fn run(g: &Global, a: ResumeArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let on_refs = ref_only(&ctx.store);
    if on_refs.is_empty() {
        ctx.store.require()?;
    }
    if a.list {
        // Painted after the text is made safe for a terminal, which would
        // take the colour out again.
        let text = frame::terminal(&render_list(&rows(&ctx.store), &on_refs, ctx.now)).into_owned();
        print!("{}", crate::style::Paint::stdout(g.color).statuses(&text));
        return Ok(());
    }
    if !ctx.store.exists() {
        // A fresh clone with sessions on fetched refs only.
        ctx.store.create_layout()?;
        if let Some(r) = crate::git::open(&ctx.store.project) {
            crate::git::exclude_store(&r, &ctx.store.dir)?;
        }
    }
    let _lock = crate::cmd::lock(&ctx.store)?;
    let meta = choose(
        &ctx,
        a.name.as_deref().or(a.session_id.as_deref()),
        &on_refs,
    )?;
    crate::cmd::refuse_closed(
        &meta,
        "closed",
        "; it cannot be resumed",
        "start a new session with `session-hook init`",
    )?;
    // Resuming is taking the session up: from now on it is this
    // machine's own, even if it was written elsewhere.
    crate::provenance::mark_own(
        &ctx.store,
        meta.id(),
        crate::provenance::How::Resumed,
        ctx.now,
    )?;
    let mut open = session::Open::load(&ctx.store, meta)?;
    let was = open.doc.front().status.clone();
    let picked = changes::pick(&ctx.store, &open.doc);
    let key_files = changes::key_files_of(&open.doc);
    let rel = fsutil::relative_to(&open.meta.path, &ctx.store.project)
        .display()
        .to_string();

    if was != Status::Active {
        open.doc
            .set_front(&[("status", Value::Str("active".into()))])?;
    }
    let claude = ctx
        .g
        .claude_session
        .as_deref()
        .and_then(names::safe_external_id);
    if let Some(c) = &claude {
        session::add_claude_session(&mut open.doc, c)?;
    }
    // Resuming is an event worth its time stamp even when nothing else in
    // the document changes.
    session::refresh_tldr(&mut open.doc);
    session::touch(&mut open.doc, ctx.now)?;

    // The change report is the slow part; the document and the binding do
    // not depend on it, so they are written meanwhile.
    let (store, doc, now) = (&ctx.store, &open.doc, ctx.now);
    let mut jobs: Vec<Job> = vec![Box::new(|| store.save(&open.meta.path, doc))];
    if let Some(c) = &claude {
        jobs.push(Box::new(move || {
            crate::binding::move_to(store, c, doc.id()).map(drop)
        }));
    }
    let baseline = picked.baseline.clone();
    let outcome = std::thread::scope(|sc| {
        let report =
            sc.spawn(|| changes::compute(&store.project, baseline, &key_files, Depth::Full));
        let written = cmd::concurrently(jobs);
        let outcome = report
            .join()
            .unwrap_or_else(|_| Outcome::Broken("the change report failed unexpectedly".into()));
        written.map(|()| outcome)
    })?;
    let view = session::view::View::with_journal(doc, store);
    let mut text = render(&view, &was, &picked, &outcome, &rel, now);
    text.push_str(&format!(
        "\n## Checkpoint Verification\n{}\n",
        verify::render(&verification(store, doc, &outcome))
    ));

    let mut fields: Vec<(&str, String)> = vec![("was", was.as_str().to_string())];
    if let Some(l) = &picked.snapshot {
        fields.push((
            "snapshot",
            fsutil::relative_to(&l.path, &store.project)
                .display()
                .to_string(),
        ));
    }
    if let Outcome::Ok(r) = &outcome
        && let Some(c) = r.head.short()
    {
        fields.push(("commit", c));
    }
    if let Some(c) = &claude {
        fields.push(("claude_session", c.clone()));
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    journal::write(
        store,
        doc.id(),
        "resume",
        now,
        &fields,
        &journal_text(&picked, &outcome),
    )?;
    print!("{}", frame::terminal(&text));
    Ok(())
}

/// The session to resume: a number from `--list`, a name, `--session`, the
/// session bound to this Claude session, else the newest paused one, else
/// the newest active one. A number or name that only a snapshot ref has
/// restores that session into the store first.
fn choose(ctx: &Ctx, name: Option<&str>, on_refs: &[RefSession]) -> Result<Meta> {
    if let Some(n) = name {
        // A number is the one the user just saw in `--list`.
        if let Ok(i) = n.parse::<usize>() {
            let rows = rows(&ctx.store);
            if (1..=rows.len()).contains(&i) {
                return Ok(rows.into_iter().nth(i - 1).expect("in range").meta);
            }
            if let Some(s) = i.checked_sub(rows.len() + 1).and_then(|k| on_refs.get(k)) {
                return restore(ctx, s);
            }
        }
        return match ctx.store.resolve(Some(n), None) {
            Ok(m) => Ok(m),
            Err(e) => {
                let hits: Vec<&RefSession> = on_refs
                    .iter()
                    .filter(|s| ref_names(s).0 == n || (n.len() >= 4 && s.id.starts_with(n)))
                    .collect();
                match hits.as_slice() {
                    [one] => restore(ctx, one),
                    _ => Err(e),
                }
            }
        };
    }
    if ctx.g.session.is_some() {
        return ctx.resolve(None);
    }
    let (every, bad) = ctx.store.list_split(false);
    // Without a name only this machine's own sessions are candidates: a
    // session from elsewhere is taken up by naming it.
    let own = crate::provenance::Own::load(&ctx.store);
    let all: Vec<Meta> = own.filter(&every).into_iter().cloned().collect();
    if let Some(c) = ctx.g.claude_session.as_deref()
        && let Some(id) = ctx.store.bound(c)
        && let Some(m) = all.iter().find(|m| m.id() == id)
    {
        return Ok(m.clone());
    }
    let chosen = crate::store::latest(&all, |s| *s == Status::Paused)
        .or_else(|| crate::store::latest(&all, |s| *s == Status::Active));
    // An unreadable file newer than the pick may be the session meant.
    crate::store::Store::unshadowed(&bad, chosen)?
        .cloned()
        .ok_or_else(|| {
            let hint = match crate::store::latest(&every, |s| s.is_open()) {
                Some(f) => crate::provenance::foreign_pointer(f, "session-hook resume"),
                None => "start one with `session-hook init --goal \"...\"`".to_string(),
            };
            UserError::new("no paused or active session of this machine to resume")
                .hint(hint)
                .into()
        })
}

/// Bring a session's files back from its snapshot ref.
fn restore(ctx: &Ctx, s: &RefSession) -> Result<Meta> {
    let repo = crate::git::open(&ctx.store.project)
        .ok_or_else(|| UserError::new("the git repository cannot be read"))?;
    let made = snapref::restore(&repo, s, &ctx.store.dir)?;
    println!(
        "Restored {} from {} ({} file{}).",
        ref_names(s).0,
        s.refname,
        made.len(),
        if made.len() == 1 { "" } else { "s" }
    );
    ctx.store.resolve(Some(&s.id), None)
}

fn render_list(rows: &[Row], on_refs: &[RefSession], now: DateTime<Utc>) -> String {
    if rows.is_empty() && on_refs.is_empty() {
        return "No paused or active sessions.\n".into();
    }
    let mut out = String::from("Paused and active sessions, newest first:\n\n");
    for (i, r) in rows.iter().enumerate() {
        let status = r.meta.front.status.as_str();
        let when = match r.paused_at {
            Some(t) => format!(
                "{} {} ({})",
                if r.meta.front.status == Status::Paused {
                    "paused"
                } else {
                    "last paused"
                },
                clock::short(t),
                clock::ago(t, now)
            ),
            None => "never paused".into(),
        };
        let from = if r.own { "" } else { "  (created elsewhere)" };
        out.push_str(&format!(
            "  {:>2}. {}  [{status}]  {when}{from}\n",
            i + 1,
            frame::one_line(r.meta.shortname(), 80)
        ));
        match &r.summary {
            Some(s) => out.push_str(&format!("      Summary: {}\n", frame::one_line(s, 300))),
            None => {
                if let Some(t) = r.meta.front.title.as_deref() {
                    out.push_str(&format!("      Title: {}\n", frame::one_line(t, 200)));
                }
            }
        }
    }
    if !on_refs.is_empty() {
        out.push_str("\nOnly on snapshot refs (resuming one restores its files):\n\n");
        for (k, s) in on_refs.iter().enumerate() {
            // Fetched from someone's clone: one line each, no escapes.
            let (name, title) = ref_names(s);
            let (name, title) = (frame::one_line(&name, 80), frame::one_line(&title, 200));
            let when = chrono::TimeZone::timestamp_opt(&Utc, s.time, 0)
                .single()
                .map(|t| format!("snapshot {} ({})", clock::short(t), clock::ago(t, now)))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {:>2}. {name}  [{}]  {when}\n",
                rows.len() + k + 1,
                s.refname
            ));
            if !title.is_empty() {
                out.push_str(&format!("      Title: {title}\n"));
            }
        }
    }
    out.push_str("\nResume one with: session-hook resume N (or its name)\n");
    out
}

/// The resume text: who, when, what was said at the pause, where the work
/// stands, then the change report.
fn render(
    v: &session::view::View,
    was: &Status,
    picked: &Picked,
    outcome: &Outcome,
    rel: &str,
    now: DateTime<Utc>,
) -> String {
    let snap = picked.snapshot.as_ref().map(|l: &Loaded| &l.snap);
    let mut out = format!("# Resuming Session: {} ({})\n", v.shortname, v.title);
    let paused = snap
        .and_then(|s| clock::parse(&s.paused_at))
        .or_else(|| v.paused_at.as_deref().and_then(clock::parse));
    match paused {
        Some(t) => out.push_str(&format!(
            "Paused at {} ({}). Status was {}. File: {rel}\n",
            clock::short(t),
            clock::ago(t, now),
            was.as_str()
        )),
        None => out.push_str(&format!(
            "Never paused. Status was {}. File: {rel}\n",
            was.as_str()
        )),
    }
    if let Some(g) = &v.goal {
        out.push_str(&format!("Goal: {g}\n"));
    }

    // The summary given at the pause, unless the TL;DR was written after
    // it; with its age, and said to be older than the work when entries or
    // a compaction came after it.
    let written = v.tldr.written.as_deref().and_then(clock::parse);
    let at_pause = snap.and_then(|s| s.conversation.summary.clone());
    let summary = match (&v.tldr.text, at_pause) {
        (Some(t), _) if written.zip(paused).is_some_and(|(w, p)| w > p) => Some(t.clone()),
        (_, Some(s)) => Some(s),
        (t, None) => t.clone(),
    };
    if let Some(t) = summary.filter(|t| !t.trim().is_empty()) {
        let stale = if v.tldr.is_stale() {
            "; older than the latest work, see Now below"
        } else {
            ""
        };
        out.push_str(&format!(
            "\n## Summary\n{}\n_({}{stale})_\n",
            t.trim(),
            session::view::tldr_age(&v.tldr, now)
        ));
    }
    let acc = snap
        .map(|s| s.conversation.accomplishments.clone())
        .unwrap_or_default();
    if !acc.is_empty() {
        out.push_str(&format!("\n## Accomplishments ({})\n", acc.len()));
        for a in &acc {
            out.push_str(&format!("- {a}\n"));
        }
    }
    out.push_str(&format!(
        "\n## Now\nCurrent step: {}\n{}/{} steps complete\n",
        v.current_line(),
        v.done,
        v.total
    ));
    for n in v.last_notes(2) {
        out.push_str(&format!("Note: {n}\n"));
    }
    if !v.next.is_empty() {
        out.push_str(&format!("\n## Next Steps ({})\n", v.next.len()));
        for (i, n) in v.next.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, n.text));
        }
    }
    let blockers: Vec<_> = v.open_blockers().collect();
    if !blockers.is_empty() {
        out.push_str("\n## Open Blockers\n");
        for b in blockers {
            out.push_str(&format!("- {}\n", b.text));
        }
    }
    out.push('\n');
    out.push_str(&changes::render_long(outcome, &picked.baseline, now));
    out.push_str("\nFull session: `session-hook view`.\n");
    out
}

/// The recorded checkpoint (branch, commit, uncommitted files) against
/// the state the change report just read, so git is scanned once.
fn verification(store: &Store, doc: &Document, outcome: &Outcome) -> verify::Verification {
    let Outcome::Ok(r) = outcome else {
        return verify::Verification::NotGit;
    };
    let rec = verify::recorded(store, doc);
    let now = verify::GitNow {
        branch: r.head.branch.clone(),
        commit: r.head.commit.clone(),
        uncommitted: r.now.all(),
        unknown: r.now.unknown.clone(),
    };
    let relation = git2::Repository::open(&store.project)
        .map(|repo| verify::relation(&repo, rec.commit.as_deref()))
        .unwrap_or(verify::Relation::Missing);
    verify::compare(&rec, &now, relation)
}

fn journal_text(picked: &Picked, outcome: &Outcome) -> String {
    let what = match outcome {
        Outcome::NotGit => "not a git repository".to_string(),
        Outcome::Broken(e) => format!("git unreadable: {e}"),
        Outcome::Ok(r) => format!(
            "{} new commit(s), {} uncommitted file(s), {} potential conflict(s)",
            r.commit_count,
            r.now.all().len(),
            r.conflicts.len()
        ),
    };
    let mut t = format!("Resumed: {what}");
    for n in &picked.baseline.notes {
        t.push_str(&format!("\nWarning: {n}"));
    }
    t
}
