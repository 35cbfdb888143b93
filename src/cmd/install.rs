//! `session-hook install`: register the hooks in Claude Code's settings and
//! write the `/session-*` slash commands.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::cli::Global;
use crate::cmd::Ctx;
use crate::error::UserError;
use crate::wiring::assets::{self, FileState};
use crate::wiring::settings::{self, StatusLine};
use crate::wiring::{self, CommandFile, Place, diff};

#[derive(Debug, Args)]
#[command(
    after_help = "Where the hooks go:\n  (default)  .claude/settings.local.json: this machine only, running this binary by its absolute path\n  --shared   .claude/settings.json: committed for the team, running `session-hook` from PATH\n  --user     ~/.claude/settings.json: every project of this user\n\nWith --agent codex: .codex/hooks.json (--user: ~/.codex/hooks.json, or $CODEX_HOME/hooks.json).\nWith --agent gemini: .gemini/settings.json (--user: ~/.gemini/settings.json)."
)]
pub struct InstallArgs {
    /// Wire another agent instead of Claude Code: codex (Codex CLI,
    /// .codex/hooks.json) or gemini (Gemini CLI, .gemini/settings.json).
    #[arg(long, value_parser = crate::cmd::hook::parse_agent)]
    pub agent: Option<crate::agents::Agent>,
    /// Install for every project of this user instead of this one:
    /// ~/.claude/settings.json, or with --agent codex ~/.codex/hooks.json
    /// ($CODEX_HOME if set), with --agent gemini ~/.gemini/settings.json.
    #[arg(long, conflicts_with = "shared")]
    pub user: bool,
    /// Install into the project's committed .claude/settings.json, with the
    /// bare `session-hook` command (found on PATH) instead of this binary's path.
    #[arg(long)]
    pub shared: bool,
    /// Show what would change (a diff) and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite slash-command files even where they were modified (the
    /// modified file is kept as <name>.md.bak).
    #[arg(long)]
    pub force: bool,
    /// Also show session-hook in Claude Code's status line (only if no
    /// statusLine is set).
    #[arg(long)]
    pub statusline: bool,
}

/// Where to install: `--user`, `--shared`, else this machine's settings
/// for the project.
pub fn place(g: &Global, user: bool, shared: bool) -> Result<Place> {
    if user {
        Place::user()
    } else if shared {
        Ok(Place::project_shared(&Ctx::new(g)?.store.project))
    } else {
        Ok(Place::project(&Ctx::new(g)?.store.project))
    }
}

/// The new settings text, given the old one (pure apart from the inputs).
pub fn merged_settings(
    old: Option<&(String, serde_json::Map<String, serde_json::Value>)>,
    exe: &str,
    statusline: bool,
    shown: &str,
) -> Result<(Option<String>, settings::Merged)> {
    let wanted = settings::wanted(assets::HOOKS_JSON, exe)
        .map_err(|e| anyhow::anyhow!("the built-in hooks.json is broken: {e}"))?;
    let mut map = old.map(|(_, m)| m.clone()).unwrap_or_default();
    let before = map.clone();
    let mut merged = settings::install(&mut map, &wanted, exe, statusline)
        .map_err(|e| UserError::new(format!("{shown}: {e}")).hint("nothing was changed"))?;
    merged.permissions = settings::add_permissions(&mut map)
        .map_err(|e| UserError::new(format!("{shown}: {e}")).hint("nothing was changed"))?;
    let text = (old.is_none() || map != before).then(|| wiring::settings_text(old, &map));
    Ok((text, merged))
}

pub fn run(g: &Global, a: InstallArgs) -> Result<()> {
    let place = place(g, a.user, a.shared)?;
    if let Some(agent) = a.agent.filter(|x| *x != crate::agents::Agent::Claude) {
        if a.statusline || a.force {
            return Err(UserError::new(format!(
                "--statusline and --force are for Claude Code; {} has neither",
                agent.title()
            ))
            .into());
        }
        let project = if a.user {
            PathBuf::new()
        } else {
            place.root.clone()
        };
        print!(
            "{}",
            crate::wiring::agents::install(agent, &project, a.user, a.dry_run)?
        );
        return Ok(());
    }
    let exe = place.hook_command()?;
    let shown_settings = place.show(&place.settings);
    // Everything is read and checked before anything is written: a bad
    // settings file leaves the command files untouched too.
    let old = wiring::read_settings(&place.settings, &shown_settings)?;
    let (new_text, merged) = merged_settings(old.as_ref(), &exe, a.statusline, &shown_settings)?;
    let (files, mut record) = wiring::command_files(&place.commands)?;

    let mut out = String::new();
    if a.dry_run {
        dry_run(
            &mut out,
            &place,
            old.as_ref(),
            new_text.as_deref(),
            &files,
            a.force,
        );
        print!("{out}");
        return Ok(());
    }

    let mut changed = false;
    if let Some(new) = &new_text {
        let bak =
            wiring::write_with_backup(&place.settings, old.as_ref().map(|(t, _)| t.as_str()), new)?;
        changed = true;
        let mut what = Vec::new();
        if !merged.events.is_empty() {
            what.push(format!(
                "registered {} ({} event{})",
                merged.events.join(", "),
                merged.events.len(),
                if merged.events.len() == 1 { "" } else { "s" }
            ));
        }
        if !merged.permissions.is_empty() {
            what.push(format!(
                "allowed {} without a prompt",
                merged.permissions.join(", ")
            ));
        }
        if what.is_empty() {
            what.push("rewrote session-hook's entries (same meaning, new layout)".into());
        }
        let events = what.join("; ");
        let _ = write!(out, "{shown_settings}: {events}");
        match bak {
            Some(b) => {
                let _ = writeln!(out, "; the previous file is kept as {}", place.show(&b));
            }
            None => out.push('\n'),
        }
    }
    match merged.statusline {
        StatusLine::Added => {
            let _ = writeln!(out, "statusLine: added (`session-hook statusline`)");
        }
        StatusLine::Updated => {
            let _ = writeln!(out, "statusLine: pointed at {exe}");
        }
        StatusLine::KeptTheirs => {
            let _ = writeln!(
                out,
                "statusLine: one is already set in {shown_settings}; kept it (set it to `{} statusline` by hand to use ours)",
                settings::shell_quote(&exe)
            );
        }
        StatusLine::Unchanged | StatusLine::Untouched => {}
    }

    let old_record = record.clone();
    let mut wrote = Vec::new();
    for f in &files {
        let write = match f.state {
            FileState::Same => false,
            FileState::Missing | FileState::Outdated => true,
            FileState::Modified if a.force => {
                let bak = f.path.with_file_name(format!("{}.bak", f.name));
                wiring::write_file(&bak, f.existing.as_deref().unwrap_or_default())?;
                let _ = writeln!(
                    out,
                    "{}: overwritten (--force); your version is kept as {}",
                    place.show(&f.path),
                    place.show(&bak)
                );
                true
            }
            FileState::Modified => {
                let _ = writeln!(
                    out,
                    "{}: modified by hand, left as it is (--force replaces it)",
                    place.show(&f.path)
                );
                continue;
            }
        };
        if write {
            wiring::write_file(&f.path, f.text.as_bytes())?;
            wrote.push(f.name);
        }
        record.insert(f.name.to_string(), assets::sha256_hex(f.text.as_bytes()));
    }
    if record != old_record && place.commands.is_dir() {
        wiring::save_record(&place.commands, &record)?;
    }
    if !wrote.is_empty() {
        changed = true;
        let _ = writeln!(
            out,
            "{}/: wrote {} (slash commands /{})",
            place.show(&place.commands),
            wrote.join(", "),
            wrote
                .iter()
                .map(|n| n.trim_end_matches(".md"))
                .collect::<Vec<_>>()
                .join(", /")
        );
    }

    if changed {
        println!(
            "Installed session-hook {} ({exe}) into {}.",
            env!("CARGO_PKG_VERSION"),
            if place.user {
                "~/.claude".to_string()
            } else {
                place.root.display().to_string()
            }
        );
        print!("{out}");
        if place.shared {
            println!(
                "Hooks and slash commands run `session-hook` from PATH, so everyone who uses this project needs it installed (`cargo install session-hook`).\nCommit {shown_settings} and {}/ to share them. Check the wiring any time with `session-hook doctor`.",
                place.show(&place.commands)
            );
        } else {
            println!(
                "Hooks run {exe} directly; the slash commands call `session-hook`, so keep it on your PATH.\nCheck the wiring any time with `session-hook doctor`."
            );
        }
        if !place.shared && in_build_folder(&exe) {
            println!(
                "Note: this binary is in a cargo build folder, which `cargo clean` empties; for everyday use run `cargo install --path .` and then `session-hook install` again."
            );
        }
    } else {
        println!(
            "session-hook is already installed in {shown_settings} and {}/; nothing changed.",
            place.show(&place.commands)
        );
        print!("{out}");
    }
    Ok(())
}

/// A binary under `target/debug` or `target/release` disappears with the
/// next `cargo clean`, and the hooks with it.
fn in_build_folder(exe: &str) -> bool {
    exe.contains("/target/debug/") || exe.contains("/target/release/")
}

/// `--dry-run`: the settings diff and what would happen to each file.
fn dry_run(
    out: &mut String,
    place: &Place,
    old: Option<&(String, serde_json::Map<String, serde_json::Value>)>,
    new_text: Option<&str>,
    files: &[CommandFile],
    force: bool,
) {
    let shown = place.show(&place.settings);
    match new_text {
        Some(new) => {
            let old_text = old.map(|(t, _)| t.as_str()).unwrap_or("");
            let from = if old.is_some() {
                format!("a/{shown}")
            } else {
                "/dev/null".into()
            };
            out.push_str(&diff::unified(
                &from,
                &format!("b/{shown}"),
                old_text,
                new,
                3,
            ));
        }
        None => {
            let _ = writeln!(out, "{shown}: already up to date");
        }
    }
    for f in files {
        let shown = place.show(&f.path);
        match f.state {
            FileState::Same => {
                let _ = writeln!(out, "{shown}: up to date");
            }
            FileState::Missing => {
                let _ = writeln!(out, "{shown}: would be created");
            }
            FileState::Outdated => {
                let _ = writeln!(out, "{shown}: would be updated");
                out.push_str(&diff::unified(
                    &format!("a/{shown}"),
                    &format!("b/{shown}"),
                    &String::from_utf8_lossy(f.existing.as_deref().unwrap_or_default()),
                    f.text,
                    3,
                ));
            }
            FileState::Modified if force => {
                let _ = writeln!(
                    out,
                    "{shown}: modified by hand; would be overwritten (--force), yours kept as {}.bak",
                    f.name
                );
            }
            FileState::Modified => {
                let _ = writeln!(out, "{shown}: modified by hand; would be left as it is");
            }
        }
    }
    out.push_str("(dry run: nothing was written)\n");
}
