//! A mock of the Anthropic Messages API on loopback, for driving the real
//! Claude Code CLI offline. It records every request body so a test can see
//! exactly what reached the model. Bounded: it serves only while the test
//! holds it and stops when dropped. A script of replies (content blocks,
//! e.g. a `tool_use`) can be queued for the main-loop requests, the ones
//! that offer tools; everything else gets a plain text.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

type Steps = Arc<Mutex<std::collections::VecDeque<serde_json::Value>>>;

/// A model as a function: a main-loop request in, the content blocks of
/// the reply out (`None`: the queued script, else a plain text).
pub type Model = Arc<dyn Fn(&serde_json::Value) -> Option<serde_json::Value> + Send + Sync>;

pub struct MockApi {
    pub port: u16,
    requests: Arc<Mutex<Vec<serde_json::Value>>>,
    steps: Steps,
    stop: Arc<AtomicBool>,
    handle: Option<thread::JoinHandle<()>>,
}

impl MockApi {
    pub fn start() -> MockApi {
        Self::with_model(Arc::new(|_| None))
    }

    /// A mock whose main-loop replies come from `model`, which sees each
    /// whole request (so it can act on what the hooks injected).
    pub fn with_model(model: Model) -> MockApi {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let steps: Steps = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, s, q) = (requests.clone(), stop.clone(), steps.clone());
        let handle = thread::spawn(move || {
            // Hard upper bound on the server's life, whatever the test does.
            let deadline = std::time::Instant::now() + Duration::from_secs(900);
            while !s.load(Ordering::Relaxed) && std::time::Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (r, q, m) = (r.clone(), q.clone(), model.clone());
                        thread::spawn(move || serve(stream, r, q, m));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        MockApi {
            port,
            requests,
            steps,
            stop,
            handle: Some(handle),
        }
    }

    /// Bodies of every `POST /v1/messages` so far.
    pub fn messages(&self) -> Vec<serde_json::Value> {
        self.requests.lock().unwrap().clone()
    }

    pub fn clear(&self) {
        self.requests.lock().unwrap().clear();
    }

    /// Queue replies, each a list of content blocks (`{"type":"tool_use",
    /// "name":…, "input":…}` or text), for the next main-loop requests.
    pub fn script(&self, replies: Vec<serde_json::Value>) {
        self.steps.lock().unwrap().extend(replies);
    }
}

impl Drop for MockApi {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// One HTTP/1.1 request from a keep-alive connection: method, path
/// (without the query) and the JSON body (`Null` when there is none).
/// `None` once the client is gone.
pub fn read_request(
    reader: &mut BufReader<TcpStream>,
) -> Option<(String, String, serde_json::Value)> {
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts
        .next()
        .unwrap_or("")
        .split('?')
        .next()
        .unwrap_or("")
        .to_string();
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    Some((
        method,
        path,
        serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    ))
}

fn serve(stream: TcpStream, log: Arc<Mutex<Vec<serde_json::Value>>>, steps: Steps, model: Model) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(120)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    while let Some((method, path, body)) = read_request(&mut reader) {
        let (ctype, payload) = respond(&method, &path, &body, &log, &steps, &model);
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nrequest-id: req_mock\r\nConnection: keep-alive\r\n\r\n",
            payload.len()
        );
        if out.write_all(head.as_bytes()).is_err()
            || (method != "HEAD" && out.write_all(&payload).is_err())
        {
            return;
        }
        let _ = out.flush();
    }
}

fn is_compaction(body: &serde_json::Value) -> bool {
    let last_user = body["messages"]
        .as_array()
        .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
        .map(|m| m["content"].to_string().to_lowercase())
        .unwrap_or_default();
    last_user.contains("summary of the conversation")
        || last_user.contains("summarize the conversation")
        || last_user.contains("detailed summary")
        || (last_user.contains("create a summary") && last_user.contains("conversation"))
}

fn respond(
    method: &str,
    path: &str,
    body: &serde_json::Value,
    log: &Arc<Mutex<Vec<serde_json::Value>>>,
    steps: &Steps,
    model: &Model,
) -> (&'static str, Vec<u8>) {
    if method == "POST" && path.ends_with("/v1/messages/count_tokens") {
        return (
            "application/json",
            serde_json::json!({"input_tokens": body.to_string().len() / 4 + 1})
                .to_string()
                .into_bytes(),
        );
    }
    if method == "GET" && path == "/v1/models" {
        return (
            "application/json",
            serde_json::json!({"data": [{"type": "model", "id": "claude-mock-1", "display_name": "Mock", "created_at": "2025-01-01T00:00:00Z"}], "has_more": false})
                .to_string()
                .into_bytes(),
        );
    }
    if method != "POST" || !path.ends_with("/v1/messages") {
        return ("application/json", b"{}".to_vec());
    }
    log.lock().unwrap().push(body.clone());
    let main_loop = body["tools"].as_array().is_some_and(|t| !t.is_empty()) && !is_compaction(body);
    let scripted = main_loop
        .then(|| steps.lock().unwrap().pop_front())
        .flatten()
        .or_else(|| main_loop.then(|| model(body)).flatten());
    // A summariser told to end with a `Session TL;DR:` line does so.
    let text = if is_compaction(body) && body.to_string().contains("Session TL;DR:") {
        "<summary>MOCK-SUMMARY: the user and the assistant exchanged a few messages.\nSession TL;DR: MOCK-TLDR the work goes on.</summary>"
    } else if is_compaction(body) {
        "<summary>MOCK-SUMMARY: the user and the assistant exchanged a few messages.</summary>"
    } else {
        "MOCK-OK"
    };
    let content = scripted.unwrap_or_else(|| serde_json::json!([{"type": "text", "text": text}]));
    let tool_use = content
        .as_array()
        .is_some_and(|c| c.iter().any(|b| b["type"] == "tool_use"));
    let usage = serde_json::json!({
        "input_tokens": body.to_string().len() / 4 + 1,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "output_tokens": 5,
    });
    let model = body["model"].as_str().unwrap_or("claude-mock-1");
    let msg = serde_json::json!({
        "id": format!("msg_mock_{}", uuid::Uuid::now_v7().simple()),
        "type": "message", "role": "assistant", "model": model,
        "content": content,
        "stop_reason": if tool_use { "tool_use" } else { "end_turn" }, "stop_sequence": null, "usage": usage,
    });
    if body["stream"].as_bool() != Some(true) {
        return ("application/json", msg.to_string().into_bytes());
    }
    let mut start = msg.clone();
    start["content"] = serde_json::json!([]);
    start["stop_reason"] = serde_json::Value::Null;
    let sse = |event: &str, data: serde_json::Value| format!("event: {event}\ndata: {data}\n\n");
    let mut s = String::new();
    s.push_str(&sse(
        "message_start",
        serde_json::json!({"type": "message_start", "message": start}),
    ));
    for (i, b) in content.as_array().into_iter().flatten().enumerate() {
        if b["type"] == "tool_use" {
            s.push_str(&sse("content_block_start", serde_json::json!({"type": "content_block_start", "index": i, "content_block": {"type": "tool_use", "id": b["id"], "name": b["name"], "input": {}}})));
            s.push_str(&sse("content_block_delta", serde_json::json!({"type": "content_block_delta", "index": i, "delta": {"type": "input_json_delta", "partial_json": b["input"].to_string()}})));
        } else {
            s.push_str(&sse("content_block_start", serde_json::json!({"type": "content_block_start", "index": i, "content_block": {"type": "text", "text": ""}})));
            s.push_str(&sse("content_block_delta", serde_json::json!({"type": "content_block_delta", "index": i, "delta": {"type": "text_delta", "text": b["text"]}})));
        }
        s.push_str(&sse(
            "content_block_stop",
            serde_json::json!({"type": "content_block_stop", "index": i}),
        ));
    }
    let stop = if tool_use { "tool_use" } else { "end_turn" };
    s.push_str(&sse("message_delta", serde_json::json!({"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": null}, "usage": usage})));
    s.push_str(&sse(
        "message_stop",
        serde_json::json!({"type": "message_stop"}),
    ));
    ("text/event-stream", s.into_bytes())
}
