//! `session-hook init`: start a new session.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::doc::Document;
use crate::error::UserError;
use crate::phases::{self, Phase};
use crate::session::{self, NewSession};
use crate::{fsutil, git, journal, names, verify};

#[derive(Debug, Args)]
#[command(
    after_help = "The goal can be given as plain words: `session-hook init Build the CSV exporter`."
)]
pub struct InitArgs {
    /// What this piece of work is for, in plain words (or use --goal).
    #[arg(value_name = "GOAL", conflicts_with = "goal")]
    pub words: Vec<String>,
    /// Shortname (default: a slug of the goal).
    #[arg(long)]
    pub name: Option<String>,
    /// What this piece of work is for.
    #[arg(long)]
    pub goal: Option<String>,
    /// Title (default: the goal).
    #[arg(long)]
    pub title: Option<String>,
    /// Link a task id (repeatable).
    #[arg(long = "task", value_name = "ID")]
    pub task: Vec<String>,
    /// Link several task ids, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub tasks: Vec<String>,
    /// Read the steps from an IMPLEMENTATION_PHASES.md: `## Phase N: Title
    /// (Size)` headings and their deliverable bullets, grouped by phase.
    #[arg(long, value_name = "FILE")]
    pub from_phases: Option<PathBuf>,
}

pub fn run(g: &Global, a: InitArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let words = (!a.words.is_empty()).then(|| a.words.join(" "));
    let goal = ctx.opt_text("--goal", a.goal.as_ref().or(words.as_ref()))?;
    let title = ctx.opt_text("--title", a.title.as_ref())?;
    let plan = match &a.from_phases {
        Some(p) => Some(read_phases(&ctx, p)?),
        None => None,
    };
    // A plan's own title says what the work is for better than the
    // folder's name does.
    let goal = goal.or_else(|| {
        plan.as_ref()
            .and_then(|f| f.title.as_deref())
            .map(|t| phases::session_title(Some(t), &ctx.store.project))
            .filter(|t| !t.is_empty())
    });
    let others: Vec<String> = ctx
        .store
        .metas(false)
        .into_iter()
        .filter(|m| m.front.status == crate::doc::Status::Active)
        .map(|m| m.shortname().to_string())
        .collect();
    let title = title.or_else(|| goal.clone()).or_else(|| {
        plan.as_ref()
            .map(|f| phases::session_title(f.title.as_deref(), &ctx.store.project))
    });
    let shortname = match a.name.as_deref() {
        Some(n) => n.to_string(),
        None => names::slug(goal.as_deref().or(title.as_deref()).unwrap_or("")),
    };
    if shortname.is_empty() {
        return Err(UserError::new("a session needs a name")
            .hint("give the goal in words (`session-hook init Fix the login race`), or pass --name fix-login")
            .into());
    }
    let mut task_ids: Vec<String> = Vec::new();
    for t in a
        .task
        .iter()
        .chain(&a.tasks)
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        names::validate("task id", t)?;
        if !task_ids.iter().any(|x| x == t) {
            task_ids.push(t.to_string());
        }
    }
    let phases = plan.as_ref().map(|f| f.phases.clone()).unwrap_or_default();
    let mut fields = Vec::new();
    if let Some(p) = &a.from_phases {
        fields.push(("phases_file", p.display().to_string()));
    }
    let title = title.unwrap_or_else(|| shortname.clone());
    let mut journal_files = Vec::new();
    if !phases.is_empty() {
        let map = phases::PhaseMap::of(&phases);
        let json = serde_json::to_string_pretty(&map).expect("plain data serialises");
        journal_files.push((phases::MAP_FILE, format!("{json}\n").into_bytes()));
    }
    let created = create(
        &ctx,
        Spec {
            shortname,
            on_clash: Clash::Refuse,
            title: title.clone(),
            goal,
            task_ids: task_ids.clone(),
            phases: phases.iter().map(Phase::label).collect(),
            remaining: (!phases.is_empty()).then(|| phases::remaining_block(&phases)),
            journal_kind: "init",
            journal_fields: fields,
            journal_text: format!("Session started: {title}"),
            journal_files,
        },
        |doc| {
            // Deliverables already checked in the phases file start out
            // completed (without a time or commit: we do not know them).
            let done: Vec<&str> = phases
                .iter()
                .flat_map(|p| p.steps.iter())
                .filter(|s| s.done)
                .map(|s| s.text.as_str())
                .collect();
            for d in done {
                session::accomplish(doc, d, None);
            }
        },
    )?;
    let rel = fsutil::relative_to(&created.path, &ctx.store.project);
    println!("Session started: {}", created.shortname);
    println!("  id:     {}", created.id);
    println!("  file:   {}", rel.display());
    if let Some(h) = &created.head {
        println!(
            "  branch: {} @ {}",
            h.branch.as_deref().unwrap_or("(detached)"),
            h.short().unwrap_or_else(|| "(no commits)".into())
        );
    }
    if !task_ids.is_empty() {
        println!("  tasks:  {}", task_ids.join(", "));
    }
    if let Some(c) = &created.claude {
        println!("  bound to Claude session {c}");
    }
    if !others.is_empty() {
        let (n, s) = if others.len() == 1 {
            ("Another session is", "")
        } else {
            ("Other sessions are", "s")
        };
        println!(
            "  note:   {n} active too: {}. Commands run in a terminal without a name now act on {} (the newest); name another one with --session or as the first word{s}.",
            others.join(", "),
            created.shortname
        );
    }
    if !phases.is_empty() {
        let steps: usize = phases.iter().map(|p| p.steps.len()).sum();
        println!("  phases: {} ({steps} steps)", phases.len());
        for p in &phases {
            let n = p.steps.len();
            println!(
                "    {} — {n} step{}{}",
                p.label(),
                if n == 1 { "" } else { "s" },
                if n == 0 {
                    " (no deliverables found under it)"
                } else {
                    ""
                }
            );
        }
    }
    println!("\nLog as you go: session-hook log --decision \"...\" --rationale \"...\"");
    Ok(())
}

/// Read and parse a phases file; a file with no phase headings is an error.
fn read_phases(ctx: &Ctx, path: &Path) -> Result<phases::PhasesFile> {
    let text = ctx.text_file("--from-phases", path)?;
    let mut f = phases::parse(&text);
    if f.phases.is_empty() {
        return Err(UserError::new(format!(
            "no phases found in {}",
            path.display()
        ))
        .hint("phase headings look like `## Phase 1: Setup (Small)`, each followed by its deliverables as bullets")
        .into());
    }
    // Every label and step becomes part of the document: one line each,
    // within the size limit for one argument.
    for p in &mut f.phases {
        p.title = ctx.text_arg("phase title", &p.title).unwrap_or_default();
        for s in &mut p.steps {
            s.text = ctx.text_arg("phase step", &s.text)?;
        }
    }
    Ok(f)
}

/// What to do when an open session already has the shortname.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Clash {
    /// Refuse, with a hint.
    Refuse,
    /// Take the first free `<name>-2`, `<name>-3`, ...
    Suffix,
}

/// A session to create.
pub struct Spec {
    pub shortname: String,
    pub on_clash: Clash,
    pub title: String,
    pub goal: Option<String>,
    pub task_ids: Vec<String>,
    pub phases: Vec<String>,
    pub remaining: Option<String>,
    pub journal_kind: &'static str,
    pub journal_fields: Vec<(&'static str, String)>,
    pub journal_text: String,
    /// Extra files for `journal/<id>/`, written with the session (under
    /// the same lock).
    pub journal_files: Vec<(&'static str, Vec<u8>)>,
}

/// Who holds a shortname.
enum Taken {
    Open(PathBuf),
    Unreadable(PathBuf, String),
}

fn clash_error(ctx: &Ctx, shortname: &str, t: &Taken) -> anyhow::Error {
    let rel = |p: &Path| {
        fsutil::relative_to(p, &ctx.store.project)
            .display()
            .to_string()
    };
    match t {
        Taken::Open(p) => UserError::new(format!(
            "an open session is already named {shortname:?} ({})",
            rel(p)
        ))
        .hint("pick another --name, or close that session first"),
        Taken::Unreadable(p, e) => UserError::new(format!(
            "an open session is already named {shortname:?} ({}), and it cannot be read: {e}",
            rel(p)
        ))
        .hint("fix that file by hand (it was not changed), or pick another --name"),
    }
    .into()
}

/// The shortname a session file's name carries: `<shortname>-<id6>.md`.
fn stem_shortname(p: &Path) -> Option<String> {
    let stem = p.file_stem()?.to_str()?;
    let (name, id6) = stem.rsplit_once('-')?;
    (id6.len() == 6 && id6.bytes().all(|b| b.is_ascii_hexdigit())).then(|| name.to_string())
}

pub struct Created {
    pub id: String,
    pub shortname: String,
    pub path: PathBuf,
    pub head: Option<git::Head>,
    pub claude: Option<String>,
}

/// Create a session file (under the store lock): render it, let `edit`
/// fill it in, write it, its quick-context file and its first journal
/// entry (with the git state, so the first checkpoint can be verified),
/// and bind the Claude session.
pub fn create(ctx: &Ctx, spec: Spec, edit: impl FnOnce(&mut Document)) -> Result<Created> {
    names::validate("shortname", &spec.shortname)?;
    if spec.shortname.len() > names::MAX_NAME {
        return Err(UserError::new(format!(
            "shortname {:?} is longer than {} characters",
            spec.shortname,
            names::MAX_NAME
        ))
        .hint(format!(
            "pass a shorter --name (at most {} characters of a-z, 0-9 and -)",
            names::MAX_NAME
        ))
        .into());
    }
    let claude = ctx
        .g
        .claude_session
        .as_deref()
        .and_then(names::safe_external_id);

    ctx.store.create_layout()?;
    let _lock = crate::cmd::lock(&ctx.store)?;
    let (open, unreadable) = ctx.store.list_split(false);
    // A file we cannot read still holds its session's name: its file name
    // says which (`<shortname>-<id6>.md`).
    let taken = |n: &str| -> Option<Taken> {
        if let Some(m) = open.iter().find(|m| m.shortname() == n) {
            return Some(Taken::Open(m.path.clone()));
        }
        unreadable
            .iter()
            .find(|(p, _)| stem_shortname(p).as_deref() == Some(n))
            .map(|(p, e)| Taken::Unreadable(p.clone(), e.clone()))
    };
    let mut shortname = spec.shortname.clone();
    if let Some(t) = taken(&shortname) {
        match spec.on_clash {
            Clash::Refuse => return Err(clash_error(ctx, &shortname, &t)),
            Clash::Suffix => {
                let base: String = spec.shortname.chars().take(names::MAX_NAME - 4).collect();
                shortname = (2..1000)
                    .map(|i| format!("{base}-{i}"))
                    .find(|n| taken(n).is_none())
                    .ok_or_else(|| UserError::new("no free shortname left"))?;
            }
        }
    }
    let id = uuid::Uuid::now_v7().to_string();
    let repo = git::open(&ctx.store.project);
    let head = repo.as_ref().map(git::head);
    // Machine-local by default: the store stays out of `git status` and no
    // branch switch can delete it. A store committed on the branch is not.
    if let Some(r) = &repo
        && ctx.config().map_or(true, |c| {
            c.pause.commit != crate::config::CommitMode::Branch
        })
        && let Err(e) = git::exclude_store(r, &ctx.store.dir)
    {
        eprintln!("warning: cannot list .sessions/ in .git/info/exclude: {e}");
    }
    let text = session::render_new(&NewSession {
        id: &id,
        shortname: &shortname,
        title: &spec.title,
        goal: spec.goal.as_deref(),
        task_ids: &spec.task_ids,
        now: ctx.now,
        git: head.as_ref(),
        claude: claude.as_deref(),
        phases: &spec.phases,
        remaining: spec.remaining.clone(),
    });
    let path = ctx
        .store
        .active_dir()
        .join(format!("{shortname}-{}.md", names::file_tag(&id)));
    let mut doc = Document::parse(&path, text)?;
    edit(&mut doc);
    session::refresh_tldr(&mut doc);
    // Recorded as this machine's own before the file exists, so a session
    // made here is never taken for one from elsewhere.
    let how = if spec.journal_kind == "import" {
        crate::provenance::How::Imported
    } else {
        crate::provenance::How::Created
    };
    crate::provenance::mark_own(&ctx.store, &id, how, ctx.now)?;
    // Created, never replaced: six random hex digits can still meet.
    if !ctx.store.create(&path, &doc)? {
        return Err(UserError::new(format!(
            "{} already exists",
            fsutil::relative_to(&path, &ctx.store.project).display()
        ))
        .hint("pick another --name (the file there was left alone)")
        .into());
    }
    session::write_progress_md(&ctx.store, &doc, ctx.now)?;
    for (name, bytes) in &spec.journal_files {
        let p = ctx.store.journal_dir(&id).join(name);
        fsutil::atomic_write(p.as_path(), bytes)
            .with_context(|| format!("cannot write {}", p.display()))?;
    }
    let mut fields: Vec<(&str, String)> = vec![("shortname", shortname.clone())];
    fields.extend(spec.journal_fields);
    if let Some(r) = &repo {
        fields.extend(verify::record_fields(r));
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    journal::write(
        &ctx.store,
        &id,
        spec.journal_kind,
        ctx.now,
        &fields,
        &spec.journal_text,
    )?;
    if let Some(c) = &claude {
        crate::binding::move_to(&ctx.store, c, &id)?;
    }
    Ok(Created {
        id,
        shortname,
        path,
        head,
        claude,
    })
}
