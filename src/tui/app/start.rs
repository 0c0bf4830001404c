//! How a session starts: the list as the person left it (`m`, the sort
//! order) and the cursor on the first client with something to do today.

use std::path::PathBuf;

use super::{App, Effect};
use crate::tui::client_list::view_state::ViewState;

impl App {
    /// Read the remembered `m` and sort order from `path`, and write them
    /// there when they change.
    pub(crate) fn restore_view_state(&mut self, path: PathBuf) {
        let state = ViewState::read(&path);
        self.view_state_file = Some(path);
        self.list.mine_only = state.mine_only;
        self.list.sort = state.sort();
        self.list.rebuild(&self.snap, &self.user);
        self.rebuild_deadlines();
        if !self.touched() {
            self.select_first_to_do();
        }
        self.selection_changed();
    }

    /// `m` or the sort order changed: remember it for the next start.
    pub(crate) fn remember_view(&mut self) {
        if let Some(path) = self.view_state_file.clone() {
            let state = ViewState::new(self.list.mine_only, self.list.sort);
            self.push(Effect::SaveViewState(path, state));
        }
    }

    /// Put the cursor on the first listed client with something to do
    /// today (an overdue item, or one due today) — never on an ended case
    /// just because its name sorts first; the top of the list otherwise.
    pub(super) fn select_first_to_do(&mut self) {
        use crate::obligations::Stage;
        let today = self.today;
        // A job that ended (離職) or support that did (終了) may still show
        // old overdue items: nothing a worker starts the day with.
        let ended = [Stage::Separated.badge(), Stage::Ended.badge()];
        let live = |row: &crate::tui::snapshot::ClientRow| {
            row.closure.is_none() && !ended.contains(&row.badge)
        };
        let rows = &self.snap.rows;
        let at = |pick: &dyn Fn(&crate::tui::snapshot::ClientRow) -> bool| {
            self.list
                .visible
                .iter()
                .position(|&r| rows.get(r).is_some_and(|row| live(row) && pick(row)))
        };
        let first =
            at(&|row| row.overdue > 0 || row.next_due == Some(today)).or_else(|| at(&|_| true));
        match first {
            Some(p) => self.list.selected = p,
            None => self.list.select_end(false),
        }
    }
}
