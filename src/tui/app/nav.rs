//! Moving around: selection, scrolling and paging in whichever pane or
//! view has the focus, loading the selected client's record, Enter and
//! Back, and taking in reloaded data without losing the cursor.

use super::{App, Effect, Screen};
use crate::model::{Client, ClientId, Obligation};
use crate::tui::engine;
use crate::tui::snapshot::Snapshot;
use crate::tui::timeline::Timeline;
use crate::tui::widgets::layout::{self, Pane};

impl App {
    pub fn selected_client_id(&self) -> Option<ClientId> {
        self.list
            .selected_row()
            .and_then(|r| self.snap.rows.get(r))
            .map(|r| r.id)
    }

    /// Rows one page moves.
    pub(super) fn page(&self) -> usize {
        let l = layout::main_layout(self.size, self.focus);
        let h = match (self.screen, self.focus) {
            (Screen::Deadlines, _) => {
                let filter = self.list.typing || !self.list.query.is_empty();
                return crate::tui::deadlines::view::list_height(l.body, filter)
                    .saturating_sub(1)
                    .max(1);
            }
            (Screen::Office, _) => l.body.height,
            (_, Pane::List) => l.list.map_or(0, |r| r.height),
            (_, Pane::Timeline) => l.timeline.map_or(0, |r| r.height),
            (_, Pane::Detail) => l.detail.map_or(0, |r| r.height),
        };
        layout::inner_height(h).saturating_sub(1).max(1)
    }

    pub(crate) fn move_selection(&mut self, delta: isize) {
        match (self.screen, self.focus, self.list.typing) {
            (Screen::Deadlines, _, _) => self.deadlines.move_by(delta),
            (_, Pane::List, _) | (_, _, true) => {
                let before = self.list.selected;
                self.list.move_by(delta);
                if self.list.selected != before {
                    self.selection_changed();
                }
            }
            (_, Pane::Timeline, _) => {
                if let Some(t) = &mut self.timeline {
                    t.move_by(delta);
                    self.detail_scroll = 0;
                }
            }
            (_, Pane::Detail, _) => {
                self.detail_scroll =
                    (self.detail_scroll as isize + delta).clamp(0, u16::MAX as isize) as u16;
            }
        }
        self.sync_scroll();
    }

    pub(super) fn select_end(&mut self, last: bool) {
        match (self.screen, self.focus) {
            (Screen::Deadlines, _) => self.deadlines.select_end(last),
            (_, Pane::List) => {
                self.list.select_end(last);
                self.selection_changed();
            }
            (_, Pane::Timeline) => {
                if let Some(t) = &mut self.timeline {
                    t.select_end(last);
                }
            }
            (_, Pane::Detail) => self.detail_scroll = if last { u16::MAX / 2 } else { 0 },
        }
        self.sync_scroll();
    }

    /// The list's selection moved: fetch that client's record unless the
    /// timeline already shows them.
    pub(crate) fn selection_changed(&mut self) {
        self.detail_scroll = 0;
        match self.selected_client_id() {
            Some(id) if self.timeline.as_ref().map(Timeline::client_id) != Some(id) => {
                self.push(Effect::LoadClient(id));
            }
            Some(_) => {}
            None => self.timeline = None,
        }
        self.sync_scroll();
    }

    /// Keep every cursor on screen for the current terminal size.
    pub fn sync_scroll(&mut self) {
        let l = layout::main_layout(self.size, self.focus);
        let filter_row = usize::from(self.list.typing || !self.list.query.is_empty());
        if let Some(r) = l.list {
            self.list
                .scroll_into_view(layout::inner_height(r.height).saturating_sub(1 + filter_row));
        }
        if let (Some(r), Some(t)) = (l.timeline, self.timeline.as_mut()) {
            t.scroll_into_view(layout::inner_height(r.height));
        }
        let body = layout::full_layout(self.size).body;
        let filter = self.list.typing || !self.list.query.is_empty();
        self.deadlines
            .scroll_into_view(crate::tui::deadlines::view::list_height(body, filter));
    }

    /// The client's obligations today, from the engine.
    pub fn compute(&self, c: &Client) -> Vec<Obligation> {
        engine::compute(c, &self.settings, self.today)
    }

    /// The selected client's full record arrived.
    pub fn client_loaded(&mut self, result: Result<Client, String>) {
        let client = match result {
            Ok(c) => c,
            Err(e) => {
                // What waited for this record is not opened on a later one.
                self.form_after_load = None;
                self.select_after_load = None;
                self.error(e);
                return;
            }
        };
        let id = client.id.unwrap_or_default();
        if Some(id) != self.selected_client_id() && self.form_after_load.is_none() {
            return; // the selection moved on meanwhile
        }
        let obligations = self.compute(&client);
        let mut t = Timeline::new(client, obligations, self.today);
        if self.records_view {
            t.toggle_by_kind();
        }
        // The same client again (a reload): keep folds and the cursor.
        if let Some(old) = self.timeline.take().filter(|o| o.client_id() == id) {
            t.keep_view_of(&old);
            t.offset = old.offset;
            t.select_key_keeping_folds(old.selected_key().as_ref());
        }
        if let Some(key) = self.select_after_load.take() {
            t.select_key(&key);
        }
        self.timeline = Some(t);
        if let Some((kind, preset)) = self.form_after_load.take() {
            self.open_form(kind, preset);
        }
        self.sync_scroll();
    }

    /// Other sessions changed these clients (`None`: no longer shown):
    /// their rows and items are replaced and, for the one on screen, the
    /// timeline; the cursor, the filter and an open form stay. The rest of
    /// the office is not read again.
    pub fn clients_changed(&mut self, changed: Vec<(ClientId, Option<Client>)>) {
        if changed.is_empty() {
            return;
        }
        let (selected, row) = (self.selected_client_id(), self.list.selected);
        let (item, item_key) = (self.deadlines.selected, self.deadline_key());
        let mut on_screen = None;
        let (mut rows, mut removed) = (Vec::new(), false);
        for (id, client) in changed {
            match client {
                Some(c) => {
                    let obligations = self.compute(&c);
                    self.snap.replace_client(&c, &obligations, self.today);
                    rows.extend(self.snap.index_of(id));
                    if self.timeline.as_ref().is_some_and(|t| t.client_id() == id) {
                        on_screen = Some(c);
                    }
                }
                None => {
                    self.snap.remove_client(id);
                    removed = true;
                }
            }
        }
        if removed {
            self.list.rebuild_keeping(&self.snap, &self.user, selected);
        } else {
            self.list
                .refresh_rows(&self.snap, &self.user, &rows, selected);
        }
        // The deadlines view is rebuilt when it is opened: off screen, its
        // sort over every pending item is the bulk of a refresh.
        if self.screen == Screen::Deadlines {
            self.rebuild_deadlines();
        }
        if selected.is_some() && self.selected_client_id() != selected {
            // The client on screen left the list: the next one, not the top.
            self.list.select_near(row);
            self.selection_changed();
        } else if let Some(c) = on_screen {
            self.client_loaded(Ok(c));
        }
        if self.screen == Screen::Deadlines && item_key.is_some() && self.deadline_key() != item_key
        {
            self.deadlines.select_near(item);
        }
        self.sync_scroll();
    }

    /// This session wrote to the client: recompute their row, pending items
    /// and timeline.
    pub fn client_refreshed(&mut self, result: Result<Client, String>) {
        let client = match result {
            Ok(c) => c,
            Err(e) => {
                self.error(e);
                return;
            }
        };
        let obligations = self.compute(&client);
        let (selected, row) = (self.selected_client_id(), self.list.selected);
        let (item, item_key) = (self.deadlines.selected, self.deadline_key());
        self.snap.replace_client(&client, &obligations, self.today);
        self.list.rebuild(&self.snap, &self.user);
        self.rebuild_deadlines();
        let id = client.id.unwrap_or_default();
        // A client who left the list (closed) or an item that left the
        // deadlines (decided): the cursor stays where it was, on the next.
        if selected == Some(id) && self.selected_client_id() != selected {
            self.list.select_near(row);
            self.selection_changed();
        }
        if item_key.is_some() && self.deadline_key() != item_key {
            self.deadlines.select_near(item);
        }
        if self.timeline.as_ref().map(Timeline::client_id) == Some(id) {
            self.client_loaded(Ok(client));
        }
        if self.select_new_client == Some(id) {
            self.select_new_client = None;
            self.show_client(id);
        }
        self.sync_scroll();
    }

    /// A new snapshot (start-up, or another process wrote). The cursor
    /// stays on the same client and item; an open form is untouched.
    pub fn set_snapshot(&mut self, snap: Snapshot) {
        self.snap = snap;
        self.list.rebuild(&self.snap, &self.user);
        if !self.touched() {
            self.select_first_to_do();
        }
        self.rebuild_deadlines();
        match self.selected_client_id() {
            Some(id) => self.push(Effect::LoadClient(id)),
            None => self.timeline = None,
        }
        self.sync_scroll();
    }

    /// The selected deadline as (client, item, month), which stays the
    /// same across rebuilds while the item is listed.
    fn deadline_key(&self) -> Option<crate::tui::snapshot::ItemId> {
        let p = self.snap.pending.get(self.deadlines.selected_item()?)?;
        let client = self.snap.rows.get(p.row)?.id;
        Some((
            client,
            p.obligation.id(),
            p.obligation.period,
            p.obligation.job,
        ))
    }

    /// Make `id` the selected client, clearing a filter that hides them.
    pub(crate) fn show_client(&mut self, id: ClientId) {
        if !self.list.select_id(&self.snap, id) {
            self.list.typing = false;
            self.list.query.clear();
            self.list.refilter(&self.snap, Some(id));
            if !self.list.select_id(&self.snap, id) && self.list.mine_only {
                self.list.mine_only = false;
                self.list.rebuild(&self.snap, &self.user);
                self.list.select_id(&self.snap, id);
            }
        }
        self.selection_changed();
    }

    /// The client a form would be for: on the deadlines screen the selected
    /// item's client, else the list's selection.
    pub(crate) fn form_client(&mut self) -> Option<ClientId> {
        if self.screen == Screen::Deadlines {
            let p = self
                .deadlines
                .selected_item()
                .and_then(|i| self.snap.pending.get(i))?;
            let id = self.snap.rows.get(p.row)?.id;
            self.show_client(id);
            return Some(id);
        }
        self.selected_client_id()
    }

    /// The list of the main screen, with nothing over it: where `q`
    /// quits rather than going back.
    pub(crate) fn at_top(&self) -> bool {
        self.screen == Screen::Main && self.focus == Pane::List
    }

    /// What `back` does from here (`None`: nothing); the hint bar names
    /// it (`back_to`), `back` does it: one decision for both.
    fn back_step(&self) -> Option<BackStep> {
        let filtered = !self.list.query.is_empty();
        Some(match (self.screen, self.focus) {
            (Screen::Deadlines, _) if filtered => BackStep::ClearFilter,
            (Screen::Main, Pane::List) if filtered => BackStep::ClearFilter,
            (Screen::Main, Pane::List) => return None,
            // The records view is a level of its own: back to the timeline.
            (Screen::Main, _) if self.records_view => BackStep::LeaveRecords,
            // One level at a time: the timeline returns to the list (its
            // filter stays until Esc there).
            (Screen::Main, _) => BackStep::ToList,
            (screen, _) => BackStep::ToMain(screen),
        })
    }

    /// Where `back` goes from here, for the hint bar (`None`: nowhere).
    pub(crate) fn back_to(&self) -> Option<&'static str> {
        Some(match self.back_step()? {
            BackStep::ClearFilter => "絞込解除",
            BackStep::LeaveRecords => "経過へ",
            // It returns where it was opened from; its border names it.
            BackStep::ToMain(Screen::History) => "戻る",
            BackStep::ToMain(_) | BackStep::ToList => "一覧へ",
        })
    }

    pub(super) fn back(&mut self) {
        match self.back_step() {
            Some(BackStep::ClearFilter) => self.clear_filter(),
            Some(BackStep::LeaveRecords) => self.toggle_records_view(),
            Some(BackStep::ToList) => self.focus = Pane::List,
            Some(BackStep::ToMain(_)) => self.screen = Screen::Main,
            None => {}
        }
    }

    pub(super) fn enter(&mut self) {
        match (self.screen, self.focus) {
            (Screen::Deadlines, _) => self.jump_to_selected_deadline(),
            (Screen::Office | Screen::Figures | Screen::History, _) => {}
            (Screen::Main, Pane::List) => self.focus = Pane::Timeline,
            (Screen::Main, _) => self.enter_on_timeline(),
        }
    }
}

/// One level back (`App::back_step`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BackStep {
    /// Let go of the filter (the deadlines view's, or the list's).
    ClearFilter,
    /// From a screen of its own to the main one.
    ToMain(Screen),
    /// From the records view to the timeline.
    LeaveRecords,
    /// From the timeline or the detail to the list.
    ToList,
}
