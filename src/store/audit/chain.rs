//! The audit trail as a hash chain, so a row changed or removed outside
//! the program shows.
//!
//! Each row stores its link to the row before (by id; 64 zeros before the
//! first row) as 64 lowercase hex digits. Rows written before schema step
//! 8 are linked by `sha256(prev ‖ encode(id, at, login, action, tbl,
//! row_id, client_id, summary, detail))`; from step 8 on (`first_keyed` in
//! `chain_state`) by `HMAC-SHA256(key, prev ‖ encode(…, detail, rows))`,
//! `rows` being the digest of the data rows the transaction wrote
//! (`ledger`) and `key` the office's (`key`): anyone can recompute an
//! unkeyed link, only the program a keyed one. The old rows keep their old
//! links and are checked by them forever, so whatever they showed before
//! the step still shows. `prev` is the stored link of the row before as its
//! 64 ASCII digits. `encode` writes each value as a type tag and its bytes
//! — NULL `0`; integer `1` and 8 bytes big-endian; real `2` and the 8 bytes
//! of its bits; text `3` / blob `4`, the byte length as 8 bytes big-endian,
//! then the bytes — so no two different rows encode alike (NULL is not '',
//! `'ab','c'` is not `'a','bc'`, 12 is not '12').
//!
//! What shows: a changed row no longer matches its link; a removed row
//! breaks the link of the row after it and leaves a gap in the ids; removed
//! newest rows leave the keyed head in `chain_state` (and `sqlite_sequence`)
//! ahead of the last id. What does not: see `tamper`.

use hmac::{Hmac, Mac};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use sha2::digest::Update;
use sha2::{Digest, Sha256};

use super::key::ChainKey;
use crate::store::StoreError;

/// The `prev` of the first row.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hashed columns, in hashing order.
const COLUMNS: &str = "id, at, login, action, tbl, row_id, client_id, summary, detail";

/// The row's unkeyed link to `prev` (rows before schema step 8).
pub(crate) fn hash(prev: &str, row: &[ValueRef<'_>]) -> String {
    let mut h = Sha256::new();
    Update::update(&mut h, prev.as_bytes());
    encode(&mut h, row);
    hex(&h.finalize())
}

/// The row's keyed link to `prev` (schema step 8 on).
pub(crate) fn mac(key: &ChainKey, prev: &str, row: &[ValueRef<'_>]) -> String {
    let mut h = keyed(key);
    Update::update(&mut h, prev.as_bytes());
    encode(&mut h, row);
    hex(&h.finalize().into_bytes())
}

/// The keyed mark of the newest row (`chain_state`): its id and link, so
/// newest rows removed outside the program leave the mark ahead of them.
pub(crate) fn head_mac(key: &ChainKey, head_id: i64, head_link: &str) -> String {
    let mut h = keyed(key);
    Update::update(&mut h, b"head");
    encode(
        &mut h,
        &[
            ValueRef::Integer(head_id),
            ValueRef::Text(head_link.as_bytes()),
        ],
    );
    hex(&h.finalize().into_bytes())
}

fn keyed(key: &ChainKey) -> Hmac<Sha256> {
    // HMAC takes a key of any length: this cannot fail.
    <Hmac<Sha256> as Mac>::new_from_slice(key.bytes())
        .unwrap_or_else(|_| <Hmac<Sha256> as Mac>::new(&Default::default()))
}

/// Writes values in the type-tagged encoding (see the module's comment);
/// the data rows' digests (`ledger`) use it too.
pub(crate) fn encode(h: &mut impl Update, row: &[ValueRef<'_>]) {
    for v in row {
        match *v {
            ValueRef::Null => h.update(&[0u8]),
            ValueRef::Integer(i) => {
                h.update(&[1u8]);
                h.update(&i.to_be_bytes());
            }
            ValueRef::Real(r) => {
                h.update(&[2u8]);
                h.update(&r.to_bits().to_be_bytes());
            }
            ValueRef::Text(b) => sized(h, 3, b),
            ValueRef::Blob(b) => sized(h, 4, b),
        }
    }
}

fn sized(h: &mut impl Update, tag: u8, bytes: &[u8]) {
    h.update(&[tag]);
    h.update(&(bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

pub(crate) fn hex(bytes: &[u8]) -> String {
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

/// The newest row's id and link (0 and the zeros for an empty trail).
pub(crate) fn last(conn: &Connection) -> Result<(i64, String), StoreError> {
    let found: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(found.unwrap_or_else(|| (0, GENESIS.to_string())))
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
    /// Ids whose stored link does not match their content and the row
    /// before: the row was changed, forged, or the row before it removed.
    pub broken: Vec<i64>,
    /// Ranges of ids (first, last) that are gone.
    pub missing: Vec<(i64, i64)>,
    /// The newest row's id and link: a copy kept elsewhere shows a trail
    /// cut back or rewritten as a whole.
    pub head: Option<(i64, String)>,
    /// Whether the file's links from schema step 8 on are keyed.
    pub keyed: bool,
    /// Keyed rows that could not be checked: no key in hand.
    pub unchecked: i64,
    /// The keyed mark of the newest row (`chain_state`) is absent or does
    /// not match the newest row.
    pub head_mark: Option<HeadMark>,
}

/// What is wrong with the keyed mark of the newest row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadMark {
    /// The file's `chain_state` row is gone.
    Absent,
    /// The mark names another row than the newest, or was not made with
    /// the office's key.
    Differs,
}

/// Where the keyed part starts and its mark, when the file has one.
struct State {
    first_keyed: i64,
    head_id: i64,
    head_mac: String,
}

fn state(conn: &Connection) -> Result<Option<Option<State>>, StoreError> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'chain_state')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(None);
    }
    let row = conn
        .query_row(
            "SELECT first_keyed, head_id, head_mac FROM chain_state WHERE id = 1",
            [],
            |r| {
                Ok(State {
                    first_keyed: r.get(0)?,
                    head_id: r.get(1)?,
                    head_mac: r.get(2)?,
                })
            },
        )
        .optional()?;
    Ok(Some(row))
}

/// Walks the whole trail in id order, checking every link against the
/// stored link of the row before (so one changed row shows as itself, not
/// as every row after it). Keyed links need `key`; without it they are
/// counted as unchecked.
pub(crate) fn verify(
    conn: &Connection,
    key: Option<&ChainKey>,
) -> Result<ChainFindings, StoreError> {
    let mut found = ChainFindings::default();
    let state = state(conn)?;
    found.keyed = state.is_some();
    let (rows_col, first_keyed) = match &state {
        None => ("NULL", i64::MAX),
        // With the table but not its row, every row after the step is
        // taken as keyed: none can be trusted unkeyed.
        Some(s) => ("rows", s.as_ref().map_or(1, |s| s.first_keyed)),
    };
    if matches!(state, Some(None)) {
        found.head_mark = Some(HeadMark::Absent);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, {rows_col}, hash FROM audit ORDER BY id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut last_id = 0;
    while let Some(row) = rows.next()? {
        let values = (0..10)
            .map(|i| row.get_ref(i))
            .collect::<Result<Vec<_>, _>>()?;
        let id = match values.first() {
            Some(ValueRef::Integer(i)) => *i,
            _ => last_id + 1,
        };
        let stored = match row.get_ref(10)? {
            ValueRef::Text(b) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        };
        let matches = if id < first_keyed {
            // Before the key: the unkeyed link, and no data rows claimed.
            matches!(values.get(9), Some(ValueRef::Null) | None)
                && hash(&prev, values.get(..9).unwrap_or_default()) == stored
        } else {
            match key {
                Some(k) => mac(k, &prev, &values) == stored,
                None => {
                    found.unchecked += 1;
                    true
                }
            }
        };
        if !matches {
            found.broken.push(id);
        }
        if id > last_id + 1 {
            found.missing.push((last_id + 1, id - 1));
        }
        found.rows += 1;
        last_id = id;
        prev = stored;
    }
    if found.rows > 0 {
        found.head = Some((last_id, prev.clone()));
    }
    let seq: Option<i64> = conn
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let mut ahead = seq.filter(|s| *s > last_id);
    if let Some(Some(s)) = &state {
        if s.head_id > last_id {
            // The newest rows are gone, sqlite_sequence lowered or not.
            ahead = ahead.max(Some(s.head_id));
        } else if let Some(k) = key
            && (s.head_id < last_id || head_mac(k, s.head_id, &prev) != s.head_mac)
        {
            found.head_mark = Some(HeadMark::Differs);
        }
    }
    if let Some(end) = ahead {
        found.missing.push((last_id + 1, end));
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
