//! File-system primitives every writer goes through: private folders, private
//! files, and the one atomic-replace helper.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Largest file we are willing to read in one go. A session document is text
/// written by people and tools; anything larger than this is not ours.
pub const MAX_READ: u64 = 64 * 1024 * 1024;

/// Create `dir` and its missing parents with mode 0700, whatever the umask.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent()
        && !parent.as_os_str().is_empty()
        && !parent.exists()
    {
        ensure_private_dir(parent)?;
    }
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => return Ok(()),
        Err(e) => return Err(e),
    }
    // The umask may have removed bits we asked for, or a racing creator may
    // have used other bits; set them explicitly.
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

/// Replace `path` atomically with `contents`: write a temp file in the same
/// folder, fsync it, rename it over the target. A crash at any point leaves
/// either the old file or the new one.
///
/// The target's mode is always 0600. If `path` is a symlink we refuse, so a
/// planted link can never make us write outside the store.
pub fn atomic_write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(meta) = fs::symlink_metadata(path)
        && meta.file_type().is_symlink()
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write through symlink {}", path.display()),
        ));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .suffix(".partial")
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(0o600))?;
    tmp.as_file().sync_all()?;
    // The rename is atomic: a crash leaves the old file or the new one.
    // The folder itself is not fsynced; after a power cut the rename may
    // be lost (the old file remains), which is the same promise, and it
    // saves a second journal commit on every write.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Create a new file that must not exist yet (O_EXCL), mode 0600, written
/// with one `write` call. Used for append-only journal entries, where a
/// unique name replaces the need for a rename. There is deliberately no
/// fsync: entries sit on the per-prompt hook path, a killed process cannot
/// tear a single write, and after a power cut an empty entry is skipped by
/// the reader rather than misread.
pub fn create_new_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.set_permissions(fs::Permissions::from_mode(0o600))?;
    f.write_all(contents)
}

/// Read a whole text file, refusing anything over `MAX_READ` and anything
/// that is not UTF-8 (with the path in the message).
pub fn read_text(path: &Path) -> io::Result<String> {
    read_text_meta(path).map(|(t, _)| t)
}

/// `read_text`, plus the metadata of the very file that was read.
pub fn read_text_meta(path: &Path) -> io::Result<(String, fs::Metadata)> {
    let f = File::open(path)?;
    let meta = f.metadata()?;
    let len = meta.len();
    if len > MAX_READ {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is {} bytes, over the {} byte limit",
                path.display(),
                len,
                MAX_READ
            ),
        ));
    }
    let mut buf = Vec::with_capacity(len as usize);
    f.take(MAX_READ + 1).read_to_end(&mut buf)?;
    let text = String::from_utf8(buf).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is not UTF-8 (first bad byte at offset {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok((text, meta))
}

/// Read at most `limit` bytes from the start of a file. Used to look at a
/// session's frontmatter without loading its whole body.
pub fn read_head(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    let f = File::open(path)?;
    let mut buf = Vec::with_capacity(limit.min(16 * 1024));
    f.take(limit as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Remove stale temp files left by a writer that was killed mid-write.
/// Only files older than `min_age` are touched, so a live writer is safe.
pub fn sweep_temp_files(dir: &Path, min_age: std::time::Duration) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".tmp-") && name.ends_with(".partial") {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= min_age);
            if old {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// The files in `dir` with extension `ext`, sorted by name; nothing when
/// the folder is missing.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// `path` relative to `base` when it lies inside it, else `path` unchanged.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_sets_0600_and_replaces() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.md");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        atomic_write(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let leftovers: Vec<_> = fs::read_dir(d.path()).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "no temp file left behind");
    }

    #[test]
    fn atomic_write_refuses_symlink() {
        let d = tempfile::tempdir().unwrap();
        let outside = d.path().join("outside.txt");
        fs::write(&outside, "keep").unwrap();
        let link = d.path().join("link.md");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        assert!(atomic_write(&link, b"evil").is_err());
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
    }

    #[test]
    fn private_dir_ignores_umask() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x/y/z");
        ensure_private_dir(&p).unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o700
        );
        assert_eq!(
            fs::metadata(d.path().join("x"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
    }

    #[test]
    fn read_text_rejects_non_utf8() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("bad.md");
        fs::write(&p, b"ok\xff\xfe").unwrap();
        let e = read_text(&p).unwrap_err();
        assert!(e.to_string().contains("not UTF-8"));
    }
}
