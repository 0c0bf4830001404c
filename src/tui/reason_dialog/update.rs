//! The reason dialog's update (deleting, 対象外, reopening): its keys, and
//! the store's answer to what it asked for. What each dialog says and
//! queues is its caller's (`app::delete`, `app::decide`).

use crossterm::event::KeyEvent;

use super::Outcome;
use crate::model::ClientId;
use crate::tui::app::{App, Effect};
use crate::tui::keymap::Mode;

impl App {
    /// The client as the dialogs name them: 名前（利用者番号）.
    pub(crate) fn client_fact(&self, client_id: ClientId) -> (&'static str, String) {
        let who = self
            .snap
            .row(client_id)
            .map(|r| format!("{}（{}）", r.name, r.external_id))
            .unwrap_or_default();
        ("利用者", who)
    }

    /// A key while the dialog is up: confirm, cancel, or edit the reason.
    pub(crate) fn dialog_key(&mut self, key: &KeyEvent) {
        let action = self.keymap.lookup(Mode::Dialog, key);
        let Some(d) = &mut self.dialog else { return };
        match d.key(key, action) {
            Outcome::Consumed => {}
            Outcome::Cancel => {
                let said = d.cancelled;
                self.dialog = None;
                self.info(said);
            }
            Outcome::Confirm(effect) => self.push(*effect),
        }
    }

    /// The store's answer to the dialog's write: done, the dialog closes
    /// with `Ok`'s line on the status line; refused, it stays with the
    /// reason why. Either way the client is read again, to show what the
    /// store now holds.
    pub(crate) fn dialog_answered(&mut self, client_id: ClientId, result: Result<String, String>) {
        self.push(Effect::RefreshClient(client_id));
        match result {
            Ok(line) => {
                self.dialog = None;
                self.info(line);
            }
            Err(e) => {
                if let Some(d) = &mut self.dialog {
                    d.refused(e.clone());
                }
                self.error(e);
            }
        }
    }
}
