//! Reading the audit trail: every row for the 管理者, and one's own
//! changes (the rows written under one's own login, 閲覧 left out) for
//! every member of staff — the command line's `audit --mine` and the
//! screen's 「自分の変更履歴」 alike.

use chrono::{DateTime, Utc};

use crate::access::Permission;
use crate::model::ClientId;
use crate::store::{AuditEntry, AuditFilter, Store, StoreError};
use crate::trail::{Context, Names, Row, Zone};

/// Which rows to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TrailQuery {
    /// Only this login's own changes: open to everyone.
    pub mine: bool,
    /// Rows written by this login (with `mine`, only one's own).
    pub login: Option<String>,
    pub client_id: Option<ClientId>,
    pub since: Option<DateTime<Utc>>,
    /// Leave out the 閲覧 rows (always, with `mine`).
    pub changes_only: bool,
    pub limit: usize,
}

/// The rows `q` asks for, newest first. Everyone's rows are the 管理者's
/// to read; one's own are anyone's, and only one's own: `mine` with
/// another login is refused.
pub(crate) fn trail(store: &Store, q: &TrailQuery) -> Result<Vec<AuditEntry>, StoreError> {
    let me = store.user();
    if q.mine {
        if let Some(other) = q.login.as_deref().filter(|l| *l != me) {
            return Err(StoreError::Invalid(format!(
                "自分の変更（--mine）と一緒に指定できるのは自分のログイン名（{}）だけです。「{}」の変更を見られるのは管理者です（--mine なしで）。",
                crate::text::for_display(me),
                crate::text::as_typed(other)
            )));
        }
    } else {
        store.require(Permission::ViewAudit)?;
    }
    store.audit_search(&AuditFilter {
        client_id: q.client_id,
        login: if q.mine {
            Some(me.to_string())
        } else {
            q.login.clone()
        },
        since: q.since,
        without_views: q.mine || q.changes_only,
        limit: q.limit,
    })
}

/// What the rows are read against: the reference day, the zone, and the
/// names of the office's staff.
pub(crate) fn trail_context(store: &Store, zone: Zone) -> Result<Context, StoreError> {
    let names: Names = store
        .list_staff()?
        .into_iter()
        .map(|s| (s.login, s.display_name))
        .collect();
    Ok(Context {
        today: store.today(),
        zone,
        names,
    })
}

/// The screen's rows: one's own newest `limit` changes, or everyone's
/// (the 管理者's); what was only looked at (閲覧) is not a change.
pub(crate) fn trail_rows(
    store: &Store,
    everyone: bool,
    limit: usize,
    zone: Zone,
) -> Result<Vec<Row>, StoreError> {
    let entries = trail(
        store,
        &TrailQuery {
            mine: !everyone,
            changes_only: true,
            limit,
            ..TrailQuery::default()
        },
    )?;
    Ok(crate::trail::rows(&entries, &trail_context(store, zone)?))
}

/// Who read whose recorded values is on record before they are shown:
/// one 閲覧 (`what`) for each client `rows` show.
pub(crate) fn note_shown(store: &Store, rows: &[Row], what: &str) -> Result<(), StoreError> {
    for c in crate::trail::clients_shown(rows) {
        store.record_view(c, what)?;
    }
    Ok(())
}
