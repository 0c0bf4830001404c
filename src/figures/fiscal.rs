//! The fiscal year (年度): April to March, the year the fee rules count in.

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use crate::dates::{YearMonth, months_overlapping};

/// 年度 `Y`: 4月1日 of Y to 3月31日 of Y + 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// The fiscal year `d` falls in (3/31 is the year before 4/1's).
    pub fn of(d: NaiveDate) -> FiscalYear {
        FiscalYear(if d.month() >= 4 {
            d.year()
        } else {
            d.year() - 1
        })
    }

    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).unwrap_or(NaiveDate::MIN)
    }

    /// 3月31日: the 年度末.
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).unwrap_or(NaiveDate::MAX)
    }

    pub fn prev(self) -> FiscalYear {
        FiscalYear(self.0 - 1)
    }

    pub fn next(self) -> FiscalYear {
        FiscalYear(self.0 + 1)
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        self.start() <= d && d <= self.end()
    }

    /// April to March.
    pub fn months(self) -> impl Iterator<Item = YearMonth> {
        months_overlapping(self.start(), self.end())
    }

    /// "2026年度（令和8年度）".
    pub fn label(self) -> String {
        let (era, y) = crate::wareki::era_year(self.start());
        match (era, y) {
            ("", _) => format!("{}年度", self.0),
            (era, 1) => format!("{}年度（{era}元年度）", self.0),
            (era, y) => format!("{}年度（{era}{y}年度）", self.0),
        }
    }

    /// `d` moved into this year: the year's first day before it, its last
    /// day after it.
    pub fn clamp(self, d: NaiveDate) -> NaiveDate {
        d.clamp(self.start(), self.end())
    }
}

impl Serialize for FiscalYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn march_31_closes_the_year_and_april_1_opens_the_next() {
        assert_eq!(FiscalYear::of(d(2026, 3, 31)), FiscalYear(2025));
        assert_eq!(FiscalYear::of(d(2026, 4, 1)), FiscalYear(2026));
        assert_eq!(FiscalYear(2025).end(), d(2026, 3, 31));
        assert_eq!(FiscalYear(2026).start(), d(2026, 4, 1));
        assert_eq!(FiscalYear(2026).months().count(), 12);
        assert_eq!(
            FiscalYear(2026).months().last().map(|m| m.to_string()),
            Some("2027-03".to_string())
        );
    }

    #[test]
    fn labels_name_the_era_year_of_april() {
        assert_eq!(FiscalYear(2026).label(), "2026年度（令和8年度）");
        assert_eq!(FiscalYear(2018).label(), "2018年度（平成30年度）");
    }
}
