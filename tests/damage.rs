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

/// Bytes over the middle of the file, as a disk or a bad copy leaves them.
fn damage(db: &Path) {
    let mut bytes = std::fs::read(db).expect("read");
    let mid = bytes.len() / 2;
    for (i, b) in bytes[mid..mid + 4096].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    std::fs::write(db, &bytes).expect("write");
}

fn flag(db: &Path) -> std::path::PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".damaged");
    p.into()
}

#[test]
fn damage_one_process_found_stops_every_later_write_until_a_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    assert!(run(&db, &["demo", "--clients", "300"]).status.success());
    let backup = dir.path().join("b.db");
    assert!(
        run(&db, &["backup", backup.to_str().expect("utf8")])
            .status
            .success()
    );
    // Checkpointed by the backup's process closing: the damage is in the file.
    damage(&db);

    let o = run(&db, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(flag(&db).exists(), "check leaves the flag beside the file");
    let damaged = std::fs::read(&db).expect("read");

    // Another process, a small write that would not touch the damage.
    let add = [
        "contact",
        "add",
        "--client",
        "D00001",
        "--summary",
        "損傷後の記録",
    ];
    let o = run(&db, &add);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("損傷") && err.contains("teichaku check") && err.contains("restore"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&db).expect("read"),
        damaged,
        "nothing written"
    );

    // A restore puts a checked copy in place: writes go on.
    let o = run(&db, &["restore", backup.to_str().expect("utf8"), "--yes"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!flag(&db).exists(), "the restore ends the flag");
    let o = run(&db, &add);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&db, &["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn what_a_killed_backup_left_is_named_by_check_and_removed_by_the_next_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    assert!(run(&db, &["demo", "--clients", "5"]).status.success());
    // A pid no process can have (above the kernel's limit): a dead one's.
    let left = dir.path().join(".office.db.backup.2147483646.tmp");
    let journal = dir.path().join(".office.db.backup.2147483646.tmp-journal");
    std::fs::write(&left, b"half a copy").expect("left");
    std::fs::write(&journal, b"").expect("journal");

    let o = run(&db, &["check"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("作業ファイル") && out.contains(".office.db.backup.2147483646.tmp"),
        "{out}"
    );
    assert!(left.exists(), "check only names it");

    let b = dir.path().join("b.db");
    let o = run(&db, &["backup", b.to_str().expect("utf8")]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("削除しました"), "{out}");
    assert!(!left.exists() && !journal.exists());
    let o = run(&db, &["check"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("作業ファイル"));
}
