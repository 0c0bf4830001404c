//! `due --format ics`: the listed items as an RFC 5545 calendar, one VTODO
//! per item, for a calendar application to subscribe to. Each item keeps
//! its UID from run to run (from the client's ID, the obligation and its
//! month, never a row id or the clock), so a calendar that reads the file
//! again updates its entries instead of adding them twice.

use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike, Property, Todo, TodoStatus};

use super::due::Row;
use crate::model::{Office, Severity, Staff, Status};
use crate::{obligations, text};

/// The whole listing as one VCALENDAR (CRLF lines folded at 75 octets).
/// DTSTAMP is the reference day's midnight (UTC), so the same data on the
/// same day gives the same bytes.
pub(crate) fn write(
    out: &mut impl std::io::Write,
    rows: &[Row],
    today: NaiveDate,
    office: &Office,
    staff: &[Staff],
) -> std::io::Result<()> {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            concat!("-//teichaku//teichaku ", env!("CARGO_PKG_VERSION"), "//JA"),
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        // A published list, not an invitation: nobody is asked to reply.
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name(&calendar_name(office));
    let stamp = today.and_time(chrono::NaiveTime::MIN).and_utc();
    let domain = uid_domain(office);
    for r in rows {
        cal.push(todo(r, stamp, &domain, staff));
    }
    out.write_all(refold(&cal.to_string()).as_bytes())
}

/// RFC 5545 §3.1: a content line is at most 75 octets, the leading space
/// of a continuation included. The writer lets a last continuation reach
/// 76 (`DESCRIPTION` with a long clause does), so its lines are joined and
/// folded again: on character boundaries, never just before a space (some
/// readers drop every leading space of a continuation).
fn refold(ics: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(ics.len() + ics.len() / 20);
    let mut logical = String::new();
    let flush = |line: &str, out: &mut String| {
        let mut rest = line;
        let mut room = LIMIT;
        while rest.len() > room {
            let boundary = |mut at: usize| {
                while !rest.is_char_boundary(at) {
                    at -= 1;
                }
                at
            };
            let before_space = |at: usize| rest.get(at..).is_some_and(|t| t.starts_with(' '));
            let mut cut = boundary(room);
            // A run of spaces as long as a line is cut inside the run.
            let mut earlier = cut;
            while earlier > 1 && before_space(earlier) {
                earlier = boundary(earlier - 1);
            }
            if earlier > 0 && !before_space(earlier) {
                cut = earlier;
            }
            let (line, more) = rest.split_at(cut);
            out.push_str(line);
            out.push_str("\r\n ");
            rest = more;
            room = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    };
    for line in ics.split_terminator("\r\n") {
        match line.strip_prefix(' ') {
            Some(more) => logical.push_str(more),
            None => {
                if !logical.is_empty() {
                    flush(&logical, &mut out);
                }
                logical = line.to_string();
            }
        }
    }
    if !logical.is_empty() {
        flush(&logical, &mut out);
    }
    out
}

fn calendar_name(office: &Office) -> String {
    let name = safe(&office.name);
    if name.trim().is_empty() {
        "teichaku 期限".to_string()
    } else {
        format!("teichaku 期限 {name}")
    }
}

/// The right-hand side of every UID: the office's 事業所番号 when set, so
/// two offices' calendars never share an item even when their client IDs
/// are alike.
fn uid_domain(office: &Office) -> String {
    let number = office.number.trim();
    if number.is_empty() {
        "teichaku".to_string()
    } else {
        format!("teichaku-{}", encode(number))
    }
}

/// `ID/obligation[/YYYY-MM][/job-A]@domain`: the same item gets the same
/// UID on every run, whatever else changed; an earlier job's item carries
/// its job's anchor, so it is never taken for the same step of the next.
pub(crate) fn uid(r: &Row, domain: &str) -> String {
    let mut uid = format!("{}/{}", encode(&r.external_id), r.obligation);
    if let Some(p) = r.period {
        uid.push('/');
        uid.push_str(&p.to_string());
    }
    if let Some(a) = r.job {
        uid.push_str("/job-");
        uid.push_str(&a.to_string());
    }
    uid.push('@');
    uid.push_str(domain);
    uid
}

/// Letters, digits and `-._` as they are, every other byte as `%XX`: any
/// client ID gives a UID of plain ASCII in which `/` and `@` only ever
/// separate.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A person's text on one line, without control or bidi characters
/// (the iCalendar writer escapes `\ , ;` and newlines itself).
fn safe(s: &str) -> String {
    text::for_display(s).into_owned()
}

fn todo(r: &Row, stamp: chrono::DateTime<chrono::Utc>, domain: &str, staff: &[Staff]) -> Todo {
    let rule = obligations::rule(r.obligation);
    let mut summary = format!(
        "{} ({}) {}{}",
        safe(&r.client),
        safe(&r.external_id),
        if r.job.is_some() { "前職 " } else { "" },
        rule.map_or(r.title, |rule| rule.short)
    );
    if let Some(p) = r.period {
        summary.push_str(&format!(" {p}"));
    }
    let mut t = Todo::new();
    t.uid(&uid(r, domain))
        .timestamp(stamp)
        .summary(&summary)
        .description(&description(r, staff))
        .priority(priority(r.severity))
        .status(status(r.status))
        .due(r.due);
    // RFC 5545: a DTSTART after DUE is invalid; the engine never makes
    // one, but a calendar that refuses the file would lose every item.
    if r.window_start <= r.due {
        t.starts(r.window_start);
    }
    if let Some(rule) = rule {
        t.add_multi_property("CATEGORIES", &list_item(rule.stage));
    }
    t.done()
}

/// What the table shows beside the title, in full: the rule's title,
/// status, worker, clause, the note and the reason an item was waived.
fn description(r: &Row, staff: &[Staff]) -> String {
    let mut lines = vec![
        r.title.to_string(),
        format!("状態: {}", safe(&r.status_label)),
    ];
    if let Some(s) = &r.staff {
        // A person reads it in their calendar: the name, login in brackets.
        lines.push(format!("担当: {}", safe(&super::names::login(staff, s))));
    }
    lines.push(format!("根拠: {}", r.clause));
    if let Some(n) = &r.note {
        lines.push(format!("※{}", safe(n)));
    }
    if let Some(reason) = &r.waived_reason {
        let by = r
            .waived_by
            .as_deref()
            .map(|b| format!("（判断: {}）", safe(b)))
            .unwrap_or_default();
        lines.push(format!("対象外の理由: {}{by}", safe(reason)));
    }
    if let Some(s) = &r.satisfied_by {
        lines.push(format!("完了の記録: {}", super::due::record_ref(s)));
    }
    lines.join("\n")
}

/// RFC 5545 §3.8.1.9: 1 is the highest, 9 the lowest.
fn priority(s: Severity) -> u32 {
    match s {
        Severity::Required => 1,
        Severity::Effort => 5,
        Severity::Info => 9,
    }
}

fn status(s: Status) -> TodoStatus {
    match s {
        Status::Done => TodoStatus::Completed,
        Status::Waived => TodoStatus::Cancelled,
        Status::Overdue | Status::DueSoon | Status::Open | Status::Upcoming => {
            TodoStatus::NeedsAction
        }
    }
}

/// One item of a TEXT list (CATEGORIES is written as given, so its own
/// separators are escaped here).
fn list_item(s: &str) -> String {
    safe(s)
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_text_never_holds_a_line_separator_or_a_format_character_raw() {
        assert_eq!(safe("面\u{2028}談\u{2029}"), "面 談 ");
        assert_eq!(safe("山\u{E0041}田"), "山⟨U+E0041⟩田");
    }
    use crate::dates::YearMonth;
    use std::borrow::Cow;
    use std::sync::Arc;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn row(ext: &str, name: &str, status: Status) -> Row {
        Row {
            external_id: Arc::from(ext),
            client: Arc::from(name),
            staff: Some(Arc::from("tanaka")),
            obligation: "ret.monthly_report",
            title: "支援レポートの作成・本人への提示 (月1回)",
            period: YearMonth::new(2026, 10),
            window_start: day("2026-10-01"),
            due: day("2026-10-31"),
            status,
            status_label: Cow::Borrowed(status.label()),
            severity: Severity::Required,
            late: false,
            waived_reason: None,
            satisfied_by: None,
            note: None,
            clause: "000 §1(4)②",
            waived_by: None,
            job: None,
        }
    }

    fn ics(rows: &[Row], office: &Office) -> String {
        let mut out = Vec::new();
        write(&mut out, rows, day("2026-11-23"), office, &[]).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn an_item_is_a_todo_with_dates_status_priority_and_a_uid_from_what_it_is() {
        let text = ics(
            &[row("C001", "山田 太郎", Status::Overdue)],
            &Office::default(),
        );
        for line in [
            "BEGIN:VTODO",
            "UID:C001/ret.monthly_report/2026-10@teichaku",
            "DTSTAMP:20261123T000000Z",
            "DUE;VALUE=DATE:20261031",
            "DTSTART;VALUE=DATE:20261001",
            "STATUS:NEEDS-ACTION",
            "PRIORITY:1",
            "CATEGORIES:就労定着支援",
            "METHOD:PUBLISH",
        ] {
            assert!(text.contains(&format!("{line}\r\n")), "{line} in {text}");
        }
        assert!(
            text.contains("SUMMARY:山田 太郎 (C001) 月次 支援レポート 2026-10"),
            "{text}"
        );
        assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    }

    #[test]
    fn done_and_waived_items_are_completed_and_cancelled() {
        let mut waived = row("C002", "佐藤", Status::Waived);
        waived.waived_reason = Some("入院中".into());
        waived.waived_by = Some("suzuki".into());
        let text = ics(
            &[row("C001", "山田", Status::Done), waived],
            &Office::default(),
        );
        assert!(text.contains("STATUS:COMPLETED\r\n"), "{text}");
        assert!(text.contains("STATUS:CANCELLED\r\n"), "{text}");
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("対象外の理由: 入院中（判断: suzuki）"),
            "{unfolded}"
        );
    }

    #[test]
    fn any_client_id_gives_an_ascii_uid_and_the_office_number_names_the_office() {
        let office = Office {
            number: "1312345678".into(),
            ..Office::default()
        };
        let r = row("あ/b@c d", "x", Status::Open);
        assert_eq!(
            uid(&r, &uid_domain(&office)),
            "%E3%81%82%2Fb%40c%20d/ret.monthly_report/2026-10@teichaku-1312345678"
        );
    }

    #[test]
    fn control_and_bidi_characters_never_reach_the_file() {
        let mut r = row("C\u{1b}[31m1", "山田\u{202e}太郎\u{7}", Status::Open);
        r.note = Some("a\u{9b}b\r\nc".into());
        let office = Office {
            name: "事業所\u{1b}]0;x\u{7}".into(),
            ..Office::default()
        };
        let text = ics(&[r], &office);
        for line in text.split("\r\n") {
            assert!(
                !line.chars().any(|c| c.is_control() || c == '\u{202e}'),
                "{line:?}"
            );
        }
    }

    #[test]
    fn long_japanese_lines_are_folded_at_75_octets_between_characters() {
        for n in 0..40 {
            let mut r = row("C001", "山田 太郎", Status::Open);
            r.note = Some(format!("{}{}", "a".repeat(n % 3), "長い 注記".repeat(n)));
            if n == 39 {
                r.note = Some(" ".repeat(200));
            }
            let text = ics(&[r], &Office::default());
            for line in text.split("\r\n") {
                assert!(line.len() <= 75, "{} octets: {line}", line.len());
                assert!(
                    n == 39 || !line.starts_with("  "),
                    "a space lost to unfolding: {line}"
                );
            }
            let unfolded = text.replace("\r\n ", "");
            let note = format!("※{}{}", "a".repeat(n % 3), "長い 注記".repeat(n));
            assert!(n == 39 || unfolded.contains(&note), "{unfolded}");
        }
    }
}
