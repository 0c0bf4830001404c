//! Who saw whose record: a `view` row in the audit trail when a client's
//! case (contacts, health fields: 要配慮個人情報) comes on a person's screen.

use std::collections::HashSet;

use super::audit::{Audit, AuditAction};
use super::rows::Table;
use super::{Store, StoreError};
use crate::model::ClientId;

impl Store {
    /// Records that the current user viewed `what` of a client. `what`
    /// names the kind of record shown (a fixed word such as
    /// `"タイムライン"`), never typed text: the summary carries only it and
    /// the client's id, so the trail's listing leaks nothing.
    /// A copy opened read-only keeps no trail (the person was told).
    pub fn record_view(&self, client_id: ClientId, what: &str) -> Result<(), StoreError> {
        if self.is_read_only() {
            return Ok(());
        }
        let summary = format!("{what}（利用者 #{client_id}）");
        self.write(|tx, stamp| {
            Audit::of(AuditAction::View, Table::Clients, &summary)
                .row(client_id.get())
                .client(client_id)
                .append(tx, stamp)
        })
    }
}

/// The clients this process has recorded as viewed, so that moving back
/// and forth between clients writes one `view` row per client and process,
/// not one per keystroke or frame.
#[derive(Debug, Default)]
pub struct ViewLog {
    seen: HashSet<ClientId>,
}

impl ViewLog {
    /// Whether this session still has to note its opening of `client_id`;
    /// claims it (so a second opening queued meanwhile is not noted twice).
    pub fn claim(&mut self, client_id: ClientId) -> bool {
        self.seen.insert(client_id)
    }

    /// The note could not be written: the next opening tries again.
    pub fn release(&mut self, client_id: ClientId) {
        self.seen.remove(&client_id);
    }

    /// Records the view unless this process already did for the client.
    /// True when a row was written; a failed write is released, so the
    /// next opening tries again. (The screen claims here and writes on its
    /// writer thread; this is the two in one, for the tests.)
    #[cfg(test)]
    pub fn record(
        &mut self,
        store: &Store,
        client_id: ClientId,
        what: &str,
    ) -> Result<bool, StoreError> {
        if !self.claim(client_id) {
            return Ok(false);
        }
        store
            .record_view(client_id, what)
            .inspect_err(|_| self.release(client_id))?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::AuditAction;
    use crate::store::test_support::{client_with_employment, store};

    #[test]
    fn a_view_is_recorded_once_per_client_with_no_name_in_the_summary() {
        let (_dir, s) = store();
        let a = client_with_employment(&s, "C001");
        let mut log = ViewLog::default();
        assert!(log.record(&s, a, "タイムライン").expect("first"));
        assert!(!log.record(&s, a, "タイムライン").expect("again"));
        let views: Vec<_> = s
            .audit_for_client(a, 50)
            .expect("audit")
            .into_iter()
            .filter(|e| e.action == AuditAction::View)
            .collect();
        assert_eq!(views.len(), 1, "{views:?}");
        let v = &views[0];
        assert_eq!(v.user, "tanaka");
        assert_eq!(v.table, "clients");
        assert_eq!(v.row_id, Some(a.get()));
        assert_eq!(v.summary, format!("タイムライン（利用者 #{a}）"));
        assert!(!v.summary.contains("山田"));
        assert_eq!(v.detail, None);
        assert_eq!(v.action.label(), "閲覧");
    }

    #[test]
    fn a_failed_view_write_is_tried_again_next_time() {
        let (dir, s) = store();
        let a = client_with_employment(&s, "C001");
        s.set_busy_timeout(std::time::Duration::from_millis(20))
            .expect("timeout");
        let other = rusqlite::Connection::open(dir.path().join("t.db")).expect("open");
        other.execute_batch("BEGIN IMMEDIATE").expect("lock");
        let mut log = ViewLog::default();
        assert!(log.record(&s, a, "タイムライン").is_err());
        other.execute_batch("COMMIT").expect("unlock");
        assert!(log.record(&s, a, "タイムライン").expect("now"));
    }
}
