//! One test per rule, named for it.

use chrono::NaiveDate;

use super::*;
use crate::model::{Closure, ClosureReason, Contact, Counterpart, Method, Place, Report};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn today() -> NaiveDate {
    d("2026-12-01")
}

fn contact_on(date: &str) -> Contact {
    Contact {
        id: None,
        version: 0,
        date: d(date),
        time: None,
        staff: Some("tanaka".into()),
        counterpart: Counterpart::Client,
        counterpart_detail: String::new(),
        method: Method::InPerson,
        method_detail: String::new(),
        place: Place::Office,
        place_detail: String::new(),
        summary: "面談".into(),
        obligations: Vec::new(),
    }
}

fn fields_of(p: &[Problem]) -> Vec<&str> {
    p.iter().map(|p| p.field.as_str()).collect()
}

#[test]
fn a_contact_dated_after_today_is_refused() {
    assert!(contact(&contact_on("2026-12-01"), today()).is_empty());
    let p = contact(&contact_on("2026-12-25"), today());
    assert_eq!(fields_of(&p), ["date"]);
    assert!(p[0].message.contains("2026-12-25"), "{}", p[0].message);
}

#[test]
fn an_overlong_summary_and_an_escape_in_staff_are_refused() {
    let mut c = contact_on("2026-11-30");
    c.summary = "あ".repeat(crate::fields::contact::SUMMARY.max + 1);
    c.staff = Some("tanaka\u{1b}[2J".into());
    assert_eq!(fields_of(&contact(&c, today())), ["staff", "summary"]);
}

#[test]
fn an_impossible_year_is_refused() {
    assert_eq!(
        fields_of(&contact(&contact_on("1899-12-31"), today())),
        ["date"]
    );
}

#[test]
fn a_presented_day_ahead_of_today_does_not_count_as_done() {
    let r = Report {
        id: None,
        version: 0,
        month: crate::dates::YearMonth::of(d("2026-12-01")),
        created: Some(d("2026-12-01")),
        presented: Some(d("2026-12-20")),
        share_with_employer: false,
        fields: Default::default(),
    };
    assert_eq!(fields_of(&report(&r, today())), ["presented"]);
}

#[test]
fn a_closure_needs_a_day_that_has_come() {
    let x = Closure {
        date: d("2027-01-01"),
        reason: ClosureReason::Moved,
        note: String::new(),
        closed_by: "tanaka".into(),
    };
    assert_eq!(fields_of(&closure(&x, today())), ["date"]);
}

#[test]
fn a_report_field_longer_than_the_printed_form_holds_or_unknown_is_refused() {
    let mut r = Report {
        id: None,
        version: 0,
        month: crate::dates::YearMonth::of(d("2026-11-01")),
        created: Some(d("2026-11-30")),
        presented: None,
        share_with_employer: false,
        fields: Default::default(),
    };
    r.fields.insert("goal_1".into(), "あ".repeat(201));
    r.fields.insert("no_such_field".into(), "x".into());
    let p = report(&r, today());
    let mut fields = fields_of(&p);
    fields.sort_unstable();
    assert_eq!(fields, ["fields.goal_1", "fields.no_such_field"], "{p:?}");
    assert!(p.iter().any(|p| p.message.contains("200字")), "{p:?}");
}

#[test]
fn a_reason_for_the_audit_trail_is_one_clean_line() {
    assert!(reason("削除する理由", "重複").is_empty());
    for bad in [
        "誤記\u{1b}[2J",
        "誤記\u{202e}",
        "誤\u{200b}記",
        "一行目\n二行目",
    ] {
        assert_eq!(
            fields_of(&reason("削除する理由", bad)),
            ["reason"],
            "{bad:?}"
        );
    }
    let long = reason("削除する理由", &"誤".repeat(201));
    assert_eq!(long[0].message, "削除する理由は200字までです（いま201字）");
    assert!(!reason("削除する理由", " ").is_empty());
}

#[test]
fn an_employment_needs_its_employers_name() {
    let mut e = crate::model::Employment {
        id: None,
        version: 0,
        employer: crate::model::Employer {
            name: "JS工業".into(),
            ..Default::default()
        },
        support_type: crate::model::SupportType::Standard,
        decision_date: None,
        start_date: Some(d("2026-04-15")),
        prior_service_end_date: None,
        intent: crate::model::Intent::Unknown,
        retention_start_date: None,
        separation_date: None,
        separation_reason: None,
        fields: Default::default(),
    };
    assert!(employment(&e, today()).is_empty());
    e.employer.name = " ".into();
    let p = employment(&e, today());
    assert_eq!(fields_of(&p), ["employer.name"]);
    assert_eq!(p[0].message, "雇用事業主が空です。入力してください");
}

#[test]
fn an_empty_summary_is_refused_wherever_the_contact_comes_from() {
    let mut c = contact_on("2026-11-30");
    c.summary = " \n ".into();
    let p = contact(&c, today());
    assert_eq!(fields_of(&p), ["summary"]);
    assert_eq!(p[0].message, "支援内容が空です。入力してください");
}

#[test]
fn a_birth_date_after_today_is_refused_on_import_too() {
    let mut c: crate::model::Client = serde_json::from_value(serde_json::json!({
        "external_id": "C001", "name": "山田 太郎", "birth_date": "2027-05-01"
    }))
    .expect("a client");
    for p in [client_case(&c, today()), client_case_restoring(&c, today())] {
        assert_eq!(fields_of(&p), ["birth_date"], "{p:#?}");
    }
    c.birth_date = Some(d("1990-05-01"));
    assert!(client_case_restoring(&c, today()).is_empty());
}
