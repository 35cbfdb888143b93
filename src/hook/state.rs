//! Machine-local state per Claude session, in `.sessions/.local/claude/`:
//! what was already injected or warned in this compaction epoch, and the
//! task-id → subject map that `TaskUpdate` needs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::store::Store;

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ClaudeState {
    /// Compaction epoch and document fingerprint when "continue" context
    /// was last injected.
    pub continue_epoch: Option<u64>,
    pub continue_updated: Option<String>,
    /// Context warnings already given in `warned_epoch`.
    pub warned_epoch: u64,
    pub warned: Vec<u8>,
    /// Tokens used when the last warning was given. Less than that later
    /// means the context shrank (a compaction we did not see): a new epoch.
    pub warned_used: Option<u64>,
    /// Epoch in which the critical-level resume log was written.
    pub critical_epoch: Option<u64>,
    /// TaskCreate ids → subjects (read from older state files only).
    pub tasks: BTreeMap<String, String>,
    /// Task ids → the step ids they are linked to.
    pub task_steps: BTreeMap<String, String>,
    /// The step of each item of the last TodoWrite list, in its order.
    pub todo_steps: Vec<String>,
    /// Context window cached by `statusline`.
    pub window: Option<u64>,
    pub model: Option<String>,
    pub last_activity: Option<String>,
}

impl ClaudeState {
    /// The task and todo links of this Claude session.
    pub fn links(&self) -> crate::session::tasks::Links {
        crate::session::tasks::Links {
            tasks: self.task_steps.clone(),
            todos: self.todo_steps.clone(),
        }
    }

    /// Keep new links; true when they changed.
    pub fn set_links(&mut self, l: crate::session::tasks::Links) -> bool {
        let changed = l.tasks != self.task_steps || l.todos != self.todo_steps;
        self.task_steps = l.tasks;
        self.todo_steps = l.todos;
        changed
    }
}

fn path(store: &Store, claude: &str) -> Option<PathBuf> {
    let c = crate::names::safe_external_id(claude)?;
    Some(store.local_dir().join("claude").join(format!("{c}.json")))
}

pub fn load(store: &Store, claude: &str) -> ClaudeState {
    path(store, claude)
        .and_then(|p| crate::fsutil::read_capped(&p, crate::fsutil::MAX_SMALL).ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Save (the caller holds the store lock).
pub fn save(store: &Store, claude: &str, st: &ClaudeState) -> anyhow::Result<()> {
    let Some(p) = path(store, claude) else {
        return Ok(());
    };
    if let Some(d) = p.parent() {
        crate::fsutil::ensure_private_dir(d)?;
    }
    crate::fsutil::atomic_write(&p, &serde_json::to_vec(st)?)?;
    Ok(())
}
