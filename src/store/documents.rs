//! Loading and saving session documents, with the structure cache that
//! keeps a large document cheap to load on every hook.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Store;
use crate::doc::Document;
use crate::fsutil;

impl Store {
    /// Create a new session file; `Ok(false)` when the name is taken (the
    /// file there, readable or not, is left alone).
    pub fn create(&self, path: &Path, doc: &Document) -> Result<bool> {
        match fsutil::write(path, doc.text().as_bytes(), fsutil::How::NEW) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
            Err(e) => {
                return Err(e).with_context(|| format!("cannot write {}", fsutil::shown(path)));
            }
        }
        self.cache_structure(path, doc);
        Ok(true)
    }

    /// Load a session document. Its section structure comes from the
    /// structure cache when the cache was made for exactly this file
    /// (same size, mtime and inode); otherwise the markdown is parsed and
    /// the cache refreshed. This keeps a megabyte document cheap to load
    /// on every hook.
    pub fn load(&self, path: &Path) -> Result<Document> {
        let (text, meta) = fsutil::read_text_meta(path)
            .with_context(|| format!("cannot read {}", fsutil::shown(path)))?;
        let key = self.index_path(path, &meta);
        let known = key.as_deref().and_then(read_structure);
        let hit = known.is_some();
        let doc = Document::parse_with(path, text, known)?;
        if !hit && let Some(k) = key {
            self.write_index(&k, &doc);
        }
        Ok(doc)
    }

    /// Save a document (the caller holds the lock): the one durable write.
    pub fn save(&self, path: &Path, doc: &Document) -> Result<()> {
        fsutil::atomic_write(path, doc.text().as_bytes())
            .with_context(|| format!("cannot write {}", fsutil::shown(path)))?;
        self.cache_structure(path, doc);
        Ok(())
    }

    fn cache_structure(&self, path: &Path, doc: &Document) {
        if let Ok(meta) = fs::symlink_metadata(path)
            && let Some(k) = self.index_path(path, &meta)
        {
            self.write_index(&k, doc);
        }
    }

    /// One canonical section's text, read straight from the file when the
    /// structure cache matches it (no full load, no parse); `None` when it
    /// cannot be known that cheaply. The caller holds the lock or accepts a
    /// snapshot.
    pub fn peek_section(&self, path: &Path, kind: crate::doc::Sec) -> Option<String> {
        use std::os::unix::fs::FileExt;
        let (f, meta) = fsutil::open_read(path).ok()?;
        let known = read_structure(&self.index_path(path, &meta)?)?;
        let s = known.iter().find(|s| s.kind == Some(kind))?;
        let len = s.content.end.checked_sub(s.content.start)?;
        if s.content.end as u64 > meta.len() || len > 4 * 1024 * 1024 {
            return None;
        }
        let mut buf = vec![0; len];
        f.read_exact_at(&mut buf, s.content.start as u64).ok()?;
        String::from_utf8(buf).ok()
    }

    /// `.local/index/<file stem>.<size>.<mtime ns>.<inode>.s<version>.json`:
    /// the name is the file's identity, so a cache entry is never
    /// rewritten, only created (no fsync needed: a lost or torn entry is
    /// just a miss). The version is [`STRUCTURE_VERSION`], so entries made
    /// under another meaning of "section" are never read.
    fn index_path(&self, path: &Path, meta: &fs::Metadata) -> Option<PathBuf> {
        use std::os::unix::fs::MetadataExt;
        let stem = path.file_stem()?.to_str()?;
        let name = format!(
            "{stem}.{}.{}.{}.{}.s{STRUCTURE_VERSION}.json",
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ino()
        );
        Some(self.local_dir().join("index").join(name))
    }

    /// Best effort: drop older entries for the same file, write this one.
    fn write_index(&self, key: &Path, doc: &Document) {
        let Some(dir) = key.parent() else { return };
        if !self.exists() || fsutil::ensure_private_dir(dir).is_err() {
            return;
        }
        let name = key.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = name.split('.').next().unwrap_or("");
        for (n, _) in fsutil::entries(dir) {
            let n = n.to_string_lossy();
            if n != name && n.split('.').next() == Some(stem) {
                let _ = fsutil::remove(&dir.join(n.as_ref()));
            }
        }
        if let Ok(bytes) = serde_json::to_vec(doc.sections()) {
            let _ = fsutil::write(key, &bytes, fsutil::How::CACHE);
        }
    }
}

/// What a structure cache entry means. Bumped whenever the sections a
/// document is split into change for the same text: 2 = only top-level
/// headings are section boundaries (1 counted headings nested in
/// blockquotes and list items too).
const STRUCTURE_VERSION: u32 = 2;

/// A structure cache entry (see `Store::index_path`); `None` when missing
/// or unreadable, which is only a miss.
fn read_structure(key: &Path) -> Option<Vec<crate::doc::Section>> {
    serde_json::from_slice(&fsutil::read_capped(key, fsutil::MAX_READ).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A structure cache entry from before sections were top-level only
    /// (named without a version) is never read: its sections could start at
    /// a heading nested in a list item.
    #[test]
    fn unversioned_structure_cache_entries_are_ignored() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.create_layout().unwrap();
        let t = "---\nid: 019abc12-3456-7def-8901-234567890abc\nshortname: old\n---\n## Context\n- item\n\n  ## Blockers\n  text\n";
        let path = store.active_dir().join("old-019abc.md");
        fsutil::atomic_write(&path, t.as_bytes()).unwrap();
        let meta = fs::metadata(&path).unwrap();
        // What the old scan found: the nested heading as a section.
        let body = t.find("## Context").unwrap();
        let nested = t.find("  ## Blockers").unwrap();
        let old = vec![
            crate::doc::Section {
                level: 2,
                title: "Context".into(),
                kind: Some(crate::doc::Sec::Context),
                range: body..nested,
                content: body + "## Context\n".len()..nested,
            },
            crate::doc::Section {
                level: 2,
                title: "Blockers".into(),
                kind: Some(crate::doc::Sec::Blockers),
                range: nested..t.len(),
                content: nested + "  ## Blockers\n".len()..t.len(),
            },
        ];
        let index = store.local_dir().join("index");
        fsutil::ensure_private_dir(&index).unwrap();
        let name = format!(
            "old-019abc.{}.{}.{}.{}.json",
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ino()
        );
        fs::write(index.join(name), serde_json::to_vec(&old).unwrap()).unwrap();
        let doc = store.load(&path).unwrap();
        assert_eq!(doc.sections().len(), 1, "{:?}", doc.sections());
        assert!(doc.get(crate::doc::Sec::Blockers).is_none());
    }
}
