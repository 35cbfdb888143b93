//! `install` and `uninstall`: merging into real-looking settings files,
//! idempotency, backups, refusal of broken JSON, dry runs, the slash
//! command files, and the example settings kept in step with install.

use crate::common;

use std::fs;
use std::path::Path;

use clap::CommandFactory;
use clap::Parser;
use common::{Project, bin, repo_file};
use serde_json::{Value, json};
use session_hook::wiring::settings::{matcher_covers, shell_words};

/// The path install writes into the settings: the binary under test.
fn exe() -> String {
    fs::canonicalize(bin())
        .unwrap()
        .to_str()
        .unwrap()
        .to_string()
}

const EVENTS: [&str; 9] = [
    "SessionStart",
    "UserPromptSubmit",
    "PostToolUse",
    "PreCompact",
    "PostCompact",
    "Stop",
    "SessionEnd",
    "TaskCreated",
    "TaskCompleted",
];

const TOOLS: [&str; 8] = [
    "TodoWrite",
    "TaskCreate",
    "TaskUpdate",
    "Write",
    "Edit",
    "NotebookEdit",
    "MultiEdit",
    "Read",
];

/// A settings file someone already uses: other keys, other hooks, 4-space
/// indentation.
const EXISTING: &str = r#"{
    "model": "opus",
    "permissions": {
        "allow": ["Bash(ls:*)"]
    },
    "hooks": {
        "PreToolUse": [
            {
                "matcher": "Bash",
                "hooks": [{"type": "command", "command": "/usr/local/bin/guard.sh"}]
            }
        ],
        "SessionStart": [
            {
                "matcher": "startup",
                "hooks": [{"type": "command", "command": "echo hello"}]
            }
        ]
    },
    "env": {"FOO": "bar"}
}
"#;

fn settings(p: &Project) -> Value {
    serde_json::from_str(&p.read(".claude/settings.local.json")).unwrap()
}

/// Every handler of ours, per event.
fn ours(v: &Value) -> Vec<(String, Option<String>, Value)> {
    let mut out = Vec::new();
    for (event, groups) in v["hooks"].as_object().unwrap() {
        for g in groups.as_array().unwrap() {
            for h in g["hooks"].as_array().unwrap() {
                if h["args"] == json!(["hook"]) {
                    out.push((
                        event.clone(),
                        g.get("matcher").and_then(Value::as_str).map(str::to_string),
                        h.clone(),
                    ));
                }
            }
        }
    }
    out
}

fn run_ok(p: &Project, args: &[&str]) -> String {
    p.ok(args)
}

#[test]
fn install_merges_into_existing_settings_and_keeps_everything() {
    let p = Project::git();
    p.write(".claude/settings.local.json", EXISTING);
    let out = run_ok(&p, &["install"]);
    assert!(out.contains("registered"), "{out}");
    assert!(out.contains(".claude/settings.local.json.bak"), "{out}");

    let v = settings(&p);
    let original: Value = serde_json::from_str(EXISTING).unwrap();
    // Every existing key keeps its value and its place.
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["model", "permissions", "hooks", "env"]);
    for k in ["model", "env"] {
        assert_eq!(v[k], original[k], "{k}");
    }
    // The user's permission rules stay first; ours follow, narrow ones.
    assert_eq!(
        v["permissions"]["allow"],
        json!([
            "Bash(ls:*)",
            "Bash(session-hook log:*)",
            "Bash(session-hook checkpoint:*)",
            "Bash(session-hook view:*)"
        ])
    );
    assert_eq!(v["hooks"]["PreToolUse"], original["hooks"]["PreToolUse"]);
    let start = v["hooks"]["SessionStart"].as_array().unwrap();
    assert_eq!(
        start[0], original["hooks"]["SessionStart"][0],
        "the user's own SessionStart hook stays first"
    );
    // The user's lines are untouched, formatting and all: only ours are new.
    let text = p.read(".claude/settings.local.json");
    for line in EXISTING
        .lines()
        .filter(|l| l.contains('"') && !l.contains("\"allow\""))
    {
        assert!(text.contains(line), "{line:?} was reformatted:\n{text}");
    }
    assert!(
        text.contains("\n            {\n                \"hooks\": [\n"),
        "ours follow the file's 4-space indent:\n{text}"
    );

    // One handler of ours per event, exec form, absolute path, a timeout.
    let regs = ours(&v);
    for e in EVENTS {
        let mine: Vec<_> = regs.iter().filter(|(ev, _, _)| ev == e).collect();
        assert_eq!(mine.len(), 1, "{e}: {mine:?}");
        let h = &mine[0].2;
        assert_eq!(h["type"], "command");
        assert_eq!(h["command"], exe());
        assert!(Path::new(h["command"].as_str().unwrap()).is_absolute());
        let t = h["timeout"]
            .as_u64()
            .unwrap_or_else(|| panic!("{e} has no timeout"));
        assert!((1..=30).contains(&t), "{e}: timeout {t}");
    }
    let end = regs.iter().find(|(e, _, _)| e == "SessionEnd").unwrap();
    assert!(
        end.2["timeout"].as_u64().unwrap() <= 2,
        "SessionEnd has a 1.5 s budget"
    );
    let prompt = regs
        .iter()
        .find(|(e, _, _)| e == "UserPromptSubmit")
        .unwrap();
    assert!(prompt.2["timeout"].as_u64().unwrap() < 30);
    let post = regs.iter().find(|(e, _, _)| e == "PostToolUse").unwrap();
    for t in TOOLS {
        assert!(
            matcher_covers(post.1.as_deref(), t),
            "PostToolUse misses {t}"
        );
    }
    assert!(
        !matcher_covers(post.1.as_deref(), "Bash"),
        "Bash calls need no hook"
    );
    let ss = regs.iter().find(|(e, _, _)| e == "SessionStart").unwrap();
    for source in ["startup", "resume", "clear", "compact", "fork"] {
        assert!(
            matcher_covers(ss.1.as_deref(), source),
            "SessionStart misses {source}"
        );
    }

    // The old file is kept, byte for byte.
    assert_eq!(p.read(".claude/settings.local.json.bak"), EXISTING);
    // The slash commands are there.
    for name in [
        "init",
        "resume",
        "log",
        "checkpoint",
        "view",
        "pause",
        "close",
    ] {
        assert!(
            p.path()
                .join(format!(".claude/commands/session-{name}.md"))
                .is_file(),
            "{name}"
        );
    }
}

#[test]
fn second_install_changes_nothing_and_says_so() {
    let p = Project::git();
    p.write(".claude/settings.local.json", EXISTING);
    run_ok(&p, &["install"]);
    let after_first = p.read(".claude/settings.local.json");
    let cmd_first = p.read(".claude/commands/session-log.md");
    let out = run_ok(&p, &["install"]);
    assert!(
        out.contains("already installed") && out.contains("nothing changed"),
        "{out}"
    );
    assert_eq!(p.read(".claude/settings.local.json"), after_first);
    assert_eq!(p.read(".claude/commands/session-log.md"), cmd_first);
    // The backup still holds the user's original, not our first result.
    assert_eq!(p.read(".claude/settings.local.json.bak"), EXISTING);
}

#[test]
fn install_into_a_fresh_project_creates_the_files() {
    let p = Project::plain();
    let out = run_ok(&p, &["install"]);
    assert!(out.contains("9 events"), "{out}");
    assert!(
        !p.path().join(".claude/settings.local.json.bak").exists(),
        "nothing to back up"
    );
    assert_eq!(ours(&settings(&p)).len(), 9);
    assert!(
        !p.path().join(".sessions").exists(),
        "install does not start a store"
    );
}

#[test]
fn reinstall_from_another_path_replaces_instead_of_duplicating() {
    let p = Project::plain();
    p.write(
        ".claude/settings.local.json",
        r#"{"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"/old/place/session-hook","args":["hook"],"timeout":15}]}],
            "Stop":[{"hooks":[{"type":"command","command":"/older/session-hook hook"}]},{"hooks":[{"type":"command","command":"/old/place/session-hook","args":["hook"]}]}]}}"#,
    );
    run_ok(&p, &["install"]);
    let regs = ours(&settings(&p));
    assert_eq!(regs.len(), 9, "{regs:#?}");
    assert!(regs.iter().all(|(_, _, h)| h["command"] == exe()));
    let text = p.read(".claude/settings.local.json");
    assert!(
        !text.contains("/old/place") && !text.contains("/older/"),
        "{text}"
    );
}

#[test]
fn uninstall_restores_the_original_settings() {
    let p = Project::git();
    p.write(".claude/settings.local.json", EXISTING);
    run_ok(&p, &["install", "--statusline"]);
    assert!(
        settings(&p)["statusLine"]["command"]
            .as_str()
            .unwrap()
            .ends_with("session-hook statusline")
    );
    let out = run_ok(&p, &["uninstall"]);
    assert!(out.contains("removed session-hook from"), "{out}");
    let original: Value = serde_json::from_str(EXISTING).unwrap();
    assert_eq!(settings(&p), original, "exactly what install added is gone");
    assert_eq!(
        p.read(".claude/settings.local.json"),
        EXISTING,
        "byte for byte"
    );
    assert!(
        !p.path().join(".claude/commands").exists(),
        "our command files and their folder are gone"
    );
    let again = run_ok(&p, &["uninstall"]);
    assert!(again.contains("not installed"), "{again}");
}

#[test]
fn uninstall_removes_a_settings_file_that_held_only_ours() {
    let p = Project::plain();
    run_ok(&p, &["install"]);
    run_ok(&p, &["uninstall"]);
    assert!(!p.path().join(".claude/settings.local.json").exists());
    assert!(
        !p.path().join(".claude").exists(),
        "nothing of ours is left behind, not even a copy of our own settings"
    );
}

#[test]
fn uninstall_keeps_someone_elses_statusline_and_modified_commands() {
    let p = Project::plain();
    p.write(
        ".claude/settings.local.json",
        r#"{"statusLine":{"type":"command","command":"~/bin/my-status"}}"#,
    );
    let out = run_ok(&p, &["install", "--statusline"]);
    assert!(out.contains("already set") && out.contains("kept"), "{out}");
    assert_eq!(settings(&p)["statusLine"]["command"], "~/bin/my-status");
    let mine = "---\ndescription: my own log command\n---\nmine\n";
    p.write(".claude/commands/session-log.md", mine);
    run_ok(&p, &["uninstall"]);
    assert_eq!(
        settings(&p),
        json!({"statusLine":{"type":"command","command":"~/bin/my-status"}})
    );
    assert_eq!(p.read(".claude/commands/session-log.md"), mine);
    assert!(!p.path().join(".claude/commands/session-view.md").exists());
}

#[test]
fn invalid_json_is_refused_and_nothing_is_touched() {
    let p = Project::plain();
    let broken = "{\n  \"model\": \"opus\",\n  \"hooks\": {\n}\n";
    p.write(".claude/settings.local.json", broken);
    let o = p.run(&["install"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not valid JSON") && err.contains("line 5"),
        "{err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(p.read(".claude/settings.local.json"), broken);
    assert!(!p.path().join(".claude/settings.local.json.bak").exists());
    assert!(
        !p.path().join(".claude/commands").exists(),
        "no command file either"
    );
    let o = p.run(&["uninstall"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(p.read(".claude/settings.local.json"), broken);
}

#[test]
fn a_settings_shape_we_do_not_understand_is_refused() {
    let p = Project::plain();
    let odd = r#"{"hooks": {"SessionStart": {"oops": true}}}"#;
    p.write(".claude/settings.local.json", odd);
    let o = p.run(&["install"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("hooks.SessionStart"));
    assert_eq!(p.read(".claude/settings.local.json"), odd);
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let p = Project::git();
    p.write(".claude/settings.local.json", EXISTING);
    let out = run_ok(&p, &["install", "--dry-run"]);
    assert!(
        out.starts_with(
            "--- a/.claude/settings.local.json\n+++ b/.claude/settings.local.json\n@@ "
        ),
        "{out}"
    );
    assert!(out.contains("+        \"UserPromptSubmit\": ["), "{out}");
    assert!(
        out.contains(&format!(
            "+                        \"command\": \"{}\",",
            exe()
        )),
        "{out}"
    );
    assert!(
        out.contains(
            "\n                 \"hooks\": [{\"type\": \"command\", \"command\": \"echo hello\"}]\n"
        ),
        "context lines are shown: {out}"
    );
    // The one line taken out is the user's permission list, which comes
    // back with our rules added after theirs.
    let removed: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .collect();
    assert_eq!(
        removed,
        vec!["-        \"allow\": [\"Bash(ls:*)\"]"],
        "{out}"
    );
    assert!(
        out.contains(".claude/commands/session-init.md: would be created"),
        "{out}"
    );
    assert!(out.contains("nothing was written"));
    assert_eq!(p.read(".claude/settings.local.json"), EXISTING);
    assert!(!p.path().join(".claude/commands").exists());
    assert!(!p.path().join(".claude/settings.local.json.bak").exists());

    run_ok(&p, &["install"]);
    let out = run_ok(&p, &["install", "--dry-run"]);
    assert!(
        out.contains(".claude/settings.local.json: already up to date"),
        "{out}"
    );
    let out = run_ok(&p, &["uninstall", "--dry-run"]);
    assert!(out.contains("-        \"UserPromptSubmit\": ["), "{out}");
    assert!(out.contains("session-init.md: would be removed"), "{out}");
    assert!(p.path().join(".claude/commands/session-init.md").exists());
}

#[test]
fn a_modified_command_file_is_left_alone_without_force() {
    let p = Project::plain();
    run_ok(&p, &["install"]);
    let shipped = p.read(".claude/commands/session-log.md");
    let mine = shipped.replace("carry on", "carry on, and say thanks");
    p.write(".claude/commands/session-log.md", &mine);
    // A file an older version wrote (its hash is in the record) is updated.
    let older = "---\ndescription: older text\n---\n!`session-hook view`\n";
    p.write(".claude/commands/session-view.md", older);
    let rec_path = ".claude/commands/.session-hook.sha256";
    let rec = p.read(rec_path);
    let view_hash = session_hook::wiring::assets::sha256_hex(older.as_bytes());
    let rec: String = rec
        .lines()
        .map(|l| {
            if l.ends_with("  session-view.md") {
                format!("{view_hash}  session-view.md\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    p.write(rec_path, &rec);

    let out = run_ok(&p, &["install"]);
    assert!(
        out.contains("session-log.md: modified by hand, left as it is"),
        "{out}"
    );
    assert_eq!(p.read(".claude/commands/session-log.md"), mine);
    assert_eq!(
        p.read(".claude/commands/session-view.md"),
        repo_file("plugin/commands/session-view.md")
    );

    // Still left alone on the next run: the record keeps what we wrote.
    run_ok(&p, &["install"]);
    assert_eq!(p.read(".claude/commands/session-log.md"), mine);

    let out = run_ok(&p, &["install", "--force"]);
    assert!(out.contains("overwritten (--force)"), "{out}");
    assert_eq!(p.read(".claude/commands/session-log.md"), shipped);
    assert_eq!(p.read(".claude/commands/session-log.md.bak"), mine);
}

#[test]
fn user_install_writes_under_home() {
    let p = Project::plain();
    let home = tempfile::tempdir().unwrap();
    let o = p
        .cmd()
        .env("HOME", home.path())
        .args(["install", "--user"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("~/.claude/settings.json"), "{out}");
    let v: Value = serde_json::from_str(
        &fs::read_to_string(home.path().join(".claude/settings.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(ours(&v).len(), 9);
    assert!(
        home.path()
            .join(".claude/commands/session-init.md")
            .is_file()
    );
    assert!(
        !p.path().join(".claude").exists(),
        "the project is not touched"
    );
    let o = p
        .cmd()
        .env("HOME", home.path())
        .args(["uninstall", "--user"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(!home.path().join(".claude/settings.json").exists());
    assert!(
        home.path().join(".claude").is_dir(),
        "~/.claude itself stays"
    );
}

#[test]
fn settings_example_matches_what_install_writes() {
    let p = Project::plain();
    run_ok(&p, &["install", "--shared", "--statusline"]);
    let written = p.read(".claude/settings.json");
    assert!(
        !written.contains(&exe()),
        "a shared file holds no path of this machine"
    );
    let example = repo_file("settings.example.json");
    assert_eq!(
        example, written,
        "settings.example.json is out of date; regenerate it from `session-hook install --shared --statusline` in an empty project"
    );
}

#[test]
fn installed_command_files_are_the_shipped_ones() {
    let p = Project::plain();
    run_ok(&p, &["install"]);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plugin/commands");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7);
    for n in names {
        assert_eq!(
            p.read(&format!(".claude/commands/{n}")),
            fs::read_to_string(dir.join(&n)).unwrap(),
            "{n}"
        );
    }
}

/// The frontmatter of a command file as key → value.
fn frontmatter(text: &str) -> Vec<(String, String)> {
    let rest = text.strip_prefix("---\n").expect("frontmatter");
    let (head, _) = rest.split_once("\n---\n").expect("closing fence");
    head.lines()
        .map(|l| {
            let (k, v) = l
                .split_once(": ")
                .unwrap_or_else(|| panic!("bad line {l:?}"));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// The command a shell-injection block runs (a ```! fence whose first
/// line is the command and whose heredoc carries `$ARGUMENTS`).
fn injected(text: &str) -> Vec<String> {
    let (_, rest) = text.split_once("```!\n").expect("a ```! block");
    let (block, _) = rest.split_once("\n```").expect("a closed ```! block");
    let mut lines = block.lines();
    let first = lines.next().unwrap();
    let (cmd, delim) = first.split_once(" <<'").expect("a quoted heredoc");
    let delim = delim.trim_end_matches('\'');
    let body: Vec<&str> = lines.collect();
    assert_eq!(body.last(), Some(&delim), "the heredoc ends the block");
    assert!(
        body == ["$ARGUMENTS", delim] || body == [delim],
        "only the typed words go into the heredoc: {body:?}"
    );
    shell_words(cmd)
}

#[test]
fn command_files_run_the_binary_with_the_arguments() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plugin/commands");
    let cli = session_hook::cli::Cli::command();
    let samples = [
        ("init", "--goal \"Fix the race\" --task T1"),
        ("resume", "--list"),
        ("log", "--decision \"Use a mutex\" --rationale \"simplest\""),
        ("checkpoint", "--note \"before lunch\""),
        ("view", "--blockers"),
        ("pause", "-s \"halfway\" -n \"write tests\""),
        ("close", "--complete"),
    ];
    for (name, args) in samples {
        let text = fs::read_to_string(dir.join(format!("session-{name}.md"))).unwrap();
        let fm = frontmatter(&text);
        let get = |k: &str| fm.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
        assert!(
            get("description").is_some_and(|d| d.len() > 10),
            "{name}: description"
        );
        assert!(get("argument-hint").is_some(), "{name}: argument-hint");
        assert_eq!(
            get("allowed-tools").as_deref(),
            Some("Bash(session-hook:*)"),
            "{name}"
        );
        assert!(text.contains("$ARGUMENTS"), "{name} passes the arguments");

        let words = injected(&text);
        assert_eq!(
            words[0], "session-hook",
            "{name}: runs the binary by name (allowed-tools)"
        );
        assert_eq!(
            words[1], "slash",
            "{name}: through `slash`, which always exits 0"
        );
        let expected_sub = if name == "checkpoint" { "view" } else { name };
        assert_eq!(words[2], expected_sub, "{name}");
        assert!(
            words
                .iter()
                .any(|w| w == "--claude-session=${CLAUDE_SESSION_ID}"),
            "{name}: the conversation's binding decides the session"
        );

        // What Claude Code would run parses with our own CLI.
        let argv: Vec<String> = if name == "checkpoint" {
            let l = text
                .lines()
                .find(|l| l.trim_start().starts_with("session-hook checkpoint"))
                .expect("checkpoint tells Claude the exact command");
            assert!(l.contains("--tldr"), "{l}");
            shell_words(&l.trim().replace("$ARGUMENTS", args))
        } else {
            let mut v = vec!["session-hook".to_string(), words[2].clone()];
            v.extend(words[3..].iter().map(|w| {
                w.replace(
                    "${CLAUDE_SESSION_ID}",
                    "0b5e5f1e-1234-4abc-9def-000000000001",
                )
            }));
            v.extend(session_hook::cli::slash_words(args));
            v
        };
        assert!(cli.find_subcommand(&argv[1]).is_some(), "{name}");
        if let Err(e) = session_hook::cli::Cli::try_parse_from(&argv) {
            panic!("{name}: `{argv:?}` does not parse: {e}");
        }
    }
}

#[test]
fn completions_and_man_page() {
    let p = Project::plain();
    let bash = run_ok(&p, &["completions", "bash"]);
    assert!(
        bash.contains("session-hook") && bash.contains("install"),
        "bash completion lists subcommands"
    );
    let zsh = run_ok(&p, &["completions", "zsh"]);
    assert!(zsh.contains("#compdef session-hook"));
    let man = run_ok(&p, &["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH session-hook"),
        "{}",
        &man[..man.len().min(200)]
    );
    assert!(
        man.contains("install") && man.contains("uninstall"),
        "subcommands are listed"
    );
    let o = p.run(&["completions", "tcsh"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

/// A committed, team-wide settings file: 2-space indentation, no newline at
/// the end, keys in an order no serializer would pick.
const TEAM: &str = "{\n  \"permissions\": {\"allow\": [\"Bash(npm test:*)\"]},\n  \"hooks\": {\n    \"PostToolUse\": [{\"matcher\": \"Write\", \"hooks\": [{\"type\": \"command\", \"command\": \"npx prettier --write\"}]}]\n  },\n  \"model\": \"sonnet\"\n}";

#[test]
fn shared_and_local_installs_round_trip_byte_for_byte_and_doctor_tells_them_apart() {
    let p = Project::git();
    p.write(".claude/settings.json", TEAM);
    p.write(".claude/settings.local.json", EXISTING);

    // --shared: the committed file, with the bare command; the local file
    // is not touched.
    let out = run_ok(&p, &["install", "--shared"]);
    assert!(out.contains(".claude/settings.json: registered"), "{out}");
    let shared = p.read(".claude/settings.json");
    let v: Value = serde_json::from_str(&shared).unwrap();
    let regs = ours(&v);
    assert_eq!(regs.len(), 9, "{shared}");
    assert!(
        regs.iter().all(|(_, _, h)| h["command"] == "session-hook"),
        "{shared}"
    );
    assert!(
        !shared.contains(&exe()),
        "no path of this machine: {shared}"
    );
    assert_eq!(p.read(".claude/settings.local.json"), EXISTING);

    // The default: this machine's file, with this binary's path.
    run_ok(&p, &["install"]);
    let regs = ours(&settings(&p));
    assert_eq!(regs.len(), 9);
    assert!(regs.iter().all(|(_, _, h)| h["command"] == exe()));
    assert_eq!(
        p.read(".claude/settings.json"),
        shared,
        "the shared file stays"
    );

    // doctor names both, and what each one is for.
    let o = p.run(&["doctor"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("project       .claude/settings.json: all 9 events (shared: committed with the project, runs `session-hook` from PATH; `install --shared`)")
            && out.contains("project local .claude/settings.local.json: all 9 events (this machine only: runs this binary by its path; `install`)"),
        "{out}"
    );

    // Each uninstall takes out its own, byte for byte.
    run_ok(&p, &["uninstall", "--shared"]);
    assert_eq!(p.read(".claude/settings.json"), TEAM, "byte for byte");
    assert_eq!(ours(&settings(&p)).len(), 9, "the local install stays");
    run_ok(&p, &["uninstall"]);
    assert_eq!(
        p.read(".claude/settings.local.json"),
        EXISTING,
        "byte for byte"
    );
    assert_eq!(p.read(".claude/settings.json"), TEAM);
    assert!(!p.path().join(".claude/commands").exists());
    for f in ["settings.json.bak", "settings.local.json.bak"] {
        assert!(
            !p.path().join(".claude").join(f).exists(),
            "{f} left behind"
        );
    }
}

#[test]
fn user_install_round_trips_byte_for_byte() {
    let p = Project::plain();
    let home = tempfile::tempdir().unwrap();
    fs::create_dir_all(home.path().join(".claude")).unwrap();
    let file = home.path().join(".claude/settings.json");
    fs::write(&file, TEAM).unwrap();
    let run = |args: &[&str]| {
        let o = p.cmd().env("HOME", home.path()).args(args).output();
        common::stdout_of_success(o.unwrap(), args)
    };
    run(&["install", "--user"]);
    let v: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(ours(&v).len(), 9);
    assert_eq!(v["model"], "sonnet");
    let twice = fs::read_to_string(&file).unwrap();
    run(&["install", "--user"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), twice, "idempotent");
    let o = p
        .cmd()
        .env("HOME", home.path())
        .arg("doctor")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("~/.claude/settings.json: all 9 events"),
        "{out}"
    );
    run(&["uninstall", "--user"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), TEAM, "byte for byte");
    assert!(!p.path().join(".claude").exists());
}
