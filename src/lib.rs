//! session-hook: session continuity for Claude Code.
//!
//! A living session document per piece of work lives under `.sessions/` in
//! the project. Hook events keep it up to date, and a compact summary is fed
//! back to the model at start-up, after every compaction, and when the user
//! says "continue".

pub mod agents;
pub(crate) mod bundle;
pub(crate) mod changes;
pub mod cli;
pub(crate) mod clock;
pub(crate) mod cmd;
pub(crate) mod config;
pub(crate) mod delta;
pub mod doc;
pub(crate) mod error;
pub(crate) mod frame;
pub(crate) mod fsutil;
pub(crate) mod gc;
pub mod git;
pub(crate) mod handoff;
pub mod hook;
pub(crate) mod journal;
pub(crate) mod names;
pub mod phases;
pub(crate) mod picture;
pub(crate) mod provenance;
pub mod redact;
pub(crate) mod report;
pub(crate) mod resume_log;
pub(crate) mod session;
pub(crate) mod sessionmd;
pub(crate) mod snapshot;
pub(crate) mod store;
pub mod transcript;
pub(crate) mod usage;
pub(crate) mod verify;
pub mod wiring;
