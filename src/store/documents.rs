//! Loading and saving session documents, with the structure cache that
//! keeps a large document cheap to load on every hook.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Store;
use crate::doc::Document;
use crate::error::UserError;
use crate::fsutil;

impl Store {
    /// Create a new session file; `Ok(false)` when the name is taken (the
    /// file there, readable or not, is left alone).
    pub fn create(&self, path: &Path, doc: &Document) -> Result<bool> {
        guard_inside(&self.dir, path)?;
        match fsutil::atomic_create_recycling(path, &doc.contents(), &self.spare_dir()) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
            Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
        }
        if let Ok(meta) = fs::metadata(path)
            && let Some(k) = self.index_path(path, &meta)
        {
            self.write_index(&k, doc);
        }
        Ok(true)
    }

    /// Load a session document. Its section structure comes from the
    /// structure cache when the cache was made for exactly this file
    /// (same size, mtime and inode); otherwise the markdown is parsed and
    /// the cache refreshed. This keeps a megabyte document cheap to load
    /// on every hook.
    pub fn load(&self, path: &Path) -> Result<Document> {
        guard_inside(&self.dir, path)?;
        let (text, meta) = fsutil::read_text_meta(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let key = self.index_path(path, &meta);
        let known = key.as_deref().and_then(read_structure);
        let hit = known.is_some();
        let doc = Document::parse_with(path, text, known)?;
        if !hit && let Some(k) = key {
            self.write_index(&k, &doc);
        }
        Ok(doc)
    }

    pub fn save(&self, path: &Path, doc: &Document) -> Result<()> {
        guard_inside(&self.dir, path)?;
        // A head-first document's tail is copied from the file it was
        // loaded from, which stays open (and unchanged: the spare logic
        // never writes into it) even once it has been swapped out.
        fsutil::atomic_write_recycling(path, &doc.contents(), &self.spare_dir())
            .with_context(|| format!("cannot write {}", path.display()))?;
        if let Ok(meta) = fs::metadata(path)
            && let Some(k) = self.index_path(path, &meta)
        {
            self.write_index(&k, doc);
        }
        Ok(())
    }

    /// Load a document for an edit that touches its first sections (up to
    /// Progress) and reads a few others: when the file is large and the
    /// structure cache matches it, only those first sections are read, and
    /// the rest is left in the file until it is needed or copied by the
    /// kernel on save. Anything unusual takes the full [`Store::load`].
    pub fn load_head_first(&self, path: &Path) -> Result<Document> {
        use std::os::unix::fs::FileExt;
        /// Below this, reading the whole file costs too little to matter.
        const MIN: u64 = 256 * 1024;
        guard_inside(&self.dir, path)?;
        let head_first = || -> Option<Document> {
            let f = File::open(path).ok()?;
            let meta = f.metadata().ok()?;
            if !meta.is_file() || meta.len() < MIN || meta.len() > fsutil::MAX_READ {
                return None;
            }
            let known = read_structure(&self.index_path(path, &meta)?)?;
            let p = known
                .iter()
                .position(|s| s.kind == Some(crate::doc::Sec::Progress))?;
            let split = known.get(p + 1)?.range.start;
            let tail = meta.len().checked_sub(split as u64)?;
            if tail < MIN / 2 {
                return None;
            }
            let mut head = vec![0; split];
            f.read_exact_at(&mut head, 0).ok()?;
            let head = String::from_utf8(head).ok()?;
            let run = fsutil::FileRun::new(f, &meta, split as u64, tail);
            Document::parse_head(path, head, known, run)
        };
        match head_first() {
            Some(d) => Ok(d),
            None => self.load(path),
        }
    }

    /// One canonical section's text, read straight from the file when the
    /// structure cache matches it (no full load, no parse); `None` when it
    /// cannot be known that cheaply. The caller holds the lock or accepts a
    /// snapshot.
    pub fn peek_section(&self, path: &Path, kind: crate::doc::Sec) -> Option<String> {
        use std::io::{Read, Seek, SeekFrom};
        guard_inside(&self.dir, path).ok()?;
        let mut f = File::open(path).ok()?;
        let meta = f.metadata().ok()?;
        let known = read_structure(&self.index_path(path, &meta)?)?;
        let s = known.iter().find(|s| s.kind == Some(kind))?;
        let len = s.content.end.checked_sub(s.content.start)?;
        if s.content.end as u64 > meta.len() || len > 4 * 1024 * 1024 {
            return None;
        }
        f.seek(SeekFrom::Start(s.content.start as u64)).ok()?;
        let mut buf = vec![0; len];
        f.read_exact(&mut buf).ok()?;
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
        // One older entry is reused for the new one; any others go.
        let mut reuse = None;
        if let Ok(rd) = fs::read_dir(dir) {
            for e in rd.flatten() {
                let n = e.file_name();
                let n = n.to_string_lossy();
                if n != name && n.split('.').next() == Some(stem) {
                    if reuse.is_none() {
                        reuse = Some(e.path());
                    } else {
                        let _ = fs::remove_file(e.path());
                    }
                }
            }
        }
        if let Ok(bytes) = serde_json::to_vec(doc.sections()) {
            let _ = fsutil::reuse_as(reuse.as_deref(), key, &bytes);
        }
    }
}

/// Never read or write a session file outside the store, even through a
/// symlink planted inside it.
fn guard_inside(store: &Path, path: &Path) -> Result<()> {
    if let Ok(meta) = fs::symlink_metadata(path)
        && meta.file_type().is_symlink()
    {
        let target = fs::canonicalize(path).unwrap_or_default();
        let root = fs::canonicalize(store).unwrap_or_else(|_| store.to_path_buf());
        if !target.starts_with(&root) {
            return Err(UserError::new(format!(
                "{} is a symlink to {} outside the store",
                path.display(),
                target.display()
            ))
            .hint("replace the link with a regular file")
            .into());
        }
        return Err(UserError::new(format!(
            "{} is a symlink; refusing to rewrite it",
            path.display()
        ))
        .hint("replace the link with a regular file")
        .into());
    }
    Ok(())
}

/// What a structure cache entry means. Bumped whenever the sections a
/// document is split into change for the same text: 2 = only top-level
/// headings are section boundaries (1 counted headings nested in
/// blockquotes and list items too).
const STRUCTURE_VERSION: u32 = 2;

/// A structure cache entry (see `Store::index_path`); `None` when missing
/// or unreadable, which is only a miss.
fn read_structure(key: &Path) -> Option<Vec<crate::doc::Section>> {
    serde_json::from_slice(&fs::read(key).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A progress note on a large document loaded head-first is made
    /// without reading the sections left in the file, and the save writes
    /// them back unchanged.
    #[test]
    fn progress_note_on_a_large_document_stays_head_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.create_layout().unwrap();
        let mut t = "---\nid: 019abc12-3456-7def-8901-234567890abc\nshortname: big\n---\n## TL;DR (Read This First)\nx\n\n**Progress**: 0/1 steps complete\n\n## Progress\n### Completed\n\n### In Progress\n\n### Remaining\n- [ ] a\n\n## Decisions\n".to_string();
        for i in 1..20_000 {
            t.push_str(&format!("\n### {i}. decision number {i}\n**Choice**: x\n"));
        }
        t.push_str("\n## Blockers\n- None currently\n\n## Next Steps\n1. a\n");
        let path = store.active_dir().join("big-019abc.md");
        fsutil::atomic_write(&path, t.as_bytes()).unwrap();
        // The first load writes the structure cache head-first loads use.
        store.load(&path).unwrap();
        let mut doc = store.load_head_first(&path).unwrap();
        assert!(doc.contents().tail.is_some(), "not loaded head-first");
        let now = chrono::Utc::now();
        crate::session::log_progress_note(&mut doc, "note", now);
        crate::session::refresh_tldr(&mut doc);
        crate::session::touch(&mut doc, now).unwrap();
        assert!(
            doc.contents().tail.is_some(),
            "the edit read the whole file"
        );
        store.save(&path, &doc).unwrap();
        let saved = fs::read_to_string(&path).unwrap();
        assert!(saved.ends_with(&t[t.find("## Decisions").unwrap()..]));
        assert!(
            saved.contains("### Remaining\n- [ ] a\n\n### Notes\n- ("),
            "{}",
            &saved[..400]
        );
    }

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
