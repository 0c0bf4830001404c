//! What changed: a row's values before and after a write, kept in the audit
//! trail's `detail` (JSON). Creation keeps the new values, an update the
//! fields that changed (old → new), a deletion every old value and the
//! reason. The trail is the record of who changed what (docs/MODEL.md §5).

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

use super::StoreError;
use super::rows::Table;
use crate::model::ConflictRecord;

/// Bookkeeping columns: not part of what a person changed.
const SKIP: &[&str] = &[
    "id",
    "client_id",
    "plan_id",
    "version",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
];

pub(crate) type Row = Map<String, Value>;

/// Row `id` of `table` as a JSON object of its columns, if it exists.
pub(crate) fn snapshot(tx: &Connection, table: Table, id: i64) -> Result<Option<Row>, StoreError> {
    let sql = format!("SELECT * FROM {} WHERE id = ?1", table.sql());
    let mut stmt = tx.prepare(&sql)?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    Ok(stmt
        .query_row([id], |r| {
            let mut row = Map::new();
            for (i, name) in names.iter().enumerate() {
                if SKIP.contains(&name.as_str()) {
                    continue;
                }
                let v = match r.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::from(n),
                    ValueRef::Real(x) => Value::from(x),
                    ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::from(format!("({} bytes)", b.len())),
                };
                row.insert(name.clone(), v);
            }
            Ok(row)
        })
        .optional()?)
}

/// `{"new": {...}}` for a created row.
pub(crate) fn created(new: Row) -> String {
    wrap([("new", Value::Object(new))])
}

/// `{"changes": {"col": [old, new], ...}}`: only the columns that differ.
/// After a conflict, also `"conflict"`: the other person's version and
/// this person's for every field they disagreed on, and which was kept.
pub(crate) fn changed(old: &Row, new: &Row, conflict: Option<&ConflictRecord>) -> String {
    let mut changes = Map::new();
    for (k, n) in new {
        let o = old.get(k).cloned().unwrap_or(Value::Null);
        if &o != n {
            changes.insert(k.clone(), Value::Array(vec![o, n.clone()]));
        }
    }
    let conflict = conflict
        .and_then(|c| serde_json::to_value(c).ok())
        .unwrap_or_default();
    wrap([("changes", Value::Object(changes)), ("conflict", conflict)])
}

/// `{"old": {...}, "reason": "..."}` for a deleted row.
pub(crate) fn deleted(old: Row, reason: &str) -> String {
    wrap([("old", Value::Object(old)), ("reason", Value::from(reason))])
}

fn wrap<const N: usize>(parts: [(&str, Value); N]) -> String {
    let map: Map<String, Value> = parts
        .into_iter()
        .filter(|(_, v)| {
            !matches!(v, Value::Null) && !matches!(v, Value::String(s) if s.is_empty())
        })
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    Value::Object(map).to_string()
}
