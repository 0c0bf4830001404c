//! Changes made to the database outside the program, as someone with the
//! `sqlite3` shell would make them (a plain connection, without the
//! program's guard function), and what `teichaku check` says — through the
//! built binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::{Path, PathBuf};
use std::process::Output;

use rusqlite::Connection;

use binary::Bin;

const TODAY: &str = "2027-01-20";
const BIN: Bin = Bin { today: TODAY };

fn run(db: &Path, args: &[&str]) -> Output {
    BIN.run(db, args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    BIN.ok(db, args)
}

/// A database made by the binary: the fixture imported, a contact added.
fn made_by_the_program() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    ok(&db, &["import", fixture.to_str().expect("utf8")]);
    ok(
        &db,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--summary",
            "電話で様子を確認",
        ],
    );
    let check = ok(&db, &["check"]);
    assert!(check.contains("✓ 監査記録の連鎖: 問題なし"), "{check}");
    assert!(
        check.contains("✓ 書き込みの保護（トリガー）: 問題なし"),
        "{check}"
    );
    (dir, db)
}

/// `check` fails (exit 1) and prints what it found.
fn check_fails(db: &Path) -> String {
    let o = run(db, &["check"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(1), "{out}");
    out
}

#[test]
fn an_audit_row_rewritten_with_the_shell_makes_check_fail_naming_the_row() {
    let (_dir, db) = made_by_the_program();
    let shell = Connection::open(&db).expect("open");
    shell
        .execute_batch(
            "DROP TRIGGER audit_no_update;
             UPDATE audit SET login = 'nobody' WHERE id = 2;",
        )
        .expect("possible once the trigger is dropped");
    drop(shell);
    let out = check_fails(&db);
    assert!(
        out.contains("‼ 監査記録の連鎖: id 2 の行が、記録されたときの内容と一致しません"),
        "{out}"
    );
    assert!(out.contains("audit_no_update: ありません"), "{out}");
    assert!(
        out.contains("記録がこのプログラムを通さずに変更された可能性"),
        "{out}"
    );
    assert!(out.contains("管理者へ連絡"), "{out}");
}

#[test]
fn a_record_changed_after_dropping_its_guard_makes_check_fail() {
    let (_dir, db) = made_by_the_program();
    let shell = Connection::open(&db).expect("open");
    // With the guard in place the shell cannot write at all ...
    let err = shell
        .execute(
            "UPDATE clients SET name = '別人' WHERE external_id = 'C001'",
            [],
        )
        .expect_err("refused");
    assert!(
        err.to_string().contains("no such function: teichaku_guard"),
        "{err}"
    );
    let err = shell.execute("DELETE FROM audit", []).expect_err("refused");
    assert!(err.to_string().contains("append-only"), "{err}");
    // ... so it drops the guard first, and that shows.
    shell
        .execute_batch(
            "DROP TRIGGER clients_guard_update;
             UPDATE clients SET name = '別人' WHERE external_id = 'C001';",
        )
        .expect("possible once the guard is dropped");
    drop(shell);
    let out = check_fails(&db);
    assert!(
        out.contains("‼ 書き込みの保護（トリガー）: 1 件が削除または変更されています"),
        "{out}"
    );
    assert!(out.contains("clients_guard_update: ありません"), "{out}");
    assert!(out.contains("✓ 監査記録の連鎖: 問題なし"), "{out}");
}

#[test]
fn audit_rows_deleted_with_the_shell_show_as_missing() {
    let (_dir, db) = made_by_the_program();
    let shell = Connection::open(&db).expect("open");
    let last: i64 = shell
        .query_row("SELECT max(id) FROM audit", [], |r| r.get(0))
        .expect("max");
    shell
        .execute_batch("DROP TRIGGER audit_no_delete;")
        .expect("drop");
    shell
        .execute("DELETE FROM audit WHERE id = ?1", [last])
        .expect("the newest row, the contact's");
    drop(shell);
    let out = check_fails(&db);
    assert!(
        out.contains("‼ 監査記録の欠落: 1 行が削除されています"),
        "{out}"
    );
    assert!(out.contains(&format!("id {last}")), "{out}");
}
