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
