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

use super::StoreError;
use super::ledger::{self, RowDigest, SetDigest, TRACKED};
use super::rows::Table;

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

/// One audit row's recorded set, as read.
struct Set {
    audit_id: i64,
    digest: SetDigest,
    rows: Vec<(Option<u8>, i64, Option<RowDigest>)>,
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
}

/// Folds one set into the state if its audit row claims it with the same
/// digest; otherwise names it. Claims before it had no set: named too.
fn settle(
    set: Set,
    claims: &mut Claims<'_>,
    state: &mut State,
    broken: &mut Vec<i64>,
) -> Result<(), StoreError> {
    while let Some((id, _)) = claims.next.as_ref().filter(|(id, _)| *id < set.audit_id) {
        broken.push(*id);
        claims.advance()?;
    }
    let digest = set.digest.finish();
    let claimed = claims.next.as_ref().filter(|(id, _)| *id == set.audit_id);
    let matches = claimed.is_some_and(|(_, d)| *d == digest);
    if claimed.is_some() {
        claims.advance()?;
    }
    if !matches {
        broken.push(set.audit_id);
        return Ok(());
    }
    for (table, rowid, digest) in set.rows {
        if let Some(t) = table {
            state.insert((t, rowid), digest);
        }
    }
    Ok(())
}

/// Folds every set whose digest matches its audit row into the state;
/// the ids of those that do not go to `broken`.
fn fold(conn: &Connection, broken: &mut Vec<i64>) -> Result<State, StoreError> {
    let mut state = State::new();
    let mut claimed =
        conn.prepare("SELECT id, rows FROM audit WHERE rows IS NOT NULL ORDER BY id")?;
    let mut claims = Claims {
        rows: claimed.query([])?,
        next: None,
    };
    claims.advance()?;
    let mut sets = conn.prepare(
        "SELECT audit_id, tbl, row_id, digest FROM audit_rows ORDER BY audit_id, tbl, row_id",
    )?;
    let mut sets = sets.query([])?;
    let mut current: Option<Set> = None;
    while let Some(row) = sets.next()? {
        let audit_id: i64 = row.get(0)?;
        let tbl: String = row.get(1)?;
        let rowid: i64 = row.get(2)?;
        let digest = match row.get_ref(3)? {
            ValueRef::Blob(b) => Some(b.to_vec()),
            _ => None,
        };
        if current.as_ref().is_some_and(|s| s.audit_id != audit_id)
            && let Some(done) = current.take()
        {
            settle(done, &mut claims, &mut state, broken)?;
        }
        let set = current.get_or_insert_with(|| Set {
            audit_id,
            digest: SetDigest::default(),
            rows: Vec::new(),
        });
        set.digest.add(&tbl, rowid, digest.as_deref());
        let short = digest.and_then(|d| RowDigest::try_from(d.as_slice()).ok());
        set.rows
            .push((ledger::tracked(&tbl).and_then(index), rowid, short));
    }
    if let Some(done) = current.take() {
        settle(done, &mut claims, &mut state, broken)?;
    }
    while let Some((id, _)) = claims.next.take() {
        broken.push(id);
        claims.advance()?;
    }
    broken.sort_unstable();
    broken.dedup();
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
