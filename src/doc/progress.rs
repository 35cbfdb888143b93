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
    /// Given up (`- [-]`): kept in the checklist so its history stays, but
    /// neither open nor done, and never counted.
    pub dropped: bool,
    /// The step's short stable id (`^s3` at the end of its line), which
    /// Claude's tasks and todos are mapped to. `None` until the tool first
    /// rewrites the checklist.
    pub id: Option<String>,
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
            dropped: false,
            id: None,
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
        let dropped = mark == "-";
        if !done && !dropped && mark != " " {
            return None;
        }
        let mut text = rest.trim_end().to_string();
        let mut current = false;
        let mut id = None;
        // The marker and the id may come in either order.
        for _ in 0..2 {
            if let Some(t) = text.strip_suffix(CURRENT_MARK) {
                current = true;
                text = t.trim_end().to_string();
            }
            if id.is_none()
                && let Some((t, i)) = split_id(&text)
            {
                id = Some(i.to_string());
                text = t.trim_end().to_string();
            }
        }
        let mut note = None;
        if (done || dropped)
            && text.ends_with(')')
            && let Some(open) = text.rfind(" (")
        {
            let inner = &text[open + 2..text.len() - 1];
            if inner.starts_with(|c: char| c.is_ascii_digit()) || inner.starts_with("dropped") {
                note = Some(inner.to_string());
                text.truncate(open);
            }
        }
        Some(Item {
            done,
            dropped,
            id,
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
        let mark = if self.done {
            "x"
        } else if self.dropped {
            "-"
        } else {
            " "
        };
        let mut s = format!("- [{mark}] {}", self.title);
        if let Some(n) = &self.note {
            s.push_str(&format!(" ({n})"));
        }
        if let Some(id) = &self.id {
            s.push_str(&format!(" ^{id}"));
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

    /// Neither done nor dropped.
    pub fn is_open(&self) -> bool {
        !self.done && !self.dropped
    }
}

/// `("Title", "s3")` from `"Title ^s3"`: a trailing `^id` token of letters,
/// digits, `_` or `-`.
fn split_id(text: &str) -> Option<(&str, &str)> {
    let (head, tail) = text.rsplit_once(' ')?;
    let id = tail.strip_prefix('^')?;
    let ok = !id.is_empty()
        && id.len() <= 12
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    ok.then_some((head, id))
}

/// Titles compared as a person would: case, spacing and a trailing full
/// stop do not matter.
pub fn same_title(a: &str, b: &str) -> bool {
    norm(a) == norm(b)
}

/// What [`same_title`] compares: titles with the same key are the same.
/// For comparing one title with many, made once per title.
pub fn title_key(s: &str) -> String {
    norm(s)
}

fn norm(s: &str) -> String {
    crate::doc::sections::one_line(s)
        .trim_end_matches('.')
        .to_lowercase()
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

    /// Done and total steps: each step counted once, dropped ones not at all.
    pub fn counts(&self) -> (usize, usize) {
        let all = self.steps();
        let done = all.iter().filter(|(_, i)| i.done).count();
        let total = all.iter().filter(|(_, i)| !i.dropped).count();
        (done, total)
    }

    /// Every step with the sub-section it is in, in document order.
    pub fn steps(&self) -> Vec<(Sub, &Item)> {
        self.parts
            .iter()
            .filter_map(|p| p.kind.map(|k| (k, p)))
            .flat_map(|(k, p)| {
                p.lines.iter().filter_map(move |l| match l {
                    Line::Item(i) => Some((k, i)),
                    Line::Other(_) => None,
                })
            })
            .collect()
    }

    /// The current step: the open step with the marker, else the first one
    /// in progress. Something that started a step made it current; a
    /// remaining step is never current on its own.
    pub fn current(&self) -> Option<&Item> {
        let steps = self.steps();
        steps
            .iter()
            .find(|(_, i)| i.current && i.is_open())
            .or_else(|| {
                steps
                    .iter()
                    .find(|(k, i)| *k == Sub::InProgress && i.is_open())
            })
            .map(|(_, i)| *i)
    }

    /// The open steps after the current one: in progress, then remaining,
    /// in document order.
    pub fn upcoming(&self) -> Vec<&Item> {
        let cur = self.current().and_then(|c| c.id.clone());
        let cur_title = self.current().map(|c| c.title.clone());
        let mut out: Vec<&Item> = Vec::new();
        for k in [Sub::InProgress, Sub::Remaining] {
            for i in self.items(k) {
                let is_cur = match (&cur, &i.id) {
                    (Some(a), Some(b)) => a == b,
                    _ => cur_title.as_deref() == Some(i.title.as_str()),
                };
                if i.is_open() && !is_cur {
                    out.push(i);
                }
            }
        }
        out
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

    /// Give every step without an id the next free one (`s1`, `s2`, ...),
    /// and a second step carrying an id already taken a new one. Only the
    /// lines that change are rewritten.
    pub fn ensure_ids(&mut self) {
        let mut next = self
            .steps()
            .iter()
            .filter_map(|(_, i)| i.id.as_deref()?.strip_prefix('s')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let mut seen = std::collections::HashSet::new();
        for p in self.parts.iter_mut().filter(|p| p.kind.is_some()) {
            for l in &mut p.lines {
                if let Line::Item(i) = l {
                    let fresh = i.id.as_ref().is_some_and(|id| seen.insert(id.clone()));
                    if !fresh {
                        next += 1;
                        let id = format!("s{next}");
                        seen.insert(id.clone());
                        i.id = Some(id);
                        i.touched();
                    }
                }
            }
        }
    }

    fn locate(&self, id: &str) -> Option<(usize, usize)> {
        for (pi, p) in self.parts.iter().enumerate() {
            if p.kind.is_none() {
                continue;
            }
            for (li, l) in p.lines.iter().enumerate() {
                if let Line::Item(i) = l
                    && i.id.as_deref() == Some(id)
                {
                    return Some((pi, li));
                }
            }
        }
        None
    }

    /// The step with this id.
    pub fn by_id(&self, id: &str) -> Option<&Item> {
        let (pi, li) = self.locate(id)?;
        match &self.parts[pi].lines[li] {
            Line::Item(i) => Some(i),
            Line::Other(_) => None,
        }
    }

    fn item_mut(&mut self, id: &str) -> Option<&mut Item> {
        let (pi, li) = self.locate(id)?;
        match &mut self.parts[pi].lines[li] {
            Line::Item(i) => Some(i),
            Line::Other(_) => None,
        }
    }

    /// A step with this title (as a person compares titles): an open one
    /// first, then a done one; dropped steps only when `dropped` is set.
    pub fn find_title(&self, title: &str, dropped: bool) -> Option<String> {
        let steps = self.steps();
        let pick = |want: &dyn Fn(&Item) -> bool| {
            steps
                .iter()
                .find(|(_, i)| want(i) && same_title(&i.title, title))
                .and_then(|(_, i)| i.id.clone())
        };
        pick(&|i| i.is_open())
            .or_else(|| pick(&|i| i.done))
            .or_else(|| if dropped { pick(&|i| i.dropped) } else { None })
    }

    /// Find an open step: exact match first, then case-insensitive prefix,
    /// then case-insensitive substring. In progress before remaining.
    fn find_open(&self, query: &str) -> Option<(String, bool)> {
        let q = query.trim();
        let ql = q.to_lowercase();
        let tests: [&dyn Fn(&str) -> bool; 4] = [
            &|t| t == q,
            &|t| same_title(t, q),
            &|t| t.to_lowercase().starts_with(&ql),
            &|t| t.to_lowercase().contains(&ql),
        ];
        for (n, test) in tests.iter().enumerate() {
            for k in [Sub::InProgress, Sub::Remaining] {
                if let Some(i) = self
                    .items(k)
                    .into_iter()
                    .find(|i| i.is_open() && test(&i.title))
                {
                    return i.id.clone().map(|id| (id, n < 2));
                }
            }
        }
        None
    }

    /// Move the step `id` to the end of sub-section `to` (the start, for
    /// In Progress), rewriting its line.
    fn move_to(&mut self, id: &str, to: Sub, first: bool) -> Option<()> {
        let (pi, li) = self.locate(id)?;
        if self.parts[pi].kind == Some(to) {
            return Some(());
        }
        let Line::Item(mut it) = self.parts[pi].lines.remove(li) else {
            unreachable!("locate only finds items")
        };
        it.touched();
        if first {
            let part = self.part_mut(to);
            let at = part.lines.iter().position(|l| matches!(l, Line::Item(_)));
            let at = at.unwrap_or_else(|| {
                part.lines
                    .iter()
                    .rposition(|l| matches!(l, Line::Other(s) if !s.trim().is_empty()))
                    .map_or(0, |i| i + 1)
            });
            part.lines.insert(at, Line::Item(it));
        } else {
            self.push(to, it);
        }
        Some(())
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

    fn fresh_id(&self) -> String {
        let n = self
            .steps()
            .iter()
            .filter_map(|(_, i)| i.id.as_deref()?.strip_prefix('s')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("s{}", n + 1)
    }

    /// Add a new step to `to`; returns its id.
    pub fn add(&mut self, title: &str, to: Sub) -> String {
        let mut it = Item::new(title);
        let id = self.fresh_id();
        it.id = Some(id.clone());
        it.done = to == Sub::Completed;
        self.push(to, it);
        id
    }

    /// Rename the step `id` in place. Returns the old title when it changed.
    pub fn rename(&mut self, id: &str, title: &str) -> Option<String> {
        let t = crate::doc::sections::one_line(title);
        let it = self.item_mut(id)?;
        if t.is_empty() || it.title == t {
            return None;
        }
        let old = std::mem::replace(&mut it.title, t);
        it.touched();
        Some(old)
    }

    /// Complete the step `id` with `note` (time and commit). Completing a
    /// done step changes nothing; the current step, once done, is current
    /// no more, and no other step takes its place on its own.
    pub fn complete(&mut self, id: &str, note: Option<&str>) -> bool {
        let Some(it) = self.item_mut(id) else {
            return false;
        };
        if it.done {
            return false;
        }
        it.done = true;
        it.dropped = false;
        it.current = false;
        it.note = note.map(str::to_string);
        it.touched();
        self.move_to(id, Sub::Completed, false);
        true
    }

    /// Start the step `id`: it goes first under In Progress and becomes the
    /// one current step. A done or dropped step is opened again.
    pub fn start(&mut self, id: &str) -> bool {
        let already = self.by_id(id).is_some_and(|i| i.current && i.is_open())
            && self.current().and_then(|c| c.id.as_deref()) == Some(id);
        if already || self.locate(id).is_none() {
            return false;
        }
        self.clear_current();
        let it = self.item_mut(id).expect("located");
        it.done = false;
        it.dropped = false;
        it.note = None;
        it.current = true;
        it.touched();
        let (pi, _) = self.locate(id).expect("located");
        if self.parts[pi].kind == Some(Sub::InProgress) {
            // Already in progress: first among them.
            let (pi, li) = self.locate(id).expect("located");
            let line = self.parts[pi].lines.remove(li);
            let part = &mut self.parts[pi];
            let at = part
                .lines
                .iter()
                .position(|l| matches!(l, Line::Item(_)))
                .unwrap_or(part.lines.len());
            part.lines.insert(at, line);
        } else {
            self.move_to(id, Sub::InProgress, true);
        }
        true
    }

    /// Put the step `id` under In Progress (opened again if it was done or
    /// dropped), without making it the current one.
    pub fn begin(&mut self, id: &str) -> bool {
        let Some(it) = self.item_mut(id) else {
            return false;
        };
        let was_open = it.is_open();
        if !was_open {
            it.done = false;
            it.dropped = false;
            it.note = None;
            it.touched();
        }
        let (pi, _) = self.locate(id).expect("located");
        let moved = self.parts[pi].kind != Some(Sub::InProgress);
        self.move_to(id, Sub::InProgress, false);
        moved || !was_open
    }

    /// Put the step `id` back under Remaining (a task set back to pending).
    pub fn reopen(&mut self, id: &str) -> bool {
        let Some(it) = self.item_mut(id) else {
            return false;
        };
        if it.is_open() && !it.current {
            let (pi, _) = self.locate(id).expect("located");
            if self.parts[pi].kind == Some(Sub::Remaining) {
                return false;
            }
        }
        let it = self.item_mut(id).expect("located");
        it.done = false;
        it.dropped = false;
        it.current = false;
        it.note = None;
        it.touched();
        self.move_to(id, Sub::Remaining, false);
        true
    }

    /// Mark the step `id` dropped: kept where it is, no longer open.
    pub fn drop_step(&mut self, id: &str, note: &str) -> bool {
        let Some(it) = self.item_mut(id) else {
            return false;
        };
        if it.dropped || it.done {
            return false;
        }
        it.dropped = true;
        it.current = false;
        it.note = Some(format!("dropped {note}"));
        it.touched();
        true
    }

    /// Mark a step done with `note` (time and commit), found by its words.
    pub fn done(&mut self, query: &str, note: &str) -> Found {
        let query = &crate::doc::sections::one_line(query);
        self.ensure_ids();
        let found = self.find_open(query);
        // The exact title of a completed step beats a looser match among
        // the open ones: "Write parser" twice must not complete
        // "Write parser tests".
        if !matches!(found, Some((_, true)))
            && let Some(t) = self.find_completed(query)
        {
            return Found::AlreadyDone(t);
        }
        match found {
            Some((id, exact)) => {
                let t = self.by_id(&id).expect("found").title.clone();
                self.complete(&id, Some(note));
                if exact {
                    Found::Exact(t)
                } else {
                    Found::Fuzzy(t)
                }
            }
            None => {
                let id = self.add(query, Sub::Completed);
                self.item_mut(&id).expect("added").note = Some(note.to_string());
                Found::Added(query.clone())
            }
        }
    }

    /// A completed step whose title is `query`, ignoring case.
    fn find_completed(&self, query: &str) -> Option<String> {
        self.steps()
            .into_iter()
            .find(|(_, i)| i.done && same_title(&i.title, query))
            .map(|(_, i)| i.title.clone())
    }

    /// Make a step the current one, adding it to In Progress if it is new.
    pub fn set_current(&mut self, query: &str) -> Found {
        let query = &crate::doc::sections::one_line(query);
        self.ensure_ids();
        let (id, how) = match self.find_open(query) {
            Some((id, exact)) => {
                let t = self.by_id(&id).expect("found").title.clone();
                (
                    id,
                    if exact {
                        Found::Exact(t)
                    } else {
                        Found::Fuzzy(t)
                    },
                )
            }
            None => match self.find_title(query, true) {
                // A done or dropped step of that name is taken up again.
                Some(id) => {
                    let t = self.by_id(&id).expect("found").title.clone();
                    (id, Found::Exact(t))
                }
                None => (self.add(query, Sub::Remaining), Found::Added(query.clone())),
            },
        };
        self.start(&id);
        how
    }

    /// Add a step to Remaining unless a step with that title is open or
    /// done. Returns the id of the new step.
    pub fn add_remaining(&mut self, title: &str) -> Option<String> {
        let t = crate::doc::sections::one_line(title);
        if t.is_empty() || self.find_title(&t, false).is_some() {
            return None;
        }
        Some(self.add(&t, Sub::Remaining))
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

    /// Completing the current step leaves no step current: only starting
    /// one makes it current, never a promotion of the next remaining one.
    #[test]
    fn done_leaves_no_step_current() {
        let mut p = Progress::parse(SAMPLE);
        assert_eq!(
            p.done("implement", "2026-01-01T00:00Z, abc1234"),
            Found::Fuzzy("Implement fix".into())
        );
        let r = p.render();
        assert!(
            r.contains("- [x] Implement fix (2026-01-01T00:00Z, abc1234) ^s2\n"),
            "{r}"
        );
        assert!(!r.contains(CURRENT_MARK), "{r}");
        assert!(p.current().is_none());
        assert!(
            r.contains("### Remaining\n- [ ] Add regression test ^s3\n"),
            "{r}"
        );
        assert!(r.contains("- [x] Reproduce bug in test (2025-01-15T10:30) ^s1\n"));
        assert_eq!(p.counts(), (2, 4));
        // Ids survive a parse, in either order with the marker.
        let q =
            Progress::parse("### In Progress\n- [ ] A <- CURRENT ^s7\n- [ ] B ^s2  <- CURRENT\n");
        let ids: Vec<_> = q
            .steps()
            .iter()
            .map(|(_, i)| i.id.clone().unwrap())
            .collect();
        assert_eq!(ids, ["s7", "s2"]);
        assert_eq!(q.current().unwrap().title, "A");
    }

    /// A step that is only remaining is never the current one.
    #[test]
    fn remaining_is_never_current() {
        let p = Progress::parse("### Remaining\n- [ ] Later\n");
        assert!(p.current().is_none());
        assert_eq!(p.upcoming().len(), 1);
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
        let mut q = Progress::parse(src);
        q.ensure_ids();
        assert_eq!(p.render(), q.render());
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
        assert!(p.add_remaining("Later step").is_some());
        assert_eq!(
            p.render(),
            "### Completed\n\n### In Progress\n\n### Remaining\n- [ ] Later step ^s1\n\n### Notes\n- (10:00) a note\n- [ ] not a step, a quoted checkbox\n"
        );
        assert_eq!(p.counts(), (0, 1));
        // A missing known sub-section goes before the unknown one.
        let mut p = Progress::parse("### Completed\n\n### Notes\n- n\n");
        p.add_remaining("S");
        assert_eq!(
            p.render(),
            "### Completed\n\n### In Progress\n\n### Remaining\n- [ ] S ^s1\n\n### Notes\n- n\n"
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
                .contains("### In Progress\n- [ ] Write docs ^s1  <- CURRENT\n")
        );
    }
}
