//! Loopback mocks of the model APIs Codex CLI and Gemini CLI talk to, for
//! driving the real clients offline: OpenAI's Responses API over SSE (what
//! a Codex custom provider speaks) and the Gemini API
//! (`streamGenerateContent` / `generateContent` / `countTokens`). Each
//! records every request body so a test sees exactly what reached the
//! model, and answers from a script of steps (text or one tool call), then
//! with a plain text. Bounded: a server lives while the test holds it.

use std::collections::VecDeque;
use std::io::{BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};

use crate::mock_api::read_request;

/// One scripted model turn.
#[derive(Debug, Clone)]
pub enum Step {
    Text(String),
    /// A function call: name and JSON arguments.
    Call(String, Value),
    /// Codex's freeform tool call (`apply_patch`): name and raw input.
    Custom(String, String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Dialect {
    Responses,
    Gemini,
}

struct State {
    dialect: Dialect,
    steps: VecDeque<Step>,
    /// (path, body) of every model request.
    requests: Vec<(String, Value)>,
    served: u64,
}

pub struct MockModel {
    pub port: u16,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    handle: Option<thread::JoinHandle<()>>,
}

impl MockModel {
    /// OpenAI Responses API: `POST {base}/responses`, SSE.
    pub fn responses(steps: Vec<Step>) -> MockModel {
        MockModel::start(Dialect::Responses, steps)
    }

    /// Gemini API: `POST /v1beta/models/M:streamGenerateContent?alt=sse`.
    pub fn gemini(steps: Vec<Step>) -> MockModel {
        MockModel::start(Dialect::Gemini, steps)
    }

    fn start(dialect: Dialect, steps: Vec<Step>) -> MockModel {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State {
            dialect,
            steps: steps.into(),
            requests: Vec::new(),
            served: 0,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (st, s) = (state.clone(), stop.clone());
        let handle = thread::spawn(move || {
            let deadline = std::time::Instant::now() + Duration::from_secs(900);
            while !s.load(Ordering::Relaxed) && std::time::Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let st = st.clone();
                        thread::spawn(move || serve(stream, st));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        MockModel {
            port,
            state,
            stop,
            handle: Some(handle),
        }
    }

    /// Bodies of the model requests (the ones that consume steps), in order.
    pub fn model_requests(&self) -> Vec<Value> {
        self.state
            .lock()
            .unwrap()
            .requests
            .iter()
            .filter(|(p, _)| p.ends_with("/responses") || p.ends_with(":streamGenerateContent"))
            .map(|(_, b)| b.clone())
            .collect()
    }

    /// Steps not yet served.
    pub fn steps_left(&self) -> usize {
        self.state.lock().unwrap().steps.len()
    }
}

impl Drop for MockModel {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve(stream: TcpStream, state: Arc<Mutex<State>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(120)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    while let Some((method, path, body)) = read_request(&mut reader) {
        let (ctype, payload, close) = respond(&method, &path, body, &state);
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: {}\r\n\r\n",
            payload.len(),
            if close { "close" } else { "keep-alive" }
        );
        if out.write_all(head.as_bytes()).is_err() || out.write_all(&payload).is_err() {
            return;
        }
        let _ = out.flush();
        if close {
            return;
        }
    }
}

fn respond(
    method: &str,
    path: &str,
    body: Value,
    state: &Arc<Mutex<State>>,
) -> (&'static str, Vec<u8>, bool) {
    let mut st = state.lock().unwrap();
    st.requests.push((path.to_string(), body));
    if method != "POST" {
        return (
            "application/json",
            br#"{"models":[],"data":[]}"#.to_vec(),
            false,
        );
    }
    match st.dialect {
        Dialect::Responses if path.ends_with("/responses") => {
            st.served += 1;
            let n = st.served;
            let step = st.steps.pop_front().unwrap_or(Step::Text("MOCK-OK".into()));
            (
                "text/event-stream",
                responses_sse(&step, n).into_bytes(),
                true,
            )
        }
        Dialect::Gemini if path.ends_with(":streamGenerateContent") => {
            let step = st.steps.pop_front().unwrap_or(Step::Text("MOCK-OK".into()));
            let parts = match step {
                Step::Call(name, args) => json!([{"functionCall": {"name": name, "args": args}}]),
                Step::Text(t) | Step::Custom(_, t) => json!([{"text": t}]),
            };
            let data = format!("data: {}\r\n\r\n", gemini_reply(parts));
            ("text/event-stream", data.into_bytes(), true)
        }
        Dialect::Gemini if path.ends_with(":generateContent") => {
            // Utility calls (routing, next speaker, compression): a JSON text.
            let text = json!({"reasoning": "mock", "next_speaker": "user", "model_choice": "pro", "complexity_reasoning": "mock", "complexity_score": 1}).to_string();
            let reply = gemini_reply(json!([{"text": text}]));
            ("application/json", reply.to_string().into_bytes(), false)
        }
        Dialect::Gemini if path.ends_with(":countTokens") => (
            "application/json",
            br#"{"totalTokens":100}"#.to_vec(),
            false,
        ),
        _ => ("application/json", b"{}".to_vec(), false),
    }
}

fn gemini_reply(parts: Value) -> Value {
    json!({
        "candidates": [{"content": {"role": "model", "parts": parts}, "finishReason": "STOP", "index": 0}],
        "usageMetadata": {"promptTokenCount": 4200, "candidatesTokenCount": 5, "totalTokenCount": 4205},
        "modelVersion": "mock-model",
    })
}

fn responses_sse(step: &Step, n: u64) -> String {
    let rid = format!("resp_{n}");
    let usage = json!({"input_tokens": 4200, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 10, "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 4210});
    let mut events = vec![json!({"type": "response.created", "response": {"id": rid}})];
    let item = match step {
        Step::Call(name, args) => {
            json!({"type": "function_call", "id": format!("fc_{n}"), "call_id": format!("call_{n}"), "name": name, "arguments": args.to_string()})
        }
        Step::Custom(name, input) => {
            json!({"type": "custom_tool_call", "id": format!("ctc_{n}"), "call_id": format!("call_{n}"), "name": name, "input": input})
        }
        Step::Text(text) => {
            let item = json!({"type": "message", "role": "assistant", "id": format!("msg_{n}"), "content": [{"type": "output_text", "text": text, "annotations": []}]});
            let mut added = item.clone();
            added["content"] = json!([]);
            events.push(
                json!({"type": "response.output_item.added", "output_index": 0, "item": added}),
            );
            events.push(json!({"type": "response.output_text.delta", "item_id": format!("msg_{n}"), "output_index": 0, "content_index": 0, "delta": text}));
            item
        }
    };
    events.push(json!({"type": "response.output_item.done", "output_index": 0, "item": item}));
    events.push(json!({"type": "response.completed", "response": {"id": rid, "status": "completed", "usage": usage}}));
    events
        .iter()
        .map(|e| format!("event: {}\ndata: {e}\n\n", e["type"].as_str().unwrap()))
        .collect()
}
