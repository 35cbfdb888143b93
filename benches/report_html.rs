//! Whole-process time of `session-hook report html` (and `--json`) on a
//! session with thousands of journal entries whose Claude conversation
//! left a 300 MB transcript, all of it after the session began, so the
//! whole file must be read. Set against `cat` of the same transcript (the
//! least any whole read costs) and against the same session with a 1 MB
//! transcript. Target: well under a second.
//!
//! The transcripts are generated once under `target/bench-fixtures/`.
//! Run with `cargo bench --bench report_html`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "fixtures/transcript.rs"]
mod transcript;

const RUNS: usize = 15;
const ENTRIES: usize = 5000;
const CLAUDE: &str = "b0b0b0b0-0000-4000-8000-00000000be7c";
const TARGET: Duration = Duration::from_millis(1000);

fn median(mut f: impl FnMut()) -> (Duration, Duration, Duration) {
    for _ in 0..2 {
        f();
    }
    let mut v: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    (v[RUNS / 2], v[0], v[RUNS - 1])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn run(cmd: &mut Command) {
    let st = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
        .expect("spawn");
    assert!(st.success(), "{cmd:?} failed");
}

/// A project whose session began before the transcript's first line, with
/// `ENTRIES` journal entries (edits, decisions, discoveries, steps), and
/// the conversation's transcript linked where Claude Code keeps it.
fn project(bin: &Path, transcript: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("proj");
    std::fs::create_dir_all(&root).unwrap();
    let claude_home = tmp.path().join("claude");
    let dir = claude_home
        .join("projects")
        .join(session_hook::transcript::project_key(&root));
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(transcript, dir.join(format!("{CLAUDE}.jsonl"))).unwrap();
    run(Command::new(bin)
        .args(["init", "--name", "bench", "--goal", "A long session"])
        .arg(format!("--claude-session={CLAUDE}"))
        .current_dir(&root)
        .env_remove("CLAUDE_PROJECT_DIR")
        .env("SESSION_HOOK_NOW", "2026-01-15T08:00:00Z"));
    // Entries in the journal's own layout: one file each, named by stamp.
    let active = root.join(".sessions/active");
    let doc = std::fs::read_dir(&active)
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(doc).unwrap();
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .expect("an id")
        .trim();
    let entries = root.join(".sessions/journal").join(id).join("entries");
    std::fs::create_dir_all(&entries).unwrap();
    let t0 = chrono::DateTime::parse_from_rfc3339("2026-01-15T08:00:00Z").unwrap();
    for i in 0..ENTRIES {
        let at = t0 + chrono::Duration::seconds(i as i64 * 20);
        let path = format!("src/module_{}.rs", i % 97);
        let (kind, fields, text) = match i % 10 {
            0 => (
                "decision",
                "rationale: it is simpler\n".to_string(),
                format!("Decision {i}"),
            ),
            1 => ("discovery", String::new(), format!("Found thing {i}")),
            2 => ("progress", String::new(), format!("Note {i}")),
            _ => (
                "file",
                format!("path: {path}\ntool: Edit\n"),
                format!("Edit {path}"),
            ),
        };
        let body = format!(
            "---\nkind: {kind}\nat: {}\nsession: {id}\n{fields}---\n{text}\n",
            at.format("%Y-%m-%dT%H:%M:%SZ")
        );
        let name = format!("{}-{kind}-{i:08x}.md", at.format("%Y%m%dT%H%M%S%.6fZ"));
        std::fs::write(entries.join(name), body).unwrap();
    }
    (tmp, claude_home)
}

fn main() {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_session-hook"));
    let big = transcript::fixture("transcript-300mb.jsonl", 300_000_000);
    let small = transcript::fixture("transcript-1mb.jsonl", 1_000_000);
    let (big_proj, big_home) = project(&bin, &big);
    let (small_proj, small_home) = project(&bin, &small);
    let report = |proj: &tempfile::TempDir, home: &Path, json: bool| {
        let mut c = Command::new(&bin);
        c.args(["report", "html", "bench"])
            .current_dir(proj.path().join("proj"))
            .env_remove("CLAUDE_PROJECT_DIR")
            .env("CLAUDE_CONFIG_DIR", home)
            .env("SESSION_HOOK_NOW", "2026-01-16T08:00:00Z");
        if json {
            c.arg("--json");
        }
        run(&mut c);
    };
    println!(
        "session-hook report html, whole process, {ENTRIES} journal entries, median of {RUNS} (min..max):"
    );
    let (cat, cat_lo, cat_hi) = median(|| run(Command::new("cat").arg(&big)));
    println!(
        "  cat of the 300 MB transcript      {} ({}..{})",
        ms(cat),
        ms(cat_lo),
        ms(cat_hi)
    );
    let mut worst = Duration::ZERO;
    for (name, proj, home, json) in [
        ("1 MB transcript, html  ", &small_proj, &small_home, false),
        ("300 MB transcript, html", &big_proj, &big_home, false),
        ("300 MB transcript, json", &big_proj, &big_home, true),
    ] {
        let (m, lo, hi) = median(|| report(proj, home, json));
        worst = worst.max(m);
        println!(
            "  {name}           {} ({}..{}), {:.2}x cat",
            ms(m),
            ms(lo),
            ms(hi),
            m.as_secs_f64() / cat.as_secs_f64()
        );
    }
    let page = std::fs::read_dir(big_proj.path().join("proj/.sessions/reports"))
        .unwrap()
        .flatten()
        .next()
        .map(|e| e.metadata().unwrap().len())
        .unwrap_or(0);
    println!("  page size (300 MB transcript): {} KiB", page / 1024);
    if worst > TARGET {
        eprintln!(
            "FAIL: the report took {} (target: under {})",
            ms(worst),
            ms(TARGET)
        );
        std::process::exit(1);
    }
}
