//! The git index file (`.git/index`), read and written directly.
//!
//! libgit2 checks a collision-detecting SHA-1 over the whole file on every
//! load and again on every write, and validates each path as it copies it:
//! about 8 ms per load of a 10,000-file index. Git itself does not verify
//! the checksum on an ordinary read, and neither do we; a structural error
//! is still refused. Only what the status scan and the pause commit need is
//! interpreted: the entries and the cache tree (`TREE`). Other extensions
//! are kept as opaque bytes, and the writer decides which survive.
//!
//! Format: <https://git-scm.com/docs/index-format>.

use sha1::{Digest, Sha1};

pub const OID_LEN: usize = 20;
pub type RawOid = [u8; OID_LEN];

/// `flags` bits.
pub const ASSUME_VALID: u16 = 0x8000;
pub const EXTENDED: u16 = 0x4000;
const STAGE_MASK: u16 = 0x3000;
const NAME_MASK: u16 = 0x0fff;
/// Extended-flags bits (version 3 and later).
pub const SKIP_WORKTREE: u16 = 0x4000;
pub const INTENT_TO_ADD: u16 = 0x2000;

/// Deepest path accepted (folder levels); far beyond any real tree.
const MAX_DEPTH: usize = 1024;

pub const MODE_FILE: u32 = 0o100644;
pub const MODE_EXEC: u32 = 0o100755;
pub const MODE_LINK: u32 = 0o120000;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    #[error("not a git index (bad signature)")]
    Signature,
    #[error("git index version {0} is not supported")]
    Version(u32),
    #[error("the git index is truncated or malformed ({0})")]
    Malformed(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub ctime: (u32, u32),
    pub mtime: (u32, u32),
    pub dev: u32,
    pub ino: u32,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u32,
    pub oid: RawOid,
    /// As stored; the name-length bits are recomputed on write.
    pub flags: u16,
    /// Present when `flags` has [`EXTENDED`].
    pub ext_flags: u16,
    pub path: Vec<u8>,
}

impl Entry {
    pub fn stage(&self) -> u16 {
        (self.flags & STAGE_MASK) >> 12
    }
    pub fn extended(&self) -> bool {
        self.flags & EXTENDED != 0
    }
}

/// The stat fields an entry records, cut to 32 bits as the index stores
/// them (device excepted: it is recorded but never compared).
pub struct Stat {
    pub ctime: (u32, u32),
    pub mtime: (u32, u32),
    pub dev: u32,
    pub ino: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u32,
}

impl From<&std::fs::Metadata> for Stat {
    fn from(m: &std::fs::Metadata) -> Stat {
        use std::os::unix::fs::MetadataExt;
        Stat {
            ctime: (m.ctime() as u32, m.ctime_nsec() as u32),
            mtime: (m.mtime() as u32, m.mtime_nsec() as u32),
            dev: m.dev() as u32,
            ino: m.ino() as u32,
            uid: m.uid(),
            gid: m.gid(),
            size: m.size() as u32,
        }
    }
}

impl From<&rustix::fs::Stat> for Stat {
    fn from(st: &rustix::fs::Stat) -> Stat {
        Stat {
            ctime: (st.st_ctime as u32, st.st_ctime_nsec as u32),
            mtime: (st.st_mtime as u32, st.st_mtime_nsec as u32),
            dev: st.st_dev as u32,
            ino: st.st_ino as u32,
            uid: st.st_uid,
            gid: st.st_gid,
            size: st.st_size as u32,
        }
    }
}

impl Entry {
    /// Does the recorded stat data still describe the file? A recorded
    /// nanosecond of 0 means the writer kept none.
    pub fn stat_matches(&self, s: &Stat) -> bool {
        let ns = |recorded: u32, now: u32| recorded == 0 || recorded == now;
        self.mtime.0 == s.mtime.0
            && ns(self.mtime.1, s.mtime.1)
            && self.ctime.0 == s.ctime.0
            && ns(self.ctime.1, s.ctime.1)
            && self.ino == s.ino
            && self.size == s.size
            && self.uid == s.uid
            && self.gid == s.gid
    }

    /// Written in the same second as the index (`index_mtime`) or later:
    /// "racily clean", so only the content can tell, as git does.
    pub fn racy(&self, index_mtime: Option<i64>) -> bool {
        index_mtime.is_some_and(|t| i64::from(self.mtime.0) >= t)
    }
}

/// Git's canonical form of an index mode (old indexes may hold 100664).
pub fn canonical_mode(mode: u32) -> u32 {
    match mode & 0o170000 {
        0o100000 if mode & 0o100 != 0 => MODE_EXEC,
        0o100000 => MODE_FILE,
        _ => mode,
    }
}

/// A tree entry's mode as git writes it (octal, then a space); the common
/// modes without the formatter, which showed in profiles of whole-index
/// tree ids.
fn push_mode(out: &mut Vec<u8>, mode: u32) {
    match mode {
        MODE_FILE => out.extend_from_slice(b"100644 "),
        MODE_EXEC => out.extend_from_slice(b"100755 "),
        MODE_LINK => out.extend_from_slice(b"120000 "),
        _ => out.extend_from_slice(format!("{mode:o} ").as_bytes()),
    }
}

/// Is this path a `.gitattributes` file (whose rules filter content)?
pub fn is_attributes(path: &[u8]) -> bool {
    path.rsplit(|&c| c == b'/').next() == Some(b".gitattributes")
}

/// An object id in the index's raw form.
pub fn raw_oid(o: git2::Oid) -> RawOid {
    let mut b = [0u8; OID_LEN];
    b.copy_from_slice(o.as_bytes());
    b
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub signature: [u8; 4],
    pub data: Vec<u8>,
}

impl Extension {
    /// Git may ignore an extension whose signature starts with `A`..`Z`;
    /// any other must be understood.
    pub fn optional(&self) -> bool {
        self.signature[0].is_ascii_uppercase()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    pub version: u32,
    pub entries: Vec<Entry>,
    pub extensions: Vec<Extension>,
    /// The trailing checksum as read (all zero from `index.skipHash`).
    pub checksum: RawOid,
}

impl IndexFile {
    pub fn empty() -> Self {
        IndexFile {
            version: 2,
            entries: Vec::new(),
            extensions: Vec::new(),
            checksum: [0; OID_LEN],
        }
    }

    #[cfg(test)]
    fn extension(&self, sig: &[u8; 4]) -> Option<&Extension> {
        self.extensions.iter().find(|e| &e.signature == sig)
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], Error> {
        let end = self.at.checked_add(n).ok_or(Error::Malformed(what))?;
        let s = self.b.get(self.at..end).ok_or(Error::Malformed(what))?;
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self, what: &'static str) -> Result<u32, Error> {
        let s = self.take(4, what)?;
        Ok(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u16(&mut self, what: &'static str) -> Result<u16, Error> {
        let s = self.take(2, what)?;
        Ok(u16::from_be_bytes([s[0], s[1]]))
    }
    /// How many bytes come before the next NUL.
    fn len_to_nul(&self, what: &'static str) -> Result<usize, Error> {
        let rest = self.b.get(self.at..).ok_or(Error::Malformed(what))?;
        rest.iter()
            .position(|&c| c == 0)
            .ok_or(Error::Malformed(what))
    }
    /// Bytes up to (not including) the next NUL, which is consumed.
    fn until_nul(&mut self, what: &'static str) -> Result<&'a [u8], Error> {
        let n = self.len_to_nul(what)?;
        let s = self.take(n, what)?;
        self.at += 1;
        Ok(s)
    }
}

/// Git's offset varint (used by version 4 path compression).
fn read_varint(r: &mut Reader) -> Result<usize, Error> {
    let what = "path prefix";
    let mut c = r.take(1, what)?[0];
    let mut v = usize::from(c & 0x7f);
    while c & 0x80 != 0 {
        v = v
            .checked_add(1)
            .and_then(|v| v.checked_mul(128))
            .ok_or(Error::Malformed(what))?;
        c = r.take(1, what)?[0];
        v += usize::from(c & 0x7f);
    }
    Ok(v)
}

fn write_varint(out: &mut Vec<u8>, mut v: usize) {
    let mut buf = [0u8; 16];
    let mut pos = buf.len() - 1;
    buf[pos] = (v & 0x7f) as u8;
    v >>= 7;
    while v != 0 {
        v -= 1;
        pos -= 1;
        buf[pos] = 0x80 | (v & 0x7f) as u8;
        v >>= 7;
    }
    out.extend_from_slice(&buf[pos..]);
}

/// Read an index file's bytes. The trailing checksum is not verified (see
/// the module note); everything else is bounds-checked.
pub fn parse(b: &[u8]) -> Result<IndexFile, Error> {
    if b.len() < 12 + OID_LEN {
        return Err(Error::Malformed("too short"));
    }
    let body = &b[..b.len() - OID_LEN];
    let mut r = Reader { b: body, at: 0 };
    if r.take(4, "header")? != b"DIRC" {
        return Err(Error::Signature);
    }
    let version = r.u32("header")?;
    if !(2..=4).contains(&version) {
        return Err(Error::Version(version));
    }
    let count = r.u32("header")? as usize;
    // Each entry takes at least 62 bytes, so a wild count is refused
    // before it can size an allocation.
    if count > body.len() / 62 {
        return Err(Error::Malformed("entry count"));
    }
    let mut entries: Vec<Entry> = Vec::with_capacity(count);
    for _ in 0..count {
        let start = r.at;
        let what = "entry";
        let ctime = (r.u32(what)?, r.u32(what)?);
        let mtime = (r.u32(what)?, r.u32(what)?);
        let dev = r.u32(what)?;
        let ino = r.u32(what)?;
        let mode = r.u32(what)?;
        let uid = r.u32(what)?;
        let gid = r.u32(what)?;
        let size = r.u32(what)?;
        let mut oid = [0u8; OID_LEN];
        oid.copy_from_slice(r.take(OID_LEN, what)?);
        let flags = r.u16(what)?;
        let ext_flags = if flags & EXTENDED != 0 {
            if version < 3 {
                return Err(Error::Malformed("extended flags in a version 2 index"));
            }
            r.u16(what)?
        } else {
            0
        };
        let named = usize::from(flags & NAME_MASK);
        let path = if version == 4 {
            let strip = read_varint(&mut r)?;
            let prev = entries.last().map(|e| e.path.as_slice()).unwrap_or(b"");
            let keep = prev
                .len()
                .checked_sub(strip)
                .ok_or(Error::Malformed("path prefix"))?;
            let suffix = r.until_nul("path")?;
            [&prev[..keep], suffix].concat()
        } else {
            // The length is in the flags, unless it is too long for them.
            let n = if named < usize::from(NAME_MASK) {
                named
            } else {
                r.len_to_nul("path")?
            };
            let path = r.take(n, "path")?.to_vec();
            // NUL padding to a multiple of eight, at least one byte.
            let pad = 8 - (r.at - start) % 8;
            if r.take(pad, "entry padding")?.iter().any(|&c| c != 0) {
                return Err(Error::Malformed("entry padding"));
            }
            path
        };
        if named != path.len().min(usize::from(NAME_MASK)) || path.contains(&0) {
            return Err(Error::Malformed("path length"));
        }
        // Git keeps entries sorted and unique; the readers here rely on
        // it, and walk paths one folder level per call.
        let stage = (flags & STAGE_MASK) >> 12;
        if let Some(prev) = entries.last()
            && (prev.path.as_slice(), prev.stage()) >= (path.as_slice(), stage)
        {
            return Err(Error::Malformed("entry order"));
        }
        if path.len() > MAX_DEPTH && path.iter().filter(|&&c| c == b'/').count() > MAX_DEPTH {
            return Err(Error::Malformed("path depth"));
        }
        entries.push(Entry {
            ctime,
            mtime,
            dev,
            ino,
            mode,
            uid,
            gid,
            size,
            oid,
            flags,
            ext_flags,
            path,
        });
    }
    let mut extensions = Vec::new();
    while r.at < body.len() {
        let mut signature = [0u8; 4];
        signature.copy_from_slice(r.take(4, "extension")?);
        let len = r.u32("extension")? as usize;
        let data = r.take(len, "extension")?.to_vec();
        extensions.push(Extension { signature, data });
    }
    let mut checksum = [0u8; OID_LEN];
    checksum.copy_from_slice(&b[b.len() - OID_LEN..]);
    Ok(IndexFile {
        version,
        entries,
        extensions,
        checksum,
    })
}

/// The file's bytes, checksum included. Entries must be sorted.
pub fn to_bytes(ix: &IndexFile) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + ix.entries.len() * 88);
    out.extend_from_slice(b"DIRC");
    out.extend_from_slice(&ix.version.to_be_bytes());
    out.extend_from_slice(&(ix.entries.len() as u32).to_be_bytes());
    let mut prev: &[u8] = b"";
    for e in &ix.entries {
        let start = out.len();
        for v in [
            e.ctime.0, e.ctime.1, e.mtime.0, e.mtime.1, e.dev, e.ino, e.mode, e.uid, e.gid, e.size,
        ] {
            out.extend_from_slice(&v.to_be_bytes());
        }
        out.extend_from_slice(&e.oid);
        let named = e.path.len().min(usize::from(NAME_MASK)) as u16;
        out.extend_from_slice(&((e.flags & !NAME_MASK) | named).to_be_bytes());
        if e.extended() {
            out.extend_from_slice(&e.ext_flags.to_be_bytes());
        }
        if ix.version == 4 {
            let common = prev.iter().zip(&e.path).take_while(|(a, b)| a == b).count();
            write_varint(&mut out, prev.len() - common);
            out.extend_from_slice(&e.path[common..]);
            out.push(0);
            prev = &e.path;
        } else {
            out.extend_from_slice(&e.path);
            let len = out.len() - start;
            // At least one NUL, up to a multiple of eight.
            let pad = 8 - len % 8;
            out.resize(out.len() + pad, 0);
        }
    }
    for x in &ix.extensions {
        out.extend_from_slice(&x.signature);
        out.extend_from_slice(&(x.data.len() as u32).to_be_bytes());
        out.extend_from_slice(&x.data);
    }
    let sum = Sha1::digest(&out);
    out.extend_from_slice(&sum);
    out
}

/// The tree id of every folder the entries make (stage-0 entries only),
/// keyed by folder path ("" for the root), exactly as `git write-tree`
/// would write them.
pub fn tree_ids(entries: &[Entry]) -> std::collections::HashMap<Vec<u8>, RawOid> {
    let mut out = std::collections::HashMap::new();
    let _ = trees::<std::convert::Infallible>(b"", entries, &mut |dir, id, _| {
        out.insert(dir.to_vec(), id);
        Ok(())
    });
    out
}

/// Called with a folder path, its tree id and the tree's content.
pub type EachTree<'a, E> = dyn FnMut(&[u8], RawOid, &[u8]) -> Result<(), E> + 'a;

/// Every tree the entries make under `prefix` (empty, or a folder path
/// ending in `/`, with all entries inside it), deepest first: `each` gets
/// the folder path, the tree id and the tree's content (without the object
/// header). Returns the id of the tree at `prefix`. Index order is tree
/// order (git sorts a folder as its name plus `/`, which is where its
/// entries fall in the index), so each folder's entries are already in
/// place.
pub fn trees<E>(prefix: &[u8], entries: &[Entry], each: &mut EachTree<E>) -> Result<RawOid, E> {
    let mut body = Vec::with_capacity(entries.len().min(256) * 40);
    let mut i = 0;
    while i < entries.len() {
        let e = &entries[i];
        let rest = &e.path[prefix.len()..];
        match rest.iter().position(|&c| c == b'/') {
            Some(s) => {
                let name = &rest[..s];
                let sub = &e.path[..prefix.len() + s + 1];
                let n = entries[i..].partition_point(|x| x.path.starts_with(sub));
                let id = trees(sub, &entries[i..i + n], each)?;
                body.extend_from_slice(b"40000 ");
                body.extend_from_slice(name);
                body.push(0);
                body.extend_from_slice(&id);
                i += n;
            }
            None => {
                if e.stage() == 0 {
                    push_mode(&mut body, canonical_mode(e.mode));
                    body.extend_from_slice(rest);
                    body.push(0);
                    body.extend_from_slice(&e.oid);
                }
                i += 1;
            }
        }
    }
    let id = super::loose::object_id("tree", &body);
    each(prefix.strip_suffix(b"/").unwrap_or(prefix), id, &body)?;
    Ok(id)
}

/// The cache tree: for each folder, the tree id its index entries make,
/// or nothing when an edit has invalidated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheTree {
    pub name: Vec<u8>,
    /// Index entries covered; -1 when invalid.
    pub entry_count: i64,
    pub oid: Option<RawOid>,
    pub children: Vec<CacheTree>,
}

impl CacheTree {
    pub fn parse(data: &[u8]) -> Result<CacheTree, Error> {
        let mut r = Reader { b: data, at: 0 };
        let root = Self::read(&mut r, 0)?;
        if r.at != data.len() {
            return Err(Error::Malformed("cache tree"));
        }
        Ok(root)
    }

    fn read(r: &mut Reader, depth: usize) -> Result<CacheTree, Error> {
        let what = "cache tree";
        if depth > 4096 {
            return Err(Error::Malformed(what));
        }
        let name = r.until_nul(what)?.to_vec();
        let rest = r.b.get(r.at..).ok_or(Error::Malformed(what))?;
        let nl = rest
            .iter()
            .position(|&c| c == b'\n')
            .ok_or(Error::Malformed(what))?;
        let line = std::str::from_utf8(&rest[..nl]).map_err(|_| Error::Malformed(what))?;
        r.at += nl + 1;
        let (count, subtrees) = line.split_once(' ').ok_or(Error::Malformed(what))?;
        let entry_count: i64 = count.parse().map_err(|_| Error::Malformed(what))?;
        let subtrees: usize = subtrees.parse().map_err(|_| Error::Malformed(what))?;
        let oid = if entry_count >= 0 {
            let mut o = [0u8; OID_LEN];
            o.copy_from_slice(r.take(OID_LEN, what)?);
            Some(o)
        } else {
            None
        };
        let mut children = Vec::with_capacity(subtrees.min(1024));
        for _ in 0..subtrees {
            children.push(Self::read(r, depth + 1)?);
        }
        Ok(CacheTree {
            name,
            entry_count,
            oid,
            children,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.name);
        out.push(0);
        out.extend_from_slice(format!("{} {}\n", self.entry_count, self.children.len()).as_bytes());
        if let (true, Some(o)) = (self.entry_count >= 0, &self.oid) {
            out.extend_from_slice(o);
        }
        for c in &self.children {
            c.write(out);
        }
    }

    #[cfg(test)]
    fn child(&self, name: &[u8]) -> Option<&CacheTree> {
        self.children.iter().find(|c| c.name == name)
    }

    /// This folder's tree id, when still valid.
    #[cfg(test)]
    fn valid_oid(&self) -> Option<&RawOid> {
        if self.entry_count >= 0 {
            self.oid.as_ref()
        } else {
            None
        }
    }

    /// Mark every folder on the way to `path` (a file) as changed, as git
    /// does when it updates that file's entry.
    pub fn invalidate(&mut self, path: &[u8]) {
        self.entry_count = -1;
        self.oid = None;
        if let Some(slash) = path.iter().position(|&c| c == b'/') {
            let (dir, rest) = (&path[..slash], &path[slash + 1..]);
            if let Some(c) = self.children.iter_mut().find(|c| c.name == dir) {
                c.invalidate(rest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::write_file as write;
    use std::path::Path;

    /// A repository whose index libgit2 has written, with nested folders,
    /// an executable, a symlink and a long path.
    fn repo_with_index(version: u32) -> (tempfile::TempDir, git2::Repository) {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        for rel in ["a.txt", "a-b", "a/x.rs", "a/y/z.md", "b/c/d/e/f.txt"] {
            write(dir.path(), rel, rel);
        }
        let long = format!("deep/{}.txt", "n".repeat(4200));
        let long = &long[..long.len().min(250)];
        write(dir.path(), long, "long");
        std::os::unix::fs::symlink("a.txt", dir.path().join("link")).unwrap();
        let exe = dir.path().join("run.sh");
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        {
            let mut idx = repo.index().unwrap();
            idx.set_version(version).unwrap();
            idx.add_all(["*"].iter(), git2::IndexAddOption::DEFAULT, None)
                .unwrap();
            if version == 3 {
                // libgit2 writes version 3 only when an entry needs it.
                let mut e = idx.get_path(Path::new("a-b"), 0).unwrap();
                e.flags_extended |= SKIP_WORKTREE;
                idx.add(&e).unwrap();
            }
            idx.write().unwrap();
            crate::git::commit_index(
                &repo,
                &mut idx,
                &git2::Signature::now("t", "t@example.com").unwrap(),
                "first",
            )
            .unwrap();
            idx.write().unwrap();
        }
        (dir, repo)
    }

    #[test]
    fn libgit2_indexes_of_every_version_read_back_byte_for_byte() {
        for version in [2, 3, 4] {
            let (_d, repo) = repo_with_index(version);
            let bytes = std::fs::read(repo.path().join("index")).unwrap();
            let ix = parse(&bytes).unwrap();
            assert_eq!(ix.version, version);
            assert_eq!(
                ix.entries
                    .iter()
                    .filter(|e| e.ext_flags & SKIP_WORKTREE != 0)
                    .count(),
                usize::from(version == 3)
            );
            let lib = repo.index().unwrap();
            assert_eq!(ix.entries.len(), lib.len());
            for (mine, theirs) in ix.entries.iter().zip(lib.iter()) {
                assert_eq!(mine.path, theirs.path);
                assert_eq!(mine.oid, theirs.id.as_bytes());
                assert_eq!(mine.mode, theirs.mode);
                assert_eq!(mine.size, theirs.file_size);
                assert_eq!(
                    mine.mtime,
                    (theirs.mtime.seconds() as u32, theirs.mtime.nanoseconds())
                );
            }
            assert_eq!(to_bytes(&ix), bytes, "version {version} round trip");
        }
    }

    #[test]
    fn cache_tree_reads_back_and_names_each_folder() {
        let (_d, repo) = repo_with_index(2);
        let ix = parse(&std::fs::read(repo.path().join("index")).unwrap()).unwrap();
        let data = &ix
            .extension(b"TREE")
            .expect("libgit2 writes a cache tree")
            .data;
        let ct = CacheTree::parse(data).unwrap();
        assert_eq!(&ct.to_bytes(), data);
        let head = repo.head().unwrap().peel_to_tree().unwrap();
        assert_eq!(ct.valid_oid().unwrap(), head.id().as_bytes());
        let a = head.get_name("a").unwrap().id();
        assert_eq!(ct.child(b"a").unwrap().valid_oid().unwrap(), a.as_bytes());

        let mut inv = ct.clone();
        inv.invalidate(b"a/y/z.md");
        assert!(inv.valid_oid().is_none());
        let a = inv.child(b"a").unwrap();
        assert!(a.valid_oid().is_none());
        assert!(a.child(b"y").unwrap().valid_oid().is_none());
        assert!(inv.child(b"b").unwrap().valid_oid().is_some());
        let again = CacheTree::parse(&inv.to_bytes()).unwrap();
        assert_eq!(again, inv);
    }

    #[test]
    fn tree_ids_are_the_trees_git_writes() {
        for version in [2, 4] {
            let (_d, repo) = repo_with_index(version);
            let ix = parse(&std::fs::read(repo.path().join("index")).unwrap()).unwrap();
            let ids = tree_ids(&ix.entries);
            let head = repo.head().unwrap().peel_to_tree().unwrap();
            assert_eq!(&ids[&b""[..]], head.id().as_bytes());
            let deep = head.get_path(Path::new("b/c/d")).unwrap().id();
            assert_eq!(&ids[&b"b/c/d"[..]], deep.as_bytes());
            assert_eq!(ids.len(), 8, "{:?}", ids.keys().collect::<Vec<_>>());
        }
    }

    #[test]
    fn varints_round_trip_at_their_edges() {
        for v in [
            0usize,
            1,
            127,
            128,
            129,
            16383,
            16384,
            16511,
            16512,
            1 << 30,
        ] {
            let mut out = Vec::new();
            write_varint(&mut out, v);
            let mut r = Reader { b: &out, at: 0 };
            assert_eq!(read_varint(&mut r).unwrap(), v);
            assert_eq!(r.at, out.len());
        }
    }

    #[test]
    fn damaged_indexes_are_refused_not_misread() {
        let (_d, repo) = repo_with_index(2);
        let bytes = std::fs::read(repo.path().join("index")).unwrap();
        assert_eq!(parse(&bytes[..30]), Err(Error::Malformed("too short")));
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert_eq!(parse(&bad), Err(Error::Signature));
        let mut bad = bytes.clone();
        bad[7] = 9;
        assert_eq!(parse(&bad), Err(Error::Version(9)));
        // Every truncation is refused or reads fewer extensions, never
        // panics.
        for cut in (12..bytes.len()).step_by(7) {
            let mut t = bytes[..cut].to_vec();
            t.extend_from_slice(&[0; OID_LEN]);
            let _ = parse(&t);
        }
        let mut bad = bytes.clone();
        bad[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(parse(&bad), Err(Error::Malformed("entry count")));
    }
}
