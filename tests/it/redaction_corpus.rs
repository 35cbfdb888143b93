//! The redaction corpus (tests/fixtures/redaction/corpus.txt: realistic
//! secrets and look-alikes) through every place we write: `log` from the
//! command line, hook payloads into the journal and the document, the hook
//! log, resume logs and spooled payloads. Recall must be at least 95 % and
//! no look-alike may be changed.

use crate::common;

use std::fs;
use std::path::Path;

use common::{Project, payload};
use serde_json::json;

/// (secret cases as (input, secret), look-alikes).
fn corpus() -> (Vec<(String, String)>, Vec<String>) {
    let text = common::repo_file("tests/fixtures/redaction/corpus.txt");
    let (mut secrets, mut looks) = (Vec::new(), Vec::new());
    for line in text.lines() {
        // The middle dot keeps the file itself clear of secret scanners.
        let line = line.replace("\\n", "\n").replace('·', "");
        if let Some(s) = line.strip_prefix("S ") {
            let (a, b) = (s.find('⟦').unwrap(), s.find('⟧').unwrap());
            let secret = s[a + '⟦'.len_utf8()..b].to_string();
            secrets.push((s.replace(['⟦', '⟧'], ""), secret));
        } else if let Some(l) = line.strip_prefix("L ") {
            looks.push(l.to_string());
        }
    }
    (secrets, looks)
}

/// Every file under `dir`, as text (lossy).
fn all_text(dir: &Path) -> String {
    let mut out = String::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != "lock") {
                out.push_str(&String::from_utf8_lossy(&fs::read(&p).unwrap_or_default()));
                out.push('\n');
            }
        }
    }
    out
}

fn hook(p: &Project, event: &str, extra: serde_json::Value) {
    let (code, _) = p.hook(&payload(p.path(), event, extra));
    assert_eq!(code, 0);
}

/// Feed one text through every writer, in a fresh project.
fn write_everywhere(text: &str) -> Project {
    let p = Project::git();
    p.ok(&["init", "--name", "r", "--goal", "Corpus"]);
    // Command text.
    p.ok(&["log", &format!("--discovery={text}")]);
    // Hook payloads: a Read and an Edit path, a todo, a compaction
    // summary, a SessionEnd reason (journal, document, hook log, resume
    // log).
    let path = p.path().join("notes").join(text);
    hook(
        &p,
        "PostToolUse",
        json!({"tool_name": "Read", "tool_input": {"file_path": path}, "tool_response": {}}),
    );
    hook(
        &p,
        "PostToolUse",
        json!({"tool_name": "Edit", "tool_input": {"file_path": path}, "tool_response": {}}),
    );
    hook(
        &p,
        "PostToolUse",
        json!({"tool_name": "TodoWrite", "tool_input": {"todos": [{"content": text, "status": "pending", "activeForm": "x"}]}}),
    );
    hook(
        &p,
        "PostCompact",
        json!({"trigger": "auto", "compact_summary": text}),
    );
    hook(&p, "SessionEnd", json!({"reason": text}));
    // A payload spooled while the store is busy.
    let lock = p.hold_lock();
    hook(&p, "SessionEnd", json!({"reason": text}));
    let pending = p.path().join(".sessions/.local/pending");
    assert!(
        fs::read_dir(&pending).unwrap().count() > 0,
        "nothing was spooled"
    );
    lock.unlock().unwrap();
    p
}

#[test]
fn secrets_are_redacted_everywhere_we_write() {
    let (secrets, looks) = corpus();
    assert!(secrets.len() >= 40, "{} secrets", secrets.len());
    assert!(looks.len() >= 40, "{} look-alikes", looks.len());
    // Each secret goes through every writer; it counts as caught only when
    // no file of the store holds it afterwards.
    let mut missed = Vec::new();
    for (input, secret) in &secrets {
        let p = write_everywhere(input);
        let stored = all_text(&p.path().join(".sessions"));
        assert!(
            stored.contains("[REDACTED:"),
            "nothing was written for {input:?}"
        );
        if stored.contains(secret.as_str()) {
            missed.push(input.clone());
        }
    }
    let caught = secrets.len() - missed.len();
    assert!(
        caught * 100 >= secrets.len() * 95,
        "recall {caught}/{}; missed: {missed:#?}",
        secrets.len()
    );
}

#[test]
fn look_alikes_are_kept_as_written() {
    let (_, looks) = corpus();
    let p = Project::git();
    p.ok(&["init", "--name", "r", "--goal", "Corpus"]);
    for l in &looks {
        p.ok(&["log", &format!("--discovery={l}")]);
        hook(
            &p,
            "PostToolUse",
            json!({"tool_name": "Read", "tool_input": {"file_path": p.path().join(l.trim_start_matches('/'))}, "tool_response": {}}),
        );
    }
    let doc = p.active_text();
    let journal: String = p
        .journal_entries()
        .iter()
        .map(|e| fs::read_to_string(e).unwrap())
        .collect();
    let mut mangled = Vec::new();
    for l in &looks {
        if !doc.contains(l.as_str()) {
            mangled.push(format!("document: {l}"));
        }
        if !journal.contains(&format!("Viewed {}", l.trim_start_matches('/'))) {
            mangled.push(format!("journal: {l}"));
        }
    }
    assert!(mangled.is_empty(), "changed look-alikes: {mangled:#?}");
    assert!(!doc.contains("[REDACTED:"), "{doc}");
}
