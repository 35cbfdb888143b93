//! The command line: clap definitions and dispatch. Each subcommand lives
//! in its own file under `cmd/`.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::cmd;

#[derive(Debug, Parser)]
#[command(name = "session-hook", version, about = "Session continuity for Claude Code", long_about = None)]
pub struct Cli {
    /// Project folder holding `.sessions/` (default: $CLAUDE_PROJECT_DIR,
    /// else the git top-level, else the current folder).
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub dir: Option<PathBuf>,

    /// Session to act on: an id, an id prefix or a shortname.
    #[arg(long, global = true, value_name = "NAME", help_heading = GLOBAL)]
    pub session: Option<String>,

    /// Claude Code session id to bind or look up.
    #[arg(
        long = "claude-session",
        global = true,
        value_name = "ID",
        env = "CLAUDE_CODE_SESSION_ID",
        hide_env_values = true,
        help_heading = GLOBAL
    )]
    pub claude_session: Option<String>,

    /// Colour on a terminal: auto (unless NO_COLOR is set), always or never.
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        default_value = "auto",
        help_heading = GLOBAL
    )]
    pub color: crate::style::Color,

    #[command(subcommand)]
    pub command: Command,
}

/// The heading global options are listed under in every `--help`, apart
/// from each command's own options.
const GLOBAL: &str = "Global options";

/// Commands that have no use for some global options, and which ones they
/// keep. There the others are neither shown in `--help` nor accepted after
/// the command's name: they would only suggest an effect there is not.
const KEEPS: &[(&str, &[&str])] = &[
    ("completions", &[]),
    ("man", &[]),
    ("demo", &[]),
    ("install", &["dir"]),
    ("uninstall", &["dir"]),
];

/// The options given before a subcommand that every subcommand takes.
fn global_args() -> Vec<clap::Arg> {
    Cli::command()
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect()
}

/// The global options subcommand `name` keeps, when it keeps only some.
fn keeps(name: &str) -> Option<&'static [&'static str]> {
    KEEPS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

/// The command line as it is parsed, completed and documented.
pub fn command() -> clap::Command {
    let global = global_args();
    Cli::command().mut_subcommands(|sc| {
        let Some(keeps) = keeps(sc.get_name()) else {
            return sc;
        };
        // clap gives a subcommand a global option only when it has no
        // argument of that id: a hidden one that refuses any value takes
        // its place.
        global
            .iter()
            .filter(|a| !keeps.contains(&a.get_id().as_str()))
            .fold(sc, |sc, a| {
                let name = sc.get_name().to_string();
                sc.arg(
                    a.clone()
                        .global(false)
                        .hide(true)
                        .env(None)
                        .default_value(None)
                        .value_parser(move |_: &str| -> Result<String, String> {
                            Err(format!("`{name}` has no use for this option"))
                        }),
                )
            })
    })
}

/// The command line as completion scripts see it: every subcommand holds
/// the global options it takes as its own arguments, and none it refuses.
/// (clap_complete's bash script offers hidden arguments too, so the hidden
/// placeholders of [`command`] would be completed.)
pub fn completion_command() -> clap::Command {
    let global = global_args();
    fn give(sc: clap::Command, global: &[clap::Arg]) -> clap::Command {
        let keeps = keeps(sc.get_name());
        let sc = sc.mut_subcommands(|s| give(s, global));
        let given: Vec<clap::Arg> = global
            .iter()
            .filter(|a| keeps.is_none_or(|k| k.contains(&a.get_id().as_str())))
            .filter(|a| !sc.get_arguments().any(|own| own.get_id() == a.get_id()))
            .cloned()
            .collect();
        given.into_iter().fold(sc, |sc, a| sc.arg(a.global(false)))
    }
    Cli::command()
        .mut_args(|a| a.global(false))
        .mut_subcommands(|sc| give(sc, &global))
}

// Each subcommand's arguments are built only when it is the one invoked:
// building all of them cost about a quarter of a millisecond per run.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Start a new session.
    Init(cmd::init::InitArgs),
    /// Log progress, a decision, a discovery, a blocker or a step.
    Log(Box<cmd::log::LogArgs>),
    /// Refresh the TL;DR, git fields and the quick-context file.
    Checkpoint(cmd::checkpoint::CheckpointArgs),
    /// Show a session (or `view list`).
    View(cmd::view::ViewArgs),
    /// List sessions.
    List(cmd::list::ListArgs),
    /// Complete or abandon a session and archive it.
    Close(cmd::close::CloseArgs),
    /// Pause a session: snapshot git and state on refs/sessions/<id>.
    Pause(cmd::pause::PauseArgs),
    /// Resume a session with a report of what changed since the pause.
    Resume(cmd::resume::ResumeArgs),
    /// Share pause snapshots through a git remote (push or fetch refs/sessions/*).
    Sync(cmd::sync::SyncArgs),
    /// Handle one Claude Code hook event (JSON on stdin).
    Hook(cmd::hook::HookArgs),
    /// Print what the hook would print now for an event, without changing anything.
    Preview(cmd::preview::PreviewArgs),
    /// Time each phase of one hook event read from stdin.
    #[command(hide = true)]
    Timings(cmd::timings::TimingsArgs),
    /// Write SESSION.md or a hand-off brief.
    Export(cmd::export::ExportArgs),
    /// Start a session from a hand-off brief.
    Import(cmd::import::ImportArgs),
    /// Write a context bundle (research, plan, progress, context), or print one.
    Bundle(cmd::bundle::BundleArgs),
    /// Archive long-idle paused sessions, prune old logs, bundles and snapshots, roll up old journal entries.
    Gc(cmd::gc::GcArgs),
    /// Register the hooks in Claude Code's settings and write the /session-* commands.
    Install(cmd::install::InstallArgs),
    /// Remove exactly what install added.
    Uninstall(cmd::uninstall::UninstallArgs),
    /// Check the wiring, the store and recent hook latencies.
    Doctor(cmd::doctor::DoctorArgs),
    /// One status line for Claude Code (statusLine JSON on stdin).
    Statusline(cmd::statusline::StatuslineArgs),
    /// Play the whole story in a throw-away project and show what Claude receives.
    Demo(cmd::demo::DemoArgs),
    /// Print a shell completion script.
    Completions(cmd::completions::CompletionsArgs),
    /// Print the man page.
    Man(cmd::man::ManArgs),
    /// How full the context of a Claude session is.
    Context(cmd::context::ContextArgs),
    /// Write a resume log for a session now and print it.
    ResumeLog(cmd::resume_log::ResumeLogArgs),
    /// Project timeline and daily reports from resume logs and sessions.
    Report(cmd::report::ReportArgs),
    /// Run a command for a /session-* slash command: the typed words come
    /// on stdin, and the exit status is always 0.
    #[command(hide = true)]
    Slash(cmd::slash::SlashArgs),
}

/// Arguments every command may need, resolved once.
#[derive(Debug, Clone)]
pub struct Global {
    pub dir: Option<PathBuf>,
    pub session: Option<String>,
    pub claude_session: Option<String>,
    pub color: crate::style::Color,
}

#[derive(Debug, Args)]
pub struct NameArg {
    /// Session: an id, an id prefix or a shortname.
    pub name: Option<String>,
}

/// Parse arguments and run. Returns the process exit code.
pub fn run() -> i32 {
    if let Some(code) = fast_path() {
        return code;
    }
    quiet_broken_pipe();
    run_from(std::env::args_os())
}

/// `session-hook list | head`: a reader that stops early closes our stdout,
/// and std's `print!` then panics. That is not a crash worth a backtrace:
/// the command stops without a word (exit 101), as `cat` would stop.
fn quiet_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or("");
        if msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe") {
            return;
        }
        default(info);
    }));
}

/// Parse `args` (the program name first) and run.
pub fn run_from(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let parsed = command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        // --help and --version: printed to stdout as clap does.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return 0;
        }
        Err(e) => {
            eprint!("{}", usage_error(&e));
            return 2;
        }
    };
    if let Some(e) = missing_dir(&cli) {
        report(&e);
        return 1;
    }
    let g = Global {
        dir: cli.dir,
        session: cli.session,
        claude_session: cli.claude_session.filter(|s| !s.is_empty()),
        color: cli.color,
    };
    let result = match cli.command {
        Command::Hook(a) => return cmd::hook::run(&g, a),
        Command::Statusline(a) => return cmd::statusline::run(&g, a),
        Command::Slash(a) => return cmd::slash::run(a),
        Command::Init(a) => cmd::init::run(&g, a),
        Command::Log(a) => cmd::log::run(&g, *a),
        Command::Checkpoint(a) => cmd::checkpoint::run(&g, a),
        Command::View(a) => cmd::view::run(&g, a),
        Command::List(a) => cmd::list::run(&g, a),
        Command::Close(a) => cmd::close::run(&g, a),
        Command::Pause(a) => cmd::pause::run(&g, a),
        Command::Resume(a) => cmd::resume::run(&g, a),
        Command::Sync(a) => cmd::sync::run(&g, a),
        Command::Preview(a) => cmd::preview::run(&g, a),
        Command::Timings(a) => cmd::timings::run(&g, a),
        Command::Export(a) => cmd::export::run(&g, a),
        Command::Import(a) => cmd::import::run(&g, a),
        Command::Bundle(a) => cmd::bundle::run(&g, a),
        Command::Gc(a) => cmd::gc::run(&g, a),
        Command::Install(a) => cmd::install::run(&g, a),
        Command::Uninstall(a) => cmd::uninstall::run(&g, a),
        Command::Doctor(a) => cmd::doctor::run(&g, a),
        Command::Demo(a) => cmd::demo::run(&g, a),
        Command::Completions(a) => cmd::completions::run(a),
        Command::Man(a) => cmd::man::run(a),
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

/// `session-hook hook` (alone or with `--agent NAME`) and `session-hook
/// statusline`, exactly as the agents run them, skip building the full
/// parser: they run on every event and every status refresh, and for them
/// the parser costs more than the work. Any other form goes through clap.
fn fast_path() -> Option<i32> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).take(4).collect();
    let args: Vec<&str> = args.iter().map(|a| a.to_str()).collect::<Option<_>>()?;
    let g = Global {
        dir: None,
        session: None,
        claude_session: None,
        color: crate::style::Color::Never,
    };
    let hook = |agent| cmd::hook::run(&g, cmd::hook::HookArgs { event: None, agent });
    match args.as_slice() {
        ["hook"] => Some(hook(None)),
        // An agent name we do not know must not break the host: the
        // payload tells who sent it.
        ["hook", "--agent", name] => Some(hook(crate::agents::Agent::from_name(name))),
        ["statusline"] => Some(cmd::statusline::run(&g, cmd::statusline::StatuslineArgs {})),
        _ => None,
    }
}

/// A clap usage error with our prefix, like every other error: clap's own
/// text (message, usage line, pointer to --help) follows it unchanged.
fn usage_error(e: &clap::Error) -> String {
    let text = e.render().to_string();
    match text.strip_prefix("error: ") {
        Some(rest) => format!("session-hook: error: {rest}"),
        // Help shown for a missing subcommand is not an error message.
        None => text,
    }
}

/// `--dir` names the project folder; one that does not exist is a typo
/// far more often than a wish for a new folder (`init` would otherwise
/// create it, and the store in it, silently). The hook and the status line
/// never fail their host, so they are left to their own silence.
/// `$CLAUDE_PROJECT_DIR` is held to the same rule when it decides.
fn missing_dir(cli: &Cli) -> Option<anyhow::Error> {
    if matches!(cli.command, Command::Hook(_) | Command::Statusline(_)) {
        return None;
    }
    let env = std::env::var_os("CLAUDE_PROJECT_DIR").filter(|p| !p.is_empty());
    let (d, name) = match (cli.dir.as_deref(), &env) {
        (Some(d), _) => (d, "--dir"),
        (None, Some(e)) => (std::path::Path::new(e), "$CLAUDE_PROJECT_DIR"),
        (None, None) => return None,
    };
    if d.is_dir() {
        return None;
    }
    let what = if d.exists() {
        "is not a folder"
    } else {
        "does not exist"
    };
    Some(
        crate::error::UserError::new(format!("{name} {} {what}", d.display()))
            .hint("pass the project folder (the one that holds or will hold .sessions/), or create it first")
            .into(),
    )
}

/// `session-hook: error: ...` with the cause chain and a hint.
pub fn report(e: &anyhow::Error) {
    // The parsed options are gone by now: `--color WHEN` or `--color=WHEN`
    // is read from the arguments again.
    let args: Vec<String> = std::env::args().collect();
    let color = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--color") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(v) => v.strip_prefix('='),
            None => None,
        })
        .and_then(|v| <crate::style::Color as clap::ValueEnum>::from_str(v, true).ok())
        .unwrap_or_default();
    let paint = crate::style::Paint::stderr(color);
    let mut msg = format!("session-hook: {} {e}", paint.red("error:"));
    for cause in e.chain().skip(1) {
        msg.push_str(&format!("\n  caused by: {cause}"));
    }
    if let Some(h) = crate::error::hint_of(e) {
        msg.push_str(&format!("\n  hint: {h}"));
    }
    eprintln!("{msg}");
}

/// How `session-hook slash` splits what was typed after a slash command
/// into arguments (see `cmd::slash`).
pub fn slash_words(text: &str) -> Vec<String> {
    cmd::slash::words(text)
}
