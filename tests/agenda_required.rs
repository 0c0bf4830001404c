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
    // Every client with a required item overdue in `due` for at most 3
    // months is in the digest; with --all, every one.
    let due = BIN.ok(&db, &["due", "--required", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&due).expect("json");
    let overdue = |since: &str| -> Vec<String> {
        rows.as_array()
            .expect("rows")
            .iter()
            .filter(|r| r["status"].as_str() == Some("overdue"))
            .filter(|r| r["due"].as_str().is_some_and(|d| d >= since))
            .filter_map(|r| r["external_id"].as_str().map(str::to_string))
            .collect()
    };
    let recent = overdue("2026-08-23");
    assert!(!recent.is_empty());
    for id in &recent {
        assert!(required.contains(id.as_str()), "{id} missing: {required}");
    }
    let every = overdue("0000");
    assert!(every.len() > recent.len(), "the demo has older ones too");
    let all = BIN.ok(&db, &["agenda", "--required", "--all"]);
    for id in &every {
        assert!(all.contains(id.as_str()), "{id} missing: {all}");
    }
    // What the digest leaves out it counts, with the command that lists it.
    assert!(
        required.contains("より前が期限の期限超過: ") && required.contains(" --all --required"),
        "{required}"
    );
    // The audit row says the digest was the required items'.
    let audit = BIN.ok(&db, &["audit", "--limit", "3"]);
    assert!(audit.contains("必須のみ"), "{audit}");
}
