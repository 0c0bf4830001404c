//! The 支援レポート in the generic form editor: the fields come from the
//! declarative definition (data/forms/report.toml), the prefill
//! (`document_forms::report::report_for`, shared with `report set`) and the checks
//! from `document_forms::report`.

use chrono::NaiveDate;

use super::{FieldError, Values, declared};
use crate::dates::YearMonth;
use crate::document_forms::{self, report};
use crate::model::{Client, Report};
use crate::obligations::support_period;
use crate::tui::form_editor::FieldSpec;

/// The report's own yes/no beside its fields: shared with the employer.
const SHARE: &str = "share_with_employer";

/// 対象者提示日 (data/forms/report.toml): the day the report was given to
/// the client, set by the 本人に渡した key.
pub(crate) const PRESENTED: &str = "presented";

/// The declared fields of `month`'s report, then 事業主と共有 (the
/// report's flag, not a field of the printed form). The 支援実績 heading
/// names the month, as 「年 月 の支援実績」 does on the form, and the key
/// that takes the month's contacts in (`refresh`, as the keymap binds it).
pub(crate) fn report_specs(month: YearMonth, refresh: Option<&str>) -> Vec<FieldSpec> {
    let mut specs = declared::specs(&document_forms::report_form());
    for s in specs
        .iter_mut()
        .filter(|s| s.heading.as_deref() == Some("支援実績"))
    {
        let key = refresh.map_or_else(String::new, |k| format!("（{k}で支援の記録を取り込む）"));
        s.heading = Some(format!(
            "{}の支援実績{key}",
            crate::wareki::format_year_month(month)
        ));
    }
    specs.push(FieldSpec::of(
        SHARE,
        &crate::fields::report::SHARE_WITH_EMPLOYER,
    ));
    specs
}

/// The month a new report is for: this month, or the last month of a
/// support period that has ended.
pub(crate) fn report_month(client: &Client, today: NaiveDate) -> YearMonth {
    let this = YearMonth::of(today);
    match client.current_employment().and_then(support_period) {
        Some((_, e)) if e < today => YearMonth::of(e),
        _ => this,
    }
}

/// The form's values: dates shown in 和暦 like every other form.
pub(crate) fn report_values(r: &Report) -> Values {
    let mut v = declared::shown(&document_forms::report_form(), report::values(r));
    v.insert(SHARE.into(), r.share_with_employer.to_string());
    v
}

/// The edited report, or every problem (Japanese, naming the field; the
/// sharing one under 事業主と共有, with `consent_key`, the key that records
/// a consent).
pub(crate) fn report_from_values(
    client: &Client,
    base: &Report,
    values: &Values,
    today: NaiveDate,
    consent_key: &str,
) -> Result<Report, Vec<FieldError>> {
    let def = document_forms::report_form();
    let (read, errors) = declared::read(&def, values, today);
    let mut r = base.clone();
    for f in def.all_fields() {
        report::set(
            &mut r,
            &f.id,
            read.get(&f.id).map(String::as_str).unwrap_or(""),
        );
    }
    r.share_with_employer = values.get(SHARE).is_some_and(|v| v == "true");
    let sharing = report::sharing_problem(client, &r, today);
    let mut errors: Vec<FieldError> = errors.into_iter().map(|m| ("", m)).collect();
    errors.extend(
        crate::validate::report_entry(&def, client, &r, today)
            .into_iter()
            .filter(|m| Some(m) != sharing.as_ref())
            .map(|m| ("", m)),
    );
    if let Some(m) = sharing {
        errors.push((SHARE, format!("{m}（{consent_key} で同意を記録）")));
    }
    if errors.is_empty() {
        Ok(r)
    } else {
        Err(errors)
    }
}
