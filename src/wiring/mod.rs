//! Wiring session-hook into Claude Code: where the settings and command
//! files are, reading and writing them safely. The pure parts (merging JSON,
//! the diff, the embedded files) live in the submodules; Codex CLI and
//! Gemini CLI are wired by `agents`, with their own facts in `codex` and
//! `gemini`.

pub mod agents;
pub mod assets;
pub mod codex;
pub mod diff;
pub mod gemini;
pub mod jsonedit;
pub mod settings;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::{Map, Value};

use crate::error::UserError;
use crate::fsutil;
use assets::FileState;

/// One place Claude Code reads settings and commands from.
#[derive(Debug, Clone)]
pub struct Place {
    /// The project root, or the home folder with `--user`.
    pub root: PathBuf,
    pub user: bool,
    /// The project's committed settings (`--shared`): hooks there run the
    /// bare `session-hook` from PATH, never a path of this machine.
    pub shared: bool,
    pub settings: PathBuf,
    pub commands: PathBuf,
}

impl Place {
    /// This machine's settings for the project: `.claude/settings.local.json`,
    /// which Claude Code keeps out of git.
    pub fn project(root: &Path) -> Place {
        let claude = root.join(".claude");
        Place {
            root: root.to_path_buf(),
            user: false,
            shared: false,
            settings: claude.join("settings.local.json"),
            commands: claude.join("commands"),
        }
    }

    /// The team's settings for the project: `.claude/settings.json`.
    pub fn project_shared(root: &Path) -> Place {
        let claude = root.join(".claude");
        Place {
            root: root.to_path_buf(),
            user: false,
            shared: true,
            settings: claude.join("settings.json"),
            commands: claude.join("commands"),
        }
    }

    pub fn user() -> Result<Place> {
        let home = home()?;
        let claude = home.join(".claude");
        Ok(Place {
            root: home,
            user: true,
            shared: false,
            settings: claude.join("settings.json"),
            commands: claude.join("commands"),
        })
    }

    /// The command hooks run: the absolute path of this binary, except in
    /// a shared file, which must hold nothing specific to one machine.
    pub fn hook_command(&self) -> Result<String> {
        if self.shared {
            Ok(settings::EXE_NAME.to_string())
        } else {
            exe()
        }
    }

    /// A path for messages: `~/…` for the user's files, project-relative
    /// otherwise.
    pub fn show(&self, p: &Path) -> String {
        match p.strip_prefix(&self.root) {
            Ok(rel) if self.user => format!("~/{}", rel.display()),
            Ok(rel) => rel.display().to_string(),
            Err(_) => p.display().to_string(),
        }
    }
}

/// `$HOME`, which tests and sandboxes set on purpose.
pub fn home() -> Result<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| {
            UserError::new("$HOME is not set, so the user settings cannot be found")
                .hint("set HOME, or install into the project without --user")
                .into()
        })
}

/// The absolute path of the running binary: what the hooks will run.
pub fn exe() -> Result<String> {
    let p = std::env::current_exe().context("cannot find the path of this binary")?;
    let p = fs::canonicalize(&p).unwrap_or(p);
    p.to_str().map(str::to_string).ok_or_else(|| {
        UserError::new(format!("the binary's path {} is not UTF-8", p.display()))
            .hint("install the binary under a path without unusual characters")
            .into()
    })
}

/// A settings file: missing, or its text and its top-level object. Invalid
/// JSON is an error naming the line and column, and nothing is written.
pub fn read_settings(path: &Path, shown: &str) -> Result<Option<(String, Map<String, Value>)>> {
    let text = match fsutil::read_text(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {shown}")),
    };
    if text.trim().is_empty() {
        return Ok(Some((text, Map::new())));
    }
    let v: Value = serde_json::from_str(&text).map_err(|e| {
        UserError::new(format!(
            "{shown} is not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
        .hint("fix the file by hand; nothing was changed")
    })?;
    match v {
        Value::Object(m) => Ok(Some((text, m))),
        _ => Err(UserError::new(format!("{shown} is not a JSON object"))
            .hint("fix the file by hand; nothing was changed")
            .into()),
    }
}

/// The indent a JSON text uses (its first indented line), so a rewrite does
/// not reformat the whole file. Two spaces when there is none.
fn indent_of(text: &str) -> String {
    text.lines()
        .find_map(|l| {
            let ws: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            (!ws.is_empty() && ws.len() < l.len()).then_some(ws)
        })
        .unwrap_or_else(|| "  ".into())
}

/// The new text of a settings file: the old text with only what changed
/// edited (so the user's formatting survives), else a full re-render in
/// the old text's indent.
pub fn settings_text(
    old: Option<&(String, Map<String, Value>)>,
    new: &Map<String, Value>,
) -> String {
    if let Some((text, map)) = old
        && !text.trim().is_empty()
        && let Some(edited) = jsonedit::edit(
            text,
            &Value::Object(map.clone()),
            &Value::Object(new.clone()),
            &indent_of(text),
        )
    {
        return edited;
    }
    render_settings(new, old.map(|(t, _)| t.as_str()))
}

/// Pretty JSON in the style of `like` (indent; final newline kept or added).
pub fn render_settings(map: &Map<String, Value>, like: Option<&str>) -> String {
    use serde::Serialize;
    let indent = like.map(indent_of).unwrap_or_else(|| "  ".into());
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    map.serialize(&mut ser)
        .expect("a JSON map always serializes");
    let mut s = String::from_utf8(buf).expect("serde_json writes UTF-8");
    if like.is_none_or(|t| t.ends_with('\n') || t.trim().is_empty()) {
        s.push('\n');
    }
    s
}

/// Where a write really goes: a settings file kept as a symlink (dotfiles)
/// is written through to its target, but only when that target is a
/// regular file of the user running install. Anything else (a link to a
/// device, to someone else's file, a dangling link) is refused.
fn real_path(path: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let refuse = |why: &str| -> anyhow::Error {
                UserError::new(format!("{} is a symlink {why}", path.display()))
                    .hint("replace the link with a regular file, or point it at one of yours; nothing was changed")
                    .into()
            };
            let target = fs::canonicalize(path).map_err(|_| refuse("to nothing"))?;
            let meta = fs::symlink_metadata(&target).map_err(|_| refuse("to nothing"))?;
            use std::os::unix::fs::MetadataExt;
            if !meta.is_file() {
                return Err(refuse(&format!(
                    "to {}, which is not a regular file",
                    target.display()
                )));
            }
            if meta.uid() != rustix::process::geteuid().as_raw() {
                return Err(refuse(&format!(
                    "to {}, which belongs to another user",
                    target.display()
                )));
            }
            Ok(target)
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// Create the missing folders of `dir` with mode 0755 whatever the umask
/// (Claude Code and teammates read them); folders that exist keep theirs.
/// A symlinked folder is used only when it leads to a folder of the user.
pub fn ensure_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mut missing = Vec::new();
    let mut cur = dir;
    loop {
        match fs::symlink_metadata(cur) {
            Ok(m) if m.is_dir() => break,
            Ok(m) if m.file_type().is_symlink() => {
                let ok = fs::metadata(cur)
                    .is_ok_and(|t| t.is_dir() && t.uid() == rustix::process::geteuid().as_raw());
                if !ok {
                    return Err(UserError::new(format!(
                        "{} is a symlink that does not lead to a folder of yours",
                        cur.display()
                    ))
                    .hint("replace the link with a folder; nothing was changed")
                    .into());
                }
                break;
            }
            Ok(_) => {
                return Err(UserError::new(format!("{} is not a folder", cur.display()))
                    .hint("move the file out of the way; nothing was changed")
                    .into());
            }
            Err(_) => {
                missing.push(cur.to_path_buf());
                match cur.parent() {
                    Some(p) if !p.as_os_str().is_empty() => cur = p,
                    _ => break,
                }
            }
        }
    }
    for d in missing.iter().rev() {
        match fs::create_dir(d) {
            Ok(()) => fs::set_permissions(d, fs::Permissions::from_mode(0o755))
                .with_context(|| format!("cannot set the mode of {}", d.display()))?,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", d.display())),
        }
    }
    Ok(())
}

/// Replace a file of Claude Code's atomically: an existing one keeps its
/// mode, a new one is 0644 whatever the umask.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let path = real_path(path)?;
    if let Some(d) = path.parent() {
        ensure_dir(d)?;
    }
    let existed = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
    fsutil::write(&path, bytes, fsutil::How::KEEP_MODE)
        .with_context(|| format!("cannot write {}", path.display()))?;
    if !existed {
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644))
            .with_context(|| format!("cannot set the mode of {}", path.display()))?;
    }
    Ok(())
}

/// Where `backup` keeps the previous text of `path`: `<path>.bak`, next to
/// the real file.
pub fn backup_path(path: &Path) -> Result<PathBuf> {
    let path = real_path(path)?;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    Ok(path.with_file_name(name))
}

/// Keep `text` as `<path>.bak` (atomically, next to the real file).
pub fn backup(path: &Path, text: &str) -> Result<PathBuf> {
    let b = backup_path(path)?;
    write_file(&b, text.as_bytes())?;
    Ok(b)
}

/// Replace a settings file atomically, keeping the old text as
/// `<name>.bak`. Returns the backup's path when there was an old file.
pub fn write_with_backup(path: &Path, old: Option<&str>, new: &str) -> Result<Option<PathBuf>> {
    let bak = old.map(|old| backup(path, old)).transpose()?;
    write_file(path, new.as_bytes())?;
    Ok(bak)
}

/// One slash-command file and where it stands.
#[derive(Debug, Clone)]
pub struct CommandFile {
    pub name: &'static str,
    pub text: &'static str,
    pub path: PathBuf,
    pub state: FileState,
    /// What is there now, when something is.
    pub existing: Option<Vec<u8>>,
}

/// Look at every command file we ship, and read the record of what we
/// wrote before.
pub fn command_files(dir: &Path) -> Result<(Vec<CommandFile>, BTreeMap<String, String>)> {
    // A cloned repository's `.claude/commands` may hold anything (a link
    // to `/dev/zero`): reads are bounded, regular files only.
    let record = match fsutil::read_text(&dir.join(assets::RECORD)) {
        Ok(t) => assets::parse_record(&t),
        Err(_) => BTreeMap::new(),
    };
    let mut out = Vec::new();
    for (name, text) in assets::COMMANDS {
        let path = dir.join(name);
        let existing = match fsutil::read_capped(&path, fsutil::MAX_SMALL) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let state = assets::classify(
            existing.as_deref(),
            text,
            record.get(name).map(String::as_str),
        );
        // A link is someone's arrangement, never ours to replace.
        let state = if state != FileState::Missing
            && fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
            && state != FileState::Same
        {
            FileState::Modified
        } else {
            state
        };
        out.push(CommandFile {
            name,
            text,
            path,
            state,
            existing,
        });
    }
    Ok((out, record))
}

/// Write the record, or remove it when it is empty.
pub fn save_record(dir: &Path, rec: &BTreeMap<String, String>) -> Result<()> {
    let p = dir.join(assets::RECORD);
    if rec.is_empty() {
        match fs::remove_file(&p) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("cannot remove {}", p.display())),
        }
    } else {
        fsutil::atomic_write(&p, assets::render_record(rec).as_bytes())
            .with_context(|| format!("cannot write {}", p.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendering_keeps_the_file_style() {
        let text = "{\n    \"a\": 1\n}";
        let (_, m) = (
            text,
            serde_json::from_str::<Map<String, Value>>(text).unwrap(),
        );
        assert_eq!(render_settings(&m, Some(text)), "{\n    \"a\": 1\n}");
        assert_eq!(render_settings(&m, None), "{\n  \"a\": 1\n}\n");
        let tabs = "{\n\t\"a\": 1\n}\n";
        assert_eq!(render_settings(&m, Some(tabs)), tabs);
    }
}
