//! Whole-process timings of `pause` and `resume` (and SessionStart) on a
//! generated repository with 20,000 commits and 10,000 files.
//!
//! `cargo bench --bench pause_resume`. The repository is built once with
//! git2 plumbing (objects written to an in-memory pack, then one packfile)
//! and cached under `target/bench-fixtures/`; each run works on a copy.
//! Targets: pause ≤ 150 ms and resume ≤ 50 ms (medians).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use git2::Repository;

#[path = "fixtures/repo.rs"]
mod repo;
use repo::*;

const PAUSE_TARGET_MS: f64 = 150.0;
const RESUME_TARGET_MS: f64 = 50.0;
const SESSION_START_MAX_RATIO: f64 = 10.0;

fn main() {
    let iters: usize = std::env::var("BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(21);
    let fixture = fixture_dir();
    let t = Instant::now();
    let built = ensure_fixture(&fixture);
    println!(
        "fixture: {COMMITS} commits, {FILES} files at {} ({} in {:.1} s)",
        fixture.display(),
        if built { "generated" } else { "cached" },
        t.elapsed().as_secs_f64()
    );

    let tmp = tempfile::tempdir().expect("tempdir");
    let work = tmp.path().join("repo");
    copy_dir(&fixture, &work);
    refresh_index(&work);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_session-hook"));
    let run = |args: &[&str]| -> Duration {
        let t = Instant::now();
        let out = Command::new(&bin)
            .args(args)
            .current_dir(&work)
            .env_remove("CLAUDE_PROJECT_DIR")
            .env_remove("CLAUDE_CODE_SESSION_ID")
            .env_remove("SESSION_HOOK_NOW")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .expect("run session-hook");
        let d = t.elapsed();
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        d
    };

    run(&[
        "init",
        "--name",
        "bench",
        "--goal",
        "Measure pause and resume",
    ]);
    add_key_files(&work);
    make_dirty(&work);
    let repo = Repository::open(&work).unwrap();

    let payload = serde_json::json!({
        "session_id": "bench-claude-session",
        "transcript_path": "",
        "cwd": work.display().to_string(),
        "hook_event_name": "SessionStart",
        "source": "startup",
    })
    .to_string();
    let hook = |stdin: &str| -> Duration { piped(&bin, &["hook"], &work, stdin) };

    // One warm-up round: page cache, first snapshot, first pause commit.
    run(&["pause", "-s", "warm-up"]);
    run(&["resume", "bench"]);

    let mut pause = Vec::new();
    let mut resume = Vec::new();
    let mut start = Vec::new();
    let mut cat = Vec::new();
    // References that explain the figures: git's own status in the same
    // repository, and one durable write (temp file, fsync, rename, folder
    // fsync) on this disk.
    let mut git_status = Vec::new();
    let mut durable = Vec::new();
    for i in 0..iters {
        let s = format!("bench round {i}");
        let a = format!("finished step {i}");
        let n = format!("next step {i}");
        pause.push(run(&["pause", "-s", &s, "-a", &a, "-n", &n]));
        // Work lands while the session is paused.
        for k in 0..3 {
            let f = (1000 + i * 7 + k * 131) % FILES;
            commit_change(&repo, &file_path(f), f, &format!("while paused {i}.{k}"));
        }
        resume.push(run(&["resume", "bench"]));
        start.push(hook(&payload));
        cat.push(piped(Path::new("cat"), &[], &work, &payload));
        if let Some(d) = git_status_time(&work) {
            git_status.push(d);
        }
        let t = Instant::now();
        durable_write(&tmp.path().join("durable.txt"), payload.as_bytes());
        durable.push(t.elapsed());
    }

    let cat_ms = median_ms(&mut cat);
    println!("runs: {iters} each (whole process, release build)");
    report_all(&mut pause, &mut resume, &mut start, cat_ms);
    println!("cat          median {cat_ms:6.2} ms (the same stdin as the hook)");
    if !git_status.is_empty() {
        println!(
            "reference: `git status --porcelain` median {:.2} ms in the same repository",
            median_ms(&mut git_status)
        );
    }
    println!(
        "reference: one durable write median {:.2} ms (pause makes 4 + one per accomplishment)",
        median_ms(&mut durable)
    );
    small_project(&bin, iters);
}

/// `git status` as a yardstick, when git is installed.
fn git_status_time(dir: &Path) -> Option<Duration> {
    let t = Instant::now();
    let st = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    st.success().then(|| t.elapsed())
}

/// The same three commands in an ordinary project (50 files, 300
/// commits), where SessionStart must stay within 10× `cat`.
fn small_project(bin: &Path, iters: usize) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let repo = Repository::init(dir).unwrap();
    let now = chrono::Utc::now().timestamp();
    for c in 0..300usize {
        let i = c % 50;
        fs::write(dir.join(format!("f{i:02}.rs")), file_text(i, c)).unwrap();
        let mut idx = repo.index().unwrap();
        idx.add_path(Path::new(&format!("f{i:02}.rs"))).unwrap();
        idx.write().unwrap();
        let s = sig(now - (300 - c as i64) * 600);
        session_hook::git::commit_index(&repo, &mut idx, &s, &format!("commit {c}")).unwrap();
    }
    let run = |args: &[&str], stdin: &str| piped(bin, args, dir, stdin);
    let claude = "small-claude-session";
    run(&["init", "--name", "small", "--goal", "Small project"], "");
    let payload = serde_json::json!({
        "session_id": claude,
        "transcript_path": "",
        "cwd": dir.display().to_string(),
        "hook_event_name": "SessionStart",
        "source": "startup",
    })
    .to_string();
    let (mut pause, mut resume, mut start, mut cat) = (vec![], vec![], vec![], vec![]);
    for i in 0..iters {
        pause.push(run(
            &["pause", "-s", &format!("round {i}"), "-a", "done"],
            "",
        ));
        let f = format!("f{:02}.rs", i % 50);
        commit_change(&repo_small(dir), &f, i % 50, &format!("while paused {i}"));
        resume.push(run(&["resume", "small", "--claude-session", claude], ""));
        start.push(run(&["hook"], &payload));
        cat.push(run_cat(dir, &payload));
    }
    let cat_ms = median_ms(&mut cat);
    println!("small project (50 files, 300 commits):");
    report_all(&mut pause, &mut resume, &mut start, cat_ms);
    println!("cat          median {cat_ms:6.2} ms");
}

fn repo_small(dir: &Path) -> Repository {
    Repository::open(dir).unwrap()
}

/// The three timed commands against their targets.
fn report_all(
    pause: &mut [Duration],
    resume: &mut [Duration],
    start: &mut [Duration],
    cat_ms: f64,
) {
    report("pause", pause, Some(PAUSE_TARGET_MS), cat_ms, None);
    report("resume", resume, Some(RESUME_TARGET_MS), cat_ms, None);
    report(
        "SessionStart",
        start,
        None,
        cat_ms,
        Some(SESSION_START_MAX_RATIO),
    );
}

fn run_cat(dir: &Path, stdin: &str) -> Duration {
    piped(Path::new("cat"), &[], dir, stdin)
}

fn median_ms(v: &mut [Duration]) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn report(name: &str, v: &mut [Duration], target: Option<f64>, cat: f64, max_ratio: Option<f64>) {
    let med = median_ms(v);
    let min = v[0].as_secs_f64() * 1000.0;
    let max = v[v.len() - 1].as_secs_f64() * 1000.0;
    let ratio = med / cat;
    let verdict = match (target, max_ratio) {
        (Some(t), _) => format!(
            "target ≤ {t:.0} ms: {}",
            if med <= t { "met" } else { "MISSED" }
        ),
        (None, Some(r)) => format!(
            "target ≤ {r:.0}× cat: {}",
            if ratio <= r { "met" } else { "MISSED" }
        ),
        (None, None) => String::new(),
    };
    println!(
        "{name:<12} median {med:6.2} ms (min {min:.2}, max {max:.2}), {ratio:5.1}× cat; {verdict}"
    );
}

/// Time a process fed `stdin`, output discarded.
fn piped(bin: &Path, args: &[&str], dir: &Path, stdin: &str) -> Duration {
    let t = Instant::now();
    let mut c = Command::new(bin)
        .args(args)
        .current_dir(dir)
        .env_remove("CLAUDE_PROJECT_DIR")
        .env_remove("CLAUDE_CODE_SESSION_ID")
        .env_remove("SESSION_HOOK_NOW")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    c.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let st = c.wait().unwrap();
    let d = t.elapsed();
    assert!(st.success());
    d
}

/// Name a few Key Files in the session document.
fn add_key_files(work: &Path) {
    let active = work.join(".sessions/active");
    let f = fs::read_dir(&active)
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let t = fs::read_to_string(&f).unwrap().replace(
        "**Key Files**:\n- (none yet)",
        &format!(
            "**Key Files**:\n- `{}` - core\n- `{}` - helpers\n- `src/m09/` - the last module",
            file_path(7),
            file_path(4242)
        ),
    );
    fs::write(&f, t).unwrap();
}

/// Uncommitted work, as a user would have at a pause: edits, a staged
/// change, new files.
fn make_dirty(work: &Path) {
    let repo = Repository::open(work).unwrap();
    for i in [7usize, 1234, 5678, 9001] {
        fs::write(work.join(file_path(i)), file_text(i, 999_999)).unwrap();
    }
    let mut idx = repo.index().unwrap();
    idx.add_path(Path::new(&file_path(1234))).unwrap();
    idx.write().unwrap();
    fs::write(work.join("scratch.txt"), "notes\n").unwrap();
    fs::write(work.join("src/m00/new_module.rs"), "pub fn n() {}\n").unwrap();
}

/// A commit on HEAD changing one file (work tree and index too, as a
/// teammate's pulled commit would).
fn commit_change(repo: &Repository, path: &str, i: usize, msg: &str) {
    let work = repo.workdir().unwrap().to_path_buf();
    let text = format!("{}// {msg}\n", file_text(i, 1));
    fs::write(work.join(path), &text).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let blob = repo.blob(text.as_bytes()).unwrap();
    let mut up = git2::build::TreeUpdateBuilder::new();
    up.upsert(path, blob, git2::FileMode::Blob);
    let tree = repo
        .find_tree(up.create_updated(repo, &head.tree().unwrap()).unwrap())
        .unwrap();
    let s = sig(chrono::Utc::now().timestamp());
    repo.commit(Some("HEAD"), &s, &s, msg, &tree, &[&head])
        .unwrap();
    let mut idx = repo.index().unwrap();
    idx.read(true).unwrap();
    idx.add_path(Path::new(path)).unwrap();
    idx.write().unwrap();
}

/// What the store does for every durable rewrite: a temp file in the same
/// folder, fsync, rename.
fn durable_write(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).unwrap();
    std::io::Write::write_all(&mut f, bytes).unwrap();
    f.sync_all().unwrap();
    std::fs::rename(&tmp, path).unwrap();
}
