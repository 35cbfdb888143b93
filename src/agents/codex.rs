//! Codex CLI (0.169.0): its hook payloads as our events, our answers in its
//! format, and the context usage its rollout file records.
//!
//! Events: SessionStart (`startup|resume|clear|compact`, the last one right
//! after a compaction, before the next model request), UserPromptSubmit,
//! PostToolUse, PreCompact, PostCompact, Stop and SessionEnd. Codex checks
//! every answer against a strict schema: only SessionStart,
//! UserPromptSubmit and PostToolUse take `hookSpecificOutput.
//! additionalContext`, any other key makes the hook count as failed, so
//! every other event gets an empty answer.

use std::path::Path;

use serde_json::Value;

use super::{Agent, absolute, context_of, tagged, tail};
use crate::hook::context_json;
use crate::hook::wire::{self, Common, Event, Payload, Todo, TodoStatus, Tool};
use crate::transcript::{Basis, Usage};

/// Codex cuts hook context at about 2,500 tokens by default (9,990
/// characters arrived whole, 10,010 were cut); we stay under that and say
/// where the rest is.
pub const MAX_CONTEXT: usize = 9_000;

pub fn from_payload(p: Payload) -> (Common, Event) {
    let mut c = wire::common(&p);
    tagged(Agent::Codex, &mut c);
    let name = p.hook_event_name.clone().unwrap_or_default();
    let ev = match name.as_str() {
        "SessionStart" => Event::SessionStart {
            source: p.source.unwrap_or_else(|| "startup".into()),
            context_tokens: None,
        },
        "UserPromptSubmit" => Event::Prompt {
            text: p.prompt.unwrap_or_default(),
        },
        "PostToolUse" => Event::ToolUse(tool(
            p.tool_name.as_deref().unwrap_or(""),
            p.tool_input.as_ref(),
            p.tool_response.as_ref(),
            c.cwd.as_deref(),
        )),
        "PreCompact" => Event::PreCompact {
            trigger: p.trigger.unwrap_or_else(|| "auto".into()),
            custom: None,
        },
        // Codex does not pass the summary; its rollout keeps it.
        "PostCompact" => Event::PostCompact {
            trigger: p.trigger.unwrap_or_else(|| "auto".into()),
            summary: c
                .transcript
                .as_deref()
                .and_then(|t| last_summary(Path::new(t)))
                .unwrap_or_default(),
        },
        "Stop" => Event::Stop,
        "SessionEnd" => Event::SessionEnd {
            reason: p.reason.unwrap_or_else(|| "other".into()),
        },
        _ => Event::Other(name),
    };
    (c, ev)
}

/// What a Codex tool call means to us: `apply_patch` touched files,
/// `update_plan` is the plan (the whole list every time). The shell tool
/// (`Bash` in hooks) is not tracked, as in Claude Code.
fn tool(name: &str, input: Option<&Value>, response: Option<&Value>, cwd: Option<&str>) -> Tool {
    match name {
        "apply_patch" => {
            let patch = input
                .and_then(|i| i.get("command").or_else(|| i.get("input")).or(Some(i)))
                .and_then(Value::as_str)
                .unwrap_or("");
            let paths = match response.and_then(Value::as_str) {
                Some(r) => match applied(r) {
                    Some(p) => p,
                    // The patch failed: nothing was touched.
                    None => return Tool::Other("apply_patch (failed)".into()),
                },
                None => patch_paths(patch),
            };
            let mut tools: Vec<Tool> = paths
                .iter()
                .map(|p| Tool::Edited {
                    tool: "apply_patch".into(),
                    path: absolute(p, cwd),
                })
                .collect();
            match tools.len() {
                0 => Tool::Other(name.into()),
                1 => tools.remove(0),
                _ => Tool::Several(tools),
            }
        }
        "update_plan" => {
            let todos = input
                .and_then(|i| i.get("plan"))
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|s| {
                            let content = s.get("step")?.as_str()?.trim().to_string();
                            let status = match s.get("status")?.as_str()? {
                                "pending" => TodoStatus::Pending,
                                "in_progress" => TodoStatus::InProgress,
                                "completed" => TodoStatus::Completed,
                                _ => return None,
                            };
                            (!content.is_empty()).then_some(Todo {
                                content,
                                status,
                                active_form: None,
                            })
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            if todos.is_empty() {
                Tool::Other(name.into())
            } else {
                Tool::Todos(todos)
            }
        }
        other => Tool::Other(other.into()),
    }
}

/// The files a successful `apply_patch` reports (`A x`, `M x`, `D x` after
/// "Success. Updated the following files:"); `None` when it did not
/// succeed.
fn applied(response: &str) -> Option<Vec<String>> {
    let (_, list) = response.split_once("Success. Updated the following files:")?;
    Some(
        list.lines()
            .filter_map(|l| {
                let (k, p) = l.trim_end().split_once(' ')?;
                matches!(k, "A" | "M" | "D").then(|| p.trim().to_string())
            })
            .filter(|p| !p.is_empty())
            .collect(),
    )
}

/// The files a patch names: `*** Add/Update/Delete File: p`, `*** Move to: p`.
fn patch_paths(patch: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in patch.lines() {
        let p = [
            "*** Add File: ",
            "*** Update File: ",
            "*** Delete File: ",
            "*** Move to: ",
        ]
        .iter()
        .find_map(|k| l.strip_prefix(k));
        if let Some(p) = p.map(str::trim).filter(|p| !p.is_empty())
            && !out.iter().any(|o| o == p)
        {
            out.push(p.to_string());
        }
    }
    out
}

/// Our answer in Codex's format: context only where Codex takes it, cut to
/// what it passes whole.
pub fn answer(fired: &str, claude_out: &str) -> String {
    if !matches!(fired, "SessionStart" | "UserPromptSubmit" | "PostToolUse") {
        return String::new();
    }
    match context_of(claude_out) {
        Some(text) => context_json(fired, &cut(&text, MAX_CONTEXT)),
        None => String::new(),
    }
}

/// `text` in at most `max` characters, cut at a line boundary, saying so.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let note = "\n(Cut to fit Codex's limit for hook context; the rest: `session-hook view`.)";
    let room = max.saturating_sub(note.chars().count());
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        if out.chars().count() + line.chars().count() > room {
            break;
        }
        out.push_str(line);
    }
    if out.is_empty() {
        out = text.chars().take(room).collect();
    }
    out.push_str(note);
    out
}

/// Context usage from the rollout's newest `token_count` event: the last
/// reply's `total_tokens` against `model_context_window` (Codex's own
/// measure). A `compacted` record after it means the figure no longer
/// holds.
pub fn last_usage(path: &Path) -> std::io::Result<Usage> {
    tail::usage(path, |l| {
        if l.contains("\"compacted\"") && kind(l).as_deref() == Some("compacted") {
            return Some(Usage {
                basis: Basis::Compaction,
                ..Usage::default()
            });
        }
        if !l.contains("\"token_count\"") {
            return None;
        }
        let v: Value = serde_json::from_str(l).ok()?;
        let info = v.pointer("/payload/info")?;
        let used = info.pointer("/last_token_usage/total_tokens")?.as_u64()?;
        Some(Usage {
            used: Some(used),
            basis: Basis::Reply,
            window: info.get("model_context_window").and_then(Value::as_u64),
            at: v
                .get("timestamp")
                .and_then(Value::as_str)
                .map(str::to_string),
            ..Usage::default()
        })
    })
}

fn kind(line: &str) -> Option<String> {
    let v: Value = serde_json::from_str(line).ok()?;
    v.get("type")?.as_str().map(str::to_string)
}

/// The newest compaction summary in a rollout.
fn last_summary(path: &Path) -> Option<String> {
    tail::newest(path, |l| {
        if !l.contains("\"compacted\"") {
            return None;
        }
        let v: Value = serde_json::from_str(l).ok()?;
        (v.get("type")?.as_str()? == "compacted")
            .then(|| v.pointer("/payload/message")?.as_str().map(str::to_string))
            .flatten()
    })
    .ok()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(json: &str) -> (Common, Event) {
        from_payload(wire::read(json.as_bytes()).unwrap())
    }

    #[test]
    fn patches_name_their_files() {
        let (_, e) = ev(
            r#"{"session_id":"s","cwd":"/p","hook_event_name":"PostToolUse","turn_id":"t","tool_name":"apply_patch","tool_input":{"command":"*** Begin Patch\n*** Add File: notes.txt\n+line one\n*** Update File: src/a.rs\n@@\n-x\n+y\n*** End Patch\n"},"tool_response":"Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\nA notes.txt\nM src/a.rs\n"}"#,
        );
        assert_eq!(
            e,
            Event::ToolUse(Tool::Several(vec![
                Tool::Edited {
                    tool: "apply_patch".into(),
                    path: "/p/notes.txt".into()
                },
                Tool::Edited {
                    tool: "apply_patch".into(),
                    path: "/p/src/a.rs".into()
                },
            ]))
        );
        let (_, e) = ev(
            r#"{"cwd":"/p","hook_event_name":"PostToolUse","tool_name":"apply_patch","tool_input":{"command":"*** Begin Patch\n*** Update File: gone.txt\n*** End Patch\n"},"tool_response":"apply_patch verification failed: Failed to find gone.txt"}"#,
        );
        assert_eq!(
            e,
            Event::ToolUse(Tool::Other("apply_patch (failed)".into()))
        );
    }

    #[test]
    fn plans_are_todo_lists() {
        let (c, e) = ev(
            r#"{"session_id":"s","cwd":"/p","hook_event_name":"PostToolUse","turn_id":"t","tool_name":"update_plan","tool_input":{"explanation":"x","plan":[{"step":"write file","status":"in_progress"},{"step":"check","status":"pending"}]},"tool_response":"Plan updated"}"#,
        );
        assert_eq!(c.claude_session.as_deref(), Some("codex-s"));
        let Event::ToolUse(Tool::Todos(t)) = e else {
            panic!("{e:?}")
        };
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].content, "write file");
        assert_eq!(t[0].status, TodoStatus::InProgress);
    }

    #[test]
    fn answers_fit_codex_schemas() {
        let j = context_json("SessionStart", "ctx");
        assert_eq!(answer("SessionStart", &j), j);
        // PreCompact has no context channel; plain text would be ignored
        // at best, so nothing is printed.
        assert_eq!(answer("PreCompact", "Keep these facts"), "");
        assert_eq!(answer("Stop", &j), "");
        let long = "line of context\n".repeat(2000);
        let out = answer("UserPromptSubmit", &context_json("UserPromptSubmit", &long));
        let text = context_of(&out).unwrap();
        assert!(text.chars().count() <= MAX_CONTEXT);
        assert!(text.ends_with("`session-hook view`.)"));
    }

    #[test]
    fn usage_from_the_rollout() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("rollout-x.jsonl");
        std::fs::write(
            &p,
            concat!(
                r#"{"timestamp":"t1","type":"session_meta","payload":{"id":"s"}}"#,
                "\n",
                r#"{"timestamp":"t2","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"total_tokens":900},"last_token_usage":{"input_tokens":100,"total_tokens":110},"model_context_window":258400}}}"#,
                "\n",
                r#"{"timestamp":"t3","type":"response_item","payload":{"type":"message","role":"assistant"}}"#,
                "\n"
            ),
        )
        .unwrap();
        let u = last_usage(&p).unwrap();
        assert_eq!(
            (u.used, u.window, u.basis),
            (Some(110), Some(258_400), Basis::Reply)
        );
        let mut text = std::fs::read_to_string(&p).unwrap();
        text.push_str(r#"{"timestamp":"t4","type":"compacted","payload":{"message":"SUMMARY"}}"#);
        text.push('\n');
        std::fs::write(&p, text).unwrap();
        assert_eq!(last_usage(&p).unwrap().basis, Basis::Compaction);
        assert_eq!(last_summary(&p).as_deref(), Some("SUMMARY"));
    }
}
