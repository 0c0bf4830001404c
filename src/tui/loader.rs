//! Loading everyone off the UI thread. The screen comes up at once and
//! stays responsive while the store reads every case and the engine
//! computes every obligation (the slow part with thousands of clients);
//! a reload after another process wrote runs the same way. The thread has
//! its own connection to the database file.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use chrono::NaiveDate;

use super::snapshot::Snapshot;
use crate::forms::identity::Letterhead;
use crate::model::Settings;
use crate::store::Cases;

/// What the loading thread sends, in this order.
pub enum Loaded {
    /// Names, ids and stages: enough for the list (first load only).
    Names(Snapshot),
    /// Everything, obligations included, and the office's name and staff
    /// for documents: the job is done.
    Full(Snapshot, Letterhead),
    /// The job stopped: a Japanese message.
    Failed(String),
}

/// A load under way.
pub struct Loader {
    rx: Receiver<Loaded>,
}

impl Loader {
    /// Start reading `path` as `user`; with `names_first`, the list is sent
    /// as soon as it is read, before the obligations are computed. Closed
    /// cases are read only with `Cases::All`.
    pub(crate) fn start(
        opener: crate::store::Reopen,
        settings: Settings,
        today: NaiveDate,
        names_first: bool,
        cases: Cases,
    ) -> Loader {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let store = match opener.open() {
                Ok(s) => s,
                Err(e) => {
                    let _ = tx.send(Loaded::Failed(e.to_string()));
                    return;
                }
            };
            // Names and stages first (clients and employments only, a few
            // ms), so the list is on screen long before every record is read.
            if names_first {
                let sent = match store.load_brief(cases) {
                    Ok(brief) => tx.send(Loaded::Names(Snapshot::names_only(&brief, today))),
                    Err(e) => tx.send(Loaded::Failed(e.to_string())),
                };
                if sent.is_err() {
                    return; // the session has gone
                }
            }
            match store
                .load_for_engine(cases)
                .and_then(|c| Ok((c, store.letterhead()?)))
            {
                Ok((clients, letterhead)) => {
                    let snap = Snapshot::build(&clients, &settings, today);
                    let _ = tx.send(Loaded::Full(snap, letterhead));
                }
                Err(e) => {
                    let _ = tx.send(Loaded::Failed(e.to_string()));
                }
            }
        });
        Loader { rx }
    }

    /// The next message, waiting for it if `block`; `None` when nothing
    /// has arrived yet. A thread that died without a word is reported.
    pub fn next(&self, block: bool) -> Option<Loaded> {
        let got = if block {
            self.rx.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            self.rx.try_recv()
        };
        match got {
            Ok(m) => Some(m),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Loaded::Failed(
                "データの読み込みが途中で止まりました。teichaku を起動し直してください".to_string(),
            )),
        }
    }
}
