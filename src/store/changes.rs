//! What other sessions changed since a session last looked: the audit
//! trail names the client of every change, so an open screen reloads those
//! clients only instead of the whole office. Views and exports change no
//! data and are skipped; a change with no client (settings, staff, an
//! import) asks for everything to be read again.

use rusqlite::params;

use super::{Store, StoreError};
use crate::model::ClientId;

/// Changes after an audit row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The last audit row seen: where the next look starts.
    pub seen: i64,
    /// The clients changed, each once, in the order first changed.
    pub clients: Vec<ClientId>,
    /// Something office-wide changed: every client must be read again.
    pub office: bool,
}

impl Store {
    /// The newest audit row: taken before a full load, so nothing written
    /// during the load is missed (it is read again by the next look).
    pub fn audit_mark(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM audit", [], |r| r.get(0))?)
    }

    /// What changed after audit row `after`.
    pub fn changes_since(&self, after: i64) -> Result<Changes, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, client_id, action IN ('view', 'export') FROM audit WHERE id > ?1 ORDER BY id")?;
        let mut rows = stmt.query(params![after])?;
        let mut out = Changes {
            seen: after,
            ..Changes::default()
        };
        let mut seen_clients = std::collections::HashSet::new();
        while let Some(r) = rows.next()? {
            // Views and exports move the mark on but change no data.
            out.seen = r.get(0)?;
            if r.get::<_, bool>(2)? {
                continue;
            }
            match r.get::<_, Option<ClientId>>(1)? {
                Some(c) => {
                    if seen_clients.insert(c) {
                        out.clients.push(c);
                    }
                }
                None => out.office = true,
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, Settings};
    use crate::store::test_support::{client_with_employment, store};

    #[test]
    fn a_record_names_its_client_and_a_view_names_nobody() {
        let (_dir, s) = store();
        let a = client_with_employment(&s, "A");
        let b = client_with_employment(&s, "B");
        let mark = s.audit_mark().expect("mark");
        assert_eq!(
            s.changes_since(mark).expect("none"),
            Changes {
                seen: mark,
                ..Changes::default()
            }
        );

        s.record_view(b, "タイムライン").expect("view");
        let consent = Consent {
            id: None,
            version: 0,
            scope: "agency_sharing".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).expect("date"),
            written: true,
            withdrawn: None,
        };
        s.add_consent(a, &consent).expect("consent");
        s.add_consent(a, &consent).expect("again");
        let c = s.changes_since(mark).expect("changes");
        assert_eq!(c.clients, vec![a], "the view of B changed nothing");
        assert!(!c.office);
        assert_eq!(c.seen, s.audit_mark().expect("last"));
        assert_eq!(
            s.changes_since(c.seen).expect("after").clients,
            Vec::<ClientId>::new()
        );
    }

    #[test]
    fn an_office_setting_asks_for_everything() {
        let (_dir, s) = store();
        let mark = s.audit_mark().expect("mark");
        let mut settings = Settings::default();
        settings.warn_days += 1;
        s.set_settings(&settings).expect("settings");
        assert!(s.changes_since(mark).expect("changes").office);
    }
}
