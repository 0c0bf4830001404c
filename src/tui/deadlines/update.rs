//! The deadlines view's update: opening it, rebuilding it for the worker
//! chosen and the clients the filter box matches, grouping by status or
//! by month, and Enter on a deadline — that client's timeline with the
//! item selected. The keys that only change the view's own choices
//! (days, kind, required only) are dispatched in `app::routing`.

use super::Narrow;
use crate::tui::app::{App, Screen};
use crate::tui::staff_picker::Who;
use crate::tui::timeline::ItemKey;
use crate::tui::widgets::layout::Pane;

impl App {
    /// Rebuild the deadlines for the worker chosen (my caseload first)
    /// and the clients the filter box matches.
    pub(crate) fn rebuild_deadlines(&mut self) {
        let who = if self.list.mine_only {
            Who::Staff(self.user.clone())
        } else {
            self.deadlines.staff.clone()
        };
        let rows = (!self.list.query.trim().is_empty()).then(|| {
            let mut shown = vec![false; self.snap.rows.len()];
            for &r in &self.list.visible {
                if let Some(s) = shown.get_mut(r) {
                    *s = true;
                }
            }
            shown
        });
        let narrow = Narrow {
            who: &who,
            rows: rows.as_deref(),
        };
        self.deadlines.rebuild(&self.snap, self.today, narrow);
    }

    pub(crate) fn open_deadlines(&mut self) {
        self.screen = Screen::Deadlines;
        self.list.typing = false;
        self.rebuild_deadlines();
        self.sync_scroll();
    }

    /// Enter on a deadline: that client's timeline, with the item selected.
    pub(crate) fn jump_to_selected_deadline(&mut self) {
        let Some(p) = self
            .deadlines
            .selected_item()
            .and_then(|i| self.snap.pending.get(i))
        else {
            return;
        };
        let key = ItemKey::Obligation(p.obligation.id(), p.obligation.period, p.obligation.job);
        let Some(id) = self.snap.rows.get(p.row).map(|r| r.id) else {
            return;
        };
        self.screen = Screen::Main;
        self.focus = Pane::Timeline;
        self.show_client(id);
        match &mut self.timeline {
            Some(t) if t.client_id() == id => {
                t.select_key(&key);
            }
            _ => self.select_after_load = Some(key),
        }
        self.sync_scroll();
    }

    pub(crate) fn toggle_grouping(&mut self) {
        use crate::tui::deadlines::Grouping;
        self.deadlines.grouping = match self.deadlines.grouping {
            Grouping::Status => Grouping::Month,
            Grouping::Month => Grouping::Status,
        };
        self.rebuild_deadlines();
    }
}
