//! Readers and editors for the inside of each canonical section. Each takes
//! the section's current text and returns new text; they are pure.

/// Strip list markers and placeholders: "- (none yet)" is not an entry.
fn is_placeholder(s: &str) -> bool {
    let t = s
        .trim()
        .trim_start_matches(['-', '*'])
        .trim()
        .to_ascii_lowercase();
    t.is_empty()
        || t.starts_with("(none")
        || t.starts_with("none currently")
        || t == "none"
        || t.starts_with("_(none")
}

// ---------- TL;DR ----------

pub const STATUS_KEYS: [&str; 3] = ["**Progress**:", "**Current**:", "**Blocker**:"];

/// The line that says when the paragraph was written.
pub const WRITTEN_KEY: &str = "**Written**:";

/// Words of the paragraph a new session starts with, before anything was
/// summarised.
pub const TLDR_PLACEHOLDER: &str = "Nothing logged yet";

fn is_status_line(l: &str) -> bool {
    STATUS_KEYS.iter().any(|k| l.trim_start().starts_with(k))
        || l.trim_start().starts_with(WRITTEN_KEY)
}

/// When the TL;DR paragraph was written (the `**Written**:` line), as the
/// text of that line.
pub fn tldr_written(content: &str) -> Option<String> {
    status_value(content, WRITTEN_KEY).filter(|v| !v.is_empty())
}

/// The TL;DR paragraph: everything that is not a status line.
pub fn tldr_paragraph(content: &str) -> String {
    content
        .lines()
        .filter(|l| !is_status_line(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// A status line's value, e.g. `status_value(c, "**Current**:")`.
pub fn status_value(content: &str, key: &str) -> Option<String> {
    content.lines().find_map(|l| {
        l.trim_start()
            .strip_prefix(key)
            .map(|v| v.trim().to_string())
    })
}

/// Set the three status lines in place; missing ones are added after the
/// paragraph. Other lines are kept.
pub fn tldr_set_status(content: &str, values: [&str; 3]) -> String {
    let mut lines: Vec<String> = content.lines().map(str::to_string).collect();
    let mut missing = Vec::new();
    for (k, v) in STATUS_KEYS.iter().zip(values) {
        let new = format!("{k} {v}");
        match lines.iter().position(|l| l.trim_start().starts_with(k)) {
            Some(i) => lines[i] = new,
            None => missing.push(new),
        }
    }
    if !missing.is_empty() {
        let at = lines.iter().rposition(|l| is_status_line(l)).map(|i| i + 1);
        match at {
            Some(i) => {
                for (n, m) in missing.into_iter().enumerate() {
                    lines.insert(i + n, m);
                }
            }
            None => {
                while lines.last().is_some_and(|l| l.trim().is_empty()) {
                    lines.pop();
                }
                if !lines.is_empty() {
                    lines.push(String::new());
                }
                lines.extend(missing);
            }
        }
    }
    lines.join("\n") + "\n"
}

/// Replace the paragraph, keeping the status lines; `written` (a stamp)
/// becomes the `**Written**:` line.
pub fn tldr_set_paragraph(content: &str, para: &str, written: Option<&str>) -> String {
    let status: Vec<&str> = content
        .lines()
        .filter(|l| is_status_line(l) && !l.trim_start().starts_with(WRITTEN_KEY))
        .collect();
    // One paragraph: a line break in it could start a heading or a list
    // that takes over the rest of the section.
    let mut out = one_line(para);
    out.push_str("\n\n");
    for s in status {
        out.push_str(s);
        out.push('\n');
    }
    if let Some(w) = written {
        out.push_str(&format!("{WRITTEN_KEY} {w}\n"));
    }
    out
}

// ---------- Context ----------

/// The value after `**Label**:` on one line (e.g. the Objective).
pub fn inline_label(content: &str, label: &str) -> Option<String> {
    let key = format!("**{label}**");
    content.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix(&key)?;
        let rest = rest.trim_start();
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        let v = rest.trim();
        (!v.is_empty()).then(|| v.to_string())
    })
}

/// The lines of a labelled block such as `**Key Context** (survives
/// compaction):` up to the next `**Label**` line, placeholders dropped.
pub fn labelled_block(content: &str, label: &str) -> Vec<String> {
    let key = format!("**{label}**");
    let mut out = Vec::new();
    let mut inside = false;
    for l in content.lines() {
        let t = l.trim_start();
        if t.starts_with(&key) {
            inside = true;
            continue;
        }
        if inside {
            if t.starts_with("**") && t.contains("**:")
                || t.starts_with("**") && t.ends_with(':') && !t.starts_with("- ")
            {
                break;
            }
            if !is_placeholder(t) {
                out.push(l.trim_end().to_string());
            }
        }
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out
}

/// Paths named in the Key Files block: the first `code span` of each
/// bullet, else the bullet text up to " - ".
pub fn key_files(content: &str) -> Vec<String> {
    labelled_block(content, "Key Files")
        .iter()
        .filter_map(|l| {
            let t = l.trim().trim_start_matches(['-', '*']).trim();
            if let Some(s) = t.strip_prefix('`') {
                return s.split('`').next().map(str::to_string);
            }
            let p = t.split(" - ").next()?.trim();
            (!p.is_empty()).then(|| p.to_string())
        })
        .collect()
}

// ---------- fenced code ----------

/// Each line of `content`, and whether it belongs to a fenced code block
/// (fence lines included). A hand-written example in a fence is text: never
/// a step, a blocker or a decision, and never edited by the tool.
pub fn lines_with_fences(content: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut open: Option<(u8, usize)> = None;
    content.lines().map(move |l| {
        let t = l.trim_start_matches(' ');
        let indented = l.len() - t.len() > 3;
        let run = |c: u8| t.bytes().take_while(|&b| b == c).count();
        if let Some((c, n)) = open {
            let k = run(c);
            if !indented && k >= n && t[k..].trim().is_empty() {
                open = None;
            }
            return (true, l);
        }
        if !indented {
            for c in [b'`', b'~'] {
                let k = run(c);
                // A backtick fence's info string has no backtick.
                if k >= 3 && !(c == b'`' && t[k..].contains('`')) {
                    open = Some((c, k));
                    return (true, l);
                }
            }
        }
        (false, l)
    })
}

// ---------- numbered lists ----------

/// Items of a numbered list (`1. text`), with their numbers.
pub fn numbered(content: &str) -> Vec<(usize, String)> {
    lines_with_fences(content)
        .filter(|(fenced, _)| !fenced)
        .filter_map(|(_, l)| {
            let (n, rest) = l.split_once(". ")?;
            let n: usize = n.trim().parse().ok()?;
            (!l.starts_with(' ')).then(|| (n, rest.trim().to_string()))
        })
        .collect()
}

fn next_number(content: &str) -> usize {
    numbered(content).iter().map(|(n, _)| *n).max().unwrap_or(0) + 1
}

// ---------- Decisions ----------

#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub n: usize,
    pub title: String,
    /// The body's non-blank lines, trimmed, one per line (one string, not
    /// one per line: a long session holds thousands of decisions, and every
    /// hook that renders the session reads them all).
    pub body: String,
}

/// The body line that marks a decision replaced by a later one.
pub const SUPERSEDED_KEY: &str = "**Superseded by**:";
/// The body line of the decision that replaced others.
pub const SUPERSEDES_KEY: &str = "**Supersedes**:";

impl Decision {
    /// The later decision that replaced this one, if any. A heading struck
    /// through by hand (`~~...~~`) or saying "superseded" counts too (as 0
    /// when it names no number).
    pub fn superseded_by(&self) -> Option<usize> {
        for l in self.body.lines() {
            if let Some(v) = l.strip_prefix(SUPERSEDED_KEY) {
                return Some(first_number(v).unwrap_or(0));
            }
        }
        let t = self.title.to_lowercase();
        (self.title.starts_with("~~") || t.contains("(superseded") || t.contains("[superseded"))
            .then_some(0)
    }

    /// The value of a `**Label**:` line of the body.
    pub fn field(&self, label: &str) -> Option<&str> {
        let key = format!("**{label}**:");
        self.body
            .lines()
            .find_map(|l| l.strip_prefix(key.as_str()))
            .map(str::trim)
    }
}

fn first_number(s: &str) -> Option<usize> {
    let d: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    d.parse().ok()
}

/// The decisions a text says it replaces: "supersedes decision 2",
/// "supersedes #2", "supersedes decisions 2 and 3".
pub fn supersedes_in(text: &str) -> Vec<usize> {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\bsupersed(?:es|ing|e)\s+(?:decisions?\s+)?((?:#?\d+)(?:\s*(?:,|and|&)\s*#?\d+)*)",
        )
        .expect("valid pattern")
    });
    let mut out = Vec::new();
    for c in RE.captures_iter(text) {
        for n in c[1].split(|ch: char| !ch.is_ascii_digit()) {
            if let Ok(n) = n.parse::<usize>()
                && !out.contains(&n)
            {
                out.push(n);
            }
        }
    }
    out
}

/// Mark decision `n` superseded by decision `by`: a line right after its
/// heading. Errors name the problem.
pub fn supersede_decision(
    content: &str,
    n: usize,
    by: usize,
    stamp: &str,
) -> Result<String, String> {
    let Some(d) = decisions(content).into_iter().find(|d| d.n == n) else {
        return Err(format!("there is no decision {n}"));
    };
    if let Some(b) = d.superseded_by() {
        return Err(if b == 0 {
            format!("decision {n} is already superseded")
        } else {
            format!("decision {n} is already superseded by decision {b}")
        });
    }
    let mut out = String::with_capacity(content.len() + 64);
    let mut done = false;
    for (fenced, l) in lines_with_fences(content) {
        out.push_str(l);
        out.push('\n');
        if !done
            && !fenced
            && let Some(h) = l.strip_prefix("### ")
            && let Some((k, _)) = h.split_once(". ")
            && k.trim().parse::<usize>() == Ok(n)
        {
            out.push_str(&format!("{SUPERSEDED_KEY} decision {by} ({stamp})\n"));
            done = true;
        }
    }
    Ok(out)
}

pub fn decisions(content: &str) -> Vec<Decision> {
    let mut out: Vec<Decision> = Vec::new();
    for (fenced, l) in lines_with_fences(content) {
        if !fenced
            && let Some(h) = l.strip_prefix("### ")
            && let Some((n, t)) = h.split_once(". ")
            && let Ok(n) = n.trim().parse()
        {
            out.push(Decision {
                n,
                title: t.trim().to_string(),
                body: String::new(),
            });
            continue;
        }
        if let Some(d) = out.last_mut()
            && !l.trim().is_empty()
        {
            if !d.body.is_empty() {
                d.body.push('\n');
            }
            d.body.push_str(l.trim());
        }
    }
    out
}

/// The last `most` decisions and how many there are in all, reading the
/// section from its end (a long session has thousands).
pub fn decisions_tail(content: &str, most: usize) -> (Vec<Decision>, usize) {
    let total = content.lines().filter(|l| is_decision_heading(l)).count();
    let mut start = content.len();
    let mut seen = 0;
    while seen < most {
        match content[..start].rfind("### ") {
            Some(i) => {
                let at_line_start = i == 0 || content.as_bytes()[i - 1] == b'\n';
                if at_line_start && is_decision_heading(content[i..].lines().next().unwrap_or("")) {
                    seen += 1;
                }
                start = i;
            }
            None => break,
        }
    }
    (decisions(&content[start..]), total)
}

fn is_decision_heading(l: &str) -> bool {
    l.strip_prefix("### ")
        .and_then(|h| h.split_once(". "))
        .is_some_and(|(n, _)| n.trim().parse::<usize>().is_ok())
}

pub fn decision_block(
    content: &str,
    text: &str,
    stamp: &str,
    context: Option<&str>,
    options: Option<&str>,
    rationale: Option<&str>,
    supersedes: &[usize],
) -> (usize, String) {
    let n = decisions(content).iter().map(|d| d.n).max().unwrap_or(0) + 1;
    let mut b = format!("\n### {n}. {} ({stamp})\n", one_line(text));
    if !supersedes.is_empty() {
        let list: Vec<String> = supersedes.iter().map(|d| format!("decision {d}")).collect();
        b.push_str(&format!("{SUPERSEDES_KEY} {}\n", list.join(", ")));
    }
    if let Some(c) = context {
        b.push_str(&format!("**Context**: {}\n", one_line(c)));
    }
    if let Some(o) = options {
        b.push_str(&format!("**Options**: {}\n", one_line(o)));
    }
    b.push_str(&format!("**Choice**: {}\n", one_line(text)));
    if let Some(r) = rationale {
        b.push_str(&format!("**Rationale**: {}\n", one_line(r)));
    }
    (n, b)
}

// ---------- Discoveries ----------

pub fn discovery_line(content: &str, text: &str, stamp: &str) -> (usize, String) {
    let n = next_number(content);
    (n, format!("{n}. ({stamp}) {}", one_line(text)))
}

// ---------- Blockers ----------

#[derive(Debug, Clone, PartialEq)]
pub struct Blocker {
    pub n: Option<usize>,
    pub text: String,
    pub open: bool,
    pub impact: Option<String>,
    pub mitigation: Option<String>,
    pub status: String,
}

/// Blockers as written by `log --blocker`
/// (`1. **text** — open (stamp)` plus indented Impact / Mitigation lines),
/// and plain bullets written by hand (open unless they say resolved).
pub fn blockers(content: &str) -> Vec<Blocker> {
    let mut out: Vec<Blocker> = Vec::new();
    for (fenced, l) in lines_with_fences(content) {
        if fenced {
            continue;
        }
        let t = l.trim();
        if l.starts_with(' ') || l.starts_with('\t') {
            if let Some(b) = out.last_mut() {
                let item = t.trim_start_matches(['-', '*']).trim();
                if let Some(v) = item
                    .strip_prefix("Impact:")
                    .or_else(|| item.strip_prefix("**Impact**:"))
                {
                    b.impact = Some(v.trim().to_string());
                } else if let Some(v) = item
                    .strip_prefix("Mitigation:")
                    .or_else(|| item.strip_prefix("**Mitigation**:"))
                {
                    b.mitigation = Some(v.trim().to_string());
                }
            }
            continue;
        }
        if let Some((n, rest)) = t.split_once(". ")
            && let Ok(n) = n.parse::<usize>()
        {
            let (text, status) = match rest.rsplit_once(" — ") {
                Some((a, b)) => (a, b),
                None => (rest, "open"),
            };
            let text = text.trim().trim_matches('*').to_string();
            let open = status.trim_start().starts_with("open");
            out.push(Blocker {
                n: Some(n),
                text,
                open,
                impact: None,
                mitigation: None,
                status: status.trim().to_string(),
            });
        } else if let Some(b) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* "))
            && !is_placeholder(b)
        {
            let low = b.to_ascii_lowercase();
            let open = !low.contains("resolved") && !low.starts_with("~~");
            out.push(Blocker {
                n: None,
                text: b.to_string(),
                open,
                impact: None,
                mitigation: None,
                status: if open {
                    "open".into()
                } else {
                    "resolved".into()
                },
            });
        }
    }
    out
}

pub fn add_blocker(
    content: &str,
    text: &str,
    impact: Option<&str>,
    mitigation: Option<&str>,
    stamp: &str,
) -> (usize, String) {
    let n = blockers(content)
        .iter()
        .filter_map(|b| b.n)
        .max()
        .unwrap_or(0)
        + 1;
    let mut kept: Vec<&str> = content
        .lines()
        .filter(|l| !(l.trim_start().starts_with("- ") && is_placeholder(l)))
        .collect();
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    let mut out = kept.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!("{n}. **{}** — open ({stamp})\n", one_line(text)));
    if let Some(i) = impact {
        out.push_str(&format!("   - Impact: {}\n", one_line(i)));
    }
    if let Some(m) = mitigation {
        out.push_str(&format!("   - Mitigation: {}\n", one_line(m)));
    }
    (n, out)
}

/// Mark blocker `n` resolved. Errors name the problem.
pub fn resolve_blocker(content: &str, n: usize, stamp: &str) -> Result<(String, String), String> {
    let prefix = format!("{n}. ");
    let mut found = None;
    let lines: Vec<String> = lines_with_fences(content)
        .map(|(fenced, l)| {
            if found.is_none() && !fenced && l.starts_with(&prefix) {
                match l.rsplit_once(" — ") {
                    Some((a, b)) if b.starts_with("open") => {
                        found = Some(Ok(a[prefix.len()..].trim_matches('*').to_string()));
                        return format!("{a} — resolved ({stamp})");
                    }
                    // A hand-written blocker with no status is open, as
                    // `blockers` reads it.
                    None => {
                        let l = l.trim_end();
                        found = Some(Ok(l[prefix.len()..].trim_matches('*').to_string()));
                        return format!("{l} — resolved ({stamp})");
                    }
                    Some(_) => {}
                }
                found = Some(Err(format!("blocker {n} is already resolved")));
            }
            l.to_string()
        })
        .collect();
    match found {
        Some(Ok(text)) => Ok((lines.join("\n") + "\n", text)),
        Some(Err(e)) => Err(e),
        None => Err(format!("there is no blocker {n}")),
    }
}

// ---------- Next Steps ----------

/// The items written in the Next Steps section (numbered or bulleted).
pub fn next_steps(content: &str) -> Vec<String> {
    content.lines().filter_map(next_item).collect()
}

pub fn add_next_step(content: &str, text: &str) -> Option<String> {
    let t = one_line(text);
    if next_steps(content).iter().any(|s| s == &t) {
        return None;
    }
    let n = next_number(content);
    let mut out = content.trim_end().to_string();
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!("{n}. {t}\n"));
    Some(out)
}

/// Remove every Next Steps item with this title (as a person compares
/// titles), renumbering the numbered lines. `None` when nothing matched.
pub fn remove_next_step(content: &str, text: &str) -> Option<String> {
    // Every copy goes: a step is listed once.
    rewrite_next_steps(content, |_, t| {
        crate::doc::progress::same_title(t, text).then_some(None)
    })
}

/// Replace or remove (`new` None) the `k`th item (0-based) of the Next
/// Steps list as [`next_steps`] reads it, renumbering numbered lines.
pub fn edit_next_step(content: &str, k: usize, new: Option<&str>) -> Option<String> {
    rewrite_next_steps(content, |i, _| (i == k).then(|| new.map(one_line)))
}

/// Rewrite the Next Steps items: `f(index, text)` says `None` to keep one,
/// `Some(None)` to remove it, `Some(Some(t))` to replace its text. Numbered
/// lines are renumbered; other lines are kept. `None` when `f` changed
/// nothing.
fn rewrite_next_steps(
    content: &str,
    mut f: impl FnMut(usize, &str) -> Option<Option<String>>,
) -> Option<String> {
    let mut k = 0;
    let mut hit = false;
    let mut n = 0;
    let mut out = String::new();
    for l in content.lines() {
        let Some(item) = next_item(l) else {
            out.push_str(l);
            out.push('\n');
            continue;
        };
        let numbered = !l.starts_with("- ");
        let text = match f(k, &item) {
            None => item,
            Some(None) => {
                hit = true;
                k += 1;
                continue;
            }
            Some(Some(t)) => {
                hit = true;
                t
            }
        };
        k += 1;
        if numbered {
            n += 1;
            out.push_str(&format!("{n}. {text}\n"));
        } else {
            out.push_str(&format!("- {text}\n"));
        }
    }
    hit.then_some(out)
}

/// The text of one Next Steps line, if it is an item.
fn next_item(l: &str) -> Option<String> {
    let t = l.trim_end();
    if l.starts_with(' ') {
        return None;
    }
    if let Some((n, rest)) = t.split_once(". ")
        && n.parse::<usize>().is_ok()
    {
        return Some(rest.trim().to_string()).filter(|s| !s.is_empty());
    }
    t.strip_prefix("- ")
        .filter(|r| !is_placeholder(r))
        .map(|r| r.trim().to_string())
        .filter(|s| !s.is_empty())
}

// ---------- Files Modified ----------

pub fn files(content: &str) -> Vec<String> {
    content
        .lines()
        .filter_map(|l| {
            let t = l.trim().strip_prefix("- ")?;
            let t = t.trim();
            let t = t
                .strip_prefix('`')
                .and_then(|s| s.split('`').next())
                .unwrap_or(t);
            (!is_placeholder(t)).then(|| t.to_string())
        })
        .collect()
}

pub fn add_file_line(path: &str) -> String {
    format!("- `{}`", path.replace('`', "'").replace(['\n', '\r'], " "))
}

/// Collapse text to one line: entries are line-oriented.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Examples in fenced code are text: not blockers, not decisions, not
    /// numbered items, and never rewritten.
    #[test]
    fn fenced_examples_are_not_entries() {
        let b = "```\n1. **Example blocker** — open (10:00)\n```\n2. **Real** — open (10:01)\n";
        assert_eq!(blockers(b).len(), 1);
        assert_eq!(numbered(b), [(2, "**Real** — open (10:01)".to_string())]);
        assert!(resolve_blocker(b, 1, "x").is_err());
        let (out, _) = resolve_blocker(b, 2, "11:00").unwrap();
        assert!(
            out.starts_with("```\n1. **Example blocker** — open (10:00)\n```\n"),
            "{out}"
        );
        let d = "~~~md\n### 7. Template (10:00)\n~~~\n\n### 1. Real (10:01)\n";
        let ds = decisions(d);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].n, 1);
        assert_eq!(decision_block(d, "Next", "t", None, None, None, &[]).0, 2);
        // A backtick fence is closed only by as many backticks or more.
        let lines: Vec<bool> = lines_with_fences("````\n```\n````\nafter\n")
            .map(|(f, _)| f)
            .collect();
        assert_eq!(lines, [true, true, true, false]);
    }

    /// What `blockers` shows as open, `resolve_blocker` resolves.
    #[test]
    fn a_hand_written_blocker_without_status_resolves() {
        let c = "1. Waiting on API keys\n2. **Flaky CI** — open (10:00)\n";
        assert!(blockers(c).iter().all(|b| b.open));
        let (out, text) = resolve_blocker(c, 1, "11:00").unwrap();
        assert_eq!(text, "Waiting on API keys");
        assert!(
            out.starts_with("1. Waiting on API keys — resolved (11:00)\n"),
            "{out}"
        );
        assert!(!blockers(&out)[0].open);
        assert!(resolve_blocker(&out, 1, "12:00").is_err());
    }

    #[test]
    fn tldr_status_lines() {
        let c =
            "Para one.\n\n**Progress**: 1/2 steps complete\n**Current**: x\n**Blocker**: None\n";
        let out = tldr_set_status(c, ["2/3 steps complete", "y", "None"]);
        assert_eq!(
            out,
            "Para one.\n\n**Progress**: 2/3 steps complete\n**Current**: y\n**Blocker**: None\n"
        );
        assert_eq!(tldr_paragraph(&out), "Para one.");
        let out = tldr_set_paragraph(&out, "New para.", None);
        assert!(out.starts_with("New para.\n\n**Progress**"));
        let bare = tldr_set_status("Only text.\n", ["0/0 steps complete", "none", "None"]);
        assert_eq!(
            bare,
            "Only text.\n\n**Progress**: 0/0 steps complete\n**Current**: none\n**Blocker**: None\n"
        );
    }

    #[test]
    fn context_blocks() {
        let c = "**Objective**: Fix it\n\n**Key Files**:\n- `sweep/sweeper.go` - Main\n- contract.go - Triggers\n\n**Key Context** (survives compaction):\n- Race: state check before lock\n- Lock ordering\n";
        assert_eq!(inline_label(c, "Objective").as_deref(), Some("Fix it"));
        assert_eq!(key_files(c), vec!["sweep/sweeper.go", "contract.go"]);
        assert_eq!(
            labelled_block(c, "Key Context"),
            vec!["- Race: state check before lock", "- Lock ordering"]
        );
    }

    #[test]
    fn blockers_round() {
        let (n, c) = add_blocker(
            "- None currently\n",
            "Waiting on docs",
            Some("stalls API"),
            None,
            "T1",
        );
        assert_eq!(n, 1);
        assert_eq!(
            c,
            "1. **Waiting on docs** — open (T1)\n   - Impact: stalls API\n"
        );
        let b = blockers(&c);
        assert!(b[0].open && b[0].impact.as_deref() == Some("stalls API"));
        let (c2, text) = resolve_blocker(&c, 1, "T2").unwrap();
        assert_eq!(text, "Waiting on docs");
        assert!(!blockers(&c2)[0].open);
        assert!(
            resolve_blocker(&c2, 1, "T3")
                .unwrap_err()
                .contains("already")
        );
        assert!(
            resolve_blocker(&c2, 7, "T3")
                .unwrap_err()
                .contains("no blocker 7")
        );
    }

    #[test]
    fn next_steps_add_remove() {
        let c = add_next_step("", "A").unwrap();
        let c = add_next_step(&c, "B").unwrap();
        assert!(add_next_step(&c, "B").is_none());
        assert_eq!(next_steps(&c), vec!["A", "B"]);
        let c = remove_next_step(&c, "a").unwrap();
        assert_eq!(c, "1. B\n");
    }

    #[test]
    fn decisions_tail_reads_from_the_end() {
        let mut c = String::new();
        for i in 1..=50 {
            c.push_str(&format!("\n### {i}. D{i} (T)\n**Rationale**: r{i}\n"));
        }
        let (tail, total) = decisions_tail(&c, 3);
        assert_eq!(total, 50);
        assert_eq!(
            tail.iter().map(|d| d.n).collect::<Vec<_>>(),
            vec![48, 49, 50]
        );
        assert_eq!(tail[2].body, "**Rationale**: r50");
        assert_eq!(decisions_tail("", 5), (vec![], 0));
    }

    #[test]
    fn decisions_numbered() {
        let (n, b) = decision_block(
            "",
            "Use mutex",
            "T",
            Some("race"),
            None,
            Some("simple"),
            &[],
        );
        assert_eq!(n, 1);
        let d = decisions(&b);
        assert_eq!(d[0].title, "Use mutex (T)");
        let (n2, _) = decision_block(&b, "Other", "T", None, None, None, &[]);
        assert_eq!(n2, 2);
    }
}
