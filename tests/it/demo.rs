//! `demo` plays the whole story to the end, and what it shows is what the
//! real hooks print.

use crate::common;

use common::Project;

fn demo(args: &[&str]) -> String {
    let p = Project::plain();
    let o = p
        .cmd()
        // The story pins nothing; it must work with the real clock.
        .env_remove("SESSION_HOOK_NOW")
        .env("CLAUDE_CODE_SESSION_ID", "not-the-demos-own")
        .arg("demo")
        .args(args)
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        o.status.success(),
        "demo failed:\n{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// The text between two step headings.
fn step<'a>(out: &'a str, title: &str) -> &'a str {
    let start = out
        .find(&format!(". {title} =="))
        .unwrap_or_else(|| panic!("no step {title:?} in:\n{out}"));
    let rest = &out[start..];
    let end = rest[1..].find("\n== ").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn demo_plays_the_story_to_the_end() {
    let out = demo(&[]);
    let titles: Vec<&str> = out.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(titles.len(), 13, "{titles:#?}");

    // Nothing is injected before a session exists.
    assert!(step(&out, "Claude Code starts").contains("Claude receives nothing"));
    // The session is bound to the conversation that started it.
    assert!(step(&out, "/session-init").contains("bound to Claude session 5e551011"));

    let work = step(&out, "Work, logged as it goes");
    assert!(
        work.contains("(hook log: ok,") && work.contains("Edit src/sweeper.rs)"),
        "{work}"
    );
    assert!(
        work.contains("- [ ] Add a regression test ^s3  <- CURRENT"),
        "todo sync moved the current step: {work}"
    );
    assert!(
        work.contains(
            "Status bar: sweeper-race 2/3 · Add a regression test · ctx 48% · 0 compactions"
        ),
        "{work}"
    );

    let compaction = step(&out, "The context fills up and is compacted");
    assert!(
        compaction.contains("Added to the compaction summariser's instructions"),
        "{compaction}"
    );
    assert!(
        compaction.contains("Current step: Add a regression test"),
        "{compaction}"
    );
    let after = compaction
        .split("SessionStart (source: compact)")
        .nth(1)
        .unwrap();
    assert!(
        after.contains("as SessionStart additional context"),
        "{after}"
    );
    assert!(after.contains("1 compaction(s)"), "{after}");
    // The summary's closing `Session TL;DR:` line became the TL;DR.
    assert!(
        after.contains(
            "## TL;DR (written just now)\n    │ The sweeper takes its lock before the state check"
        ),
        "the TL;DR from the compaction summary: {after}"
    );

    let cont = step(&out, "\"continue\"");
    let (ordinary, carry_on) = cont.split_once("UserPromptSubmit (\"continue\")").unwrap();
    assert!(ordinary.contains("Claude receives nothing"), "{ordinary}");
    assert!(
        carry_on.contains("as UserPromptSubmit additional context"),
        "{carry_on}"
    );
    assert!(carry_on.contains("1 compaction"), "{carry_on}");

    let pause = step(&out, "/session-pause");
    assert!(pause.contains("Session paused: sweeper-race"), "{pause}");
    assert!(
        pause.contains(" on refs/sessions/"),
        "the snapshot commit: {pause}"
    );

    let overnight = step(&out, "Overnight");
    assert!(
        overnight.contains("the newest paused one is \"sweeper-race\"")
            && overnight.contains("/session-resume sweeper-race"),
        "{overnight}"
    );

    let resume = step(&out, "/session-resume");
    assert!(resume.contains("### New Commits (2)"), "{resume}");
    assert!(resume.contains("Document the stress test"), "{resume}");
    assert!(resume.contains("A tests/sweeper.rs"), "{resume}");
    assert!(
        resume.contains("Write a test that runs two sweepers at once"),
        "next step from the pause: {resume}"
    );
    assert!(resume.contains("Checkpoint"), "{resume}");

    let close = step(&out, "/session-close");
    assert!(close.contains("progress: 4/5 steps"), "{close}");
    assert!(close.contains("complete   sweeper-race"), "{close}");

    // The story ends with the report, which outlives the project.
    let report = step(&out, "The report");
    assert!(
        report.contains("Report for sweeper-race written to "),
        "{report}"
    );
    let last = out.lines().last().unwrap();
    let page = last
        .strip_prefix("The report: ")
        .unwrap_or_else(|| panic!("the demo ends with the report's path: {last}"));
    let html = std::fs::read_to_string(page).unwrap();
    std::fs::remove_file(page).unwrap();
    // Both conversations are charted: the first with its compaction and
    // the resume context the compaction hook and "continue" put back, the
    // second with the `session-hook resume` that took the session up.
    assert_eq!(html.matches("<svg class=\"chart context\"").count(), 2);
    assert!(html.contains("158k→11k"), "the compaction is marked");
    assert_eq!(
        html.matches("Resume context injected").count(),
        3,
        "compaction, \"continue\" and /session-resume"
    );
    assert!(html.contains("Take the lock before reading the state"));

    // The throw-away project is gone.
    let done = out.lines().rev().nth(1).unwrap();
    let path = done
        .strip_prefix("Done; ")
        .and_then(|l| l.split(" was removed").next())
        .unwrap_or_else(|| panic!("{done}"));
    assert!(path.contains("session-hook-demo-"));
    assert!(!std::path::Path::new(path).exists());
}

#[test]
fn demo_keep_leaves_the_project_to_look_at() {
    let out = demo(&["--keep"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("The project is kept at "))
        .expect("kept");
    let path = line
        .trim_start_matches("The project is kept at ")
        .split(" (look")
        .next()
        .unwrap();
    let dir = std::path::Path::new(path);
    let archived: Vec<_> = std::fs::read_dir(dir.join(".sessions/archive"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(archived.len(), 1);
    assert!(dir.join(".claude/settings.local.json").is_file());
    // The report stays in the kept project.
    let page = out
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("The report: "))
        .expect("the report's path");
    assert!(page.starts_with(path) && page.contains("/.sessions/reports/sweeper-race-"));
    assert!(std::path::Path::new(page).is_file());
    let home = line
        .split("its transcripts at ")
        .nth(1)
        .unwrap()
        .trim_end_matches('.');
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(home).unwrap();
}
