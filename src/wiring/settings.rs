//! Pure edits of a Claude Code settings object: add our hook registrations,
//! take them out again, and tell our entries from everyone else's.
//!
//! Everything here works on `serde_json::Value` with `preserve_order`, so
//! keys keep their order; removals use `shift_remove` for the same reason.

use std::path::Path;

use serde_json::{Map, Value, json};

/// The file name our binary is installed under.
pub const EXE_NAME: &str = "session-hook";

/// One handler we want registered for one event.
#[derive(Debug, Clone, PartialEq)]
pub struct Wanted {
    pub event: String,
    /// `None` means every source / tool.
    pub matcher: Option<String>,
    pub handler: Value,
}

/// The registrations in `hooks.json` (plugin shape: a top-level `hooks`
/// object), with the placeholder command replaced by `exe`.
pub fn wanted(hooks_json: &str, exe: &str) -> Result<Vec<Wanted>, String> {
    let v: Value = serde_json::from_str(hooks_json).map_err(|e| e.to_string())?;
    let hooks = v
        .get("hooks")
        .and_then(Value::as_object)
        .ok_or("hooks.json has no \"hooks\" object")?;
    let mut out = Vec::new();
    for (event, groups) in hooks {
        for g in groups.as_array().ok_or("an event is not a list")? {
            let matcher = g.get("matcher").and_then(Value::as_str).map(str::to_string);
            for h in g
                .get("hooks")
                .and_then(Value::as_array)
                .ok_or("a group has no hooks")?
            {
                let mut h = h.clone();
                if let Some(o) = h.as_object_mut() {
                    o.insert("command".into(), Value::String(exe.to_string()));
                }
                out.push(Wanted {
                    event: event.clone(),
                    matcher: matcher.clone(),
                    handler: h,
                });
            }
        }
    }
    Ok(out)
}

/// Whether a path or command word names our binary.
fn names_us(cmd: &str) -> bool {
    Path::new(cmd).file_name().is_some_and(|n| n == EXE_NAME)
}

/// Split a shell command line into words, honouring single and double
/// quotes and backslashes. Good enough to recognise `'/a b/session-hook'
/// hook`; not a shell.
pub fn shell_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    cur.push(c);
                }
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            if let Some(n) = chars.next() {
                                cur.push(n);
                            }
                        }
                        _ => cur.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

/// Quote a word for a POSIX shell, only when it needs it.
pub fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./+:@%=,".contains(c));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A hook handler that runs our `hook` subcommand, in exec form (`command`
/// plus `args`) or shell form (`"/path/session-hook hook"`, also with
/// `--agent NAME` as Codex CLI and Gemini CLI registrations have it),
/// whatever the binary's folder: a re-install from another path must
/// replace it, and uninstall must find it.
pub fn is_ours(h: &Value) -> bool {
    if h.get("type").and_then(Value::as_str).unwrap_or("command") != "command" {
        return false;
    }
    let Some(cmd) = h.get("command").and_then(Value::as_str) else {
        return false;
    };
    match h.get("args") {
        Some(Value::Array(args)) => {
            names_us(cmd) && args.first().and_then(Value::as_str) == Some("hook") && args.len() <= 2
        }
        Some(_) => false,
        None => {
            let w = shell_words(cmd);
            let tail_ok = w.len() <= 3 || (w.len() == 4 && w[2] == "--agent");
            w.len() >= 2 && tail_ok && names_us(&w[0]) && w[1] == "hook"
        }
    }
}

/// The executable a handler of ours runs.
pub fn program_of(h: &Value) -> Option<String> {
    let cmd = h.get("command")?.as_str()?;
    if h.get("args").is_some() {
        Some(cmd.to_string())
    } else {
        shell_words(cmd).into_iter().next()
    }
}

/// The `statusLine` setting we add.
pub fn statusline_value(exe: &str) -> Value {
    json!({"type": "command", "command": format!("{} statusline", shell_quote(exe))})
}

/// Whether a `statusLine` setting runs our `statusline` subcommand.
pub fn statusline_is_ours(v: &Value) -> bool {
    let Some(cmd) = v.get("command").and_then(Value::as_str) else {
        return false;
    };
    let w = shell_words(cmd);
    w.len() == 2 && names_us(&w[0]) && w[1] == "statusline"
}

/// `""`, `"*"` and no matcher all mean "everything".
fn same_matcher(a: Option<&str>, b: Option<&str>) -> bool {
    let norm = |m: Option<&str>| match m {
        None | Some("") | Some("*") => None,
        Some(s) => Some(s.to_string()),
    };
    norm(a) == norm(b)
}

/// A settings file whose shape we do not understand is refused, never
/// "repaired": the message says where.
fn shape_err(what: &str) -> String {
    format!("{what}; fix it by hand (nothing was changed)")
}

/// Replace the fields we own in an existing handler of ours, keeping any
/// others the user added (a `statusMessage`, say) and the key order.
fn refresh_handler(old: &mut Value, new: &Value) {
    match (old.as_object_mut(), new.as_object()) {
        (Some(o), Some(n)) => {
            for (k, v) in n {
                if o.get(k) != Some(v) {
                    o.insert(k.clone(), v.clone());
                }
            }
        }
        _ => *old = new.clone(),
    }
}

/// What happened to the `statusLine` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusLine {
    /// Not asked for, and none of ours present.
    Untouched,
    Added,
    /// Ours, pointed at the new binary.
    Updated,
    /// Ours, already right.
    Unchanged,
    /// Someone else's: kept.
    KeptTheirs,
}

/// What a merge did, for the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Events where a handler was added or changed.
    pub events: Vec<String>,
    pub statusline: StatusLine,
}

/// Add our registrations to `settings`. Every key and hook that is not ours
/// is kept where it is; ours are refreshed in place, or appended as a new
/// matcher group. Running it twice gives the same object. `statusline` adds
/// our status line when none is set; one of ours is always pointed at `exe`.
pub fn install(
    settings: &mut Map<String, Value>,
    wanted: &[Wanted],
    exe: &str,
    statusline: bool,
) -> Result<Merged, String> {
    let mut events = Vec::new();
    let hooks = settings
        .entry("hooks")
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(hooks) = hooks else {
        return Err(shape_err("\"hooks\" is not an object"));
    };
    for w in wanted {
        let groups = hooks
            .entry(w.event.clone())
            .or_insert_with(|| Value::Array(Vec::new()));
        let Value::Array(groups) = groups else {
            return Err(shape_err(&format!("\"hooks.{}\" is not a list", w.event)));
        };
        let before = groups.clone();
        let mut placed = false;
        let mut emptied = vec![false; groups.len()];
        for (gi, g) in groups.iter_mut().enumerate() {
            let same = same_matcher(g.get("matcher").and_then(Value::as_str), w.matcher.as_deref())
                // A non-string matcher is not ours to interpret.
                && g.get("matcher").is_none_or(Value::is_string);
            let Some(Value::Array(hs)) = g.get_mut("hooks") else {
                continue;
            };
            let had = hs.len();
            let mut i = 0;
            while i < hs.len() {
                if !is_ours(&hs[i]) {
                    i += 1;
                } else if same && !placed {
                    refresh_handler(&mut hs[i], &w.handler);
                    placed = true;
                    i += 1;
                } else {
                    // A second copy, or ours under another matcher: the
                    // one registration we want replaces it.
                    hs.remove(i);
                }
            }
            emptied[gi] = had > 0 && hs.is_empty();
        }
        let mut gi = 0;
        groups.retain(|_| {
            let keep = !emptied[gi];
            gi += 1;
            keep
        });
        if !placed {
            let mut g = Map::new();
            if let Some(m) = &w.matcher {
                g.insert("matcher".into(), Value::String(m.clone()));
            }
            g.insert("hooks".into(), Value::Array(vec![w.handler.clone()]));
            groups.push(Value::Object(g));
        }
        if *groups != before {
            events.push(w.event.clone());
        }
    }
    let ours = statusline_value(exe);
    let statusline = match settings.get_mut("statusLine") {
        None | Some(Value::Null) if statusline => {
            settings.insert("statusLine".into(), ours);
            StatusLine::Added
        }
        None | Some(Value::Null) => StatusLine::Untouched,
        Some(cur) if statusline_is_ours(cur) => {
            if cur.get("command") == ours.get("command") {
                StatusLine::Unchanged
            } else {
                refresh_handler(cur, &ours);
                StatusLine::Updated
            }
        }
        Some(_) if statusline => StatusLine::KeptTheirs,
        Some(_) => StatusLine::Untouched,
    };
    Ok(Merged { events, statusline })
}

/// What an unmerge did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Removed {
    /// Events a handler of ours was removed from.
    pub events: Vec<String>,
    pub statusline: bool,
}

/// Remove every handler of ours, the matcher groups and event lists that
/// only held ours, `hooks` itself if we emptied it, and our statusLine.
/// Nothing else is touched.
pub fn uninstall(settings: &mut Map<String, Value>) -> Removed {
    let mut removed = Removed::default();
    let mut hooks_emptied = false;
    if let Some(Value::Object(hooks)) = settings.get_mut("hooks") {
        let had_events = !hooks.is_empty();
        let mut drop_events = Vec::new();
        for (event, groups) in hooks.iter_mut() {
            let Value::Array(groups) = groups else {
                continue;
            };
            let had_groups = !groups.is_empty();
            let mut touched = false;
            groups.retain_mut(|g| {
                let Some(Value::Array(hs)) = g.get_mut("hooks") else {
                    return true;
                };
                let had = hs.len();
                hs.retain(|h| !is_ours(h));
                if hs.len() != had {
                    touched = true;
                    return !hs.is_empty();
                }
                true
            });
            if touched {
                removed.events.push(event.clone());
                if had_groups && groups.is_empty() {
                    drop_events.push(event.clone());
                }
            }
        }
        for e in &drop_events {
            hooks.shift_remove(e);
        }
        hooks_emptied = had_events && hooks.is_empty();
    }
    if hooks_emptied {
        settings.shift_remove("hooks");
    }
    if settings.get("statusLine").is_some_and(statusline_is_ours) {
        settings.shift_remove("statusLine");
        removed.statusline = true;
    }
    removed
}

/// One handler of ours found in a settings object.
#[derive(Debug, Clone, PartialEq)]
pub struct Registered {
    pub event: String,
    pub matcher: Option<String>,
    pub handler: Value,
}

/// Every handler of ours in a settings object, in file order.
pub fn registered(settings: &Value) -> Vec<Registered> {
    let mut out = Vec::new();
    let Some(hooks) = settings.get("hooks").and_then(Value::as_object) else {
        return out;
    };
    for (event, groups) in hooks {
        for g in groups.as_array().into_iter().flatten() {
            let matcher = g.get("matcher").and_then(Value::as_str).map(str::to_string);
            for h in g
                .get("hooks")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if is_ours(h) {
                    out.push(Registered {
                        event: event.clone(),
                        matcher: matcher.clone(),
                        handler: h.clone(),
                    });
                }
            }
        }
    }
    out
}

/// Whether a matcher selects `tool`, the way Claude Code reads matchers:
/// empty or `*` is everything; letters, digits, `_`, `-`, space, `|` and
/// `,` make an exact list; anything else is an unanchored regex.
pub fn matcher_covers(matcher: Option<&str>, tool: &str) -> bool {
    let m = match matcher {
        None | Some("") | Some("*") => return true,
        Some(m) => m,
    };
    let plain = m
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_|, -".contains(c));
    if plain {
        m.split(['|', ',']).map(str::trim).any(|part| part == tool)
    } else {
        regex::Regex::new(m).is_ok_and(|r| r.is_match(tool))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(s: &str) -> Map<String, Value> {
        serde_json::from_str(s).unwrap()
    }

    const HOOKS: &str = r#"{"hooks":{
        "SessionStart":[{"hooks":[{"type":"command","command":"session-hook","args":["hook"],"timeout":15}]}],
        "PostToolUse":[{"matcher":"Write|Edit","hooks":[{"type":"command","command":"session-hook","args":["hook"],"timeout":10}]}]}}"#;

    #[test]
    fn words_and_quotes() {
        assert_eq!(
            shell_words(r#"'/a b/session-hook' hook"#),
            vec!["/a b/session-hook", "hook"]
        );
        assert_eq!(shell_words(r#"x "y \" z"  w"#), vec!["x", "y \" z", "w"]);
        assert_eq!(
            shell_quote("/usr/bin/session-hook"),
            "/usr/bin/session-hook"
        );
        assert_eq!(shell_quote("/a b/it's"), r#"'/a b/it'\''s'"#);
        assert_eq!(shell_words(&shell_quote("/a b/it's")), vec!["/a b/it's"]);
    }

    #[test]
    fn recognises_ours_only() {
        assert!(is_ours(
            &json!({"type":"command","command":"/x/session-hook","args":["hook"]})
        ));
        assert!(is_ours(
            &json!({"type":"command","command":"'/a b/session-hook' hook"})
        ));
        assert!(!is_ours(
            &json!({"type":"command","command":"/x/session-hook","args":["view"]})
        ));
        assert!(!is_ours(
            &json!({"type":"command","command":"/x/other-hook","args":["hook"]})
        ));
        assert!(!is_ours(
            &json!({"type":"command","command":"echo session-hook hook"})
        ));
        assert!(!is_ours(&json!({"type":"http","url":"http://x"})));
        assert!(is_ours(
            &json!({"type":"command","command":"'/a b/session-hook' hook --agent codex"})
        ));
        assert!(!is_ours(
            &json!({"type":"command","command":"/x/session-hook hook --verbose x"})
        ));
    }

    #[test]
    fn install_twice_is_a_no_op_and_keeps_others() {
        let w = wanted(HOOKS, "/opt/bin/session-hook").unwrap();
        let mut s = obj(
            r#"{"model":"opus","hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"other"}]}]}}"#,
        );
        let m = install(&mut s, &w, "/x/session-hook", false).unwrap();
        assert_eq!(m.events, vec!["SessionStart", "PostToolUse"]);
        let once = s.clone();
        let m2 = install(&mut s, &w, "/x/session-hook", false).unwrap();
        assert!(m2.events.is_empty());
        assert_eq!(s, once);
        assert_eq!(s["model"], "opus");
        let start = s["hooks"]["SessionStart"].as_array().unwrap();
        assert_eq!(start.len(), 2, "the user's group stays, ours is added");
        assert_eq!(start[0]["hooks"][0]["command"], "other");
        let keys: Vec<&String> = s.keys().collect();
        assert_eq!(keys, vec!["model", "hooks"]);
    }

    #[test]
    fn reinstall_from_another_path_replaces() {
        let mut s = Map::new();
        install(
            &mut s,
            &wanted(HOOKS, "/old/session-hook").unwrap(),
            "/old/session-hook",
            false,
        )
        .unwrap();
        let m = install(
            &mut s,
            &wanted(HOOKS, "/new/session-hook").unwrap(),
            "/new/session-hook",
            false,
        )
        .unwrap();
        assert_eq!(m.events.len(), 2);
        let regs = registered(&Value::Object(s.clone()));
        assert_eq!(regs.len(), 2);
        assert!(
            regs.iter()
                .all(|r| r.handler["command"] == "/new/session-hook")
        );
    }

    #[test]
    fn duplicates_and_stale_matchers_collapse_to_one() {
        let mut s = obj(r#"{"hooks":{"PostToolUse":[
                {"matcher":"Write","hooks":[{"type":"command","command":"/a/session-hook","args":["hook"]},{"type":"command","command":"fmt"}]},
                {"matcher":"Write|Edit","hooks":[{"type":"command","command":"/b/session-hook","args":["hook"],"statusMessage":"saving"}]},
                {"matcher":"Write|Edit","hooks":[{"type":"command","command":"/c/session-hook hook"}]}]}}"#);
        install(
            &mut s,
            &wanted(HOOKS, "/n/session-hook").unwrap(),
            "/n/session-hook",
            false,
        )
        .unwrap();
        let groups = s["hooks"]["PostToolUse"].as_array().unwrap();
        assert_eq!(groups.len(), 2, "{groups:#?}");
        assert_eq!(
            groups[0]["hooks"],
            json!([{"type":"command","command":"fmt"}])
        );
        assert_eq!(groups[1]["hooks"][0]["command"], "/n/session-hook");
        assert_eq!(groups[1]["hooks"][0]["statusMessage"], "saving");
        assert_eq!(groups[1]["hooks"][0]["timeout"], 10);
    }

    #[test]
    fn uninstall_removes_exactly_ours() {
        let original = obj(
            r#"{"env":{"A":"1"},"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"other"}]}],"Stop":[]},"statusLine":{"type":"command","command":"mine.sh"}}"#,
        );
        let mut s = original.clone();
        let m = install(
            &mut s,
            &wanted(HOOKS, "/x/session-hook").unwrap(),
            "/x/session-hook",
            true,
        )
        .unwrap();
        assert_eq!(m.statusline, StatusLine::KeptTheirs);
        let r = uninstall(&mut s);
        assert_eq!(r.events.len(), 2);
        assert!(!r.statusline);
        assert_eq!(s, original);
    }

    #[test]
    fn uninstall_drops_what_only_we_had() {
        let mut s = Map::new();
        let m = install(
            &mut s,
            &wanted(HOOKS, "/a b/session-hook").unwrap(),
            "/a b/session-hook",
            true,
        )
        .unwrap();
        assert_eq!(m.statusline, StatusLine::Added);
        // A later install without --statusline follows the binary.
        let m = install(
            &mut s,
            &wanted(HOOKS, "/c/session-hook").unwrap(),
            "/c/session-hook",
            false,
        )
        .unwrap();
        assert_eq!(m.statusline, StatusLine::Updated);
        assert_eq!(s["statusLine"]["command"], "/c/session-hook statusline");
        install(
            &mut s,
            &wanted(HOOKS, "/a b/session-hook").unwrap(),
            "/a b/session-hook",
            false,
        )
        .unwrap();
        assert_eq!(s["statusLine"]["command"], "'/a b/session-hook' statusline");
        let r = uninstall(&mut s);
        assert!(r.statusline);
        assert!(s.is_empty(), "{s:?}");
    }

    #[test]
    fn odd_shapes_are_refused() {
        let w = wanted(HOOKS, "/x/session-hook").unwrap();
        let mut s = obj(r#"{"hooks":[]}"#);
        assert!(
            install(&mut s, &w, "/x/session-hook", false)
                .unwrap_err()
                .contains("\"hooks\"")
        );
        let mut s = obj(r#"{"hooks":{"SessionStart":{}}}"#);
        assert!(
            install(&mut s, &w, "/x/session-hook", false)
                .unwrap_err()
                .contains("SessionStart")
        );
    }

    #[test]
    fn matchers() {
        assert!(matcher_covers(None, "Edit"));
        assert!(matcher_covers(Some("*"), "Edit"));
        assert!(matcher_covers(Some("Write|Edit"), "Edit"));
        assert!(!matcher_covers(Some("Write|Edit"), "NotebookEdit"));
        assert!(matcher_covers(Some("Edit.*"), "NotebookEdit"));
        assert!(matcher_covers(Some("Write, Read"), "Read"));
    }
}
