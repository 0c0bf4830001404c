//! The record as of a day: a record dated after the day asked about
//! counts for nothing on that day, and counts from its own day on.

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::json;

use super::compute;
use crate::model::{Client, Obligation, ObligationId, Settings, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn status(v: &[Obligation], id: ObligationId, month: Option<&str>) -> Status {
    v.iter()
        .find(|o| o.id == id.as_str() && o.period.map(|p| p.to_string()).as_deref() == month)
        .map(|o| o.status)
        .unwrap_or_else(|| panic!("{id:?} {month:?} missing"))
}

/// Working from 2026-10-01: month 6 is March 2027, and a contact of
/// 2027-03-16 is the month-6 handover.
fn in_month_six() -> Client {
    serde_json::from_value(json!({
        "external_id": "A", "name": "山田 太郎",
        "employments": [{"employer": {"name": "東西製作所"}, "support_type": "standard",
            "decision_date": "2026-09-10", "start_date": "2026-10-01", "intent": "applied"}],
        "contacts": [{"date": "2027-03-16", "counterpart": "agency", "method": "phone",
            "place": "office", "obligations": ["m6.handover"]}]
    }))
    .expect("valid client")
}

/// In 就労定着支援 from 2027-01-01; March's face-to-face on the 16th, the
/// plan on the 18th, March's report given on the 16th, an employer
/// contact marked 対象外 on the 20th, and the case closed on the 25th.
fn in_support() -> Client {
    serde_json::from_value(json!({
        "external_id": "B", "name": "佐藤 花子",
        "employments": [{"employer": {"name": "ミナト工業"}, "support_type": "standard",
            "decision_date": "2026-06-10", "start_date": "2026-07-01", "intent": "applied",
            "retention_start_date": "2027-01-01"}],
        "contacts": [{"date": "2027-03-16", "counterpart": "client", "method": "in_person",
            "place": "office"}],
        "plans": [{"created": "2027-03-18"}],
        "reports": [{"month": "2027-03", "created": "2027-03-10", "presented": "2027-03-16"}],
        "resolutions": [{"obligation": "ret.monthly_employer", "period": "2027-03",
            "reason": "入院中", "decided_by": "sato", "decided_on": "2027-03-20"}],
        "closure": {"date": "2027-03-25", "reason": "other"}
    }))
    .expect("valid client")
}

#[test]
fn a_contact_dated_after_the_day_does_not_complete_the_month_six_handover_yet() {
    let s = Settings::default();
    let before = compute(&in_month_six(), &s, d("2027-03-15"));
    assert_ne!(
        status(&before, ObligationId::M6_HANDOVER, None),
        Status::Done
    );
    let on = compute(&in_month_six(), &s, d("2027-03-16"));
    assert_eq!(status(&on, ObligationId::M6_HANDOVER, None), Status::Done);
}

#[test]
fn each_record_counts_from_its_own_day() {
    let s = Settings::default();
    let c = in_support();
    let mid = compute(&c, &s, d("2027-03-15"));
    let march = Some("2027-03");
    assert_eq!(
        status(&mid, ObligationId::RET_MONTHLY_FACE_TO_FACE, march),
        Status::Open
    );
    assert_eq!(
        status(&mid, ObligationId::RET_MONTHLY_REPORT, march),
        Status::Open,
        "made on the 10th, but not given to the client until the 16th"
    );
    assert_ne!(
        status(&mid, ObligationId::RET_PLAN_INITIAL, None),
        Status::Done
    );
    assert_eq!(
        status(&mid, ObligationId::RET_MONTHLY_EMPLOYER, march),
        Status::Open,
        "the 対象外 is decided on the 20th"
    );
    assert_eq!(
        status(
            &mid,
            ObligationId::RET_MONTHLY_FACE_TO_FACE,
            Some("2027-04")
        ),
        Status::Upcoming,
        "the case is not closed before the 25th"
    );

    let end = compute(&c, &s, d("2027-03-31"));
    assert_eq!(
        status(&end, ObligationId::RET_MONTHLY_FACE_TO_FACE, march),
        Status::Done
    );
    assert_eq!(
        status(&end, ObligationId::RET_MONTHLY_REPORT, march),
        Status::Done
    );
    assert_eq!(
        status(&end, ObligationId::RET_PLAN_INITIAL, None),
        Status::Done
    );
    assert_eq!(
        status(&end, ObligationId::RET_MONTHLY_EMPLOYER, march),
        Status::Waived
    );
    assert_eq!(
        status(
            &end,
            ObligationId::RET_MONTHLY_FACE_TO_FACE,
            Some("2027-04")
        ),
        Status::Waived,
        "closed on the 25th"
    );
}

#[test]
fn a_job_decided_after_the_day_is_not_yet_the_clients() {
    let s = Settings::default();
    assert!(compute(&in_month_six(), &s, d("2026-09-09")).is_empty());
    assert!(!compute(&in_month_six(), &s, d("2026-09-10")).is_empty());
}

#[test]
fn a_separation_after_the_day_has_not_ended_the_job_yet() {
    let mut c = in_support();
    c.closure = None;
    if let Some(e) = c.employments.first_mut() {
        e.separation_date = Some(d("2027-05-31"));
    }
    let s = Settings::default();
    let april = Some("2027-06");
    let before = compute(&c, &s, d("2027-04-30"));
    assert_eq!(
        status(&before, ObligationId::RET_MONTHLY_FACE_TO_FACE, april),
        Status::Upcoming
    );
    let after = compute(&c, &s, d("2027-06-01"));
    assert_eq!(
        status(&after, ObligationId::RET_MONTHLY_FACE_TO_FACE, april),
        Status::Waived
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// On any day, what is done was done by that day, and records dated
    /// later — whatever they are — change nothing of that day's answer.
    #[test]
    fn only_what_happened_by_the_day_counts(
        which in 0usize..40,
        day_offset in 0i64..900,
        later in 1i64..400,
    ) {
        let doc = crate::demo::generate(40, d("2028-06-30"));
        let client = doc.clients.get(which).cloned().expect("a demo client");
        let day = d("2026-01-01") + chrono::Duration::days(day_offset);
        let s = Settings::default();
        let v = compute(&client, &s, day);
        for o in &v {
            if let Some(r) = &o.satisfied_by {
                prop_assert!(r.date() <= day, "{} done by a record of {}", o.id, r.date());
            }
        }
        // Everything after the day, moved later still, and one more of each
        // kind of record: the answer on `day` is the same.
        let mut moved = client.clone();
        let shift = chrono::Duration::days(later);
        for c in moved.contacts.iter_mut().filter(|c| c.date > day) {
            c.date += shift;
        }
        if let Some(c) = moved.contacts.first().cloned() {
            moved.contacts.push(crate::model::Contact { date: day + shift, ..c });
        }
        moved.plans.push(crate::model::Plan {
            id: None, version: 0, created: day + shift, reviews: vec![], fields: Default::default(),
        });
        for r in moved.reports.iter_mut() {
            if r.presented.is_some_and(|p| p > day) {
                r.presented = Some(day + shift);
            }
        }
        prop_assert_eq!(compute(&moved, &s, day), v);
    }
}
