//! The 支援レポート in the generic form editor: the fields come from the
//! declarative definition (data/forms/report.toml), the prefill
//! (`forms::report::report_for`, shared with `report set`) and the checks
//! from `forms::report`.

use chrono::NaiveDate;

use super::{Values, declared};
use crate::dates::YearMonth;
use crate::forms::{self, report};
use crate::model::{Client, Report};
use crate::obligations::support_period;
use crate::tui::form::FieldSpec;

pub fn report_specs() -> Vec<FieldSpec> {
    declared::specs(&forms::report_form())
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

/// The form's values: dates shown in 和暦 like every other form.
pub fn report_values(r: &Report) -> Values {
    declared::shown(&forms::report_form(), report::values(r))
}

/// The edited report, or every problem (Japanese, naming the field).
pub fn report_from_values(
    client: &Client,
    base: &Report,
    values: &Values,
    today: NaiveDate,
) -> Result<Report, Vec<String>> {
    let def = forms::report_form();
    let (read, mut errors) = declared::read(&def, values, today);
    let mut r = base.clone();
    for f in def.all_fields() {
        report::set(
            &mut r,
            &f.id,
            read.get(&f.id).map(String::as_str).unwrap_or(""),
        );
    }
    errors.extend(report::validate(&def, client, &r, today));
    if errors.is_empty() {
        Ok(r)
    } else {
        Err(errors)
    }
}
