//! A damaged database is noticed before more is written into it: `import`
//! checks the file first and refuses, `check` reports it with a non-zero
//! exit, and a corruption error never ends a command with exit 0.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .env_remove("TEICHAKU_DB")
        // Writes are judged by the clock's day: the test's day.
        .env("TEICHAKU_CLOCK", "2027-01-20")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .args(["--today", "2027-01-20"])
        .args(args)
        .output()
        .expect("run teichaku")
}

#[test]
fn import_into_a_damaged_file_is_refused_and_check_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let o = run(&db, &["demo", "--clients", "300"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut bytes = std::fs::read(&db).expect("read");
    let mid = bytes.len() / 2;
    for (i, b) in bytes[mid..mid + 2048].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    std::fs::write(&db, &bytes).expect("write");
    let damaged = std::fs::read(&db).expect("read");

    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    let o = run(&db, &["import", fixture.to_str().expect("utf8")]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("損傷") || err.contains("壊れています"),
        "{err}"
    );
    assert!(
        err.contains("restore") || err.contains("teichaku check"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&db).expect("read"),
        damaged,
        "nothing written"
    );

    let o = run(&db, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("‼"));

    // Whatever `due` makes of it, a corruption error is never a success.
    let o = run(&db, &["due", "--all", "--format", "json"]);
    if !o.status.success() {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("壊れています") || err.contains("損傷"),
            "{err}"
        );
    }
}
