//! Whole-process latency of `session-hook context` on a 1 MB and a 500 MB
//! transcript: reading from the end must make the size irrelevant (target:
//! median ratio at most 1.5). Also times the UserPromptSubmit and
//! PostToolUse hooks on the 500 MB transcript against a bare `cat` fed the
//! same stdin, since they run the same tail read on every prompt.
//!
//! The transcripts are generated once under `target/bench-fixtures/` and
//! reused. Run with `cargo bench --bench context`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "fixtures/transcript.rs"]
mod transcript;
use transcript::fixture;

const RUNS: usize = 61;
const TARGET_RATIO: f64 = 1.5;

type Stats = (Duration, Duration, Duration);

/// Median, 10th and 90th percentile of `RUNS` runs of each of `a` and `b`
/// (after warm-up), run in turns so that load from elsewhere on the
/// machine weighs on both alike.
fn measure_pair(mut a: impl FnMut(), mut b: impl FnMut()) -> (Stats, Stats) {
    for _ in 0..5 {
        a();
        b();
    }
    let (mut va, mut vb) = (Vec::with_capacity(RUNS), Vec::with_capacity(RUNS));
    for i in 0..RUNS {
        // Alternate which goes first, too.
        let time = |f: &mut dyn FnMut(), v: &mut Vec<Duration>| {
            let t = Instant::now();
            f();
            v.push(t.elapsed());
        };
        if i % 2 == 0 {
            time(&mut a, &mut va);
            time(&mut b, &mut vb);
        } else {
            time(&mut b, &mut vb);
            time(&mut a, &mut va);
        }
    }
    let stats = |mut v: Vec<Duration>| {
        v.sort();
        (v[RUNS / 2], v[RUNS / 10], v[RUNS * 9 / 10])
    };
    (stats(va), stats(vb))
}

fn spawn(cmd: &mut Command, stdin: Option<&[u8]>) {
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("spawn");
    if let Some(input) = stdin {
        let mut si = child.stdin.take().expect("stdin");
        si.write_all(input).expect("write stdin");
    }
    let st = child.wait().expect("wait");
    assert!(st.success(), "{cmd:?} failed");
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_session-hook"));
    let small = fixture("transcript-1mb.jsonl", 1_000_000);
    let big = fixture("transcript-500mb.jsonl", 500_000_000);

    let context = |t: &Path| {
        let t = t.to_path_buf();
        let bin = bin.clone();
        move || {
            spawn(
                Command::new(&bin)
                    .args(["context", "--transcript"])
                    .arg(&t)
                    .env_remove("CLAUDE_CODE_SESSION_ID")
                    .env("HOME", "/nonexistent"),
                None,
            )
        }
    };
    let ((s_med, s_lo, s_hi), (b_med, b_lo, b_hi)) = measure_pair(context(&small), context(&big));
    let ratio = b_med.as_secs_f64() / s_med.as_secs_f64();
    println!(
        "session-hook context, whole process, median of {RUNS} runs each, interleaved (p10..p90):"
    );
    println!(
        "  1 MB transcript    {} ({}..{})",
        ms(s_med),
        ms(s_lo),
        ms(s_hi)
    );
    println!(
        "  500 MB transcript  {} ({}..{})",
        ms(b_med),
        ms(b_lo),
        ms(b_hi)
    );
    println!("  ratio 500 MB / 1 MB: {ratio:.2} (target <= {TARGET_RATIO})");

    // The hooks on the big transcript, against `cat` fed the same stdin.
    let proj = tempfile::tempdir().expect("tempdir");
    let st = Command::new(&bin)
        .args(["init", "--goal", "Bench the hooks"])
        .current_dir(proj.path())
        .env_remove("CLAUDE_PROJECT_DIR")
        .output()
        .expect("init");
    assert!(st.status.success(), "init failed");
    let cwd = proj.path().display().to_string();
    let big_s = big.display().to_string();
    let events = [
        (
            "UserPromptSubmit",
            serde_json::json!({"prompt": "Add a unit test for the parser"}),
        ),
        (
            "PostToolUse",
            serde_json::json!({"tool_name": "Bash", "tool_input": {"command": "ls"}, "tool_response": {"stdout": ""}}),
        ),
    ];
    println!(
        "hooks on the 500 MB transcript, whole process, median (ratio to `cat` of the same stdin):"
    );
    for (event, extra) in events {
        let mut p = serde_json::json!({
            "session_id": "bench-0000-0000-0000-000000000000",
            "transcript_path": big_s,
            "cwd": cwd,
            "hook_event_name": event,
            "permission_mode": "default",
        });
        for (k, v) in extra.as_object().expect("object") {
            p[k] = v.clone();
        }
        let input = p.to_string().into_bytes();
        let ((cat, _, _), (hook, _, _)) = measure_pair(
            || spawn(&mut Command::new("cat"), Some(&input)),
            || {
                spawn(
                    Command::new(&bin)
                        .arg("hook")
                        .current_dir(proj.path())
                        .env_remove("CLAUDE_PROJECT_DIR"),
                    Some(&input),
                )
            },
        );
        println!(
            "  {event:<17} {} vs cat {} ({:.2}x)",
            ms(hook),
            ms(cat),
            hook.as_secs_f64() / cat.as_secs_f64()
        );
    }
    if ratio > TARGET_RATIO {
        eprintln!("FAIL: the 500 MB transcript took {ratio:.2}x the 1 MB one");
        std::process::exit(1);
    }
}
