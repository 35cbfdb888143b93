//! Time stamps. Everything is UTC; file names use the compact form without
//! `:` so they are portable.

use chrono::{DateTime, SecondsFormat, Utc};

/// The current time. `SESSION_HOOK_NOW` (RFC 3339) pins it, so tests and the
/// demo produce stable output.
pub fn now() -> DateTime<Utc> {
    if let Ok(v) = std::env::var("SESSION_HOOK_NOW")
        && let Ok(t) = DateTime::parse_from_rfc3339(&v)
    {
        return t.with_timezone(&Utc);
    }
    Utc::now()
}

/// `2026-01-15T10:00:00Z`: the form used inside documents.
pub fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `2026-01-15T10:00Z`: the short form used for entry stamps in the body.
pub fn short(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%MZ").to_string()
}

/// `20260115T100000Z`: the form used in file names.
pub fn file_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `20260115T100000.123456Z`: a file-name stamp fine enough to order
/// entries written in the same second.
pub fn file_stamp_micros(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%S%.6fZ").to_string()
}

pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim().trim_matches('"').trim_matches('\'');
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M:%SZ", "%Y%m%dT%H%M%SZ"] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc());
        }
    }
    None
}

/// "3 hours ago", "2 days ago", "just now".
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds();
    if secs < 0 {
        return "in the future".into();
    }
    let (n, unit) = match secs {
        0..=59 => return "just now".into(),
        60..=3599 => (secs / 60, "minute"),
        3600..=86_399 => (secs / 3600, "hour"),
        86_400..=2_591_999 => (secs / 86_400, "day"),
        2_592_000..=31_535_999 => (secs / 2_592_000, "month"),
        _ => (secs / 31_536_000, "year"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// "2h 34m", "3d 4h", "12m".
pub fn duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    match (d, h) {
        (0, 0) => format!("{m}m"),
        (0, _) => format!("{h}h {m}m"),
        _ => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_have_no_colons() {
        let t = parse("2026-01-15T10:00:00Z").unwrap();
        assert_eq!(file_stamp(t), "20260115T100000Z");
        assert!(!file_stamp_micros(t).contains(':'));
        assert_eq!(short(t), "2026-01-15T10:00Z");
        assert_eq!(parse("2026-01-15T10:00Z"), Some(t));
    }

    #[test]
    fn ago_reads_naturally() {
        let t = parse("2026-01-15T10:00:00Z").unwrap();
        assert_eq!(ago(t, t + chrono::Duration::hours(2)), "2 hours ago");
        assert_eq!(ago(t, t + chrono::Duration::minutes(1)), "1 minute ago");
        assert_eq!(duration(9240), "2h 34m");
    }
}
