//! `session-hook demo`: the whole story in a throw-away git project. Every
//! step runs this very binary (its commands, and its `hook` entry fed with
//! payloads shaped like Claude Code's), and shows what Claude would receive.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use clap::Args;
use serde_json::{Value, json};

use crate::cli::Global;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep the throw-away project (its path is printed) instead of deleting it.
    #[arg(long)]
    pub keep: bool,
}

/// The Claude Code session ids of the story: one conversation on the first
/// day, a fresh one the next morning.
const CLAUDE_DAY1: &str = "5e551011-0000-4000-8000-00000000da71";
const CLAUDE_DAY2: &str = "5e551011-0000-4000-8000-00000000da72";

/// Longest injection shown in full; the rest is counted.
const SHOW_LINES: usize = 40;

struct Demo {
    exe: PathBuf,
    dir: PathBuf,
    claude: &'static str,
    step: usize,
    /// Where the story's Claude Code keeps its transcripts
    /// (`$CLAUDE_CONFIG_DIR`), so the report can chart them.
    claude_home: PathBuf,
    /// Replies written so far, to give each a unique id.
    replies: usize,
}

/// How a hook's stdout reaches Claude, in words (pure).
pub fn describe(event: &str, stdout: &str) -> String {
    let quote = |text: &str| -> String {
        let lines: Vec<&str> = text.lines().collect();
        let mut s: String = lines
            .iter()
            .take(SHOW_LINES)
            .map(|l| format!("    │ {l}\n"))
            .collect();
        if lines.len() > SHOW_LINES {
            s.push_str(&format!(
                "    │ … ({} more lines)\n",
                lines.len() - SHOW_LINES
            ));
        }
        s
    };
    let out = stdout.trim();
    if out.is_empty() {
        return "  → Claude receives nothing (the hook stays silent).\n".into();
    }
    if let Ok(v) = serde_json::from_str::<Value>(out)
        && let Some(ctx) = v
            .pointer("/hookSpecificOutput/additionalContext")
            .and_then(Value::as_str)
    {
        return format!(
            "  → Claude receives, as {event} additional context ({} characters):\n{}",
            ctx.chars().count(),
            quote(ctx)
        );
    }
    if event == "PreCompact" {
        return format!(
            "  → Added to the compaction summariser's instructions ({} characters):\n{}",
            out.chars().count(),
            quote(out)
        );
    }
    format!("  → stdout:\n{}", quote(out))
}

impl Demo {
    fn section(&mut self, title: &str, story: &str) {
        self.step += 1;
        println!("\n== {}. {title} ==", self.step);
        for l in story.lines() {
            println!("{l}");
        }
    }

    fn base(&self) -> Command {
        let mut c = Command::new(&self.exe);
        c.current_dir(&self.dir)
            .env("CLAUDE_PROJECT_DIR", &self.dir)
            // The story binds its own Claude sessions; one from the shell
            // running the demo must not leak in.
            .env_remove("CLAUDE_CODE_SESSION_ID")
            .env("CLAUDE_CONFIG_DIR", &self.claude_home);
        c
    }

    /// The transcript of the current conversation, where Claude Code
    /// would keep it.
    fn transcript(&self) -> PathBuf {
        self.claude_home
            .join("projects")
            .join(crate::transcript::project_key(&self.dir))
            .join(format!("{}.jsonl", self.claude))
    }

    /// Append one line to the conversation's transcript, stamped now.
    fn transcribe(&self, mut line: Value) -> Result<()> {
        let p = self.transcript();
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d)?;
        }
        line["timestamp"] = json!(crate::clock::iso(crate::clock::now()));
        line["sessionId"] = json!(self.claude);
        line["isSidechain"] = json!(false);
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&p)
            .with_context(|| format!("cannot write {}", p.display()))?;
        writeln!(f, "{line}")?;
        Ok(())
    }

    /// Claude's replies, each with the context size it reported.
    fn replies(&mut self, tokens: &[u64]) -> Result<()> {
        for t in tokens {
            self.replies += 1;
            self.transcribe(json!({"type": "assistant", "message": {
                "id": format!("msg_demo_{}", self.replies), "type": "message", "role": "assistant",
                "model": "claude-opus-5", "content": [{"type": "text", "text": "Working on it."}],
                "usage": {"input_tokens": t - 2000, "cache_creation_input_tokens": 500,
                    "cache_read_input_tokens": 1500, "output_tokens": 120}}}))?;
        }
        Ok(())
    }

    /// Run a session-hook command as a user (or a slash command) would.
    fn run(&self, args: &[&str]) -> Result<String> {
        let shown: Vec<String> = args
            .iter()
            .map(|a| {
                if a.contains(' ') || a.is_empty() {
                    format!("\"{a}\"")
                } else {
                    a.to_string()
                }
            })
            .collect();
        println!("  $ session-hook {}", shown.join(" "));
        let o = self
            .base()
            .args(args)
            .output()
            .with_context(|| format!("cannot run {}", self.exe.display()))?;
        let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
        if !o.status.success() {
            bail!(
                "`session-hook {}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&o.stderr).trim()
            );
        }
        for l in stdout.lines() {
            println!("    {l}");
        }
        Ok(stdout)
    }

    /// The payload Claude Code would send for `event`.
    fn payload(&self, event: &str, extra: Value) -> Value {
        let mut v = json!({
            "session_id": self.claude,
            "transcript_path": "",
            "cwd": self.dir.display().to_string(),
            "hook_event_name": event,
        });
        if let (Some(m), Value::Object(e)) = (v.as_object_mut(), extra) {
            m.extend(e);
        }
        v
    }

    /// Fire one hook event through `session-hook hook`, exactly as Claude
    /// Code runs it, and show what Claude receives.
    fn hook(&self, what: &str, event: &str, extra: Value) -> Result<String> {
        let payload = self.payload(event, extra);
        let log = self.dir.join(".sessions/.local/hook.log");
        let logged_before = crate::fsutil::read_text(&log).map_or(0, |t| t.lines().count());
        println!("  Claude Code fires {what}");
        let mut child = self
            .base()
            .arg("hook")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot run {}", self.exe.display()))?;
        child
            .stdin
            .take()
            .context("no stdin")?
            .write_all(payload.to_string().as_bytes())?;
        let o = child.wait_with_output()?;
        let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
        if o.status.code() != Some(0) {
            bail!("the {event} hook exited with {:?}", o.status.code());
        }
        print!("{}", describe(event, &stdout));
        // Claude Code keeps what a hook adds in the transcript.
        if let Ok(v) = serde_json::from_str::<Value>(stdout.trim())
            && let Some(ctx) = v
                .pointer("/hookSpecificOutput/additionalContext")
                .and_then(Value::as_str)
        {
            self.transcribe(json!({"type": "attachment", "attachment": {
                "type": "hook_additional_context", "content": [ctx],
                "hookName": event, "hookEvent": event}}))?;
        }
        // The hook's own account of what it did and how long it took.
        if let Some(last) = crate::fsutil::read_text(&log)
            .ok()
            .and_then(|t| t.lines().nth(logged_before).map(str::to_string))
        {
            let f: Vec<&str> = last.split('\t').collect();
            if let [_, _, ms, status, note] = f[..] {
                println!("    (hook log: {status}, {ms} ms: {note})");
            }
        }
        Ok(stdout)
    }

    /// What Claude Code's status bar would show.
    fn statusline(&self, used_pct: u64) -> Result<()> {
        let input = json!({
            "session_id": self.claude,
            "cwd": self.dir.display().to_string(),
            "workspace": {"current_dir": self.dir.display().to_string(), "project_dir": self.dir.display().to_string()},
            "model": {"id": "claude-opus-5", "display_name": "Opus"},
            "context_window": {"context_window_size": 200000, "used_percentage": used_pct},
        });
        let mut child = self
            .base()
            .arg("statusline")
            .env("COLUMNS", "100")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        child
            .stdin
            .take()
            .context("no stdin")?
            .write_all(input.to_string().as_bytes())?;
        let o = child.wait_with_output()?;
        println!(
            "  Status bar: {}",
            String::from_utf8_lossy(&o.stdout).trim_end()
        );
        Ok(())
    }

    fn write(&self, rel: &str, text: &str) -> Result<()> {
        let p = self.dir.join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d)?;
        }
        std::fs::write(&p, text).with_context(|| format!("cannot write {}", p.display()))
    }

    /// Commit everything outside `.sessions/` (which the tool commits
    /// itself when pausing) with a fixed author.
    fn commit(&self, msg: &str) -> Result<String> {
        let repo = git2::Repository::open(&self.dir)?;
        let id = crate::git::commit_work_tree(&repo, ("Demo", "demo@example.com"), msg)?;
        let short = id.to_string()[..7].to_string();
        println!("  (git) {short} {msg}");
        Ok(short)
    }
}

const SWEEPER_V1: &str = "pub struct Sweeper { state: State, lock: Mutex<()> }\n\nimpl Sweeper {\n    pub fn sweep(&self) {\n        if self.state.is_idle() {\n            let _g = self.lock.lock();\n            self.state.clear();\n        }\n    }\n}\n";
const SWEEPER_V2: &str = "pub struct Sweeper { state: State, lock: Mutex<()> }\n\nimpl Sweeper {\n    pub fn sweep(&self) {\n        let _g = self.lock.lock();\n        if self.state.is_idle() {\n            self.state.clear();\n        }\n    }\n}\n";

pub fn run(_g: &Global, a: DemoArgs) -> Result<()> {
    let exe = std::env::current_exe().context("cannot find the path of this binary")?;
    let tmp = tempfile::Builder::new()
        .prefix("session-hook-demo-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let dir = std::fs::canonicalize(tmp.path())?;
    let home = tempfile::Builder::new()
        .prefix("session-hook-demo-claude-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let mut d = Demo {
        exe,
        dir: dir.clone(),
        claude: CLAUDE_DAY1,
        step: 0,
        claude_home: home.path().to_path_buf(),
        replies: 0,
    };
    println!("session-hook demo: the whole loop in a throw-away project.");
    println!("Every step runs the real binary; hook steps feed it the JSON Claude Code sends.");
    story(&mut d)?;
    // The report outlives a removed project: then it goes to the system's
    // temporary folder.
    let report = if a.keep {
        None
    } else {
        let p = std::env::temp_dir().join(format!(
            "session-hook-demo-report-{}.html",
            crate::clock::file_stamp(crate::clock::now())
        ));
        Some(p)
    };
    let page = report_step(&mut d, report.as_deref())?;
    if a.keep {
        let kept = tmp.keep();
        let home = home.keep();
        println!(
            "\nThe project is kept at {} (look at .sessions/ and .claude/), its transcripts at {}.",
            kept.display(),
            home.display()
        );
    } else {
        let shown = dir.display().to_string();
        tmp.close()
            .with_context(|| format!("cannot remove {shown}"))?;
        home.close()
            .context("cannot remove the demo's transcripts")?;
        println!("\nDone; {shown} was removed (run `session-hook demo --keep` to look around).");
    }
    println!("The report: {}", page.display());
    Ok(())
}

/// The last step: the whole story as one page of pictures. Returns where
/// the page is.
fn report_step(d: &mut Demo, out: Option<&std::path::Path>) -> Result<PathBuf> {
    d.section(
        "The report",
        "One self-contained page of pictures: context over time for both conversations (the compaction, and where the resume context came back), the timeline of steps, decisions and pauses, and where the work went. The transcripts it reads were written by this demo, shaped like Claude Code's.",
    );
    let page = match out {
        Some(p) => {
            let shown = p.display().to_string();
            d.run(&["report", "html", "sweeper-race", "--out", &shown])?;
            p.to_path_buf()
        }
        None => {
            let printed = d.run(&["report", "html", "sweeper-race"])?;
            let rel = printed
                .lines()
                .find_map(|l| {
                    l.split_once(" written to ")
                        .map(|(_, p)| p.trim().to_string())
                })
                .context("the report command did not say where it wrote the page")?;
            d.dir.join(rel)
        }
    };
    Ok(page)
}

fn story(d: &mut Demo) -> Result<()> {
    d.section(
        "A project",
        &format!(
            "A git repository with a race in its sweeper, at {}.",
            d.dir.display()
        ),
    );
    git2::Repository::init(&d.dir).context("cannot create the demo repository")?;
    d.write("README.md", "# sweeper\n")?;
    d.write("src/sweeper.rs", SWEEPER_V1)?;
    d.commit("Initial sweeper")?;

    d.section(
        "Install",
        "Hooks and /session-* commands go into this project's .claude/ (your own settings are not touched).",
    );
    d.run(&["install"])?;
    d.commit("Wire up session-hook")?;

    d.section(
        "Claude Code starts",
        "No session exists yet, so the start-up hook has nothing to say.",
    );
    d.hook(
        "SessionStart (source: startup)",
        "SessionStart",
        json!({"source": "startup", "model": "claude-opus-5"}),
    )?;

    d.section(
        "/session-init",
        "The user starts a session; the slash command binds this conversation to it.",
    );
    let init_session = format!("--claude-session={}", d.claude);
    d.run(&[
        "init",
        "--name",
        "sweeper-race",
        "--goal",
        "Fix the race in the sweeper",
        &init_session,
    ])?;
    d.replies(&[14_000, 22_000])?;

    d.section(
        "Work, logged as it goes",
        "Claude plans steps, logs what it learns and decides, and edits code; hooks record the rest on their own.",
    );
    d.run(&["log", "--next", "Reproduce the race with a stress test"])?;
    d.run(&["log", "--next", "Take the lock before the state check"])?;
    d.run(&["log", "--next", "Add a regression test"])?;
    d.run(&["log", "--current", "Reproduce the race"])?;
    d.run(&[
        "log",
        "--discovery",
        "sweep() reads the state before taking the lock, so two sweepers can both see idle",
    ])?;
    d.run(&["log", "--done", "Reproduce the race"])?;
    d.run(&[
        "log",
        "--decision",
        "Take the lock before reading the state",
        "--options",
        "lock first; atomic state flag; a channel",
        "--rationale",
        "smallest change that closes the window",
    ])?;
    d.write("src/sweeper.rs", SWEEPER_V2)?;
    let sweeper = d.dir.join("src/sweeper.rs").display().to_string();
    d.hook(
        "PostToolUse (Edit src/sweeper.rs)",
        "PostToolUse",
        json!({"tool_name": "Edit", "tool_input": {"file_path": sweeper, "old_string": "if", "new_string": "let"}, "tool_response": {"filePath": sweeper}, "tool_use_id": "toolu_demo1"}),
    )?;
    d.commit("Take the sweeper lock before reading state")?;
    d.run(&["log", "--done", "Take the lock"])?;
    d.hook(
        "PostToolUse (TodoWrite: Claude's own todo list)",
        "PostToolUse",
        json!({"tool_name": "TodoWrite", "tool_input": {"todos": [
            {"content": "Reproduce the race with a stress test", "status": "completed", "activeForm": "Reproducing"},
            {"content": "Take the lock before the state check", "status": "completed", "activeForm": "Locking"},
            {"content": "Add a regression test", "status": "in_progress", "activeForm": "Adding a regression test"}]}}),
    )?;
    d.replies(&[41_000, 63_000, 88_000, 96_000])?;
    d.run(&["view", "--progress"])?;
    d.statusline(48)?;

    d.section(
        "/session-checkpoint",
        "Claude writes a fresh TL;DR paragraph and saves it with the checkpoint.",
    );
    d.run(&[
        "checkpoint",
        "--tldr",
        "Fixing the sweeper race: sweep() checked the state before taking the lock. The lock now comes first (committed); next is a regression test that runs two sweepers at once.",
    ])?;

    d.section(
        "The context fills up and is compacted",
        "PreCompact tells the summariser what must survive; PostCompact keeps the summary; SessionStart(compact) puts the authoritative state back.",
    );
    d.replies(&[121_000, 143_000, 158_000])?;
    d.hook(
        "PreCompact (trigger: auto)",
        "PreCompact",
        json!({"trigger": "auto", "custom_instructions": null}),
    )?;
    d.hook(
        "PostCompact (trigger: auto)",
        "PostCompact",
        json!({"trigger": "auto", "compact_summary": "We fixed the sweeper race by taking the lock before the state check and are adding a regression test.\nSession TL;DR: The sweeper takes its lock before the state check (committed); a regression test with two sweepers comes next."}),
    )?;
    d.transcribe(json!({"type": "system", "subtype": "compact_boundary",
        "content": "Conversation compacted",
        "compactMetadata": {"trigger": "auto", "preTokens": 158_000, "postTokens": 11_000}}))?;
    d.hook(
        "SessionStart (source: compact)",
        "SessionStart",
        json!({"source": "compact", "model": "claude-opus-5"}),
    )?;

    d.section(
        "\"continue\"",
        "An ordinary prompt costs nothing; a prompt that means \"carry on\" gets the resume context, once per compaction unless new work was logged since.",
    );
    d.run(&[
        "log",
        "--progress",
        "Regression test starts two sweepers on one job",
    ])?;
    d.hook(
        "UserPromptSubmit (\"add a continue statement to the retry loop\")",
        "UserPromptSubmit",
        json!({"prompt": "add a continue statement to the retry loop", "permission_mode": "default"}),
    )?;
    d.hook(
        "UserPromptSubmit (\"continue\")",
        "UserPromptSubmit",
        json!({"prompt": "continue", "permission_mode": "default"}),
    )?;
    d.replies(&[17_000, 24_000])?;
    d.statusline(12)?;

    pause_and_resume_steps(d)?;

    d.section(
        "/session-close",
        "The work is done; the session is archived.",
    );
    d.replies(&[9_000, 15_000])?;
    d.run(&["log", "--done", "Add a regression test"])?;
    d.run(&["close", "--complete"])?;
    d.run(&["list", "--all"])?;
    Ok(())
}

/// The overnight gap: at the end of the day the session is paused with a
/// summary; a teammate's commits land; the next morning a new conversation
/// starts, is pointed at the paused session, and `/session-resume` prints
/// the change report measured by commit id.
fn pause_and_resume_steps(d: &mut Demo) -> Result<()> {
    d.section(
        "/session-pause",
        "End of the day: the session is paused with a summary. The snapshot records git and is kept on refs/sessions/<id>; the branch, index and working tree are left alone.",
    );
    d.run(&[
        "pause",
        "-s",
        "Lock-first fix committed; regression test next",
        "-a",
        "Found the race: state read before the lock",
        "-n",
        "Write a test that runs two sweepers at once",
    ])?;
    d.section(
        "Overnight",
        "A teammate pushes work; the next morning a new Claude Code conversation starts.",
    );
    d.write(
        "tests/sweeper.rs",
        "#[test]\nfn two_sweepers_never_clear_twice() {}\n",
    )?;
    d.commit("Add a stress test harness for the sweeper")?;
    d.write(
        "README.md",
        "# sweeper\n\nRun the stress test with `cargo test`.\n",
    )?;
    d.commit("Document the stress test")?;
    d.claude = CLAUDE_DAY2;
    d.hook(
        "SessionStart (source: startup, a new conversation)",
        "SessionStart",
        json!({"source": "startup", "model": "claude-opus-5"}),
    )?;
    d.section(
        "/session-resume",
        "The user resumes; Claude gets the pause summary and everything that changed since, by commit id.",
    );
    let claude = format!("--claude-session={}", d.claude);
    d.run(&["resume", "sweeper-race", &claude])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_each_channel() {
        assert!(describe("Stop", "").contains("nothing"));
        let j = crate::hook::context_json("SessionStart", "line one\nline two");
        let d = describe("SessionStart", &j);
        assert!(d.contains("additional context (17 characters)"), "{d}");
        assert!(d.contains("    │ line two\n"));
        assert!(describe("PreCompact", "keep this").contains("summariser"));
    }
}
