//! The hook entry with real payloads recorded from Claude Code 2.1.328, and
//! the "host never breaks" matrix.

use crate::common;

use std::fs;
use std::path::Path;

use common::{Project, payload};
use serde_json::json;

const CLAUDE: &str = "cd4e44c8-b20e-4398-b9fb-12c699fad0d0";

/// A recorded payload with this project's paths filled in.
fn recorded(p: &Project, name: &str) -> String {
    let raw = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/payloads")
            .join(format!("{name}.json")),
    )
    .unwrap();
    raw.replace("{{cwd}}", &p.path().display().to_string())
        .replace("{{home}}", "/nonexistent-home")
}

fn with_prompt(p: &Project, prompt: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&recorded(p, "UserPromptSubmit")).unwrap();
    v["prompt"] = prompt.into();
    v.to_string()
}

/// A git project with a session that has a goal, a next step, a decision,
/// an open blocker and Key Context.
fn project() -> Project {
    let p = Project::git();
    p.ok(&["init", "--goal", "Migrate billing to Stripe v2"]);
    p.ok(&["log", "--next", "Write the webhook handler"]);
    p.ok(&[
        "log",
        "--decision",
        "Verify signatures first",
        "--rationale",
        "reject forged events",
    ]);
    p.ok(&[
        "log",
        "--blocker",
        "Need the sandbox API key",
        "--impact",
        "cannot run live tests",
    ]);
    let f = p.active_file();
    let t = fs::read_to_string(&f).unwrap().replace(
        "**Key Context** (survives compaction):\n- (none yet)",
        "**Key Context** (survives compaction):\n- Webhook secret lives in STRIPE_WEBHOOK_SECRET",
    );
    fs::write(&f, t).unwrap();
    p
}

fn context_of(stdout: &str, event: &str) -> String {
    let v: serde_json::Value =
        serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout:?}"));
    assert_eq!(v["hookSpecificOutput"]["hookEventName"], event);
    v["hookSpecificOutput"]["additionalContext"]
        .as_str()
        .unwrap()
        .to_string()
}

fn entries_of_kind(p: &Project, kind: &str) -> Vec<String> {
    p.journal_entries()
        .iter()
        .map(|e| fs::read_to_string(e).unwrap())
        .filter(|t| t.contains(&format!("kind: {kind}\n")))
        .collect()
}

#[test]
fn session_start_startup_injects_summary_and_binds() {
    let p = project();
    let (code, out) = p.hook(&recorded(&p, "SessionStart-startup"));
    assert_eq!(code, 0);
    let ctx = context_of(&out, "SessionStart");
    for want in [
        "Migrate billing to Stripe v2",
        "Write the webhook handler",
        "Need the sandbox API key",
        "Progress",
    ] {
        assert!(ctx.contains(want), "missing {want:?} in {ctx}");
    }
    assert!(ctx.len() <= 8000);
    assert_eq!(
        fs::read_to_string(p.path().join(".sessions/.local/bindings").join(CLAUDE))
            .unwrap()
            .len(),
        36
    );
    // Start-up does not rewrite the document just to list the binding; the
    // next write lists it.
    p.ok(&["log", "--progress", "first note"]);
    assert!(
        p.active_text()
            .contains(&format!("claude_sessions:\n  - {CLAUDE}\n"))
    );
    let unlisted = p.path().join(".sessions/.local/unlisted");
    assert!(
        !unlisted
            .read_dir()
            .unwrap()
            .flatten()
            .any(|d| d.path().read_dir().unwrap().count() > 0)
    );
}

#[test]
fn session_start_resume_injects_too() {
    let p = project();
    let (_, out) = p.hook(&recorded(&p, "SessionStart-resume"));
    assert!(context_of(&out, "SessionStart").contains("Migrate billing to Stripe v2"));
}

#[test]
fn compact_counts_once_and_injects_full_context() {
    let p = project();
    let (_, pre) = p.hook(&recorded(&p, "PreCompact-manual"));
    assert!(
        !pre.trim_start().starts_with('{'),
        "PreCompact must print plain text: {pre}"
    );
    assert!(pre.len() <= 4000);
    for want in [
        "Migrate billing to Stripe v2",
        "Verify signatures first",
        "Need the sandbox API key",
        "STRIPE_WEBHOOK_SECRET",
    ] {
        assert!(pre.contains(want), "PreCompact text lacks {want:?}: {pre}");
    }
    assert!(
        p.active_text().contains("compaction_count: 0"),
        "PreCompact must not count"
    );
    let (_, out) = p.hook(&recorded(&p, "SessionStart-compact"));
    let ctx = context_of(&out, "SessionStart");
    for want in [
        "Migrate billing to Stripe v2",
        "STRIPE_WEBHOOK_SECRET",
        "Write the webhook handler",
        "Need the sandbox API key",
    ] {
        assert!(ctx.contains(want), "compact context lacks {want:?}");
    }
    assert!(p.active_text().contains("compaction_count: 1\n"));
    assert_eq!(entries_of_kind(&p, "compaction").len(), 1);
    assert_eq!(entries_of_kind(&p, "precompact").len(), 1);
    let (_, post) = p.hook(&recorded(&p, "PostCompact-manual"));
    assert_eq!(post, "");
    let kept = entries_of_kind(&p, "compact-summary");
    assert_eq!(kept.len(), 1);
    assert!(kept[0].contains("MOCK-SUMMARY"));
    assert!(
        p.active_text().contains("compaction_count: 1\n"),
        "PostCompact must not count again"
    );
    let id = p
        .active_text()
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .to_string();
    assert!(
        p.path()
            .join(".sessions/journal")
            .join(id)
            .join("progress.md")
            .exists()
    );
}

#[test]
fn ordinary_prompt_is_silent_and_changes_nothing() {
    let p = project();
    let before = p.active_text();
    let (code, out) = p.hook(&recorded(&p, "UserPromptSubmit"));
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(p.active_text(), before);
}

#[test]
fn continue_injects_once_per_epoch_unless_new_work() {
    let p = project();
    let (_, out) = p.hook(&with_prompt(&p, "let's continue with the migration"));
    let ctx = context_of(&out, "UserPromptSubmit");
    assert!(ctx.contains("Write the webhook handler") && ctx.contains("STRIPE_WEBHOOK_SECRET"));
    assert!(
        !ctx.contains("let's continue with the migration"),
        "the prompt is never echoed"
    );
    let (_, again) = p.hook(&with_prompt(&p, "continue"));
    assert_eq!(again, "", "second continue in the same epoch is silent");
    p.ok(&["log", "--progress", "webhook route added"]);
    let (_, after_work) = p.hook(&with_prompt(&p, "continue"));
    assert!(context_of(&after_work, "UserPromptSubmit").contains("Migrate billing"));
    // A new compaction epoch: SessionStart gives the context, so a
    // "continue" right after it gives nothing more.
    let (_, compact) = p.hook(&recorded(&p, "SessionStart-compact"));
    assert!(context_of(&compact, "SessionStart").contains("Migrate billing"));
    let (_, new_epoch) = p.hook(&with_prompt(&p, "where were we?"));
    assert_eq!(new_epoch, "", "given once in the new epoch");
    p.ok(&["log", "--progress", "signature check added"]);
    let (_, after) = p.hook(&with_prompt(&p, "where were we?"));
    assert!(context_of(&after, "UserPromptSubmit").contains("signature check added"));
}

#[test]
fn file_tools_record_files() {
    let p = project();
    p.hook(&recorded(&p, "PostToolUse-Write"));
    p.hook(&recorded(&p, "PostToolUse-Edit"));
    let text = p.active_text();
    assert_eq!(
        text.matches("- `notes.txt`").count(),
        1,
        "listed once:\n{text}"
    );
    assert!(text.contains("## Files Modified\n- `notes.txt`\n"));
    assert_eq!(entries_of_kind(&p, "file").len(), 2);
    let before = p.active_text();
    let (_, out) = p.hook(&recorded(&p, "PostToolUse-Read"));
    assert_eq!(out, "");
    assert_eq!(p.active_text(), before, "Read only goes to the journal");
    let reads = entries_of_kind(&p, "read");
    assert_eq!(reads.len(), 1);
    assert!(reads[0].contains("path: notes.txt"));
}

#[test]
fn task_tools_sync_progress() {
    let p = project();
    p.hook(&recorded(&p, "TaskCreated"));
    p.hook(&recorded(&p, "PostToolUse-TaskCreate"));
    let t = p.active_text();
    assert_eq!(
        t.matches("- [ ] Write the webhook handler").count(),
        1,
        "one step, not a duplicate:\n{t}"
    );
    p.hook(&recorded(&p, "PostToolUse-TaskUpdate-in_progress"));
    assert!(
        p.active_text()
            .contains("### In Progress\n- [ ] Write the webhook handler ^s1  <- CURRENT"),
        "{}",
        p.active_text()
    );
    p.hook(&recorded(&p, "TaskCompleted"));
    p.hook(&recorded(&p, "PostToolUse-TaskUpdate-completed"));
    let t = p.active_text();
    assert!(t.contains("- [x] Write the webhook handler ("), "{t}");
    assert!(t.contains("**Progress**: 1/1 steps complete"), "{t}");
}

#[test]
fn todowrite_syncs_whole_list() {
    let p = project();
    p.hook(&recorded(&p, "PostToolUse-TodoWrite"));
    let t = p.active_text();
    assert!(t.contains("- [x] Read the sweeper code ("), "{t}");
    assert!(
        t.contains("- [ ] Write the webhook handler ^s1  <- CURRENT"),
        "{t}"
    );
    assert!(
        t.contains("### Remaining\n- [ ] Add a regression test"),
        "{t}"
    );
    assert!(t.contains("**Progress**: 1/3 steps complete"));
    let before = p.active_text();
    p.hook(&recorded(&p, "PostToolUse-TodoWrite"));
    assert_eq!(
        p.active_text(),
        before,
        "the same list twice changes nothing"
    );
}

#[test]
fn stop_and_session_end() {
    let p = project();
    let before = p.active_text();
    let (_, out) = p.hook(&recorded(&p, "Stop"));
    assert_eq!(out, "");
    assert_eq!(p.active_text(), before);
    let st = fs::read_to_string(
        p.path()
            .join(".sessions/.local/claude")
            .join(format!("{CLAUDE}.json")),
    )
    .unwrap();
    assert!(st.contains("last_activity"));
    let (_, out) = p.hook(&recorded(&p, "SessionEnd"));
    assert_eq!(out, "");
    assert_eq!(entries_of_kind(&p, "session-end").len(), 1);
}

#[test]
fn only_paused_sessions_give_a_pointer() {
    let p = project();
    let f = p.active_file();
    let t = fs::read_to_string(&f)
        .unwrap()
        .replace("status: active", "status: paused");
    fs::write(&f, t).unwrap();
    let (_, out) = p.hook(&recorded(&p, "SessionStart-startup"));
    let ctx = context_of(&out, "SessionStart");
    assert!(
        ctx.contains("/session-resume migrate-billing-to-stripe-v2"),
        "{ctx}"
    );
    assert_eq!(ctx.lines().count(), 1);
}

#[test]
fn two_claude_windows_write_to_their_own_sessions() {
    let p = Project::git();
    p.cmd()
        .args(["init", "--name", "alpha", "--goal", "Alpha work"])
        .env("CLAUDE_CODE_SESSION_ID", "win-a")
        .assert()
        .success();
    p.cmd()
        .args(["init", "--name", "beta", "--goal", "Beta work"])
        .env("CLAUDE_CODE_SESSION_ID", "win-b")
        .assert()
        .success();
    let edit = |win: &str, file: &str| {
        payload(
            p.path(),
            "PostToolUse",
            json!({"session_id": win, "tool_name": "Write", "tool_input": {"file_path": p.path().join(file).display().to_string()}}),
        )
    };
    p.hook(&edit("win-a", "a.rs"));
    p.hook(&edit("win-b", "b.rs"));
    let read = |name: &str| {
        let f = fs::read_dir(p.path().join(".sessions/active"))
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().starts_with(name))
            .unwrap();
        fs::read_to_string(f.path()).unwrap()
    };
    assert!(read("alpha").contains("`a.rs`") && !read("alpha").contains("`b.rs`"));
    assert!(read("beta").contains("`b.rs`") && !read("beta").contains("`a.rs`"));
}

// ---------- the host never breaks ----------

enum Expect {
    Silent,
    /// A SessionStart context that names the goal.
    Context,
}

fn no_store() -> Project {
    Project::git()
}

#[test]
fn bad_input_matrix() {
    type Setup = fn() -> Project;
    let big = format!(
        "{{\"hook_event_name\":\"UserPromptSubmit\",\"session_id\":\"x\",\"prompt\":\"{}\"}}",
        "a".repeat(5 * 1024 * 1024)
    );
    type Input = Box<dyn Fn(&Project) -> Vec<u8>>;
    let rows: Vec<(&str, Setup, Input, Expect)> = vec![
        ("empty stdin", project, Box::new(|_| vec![]), Expect::Silent),
        (
            "truncated JSON",
            project,
            Box::new(|p| recorded(p, "SessionStart-startup").as_bytes()[..40].to_vec()),
            Expect::Silent,
        ),
        (
            "invalid UTF-8",
            project,
            Box::new(|_| b"{\"hook_event_name\":\"Stop\",\"x\":\"\xff\xfe\"}".to_vec()),
            Expect::Silent,
        ),
        (
            "JSON of the wrong shape",
            project,
            Box::new(|_| b"[1,2,3]".to_vec()),
            Expect::Silent,
        ),
        (
            "unknown event",
            project,
            Box::new(|p| payload(p.path(), "FutureEvent", json!({"x": 1})).into_bytes()),
            Expect::Silent,
        ),
        (
            "nulls everywhere",
            project,
            Box::new(|p| {
                payload(
                    p.path(),
                    "UserPromptSubmit",
                    json!({"session_id": null, "prompt": null, "transcript_path": null}),
                )
                .into_bytes()
            }),
            Expect::Silent,
        ),
        (
            "no store",
            no_store,
            Box::new(|p| recorded(p, "SessionStart-startup").into_bytes()),
            Expect::Silent,
        ),
        (
            "no store, continue",
            no_store,
            Box::new(|p| with_prompt(p, "continue").into_bytes()),
            Expect::Silent,
        ),
        (
            "5 MB prompt",
            project,
            Box::new(move |_| big.clone().into_bytes()),
            Expect::Silent,
        ),
        (
            "not a git repo",
            || {
                let p = Project::plain();
                p.ok(&["init", "--goal", "Migrate billing to Stripe v2"]);
                p
            },
            Box::new(|p| recorded(p, "SessionStart-startup").into_bytes()),
            Expect::Context,
        ),
        (
            "detached HEAD",
            || {
                let p = project();
                let repo = p.repo();
                let head = repo.head().unwrap().target().unwrap();
                repo.set_head_detached(head).unwrap();
                p
            },
            Box::new(|p| recorded(p, "SessionStart-startup").into_bytes()),
            Expect::Context,
        ),
        (
            "unborn branch",
            || {
                let p = Project::plain();
                git2::Repository::init(p.path()).unwrap();
                p.ok(&["init", "--goal", "Migrate billing to Stripe v2"]);
                p
            },
            Box::new(|p| recorded(p, "SessionStart-startup").into_bytes()),
            Expect::Context,
        ),
        (
            "broken repository",
            || {
                let p = project();
                fs::write(p.path().join(".git/HEAD"), "garbage\n").unwrap();
                p
            },
            Box::new(|p| recorded(p, "SessionStart-startup").into_bytes()),
            Expect::Context,
        ),
        (
            "read-only store",
            || {
                let p = project();
                use std::os::unix::fs::PermissionsExt;
                for d in ["", "active", ".local"] {
                    fs::set_permissions(
                        p.path().join(".sessions").join(d),
                        fs::Permissions::from_mode(0o500),
                    )
                    .unwrap();
                }
                p
            },
            Box::new(|p| recorded(p, "PostToolUse-Write").into_bytes()),
            Expect::Silent,
        ),
        (
            "unparseable session file",
            || {
                let p = project();
                fs::write(p.active_file(), "---\nid: [unclosed\n").unwrap();
                p
            },
            Box::new(|p| recorded(p, "PostToolUse-Write").into_bytes()),
            Expect::Silent,
        ),
    ];
    for (name, setup, input, expect) in rows {
        let p = setup();
        let before: Vec<(std::path::PathBuf, Vec<u8>)> =
            fs::read_dir(p.path().join(".sessions/active"))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| (e.path(), fs::read(e.path()).unwrap()))
                .collect();
        let o = p.cmd().arg("hook").write_stdin(input(&p)).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{name}: exit code");
        let out = String::from_utf8(o.stdout).unwrap();
        match expect {
            Expect::Silent => assert_eq!(out, "", "{name}: stdout"),
            Expect::Context => assert!(
                context_of(&out, "SessionStart").contains("Migrate billing to Stripe v2"),
                "{name}: {out}"
            ),
        }
        if matches!(
            name,
            "unparseable session file"
                | "empty stdin"
                | "truncated JSON"
                | "unknown event"
                | "5 MB prompt"
        ) {
            for (path, bytes) in &before {
                assert!(
                    &fs::read(path).unwrap() == bytes,
                    "{name}: {} changed",
                    path.display()
                );
            }
        }
        if name.starts_with("no store") {
            assert!(
                !p.path().join(".sessions").exists(),
                "{name}: a hook never creates a store"
            );
        }
    }
}

#[test]
fn a_held_lock_ends_in_silence_and_a_log_line() {
    let p = project();
    let lock = p.hold_lock();
    let before = p.active_text();
    let (code, out) = p.hook(&recorded(&p, "PostToolUse-Write"));
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(p.active_text(), before, "nothing written while locked");
    let log = fs::read_to_string(p.path().join(".sessions/.local/hook.log")).unwrap();
    assert!(log.lines().last().unwrap().contains("spooled"), "{log}");
    lock.unlock().unwrap();
    // The next writer applies the spooled event: nothing was lost.
    p.ok(&["log", "--progress", "after the lock"]);
    assert!(
        p.active_text().contains("## Files Modified\n- `notes.txt`"),
        "{}",
        p.active_text()
    );
    assert_eq!(
        fs::read_dir(p.path().join(".sessions/.local/pending"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn preview_shows_without_writing() {
    let p = project();
    let before = p.active_text();
    let out = p.ok(&["preview", "--event", "SessionStart", "--source", "compact"]);
    assert!(out.contains("Migrate billing to Stripe v2") && out.contains("characters on stdout"));
    assert_eq!(
        p.active_text(),
        before,
        "preview changes nothing (no compaction counted)"
    );
    let out = p.ok(&[
        "preview",
        "--event",
        "UserPromptSubmit",
        "--prompt",
        "add a continue statement",
    ]);
    assert!(out.contains("would print nothing"));
}

#[test]
fn start_up_answers_on_time_when_the_work_tree_scan_is_slow() {
    let p = project();
    p.write("dirty.txt", "uncommitted\n");
    let o = p
        .cmd()
        .arg("hook")
        .env("SESSION_HOOK_SCAN_BUDGET_MS", "0")
        .write_stdin(recorded(&p, "SessionStart-startup"))
        .output()
        .unwrap();
    let ctx = context_of(&String::from_utf8(o.stdout).unwrap(), "SessionStart");
    assert!(ctx.contains("Uncommitted files: not scanned here"), "{ctx}");
    let (_, out) = p.hook(&recorded(&p, "SessionStart-startup"));
    assert!(
        context_of(&out, "SessionStart").contains("Uncommitted files: dirty.txt"),
        "with time to scan, the files are listed"
    );
}

#[test]
fn start_up_does_not_scan_a_work_tree_too_big_for_its_budget() {
    let p = project();
    p.write("dirty.txt", "uncommitted\n");
    // An index over the limit: the scan is not started at all, so even a
    // generous budget gives the "not scanned" line.
    let o = p
        .cmd()
        .arg("hook")
        .env("SESSION_HOOK_SCAN_MAX_INDEX", "1")
        .env("SESSION_HOOK_SCAN_BUDGET_MS", "60000")
        .write_stdin(recorded(&p, "SessionStart-startup"))
        .output()
        .unwrap();
    let ctx = context_of(&String::from_utf8(o.stdout).unwrap(), "SessionStart");
    assert!(ctx.contains("Uncommitted files: not scanned here"), "{ctx}");
    assert!(!ctx.contains("dirty.txt"), "{ctx}");
}
