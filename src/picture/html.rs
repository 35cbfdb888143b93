//! The report page: one self-contained HTML file. The charts are inline
//! SVG, the stylesheet is inline, and nothing is fetched or run, so the
//! file reads the same offline, from a mail attachment or years later.
//! Light and dark follow the reader's system setting.

use std::fmt::Write;

use super::data::{Conversation, MarkKind, Picture};
use super::svg::{self, esc};
use crate::clock;
use crate::usage::thousands;

/// Most files and days drawn (all are in `--json`).
const MOST_FILES: usize = 15;
const MOST_DAYS: usize = 45;

const STYLE: &str = r#"
:root { color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2330; --muted: #5d6778; --rule: #e3e6eb; --panel: #f6f7f9;
  --usage: #2563eb; --area: rgba(37, 99, 235, 0.12);
  --caution: #ca8a04; --warning: #ea580c; --critical: #dc2626; --window: #1d2330;
  --compaction: #7c3aed; --inject: #059669;
  --done: #16a34a; --current: #2563eb; --open: #94a3b8;
  --decision: #7c3aed; --discovery: #0891b2; --blocker: #dc2626; --resolved: #16a34a;
  --sitting: #64748b; --commit: #b45309; --bar: #3b82f6; }
@media (prefers-color-scheme: dark) { :root {
  --bg: #0f1419; --fg: #e3e6ea; --muted: #98a2b3; --rule: #2a3039; --panel: #161c23;
  --usage: #60a5fa; --area: rgba(96, 165, 250, 0.16);
  --caution: #facc15; --warning: #fb923c; --critical: #f87171; --window: #e3e6ea;
  --compaction: #a78bfa; --inject: #34d399;
  --done: #4ade80; --current: #60a5fa; --open: #64748b;
  --decision: #a78bfa; --discovery: #22d3ee; --blocker: #f87171; --resolved: #4ade80;
  --sitting: #94a3b8; --commit: #fbbf24; --bar: #60a5fa; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1000px; padding: 24px 20px 48px; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 36px 0 4px; padding-top: 12px; border-top: 1px solid var(--rule); }
h3 { font-size: 1em; margin: 20px 0 2px; }
p, li { color: var(--fg); }
.muted, figcaption { color: var(--muted); font-size: 0.9em; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 12px 0 0; padding: 0; list-style: none; }
.facts li { background: var(--panel); border-radius: 6px; padding: 6px 12px; }
.facts b { font-size: 1.15em; }
.note { background: var(--panel); border-left: 3px solid var(--warning); padding: 6px 12px; margin: 8px 0; }
figure { margin: 8px 0 16px; }
svg.chart { width: 100%; height: auto; display: block; font-size: 12px; }
svg.chart text { fill: var(--muted); }
.grid line { stroke: var(--rule); stroke-width: 1; }
.ylabel { text-anchor: end; }
.window line { stroke: var(--window); stroke-width: 1.5; }
.window text { fill: var(--fg); }
.level line { stroke-width: 1.2; stroke-dasharray: 6 4; }
.level.caution line { stroke: var(--caution); } .level.caution text { fill: var(--caution); }
.level.warning line { stroke: var(--warning); } .level.warning text { fill: var(--warning); }
.level.critical line { stroke: var(--critical); } .level.critical text { fill: var(--critical); }
.area { fill: var(--area); stroke: none; }
.usage { fill: none; stroke: var(--usage); stroke-width: 2; stroke-linejoin: round; }
.points circle { fill: var(--usage); stroke: var(--bg); stroke-width: 1; }
.points circle:hover { r: 5; }
.compaction line { stroke: var(--compaction); stroke-width: 1.5; stroke-dasharray: 3 3; }
.compaction circle { fill: var(--compaction); }
svg.chart .compaction text { fill: var(--compaction); font-weight: 600; }
.inject line { stroke: var(--inject); stroke-width: 1; stroke-dasharray: 2 3; }
.inject path { fill: var(--inject); }
.gap rect { fill: var(--panel); stroke: var(--warning); stroke-dasharray: 5 4; }
svg.chart .gap text { fill: var(--fg); text-anchor: middle; }
.xaxis text { text-anchor: middle; }
.xaxis text.start { text-anchor: start; } .xaxis text.end { text-anchor: end; }
.xaxis line { stroke: var(--muted); }
.caption { font-style: italic; }
.lanes line { stroke: var(--rule); stroke-dasharray: 2 4; }
.lanes text, .step text, .file .name, .day .name, .more { text-anchor: end; }
svg.chart .step text { fill: var(--fg); }
.step rect { fill: var(--open); }
.step.done rect { fill: var(--done); }
.step.current rect { fill: var(--current); stroke: var(--fg); stroke-width: 1.5; }
svg.chart .step.current text { font-weight: 700; fill: var(--current); }
.mark.decision * { fill: var(--decision); }
.mark.discovery * { fill: var(--discovery); }
.mark.blocker * { fill: var(--blocker); }
.mark.resolved * { fill: var(--resolved); }
.mark.pause *, .mark.resume *, .mark.close * { fill: var(--sitting); }
.mark.compaction * { fill: var(--compaction); }
.sitting { stroke: var(--sitting); stroke-width: 1; stroke-dasharray: 1 3; }
.break rect { fill: var(--panel); }
.break text { text-anchor: middle; }
.commit circle { fill: var(--commit); }
svg.chart .commit text { fill: var(--commit); font-family: ui-monospace, monospace; }
.commit text.end { text-anchor: end; }
.file rect, .day rect { fill: var(--bar); }
svg.chart .file .name, svg.chart .day .name { fill: var(--fg); }
.file .name { font-family: ui-monospace, monospace; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 4px 0; padding: 0; list-style: none; font-size: 0.9em; color: var(--muted); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
code { font-family: ui-monospace, monospace; font-size: 0.92em; }
"#;

/// A chart section's opening: its heading, one line on how to read it,
/// and the legend of its colours.
fn section_head(id: &str, title: &str, blurb: &str, items: &[(&str, &str)]) -> String {
    format!(
        r#"<section id="{id}"><h2>{title}</h2><p class="muted">{blurb}</p>{}"#,
        legend(items)
    )
}

fn legend(items: &[(&str, &str)]) -> String {
    let mut o = String::from(r#"<ul class="legend">"#);
    for (var, label) in items {
        let _ = write!(
            o,
            r#"<li><i style="background: var(--{var})"></i>{}</li>"#,
            esc(label)
        );
    }
    o.push_str("</ul>");
    o
}

fn conversation_section(c: &Conversation, thresholds: &[u8]) -> String {
    let s = &c.series;
    let mut o = format!(
        "<h3>{} <code>{}</code></h3>",
        crate::agents::Agent::of_conversation(&c.claude_session).conversation(),
        esc(&c.claude_session)
    );
    let mut facts = vec![format!(
        "window {} tokens{}",
        thousands(c.window),
        c.model
            .as_deref()
            .map(|m| format!(" ({})", esc(m)))
            .unwrap_or_default()
    )];
    if let Some(last) = s.replies.last() {
        facts.push(format!(
            "now {} tokens ({:.1}%)",
            thousands(last.tokens),
            crate::usage::percent(last.tokens, c.window)
        ));
    }
    if let Some(peak) = s.replies.iter().map(|r| r.tokens).max() {
        facts.push(format!(
            "peak {} ({:.1}%)",
            thousands(peak),
            crate::usage::percent(peak, c.window)
        ));
    }
    facts.push(format!(
        "{} compaction{}",
        s.compactions.len(),
        if s.compactions.len() == 1 { "" } else { "s" }
    ));
    facts.push(format!(
        "resume context injected {} time{}",
        s.injections.len(),
        if s.injections.len() == 1 { "" } else { "s" }
    ));
    let _ = write!(o, r#"<p class="muted">{}</p>"#, facts.join(" · "));
    if s.replies.is_empty() {
        // The chart is the note.
        let _ = write!(o, "<figure>{}</figure>", svg::context_chart(c, thresholds));
        return o;
    }
    let _ = write!(
        o,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        svg::context_chart(c, thresholds),
        match (&c.transcript, s.whole_file) {
            (Some(t), true) => format!("From {} (read whole).", esc(t)),
            (Some(t), false) => format!(
                "From {}, read from its end back to the session's start ({} of {} bytes).",
                esc(t),
                thousands(s.bytes_read),
                thousands(s.file_len)
            ),
            (None, _) => String::new(),
        }
    );
    o
}

/// The whole page.
pub fn page(p: &Picture) -> String {
    let h = &p.session;
    let tl = &p.timeline;
    let done = tl.steps.iter().filter(|s| s.done.is_some()).count();
    let total = tl.steps.len() + tl.remaining.len();
    let count = |k: MarkKind| tl.marks.iter().filter(|m| m.kind == k).count();
    let span = match (
        tl.start.as_deref().and_then(clock::parse),
        tl.end.as_deref().and_then(clock::parse),
    ) {
        (Some(a), Some(b)) => format!(
            "{} to {} UTC",
            a.format("%Y-%m-%d %H:%M"),
            b.format("%Y-%m-%d %H:%M")
        ),
        _ => "no events yet".into(),
    };
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="session-hook {}">
<title>{} · session report</title>
<style>{STYLE}</style></head>
<body>
<header><h1>{}</h1>
<p class="muted"><code>{}</code> · {} · {} · report written {}</p>
<ul class="facts"><li><b>{done}/{total}</b> steps done</li>{}</ul>
</header>
"#,
        env!("CARGO_PKG_VERSION"),
        esc(&h.title),
        esc(&h.title),
        esc(&h.shortname),
        esc(&h.status),
        esc(&span),
        esc(&p.generated_at),
        [
            (count(MarkKind::Decision), "decision", "decisions"),
            (count(MarkKind::Discovery), "discovery", "discoveries"),
            (count(MarkKind::Blocker), "blocker", "blockers"),
            (count(MarkKind::Compaction), "compaction", "compactions"),
            (count(MarkKind::Pause), "pause", "pauses"),
            (p.work.files.len(), "file edited", "files edited"),
        ]
        .iter()
        .map(|(n, one, many)| format!("<li><b>{n}</b> {}</li>", if *n == 1 { one } else { many }))
        .collect::<String>(),
    );
    for n in &p.notes {
        let _ = write!(o, r#"<p class="note">{}</p>"#, esc(n));
    }
    o.push_str(&section_head(
        "context",
        "Context over time",
        "Tokens in the context at each reply, against the window and the warning levels. Hover a point, a compaction or a marker for details.",
        &[
        ("usage", "tokens in context"),
        ("caution", "caution"),
        ("warning", "warning"),
        ("critical", "critical"),
        ("compaction", "compaction (before → after)"),
        ("inject", "resume context injected"),
        ],
    ));
    if p.conversations.is_empty() {
        o.push_str(r#"<p class="note">No Claude conversation is bound to this session yet.</p>"#);
    }
    for c in &p.conversations {
        o.push_str(&conversation_section(c, &p.thresholds));
    }
    o.push_str("</section>\n");
    o.push_str(&section_head(
        "timeline",
        "Timeline",
        "Steps from start to done; the current step is outlined. Idle stretches of more than 90 minutes are squeezed (⋯). Hover for the entry.",
        &[
        ("done", "done"),
        ("current", "current"),
        ("open", "started, not done"),
        ("decision", "decision ◆"),
        ("discovery", "discovery ●"),
        ("blocker", "blocker ▲"),
        ("resolved", "resolved ■"),
        ("sitting", "pause ‖ / resume ▶"),
        ("compaction", "compaction ▼"),
        ("commit", "commit at a pause"),
        ],
    ));
    let _ = write!(o, "<figure>{}</figure>", svg::timeline_chart(&p.timeline));
    if !tl.remaining.is_empty() {
        o.push_str("<p class=\"muted\">Not started yet:</p><ul>");
        for r in &tl.remaining {
            let _ = write!(o, "<li>{}</li>", esc(r));
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>\n");
    o.push_str(r#"<section id="work"><h2>Where the work went</h2><h3>Files by edits</h3>"#);
    let _ = write!(
        o,
        "<figure>{}</figure>",
        svg::files_chart(&p.work.files, MOST_FILES)
    );
    o.push_str("<h3>Each day, first to last event (UTC)</h3>");
    let _ = write!(
        o,
        "<figure>{}</figure>",
        svg::days_chart(&p.work.days, MOST_DAYS)
    );
    o.push_str("</section>\n");
    let _ = write!(
        o,
        r#"<footer><p class="muted">Written by session-hook. The same data: <code>session-hook report html {} --json</code>.</p></footer>
</body></html>
"#,
        esc(&h.shortname)
    );
    o
}
