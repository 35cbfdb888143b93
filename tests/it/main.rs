//! The integration tests: one binary, one module per area, shared helpers
//! in `common` (throw-away projects), `fixture` (fixed histories for
//! snapshots), `mock_api` (a loopback Messages API) and `mock_agents`
//! (loopback model APIs for Codex CLI and Gemini CLI).

mod common;
mod fixture;
mod mock_agents;
mod mock_api;

mod agents;
mod binding;
mod bundle;
mod cli;
mod context_usage;
mod crash;
mod demo;
mod doctor;
mod e2e_agents;
mod e2e_claude;
mod e2e_slash;
mod export;
mod gc;
mod git_refs;
mod git_reports;
mod git_status;
mod hooks;
mod host_never_breaks;
mod hostile;
mod hostile_trust;
mod install;
mod intent;
mod invariants;
mod pause_resume;
mod phases;
mod plain_words;
mod redaction;
mod redaction_corpus;
mod report_html;
mod resume_log;
mod statusline;
mod steps;
mod store;
mod store_access;
mod story;
