//! `contact add` without `--place` takes the place that goes with the
//! counterpart and method, as the form does: a call from the office, a
//! meeting with the employer at the workplace — so an employer phone call
//! never prints 雇用事業主内 in the report's 支援実績.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use binary::Bin;

const BIN: Bin = Bin {
    today: "2026-11-23",
};

#[test]
fn an_unnamed_place_follows_the_counterpart_and_method() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    BIN.ok(&db, &["demo", "--clients", "5"]);
    let client = "D00001";
    for (extra, place) in [
        (
            &["--counterpart", "employer", "--method", "phone"][..],
            "office",
        ),
        (&["--counterpart", "employer"][..], "employer"),
        (&["--method", "email"][..], "office"),
        (&[][..], "office"),
        (
            &["--counterpart", "employer", "--place", "other"][..],
            "other",
        ),
    ] {
        let summary = format!("場所の確認 {extra:?}");
        let mut args = vec!["contact", "add", "--client", client, "--summary", &summary];
        args.extend_from_slice(extra);
        BIN.ok(&db, &args);
        let doc: serde_json::Value =
            serde_json::from_str(&BIN.ok(&db, &["export", "--client", client])).expect("json");
        let contact = doc["clients"][0]["contacts"]
            .as_array()
            .expect("contacts")
            .iter()
            .find(|c| c["summary"] == summary.as_str())
            .unwrap_or_else(|| panic!("{summary} saved"));
        assert_eq!(contact["place"], place, "{extra:?}");
    }
}
