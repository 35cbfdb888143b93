//! What we put in front of the model: pure renderers over a session
//! document, filled into a character budget in priority order.

use crate::doc::progress::Sub;
use crate::doc::sections as s;
use crate::doc::{Document, Sec};
use crate::session;

/// One block of an injection, in priority order.
pub struct Block {
    pub name: &'static str,
    pub text: String,
}

/// Fill `blocks` into `budget` characters, in order. A block that does not
/// fit whole is cut at a line boundary if at least a few lines fit; blocks
/// that do not fit at all are named in a closing line that says how to see
/// them. Never returns more than `budget` characters.
pub fn fill(header: &str, blocks: Vec<Block>, budget: usize, see: &str) -> String {
    let budget = budget.min(crate::config::HARD_CAP);
    let mut out = String::from(header);
    let mut left_out: Vec<String> = Vec::new();
    // Room kept for the closing line.
    let reserve = 160 + see.len();
    for b in blocks {
        if b.text.trim().is_empty() {
            continue;
        }
        let piece = format!("\n{}\n", b.text.trim_end());
        let room = budget.saturating_sub(out.chars().count() + reserve);
        if piece.chars().count() <= room {
            out.push_str(&piece);
            continue;
        }
        // Cut at a line boundary.
        let mut cut = String::new();
        for line in piece.split_inclusive('\n') {
            if cut.chars().count() + line.chars().count() > room {
                break;
            }
            cut.push_str(line);
        }
        if cut.lines().filter(|l| !l.trim().is_empty()).count() >= 2 {
            out.push_str(&cut);
            left_out.push(format!("the rest of {}", b.name));
        } else {
            left_out.push(b.name.to_string());
        }
    }
    if !left_out.is_empty() {
        out.push_str(&format!(
            "\n(Left out to fit {budget} characters: {}. See them with `{see}`.)\n",
            left_out.join(", ")
        ));
    }
    // Last guard: never exceed the budget, whatever the text.
    if out.chars().count() > budget {
        out = out.chars().take(budget.saturating_sub(1)).collect();
        out.push('…');
    }
    out
}

fn bullet_list(items: &[String]) -> String {
    items.iter().map(|i| format!("- {i}\n")).collect()
}

fn tldr_block(doc: &Document) -> Block {
    let content = doc.get(Sec::Tldr).unwrap_or("");
    let para = s::tldr_paragraph(content);
    let p = session::progress(doc);
    let (done, total) = p.counts();
    let mut t = format!("## TL;DR\n{para}\n\n**Progress**: {done}/{total} steps complete");
    if let Some(obj) = s::inline_label(doc.get(Sec::Context).unwrap_or(""), "Objective") {
        t = format!("**Goal**: {obj}\n\n{t}");
    }
    Block {
        name: "TL;DR",
        text: t,
    }
}

fn blockers_block(doc: &Document) -> Block {
    let open = session::open_blockers(doc);
    let mut t = String::new();
    if !open.is_empty() {
        t.push_str("## Open Blockers\n");
        for b in open {
            t.push_str(&format!(
                "- {}{}\n",
                b.n.map(|n| format!("[{n}] ")).unwrap_or_default(),
                b.text
            ));
            if let Some(i) = b.impact {
                t.push_str(&format!("  - Impact: {i}\n"));
            }
            if let Some(m) = b.mitigation {
                t.push_str(&format!("  - Mitigation: {m}\n"));
            }
        }
    }
    Block {
        name: "open blockers",
        text: t,
    }
}

fn current_block(doc: &Document) -> Block {
    let p = session::progress(doc);
    let mut t = String::new();
    if let Some(c) = p.current() {
        t.push_str(&format!("## Current Step\n{}\n", c.title));
        let others: Vec<String> = p
            .items(Sub::InProgress)
            .iter()
            .filter(|i| i.title != c.title)
            .map(|i| i.title.clone())
            .collect();
        if !others.is_empty() {
            t.push_str("Also in progress:\n");
            t.push_str(&bullet_list(&others));
        }
    }
    Block {
        name: "current step",
        text: t,
    }
}

fn key_context_block(doc: &Document) -> Block {
    let ctx = doc.get(Sec::Context).unwrap_or("");
    let lines = s::labelled_block(ctx, "Key Context");
    let files = s::key_files(ctx);
    let mut t = String::new();
    if !lines.is_empty() {
        t.push_str("## Key Context\n");
        for l in lines {
            t.push_str(&l);
            t.push('\n');
        }
    }
    if !files.is_empty() {
        t.push_str(&format!("Key files: {}\n", files.join(", ")));
    }
    Block {
        name: "Key Context",
        text: t,
    }
}

fn next_block(doc: &Document) -> Block {
    let next = s::next_steps(doc.get(Sec::NextSteps).unwrap_or(""));
    let rem: Vec<String> = session::progress(doc)
        .items(Sub::Remaining)
        .iter()
        .map(|i| i.title.clone())
        .collect();
    let mut t = String::new();
    if !next.is_empty() {
        t.push_str("## Next Steps\n");
        for (i, n) in next.iter().enumerate() {
            t.push_str(&format!("{}. {n}\n", i + 1));
        }
    } else if !rem.is_empty() {
        t.push_str("## Remaining Steps\n");
        t.push_str(&bullet_list(&rem));
    }
    Block {
        name: "next steps",
        text: t,
    }
}

fn decisions_block(doc: &Document, most: usize) -> Block {
    let (d, total) = s::decisions_tail(doc.get(Sec::Decisions).unwrap_or(""), most);
    let mut t = String::new();
    if !d.is_empty() {
        t.push_str("## Recent Decisions\n");
        for dec in &d {
            let why = dec
                .body
                .iter()
                .find_map(|l| l.strip_prefix("**Rationale**:"))
                .map(|r| format!(" — {}", r.trim()))
                .unwrap_or_default();
            t.push_str(&format!("{}. {}{why}\n", dec.n, dec.title));
        }
        if total > d.len() {
            t.push_str(&format!(
                "({} earlier decisions in the session file)\n",
                total - d.len()
            ));
        }
    }
    Block {
        name: "recent decisions",
        text: t,
    }
}

fn header(doc: &Document, rel_path: &str, what: &str) -> String {
    let f = doc.front();
    format!(
        "session-hook {what}: session \"{}\" ({}), status {}, {} compaction(s). Source: {rel_path}.\n",
        doc.shortname(),
        doc.title(),
        f.status.as_str(),
        f.compaction_count
    )
}

/// The full resume context: after compaction and on "continue".
pub fn resume_context(
    doc: &Document,
    rel_path: &str,
    changes: Option<String>,
    budget: usize,
) -> String {
    let mut blocks = vec![
        tldr_block(doc),
        blockers_block(doc),
        current_block(doc),
        key_context_block(doc),
        next_block(doc),
        decisions_block(doc, 5),
    ];
    if let Some(c) = changes {
        blocks.push(Block {
            name: "change report",
            text: c,
        });
    }
    super::keep::with_tail(budget, |room| {
        fill(
            &header(doc, rel_path, "resume context"),
            blocks,
            room,
            "session-hook view",
        )
    })
}

/// The start-up summary: shorter, with the git changes since the last
/// checkpoint.
pub fn startup_context(
    doc: &Document,
    rel_path: &str,
    changes: Option<String>,
    budget: usize,
) -> String {
    let mut blocks = vec![
        tldr_block(doc),
        blockers_block(doc),
        current_block(doc),
        next_block(doc),
    ];
    if let Some(c) = changes {
        blocks.push(Block {
            name: "changes since last checkpoint",
            text: c,
        });
    }
    blocks.push(Block {
        name: "hint",
        text: "Full context: `session-hook view`, or say \"continue\" / run /session-resume."
            .into(),
    });
    super::keep::with_tail(budget, |room| {
        fill(
            &header(doc, rel_path, "active session"),
            blocks,
            room,
            "session-hook view",
        )
    })
}

/// Plain text for the compaction summariser (PreCompact), at most 4,000
/// characters: what the summary must keep.
pub fn precompact_text(doc: &Document, rel_path: &str) -> String {
    let ctx = doc.get(Sec::Context).unwrap_or("");
    let p = session::progress(doc);
    let (done, total) = p.counts();
    let mut blocks = Vec::new();
    let mut head = format!(
        "This work is tracked in session \"{}\" ({rel_path}); the session file is re-injected after compaction. Keep these facts in the summary:\n",
        doc.shortname()
    );
    if let Some(g) = s::inline_label(ctx, "Objective") {
        head.push_str(&format!("Goal: {g}\n"));
    }
    head.push_str(&format!("Progress: {done}/{total} steps complete\n"));
    if let Some(c) = p.current() {
        head.push_str(&format!("Current step: {}\n", c.title));
    }
    blocks.push(blockers_block(doc));
    blocks.push(decisions_block(doc, 8));
    blocks.push(key_context_block(doc));
    blocks.push(next_block(doc));
    fill(&head, blocks, 4000, "session-hook view")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_respects_budget_and_names_what_is_left_out() {
        let blocks = vec![
            Block {
                name: "a",
                text: "## A\nshort".into(),
            },
            Block {
                name: "big",
                text: format!("## Big\n{}", "line of text here\n".repeat(500)),
            },
            Block {
                name: "c",
                text: "## C\nx".into(),
            },
        ];
        let out = fill("H\n", blocks, 1000, "session-hook view");
        assert!(out.chars().count() <= 1000);
        assert!(out.contains("## A\nshort"));
        assert!(out.contains("the rest of big"));
        assert!(out.contains("session-hook view"));
    }
}
