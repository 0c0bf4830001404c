//! The reason dialog over the screen (deleting, 対象外, reopening): its
//! keys, and the store's answer to what it asked for. What each dialog
//! says and queues is its caller's (`delete.rs`, `decide.rs`).

use crossterm::event::KeyEvent;

use super::{App, Effect};
use crate::model::ClientId;
use crate::tui::keymap::Mode;
use crate::tui::reason_dialog::Outcome;

impl App {
    /// The client as the dialogs name them: 名前（利用者番号）.
    pub(super) fn client_fact(&self, client_id: ClientId) -> (&'static str, String) {
        let who = self
            .snap
            .row(client_id)
            .map(|r| format!("{}（{}）", r.name, r.external_id))
            .unwrap_or_default();
        ("利用者", who)
    }

    /// A key while the dialog is up: confirm, cancel, or edit the reason.
    pub(super) fn dialog_key(&mut self, key: &KeyEvent) {
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

    /// The answer to `undo`: what was taken back, then everyone read again
    /// (the change may be on any client).
    pub(crate) fn undone(&mut self, result: Result<crate::operation::Undone, String>) {
        match result {
            Ok(u) => {
                self.push(Effect::Reload);
                let what: Vec<String> = u
                    .summaries
                    .iter()
                    .map(|s| crate::text::for_display(s).into_owned())
                    .collect();
                self.info(format!("取り消しました: {}", what.join("、")));
            }
            Err(e) => self.error(format!("取り消せませんでした: {e}")),
        }
    }
}
