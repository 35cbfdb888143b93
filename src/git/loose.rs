//! Blob ids and loose blob objects, computed and written as git does.
//!
//! libgit2 hashes with collision-detecting SHA-1 (about 4 ms per megabyte
//! here) and compresses with the C zlib (about 2.8 ms per megabyte at git's
//! loose-object level). Pause commits the session document, which can be a
//! megabyte, and hashed it twice that way: about 11 ms of a 30 ms budget.
//! An object id is the plain SHA-1 of `blob <len>\0` and the content; the
//! `sha1` crate uses the CPU's SHA instructions (0.7 ms per megabyte), and
//! zlib-rs compresses at level 1 in half the C zlib's time. The file is laid
//! out as libgit2 lays it out (temporary file beside the objects, read-only,
//! renamed into `objects/xx/`), so either writer can follow the other.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use git2::{Oid, Repository};
use sha1::{Digest, Sha1};

/// The id git gives a blob with this content. Plain SHA-1: git's
/// collision-detecting variant gives the same id for everything except
/// content crafted as a SHA-1 collision, which a session document is not.
pub fn blob_id(content: &[u8]) -> Oid {
    Oid::from_bytes(&object_id("blob", content)).expect("a SHA-1 digest is 20 bytes")
}

/// The id of a git object of `kind` ("blob", "tree") with this body: the
/// SHA-1 of `<kind> <len>\0` and the body.
pub fn object_id(kind: &str, body: &[u8]) -> super::index::RawOid {
    let mut h = Sha1::new();
    h.update(format!("{kind} {}\0", body.len()).as_bytes());
    h.update(body);
    h.finalize().into()
}

/// The blob id of a file's content, read in pieces (a tracked file can be
/// larger than memory allows). A file whose length changes while it is
/// read is an error, not a wrong id.
pub fn file_blob_id(path: &Path) -> std::io::Result<Oid> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    let mut h = Sha1::new();
    h.update(format!("blob {len}\0").as_bytes());
    let mut buf = vec![0u8; 64 * 1024];
    let mut seen = 0u64;
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                h.update(&buf[..n]);
                seen += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if seen != len {
        return Err(std::io::Error::other("file changed while it was hashed"));
    }
    Ok(Oid::from_bytes(&h.finalize()).expect("a SHA-1 digest is 20 bytes"))
}

/// Store `content` as a blob whose id the caller computed with `blob_id`.
pub fn write_blob(repo: &Repository, id: Oid, content: &[u8]) -> Result<()> {
    debug_assert_eq!(id, blob_id(content));
    write_object(repo, "blob", id, content)
}

/// Store an object of `kind` ("blob", "tree") whose id the caller
/// computed. An object already in the repository (loose or packed) is not
/// written again; a loose one has its time refreshed, as git and libgit2
/// do, so a concurrent `gc` does not prune it as old and unreferenced.
pub fn write_object(repo: &Repository, kind: &str, id: Oid, content: &[u8]) -> Result<()> {
    let objects = repo.commondir().join("objects");
    let path = object_path(&objects, id);
    if path.exists() {
        freshen(&path);
        return Ok(());
    }
    // Packed already? Without a refresh: libgit2 re-reads the pack folder
    // on every miss, and a new object is a miss. A pack written since the
    // repository was opened only means the object is stored twice, which
    // git allows (`gc` drops the loose copy).
    if repo.odb()?.exists_ext(id, git2::OdbLookupFlags::NO_REFRESH) {
        return Ok(());
    }
    let header = format!("{kind} {}\0", content.len());
    let bytes = deflate(compression_level(repo), &[header.as_bytes(), content])?;
    write_object_file(&objects, &path, &bytes)
        .with_context(|| format!("writing object {id} in {}", objects.display()))
}

/// One zlib stream of `parts`. The compressor is kept per thread and reset
/// between objects: setting one up allocates and clears a few hundred
/// kilobytes, more than compressing a small tree costs.
fn deflate(level: u32, parts: &[&[u8]]) -> std::io::Result<Vec<u8>> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static KEPT: std::cell::RefCell<Option<(u32, Compress)>> = const { std::cell::RefCell::new(None) };
    }
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        let c = match &mut *k {
            Some((l, c)) if *l == level => {
                c.reset();
                c
            }
            slot => {
                &mut slot
                    .insert((level, Compress::new(Compression::new(level), true)))
                    .1
            }
        };
        let total: usize = parts.iter().map(|p| p.len()).sum();
        let mut out = Vec::with_capacity(total / 4 + 64);
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            let mut input = *part;
            loop {
                if out.capacity() - out.len() < 64 {
                    out.reserve(out.capacity().max(4096));
                }
                let before = c.total_in();
                let flush = if last {
                    FlushCompress::Finish
                } else {
                    FlushCompress::None
                };
                let status = c
                    .compress_vec(input, &mut out, flush)
                    .map_err(std::io::Error::other)?;
                input = &input[(c.total_in() - before) as usize..];
                match status {
                    Status::StreamEnd => break,
                    _ if !last && input.is_empty() => break,
                    _ => {}
                }
            }
        }
        Ok(out)
    })
}

fn object_path(objects: &Path, id: Oid) -> PathBuf {
    let hex = id.to_string();
    objects.join(&hex[..2]).join(&hex[2..])
}

/// Temporary file in `objects/`, read-only, then renamed into place. No
/// fsync, as with libgit2's default and git's (`core.fsync` leaves loose
/// objects out): the commit that names the object comes after it.
fn write_object_file(objects: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut tmp = tempfile::Builder::new()
        .prefix("tmp_object")
        .permissions(std::fs::Permissions::from_mode(0o444))
        .tempfile_in(objects)?;
    tmp.write_all(bytes)?;
    if let Some(dir) = path.parent() {
        match std::fs::create_dir(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    tmp.persist(path).map(|_| ()).map_err(|e| e.error)
}

fn freshen(path: &Path) {
    use rustix::fs::{AtFlags, CWD, Timestamps, UTIME_NOW, utimensat};
    let now = rustix::fs::Timespec {
        tv_sec: 0,
        tv_nsec: UTIME_NOW,
    };
    let times = Timestamps {
        last_access: now,
        last_modification: now,
    };
    let _ = utimensat(CWD, path, &times, AtFlags::empty());
}

/// `core.looseCompression`, else `core.compression`, else 1 (git's
/// default for loose objects); -1 is zlib's default level.
fn compression_level(repo: &Repository) -> u32 {
    let cfg = repo.config().ok();
    let get = |k: &str| cfg.as_ref().and_then(|c| c.get_i32(k).ok());
    match get("core.looseCompression").or_else(|| get("core.compression")) {
        Some(-1) => 6,
        Some(l @ 0..=9) => l as u32,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use git2::ObjectType;
    use std::os::unix::fs::PermissionsExt;

    fn repo() -> (tempfile::TempDir, Repository) {
        let d = tempfile::tempdir().unwrap();
        let r = Repository::init(d.path()).unwrap();
        (d, r)
    }

    #[test]
    fn ids_match_libgit2() {
        for content in [
            &b""[..],
            b"one\n",
            &[0u8, 255, 10, 13][..],
            &vec![b'x'; 300_000],
        ] {
            assert_eq!(
                blob_id(content),
                Oid::hash_object(ObjectType::Blob, content).unwrap()
            );
        }
    }

    #[test]
    fn file_ids_match_libgit2() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f");
        for len in [0usize, 5, 64 * 1024, 200_001] {
            let content: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            std::fs::write(&p, &content).unwrap();
            assert_eq!(
                file_blob_id(&p).unwrap(),
                Oid::hash_file(ObjectType::Blob, &p).unwrap()
            );
        }
    }

    #[test]
    fn a_written_blob_reads_back_through_libgit2_and_git() {
        let (d, r) = repo();
        let content = "# Session\n\nsome text\n".repeat(5000);
        let id = blob_id(content.as_bytes());
        write_blob(&r, id, content.as_bytes()).unwrap();
        assert_eq!(r.find_blob(id).unwrap().content(), content.as_bytes());
        let path = object_path(&r.path().join("objects"), id);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o222, 0, "objects are read-only");
        // No temporary file is left behind.
        let stray: Vec<_> = std::fs::read_dir(r.path().join("objects"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("tmp_object"))
            .collect();
        assert!(stray.is_empty());
        if let Ok(out) = std::process::Command::new("git")
            .args(["cat-file", "-p", &id.to_string()])
            .current_dir(d.path())
            .output()
        {
            assert!(out.status.success());
            assert_eq!(out.stdout, content.as_bytes());
        }
    }

    #[test]
    fn one_compressor_serves_objects_of_every_size_in_turn() {
        let (_d, r) = repo();
        let big: Vec<u8> = (0..400_000u32).map(|i| (i * 31 % 253) as u8).collect();
        for content in [
            &b""[..],
            b"tiny\n",
            &big,
            b"after a big one\n",
            &big[..70_000],
        ] {
            let id = blob_id(content);
            write_blob(&r, id, content).unwrap();
            assert_eq!(r.find_blob(id).unwrap().content(), content);
        }
    }

    #[test]
    fn an_existing_object_is_refreshed_not_rewritten() {
        let (_d, r) = repo();
        let id = r.blob(b"hello\n").unwrap();
        let path = object_path(&r.path().join("objects"), id);
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        let f = std::fs::File::open(&path).unwrap();
        f.set_modified(old).unwrap();
        let ino = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
        write_blob(&r, blob_id(b"hello\n"), b"hello\n").unwrap();
        let m = std::fs::metadata(&path).unwrap();
        assert_eq!(std::os::unix::fs::MetadataExt::ino(&m), ino);
        assert!(m.modified().unwrap() > old);
    }

    #[test]
    fn the_configured_loose_compression_is_used() {
        let (_d, r) = repo();
        assert_eq!(compression_level(&r), 1);
        r.config().unwrap().set_i32("core.compression", 9).unwrap();
        assert_eq!(compression_level(&r), 9);
        r.config()
            .unwrap()
            .set_i32("core.looseCompression", 0)
            .unwrap();
        assert_eq!(compression_level(&r), 0);
        // Stored uncompressed, still a valid object.
        let content = b"abc".repeat(1000);
        let id = blob_id(&content);
        write_blob(&r, id, &content).unwrap();
        let path = object_path(&r.path().join("objects"), id);
        assert!(std::fs::metadata(&path).unwrap().len() > 3000);
        assert_eq!(r.find_blob(id).unwrap().content(), &content[..]);
    }
}
