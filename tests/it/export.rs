//! `export session-md`, checkpoint verification, `export handoff` and
//! `import handoff`.

use crate::fixture;

use fixture::{Fx, worked_session};

#[test]
fn session_md_has_every_section_and_a_dated_snapshot() {
    let fx = worked_session();
    let out = fx.ok_at("2026-01-16T11:30:00Z", &["export", "session-md"]);
    insta::assert_snapshot!("session_md_stdout", out);
    let md = fx.read("SESSION.md");
    insta::assert_snapshot!("session_md", md);
    let snap = fx.read(".sessions/snapshots/SESSION_SNAPSHOT_2026-01-16.md");
    assert_eq!(snap, md);
    // SESSION.md is our own output: it is not the user's uncommitted work.
    let again = fx.ok_at("2026-01-16T11:31:00Z", &["export", "session-md"]);
    assert!(
        again.contains("Checkpoint verified: git state matches"),
        "{again}"
    );
    assert!(
        fx.read("SESSION.md")
            .contains("- **Uncommitted Changes**: ?? alembic/\n")
    );
}

#[test]
fn session_md_out_path_and_no_phases() {
    let fx = Fx::plain("notes-app");
    fx.ok(&["init", "--goal", "Tidy the notes app"]);
    fx.ok(&["log", "--current", "Rename modules"]);
    std::fs::create_dir_all(fx.root.join("docs")).unwrap();
    let out = fx.ok(&["export", "session-md", "--out", "docs"]);
    assert!(out.contains("file:     docs/SESSION.md"), "{out}");
    assert!(
        out.contains("Checkpoint not verified: the project is not a git repository"),
        "{out}"
    );
    insta::assert_snapshot!("session_md_plain", fx.read("docs/SESSION.md"));
    assert!(!fx.root.join("SESSION.md").exists());
}

#[test]
fn verification_lists_each_difference() {
    let fx = worked_session();
    let v = fx.ok_at("2026-01-16T12:00:00Z", &["view", "--verify"]);
    assert!(
        v.ends_with("\nCheckpoint verified: git state matches\n"),
        "{v}"
    );
    // Commit the file that was uncommitted, add a new one, switch branch.
    fx.commit("WIP env.py", 60 * 26);
    fx.write("notes.txt", "x\n");
    let repo = fx.repo();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.branch("feature/migrations", &head, false).unwrap();
    repo.set_head("refs/heads/feature/migrations").unwrap();
    let v = fx.ok_at("2026-01-16T12:00:00Z", &["view", "--verify"]);
    let tail = &v[v.rfind("\nCheckpoint").unwrap() + 1..];
    insta::assert_snapshot!("verification_differences", tail);
    let j: serde_json::Value =
        serde_json::from_str(&fx.ok(&["view", "--json", "--verify"])).unwrap();
    assert_eq!(j["verification"]["outcome"], "checked");
    assert_eq!(
        j["verification"]["differences"].as_array().unwrap().len(),
        4
    );
    // A new checkpoint records the new state, which then verifies.
    fx.ok_at("2026-01-16T12:10:00Z", &["checkpoint"]);
    let v = fx.ok_at("2026-01-16T12:11:00Z", &["view", "--verify"]);
    assert!(
        v.ends_with("\nCheckpoint verified: git state matches\n"),
        "{v}"
    );
}

#[test]
fn checkpoint_records_the_uncommitted_files() {
    let fx = worked_session();
    let id = fx.session_id("fastapi-inventory");
    let dir = fx.root.join(".sessions/journal").join(&id).join("entries");
    let mut cps: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("-checkpoint-"))
        .collect();
    cps.sort();
    let last = std::fs::read_to_string(cps.last().unwrap()).unwrap();
    assert!(last.contains("branch: main\n"), "{last}");
    assert!(
        // An untracked folder is one entry, as `git status` lists it.
        last.contains("uncommitted: \"[\\\"alembic/\\\"]\"\n"),
        "{last}"
    );
}

#[test]
fn handoff_is_self_contained() {
    let fx = worked_session();
    let out = fx.ok_at("2026-01-16T12:00:00Z", &["export", "handoff"]);
    insta::assert_snapshot!("handoff_stdout", out);
    let brief = fx.read(".sessions/handoffs/fastapi-inventory-20260116T120000Z.md");
    insta::assert_snapshot!("handoff_brief", fx.scrub(&brief));
    let printed = fx.ok_at("2026-01-16T12:00:00Z", &["export", "handoff", "--out", "-"]);
    assert_eq!(printed, brief);
}

fn view(fx: &Fx, name: &str) -> serde_json::Value {
    serde_json::from_str(&fx.ok(&["view", name, "--json"])).unwrap()
}

#[test]
fn handoff_round_trip() {
    let fx = worked_session();
    fx.ok_at(
        "2026-01-16T12:00:00Z",
        &["export", "handoff", "--out", "brief.md"],
    );
    // Another clone: a teammate who has only the brief.
    let other = Fx::git("teammate");
    std::fs::copy(fx.root.join("brief.md"), other.root.join("brief.md")).unwrap();
    let out = other.ok_at("2026-01-17T09:00:00Z", &["import", "handoff", "brief.md"]);
    insta::assert_snapshot!("import_stdout", other.scrub(&out));
    let a = view(&fx, "fastapi-inventory");
    let b = view(&other, "fastapi-inventory");
    for k in [
        "tldr",
        "decisions",
        "discoveries",
        "next_steps",
        "title",
        "objective",
    ] {
        assert_eq!(a[k], b[k], "{k} differs");
    }
    let open = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["blockers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["open"] == true)
            .cloned()
            .collect()
    };
    assert_eq!(open(&a), open(&b));
    assert_eq!(a["progress"], b["progress"]);
    let text = other.session_text("fastapi-inventory");
    insta::assert_snapshot!("imported_session", other.scrub(&text));
    // Importing again in the same store does not clash.
    let out = other.ok_at("2026-01-17T09:05:00Z", &["import", "handoff", "brief.md"]);
    assert!(
        out.contains("Session imported: fastapi-inventory-2"),
        "{out}"
    );
}

#[test]
fn import_rejects_what_is_not_a_brief() {
    let fx = Fx::plain("p");
    fx.write("x.md", "just some text\n");
    let err = fx.err(&["import", "handoff", "x.md"]);
    assert!(err.contains("x.md is not a hand-off brief"), "{err}");
    assert!(
        err.contains("hint: write one with `session-hook export handoff`"),
        "{err}"
    );
}
