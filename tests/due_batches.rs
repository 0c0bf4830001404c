//! `due` reads a large office in batches on two connections; the result
//! must be exactly what the engine gives over every client loaded at once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::process::Command;

use chrono::NaiveDate;
use teichaku::cli::due::{self, Query};
use teichaku::operation;
use teichaku::store::Store;

#[test]
fn due_in_batches_on_two_connections_equals_one_full_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    {
        let store = Store::open_as(&db, "tester").expect("open");
        operation::import_document(&store, &teichaku::demo::generate(1_300, today))
            .expect("import");
    }
    let store = Store::open_as(&db, "tester").expect("open");
    let all = store.load_all().expect("load");
    let closed = all.iter().filter(|c| c.is_closed()).count();
    assert!(closed > 50, "the demo closes finished cases: {closed}");
    // By default closed cases (終結) are left out; --include-closed reads all.
    for (extra, include_closed) in [(None, false), (Some("--include-closed"), true)] {
        let out = Command::new(env!("CARGO_BIN_EXE_teichaku"))
            .arg("--db")
            .arg(&db)
            .args(["--today", "2026-11-23", "due", "--all", "--within", "45"])
            .args(["--format", "json"])
            .args(extra)
            .output()
            .expect("run due");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let clients: Vec<_> = all
            .iter()
            .filter(|c| include_closed || !c.is_closed())
            .cloned()
            .collect();
        let q = Query {
            within_days: 45,
            all: true,
            include_closed,
            ..Query::default()
        };
        let rows = due::collect(&clients, &store.settings().expect("settings"), today, &q);
        let expected = due::render(&rows, due::Format::Json, today);
        assert!(
            rows.len() > 1_000,
            "too few rows to mean anything: {}",
            rows.len()
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    }
}
