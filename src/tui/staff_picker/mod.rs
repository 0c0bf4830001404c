//! The deadlines view's staff picker: 全員, each worker (registered staff,
//! and any other login clients are assigned to) with their overdue and
//! due-soon counts, and the clients no one is assigned to. The choice
//! stays while the program runs: `update` opens the picker and takes the
//! choice, `view` draws it. The choice itself (`Who`: whose deadlines)
//! and the staff's short marks are in `staff_filter`.

mod staff_filter;
mod update;
mod view;

pub(crate) use staff_filter::{Marks, Who};
pub(crate) use view::StaffPickerView;

use super::action::Action;
use super::deadlines::{Deadlines, StaffCount};
use crate::model::Staff;

/// One choice, with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PickEntry {
    pub(crate) who: Who,
    pub(crate) label: String,
    pub(crate) overdue: usize,
    pub(crate) due_soon: usize,
    pub(crate) effort: usize,
}

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Consumed,
    Close,
    Pick(Who),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StaffPicker {
    pub(crate) entries: Vec<PickEntry>,
    pub(crate) cursor: usize,
}

impl StaffPicker {
    /// The choices for the view as it stands; the cursor on `current`.
    pub(crate) fn new(d: &Deadlines, staff: &[Staff], marks: &Marks, current: &Who) -> Self {
        let count = |who: &Who| {
            d.by_staff
                .iter()
                .find(|c| &c.who == who)
                .map_or((0, 0, 0), |c| (c.overdue, c.due_soon, c.effort))
        };
        let entry = |who: Who, label: String| {
            let (overdue, due_soon, effort) = count(&who);
            PickEntry {
                who,
                label,
                overdue,
                due_soon,
                effort,
            }
        };
        let mut entries = vec![PickEntry {
            who: Who::All,
            label: "全員".to_string(),
            overdue: d.total.overdue,
            due_soon: d.total.due_soon,
            effort: d.total.effort,
        }];
        for s in staff {
            let label = crate::model::person_label(Some(&s.display_name), &s.login);
            entries.push(entry(Who::Staff(s.login.clone()), label));
        }
        // Clients assigned to a login that is not registered staff.
        for StaffCount { who, .. } in &d.by_staff {
            if let Who::Staff(login) = who
                && !marks.is_staff(login)
            {
                let label = crate::model::person_label(None, login);
                entries.push(entry(who.clone(), label));
            }
        }
        entries.push(entry(Who::Unassigned, "担当なし".to_string()));
        let cursor = entries.iter().position(|e| &e.who == current).unwrap_or(0);
        StaffPicker { entries, cursor }
    }

    /// A key, with the action the keymap's picker table gave it.
    pub(crate) fn key(&mut self, action: Option<Action>) -> Outcome {
        let last = self.entries.len().saturating_sub(1);
        match action {
            Some(Action::Up) => self.cursor = self.cursor.saturating_sub(1),
            Some(Action::Down) => self.cursor = (self.cursor + 1).min(last),
            Some(Action::Top) => self.cursor = 0,
            Some(Action::Bottom) => self.cursor = last,
            Some(Action::Back) => return Outcome::Close,
            Some(Action::Enter) => {
                if let Some(e) = self.entries.get(self.cursor) {
                    return Outcome::Pick(e.who.clone());
                }
            }
            _ => {}
        }
        Outcome::Consumed
    }
}
