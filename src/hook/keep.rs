//! The closing lines of every resume injection: how the model keeps the
//! session document current as it works. Without them nothing tells the
//! model to record decisions, discoveries and progress, and the document
//! holds only what the hooks see (goal, tasks, edited files).

/// Two lines, the same wherever they appear, so a model (and a test) can
/// recognise them.
pub const TAIL: &str = "\nKeep this session current as you work, without being asked: `session-hook log --decision \"...\" --rationale \"...\"` for a choice made, `session-hook log --discovery \"...\"` for a fact learned,\n`session-hook log --progress \"...\"` for a note on where things stand, and `session-hook log --done \"...\"` when a step is finished.\n";

/// An injection of at most `budget` characters that ends with [`TAIL`]:
/// `render` gets what is left of the budget.
pub fn with_tail(budget: usize, render: impl FnOnce(usize) -> String) -> String {
    let room = budget.saturating_sub(TAIL.chars().count());
    let mut out = render(room);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(TAIL);
    out
}
