//! Shared helpers for the integration tests: throw-away projects, git
//! repositories built with git2, and the binary under test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use git2::{Repository, Signature};

/// A throw-away project folder (optionally a git repository).
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A plain folder, not a git repository.
    pub fn plain() -> Project {
        Project {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A git repository with one commit (README.md).
    pub fn git() -> Project {
        let p = Project::plain();
        let repo = Repository::init(p.path()).expect("git init");
        p.write("README.md", "hello\n");
        p.commit_all(&repo, "initial commit");
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn repo(&self) -> Repository {
        Repository::open(self.path()).expect("open repo")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Stage everything and commit; returns the new commit id.
    pub fn commit_all(&self, repo: &Repository, msg: &str) -> git2::Oid {
        let mut idx = repo.index().unwrap();
        idx.add_all(["*"].iter(), git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        idx.write().unwrap();
        let sig = Signature::now("Test", "test@example.com").unwrap();
        session_hook::git::commit_index(repo, &mut idx, &sig, msg).unwrap()
    }

    /// `session-hook` with `--dir` set to this project and a clean
    /// environment (no Claude variables leaking in from the host).
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(bin());
        c.current_dir(self.path())
            .env_remove("CLAUDE_PROJECT_DIR")
            .env_remove("CLAUDE_CODE_SESSION_ID")
            .env("SESSION_HOOK_NOW", "2026-01-15T10:00:00Z");
        c
    }

    /// Run a command line and return its output (no assertion).
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run session-hook")
    }

    /// Take the store lock as another writer would; held until the file
    /// is dropped.
    pub fn hold_lock(&self) -> std::fs::File {
        let lock = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(self.path().join(".sessions/.local/lock"))
            .unwrap();
        lock.lock().unwrap();
        lock
    }

    /// Run and require success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        stdout_of_success(self.run(args), args)
    }

    /// Run and require success with the clock pinned at `now`, or with the
    /// real clock when `now` is `None`; returns stdout.
    pub fn ok_at(&self, now: Option<&str>, args: &[&str]) -> String {
        let mut c = self.cmd();
        match now {
            Some(t) => c.env("SESSION_HOOK_NOW", t),
            None => c.env_remove("SESSION_HOOK_NOW"),
        };
        let o = c.args(args).output().expect("run session-hook");
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// Feed a hook payload; returns (exit code, stdout).
    pub fn hook(&self, payload: &str) -> (i32, String) {
        let o = self
            .cmd()
            .arg("hook")
            .write_stdin(payload.as_bytes().to_vec())
            .output()
            .unwrap();
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8(o.stdout).unwrap(),
        )
    }

    /// The single active session file.
    pub fn active_file(&self) -> PathBuf {
        let mut v: Vec<PathBuf> = std::fs::read_dir(self.path().join(".sessions/active"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        v.sort();
        assert_eq!(v.len(), 1, "expected one active session, found {v:?}");
        v.remove(0)
    }

    /// The text of the session named `name` (its file starts with
    /// `name-`), active or archived.
    pub fn session_text(&self, name: &str) -> String {
        for dir in [".sessions/active", ".sessions/archive"] {
            for f in std::fs::read_dir(self.path().join(dir))
                .into_iter()
                .flatten()
                .flatten()
            {
                let n = f.file_name().to_string_lossy().into_owned();
                if n.starts_with(&format!("{name}-")) && n.ends_with(".md") {
                    return std::fs::read_to_string(f.path()).unwrap();
                }
            }
        }
        panic!("no session {name}")
    }

    pub fn active_text(&self) -> String {
        std::fs::read_to_string(self.active_file()).unwrap()
    }

    /// Journal entry files of every session, sorted.
    pub fn journal_entries(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let j = self.path().join(".sessions/journal");
        for s in std::fs::read_dir(j).into_iter().flatten().flatten() {
            for e in std::fs::read_dir(s.path().join("entries"))
                .into_iter()
                .flatten()
                .flatten()
            {
                out.push(e.path());
            }
        }
        out.sort();
        out
    }
}

/// A file of this repository (not of a test project), e.g. `hooks/hooks.json`.
pub fn repo_file(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_session-hook"))
}

/// The `additionalContext` of a hook's stdout ("" when it printed nothing).
pub fn injected(stdout: &str) -> String {
    if stdout.trim().is_empty() {
        return String::new();
    }
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    v["hookSpecificOutput"]["additionalContext"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A hook payload with the common fields filled in.
pub fn payload(cwd: &Path, event: &str, extra: serde_json::Value) -> String {
    let mut v = serde_json::json!({
        "session_id": "11111111-2222-3333-4444-555555555555",
        "transcript_path": "",
        "cwd": cwd.display().to_string(),
        "hook_event_name": event,
    });
    if let (Some(m), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        for (k, val) in e {
            m.insert(k.clone(), val.clone());
        }
    }
    v.to_string()
}

/// A pinned npm package's executable: from `$env`, else installed once
/// into `target/e2e-cache/<dir>`. `None` when npm is missing.
pub fn npm_bin(env: &str, dir: &str, package: &str, bin: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).map(PathBuf::from)
        && p.exists()
    {
        return Some(p);
    }
    let npm_ok = std::process::Command::new("npm")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !npm_ok {
        return None;
    }
    let cache = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/e2e-cache")
        .join(dir);
    let exe = cache.join("node_modules/.bin").join(bin);
    if !exe.exists() {
        std::fs::create_dir_all(&cache).unwrap();
        let st = std::process::Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                package,
            ])
            .current_dir(&cache)
            .status()
            .expect("run npm");
        assert!(st.success(), "npm install {package} failed");
    }
    Some(exe)
}

/// The `.md` files directly in `dir`, sorted (none when it is missing).
pub fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    v.sort();
    v
}

/// The stdout of a command that must have succeeded (`what` names it in
/// the failure, with both outputs).
pub fn stdout_of_success(o: Output, what: impl std::fmt::Debug) -> String {
    assert!(
        o.status.success(),
        "{what:?} failed:\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}
