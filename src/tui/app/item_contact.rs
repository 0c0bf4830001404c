//! A contact for one item (Enter on a timeline step, `c` on a deadline):
//! the counterpart, method, place and date that satisfy it, and a warning
//! when the date typed falls outside the item's window.

use chrono::NaiveDate;

use super::{App, Screen};
use crate::model::{Counterpart, Method, Obligation, Place};
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
pub(crate) fn contact_preset(o: &Obligation, today: NaiveDate) -> Option<Preset> {
    let mut p = match EnterAction::of(o.id) {
        EnterAction::LinkedContact => Preset::linked(o.id),
        EnterAction::Contact => Preset {
            counterpart: Some(Counterpart::Client),
            method: Some(Method::InPerson),
            ..Preset::default()
        },
        EnterAction::EmployerContact => Preset {
            counterpart: Some(Counterpart::Employer),
            place: Some(Place::Employer),
            ..Preset::default()
        },
        _ => return None,
    };
    // A monthly item counts contacts inside its month only: a past month
    // gets a day of that month (its last), with a check on saving.
    if o.period.is_some() && o.window_start <= o.due {
        if !(o.window_start..=o.due).contains(&today) && today > o.due {
            p.date = Some(o.due);
        }
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
