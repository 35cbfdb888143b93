//! `session-hook doctor`: is everything wired up and healthy? The binary,
//! the hook registrations in every settings file Claude Code reads, the
//! slash commands, the store, and how fast recent hooks ran. Exits non-zero
//! when something is broken, with a hint for each problem.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;
use serde::Serialize;
use serde_json::Value;

use crate::cli::Global;
use crate::cmd::{Ctx, print_json};
use crate::doc::Status;
use crate::error::UserError;
use crate::store::{Listed, Store};
use crate::wiring::assets::{self, FileState};
use crate::wiring::{self, Place, settings};
use crate::{clock, config, fsutil, journal};

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ok,
    Note,
    Warning,
    Problem,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub level: Level,
    pub area: &'static str,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// Recent latencies of one event, in milliseconds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Latency {
    pub event: String,
    pub runs: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub failed: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub version: String,
    pub binary: String,
    pub findings: Vec<Finding>,
    /// Per event, from the hook log; the last row is every event together.
    pub latency: Vec<Latency>,
    pub latency_source: Option<String>,
}

impl Report {
    fn add(&mut self, level: Level, area: &'static str, text: impl Into<String>) {
        self.findings.push(Finding {
            level,
            area,
            text: text.into(),
            hint: None,
        });
    }
    fn hint(
        &mut self,
        level: Level,
        area: &'static str,
        text: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.findings.push(Finding {
            level,
            area,
            text: text.into(),
            hint: Some(hint.into()),
        });
    }
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }
}

pub fn run(g: &Global, a: DoctorArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let report = gather(&ctx.store);
    if a.json {
        print_json(&report)?;
    } else {
        print!(
            "{}",
            render(&report, crate::style::Paint::stdout(ctx.g.color))
        );
    }
    let problems = report.count(Level::Problem);
    if problems > 0 {
        return Err(UserError::new(format!(
            "doctor found {problems} problem{}",
            if problems == 1 { "" } else { "s" }
        ))
        .hint("fix each problem as its hint says, then run `session-hook doctor` again")
        .into());
    }
    Ok(())
}

pub fn gather(store: &Store) -> Report {
    let mut r = Report {
        version: env!("CARGO_PKG_VERSION").into(),
        binary: wiring::exe().unwrap_or_else(|e| format!("(unknown: {e})")),
        ..Report::default()
    };
    let project = Place::project(&store.project);
    let user = Place::user().ok();
    binary(&mut r, &project, user.as_ref());
    wiring_checks(&mut r, &project, user.as_ref());
    let (checks, wired) = wiring::agents::doctor(&store.project);
    if !wired.is_empty() {
        // Claude Code left unwired is a choice when another agent is wired.
        for f in r.findings.iter_mut().filter(|f| {
            f.area == "wiring"
                && f.level == Level::Problem
                && f.text.starts_with("no settings file")
        }) {
            f.level = Level::Note;
            f.text = format!(
                "no Claude Code settings file registers session-hook's hooks (only {} {} wired)",
                wired
                    .iter()
                    .map(|a| a.title())
                    .collect::<Vec<_>>()
                    .join(" and "),
                if wired.len() == 1 { "is" } else { "are" }
            );
        }
    }
    for c in checks {
        let level = match c.severity {
            wiring::agents::Severity::Ok => Level::Ok,
            wiring::agents::Severity::Warning => Level::Warning,
            wiring::agents::Severity::Problem => Level::Problem,
        };
        r.findings.push(Finding {
            level,
            area: "agents",
            text: c.text,
            hint: c.hint,
        });
    }
    store_checks(&mut r, store);
    latency(&mut r, store);
    r
}

/// Where `name` resolves on `$PATH`, like a shell would.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The binary itself, and whether the slash commands can find it.
fn binary(r: &mut Report, project: &Place, user: Option<&Place>) {
    let exe = r.binary.clone();
    r.add(
        Level::Ok,
        "binary",
        format!("session-hook {} at {exe}", r.version),
    );
    let commands_installed = [Some(project), user].into_iter().flatten().any(|p| {
        wiring::command_files(&p.commands)
            .is_ok_and(|(f, _)| f.iter().any(|f| f.state != FileState::Missing))
    });
    match on_path(settings::EXE_NAME) {
        Some(p) if same_file(&p, Path::new(&exe)) => {
            r.add(Level::Ok, "binary", "`session-hook` on PATH is this binary");
        }
        Some(p) => r.hint(
            Level::Warning,
            "binary",
            format!(
                "`session-hook` on PATH is {}, not this binary; the slash commands run that one",
                p.display()
            ),
            "reinstall (`cargo install --path .`) or fix the order of PATH",
        ),
        None => r.hint(
            if commands_installed {
                Level::Problem
            } else {
                Level::Warning
            },
            "binary",
            "`session-hook` is not on PATH, so the /session-* commands cannot run it",
            format!(
                "add {} to PATH (the hooks themselves use absolute paths)",
                Path::new(&exe)
                    .parent()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default()
            ),
        ),
    }
}

/// Which tools our PostToolUse registration is meant to see.
fn wanted_tools() -> Vec<String> {
    settings::wanted(assets::HOOKS_JSON, settings::EXE_NAME)
        .unwrap_or_default()
        .into_iter()
        .filter(|w| w.event == "PostToolUse")
        .filter_map(|w| w.matcher)
        .flat_map(|m| m.split('|').map(str::to_string).collect::<Vec<_>>())
        .collect()
}

fn wanted_events() -> Vec<String> {
    let mut seen = Vec::new();
    for w in settings::wanted(assets::HOOKS_JSON, settings::EXE_NAME).unwrap_or_default() {
        if !seen.contains(&w.event) {
            seen.push(w.event);
        }
    }
    seen
}

/// Does the program a handler names exist? Absolute paths are checked as
/// they are; bare names are looked up on PATH.
fn program_exists(prog: &str) -> bool {
    let p = Path::new(prog);
    if p.is_absolute() {
        is_executable(p)
    } else if prog.contains('/') {
        false
    } else {
        on_path(prog).is_some()
    }
}

fn wiring_checks(r: &mut Report, project: &Place, user: Option<&Place>) {
    let mut files: Vec<(&'static str, PathBuf, String)> = Vec::new();
    if let Some(u) = user {
        files.push(("user", u.settings.clone(), u.show(&u.settings)));
    }
    let shared = Place::project_shared(&project.root);
    files.push((
        "project",
        shared.settings.clone(),
        project.show(&shared.settings),
    ));
    files.push((
        "project local",
        project.settings.clone(),
        project.show(&project.settings),
    ));

    let expected = wanted_events();
    // event -> (file label, program, args) of every handler of ours.
    let mut by_event: BTreeMap<String, Vec<(&'static str, String, String)>> = BTreeMap::new();
    let mut post_tool_matchers: Vec<Option<String>> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (label, path, shown) in &files {
        let parsed = match wiring::read_settings(path, shown) {
            Ok(None) => {
                r.add(
                    Level::Ok,
                    "wiring",
                    format!("{label:<13} {shown}: not present"),
                );
                continue;
            }
            Ok(Some((_, m))) => Value::Object(m),
            Err(e) => {
                r.hint(
                    Level::Problem,
                    "wiring",
                    format!("{label:<13} {e}"),
                    "fix the JSON by hand; Claude Code cannot use a file it cannot parse",
                );
                continue;
            }
        };
        let regs = settings::registered(&parsed);
        let events: BTreeSet<&str> = regs.iter().map(|x| x.event.as_str()).collect();
        let listed: Vec<&str> = expected
            .iter()
            .map(String::as_str)
            .filter(|e| events.contains(e))
            .chain(
                events
                    .iter()
                    .copied()
                    .filter(|e| !expected.iter().any(|x| x == e)),
            )
            .collect();
        let summary = if regs.is_empty() {
            "no session-hook hooks".to_string()
        } else if listed.len() == expected.len()
            && expected.iter().all(|e| events.contains(e.as_str()))
        {
            format!("all {} events", expected.len())
        } else {
            listed.join(", ")
        };
        let whose = match (*label, regs.is_empty()) {
            (_, true) => String::new(),
            ("project", _) => {
                " (shared: committed with the project, runs `session-hook` from PATH; `install --shared`)"
                    .to_string()
            }
            ("project local", _) => {
                " (this machine only: runs this binary by its path; `install`)".to_string()
            }
            _ => " (every project of this user; `install --user`)".to_string(),
        };
        r.add(
            Level::Ok,
            "wiring",
            format!("{label:<13} {shown}: {summary}{whose}"),
        );
        if *label == "project"
            && let Some(reg) = regs
                .iter()
                .find(|x| settings::program_of(&x.handler).is_some_and(|p| p.contains('/')))
        {
            r.hint(
                Level::Warning,
                "wiring",
                format!(
                    "{shown} is committed with the project, yet its hooks run {}, a path on this machine only",
                    settings::program_of(&reg.handler).unwrap_or_default()
                ),
                "`session-hook uninstall --shared && session-hook install --shared` writes the bare `session-hook` instead; `session-hook install` keeps a path in .claude/settings.local.json",
            );
        }
        if parsed.get("disableAllHooks") == Some(&Value::Bool(true)) {
            r.hint(
                Level::Warning,
                "wiring",
                format!("{shown} sets \"disableAllHooks\": true, so no hook runs"),
                "remove the key if hooks should run",
            );
        }
        for reg in &regs {
            let prog = settings::program_of(&reg.handler).unwrap_or_default();
            let args = reg
                .handler
                .get("args")
                .map(Value::to_string)
                .unwrap_or_default();
            if reg.event == "PostToolUse" {
                post_tool_matchers.push(reg.matcher.clone());
            }
            seen.insert(reg.event.clone());
            // A handler whose binary is gone is reported on its own; it
            // does not run, so it is no duplicate.
            if program_exists(&prog) {
                by_event
                    .entry(reg.event.clone())
                    .or_default()
                    .push((label, prog, args));
            }
        }
        let mut missing_progs = BTreeSet::new();
        for reg in &regs {
            let prog = settings::program_of(&reg.handler).unwrap_or_default();
            if !program_exists(&prog) {
                missing_progs.insert(prog);
            }
        }
        if let Some(sl) = parsed.get("statusLine")
            && settings::statusline_is_ours(sl)
        {
            let prog = settings::shell_words(sl["command"].as_str().unwrap_or(""))
                .into_iter()
                .next()
                .unwrap_or_default();
            if !program_exists(&prog) {
                missing_progs.insert(prog);
            }
        }
        for prog in missing_progs {
            let fix = match *label {
                "user" => {
                    "run `session-hook install --user` to point it at this binary".to_string()
                }
                "project" => {
                    "run `session-hook install --shared`, and put session-hook on PATH".to_string()
                }
                "project local" => {
                    "run `session-hook install` to point it at this binary".to_string()
                }
                _ => format!(
                    "edit {shown} by hand: remove the entry or point it at {}",
                    r.binary
                ),
            };
            r.hint(
                Level::Problem,
                "wiring",
                format!("{shown} runs {prog}, which does not exist (any more)"),
                fix,
            );
        }
    }

    if seen.is_empty() {
        r.hint(
            Level::Problem,
            "wiring",
            "no settings file registers session-hook's hooks, so nothing is recorded",
            "run `session-hook install` in the project (or `session-hook install --user`)",
        );
    } else {
        let missing: Vec<&str> = expected
            .iter()
            .map(String::as_str)
            .filter(|e| !seen.contains(*e))
            .collect();
        if !missing.is_empty() {
            r.hint(
                Level::Problem,
                "wiring",
                format!("not registered for {}", missing.join(", ")),
                "run `session-hook install` again; it adds what is missing and keeps the rest",
            );
        }
        if !post_tool_matchers.is_empty() {
            let uncovered: Vec<String> = wanted_tools()
                .into_iter()
                .filter(|t| {
                    !post_tool_matchers
                        .iter()
                        .any(|m| settings::matcher_covers(m.as_deref(), t))
                })
                .collect();
            if !uncovered.is_empty() {
                r.hint(
                    Level::Warning,
                    "wiring",
                    format!(
                        "PostToolUse does not see {}, so those tool calls are not recorded",
                        uncovered.join(", ")
                    ),
                    "run `session-hook install` again to restore the matcher",
                );
            }
        }
        for (event, handlers) in &by_event {
            let distinct: BTreeSet<(&str, &str)> = handlers
                .iter()
                .map(|(_, p, a)| (p.as_str(), a.as_str()))
                .collect();
            let wheres: BTreeSet<&str> = handlers.iter().map(|(l, _, _)| *l).collect();
            let wheres: Vec<&str> = wheres.into_iter().collect();
            if distinct.len() > 1 {
                r.hint(
                    Level::Problem,
                    "wiring",
                    format!(
                        "{event} runs session-hook {} times per event ({}): every entry is recorded more than once",
                        distinct.len(),
                        wheres.join(", ")
                    ),
                    "keep one: `session-hook uninstall` removes this machine's (.claude/settings.local.json), `uninstall --shared` the committed one, `uninstall --user` the user's",
                );
            } else if handlers.len() > 1 {
                r.add(
                    Level::Note,
                    "wiring",
                    format!(
                        "{event} is registered {} times ({}) with the same command; Claude Code runs it once",
                        handlers.len(),
                        wheres.join(", ")
                    ),
                );
            }
        }
    }

    // The slash commands.
    let mut found_any = false;
    for place in [Some(project), user].into_iter().flatten() {
        let Ok((files, _)) = wiring::command_files(&place.commands) else {
            continue;
        };
        let present: Vec<&wiring::CommandFile> = files
            .iter()
            .filter(|f| f.state != FileState::Missing)
            .collect();
        if present.is_empty() {
            continue;
        }
        found_any = true;
        let modified: Vec<&str> = present
            .iter()
            .filter(|f| f.state == FileState::Modified)
            .map(|f| f.name)
            .collect();
        let outdated = present.iter().any(|f| f.state == FileState::Outdated);
        r.add(
            Level::Ok,
            "commands",
            format!(
                "{}/: {} of {} /session-* commands",
                place.show(&place.commands),
                present.len(),
                files.len()
            ),
        );
        if present.len() < files.len() || outdated {
            r.hint(
                Level::Warning,
                "commands",
                format!(
                    "{}/ is missing or has outdated /session-* commands",
                    place.show(&place.commands)
                ),
                format!(
                    "run `session-hook install{}`",
                    if place.user { " --user" } else { "" }
                ),
            );
        }
        if !modified.is_empty() {
            r.add(
                Level::Note,
                "commands",
                format!(
                    "modified by hand (install leaves them alone): {}",
                    modified.join(", ")
                ),
            );
        }
    }
    if !found_any {
        r.hint(
            Level::Warning,
            "commands",
            "the /session-* slash commands are not installed",
            "run `session-hook install`",
        );
    }
}

fn store_checks(r: &mut Report, store: &Store) {
    let shown = |p: &Path| fsutil::relative_to(p, &store.project).display().to_string();
    if !store.exists() {
        r.add(
            Level::Note,
            "store",
            format!(
                "no store at {} yet; the hooks stay silent until `session-hook init`",
                store.dir.display()
            ),
        );
        return;
    }
    match config::load(&store.dir) {
        Ok(l) => {
            for w in l.warnings {
                r.hint(
                    Level::Warning,
                    "store",
                    format!(".sessions/config.yaml: {w}"),
                    "remove or fix the key",
                );
            }
        }
        Err(e) => r.hint(
            Level::Problem,
            "store",
            e.msg.clone(),
            e.hint
                .clone()
                .unwrap_or_else(|| "fix the file; hooks use the defaults meanwhile".into()),
        ),
    }
    let mut ids = BTreeSet::new();
    let mut bad_files = Vec::new();
    let mut open_names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let (mut open, mut archived) = (0, 0);
    let mut stale = Vec::new();
    for l in store.list(true) {
        match l {
            Listed::Bad(p, e) => {
                bad_files.push(p.clone());
                r.hint(
                    Level::Problem,
                    "store",
                    format!("cannot parse {}: {e}", shown(&p)),
                    "fix the file by hand; session-hook never rewrites a file it cannot parse",
                );
            }
            Listed::Ok(m) => {
                ids.insert(m.id().to_string());
                if let Err(e) = store.load(&m.path) {
                    bad_files.push(m.path.clone());
                    r.hint(
                        Level::Problem,
                        "store",
                        format!("cannot parse {}: {e:#}", shown(&m.path)),
                        "fix the file by hand; session-hook never rewrites a file it cannot parse",
                    );
                    continue;
                }
                if m.archived {
                    archived += 1;
                    continue;
                }
                open += 1;
                open_names
                    .entry(m.shortname().to_string())
                    .or_default()
                    .push(shown(&m.path));
                if matches!(m.front.status, Status::Active | Status::Paused)
                    && let Some(msg) = stale_tldr(store, m.id())
                {
                    stale.push(format!("{}: {msg}", m.shortname()));
                }
            }
        }
    }
    r.add(
        Level::Ok,
        "store",
        format!(
            "{}: {open} open and {archived} archived session(s)",
            shown(&store.dir)
        ),
    );
    for (name, paths) in &open_names {
        if paths.len() > 1 {
            r.hint(
                Level::Problem,
                "store",
                format!(
                    "{} open sessions share the shortname {name:?}: {}",
                    paths.len(),
                    paths.join(", ")
                ),
                "rename one (the `shortname:` line of its frontmatter) or close one, so names resolve to one session",
            );
        }
    }
    let journal = store.dir.join("journal");
    let mut orphans = Vec::new();
    {
        for (name, _) in crate::fsutil::entries(&journal) {
            let name = name.to_string_lossy().into_owned();
            if !crate::fsutil::is_real_dir(&journal.join(&name)) || ids.contains(&name) {
                continue;
            }
            // A file we could not parse may still own this journal: its name
            // carries six characters of the id.
            let tags = crate::names::file_tags(&name);
            let owned_by_bad = bad_files.iter().any(|p| {
                p.file_stem().is_some_and(|s| {
                    let s = s.to_string_lossy();
                    tags.iter().any(|t| s.ends_with(&format!("-{t}")))
                })
            });
            if !owned_by_bad {
                orphans.push(name);
            }
        }
    }
    orphans.sort();
    if !orphans.is_empty() {
        r.hint(
            Level::Warning,
            "store",
            format!(
                "{} journal folder(s) have no session file: {}",
                orphans.len(),
                orphans
                    .iter()
                    .map(|o| format!(".sessions/journal/{o}/"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "they hold the history of sessions whose files were deleted; remove them if that history is not wanted",
        );
    }
    for s in stale {
        r.hint(
            Level::Warning,
            "store",
            s,
            "run /session-checkpoint in Claude Code (or `session-hook checkpoint --tldr \"...\"`) so the TL;DR injected after compaction is current",
        );
    }
}

/// When the TL;DR paragraph was last written (at `init`, or by a
/// checkpoint with `--tldr`) before the latest compaction.
fn stale_tldr(store: &Store, id: &str) -> Option<String> {
    let entries = journal::read_all(store, id);
    let when = |e: &journal::Entry| clock::parse(&e.at);
    let compaction = entries
        .iter()
        .filter(|e| e.kind == "compaction")
        .filter_map(when)
        .max()?;
    let written = entries
        .iter()
        .filter(|e| e.kind == "init" || (e.kind == "checkpoint" && e.field("tldr").is_some()))
        .filter_map(when)
        .max();
    match written {
        Some(w) if w >= compaction => None,
        Some(w) => Some(format!(
            "the TL;DR was written {} and the context was compacted {}",
            clock::iso(w),
            clock::iso(compaction)
        )),
        None => Some(format!(
            "the TL;DR predates the latest compaction ({})",
            clock::iso(compaction)
        )),
    }
}

/// Most recent hook runs we summarise.
const LATENCY_WINDOW: usize = 500;

/// One parsed hook-log line: event, milliseconds, ok?, note.
fn parse_log_line(l: &str) -> Option<(String, f64, bool, String)> {
    let mut f = l.split('\t');
    let _time = f.next()?;
    let event = f.next()?.to_string();
    let ms: f64 = f.next()?.parse().ok()?;
    let status = f.next()?;
    let note = f.next().unwrap_or("").to_string();
    Some((event, ms, status == "ok", note))
}

/// The p-th percentile (nearest rank) of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Latency rows from hook-log text: per event (by run count), then "all".
pub fn latency_rows(text: &str, window: usize) -> (Vec<Latency>, Vec<(String, String)>) {
    let lines: Vec<(String, f64, bool, String)> = text.lines().filter_map(parse_log_line).collect();
    let recent = &lines[lines.len().saturating_sub(window)..];
    let mut by: BTreeMap<&str, (Vec<f64>, usize)> = BTreeMap::new();
    let mut all = Vec::new();
    let mut failures = Vec::new();
    for (event, ms, ok, note) in recent {
        let e = by.entry(event.as_str()).or_default();
        e.0.push(*ms);
        all.push(*ms);
        if !ok {
            e.1 += 1;
            failures.push((event.clone(), note.clone()));
        }
    }
    let row = |event: &str, v: &mut Vec<f64>, failed: usize| {
        v.sort_by(f64::total_cmp);
        Latency {
            event: event.to_string(),
            runs: v.len(),
            p50_ms: percentile(v, 50.0),
            p95_ms: percentile(v, 95.0),
            failed,
        }
    };
    let mut rows: Vec<Latency> = by.iter_mut().map(|(e, (v, f))| row(e, v, *f)).collect();
    rows.sort_by(|a, b| b.runs.cmp(&a.runs).then(a.event.cmp(&b.event)));
    if !all.is_empty() {
        let failed = failures.len();
        rows.push(row("all", &mut all, failed));
    }
    (rows, failures)
}

fn latency(r: &mut Report, store: &Store) {
    let log = store.hook_log();
    let mut text = String::new();
    // A freshly rotated log has little in it; the previous one fills in.
    // Bounded reads of regular files: a hook log that is a link or a
    // device is not read.
    if let Ok(t) = crate::fsutil::read_text(&log.with_file_name("hook.log.1")) {
        text.push_str(&t);
    }
    if let Ok(t) = crate::fsutil::read_text(&log) {
        text.push_str(&t);
    }
    let (rows, failures) = latency_rows(&text, LATENCY_WINDOW);
    if rows.is_empty() {
        if store.exists() {
            r.add(
                Level::Note,
                "hooks",
                "no hook runs logged yet (.sessions/.local/hook.log)",
            );
        }
        return;
    }
    r.latency_source = Some(".sessions/.local/hook.log".into());
    let all = rows.last().cloned();
    r.latency = rows;
    if let Some(all) = all
        && !failures.is_empty()
    {
        let (event, note) = failures.last().cloned().unwrap_or_default();
        r.hint(
            Level::Warning,
            "hooks",
            format!(
                "{} of the last {} hook runs failed (the host was not affected); latest: {event}: {note}",
                failures.len(),
                all.runs
            ),
            "see .sessions/.local/hook.log; \"locked ... skipped\" means another session-hook held the store",
        );
    }
    for row in &r.latency.clone() {
        if row.event != "all" && row.p95_ms > 1000.0 {
            r.hint(
                Level::Warning,
                "hooks",
                format!("{} hooks are slow: p95 {:.0} ms", row.event, row.p95_ms),
                "run `session-hook preview --event ...` to see what it does; a very large session file or journal slows it down",
            );
        }
    }
}

fn ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.0} ms")
    }
}

/// The report as text (pure), painted by `paint`.
pub fn render(r: &Report, paint: crate::style::Paint) -> String {
    let mut out = String::new();
    let areas = [
        ("binary", "Binary"),
        ("wiring", "Hooks in Claude Code settings"),
        ("agents", "Hooks in Codex CLI and Gemini CLI"),
        ("commands", "Slash commands"),
        ("store", "Store"),
        ("hooks", "Recent hook runs"),
    ];
    for (area, title) in areas {
        let items: Vec<&Finding> = r.findings.iter().filter(|f| f.area == area).collect();
        let table = area == "hooks" && !r.latency.is_empty();
        if items.is_empty() && !table {
            continue;
        }
        let _ = writeln!(out, "{}", paint.bold(title));
        for f in items {
            let tag = match f.level {
                Level::Ok => "ok",
                Level::Note => "note",
                Level::Warning => "warning",
                Level::Problem => "PROBLEM",
            };
            let _ = writeln!(out, "  {} {}", paint.level(tag, 8), f.text);
            if let Some(h) = &f.hint {
                let _ = writeln!(out, "  {:<8} hint: {h}", "");
            }
        }
        if table {
            let _ = writeln!(
                out,
                "  {:<18} {:>5} {:>9} {:>9} {:>7}",
                "event", "runs", "p50", "p95", "failed"
            );
            for l in &r.latency {
                let _ = writeln!(
                    out,
                    "  {:<18} {:>5} {:>9} {:>9} {:>7}",
                    l.event,
                    l.runs,
                    ms(l.p50_ms),
                    ms(l.p95_ms),
                    l.failed
                );
            }
        }
        out.push('\n');
    }
    let (p, w) = (r.count(Level::Problem), r.count(Level::Warning));
    if p == 0 && w == 0 {
        out.push_str("All good.\n");
    } else {
        let _ = writeln!(
            out,
            "{p} problem{}, {w} warning{}.",
            if p == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_from_the_log() {
        let mut log = String::new();
        for i in 1..=100 {
            log.push_str(&format!(
                "2026-01-15T10:00:00Z\tUserPromptSubmit\t{i}.000\tok\tprompt: not a continuation\n"
            ));
        }
        log.push_str("2026-01-15T10:00:01Z\tStop\t2.000\terror\tlocked; skipped\n");
        log.push_str("garbage line\n");
        let (rows, failures) = latency_rows(&log, 500);
        assert_eq!(rows[0].event, "UserPromptSubmit");
        assert_eq!(rows[0].runs, 100);
        assert_eq!(rows[0].p50_ms, 50.0);
        assert_eq!(rows[0].p95_ms, 95.0);
        assert_eq!(rows[1].event, "Stop");
        assert_eq!(rows[1].failed, 1);
        assert_eq!(rows.last().unwrap().event, "all");
        assert_eq!(rows.last().unwrap().runs, 101);
        assert_eq!(failures, vec![("Stop".into(), "locked; skipped".into())]);
        let (rows, _) = latency_rows(&log, 10);
        assert_eq!(rows.last().unwrap().runs, 10, "only the most recent runs");
    }
}
