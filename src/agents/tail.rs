//! Reading a JSONL transcript from its end: the newest line that answers a
//! question. Transcripts grow large and hooks run often, so blocks are
//! read backwards (64 KiB, doubling) and reading stops at the first answer
//! or after `transcript::MAX_SCAN` bytes.

use std::fs::File;
use std::io;
use std::path::Path;

use crate::transcript::{BLOCK, Basis, Block, MAX_SCAN, Usage};

/// Largest block read at once.
const MAX_BLOCK: usize = 8 * 1024 * 1024;

/// Call `f` on each complete line, newest first, until it returns `Some`.
/// A missing file is `Ok(None)`.
pub fn newest<T>(path: &Path, mut f: impl FnMut(&str) -> Option<T>) -> io::Result<Option<T>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let mut end = len;
    let mut carry: Vec<u8> = Vec::new();
    let mut block = BLOCK;
    let mut read = 0u64;
    while end > 0 && read < MAX_SCAN {
        let b = Block::read(&file, end, block, &carry)?;
        read += end - b.start;
        for line in b.buf[b.split..].rsplit(|&c| c == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if let Ok(text) = std::str::from_utf8(line)
                && !text.is_empty()
                && let Some(t) = f(text)
            {
                return Ok(Some(t));
            }
        }
        end = b.start;
        carry = b.carry();
        block = (block * 2).min(MAX_BLOCK);
    }
    Ok(None)
}

/// Context usage from the newest line `f` reads it from: `Missing` for a
/// missing or empty file, `NoReply` when no line answers.
pub fn usage(path: &Path, f: impl FnMut(&str) -> Option<Usage>) -> io::Result<Usage> {
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if len == 0 {
        return Ok(Usage::default());
    }
    let mut u = newest(path, f)?.unwrap_or(Usage {
        basis: Basis::NoReply,
        ..Usage::default()
    });
    u.file_len = len;
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_newest_match_across_block_edges() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("t.jsonl");
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!(
                "{{\"n\":{i},\"pad\":\"{}\"}}\n",
                "x".repeat(i % 50)
            ));
        }
        std::fs::write(&p, &text).unwrap();
        let found = newest(&p, |l| l.contains("\"n\":123,").then(|| l.to_string())).unwrap();
        assert!(found.unwrap().starts_with("{\"n\":123,"));
        let last = newest(&p, |l| Some(l.to_string())).unwrap().unwrap();
        assert!(last.starts_with("{\"n\":19999,"));
        assert_eq!(
            newest(&p, |l| l.contains("nope").then_some(())).unwrap(),
            None
        );
        assert_eq!(
            newest(&d.path().join("missing"), |_| Some(())).unwrap(),
            None
        );
    }
}
