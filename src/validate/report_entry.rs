//! A report entered in the editor or by `report set`, checked before it is
//! saved: beyond the rule set, it needs its client (the support period, the
//! consent to share) and its form's definition. Here rather than in
//! `crate::document_forms`, so the forms never call back into the rule set.

use chrono::NaiveDate;

use crate::document_forms::{FormDef, report};
use crate::model::{Client, Report};

/// Every problem with a report before it is saved from the editor or
/// `report set`: the rule set's (the same the store applies), the form's
/// required fields, the month inside the support period, and sharing with
/// the employer without the consent for it (`sharing_problem`).
pub(crate) fn report_entry(
    def: &FormDef,
    client: &Client,
    r: &Report,
    today: NaiveDate,
) -> Vec<String> {
    let mut p: Vec<String> = super::report(r, today)
        .into_iter()
        .map(|p| p.message)
        .collect();
    p.extend(def.missing(&report::values(r)));
    if let Err(e) = report::check_month(client, r.month) {
        p.push(e);
    }
    p.extend(report::sharing_problem(client, r, today));
    p
}
