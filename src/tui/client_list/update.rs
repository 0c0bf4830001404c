//! The client list's update: the filter box over the list (and, opened
//! there, over the deadlines view: it narrows both to the clients it
//! matches). While it is open, keys are text for the query (the filter
//! mode's few actions aside).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Mode;

impl App {
    /// Keys while the filter box is open: text goes into the query.
    pub(crate) fn filter_key(&mut self, key: &KeyEvent) {
        match self.keymap.lookup(Mode::Filter, key) {
            Some(Action::Enter) => {
                self.list.history.remember(&self.list.query);
                self.list.typing = false;
                return;
            }
            Some(a @ (Action::OlderSearch | Action::NewerSearch)) => {
                let recalled = if a == Action::OlderSearch {
                    self.list.history.older(&self.list.query)
                } else {
                    self.list.history.newer()
                };
                if let Some(q) = recalled {
                    self.list.query = q;
                    self.query_changed();
                }
                return;
            }
            Some(Action::Back) => {
                self.clear_filter();
                return;
            }
            Some(Action::Up) => return self.move_selection(-1),
            Some(Action::Down) => return self.move_selection(1),
            Some(_) => return,
            None => {}
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Backspace => {
                self.list.query.pop();
            }
            KeyCode::Char('u') if ctrl => self.list.query.clear(),
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                self.list.query.push(c);
            }
            _ => return,
        }
        self.query_changed();
    }

    pub(crate) fn query_changed(&mut self) {
        self.list.refilter(&self.snap, None);
        self.selection_changed();
        // Off screen the deadlines view is rebuilt when opened: not on
        // every key typed into the list's filter.
        if self.screen == Screen::Deadlines {
            self.rebuild_deadlines();
        }
    }

    /// Open the filter box for a new search: a query kept from before
    /// (Enter) is cleared first, as `/` starts a new search in less or vim,
    /// rather than typed onto (`yamada osamuやまもと` found no one).
    pub(crate) fn start_filter(&mut self) {
        if !self.list.query.is_empty() {
            self.clear_filter();
        }
        self.list.history.reset();
        self.list.typing = true;
    }

    /// Leave the filter box and show everyone again, keeping the client
    /// that was selected.
    pub fn clear_filter(&mut self) {
        let keep = self.selected_client_id();
        // A search let go of is still a key away.
        self.list.history.remember(&self.list.query);
        self.list.typing = false;
        self.list.query.clear();
        self.list.refilter(&self.snap, keep);
        self.selection_changed();
        if self.screen == Screen::Deadlines {
            self.rebuild_deadlines();
        }
    }
}
