//! Documents as files for the client and the employer: self-contained HTML
//! (printable on A4) and Excel laid out like the official form. Both are
//! driven by the declarative form definition; dates in 和暦 as on the forms.

mod employed;
mod history;
mod html;
mod xlsx;

pub(crate) use employed::{EmployedList, employed_html, employed_xlsx};
pub(crate) use history::history_html;
pub use html::html;
pub use xlsx::xlsx;

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
