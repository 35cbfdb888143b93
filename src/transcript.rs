//! How full the context is, read from the end of a Claude Code transcript.
//!
//! Hooks are not told the context usage, so we compute it the way Claude
//! Code does: the newest main-chain `assistant` entry that carries
//! `message.usage` gives `input_tokens + cache_creation_input_tokens +
//! cache_read_input_tokens`. A `compact_boundary` newer than that entry
//! means the old figure no longer holds.
//!
//! Transcripts grow to hundreds of megabytes, and this runs on every prompt,
//! so the file is read backwards in blocks (64 KiB, doubling) and reading
//! stops as soon as the answer is known. Only lines that can matter are
//! handed to serde: a cheap substring test picks them first.
//!
//! Compactions: counting every `compact_boundary` would need the whole file.
//! We count only those in the part we read: the hook path reads up to the
//! answer; `context` reads at least the last `LOOK_BACK` bytes. `whole_file`
//! says when that part was the whole transcript, so the count is exact.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// First block read from the end.
pub const BLOCK: usize = 64 * 1024;
/// Blocks double up to this size.
const MAX_BLOCK: usize = 8 * 1024 * 1024;
/// Give up after reading this much without an answer: a transcript whose
/// last 64 MiB hold no reply is not worth a hook's time.
pub const MAX_SCAN: u64 = 64 * 1024 * 1024;
/// How much of the tail `context` reads to count compactions.
pub const LOOK_BACK: u64 = 1024 * 1024;

/// Texts of assistant entries that are placeholders, not replies (Claude
/// Code skips them for the same purpose).
const PLACEHOLDERS: [&str; 5] = [
    "[Request interrupted by user]",
    "[Request interrupted by user for tool use]",
    "No response requested.",
    "The user doesn't want to take this action right now. STOP what you are doing and wait for the user to tell you how to proceed.",
    "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.",
];

const SYNTHETIC_MODEL: &str = "<synthetic>";

/// What the tail of the transcript says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The newest reply's usage.
    Reply,
    /// A compaction came after the newest reply: its `postTokens` if it
    /// recorded them, else unknown until the next reply.
    Compaction,
    /// No reply in the part we read (a new session, or a huge tail).
    NoReply,
    /// No transcript, or an empty one.
    #[default]
    Missing,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Usage {
    /// Tokens in the context; `None` when unknown.
    pub used: Option<u64>,
    pub basis: Basis,
    /// The model of the newest reply (the API id, without `[1m]`).
    pub model: Option<String>,
    /// The context window, where the transcript records it (Codex CLI's
    /// rollouts do; Claude Code's transcripts do not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<u64>,
    pub message_id: Option<String>,
    /// Time stamp of the entry the answer came from.
    pub at: Option<String>,
    /// `compact_boundary` entries in the part read.
    pub compactions_seen: u64,
    /// The part read was the whole file.
    pub whole_file: bool,
    pub file_len: u64,
    pub bytes_read: u64,
}

/// The hook path: stop at the answer.
pub fn last_usage(path: &Path) -> io::Result<Usage> {
    scan(path, 0, BLOCK)
}

/// Read the tail until the answer is known and at least `look_back` bytes
/// have been looked at. A missing or empty file is `Basis::Missing`, not an
/// error.
pub fn scan(path: &Path, look_back: u64, block: usize) -> io::Result<Usage> {
    // Non-blocking and regular files only: a FIFO named as the transcript
    // must not hang the hook.
    let (f, meta) = match crate::fsutil::open_read(path) {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Usage::default()),
        Err(e) => return Err(e),
    };
    let len = meta.len();
    if len == 0 {
        return Ok(Usage::default());
    }
    Scanner::new(look_back, len).run(&f, block.max(1))
}

/// Where Claude Code keeps its transcripts: `$CLAUDE_CONFIG_DIR/projects`,
/// else `~/.claude/projects`.
pub fn projects_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("CLAUDE_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("projects"));
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    Some(PathBuf::from(home).join(".claude").join("projects"))
}

/// The folder name Claude Code gives a project: its path with every
/// character other than an ASCII letter or digit replaced by `-` (per
/// UTF-16 unit, as JavaScript counts them).
pub fn project_key(dir: &Path) -> String {
    let mut out = String::new();
    for c in dir.to_string_lossy().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            for _ in 0..c.len_utf16() {
                out.push('-');
            }
        }
    }
    out
}

/// The transcript of Claude session `id`: first under the folders of the
/// given project paths, then in any project folder (long paths are cut
/// and hashed by Claude Code, so their folder name cannot be computed).
/// `Err` says where we looked.
pub fn locate(id: &str, dirs: &[PathBuf]) -> Result<PathBuf, String> {
    let Some(safe) = crate::names::safe_external_id(id) else {
        return Err(format!("{id:?} is not a Claude session id"));
    };
    let Some(projects) = projects_dir() else {
        return Err("neither $CLAUDE_CONFIG_DIR nor $HOME is set".into());
    };
    let file = format!("{safe}.jsonl");
    for d in dirs {
        let p = projects.join(project_key(d)).join(&file);
        if p.is_file() {
            return Ok(p);
        }
    }
    if let Ok(rd) = std::fs::read_dir(&projects) {
        for e in rd.flatten() {
            let p = e.path().join(&file);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err(format!("no {file} under {}", projects.display()))
}

/// One block of a backward read: the bytes `[start, end)` of the file
/// followed by `carry`, the start of the line that crossed `end`.
pub(crate) struct Block {
    pub start: u64,
    pub buf: Vec<u8>,
    /// Where the whole lines begin: after the first newline, since the
    /// bytes before it end a line that starts further back (unless this
    /// block is the start of the file).
    pub split: usize,
    pub first_nl: Option<usize>,
}

impl Block {
    /// Read up to `size` bytes before `end`.
    pub fn read(f: &File, end: u64, size: usize, carry: &[u8]) -> io::Result<Block> {
        let n = (size as u64).min(end) as usize;
        let start = end - n as u64;
        let mut buf = vec![0u8; n];
        f.read_exact_at(&mut buf, start)?;
        buf.extend_from_slice(carry);
        let first_nl = buf.iter().position(|&b| b == b'\n');
        let split = if start == 0 {
            0
        } else {
            first_nl.map_or(buf.len(), |p| p + 1)
        };
        Ok(Block {
            start,
            buf,
            split,
            first_nl,
        })
    }

    /// What the next block (further back) must append: the unfinished
    /// line at the start of this one.
    pub fn carry(self) -> Vec<u8> {
        match self.first_nl {
            Some(p) => {
                let mut b = self.buf;
                b.truncate(p);
                b
            }
            None => self.buf,
        }
    }
}

struct Scanner {
    look_back: u64,
    out: Usage,
    found: bool,
    /// Ids of replies judged placeholders: their other lines are skipped too
    /// (one streamed reply is written as several lines sharing an id).
    rejected: Vec<String>,
}

enum Step {
    Go,
    Stop,
}

impl Scanner {
    fn new(look_back: u64, len: u64) -> Scanner {
        Scanner {
            look_back,
            out: Usage {
                basis: Basis::NoReply,
                file_len: len,
                ..Usage::default()
            },
            found: false,
            rejected: Vec::new(),
        }
    }

    fn run(mut self, f: &File, first_block: usize) -> io::Result<Usage> {
        let len = self.out.file_len;
        // Bytes [end, len) are consumed, except `carry`: the bytes from
        // `end` up to the first newline, a line that began before `end`.
        let mut end = len;
        let mut carry: Vec<u8> = Vec::new();
        let mut block = first_block;
        loop {
            let b = Block::read(f, end, block, &carry)?;
            let start = b.start;
            self.out.bytes_read += end - start;
            let body = &b.buf[b.split..];
            // Once the answer is known only compactions are counted: a
            // block without the word needs no splitting into lines.
            if self.found && !contains(body, "compact_boundary") {
                if len - (start + b.split as u64) >= self.look_back {
                    return Ok(self.out);
                }
            } else {
                let mut pos = start + b.buf.len() as u64;
                for line in body.rsplit(|&b| b == b'\n') {
                    let line_start = pos - line.len() as u64;
                    pos = line_start.saturating_sub(1);
                    if let Step::Stop = self.line(line, len - line_start) {
                        return Ok(self.out);
                    }
                }
            }
            if start == 0 {
                self.out.whole_file = true;
                return Ok(self.out);
            }
            if self.out.bytes_read >= MAX_SCAN {
                return Ok(self.out);
            }
            carry = b.carry();
            end = start;
            block = (block * 2).min(MAX_BLOCK);
            if self.found {
                // Only the look-back is left: read what it still needs (and
                // enough to finish the line that crosses it), not a whole
                // doubled block.
                let need = self.look_back.saturating_sub(len - start).max(16 * 1024);
                block = block.min(usize::try_from(need).unwrap_or(usize::MAX));
            }
        }
    }

    /// Look at one line; `from_end` is how far its start lies from the end
    /// of the file.
    fn line(&mut self, raw: &[u8], from_end: u64) -> Step {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.is_empty() {
            return Step::Go;
        }
        // A line cut in the middle of a character is the truncated last
        // line of a file being written (or garbage): either way, skip it.
        let Ok(text) = std::str::from_utf8(raw) else {
            return Step::Go;
        };
        if text.contains("compact_boundary") && is_boundary(text) {
            self.out.compactions_seen += 1;
            if !self.found {
                self.found = true;
                self.out.basis = Basis::Compaction;
                let b = boundary_facts(text);
                self.out.used = b.post_tokens;
                self.out.at = b.at;
            }
        } else if !self.found
            && (text.contains("\"type\":\"assistant\"") || text.contains("\"type\": \"assistant\""))
            && self.reply(text)
        {
            self.found = true;
            self.out.basis = Basis::Reply;
        }
        if self.found && from_end >= self.look_back {
            Step::Stop
        } else {
            Step::Go
        }
    }

    /// Take this line as the answer if it is a qualifying reply.
    fn reply(&mut self, text: &str) -> bool {
        let Some(r) = parse_reply(text, &mut self.rejected) else {
            return false;
        };
        self.out.used = Some(r.tokens);
        self.out.model = r.model;
        self.out.message_id = r.id;
        self.out.at = r.at;
        true
    }
}

/// One qualifying main-chain reply.
pub(crate) struct ReplyFacts {
    pub tokens: u64,
    pub model: Option<String>,
    pub id: Option<String>,
    pub at: Option<String>,
}

/// The reply on this line, if it is one that counts as Claude Code counts
/// it: main chain, metered, not synthetic, not a placeholder (whose id goes
/// into `rejected`, so its other lines are skipped too), with usage.
pub(crate) fn parse_reply(text: &str, rejected: &mut Vec<String>) -> Option<ReplyFacts> {
    let e = serde_json::from_str::<Entry>(text).ok()?;
    if e.kind.as_deref() != Some("assistant")
        || e.sidechain == Some(true)
        || e.unmetered == Some(true)
    {
        return None;
    }
    let m = e.message?;
    if m.model.as_deref() == Some(SYNTHETIC_MODEL) {
        return None;
    }
    let id = m.id.as_deref().map(str::to_string);
    if let Some(i) = &id
        && rejected.contains(i)
    {
        return None;
    }
    if m.first_text
        .0
        .as_deref()
        .is_some_and(|t| PLACEHOLDERS.contains(&t))
    {
        if let Some(i) = id {
            rejected.push(i);
        }
        return None;
    }
    let u = m.usage?;
    Some(ReplyFacts {
        tokens: u.context_tokens(),
        model: m.model.map(Cow::into_owned),
        id,
        at: e.timestamp.map(Cow::into_owned),
    })
}

/// Does `hay` hold the ASCII `needle`? Searched as text, which the standard
/// library does fast; bytes that are not UTF-8 (a block edge cutting a
/// character) only split the search, as an ASCII word cannot span them.
fn contains(mut hay: &[u8], needle: &str) -> bool {
    loop {
        match std::str::from_utf8(hay) {
            Ok(s) => return s.contains(needle),
            Err(e) => {
                let (good, rest) = hay.split_at(e.valid_up_to());
                if std::str::from_utf8(good).is_ok_and(|g| g.contains(needle)) {
                    return true;
                }
                hay = &rest[e.error_len().unwrap_or(rest.len()).min(rest.len())..];
            }
        }
    }
}

/// A main-chain `system` entry with subtype `compact_boundary` (the word
/// alone may sit in any text, e.g. a user's message about this code).
pub(crate) fn is_boundary(text: &str) -> bool {
    #[derive(Deserialize)]
    struct B<'a> {
        #[serde(rename = "type", borrow, default)]
        kind: Option<Cow<'a, str>>,
        #[serde(borrow, default)]
        subtype: Option<Cow<'a, str>>,
        #[serde(rename = "isSidechain", default)]
        sidechain: Option<bool>,
    }
    serde_json::from_str::<B>(text).is_ok_and(|b| {
        b.kind.as_deref() == Some("system")
            && b.subtype.as_deref() == Some("compact_boundary")
            && b.sidechain != Some(true)
    })
}

/// What a compaction boundary recorded about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BoundaryFacts {
    /// `manual` or `auto`.
    pub trigger: Option<String>,
    /// Tokens in the context before and after the compaction.
    pub pre_tokens: Option<u64>,
    pub post_tokens: Option<u64>,
    pub at: Option<String>,
}

pub(crate) fn boundary_facts(text: &str) -> BoundaryFacts {
    #[derive(Deserialize)]
    struct Meta {
        #[serde(default)]
        trigger: Option<String>,
        #[serde(rename = "preTokens", default)]
        pre: Option<u64>,
        #[serde(rename = "postTokens", default)]
        post: Option<u64>,
    }
    #[derive(Deserialize)]
    struct B {
        #[serde(rename = "compactMetadata", default)]
        meta: Option<Meta>,
        #[serde(default)]
        timestamp: Option<String>,
    }
    match serde_json::from_str::<B>(text) {
        Ok(b) => {
            let (trigger, pre_tokens, post_tokens) = match b.meta {
                Some(m) => (m.trigger, m.pre, m.post),
                None => (None, None, None),
            };
            BoundaryFacts {
                trigger,
                pre_tokens,
                post_tokens,
                at: b.timestamp,
            }
        }
        Err(_) => BoundaryFacts::default(),
    }
}

#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(rename = "isSidechain", default)]
    sidechain: Option<bool>,
    #[serde(rename = "isUnmetered", default)]
    unmetered: Option<bool>,
    #[serde(borrow, default)]
    message: Option<Message<'a>>,
    #[serde(borrow, default)]
    timestamp: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    model: Option<Cow<'a, str>>,
    #[serde(default)]
    usage: Option<RawUsage>,
    #[serde(rename = "content", default)]
    first_text: FirstText,
}

#[derive(Deserialize, Default)]
struct RawUsage {
    #[serde(default)]
    input_tokens: Option<u64>,
    #[serde(default)]
    cache_creation_input_tokens: Option<u64>,
    #[serde(default)]
    cache_read_input_tokens: Option<u64>,
    #[serde(default)]
    iterations: Option<Vec<serde_json::Value>>,
}

impl RawUsage {
    /// Claude Code's rule: the top-level figures, unless `iterations` holds
    /// a usable entry; then the newest iteration that is not an advisor
    /// message or a compaction, if it is a complete `message` (or
    /// `fallback_message`) record with a non-zero context.
    fn context_tokens(&self) -> u64 {
        let top = self.input_tokens.unwrap_or(0)
            + self.cache_creation_input_tokens.unwrap_or(0)
            + self.cache_read_input_tokens.unwrap_or(0);
        if top == 0 {
            return top;
        }
        let Some(its) = &self.iterations else {
            return top;
        };
        let last = its.iter().rev().find(|i| {
            !matches!(
                i.get("type").and_then(|t| t.as_str()),
                Some("advisor_message" | "compaction")
            )
        });
        let Some(it) = last else { return top };
        let kind_ok = matches!(
            it.get("type").and_then(|t| t.as_str()),
            Some("message" | "fallback_message")
        );
        let n = |k: &str| it.get(k).and_then(|v| v.as_u64());
        match (
            kind_ok,
            n("input_tokens"),
            n("output_tokens"),
            n("cache_creation_input_tokens"),
            n("cache_read_input_tokens"),
        ) {
            (true, Some(i), Some(_), Some(cc), Some(cr)) if i + cc + cr > 0 => i + cc + cr,
            _ => top,
        }
    }
}

/// The text of the first content block, when that block is text. Content
/// may be a string (never a placeholder) or a list of blocks, whose other
/// members are skipped without being built.
#[derive(Default)]
struct FirstText(Option<String>);

impl<'de> Deserialize<'de> for FirstText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FirstText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("message content")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<FirstText, E> {
                Ok(FirstText(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<FirstText, E> {
                Ok(FirstText(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FirstText, A::Error> {
                #[derive(Deserialize)]
                struct Block<'a> {
                    #[serde(rename = "type", borrow, default)]
                    kind: Option<Cow<'a, str>>,
                    #[serde(borrow, default)]
                    text: Option<Cow<'a, str>>,
                }
                let first: Option<Block> = seq.next_element()?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FirstText(first.and_then(|b| {
                    (b.kind.as_deref() == Some("text"))
                        .then(|| b.text.map(Cow::into_owned))
                        .flatten()
                })))
            }
        }
        d.deserialize_any(V)
    }
}

pub mod series;

#[cfg(test)]
mod tests;
