//! What `check` names when the file is changed by someone with a plain
//! SQLite connection who defines a function of the guard's name (so the
//! triggers let every write through), and what `restore` refuses.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Null, ValueRef};

use super::super::chain::{self, HeadMark};
use super::super::key::ChainKey;
use crate::model::{ClientId, Role, Staff};
use crate::operation::{self, Operation};
use crate::store::file::schema::{MIGRATIONS, current_version};
use crate::store::test_support::{client_with_employment, store};
use crate::store::{SchemaProblem, Store, Table, TamperReport, TriggerProblem};

/// A store with a client, a second staff member and a few views; the
/// file's path.
fn office() -> (tempfile::TempDir, Store, std::path::PathBuf) {
    let (dir, s) = store();
    let a = client_with_employment(&s, "C001");
    operation::apply(
        &s,
        &Operation::AddStaff(
            (Staff {
                login: "suzuki".into(),
                display_name: "鈴木 健一".into(),
                role: Role::CaseWorker,
                basic_training: None,
                fte_percent: None,
                joined: None,
                left: None,
                fte_history: Vec::new(),
            })
            .clone(),
        ),
    )
    .expect("staff");
    for what in ["タイムライン", "支援レポート"] {
        s.record_view(a, what).expect("view");
    }
    let path = dir.path().join("t.db");
    assert!(s.check().expect("check").is_ok());
    (dir, s, path)
}

/// A plain connection that imitates the guard function: every trigger
/// lets its writes through.
fn imitator(path: &std::path::Path) -> Connection {
    let c = Connection::open(path).expect("open");
    c.create_scalar_function("teichaku_guard", 0, FunctionFlags::SQLITE_UTF8, |_| {
        Ok(Null)
    })
    .expect("function");
    c
}

fn tamper(s: &Store) -> TamperReport {
    s.check().expect("check").tamper.expect("read")
}

fn one(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn a_staff_member_promoted_to_admin_through_the_guard_is_named() {
    let (_dir, s, path) = office();
    let o = imitator(&path);
    let rowid = one(&o, "SELECT rowid FROM staff WHERE login = 'suzuki'");
    o.execute("UPDATE staff SET role = 'admin' WHERE login = 'suzuki'", [])
        .expect("the triggers let it through");
    let report = s.check().expect("check");
    assert!(!report.is_ok());
    let t = report.tamper.as_ref().expect("read");
    assert_eq!(t.replay.differ, vec![(Table::Staff, rowid)]);
    assert!(t.chain.broken.is_empty() && t.triggers.is_empty() && t.schema.is_empty());
    let text = report.to_string();
    assert!(
        text.contains(&format!("内容が履歴と違う行 1 行: 職員 {rowid}")),
        "{text}"
    );
    assert!(!text.contains("suzuki") && !text.contains("鈴木"), "{text}");
}

#[test]
fn a_row_inserted_and_a_row_deleted_through_the_guard_are_named() {
    let (_dir, s, path) = office();
    let o = imitator(&path);
    let employment = one(&o, "SELECT id FROM employments");
    o.execute_batch(
        "INSERT INTO contacts (id, client_id, date, counterpart, method, place, created_by, \
           created_at, updated_by, updated_at) \
         VALUES (900, 1, '2026-05-01', 'client', 'phone', 'office', 't', 't', 't', 't');
         DELETE FROM employments;",
    )
    .expect("write");
    let t = tamper(&s);
    assert_eq!(t.replay.unrecorded, vec![(Table::Contacts, 900)]);
    assert_eq!(t.replay.vanished, vec![(Table::Employments, employment)]);
    assert!(t.replay.differ.is_empty());
    let text = t.to_string();
    assert!(text.contains("履歴のない行 1 行: 支援記録 900"), "{text}");
    assert!(
        text.contains(&format!("履歴にあるのに無い行 1 行: 就職 {employment}")),
        "{text}"
    );
}

#[test]
fn the_newest_audit_rows_removed_with_their_sequence_entry_are_named() {
    let (_dir, s, path) = office();
    let o = imitator(&path);
    let last = one(&o, "SELECT max(id) FROM audit");
    let trigger: String = o
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'audit_no_delete'",
            [],
            |r| r.get(0),
        )
        .expect("sql");
    o.execute_batch(&format!(
        "DROP TRIGGER audit_no_delete;
         DELETE FROM audit WHERE id >= {last} - 1;
         UPDATE sqlite_sequence SET seq = {last} - 2 WHERE name = 'audit';
         {trigger};"
    ))
    .expect("remove the two views");
    let t = tamper(&s);
    assert_eq!(t.chain.missing, vec![(last - 1, last)]);
    assert!(t.triggers.is_empty(), "the trigger reads as it was");
    assert!(
        t.to_string()
            .contains("‼ 監査記録の欠落: 2 行が削除されています"),
        "{t}"
    );
}

/// The values `chain` links, read back for row `id`.
fn linked_values(c: &Connection, id: i64) -> Vec<rusqlite::types::Value> {
    c.query_row(
        "SELECT id, at, login, action, tbl, row_id, client_id, summary, detail, rows \
         FROM audit WHERE id = ?1",
        [id],
        |r| (0..10).map(|i| r.get(i)).collect(),
    )
    .expect("row")
}

#[test]
fn a_forged_audit_row_appended_is_named() {
    let (_dir, s, path) = office();
    let o = imitator(&path);
    let (last, prev): (i64, String) = o
        .query_row(
            "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("last");
    // Linked as the documented encoding says, without the key.
    let id = last + 1;
    let row = [
        ValueRef::Integer(id),
        ValueRef::Text(b"2026-05-21T00:00:00Z"),
        ValueRef::Text(b"tanaka"),
        ValueRef::Text(b"view"),
        ValueRef::Text(b"document"),
        ValueRef::Null,
        ValueRef::Integer(1),
        ValueRef::Text("タイムライン".as_bytes()),
        ValueRef::Null,
        ValueRef::Null,
    ];
    let forged = chain::hash(&prev, &row[..9]);
    o.execute(
        "INSERT INTO audit (id, at, login, action, tbl, client_id, summary, hash) \
         VALUES (?1, '2026-05-21T00:00:00Z', 'tanaka', 'view', 'document', 1, 'タイムライン', ?2)",
        rusqlite::params![id, forged],
    )
    .expect("append");
    let t = tamper(&s);
    assert_eq!(t.chain.broken, vec![id]);
    assert_eq!(t.chain.head_mark, Some(HeadMark::Differs));
    let text = t.to_string();
    assert!(
        text.contains(&format!("‼ 監査記録の連鎖: id {id} の行が")),
        "{text}"
    );
    assert!(text.contains("‼ 監査記録の末尾の控え"), "{text}");
}

#[test]
fn the_whole_chain_rewritten_under_another_key_is_named_row_by_row() {
    let (_dir, s, path) = office();
    let o = imitator(&path);
    let first_keyed = one(&o, "SELECT first_keyed FROM chain_state");
    let last = one(&o, "SELECT max(id) FROM audit");
    let theirs = ChainKey::throwaway().expect("key");
    o.execute_batch("DROP TRIGGER audit_no_update;")
        .expect("drop");
    let mut prev = chain::GENESIS.to_string();
    for id in 1..=last {
        let mut values = linked_values(&o, id);
        if id == 2 {
            // The change the rewrite is for.
            values[2] = rusqlite::types::Value::Text("someone".into());
            o.execute("UPDATE audit SET login = 'someone' WHERE id = 2", [])
                .expect("change");
        }
        let refs: Vec<ValueRef<'_>> = values.iter().map(ValueRef::from).collect();
        let link = chain::mac(&theirs, &prev, &refs);
        o.execute(
            "UPDATE audit SET hash = ?1 WHERE id = ?2",
            rusqlite::params![link, id],
        )
        .expect("relink");
        prev = link;
    }
    o.execute(
        "UPDATE chain_state SET first_keyed = 1, head_mac = ?1",
        [chain::head_mac(&theirs, last, &prev)],
    )
    .expect("mark");
    let t = tamper(&s);
    assert_eq!(t.chain.broken, (1..=last).collect::<Vec<_>>());
    assert_eq!(t.chain.head_mark, Some(HeadMark::Differs));
    assert!(first_keyed >= 1);
}

#[test]
fn a_check_constraint_loosened_through_writable_schema_is_named() {
    let (dir, s, path) = office();
    let o = imitator(&path);
    o.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (id = 1)', 'CHECK (id >= 1)')
           WHERE name = 'settings';
         PRAGMA writable_schema = OFF;",
    )
    .expect("writable_schema");
    drop(o);
    drop(s);
    let s = Store::open_as(&dir.path().join("t.db"), "tanaka").expect("reopen");
    let t = tamper(&s);
    assert_eq!(
        t.schema,
        vec![("table".into(), "settings".into(), SchemaProblem::Changed)]
    );
    assert!(t.to_string().contains("表 settings: 定義が違います"), "{t}");
}

#[test]
fn an_extra_index_view_trigger_table_or_column_is_named() {
    let (_dir, s, path) = office();
    let o = imitator(&path);
    o.execute_batch(
        "CREATE INDEX by_name ON clients(name);
         CREATE VIEW names AS SELECT name FROM clients;
         CREATE TABLE copied (name TEXT);
         CREATE TRIGGER copy_names AFTER UPDATE ON clients BEGIN SELECT 1; END;
         ALTER TABLE agencies ADD COLUMN note TEXT;",
    )
    .expect("add");
    let t = tamper(&s);
    assert_eq!(
        t.schema,
        vec![
            ("table".into(), "agencies".into(), SchemaProblem::Changed),
            ("index".into(), "by_name".into(), SchemaProblem::Unknown),
            ("table".into(), "copied".into(), SchemaProblem::Unknown),
            ("view".into(), "names".into(), SchemaProblem::Unknown),
        ]
    );
    assert_eq!(
        t.triggers,
        vec![("copy_names".to_string(), TriggerProblem::Unknown)]
    );
    let text = t.to_string();
    assert!(
        text.contains("索引 by_name: このプログラムのものではありません"),
        "{text}"
    );
    assert!(text.contains("ビュー names"), "{text}");
}

#[test]
fn a_write_that_changes_data_without_an_audit_row_fails_and_writes_nothing() {
    let (_dir, s, _path) = office();
    let before = one(s.conn(), "SELECT count(*) FROM agencies");
    let e = s
        .write(|tx, _| {
            tx.execute(
                "INSERT INTO agencies (kind, name, created_by, created_at, updated_by, updated_at) \
                 VALUES ('a', 'x', 't', 't', 't', 't')",
                [],
            )?;
            Ok(())
        })
        .expect_err("no audit row");
    assert!(e.to_string().contains("監査記録がありません"), "{e}");
    assert_eq!(one(s.conn(), "SELECT count(*) FROM agencies"), before);
    // A draft is a person's scratch: no audit row needed.
    s.save_draft("k", "{}").expect("draft");
    assert!(s.check().expect("check").is_ok());
}

#[test]
fn a_missing_key_is_reported_and_not_made_again_and_writes_are_refused() {
    let (dir, s, path) = office();
    drop(s);
    let key = super::super::key::path_for(&path);
    std::fs::remove_file(&key).expect("remove the key");
    let s = Store::open_as(&path, "tanaka").expect("opens to be checked");
    assert!(!key.exists(), "not made again over a keyed chain");
    let report = s.check().expect("check");
    assert!(!report.is_ok());
    let text = report.to_string();
    assert!(text.contains("鍵がないため"), "{text}");
    assert!(text.contains("監査記録の鍵"), "{text}");
    let e = s
        .record_view(ClientId::new(1), "タイムライン")
        .expect_err("refused");
    assert!(e.to_string().contains("鍵"), "{e}");
    drop(dir);
}

#[test]
fn restore_refuses_a_backup_that_fails_check_names_why_and_changes_nothing() {
    let (dir, mut s, _path) = office();
    let out = tempfile::tempdir().expect("out");
    let audit_rows = |s: &Store| one(s.conn(), "SELECT count(*) FROM audit");
    for (name, sql, why) in [
        (
            "guard.db",
            "DROP TRIGGER clients_guard_update;",
            "clients_guard_update: ありません",
        ),
        (
            "foreign.db",
            "CREATE TRIGGER copy_names AFTER UPDATE ON clients BEGIN SELECT 1; END;",
            "copy_names: このプログラムのものではありません",
        ),
        (
            "chain.db",
            "DROP TRIGGER audit_no_update; UPDATE audit SET login = 'x' WHERE id = 2;",
            "監査記録の連鎖: id 2 の行が",
        ),
    ] {
        let b = out.path().join(name);
        s.backup_to(&b, false).expect("backup");
        imitator(&b)
            .execute_batch(sql)
            .expect("tamper with the copy");
        let before = audit_rows(&s);
        let e = s.restore_from(&b).expect_err("refused");
        let text = e.to_string();
        assert!(text.contains("検査に通らないため復元しません"), "{text}");
        assert!(text.contains(why), "{name}: {text}");
        assert_eq!(audit_rows(&s), before, "nothing written");
    }
    let kept = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .count();
    assert_eq!(kept, 0, "no copy kept: nothing was replaced");
    // An untouched backup still restores, and the result checks clean.
    let good = out.path().join("good.db");
    s.backup_to(&good, false).expect("backup");
    s.restore_from(&good).expect("restore");
    assert!(s.check().expect("check").is_ok());
}

#[test]
fn a_version_7_file_gets_a_baseline_and_its_rows_are_then_proved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v7.db");
    {
        let conn = imitator(&path);
        for (i, step) in MIGRATIONS[..7].iter().enumerate() {
            conn.execute_batch(step).expect("step");
            if i + 1 == 4 {
                chain::backfill_v4(&conn).expect("step 4's copy");
            }
        }
        conn.pragma_update(None, "user_version", 7).expect("v7");
        conn.execute_batch(
            "INSERT INTO clients (id, external_id, name, disclosure, needs_continuing_support, \
               created_by, created_at, updated_by, updated_at) \
             VALUES (1, 'C1', 'x', 'open', 0, 't', 't', 't', 't'), \
                    (2, 'C2', 'y', 'open', 0, 't', 't', 't', 't');",
        )
        .expect("rows");
        let row = [
            ValueRef::Integer(1),
            ValueRef::Text(b"2026-01-01T00:00:00Z"),
            ValueRef::Text(b"tanaka"),
            ValueRef::Text(b"create"),
            ValueRef::Text(b"clients"),
            ValueRef::Integer(1),
            ValueRef::Integer(1),
            ValueRef::Text(b"a"),
            ValueRef::Null,
        ];
        conn.execute(
            "INSERT INTO audit (at, login, action, tbl, row_id, client_id, summary, hash) \
             VALUES ('2026-01-01T00:00:00Z', 'tanaka', 'create', 'clients', 1, 1, 'a', ?1)",
            [chain::hash(chain::GENESIS, &row)],
        )
        .expect("an old, unkeyed row");
    }
    let s = Store::open_as(&path, "tanaka").expect("migrates");
    assert_eq!(s.schema_version().expect("v"), current_version());
    let log = s.audit_log(10).expect("log");
    // The old row, step 8's baseline, and step 9's re-recording of the
    // clients (a column was added to them), newest first.
    assert_eq!(log.len(), 3);
    assert_eq!(log[0].action, super::super::AuditAction::Baseline);
    assert!(
        log[0].summary.contains("clients の 2 行"),
        "{}",
        log[0].summary
    );
    let baseline = &log[1];
    assert_eq!(baseline.action, super::super::AuditAction::Baseline);
    assert!(
        baseline.summary.contains("2 行") && baseline.summary.contains("確かめられません"),
        "{}",
        baseline.summary
    );
    let t = tamper(&s);
    assert!(t.is_ok(), "{t}");
    assert_eq!(t.chain.rows, 3);
    assert_eq!(t.replay.rows, 2);
    // From here on, a change outside the program shows.
    imitator(&path)
        .execute("UPDATE clients SET name = 'z' WHERE id = 2", [])
        .expect("write");
    assert_eq!(tamper(&s).replay.differ, vec![(Table::Clients, 2)]);
}
