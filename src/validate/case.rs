//! The client record and the whole case: the client with every record, as
//! an import or an export holds it.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::record_rules::{
    closure_into, conference_into, consent_into, contact_into, employment_into, handover_into,
    plan_into, report_into, resolution_into,
};
use super::{Check, Problem, collect};
use crate::fields;
use crate::model::Client;

/// The client's own fields (not their records).
pub(crate) fn client(c: &Client, today: NaiveDate) -> Vec<Problem> {
    collect(today, |k| client_into(k, c))
}

fn client_into(k: &mut Check<'_>, c: &Client) {
    use fields::client as f;
    k.field(&f::EXTERNAL_ID, &c.external_id);
    k.field(&f::NAME, &c.name);
    k.field(&f::KANA, &c.kana);
    k.field(&f::SEX, &c.sex);
    k.field(&f::CERTIFICATE_NO, &c.certificate_no);
    k.field(&f::MUNICIPALITY, &c.municipality);
    if let Some(staff) = &c.assigned_staff {
        k.field(&f::ASSIGNED_STAFF, staff);
    }
    if let Some(b) = c.birth_date {
        k.done_by_today(f::BIRTH_DATE.key, f::BIRTH_DATE.label, b);
    }
    let expires = f::CERTIFICATE_EXPIRES;
    k.plausible_opt(expires.key, expires.label, c.certificate_expires);
    let from = f::CERTIFICATE_FROM;
    k.plausible_opt(from.key, from.label, c.certificate_from);
    if let (Some(a), Some(b)) = (c.certificate_from, c.certificate_expires) {
        k.order((from.key, from.label, a), (expires.key, expires.label, b));
    }
    for (i, h) in c.certificate_history.iter().enumerate() {
        let mut k = k.nested(&format!("certificate_history[{i}]."));
        k.field(&f::HISTORY_NUMBER, &h.number);
        k.field(&f::MUNICIPALITY, &h.municipality);
        k.plausible_opt("from", from.label, h.from);
        k.plausible_opt("to", expires.label, h.to);
        if let (Some(a), Some(b)) = (h.from, h.to) {
            k.order(("from", from.label, a), ("to", expires.label, b));
        }
    }
    k.fields(&c.fields);
    if let Some(x) = &c.closure {
        closure_into(&mut k.nested("closure."), x);
    }
}

/// The client and every record of the case, each problem at its path
/// (`contacts[3].date`).
pub(crate) fn client_case(c: &Client, today: NaiveDate) -> Vec<Problem> {
    collect(today, |k| case_into(k, c))
}

/// `client_case` for a case being restored (import). The same rules as
/// for a case entered by hand, "not after today" included: a birth date or
/// a contact dated after today is a mistake in a file as much as in a form.
pub(crate) fn client_case_restoring(c: &Client, today: NaiveDate) -> Vec<Problem> {
    client_case(c, today)
}

fn case_into(k: &mut Check<'_>, c: &Client) {
    {
        client_into(k, c);
        for (i, e) in c.employments.iter().enumerate() {
            employment_into(&mut k.nested(&format!("employments[{i}].")), e);
        }
        for (i, x) in c.contacts.iter().enumerate() {
            contact_into(&mut k.nested(&format!("contacts[{i}].")), x);
        }
        let mut months: BTreeMap<_, usize> = BTreeMap::new();
        for (i, r) in c.reports.iter().enumerate() {
            report_into(&mut k.nested(&format!("reports[{i}].")), r);
            // One 支援レポート per client and month.
            if let Some(first) = months.insert(r.month, i) {
                k.report(
                    &format!("reports[{i}].month"),
                    &[&format!("reports[{first}].month")],
                    format!(
                        "{} の支援レポートが2件あります（{}件目と{}件目）。1件にまとめてください",
                        r.month,
                        first + 1,
                        i + 1
                    ),
                );
            }
        }
        for (i, p) in c.plans.iter().enumerate() {
            plan_into(&mut k.nested(&format!("plans[{i}].")), p);
        }
        for (i, x) in c.consents.iter().enumerate() {
            consent_into(&mut k.nested(&format!("consents[{i}].")), x);
        }
        for (i, h) in c.handovers.iter().enumerate() {
            handover_into(&mut k.nested(&format!("handovers[{i}].")), h);
        }
        for (i, x) in c.conferences.iter().enumerate() {
            conference_into(&mut k.nested(&format!("conferences[{i}].")), x);
        }
        let mut decided: BTreeMap<_, usize> = BTreeMap::new();
        for (i, r) in c.resolutions.iter().enumerate() {
            resolution_into(&mut k.nested(&format!("resolutions[{i}].")), r);
            if let Some(first) = decided.insert((r.obligation, r.period), i) {
                k.report(
                    &format!("resolutions[{i}].obligation"),
                    &[&format!("resolutions[{first}].obligation")],
                    format!("{} の対象外の判断が2件あります", r.obligation),
                );
            }
        }
    }
}
