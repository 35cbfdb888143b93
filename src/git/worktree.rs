//! Working-tree status computed from the index file itself, the way git
//! does it: stat data first, file content only when the stat data cannot
//! settle it, and the cache tree to skip every folder on which HEAD and
//! the index agree.
//!
//! This is the fast path of [`super::status`]. It declines (and the
//! libgit2 scan runs instead) for anything it does not model exactly:
//! conflicts, submodules, sparse or split indexes, case-insensitive or
//! symlink-less checkouts, and content filters when a file would have to
//! be hashed.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use git2::{ObjectType, Repository};

use super::index::{self, Entry, IndexFile};
use super::{UNSCANNED, WorkStatus, loose};

/// Why the fast path stepped aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decline(pub &'static str);

/// The index as read, with its file's modification time (entries written
/// in the same second or later are "racily clean": only content can tell).
pub struct Loaded {
    pub file: IndexFile,
    pub mtime_secs: Option<i64>,
    /// What identifies this version of the file: path, length, mtime and
    /// inode, plus the trailing checksum.
    stamp: Option<(std::path::PathBuf, u64, i64, i64, u64)>,
}

/// The index the last scan read, kept so the pause commit that follows in
/// the same process need not read and parse it again.
static LAST: std::sync::Mutex<Option<std::sync::Arc<Loaded>>> = std::sync::Mutex::new(None);

fn read_index(repo: &Repository) -> Result<Loaded, Decline> {
    use std::os::unix::fs::MetadataExt;
    let path = repo.path().join("index");
    let mut f = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Loaded {
                file: IndexFile::empty(),
                mtime_secs: None,
                stamp: None,
            });
        }
        Err(_) => return Err(Decline("the index could not be read")),
    };
    let meta = f
        .metadata()
        .map_err(|_| Decline("the index could not be read"))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(&mut f, &mut bytes)
        .map_err(|_| Decline("the index could not be read"))?;
    let file = index::parse(&bytes).map_err(|_| Decline("the index did not parse"))?;
    Ok(Loaded {
        file,
        mtime_secs: Some(meta.mtime()),
        stamp: Some((
            path,
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ino(),
        )),
    })
}

/// Is `l` still what is on disk? The stat data must match and so must the
/// trailing checksum (libgit2 relies on the checksum alone).
fn current(l: &Loaded, repo: &Repository) -> bool {
    use std::os::unix::fs::{FileExt, MetadataExt};
    let Some((path, len, mtime, nsec, ino)) = &l.stamp else {
        return false;
    };
    if *path != repo.path().join("index") {
        return false;
    }
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(m) = f.metadata() else { return false };
    let mut tail = [0u8; index::OID_LEN];
    (m.len(), m.mtime(), m.mtime_nsec(), m.ino()) == (*len, *mtime, *nsec, *ino)
        && f.read_exact_at(&mut tail, len.saturating_sub(index::OID_LEN as u64))
            .is_ok()
        && tail == l.file.checksum
}

/// Read `.git/index` (a missing file is an empty index) and keep it for
/// [`load_owned`].
pub fn load(repo: &Repository) -> Result<std::sync::Arc<Loaded>, Decline> {
    let l = std::sync::Arc::new(read_index(repo)?);
    if let Ok(mut last) = LAST.lock() {
        *last = Some(l.clone());
    }
    Ok(l)
}

/// The index to edit: the one the last scan read when it is still
/// current, else a fresh read.
pub fn load_owned(repo: &Repository) -> Result<Loaded, Decline> {
    let kept = LAST.lock().ok().and_then(|mut l| l.take());
    if let Some(l) = kept
        && current(&l, repo)
    {
        return Ok(std::sync::Arc::try_unwrap(l).unwrap_or_else(|l| Loaded {
            file: l.file.clone(),
            mtime_secs: l.mtime_secs,
            stamp: l.stamp.clone(),
        }));
    }
    read_index(repo)
}

/// What the scan needs from the repository's configuration.
pub(crate) struct Settings {
    pub filemode: bool,
    /// Some file's content may be filtered before hashing (line endings,
    /// `.gitattributes`), which only libgit2 applies correctly.
    pub filters: bool,
}

pub(crate) fn settings(repo: &Repository, ix: &IndexFile) -> Result<Settings, Decline> {
    let cfg = repo.config().map_err(|_| Decline("no config"))?;
    let flag = |k: &str, d: bool| cfg.get_bool(k).unwrap_or(d);
    if flag("core.ignorecase", false) {
        return Err(Decline("core.ignorecase"));
    }
    if !flag("core.symlinks", true) {
        return Err(Decline("core.symlinks is false"));
    }
    let autocrlf = cfg
        .get_string("core.autocrlf")
        .map(|v| {
            !matches!(
                v.to_ascii_lowercase().as_str(),
                "false" | "no" | "off" | "0"
            )
        })
        .unwrap_or(false);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))
        .map(|c| c.join("git/attributes"));
    let filters = autocrlf
        || cfg.get_string("core.attributesfile").is_ok()
        || xdg.is_some_and(|p| p.exists())
        || repo.commondir().join("info/attributes").exists()
        || Path::new("/etc/gitattributes").exists()
        || ix.entries.iter().any(|e| index::is_attributes(&e.path));
    Ok(Settings {
        filemode: flag("core.filemode", true),
        filters,
    })
}

/// Refuse indexes this scan does not model.
pub fn check(ix: &IndexFile) -> Result<(), Decline> {
    if ix.extensions.iter().any(|x| !x.optional()) {
        return Err(Decline(
            "the index has a required extension (split or sparse)",
        ));
    }
    for e in &ix.entries {
        if e.stage() != 0 {
            return Err(Decline("the index has conflicts"));
        }
        if e.flags & index::ASSUME_VALID != 0
            || e.ext_flags & (index::SKIP_WORKTREE | index::INTENT_TO_ADD) != 0
        {
            return Err(Decline(
                "the index has assume-valid, skip-worktree or intent-to-add entries",
            ));
        }
        if !matches!(e.mode & 0o170000, 0o100000 | 0o120000) {
            return Err(Decline("the index has submodules"));
        }
    }
    Ok(())
}

/// The status of the working tree (leaving out the store), or why the
/// fast path declined.
pub fn status(repo: &Repository, threads: usize) -> Result<WorkStatus, Decline> {
    let workdir = repo.workdir().ok_or(Decline("no working tree"))?;
    let loaded = load(repo)?;
    let ix = &loaded.file;
    check(ix)?;
    let settings = settings(repo, ix)?;
    // The staged check reads HEAD's trees on this thread while the walk's
    // threads wait on the file system.
    let mut staged_paths = None;
    let mut ws = walk(repo, workdir, &loaded, &settings, threads, &mut || {
        staged_paths = Some(staged(repo, ix))
    })?;
    ws.staged = staged_paths.unwrap_or_else(|| staged(repo, ix));
    ws.modified.sort();
    ws.staged.sort();
    ws.untracked.sort();
    Ok(ws)
}

fn unscanned(path: &[u8]) -> bool {
    UNSCANNED
        .iter()
        .any(|u| path.starts_with(u) && matches!(path.get(u.len()), None | Some(b'/')))
}

/// A path as text; a name that is not UTF-8 is left out, as the libgit2
/// scan leaves it out.
fn text(p: &[u8]) -> Option<String> {
    std::str::from_utf8(p).ok().map(str::to_string)
}

/// Paths whose index entry differs from HEAD. The index's own tree ids
/// are computed (cheap: one SHA-1 over each folder listing), and every
/// folder whose id equals HEAD's is skipped whole, so only the HEAD trees
/// on the way to a staged change are read.
fn staged(repo: &Repository, ix: &IndexFile) -> Vec<String> {
    let head = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    let ids = index::tree_ids(&ix.entries);
    let mut out = Vec::new();
    compare(repo, b"", head.as_ref(), &ix.entries, &ids, &mut out);
    out
}

fn compare(
    repo: &Repository,
    prefix: &[u8],
    tree: Option<&git2::Tree>,
    entries: &[Entry],
    ids: &HashMap<Vec<u8>, index::RawOid>,
    out: &mut Vec<String>,
) {
    let dir = prefix.strip_suffix(b"/").unwrap_or(prefix);
    if let Some(t) = tree
        && ids.get(dir) == Some(&index::raw_oid(t.id()))
    {
        return;
    }
    // The index entries under `prefix`, grouped by their next component:
    // files directly here, and runs of entries in each subfolder.
    let mut files: std::collections::BTreeMap<&[u8], &Entry> = Default::default();
    let mut dirs: std::collections::BTreeMap<&[u8], &[Entry]> = Default::default();
    let mut i = 0;
    while i < entries.len() {
        let rest = &entries[i].path[prefix.len()..];
        match rest.iter().position(|&c| c == b'/') {
            Some(s) => {
                let name = &rest[..s];
                let mut j = i + 1;
                while j < entries.len() {
                    let r = &entries[j].path[prefix.len()..];
                    if r.len() > s && r[s] == b'/' && &r[..s] == name {
                        j += 1;
                    } else {
                        break;
                    }
                }
                dirs.insert(name, &entries[i..j]);
                i = j;
            }
            None => {
                files.insert(rest, &entries[i]);
                i += 1;
            }
        }
    }
    let top = prefix.is_empty();
    let path_of = |name: &[u8]| [prefix, name].concat();
    let mut seen: HashSet<&[u8]> = HashSet::new();
    if let Some(t) = tree {
        for te in t.iter() {
            let name = te.name_bytes();
            if top && UNSCANNED.contains(&name) {
                continue;
            }
            let is_tree = te.kind() == Some(ObjectType::Tree);
            if is_tree {
                let p = [prefix, name, b"/"].concat();
                match dirs.get_key_value(name) {
                    Some((&key, run)) => {
                        seen.insert(key);
                        // Read HEAD's folder only when it differs.
                        if ids.get(&p[..p.len() - 1]) != Some(&index::raw_oid(te.id())) {
                            let sub = repo.find_tree(te.id()).ok();
                            compare(repo, &p, sub.as_ref(), run, ids, out);
                        }
                    }
                    None => {
                        if let Ok(sub) = repo.find_tree(te.id()) {
                            all_files(repo, &p, &sub, out);
                        }
                    }
                }
            } else {
                let same = files.get(name).is_some_and(|e| {
                    index::canonical_mode(e.mode) == te.filemode() as u32
                        && e.oid == index::raw_oid(te.id())
                });
                if !same {
                    out.extend(text(&path_of(name)));
                }
            }
        }
    }
    // Index files HEAD has no file for, and folders HEAD does not have.
    for (name, _) in files {
        let in_tree = tree
            .and_then(|t| t.get_name_bytes(name))
            .is_some_and(|te| te.kind() != Some(ObjectType::Tree));
        if !(in_tree || top && UNSCANNED.contains(&name)) {
            out.extend(text(&path_of(name)));
        }
    }
    for (name, run) in dirs {
        if !(seen.contains(name) || top && UNSCANNED.contains(&name)) {
            out.extend(run.iter().filter_map(|e| text(&e.path)));
        }
    }
}

/// Every file under a HEAD folder the index no longer has.
fn all_files(repo: &Repository, prefix: &[u8], tree: &git2::Tree, out: &mut Vec<String>) {
    for te in tree.iter() {
        let p = [prefix, te.name_bytes()].concat();
        if te.kind() == Some(ObjectType::Tree) {
            if let Ok(sub) = repo.find_tree(te.id()) {
                all_files(repo, &[p.as_slice(), b"/"].concat(), &sub, out);
            }
        } else {
            out.extend(text(&p));
        }
    }
}

/// One folder's share of the walk.
/// The folder listing cache, in the repository's git folder (per working
/// tree, beside its index).
const FOLDER_CACHE: &str = "session-hook-folders.json";

/// What listing a folder showed, kept between scans. Creating, removing or
/// renaming a name in a folder changes the folder's mtime and ctime, so a
/// folder whose stat data is unchanged holds the same names and need not be
/// listed again (the scan still stats every tracked file in it). Only
/// folders last changed well before the scan are kept: a change in the same
/// timestamp tick as the listing could leave the stat data as it was.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Listed {
    /// dev, inode, mtime (s, ns), ctime (s, ns).
    stamp: [i64; 6],
    /// How many files and symlinks.
    files: usize,
    /// Every subfolder's name.
    folders: Vec<String>,
    /// Files that were untracked when listed.
    untracked: Vec<String>,
}

/// Local file systems whose folders' times change with every name
/// created, removed or renamed in them, on this machine's clock. Network
/// and FUSE file systems cache attributes or keep another machine's time,
/// so their folders are always listed.
#[cfg(target_os = "linux")]
fn mtimes_trusted(root: &rustix::fd::OwnedFd) -> bool {
    const LOCAL: [u64; 7] = [
        0xEF53,      // ext2, ext3, ext4
        0x5846_5342, // xfs
        0x9123_683E, // btrfs
        0x0102_1994, // tmpfs
        0x2FC1_2FC1, // zfs
        0xF2F5_2010, // f2fs
        0x794C_7630, // overlayfs
    ];
    rustix::fs::fstatfs(root).is_ok_and(|s| LOCAL.contains(&(s.f_type as u64)))
}

/// Changed at least two seconds before `now`.
fn settled(stamp: &[i64; 6], now: i64) -> bool {
    stamp[2] + 2 <= now && stamp[4] + 2 <= now
}

fn read_folder_cache(path: &Path) -> HashMap<String, Listed> {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Best effort (a cache, so no fsync); a stale or lost file only costs a
/// listing.
fn write_folder_cache(path: &Path, folders: &HashMap<String, Listed>) {
    if let Ok(bytes) = serde_json::to_vec(folders) {
        let _ = crate::fsutil::write_unsynced(path, &bytes);
    }
}

#[derive(Default)]
struct Found {
    /// Folders listed (or taken from the cache) in this scan.
    listed: Vec<(String, Listed)>,
    modified: Vec<Vec<u8>>,
    /// Untracked names, with whether each is a folder; the ignore rules
    /// are applied afterwards, on the thread that owns the repository.
    candidates: Vec<(Vec<u8>, bool)>,
    /// A file needed hashing while content filters may apply.
    needs_filters: bool,
    /// Some file's content was hashed.
    hashed: bool,
}

#[cfg(not(target_os = "linux"))]
fn walk(
    _repo: &Repository,
    _workdir: &Path,
    _loaded: &Loaded,
    _settings: &Settings,
    _threads: usize,
    _alongside: &mut dyn FnMut(),
) -> Result<WorkStatus, Decline> {
    Err(Decline("the fast scan is Linux-only"))
}

/// Index against the working tree: changed and deleted tracked files,
/// and untracked ones (an untracked folder as one `dir/` entry).
/// `alongside` runs on the calling thread while the folders are scanned.
#[cfg(target_os = "linux")]
fn walk(
    repo: &Repository,
    workdir: &Path,
    loaded: &Loaded,
    settings: &Settings,
    threads: usize,
    alongside: &mut dyn FnMut(),
) -> Result<WorkStatus, Decline> {
    use rustix::fs::{Mode, OFlags};
    let entries = &loaded.file.entries;
    // Every tracked folder, with the entries directly in it.
    let mut units: std::collections::BTreeMap<&[u8], Vec<usize>> = Default::default();
    units.insert(b"", Vec::new());
    // Files of one folder mostly come in a row: add them in batches.
    let mut run: (&[u8], Vec<usize>) = (b"", Vec::new());
    for (i, e) in entries.iter().enumerate() {
        if unscanned(&e.path) {
            continue;
        }
        let dir = match e.path.iter().rposition(|&c| c == b'/') {
            Some(s) => &e.path[..s],
            None => b"",
        };
        if dir == run.0 {
            run.1.push(i);
            continue;
        }
        let (d, batch) = std::mem::replace(&mut run, (dir, vec![i]));
        units.entry(d).or_default().extend(batch);
        if !units.contains_key(dir) {
            units.insert(dir, Vec::new());
            // Its ancestors are tracked folders too.
            let mut d = dir;
            while let Some(s) = d.iter().rposition(|&c| c == b'/') {
                d = &d[..s];
                if units.contains_key(d) {
                    break;
                }
                units.insert(d, Vec::new());
            }
        }
    }
    // Batches are flushed in index order, so each list stays sorted.
    units.entry(run.0).or_default().extend(run.1);
    let dirs: HashSet<&[u8]> = units.keys().copied().collect();
    let root = rustix::fs::open(
        workdir,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|_| Decline("the working tree could not be opened"))?;
    let units: Vec<(&[u8], Vec<usize>)> = units.into_iter().collect();
    let cache_path = repo.path().join(FOLDER_CACHE);
    let trusted = mtimes_trusted(&root);
    let folders = if trusted {
        read_folder_cache(&cache_path)
    } else {
        HashMap::new()
    };
    let ctx = Walk {
        root: &root,
        workdir,
        entries,
        dirs: &dirs,
        folders: &folders,
        now: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        index_mtime: loaded.mtime_secs,
        filemode: settings.filemode,
        filters: settings.filters,
    };
    // Contiguous chunks of folders, balanced by the files they hold.
    let weight: usize = units.iter().map(|(_, v)| v.len() + 8).sum();
    let threads = threads.clamp(1, 1 + entries.len() / 1024);
    let mut chunks: Vec<&[(&[u8], Vec<usize>)]> = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (i, (_, v)) in units.iter().enumerate() {
        acc += v.len() + 8;
        if acc * threads >= weight * (chunks.len() + 1) && chunks.len() + 1 < threads {
            chunks.push(&units[start..=i]);
            start = i + 1;
        }
    }
    chunks.push(&units[start..]);
    let results: Vec<Result<Found, Decline>> = if chunks.len() == 1 {
        alongside();
        vec![ctx.chunk(chunks[0])]
    } else {
        std::thread::scope(|s| {
            let ctx = &ctx;
            let handles: Vec<_> = chunks
                .into_iter()
                .map(|c| s.spawn(move || ctx.chunk(c)))
                .collect();
            alongside();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err(Decline("a scan thread failed"))))
                .collect()
        })
    };
    let mut found = Found::default();
    for r in results {
        let f = r?;
        found.listed.extend(f.listed);
        found.modified.extend(f.modified);
        found.candidates.extend(f.candidates);
        found.needs_filters |= f.needs_filters;
        found.hashed |= f.hashed;
    }
    let listed: HashMap<String, Listed> = std::mem::take(&mut found.listed).into_iter().collect();
    if trusted && listed != folders {
        write_folder_cache(&cache_path, &listed);
    }
    // An untracked `.gitattributes` applies too.
    let attributes = found
        .candidates
        .iter()
        .any(|(p, d)| !d && index::is_attributes(p));
    if found.needs_filters || (found.hashed && attributes) {
        return Err(Decline("content filters may apply to a changed file"));
    }
    let mut ws = WorkStatus {
        modified: found.modified.iter().filter_map(|p| text(p)).collect(),
        ..Default::default()
    };
    for (path, is_dir) in found.candidates {
        let rel = Path::new(std::ffi::OsStr::from_bytes(&path));
        if repo.is_path_ignored(rel).unwrap_or(false) {
            continue;
        }
        let Some(shown) = text(&path) else { continue };
        if !is_dir {
            ws.untracked.push(shown);
        } else if has_unignored(repo, workdir, &path, 0) {
            ws.untracked.push(format!("{shown}/"));
        }
    }
    Ok(ws)
}

#[cfg(target_os = "linux")]
use std::os::unix::ffi::OsStrExt;

/// Does untracked folder `rel` hold anything not ignored? Git lists an
/// untracked folder only then.
#[cfg(target_os = "linux")]
fn has_unignored(repo: &Repository, workdir: &Path, rel: &[u8], depth: usize) -> bool {
    if depth > 64 {
        return true;
    }
    let dir = workdir.join(std::ffi::OsStr::from_bytes(rel));
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Ok(ft) = e.file_type() else { continue };
        if e.file_name().as_bytes().eq_ignore_ascii_case(b".git") {
            continue;
        }
        let p = [rel, b"/", e.file_name().as_bytes()].concat();
        let ignored = repo
            .is_path_ignored(Path::new(std::ffi::OsStr::from_bytes(&p)))
            .unwrap_or(false);
        if ignored {
            continue;
        }
        if ft.is_dir() {
            if has_unignored(repo, workdir, &p, depth + 1) {
                return true;
            }
        } else if ft.is_file() || ft.is_symlink() {
            return true;
        }
    }
    false
}

#[cfg(target_os = "linux")]
struct Walk<'a> {
    root: &'a rustix::fd::OwnedFd,
    workdir: &'a Path,
    entries: &'a [Entry],
    dirs: &'a HashSet<&'a [u8]>,
    folders: &'a HashMap<String, Listed>,
    /// When the scan started (seconds).
    now: i64,
    index_mtime: Option<i64>,
    filemode: bool,
    filters: bool,
}

#[cfg(target_os = "linux")]
impl Walk<'_> {
    fn chunk(&self, units: &[(&[u8], Vec<usize>)]) -> Result<Found, Decline> {
        let mut f = Found::default();
        // One listing buffer, large enough for most folders in one call.
        let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); 64 * 1024];
        for (dir, files) in units {
            self.folder(dir, files, &mut f, &mut buf)?;
        }
        Ok(f)
    }

    fn folder(
        &self,
        dir: &[u8],
        files: &[usize],
        f: &mut Found,
        buf: &mut [std::mem::MaybeUninit<u8>],
    ) -> Result<(), Decline> {
        use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags};
        let rel: &[u8] = if dir.is_empty() { b"." } else { dir };
        // No symlink is followed on the way: a tracked folder replaced by
        // a link to a folder is gone, as far as git is concerned.
        let fd = match rustix::fs::openat2(
            self.root,
            std::ffi::OsStr::from_bytes(rel),
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            ResolveFlags::NO_SYMLINKS | ResolveFlags::BENEATH,
        ) {
            Ok(fd) => fd,
            Err(
                rustix::io::Errno::NOENT
                | rustix::io::Errno::NOTDIR
                | rustix::io::Errno::LOOP
                | rustix::io::Errno::XDEV,
            ) => {
                f.modified
                    .extend(files.iter().map(|&i| self.entries[i].path.clone()));
                return Ok(());
            }
            // openat2 missing, out of descriptors, no permission: unknown.
            Err(_) => return Err(Decline("a folder could not be opened")),
        };
        let skip = dir.len() + usize::from(!dir.is_empty());
        // The entries here are in index order, so their names are sorted.
        let name_of = |i: usize| &self.entries[i].path[skip..];
        let join = |name: &[u8]| {
            if dir.is_empty() {
                name.to_vec()
            } else {
                [dir, b"/", name].concat()
            }
        };
        // Tracked files found as files or symlinks.
        let mut present = 0;
        for &i in files {
            let e = &self.entries[i];
            let name = name_of(i);
            let st = match rustix::fs::statat(
                &fd,
                std::ffi::OsStr::from_bytes(name),
                AtFlags::SYMLINK_NOFOLLOW,
            ) {
                Ok(st) => st,
                Err(rustix::io::Errno::NOENT | rustix::io::Errno::NOTDIR) => {
                    f.modified.push(e.path.clone());
                    continue;
                }
                Err(_) => return Err(Decline("a file could not be examined")),
            };
            if matches!(
                FileType::from_raw_mode(st.st_mode),
                FileType::RegularFile | FileType::Symlink
            ) {
                present += 1;
            }
            match self.changed(&fd, e, name, &st) {
                Changed::Yes => f.modified.push(e.path.clone()),
                Changed::No => {}
                Changed::Hashed(same) => {
                    f.hashed = true;
                    if !same {
                        f.modified.push(e.path.clone());
                    }
                }
                Changed::NeedsFilters => f.needs_filters = true,
            }
        }
        let stamp = rustix::fs::fstat(&fd).ok().map(|st| {
            [
                st.st_dev as i64,
                st.st_ino as i64,
                st.st_mtime,
                st.st_mtime_nsec as i64,
                st.st_ctime,
                st.st_ctime_nsec as i64,
            ]
        });
        let key = std::str::from_utf8(dir).ok();
        if let (Some(stamp), Some(key)) = (stamp, key)
            && let Some(l) = self.folders.get(key)
            && l.stamp == stamp
            && self.use_cached(l, files, present, &join, &name_of, f)
        {
            f.listed.push((key.to_string(), l.clone()));
            return Ok(());
        }
        // First pass: untracked folders, and a count of the other names.
        // Each tracked file still here is one of those names, so when the
        // counts agree there is nothing untracked among them and no name
        // needs looking up; otherwise a second pass finds which.
        let mut others = 0;
        let mut seen = Listed {
            stamp: stamp.unwrap_or_default(),
            ..Listed::default()
        };
        let mut cacheable = stamp.is_some_and(|st| settled(&st, self.now)) && key.is_some();
        for pass in [false, true] {
            if pass {
                if others == present {
                    break;
                }
                rustix::fs::seek(&fd, rustix::fs::SeekFrom::Start(0))
                    .map_err(|_| Decline("a folder could not be listed"))?;
            }
            let mut listing = rustix::fs::RawDir::new(&fd, buf);
            while let Some(ent) = listing.next() {
                let Ok(ent) = ent else {
                    return Err(Decline("a folder could not be listed"));
                };
                let name = ent.file_name().to_bytes();
                // libgit2 never lists a `.git` (any case, any depth).
                if name == b"."
                    || name == b".."
                    || name.eq_ignore_ascii_case(b".git")
                    || (dir.is_empty() && UNSCANNED.contains(&name))
                {
                    continue;
                }
                let path = || join(name);
                let text = std::str::from_utf8(name).ok();
                cacheable &= text.is_some();
                let mut ft = ent.file_type();
                if ft == FileType::Unknown {
                    ft = rustix::fs::statat(
                        self.root,
                        std::ffi::OsStr::from_bytes(&path()),
                        AtFlags::SYMLINK_NOFOLLOW,
                    )
                    .map(|s| FileType::from_raw_mode(s.st_mode))
                    .unwrap_or(FileType::Unknown);
                }
                match ft {
                    // Tracked means tracked as what is there now: a
                    // tracked file replaced by a folder leaves that folder
                    // untracked.
                    FileType::Directory if !pass => {
                        let p = path();
                        if !self.dirs.contains(p.as_slice()) {
                            f.candidates.push((p, true));
                        }
                        seen.folders.extend(text.map(str::to_string));
                    }
                    FileType::RegularFile | FileType::Symlink if !pass => others += 1,
                    FileType::RegularFile | FileType::Symlink
                        if files.binary_search_by(|&i| name_of(i).cmp(name)).is_err() =>
                    {
                        f.candidates.push((path(), false));
                        seen.untracked.extend(text.map(str::to_string));
                    }
                    // A name of another kind (a socket, a fifo) is neither.
                    FileType::RegularFile | FileType::Symlink | FileType::Directory => {}
                    _ if !pass => cacheable = false,
                    _ => {}
                }
            }
        }
        if cacheable && let Some(key) = key {
            seen.files = others;
            f.listed.push((key.to_string(), seen));
        }
        Ok(())
    }

    /// Use a cached listing of this folder (its stat data is unchanged, so
    /// its names are too). The untracked files are the cached untracked
    /// names still untracked, provided those and the tracked files present
    /// add up to the folder's file count; otherwise (a file was removed
    /// from the index since) false, and the folder is listed afresh.
    fn use_cached<'n>(
        &self,
        l: &Listed,
        files: &[usize],
        present: usize,
        join: &dyn Fn(&[u8]) -> Vec<u8>,
        name_of: &dyn Fn(usize) -> &'n [u8],
        f: &mut Found,
    ) -> bool {
        let untracked: Vec<&String> = l
            .untracked
            .iter()
            .filter(|n| {
                files
                    .binary_search_by(|&i| name_of(i).cmp(n.as_bytes()))
                    .is_err()
            })
            .collect();
        if present + untracked.len() != l.files {
            return false;
        }
        for n in l.folders.iter() {
            let p = join(n.as_bytes());
            if !self.dirs.contains(p.as_slice()) {
                f.candidates.push((p, true));
            }
        }
        for n in untracked {
            f.candidates.push((join(n.as_bytes()), false));
        }
        true
    }

    /// Whether a tracked file differs from its entry.
    fn changed(
        &self,
        fd: &rustix::fd::OwnedFd,
        e: &Entry,
        name: &[u8],
        st: &rustix::fs::Stat,
    ) -> Changed {
        use rustix::fs::FileType;
        let ft = FileType::from_raw_mode(st.st_mode);
        let link = ft == FileType::Symlink;
        if !(link || ft == FileType::RegularFile) || link != (e.mode == index::MODE_LINK) {
            return Changed::Yes;
        }
        if !link && self.filemode && (e.mode & 0o100 != 0) != (st.st_mode & 0o100 != 0) {
            return Changed::Yes;
        }
        if !e.racy(self.index_mtime) && e.stat_matches(&index::Stat::from(st)) {
            return Changed::No;
        }
        let id = if link {
            let target = rustix::fs::readlinkat(fd, std::ffi::OsStr::from_bytes(name), Vec::new());
            target.ok().map(|t| loose::blob_id(t.as_bytes()))
        } else {
            if self.filters {
                return Changed::NeedsFilters;
            }
            let full = self.workdir.join(std::ffi::OsStr::from_bytes(&e.path));
            loose::file_blob_id(&full).ok()
        };
        Changed::Hashed(id.is_some_and(|id| index::raw_oid(id) == e.oid))
    }
}

#[cfg(target_os = "linux")]
enum Changed {
    Yes,
    No,
    /// Stat data could not settle it; the content was hashed (and was the
    /// same or not).
    Hashed(bool),
    /// Only a filtered hash could tell.
    NeedsFilters,
}
