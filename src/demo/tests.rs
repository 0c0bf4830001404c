use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::dates::{YearMonth, add_days, months_overlapping, period_end};
use crate::interchange;
use crate::model::{Counterpart, Employment, Intent, Method};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).expect("date")
}

/// Where a client stands on `today`, from the dates alone (docs/BASIS.md §2, §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Bucket {
    BeforeEmployment,
    Month1,
    Months2To3,
    Months4To5,
    Month6,
    WaitingForService,
    NotUsingService,
    ServiceYear1,
    ServiceYear2,
    ServiceYear3,
    Ended,
    Separated,
}

fn bucket(e: &Employment, today: NaiveDate) -> Bucket {
    let a = e.anchor().expect("every demo employment has an anchor");
    if e.separation_date.is_some_and(|d| d <= today) {
        return Bucket::Separated;
    }
    if today < a {
        return Bucket::BeforeEmployment;
    }
    match (1..=6).find(|&k| today <= period_end(a, k)) {
        Some(1) => return Bucket::Month1,
        Some(2 | 3) => return Bucket::Months2To3,
        Some(4 | 5) => return Bucket::Months4To5,
        Some(_) => return Bucket::Month6,
        None => {}
    }
    let Some(s) = e.retention_start_date.filter(|s| *s <= today) else {
        return if e.intent == Intent::Declined {
            Bucket::NotUsingService
        } else {
            Bucket::WaitingForService
        };
    };
    let end = period_end(s, 36).min(period_end(a, 42));
    if today > end {
        Bucket::Ended
    } else if today <= period_end(s, 12) {
        Bucket::ServiceYear1
    } else if today <= period_end(s, 24) {
        Bucket::ServiceYear2
    } else {
        Bucket::ServiceYear3
    }
}

fn sample() -> Document {
    generate(2_000, today())
}

#[test]
fn same_inputs_give_identical_output() {
    let a = generate(300, today());
    let b = generate(300, today());
    assert_eq!(a, b);
    assert_eq!(interchange::to_json(&a), interchange::to_json(&b));
}

#[test]
fn a_smaller_set_is_a_prefix_of_a_larger_one() {
    let small = generate(50, today());
    let large = generate(120, today());
    assert_eq!(small.clients[..], large.clients[..50]);
}

#[test]
fn size_is_capped() {
    assert_eq!(generate(0, today()).clients.len(), 0);
    assert_eq!(generate(7, today()).clients.len(), 7);
    assert_eq!(MAX_CLIENTS, 30_000);
}

#[test]
fn every_client_passes_interchange_validation() {
    let doc = sample();
    let problems = interchange::validate(&doc, today());
    assert!(
        problems.is_empty(),
        "{:#?}",
        &problems[..problems.len().min(10)]
    );
    let text = interchange::to_json(&doc);
    assert_eq!(
        interchange::parse_document(&text, today()).as_ref().ok(),
        Some(&doc)
    );
}

#[test]
fn no_record_is_dated_after_today() {
    let today = today();
    for c in &sample().clients {
        let mut dates: Vec<NaiveDate> = c.contacts.iter().map(|x| x.date).collect();
        for r in &c.reports {
            dates.extend(r.created.iter().chain(r.presented.iter()).copied());
        }
        for p in &c.plans {
            dates.push(p.created);
            dates.extend(p.reviews.iter().copied());
        }
        dates.extend(
            c.consents
                .iter()
                .flat_map(|x| std::iter::once(x.date).chain(x.withdrawn)),
        );
        dates.extend(c.handovers.iter().map(|h| h.date));
        dates.extend(c.employments.iter().filter_map(|e| e.separation_date));
        assert!(
            dates.iter().all(|d| *d <= today),
            "{}: {dates:?}",
            c.external_id
        );
    }
}

#[test]
fn no_record_is_dated_after_separation() {
    for c in &sample().clients {
        let Some(sep) = c.employments[0].separation_date else {
            continue;
        };
        assert!(
            c.contacts.iter().all(|x| x.date <= sep),
            "{}",
            c.external_id
        );
    }
}

#[test]
fn external_ids_are_unique() {
    let doc = sample();
    let ids: HashSet<&str> = doc.clients.iter().map(|c| c.external_id.as_str()).collect();
    assert_eq!(ids.len(), doc.clients.len());
}

#[test]
fn every_support_type_is_present_mostly_standard() {
    let doc = sample();
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &doc.clients {
        *n.entry(c.employments[0].support_type.as_str()).or_default() += 1;
    }
    assert_eq!(n.len(), 3, "{n:?}");
    let standard = n["standard"] as f64 / doc.clients.len() as f64;
    assert!((0.75..0.85).contains(&standard), "{n:?}");
}

#[test]
fn clients_stand_at_every_stage() {
    let doc = sample();
    let mut count: BTreeMap<Bucket, usize> = BTreeMap::new();
    for c in &doc.clients {
        *count.entry(bucket(&c.employments[0], today())).or_default() += 1;
    }
    println!("{count:#?}");
    assert_eq!(count.len(), 12, "every bucket non-empty: {count:#?}");
    // About one in five who begin 就労定着支援 leave the job (a 就労定着率
    // near 80%), and a few leave before.
    let separated = count[&Bucket::Separated] as f64 / doc.clients.len() as f64;
    assert!((0.08..0.18).contains(&separated), "{count:#?}");
}

#[test]
fn anchors_include_month_ends_and_late_applications() {
    let doc = sample();
    let employments = || doc.clients.iter().map(|c| &c.employments[0]);
    let month_end = employments()
        .filter_map(Employment::anchor)
        .filter(|a| add_days(*a, 1).day() == 1)
        .count();
    assert!(month_end >= 20, "{month_end}");
    let late = employments()
        .filter(|e| {
            let (Some(a), Some(s)) = (e.anchor(), e.retention_start_date) else {
                return false;
            };
            s > add_days(period_end(a, 6), 1)
        })
        .count();
    assert!(late >= 10, "{late}");
}

#[test]
fn intent_is_consistent_with_the_service_start() {
    for c in &sample().clients {
        let e = &c.employments[0];
        if e.retention_start_date.is_some() {
            assert_eq!(e.intent, Intent::Applied, "{}", c.external_id);
        }
        if e.anchor().is_some_and(|a| a > today()) {
            assert_eq!(e.intent, Intent::Unknown, "{}", c.external_id);
        }
    }
}

#[test]
fn stage_contacts_are_linked_to_their_obligations() {
    let doc = sample();
    let linked = |id: &str| {
        doc.clients
            .iter()
            .filter(|c| {
                c.contacts
                    .iter()
                    .any(|x| x.obligations.iter().any(|o| o == id))
            })
            .count()
    };
    for id in [
        "pre.needs_assessment",
        "pre.inform_service",
        "pre.report_municipality",
        "m23.confirm_intent",
        "m23.share_status",
        "m45.coordinate",
        "m6.handover",
    ] {
        assert!(linked(id) > 100, "{id}: {}", linked(id));
    }
}

/// Most past months of service have a face-to-face contact and a report;
/// a realistic minority do not (so the timeline shows overdue items).
#[test]
fn most_service_months_are_complete_but_not_all() {
    let today = today();
    let (mut months, mut met, mut reported) = (0usize, 0usize, 0usize);
    for c in &sample().clients {
        let e = &c.employments[0];
        let Some(s) = e.retention_start_date else {
            continue;
        };
        let a = e.anchor().expect("anchor");
        let end = period_end(s, 36).min(period_end(a, 42));
        let until = e.separation_date.map_or(end, |d| d.min(end));
        for ym in months_overlapping(s, until) {
            if ym.last_day() >= today || ym.last_day() > until {
                continue;
            }
            months += 1;
            let face = c.contacts.iter().any(|x| {
                ym.contains(x.date)
                    && x.date >= s
                    && x.counterpart == Counterpart::Client
                    && matches!(x.method, Method::InPerson | Method::Video)
            });
            met += usize::from(face);
            let report = c
                .reports
                .iter()
                .any(|r| r.presented.is_some_and(|p| ym.contains(p)));
            reported += usize::from(report);
        }
    }
    let face = met as f64 / months as f64;
    let report = reported as f64 / months as f64;
    assert!((0.95..0.995).contains(&face), "{face}");
    assert!((0.95..0.995).contains(&report), "{report}");
}

#[test]
fn reports_fall_inside_their_month_and_the_service_period() {
    for c in &sample().clients {
        let e = &c.employments[0];
        for r in &c.reports {
            let s = e.retention_start_date.expect("reports only in service");
            let p = r.presented.or(r.created).expect("date");
            assert_eq!(YearMonth::of(p), r.month, "{}", c.external_id);
            assert!(p >= s, "{}", c.external_id);
        }
    }
}

#[test]
fn about_thirty_contacts_per_client() {
    let doc = sample();
    let total: usize = doc.clients.iter().map(|c| c.contacts.len()).sum();
    let mean = total as f64 / doc.clients.len() as f64;
    assert!((25.0..=40.0).contains(&mean), "{mean}");
}

#[test]
fn closed_disclosure_means_no_employer_contact_in_service() {
    let doc = sample();
    let closed: Vec<_> = doc
        .clients
        .iter()
        .filter(|c| c.disclosure == Disclosure::Closed)
        .collect();
    let share = closed.len() as f64 / doc.clients.len() as f64;
    assert!((0.1..0.2).contains(&share), "{share}");
    for c in closed {
        assert!(
            c.contacts
                .iter()
                .all(|x| x.counterpart != Counterpart::Employer)
        );
        assert!(c.reports.iter().all(|r| !r.share_with_employer));
    }
}

#[test]
fn names_have_matching_kana() {
    for c in &generate(200, today()).clients {
        let (fam, given) = c.name.split_once(' ').expect("family and given name");
        let (fam_k, given_k) = c.kana.split_once(' ').expect("kana in two parts");
        let f = FAMILY
            .iter()
            .find(|x| x.0 == fam)
            .expect("known family name");
        assert_eq!(f.1, fam_k);
        let g = MALE
            .iter()
            .chain(FEMALE)
            .find(|x| x.0 == given)
            .expect("known given name");
        assert_eq!(g.1, given_k);
    }
}

#[test]
fn staff_are_eight_with_every_role() {
    let staff = demo_staff();
    assert_eq!(staff.len(), 8);
    for role in Role::ALL {
        assert!(staff.iter().any(|s| s.role == *role));
    }
    let logins: HashSet<&str> = staff.iter().map(|s| s.login.as_str()).collect();
    for c in &sample().clients {
        assert!(logins.contains(c.assigned_staff.as_deref().unwrap_or("")));
    }
}

#[test]
fn handovers_only_for_continuing_support_clients_and_all_in_time_but_one() {
    let doc = sample();
    let (mut total, mut in_time) = (0, 0);
    for c in doc.clients.iter().filter(|c| !c.handovers.is_empty()) {
        assert!(c.needs_continuing_support, "{}", c.external_id);
        let e = &c.employments[0];
        let (a, s) = (
            e.anchor().expect("anchor"),
            e.retention_start_date.expect("S"),
        );
        let due = crate::dates::months_before(period_end(s, 36).min(period_end(a, 42)), 3);
        total += 1;
        in_time += usize::from(c.handovers.iter().all(|h| h.date <= due));
    }
    assert!(total >= 10, "{total}");
    // The one late share is the office's 減算 example (spread.rs).
    assert_eq!(in_time, total - 1);
}

#[test]
fn any_today_gives_a_valid_set_with_nothing_in_the_future() {
    for (y, m, d) in [(2024, 2, 29), (2026, 4, 1), (2027, 12, 31), (2031, 8, 31)] {
        let today = NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let doc = generate(300, today);
        assert!(interchange::validate(&doc, today).is_empty(), "{today}");
        for c in &doc.clients {
            assert!(
                c.contacts.iter().all(|x| x.date <= today),
                "{today} {}",
                c.external_id
            );
            assert!(
                c.reports
                    .iter()
                    .all(|r| r.created.is_some_and(|d| d <= today)),
                "{today} {}",
                c.external_id
            );
        }
    }
}

#[test]
fn finished_cases_are_mostly_closed_after_they_ended_and_never_in_the_future() {
    let doc = sample();
    let closed: Vec<_> = doc.clients.iter().filter(|c| c.closure.is_some()).collect();
    assert!(
        closed.len() * 10 >= doc.clients.len(),
        "{} closed",
        closed.len()
    );
    assert!(
        closed.len() * 2 < doc.clients.len(),
        "{} closed",
        closed.len()
    );
    for c in closed {
        let x = c.closure.as_ref().expect("closed");
        assert!(x.date <= today(), "{}", c.external_id);
        let e = &c.employments[0];
        let ended = match (e.separation_date, crate::obligations::support_period(e)) {
            (Some(sep), _) => sep,
            (None, Some((_, end))) => end,
            (None, None) => period_end(e.anchor().expect("anchor"), 7),
        };
        assert!(
            x.date > ended,
            "{} closed {} before its end {ended}",
            c.external_id,
            x.date
        );
    }
}
