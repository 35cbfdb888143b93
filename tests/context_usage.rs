//! Context usage end to end: the `context` command on the transcript
//! fixtures, and the threshold warnings the hooks give.

mod common;

use std::path::{Path, PathBuf};

use common::Project;
use serde_json::Value;

const CLAUDE: &str = "11111111-2222-3333-4444-555555555555";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/transcripts")
        .join(name)
}

fn context_json(p: &Project, args: &[&str]) -> Value {
    let mut all = vec!["context", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&p.ok(&all)).unwrap()
}

#[test]
fn context_command_on_fixtures() {
    let p = Project::plain();
    let cases: &[(&str, Option<u64>, u64)] = &[
        ("real-compact.jsonl", Some(13015), 1_000_000),
        ("real-tools.jsonl", Some(12924), 1_000_000),
        ("real-autocompact.jsonl", Some(12874), 1_000_000),
        ("compact-post-tokens.jsonl", Some(3000), 200_000),
        ("compact-no-post.jsonl", None, 200_000),
        ("sidechain.jsonl", Some(50000), 200_000),
        ("synthetic.jsonl", Some(60000), 200_000),
        ("placeholders.jsonl", Some(70000), 200_000),
        ("duplicate-ids.jsonl", Some(80000), 200_000),
        ("truncated-last-line.jsonl", Some(40000), 200_000),
        ("non-json.jsonl", Some(45000), 200_000),
        ("crlf.jsonl", Some(33000), 200_000),
        ("empty.jsonl", None, 200_000),
        ("no-such-file.jsonl", None, 200_000),
    ];
    for (name, used, window) in cases {
        let f = fixture(name);
        let v = context_json(&p, &["--transcript", f.to_str().unwrap()]);
        assert_eq!(v["used_tokens"].as_u64(), *used, "{name}: {v}");
        assert_eq!(v["window"].as_u64(), Some(*window), "{name}: {v}");
        assert_eq!(v["percent"].is_null(), used.is_none(), "{name}: {v}");
    }
    let v = context_json(
        &p,
        &[
            "--transcript",
            fixture("sidechain.jsonl").to_str().unwrap(),
            "--window",
            "100000",
        ],
    );
    assert_eq!(
        (v["percent"].as_f64(), v["window_source"].as_str()),
        (Some(50.0), Some("flag"))
    );
    let v = context_json(
        &p,
        &["--transcript", fixture("crlf.jsonl").to_str().unwrap()],
    );
    assert_eq!(
        (
            v["compactions_seen"].as_u64(),
            v["compactions_complete"].as_bool()
        ),
        (Some(1), Some(true))
    );
}

#[test]
fn context_finds_the_transcript_of_a_claude_session() {
    let p = Project::plain();
    let home = tempfile::tempdir().unwrap();
    let key: String = p
        .path()
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let dir = home.path().join(".claude/projects").join(key);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        fixture("real-tools.jsonl"),
        dir.join(format!("{CLAUDE}.jsonl")),
    )
    .unwrap();
    let o = p
        .cmd()
        .env("HOME", home.path())
        .env_remove("CLAUDE_CONFIG_DIR")
        .args(["context", "--claude-session", CLAUDE])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(
        out.starts_with("Context: 12,924 of 1,000,000 tokens (1.3%)"),
        "{out}"
    );
    let o = p
        .cmd()
        .env("HOME", home.path())
        .env_remove("CLAUDE_CONFIG_DIR")
        .args([
            "context",
            "--claude-session",
            "99999999-0000-0000-0000-000000000000",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cannot find the transcript of Claude session 99999999"),
        "{err}"
    );
    let o = p.cmd().arg("context").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("no Claude session id known"));
}
