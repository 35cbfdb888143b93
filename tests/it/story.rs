//! A three-day story told through the binary: rate limiting for an API
//! gateway, worked on in three Claude sessions with two compactions, two
//! pauses with commits between them, todos and tasks, a renamed and a
//! dropped step, a blocker opened and resolved, and a decision replaced.
//!
//! The test keeps the ground truth at every capture point and checks every
//! output the session has (injections, PreCompact text, `resume`, bundles,
//! hand-off, resume log, SESSION.md, status line, `view`) against it: no
//! wrong current step, no done, renamed or dropped step shown as open, no
//! resolved blocker, no superseded decision, no stale TL;DR as current.

use crate::common;
use crate::steps::{Claude, block};

use common::Project;
use serde_json::Value;

/// What is true at one point of the story.
#[derive(Clone, Default)]
struct Truth {
    current: Option<&'static str>,
    /// Open steps other than the current one, in order.
    next: Vec<&'static str>,
    done: Vec<&'static str>,
    /// Old names of renamed steps, and dropped steps: never open.
    gone: Vec<&'static str>,
    resolved_blockers: Vec<&'static str>,
    open_blockers: Vec<&'static str>,
    superseded: Vec<&'static str>,
    decisions: Vec<&'static str>,
    /// The TL;DR paragraph and whether work came after it.
    tldr: Option<(&'static str, bool)>,
}

/// How an output presents the session.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// What the model is told: hooks and PreCompact.
    Injection,
    /// Summaries for people or a next agent: resume, bundles, resume log,
    /// SESSION.md, status line.
    Report,
    /// The document itself, copied as it is (hand-off, plain view).
    Document,
}

fn lines_with<'t>(text: &'t str, needle: &str) -> Vec<&'t str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

/// The step an output names as current, from the forms our outputs use.
fn named_current(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for l in text.lines() {
        let t = l.trim().trim_start_matches(['-', '*', ' ']);
        for key in [
            "**Current**:",
            "**Current step**:",
            "Current step:",
            "Current:",
        ] {
            if let Some(v) = t.strip_prefix(key) {
                out.push(v.trim().trim_end_matches('.').to_string());
            }
        }
        if let Some(rest) = t.split("Continue Step ").nth(1)
            && let Some((_, title)) = rest.split_once(": ")
        {
            out.push(title.trim_end_matches(" (in progress)").to_string());
        }
        if let Some(title) = l
            .split(" <- CURRENT")
            .next()
            .filter(|_| l.contains("<- CURRENT"))
        {
            out.push(title.trim_start_matches("- [ ] ").trim().to_string());
        }
        if let Some(title) = l.strip_suffix(" — in progress (current)") {
            out.push(title.trim_start_matches("- [ ] ").to_string());
        }
    }
    if let Some(b) = block(text, "Current Step")
        && let Some(first) = b.lines().nth(1)
    {
        out.push(first.to_string());
    }
    out
}

fn check(at: &str, what: &str, kind: Kind, text: &str, t: &Truth) {
    let ctx = format!("{at} / {what}:\n{text}");
    assert!(!text.trim().is_empty(), "{ctx}: empty");
    // One current step, the right one (or none said as none).
    for c in named_current(text) {
        let c = c.trim_start_matches("- ").trim();
        let ok = match t.current {
            Some(want) => c.starts_with(want) || c.contains(&format!("] {want}")),
            None => c.to_lowercase().starts_with("none"),
        };
        assert!(
            ok,
            "{ctx}\n=> names {c:?} as current; truth: {:?}",
            t.current
        );
    }
    // Done, renamed and dropped steps are never open.
    for title in t.done.iter().chain(&t.gone) {
        for l in lines_with(text, title) {
            let l = l.trim();
            let open_box = l.starts_with("- [ ] ") || l.contains(". [ ] ");
            let bare_number = l.split_once(". ").is_some_and(|(n, rest)| {
                n.parse::<u32>().is_ok() && rest.trim_end_matches('.') == *title
            });
            assert!(
                !open_box && !bare_number,
                "{ctx}\n=> {title:?} shown as open: {l:?}"
            );
        }
        if kind == Kind::Injection && t.gone.contains(title) {
            assert!(
                !text.contains(title),
                "{ctx}\n=> gone step {title:?} injected"
            );
        }
    }
    // Resolved blockers are not open ones.
    for b in &t.resolved_blockers {
        if kind == Kind::Injection {
            assert!(
                !text.contains(b),
                "{ctx}\n=> resolved blocker {b:?} injected"
            );
        }
        for l in lines_with(text, b) {
            assert!(
                l.to_lowercase().contains("resolved"),
                "{ctx}\n=> resolved blocker shown as open: {l:?}"
            );
        }
    }
    // Superseded decisions stay out of what guides the work.
    if kind != Kind::Document {
        for d in &t.superseded {
            for l in lines_with(text, d) {
                assert!(
                    kind == Kind::Report && l.contains("superseded"),
                    "{ctx}\n=> superseded decision {d:?} shown: {l:?}"
                );
            }
        }
    }
    // A stale TL;DR is never the lead.
    if kind == Kind::Injection
        && let Some((para, stale)) = t.tldr
        && let Some(at) = text.find(para)
    {
        let before = &text[..at];
        let heading = before
            .rfind("\n## ")
            .map(|i| &before[i + 4..])
            .unwrap_or("");
        if stale {
            assert!(
                heading.starts_with("Earlier Summary"),
                "{ctx}\n=> stale TL;DR under {heading:?}"
            );
        } else {
            assert!(
                heading.starts_with("TL;DR"),
                "{ctx}\n=> fresh TL;DR under {heading:?}"
            );
        }
    }
    if kind == Kind::Injection {
        assert!(text.chars().count() <= 8000, "{ctx}: over budget");
        assert!(!text.contains("Nothing logged yet"), "{ctx}: placeholder");
    }
}

/// What the model must be told at a resume point: the current step, the
/// next one, the open blockers, the decisions in force.
fn check_resume_context(at: &str, text: &str, t: &Truth) {
    check(at, "injection", Kind::Injection, text, t);
    let ctx = format!("{at}:\n{text}");
    if let Some(c) = t.current {
        assert!(text.contains(c), "{ctx}\n=> current {c:?} missing");
    }
    if let Some(n) = t.next.first() {
        assert!(text.contains(n), "{ctx}\n=> next {n:?} missing");
    }
    for b in &t.open_blockers {
        assert!(text.contains(b), "{ctx}\n=> open blocker {b:?} missing");
    }
    for d in &t.decisions {
        assert!(text.contains(d), "{ctx}\n=> decision {d:?} missing");
    }
}

/// Every report and export of the session, checked at once.
fn check_reports(p: &Project, at: &str, t: &Truth) {
    let v: Value = serde_json::from_str(&p.ok(&["view", "--json"])).unwrap();
    assert_eq!(
        v["progress"]["current"].as_str(),
        t.current,
        "{at}: view --json current"
    );
    let next: Vec<&str> = v["next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(next, t.next, "{at}: view --json next steps");
    assert_eq!(
        v["progress"]["done"].as_u64().unwrap() as usize,
        t.done.len(),
        "{at}: done count"
    );
    assert_eq!(
        v["progress"]["total"].as_u64().unwrap() as usize,
        t.done.len() + t.next.len() + usize::from(t.current.is_some()),
        "{at}: total counts each step once"
    );
    check(at, "view", Kind::Document, &p.ok(&["view"]), t);
    for kind in ["plan", "progress", "context"] {
        p.ok(&["bundle", "--kind", kind]);
        let b = p.ok(&["bundle", "load", kind]);
        check(at, &format!("bundle {kind}"), Kind::Report, &b, t);
    }
    check(at, "resume-log", Kind::Report, &p.ok(&["resume-log"]), t);
    p.ok(&["export", "session-md", "--out", "SESSION.md"]);
    check(at, "SESSION.md", Kind::Report, &p.read("SESSION.md"), t);
    check(
        at,
        "hand-off",
        Kind::Document,
        &p.ok(&["export", "handoff", "--out", "-"]),
        t,
    );
}

#[test]
fn three_days_of_rate_limiting() {
    let p = Project::git();
    let repo = p.repo();
    p.write("src/middleware.rs", "// chain\n");
    p.commit_all(&repo, "gateway skeleton");
    let at = |c: &mut Claude, t: &str| {
        c.at(t);
    };
    p.ok_at(
        Some("2026-03-02T09:00:00Z"),
        &[
            "init",
            "--name",
            "ratelimit",
            "--goal",
            "Add per-client rate limiting to the API gateway",
        ],
    );

    // ---- Day 1, Claude session A ----
    let mut a = Claude::new(&p);
    a.session = "aaaaaaaa-0000-4000-8000-000000000001".into();
    at(&mut a, "2026-03-02T09:01:00Z");
    a.start("startup");
    a.todos(&[
        ("Read the gateway middleware", "in_progress"),
        ("Pick a limiter algorithm", "pending"),
        ("Implement the token bucket", "pending"),
        ("Wire limiter into the middleware chain", "pending"),
        ("Load test at 5k rps", "pending"),
        ("Add metrics for rejected requests", "pending"),
    ]);
    at(&mut a, "2026-03-02T09:30:00Z");
    p.ok_at(
        Some("2026-03-02T09:31:00Z"),
        &[
            "log",
            "--decision",
            "Use a fixed window counter",
            "--rationale",
            "simplest",
        ],
    );
    a.edit("src/middleware.rs");
    a.edit("src/limiter.rs");
    a.edit("src/middleware.rs");
    at(&mut a, "2026-03-02T10:00:00Z");
    a.todos(&[
        ("Read the gateway middleware", "completed"),
        ("Pick a limiter algorithm", "in_progress"),
        ("Implement the token bucket", "pending"),
        ("Wire limiter into the middleware chain", "pending"),
        ("Load test at 5k rps", "pending"),
        ("Add metrics for rejected requests", "pending"),
    ]);
    p.ok_at(
        Some("2026-03-02T10:05:00Z"),
        &[
            "log",
            "--discovery",
            "Requests already carry the client key in X-Client-Id",
        ],
    );
    p.ok_at(
        Some("2026-03-02T10:10:00Z"),
        &[
            "log",
            "--decision",
            "Use a token bucket per client; supersedes decision 1",
            "--rationale",
            "allows short bursts",
        ],
    );
    at(&mut a, "2026-03-02T10:20:00Z");
    a.todos(&[
        ("Read the gateway middleware", "completed"),
        ("Pick a limiter algorithm", "completed"),
        ("Implement the token bucket", "in_progress"),
        ("Wire limiter into the middleware chain", "pending"),
        ("Load test at 5k rps", "pending"),
    ]);
    p.ok_at(
        Some("2026-03-02T11:00:00Z"),
        &[
            "log",
            "--blocker",
            "Redis credentials missing in staging",
            "--impact",
            "no shared counters",
        ],
    );
    p.ok_at(
        Some("2026-03-02T11:30:00Z"),
        &["log", "--progress", "Refill math done; unit tests green"],
    );
    let mut truth = Truth {
        current: Some("Implement the token bucket"),
        next: vec![
            "Wire limiter into the middleware chain",
            "Load test at 5k rps",
        ],
        done: vec!["Read the gateway middleware", "Pick a limiter algorithm"],
        // Left out of the third todo list: dropped.
        gone: vec!["Add metrics for rejected requests"],
        open_blockers: vec!["Redis credentials missing in staging"],
        superseded: vec!["Use a fixed window counter"],
        decisions: vec!["Use a token bucket per client"],
        ..Truth::default()
    };

    // Compaction 1: the summary ends with the TL;DR line.
    at(&mut a, "2026-03-02T12:00:00Z");
    let pre = a.precompact();
    check(
        "day 1 precompact",
        "PreCompact",
        Kind::Injection,
        &pre,
        &truth,
    );
    assert!(pre.contains("Session TL;DR:"));
    a.postcompact(
        "<summary>We built the token bucket.\nSession TL;DR: Token bucket refills correctly; wiring it into the middleware comes next.</summary>",
    );
    truth.tldr = Some((
        "Token bucket refills correctly; wiring it into the middleware comes next.",
        false,
    ));
    let ctx = a.start("compact");
    check_resume_context("day 1 after compact", &ctx, &truth);
    assert_eq!(
        a.prompt("continue"),
        "",
        "day 1: continue right after compact"
    );
    check_reports(&p, "day 1 noon", &truth);

    // The rest of day 1, then a pause.
    at(&mut a, "2026-03-02T16:00:00Z");
    a.edit("src/limiter.rs");
    p.write("src/limiter.rs", "// bucket\n");
    p.commit_all(&repo, "token bucket");
    p.ok_at(
        Some("2026-03-02T17:00:00Z"),
        &[
            "pause",
            "--no-commit",
            "-s",
            "Token bucket done and committed; wire it into the middleware next.",
            "-a",
            "Implement the token bucket",
            "-n",
            "Wire limiter into the middleware chain",
        ],
    );
    truth.done.push("Implement the token bucket");
    truth.current = None;
    truth.tldr = Some((
        "Token bucket done and committed; wire it into the middleware next.",
        false,
    ));

    // ---- Day 2, Claude session B ----
    let mut b = Claude::new(&p);
    b.session = "bbbbbbbb-0000-4000-8000-000000000002".into();
    at(&mut b, "2026-03-03T09:00:00Z");
    let ctx = b.prompt("continue");
    assert!(ctx.contains("This session is paused"), "{ctx}");
    check_resume_context("day 2 continue while paused", &ctx, &truth);
    let out = p.ok_at(Some("2026-03-03T09:02:00Z"), &["resume", "ratelimit"]);
    check("day 2 resume", "resume", Kind::Report, &out, &truth);
    b.task_create("1", "Wire limiter into the middleware chain");
    b.task_update("1", None, Some("in_progress"));
    b.task_create("2", "Add a Retry-After header");
    at(&mut b, "2026-03-03T09:30:00Z");
    b.task_update(
        "1",
        Some("Wire limiter into the axum middleware chain"),
        None,
    );
    truth.current = Some("Wire limiter into the axum middleware chain");
    truth.gone.push("Wire limiter into the middleware chain");
    // Tasks were worked since the pause summary.
    truth.tldr = Some((
        "Token bucket done and committed; wire it into the middleware next.",
        true,
    ));
    truth.next = vec!["Load test at 5k rps", "Add a Retry-After header"];
    let ctx = b.prompt("continue");
    check_resume_context("day 2 after the rename", &ctx, &truth);
    p.ok_at(Some("2026-03-03T10:00:00Z"), &["log", "--resolve", "1"]);
    truth.open_blockers.clear();
    truth
        .resolved_blockers
        .push("Redis credentials missing in staging");
    p.ok_at(
        Some("2026-03-03T10:30:00Z"),
        &[
            "log",
            "--decision",
            "Keep buckets in Redis, updated by one Lua script",
            "--rationale",
            "atomic across gateway replicas",
        ],
    );
    truth.decisions.push("Keep buckets in Redis");
    b.edit("src/middleware.rs");
    at(&mut b, "2026-03-03T11:00:00Z");
    b.task_update("1", None, Some("completed"));
    truth
        .done
        .push("Wire limiter into the axum middleware chain");
    truth.current = None;
    check_reports(&p, "day 2 late morning", &truth);
    let ctx = b.prompt("continue");
    check_resume_context("day 2 nothing started", &ctx, &truth);

    p.ok_at(
        Some("2026-03-03T11:10:00Z"),
        &["log", "--current", "Add a Retry-After header"],
    );
    truth.current = Some("Add a Retry-After header");
    truth.next = vec!["Load test at 5k rps"];
    p.ok_at(
        Some("2026-03-03T11:40:00Z"),
        &[
            "log",
            "--progress",
            "429 responses carry Retry-After in seconds",
        ],
    );
    // Compaction 2: the summariser forgot the TL;DR line, so the pause
    // summary is older than the work and must say so.
    at(&mut b, "2026-03-03T12:00:00Z");
    let pre = b.precompact();
    check(
        "day 2 precompact",
        "PreCompact",
        Kind::Injection,
        &pre,
        &truth,
    );
    b.postcompact("<summary>Some summary without the line.</summary>");
    truth.tldr = Some((
        "Token bucket done and committed; wire it into the middleware next.",
        true,
    ));
    let ctx = b.start("compact");
    check_resume_context("day 2 after compact", &ctx, &truth);
    let now = block(&ctx, "Now").expect("a Now block");
    assert!(now.contains("429 responses carry Retry-After"), "{ctx}");
    assert_eq!(
        b.prompt("carry on"),
        "",
        "day 2: continue right after compact"
    );
    p.ok_at(
        Some("2026-03-03T14:00:00Z"),
        &[
            "log",
            "--replace-next",
            "1",
            "Load test at 2k rps (staging limit)",
        ],
    );
    truth.gone.push("Load test at 5k rps");
    truth.next = vec!["Load test at 2k rps (staging limit)"];
    p.write("src/middleware.rs", "// chain + limiter\n");
    p.commit_all(&repo, "wire limiter");
    p.ok_at(
        Some("2026-03-03T17:00:00Z"),
        &[
            "pause",
            "--no-commit",
            "-s",
            "Limiter wired in; Retry-After next, then the load test.",
            "-n",
            "Document the limits in the README",
        ],
    );
    truth.tldr = Some((
        "Limiter wired in; Retry-After next, then the load test.",
        false,
    ));
    truth.next.push("Document the limits in the README");

    // ---- Day 3, Claude session C ----
    let mut c = Claude::new(&p);
    c.session = "cccccccc-0000-4000-8000-000000000003".into();
    at(&mut c, "2026-03-04T09:00:00Z");
    let out = p.ok_at(Some("2026-03-04T09:00:00Z"), &["resume", "ratelimit"]);
    check("day 3 resume", "resume", Kind::Report, &out, &truth);
    let ctx = c.start("startup");
    check_resume_context("day 3 startup", &ctx, &truth);
    assert_eq!(
        c.prompt("continue"),
        "",
        "day 3: continue right after start-up"
    );
    c.todos(&[
        ("Add a Retry-After header", "completed"),
        ("Load test at 2k rps (staging limit)", "in_progress"),
        ("Document the limits in the README", "pending"),
    ]);
    truth.done.push("Add a Retry-After header");
    truth.current = Some("Load test at 2k rps (staging limit)");
    truth.next = vec!["Document the limits in the README"];
    truth.tldr = Some((
        "Limiter wired in; Retry-After next, then the load test.",
        true,
    ));
    let ctx = c.prompt("continue");
    check_resume_context("day 3 after todos", &ctx, &truth);
    check_reports(&p, "day 3", &truth);
    let line = p
        .cmd()
        .env("SESSION_HOOK_NOW", "2026-03-04T09:30:00Z")
        .arg("statusline")
        .write_stdin(
            serde_json::json!({"session_id": c.session, "cwd": p.path().display().to_string()})
                .to_string()
                .into_bytes(),
        )
        .output()
        .unwrap();
    let line = String::from_utf8(line.stdout).unwrap();
    assert!(line.contains("Load test at 2k rps"), "status line: {line}");
}
