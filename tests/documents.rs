//! 支援レポート and 計画書 through the real binary: contacts → prefilled
//! report → 提示日 → `due` shows it done; exports read back.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::{Path, PathBuf};
use std::process::Output;

use binary::{Bin, xlsx_text};
use teichaku::operation::{self, Operation};

const TODAY: &str = "2026-11-30";

fn run(db: &Path, dir: &Path, args: &[&str]) -> Output {
    Bin { today: TODAY }.run_in(dir, db, args)
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    Bin { today: TODAY }.example_office(|doc| {
        doc["clients"][0]["plans"][0]["fields"] = serde_json::json!({
            "client_name": "山田 太郎", "long_goal": "安定して働き続ける", "item_1": "月1回の職場訪問"
        });
    })
}

#[test]
fn october_contacts_prefill_the_report_and_presenting_it_completes_the_month() {
    let (dir, db) = setup();
    let d = dir.path();
    ok(run(
        &db,
        d,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--date",
            "2026-11-05",
            "--method",
            "in_person",
            "--place",
            "employer",
            "--summary",
            "職場訪問",
        ],
    ));
    ok(run(
        &db,
        d,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--date",
            "2026-11-12",
            "--method",
            "video",
            "--place",
            "other",
            "--summary",
            "面談",
        ],
    ));
    ok(run(
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
            "--field",
            "done_1=体調チェック表を確認",
            "--presented",
            "today",
        ],
    ));

    let out = ok(run(
        &db,
        d,
        &["due", "--all", "--from", "2026-11-01", "--format", "json"],
    ));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let nov = rows
        .iter()
        .find(|r| r["obligation"] == "ret.monthly_report" && r["period"] == "2026-11")
        .expect("November report item");
    assert_eq!(nov["status"], "done");

    ok(run(
        &db,
        d,
        &[
            "export", "report", "--client", "C001", "--month", "2026-11", "--format", "xlsx", "-o",
            "r.xlsx",
        ],
    ));
    ok(run(
        &db,
        d,
        &[
            "export", "report", "--client", "C001", "--month", "2026-11", "--format", "html", "-o",
            "r.html",
        ],
    ));
    let html = std::fs::read_to_string(d.join("r.html")).expect("html");
    let xlsx = xlsx_text(&d.join("r.xlsx"));
    for v in [
        "睡眠を8時間とる",
        "体調チェック表を確認",
        "11月5日",
        "11月12日",
        "雇用事業主内",
        "テレビ電話",
        "JS工業株式会社",
        "山田 太郎",
        "令和8年11月30日",
        "令和8年4月15日",
        "課長",
    ] {
        assert!(html.contains(v), "html lacks {v}");
        assert!(xlsx.contains(v), "xlsx lacks {v}");
    }
    assert!(html.contains("@page{size:A4"));
    assert!(!html.contains("http"), "no outside assets");
    assert!(
        xlsx.contains("fitToPage") || xlsx.contains("fitToHeight"),
        "fits one page"
    );
}

#[test]
fn bad_report_input_is_refused_and_nothing_is_written() {
    let (dir, db) = setup();
    let d = dir.path();
    let o = run(
        &db,
        d,
        &["report", "set", "--client", "C001", "--month", "2026-08"],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("期間"));
    let o = run(
        &db,
        d,
        &[
            "report",
            "set",
            "--client",
            "C001",
            "--month",
            "2026-11",
            "--presented",
            "2026-11-01",
        ],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("作成日"));
    let long = format!("goal_1={}", "あ".repeat(300));
    let o = run(
        &db,
        d,
        &[
            "report", "set", "--client", "C001", "--month", "2026-11", "--field", &long,
        ],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("200字までです（いま300字）"));
    // Every problem of one command at once, not one per try.
    let o = run(
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
            "goal_1",
            "--field",
            &long,
            "--presented",
            "2026-11-01",
        ],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    for part in ["項目=値", "200字までです（いま300字）", "作成日"] {
        assert!(err.contains(part), "{part} in:\n{err}");
    }
    let o = run(
        &db,
        d,
        &[
            "export", "report", "--client", "C001", "--month", "2026-11", "--format", "html",
        ],
    );
    assert!(!o.status.success(), "no November report was saved");
}

#[test]
fn employer_export_needs_consent_and_every_export_is_audited() {
    let (dir, db) = setup();
    let d = dir.path();
    let args = [
        "export",
        "report",
        "--client",
        "C001",
        "--month",
        "2026-10",
        "--format",
        "html",
        "--for-employer",
        "-o",
        "e.html",
    ];
    let o = run(&db, d, &args);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("同意"));
    assert!(!d.join("e.html").exists());

    let store = teichaku::store::Store::open_as(&db, "tester").expect("open");
    let cid = store.client_id("C001").expect("id").expect("C001");
    let consent: teichaku::model::Consent = serde_json::from_value(serde_json::json!(
        {"scope": "employer_report_sharing", "date": "2026-10-01", "written": true}))
    .expect("consent");
    operation::apply(
        &store,
        &Operation::AddConsent {
            client_id: cid,
            consent: Box::new(consent.clone()),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("add consent");
    ok(run(&db, d, &args));
    ok(run(
        &db,
        d,
        &[
            "export", "plan", "--client", "C001", "--format", "xlsx", "-o", "p.xlsx",
        ],
    ));
    ok(run(
        &db,
        d,
        &[
            "export", "plan", "--client", "C001", "--format", "html", "-o", "p.html",
        ],
    ));
    let plan = xlsx_text(&d.join("p.xlsx"));
    let plan_html = std::fs::read_to_string(d.join("p.html")).expect("plan html");
    for v in [
        "安定して働き続ける",
        "月1回の職場訪問",
        "山田 太郎",
        "令和8年10月15日",
        "令和8年11月20日",
        // Not in the plan's fields: from the client and the employment.
        "やまだ たろう",
        "平成2年5月1日（36歳）",
        "JS工業株式会社",
    ] {
        assert!(plan.contains(v), "plan xlsx lacks {v}");
        assert!(plan_html.contains(v), "plan html lacks {v}");
    }
    let audit = store.audit_log(50).expect("audit");
    let exports: Vec<_> = audit
        .iter()
        .filter(|a| format!("{:?}", a.action).contains("Export"))
        .collect();
    assert!(exports.len() >= 2, "{audit:?}");
}

/// The office's name and the assigned staff member (tanaka) by name.
fn name_the_office(db: &Path) -> teichaku::store::Store {
    let store = teichaku::store::Store::open_as(db, "tester").expect("open");
    let office = teichaku::store::Office {
        name: "P.E 定着支援事業所".into(),
        ..store.office().expect("office")
    };
    operation::apply(
        &store,
        &Operation::Office {
            office: Some(Box::new(office.clone())),
            settings: None,
            caseload_only: None,
            export_group: None,
        },
    )
    .expect("set office");
    let staff: teichaku::model::Staff = serde_json::from_value(serde_json::json!(
        {"login": "tanaka", "display_name": "田中 一郎", "role": "case_worker"}))
    .expect("staff");
    operation::apply(&store, &Operation::AddStaff(staff.clone())).expect("staff");
    store
}

#[test]
fn an_imported_report_with_only_its_dates_carries_the_names_of_record() {
    let (dir, db) = setup();
    let d = dir.path();
    let store = name_the_office(&db);
    // The fixture's October report came in with month, created and presented only.
    for (format, file) in [("html", "r.html"), ("xlsx", "r.xlsx")] {
        ok(run(
            &db,
            d,
            &[
                "export", "report", "--client", "C001", "--month", "2026-10", "--format", format,
                "-o", file,
            ],
        ));
    }
    let html = std::fs::read_to_string(d.join("r.html")).expect("html");
    let xlsx = xlsx_text(&d.join("r.xlsx"));
    for v in [
        "山田 太郎",
        "JS工業株式会社",
        "課長",
        "令和8年4月15日",
        "P.E 定着支援事業所",
        "田中 一郎",
    ] {
        assert!(html.contains(v), "html lacks {v}");
        assert!(xlsx.contains(v), "xlsx lacks {v}");
    }

    // Presenting it again on another day is not refused for a missing 利用者名.
    ok(run(
        &db,
        d,
        &[
            "report",
            "set",
            "--client",
            "C001",
            "--month",
            "2026-10",
            "--presented",
            "2026-10-31",
        ],
    ));
    let id = store.client_id("C001").expect("id").expect("C001");
    let c = store.load_client(id).expect("load");
    let r = c
        .reports
        .iter()
        .find(|r| r.month.to_string() == "2026-10")
        .expect("October");
    assert_eq!(
        r.presented.map(|p| p.to_string()).as_deref(),
        Some("2026-10-31")
    );
    for (k, v) in [
        ("client_name", "山田 太郎"),
        ("employer", "JS工業株式会社"),
        ("employer_contact", "課長"),
        ("employment_start", "2026-04-15"),
        ("office_name", "P.E 定着支援事業所"),
        ("staff_name", "田中 一郎"),
    ] {
        assert_eq!(r.fields.get(k).map(String::as_str), Some(v), "{k}");
    }
}

#[test]
fn a_plans_second_version_is_exported_as_a_review() {
    let (dir, db) = setup();
    let d = dir.path();
    let store = teichaku::store::Store::open_as(&db, "tester").expect("open");
    let cid = store.client_id("C001").expect("id").expect("C001");
    let review: teichaku::model::Plan = serde_json::from_value(serde_json::json!(
        {"created": "2026-11-20", "fields": {"evaluated": "2026-11-20"}}))
    .expect("plan");
    operation::apply(
        &store,
        &Operation::AddPlan {
            client_id: cid,
            plan: Box::new(review.clone()),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("add plan");
    for (n, file) in [("1", "p1.html"), ("2", "p2.html")] {
        ok(run(
            &db,
            d,
            &[
                "export",
                "plan",
                "--client",
                "C001",
                "--version",
                n,
                "--format",
                "html",
                "-o",
                file,
            ],
        ));
    }
    let first = std::fs::read_to_string(d.join("p1.html")).expect("p1");
    let second = std::fs::read_to_string(d.join("p2.html")).expect("p2");
    assert!(first.contains("<h1>就労定着支援計画書</h1>"), "{first}");
    assert!(
        second.contains("<h1>就労定着支援計画書（見直し）</h1>"),
        "{second}"
    );
}
