//! Gemini CLI's side of the wiring (0.61.0): hooks go in
//! `.gemini/settings.json` (or `~/.gemini/settings.json` with `--user`),
//! in Claude Code's shape plus a `name`, with the timeout in milliseconds.
//! Hooks are on unless `hooksConfig.enabled` is false; install turns that
//! back on and notes it in a record next to the settings, so uninstall can
//! turn it off again.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::{Map, Value};

use super::settings::{Wanted, shell_quote};

/// Events we register, their matcher, and their timeout in milliseconds.
/// Lifecycle matchers are compared for equality with the trigger: PreCompress
/// fires before every model call as "auto", and only "manual" is a real
/// compression we can tell apart, so only that one starts our process.
const EVENTS: [(&str, Option<&str>, u64); 6] = [
    ("SessionStart", None, 15_000),
    ("BeforeAgent", None, 10_000),
    (
        "AfterTool",
        Some("^(write_file|replace|write_todos|read_file)$"),
        10_000,
    ),
    ("PreCompress", Some("manual"), 30_000),
    ("AfterAgent", None, 10_000),
    ("SessionEnd", None, 10_000),
];

/// The name our handlers carry (Gemini shows it, and `hooksConfig.disabled`
/// may list it).
pub const NAME: &str = "session-hook";

/// The record of a setting install turned on.
pub const RECORD: &str = ".session-hook-enabled";

pub fn command(exe: &str) -> String {
    format!("{} hook --agent gemini", shell_quote(exe))
}

pub fn wanted(exe: &str) -> Vec<Wanted> {
    let command = command(exe);
    super::agents::registrations(
        &EVENTS,
        |timeout| serde_json::json!({"type": "command", "name": NAME, "command": command, "timeout": timeout}),
    )
}

pub fn events() -> Vec<&'static str> {
    EVENTS.iter().map(|(e, _, _)| *e).collect()
}

/// Gemini's folder: `<project>/.gemini`, or `~/.gemini` with `--user`.
pub fn dir(project: &Path, user: bool) -> Result<PathBuf> {
    Ok(if user {
        super::home()?.join(".gemini")
    } else {
        project.join(".gemini")
    })
}

/// Whether `hooksConfig.enabled` is `false`.
pub fn hooks_off(settings: &Map<String, Value>) -> bool {
    settings
        .get("hooksConfig")
        .and_then(|h| h.get("enabled"))
        .is_some_and(|e| e == &Value::Bool(false))
}

/// Turn hooks on; true when that changed anything.
pub fn turn_on(settings: &mut Map<String, Value>) -> bool {
    if !hooks_off(settings) {
        return false;
    }
    if let Some(Value::Object(h)) = settings.get_mut("hooksConfig") {
        h.insert("enabled".into(), Value::Bool(true));
    }
    true
}

/// Turn hooks off again (uninstall, when the record says we turned them on).
pub fn turn_off(settings: &mut Map<String, Value>) {
    if let Some(Value::Object(h)) = settings.get_mut("hooksConfig")
        && h.get("enabled") == Some(&Value::Bool(true))
    {
        h["enabled"] = Value::Bool(false);
    }
}

/// Names or commands `hooksConfig.disabled` lists that are ours.
pub fn disabled_ours(settings: &Map<String, Value>) -> Vec<String> {
    settings
        .get("hooksConfig")
        .and_then(|h| h.get("disabled"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|d| {
            *d == NAME
                || super::settings::is_ours(&serde_json::json!({"type": "command", "command": d}))
        })
        .map(str::to_string)
        .collect()
}

pub fn notes(_user: bool) -> Vec<String> {
    vec![
        "Gemini CLI runs hooks only in a trusted folder: trust this project when Gemini asks (kept in ~/.gemini/trustedFolders.json); `--skip-trust` starts Gemini there but still runs no hook. It lists new project hooks once at start-up."
            .into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrations_name_themselves_and_use_milliseconds() {
        let w = wanted("/x/session-hook");
        assert_eq!(w[0].handler["name"], NAME);
        assert_eq!(
            w[0].handler["command"],
            "/x/session-hook hook --agent gemini"
        );
        assert!(
            w.iter()
                .all(|w| w.handler["timeout"].as_u64().unwrap() >= 1000)
        );
        assert!(super::super::settings::is_ours(&w[0].handler));
    }

    #[test]
    fn hooks_are_turned_on_and_off() {
        let mut s: Map<String, Value> =
            serde_json::from_str(r#"{"hooksConfig":{"enabled":false,"notifications":true}}"#)
                .unwrap();
        assert!(turn_on(&mut s));
        assert_eq!(s["hooksConfig"]["enabled"], true);
        assert!(!turn_on(&mut s));
        turn_off(&mut s);
        assert!(hooks_off(&s));
        let s: Map<String, Value> =
            serde_json::from_str(r#"{"hooksConfig":{"disabled":["session-hook","other"]}}"#)
                .unwrap();
        assert_eq!(disabled_ours(&s), vec!["session-hook"]);
    }
}
