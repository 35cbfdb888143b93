//! Codex CLI's side of the wiring (0.169.0): hooks go in `.codex/hooks.json`
//! (or `$CODEX_HOME/hooks.json` with `--user`), in Claude Code's shape, one
//! shell command per handler with the timeout in seconds. The `hooks`
//! feature (formerly `codex_hooks`) is on by default; a `config.toml` that
//! turns it off gets it turned back on, with the old line kept in a comment
//! so uninstall can put it back byte for byte.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::settings::{Wanted, shell_quote};

/// Events we register, their matcher, and their timeout in seconds.
/// SessionEnd's timeout is clamped by Codex to at most 3 s.
const EVENTS: [(&str, Option<&str>, u64); 7] = [
    ("SessionStart", None, 15),
    ("UserPromptSubmit", None, 10),
    ("PostToolUse", Some("apply_patch|update_plan"), 10),
    ("PreCompact", None, 30),
    ("PostCompact", None, 10),
    ("Stop", None, 10),
    ("SessionEnd", None, 3),
];

/// The command line a handler runs (Codex runs it with `bash -c`).
pub fn command(exe: &str) -> String {
    format!("{} hook --agent codex", shell_quote(exe))
}

pub fn wanted(exe: &str) -> Vec<Wanted> {
    let command = command(exe);
    super::agents::registrations(
        &EVENTS,
        |timeout| serde_json::json!({"type": "command", "command": command, "timeout": timeout}),
    )
}

pub fn events() -> Vec<&'static str> {
    EVENTS.iter().map(|(e, _, _)| *e).collect()
}

/// Codex's folder: `<project>/.codex`, or `$CODEX_HOME` (default
/// `~/.codex`) with `--user`.
pub fn dir(project: &Path, user: bool) -> Result<PathBuf> {
    if !user {
        return Ok(project.join(".codex"));
    }
    if let Some(h) = std::env::var_os("CODEX_HOME").filter(|h| !h.is_empty()) {
        return Ok(PathBuf::from(h));
    }
    Ok(super::home()?.join(".codex"))
}

/// What marks a line we changed in `config.toml`.
const MARK: &str = "# session-hook turned this on; was: ";

/// `config.toml` with the hooks feature turned on where a line turns it off
/// (`hooks = false` or `codex_hooks = false` under `[features]`, or
/// `features.hooks = false` before any table). `None` when no line does.
pub fn feature_on(toml: &str) -> Option<String> {
    let mut table = String::new();
    let mut changed = false;
    let mut out = String::with_capacity(toml.len() + 80);
    for line in toml.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let eol = &line[body.len()..];
        let t = body.trim();
        if t.starts_with('[') {
            table = t
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            out.push_str(line);
            continue;
        }
        let code = t.split('#').next().unwrap_or("").trim();
        let off = code.split_once('=').and_then(|(k, v)| {
            let k = k.trim().trim_matches('"');
            let key = match table.as_str() {
                "features" => k.to_string(),
                "" => k.strip_prefix("features.")?.to_string(),
                _ => return None,
            };
            (matches!(key.as_str(), "hooks" | "codex_hooks") && v.trim() == "false")
                .then(|| code.split('=').next().unwrap_or("").trim_end().to_string())
        });
        match off {
            Some(k) if !body.contains(MARK) => {
                let indent: String = body.chars().take_while(|c| c.is_whitespace()).collect();
                out.push_str(&format!("{indent}{k} = true {MARK}{body}{eol}"));
                changed = true;
            }
            _ => out.push_str(line),
        }
    }
    changed.then_some(out)
}

/// `config.toml` with every line we changed put back as it was. `None`
/// when there is none.
pub fn feature_restored(toml: &str) -> Option<String> {
    let mut changed = false;
    let mut out = String::with_capacity(toml.len());
    for line in toml.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let eol = &line[body.len()..];
        match body.split_once(MARK) {
            Some((_, was)) => {
                out.push_str(was);
                out.push_str(eol);
                changed = true;
            }
            None => out.push_str(line),
        }
    }
    changed.then_some(out)
}

/// Whether `config.toml` turns the hooks feature off (and we did not turn
/// it back on).
pub fn feature_off(toml: &str) -> bool {
    feature_on(toml).is_some()
}

/// Hook registrations in `config.toml`: Codex reads `[hooks]` tables there
/// as well as `hooks.json`, and runs both. We never write them; doctor
/// reports them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TomlHooks {
    /// Events registered there, in file order.
    pub events: Vec<String>,
    /// Whether one of them runs session-hook.
    pub ours: bool,
}

/// The hook events `config.toml` registers (`[hooks]`, `[hooks.Event]`,
/// `[[hooks.Event]]`, `[[hooks.Event.hooks]]`, `hooks.Event = …`, or
/// `Event = …` inside `[hooks]`), read line by line as the rest of this
/// file is. Event names start with a capital; lower-case keys such as
/// `hooks.state` are Codex's own bookkeeping, not registrations. `None`
/// when there are none.
pub fn toml_hooks(toml: &str) -> Option<TomlHooks> {
    let mut found = TomlHooks::default();
    // The event of the table we are in, or "" for `[hooks]` itself; `None`
    // outside any hooks table.
    let mut table: Option<String> = None;
    let note = |found: &mut TomlHooks, event: &str| {
        if event.starts_with(|c: char| c.is_ascii_uppercase())
            && !found.events.iter().any(|e| e == event)
        {
            found.events.push(event.to_string());
        }
    };
    for line in toml.lines() {
        let t = line.trim();
        let code = t.split('#').next().unwrap_or("").trim();
        if code.starts_with('[') {
            let name = code.trim_matches(['[', ']']).trim();
            let mut parts = name.split('.').map(|p| p.trim().trim_matches('"'));
            table = match (parts.next(), parts.next()) {
                (Some("hooks"), None) => Some(String::new()),
                (Some("hooks"), Some(event)) => {
                    note(&mut found, event);
                    Some(event.to_string())
                }
                _ => None,
            };
            continue;
        }
        let key = code
            .split_once('=')
            .map(|(k, _)| k.trim().trim_matches('"'))
            .unwrap_or("");
        match table.as_deref() {
            Some("") => note(&mut found, key.split('.').next().unwrap_or("")),
            None => {
                if let Some(event) = key.strip_prefix("hooks.") {
                    note(&mut found, event.split('.').next().unwrap_or(""));
                    if code.contains("session-hook") {
                        found.ours = true;
                    }
                }
                continue;
            }
            Some(_) => {}
        }
        let in_event = match table.as_deref() {
            Some("") => key.starts_with(|c: char| c.is_ascii_uppercase()),
            Some(e) => e.starts_with(|c: char| c.is_ascii_uppercase()),
            None => false,
        };
        if in_event && code.contains("session-hook") {
            found.ours = true;
        }
    }
    (!found.events.is_empty()).then_some(found)
}

/// What Codex needs beyond the file, said at install.
pub fn notes(user: bool) -> Vec<String> {
    let mut v = vec![
        "Codex runs a new or changed hook only once you trust it: start `codex`, open /hooks and trust the session-hook entries (`codex exec --dangerously-bypass-hook-trust` skips the check for one run).".to_string(),
    ];
    if !user {
        v.push(
            "Hooks in a project's .codex/ run only in a trusted project (`codex` asks on first start; `codex exec --trust` trusts it).".into(),
        );
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feature_is_turned_on_and_back_off_byte_for_byte() {
        let toml = "model = \"gpt-5.5\"\r\n\n[features]\n  hooks = false   # not now\nother = true\n[tui]\nhooks = false\n";
        let on = feature_on(toml).unwrap();
        assert!(on.contains(
            "  hooks = true # session-hook turned this on; was:   hooks = false   # not now\n"
        ));
        assert!(
            on.ends_with("[tui]\nhooks = false\n"),
            "other tables are not ours: {on}"
        );
        assert_eq!(feature_on(&on), None, "idempotent");
        assert_eq!(feature_restored(&on).as_deref(), Some(toml));
        assert_eq!(feature_restored(toml), None);
        let dotted = "features.codex_hooks = false\n";
        assert_eq!(
            feature_on(dotted).unwrap(),
            "features.codex_hooks = true # session-hook turned this on; was: features.codex_hooks = false\n"
        );
        assert_eq!(feature_on("[features]\nhooks = true\n"), None);
    }

    #[test]
    fn hook_tables_in_config_toml_are_found() {
        let toml = "model = \"gpt-5.5\"\n\n[[hooks.SessionStart]]\n[[hooks.SessionStart.hooks]]\ntype = \"command\"\ncommand = \"/usr/bin/session-hook hook --agent codex\"\n\n[[hooks.\"Stop\"]]\nhooks = [{ type = \"command\", command = \"notify-send done\" }]\n[hooks.state.\"abc\"]\ntrusted = true\n[tui]\ncommand = \"session-hook\"\n";
        assert_eq!(
            toml_hooks(toml),
            Some(TomlHooks {
                events: vec!["SessionStart".into(), "Stop".into()],
                ours: true
            })
        );
        let inline = "[hooks]\nPostToolUse = [{ matcher = \"x\", hooks = [{ type = \"command\", command = \"lint\" }] }]\n";
        assert_eq!(
            toml_hooks(inline),
            Some(TomlHooks {
                events: vec!["PostToolUse".into()],
                ours: false
            })
        );
        let dotted = "hooks.UserPromptSubmit = [{ hooks = [{ type = \"command\", command = \"session-hook hook\" }] }]\n";
        assert!(toml_hooks(dotted).unwrap().ours);
        // Trust records and other tables are not registrations.
        assert_eq!(
            toml_hooks("[hooks.state.\"x\"]\ntrusted = true\n[features]\nhooks = true\n"),
            None
        );
        assert_eq!(toml_hooks("# [hooks.Stop]\n"), None);
    }

    #[test]
    fn registrations_are_shell_commands_with_seconds() {
        let w = wanted("/a b/session-hook");
        assert_eq!(w.len(), 7);
        assert_eq!(
            w[0].handler["command"],
            "'/a b/session-hook' hook --agent codex"
        );
        assert!(super::super::settings::is_ours(&w[0].handler));
        let end = w.iter().find(|w| w.event == "SessionEnd").unwrap();
        assert!(end.handler["timeout"].as_u64().unwrap() <= 3);
    }
}
