//! Changes made outside the program, through a plain connection (as the
//! `sqlite3` shell would, after dropping the triggers in its way), and what
//! `check` says about them.

use rusqlite::Connection;

use crate::model::ClientId;
use crate::store::file::schema::{self, MIGRATIONS};
use crate::store::test_support::{client_with_employment, store};
use crate::store::{Store, Table, TriggerProblem};

/// A store with a client and a few audit rows; the file's path.
fn with_rows() -> (tempfile::TempDir, Store, std::path::PathBuf) {
    let (dir, s) = store();
    let a = client_with_employment(&s, "C001");
    for what in ["タイムライン", "支援レポート", "計画書"] {
        s.record_view(a, what).expect("view");
        s.record_export(a, what).expect("export");
    }
    let path = dir.path().join("t.db");
    (dir, s, path)
}

/// A connection without the program's function: the `sqlite3` shell.
fn outsider(path: &std::path::Path) -> Connection {
    Connection::open(path).expect("open")
}

fn rows(s: &Store) -> i64 {
    s.conn()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn the_programs_own_appends_keep_the_chain() {
    let (_dir, s, _path) = with_rows();
    let report = s.check().expect("check");
    let t = report.tamper.as_ref().expect("read");
    assert!(t.is_ok(), "{report}");
    assert_eq!(t.chain.rows, rows(&s));
    assert!(t.chain.rows >= 8);
    assert!(report.is_ok(), "{report}");
    assert!(report.to_string().contains("✓ 監査記録の連鎖: 問題なし"));
    assert!(
        report
            .to_string()
            .contains("✓ 書き込みの保護（トリガー）: 問題なし")
    );
}

#[test]
fn a_v3_file_gets_its_trail_chained_when_it_is_migrated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v3.db");
    {
        let conn = Connection::open(&path).expect("open");
        for step in &MIGRATIONS[..3] {
            conn.execute_batch(step).expect("step");
        }
        conn.pragma_update(None, "user_version", 3).expect("v3");
        conn.execute_batch(
            "INSERT INTO audit (at, login, action, tbl, row_id, client_id, summary, detail) VALUES
               ('2026-01-01T00:00:00Z', 'tanaka', 'create', 'clients', 1, 1, 'a', NULL),
               ('2026-01-02T00:00:00Z', 'suzuki', 'update', 'clients', 1, 1, '',
                '{\"changes\": {\"name\": [\"x\", \"y\"]}}'),
               ('2026-01-03T00:00:00Z', 'tanaka', 'export', 'document', NULL, NULL, 'b', NULL);",
        )
        .expect("old rows");
    }
    let s = Store::open_as(&path, "tanaka").expect("migrates");
    assert_eq!(s.schema_version().expect("v"), schema::current_version());
    let log = s.audit_log(10).expect("read");
    assert_eq!(log.len(), 3, "every old row kept");
    assert_eq!(log[1].user, "suzuki");
    assert_eq!(log[1].summary, "");
    assert!(
        log[1]
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("\"y\""))
    );
    assert_eq!(log[2].detail, None, "NULL stays NULL");
    // (The file was made 0644 by the plain connection: only the tamper
    // lines are this test's business.)
    let t = s.check().expect("check").tamper.expect("read");
    assert!(t.is_ok(), "{t}");
    assert_eq!(t.chain.rows, 3);
    // The first link starts from the zeros, and the program appends after
    // the copied rows with the next id.
    s.record_view(ClientId::new(1), "タイムライン")
        .expect("append");
    let ids: Vec<i64> = s
        .audit_log(10)
        .expect("read")
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, vec![4, 3, 2, 1]);
    assert!(s.check().expect("check").tamper.expect("read").is_ok());
    let old_table: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_v3'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(old_table, 0, "the old table is gone");
}

#[test]
fn a_row_changed_outside_the_program_is_named_by_its_id() {
    let (_dir, s, path) = with_rows();
    let o = outsider(&path);
    o.execute_batch(
        "DROP TRIGGER audit_no_update;
         UPDATE audit SET login = 'someone' WHERE id = 3;",
    )
    .expect("the shell can, once the trigger is gone");
    let report = s.check().expect("check");
    assert!(!report.is_ok());
    let t = report.tamper.as_ref().expect("read");
    assert_eq!(
        t.chain.broken,
        vec![3],
        "only the changed row, not those after"
    );
    assert!(t.chain.missing.is_empty());
    assert_eq!(
        t.triggers,
        vec![("audit_no_update".to_string(), TriggerProblem::Missing)]
    );
    let text = report.to_string();
    assert!(
        text.contains("‼ 監査記録の連鎖: id 3 の行が、記録されたときの内容と一致しません"),
        "{text}"
    );
    assert!(text.contains("audit_no_update: ありません"), "{text}");
    assert!(text.contains("管理者へ連絡"), "{text}");
    assert!(text.contains("バックアップから復元"), "{text}");
}

#[test]
fn removed_rows_show_as_a_gap_in_the_middle_and_at_the_end() {
    let (_dir, s, path) = with_rows();
    let last = rows(&s);
    let o = outsider(&path);
    o.execute_batch("DROP TRIGGER audit_no_delete;")
        .expect("drop");
    o.execute("DELETE FROM audit WHERE id IN (2, 3)", [])
        .expect("delete");
    o.execute("DELETE FROM audit WHERE id = ?1", [last])
        .expect("delete the newest");
    let t = s.check().expect("check").tamper.expect("read");
    assert_eq!(
        t.chain.broken,
        vec![4],
        "the row after the gap loses its link"
    );
    assert_eq!(t.chain.missing, vec![(2, 3), (last, last)]);
    // The program's next row does not hide the removed newest one.
    s.record_view(ClientId::new(1), "タイムライン")
        .expect("append");
    let t = s.check().expect("check").tamper.expect("read");
    assert_eq!(t.chain.missing, vec![(2, 3), (last, last)]);
    assert_eq!(t.chain.broken, vec![4]);
    let text = s.check().expect("check").to_string();
    assert!(
        text.contains("‼ 監査記録の欠落: 3 行が削除されています"),
        "{text}"
    );
    assert!(text.contains(&format!("id {last}\n")), "{text}");
    assert!(text.contains("id 2～3"), "{text}");
}

#[test]
fn a_guard_trigger_dropped_changed_or_added_is_reported() {
    let (_dir, s, path) = with_rows();
    let o = outsider(&path);
    o.execute_batch(
        "DROP TRIGGER clients_guard_update;
         DROP TRIGGER contacts_guard_insert;
         CREATE TRIGGER contacts_guard_insert BEFORE INSERT ON contacts BEGIN SELECT 1; END;
         CREATE TRIGGER copy_names AFTER INSERT ON clients BEGIN SELECT 1; END;
         UPDATE clients SET name = '書き換え';",
    )
    .expect("the shell writes once the guard is gone");
    let report = s.check().expect("check");
    assert!(!report.is_ok());
    let t = report.tamper.as_ref().expect("read");
    assert_eq!(
        t.triggers,
        vec![
            ("clients_guard_update".to_string(), TriggerProblem::Missing),
            ("contacts_guard_insert".to_string(), TriggerProblem::Changed),
            ("copy_names".to_string(), TriggerProblem::Unknown),
        ]
    );
    assert!(t.chain.broken.is_empty(), "the trail itself is untouched");
    assert!(
        report
            .to_string()
            .contains("‼ 書き込みの保護（トリガー）: 3 件が削除または変更されています"),
        "{report}"
    );
}

#[test]
fn a_trigger_dropped_and_recreated_as_it_was_around_an_edit_is_named_by_the_rows_history() {
    let (_dir, s, path) = with_rows();
    let o = outsider(&path);
    let sql: String = o
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'clients_guard_update'",
            [],
            |r| r.get(0),
        )
        .expect("sql");
    o.execute_batch("DROP TRIGGER clients_guard_update; UPDATE clients SET kana = 'x';")
        .expect("write");
    o.execute_batch(&sql).expect("recreate");
    let report = s.check().expect("check");
    assert!(!report.is_ok(), "{report}");
    let t = report.tamper.as_ref().expect("read");
    assert!(t.triggers.is_empty(), "the triggers read as they were");
    assert_eq!(t.replay.differ, vec![(Table::Clients, 1)]);
    let text = report.to_string();
    assert!(
        text.contains("‼ 記録の履歴: 監査記録と合わない行が 1 行あります"),
        "{text}"
    );
    assert!(text.contains("内容が履歴と違う行 1 行: 利用者 1"), "{text}");
    assert!(!text.contains("山田"), "no name in a finding: {text}");
}

#[test]
fn the_shell_cannot_write_but_the_program_still_can() {
    let (_dir, s, path) = with_rows();
    let o = outsider(&path);
    for sql in [
        "UPDATE clients SET name = 'x'",
        "DELETE FROM contacts",
        "INSERT INTO audit (at, login, action, tbl, hash) VALUES ('t', 'u', 'view', 'x', '')",
    ] {
        let err = o.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("no such function"), "{sql}: {err}");
    }
    let before = rows(&s);
    s.record_view(ClientId::new(1), "タイムライン")
        .expect("the program writes");
    assert_eq!(rows(&s), before + 1);
    assert!(s.check().expect("check").is_ok());
}
