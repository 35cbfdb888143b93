//! Continuation intent: is the point of this prompt "pick up where we left
//! off"? A word inside an instruction ("add a continue statement",
//! "discontinue the v1 API", "resume parsing at offset 4") is not.
//!
//! No regex: this runs on every prompt, so it is a handful of string
//! comparisons on a normalised copy of a short prompt.

/// Prompts longer than this are instructions, not "continue".
pub const MAX_LEN: usize = 160;
/// A topic after "continue with" longer than this is an instruction.
const MAX_TAIL_WORDS: usize = 6;

/// Whole-prompt phrases.
const PHRASES: &[&str] = &[
    "continue",
    "cont",
    "carry on",
    "keep going",
    "keep at it",
    "go on",
    "resume",
    "proceed",
    "where were we",
    "where was i",
    "where did we leave off",
    "where did we leave it",
    "where did we stop",
    "where did i leave off",
    "where are we",
    "pick up where we left off",
    "pick up where you left off",
    "pick up where i left off",
    "pick it up",
    "pick up",
    "what's next",
    "whats next",
    "what is next",
    "what next",
    "what now",
    "catch me up",
    "catch up",
    "let's continue",
    "lets continue",
    "let us continue",
    "let's resume",
    "lets resume",
    "let's carry on",
    "lets carry on",
    "let's keep going",
    "lets keep going",
    "continue where we left off",
    "continue where you left off",
    "continue from where we left off",
    "continue from where you left off",
    "resume where we left off",
    "resume where you left off",
    "continue working",
    "keep working",
    "back to work",
    "back to it",
    "let's get back to it",
    "lets get back to it",
    "what were we doing",
    "what were we working on",
    "what was i working on",
    "remind me where we are",
    "remind me where we were",
    "continue the session",
    "resume the session",
    "resume session",
    "continue session",
    "resume work",
    "continue the work",
    "let's pick up where we left off",
    "lets pick up where we left off",
    "where we left off",
    "status",
    "what's the status",
    "whats the status",
    "go ahead and continue",
    "please continue",
    "you can continue",
];

/// Openers that take a short topic: "let's continue with the migration".
const TOPIC_OPENERS: &[&str] = &[
    "let's continue with",
    "lets continue with",
    "let us continue with",
    "let's continue on",
    "lets continue on",
    "let's continue",
    "lets continue",
    "continue with",
    "continue on",
    "continue working on",
    "keep working on",
    "carry on with",
    "keep going with",
    "resume work on",
    "resume working on",
    "resume the",
    "resume with",
    "let's resume",
    "lets resume",
    "let's get back to",
    "lets get back to",
    "get back to",
    "back to",
    "pick up the",
    "let's pick up",
    "lets pick up",
    "continue the",
    "let's finish",
    "lets finish",
];

/// Fillers stripped from either end: "ok, continue please".
const FILLERS: &[&str] = &[
    "ok",
    "okay",
    "k",
    "alright",
    "all right",
    "right",
    "so",
    "now",
    "please",
    "pls",
    "thanks",
    "thank you",
    "yes",
    "yep",
    "yeah",
    "sure",
    "great",
    "good",
    "cool",
    "nice",
    "hey",
    "hi",
    "claude",
    "then",
    "again",
    "go ahead",
    "and",
    "well",
];

/// Words that turn "continue ..." into an instruction about code or
/// conditions.
const INSTRUCTION_WORDS: &[&str] = &[
    "if",
    "when",
    "until",
    "while",
    "unless",
    "instead",
    "statement",
    "keyword",
    "loop",
    "button",
    "offset",
    "at",
    "after",
    "before",
    "because",
    "fails",
    "failing",
    "error",
    "errors",
    "bug",
    "function",
    "flag",
    "method",
    "exception",
    "iteration",
    "line",
    "lines",
    "byte",
    "bytes",
    "character",
    "token",
    "tokens",
    "should",
    "must",
    "doesn't",
    "does",
    "not",
    "why",
    "how",
    "but",
    "even",
    "parsing",
    "reading",
    "from",
];

/// Lowercase, curly quotes straightened, punctuation at the ends and commas
/// dropped, whitespace collapsed, fillers stripped from both ends.
pub fn normalise(prompt: &str) -> String {
    let mut s: String = prompt
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    s = s.replace([',', ';'], " ");
    let mut words: Vec<&str> = s.split_whitespace().collect();
    let trim = |w: &str| {
        w.trim_matches(|c: char| matches!(c, '.' | '!' | '?' | ':' | '"' | '(' | ')' | '…'))
            .to_string()
    };
    let mut owned: Vec<String> = words
        .drain(..)
        .map(trim)
        .filter(|w| !w.is_empty())
        .collect();
    loop {
        let before = owned.len();
        for f in FILLERS {
            let fw: Vec<&str> = f.split(' ').collect();
            if owned.len() > fw.len()
                && owned[..fw.len()]
                    .iter()
                    .map(String::as_str)
                    .eq(fw.iter().copied())
            {
                owned.drain(..fw.len());
            }
            if owned.len() > fw.len()
                && owned[owned.len() - fw.len()..]
                    .iter()
                    .map(String::as_str)
                    .eq(fw.iter().copied())
            {
                owned.truncate(owned.len() - fw.len());
            }
        }
        if owned.len() == before {
            break;
        }
    }
    owned.join(" ")
}

/// Is this prompt asking to continue? `extra` are phrases from config,
/// matched like the built-in whole-prompt phrases.
///
/// ```
/// use session_hook::hook::intent::is_continuation;
/// assert!(is_continuation("ok, let's continue with the migration", &[]));
/// assert!(!is_continuation("add a continue statement", &[]));
/// ```
pub fn is_continuation(prompt: &str, extra: &[String]) -> bool {
    if prompt.len() > MAX_LEN
        || prompt.contains('`')
        || prompt.contains("--")
        || prompt.contains('\n')
    {
        return false;
    }
    let n = normalise(prompt);
    if n.is_empty() {
        return false;
    }
    if PHRASES.contains(&n.as_str()) || extra.iter().any(|p| normalise(p) == n) {
        return true;
    }
    for opener in TOPIC_OPENERS {
        if let Some(rest) = n.strip_prefix(opener)
            && (rest.is_empty() || rest.starts_with(' '))
        {
            let tail: Vec<&str> = rest.split_whitespace().collect();
            if tail.is_empty() {
                return true;
            }
            if tail.len() > MAX_TAIL_WORDS {
                return false;
            }
            if tail.iter().any(|w| INSTRUCTION_WORDS.contains(w)) {
                return false;
            }
            // "resume parsing ...": a gerund right after the verb is a task,
            // unless it is "working".
            let first = tail[0];
            if first.ends_with("ing") && first != "working" && !opener.ends_with("the") {
                return false;
            }
            if first.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return false;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (prompt, is it a continuation?)
    const LABELLED: &[(&str, bool)] = &[
        ("continue", true),
        ("Continue.", true),
        ("continue!", true),
        ("ok, continue", true),
        ("please continue", true),
        ("continue please", true),
        ("carry on", true),
        ("Carry on.", true),
        ("keep going", true),
        ("yes, keep going", true),
        ("resume", true),
        ("Resume", true),
        ("where were we?", true),
        ("Where were we", true),
        ("where did we leave off?", true),
        ("pick up where we left off", true),
        ("Let's pick up where we left off.", true),
        ("what's next?", true),
        ("What\u{2019}s next?", true),
        ("what is next", true),
        ("catch me up", true),
        ("Catch me up, please.", true),
        ("let's continue with the migration", true),
        ("Let's continue with the auth refactor", true),
        ("continue with the migration", true),
        ("continue where we left off", true),
        ("continue from where you left off", true),
        ("ok let's continue", true),
        ("alright, let's keep going", true),
        ("resume work on the parser", true),
        ("let's get back to the billing work", true),
        ("back to it", true),
        ("continue working on the sweeper fix", true),
        ("go on", true),
        ("proceed", true),
        ("what were we working on?", true),
        ("hey claude, where were we?", true),
        ("resume the session", true),
        ("add a continue statement", false),
        ("discontinue the v1 API", false),
        ("resume parsing at offset 4", false),
        ("why does the resume button not work?", false),
        ("git rebase --continue fails", false),
        ("the loop should continue when x is null", false),
        ("continue the loop until the queue is empty", false),
        ("Write a factorial function", false),
        ("fix the failing test in sweeper.go", false),
        ("can you explain how compaction works", false),
        ("add a resume() method to the Player class", false),
        ("continue on error in the batch job", false),
        ("rename continueButton to nextButton", false),
        ("What does `continue` do in Rust?", false),
        ("Implement a resume upload feature for large files", false),
        (
            "continuing from the last commit, refactor the cache layer and add tests for eviction and expiry",
            false,
        ),
        (
            "keep going with the next 3 files but skip the generated ones please",
            false,
        ),
        ("the process should resume after the pause", false),
        ("Show me what's next in the queue implementation", false),
        ("where were we storing the tokens?", false),
        ("resume reading from byte 1024", false),
        ("continue\nand also fix the tests", false),
        ("status of the build?", false),
        ("next", false),
        ("", false),
        ("   ", false),
    ];

    #[test]
    fn labelled_table() {
        assert!(LABELLED.len() >= 60);
        let wrong: Vec<_> = LABELLED
            .iter()
            .filter(|(p, want)| is_continuation(p, &[]) != *want)
            .collect();
        assert!(wrong.is_empty(), "misclassified: {wrong:?}");
    }

    #[test]
    fn extra_phrases() {
        assert!(!is_continuation("onwards", &[]));
        assert!(is_continuation("Onwards!", &["onwards".into()]));
    }
}
