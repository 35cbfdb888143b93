//! Which session each Claude session works on (`.local/bindings/`), and
//! the bindings not yet listed in a document's frontmatter.

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::Store;
use crate::error::UserError;
use crate::fsutil;

impl Store {
    /// The session id a Claude session is bound to.
    pub fn bound(&self, claude: &str) -> Option<String> {
        let c = crate::names::safe_external_id(claude)?;
        let b = fsutil::read_capped(&self.local_dir().join("bindings").join(c), 1024).ok()?;
        let s = String::from_utf8(b).ok()?.trim().to_string();
        crate::names::validate("id", &s).ok().map(|_| s)
    }

    pub fn bind(&self, claude: &str, session_id: &str) -> Result<()> {
        let Some(c) = crate::names::safe_external_id(claude) else {
            bail!(UserError::new(format!(
                "invalid Claude session id {claude:?}"
            )));
        };
        let d = self.local_dir().join("bindings");
        fsutil::ensure_private_dir(&d)?;
        let p = d.join(c);
        // A first binding is a new file; only a re-binding is a rewrite.
        match fsutil::write(&p, session_id.as_bytes(), fsutil::How::NEW) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                fsutil::atomic_write(&p, session_id.as_bytes())?
            }
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }

    /// Note that a Claude session is bound to `session_id` but not yet
    /// listed in its frontmatter; the next save of that document lists it.
    /// This keeps start-up from rewriting a large document just to add one
    /// id.
    pub fn mark_unlisted(&self, session_id: &str, claude: &str) -> Result<()> {
        let Some(c) = crate::names::safe_external_id(claude) else {
            return Ok(());
        };
        crate::names::validate("id", session_id)?;
        let d = self.local_dir().join("unlisted").join(session_id);
        fsutil::ensure_private_dir(&d)?;
        match fsutil::write(&d.join(c), b"", fsutil::How::NEW) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Claude sessions waiting to be listed in a document's frontmatter.
    pub fn unlisted(&self, session_id: &str) -> Vec<(String, PathBuf)> {
        let d = self.local_dir().join("unlisted").join(session_id);
        fsutil::entries(&d)
            .into_iter()
            .filter_map(|(n, _)| {
                let c = crate::names::safe_external_id(n.to_str()?)?;
                let p = d.join(&n);
                Some((c, p))
            })
            .collect()
    }
}
