//! `session-hook completions <shell>`: a completion script on stdout.

use anyhow::Result;
use clap::Args;
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: Shell,
}

pub fn run(a: CompletionsArgs) -> Result<()> {
    let mut cmd = crate::cli::completion_command();
    clap_complete::generate(a.shell, &mut cmd, "session-hook", &mut std::io::stdout());
    Ok(())
}
