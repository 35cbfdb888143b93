//! `session-hook preview`: what the hook would print now, without writing.

use anyhow::Result;
use clap::Args;

use crate::cli::Global;
use crate::error::UserError;
use crate::hook::{self, Skip, Timings};

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Event: SessionStart, UserPromptSubmit, PreCompact, PostToolUse, ...
    #[arg(long, default_value = "SessionStart")]
    pub event: String,
    /// SessionStart source: startup, resume, clear, compact, fork.
    #[arg(long, default_value = "startup")]
    pub source: String,
    /// Prompt text for UserPromptSubmit.
    #[arg(long, default_value = "continue")]
    pub prompt: String,
}

pub fn run(g: &Global, a: PreviewArgs) -> Result<()> {
    let cwd = std::env::current_dir()?;
    let mut payload = serde_json::json!({
        "session_id": g.claude_session.clone().unwrap_or_else(|| "preview".into()),
        "transcript_path": "",
        "cwd": cwd.display().to_string(),
        "hook_event_name": a.event,
    });
    match a.event.as_str() {
        "SessionStart" => payload["source"] = a.source.clone().into(),
        "UserPromptSubmit" => payload["prompt"] = a.prompt.clone().into(),
        "PreCompact" | "PostCompact" => payload["trigger"] = "manual".into(),
        _ => {}
    }
    let bytes = serde_json::to_vec(&payload)?;
    let mut t = Timings::default();
    match hook::handle(hook::Input::parse(&bytes, g.dir.as_deref()), false, &mut t) {
        Ok(out) => {
            if out.stdout.is_empty() {
                println!("(the {} hook would print nothing: {})", a.event, out.note);
            } else {
                println!("{}", out.stdout);
                println!(
                    "--- {} characters on stdout ({})",
                    out.stdout.chars().count(),
                    out.note
                );
            }
            Ok(())
        }
        Err(Skip::NoStore) => Err(UserError::new(
            "no session store here; the hook would print nothing",
        )
        .hint("start one with `session-hook init --goal \"...\"`")
        .into()),
        Err(Skip::Failed(msg)) => {
            Err(UserError::new(format!("the hook would fail and print nothing: {msg}")).into())
        }
    }
}
