//! The audit trail as a hash chain, so a row changed or removed outside
//! the program shows.
//!
//! Each row stores `hash = sha256(prev ‖ encode(id, at, login, action, tbl,
//! row_id, client_id, summary, detail))` as 64 lowercase hex digits, where
//! `prev` is the stored hash of the row before it (by id; 64 zeros for the
//! first row), as its 64 ASCII digits. `encode` writes each value as a type
//! tag and its bytes — NULL `0`; integer `1` and 8 bytes big-endian; real
//! `2` and the 8 bytes of its bits; text `3` / blob `4`, the byte length as
//! 8 bytes big-endian, then the bytes — so no two different rows encode
//! alike (NULL is not '', `'ab','c'` is not `'a','bc'`, 12 is not '12').
//!
//! What shows: a changed row no longer matches its hash; a removed row
//! breaks the link of the row after it and leaves a gap in the ids; removed
//! newest rows leave `sqlite_sequence` (ids are AUTOINCREMENT, never
//! reused) ahead of the last id. What does not: see `tamper`.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use sha2::{Digest, Sha256};

use super::StoreError;

/// The `prev` of the first row.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hashed columns, in hashing order.
const COLUMNS: &str = "id, at, login, action, tbl, row_id, client_id, summary, detail";

/// The row's hash, linked to `prev`.
pub(crate) fn hash(prev: &str, row: &[ValueRef<'_>]) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    for v in row {
        match *v {
            ValueRef::Null => h.update([0u8]),
            ValueRef::Integer(i) => {
                h.update([1u8]);
                h.update(i.to_be_bytes());
            }
            ValueRef::Real(r) => {
                h.update([2u8]);
                h.update(r.to_bits().to_be_bytes());
            }
            ValueRef::Text(b) => sized(&mut h, 3, b),
            ValueRef::Blob(b) => sized(&mut h, 4, b),
        }
    }
    hex(&h.finalize())
}

fn sized(h: &mut Sha256, tag: u8, bytes: &[u8]) {
    h.update([tag]);
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

/// The id and `prev` of the next row, read inside the caller's write
/// transaction (two look-ups by key). The id is past every id ever used,
/// so rows removed from the end leave a gap behind the new one.
pub(crate) fn next(conn: &Connection) -> Result<(i64, String), StoreError> {
    let (id, prev): (i64, Option<String>) = conn.query_row(
        "SELECT max(ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0), \
                    ifnull((SELECT max(id) FROM audit), 0)) + 1, \
                (SELECT hash FROM audit ORDER BY id DESC LIMIT 1)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((id, prev.unwrap_or_else(|| GENESIS.to_string())))
}

/// Schema step 4's copy of the old trail (`audit_v3`, renamed by the step's
/// SQL) into the new table, each row with its link; then the old table
/// goes. Runs in the migration's transaction.
pub(crate) fn backfill_v4(conn: &Connection) -> Result<(), StoreError> {
    let mut read = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_v3 ORDER BY id"))?;
    let mut write = conn.prepare(&format!(
        "INSERT INTO audit ({COLUMNS}, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?;
    let mut rows = read.query([])?;
    let mut prev = GENESIS.to_string();
    while let Some(row) = rows.next()? {
        let values = (0..9)
            .map(|i| row.get::<_, Value>(i))
            .collect::<Result<Vec<_>, _>>()?;
        let refs: Vec<ValueRef<'_>> = values.iter().map(ValueRef::from).collect();
        prev = hash(&prev, &refs);
        write.execute(params_from_iter(
            values.into_iter().chain([Value::Text(prev.clone())]),
        ))?;
    }
    drop(rows);
    drop(read);
    conn.execute_batch("DROP TABLE audit_v3")?;
    Ok(())
}

/// What the walk along the chain found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChainFindings {
    /// Rows read.
    pub rows: i64,
    /// Ids whose stored hash does not match their content and the row
    /// before: the row was changed, or the row before it removed.
    pub broken: Vec<i64>,
    /// Ranges of ids (first, last) that are gone.
    pub missing: Vec<(i64, i64)>,
}

/// Walks the whole trail in id order, checking every link against the
/// stored hash of the row before (so one changed row shows as itself, not
/// as every row after it).
pub(crate) fn verify(conn: &Connection) -> Result<ChainFindings, StoreError> {
    let mut found = ChainFindings::default();
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS}, hash FROM audit ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut last_id = 0;
    while let Some(row) = rows.next()? {
        let values = (0..9)
            .map(|i| row.get_ref(i))
            .collect::<Result<Vec<_>, _>>()?;
        let id = match values.first() {
            Some(ValueRef::Integer(i)) => *i,
            _ => last_id + 1,
        };
        let stored = match row.get_ref(9)? {
            ValueRef::Text(b) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        };
        if hash(&prev, &values) != stored {
            found.broken.push(id);
        }
        if id > last_id + 1 {
            found.missing.push((last_id + 1, id - 1));
        }
        found.rows += 1;
        last_id = id;
        prev = stored;
    }
    let seq: Option<i64> = conn
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(seq) = seq.filter(|s| *s > last_id) {
        found.missing.push((last_id + 1, seq));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoding_tells_apart_what_looks_alike() {
        let h = |row: &[ValueRef<'_>]| hash(GENESIS, row);
        let t = |s: &'static str| ValueRef::Text(s.as_bytes());
        assert_ne!(h(&[ValueRef::Null]), h(&[t("")]), "NULL is not ''");
        assert_ne!(h(&[t("ab"), t("c")]), h(&[t("a"), t("bc")]));
        assert_ne!(h(&[ValueRef::Integer(12)]), h(&[t("12")]));
        assert_ne!(h(&[t("x")]), h(&[ValueRef::Blob(b"x")]));
        assert_ne!(hash(GENESIS, &[t("x")]), hash(&h(&[t("x")]), &[t("x")]));
        assert_eq!(h(&[t("x")]).len(), 64);
        assert!(h(&[t("x")]).bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn a_known_row_hashes_to_the_same_digest_forever() {
        // Pins the encoding: a change here would make every stored trail
        // look tampered with.
        let row = [
            ValueRef::Integer(1),
            ValueRef::Text(b"2026-05-20T01:02:03Z"),
            ValueRef::Text(b"tanaka"),
            ValueRef::Text(b"create"),
            ValueRef::Text(b"contacts"),
            ValueRef::Integer(7),
            ValueRef::Integer(3),
            ValueRef::Text("支援記録".as_bytes()),
            ValueRef::Null,
        ];
        let mut bytes = GENESIS.as_bytes().to_vec();
        for v in &row {
            match v {
                ValueRef::Null => bytes.push(0),
                ValueRef::Integer(i) => {
                    bytes.push(1);
                    bytes.extend(i.to_be_bytes());
                }
                ValueRef::Text(b) => {
                    bytes.push(3);
                    bytes.extend((b.len() as u64).to_be_bytes());
                    bytes.extend(*b);
                }
                _ => unreachable!(),
            }
        }
        assert_eq!(hash(GENESIS, &row), hex(&Sha256::digest(&bytes)));
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
