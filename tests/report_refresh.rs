//! A 支援レポート made before the month's contacts were entered takes them
//! in later (`report set --refresh-records`): each added row is named, a
//! row a person wrote stays, a contact already there is not added twice,
//! and what the form's six rows cannot hold is said, never dropped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::Path;

use binary::Bin;

const TODAY: &str = "2026-11-30";

fn bin() -> Bin {
    Bin { today: TODAY }
}

fn contact(db: &Path, date: &str, method: &str, place: &str) {
    bin().ok(
        db,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--date",
            date,
            "--method",
            method,
            "--place",
            place,
            "--summary",
            "面談",
        ],
    );
}

fn refresh(db: &Path) -> std::process::Output {
    let o = bin().run(
        db,
        &[
            "report",
            "set",
            "--client",
            "C001",
            "--month",
            "2026-11",
            "--refresh-records",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// The saved November report's 支援実績 rows, as (月日, 場所, 方法).
fn rows(db: &Path) -> Vec<(String, String, String)> {
    let store = teichaku::store::Store::open_as(db, "tester").expect("open");
    let id = store.client_id("C001").expect("id").expect("C001");
    let c = store.load_client(id).expect("load");
    let r = c
        .reports
        .iter()
        .find(|r| r.month.to_string() == "2026-11")
        .expect("the November report");
    let get = |k: String| r.fields.get(&k).cloned().unwrap_or_default();
    (1..=6)
        .map(|n| {
            (
                get(format!("record_{n}_date")),
                get(format!("record_{n}_place")),
                get(format!("record_{n}_method")),
            )
        })
        .collect()
}

#[test]
fn a_report_made_early_takes_in_the_months_contacts_later() {
    let (_dir, db) = bin().example_office(|_| {});
    // Made before any November contact, with a row the worker wrote.
    bin().ok(
        &db,
        &[
            "report",
            "set",
            "--client",
            "C001",
            "--month",
            "2026-11",
            "--field",
            "goal_1=睡眠を8時間とる",
            "--field",
            "record_1_date=11月1日",
            "--field",
            "record_1_place=その他（家庭訪問）",
            "--field",
            "record_1_method=面接",
        ],
    );
    contact(&db, "2026-11-12", "video", "other");
    contact(&db, "2026-11-05", "in_person", "employer");

    let out = String::from_utf8_lossy(&refresh(&db).stdout).into_owned();
    assert!(
        out.contains("支援実績に追加: 11月5日 雇用事業主内・面接"),
        "{out}"
    );
    assert!(
        out.contains("支援実績に追加: 11月12日 その他・テレビ電話"),
        "{out}"
    );
    let r = rows(&db);
    assert_eq!(r[0].1, "その他（家庭訪問）", "the worker's row stays first");
    assert_eq!((r[1].0.as_str(), r[2].0.as_str()), ("11月5日", "11月12日"));

    // Again: nothing twice.
    let out = String::from_utf8_lossy(&refresh(&db).stdout).into_owned();
    assert!(
        out.contains("支援実績に追加する記録はありません")
            && out.contains("2件はすべて載っています"),
        "{out}"
    );
    assert_eq!(rows(&db), r);

    // Five more: three rows are left, two contacts are named as not fitting.
    for day in ["13", "16", "18", "20", "24"] {
        contact(&db, &format!("2026-11-{day}"), "phone", "other");
    }
    let o = refresh(&db);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    );
    assert_eq!(out.matches("支援実績に追加").count(), 3, "{out}");
    assert!(
        err.contains("6行まで") && err.contains("11月20日") && err.contains("11月24日"),
        "{err}"
    );
    assert!(!err.contains("11月18日"), "{err}");
    let r = rows(&db);
    assert_eq!(r[0].0, "11月1日");
    assert_eq!(r[5].0, "11月18日");

    // Each change is audited as an edit of the report, with its rows.
    let store = teichaku::store::Store::open_as(&db, "tester").expect("open");
    let audit = store.audit_log(50).expect("audit");
    let edits: Vec<_> = audit
        .iter()
        .filter(|a| {
            a.table == "reports" && a.detail.as_deref().unwrap_or("").contains("record_4_date")
        })
        .collect();
    assert!(!edits.is_empty(), "{audit:?}");
}

#[test]
fn a_new_report_says_which_contacts_its_rows_could_not_hold() {
    let (_dir, db) = bin().example_office(|_| {});
    for day in 2..=9 {
        contact(&db, &format!("2026-11-{day:02}"), "phone", "other");
    }
    let o = bin().run(
        &db,
        &["report", "set", "--client", "C001", "--month", "2026-11"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("11月8日") && err.contains("11月9日"), "{err}");
    assert_eq!(rows(&db)[5].0, "11月7日");
}
