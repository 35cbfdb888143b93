//! Continuation intent: is this prompt someone coming back to the work
//! ("morning — onwards", "what was the plan again?", "continue with the
//! importer"), or an ordinary prompt that happens to hold the words ("add a
//! continue to the loop", "the resume parser crashes", "what does next()
//! return")?
//!
//! The prompt is cut into clauses at sentence punctuation, and each clause
//! is read as one of three things:
//! - *work*: a go-ahead at its head ("carry on", "let's resume from
//!   friday", "next one please"), a question or request about the work's
//!   state ("where were we", "what's left", "remind me of the plan"), or a
//!   return ("I'm back");
//! - *code*: an instruction (a development verb at its head: "add", "fix",
//!   "rename"), a condition ("keep going until the queue is empty"), a
//!   fault ("… doesn't work"), or a programming noun in the work phrase
//!   itself ("the resume parser", "status bar", "where is the config
//!   loaded");
//! - an *aside*: greetings, thanks, where the user has been, "that's done".
//!
//! A prompt is a continuation when some clause is work and none is code.
//! Words the classifier does not know are neutral, so a new phrasing around
//! a known anchor still counts; what makes a prompt ordinary is evidence
//! that it is about code.
//!
//! No regex: this runs on every prompt, so it is word comparisons on a
//! normalised copy of a short prompt.

/// Prompts longer than this are instructions, not "continue".
pub const MAX_LEN: usize = 300;

/// Contractions, chat spellings and common slips, written out so that the
/// phrase tables below need only one form.
const SPELLINGS: &[(&str, &str)] = &[
    ("what's", "what is"),
    ("whats", "what is"),
    ("wats", "what is"),
    ("wat", "what"),
    ("wht", "what"),
    ("what're", "what are"),
    ("what've", "what have"),
    ("what'd", "what did"),
    ("where's", "where is"),
    ("whatever's", "whatever is"),
    ("haven't", "have not"),
    ("havent", "have not"),
    ("hasn't", "has not"),
    ("aren't", "are not"),
    ("you're", "you are"),
    ("youre", "you are"),
    ("wheres", "where is"),
    ("where'd", "where did"),
    ("where're", "where are"),
    ("whr", "where"),
    ("whre", "where"),
    ("wher", "where"),
    ("how's", "how is"),
    ("hows", "how is"),
    ("let's", "let us"),
    ("lets", "let us"),
    ("lemme", "let me"),
    ("gimme", "give me"),
    ("i'm", "i am"),
    ("im", "i am"),
    ("we're", "we are"),
    ("were're", "we are"),
    ("it's", "it is"),
    ("its", "it is"),
    ("that's", "that is"),
    ("thats", "that is"),
    ("we've", "we have"),
    ("i've", "i have"),
    ("we'll", "we will"),
    ("i'll", "i will"),
    ("isn't", "is not"),
    ("isnt", "is not"),
    ("don't", "do not"),
    ("dont", "do not"),
    ("doesn't", "does not"),
    ("doesnt", "does not"),
    ("didn't", "did not"),
    ("didnt", "did not"),
    ("won't", "will not"),
    ("wont", "will not"),
    ("can't", "can not"),
    ("cant", "can not"),
    ("cannot", "can not"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("gotta", "got to"),
    ("u", "you"),
    ("r", "are"),
    ("ur", "your"),
    ("w", "with"),
    ("w/", "with"),
    ("abt", "about"),
    ("pls", "please"),
    ("plz", "please"),
    ("plss", "please"),
    ("thx", "thanks"),
    ("ty", "thanks"),
    ("ta", "thanks"),
    ("nxt", "next"),
    ("cont", "continue"),
    ("contd", "continue"),
    ("goin", "going"),
    ("doin", "doing"),
    ("kep", "keep"),
    ("cary", "carry"),
    ("pickup", "pick up"),
    ("rn", "now"),
    ("yday", "yesterday"),
    ("yest", "yesterday"),
    ("sitrep", "status"),
    ("todos", "todo"),
    ("to-do", "todo"),
    ("to-dos", "todo"),
    ("frm", "from"),
    ("mtg", "meeting"),
    ("gm", "good morning"),
    ("ok", "ok"),
    ("okay", "ok"),
    ("k", "ok"),
    ("kk", "ok"),
    ("okie", "ok"),
];

/// Words a slip of one letter is mended back to ("contnue", "procede").
/// Only words of five letters or more, so short real words stay themselves.
const MENDED: &[&str] = &[
    "continue",
    "resume",
    "proceed",
    "status",
    "progress",
    "remind",
    "remaining",
    "onwards",
];

/// Words at a clause's head that only soften it: "ok so let's …", "could
/// you please …", "go ahead and …".
const COURTESY: &[&str] = &[
    "ok",
    "alright",
    "all right",
    "right",
    "so",
    "now",
    "then",
    "well",
    "and",
    "also",
    "just",
    "yes",
    "yeah",
    "yep",
    "yup",
    "sure",
    "cool",
    "great",
    "fine",
    "good",
    "nice",
    "perfect",
    "awesome",
    "please",
    "kindly",
    "hey",
    "hi",
    "hello",
    "claude",
    "can you",
    "could you",
    "would you",
    "will you",
    "can we",
    "could we",
    "should we",
    "let us",
    "let me",
    "i want to",
    "i would like to",
    "i'd like to",
    "i need you to",
    "i want you to",
    "we need to",
    "we should",
    "i think we should",
    "need to",
    "you can",
    "we can",
    "go ahead and",
    "time to",
    "maybe",
    "please do",
    "would you mind",
    "do you mind",
    "mind",
    "lgtm",
    "ye",
    "ya",
    "yea",
    "yeh",
    "again",
    "to",
    "whatever",
    "um",
    "uh",
    "oh",
    "hmm",
    "lol",
    "bet",
    "alrighty",
    "mate",
    "boss",
    "dude",
    "buddy",
    "excuse me",
    "may",
    "anyway",
    "anyways",
    "if not",
    "otherwise",
    "today",
    "tonight",
    "this morning",
    "this afternoon",
    "we",
    "i",
    "you",
    "thanks",
    "cheers",
    "sweet",
    "excellent",
];

/// A go-ahead at a clause's head. What may follow is read by [`go_tail`].
const GO: &[&str] = &[
    "continue",
    "continuing",
    "carry on",
    "carrying on",
    "keep going",
    "keep at it",
    "keep on",
    "keep it going",
    "keep rolling",
    "keep working",
    "keep pushing",
    "keep plugging away",
    "keep chipping away",
    "keep moving",
    "keep the ball rolling",
    "picking up the thread",
    "get us back on track",
    "get us back",
    "get me back",
    "execute",
    "execute it",
    "restart where",
    "restart from where",
    "start again from where",
    "get it",
    "shall we",
    "ready",
    "i am ready",
    "we are ready",
    "ready when you are",
    "ready for",
    "ready to",
    "let us roll",
    "keep the momentum",
    "keep up the momentum",
    "keep the momentum going",
    "full steam ahead",
    "steam ahead",
    "back in the saddle",
    "back on the road",
    "back on track",
    "show back on the road",
    "get this show back on the road",
    "get going again",
    "knock out",
    "knock it out",
    "keep grinding",
    "keep at",
    "on to",
    "onto",
    "same drill",
    "do the remaining",
    "do the rest",
    "finish the rest",
    "work through the rest",
    "tackle the rest",
    "on we go",
    "off we go",
    "here we go",
    "get stuck in",
    "get stuck back in",
    "get back in",
    "get on with",
    "get on with it",
    "get started",
    "get started again",
    "pick up the thread",
    "pick the thread back up",
    "pick up the threads",
    "proceed",
    "resume",
    "resuming",
    "go on",
    "go ahead",
    "go for it",
    "press on",
    "push on",
    "push ahead",
    "crack on",
    "forge ahead",
    "plough on",
    "plow on",
    "soldier on",
    "move on",
    "moving on",
    "move forward",
    "move ahead",
    "onward",
    "onwards",
    "go",
    "get going",
    "get cracking",
    "get to it",
    "get back to",
    "get back into",
    "get back on",
    "pick up",
    "pick it up",
    "pick this up",
    "pick things up",
    "pick it back up",
    "pick this back up",
    "pick things back up",
    "pick back up",
    "picking up",
    "picking this up",
    "picking it up",
    "picking this back up",
    "back to it",
    "back at it",
    "back to work",
    "back on it",
    "back to",
    "back into",
    "back on",
    "dive back in",
    "dive back into",
    "jump back in",
    "jump back into",
    "hop back in",
    "hop back on",
    "return to",
    "returning to",
    "on to the next",
    "onto the next",
    "on with the",
    "next",
    "do the next",
    "start the next",
    "start on the next",
    "finish",
    "finish up",
    "finish off",
    "wrap up",
    "wrap this up",
    "wrap it up",
    "let us do this",
    "let us roll",
    "roll on",
    "same as before",
    "as you were",
    "where we left off",
];

/// After a go-ahead, words that make the clause a condition or a task
/// ("continue on error", "resume after the pause", "keep going until …").
const CONDITIONS: &[&str] = &[
    "if",
    "when",
    "whenever",
    "until",
    "till",
    "unless",
    "while",
    "once",
    "after",
    "because",
    "instead",
    "even",
    "error",
    "errors",
    "failure",
    "fails",
    "failing",
    "iteration",
];

/// Gerunds that name the work itself rather than a task ("keep working").
const WORK_GERUNDS: &[&str] = &[
    "working", "going", "coding", "hacking", "grinding", "rolling",
];

/// Phrases about the work's state: where it stands, what is left, what
/// comes next, the plan. Found anywhere in a clause.
const STATE: &[&str] = &[
    "where were we",
    "where was i",
    "where are we",
    "where am i",
    "where we are",
    "where we were",
    "where we left",
    "where we stopped",
    "where we got",
    "where we ended",
    "where we paused",
    "where we at",
    "where i left",
    "where i stopped",
    "where i was",
    "where i got",
    "where had we",
    "and now",
    "on the plate",
    "else is on",
    "where you got",
    "where you were",
    "got interrupted",
    "where is we",
    "what remain",
    "remain to do",
    "more steps",
    "more tasks",
    "more items",
    "more to go",
    "current state",
    "we were doing",
    "keep doing that",
    "keep doing it",
    "doing next",
    "coming along",
    "where to next",
    "where to now",
    "to next",
    "now what",
    "what now",
    "what after",
    "what is after",
    "what comes after",
    "what is first",
    "what first",
    "action items",
    "items remain",
    "tasks remain",
    "steps remain",
    "have not done",
    "have not we",
    "have we not",
    "not done",
    "not done yet",
    "is there more",
    "anything more",
    "nearly there",
    "almost there",
    "nearly done",
    "almost done",
    "close to done",
    "how close",
    "there yet",
    "are we done",
    "are we finished",
    "did you finish",
    "did we finish",
    "did i finish",
    "how far did you",
    "how far have you",
    "what point",
    "which point",
    "where we did",
    "lay of the land",
    "the rest of the",
    "remaining ones",
    "remaining items",
    "remaining tasks",
    "remaining steps",
    "remaining work",
    "still pending",
    "same as yesterday",
    "same as last time",
    "as i was saying",
    "where have we",
    "where had i",
    "where you left",
    "where you stopped",
    "where things",
    "where it stands",
    "where is this at",
    "where is it at",
    "where this is at",
    "where did we",
    "where did i",
    "where do we",
    "where do i",
    "where do things",
    "where are things",
    "left off",
    "leave off",
    "left things",
    "we left it",
    "what is next",
    "what next",
    "what is up next",
    "up next",
    "what comes next",
    "what now",
    "what is left",
    "what is still left",
    "what else is left",
    "what do we have left",
    "what have we got left",
    "anything left",
    "anything else left",
    "how much is left",
    "how much left",
    "how much more",
    "how many left",
    "tasks left",
    "steps left",
    "items left",
    "left to do",
    "is left",
    "still left",
    "what is remaining",
    "what remains",
    "what is pending",
    "still open",
    "open items",
    "loose ends",
    "unfinished",
    "more to do",
    "else to do",
    "still to do",
    "still todo",
    "task list",
    "todo list",
    "to do list",
    "still have to",
    "still need",
    "need to do",
    "have to do",
    "do we still",
    "what we still",
    "what is still",
    "up to date",
    "bring me up to",
    "how are we getting on",
    "how are we going",
    "getting on",
    "should i tackle",
    "should we tackle",
    "tackle next",
    "do next",
    "work on next",
    "which one should",
    "working on",
    "last thing",
    "last step",
    "we did last",
    "how far along",
    "how far are we",
    "how far did we",
    "how far have we",
    "how far we",
    "on deck",
    "on the agenda",
    "on the list",
    "on the menu",
    "on my plate",
    "on our plate",
    "next step",
    "next steps",
    "next item",
    "next task",
    "next thing",
    "next one",
    "next bit",
    "next part",
    "next phase",
    "next stage",
    "next move",
    "next up",
    "next on",
    "what should i do",
    "what should we do",
    "what shall we do",
    "what shall i do",
    "what should i tackle",
    "what should we tackle",
    "what should i work on",
    "what should we work on",
    "what should i focus on",
    "what should we focus on",
    "what should i look at",
    "what should we look at",
    "what should i start",
    "what should we start",
    "what should i pick up",
    "what should i be",
    "what should we be",
    "what should be next",
    "what do we do",
    "what do i do",
    "what do we tackle",
    "what do i tackle",
    "what do we work on",
    "what do i work on",
    "what to do",
    "what to tackle",
    "what to work on",
    "what are we doing",
    "what am i doing",
    "what were we",
    "what was i",
    "what we were",
    "what i was",
    "what have we done",
    "what have we got",
    "what have we been",
    "what did we",
    "what did i",
    "what we did",
    "what we have done",
    "what is done",
    "what got done",
    "what is finished",
    "in the middle of",
    "the plan",
    "our plan",
    "my plan",
    "game plan",
    "plan again",
    "plan for today",
    "plan of attack",
    "the current step",
    "current step",
    "which step",
    "what step",
    "how are we doing",
    "how are we looking",
    "how is it going",
    "how is it looking",
    "how are things",
    "how is everything",
    "state of play",
    "state of things",
    "state of affairs",
    "state of the work",
    "catch me up",
    "up to speed",
    "fill me in",
    "refresh my memory",
    "jog my memory",
    "remind me",
    "summarise",
    "summarize",
    "sum up",
    "where to start",
    "where should i start",
    "where should we start",
    "where do i start",
    "lost track",
    "lost the thread",
];

/// Words about the work's state that count only when the clause asks
/// about them ("status?", "any progress?", "what's the overall plan") or
/// is no more than three words, not in a statement ("I have a plan for
/// the cache").
const WEAK: &[&str] = &[
    "plan",
    "status",
    "progress",
    "so far",
    "remaining",
    "pending",
    "outstanding",
    "todo",
    "agenda",
    "summary",
    "recap",
    "catch up",
    "last time",
    "last session",
    "goal",
    "update",
    "remain",
    "state",
    "priority",
    "priorities",
];

/// Heads of a clause that asks: a weak state word after one counts.
const ASKING: &[&str] = &[
    "what",
    "where",
    "how",
    "which",
    "any",
    "anything",
    "is",
    "are",
    "remind",
    "show",
    "tell",
    "give",
    "list",
    "recap",
    "summarise",
    "summarize",
    "quick",
    "status",
    "progress",
    "plan",
    "todo",
    "agenda",
    "current",
    "overall",
    "update",
    "stick",
    "follow",
    "per",
    "as",
    "brief",
    "short",
    "give",
    "i need",
    "need",
    "can i get",
    "could i get",
    "mind",
    "know",
    "did",
    "let me know",
    "keep me posted",
    "giving",
    "provide",
    "share",
];

/// Saying one is back: work on its own ("I'm back").
const RETURN: &[&str] = &[
    "i am back",
    "coming back",
    "i am coming back",
    "i return",
    "i am return",
    "i returned",
    "it is me again",
    "we are back",
    "back again",
    "just got back",
    "i have returned",
    "i am here again",
    "here again",
    "back now",
    "back online",
];

/// Development verbs: at a clause's head they make it an instruction.
const DEV_VERBS: &[&str] = &[
    "add",
    "implement",
    "write",
    "create",
    "fix",
    "refactor",
    "rename",
    "delete",
    "remove",
    "drop",
    "update",
    "change",
    "make",
    "build",
    "run",
    "test",
    "debug",
    "explain",
    "convert",
    "install",
    "uninstall",
    "deploy",
    "generate",
    "replace",
    "optimise",
    "optimize",
    "document",
    "configure",
    "set",
    "use",
    "handle",
    "parse",
    "print",
    "call",
    "throw",
    "catch",
    "merge",
    "commit",
    "push",
    "pull",
    "rebase",
    "revert",
    "undo",
    "edit",
    "modify",
    "extract",
    "split",
    "profile",
    "benchmark",
    "lint",
    "format",
    "compile",
    "bump",
    "upgrade",
    "downgrade",
    "migrate",
    "plan",
    "design",
    "draft",
    "sketch",
    "rewrite",
    "simplify",
    "clean",
    "move",
    "copy",
    "port",
    "translate",
    "validate",
    "verify",
    "store",
    "save",
    "load",
    "fetch",
    "send",
    "skip",
    "ignore",
    "disable",
    "enable",
    "toggle",
    "hide",
    "insert",
    "append",
    "return",
    "raise",
    "emit",
    "mock",
    "patch",
    "declare",
    "define",
    "initialise",
    "initialize",
    "assign",
    "connect",
    "open",
    "kill",
    "restart",
    "reset",
    "retry",
    "rerun",
    "sort",
    "filter",
    "count",
    "back up",
    "archive",
    "upload",
    "download",
    "why",
    "discontinue",
    "look",
    "read",
    "find",
    "search",
    "grep",
    "check",
    "investigate",
    "analyse",
    "analyze",
    "describe",
    "compare",
    "list",
    "show",
    "tell",
];

/// A how-to or general question: about code or the world, not the work.
const HOW_TO: &[&str] = &[
    "how to",
    "how do i",
    "how do you",
    "how can i",
    "how would i",
    "how should i",
    "how does",
    "difference between",
    "what does",
    "what is the difference",
    "in general",
    "generally",
    "state of the art",
    "best way",
    "good way",
    "best practice",
    "best practices",
];

/// Programming nouns. In a go-ahead's object or a state phrase they make
/// the clause about code ("resume the upload", "status bar", "what is left
/// in the buffer").
const CODE_NOUNS: &[&str] = &[
    "loop",
    "function",
    "func",
    "fn",
    "method",
    "class",
    "struct",
    "enum",
    "trait",
    "interface",
    "type",
    "types",
    "variable",
    "var",
    "const",
    "constant",
    "param",
    "parameter",
    "argument",
    "arg",
    "field",
    "property",
    "attribute",
    "module",
    "package",
    "crate",
    "library",
    "import",
    "file",
    "folder",
    "directory",
    "dir",
    "path",
    "line",
    "column",
    "row",
    "table",
    "schema",
    "index",
    "query",
    "database",
    "db",
    "sql",
    "record",
    "key",
    "value",
    "array",
    "vector",
    "map",
    "hash",
    "dict",
    "dictionary",
    "string",
    "int",
    "integer",
    "float",
    "bool",
    "boolean",
    "char",
    "byte",
    "buffer",
    "stream",
    "iterator",
    "generator",
    "callback",
    "promise",
    "future",
    "thread",
    "process",
    "job",
    "queue",
    "worker",
    "request",
    "response",
    "endpoint",
    "api",
    "route",
    "router",
    "handler",
    "middleware",
    "server",
    "client",
    "socket",
    "connection",
    "port",
    "url",
    "http",
    "https",
    "header",
    "payload",
    "json",
    "yaml",
    "xml",
    "html",
    "css",
    "token",
    "parser",
    "lexer",
    "compiler",
    "regex",
    "spec",
    "assert",
    "exception",
    "error",
    "bug",
    "crash",
    "stack",
    "trace",
    "stacktrace",
    "panic",
    "null",
    "nil",
    "undefined",
    "return",
    "statement",
    "keyword",
    "expression",
    "operator",
    "syntax",
    "block",
    "scope",
    "closure",
    "lambda",
    "macro",
    "button",
    "page",
    "component",
    "widget",
    "modal",
    "dialog",
    "form",
    "input",
    "output",
    "label",
    "bar",
    "screen",
    "template",
    "layout",
    "cursor",
    "pointer",
    "reference",
    "memory",
    "heap",
    "leak",
    "cache",
    "config",
    "env",
    "docker",
    "container",
    "image",
    "pod",
    "deployment",
    "cluster",
    "build",
    "ci",
    "pipeline",
    "commit",
    "branch",
    "merge",
    "rebase",
    "pr",
    "diff",
    "repo",
    "npm",
    "cargo",
    "pip",
    "dependency",
    "upload",
    "download",
    "playback",
    "video",
    "audio",
    "recursion",
    "offset",
    "counter",
    "timer",
    "timeout",
    "signal",
    "event",
    "listener",
    "prop",
    "props",
    "element",
    "node",
    "tree",
    "graph",
    "algorithm",
    "log",
    "logs",
    "logger",
    "logging",
    "command",
    "cli",
    "flag",
    "script",
    "shell",
    "bash",
    "console",
    "code",
    "field",
    "fields",
    "object",
    "instance",
    "test",
    "tests",
    "unit",
    "suite",
    "mutex",
    "lock",
    "iteration",
    "join",
    "cell",
    "sheet",
    "column",
    "comment",
    "src",
    "channel",
    "shutdown",
    "startup",
    "sentence",
    "numbering",
    "sequence",
    "series",
    "story",
    "paragraph",
    "text",
    "poem",
    "example",
    "pattern",
    "github",
    "gitlab",
    "jira",
    "rust",
    "python",
    "java",
    "javascript",
    "js",
    "typescript",
    "ts",
    "node",
    "react",
    "vue",
    "django",
    "rails",
    "kubernetes",
    "k8s",
    "linux",
    "aws",
    "gcp",
    "azure",
    "postgres",
    "mysql",
    "redis",
    "kafka",
    "nginx",
    "systemd",
    "git",
    "svg",
    "jwt",
    "deque",
    "edition",
    "unit",
    "tab",
    "shortcut",
    "keyboard",
    "ctrl",
    "indicator",
    "spinner",
    "gauge",
    "meter",
    "message",
    "fork",
    "upstream",
    "redux",
    "slice",
    "disk",
    "runner",
    "df",
    "balancer",
    "terraform",
    "lockfile",
];

/// Nouns that make the programming noun before them a piece of work:
/// "the unit test work", "the mobile layout fixes", "the docker setup".
const WORK_NOUNS: &[&str] = &[
    "work",
    "stuff",
    "changes",
    "change",
    "task",
    "tasks",
    "fix",
    "fixes",
    "refactor",
    "refactoring",
    "cleanup",
    "setup",
    "migration",
    "rewrite",
    "feature",
    "ticket",
    "effort",
    "bits",
    "side",
    "part",
    "piece",
    "integration",
    "upgrade",
    "project",
    "port",
    "story",
    "epic",
    "item",
    "items",
    "step",
    "steps",
    "plan",
    "thing",
    "things",
    "one",
    "overhaul",
];

/// Courtesy at a clause's end ("… if that's alright with you"), dropped
/// before reading it.
const POLITE_TAILS: &[&str] = &[
    "if that is alright with you",
    "if that is ok with you",
    "if that is fine with you",
    "if that is alright",
    "if that is ok",
    "if that is fine",
    "if you do not mind",
    "if you can",
    "if possible",
    "if you please",
    "when you are ready",
    "when ready",
    "when you can",
    "whenever you are ready",
];

/// After "after": a time ("picking this up again after a few days"), not a
/// condition.
const TIME_NOUNS: &[&str] = &[
    "day", "days", "week", "weeks", "weekend", "lunch", "break", "holiday", "holidays", "vacation",
    "meeting", "while", "hiatus", "night", "hours", "month", "coffee", "standup", "call", "trip",
    "leave",
];

/// Words that report a fault: such a clause is about code, not the work.
const FAULTS: &[&str] = &[
    "does not",
    "will not",
    "can not",
    "not working",
    "fails",
    "failing",
    "failed",
    "broken",
    "breaks",
    "crashes",
    "crashed",
    "hangs",
    "wrong",
    "gets stuck",
    "stuck at",
    "complains",
    "ignores",
    "throws",
    "returns",
    "undefined",
    "null",
    "nan",
    "never",
    "takes forever",
    "too slow",
];

const NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a few", "some",
    "few",
];

/// What "my laptop died" is about: the user's day, not the code.
const MACHINES: &[&str] = &[
    "session", "laptop", "computer", "terminal", "machine", "wifi", "internet", "vpn", "power",
    "pc", "mac", "claude", "battery", "train",
];

/// What "the next …" may name in the plan: "the next ticket".
const STEP_NOUNS: &[&str] = &[
    "step",
    "steps",
    "item",
    "items",
    "task",
    "tasks",
    "thing",
    "one",
    "bit",
    "part",
    "phase",
    "stage",
    "move",
    "ticket",
    "chunk",
    "piece",
    "batch",
    "feature",
    "milestone",
    "todo",
    "story",
    "card",
    "point",
    "bullet",
    "section",
    "round",
    "up",
    "on",
];

/// Prepositions after which a work phrase names its topic, where any noun
/// is fine: "continue with the parser", "where are we on the api".
const TOPIC: &[&str] = &["with", "on", "for", "into", "to", "from", "at"];

/// Is this prompt asking to continue? `extra` are phrases from config,
/// matched against the prompt with greetings and courtesy words left out.
///
/// ```
/// use session_hook::hook::intent::is_continuation;
/// assert!(is_continuation("ok, let's continue with the migration", &[]));
/// assert!(is_continuation("morning — onwards", &[]));
/// assert!(!is_continuation("add a continue statement", &[]));
/// ```
pub fn is_continuation(prompt: &str, extra: &[String]) -> bool {
    if prompt.len() > MAX_LEN || has_code_marks(prompt) {
        return false;
    }
    // "status: 502 from the balancer", "update: the bug only happens in
    // firefox": one word before a colon labels what follows.
    let body = match prompt.split_once(':') {
        Some((label, rest)) if !label.trim().contains(' ') && !rest.trim().is_empty() => rest,
        _ => prompt,
    };
    let parts = clauses(body);
    if !extra.is_empty() {
        let core = core(&parts);
        if !core.is_empty() && extra.iter().any(|p| core == self::core(&clauses(p))) {
            return true;
        }
    }
    let mut work = false;
    for c in &parts {
        let words: Vec<&str> = c.iter().map(String::as_str).collect();
        match read(&words) {
            Clause::Work => work = true,
            Clause::Code => return false,
            Clause::Aside => {}
        }
    }
    work
}

#[derive(Debug, PartialEq)]
enum Clause {
    Work,
    Code,
    Aside,
}

/// Backticks, calls, paths, flags, operators, `snake_case`, `camelCase`,
/// `file.ext`: a prompt with any of these is about code.
fn has_code_marks(prompt: &str) -> bool {
    const MARKS: &[&str] = &[
        "`", "()", "::", "->", "=>", "==", "!=", "{", "}", "[", "]", "=",
    ];
    if MARKS.iter().any(|m| prompt.contains(m)) {
        return true;
    }
    prompt.split_whitespace().any(|raw| {
        // A path: "src/", "/tmp", "./run.sh", "a/b/c" ("w/" is "with").
        let path = raw != "w/"
            && raw != "W/"
            && raw.chars().any(char::is_alphanumeric)
            && (raw.ends_with('/') || raw.starts_with('/') || raw.starts_with("./"));
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let b = w.as_bytes();
        let inner = |c: u8| {
            b.windows(3)
                .any(|t| t[1] == c && t[0].is_ascii_alphanumeric() && t[2].is_ascii_alphanumeric())
        };
        path || (raw.starts_with("--") && raw[2..].starts_with(|c: char| c.is_alphanumeric()))
            || inner(b'_')
            || inner(b'.')
            || (w.matches('/').count() >= 2)
            || b.windows(2)
                .any(|t| t[0].is_ascii_lowercase() && t[1].is_ascii_uppercase())
    })
}

/// The prompt's clauses, each a list of normalised words.
fn clauses(prompt: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev = ' ';
    let chars: Vec<char> = prompt.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        match c {
            '\u{2018}' | '\u{2019}' | '\'' => cur.push('\''),
            // A hyphen inside a word ("to-do") stays; a dash between words
            // ends a clause.
            '-' if prev.is_alphanumeric() && next.is_alphanumeric() => cur.push('-'),
            // "w/" is "with".
            '/' if prev == 'w' || prev == 'W' => cur.push('/'),
            '.' | '!' | '?' | ';' | ':' | ',' | '\n' | '—' | '–' | '-' | '…' | '(' | ')' => {
                out.push(words_of(&cur));
                cur.clear();
            }
            c if c.is_alphanumeric() => cur.extend(c.to_lowercase()),
            // Emoji and pictographs stand between sentences ("back 👋
            // where were we").
            c if (c as u32) >= 0x2190 => {
                out.push(words_of(&cur));
                cur.clear();
            }
            _ => cur.push(' '),
        }
        prev = c;
    }
    out.push(words_of(&cur));
    out.retain(|c| !c.is_empty());
    out
}

/// A clause's words, spelled out ([`SPELLINGS`]) and mended ([`MENDED`]).
fn words_of(clause: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in clause.split_whitespace() {
        let w = w.trim_matches('\'');
        if w.is_empty() {
            continue;
        }
        match SPELLINGS.iter().find(|(from, _)| *from == w) {
            Some((_, to)) => out.extend(to.split(' ').map(String::from)),
            None => out.push(mend(w).to_string()),
        }
    }
    out
}

/// `w`, or the [`MENDED`] word it is one slip away from.
fn mend(w: &str) -> &str {
    if w.len() < 5 || MENDED.contains(&w) {
        return w;
    }
    MENDED.iter().copied().find(|m| one_slip(w, m)).unwrap_or(w)
}

/// One letter inserted, dropped, changed, or two swapped.
fn one_slip(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[pre..], &b[pre..]);
    if ra.is_empty() && rb.is_empty() {
        return false;
    }
    match ra.len() as isize - rb.len() as isize {
        0 => {
            ra.len() == 1
                || ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        1 => ra[1..] == *rb,
        -1 => rb[1..] == *ra,
        _ => false,
    }
}

/// Does `phrase` start at `ws[i]`? Gives the index after it.
fn at(ws: &[&str], i: usize, phrase: &str) -> Option<usize> {
    let mut j = i;
    for p in phrase.split(' ') {
        if ws.get(j) != Some(&p) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// The end of the longest of `phrases` starting at `ws[i]`.
fn longest(ws: &[&str], i: usize, phrases: &[&str]) -> Option<usize> {
    phrases.iter().filter_map(|p| at(ws, i, p)).max()
}

/// The first of `phrases` found in `ws`: (start, end).
fn find(ws: &[&str], phrases: &[&str]) -> Option<(usize, usize)> {
    (0..ws.len()).find_map(|i| longest(ws, i, phrases).map(|e| (i, e)))
}

fn is_code_noun(w: &str) -> bool {
    CODE_NOUNS.contains(&w)
        || w.strip_suffix('s').is_some_and(|s| CODE_NOUNS.contains(&s))
        || w.strip_suffix("es")
            .is_some_and(|s| CODE_NOUNS.contains(&s))
}

/// A programming noun in `ws` outside a topic ("with the parser" is a
/// topic), or anywhere when a number follows it ("from byte 1024").
fn code_in(ws: &[&str], mut in_topic: bool) -> bool {
    for (k, w) in ws.iter().enumerate() {
        if TOPIC.contains(w) {
            in_topic = true;
        } else if matches!(*w, "in" | "inside" | "of" | "by" | "via" | "using") {
            // "the plan for retries in the http client": past the topic.
            in_topic = false;
        } else if is_code_noun(w) && !WORK_NOUNS.contains(w) {
            let rest = &ws[k + 1..];
            let numbered = rest
                .first()
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            let named_work = rest.iter().take(3).any(|n| WORK_NOUNS.contains(n))
                || rest
                    .first()
                    .is_some_and(|n| matches!(*n, "we" | "you" | "i"));
            if numbered || !(in_topic || named_work) {
                return true;
            }
        }
    }
    false
}

fn read(clause: &[&str]) -> Clause {
    let mut full = clause;
    for t in POLITE_TAILS {
        let n = t.split(' ').count();
        if full.len() >= n && at(full, full.len() - n, t).is_some() {
            full = &full[..full.len() - n];
        }
    }
    // Courtesy words at the head.
    let mut i = 0;
    while let Some(e) = longest(full, i, COURTESY) {
        i = e;
    }
    let ws = &full[i..];
    if ws.is_empty() {
        // "and now?": courtesy words that ask.
        return if find(full, STATE).is_some() {
            Clause::Work
        } else {
            Clause::Aside
        };
    }
    if find(ws, FAULTS).is_some() {
        // "my laptop died", "the session crashed": where the user has
        // been, not a fault in the code.
        let machine = ws.iter().any(|w| MACHINES.contains(w));
        return if machine && !ws.iter().any(|w| is_code_noun(w)) {
            Clause::Aside
        } else {
            Clause::Code
        };
    }
    if find(ws, HOW_TO).is_some() {
        return Clause::Code;
    }
    // "go", "roll", "go again"; with more after it, it is "go to
    // definition".
    if matches!(ws[0], "go" | "roll")
        && ws[1..]
            .iter()
            .all(|w| matches!(*w, "again" | "now" | "then" | "on"))
    {
        return Clause::Work;
    }
    if let Some(e) = go_head(ws) {
        let topic = TOPIC.contains(&ws[e - 1]);
        return go_tail(&ws[e..], topic);
    }
    // "step 4 now", "phase two", "the next ticket".
    if let Some(s) = step_at(ws) {
        return state(ws, s, s + 2);
    }
    // Found anywhere, courtesy included: "ok now what".
    if let Some((s, e)) = find(full, STATE) {
        return if s >= i {
            state(ws, s - i, e - i)
        } else {
            state(full, s, e)
        };
    }
    if let Some((s, e)) = find(ws, WEAK)
        && (ws.len() <= 3 || longest(ws, 0, ASKING).is_some())
    {
        return state(ws, s, e);
    }
    if let Some((s, e)) = find(full, RETURN) {
        // "I am return": the phrase's own words are not code.
        return if code_in(&full[..s], false) || code_in(&full[e..], false) {
            Clause::Code
        } else {
            Clause::Work
        };
    }
    // An instruction, or how code should behave ("Ctrl+→ should go to
    // the next tab").
    let behaviour =
        ws.iter().any(|w| matches!(*w, "should" | "must")) && ws.iter().any(|w| is_code_noun(w));
    if behaviour || longest(ws, 0, DEV_VERBS).is_some() {
        return Clause::Code;
    }
    Clause::Aside
}

/// The end of a go-ahead at the head of `ws`: one of [`GO`] (not a bare
/// "go"), or "pick … up" ("picking things back up").
fn go_head(ws: &[&str]) -> Option<usize> {
    if let Some(e) = longest(ws, 0, GO).filter(|&e| ws[..e] != ["go"]) {
        return Some(e);
    }
    // "keep cooking", "keep chugging along".
    if ws[0] == "keep" && ws.len() <= 3 && ws.get(1).is_some_and(|w| gerund(w) && !dev_gerund(w)) {
        return Some(ws.len());
    }
    if matches!(ws[0], "pick" | "picking") {
        let up = ws.iter().take(4).position(|w| *w == "up")?;
        return Some(up + 1);
    }
    None
}

/// Where "step 4", "phase two" or "next ticket" starts in `ws`.
fn step_at(ws: &[&str]) -> Option<usize> {
    (0..ws.len().saturating_sub(1)).find(|&k| {
        numbered_step(&ws[k..k + 2]) || (ws[k] == "next" && STEP_NOUNS.contains(&ws[k + 1]))
    })
}

/// "step 4", "on to phase two": a numbered piece of the plan.
fn numbered_step(ws: &[&str]) -> bool {
    ws.windows(2).any(|p| {
        matches!(
            p[0],
            "step" | "phase" | "stage" | "part" | "milestone" | "item"
        ) && (p[1].starts_with(|c: char| c.is_ascii_digit()) || NUMBERS.contains(&p[1]))
    })
}

/// What follows a go-ahead: nothing, a topic, a time, or where we left off
/// is work; a condition, a task ("resume parsing …") or a programming noun
/// as its object ("continue statement", "resume the upload") is code.
/// `topic`: the go-ahead ended in a preposition ("get back to").
fn go_tail(tail: &[&str], topic: bool) -> Clause {
    let Some(first) = tail.first() else {
        return Clause::Work;
    };
    if condition(tail) {
        return Clause::Code;
    }
    if dev_gerund(first) {
        return Clause::Code;
    }
    if first.starts_with(|c: char| c.is_ascii_digit()) && !numbered_step(&["step", first]) {
        return Clause::Code;
    }
    // "continue the list with five more examples": more of something.
    if tail.windows(2).any(|p| {
        p[1] == "more"
            && (p[0].starts_with(|c: char| c.is_ascii_digit()) || NUMBERS.contains(&p[0]))
    }) {
        return Clause::Code;
    }
    // "shall we move on", "ready to pick up": a second go-ahead.
    if let Some(e) = go_head(tail) {
        return go_tail(&tail[e..], TOPIC.contains(&tail[e - 1]));
    }
    // "shall we rename it", "ready to deploy": an instruction.
    if longest(tail, 0, DEV_VERBS).is_some() {
        return Clause::Code;
    }
    // "continue and fix the tests": a second instruction.
    for (k, w) in tail.iter().enumerate() {
        if matches!(*w, "and" | "then" | "but" | "plus" | "also" | "to")
            && longest(tail, k + 1, DEV_VERBS).is_some()
            && longest(tail, k + 1, GO).is_none()
        {
            return Clause::Code;
        }
    }
    // "proceed with deleting the old branches".
    if task_after_preposition(tail) {
        return Clause::Code;
    }
    if code_in(tail, topic) {
        return Clause::Code;
    }
    Clause::Work
}

/// A state phrase at `ws[s..e]`: work unless the clause is an instruction
/// or asks about code ("where is the config loaded", "what is left in the
/// buffer", "what should I name this function").
fn state(ws: &[&str], s: usize, e: usize) -> Clause {
    // "plan the migration", "update the plan": an instruction, unless the
    // head is a request about the state ("show me the plan") or the state
    // phrase itself ("plan for today?", "plan?").
    // ("plan looks good": "plan" is the noun here.)
    let noun_head = matches!(ws.get(1), Some(&("looks" | "is" | "sounds" | "seems")));
    if let Some(d) = longest(ws, 0, DEV_VERBS)
        && request_head(ws).is_none()
        && !noun_head
        && !(s == 0 && (e > d || e == ws.len()))
    {
        return Clause::Code;
    }
    let phrase = &ws[s..e];
    let after = &ws[e..];
    // "a good plan for learning rust": a plan, not ours.
    if phrase == ["plan"] && s > 0 && matches!(ws[s - 1], "a" | "good" | "better" | "best" | "any")
    {
        return Clause::Aside;
    }
    // "status 502", "remaining 3 bytes".
    if after
        .first()
        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    {
        return Clause::Code;
    }
    // The phrase's own word used on a programming noun: "status bar",
    // "next page", "remaining bytes".
    if after.first().is_some_and(|w| is_code_noun(w)) {
        return Clause::Code;
    }
    // "where did we put the helper", "where are we storing tokens": a
    // question about where code is, not where the work is.
    if phrase.first() == Some(&"where")
        && let Some(next) = after.first()
        && ((gerund(next) && !WORK_GERUNDS.contains(next) && *next != "getting")
            || longest(after, 0, DEV_VERBS).is_some()
            || matches!(
                *next,
                "put" | "keep" | "kept" | "define" | "defined" | "stored"
            ))
    {
        return Clause::Code;
    }
    // "remind me to update the docs": a reminder, not a question.
    if phrase == ["remind", "me"] && matches!(after.first(), Some(&"to" | &"how")) {
        return Clause::Code;
    }
    // "what is left after subtracting the tax", "the plan for handling
    // retries": a condition or a task after the phrase.
    // "what is left before we can open the PR": a milestone, not a
    // condition.
    let milestone = after
        .iter()
        .position(|w| matches!(*w, "before" | "until" | "till"));
    let after = &after[..milestone.unwrap_or(after.len())];
    if condition(after) || task_after_preposition(after) {
        return Clause::Code;
    }
    // "what did we leave out of the notes": what was done to something
    // in particular, not what the work did.
    if matches!(
        phrase,
        ["what", "did", "we" | "i"] | ["what", "have", "we" | "i"]
    ) && let Some(next) = after.first()
    {
        const DONE: &[&str] = &[
            "do",
            "done",
            "get",
            "got",
            "accomplish",
            "accomplished",
            "finish",
            "finished",
            "cover",
            "covered",
            "decide",
            "decided",
            "achieve",
            "achieved",
            "complete",
            "completed",
            "manage",
            "managed",
            "ship",
            "shipped",
            "land",
            "landed",
            "end",
            "work",
            "worked",
            "agree",
            "agreed",
            "last",
            "yesterday",
            "so",
            "been",
            "left",
            "leave",
        ];
        if !DONE.contains(next) || after.get(1) == Some(&"out") {
            return Clause::Code;
        }
    }
    // "what is left of the buffer", "left in the array".
    if matches!(phrase.last(), Some(&"left" | &"remaining"))
        && matches!(after.first(), Some(&"of" | &"in" | &"over"))
    {
        return Clause::Code;
    }
    let head = request_head(ws).unwrap_or(0).min(s);
    if code_in(&ws[head..s], false) || code_in(after, false) {
        return Clause::Code;
    }
    Clause::Work
}

/// A condition word, except "after" a time ("again after a few days").
fn condition(ws: &[&str]) -> bool {
    ws.iter().enumerate().any(|(k, w)| {
        CONDITIONS.contains(w)
            && !(*w == "after" && k + 1 == ws.len())
            && !(*w == "after" && ws[k + 1..].iter().take(4).any(|n| TIME_NOUNS.contains(n)))
    })
}

/// A word in "-ing" that is a verb ("parsing"), not a noun ("thing").
fn gerund(w: &str) -> bool {
    const NOUNS: &[&str] = &[
        "thing",
        "things",
        "something",
        "anything",
        "nothing",
        "everything",
        "morning",
        "evening",
        "ring",
        "string",
        "king",
        "spring",
        "wing",
        "ceiling",
    ];
    w.len() > 4 && w.ends_with("ing") && !NOUNS.contains(&w)
}

/// A development verb's gerund right after a preposition: "the plan for
/// handling retries", "proceed with deleting the branches".
fn task_after_preposition(ws: &[&str]) -> bool {
    ws.windows(2).any(|p| {
        matches!(p[0], "for" | "with" | "on" | "to" | "of" | "by" | "about") && dev_gerund(p[1])
    })
}

/// "adding", "deleting", "writing": a development verb's gerund.
fn dev_gerund(w: &str) -> bool {
    let Some(stem) = w.strip_suffix("ing") else {
        return false;
    };
    // "setting" → "set": drop a doubled last letter.
    let mut cs = stem.chars();
    let last = cs.next_back();
    let undoubled = (last.is_some() && last == cs.clone().next_back()).then_some(cs.as_str());
    [
        Some(stem.to_string()),
        Some(format!("{stem}e")),
        undoubled.map(String::from),
    ]
    .into_iter()
    .flatten()
    .any(|v| DEV_VERBS.contains(&v.as_str()))
}

/// "show me", "tell me", "give me", "list": a request whose object may be
/// the work's state ("show me the plan").
fn request_head(ws: &[&str]) -> Option<usize> {
    const REQUESTS: &[&str] = &[
        "show",
        "tell",
        "give",
        "list",
        "check",
        "summarise",
        "summarize",
        "recap",
        "remind",
        "what do",
        "what does",
        "is there",
        "are there",
        "do",
        "does",
        "is",
        "are",
        "can",
        "should",
        "where are",
        "where is",
        "where did",
        "look",
        "explain",
        "update me",
        "let me know",
    ];
    longest(ws, 0, REQUESTS)
}

/// The prompt's words with greeting clauses and courtesy words left out,
/// to compare with a configured phrase.
fn core(clauses: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    for c in clauses {
        let ws: Vec<&str> = c.iter().map(String::as_str).collect();
        let mut i = 0;
        while let Some(e) = longest(&ws, i, COURTESY) {
            i = e;
        }
        let mut ws = &ws[i..];
        while let Some((last, rest)) = ws.split_last()
            && COURTESY.contains(last)
        {
            ws = rest;
        }
        out.extend(ws.iter().map(|w| w.to_string()));
    }
    out.join(" ")
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
        ("morning — onwards", true),
        ("contnue", true),
        ("next", true),
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
        ("progress: false doesn't silence npm", false),
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
        assert!(is_continuation("ok, ship it please", &["ship it".into()]));
    }

    #[test]
    fn one_slip_is_one_letter() {
        assert!(one_slip("contnue", "continue"));
        assert!(one_slip("contiune", "continue"));
        assert!(one_slip("continuee", "continue"));
        assert!(one_slip("procede", "proceed"));
        assert!(!one_slip("contnu", "continue"));
        assert!(!one_slip("resumes", "progress"));
    }
}
