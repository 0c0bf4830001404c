//! The file's schema against the one the program makes: every table,
//! index and view (the triggers: `guard`) as SQLite stores its SQL, which
//! holds its columns and constraints, CHECK included. The expected ones
//! are those of an empty database migrated in memory by the same steps:
//! every file went through them, so they read the same, byte for byte. A
//! CHECK loosened through `PRAGMA writable_schema`, a column added, an
//! index or a view of someone's own all show as a difference.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::key::ChainKey;
use crate::store::StoreError;

/// name → (type, SQL as stored; '' for SQLite's own indexes).
pub(crate) type Objects = BTreeMap<String, (String, String)>;

/// Every object of a file but SQLite's statistics (which `ANALYZE` or
/// `PRAGMA optimize` may make at any time).
pub(crate) fn objects(conn: &Connection) -> Result<Objects, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT name, type, ifnull(sql, '') FROM sqlite_schema \
         WHERE name NOT LIKE 'sqlite_stat%'",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The objects of a file at schema `version`, as this program makes them.
pub(crate) fn expected(version: i64) -> Result<Objects, StoreError> {
    let conn = Connection::open_in_memory()?;
    let key = ChainKey::throwaway()?;
    crate::store::file::schema::migrate_to(&conn, Some(&key), version)?;
    objects(&conn)
}

/// What is wrong with one table, index or view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaProblem {
    /// The program's object is not there.
    Missing,
    /// Its definition (columns, constraints) differs from the program's.
    Changed,
    /// Not one of the program's.
    Unknown,
}

impl SchemaProblem {
    pub fn label(self) -> &'static str {
        match self {
            SchemaProblem::Missing => "ありません",
            SchemaProblem::Changed => "定義が違います",
            SchemaProblem::Unknown => "このプログラムのものではありません",
        }
    }
}

/// The kind of an object, in words.
pub(in crate::store) fn kind_label(kind: &str) -> &'static str {
    match kind {
        "table" => "表",
        "index" => "索引",
        "view" => "ビュー",
        "trigger" => "トリガー",
        _ => "オブジェクト",
    }
}

/// The differences of every object but the triggers: (type, name, problem)
/// by name.
pub(crate) fn compare(
    actual: &Objects,
    expected: &Objects,
) -> Vec<(String, String, SchemaProblem)> {
    let mut out = Vec::new();
    let not_trigger = |(_, (kind, _)): &(&String, &(String, String))| kind != "trigger";
    for (name, (kind, sql)) in expected.iter().filter(not_trigger) {
        match actual.get(name) {
            None => out.push((kind.clone(), name.clone(), SchemaProblem::Missing)),
            Some((k, s)) if k != kind || s != sql => {
                out.push((kind.clone(), name.clone(), SchemaProblem::Changed));
            }
            Some(_) => {}
        }
    }
    for (name, (kind, _)) in actual.iter().filter(not_trigger) {
        if !expected.contains_key(name) {
            out.push((kind.clone(), name.clone(), SchemaProblem::Unknown));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_migrated_file_matches_and_each_kind_of_difference_is_named() {
        let expected = expected(crate::store::file::schema::current_version()).expect("expected");
        let conn = Connection::open_in_memory().expect("open");
        let key = ChainKey::throwaway().expect("key");
        crate::store::file::schema::migrate(&conn, Some(&key)).expect("migrate");
        assert!(compare(&objects(&conn).expect("objects"), &expected).is_empty());
        conn.execute_batch(
            "DROP INDEX audit_client;
             CREATE INDEX mine ON clients(name);
             CREATE VIEW names AS SELECT name FROM clients;
             ALTER TABLE agencies ADD COLUMN note TEXT;",
        )
        .expect("change");
        assert_eq!(
            compare(&objects(&conn).expect("objects"), &expected),
            vec![
                ("table".into(), "agencies".into(), SchemaProblem::Changed),
                (
                    "index".into(),
                    "audit_client".into(),
                    SchemaProblem::Missing
                ),
                ("index".into(), "mine".into(), SchemaProblem::Unknown),
                ("view".into(), "names".into(), SchemaProblem::Unknown),
            ]
        );
    }
}
