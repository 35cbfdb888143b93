//! Claude's tasks (`TaskCreate` / `TaskUpdate` / `TaskCompleted`) and todo
//! lists (`TodoWrite`) kept in step with the Progress checklist.
//!
//! Tasks and todos map to step ids, never to titles alone: a task id is
//! linked to a step once, and a todo list item to the step at its place in
//! the previous list. So a rename renames the step, completing completes
//! that very step, and an item gone from the list is dropped, not left
//! open under an old name.

use std::collections::BTreeMap;

use crate::doc::Document;
use crate::doc::progress::{Progress, Sub, same_title};
use crate::session;

/// What a task or todo says of its step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    InProgress,
    Completed,
    Deleted,
}

/// Links of one Claude session: task ids and todo positions to step ids.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Links {
    pub tasks: BTreeMap<String, String>,
    /// The step of each item of the last todo list, in its order.
    pub todos: Vec<String>,
}

/// A task event: `subject` is given on create and on a rename, `status`
/// when it moved. Returns what happened, for the journal (`None` when the
/// task is unknown and names no subject).
pub fn task(
    doc: &mut Document,
    links: &mut Links,
    task_id: Option<&str>,
    subject: Option<&str>,
    status: Option<Status>,
    note: &str,
) -> Option<String> {
    let mut p = session::progress_for_edit(doc);
    let linked = task_id
        .and_then(|t| links.tasks.get(t))
        .filter(|id| p.by_id(id).is_some())
        .cloned();
    let subject = subject
        .map(crate::doc::sections::one_line)
        .filter(|s| !s.is_empty());
    let mut words = Vec::new();
    let id = match (linked, &subject) {
        (Some(id), Some(s)) => {
            if session::rename_step(doc, &mut p, &id, s) {
                words.push("renamed");
            }
            id
        }
        (Some(id), None) => id,
        // A task of a step's name is that step: linked, nothing moves.
        (None, Some(s)) => match p.find_title(s, false) {
            Some(id) => {
                words.push("linked");
                id
            }
            None => {
                words.push("added");
                p.add(s, Sub::Remaining)
            }
        },
        (None, None) => return None,
    };
    if let Some(t) = task_id {
        links.tasks.insert(t.to_string(), id.clone());
    }
    if let Some(st) = status
        && apply(doc, &mut p, &id, st, note)
    {
        words.push(match st {
            Status::Completed => "completed",
            Status::InProgress => "started",
            Status::Pending => "set back to pending",
            Status::Deleted => "dropped",
        });
    }
    session::set_progress(doc, &p);
    let title = p.by_id(&id).map(|i| i.title.clone()).unwrap_or_default();
    let w = if words.is_empty() {
        "unchanged".to_string()
    } else {
        words.join(", ")
    };
    Some(format!("{w}: {title} ({id})"))
}

/// Move step `id` to what `st` says. Returns whether it changed.
fn apply(doc: &mut Document, p: &mut Progress, id: &str, st: Status, note: &str) -> bool {
    match st {
        Status::Completed => session::complete_step(doc, p, id, Some(note)),
        Status::InProgress => {
            let is_current = p.current().and_then(|c| c.id.as_deref()) == Some(id);
            !is_current && p.start(id)
        }
        Status::Pending => {
            let open_remaining = p
                .steps()
                .iter()
                .any(|(k, i)| *k == Sub::Remaining && i.is_open() && i.id.as_deref() == Some(id));
            !open_remaining && p.reopen(id)
        }
        Status::Deleted => session::drop_step(doc, p, id, note),
    }
}

/// A whole todo list (`TodoWrite`). An item keeps the step of the same
/// title; else it takes the step of a vanished item at its place or of a
/// like title (a rename); else it is a new step. Steps of the previous list
/// that no item took were dropped from it, and are marked so. Returns a
/// line for the journal when anything changed.
pub fn todos(
    doc: &mut Document,
    links: &mut Links,
    items: &[(String, Status)],
    note: &str,
) -> Option<String> {
    let mut p = session::progress_for_edit(doc);
    let before = p.render();
    let items: Vec<(String, Status)> = items
        .iter()
        .map(|(t, s)| (crate::doc::sections::one_line(t), *s))
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let prev: Vec<String> = links
        .todos
        .iter()
        .filter(|id| p.by_id(id).is_some())
        .cloned()
        .collect();
    let mut ids: Vec<Option<String>> = vec![None; items.len()];
    let taken = |ids: &[Option<String>], id: &str| ids.iter().flatten().any(|i| i == id);
    // 1. Same title: a step of the previous list first, then any step.
    for (k, (t, _)) in items.iter().enumerate() {
        let hit = prev
            .iter()
            .find(|id| !taken(&ids, id) && p.by_id(id).is_some_and(|i| same_title(&i.title, t)))
            .cloned()
            .or_else(|| p.find_title(t, true).filter(|id| !taken(&ids, id)));
        ids[k] = hit;
    }
    // 2. Renames: a vanished item at the same place with some words in
    // common, else the vanished item most like it.
    let gone = |ids: &[Option<String>]| -> Vec<String> {
        prev.iter().filter(|id| !taken(ids, id)).cloned().collect()
    };
    let mut renamed = 0;
    for k in 0..items.len() {
        if ids[k].is_some() {
            continue;
        }
        let t = &items[k].0;
        let left = gone(&ids);
        let old_title = |id: &str| p.by_id(id).map(|i| i.title.clone()).unwrap_or_default();
        let at_place = prev
            .get(k)
            .filter(|id| left.contains(id))
            .filter(|id| similarity(&old_title(id), t) >= 0.2);
        let best = left
            .iter()
            .map(|id| (similarity(&old_title(id), t), id))
            .filter(|(s, _)| *s >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id);
        if let Some(id) = at_place.or(best).cloned() {
            session::rename_step(doc, &mut p, &id, t);
            renamed += 1;
            ids[k] = Some(id);
        }
    }
    // 3. Vanished items were dropped from the list.
    let mut dropped = 0;
    for id in gone(&ids) {
        if session::drop_step(doc, &mut p, &id, note) {
            dropped += 1;
        }
    }
    // 4. New items are new steps.
    let mut added = 0;
    for (k, (t, st)) in items.iter().enumerate() {
        if ids[k].is_none() && *st != Status::Deleted {
            ids[k] = Some(p.add(t, Sub::Remaining));
            added += 1;
        }
    }
    // 5. Each step where its item says. The first item in progress is
    // started last, so it is the current step.
    let mut started: Vec<&str> = Vec::new();
    for (k, (_, st)) in items.iter().enumerate() {
        let Some(id) = ids[k].as_deref() else {
            continue;
        };
        match st {
            Status::InProgress => started.push(id),
            s => {
                apply(doc, &mut p, id, *s, note);
            }
        }
    }
    let already = p.current().and_then(|c| c.id.clone());
    for id in &started {
        p.begin(id);
    }
    // The step already current stays so while it is in progress.
    let current = match already {
        Some(c) if started.contains(&c.as_str()) => Some(c),
        _ => started.first().map(|s| s.to_string()),
    };
    if let Some(c) = current {
        p.start(&c);
    }
    links.todos = ids.into_iter().flatten().collect();
    session::set_progress(doc, &p);
    if p.render() == before {
        return None;
    }
    let (d, n) = p.counts();
    let mut what = vec![format!("{d}/{n} steps complete")];
    if added > 0 {
        what.push(format!("{added} added"));
    }
    if renamed > 0 {
        what.push(format!("{renamed} renamed"));
    }
    if dropped > 0 {
        what.push(format!("{dropped} dropped"));
    }
    Some(format!("Todo list synced: {}", what.join(", ")))
}

/// Words two titles share, over the words of both (0 to 1).
fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Sec;
    use crate::session::view::{State, View};

    fn doc(progress: &str) -> Document {
        let text = format!(
            "---\nid: 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\nshortname: t\ntitle: T\nstatus: active\n---\n\n# Session: T\n\n## TL;DR (Read This First)\nx\n\n## Progress\n{progress}\n## Next Steps\n"
        );
        Document::parse(std::path::Path::new("t.md"), text).unwrap()
    }

    fn state(d: &Document, title: &str) -> Option<State> {
        View::of(d)
            .steps
            .iter()
            .find(|s| s.title == title)
            .map(|s| s.state)
    }

    /// A task named like the step in progress links to it: the step stays
    /// current and nothing else is promoted; starting it later leaves one
    /// marker.
    #[test]
    fn creating_a_task_for_the_current_step_moves_nothing() {
        let mut d = doc(
            "### Completed\n\n### In Progress\n- [ ] Write parser  <- CURRENT\n\n### Remaining\n- [ ] Write tests\n",
        );
        let mut l = Links::default();
        task(
            &mut d,
            &mut l,
            Some("1"),
            Some("Write parser"),
            None,
            "2026-01-01T00:00Z",
        );
        let v = View::of(&d);
        assert_eq!(v.current.as_ref().unwrap().title, "Write parser");
        assert_eq!(state(&d, "Write tests"), Some(State::Remaining));
        task(
            &mut d,
            &mut l,
            Some("1"),
            None,
            Some(Status::InProgress),
            "2026-01-01T00:00Z",
        );
        let text = d.get(Sec::Progress).unwrap();
        assert_eq!(text.matches("<- CURRENT").count(), 1, "{text}");
    }

    /// A new subject renames the step; completing the task then completes
    /// that step, under its new name, and nothing is left in progress.
    #[test]
    fn a_renamed_task_completes_its_own_step() {
        let mut d = doc("### Completed\n\n### In Progress\n\n### Remaining\n");
        let mut l = Links::default();
        let mut go = |subject: Option<&str>, status: Option<Status>| {
            task(
                &mut d,
                &mut l,
                Some("1"),
                subject,
                status,
                "2026-01-01T00:00Z",
            );
        };
        go(Some("Parse the config"), None);
        go(None, Some(Status::InProgress));
        go(Some("Parse config and env"), None);
        go(None, Some(Status::Completed));
        let v = View::of(&d);
        assert_eq!(v.steps.len(), 1, "{:?}", v.steps);
        assert_eq!(v.steps[0].title, "Parse config and env");
        assert_eq!(v.steps[0].state, State::Done);
        assert!(v.current.is_none());
        assert_eq!((v.done, v.total), (1, 1));
    }

    /// A todo list is the whole list: an item renamed in place renames its
    /// step, an item gone is dropped.
    #[test]
    fn todo_lists_rename_and_drop() {
        let mut d = doc("### Completed\n\n### In Progress\n\n### Remaining\n");
        let mut l = Links::default();
        let list = |v: &[(&str, Status)]| -> Vec<(String, Status)> {
            v.iter().map(|(t, s)| (t.to_string(), *s)).collect()
        };
        todos(
            &mut d,
            &mut l,
            &list(&[
                ("Read the spec", Status::Completed),
                ("Write the lexer", Status::InProgress),
                ("Write the parser", Status::Pending),
                ("Benchmark", Status::Pending),
            ]),
            "2026-01-01T00:00Z",
        );
        todos(
            &mut d,
            &mut l,
            &list(&[
                ("Read the spec", Status::Completed),
                ("Write the lexer", Status::Completed),
                ("Write the recursive descent parser", Status::InProgress),
            ]),
            "2026-01-01T00:00Z",
        );
        let v = View::of(&d);
        assert_eq!(state(&d, "Write the parser"), None);
        assert_eq!(
            state(&d, "Write the recursive descent parser"),
            Some(State::InProgress)
        );
        assert_eq!(state(&d, "Benchmark"), Some(State::Dropped));
        assert_eq!(
            v.current.as_ref().unwrap().title,
            "Write the recursive descent parser"
        );
        assert_eq!((v.done, v.total), (2, 3));
        assert!(v.next.is_empty(), "{:?}", v.next);
    }
}
