//! 和暦 (Japanese era) names for dates shown to people. docs/BASIS.md §3.5.
//!
//! The forms case workers fill in use 和暦 (令和8年4月30日), so the app shows
//! dates that way; storage and interchange stay ISO 8601. The era table is the
//! one in docs/BASIS.md §3.5. Dates before 明治 have no era here and fall back to the
//! Gregorian year ("1850年1月1日").

use chrono::{Datelike, NaiveDate};

use crate::dates::YearMonth;

/// One era of the table: its name, its one-letter abbreviation and its first
/// day. Year 1 of an era (元年) is the Gregorian year of `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era {
    /// 令和
    pub name: &'static str,
    /// 'R' — the letter used in short forms such as R8.4.30.
    pub letter: char,
    /// First day of the era.
    pub start: NaiveDate,
}

// Compile-time constant: a bad literal fails the build, never a user.
#[allow(clippy::panic)] // only ever evaluated by the compiler (const items)
const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("invalid era start date"),
    }
}

/// The eras, oldest first (docs/BASIS.md §3.5).
pub const ERAS: [Era; 5] = [
    Era {
        name: "明治",
        letter: 'M',
        start: ymd(1868, 1, 25),
    },
    Era {
        name: "大正",
        letter: 'T',
        start: ymd(1912, 7, 30),
    },
    Era {
        name: "昭和",
        letter: 'S',
        start: ymd(1926, 12, 25),
    },
    Era {
        name: "平成",
        letter: 'H',
        start: ymd(1989, 1, 8),
    },
    Era {
        name: "令和",
        letter: 'R',
        start: ymd(2019, 5, 1),
    },
];

impl Era {
    /// Last day of the era: the day before the next era starts; `None` for
    /// the current era.
    pub fn end(&self) -> Option<NaiveDate> {
        ERAS.iter()
            .find(|e| e.start > self.start)
            .and_then(|next| next.start.pred_opt())
    }

    /// The era year of Gregorian `year` (1 = 元年). Meaningful only for dates
    /// inside the era; see [`era_of`].
    pub fn year_of(&self, year: i32) -> i32 {
        year - self.start.year() + 1
    }

    /// The Gregorian year of era year `era_year`, if it fits in an `i32`.
    pub fn gregorian_year(&self, era_year: i32) -> Option<i32> {
        self.start.year().checked_add(era_year)?.checked_sub(1)
    }

    /// Whether `d` falls inside this era.
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.start && self.end().is_none_or(|end| d <= end)
    }
}

/// The era in force on `d`, or `None` before 明治.
pub fn era_of(d: NaiveDate) -> Option<&'static Era> {
    ERAS.iter().rev().find(|e| e.start <= d)
}

/// The era with this full name (令和).
pub fn era_by_name(name: &str) -> Option<&'static Era> {
    ERAS.iter().find(|e| e.name == name)
}

/// The era with this one-letter abbreviation, either case.
pub fn era_by_letter(letter: char) -> Option<&'static Era> {
    ERAS.iter().find(|e| e.letter.eq_ignore_ascii_case(&letter))
}

/// ("令和", 8) for 2026-04-30. Before 明治 the name is empty and the year is
/// the Gregorian year.
pub fn era_year(d: NaiveDate) -> (&'static str, i32) {
    match era_of(d) {
        Some(era) => (era.name, era.year_of(d.year())),
        None => ("", d.year()),
    }
}

/// "8" or "元" for year 1.
fn year_label(era_year: i32) -> String {
    if era_year == 1 {
        "元".to_owned()
    } else {
        era_year.to_string()
    }
}

/// The year part of a long form: "令和8年", "令和元年", or "1850年" before 明治.
fn long_year(d: NaiveDate) -> String {
    match era_of(d) {
        Some(era) => format!("{}{}年", era.name, year_label(era.year_of(d.year()))),
        None => format!("{}年", d.year()),
    }
}

/// "令和8年4月30日"; year 1 is written 元年 ("令和元年5月1日").
pub fn format(d: NaiveDate) -> String {
    format!("{}{}月{}日", long_year(d), d.month(), d.day())
}

/// "令和8年10月".
///
/// A month in which the era changed (1912-07, 1926-12, 1989-01) is named by
/// the era of its **first day** — 1989-01 is "昭和64年1月", not "平成元年1月" —
/// so the label always agrees with `format(ym.first_day())`. (2019-05 starts
/// exactly on 令和's first day and is "令和元年5月".)
pub fn format_year_month(ym: YearMonth) -> String {
    format!("{}{}月", long_year(ym.first_day()), ym.month)
}

/// "R8.4" — a month as `format_short` writes its days, for columns.
pub fn format_short_month(ym: YearMonth) -> String {
    let d = ym.first_day();
    match era_of(d) {
        Some(era) => format!("{}{}.{}", era.letter, era.year_of(d.year()), d.month()),
        None => format!("{}.{}", d.year(), d.month()),
    }
}

/// "R8.4.30" — letter, era year (1, not 元), month, day. Before 明治,
/// "1850.1.1".
pub fn format_short(d: NaiveDate) -> String {
    match era_of(d) {
        Some(era) => format!(
            "{}{}.{}.{}",
            era.letter,
            era.year_of(d.year()),
            d.month(),
            d.day()
        ),
        None => format!("{}.{}.{}", d.year(), d.month(), d.day()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    #[test]
    fn spec_example_reiwa_8_april_30() {
        assert_eq!(format(d(2026, 4, 30)), "令和8年4月30日");
        assert_eq!(format_short(d(2026, 4, 30)), "R8.4.30");
        assert_eq!(era_year(d(2026, 4, 30)), ("令和", 8));
    }

    #[test]
    fn first_year_of_an_era_is_gannen() {
        assert_eq!(format(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(format(d(1989, 1, 8)), "平成元年1月8日");
        assert_eq!(format(d(1926, 12, 25)), "昭和元年12月25日");
        assert_eq!(format(d(1912, 7, 30)), "大正元年7月30日");
        assert_eq!(format(d(1868, 1, 25)), "明治元年1月25日");
        // The short form writes the number.
        assert_eq!(format_short(d(2019, 5, 1)), "R1.5.1");
    }

    #[test]
    fn era_changes_on_the_table_dates() {
        assert_eq!(format(d(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(format(d(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(format(d(1926, 12, 24)), "大正15年12月24日");
        assert_eq!(format(d(1912, 7, 29)), "明治45年7月29日");
        assert_eq!(format_short(d(1989, 1, 7)), "S64.1.7");
        assert_eq!(format_short(d(2019, 4, 30)), "H31.4.30");
        assert_eq!(format_short(d(1912, 7, 29)), "M45.7.29");
        assert_eq!(format_short(d(1926, 12, 24)), "T15.12.24");
    }

    #[test]
    fn before_meiji_falls_back_to_the_gregorian_year() {
        assert_eq!(format(d(1850, 1, 1)), "1850年1月1日");
        assert_eq!(format(d(1868, 1, 24)), "1868年1月24日");
        assert_eq!(format_short(d(1850, 1, 1)), "1850.1.1");
        assert_eq!(era_year(d(1850, 1, 1)), ("", 1850));
        assert_eq!(
            format_year_month(YearMonth::new(1850, 3).expect("month")),
            "1850年3月"
        );
    }

    #[test]
    fn year_month_uses_the_era_of_the_first_day() {
        let ym = |y, m| YearMonth::new(y, m).expect("month");
        assert_eq!(format_year_month(ym(2026, 10)), "令和8年10月");
        assert_eq!(format_year_month(ym(2019, 5)), "令和元年5月");
        assert_eq!(format_year_month(ym(2019, 4)), "平成31年4月");
        assert_eq!(format_year_month(ym(1989, 1)), "昭和64年1月");
        assert_eq!(format_year_month(ym(1989, 2)), "平成元年2月");
        assert_eq!(format_year_month(ym(1926, 12)), "大正15年12月");
        assert_eq!(format_year_month(ym(1912, 7)), "明治45年7月");
        // 明治 began on 1868-01-25, so its first month is still pre-era.
        assert_eq!(format_year_month(ym(1868, 1)), "1868年1月");
    }

    #[test]
    fn each_era_ends_the_day_before_the_next_begins() {
        for pair in ERAS.windows(2) {
            let end = pair[0].end().expect("older era has an end");
            assert_eq!(end.succ_opt(), Some(pair[1].start));
            assert!(pair[0].contains(end));
            assert!(!pair[0].contains(pair[1].start));
        }
        assert_eq!(ERAS[4].end(), None);
        assert!(ERAS[4].contains(d(9999, 12, 31)));
    }

    #[test]
    fn eras_are_found_by_name_and_by_letter_in_either_case() {
        assert_eq!(era_by_name("平成").map(|e| e.letter), Some('H'));
        assert_eq!(era_by_letter('r').map(|e| e.name), Some("令和"));
        assert_eq!(era_by_letter('S').map(|e| e.name), Some("昭和"));
        assert_eq!(era_by_letter('X'), None);
        assert_eq!(era_by_name("慶応"), None);
        assert_eq!(ERAS[3].gregorian_year(31), Some(2019));
    }
}
