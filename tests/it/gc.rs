//! `gc`: idle paused sessions archived, resume logs, bundles and snapshots
//! pruned to the retention, old journal entries rolled up, active sessions
//! untouched, and `--dry-run` changing nothing.

use crate::fixture;

use std::path::Path;

use fixture::Fx;

const NOW: &str = "2026-03-01T12:00:00Z";

/// Make a session paused at `at`, the way `pause` leaves it.
fn mark_paused(fx: &Fx, short: &str, at: &str) {
    let p = fx.session_file(short);
    let t = std::fs::read_to_string(&p).unwrap();
    let t = t
        .replacen("status: active\n", "status: paused\n", 1)
        .replacen("paused_at: null\n", &format!("paused_at: {at}\n"), 1);
    let t = regex::Regex::new(r"updated_at: .*\n")
        .unwrap()
        .replace(&t, format!("updated_at: {at}\n").as_str())
        .into_owned();
    std::fs::write(p, t).unwrap();
}

fn touch(fx: &Fx, rel: &str, text: &str) {
    fx.write(rel, text);
    // Distinct modification times, in the order files are written.
    std::thread::sleep(std::time::Duration::from_millis(15));
}

/// Four sessions (active, long-paused, recently paused, closed) with old
/// journal entries, resume logs, bundles and snapshots beyond the
/// retention in config.
fn store() -> Fx {
    let fx = Fx::plain("shop");
    fx.ok_at(
        "2026-01-01T09:00:00Z",
        &["init", "--goal", "Working on it", "--name", "working"],
    );
    fx.ok_at(
        "2026-01-01T09:30:00Z",
        &[
            "log",
            "--decision",
            "Keep the old API",
            "--session",
            "working",
        ],
    );
    fx.ok_at(
        "2026-01-01T10:00:00Z",
        &["init", "--goal", "Old pause", "--name", "old-pause"],
    );
    fx.ok_at(
        "2026-01-02T10:00:00Z",
        &[
            "log",
            "--discovery",
            "Cache is cold",
            "--session",
            "old-pause",
        ],
    );
    mark_paused(&fx, "old-pause", "2026-01-02T11:00:00Z");
    fx.ok_at(
        "2026-02-20T10:00:00Z",
        &["init", "--goal", "Recent pause", "--name", "recent-pause"],
    );
    mark_paused(&fx, "recent-pause", "2026-02-25T10:00:00Z");
    fx.ok_at(
        "2026-01-03T10:00:00Z",
        &["init", "--goal", "Done already", "--name", "done"],
    );
    fx.ok_at(
        "2026-01-04T10:00:00Z",
        &["log", "--progress", "Shipped", "--session", "done"],
    );
    fx.ok_at("2026-01-05T10:00:00Z", &["close", "done", "--complete"]);
    fx.write(
        ".sessions/config.yaml",
        "retention:\n  resume_logs: 2\n  bundles: 1\n  snapshots: 2\n  journal_days: 30\n",
    );
    for (short, day) in [
        ("done", 3),
        ("old-pause", 4),
        ("done", 5),
        ("working", 1),
        ("working", 2),
        ("working", 6),
    ] {
        for ext in ["md", "json"] {
            fx.write(
                &format!(".sessions/resume-logs/{short}-202601{day:02}T100000Z.{ext}"),
                "log\n",
            );
        }
    }
    touch(
        &fx,
        ".sessions/bundles/old-pause/plan.md",
        "# Plan Bundle: x\n",
    );
    touch(
        &fx,
        ".sessions/bundles/done/progress.md",
        "# Progress Bundle: x\n",
    );
    touch(
        &fx,
        ".sessions/bundles/done/context.md",
        "# Context Bundle: x\n",
    );
    touch(
        &fx,
        ".sessions/bundles/working/plan.md",
        "# Plan Bundle: x\n",
    );
    for d in ["2026-01-10", "2026-01-20", "2026-02-01", "2026-02-10"] {
        fx.write(
            &format!(".sessions/snapshots/SESSION_SNAPSHOT_{d}.md"),
            "# SESSION\n",
        );
    }
    fx
}

/// The store's files (ids scrubbed, journal entries counted).
fn tree(fx: &Fx) -> String {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        v.sort();
        for p in v {
            let rel = p.strip_prefix(base).unwrap().display().to_string();
            if rel.starts_with(".local") {
                continue;
            }
            if p.is_dir() {
                if p.ends_with("entries") {
                    let n = std::fs::read_dir(&p).unwrap().count();
                    out.push(format!("{rel}/ ({n} entries)"));
                } else {
                    walk(&p, base, out);
                }
            } else {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    let base = fx.root.join(".sessions");
    walk(&base, &base, &mut out);
    let mut lines: Vec<String> = out.iter().map(|l| fx.scrub(l)).collect();
    lines.sort();
    lines.join("\n")
}

#[test]
fn dry_run_changes_nothing() {
    let fx = store();
    let before = tree(&fx);
    let working = fx.session_text("working");
    let out = fx.ok_at(NOW, &["gc", "--dry-run"]);
    insta::assert_snapshot!("gc_dry_run", fx.scrub(&out));
    assert_eq!(tree(&fx), before);
    assert_eq!(fx.session_text("working"), working);
}

#[test]
fn gc_archives_prunes_and_rolls_up() {
    let fx = store();
    let journal_dir = |id: &str| fx.root.join(".sessions/journal").join(id);
    let working = fx.session_text("working");
    let done_id = fx.session_id("done");
    let working_id = fx.session_id("working");
    let done_before = journal_words(&journal_dir(&done_id));
    assert!(!done_before.is_empty(), "the closed session has a journal");
    let working_entries = std::fs::read_dir(journal_dir(&working_id).join("entries"))
        .unwrap()
        .count();

    let out = fx.ok_at(NOW, &["gc"]);
    insta::assert_snapshot!("gc_run", fx.scrub(&out));
    insta::assert_snapshot!("gc_tree_after", tree(&fx));

    // The active session is untouched: file, journal, bundles, logs.
    assert_eq!(fx.session_text("working"), working);
    assert_eq!(
        std::fs::read_dir(journal_dir(&working_id).join("entries"))
            .unwrap()
            .count(),
        working_entries
    );
    assert!(fx.root.join(".sessions/bundles/working/plan.md").exists());
    assert!(
        fx.root
            .join(".sessions/resume-logs/working-20260101T100000Z.md")
            .exists()
    );

    // The long-paused session is archived as abandoned, with the reason.
    let old = fx.session_text("old-pause");
    assert!(
        fx.session_file("old-pause")
            .starts_with(fx.root.join(".sessions/archive"))
    );
    assert!(old.contains("status: abandoned\n"), "{old}");
    assert!(
        old.contains("close_reason: idle for 58 days while paused (archived by gc)\n"),
        "{old}"
    );
    assert!(old.contains("closed_at: 2026-03-01T12:00:00Z\n"), "{old}");
    // The recently paused one stays as it was.
    assert!(fx.session_text("recent-pause").contains("status: paused\n"));

    // The closed session's journal reads the same from its roll-up.
    let done_after = journal_words(&journal_dir(&done_id));
    assert_eq!(done_before, done_after);
    let rollup = fx.read(&format!(".sessions/journal/{done_id}/rollup.md"));
    insta::assert_snapshot!("gc_rollup", fx.scrub(&rollup));

    // A second run finds nothing more to do but the new close entry's
    // roll-up, which is recent.
    let again = fx.ok_at(NOW, &["gc"]);
    assert!(again.ends_with("Nothing to do.\n"), "{again}");
}

#[test]
fn older_than_overrides_the_config_and_is_checked() {
    let fx = store();
    let out = fx.ok_at(NOW, &["gc", "--older-than", "3d", "--dry-run"]);
    assert!(
        out.contains("archive   recent-pause (paused, idle 4 days since 2026-02-25T10:00:00Z)"),
        "{out}"
    );
    assert!(out.contains("archive   old-pause"), "{out}");
    let out = fx.ok_at(NOW, &["gc", "--older-than", "90d", "--dry-run"]);
    assert!(!out.contains("archive "), "{out}");
    let o = fx.run_at(NOW, &["gc", "--older-than", "soon"]);
    assert!(!o.status.success());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("--older-than \"soon\" is not an age"), "{err}");
    assert!(
        err.contains("hint: use a number of days, hours or weeks"),
        "{err}"
    );
}

/// A large document's previous version is parked for reuse while the
/// session is active (Linux, where it is reused); closing uses it up, and
/// gc removes one whose document is gone.
#[cfg(target_os = "linux")]
/// Leftovers are swept by gc: temp files of writers that were killed, in
/// any folder of the store (once old enough that no live writer owns
/// them), and the parked copies older versions kept in `.local/spare/`.
#[test]
fn gc_removes_leftover_temp_files_and_old_spares() {
    let fx = Fx::plain("left");
    fx.ok_at(
        "2026-02-01T09:00:00Z",
        &["init", "--goal", "Leftovers", "--name", "left"],
    );
    let id = fx.session_id("left");
    let store = fx.root.join(".sessions");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let mut planted = Vec::new();
    for rel in [
        "active/.tmp-aaaa.partial".to_string(),
        format!("journal/{id}/entries/.tmp-bbbb.partial"),
        ".local/claude/.tmp-cccc.partial".to_string(),
        ".local/spare/left.md".to_string(),
    ] {
        let p = store.join(&rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "half").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(old)
            .unwrap();
        planted.push((rel, p));
    }
    // A young temp file may belong to a live writer: it stays.
    let young = store.join("resume-logs/.tmp-dddd.partial");
    std::fs::create_dir_all(young.parent().unwrap()).unwrap();
    std::fs::write(&young, "writing").unwrap();
    let before = fx.session_text("left");
    let out = fx.ok_at("2026-02-02T10:00:00Z", &["gc"]);
    for (rel, p) in &planted {
        // The store lock sweeps the document folders already; gc names
        // what it removes itself.
        if rel.starts_with(".local/") {
            assert!(
                out.contains(&format!(
                    "remove    .sessions/{rel} (left over from an interrupted or older write)"
                )),
                "{out}"
            );
        }
        assert!(!p.exists(), "{rel} survived gc");
    }
    assert!(young.exists(), "a live writer's temp file was removed");
    assert_eq!(fx.session_text("left"), before);
}

/// A session's journal as (kind, time, text) per entry, oldest first: the
/// rolled-up ones (`rollup.md`, entries separated by a marker) and then the
/// entry files, read the way a person would.
fn journal_words(dir: &std::path::Path) -> Vec<(String, String, String)> {
    let entry = |t: &str| -> Option<(String, String, String)> {
        let rest = t.trim_start_matches('\n').strip_prefix("---\n")?;
        let (head, text) = rest.split_once("\n---\n")?;
        let field = |k: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(k))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        Some((field("kind: "), field("at: "), text.trim_end().to_string()))
    };
    let mut out = Vec::new();
    if let Ok(t) = std::fs::read_to_string(dir.join("rollup.md")) {
        out.extend(t.split("\n<!-- entry -->\n").filter_map(entry));
    }
    let mut files: Vec<_> = std::fs::read_dir(dir.join("entries"))
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        out.extend(entry(&std::fs::read_to_string(f).unwrap()));
    }
    out
}
