//! `check`'s replay: the audit trail walked in id order, each recorded
//! set of row digests (`ledger`) folded into what every data row should
//! be now — its digest, or gone — then compared with the rows as they are.
//!
//! A row changed, added or removed by anyone but the program has no
//! history that says so, whatever the guard triggers let through. The
//! state kept is 16 bytes a row, never a row's values; findings name a
//! table and a row id, never what the row holds.

use std::collections::HashMap;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::ledger::{self, RowDigest, SetDigest, TRACKED};
use crate::store::StoreError;
use crate::store::rows::Table;

/// What the replay found, each list in table and id order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplayFindings {
    /// Whether the file records row digests at all (schema step 8 on).
    pub recorded: bool,
    /// Data rows compared.
    pub rows: i64,
    /// Rows whose values are not what their history says (or that are
    /// there though their history says they were deleted).
    pub differ: Vec<(Table, i64)>,
    /// Rows no audit entry ever wrote.
    pub unrecorded: Vec<(Table, i64)>,
    /// Rows the history says are there, and are not.
    pub vanished: Vec<(Table, i64)>,
    /// Audit ids whose recorded set does not match the digest in their
    /// row (the set was changed, added or removed): it is not replayed.
    pub sets: Vec<i64>,
}

impl ReplayFindings {
    pub fn is_ok(&self) -> bool {
        self.differ.is_empty()
            && self.unrecorded.is_empty()
            && self.vanished.is_empty()
            && self.sets.is_empty()
    }
}

/// (index in `TRACKED`, rowid) → digest, or None for gone.
type State = HashMap<(u8, i64), Option<RowDigest>>;

fn index(table: Table) -> Option<u8> {
    TRACKED
        .iter()
        .position(|t| *t == table)
        .and_then(|i| u8::try_from(i).ok())
}

/// Replays the recorded sets and compares them with the rows.
pub(crate) fn replay(conn: &Connection) -> Result<ReplayFindings, StoreError> {
    let mut found = ReplayFindings::default();
    let recorded: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_rows')",
        [],
        |r| r.get(0),
    )?;
    if !recorded {
        return Ok(found);
    }
    found.recorded = true;
    let state = fold(conn, &mut found.sets)?;
    compare(conn, state, &mut found)?;
    Ok(found)
}

/// The audit rows that claim a set (`rows` not NULL), in id order.
struct Claims<'s> {
    rows: rusqlite::Rows<'s>,
    next: Option<(i64, String)>,
}

impl Claims<'_> {
    fn advance(&mut self) -> Result<(), StoreError> {
        self.next = match self.rows.next()? {
            Some(r) => Some((r.get(0)?, r.get(1)?)),
            None => None,
        };
        Ok(())
    }

    /// Settles the set of `audit_id` (its digest `digest`): claims before
    /// it had no set, and a set its row does not claim alike is broken.
    fn settle(
        &mut self,
        audit_id: i64,
        digest: String,
        broken: &mut Vec<i64>,
    ) -> Result<(), StoreError> {
        while let Some((id, _)) = self.next.as_ref().filter(|(id, _)| *id < audit_id) {
            broken.push(*id);
            self.advance()?;
        }
        let claimed = self.next.as_ref().filter(|(id, _)| *id == audit_id);
        let matches = claimed.is_some_and(|(_, d)| *d == digest);
        if claimed.is_some() {
            self.advance()?;
        }
        if !matches {
            broken.push(audit_id);
        }
        Ok(())
    }
}

const SETS: &str =
    "SELECT audit_id, tbl, row_id, digest FROM audit_rows ORDER BY audit_id, tbl, row_id";

/// The audit ids whose recorded set does not match their row's `rows`
/// digest, or whose row claims a set that is not there (one pass, nothing
/// held but the current set's digest).
fn broken_sets(conn: &Connection) -> Result<Vec<i64>, StoreError> {
    let mut broken = Vec::new();
    let mut claimed =
        conn.prepare("SELECT id, rows FROM audit WHERE rows IS NOT NULL ORDER BY id")?;
    let mut claims = Claims {
        rows: claimed.query([])?,
        next: None,
    };
    claims.advance()?;
    let mut stmt = conn.prepare(SETS)?;
    let mut sets = stmt.query([])?;
    let mut current: Option<(i64, SetDigest)> = None;
    while let Some(row) = sets.next()? {
        let audit_id: i64 = row.get(0)?;
        if current.as_ref().is_some_and(|(id, _)| *id != audit_id)
            && let Some((id, set)) = current.take()
        {
            claims.settle(id, set.finish(), &mut broken)?;
        }
        let (_, set) = current.get_or_insert_with(|| (audit_id, SetDigest::default()));
        set.add(text(row.get_ref(1)?), row.get(2)?, blob(row.get_ref(3)?));
    }
    if let Some((id, set)) = current.take() {
        claims.settle(id, set.finish(), &mut broken)?;
    }
    while let Some((id, _)) = claims.next.take() {
        broken.push(id);
        claims.advance()?;
    }
    broken.sort_unstable();
    broken.dedup();
    Ok(broken)
}

fn text(v: ValueRef<'_>) -> &[u8] {
    match v {
        ValueRef::Text(b) => b,
        _ => &[],
    }
}

fn blob(v: ValueRef<'_>) -> Option<&[u8]> {
    match v {
        ValueRef::Blob(b) => Some(b),
        _ => None,
    }
}

/// Folds every set whose digest matches its audit row into the state;
/// the ids of those that do not go to `broken`.
fn fold(conn: &Connection, broken: &mut Vec<i64>) -> Result<State, StoreError> {
    *broken = broken_sets(conn)?;
    let mut state = State::new();
    let mut stmt = conn.prepare(SETS)?;
    let mut sets = stmt.query([])?;
    while let Some(row) = sets.next()? {
        let audit_id: i64 = row.get(0)?;
        if broken.binary_search(&audit_id).is_ok() {
            continue;
        }
        let table = std::str::from_utf8(text(row.get_ref(1)?))
            .ok()
            .and_then(ledger::tracked)
            .and_then(index);
        if let Some(t) = table {
            let digest = blob(row.get_ref(3)?).and_then(|d| RowDigest::try_from(d).ok());
            state.insert((t, row.get(2)?), digest);
        }
    }
    Ok(state)
}

/// Each row as it is against the state; what is left of the state was
/// there and is gone.
fn compare(
    conn: &Connection,
    mut state: State,
    found: &mut ReplayFindings,
) -> Result<(), StoreError> {
    for (i, table) in TRACKED.iter().copied().enumerate() {
        let i = u8::try_from(i).unwrap_or(u8::MAX);
        let mut stmt = conn.prepare(&format!(
            "SELECT rowid, * FROM {} ORDER BY rowid",
            table.sql()
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let rowid: i64 = row.get(0)?;
            let now = ledger::digest_of(row, 1)?;
            found.rows += 1;
            match state.remove(&(i, rowid)) {
                Some(Some(d)) if d == now => {}
                Some(_) => found.differ.push((table, rowid)),
                None => found.unrecorded.push((table, rowid)),
            }
        }
    }
    let mut vanished: Vec<(u8, i64)> = state
        .into_iter()
        .filter_map(|(k, d)| d.map(|_| k))
        .collect();
    vanished.sort_unstable();
    found.vanished = vanished
        .into_iter()
        .filter_map(|(i, id)| TRACKED.get(usize::from(i)).map(|t| (*t, id)))
        .collect();
    Ok(())
}

#[cfg(test)]
#[path = "proof_tests.rs"]
mod tests;
