//! A small unified diff of two texts, line by line, for `--dry-run`.
//! Settings files are small, so a plain longest-common-subsequence table
//! is fast enough; past a size cap the diff degrades to "all old lines
//! out, all new lines in", which is still correct, only less tidy.

/// Largest table (old lines × new lines) we fill.
const MAX_CELLS: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Same(usize, usize),
    Del(usize),
    Add(usize),
}

fn ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_CELLS {
        let mut v: Vec<Op> = (0..n).map(Op::Del).collect();
        v.extend((0..m).map(Op::Add));
        return v;
    }
    // lcs[i][j]: longest common subsequence of a[i..] and b[j..].
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if a[i] == b[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n + m);
    while i < n && j < m {
        if a[i] == b[j] {
            out.push(Op::Same(i, j));
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
            out.push(Op::Del(i));
            i += 1;
        } else {
            out.push(Op::Add(j));
            j += 1;
        }
    }
    out.extend((i..n).map(Op::Del));
    out.extend((j..m).map(Op::Add));
    out
}

/// `--- old_name` / `+++ new_name` and `@@` hunks with `context` lines
/// around each change. Empty when the texts are equal.
pub fn unified(old_name: &str, new_name: &str, old: &str, new: &str, context: usize) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = ops(&a, &b);
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| !matches!(o, Op::Same(..)))
        .map(|(k, _)| k)
        .collect();
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    if changed.is_empty() {
        // Same lines, different line endings at the end of the file.
        out.push_str("(only the final newline differs)\n");
        return out;
    }
    // Group changes whose context windows touch into one hunk.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &k in &changed {
        let lo = k.saturating_sub(context);
        let hi = (k + context + 1).min(ops.len());
        match hunks.last_mut() {
            Some(h) if lo <= h.1 => h.1 = hi,
            _ => hunks.push((lo, hi)),
        }
    }
    for (lo, hi) in hunks {
        let span = &ops[lo..hi];
        // Where the hunk starts in each file: the first line of that side
        // it covers, or (for an empty side) the line before it.
        let pos_a = ops[..lo]
            .iter()
            .filter(|o| !matches!(o, Op::Add(_)))
            .count();
        let pos_b = ops[..lo]
            .iter()
            .filter(|o| !matches!(o, Op::Del(_)))
            .count();
        let len_a = span.iter().filter(|o| !matches!(o, Op::Add(_))).count();
        let len_b = span.iter().filter(|o| !matches!(o, Op::Del(_))).count();
        let start = |pos: usize, len: usize| if len == 0 { pos } else { pos + 1 };
        out.push_str(&format!(
            "@@ -{},{len_a} +{},{len_b} @@\n",
            start(pos_a, len_a),
            start(pos_b, len_b)
        ));
        for o in span {
            match *o {
                Op::Same(i, _) => out.push_str(&format!(" {}\n", a[i])),
                Op::Del(i) => out.push_str(&format!("-{}\n", a[i])),
                Op::Add(j) => out.push_str(&format!("+{}\n", b[j])),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("a", "b", "x\ny\n", "x\ny\n", 3), "");
    }

    #[test]
    fn hunk_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        let d = unified("old", "new", old, new, 2);
        assert_eq!(
            d,
            "--- old\n+++ new\n@@ -3,5 +3,5 @@\n 3\n 4\n-5\n+five\n 6\n 7\n"
        );
    }

    #[test]
    fn new_file_and_far_apart_changes() {
        let d = unified("/dev/null", "new", "", "a\nb\n", 3);
        assert_eq!(d, "--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n");
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let new = old
            .replacen("2\n", "two\n", 1)
            .replace("19\n", "nineteen\n");
        let d = unified("o", "n", &old, &new, 1);
        assert_eq!(d.matches("@@ ").count(), 2, "{d}");
    }
}
