//! The audit rows of one write transaction, appended and linked when it
//! ends (`Store::write`): then every data row the transaction wrote is
//! known (`ledger`), and the last audit row's keyed link (`chain`) covers
//! them all. Also schema step 8's start of the keyed chain.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction, params};

use super::AuditAction;
use super::key::{ChainKey, KeyState};
use super::{chain, ledger};
use crate::model::ClientId;
use crate::store::rows::Table;
use crate::store::{Stamp, StoreError};

/// An audit row waiting for the end of its transaction.
#[derive(Debug)]
pub(crate) struct Pending {
    pub(in crate::store) action: AuditAction,
    pub(in crate::store) table: String,
    pub(in crate::store) summary: String,
    pub(in crate::store) row_id: Option<i64>,
    pub(in crate::store) client_id: Option<ClientId>,
    pub(in crate::store) detail: Option<String>,
}

/// Appends the transaction's audit rows, the last one with the digests of
/// the data rows it wrote (`ledger`), each linked with `key`, and moves
/// the keyed mark of the newest row. A transaction that wrote data rows
/// and no audit row is refused: a write path that forgot its audit row is
/// caught here, not left as a gap for `check` to find.
pub(crate) fn flush(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    key: &KeyState,
    touched: &ledger::Collector,
) -> Result<(), StoreError> {
    let pending = stamp.take_pending();
    let rows = ledger::take(touched);
    if pending.is_empty() {
        if rows.is_empty() {
            return Ok(());
        }
        return Err(StoreError::Other(
            "記録を変更したのに監査記録がありません（プログラムの不具合です）。何も保存していません。"
                .to_string(),
        ));
    }
    let Some(key) = key.key() else {
        return Err(StoreError::Invalid(key.problem().unwrap_or_default()));
    };
    append_linked(tx, key, &stamp.at, &stamp.user, &pending, &rows)
}

/// Inserts `pending` after the newest row, linked with `key`; the last
/// carries `rows`' digests.
fn append_linked(
    conn: &Connection,
    key: &ChainKey,
    at: &str,
    login: &str,
    pending: &[Pending],
    rows: &[(Table, i64)],
) -> Result<(), StoreError> {
    let (mut id, mut prev) = chain::next(conn)?;
    // Every row of a change names its operation — the id of its first
    // row — first in its detail, so the rows of one change are known as
    // one (`undo`). Views and exports change nothing and name none.
    let op = id;
    let mut insert = conn.prepare(
        "INSERT INTO audit (id, at, login, action, tbl, row_id, client_id, summary, detail, \
         rows, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let last = pending.len().saturating_sub(1);
    for (i, p) in pending.iter().enumerate() {
        let set = if i == last {
            ledger::record(conn, id, rows)?
        } else {
            None
        };
        let detail = named(op, p);
        let opt = |v: Option<i64>| v.map_or(ValueRef::Null, ValueRef::Integer);
        let link = chain::mac(
            key,
            &prev,
            &[
                ValueRef::Integer(id),
                ValueRef::Text(at.as_bytes()),
                ValueRef::Text(login.as_bytes()),
                ValueRef::Text(p.action.as_str().as_bytes()),
                ValueRef::Text(p.table.as_bytes()),
                opt(p.row_id),
                opt(p.client_id.map(ClientId::get)),
                ValueRef::Text(p.summary.as_bytes()),
                detail
                    .as_deref()
                    .map_or(ValueRef::Null, |d| ValueRef::Text(d.as_bytes())),
                set.as_deref()
                    .map_or(ValueRef::Null, |d| ValueRef::Text(d.as_bytes())),
            ],
        );
        insert.execute(params![
            id,
            at,
            login,
            p.action.as_str(),
            p.table,
            p.row_id,
            p.client_id,
            p.summary,
            detail,
            set,
            link
        ])?;
        prev = link;
        id += 1;
    }
    let moved = conn.execute(
        "UPDATE chain_state SET head_id = ?1, head_mac = ?2 WHERE id = 1",
        params![id - 1, chain::head_mac(key, id - 1, &prev)],
    )?;
    if moved != 1 {
        return Err(StoreError::Invalid(
            "監査記録の連鎖の控えがありません。teichaku check で確かめ、管理者に連絡してください。何も保存していません。"
                .to_string(),
        ));
    }
    Ok(())
}

/// `p`'s detail with its operation named first (`{"op":N,…}`).
fn named(op: i64, p: &Pending) -> Option<String> {
    match (p.action, p.detail.as_deref()) {
        (AuditAction::View | AuditAction::Export | AuditAction::Baseline, d) => {
            d.map(str::to_string)
        }
        (_, Some(d)) if d.len() > 2 && d.starts_with('{') => {
            Some(format!("{{\"op\":{op},{}", &d[1..]))
        }
        (_, _) => Some(format!("{{\"op\":{op}}}")),
    }
}

/// Schema step 8's Rust part: the keyed chain starts after the newest
/// row; a file with data gets its baseline first, holding the digest of
/// every data row as found.
pub(crate) fn start_keyed(conn: &Connection, key: &ChainKey) -> Result<(), StoreError> {
    let (first_keyed, _) = chain::next(conn)?;
    let (head_id, head_link) = chain::last(conn)?;
    conn.execute(
        "INSERT INTO chain_state (id, first_keyed, head_id, head_mac) VALUES (1, ?1, ?2, ?3)",
        params![
            first_keyed,
            head_id,
            chain::head_mac(key, head_id, &head_link)
        ],
    )?;
    if !ledger::has_rows(conn)? {
        return Ok(());
    }
    let rows = ledger::every_row(conn)?;
    let summary = format!(
        "監査の基準点: この時点の記録 {} 行を、見つかったとおりの内容として記録しました。これより前の状態はそのまま受け入れたもので、確かめられません。",
        rows.len()
    );
    let at = crate::store::rfc3339(chrono::Utc::now());
    let baseline = Pending {
        action: AuditAction::Baseline,
        table: "database".to_string(),
        summary,
        row_id: None,
        client_id: None,
        detail: None,
    };
    append_linked(conn, key, &at, "teichaku", &[baseline], &rows)
}

/// After a schema step that adds a column to `table` (which changes every
/// digest of its rows): one baseline row recording its rows again, as
/// found, with `why` in words. Nothing when the table is empty.
pub(crate) fn rerecord(
    conn: &Connection,
    key: &ChainKey,
    table: Table,
    why: &str,
) -> Result<(), StoreError> {
    let rows = ledger::rows_of(conn, table)?;
    if rows.is_empty() {
        return Ok(());
    }
    let summary = format!(
        "版の更新: {why}ため、{} の {} 行を見つかったとおりの内容として記録し直しました。",
        table.sql(),
        rows.len()
    );
    let baseline = Pending {
        action: AuditAction::Baseline,
        table: table.sql().to_string(),
        summary,
        row_id: None,
        client_id: None,
        detail: None,
    };
    let at = crate::store::rfc3339(chrono::Utc::now());
    append_linked(conn, key, &at, "teichaku", &[baseline], &rows)
}
