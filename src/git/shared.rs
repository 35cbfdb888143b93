//! `core.sharedRepository`: a repository shared by a group must keep the
//! files we add to it readable (and the folders writable) by that group.
//! git widens the mode of everything it creates in such a repository;
//! libgit2 does not for objects and refs, so we do it the way git does
//! (`adjust_shared_perm`) for the objects and ref we write.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use git2::Repository;

/// The permission bits the setting asks for: `Some(bits)` to add to the
/// mode (group, everybody), `Some` with `exact` for an octal value, `None`
/// when the repository is not shared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shared {
    bits: u32,
    /// An octal value replaces the permission bits instead of adding.
    exact: bool,
}

/// Read `core.sharedRepository` as git reads it.
pub fn setting(repo: &Repository) -> Option<Shared> {
    let cfg = repo.config().ok()?;
    let v = cfg.get_string("core.sharedRepository").ok()?;
    parse(&v)
}

fn parse(v: &str) -> Option<Shared> {
    let v = v.trim().to_ascii_lowercase();
    let add = |bits| Some(Shared { bits, exact: false });
    match v.as_str() {
        "" | "false" | "no" | "off" | "umask" | "0" => None,
        "true" | "yes" | "on" | "group" | "1" => add(0o660),
        "all" | "world" | "everybody" | "2" => add(0o664),
        _ => {
            let n = u32::from_str_radix(&v, 8).ok()?;
            (n & 0o600 == 0o600).then_some(Shared {
                bits: n & 0o666,
                exact: true,
            })
        }
    }
}

impl Shared {
    /// The mode git gives a file or folder that now has `mode`.
    fn mode(self, mode: u32, dir: bool) -> u32 {
        let mut tweak = self.bits;
        if mode & 0o200 == 0 {
            // Read-only files (objects) stay read-only.
            tweak &= !0o222;
        }
        if mode & 0o100 != 0 {
            tweak |= (tweak & 0o444) >> 2;
        }
        let mut new = if self.exact {
            (mode & !0o777) | tweak
        } else {
            mode | tweak
        };
        if dir {
            new |= (new & 0o444) >> 2;
            // New entries inherit the folder's group.
            new |= 0o2000;
        }
        new
    }

    /// Widen the mode of `path` (not following a symlink).
    pub fn adjust(self, path: &Path) -> std::io::Result<()> {
        let m = std::fs::symlink_metadata(path)?;
        if m.file_type().is_symlink() {
            return Ok(());
        }
        let old = m.permissions().mode() & 0o7777;
        let new = self.mode(old, m.is_dir());
        if new != old {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(new))?;
        }
        Ok(())
    }

    /// Widen `path` and each folder from it up to (not including) `top`.
    pub fn adjust_up_to(self, path: &Path, top: &Path) -> std::io::Result<()> {
        let mut p = Some(path);
        while let Some(x) = p {
            if x == top || !x.starts_with(top) {
                break;
            }
            self.adjust(x)?;
            p = x.parent();
        }
        Ok(())
    }
}

/// After writing `objects` and updating `refname`: give the loose object
/// files, their folders, the ref file and its folders the shared mode.
/// Packed objects and packed refs are left alone (git made them).
pub fn adjust_written(repo: &Repository, objects: &[git2::Oid], refname: &str) {
    let Some(s) = setting(repo) else { return };
    let gitdir = repo.path();
    let common = repo.commondir();
    let objdir = common.join("objects");
    for o in objects {
        let hex = o.to_string();
        let p = objdir.join(&hex[..2]).join(&hex[2..]);
        if p.exists() {
            let _ = s.adjust_up_to(&p, &objdir);
        }
    }
    for base in [gitdir, common] {
        let r = base.join(refname);
        if r.exists() {
            let _ = s.adjust_up_to(&r, base);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_as_git_gives_them() {
        let g = parse("group").unwrap();
        assert_eq!(g.mode(0o400, false), 0o440, "read-only object");
        assert_eq!(g.mode(0o600, false), 0o660, "ref file");
        assert_eq!(g.mode(0o700, true), 0o2770, "folder");
        let all = parse("all").unwrap();
        assert_eq!(all.mode(0o444, false), 0o444);
        assert_eq!(all.mode(0o755, true), 0o2775);
        let exact = parse("0640").unwrap();
        assert_eq!(exact.mode(0o600, false), 0o640);
        assert_eq!(exact.mode(0o700, true), 0o2750);
        assert_eq!(parse("false"), None);
        assert_eq!(parse("umask"), None);
    }
}
