//! The session document parser and editor: parse then render is the
//! identity, and an edit leaves every other section byte-identical.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use session_hook::doc::{Document, Sec, Value};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    // Half the inputs get a valid frontmatter so the body parser is reached.
    let text = if data.first().is_some_and(|b| b % 2 == 0) {
        format!("---\nid: abc\nshortname: x\n---\n{body}")
    } else {
        body.to_string()
    };
    let Ok(doc) = Document::parse(Path::new("fuzz.md"), text.clone()) else { return };
    assert_eq!(doc.text(), text, "parse must not change bytes");
    let which = Sec::ALL[data.len() % Sec::ALL.len()];
    let others: Vec<String> = doc
        .sections()
        .iter()
        .filter(|s| s.kind != Some(which))
        .map(|s| doc.text()[s.range.clone()].trim_end().to_string())
        .collect();
    let mut edited = doc.clone();
    edited.append(which, "- fuzz entry");
    edited.set_front(&[("updated_at", Value::Str("2026-01-01T00:00:00Z".into()))]);
    let mut pos = 0;
    for o in &others {
        let found = edited.text()[pos..].find(o.as_str());
        assert!(found.is_some(), "section bytes lost after an edit");
        pos += found.unwrap();
    }
    // The edited text still parses to the same structure.
    let again = Document::parse(Path::new("fuzz.md"), edited.text().to_string()).expect("edited text parses");
    assert_eq!(again.sections(), edited.sections());
});
