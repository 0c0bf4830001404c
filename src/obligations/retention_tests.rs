//! The rules of the 就労定着支援 period (docs/BASIS.md §4, 000 §1(4), §2): the
//! monthly contacts and reports, plan reviews, the handover share.

use serde_json::json;

use super::tests::{client, contact, d, find, month, run};
use super::*;
use crate::model::{RecordId, RecordRef, Status};

#[test]
fn monthly_face_to_face_not_satisfied_by_phone() {
    let c = client(
        json!({}),
        json!({"contacts": [
            contact("2026-11-05", "client", "phone", "other", &[]),
            contact("2026-11-06", "client", "email", "other", &[]),
        ]}),
    );
    let v = run(&c, "2026-12-10");
    assert_eq!(
        month(&v, "ret.monthly_face_to_face", "2026-11").status,
        Status::Overdue
    );
}

#[test]
fn monthly_face_to_face_satisfied_by_video_with_the_client() {
    let c = client(
        json!({}),
        json!({"contacts": [
            contact("2026-11-05", "employer", "in_person", "employer", &[]),
            contact("2026-11-20", "client", "video", "other", &[]),
        ]}),
    );
    let v = run(&c, "2026-12-10");
    let nov = month(&v, "ret.monthly_face_to_face", "2026-11");
    assert_eq!(nov.status, Status::Done);
    assert_eq!(
        nov.satisfied_by.as_ref().map(|r| r.date()),
        Some(d("2026-11-20"))
    );
}

#[test]
fn monthly_items_count_only_records_inside_the_support_period() {
    // S = 2026-10-15: a meeting on 10-10 is before the service started.
    let c = client(
        json!({}),
        json!({"contacts": [
            contact("2026-10-10", "client", "in_person", "office", &[]),
        ]}),
    );
    let v = run(&c, "2026-11-05");
    assert_eq!(
        month(&v, "ret.monthly_face_to_face", "2026-10").status,
        Status::Overdue
    );

    // E = 2029-10-14: a meeting on 10-20 is after the end.
    let c = client(
        json!({}),
        json!({"contacts": [
            contact("2029-10-20", "client", "in_person", "office", &[]),
        ]}),
    );
    let v = run(&c, "2029-10-25");
    let last = month(&v, "ret.monthly_face_to_face", "2029-10");
    assert_eq!(last.window_start, d("2029-10-01"));
    assert_eq!(last.status, Status::DueSoon);
    assert!(last.satisfied_by.is_none());
}

#[test]
fn monthly_report_is_satisfied_by_the_presentation_date_in_that_month() {
    let c = client(
        json!({}),
        json!({"reports": [
            {"month": "2026-10", "created": "2026-10-30", "presented": "2026-11-02"},
        ]}),
    );
    let v = run(&c, "2026-11-20");
    // Presented in November: November is done, October is not.
    assert_eq!(
        month(&v, "ret.monthly_report", "2026-10").status,
        Status::Overdue
    );
    let nov = month(&v, "ret.monthly_report", "2026-11");
    assert_eq!(nov.status, Status::Done);
    assert!(matches!(nov.satisfied_by, Some(RecordRef::Report { .. })));
}

#[test]
fn monthly_report_goes_to_the_earliest_record_whatever_the_load_order() {
    // Two reports presented on the same day (a correction re-presented):
    // the earlier record satisfies the month, in whichever order the store
    // hands them over (`due` reads reports in month order).
    let mut c = client(
        json!({}),
        json!({"reports": [
            {"month": "2026-11", "created": "2026-11-20", "presented": "2026-11-25"},
            {"month": "2026-10", "created": "2026-10-30", "presented": "2026-11-25"},
        ]}),
    );
    c.reports[0].id = Some(RecordId::new(7));
    c.reports[1].id = Some(RecordId::new(9));
    let forward = run(&c, "2026-11-30");
    c.reports.reverse();
    let backward = run(&c, "2026-11-30");
    assert_eq!(forward, backward);
    let nov = month(&forward, "ret.monthly_report", "2026-11");
    assert!(
        matches!(
            nov.satisfied_by,
            Some(RecordRef::Report { id: Some(id), .. }) if id == RecordId::new(7)
        ),
        "{:?}",
        nov.satisfied_by
    );
}

#[test]
fn monthly_employer_prefers_a_workplace_visit() {
    let c = client(
        json!({}),
        json!({"contacts": [
            contact("2026-11-02", "employer", "phone", "other", &[]),
            contact("2026-11-12", "employer", "in_person", "employer", &[]),
        ]}),
    );
    let v = run(&c, "2026-12-01");
    let nov = month(&v, "ret.monthly_employer", "2026-11");
    assert_eq!(
        nov.satisfied_by.as_ref().map(|r| r.date()),
        Some(d("2026-11-12"))
    );
}

#[test]
fn monthly_employer_waived_when_disability_not_disclosed() {
    let c = client(json!({}), json!({"disclosure": "closed"}));
    let v = run(&c, "2026-12-01");
    let nov = month(&v, "ret.monthly_employer", "2026-11");
    assert_eq!(nov.status, Status::Waived);
    assert_eq!(nov.waived_reason.as_deref(), Some("障害非開示"));
}

#[test]
fn plan_reviews_chain_every_six_months_from_the_previous_one() {
    let c = client(
        json!({}),
        json!({"plans": [
            {"created": "2026-10-15", "reviews": ["2027-04-10"]},
        ]}),
    );
    let v = run(&c, "2027-05-01");
    assert_eq!(find(&v, "ret.plan_initial").status, Status::Done);
    let reviews: Vec<&Obligation> = v.iter().filter(|o| o.id == "ret.plan_review").collect();
    assert_eq!(reviews.len(), 2);
    assert_eq!(
        (reviews[0].due, reviews[0].status, reviews[0].late),
        (d("2027-04-14"), Status::Done, false)
    );
    // The open one is due six months after the latest review.
    assert_eq!(
        (reviews[1].due, reviews[1].status),
        (d("2027-10-09"), Status::Open)
    );
}

#[test]
fn no_plan_means_initial_overdue_and_first_review_due_six_months_after_start() {
    let c = client(json!({}), json!({}));
    let v = run(&c, "2026-10-20");
    assert_eq!(find(&v, "ret.plan_initial").status, Status::Overdue);
    assert_eq!(find(&v, "ret.plan_review").due, d("2027-04-14"));
}

#[test]
fn a_late_plan_completes_the_initial_plan_marked_late() {
    let c = client(json!({}), json!({"plans": [{"created": "2026-10-20"}]}));
    let o = find(&run(&c, "2026-11-01"), "ret.plan_initial").clone();
    assert_eq!((o.status, o.late), (Status::Done, true));
}

#[test]
fn plan_review_not_listed_beyond_the_support_period() {
    let c = client(json!({}), json!({"plans": [{"created": "2029-06-01"}]}));
    let v = run(&c, "2029-06-02");
    assert!(
        v.iter()
            .filter(|o| o.id == "ret.plan_review")
            .all(|o| o.due <= d("2029-10-14"))
    );
}

#[test]
fn handover_share_on_time_satisfies_it() {
    let c = client(
        json!({}),
        json!({"needs_continuing_support": true,
        "handovers": [{"date": "2029-06-01", "agency": "障害者就業・生活支援センター"}]}),
    );
    let o = find(&run(&c, "2029-08-01"), "end.handover_share").clone();
    assert_eq!(o.status, Status::Done);
}

#[test]
fn handover_share_after_the_deadline_stays_overdue_as_a_deduction_risk() {
    let c = client(
        json!({}),
        json!({"needs_continuing_support": true,
        "handovers": [{"date": "2029-08-01", "agency": "障害者就業・生活支援センター"}]}),
    );
    let o = find(&run(&c, "2029-08-02"), "end.handover_share").clone();
    assert_eq!(o.status, Status::Overdue);
    assert!(
        o.note.as_deref().is_some_and(|n| n.contains("減算")),
        "{:?}",
        o.note
    );
}

#[test]
fn handover_share_without_consent_does_not_count() {
    let c = client(
        json!({}),
        json!({"needs_continuing_support": true,
        "handovers": [{"date": "2029-06-01", "agency": "センター", "consent": false}]}),
    );
    assert_eq!(
        find(&run(&c, "2029-08-01"), "end.handover_share").status,
        Status::Overdue
    );
}

#[test]
fn handover_share_waived_for_clients_not_needing_continuing_support() {
    let c = client(json!({}), json!({}));
    assert_eq!(
        find(&run(&c, "2029-08-01"), "end.handover_share").status,
        Status::Waived
    );
}
