//! A contact for one item (Enter on a timeline step, `c` on a deadline):
//! the counterpart and method that satisfy it (the place follows them,
//! `record_forms::place_for`), and a warning when the date typed falls
//! outside the item's window. A past month's item leaves the date to the
//! person, its field saying which month: a day picked for them (the
//! month's last, as before) was saved unread by whoever recorded late.

use chrono::{Datelike, NaiveDate};

use super::{App, Screen};
use crate::model::{Counterpart, Method, Obligation};
use crate::tui::form_editor::Preset;
use crate::tui::timeline::EnterAction;

/// The window a contact must fall in to satisfy a monthly item, and what
/// to call the item in the warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Window {
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) what: String,
    /// The date the warning was shown for: saving it again saves.
    pub(crate) warned: Option<NaiveDate>,
}

impl Window {
    /// The window is over on `today`: a contact for it happened before.
    pub(crate) fn past(&self, today: NaiveDate) -> bool {
        today > self.to
    }

    /// What the date field asks for: 「11月中の日付を入力」, or the days
    /// when the window is part of a month (the first month of support);
    /// with the 和暦 year when it is not `today`'s (令和7年5月中).
    pub(crate) fn date_hint(&self, today: NaiveDate) -> String {
        let whole_month = self.from.day() == 1
            && self.from.month() == self.to.month()
            && self.to.succ_opt().is_none_or(|d| d.day() == 1);
        let other_year = self.to.year() != today.year();
        if whole_month && other_year {
            format!(
                "{}中の日付を入力",
                crate::wareki::format_year_month(crate::dates::YearMonth::of(self.to))
            )
        } else if whole_month {
            format!("{}月中の日付を入力", self.to.month())
        } else if other_year {
            format!(
                "{}～{}の日付を入力",
                crate::wareki::format(self.from),
                crate::wareki::format(self.to)
            )
        } else {
            let md = |d: NaiveDate| format!("{}月{}日", d.month(), d.day());
            format!("{}～{}の日付を入力", md(self.from), md(self.to))
        }
    }

    /// A warning when `date` would not satisfy the item, unless it was
    /// already shown for that date (then the person means it).
    pub(crate) fn check(&mut self, date: NaiveDate) -> Option<String> {
        if (self.from..=self.to).contains(&date) || self.warned == Some(date) {
            return None;
        }
        self.warned = Some(date);
        Some(format!(
            "この日付では「{}」（{}～{}）を満たしません。もう一度保存すると、このまま保存します",
            self.what,
            crate::wareki::format_short(self.from),
            crate::wareki::format_short(self.to)
        ))
    }
}

/// What a contact needs to satisfy `o`: `None` when a contact cannot
/// (a report, a plan, a handover, information only).
pub(crate) fn contact_preset(o: &Obligation) -> Option<Preset> {
    let mut p = match EnterAction::of(o.id) {
        EnterAction::LinkedContact => Preset::linked(o.id),
        EnterAction::Contact => Preset {
            counterpart: Some(Counterpart::Client),
            method: Some(Method::InPerson),
            ..Preset::default()
        },
        EnterAction::EmployerContact => Preset {
            counterpart: Some(Counterpart::Employer),
            ..Preset::default()
        },
        _ => return None,
    };
    // A monthly item counts contacts inside its month only: a past
    // month's date is the person's to enter (`Window::date_hint`), with a
    // check on saving.
    if o.period.is_some() && o.window_start <= o.due {
        let what = match o.period {
            Some(m) => format!("{} {}", crate::wareki::format_year_month(m), o.title),
            None => o.title.to_string(),
        };
        p.window = Some(Window {
            from: o.window_start,
            to: o.due,
            what,
            warned: None,
        });
    }
    Some(p)
}

impl App {
    /// `c` on the deadlines view is a contact for the selected item
    /// (resolved once the client's record is loaded); elsewhere a plain one.
    pub(super) fn deadline_contact_preset(&self) -> Preset {
        if self.screen != Screen::Deadlines {
            return Preset::default();
        }
        let item = self
            .deadlines
            .selected_item()
            .and_then(|i| self.snap.pending.get(i))
            .map(|p| (p.obligation.id(), p.obligation.period));
        Preset {
            item,
            ..Preset::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(from: &str, to: &str) -> Window {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        Window {
            from: d(from),
            to: d(to),
            what: String::new(),
            warned: None,
        }
    }

    #[test]
    fn the_date_hint_names_the_month_or_the_days_that_count() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(
            window("2026-11-01", "2026-11-30").date_hint(day("2026-12-08")),
            "11月中の日付を入力"
        );
        assert_eq!(
            window("2026-02-01", "2026-02-28").date_hint(day("2026-12-08")),
            "2月中の日付を入力"
        );
        // The first month of support starts on its day.
        assert_eq!(
            window("2026-09-15", "2026-09-30").date_hint(day("2026-12-08")),
            "9月15日～9月30日の日付を入力"
        );
        // Another year's month says its year.
        assert_eq!(
            window("2025-05-01", "2025-05-31").date_hint(day("2026-12-08")),
            "令和7年5月中の日付を入力"
        );
        assert_eq!(
            window("2025-12-15", "2025-12-31").date_hint(day("2026-01-08")),
            "令和7年12月15日～令和7年12月31日の日付を入力"
        );
        let w = window("2026-10-01", "2026-10-31");
        assert!(w.past(NaiveDate::from_ymd_opt(2026, 11, 1).expect("day")));
        assert!(!w.past(NaiveDate::from_ymd_opt(2026, 10, 31).expect("day")));
    }
}
