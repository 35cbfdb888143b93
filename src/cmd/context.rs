//! `session-hook context`: how full the context of a Claude session is,
//! computed from the end of its transcript.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::cli::Global;
use crate::cmd::{Ctx, print_json};
use crate::error::UserError;
use crate::hook::state;
use crate::transcript::{self, Basis, Usage};
use crate::usage::{self, Window, thousands};

#[derive(Debug, Args)]
pub struct ContextArgs {
    /// The transcript to read (default: the one of --claude-session /
    /// $CLAUDE_CODE_SESSION_ID under ~/.claude/projects).
    #[arg(long, value_name = "PATH")]
    pub transcript: Option<PathBuf>,
    /// The context window in tokens, overriding every other source.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1000..))]
    pub window: Option<u64>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Report {
    used_tokens: Option<u64>,
    window: u64,
    percent: Option<f64>,
    remaining_tokens: Option<u64>,
    basis: Basis,
    window_source: usage::WindowSource,
    window_rule: Option<String>,
    model: Option<String>,
    compactions_seen: u64,
    /// The whole transcript was read, so `compactions_seen` is exact.
    compactions_complete: bool,
    transcript: String,
    claude_session: Option<String>,
    at: Option<String>,
    message_id: Option<String>,
    file_bytes: u64,
    bytes_read: u64,
}

pub fn run(g: &Global, a: ContextArgs) -> Result<()> {
    let ctx = Ctx::new(g)?;
    let store_here = ctx.store.exists();
    let config = if store_here {
        ctx.config()?
    } else {
        Default::default()
    };
    let claude = g.claude_session.clone();
    let path = match &a.transcript {
        Some(p) => p.clone(),
        None => find(&ctx, claude.as_deref())?,
    };
    let u = transcript::scan(&path, transcript::LOOK_BACK, transcript::BLOCK).map_err(|e| {
        UserError::new(format!(
            "cannot read the transcript {}: {e}",
            path.display()
        ))
    })?;
    let st = match (&claude, store_here) {
        (Some(c), true) => state::load(&ctx.store, c),
        _ => Default::default(),
    };
    let (w, model) = usage::window_for(
        a.window,
        st.window,
        &[st.model.as_deref(), u.model.as_deref()],
        &config.windows,
    );
    let r = Report {
        used_tokens: u.used,
        window: w.size,
        percent: u.used.map(|n| usage::percent(n, w.size)),
        remaining_tokens: u.used.map(|n| w.size.saturating_sub(n)),
        basis: u.basis,
        window_source: w.source,
        window_rule: w.rule.clone(),
        model: model.clone(),
        compactions_seen: u.compactions_seen,
        compactions_complete: u.whole_file,
        transcript: path.display().to_string(),
        claude_session: claude,
        at: u.at.clone(),
        message_id: u.message_id.clone(),
        file_bytes: u.file_len,
        bytes_read: u.bytes_read,
    };
    if a.json {
        return print_json(&r);
    }
    print!("{}", render(&r, &u, &w));
    Ok(())
}

/// The transcript of the Claude session, or a clear reason why not.
fn find(ctx: &Ctx, claude: Option<&str>) -> Result<PathBuf> {
    let Some(id) = claude else {
        return Err(UserError::new("no transcript given and no Claude session id known")
            .hint("pass --transcript PATH, or --claude-session ID (inside Claude Code, $CLAUDE_CODE_SESSION_ID is set)")
            .into());
    };
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("CLAUDE_PROJECT_DIR").filter(|p| !p.is_empty()) {
        dirs.push(PathBuf::from(p));
    }
    if let Ok(cwd) = std::env::current_dir() {
        dirs.push(cwd);
    }
    dirs.push(ctx.store.project.clone());
    transcript::locate(id, &dirs).map_err(|why| {
        UserError::new(format!(
            "cannot find the transcript of Claude session {id}: {why}"
        ))
        .hint("pass --transcript PATH (Claude Code gives it to hooks as transcript_path)")
        .into()
    })
}

fn size(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.1} KiB", n as f64 / 1024.0)
    }
}

fn render(r: &Report, u: &Usage, w: &Window) -> String {
    let mut o = String::new();
    match (u.used, u.basis) {
        (Some(n), b) => {
            o.push_str(&format!(
                "Context: {} of {} tokens ({:.1}%), {} remaining",
                thousands(n),
                thousands(w.size),
                usage::percent(n, w.size),
                thousands(w.size.saturating_sub(n))
            ));
            if b == Basis::Compaction {
                o.push_str(" (right after a compaction, as it recorded)");
            }
            o.push('\n');
        }
        (None, Basis::Compaction) => o.push_str(
            "Context: unknown until the next reply (the transcript ends with a compaction)\n",
        ),
        (None, Basis::Missing) => o.push_str(&format!(
            "Context: unknown (the transcript {} is missing or empty)\n",
            r.transcript
        )),
        (None, _) if u.whole_file => {
            o.push_str("Context: unknown (no reply in the transcript yet)\n")
        }
        (None, _) => o.push_str(&format!(
            "Context: unknown (no reply in the last {} of the transcript)\n",
            size(u.bytes_read)
        )),
    }
    o.push_str(&format!(
        "Window: {} tokens, {}\n",
        thousands(w.size),
        w.describe(r.model.as_deref())
    ));
    if let Some(m) = &r.model {
        o.push_str(&format!("Model: {m}\n"));
    }
    if u.basis != Basis::Missing {
        o.push_str(&format!(
            "Compactions seen: {} ({})\n",
            u.compactions_seen,
            if u.whole_file {
                "whole transcript".to_string()
            } else {
                format!(
                    "in the last {} read; earlier ones are not counted",
                    size(u.bytes_read)
                )
            }
        ));
        o.push_str(&format!(
            "Transcript: {} ({}, read {} from the end)\n",
            r.transcript,
            size(u.file_len),
            size(u.bytes_read)
        ));
    }
    if let (Some(at), Basis::Reply) = (&u.at, u.basis) {
        o.push_str(&format!(
            "Last reply: {at}{}\n",
            u.message_id
                .as_deref()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default()
        ));
    }
    o
}
