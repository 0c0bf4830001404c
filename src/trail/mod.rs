//! The audit trail as a person reads it: one row per entry, with when
//! (local time, `M月D日 HH:MM`; a full 和暦 date outside this year), who
//! (name and login), what (作成・変更・削除…) to which kind of record,
//! whose (the client's id and name), and the values — each field by its
//! label from `crate::fields`, a change as 「ラベル: 旧 → 新」, a deletion
//! with its reason. The command line's `audit` table and the screen's
//! 「自分の変更履歴」 show these same rows (`Row::lines`); only the width
//! they wrap at differs. Pure: the entries and the names of staff come
//! from the caller.

mod columns;
#[cfg(test)]
mod tests;
mod values;

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveDateTime, Utc};
use serde_json::{Map, Value};

use crate::model::ClientId;
use crate::store::{AuditAction, AuditEntry, Table};
use crate::text;
use crate::wareki;
use columns::{Column, Render};
pub(crate) use values::dates_in;

/// Staff display names by login.
pub(crate) type Names = HashMap<String, String>;

/// The time zone a person reads times in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Zone {
    /// The machine's (`TZ`).
    #[default]
    Local,
    /// A fixed offset (tests, which must not depend on the machine's).
    #[cfg(test)]
    Fixed(chrono::FixedOffset),
}

impl Zone {
    fn local(self, t: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Local => t.with_timezone(&Local).naive_local(),
            #[cfg(test)]
            Zone::Fixed(o) => t.with_timezone(&o).naive_local(),
        }
    }
}

/// What the rows are read against.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    /// The reference day: a time of its year is written `M月D日 HH:MM`.
    pub today: NaiveDate,
    pub zone: Zone,
    pub names: Names,
}

/// One line of a row's body: `lead` (a label and its colon) before text
/// that may run to several lines, each continued under the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub lead: String,
    pub text: String,
}

impl Part {
    /// Made safe for a terminal here, before anything measures it: what
    /// was typed into a record cannot drive the terminal, and an
    /// invisible character shows (and is counted) as its code.
    fn new(lead: impl Into<String>, text: impl Into<String>) -> Part {
        Part {
            lead: text::for_display(&lead.into()).into_owned(),
            text: text::for_terminal(&text.into()).into_owned(),
        }
    }
}

/// One entry of the trail as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub id: i64,
    /// The client the entry is about.
    pub client_id: Option<ClientId>,
    /// It shows recorded values of the client's case (not only what was
    /// done): what a 閲覧 notes.
    pub shows_values: bool,
    /// `#id`, when, what, the kind of record, whose, who: one line.
    pub head: Vec<String>,
    pub body: Vec<Part>,
}

/// The clients whose recorded values `rows` show, each once, in order:
/// what a 閲覧 notes when they are shown.
pub(crate) fn clients_shown<'a>(rows: impl IntoIterator<Item = &'a Row>) -> Vec<ClientId> {
    let mut out: Vec<ClientId> = Vec::new();
    for r in rows {
        if let Some(c) = r.client_id.filter(|c| r.shows_values && !out.contains(c)) {
            out.push(c);
        }
    }
    out
}

/// How far a row's body is indented under its head.
pub(crate) const INDENT: usize = 4;

impl Row {
    /// The row's lines, broken at `width` columns when given (a screen),
    /// else only at the values' own line breaks (a terminal wraps the
    /// command line's). A continued line starts under its text; nothing
    /// is cut. Safe for a terminal (`Part::new`, `head`).
    pub(crate) fn lines(&self, width: Option<usize>) -> Vec<String> {
        let mut out = Vec::new();
        let wrap = |s: &str, w: Option<usize>| -> Vec<String> {
            match w {
                Some(w) => text::wrap(s, w),
                None => s.split('\n').map(str::to_string).collect(),
            }
        };
        out.extend(self.head_lines(width));
        for p in &self.body {
            let lead_w = text::width(&p.lead);
            // A lead too wide for a readable column continues at the indent.
            let hang = match width {
                Some(w) if INDENT + lead_w > w / 2 => INDENT,
                _ => INDENT + lead_w,
            };
            let room = width.map(|w| w.saturating_sub(hang).max(2));
            let first_room = width.map(|w| w.saturating_sub(INDENT + lead_w).max(2));
            let mut first = true;
            for para in p.text.split('\n') {
                let pieces = if first {
                    // The first piece shares its line with the lead.
                    match (first_room, room) {
                        (Some(f), Some(r)) => first_and_rest(para, f, r),
                        _ => vec![para.to_string()],
                    }
                } else {
                    wrap(para, room)
                };
                for piece in pieces {
                    if first {
                        out.push(format!("{}{}{piece}", " ".repeat(INDENT), p.lead));
                        first = false;
                    } else {
                        out.push(format!("{}{piece}", " ".repeat(hang)));
                    }
                }
            }
        }
        out
    }
}

impl Row {
    /// The head's lines: its parts two spaces apart, a part that does not
    /// fit on the line starting the next (under the body's indent), so a
    /// name is never broken while it fits a line of its own.
    pub(crate) fn head_lines(&self, width: Option<usize>) -> Vec<String> {
        let Some(width) = width else {
            return vec![self.head.join("  ")];
        };
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for part in &self.head {
            let sep = if line.trim().is_empty() { "" } else { "  " };
            if !line.trim().is_empty() && text::width(&line) + sep.len() + text::width(part) > width
            {
                lines.push(std::mem::replace(&mut line, " ".repeat(INDENT)));
                line.push_str(part);
            } else {
                line.push_str(sep);
                line.push_str(part);
            }
        }
        lines.push(line);
        // A part wider than a whole line is broken.
        lines.iter().flat_map(|l| text::wrap(l, width)).collect()
    }
}

/// `s` broken with its first line `first` columns wide and the rest `rest`.
fn first_and_rest(s: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines = text::wrap(s, first);
    if lines.len() > 1 {
        let tail: String = lines.split_off(1).concat();
        lines.extend(text::wrap(&tail, rest));
    }
    lines
}

/// The rows of `entries`, in their order.
pub(crate) fn rows(entries: &[AuditEntry], ctx: &Context) -> Vec<Row> {
    entries.iter().map(|e| row(e, ctx)).collect()
}

fn row(e: &AuditEntry, ctx: &Context) -> Row {
    let table = Table::from_sql(&e.table);
    let detail: Option<Value> = e
        .detail
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok());
    let mut body = Vec::new();
    let summary = dates_in(&e.summary);
    if !summary.is_empty() && Some(summary.as_str()) != table.map(Table::label) {
        body.push(Part::new("", summary));
    }
    let before = body.len();
    match &detail {
        Some(d) => values_of(e.action, table, d, ctx, &mut body),
        // Not JSON (a row written by hand): shown as it is.
        None => {
            if let Some(d) = e.detail.as_deref().filter(|d| !d.trim().is_empty()) {
                body.push(Part::new("内容: ", d));
            }
        }
    }
    let shows_values = e.client_id.is_some() && body[before..].iter().any(|p| p.lead != REASON);
    Row {
        id: e.id,
        client_id: e.client_id,
        shows_values,
        head: head(e, table, detail.as_ref(), ctx)
            .iter()
            .map(|p| text::for_display(p).into_owned())
            .collect(),
        body,
    }
}

/// The lead of a deletion's reason (not a value of the record).
const REASON: &str = "削除の理由: ";

fn head(
    e: &AuditEntry,
    table: Option<Table>,
    detail: Option<&Value>,
    ctx: &Context,
) -> Vec<String> {
    let mut parts = vec![
        format!("#{}", e.id),
        when(e.at, ctx),
        e.action.label().to_string(),
    ];
    let kind = match (table, e.table.as_str()) {
        (Some(t), _) => t.label(),
        // An export's or an import's summary says what it was.
        (None, "document") => "",
        (None, "database") => "データベース",
        (None, other) => other,
    };
    if !kind.is_empty() {
        parts.push(kind.to_string());
    }
    if let Some(c) = client(e, detail) {
        parts.push(c);
    }
    parts.push(values::person(&e.user, &ctx.names));
    parts
}

/// When, where the person is: `12月7日 14:05` this year, a full 和暦
/// date before (or after) it. The day is padded so that times line up.
fn when(at: DateTime<Utc>, ctx: &Context) -> String {
    let t = ctx.zone.local(at);
    let day = if t.year() == ctx.today.year() {
        let d = format!("{}月{}日", t.month(), t.day());
        format!("{d}{}", " ".repeat(8usize.saturating_sub(text::width(&d))))
    } else {
        wareki::format(t.date())
    };
    format!("{day} {}", t.format("%H:%M"))
}

/// The client's id and name; a deleted client's from their deleted row,
/// else by number.
fn client(e: &AuditEntry, detail: Option<&Value>) -> Option<String> {
    let id = e.client_id?;
    if let Some(ext) = &e.external_id {
        return Some(match &e.client_name {
            Some(n) => format!("{ext} {n}"),
            None => ext.clone(),
        });
    }
    let old = detail.and_then(|d| d.get("old"));
    let s = |k: &str| old.and_then(|o| o.get(k)).and_then(Value::as_str);
    Some(match (s("external_id"), s("name")) {
        (Some(ext), Some(n)) => format!("{ext} {n}（削除済み）"),
        _ => format!("利用者 #{id}（削除済み）"),
    })
}

/// The values a detail records: a new record's, the changes (and a
/// conflict's two versions), a deleted record's with its reason.
fn values_of(
    action: AuditAction,
    table: Option<Table>,
    d: &Value,
    ctx: &Context,
    body: &mut Vec<Part>,
) {
    if let Some(r) = d.get("reason").and_then(Value::as_str) {
        let lead = if action == AuditAction::Delete {
            REASON
        } else {
            "理由: "
        };
        body.push(Part::new(lead, r));
    }
    if let Some(Value::Object(changes)) = d.get("changes") {
        for (name, c, pair) in in_form_order(table, changes) {
            let (old, new) = match pair {
                Value::Array(p) if p.len() == 2 => (&p[0], &p[1]),
                other => (&Value::Null, other),
            };
            changed(name, &c, old, new, ctx, body);
        }
    }
    if let Some(conflict) = d.get("conflict") {
        conflict_parts(conflict, ctx, body);
    }
    for key in ["new", "old"] {
        if let Some(Value::Object(row)) = d.get(key) {
            for (name, c, v) in in_form_order(table, row) {
                whole(name, &c, v, ctx, body);
            }
        }
    }
}

/// The entries of a stored row in the order of the record's form, each
/// with its stored name; what the trail does not know comes last, named
/// as stored, so nothing recorded goes unseen.
fn in_form_order(table: Option<Table>, row: &Map<String, Value>) -> Vec<(&str, Column, &Value)> {
    let order = table.map(columns::of).unwrap_or_default();
    let mut known: Vec<(usize, &str, Column, &Value)> = Vec::new();
    let mut unknown = Vec::new();
    for (name, v) in row {
        match order.iter().position(|c| c.name == name) {
            Some(i) => known.push((i, name.as_str(), order[i], v)),
            // The transaction's number, for the proof: not a value.
            None if name == "op" => {}
            None => unknown.push((name.as_str(), columns::UNKNOWN, v)),
        }
    }
    known.sort_by_key(|(i, ..)| *i);
    known
        .into_iter()
        .map(|(_, n, c, v)| (n, c, v))
        .chain(unknown)
        .collect()
}

/// One changed field: 「ラベル: 旧 → 新」; a document's form fields each
/// by their own label.
fn changed(name: &str, c: &Column, old: &Value, new: &Value, ctx: &Context, body: &mut Vec<Part>) {
    if let Render::FormFields(form) = c.render {
        let (o, n) = (object(old), object(new));
        let keys: std::collections::BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for k in keys {
            let (ov, nv) = (
                o.get(k).unwrap_or(&Value::Null),
                n.get(k).unwrap_or(&Value::Null),
            );
            if ov == nv {
                continue;
            }
            let show = |v: &Value| values::form_value(form, k, v);
            body.push(Part::new(
                format!("{}: ", values::form_label(form, k)),
                arrow(show(ov), show(nv)),
            ));
        }
        return;
    }
    let show = |v: &Value| values::show(v, c, &ctx.names);
    body.push(Part::new(lead(name, c), arrow(show(old), show(new))));
}

/// A whole record's field (created or deleted); empty ones are left out.
fn whole(name: &str, c: &Column, v: &Value, ctx: &Context, body: &mut Vec<Part>) {
    if let Render::FormFields(form) = c.render {
        for (k, fv) in object(v) {
            if let Some(t) = values::form_value(form, &k, &fv) {
                body.push(Part::new(format!("{}: ", values::form_label(form, &k)), t));
            }
        }
        return;
    }
    if let Some(t) = values::show(v, c, &ctx.names) {
        body.push(Part::new(lead(name, c), t));
    }
}

fn lead(name: &str, c: &Column) -> String {
    if c.field.label.is_empty() {
        format!("{name}: ")
    } else {
        format!("{}: ", c.field.label)
    }
}

/// `old → new`; a value of several lines starts the new one on its own
/// line.
fn arrow(old: Option<String>, new: Option<String>) -> String {
    let old = old.unwrap_or_else(|| values::EMPTY.to_string());
    let new = new.unwrap_or_else(|| values::EMPTY.to_string());
    if old.contains('\n') || new.contains('\n') {
        format!("{old}\n→ {new}")
    } else {
        format!("{old} → {new}")
    }
}

/// A document's form fields: stored as JSON text in the row.
fn object(v: &Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m.clone(),
        Value::String(s) => match serde_json::from_str(s) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        },
        _ => Map::new(),
    }
}

/// After a conflict: who saved first, and each field in dispute with
/// both versions and which was kept.
fn conflict_parts(c: &Value, ctx: &Context, body: &mut Vec<Part>) {
    let by = c
        .get("theirs_by")
        .and_then(Value::as_str)
        .map(|l| values::person(l, &ctx.names))
        .unwrap_or_else(|| "他の人".to_string());
    body.push(Part::new(
        "変更の衝突: ",
        format!("{by}が先に保存した版と項目ごとに選んで保存"),
    ));
    let Some(Value::Object(fields)) = c.get("fields") else {
        return;
    };
    for f in fields.values() {
        let s = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or_default();
        let kept = match s("chosen") {
            "theirs" => "相手の値",
            "mine" => "自分の値",
            _ => "書き直した値",
        };
        body.push(Part::new(
            format!("  {}: ", s("label")),
            format!(
                "相手 {}／自分 {}（{kept}で保存）",
                or_empty(s("theirs")),
                or_empty(s("mine"))
            ),
        ));
    }
}

fn or_empty(v: &str) -> &str {
    if v.is_empty() { values::EMPTY } else { v }
}
