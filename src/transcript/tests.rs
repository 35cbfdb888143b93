use std::io::Write;
use std::path::PathBuf;

use proptest::prelude::*;

use super::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/transcripts")
        .join(name)
}

/// Every fixture must give the same answer whatever the block size, so
/// lines that straddle blocks are covered too.
fn all_blocks(name: &str, look_back: u64) -> Usage {
    let first = scan(&fixture(name), look_back, BLOCK).unwrap();
    for block in [1, 7, 64, 333, 4096] {
        let u = scan(&fixture(name), look_back, block).unwrap();
        assert_eq!(u.used, first.used, "{name} with block {block}");
        assert_eq!(u.basis, first.basis, "{name} with block {block}");
        assert_eq!(u.message_id, first.message_id, "{name} with block {block}");
        if look_back == u64::MAX {
            assert_eq!(u.compactions_seen, first.compactions_seen, "{name}");
        }
    }
    first
}

#[test]
fn real_captures() {
    let u = all_blocks("real-compact.jsonl", u64::MAX);
    assert_eq!(u.basis, Basis::Reply);
    assert_eq!(u.used, Some(13015));
    assert_eq!(u.model.as_deref(), Some("claude-opus-5-5"));
    assert_eq!(u.compactions_seen, 1);
    assert!(u.whole_file);

    let u = all_blocks("real-tools.jsonl", u64::MAX);
    assert_eq!(u.used, Some(12924));
    assert_eq!(u.compactions_seen, 0);

    let u = all_blocks("real-autocompact.jsonl", u64::MAX);
    assert_eq!(u.used, Some(12874));
    assert_eq!(u.compactions_seen, 1);
}

#[test]
fn hook_path_reads_only_the_tail() {
    let u = last_usage(&fixture("real-compact.jsonl")).unwrap();
    assert_eq!(u.used, Some(13015));
    assert!(u.bytes_read <= BLOCK as u64);
    assert!(!u.whole_file);
    // The boundary lies before the reply: the hook path never saw it.
    assert_eq!(u.compactions_seen, 0);
}

#[test]
fn compaction_after_the_reply() {
    let u = all_blocks("compact-post-tokens.jsonl", 0);
    assert_eq!(u.basis, Basis::Compaction);
    assert_eq!(u.used, Some(3000));
    assert_eq!(u.compactions_seen, 1);
    let u = all_blocks("compact-no-post.jsonl", 0);
    assert_eq!(u.basis, Basis::Compaction);
    assert_eq!(u.used, None);
    let u = all_blocks("compact-then-reply.jsonl", u64::MAX);
    assert_eq!(u.basis, Basis::Reply);
    assert_eq!(u.used, Some(4200));
    assert_eq!(u.compactions_seen, 2);
    assert_eq!(u.at.as_deref(), Some("2026-01-15T10:03:00.000Z"));
}

#[test]
fn skipped_entries() {
    assert_eq!(all_blocks("sidechain.jsonl", u64::MAX).used, Some(50000));
    assert_eq!(all_blocks("sidechain.jsonl", u64::MAX).compactions_seen, 0);
    assert_eq!(all_blocks("synthetic.jsonl", 0).used, Some(60000));
    let u = all_blocks("placeholders.jsonl", 0);
    assert_eq!(u.used, Some(70000));
    assert_eq!(u.message_id.as_deref(), Some("msg_real"));
}

#[test]
fn one_reply_over_several_lines_counts_once() {
    let u = all_blocks("duplicate-ids.jsonl", 0);
    assert_eq!(u.used, Some(80000));
    assert_eq!(u.message_id.as_deref(), Some("msg_dup"));
}

#[test]
fn damaged_files() {
    assert_eq!(all_blocks("truncated-last-line.jsonl", 0).used, Some(40000));
    let u = all_blocks("non-json.jsonl", u64::MAX);
    assert_eq!(u.used, Some(45000));
    assert_eq!(u.compactions_seen, 0);
    let u = all_blocks("crlf.jsonl", u64::MAX);
    assert_eq!(u.used, Some(33000));
    assert_eq!(u.compactions_seen, 1);
    assert_eq!(all_blocks("spaced.jsonl", 0).used, Some(25000));
}

#[test]
fn iterations_follow_claude_code() {
    assert_eq!(all_blocks("iterations.jsonl", 0).used, Some(131000));
}

#[test]
fn unknown_is_not_an_error() {
    let u = scan(&fixture("no-such-file.jsonl"), 0, BLOCK).unwrap();
    assert_eq!((u.basis, u.used), (Basis::Missing, None));
    let u = scan(&fixture("empty.jsonl"), 0, BLOCK).unwrap();
    assert_eq!((u.basis, u.used), (Basis::Missing, None));
    let u = all_blocks("no-reply.jsonl", 0);
    assert_eq!((u.basis, u.used), (Basis::NoReply, None));
    assert!(u.whole_file);
}

#[test]
fn stops_early_in_a_big_file() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("big.jsonl");
    let mut f = std::fs::File::create(&p).unwrap();
    let filler = format!(
        "{{\"type\":\"user\",\"message\":{{\"role\":\"user\",\"content\":\"{}\"}}}}\n",
        "x".repeat(2000)
    );
    for _ in 0..3000 {
        f.write_all(filler.as_bytes()).unwrap();
    }
    writeln!(f, "{}", reply_line("m1", 1234, false)).unwrap();
    for _ in 0..10 {
        f.write_all(filler.as_bytes()).unwrap();
    }
    drop(f);
    let u = last_usage(&p).unwrap();
    assert_eq!(u.used, Some(1234));
    assert!(u.bytes_read <= BLOCK as u64, "read {}", u.bytes_read);
    let u = scan(&p, LOOK_BACK, BLOCK).unwrap();
    assert!(u.bytes_read < 2 * LOOK_BACK, "read {}", u.bytes_read);
    assert!(!u.whole_file);
}

fn reply_line(id: &str, used: u64, side: bool) -> String {
    serde_json::json!({
        "type": "assistant", "isSidechain": side,
        "message": {"id": id, "model": "claude-sonnet-4-5",
            "content": [{"type": "text", "text": "ok"}],
            "usage": {"input_tokens": used, "output_tokens": 1,
                "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}}
    })
    .to_string()
}

#[derive(Debug, Clone)]
enum Gen {
    Reply(u64, bool),
    Boundary(Option<u64>),
    Noise(usize),
}

fn gen_line() -> impl Strategy<Value = Gen> {
    prop_oneof![
        (1u64..2_000_000, any::<bool>()).prop_map(|(u, s)| Gen::Reply(u, s)),
        proptest::option::of(1u64..50_000).prop_map(Gen::Boundary),
        (0usize..300).prop_map(Gen::Noise),
    ]
}

proptest! {
    /// The backward block reader agrees with a plain forward reading of the
    /// whole file, for any block size and line layout.
    #[test]
    fn tail_matches_forward_reading(
        lines in proptest::collection::vec(gen_line(), 0..40),
        block in 1usize..200,
        crlf in any::<bool>(),
        trailing_newline in any::<bool>(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        let mut expect: (Basis, Option<u64>) = (Basis::NoReply, None);
        let mut boundaries = 0;
        for (i, l) in lines.iter().enumerate() {
            let s = match l {
                Gen::Reply(u, side) => {
                    if !side {
                        expect = (Basis::Reply, Some(*u));
                    }
                    reply_line(&format!("m{i}"), *u, *side)
                }
                Gen::Boundary(post) => {
                    boundaries += 1;
                    expect = (Basis::Compaction, *post);
                    let mut m = serde_json::json!({"trigger": "auto", "preTokens": 9});
                    if let Some(p) = post {
                        m["postTokens"] = (*p).into();
                    }
                    serde_json::json!({"type": "system", "subtype": "compact_boundary", "compactMetadata": m}).to_string()
                }
                Gen::Noise(n) => "n".repeat(*n),
            };
            text.push_str(&s);
            if i + 1 < lines.len() || trailing_newline {
                text.push_str(eol);
            }
        }
        if text.is_empty() {
            expect.0 = Basis::Missing;
        }
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("t.jsonl");
        std::fs::write(&p, &text).unwrap();
        let u = scan(&p, 0, block).unwrap();
        prop_assert_eq!((u.basis, u.used), expect);
        let u = scan(&p, u64::MAX, block).unwrap();
        prop_assert_eq!((u.basis, u.used), expect);
        if !text.is_empty() {
            prop_assert!(u.whole_file);
            prop_assert_eq!(u.compactions_seen, boundaries);
        }
    }
}

#[test]
fn project_keys_match_claude_code() {
    assert_eq!(
        project_key(Path::new("/tmp/e2e-out/work/proj")),
        "-tmp-e2e-out-work-proj"
    );
    assert_eq!(project_key(Path::new("/a/b_c.d/é")), "-a-b-c-d--");
}

#[test]
fn contains_survives_broken_bytes() {
    assert!(contains(b"ab\xffcompact_boundary", "compact_boundary"));
    assert!(contains(b"compact_boundary\xe2\x82", "compact_boundary"));
    assert!(!contains(b"compact_\xffboundary", "compact_boundary"));
    assert!(!contains(b"\xff\xfe", "x"));
}
