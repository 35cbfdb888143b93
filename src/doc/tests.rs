use std::path::Path;

use super::*;

const HAND: &str = "---\nid: 019abc12-3456-7def-8901-234567890abc\nshortname: fix-sweep-bug\n# a comment people wrote\nstatus: active\ntask_ids:\n  - t1\ncustom_key: {nested: [1, 2]}\ncompaction_count: 2\n---\n\n# Session: Fix Sweep Trigger Bug\n\n<!-- keep me -->\n## TL;DR (Read This First)\nFixing race.   Odd   spacing stays.\n\n**Progress**: 3/5 steps complete\n**Current**: Implement fix (step 4)\n**Blocker**: None\n\n## Context\n**Objective**: Fix race\n\n**Key Context** (survives compaction):\n- Lock ordering: chain_watcher -> sweeper\n\n```sh\n## not a heading\n# neither\n```\n\n## My Own Notes\nfree text\n\n## Progress\n### Completed\n- [x] Reproduce (2025-01-15T10:30)\n\n### In Progress\n- [ ] Implement fix          <- CURRENT\n\n### Remaining\n- [ ] Add regression test\n\n## Decisions\n\n## Blockers\n- None currently\n\n## Next Steps\n1. Complete mutex\n";

fn parse(t: &str) -> Document {
    Document::parse(Path::new("t.md"), t.to_string()).unwrap()
}

#[test]
fn finds_sections_not_code() {
    let d = parse(HAND);
    let kinds: Vec<_> = d
        .sections()
        .iter()
        .map(|s| (s.level, s.title.clone()))
        .collect();
    assert!(kinds.iter().all(|(_, t)| !t.contains("not a heading")));
    assert!(d.get(Sec::Context).unwrap().contains("## not a heading"));
    assert!(d.get(Sec::Discoveries).is_none());
    assert_eq!(d.front().compaction_count, 2);
}

#[test]
fn append_changes_only_that_section() {
    let mut d = parse(HAND);
    d.append(
        Sec::Decisions,
        "\n### 1. Use mutex (T)\n**Choice**: Use mutex\n",
    );
    let t = d.text();
    let before = &HAND[..HAND.find("## Decisions").unwrap()];
    assert!(t.starts_with(before));
    assert!(
        t.contains("## Decisions\n\n### 1. Use mutex (T)\n**Choice**: Use mutex\n\n## Blockers\n"),
        "{t}"
    );
}

#[test]
fn missing_section_goes_in_canonical_place() {
    let mut d = parse(HAND);
    d.append(Sec::Discoveries, "1. (T) found it");
    let t = d.text();
    let dec = t.find("## Decisions").unwrap();
    let dis = t.find("## Discoveries").unwrap();
    let blk = t.find("## Blockers").unwrap();
    assert!(dec < dis && dis < blk, "{t}");
    assert!(
        t.contains("## Discoveries\n1. (T) found it\n\n## Blockers"),
        "{t}"
    );
}

#[test]
fn frontmatter_edit_keeps_unknowns_and_comments() {
    let mut d = parse(HAND);
    d.set_front(&[
        ("compaction_count", Value::Int(3)),
        ("updated_at", Value::Str("2026-01-01T00:00:00Z".into())),
    ])
    .unwrap();
    let t = d.text();
    assert!(t.contains("# a comment people wrote\n"));
    assert!(t.contains("custom_key: {nested: [1, 2]}\n"));
    assert!(t.contains("compaction_count: 3\n"));
    assert!(t.contains("updated_at: 2026-01-01T00:00:00Z\n---\n"));
    assert_eq!(
        &t[t.find("\n# Session").unwrap()..],
        &HAND[HAND.find("\n# Session").unwrap()..]
    );
}

#[test]
fn refuses_bad_files_with_line() {
    let e = Document::parse(Path::new("x.md"), "---\nid: a\nshortname: b\n".into()).unwrap_err();
    assert!(
        e.to_string().contains("x.md:1:") && e.to_string().contains("never closed"),
        "{e}"
    );
    let e =
        Document::parse(Path::new("x.md"), "---\nid: a\nshortname: [b\n---\n".into()).unwrap_err();
    assert!(e.to_string().starts_with("x.md:"), "{e}");
    let e = Document::parse(Path::new("x.md"), "# no frontmatter\n".into()).unwrap_err();
    assert!(e.to_string().contains("no YAML frontmatter"));
    let e = Document::parse(
        Path::new("x.md"),
        "---\nid: ../../etc\nshortname: b\n---\n".into(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("'id'"));
}

#[test]
fn a_byte_order_mark_is_named_in_the_refusal() {
    let e = Document::parse(Path::new("x.md"), "\u{feff}---\nid: a\n---\n".into()).unwrap_err();
    assert!(e.to_string().contains("byte-order mark"), "{e}");
}

#[test]
fn set_section_replaces_range_only() {
    let mut d = parse(HAND);
    d.set(Sec::NextSteps, "1. A\n2. B\n");
    assert!(d.text().ends_with("## Next Steps\n1. A\n2. B\n"));
    d.set(Sec::Blockers, "1. **x** — open (T)\n");
    assert!(
        d.text()
            .contains("## Blockers\n1. **x** — open (T)\n\n## Next Steps"),
        "{}",
        d.text()
    );
}

mod prop {
    use proptest::prelude::*;

    use super::*;

    /// Markdown-ish lines: headings (known and unknown), code fences,
    /// comments, lists, odd spacing and blank lines.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("## Decisions".to_string()),
            Just("## Next Steps".to_string()),
            Just("## Custom Thing".to_string()),
            Just("# Session: x".to_string()),
            Just("### 1. sub".to_string()),
            Just("```".to_string()),
            Just("## inside maybe code".to_string()),
            Just("<!-- c -->".to_string()),
            // Headings nested in a blockquote or a list item: text of the
            // section they stand in, never a section of their own.
            Just("> ## Decisions".to_string()),
            Just("- ## Next Steps".to_string()),
            Just("- an item\n\n  ## Blockers\n  more".to_string()),
            Just("1. item\n   # Session: nested".to_string()),
            Just("".to_string()),
            Just("   ".to_string()),
            "[a-z ]{0,12}".prop_map(|s| format!("- {s}")),
            "[a-zA-Z0-9 *_.#]{0,20}",
        ]
    }

    /// Documents of those lines; some end without a final newline.
    fn document() -> impl Strategy<Value = String> {
        (proptest::collection::vec(line(), 0..30), any::<bool>()).prop_map(|(ls, cut)| {
            let mut t = String::from("---\nid: abc\nshortname: x\nodd: [1, 2] # c\n---\n");
            for l in ls {
                t.push_str(&l);
                t.push('\n');
            }
            if cut {
                t.pop();
            }
            t
        })
    }

    proptest! {
        /// Parsing never panics, keeps the text as it is, and finds a
        /// structure that covers it exactly: the frontmatter, the text
        /// before the first heading, then contiguous sections to the end,
        /// each starting at a top-level heading line. The structure read
        /// back from its cached form is taken as is, and gives the same.
        #[test]
        fn parse_render_identity(t in document()) {
            let d = Document::parse(Path::new("p.md"), t.clone()).unwrap();
            prop_assert_eq!(d.text(), t.as_str());
            let secs = d.sections();
            let first = secs.first().map_or(t.len(), |s| s.range.start);
            prop_assert!(d.body_start <= first);
            let fm = t[..d.body_start].strip_prefix(&format!("---\n{}", d.yaml()));
            prop_assert_eq!(fm.map(str::trim_end), Some("---"));
            let mut rebuilt = t[..first].to_string();
            let mut prev = first;
            for s in secs {
                prop_assert_eq!(s.range.start, prev);
                prop_assert!(s.range.start < s.content.start || s.content.start == t.len());
                prop_assert_eq!(s.content.end, s.range.end);
                prop_assert!(t[..s.range.start].is_empty() || t[..s.range.start].ends_with('\n'));
                let line = t[s.range.start..].lines().next().unwrap_or("");
                // Top level: not inside a blockquote or a list item.
                let x = line.trim_start_matches(' ');
                prop_assert!(line.len() - x.len() < 4, "indented code as a heading: {:?}", line);
                prop_assert!(!x.starts_with('>') && !x.starts_with("- ") && !x.starts_with("1. "), "nested heading as a section: {:?}", line);
                rebuilt.push_str(&t[s.range.clone()]);
                prev = s.range.end;
            }
            prop_assert_eq!(rebuilt, t.clone());
            // Each canonical kind names one section at most.
            for k in Sec::ALL {
                prop_assert!(secs.iter().filter(|s| s.kind == Some(k)).count() <= 1);
            }
            // Nested headings are found as text of the section they are in.
            for (nested, title) in [("> ## Decisions", "Decisions"), ("- ## Next Steps", "Next Steps"), ("  ## Blockers", "Blockers")] {
                for (at, _) in t.match_indices(nested) {
                    prop_assert!(
                        secs.iter().all(|s| s.range.start != at),
                        "{:?} at {} starts a section {:?}", nested, at, title
                    );
                }
            }
            let cached: Vec<Section> =
                serde_json::from_slice(&serde_json::to_vec(secs).unwrap()).unwrap();
            let again = Document::parse_with(Path::new("p.md"), t.clone(), Some(cached)).unwrap();
            prop_assert_eq!(again.sections(), secs);
        }

        /// `append` or `set` on one section changes only that section's
        /// content: every byte before it (frontmatter and text before the
        /// first heading included) and every byte after it is identical. A
        /// missing section is inserted without changing a byte around it.
        #[test]
        fn edit_leaves_other_sections_identical(
            t in document(),
            which in 0usize..8,
            block in "[a-z ]{0,20}",
            set in any::<bool>(),
        ) {
            let d0 = Document::parse(Path::new("p.md"), t.clone()).unwrap();
            let kind = Sec::ALL[which];
            let mut d = d0.clone();
            let block = format!("- {block}");
            if set {
                d.set(kind, &block);
            } else {
                d.append(kind, &block);
            }
            let (a, b) = (d0.text(), d.text());
            let new = d.sections().iter().find(|s| s.kind == Some(kind)).cloned();
            let new = new.expect("the edited section exists afterwards");
            prop_assert!(d.get(kind).unwrap().contains(&block));
            match d0.sections().iter().find(|s| s.kind == Some(kind)) {
                Some(old) => {
                    prop_assert_eq!(&b[..old.content.start], &a[..old.content.start]);
                    prop_assert_eq!(&b[new.range.end..], &a[old.range.end..]);
                    prop_assert_eq!(new.range.start, old.range.start);
                    if !set {
                        // An append keeps what the section held.
                        let kept = a[old.content.clone()].trim_end();
                        prop_assert!(b[new.content.clone()].starts_with(kept));
                    }
                }
                None => {
                    // A pure insertion: the old text is the new one with
                    // one run of bytes taken out, and that run holds the
                    // new section.
                    let i = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
                    let i = i.min(new.range.start);
                    prop_assert!(b.ends_with(&a[i..]), "not an insertion:\n{:?}\n{:?}", a, b);
                    let j = b.len() - (a.len() - i);
                    prop_assert!(i <= new.range.start && new.content.start <= j);
                }
            }
            prop_assert_eq!(d.yaml(), d0.yaml());
            // The structure kept by the edit is the one a fresh parse finds.
            let fresh = scan_sections(b, d.body_start);
            prop_assert_eq!(d.sections(), fresh.as_slice());
        }
    }
}

#[test]
fn dup_heading_append_debug() {
    let t = "---\nid: abc\nshortname: x\n---\n## Decisions\n## Decisions\n";
    let mut d = parse(t);
    d.append(Sec::Decisions, "- a");
    assert_eq!(
        d.text(),
        "---\nid: abc\nshortname: x\n---\n## Decisions\n- a\n\n## Decisions\n"
    );
}

/// A `## Decisions` in a blockquote and a `## Blockers` continuing a list
/// item belong to the Context section's text; the real sections are the
/// top-level ones further down.
const NESTED: &str = "---\nid: abc\nshortname: x\n---\n## Context\n**Key Files**:\n- (none yet)\n\n**Key Context** (survives compaction):\n- (none yet)\n\n> ## Decisions\n> quoted\n\n- an item\n\n  ## Blockers\n  still the item\n\n## Decisions\n\n## Blockers\n- None currently\n";

#[test]
fn nested_headings_are_not_sections() {
    let d = parse(NESTED);
    let titles: Vec<_> = d
        .sections()
        .iter()
        .map(|s| (s.title.as_str(), s.kind))
        .collect();
    assert_eq!(
        titles,
        vec![
            ("Context", Some(Sec::Context)),
            ("Decisions", Some(Sec::Decisions)),
            ("Blockers", Some(Sec::Blockers)),
        ]
    );
    assert!(d.get(Sec::Context).unwrap().contains("  ## Blockers\n"));
    let context =
        &NESTED[NESTED.find("## Context").unwrap()..NESTED.rfind("## Decisions").unwrap()];

    let mut d = parse(NESTED);
    d.append(Sec::Decisions, "\n### 1. D (T)\n**Choice**: D\n");
    d.set(Sec::Blockers, "1. **B** — open (T)\n");
    let t = d.text();
    assert!(t.contains(context), "{t}");
    assert!(
        t.ends_with(
            "## Decisions\n\n### 1. D (T)\n**Choice**: D\n\n## Blockers\n1. **B** — open (T)\n"
        ),
        "{t}"
    );
    assert_eq!(d.sections(), scan_sections(t, d.body_start).as_slice());
}

/// An edit that would pull an indented heading into a list item above it
/// (or let one out) is seen by the structure, not shifted past.
#[test]
fn list_items_above_an_indented_heading_keep_the_structure_true() {
    let t =
        "---\nid: abc\nshortname: x\n---\n## Decisions\ntext\n\n  ## Blockers\n- None currently\n";
    let mut d = parse(t);
    assert_eq!(d.sections().len(), 2);
    d.append(Sec::Decisions, "- a list item");
    assert_eq!(
        d.sections(),
        scan_sections(d.text(), d.body_start).as_slice()
    );
}

#[test]
fn heading_on_the_last_line_without_newline() {
    let t = "---\nid: abc\nshortname: x\n---\n## Blockers\n- None currently\n\n## Next Steps";
    let mut d = parse(t);
    d.set(Sec::NextSteps, "1. N\n");
    assert!(
        d.text().ends_with("\n## Next Steps\n1. N\n"),
        "{}",
        d.text()
    );
    assert_eq!(
        d.sections(),
        scan_sections(d.text(), d.body_start).as_slice()
    );
    assert_eq!(d.get(Sec::NextSteps), Some("1. N\n"));

    let mut d = parse(t);
    d.append(Sec::NextSteps, "1. N");
    assert!(
        d.text().ends_with("\n## Next Steps\n1. N\n"),
        "{}",
        d.text()
    );
    assert_eq!(
        d.sections(),
        scan_sections(d.text(), d.body_start).as_slice()
    );

    // A section whose last line has no newline.
    let mut d = parse("---\nid: abc\nshortname: x\n---\n## Next Steps\n1. A");
    d.append(Sec::NextSteps, "2. B");
    assert_eq!(d.get(Sec::NextSteps), Some("1. A\n2. B\n"));
    d.append(Sec::Blockers, "- b");
    assert!(
        d.text()
            .ends_with("---\n## Blockers\n- b\n\n## Next Steps\n1. A\n2. B\n"),
        "{}",
        d.text()
    );
}

/// A frontmatter edit whose result would not parse (here YAML written as
/// one flow mapping, which the line editor cannot add a key to) is
/// refused with an error, and the document is left as it was.
#[test]
fn frontmatter_edit_that_breaks_the_yaml_is_refused() {
    let t = "---\n{id: abc, shortname: x}\n---\n## Next Steps\n1. A\n";
    let mut d = parse(t);
    let e = d
        .set_front(&[("updated_at", Value::Str("2026-01-01T00:00:00Z".into()))])
        .unwrap_err();
    assert!(e.to_string().contains("frontmatter"), "{e}");
    assert_eq!(d.text(), t);
    assert_eq!(d.revision(), 0);
    d.append(Sec::NextSteps, "2. B");
    assert_eq!(d.get(Sec::NextSteps), Some("1. A\n2. B\n"));

    // A quoted key is found, not added again.
    let t = "---\nid: abc\nshortname: x\n\"updated_at\": 2025-01-01T00:00:00Z\n---\n";
    let mut d = parse(t);
    d.set_front(&[("updated_at", Value::Str("2026-01-01T00:00:00Z".into()))])
        .unwrap();
    assert_eq!(
        d.yaml(),
        "id: abc\nshortname: x\n\"updated_at\": 2026-01-01T00:00:00Z\n"
    );
}

/// A section created after a last line with no newline (the closing
/// frontmatter fence, or an unclosed code fence) starts a line of its own.
#[test]
fn section_inserted_after_a_last_line_without_newline() {
    let mut d = parse("---\nid: abc\nshortname: x\n---");
    d.append(Sec::NextSteps, "1. N");
    assert_eq!(
        d.text(),
        "---\nid: abc\nshortname: x\n---\n## Next Steps\n1. N\n"
    );

    let mut d = parse("---\nid: abc\nshortname: x\n---\n## Context\n```");
    d.append(Sec::NextSteps, "1. N");
    assert_eq!(d.get(Sec::NextSteps), Some("1. N\n"), "{}", d.text());
    assert!(
        d.text()
            .starts_with("---\nid: abc\nshortname: x\n---\n## Context\n```\n")
    );
}

/// Every line the tool writes into a CRLF document ends in CRLF.
#[test]
fn crlf_documents_keep_crlf() {
    let lf = "---\nid: abc\nshortname: x\n---\n## TL;DR (Read This First)\nWords.\n\n**Progress**: 0/0 steps complete\n\n## Decisions\n\n## Next Steps\n1. A\n";
    let crlf = lf.replace('\n', "\r\n");
    let bare_lf = |t: &str| t.replace("\r\n", "").contains('\n');
    let mut d = parse(&crlf);
    let tldr = crate::doc::sections::tldr_set_status(
        d.get(Sec::Tldr).unwrap(),
        ["1/1 steps complete", "x", "None"],
    );
    d.set(Sec::Tldr, &tldr);
    d.append(Sec::Decisions, "\n### 1. D (T)\n**Choice**: D\n");
    d.append(Sec::NextSteps, "2. B");
    d.set(Sec::Blockers, "1. **B** — open (T)\n");
    d.set_front(&[
        ("updated_at", Value::Str("2026-01-01T00:00:00Z".into())),
        ("shortname", Value::Str("z".into())),
    ])
    .unwrap();
    let t = d.text();
    assert!(!bare_lf(t), "{t:?}");
    assert!(t.contains("**Progress**: 1/1 steps complete\r\n**Current**: x\r\n**Blocker**: None\r\n\r\n## Decisions\r\n"), "{t:?}");
    assert!(
        t.contains("shortname: z\r\nupdated_at: 2026-01-01T00:00:00Z\r\n---\r\n"),
        "{t:?}"
    );
    assert!(t.ends_with("## Next Steps\r\n1. A\r\n2. B\r\n"), "{t:?}");
    assert_eq!(d.sections(), scan_sections(t, d.body_start).as_slice());
    // The same edits on the LF document write LF only.
    let mut d = parse(lf);
    d.set(Sec::Tldr, &tldr.replace("\r\n", "\n"));
    d.append(Sec::NextSteps, "2. B");
    assert!(!d.text().contains('\r'));
    // An unchanged section set again is not an edit.
    let mut d = parse(&crlf);
    let same = d.get(Sec::NextSteps).unwrap().replace("\r\n", "\n");
    d.set(Sec::NextSteps, &same);
    assert_eq!(d.revision(), 0);
}
