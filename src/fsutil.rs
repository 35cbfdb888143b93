//! File-system primitives every reader and writer goes through.
//!
//! A cloned repository is someone else's: its `.sessions/` may hold
//! symbolic links to `~/.bashrc`, `/dev/zero` or a FIFO. So every path that
//! enters a store (the first `.sessions` component on) is resolved beneath
//! the project folder without following any link (`openat2` with
//! `RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS`, or a walk of `O_NOFOLLOW` opens
//! where that is missing); a link met there is refused with its path named.
//! Every read checks for a regular file (opened non-blocking, so a FIFO
//! cannot hang us) and stops at a size cap. Every rewrite goes through
//! [`write`]: a temp file in the same folder, then a rename. Only files and
//! folders we create get their mode set.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags, RenameFlags, ResolveFlags};
use rustix::io::Errno;

/// Largest file we read of any kind. A session document is text written
/// by people and tools; anything larger is not ours.
pub const MAX_READ: u64 = 16 * 1024 * 1024;
/// Largest small file (a binding, a Claude session's state, a marker).
pub const MAX_SMALL: u64 = 256 * 1024;

/// The folder name that starts a store inside a path.
const STORE: &str = ".sessions";

/// Where `path` enters a store: the folder above the first `.sessions`
/// component, and the rest of the path from there.
fn in_store(path: &Path) -> Option<(PathBuf, PathBuf)> {
    let mut base = PathBuf::new();
    let mut comps = path.components();
    while let Some(c) = comps.next() {
        if c.as_os_str() == STORE {
            let rest: PathBuf = std::iter::once(c).chain(comps).collect();
            if base.as_os_str().is_empty() {
                base.push(".");
            }
            return Some((base, rest));
        }
        base.push(c);
    }
    None
}

/// The refusal for a symbolic link met inside a store.
fn link_refused(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{} goes through a symbolic link inside the store; refused",
            shown(path)
        ),
    )
}

/// A path for a message or a log line, control characters escaped.
pub fn shown(path: &Path) -> String {
    sanitize(&path.to_string_lossy())
}

/// `s` with every control character (ESC, BEL, newline, ...) written as
/// an escape, so a file name cannot move a cursor or forge a log line.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn dir_flags() -> OFlags {
    OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC
}

/// Open `rel` (relative, plain names only) beneath `dir`, following no
/// symbolic link.
fn open_beneath(dir: &OwnedFd, rel: &Path, flags: OFlags, mode: Mode) -> Result<OwnedFd, Errno> {
    let flags = flags | OFlags::CLOEXEC | OFlags::NOFOLLOW;
    let mode = if flags.intersects(OFlags::CREATE | OFlags::TMPFILE) {
        mode
    } else {
        Mode::empty()
    };
    let how = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS;
    match rfs::openat2(dir, rel, flags, mode, how) {
        // No openat2 (an old kernel, a sandbox): one O_NOFOLLOW open per
        // component gives the same answer.
        Err(Errno::NOSYS) | Err(Errno::PERM) => walk(dir, rel, flags, mode),
        r => r,
    }
}

fn walk(dir: &OwnedFd, rel: &Path, flags: OFlags, mode: Mode) -> Result<OwnedFd, Errno> {
    let comps: Vec<&OsStr> = rel
        .components()
        .map(|c| match c {
            Component::Normal(n) => Ok(n),
            _ => Err(Errno::XDEV),
        })
        .collect::<Result<_, _>>()?;
    let Some((last, path)) = comps.split_last() else {
        return rfs::openat(dir, ".", flags, mode);
    };
    let mut cur = rfs::openat(dir, ".", dir_flags(), Mode::empty())?;
    for c in path {
        cur = rfs::openat(&cur, *c, dir_flags() | OFlags::NOFOLLOW, Mode::empty())?;
    }
    rfs::openat(&cur, *last, flags | OFlags::NOFOLLOW, mode)
}

/// Open `path`. Inside a store it is resolved beneath the project folder
/// without following links; elsewhere it is an ordinary open.
fn open(path: &Path, flags: OFlags, mode: Mode) -> io::Result<OwnedFd> {
    match in_store(path) {
        Some((base, rel)) => {
            let d = rfs::open(&base, dir_flags(), Mode::empty())?;
            open_beneath(&d, &rel, flags, mode).map_err(|e| match e {
                Errno::LOOP | Errno::XDEV => link_refused(path),
                Errno::NOTDIR if has_link(&base, &rel) => link_refused(path),
                e => io::Error::from(e),
            })
        }
        None => Ok(rfs::open(path, flags | OFlags::CLOEXEC, mode)?),
    }
}

/// Whether some component of `rel` under `base` is a symbolic link (only
/// asked to name an error right).
fn has_link(base: &Path, rel: &Path) -> bool {
    let mut p = base.to_path_buf();
    rel.components().any(|c| {
        p.push(c);
        std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink())
    })
}

/// The folder holding `path` (opened as [`open`] does) and the file name.
fn parent(path: &Path) -> io::Result<(OwnedFd, OsString)> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok((open(dir, dir_flags(), Mode::empty())?, name.to_os_string()))
}

/// The folder holding `path`, to change what is in it: as [`parent`], and
/// when we run as root, a folder of a store that belongs to another user
/// is refused. Root changes nothing of theirs: a file it rewrote would
/// become root's, and the user could no longer change it.
fn parent_to_change(path: &Path) -> io::Result<(OwnedFd, OsString)> {
    let (dir, name) = parent(path)?;
    if in_store(path).is_some() {
        not_theirs(&dir, path)?;
    }
    Ok((dir, name))
}

/// Refuse `fd` (a store folder or file) when we run as root and it
/// belongs to another user.
fn not_theirs(fd: &impl AsFd, path: &Path) -> io::Result<()> {
    if !rustix::process::geteuid().is_root() {
        return Ok(());
    }
    let uid = rfs::fstat(fd)?.st_uid;
    if uid == 0 {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!(
            "{} belongs to another user (uid {uid}); root leaves it alone",
            shown(path)
        ),
    ))
}

/// Whether the folder `path` is inside a store reached without a link.
pub fn is_real_dir(path: &Path) -> bool {
    open(path, dir_flags(), Mode::empty()).is_ok()
}

/// Create `dir` and its missing parents with mode 0700, whatever the
/// umask. Inside a store, no component may be a link, and only folders
/// made here get their mode set.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    let Some((base, rel)) = in_store(dir) else {
        return std::fs::DirBuilder::new().recursive(true).create(dir);
    };
    let mut cur = rfs::open(&base, dir_flags(), Mode::empty())?;
    for (depth, c) in rel.components().enumerate() {
        let Component::Normal(name) = c else {
            return Err(link_refused(dir));
        };
        // A new store may be made in anyone's project; inside one, only
        // in folders that are not another user's.
        if depth > 0
            && rustix::process::geteuid().is_root()
            && rfs::statat(&cur, name, AtFlags::SYMLINK_NOFOLLOW).is_err()
        {
            not_theirs(&cur, dir)?;
        }
        let made = match rfs::mkdirat(&cur, name, Mode::from_raw_mode(0o700)) {
            Ok(()) => true,
            Err(Errno::EXIST) => false,
            Err(e) => return Err(e.into()),
        };
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let next = rfs::openat(&cur, name, flags, Mode::empty()).map_err(|e| match e {
            Errno::LOOP => link_refused(dir),
            Errno::NOTDIR => io::Error::new(
                io::ErrorKind::NotADirectory,
                format!("{} exists and is not a folder", shown(dir)),
            ),
            e => e.into(),
        })?;
        if made {
            // The umask may have removed bits we asked for.
            rfs::fchmod(&next, Mode::from_raw_mode(0o700))?;
        }
        cur = next;
    }
    Ok(())
}

/// How [`write`] puts a file in place.
#[derive(Debug, Clone, Copy)]
pub struct How {
    /// Replace an existing file (else `ErrorKind::AlreadyExists`).
    pub replace: bool,
    /// fsync before the rename: the new content survives a power cut.
    pub sync: bool,
    /// Keep an existing file's mode (someone else's file); else 0600.
    pub keep_mode: bool,
}

impl How {
    /// A rewrite that must survive a crash whole: documents, state.
    pub const DURABLE: How = How {
        replace: true,
        sync: true,
        keep_mode: false,
    };
    /// A new file that must not replace one of the same name (a new
    /// session, a journal entry): whole or absent, never empty.
    pub const NEW: How = How {
        replace: false,
        sync: false,
        keep_mode: false,
    };
    /// A file that may be lost to a power cut but never seen torn (caches,
    /// spooled events).
    pub const CACHE: How = How {
        replace: true,
        sync: false,
        keep_mode: false,
    };
    /// A file that is not ours (a task file in the project): it keeps its
    /// mode, so a 0644 file people share stays readable to them.
    pub const KEEP_MODE: How = How {
        replace: true,
        sync: true,
        keep_mode: true,
    };
}

/// The one write: `contents` into a temp file in the target's folder
/// (named as [`sweep_temp_files`] expects), optionally fsynced, then
/// renamed into place. A failure at any point leaves the old file (or
/// none) and removes the temp file; a symbolic link in the target's place
/// is refused, never written through.
pub fn write(path: &Path, contents: &[u8], how: How) -> io::Result<()> {
    write_staged(path, None, contents, how)
}

/// [`write`], with the temp file made in `staging` (a folder on the same
/// file system) instead of beside the target: a folder whose every file
/// must be whole (journal entries) then never holds a writer's leftover.
pub fn write_via(path: &Path, staging: &Path, contents: &[u8], how: How) -> io::Result<()> {
    write_staged(path, Some(staging), contents, how)
}

fn write_staged(path: &Path, staging: Option<&Path>, contents: &[u8], how: How) -> io::Result<()> {
    let (dir, name) = parent_to_change(path)?;
    let tdir = match staging {
        Some(s) => open(s, dir_flags(), Mode::empty())?,
        None => dir.try_clone()?,
    };
    let mut mode = 0o600;
    let existing = rfs::statat(&dir, &name, AtFlags::SYMLINK_NOFOLLOW);
    match &existing {
        Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Symlink => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write through symlink {}", shown(path)),
            ));
        }
        Ok(_) if !how.replace => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} already exists", shown(path)),
            ));
        }
        Ok(st) if how.keep_mode => mode = st.st_mode & 0o7777,
        _ => {}
    }
    if let Ok(st) = &existing
        && st.st_uid != 0
        && in_store(path).is_some()
        && rustix::process::geteuid().is_root()
    {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} belongs to another user (uid {}); root leaves it alone",
                shown(path),
                st.st_uid
            ),
        ));
    }
    let tmp = temp_name();
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let mut f = File::from(rfs::openat(&tdir, &tmp, flags, Mode::from_raw_mode(0o600))?);
    let done = (|| -> io::Result<()> {
        f.write_all(contents)?;
        // Ours: the umask may have cut bits we need.
        rfs::fchmod(&f, Mode::from_raw_mode(mode))?;
        if how.sync {
            f.sync_all()?;
        }
        // The rename is atomic: a crash leaves the old file or the new
        // one. The folder is not fsynced; after a power cut the rename may
        // be lost (the old file remains), which is the same promise.
        if how.replace {
            return Ok(rfs::renameat(&tdir, &tmp, &dir, &name)?);
        }
        match rfs::renameat_with(&tdir, &tmp, &dir, &name, RenameFlags::NOREPLACE) {
            // A file system without RENAME_NOREPLACE: a hard link refuses
            // an existing name too.
            Err(Errno::INVAL) | Err(Errno::NOSYS) => {
                rfs::linkat(&tdir, &tmp, &dir, &name, AtFlags::empty())?;
                let _ = rfs::unlinkat(&tdir, &tmp, AtFlags::empty());
                Ok(())
            }
            r => Ok(r?),
        }
    })();
    if done.is_err() {
        let _ = rfs::unlinkat(&tdir, &tmp, AtFlags::empty());
    }
    done
}

/// [`write`] with [`How::DURABLE`]: the everyday rewrite of a store file.
pub fn atomic_write(path: &Path, contents: &[u8]) -> io::Result<()> {
    write(path, contents, How::DURABLE)
}

/// Append `bytes` to a file of ours (the hook log), creating it 0600 if
/// missing. An existing file keeps its mode; anything but a regular file
/// is refused.
pub fn append(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = open_private(path, OFlags::WRONLY | OFlags::APPEND)?;
    f.write_all(bytes)
}

/// Open (creating 0600 if missing) a file of ours for `access`. Only a
/// file created here gets its mode set; a link or a non-regular file is
/// refused.
pub fn open_private(path: &Path, access: OFlags) -> io::Result<File> {
    if in_store(path).is_some() {
        parent_to_change(path)?;
    }
    let create = access | OFlags::CREATE | OFlags::EXCL;
    match open(path, create, Mode::from_raw_mode(0o600)) {
        Ok(fd) => {
            rfs::fchmod(&fd, Mode::from_raw_mode(0o600))?;
            Ok(File::from(fd))
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let f = File::from(open(path, access | OFlags::NONBLOCK, Mode::empty())?);
            regular(&f, path)?;
            if in_store(path).is_some() {
                not_theirs(&f, path)?;
            }
            Ok(f)
        }
        Err(e) => Err(e),
    }
}

fn regular(f: &File, path: &Path) -> io::Result<std::fs::Metadata> {
    let m = f.metadata()?;
    if !m.is_file() {
        // A device or pipe has no size to trust and may never end.
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is not a regular file", shown(path)),
        ));
    }
    Ok(m)
}

/// Open a regular file for reading, non-blocking (a FIFO is refused, not
/// waited on).
pub fn open_read(path: &Path) -> io::Result<(File, std::fs::Metadata)> {
    let f = File::from(open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK,
        Mode::empty(),
    )?);
    let m = regular(&f, path)?;
    Ok((f, m))
}

/// A whole regular file of at most `cap` bytes.
pub fn read_capped(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    read_meta(path, cap).map(|(b, _)| b)
}

fn read_meta(path: &Path, cap: u64) -> io::Result<(Vec<u8>, std::fs::Metadata)> {
    let (f, meta) = open_read(path)?;
    let over = || {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is over the {cap} byte limit", shown(path)),
        )
    };
    if meta.len() > cap {
        return Err(over());
    }
    // Room for the edit that usually follows, so growing the text does not
    // copy it; untouched capacity costs no memory.
    let len = meta.len() as usize;
    let mut buf = Vec::with_capacity(len + len / 8 + 4096);
    // The file may grow meanwhile: read one byte past the cap at most.
    f.take(cap + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        return Err(over());
    }
    Ok((buf, meta))
}

/// Read a whole text file, refusing anything over `MAX_READ` and anything
/// that is not UTF-8 (with the path in the message).
pub fn read_text(path: &Path) -> io::Result<String> {
    read_text_meta(path).map(|(t, _)| t)
}

/// `read_text`, plus the metadata of the very file that was read.
pub fn read_text_meta(path: &Path) -> io::Result<(String, std::fs::Metadata)> {
    let (buf, meta) = read_meta(path, MAX_READ)?;
    let text = String::from_utf8(buf).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is not UTF-8 (first bad byte at offset {})",
                shown(path),
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok((text, meta))
}

/// Read at most `limit` bytes from the start of a regular file. Used to
/// look at a session's frontmatter without loading its whole body.
pub fn read_head(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    let (f, _) = open_read(path)?;
    let mut buf = Vec::with_capacity(limit.min(16 * 1024));
    f.take(limit as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// A temp file name of ours, as [`sweep_temp_files`] knows them.
fn temp_name() -> String {
    let id = uuid::Uuid::now_v7().simple().to_string();
    format!(".tmp-{}.partial", &id[id.len() - 12..])
}

/// Remove a file (never following a link; inside a store, its folder is
/// reached without one).
pub fn remove(path: &Path) -> io::Result<()> {
    let (dir, name) = parent_to_change(path)?;
    Ok(rfs::unlinkat(&dir, &name, AtFlags::empty())?)
}

/// Remove an empty folder (never through a link).
pub fn remove_dir(path: &Path) -> io::Result<()> {
    let (dir, name) = parent_to_change(path)?;
    Ok(rfs::unlinkat(&dir, &name, AtFlags::REMOVEDIR)?)
}

/// Rename `from` to `to` (both folders reached as [`open`] does).
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    let (a, an) = parent_to_change(from)?;
    let (b, bn) = parent_to_change(to)?;
    Ok(rfs::renameat(&a, &an, &b, &bn)?)
}

/// The entries of a folder: names, and whether each is a regular file.
/// Nothing when the folder is missing or is reached through a link.
pub fn entries(dir: &Path) -> Vec<(OsString, bool)> {
    let Ok(fd) = open(
        dir,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    ) else {
        return Vec::new();
    };
    let Ok(mut d) = rfs::Dir::read_from(fd.as_fd()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while let Some(Ok(e)) = d.read() {
        let name = e.file_name().to_bytes();
        if name == b"." || name == b".." {
            continue;
        }
        let file = match e.file_type() {
            FileType::RegularFile => true,
            FileType::Unknown => rfs::statat(&fd, e.file_name(), AtFlags::SYMLINK_NOFOLLOW)
                .is_ok_and(|s| FileType::from_raw_mode(s.st_mode) == FileType::RegularFile),
            _ => false,
        };
        out.push((OsStr::from_bytes(name).to_os_string(), file));
    }
    out
}

/// The regular files in `dir` with extension `ext`, sorted by name;
/// nothing when the folder is missing. A link is not listed.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = entries(dir)
        .into_iter()
        .filter(|(n, file)| *file && Path::new(n).extension().is_some_and(|x| x == ext))
        .map(|(n, _)| dir.join(n))
        .collect();
    // All in one folder: the byte order of the whole paths is the order of
    // the names, and far cheaper than comparing them component by
    // component (a journal holds thousands).
    v.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    v
}

/// How old a temp file must be before it is taken for the leftover of a
/// killed writer, where a live writer might still own a younger one.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// Remove stale temp files left by a writer that was killed mid-write.
/// Only files older than `min_age` are touched, so a live writer is safe.
pub fn sweep_temp_files(dir: &Path, min_age: Duration) {
    for (name, file) in entries(dir) {
        let n = name.to_string_lossy();
        if !(file && n.starts_with(".tmp-") && n.ends_with(".partial")) {
            continue;
        }
        let p = dir.join(&name);
        let old = std::fs::symlink_metadata(&p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= min_age);
        if old {
            let _ = remove(&p);
        }
    }
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
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn store() -> (tempfile::TempDir, PathBuf) {
        let d = tempfile::tempdir().unwrap();
        let s = d.path().join(".sessions");
        fs::create_dir(&s).unwrap();
        (d, s)
    }

    #[test]
    fn new_never_replaces_and_leaves_no_temp_file() {
        let (_d, s) = store();
        let p = s.join("a.md");
        write(&p, b"first", How::NEW).unwrap();
        assert_eq!(mode(&p), 0o600);
        let e = write(&p, b"second", How::NEW).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&p).unwrap(), "first");
        assert_eq!(fs::read_dir(&s).unwrap().count(), 1, "no temp file left");
    }

    /// A staged write puts its temp file in the staging folder, so the
    /// target folder only ever holds whole files.
    #[test]
    fn a_staged_write_keeps_its_temp_file_out_of_the_target_folder() {
        let (_d, s) = store();
        let entries = s.join("j/entries");
        ensure_private_dir(&entries).unwrap();
        write_via(&entries.join("a.md"), &s.join("j"), b"whole", How::NEW).unwrap();
        assert_eq!(fs::read_to_string(entries.join("a.md")).unwrap(), "whole");
        let e = write_via(&entries.join("a.md"), &s.join("j"), b"again", How::NEW).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_dir(&entries).unwrap().count(), 1);
        assert_eq!(
            fs::read_dir(s.join("j")).unwrap().count(),
            1,
            "no temp left"
        );
    }

    #[test]
    fn keep_mode_write_keeps_the_mode() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("t.md");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        write(&p, b"new", How::KEEP_MODE).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(mode(&p), 0o644);
    }

    #[test]
    fn atomic_write_sets_0600_and_replaces() {
        let (_d, s) = store();
        let p = s.join("a.md");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        atomic_write(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(mode(&p), 0o600);
        assert_eq!(fs::read_dir(&s).unwrap().count(), 1, "no temp file left");
    }

    /// A link anywhere inside the store is refused for every kind of
    /// access, and what it points to is never touched.
    #[test]
    fn links_inside_the_store_are_refused() {
        let (d, s) = store();
        let outside = d.path().join("outside");
        fs::create_dir(&outside).unwrap();
        let target = outside.join("bashrc");
        fs::write(&target, "keep").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
        std::os::unix::fs::symlink(&target, s.join("file")).unwrap();
        std::os::unix::fs::symlink(&outside, s.join("dir")).unwrap();
        for p in [s.join("file"), s.join("dir/bashrc")] {
            assert!(atomic_write(&p, b"evil").is_err(), "{p:?}");
            assert!(append(&p, b"evil").is_err(), "{p:?}");
            assert!(read_text(&p).is_err(), "{p:?}");
            assert!(open_private(&p, OFlags::RDWR).is_err(), "{p:?}");
        }
        assert!(ensure_private_dir(&s.join("dir/sub")).is_err());
        assert!(write(&s.join("dir/new"), b"x", How::NEW).is_err());
        let e = read_text(&s.join("dir/bashrc")).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
        assert_eq!(mode(&target), 0o644, "never chmodded");
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 1);
        assert!(files_with_ext(&s.join("dir"), "md").is_empty());
    }

    /// A store that is itself a link is not a store.
    #[test]
    fn a_linked_store_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real");
        fs::create_dir(&real).unwrap();
        std::os::unix::fs::symlink(&real, d.path().join(".sessions")).unwrap();
        assert!(!is_real_dir(&d.path().join(".sessions")));
        assert!(ensure_private_dir(&d.path().join(".sessions/active")).is_err());
        assert_eq!(fs::read_dir(&real).unwrap().count(), 0);
    }

    /// Devices and FIFOs are refused at once, and size caps hold.
    #[test]
    fn reads_are_regular_and_bounded() {
        let (_d, s) = store();
        let fifo = s.join("fifo");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            FileType::Fifo,
            Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        let t = std::time::Instant::now();
        assert!(read_text(&fifo).is_err());
        assert!(read_text(Path::new("/dev/zero")).is_err());
        assert!(t.elapsed() < Duration::from_secs(5), "a FIFO was waited on");
        let big = s.join("big");
        fs::write(&big, vec![b'a'; 1000]).unwrap();
        assert!(read_capped(&big, 999).is_err());
        assert_eq!(read_capped(&big, 1000).unwrap().len(), 1000);
    }

    #[test]
    fn private_dir_ignores_umask() {
        let (_d, s) = store();
        let p = s.join("x/y/z");
        ensure_private_dir(&p).unwrap();
        assert_eq!(mode(&p), 0o700);
        assert_eq!(mode(&s.join("x")), 0o700);
    }

    #[test]
    fn an_existing_file_keeps_its_mode_when_appended_to() {
        let (_d, s) = store();
        let p = s.join("log");
        append(&p, b"a\n").unwrap();
        assert_eq!(mode(&p), 0o600);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        append(&p, b"b\n").unwrap();
        assert_eq!(mode(&p), 0o640, "not ours to chmod once it exists");
        assert_eq!(fs::read_to_string(&p).unwrap(), "a\nb\n");
    }

    #[test]
    fn read_text_rejects_non_utf8() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("bad.md");
        fs::write(&p, b"ok\xff\xfe").unwrap();
        let e = read_text(&p).unwrap_err();
        assert!(e.to_string().contains("not UTF-8"));
    }

    #[test]
    fn names_are_shown_with_control_characters_escaped() {
        assert_eq!(sanitize("a\x1b[31mb\x07\n"), "a\\u{1b}[31mb\\u{7}\\n");
        assert_eq!(sanitize("plain é"), "plain é");
    }
}
