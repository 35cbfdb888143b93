//! `.sessions/config.yaml`. Every key has a default; the file is read only
//! by the code paths that need it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::UserError;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default)]
pub struct Config {
    /// Context-usage warning levels, in percent.
    pub thresholds: Vec<u8>,
    /// Characters every injection must fit in.
    pub budget: usize,
    /// Context window by model: keys are substrings of the model id,
    /// matched longest first; they override the built-in table.
    pub windows: BTreeMap<String, u64>,
    pub intent: Intent,
    pub retention: Retention,
    pub pause: Pause,
    pub redact: Redact,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(default)]
pub struct Intent {
    /// Extra phrases that mean "continue", matched as whole prompts.
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default)]
pub struct Retention {
    pub resume_logs: usize,
    pub bundles: usize,
    pub snapshots: usize,
    /// Journal entries older than this many days are rolled up by `gc`.
    pub journal_days: u32,
    /// Paused sessions idle longer than this many days are archived by `gc`.
    pub paused_days: u32,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default)]
pub struct Pause {
    pub commit: CommitMode,
}

/// Where `pause` records its snapshot in git (`pause.commit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(try_from = "RawCommitMode")]
pub enum CommitMode {
    /// `true` / `ref` (the default): a commit on `refs/sessions/<id>`;
    /// the branch, index and working tree are never touched.
    #[default]
    Ref,
    /// `branch`: the ref, and a commit of `.sessions/` on the current
    /// branch made by the `git` executable.
    Branch,
    /// `false`: nothing in git.
    Off,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawCommitMode {
    Bool(bool),
    Word(String),
}

impl TryFrom<RawCommitMode> for CommitMode {
    type Error = String;
    fn try_from(r: RawCommitMode) -> Result<Self, String> {
        match r {
            RawCommitMode::Bool(true) => Ok(CommitMode::Ref),
            RawCommitMode::Bool(false) => Ok(CommitMode::Off),
            RawCommitMode::Word(w) => match w.as_str() {
                "ref" | "true" => Ok(CommitMode::Ref),
                "branch" => Ok(CommitMode::Branch),
                "false" | "off" | "none" => Ok(CommitMode::Off),
                other => Err(format!(
                    "pause.commit must be ref, branch or false, got {other:?}"
                )),
            },
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(default)]
pub struct Redact {
    pub patterns: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            thresholds: vec![70, 85, 95],
            budget: 8000,
            windows: BTreeMap::new(),
            intent: Intent::default(),
            retention: Retention::default(),
            pause: Pause::default(),
            redact: Redact::default(),
        }
    }
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            resume_logs: 20,
            bundles: 4,
            snapshots: 10,
            journal_days: 30,
            paused_days: 30,
        }
    }
}

impl Default for Pause {
    fn default() -> Self {
        Pause {
            commit: CommitMode::Ref,
        }
    }
}

/// Claude Code's own cap on injected text.
pub const HARD_CAP: usize = 10_000;

const KNOWN: &[&str] = &[
    "thresholds",
    "budget",
    "windows",
    "intent",
    "retention",
    "pause",
    "redact",
];

/// A loaded config plus the warnings it produced.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub warnings: Vec<String>,
}

/// Load the config. A missing file is the default. An invalid file is an
/// error (commands report it; hooks fall back to the default).
pub fn load(store_dir: &Path) -> Result<Loaded, UserError> {
    let path = store_dir.join("config.yaml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::default()),
        Err(e) => {
            return Err(UserError::new(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    parse(&text).map_err(|msg| {
        UserError::new(format!("{}: {msg}", path.display()))
            .hint("see the Configuration section of the README for the schema")
    })
}

pub fn parse(text: &str) -> Result<Loaded, String> {
    if text.trim().is_empty() {
        return Ok(Loaded::default());
    }
    let mut warnings = Vec::new();
    let raw: serde_json::Value = serde_saphyr::from_str(text).map_err(|e| {
        e.to_string()
            .lines()
            .next()
            .unwrap_or("invalid YAML")
            .to_string()
    })?;
    if let Some(map) = raw.as_object() {
        for (k, v) in map {
            if !KNOWN.contains(&k.as_str()) {
                warnings.push(format!("unknown config key {k:?} (ignored)"));
                continue;
            }
            // Sections with fixed keys: a typo there would otherwise be
            // dropped in silence and the default used instead.
            let known: &[&str] = match k.as_str() {
                "intent" => &["phrases"],
                "retention" => &[
                    "resume_logs",
                    "bundles",
                    "snapshots",
                    "journal_days",
                    "paused_days",
                ],
                "pause" => &["commit"],
                "redact" => &["patterns"],
                _ => continue,
            };
            for sub in v.as_object().into_iter().flat_map(|m| m.keys()) {
                if !known.contains(&sub.as_str()) {
                    warnings.push(format!("unknown config key \"{k}.{sub}\" (ignored)"));
                }
            }
        }
    } else if !raw.is_null() {
        return Err("the config must be a mapping of keys to values".into());
    }
    let config: Config = serde_saphyr::from_str(text).map_err(|e| {
        e.to_string()
            .lines()
            .next()
            .unwrap_or("invalid value")
            .to_string()
    })?;
    validate(&config)?;
    crate::redact::set_extra(&config.redact.patterns);
    Ok(Loaded { config, warnings })
}

fn validate(c: &Config) -> Result<(), String> {
    if c.thresholds.is_empty() || c.thresholds.iter().any(|t| *t == 0 || *t > 100) {
        return Err(format!(
            "thresholds must be percentages between 1 and 100, got {:?}",
            c.thresholds
        ));
    }
    if !c.thresholds.windows(2).all(|w| w[0] < w[1]) {
        return Err(format!(
            "thresholds must be increasing, got {:?}",
            c.thresholds
        ));
    }
    if !(500..=HARD_CAP).contains(&c.budget) {
        return Err(format!(
            "budget must be between 500 and {HARD_CAP} characters, got {}",
            c.budget
        ));
    }
    for p in &c.redact.patterns {
        regex::Regex::new(p).map_err(|e| format!("redact pattern {p:?} does not compile: {e}"))?;
    }
    for (k, v) in &c.windows {
        if k.trim().is_empty() {
            return Err("windows: a model key must not be empty".into());
        }
        if *v < 1000 {
            return Err(format!(
                "window for {k:?} must be at least 1000 tokens, got {v}"
            ));
        }
    }
    Ok(())
}

/// For hooks: the config, or the default when it is missing or invalid.
pub fn load_or_default(store_dir: &Path) -> Config {
    load(store_dir).map(|l| l.config).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let l = parse(
            "thresholds: [60, 80, 90]\nbudget: 4000\nintent:\n  phrases: [\"onwards\"]\nbogus: 1\n",
        )
        .unwrap();
        assert_eq!(l.config.thresholds, vec![60, 80, 90]);
        assert_eq!(l.config.budget, 4000);
        assert_eq!(l.config.intent.phrases, vec!["onwards"]);
        assert_eq!(l.config.retention.resume_logs, 20);
        assert_eq!(l.warnings.len(), 1);
        let l = parse("retention:\n  resume_log: 3\nwindows:\n  opus: 500000\n").unwrap();
        assert_eq!(
            l.warnings,
            vec!["unknown config key \"retention.resume_log\" (ignored)"]
        );
        assert_eq!(l.config.windows.get("opus"), Some(&500_000));
    }

    #[test]
    fn invalid_values_are_errors() {
        assert!(parse("budget: 20000\n").is_err());
        assert!(parse("thresholds: [90, 80]\n").is_err());
        assert!(parse("budget: lots\n").is_err());
        assert!(parse("redact:\n  patterns: ['(']\n").is_err());
    }
}
