//! Events that arrive while the store is busy. A hook may wait only ~50 ms
//! for the lock, but dropping its event would lose work, so the raw payload
//! goes into `.sessions/.local/pending/` under a unique name (a new file
//! needs no lock, like a journal entry). The next hook or command that
//! takes the lock applies them first, oldest first, for as long as its
//! budget allows; the rest wait for the one after.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::redact::Redactor;
use crate::store::{Lock, Store};
use crate::{clock, fsutil};

/// How long a hook spends on spooled events before its own: Claude Code
/// is waiting on it.
pub(crate) const HOOK_DRAIN_BUDGET: Duration = Duration::from_millis(20);
/// How long a command may: someone asked for it and waits anyway, and its
/// change should land after the events that came before it.
pub(crate) const COMMAND_DRAIN_BUDGET: Duration = Duration::from_secs(10);

fn dir(store: &Store) -> PathBuf {
    store.local_dir().join("pending")
}

/// Spool one raw payload, redacted before it touches the disk: every
/// string in it, so it is still the same event when it is applied.
pub(crate) fn put(store: &Store, raw: &[u8], at: DateTime<Utc>, redactor: &Redactor) -> Result<()> {
    let redacted = match serde_json::from_slice::<serde_json::Value>(raw) {
        Ok(mut v) => {
            redactor.redact_json(&mut v);
            serde_json::to_vec(&v)?
        }
        // Only parsed payloads are spooled; anything else is kept as
        // redacted text.
        Err(_) => redactor
            .redact(&String::from_utf8_lossy(raw))
            .into_owned()
            .into_bytes(),
    };
    let raw = redacted.as_slice();
    let d = dir(store);
    fsutil::ensure_private_dir(&d)?;
    let id = uuid::Uuid::now_v7().simple().to_string();
    let name = format!(
        "{}-{}.json",
        clock::file_stamp_micros(at),
        &id[id.len() - 8..]
    );
    // Written under a temp name the drain does not list, then renamed: a
    // drain running meanwhile must never read (and drop) a half-written
    // event.
    fsutil::write(&d.join(name), raw, fsutil::How::CACHE)?;
    Ok(())
}

/// Apply spooled events, oldest first, until `budget` is spent (the caller
/// holds `lock`). Failures are logged and the event dropped, so one bad
/// payload cannot wedge the queue.
pub(crate) fn drain(store: &Store, lock: &Lock, budget: Duration) {
    let start = Instant::now();
    // Spoolers do not hold the lock: only a temp file old enough to be
    // abandoned is theirs to clear.
    fsutil::sweep_temp_files(&dir(store), fsutil::STALE_TEMP_AGE);
    let files = fsutil::files_with_ext(&dir(store), "json");
    for f in files {
        if start.elapsed() >= budget {
            break;
        }
        let at = f
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('-').next())
            .and_then(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S%.fZ").ok())
            .map(|t| t.and_utc())
            .unwrap_or_else(clock::now);
        let started = Instant::now();
        let result = fsutil::read_capped(&f, fsutil::MAX_READ)
            .map_err(anyhow::Error::from)
            .and_then(|raw| super::replay(store, lock, &raw, at));
        let (status, note) = match &result {
            Ok(()) => ("ok", "applied spooled event".to_string()),
            Err(e) => ("error", format!("spooled event dropped: {e:#}")),
        };
        super::log_line(store, "spooled", started.elapsed(), status, &note);
        let _ = fsutil::remove(&f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A spooled event appears whole or not at all: it is written under a
    /// temp name the drain skips, and a drain leaves a fresh temp file be.
    #[test]
    fn a_drain_never_takes_a_half_written_event() {
        let d = tempfile::tempdir().unwrap();
        let store = Store::at(d.path());
        store.create_layout().unwrap();
        put(
            &store,
            b"{\"hook_event_name\":\"Stop\"}",
            clock::now(),
            &Redactor::builtin(),
        )
        .unwrap();
        let names: Vec<String> = fs::read_dir(dir(&store))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].ends_with(".json"), "{names:?}");
        // A writer that has created its file but not yet filled it.
        let writing = dir(&store).join(".tmp-20260101T000000.000000Z-abcdef12.json.partial");
        fs::write(&writing, b"").unwrap();
        let lock = store.lock(Duration::ZERO).unwrap();
        drain(&store, &lock, HOOK_DRAIN_BUDGET);
        assert!(writing.exists(), "a live writer's file is left alone");
        assert!(fsutil::files_with_ext(&dir(&store), "json").is_empty());
    }
}
