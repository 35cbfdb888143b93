//! The hook log, `.sessions/.local/hook.log`: one line per event, since a
//! hook has no other place to say what it did or why it did nothing.

use std::time::Duration;

use crate::store::Store;
use crate::{clock, fsutil};

/// The hook log is rotated once it passes this size.
const ROTATE_AT: u64 = 256 * 1024;

/// Append one line to the hook log (only inside an existing store). The
/// note is one line with control characters escaped, so nothing a payload
/// or a file name holds can forge a line or reach a terminal raw. A log
/// that is a link, or lies behind one, is never opened: the line is lost.
pub(crate) fn log_line(store: &Store, event: &str, elapsed: Duration, status: &str, note: &str) {
    let local = store.local_dir();
    if !store.exists() || fsutil::ensure_private_dir(&local).is_err() {
        return;
    }
    let path = store.hook_log();
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() > ROTATE_AT) {
        let _ = fsutil::rename(&path, &local.join("hook.log.1"));
    }
    // Notes quote payloads: redacted (the built-in rules; the handler has
    // applied the store's own), on one line, with no control characters.
    let note = crate::redact::Redactor::builtin().redact(note);
    let note = fsutil::sanitize(&crate::frame::one_line(&note, 300));
    let line = format!(
        "{}\t{}\t{:.3}\t{status}\t{note}\n",
        clock::iso(clock::now()),
        fsutil::sanitize(event),
        elapsed.as_secs_f64() * 1000.0
    );
    let _ = fsutil::append(&path, line.as_bytes());
}
