//! Names and ids: the only strings that ever become parts of paths.

use crate::error::UserError;

/// Longest shortname we accept or generate.
pub const MAX_NAME: usize = 48;

/// A name or id is `[a-z0-9-]`, not empty, not starting with `-`, at most
/// 64 characters. Anything else could escape a folder or confuse a shell.
pub fn validate(kind: &str, s: &str) -> Result<(), UserError> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(UserError::new(format!("invalid {kind} {s:?}"))
            .hint("names and ids use only a-z, 0-9 and '-' (at most 64 characters)"))
    }
}

/// The six characters a session file's name carries after its shortname
/// (`<shortname>-<tag>.md`): the last six hex digits of the id, which are
/// random. (The first ones of a v7 id are its time stamp, so sessions
/// started close together would share them.) For
/// `019b2c3d-4e5f-7a1b-8c2d-3e4f5a6b7c8d` it is `6b7c8d`.
pub fn file_tag(id: &str) -> String {
    let hex: Vec<char> = id.chars().filter(|c| *c != '-').collect();
    hex[hex.len().saturating_sub(6)..].iter().collect()
}

/// The tags a session's file may carry: [`file_tag`], and the first six
/// hex digits of the id that files made by earlier versions carry.
pub fn file_tags(id: &str) -> [String; 2] {
    let first: String = id.chars().filter(|c| *c != '-').take(6).collect();
    [file_tag(id), first]
}

/// A slug of free text: lowercase words joined by `-`, at most `MAX_NAME`
/// characters, cut at a word boundary: "Fix the race in sweeper.go!"
/// becomes `fix-the-race-in-sweeper-go`, and "../../etc/passwd" becomes
/// `etc-passwd`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_ascii_lowercase();
        if !out.is_empty() && out.len() + 1 + w.len() > MAX_NAME {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out.truncate(MAX_NAME);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Claude Code session ids are UUIDs, but they come from outside; keep only
/// what is safe in a file name.
pub fn safe_external_id(s: &str) -> Option<String> {
    let ok = !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_tags_take_the_random_end_of_the_id() {
        let id = "019b2c3d-4e5f-7a1b-8c2d-3e4f5a6b7c8d";
        assert_eq!(file_tag(id), "6b7c8d");
        assert_eq!(file_tags(id), ["6b7c8d".to_string(), "019b2c".to_string()]);
    }

    #[test]
    fn validation_blocks_traversal() {
        for bad in ["../x", "a/b", "", "-rf", "Fix", "a b", "x\0", "..", "a.md"] {
            assert!(validate("name", bad).is_err(), "{bad:?} accepted");
        }
        for good in ["fix-race", "019abc12", "a1"] {
            assert!(validate("name", good).is_ok());
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Fix race in sweeper!"), "fix-race-in-sweeper");
        assert_eq!(slug("  ../../etc/passwd "), "etc-passwd");
        assert!(slug(&"word ".repeat(40)).len() <= MAX_NAME);
        assert_eq!(slug("日本"), "");
    }

    #[test]
    fn external_ids() {
        assert!(safe_external_id("0a1b-22").is_some());
        assert!(safe_external_id("../x").is_none());
    }
}

/// Edit distance between two short strings (names, not documents).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate closest to a mistyped `name`, when one is close enough to
/// be what was meant: within a third of its length (at least 2 edits), or
/// one that starts or ends with it.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .filter(|c| !c.is_empty() && *c != name)
        .map(|c| {
            let d = if name.len() >= 3 && (c.starts_with(name) || c.ends_with(name)) {
                1
            } else {
                distance(name, c)
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

/// "no session named X" with a "did you mean" hint when a session's
/// shortname is close to X. Any other error passes through.
pub fn with_suggestion(
    e: anyhow::Error,
    name: Option<&str>,
    store: &crate::store::Store,
) -> anyhow::Error {
    let Some(n) = name else { return e };
    let missing = e
        .downcast_ref::<UserError>()
        .is_some_and(|u| u.msg.starts_with("no session named"));
    if !missing {
        return e;
    }
    let metas = store.metas(true);
    let open: Vec<&str> = metas
        .iter()
        .filter(|m| !m.archived)
        .map(|m| m.shortname())
        .collect();
    let all: Vec<&str> = metas.iter().map(|m| m.shortname()).collect();
    match closest(n, open.iter().copied()).or_else(|| closest(n, all.iter().copied())) {
        Some(c) => UserError::new(format!("no session named {n:?}; did you mean {c:?}?"))
            .hint(format!(
                "run it again with {c}, or list sessions with `session-hook list --all`"
            ))
            .into(),
        None => e,
    }
}

#[cfg(test)]
mod suggestion_tests {
    use super::*;

    #[test]
    fn close_names_are_suggested_and_far_ones_are_not() {
        let names = ["csv-export", "fix-login", "billing-v2"];
        assert_eq!(closest("csv-exprot", names), Some("csv-export"));
        assert_eq!(closest("fix-logn", names), Some("fix-login"));
        assert_eq!(closest("billing", names), Some("billing-v2"));
        assert_eq!(closest("zzz", names), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
