//! Steps with identity and facts that age: each mechanism that once made
//! the injected context wrong, reproduced through the binary.

use crate::common;

use common::{Project, payload};
use serde_json::{Value, json};

pub const CLAUDE: &str = "11111111-2222-3333-4444-555555555555";

/// Hook payloads of one Claude session, fed to a project.
pub struct Claude<'a> {
    pub p: &'a Project,
    pub now: String,
    /// The Claude session id of every payload.
    pub session: String,
}

impl<'a> Claude<'a> {
    pub fn new(p: &'a Project) -> Self {
        Claude {
            p,
            now: "2026-01-15T10:00:00Z".into(),
            session: CLAUDE.into(),
        }
    }

    pub fn at(&mut self, now: &str) -> &mut Self {
        self.now = now.to_string();
        self
    }

    /// Feed one event; returns stdout.
    pub fn event(&self, event: &str, mut extra: Value) -> String {
        extra["session_id"] = self.session.clone().into();
        let o = self
            .p
            .cmd()
            .env("SESSION_HOOK_NOW", &self.now)
            .arg("hook")
            .write_stdin(payload(self.p.path(), event, extra).into_bytes())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        String::from_utf8(o.stdout).unwrap()
    }

    pub fn tool(&self, name: &str, input: Value, response: Value) -> String {
        self.event(
            "PostToolUse",
            json!({"tool_name": name, "tool_input": input, "tool_response": response}),
        )
    }

    pub fn task_create(&self, id: &str, subject: &str) {
        self.tool(
            "TaskCreate",
            json!({"subject": subject, "description": ""}),
            json!({"task": {"id": id, "subject": subject}}),
        );
    }

    pub fn task_update(&self, id: &str, subject: Option<&str>, status: Option<&str>) {
        let mut input = json!({"taskId": id});
        if let Some(s) = subject {
            input["subject"] = s.into();
        }
        if let Some(s) = status {
            input["status"] = s.into();
        }
        self.tool("TaskUpdate", input, json!({"success": true, "taskId": id}));
    }

    pub fn todos(&self, list: &[(&str, &str)]) {
        let todos: Vec<Value> = list
            .iter()
            .map(|(c, s)| json!({"content": c, "status": s, "activeForm": c}))
            .collect();
        self.tool(
            "TodoWrite",
            json!({"todos": todos}),
            json!({"oldTodos": [], "newTodos": todos}),
        );
    }

    pub fn edit(&self, rel: &str) {
        let abs = self.p.path().join(rel).display().to_string();
        self.tool(
            "Edit",
            json!({"file_path": abs, "old_string": "a", "new_string": "b"}),
            json!({"filePath": abs}),
        );
    }

    /// The additional context of a SessionStart or UserPromptSubmit, or
    /// "" when the hook said nothing.
    pub fn start(&self, source: &str) -> String {
        common::injected(&self.event("SessionStart", json!({"source": source})))
    }

    pub fn prompt(&self, text: &str) -> String {
        common::injected(&self.event("UserPromptSubmit", json!({"prompt": text})))
    }

    pub fn precompact(&self) -> String {
        self.event(
            "PreCompact",
            json!({"trigger": "manual", "custom_instructions": ""}),
        )
    }

    pub fn postcompact(&self, summary: &str) {
        self.event(
            "PostCompact",
            json!({"trigger": "manual", "compact_summary": summary}),
        );
    }
}

/// `view --json` of the active session.
pub fn view(p: &Project) -> Value {
    serde_json::from_str(&p.ok(&["view", "t", "--json"])).unwrap()
}

/// The text of one `## Heading` block of an injection (up to the next).
pub fn block<'t>(text: &'t str, heading: &str) -> Option<&'t str> {
    let start = text.find(&format!("## {heading}"))?;
    let rest = &text[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 4);
    Some(&rest[..end])
}

fn started(goal: &str) -> Project {
    let p = Project::git();
    p.ok(&["init", "--name", "t", "--goal", goal]);
    p
}

/// A task named like the step in progress links to it: nothing moves back
/// to Remaining, nothing is promoted, and starting the task leaves one
/// `<- CURRENT`.
#[test]
fn a_task_for_the_step_in_progress_moves_nothing() {
    let p = started("Ship the importer");
    p.ok(&["log", "--next", "Parse the CSV"]);
    p.ok(&["log", "--next", "Validate rows"]);
    p.ok(&["log", "--current", "Parse the CSV"]);
    let c = Claude::new(&p);
    c.task_create("1", "Parse the CSV");
    let v = view(&p);
    assert_eq!(v["progress"]["current"], "Parse the CSV", "{v}");
    assert_eq!(v["progress"]["remaining"], json!(["Validate rows"]));
    c.task_update("1", None, Some("in_progress"));
    let t = p.active_text();
    assert_eq!(t.matches("<- CURRENT").count(), 1, "{t}");
    assert_eq!(view(&p)["progress"]["current"], "Parse the CSV");
}

/// `log --next` adds a step to do, not a step being done.
#[test]
fn a_next_step_is_not_the_current_one() {
    let p = started("Ship the importer");
    p.ok(&["log", "--next", "Parse the CSV"]);
    let v = view(&p);
    assert_eq!(v["progress"]["current"], Value::Null, "{v}");
    assert!(!p.active_text().contains("<- CURRENT"));
    assert!(
        p.active_text()
            .contains("**Current**: none (next: Parse the CSV)"),
        "{}",
        p.active_text()
    );
    let ctx = Claude::new(&p).start("startup");
    let cur = block(&ctx, "Current Step").unwrap();
    assert!(cur.contains("None: no step is started"), "{ctx}");
    assert!(cur.contains("Parse the CSV"), "{ctx}");
}

/// A new task subject renames its step; completing the task completes the
/// renamed step, and the old title is left nowhere as open.
#[test]
fn a_renamed_task_completes_its_own_step() {
    let p = started("Ship the importer");
    let c = Claude::new(&p);
    c.task_create("1", "Parse the CSV");
    c.task_update("1", None, Some("in_progress"));
    c.task_update("1", Some("Parse CSV and TSV"), None);
    c.task_update("1", None, Some("completed"));
    let v = view(&p);
    assert_eq!(
        v["progress"]["completed"],
        json!(["Parse CSV and TSV"]),
        "{v}"
    );
    assert_eq!(v["progress"]["in_progress"], json!([]), "{v}");
    assert_eq!(v["progress"]["current"], Value::Null);
    assert!(!p.active_text().contains("- [ ] Parse the CSV"));
    assert_eq!(
        (
            v["progress"]["done"].clone(),
            v["progress"]["total"].clone()
        ),
        (json!(1), json!(1))
    );
}

/// A todo list is the whole list: items renamed or dropped from it do not
/// stay behind as open steps.
#[test]
fn todo_items_gone_from_the_list_are_renamed_or_dropped() {
    let p = started("Ship the importer");
    let c = Claude::new(&p);
    c.todos(&[
        ("Parse the CSV file", "in_progress"),
        ("Validate the rows", "pending"),
        ("Write a progress bar", "pending"),
    ]);
    c.todos(&[
        ("Parse the CSV file", "completed"),
        ("Validate the rows against the schema", "in_progress"),
    ]);
    let v = view(&p);
    assert_eq!(
        v["progress"]["current"], "Validate the rows against the schema",
        "{v}"
    );
    assert_eq!(
        v["progress"]["dropped"],
        json!(["Write a progress bar"]),
        "{v}"
    );
    assert_eq!(v["progress"]["remaining"], json!([]), "{v}");
    assert_eq!(v["next_steps"], json!([]), "{v}");
    assert_eq!(
        (
            v["progress"]["done"].clone(),
            v["progress"]["total"].clone()
        ),
        (json!(1), json!(2))
    );
    let t = p.active_text();
    assert!(t.contains("- [-] Write a progress bar (dropped "), "{t}");
}

/// Completing a step by a task clears it from Next Steps; `pause -a/-n`
/// add nothing twice; counts count each step once.
#[test]
fn every_route_to_done_clears_the_next_step() {
    let p = started("Ship the importer");
    p.ok(&["log", "--next", "Parse the CSV"]);
    p.ok(&["log", "--next", "Validate rows"]);
    let c = Claude::new(&p);
    c.task_create("7", "Parse the CSV");
    c.task_update("7", None, Some("completed"));
    let v = view(&p);
    assert_eq!(v["next_steps"], json!(["Validate rows"]), "{v}");
    assert!(
        !p.active_text().contains(". Parse the CSV"),
        "{}",
        p.active_text()
    );
    p.ok(&[
        "pause",
        "--no-commit",
        "-a",
        "validate rows",
        "-n",
        "Write the docs",
        "-n",
        "write the docs.",
    ]);
    let v = view(&p);
    assert_eq!(
        v["progress"]["completed"],
        json!(["Parse the CSV", "Validate rows"]),
        "{v}"
    );
    assert_eq!(v["next_steps"], json!(["Write the docs"]), "{v}");
    assert_eq!(
        (
            v["progress"]["done"].clone(),
            v["progress"]["total"].clone()
        ),
        (json!(2), json!(3))
    );
    let t = p.active_text();
    assert_eq!(
        t.matches("- [ ] Write the docs").count(),
        1,
        "one step:\n{t}"
    );
    assert_eq!(
        t.matches(". Write the docs\n").count(),
        1,
        "one next line:\n{t}"
    );
}

/// `--drop-next N` and `--replace-next N TEXT` take the numbers `view`
/// shows: a step is dropped or renamed in place, a free-form item edited.
#[test]
fn next_steps_can_be_dropped_and_replaced() {
    let p = started("Ship the importer");
    p.ok(&["log", "--next", "Parse the CSV"]);
    p.ok(&["log", "--next", "Validate rows"]);
    p.ok(&["log", "--next", "Benchmark"]);
    let plain = p.ok(&["view"]);
    assert!(
        plain.contains("2. Validate rows\n3. Benchmark\n"),
        "{plain}"
    );
    let out = p.ok(&["log", "--drop-next", "3"]);
    assert!(out.contains("Benchmark"), "{out}");
    p.ok(&["log", "--replace-next", "2", "Validate rows and columns"]);
    let v = view(&p);
    assert_eq!(
        v["next_steps"],
        json!(["Parse the CSV", "Validate rows and columns"]),
        "{v}"
    );
    assert_eq!(v["progress"]["dropped"], json!(["Benchmark"]));
    assert_eq!(v["progress"]["total"], 2);
    let o = p.run(&["log", "--drop-next", "9"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("there is no next step 9"));
}

/// The placeholder TL;DR is never injected once work is logged; a TL;DR
/// older than the work is shown under its age, after a "Now" block.
#[test]
fn the_tldr_ages() {
    let p = started("Ship the importer");
    p.ok(&["log", "--next", "Parse the CSV"]);
    p.ok(&["log", "--progress", "Reader handles quoted fields"]);
    let mut c = Claude::new(&p);
    let ctx = c.start("startup");
    assert!(!ctx.contains("Nothing logged yet"), "{ctx}");
    assert!(ctx.contains("## Now"), "{ctx}");
    assert!(ctx.contains("Reader handles quoted fields"), "{ctx}");
    assert_eq!(
        ctx.matches("Ship the importer").count(),
        1,
        "goal once: {ctx}"
    );
    p.ok_at(
        Some("2026-01-15T11:00:00Z"),
        &["checkpoint", "--tldr", "Reader done; validation next."],
    );
    let ctx = c.at("2026-01-15T11:30:00Z").start("startup");
    assert!(
        ctx.contains("## TL;DR (written 30 minutes ago)\nReader done"),
        "{ctx}"
    );
    assert!(!ctx.contains("## Now"), "{ctx}");
    p.ok_at(
        Some("2026-01-17T09:00:00Z"),
        &["log", "--progress", "Validation half done"],
    );
    let ctx = c.at("2026-01-17T09:05:00Z").start("startup");
    let now = block(&ctx, "Now").expect("a Now block");
    assert!(now.contains("Validation half done"), "{ctx}");
    let old = block(&ctx, "Earlier Summary").expect("the old paragraph, aged");
    assert!(old.contains("written 1 day ago, 1 entry since"), "{ctx}");
    assert!(ctx.find("## Now").unwrap() < ctx.find("## Earlier Summary").unwrap());
    // A pause summary is a fresh TL;DR.
    p.ok_at(
        Some("2026-01-17T10:00:00Z"),
        &[
            "pause",
            "--no-commit",
            "-s",
            "Validation half done; resume at the date columns.",
        ],
    );
    let v = view(&p);
    assert_eq!(
        v["tldr"],
        "Validation half done; resume at the date columns."
    );
    assert_eq!(v["tldr_written"], "2026-01-17T10:00:00Z");
}

/// PreCompact asks for a `Session TL;DR:` line; PostCompact keeps it, dated.
#[test]
fn the_compaction_summary_writes_the_tldr() {
    let p = started("Ship the importer");
    p.ok(&["log", "--progress", "Reader done"]);
    let mut c = Claude::new(&p);
    let pre = c.precompact();
    assert!(pre.contains("Session TL;DR:"), "{pre}");
    c.at("2026-01-15T12:00:00Z").postcompact(
        "<summary>Long summary.\n\n**Session TL;DR:** Reader done; validating dates next.</summary>",
    );
    let v = view(&p);
    assert_eq!(v["tldr"], "Reader done; validating dates next.", "{v}");
    assert_eq!(v["tldr_written"], "2026-01-15T12:00:00Z");
}

/// A superseded decision is marked in the document and left out of what
/// the model is told; under a tight budget the newest decisions stay.
#[test]
fn superseded_decisions_leave_the_injection() {
    let p = started("Ship the importer");
    p.ok(&[
        "log",
        "--decision",
        "Parse with the csv crate",
        "--rationale",
        "well tested",
    ]);
    p.ok(&["log", "--decision", "Stream rows one by one"]);
    p.ok(&[
        "log",
        "--decision",
        "Use a hand-written parser; supersedes decision 1",
    ]);
    p.ok(&[
        "log",
        "--decision",
        "Buffer rows in batches of 1000",
        "--supersedes",
        "2",
    ]);
    let t = p.active_text();
    assert!(t.contains("**Superseded by**: decision 3"), "{t}");
    assert!(t.contains("**Superseded by**: decision 4"), "{t}");
    let ctx = Claude::new(&p).start("startup");
    assert!(!ctx.contains("csv crate"), "{ctx}");
    assert!(!ctx.contains("Stream rows one by one"), "{ctx}");
    assert!(ctx.contains("Buffer rows in batches"), "{ctx}");
    let pre = Claude::new(&p).precompact();
    assert!(!pre.contains("csv crate"), "{pre}");
    let o = p.run(&["log", "--decision", "x", "--supersedes", "9"]);
    assert!(!o.status.success());
    // Newest first, so a small budget keeps the newest.
    for i in 5..40 {
        p.ok(&[
            "log",
            "--decision",
            &format!("Decision number {i} about the importer"),
        ]);
    }
    // Whatever the budget leaves room for, the decisions told are the
    // newest: never an older one in place of a newer one.
    let mut told = 0;
    for (i, budget) in [700, 800, 900, 1000, 1200].into_iter().enumerate() {
        p.write(".sessions/config.yaml", &format!("budget: {budget}\n"));
        let mut c = Claude::new(&p);
        c.session = format!("33333333-0000-0000-0000-00000000000{i}");
        let ctx = c.prompt("continue");
        assert!(ctx.chars().count() <= budget, "{}", ctx.chars().count());
        let shown: Vec<u32> = ctx
            .split("Decision number ")
            .skip(1)
            .filter_map(|t| t.split(' ').next()?.parse().ok())
            .collect();
        if let Some(oldest) = shown.iter().min() {
            for n in *oldest..=39 {
                assert!(shown.contains(&n), "budget {budget}: {n} left out: {ctx}");
            }
        }
        told += shown.len();
    }
    assert!(told > 0, "no budget told any decision");
}

/// Discoveries, the last progress notes and the files edited reach the
/// model; a key file that is gone is flagged.
#[test]
fn where_you_left_off() {
    let p = started("Ship the importer");
    let f = p.active_file();
    let t = std::fs::read_to_string(&f).unwrap().replace(
        "**Key Files**:\n- (none yet)",
        "**Key Files**:\n- `src/reader.rs` - the reader\n- `src/gone.rs` - removed",
    );
    std::fs::write(&f, t).unwrap();
    p.write("src/reader.rs", "fn main() {}\n");
    p.ok(&["log", "--discovery", "Excel writes a BOM before the header"]);
    p.ok(&["log", "--progress", "Header row parsed"]);
    let mut c = Claude::new(&p);
    c.at("2026-01-15T10:01:00Z").edit("src/rows.rs");
    c.at("2026-01-15T10:02:00Z").edit("src/reader.rs");
    c.at("2026-01-15T10:03:00Z").edit("src/reader.rs");
    let ctx = c.prompt("continue");
    let left = block(&ctx, "Where You Left Off").expect("the block");
    for want in [
        "Header row parsed",
        "Excel writes a BOM",
        "Edited most recently: src/reader.rs, src/rows.rs",
        "1. (2026-01-15T10:00Z) Excel writes a BOM",
        "src/reader.rs (2×)",
        "no longer exist: src/gone.rs",
    ] {
        assert!(left.contains(want), "missing {want:?} in {ctx}");
    }
}

/// One resume context per compaction epoch and Claude session, whichever
/// event gave it.
#[test]
fn continue_after_start_injects_nothing_new() {
    let p = started("Ship the importer");
    p.ok(&["log", "--next", "Parse the CSV"]);
    let c = Claude::new(&p);
    assert!(!c.start("startup").is_empty());
    assert_eq!(c.prompt("continue"), "", "already given at start-up");
    p.ok(&["log", "--progress", "Reader half done"]);
    assert!(c.prompt("continue").contains("Reader half done"));
    c.precompact();
    assert!(!c.start("compact").is_empty());
    assert_eq!(
        c.prompt("continue"),
        "",
        "already given after the compaction"
    );
}

/// "continue" with only a paused session gives its context, said to be
/// paused, with how to resume it.
#[test]
fn continue_with_only_a_paused_session() {
    let p = started("Ship the importer");
    p.ok(&["log", "--next", "Parse the CSV"]);
    p.ok(&["pause", "--no-commit", "-s", "Reader next"]);
    let ctx = Claude::new(&p).prompt("continue");
    assert!(ctx.contains("This session is paused"), "{ctx}");
    assert!(ctx.contains("session-hook resume t"), "{ctx}");
    assert!(ctx.contains("Parse the CSV"), "{ctx}");
    assert_eq!(
        p.active_text().matches("status: paused").count(),
        1,
        "not resumed by itself"
    );
}

/// Session file names carry random characters of the id, not its time
/// stamp, so two sessions started together do not look alike.
#[test]
fn file_names_differ() {
    let p = Project::git();
    p.ok(&["init", "--name", "csv"]);
    p.ok(&["init", "--name", "scratch"]);
    let mut seen = Vec::new();
    for e in std::fs::read_dir(p.path().join(".sessions/active"))
        .unwrap()
        .flatten()
    {
        let n = e.file_name().to_string_lossy().into_owned();
        let (name, tag) = n.trim_end_matches(".md").rsplit_once('-').unwrap();
        let j: Value = serde_json::from_str(&p.ok(&["view", name, "--json"])).unwrap();
        let id = j["id"].as_str().unwrap().replace('-', "");
        assert!(id.ends_with(tag), "{n}: {id}");
        seen.push(tag.to_string());
    }
    assert_eq!(seen.len(), 2);
    assert_ne!(seen[0], seen[1], "{seen:?}");
}

/// How every injected document's frame opens and closes.
const FRAME_OPEN: &str = "<session-document>\n";
const FRAME_CLOSE: &str = "\n</session-document>";
/// The first words of the request to keep the session current.
const KEEP: &str = "Keep this session current as you work";

/// Our request to keep the session current is an instruction: it comes
/// after the frame that calls the document data, never inside it, in every
/// resume injection (start-up, compaction, "continue").
pub fn assert_keep_follows_the_frame(what: &str, ctx: &str) {
    assert!(ctx.starts_with(FRAME_OPEN), "{what}: {ctx}");
    let close = ctx
        .find(FRAME_CLOSE)
        .unwrap_or_else(|| panic!("{what}: no closing tag: {ctx}"));
    assert_eq!(ctx.matches(FRAME_CLOSE).count(), 1, "{what}: {ctx}");
    let framed = &ctx[..close];
    let after = &ctx[close + FRAME_CLOSE.len()..];
    assert!(
        !framed.contains(KEEP) && !framed.contains("session-hook log --"),
        "{what}: the request is inside the frame: {ctx}"
    );
    assert!(
        after.trim_start().starts_with(KEEP),
        "{what}: the request does not follow the frame: {ctx}"
    );
    assert!(
        after.trim_end().ends_with("when a step is finished."),
        "{what}: {ctx}"
    );
}

#[test]
fn the_request_to_keep_the_session_current_follows_the_frame() {
    let p = started("Ship the importer");
    p.ok(&["log", "--next", "Parse the CSV"]);
    let c = Claude::new(&p);
    assert_keep_follows_the_frame("startup", &c.start("startup"));
    p.ok(&["log", "--progress", "Reader half done"]);
    assert_keep_follows_the_frame("continue", &c.prompt("continue"));
    c.precompact();
    assert_keep_follows_the_frame("compact", &c.start("compact"));
    // Within the budget, the closing lines included.
    p.write(".sessions/config.yaml", "budget: 900\n");
    p.ok(&[
        "log",
        "--progress",
        &"A long note on the reader. ".repeat(60),
    ]);
    let ctx = c.prompt("continue");
    assert_keep_follows_the_frame("continue, tight budget", &ctx);
    assert!(ctx.chars().count() <= 900, "{}", ctx.chars().count());
    // A paused session is not asked to be kept current: nothing is
    // recorded in it until it is resumed.
    p.ok(&["pause", "--no-commit", "-s", "Reader next"]);
    let mut other = Claude::new(&p);
    other.session = "22222222-3333-4444-5555-666666666666".into();
    let ctx = other.prompt("continue");
    assert!(ctx.contains("This session is paused"), "{ctx}");
    assert!(!ctx.contains(KEEP), "{ctx}");
    assert!(ctx.ends_with(FRAME_CLOSE), "{ctx}");
}

/// Every resume injection lists the next remaining steps after the current
/// one, from the session view, even with a long Key Context and a tight
/// budget; done, dropped and renamed steps are never among them.
#[test]
fn the_next_steps_reach_every_resume_injection() {
    let p = started("Ship the importer");
    for s in [
        "Reproduce the bug",
        "Write the parser",
        "Validate rows",
        "Benchmark the reader",
        "Ship the release",
        "Try a scratch idea",
    ] {
        p.ok(&["log", "--next", s]);
    }
    let c = Claude::new(&p);
    c.task_create("1", "Write the parser");
    c.task_update("1", Some("Write the streaming parser"), None);
    c.task_update("1", None, Some("in_progress"));
    p.ok(&["log", "--done", "Reproduce the bug"]);
    let plain = p.ok(&["view"]);
    assert!(plain.contains("4. Try a scratch idea"), "{plain}");
    p.ok(&["log", "--drop-next", "4"]);
    // A Key Context longer than the budget, and decisions.
    let f = p.active_file();
    let lines: String = (1..=40)
        .map(|i| format!("- Fact {i} about the importer that the model should keep in mind\n"))
        .collect();
    let t = std::fs::read_to_string(&f).unwrap().replace(
        "**Key Context** (survives compaction):\n- (none yet)\n",
        &format!("**Key Context** (survives compaction):\n{lines}"),
    );
    std::fs::write(&f, t).unwrap();
    for i in 1..=6 {
        p.ok(&["log", "--decision", &format!("Decision {i} on the reader")]);
    }
    p.write(".sessions/config.yaml", "budget: 2000\n");
    let v = view(&p);
    assert_eq!(
        v["next_steps"],
        json!(["Validate rows", "Benchmark the reader", "Ship the release"]),
        "{v}"
    );

    let check = |what: &str, ctx: &str| {
        assert!(
            ctx.chars().count() <= 2000,
            "{what}: {}",
            ctx.chars().count()
        );
        let cur = block(ctx, "Current Step").unwrap_or_else(|| panic!("{what}: {ctx}"));
        assert!(cur.contains("Write the streaming parser"), "{what}: {ctx}");
        let next =
            block(ctx, "Next Steps").unwrap_or_else(|| panic!("{what}: no next steps: {ctx}"));
        assert!(
            next.contains("1. Validate rows\n2. Benchmark the reader\n3. Ship the release"),
            "{what}: {ctx}"
        );
        for gone in [
            "Reproduce the bug",
            "Write the parser",
            "Try a scratch idea",
        ] {
            assert!(!ctx.contains(gone), "{what}: {gone:?} in {ctx}");
        }
        assert!(
            !next.contains("Write the streaming parser"),
            "{what}: {ctx}"
        );
    };
    check("startup", &c.start("startup"));
    p.ok(&["log", "--progress", "Parser reads quoted fields"]);
    check("continue", &c.prompt("continue"));
    c.precompact();
    check("compact", &c.start("compact"));
    let pre = c.precompact();
    assert!(
        pre.contains("1. Validate rows\n2. Benchmark the reader"),
        "{pre}"
    );
    p.ok(&["pause", "--no-commit", "-s", "Parser next"]);
    let mut other = Claude::new(&p);
    other.session = "22222222-3333-4444-5555-666666666666".into();
    let ctx = other.prompt("continue");
    assert!(ctx.contains("This session is paused"), "{ctx}");
    check("paused", &ctx);
}
