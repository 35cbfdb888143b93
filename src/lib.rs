//! session-hook: session continuity for Claude Code.
//!
//! A living session document per piece of work lives under `.sessions/` in
//! the project. Hook events keep it up to date, and a compact summary is fed
//! back to the model at start-up, after every compaction, and when the user
//! says "continue".

pub mod bundle;
pub mod changes;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod config;
pub mod delta;
pub mod doc;
pub mod error;
pub mod frame;
pub mod fsutil;
pub mod gc;
pub mod git;
pub mod handoff;
pub mod hook;
pub mod journal;
pub mod names;
pub mod phases;
pub mod provenance;
pub mod redact;
pub mod report;
pub mod resume_log;
pub mod session;
pub mod sessionmd;
pub mod snapshot;
pub mod store;
pub mod transcript;
pub mod usage;
pub mod verify;
pub mod wiring;
