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
