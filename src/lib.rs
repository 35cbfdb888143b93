//! session-hook: session continuity for Claude Code.
//!
//! A living session document per piece of work lives under `.sessions/` in
//! the project. Hook events keep it up to date, and a compact summary is fed
//! back to the model at start-up, after every compaction, and when the user
//! says "continue".

pub mod changes;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod config;
pub mod doc;
pub mod error;
pub mod fsutil;
pub mod git;
pub mod hook;
pub mod journal;
pub mod names;
pub mod redact;
pub mod report;
pub mod resume_log;
pub mod session;
pub mod store;
pub mod transcript;
pub mod usage;
