//! The 受給者証 as dated records: recorded and renewed from the command
//! line, kept in the interchange document, the renewal step following the
//! current one, and billing bounded by every 支給決定期間.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use binary::Bin;
use serde_json::Value;

const BIN: Bin = Bin {
    today: "2027-01-20",
};

fn export(db: &std::path::Path) -> Value {
    serde_json::from_str(&BIN.ok(db, &["export", "--client", "C001"])).expect("json")
}

#[test]
fn a_renewal_keeps_the_old_certificate_and_the_step_follows_the_new_one() {
    let (_dir, db) = BIN.example_office(|_| {});
    let said = BIN.ok(
        &db,
        &[
            "client",
            "certificate",
            "--client",
            "C001",
            "--number",
            "1111",
            "--from",
            "2026-04-01",
            "--to",
            "2027-03-31",
        ],
    );
    assert!(said.contains("1111 2026-04-01〜2027-03-31"), "{said}");
    // Renewing with nothing new is refused, and changes nothing.
    let e = BIN.refused(
        &db,
        &["client", "certificate", "--client", "C001", "--renew"],
    );
    assert!(e.contains("--renew"), "{e}");
    let said = BIN.ok(
        &db,
        &[
            "client",
            "certificate",
            "--client",
            "C001",
            "--renew",
            "--number",
            "2222",
            "--from",
            "2027-04-01",
            "--to",
            "2028-03-31",
        ],
    );
    assert!(said.contains("履歴 1 件"), "{said}");
    let c = &export(&db)["clients"][0];
    assert_eq!(c["certificate_no"], "2222");
    assert_eq!(c["certificate_from"], "2027-04-01");
    assert_eq!(c["certificate_expires"], "2028-03-31");
    assert_eq!(
        c["certificate_history"],
        serde_json::json!([{"number": "1111", "from": "2026-04-01", "to": "2027-03-31"}])
    );
    // The renewal step is the current certificate's.
    let rows: Vec<Value> = serde_json::from_str(&BIN.ok(
        &db,
        &[
            "due", "--client", "C001", "--format", "json", "--within", "600",
        ],
    ))
    .expect("json");
    let step = rows
        .iter()
        .find(|r| r["obligation"] == "cert.renewal")
        .expect("the renewal step");
    assert_eq!(step["due"], "2028-03-31");
    // An end before the start is named by its option.
    let e = BIN.refused(
        &db,
        &[
            "client",
            "certificate",
            "--client",
            "C001",
            "--from",
            "2028-04-01",
        ],
    );
    assert!(e.contains("--to") && e.contains("より前"), "{e}");
    let check = BIN.ok(&db, &["check"]);
    assert!(!check.contains('‼'), "{check}");
}

#[test]
fn an_old_file_without_the_history_still_imports_and_a_new_one_round_trips() {
    let (dir, db) = BIN.example_office(|doc| {
        doc["clients"][0]["certificate_history"] =
            serde_json::json!([{"number": "0999", "from": "2025-04-01", "to": "2026-03-31",
                                "municipality": "千代田区"}]);
        doc["clients"][0]["certificate_from"] = serde_json::json!("2026-04-01");
    });
    let first = BIN.ok(&db, &["export"]);
    let again = dir.path().join("again.db");
    let file = dir.path().join("first.json");
    std::fs::write(&file, &first).expect("write");
    BIN.ok(&again, &["import", file.to_str().expect("utf8")]);
    assert_eq!(BIN.ok(&again, &["export"]), first);
    assert!(
        first.contains("\"certificate_history\"") && first.contains("千代田区"),
        "{first}"
    );
}
