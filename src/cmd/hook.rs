//! `session-hook hook`: the entry Claude Code, Codex CLI and Gemini CLI
//! run for every event. It always exits 0; failures go to
//! `.sessions/.local/hook.log`.

use std::io::{Read, Write};
use std::time::Instant;

use clap::Args;

use crate::agents::Agent;
use crate::cli::Global;
use crate::hook::{self, Skip, Timings};

#[derive(Debug, Args)]
pub struct HookArgs {
    /// Event name, for registrations that pass it; the payload's
    /// `hook_event_name` is what counts.
    pub event: Option<String>,
    /// The agent that runs this hook: claude, codex or gemini (default:
    /// told from the payload). Its answer is in that agent's format.
    #[arg(long, value_parser = parse_agent)]
    pub agent: Option<Agent>,
}

pub fn parse_agent(s: &str) -> Result<Agent, String> {
    Agent::from_name(s).ok_or_else(|| format!("unknown agent {s:?} (claude, codex or gemini)"))
}

/// Largest stdin we read (a 5 MB prompt is fine; a runaway stream is not).
const MAX_STDIN: u64 = 64 * 1024 * 1024;

pub fn run(g: &Global, a: HookArgs) -> i32 {
    let start = Instant::now();
    // A panic must not print to the host's stderr or change the exit code.
    std::panic::set_hook(Box::new(|_| {}));
    let mut input = Vec::new();
    let mut t = Timings::default();
    t.start();
    let read = std::io::stdin()
        .lock()
        .take(MAX_STDIN)
        .read_to_end(&mut input);
    // Drain anything past the cap so the writer never sees a broken pipe.
    let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
    t.lap("stdin");
    let dir = g.dir.clone();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match read {
        Ok(_) => hook::handle_as(a.agent, &input, dir.as_deref(), true, &mut t),
        Err(e) => Err(Skip::Failed(None, format!("cannot read stdin: {e}"))),
    }));
    let event = event_name(a.agent, &input);
    match result {
        Ok(Ok(out)) => {
            if !out.stdout.is_empty() {
                let mut so = std::io::stdout().lock();
                let _ = so.write_all(out.stdout.as_bytes());
                let _ = so.flush();
            }
            if let Some(st) = store_for(&input, dir.as_deref()) {
                hook::log_line(&st, &event, start.elapsed(), "ok", &out.note);
            }
        }
        Ok(Err(Skip::NoStore)) => {}
        Ok(Err(Skip::Failed(st, msg))) => {
            if let Some(st) = st.or_else(|| store_for(&input, dir.as_deref())) {
                hook::log_line(&st, &event, start.elapsed(), "error", &msg);
            }
        }
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            if let Some(st) = store_for(&input, dir.as_deref()) {
                hook::log_line(&st, &event, start.elapsed(), "panic", &msg);
            }
        }
    }
    0
}

/// The event name for the log, even from a payload we could not parse;
/// other agents' events carry the agent's name (`codex/Stop`).
fn event_name(agent: Option<Agent>, input: &[u8]) -> String {
    let Ok(p) = hook::wire::read(input) else {
        return "unparsed".into();
    };
    let agent = agent.unwrap_or_else(|| crate::agents::detect(&p));
    if agent == Agent::Claude {
        return hook::wire::from_payload(p).1.name().to_string();
    }
    let name = p.hook_event_name.unwrap_or_default();
    format!("{}/{name}", agent.name())
}

fn store_for(input: &[u8], dir: Option<&std::path::Path>) -> Option<crate::store::Store> {
    let cwd = hook::wire::parse(input).ok().and_then(|(c, _)| c.cwd);
    let st = crate::store::Store::at(&hook::project_for(dir, cwd.as_deref()));
    st.exists().then_some(st)
}
