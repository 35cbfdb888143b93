//! The charts, as inline SVG: pure functions of the report's data. Colours
//! come from the page's stylesheet through class names, so one drawing
//! serves the light and the dark theme. Every text from the session goes
//! through [`esc`]; hover text is an SVG `<title>`, which needs no script.

use std::fmt::Write;

use chrono::{DateTime, Duration, Utc};

use super::data::{Conversation, Day, FileEdits, MarkKind, Timeline};
use crate::clock;
use crate::usage::thousands;

/// Text for HTML and SVG: `&`, `<`, `>` and both quotes escaped.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            // Control characters are not allowed in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// `1.2M`, `150k`, `950`.
pub fn tokens_short(n: u64) -> String {
    if n >= 1_000_000 {
        let m = n as f64 / 1_000_000.0;
        if m.fract() == 0.0 {
            format!("{m:.0}M")
        } else {
            format!("{m:.1}M")
        }
    } else if n >= 1000 {
        format!("{}k", (n as f64 / 1000.0).round() as u64)
    } else {
        n.to_string()
    }
}

/// At most `n` characters, with `…` when cut.
fn cut(s: &str, n: usize) -> String {
    let one = s.lines().next().unwrap_or("");
    if one.chars().count() <= n && one.len() == s.trim_end().len() {
        return one.to_string();
    }
    let mut o: String = one.chars().take(n.saturating_sub(1)).collect();
    o.push('…');
    o
}

/// A path cut from the left, so the file name stays.
fn cut_left(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let tail: String = s.chars().skip(count - (n - 1)).collect();
    format!("…{tail}")
}

fn f(v: f64) -> String {
    // One decimal is finer than a pixel; trailing zeros are noise.
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn hm(t: DateTime<Utc>) -> String {
    t.format("%H:%M").to_string()
}

fn day_hm(t: DateTime<Utc>) -> String {
    t.format("%b %-d %H:%M").to_string()
}

fn title(s: &str) -> String {
    format!("<title>{}</title>", esc(s))
}

const CTX_W: f64 = 960.0;
const CTX_H: f64 = 300.0;

/// Context over time for one conversation: tokens per reply (by reply
/// order; times on the axis), the window, the warning levels, each
/// compaction (pre → post) and each resume injection.
pub fn context_chart(c: &Conversation, thresholds: &[u8]) -> String {
    let (l, r, t, b) = (64.0, 92.0, 18.0, 44.0);
    let (pw, ph) = (CTX_W - l - r, CTX_H - t - b);
    let s = &c.series;
    let n = s.replies.len();
    let mut o = String::new();
    if n == 0 {
        // A gap: the note says why, in place of the chart.
        let note = c.note.as_deref().unwrap_or("no replies");
        let _ = write!(
            o,
            r#"<svg class="chart context" viewBox="0 0 {CTX_W} 56" role="img">{}<g class="gap"><rect x="{}" y="6" width="{}" height="44"/><text x="{}" y="33">{}</text></g></svg>"#,
            title(note),
            f(l),
            f(pw),
            f(l + pw / 2.0),
            esc(&cut(note, 120)),
        );
        return o;
    }
    let _ = write!(
        o,
        r#"<svg class="chart context" viewBox="0 0 {CTX_W} {CTX_H}" role="img">{}"#,
        title(&format!(
            "Context of {} {}",
            crate::agents::Agent::of_conversation(&c.claude_session).conversation(),
            c.claude_session
        ))
    );
    let peak = s
        .replies
        .iter()
        .map(|p| p.tokens)
        .chain(s.compactions.iter().filter_map(|c| c.facts.pre_tokens))
        .max()
        .unwrap_or(0);
    let top = c.window.max(peak).max(1) as f64;
    let y = |v: f64| t + ph - v / top * ph;
    let x = |i: f64| {
        if n <= 1 {
            l + pw / 2.0
        } else {
            l + i.clamp(0.0, (n - 1) as f64) / (n - 1) as f64 * pw
        }
    };
    // Grid: quarters of the window.
    o.push_str(r#"<g class="grid">"#);
    for q in 0..=4 {
        let v = c.window as f64 * q as f64 / 4.0;
        let _ = write!(
            o,
            r#"<line x1="{}" x2="{}" y1="{yy}" y2="{yy}"/><text class="ylabel" x="{}" y="{}">{}</text>"#,
            f(l),
            f(l + pw),
            f(l - 6.0),
            f(y(v) + 4.0),
            tokens_short(v as u64),
            yy = f(y(v)),
        );
    }
    o.push_str("</g>");
    // The window and the warning levels.
    let _ = write!(
        o,
        r#"<g class="window"><line x1="{}" x2="{}" y1="{yy}" y2="{yy}"/><text x="{}" y="{}">window {}</text></g>"#,
        f(l),
        f(l + pw),
        f(l + pw + 4.0),
        f(y(c.window as f64) + 4.0),
        tokens_short(c.window),
        yy = f(y(c.window as f64)),
    );
    let top_level = thresholds.iter().copied().max().unwrap_or(0);
    let second = thresholds.iter().copied().filter(|v| *v < top_level).max();
    for &th in thresholds {
        let level = if th == top_level {
            "critical"
        } else if Some(th) == second {
            "warning"
        } else {
            "caution"
        };
        let v = c.window as f64 * th as f64 / 100.0;
        let _ = write!(
            o,
            r#"<g class="level {level}"><line x1="{}" x2="{}" y1="{yy}" y2="{yy}"/><text x="{}" y="{}">{th}%</text>{}</g>"#,
            f(l),
            f(l + pw),
            f(l + pw + 4.0),
            f(y(v) + 4.0),
            title(&format!(
                "{th}% of the window: {} tokens ({level})",
                thousands(v as u64)
            )),
            yy = f(y(v)),
        );
    }
    // The usage line, at most two vertices per pixel column: the lowest
    // and highest reply drawn there, so peaks survive a long transcript.
    let cols = pw as usize;
    let mut pts: Vec<(f64, f64)> = Vec::new();
    if n <= cols {
        for (i, p) in s.replies.iter().enumerate() {
            pts.push((x(i as f64), y(p.tokens as f64)));
        }
    } else {
        for col in 0..cols {
            let a = col * n / cols;
            let z = ((col + 1) * n / cols).max(a + 1);
            let slice = &s.replies[a..z];
            let lo = slice.iter().map(|p| p.tokens).min().unwrap_or(0);
            let hi = slice.iter().map(|p| p.tokens).max().unwrap_or(0);
            let xx = l + col as f64 / (cols - 1) as f64 * pw;
            // Keep the order in which the column's values occurred.
            let first = slice[0].tokens;
            if first == hi {
                pts.push((xx, y(hi as f64)));
                pts.push((xx, y(lo as f64)));
            } else {
                pts.push((xx, y(lo as f64)));
                pts.push((xx, y(hi as f64)));
            }
        }
    }
    let mut line = String::new();
    for (i, (px, py)) in pts.iter().enumerate() {
        let _ = write!(
            line,
            "{}{},{}",
            if i == 0 { "M" } else { "L" },
            f(*px),
            f(*py)
        );
    }
    let base = f(y(0.0));
    let _ = write!(
        o,
        r#"<path class="area" d="{line}L{},{base}L{},{base}Z"/><path class="usage" d="{line}"/>"#,
        f(pts.last().map_or(l, |p| p.0)),
        f(pts.first().map_or(l, |p| p.0)),
    );
    // Hover on every reply while they are few enough to tell apart.
    if n <= 150 {
        o.push_str(r#"<g class="points">"#);
        for (i, p) in s.replies.iter().enumerate() {
            let when =
                p.at.as_deref()
                    .and_then(clock::parse)
                    .map(day_hm)
                    .unwrap_or_else(|| "time unknown".into());
            let _ = write!(
                o,
                r#"<circle cx="{}" cy="{}" r="3">{}</circle>"#,
                f(x(i as f64)),
                f(y(p.tokens as f64)),
                title(&format!(
                    "Reply {} at {when}: {} tokens ({:.1}% of {})",
                    i + 1,
                    thousands(p.tokens),
                    crate::usage::percent(p.tokens, c.window),
                    thousands(c.window)
                ))
            );
        }
        o.push_str("</g>");
    }
    for (k, cp) in s.compactions.iter().enumerate() {
        let cx = x(cp.after_replies as f64 - 0.5);
        let mut text = format!("Compaction {}", k + 1);
        if let Some(tr) = &cp.facts.trigger {
            text.push_str(&format!(" ({tr})"));
        }
        if let Some(at) = cp.facts.at.as_deref().and_then(clock::parse) {
            text.push_str(&format!(" at {}", day_hm(at)));
        }
        let pre = cp.facts.pre_tokens.map(thousands).unwrap_or("?".into());
        let post = cp.facts.post_tokens.map(thousands).unwrap_or("?".into());
        text.push_str(&format!(": {pre} → {post} tokens"));
        let _ = write!(
            o,
            r#"<g class="compaction"><line x1="{cx}" x2="{cx}" y1="{}" y2="{}"/>"#,
            f(t),
            f(t + ph),
            cx = f(cx),
        );
        for v in [cp.facts.pre_tokens, cp.facts.post_tokens]
            .into_iter()
            .flatten()
        {
            let _ = write!(
                o,
                r#"<circle cx="{}" cy="{}" r="4"/>"#,
                f(cx),
                f(y(v as f64))
            );
        }
        let label = match (cp.facts.pre_tokens, cp.facts.post_tokens) {
            (Some(a), Some(b)) => format!("{}→{}", tokens_short(a), tokens_short(b)),
            (Some(a), None) => format!("{}→?", tokens_short(a)),
            _ => "compacted".into(),
        };
        let _ = write!(
            o,
            r#"<text x="{}" y="{}">{}</text>{}</g>"#,
            f(cx + 4.0),
            f(t + 12.0 + (k % 2) as f64 * 13.0),
            esc(&label),
            title(&text)
        );
    }
    for inj in &s.injections {
        let ix = x(inj.after_replies as f64 - 0.5);
        let yb = t + ph;
        let when = inj
            .at
            .as_deref()
            .and_then(clock::parse)
            .map(|t| format!(" at {}", day_hm(t)))
            .unwrap_or_default();
        let by = inj.event.as_deref().unwrap_or("a hook");
        let _ = write!(
            o,
            r#"<g class="inject"><line x1="{ix}" x2="{ix}" y1="{}" y2="{}"/><path d="M{ix},{}l-6,10h12z"/>{}</g>"#,
            f(t),
            f(yb),
            f(yb - 10.0),
            title(&format!("Resume context injected{when} (by {by})")),
            ix = f(ix),
        );
    }
    // Time labels under a few replies.
    o.push_str(r#"<g class="xaxis">"#);
    let ticks = 6.min(n);
    let mut last_day = String::new();
    for k in 0..ticks {
        let i = if ticks == 1 {
            0
        } else {
            k * (n - 1) / (ticks - 1)
        };
        let Some(at) = s.replies[i].at.as_deref().and_then(clock::parse) else {
            continue;
        };
        let day = at.format("%b %-d").to_string();
        let label = if day != last_day { day_hm(at) } else { hm(at) };
        last_day = day;
        let _ = write!(
            o,
            r#"<text x="{}" y="{}">{}</text>"#,
            f(x(i as f64)),
            f(t + ph + 18.0),
            esc(&label)
        );
    }
    let _ = write!(
        o,
        r#"<text class="caption" x="{}" y="{}">{} repl{} in order</text></g></svg>"#,
        f(l + pw / 2.0),
        f(t + ph + 36.0),
        thousands(n as u64),
        if n == 1 { "y" } else { "ies" }
    );
    o
}

/// Times mapped onto the x axis, with idle stretches longer than `GAP`
/// squeezed into a fixed-width break, so a session that spans nights is
/// still readable.
pub struct TimeAxis {
    /// `(from, to, x from, x to)` for each stretch of activity.
    segs: Vec<(DateTime<Utc>, DateTime<Utc>, f64, f64)>,
}

const GAP_MINUTES: i64 = 90;
const BREAK_W: f64 = 26.0;
const MIN_SEG_W: f64 = 14.0;

impl TimeAxis {
    pub fn new(mut times: Vec<DateTime<Utc>>, x0: f64, x1: f64) -> TimeAxis {
        times.sort();
        times.dedup();
        let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for t in times {
            match spans.last_mut() {
                Some((_, e)) if t - *e <= Duration::minutes(GAP_MINUTES) => *e = t,
                _ => spans.push((t, t)),
            }
        }
        let k = spans.len() as f64;
        let total: i64 = spans.iter().map(|(a, b)| (*b - *a).num_seconds()).sum();
        let free = (x1 - x0 - (k - 1.0).max(0.0) * BREAK_W - k * MIN_SEG_W).max(0.0);
        let mut x = x0;
        let mut segs = Vec::new();
        for (a, b) in spans {
            let share = if total > 0 {
                (b - a).num_seconds() as f64 / total as f64
            } else {
                1.0 / k
            };
            let w = MIN_SEG_W + free * share;
            segs.push((a, b, x, x + w));
            x += w + BREAK_W;
        }
        TimeAxis { segs }
    }

    pub fn x(&self, t: DateTime<Utc>) -> f64 {
        let Some(first) = self.segs.first() else {
            return 0.0;
        };
        if t <= first.0 {
            return first.2;
        }
        for (i, &(a, b, x0, x1)) in self.segs.iter().enumerate() {
            if t <= b {
                if t >= a {
                    let d = (b - a).num_seconds();
                    return if d == 0 {
                        (x0 + x1) / 2.0
                    } else {
                        x0 + (t - a).num_seconds() as f64 / d as f64 * (x1 - x0)
                    };
                }
                // Inside the break before this stretch.
                let (_, pb, _, px1) = self.segs[i - 1];
                let frac = (t - pb).num_seconds() as f64 / (a - pb).num_seconds().max(1) as f64;
                return px1 + frac * (x0 - px1);
            }
        }
        self.segs.last().map_or(0.0, |s| s.3)
    }

    /// The breaks: `(x from, x to, idle seconds)`.
    pub fn breaks(&self) -> Vec<(f64, f64, i64)> {
        self.segs
            .windows(2)
            .map(|w| (w[0].3, w[1].2, (w[1].0 - w[0].1).num_seconds()))
            .collect()
    }
}

/// Most step rows drawn; the rest are counted (all are in `--json`).
const MAX_STEP_ROWS: usize = 40;

fn mark_shape(kind: MarkKind, x: f64, y: f64) -> String {
    match kind {
        MarkKind::Decision => format!(r#"<path d="M{},{}l6,6l-6,6l-6,-6z"/>"#, f(x), f(y - 6.0)),
        MarkKind::Discovery => format!(r#"<circle cx="{}" cy="{}" r="5"/>"#, f(x), f(y)),
        MarkKind::Blocker => format!(r#"<path d="M{},{}l6,11h-12z"/>"#, f(x), f(y - 6.0)),
        MarkKind::Resolved => format!(
            r#"<rect x="{}" y="{}" width="9" height="9"/>"#,
            f(x - 4.5),
            f(y - 4.5)
        ),
        MarkKind::Pause => format!(
            r#"<rect x="{}" y="{}" width="3" height="11"/><rect x="{}" y="{}" width="3" height="11"/>"#,
            f(x - 4.0),
            f(y - 5.5),
            f(x + 1.0),
            f(y - 5.5)
        ),
        MarkKind::Resume => format!(r#"<path d="M{},{}l10,6l-10,6z"/>"#, f(x - 4.0), f(y - 6.0)),
        MarkKind::Compaction => format!(r#"<path d="M{},{}h12l-6,11z"/>"#, f(x - 6.0), f(y - 5.0)),
        MarkKind::Close => format!(
            r#"<rect x="{}" y="{}" width="10" height="10" rx="2"/>"#,
            f(x - 5.0),
            f(y - 5.0)
        ),
    }
}

/// The session's timeline: steps as bars from start to done (the current
/// one highlighted), decisions, discoveries and blockers as marks, pauses,
/// resumes and compactions, and the commits the pause snapshots recorded.
pub fn timeline_chart(tl: &Timeline) -> String {
    let w = 960.0;
    let (label_w, right) = (250.0, 16.0);
    let (x0, x1) = (label_w, w - right);
    let parse = |s: &Option<String>| s.as_deref().and_then(clock::parse);
    let mut times: Vec<DateTime<Utc>> = Vec::new();
    times.extend(parse(&tl.start));
    times.extend(parse(&tl.end));
    times.extend(tl.marks.iter().filter_map(|m| clock::parse(&m.at)));
    times.extend(tl.commits.iter().filter_map(|c| clock::parse(&c.at)));
    for s in &tl.steps {
        times.extend(parse(&s.started));
        times.extend(parse(&s.done));
    }
    let end = parse(&tl.end).or_else(|| times.iter().max().copied());
    let axis = TimeAxis::new(times, x0, x1);
    let lanes = [
        "Decisions, findings, blockers",
        "Pauses, resumes, compactions",
        "Commits at pauses",
    ];
    let lane_h = 26.0;
    let top = 8.0;
    let steps_top = top + lanes.len() as f64 * lane_h + 10.0;
    let row_h = 22.0;
    let rows = tl.steps.len().min(MAX_STEP_ROWS);
    let more = tl.steps.len() - rows;
    let steps_h = (rows + usize::from(more > 0)).max(1) as f64 * row_h;
    let axis_y = steps_top + steps_h + 8.0;
    let h = axis_y + 30.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="chart timeline" viewBox="0 0 {w} {}" role="img">{}"#,
        f(h),
        title("The session's timeline")
    );
    // Lane labels and guides.
    o.push_str(r#"<g class="lanes">"#);
    for (i, name) in lanes.iter().enumerate() {
        let yy = top + i as f64 * lane_h + lane_h / 2.0;
        let _ = write!(
            o,
            r#"<line x1="{}" x2="{}" y1="{yy}" y2="{yy}"/><text x="{}" y="{}">{name}</text>"#,
            f(x0),
            f(x1),
            f(x0 - 8.0),
            f(yy + 4.0),
            yy = f(yy),
        );
    }
    o.push_str("</g>");
    // Pauses and resumes as lines through every row, so a step's bar shows
    // which sittings it spanned.
    for m in &tl.marks {
        if !matches!(m.kind, MarkKind::Pause | MarkKind::Resume) {
            continue;
        }
        let Some(t) = clock::parse(&m.at) else {
            continue;
        };
        let _ = write!(
            o,
            r#"<line class="sitting {}" x1="{xx}" x2="{xx}" y1="{}" y2="{}"/>"#,
            m.kind.word(),
            f(top),
            f(axis_y),
            xx = f(axis.x(t)),
        );
    }
    // Idle breaks.
    for (a, b, secs) in axis.breaks() {
        let _ = write!(
            o,
            r#"<g class="break"><rect x="{}" y="{}" width="{}" height="{}"/><text x="{}" y="{}">⋯</text>{}</g>"#,
            f(a + 3.0),
            f(top),
            f(b - a - 6.0),
            f(axis_y - top),
            f((a + b) / 2.0),
            f(axis_y - 4.0),
            title(&format!("{} with nothing logged", clock::duration(secs)))
        );
    }
    // Marks.
    for m in &tl.marks {
        let Some(t) = clock::parse(&m.at) else {
            continue;
        };
        let lane = match m.kind {
            MarkKind::Decision | MarkKind::Discovery | MarkKind::Blocker | MarkKind::Resolved => 0,
            _ => 1,
        };
        let yy = top + lane as f64 * lane_h + lane_h / 2.0;
        let _ = write!(
            o,
            r#"<g class="mark {}">{}{}</g>"#,
            m.kind.word(),
            mark_shape(m.kind, axis.x(t), yy),
            title(&format!("{} {}: {}", m.kind.word(), day_hm(t), m.text))
        );
    }
    // Commits.
    let few = tl.commits.len() <= 8;
    for c in &tl.commits {
        let Some(t) = clock::parse(&c.at) else {
            continue;
        };
        let yy = top + 2.0 * lane_h + lane_h / 2.0;
        let short: String = c.id.chars().take(7).collect();
        let mut text = format!("{short} at the pause of {}", day_hm(t));
        if let Some(b) = &c.branch {
            text.push_str(&format!(" on {b}"));
        }
        if let Some(msg) = &c.message {
            text.push_str(&format!(": {}", msg.trim()));
        }
        let _ = write!(
            o,
            r#"<g class="commit"><circle cx="{}" cy="{}" r="5"/>{}{}</g>"#,
            f(axis.x(t)),
            f(yy),
            if few {
                // Near the right edge the label goes to the left of its mark.
                let (class, dx) = if axis.x(t) + 60.0 > x1 {
                    (r#" class="end""#, -8.0)
                } else {
                    ("", 8.0)
                };
                format!(
                    r#"<text{class} x="{}" y="{}">{}</text>"#,
                    f(axis.x(t) + dx),
                    f(yy + 4.0),
                    esc(&short)
                )
            } else {
                String::new()
            },
            title(&text)
        );
    }
    // Steps.
    o.push_str(r#"<g class="steps">"#);
    for (i, s) in tl.steps.iter().take(rows).enumerate() {
        let yy = steps_top + i as f64 * row_h;
        let state = if s.current {
            "current"
        } else if s.done.is_some() {
            "done"
        } else {
            "open"
        };
        let a = parse(&s.started);
        let z = parse(&s.done).or(end);
        let mut hover = s.title.clone();
        match a {
            Some(a) => hover.push_str(&format!("\nstarted {} ({})", day_hm(a), s.started_from)),
            None => hover.push_str("\nstart unknown"),
        }
        match parse(&s.done) {
            Some(d) => hover.push_str(&format!("\ndone {}", day_hm(d))),
            None if s.current => hover.push_str("\ncurrent step, not done"),
            None => hover.push_str("\nnot done"),
        }
        if let (Some(a), Some(d)) = (a, parse(&s.done)) {
            hover.push_str(&format!(
                " after {}",
                clock::duration((d - a).num_seconds())
            ));
        }
        if let Some(c) = &s.commit {
            hover.push_str(&format!("\ncommit {c}"));
        }
        let _ = write!(
            o,
            r#"<g class="step {state}"><text x="{}" y="{}">{}</text>"#,
            f(x0 - 8.0),
            f(yy + row_h / 2.0 + 4.0),
            // Bold (current) text is wider: both fit the label column.
            esc(&cut(&s.title, if s.current { 30 } else { 34 })),
        );
        if let (Some(a), Some(z)) = (a, z) {
            let (xa, xz) = (axis.x(a), axis.x(z.max(a)));
            let _ = write!(
                o,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="3"/>"#,
                f(xa),
                f(yy + 4.0),
                f((xz - xa).max(4.0)),
                f(row_h - 8.0),
            );
        }
        let _ = write!(o, "{}</g>", title(&hover));
    }
    if more > 0 {
        let _ = write!(
            o,
            r#"<text class="more" x="{}" y="{}">… and {more} more step{} (all of them are in --json)</text>"#,
            f(x0 - 8.0),
            f(steps_top + rows as f64 * row_h + row_h / 2.0 + 4.0),
            if more == 1 { "" } else { "s" }
        );
    }
    if tl.steps.is_empty() {
        let _ = write!(
            o,
            r#"<text class="more" x="{}" y="{}">No step started yet</text>"#,
            f(x0 - 8.0),
            f(steps_top + row_h / 2.0 + 4.0)
        );
    }
    o.push_str("</g>");
    // The time axis: where each stretch of activity begins and ends.
    let _ = write!(
        o,
        r#"<g class="xaxis"><line x1="{}" x2="{}" y1="{yy}" y2="{yy}"/>"#,
        f(x0),
        f(x1),
        yy = f(axis_y),
    );
    let mut last_day = String::new();
    let mut last_x = f64::MIN;
    for &(a, b, xa, xb) in &axis.segs {
        for (t, xx) in [(a, xa), (b, xb)] {
            if xx - last_x < 80.0 {
                continue;
            }
            let day = t.format("%b %-d").to_string();
            let label = if day != last_day { day_hm(t) } else { hm(t) };
            last_day = day;
            last_x = xx;
            // The first and last labels stay inside the drawing.
            let anchor = if xx <= x0 + 40.0 {
                "start"
            } else if xx >= x1 - 40.0 {
                "end"
            } else {
                "middle"
            };
            let _ = write!(
                o,
                r#"<text class="{anchor}" x="{}" y="{}">{}</text>"#,
                f(xx),
                f(axis_y + 16.0),
                esc(&label)
            );
        }
    }
    o.push_str("</g></svg>");
    o
}

/// Files by number of edits, most edited first.
pub fn files_chart(files: &[FileEdits], most: usize) -> String {
    let w = 960.0;
    let (x0, x1) = (330.0, w - 60.0);
    let row_h = 22.0;
    let shown = &files[..files.len().min(most)];
    let more = files.len() - shown.len();
    let h = (shown.len() + usize::from(more > 0)).max(1) as f64 * row_h + 8.0;
    let max = shown.iter().map(|f| f.edits).max().unwrap_or(1).max(1) as f64;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="chart files" viewBox="0 0 {w} {}" role="img">{}"#,
        f(h),
        title("Files by number of edits")
    );
    if shown.is_empty() {
        let _ = write!(
            o,
            r#"<text class="more" x="{}" y="{}">No edits recorded</text>"#,
            f(x0 - 8.0),
            f(row_h / 2.0 + 8.0)
        );
    }
    for (i, fe) in shown.iter().enumerate() {
        let yy = 4.0 + i as f64 * row_h;
        let bw = (fe.edits as f64 / max * (x1 - x0)).max(2.0);
        let _ = write!(
            o,
            r#"<g class="file"><text class="name" x="{}" y="{}">{}</text><rect x="{}" y="{}" width="{}" height="{}" rx="3"/><text class="count" x="{}" y="{}">{}</text>{}</g>"#,
            f(x0 - 8.0),
            f(yy + row_h / 2.0 + 4.0),
            esc(&cut_left(&fe.path, 46)),
            f(x0),
            f(yy + 3.0),
            f(bw),
            f(row_h - 6.0),
            f(x0 + bw + 6.0),
            f(yy + row_h / 2.0 + 4.0),
            fe.edits,
            title(&format!(
                "{}: {} edit{}",
                fe.path,
                fe.edits,
                if fe.edits == 1 { "" } else { "s" }
            )),
        );
    }
    if more > 0 {
        let rest: usize = files[shown.len()..].iter().map(|f| f.edits).sum();
        let _ = write!(
            o,
            r#"<text class="more" x="{}" y="{}">… and {more} more file{} ({rest} edits)</text>"#,
            f(x0 - 8.0),
            f(4.0 + shown.len() as f64 * row_h + row_h / 2.0 + 4.0),
            if more == 1 { "" } else { "s" }
        );
    }
    o.push_str("</svg>");
    o
}

/// Each day from its first event to its last, on a 24-hour UTC axis.
pub fn days_chart(days: &[Day], most: usize) -> String {
    let w = 960.0;
    let (x0, x1) = (130.0, w - 190.0);
    let row_h = 22.0;
    // The latest days, when there are many.
    let shown = &days[days.len().saturating_sub(most)..];
    let h = shown.len().max(1) as f64 * row_h + 30.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="chart days" viewBox="0 0 {w} {}" role="img">{}"#,
        f(h),
        title("Each day from its first event to its last (UTC)")
    );
    let xh = |secs: f64| x0 + secs / 86_400.0 * (x1 - x0);
    o.push_str(r#"<g class="grid">"#);
    for hr in (0..=24).step_by(3) {
        let xx = xh(hr as f64 * 3600.0);
        let _ = write!(
            o,
            r#"<line x1="{xx}" x2="{xx}" y1="0" y2="{}"/><text x="{xx}" y="{}">{hr:02}:00</text>"#,
            f(h - 24.0),
            f(h - 8.0),
            xx = f(xx),
        );
    }
    o.push_str("</g>");
    if shown.is_empty() {
        let _ = write!(
            o,
            r#"<text class="more" x="{}" y="{}">Nothing logged yet</text>"#,
            f(x0 - 8.0),
            f(row_h / 2.0 + 4.0)
        );
    }
    let secs_of = |s: &str| {
        clock::parse(s).map_or(0.0, |t| {
            (t - t
                .date_naive()
                .and_hms_opt(0, 0, 0)
                .expect("midnight")
                .and_utc())
            .num_seconds() as f64
        })
    };
    for (i, d) in shown.iter().enumerate() {
        let yy = i as f64 * row_h;
        let (a, b) = (xh(secs_of(&d.first)), xh(secs_of(&d.last)));
        let span = clock::duration(d.seconds);
        let label = format!(
            "{span} · {} event{}",
            d.events,
            if d.events == 1 { "" } else { "s" }
        );
        let hover = format!(
            "{}: first event {}, last {} UTC ({span}), {} event{}",
            d.date,
            clock::parse(&d.first).map(hm).unwrap_or_default(),
            clock::parse(&d.last).map(hm).unwrap_or_default(),
            d.events,
            if d.events == 1 { "" } else { "s" }
        );
        let _ = write!(
            o,
            r#"<g class="day"><text class="name" x="{}" y="{}">{}</text><rect x="{}" y="{}" width="{}" height="{}" rx="3"/><text class="count" x="{}" y="{}">{}</text>{}</g>"#,
            f(x0 - 8.0),
            f(yy + row_h / 2.0 + 4.0),
            esc(&d.date),
            f(a),
            f(yy + 4.0),
            f((b - a).max(3.0)),
            f(row_h - 8.0),
            f(x1 + 10.0),
            f(yy + row_h / 2.0 + 4.0),
            esc(&label),
            title(&hover),
        );
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            esc(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(esc("a\u{7}b"), "a\u{fffd}b");
    }

    #[test]
    fn short_numbers() {
        assert_eq!(tokens_short(1_000_000), "1M");
        assert_eq!(tokens_short(1_500_000), "1.5M");
        assert_eq!(tokens_short(140_000), "140k");
        assert_eq!(tokens_short(950), "950");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 4), "abc");
        assert_eq!(cut("ab\ncd", 9), "ab…");
        assert_eq!(cut_left("src/deep/file.rs", 8), "…file.rs");
    }

    #[test]
    fn idle_nights_are_squeezed() {
        let t = |s: &str| clock::parse(s).unwrap();
        let a = TimeAxis::new(
            vec![
                t("2026-01-15T10:00:00Z"),
                t("2026-01-15T12:00:00Z"),
                t("2026-01-15T11:00:00Z"),
                t("2026-01-16T09:00:00Z"),
                t("2026-01-16T10:00:00Z"),
                t("2026-01-16T11:00:00Z"),
            ],
            0.0,
            1000.0,
        );
        assert_eq!(a.breaks().len(), 1);
        // Two hours of work either side of the night get equal room.
        let first = a.x(t("2026-01-15T12:00:00Z")) - a.x(t("2026-01-15T10:00:00Z"));
        let second = a.x(t("2026-01-16T11:00:00Z")) - a.x(t("2026-01-16T09:00:00Z"));
        assert!((first - second).abs() < 0.01, "{first} {second}");
        assert_eq!(a.x(t("2026-01-15T10:00:00Z")), 0.0);
        assert!((a.x(t("2026-01-16T11:00:00Z")) - 1000.0).abs() < 0.01);
        // A time in the night falls inside the break.
        let (b0, b1, secs) = a.breaks()[0];
        assert_eq!(secs, 21 * 3600);
        let mid = a.x(t("2026-01-15T22:30:00Z"));
        assert!(mid > b0 && mid < b1, "{b0} {mid} {b1}");
    }
}
