//! Secret redaction for everything we write out of a hook payload or out
//! of command text. Each secret becomes `[REDACTED:<kind>]`.
//!
//! The built-in rules follow the shapes vendors document, plus the
//! `NAME=value` / `export NAME=value` / `NAME: value` / `"NAME": "value"`
//! forms of password, secret, token and key names. Extra patterns from the
//! store's config (`redact.patterns`) are compiled once and passed in
//! explicitly as a [`Redactor`]; nothing here depends on a process-wide
//! setting.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Captures, Regex};

/// (kind, pattern). Each rule's first capture group, when it has one, is
/// the secret; the rest of the match is kept (a key name, `Bearer `, a URL
/// scheme), so the text still says what was there.
const RULES: &[(&str, &[&str], &str)] = &[
    (
        "private-key",
        &["private key"],
        r"(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\z))",
    ),
    (
        "aws-access-key",
        &[
            "akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "aipa", "anpa", "anva", "apka",
        ],
        r"\b((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[0-9A-Z]{16})\b",
    ),
    (
        "github-token",
        &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
        r"\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b",
    ),
    (
        "gitlab-token",
        &[
            "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glimt-", "glsoat-",
            "glagent-",
        ],
        r"\b(gl(?:pat|dt|rt|ptt|cbt|ft|imt|soat|agent)-[A-Za-z0-9_-]{20,})",
    ),
    (
        "slack-token",
        &["xox", "xapp-"],
        r"\b(xox[abposre]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,})",
    ),
    (
        "slack-webhook",
        &["hooks.slack.com/"],
        r"(https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,})",
    ),
    (
        "anthropic-key",
        &["sk-ant-"],
        r"\b(sk-ant-[A-Za-z0-9_-]{20,})",
    ),
    (
        "openai-key",
        &["sk-"],
        r"\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,})",
    ),
    (
        "stripe-key",
        &["sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"],
        r"\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,})\b",
    ),
    ("google-api-key", &["aiza"], r"\b(AIza[0-9A-Za-z_-]{35})"),
    ("npm-token", &["npm_"], r"\b(npm_[A-Za-z0-9]{36})\b"),
    ("huggingface-token", &["hf_"], r"\b(hf_[A-Za-z0-9]{30,})\b"),
    (
        "sendgrid-key",
        &["sg."],
        r"\b(SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,})",
    ),
    (
        "azure-key",
        &["accountkey=", "sharedaccesskey=", "sharedaccesssignature="],
        r"(?i)\b(?:AccountKey|SharedAccessKey|SharedAccessSignature)=([A-Za-z0-9+/=%&:._-]{16,})",
    ),
    (
        "jwt",
        &["eyj"],
        r"\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})",
    ),
    (
        "bearer-token",
        &["bearer", "basic", "token"],
        r"(?i)\b(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{16,})",
    ),
    // `scheme://user:password@` and `scheme://:password@`.
    (
        "url-credentials",
        &["://"],
        r"\b[a-zA-Z][a-zA-Z0-9+.-]*://([^\s:/@]*:[^\s/@]+)@",
    ),
    // `mysql -pSECRET` (the password glued to -p).
    (
        "password",
        &["mysql", "mariadb"],
        r"\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]*?\s-p([^\s-][^\s]*)",
    ),
    // `--password VALUE`, `--token=VALUE`.
    (
        "password",
        &[
            "--pass",
            "--token",
            "--secret",
            "--api-key",
            "--apikey",
            "--auth-token",
        ],
        r"(?i)--(?:password|passwd|pass|token|secret|api-key|apikey|auth-token)(?:=|\s+)([^\s-][^\s]*)",
    ),
    // A Kubernetes-style environment entry: `name: API_TOKEN` then
    // `value: …` on the next line.
    (
        "password",
        &["name:"],
        r#"(?i)\bname:[ \t]*["']?[A-Za-z0-9_.-]*(?:password|passwd|secret|token|api_?key|access_?key|private_?key)[A-Za-z0-9_.-]*["']?[ \t]*\r?\n[ \t]*(?:-[ \t]*)?value:[ \t]*("[^"\n]+"|'[^'\n]+'|[^\s,;'"}\]]+)"#,
    ),
    // KEY=value, export KEY=value, KEY: value, "KEY": "value", KEY = 'value'.
    (
        "password",
        &[
            "pass",
            "pwd",
            "secret",
            "token",
            "key",
            "auth",
            "credential",
        ],
        r#"(?i)(?:\b|_)([A-Za-z0-9_.-]*(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth|credential)[A-Za-z0-9_.-]*)["']?[ \t]*(?:=|:)[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s,;'"}\]:=][^\s,;'"}\]]*)"#,
    ),
    // A 40-character AWS secret key without a label (checked further in
    // [`unlabelled_aws_secret`]).
    ("aws-secret-key", LONG_RUN, r"([A-Za-z0-9/+=]{40,})"),
];

/// The anchors of the unlabelled AWS secret rule: none; it needs a run of
/// 40 or more base64 characters instead (see [`needed`]).
const LONG_RUN: &[&str] = &[];

/// Rule `i`'s regex, compiled the first time text carries one of its
/// anchors. Most text a hook logs carries none, and compiling every rule
/// costs more than the rest of a hook put together.
fn rule(i: usize) -> &'static Regex {
    static CELLS: [OnceLock<Regex>; RULES.len()] = [const { OnceLock::new() }; RULES.len()];
    CELLS[i].get_or_init(|| Regex::new(RULES[i].2).expect("built-in pattern compiles"))
}

/// Can rule `anchors` match `lower` (the text, lowercased)? Every rule's
/// pattern contains one of its anchors (case-insensitively), so a text
/// with none of them cannot match and its regex never runs.
fn needed(anchors: &[&str], lower: &str) -> bool {
    if anchors.is_empty() {
        let mut run = 0;
        return lower.bytes().any(|b| {
            run = if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'+' | b'=') {
                run + 1
            } else {
                0
            };
            run >= 40
        });
    }
    anchors.iter().any(|a| lower.contains(a))
}

/// The redaction step: the built-in rules plus the store's own patterns.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    extra: Vec<Regex>,
}

impl Redactor {
    /// The built-in rules only.
    pub fn builtin() -> Redactor {
        Redactor::default()
    }

    /// The built-in rules plus `extra` (compiled from config, see
    /// `config::compile_patterns`).
    pub fn with_patterns(extra: Vec<Regex>) -> Redactor {
        Redactor { extra }
    }

    /// Replace every secret in `s`.
    ///
    /// ```
    /// use session_hook::redact::Redactor;
    /// let r = Redactor::builtin();
    /// assert_eq!(r.redact("db at postgres://app:hunter22@db.local/x"), "db at postgres://[REDACTED:url-credentials]@db.local/x");
    /// assert_eq!(r.redact("fix the retry loop"), "fix the retry loop");
    /// ```
    pub fn redact<'a>(&self, s: &'a str) -> Cow<'a, str> {
        let mut out: Cow<str> = Cow::Borrowed(s);
        let mut lower = s.to_lowercase();
        for (i, (kind, anchors, _)) in RULES.iter().enumerate() {
            if !needed(anchors, &lower) {
                continue;
            }
            if let Cow::Owned(t) = rule(i).replace_all(&out, |caps: &Captures| replace(kind, caps))
                && t != *out
            {
                lower = t.to_lowercase();
                out = Cow::Owned(t);
            }
        }
        if !self.extra.is_empty() {
            let mut text = out.into_owned();
            for re in &self.extra {
                if re.is_match(&text) {
                    text = re.replace_all(&text, "[REDACTED:custom]").into_owned();
                }
            }
            out = Cow::Owned(text);
        }
        out
    }

    /// Redact every string in a JSON value (a spooled payload, a resume
    /// log): keys stay, values are redacted one by one, so the result is
    /// still valid JSON of the same shape.
    pub fn redact_json(&self, v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                if let Cow::Owned(r) = self.redact(s) {
                    *s = r;
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| self.redact_json(x)),
            serde_json::Value::Object(m) => {
                // A value under a secret-sounding key is redacted as the
                // `"key": "value"` form would be.
                for (k, x) in m.iter_mut() {
                    if let serde_json::Value::String(s) = x
                        && secret_name(k)
                        && keep_value(k, &format!("\"{s}\"")).is_none()
                    {
                        *s = "[REDACTED:password]".to_string();
                        continue;
                    }
                    self.redact_json(x);
                }
            }
            _ => {}
        }
    }
}

/// Is this key name one whose value is a secret?
fn secret_name(k: &str) -> bool {
    static NAME: OnceLock<Regex> = OnceLock::new();
    NAME.get_or_init(|| {
        Regex::new(r"(?i)^[A-Za-z0-9_.-]*(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth|credential)[A-Za-z0-9_.-]*$")
            .expect("name pattern compiles")
    })
    .is_match(k)
}

/// The replacement for one match of rule `kind`.
fn replace(kind: &str, caps: &Captures) -> String {
    let whole = caps.get(0).expect("match");
    let Some(secret) = caps.get(caps.len() - 1).filter(|_| caps.len() > 1) else {
        return format!("[REDACTED:{kind}]");
    };
    let value = secret.as_str();
    if value.starts_with("[REDACTED:") {
        return whole.as_str().to_string();
    }
    let marker = match kind {
        "password" if caps.len() == 3 => {
            let name = caps.get(1).map_or("", |m| m.as_str());
            match keep_value(name, value) {
                Some(()) => return whole.as_str().to_string(),
                None => {
                    // Keep the quotes of a quoted value: JSON and YAML stay
                    // well-formed.
                    let q = &value[..value
                        .chars()
                        .next()
                        .filter(|c| *c == '"' || *c == '\'')
                        .map_or(0, char::len_utf8)];
                    format!("{q}[REDACTED:{kind}]{q}")
                }
            }
        }
        "aws-secret-key" if !unlabelled_aws_secret(value) => return whole.as_str().to_string(),
        _ => format!("[REDACTED:{kind}]"),
    };
    let start = secret.start() - whole.start();
    let end = secret.end() - whole.start();
    let w = whole.as_str();
    format!("{}{marker}{}", &w[..start], &w[end..])
}

/// For a `NAME = value` match: `Some(())` when the value is not a secret
/// after all: empty or tiny, masked (`********`), a path (`pwd: /home/x`),
/// a reference to another variable (`$DB_PASS`, `${{ secrets.X }}`), a
/// placeholder, a plain count (`max_tokens: 4096`), or a word that reads as
/// code (`token: String`, `password = input`).
fn keep_value(name: &str, value: &str) -> Option<()> {
    let quoted = value.starts_with(['"', '\'']);
    let v = value.trim_matches(['"', '\'']).trim();
    let lname = name.to_ascii_lowercase();
    let keep = v.chars().count() < 4
        || v.starts_with("[REDACTED:")
        || v.chars().all(|c| matches!(c, '*' | 'x' | 'X' | '•' | '.' | '#' | '-' | '<' | '>'))
        || v.starts_with(['/', '~', '$', '%', '<', '{', '(', '&'])
        || v.starts_with("./")
        || v.starts_with("../")
        || matches!(
            v.to_ascii_lowercase().as_str(),
            "null" | "none" | "true" | "false" | "required" | "optional" | "changeme" | "redacted"
        )
        || (v.chars().all(|c| c.is_ascii_digit())
            && (lname.contains("token") || lname.contains("key") || lname.contains("auth")))
        // Names that count or describe tokens rather than hold one.
        || lname.ends_with("tokens")
        || lname.contains("token_count")
        || lname.contains("tokenizer")
        || lname.ends_with("_id")
        || lname.ends_with("_file")
        || lname.ends_with("_path")
        || lname.ends_with("_url")
        || lname.ends_with("_type")
        || lname.ends_with("_len")
        || lname.ends_with("_length")
        // `author`, `oauth_provider` …: "auth" inside a longer word.
        || (lname.contains("auth")
            && !lname.contains("token")
            && !lname.contains("secret")
            && !lname.contains("pass")
            && !lname.contains("key")
            && !matches!(lname.trim_start_matches(['_', '-']), "auth" | "authorization" | "auth_header" | "basic_auth"))
        // An unquoted lowercase name with a plain word as its value reads
        // as code (`password = input`, `token: String`), where an
        // environment variable (`DB_PASSWORD=hunter`) does not.
        || (!quoted
            && name.chars().any(|c| c.is_ascii_lowercase())
            && v.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
            && !v.chars().any(|c| c.is_ascii_digit()));
    keep.then_some(())
}

/// A 40-character token is taken for an AWS secret key when it mixes upper
/// and lower case and digits, is not hex (a commit id), and does not
/// decode as base64 to readable text (a test vector).
fn unlabelled_aws_secret(t: &str) -> bool {
    if t.len() != 40 || t.contains('=') {
        return false;
    }
    let upper = t.chars().any(|c| c.is_ascii_uppercase());
    let lower = t.chars().any(|c| c.is_ascii_lowercase());
    let digit = t.chars().any(|c| c.is_ascii_digit());
    if !(upper && lower && digit) || t.chars().all(|c| c.is_ascii_hexdigit()) {
        return false;
    }
    // Base64 of text: nearly every decoded byte is printable.
    let bytes = decode_base64(t);
    let printable = bytes
        .iter()
        .filter(|b| b.is_ascii_graphic() || **b == b' ' || **b == b'\n')
        .count();
    printable * 10 < bytes.len() * 9
}

fn decode_base64(t: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in t.bytes() {
        let Some(v) = val(c) else { break };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        Redactor::builtin().redact(s).into_owned()
    }

    #[test]
    fn keys_and_quotes_are_kept() {
        assert_eq!(r("password=hunter22"), "password=[REDACTED:password]");
        assert_eq!(
            r("postgres://admin:s3cret@db.local/x"),
            "postgres://[REDACTED:url-credentials]@db.local/x"
        );
        assert_eq!(
            r(r#"{"password": "hunter22"}"#),
            r#"{"password": "[REDACTED:password]"}"#
        );
        assert_eq!(
            r("Authorization: Bearer abcdefghijklmnop1234"),
            "Authorization: Bearer [REDACTED:bearer-token]"
        );
        assert!(
            !r("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----")
                .contains("MIIE")
        );
    }

    #[test]
    fn redaction_is_idempotent() {
        for s in [
            "password=hunter22 and token: ghp_1234567890abcdefghijklmnopqrstuvwxyzAB",
            "export DB_PASSWORD=correcthorse",
            "redis://:pw1234@cache:6379",
        ] {
            let once = r(s);
            assert_eq!(r(&once), once, "{s}");
        }
    }

    #[test]
    fn extra_patterns_apply_and_json_stays_json() {
        let red = Redactor::with_patterns(vec![Regex::new("ticket-[0-9]{6}").unwrap()]);
        assert_eq!(red.redact("see ticket-123456"), "see [REDACTED:custom]");
        let mut v = serde_json::json!({"a": ["ticket-123456", {"api_key": "plainword"}], "n": 3});
        red.redact_json(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"a": ["[REDACTED:custom]", {"api_key": "[REDACTED:password]"}], "n": 3})
        );
    }

    /// The corpus (tests/fixtures/redaction/corpus.txt): (secret cases as
    /// (input, secret), look-alikes).
    pub(crate) fn corpus() -> (Vec<(String, String)>, Vec<String>) {
        let text = include_str!("../tests/fixtures/redaction/corpus.txt");
        let (mut secrets, mut looks) = (Vec::new(), Vec::new());
        for line in text.lines() {
            let line = line.replace("\\n", "\n").replace('·', "");
            if let Some(s) = line.strip_prefix("S ") {
                let a = s.find('⟦').expect("marked secret");
                let b = s.find('⟧').expect("marked secret");
                secrets.push((
                    s.replace(['⟦', '⟧'], ""),
                    s[a + '⟦'.len_utf8()..b].to_string(),
                ));
            } else if let Some(l) = line.strip_prefix("L ") {
                looks.push(l.to_string());
            }
        }
        (secrets, looks)
    }

    #[test]
    fn corpus_recall_and_no_mangled_look_alike() {
        let (secrets, looks) = corpus();
        assert!(secrets.len() >= 40 && looks.len() >= 40);
        let missed: Vec<_> = secrets
            .iter()
            .filter(|(input, secret)| r(input).contains(secret.as_str()))
            .map(|(i, _)| (i.clone(), r(i)))
            .collect();
        let mangled: Vec<_> = looks
            .iter()
            .filter(|l| r(l) != **l)
            .map(|l| (l.clone(), r(l)))
            .collect();
        assert!(mangled.is_empty(), "mangled: {mangled:#?}");
        assert!(
            missed.len() * 100 <= secrets.len() * 5,
            "recall {}/{}; missed: {missed:#?}",
            secrets.len() - missed.len(),
            secrets.len()
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
            "token: String",
            "max_tokens: 4096",
            "author: Jane Doe",
        ] {
            assert_eq!(r(s), s);
        }
    }
}
