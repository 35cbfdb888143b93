//! The command line: clap definitions and dispatch. Each subcommand lives
//! in its own file under `cmd/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::cmd;

#[derive(Debug, Parser)]
#[command(name = "session-hook", version, about = "Session continuity for Claude Code", long_about = None)]
pub struct Cli {
    /// Project folder holding `.sessions/` (default: $CLAUDE_PROJECT_DIR,
    /// else the git top-level, else the current folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Session to act on: an id, an id prefix or a shortname.
    #[arg(long, global = true, value_name = "NAME")]
    pub session: Option<String>,

    /// Claude Code session id to bind or look up.
    #[arg(
        long = "claude-session",
        global = true,
        value_name = "ID",
        env = "CLAUDE_CODE_SESSION_ID",
        hide_env_values = true
    )]
    pub claude_session: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session.
    Init(cmd::init::InitArgs),
    /// Log progress, a decision, a discovery, a blocker or a step.
    Log(cmd::log::LogArgs),
    /// Refresh the TL;DR, git fields and the quick-context file.
    Checkpoint(cmd::checkpoint::CheckpointArgs),
    /// Show a session (or `view list`).
    View(cmd::view::ViewArgs),
    /// List sessions.
    List(cmd::list::ListArgs),
    /// Complete or abandon a session and archive it.
    Close(cmd::close::CloseArgs),
    /// Handle one Claude Code hook event (JSON on stdin).
    Hook(cmd::hook::HookArgs),
    /// Print what the hook would print now for an event, without changing anything.
    Preview(cmd::preview::PreviewArgs),
    /// How full the context of a Claude session is.
    Context(cmd::context::ContextArgs),
    /// Write a resume log for a session now and print it.
    ResumeLog(cmd::resume_log::ResumeLogArgs),
    /// Project timeline and daily reports from resume logs and sessions.
    Report(cmd::report::ReportArgs),
}

/// Arguments every command may need, resolved once.
#[derive(Debug, Clone)]
pub struct Global {
    pub dir: Option<PathBuf>,
    pub session: Option<String>,
    pub claude_session: Option<String>,
}

#[derive(Debug, Args)]
pub struct NameArg {
    /// Session: an id, an id prefix or a shortname.
    pub name: Option<String>,
}

/// Parse arguments and run. Returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let g = Global {
        dir: cli.dir,
        session: cli.session,
        claude_session: cli.claude_session.filter(|s| !s.is_empty()),
    };
    let result = match cli.command {
        Command::Hook(a) => return cmd::hook::run(&g, a),
        Command::Init(a) => cmd::init::run(&g, a),
        Command::Log(a) => cmd::log::run(&g, a),
        Command::Checkpoint(a) => cmd::checkpoint::run(&g, a),
        Command::View(a) => cmd::view::run(&g, a),
        Command::List(a) => cmd::list::run(&g, a),
        Command::Close(a) => cmd::close::run(&g, a),
        Command::Preview(a) => cmd::preview::run(&g, a),
        Command::Context(a) => cmd::context::run(&g, a),
        Command::ResumeLog(a) => cmd::resume_log::run(&g, a),
        Command::Report(a) => cmd::report::run(&g, a),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            report(&e);
            1
        }
    }
}

/// `session-hook: error: ...` with the cause chain and a hint.
pub fn report(e: &anyhow::Error) {
    let mut msg = format!("session-hook: error: {e}");
    for cause in e.chain().skip(1) {
        msg.push_str(&format!("\n  caused by: {cause}"));
    }
    if let Some(h) = crate::error::hint_of(e) {
        msg.push_str(&format!("\n  hint: {h}"));
    }
    eprintln!("{msg}");
}
