//! `session-hook uninstall`: take out exactly what install added: our hook
//! handlers (and the groups and lists only they were in), our statusLine,
//! and the slash-command files nobody changed.

use std::fmt::Write as _;
use std::fs;

use anyhow::{Context, Result};
use clap::Args;

use crate::cli::Global;
use crate::wiring::assets::FileState;
use crate::wiring::{self, diff, settings};

#[derive(Debug, Args)]
pub struct UninstallArgs {
    /// Unwire another agent instead of Claude Code: codex or gemini.
    #[arg(long, value_parser = crate::cmd::hook::parse_agent)]
    pub agent: Option<crate::agents::Agent>,
    /// Uninstall from this user's files instead of this project's:
    /// ~/.claude/settings.json, or with --agent codex ~/.codex/hooks.json
    /// ($CODEX_HOME if set), with --agent gemini ~/.gemini/settings.json.
    #[arg(long, conflicts_with = "shared")]
    pub user: bool,
    /// Uninstall from the project's committed .claude/settings.json.
    #[arg(long)]
    pub shared: bool,
    /// Show what would change and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(g: &Global, a: UninstallArgs) -> Result<()> {
    let place = super::install::place(g, a.user, a.shared)?;
    if let Some(agent) = a.agent.filter(|x| *x != crate::agents::Agent::Claude) {
        let project = if a.user {
            std::path::PathBuf::new()
        } else {
            place.root.clone()
        };
        print!(
            "{}",
            crate::wiring::agents::uninstall(agent, &project, a.user, a.dry_run)?
        );
        return Ok(());
    }
    let shown = place.show(&place.settings);
    let old = wiring::read_settings(&place.settings, &shown)?;
    let (files, mut record) = wiring::command_files(&place.commands)?;

    let mut map = old.as_ref().map(|(_, m)| m.clone()).unwrap_or_default();
    let removed = settings::uninstall(&mut map);
    let settings_changed = old.as_ref().is_some_and(|(_, m)| *m != map);
    // The text install found (kept as `.bak`), when the file means the same
    // again: it goes back byte for byte, and no copy is left beside a
    // committed settings file.
    let bak_path = wiring::backup_path(&place.settings)?;
    let original = settings_changed
        .then(|| crate::fsutil::read_text(&bak_path).ok())
        .flatten()
        .filter(|b| {
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(b)
                .is_ok_and(|m| m == map)
        });
    // A file that held only our settings goes away with them.
    let new_text = settings_changed.then(|| {
        if map.is_empty() {
            String::new()
        } else if let Some(o) = &original {
            o.clone()
        } else {
            wiring::settings_text(old.as_ref(), &map)
        }
    });
    let ours: Vec<&wiring::CommandFile> = files
        .iter()
        .filter(|f| matches!(f.state, FileState::Same | FileState::Outdated))
        .collect();
    let kept: Vec<&wiring::CommandFile> = files
        .iter()
        .filter(|f| f.state == FileState::Modified)
        .collect();

    let mut out = String::new();
    if a.dry_run {
        if let (Some(new), Some((old_text, _))) = (&new_text, &old) {
            out.push_str(&diff::unified(
                &format!("a/{shown}"),
                &if new.is_empty() {
                    "/dev/null".into()
                } else {
                    format!("b/{shown}")
                },
                old_text,
                new,
                3,
            ));
        }
        for f in &ours {
            let _ = writeln!(out, "{}: would be removed", place.show(&f.path));
        }
        for f in &kept {
            let _ = writeln!(
                out,
                "{}: modified by hand; would be left as it is",
                place.show(&f.path)
            );
        }
        if new_text.is_none() && ours.is_empty() {
            let _ = writeln!(
                out,
                "session-hook is not installed in {shown}; nothing to do"
            );
        }
        out.push_str("(dry run: nothing was written)\n");
        print!("{out}");
        return Ok(());
    }

    if let (Some(new), Some((old_text, _))) = (&new_text, &old) {
        if new.is_empty() {
            // It held nothing but ours: no copy is needed, and none is
            // left behind.
            fs::remove_file(&place.settings)
                .with_context(|| format!("cannot remove {}", place.settings.display()))?;
            let _ = writeln!(
                out,
                "{shown}: removed (it held only session-hook's settings)"
            );
        } else {
            let bak = match original {
                Some(_) => {
                    wiring::write_file(&place.settings, new.as_bytes())?;
                    let _ = fs::remove_file(&bak_path);
                    None
                }
                None => wiring::write_with_backup(&place.settings, Some(old_text), new)?,
            };
            let mut what = removed.events.join(", ");
            for (yes, name) in [
                (removed.statusline, "statusLine"),
                (removed.permissions, "permissions.allow"),
            ] {
                if yes {
                    if !what.is_empty() {
                        what.push_str(", ");
                    }
                    what.push_str(name);
                }
            }
            let _ = match bak {
                Some(b) => writeln!(
                    out,
                    "{shown}: removed session-hook from {what}; the previous file is kept as {}",
                    place.show(&b)
                ),
                None => writeln!(
                    out,
                    "{shown}: removed session-hook from {what}; the file is back to the text install found"
                ),
            };
        }
    }
    let mut gone = Vec::new();
    for f in &ours {
        fs::remove_file(&f.path).with_context(|| format!("cannot remove {}", f.path.display()))?;
        record.remove(f.name);
        gone.push(f.name);
    }
    for f in &kept {
        record.remove(f.name);
        let _ = writeln!(
            out,
            "{}: modified by hand, left in place (delete it yourself if you no longer want it)",
            place.show(&f.path)
        );
    }
    if !gone.is_empty() {
        let _ = writeln!(
            out,
            "{}/: removed {}",
            place.show(&place.commands),
            gone.join(", ")
        );
    }
    if place.commands.is_dir() {
        wiring::save_record(&place.commands, &record)?;
        // Only empty folders go; anything else in them is someone's.
        let _ = fs::remove_dir(&place.commands);
        if !place.user
            && let Some(claude) = place.commands.parent()
        {
            let _ = fs::remove_dir(claude);
        }
    }
    if out.is_empty() {
        println!("session-hook is not installed in {shown}; nothing changed.");
    } else {
        println!("Uninstalled session-hook.");
        print!("{out}");
    }
    Ok(())
}
