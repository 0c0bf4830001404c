//! The schema's migrations, step by step.

use super::*;

/// A key for a database in memory.
fn key() -> ChainKey {
    ChainKey::throwaway().expect("key")
}

#[test]
fn migration_from_empty_reaches_current_version_and_is_idempotent() {
    let conn = Connection::open_in_memory().expect("open");
    assert_eq!(user_version(&conn).expect("v"), 0);
    migrate(&conn, Some(&key())).expect("migrate");
    assert_eq!(user_version(&conn).expect("v"), current_version());
    migrate(&conn, Some(&key())).expect("second migrate is a no-op");
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(tables, 17);
}

#[test]
fn newer_user_version_is_refused_without_changes() {
    let conn = Connection::open_in_memory().expect("open");
    conn.pragma_update(None, "user_version", current_version() + 1)
        .expect("set");
    let err = migrate(&conn, Some(&key())).expect_err("too new");
    assert!(matches!(err, StoreError::TooNew { .. }));
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .expect("count");
    assert_eq!(tables, 0);
}

#[test]
fn audit_rows_cannot_be_changed_or_deleted() {
    let conn = Connection::open_in_memory().expect("open");
    migrate(&conn, Some(&key())).expect("migrate");
    conn.execute(
        "INSERT INTO audit (at, login, action, tbl, hash) \
         VALUES ('t', 'u', 'create', 'clients', hex(zeroblob(32)))",
        [],
    )
    .expect("insert");
    assert!(conn.execute("UPDATE audit SET login = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM audit", []).is_err());
}

#[test]
fn step_3_merges_two_reports_of_one_month_and_keeps_the_other_in_the_audit() {
    let conn = Connection::open_in_memory().expect("open");
    conn.execute_batch(V1).expect("v1");
    conn.execute_batch(V2).expect("v2");
    conn.pragma_update(None, "user_version", 2).expect("v");
    let stamp = "'t', '2026-05-20T00:00:00Z', 't', '2026-05-20T00:00:00Z'";
    conn.execute_batch(&format!(
        "INSERT INTO clients (id, external_id, name, disclosure, needs_continuing_support, \
           created_by, created_at, updated_by, updated_at) VALUES (1, 'C1', 'x', 'open', 0, {stamp});
         INSERT INTO reports (id, client_id, month, created, presented, fields, \
           created_by, created_at, updated_by, updated_at) \
           VALUES (1, 1, '2026-10', '2026-10-30', '2026-10-31', '{{\"goal_1\": \"体調管理\"}}', {stamp});
         INSERT INTO reports (id, client_id, month, created, presented, fields, \
           created_by, created_at, updated_by, updated_at) \
           VALUES (2, 1, '2026-10', '2026-10-29', NULL, '{{\"goal_2\": \"通勤\"}}', {stamp});
         INSERT INTO reports (id, client_id, month, created, presented, fields, \
           created_by, created_at, updated_by, updated_at) \
           VALUES (3, 1, '2026-11', NULL, NULL, '{{}}', {stamp});"
    ))
    .expect("rows");
    migrate(&conn, Some(&key())).expect("migrate");
    let rows: Vec<(i64, Option<String>, Option<String>, String)> = conn
        .prepare("SELECT id, created, presented, fields FROM reports ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (id, created, presented, fields) = &rows[0];
    assert_eq!(*id, 2, "the newest is kept");
    assert_eq!(created.as_deref(), Some("2026-10-29"));
    assert_eq!(
        presented.as_deref(),
        Some("2026-10-31"),
        "filled from the other"
    );
    assert!(
        fields.contains("体調管理") && fields.contains("通勤"),
        "{fields}"
    );
    let kept: String = conn
        .query_row("SELECT detail FROM audit WHERE row_id = 1", [], |r| {
            r.get(0)
        })
        .expect("the deleted one is in the audit");
    assert!(kept.contains("体調管理"), "{kept}");
    let dup = conn.execute(
        "INSERT INTO reports (client_id, month, created_by, created_at, updated_by, \
         updated_at) VALUES (1, '2026-11', 't', 'x', 't', 'x')",
        [],
    );
    assert!(dup.is_err(), "one report per client and month");
}
