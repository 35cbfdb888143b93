//! IMPLEMENTATION_PHASES.md: phase headings and their deliverables, read
//! into steps grouped by phase.
//!
//! These files are written by people and by planning tools, so the reader
//! is liberal:
//! - a phase heading is `## Phase N: Title (Size)` at any heading level
//!   (also `Phase N - Title`, `Phase N. Title`, `Phase 2.5 — Title`, a whole
//!   bold line `**Phase 1: Title**`); the size is optional;
//! - a deliverable is a top-level bullet or numbered item under a phase,
//!   with or without a `Deliverables:` / `Tasks:` label (bold or not, or a
//!   sub-heading, or a bullet that is only the label);
//! - items under labels that are not work (verification criteria, risks,
//!   notes, dependencies, files, ...) are not steps;
//! - prose is not a step, and nothing inside fenced code or an HTML comment
//!   is;
//! - nested bullets belong to their parent: they are folded into the
//!   parent's line as short sub-text (`Parent — detail; detail`), because
//!   the Progress checklist moves a step line by line, and an indented line
//!   under it would be left behind when the step moves.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::doc::progress::{Progress, Sub};

/// Longest sub-text folded into a step from its nested bullets.
const MAX_DETAIL: usize = 80;

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub text: String,
    /// Checked in the file (`- [x] ...`).
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// "1", "2.5", "3b".
    pub number: String,
    pub title: String,
    pub size: Option<String>,
    pub steps: Vec<Step>,
    /// 1-based line of the heading in the file.
    pub line: usize,
}

impl Phase {
    /// `Phase 1: Title (Small)`: the group heading and the frontmatter entry.
    pub fn label(&self) -> String {
        let mut s = format!("Phase {}", self.number);
        if !self.title.is_empty() {
            s.push_str(": ");
            s.push_str(&self.title);
        }
        if let Some(z) = &self.size {
            s.push_str(&format!(" ({z})"));
        }
        s
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PhasesFile {
    /// The first level-1 heading, if any (a fallback session title).
    pub title: Option<String>,
    pub phases: Vec<Phase>,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static regex"))
}

fn heading_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
}

fn phase_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)^phase\s+([0-9]+(?:\.[0-9]+)*[a-z]?)\b\s*(?:[:.)\-–—]+\s*)?(.*)$",
    )
}

fn item_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^([ \t]*)(?:[-*+]|[0-9]{1,3}[.)])(?:[ \t]+(.*))?$")
}

fn size_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?ix)^(?:size:\s*)?(?:
            (?:xxs|xs|s|m|l|xl|xxl|small|medium|large|tiny|huge|extra[\s-]?large|extra[\s-]?small)\b.*
          | ~?\s*[0-9]+(?:\.[0-9]+)?\s*(?:-\s*[0-9]+(?:\.[0-9]+)?\s*)?
            (?:h|hrs?|hours?|d|days?|w|wks?|weeks?|sprints?|pts?|points?|mins?|minutes?)\b.*
        )$",
    )
}

/// Strip `**`/`__` emphasis wrapping a whole string.
fn unbold(s: &str) -> &str {
    let t = s.trim();
    for m in ["**", "__"] {
        if let Some(inner) = t.strip_prefix(m).and_then(|r| r.strip_suffix(m)) {
            return inner.trim();
        }
    }
    t
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A phase heading's text, if this heading names a phase.
fn phase_of(text: &str) -> Option<(String, String, Option<String>)> {
    let t = unbold(text);
    let c = phase_re().captures(t)?;
    let number = c[1].to_string();
    let mut title = unbold(c.get(2).map_or("", |m| m.as_str()))
        .trim_end_matches(':')
        .trim()
        .to_string();
    let mut size = None;
    if title.ends_with(')')
        && let Some(open) = title.rfind('(')
    {
        let inner = title[open + 1..title.len() - 1].trim().to_string();
        if !inner.is_empty() && inner.len() <= 40 && size_re().is_match(&inner) {
            size = Some(inner);
            title = title[..open].trim().to_string();
        }
    }
    let title = title
        .trim_end_matches(['-', '–', '—', ':'])
        .trim()
        .to_string();
    Some((number, title, size))
}

/// What a label says about the items under it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Label {
    /// Deliverables, tasks, steps, or a label we do not know: items are steps.
    Work,
    /// Verification criteria, risks, notes, files, ...: items are not steps.
    NotWork,
}

const NOT_WORK: &[&str] = &[
    "criteria",
    "verification",
    "verify",
    "acceptance",
    "risk",
    "note",
    "depend",
    "prereq",
    "requirement",
    "file",
    "reference",
    "resource",
    "link",
    "question",
    "scope",
    "non-goal",
    "assumption",
    "rationale",
    "context",
    "background",
    "goal",
    "objective",
    "outcome",
    "success",
    "exit",
    "estimate",
    "duration",
];

const WORK: &[&str] = &[
    "deliverable",
    "task",
    "step",
    "todo",
    "to do",
    "to-do",
    "checklist",
    "work item",
    "action item",
    "implementation",
];

fn classify(label: &str) -> Label {
    let l = label.to_lowercase();
    // "In scope" is work; "Out of scope" is not.
    if l.contains("in scope") && !l.contains("out of") {
        return Label::Work;
    }
    if WORK.iter().any(|w| l.contains(w)) {
        return Label::Work;
    }
    if NOT_WORK.iter().any(|w| l.contains(w)) {
        return Label::NotWork;
    }
    Label::Work
}

/// A line that is only a label: `Deliverables:`, `**Deliverables:**`,
/// `**Deliverables**:`, or a whole bold line such as `**Backend**`.
fn label_of(line: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || t.len() > 60 {
        return None;
    }
    let (inner, bold) = {
        let u = unbold(t.trim_end_matches(':').trim());
        (u, u != t.trim_end_matches(':').trim())
    };
    let colon = t.ends_with(':') || inner.ends_with(':');
    let inner = inner.trim_end_matches(':').trim();
    if inner.is_empty() || inner.contains("**") || inner.contains('`') {
        return None;
    }
    (colon || bold).then(|| inner.to_string())
}

fn indent_width(ws: &str) -> usize {
    ws.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// Parse an IMPLEMENTATION_PHASES.md. Never fails: a file without phases
/// gives an empty list (the caller says what is wrong).
pub fn parse(text: &str) -> PhasesFile {
    let mut out = PhasesFile {
        title: None,
        phases: Vec::new(),
    };
    // State while inside a phase.
    let mut phase_level = 0usize;
    let mut label = Label::Work;
    // Inside a bullet that is only a label: its indent, and the label that
    // applies again after its nested items.
    let mut bullet_label: Option<(usize, Label)> = None;
    // Indent of the current top-level items, once known.
    let mut base: Option<usize> = None;
    // Whether the last top-level item can take nested sub-text.
    let mut open_item = false;
    let mut fence: Option<(char, usize)> = None;
    let mut in_comment = false;

    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        // Fenced code: nothing inside is a heading or an item.
        if let Some((ch, n)) = fence {
            let run = trimmed.chars().take_while(|c| *c == ch).count();
            if run >= n && trimmed[run * ch.len_utf8()..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        let run_bt = trimmed.chars().take_while(|c| *c == '`').count();
        let run_tl = trimmed.chars().take_while(|c| *c == '~').count();
        if run_bt >= 3 || run_tl >= 3 {
            fence = Some(if run_bt >= 3 {
                ('`', run_bt)
            } else {
                ('~', run_tl)
            });
            open_item = false;
            continue;
        }
        if in_comment {
            if trimmed.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }

        // Headings: a phase, the file title, a label inside a phase, or
        // the end of the phases.
        let heading = heading_re()
            .captures(line)
            .map(|c| (c[1].len(), c[2].to_string()));
        let bold_phase = if heading.is_none() && unbold(trimmed) != trimmed {
            phase_of(trimmed).map(|p| (2usize, p))
        } else {
            None
        };
        if let Some((level, text)) = &heading
            && let Some(p) = phase_of(text)
        {
            start_phase(&mut out, p, i + 1);
            phase_level = *level;
            (label, base, open_item, bullet_label) = (Label::Work, None, false, None);
            continue;
        }
        if let Some((level, p)) = bold_phase {
            start_phase(&mut out, p, i + 1);
            phase_level = level;
            (label, base, open_item, bullet_label) = (Label::Work, None, false, None);
            continue;
        }
        if let Some((level, text)) = heading {
            if level == 1 && out.title.is_none() && out.phases.is_empty() {
                out.title = Some(unbold(&text).to_string()).filter(|t| !t.is_empty());
            }
            if out.phases.is_empty() || phase_level == 0 {
                continue;
            }
            let t = unbold(&text);
            if level <= phase_level && !WORK.iter().any(|w| t.to_lowercase().contains(w)) {
                // A sibling section that is not a phase ("## Notes"): the
                // phases are over until the next phase heading.
                phase_level = 0;
            } else {
                label = classify(t);
            }
            (base, open_item, bullet_label) = (None, false, None);
            continue;
        }
        if phase_level == 0 {
            continue;
        }
        let phase = out.phases.last_mut().expect("phase_level > 0");

        if let Some(c) = item_re().captures(line) {
            let indent = indent_width(&c[1]);
            let body = c.get(2).map_or("", |m| m.as_str()).trim();
            // `- - -` and `* * *` are thematic breaks, not items.
            if !body.is_empty() && body.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')) {
                open_item = false;
                continue;
            }
            let (done, body) = checkbox(body);
            if let Some((li, outer)) = bullet_label
                && indent <= li
            {
                label = outer;
                bullet_label = None;
            }
            let top = match base {
                None => true,
                Some(b) => indent < b + 2,
            };
            if top {
                if base.is_none_or(|b| indent < b) {
                    base = Some(indent);
                }
                // A bullet that is only a label ("- **Deliverables**:")
                // introduces the items nested under it.
                if let Some(l) = label_of(body)
                    && is_known_label(&l)
                {
                    let outer = bullet_label.map_or(label, |(_, o)| o);
                    bullet_label = Some((indent, outer));
                    label = classify(&l);
                    base = None;
                    open_item = false;
                    continue;
                }
                let text = clean(body);
                if label == Label::Work && !text.is_empty() {
                    phase.steps.push(Step { text, done });
                    open_item = true;
                } else {
                    open_item = false;
                }
            } else if open_item {
                let detail = clean(body);
                if !detail.is_empty() {
                    fold_detail(phase.steps.last_mut().expect("open item"), &detail);
                }
            }
            continue;
        }
        let indent = indent_width(&line[..line.len() - trimmed.len()]);
        if open_item && base.is_some_and(|b| indent >= b + 2) {
            // A wrapped continuation of the item above: same step.
            let step = phase.steps.last_mut().expect("open item");
            if !step.text.contains(" — ") {
                step.text = one_line(&format!("{} {}", step.text, clean(trimmed)));
            }
            continue;
        }
        if let Some(l) = label_of(trimmed) {
            label = classify(&l);
            (base, open_item, bullet_label) = (None, false, None);
            continue;
        }
        // Prose: not a step, and it ends the item above.
        open_item = false;
    }
    out
}

fn is_known_label(l: &str) -> bool {
    let low = l.to_lowercase();
    WORK.iter().chain(NOT_WORK).any(|w| low.contains(w))
}

fn start_phase(out: &mut PhasesFile, p: (String, String, Option<String>), line: usize) {
    let (number, title, size) = p;
    out.phases.push(Phase {
        number,
        title: one_line(&title),
        size,
        steps: Vec::new(),
        line,
    });
}

fn checkbox(body: &str) -> (bool, &str) {
    for (m, done) in [("[ ]", false), ("[x]", true), ("[X]", true)] {
        if let Some(r) = body.strip_prefix(m) {
            return (done, r.trim_start());
        }
    }
    (false, body)
}

/// A step's words: one line, bold markers dropped.
fn clean(s: &str) -> String {
    one_line(&s.replace("**", "").replace("__", ""))
}

fn fold_detail(step: &mut Step, detail: &str) {
    let (head, old) = match step.text.split_once(" — ") {
        Some((h, d)) => (h.to_string(), Some(d.to_string())),
        None => (step.text.trim_end_matches(':').to_string(), None),
    };
    if old.as_deref().is_some_and(|d| d.ends_with('…')) {
        return;
    }
    let mut d = match old {
        Some(o) => format!("{o}; {detail}"),
        None => detail.to_string(),
    };
    if d.chars().count() > MAX_DETAIL {
        d = d.chars().take(MAX_DETAIL - 1).collect::<String>();
        d = d.trim_end().to_string();
        d.push('…');
    }
    step.text = format!("{head} — {d}");
}

/// A session title from the file's first heading, without the boilerplate
/// ("Implementation Phases: fastapi-inventory" gives "fastapi-inventory");
/// the project folder's name when nothing is left.
pub fn session_title(h1: Option<&str>, project: &std::path::Path) -> String {
    static R: OnceLock<Regex> = OnceLock::new();
    let boiler = re(
        &R,
        r"(?i)^(?:implementation[ _-]?(?:phases|plan)(?:\.md)?|phases|project plan)\s*(?:[:—–-]+|\bfor\b)?\s*",
    );
    let t = h1
        .map(|h| one_line(&boiler.replace(h.trim(), "")))
        .unwrap_or_default();
    if !t.is_empty() {
        return t;
    }
    project
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "implementation".into())
}

/// The `### Remaining` block for a new session: one `#### Phase ...` group
/// heading per phase, then its open steps.
pub fn remaining_block(phases: &[Phase]) -> String {
    let mut out = String::new();
    for p in phases {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("#### {}\n", p.label()));
        for s in p.steps.iter().filter(|s| !s.done) {
            out.push_str(&format!("- [ ] {}\n", s.text));
        }
    }
    out
}

/// Which steps belong to which phase, kept beside the journal at `init`:
/// steps leave their phase group when they move to In Progress or
/// Completed, so the grouping cannot be read back from the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseMap {
    pub phases: Vec<MappedPhase>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappedPhase {
    pub label: String,
    pub steps: Vec<String>,
}

impl PhaseMap {
    pub fn of(phases: &[Phase]) -> PhaseMap {
        PhaseMap {
            phases: phases
                .iter()
                .map(|p| MappedPhase {
                    label: p.label(),
                    steps: p.steps.iter().map(|s| s.text.clone()).collect(),
                })
                .collect(),
        }
    }
}

pub const MAP_FILE: &str = "phases.json";

/// Where the work stands by phase.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseStatus {
    pub label: String,
    pub done: usize,
    pub total: usize,
    /// Open steps of this phase still under Remaining, in order.
    pub remaining: Vec<String>,
}

impl PhaseStatus {
    pub fn percent(&self) -> usize {
        (self.done * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// The current phase: the first one with open steps (the last one when
/// all are done). With a phase map the count is exact; without one (a
/// session made by hand or imported) the `#### Phase` group headings under
/// Remaining are used, and the count is the whole session's.
pub fn current_phase(
    progress: &Progress,
    map: Option<&PhaseMap>,
    phases: &[String],
) -> Option<PhaseStatus> {
    let completed: Vec<String> = progress
        .items(Sub::Completed)
        .iter()
        .filter(|i| i.done)
        .map(|i| i.title.clone())
        .collect();
    let remaining: Vec<String> = progress
        .items(Sub::Remaining)
        .iter()
        .filter(|i| i.is_open())
        .map(|i| i.title.clone())
        .collect();
    if let Some(map) = map.filter(|m| !m.phases.is_empty()) {
        let mut pool = completed.clone();
        let mut statuses = Vec::new();
        for p in &map.phases {
            let mut done = 0;
            for s in &p.steps {
                if let Some(i) = pool.iter().position(|c| c == s) {
                    pool.remove(i);
                    done += 1;
                }
            }
            statuses.push(PhaseStatus {
                label: p.label.clone(),
                done,
                total: p.steps.len(),
                remaining: p
                    .steps
                    .iter()
                    .filter(|s| remaining.contains(s))
                    .cloned()
                    .collect(),
            });
        }
        let last = statuses.last().cloned();
        return statuses
            .into_iter()
            .find(|s| s.total > 0 && s.done < s.total)
            .or(last);
    }
    let (done, total) = progress.counts();
    // Fallback: the group heading above the first open step in Remaining.
    let mut group: Option<String> = None;
    let mut found: Option<(String, Vec<String>)> = None;
    for line in progress.render().lines() {
        if let Some(h) = line.strip_prefix("#### ") {
            if found.is_some() {
                break;
            }
            group = Some(h.trim().to_string());
            continue;
        }
        if line.starts_with("- [ ] ")
            && let Some(g) = &group
        {
            let title = line[6..].trim().to_string();
            match &mut found {
                Some((_, v)) => v.push(title),
                None => found = Some((g.clone(), vec![title])),
            }
        }
    }
    let label = match found {
        Some((g, rem)) => {
            return Some(PhaseStatus {
                label: g,
                done,
                total,
                remaining: rem,
            });
        }
        None => phases.last().cloned()?,
    };
    Some(PhaseStatus {
        label,
        done,
        total,
        remaining: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(p: &Phase) -> Vec<&str> {
        p.steps.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn headings_and_sizes() {
        for (h, n, t, z) in [
            ("## Phase 1: Setup (Small)", "1", "Setup", Some("Small")),
            (
                "### Phase 2 - Database Models",
                "2",
                "Database Models",
                None,
            ),
            ("## Phase 3. API (REST)", "3", "API (REST)", None),
            ("## **Phase 4: Auth (M)**", "4", "Auth", Some("M")),
            (
                "## Phase 2.5 — Hotfix (2-3 days)",
                "2.5",
                "Hotfix",
                Some("2-3 days"),
            ),
            ("# Phase 6", "6", "", None),
            ("**Phase 7: Deploy (Large)**", "7", "Deploy", Some("Large")),
        ] {
            let f = parse(&format!("{h}\n- x\n"));
            assert_eq!(f.phases.len(), 1, "{h}");
            let p = &f.phases[0];
            assert_eq!(
                (p.number.as_str(), p.title.as_str(), p.size.as_deref()),
                (n, t, z),
                "{h}"
            );
        }
        assert!(parse("## Phases overview\n- x\n").phases.is_empty());
        assert!(parse("## Phaser setup\n- x\n").phases.is_empty());
    }

    #[test]
    fn labels_nesting_and_prose() {
        let f = parse(
            "# Plan\n\nIntro prose.\n- not in a phase\n\n## Phase 1: Setup (Small)\nWe start small.\n\n**Deliverables:**\n- Init repo\n  - git init\n  - add license\n- [x] CI stub\n1. Docker\n   compose file\n\n**Verification Criteria**:\n- [ ] builds\n\n```sh\n- not a step\n## Phase 9: fake\n```\n\n## Notes\n- not a step either\n",
        );
        assert_eq!(f.title.as_deref(), Some("Plan"));
        assert_eq!(f.phases.len(), 1);
        let p = &f.phases[0];
        assert_eq!(
            steps(p),
            vec![
                "Init repo — git init; add license",
                "CI stub",
                "Docker compose file"
            ]
        );
        assert!(p.steps[1].done);
    }

    #[test]
    fn breaks_and_empty_bullets_are_not_steps() {
        let f = parse("## Phase 1: A\n- one\n- - -\n* * *\n-\n- two\n");
        assert_eq!(steps(&f.phases[0]), vec!["one", "two"]);
    }

    #[test]
    fn label_bullets_promote_children() {
        let f = parse(
            "## Phase 1: A\n- **Deliverables**:\n  - One\n  - Two\n- **Risks**:\n  - Slow\n- Configure the following:\n  - eslint\n",
        );
        assert_eq!(
            steps(&f.phases[0]),
            vec!["One", "Two", "Configure the following — eslint"]
        );
    }

    #[test]
    fn titles_drop_boilerplate() {
        let p = std::path::Path::new("/x/shop");
        assert_eq!(
            session_title(Some("Implementation Phases: fastapi-inventory"), p),
            "fastapi-inventory"
        );
        assert_eq!(
            session_title(Some("IMPLEMENTATION_PHASES.md for Shop API"), p),
            "Shop API"
        );
        assert_eq!(session_title(Some("Implementation Phases"), p), "shop");
        assert_eq!(session_title(None, p), "shop");
        assert_eq!(session_title(Some("Billing v2"), p), "Billing v2");
    }

    #[test]
    fn remaining_block_groups_by_phase() {
        let f = parse("## Phase 1: A (S)\n- a1\n- [x] a0\n## Phase 2: B\n- b1\n");
        assert_eq!(
            remaining_block(&f.phases),
            "#### Phase 1: A (S)\n- [ ] a1\n\n#### Phase 2: B\n- [ ] b1\n"
        );
    }
}
