//! Loading a big file on two connections at once.
//!
//! Reading 300,000 contacts is most of `load_all`, and SQLite reads with one
//! thread per connection. Above `SPLIT_MIN_CONTACTS`, a helper thread with
//! its own connection reads the upper part of the contact ids while this
//! connection reads every other table and the lower part. Both must see the
//! same snapshot: every change writes an audit row, so the highest audit id
//! seen inside each read transaction tells whether they do. If someone
//! committed in between, the load is simply redone on one connection.

use std::path::Path;

use rusqlite::{Transaction, TransactionBehavior};

use crate::model::{Client, ClientId, Contact};

use super::load::{Detail, Part, Scope, attach_contacts, contact_runs, load};
use crate::store::{Reads, Store, StoreError, configure, connect};

/// Below this span of contact ids one connection is fast enough.
const SPLIT_MIN_CONTACTS: i64 = 50_000;

/// Tenths of the contact id range left to this connection, which also
/// reads every other table (about 40 % of the work).
const OWN_TENTHS: i64 = 3;

type Runs = Vec<(ClientId, Vec<Contact>)>;

/// The newest audit id: it grows with every committed change.
fn change_mark(tx: &rusqlite::Connection) -> Result<i64, StoreError> {
    Ok(tx.query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?)
}

/// The helper's half: contacts with id ≥ `from`, on a new connection.
fn read_upper(
    path: &Path,
    reads: Reads,
    detail: Detail,
    scope: Scope,
    from: i64,
) -> Result<(i64, Runs), StoreError> {
    let conn = connect(path)?;
    reads.apply(&conn, true)?;
    configure(&conn)?;
    let tx = Transaction::new_unchecked(&conn, TransactionBehavior::Deferred)?;
    let mark = change_mark(&tx)?;
    let runs = contact_runs(&tx, detail, scope, Part::From(from))?;
    tx.commit()?;
    Ok((mark, runs))
}

impl Store {
    /// Every client of `scope` (all, or the open cases) this person may
    /// see, on two connections when the file is big.
    pub(in crate::store) fn load_every(
        &self,
        detail: Detail,
        scope: Scope,
    ) -> Result<Vec<Client>, StoreError> {
        let limit = self.caseload_limit()?;
        let mut clients = self.load_every_unlimited(detail, scope)?;
        super::load::keep_caseload(&mut clients, limit);
        Ok(clients)
    }

    fn load_every_unlimited(
        &self,
        detail: Detail,
        scope: Scope,
    ) -> Result<Vec<Client>, StoreError> {
        let span: (Option<i64>, Option<i64>) =
            self.conn
                .query_row("SELECT min(id), max(id) FROM contacts", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        let split = match span {
            (Some(lo), Some(hi)) if hi - lo >= SPLIT_MIN_CONTACTS => {
                lo + (hi - lo) * OWN_TENTHS / 10
            }
            _ => return self.read(|tx| load(tx, detail, scope, Part::Whole)),
        };
        self.load_in_two(detail, scope, split)
    }

    /// Contacts with id ≥ `split` on a helper connection, the rest here.
    fn load_in_two(
        &self,
        detail: Detail,
        scope: Scope,
        split: i64,
    ) -> Result<Vec<Client>, StoreError> {
        let (path, reads) = (self.path.as_path(), self.reads);
        let (mine, theirs) = std::thread::scope(|s| {
            let helper = s.spawn(move || read_upper(path, reads, detail, scope, split));
            let mine = self.read(|tx| {
                let mark = change_mark(tx)?;
                Ok((mark, load(tx, detail, scope, Part::Below(split))?))
            });
            // Joined here, before any error return, so a panic is not re-raised.
            let theirs = helper.join();
            (mine, theirs)
        });
        let (my_mark, mut clients) = mine?;
        let (their_mark, runs) = theirs.map_err(|_| {
            StoreError::Other("読み込み用のスレッドが異常終了しました".to_string())
        })??;
        if my_mark != their_mark {
            // Someone saved between the two snapshots: read again on one.
            return self.read(|tx| load(tx, detail, scope, Part::Whole));
        }
        attach_contacts(&mut clients, runs);
        Ok(clients)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Counterpart, Method, Place};
    use crate::store::test_support::store;

    fn contact(day: u32) -> Contact {
        Contact {
            id: None,
            version: 0,
            date: chrono::NaiveDate::from_ymd_opt(2026, 5, day).unwrap_or_default(),
            time: None,
            staff: None,
            counterpart: Counterpart::Client,
            counterpart_detail: String::new(),
            method: Method::Video,
            method_detail: String::new(),
            place: Place::Other,
            place_detail: String::new(),
            summary: format!("{day}日"),
            obligations: Vec::new(),
        }
    }

    #[test]
    fn two_connection_load_equals_one_connection_load_at_any_split() {
        let (_dir, s) = store();
        let mut ids = Vec::new();
        for n in 0..4 {
            let json = format!(r#"{{"external_id": "C{n}", "name": "利用者{n}"}}"#);
            let c: Client = serde_json::from_str(&json).expect("client");
            ids.push(
                crate::operation::apply(
                    &s,
                    &crate::operation::Operation::AddClient(Box::new(c.clone())),
                )
                .map(|a| a.client.unwrap_or_default())
                .expect("insert"),
            );
        }
        // Interleaved, so clients' contacts straddle every split point.
        for day in 1..=20 {
            crate::operation::apply(
                &s,
                &crate::operation::Operation::AddContact {
                    client_id: ids[day as usize % 4],
                    contact: Box::new(contact(day)),
                    intent: None,
                },
            )
            .map(|a| a.record.unwrap_or_default())
            .expect("add");
        }
        let serial = s
            .read(|tx| load(tx, Detail::Full, Scope::All, Part::Whole))
            .expect("serial");
        assert_eq!(serial.iter().map(|c| c.contacts.len()).sum::<usize>(), 20);
        for split in [0, 1, 5, 10, 19, 20, 21, 1000] {
            assert_eq!(
                s.load_in_two(Detail::Full, Scope::All, split)
                    .expect("split"),
                serial,
                "split {split}"
            );
        }
    }

    #[test]
    fn open_cases_only_leaves_out_closed_cases_and_every_record_of_theirs() {
        use crate::model::{Closure, ClosureReason};
        let (_dir, s) = store();
        let mut ids = Vec::new();
        for n in 0..4 {
            let json = format!(
                r#"{{"external_id": "C{n}", "name": "利用者{n}",
                    "employments": [{{"employer": {{"name": "会社{n}"}},
                                      "support_type": "standard", "intent": "unknown",
                                      "start_date": "2026-04-01"}}]}}"#
            );
            let c: Client = serde_json::from_str(&json).expect("client");
            let id = crate::operation::apply(
                &s,
                &crate::operation::Operation::AddClient(Box::new(c.clone())),
            )
            .map(|a| a.client.unwrap_or_default())
            .expect("insert");
            ids.push(id);
        }
        for day in 1..=20 {
            crate::operation::apply(
                &s,
                &crate::operation::Operation::AddContact {
                    client_id: ids[day as usize % 4],
                    contact: Box::new(contact(day)),
                    intent: None,
                },
            )
            .map(|a| a.record.unwrap_or_default())
            .expect("add");
        }
        for &id in [ids[1], ids[2]].iter() {
            let version = s.load_client(id).expect("load").version;
            let x = Closure {
                date: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default(),
                reason: ClosureReason::Moved,
                note: String::new(),
                closed_by: "tanaka".into(),
            };
            s.close_client(id, version, &x).expect("close");
        }
        let open: Vec<Client> = s
            .load_all()
            .expect("all")
            .into_iter()
            .filter(|c| !c.is_closed())
            .collect();
        assert_eq!(open.len(), 2);
        for split in [0, 1, 5, 10, 19, 20, 21, 1000] {
            assert_eq!(
                s.load_in_two(Detail::Full, Scope::Open, split)
                    .expect("split"),
                open,
                "split {split}"
            );
        }
        let engine = s
            .load_for_engine(crate::store::Cases::OpenOnly)
            .expect("engine");
        assert_eq!(
            engine
                .iter()
                .map(|c| (c.id, c.contacts.len()))
                .collect::<Vec<_>>(),
            open.iter()
                .map(|c| (c.id, c.contacts.len()))
                .collect::<Vec<_>>()
        );
        let brief = s.load_brief(crate::store::Cases::OpenOnly).expect("brief");
        assert_eq!(
            brief
                .iter()
                .map(|c| (c.id, c.employments.len()))
                .collect::<Vec<_>>(),
            vec![(open[0].id, 1), (open[1].id, 1)]
        );
        assert_eq!(
            s.load_brief(crate::store::Cases::All).expect("all").len(),
            4
        );
    }

    #[test]
    fn change_mark_grows_with_every_change() {
        let (_dir, s) = store();
        let mark = || s.read(change_mark).expect("mark");
        let before = mark();
        s.save_draft("k", "{}").expect("draft"); // not a record: no change
        assert_eq!(mark(), before);
        crate::operation::apply(
            &s,
            &crate::operation::Operation::Office {
                office: None,
                settings: Some(crate::model::Settings::default()),
                caseload_only: None,
                export_group: None,
            },
        )
        .expect("settings");
        assert!(mark() > before);
    }
}
