//! An office's file outlives versions: a file made by an earlier version
//! (schema 8 and schema 9, the previous one, each kept in
//! `tests/fixtures/vN` as its SQL text — every row with its rowid — with
//! its audit key and its export) opens in this one with nothing lost, and
//! its audit trail still proves its data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-11-23";

fn fixture(version: u32, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/v{version}"))
        .join(name)
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .env_remove("TEICHAKU_DB")
        .env_remove("TEICHAKU_TODAY")
        .env("TEICHAKU_CLOCK", TODAY)
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .expect("run teichaku")
}

/// The fixture in a private folder, as the office keeps it (a clone gives
/// files mode 0644, which the program refuses for 要配慮個人情報).
fn copy(version: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let sql = std::fs::read_to_string(fixture(version, "office.sql")).expect("the fixture");
    rusqlite::Connection::open(&db)
        .and_then(|c| c.execute_batch(&sql))
        .expect("the file as the previous version left it");
    let key = dir.path().join("office.db.key");
    std::fs::copy(fixture(version, "office.db.key"), &key).expect("copy the key");
    for f in [&db, &key] {
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    (dir, db)
}

fn text(o: &Output) -> String {
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_file_of_schema_8_keeps_every_record_and_its_proof() {
    keeps_every_record_and_its_proof(8);
}

/// The previous version's file: certificates' history, subsidy months,
/// staff who left and a 常勤換算 from a day, a closed case, 対象外 decisions.
#[test]
fn a_file_of_the_previous_version_keeps_every_record_and_its_proof() {
    keeps_every_record_and_its_proof(9);
}

fn keeps_every_record_and_its_proof(version: u32) {
    let (dir, db) = copy(version);
    let before =
        std::fs::read_to_string(fixture(version, "office.json")).expect("the fixture's export");
    let out = dir.path().join("after.json");
    text(&run(
        &db,
        &[
            "export",
            "--format",
            "json",
            "-o",
            out.to_str().expect("utf8"),
        ],
    ));
    let after = std::fs::read_to_string(&out).expect("the export");
    assert!(after == before, "the export changed after the update");
    let check = text(&run(&db, &["check"]));
    assert!(
        !check.contains('‼') && !check.contains('✗'),
        "check after the update: {check}"
    );
    assert!(check.contains("連鎖の先頭"), "{check}");
    // And the updated file takes a write, audited and proved like any.
    text(&run(
        &db,
        &[
            "contact",
            "add",
            "--client",
            "D00002",
            "--summary",
            "更新の後の記録",
        ],
    ));
    let check = text(&run(&db, &["check"]));
    assert!(
        !check.contains('‼') && !check.contains('✗'),
        "check after a write: {check}"
    );
}
