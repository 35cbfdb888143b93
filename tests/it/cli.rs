//! The everyday commands, their errors, and the lossless-edit promise.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::Project;

fn mode(p: &std::path::Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Replace volatile values (ids, hashes) so snapshots are stable.
fn stable(text: &str) -> String {
    let re =
        regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    let t = re.replace_all(text, "<id>").into_owned();
    let re = regex::Regex::new(r#""?\b[0-9a-f]{7}\b"?"#).unwrap();
    let t = re.replace_all(&t, "<hash>").into_owned();
    // The default branch name depends on the machine's git configuration.
    let re = regex::Regex::new(r"git_branch: (master|main)").unwrap();
    re.replace_all(&t, "git_branch: <branch>").into_owned()
}

#[test]
fn init_creates_the_layout_privately() {
    let p = Project::git();
    let out = p.ok(&[
        "init",
        "--goal",
        "Fix race in sweeper",
        "--task",
        "t-1",
        "--tasks",
        "t-2,t-3",
    ]);
    assert!(out.contains("Session started: fix-race-in-sweeper"));
    let f = p.active_file();
    let name = f.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        regex::Regex::new(r"^fix-race-in-sweeper-[0-9a-f]{6}\.md$")
            .unwrap()
            .is_match(&name),
        "{name}"
    );
    for d in ["", "active", "archive", "journal", ".local"] {
        assert_eq!(mode(&p.path().join(".sessions").join(d)), 0o700, "{d}");
    }
    assert_eq!(mode(&f), 0o600);
    assert_eq!(
        p.read(".sessions/.gitignore")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>(),
        vec![".local/"]
    );
    let t = p.active_text();
    assert!(t.contains("task_ids:\n  - t-1\n  - t-2\n  - t-3\n"));
    assert!(t.contains("git_branch: master\n") || t.contains("git_branch: main\n"));
    assert!(
        regex::Regex::new(r#"git_last_commit: "?[0-9a-f]{7}"?\n"#)
            .unwrap()
            .is_match(&t)
    );
    assert_eq!(p.journal_entries().len(), 1);
    insta::assert_snapshot!("new_session", stable(&t));
}

#[test]
fn init_errors() {
    let p = Project::git();
    let o = p.run(&["init"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("session-hook: error: a session needs a name") && err.contains("hint:"),
        "{err}"
    );
    let o = p.run(&["init", "--name", "../../etc"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("invalid shortname"));
    assert!(
        !p.path().join(".sessions/active").exists()
            || fs::read_dir(p.path().join(".sessions/active"))
                .unwrap()
                .count()
                == 0
    );
    p.ok(&["init", "--name", "dup"]);
    let o = p.run(&["init", "--name", "dup"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already named \"dup\""));
    let o = p.run(&["init", "--bogus"]);
    assert_eq!(o.status.code(), Some(2), "usage errors exit 2");
}

#[test]
fn outside_git_init_still_works() {
    let p = Project::plain();
    p.ok(&["init", "--name", "plain"]);
    assert!(p.active_text().contains("git_branch: null\n"));
}

#[test]
fn log_every_kind_and_the_tldr_follows() {
    let p = Project::git();
    p.ok(&["init", "--goal", "Fix race"]);
    p.ok(&["log", "--next", "Reproduce the bug"]);
    p.ok(&["log", "--next", "Implement the fix"]);
    p.ok(&["log", "--next", "Add a regression test"]);
    p.ok(&["log", "--current", "reproduce"]);
    p.ok(&[
        "log",
        "--decision",
        "Lock before the state check",
        "--rationale",
        "smallest fix",
        "--options",
        "lock first; atomics",
        "--context",
        "race between check and lock",
    ]);
    p.ok(&[
        "log",
        "--discovery",
        "Lock ordering: watcher before sweeper",
    ]);
    p.ok(&[
        "log",
        "--blocker",
        "Flaky CI runner",
        "--impact",
        "cannot trust red builds",
        "--mitigation",
        "rerun twice",
    ]);
    let out = p.ok(&["log", "--done", "Reproduce"]);
    assert!(out.contains("Reproduce the bug"), "{out}");
    p.ok(&["log", "--progress", "Wrote a stress harness"]);
    let t = p.active_text();
    assert!(t.contains("**Progress**: 1/3 steps complete\n"), "{t}");
    // Done is done: no other step is promoted to current on its own.
    assert!(
        t.contains("**Current**: none (next: Implement the fix)\n"),
        "{t}"
    );
    assert!(t.contains("**Blocker**: Flaky CI runner\n"));
    assert!(!t.contains("<- CURRENT"), "{t}");
    assert!(
        regex::Regex::new(r"- \[x\] Reproduce the bug \(2026-01-15T10:00Z, [0-9a-f]{7}\)")
            .unwrap()
            .is_match(&t),
        "{t}"
    );
    assert!(
        !t.contains("1. Reproduce the bug"),
        "a done step leaves Next Steps"
    );
    p.ok(&["log", "--resolve", "1"]);
    let t = p.active_text();
    assert!(t.contains("**Blocker**: None\n"));
    assert!(t.contains("— resolved (2026-01-15T10:00Z)"));
    insta::assert_snapshot!("logged_session", stable(&t));
    // Every log writes one journal entry (plus init).
    assert_eq!(p.journal_entries().len(), 11);
    for e in p.journal_entries() {
        assert!(!e.file_name().unwrap().to_string_lossy().contains(':'));
        assert_eq!(mode(&e), 0o600);
    }
}

#[test]
fn log_errors() {
    let p = Project::git();
    p.ok(&["init", "--name", "x"]);
    let o = p.run(&["log"]);
    assert_eq!(o.status.code(), Some(1), "an entry is required");
    assert!(stderr(&o).contains("nothing to log"), "{}", stderr(&o));
    assert_eq!(
        p.run(&["log", "--progress", "a", "--discovery", "b"])
            .status
            .code(),
        Some(2),
        "only one"
    );
    let o = p.run(&["log", "a plain note", "--rationale", "r"]);
    assert_eq!(o.status.code(), Some(1), "--rationale needs a decision");
    assert!(
        stderr(&o).contains("--rationale goes with a decision"),
        "{}",
        stderr(&o)
    );
    let o = p.run(&["log", "--resolve", "3"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("there is no blocker 3"));
    let big = "x".repeat(100 * 1024);
    let before = p.active_text();
    let o = p.run(&["log", "--progress", &big]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the limit is 65536 bytes"));
    assert_eq!(p.active_text(), before);
    let o = p.run(&["log", "--session", "../x", "--progress", "a"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("invalid session name"));
    let o = p.run(&["log", "--session", "nope", "--progress", "a"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no session named \"nope\""));
}

#[test]
fn no_store_is_a_clear_error() {
    let p = Project::git();
    let o = p.run(&["log", "--progress", "x"]);
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("no session store") && e.contains("hint: start one"),
        "{e}"
    );
    assert!(!p.path().join(".sessions").exists());
}

#[test]
fn session_selection_by_id_prefix_and_shortname() {
    let p = Project::git();
    p.ok(&["init", "--name", "one"]);
    p.ok(&["init", "--name", "two"]);
    let list: serde_json::Value = serde_json::from_str(&p.ok(&["list", "--json"])).unwrap();
    let one_id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["shortname"] == "one")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    p.ok(&[
        "log",
        "--session",
        &one_id[..13],
        "--discovery",
        "found in one",
    ]);
    p.ok(&["log", "--session", "two", "--discovery", "found in two"]);
    let v1: serde_json::Value = serde_json::from_str(&p.ok(&["view", "one", "--json"])).unwrap();
    assert_eq!(
        v1["discoveries"][0].as_str().unwrap(),
        "1. (2026-01-15T10:00Z) found in one"
    );
    let v2 = p.ok(&["view", "--session", "two", "--discoveries"]);
    assert!(v2.contains("found in two") && !v2.contains("found in one"));
}

#[test]
fn checkpoint_refreshes_tldr_git_and_quick_context() {
    let p = Project::git();
    p.ok(&["init", "--name", "cp", "--goal", "Ship it"]);
    let repo = p.repo();
    p.write("a.txt", "a");
    let oid = p.commit_all(&repo, "second commit");
    p.ok(&[
        "checkpoint",
        "--tldr",
        "Halfway there; the parser works.",
        "--note",
        "before refactor",
    ]);
    let t = p.active_text();
    assert!(t.contains("## TL;DR (Read This First)\nHalfway there; the parser works.\n\n**Progress**: 0/0 steps complete\n"), "{t}");
    // A short hash that reads as a number (e.g. 1234e56) is written quoted.
    let short = &oid.to_string()[..7];
    assert!(
        t.contains(&format!("git_last_commit: {short}\n"))
            || t.contains(&format!("git_last_commit: \"{short}\"\n")),
        "{t}"
    );
    let id = t.lines().find_map(|l| l.strip_prefix("id: ")).unwrap();
    let quick = p.read(&format!(".sessions/journal/{id}/progress.md"));
    assert!(quick.contains("Halfway there; the parser works."));
}

#[test]
fn view_and_list() {
    let p = Project::git();
    p.ok(&["init", "--name", "v", "--goal", "See things"]);
    p.ok(&["log", "--decision", "Use X"]);
    assert!(p.ok(&["view"]).starts_with("---\nid: "));
    assert!(p.ok(&["view", "--decisions"]).contains("### 1. Use X"));
    let listed = p.ok(&["view", "list"]);
    assert!(
        listed.contains("STATUS") && listed.contains(" v "),
        "{listed}"
    );
    let j: serde_json::Value = serde_json::from_str(&p.ok(&["view", "--json"])).unwrap();
    assert_eq!(j["shortname"], "v");
    assert_eq!(j["objective"], "See things");
    assert_eq!(j["decisions"][0], "1. Use X (2026-01-15T10:00Z)");
}

#[test]
fn close_archives_and_completes_linked_tasks() {
    let p = Project::git();
    p.write(
        ".tasks/t-1.md",
        "---\ntitle: Do it\nstatus: open\npriority: P1\n---\nBody stays.\n",
    );
    p.ok(&["init", "--name", "c", "--task", "t-1", "--task", "t-9"]);
    let o = p.run(&["close", "--abandon"]);
    assert_eq!(o.status.code(), Some(1), "--abandon needs a reason");
    assert!(stderr(&o).contains("needs a reason"), "{}", stderr(&o));
    let out = p.ok(&["close", "--complete"]);
    assert!(
        out.contains("task t-1: completed") && out.contains("task t-9: no .tasks/t-9.md"),
        "{out}"
    );
    assert_eq!(
        p.read(".tasks/t-1.md"),
        "---\ntitle: Do it\nstatus: completed\npriority: P1\n---\nBody stays.\n"
    );
    assert_eq!(
        fs::read_dir(p.path().join(".sessions/active"))
            .unwrap()
            .count(),
        0
    );
    let archived: Vec<_> = fs::read_dir(p.path().join(".sessions/archive"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(archived.len(), 1);
    let t = fs::read_to_string(archived[0].path()).unwrap();
    assert!(t.contains("status: complete\n") && t.contains("closed_at: 2026-01-15T10:00:00Z\n"));
    p.ok(&["init", "--name", "d"]);
    p.ok(&[
        "close",
        "d",
        "--abandon",
        "--reason",
        "requirements changed",
    ]);
    let listed = p.ok(&["list", "--all"]);
    assert!(listed.contains("abandoned") && listed.contains("complete"));
}

#[test]
fn unparseable_file_is_refused_and_untouched() {
    let p = Project::git();
    p.ok(&["init", "--name", "bad"]);
    let f = p.active_file();
    let broken = "---\nid: x\nshortname: bad\ntitle: [unclosed\n---\nbody\n";
    fs::write(&f, broken).unwrap();
    let o = p.run(&["log", "--session", "bad", "--progress", "x"]);
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains(&format!("{}:", f.display())) && e.contains("invalid YAML"),
        "{e}"
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), broken);
    fs::write(&f, "---\nid: x\nshortname: bad\n").unwrap();
    let e = String::from_utf8_lossy(&p.run(&["view", "bad"]).stderr).to_string();
    assert!(e.contains(":1: the frontmatter fence"), "{e}");
    let listed = p.ok(&["list"]);
    assert!(listed.contains("unreadable"), "{listed}");
}

#[test]
fn symlinked_session_file_is_never_written_through() {
    let p = Project::git();
    p.ok(&["init", "--name", "s"]);
    let f = p.active_file();
    let outside = p.path().join("outside.md");
    fs::rename(&f, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &f).unwrap();
    let before = fs::read_to_string(&outside).unwrap();
    let o = p.run(&["log", "--progress", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("symlink"));
    assert_eq!(fs::read_to_string(&outside).unwrap(), before);
}

#[test]
fn non_utf8_session_file_is_refused() {
    let p = Project::git();
    p.ok(&["init", "--name", "u"]);
    let f = p.active_file();
    let mut bytes = fs::read(&f).unwrap();
    bytes.extend_from_slice(b"\n\xff\xfe broken\n");
    fs::write(&f, &bytes).unwrap();
    let o = p.run(&["log", "--session", "u", "--progress", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not UTF-8"));
    assert_eq!(fs::read(&f).unwrap(), bytes);
}

/// The parts of a session file, split without the tool's own parser: the
/// YAML, the text before the first heading, and each top-level `#` / `##`
/// section (heading line through the line before the next such heading).
/// Fenced code is skipped; the test documents put no heading lines inside
/// HTML blocks, and nested headings are never at column 0.
fn split_doc(text: &str) -> (String, String, Vec<(String, String)>) {
    let rest = text.strip_prefix("---\n").expect("frontmatter");
    let close = rest.find("\n---\n").expect("closed frontmatter") + 1;
    let yaml = rest[..close].to_string();
    let body = &rest[close + "---\n".len()..];
    let mut preamble = String::new();
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        let run = |c: char| t.chars().take_while(|&x| x == c).count();
        if indent < 4 {
            match fence {
                None => {
                    for c in ['`', '~'] {
                        if run(c) >= 3 {
                            fence = Some((c, run(c)));
                        }
                    }
                }
                Some((c, n)) if run(c) >= n && t[run(c)..].trim().is_empty() => fence = None,
                Some(_) => {}
            }
        }
        let heading = fence.is_none() && (line.starts_with("# ") || line.starts_with("## "));
        if heading {
            sections.push((line.trim_end().to_string(), String::new()));
        }
        match sections.last_mut() {
            Some((_, s)) => s.push_str(line),
            None => preamble.push_str(line),
        }
    }
    (yaml, preamble, sections)
}

/// The YAML without the entries of the keys this tool writes (a key line
/// and its indented or `- ` continuation lines).
fn yaml_without_tool_keys(yaml: &str) -> String {
    const TOOL: [&str; 11] = [
        "updated_at",
        "created_at",
        "status",
        "compaction_count",
        "git_branch",
        "git_last_commit",
        "paused_at",
        "closed_at",
        "close_reason",
        "claude_sessions",
        "schema_version",
    ];
    let mut out = String::new();
    let mut skipping = false;
    for line in yaml.split_inclusive('\n') {
        let continues = line.starts_with(' ') || line.starts_with('\t') || line.starts_with("- ");
        if !continues {
            skipping = TOOL
                .iter()
                .any(|k| line.strip_prefix(k).is_some_and(|r| r.starts_with(':')));
        }
        if !skipping {
            out.push_str(line);
        }
    }
    out
}

/// A document a person wrote by hand (comments in the YAML and the body,
/// odd spacing, unknown sections, fenced code with `#` lines, headings
/// nested in a blockquote) goes through 100 tool edits of every kind.
/// Every byte outside the sections those edits are about stays exactly as
/// it was: the text before the first heading, each untouched section, and
/// the YAML apart from the tool's own keys.
#[test]
fn hundred_edits_keep_hand_written_bytes() {
    let p = Project::git();
    p.ok(&["init", "--name", "hand"]);
    let f = p.active_file();
    let t = fs::read_to_string(&f).unwrap();
    let id = t
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .to_string();
    let hand = format!(
        "---\nid: {id}\nshortname: hand\n# keep this comment\nowner:   someone   # spaced\nstatus: active\nextra_list:\n- a\n- b\nnested:\n  deep: [1, 2]   # trailing\n---\n\n<!-- before any heading -->\nWords   before the title.\n\n# Session: Hand written\n\n<!-- a note\n     for people -->\n\n## TL;DR (Read This First)\nA paragraph   with  odd spacing.\n\n**Progress**: 0/0 steps complete\n\n## Context\n**Objective**: keep bytes\n\n```md\n## Decisions\n# not a heading\n```\n\n> ## Blockers\n> quoted, not a section\n\n- a list item\n\n  ## Next Steps\n  still the list item\n\n**Key Files**:\n- (none yet)\n\n**Key Context** (survives compaction):\n-   spaced   bullet\n- (none yet)\n\n## Team Notes   \n\n* custom list\n  * nested\n\n~~~~\n# tilde fence\n## Progress\n~~~~\n\n\n## Progress\n\n## Decisions\n\n## Appendix\nTrailing words.\twith a tab\n   \n"
    );
    fs::write(&f, &hand).unwrap();
    let (yaml0, pre0, secs0) = split_doc(&hand);
    let edited = |h: &str| {
        [
            "## TL;DR",
            "## Progress",
            "## Decisions",
            "## Discoveries",
            "## Blockers",
            "## Next Steps",
        ]
        .iter()
        .any(|e| h.starts_with(e))
    };
    let kept0: Vec<&(String, String)> = secs0.iter().filter(|(h, _)| !edited(h)).collect();
    assert_eq!(kept0.len(), 4, "{kept0:?}");

    for i in 0..100 {
        let args: Vec<String> = match i % 10 {
            0 => vec!["log".into(), "--decision".into(), format!("decision {i}")],
            1 => vec!["log".into(), "--discovery".into(), format!("discovery {i}")],
            2 => vec!["log".into(), "--next".into(), format!("step {i}")],
            3 => vec!["log".into(), "--progress".into(), format!("note {i}")],
            4 => vec!["log".into(), "--done".into(), format!("step {}", i - 2)],
            5 => vec!["log".into(), "--blocker".into(), format!("blocker {i}")],
            6 => vec!["log".into(), "--current".into(), format!("working on {i}")],
            7 => vec!["checkpoint".into(), "--note".into(), format!("cp {i}")],
            8 => vec![
                "log".into(),
                "--done".into(),
                format!("working on {}", i - 2),
            ],
            _ => vec!["checkpoint".into()],
        };
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        p.ok(&refs);

        let now = fs::read_to_string(&f).unwrap();
        let (yaml, pre, secs) = split_doc(&now);
        assert_eq!(pre, pre0, "after edit {i}: text before the first heading");
        assert_eq!(
            yaml_without_tool_keys(&yaml),
            yaml_without_tool_keys(&yaml0),
            "after edit {i}: frontmatter"
        );
        let kept: Vec<&(String, String)> = secs.iter().filter(|(h, _)| !edited(h)).collect();
        assert_eq!(kept, kept0, "after edit {i}: untouched sections\n{now}");
    }
    let after = fs::read_to_string(&f).unwrap();
    let (_, _, secs) = split_doc(&after);
    let order: Vec<&str> = secs.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        order,
        [
            "# Session: Hand written",
            "## TL;DR (Read This First)",
            "## Context",
            "## Team Notes",
            "## Progress",
            "## Decisions",
            "## Discoveries",
            "## Blockers",
            "## Next Steps",
            "## Appendix",
        ]
    );
    assert_eq!(
        after.matches("\n### ").count() - 4,
        10,
        "ten decisions + 4 sub-headings\n{after}"
    );
    assert!(
        after.contains("**Progress**: 20/20 steps complete"),
        "{after}"
    );
    let progress = &secs[4].1;
    assert_eq!(progress.matches("- (").count(), 10, "{progress}");
    assert_eq!(secs[7].1.matches(" — open (").count(), 10);
}

#[test]
fn forty_concurrent_logs_lose_nothing() {
    let p = Project::git();
    p.ok(&["init", "--name", "busy"]);
    let children: Vec<_> = (0..40)
        .map(|i| {
            std::process::Command::new(common::bin())
                .current_dir(p.path())
                .env_remove("CLAUDE_PROJECT_DIR")
                .env_remove("CLAUDE_CODE_SESSION_ID")
                .args(["log", "--discovery", &format!("finding number {i}")])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let t = p.active_text();
    for i in 0..40 {
        assert!(
            t.contains(&format!(") finding number {i}\n")),
            "entry {i} lost"
        );
    }
    assert_eq!(p.journal_entries().len(), 41);
    let leftovers: Vec<_> = fs::read_dir(p.path().join(".sessions/active"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
    p.ok(&["view", "--json"]);
}

#[test]
fn a_reader_that_went_away_is_an_error_not_a_kill() {
    use std::os::fd::FromRawFd;
    use std::os::unix::process::ExitStatusExt;
    let p = Project::git();
    p.ok(&["init", "--name", "piped", "--goal", "Closed pipe"]);
    // A pipe whose reading end is closed before the command starts, so
    // its first write meets a broken pipe.
    let mut fds = [0; 2];
    // SAFETY: pipe(2) fills both descriptors, which we then own.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    let (read, write) = unsafe {
        (
            std::os::fd::OwnedFd::from_raw_fd(fds[0]),
            std::os::fd::OwnedFd::from_raw_fd(fds[1]),
        )
    };
    drop(read);
    let status = std::process::Command::new(common::bin())
        .current_dir(p.path())
        .env_remove("CLAUDE_PROJECT_DIR")
        .env_remove("CLAUDE_CODE_SESSION_ID")
        .args(["view"])
        .stdout(std::process::Stdio::from(write))
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.signal(), None, "killed by a signal: {status:?}");
}

/// A large document is edited by `log` without reading its long later
/// sections: the result must be byte-for-byte what a full load gives. The
/// same edits run in two copies of one project; in the second the structure
/// cache is removed before each command, which forces the full load.
#[test]
fn log_on_a_large_document_writes_what_a_full_load_writes() {
    let projects = [Project::git(), Project::git()];
    let mut filler = String::new();
    for i in 0..5000 {
        filler.push_str(&format!(
            "### {i}. Keep decision {i} (2026-01-15T10:00Z)\n**Choice**: option {i} \u{e9}\n\n"
        ));
    }
    for p in &projects {
        p.ok(&["init", "--name", "big", "--goal", "Large document"]);
        p.ok(&["log", "--blocker", "Waiting on review"]);
        let f = p.active_file();
        let t = fs::read_to_string(&f).unwrap();
        assert!(t.contains("\n## Decisions\n"), "{t}");
        let t = t.replacen(
            "\n## Decisions\n",
            &format!("\n## Decisions\n\n{filler}"),
            1,
        );
        fs::write(&f, t).unwrap();
        // A first read builds the structure cache for the edited file.
        p.ok(&["view"]);
    }
    let steps: &[&[&str]] = &[
        &["log", "--progress", "first note"],
        &["log", "--next", "Write the parser"],
        &["log", "--progress", "second note"],
        &["log", "--current", "Write the parser"],
        &["log", "--done", "Write the parser"],
        &["log", "--decision", "Use a table", "--rationale", "fast"],
        &["log", "--progress", "third note"],
        &["log", "--resolve", "1"],
        &["log", "--progress", "fourth note"],
    ];
    for (i, args) in steps.iter().enumerate() {
        let now = format!("2026-01-15T11:{:02}:00Z", i);
        projects[0].ok_at(Some(&now), args);
        let _ = fs::remove_dir_all(projects[1].path().join(".sessions/.local/index"));
        projects[1].ok_at(Some(&now), args);
        // The two sessions differ only in their ids.
        let (a, b) = (
            stable(&projects[0].active_text()),
            stable(&projects[1].active_text()),
        );
        assert!(a.len() > 300_000, "the document stays large");
        assert_eq!(a, b, "after {args:?}");
    }
    let t = projects[0].active_text();
    assert!(t.contains("fourth note"));
    assert!(t.contains(&filler), "the long section is intact");
    assert!(
        t.contains("**Blocker**: None"),
        "the resolved blocker reached the TL;DR"
    );
}

/// Insert `extra` right after the first line that starts with `after`.
fn insert_after(text: &str, after: &str, extra: &str) -> String {
    let at = text.find(after).unwrap();
    let at = at + text[at..].find('\n').unwrap() + 1;
    format!("{}{extra}{}", &text[..at], &text[at..])
}

/// Headings inside a blockquote or a list item are text of the section
/// they stand in, not sections of their own.
#[test]
fn nested_headings_are_not_sections() {
    let p = Project::git();
    p.ok(&["init", "--name", "nest"]);
    let f = p.active_file();
    let nested = "\n> ## Decisions\n> quoted\n\n- an item\n\n  ## Blockers\n  more of the item\n";
    let t = insert_after(&fs::read_to_string(&f).unwrap(), "**Objective**", nested);
    fs::write(&f, &t).unwrap();
    let context =
        |t: &str| t[t.find("## Context\n").unwrap()..t.find("## Progress\n").unwrap()].to_string();
    let before = context(&t);
    p.ok(&["log", "--decision", "D"]);
    p.ok(&["log", "--blocker", "B"]);
    let after = p.active_text();
    assert_eq!(context(&after), before, "{after}");
    assert_eq!(before.matches("- (none yet)").count(), 2);
    let dec = &after[after.find("\n## Decisions\n").unwrap()..];
    assert!(dec.starts_with("\n## Decisions\n\n### 1. D ("), "{after}");
    assert!(after.contains("## Blockers\n1. **B** — open ("), "{after}");
    let json: serde_json::Value = serde_json::from_str(&p.ok(&["view", "--json"])).unwrap();
    assert_eq!(json["blockers"].as_array().unwrap().len(), 1, "{json}");
}

/// A file whose last line is a heading without a newline gets the new
/// content on a line of its own, and a later load finds it there.
#[test]
fn heading_without_final_newline_takes_content_below_it() {
    let p = Project::git();
    p.ok(&["init", "--name", "eol"]);
    let f = p.active_file();
    let t = fs::read_to_string(&f).unwrap();
    assert!(t.ends_with("## Next Steps\n"));
    fs::write(&f, t.trim_end_matches('\n')).unwrap();
    p.ok(&["log", "--next", "N"]);
    let after = p.active_text();
    assert!(after.ends_with("## Next Steps\n1. N\n"), "{after}");
    // The same with the structure cache gone: the file itself is right.
    fs::remove_dir_all(p.path().join(".sessions/.local/index")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&p.ok(&["view", "--json"])).unwrap();
    assert_eq!(json["next_steps"], serde_json::json!(["N"]), "{json}");
    p.ok(&["log", "--next", "Z"]);
    let after = p.active_text();
    assert_eq!(after.matches("## Next Steps").count(), 1, "{after}");
    assert!(after.ends_with("## Next Steps\n1. N\n2. Z\n"), "{after}");
}

/// Progress notes have their own sub-section; a step logged after them
/// goes under Remaining, not among the notes.
#[test]
fn next_after_progress_note_goes_under_remaining() {
    let p = Project::git();
    p.ok(&["init", "--name", "notes"]);
    p.ok(&["log", "--progress", "first note"]);
    p.ok(&["log", "--next", "Later step"]);
    p.ok(&["log", "--progress", "second note"]);
    let t = p.active_text();
    let progress = &t[t.find("## Progress\n").unwrap()..t.find("## Decisions\n").unwrap()];
    let remaining = &progress[progress.find("### Remaining\n").unwrap()..];
    assert!(
        remaining.starts_with("### Remaining\n- [ ] Later step ^s1\n\n### Notes\n- ("),
        "{progress}"
    );
    let notes = &progress[progress.find("### Notes\n").unwrap()..];
    assert_eq!(notes.matches("- (").count(), 2, "{progress}");
    assert!(!notes.contains("Later step"), "{progress}");
    assert!(t.contains("**Progress**: 0/1 steps complete"), "{t}");
    // A step to do is not the step being done.
    assert!(t.contains("**Current**: none (next: Later step)"), "{t}");
}

/// A hand-quoted frontmatter key is updated in place; YAML the line
/// editor cannot extend is refused with an error, and the file is kept.
#[test]
fn quoted_frontmatter_keys_and_unextendable_yaml() {
    let p = Project::git();
    p.ok(&["init", "--name", "quoted"]);
    let f = p.active_file();
    let t = fs::read_to_string(&f).unwrap();
    let t = t.replacen("\nupdated_at:", "\n\"updated_at\":", 1);
    fs::write(&f, &t).unwrap();
    p.ok(&["log", "--progress", "x"]);
    let after = p.active_text();
    assert_eq!(after.matches("updated_at").count(), 1, "{after}");
    assert!(
        after.contains("\n\"updated_at\": 2026-01-15T10:00:00Z\n"),
        "{after}"
    );

    // The same document with its YAML as one flow mapping.
    let yaml_end = after.find("\n---\n").unwrap();
    let id = after
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .to_string();
    let flow = format!(
        "---\n{{id: {id}, shortname: quoted, status: active}}{}",
        &after[yaml_end..]
    );
    fs::write(&f, &flow).unwrap();
    let count = || p.journal_entries().len();
    let (before, progress_md) = (count(), journal_progress_md(&p, &id));
    for args in [
        &["log", "--progress", "y"][..],
        &["log", "--decision", "z"],
        &["checkpoint", "--note", "n"],
    ] {
        let o = p.run(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with("session-hook: error: "), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(fs::read_to_string(&f).unwrap(), flow);
        // The journal and the quick-context file never record an edit
        // that the document refused.
        assert_eq!(count(), before, "{args:?} left a journal entry");
        assert_eq!(journal_progress_md(&p, &id), progress_md);
    }
}

fn journal_progress_md(p: &Project, id: &str) -> String {
    p.read(&format!(".sessions/journal/{id}/progress.md"))
}

/// A document saved with CRLF line endings keeps them in every line the
/// tool writes, through every kind of edit.
#[test]
fn crlf_document_keeps_its_line_endings() {
    let p = Project::git();
    p.ok(&["init", "--name", "crlf"]);
    let f = p.active_file();
    let crlf = fs::read_to_string(&f).unwrap().replace('\n', "\r\n");
    fs::write(&f, &crlf).unwrap();
    for args in [
        &["log", "--progress", "a note"][..],
        &["log", "--decision", "D"],
        &["log", "--discovery", "X"],
        &["log", "--next", "Step one"],
        &["log", "--next", "Step two"],
        &["log", "--current", "Step one"],
        &["log", "--done", "Step one"],
        &["log", "--blocker", "B"],
        &["log", "--resolve", "1"],
        &["checkpoint", "--tldr", "New paragraph."],
    ] {
        p.ok(args);
        let t = fs::read_to_string(&f).unwrap();
        assert!(
            !t.replace("\r\n", "").contains('\n'),
            "after {args:?}: a bare LF\n{t:?}"
        );
    }
    let t = fs::read_to_string(&f).unwrap();
    assert!(
        t.contains("\r\n**Progress**: 1/2 steps complete\r\n"),
        "{t:?}"
    );
    let json: serde_json::Value = serde_json::from_str(&p.ok(&["view", "--json"])).unwrap();
    assert_eq!(
        json["next_steps"],
        serde_json::json!(["Step two"]),
        "{json}"
    );
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn front(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}: ")))
        .unwrap_or_else(|| panic!("no {key} in\n{text}"))
        .trim_matches('"')
        .to_string()
}

#[test]
fn a_log_that_changes_nothing_says_so_and_still_stamps_the_time() {
    let p = Project::git();
    p.ok_at(Some("2026-01-15T10:00:00Z"), &["init", "--name", "dup"]);
    let out = p.ok_at(Some("2026-01-15T10:00:00Z"), &["log", "--next", "A"]);
    assert!(out.starts_with("Next step added"), "{out}");
    let out = p.ok_at(Some("2026-01-15T11:00:00Z"), &["log", "--next", "A"]);
    assert!(out.starts_with("Next step already listed"), "{out}");
    let t = p.active_text();
    assert_eq!(front(&t, "updated_at"), "2026-01-15T11:00:00Z");
    assert_eq!(t.matches(". A\n").count(), 1, "{t}");
    let out = p.ok_at(Some("2026-01-15T12:00:00Z"), &["log", "--current", "A"]);
    assert!(out.starts_with("Current step: A"), "{out}");
    let out = p.ok_at(Some("2026-01-15T13:00:00Z"), &["log", "--current", "A"]);
    assert!(out.starts_with("Current step unchanged: A"), "{out}");
    assert_eq!(
        front(&p.active_text(), "updated_at"),
        "2026-01-15T13:00:00Z"
    );
    // Each of them is in the journal.
    assert_eq!(p.journal_entries().len(), 5);
}

#[test]
fn errors_carry_a_hint() {
    let p = Project::git();
    p.ok(&["init", "--name", "h"]);
    let cases: &[(&[&str], &str)] = &[
        (&["log", "--progress", "  "], "--progress is empty"),
        (&["log", "--decision", ""], "--decision is empty"),
        (&["checkpoint", "--note", " "], "--note is empty"),
        (&["init", "--goal", ""], "--goal is empty"),
        (&["init", "--name", &"n".repeat(50)], "is longer than"),
    ];
    for (args, msg) in cases {
        let o = p.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.starts_with("session-hook: error: ") && e.contains(msg) && e.contains("\n  hint: "),
            "{args:?}: {e}"
        );
    }
    // A file where a folder must go.
    let id = front(&p.active_text(), "id");
    let j = p.path().join(format!(".sessions/journal/{id}"));
    fs::remove_dir_all(&j).unwrap();
    fs::write(&j, "in the way").unwrap();
    let o = p.run(&["log", "--discovery", "d"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("cannot create") && e.contains("hint: a file is in the way"),
        "{e}"
    );
}

#[test]
fn closing_a_closed_session_is_refused_with_a_hint() {
    let p = Project::git();
    p.ok(&["init", "--name", "once"]);
    p.ok(&["close", "--complete"]);
    let o = p.run(&["close", "once", "--complete"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.starts_with("session-hook: error: once is already closed (complete)")
            && e.contains("hint: "),
        "{e}"
    );
}

#[test]
fn usage_errors_have_the_prefix_and_help_is_plain() {
    let p = Project::git();
    let o = p.run(&["log", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.starts_with("session-hook: error: unexpected argument '--bogus'")
            && e.contains("Usage: session-hook log"),
        "{e}"
    );
    let o = p.run(&["close", "--complete", "--abandon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("session-hook: error: "));
    for args in [&["--help"][..], &["log", "--help"], &["--version"]] {
        let o = p.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(o.stderr.is_empty(), "{args:?}");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.contains("Usage:") || out.starts_with("session-hook "),
            "{out}"
        );
    }
}

#[test]
fn list_ids_are_unique_prefixes_that_select_their_session() {
    let p = Project::git();
    for n in ["one", "two", "three"] {
        p.ok(&["init", "--name", n]);
    }
    let listed = p.ok(&["list"]);
    let rows: Vec<(String, String)> = listed
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[1].to_string(), f[2].to_string())
        })
        .collect();
    assert_eq!(rows.len(), 3, "{listed}");
    for (name, id) in &rows {
        assert!(id.len() >= 8, "{listed}");
        let j: serde_json::Value = serde_json::from_str(&p.ok(&["view", id, "--json"])).unwrap();
        assert_eq!(j["shortname"], name.as_str(), "{id} picks {name}");
    }
}

#[test]
fn an_ambiguous_id_prefix_is_refused() {
    let p = Project::git();
    p.ok(&["init", "--name", "one"]);
    p.ok(&["init", "--name", "two"]);
    let list: serde_json::Value = serde_json::from_str(&p.ok(&["list", "--json"])).unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Two UUIDv7s made a moment apart share their timestamp's first digits.
    let prefix = &ids[0][..8];
    assert!(ids[1].starts_with(prefix), "{ids:?}");
    let o = p.run(&["log", "--session", prefix, "--progress", "x"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(&format!("\"{prefix}\" matches 2 sessions")) && e.contains("hint: "),
        "{e}"
    );
}

#[test]
fn init_title_is_kept_apart_from_the_goal() {
    let p = Project::git();
    p.ok(&[
        "init",
        "--name",
        "titled",
        "--goal",
        "Make login reliable",
        "--title",
        "Login race",
    ]);
    let t = p.active_text();
    assert_eq!(front(&t, "title"), "Login race");
    assert!(t.contains("\n# Session: Login race\n"), "{t}");
    assert!(t.contains("**Objective**: Make login reliable\n"), "{t}");
}

#[test]
fn done_matches_by_substring_or_adds_the_step() {
    let p = Project::git();
    p.ok(&["init", "--name", "steps"]);
    p.ok(&["log", "--next", "Write the parser"]);
    p.ok(&["log", "--next", "Add tests"]);
    // Neither exact nor a prefix: only a substring of the first step.
    let out = p.ok(&["log", "--done", "PARSER"]);
    assert!(
        out.starts_with("Step matched and marked done: Write the parser"),
        "{out}"
    );
    let out = p.ok(&["log", "--done", "Deploy to staging"]);
    assert!(
        out.starts_with("Step not found among open steps; added as done: Deploy to staging"),
        "{out}"
    );
    let t = p.active_text();
    assert!(t.contains("- [x] Write the parser ("), "{t}");
    assert!(t.contains("- [x] Deploy to staging ("), "{t}");
    assert!(t.contains("- [ ] Add tests"), "{t}");
    assert!(t.contains("**Progress**: 2/3 steps complete"), "{t}");
    // Done again: said so, and still one completed copy.
    let out = p.ok(&["log", "--done", "write the parser"]);
    assert!(
        out.starts_with("Step already done: Write the parser"),
        "{out}"
    );
    let t = p.active_text();
    assert_eq!(t.matches("Write the parser").count(), 1, "{t}");
    assert!(t.contains("**Progress**: 2/3 steps complete"), "{t}");
}

#[test]
fn list_all_json_shows_every_session_and_unreadable_files() {
    let p = Project::git();
    p.ok_at(
        Some("2026-01-15T10:00:00Z"),
        &["init", "--name", "open", "--goal", "Open one"],
    );
    p.ok_at(Some("2026-01-15T10:01:00Z"), &["log", "--next", "A"]);
    p.ok_at(Some("2026-01-15T10:02:00Z"), &["log", "--done", "A"]);
    p.ok_at(Some("2026-01-15T10:03:00Z"), &["log", "--next", "B"]);
    p.ok_at(Some("2026-01-15T09:00:00Z"), &["init", "--name", "shut"]);
    p.ok_at(
        Some("2026-01-15T09:30:00Z"),
        &["close", "shut", "--complete"],
    );
    p.write(".sessions/active/broken-000000.md", "---\nid: [\n---\n");
    let v: serde_json::Value = serde_json::from_str(&p.ok(&["list", "--all", "--json"])).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{v:#}");
    let open = &rows[0];
    assert_eq!(open["shortname"], "open");
    assert_eq!(open["title"], "Open one");
    assert_eq!(open["status"], "active");
    assert_eq!(open["updated_at"], "2026-01-15T10:03:00Z");
    assert_eq!(
        (open["done"].as_u64(), open["total"].as_u64()),
        (Some(1), Some(2))
    );
    assert!(
        open["path"]
            .as_str()
            .unwrap()
            .starts_with(".sessions/active/open-")
    );
    assert!(open["error"].is_null());
    assert_eq!(open["id"].as_str().unwrap().len(), 36);
    let shut = &rows[1];
    assert_eq!(shut["shortname"], "shut");
    assert_eq!(shut["status"], "complete");
    assert_eq!(shut["updated_at"], "2026-01-15T09:30:00Z");
    assert!(
        shut["path"]
            .as_str()
            .unwrap()
            .starts_with(".sessions/archive/shut-")
    );
    let bad = &rows[2];
    assert_eq!(bad["status"], "unreadable");
    assert_eq!(bad["path"], ".sessions/active/broken-000000.md");
    assert!(
        bad["error"]
            .as_str()
            .unwrap()
            .contains("broken-000000.md:2:"),
        "{bad}"
    );
    assert_eq!(bad["id"], "");
}

#[test]
fn close_keeps_a_task_files_mode_and_comments() {
    let p = Project::git();
    let task =
        "---\ntitle: Do it\nstatus: open  # moved by the planner\npriority: P1\n---\nBody.\n";
    p.write(".tasks/t-1.md", task);
    let tf = p.path().join(".tasks/t-1.md");
    fs::set_permissions(&tf, fs::Permissions::from_mode(0o644)).unwrap();
    p.ok(&["init", "--name", "c", "--task", "t-1"]);
    let out = p.ok(&["close", "--complete"]);
    assert!(out.contains("task t-1: completed"), "{out}");
    assert_eq!(
        p.read(".tasks/t-1.md"),
        task.replace("status: open ", "status: completed ")
    );
    assert_eq!(mode(&tf), 0o644);
}

/// A journal folder that cannot be made fails the command before the
/// document changes, with a hint that does not suggest retrying.
#[test]
fn a_journal_folder_that_cannot_be_made_fails_before_the_edit() {
    let p = Project::git();
    p.ok(&["init", "--name", "j"]);
    let before = p.active_text();
    let id = before
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .to_string();
    let entries = p.path().join(format!(".sessions/journal/{id}/entries"));
    fs::remove_dir_all(&entries).unwrap();
    fs::write(&entries, "").unwrap();
    let o = p.run(&["log", "--progress", "x"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("is not a folder"), "{err}");
    assert!(err.contains("move that file aside"), "{err}");
    assert!(!err.contains("something else created"), "{err}");
    assert_eq!(p.active_text(), before);
}

/// Text given with newlines stays on its line: it never becomes a heading
/// that takes over a section.
#[test]
fn multi_line_text_never_becomes_a_heading() {
    let p = Project::git();
    p.ok(&["init", "--name", "ml"]);
    p.ok(&["log", "--next", "step one"]);
    p.ok(&["log", "--current", "foo\n## Blockers\nhello"]);
    p.ok(&["log", "--done", "alpha\n## Decisions\nx"]);
    p.ok(&[
        "checkpoint",
        "--tldr",
        "para\n\n## Blockers\n- fake blocker",
    ]);
    let t = p.active_text();
    assert_eq!(t.matches("\n## Blockers\n").count(), 1, "{t}");
    assert_eq!(t.matches("\n## Decisions\n").count(), 1, "{t}");
    let json: serde_json::Value = serde_json::from_str(&p.ok(&["view", "--json"])).unwrap();
    assert_eq!(json["blockers"], serde_json::json!([]), "{json}");
    assert!(t.contains("**Blocker**: None"), "{t}");
}

/// Two sessions stamped in the same second: the one written last is the
/// one a bare command picks.
#[test]
fn a_tie_in_updated_at_goes_to_the_file_written_last() {
    let p = Project::git();
    let at = Some("2026-01-15T10:00:00Z");
    p.ok_at(at, &["init", "--name", "zeta"]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    p.ok_at(at, &["init", "--name", "alpha"]);
    let out = p.ok_at(at, &["log", "--progress", "which"]);
    assert!(out.contains("in alpha"), "{out}");
}

/// One task file that cannot be read does not keep the others from being
/// marked; the command then fails loudly, naming it, with the session
/// already archived.
#[test]
fn a_bad_task_file_is_reported_and_the_others_are_marked() {
    let p = Project::git();
    fs::create_dir_all(p.path().join(".tasks")).unwrap();
    fs::write(
        p.path().join(".tasks/t1.md"),
        b"---\nstatus: open\ntitle: caf\xe9\n---\n",
    )
    .unwrap();
    p.write(".tasks/t2.md", "---\r\nstatus: open\r\n---\r\nBody\r\n");
    p.ok(&["init", "--name", "tk", "--tasks", "t1,t2"]);
    let o = p.run(&["close", "--complete"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("task t1"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("task t2: completed"), "{out}");
    assert_eq!(
        p.read(".tasks/t2.md"),
        "---\r\nstatus: completed\r\n---\r\nBody\r\n"
    );
    assert_eq!(
        fs::read_dir(p.path().join(".sessions/active"))
            .unwrap()
            .count(),
        0,
        "the session is archived"
    );
}

/// A closed session is kept as it was: log and checkpoint refuse it.
#[test]
fn a_closed_session_is_not_edited() {
    let p = Project::git();
    p.ok(&["init", "--name", "arch"]);
    p.ok(&["close", "--complete"]);
    let archived = p.path().join(".sessions/archive");
    let file = fs::read_dir(&archived)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let before = fs::read_to_string(&file).unwrap();
    for args in [
        &["--session", "arch", "log", "--progress", "late"][..],
        &["--session", "arch", "checkpoint"],
    ] {
        let o = p.run(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("arch is closed (complete)"), "{err}");
        assert!(err.contains("hint:"), "{err}");
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
}

/// The options listed under "Global options:" in a command's `--help`
/// (empty when it has no such heading), and whether they come after the
/// command's own options.
fn global_options(help: &str) -> (Vec<String>, bool) {
    let Some((own, global)) = help.split_once("\nGlobal options:\n") else {
        return (Vec::new(), true);
    };
    let names = global
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    (names, own.contains("\nOptions:\n"))
}

#[test]
fn global_options_have_their_own_heading_and_are_absent_where_meaningless() {
    let p = Project::git();
    let all = ["--dir", "--session", "--claude-session", "--color"];
    for cmd in ["log", "view", "pause", "resume", "list", "doctor"] {
        let help = p.ok(&[cmd, "--help"]);
        let (global, after_own) = global_options(&help);
        assert_eq!(global, all, "{cmd}: {help}");
        assert!(after_own, "{cmd}: its own options come first: {help}");
        let own = help.split("\nGlobal options:\n").next().unwrap();
        assert!(!own.contains("--session <NAME>"), "{cmd}: {help}");
    }
    for (cmd, keeps) in [
        ("completions", &[][..]),
        ("man", &[]),
        ("demo", &[]),
        ("install", &["--dir"]),
        ("uninstall", &["--dir"]),
    ] {
        let help = p.ok(&[cmd, "--help"]);
        assert_eq!(global_options(&help).0, keeps, "{cmd}: {help}");
        for opt in all.iter().filter(|o| !keeps.contains(o)) {
            assert!(!help.contains(opt), "{cmd} shows {opt}: {help}");
            // Given after the command, it is refused, not ignored.
            let mut args = vec![cmd, opt, "x"];
            if cmd == "completions" {
                args.push("bash");
            }
            let o = p.run(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            assert!(
                stderr(&o).contains(&format!("`{cmd}` has no use for this option")),
                "{args:?}: {}",
                stderr(&o)
            );
        }
    }
    // Nor does the bash completion script offer them there: its list of
    // words for each subcommand holds only the options it takes.
    let bash = p.ok(&["completions", "bash"]);
    let opts = |cmd: &str| -> Vec<String> {
        let at = bash
            .find(&format!("hook__subcmd__{})\n", cmd.replace('-', "__")))
            .unwrap_or_else(|| panic!("no {cmd} in the bash script"));
        let line = bash[at..].lines().nth(1).unwrap().trim();
        let words = line.strip_prefix("opts=\"").unwrap().trim_end_matches('"');
        words.split(' ').map(String::from).collect()
    };
    for (cmd, keeps) in [
        ("completions", &[][..]),
        ("install", &["--dir"]),
        ("log", &all[..]),
        ("view", &all[..]),
    ] {
        let offered = opts(cmd);
        for opt in all {
            assert_eq!(
                offered.iter().any(|w| w == opt),
                keeps.contains(&opt),
                "{cmd} completes {opt}? {offered:?}"
            );
        }
    }
    // --dir still works on install, before or after the command's name.
    let other = Project::plain();
    let dir = other.path().to_str().unwrap();
    p.ok(&["install", "--dir", dir]);
    assert!(other.path().join(".claude/settings.local.json").is_file());
    // An option given before the command is the top level's: CLAUDE_CODE_SESSION_ID
    // set by Claude Code must not break `!session-hook install`.
    let o = p
        .cmd()
        .env("CLAUDE_CODE_SESSION_ID", "abc")
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Run a command line on a pseudo-terminal (util-linux `script`), as a
/// person at a terminal would; `None` where `script` is missing.
fn on_terminal(p: &Project, args: &[&str], no_color: bool) -> Option<String> {
    let line = std::iter::once(common::bin().display().to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect::<Vec<_>>()
        .join(" ");
    let mut c = std::process::Command::new("script");
    c.args(["-qec", &line, "/dev/null"])
        .current_dir(p.path())
        .env_remove("CLAUDE_PROJECT_DIR")
        .env_remove("CLAUDE_CODE_SESSION_ID")
        .env_remove("NO_COLOR")
        .env("SESSION_HOOK_NOW", "2026-01-15T10:00:00Z");
    if no_color {
        c.env("NO_COLOR", "1");
    }
    // (doctor exits 1 here: nothing is installed.)
    match c.output() {
        Ok(o) => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Err(_) => {
            eprintln!("SKIPPED the terminal half: util-linux `script` is not installed");
            None
        }
    }
}

#[test]
fn colour_on_a_terminal_for_list_view_resume_and_doctor_and_never_in_pipes() {
    let p = Project::git();
    p.ok(&["init", "--name", "alpha", "--goal", "Alpha work"]);
    p.ok(&["log", "--next", "Write the parser"]);
    p.ok(&["log", "--current", "Write the parser"]);
    p.ok(&["log", "blocker:", "no", "sample", "file"]);
    p.ok(&["init", "--name", "beta", "--goal", "Beta work"]);
    p.ok(&["pause", "-s", "halfway"]);
    const ESC: &str = "\x1b[";
    let cases: [(&[&str], &[&str]); 5] = [
        (&["list"], &["\x1b[32mactive", "\x1b[33mpaused"]),
        (
            &["view", "alpha"],
            &[
                "\x1b[1m## Progress",
                "\x1b[32m- [ ] Write the parser ^s1  <- CURRENT",
                "\x1b[31m1. **no sample file** — open",
                "\x1b[2mstatus: \x1b[0m\x1b[32mactive",
            ],
        ),
        (
            &["view", "alpha", "--blockers"],
            &["\x1b[31m1. **no sample file**"],
        ),
        (
            &["resume", "--list"],
            &["[\x1b[33mpaused\x1b[0m]", "[\x1b[32mactive\x1b[0m]"],
        ),
        (
            &["doctor"],
            &["\x1b[1mStore\x1b[0m", "\x1b[32mok      \x1b[0m"],
        ),
    ];
    for (args, painted) in cases {
        let run = |extra: &[&str], no_color: bool| {
            let mut c = p.cmd();
            c.args(args).args(extra);
            if no_color {
                c.env("NO_COLOR", "1");
            } else {
                c.env_remove("NO_COLOR");
            }
            String::from_utf8(c.output().unwrap().stdout).unwrap()
        };
        // A pipe gets plain text, and so does --color never.
        for out in [run(&[], false), run(&["--color", "never"], false)] {
            assert!(!out.contains(ESC), "{args:?}: {out}");
        }
        // --color always paints, even into a pipe and despite NO_COLOR.
        let out = run(&["--color", "always"], true);
        for code in painted {
            assert!(out.contains(code), "{args:?} lacks {code:?}: {out}");
        }
        // Only colour was added.
        assert_eq!(
            session_hook::style::unpainted(&out),
            run(&[], false),
            "{args:?}"
        );
        // A terminal gets colour unless NO_COLOR is set.
        if let Some(out) = on_terminal(&p, args, false) {
            assert!(out.contains(painted[0]), "{args:?} on a terminal: {out}");
            let out = on_terminal(&p, args, true).unwrap();
            assert!(!out.contains(ESC), "{args:?} with NO_COLOR: {out}");
        }
    }
    // Errors go to stderr, painted by the same rule.
    for args in [
        &["view", "nope", "--color", "always"][..],
        &["view", "nope", "--color=always"],
    ] {
        let e = stderr(&p.run(args));
        assert!(
            e.starts_with("session-hook: \x1b[31merror:\x1b[0m "),
            "{args:?}: {e}"
        );
    }
    assert!(stderr(&p.run(&["view", "nope"])).starts_with("session-hook: error: "));
    // Machine-readable output never carries colour.
    for args in [
        &["list", "--json"][..],
        &["view", "alpha", "--json"],
        &["doctor", "--json"],
    ] {
        let o = p
            .cmd()
            .args(args)
            .args(["--color", "always"])
            .output()
            .unwrap();
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(!out.contains(ESC), "{args:?}: {out}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
    }
}

#[test]
fn a_reader_that_stops_early_gets_no_backtrace() {
    let p = Project::git();
    p.ok(&["init", "Some", "work"]);
    for args in [&["list"][..], &["view"], &["doctor"]] {
        // `session-hook view | head -0`: stdout is a pipe nobody reads.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = std::process::Command::new(common::bin())
            .current_dir(p.path())
            .env_remove("CLAUDE_PROJECT_DIR")
            .env_remove("CLAUDE_CODE_SESSION_ID")
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
    }
}
