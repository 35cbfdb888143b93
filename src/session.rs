//! Domain operations on one session document, shared by the commands and
//! the hooks. Each operation edits only the section it is about.

pub mod tasks;
pub mod view;

use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::clock;
use crate::doc::progress::{Found, Progress};
use crate::doc::sections as s;
use crate::doc::{Document, Sec, Value};
use crate::error::UserError;
use crate::store::{Meta, Store};

/// What `init` needs to write a new document.
pub struct NewSession<'a> {
    pub id: &'a str,
    pub shortname: &'a str,
    pub title: &'a str,
    pub goal: Option<&'a str>,
    pub task_ids: &'a [String],
    pub now: DateTime<Utc>,
    pub git: Option<&'a crate::git::Head>,
    pub claude: Option<&'a str>,
    pub phases: &'a [String],
    /// Steps to put under Remaining (with optional group headings), as
    /// markdown lines.
    pub remaining: Option<String>,
}

pub fn render_new(n: &NewSession) -> String {
    let now = clock::iso(n.now);
    let mut fm = String::new();
    let branch = n.git.and_then(|g| g.branch.as_deref());
    let commit = n.git.and_then(|g| g.short());
    let pairs: Vec<(&str, Value)> = vec![
        ("id", Value::Str(n.id.into())),
        ("shortname", Value::Str(n.shortname.into())),
        ("title", Value::Str(n.title.into())),
        ("status", Value::Str("active".into())),
        ("task_ids", Value::List(n.task_ids.to_vec())),
        ("created_at", Value::Str(now.clone())),
        ("updated_at", Value::Str(now)),
        ("compaction_count", Value::Int(0)),
        ("git_branch", Value::opt(branch)),
        ("git_last_commit", Value::opt(commit.as_deref())),
        ("paused_at", Value::Null),
        ("closed_at", Value::Null),
        ("close_reason", Value::Null),
        (
            "claude_sessions",
            Value::List(n.claude.map(|c| vec![c.to_string()]).unwrap_or_default()),
        ),
    ];
    for (k, v) in &pairs {
        fm.push_str(&crate::doc::frontmatter::render_entry(k, v));
    }
    if !n.phases.is_empty() {
        fm.push_str(&crate::doc::frontmatter::render_entry(
            "phases",
            &Value::List(n.phases.to_vec()),
        ));
    }
    fm.push_str(&crate::doc::frontmatter::render_entry(
        "schema_version",
        &Value::Int(crate::doc::frontmatter::SCHEMA_VERSION),
    ));
    let goal = n
        .goal
        .map(s::one_line)
        .unwrap_or_else(|| n.title.to_string());
    let remaining = n.remaining.clone().unwrap_or_default();
    format!(
        "---\n{fm}---\n\n# Session: {title}\n\n## TL;DR (Read This First)\nGoal: {goal}. Nothing logged yet; refresh this paragraph with `session-hook checkpoint --tldr \"...\"`.\n\n**Progress**: 0/0 steps complete\n**Current**: none\n**Blocker**: None\n\n## Context\n**Objective**: {goal}\n\n**Key Files**:\n- (none yet)\n\n**Key Context** (survives compaction):\n- (none yet)\n\n## Progress\n### Completed\n\n### In Progress\n\n### Remaining\n{remaining}\n## Decisions\n\n## Discoveries\n\n## Blockers\n- None currently\n\n## Next Steps\n",
        title = s::one_line(n.title),
    )
}

/// The progress model of a document.
pub fn progress(doc: &Document) -> Progress {
    Progress::parse(doc.get(Sec::Progress).unwrap_or(""))
}

/// The progress model to edit: every step has an id, so whatever the edit
/// does can be said of one step.
pub fn progress_for_edit(doc: &Document) -> Progress {
    let mut p = progress(doc);
    p.ensure_ids();
    p
}

/// Write an edited progress model back, if it changed.
pub fn set_progress(doc: &mut Document, p: &Progress) {
    let new = p.render();
    if doc.get(Sec::Progress) != Some(new.as_str()) {
        doc.set(Sec::Progress, &new);
    }
}

/// Take a step's title off the Next Steps list: the step itself is listed
/// there while it is open, and nowhere once done, dropped or renamed.
fn unlist_next(doc: &mut Document, title: &str) {
    if let Some(new) = doc
        .get(Sec::NextSteps)
        .and_then(|c| s::remove_next_step(c, title))
    {
        doc.set(Sec::NextSteps, &new);
    }
}

/// Complete the step `id` (by any route: log, a task, a todo, pause).
pub fn complete_step(doc: &mut Document, p: &mut Progress, id: &str, note: Option<&str>) -> bool {
    let changed = p.complete(id, note);
    if let Some(t) = p.by_id(id).map(|i| i.title.clone()) {
        unlist_next(doc, &t);
    }
    changed
}

/// Rename the step `id` in place, and its line in Next Steps with it.
pub fn rename_step(doc: &mut Document, p: &mut Progress, id: &str, title: &str) -> bool {
    let Some(old) = p.rename(id, title) else {
        return false;
    };
    let content = doc.get(Sec::NextSteps).unwrap_or("").to_string();
    let items = s::next_steps(&content);
    let new_title = p.by_id(id).map(|i| i.title.clone()).unwrap_or_default();
    let already = items
        .iter()
        .any(|t| crate::doc::progress::same_title(t, &new_title));
    match items
        .iter()
        .position(|t| crate::doc::progress::same_title(t, &old))
    {
        Some(k) if !already => {
            if let Some(new) = s::edit_next_step(&content, k, Some(&new_title)) {
                doc.set(Sec::NextSteps, &new);
            }
        }
        _ => unlist_next(doc, &old),
    }
    true
}

/// Mark the step `id` dropped (kept, no longer open).
pub fn drop_step(doc: &mut Document, p: &mut Progress, id: &str, note: &str) -> bool {
    let changed = p.drop_step(id, note);
    if let Some(t) = p.by_id(id).map(|i| i.title.clone()) {
        unlist_next(doc, &t);
    }
    changed
}

/// The `n`th (1-based) item of Next Steps as every output numbers them.
fn next_item(doc: &Document, n: usize) -> Result<view::Next> {
    let v = view::View::steps_of(doc);
    if n == 0 || n > v.next.len() {
        return Err(UserError::new(format!(
            "there is no next step {n} ({} listed)",
            v.next.len()
        ))
        .hint("see the numbers with `session-hook view`")
        .into());
    }
    Ok(v.next[n - 1].clone())
}

/// `log --drop-next N`: a step is marked dropped, a free-form item removed.
/// Returns the item's text.
pub fn drop_next(doc: &mut Document, n: usize, now: DateTime<Utc>) -> Result<String> {
    let item = next_item(doc, n)?;
    match &item.step {
        Some(id) => {
            let mut p = progress_for_edit(doc);
            drop_step(doc, &mut p, id, &clock::short(now));
            set_progress(doc, &p);
        }
        None => unlist_next(doc, &item.text),
    }
    Ok(item.text)
}

/// `log --replace-next N TEXT`: a step is renamed, a free-form item
/// rewritten. Returns the old text.
pub fn replace_next(doc: &mut Document, n: usize, text: &str) -> Result<String> {
    let item = next_item(doc, n)?;
    let text = s::one_line(text);
    match &item.step {
        Some(id) => {
            let mut p = progress_for_edit(doc);
            rename_step(doc, &mut p, id, &text);
            set_progress(doc, &p);
        }
        None => {
            let content = doc.get(Sec::NextSteps).unwrap_or("").to_string();
            let k = s::next_steps(&content)
                .iter()
                .position(|t| crate::doc::progress::same_title(t, &item.text));
            if let Some(new) = k.and_then(|k| s::edit_next_step(&content, k, Some(&text))) {
                doc.set(Sec::NextSteps, &new);
            }
        }
    }
    Ok(item.text)
}

/// Replace the TL;DR paragraph, dated `now`.
pub fn set_tldr(doc: &mut Document, text: &str, now: DateTime<Utc>) {
    let new = s::tldr_set_paragraph(
        doc.get(Sec::Tldr).unwrap_or(""),
        text,
        Some(&clock::iso(now)),
    );
    doc.set(Sec::Tldr, &new);
}

pub fn open_blockers(doc: &Document) -> Vec<s::Blocker> {
    s::blockers(doc.get(Sec::Blockers).unwrap_or(""))
        .into_iter()
        .filter(|b| b.open)
        .collect()
}

/// Recompute the TL;DR status lines from the other sections.
pub fn refresh_tldr(doc: &mut Document) {
    let v = view::View::steps_of(doc);
    let (done, total) = (v.done, v.total);
    let current = match v.current_position() {
        Some(i) => format!("{} (step {i})", v.current_line()),
        None => v.current_line(),
    };
    let blockers = open_blockers(doc);
    let blocker = match blockers.len() {
        0 => "None".to_string(),
        1 => blockers[0].text.clone(),
        n => format!("{} (+{} more)", blockers[0].text, n - 1),
    };
    let progress = format!("{done}/{total} steps complete");
    let old = doc.get(Sec::Tldr).unwrap_or("").to_string();
    let new = s::tldr_set_status(&old, [&progress, &current, &blocker]);
    if new != old {
        doc.set(Sec::Tldr, &new);
    }
}

pub fn touch(doc: &mut Document, now: DateTime<Utc>) -> Result<()> {
    doc.set_front(&[("updated_at", Value::Str(clock::iso(now)))])?;
    Ok(())
}

/// `(stamp, short hash)` note for a completed step.
pub fn done_note(now: DateTime<Utc>, head_short: Option<&str>) -> String {
    match head_short {
        Some(h) => format!("{}, {h}", clock::short(now)),
        None => clock::short(now),
    }
}

pub fn log_done(doc: &mut Document, text: &str, note: &str) -> Found {
    let mut p = progress_for_edit(doc);
    let found = p.done(text, note);
    set_progress(doc, &p);
    unlist_next(doc, found.title());
    found
}

/// Complete the step of this title (as a person compares titles), or add
/// it as done: the route of `pause -a` and of phases checked off by hand.
pub fn accomplish(doc: &mut Document, text: &str, note: Option<&str>) {
    let mut p = progress_for_edit(doc);
    let id = p
        .find_title(text, false)
        .unwrap_or_else(|| p.add(text, crate::doc::progress::Sub::Remaining));
    complete_step(doc, &mut p, &id, note);
    set_progress(doc, &p);
}

pub fn log_current(doc: &mut Document, text: &str) -> Found {
    let mut p = progress_for_edit(doc);
    let f = p.set_current(text);
    set_progress(doc, &p);
    f
}

/// Add a next step: a line under Next Steps and a step under Remaining,
/// unless a step of that title is already open or done (then a done step
/// is not listed again). Returns false when nothing changed.
pub fn log_next(doc: &mut Document, text: &str) -> bool {
    let t = s::one_line(text);
    let mut p = progress_for_edit(doc);
    let existing = p.find_title(&t, false);
    let is_done = existing
        .as_deref()
        .and_then(|id| p.by_id(id))
        .is_some_and(|i| i.done);
    if is_done {
        return false;
    }
    let added = p.add_remaining(&t).is_some();
    set_progress(doc, &p);
    let listed = s::next_steps(doc.get(Sec::NextSteps).unwrap_or(""))
        .iter()
        .any(|n| crate::doc::progress::same_title(n, &t));
    if !listed && let Some(new) = s::add_next_step(doc.get(Sec::NextSteps).unwrap_or(""), &t) {
        doc.set(Sec::NextSteps, &new);
        return true;
    }
    added
}

pub fn log_progress_note(doc: &mut Document, text: &str, now: DateTime<Utc>) {
    // Progress notes go under their own sub-heading so they never count as
    // steps.
    let mut p = doc.get(Sec::Progress).unwrap_or("").to_string();
    if !p.is_empty() && !p.ends_with('\n') {
        p.push('\n');
    }
    let line = format!("- ({}) {}", clock::short(now), s::one_line(text));
    // The `### Notes` line itself: not `#### Notes`, not words in a line.
    let mut pos = 0;
    let notes = p.split_inclusive('\n').find_map(|l| {
        pos += l.len();
        (l.trim_end() == "### Notes").then_some(pos)
    });
    if let Some(after) = notes {
        // Up to the next sub-heading, which may follow right away.
        let end = p[after - 1..].find("\n### ").map_or(p.len(), |e| after + e);
        let mut block = p[after..end].trim_end().to_string();
        if !block.is_empty() {
            block.push('\n');
        }
        block.push_str(&line);
        block.push('\n');
        if end < p.len() {
            block.push('\n');
        }
        p.replace_range(after..end, &block);
    } else {
        let t = p.trim_end().to_string();
        p = format!("{t}\n\n### Notes\n{line}\n");
    }
    doc.set(Sec::Progress, &p);
}

/// A decision; the ones it supersedes (`supersedes`, plus any "supersedes
/// decision N" in its words) are marked so. Nothing is written when one of
/// them cannot be marked.
pub fn log_decision(
    doc: &mut Document,
    text: &str,
    now: DateTime<Utc>,
    context: Option<&str>,
    options: Option<&str>,
    rationale: Option<&str>,
    supersedes: &[usize],
) -> Result<usize> {
    let mut old: Vec<usize> = supersedes.to_vec();
    for n in s::supersedes_in(text) {
        if !old.contains(&n) {
            old.push(n);
        }
    }
    let content = doc.get(Sec::Decisions).unwrap_or("").to_string();
    let stamp = clock::short(now);
    let (n, block) = s::decision_block(&content, text, &stamp, context, options, rationale, &old);
    let mut marked = content;
    for o in &old {
        marked = s::supersede_decision(&marked, *o, n, &stamp).map_err(|e| {
            UserError::new(e).hint("see the numbers with `session-hook view --decisions`")
        })?;
    }
    if !old.is_empty() {
        doc.set(Sec::Decisions, &marked);
    }
    doc.append(Sec::Decisions, &block);
    Ok(n)
}

pub fn log_discovery(doc: &mut Document, text: &str, now: DateTime<Utc>) -> usize {
    let (n, line) = s::discovery_line(
        doc.get(Sec::Discoveries).unwrap_or(""),
        text,
        &clock::short(now),
    );
    doc.append(Sec::Discoveries, &line);
    n
}

pub fn log_blocker(
    doc: &mut Document,
    text: &str,
    impact: Option<&str>,
    mitigation: Option<&str>,
    now: DateTime<Utc>,
) -> usize {
    let (n, new) = s::add_blocker(
        doc.get(Sec::Blockers).unwrap_or(""),
        text,
        impact,
        mitigation,
        &clock::short(now),
    );
    doc.set(Sec::Blockers, &new);
    n
}

pub fn resolve_blocker(doc: &mut Document, n: usize, now: DateTime<Utc>) -> Result<String> {
    let (new, text) =
        s::resolve_blocker(doc.get(Sec::Blockers).unwrap_or(""), n, &clock::short(now)).map_err(
            |e| UserError::new(e).hint("see the numbers with `session-hook view --blockers`"),
        )?;
    doc.set(Sec::Blockers, &new);
    Ok(text)
}

/// Record a file touched by an edit tool. Returns false if it was listed.
pub fn add_file_modified(doc: &mut Document, rel: &str) -> bool {
    let cur = doc.get(Sec::FilesModified).unwrap_or("");
    if s::files(cur).iter().any(|f| f == rel) {
        return false;
    }
    doc.append(Sec::FilesModified, &s::add_file_line(rel));
    true
}

/// Add a Claude session id to `claude_sessions` (once).
pub fn add_claude_session(doc: &mut Document, claude: &str) -> Result<bool> {
    let mut list = doc.front().claude_sessions.clone();
    if list.iter().any(|c| c == claude) {
        return Ok(false);
    }
    list.push(claude.to_string());
    doc.set_front(&[("claude_sessions", Value::List(list))])?;
    Ok(true)
}

/// Refresh the git fields of the frontmatter.
pub fn set_git_fields(doc: &mut Document, head: Option<&crate::git::Head>) -> Result<()> {
    if let Some(h) = head {
        doc.set_front(&[
            ("git_branch", Value::opt(h.branch.as_deref())),
            ("git_last_commit", Value::opt(h.short().as_deref())),
        ])?;
    }
    Ok(())
}

/// The quick-context file `journal/<id>/progress.md`.
pub fn progress_md(doc: &Document, now: DateTime<Utc>) -> String {
    let p = progress(doc);
    let (done, total) = p.counts();
    let mut out = format!(
        "# Quick context: {}\n\nRefreshed {}. Session file: status {}, {} compaction(s).\n\n",
        doc.title(),
        clock::iso(now),
        doc.front().status.as_str(),
        doc.front().compaction_count
    );
    let v = view::View::steps_of(doc);
    let tldr = v
        .tldr
        .text
        .clone()
        .unwrap_or_else(|| "(no summary yet)".into());
    out.push_str(&format!(
        "## TL;DR\n{tldr}\n\n**Progress**: {done}/{total} steps complete\n**Current**: {}\n",
        v.current_line()
    ));
    let ctx = s::labelled_block(doc.get(Sec::Context).unwrap_or(""), "Key Context");
    if !ctx.is_empty() {
        out.push_str("\n## Key Context\n");
        for l in ctx {
            out.push_str(&l);
            out.push('\n');
        }
    }
    let blockers = open_blockers(doc);
    if !blockers.is_empty() {
        out.push_str("\n## Open Blockers\n");
        for b in blockers {
            out.push_str(&format!("- {}\n", b.text));
        }
    }
    if !v.next.is_empty() {
        out.push_str("\n## Next Steps\n");
        for (i, n) in v.next.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, n.text));
        }
    }
    out
}

/// Where a session's quick-context file lives.
pub fn progress_md_path(store: &Store, id: &str) -> PathBuf {
    store.journal_dir(id).join("progress.md")
}

pub fn write_progress_md(store: &Store, doc: &Document, now: DateTime<Utc>) -> Result<PathBuf> {
    let p = progress_md_path(store, doc.id());
    let dir = p.parent().expect("a file in the journal folder");
    crate::fsutil::ensure_private_dir(dir)?;
    // A writer killed mid-write leaves its temp file here, and this folder
    // is committed: clear out old ones (one small folder, so cheap).
    crate::fsutil::sweep_temp_files(dir, crate::fsutil::STALE_TEMP_AGE);
    crate::fsutil::atomic_write(&p, progress_md(doc, now).as_bytes())?;
    Ok(p)
}

/// A write that describes the document (a journal entry, the quick-context
/// file) and so must not happen unless the document itself was saved.
type AfterSave = Box<dyn FnOnce(&Store, &Document) -> Result<()>>;

/// A loaded session ready for editing.
pub struct Open {
    pub meta: Meta,
    pub doc: Document,
    saved_revision: u64,
    after_save: Vec<AfterSave>,
}

impl Open {
    pub fn load(store: &Store, meta: Meta) -> Result<Open> {
        Self::from_doc(store.load(&meta.path)?, meta)
    }

    fn from_doc(doc: Document, meta: Meta) -> Result<Open> {
        let saved_revision = doc.revision();
        Ok(Open {
            meta,
            doc,
            saved_revision,
            after_save: Vec::new(),
        })
    }

    /// Run `f` once the document is saved (or found unchanged), still under
    /// the caller's lock. A refused or failed save runs none of them, so
    /// the journal never records an edit the document does not have.
    pub fn after_save(&mut self, f: impl FnOnce(&Store, &Document) -> Result<()> + 'static) {
        self.after_save.push(Box::new(f));
    }

    /// Queue one journal entry about this session (see [`Open::after_save`]).
    pub fn journal(
        &mut self,
        kind: &'static str,
        at: DateTime<Utc>,
        fields: &[(&str, &str)],
        text: &str,
    ) {
        let fields: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let text = text.to_string();
        self.after_save(move |store, doc| {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            crate::journal::write(store, doc.id(), kind, at, &fields, &text).map(drop)
        });
    }

    pub fn changed(&self) -> bool {
        self.doc.revision() != self.saved_revision
    }

    /// Save if anything changed: TL;DR status lines and `updated_at` are
    /// refreshed first. Returns whether a write happened.
    pub fn save(&mut self, store: &Store, now: DateTime<Utc>) -> Result<bool> {
        if !self.after_save.is_empty() {
            crate::journal::prepare(store, self.doc.id())?;
        }
        let saved = self.save_document(store, now)?;
        for f in std::mem::take(&mut self.after_save) {
            f(store, &self.doc)?;
        }
        Ok(saved)
    }

    fn save_document(&mut self, store: &Store, now: DateTime<Utc>) -> Result<bool> {
        if !self.changed() {
            return Ok(false);
        }
        let pending = store.unlisted(self.doc.id());
        for (c, _) in &pending {
            add_claude_session(&mut self.doc, c)?;
        }
        refresh_tldr(&mut self.doc);
        touch(&mut self.doc, now)?;
        store.save(&self.meta.path, &self.doc)?;
        for (_, marker) in pending {
            let _ = crate::fsutil::remove(&marker);
        }
        self.saved_revision = self.doc.revision();
        Ok(true)
    }
}
