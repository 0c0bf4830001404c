//! `agenda --required`: the morning digest of the required items only, as
//! `due --required` lists them (the 努力義務 employer contact left out).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use binary::Bin;

const BIN: Bin = Bin {
    today: "2026-11-23",
};

#[test]
fn agenda_required_leaves_out_what_due_required_leaves_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    BIN.ok(&db, &["demo", "--clients", "40"]);
    let all = BIN.ok(&db, &["agenda"]);
    let required = BIN.ok(&db, &["agenda", "--required"]);
    assert!(
        all.contains("事業主連絡"),
        "the demo has employer contacts due: {all}"
    );
    assert!(!required.contains("事業主連絡"), "{required}");
    assert!(required.lines().count() < all.lines().count());
    // Every client with a required item overdue in `due` is in the digest.
    let due = BIN.ok(&db, &["due", "--required", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&due).expect("json");
    let overdue: Vec<&str> = rows
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["status"].as_str() == Some("overdue"))
        .filter_map(|r| r["external_id"].as_str())
        .collect();
    assert!(!overdue.is_empty());
    for id in overdue {
        assert!(required.contains(id), "{id} missing: {required}");
    }
    // The audit row says the digest was the required items'.
    let audit = BIN.ok(&db, &["audit", "--limit", "3"]);
    assert!(audit.contains("必須のみ"), "{audit}");
}
