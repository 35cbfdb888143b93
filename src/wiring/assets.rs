//! What install writes, embedded so that install needs no checkout: the
//! hook registrations (`plugin/hooks/hooks.json`) and the `/session-*` slash
//! commands (`plugin/commands/*.md`).
//!
//! A command file the user changed is never overwritten without `--force`.
//! To tell "changed by the user" from "written by an older version of this
//! tool", install keeps the SHA-256 of every file it wrote in a record next
//! to them (`.session-hook.sha256`, in `sha256sum` format). The record sits
//! with the files, so a teammate who pulls a committed `.claude/commands/`
//! gets it too.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

pub const HOOKS_JSON: &str = include_str!("../../plugin/hooks/hooks.json");

pub const COMMANDS: [(&str, &str); 7] = [
    (
        "session-init.md",
        include_str!("../../plugin/commands/session-init.md"),
    ),
    (
        "session-resume.md",
        include_str!("../../plugin/commands/session-resume.md"),
    ),
    (
        "session-log.md",
        include_str!("../../plugin/commands/session-log.md"),
    ),
    (
        "session-checkpoint.md",
        include_str!("../../plugin/commands/session-checkpoint.md"),
    ),
    (
        "session-view.md",
        include_str!("../../plugin/commands/session-view.md"),
    ),
    (
        "session-pause.md",
        include_str!("../../plugin/commands/session-pause.md"),
    ),
    (
        "session-close.md",
        include_str!("../../plugin/commands/session-close.md"),
    ),
];

/// The record of what we wrote, in the commands folder.
pub const RECORD: &str = ".session-hook.sha256";

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `<hex>  <file name>` lines → file name → hex. Lines we do not
/// understand are ignored.
pub fn parse_record(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let (hex, name) = l.split_once("  ")?;
            let ok = hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit());
            (ok && !name.is_empty()).then(|| (name.to_string(), hex.to_ascii_lowercase()))
        })
        .collect()
}

pub fn render_record(rec: &BTreeMap<String, String>) -> String {
    let mut s = String::from(
        "# Files written by `session-hook install`; a file whose hash differs was changed by hand.\n",
    );
    for (name, hex) in rec {
        s.push_str(&format!("{hex}  {name}\n"));
    }
    s
}

/// Where an existing command file stands against what we would write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    Missing,
    /// Byte for byte what we would write.
    Same,
    /// What we wrote earlier (an older version): safe to replace.
    Outdated,
    /// Changed by someone: left alone unless forced.
    Modified,
}

pub fn classify(existing: Option<&[u8]>, ours: &str, recorded: Option<&str>) -> FileState {
    match existing {
        None => FileState::Missing,
        Some(b) if b == ours.as_bytes() => FileState::Same,
        Some(b) if recorded.is_some_and(|r| r == sha256_hex(b)) => FileState::Outdated,
        Some(_) => FileState::Modified,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trip() {
        let mut rec = BTreeMap::new();
        rec.insert("session-init.md".to_string(), sha256_hex(b"x"));
        let text = render_record(&rec);
        assert_eq!(parse_record(&text), rec);
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn states() {
        let ours = "new text\n";
        assert_eq!(classify(None, ours, None), FileState::Missing);
        assert_eq!(classify(Some(b"new text\n"), ours, None), FileState::Same);
        let old = b"old text\n";
        let h = sha256_hex(old);
        assert_eq!(classify(Some(old), ours, Some(&h)), FileState::Outdated);
        assert_eq!(
            classify(Some(b"edited"), ours, Some(&h)),
            FileState::Modified
        );
        assert_eq!(classify(Some(old), ours, None), FileState::Modified);
    }

    #[test]
    fn embedded_files_are_well_formed() {
        let v: serde_json::Value = serde_json::from_str(HOOKS_JSON).unwrap();
        assert!(v["hooks"].is_object());
        for (name, text) in COMMANDS {
            assert!(name.starts_with("session-") && name.ends_with(".md"));
            assert!(text.starts_with("---\n"), "{name}");
        }
    }
}
