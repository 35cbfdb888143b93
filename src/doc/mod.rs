//! The living session document: YAML frontmatter, then markdown sections.
//!
//! Three hands edit this file (this tool, the model, people), so every edit
//! here is lossless: the text is kept as it is, the structure is found with
//! pulldown-cmark's offset iterator (so `#` lines inside fenced code are not
//! headings), and an edit replaces one byte range. Everything outside that
//! range is untouched.

pub mod frontmatter;
pub mod progress;
pub mod sections;

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::error::DocError;
pub use frontmatter::{Frontmatter, Status, Value};

/// The canonical sections, in canonical order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Sec {
    Tldr,
    Context,
    Progress,
    Decisions,
    Discoveries,
    Blockers,
    NextSteps,
    FilesModified,
}

impl Sec {
    pub const ALL: [Sec; 8] = [
        Sec::Tldr,
        Sec::Context,
        Sec::Progress,
        Sec::Decisions,
        Sec::Discoveries,
        Sec::Blockers,
        Sec::NextSteps,
        Sec::FilesModified,
    ];

    /// The heading text we write.
    pub fn heading(self) -> &'static str {
        match self {
            Sec::Tldr => "TL;DR (Read This First)",
            Sec::Context => "Context",
            Sec::Progress => "Progress",
            Sec::Decisions => "Decisions",
            Sec::Discoveries => "Discoveries",
            Sec::Blockers => "Blockers",
            Sec::NextSteps => "Next Steps",
            Sec::FilesModified => "Files Modified",
        }
    }

    /// Which canonical section a heading text names, if any.
    pub fn from_title(title: &str) -> Option<Sec> {
        let t = title.trim().to_ascii_lowercase();
        if t.starts_with("tl;dr") || t.starts_with("tldr") {
            return Some(Sec::Tldr);
        }
        Some(match t.as_str() {
            "context" => Sec::Context,
            "progress" => Sec::Progress,
            "decisions" => Sec::Decisions,
            "discoveries" => Sec::Discoveries,
            "blockers" => Sec::Blockers,
            "next steps" => Sec::NextSteps,
            "files modified" => Sec::FilesModified,
            _ => return None,
        })
    }
}

/// One level-1 or level-2 heading and the byte range it governs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    pub level: u8,
    pub title: String,
    pub kind: Option<Sec>,
    /// From the start of the heading line to the start of the next level-1
    /// or level-2 heading (or the end of the file).
    pub range: Range<usize>,
    /// From the line after the heading to `range.end`.
    pub content: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// The document's bytes.
    text: String,
    /// The YAML between the fences.
    yaml: Range<usize>,
    body_start: usize,
    front: Frontmatter,
    sections: Vec<Section>,
    /// Bumped by every edit that changes the text.
    revision: u64,
}

/// An edit of ours whose result would not parse: said as such, since the
/// line numbers are of the edited text, not of the file.
fn edit_refused(e: DocError) -> DocError {
    match e {
        DocError::Parse { msg, .. } => DocError::Edit { msg },
        e => e,
    }
}

fn parse_err(path: &Path, line: usize, msg: impl Into<String>) -> DocError {
    DocError::Parse {
        path: path.to_path_buf(),
        line,
        msg: msg.into(),
    }
}

/// Where the frontmatter fences are: the YAML's byte range and where the
/// body starts. `None` for a file with no frontmatter at all.
fn split_frontmatter(text: &str) -> Result<Option<(Range<usize>, usize)>, usize> {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    if first.trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = first.len();
    let mut pos = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok(Some((yaml_start..pos, pos + line.len())));
        }
        pos += line.len();
    }
    Err(1)
}

impl Document {
    /// Parse a session document. `path` is only used in error messages.
    pub fn parse(path: &Path, text: String) -> Result<Document, DocError> {
        Self::parse_with(path, text, None)
    }

    /// Parse, taking the section structure from `known` (a structure cache
    /// for exactly this text) instead of running the markdown parser. The
    /// frontmatter is always parsed and validated.
    pub fn parse_with(
        path: &Path,
        text: String,
        known: Option<Vec<Section>>,
    ) -> Result<Document, DocError> {
        let (yaml, body_start, front) = parse_front(path, &text)?;
        let sections = match known {
            Some(k) if structure_plausible(&text, body_start, &k) => k,
            _ => scan_sections(&text, body_start),
        };
        Ok(Document {
            text,
            yaml,
            body_start,
            front,
            sections,
            revision: 0,
        })
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn into_text(self) -> String {
        self.text
    }

    /// The document's length in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn front(&self) -> &Frontmatter {
        &self.front
    }
    pub fn id(&self) -> &str {
        self.front.id.as_deref().unwrap_or_default()
    }
    pub fn shortname(&self) -> &str {
        self.front.shortname.as_deref().unwrap_or_default()
    }
    pub fn title(&self) -> String {
        // A title is shown on one line wherever it goes: one written with
        // line breaks (or control characters) must not start new lines of
        // its own in an injection or a listing.
        if let Some(t) = self.front.title.as_deref().filter(|t| !t.is_empty()) {
            return crate::frame::one_line(t, 200);
        }
        self.sections
            .iter()
            .find(|s| s.level == 1)
            .map(|s| s.title.trim_start_matches("Session:").trim().to_string())
            .unwrap_or_else(|| self.shortname().to_string())
    }
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }
    pub fn yaml(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    fn section(&self, kind: Sec) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == Some(kind))
    }

    /// The text under a canonical section's heading, if the section exists.
    pub fn get(&self, kind: Sec) -> Option<&str> {
        let i = self.sections.iter().position(|s| s.kind == Some(kind))?;
        Some(&self.text[self.sections[i].content.clone()])
    }

    /// How many text-changing edits this document has seen since loading.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Replace a byte range and re-derive the structure. An edit whose
    /// result no longer parses is refused with an error and the document
    /// is left as it was, so it is never written.
    fn replace_range(&mut self, range: Range<usize>, with: &str) -> Result<(), DocError> {
        if self.text[range.clone()] == *with {
            return Ok(());
        }
        let revision = self.revision + 1;
        if self.try_shift_edit(range.clone(), with) {
            self.revision = revision;
            return Ok(());
        }
        if self.try_frontmatter_edit(range.clone(), with)? {
            self.revision = revision;
            return Ok(());
        }
        let mut text = String::with_capacity(self.text.len() + with.len());
        text.push_str(&self.text[..range.start]);
        text.push_str(with);
        text.push_str(&self.text[range.end..]);
        let parsed = Document::parse(Path::new("<edit>"), text).map_err(edit_refused)?;
        *self = parsed;
        self.revision = revision;
        Ok(())
    }

    /// [`Document::replace_range`] for a range in the body. The YAML and
    /// its fences are before the body and unchanged, and only they can make
    /// a document fail to parse, so this cannot fail.
    fn replace_body(&mut self, range: Range<usize>, with: &str) {
        debug_assert!(range.start >= self.body_start);
        self.replace_range(range, with)
            .expect("a body edit leaves the frontmatter as it parsed");
    }

    /// Fast path for edits inside the YAML: the body is untouched, so its
    /// sections only move by the change in length; only the YAML is parsed
    /// again (and must still be valid).
    fn try_frontmatter_edit(&mut self, range: Range<usize>, with: &str) -> Result<bool, DocError> {
        let inside = range.start >= self.yaml.start && range.end <= self.yaml.end;
        let fence = with.lines().any(|l| matches!(l.trim_end(), "---" | "..."));
        if !inside || fence || !(with.is_empty() || with.ends_with('\n')) {
            return Ok(false);
        }
        let delta = with.len() as isize - range.len() as isize;
        let shift = |x: usize| (x as isize + delta) as usize;
        let known: Vec<Section> = self
            .sections
            .iter()
            .map(|s| Section {
                level: s.level,
                title: s.title.clone(),
                kind: s.kind,
                range: shift(s.range.start)..shift(s.range.end),
                content: shift(s.content.start)..shift(s.content.end),
            })
            .collect();
        let mut text = std::mem::take(&mut self.text);
        let old = text[range.clone()].to_string();
        text.replace_range(range.clone(), with);
        let (yaml, body_start, front) = match parse_front(Path::new("<edit>"), &text) {
            Ok(v) => v,
            Err(e) => {
                // Put the old bytes back: the document stays as it was.
                text.replace_range(range.start..range.start + with.len(), &old);
                self.text = text;
                return Err(edit_refused(e));
            }
        };
        self.text = text;
        self.yaml = yaml;
        self.body_start = body_start;
        self.front = front;
        self.sections = known;
        debug_assert!(
            self.sections == scan_sections(&self.text, body_start),
            "frontmatter edit moved the body"
        );
        Ok(true)
    }

    /// Fast path for edits inside the body that cannot change the block
    /// structure: the known sections are shifted instead of re-parsing the
    /// whole (possibly megabyte) document. Returns false when the edit is
    /// not provably harmless; the caller then re-parses.
    fn try_shift_edit(&mut self, range: Range<usize>, with: &str) -> bool {
        let (a, b) = (range.start, range.end);
        if a < self.body_start || !inert(&self.text[a..b]) || !inert(with) {
            return false;
        }
        // An edit starting inside a line must start by ending that line and
        // keep it ended: text put after a line with no newline (a heading
        // on the file's last line, say) would join it.
        let ends_line = |t: &str| t.starts_with('\n') || t.starts_with("\r\n");
        if a > 0
            && self.text.as_bytes()[a - 1] != b'\n'
            && !(ends_line(&self.text[a..b]) && ends_line(with))
        {
            return false;
        }
        // The edit must not touch a heading line (setext titles included).
        let touches_heading = self.sections.iter().any(|s| {
            let (h, c) = (s.range.start, s.content.start);
            if a == b {
                h < a && a < c
            } else {
                a < c && b > h
            }
        });
        if touches_heading {
            return false;
        }
        // An HTML block started earlier in the same section ends only at a
        // blank line, which the edit might add or remove.
        let (from, to) = match self.sections.iter().rev().find(|s| s.content.start <= a) {
            Some(s) => (s.content.start, s.range.end),
            None => (
                self.body_start,
                self.sections
                    .first()
                    .map_or(self.text.len(), |s| s.range.start),
            ),
        };
        if self.text[from..to]
            .lines()
            .any(|l| l.trim_start_matches(' ').starts_with('<'))
        {
            return false;
        }
        // Whether a heading is top-level depends on the blocks before it:
        // a list item added above an indented `  ## Next` takes it in as a
        // continuation, and removing one lets a nested heading out. So the
        // rest of the section must be blank (nothing nested can follow the
        // edit) and the next heading must be an ATX heading at column 0,
        // which closes every open list and blockquote whatever precedes it.
        if b > to || !self.text[b..to].trim().is_empty() {
            return false;
        }
        if to < self.text.len() && !self.text[to..].starts_with('#') {
            return false;
        }
        let delta = with.len() as isize - (b - a) as isize;
        let shift = |x: usize| (x as isize + delta) as usize;
        self.text.replace_range(a..b, with);
        for s in &mut self.sections {
            if s.range.start >= a {
                s.range.start = shift(s.range.start);
            }
            if s.content.start > a {
                s.content.start = shift(s.content.start);
            }
            if s.range.end >= a {
                s.range.end = shift(s.range.end);
            }
            s.content.end = s.range.end;
        }
        debug_assert!(
            self.sections == scan_sections(&self.text, self.body_start),
            "incremental structure drifted after editing {a}..{b}"
        );
        true
    }

    /// Set frontmatter keys, keeping every other byte of the YAML. Fails,
    /// leaving the document as it was, when the YAML would no longer parse
    /// (hand-written YAML the line editor does not model).
    pub fn set_front(&mut self, pairs: &[(&str, Value)]) -> Result<(), DocError> {
        let mut yaml = self.yaml().to_string();
        for (k, v) in pairs {
            yaml = frontmatter::set_key(&yaml, k, v);
        }
        self.replace_range(self.yaml.clone(), &yaml)
    }

    /// Replace a section's content (the text after its heading line). A
    /// missing section is created in its canonical place. Only that range
    /// of bytes changes.
    pub fn set(&mut self, kind: Sec, content: &str) {
        let content = self.lf(content);
        let mut content = content.trim_end_matches('\n').to_string();
        content.push('\n');
        match self.section(kind) {
            Some(s) => {
                let r = s.content.clone();
                let old = &self.text[r.clone()];
                // Keep the blank lines that separated this section from the
                // next heading, so spacing elsewhere is unchanged.
                let old_trail = &old[old.trim_end_matches(['\n', '\r']).len()..];
                let body_trail = if r.end < self.len() {
                    // What follows the old content's own line end.
                    match old_trail.find('\n').map(|i| &old_trail[i + 1..]) {
                        Some(t) if !t.is_empty() => t.to_string(),
                        _ => "\n".to_string(),
                    }
                } else {
                    String::new()
                };
                let body = if content.trim().is_empty() {
                    ""
                } else {
                    &content
                };
                // A heading on the file's last line may have no newline;
                // the content must start on a line of its own.
                let lead = if !body.is_empty() && self.joins_line(r.start) {
                    "\n"
                } else {
                    ""
                };
                let new = self.eol(&format!("{lead}{body}{body_trail}"));
                if new != old {
                    self.replace_body(r, &new);
                }
            }
            None => self.insert_section(kind, &content),
        }
    }

    /// Append a block at the end of a section's content (before its trailing
    /// blank lines). Nothing else in the section moves.
    pub fn append(&mut self, kind: Sec, block: &str) {
        let block = self.lf(block);
        let mut block = block.trim_end_matches('\n').to_string();
        block.push('\n');
        match self.section(kind) {
            Some(s) => {
                let content = &self.text[s.content.clone()];
                let keep = content.trim_end_matches(['\n', '\r', ' ', '\t']).len();
                let at = s.content.start + keep;
                // A first line of only `-` or `=` right under text would turn that
                // text into a setext heading; keep them apart.
                let first = block.lines().next().unwrap_or("").trim();
                let underline = !first.is_empty()
                    && (first.chars().all(|c| c == '-' || c == ' ')
                        || first.chars().all(|c| c == '='));
                // The block starts on a line of its own: after the last
                // text, or after a heading line that has no newline (the
                // file's last line).
                let prefix = match (keep == 0, underline) {
                    (true, _) if self.joins_line(at) => "\n",
                    (true, _) => "",
                    (false, true) => "\n\n",
                    (false, false) => "\n",
                };
                // Replace the trailing whitespace with our block plus the same
                // separation as before.
                let trail = &content[keep..];
                let sep = match trail.matches('\n').count() {
                    0 | 1 => String::new(),
                    n => "\n".repeat(n - 1),
                };
                let sep = if s.content.end < self.len() && sep.is_empty() {
                    "\n".into()
                } else {
                    sep
                };
                let with = self.eol(&format!("{prefix}{block}{sep}"));
                self.replace_body(at..s.content.end, &with);
            }
            None => self.insert_section(kind, &block),
        }
    }

    /// Does the document end its lines with CRLF? Judged by its first line
    /// (the opening frontmatter fence), which every document has.
    fn crlf(&self) -> bool {
        self.text.starts_with("---\r\n")
    }

    /// Text the tool is about to write, with the document's line endings:
    /// the section editors work in `\n`, and a CRLF document keeps CRLF in
    /// the lines they write.
    fn eol(&self, t: &str) -> String {
        if self.crlf() {
            t.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            t.to_string()
        }
    }

    /// Text given to an editor, in `\n` line endings (as `eol` expects).
    fn lf<'a>(&self, t: &'a str) -> std::borrow::Cow<'a, str> {
        if self.crlf() && t.contains('\r') {
            t.replace("\r\n", "\n").into()
        } else {
            t.into()
        }
    }

    /// Would text inserted at `at` continue the line before it (that line
    /// has no newline yet)?
    fn joins_line(&self, at: usize) -> bool {
        at > 0 && self.text.as_bytes()[at - 1] != b'\n'
    }

    fn insert_section(&mut self, kind: Sec, content: &str) {
        let heading = format!("## {}\n", kind.heading());
        let before = self
            .sections
            .iter()
            .rfind(|s| s.kind.is_some_and(|k| k < kind));
        let after = self
            .sections
            .iter()
            .find(|s| s.kind.is_some_and(|k| k > kind));
        let at = match (before, after) {
            (Some(b), _) => b.range.end,
            (None, Some(a)) => a.range.start,
            (None, None) => self.text.len(),
        };
        let mut with = String::new();
        let pre = &self.text[..at];
        // End the line before first (a closing fence `---` or any last line
        // with no newline), so the heading, or a fence closed for it below,
        // starts a line of its own.
        let lead = if self.joins_line(at) { "\n" } else { "" };
        // Then a blank line between sections.
        let blank_before = pre.ends_with("\n\n") || pre.ends_with("\n\r\n");
        if at > self.body_start && !blank_before {
            with.push('\n');
        }
        with.push_str(&heading);
        with.push_str(content);
        if at < self.text.len() {
            with.push('\n');
        }
        // A file that ends inside an unclosed code fence would swallow the
        // new heading; close the fence first (the fence kind is whichever
        // makes the heading a heading again).
        for close in ["", "```\n", "~~~\n", "````\n", "~~~~\n", "`````\n"] {
            let mut trial = self.clone();
            trial.replace_body(at..at, &self.eol(&format!("{lead}{close}{with}")));
            if trial.section(kind).is_some() {
                *self = trial;
                return;
            }
        }
        self.replace_body(at..at, &self.eol(&format!("{lead}{with}")));
    }
}

/// Text that cannot change the block structure around it: no heading,
/// fence, setext underline, HTML block or thematic break lines, and it ends
/// at a line boundary. Edits of such text inside a section keep every
/// section boundary where it was.
fn inert(t: &str) -> bool {
    if !(t.is_empty() || t.ends_with('\n')) {
        return false;
    }
    // One search of the whole text instead of four per line: these
    // markers are rare, and a line can only contain one the text contains.
    let html = ["-->", "?>", "]]>", "</"].iter().any(|m| t.contains(m));
    t.lines().all(|l| {
        let x = l.trim_start_matches(' ');
        let indent = l.len() - x.len();
        if indent >= 4 {
            return true;
        }
        let first = x.chars().next();
        match first {
            None => true,
            // Level-3 and deeper headings (or seven-hash paragraphs) never
            // start or end a level-1/2 section.
            Some('#') if x.starts_with("###") => !(html && (x.contains("-->") || x.contains("</"))),
            Some('#') | Some('<') | Some('`') | Some('~') | Some('=') => false,
            _ if html
                && (x.contains("-->")
                    || x.contains("?>")
                    || x.contains("]]>")
                    || x.contains("</")) =>
            {
                false
            }
            Some('-') | Some('*') | Some('_') => {
                // A list item with words is fine; a line of only these
                // characters is an underline or a thematic break.
                !x.chars()
                    .all(|c| c == '-' || c == '*' || c == '_' || c == ' ')
            }
            Some(_) => true,
        }
    })
}

/// A cached structure must describe this text: contiguous sections that
/// start at heading lines and end at the end of the file.
fn structure_plausible(text: &str, body_start: usize, known: &[Section]) -> bool {
    let mut prev: Option<usize> = None;
    for s in known {
        let bounds_ok = s.range.start >= body_start
            && prev.is_none_or(|p| p == s.range.start)
            && well_formed(s)
            && s.range.end <= text.len()
            && text.is_char_boundary(s.range.start)
            && text.is_char_boundary(s.content.start)
            && text.is_char_boundary(s.range.end);
        if !bounds_ok {
            return false;
        }
        if !heading_at(&text[s.range.start..]) {
            return false;
        }
        prev = Some(s.range.end);
    }
    known.last().is_none_or(|s| s.range.end == text.len())
}

/// A section's ranges in order: heading, then content running to its end.
fn well_formed(s: &Section) -> bool {
    s.range.start <= s.content.start
        && s.content.start <= s.content.end
        && s.content.end == s.range.end
}

/// Does `t` start with a heading line (ATX `#`, or a line underlined with
/// `=` or `-`)?
fn heading_at(t: &str) -> bool {
    let mut lines = t.lines();
    let atx = lines
        .next()
        .is_some_and(|l| l.trim_start_matches(' ').starts_with('#'));
    let setext = lines.next().is_some_and(|l| {
        let t = l.trim();
        !t.is_empty() && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
    });
    atx || setext
}

/// The frontmatter of a document: where the YAML is, where the body
/// starts, and the validated keys. The body is not looked at, so listing
/// sessions costs only this.
pub fn parse_front(
    path: &Path,
    text: &str,
) -> Result<(Range<usize>, usize, Frontmatter), DocError> {
    let (yaml, body_start) = match split_frontmatter(text) {
        Ok(Some(v)) => v,
        // Some editors save a byte-order mark first: say so, since the
        // `---` line is there and the file looks right in an editor.
        Ok(None) if text.starts_with('\u{feff}') => {
            return Err(parse_err(
                path,
                1,
                "the file starts with a byte-order mark (U+FEFF) before its '---' line; save it as UTF-8 without a BOM",
            ));
        }
        Ok(None) => {
            return Err(parse_err(
                path,
                1,
                "no YAML frontmatter (the file must start with a '---' line)",
            ));
        }
        Err(line) => {
            return Err(parse_err(
                path,
                line,
                "the frontmatter fence '---' opened here is never closed",
            ));
        }
    };
    let front: Frontmatter = if text[yaml.clone()].trim().is_empty() {
        Frontmatter::default()
    } else if let Some(f) = frontmatter::quick_parse(&text[yaml.clone()]) {
        f
    } else {
        serde_saphyr::from_str(&text[yaml.clone()]).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line() as usize) + 1;
            let msg = e.to_string();
            let msg = msg.lines().next().unwrap_or("invalid YAML").to_string();
            parse_err(path, line, format!("invalid YAML frontmatter: {msg}"))
        })?
    };
    let id = front.id.as_deref().unwrap_or("");
    if crate::names::validate("id", id).is_err() {
        return Err(parse_err(
            path,
            2,
            format!("frontmatter 'id' is missing or invalid ({id:?})"),
        ));
    }
    let short = front.shortname.as_deref().unwrap_or("");
    if crate::names::validate("shortname", short).is_err() {
        return Err(parse_err(
            path,
            2,
            format!("frontmatter 'shortname' is missing or invalid ({short:?})"),
        ));
    }
    Ok((yaml, body_start, front))
}

/// Level-1 and level-2 headings of the body, found by pulldown-cmark.
/// Only top-level headings count: a `## Decisions` inside a blockquote or
/// a list item is part of that container's text, not a section boundary
/// (editing "its" section would write into the middle of someone's list).
fn scan_sections(text: &str, body_start: usize) -> Vec<Section> {
    let body = &text[body_start..];
    let mut heads: Vec<(u8, Range<usize>, String)> = Vec::new();
    let mut current: Option<(u8, Range<usize>, String)> = None;
    // How many blocks are open around the next event: a heading starting
    // at depth 0 is a top-level block.
    let mut depth = 0usize;
    for (ev, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H2 && depth == 0 => {
                depth += 1;
                let l = if level == HeadingLevel::H1 { 1 } else { 2 };
                current = Some((l, range, String::new()));
            }
            Event::Start(_) => depth += 1,
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if matches!(end, TagEnd::Heading(_))
                    && depth == 0
                    && let Some(h) = current.take()
                {
                    heads.push(h);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, s)) = current.as_mut() {
                    s.push_str(&t);
                }
            }
            _ => {}
        }
    }
    let line_start = |i: usize| body[..i].rfind('\n').map_or(0, |p| p + 1);
    let line_end = |i: usize| body[i..].find('\n').map_or(body.len(), |p| i + p + 1);
    let mut out = Vec::with_capacity(heads.len());
    for (i, (level, r, title)) in heads.iter().enumerate() {
        let start = line_start(r.start);
        let content_start = line_end(r.end.saturating_sub(1).max(r.start));
        let end = heads
            .get(i + 1)
            .map_or(body.len(), |(_, n, _)| line_start(n.start));
        let kind = if *level == 2 {
            Sec::from_title(title)
        } else {
            None
        };
        out.push(Section {
            level: *level,
            title: title.clone(),
            kind,
            range: body_start + start..body_start + end,
            content: body_start + content_start.min(end)..body_start + end,
        });
    }
    // A canonical title used twice: only the first one is that section.
    let mut seen = Vec::new();
    for s in &mut out {
        if let Some(k) = s.kind {
            if seen.contains(&k) {
                s.kind = None;
            } else {
                seen.push(k);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
