//! 閲覧 from what is on screen: after each round of updates the App looks
//! at which clients' case content its state puts on screen (the main
//! screen's timeline or detail pane, a form for a client, the recorded
//! values in the rows of the change history) and asks the
//! writer to note each one not yet noted this session. The rule follows
//! the state, not the key that got there, so no way onto the screen (the
//! list's cursor, a jump from the deadlines, a draft restored, a form)
//! escapes it.

use super::{App, Effect, Screen};
use crate::model::ClientId;
use crate::store::ViewLog;
use crate::tui::record_forms::FormKind;
use crate::tui::widgets::layout::{self, Pane};

/// What this session has asked to note, and the notes that failed.
#[derive(Debug, Default)]
pub(crate) struct Views {
    log: ViewLog,
    /// Failed writes wait for the person's next key: trying again at once
    /// would spin on a file another process holds locked.
    failed: Vec<ClientId>,
}

impl App {
    /// The clients whose case content the screen shows now, each with
    /// the kind of screen (a fixed word for the audit row's summary).
    /// Read only from the state, as `draw` draws it; an overlay (help, a
    /// dialog) over a pane does not take the client off screen.
    pub(crate) fn clients_on_screen(&self) -> Vec<(ClientId, &'static str)> {
        let mut out: Vec<(ClientId, &'static str)> = Vec::new();
        if let Some(fs) = &self.form
            && fs.client_id != ClientId::default()
            && fs.kind != FormKind::NewClient
            && !fs.kind.is_office()
        {
            out.push((fs.client_id, fs.kind.title()));
        }
        // The change history: the clients whose recorded values its
        // rows on screen show.
        if self.screen == Screen::History
            && let Some(h) = &self.history
        {
            let (width, height) = self.history_area();
            for c in h.clients_shown(width, height) {
                if out.iter().all(|(o, _)| *o != c) {
                    out.push((c, "変更履歴"));
                }
            }
        }
        // The selected client once their record is in (until then the
        // panes say 読み込み中 and hold only the list's line about them).
        if self.screen == Screen::Main
            && let Some(id) = self.selected_client_id()
            && self.timeline.as_ref().is_some_and(|t| t.client_id() == id)
        {
            let l = layout::main_layout(self.size, self.focus);
            // The pane that shows the client's records, else their
            // profile; the list alone (a narrow screen) shows neither.
            let what = if l.timeline.is_some() {
                Some(if self.records_view {
                    "記録の一覧"
                } else {
                    "タイムライン"
                })
            } else {
                l.detail.map(|_| Pane::Detail.label())
            };
            if let Some(what) = what
                && out.iter().all(|(c, _)| *c != id)
            {
                out.push((id, what));
            }
        }
        out
    }

    /// Asks the writer to note every client on screen not noted yet this
    /// session (`Effect::RecordView`); run before each batch of effects.
    pub(crate) fn request_views(&mut self) {
        for (client_id, what) in self.clients_on_screen() {
            if self.views.log.claim(client_id) {
                self.push(Effect::RecordView { client_id, what });
            }
        }
    }

    /// A view could not be written: said, and tried again after the
    /// person's next key if the client is still on screen.
    pub fn view_not_recorded(&mut self, client_id: ClientId, error: &str) {
        self.views.failed.push(client_id);
        self.error(format!(
            "閲覧の記録を監査記録に書けませんでした（次の操作で書き直します）: {error}"
        ));
    }

    /// A key from the person: the failed notes may be tried again.
    pub(super) fn retry_views(&mut self) {
        for id in std::mem::take(&mut self.views.failed) {
            self.views.log.release(id);
        }
    }
}
