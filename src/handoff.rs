//! Hand-off briefs: one self-contained markdown file that another person
//! or agent can act on, and that `import handoff` turns back into a
//! session.
//!
//! The brief reuses the session document's own section names and bodies
//! (TL;DR, Context, Progress, Decisions, Discoveries, Blockers, Next Steps),
//! so reading it back is the same lossless section parse as a session file,
//! and what was decided, found and blocked survives the round trip word for
//! word. It adds a header, the git delta and a short "how to continue".

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::clock;
use crate::delta::{self, Since};
use crate::doc::sections as s;
use crate::doc::{Document, Sec};
use crate::session;

pub const TITLE_PREFIX: &str = "Hand-off: ";
const FROM_PREFIX: &str = "> From session `";

/// What changed in git over the session, for the brief.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GitDelta {
    /// "the session started" or "the last checkpoint".
    pub since_what: String,
    /// The commit the delta starts from (short hash), if one was recorded.
    pub base: Option<String>,
    pub since: Option<Since>,
    pub branch: Option<String>,
    pub head: Option<String>,
    pub uncommitted: delta::Uncommitted,
}

pub struct Input<'a> {
    pub doc: &'a Document,
    pub project: &'a str,
    pub now: DateTime<Utc>,
    /// `None` outside git.
    pub git: Option<GitDelta>,
}

/// The sections copied into the brief, in order.
const COPIED: [Sec; 7] = [
    Sec::Context,
    Sec::Progress,
    Sec::Decisions,
    Sec::Discoveries,
    Sec::Blockers,
    Sec::NextSteps,
    Sec::FilesModified,
];

pub fn render(i: &Input) -> String {
    let doc = i.doc;
    let f = doc.front();
    let mut out = format!("# {TITLE_PREFIX}{}\n\n", s::one_line(&doc.title()));
    out.push_str(&format!(
        "{FROM_PREFIX}{}` ({}), status {}, written {}.\n",
        doc.shortname(),
        doc.id(),
        f.status.as_str(),
        clock::iso(i.now)
    ));
    let git = match &i.git {
        Some(g) => format!(
            " Git: {} @ {}.",
            g.branch.as_deref().unwrap_or("(detached HEAD)"),
            g.head.as_deref().unwrap_or("(no commits)")
        ),
        None => String::new(),
    };
    out.push_str(&format!("> Project: {}.{git}\n", s::one_line(i.project)));
    out.push_str(
        "> Continue it as a session of your own: `session-hook import handoff <this file>`.\n",
    );

    out.push_str("\n## TL;DR\n");
    out.push_str(doc.get(Sec::Tldr).unwrap_or("").trim_end());
    out.push('\n');
    for sec in COPIED {
        let body = doc.get(sec).unwrap_or("").trim_end();
        if sec == Sec::FilesModified && body.trim().is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n", sec.heading()));
        if !body.trim().is_empty() {
            out.push_str(body);
            out.push('\n');
        }
    }

    out.push_str("\n## Git Delta\n");
    match &i.git {
        None => out.push_str("Not a git repository.\n"),
        Some(g) => out.push_str(&git_delta(g)),
    }

    out.push_str("\n## How to Continue\n");
    let v = session::view::View::steps_of(doc);
    let mut n = 0;
    let mut step = |t: String, out: &mut String| {
        n += 1;
        out.push_str(&format!("{n}. {t}\n"));
    };
    let open: Vec<_> = v.open_blockers().collect();
    if !open.is_empty() {
        let list: Vec<String> = open
            .iter()
            .map(|b| match b.n {
                Some(n) => format!("#{n} {}", b.text),
                None => b.text.clone(),
            })
            .collect();
        step(
            format!("Deal with the open blockers first: {}.", list.join("; ")),
            &mut out,
        );
    }
    match (&v.current, v.next.first()) {
        (Some(c), _) => step(format!("Current step: {}.", c.title), &mut out),
        (None, Some(n)) => step(
            format!("No step is started; begin with: {}.", n.text),
            &mut out,
        ),
        (None, None) => {}
    }
    let then: Vec<&str> = v
        .next
        .iter()
        .skip(usize::from(v.current.is_none()))
        .take(3)
        .map(|n| n.text.as_str())
        .collect();
    if !then.is_empty() {
        step(format!("Then: {}.", then.join("; ")), &mut out);
    }
    step(
        "Log decisions, discoveries and blockers as you go (`session-hook log`).".into(),
        &mut out,
    );
    out
}

fn git_delta(g: &GitDelta) -> String {
    let mut out = String::new();
    let Some(base) = &g.base else {
        out.push_str("No starting commit was recorded for this session.\n");
        out.push_str(&format!(
            "- Uncommitted now: {}\n",
            delta::render_uncommitted(&g.uncommitted, 50)
        ));
        return out;
    };
    out.push_str(&format!("Since {} at `{base}`:\n", g.since_what));
    out.push_str(&format!(
        "- Now: {} @ {}\n",
        g.branch.as_deref().unwrap_or("(detached HEAD)"),
        g.head.as_deref().unwrap_or("(no commits)")
    ));
    match &g.since {
        Some(sn) if !sn.found => out.push_str(&format!(
            "- The commit `{base}` is not in this repository (history rewritten, or another clone).\n"
        )),
        Some(sn) => {
            if !sn.ancestor {
                out.push_str("- History diverged: HEAD does not contain that commit.\n");
            }
            out.push_str(&format!("- Commits: {}\n", sn.commits));
            for subj in &sn.subjects {
                out.push_str(&format!("  - {subj}\n"));
            }
            if sn.commits > sn.subjects.len() {
                out.push_str(&format!(
                    "  - … and {} more\n",
                    sn.commits - sn.subjects.len()
                ));
            }
            out.push_str(&format!(
                "- Files changed since then: {}\n",
                delta::render_changes(&sn.files, 50)
            ));
        }
        None => {}
    }
    out.push_str(&format!(
        "- Uncommitted now: {}\n",
        delta::render_uncommitted(&g.uncommitted, 50)
    ));
    out
}

/// A brief read back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brief {
    pub title: String,
    /// The shortname and id of the session it came from, when the header
    /// names them.
    pub shortname: Option<String>,
    pub source_id: Option<String>,
    /// The sections found, by kind, with their bodies as written.
    pub sections: Vec<(Sec, String)>,
    /// `#### Phase ...` group headings found in the Progress section.
    pub phases: Vec<String>,
}

impl Brief {
    pub fn get(&self, k: Sec) -> Option<&str> {
        self.sections
            .iter()
            .find(|(s, _)| *s == k)
            .map(|(_, b)| b.as_str())
    }

    pub fn objective(&self) -> Option<String> {
        self.get(Sec::Context)
            .and_then(|c| s::inline_label(c, "Objective"))
    }
}

/// Read a brief. Errors say what is missing.
pub fn parse(text: &str) -> Result<Brief, String> {
    // Reuse the session document parser: a stand-in frontmatter makes the
    // brief a document, with the same heading rules (fenced code is not a
    // heading) and the same section names.
    let wrapped = format!("---\nid: brief\nshortname: brief\n---\n{text}");
    let doc = Document::parse(Path::new("<brief>"), wrapped).map_err(|e| e.to_string())?;
    let h1 = doc
        .sections()
        .iter()
        .find(|s| s.level == 1)
        .map(|s| s.title.trim().to_string());
    let mut b = Brief {
        title: h1
            .as_deref()
            .map(|t| {
                t.strip_prefix(TITLE_PREFIX.trim_end())
                    .unwrap_or(t)
                    .trim()
                    .to_string()
            })
            .unwrap_or_default(),
        ..Brief::default()
    };
    for l in text.lines() {
        if let Some(rest) = l.strip_prefix(FROM_PREFIX)
            && let Some((name, rest)) = rest.split_once('`')
        {
            b.shortname = crate::names::validate("shortname", name)
                .ok()
                .map(|_| name.to_string());
            b.source_id = rest
                .trim()
                .strip_prefix('(')
                .and_then(|r| r.split_once(')'))
                .map(|(id, _)| id.to_string())
                .filter(|id| crate::names::validate("id", id).is_ok());
            break;
        }
    }
    for k in [Sec::Tldr].iter().chain(COPIED.iter()) {
        if let Some(body) = doc.get(*k) {
            b.sections.push((*k, body.to_string()));
        }
    }
    if b.sections.is_empty() {
        return Err(
            "no TL;DR, Progress, Decisions, Discoveries, Blockers or Next Steps section found"
                .into(),
        );
    }
    if b.title.is_empty() {
        b.title = b
            .get(Sec::Tldr)
            .map(s::tldr_paragraph)
            .map(|t| t.chars().take(80).collect())
            .unwrap_or_default();
    }
    if let Some(p) = b.get(Sec::Progress) {
        b.phases = p
            .lines()
            .filter_map(|l| l.strip_prefix("#### "))
            .map(str::trim)
            .filter(|l| l.to_ascii_lowercase().starts_with("phase "))
            .map(str::to_string)
            .collect();
    }
    Ok(b)
}

/// Fill a new session document from a brief: each section the brief has
/// replaces the new document's (the TL;DR paragraph only; its status lines
/// are recomputed).
pub fn apply(doc: &mut Document, b: &Brief) {
    for (k, body) in &b.sections {
        match k {
            Sec::Tldr => {
                let para = s::tldr_paragraph(body);
                if !para.is_empty() {
                    // The brief's own date, if it carried one.
                    let new = s::tldr_set_paragraph(
                        doc.get(Sec::Tldr).unwrap_or(""),
                        &para,
                        s::tldr_written(body).as_deref(),
                    );
                    doc.set(Sec::Tldr, &new);
                }
            }
            k => {
                if !body.trim().is_empty() {
                    doc.set(*k, body);
                }
            }
        }
    }
    session::refresh_tldr(doc);
}
