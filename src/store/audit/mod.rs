//! The audit trail (docs/MODEL.md §5): who created, changed, deleted, exported,
//! imported or viewed which record, when, and what changed (`detail`: old
//! and new values, see `history`). Append-only (triggers refuse UPDATE and
//! DELETE), and each row is chained to the one before by its hash
//! (`chain`), so a change made outside the program shows in `check`.
//! Summaries name records by id, date and kind only — never a name, a
//! diagnosis or free text — so a listing of the trail leaks no 要配慮個人情報;
//! the values themselves are in `detail`, as protected as the records.
//!
//! And what proves the data by it, one module each: the keyed chain
//! (`chain`, its `key`), the rows each write touched (`ledger`) and the
//! linking of a transaction's rows when it ends (`linking`), the replay
//! of those rows against the data (`replay`), the guard triggers (`guard`)
//! and the schema as the program makes it (`shape`), all of them together
//! for `check` (`tamper`), and taking a change back from the trail
//! (`reversal`).

pub(super) mod chain;
pub(super) mod guard;
pub(super) mod key;
pub(super) mod ledger;
pub(super) mod linking;
pub(super) mod replay;
pub(super) mod reversal;
pub(super) mod shape;
pub(super) mod tamper;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rusqlite::types::ToSql;

use super::codec::At;
use super::rows::Table;
use super::{Stamp, Store, StoreError};
use crate::model::ClientId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    Export,
    Import,
    /// A client's case came on a person's screen (`record_view`).
    View,
    /// The rows as found when the trail began recording them (schema
    /// step 8): the state before it is taken as found.
    Baseline,
}

impl AuditAction {
    pub const ALL: &'static [AuditAction] = &[
        AuditAction::Create,
        AuditAction::Update,
        AuditAction::Delete,
        AuditAction::Export,
        AuditAction::Import,
        AuditAction::View,
        AuditAction::Baseline,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Export => "export",
            AuditAction::Import => "import",
            AuditAction::View => "view",
            AuditAction::Baseline => "baseline",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AuditAction::Create => "作成",
            AuditAction::Update => "変更",
            AuditAction::Delete => "削除",
            AuditAction::Export => "書き出し",
            AuditAction::Import => "取り込み",
            AuditAction::View => "閲覧",
            AuditAction::Baseline => "基準点",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.as_str() == s)
    }
}

/// One row of the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user: String,
    pub action: AuditAction,
    /// The table's SQL name (`contacts`, `clients`, …).
    pub table: String,
    /// The row of `table` (a client's, a record's, a member of staff's …).
    pub row_id: Option<i64>,
    pub client_id: Option<ClientId>,
    /// The client's external_id, while the client still exists.
    pub external_id: Option<String>,
    pub summary: String,
    /// What changed, as JSON: `{"new": …}`, `{"changes": {col: [old, new]}}`
    /// or `{"old": …, "reason": …}`.
    pub detail: Option<String>,
    /// The client's name, while the client still exists.
    pub client_name: Option<String>,
}

/// One audit row to append inside the caller's transaction: what was
/// done to which table, then optionally the row, its client and what
/// changed (`history`'s JSON).
pub(crate) struct Audit<'a> {
    action: AuditAction,
    table: &'a str,
    summary: &'a str,
    row_id: Option<i64>,
    client_id: Option<ClientId>,
    detail: Option<&'a str>,
}

impl<'a> Audit<'a> {
    /// An action on a row of `table`.
    pub(crate) fn of(action: AuditAction, table: Table, summary: &'a str) -> Self {
        Self::named(action, table.sql(), summary)
    }

    /// An action on something that is not a table's row (`document`,
    /// `database`).
    pub(crate) fn named(action: AuditAction, table: &'a str, summary: &'a str) -> Self {
        Audit {
            action,
            table,
            summary,
            row_id: None,
            client_id: None,
            detail: None,
        }
    }

    pub(crate) fn row(mut self, id: i64) -> Self {
        self.row_id = Some(id);
        self
    }

    pub(crate) fn client(self, id: ClientId) -> Self {
        self.client_opt(Some(id))
    }

    pub(crate) fn client_opt(mut self, id: Option<ClientId>) -> Self {
        self.client_id = id;
        self
    }

    pub(crate) fn detail(mut self, json: &'a str) -> Self {
        self.detail = Some(json);
        self
    }

    /// Appends the row when the transaction ends (`flush`), where its
    /// link can cover every data row the transaction wrote. `tx` is an
    /// IMMEDIATE write transaction (`Store::write`).
    pub(crate) fn append(self, _tx: &Connection, stamp: &Stamp) -> Result<(), StoreError> {
        stamp.push_pending(linking::Pending {
            action: self.action,
            table: self.table.to_string(),
            summary: self.summary.to_string(),
            row_id: self.row_id,
            client_id: self.client_id,
            detail: self.detail.map(str::to_string),
        });
        Ok(())
    }
}

/// Which rows `audit_search` lists; every filter is applied in SQL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Rows about this client (by id).
    pub client_id: Option<ClientId>,
    /// Rows written by this login.
    pub login: Option<String>,
    /// Rows written at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Leave out the 閲覧 rows (a person's own changes, not what they saw).
    pub without_views: bool,
    /// At most this many rows, the newest.
    pub limit: usize,
}

const SELECT: &str = "SELECT a.id, a.at, a.login, a.action, a.tbl, a.row_id, a.client_id, \
     c.external_id, a.summary, a.detail, c.name FROM audit a \
     LEFT JOIN clients c ON c.id = a.client_id";

impl Store {
    /// The newest `limit` rows, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_search(&AuditFilter {
            limit,
            ..AuditFilter::default()
        })
    }

    /// The newest `limit` rows about one client, newest first.
    pub fn audit_for_client(
        &self,
        client_id: ClientId,
        limit: usize,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_search(&AuditFilter {
            client_id: Some(client_id),
            limit,
            ..AuditFilter::default()
        })
    }

    /// The newest rows that pass `filter`, newest first.
    pub fn audit_search(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
        let since = filter.since.map(super::rfc3339);
        let mut conditions: Vec<&str> = Vec::new();
        let mut values: Vec<&dyn ToSql> = Vec::new();
        if let Some(c) = &filter.client_id {
            conditions.push("a.client_id = ?");
            values.push(c);
        }
        if let Some(l) = &filter.login {
            conditions.push("a.login = ?");
            values.push(l);
        }
        if filter.without_views {
            conditions.push("a.action <> 'view'");
        }
        if let Some(t) = &since {
            // Stored instants are all RFC 3339 UTC with seconds: their text
            // order is their time order.
            conditions.push("a.at >= ?");
            values.push(t);
        }
        let limit = i64::try_from(filter.limit).unwrap_or(i64::MAX);
        values.push(&limit);
        let sql = if conditions.is_empty() {
            format!("{SELECT} ORDER BY a.id DESC LIMIT ?")
        } else {
            format!(
                "{SELECT} WHERE {} ORDER BY a.id DESC LIMIT ?",
                conditions.join(" AND ")
            )
        };
        self.read(|tx| {
            let mut stmt = tx.prepare(&sql)?;
            let mut rows = stmt.query(values.as_slice())?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(entry(row)?);
            }
            Ok(out)
        })
    }
}

fn entry(row: &rusqlite::Row<'_>) -> Result<AuditEntry, StoreError> {
    let at = At {
        table: "audit",
        row,
    };
    let stamp = at.str(1)?;
    Ok(AuditEntry {
        id: at.int(0)?,
        at: DateTime::parse_from_rfc3339(stamp)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| StoreError::Invalid(format!("監査記録の日時が読めません「{stamp}」")))?,
        user: at.string(2)?,
        action: at.parse(3, AuditAction::parse)?,
        table: at.string(4)?,
        row_id: row.get(5)?,
        client_id: row.get(6)?,
        external_id: at.string_opt(7)?,
        summary: at.string(8)?,
        detail: at.string_opt(9)?,
        client_name: at.string_opt(10)?,
    })
}
