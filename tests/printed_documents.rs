//! The 支援レポート and the 計画書 rendered as printed (LibreOffice headless
//! to PDF): A4 portrait, the page count of the form, each entered value on
//! the line of its label.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod printed;

use std::path::Path;
use std::process::{Command, Output};

const TODAY: &str = "2026-11-30";

fn run(db: &Path, dir: &Path, args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .current_dir(dir)
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .env_remove("TEICHAKU_DB")
        .output()
        .expect("run teichaku");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn imported() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    run(
        &db,
        dir.path(),
        &["import", fixture.to_str().expect("utf8")],
    );
    (dir, db)
}

#[test]
fn the_report_prints_on_one_a4_page_with_its_values() {
    let (dir, db) = imported();
    let d = dir.path();
    run(
        &db,
        d,
        &[
            "report",
            "set",
            "--client",
            "C001",
            "--month",
            "2026-11",
            "--field",
            "goal_1=睡眠を8時間とる",
            "--presented",
            "today",
        ],
    );
    run(
        &db,
        d,
        &[
            "export", "report", "--client", "C001", "--month", "2026-11", "--format", "xlsx", "-o",
            "r.xlsx",
        ],
    );
    let Some(p) = printed::render(&d.join("r.xlsx"), "report-smoke") else {
        return;
    };
    assert!(p.is_a4_portrait(), "page size {:?}", p.size);
    assert_eq!(p.pages, 1, "{}", p.text);
    assert!(p.squeezed().contains("睡眠を8時間とる"), "{}", p.text);
}
