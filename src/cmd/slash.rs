//! `session-hook slash COMMAND [ARGS]...`: run a command for a `/session-*`
//! slash command of Claude Code, with what the user typed after the slash
//! command read from stdin.
//!
//! Claude Code pastes `$ARGUMENTS` into the command's `!` line as raw text,
//! so plain words with an apostrophe or a quote would break a shell line,
//! and any non-zero exit aborts the whole slash command before the model
//! sees it. The command files therefore hand the words over in a quoted
//! heredoc (which the shell never interprets), and this entry always exits
//! 0: the result or the error with its hint is printed, and the command's
//! instructions to the model run either way.

use std::ffi::OsString;
use std::io::Read;

use clap::Args;

#[derive(Debug, Args)]
pub struct SlashArgs {
    /// The command to run (init, log, close, ...).
    pub command: String,
    /// Fixed arguments placed before the typed words.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub fixed: Vec<String>,
}

/// The longest text read from stdin: the words of one slash command.
const MAX_INPUT: u64 = 64 * 1024;

pub fn run(a: SlashArgs) -> i32 {
    let mut text = String::new();
    let read = std::io::stdin()
        .take(MAX_INPUT + 1)
        .read_to_string(&mut text);
    if read.is_err() || text.len() as u64 > MAX_INPUT {
        println!(
            "session-hook: error: the words after the slash command could not be read (not UTF-8, or over {MAX_INPUT} bytes)\n  hint: type shorter plain text after the command"
        );
        return 0;
    }
    let mut argv: Vec<OsString> = vec!["session-hook".into(), a.command.into()];
    argv.extend(a.fixed.into_iter().map(OsString::from));
    argv.extend(words(&text).into_iter().map(OsString::from));
    let code = crate::cli::run_from(argv);
    if code != 0 {
        println!("(session-hook exited with status {code}; nothing was changed)");
    }
    0
}

/// The typed text as arguments. Text without a flag is one argument, kept
/// exactly as typed (apostrophes and quotes are part of the words). Text
/// with flags is split like a shell would, except that a quote which opens
/// no quoted stretch (`don't`) is kept as a letter.
pub fn words(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let has_flag = text
        .split_whitespace()
        .any(|w| w.len() > 1 && w.starts_with('-'));
    if !has_flag {
        return vec![text.to_string()];
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            if in_word {
                out.push(std::mem::take(&mut cur));
                in_word = false;
            }
            i += 1;
            continue;
        }
        let opens = (c == '"' || c == '\'')
            && (!in_word || cur.ends_with('='))
            && chars[i + 1..].contains(&c);
        if opens {
            let end = i + 1 + chars[i + 1..].iter().position(|x| *x == c).unwrap_or(0);
            cur.extend(&chars[i + 1..end]);
            in_word = true;
            i = end + 1;
            continue;
        }
        cur.push(c);
        in_word = true;
        i += 1;
    }
    if in_word {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn plain_words_stay_one_argument_as_typed() {
        assert_eq!(
            words("  don't \"quote\" the $HOME header; ok\n"),
            vec!["don't \"quote\" the $HOME header; ok"]
        );
        assert!(words("\n").is_empty());
    }

    #[test]
    fn flags_split_like_a_shell_and_stray_quotes_stay() {
        assert_eq!(
            words("--decision \"use serde\" --rationale it's simpler"),
            vec!["--decision", "use serde", "--rationale", "it's", "simpler"]
        );
        assert_eq!(
            words("--goal='CSV export' --name csv"),
            vec!["--goal=CSV export", "--name", "csv"]
        );
        assert_eq!(words("--reason \"unclosed"), vec!["--reason", "\"unclosed"]);
    }
}
