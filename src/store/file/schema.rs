//! The schema and its migrations.
//!
//! `PRAGMA user_version` is the number of steps applied. Steps are only ever
//! appended: a released step never changes. All pending steps run in one
//! IMMEDIATE transaction, so a crash leaves the old version intact and two
//! people opening the file at once cannot both migrate it.
//!
//! Conventions: dates are TEXT `YYYY-MM-DD`, months `YYYY-MM`, instants
//! RFC 3339 UTC; enums are their `as_str` ids (checked when read back rather
//! than by CHECK constraints, which SQLite cannot alter without rebuilding a
//! table when a variant is added); form-only fields are a JSON object.
//! Every editable row carries `version` (bumped on each update) and
//! created/updated by+at.

use rusqlite::{Connection, TransactionBehavior};

use super::schema_steps::{V1, V2, V3, V4, V5, V6, V7, V8, V9, V10};
use crate::store::StoreError;
use crate::store::audit::key::ChainKey;
use crate::store::rows::Table;

/// The migration steps, in order. `MIGRATIONS[i]` takes version i to i + 1.
pub(in crate::store) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10];

/// What a step needs beyond its SQL (values SQL cannot compute), run right
/// after it in the same transaction; `version` is the one it reaches.
fn after_step(conn: &Connection, version: usize, key: Option<&ChainKey>) -> Result<(), StoreError> {
    match version {
        4 => crate::store::audit::chain::backfill_v4(conn),
        8 => crate::store::audit::linking::start_keyed(conn, needs(key)?),
        9 => {
            let key = needs(key)?;
            crate::store::audit::linking::rerecord(
                conn,
                key,
                Table::Resolutions,
                "対象外の判断に「どの就職の項目か」を加えた",
            )?;
            crate::store::audit::linking::rerecord(
                conn,
                key,
                Table::Staff,
                "職員に着任日・退任日と常勤換算の履歴を加えた",
            )?;
            crate::store::audit::linking::rerecord(
                conn,
                key,
                Table::Clients,
                "利用者に職場適応援助者助成金の月と受給者証の履歴を加えた",
            )
        }
        10 => crate::store::audit::linking::rerecord(
            conn,
            needs(key)?,
            Table::Settings,
            "設定に書き出したファイルを読めるグループを加えた",
        ),
        _ => Ok(()),
    }
}

/// The key a step that links audit rows needs.
fn needs(key: Option<&ChainKey>) -> Result<&ChainKey, StoreError> {
    key.ok_or_else(|| {
        StoreError::Invalid(
            "監査記録の鍵がないため、データベースを新しい版に更新できません。管理者に連絡してください。"
                .to_string(),
        )
    })
}

/// The schema version this program writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The file's `user_version`.
pub(in crate::store) fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Refuses a database from a newer program before anything is written.
pub(in crate::store) fn refuse_too_new(found: i64) -> Result<(), StoreError> {
    if found > current_version() {
        return Err(StoreError::TooNew {
            found,
            supported: current_version(),
        });
    }
    Ok(())
}

/// Applies the pending steps in one IMMEDIATE transaction. The connection
/// gets the guard function first: the steps write through the guard
/// triggers like the program does. Step 8 links its baseline with `key`.
pub(crate) fn migrate(conn: &Connection, key: Option<&ChainKey>) -> Result<(), StoreError> {
    migrate_to(conn, key, current_version())
}

/// `migrate`, up to `target` (the expected schema of an older file).
pub(crate) fn migrate_to(
    conn: &Connection,
    key: Option<&ChainKey>,
    target: i64,
) -> Result<(), StoreError> {
    crate::store::audit::guard::register(conn)?;
    // Cheap check first so an up-to-date file takes no write lock.
    if user_version(conn)? == target {
        return Ok(());
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    // Re-read under the lock: someone may have migrated meanwhile.
    let found = user_version(&tx)?;
    refuse_too_new(found)?;
    let steps = MIGRATIONS
        .iter()
        .enumerate()
        .take(usize::try_from(target).unwrap_or(0))
        .skip(usize::try_from(found).unwrap_or(0));
    for (i, step) in steps {
        tx.execute_batch(step)?;
        after_step(&tx, i + 1, key)?;
    }
    tx.pragma_update(None, "user_version", target.max(found))?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
