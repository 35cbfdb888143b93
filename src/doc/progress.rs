//! The Progress section: `### Completed`, `### In Progress` (with the
//! `<- CURRENT` marker) and `### Remaining` checklists.
//!
//! Lines we do not understand (notes, phase headings, nested bullets) are
//! kept in place, and items we do not touch are written back byte for byte.

pub const CURRENT_MARK: &str = "<- CURRENT";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sub {
    Completed,
    InProgress,
    Remaining,
}

impl Sub {
    const ALL: [Sub; 3] = [Sub::Completed, Sub::InProgress, Sub::Remaining];
    fn heading(self) -> &'static str {
        match self {
            Sub::Completed => "### Completed",
            Sub::InProgress => "### In Progress",
            Sub::Remaining => "### Remaining",
        }
    }
    fn from_title(t: &str) -> Option<Sub> {
        match t.trim().to_ascii_lowercase().as_str() {
            "completed" | "done" => Some(Sub::Completed),
            "in progress" | "current" => Some(Sub::InProgress),
            "remaining" | "todo" | "to do" => Some(Sub::Remaining),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub done: bool,
    /// The step's own words, without the marker or the completion note.
    pub title: String,
    /// For completed items: "(2026-01-15T10:30Z, abc1234)" without parens.
    pub note: Option<String>,
    pub current: bool,
    /// The original line, written back unchanged unless the item changed.
    raw: Option<String>,
}

impl Item {
    pub fn new(title: &str) -> Item {
        Item {
            done: false,
            // A step is one line of the checklist: a newline in it would
            // start a line of its own (even a `## ` heading) in the document.
            title: crate::doc::sections::one_line(title),
            note: None,
            current: false,
            raw: None,
        }
    }

    fn parse(line: &str) -> Option<Item> {
        let rest = line.strip_prefix("- [")?;
        let (mark, rest) = rest.split_at_checked(1)?;
        let rest = rest.strip_prefix("] ").or_else(|| rest.strip_prefix("]"))?;
        let done = matches!(mark, "x" | "X");
        if !done && mark != " " {
            return None;
        }
        let mut text = rest.trim_end().to_string();
        let mut current = false;
        if let Some(t) = text.strip_suffix(CURRENT_MARK) {
            current = true;
            text = t.trim_end().to_string();
        }
        let mut note = None;
        if done
            && text.ends_with(')')
            && let Some(open) = text.rfind(" (")
        {
            let inner = &text[open + 2..text.len() - 1];
            if inner.starts_with(|c: char| c.is_ascii_digit()) {
                note = Some(inner.to_string());
                text.truncate(open);
            }
        }
        Some(Item {
            done,
            title: text,
            note,
            current,
            raw: Some(line.to_string()),
        })
    }

    fn render(&self) -> String {
        if let Some(r) = &self.raw {
            return r.clone();
        }
        let mut s = format!("- [{}] {}", if self.done { "x" } else { " " }, self.title);
        if let Some(n) = &self.note {
            s.push_str(&format!(" ({n})"));
        }
        if self.current {
            s.push_str("  ");
            s.push_str(CURRENT_MARK);
        }
        s
    }

    fn touched(&mut self) {
        self.raw = None;
    }
}

#[derive(Debug, Clone)]
enum Line {
    Item(Item),
    Other(String),
}

#[derive(Debug, Clone)]
struct Part {
    /// `None` for the text before the first sub-heading, and for a
    /// sub-section we do not know (`### Notes`, say): its lines are kept
    /// as they are and none of them is a step.
    kind: Option<Sub>,
    /// The `### ` line; empty for the text before the first one.
    heading: String,
    lines: Vec<Line>,
}

#[derive(Debug, Clone)]
pub struct Progress {
    parts: Vec<Part>,
}

/// How a `--done` or `--current` text matched a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Exact(String),
    Fuzzy(String),
    Added(String),
    /// `--done` named a step that is already completed: left as it was,
    /// rather than completed a second time.
    AlreadyDone(String),
}

impl Found {
    /// The step's title as it stands in the checklist.
    pub fn title(&self) -> &str {
        match self {
            Found::Exact(t) | Found::Fuzzy(t) | Found::Added(t) | Found::AlreadyDone(t) => t,
        }
    }
}

impl Progress {
    pub fn parse(content: &str) -> Progress {
        let mut parts = vec![Part {
            kind: None,
            heading: String::new(),
            lines: Vec::new(),
        }];
        for (fenced, line) in crate::doc::sections::lines_with_fences(content) {
            if fenced {
                let last = parts.last_mut().expect("never empty");
                last.lines.push(Line::Other(line.to_string()));
                continue;
            }
            if let Some(t) = line.strip_prefix("### ") {
                let kind = Sub::from_title(t);
                // A second `### Remaining` stays a line of the part it is in.
                if kind.is_none_or(|k| !parts.iter().any(|p| p.kind == Some(k))) {
                    // An unknown sub-heading ends the part before it, so
                    // what follows (notes) is not taken for steps, and new
                    // steps are not put under it.
                    parts.push(Part {
                        kind,
                        heading: line.to_string(),
                        lines: Vec::new(),
                    });
                    continue;
                }
            }
            let last = parts.last_mut().expect("never empty");
            // Items count only inside a known sub-heading.
            match (last.kind, Item::parse(line)) {
                (Some(_), Some(item)) => last.lines.push(Line::Item(item)),
                _ => last.lines.push(Line::Other(line.to_string())),
            }
        }
        let mut p = Progress { parts };
        for k in Sub::ALL {
            p.part_mut(k);
        }
        p
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.parts.iter().enumerate() {
            let headed = !p.heading.is_empty();
            if headed {
                out.push_str(&p.heading);
                out.push('\n');
            }
            let mut lines: Vec<String> = p
                .lines
                .iter()
                .map(|l| match l {
                    Line::Item(it) => it.render(),
                    Line::Other(s) => s.clone(),
                })
                .collect();
            // One blank line between sub-sections, wherever we added items.
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            for l in &lines {
                out.push_str(l);
                out.push('\n');
            }
            if i + 1 < self.parts.len() && (headed || !lines.is_empty()) {
                out.push('\n');
            }
        }
        out
    }

    fn part_mut(&mut self, k: Sub) -> &mut Part {
        if let Some(i) = self.parts.iter().position(|p| p.kind == Some(k)) {
            return &mut self.parts[i];
        }
        // Insert after the last known part that comes before it.
        let at = self
            .parts
            .iter()
            .rposition(|p| p.kind.is_some_and(|pk| pk < k))
            .map(|i| i + 1)
            .unwrap_or_else(|| {
                self.parts
                    .iter()
                    .position(|p| p.kind.is_some_and(|pk| pk > k))
                    .unwrap_or(self.parts.len())
            });
        self.parts.insert(
            at,
            Part {
                kind: Some(k),
                heading: k.heading().to_string(),
                lines: Vec::new(),
            },
        );
        &mut self.parts[at]
    }

    pub fn items(&self, k: Sub) -> Vec<&Item> {
        self.parts
            .iter()
            .filter(|p| p.kind == Some(k))
            .flat_map(|p| p.lines.iter())
            .filter_map(|l| match l {
                Line::Item(i) => Some(i),
                Line::Other(_) => None,
            })
            .collect()
    }

    pub fn counts(&self) -> (usize, usize) {
        let done = self.items(Sub::Completed).len();
        let total = done + self.items(Sub::InProgress).len() + self.items(Sub::Remaining).len();
        (done, total)
    }

    /// The current step: the marked one, else the first in progress, else
    /// the first remaining.
    pub fn current(&self) -> Option<&Item> {
        let ip = self.items(Sub::InProgress);
        ip.iter()
            .find(|i| i.current)
            .or_else(|| ip.first())
            .copied()
            .or_else(|| self.items(Sub::Remaining).first().copied())
    }

    fn push(&mut self, k: Sub, item: Item) {
        let part = self.part_mut(k);
        let at = part
            .lines
            .iter()
            .rposition(|l| matches!(l, Line::Item(_)))
            .map(|i| i + 1)
            .unwrap_or_else(|| {
                // No items yet: put it after any leading text but before
                // trailing blank lines.
                part.lines
                    .iter()
                    .rposition(|l| matches!(l, Line::Other(s) if !s.trim().is_empty()))
                    .map_or(0, |i| i + 1)
            });
        part.lines.insert(at, Line::Item(item));
    }

    /// Find an open step: exact match first, then case-insensitive prefix,
    /// then case-insensitive substring. In progress before remaining.
    fn find_open(&self, query: &str) -> Option<(Sub, usize, bool)> {
        let q = query.trim();
        let ql = q.to_lowercase();
        let open = [Sub::InProgress, Sub::Remaining];
        let tests: [&dyn Fn(&str) -> bool; 3] =
            [&|t| t == q, &|t| t.to_lowercase().starts_with(&ql), &|t| {
                t.to_lowercase().contains(&ql)
            }];
        for (n, test) in tests.iter().enumerate() {
            for k in open {
                for (pi, p) in self.parts.iter().enumerate() {
                    if p.kind != Some(k) {
                        continue;
                    }
                    for (li, l) in p.lines.iter().enumerate() {
                        if let Line::Item(it) = l
                            && !it.done
                            && test(&it.title)
                        {
                            return Some((k, pi * 1_000_000 + li, n == 0));
                        }
                    }
                }
            }
        }
        None
    }

    /// A completed step whose title is `query`, ignoring case.
    fn find_completed(&self, query: &str) -> Option<String> {
        let ql = query.trim().to_lowercase();
        self.parts
            .iter()
            .filter(|p| p.kind == Some(Sub::Completed))
            .flat_map(|p| &p.lines)
            .find_map(|l| match l {
                Line::Item(it) if it.done && it.title.to_lowercase() == ql => {
                    Some(it.title.clone())
                }
                _ => None,
            })
    }

    fn take(&mut self, loc: usize) -> Item {
        let (pi, li) = (loc / 1_000_000, loc % 1_000_000);
        match self.parts[pi].lines.remove(li) {
            Line::Item(i) => i,
            Line::Other(_) => unreachable!("find_open only returns items"),
        }
    }

    fn clear_current(&mut self) {
        for p in &mut self.parts {
            for l in &mut p.lines {
                if let Line::Item(i) = l
                    && i.current
                {
                    i.current = false;
                    i.touched();
                }
            }
        }
    }

    /// Make sure exactly one open step carries the marker: keep an existing
    /// one, else mark the first in progress, else promote the first
    /// remaining step into In Progress.
    fn ensure_current(&mut self) {
        let has = self.items(Sub::InProgress).iter().any(|i| i.current);
        if has {
            return;
        }
        let part = self.part_mut(Sub::InProgress);
        if let Some(Line::Item(i)) = part.lines.iter_mut().find(|l| matches!(l, Line::Item(_))) {
            i.current = true;
            i.touched();
            return;
        }
        let rem = self.part_mut(Sub::Remaining);
        if let Some(pos) = rem.lines.iter().position(|l| matches!(l, Line::Item(_))) {
            let Line::Item(mut it) = rem.lines.remove(pos) else {
                unreachable!()
            };
            it.current = true;
            it.touched();
            self.push(Sub::InProgress, it);
        }
    }

    /// Mark a step done with `note` (time and commit), moving the marker on.
    pub fn done(&mut self, query: &str, note: &str) -> Found {
        let query = &crate::doc::sections::one_line(query);
        let found = self.find_open(query);
        // The exact title of a completed step beats a looser match among
        // the open ones: "Write parser" twice must not complete
        // "Write parser tests".
        if !matches!(found, Some((_, _, true)))
            && let Some(t) = self.find_completed(query)
        {
            return Found::AlreadyDone(t);
        }
        let (mut item, how) = match found {
            Some((_, loc, exact)) => {
                let it = self.take(loc);
                let t = it.title.clone();
                (
                    it,
                    if exact {
                        Found::Exact(t)
                    } else {
                        Found::Fuzzy(t)
                    },
                )
            }
            None => (Item::new(query), Found::Added(query.clone())),
        };
        item.done = true;
        item.current = false;
        item.note = Some(note.to_string());
        item.touched();
        self.push(Sub::Completed, item);
        self.ensure_current();
        how
    }

    /// Make a step the current one, adding it to In Progress if it is new.
    pub fn set_current(&mut self, query: &str) -> Found {
        let query = &crate::doc::sections::one_line(query);
        let found = self.find_open(query);
        self.clear_current();
        let (mut item, how) = match found {
            Some((_, loc, exact)) => {
                let it = self.take(loc);
                let t = it.title.clone();
                (
                    it,
                    if exact {
                        Found::Exact(t)
                    } else {
                        Found::Fuzzy(t)
                    },
                )
            }
            None => (Item::new(query), Found::Added(query.clone())),
        };
        item.current = true;
        item.touched();
        // The current step goes first in In Progress.
        let part = self.part_mut(Sub::InProgress);
        let at = part
            .lines
            .iter()
            .position(|l| matches!(l, Line::Item(_)))
            .unwrap_or(0);
        let at = if part.lines.iter().any(|l| matches!(l, Line::Item(_))) {
            at
        } else {
            part.lines
                .iter()
                .rposition(|l| matches!(l, Line::Other(s) if !s.trim().is_empty()))
                .map_or(0, |i| i + 1)
        };
        part.lines.insert(at, Line::Item(item));
        how
    }

    /// Add a step to Remaining unless an open step with that title exists.
    pub fn add_remaining(&mut self, title: &str) -> bool {
        let t = title.trim();
        if t.is_empty() || self.find_exact_any(t).is_some() {
            return false;
        }
        self.push(Sub::Remaining, Item::new(t));
        true
    }

    fn find_exact_any(&self, title: &str) -> Option<(usize, usize)> {
        for (pi, p) in self.parts.iter().enumerate() {
            if p.kind.is_none() {
                continue;
            }
            for (li, l) in p.lines.iter().enumerate() {
                if let Line::Item(i) = l
                    && i.title == title
                {
                    return Some((pi, li));
                }
            }
        }
        None
    }

    /// Put a step (found by exact title, or new) into the sub-section its
    /// todo status says. Returns true when something changed.
    pub fn place(&mut self, title: &str, to: Sub, note: Option<&str>) -> bool {
        let t = title.trim();
        if t.is_empty() {
            return false;
        }
        if let Some((pi, li)) = self.find_exact_any(t) {
            if self.parts[pi].kind == Some(to) {
                return false;
            }
            let Line::Item(mut it) = self.parts[pi].lines.remove(li) else {
                unreachable!()
            };
            it.done = to == Sub::Completed;
            if it.done {
                it.current = false;
                if it.note.is_none() {
                    it.note = note.map(str::to_string);
                }
            }
            it.touched();
            self.push(to, it);
        } else {
            let mut it = Item::new(t);
            it.done = to == Sub::Completed;
            if it.done {
                it.note = note.map(str::to_string);
            }
            self.push(to, it);
        }
        true
    }

    /// Put the marker on the step with this exact title (if it is open).
    pub fn mark_current_exact(&mut self, title: &str) -> bool {
        let already = self
            .items(Sub::InProgress)
            .iter()
            .any(|i| i.current && i.title == title.trim());
        if already {
            return false;
        }
        if self.find_exact_any(title.trim()).is_none() {
            return false;
        }
        self.set_current(title);
        true
    }

    /// After a todo sync: keep the marker on an open step.
    pub fn settle_current(&mut self) {
        self.ensure_current();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "### Completed\n- [x] Reproduce bug in test (2025-01-15T10:30)\n\n### In Progress\n- [ ] Implement fix          <- CURRENT\n\n### Remaining\n- [ ] Add regression test\n- [ ] Document lock ordering\n";

    #[test]
    fn untouched_round_trip() {
        assert_eq!(Progress::parse(SAMPLE).render(), SAMPLE);
    }

    #[test]
    fn done_moves_marker_to_next_remaining() {
        let mut p = Progress::parse(SAMPLE);
        assert_eq!(
            p.done("implement", "2026-01-01T00:00Z, abc1234"),
            Found::Fuzzy("Implement fix".into())
        );
        let r = p.render();
        assert!(
            r.contains("- [x] Implement fix (2026-01-01T00:00Z, abc1234)\n"),
            "{r}"
        );
        assert!(
            r.contains("### In Progress\n- [ ] Add regression test  <- CURRENT\n"),
            "{r}"
        );
        assert!(r.contains("- [x] Reproduce bug in test (2025-01-15T10:30)\n"));
        assert_eq!(p.counts(), (2, 4));
    }

    /// Marking a completed step done again changes nothing; a new step of
    /// a similar name is still added.
    #[test]
    fn done_twice_is_done_once() {
        let src = "### Completed\n- [x] Write the parser\n\n### In Progress\n\n### Remaining\n- [ ] Test it\n";
        let mut p = Progress::parse(src);
        assert_eq!(
            p.done("write the parser", "n"),
            Found::AlreadyDone("Write the parser".into())
        );
        assert_eq!(p.render(), Progress::parse(src).render());
        assert_eq!(p.done("Write", "n"), Found::Added("Write".into()));
        // Exact among the completed beats a prefix among the open.
        let mut p = Progress::parse(
            "### Completed\n- [x] Write parser\n\n### Remaining\n- [ ] Write parser tests\n",
        );
        assert_eq!(
            p.done("Write parser", "n"),
            Found::AlreadyDone("Write parser".into())
        );
    }

    /// A checkbox in fenced code is an example, not a step.
    #[test]
    fn fenced_checkboxes_are_not_steps() {
        let src = "### Completed\n\n### In Progress\n\n### Remaining\n```\n- [ ] not a step\n```\n- [ ] Real step\n";
        let mut p = Progress::parse(src);
        assert_eq!(p.counts(), (0, 1));
        assert_eq!(p.done("not a step", "n"), Found::Added("not a step".into()));
        let r = p.render();
        assert!(r.contains("```\n- [ ] not a step\n```\n"), "{r}");
    }

    /// A step given with newlines stays one line of the checklist.
    #[test]
    fn multi_line_steps_become_one_line() {
        let mut p = Progress::parse("### Completed\n\n### In Progress\n\n### Remaining\n");
        p.set_current("foo\n## Blockers\nhello");
        p.done("alpha\n## Decisions\nx", "n");
        let r = p.render();
        assert!(!r.lines().any(|l| l.starts_with("## ")), "{r}");
        assert!(r.contains("foo ## Blockers hello"), "{r}");
        assert!(r.contains("alpha ## Decisions x"), "{r}");
    }

    #[test]
    fn exact_beats_prefix() {
        let mut p = Progress::parse("### Remaining\n- [ ] Add tests for parser\n- [ ] Add tests\n");
        assert_eq!(p.done("Add tests", "n"), Found::Exact("Add tests".into()));
    }

    #[test]
    fn unknown_lines_survive() {
        let src = "Intro text.\n\n### Completed\n\n### In Progress\n\n### Remaining\n#### Phase 1: Setup (Small)\n- [ ] Init repo\n  - nested note\n";
        let mut p = Progress::parse(src);
        p.done("Init repo", "t");
        let r = p.render();
        assert!(r.starts_with("Intro text.\n"));
        assert!(r.contains("#### Phase 1: Setup (Small)\n"));
        assert!(r.contains("  - nested note\n"));
    }

    /// A sub-section Progress does not know (`### Notes`) is kept as it
    /// is, its lines are not steps, and new steps go under Remaining.
    #[test]
    fn unknown_subsections_stay_out_of_the_checklist() {
        let src = "### Completed\n\n### In Progress\n\n### Remaining\n\n### Notes\n- (10:00) a note\n- [ ] not a step, a quoted checkbox\n";
        let mut p = Progress::parse(src);
        assert_eq!(p.counts(), (0, 0));
        assert!(p.add_remaining("Later step"));
        assert_eq!(
            p.render(),
            "### Completed\n\n### In Progress\n\n### Remaining\n- [ ] Later step\n\n### Notes\n- (10:00) a note\n- [ ] not a step, a quoted checkbox\n"
        );
        assert_eq!(p.counts(), (0, 1));
        // A missing known sub-section goes before the unknown one.
        let mut p = Progress::parse("### Completed\n\n### Notes\n- n\n");
        p.add_remaining("S");
        assert_eq!(
            p.render(),
            "### Completed\n\n### In Progress\n\n### Remaining\n- [ ] S\n\n### Notes\n- n\n"
        );
    }

    #[test]
    fn current_and_added() {
        let mut p = Progress::parse("");
        assert_eq!(
            p.set_current("Write docs"),
            Found::Added("Write docs".into())
        );
        assert_eq!(p.current().unwrap().title, "Write docs");
        assert!(
            p.render()
                .contains("### In Progress\n- [ ] Write docs  <- CURRENT\n")
        );
    }
}
