//! The YAML frontmatter: a typed view for reading (serde-saphyr) and a
//! line-level editor for writing, so that comments, key order and keys we
//! do not know survive every rewrite byte for byte.

use serde::{Deserialize, Deserializer};

pub const SCHEMA_VERSION: u64 = 1;

/// Session status. Unknown values are kept as text so a newer tool's status
/// is not lost by an older one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Active,
    Paused,
    Complete,
    Abandoned,
    Other(String),
}

impl Status {
    pub fn parse(s: &str) -> Self {
        match s.trim() {
            "active" => Self::Active,
            "paused" => Self::Paused,
            "complete" | "completed" => Self::Complete,
            "abandoned" => Self::Abandoned,
            o => Self::Other(o.to_string()),
        }
    }
    pub fn as_str(&self) -> &str {
        match self {
            Self::Active => "active",
            Self::Paused => "paused",
            Self::Complete => "complete",
            Self::Abandoned => "abandoned",
            Self::Other(s) => s,
        }
    }
    /// Sessions that live in `active/`.
    pub fn is_open(&self) -> bool {
        matches!(self, Self::Active | Self::Paused)
    }
}

/// What we read from the frontmatter. Every field is optional on input so a
/// hand-edited file still loads; `Document::parse` checks what is required.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Frontmatter {
    #[serde(deserialize_with = "any_string")]
    pub id: Option<String>,
    #[serde(deserialize_with = "any_string")]
    pub shortname: Option<String>,
    #[serde(deserialize_with = "any_string")]
    pub title: Option<String>,
    #[serde(deserialize_with = "status")]
    pub status: Status,
    #[serde(deserialize_with = "string_list")]
    pub task_ids: Vec<String>,
    #[serde(deserialize_with = "any_string")]
    pub created_at: Option<String>,
    #[serde(deserialize_with = "any_string")]
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "count")]
    pub compaction_count: u64,
    #[serde(deserialize_with = "any_string")]
    pub git_branch: Option<String>,
    #[serde(deserialize_with = "any_string")]
    pub git_last_commit: Option<String>,
    #[serde(deserialize_with = "any_string")]
    pub paused_at: Option<String>,
    #[serde(deserialize_with = "any_string")]
    pub closed_at: Option<String>,
    #[serde(deserialize_with = "any_string")]
    pub close_reason: Option<String>,
    #[serde(deserialize_with = "string_list")]
    pub claude_sessions: Vec<String>,
    #[serde(deserialize_with = "string_list")]
    pub phases: Vec<String>,
    #[serde(deserialize_with = "count")]
    pub schema_version: u64,
}

/// A YAML scalar of any type, read as text (a short hash such as `1234567`
/// is an integer to YAML but a string to us). Null reads as `None`.
#[derive(Debug, Clone)]
struct AnyScalar(Option<String>);

impl<'de> Deserialize<'de> for AnyScalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = AnyScalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a scalar")
            }
            fn visit_str<E>(self, v: &str) -> Result<AnyScalar, E> {
                Ok(AnyScalar(Some(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<AnyScalar, E> {
                Ok(AnyScalar(Some(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<AnyScalar, E> {
                Ok(AnyScalar(Some(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<AnyScalar, E> {
                Ok(AnyScalar(Some(v.to_string())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<AnyScalar, E> {
                Ok(AnyScalar(Some(v.to_string())))
            }
            fn visit_bool<E>(self, v: bool) -> Result<AnyScalar, E> {
                Ok(AnyScalar(Some(v.to_string())))
            }
            fn visit_none<E>(self) -> Result<AnyScalar, E> {
                Ok(AnyScalar(None))
            }
            fn visit_unit<E>(self) -> Result<AnyScalar, E> {
                Ok(AnyScalar(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<AnyScalar, D::Error> {
                AnyScalar::deserialize(d)
            }
        }
        d.deserialize_any(V)
    }
}

fn any_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(AnyScalar::deserialize(d)?.0)
}

fn status<'de, D: Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
    Ok(AnyScalar::deserialize(d)?
        .0
        .map(|s| Status::parse(&s))
        .unwrap_or_default())
}

fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let s = AnyScalar::deserialize(d)?.0.unwrap_or_default();
    if s.is_empty() {
        return Ok(0);
    }
    s.trim()
        .parse()
        .map_err(|_| serde::de::Error::custom(format!("expected a whole number, found {s:?}")))
}

fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<AnyScalar>),
        One(AnyScalar),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::Many(v)) => v.into_iter().filter_map(|s| s.0).collect(),
        Some(OneOrMany::One(s)) => s.0.into_iter().collect(),
    })
}

/// A scalar in the plain or double-quoted forms `scalar()` writes, read
/// exactly as a YAML parser would; `None` for anything else.
fn quick_value(v: &str) -> Option<Option<String>> {
    // Any run of spaces may part a value from its `key:` or `- `.
    let v = v.trim_start_matches(' ').trim_end();
    if v.is_empty() || v == "null" || v == "~" {
        return Some(None);
    }
    if v.starts_with('"') {
        return serde_json::from_str::<String>(v).ok().map(Some);
    }
    let plain_safe = !v.contains(": ")
        && !v.contains(" #")
        && !v.starts_with([
            '\'', '{', '[', '&', '*', '!', '|', '>', '%', '@', '`', '#', '-', '?', ':', ',',
        ])
        && !v.ends_with(':');
    if !plain_safe {
        return None;
    }
    // Typed plain scalars read as text only when the text is the same as
    // the value's own spelling (a canonical whole number).
    if looks_typed(v) {
        let canonical = v.bytes().all(|b| b.is_ascii_digit())
            && (v == "0" || !v.starts_with('0'))
            && v.len() < 19;
        if !canonical {
            return None;
        }
    }
    Some(Some(v.to_string()))
}

/// A fast reader for the frontmatter this tool writes: `key: scalar`,
/// `key: []` and `key:` followed by `  - item` lines. Any other YAML
/// (comments, flow maps, block scalars, anchors, single quotes, duplicate
/// keys) gives `None`, and the caller uses the full YAML parser. A hook
/// parses the frontmatter on every event, and this keeps it to microseconds.
pub fn quick_parse(yaml: &str) -> Option<Frontmatter> {
    let mut f = Frontmatter::default();
    let mut seen: Vec<&str> = Vec::new();
    let mut pending: Option<(&str, Vec<String>)> = None;
    for line in yaml.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(item) = line
            .strip_prefix("  - ")
            .or_else(|| line.strip_prefix("- "))
        {
            let (_, items) = pending.as_mut()?;
            items.push(quick_value(item)??);
            continue;
        }
        if let Some((k, items)) = pending.take() {
            settle_list(&mut f, k, items)?;
        }
        let (key, value) = line.split_once(':')?;
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return None;
        }
        if seen.contains(&key) {
            return None;
        }
        seen.push(key);
        // `key:value` is not a mapping entry in YAML but one plain scalar,
        // which the full parser refuses: leave such lines to it.
        if !value.is_empty() && !value.starts_with(' ') {
            return None;
        }
        let value = value.strip_prefix(' ').unwrap_or(value);
        if value.trim().is_empty() {
            // `key:` then list items (or nothing: null).
            pending = Some((key, Vec::new()));
            continue;
        }
        if value.trim_end() == "[]" {
            // A list where a scalar belongs: the full parser refuses it.
            if SCALAR_KEYS.contains(&key) {
                return None;
            }
            settle_list(&mut f, key, Vec::new())?;
            continue;
        }
        let v = quick_value(value)?;
        match key {
            "id" => f.id = v,
            "shortname" => f.shortname = v,
            "title" => f.title = v,
            "status" => f.status = v.map(|s| Status::parse(&s)).unwrap_or_default(),
            "created_at" => f.created_at = v,
            "updated_at" => f.updated_at = v,
            "git_branch" => f.git_branch = v,
            "git_last_commit" => f.git_last_commit = v,
            "paused_at" => f.paused_at = v,
            "closed_at" => f.closed_at = v,
            "close_reason" => f.close_reason = v,
            "compaction_count" => f.compaction_count = v.map_or(Some(0), |s| s.parse().ok())?,
            "schema_version" => f.schema_version = v.map_or(Some(0), |s| s.parse().ok())?,
            "task_ids" | "claude_sessions" | "phases" => settle_list(&mut f, key, vec![v?])?,
            _ => {}
        }
    }
    if let Some((k, items)) = pending.take() {
        settle_list(&mut f, k, items)?;
    }
    Some(f)
}

/// Store a list read by `quick_parse`; `None` when the key is one we read
/// as a scalar but it holds items (the full parser decides then).
fn settle_list(f: &mut Frontmatter, key: &str, items: Vec<String>) -> Option<()> {
    match key {
        "task_ids" => f.task_ids = items,
        "claude_sessions" => f.claude_sessions = items,
        "phases" => f.phases = items,
        _ if items.is_empty() => {}
        _ if SCALAR_KEYS.contains(&key) => return None,
        _ => {}
    }
    Some(())
}

/// The keys [`Frontmatter`] reads as one scalar.
const SCALAR_KEYS: [&str; 13] = [
    "id",
    "shortname",
    "title",
    "status",
    "created_at",
    "updated_at",
    "compaction_count",
    "git_branch",
    "git_last_commit",
    "paused_at",
    "closed_at",
    "close_reason",
    "schema_version",
];

/// A value to write under a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Str(String),
    Int(u64),
    List(Vec<String>),
}

impl Value {
    pub fn opt(s: Option<&str>) -> Self {
        s.map_or(Value::Null, |s| Value::Str(s.to_string()))
    }
}

/// Render `key: value` (plus list lines) as YAML.
pub fn render_entry(key: &str, v: &Value) -> String {
    match v {
        Value::Null => format!("{key}: null\n"),
        Value::Int(n) => format!("{key}: {n}\n"),
        Value::Str(s) => format!("{key}: {}\n", scalar(s)),
        Value::List(items) if items.is_empty() => format!("{key}: []\n"),
        Value::List(items) => {
            let mut out = format!("{key}:\n");
            for i in items {
                out.push_str("  - ");
                out.push_str(&scalar(i));
                out.push('\n');
            }
            out
        }
    }
}

/// A YAML scalar: plain when that is unambiguous, else double-quoted with
/// JSON escapes (a JSON string is a valid YAML double-quoted scalar).
pub fn scalar(s: &str) -> String {
    let plain_ok = !s.is_empty()
        && s.len() < 200
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " _./:+-()'".contains(c))
        && !s.starts_with([' ', '-', ':', '?', '\'', '(', '.'])
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !looks_typed(s);
    if plain_ok {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("strings always serialise")
    }
}

/// Plain scalars that YAML would read as something other than a string.
fn looks_typed(s: &str) -> bool {
    const WORDS: [&str; 10] = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    ];
    WORDS.iter().any(|w| s.eq_ignore_ascii_case(w))
        || s.starts_with("0x")
        || s.starts_with("0o")
        || s.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        // Only text that starts like a number can read as one ("inf" and
        // "nan" included); this runs for every line of long session lists.
        || (matches!(
            s.as_bytes().first(),
            Some(b'0'..=b'9' | b'+' | b'-' | b'.' | b'i' | b'I' | b'n' | b'N')
        ) && s.parse::<f64>().is_ok())
}

/// The key as a top-level entry line spells it (`key`, `"key"` or
/// `'key'`) when `line` is that key's entry.
fn key_spelling<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let quoted = |q: char| {
        line.strip_prefix(q)?
            .strip_prefix(key)?
            .strip_prefix(q)
            .map(|_| key.len() + 2)
    };
    let len = if line.starts_with(key) {
        key.len()
    } else {
        quoted('"').or_else(|| quoted('\''))?
    };
    line[len..]
        .trim_start_matches(' ')
        .starts_with(':')
        .then(|| &line[..len])
}

/// Byte span of a top-level key's entry (its line and any continuation
/// lines: indented lines and `- ` list items) inside the YAML text, and the
/// key as it is spelled there. Quoted keys are the same key to YAML: not
/// finding them would add a duplicate, which does not parse.
fn key_span<'a>(yaml: &'a str, key: &str) -> Option<(usize, usize, &'a str)> {
    let mut pos = 0;
    let mut start = None;
    for line in yaml.split_inclusive('\n') {
        let end = pos + line.len();
        match start {
            None => {
                if let Some(k) = key_spelling(line, key) {
                    start = Some((pos, k));
                }
            }
            Some((s, k)) => {
                let continues = line.starts_with(' ')
                    || line.starts_with('\t')
                    || line.starts_with("- ")
                    || line.trim_end() == "-";
                if !continues {
                    return Some((s, pos, k));
                }
            }
        }
        pos = end;
    }
    start.map(|(s, k)| (s, yaml.len(), k))
}

/// Set `key` in the YAML text: its entry is replaced in place (keeping the
/// key's own spelling), or appended at the end if the key is missing.
/// Every other byte is kept.
/// A value as it is written on its key's line, when it is one scalar.
fn one_line_scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("null".into()),
        Value::Int(n) => Some(n.to_string()),
        Value::Str(s) => Some(scalar(s)),
        Value::List(_) => None,
    }
}

/// Byte span of the scalar value in a one-line entry (`key:  value  # c`),
/// whose key is `key_len` bytes long; `None` for anything else (no value,
/// continuation lines, flow collections, block scalars, anchors, tags).
fn scalar_value_span(entry: &str, key_len: usize) -> Option<(usize, usize)> {
    let line = entry.trim_end_matches(['\n', '\r']);
    if line.len() + 2 < entry.len() || line.contains('\n') {
        return None;
    }
    // `key :` (space before the colon) is rewritten whole, as before.
    if !line[key_len..].starts_with(':') {
        return None;
    }
    let colon = key_len;
    let after = &line[colon + 1..];
    let a = colon + 1 + (after.len() - after.trim_start_matches([' ', '\t']).len());
    let rest = &line[a..];
    let len = match rest.as_bytes().first()? {
        b'"' => {
            let mut esc = false;
            1 + rest[1..].char_indices().find_map(|(i, c)| match c {
                _ if esc => {
                    esc = false;
                    None
                }
                '\\' => {
                    esc = true;
                    None
                }
                '"' => Some(i + 1),
                _ => None,
            })?
        }
        b'\'' => 1 + rest[1..].find('\'')? + 1,
        b'[' | b'{' | b'|' | b'>' | b'&' | b'*' | b'!' | b'#' => return None,
        _ => {
            // A plain scalar runs to an inline comment (` #`) or the end.
            let end = rest
                .char_indices()
                .find(|&(i, c)| c == '#' && rest[..i].ends_with([' ', '\t']))
                .map_or(rest.len(), |(i, _)| i);
            rest[..end].trim_end_matches([' ', '\t']).len()
        }
    };
    // After a quoted value only spacing and a comment may follow.
    let tail = rest[len..].trim_start_matches([' ', '\t']);
    (tail.is_empty()
        || (tail.starts_with('#') && len < rest.len() && rest[len..].starts_with([' ', '\t'])))
    .then_some((a, a + len))
}

pub fn set_key(yaml: &str, key: &str, v: &Value) -> String {
    // Written lines end the way the YAML's first line does.
    let crlf = yaml
        .split_inclusive('\n')
        .next()
        .is_some_and(|l| l.ends_with("\r\n"));
    let eol = |t: String| if crlf { t.replace('\n', "\r\n") } else { t };
    match key_span(yaml, key) {
        Some((s, e, spelled)) => {
            // A one-line scalar entry has only its value replaced: the
            // spacing around it and an inline `# comment` stay.
            if let Some((a, b)) = scalar_value_span(&yaml[s..e], spelled.len())
                && let Some(new) = one_line_scalar(v)
            {
                let mut out = String::with_capacity(yaml.len() + new.len());
                out.push_str(&yaml[..s + a]);
                out.push_str(&new);
                out.push_str(&yaml[s + b..]);
                return out;
            }
            let entry = eol(render_entry(spelled, v));
            let mut out = String::with_capacity(yaml.len() + entry.len());
            out.push_str(&yaml[..s]);
            out.push_str(&entry);
            out.push_str(&yaml[e..]);
            out
        }
        None => {
            let mut out = yaml.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(if crlf { "\r\n" } else { "\n" });
            }
            out.push_str(&eol(render_entry(key, v)));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typed_scalar_check_matches_its_plain_definition() {
        let plain = |s: &str| {
            let l = s.to_ascii_lowercase();
            matches!(
                l.as_str(),
                "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
            ) || s.parse::<f64>().is_ok()
                || s.starts_with("0x")
                || s.starts_with("0o")
                || s.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        };
        for s in [
            "",
            "inf",
            "-inf",
            "+inf",
            "Infinity",
            "NaN",
            "nan",
            "N",
            "No",
            "nope",
            "+1",
            "-2.5",
            ".5",
            "1e3",
            "e5",
            "-",
            "+",
            ".",
            "0x1f",
            "0o7",
            "1_000",
            "bench-1",
            "TRUE",
            "~",
            "2026-01-15T10:00:00Z",
            "12abc",
            "i",
            "y",
            "Yes",
        ] {
            assert_eq!(looks_typed(s), plain(s), "{s:?}");
        }
    }

    #[test]
    fn set_key_keeps_everything_else() {
        let y = "id: x\n# a comment\nfoo: [1, 2]\ntask_ids:\n  - a\n  - b\nstatus: active # trailing\nzzz: keep\n";
        let out = set_key(y, "task_ids", &Value::List(vec!["c".into()]));
        assert_eq!(
            out,
            "id: x\n# a comment\nfoo: [1, 2]\ntask_ids:\n  - c\nstatus: active # trailing\nzzz: keep\n"
        );
        let out = set_key(&out, "new_key", &Value::Int(3));
        assert!(out.ends_with("zzz: keep\nnew_key: 3\n"));
    }

    /// A one-line value is replaced in place: the spacing around it and
    /// an inline comment stay; anything else is rewritten whole.
    #[test]
    fn set_key_keeps_spacing_and_inline_comments() {
        let v = Value::Str("completed".into());
        for (before, after) in [
            (
                "status:   open   # planner\n",
                "status:   completed   # planner\n",
            ),
            ("status: \"in # progress\" # q\n", "status: completed # q\n"),
            ("status: 'a#b'\n", "status: completed\n"),
            ("status: a#b\n", "status: completed\n"),
            ("status: open\r\n", "status: completed\r\n"),
            ("status:\n  - a\n", "status: completed\n"),
            ("status: [a, b] # flow\n", "status: completed\n"),
            ("status: &s open\n", "status: completed\n"),
        ] {
            assert_eq!(set_key(before, "status", &v), after, "{before:?}");
        }
        let out = set_key("n: 1 # count\n", "n", &Value::List(vec!["x".into()]));
        assert_eq!(out, "n:\n  - x\n");
    }

    /// A hand-quoted key is the same key: it is replaced where it is, in
    /// its own spelling, never added a second time.
    #[test]
    fn set_key_finds_quoted_keys() {
        let y = "id: x\n\"updated_at\": 2026-01-01T00:00:00Z\n'status' : active\nupdated_at_note: keep\n";
        let out = set_key(y, "updated_at", &Value::Str("2026-02-02T00:00:00Z".into()));
        assert_eq!(
            out,
            "id: x\n\"updated_at\": 2026-02-02T00:00:00Z\n'status' : active\nupdated_at_note: keep\n"
        );
        let out = set_key(&out, "status", &Value::Str("paused".into()));
        assert!(out.contains("\n'status': paused\n"), "{out}");
        let f: Frontmatter = serde_saphyr::from_str(&out).unwrap();
        assert_eq!(f.status, Status::Paused);
        assert_eq!(f.updated_at.as_deref(), Some("2026-02-02T00:00:00Z"));
        // Not a prefix match on a longer quoted key.
        let out = set_key("\"updated_at_x\": 1\n", "updated_at", &Value::Int(2));
        assert_eq!(out, "\"updated_at_x\": 1\nupdated_at: 2\n");
    }

    #[test]
    fn scalars_round_trip_through_yaml() {
        for s in [
            "abc1234",
            "1234567",
            "true",
            "a: b",
            "2026-01-15T10:00:00Z",
            "it's",
            "#x",
            "line\nbreak",
            "",
            "- x",
            "null",
        ] {
            let y = render_entry("k", &Value::Str(s.into()));
            #[derive(Deserialize)]
            struct K {
                #[serde(deserialize_with = "any_string")]
                k: Option<String>,
            }
            let k: K = serde_saphyr::from_str(&y).unwrap_or_else(|e| panic!("{y}: {e}"));
            assert_eq!(k.k.as_deref(), Some(s), "{y}");
        }
    }

    /// The quick reader agrees with the YAML parser on everything this
    /// tool writes, and steps aside for anything else.
    #[test]
    fn quick_reader_agrees_with_yaml() {
        let samples = [
            "abc1234",
            "1234567",
            "0123",
            "true",
            "yes",
            "a: b",
            "2026-01-15T10:00:00Z",
            "it's",
            "#x",
            "line\nbreak",
            "",
            "- x",
            "null",
            "1.5",
            "Fix race in sweeper.go:245",
            "x # y",
            "ünïcode ✓",
            "[a]",
            "{a: 1}",
            "~",
        ];
        for s in samples {
            let mut y = String::new();
            for (k, v) in [
                ("id", Value::Str("019abc".into())),
                ("shortname", Value::Str("x".into())),
                ("title", Value::Str(s.into())),
                ("status", Value::Str("paused".into())),
                ("task_ids", Value::List(vec![s.into(), "t2".into()])),
                ("claude_sessions", Value::List(vec![])),
                ("git_last_commit", Value::Str(s.into())),
                ("paused_at", Value::Null),
                ("compaction_count", Value::Int(3)),
                ("schema_version", Value::Int(1)),
            ] {
                y.push_str(&render_entry(k, &v));
            }
            let full: Frontmatter = serde_saphyr::from_str(&y).unwrap();
            assert_eq!(quick_parse(&y), Some(full), "{y}");
        }
        for hand in [
            "id: 1\n# comment\nshortname: x\n",
            "id: x\ntitle: |\n  block\n",
            "id: x\ntitle: 'single'\n",
            "id: x\nid: y\n",
            "id: x\nextra: {a: 1}\n",
            "id: 1.0\n",
            "id: x\ntask_ids: one\nstatus: completed\n",
        ] {
            if let Some(q) = quick_parse(hand) {
                let full: Frontmatter = serde_saphyr::from_str(hand).unwrap();
                assert_eq!(q, full, "{hand}");
            }
        }
        assert!(quick_parse("id: x\n# comment\n").is_none());
        // Not a key: the full parser must see (and refuse) it.
        assert!(quick_parse("id: x\nreviewer:alice\n").is_none());
        assert!(serde_saphyr::from_str::<Frontmatter>("id: x\nreviewer:alice\n").is_err());
        assert!(quick_parse("id: x\ntitle: |\n  block\n").is_none());
    }

    #[test]
    fn lenient_reading() {
        let f: Frontmatter = serde_saphyr::from_str(
            "id: 1\ngit_last_commit: 1234567\ntask_ids: one\nstatus: completed\ncompaction_count: '2'\nextra: {a: 1}\n",
        )
        .unwrap();
        assert_eq!(f.git_last_commit.as_deref(), Some("1234567"));
        assert_eq!(f.task_ids, vec!["one"]);
        assert_eq!(f.status, Status::Complete);
        assert_eq!(f.compaction_count, 2);
    }

    /// The quick reader against the full YAML parser (serde-saphyr) on
    /// frontmatters of every shape: keys in any order or missing, unknown
    /// keys, plain, double- and single-quoted values, inline and whole-line
    /// comments, block and flow lists, nested maps, block scalars, quoted
    /// keys, duplicates and CRLF line ends. Whenever the quick reader
    /// answers, the parser reads the same; whenever the parser refuses, the
    /// quick reader does not answer. And it does answer on the plain shape
    /// this tool writes, so the fast path is really taken.
    mod against_the_parser {
        use proptest::prelude::*;

        use super::*;

        /// Every key the frontmatter reads, and two it does not.
        fn keys() -> Vec<&'static str> {
            let mut k = SCALAR_KEYS.to_vec();
            k.extend([
                "task_ids",
                "claude_sessions",
                "phases",
                "owner",
                "extra_list",
            ]);
            k
        }

        /// A value as it may follow `key:` (with what comes after the
        /// line: list items, continuation lines).
        fn value() -> impl Strategy<Value = String> {
            prop_oneof![
                // Plain scalars, typed-looking ones among them.
                Just(" abc1234".to_string()),
                Just(" 1234567".to_string()),
                Just(" 0123".to_string()),
                Just(" 3".to_string()),
                Just(" -1".to_string()),
                Just(" 1.5".to_string()),
                Just(" 1e3".to_string()),
                Just(" true".to_string()),
                Just(" no".to_string()),
                Just(" null".to_string()),
                Just(" ~".to_string()),
                Just("".to_string()),
                Just(" active".to_string()),
                Just(" Paused".to_string()),
                Just(" 2026-01-15T10:00:00Z".to_string()),
                Just(" 2026-01-15".to_string()),
                Just(" Fix race in sweeper.go:245".to_string()),
                Just(" a: b".to_string()),
                Just(" it's".to_string()),
                Just(" x#y".to_string()),
                Just(" ünïcode ✓".to_string()),
                Just(" trailing   ".to_string()),
                // Quoted.
                Just(" \"double \\\"quoted\\\" \\u00e9\"".to_string()),
                Just(" \"a: b # c\"".to_string()),
                Just(" \"\"".to_string()),
                Just(" 'single ''quoted'''".to_string()),
                Just(" \"unterminated".to_string()),
                // Comments after a value.
                Just(" value # a comment".to_string()),
                Just(" \"quoted\" # a comment".to_string()),
                Just(" 7 # count".to_string()),
                // Lists and maps.
                Just(" []".to_string()),
                Just(" [a, b]".to_string()),
                Just(" {a: 1}".to_string()),
                Just("\n  - one\n  - two".to_string()),
                Just("\n- one\n- \"two\"".to_string()),
                Just("\n  - one # c".to_string()),
                Just("\n  nested: 1\n  deeper: [1, 2]".to_string()),
                // Block scalars and continuation lines.
                Just(" |\n  block\n  text".to_string()),
                Just(" >-\n  folded".to_string()),
                Just(" first\n  continued".to_string()),
                // Anchors, aliases, tags.
                Just(" &a anchored".to_string()),
                Just(" !!str 12".to_string()),
                // Not a mapping entry for YAML.
                Just(":glued".to_string()),
                "[a-z0-9 ._/-]{0,16}".prop_map(|s| format!(" {s}")),
            ]
        }

        /// One entry line (or lines): a key, maybe quoted or spaced oddly,
        /// with a value; or a comment or blank line.
        fn entry() -> impl Strategy<Value = String> {
            prop_oneof![
                8 => (proptest::sample::select(keys()), value()).prop_map(|(k, v)| format!("{k}:{v}")),
                1 => (proptest::sample::select(keys()), value()).prop_map(|(k, v)| format!("\"{k}\":{v}")),
                1 => (proptest::sample::select(keys()), value()).prop_map(|(k, v)| format!("{k} :{v}")),
                1 => Just("# a comment line".to_string()),
                1 => Just("".to_string()),
            ]
        }

        fn frontmatter() -> impl Strategy<Value = String> {
            (proptest::collection::vec(entry(), 0..14), any::<bool>()).prop_map(|(es, crlf)| {
                let mut y = String::new();
                for e in es {
                    y.push_str(&e);
                    y.push('\n');
                }
                if crlf { y.replace('\n', "\r\n") } else { y }
            })
        }

        /// What this tool writes: every key once, in any order, some
        /// missing, values from `render_entry`.
        fn written() -> impl Strategy<Value = String> {
            let scalars = prop_oneof![
                Just("abc1234"),
                Just("1234567"),
                Just("0123"),
                Just("true"),
                Just("a: b"),
                Just("it's"),
                Just("#x"),
                Just("line\nbreak"),
                Just(""),
                Just("- x"),
                Just("2026-01-15T10:00:00Z"),
                Just("Fix race in sweeper.go:245"),
            ];
            (
                Just(keys()).prop_shuffle(),
                proptest::collection::vec((scalars, any::<bool>()), keys().len()),
                any::<bool>(),
            )
                .prop_map(|(keys, vals, crlf)| {
                    let mut y = String::new();
                    for (k, (v, keep)) in keys.into_iter().zip(vals) {
                        if !keep && !matches!(k, "id" | "shortname") {
                            continue;
                        }
                        let value = match k {
                            "task_ids" | "claude_sessions" | "phases" | "extra_list" => {
                                Value::List(vec![v.to_string(), "t2".into()])
                            }
                            "compaction_count" | "schema_version" => Value::Int(v.len() as u64),
                            "paused_at" if v.is_empty() => Value::Null,
                            _ => Value::Str(v.to_string()),
                        };
                        y.push_str(&render_entry(k, &value));
                    }
                    if crlf { y.replace('\n', "\r\n") } else { y }
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn the_quick_reader_never_disagrees(y in frontmatter()) {
                let full = serde_saphyr::from_str::<Frontmatter>(&y);
                if let Some(q) = quick_parse(&y) {
                    match full {
                        Ok(f) => prop_assert_eq!(q, f, "{:?}", y),
                        Err(e) => prop_assert!(false, "the parser refuses {:?} ({}), the quick reader reads {:?}", y, e, q),
                    }
                }
            }

            #[test]
            fn what_this_tool_writes_takes_the_quick_path(y in written()) {
                let full: Frontmatter = serde_saphyr::from_str(&y).unwrap();
                prop_assert_eq!(quick_parse(&y), Some(full), "{:?}", y);
            }
        }
    }
}
