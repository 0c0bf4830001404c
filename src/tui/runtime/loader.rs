//! Loading everyone off the UI thread. The screen comes up at once and
//! stays responsive while the store reads every case and the engine
//! computes every obligation (the slow part with thousands of clients);
//! after another process wrote, only the clients it changed are read again
//! (the audit trail names them), the same way. The thread has its own
//! connection to the database file.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use chrono::NaiveDate;

use crate::model::Letterhead;
use crate::model::{Client, ClientId, Settings};
use crate::store::{Cases, Store, StoreError};
use crate::tui::snapshot::Snapshot;

/// What the loading thread sends, in this order.
pub(crate) enum Loaded {
    /// Names, ids and stages: enough for the list (first load only).
    Names(Snapshot),
    /// Everything, obligations included, and the office's name and staff
    /// for documents, with the audit mark taken before reading: the job is
    /// done.
    Full(Snapshot, Letterhead, i64),
    /// Only these clients changed since the last look: each read again,
    /// or `None` when no longer shown (deleted, closed, not in the
    /// caseload). With the new audit mark.
    Clients(Vec<(ClientId, Option<Client>)>, i64),
    /// The job stopped: a Japanese message.
    Failed(String),
}

/// A load under way.
pub(crate) struct Loader {
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
            // The whole office is read once: no memory map the size of the
            // file, a small page cache.
            if let Err(e) = store.one_pass_reads() {
                let _ = tx.send(Loaded::Failed(e.to_string()));
                return;
            }
            let seen = match store.audit_mark() {
                Ok(m) => m,
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
            let _ = tx.send(full(&store, &settings, today, cases, seen));
        });
        Loader { rx }
    }

    /// Read again what changed after audit row `after`: the changed
    /// clients only, or everyone when something office-wide changed.
    pub(crate) fn changes(
        opener: crate::store::Reopen,
        settings: Settings,
        today: NaiveDate,
        after: i64,
        cases: Cases,
    ) -> Loader {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let found = opener
                .open()
                .and_then(|store| Ok((store.changes_since(after)?, store)));
            let msg = match found {
                Err(e) => Loaded::Failed(e.to_string()),
                Ok((changes, store)) if changes.office => {
                    full(&store, &settings, today, cases, changes.seen)
                }
                Ok((changes, store)) => match changed_clients(&store, &changes.clients, cases) {
                    Ok(list) => Loaded::Clients(list, changes.seen),
                    Err(e) => Loaded::Failed(e.to_string()),
                },
            };
            let _ = tx.send(msg);
        });
        Loader { rx }
    }

    /// The next message, waiting for it if `block`; `None` when nothing
    /// has arrived yet. A thread that died without a word is reported.
    pub(crate) fn next(&self, block: bool) -> Option<Loaded> {
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

/// Everyone read and computed.
fn full(store: &Store, settings: &Settings, today: NaiveDate, cases: Cases, seen: i64) -> Loaded {
    match Snapshot::read(store, cases, settings, today)
        .and_then(|snap| Ok((snap, store.letterhead()?)))
    {
        Ok((snap, letterhead)) => Loaded::Full(snap, letterhead, seen),
        Err(e) => Loaded::Failed(e.to_string()),
    }
}

/// Each changed client as the list would now show them: `None` when gone
/// or no longer listed.
fn changed_clients(
    store: &Store,
    ids: &[ClientId],
    cases: Cases,
) -> Result<Vec<(ClientId, Option<Client>)>, StoreError> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let c = match store.load_client(id) {
            Ok(c) if cases == Cases::OpenOnly && c.is_closed() => None,
            Ok(c) => Some(c),
            // Deleted, or outside this login's caseload.
            Err(StoreError::NotFound { .. } | StoreError::Refused(_)) => None,
            Err(e) => return Err(e),
        };
        out.push((id, c));
    }
    Ok(out)
}
