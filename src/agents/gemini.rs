//! Gemini CLI (0.61.0): its hook payloads as our events, our answers in its
//! format, and the context usage its chat recording holds.
//!
//! Events: SessionStart (`startup|resume|clear`), BeforeAgent (the prompt),
//! AfterTool, PreCompress, AfterAgent and SessionEnd. Gemini reads only
//! JSON; `hookSpecificOutput.additionalContext` reaches the model from
//! SessionStart, BeforeAgent and AfterTool. PreCompress fires before every
//! model call with `trigger: "auto"`, whether or not a compression follows,
//! so only a manual one (`/compress`) counts as a compaction.

use std::path::Path;

use serde_json::Value;

use super::{Agent, absolute, context_of, tagged, tail};
use crate::hook::context_json;
use crate::hook::wire::{self, Common, Event, Payload, Todo, TodoStatus, Tool};
use crate::transcript::{Basis, Usage};

/// Event names only Gemini CLI uses.
pub const OWN_EVENTS: [&str; 8] = [
    "BeforeAgent",
    "AfterAgent",
    "BeforeTool",
    "AfterTool",
    "BeforeModel",
    "AfterModel",
    "BeforeToolSelection",
    "PreCompress",
];

/// Gemini's `tokenLimit()` for every Gemini model: a constant in its code,
/// not in the recording.
pub const GEMINI_WINDOW: u64 = 1_048_576;
/// … and for Gemma 4.
pub const GEMMA_WINDOW: u64 = 256_000;

pub fn from_payload(p: Payload) -> (Common, Event) {
    let mut c = wire::common(&p);
    tagged(Agent::Gemini, &mut c);
    let name = p.hook_event_name.clone().unwrap_or_default();
    let ev = match name.as_str() {
        "SessionStart" => Event::SessionStart {
            source: p.source.unwrap_or_else(|| "startup".into()),
            context_tokens: None,
        },
        "BeforeAgent" => Event::Prompt {
            text: own_prompt(p.prompt.as_deref().unwrap_or("")).to_string(),
        },
        "AfterTool" => Event::ToolUse(tool(
            p.tool_name.as_deref().unwrap_or(""),
            p.tool_input.as_ref(),
            p.tool_response.as_ref(),
            c.cwd.as_deref(),
        )),
        "PreCompress" if p.trigger.as_deref() == Some("manual") => Event::PreCompact {
            trigger: "manual".into(),
            custom: None,
        },
        "AfterAgent" => Event::Stop,
        "SessionEnd" => Event::SessionEnd {
            reason: p.reason.unwrap_or_else(|| "other".into()),
        },
        _ => Event::Other(name),
    };
    (c, ev)
}

/// The user's own words: in non-interactive mode Gemini puts SessionStart's
/// context in front of the first prompt as `<hook_context>…</hook_context>`
/// (with `<` and `>` inside escaped), which must not count as the prompt.
fn own_prompt(prompt: &str) -> &str {
    let p = prompt.trim_start();
    match p.strip_prefix("<hook_context>") {
        Some(rest) => match rest.split_once("</hook_context>") {
            Some((_, after)) => after.trim_start(),
            None => prompt,
        },
        None => prompt,
    }
}

/// What a Gemini tool call means to us.
fn tool(name: &str, input: Option<&Value>, response: Option<&Value>, cwd: Option<&str>) -> Tool {
    let failed = response
        .and_then(|r| r.get("error"))
        .is_some_and(|e| !e.is_null());
    let s = |k: &str| input.and_then(|i| i.get(k)).and_then(Value::as_str);
    match name {
        "write_file" | "replace" if !failed => {
            // The response has the absolute path; the input has the path
            // as the model wrote it.
            let shown = response
                .and_then(|r| r.pointer("/returnDisplay/filePath"))
                .and_then(Value::as_str);
            match shown.or_else(|| s("file_path")).filter(|p| !p.is_empty()) {
                Some(p) => Tool::Edited {
                    tool: name.into(),
                    path: absolute(p, cwd),
                },
                None => Tool::Other(name.into()),
            }
        }
        "read_file" if !failed => match s("file_path").or_else(|| s("absolute_path")) {
            Some(p) if !p.is_empty() => Tool::Read {
                path: absolute(p, cwd),
            },
            _ => Tool::Other(name.into()),
        },
        "write_todos" if !failed => {
            let todos: Vec<Todo> = input
                .and_then(|i| i.get("todos"))
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|t| {
                            let content = t.get("description")?.as_str()?.trim().to_string();
                            let status = match t.get("status")?.as_str()? {
                                "pending" | "blocked" => TodoStatus::Pending,
                                "in_progress" => TodoStatus::InProgress,
                                "completed" => TodoStatus::Completed,
                                "cancelled" => TodoStatus::Deleted,
                                _ => return None,
                            };
                            (!content.is_empty()).then_some(Todo {
                                content,
                                status,
                                active_form: None,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            Tool::Todos(todos)
        }
        other => Tool::Other(other.into()),
    }
}

/// Our answer in Gemini's format: JSON context for the three events that
/// pass it to the model, nothing otherwise (plain text would only be shown
/// to the user as a "system message").
pub fn answer(fired: &str, claude_out: &str) -> String {
    if !matches!(fired, "SessionStart" | "BeforeAgent" | "AfterTool") {
        return String::new();
    }
    match context_of(claude_out) {
        Some(text) => context_json(fired, &text),
        None => String::new(),
    }
}

/// The window Gemini CLI uses for a model.
pub fn window_of(model: &str) -> u64 {
    if model.to_ascii_lowercase().contains("gemma") {
        GEMMA_WINDOW
    } else {
        GEMINI_WINDOW
    }
}

/// Context usage from the newest `gemini` record of the chat recording:
/// its `tokens.input` (the prompt's token count). A `$set` of `messages`
/// after it is a compression's rewrite: the figure no longer holds.
pub fn last_usage(path: &Path) -> std::io::Result<Usage> {
    tail::usage(path, |l| {
        if l.contains("\"$set\"") && l.contains("\"messages\"") {
            let v: Value = serde_json::from_str(l).ok()?;
            return v.pointer("/$set/messages").map(|_| Usage {
                basis: Basis::Compaction,
                ..Usage::default()
            });
        }
        if !l.contains("\"tokens\"") {
            return None;
        }
        let v: Value = serde_json::from_str(l).ok()?;
        if v.get("type")?.as_str()? != "gemini" {
            return None;
        }
        let used = v.pointer("/tokens/input")?.as_u64()?;
        let model = v.get("model").and_then(Value::as_str).map(str::to_string);
        Some(Usage {
            used: Some(used),
            basis: Basis::Reply,
            window: Some(window_of(model.as_deref().unwrap_or("gemini"))),
            model,
            message_id: v.get("id").and_then(Value::as_str).map(str::to_string),
            at: v
                .get("timestamp")
                .and_then(Value::as_str)
                .map(str::to_string),
            ..Usage::default()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(json: &str) -> (Common, Event) {
        from_payload(wire::read(json.as_bytes()).unwrap())
    }

    #[test]
    fn the_prompt_is_the_users_own() {
        let (c, e) = ev(
            r#"{"session_id":"g","cwd":"/p","hook_event_name":"BeforeAgent","timestamp":"x","prompt":"<hook_context>session-hook active session: goal &lt;x&gt;</hook_context>\n\ncontinue"}"#,
        );
        assert_eq!(c.claude_session.as_deref(), Some("gemini-g"));
        assert_eq!(
            e,
            Event::Prompt {
                text: "continue".into()
            }
        );
        assert_eq!(own_prompt("plain words"), "plain words");
    }

    #[test]
    fn tools_map_onto_ours() {
        let (_, e) = ev(
            r#"{"cwd":"/p","hook_event_name":"AfterTool","tool_name":"write_file","tool_input":{"file_path":"notes.txt","content":"x"},"tool_response":{"llmContent":"ok","returnDisplay":{"filePath":"/p/notes.txt"}}}"#,
        );
        assert_eq!(
            e,
            Event::ToolUse(Tool::Edited {
                tool: "write_file".into(),
                path: "/p/notes.txt".into()
            })
        );
        let (_, e) = ev(
            r#"{"cwd":"/p","hook_event_name":"AfterTool","tool_name":"replace","tool_input":{"file_path":"a.txt"},"tool_response":{"llmContent":"no","error":{"message":"not found"}}}"#,
        );
        assert_eq!(e, Event::ToolUse(Tool::Other("replace".into())));
        let (_, e) = ev(
            r#"{"cwd":"/p","hook_event_name":"AfterTool","tool_name":"write_todos","tool_input":{"todos":[{"description":"write notes","status":"in_progress"},{"description":"drop it","status":"cancelled"}]}}"#,
        );
        let Event::ToolUse(Tool::Todos(t)) = e else {
            panic!()
        };
        assert_eq!(t[0].status, TodoStatus::InProgress);
        assert_eq!(t[1].status, TodoStatus::Deleted);
    }

    #[test]
    fn automatic_precompress_is_not_a_compaction() {
        let (_, e) = ev(r#"{"hook_event_name":"PreCompress","trigger":"auto"}"#);
        assert_eq!(e, Event::Other("PreCompress".into()));
        let (_, e) = ev(r#"{"hook_event_name":"PreCompress","trigger":"manual"}"#);
        assert!(matches!(e, Event::PreCompact { .. }));
    }

    #[test]
    fn answers_are_json_for_context_events_only() {
        let j = context_json("UserPromptSubmit", "ctx");
        assert_eq!(
            answer("BeforeAgent", &j),
            context_json("BeforeAgent", "ctx")
        );
        assert_eq!(answer("PreCompress", "Keep these facts"), "");
        assert_eq!(answer("SessionEnd", &j), "");
    }

    #[test]
    fn usage_from_the_recording() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("session-x.jsonl");
        std::fs::write(
            &p,
            concat!(
                r#"{"sessionId":"g","kind":"main"}"#,
                "\n",
                r#"{"id":"1","type":"gemini","content":"hi","model":"gemini-2.5-pro","tokens":{"input":4200,"output":5,"total":4205}}"#,
                "\n",
                r#"{"$set":{"lastUpdated":"x"}}"#,
                "\n"
            ),
        )
        .unwrap();
        let u = last_usage(&p).unwrap();
        assert_eq!((u.used, u.window), (Some(4200), Some(GEMINI_WINDOW)));
        assert_eq!(u.model.as_deref(), Some("gemini-2.5-pro"));
    }
}
