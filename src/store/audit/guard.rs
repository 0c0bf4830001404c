//! Writes only through the program.
//!
//! Every data table has BEFORE INSERT, UPDATE and DELETE triggers (the
//! audit table: INSERT; it refuses the others outright) whose body calls
//! `teichaku_guard()`, a function that only this program's connections
//! define. SQLite resolves it when a write is prepared, so the `sqlite3`
//! shell on the file gets "no such function: teichaku_guard" for any
//! INSERT, UPDATE or DELETE — until someone drops the triggers, which
//! `check` reports (`tamper`).
//!
//! A fence against a quick edit by hand, not a lock: whoever can write the
//! file can drop the triggers or define a function of that name.

use std::collections::BTreeMap;

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Null;

use crate::store::StoreError;

/// The function the guard triggers call.
pub(crate) const FUNCTION: &str = "teichaku_guard";

/// Defines the guard function on one of the program's connections.
pub(crate) fn register(conn: &Connection) -> Result<(), StoreError> {
    // INNOCUOUS: with `trusted_schema = OFF` (see `configure`) a trigger
    // may only call functions marked so; it does nothing anyway.
    conn.create_scalar_function(
        FUNCTION,
        0,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_INNOCUOUS,
        |_| Ok(Null),
    )?;
    Ok(())
}

/// The triggers this program creates: those of a new, empty database
/// migrated by the same steps (every file went through them, so its
/// triggers read the same, byte for byte).
#[cfg(test)]
pub(crate) fn expected_triggers() -> Result<BTreeMap<String, String>, StoreError> {
    Ok(triggers_of(&super::shape::expected(
        crate::store::file::schema::current_version(),
    )?))
}

/// The triggers among a file's objects (`shape`).
pub(crate) fn triggers_of(objects: &super::shape::Objects) -> BTreeMap<String, String> {
    objects
        .iter()
        .filter(|(_, (kind, _))| kind == "trigger")
        .map(|(name, (_, sql))| (name.clone(), sql.clone()))
        .collect()
}

/// What is wrong with one trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerProblem {
    /// Dropped.
    Missing,
    /// Its SQL differs from the program's.
    Changed,
    /// Not one of the program's (it could change data on every write).
    Unknown,
}

impl TriggerProblem {
    pub fn label(self) -> &'static str {
        match self {
            TriggerProblem::Missing => "ありません",
            TriggerProblem::Changed => "内容が違います",
            TriggerProblem::Unknown => "このプログラムのものではありません",
        }
    }
}

/// The differences between the file's triggers and the expected ones, by
/// trigger name.
pub(crate) fn compare(
    actual: &BTreeMap<String, String>,
    expected: &BTreeMap<String, String>,
) -> Vec<(String, TriggerProblem)> {
    let mut out = Vec::new();
    for (name, sql) in expected {
        match actual.get(name) {
            None => out.push((name.clone(), TriggerProblem::Missing)),
            Some(s) if s != sql => out.push((name.clone(), TriggerProblem::Changed)),
            Some(_) => {}
        }
    }
    for name in actual.keys().filter(|n| !expected.contains_key(*n)) {
        out.push((name.clone(), TriggerProblem::Unknown));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables a person's data lives in: each must be guarded.
    const DATA_TABLES: &[&str] = &[
        "clients",
        "employments",
        "contacts",
        "reports",
        "plans",
        "plan_reviews",
        "consents",
        "handovers",
        "case_conferences",
        "resolutions",
        "staff",
        "settings",
        "agencies",
        "drafts",
    ];

    fn migrated_file() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("g.db");
        let conn = Connection::open(&path).expect("open");
        register(&conn).expect("register");
        let key = super::super::key::ChainKey::throwaway().expect("key");
        crate::store::file::schema::migrate(&conn, Some(&key)).expect("migrate");
        conn.execute_batch(
            "INSERT INTO clients (id, external_id, name, disclosure, needs_continuing_support, \
               created_by, created_at, updated_by, updated_at) \
             VALUES (1, 'C1', 'x', 'open', 0, 't', 't', 't', 't');",
        )
        .expect("the program's connection writes");
        (dir, path)
    }

    #[test]
    fn every_data_table_is_guarded_against_insert_update_and_delete() {
        let expected = expected_triggers().expect("expected");
        let call = format!("SELECT {FUNCTION}();");
        for t in DATA_TABLES {
            for op in ["insert", "update", "delete"] {
                let name = format!("{t}_guard_{op}");
                let sql = expected.get(&name).unwrap_or_else(|| panic!("{name}"));
                assert!(sql.contains(&call), "{sql}");
            }
        }
        assert!(expected.contains_key("audit_guard_insert"));
        assert!(expected.contains_key("audit_no_update"));
        assert!(expected.contains_key("audit_no_delete"));
        for t in ["audit_rows", "chain_state"] {
            assert!(expected.contains_key(&format!("{t}_guard_insert")), "{t}");
            assert!(expected.contains_key(&format!("{t}_no_delete")), "{t}");
        }
        assert!(expected.contains_key("audit_rows_no_update"));
        assert!(expected.contains_key("chain_state_guard_update"));
        // No table of the schema is left out of the list above.
        let conn = Connection::open_in_memory().expect("open");
        let key = super::super::key::ChainKey::throwaway().expect("key");
        crate::store::file::schema::migrate(&conn, Some(&key)).expect("migrate");
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' \
                 AND name NOT IN ('audit', 'audit_rows', 'chain_state')",
            )
            .expect("prepare");
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        for t in &tables {
            assert!(DATA_TABLES.contains(&t.as_str()), "{t} is not guarded");
        }
    }

    #[test]
    fn a_connection_without_the_function_cannot_write_and_sqlite_says_so_at_prepare() {
        let (_dir, path) = migrated_file();
        let plain = Connection::open(&path).expect("open");
        // Reading still works: the function is only resolved for a write.
        let n: i64 = plain
            .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
            .expect("read");
        assert_eq!(n, 1);
        for sql in [
            "INSERT INTO clients (external_id, name, disclosure, needs_continuing_support, \
               created_by, created_at, updated_by, updated_at) \
             VALUES ('C2', 'y', 'open', 0, 't', 't', 't', 't')",
            "UPDATE clients SET name = 'z' WHERE id = 1",
            "DELETE FROM clients WHERE id = 1",
            "DELETE FROM clients WHERE id = 99",
            "INSERT INTO audit (at, login, action, tbl, hash) VALUES ('t', 'u', 'create', 'x', '')",
            "INSERT INTO drafts (login, key, json, updated_at) VALUES ('u', 'k', '{}', 't')",
            "UPDATE settings SET warn_days = 1",
        ] {
            // Refused when the statement is prepared, before any row is touched.
            let err = plain.prepare(sql).map(|_| ()).expect_err(sql);
            assert!(
                err.to_string().contains("no such function: teichaku_guard"),
                "{sql}: {err}"
            );
        }
        let name: String = plain
            .query_row("SELECT name FROM clients WHERE id = 1", [], |r| r.get(0))
            .expect("read");
        assert_eq!(name, "x");
    }

    #[test]
    fn comparing_names_what_is_missing_changed_or_foreign() {
        let exp: BTreeMap<String, String> = [("a", "A"), ("b", "B")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut act = exp.clone();
        assert!(compare(&act, &exp).is_empty());
        act.remove("a");
        act.insert("b".into(), "B2".into());
        act.insert("c".into(), "C".into());
        assert_eq!(
            compare(&act, &exp),
            vec![
                ("a".to_string(), TriggerProblem::Missing),
                ("b".to_string(), TriggerProblem::Changed),
                ("c".to_string(), TriggerProblem::Unknown),
            ]
        );
    }
}
