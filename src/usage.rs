//! Context usage as a fraction of the window: where the window size comes
//! from, which warning levels are due, and how they read. Pure functions;
//! the hooks and the `context` command bring the inputs.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::hook::state::ClaudeState;

/// The window when nothing better is known.
pub const DEFAULT_WINDOW: u64 = 200_000;

/// Built-in model rules: a substring of the model id and its window. The
/// `[1m]` suffix asks for the extended window; some models have it natively
/// (Sonnet 5, Fable 5, Opus 4.7 and later). `windows` in the config is tried
/// before this table, so it can override any of it.
pub const MODEL_WINDOWS: &[(&str, u64)] = &[
    ("[1m]", 1_000_000),
    ("opus-4-7", 1_000_000),
    ("opus-4-8", 1_000_000),
    ("opus-4-9", 1_000_000),
    ("opus-5", 1_000_000),
    ("sonnet-5", 1_000_000),
    ("fable-5", 1_000_000),
];

/// Where a window size came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowSource {
    /// `--window` on the command line.
    Flag,
    /// The size `session-hook statusline` cached for this Claude session.
    Statusline,
    /// The size the agent's transcript records (Codex CLI's rollout).
    Transcript,
    /// A `windows` entry of `.sessions/config.yaml`.
    Config,
    /// The built-in model table.
    Model,
    /// Nothing known: 200,000.
    Default,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    pub size: u64,
    pub source: WindowSource,
    /// The key that matched, for `config` and `model`.
    pub rule: Option<String>,
}

impl Window {
    /// "from the model (claude-opus-5 matches \"opus-5\")" and the like.
    pub fn describe(&self, model: Option<&str>) -> String {
        let m = model.unwrap_or("?");
        let rule = self.rule.as_deref().unwrap_or("");
        match self.source {
            WindowSource::Flag => "from --window".into(),
            WindowSource::Statusline => {
                "cached by `session-hook statusline` for this Claude session".into()
            }
            WindowSource::Transcript => "recorded in the agent's transcript".into(),
            WindowSource::Config => {
                format!("from .sessions/config.yaml (model {m} matches {rule:?})")
            }
            WindowSource::Model if rule.is_empty() => {
                format!("from the model ({m}); CLAUDE_CODE_DISABLE_1M_CONTEXT is set")
            }
            WindowSource::Model => format!("from the model table ({m} matches {rule:?})"),
            WindowSource::Default => match model {
                Some(m) => format!("the default; no rule matches model {m}"),
                None => "the default; the model is not known".into(),
            },
        }
    }
}

/// The window for a Claude session, in order: `--window`, the statusline's
/// cached size, the config's `windows`, the built-in model table, 200,000.
pub fn window(
    flag: Option<u64>,
    cached: Option<u64>,
    model: Option<&str>,
    overrides: &BTreeMap<String, u64>,
) -> Window {
    let plain = |size, source| Window {
        size,
        source,
        rule: None,
    };
    if let Some(n) = flag.filter(|n| *n > 0) {
        return plain(n, WindowSource::Flag);
    }
    if let Some(n) = cached.filter(|n| *n > 0) {
        return plain(n, WindowSource::Statusline);
    }
    let Some(model) = model.map(str::to_ascii_lowercase) else {
        return plain(DEFAULT_WINDOW, WindowSource::Default);
    };
    let mut keys: Vec<(&String, &u64)> = overrides.iter().collect();
    keys.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    if let Some((k, n)) = keys
        .into_iter()
        .find(|(k, _)| model.contains(&k.to_ascii_lowercase()))
    {
        return Window {
            size: *n,
            source: WindowSource::Config,
            rule: Some(k.clone()),
        };
    }
    let mut table: Vec<&(&str, u64)> = MODEL_WINDOWS.iter().collect();
    table.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    if let Some((k, n)) = table.into_iter().find(|(k, _)| model.contains(k)) {
        // Claude Code's own switch back to the standard window.
        if *n > DEFAULT_WINDOW && disable_1m() {
            return plain(DEFAULT_WINDOW, WindowSource::Model);
        }
        return Window {
            size: *n,
            source: WindowSource::Model,
            rule: Some(k.to_string()),
        };
    }
    plain(DEFAULT_WINDOW, WindowSource::Default)
}

/// The window given several guesses at the model, best first (what
/// SessionStart or the statusline reported, then the transcript's). The
/// first one a rule knows wins, so an alias such as "opus" does not hide
/// the full id in the transcript. Returns the model it went by.
pub fn window_for(
    flag: Option<u64>,
    cached: Option<u64>,
    models: &[Option<&str>],
    overrides: &BTreeMap<String, u64>,
) -> (Window, Option<String>) {
    let known: Vec<&str> = models.iter().flatten().copied().collect();
    for m in &known {
        let w = window(flag, cached, Some(m), overrides);
        if w.source != WindowSource::Default {
            return (w, Some(m.to_string()));
        }
    }
    let first = known.first().copied();
    (
        window(flag, cached, first, overrides),
        first.map(str::to_string),
    )
}

fn disable_1m() -> bool {
    std::env::var("CLAUDE_CODE_DISABLE_1M_CONTEXT")
        .is_ok_and(|v| matches!(v.trim(), "1" | "true" | "yes"))
}

/// Percent of the window in use, to one decimal.
pub fn percent(used: u64, window: u64) -> f64 {
    if window == 0 {
        return 0.0;
    }
    (used as f64 * 1000.0 / window as f64).round() / 10.0
}

/// Has `used` reached `threshold` percent of `window`? Exact, in integers.
pub fn reached(used: u64, window: u64, threshold: u8) -> bool {
    u128::from(used) * 100 >= u128::from(threshold) * u128::from(window)
}

/// The three kinds of warning. With more than three thresholds, all but the
/// last two are cautions; with fewer, the highest is always critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Caution,
    Warning,
    Critical,
}

pub fn level_of(thresholds: &[u8], t: u8) -> Level {
    let max = thresholds.iter().copied().max().unwrap_or(t);
    let second = thresholds.iter().copied().filter(|x| *x < max).max();
    if t >= max {
        Level::Critical
    } else if Some(t) == second {
        Level::Warning
    } else {
        Level::Caution
    }
}

/// A warning that is due: the level to give, and every level to record as
/// given (all those reached, so the lower ones do not follow later).
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub epoch: u64,
    pub threshold: u8,
    pub level: Level,
    pub mark: Vec<u8>,
}

/// Which warning, if any, is due now. Each level is given once per
/// compaction epoch; when several are reached at once only the highest is
/// given. `st.warned_epoch` is bumped by PreCompact; a drop below the usage
/// seen at the last warning also starts a new epoch, in case that hook did
/// not run.
pub fn due(thresholds: &[u8], used: u64, window: u64, st: &ClaudeState) -> Option<Due> {
    let mut reached_now: Vec<u8> = thresholds
        .iter()
        .copied()
        .filter(|t| reached(used, window, *t))
        .collect();
    reached_now.sort_unstable();
    let top = *reached_now.last()?;
    let shrunk = st.warned_used.is_some_and(|w| used < w);
    let (epoch, given): (u64, &[u8]) = if shrunk {
        (st.warned_epoch + 1, &[])
    } else {
        (st.warned_epoch, &st.warned)
    };
    if given.contains(&top) {
        return None;
    }
    let mut mark: Vec<u8> = given.iter().copied().chain(reached_now).collect();
    mark.sort_unstable();
    mark.dedup();
    Some(Due {
        epoch,
        threshold: top,
        level: level_of(thresholds, top),
        mark,
    })
}

/// `12345678` → `12,345,678`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The warning text, worded like the resume-log system this replaces.
pub fn warning_text(level: Level, threshold: u8, used: u64, window: u64) -> String {
    let remaining = thousands(window.saturating_sub(used));
    let (name, advice) = match level {
        Level::Caution => ("Caution", "consider planning for session transition."),
        Level::Warning => ("Warning", "complete current task, avoid starting new work."),
        Level::Critical => ("Critical", "STOP new work immediately."),
    };
    format!(
        "Context Usage {name}: {threshold}% capacity reached\n{remaining} tokens remaining - {advice}\n(session-hook: {} of {} tokens in use, {:.1}%.)",
        thousands(used),
        thousands(window),
        percent(used, window)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(epoch: u64, warned: &[u8], used: Option<u64>) -> ClaudeState {
        ClaudeState {
            warned_epoch: epoch,
            warned: warned.to_vec(),
            warned_used: used,
            ..ClaudeState::default()
        }
    }

    #[test]
    fn window_order() {
        let none = BTreeMap::new();
        let w = window(Some(123_000), Some(1_000_000), Some("claude-opus-5"), &none);
        assert_eq!((w.size, w.source), (123_000, WindowSource::Flag));
        let w = window(None, Some(1_000_000), Some("claude-sonnet-4-5"), &none);
        assert_eq!((w.size, w.source), (1_000_000, WindowSource::Statusline));
        let w = window(None, None, Some("claude-opus-5-5"), &none);
        assert_eq!((w.size, w.source), (1_000_000, WindowSource::Model));
        assert_eq!(w.rule.as_deref(), Some("opus-5"));
        let w = window(None, None, Some("claude-sonnet-4-5[1m]"), &none);
        assert_eq!(w.size, 1_000_000);
        let w = window(None, None, Some("claude-sonnet-4-5"), &none);
        assert_eq!((w.size, w.source), (200_000, WindowSource::Default));
        let w = window(None, None, None, &none);
        assert_eq!((w.size, w.source), (200_000, WindowSource::Default));
        let (w, m) = window_for(None, None, &[Some("opus"), Some("claude-opus-5-5")], &none);
        assert_eq!((w.size, m.as_deref()), (1_000_000, Some("claude-opus-5-5")));
        let (w, m) = window_for(
            None,
            None,
            &[Some("sonnet"), Some("claude-sonnet-4-5")],
            &none,
        );
        assert_eq!((w.size, m.as_deref()), (200_000, Some("sonnet")));
        let mut cfg = BTreeMap::new();
        cfg.insert("opus".to_string(), 500_000);
        cfg.insert("opus-5-5".to_string(), 400_000);
        let w = window(None, None, Some("claude-opus-5-5"), &cfg);
        assert_eq!((w.size, w.source), (400_000, WindowSource::Config));
        let w = window(None, None, Some("claude-opus-5"), &cfg);
        assert_eq!((w.size, w.rule.as_deref()), (500_000, Some("opus")));
    }

    #[test]
    fn levels() {
        let t = [70, 85, 95];
        assert_eq!(level_of(&t, 70), Level::Caution);
        assert_eq!(level_of(&t, 85), Level::Warning);
        assert_eq!(level_of(&t, 95), Level::Critical);
        assert_eq!(level_of(&[50, 60, 80, 90], 60), Level::Caution);
        assert_eq!(level_of(&[90], 90), Level::Critical);
        assert!(reached(140_000, 200_000, 70));
        assert!(!reached(139_999, 200_000, 70));
    }

    #[test]
    fn each_level_once_highest_first() {
        let t = [70, 85, 95];
        assert_eq!(due(&t, 100_000, 200_000, &st(0, &[], None)), None);
        let d = due(&t, 141_000, 200_000, &st(0, &[], None)).unwrap();
        assert_eq!(
            (d.threshold, d.level, d.mark.clone()),
            (70, Level::Caution, vec![70])
        );
        assert_eq!(
            due(&t, 150_000, 200_000, &st(0, &[70], Some(141_000))),
            None
        );
        // A jump past two levels gives the highest and marks both.
        let d = due(&t, 191_000, 200_000, &st(0, &[70], Some(141_000))).unwrap();
        assert_eq!((d.threshold, d.mark.clone()), (95, vec![70, 85, 95]));
        assert_eq!(
            due(&t, 195_000, 200_000, &st(0, &[70, 85, 95], Some(191_000))),
            None
        );
    }

    #[test]
    fn a_shrunken_context_is_a_new_epoch() {
        let t = [70, 85, 95];
        let d = due(&t, 145_000, 200_000, &st(3, &[70, 85], Some(175_000))).unwrap();
        assert_eq!((d.epoch, d.threshold, d.mark.clone()), (4, 70, vec![70]));
    }

    #[test]
    fn wording() {
        let s = warning_text(Level::Caution, 70, 140_000, 200_000);
        assert!(s.starts_with(
            "Context Usage Caution: 70% capacity reached\n60,000 tokens remaining - consider planning for session transition."
        ));
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(percent(1, 3), 33.3);
        assert_eq!(percent(2, 3), 66.7);
    }
}
