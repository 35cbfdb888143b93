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

/// `s` without the colour `Paint` added: what a pipe would have shown.
pub fn unpainted(s: &str) -> String {
    s.split("\x1b[")
        .enumerate()
        .map(|(i, part)| match part.split_once('m') {
            Some((_, rest)) if i > 0 => rest,
            _ => part,
        })
        .collect()
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

    /// A session document (or a part of one) for a terminal: the
    /// frontmatter dim with its status in colour, headings bold, the
    /// current step green, open blockers red, completed steps dim. The text
    /// must already be safe to print (see `frame::terminal`).
    pub fn document(&self, text: &str) -> String {
        if !self.on {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 512);
        let mut front = false;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let body = line.trim_end_matches('\n');
            let t = body.trim_start();
            let painted = if body == "---" {
                // The first line opens the frontmatter, the next rule
                // closes it; any later rule is only a rule.
                front = i == 0;
                self.dim(body)
            } else if front {
                match body.strip_prefix("status: ") {
                    Some(s) => format!("{}{}", self.dim("status: "), self.status(s, s)),
                    None => self.dim(body),
                }
            } else if t.starts_with('#') {
                self.bold(body)
            } else if t.ends_with("<- CURRENT") || t.starts_with("**Current**") {
                self.green(body)
            } else if t.starts_with("**Blocker") || t.contains("** — open") {
                self.red(body)
            } else if t.starts_with("- [x]") || t.starts_with("- [-]") {
                self.dim(body)
            } else {
                body.to_string()
            };
            out.push_str(&painted);
            out.push_str(&line[body.len()..]);
        }
        out
    }

    /// Every `[active]`, `[paused]`, `[complete]` and `[abandoned]` in
    /// `text` with its status in colour (as `resume --list` shows them).
    pub fn statuses(&self, text: &str) -> String {
        if !self.on {
            return text.to_string();
        }
        ["active", "paused", "complete", "abandoned"]
            .iter()
            .fold(text.to_string(), |t, s| {
                t.replace(&format!("[{s}]"), &format!("[{}]", self.status(s, s)))
            })
    }

    /// A finding's level in doctor's report, padded to `width` before it
    /// is painted so columns stay aligned.
    pub fn level(&self, tag: &str, width: usize) -> String {
        let padded = format!("{tag:<width$}");
        match tag {
            "ok" => self.green(&padded),
            "warning" => self.yellow(&padded),
            "PROBLEM" => self.wrap("1;31", &padded),
            _ => self.dim(&padded),
        }
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

    #[test]
    fn a_document_is_painted_line_by_line_and_keeps_its_text() {
        let doc = "---\nid: x\nstatus: paused\n---\n\n# Session: T\n\n## Progress\n- [x] Done one ^s1\n- [ ] Two ^s2  <- CURRENT\n\n## Blockers\n1. **no sample** — open (2026-01-15T10:00Z)\n2. **old** — resolved (2026-01-15T10:00Z)\n\n---\nfooter\n";
        let p = Paint { on: true };
        let painted = p.document(doc);
        assert_eq!(
            unpainted(&painted),
            doc,
            "colour only, not one character more or less"
        );
        for (line, code) in [
            ("status: ", "\x1b[2mstatus: \x1b[0m\x1b[33mpaused"),
            ("# Session", "\x1b[1m# Session: T"),
            ("CURRENT", "\x1b[32m- [ ] Two ^s2  <- CURRENT"),
            ("no sample", "\x1b[31m1. **no sample** — open"),
            ("Done one", "\x1b[2m- [x] Done one"),
        ] {
            assert!(painted.contains(code), "{line}: {painted}");
        }
        assert!(
            painted.contains("\n2. **old** — resolved"),
            "resolved stays plain"
        );
        assert!(
            painted.contains("\n\x1b[2m---\x1b[0m\nfooter"),
            "a later rule is dim"
        );
        assert_eq!(Paint { on: false }.document(doc), doc);
    }
}
