//! Forms declared in `data/forms/*.toml` (支援レポート, 計画書) in the
//! generic editor: field specs, values shown in 和暦, and values read back.

use chrono::NaiveDate;

use super::Values;
use crate::date_input::parse_date_input;
use crate::document_forms::{FormDef, Kind};
use crate::tui::form_editor::FieldSpec;
use crate::wareki;

/// One field spec per field of the definition (tables expanded), each
/// section's title above its first field.
pub(super) fn specs(def: &FormDef) -> Vec<FieldSpec> {
    let headings = def.headings();
    def.all_fields()
        .iter()
        .map(|f| {
            let max = f.max.unwrap_or(crate::fields::LINE);
            let spec = match f.kind {
                Kind::Date => FieldSpec::date(&f.id, &f.label),
                Kind::Multiline => FieldSpec::multiline(&f.id, &f.label, max),
                Kind::Text => FieldSpec::text(&f.id, &f.label, max),
                Kind::Choice => {
                    // A blank that stands for a choice says which.
                    let unset = match &f.default {
                        Some(d) => format!("未選択（{d}）"),
                        None => "未選択".to_string(),
                    };
                    let pairs: Vec<(&str, &str)> = f
                        .choices
                        .iter()
                        .map(|c| {
                            (
                                c.as_str(),
                                if c.is_empty() {
                                    unset.as_str()
                                } else {
                                    c.as_str()
                                },
                            )
                        })
                        .collect();
                    FieldSpec::choice(&f.id, &f.label, &pairs)
                }
            };
            let spec = if f.required { spec.required() } else { spec };
            match headings.get(&f.id) {
                Some(h) => spec.under(h),
                None => spec,
            }
        })
        .collect()
}

/// Stored values (dates `YYYY-MM-DD`) as the form shows them (和暦).
pub(super) fn shown(def: &FormDef, mut v: Values) -> Values {
    for f in def.all_fields().iter().filter(|f| f.kind == Kind::Date) {
        if let Some(d) = v
            .get(&f.id)
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        {
            v.insert(f.id.clone(), wareki::format(d));
        }
    }
    v
}

/// The form's values as stored: trimmed, dates as `YYYY-MM-DD`, empty
/// fields left out; plus a message for each date that cannot be read.
pub(super) fn read(def: &FormDef, values: &Values, today: NaiveDate) -> (Values, Vec<String>) {
    let mut out = Values::new();
    let mut errors = Vec::new();
    for f in def.all_fields() {
        let raw = values
            .get(&f.id)
            .map(|s| crate::text::trim_input(s))
            .unwrap_or("");
        if raw.is_empty() {
            continue;
        }
        if f.kind == Kind::Date {
            match parse_date_input(raw, today) {
                Ok(d) => {
                    out.insert(f.id.clone(), d.to_string());
                }
                Err(e) => errors.push(format!("{}: {e}", f.label)),
            }
        } else {
            out.insert(f.id.clone(), raw.to_string());
        }
    }
    (out, errors)
}
