//! Secret redaction: real-shaped samples are caught wherever text from a
//! hook payload or a log argument is written, and ordinary source code is
//! left alone.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Project, payload};
use session_hook::redact::Redactor;

fn redact(s: &str) -> String {
    Redactor::builtin().redact(s).into_owned()
}

/// Real-shaped secrets, assembled at run time so this file itself holds
/// none.
fn samples() -> Vec<(&'static str, String)> {
    let k = |parts: &[&str]| parts.concat();
    vec![
        ("aws-access-key", k(&["AKIA", "IOSFODNN7", "EXAMPLE"])),
        (
            "github-token",
            k(&["ghp_", "1234567890abcdefghij", "klmnopqrstuvwxyzAB"]),
        ),
        ("gitlab-token", k(&["glpat-", "xxxxxxxxxxxxxxxxxxxx"])),
        (
            "slack-token",
            k(&["xoxb-", "123456789012-1234567890123-", "abcdefghijklmnop"]),
        ),
        (
            "anthropic-key",
            k(&["sk-ant-", "api03-", "abcdefghijklmnopqrstuvwxyz0123456789"]),
        ),
        (
            "openai-key",
            k(&["sk-", "proj-", "abcdefghijklmnopqrstuvwxyz012345"]),
        ),
        (
            "jwt",
            k(&[
                "eyJhbGciOiJIUzI1NiJ9",
                ".",
                "eyJzdWIiOiIxMjM0NTY3ODkwIn0",
                ".",
                "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            ]),
        ),
        (
            "private-key",
            k(&[
                "-----BEGIN ",
                "RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END ",
                "RSA PRIVATE KEY-----",
            ]),
        ),
        ("password", k(&["pass", "word=", "hunter22"])),
        (
            "url-credentials",
            k(&["postgres://admin:", "s3cret", "@db.local/app"]),
        ),
    ]
}

#[test]
fn log_arguments_are_redacted() {
    let p = Project::git();
    p.ok(&["init", "--name", "r"]);
    for (kind, secret) in samples() {
        p.ok(&["log", "--discovery", &format!("found {secret} in the logs")]);
        let t = p.active_text();
        assert!(
            t.contains(&format!("[REDACTED:{kind}]")),
            "{kind} not redacted:\n{t}"
        );
        assert!(!t.contains(&secret), "{kind} leaked into the session file");
    }
    for e in p.journal_entries() {
        let t = fs::read_to_string(e).unwrap();
        for (kind, secret) in samples() {
            assert!(!t.contains(&secret), "{kind} leaked into the journal");
        }
    }
}

#[test]
fn hook_payload_text_is_redacted() {
    let p = Project::git();
    p.ok(&["init", "--name", "r"]);
    let secret = samples()
        .into_iter()
        .find(|(k, _)| *k == "github-token")
        .unwrap()
        .1;
    let post = payload(
        p.path(),
        "PostCompact",
        serde_json::json!({"trigger": "auto", "compact_summary": format!("The user pasted {secret} by mistake.")}),
    );
    p.hook(&post);
    let todo = payload(
        p.path(),
        "PostToolUse",
        serde_json::json!({"tool_name": "TodoWrite", "tool_input": {"todos": [{"content": format!("rotate {secret}"), "status": "pending", "activeForm": "x"}]}}),
    );
    p.hook(&todo);
    assert!(!p.active_text().contains(&secret));
    assert!(p.active_text().contains("rotate [REDACTED:github-token]"));
    for e in p.journal_entries() {
        assert!(!fs::read_to_string(e).unwrap().contains(&secret));
    }
}

#[test]
fn extra_patterns_from_config() {
    let p = Project::git();
    p.ok(&["init", "--name", "r"]);
    p.write(
        ".sessions/config.yaml",
        "redact:\n  patterns: ['ACME-[0-9]{6}']\n",
    );
    p.ok(&["log", "--discovery", "ticket key ACME-123456 works"]);
    assert!(
        p.active_text().contains("[REDACTED:custom]"),
        "{}",
        p.active_text()
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Zero false positives on ordinary code: this project's own sources (the
/// redaction module, which holds the patterns, is the one exception).
#[test]
fn no_false_positives_on_source_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in ["src", "benches"] {
        if root.join(d).is_dir() {
            rust_files(&root.join(d), &mut files);
        }
    }
    assert!(files.len() > 10);
    let mut lines = 0;
    for f in files.iter().filter(|f| !f.ends_with("redact.rs")) {
        let text = fs::read_to_string(f).unwrap();
        for line in text.lines() {
            lines += 1;
            assert_eq!(redact(line), line, "false positive in {}", f.display());
        }
    }
    assert!(lines > 2000, "corpus too small: {lines} lines");
}
