//! Secret redaction for every text we write out of a hook payload or a log
//! argument. Each match becomes `[REDACTED:<kind>]`.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

/// (kind, pattern). Patterns are anchored on the shapes vendors document,
/// so ordinary code does not match.
const RULES: &[(&str, &str)] = &[
    (
        "private-key",
        r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\z)",
    ),
    ("aws-access-key", r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b"),
    (
        "aws-secret-key",
        r#"(?i)\baws_?secret_?(?:access_?)?key\b\s*[:=]\s*["']?[A-Za-z0-9/+]{40}\b"#,
    ),
    (
        "github-token",
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b",
    ),
    ("gitlab-token", r"\bglpat-[A-Za-z0-9_-]{20,}\b"),
    ("slack-token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b"),
    (
        "slack-webhook",
        r"https://hooks\.slack\.com/services/[A-Za-z0-9/]{20,}",
    ),
    ("anthropic-key", r"\bsk-ant-[A-Za-z0-9_-]{20,}"),
    (
        "openai-key",
        r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}",
    ),
    (
        "jwt",
        r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
    ),
    (
        "url-credentials",
        r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]+:[^\s/@]+@",
    ),
    // A quoted value of 4+ characters, or an unquoted one that holds a digit
    // or symbol (so `token: String` and `password = input` in code do not
    // match, while `password=hunter22` does).
    (
        "password",
        r#"(?i)\b(?:password|passwd|pwd|secret|api_?key|access_?token|auth_?token|token)\s*[=:]\s*(?:"[^"\s]{4,}"|'[^'\s]{4,}'|[A-Za-z0-9_\-+/!@#$%^*~]*[0-9!@#$%^*~+/][A-Za-z0-9_\-+/!@#$%^*~]*)"#,
    ),
];

struct Compiled {
    any: Regex,
    each: Vec<(&'static str, Regex)>,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let any = RULES
            .iter()
            .map(|(_, p)| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        Compiled {
            any: Regex::new(&any).expect("built-in patterns compile"),
            each: RULES
                .iter()
                .map(|(k, p)| (*k, Regex::new(p).expect("built-in pattern compiles")))
                .collect(),
        }
    })
}

/// Extra patterns from config (`redact.patterns`), compiled once per
/// process. Invalid ones are skipped by the caller's validation.
static EXTRA: OnceLock<Vec<Regex>> = OnceLock::new();

pub fn set_extra(patterns: &[String]) {
    let _ = EXTRA.set(patterns.iter().filter_map(|p| Regex::new(p).ok()).collect());
}

/// Cheap pre-filter: most text has none of the trigger substrings, and then
/// no regex is compiled or run at all.
fn may_contain_secret(s: &str) -> bool {
    const TRIGGERS: &[&str] = &[
        "PRIVATE KEY",
        "AKIA",
        "ASIA",
        "ABIA",
        "ACCA",
        "gh",
        "github_pat_",
        "glpat-",
        "xox",
        "hooks.slack",
        "sk-",
        "eyJ",
        "://",
        "=",
        ":",
    ];
    TRIGGERS.iter().any(|t| s.contains(t))
}

/// Replace every secret in `s`.
///
/// ```
/// use session_hook::redact::redact;
/// assert_eq!(redact("db at postgres://app:hunter22@db.local/x"), "db at postgres://[REDACTED:url-credentials]@db.local/x");
/// assert_eq!(redact("fix the retry loop"), "fix the retry loop");
/// ```
pub fn redact(s: &str) -> Cow<'_, str> {
    let extra = EXTRA.get().map(Vec::as_slice).unwrap_or(&[]);
    if !may_contain_secret(s) && extra.is_empty() {
        return Cow::Borrowed(s);
    }
    let c = compiled();
    let mut out: Cow<str> = Cow::Borrowed(s);
    if c.any.is_match(s) {
        let mut text = s.to_string();
        for (kind, re) in &c.each {
            if re.is_match(&text) {
                text = re
                    .replace_all(&text, |caps: &regex::Captures| {
                        let m = &caps[0];
                        // Keep the key name of `password=...` style matches.
                        if *kind == "password"
                            && let Some(i) = m.find(['=', ':'])
                        {
                            let sep_end = m[i + 1..]
                                .find(|ch: char| !ch.is_whitespace() && ch != '"' && ch != '\'')
                                .map_or(m.len(), |j| i + 1 + j);
                            if m[sep_end..].trim_matches(['"', '\'']).len() < 4 {
                                return m.to_string();
                            }
                            return format!("{}[REDACTED:{kind}]", &m[..sep_end]);
                        }
                        if *kind == "url-credentials"
                            && let Some(i) = m.find("://")
                        {
                            return format!("{}[REDACTED:{kind}]@", &m[..i + 3]);
                        }
                        format!("[REDACTED:{kind}]")
                    })
                    .into_owned();
            }
        }
        out = Cow::Owned(text);
    }
    if !extra.is_empty() {
        let mut text = out.into_owned();
        for re in extra {
            text = re.replace_all(&text, "[REDACTED:custom]").into_owned();
        }
        out = Cow::Owned(text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        redact(s).into_owned()
    }

    #[test]
    fn real_shaped_samples() {
        let cases = [
            ("key AKIAIOSFODNN7EXAMPLE here", "aws-access-key"),
            (
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "aws-secret-key",
            ),
            ("ghp_1234567890abcdefghijklmnopqrstuvwxyzAB", "github-token"),
            (
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
                "github-token",
            ),
            ("glpat-xxxxxxxxxxxxxxxxxxxx", "gitlab-token"),
            (
                "xoxb-123456789012-1234567890123-abcdefghijklmnop",
                "slack-token",
            ),
            (
                "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789",
                "anthropic-key",
            ),
            (
                "OPENAI_API_KEY sk-proj-abcdefghijklmnopqrstuvwxyz012345",
                "openai-key",
            ),
            (
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                "jwt",
            ),
            (
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
                "private-key",
            ),
            ("password=hunter22", "password"),
            ("token: abcd1234efgh", "password"),
            ("postgres://admin:s3cret@db.local/x", "url-credentials"),
        ];
        for (input, kind) in cases {
            let out = r(input);
            assert!(
                out.contains(&format!("[REDACTED:{kind}]")),
                "{input:?} -> {out:?}"
            );
        }
        assert_eq!(r("password=hunter22"), "password=[REDACTED:password]");
        assert_eq!(
            r("postgres://admin:s3cret@db.local/x"),
            "postgres://[REDACTED:url-credentials]@db.local/x"
        );
        assert!(
            !r("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----")
                .contains("MIIE")
        );
    }

    #[test]
    fn ordinary_text_untouched() {
        for s in [
            "Fix race in sweeper.go:245",
            "let x = a.map(|k| k == 3);",
            "https://example.com/docs?a=1",
            "ask-user flow; task-list; disk-usage",
            "Use mutex; see https://github.com/org/repo",
        ] {
            assert_eq!(r(s), s);
        }
    }
}
