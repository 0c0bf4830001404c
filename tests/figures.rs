//! `teichaku figures` through the built binary: its JSON keys (a public
//! contract), the table and the CSV, exit codes, the fiscal year, the
//! audit of a listing that leaves the screen, and the refusal of a 支援員.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use binary::{Bin, me};

const TODAY: &str = "2026-11-23";
const BIN: Bin = Bin { today: TODAY };

fn run(db: &Path, args: &[&str]) -> Output {
    BIN.run(db, args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    BIN.ok(db, args)
}

/// A demo office of 60 clients; the caller owns the file (管理者).
fn office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    ok(&db, &["demo", "--clients", "60"]);
    (dir, db)
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort();
    k
}

#[test]
fn json_has_every_figure_under_stable_keys() {
    let (_dir, db) = office();
    let v: Value = serde_json::from_str(&ok(&db, &["figures", "--format", "json"])).expect("json");
    assert_eq!(
        keys(&v),
        [
            "billing",
            "conference_addition",
            "deduction_risks",
            "fiscal_year",
            "from",
            "retention_rate",
            "staffing",
            "to",
            "today"
        ]
    );
    // The year of --today: 2026-11-23 is in 2026年度.
    assert_eq!(v["fiscal_year"], 2026);
    assert_eq!(
        (v["from"].as_str(), v["to"].as_str()),
        (Some("2026-04-01"), Some("2027-03-31"))
    );
    let r = &v["retention_rate"];
    assert_eq!(
        keys(r),
        [
            "as_of",
            "clause",
            "clients",
            "denominator",
            "numerator",
            "rate_permille",
            "window_from",
            "window_to"
        ]
    );
    let clients = r["clients"].as_array().expect("clients");
    assert_eq!(clients.len() as u64, r["denominator"].as_u64().expect("n"));
    let employed = clients.iter().filter(|c| c["employed"] == true).count();
    assert_eq!(employed as u64, r["numerator"].as_u64().expect("n"));
    assert_eq!(
        keys(&clients[0]),
        [
            "employed",
            "external_id",
            "name",
            "note",
            "separation",
            "start"
        ]
    );
    let s = &v["staffing"];
    for k in [
        "rule",
        "users",
        "required_fte",
        "fte",
        "short",
        "staff",
        "count",
    ] {
        assert!(s.get(k).is_some(), "staffing.{k}");
    }
    // The demo's six 支援員 at 1.0 each; its サービス管理責任者 is not counted.
    assert_eq!(s["fte"], 6.0);
    assert_eq!(s["rule"], "previous_year");
    let d = &v["deduction_risks"];
    assert_eq!(
        keys(d),
        ["clause", "clients", "guideline_set", "responsible_set"]
    );
    // The demo office has set its handover guideline; without it, ア is at risk.
    assert_eq!(d["guideline_set"], true);
    ok(&db, &["settings", "handover_guideline", ""]);
    let unset: Value =
        serde_json::from_str(&ok(&db, &["figures", "--format", "json"])).expect("json");
    assert_eq!(unset["deduction_risks"]["guideline_set"], false);
    let b = &v["billing"];
    assert_eq!(keys(b), ["clause", "months", "summary"]);
    // April to November.
    assert_eq!(b["summary"].as_array().expect("summary").len(), 8);
    let m = &b["months"][0];
    assert_eq!(
        keys(m),
        [
            "external_id",
            "face_to_face",
            "month",
            "name",
            "readiness",
            "reasons",
            "report"
        ]
    );
    assert_eq!(keys(&v["conference_addition"]), ["clause", "months"]);

    // Another year by its number or its 和暦.
    let last: Value = serde_json::from_str(&ok(
        &db,
        &["figures", "--fiscal-year", "R7", "--format", "json"],
    ))
    .expect("json");
    assert_eq!(last["fiscal_year"], 2025);
    assert_eq!(last["billing"]["summary"].as_array().expect("a").len(), 12);
}

#[test]
fn the_table_and_the_csv_show_the_same_figures() {
    let (_dir, db) = office();
    let table = ok(&db, &["figures"]);
    for heading in [
        "■ 就労定着率（000 §2(1)）",
        "■ 利用者数と人員（000 §1(3), §3(1)）",
        "■ 支援体制構築未実施減算のおそれ（000 §2(4)）",
        "■ 地域連携会議実施加算（000 §2(3)）",
        "■ 請求前の確認（000 §1(4)②, §2(2)）",
    ] {
        assert!(table.contains(heading), "{heading}\n{table}");
    }
    // The demo's 支援員 without the 基礎的研修, in the transition.
    assert!(table.contains("高橋 由美"), "{table}");
    let csv = ok(&db, &["figures", "--format", "csv"]);
    assert!(csv.starts_with("\u{feff}section,item,external_id,name,month,date,value,detail\r\n"));
    let v: Value = serde_json::from_str(&ok(&db, &["figures", "--format", "json"])).expect("json");
    let rows = |section: &str, item: &str| {
        csv.lines()
            .filter(|l| l.starts_with(&format!("{section},{item},")))
            .count()
    };
    assert_eq!(
        rows("retention_rate", "client"),
        v["retention_rate"]["clients"].as_array().expect("a").len()
    );
    assert_eq!(
        rows("billing", "month"),
        v["billing"]["months"].as_array().expect("a").len()
    );
}

#[test]
fn a_case_worker_is_refused_and_a_coordinator_may_see_them() {
    let (_dir, db) = office();
    let login = me();
    // Another 管理者 first: the last one cannot be demoted.
    ok(
        &db,
        &["staff", "add", "boss", "--name", "所長", "--role", "管理者"],
    );
    ok(
        &db,
        &[
            "staff",
            "add",
            &login,
            "--name",
            "自分",
            "--role",
            "サービス管理責任者",
        ],
    );
    assert!(ok(&db, &["figures"]).contains("事業所の実績"));

    let (_dir2, db2) = office();
    ok(
        &db2,
        &["staff", "add", "boss", "--name", "所長", "--role", "管理者"],
    );
    ok(
        &db2,
        &["staff", "add", &login, "--name", "自分", "--role", "支援員"],
    );
    for format in ["table", "json", "csv"] {
        let o = run(&db2, &["figures", "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}");
        assert!(o.stdout.is_empty(), "{format}: nothing is listed");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("サービス管理責任者・管理者") && err.contains("就労定着支援員"),
            "{err}"
        );
    }
}

#[test]
fn a_listing_that_leaves_the_screen_is_audited_and_a_bad_year_is_named() {
    let (_dir, db) = office();
    ok(&db, &["figures", "--format", "csv"]);
    let audit = ok(&db, &["audit", "--limit", "3"]);
    assert!(audit.contains("事業所の実績 2026年度"), "{audit}");
    for bad in ["26", "2026-04", "来年"] {
        let o = run(&db, &["figures", "--fiscal-year", bad]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--fiscal-year: "), "{err}");
    }
    // A calendar is `due`'s: figures has no ics.
    let o = run(&db, &["figures", "--format", "ics"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--format"));
    // A missing database is never made.
    let o = run(&db.with_file_name("none.db"), &["figures"]);
    assert_eq!(o.status.code(), Some(1));
}
