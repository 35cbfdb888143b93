//! Property tests of the invariants the fuzz targets check, so they run in
//! every `cargo test`: the hook wire parser and the intent classifier never
//! panic, and the phases parser keeps every open deliverable.

use proptest::prelude::*;
use session_hook::agents::{self, Agent};
use session_hook::doc::progress::{Progress, Sub};
use session_hook::hook::{intent, wire};
use session_hook::phases;

/// JSON-ish payloads: real field names with values of every type.
fn payload() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("hook_event_name"),
        Just("session_id"),
        Just("cwd"),
        Just("prompt"),
        Just("source"),
        Just("tool_name"),
        Just("tool_input"),
        Just("tool_response"),
        Just("trigger"),
        Just("compact_summary"),
        Just("task_id"),
        Just("model"),
        Just("turn_id"),
        Just("timestamp"),
        Just("transcript_path"),
    ];
    let value = prop_oneof![
        Just("null".to_string()),
        Just("1e400".to_string()),
        Just("-0".to_string()),
        Just("[]".to_string()),
        Just("{\"todos\":[{\"content\":7,\"status\":\"done\"}]}".to_string()),
        Just("{\"task\":{\"id\":3}}".to_string()),
        "\"[A-Za-z ]{0,12}\"".prop_map(|s| s),
        Just("\"SessionStart\"".to_string()),
        Just("\"PostToolUse\"".to_string()),
        Just("\"TodoWrite\"".to_string()),
        Just("\"AfterTool\"".to_string()),
        Just("\"apply_patch\"".to_string()),
        Just("\"update_plan\"".to_string()),
        Just("\"write_todos\"".to_string()),
        Just("{\"plan\":[{\"step\":null,\"status\":\"in_progress\"}],\"command\":\"*** Add File: \"}".to_string()),
        Just("\"Success. Updated the following files:\\nA \\nM x\"".to_string()),
        Just("\"rollout-x.jsonl\"".to_string()),
    ];
    proptest::collection::vec((key, value), 0..8).prop_map(|kv| {
        let body: Vec<String> = kv.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{{}}}", body.join(","))
    })
}

proptest! {
    #[test]
    fn wire_parser_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = wire::parse(&bytes);
    }

    #[test]
    fn wire_parser_never_panics_on_payloads(p in payload()) {
        // Total and deterministic: the same bytes always mean the same event.
        let a = wire::parse(p.as_bytes());
        let b = wire::parse(p.as_bytes());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn every_agents_parser_never_panics(p in payload()) {
        // The agents' mapping onto our events is total and deterministic
        // too, whoever sent the payload or was named with --agent.
        for agent in [None, Some(Agent::Claude), Some(Agent::Codex), Some(Agent::Gemini)] {
            let a = agents::parse(agent, p.as_bytes());
            prop_assert_eq!(a, agents::parse(agent, p.as_bytes()));
        }
    }

    #[test]
    fn intent_never_panics(s in "\\PC{0,200}") {
        let _ = intent::is_continuation(&s, &["onwards".to_string()]);
    }

    #[test]
    fn phases_keep_every_open_step(
        phases_n in 1usize..4,
        items in proptest::collection::vec("[A-Za-z][A-Za-z ]{0,30}", 1..8),
        numbered in any::<bool>(),
    ) {
        let mut text = String::from("# Plan\n\nSome prose.\n\n");
        for p in 1..=phases_n {
            text.push_str(&format!("## Phase {p}: Part {p} (Small)\nIntro prose for the phase.\n\n"));
            for (i, it) in items.iter().enumerate() {
                if numbered {
                    text.push_str(&format!("{}. {it}\n", i + 1));
                } else {
                    text.push_str(&format!("- {it}\n"));
                }
            }
            text.push('\n');
        }
        let parsed = phases::parse(&text);
        prop_assert_eq!(parsed.phases.len(), phases_n);
        let open: usize = parsed.phases.iter().map(|p| p.steps.iter().filter(|s| !s.done).count()).sum();
        prop_assert_eq!(open, phases_n * items.iter().filter(|s| !s.trim().is_empty()).count());
        let block = phases::remaining_block(&parsed.phases);
        let p = Progress::parse(&format!("### Remaining\n{block}"));
        prop_assert_eq!(p.items(Sub::Remaining).len(), open);
    }
}
