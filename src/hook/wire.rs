//! Wire types: Claude Code's hook stdin, parsed leniently. Every field is
//! optional, unknown fields are ignored, and `null` reads as absent. These
//! types never leave the hook module; `Event` is what the rest of the code
//! sees. Codex CLI and Gemini CLI send the same kind of object with other
//! event and tool names: `crate::agents` maps theirs onto the same `Event`.

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Payload {
    pub session_id: Option<String>,
    pub transcript_path: Option<String>,
    pub cwd: Option<String>,
    pub hook_event_name: Option<String>,
    pub source: Option<String>,
    pub model: Option<Value>,
    pub prompt: Option<String>,
    pub trigger: Option<String>,
    pub custom_instructions: Option<String>,
    pub compact_summary: Option<String>,
    pub tool_name: Option<String>,
    pub tool_input: Option<Value>,
    pub tool_response: Option<Value>,
    pub reason: Option<String>,
    pub context_tokens: Option<u64>,
    pub task_id: Option<Value>,
    pub task_subject: Option<String>,
    pub task_description: Option<String>,
    pub last_assistant_message: Option<String>,
    /// Codex CLI marks every turn event with its turn; Claude Code never.
    pub turn_id: Option<String>,
    /// Gemini CLI stamps every event; Claude Code and Codex CLI do not.
    pub timestamp: Option<String>,
}

/// A todo from `TodoWrite`.
#[derive(Debug, Clone, PartialEq)]
pub struct Todo {
    pub content: String,
    pub status: TodoStatus,
    pub active_form: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TodoStatus {
    Pending,
    InProgress,
    Completed,
    Deleted,
}

impl From<TodoStatus> for crate::session::tasks::Status {
    fn from(s: TodoStatus) -> Self {
        use crate::session::tasks::Status as S;
        match s {
            TodoStatus::Pending => S::Pending,
            TodoStatus::InProgress => S::InProgress,
            TodoStatus::Completed => S::Completed,
            TodoStatus::Deleted => S::Deleted,
        }
    }
}

impl TodoStatus {
    fn parse(s: &str) -> Option<TodoStatus> {
        Some(match s {
            "pending" => TodoStatus::Pending,
            "in_progress" => TodoStatus::InProgress,
            "completed" => TodoStatus::Completed,
            "deleted" => TodoStatus::Deleted,
            _ => return None,
        })
    }
}

/// What a tool call means to us.
#[derive(Debug, Clone, PartialEq)]
pub enum Tool {
    Todos(Vec<Todo>),
    TaskCreate {
        id: Option<String>,
        subject: String,
    },
    TaskUpdate {
        id: String,
        subject: Option<String>,
        status: Option<TodoStatus>,
    },
    Edited {
        tool: String,
        path: String,
    },
    Read {
        path: String,
    },
    /// One call that did several of the above (a Codex patch touching
    /// several files).
    Several(Vec<Tool>),
    Other(String),
}

/// The domain event a payload stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    SessionStart {
        source: String,
        context_tokens: Option<u64>,
    },
    Prompt {
        text: String,
    },
    PreCompact {
        trigger: String,
        custom: Option<String>,
    },
    PostCompact {
        trigger: String,
        summary: String,
    },
    ToolUse(Tool),
    TaskCreated {
        id: Option<String>,
        subject: String,
    },
    TaskCompleted {
        id: Option<String>,
        subject: Option<String>,
    },
    Stop,
    SessionEnd {
        reason: String,
    },
    Other(String),
}

/// Common facts every event carries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Common {
    /// Which coding agent sent the event.
    pub agent: crate::agents::Agent,
    /// The event's name as the agent sent it (its answer must name it).
    pub fired: String,
    /// The agent's own session id (prefixed with the agent's name for
    /// agents other than Claude Code, so ids never collide).
    pub claude_session: Option<String>,
    pub transcript: Option<String>,
    pub cwd: Option<String>,
    pub model: Option<String>,
}

fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn str_at<'a>(v: Option<&'a Value>, key: &str) -> Option<&'a str> {
    v?.get(key)?.as_str()
}

fn tool(name: &str, input: Option<&Value>, response: Option<&Value>) -> Tool {
    match name {
        "TodoWrite" => {
            let todos = input
                .and_then(|i| i.get("todos"))
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|t| {
                            let content = t.get("content")?.as_str()?.trim().to_string();
                            let status = TodoStatus::parse(t.get("status")?.as_str()?)?;
                            let active_form = t
                                .get("activeForm")
                                .and_then(Value::as_str)
                                .map(str::to_string);
                            (!content.is_empty()).then_some(Todo {
                                content,
                                status,
                                active_form,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            Tool::Todos(todos)
        }
        "TaskCreate" => {
            let subject = str_at(input, "subject")
                .or_else(|| {
                    response
                        .and_then(|r| r.get("task"))
                        .and_then(|t| t.get("subject"))
                        .and_then(Value::as_str)
                })
                .unwrap_or("")
                .trim()
                .to_string();
            let id = response
                .and_then(|r| r.get("task"))
                .and_then(|t| t.get("id"))
                .and_then(id_text);
            if subject.is_empty() {
                Tool::Other(name.into())
            } else {
                Tool::TaskCreate { id, subject }
            }
        }
        "TaskUpdate" => {
            let id = input
                .and_then(|i| i.get("taskId"))
                .and_then(id_text)
                .or_else(|| response.and_then(|r| r.get("taskId")).and_then(id_text));
            match id {
                Some(id) => Tool::TaskUpdate {
                    id,
                    subject: str_at(input, "subject")
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty()),
                    status: str_at(input, "status").and_then(TodoStatus::parse),
                },
                None => Tool::Other(name.into()),
            }
        }
        "Write" | "Edit" | "MultiEdit" | "NotebookEdit" => {
            let p = str_at(input, "file_path").or_else(|| str_at(input, "notebook_path"));
            match p {
                Some(p) if !p.is_empty() => Tool::Edited {
                    tool: name.into(),
                    path: p.into(),
                },
                _ => Tool::Other(name.into()),
            }
        }
        "Read" => match str_at(input, "file_path") {
            Some(p) if !p.is_empty() => Tool::Read { path: p.into() },
            _ => Tool::Other(name.into()),
        },
        other => Tool::Other(other.into()),
    }
}

/// Parse stdin. `Err` only for bytes that are not a JSON object at all;
/// missing or odd fields are tolerated.
pub fn parse(input: &[u8]) -> Result<(Common, Event), String> {
    Ok(from_payload(read(input)?))
}

/// The payload object, whatever the agent.
pub fn read(input: &[u8]) -> Result<Payload, String> {
    serde_json::from_slice(input).map_err(|e| format!("stdin is not a hook payload: {e}"))
}

/// The facts every agent's payload carries in the same fields.
pub fn common(p: &Payload) -> Common {
    let model = match &p.model {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    Common {
        agent: crate::agents::Agent::Claude,
        fired: p.hook_event_name.clone().unwrap_or_default(),
        claude_session: p.session_id.clone().filter(|s| !s.is_empty()),
        transcript: p.transcript_path.clone().filter(|s| !s.is_empty()),
        cwd: p.cwd.clone().filter(|s| !s.is_empty()),
        model,
    }
}

/// A Claude Code payload as our event.
pub fn from_payload(p: Payload) -> (Common, Event) {
    let common = common(&p);
    let name = p.hook_event_name.clone().unwrap_or_default();
    let ev = match name.as_str() {
        "SessionStart" => Event::SessionStart {
            source: p.source.unwrap_or_else(|| "startup".into()),
            context_tokens: p.context_tokens,
        },
        "UserPromptSubmit" => Event::Prompt {
            text: p.prompt.unwrap_or_default(),
        },
        "PreCompact" => Event::PreCompact {
            trigger: p.trigger.unwrap_or_else(|| "manual".into()),
            custom: p.custom_instructions.filter(|s| !s.is_empty()),
        },
        "PostCompact" => Event::PostCompact {
            trigger: p.trigger.unwrap_or_else(|| "manual".into()),
            summary: p.compact_summary.unwrap_or_default(),
        },
        "PostToolUse" => Event::ToolUse(tool(
            p.tool_name.as_deref().unwrap_or(""),
            p.tool_input.as_ref(),
            p.tool_response.as_ref(),
        )),
        "TaskCreated" => match p.task_subject.filter(|s| !s.trim().is_empty()) {
            Some(subject) => Event::TaskCreated {
                id: p.task_id.as_ref().and_then(id_text),
                subject: subject.trim().to_string(),
            },
            None => Event::Other(name),
        },
        "TaskCompleted" => Event::TaskCompleted {
            id: p.task_id.as_ref().and_then(id_text),
            subject: p
                .task_subject
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        },
        "Stop" => Event::Stop,
        "SessionEnd" => Event::SessionEnd {
            reason: p.reason.unwrap_or_else(|| "other".into()),
        },
        _ => Event::Other(name),
    };
    (common, ev)
}

impl Event {
    pub fn name(&self) -> &str {
        match self {
            Event::SessionStart { .. } => "SessionStart",
            Event::Prompt { .. } => "UserPromptSubmit",
            Event::PreCompact { .. } => "PreCompact",
            Event::PostCompact { .. } => "PostCompact",
            Event::ToolUse(_) => "PostToolUse",
            Event::TaskCreated { .. } => "TaskCreated",
            Event::TaskCompleted { .. } => "TaskCompleted",
            Event::Stop => "Stop",
            Event::SessionEnd { .. } => "SessionEnd",
            Event::Other(n) => n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient() {
        let (c, e) = parse(br#"{"session_id":null,"hook_event_name":"UserPromptSubmit","prompt":"hi","extra":{"x":1}}"#).unwrap();
        assert_eq!(c.claude_session, None);
        assert_eq!(e, Event::Prompt { text: "hi".into() });
        let (_, e) = parse(br#"{"hook_event_name":"Whatever"}"#).unwrap();
        assert_eq!(e, Event::Other("Whatever".into()));
        assert!(parse(b"[1,2]").is_err());
        assert!(parse(b"{\"hook_event_name\":").is_err());
    }

    #[test]
    fn tools() {
        let (_, e) = parse(br#"{"hook_event_name":"PostToolUse","tool_name":"TaskCreate","tool_input":{"subject":"Write tests","description":"d"},"tool_response":{"task":{"id":"3","subject":"Write tests"}}}"#).unwrap();
        assert_eq!(
            e,
            Event::ToolUse(Tool::TaskCreate {
                id: Some("3".into()),
                subject: "Write tests".into()
            })
        );
        let (_, e) = parse(br#"{"hook_event_name":"PostToolUse","tool_name":"TaskUpdate","tool_input":{"taskId":"3","status":"completed"}}"#).unwrap();
        assert_eq!(
            e,
            Event::ToolUse(Tool::TaskUpdate {
                id: "3".into(),
                subject: None,
                status: Some(TodoStatus::Completed)
            })
        );
        let (_, e) = parse(br#"{"hook_event_name":"PostToolUse","tool_name":"NotebookEdit","tool_input":{"notebook_path":"/p/a.ipynb"}}"#).unwrap();
        assert_eq!(
            e,
            Event::ToolUse(Tool::Edited {
                tool: "NotebookEdit".into(),
                path: "/p/a.ipynb".into()
            })
        );
    }
}
