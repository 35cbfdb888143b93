//! Commands take plain words as people type them after a slash command,
//! and `slash` (what the /session-* commands run) never fails its host.

use crate::common::Project;

fn slash(p: &Project, args: &[&str], typed: &str) -> (i32, String) {
    let o = p
        .cmd()
        .arg("slash")
        .args(args)
        .write_stdin(typed.as_bytes().to_vec())
        .output()
        .unwrap();
    let mut all = String::from_utf8_lossy(&o.stdout).into_owned();
    all.push_str(&String::from_utf8_lossy(&o.stderr));
    (o.status.code().unwrap_or(-1), all)
}

#[test]
fn init_log_and_close_in_plain_words() {
    let p = Project::git();
    let (code, out) = slash(&p, &["init"], "Build the CSV exporter\n");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Session started: build-the-csv-exporter"),
        "{out}"
    );
    assert!(p.active_text().contains("Build the CSV exporter"));

    // An apostrophe and quotes are words, not shell syntax.
    let (code, out) = slash(&p, &["log"], "the header row isn't \"quoted\" yet\n");
    assert_eq!(code, 0);
    assert!(out.contains("Progress noted"), "{out}");
    assert!(
        p.active_text()
            .contains("the header row isn't \"quoted\" yet"),
        "{}",
        p.active_text()
    );
    for (typed, shows) in [
        ("decision: quote every field", "Decision 1 recorded"),
        ("Blocker: no sample file from finance", "Blocker 1 recorded"),
        ("next: stream rows instead of buffering", "Next step added"),
        ("done: stream rows instead of buffering", "Step marked done"),
        ("discovery: Excel wants a BOM", "Discovery 1 recorded"),
    ] {
        let (code, out) = slash(&p, &["log"], typed);
        assert_eq!(code, 0);
        assert!(out.contains(shows), "{typed}: {out}");
    }
    let text = p.active_text();
    assert!(text.contains("quote every field") && text.contains("Excel wants a BOM"));

    // Flags still work, quoted as in a shell.
    let (code, out) = slash(
        &p,
        &["log"],
        "--decision \"Use the csv crate\" --rationale \"it handles quoting\"",
    );
    assert_eq!(code, 0);
    assert!(out.contains("Decision 2 recorded"), "{out}");
    assert!(p.active_text().contains("it handles quoting"));

    // A mistake: the error and its hint are printed, the exit status is 0,
    // and nothing changes.
    let before = p.active_text();
    let (code, out) = slash(&p, &["log"], "--decison \"typo\"");
    assert_eq!(code, 0);
    assert!(
        out.contains("unexpected argument '--decison'") && out.contains("--decision"),
        "{out}"
    );
    assert_eq!(p.active_text(), before);

    // A bare close asks how; plain words answer.
    let (code, out) = slash(&p, &["close"], "\n");
    assert_eq!(code, 0);
    assert!(
        out.contains("close build-the-csv-exporter as complete or as abandoned?")
            && out.contains("hint:"),
        "{out}"
    );
    let (code, out) = slash(&p, &["close"], "complete");
    assert_eq!(code, 0);
    assert!(
        out.contains("Session completed: build-the-csv-exporter"),
        "{out}"
    );
}

#[test]
fn log_takes_a_session_name_first() {
    let p = Project::git();
    p.ok(&["init", "--name", "alpha", "--goal", "Alpha work"]);
    p.ok(&["init", "--name", "beta", "--goal", "Beta work"]);
    p.ok(&["log", "alpha", "decision:", "keep", "the", "old", "API"]);
    p.ok(&["log", "alpha", "--discovery", "the old API is fine"]);
    let text = p.session_text("alpha");
    assert!(text.contains("keep the old API") && text.contains("the old API is fine"));
    // A first word that names no session is part of the note.
    let out = p.ok(&["log", "beta-ish", "soup"]);
    assert!(out.contains("Progress noted in alpha"), "{out}");
    let out = p.ok(&["log", "beta", "soup"]);
    assert!(out.contains("Progress noted in beta"), "{out}");
}

#[test]
fn a_mistyped_name_gets_a_did_you_mean() {
    let p = Project::git();
    p.ok(&["init", "--name", "csv-export", "--goal", "CSV"]);
    let o = p.run(&["view", "csv-exprot"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("did you mean \"csv-export\"?"), "{err}");
    let o = p.run(&["log", "--session", "csv-exprot", "--progress", "x"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean"));
}

#[test]
fn from_phases_takes_the_goal_from_the_plans_title() {
    let p = Project::git();
    p.write(
        "PLAN.md",
        "# Implementation Phases: Offline sync for the mobile app\n\n## Phase 1: Storage (Small)\n- [ ] Pick a store\n",
    );
    let out = p.ok(&["init", "--from-phases", "PLAN.md"]);
    assert!(out.contains("offline-sync-for-the-mobile-app"), "{out}");
    assert!(
        p.active_text()
            .contains("**Objective**: Offline sync for the mobile app"),
        "{}",
        p.active_text()
    );
}

/// Two sessions, `beta` the newer: a name must pick `alpha`.
fn two_sessions() -> Project {
    let p = Project::git();
    p.ok(&["init", "--name", "alpha", "--goal", "Alpha work"]);
    p.ok(&["init", "--name", "beta", "--goal", "Beta work"]);
    p
}

#[test]
fn every_command_on_a_session_takes_its_name_first_or_as_session() {
    // (the command line before the name, after it, and what the output
    // says when it acted on alpha)
    let cases: [(&[&str], &[&str], &str); 10] = [
        (&["log"], &["a", "note"], "Progress noted in alpha"),
        (
            &["checkpoint"],
            &["--tldr", "T"],
            "Checkpoint saved for alpha",
        ),
        (&["view"], &[], "# Session: Alpha work"),
        (&["resume-log"], &[], "Session: Alpha work (`alpha`"),
        (
            &["export", "session-md"],
            &[],
            "SESSION.md written for alpha",
        ),
        (&["export", "handoff"], &[], "Hand-off written for alpha"),
        (
            &["bundle"],
            &["--kind", "plan"],
            "Bundle written: .sessions/bundles/alpha/",
        ),
        (&["report", "html"], &[], "Report for alpha written"),
        (&["pause"], &["-s", "halfway"], "Session paused: alpha"),
        (&["resume"], &[], "# Resuming Session: alpha"),
    ];
    for named in ["positional", "--session"] {
        let p = two_sessions();
        for (before, after, says) in cases {
            let mut args: Vec<&str> = before.to_vec();
            match named {
                "positional" => args.push("alpha"),
                _ => args.splice(0..0, ["--session", "alpha"]).for_each(drop),
            }
            args.extend(after);
            let out = p.ok(&args);
            assert!(out.contains(says), "{args:?}: {out}");
            assert!(!out.contains("beta"), "{args:?} acted on beta: {out}");
        }
        let out = match named {
            "positional" => p.ok(&["close", "alpha", "complete"]),
            _ => p.ok(&["--session", "alpha", "close", "complete"]),
        };
        assert!(out.contains("Session completed: alpha"), "{out}");
        assert!(p.session_text("beta").contains("status: active"));
        assert!(!p.session_text("beta").contains("a note"));
    }
}

#[test]
fn list_before_init_and_on_an_empty_store_prints_nothing() {
    let p = Project::git();
    for args in [&["list"][..], &["list", "--all"], &["view", "list"]] {
        let o = p.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(
            o.stdout.is_empty() && o.stderr.is_empty(),
            "{args:?}: {o:?}"
        );
    }
    assert_eq!(p.ok(&["list", "--json"]).trim(), "[]");
    assert!(!p.path().join(".sessions").exists(), "list starts no store");
    // Only closed sessions: nothing open to list.
    p.ok(&["init", "Short", "lived"]);
    p.ok(&["close", "complete"]);
    let o = p.run(&["list"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(p.ok(&["list", "--all"]).contains("complete"));
}

#[test]
fn list_and_resume_list_show_times_the_same_way() {
    let p = Project::git();
    p.ok_at(
        Some("2026-01-15T08:00:00Z"),
        &["init", "--name", "alpha", "--goal", "A"],
    );
    p.ok_at(Some("2026-01-15T08:00:00Z"), &["pause", "-s", "later"]);
    let list = p.ok_at(Some("2026-01-15T10:00:00Z"), &["list"]);
    let resume = p.ok_at(Some("2026-01-15T10:00:00Z"), &["resume", "--list"]);
    let when = "2026-01-15T08:00Z (2 hours ago)";
    assert!(list.contains(when), "{list}");
    assert!(resume.contains(&format!("paused {when}")), "{resume}");
    for out in [&list, &resume] {
        assert!(
            !out.contains("08:00:00Z"),
            "an ISO stamp in one, words in the other: {out}"
        );
    }
}

#[test]
fn reports_and_exports_stay_under_sessions() {
    let p = Project::git();
    p.write("README.md", "hello\n");
    let repo = p.repo();
    p.commit_all(&repo, "first");
    p.ok(&["init", "--name", "alpha", "--goal", "Alpha work"]);
    p.ok(&["log", "--progress", "something"]);
    let root = |p: &Project| {
        let mut v: Vec<String> = std::fs::read_dir(p.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = root(&p);
    for args in [
        &["export", "session-md"][..],
        &["export", "handoff"],
        &["report", "timeline"],
        &["report", "daily"],
        &["report", "html"],
        &["resume-log"],
        &["bundle", "--kind", "plan"],
        &["checkpoint"],
    ] {
        p.ok(args);
        assert_eq!(root(&p), before, "{args:?} wrote into the project root");
    }
    let status = std::process::Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=all"])
        .current_dir(p.path())
        .output()
        .unwrap();
    assert!(
        status.stdout.is_empty(),
        "nothing shows up as uncommitted: {}",
        String::from_utf8_lossy(&status.stdout)
    );
    for f in [
        ".sessions/SESSION.md",
        ".sessions/reports/PROJECT_TIMELINE.md",
        ".sessions/reports/daily-report-2026-01-15.md",
    ] {
        assert!(p.path().join(f).is_file(), "{f}");
    }
    // A path given is honoured; one in a missing folder is refused plainly.
    p.ok(&["report", "html", "--out", "report.html"]);
    assert!(p.path().join("report.html").is_file());
    let o = p.run(&["report", "html", "--out", "out/report.html"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cannot write out/report.html: the folder")
            && err.contains("does not exist")
            && err.contains("hint: create the folder first"),
        "{err}"
    );
}

#[test]
fn checkpoint_takes_a_name_and_a_note_in_plain_words() {
    let p = two_sessions();
    let out = p.ok(&["checkpoint", "alpha", "before", "lunch"]);
    assert!(out.contains("Checkpoint saved for alpha"), "{out}");
    let out = p.ok(&["checkpoint", "after lunch"]);
    assert!(out.contains("Checkpoint saved for beta"), "{out}");
    let journal: String = p
        .journal_entries()
        .iter()
        .map(|e| std::fs::read_to_string(e).unwrap())
        .collect();
    assert!(journal.contains("before lunch") && journal.contains("after lunch"));
    // A mistyped name alone is a mistyped name, not a one-word note.
    let o = p.run(&["checkpoint", "alpah"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean \"alpha\"?"));
    let o = p.run(&["checkpoint", "a", "note", "--note", "another"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("a note given twice"));
}
