//! Reports over the whole store: the project timeline and a daily report,
//! built from the sessions and their resume logs. Pure renderers; the
//! `report` command gathers the inputs and writes the files.

use chrono::{DateTime, NaiveDate, Utc};

use crate::clock;
use crate::resume_log::ResumeLog;
use crate::usage::{percent, thousands};

/// What a report needs from a session document.
#[derive(Debug, Clone, Default)]
pub struct SessionInfo {
    pub id: String,
    pub shortname: String,
    pub title: String,
    pub status: String,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub mission: String,
    pub accomplishments: Vec<String>,
    pub compactions: u64,
}

/// One session as the reports see it: the document when it still exists,
/// completed by its resume logs (which outlive a deleted document).
#[derive(Debug, Clone)]
struct Row<'a> {
    id: String,
    title: String,
    shortname: String,
    status: String,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    mission: String,
    accomplishments: Vec<String>,
    compactions: u64,
    logs: Vec<&'a ResumeLog>,
}

impl Row<'_> {
    /// The highest context usage among `logs` and its window.
    fn peak(logs: &[&ResumeLog]) -> Option<(u64, u64)> {
        logs.iter()
            .filter_map(|l| {
                let m = &l.context_metrics;
                m.used_tokens.map(|u| (u, m.total_budget))
            })
            .max_by_key(|(u, _)| *u)
    }
}

fn log_time(l: &ResumeLog) -> Option<DateTime<Utc>> {
    clock::parse(&l.context_metrics.timestamp).or_else(|| clock::parse(&l.generated_at))
}

fn rows<'a>(sessions: &[SessionInfo], logs: &'a [ResumeLog]) -> Vec<Row<'a>> {
    let mut ids: Vec<&str> = sessions.iter().map(|s| s.id.as_str()).collect();
    for l in logs {
        if !l.session_id.is_empty() && !ids.contains(&l.session_id.as_str()) {
            ids.push(&l.session_id);
        }
    }
    let mut out: Vec<Row> = ids
        .into_iter()
        .map(|id| {
            let mut mine: Vec<&ResumeLog> = logs.iter().filter(|l| l.session_id == id).collect();
            mine.sort_by_key(|l| log_time(l));
            let latest = mine.last().copied();
            let info = sessions.iter().find(|s| s.id == id);
            let times = mine
                .iter()
                .flat_map(|l| {
                    [
                        l.session_metadata.first_activity.as_deref(),
                        l.session_metadata.last_activity.as_deref(),
                        Some(l.generated_at.as_str()),
                    ]
                })
                .chain(
                    info.iter()
                        .flat_map(|s| [s.created_at.as_deref(), s.updated_at.as_deref()]),
                )
                .flatten()
                .filter_map(clock::parse);
            let (start, end) = times.fold(
                (None, None),
                |(a, b): (Option<DateTime<Utc>>, Option<DateTime<Utc>>), t| {
                    (
                        Some(a.map_or(t, |a| a.min(t))),
                        Some(b.map_or(t, |b| b.max(t))),
                    )
                },
            );
            match (info, latest) {
                (Some(s), _) => Row {
                    id: id.to_string(),
                    title: s.title.clone(),
                    shortname: s.shortname.clone(),
                    status: s.status.clone(),
                    start,
                    end,
                    mission: s.mission.clone(),
                    accomplishments: s.accomplishments.clone(),
                    compactions: s.compactions,
                    logs: mine,
                },
                (None, Some(l)) => Row {
                    id: id.to_string(),
                    title: l.title.clone(),
                    shortname: l.shortname.clone(),
                    status: format!("{} (session file gone)", l.status),
                    start,
                    end,
                    mission: l.mission_summary.clone(),
                    accomplishments: l.accomplishments.clone(),
                    compactions: l.context_metrics.compactions,
                    logs: mine,
                },
                (None, None) => unreachable!("every id comes from a session or a log"),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.start, &a.shortname).cmp(&(b.start, &b.shortname)));
    out
}

fn when(r: &Row) -> String {
    match (r.start, r.end) {
        (Some(a), Some(b)) => format!(
            "{} to {} ({})",
            clock::short(a),
            clock::short(b),
            clock::duration((b - a).num_seconds())
        ),
        _ => "unknown".into(),
    }
}

fn context_line(logs: &[&ResumeLog], compactions: u64) -> String {
    let n = logs.len();
    let logs_word = format!("{n} resume log{}", if n == 1 { "" } else { "s" });
    match Row::peak(logs) {
        Some((u, w)) => format!(
            "peak {} of {} tokens ({:.1}%), {compactions} compaction(s), {logs_word}",
            thousands(u),
            thousands(w),
            percent(u, w)
        ),
        None => format!("{compactions} compaction(s), {logs_word}"),
    }
}

/// `PROJECT_TIMELINE.md`: every session in the order it started.
pub fn timeline(sessions: &[SessionInfo], logs: &[ResumeLog], now: DateTime<Utc>) -> String {
    let rows = rows(sessions, logs);
    let mut o = format!(
        "# Project Timeline\n\nGenerated {}: {} session{}, {} resume log{}.\n",
        clock::iso(now),
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        logs.len(),
        if logs.len() == 1 { "" } else { "s" }
    );
    if rows.is_empty() {
        o.push_str("\nNo sessions yet. Start one with `session-hook init --goal \"...\"`.\n");
    }
    for (i, r) in rows.iter().enumerate() {
        o.push_str(&format!(
            "\n## {}. {} (`{}`)\n\n",
            i + 1,
            r.title,
            r.shortname
        ));
        o.push_str(&format!("- **Status**: {}\n", r.status));
        o.push_str(&format!("- **When**: {}\n", when(r)));
        o.push_str(&format!("- **Mission**: {}\n", r.mission));
        o.push_str(&format!(
            "- **Context**: {}\n",
            context_line(&r.logs, r.compactions)
        ));
        o.push_str("\n**Accomplishments**:\n");
        if r.accomplishments.is_empty() {
            o.push_str("- None recorded\n");
        }
        for a in &r.accomplishments {
            o.push_str(&format!("- {a}\n"));
        }
    }
    o
}

/// Most accomplishments a daily report lists per session.
const TOP: usize = 5;

fn on_day(t: Option<&str>, day: NaiveDate) -> bool {
    t.and_then(clock::parse)
        .is_some_and(|t| t.date_naive() == day)
}

/// `daily-report-<date>.md`: the sessions active that day (UTC), the peak
/// context each reached in its resume logs of that day, and what was done.
pub fn daily(
    day: NaiveDate,
    sessions: &[SessionInfo],
    logs: &[ResumeLog],
    now: DateTime<Utc>,
) -> String {
    let date = day.format("%Y-%m-%d").to_string();
    let todays: Vec<ResumeLog> = logs
        .iter()
        .filter(|l| log_time(l).is_some_and(|t| t.date_naive() == day))
        .cloned()
        .collect();
    let rows: Vec<Row> = rows(sessions, logs)
        .into_iter()
        .filter(|r| {
            r.logs
                .iter()
                .any(|l| log_time(l).is_some_and(|t| t.date_naive() == day))
                || sessions.iter().any(|s| {
                    s.id == r.id
                        && (on_day(s.created_at.as_deref(), day)
                            || on_day(s.updated_at.as_deref(), day))
                })
        })
        .collect();
    let mut total: Option<u64> = None;
    let mut body = String::new();
    for r in &rows {
        let day_logs: Vec<&ResumeLog> = r
            .logs
            .iter()
            .copied()
            .filter(|l| log_time(l).is_some_and(|t| t.date_naive() == day))
            .collect();
        body.push_str(&format!(
            "\n## {} (`{}`), {}\n\n",
            r.title, r.shortname, r.status
        ));
        body.push_str(&format!("**Mission**: {}\n", r.mission));
        match Row::peak(&day_logs) {
            Some((u, w)) => {
                total = Some(total.unwrap_or(0) + u);
                body.push_str(&format!(
                    "**Tokens**: peak {} of {} ({:.1}%), {} resume log(s) this day\n",
                    thousands(u),
                    thousands(w),
                    percent(u, w),
                    day_logs.len()
                ));
            }
            None => body.push_str("**Tokens**: unknown (no resume log with usage this day)\n"),
        }
        let stamped: Vec<&String> = r
            .accomplishments
            .iter()
            .filter(|a| a.contains(&format!("({date}T")))
            .collect();
        let (label, list): (&str, Vec<&String>) = if r.accomplishments.is_empty() {
            ("**Key Accomplishments**:", Vec::new())
        } else if stamped.is_empty() {
            (
                "**Key Accomplishments** (latest; none stamped this day):",
                r.accomplishments.iter().rev().take(TOP).collect(),
            )
        } else {
            (
                "**Key Accomplishments**:",
                stamped.into_iter().rev().take(TOP).collect(),
            )
        };
        body.push_str(&format!("{label}\n"));
        if list.is_empty() {
            body.push_str("- None recorded\n");
        }
        for a in list {
            body.push_str(&format!("- {a}\n"));
        }
    }
    let mut o = format!(
        "# Daily Progress Report: {date}\n\nGenerated {}.\n\n**Sessions**: {}\n**Resume Logs**: {}\n**Total Tokens**: {}\n",
        clock::iso(now),
        rows.len(),
        todays.len(),
        match total {
            Some(t) => format!(
                "{} (the peak context of each session that day, summed)",
                thousands(t)
            ),
            None => "unknown (no resume log with usage this day)".into(),
        }
    );
    if rows.is_empty() {
        o.push_str("\nNo session was active this day.\n");
    }
    o.push_str(&body);
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resume_log::Metrics;

    fn log(session: &str, at: &str, used: u64) -> ResumeLog {
        ResumeLog {
            session_id: session.into(),
            shortname: "gone".into(),
            title: "Gone session".into(),
            status: "active".into(),
            generated_at: at.into(),
            mission_summary: "Old mission".into(),
            accomplishments: vec!["Did a thing (2026-01-15T09:00Z, abc1234)".into()],
            context_metrics: Metrics {
                timestamp: at.into(),
                used_tokens: Some(used),
                total_budget: 200_000,
                ..Metrics::default()
            },
            ..ResumeLog::default()
        }
    }

    #[test]
    fn timeline_orders_and_merges() {
        let s = SessionInfo {
            id: "a".into(),
            shortname: "alpha".into(),
            title: "Alpha".into(),
            status: "active".into(),
            created_at: Some("2026-01-15T08:00:00Z".into()),
            updated_at: Some("2026-01-15T11:00:00Z".into()),
            mission: "Do alpha".into(),
            accomplishments: vec![],
            compactions: 1,
        };
        let logs = vec![
            log("b", "2026-01-14T10:00:00Z", 150_000),
            log("a", "2026-01-15T10:00:00Z", 190_000),
            log("a", "2026-01-15T10:30:00Z", 20_000),
        ];
        let now = clock::parse("2026-01-16T00:00:00Z").unwrap();
        let t = timeline(std::slice::from_ref(&s), &logs, now);
        let gone = t.find("Gone session").unwrap();
        let alpha = t.find("Alpha").unwrap();
        assert!(gone < alpha, "{t}");
        assert!(t.contains("peak 190,000 of 200,000 tokens (95.0%)"), "{t}");
        let d = daily(
            NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
            &[s],
            &logs,
            now,
        );
        assert!(d.contains("**Sessions**: 1\n"), "{d}");
        assert!(d.contains("**Total Tokens**: 190,000"), "{d}");
    }
}
