//! The engine and a person's decisions: 対象外 with a reason, 終結, 離職
//! to the end, and 引継ぎ records completing the steps they record.

use serde_json::json;

use super::tests::{client, contact, find, month, run};
use crate::model::Status;

#[test]
fn after_separation_the_end_of_support_stays_not_applicable_once_its_day_passes() {
    let c = client(json!({"separation_date": "2027-01-10"}), json!({}));
    // E = 2029-10-14; long after it, the support still ended with the job.
    let v = run(&c, "2030-01-01");
    let end = find(&v, "end.support_end");
    assert_eq!(end.status, Status::Waived);
    assert_eq!(end.status_label(), "対象外(離職)");
}

#[test]
fn a_persons_decision_waives_one_month_with_its_reason_and_who() {
    let c = client(
        json!({}),
        json!({"resolutions": [{"obligation": "ret.monthly_face_to_face", "period": "2026-11",
                                 "reason": "入院中", "decided_by": "sato",
                                 "decided_on": "2026-12-01"}]}),
    );
    let v = run(&c, "2027-01-20");
    let nov = month(&v, "ret.monthly_face_to_face", "2026-11");
    assert_eq!(nov.status, Status::Waived);
    assert_eq!(nov.status_label(), "対象外(入院中)");
    assert_eq!(nov.waived_by.as_deref(), Some("sato"));
    assert_eq!(
        month(&v, "ret.monthly_face_to_face", "2026-12").status,
        Status::Overdue,
        "only the month decided"
    );
    assert_eq!(
        month(&v, "ret.monthly_report", "2026-11").status,
        Status::Overdue,
        "only the item decided"
    );
}

#[test]
fn a_decision_does_not_undo_work_done() {
    let c = client(
        json!({}),
        json!({"contacts": [contact("2026-11-05", "client", "in_person", "office", &[])],
               "resolutions": [{"obligation": "ret.monthly_face_to_face", "period": "2026-11",
                                 "reason": "入院中", "decided_by": "sato",
                                 "decided_on": "2026-12-01"}]}),
    );
    let nov = month(
        &run(&c, "2027-01-20"),
        "ret.monthly_face_to_face",
        "2026-11",
    )
    .clone();
    assert_eq!((nov.status, nov.waived_by), (Status::Done, None));
}

#[test]
fn a_closed_case_waives_what_falls_due_after_the_closure_with_its_reason() {
    let c = client(
        json!({}),
        json!({"closure": {"date": "2027-01-10", "reason": "moved"}}),
    );
    let v = run(&c, "2027-03-01");
    assert_eq!(
        month(&v, "ret.monthly_face_to_face", "2026-12").status,
        Status::Overdue,
        "missed before the closure: history"
    );
    let feb = month(&v, "ret.monthly_face_to_face", "2027-02");
    assert_eq!(feb.status_label(), "対象外(転居)");
    assert_eq!(find(&v, "end.support_end").status, Status::Waived);
}

#[test]
fn a_handover_record_linked_to_the_month_6_step_completes_it() {
    let c = client(
        json!({}),
        json!({"handovers": [{"date": "2026-09-20", "agency": "就労定着支援事業所○○",
                               "obligations": ["m6.handover"]}]}),
    );
    let v = run(&c, "2026-12-01");
    let h = find(&v, "m6.handover");
    assert_eq!(h.status, Status::Done);
    assert!(matches!(
        h.satisfied_by,
        Some(crate::model::RecordRef::Handover { .. })
    ));
}

#[test]
fn a_month_6_handover_is_not_the_share_before_the_end() {
    let c = client(
        json!({}),
        json!({"needs_continuing_support": true,
               "handovers": [{"date": "2026-09-20", "agency": "就労定着支援事業所○○",
                              "obligations": ["m6.handover"]}]}),
    );
    let v = run(&c, "2029-08-01");
    assert_eq!(find(&v, "end.handover_share").status, Status::Overdue);
    // An unlinked handover keeps its old meaning: the share before the end.
    let c = client(
        json!({}),
        json!({"needs_continuing_support": true,
               "handovers": [{"date": "2029-06-01", "agency": "障害者就業・生活支援センター"}]}),
    );
    assert_eq!(
        find(&run(&c, "2029-08-01"), "end.handover_share").status,
        Status::Done
    );
}
