//! Context bundles: the four shapes, the 10 % budget on a large
//! session, `bundle load`, and the SessionStart offer when no session is
//! active.

use crate::fixture;

use std::fmt::Write as _;

use fixture::{Fx, worked_session};

/// Feed one hook event; returns stdout.
fn hook(fx: &Fx, now: &str, event: serde_json::Value) -> String {
    let mut v = serde_json::json!({
        "session_id": "11111111-2222-3333-4444-555555555555",
        "transcript_path": "",
        "cwd": fx.root.display().to_string(),
    });
    for (k, val) in event.as_object().unwrap() {
        v[k] = val.clone();
    }
    let o = fx
        .cmd_at(now)
        .arg("hook")
        .write_stdin(v.to_string())
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

fn edit(fx: &Fx, now: &str, rel: &str) {
    hook(
        fx,
        now,
        serde_json::json!({
            "hook_event_name": "PostToolUse",
            "tool_name": "Edit",
            "tool_input": {"file_path": fx.root.join(rel).display().to_string()},
        }),
    );
}

/// The worked session plus what the model adds by hand and by editing:
/// Key Files, Key Context, files touched.
fn rich_session() -> Fx {
    let fx = worked_session();
    let path = fx.session_file("fastapi-inventory");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "**Key Files**:\n- (none yet)",
        "**Key Files**:\n- `src/models.py` - SQLAlchemy models\n- `alembic/env.py` - migration environment",
        1,
    );
    let text = text.replacen(
        "**Key Context** (survives compaction):\n- (none yet)",
        "**Key Context** (survives compaction):\n- Postgres 16 runs in docker compose on port 5433\n- Models import order matters for autogenerate",
        1,
    );
    std::fs::write(&path, text).unwrap();
    edit(&fx, "2026-01-16T11:05:00Z", "src/models.py");
    edit(&fx, "2026-01-16T11:06:00Z", "alembic/env.py");
    edit(&fx, "2026-01-16T11:07:00Z", "alembic/env.py");
    edit(&fx, "2026-01-16T11:08:00Z", "tests/test_models.py");
    fx
}

#[test]
fn the_four_bundles() {
    let fx = rich_session();
    for kind in ["research", "plan", "progress", "context"] {
        let out = fx.ok_at("2026-01-16T12:00:00Z", &["bundle", "--kind", kind]);
        assert!(
            out.starts_with(&format!(
                "Bundle written: .sessions/bundles/fastapi-inventory/{kind}.md\n"
            )),
            "{out}"
        );
        assert!(out.contains("% of the full state ("), "{out}");
        let text = fx.read(&format!(".sessions/bundles/fastapi-inventory/{kind}.md"));
        insta::assert_snapshot!(format!("bundle_{kind}"), text);
        let loaded = fx.ok(&["bundle", "load", kind]);
        assert_eq!(loaded, text);
    }
}

#[test]
fn command_output_names_the_ratio() {
    let fx = rich_session();
    let out = fx.ok_at("2026-01-16T12:00:00Z", &["bundle", "--kind", "plan"]);
    let full = fx.root.join(".sessions/bundles/fastapi-inventory/plan.md");
    let size = std::fs::metadata(full).unwrap().len();
    assert!(out.contains(&format!("size:  {size} bytes = ")), "{out}");
    // This session is small, so the bundle is above 10 % with nothing
    // left out, and the command says why.
    insta::assert_snapshot!("bundle_plan_stdout", out);
}

/// A large session written straight to disk: hundreds of decisions,
/// findings, steps and blockers, and thousands of journal entries.
fn large_session(scale: usize) -> Fx {
    let fx = Fx::plain("big");
    fx.ok(&[
        "init",
        "--goal",
        "Port the billing engine",
        "--name",
        "billing",
    ]);
    let path = fx.session_file("billing");
    let id = fx.session_id("billing");
    let text = std::fs::read_to_string(&path).unwrap();
    let front_end = text[4..].find("\n---\n").unwrap() + 4 + 5;
    let mut b = String::from(&text[..front_end]);
    b.push_str("\n# Session: Port the billing engine\n\n## TL;DR (Read This First)\n");
    b.push_str("Porting the billing engine from the monolith to the new service. Invoices and tax are done; proration is in progress and blocked on the currency rounding rules.\n\n**Progress**: 0/0 steps complete\n**Current**: none\n**Blocker**: None\n\n## Context\n**Objective**: Port the billing engine\n\n**Key Files**:\n");
    for i in 0..15 {
        writeln!(b, "- `src/billing/mod{i}.rs` - part {i} of the engine").unwrap();
    }
    b.push_str("\n**Key Context** (survives compaction):\n");
    for i in 0..20 {
        writeln!(b, "- Rule {i}: amounts are integer cents; rounding half-even at the invoice level, never per line").unwrap();
    }
    b.push_str("\n## Progress\n### Completed\n");
    for i in 0..15 * scale {
        writeln!(
            b,
            "- [x] Port billing function number {i} with its tests (2026-01-15T10:00Z, abc1234)"
        )
        .unwrap();
    }
    b.push_str("\n### In Progress\n- [ ] Proration for mid-cycle plan changes  <- CURRENT\n\n### Remaining\n");
    for i in 0..15 * scale {
        writeln!(
            b,
            "- [ ] Port remaining billing function number {i} and compare outputs"
        )
        .unwrap();
    }
    b.push_str("\n## Decisions\n");
    for i in 1..=20 * scale {
        write!(b, "\n### {i}. Use approach {i} for the ledger entries (2026-01-15T10:00Z)\n**Context**: the old code mixed cents and floats in step {i}\n**Choice**: Use approach {i} for the ledger entries\n**Rationale**: keeps the totals exact and the diff against the old engine small\n").unwrap();
    }
    b.push_str("\n## Discoveries\n");
    for i in 1..=30 * scale {
        writeln!(b, "{i}. (2026-01-15T10:00Z) Finding {i}: the monolith rounds tax per line in region {i}, which the new service must reproduce for old invoices").unwrap();
    }
    b.push_str("\n## Blockers\n");
    for i in 1..=4 * scale {
        let st = if i % 2 == 0 {
            "resolved (2026-01-15T11:00Z)"
        } else {
            "open (2026-01-15T10:00Z)"
        };
        writeln!(b, "{i}. **Currency rounding rule {i} unclear** — {st}\n   - Impact: proration totals differ by a cent\n   - Mitigation: ask finance for the rule").unwrap();
    }
    b.push_str("\n## Next Steps\n");
    for i in 1..=3 * scale {
        writeln!(b, "{i}. Compare proration outputs for fixture set {i}").unwrap();
    }
    b.push_str("\n## Files Modified\n");
    for i in 0..20 * scale {
        writeln!(b, "- `src/billing/generated/file{i}.rs`").unwrap();
    }
    std::fs::write(&path, b).unwrap();
    let dir = fx.root.join(".sessions/journal").join(&id).join("entries");
    for i in 0..50 * scale {
        let (kind, extra, body) = match i % 4 {
            0 => (
                "file",
                format!(
                    "path: src/billing/generated/file{}.rs\ntool: Edit\n",
                    i % 50
                ),
                format!("Edit src/billing/generated/file{}.rs", i % 50),
            ),
            1 => (
                "read",
                format!("path: src/billing/mod{}.rs\n", i % 15),
                format!("Viewed src/billing/mod{}.rs", i % 15),
            ),
            2 => (
                "progress",
                String::new(),
                format!("Ported function {i}; outputs match on the fixture set"),
            ),
            _ => (
                "decision",
                format!("n: {i}\nrationale: exact totals\n"),
                format!("Use approach {i} for the ledger entries"),
            ),
        };
        let name = format!(
            "20260115T10{:02}{:02}.{:06}Z-{kind}-{:08x}.md",
            (i / 60) % 60,
            i % 60,
            i,
            i
        );
        std::fs::write(
            dir.join(name),
            format!(
                "---\nkind: {kind}\nat: 2026-01-15T10:00:00Z\nsession: {id}\n{extra}---\n{body}\n"
            ),
        )
        .unwrap();
    }
    fx
}

fn ratio_of(out: &str) -> f64 {
    let s = out.split(" bytes = ").nth(1).unwrap();
    s.split('%').next().unwrap().parse().unwrap()
}

#[test]
fn large_sessions_get_bundles_within_ten_percent() {
    for scale in [4, 40] {
        let fx = large_session(scale);
        for kind in ["research", "plan", "progress", "context"] {
            let out = fx.ok(&["bundle", "--kind", kind, "billing"]);
            let r = ratio_of(&out);
            eprintln!("scale {scale}: {kind} bundle = {r}% of the full state\n{out}");
            assert!(r <= 10.0, "{kind} at scale {scale}: {out}");
            let text = fx.read(&format!(".sessions/bundles/billing/{kind}.md"));
            if scale > 4 {
                assert!(out.contains("trimmed to fit"), "{out}");
                assert!(
                    text.contains("not shown (`session-hook view`)"),
                    "{kind}: {text}"
                );
            }
            // What matters most survives the cut: where to pick up.
            let must = if kind == "research" {
                "1. Port remaining billing function number 0 and compare outputs\n"
            } else {
                "Proration for mid-cycle plan changes"
            };
            assert!(text.contains(must), "{kind}: {text}");
        }
        let context = fx.read(".sessions/bundles/billing/context.md");
        assert!(
            context.contains("Currency rounding rule 1 unclear"),
            "{context}"
        );
        assert!(
            !context.contains("Currency rounding rule 2 unclear"),
            "resolved blockers stay out"
        );
        // The newest decision is kept, not the oldest.
        assert!(context.contains(&format!("Use approach {} for the ledger", 20 * scale)));
    }
}

#[test]
fn session_start_offers_the_newest_bundle_when_nothing_is_active() {
    let fx = rich_session();
    fx.ok_at("2026-01-16T12:00:00Z", &["bundle", "--kind", "progress"]);
    let start = serde_json::json!({"hook_event_name": "SessionStart", "source": "startup"});
    // With an active session, the session itself is shown.
    let out = hook(&fx, "2026-01-16T12:05:00Z", start.clone());
    assert!(!out.contains("newest context bundle"), "{out}");
    fx.ok_at("2026-01-16T12:10:00Z", &["close", "--complete"]);
    let out = hook(&fx, "2026-01-17T12:10:00Z", start);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = v["hookSpecificOutput"]["additionalContext"]
        .as_str()
        .unwrap();
    insta::assert_snapshot!("session_start_offer", text);
}

#[test]
fn load_finds_bundles_of_closed_sessions_and_says_what_exists() {
    let fx = rich_session();
    fx.ok_at("2026-01-16T12:00:00Z", &["bundle", "--kind", "plan"]);
    fx.ok_at("2026-01-16T12:10:00Z", &["close", "--complete"]);
    let text = fx.ok(&["bundle", "load", "plan", "fastapi-inventory"]);
    assert!(
        text.starts_with("# Plan Bundle: fastapi-inventory\n"),
        "{text}"
    );
    // No active session: the newest plan bundle.
    let text2 = fx.ok(&["bundle", "load", "plan"]);
    assert_eq!(text, text2);
    let err = fx.err(&["bundle", "load", "research"]);
    assert!(err.contains("no research bundle"), "{err}");
    assert!(
        err.contains("hint: bundles here: plan fastapi-inventory"),
        "{err}"
    );
    let err = fx.err(&["bundle"]);
    assert!(
        err.contains("hint: pass --kind research|plan|progress|context"),
        "{err}"
    );
}
