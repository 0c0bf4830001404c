//! Documents as files for the client and the employer: self-contained HTML
//! (printable on A4) and Excel laid out like the official form. The 支援
//! レポート and the 計画書 each have their form's layout (`report_form`,
//! `plan_form`) on one grid both writers render; a form without one prints
//! as label and value lines. Dates in 和暦 as on the forms.

mod grid;
mod grid_html;
mod grid_xlsx;
mod history;
mod html;
mod plan_form;
mod report_form;
mod xlsx;

pub(crate) use history::history_html;

/// The form's own layout, when it has one.
fn layout(def: &FormDef, subtitle: &str, values: &Values) -> Option<grid::Grid> {
    match def.id.as_str() {
        "report" => Some(report_form::grid(def, subtitle, values)),
        "plan" => Some(plan_form::grid(def, subtitle, values)),
        _ => None,
    }
}

/// The document as one self-contained HTML page.
pub fn html(def: &FormDef, subtitle: &str, values: &Values) -> String {
    match layout(def, subtitle, values) {
        Some(g) => grid_html::html(&g),
        None => html::html(def, subtitle, values),
    }
}

/// The document as an Excel workbook.
pub fn xlsx(def: &FormDef, subtitle: &str, values: &Values) -> Result<Vec<u8>, String> {
    match layout(def, subtitle, values) {
        Some(g) => grid_xlsx::xlsx(&g),
        None => xlsx::xlsx(def, subtitle, values),
    }
}

/// A text field's value as printed (made safe).
pub(crate) fn text(values: &Values, id: &str) -> String {
    crate::text::clean_input(values.get(id).map(String::as_str).unwrap_or(""))
}

/// A date in the form's 年 月 日 boxes: 和暦 when entered, the empty boxes
/// when not (to be written in by hand).
pub(crate) fn date_boxes(values: &Values, id: &str) -> String {
    values
        .get(id)
        .and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
        .map_or_else(|| "　　年　　月　　日".to_string(), wareki::format)
}

use chrono::NaiveDate;

use crate::forms::{FieldDef, FormDef, Kind, Values};
use crate::wareki;

/// A field's value as printed: dates in 和暦, text made safe.
pub(crate) fn shown(f: &FieldDef, values: &Values) -> String {
    let v = values.get(&f.id).map(String::as_str).unwrap_or("");
    if f.kind == Kind::Date
        && let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d")
    {
        return wareki::format(d);
    }
    crate::text::clean_input(v)
}

/// One printed line of the document.
pub(crate) enum Line<'a> {
    Heading(&'a str),
    Field(FieldDef, String),
    TableHead(Vec<&'a str>),
    TableRow(Vec<String>),
}

/// The document as a list of lines, the same for every output format.
/// Table rows are printed up to the last filled one, at least three (the
/// official form has three 支援実績 rows).
pub(crate) fn lines<'a>(def: &'a FormDef, values: &Values) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for s in &def.sections {
        if !s.title.is_empty() {
            out.push(Line::Heading(&s.title));
        }
        if let Some(t) = &s.table {
            out.push(Line::TableHead(
                t.columns.iter().map(|c| c.label.as_str()).collect(),
            ));
            let filled = (1..=t.rows)
                .filter(|&r| {
                    t.columns
                        .iter()
                        .any(|c| values.contains_key(&t.field_id(r, &c.id)))
                })
                .max()
                .unwrap_or(0);
            for r in 1..=filled.max(3).min(t.rows) {
                out.push(Line::TableRow(
                    t.columns
                        .iter()
                        .map(|c| {
                            let v = values
                                .get(&t.field_id(r, &c.id))
                                .map(String::as_str)
                                .unwrap_or("");
                            crate::text::clean_input(v)
                        })
                        .collect(),
                ));
            }
        }
        for f in &s.fields {
            let v = shown(f, values);
            out.push(Line::Field(f.clone(), v));
        }
    }
    out
}
