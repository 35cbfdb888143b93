//! Rewrite a JSON text to hold a new value while keeping the formatting of
//! everything that did not change: a settings file is the user's, often
//! committed, and a merge must show up in `git diff` as the lines we added,
//! not as the whole file re-indented.
//!
//! The old text is scanned into a tree of byte spans; the old and new
//! values are compared, and only the parts that differ are edited: a member
//! or element removed (with its comma), members or elements appended after
//! the last one (copying the separator and indentation of their siblings),
//! or a changed value replaced in place. Anything else re-renders the
//! smallest enclosing value. The result is parsed again and must equal the
//! new value, otherwise the caller falls back to a full re-render.

use std::ops::Range;

use serde_json::Value;

#[derive(Debug)]
enum Node {
    Object {
        span: Range<usize>,
        /// Key start, and the value.
        members: Vec<(usize, String, Node)>,
    },
    Array {
        span: Range<usize>,
        items: Vec<Node>,
    },
    Scalar {
        span: Range<usize>,
    },
}

impl Node {
    fn span(&self) -> Range<usize> {
        match self {
            Node::Object { span, .. } | Node::Array { span, .. } | Node::Scalar { span } => {
                span.clone()
            }
        }
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn string(&mut self) -> Option<Range<usize>> {
        let start = self.i;
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some(start..self.i);
                }
                _ => self.i += 1,
            }
        }
        None
    }

    fn value(&mut self) -> Option<Node> {
        self.ws();
        let start = self.i;
        match *self.b.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Some(Node::Object {
                        span: start..self.i,
                        members,
                    });
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    let key: String = serde_json::from_str(&self.s[k.clone()]).ok()?;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return None;
                    }
                    self.i += 1;
                    let v = self.value()?;
                    members.push((k.start, key, v));
                    self.ws();
                    match self.b.get(self.i)? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Some(Node::Object {
                                span: start..self.i,
                                members,
                            });
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Some(Node::Array {
                        span: start..self.i,
                        items,
                    });
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    match self.b.get(self.i)? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(Node::Array {
                                span: start..self.i,
                                items,
                            });
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => {
                let span = self.string()?;
                Some(Node::Scalar { span })
            }
            _ => {
                while self.i < self.b.len()
                    && !matches!(
                        self.b[self.i],
                        b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'
                    )
                {
                    self.i += 1;
                }
                (self.i > start).then_some(Node::Scalar {
                    span: start..self.i,
                })
            }
        }
    }
}

/// One-line JSON the way people write it: `{"a": 1, "b": [1, 2]}`.
struct OneLine;

impl serde_json::ser::Formatter for OneLine {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
}

/// One replacement of a byte range.
type Edit = (Range<usize>, String);

struct Ctx<'a> {
    text: &'a str,
    unit: &'a str,
    edits: Vec<Edit>,
}

impl Ctx<'_> {
    /// Leading whitespace of the line `pos` is on.
    fn line_indent(&self, pos: usize) -> String {
        let line_start = self.text[..pos].rfind('\n').map_or(0, |i| i + 1);
        self.text[line_start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect()
    }

    /// `v` as JSON text: one line when `compact`, else pretty with every
    /// continuation line starting at `base`.
    fn render(&self, v: &Value, base: &str, compact: bool) -> String {
        use serde::Serialize;
        if compact {
            let mut buf = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, OneLine);
            if v.serialize(&mut ser).is_err() {
                return String::new();
            }
            return String::from_utf8_lossy(&buf).into_owned();
        }
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(self.unit.as_bytes());
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        if v.serialize(&mut ser).is_err() {
            return String::new();
        }
        String::from_utf8_lossy(&buf).replace('\n', &format!("\n{base}"))
    }

    fn replace(&mut self, node: &Node, new: &Value) {
        let span = node.span();
        // A one-line container stays on one line; an empty one (`{}`) is
        // being filled, so it gets the file's layout.
        let filled = match node {
            Node::Object { members, .. } => !members.is_empty(),
            Node::Array { items, .. } => !items.is_empty(),
            Node::Scalar { .. } => false,
        };
        let compact = filled && !self.text[span.clone()].contains('\n');
        let base = self.line_indent(span.start);
        let text = self.render(new, &base, compact);
        self.edits.push((span, text));
    }

    /// The text that separates consecutive entries of a container, taken
    /// from the entries themselves: `",\n    "` or `", "`.
    fn separator(&self, open: usize, starts: &[usize], ends: &[usize]) -> String {
        let n = starts.len();
        if n >= 2 {
            return self.text[ends[n - 2]..starts[n - 1]].to_string();
        }
        match &self.text[open + 1..starts[0]] {
            "" => ", ".to_string(),
            gap => format!(",{gap}"),
        }
    }

    /// Remove entries `gone` (indices) of a container whose entries start
    /// at `starts` and end at `ends`; at least one entry stays.
    fn remove(&mut self, starts: &[usize], ends: &[usize], gone: &[bool]) {
        let Some(first_kept) = gone.iter().position(|g| !g) else {
            return;
        };
        if first_kept > 0 {
            self.edits
                .push((starts[0]..starts[first_kept], String::new()));
        }
        for i in first_kept + 1..starts.len() {
            if gone[i] {
                // From the end of the entry before (kept or not, the
                // ranges chain) through this one: its comma goes with it.
                self.edits.push((ends[i - 1]..ends[i], String::new()));
            }
        }
    }

    fn node(&mut self, node: &Node, old: &Value, new: &Value) {
        if old == new {
            return;
        }
        match (node, old, new) {
            (Node::Object { span, members }, Value::Object(o), Value::Object(n)) => {
                let gone: Vec<bool> = members.iter().map(|(_, k, _)| !n.contains_key(k)).collect();
                let added: Vec<(&String, &Value)> =
                    n.iter().filter(|(k, _)| !o.contains_key(*k)).collect();
                let any_gone = gone.iter().any(|g| *g);
                if members.is_empty() || (any_gone && !added.is_empty()) || gone.iter().all(|g| *g)
                {
                    return self.replace(node, new);
                }
                // Duplicate keys: serde keeps the last; editing is unsafe.
                if o.len() != members.len() {
                    return self.replace(node, new);
                }
                let starts: Vec<usize> = members.iter().map(|(s, _, _)| *s).collect();
                let ends: Vec<usize> = members.iter().map(|(_, _, v)| v.span().end).collect();
                if any_gone {
                    self.remove(&starts, &ends, &gone);
                }
                for (_, k, v) in members {
                    if let (Some(ov), Some(nv)) = (o.get(k), n.get(k)) {
                        self.node(v, ov, nv);
                    }
                }
                if !added.is_empty() {
                    let sep = self.separator(span.start, &starts, &ends);
                    let compact = !sep.contains('\n');
                    let base = sep.rsplit('\n').next().unwrap_or("").to_string();
                    let mut ins = String::new();
                    for (k, v) in added {
                        ins.push_str(&sep);
                        ins.push_str(&serde_json::to_string(k).unwrap_or_default());
                        ins.push_str(": ");
                        ins.push_str(&self.render(v, &base, compact));
                    }
                    let at = *ends.last().expect("not empty");
                    self.edits.push((at..at, ins));
                }
            }
            (Node::Array { span, items }, Value::Array(o), Value::Array(n)) => {
                if items.is_empty() || n.is_empty() || items.len() != o.len() {
                    return self.replace(node, new);
                }
                let Some(pairs) = align(o, n) else {
                    return self.replace(node, new);
                };
                let starts: Vec<usize> = items.iter().map(|v| v.span().start).collect();
                let ends: Vec<usize> = items.iter().map(|v| v.span().end).collect();
                let gone: Vec<bool> = pairs.iter().map(Option::is_none).collect();
                if gone.iter().all(|g| *g) {
                    return self.replace(node, new);
                }
                self.remove(&starts, &ends, &gone);
                for (i, p) in pairs.iter().enumerate() {
                    if let Some(j) = p {
                        self.node(&items[i], &o[i], &n[*j]);
                    }
                }
                let last_new = pairs.iter().flatten().max().map_or(0, |j| j + 1);
                if last_new < n.len() {
                    let sep = self.separator(span.start, &starts, &ends);
                    let compact = !sep.contains('\n');
                    let base = sep.rsplit('\n').next().unwrap_or("").to_string();
                    let mut ins = String::new();
                    for v in &n[last_new..] {
                        ins.push_str(&sep);
                        ins.push_str(&self.render(v, &base, compact));
                    }
                    let at = *ends.last().expect("not empty");
                    self.edits.push((at..at, ins));
                }
            }
            _ => self.replace(node, new),
        }
    }
}

/// Pair old array elements with new ones, in order: equal elements first
/// (longest common subsequence), then leftovers between two pairs
/// positionally (an element changed in place). Old elements without a
/// partner are removed; new ones may only be left over at the end, where
/// they are appended. `None` when the change needs an insertion in the
/// middle.
fn align(o: &[Value], n: &[Value]) -> Option<Vec<Option<usize>>> {
    let (a, b) = (o.len(), n.len());
    let w = b + 1;
    let mut l = vec![0u32; (a + 1) * w];
    for i in (0..a).rev() {
        for j in (0..b).rev() {
            l[i * w + j] = if o[i] == n[j] {
                l[(i + 1) * w + j + 1] + 1
            } else {
                l[(i + 1) * w + j].max(l[i * w + j + 1])
            };
        }
    }
    let mut pairs = vec![None; a];
    let (mut i, mut j) = (0, 0);
    let mut run_old = Vec::new();
    let mut run_new = Vec::new();
    let flush = |pairs: &mut Vec<Option<usize>>,
                 ro: &mut Vec<usize>,
                 rn: &mut Vec<usize>,
                 at_end: bool|
     -> bool {
        for (k, oi) in ro.iter().enumerate() {
            pairs[*oi] = rn.get(k).copied();
        }
        let extra_new = rn.len() > ro.len();
        ro.clear();
        rn.clear();
        !extra_new || at_end
    };
    while i < a && j < b {
        if o[i] == n[j] {
            if !flush(&mut pairs, &mut run_old, &mut run_new, false) {
                return None;
            }
            pairs[i] = Some(j);
            i += 1;
            j += 1;
        } else if l[(i + 1) * w + j] >= l[i * w + j + 1] {
            run_old.push(i);
            i += 1;
        } else {
            run_new.push(j);
            j += 1;
        }
    }
    run_old.extend(i..a);
    run_new.extend(j..b);
    // New elements left over at the very end are appended by the caller.
    flush(&mut pairs, &mut run_old, &mut run_new, true);
    Some(pairs)
}

/// `old_text` (which parses to `old`) edited to hold `new`, with `unit` as
/// the indent for new nested lines. `None` when the text cannot be edited
/// safely; the caller then renders the whole file.
pub fn edit(old_text: &str, old: &Value, new: &Value, unit: &str) -> Option<String> {
    let mut sc = Scanner {
        b: old_text.as_bytes(),
        s: old_text,
        i: 0,
    };
    let root = sc.value()?;
    let mut ctx = Ctx {
        text: old_text,
        unit,
        edits: Vec::new(),
    };
    ctx.node(&root, old, new);
    let mut edits = ctx.edits;
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(old_text.len() + 1024);
    let mut pos = 0;
    for (r, t) in edits {
        if r.start < pos {
            return None;
        }
        out.push_str(&old_text[pos..r.start]);
        out.push_str(&t);
        pos = r.end;
    }
    out.push_str(&old_text[pos..]);
    let check: Value = serde_json::from_str(&out).ok()?;
    (check == *new).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ed(text: &str, new: Value) -> String {
        let old: Value = serde_json::from_str(text).unwrap();
        edit(text, &old, &new, "  ").expect("editable")
    }

    #[test]
    fn adds_a_member_in_the_siblings_style() {
        let text = "{\n    \"a\": [1, 2],\n    \"b\": {\"x\": true}\n}\n";
        let out = ed(
            text,
            json!({"a": [1, 2], "b": {"x": true}, "c": {"d": [1]}}),
        );
        assert_eq!(
            out,
            "{\n    \"a\": [1, 2],\n    \"b\": {\"x\": true},\n    \"c\": {\n      \"d\": [\n        1\n      ]\n    }\n}\n"
        );
    }

    #[test]
    fn compact_containers_stay_compact() {
        let text = r#"{"hooks": [{"type": "command", "command": "a"}], "z": 1}"#;
        let out = ed(
            text,
            json!({"hooks": [{"type": "command", "command": "a"}, {"type": "command", "command": "b"}], "z": 1}),
        );
        assert_eq!(
            out,
            r#"{"hooks": [{"type": "command", "command": "a"}, {"type": "command", "command": "b"}], "z": 1}"#
        );
    }

    #[test]
    fn removes_members_and_elements_with_their_commas() {
        let text = "{\n  \"a\": 1,\n  \"b\": [1, 2, 3],\n  \"c\": 3\n}";
        assert_eq!(
            ed(text, json!({"b": [1, 2, 3], "c": 3})),
            "{\n  \"b\": [1, 2, 3],\n  \"c\": 3\n}"
        );
        assert_eq!(
            ed(text, json!({"a": 1, "b": [1, 2, 3]})),
            "{\n  \"a\": 1,\n  \"b\": [1, 2, 3]\n}"
        );
        assert_eq!(
            ed(text, json!({"a": 1, "b": [1, 3], "c": 3})),
            "{\n  \"a\": 1,\n  \"b\": [1, 3],\n  \"c\": 3\n}"
        );
        assert_eq!(
            ed(text, json!({"a": 1, "b": [2, 3], "c": 3})),
            "{\n  \"a\": 1,\n  \"b\": [2, 3],\n  \"c\": 3\n}"
        );
    }

    #[test]
    fn changes_in_place_and_refuses_middle_inserts() {
        let text = "{\"a\": [{\"x\": 1}, {\"y\": 2}]}";
        assert_eq!(
            ed(text, json!({"a": [{"x": 5}, {"y": 2}]})),
            "{\"a\": [{\"x\": 5}, {\"y\": 2}]}"
        );
        // An insertion in the middle re-renders the array, still correct.
        let out = ed(text, json!({"a": [{"x": 1}, 0, {"y": 2}]}));
        assert_eq!(
            serde_json::from_str::<Value>(&out).unwrap(),
            json!({"a": [{"x": 1}, 0, {"y": 2}]})
        );
        assert!(out.starts_with("{\"a\": "));
    }

    #[test]
    fn escaped_keys_and_strings() {
        let text = r#"{"k\"ey": "v\\\"", "b": 1}"#;
        let out = ed(text, json!({"k\"ey": "v\\\"", "b": 2}));
        assert_eq!(out, r#"{"k\"ey": "v\\\"", "b": 2}"#);
    }
}
