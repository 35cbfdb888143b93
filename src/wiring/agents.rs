//! `install --agent codex|gemini`, `uninstall --agent …` and doctor's
//! checks for those agents. The agent-specific facts (file, events,
//! feature flags) are in `codex.rs` and `gemini.rs`; the merge itself is
//! the one Claude Code's settings use (`settings::install` /
//! `settings::uninstall`), so our handlers are recognised the same way
//! everywhere.
//!
//! Round trip: an edit changes only the lines it must (`jsonedit`), and
//! uninstall puts back the exact text install found (kept as `<file>.bak`)
//! whenever nothing else in the file changed since.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::{Map, Value};

use super::{codex, diff, gemini, settings};
use crate::agents::Agent;
use crate::error::UserError;
use crate::fsutil;

/// Where one agent's hooks live.
pub struct Target {
    pub agent: Agent,
    pub user: bool,
    /// The project root, or the home folder with `--user` (for messages).
    pub root: PathBuf,
    /// `.codex` / `.gemini` (or the user's).
    pub dir: PathBuf,
    /// The file the hooks go in.
    pub file: PathBuf,
}

impl Target {
    pub fn new(agent: Agent, project: &Path, user: bool) -> Result<Target> {
        let (dir, name) = match agent {
            Agent::Codex => (codex::dir(project, user)?, "hooks.json"),
            Agent::Gemini => (gemini::dir(project, user)?, "settings.json"),
            Agent::Claude => anyhow::bail!("Claude Code is wired by `install` itself"),
        };
        let root = if user {
            super::home()?
        } else {
            project.to_path_buf()
        };
        Ok(Target {
            agent,
            user,
            root,
            file: dir.join(name),
            dir,
        })
    }

    pub fn show(&self, p: &Path) -> String {
        match p.strip_prefix(&self.root) {
            Ok(rel) if self.user => format!("~/{}", rel.display()),
            Ok(rel) => rel.display().to_string(),
            Err(_) => p.display().to_string(),
        }
    }

    fn wanted(&self, exe: &str) -> Vec<settings::Wanted> {
        match self.agent {
            Agent::Codex => codex::wanted(exe),
            Agent::Gemini => gemini::wanted(exe),
            Agent::Claude => Vec::new(),
        }
    }

    fn events(&self) -> Vec<&'static str> {
        match self.agent {
            Agent::Codex => codex::events(),
            Agent::Gemini => gemini::events(),
            Agent::Claude => Vec::new(),
        }
    }

    fn backup_path(&self) -> PathBuf {
        let mut n = self.file.file_name().unwrap_or_default().to_os_string();
        n.push(".bak");
        self.file.with_file_name(n)
    }
}

/// Our registrations from a table of (event, matcher, timeout), each
/// handler built by `handler(timeout)`.
pub fn registrations(
    events: &[(&str, Option<&str>, u64)],
    handler: impl Fn(u64) -> Value,
) -> Vec<settings::Wanted> {
    events
        .iter()
        .map(|(event, matcher, timeout)| settings::Wanted {
            event: event.to_string(),
            matcher: matcher.map(str::to_string),
            handler: handler(*timeout),
        })
        .collect()
}

/// A text file that may be missing; one that is not UTF-8 is refused.
fn read_optional(path: &Path, shown: &str) -> Result<Option<String>> {
    match fsutil::read_text(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(UserError::new(format!("cannot read {shown}: {e}"))
            .hint("fix the file by hand; nothing was changed")
            .into()),
    }
}

/// Codex's `config.toml` (path, path as shown, and `(old, new)` text when
/// `edit` changes it); no edit for other agents.
#[allow(clippy::type_complexity)]
fn codex_toml(
    t: &Target,
    edit: fn(&str) -> Option<String>,
) -> Result<(PathBuf, String, Option<(String, String)>)> {
    let path = t.dir.join("config.toml");
    let shown = t.show(&path);
    let change = if t.agent == Agent::Codex {
        read_optional(&path, &shown)?.and_then(|old| edit(&old).map(|new| (old, new)))
    } else {
        None
    };
    Ok((path, shown, change))
}

/// The diff of a `config.toml` edit, if any.
fn toml_diff(out: &mut String, shown: &str, edit: Option<&(String, String)>) {
    if let Some((old, new)) = edit {
        out.push_str(&diff::unified(
            &format!("a/{shown}"),
            &format!("b/{shown}"),
            old,
            new,
            3,
        ));
    }
}

fn events_list(events: &[String]) -> String {
    format!(
        "{} ({} event{})",
        events.join(", "),
        events.len(),
        if events.len() == 1 { "" } else { "s" }
    )
}

/// Register our hooks for `agent`; returns the report.
pub fn install(agent: Agent, project: &Path, user: bool, dry_run: bool) -> Result<String> {
    let t = Target::new(agent, project, user)?;
    let exe = super::exe()?;
    let shown = t.show(&t.file);
    // Everything is read and checked before anything is written.
    let old = super::read_settings(&t.file, &shown)?;
    let mut map = old.as_ref().map(|(_, m)| m.clone()).unwrap_or_default();
    let before = map.clone();
    let merged = settings::install(&mut map, &t.wanted(&exe), &exe, false)
        .map_err(|e| UserError::new(format!("{shown}: {e}")).hint("nothing was changed"))?;
    let mut out = String::new();
    let mut flag = Vec::new();
    let mut record = false;
    if agent == Agent::Gemini && gemini::turn_on(&mut map) {
        record = true;
        flag.push(format!(
            "{shown}: turned hooks on (\"hooksConfig\": {{\"enabled\": true}}); it was false, and uninstall turns it off again"
        ));
    }
    let new_text =
        (old.is_none() || map != before).then(|| super::settings_text(old.as_ref(), &map));
    let (toml_path, toml_shown, toml) = codex_toml(&t, codex::feature_on)?;
    match (&toml, agent) {
        (Some(_), _) => flag.push(format!(
            "{toml_shown}: turned on the `hooks` feature (formerly `codex_hooks`), which was set to false; the old line is kept in a comment and uninstall puts it back"
        )),
        (None, Agent::Codex) => flag.push(
            "Feature flag: Codex CLI runs hooks by default (feature `hooks`, formerly `codex_hooks`, is on); nothing to turn on.".into(),
        ),
        _ => {}
    }

    if dry_run {
        if let Some(new) = &new_text {
            let from = if old.is_some() {
                format!("a/{shown}")
            } else {
                "/dev/null".into()
            };
            let old_text = old.as_ref().map(|(t, _)| t.as_str()).unwrap_or("");
            out.push_str(&diff::unified(
                &from,
                &format!("b/{shown}"),
                old_text,
                new,
                3,
            ));
        } else {
            let _ = writeln!(out, "{shown}: already up to date");
        }
        toml_diff(&mut out, &toml_shown, toml.as_ref());
        out.push_str("(dry run: nothing was written)\n");
        return Ok(out);
    }

    let changed = new_text.is_some() || toml.is_some();
    if let Some(new) = &new_text {
        let bak = super::write_with_backup(&t.file, old.as_ref().map(|(t, _)| t.as_str()), new)?;
        let what = if !merged.events.is_empty() {
            format!("registered {}", events_list(&merged.events))
        } else if record {
            // The line about turning hooks on follows.
            "session-hook's hooks were registered already".to_string()
        } else {
            "rewrote session-hook's entries (same meaning, new layout)".to_string()
        };
        let _ = write!(out, "{shown}: {what}");
        match bak {
            Some(b) => {
                let _ = writeln!(out, "; the previous file is kept as {}", t.show(&b));
            }
            None => out.push('\n'),
        }
    }
    if let Some((_, new)) = &toml {
        fsutil::atomic_write(&toml_path, new.as_bytes())
            .with_context(|| format!("cannot write {}", toml_path.display()))?;
    }
    if record {
        fsutil::atomic_write(&t.dir.join(gemini::RECORD), b"hooksConfig.enabled\n")
            .with_context(|| format!("cannot write the record in {}", t.dir.display()))?;
    }
    for l in &flag {
        let _ = writeln!(out, "{l}");
    }
    let notes = match agent {
        Agent::Codex => codex::notes(user),
        _ => gemini::notes(user),
    };
    for n in notes {
        let _ = writeln!(out, "Note: {n}");
    }
    let head = if changed {
        format!(
            "Installed session-hook {} ({exe}) for {} into {}.\n",
            env!("CARGO_PKG_VERSION"),
            agent.title(),
            t.show(&t.dir)
        )
    } else {
        format!(
            "session-hook is already installed for {} in {shown}; nothing changed.\n",
            agent.title()
        )
    };
    Ok(head + &out)
}

/// Remove what install added for `agent`; returns the report.
pub fn uninstall(agent: Agent, project: &Path, user: bool, dry_run: bool) -> Result<String> {
    let t = Target::new(agent, project, user)?;
    let shown = t.show(&t.file);
    let old = super::read_settings(&t.file, &shown)?;
    let mut map = old.as_ref().map(|(_, m)| m.clone()).unwrap_or_default();
    let removed = settings::uninstall(&mut map);
    let record_path = t.dir.join(gemini::RECORD);
    let turned_on = agent == Agent::Gemini && record_path.exists();
    if turned_on {
        gemini::turn_off(&mut map);
    }
    let changed = old.as_ref().is_some_and(|(_, m)| *m != map);
    // The text install found, when the file now means the same again.
    let bak_path = t.backup_path();
    let original = changed
        .then(|| fsutil::read_text(&bak_path).ok())
        .flatten()
        .filter(|b| serde_json::from_str::<Map<String, Value>>(b).is_ok_and(|m| m == map));
    let new_text: Option<String> = if !changed {
        None
    } else if let Some(o) = &original {
        Some(o.clone())
    } else if map.is_empty() {
        // A file that held only our settings goes away with them.
        Some(String::new())
    } else {
        Some(super::settings_text(old.as_ref(), &map))
    };
    let (toml_path, toml_shown, toml) = codex_toml(&t, codex::feature_restored)?;

    let mut out = String::new();
    if dry_run {
        if let (Some(new), Some((old_text, _))) = (&new_text, &old) {
            let to = if new.is_empty() {
                "/dev/null".into()
            } else {
                format!("b/{shown}")
            };
            out.push_str(&diff::unified(&format!("a/{shown}"), &to, old_text, new, 3));
        }
        toml_diff(&mut out, &toml_shown, toml.as_ref());
        if new_text.is_none() && toml.is_none() {
            let _ = writeln!(
                out,
                "session-hook is not installed for {} in {shown}; nothing to do",
                agent.title()
            );
        }
        out.push_str("(dry run: nothing was written)\n");
        return Ok(out);
    }

    if let (Some(new), Some((old_text, _))) = (&new_text, &old) {
        let what = events_list(&removed.events);
        if new.is_empty() {
            fs::remove_file(&t.file).with_context(|| format!("cannot remove {shown}"))?;
            let _ = writeln!(
                out,
                "{shown}: removed (it held only session-hook's hooks: {what})"
            );
        } else if original.is_some() {
            fsutil::atomic_write(&t.file, new.as_bytes())
                .with_context(|| format!("cannot write {shown}"))?;
            let _ = fs::remove_file(&bak_path);
            let _ = writeln!(
                out,
                "{shown}: removed session-hook from {what}; the file is back to the text install found"
            );
        } else {
            let bak = super::write_with_backup(&t.file, Some(old_text), new)?;
            let _ = writeln!(
                out,
                "{shown}: removed session-hook from {what}; the previous file is kept as {}",
                bak.map(|b| t.show(&b)).unwrap_or_default()
            );
        }
        if turned_on {
            let _ = writeln!(
                out,
                "{shown}: hooks turned off again, as they were before install"
            );
        }
    }
    if turned_on {
        let _ = fs::remove_file(&record_path);
    }
    if let Some((_, new)) = &toml {
        fsutil::atomic_write(&toml_path, new.as_bytes())
            .with_context(|| format!("cannot write {}", toml_path.display()))?;
        let _ = writeln!(
            out,
            "{toml_shown}: the `hooks` feature line is back as it was"
        );
    }
    if !t.user {
        // Only an empty folder goes; anything in it is someone's.
        let _ = fs::remove_dir(&t.dir);
    }
    Ok(if out.is_empty() {
        format!(
            "session-hook is not installed for {} in {shown}; nothing changed.\n",
            agent.title()
        )
    } else {
        format!("Uninstalled session-hook for {}.\n{out}", agent.title())
    })
}

/// How bad a finding is (doctor maps these onto its own levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Ok,
    Warning,
    Problem,
}

#[derive(Debug, Clone)]
pub struct Check {
    pub severity: Severity,
    pub text: String,
    pub hint: Option<String>,
}

fn check(severity: Severity, text: String, hint: Option<&str>) -> Check {
    Check {
        severity,
        text,
        hint: hint.map(str::to_string),
    }
}

/// Doctor's look at Codex CLI's and Gemini CLI's wiring, user and project;
/// also which of them have handlers of ours.
pub fn doctor(project: &Path) -> (Vec<Check>, Vec<Agent>) {
    let mut out = Vec::new();
    let mut wired_agents = Vec::new();
    for agent in [Agent::Codex, Agent::Gemini] {
        let mut wired = false;
        for user in [true, false] {
            let Ok(t) = Target::new(agent, project, user) else {
                continue;
            };
            let shown = t.show(&t.file);
            let scope = if user { "user" } else { "project" };
            let label = format!("{:<10} {scope:<8}", agent.name());
            match super::read_settings(&t.file, &shown) {
                Ok(None) => {}
                Err(e) => out.push(check(
                    Severity::Problem,
                    format!("{label} {e}"),
                    Some(
                        "fix the JSON by hand; the agent cannot use a file it cannot parse either",
                    ),
                )),
                Ok(Some((_, m))) => {
                    let regs = settings::registered(&Value::Object(m.clone()));
                    if !regs.is_empty() {
                        wired = true;
                        agent_file(&mut out, &t, &label, &shown, &regs);
                    }
                    if agent == Agent::Gemini {
                        if gemini::hooks_off(&m) {
                            out.push(check(
                                Severity::Problem,
                                format!("{label} {shown} sets \"hooksConfig\": {{\"enabled\": false}}, so Gemini CLI runs no hook"),
                                Some("run `session-hook install --agent gemini` (it turns hooks on), or set it to true"),
                            ));
                        }
                        let d = gemini::disabled_ours(&m);
                        if !d.is_empty() {
                            out.push(check(
                                Severity::Problem,
                                format!(
                                    "{label} {shown} lists {} in \"hooksConfig.disabled\"",
                                    d.join(", ")
                                ),
                                Some("take session-hook out of hooksConfig.disabled"),
                            ));
                        }
                    }
                }
            }
            if agent == Agent::Codex {
                let toml = t.dir.join("config.toml");
                if let Ok(text) = fsutil::read_text(&toml) {
                    if codex::feature_off(&text) {
                        out.push(check(
                            Severity::Problem,
                            format!("{label} {} turns the `hooks` feature off, so Codex runs no hook", t.show(&toml)),
                            Some("run `session-hook install --agent codex` (it turns the feature on), or set hooks = true under [features]"),
                        ));
                    }
                    if let Some(h) = codex::toml_hooks(&text) {
                        wired |= h.ours;
                        out.push(toml_hooks_check(&t, &label, &toml, &h));
                    }
                }
            }
        }
        if wired {
            wired_agents.push(agent);
        } else {
            out.push(check(
                Severity::Ok,
                format!(
                    "{:<10} not wired (`session-hook install --agent {}` wires it)",
                    agent.name(),
                    agent.name()
                ),
                None,
            ));
        }
    }
    (out, wired_agents)
}

/// What a `[hooks]` table in Codex's `config.toml` means for us: Codex runs
/// it as well as `hooks.json` (and warns when one folder has both), and
/// install and uninstall never touch it.
fn toml_hooks_check(t: &Target, label: &str, toml: &Path, h: &codex::TomlHooks) -> Check {
    let shown = t.show(toml);
    let json = t.file.is_file();
    let events = h.events.join(", ");
    let both = format!(
        "{} exists too: Codex runs both and warns about loading hooks from both",
        t.show(&t.file)
    );
    match (h.ours, json) {
        (true, true) => check(
            Severity::Warning,
            format!(
                "{label} {shown} registers session-hook under [hooks] ({events}); {both}, so an event registered in each runs session-hook twice"
            ),
            Some(
                "delete the [hooks] tables that run session-hook from config.toml; `session-hook install --agent codex` keeps hooks.json current",
            ),
        ),
        (true, false) => check(
            Severity::Warning,
            format!(
                "{label} {shown} registers session-hook under [hooks] ({events}), by hand: install and uninstall only manage {}",
                t.show(&t.file)
            ),
            Some(
                "to let session-hook keep the wiring current, delete those [hooks] tables and run `session-hook install --agent codex`",
            ),
        ),
        (false, true) => check(
            Severity::Warning,
            format!("{label} {shown} has hooks of its own under [hooks] ({events}); {both}"),
            Some(
                "move those [hooks] tables into hooks.json (same shape), so the folder has one place for hooks",
            ),
        ),
        (false, false) => check(
            Severity::Ok,
            format!(
                "{label} {shown} has hooks of its own under [hooks] ({events}); they run next to session-hook's"
            ),
            None,
        ),
    }
}

/// Findings for one agent file that holds handlers of ours.
fn agent_file(
    out: &mut Vec<Check>,
    t: &Target,
    label: &str,
    shown: &str,
    regs: &[settings::Registered],
) {
    let expected = t.events();
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|e| !regs.iter().any(|r| r.event == *e))
        .collect();
    if missing.is_empty() {
        out.push(check(
            Severity::Ok,
            format!("{label} {shown}: all {} events", expected.len()),
            None,
        ));
    } else {
        out.push(check(
            Severity::Warning,
            format!("{label} {shown}: no handler for {}", missing.join(", ")),
            Some(&format!(
                "run `session-hook install --agent {}{}` again",
                t.agent.name(),
                if t.user { " --user" } else { "" }
            )),
        ));
    }
    let flag = format!("--agent {}", t.agent.name());
    for r in regs {
        let cmd = r
            .handler
            .get("command")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !cmd.ends_with(&flag) {
            out.push(check(
                Severity::Warning,
                format!("{label} {shown}: the {} handler runs `{cmd}` without `{flag}`", r.event),
                Some(&format!(
                    "run `session-hook install --agent {}` again so the answers are always in its format",
                    t.agent.name()
                )),
            ));
        }
        if let Some(p) = settings::program_of(&r.handler)
            && !Path::new(&p).is_file()
            && p.contains('/')
        {
            out.push(check(
                Severity::Problem,
                format!(
                    "{label} {shown}: the {} handler runs {p}, which does not exist",
                    r.event
                ),
                Some(&format!(
                    "run `session-hook install --agent {}` again from the binary you use",
                    t.agent.name()
                )),
            ));
        }
    }
}
