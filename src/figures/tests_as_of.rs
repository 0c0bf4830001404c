//! The figures on a day read the record as it stood that day, and judge
//! each share and conference by the consent in force on its own day.

use serde_json::json;

use super::tests::d;
use super::tests_claims::{agency_consent, billing, continuing, face, one, report, supported};
use super::*;
use crate::model::{Consent, Settings};

/// A client's month of `b`: whether it is billable, and why not.
fn readiness(b: &Billing, month: &str) -> (Readiness, Vec<String>) {
    b.months
        .iter()
        .find(|x| x.month.to_string() == month)
        .map(|x| (x.readiness, x.reasons.clone()))
        .expect("the month")
}

fn consents(v: serde_json::Value) -> Vec<Consent> {
    serde_json::from_value(v).expect("consents")
}

#[test]
fn a_month_is_not_billable_on_a_day_before_its_evidence() {
    // In support from 2026-04-15; March 2027's face-to-face and its report
    // given to the client, both on 03-16.
    let c = supported(json!({
        "contacts": [face("2027-03-16", "in_person")],
        "reports": [report("2027-03", "2027-03-16")],
    }));
    let march = |b: &Billing| {
        b.months
            .iter()
            .find(|m| m.month.to_string() == "2027-03")
            .map(|m| (m.readiness, m.reasons.clone()))
    };
    let before = billing(std::slice::from_ref(&c), 2026, "2027-03-15");
    assert_eq!(
        march(&before),
        Some((
            Readiness::Pending,
            vec!["対面支援・支援レポート: 月末まで".to_string()]
        ))
    );
    let after = billing(&[c], 2026, "2027-04-01");
    assert_eq!(march(&after), Some((Readiness::Billable, vec![])));
}

#[test]
fn a_share_after_the_consent_was_withdrawn_does_not_count_until_it_is_given_again() {
    // The share is due by 2026-08-30. Consent given in 2024, withdrawn on
    // 2026-05-01; the share of 06-01 is made without it.
    let mut c = continuing(
        json!([{"date": "2026-06-01", "agency": "センター", "shared": "支援計画"}]),
        None,
    );
    c.consents = consents(json!([
        {"scope": "agency_sharing", "date": "2024-01-10", "written": true, "withdrawn": "2026-05-01"}
    ]));
    let check = one(c.clone(), "2026-11-23");
    assert_eq!(check.share, Share::Missing);
    assert!(check.unconsented);
    let items = crate::obligations::compute(&c, &Settings::default(), d("2026-11-23"));
    let share = items
        .iter()
        .find(|o| o.id == "end.handover_share")
        .expect("the share before the end");
    assert_eq!(share.status, crate::model::Status::Overdue);
    assert_eq!(
        share.note.as_deref(),
        Some("令和8年6月1日 の共有は数えません: 本人が同意を撤回した後 (000 §1(4)①)")
    );

    // Given again on 05-20: the share of 06-01 is in time.
    c.consents.extend(consents(json!([
        {"scope": "agency_sharing", "date": "2026-05-20", "written": true}
    ])));
    let check = one(c, "2026-11-23");
    assert_eq!(check.share, Share::InTime);
    assert!(!check.unconsented);
}

#[test]
fn a_conference_earns_the_addition_only_under_a_consent_in_force_on_its_day() {
    let conference =
        |date: &str| json!({"date": date, "agencies": ["medical"], "manager_informed": true});
    let mut withdrawn = agency_consent();
    withdrawn["withdrawn"] = json!("2026-07-01");
    let c = supported(json!({
        "consents": [withdrawn],
        "conferences": [conference("2026-06-10"), conference("2026-07-10")],
    }));
    let none = client_without_consent(conference("2026-08-10"));
    let a = compute(
        &[c, none],
        &[],
        &crate::model::Office::default(),
        &Settings::default(),
        FiscalYear(2026),
        d("2026-11-23"),
    )
    .conference_addition;
    let got: Vec<(String, Option<Addition>, Option<&str>)> = a
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.addition, m.reason))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-06".into(), Some(Addition::Two), None),
            (
                "2026-07".into(),
                None,
                Some("本人が同意を撤回した後 (000 §1(4)①)")
            ),
            (
                "2026-08".into(),
                None,
                Some("本人の同意の記録がない (000 §1(4)①)")
            ),
        ]
    );
    assert_eq!(a.count(Some(Addition::Two)), 1);
}

fn client_without_consent(conference: serde_json::Value) -> crate::model::Client {
    let mut c = supported(json!({"conferences": [conference]}));
    c.external_id = "N".into();
    c
}

#[test]
fn a_month_after_the_certificate_expired_is_not_billable_whatever_was_done() {
    // Both months fully evidenced; the 受給者証 ran to 2026-05-31.
    let c = supported(json!({
        "certificate_expires": "2026-05-31",
        "contacts": [face("2026-05-12", "in_person"), face("2026-06-12", "in_person")],
        "reports": [report("2026-05", "2026-05-28"), report("2026-06", "2026-06-28")],
    }));
    let b = billing(&[c], 2026, "2026-07-10");
    let month = |m: &str| readiness(&b, m);
    assert_eq!(month("2026-05"), (Readiness::Billable, vec![]));
    assert_eq!(
        month("2026-06"),
        (
            Readiness::NotBillable,
            vec!["受給者証の期限切れ（令和8年5月31日）".to_string()]
        )
    );
}

#[test]
fn a_month_of_the_job_coach_subsidy_is_not_billable() {
    let c = supported(json!({
        "job_coach_subsidy_months": ["2026-06"],
        "contacts": [face("2026-05-12", "in_person"), face("2026-06-12", "in_person")],
        "reports": [report("2026-05", "2026-05-28"), report("2026-06", "2026-06-28")],
    }));
    let b = billing(&[c], 2026, "2026-07-10");
    let month = |m: &str| readiness(&b, m);
    assert_eq!(month("2026-05"), (Readiness::Billable, vec![]));
    assert_eq!(
        month("2026-06"),
        (
            Readiness::NotBillable,
            vec!["職場適応援助者助成金の月（000 §4(1)①）".to_string()]
        )
    );
}

#[test]
fn a_renewed_certificate_keeps_its_months_billable_and_a_gap_is_not() {
    // The first 受給者証 ran 2026-04-01〜2026-06-30; the renewed one from
    // 2026-08-01 to 2027-07-31: July falls between them.
    let months = ["2026-05", "2026-06", "2026-07", "2026-08"];
    let faces: Vec<_> = months
        .iter()
        .map(|m| face(&format!("{m}-12"), "in_person"))
        .collect();
    let reports: Vec<_> = months
        .iter()
        .map(|m| report(m, &format!("{m}-28")))
        .collect();
    let c = supported(json!({
        "certificate_no": "2222", "certificate_from": "2026-08-01",
        "certificate_expires": "2027-07-31",
        "certificate_history": [{"number": "1111", "from": "2026-04-01", "to": "2026-06-30"}],
        "contacts": faces, "reports": reports,
    }));
    let b = billing(&[c], 2026, "2026-09-10");
    let month = |m: &str| readiness(&b, m);
    assert_eq!(month("2026-05"), (Readiness::Billable, vec![]));
    assert_eq!(month("2026-06"), (Readiness::Billable, vec![]));
    assert_eq!(
        month("2026-07"),
        (
            Readiness::NotBillable,
            vec!["受給者証の支給決定期間外".to_string()]
        )
    );
    assert_eq!(month("2026-08"), (Readiness::Billable, vec![]));
}
