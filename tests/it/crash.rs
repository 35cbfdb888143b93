//! `kill -9` at random moments while commands and hooks write: the document
//! always parses, no lock is left behind, and the next write succeeds.

use crate::common;

use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::Project;

/// A cheap pseudo-random delay source (no extra crates needed).
fn jitter(round: u64, max_ms: u64) -> Duration {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let x =
        (nanos ^ round.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(6364136223846793005) >> 33;
    Duration::from_micros(x % (max_ms * 1000))
}

#[test]
fn forty_rounds_of_kill_9_never_tear_the_document() {
    let p = Project::git();
    p.ok(&["init", "--name", "crashy", "--goal", "Survive kill -9"]);
    // Make the document big enough that a write takes a moment.
    for i in 0..30 {
        p.ok(&[
            "log",
            "--discovery",
            &format!("{i} {}", "padding words ".repeat(200)),
        ]);
    }
    for round in 0..40u64 {
        let mut children = Vec::new();
        for k in 0..3 {
            children.push(
                Command::new(common::bin())
                    .current_dir(p.path())
                    .env_remove("CLAUDE_PROJECT_DIR")
                    .env_remove("CLAUDE_CODE_SESSION_ID")
                    .args(["log", "--decision", &format!("round {round} writer {k}")])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap(),
            );
        }
        std::thread::sleep(jitter(round, 12));
        for c in &mut children {
            let _ = c.kill();
        }
        for mut c in children {
            let _ = c.wait();
        }
        // The document parses (view --json reads it fully) ...
        let o = p.run(&["view", "--json"]);
        assert!(
            o.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // ... and the next write goes through: no lock was left held.
        p.ok(&["log", "--progress", &format!("after round {round}")]);
    }
    let t = p.active_text();
    for round in 0..40 {
        assert!(
            t.contains(&format!("after round {round}\n")),
            "write after round {round} lost"
        );
    }
}

/// 40 `log` processes, 40 PostToolUse hooks and 10 SessionStart hooks at
/// once: every entry lands, the document parses, no temp file is left.
#[test]
fn ninety_concurrent_writers_lose_nothing() {
    let p = Project::git();
    p.ok(&["init", "--name", "stress", "--goal", "Take the load"]);
    let spawn = |args: Vec<String>, stdin: Option<String>| {
        let mut c = Command::new(common::bin());
        c.current_dir(p.path())
            .env_remove("CLAUDE_PROJECT_DIR")
            .env_remove("CLAUDE_CODE_SESSION_ID")
            .args(args)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        if let Some(s) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        child
    };
    let mut children = Vec::new();
    for i in 0..40 {
        children.push(spawn(
            vec![
                "log".into(),
                "--discovery".into(),
                format!("concurrent finding {i}"),
            ],
            None,
        ));
        let edit = common::payload(
            p.path(),
            "PostToolUse",
            serde_json::json!({"tool_name": "Edit", "tool_input": {"file_path": p.path().join(format!("src/file{i}.rs")).display().to_string()}}),
        );
        children.push(spawn(vec!["hook".into()], Some(edit)));
        if i % 4 == 0 {
            let start = common::payload(
                p.path(),
                "SessionStart",
                serde_json::json!({"source": "startup"}),
            );
            children.push(spawn(vec!["hook".into()], Some(start)));
        }
    }
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // One more writer applies anything that was spooled while busy.
    p.ok(&["log", "--progress", "settle"]);
    let t = p.active_text();
    for i in 0..40 {
        assert!(
            t.contains(&format!(") concurrent finding {i}\n")),
            "log entry {i} lost"
        );
        assert!(
            t.contains(&format!("- `src/file{i}.rs`\n")),
            "edit {i} lost:\n{t}"
        );
    }
    let o = p.run(&["view", "--json"]);
    assert!(o.status.success());
    let active = p.path().join(".sessions/active");
    let temps: Vec<_> = std::fs::read_dir(&active)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "temp files left: {temps:?}");
    let pending = p.path().join(".sessions/.local/pending");
    assert!(!pending.exists() || std::fs::read_dir(&pending).unwrap().count() == 0);
}
