//! The figures against hand-computed examples: 減算 risks, the 加算 and
//! billing readiness.

use serde_json::json;

use super::tests::{client, d, job};
use super::*;
use crate::model::{Client, Office, Settings};

/// Support 2023-12-01 … 2026-11-30 (A 2023-06-01): the share is due by
/// 2026-08-30 (E − 3 months), inside FY2026.
pub(super) fn continuing(handovers: serde_json::Value, sep: Option<&str>) -> Client {
    let mut j = job(Some("2023-12-01"), sep);
    j["start_date"] = json!("2023-06-01");
    client(
        "K",
        vec![j],
        json!({"needs_continuing_support": true, "handovers": handovers}),
    )
}

pub(super) fn office(guideline: &str, responsible: &str) -> Office {
    Office {
        handover_guideline: guideline.into(),
        handover_responsible: responsible.into(),
        ..Office::default()
    }
}

pub(super) fn risks(c: &[Client], office: &Office, today: &str) -> DeductionRisks {
    compute(
        c,
        &[],
        office,
        &Settings::default(),
        FiscalYear(2026),
        d(today),
    )
    .deduction_risks
}

pub(super) fn one(c: Client, today: &str) -> ShareCheck {
    let r = risks(&[c], &office("指針あり", "所長"), today);
    assert_eq!(r.clients.len(), 1, "{r:?}");
    r.clients[0].clone()
}

#[test]
fn a_share_on_e_minus_three_months_is_in_time_and_one_day_later_is_late() {
    let c = one(
        continuing(
            json!([{"date": "2026-08-30", "agency": "センター", "shared": "計画と課題"}]),
            None,
        ),
        "2026-11-23",
    );
    assert_eq!((c.support_end, c.due), (d("2026-11-30"), d("2026-08-30")));
    assert_eq!(c.share, Share::InTime);
    assert!(c.recorded && !c.gap_in_record());

    let c = one(
        continuing(
            json!([{"date": "2026-08-31", "agency": "センター", "shared": "計画と課題"}]),
            None,
        ),
        "2026-11-23",
    );
    assert_eq!(c.share, Share::Late);
    assert_eq!(c.shared_on, Some(d("2026-08-31")));
    assert_eq!(c.days_late, Some(1));
}

#[test]
fn no_share_is_pending_until_the_due_day_and_missing_after_it() {
    assert_eq!(
        one(continuing(json!([]), None), "2026-08-30").share,
        Share::Pending
    );
    assert_eq!(
        one(continuing(json!([]), None), "2026-08-31").share,
        Share::Missing
    );
}

#[test]
fn only_a_consented_share_for_the_end_counts_and_its_content_is_the_record() {
    // Without consent, and the month-6 handover to this service: neither counts.
    let c = one(
        continuing(
            json!([
                {"date": "2026-06-01", "agency": "センター", "shared": "課題", "consent": false},
                {"date": "2024-01-10", "agency": "定着", "obligations": ["m6.handover"]}
            ]),
            None,
        ),
        "2026-11-23",
    );
    assert_eq!(c.share, Share::Missing);
    assert!(c.unconsented);
    // In time but with nothing written of what was shared: ウ.
    let c = one(
        continuing(json!([{"date": "2026-07-01", "agency": "センター"}]), None),
        "2026-11-23",
    );
    assert_eq!(c.share, Share::InTime);
    assert!(c.gap_in_record());
}

#[test]
fn clients_who_need_no_share_this_year_are_not_listed() {
    // Left before the due day.
    assert!(
        risks(
            &[continuing(json!([]), Some("2026-08-29"))],
            &office("a", "b"),
            "2026-11-23"
        )
        .clients
        .is_empty()
    );
    // Not 要継続支援.
    let mut c = continuing(json!([]), None);
    c.needs_continuing_support = false;
    assert!(
        risks(&[c], &office("a", "b"), "2026-11-23")
            .clients
            .is_empty()
    );
    // Due in another fiscal year.
    let c = continuing(json!([]), None);
    let r = compute(
        &[c],
        &[],
        &office("a", "b"),
        &Settings::default(),
        FiscalYear(2025),
        d("2026-11-23"),
    );
    assert!(r.deduction_risks.clients.is_empty());
}

#[test]
fn the_office_is_at_risk_without_a_guideline_or_a_responsible_person() {
    assert!(!risks(&[], &office("指針", "所長"), "2026-11-23").at_risk());
    assert!(risks(&[], &office("", "所長"), "2026-11-23").at_risk());
    assert!(risks(&[], &office("指針", " "), "2026-11-23").at_risk());
    let late = continuing(
        json!([{"date": "2026-08-31", "agency": "c", "shared": "x"}]),
        None,
    );
    assert!(risks(&[late], &office("指針", "所長"), "2026-11-23").at_risk());
    let pending = continuing(json!([]), None);
    assert!(!risks(&[pending], &office("指針", "所長"), "2026-08-01").at_risk());
}

/// In support from 2026-04-15 (A 2025-10-15).
pub(super) fn supported(rest: serde_json::Value) -> Client {
    client("B", vec![job(Some("2026-04-15"), None)], rest)
}

/// Written consent to share with agencies, in force from before S.
pub(super) fn agency_consent() -> serde_json::Value {
    json!({"scope": "agency_sharing", "date": "2025-10-01", "written": true})
}

fn conference(date: &str, agencies: &[&str], attended: bool, informed: bool) -> serde_json::Value {
    json!({"date": date, "agencies": agencies, "manager_attended": attended,
           "manager_informed": informed})
}

#[test]
fn conferences_are_judged_per_client_and_month_type_one_before_type_two() {
    let c = supported(json!({"consents": [agency_consent()], "conferences": [
        conference("2026-03-10", &["employer"], true, false),
        conference("2026-04-20", &["life_support_center", "employer"], true, false),
        conference("2026-06-10", &["hello_work"], false, true),
        conference("2026-06-20", &["medical"], true, false),
        conference("2026-07-05", &[], true, false),
        conference("2026-08-05", &["municipality"], false, false),
        conference("2026-09-01", &["consultation_support"], false, true),
    ]}));
    let a = compute(
        &[c],
        &[],
        &Office::default(),
        &Settings::default(),
        FiscalYear(2026),
        d("2026-11-23"),
    )
    .conference_addition;
    let got: Vec<(String, usize, Option<Addition>, Option<&str>)> = a
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.conferences, m.addition, m.reason))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-04".into(), 1, Some(Addition::One), None),
            ("2026-06".into(), 2, Some(Addition::One), None),
            (
                "2026-07".into(),
                1,
                None,
                Some("関係機関（ア～ケ）の記録なし")
            ),
            (
                "2026-08".into(),
                1,
                None,
                Some("サービス管理責任者の出席・結果の共有の記録なし")
            ),
            ("2026-09".into(), 1, Some(Addition::Two), None),
        ]
    );
    assert_eq!(a.months[1].agencies.len(), 2);
    assert_eq!(
        (
            a.count(Some(Addition::One)),
            a.count(Some(Addition::Two)),
            a.count(None)
        ),
        (2, 1, 2)
    );
    // The March one is in FY2025 and before S: outside the support period.
    let a = compute(
        &[supported(
            json!({"conferences": [conference("2026-03-10", &["employer"], true, false)]}),
        )],
        &[],
        &Office::default(),
        &Settings::default(),
        FiscalYear(2025),
        d("2026-11-23"),
    )
    .conference_addition;
    assert_eq!(a.months[0].reason, Some("就労定着支援の期間外"));
}

pub(super) fn face(date: &str, method: &str) -> serde_json::Value {
    json!({"date": date, "counterpart": "client", "method": method, "place": "office"})
}

pub(super) fn report(month: &str, presented: &str) -> serde_json::Value {
    json!({"month": month, "created": presented, "presented": presented})
}

pub(super) fn billing(c: &[Client], fy: i32, today: &str) -> Billing {
    compute(
        c,
        &[],
        &Office::default(),
        &Settings::default(),
        FiscalYear(fy),
        d(today),
    )
    .billing
}

#[test]
fn a_month_is_billable_with_face_to_face_support_and_a_presented_report() {
    let c = supported(json!({
        "contacts": [
            face("2026-04-10", "in_person"), // before S: does not count
            face("2026-04-20", "in_person"),
            face("2026-05-12", "phone"),     // a call is not face to face
            face("2026-06-12", "video"),
        ],
        "reports": [report("2026-04", "2026-04-28"), report("2026-05", "2026-05-28")],
        "resolutions": [{"obligation": "ret.monthly_report", "period": "2026-07",
                         "reason": "入院中", "decided_by": "sato", "decided_on": "2026-07-01"}],
    }));
    let b = billing(&[c], 2026, "2026-08-10");
    let got: Vec<(String, Readiness, Vec<String>)> = b
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.readiness, m.reasons.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-04".into(), Readiness::Billable, vec![]),
            (
                "2026-05".into(),
                Readiness::NotBillable,
                vec!["対面支援の記録なし".to_string()]
            ),
            (
                "2026-06".into(),
                Readiness::NotBillable,
                vec!["支援レポート未提示".to_string()]
            ),
            (
                "2026-07".into(),
                Readiness::NotBillable,
                vec![
                    "対面支援の記録なし".to_string(),
                    "支援レポート: 対象外（入院中）".to_string()
                ]
            ),
            (
                "2026-08".into(),
                Readiness::Pending,
                vec!["対面支援・支援レポート: 月末まで".to_string()]
            ),
        ]
    );
    // April to August; nothing before April (FY2026) or after today's month.
    assert_eq!(b.summary.len(), 5);
    let s = b.summary[1];
    assert_eq!(
        (s.clients, s.billable, s.not_billable, s.pending),
        (1, 0, 1, 0)
    );
}

#[test]
fn the_month_of_a_separation_is_billed_only_with_its_evidence_and_later_months_not_at_all() {
    let mut j = job(Some("2026-04-15"), Some("2026-06-10"));
    j["start_date"] = json!("2025-10-15");
    let left = client(
        "L",
        vec![j],
        json!({"contacts": [face("2026-05-02", "in_person")],
               "reports": [report("2026-05", "2026-05-20")]}),
    );
    let b = billing(&[left], 2026, "2026-11-23");
    let got: Vec<(String, Readiness)> = b
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.readiness))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-04".into(), Readiness::NotBillable),
            ("2026-05".into(), Readiness::Billable),
            ("2026-06".into(), Readiness::NotBillable),
        ]
    );
    assert_eq!(
        b.months[2].reasons,
        ["対面支援・支援レポート: 対象外（離職）"]
    );
    // A past year lists all twelve months; March 2027 is the last.
    let b = billing(&[supported(json!({}))], 2026, "2027-06-01");
    assert_eq!(b.summary.len(), 12);
    assert_eq!(b.months.len(), 12);
    assert_eq!(b.months[11].month.to_string(), "2027-03");
    // A year that has not begun has nothing to bill.
    assert!(
        billing(&[supported(json!({}))], 2027, "2027-03-31")
            .summary
            .is_empty()
    );
}

#[test]
fn an_earlier_jobs_months_are_billed_from_that_jobs_records() {
    // First job in support April–June 2026 (left 6/30), then a new job.
    let mut first = job(Some("2026-04-15"), Some("2026-06-30"));
    first["start_date"] = json!("2025-10-15");
    let second = json!({"employer": {"name": "次の会社"}, "support_type": "standard",
                        "start_date": "2026-08-01"});
    let c = client(
        "N",
        vec![first, second],
        json!({"contacts": [face("2026-04-20", "in_person")],
               "reports": [report("2026-04", "2026-04-25")]}),
    );
    let b = billing(&[c], 2026, "2026-11-23");
    let got: Vec<(String, Readiness)> = b
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.readiness))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-04".into(), Readiness::Billable),
            ("2026-05".into(), Readiness::NotBillable),
            ("2026-06".into(), Readiness::NotBillable),
        ]
    );
}
