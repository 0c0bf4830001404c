//! `--today` moves the day looked at, not the clock that judges a write:
//! nothing done can be dated after the clock's day, and a record counts
//! only from its own day.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::path::Path;
use std::process::{Command, Output};

/// The clock of every run here: the day the office works on.
const CLOCK: &str = "2027-01-20";

fn run(db: &Path, today: &str, clock: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .env_remove("TEICHAKU_DB")
        .env_remove("TEICHAKU_TODAY")
        .env("TEICHAKU_CLOCK", clock)
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .args(["--today", today])
        .args(args)
        .output()
        .expect("run teichaku")
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn office() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    let o = run(
        &db,
        CLOCK,
        CLOCK,
        &["import", fixture.to_str().expect("utf8")],
    );
    assert!(o.status.success(), "{}", err(&o));
    (dir, db)
}

/// The status of C001's January face-to-face support on `today`.
fn january_face_to_face(db: &Path, today: &str) -> String {
    let o = run(
        db,
        today,
        CLOCK,
        &["due", "--client", "C001", "--all", "--format", "json"],
    );
    assert!(o.status.success(), "{}", err(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    rows.iter()
        .find(|r| r["obligation"] == "ret.monthly_face_to_face" && r["period"] == "2027-01")
        .map(|r| r["status"].as_str().unwrap_or_default().to_string())
        .expect("January's face-to-face item")
}

#[test]
fn a_later_today_does_not_let_a_write_date_things_after_the_clocks_day() {
    let (_dir, db) = office();
    let o = run(
        &db,
        "2030-01-02",
        CLOCK,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--date",
            "2030-01-01",
            "--summary",
            "先の記録",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("実施日（2030-01-01）が今日（2027-01-20）より後です"),
        "{}",
        err(&o)
    );
}

#[test]
fn a_contact_of_the_clocks_day_counts_from_its_day_and_not_before() {
    let (_dir, db) = office();
    let o = run(
        &db,
        "2026-12-01",
        CLOCK,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--date",
            "2027-01-15",
            "--summary",
            "面談",
        ],
    );
    assert!(
        o.status.success(),
        "looking back does not stop a write of the clock's day: {}",
        err(&o)
    );
    assert_eq!(january_face_to_face(&db, "2027-01-14"), "open");
    assert_eq!(january_face_to_face(&db, "2027-01-15"), "done");
}

#[test]
fn a_clock_that_is_not_a_time_is_refused_by_name() {
    let (_dir, db) = office();
    let o = run(&db, CLOCK, "yesterday", &["due"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("TEICHAKU_CLOCK"), "{}", err(&o));
}
