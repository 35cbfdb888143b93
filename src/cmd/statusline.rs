//! `session-hook statusline`: one line for Claude Code's status bar, from
//! the statusLine JSON on stdin: the session's shortname, progress, current
//! step, context usage and compaction count.
//!
//! It runs after every assistant message, so it must be fast and quiet: no
//! git, one read of the session file, and on any problem an empty line and
//! exit 0. It also caches the context-window size Claude Code reports, per
//! Claude session, because hooks are not told the window and need it to
//! turn token counts into percentages.

use std::io::{Read, Write};
use std::path::Path;

use clap::Args;
use serde_json::Value;

use crate::cli::Global;
use crate::doc::Status;
use crate::hook::state;
use crate::session::view::View;
use crate::store::{self, Store};

#[derive(Debug, Args)]
pub struct StatuslineArgs {}

/// Largest stdin we read; the real payload is a few KB.
const MAX_STDIN: u64 = 1024 * 1024;
/// Width when Claude Code does not say (`COLUMNS` unset).
const DEFAULT_COLUMNS: usize = 80;
const SEP: &str = " · ";

/// The part of the input that carries context usage. Claude Code's
/// statusLine JSON grows new fields often and its values can be `null`, so
/// everything is read leniently from a `Value`: one odd field costs that
/// field, never the line.
#[derive(Debug, Default)]
struct Window {
    context_window_size: Option<Value>,
    used_percentage: Option<Value>,
    current_usage: Option<Value>,
}

impl Window {
    fn from(v: Option<&Value>) -> Window {
        let get = |k: &str| v.and_then(|w| w.get(k)).cloned();
        Window {
            context_window_size: get("context_window_size"),
            used_percentage: get("used_percentage"),
            current_usage: get("current_usage").filter(Value::is_object),
        }
    }
}

/// What the line shows; every part is optional.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Facts {
    /// `Some("")` when a store exists but no session is active.
    pub name: Option<String>,
    pub status: Option<String>,
    pub progress: Option<(usize, usize)>,
    pub current: Option<String>,
    pub context_pct: Option<u64>,
    pub compactions: Option<u64>,
}

fn num(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64)
        .filter(|n| n.is_finite() && *n >= 0.0)
}

/// Context used, in percent: Claude Code's own figure when it gives one,
/// else the last request's input tokens over the window (the same formula
/// Claude Code uses), else nothing.
fn context_pct(w: &Window, cached_window: Option<u64>) -> Option<u64> {
    if let Some(p) = num(w.used_percentage.as_ref()) {
        return Some(p.round().min(100.0) as u64);
    }
    let u = w.current_usage.as_ref()?;
    let tokens: f64 = [
        "input_tokens",
        "cache_creation_input_tokens",
        "cache_read_input_tokens",
    ]
    .iter()
    .filter_map(|k| num(u.get(k)))
    .sum();
    let size = num(w.context_window_size.as_ref())
        .or(cached_window.map(|c| c as f64))
        .unwrap_or(200_000.0);
    (size > 0.0).then(|| (tokens / size * 100.0).round().min(100.0) as u64)
}

/// Cut `s` to `max` characters, marking the cut with `…`.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t = t.trim_end().to_string();
    t.push('…');
    t
}

/// The line (pure). The current step gets whatever width is left, and is
/// dropped when too little is.
pub fn render(f: &Facts, columns: usize) -> String {
    let mut head = Vec::new();
    match f.name.as_deref() {
        Some("") => head.push("no active session".to_string()),
        Some(n) => {
            let mut s = n.to_string();
            if let Some(st) = f.status.as_deref().filter(|s| *s != "active") {
                s.push_str(&format!(" ({st})"));
            }
            if let Some((done, total)) = f.progress.filter(|(_, t)| *t > 0) {
                s.push_str(&format!(" {done}/{total}"));
            }
            head.push(s);
        }
        None => {}
    }
    let mut tail = Vec::new();
    if let Some(p) = f.context_pct {
        tail.push(format!("ctx {p}%"));
    }
    if let Some(n) = f.compactions {
        tail.push(format!("{n} compaction{}", if n == 1 { "" } else { "s" }));
    }
    let fixed: usize = head
        .iter()
        .chain(&tail)
        .map(|s| s.chars().count())
        .sum::<usize>()
        + SEP.chars().count() * (head.len() + tail.len()).saturating_sub(1);
    let mut parts = head;
    if let Some(c) = f.current.as_deref().filter(|c| !c.is_empty()) {
        let room = columns.saturating_sub(fixed + SEP.chars().count());
        if room >= 12 {
            parts.push(truncate(c, room));
        }
    }
    parts.extend(tail);
    parts.join(SEP)
}

/// A session file's view, read the way every other output reads it:
/// `Store::load` (the frontmatter through the one quick reader, checked
/// against the full YAML parser, and the section structure from the
/// structure cache) and the session view's steps, so the current step and
/// the counts here are the ones `view` and the injections show.
fn view_of(st: &Store, path: &Path) -> Option<View> {
    let doc = st.load(path).ok()?;
    Some(View::steps_of(&doc))
}

/// The session this Claude session works on: its binding (found by the id
/// in the file name, without listing every session), else the most
/// recently updated active one. Its file is read once.
fn session(st: &Store, claude: Option<&str>) -> Option<View> {
    if let Some(id) = claude.and_then(|c| st.bound(c)) {
        let suffixes = crate::names::file_tags(&id).map(|t| format!("-{t}.md"));
        {
            let dir = st.active_dir();
            for (name, _) in crate::fsutil::entries(&dir) {
                let path = dir.join(&name);
                let name = name.to_string_lossy();
                if suffixes.iter().any(|s| name.ends_with(s.as_str()))
                    && let Some(v) = view_of(st, &path)
                    && v.id == id
                {
                    return Some(v);
                }
            }
        }
    }
    let (metas, bad) = st.list_split(false);
    // A newer file that cannot be read may be the session being worked
    // on: show none rather than another one.
    let m = Store::unshadowed(&bad, store::latest(&metas, |s| *s == Status::Active)).ok()??;
    view_of(st, &m.path)
}

/// Remember the window size and model for hooks; write only on change,
/// and never wait long for the lock (the next refresh will try again).
fn cache(
    st: &Store,
    claude: &str,
    cur: &state::ClaudeState,
    window: Option<u64>,
    model: Option<String>,
) {
    let new_window = window.filter(|w| cur.window != Some(*w));
    let new_model = model.filter(|m| cur.model.as_deref() != Some(m.as_str()));
    if new_window.is_none() && new_model.is_none() {
        return;
    }
    let Ok(_lock) = st.lock(store::HOOK_LOCK_WAIT) else {
        return;
    };
    let mut s = state::load(st, claude);
    if let Some(w) = new_window {
        s.window = Some(w);
    }
    if let Some(m) = new_model {
        s.model = Some(m);
    }
    let _ = state::save(st, claude, &s);
}

/// Everything the line needs, from the input and the store.
fn facts(input: &[u8], dir: Option<&Path>) -> Option<Facts> {
    let inp: Value = serde_json::from_slice(input).ok()?;
    if !inp.is_object() {
        return None;
    }
    let text = |path: &str| inp.pointer(path).and_then(Value::as_str);
    let claude = text("/session_id").and_then(crate::names::safe_external_id);
    let base = text("/workspace/project_dir")
        .or(text("/workspace/current_dir"))
        .or(text("/cwd"));
    let st = Store::at(&crate::hook::project_for(dir, base));
    let window = Window::from(inp.get("context_window"));
    let size = num(window.context_window_size.as_ref()).map(|n| n as u64);
    let model = text("/model/id").or(text("/model")).map(str::to_string);
    let mut f = Facts::default();
    if !st.exists() {
        f.context_pct = context_pct(&window, None);
        return Some(f);
    }
    let cached = claude.as_deref().map(|c| (c, state::load(&st, c)));
    f.context_pct = context_pct(&window, cached.as_ref().and_then(|(_, s)| s.window));
    if let Some((c, cur)) = &cached {
        cache(&st, c, cur, size, model);
    }
    match session(&st, claude.as_deref()) {
        Some(v) => {
            f.name = Some(v.shortname);
            f.status = Some(v.status);
            f.progress = Some((v.done, v.total));
            f.current = v.current.map(|c| c.title);
            f.compactions = Some(v.compactions);
        }
        None => f.name = Some(String::new()),
    }
    Some(f)
}

pub fn run(g: &Global, _a: StatuslineArgs) -> i32 {
    // Whatever happens, Claude Code gets a line or nothing, and exit 0.
    std::panic::set_hook(Box::new(|_| {}));
    let mut input = Vec::new();
    let _ = std::io::stdin()
        .lock()
        .take(MAX_STDIN)
        .read_to_end(&mut input);
    let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
        .unwrap_or(DEFAULT_COLUMNS);
    let dir = g.dir.clone();
    let line =
        std::panic::catch_unwind(|| facts(&input, dir.as_deref()).map(|f| render(&f, columns)))
            .ok()
            .flatten()
            .unwrap_or_default();
    if !line.is_empty() {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn win(v: Value) -> Window {
        Window::from(Some(&v))
    }

    #[test]
    fn percent_prefers_claude_codes_figure() {
        let w = win(serde_json::json!({"used_percentage": 41.6, "context_window_size": 200000}));
        assert_eq!(context_pct(&w, None), Some(42));
        let w = win(
            serde_json::json!({"used_percentage": null, "context_window_size": 1000000,
            "current_usage": {"input_tokens": 100000, "cache_read_input_tokens": 50000, "cache_creation_input_tokens": 0, "output_tokens": 999999}}),
        );
        assert_eq!(
            context_pct(&w, None),
            Some(15),
            "output tokens do not count"
        );
        let w = win(serde_json::json!({"current_usage": {"input_tokens": 100000}}));
        assert_eq!(context_pct(&w, Some(1_000_000)), Some(10), "cached window");
        assert_eq!(context_pct(&w, None), Some(50), "default window");
        assert_eq!(context_pct(&Window::default(), None), None);
    }

    #[test]
    fn step_is_cut_to_the_width() {
        let f = Facts {
            name: Some("fix-race".into()),
            status: Some("active".into()),
            progress: Some((2, 5)),
            current: Some("Lock before the state check in the sweeper loop".into()),
            context_pct: Some(42),
            compactions: Some(1),
        };
        let wide = render(&f, 200);
        assert_eq!(
            wide,
            "fix-race 2/5 · Lock before the state check in the sweeper loop · ctx 42% · 1 compaction"
        );
        let narrow = render(&f, 60);
        assert!(narrow.chars().count() <= 60, "{narrow}");
        assert!(narrow.contains("Lock before"), "{narrow}");
        assert!(narrow.contains('…'));
        let tiny = render(&f, 30);
        assert_eq!(tiny, "fix-race 2/5 · ctx 42% · 1 compaction");
    }
}
