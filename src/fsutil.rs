//! File-system primitives every writer goes through: private folders, private
//! files, and the one atomic-replace helper.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Largest file we are willing to read in one go. A session document is text
/// written by people and tools; anything larger than this is not ours.
pub const MAX_READ: u64 = 64 * 1024 * 1024;

/// Give an open file we created `mode` (its permission bits), which
/// `OpenOptions::mode` only asks for: the umask filters it, and a file made
/// 0400 under `umask 277` could never be opened for writing again. A file
/// that already has it is left alone, so the common case changes nothing
/// (no inode write on every lock or log line).
pub fn ensure_mode(f: &File, mode: u32) -> io::Result<()> {
    if f.metadata()?.permissions().mode() & 0o7777 != mode {
        f.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

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
        // Something that is not a folder holds the name: say so, as
        // creating it again can never help.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(io::Error::new(
                io::ErrorKind::NotADirectory,
                format!("{} exists and is not a folder", dir.display()),
            ));
        }
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
    replace(path, &Contents::bytes(contents), None, How::Replace(0o600))
}

/// [`atomic_write`] for a file that is not ours (a task file in the
/// project): the same temp-fsync-rename, but the file keeps the mode it
/// had, so a 0644 file people share stays readable to them. A missing
/// file is created 0600.
pub fn atomic_write_keep_mode(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mode = match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => m.permissions().mode() & 0o7777,
        _ => 0o600,
    };
    replace(path, &Contents::bytes(contents), None, How::Replace(mode))
}

/// Put `contents` at `path` atomically, but only if nothing is there yet:
/// the same temp file and fsync as [`atomic_write`], then a rename that
/// refuses to replace an existing file (`ErrorKind::AlreadyExists`). A new
/// session file is created this way, so a file that happens to have the
/// same name (one we could not even read, say) is never lost. A document
/// moved to a new name (closed into the archive) takes its parked previous
/// version along (see [`atomic_write_recycling`]).
pub fn atomic_create_recycling(
    path: &Path,
    contents: &Contents,
    spare_dir: &Path,
) -> io::Result<()> {
    replace(path, contents, spare_for(contents, spare_dir), How::Create)
}

/// Whether [`replace`] may take the place of an existing file.
#[derive(Clone, Copy)]
enum How {
    /// Replace (or create) the target, leaving it with this mode.
    Replace(u32),
    /// Create the target 0600; an existing one is an error.
    Create,
}

/// What an atomic write puts in the new file: bytes, then optionally a run
/// of another open file copied as it is. A large document whose end was not
/// read (see `doc::Document`) is written this way: the kernel copies the
/// unchanged megabyte from the old file without it passing through memory.
pub struct Contents<'a> {
    pub head: &'a [u8],
    pub tail: Option<&'a FileRun>,
}

impl<'a> Contents<'a> {
    pub fn bytes(b: &'a [u8]) -> Self {
        Contents {
            head: b,
            tail: None,
        }
    }

    pub fn len(&self) -> u64 {
        self.head.len() as u64 + self.tail.map_or(0, |t| t.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Write everything into `f` from offset 0 (not truncated here).
    fn write_to(&self, f: &File) -> io::Result<()> {
        use std::os::unix::fs::FileExt;
        f.write_all_at(self.head, 0)?;
        if let Some(run) = self.tail {
            run.check()?;
            run.copy_to(f, self.head.len() as u64)?;
            // A change during the copy would have mixed two versions.
            run.check()?;
        }
        Ok(())
    }
}

/// `len` bytes of an open file from offset `at`, as they were when the
/// run was taken: if the file has been written to since (its size, times or
/// identity differ), copying from it is refused rather than mixing versions.
#[derive(Debug)]
pub struct FileRun {
    pub file: File,
    pub at: u64,
    pub len: u64,
    stamp: Stamp,
}

type Stamp = (u64, u64, u64, i64, i64, i64, i64);

fn stamp(m: &fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    (
        m.dev(),
        m.ino(),
        m.len(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec(),
    )
}

impl FileRun {
    /// The run `at..at + len` of `file`, whose metadata was `meta` when it
    /// was read from.
    pub fn new(file: File, meta: &fs::Metadata, at: u64, len: u64) -> FileRun {
        FileRun {
            file,
            at,
            len,
            stamp: stamp(meta),
        }
    }

    /// Read `len` bytes at `off` within the run.
    pub fn read(&self, off: u64, len: usize) -> io::Result<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        if off + len as u64 > self.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "read past the run",
            ));
        }
        self.check()?;
        let mut buf = vec![0; len];
        self.file.read_exact_at(&mut buf, self.at + off)?;
        Ok(buf)
    }

    fn check(&self) -> io::Result<()> {
        if stamp(&self.file.metadata()?) != self.stamp {
            return Err(io::Error::other(
                "the file changed on disk while it was being edited; nothing was written",
            ));
        }
        Ok(())
    }

    fn same_file(&self, m: &fs::Metadata) -> bool {
        use std::os::unix::fs::MetadataExt;
        (m.dev(), m.ino()) == (self.stamp.0, self.stamp.1)
    }

    /// Copy the run into `out` at offset `to`: in the kernel where it can
    /// (`copy_file_range`), else through a buffer.
    fn copy_to(&self, out: &File, to: u64) -> io::Result<()> {
        use std::os::unix::fs::FileExt;
        let (mut from, mut to, mut left) = (self.at, to, self.len);
        #[cfg(target_os = "linux")]
        while left > 0 {
            let (mut a, mut b) = (from, to);
            let want = left.min(1 << 30) as usize;
            match rustix::fs::copy_file_range(&self.file, Some(&mut a), out, Some(&mut b), want) {
                Ok(0) => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the file being copied ended early",
                    ));
                }
                Ok(n) => {
                    from += n as u64;
                    to += n as u64;
                    left -= n as u64;
                }
                // Not supported here (another file system, an old kernel):
                // the buffered copy below takes over where this stopped.
                Err(_) => break,
            }
        }
        let mut buf = vec![0; left.min(256 * 1024) as usize];
        while left > 0 {
            let n = buf.len().min(left as usize);
            self.file.read_exact_at(&mut buf[..n], from)?;
            out.write_all_at(&buf[..n], to)?;
            from += n as u64;
            to += n as u64;
            left -= n as u64;
        }
        Ok(())
    }
}

/// Files at least this large are worth recycling (see
/// [`atomic_write_recycling`]); below it, freeing the old version is cheap.
pub const RECYCLE_MIN: usize = 64 * 1024;

/// [`atomic_write`] for large files that are rewritten often (session
/// documents). The same promise (old file or new file, never a torn one),
/// but the replaced version is not freed: it is parked in `spare_dir` and
/// overwritten by the next write, which then swaps it into place. On ext4
/// this halves the cost of rewriting a megabyte document: freeing a large
/// file's blocks (with online discard) and allocating new ones cost more
/// than the write itself.
///
/// A spare is only reused when no other process has it open, so a reader
/// that opened the document before it was replaced keeps an unchanging
/// copy, exactly as with a plain rename. The caller holds the store lock,
/// so there is one writer per spare.
pub fn atomic_write_recycling(
    path: &Path,
    contents: &Contents,
    spare_dir: &Path,
) -> io::Result<()> {
    replace(
        path,
        contents,
        spare_for(contents, spare_dir),
        How::Replace(0o600),
    )
}

/// Only a document large enough for the spare to pay goes through one.
fn spare_for<'a>(contents: &Contents, spare_dir: &'a Path) -> Option<&'a Path> {
    (contents.len() >= RECYCLE_MIN as u64).then_some(spare_dir)
}

fn replace(path: &Path, contents: &Contents, spare_dir: Option<&Path>, how: How) -> io::Result<()> {
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
    let spare = spare_dir.and_then(|d| Some(d.join(path.file_name()?)));
    if let Some(spare) = &spare
        && recycle::overwrite_spare(spare, path, contents, matches!(how, How::Create))?
    {
        return Ok(());
    }
    let tmp = temp_in(dir)?;
    contents.write_to(tmp.as_file())?;
    let mode = match how {
        How::Replace(m) => m,
        How::Create => 0o600,
    };
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(mode))?;
    tmp.as_file().sync_all()?;
    if let How::Create = how {
        // renameat2(RENAME_NOREPLACE), or link + unlink where that is not
        // supported: either way an existing file is never replaced.
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
        return Ok(());
    }
    // The rename is atomic: a crash leaves the old file or the new one.
    // The folder itself is not fsynced; after a power cut the rename may
    // be lost (the old file remains), which is the same promise, and it
    // saves a second journal commit on every write.
    if let Some(spare) = &spare
        && recycle::exchange(tmp.path(), path).is_ok()
    {
        // The temp name now holds the previous version: park it as the
        // next spare. If that fails, dropping `tmp` removes it.
        if let Some(d) = spare.parent()
            && ensure_private_dir(d).is_ok()
        {
            let _ = tmp.persist(spare);
        }
        return Ok(());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A private temp file in `dir`, named as [`sweep_temp_files`] expects.
fn temp_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".tmp-")
        .suffix(".partial")
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
}

/// Put `contents` at `path` whole or not at all, without an fsync: a temp
/// file in the same folder, then a rename. For files that may be lost to a
/// power cut but must never be seen half-written: caches, and hook events
/// spooled for the next writer.
pub fn write_unsynced(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = temp_in(dir)?;
    tmp.write_all(contents)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Reusing a parked previous version instead of allocating a new file.
/// Linux only (it needs `renameat2(RENAME_EXCHANGE)` and file leases);
/// elsewhere every write takes the plain temp-file path.
#[cfg(target_os = "linux")]
mod recycle {
    use std::ffi::CString;
    use std::fs::{self, OpenOptions};
    use std::io;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    use std::os::unix::io::AsRawFd;
    use std::path::Path;

    /// Swap two names atomically; both must exist.
    pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
        renameat2(a, b, libc::RENAME_EXCHANGE)
    }

    /// Move `a` to `b` only if `b` does not exist.
    fn rename_noreplace(a: &Path, b: &Path) -> io::Result<()> {
        renameat2(a, b, libc::RENAME_NOREPLACE)
    }

    fn renameat2(a: &Path, b: &Path, flags: libc::c_uint) -> io::Result<()> {
        let a = CString::new(a.as_os_str().as_bytes())?;
        let b = CString::new(b.as_os_str().as_bytes())?;
        // SAFETY: both are valid NUL-terminated paths for the call's duration.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                flags,
            )
        };
        if r == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    /// Write `contents` into the spare and swap it with `target` (or, with
    /// `create`, move it to `target` only if nothing is there). `Ok(false)`
    /// means the spare could not be used (missing, busy, not supported, the
    /// name taken) and the caller should take the plain path; an I/O error
    /// while writing is returned as it would be for a temp file.
    pub fn overwrite_spare(
        spare: &Path,
        target: &Path,
        contents: &super::Contents,
        create: bool,
    ) -> io::Result<bool> {
        let Ok(f) = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(spare)
        else {
            return Ok(false);
        };
        let before = f.metadata()?;
        // Never write into the file a run is being copied from.
        if !before.is_file() || contents.tail.is_some_and(|t| t.same_file(&before)) {
            return Ok(false);
        }
        ignore_lease_breaks();
        // A write lease is granted only when no other open file refers to
        // this inode: nobody is still reading the version it holds.
        // SAFETY: plain fcntl on a descriptor we own.
        if unsafe { libc::fcntl(f.as_raw_fd(), libc::F_SETLEASE, libc::F_WRLCK) } != 0 {
            return Ok(false);
        }
        let written = contents
            .write_to(&f)
            .and_then(|()| f.set_len(contents.len()))
            .and_then(|()| f.set_permissions(fs::Permissions::from_mode(0o600)))
            .and_then(|()| f.sync_all());
        // SAFETY: as above; releasing before the swap, so readers of the
        // new document never wait on our lease.
        unsafe { libc::fcntl(f.as_raw_fd(), libc::F_SETLEASE, libc::F_UNLCK) };
        written?;
        // The store lock makes us the only writer; still, swap only the
        // inode we actually wrote.
        let now = fs::symlink_metadata(spare)?;
        if (now.dev(), now.ino()) != (before.dev(), before.ino()) {
            return Ok(false);
        }
        if create {
            // The plain path then meets the same taken name and says so.
            return Ok(rename_noreplace(spare, target).is_ok());
        }
        match exchange(spare, target) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound && !target.exists() => {
                fs::rename(spare, target)?;
                Ok(true)
            }
            Err(_) => Ok(false),
        }
    }

    /// Someone opening the spare while we hold its lease makes the kernel
    /// signal us with SIGIO, whose default action ends the process. Nothing
    /// in this program uses SIGIO, so it is ignored once, up front.
    fn ignore_lease_breaks() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        // SAFETY: installing SIG_IGN has no handler code to be unsafe.
        ONCE.call_once(|| unsafe {
            libc::signal(libc::SIGIO, libc::SIG_IGN);
        });
    }
}

#[cfg(not(target_os = "linux"))]
mod recycle {
    use std::io;
    use std::path::Path;

    pub fn exchange(_: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }

    pub fn overwrite_spare(_: &Path, _: &Path, _: &super::Contents, _: bool) -> io::Result<bool> {
        Ok(false)
    }
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

/// Give a derived file (a cache) a new name and new contents, reusing the
/// file `old` when there is one: it is rewritten while its name matches
/// nothing anyone looks up, then renamed to `new`, so a reader of `new`
/// sees all of the contents or no file. Reusing the inode spares the file
/// system an allocation: ext4 scans past recently freed inodes, which a
/// delete and a create on every write keep supplying. The new contents
/// are written over the old and the file cut to length afterwards:
/// truncating an ext4 file to zero first costs a block release and makes
/// its close start writeback. No fsync: a cache lost to a crash is rebuilt.
pub fn reuse_as(old: Option<&Path>, new: &Path, contents: &[u8]) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    if let Some(old) = old
        && let Ok(f) = OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(old)
        && f.metadata().is_ok_and(|m| m.is_file())
    {
        f.write_all_at(contents, 0)?;
        f.set_len(contents.len() as u64)?;
        f.set_permissions(fs::Permissions::from_mode(0o600))?;
        return fs::rename(old, new);
    }
    create_new_private(new, contents)
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
    if !meta.is_file() {
        // A device or pipe has no size to trust and may never end.
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is not a regular file", path.display()),
        ));
    }
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
    // Room for the edit that usually follows, so growing the text does not
    // copy it; untouched capacity costs no memory.
    let mut buf = Vec::with_capacity(len as usize + len as usize / 8 + 4096);
    // `File::read_to_end` knows the size and reads it in one call; the file
    // may still grow meanwhile, so the limit is checked again.
    (&f).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_READ {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} grew over the {MAX_READ} byte limit", path.display()),
        ));
    }
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

/// How old a temp file must be before it is taken for the leftover of a
/// killed writer, where a live writer might still own a younger one.
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

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
    fn a_file_run_is_copied_and_a_changed_source_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let (src, dst) = (d.path().join("src.md"), d.path().join("dst.md"));
        let body: Vec<u8> = (0..300_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        fs::write(&src, &body).unwrap();
        let f = File::open(&src).unwrap();
        let meta = f.metadata().unwrap();
        let run = FileRun::new(f, &meta, 1000, body.len() as u64 - 1000);
        let c = Contents {
            head: b"new head\n",
            tail: Some(&run),
        };
        atomic_write(&dst, b"old").unwrap();
        replace(&dst, &c, None, How::Replace(0o600)).unwrap();
        let mut want = b"new head\n".to_vec();
        want.extend_from_slice(&body[1000..]);
        assert_eq!(fs::read(&dst).unwrap(), want);
        assert_eq!(run.read(0, 5).unwrap(), &body[1000..1005]);
        // Written to since: refused, and the target keeps what it had.
        let mut w = OpenOptions::new().append(true).open(&src).unwrap();
        w.write_all(b"more").unwrap();
        let err = replace(&dst, &c, None, How::Replace(0o600)).unwrap_err();
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert!(run.read(0, 5).is_err());
        assert_eq!(fs::read(&dst).unwrap(), want);
    }

    #[test]
    fn a_cache_file_is_renamed_and_rewritten_not_recreated() {
        use std::os::unix::fs::MetadataExt;
        let d = tempfile::tempdir().unwrap();
        let old = d.path().join("doc.1.json");
        let new = d.path().join("doc.2.json");
        reuse_as(None, &old, b"[1,2,3,4,5,6,7,8]").unwrap();
        let ino = fs::metadata(&old).unwrap().ino();
        reuse_as(Some(&old), &new, b"[9]").unwrap();
        assert!(!old.exists());
        assert_eq!(fs::read(&new).unwrap(), b"[9]");
        let m = fs::metadata(&new).unwrap();
        assert_eq!(m.ino(), ino, "the old file was reused");
        assert_eq!(m.mode() & 0o777, 0o600);
        // A symlink in the old name's place is not written through.
        let target = d.path().join("elsewhere");
        fs::write(&target, "keep").unwrap();
        std::os::unix::fs::symlink(&target, &old).unwrap();
        reuse_as(Some(&old), &d.path().join("doc.3.json"), b"[3]").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
        assert_eq!(fs::read(d.path().join("doc.3.json")).unwrap(), b"[3]");
    }

    #[test]
    fn atomic_create_never_replaces() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.md");
        replace(&p, &Contents::bytes(b"first"), None, How::Create).unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let e = replace(&p, &Contents::bytes(b"second"), None, How::Create).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&p).unwrap(), "first");
        let names: Vec<_> = fs::read_dir(d.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no temp file left behind");
    }

    #[test]
    fn keep_mode_write_keeps_the_mode() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("t.md");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        atomic_write_keep_mode(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o644
        );
    }

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

    #[cfg(target_os = "linux")]
    fn ino(p: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(p).unwrap().ino()
    }

    /// Version `n` of a large document: distinct bytes and length.
    fn big(n: u8) -> Vec<u8> {
        vec![b'a' + n; RECYCLE_MIN + n as usize]
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn large_rewrites_recycle_the_previous_version() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("doc.md");
        let spares = d.path().join("spare");
        let spare = spares.join("doc.md");
        atomic_write_recycling(&p, &Contents::bytes(&big(0)), &spares).unwrap();
        assert!(!spare.exists(), "a new file has no previous version");
        atomic_write_recycling(&p, &Contents::bytes(&big(1)), &spares).unwrap();
        assert_eq!(fs::read(&p).unwrap(), big(1));
        assert_eq!(fs::read(&spare).unwrap(), big(0), "old version parked");
        let first = ino(&p);
        atomic_write_recycling(&p, &Contents::bytes(&big(3)), &spares).unwrap();
        atomic_write_recycling(&p, &Contents::bytes(&big(2)), &spares).unwrap();
        assert_eq!(fs::read(&p).unwrap(), big(2), "shorter content is cut");
        assert_eq!(fs::read(&spare).unwrap(), big(3));
        assert_eq!(ino(&p), first, "two files take turns");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let names: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temp file left behind: {names:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_reader_of_a_replaced_version_keeps_it_whole() {
        use std::io::Read;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("doc.md");
        let spares = d.path().join("spare");
        atomic_write_recycling(&p, &Contents::bytes(&big(0)), &spares).unwrap();
        atomic_write_recycling(&p, &Contents::bytes(&big(1)), &spares).unwrap();
        // A reader opens version 1 and is slow to read it.
        let mut reader = File::open(&p).unwrap();
        // Version 1 becomes the spare, and the next write would reuse it.
        atomic_write_recycling(&p, &Contents::bytes(&big(2)), &spares).unwrap();
        atomic_write_recycling(&p, &Contents::bytes(&big(3)), &spares).unwrap();
        atomic_write_recycling(&p, &Contents::bytes(&big(4)), &spares).unwrap();
        let mut seen = Vec::new();
        reader.read_to_end(&mut seen).unwrap();
        assert_eq!(seen, big(1), "the open version never changed");
        assert_eq!(fs::read(&p).unwrap(), big(4));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_create_through_a_spare_never_replaces() {
        let d = tempfile::tempdir().unwrap();
        let (live, moved) = (d.path().join("doc.md"), d.path().join("moved"));
        fs::create_dir(&moved).unwrap();
        let spares = d.path().join("spare");
        atomic_write_recycling(&live, &Contents::bytes(&big(0)), &spares).unwrap();
        atomic_write_recycling(&live, &Contents::bytes(&big(1)), &spares).unwrap();
        assert!(spares.join("doc.md").exists());
        let taken = moved.join("doc.md");
        fs::write(&taken, "older copy").unwrap();
        let e = atomic_create_recycling(&taken, &Contents::bytes(&big(2)), &spares).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&taken).unwrap(), "older copy");
        let free = moved.join("free.md");
        fs::rename(&taken, &free).unwrap();
        atomic_create_recycling(&taken, &Contents::bytes(&big(2)), &spares).unwrap();
        assert_eq!(fs::read(&taken).unwrap(), big(2));
        assert!(!spares.join("doc.md").exists(), "the spare moved along");
        assert_eq!(fs::read_to_string(&free).unwrap(), "older copy");
    }

    #[test]
    fn small_rewrites_keep_no_spare() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("doc.md");
        let spares = d.path().join("spare");
        atomic_write_recycling(&p, &Contents::bytes(b"one"), &spares).unwrap();
        atomic_write_recycling(&p, &Contents::bytes(b"two"), &spares).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert!(!spares.exists());
    }

    #[test]
    fn recycling_refuses_a_symlinked_target() {
        let d = tempfile::tempdir().unwrap();
        let outside = d.path().join("outside.txt");
        fs::write(&outside, "keep").unwrap();
        let link = d.path().join("link.md");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let spares = d.path().join("spare");
        assert!(atomic_write_recycling(&link, &Contents::bytes(&big(0)), &spares).is_err());
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
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
