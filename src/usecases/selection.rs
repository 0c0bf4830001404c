//! Which items a listing of deadlines keeps — the `due` command and the
//! deadlines view of the TUI select with the same rule.

use chrono::NaiveDate;

use crate::dates::add_days;
use crate::model::{Severity, Status};

/// Overdue items always; other items due from `from` through `until`;
/// done and waived ones only with `all`; only 必須 items with
/// `required_only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Selection {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub all: bool,
    pub required_only: bool,
}

impl Selection {
    /// What needs doing from `today` through `days` ahead, plus everything
    /// overdue (the deadlines view: a year ahead).
    pub(crate) fn pending(today: NaiveDate, days: i64) -> Selection {
        Selection {
            from: today,
            until: add_days(today, days),
            all: false,
            required_only: false,
        }
    }

    pub(crate) fn keeps(&self, status: Status, due: NaiveDate, severity: Severity) -> bool {
        if self.required_only && severity != Severity::Required {
            return false;
        }
        let in_range = self.from <= due && due <= self.until;
        match status {
            Status::Overdue => true,
            Status::Done | Status::Waived => self.all && in_range,
            _ => in_range,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn overdue_items_are_always_kept_and_done_ones_only_when_all_are_asked_for() {
        let s = Selection::pending(d("2026-12-01"), 30);
        assert!(s.keeps(Status::Overdue, d("2022-01-31"), Severity::Effort));
        assert!(s.keeps(Status::Open, d("2026-12-31"), Severity::Required));
        assert!(!s.keeps(Status::Upcoming, d("2027-01-01"), Severity::Required));
        assert!(!s.keeps(Status::Done, d("2026-12-10"), Severity::Required));
        let all = Selection { all: true, ..s };
        assert!(all.keeps(Status::Done, d("2026-12-10"), Severity::Required));
        assert!(!all.keeps(Status::Done, d("2026-11-30"), Severity::Required));
        let required = Selection {
            required_only: true,
            ..s
        };
        assert!(!required.keeps(Status::Overdue, d("2022-01-31"), Severity::Effort));
    }
}
