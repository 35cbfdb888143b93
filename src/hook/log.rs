//! The hook log, `.sessions/.local/hook.log`: one line per event, since a
//! hook has no other place to say what it did or why it did nothing.

use std::io::Write;
use std::time::Duration;

use crate::store::Store;
use crate::{clock, fsutil};

/// Append one line to the hook log (only inside an existing store). The log
/// is capped by rotating it once it passes 256 KiB.
pub(crate) fn log_line(store: &Store, event: &str, elapsed: Duration, status: &str, note: &str) {
    let local = store.local_dir();
    if !store.exists() || fsutil::ensure_private_dir(&local).is_err() {
        return;
    }
    let path = store.hook_log();
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > 256 * 1024) {
        let _ = std::fs::rename(&path, local.join("hook.log.1"));
    }
    // Notes quote payloads: redacted (the built-in rules; the handler has
    // applied the store's own), on one line, with no control characters.
    let note = crate::redact::Redactor::builtin().redact(note);
    let note = crate::frame::one_line(&note, 300);
    let line = format!(
        "{}\t{event}\t{:.3}\t{status}\t{note}\n",
        clock::iso(clock::now()),
        elapsed.as_secs_f64() * 1000.0
    );
    use std::os::unix::fs::OpenOptionsExt;
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(&path)
    {
        let _ = fsutil::ensure_mode(&f, 0o600);
        let _ = f.write_all(line.as_bytes());
    }
}
