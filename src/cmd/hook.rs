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
    // Parsed once: the handler, the log line and the spool share it.
    let input = hook::Input::parse_as(a.agent, &input, g.dir.as_deref());
    let event = input.event_name();
    let store = input.store.clone();
    let result = guarded(|| match read {
        Ok(_) => hook::handle(input, true, &mut t),
        Err(e) => Err(Skip::Failed(format!("cannot read stdin: {e}"))),
    });
    let log = |status: &str, note: &str| {
        if let Some(st) = &store {
            hook::log_line(st, &event, start.elapsed(), status, note);
        }
    };
    match result {
        Ok(Ok(out)) => {
            if !out.stdout.is_empty() {
                let mut so = std::io::stdout().lock();
                let _ = so.write_all(out.stdout.as_bytes());
                let _ = so.flush();
            }
            log("ok", &out.note);
        }
        Ok(Err(Skip::NoStore)) => {}
        Ok(Err(Skip::Failed(msg))) => log("error", &msg),
        Err(msg) => log("panic", &msg),
    }
    0
}

/// Run `f`, turning a panic into its message: a bug in a handler must
/// still end in exit 0, silence, and a line in the hook log.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_becomes_its_message() {
        std::panic::set_hook(Box::new(|_| {}));
        let r: Result<(), String> = super::guarded(|| panic!("boom {}", 1));
        let _ = std::panic::take_hook();
        assert_eq!(r, Err("boom 1".to_string()));
        assert_eq!(super::guarded(|| 7), Ok(7));
    }
}
