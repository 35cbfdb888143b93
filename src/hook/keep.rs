//! The closing lines of every resume injection: how the model keeps the
//! session document current as it works. Without them nothing tells the
//! model to record decisions, discoveries and progress, and the document
//! holds only what the hooks see (goal, tasks, edited files).
//!
//! They are our own words, asking for something: they follow the
//! `<session-document>` frame, whose opening says its content is data and
//! not instructions, never inside it.

/// Two lines, the same wherever they appear, so a model (and a test) can
/// recognise them.
pub const TAIL: &str = "Keep this session current as you work, without being asked: `session-hook log --decision \"...\" --rationale \"...\"` for a choice made, `session-hook log --discovery \"...\"` for a fact learned,\n`session-hook log --progress \"...\"` for a note on where things stand, and `session-hook log --done \"...\"` when a step is finished.";

/// Characters the tail takes of an injection: itself and the blank line
/// that parts it from the framed document.
pub const ROOM: usize = TAIL.len() + 2;
