//! The figures against hand-computed examples: 就労定着率 and staffing.
//! Each expected number is worked out in the comment above it.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::staffing::{self, Tally as StaffTally};
use super::*;
use crate::dates::add_months_clamped;
use crate::model::{Client, Role, Staff};

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A job that starts six months before S (or has no S).
pub(super) fn job(s: Option<&str>, sep: Option<&str>) -> Value {
    let start = s.map_or_else(|| d("2025-09-01"), |s| add_months_clamped(d(s), -6));
    json!({"employer": {"name": "JS工業"}, "support_type": "standard",
           "start_date": start.to_string(), "intent": "applied",
           "retention_start_date": s, "separation_date": sep})
}

/// A client with these jobs and other records (interchange JSON).
pub(super) fn client(id: &str, jobs: Vec<Value>, rest: Value) -> Client {
    let mut c = json!({"external_id": id, "name": format!("利用者 {id}"), "employments": jobs});
    for (k, v) in rest.as_object().expect("object") {
        c[k] = v.clone();
    }
    serde_json::from_value(c).expect("valid client")
}

pub(super) fn staff(login: &str, role: Role, fte: Option<u16>, training: Option<&str>) -> Staff {
    Staff {
        login: login.into(),
        display_name: format!("職員 {login}"),
        role,
        basic_training: training.map(d),
        fte_percent: fte,
        joined: None,
        left: None,
        fte_history: Vec::new(),
    }
}

fn figures(clients: &[Client], staff: &[Staff], fy: i32, today: &str) -> Figures {
    compute(
        clients,
        staff,
        &crate::model::Office::default(),
        &crate::model::Settings::default(),
        FiscalYear(fy),
        d(today),
    )
}

#[test]
fn retention_rate_counts_s_in_the_three_years_and_employment_at_the_end_of_march_31() {
    let clients = vec![
        // S on the window's first day: in, employed.
        client("A", vec![job(Some("2023-04-01"), None)], json!({})),
        // S the day before: out.
        client("B", vec![job(Some("2023-03-31"), None)], json!({})),
        // S on 3/31, the window's last day: in, employed.
        client("C", vec![job(Some("2026-03-31"), None)], json!({})),
        // S on 4/1: next year's window.
        client("D", vec![job(Some("2026-04-01"), None)], json!({})),
        // Left on 3/31: its last day of work, not employed after the year.
        client(
            "E",
            vec![job(Some("2024-10-01"), Some("2026-03-31"))],
            json!({}),
        ),
        // Left on 4/1: still employed at the end of 3/31.
        client(
            "F",
            vec![job(Some("2024-10-01"), Some("2026-04-01"))],
            json!({}),
        ),
        // Started in the window and left, then a new job: employed.
        client(
            "G",
            vec![job(Some("2025-01-15"), Some("2025-06-30")), job(None, None)],
            json!({}),
        ),
        // Closed: died — not employed, whatever the job says.
        client(
            "H",
            vec![job(Some("2024-05-01"), None)],
            json!({"closure": {"date": "2025-12-01", "reason": "died"}}),
        ),
        // Closed at the end of support: still employed.
        client(
            "I",
            vec![job(Some("2024-05-01"), None)],
            json!({"closure": {"date": "2025-12-01", "reason": "support_end"}}),
        ),
        // Never started 就労定着支援.
        client("J", vec![job(None, None)], json!({})),
    ];
    let r = figures(&clients, &[], 2026, "2026-11-23").retention_rate;
    assert_eq!(
        (r.window_from, r.window_to),
        (d("2023-04-01"), d("2026-03-31"))
    );
    assert_eq!(r.as_of, d("2026-03-31"));
    let ids: Vec<&str> = r.clients.iter().map(|c| &*c.external_id).collect();
    // By S: A 2023-04-01, E/F 2024-10-01 and H/I 2024-05-01, G 2025-01-15, C 2026-03-31.
    assert_eq!(ids, ["A", "H", "I", "E", "F", "G", "C"]);
    let employed: Vec<&str> = r
        .clients
        .iter()
        .filter(|c| c.employed)
        .map(|c| &*c.external_id)
        .collect();
    assert_eq!(employed, ["A", "I", "F", "G", "C"]);
    // 5 / 7 = 0.71428… → 714‰ (71.4%).
    assert_eq!(
        (r.numerator, r.denominator, r.rate_permille),
        (5, 7, Some(714))
    );
    let g = r
        .clients
        .iter()
        .find(|c| &*c.external_id == "G")
        .expect("G");
    assert_eq!(g.separation, Some(d("2025-06-30")));
    assert_eq!(g.note.as_deref(), Some("離職後に再就職"));
    let h = r
        .clients
        .iter()
        .find(|c| &*c.external_id == "H")
        .expect("H");
    assert_eq!(h.note.as_deref(), Some("終結（死亡）2025-12-01"));
}

#[test]
fn retention_rate_of_the_next_year_moves_the_window_by_a_year() {
    // FY2027: S in 2024-04-01..2027-03-31, employed at the end of 2027-03-31.
    let clients = vec![
        client("A", vec![job(Some("2023-04-01"), None)], json!({})),
        client(
            "D",
            vec![job(Some("2026-04-01"), Some("2027-03-31"))],
            json!({}),
        ),
    ];
    let r = figures(&clients, &[], 2027, "2027-05-01").retention_rate;
    assert_eq!(r.denominator, 1);
    assert_eq!(r.numerator, 0);
    assert_eq!(r.rate_permille, Some(0));
    let none = figures(&[], &[], 2027, "2027-05-01").retention_rate;
    assert_eq!(none.rate_permille, None);
}

/// A tally with these client-months and first S.
fn tally(first: &str, months: &[(&str, u64)], reached: u64) -> StaffTally {
    let mut t = StaffTally {
        first_start: Some(d(first)),
        reached_six_months: reached,
        ..StaffTally::default()
    };
    for (m, n) in months {
        t.per_month
            .insert(crate::dates::YearMonth::parse(m).expect("month"), *n);
    }
    t
}

#[test]
fn users_are_last_years_client_months_over_twelve_and_staff_users_over_forty() {
    let clients = vec![
        // Opened the office long ago; no month in FY2025 (E = 2025-01-09).
        client("Z", vec![job(Some("2022-01-10"), None)], json!({})),
        // All twelve months of FY2025.
        client("P", vec![job(Some("2025-01-10"), None)], json!({})),
        // October (from the 15th) to March: 6.
        client("Q", vec![job(Some("2025-10-15"), None)], json!({})),
        // April, May and June (left 6/10): 3.
        client(
            "R",
            vec![job(Some("2024-06-01"), Some("2025-06-10"))],
            json!({}),
        ),
        // Closed on 2025-04-30: April only, 1.
        client(
            "S",
            vec![job(Some("2024-06-01"), None)],
            json!({"closure": {"date": "2025-04-30", "reason": "moved"}}),
        ),
    ];
    let staff = vec![
        staff("tanaka", Role::CaseWorker, Some(50), Some("2025-06-12")),
        staff("nakamura", Role::Coordinator, Some(100), None),
    ];
    let s = figures(&clients, &staff, 2026, "2026-11-23").staffing;
    assert_eq!(s.rule, UsersRule::PreviousYear);
    assert_eq!(s.support_began, Some(d("2022-01-10")));
    // 12 + 6 + 3 + 1 = 22 client-months; 22 / 12 = 1.8333… → 1.84 shown.
    assert_eq!(s.count, 22);
    assert_eq!((s.users_numerator, s.users_denominator), (22, 12));
    assert_eq!(s.users, 184);
    // 22 / 480 = 0.0458… → 0.05 shown. Only the 支援員 counts: 0.50.
    assert_eq!(s.required_fte, 5);
    assert_eq!(s.fte, 50);
    assert!(!s.short);
    assert_eq!(s.staff[0].training, Training::Done);
    assert_eq!(s.staff[1].training, Training::NotRequired);
}

#[test]
fn short_is_decided_exactly_at_users_over_forty() {
    // 480 client-months = 40 users: exactly 1.00 needed.
    let t = tally("2020-01-01", &[("2025-04", 480)], 0);
    let one = |fte| {
        staffing::finish(
            &t,
            &[staff("a", Role::CaseWorker, Some(fte), None)],
            FiscalYear(2026),
            d("2026-05-01"),
        )
    };
    assert_eq!(one(100).required_fte, 100);
    assert!(!one(100).short);
    assert!(one(99).short);
    // 481 client-months: 1.0020… needed; 1.00 is short, though both show 1.01.
    let t = tally("2020-01-01", &[("2025-04", 481)], 0);
    let s = staffing::finish(
        &t,
        &[staff("a", Role::CaseWorker, Some(100), None)],
        FiscalYear(2026),
        d("2026-05-01"),
    );
    assert_eq!(s.required_fte, 101);
    assert!(s.short);
    // Nobody entered: short of anything above zero.
    let s = staffing::finish(&t, &[], FiscalYear(2026), d("2026-05-01"));
    assert!(s.short);
}

#[test]
fn first_year_under_six_months_uses_seventy_percent_of_those_who_reached_six_months() {
    let clients = vec![
        // The office's first S: 2026-02-01 (A 2025-08-01, 6 months reached 2026-01-31).
        client("O", vec![job(Some("2026-02-01"), None)], json!({})),
        // A 2025-03-01: reached on 2025-08-31.
        client(
            "P",
            vec![
                json!({"employer": {"name": "X"}, "support_type": "standard",
            "start_date": "2025-03-01"}),
            ],
            json!({}),
        ),
        // A 2023-01-01: reached 2023-06-30, inside the 3 years to 2026-06-01.
        client(
            "Q",
            vec![
                json!({"employer": {"name": "X"}, "support_type": "standard",
            "start_date": "2023-01-01"}),
            ],
            json!({}),
        ),
        // A 2022-10-01: reached 2023-03-31, before the 3 years.
        client(
            "R",
            vec![
                json!({"employer": {"name": "X"}, "support_type": "standard",
            "start_date": "2022-10-01"}),
            ],
            json!({}),
        ),
        // A 2025-12-15: reaches 2026-06-14, after the reference day.
        client(
            "S",
            vec![
                json!({"employer": {"name": "X"}, "support_type": "standard",
            "start_date": "2025-12-15"}),
            ],
            json!({}),
        ),
        // Left before 6 months.
        client(
            "T",
            vec![
                json!({"employer": {"name": "X"}, "support_type": "standard",
            "start_date": "2024-01-01", "separation_date": "2024-05-31"}),
            ],
            json!({}),
        ),
    ];
    let s = figures(&clients, &[], 2026, "2026-06-01").staffing;
    assert_eq!(s.rule, UsersRule::Estimate);
    assert_eq!(s.reference_day, d("2026-06-01"));
    // O, P, Q: 3 × 70% = 2.1 users; 2.1 / 40 = 0.0525 → 0.06.
    assert_eq!(s.count, 3);
    assert_eq!((s.users_numerator, s.users_denominator), (21, 10));
    assert_eq!(s.users, 210);
    assert_eq!(s.required_fte, 6);
    assert_eq!(s.months_from, None);
}

#[test]
fn the_first_year_rules_change_on_the_day_six_and_twelve_months_are_reached() {
    let rule = |first: &str, today: &str| {
        staffing::finish(
            &tally(first, &[], 0),
            &[],
            FiscalYear::of(d(today)),
            d(today),
        )
        .rule
    };
    // From 2026-01-15, 6 months end on 2026-07-14.
    assert_eq!(rule("2026-01-15", "2026-07-14"), UsersRule::Estimate);
    assert_eq!(rule("2026-01-15", "2026-07-15"), UsersRule::LastSixMonths);
    // 12 months end on 2027-01-14.
    assert_eq!(rule("2026-01-15", "2027-01-14"), UsersRule::LastSixMonths);
    assert_eq!(
        rule("2026-01-15", "2027-01-15"),
        UsersRule::LastTwelveMonths
    );
    // Begun on the previous year's April 1: a whole previous year.
    assert_eq!(rule("2025-04-01", "2026-11-01"), UsersRule::PreviousYear);
    assert_eq!(
        rule("2025-04-02", "2026-11-01"),
        UsersRule::LastTwelveMonths
    );
}

#[test]
fn six_and_twelve_month_rules_count_the_whole_months_before_the_reference_month() {
    let months: Vec<(String, u64)> = (1..=12u64)
        .map(|m| (format!("2026-{m:02}"), m))
        .chain([("2025-11".to_string(), 100), ("2025-12".to_string(), 100)])
        .collect();
    let months: Vec<(&str, u64)> = months.iter().map(|(m, n)| (m.as_str(), *n)).collect();
    // Begun 2025-12-01, on 2026-07-15: January to June, 1+…+6 = 21; 21 / 6 = 3.5.
    let s = staffing::finish(
        &tally("2025-12-01", &months, 0),
        &[],
        FiscalYear(2026),
        d("2026-07-15"),
    );
    assert_eq!(s.rule, UsersRule::LastSixMonths);
    assert_eq!(
        s.months_from.map(|m| m.to_string()).as_deref(),
        Some("2026-01")
    );
    assert_eq!(
        s.months_to.map(|m| m.to_string()).as_deref(),
        Some("2026-06")
    );
    assert_eq!((s.count, s.users), (21, 350));
    // Begun 2025-06-10, on 2026-11-23: 2025-11 to 2026-10, 100+100+1+…+10 = 255.
    let s = staffing::finish(
        &tally("2025-06-10", &months, 0),
        &[],
        FiscalYear(2026),
        d("2026-11-23"),
    );
    assert_eq!(s.rule, UsersRule::LastTwelveMonths);
    assert_eq!(s.count, 255);
    assert_eq!(s.users, 2125);
}

#[test]
fn basic_training_is_a_warning_until_march_31_2028_and_an_error_after() {
    let team = vec![
        staff("a", Role::CaseWorker, Some(100), None),
        staff("b", Role::CaseWorker, Some(100), Some("2028-04-10")),
        staff("c", Role::CaseWorker, Some(100), Some("2027-01-10")),
        staff("m", Role::Coordinator, Some(100), None),
    ];
    let at = |today: &str| -> Vec<Training> {
        staffing::finish(
            &StaffTally::default(),
            &team,
            FiscalYear::of(d(today)),
            d(today),
        )
        .staff
        .iter()
        .map(|l| l.training)
        .collect()
    };
    use Training::*;
    assert_eq!(
        at("2028-03-31"),
        [Transition, Transition, Done, NotRequired]
    );
    assert_eq!(at("2028-04-01"), [Missing, Missing, Done, NotRequired]);
    assert_eq!(at("2028-04-10"), [Missing, Done, Done, NotRequired]);
}

#[test]
fn from_april_2028_an_untrained_worker_is_not_counted_toward_the_standard() {
    // 480 client-months in each of FY2026 and FY2027 = 40 users: 1.00
    // needed in FY2027 and FY2028. a (1.00, no training) and c (0.50,
    // trained).
    let t = tally("2020-01-01", &[("2026-04", 480), ("2027-04", 480)], 0);
    let team = vec![
        staff("a", Role::CaseWorker, Some(100), None),
        staff("c", Role::CaseWorker, Some(50), Some("2027-01-10")),
    ];
    let on = |today: &str| staffing::finish(&t, &team, FiscalYear::of(d(today)), d(today));
    // Within the transition: 1.00 + 0.50 = 1.50, met.
    let s = on("2028-03-31");
    assert_eq!((s.fte, s.short), (150, false));
    // From 2028-04-01 only c counts: 0.50 < 1.00, short; a is named.
    let s = on("2028-04-01");
    assert_eq!((s.fte, s.short), (50, true));
    let a = &s.staff[0];
    assert_eq!((a.counted, a.training), (false, Training::Missing));
    // FY2027 looked at afterwards is judged as of its own last day, within
    // the transition: still met.
    let past = staffing::finish(&t, &team, FiscalYear(2027), d("2029-01-01"));
    assert_eq!((past.fte, past.short), (150, false));
}

#[test]
fn a_year_is_judged_with_the_staff_in_post_then() {
    // FY2025 (its previous year FY2024: 480 client-months, 1.00 needed),
    // looked at in 2027. A past year's reference day is its last day,
    // 2026-03-31: b (left 2026-01-31) is no longer in post and n (joined
    // 2026-06-01) not yet. Only a counts: 0.50, short.
    let t = tally("2020-01-01", &[("2024-04", 480)], 0);
    let mut b = staff("b", Role::CaseWorker, Some(100), Some("2024-05-01"));
    b.left = Some(d("2026-01-31"));
    let mut n = staff("n", Role::CaseWorker, Some(100), Some("2026-05-01"));
    n.joined = Some(d("2026-06-01"));
    let team = vec![
        staff("a", Role::CaseWorker, Some(50), Some("2024-05-01")),
        b,
        n,
    ];
    let s = staffing::finish(&t, &team, FiscalYear(2025), d("2027-06-01"));
    let logins: Vec<&str> = s.staff.iter().map(|l| l.login.as_str()).collect();
    assert_eq!(logins, ["a"]);
    assert_eq!((s.fte, s.short), (50, true));
    // The same office now (FY2027): a and n in post.
    let s = staffing::finish(&t, &team, FiscalYear(2027), d("2027-06-01"));
    let logins: Vec<&str> = s.staff.iter().map(|l| l.login.as_str()).collect();
    assert_eq!(logins, ["a", "n"]);
}

#[test]
fn a_tally_in_batches_is_the_tally_of_all_at_once() {
    let today = d("2026-11-23");
    let doc = crate::demo::generate(300, today);
    let staff = crate::demo::demo_staff();
    let office = crate::model::Office::default();
    let settings = crate::model::Settings::default();
    let whole = compute(
        &doc.clients,
        &staff,
        &office,
        &settings,
        FiscalYear(2026),
        today,
    );
    let mut a = Tally::new(FiscalYear(2026), settings, today);
    let mut b = Tally::new(FiscalYear(2026), settings, today);
    let (x, y) = doc.clients.split_at(123);
    b.add(y);
    a.add(x);
    a.merge(b);
    assert_eq!(a.finish(&staff, &office), whole);
    // The demo office has people in every section.
    assert!(whole.retention_rate.denominator > 0);
    assert!(whole.staffing.count > 0);
    assert!(!whole.billing.months.is_empty());
}

#[test]
fn every_line_of_the_report_fits_80_columns() {
    for today in ["2026-11-23", "2028-04-01"] {
        let today = d(today);
        let mut doc = crate::demo::generate(200, today);
        // Long names and ids are cut to their columns.
        doc.clients[0].name = "長谷川原田山之内 由美子太郎兵衛".into();
        doc.clients[0].external_id = "ABCDEFGHIJKLMNOP".into();
        let staff = crate::demo::demo_staff();
        let f = compute(
            &doc.clients,
            &staff,
            &crate::model::Office::default(),
            &crate::model::Settings::default(),
            FiscalYear::of(today),
            today,
        );
        let lines = lines::lines(&f);
        assert!(lines.len() > 50);
        for l in &lines {
            assert!(
                crate::text::width(&l.text) <= 80,
                "{}: {}",
                crate::text::width(&l.text),
                l.text
            );
        }
        // Never by color alone: a warning starts with "!", an error with "!!".
        for l in &lines {
            match l.kind {
                lines::Kind::Warning => assert!(l.text.starts_with("!  "), "{}", l.text),
                lines::Kind::Error => assert!(l.text.starts_with("!! "), "{}", l.text),
                _ => assert!(!l.text.starts_with('!'), "{}", l.text),
            }
        }
        assert!(lines.iter().any(|l| l.kind != lines::Kind::Text));
    }
}
