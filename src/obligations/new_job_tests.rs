//! A new job after a 離職: the current job's items count only the records
//! made after the earlier job ended.

use chrono::NaiveDate;
use serde_json::json;

use super::compute;
use crate::model::{Client, Obligation, Settings, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// 東西製作所 2025-04-01 .. 離職 2026-03-31, then ミナト工業 from
/// 2026-06-01 (decided 2026-05-10); a contact, a plan and a 対象外 of the
/// first job, and a contact of the second.
fn client() -> Client {
    serde_json::from_value(json!({
        "external_id": "C001", "name": "山田 太郎",
        "employments": [
            {"employer": {"name": "東西製作所"}, "support_type": "standard",
             "decision_date": "2025-03-10", "start_date": "2025-04-01", "intent": "applied",
             "retention_start_date": "2025-10-01", "separation_date": "2026-03-31"},
            {"employer": {"name": "ミナト工業"}, "support_type": "standard",
             "decision_date": "2026-05-10", "start_date": "2026-06-01", "intent": "unknown",
             "retention_start_date": "2026-12-01"}
        ],
        "contacts": [
            {"date": "2025-03-20", "counterpart": "client", "method": "in_person",
             "place": "office", "obligations": ["pre.needs_assessment", "pre.inform_service"]},
            {"date": "2026-05-20", "counterpart": "client", "method": "in_person",
             "place": "office", "obligations": ["pre.inform_service"]}
        ],
        "plans": [{"created": "2025-10-05"}],
        "resolutions": [
            {"obligation": "pre.report_municipality", "reason": "前の就職で報告済み",
             "decided_by": "sato", "decided_on": "2025-04-10"}
        ]
    }))
    .expect("valid client")
}

/// The current job's item `id`.
fn find<'a>(v: &'a [Obligation], id: &str) -> &'a Obligation {
    v.iter()
        .find(|o| o.id == id && o.job.is_none())
        .unwrap_or_else(|| panic!("{id} missing"))
}

#[test]
fn the_earlier_jobs_records_complete_nothing_of_the_new_one() {
    let v = compute(&client(), &Settings::default(), d("2026-12-10"));
    let needs = find(&v, "pre.needs_assessment");
    assert_eq!(
        (needs.window_start, needs.due, needs.status),
        (d("2026-05-10"), d("2026-05-31"), Status::Overdue)
    );
    let inform = find(&v, "pre.inform_service");
    assert_eq!(inform.status, Status::Done, "the new job's own contact");
    assert_eq!(
        inform.satisfied_by.as_ref().map(|r| r.date()),
        Some(d("2026-05-20"))
    );
    assert_ne!(
        find(&v, "pre.report_municipality").status,
        Status::Waived,
        "the earlier job's 対象外 is its own"
    );
    let plan = find(&v, "ret.plan_initial");
    assert_ne!(
        plan.status,
        Status::Done,
        "the earlier job's plan is its own"
    );
}

/// The earlier job's item `id` (of the job with anchor 2025-04-01).
fn earlier<'a>(v: &'a [Obligation], id: &str, month: Option<&str>) -> &'a Obligation {
    v.iter()
        .find(|o| {
            o.id == id
                && o.job == Some(d("2025-04-01"))
                && o.period.map(|p| p.to_string()).as_deref() == month
        })
        .unwrap_or_else(|| panic!("the earlier job's {id} {month:?} missing"))
}

#[test]
fn the_earlier_job_keeps_its_timeline_done_waived_by_the_separation_or_still_overdue() {
    let v = compute(&client(), &Settings::default(), d("2026-12-10"));
    // Done by its own contact and plan.
    assert_eq!(
        earlier(&v, "pre.needs_assessment", None).status,
        Status::Done
    );
    assert_eq!(earlier(&v, "ret.plan_initial", None).status, Status::Done);
    // Its own 対象外, decided while it was the job.
    assert_eq!(
        earlier(&v, "pre.report_municipality", None).status,
        Status::Waived
    );
    // March 2026's face-to-face was missed while still employed: it stays
    // overdue; April's came after the 離職 and is waived by it.
    assert_eq!(
        earlier(&v, "ret.monthly_face_to_face", Some("2026-03")).status,
        Status::Overdue
    );
    let april = earlier(&v, "ret.monthly_face_to_face", Some("2026-04"));
    assert_eq!(
        (april.status, april.status_label()),
        (Status::Waived, "対象外(離職)".into())
    );
    // Nothing of the earlier job is listed as the current job's.
    let current_ids = v.iter().filter(|o| o.job.is_none()).count();
    let kept = v.iter().filter(|o| o.job.is_some()).count();
    assert!(
        kept > 30 && current_ids > 10,
        "{kept} kept, {current_ids} now"
    );
}

#[test]
fn a_decision_naming_the_earlier_job_decides_its_item_after_the_new_job_began() {
    let mut c = client();
    let later: crate::model::Resolution = serde_json::from_value(json!({
        "obligation": "ret.monthly_face_to_face", "period": "2026-03",
        "reason": "入院中", "decided_by": "sato", "decided_on": "2026-11-01",
        "job": "2025-04-01"
    }))
    .expect("resolution");
    c.resolutions.push(later);
    let v = compute(&c, &Settings::default(), d("2026-12-10"));
    let march = earlier(&v, "ret.monthly_face_to_face", Some("2026-03"));
    assert_eq!(
        (march.status, march.waived_by.as_deref()),
        (Status::Waived, Some("sato"))
    );
    // And the same step of the new job is untouched by it.
    let pre = find(&v, "pre.needs_assessment");
    assert_eq!(pre.waived_by, None);
}
