//! `.sessions/config.yaml`. Every key has a default; the file is read only
//! by the code paths that need it.

use std::collections::BTreeMap;
use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::error::UserError;
use crate::redact::Redactor;

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

/// The config comes with the repository, so anybody may have written it:
/// its size and its patterns are limited, so no config can make a hook
/// slow or hungry.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;
/// At most this many `redact.patterns`, each at most this long.
pub const MAX_PATTERNS: usize = 32;
pub const MAX_PATTERN_LEN: usize = 256;
/// A redaction pattern must not match fewer characters than this: a
/// secret is longer, and a shorter match (or an empty one) would only
/// blow the text up with markers.
pub const MIN_PATTERN_MATCH: usize = 4;
/// Compiled size limits for one pattern (the regex crate's own units).
const REGEX_SIZE_LIMIT: usize = 256 * 1024;
const REGEX_DFA_LIMIT: usize = 1024 * 1024;
/// At most this many `intent.phrases`, each at most this long.
pub const MAX_PHRASES: usize = 64;
pub const MAX_PHRASE_LEN: usize = 200;

/// A loaded config plus the warnings it produced and its redaction step
/// (the built-in rules plus its patterns, compiled once).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub warnings: Vec<String>,
    pub redactor: Redactor,
}

/// Load the config. A missing file is the default. An invalid file is an
/// error (commands report it; hooks fall back to the default).
pub fn load(store_dir: &Path) -> Result<Loaded, UserError> {
    let path = store_dir.join("config.yaml");
    let text = match read_bounded(&path) {
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
    let redactor = Redactor::with_patterns(compile_patterns(&config.redact.patterns)?);
    Ok(Loaded {
        config,
        warnings,
        redactor,
    })
}

/// Read the config file: a regular file (never through a symlink, never a
/// device or a pipe) of at most [`MAX_CONFIG_BYTES`].
fn read_bounded(path: &Path) -> std::io::Result<String> {
    let buf = crate::fsutil::read_capped(path, MAX_CONFIG_BYTES)?;
    String::from_utf8(buf)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"))
}

/// Compile `redact.patterns` within the limits: count, length, compiled
/// size, and a minimum match length (an empty match is refused).
pub fn compile_patterns(patterns: &[String]) -> Result<Vec<Regex>, String> {
    if patterns.len() > MAX_PATTERNS {
        return Err(format!(
            "redact.patterns has {} patterns; at most {MAX_PATTERNS} are allowed",
            patterns.len()
        ));
    }
    patterns
        .iter()
        .map(|p| {
            if p.chars().count() > MAX_PATTERN_LEN {
                return Err(format!(
                    "redact pattern {:?}… is longer than {MAX_PATTERN_LEN} characters",
                    p.chars().take(40).collect::<String>()
                ));
            }
            let hir = regex_syntax::ParserBuilder::new()
                .nest_limit(32)
                .build()
                .parse(p)
                .map_err(|e| format!("redact pattern {p:?} does not compile: {e}"))?;
            match hir.properties().minimum_len() {
                Some(0) => {
                    return Err(format!(
                        "redact pattern {p:?} can match the empty string"
                    ));
                }
                Some(n) if n < MIN_PATTERN_MATCH => {
                    return Err(format!(
                        "redact pattern {p:?} can match as few as {n} characters; a pattern must match at least {MIN_PATTERN_MATCH}"
                    ));
                }
                _ => {}
            }
            RegexBuilder::new(p)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_DFA_LIMIT)
                .build()
                .map_err(|e| match e {
                    regex::Error::CompiledTooBig(_) => {
                        format!("redact pattern {p:?} is too complex (compiled size over the limit)")
                    }
                    e => format!("redact pattern {p:?} does not compile: {e}"),
                })
        })
        .collect()
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
    if c.intent.phrases.len() > MAX_PHRASES {
        return Err(format!(
            "intent.phrases has {} phrases; at most {MAX_PHRASES} are allowed",
            c.intent.phrases.len()
        ));
    }
    if let Some(p) = c
        .intent
        .phrases
        .iter()
        .find(|p| p.chars().count() > MAX_PHRASE_LEN)
    {
        return Err(format!(
            "intent phrase {:?}… is longer than {MAX_PHRASE_LEN} characters",
            p.chars().take(40).collect::<String>()
        ));
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
pub fn load_or_default(store_dir: &Path) -> Loaded {
    load(store_dir).unwrap_or_default()
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

    #[test]
    fn patterns_are_limited() {
        let err = |y: &str| parse(y).unwrap_err();
        assert!(err("redact:\n  patterns: ['a*']\n").contains("empty string"));
        assert!(err("redact:\n  patterns: ['x|']\n").contains("empty string"));
        assert!(err("redact:\n  patterns: ['\\b']\n").contains("empty string"));
        assert!(err("redact:\n  patterns: ['.']\n").contains("as few as 1"));
        assert!(err("redact:\n  patterns: ['\\w{500}\\w{500}\\w{500}']\n").contains("too complex"));
        let many = (0..40)
            .map(|i| format!("'tok{i}-[0-9]{{6}}'"))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(err(&format!("redact:\n  patterns: [{many}]\n")).contains("at most 32"));
        let long = "a".repeat(300);
        assert!(err(&format!("redact:\n  patterns: ['{long}']\n")).contains("longer than"));
        assert!(err(&format!("intent:\n  phrases: ['{long}']\n")).contains("longer than"));
        let l = parse("redact:\n  patterns: ['ticket-[0-9]{6}']\n").unwrap();
        assert_eq!(l.redactor.redact("ticket-123456"), "[REDACTED:custom]");
    }
}
