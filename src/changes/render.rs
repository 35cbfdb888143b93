//! The change report as text (pure): a long form for `resume` and a short
//! one for SessionStart and "continue".

use chrono::{DateTime, Utc};

use super::{Baseline, MAX_FILES_SHOWN, Outcome, Relation, Report, Source, Why};
use crate::clock;
use crate::git::Head;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn count_text(r: &Report) -> String {
    if r.count_capped {
        format!("{}+", r.commit_count)
    } else {
        r.commit_count.to_string()
    }
}

fn relation_line(r: &Report) -> Option<String> {
    let short = r.base.short().unwrap_or_default();
    match &r.relation {
        Relation::Rewritten { merge_base } => Some(format!(
            "**History rewritten**: {short} is no longer an ancestor of HEAD ({}).",
            match merge_base {
                Some(m) => format!("merge-base {m}; commits since the merge-base are listed"),
                None => "no common history".into(),
            }
        )),
        Relation::Missing => Some(format!(
            "**Recorded commit missing**: {short} is not in this repository (not fetched yet, or removed); commits and file changes cannot be compared."
        )),
        Relation::NoBase => Some("No commit was recorded; every commit in HEAD is new.".into()),
        _ => None,
    }
}

fn upstream_line(r: &Report) -> Option<String> {
    let u = r.upstream.as_ref()?;
    let mut s = format!(
        "**Upstream** {}: {} ahead, {} behind",
        u.name, u.ahead, u.behind
    );
    if u.diverged() {
        s.push_str(" — diverged");
    }
    if let Some((name, ab)) = &r.base.upstream
        && (name != &u.name || ab.ahead != u.ahead || ab.behind != u.behind)
    {
        s.push_str(&format!(
            " (at the pause: {} ahead, {} behind {name})",
            ab.ahead, ab.behind
        ));
    }
    s.push('.');
    Some(s)
}

fn head_text(h: &Head) -> String {
    match (&h.commit, &h.branch, h.detached) {
        (None, Some(b), _) => format!("{b} (no commits yet)"),
        (None, None, _) => "no commits yet".into(),
        (Some(_), _, true) => format!("detached HEAD at {}", h.short().unwrap_or_default()),
        (Some(_), Some(b), false) => format!("{b} at {}", h.short().unwrap_or_default()),
        (Some(_), None, false) => h.short().unwrap_or_default(),
    }
}

/// `### Title (n)` then the list, when there is anything to list.
fn push_titled(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("\n### {title} ({})\n", items.len()));
    push_list(out, items, MAX_FILES_SHOWN);
}

fn push_list(out: &mut String, items: &[String], max: usize) {
    for i in items.iter().take(max) {
        out.push_str(&format!("- {i}\n"));
    }
    if items.len() > max {
        out.push_str(&format!("- +{} more\n", items.len() - max));
    }
}

fn why_text(w: &Why) -> &'static str {
    match w {
        Why::Committed => "uncommitted at the pause, changed in commits since",
        Why::Edited => "uncommitted at the pause, edited again since (still uncommitted)",
        Why::Gone => {
            "uncommitted at the pause; those changes are gone (reverted, stashed or reset)"
        }
    }
}

/// The title of the report, naming the baseline.
fn title(base: &Baseline, now: DateTime<Utc>) -> String {
    let what = match base.source {
        Source::Pause => "Changes Since the Pause",
        Source::Checkpoint => "Changes Since the Last Checkpoint",
    };
    let mut s = format!("## {what}\n");
    let mut at = base.short().unwrap_or_else(|| "no recorded commit".into());
    if let Some(b) = &base.branch {
        at.push_str(&format!(" on {b}"));
    } else if base.detached {
        at.push_str(" (detached HEAD)");
    }
    if let Some(t) = base.paused_at {
        at.push_str(&format!(
            ", paused {} ({})",
            clock::short(t),
            clock::ago(t, now)
        ));
    }
    s.push_str(&format!("Compared with {at}.\n"));
    s
}

/// The long report, for `resume`.
pub fn render_long(o: &Outcome, base: &Baseline, now: DateTime<Utc>) -> String {
    let mut out = title(base, now);
    for n in &base.notes {
        out.push_str(&format!("**Warning**: {n}\n"));
    }
    if let Some(p) = &base.elsewhere {
        out.push_str(&format!(
            "Paused in another checkout or folder ({p}): its uncommitted files were not in this one.\n"
        ));
    }
    let r = match o {
        Outcome::NotGit => {
            out.push_str("Not a git repository: there is no change report.\n");
            return out;
        }
        Outcome::Broken(e) => {
            out.push_str(&format!(
                "The git repository could not be read ({e}): there is no change report.\n"
            ));
            return out;
        }
        Outcome::Ok(r) => r,
    };
    out.push_str(&format!("**HEAD**: {}\n", head_text(&r.head)));
    if let Some(op) = r.operation {
        out.push_str(&format!(
            "**In progress**: a {op} has not been finished or aborted.\n"
        ));
    }
    if let Some((from, to)) = r.branch_switched() {
        out.push_str(&format!("**Branch switched**: {from} → {to}\n"));
    }
    if let Some(l) = relation_line(r) {
        out.push_str(&l);
        out.push('\n');
    }
    if let Some(l) = upstream_line(r) {
        out.push_str(&l);
        out.push('\n');
    }

    if r.commit_count > 0 {
        out.push_str(&format!("\n### New Commits ({})\n", count_text(r)));
        for c in &r.commits {
            out.push_str(&format!(
                "- {} {} ({})\n",
                c.short,
                c.subject,
                clock::ago(c.time, now)
            ));
        }
        if r.commit_count > r.commits.len() {
            out.push_str(&format!(
                "- +{}{} more\n",
                r.commit_count - r.commits.len(),
                if r.count_capped { "+" } else { "" }
            ));
        }
    }
    if r.session_commits > 0 {
        out.push_str(&format!(
            "Not listed: {} that only record{} session files.\n",
            plural(r.session_commits, "commit", "commits"),
            if r.session_commits == 1 { "s" } else { "" }
        ));
    }
    if let Some(files) = &r.files
        && !files.is_empty()
    {
        let since = r.base.short().unwrap_or_else(|| "the start".into());
        let lines: Vec<String> = files
            .iter()
            .map(|f| match &f.from {
                Some(o) => format!("{} {o} -> {}", f.status, f.path),
                None => format!("{} {}", f.status, f.path),
            })
            .collect();
        push_titled(&mut out, &format!("Files Changed Since {since}"), &lines);
    }
    let conflicts: Vec<String> = r
        .conflicts
        .iter()
        .map(|c| format!("{}: {}", c.path, why_text(&c.why)))
        .collect();
    push_titled(&mut out, "Potential Conflicts", &conflicts);
    push_titled(&mut out, "Missing Since the Pause", &r.missing);
    if !r.key_files.is_empty() {
        out.push_str("\n### Key Files Changed\n");
        let lines: Vec<String> = r
            .key_files
            .iter()
            .map(|(p, how)| format!("{p}: {how}"))
            .collect();
        push_list(&mut out, &lines, MAX_FILES_SHOWN);
    }
    out.push_str("\n### Working Tree Now\n");
    if let Some(why) = &r.now.unknown {
        out.push_str(&format!(
            "Unknown ({why}): the uncommitted files could not be listed; `git status` may say more.\n"
        ));
    } else if r.now.is_clean() {
        out.push_str("Clean: no uncommitted changes.\n");
    } else {
        for (label, list) in [
            ("Conflicted", &r.now.conflicted),
            ("Staged", &r.now.staged),
            ("Modified, not staged", &r.now.modified),
            ("Untracked", &r.now.untracked),
        ] {
            if !list.is_empty() {
                out.push_str(&format!("{label} ({}):\n", list.len()));
                push_list(&mut out, list, MAX_FILES_SHOWN);
            }
        }
    }
    if r.relation == Relation::Same
        && r.commit_count == 0
        && r.branch_switched().is_none()
        && r.conflicts.is_empty()
        && r.missing.is_empty()
    {
        out.push_str("\nNo new commits: HEAD is where it was.\n");
    }
    out
}

/// The short report for SessionStart and "continue": `None` when there is
/// nothing to say (or no repository).
pub fn render_short(o: &Outcome, base: &Baseline, now: DateTime<Utc>) -> Option<String> {
    let mut lines: Vec<String> = base.notes.iter().map(|n| format!("- {n}")).collect();
    let r = match o {
        Outcome::NotGit => None,
        Outcome::Broken(e) => {
            lines.push(format!("- The git repository could not be read ({e})."));
            None
        }
        Outcome::Ok(r) => Some(r),
    };
    if let Some(r) = r {
        if let Some(op) = r.operation {
            lines.push(format!("- A {op} is in progress."));
        }
        if let Some((from, to)) = r.branch_switched() {
            lines.push(format!("- Branch switched: {from} → {to}"));
        }
        if let Some(l) = relation_line(r) {
            lines.push(format!("- {l}"));
        }
        if r.commit_count > 0 {
            lines.push(format!(
                "- {}:",
                if r.count_capped {
                    format!("{} new commits", count_text(r))
                } else {
                    plural(r.commit_count, "new commit", "new commits")
                }
            ));
            for c in &r.commits {
                lines.push(format!("  - {} {}", c.short, c.subject));
            }
            if r.commit_count > r.commits.len() {
                lines.push(format!(
                    "  - … and {}{} more",
                    r.commit_count - r.commits.len(),
                    if r.count_capped { "+" } else { "" }
                ));
            }
        }
        if let Some(u) = &r.upstream
            && u.behind > 0
        {
            lines.push(format!(
                "- Upstream {}: {} ahead, {} behind{}",
                u.name,
                u.ahead,
                u.behind,
                if u.diverged() { " (diverged)" } else { "" }
            ));
        }
        if !r.conflicts.is_empty() {
            let names: Vec<&str> = r.conflicts.iter().map(|c| c.path.as_str()).collect();
            lines.push(format!(
                "- Uncommitted at the pause and edited since: {}",
                names.join(", ")
            ));
        }
        if !r.missing.is_empty() {
            lines.push(format!(
                "- Missing since the pause: {}",
                r.missing.join(", ")
            ));
        }
        let dirty = r.now.all();
        if !dirty.is_empty() {
            let shown: Vec<&str> = dirty.iter().take(10).map(String::as_str).collect();
            let more = if dirty.len() > shown.len() {
                format!(" (+{} more)", dirty.len() - shown.len())
            } else {
                String::new()
            };
            lines.push(format!("- Uncommitted files: {}{more}", shown.join(", ")));
        }
        if let Some(why) = &r.now.unknown {
            lines.push(format!("- Uncommitted files: unknown ({why})."));
        }
        if !r.now.conflicted.is_empty() {
            lines.push(format!(
                "- Unresolved conflicts: {}",
                r.now.conflicted.join(", ")
            ));
        }
        if r.scan_skipped {
            lines.push(
                "- Uncommitted files: not scanned here (a large working tree); `session-hook resume` or `git status` lists them."
                    .to_string(),
            );
        }
    }
    if lines.is_empty() {
        return None;
    }
    let t = title(base, now);
    Some(format!("{t}{}", lines.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::*;
    use crate::git::WorkStatus;

    fn base() -> Baseline {
        Baseline {
            source: Source::Pause,
            commit: Some("a".repeat(40)),
            branch: Some("main".into()),
            detached: false,
            paused_at: clock::parse("2026-01-15T10:00:00Z"),
            dirty: WorkStatus::default(),
            blobs: Default::default(),
            upstream: None,
            notes: Vec::new(),
            elsewhere: None,
        }
    }

    fn report() -> Report {
        Report {
            base: base(),
            head: Head {
                branch: Some("feature".into()),
                commit: Some("b".repeat(40)),
                subject: Some("x".into()),
                detached: false,
            },
            operation: None,
            relation: Relation::Ahead,
            commits: vec![CommitLine {
                short: "bbbbbbb".into(),
                subject: "Fix it".into(),
                time: clock::parse("2026-01-15T11:00:00Z").unwrap(),
            }],
            commit_count: 60,
            count_capped: false,
            session_commits: 1,
            files: Some(vec![FileChange {
                status: 'R',
                path: "new.rs".into(),
                from: Some("old.rs".into()),
            }]),
            upstream: Some(Upstream {
                name: "origin/main".into(),
                ahead: 1,
                behind: 2,
            }),
            conflicts: vec![Conflict {
                path: "a.rs".into(),
                why: Why::Committed,
            }],
            missing: vec!["gone.rs".into()],
            scan_skipped: false,
            now: WorkStatus {
                modified: vec!["m.rs".into()],
                ..WorkStatus::default()
            },
            key_files: vec![("a.rs".into(), "changed in commits since")],
        }
    }

    #[test]
    fn long_report_names_everything() {
        let now = clock::parse("2026-01-15T12:00:00Z").unwrap();
        let r = report();
        let b = r.base.clone();
        let t = render_long(&Outcome::Ok(Box::new(r)), &b, now);
        for want in [
            "## Changes Since the Pause",
            "Compared with aaaaaaa on main, paused 2026-01-15T10:00Z (2 hours ago).",
            "**Branch switched**: main → feature",
            "**Upstream** origin/main: 1 ahead, 2 behind — diverged.",
            "### New Commits (60)",
            "- bbbbbbb Fix it (1 hour ago)",
            "- +59 more",
            "Not listed: 1 commit that only records session files.",
            "- R old.rs -> new.rs",
            "- a.rs: uncommitted at the pause, changed in commits since",
            "### Missing Since the Pause (1)\n- gone.rs",
            "- a.rs: changed in commits since",
            "Modified, not staged (1):\n- m.rs",
        ] {
            assert!(t.contains(want), "missing {want:?} in\n{t}");
        }
    }

    #[test]
    fn short_report_is_short_and_quiet_when_nothing_changed() {
        let now = clock::parse("2026-01-15T12:00:00Z").unwrap();
        let mut r = report();
        r.files = None;
        let b = r.base.clone();
        let t = render_short(&Outcome::Ok(Box::new(r)), &b, now).unwrap();
        assert!(
            t.contains("- 60 new commits:\n  - bbbbbbb Fix it\n  - … and 59 more"),
            "{t}"
        );
        assert!(!t.contains("R old.rs"));
        let mut quiet = report();
        quiet.head.branch = Some("main".into());
        quiet.relation = Relation::Same;
        quiet.commits.clear();
        quiet.commit_count = 0;
        quiet.upstream = None;
        quiet.conflicts.clear();
        quiet.missing.clear();
        quiet.now = WorkStatus::default();
        assert_eq!(render_short(&Outcome::Ok(Box::new(quiet)), &b, now), None);
        assert_eq!(render_short(&Outcome::NotGit, &b, now), None);
        assert!(render_long(&Outcome::NotGit, &b, now).contains("Not a git repository"));
    }
}
