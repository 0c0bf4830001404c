//! `due`: every client's obligations that need attention, as a table, JSON,
//! CSV or a calendar (`due_ics`). The JSON shape is a public contract
//! (docs/MODEL.md §7).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

use crate::dates::{YearMonth, add_days};
use crate::model::{Client, Obligation, Office, RecordRef, Settings, Severity, Status};
use crate::usecases::Selection;
use crate::{obligations, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    /// iCalendar (RFC 5545): 項目ごとに VTODO 1つ。カレンダーアプリ用
    Ics,
}

/// What to list: items due from `from` (default today) to today + `within_days`, plus
/// everything overdue; with `all`, done and waived items in that range too.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub within_days: i64,
    /// Start of the range (None: today). An earlier day lists history.
    pub from: Option<NaiveDate>,
    pub all: bool,
    /// Only clients assigned to this login.
    pub staff: Option<String>,
    /// Only this client (external_id).
    pub client: Option<String>,
    /// Only 必須 items (no 努力義務 or 情報).
    pub required_only: bool,
    /// Closed cases (終結) too.
    pub include_closed: bool,
}

/// One line of the output (docs/MODEL.md §7 `due --format json`). A client's texts
/// are shared by all of their rows (a whole office has tens of thousands).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub external_id: Arc<str>,
    pub client: Arc<str>,
    pub staff: Option<Arc<str>>,
    pub obligation: &'static str,
    pub title: &'static str,
    pub period: Option<YearMonth>,
    #[serde(serialize_with = "crate::dates::serialize_iso")]
    pub window_start: NaiveDate,
    #[serde(serialize_with = "crate::dates::serialize_iso")]
    pub due: NaiveDate,
    pub status: Status,
    pub status_label: Cow<'static, str>,
    pub severity: Severity,
    pub late: bool,
    pub waived_reason: Option<Cow<'static, str>>,
    pub satisfied_by: Option<RecordRef>,
    pub note: Option<String>,
    pub clause: &'static str,
    /// Who marked the item 対象外 (a person's decision), if anyone.
    pub waived_by: Option<String>,
    /// An earlier job's anchor day A, for an item that job kept (absent for
    /// the current job's items).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job: Option<NaiveDate>,
}

/// The client's part of a row, made once per client.
struct Who {
    external_id: Arc<str>,
    client: Arc<str>,
    staff: Option<Arc<str>>,
}

impl Who {
    fn of(c: &Client) -> Self {
        Who {
            external_id: c.external_id.as_str().into(),
            client: c.name.as_str().into(),
            staff: c.assigned_staff.as_deref().map(Arc::from),
        }
    }
}

impl Row {
    fn new(who: &Who, o: Obligation) -> Self {
        Row {
            external_id: who.external_id.clone(),
            client: who.client.clone(),
            staff: who.staff.clone(),
            status_label: o.status_label(),
            obligation: o.id,
            title: o.title,
            period: o.period,
            window_start: o.window_start,
            due: o.due,
            status: o.status,
            severity: o.severity,
            late: o.late,
            waived_reason: o.waived_reason,
            satisfied_by: o.satisfied_by,
            note: o.note,
            clause: o.clause,
            waived_by: o.waived_by,
            job: o.job,
        }
    }
}

impl Query {
    /// The items this query lists on `today` (the rule the TUI's deadlines
    /// view uses too).
    pub(crate) fn selection(&self, today: NaiveDate) -> Selection {
        Selection {
            from: self.from.unwrap_or(today),
            until: add_days(today, self.within_days),
            all: self.all,
            required_only: self.required_only,
        }
    }
}

/// Compute and select, ordered by due day, then urgency, then client id.
pub fn collect(clients: &[Client], settings: &Settings, today: NaiveDate, q: &Query) -> Vec<Row> {
    let mut rows = Vec::new();
    collect_into(&mut rows, clients, settings, today, q);
    sort(&mut rows);
    rows
}

/// Add the selected items of `clients` to `rows` (unsorted), so a large
/// office can be processed in batches without holding every record.
pub fn collect_into(
    rows: &mut Vec<Row>,
    clients: &[Client],
    settings: &Settings,
    today: NaiveDate,
    q: &Query,
) {
    for c in clients {
        if q.client.as_ref().is_some_and(|id| *id != c.external_id) {
            continue;
        }
        if q.staff.is_some() && c.assigned_staff != q.staff {
            continue;
        }
        let mut who = None;
        let selection = q.selection(today);
        let keep = |s, d, sev| selection.keeps(s, d, sev);
        for o in obligations::compute_where(c, settings, today, keep) {
            rows.push(Row::new(who.get_or_insert_with(|| Who::of(c)), o));
        }
    }
}

/// By due day, then urgency, then client id (stable: timeline order stays).
pub fn sort(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        (a.due, a.status.urgency(), &a.external_id).cmp(&(
            b.due,
            b.status.urgency(),
            &b.external_id,
        ))
    });
}

/// The rows in `format` (a calendar without the office's details).
pub fn render(rows: &[Row], format: Format, today: NaiveDate) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write(&mut out, rows, format, today, &Office::default(), &[]);
    String::from_utf8_lossy(&out).into_owned()
}

/// Write the rows in `format`, streaming (a large office's JSON is tens of
/// MB). The office names the calendar and its items' UIDs; the staff name
/// the worker in an item's description.
pub fn write(
    out: &mut impl std::io::Write,
    rows: &[Row],
    format: Format,
    today: NaiveDate,
    office: &Office,
    staff: &[crate::model::Staff],
) -> std::io::Result<()> {
    match format {
        // One object per line inside the array: valid JSON, easy to grep,
        // and quicker to write than indented output for a whole office.
        Format::Json => super::due_json::write(out, rows),
        Format::Csv => out.write_all(csv(rows).as_bytes()),
        Format::Ics => super::due_ics::write(out, rows, today, office, staff),
        Format::Table => out.write_all(table(rows, today, terminal_columns()).as_bytes()),
    }
}

/// Width of the terminal when stdout is one; a pipe gets full lines.
pub(super) fn terminal_columns() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
}

pub(super) fn record_ref(r: &RecordRef) -> String {
    match r {
        RecordRef::Contact { date, .. } => format!("支援記録 {date}"),
        RecordRef::Report {
            month, presented, ..
        } => format!("レポート {month} 提示 {presented}"),
        RecordRef::Plan { date, .. } => format!("計画 {date}"),
        RecordRef::Handover { date, .. } => format!("引継ぎ {date}"),
    }
}

/// The item as one line: its short title, month, the record that
/// completed it and its note (the 項目 of the table).
pub(super) fn item_text(r: &Row) -> String {
    item_text_with(r, |p| p.to_string())
}

/// `item_text` with the month written by `month` (`agenda` says it in
/// words).
pub(super) fn item_text_with(r: &Row, month: impl Fn(YearMonth) -> String) -> String {
    let mut item = obligations::rule(r.obligation)
        .map(|rule| rule.short.to_string())
        .unwrap_or_else(|| r.title.to_string());
    if r.job.is_some() {
        item.insert_str(0, "前職 ");
    }
    if let Some(p) = r.period {
        let _ = write!(item, " {}", month(p));
    }
    if let Some(s) = &r.satisfied_by {
        let _ = write!(item, " [{}]", record_ref(s));
    }
    if let Some(n) = &r.note {
        let _ = write!(item, " ※{}", text::for_display(n));
    }
    item
}

/// Widest ID and staff columns: a longer one is cut (JSON and CSV carry
/// it whole).
const W_ID_MAX: usize = 10;
const W_STAFF_MAX: usize = 9;

/// A table aligned by display width, so Japanese names line up. The ID
/// and staff columns are as wide as the longest listed (within limits),
/// so 80 columns still leave the item its room.
pub fn table(rows: &[Row], today: NaiveDate, columns: Option<usize>) -> String {
    // Glyph, space and the status word; at most `対象外(` + a short
    // reason word + `)`, as wide as the widest listed.
    const W_STATUS_MIN: usize = 14;
    const W_STATUS_MAX: usize = 2 + 1 + 7 + crate::model::SHORT_REASON_W + 1;
    const W_DUE: usize = 10;
    const W_NAME: usize = 10;
    fn staff_of(r: &Row) -> Cow<'_, str> {
        r.staff
            .as_deref()
            .map_or(Cow::Borrowed("-"), text::for_display)
    }
    let widest = |cell: &dyn Fn(&Row) -> usize, head: &str, max: usize| {
        rows.iter()
            .map(cell)
            .max()
            .unwrap_or(0)
            .clamp(text::width(head), max)
    };
    let w_id = widest(
        &|r| text::width(&text::for_display(&r.external_id)),
        "ID",
        W_ID_MAX,
    );
    let w_staff = widest(&|r| text::width(&staff_of(r)), "担当", W_STAFF_MAX);
    let status_of = |r: &Row| {
        let word = match (r.status, &r.waived_reason) {
            (Status::Waived, Some(w)) => format!(
                "対象外({})",
                text::for_display(&crate::model::short_reason(w))
            ),
            _ => text::for_display(&r.status_label).into_owned(),
        };
        format!("{} {word}", text::fit(r.status.glyph(), 2))
    };
    let w_status = rows
        .iter()
        .map(|r| text::width(&status_of(r)))
        .max()
        .unwrap_or(0)
        .clamp(W_STATUS_MIN, W_STATUS_MAX);
    let fixed = w_status + W_DUE + w_id + W_NAME + w_staff + 5;
    let rest = columns.map(|c| c.saturating_sub(fixed + 1).max(10));
    let mut out = String::new();
    let _ = writeln!(out, "基準日 {today}  {} 件", rows.len());
    let head = format!(
        "{} {} {} {} {} {}",
        text::fit("状態", w_status),
        text::fit("期限", W_DUE),
        text::fit("ID", w_id),
        text::fit("利用者", W_NAME),
        text::fit("担当", w_staff),
        "項目"
    );
    let _ = writeln!(out, "{}", head.trim_end());
    for r in rows {
        let item = item_text(r);
        let item = match rest {
            Some(w) => text::truncate(&item, w).into_owned(),
            None => item,
        };
        let status = status_of(r);
        let line = format!(
            "{} {} {} {} {} {}",
            text::fit(&status, w_status),
            r.due,
            text::fit(&text::for_display(&r.external_id), w_id),
            text::fit(&text::for_display(&r.client), W_NAME),
            text::fit(&staff_of(r), w_staff),
            item
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// A cell for Excel: quoted when needed, and a leading = + - @ made inert
/// so a name can never run as a formula (CSV injection).
pub(crate) fn csv_cell(s: &str) -> String {
    let s = text::for_display(s);
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.into_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// UTF-8 with BOM and CRLF: what Excel opens correctly.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(
        "external_id,client,staff,obligation,title,period,window_start,due,status,status_label,severity,satisfied_by,note,clause,job\r\n",
    );
    for r in rows {
        let cells = [
            csv_cell(&r.external_id),
            csv_cell(&r.client),
            csv_cell(r.staff.as_deref().unwrap_or("")),
            r.obligation.to_string(),
            csv_cell(r.title),
            r.period.map(|p| p.to_string()).unwrap_or_default(),
            r.window_start.to_string(),
            r.due.to_string(),
            r.status.as_str().to_string(),
            csv_cell(&r.status_label),
            r.severity.as_str().to_string(),
            r.satisfied_by.as_ref().map(record_ref).unwrap_or_default(),
            csv_cell(r.note.as_deref().unwrap_or("")),
            csv_cell(r.clause),
            r.job.map(|d| d.to_string()).unwrap_or_default(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_cell_never_holds_a_line_separator_or_a_format_character_raw() {
        assert_eq!(csv_cell("面\u{2028}談"), "面 談");
        assert_eq!(csv_cell("山\u{2029}田\u{FFF9}"), "山 田⟨U+FFF9⟩");
    }

    fn office_rows(n: usize) -> (Vec<Row>, NaiveDate) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let doc = crate::demo::generate(n, today);
        let q = Query {
            within_days: 60,
            all: true,
            ..Query::default()
        };
        (
            collect(&doc.clients, &Settings::default(), today, &q),
            today,
        )
    }

    #[test]
    fn json_written_in_chunks_on_two_threads_is_the_rows_in_order_as_one_array() {
        let (rows, today) = office_rows(600);
        // ≥ 2000 rows for the two threads, three chunks of 1024 at least.
        assert!(rows.len() > 2048, "{} rows", rows.len());
        let text = render(&rows, Format::Json, today);
        let mut one_pass = b"[".to_vec();
        super::super::due_json::rows(&mut one_pass, &rows, false).expect("json");
        one_pass.extend_from_slice(b"\n]\n");
        assert_eq!(text.as_bytes(), one_pass.as_slice());
        let parsed: Vec<serde_json::Value> = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(parsed.len(), rows.len());
        let mid = rows.len() / 2;
        for i in [0, mid - 1, mid, rows.len() - 1] {
            assert_eq!(parsed[i]["external_id"], *rows[i].external_id);
            assert_eq!(parsed[i]["obligation"], rows[i].obligation);
            assert_eq!(parsed[i]["due"], rows[i].due.to_string());
        }
    }

    #[test]
    fn the_table_fits_80_columns_with_the_worker_of_each_row() {
        let (rows, today) = office_rows(4);
        let rows: Vec<Row> = rows
            .into_iter()
            .filter(|r| r.status != Status::Done)
            .take(16)
            .collect();
        let text = table(&rows, today, Some(80));
        for line in text.lines() {
            assert!(
                text::width(line) <= 79,
                "{} columns: {line}",
                text::width(line)
            );
        }
        for r in &rows {
            let login = r.staff.as_deref().expect("the demo assigns every client");
            assert!(
                text.lines()
                    .any(|l| l.contains(&*r.external_id) && l.contains(login)),
                "{login} beside {}",
                r.external_id
            );
        }
        insta::assert_snapshot!(text);
    }

    #[test]
    fn small_listings_are_one_array_too() {
        let (rows, today) = office_rows(3);
        let parsed: Vec<serde_json::Value> =
            serde_json::from_str(&render(&rows, Format::Json, today)).expect("valid JSON");
        assert_eq!(parsed.len(), rows.len());
        let empty: Vec<serde_json::Value> =
            serde_json::from_str(&render(&[], Format::Json, today)).expect("valid JSON");
        assert!(empty.is_empty());
    }
}
