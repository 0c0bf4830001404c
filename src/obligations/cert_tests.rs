//! `cert.renewal`: the 受給者証's 有効期限 as a deadline.

use serde_json::json;

use super::tests::{client, d, find, run};
use super::*;
use crate::model::{Settings, Status};

fn with_expiry(expires: &str, rest: serde_json::Value) -> Client {
    let mut r = rest;
    r["certificate_expires"] = json!(expires);
    client(json!({}), r)
}

#[test]
fn renewal_is_due_on_the_expiry_and_due_soon_from_sixty_days_before() {
    let c = with_expiry("2027-03-31", json!({}));
    let o = find(&run(&c, "2026-12-01"), "cert.renewal").clone();
    assert_eq!(o.due, d("2027-03-31"));
    assert_eq!(o.window_start, d("2027-01-30"), "60 days before");
    assert_eq!(o.severity, Severity::Required);
    assert_eq!(
        o.status,
        Status::Upcoming,
        "the window opens 60 days before"
    );
    let at = |day: &str| find(&run(&c, day), "cert.renewal").status;
    assert_eq!(at("2027-01-29"), Status::Upcoming);
    assert_eq!(
        at("2027-01-30"),
        Status::DueSoon,
        "60 days before: due soon, not the office's 14"
    );
    assert_eq!(at("2027-03-31"), Status::DueSoon);
    assert_eq!(at("2027-04-01"), Status::Overdue);
}

#[test]
fn the_warning_window_is_an_office_setting() {
    let c = with_expiry("2027-03-31", json!({}));
    let s = Settings {
        cert_warn_days: 30,
        ..Settings::default()
    };
    let o = compute(&c, &s, d("2027-02-15"));
    let o = find(&o, "cert.renewal");
    assert_eq!(o.window_start, d("2027-03-01"));
    assert_eq!(o.status, Status::Upcoming);
}

#[test]
fn entering_a_later_expiry_moves_the_item_to_the_new_day() {
    let before = with_expiry("2027-03-31", json!({}));
    assert_eq!(
        find(&run(&before, "2027-04-05"), "cert.renewal").status,
        Status::Overdue
    );
    let renewed = with_expiry("2028-03-31", json!({}));
    let o = find(&run(&renewed, "2027-04-05"), "cert.renewal").clone();
    assert_eq!((o.due, o.status), (d("2028-03-31"), Status::Upcoming));
}

#[test]
fn no_renewal_without_an_expiry_or_after_the_support_period_ends() {
    let none = client(json!({}), json!({}));
    assert!(
        !run(&none, "2026-12-01")
            .iter()
            .any(|o| o.id == "cert.renewal")
    );
    // S = 2026-10-15 → E = 2029-10-14: an expiry after E needs no renewal.
    let late = with_expiry("2029-10-15", json!({}));
    assert!(
        !run(&late, "2026-12-01")
            .iter()
            .any(|o| o.id == "cert.renewal")
    );
    let last_day = with_expiry("2029-10-14", json!({}));
    assert!(
        run(&last_day, "2026-12-01")
            .iter()
            .any(|o| o.id == "cert.renewal")
    );
}

#[test]
fn a_separation_before_the_expiry_waives_the_renewal() {
    let c = client(
        json!({"separation_date": "2027-01-10"}),
        json!({"certificate_expires": "2027-03-31"}),
    );
    let o = find(&run(&c, "2027-02-01"), "cert.renewal").clone();
    assert_eq!(o.status, Status::Waived);
}
