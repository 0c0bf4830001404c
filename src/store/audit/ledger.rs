//! What each write wrote: the digest of every office data row a write
//! transaction inserted, changed or deleted, kept in `audit_rows` under the
//! transaction's last audit row, whose keyed link covers the set through
//! its `rows` digest (`chain`). `check` replays them (`replay`).
//!
//! SQLite's update hook names each row (table, rowid) as it is written, so
//! no write path has to remember to report its rows: a transaction that
//! touched data rows but appended no audit row fails (`linking::flush`).
//!
//! Office data is the tables of `rows::Table`. Not tracked: `audit`,
//! `audit_rows` and `chain_state` (the trail itself, linked by `chain`),
//! and `drafts` (a person's unsaved scratch, not a record; a WITHOUT ROWID
//! table, which the hook does not report anyway).
//!
//! Rows are known by their rowid: the integer key of every table but
//! `staff`, whose rowid is hidden and stable under the program (it never
//! runs VACUUM; one run outside it may renumber staff rows, which `check`
//! then names).
//!
//! A row's digest is the first 16 bytes of sha256 over every column in
//! declared order (`SELECT *`), in `chain`'s encoding; a deleted row is
//! NULL ("gone"). A schema step that adds a column changes every digest of
//! its table: such a step must record that table's rows again, in a
//! baseline entry as step 8 does (`linking::start_keyed`).

use std::sync::{Arc, Mutex};

use rusqlite::hooks::Action;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::chain;
use crate::store::StoreError;
use crate::store::rows::Table;

/// The tracked tables, in the order their names sort (the order of
/// `audit_rows`' key, which the `rows` digest follows).
pub(crate) const TRACKED: [Table; 13] = [
    Table::Agencies,
    Table::Conferences,
    Table::Clients,
    Table::Consents,
    Table::Contacts,
    Table::Employments,
    Table::Handovers,
    Table::PlanReviews,
    Table::Plans,
    Table::Reports,
    Table::Resolutions,
    Table::Settings,
    Table::Staff,
];

/// A row's digest: 16 bytes are plenty to tell contents apart, and keep
/// the replay's memory small.
pub(crate) type RowDigest = [u8; 16];

/// The tracked table of an SQL name.
pub(crate) fn tracked(name: &str) -> Option<Table> {
    TRACKED.iter().copied().find(|t| t.sql() == name)
}

/// The rows written in the open transaction.
#[derive(Debug, Default)]
pub(crate) struct Touched {
    pub rows: Vec<(Table, i64)>,
}

pub(crate) type Collector = Arc<Mutex<Touched>>;

/// Installs the update hook on the program's write connection.
pub(crate) fn install(conn: &mut Connection) -> Result<Collector, StoreError> {
    let collector: Collector = Arc::default();
    let into = Arc::clone(&collector);
    conn.update_hook(Some(
        move |action: Action, db: &str, table: &str, rowid: i64| {
            if db != "main" || matches!(action, Action::UNKNOWN) {
                return;
            }
            if let Some(t) = tracked(table)
                && let Ok(mut touched) = into.lock()
            {
                touched.rows.push((t, rowid));
            }
        },
    ))?;
    Ok(collector)
}

/// Forgets what an earlier, rolled-back transaction touched.
pub(crate) fn clear(collector: &Collector) {
    if let Ok(mut t) = collector.lock() {
        t.rows.clear();
    }
}

/// What the transaction touched, each row once, in `audit_rows`' order.
pub(crate) fn take(collector: &Collector) -> Vec<(Table, i64)> {
    let mut rows = collector
        .lock()
        .map(|mut t| std::mem::take(&mut t.rows))
        .unwrap_or_default();
    rows.sort_unstable_by(|a, b| (a.0.sql(), a.1).cmp(&(b.0.sql(), b.1)));
    rows.dedup();
    rows
}

/// The digest of a row read with `SELECT *` (its columns, in order),
/// after the first `from` columns of the query.
pub(crate) fn digest_of(row: &rusqlite::Row<'_>, from: usize) -> Result<RowDigest, StoreError> {
    let mut h = Sha256::new();
    for i in from..row.as_ref().column_count() {
        chain::encode(&mut h, &[row.get_ref(i)?]);
    }
    Ok(first_16(h))
}

fn first_16(h: Sha256) -> RowDigest {
    let full = h.finalize();
    let mut out = [0u8; 16];
    out.copy_from_slice(full.get(..16).unwrap_or(&[0u8; 16]));
    out
}

/// The `rows` digest of one audit row's set, fed in `audit_rows`' order.
#[derive(Default)]
pub(crate) struct SetDigest(Sha256);

impl SetDigest {
    pub(crate) fn add(&mut self, table: &[u8], rowid: i64, digest: Option<&[u8]>) {
        chain::encode(
            &mut self.0,
            &[
                ValueRef::Text(table),
                ValueRef::Integer(rowid),
                digest.map_or(ValueRef::Null, ValueRef::Blob),
            ],
        );
    }

    pub(crate) fn finish(self) -> String {
        chain::hex(&self.0.finalize())
    }
}

/// Stores the digests of `rows` under audit row `audit_id`; the set's
/// digest for that row's `rows` column, or None for no rows.
pub(crate) fn record(
    conn: &Connection,
    audit_id: i64,
    rows: &[(Table, i64)],
) -> Result<Option<String>, StoreError> {
    if rows.is_empty() {
        return Ok(None);
    }
    let mut insert = conn.prepare(
        "INSERT INTO audit_rows (audit_id, tbl, row_id, digest) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut set = SetDigest::default();
    // Rows come table by table, mostly in runs of consecutive ids (an
    // import's): each run is read in one range scan, not row by row.
    let mut read: Option<(Table, rusqlite::Statement<'_>)> = None;
    for run in runs(rows) {
        let (table, first, last) = match (run.first(), run.last()) {
            (Some(f), Some(l)) => (f.0, f.1, l.1),
            _ => continue,
        };
        if read.as_ref().is_none_or(|(t, _)| *t != table) {
            let sql = format!(
                "SELECT rowid, * FROM {} WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid",
                table.sql()
            );
            read = Some((table, conn.prepare(&sql)?));
        }
        let Some((_, stmt)) = read.as_mut() else {
            continue;
        };
        let mut found = stmt.query([first, last])?;
        let mut next = found.next()?;
        for &(_, rowid) in run {
            // Skip rows of the range that were not touched (none in a run).
            while let Some(row) = next {
                if row.get::<_, i64>(0)? >= rowid {
                    break;
                }
                next = found.next()?;
            }
            let d = match next {
                Some(row) if row.get::<_, i64>(0)? == rowid => Some(digest_of(row, 1)?),
                _ => None,
            };
            let bytes = d.as_ref().map(|d| d.as_slice());
            insert.execute(params![audit_id, table.sql(), rowid, bytes])?;
            set.add(table.sql().as_bytes(), rowid, bytes);
        }
    }
    Ok(Some(set.finish()))
}

/// `rows` cut where the table changes or an id is not the one after.
fn runs(rows: &[(Table, i64)]) -> impl Iterator<Item = &[(Table, i64)]> {
    rows.chunk_by(|a, b| a.0 == b.0 && a.1.checked_add(1) == Some(b.1))
}

/// Every tracked row as it stands (the baseline's set), in order.
pub(crate) fn every_row(conn: &Connection) -> Result<Vec<(Table, i64)>, StoreError> {
    let mut out = Vec::new();
    for table in TRACKED {
        out.extend(rows_of(conn, table)?);
    }
    Ok(out)
}

/// Every row of `table`.
pub(crate) fn rows_of(conn: &Connection, table: Table) -> Result<Vec<(Table, i64)>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT rowid FROM {} ORDER BY rowid", table.sql()))?;
    let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
    Ok(ids
        .map(|id| id.map(|id| (table, id)))
        .collect::<Result<_, _>>()?)
}

/// Whether the file has any tracked row.
pub(crate) fn has_rows(conn: &Connection) -> Result<bool, StoreError> {
    for table in TRACKED {
        let one: Option<i64> = conn
            .query_row(&format!("SELECT 1 FROM {} LIMIT 1", table.sql()), [], |r| {
                r.get(0)
            })
            .optional()?;
        if one.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tracked_tables_are_every_table_of_rows_in_name_order() {
        let names: Vec<&str> = TRACKED.iter().map(|t| t.sql()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        assert_eq!(tracked("drafts"), None);
        assert_eq!(tracked("audit"), None);
        assert_eq!(tracked("staff"), Some(Table::Staff));
    }

    fn short(values: &[ValueRef<'_>]) -> RowDigest {
        let mut h = Sha256::new();
        chain::encode(&mut h, values);
        first_16(h)
    }

    #[test]
    fn a_digest_tells_values_apart_and_is_16_bytes() {
        let t = |s: &'static str| ValueRef::Text(s.as_bytes());
        assert_ne!(short(&[t("ab"), t("c")]), short(&[t("a"), t("bc")]));
        assert_ne!(short(&[ValueRef::Null]), short(&[t("")]));
        assert_eq!(short(&[t("x")]), short(&[t("x")]));
    }
}
