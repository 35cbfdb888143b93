//! The hook wire parser and the intent classifier never panic, whatever
//! arrives on stdin.
#![no_main]

use libfuzzer_sys::fuzz_target;
use session_hook::hook::{intent, wire};

fuzz_target!(|data: &[u8]| {
    if let Ok((_, ev)) = wire::parse(data) {
        let _ = ev.name();
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = intent::is_continuation(s, &[]);
        let _ = intent::normalise(s);
    }
});
