//! The demo office's figures look like a real office's on any day (the
//! README's tour points at them): computed by the figures code itself.

use chrono::NaiveDate;

use super::*;
use crate::dates::{YearMonth, add_days};
use crate::figures::{Figures, FiscalYear, Readiness, Share, compute};
use crate::model::{ObligationId, Settings, Status};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// Days across the fiscal year (its first and last day, the day the demo
/// tests use, the figures tests' day) and in other years.
const DAYS: &[&str] = &[
    "2026-04-01",
    "2026-04-20",
    "2026-06-15",
    "2026-11-23",
    "2027-03-31",
    "2028-02-29",
    "2029-09-10",
];

fn figures(doc: &Document, fy: FiscalYear, today: NaiveDate) -> Figures {
    compute(
        &doc.clients,
        &demo_staff(),
        &demo_office(),
        &Settings::default(),
        fy,
        today,
    )
}

/// The demo's 200 clients (`--demo`), and the figures of today's year.
fn office(today: NaiveDate) -> (Document, Figures) {
    let doc = generate(200, today);
    let f = figures(&doc, FiscalYear::of(today), today);
    (doc, f)
}

#[test]
fn the_retention_rate_is_between_70_and_90_percent_on_any_day() {
    for day in DAYS {
        let (_, f) = office(d(day));
        let r = &f.retention_rate;
        let permille = r.rate_permille.expect("clients in the window");
        assert!(
            (700..=900).contains(&permille),
            "{day}: {}/{} = {permille}‰",
            r.numerator,
            r.denominator
        );
        assert!(r.denominator >= 40, "{day}: {}", r.denominator);
        // Those not counted left their job inside the window.
        for c in r.clients.iter().filter(|c| !c.employed) {
            let sep = c.separation.expect("left the job");
            assert!(c.start < sep && sep <= r.as_of, "{day}: {c:?}");
        }
    }
}

#[test]
fn a_larger_demo_has_the_same_rate_band() {
    let today = d("2026-11-23");
    let doc = generate(1_000, today);
    let f = figures(&doc, FiscalYear::of(today), today);
    let permille = f.retention_rate.rate_permille.expect("rate");
    assert!((700..=900).contains(&permille), "{permille}");
}

/// A late share and a missing one (イ): in today's fiscal year once two
/// months of it have passed, else in the months before (the figures
/// screen's ← shows the year before).
#[test]
fn a_deduction_risk_shows_on_any_day() {
    for day in DAYS {
        let today = d(day);
        let doc = generate(200, today);
        let this = FiscalYear::of(today);
        let f = figures(&doc, this, today).deduction_risks;
        assert!(f.guideline_set && f.responsible_set, "{day}");
        let early = today < add_days(this.start(), 60);
        if !early {
            assert!(f.at_risk(), "{day}: {:#?}", f.clients);
        }
        let mut clients = f.clients;
        if early {
            clients.extend(figures(&doc, this.prev(), today).deduction_risks.clients);
        }
        let shares = |s: Share| clients.iter().filter(|c| c.share == s).count();
        assert_eq!(shares(Share::Late), 1, "{day}: {clients:#?}");
        // (a drawn 要継続支援 client may have missed theirs too)
        assert!(shares(Share::Missing) >= 1, "{day}: {clients:#?}");
        // What was shared is on every record.
        assert!(clients.iter().all(|c| !c.gap_in_record()), "{day}");
    }
}

#[test]
fn some_months_cannot_be_billed_on_any_day() {
    for day in DAYS {
        let (_, f) = office(d(day));
        let unbillable = f
            .billing
            .months
            .iter()
            .filter(|m| m.readiness == Readiness::NotBillable)
            .count();
        assert!(unbillable > 0, "{day}");
    }
}

#[test]
fn some_month_6_handovers_were_late_and_some_are_still_overdue() {
    let settings = Settings::default();
    for day in DAYS {
        let today = d(day);
        let (doc, _) = office(today);
        let handovers: Vec<_> = doc
            .clients
            .iter()
            .flat_map(|c| crate::obligations::compute(c, &settings, today))
            .filter(|o| o.id == ObligationId::M6_HANDOVER)
            .collect();
        let late = handovers
            .iter()
            .filter(|o| o.status == Status::Done && o.late)
            .count();
        let overdue = handovers
            .iter()
            .filter(|o| o.status == Status::Overdue)
            .count();
        assert!(late >= 1, "{day}: {late} late");
        assert!(overdue >= 1, "{day}: {overdue} overdue");
        assert!(
            late + overdue < handovers.len() / 5,
            "{day}: mostly in time"
        );
    }
}

fn client<'a>(doc: &'a Document, id: &str) -> &'a Client {
    doc.clients
        .iter()
        .find(|c| c.external_id == id)
        .expect("the example is in the demo")
}

/// The README's tour names these clients: what it says of them holds on
/// any day, and each is an open case in its job.
#[test]
fn the_tours_examples_show_what_the_readme_says() {
    let settings = Settings::default();
    for day in DAYS {
        let today = d(day);
        let (doc, f) = office(today);
        for id in ["D00186", "D00090", "D00095"] {
            let c = client(&doc, id);
            assert!(c.closure.is_none(), "{day} {id}");
            assert!(c.employments[0].separation_date.is_none(), "{day} {id}");
        }

        // D00186: the month-6 handover, made after month 6: 完了(遅延).
        let items = crate::obligations::compute(client(&doc, "D00186"), &settings, today);
        let m6 = items
            .iter()
            .find(|o| o.id == ObligationId::M6_HANDOVER)
            .expect("m6.handover");
        assert_eq!(m6.status_label(), "完了(遅延)", "{day}");

        // D00090: last month only a phone call, so it is not billable.
        let last = YearMonth::of(add_days(today, -(chrono::Datelike::day(&today) as i64)));
        let f_last = figures(&doc, FiscalYear::of(last.first_day()), today);
        let month = f_last
            .billing
            .months
            .iter()
            .find(|m| &*m.external_id == "D00090" && m.month == last)
            .expect("last month in service");
        assert_eq!(month.readiness, Readiness::NotBillable, "{day}");
        assert_eq!(month.reasons, ["対面支援の記録なし"], "{day}");

        // D00095: the 受給者証 ran out at the end of last month.
        let this = YearMonth::of(today);
        let month = f
            .billing
            .months
            .iter()
            .find(|m| &*m.external_id == "D00095" && m.month == this)
            .expect("this month in service");
        assert_eq!(month.readiness, Readiness::NotBillable, "{day}");
        assert!(month.reasons[0].starts_with("受給者証の期限切れ"), "{day}");
    }
}

/// The end-to-end tests open a demo of five and wait for all five.
#[test]
fn a_small_demo_keeps_every_client_open() {
    for day in DAYS {
        let doc = generate(5, d(day));
        assert!(doc.clients.iter().all(|c| c.closure.is_none()), "{day}");
    }
}
