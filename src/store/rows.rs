//! Versioned rows: the one place that bumps `version`, stamps who/when, and
//! tells a stale edit from a deleted row.

use rusqlite::{Connection, OptionalExtension, ToSql, params};

use super::audit::{Audit, AuditAction};
use super::history;
use super::{Stamp, StoreError};
use crate::model::{ClientId, ConflictRecord, RecordId};

/// The editable tables, with the word a case worker uses for their rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Clients,
    Employments,
    Contacts,
    Reports,
    Plans,
    PlanReviews,
    Consents,
    Handovers,
    Conferences,
    Resolutions,
    Staff,
    Agencies,
    Settings,
}

impl Table {
    pub fn sql(self) -> &'static str {
        match self {
            Table::Clients => "clients",
            Table::Employments => "employments",
            Table::Contacts => "contacts",
            Table::Reports => "reports",
            Table::Plans => "plans",
            Table::PlanReviews => "plan_reviews",
            Table::Consents => "consents",
            Table::Handovers => "handovers",
            Table::Conferences => "case_conferences",
            Table::Resolutions => "resolutions",
            Table::Staff => "staff",
            Table::Agencies => "agencies",
            Table::Settings => "settings",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Table::Clients => "利用者",
            Table::Employments => "就職",
            Table::Contacts => "支援記録",
            Table::Reports => "支援レポート",
            Table::Plans => "就労定着支援計画",
            Table::PlanReviews => "計画の見直し",
            Table::Consents => "同意",
            Table::Handovers => "引継ぎ",
            Table::Conferences => "ケース会議",
            Table::Resolutions => "対象外の判断",
            Table::Staff => "職員",
            Table::Agencies => "関係機関",
            Table::Settings => "設定",
        }
    }

    /// The table of an SQL name (an audit row's `tbl`), if it is one.
    pub fn from_sql(name: &str) -> Option<Table> {
        super::audit::ledger::TRACKED
            .iter()
            .copied()
            .find(|t| t.sql() == name)
    }

    /// SQL giving the owning client's id of a row of this table.
    fn client_expr(self) -> &'static str {
        match self {
            Table::Clients => "id",
            Table::PlanReviews => "(SELECT client_id FROM plans WHERE plans.id = plan_id)",
            Table::Staff | Table::Agencies | Table::Settings => "NULL",
            _ => "client_id",
        }
    }
}

/// A row of a case: the client's own, or one of their records in its
/// table (what a correction names, e.g. to ask who changed it last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRow {
    Client(ClientId),
    Record(Table, RecordId),
}

impl CaseRow {
    pub fn table(self) -> Table {
        match self {
            CaseRow::Client(_) => Table::Clients,
            CaseRow::Record(table, _) => table,
        }
    }

    /// The row id within its table, for the code that serves any table.
    fn row_id(self) -> i64 {
        match self {
            CaseRow::Client(id) => id.get(),
            CaseRow::Record(_, id) => id.get(),
        }
    }
}

/// A reason given for a deletion or an undoing (it goes into the audit
/// trail), trimmed; an empty one is refused, and so is one the rule set
/// refuses (a pasted escape sequence, a page of text). `what`: 削除する, …
pub(super) fn need_reason<'r>(reason: &'r str, what: &str) -> Result<&'r str, StoreError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::Invalid(format!(
            "{what}理由を入力してください（監査記録に残ります）。"
        )));
    }
    let problems = crate::validate::reason(&format!("{what}理由"), reason);
    super::case::records::checked(|| "監査記録に残す理由".to_string(), problems)?;
    Ok(reason)
}

/// The id of a record that should already be stored, or NotFound.
pub(super) fn need_id<Id>(table: Table, id: Option<Id>) -> Result<Id, StoreError> {
    id.ok_or_else(|| StoreError::NotFound {
        what: format!("{}（未保存）", table.label()),
    })
}

/// NotFound unless client `id` exists; returns its external_id.
pub(super) fn client_external_id(tx: &Connection, id: ClientId) -> Result<String, StoreError> {
    tx.query_row("SELECT external_id FROM clients WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: Table::Clients.label().to_string(),
    })
}

/// Why a guarded UPDATE/DELETE touched no row: Stale if it exists, else NotFound.
fn missed(tx: &Connection, table: Table, id: i64) -> StoreError {
    let sql = format!("SELECT version FROM {} WHERE id = ?1", table.sql());
    match tx.query_row(&sql, [id], |r| r.get::<_, i64>(0)).optional() {
        Ok(Some(current_version)) => StoreError::Stale {
            what: table.label().to_string(),
            current_version,
        },
        Ok(None) => StoreError::NotFound {
            what: table.label().to_string(),
        },
        Err(e) => e.into(),
    }
}

/// Which row, at which version the editor loaded it. The id is the bare
/// row id: the code below serves every table, the office's too.
#[derive(Debug, Clone, Copy)]
pub(super) struct Target {
    pub table: Table,
    pub id: i64,
    pub version: i64,
}

impl Target {
    pub(super) fn client(id: ClientId, version: i64) -> Self {
        Self::row(CaseRow::Client(id), version)
    }

    pub(super) fn record(table: Table, id: RecordId, version: i64) -> Self {
        Self::row(CaseRow::Record(table, id), version)
    }

    fn row(row: CaseRow, version: i64) -> Self {
        Target {
            table: row.table(),
            id: row.row_id(),
            version,
        }
    }
}

/// `UPDATE table SET <set> … WHERE id = ? AND version = ?`, bumping the
/// version and stamping updated_by/at, then an audit row. `set` is a list
/// of `col = ?` with `values` in the same order. Returns the new version.
pub(super) fn update(
    tx: &Connection,
    stamp: &Stamp,
    at: Target,
    set: &str,
    values: &[&dyn ToSql],
    summary: &str,
) -> Result<i64, StoreError> {
    update_noting(tx, stamp, at, set, values, summary, None)
}

/// `update`, with the person's decisions of a conflict (if the edit
/// followed one) in the audit row next to what changed.
pub(super) fn update_noting(
    tx: &Connection,
    stamp: &Stamp,
    at: Target,
    set: &str,
    values: &[&dyn ToSql],
    summary: &str,
    conflict: Option<&ConflictRecord>,
) -> Result<i64, StoreError> {
    let Target {
        table,
        id,
        version: expected_version,
    } = at;
    let sql = format!(
        "UPDATE {t} SET {set}, version = version + 1, updated_by = ?, updated_at = ? \
         WHERE id = ? AND version = ? RETURNING version, {c}",
        t = table.sql(),
        c = table.client_expr(),
    );
    let before = history::snapshot(tx, table, id)?;
    let mut all: Vec<&dyn ToSql> = values.to_vec();
    all.extend_from_slice(&[&stamp.user, &stamp.at, &id, &expected_version]);
    let hit: Option<(i64, Option<ClientId>)> = tx
        .query_row(&sql, all.as_slice(), |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((version, client_id)) = hit else {
        return Err(missed(tx, table, id));
    };
    let after = history::snapshot(tx, table, id)?.unwrap_or_default();
    let detail = history::changed(&before.unwrap_or_default(), &after, conflict);
    Audit::of(AuditAction::Update, table, summary)
        .row(id)
        .client_opt(client_id)
        .detail(&detail)
        .append(tx, stamp)?;
    Ok(version)
}

/// Deletes row `id` if it still has `expected_version`; audited with its
/// old values and `reason`.
pub(super) fn delete(
    tx: &Connection,
    stamp: &Stamp,
    at: Target,
    summary: &str,
    reason: &str,
) -> Result<(), StoreError> {
    delete_keeping(tx, stamp, at, summary, |old| history::deleted(old, reason))
}

/// `delete`, with the audit detail made by `detail` from the row's values.
pub(super) fn delete_keeping(
    tx: &Connection,
    stamp: &Stamp,
    at: Target,
    summary: &str,
    detail: impl FnOnce(history::Row) -> String,
) -> Result<(), StoreError> {
    let Target {
        table,
        id,
        version: expected_version,
    } = at;
    // The client id must be read before the row (and a plan's parent link) goes.
    let client_sql = format!(
        "SELECT {} FROM {} WHERE id = ?1",
        table.client_expr(),
        table.sql()
    );
    let client_id: Option<ClientId> = tx
        .query_row(&client_sql, [id], |r| r.get(0))
        .optional()?
        .flatten();
    let old = history::snapshot(tx, table, id)?.unwrap_or_default();
    let sql = format!("DELETE FROM {} WHERE id = ?1 AND version = ?2", table.sql());
    if tx.execute(&sql, params![id, expected_version])? == 0 {
        return Err(missed(tx, table, id));
    }
    Audit::of(AuditAction::Delete, table, summary)
        .row(id)
        .client_opt(client_id)
        .detail(&detail(old))
        .append(tx, stamp)
}

/// The who/when columns' values for an INSERT: created_by, created_at,
/// updated_by, updated_at.
pub(super) fn stamps(stamp: &Stamp) -> [&dyn ToSql; 4] {
    [&stamp.user, &stamp.at, &stamp.user, &stamp.at]
}

/// Column list matching `stamps`.
pub(super) const STAMP_COLS: &str = "created_by, created_at, updated_by, updated_at";

/// Who last changed `row`, and when (its `updated_by` and `updated_at`);
/// `None` when the row is gone.
pub(super) fn last_change(
    tx: &Connection,
    row: CaseRow,
) -> Result<Option<(String, String)>, StoreError> {
    let sql = format!(
        "SELECT updated_by, updated_at FROM {} WHERE id = ?1",
        row.table().sql()
    );
    Ok(tx
        .query_row(&sql, [row.row_id()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_trimmed_and_refused_empty_or_with_what_a_terminal_acts_on() {
        assert_eq!(need_reason("  重複 ", "削除する").ok(), Some("重複"));
        let empty = need_reason(" ", "削除する").expect_err("empty");
        assert!(empty.to_string().contains("削除する理由を入力してください"));
        match need_reason("誤記\u{1b}]0;x\u{7}", "終結を取り消す") {
            Err(StoreError::Rules { problems, .. }) => {
                assert_eq!(problems[0].field, "reason");
                assert!(problems[0].message.starts_with("終結を取り消す理由に"));
            }
            other => panic!("refused by the rule set: {other:?}"),
        }
    }
}
