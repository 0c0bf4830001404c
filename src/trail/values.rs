//! A stored value as a person reads it: dates in 和暦, times as HH:MM,
//! ids by their Japanese names, flags as はい／いいえ, logins with the
//! person's name. Pure; the names of staff come from the caller.

use chrono::NaiveDate;
use serde_json::Value;

use super::Names;
use super::columns::{Column, Form, Render};
use crate::dates::YearMonth;
use crate::fields::Kind;
use crate::model::fte_text;
use crate::wareki;

/// What an empty value reads as.
pub(super) const EMPTY: &str = "（空欄）";

/// The value's text, or `None` when it is empty (null, "", an empty list
/// or object).
pub(super) fn show(v: &Value, c: &Column, names: &Names) -> Option<String> {
    let raw = plain(v)?;
    let text = match c.render {
        Render::AsKind => by_kind(&raw, c.field.kind),
        Render::Choice(label) => label(&raw).map_or(raw, str::to_string),
        Render::Login => person(&raw, names),
        Render::Obligation => obligation(&raw),
        Render::Obligations => list(&raw, |v| v.as_str().map(obligation))?,
        Render::Agencies => list(&raw, |v| {
            v.as_str().map(|s| {
                crate::model::AgencyKind::parse(s)
                    .map_or_else(|| s.to_string(), |k| k.label().into())
            })
        })?,
        Render::Months => list(&raw, |v| v.as_str().map(|s| by_kind(s, Kind::Month)))?,
        Render::Scope => scope(&raw).to_string(),
        Render::Percent => raw.parse::<u16>().map_or(raw, fte_text),
        Render::FteHistory => list(&raw, |v| {
            let from = v.get("from").and_then(Value::as_str).map(date);
            let fte = v
                .get("fte_percent")
                .and_then(Value::as_u64)
                .and_then(|p| u16::try_from(p).ok())
                .map_or_else(|| "未入力".to_string(), fte_text);
            Some(match from {
                Some(d) => format!("{d}から {fte}"),
                None => fte,
            })
        })?,
        Render::Certificates => list(&raw, |v| {
            let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default();
            let mut t = s("number").to_string();
            if !s("from").is_empty() || !s("to").is_empty() {
                t.push_str(&format!("（{}〜{}）", date(s("from")), date(s("to"))));
            }
            if !s("municipality").is_empty() {
                t.push_str(&format!(" {}", s("municipality")));
            }
            Some(t)
        })?,
        // Read field by field by the caller (`form_fields`).
        Render::FormFields(_) => raw,
    };
    (!text.is_empty()).then_some(text)
}

/// The value's text with nothing made of it; `None` when empty.
fn plain(v: &Value) -> Option<String> {
    let s = match v {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        Value::Bool(b) => i64::from(*b).to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    };
    let t = s.trim();
    (!(t.is_empty() || t == "[]" || t == "{}")).then_some(s)
}

/// A JSON list (as text) read item by item, joined with 、; `None` when
/// it is empty. Text that is not a list is shown as it is.
fn list(raw: &str, item: impl Fn(&Value) -> Option<String>) -> Option<String> {
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(raw) else {
        return Some(raw.to_string());
    };
    let shown: Vec<String> = items
        .iter()
        .map(|v| item(v).unwrap_or_else(|| v.to_string()))
        .collect();
    (!shown.is_empty()).then(|| shown.join("、"))
}

fn by_kind(raw: &str, kind: Kind) -> String {
    match kind {
        Kind::Date => date(raw),
        // Stored with seconds (14:30:00): a person typed minutes.
        Kind::Time if raw.len() == 8 && raw.as_bytes()[5] == b':' => raw[..5].to_string(),
        Kind::Month => {
            YearMonth::parse(raw).map_or_else(|| raw.to_string(), wareki::format_year_month)
        }
        Kind::Flag => match raw {
            "1" | "true" => "はい".to_string(),
            "0" | "false" => "いいえ".to_string(),
            other => other.to_string(),
        },
        _ => raw.to_string(),
    }
}

/// `2026-12-07` as 令和8年12月7日; anything else as it is.
pub(super) fn date(raw: &str) -> String {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_or_else(|_| raw.to_string(), wareki::format)
}

/// A login with the person's name: 田中 美咲（tanaka）.
pub(super) fn person(login: &str, names: &Names) -> String {
    crate::model::person_label(names.get(login).map(|n| n.as_str()), login)
}

fn obligation(id: &str) -> String {
    crate::obligations::rule(id).map_or_else(|| id.to_string(), |r| r.title.to_string())
}

/// A consent's scope by what it covers.
fn scope(id: &str) -> &str {
    match id {
        crate::model::AGENCY_SHARING => "関係機関との情報共有",
        crate::document_forms::report::SHARING_SCOPE => "事業主とのレポート共有",
        other => other,
    }
}

/// A document's form field, by its label in `form` (a one-character
/// label such as ① with its section's title: 当月の主な支援目標 ①).
pub(super) fn form_label(form: Form, key: &str) -> String {
    let def = match form {
        Form::Report => crate::document_forms::report_def(),
        Form::Plan => crate::document_forms::plan_def(),
        Form::Own => return key.to_string(),
    };
    for s in &def.sections {
        if let Some(f) = s.fields.iter().find(|f| f.id == key) {
            return if f.label.chars().count() == 1 && !s.title.is_empty() {
                format!("{} {}", s.title, f.label)
            } else {
                f.label.clone()
            };
        }
    }
    def.field(key)
        .map_or_else(|| key.to_string(), |f| f.label.clone())
}

/// A document's form field's value: its dates in 和暦.
pub(super) fn form_value(form: Form, key: &str, v: &Value) -> Option<String> {
    let raw = plain(v)?;
    let def = match form {
        Form::Report => Some(crate::document_forms::report_def()),
        Form::Plan => Some(crate::document_forms::plan_def()),
        Form::Own => None,
    };
    let is_date = def
        .and_then(|d| d.field(key))
        .is_some_and(|f| f.kind == crate::document_forms::Kind::Date);
    Some(if is_date { date(&raw) } else { raw })
}

/// The stored dates and months a summary names (`支援記録 2026-12-07`,
/// `支援レポート 2026-11`) in 和暦: R8.12.7, 令和8年11月. Only a whole
/// date or month stands alone (not digits of a phone number or an id).
pub(crate) fn dates_in(s: &str) -> String {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| {
        from + n <= b.len() && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        let starts = (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'-'))
            && digits(i, 4)
            && b.get(i + 4) == Some(&b'-')
            && digits(i + 5, 2);
        if starts {
            let ends_at = |n: usize| b.get(n).is_none_or(|c| !c.is_ascii_alphanumeric());
            let day = b.get(i + 7) == Some(&b'-') && digits(i + 8, 2) && ends_at(i + 10);
            let shown = if day {
                NaiveDate::parse_from_str(&s[i..i + 10], "%Y-%m-%d")
                    .ok()
                    .map(|d| (wareki::format_short(d), 10))
            } else if ends_at(i + 7) && b.get(i + 7) != Some(&b'-') {
                YearMonth::parse(&s[i..i + 7]).map(|m| (wareki::format_year_month(m), 7))
            } else {
                None
            };
            if let Some((t, n)) = shown {
                out.push_str(&s[copied..i]);
                out.push_str(&t);
                i += n;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&s[copied..]);
    out
}
