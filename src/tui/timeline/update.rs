//! The timeline's update: Enter on a row (a step opens the contact or
//! form that satisfies it, a record opens to be corrected, a month folds)
//! and `R`, the same client's records by kind. Moving the cursor is
//! shared with the other panes (`app::nav`).

use super::{EnterAction, Row};
use crate::tui::app::{App, Screen, item_contact};
use crate::tui::form_editor::Preset;
use crate::tui::record_forms::FormKind;
use crate::tui::widgets::layout::Pane;

impl App {
    /// Enter on the timeline: a step opens a contact linked to it, a record
    /// opens to be corrected, a month heading folds or unfolds.
    pub(crate) fn enter_on_timeline(&mut self) {
        let Some(t) = &mut self.timeline else { return };
        match t.selected_row() {
            Some(Row::Month { .. } | Row::Kind { .. }) => t.toggle_fold(),
            _ => {
                if let Some(o) = t.selected_obligation() {
                    let id = o.id;
                    if let Some(by) = o.satisfied_by.clone() {
                        return self.edit_satisfying_record(&by);
                    }
                    if let Some(p) = item_contact::contact_preset(o) {
                        return self.request_form(FormKind::Contact, p);
                    }
                    match EnterAction::of(id) {
                        EnterAction::Handover => {
                            self.request_form(FormKind::Handover, Preset::default())
                        }
                        EnterAction::Report => {
                            let month = o.period;
                            self.request_form(
                                FormKind::Report,
                                Preset {
                                    month,
                                    ..Preset::default()
                                },
                            )
                        }
                        EnterAction::Plan => self.request_form(FormKind::Plan, Preset::default()),
                        EnterAction::LinkedContact
                        | EnterAction::Contact
                        | EnterAction::EmployerContact
                        | EnterAction::Nothing => {}
                    }
                } else if t.selected_record().is_some() {
                    self.edit_selected_record();
                }
            }
        }
    }

    /// `R`: the selected client's records by kind, or back to the
    /// timeline (the choice holds as the selection moves to other clients).
    pub(crate) fn toggle_records_view(&mut self) {
        if self.screen != Screen::Main {
            return;
        }
        self.records_view = !self.records_view;
        if let Some(t) = &mut self.timeline
            && t.by_kind != self.records_view
        {
            t.toggle_by_kind();
        }
        if self.records_view && self.focus == Pane::List {
            self.focus = Pane::Timeline;
        }
    }
}
