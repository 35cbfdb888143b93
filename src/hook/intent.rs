//! Continuation intent: is the point of this prompt "pick up where we left
//! off"? A word inside an instruction ("add a continue statement",
//! "discontinue the v1 API", "resume parsing at offset 4") is not.
//!
//! Three shapes count: a whole-prompt phrase ("where were we"), an opener
//! with a short topic or time ("continue with the importer", "resume from
//! friday"), and a short prompt made only of the words people use about
//! the work's state and going on, with one of them pointing there ("what do
//! we still need to do", "where'd we get to"). A word outside that
//! vocabulary (a file, a type, "add", "rename") makes it an instruction.
//!
//! No regex: this runs on every prompt, so it is a handful of string
//! comparisons on a normalised copy of a short prompt.

/// Prompts longer than this are instructions, not "continue".
pub const MAX_LEN: usize = 160;
/// A topic after "continue with" longer than this is an instruction.
const MAX_TAIL_WORDS: usize = 6;

/// Whole-prompt phrases (after fillers and greetings are stripped).
const PHRASES: &[&str] = &[
    // go-aheads
    "continue",
    "cont",
    "carry on",
    "keep going",
    "keep at it",
    "go on",
    "please go on",
    "resume",
    "proceed",
    "go ahead",
    "onwards",
    "onward",
    "let's go",
    "lets go",
    "let's get going",
    "lets get going",
    "go ahead and continue",
    "please continue",
    "you can continue",
    "continue working",
    "keep working",
    "keep working on it",
    "keep going from where you stopped",
    "keep going from where you left off",
    // the next step
    "next item",
    "next step",
    "next task",
    "next one",
    "on to the next one",
    "on to the next step",
    "do the next step",
    "do the next one",
    "start on the next step",
    "move on to the next step",
    "move on to the next one",
    "go ahead with the next step",
    "go ahead with the plan",
    "proceed with the next item",
    "proceed with the next step",
    // what next, what is left
    "what's next",
    "whats next",
    "what is next",
    "what next",
    "what now",
    "what's left",
    "whats left",
    "what is left",
    "what's left to do",
    "what is left to do",
    "what remains",
    "what's remaining",
    "what should i tackle now",
    "what should i tackle next",
    "what should we tackle next",
    "what should we do next",
    "what should we do now",
    "what should i do next",
    "what should i do now",
    "what should i work on next",
    "what should we work on next",
    "what do we do now",
    "what do we do next",
    "what's the next step",
    "whats the next step",
    "what is the next step",
    "what's on the list",
    // where things stand
    "where were we",
    "where was i",
    "where did we leave off",
    "where did we leave it",
    "where did we stop",
    "where did i leave off",
    "where are we",
    "where are we at",
    "where are we with this",
    "where do things stand",
    "where do we stand",
    "how far along are we",
    "how far did we get",
    "what was the plan",
    "what's the plan",
    "whats the plan",
    "remind me what the plan was",
    "remind me of the plan",
    "remind me where things stand",
    "remind me where we are",
    "remind me where we were",
    "remind me where we left off",
    "what were we doing",
    "what were we working on",
    "what was i working on",
    "what was i doing",
    "what did we get done last time",
    "what did we do last time",
    "status",
    "status update",
    "quick status",
    "give me a status update",
    "what's the status",
    "whats the status",
    "catch me up",
    "catch up",
    "fill me in",
    "bring me up to speed",
    "get me up to speed",
    "recap",
    "quick recap",
    // picking it up again
    "pick up where we left off",
    "pick up where you left off",
    "pick up where i left off",
    "let's pick up where we left off",
    "lets pick up where we left off",
    "pick it up",
    "pick it back up",
    "pick up",
    "let's pick this back up",
    "lets pick this back up",
    "picking this up",
    "picking it up",
    "back at it",
    "back to it",
    "back to work",
    "let's get back to it",
    "lets get back to it",
    "let's get back to work",
    "lets get back to work",
    "i'm back",
    "im back",
    "i am back",
    "let's continue",
    "lets continue",
    "let us continue",
    "let's resume",
    "lets resume",
    "let's carry on",
    "lets carry on",
    "let's keep going",
    "lets keep going",
    "let's finish this",
    "lets finish this",
    "let's wrap this up",
    "lets wrap this up",
    "continue where we left off",
    "continue where you left off",
    "continue from where we left off",
    "continue from where you left off",
    "resume where we left off",
    "resume where you left off",
    "where we left off",
    "continue the session",
    "resume the session",
    "resume session",
    "continue session",
    "resume work",
    "resume the work",
    "continue the work",
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
    "let's keep working on",
    "lets keep working on",
    "let's keep going with",
    "lets keep going with",
    "keep at it with",
    "keep going with",
    "carry on with",
    "go ahead with",
    "proceed with",
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

/// Openers that take a time: "resume from friday", "continue where we
/// left off on monday".
const TIME_OPENERS: &[&str] = &[
    "resume from",
    "resume where we left off",
    "continue from",
    "continue where we left off",
    "continuing from",
    "picking up from",
    "pick up from",
    "let's resume from",
    "lets resume from",
    "let's continue from",
    "lets continue from",
    "let's pick up where we stopped",
    "lets pick up where we stopped",
    "pick up where we stopped",
];

/// Words a time after a [`TIME_OPENERS`] opener is made of.
const TIME_WORDS: &[&str] = &[
    "yesterday",
    "yesterday's",
    "today",
    "today's",
    "earlier",
    "before",
    "last",
    "time",
    "week",
    "week's",
    "weekend",
    "night",
    "this",
    "morning",
    "afternoon",
    "evening",
    "the",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "monday's",
    "friday's",
    "session",
    "sessions",
];

/// Fillers and greetings stripped from either end: "ok, continue
/// please", "morning — onwards", "I'm back, let's continue".
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
    "sounds good",
    "hey",
    "yo",
    "hi",
    "hello",
    "hello again",
    "morning",
    "good morning",
    "afternoon",
    "good afternoon",
    "evening",
    "claude",
    "then",
    "again",
    "and",
    "well",
    "i'm back",
    "im back",
    "i am back",
    "back again",
    "back from lunch",
    "new day",
    "same as before",
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
    "more",
];

/// The words a short "where are we / what is left / carry on" prompt is
/// made of: pronouns, the plan's vocabulary, going on and stopping. A
/// prompt with any other word (a file, a type, a verb like "add" or
/// "rename") is about something else. Time words count too.
const STATE_WORDS: &[&str] = &[
    "what",
    "what's",
    "whats",
    "where",
    "where'd",
    "where's",
    "how",
    "far",
    "along",
    "is",
    "are",
    "was",
    "were",
    "did",
    "do",
    "we",
    "we're",
    "i",
    "i'm",
    "you",
    "us",
    "our",
    "my",
    "it",
    "this",
    "that",
    "things",
    "everything",
    "the",
    "a",
    "of",
    "on",
    "for",
    "with",
    "to",
    "up",
    "off",
    "into",
    "here",
    "there",
    "left",
    "leave",
    "stopped",
    "get",
    "got",
    "go",
    "going",
    "keep",
    "carry",
    "continue",
    "continuing",
    "resume",
    "resuming",
    "proceed",
    "pick",
    "picking",
    "back",
    "next",
    "step",
    "steps",
    "task",
    "tasks",
    "item",
    "items",
    "one",
    "list",
    "plan",
    "agenda",
    "status",
    "progress",
    "current",
    "remaining",
    "remain",
    "remains",
    "still",
    "need",
    "needs",
    "done",
    "doing",
    "work",
    "working",
    "session",
    "should",
    "can",
    "let's",
    "lets",
    "tackle",
    "move",
    "ahead",
    "onward",
    "onwards",
    "remind",
    "me",
    "tell",
    "give",
    "quick",
    "stand",
    "stands",
    "anything",
    "else",
    "be",
    "been",
    "again",
    "ready",
    "when",
    "so",
    "at",
    "and",
    "from",
    "hand",
    "pending",
    "outstanding",
    "open",
    "first",
    "todo",
    "thing",
    "last",
    "shall",
    "stop",
    "how's",
    "looking",
    "recap",
    "then",
    "please",
    "started",
    "start",
    "end",
    "ended",
    "state",
    "which",
    "part",
    "finished",
    "planned",
    "as",
    "isn't",
    "summarise",
    "summarize",
    "check",
];

/// What makes such a prompt about the work's state or about going on (a
/// word, or two in a row).
const STATE_ANCHORS: &[&str] = &[
    "continue",
    "continuing",
    "resume",
    "resuming",
    "proceed",
    "carry on",
    "keep going",
    "keep working",
    "next",
    "left",
    "remaining",
    "remain",
    "remains",
    "status",
    "agenda",
    "stopped",
    "progress",
    "plan",
    "current step",
    "how far",
    "so far",
    "working on",
    "were we",
    "was i",
    "we at",
    "pick up",
    "picking up",
    "still need",
    "we leave",
    "i leave",
    "should we do",
    "should i do",
    "do we do",
    "where we",
    "where'd we",
    "where i",
    "where things",
    "where are we",
    "where were we",
    "get back",
    "back into",
    "back to",
    "pending",
    "outstanding",
    "open items",
    "what's first",
    "whats first",
    "todo list",
    "last thing",
    "are things",
    "things at",
    "i stop",
    "we stop",
    "it going",
    "recap",
    "get started",
    "end up",
    "state of things",
    "still open",
    "which step",
    "we doing",
    "last step",
    "as planned",
    "done and",
    "where we are",
    "from here",
    "status check",
    "next part",
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
        w.trim_matches(|c: char| {
            matches!(
                c,
                '.' | '!' | '?' | ':' | '"' | '(' | ')' | '…' | '—' | '–' | '-'
            )
        })
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
        || prompt.contains("()")
        || prompt.contains('\n')
        // "continue the sentence: …", "status: 404 …": a colon inside
        // introduces something to work on.
        || prompt.trim_end().trim_end_matches(':').contains(':')
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
    if state_words_only(&n) {
        return true;
    }
    for opener in TIME_OPENERS {
        if let Some(rest) = n.strip_prefix(opener)
            && rest.starts_with(' ')
            && rest.split_whitespace().all(|w| TIME_WORDS.contains(&w))
        {
            return true;
        }
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

/// Two to ten words, every one from [`STATE_WORDS`] or [`TIME_WORDS`],
/// and one of [`STATE_ANCHORS`]: "what do we still need to do", "where'd
/// we get to", "carry on from where we stopped". A single word is never
/// enough ("next" is as often about code as about the work).
fn state_words_only(n: &str) -> bool {
    let words: Vec<&str> = n.split_whitespace().collect();
    if !(2..=10).contains(&words.len())
        || !words
            .iter()
            .all(|w| STATE_WORDS.contains(w) || TIME_WORDS.contains(w))
    {
        return false;
    }
    let padded = format!(" {n} ");
    STATE_ANCHORS
        .iter()
        .any(|a| padded.contains(&format!(" {a} ")))
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
        assert!(!is_continuation("ship it", &[]));
        assert!(is_continuation("Ship it!", &["ship it".into()]));
    }
}
