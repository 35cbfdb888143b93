//! The transcript tail reader: whatever the bytes (torn lines, non-JSON,
//! CRLF, huge numbers), it never panics, and the answer does not depend on
//! the block size it reads with.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use session_hook::transcript;

fuzz_target!(|data: &[u8]| {
    let mut f = tempfile::NamedTempFile::new().expect("temp file");
    f.write_all(data).expect("write");
    let path = f.path();
    let whole = transcript::scan(path, u64::MAX, 1 << 20).expect("scan");
    for block in [1usize, 7, 64, 4096] {
        let u = transcript::scan(path, u64::MAX, block).expect("scan");
        assert_eq!(u.used, whole.used, "block {block}");
        assert_eq!(u.basis, whole.basis, "block {block}");
        assert_eq!(u.message_id, whole.message_id, "block {block}");
        assert_eq!(u.compactions_seen, whole.compactions_seen, "block {block}");
    }
    let hook = transcript::last_usage(path).expect("scan");
    assert_eq!(hook.used, whole.used);
});
