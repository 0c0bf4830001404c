//! The client record and the whole case: the client with every record, as
//! an import or an export holds it.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::records::{
    closure_into, conference_into, consent_into, contact_into, employment_into, handover_into,
    plan_into, report_into, resolution_into,
};
use super::{Check, Problem, collect, collect_restoring};
use crate::model::Client;

/// The client's own fields (not their records).
pub fn client(c: &Client, today: NaiveDate) -> Vec<Problem> {
    collect(today, |k| client_into(k, c))
}

fn client_into(k: &mut Check<'_>, c: &Client) {
    if c.external_id.trim().is_empty() {
        k.report("external_id", &[], "利用者IDが空です".to_string());
    }
    if c.name.trim().is_empty() {
        k.report("name", &[], "氏名が空です".to_string());
    }
    k.line("external_id", "利用者ID", &c.external_id);
    k.line("name", "氏名", &c.name);
    k.line("kana", "ふりがな", &c.kana);
    k.line("sex", "性別", &c.sex);
    k.line("certificate_no", "受給者証番号", &c.certificate_no);
    k.line("municipality", "援護の実施市町村", &c.municipality);
    if let Some(staff) = &c.assigned_staff {
        k.line("assigned_staff", "担当職員", staff);
    }
    if let Some(b) = c.birth_date {
        k.done_by_today("birth_date", "生年月日", b);
    }
    k.plausible_opt(
        "certificate_expires",
        "受給者証の有効期限",
        c.certificate_expires,
    );
    k.fields(&c.fields);
    if let Some(x) = &c.closure {
        closure_into(&mut k.nested("closure."), x);
    }
}

/// The client and every record of the case, each problem at its path
/// (`contacts[3].date`).
pub fn client_case(c: &Client, today: NaiveDate) -> Vec<Problem> {
    collect(today, |k| case_into(k, c))
}

/// `client_case` for a case being restored (import): every rule but "not
/// after today", which is for what a person enters.
pub fn client_case_restoring(c: &Client, today: NaiveDate) -> Vec<Problem> {
    collect_restoring(today, |k| case_into(k, c))
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
