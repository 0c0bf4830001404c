//! Civil-code date arithmetic (民法 §143) and calendar months.
//!
//! Everything here is a pure function of its arguments; nothing reads the
//! clock. `today` is always passed in by the caller. docs/BASIS.md §3.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Number of days in the given month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

/// The last day of the given month.
pub fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, days_in_month(year, month)).unwrap_or(NaiveDate::MIN)
}

/// (year, month) shifted by `delta` months.
pub fn shift_month(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let idx = year * 12 + (month as i32 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// End of a period of `n` months whose first day is `d` (民法 §143 ②).
///
/// If `d` is the 1st, the period ends on the last day of the month `n − 1`
/// months later. Otherwise it ends the day before the 応当日 (same day of
/// month `n` months later); when that month has no such day, on its last day.
/// `n = 0` gives the day before `d`.
pub fn period_end(d: NaiveDate, n: u32) -> NaiveDate {
    let n = n as i32;
    if d.day() == 1 {
        let (y, m) = shift_month(d.year(), d.month(), n - 1);
        return last_day_of_month(y, m);
    }
    let (y, m) = shift_month(d.year(), d.month(), n);
    if d.day() <= days_in_month(y, m) {
        NaiveDate::from_ymd_opt(y, m, d.day())
            .and_then(|x| x.pred_opt())
            .unwrap_or(NaiveDate::MIN)
    } else {
        last_day_of_month(y, m)
    }
}

/// Month `k` (「k月目」, k ≥ 1) counted from day 1 = `d`: (first day, last day).
pub fn month_k(d: NaiveDate, k: u32) -> (NaiveDate, NaiveDate) {
    let k = k.max(1);
    let start = if k == 1 {
        d
    } else {
        add_days(period_end(d, k - 1), 1)
    };
    (start, period_end(d, k))
}

/// The same day of month `n` months earlier, clamped to that month's last
/// day. "At least 3 months before E" means on or before `months_before(E, 3)`.
pub fn months_before(e: NaiveDate, n: u32) -> NaiveDate {
    add_months_clamped(e, -(n as i32))
}

/// `d` shifted by `delta` months, day clamped to the target month's length.
pub fn add_months_clamped(d: NaiveDate, delta: i32) -> NaiveDate {
    let (y, m) = shift_month(d.year(), d.month(), delta);
    let day = d.day().min(days_in_month(y, m));
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
}

/// `d + n` days (saturating at the calendar's end).
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
            .unwrap_or(NaiveDate::MAX)
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// A calendar month (the billing month), e.g. 2026-10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month })
    }
    pub fn of(d: NaiveDate) -> Self {
        Self {
            year: d.year(),
            month: d.month(),
        }
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }
    pub fn last_day(self) -> NaiveDate {
        last_day_of_month(self.year, self.month)
    }
    pub fn next(self) -> Self {
        let (year, month) = shift_month(self.year, self.month, 1);
        Self { year, month }
    }
    pub fn prev(self) -> Self {
        let (year, month) = shift_month(self.year, self.month, -1);
        Self { year, month }
    }
    pub fn contains(self, d: NaiveDate) -> bool {
        d.year() == self.year && d.month() == self.month
    }
    /// Parse `2026-10` or `2026/10`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (y, m) = s.split_once(['-', '/'])?;
        Self::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// Months typed as a list (`2026-10 2026-11`, commas or 、 between),
    /// in order without repeats; the first that is not a month is named.
    pub fn parse_list(s: &str) -> Result<Vec<Self>, String> {
        let mut out = Vec::new();
        for part in s
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '、' | '，'))
            .filter(|p| !p.is_empty())
        {
            let m = Self::parse(part)
                .filter(|m| (1900..=2100).contains(&m.year))
                .ok_or_else(|| {
                    format!(
                        "「{}」は年月ではありません（例: 2026-10 2026-11）",
                        crate::text::for_display(part)
                    )
                })?;
            out.push(m);
        }
        out.sort();
        out.dedup();
        Ok(out)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match four_digit_year(self.year) {
            Some(y) => {
                let mut buf = *b"0000-00";
                write_digits(&mut buf[..4], y);
                write_digits(&mut buf[5..], self.month);
                s.serialize_str(std::str::from_utf8(&buf).unwrap_or_default())
            }
            None => s.collect_str(self),
        }
    }
}

fn four_digit_year(y: i32) -> Option<u32> {
    u32::try_from(y).ok().filter(|y| *y <= 9999)
}

/// `n` as zero-padded decimal filling `out` (ASCII digits only).
fn write_digits(out: &mut [u8], mut n: u32) {
    for b in out.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// A date as `YYYY-MM-DD` for serde without going through `fmt` (a whole
/// office's `due` writes over a hundred thousand); the same text as
/// chrono's own serialization.
pub fn serialize_iso<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let Some(year) = four_digit_year(d.year()) else {
        return d.serialize(s);
    };
    let mut buf = *b"0000-00-00";
    write_digits(&mut buf[..4], year);
    write_digits(&mut buf[5..7], d.month());
    write_digits(&mut buf[8..], d.day());
    s.serialize_str(std::str::from_utf8(&buf).unwrap_or_default())
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        YearMonth::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("月の形式が正しくありません: {s}")))
    }
}

/// Every calendar month that overlaps `start..=end`, partial ones included.
pub fn months_overlapping(start: NaiveDate, end: NaiveDate) -> impl Iterator<Item = YearMonth> {
    let last = YearMonth::of(end);
    let mut cur = (start <= end).then(|| YearMonth::of(start));
    std::iter::from_fn(move || {
        let m = cur?;
        cur = (m < last).then(|| m.next());
        Some(m)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_months_reads_as_typed_in_order_without_repeats() {
        let ym = |y, m| YearMonth::new(y, m).expect("month");
        assert_eq!(
            YearMonth::parse_list("2026-11、2026/10 2026-11,2027-01"),
            Ok(vec![ym(2026, 10), ym(2026, 11), ym(2027, 1)])
        );
        assert_eq!(YearMonth::parse_list("  "), Ok(vec![]));
        let e = YearMonth::parse_list("2026-10 2026-13").expect_err("no such month");
        assert!(e.contains("「2026-13」は年月ではありません"), "{e}");
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn period_end_spec_examples() {
        assert_eq!(period_end(d("2026-04-15"), 6), d("2026-10-14"));
        assert_eq!(period_end(d("2026-04-01"), 6), d("2026-09-30"));
        assert_eq!(period_end(d("2026-08-31"), 6), d("2027-02-28"));
        assert_eq!(period_end(d("2027-08-30"), 6), d("2028-02-29"));
    }

    #[test]
    fn month_k_starts_the_day_after_the_previous_month_ends() {
        assert_eq!(
            month_k(d("2026-04-15"), 1),
            (d("2026-04-15"), d("2026-05-14"))
        );
        assert_eq!(
            month_k(d("2026-04-15"), 2),
            (d("2026-05-15"), d("2026-06-14"))
        );
        assert_eq!(
            month_k(d("2026-08-31"), 6),
            (d("2027-01-31"), d("2027-02-28"))
        );
    }

    #[test]
    fn three_months_before_clamps_to_month_end() {
        assert_eq!(months_before(d("2029-05-31"), 3), d("2029-02-28"));
        assert_eq!(months_before(d("2029-10-14"), 3), d("2029-07-14"));
    }

    #[test]
    fn months_overlapping_includes_partial_months() {
        let v: Vec<String> = months_overlapping(d("2026-10-15"), d("2027-01-02"))
            .map(|m| m.to_string())
            .collect();
        assert_eq!(v, ["2026-10", "2026-11", "2026-12", "2027-01"]);
        assert_eq!(
            months_overlapping(d("2026-10-15"), d("2026-10-01")).count(),
            0
        );
    }
}
