//! The 支援レポート in the generic form editor: the fields come from the
//! declarative definition (data/forms/report.toml), the prefill and the
//! checks from `forms::report`.

use chrono::NaiveDate;

use super::Values;
use crate::date_input::parse_date_input;
use crate::dates::YearMonth;
use crate::forms::{self, Kind, report};
use crate::model::{Client, Report};
use crate::obligations::support_period;
use crate::tui::form::FieldSpec;
use crate::wareki;

/// One field spec per field of the definition (tables expanded).
pub fn report_specs() -> Vec<FieldSpec> {
    forms::report_form()
        .all_fields()
        .iter()
        .map(|f| {
            let max = f.max.unwrap_or(200);
            let spec = match f.kind {
                Kind::Date => FieldSpec::date(&f.id, &f.label),
                Kind::Multiline => FieldSpec::multiline(&f.id, &f.label, max),
                Kind::Text | Kind::Choice => FieldSpec::text(&f.id, &f.label, max),
            };
            if f.required { spec.required() } else { spec }
        })
        .collect()
}

/// The month a new report is for: this month, or the last month of a
/// support period that has ended.
pub fn report_month(client: &Client, today: NaiveDate) -> YearMonth {
    let this = YearMonth::of(today);
    match client.current_employment().and_then(support_period) {
        Some((_, e)) if e < today => YearMonth::of(e),
        _ => this,
    }
}

/// The report for `month`: the saved one, or a new one prefilled from the
/// records. Err: a Japanese reason (e.g. the month is outside the period).
pub fn report_for(
    client: &Client,
    month: YearMonth,
    staff: &str,
    today: NaiveDate,
) -> Result<Report, String> {
    match client.reports.iter().find(|r| r.month == month) {
        Some(r) => Ok(r.clone()),
        None => report::prefill(&forms::report_form(), client, month, "", staff, today),
    }
}

/// The form's values: dates shown in 和暦 like every other form.
pub fn report_values(r: &Report) -> Values {
    let def = forms::report_form();
    let mut v = report::values(r);
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

/// The edited report, or every problem (Japanese, naming the field).
pub fn report_from_values(
    client: &Client,
    base: &Report,
    values: &Values,
    today: NaiveDate,
) -> Result<Report, Vec<String>> {
    let def = forms::report_form();
    let mut r = base.clone();
    let mut errors = Vec::new();
    for f in def.all_fields() {
        let raw = values.get(&f.id).map(|s| s.trim()).unwrap_or("");
        let v = if f.kind == Kind::Date && !raw.is_empty() {
            match parse_date_input(raw, today) {
                Ok(d) => d.to_string(),
                Err(e) => {
                    errors.push(format!("{}: {e}", f.label));
                    continue;
                }
            }
        } else {
            raw.to_string()
        };
        report::set(&mut r, &f.id, &v);
    }
    errors.extend(report::validate(&def, client, &r));
    if errors.is_empty() {
        Ok(r)
    } else {
        Err(errors)
    }
}
