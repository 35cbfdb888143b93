//! The IMPLEMENTATION_PHASES.md parser: never panics, every step is one
//! non-empty line, and the Remaining block it builds reads back with one
//! checklist item per open step.
#![no_main]

use libfuzzer_sys::fuzz_target;
use session_hook::doc::progress::{Progress, Sub};
use session_hook::phases;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = phases::parse(text);
    let mut open = 0;
    for p in &parsed.phases {
        for s in &p.steps {
            assert!(!s.text.trim().is_empty(), "empty step");
            assert!(!s.text.contains('\n'), "multi-line step");
            if !s.done {
                open += 1;
            }
        }
    }
    let block = phases::remaining_block(&parsed.phases);
    let p = Progress::parse(&format!("### Remaining\n{block}"));
    assert_eq!(p.items(Sub::Remaining).len(), open, "steps lost between parse and render");
});
