//! Colour for people at a terminal: on when the stream is a terminal,
//! `NO_COLOR` is unset and `--color` does not say otherwise. Pipes, files,
//! hooks and tests get plain text.

use std::io::IsTerminal;

/// `--color`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

impl Color {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn on(self, terminal: bool) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// Paints text, or leaves it alone.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    pub fn stdout(c: Color) -> Paint {
        Paint {
            on: c.on(std::io::stdout().is_terminal()),
        }
    }

    pub fn stderr(c: Color) -> Paint {
        Paint {
            on: c.on(std::io::stderr().is_terminal()),
        }
    }

    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn red(&self, s: &str) -> String {
        self.wrap("31", s)
    }
    pub fn yellow(&self, s: &str) -> String {
        self.wrap("33", s)
    }
    pub fn green(&self, s: &str) -> String {
        self.wrap("32", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }

    /// A session status in its colour: active green, paused yellow,
    /// unreadable red, closed dim.
    pub fn status(&self, s: &str, status: &str) -> String {
        match status {
            "active" => self.green(s),
            "paused" => self.yellow(s),
            "unreadable" => self.red(s),
            _ => self.dim(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_paints_nothing_and_never_and_always_win() {
        let p = Paint { on: false };
        assert_eq!(p.red("x"), "x");
        assert_eq!(Paint { on: true }.red("x"), "\x1b[31mx\x1b[0m");
        assert!(!Color::Never.on(true));
        assert!(Color::Always.on(false));
        assert!(!Color::Auto.on(false));
    }
}
