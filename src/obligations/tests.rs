//! One test per rule of docs/RULES.md and docs/BASIS.md §4, named for the rule.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::stage::Stage;
use super::*;
use crate::model::{Client, OBLIGATION_IDS, Obligation, RecordRef, Settings, Severity, Status};

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A client built from interchange JSON, so tests read like the data a
/// case worker records. `emp` overrides fields of a standard employment
/// starting 2026-04-15 with S = 2026-10-15.
pub(super) fn client(emp: Value, rest: Value) -> Client {
    let mut e = json!({
        "employer": {"name": "JS工業株式会社"},
        "support_type": "standard",
        "decision_date": "2026-03-20",
        "start_date": "2026-04-15",
        "intent": "applied",
        "retention_start_date": "2026-10-15"
    });
    for (k, v) in emp.as_object().expect("object") {
        e[k] = v.clone();
    }
    let mut c = json!({"external_id": "C001", "name": "山田 太郎", "employments": [e]});
    for (k, v) in rest.as_object().expect("object") {
        c[k] = v.clone();
    }
    serde_json::from_value(c).expect("valid client")
}

pub(super) fn contact(
    date: &str,
    counterpart: &str,
    method: &str,
    place: &str,
    obligations: &[&str],
) -> Value {
    json!({"date": date, "counterpart": counterpart, "method": method, "place": place,
           "obligations": obligations})
}

pub(super) fn run(c: &Client, today: &str) -> Vec<Obligation> {
    compute(c, &Settings::default(), d(today))
}

pub(super) fn find<'a>(v: &'a [Obligation], id: &str) -> &'a Obligation {
    v.iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

pub(super) fn month<'a>(v: &'a [Obligation], id: &str, m: &str) -> &'a Obligation {
    v.iter()
        .find(|o| o.id == id && o.period.map(|p| p.to_string()).as_deref() == Some(m))
        .unwrap_or_else(|| panic!("{id} {m} missing"))
}

#[test]
fn standard_employment_has_every_obligation_id_with_the_spec_windows() {
    let c = client(
        json!({}),
        json!({"needs_continuing_support": true, "certificate_expires": "2027-03-31"}),
    );
    let v = run(&c, "2026-04-01");
    for id in OBLIGATION_IDS {
        assert!(v.iter().any(|o| o.id == *id), "{id} missing");
    }
    let w = |id| {
        let o = find(&v, id);
        (o.window_start.to_string(), o.due.to_string())
    };
    assert_eq!(
        w("pre.needs_assessment"),
        ("2026-03-20".into(), "2026-04-14".into())
    );
    assert_eq!(
        w("pre.inform_service"),
        ("2026-03-20".into(), "2026-04-14".into())
    );
    assert_eq!(w("pre.report_municipality").1, "2026-04-29");
    assert_eq!(
        w("m23.confirm_intent"),
        ("2026-05-15".into(), "2026-07-14".into())
    );
    assert_eq!(
        w("m23.share_status"),
        ("2026-05-15".into(), "2026-07-14".into())
    );
    assert_eq!(
        w("m45.coordinate"),
        ("2026-07-15".into(), "2026-09-14".into())
    );
    assert_eq!(w("m6.handover"), ("2026-09-15".into(), "2026-10-14".into()));
    assert_eq!(
        w("ret.plan_initial"),
        ("2026-10-15".into(), "2026-10-15".into())
    );
    // E = min(period_end(S,36), period_end(A,42)) = 2029-10-14.
    assert_eq!(
        w("end.support_end"),
        ("2029-10-14".into(), "2029-10-14".into())
    );
    assert_eq!(w("end.handover_share").1, "2029-07-14");
    // Monthly items: every calendar month from 2026-10 to 2029-10.
    let faces = v
        .iter()
        .filter(|o| o.id == "ret.monthly_face_to_face")
        .count();
    assert_eq!(faces, 37);
    let oct = month(&v, "ret.monthly_report", "2026-10");
    assert_eq!(
        (oct.window_start, oct.due),
        (d("2026-10-15"), d("2026-10-31"))
    );
    // Severity and clause come with each item.
    assert_eq!(
        month(&v, "ret.monthly_employer", "2027-01").severity,
        crate::model::Severity::Effort
    );
    assert_eq!(
        find(&v, "end.support_end").severity,
        crate::model::Severity::Info
    );
    assert!(
        find(&v, "ret.monthly_face_to_face")
            .clause
            .contains("§1(4)②")
    );
}

#[test]
fn timeline_is_in_due_order() {
    let c = client(json!({}), json!({}));
    let v = run(&c, "2026-04-01");
    assert!(v.windows(2).all(|w| w[0].due <= w[1].due));
}

#[test]
fn hours_extension_anchors_on_the_day_after_the_prior_service_ends() {
    let c = client(
        json!({"support_type": "hours_extension", "start_date": null,
               "prior_service_end_date": "2026-03-31", "retention_start_date": "2026-10-01"}),
        json!({}),
    );
    let v = run(&c, "2026-03-20");
    assert_eq!(find(&v, "pre.needs_assessment").due, d("2026-03-31"));
    assert_eq!(find(&v, "m23.confirm_intent").window_start, d("2026-05-01"));
    assert_eq!(find(&v, "m6.handover").due, d("2026-09-30"));
    let r = find(&v, "pre.report_municipality");
    assert_eq!(r.status, Status::Waived);
    assert_eq!(r.status_label(), "対象外(通常型のみ)");
    assert_eq!(find(&v, "end.support_end").due, d("2029-09-30"));
}

#[test]
fn return_to_work_anchors_on_the_return_day() {
    let c = client(
        json!({"support_type": "return_to_work", "start_date": "2026-06-01",
               "retention_start_date": "2026-12-01"}),
        json!({}),
    );
    let v = run(&c, "2026-05-01");
    assert_eq!(find(&v, "pre.inform_service").due, d("2026-05-31"));
    assert_eq!(find(&v, "m6.handover").due, d("2026-11-30"));
    assert_eq!(find(&v, "pre.report_municipality").status, Status::Waived);
    assert_eq!(find(&v, "ret.plan_initial").due, d("2026-12-01"));
}

#[test]
fn month_end_anchor_clamps_to_february() {
    let c = client(
        json!({"start_date": "2026-08-31", "decision_date": "2026-08-01",
                          "retention_start_date": "2027-03-01"}),
        json!({}),
    );
    let v = run(&c, "2026-08-01");
    let m6 = find(&v, "m6.handover");
    assert_eq!(
        (m6.window_start, m6.due),
        (d("2027-01-31"), d("2027-02-28"))
    );
}

#[test]
fn leap_year_anchor_ends_on_february_29() {
    let c = client(
        json!({"start_date": "2027-08-30", "decision_date": "2027-08-01",
                          "retention_start_date": "2028-03-01"}),
        json!({}),
    );
    let v = run(&c, "2027-08-01");
    assert_eq!(find(&v, "m6.handover").due, d("2028-02-29"));
}

#[test]
fn a_linked_contact_completes_a_stage_step_and_a_late_one_is_marked_late() {
    let c = client(
        json!({}),
        json!({"contacts": [
            contact("2026-04-01", "client", "in_person", "office", &["pre.needs_assessment"]),
            contact("2026-07-20", "client", "phone", "other", &["m23.confirm_intent"]),
        ]}),
    );
    let v = run(&c, "2026-08-01");
    let pre = find(&v, "pre.needs_assessment");
    assert_eq!((pre.status, pre.late), (Status::Done, false));
    assert!(
        matches!(pre.satisfied_by, Some(RecordRef::Contact { date, .. }) if date == d("2026-04-01"))
    );
    let m23 = find(&v, "m23.confirm_intent");
    assert_eq!((m23.status, m23.late), (Status::Done, true));
    assert_eq!(m23.status_label(), "完了(遅延)");
    // Not linked: still overdue.
    assert_eq!(find(&v, "pre.inform_service").status, Status::Overdue);
}

#[test]
fn separation_waives_later_obligations_and_keeps_history() {
    let c = client(
        json!({"separation_date": "2027-01-10", "separation_reason": "自己都合"}),
        json!({"contacts": [contact("2026-11-05", "client", "in_person", "office", &[])]}),
    );
    let v = run(&c, "2027-03-01");
    assert_eq!(
        month(&v, "ret.monthly_face_to_face", "2026-11").status,
        Status::Done
    );
    // December was missed before the separation: it stays overdue.
    assert_eq!(
        month(&v, "ret.monthly_face_to_face", "2026-12").status,
        Status::Overdue
    );
    let jan = month(&v, "ret.monthly_face_to_face", "2027-01");
    assert_eq!(
        (jan.status, jan.waived_reason.as_deref()),
        (Status::Waived, Some("離職"))
    );
    assert_eq!(
        month(&v, "ret.monthly_report", "2027-02").status,
        Status::Waived
    );
    assert_eq!(find(&v, "end.support_end").status_label(), "対象外(離職)");
}

#[test]
fn late_application_gets_three_years_six_months_minus_time_employed() {
    // Employed 1年3月 before applying → 2年3月 left (000 §1(1) example).
    let c = client(
        json!({"start_date": "2026-01-15", "decision_date": "2025-12-20",
               "retention_start_date": "2027-04-15"}),
        json!({}),
    );
    let emp = c.current_employment().expect("employment");
    let (s, e) = support_period(emp).expect("period");
    assert_eq!(s, d("2027-04-15"));
    assert_eq!(e, crate::dates::period_end(s, 27));
    assert_eq!(e, d("2029-07-14"));
    assert_eq!(find(&run(&c, "2027-05-01"), "end.support_end").due, e);
}

#[test]
fn application_after_three_years_six_months_has_no_support_period() {
    let c = client(
        json!({"start_date": "2026-01-15", "retention_start_date": "2029-08-01"}),
        json!({}),
    );
    let v = run(&c, "2029-08-02");
    assert!(v.iter().all(|o| !o.id.starts_with("ret.")));
    assert_eq!(find(&v, "end.support_end").status, Status::Waived);
}

#[test]
fn status_boundaries_due_soon_at_warn_days_and_overdue_the_day_after() {
    let c = client(json!({}), json!({}));
    // m23 due 2026-07-14; warn window 14 days.
    let at = |t| find(&run(&c, t), "m23.confirm_intent").status;
    assert_eq!(at("2026-05-14"), Status::Upcoming);
    assert_eq!(at("2026-05-15"), Status::Open);
    assert_eq!(at("2026-06-29"), Status::Open);
    assert_eq!(at("2026-06-30"), Status::DueSoon);
    assert_eq!(at("2026-07-14"), Status::DueSoon);
    assert_eq!(at("2026-07-15"), Status::Overdue);
    let custom = Settings {
        warn_days: 3,
        ..Settings::default()
    };
    let s = find(&compute(&c, &custom, d("2026-07-10")), "m23.confirm_intent").status;
    assert_eq!(s, Status::Open);
}

#[test]
fn declined_intent_waives_the_steps_toward_retention() {
    let c = client(
        json!({"intent": "declined", "retention_start_date": null}),
        json!({}),
    );
    let v = run(&c, "2026-06-01");
    for id in ["m23.share_status", "m45.coordinate", "m6.handover"] {
        let o = find(&v, id);
        assert_eq!(
            (o.status, o.waived_reason.as_deref()),
            (Status::Waived, Some("利用希望なし")),
            "{id}"
        );
    }
    assert_eq!(find(&v, "m23.confirm_intent").status, Status::Open);
    assert!(v.iter().all(|o| !o.id.starts_with("ret.")));
}

#[test]
fn unknown_intent_keeps_later_steps_listed_with_a_warning() {
    let c = client(
        json!({"intent": "unknown", "retention_start_date": null}),
        json!({}),
    );
    let o = find(&run(&c, "2026-06-01"), "m45.coordinate").clone();
    assert_eq!(o.status, Status::Upcoming);
    assert!(o.note.is_some());
}

#[test]
fn share_status_warns_without_consent_and_not_with_it() {
    let linked = contact(
        "2026-06-01",
        "agency",
        "phone",
        "other",
        &["m23.share_status"],
    );
    let c = client(json!({}), json!({"contacts": [linked.clone()]}));
    let o = find(&run(&c, "2026-06-10"), "m23.share_status").clone();
    assert_eq!(o.status, Status::Done);
    assert!(o.note.is_some());
    let c = client(
        json!({}),
        json!({"contacts": [linked],
        "consents": [{"scope": "agency_sharing", "date": "2026-05-20", "written": true}]}),
    );
    assert!(
        find(&run(&c, "2026-06-10"), "m23.share_status")
            .note
            .is_none()
    );
}

#[test]
fn support_end_is_done_once_the_day_has_passed() {
    let c = client(json!({}), json!({}));
    assert_eq!(
        find(&run(&c, "2029-10-14"), "end.support_end").status,
        Status::DueSoon
    );
    assert_eq!(
        find(&run(&c, "2029-10-15"), "end.support_end").status,
        Status::Done
    );
}

#[test]
fn no_anchor_gives_no_obligations() {
    let c = client(json!({"start_date": null}), json!({}));
    assert!(run(&c, "2026-06-01").is_empty());
}

#[test]
fn stage_follows_the_flow() {
    let c = client(json!({}), json!({}));
    let at = |t| stage(&c, d(t));
    assert_eq!(at("2026-04-01"), Stage::PreEmployment);
    assert_eq!(at("2026-04-15"), Stage::Month1);
    assert_eq!(at("2026-06-01"), Stage::Months2to3);
    assert_eq!(at("2026-08-01"), Stage::Months4to5);
    assert_eq!(at("2026-10-01"), Stage::Month6);
    assert_eq!(at("2026-10-15"), Stage::Retention { year: 1 });
    assert_eq!(at("2027-10-15"), Stage::Retention { year: 2 });
    assert_eq!(at("2029-10-14"), Stage::Retention { year: 3 });
    assert_eq!(at("2029-10-15"), Stage::Ended);
    let waiting = client(json!({"retention_start_date": "2026-12-01"}), json!({}));
    assert_eq!(stage(&waiting, d("2026-11-01")), Stage::AwaitingService);
    let left = client(json!({"separation_date": "2027-01-10"}), json!({}));
    assert_eq!(stage(&left, d("2027-01-10")), Stage::Separated);
    assert!(Stage::Retention { year: 3 }.badge().chars().count() <= 6);
}

#[test]
fn compute_where_is_compute_then_filter_in_the_same_order() {
    let today = d("2026-11-23");
    let doc = crate::demo::generate(60, today);
    let settings = Settings::default();
    let keeps: [fn(Status, NaiveDate, Severity) -> bool; 4] = [
        |s, _, _| s == Status::Overdue,
        |s, due, _| s != Status::Done && due <= d("2026-12-31"),
        |_, due, _| due.format("%d").to_string() == "31",
        |s, _, sev| s == Status::Overdue && sev == Severity::Required,
    ];
    let mut kept = 0;
    for c in &doc.clients {
        for keep in keeps {
            let all = compute(c, &settings, today);
            let expected: Vec<_> = all
                .into_iter()
                .filter(|o| keep(o.status, o.due, o.severity))
                .collect();
            kept += expected.len();
            assert_eq!(compute_where(c, &settings, today, keep), expected);
        }
    }
    assert!(
        kept > 100,
        "the filters kept too little to mean anything: {kept}"
    );
}
