//! Every reply's context size in a transcript, for the report's charts.
//!
//! Read like the usage tail (newest first, in blocks that double) and
//! only as far back as asked: a conversation that began long before the
//! session did is not read before the session's start, whatever its size.
//! Lines are not split one by one: a single search for the few words that
//! matter (an assistant entry, a compaction boundary, a hook's additional
//! context) finds the lines worth handing to serde, and the megabytes of
//! tool output in between are only looked at by that search.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use regex::bytes::Regex;
use serde::{Deserialize, Serialize};

use super::{BLOCK, Block, BoundaryFacts, MAX_BLOCK, boundary_facts, is_boundary, parse_reply};

/// How the resume context we inject begins (see `hook::inject`): the
/// attachment that holds it marks where the session was put back.
pub const RESUME_MARK: &str = "session-hook resume context:";

/// One reply: the tokens in the context when it was written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub at: Option<String>,
    pub tokens: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compaction {
    #[serde(flatten)]
    pub facts: BoundaryFacts,
    /// How many of the series' replies came before it.
    pub after_replies: usize,
}

/// Our resume context, given to the model by a hook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Injection {
    pub at: Option<String>,
    /// The hook event that carried it (`SessionStart`, `UserPromptSubmit`).
    pub event: Option<String>,
    pub after_replies: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Series {
    /// Oldest first; one per reply (a reply streamed over several lines
    /// counts once).
    pub replies: Vec<Point>,
    pub compactions: Vec<Compaction>,
    pub injections: Vec<Injection>,
    /// The model of the newest reply.
    #[serde(rename = "transcript_model")]
    pub model: Option<String>,
    /// Reading reached the start of the file (else it stopped at the first
    /// reply older than `since`, which is kept as the starting level).
    pub whole_file: bool,
    pub file_len: u64,
    pub bytes_read: u64,
}

/// The replies, compactions and resume injections of a transcript, back
/// to the first reply older than `since` (or the start of the file). A
/// missing or unreadable file is an error for the caller to report.
pub fn read(path: &Path, since: Option<DateTime<Utc>>) -> io::Result<Series> {
    read_in_blocks(path, since, BLOCK)
}

pub(crate) fn read_in_blocks(
    path: &Path,
    since: Option<DateTime<Utc>>,
    first_block: usize,
) -> io::Result<Series> {
    let f = File::open(path)?;
    let len = f.metadata()?.len();
    let mut w = Walker {
        since,
        rejected: Vec::new(),
        last_id: None,
        newest_first: Series {
            file_len: len,
            ..Series::default()
        },
    };
    let mut end = len;
    let mut carry: Vec<u8> = Vec::new();
    let mut block = first_block.max(1);
    while end > 0 {
        let b = Block::read(&f, end, block, &carry)?;
        w.newest_first.bytes_read += end - b.start;
        if w.block(&b.buf[b.split..]) {
            return Ok(w.finish(false));
        }
        end = b.start;
        carry = b.carry();
        block = (block * 2).min(MAX_BLOCK);
    }
    Ok(w.finish(true))
}

fn wanted() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Plain words only, so the search runs at memory speed.
    RE.get_or_init(|| {
        Regex::new(
            r#""type":"assistant"|"type": "assistant"|compact_boundary|hook_additional_context"#,
        )
        .expect("a valid pattern")
    })
}

struct Walker {
    since: Option<DateTime<Utc>>,
    rejected: Vec<String>,
    /// The id of the last reply taken: its other lines are the same reply.
    last_id: Option<String>,
    /// `after_replies` here counts the replies *after* each mark; `finish`
    /// turns it round.
    newest_first: Series,
}

impl Walker {
    /// Look at the lines of `body` that hold a wanted word, newest first.
    /// True when reading can stop.
    fn block(&mut self, body: &[u8]) -> bool {
        let mut lines: Vec<(usize, usize)> = Vec::new();
        for m in wanted().find_iter(body) {
            if lines.last().is_some_and(|&(_, e)| m.start() < e) {
                continue;
            }
            let s = body[..m.start()]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let e = body[m.end()..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(body.len(), |p| m.end() + p);
            lines.push((s, e));
        }
        lines.into_iter().rev().any(|(s, e)| self.line(&body[s..e]))
    }

    fn line(&mut self, raw: &[u8]) -> bool {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        // A line cut inside a character is a torn last line: skip it.
        let Ok(text) = std::str::from_utf8(raw) else {
            return false;
        };
        let out = &mut self.newest_first;
        if text.contains("compact_boundary") && is_boundary(text) {
            out.compactions.push(Compaction {
                facts: boundary_facts(text),
                after_replies: out.replies.len(),
            });
            false
        } else if text.contains("hook_additional_context")
            && let Some((at, event)) = hook_context(text)
        {
            if text.contains(RESUME_MARK) {
                out.injections.push(Injection {
                    at,
                    event,
                    after_replies: out.replies.len(),
                });
            }
            false
        } else if let Some(r) = parse_reply(text, &mut self.rejected) {
            if r.id.is_none() || r.id != self.last_id {
                out.replies.push(Point {
                    at: r.at.clone(),
                    tokens: r.tokens,
                });
                if out.model.is_none() {
                    out.model = r.model;
                }
                self.last_id = r.id;
            }
            // The first reply before `since` gives the level the chart
            // starts from; nothing older is needed.
            match (self.since, r.at.as_deref().and_then(crate::clock::parse)) {
                (Some(since), Some(at)) => at < since,
                _ => false,
            }
        } else {
            false
        }
    }

    fn finish(self, whole_file: bool) -> Series {
        let mut s = self.newest_first;
        s.whole_file = whole_file;
        let n = s.replies.len();
        s.replies.reverse();
        s.compactions.reverse();
        for c in &mut s.compactions {
            c.after_replies = n - c.after_replies;
        }
        s.injections.reverse();
        for i in &mut s.injections {
            i.after_replies = n - i.after_replies;
        }
        s
    }
}

/// Time and event of a main-chain `hook_additional_context` attachment.
fn hook_context(text: &str) -> Option<(Option<String>, Option<String>)> {
    #[derive(Deserialize)]
    struct Inner<'a> {
        #[serde(rename = "type", borrow, default)]
        kind: Option<Cow<'a, str>>,
        #[serde(rename = "hookEvent", default)]
        event: Option<String>,
    }
    #[derive(Deserialize)]
    struct A<'a> {
        #[serde(rename = "type", borrow, default)]
        kind: Option<Cow<'a, str>>,
        #[serde(rename = "isSidechain", default)]
        sidechain: Option<bool>,
        #[serde(borrow, default)]
        attachment: Option<Inner<'a>>,
        #[serde(default)]
        timestamp: Option<String>,
    }
    let a: A = serde_json::from_str(text).ok()?;
    let inner = a.attachment?;
    (a.kind.as_deref() == Some("attachment")
        && a.sidechain != Some(true)
        && inner.kind.as_deref() == Some("hook_additional_context"))
    .then_some((a.timestamp, inner.event))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/transcripts")
            .join(name)
    }

    /// The same series whatever the block size, so lines that straddle
    /// blocks are covered.
    fn all_blocks(path: &Path, since: Option<DateTime<Utc>>) -> Series {
        let first = read(path, since).unwrap();
        for block in [1, 7, 64, 333, 4096] {
            let s = read_in_blocks(path, since, block).unwrap();
            assert_eq!(s.replies, first.replies, "block {block}");
            assert_eq!(s.compactions, first.compactions, "block {block}");
            assert_eq!(s.injections, first.injections, "block {block}");
            assert_eq!(s.whole_file, first.whole_file, "block {block}");
        }
        first
    }

    #[test]
    fn the_last_point_is_what_context_reports() {
        for name in [
            "real-compact.jsonl",
            "real-tools.jsonl",
            "real-autocompact.jsonl",
        ] {
            let p = fixture(name);
            let s = all_blocks(&p, None);
            let u = super::super::scan(&p, u64::MAX, BLOCK).unwrap();
            assert!(s.whole_file);
            assert_eq!(s.compactions.len() as u64, u.compactions_seen, "{name}");
            let last = s.replies.last().unwrap();
            if u.basis == super::super::Basis::Reply {
                assert_eq!(Some(last.tokens), u.used, "{name}");
                assert_eq!(last.at, u.at, "{name}");
            }
            assert_eq!(s.model, u.model, "{name}");
        }
    }

    #[test]
    fn compactions_sit_between_the_replies_around_them() {
        let s = all_blocks(&fixture("real-compact.jsonl"), None);
        let c = &s.compactions[0];
        assert_eq!(c.facts.trigger.as_deref(), Some("manual"));
        assert_eq!(c.facts.pre_tokens, Some(12626));
        assert_eq!(c.facts.post_tokens, Some(2583));
        let (before, after) = s.replies.split_at(c.after_replies);
        let at = c.facts.at.as_deref().unwrap();
        assert!(before.iter().all(|r| r.at.as_deref().unwrap() < at));
        assert!(after.iter().all(|r| r.at.as_deref().unwrap() > at));
    }

    #[test]
    fn skipped_and_repeated_entries() {
        // Placeholders, sidechains and synthetic replies are not points; a
        // reply written over several lines is one.
        for name in ["placeholders.jsonl", "sidechain.jsonl", "synthetic.jsonl"] {
            let p = fixture(name);
            let s = all_blocks(&p, None);
            let u = super::super::scan(&p, u64::MAX, BLOCK).unwrap();
            assert_eq!(s.replies.last().map(|r| r.tokens), u.used, "{name}");
        }
        let s = all_blocks(&fixture("duplicate-ids.jsonl"), None);
        let tokens: Vec<u64> = s.replies.iter().map(|r| r.tokens).collect();
        assert_eq!(tokens, [20_000, 80_000]);
    }

    #[test]
    fn stops_at_the_first_reply_before_since() {
        let p = fixture("real-compact.jsonl");
        let all = read(&p, None).unwrap();
        let k = all.replies.len() / 2;
        let since = crate::clock::parse(all.replies[k].at.as_deref().unwrap()).unwrap();
        let part = all_blocks(&p, Some(since));
        assert!(!part.whole_file);
        // From the reply just before `since` on.
        assert_eq!(part.replies[..], all.replies[k - 1..]);
        let small = |since| read_in_blocks(&p, since, 4096).unwrap().bytes_read;
        assert!(small(Some(since)) < small(None));
    }

    #[test]
    fn resume_injections_are_found_and_others_are_not() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("t.jsonl");
        let reply = |id: &str, at: &str, n: u64| {
            format!(
                r#"{{"type":"assistant","isSidechain":false,"timestamp":"{at}","message":{{"id":"{id}","model":"claude-opus-5","content":[{{"type":"text","text":"ok"}}],"usage":{{"input_tokens":{n},"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}}}}"#
            )
        };
        let hook = |at: &str, text: &str| {
            format!(
                r#"{{"type":"attachment","isSidechain":false,"timestamp":"{at}","attachment":{{"type":"hook_additional_context","content":["{text}"],"hookEvent":"UserPromptSubmit"}}}}"#
            )
        };
        let lines = [
            reply("m1", "2026-01-15T10:00:00Z", 1000),
            hook("2026-01-15T10:01:00Z", "session-hook active session: x"),
            reply("m2", "2026-01-15T10:02:00Z", 2000),
            hook(
                "2026-01-15T10:03:00Z",
                "session-hook resume context: session x",
            ),
            reply("m3", "2026-01-15T10:04:00Z", 3000),
            // A reply that quotes the words is not an injection.
            reply("m4", "2026-01-15T10:05:00Z", 3500).replace(
                "\"ok\"",
                "\"hook_additional_context session-hook resume context:\"",
            ),
        ];
        std::fs::write(&p, lines.join("\n") + "\n").unwrap();
        let s = all_blocks(&p, None);
        let tokens: Vec<u64> = s.replies.iter().map(|r| r.tokens).collect();
        assert_eq!(tokens, [1000, 2000, 3000, 3500]);
        assert_eq!(s.injections.len(), 1, "{:?}", s.injections);
        assert_eq!(s.injections[0].after_replies, 2);
        assert_eq!(s.injections[0].event.as_deref(), Some("UserPromptSubmit"));
    }

    #[test]
    fn a_missing_file_is_an_error() {
        assert!(read(Path::new("/nonexistent/t.jsonl"), None).is_err());
    }
}
