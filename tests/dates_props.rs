//! Properties of the civil-code period rules (docs/BASIS.md §3, 民法 §143) and of the
//! 和暦 / typed-date round trips.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use teichaku::date_input::parse_date_input;
use teichaku::dates::{
    YearMonth, add_days, add_months_clamped, days_in_month, month_k, months_before,
    months_overlapping, period_end, shift_month,
};
use teichaku::wareki;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Any day from 1900 to 2200, with the month-end days (where clamping
/// happens) and the 1st (the other branch of period_end) drawn often.
fn date() -> impl Strategy<Value = NaiveDate> {
    let any_day = (0i64..110_000).prop_map(|n| add_days(ymd(1900, 1, 1), n));
    let edge_day = (
        1900i32..=2200,
        1u32..=12,
        prop::sample::select(vec![1u32, 28, 29, 30, 31]),
    )
        .prop_map(|(y, m, d)| ymd(y, m, d.min(days_in_month(y, m))));
    prop_oneof![any_day, edge_day]
}

fn is_month_end(d: NaiveDate) -> bool {
    d.day() == days_in_month(d.year(), d.month())
}

proptest! {
    #[test]
    fn period_end_is_never_before_its_first_day(d in date(), n in 1u32..=120) {
        prop_assert!(period_end(d, n) >= d);
    }

    #[test]
    fn month_k_plus_one_starts_the_day_after_month_k_ends(d in date(), k in 1u32..=119) {
        let (start, end) = month_k(d, k);
        prop_assert!(start <= end, "month {k} of {d} is empty: {start}..{end}");
        prop_assert_eq!(month_k(d, k + 1).0, add_days(end, 1));
    }

    #[test]
    fn month_one_starts_on_day_one(d in date()) {
        prop_assert_eq!(month_k(d, 1).0, d);
    }

    #[test]
    fn a_longer_period_ends_later(d in date(), n in 0u32..=120) {
        prop_assert!(period_end(d, n + 1) > period_end(d, n));
    }

    #[test]
    fn period_from_the_first_ends_on_a_month_end(d in date(), n in 1u32..=120) {
        let d = ymd(d.year(), d.month(), 1);
        let end = period_end(d, n);
        prop_assert!(is_month_end(end), "{d} + {n} months ends {end}");
        // …the end of the month n − 1 months after d's month.
        let (y, m) = shift_month(d.year(), d.month(), n as i32 - 1);
        prop_assert_eq!((end.year(), end.month()), (y, m));
    }

    #[test]
    fn period_from_another_day_ends_before_the_corresponding_day(d in date(), n in 1u32..=120) {
        prop_assume!(d.day() != 1);
        let end = period_end(d, n);
        let (y, m) = shift_month(d.year(), d.month(), n as i32);
        if d.day() <= days_in_month(y, m) {
            // The 応当日 exists: the period ends the day before it.
            prop_assert_eq!(add_days(end, 1), ymd(y, m, d.day()));
        } else {
            // No such day in that month: the period ends on its last day.
            prop_assert_eq!(end, ymd(y, m, days_in_month(y, m)));
        }
    }

    #[test]
    fn three_months_before_is_on_or_before_and_within_three_months(e in date()) {
        let r = months_before(e, 3);
        prop_assert!(r <= e);
        let (y, m) = shift_month(e.year(), e.month(), -3);
        prop_assert_eq!((r.year(), r.month()), (y, m));
        prop_assert_eq!(r.day(), e.day().min(days_in_month(y, m)));
        // Three months is 89 (Feb 28 + …) to 92 days.
        let gap = (e - r).num_days();
        prop_assert!((89..=92).contains(&gap), "{r}..{e} is {gap} days");
    }

    #[test]
    fn overlapping_months_run_consecutively_from_start_to_end(a in date(), b in date()) {
        let (s, e) = if a <= b { (a, b) } else { (b, a) };
        let months: Vec<YearMonth> = months_overlapping(s, e).collect();
        prop_assert_eq!(months.first().copied(), Some(YearMonth::of(s)));
        prop_assert_eq!(months.last().copied(), Some(YearMonth::of(e)));
        for pair in months.windows(2) {
            prop_assert_eq!(pair[1], pair[0].next());
        }
        if s != e {
            prop_assert_eq!(months_overlapping(e, s).count(), 0);
        }
    }

    #[test]
    fn iso_date_parses_to_itself(
        (y, m, d) in (1i32..=9999, 1u32..=12, 1u32..=31),
        today in date(),
    ) {
        let d = d.min(days_in_month(y, m));
        let s = format!("{y:04}-{m:02}-{d:02}");
        prop_assert_eq!(parse_date_input(&s, today), Ok(ymd(y, m, d)));
    }

    #[test]
    fn full_width_slash_date_parses_like_ascii(d in date(), today in date()) {
        let ascii = format!("{}/{}/{}", d.year(), d.month(), d.day());
        let wide: String = ascii
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect();
        prop_assert_eq!(parse_date_input(&wide, today), Ok(d));
    }

    #[test]
    fn pre_meiji_fallback_form_parses_back(n in 0i64..317_000, today in date()) {
        // 1000-01-01 up to the day before 明治.
        let d = add_days(ymd(1000, 1, 1), n);
        prop_assume!(d < wareki::ERAS[0].start);
        prop_assert_eq!(parse_date_input(&wareki::format(d), today), Ok(d));
    }

    #[test]
    fn day_and_month_offsets_match_the_date_core(today in date(), n in 0i64..=3650) {
        prop_assert_eq!(parse_date_input(&format!("+{n}d"), today), Ok(add_days(today, n)));
        prop_assert_eq!(parse_date_input(&format!("-{n}d"), today), Ok(add_days(today, -n)));
        let k = (n % 240) as i32;
        prop_assert_eq!(
            parse_date_input(&format!("+{k}m"), today),
            Ok(add_months_clamped(today, k))
        );
    }
}

/// Every day from 明治's first day through 2100 (exhaustive, not sampled).
fn every_day_from_meiji_to_2100() -> impl Iterator<Item = NaiveDate> {
    wareki::ERAS[0]
        .start
        .iter_days()
        .take_while(|d| *d <= ymd(2100, 12, 31))
}

#[test]
fn wareki_long_form_parses_back_for_every_day_from_meiji_to_2100() {
    let today = ymd(2026, 4, 30);
    let mut count = 0;
    for d in every_day_from_meiji_to_2100() {
        let s = wareki::format(d);
        assert_eq!(parse_date_input(&s, today), Ok(d), "{s}");
        count += 1;
    }
    assert_eq!(count, (ymd(2100, 12, 31) - ymd(1868, 1, 25)).num_days() + 1);
}

#[test]
fn wareki_short_form_parses_back_for_every_day_from_meiji_to_2100() {
    let today = ymd(2026, 4, 30);
    for d in every_day_from_meiji_to_2100() {
        let s = wareki::format_short(d);
        assert_eq!(parse_date_input(&s, today), Ok(d), "{s}");
    }
}

#[test]
fn era_year_advances_only_on_new_year_or_on_an_era_start() {
    let starts: Vec<NaiveDate> = wareki::ERAS.iter().map(|e| e.start).collect();
    let mut prev = wareki::era_year(wareki::ERAS[0].start);
    assert_eq!(prev, ("明治", 1));
    for d in every_day_from_meiji_to_2100().skip(1) {
        let cur = wareki::era_year(d);
        if starts.contains(&d) {
            assert_ne!(cur.0, prev.0, "{d}");
            assert_eq!(cur.1, 1, "{d}");
        } else if d.month() == 1 && d.day() == 1 {
            assert_eq!(cur, (prev.0, prev.1 + 1), "{d}");
        } else {
            assert_eq!(cur, prev, "{d}");
        }
        prev = cur;
    }
    assert_eq!(prev, ("令和", 82));
}

#[derive(serde::Serialize)]
struct Iso(#[serde(serialize_with = "teichaku::dates::serialize_iso")] NaiveDate);

proptest! {
    /// The hand-written date text of `due` is chrono's own, for any date
    /// chrono can hold (years beyond 0–9999 fall back to chrono itself).
    #[test]
    fn fast_iso_dates_are_chronos_text(days in -4_000_000i64..4_000_000) {
        let d = add_days(ymd(1970, 1, 1), days);
        prop_assert_eq!(
            serde_json::to_string(&Iso(d)).ok(),
            serde_json::to_string(&d).ok()
        );
    }

    #[test]
    fn fast_year_month_text_is_its_display(y in -20_000i32..20_000, m in 1u32..=12) {
        if let Some(ym) = YearMonth::new(y, m) {
            prop_assert_eq!(
                serde_json::to_string(&ym).ok(),
                Some(format!("\"{ym}\""))
            );
        }
    }
}
