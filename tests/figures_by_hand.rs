//! `teichaku figures` on an office counted by hand. Every expected number
//! below is worked out in the comment above it from the notice's
//! definitions (docs/BASIS.md §4.4, §6, §8), not read from the program.
//!
//! The office, FY2026 (2026-04-01〜2027-03-31), looked at on 2027-03-15
//! with the clock on 2027-03-20 (so records of the 16th〜20th exist but
//! are after the day looked at):
//!
//! - A: 就労定着支援 from 2026-10-01. Face-to-face support and a report
//!   given in each of Oct〜Feb; March's both on 03-16. A 職場適応援助者
//!   助成金 was applied for November (recorded with `client subsidy`).
//! - B: from 2026-04-01, every month's evidence Apr〜Mar; but the 受給者証
//!   ran out on 2026-12-31.
//! - C: 要継続支援, from 2024-01-01, so E = 2026-12-31 and the share is due
//!   by 2026-09-30. Agency-sharing consent 2024-01-10, withdrawn
//!   2026-05-01; the share of 2026-06-01 was made after the withdrawal.
//!   No monthly evidence recorded.
//! - D: from 2026-06-01, no monthly evidence. Consent 2026-10-01,
//!   withdrawn 2026-11-01, given again 2026-12-01; case conferences with
//!   a doctor on 11-10 (after the withdrawal) and 12-10, the サービス管理
//!   責任者 informed of both (加算 II).
//! - E: a first job in 就労定着支援 from 2026-06-01, left 2026-09-30, with
//!   Jun, Jul and Sep evidenced and August's face-to-face missed; a new
//!   job from 2026-12-01 (no 就労定着支援 yet).
//! - F: from 2025-06-01, left on 2026-03-31 (the last day of FY2025).
//!
//! Staff: a 支援員 with the 基礎的研修 (1.0), a 支援員 without it (0.5, full
//! time from 2027-01-01), a サービス管理責任者 (1.0), and a trained 支援員
//! (1.0) in post from 2025-04-01 to 2026-12-31.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

const TODAY: &str = "2027-03-15";
const CLOCK: &str = "2027-03-20";

fn run(db: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .env_remove("TEICHAKU_DB")
        .env_remove("TEICHAKU_TODAY")
        .env("TEICHAKU_CLOCK", CLOCK)
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .args(["--today", today])
        .args(args)
        .output()
        .expect("run teichaku")
}

fn ok(db: &Path, today: &str, args: &[&str]) -> String {
    let o = run(db, today, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn job(start: &str, s: &str, sep: Option<&str>) -> Value {
    json!({"employer": {"name": "JS工業"}, "support_type": "standard",
           "start_date": start, "intent": "applied", "retention_start_date": s,
           "separation_date": sep})
}

fn face(date: &str) -> Value {
    json!({"date": date, "counterpart": "client", "method": "in_person", "place": "office",
           "summary": "面談"})
}

fn report(month: &str, presented: &str) -> Value {
    json!({"month": month, "created": presented, "presented": presented})
}

/// A face-to-face contact and a report given on the 20th of each month.
fn evidenced(months: &[&str]) -> (Vec<Value>, Vec<Value>) {
    let day = |m: &str| format!("{m}-20");
    (
        months.iter().map(|m| face(&day(m))).collect(),
        months.iter().map(|m| report(m, &day(m))).collect(),
    )
}

fn client(id: &str, jobs: Vec<Value>, rest: Value) -> Value {
    let mut c = json!({"external_id": id, "name": format!("利用者 {id}"),
                       "kana": format!("りようしゃ {id}"), "assigned_staff": "sato",
                       "employments": jobs});
    for (k, v) in rest.as_object().expect("object") {
        c[k] = v.clone();
    }
    c
}

fn office() -> (tempfile::TempDir, PathBuf) {
    let (a_faces, a_reports) = evidenced(&["2026-10", "2026-11", "2026-12", "2027-01", "2027-02"]);
    let mut a_faces = a_faces;
    let mut a_reports = a_reports;
    a_faces.push(face("2027-03-16"));
    a_reports.push(report("2027-03", "2027-03-16"));
    let b_months: Vec<String> = (4..=12)
        .map(|m| format!("2026-{m:02}"))
        .chain((1..=3).map(|m| format!("2027-{m:02}")))
        .collect();
    let b_refs: Vec<&str> = b_months.iter().map(String::as_str).collect();
    // March's evidence on the 10th, before the day looked at.
    let (mut b_faces, mut b_reports) = evidenced(&b_refs[..11]);
    b_faces.push(face("2027-03-10"));
    b_reports.push(report("2027-03", "2027-03-10"));
    let (e_faces, mut e_reports) = evidenced(&["2026-06", "2026-07", "2026-09"]);
    e_reports.push(report("2026-08", "2026-08-20"));
    let conference =
        |date: &str| json!({"date": date, "agencies": ["medical"], "manager_informed": true});
    let clients = json!({"clients": [
        client("A", vec![job("2026-04-01", "2026-10-01", None)],
               json!({"contacts": a_faces, "reports": a_reports})),
        client("B", vec![job("2025-10-01", "2026-04-01", None)],
               json!({"contacts": b_faces, "reports": b_reports,
                      "certificate_expires": "2026-12-31"})),
        client("C", vec![job("2023-07-01", "2024-01-01", None)],
               json!({"needs_continuing_support": true,
                      "consents": [{"scope": "agency_sharing", "date": "2024-01-10",
                                    "written": true, "withdrawn": "2026-05-01"}],
                      "handovers": [{"date": "2026-06-01", "agency": "就業・生活支援センター",
                                     "shared": "支援計画と課題"}]})),
        client("D", vec![job("2025-12-01", "2026-06-01", None)],
               json!({"consents": [
                          {"scope": "agency_sharing", "date": "2026-10-01", "written": true,
                           "withdrawn": "2026-11-01"},
                          {"scope": "agency_sharing", "date": "2026-12-01", "written": true}],
                      "conferences": [conference("2026-11-10"), conference("2026-12-10")]})),
        client("E", vec![job("2025-12-01", "2026-06-01", Some("2026-09-30")),
                         job("2026-12-01", "2027-06-01", None)],
               json!({"contacts": e_faces, "reports": e_reports})),
        client("F", vec![job("2024-12-01", "2025-06-01", Some("2026-03-31"))], json!({})),
    ]});
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let file = dir.path().join("office.json");
    std::fs::write(&file, clients.to_string()).expect("write");
    ok(&db, TODAY, &["init"]);
    for args in [
        vec![
            "staff",
            "add",
            "sato",
            "--name",
            "佐藤 一郎",
            "--role",
            "支援員",
            "--basic-training",
            "2025-06-01",
            "--fte",
            "1.0",
        ],
        vec![
            "staff",
            "add",
            "ito",
            "--name",
            "伊藤 彩",
            "--role",
            "支援員",
            "--fte",
            "0.5",
        ],
        vec![
            "staff",
            "add",
            "naka",
            "--name",
            "中村 恵",
            "--role",
            "サービス管理責任者",
            "--fte",
            "1.0",
        ],
        vec![
            "staff",
            "add",
            "kato",
            "--name",
            "加藤 学",
            "--role",
            "支援員",
            "--basic-training",
            "2025-05-01",
            "--fte",
            "1.0",
            "--joined",
            "2025-04-01",
            "--left",
            "2026-12-31",
        ],
        vec!["settings", "handover_guideline", "情報共有の指針あり"],
        vec!["settings", "handover_responsible", "所長"],
    ] {
        ok(&db, TODAY, &args);
    }
    ok(&db, TODAY, &["import", file.to_str().expect("utf8")]);
    let said = ok(
        &db,
        TODAY,
        &["client", "subsidy", "--client", "A", "--month", "2026-11"],
    );
    assert!(said.contains("2026-11"), "{said}");
    ok(
        &db,
        TODAY,
        &[
            "staff",
            "set",
            "ito",
            "--fte",
            "1.0",
            "--fte-from",
            "2027-01-01",
        ],
    );
    (dir, db)
}

fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(&format!("■ {heading}")))
        .skip(1)
        .take_while(|l| !l.starts_with('■'))
        .collect()
}

#[test]
fn the_figures_of_an_office_counted_by_hand() {
    let (_dir, db) = office();
    let text = ok(&db, TODAY, &["figures", "--fiscal-year", "2026"]);

    // 就労定着率: S in 2023-04-01〜2026-03-31 — C (2024-01-01) and F
    // (2025-06-01). C is still employed at the end of 2026-03-31; F left on
    // that very day, which does not count as continuing: 1 / 2 = 50.0%.
    let rate = section(&text, "就労定着率");
    assert!(
        rate.contains(&"   1 / 2 人 = 50.0%（小数点第2位以下切り捨て）"),
        "{rate:#?}"
    );

    // Users: FY2025's client-months. C: all 12 (S 2024-01-01 … E
    // 2026-12-31). F: Jun 2025〜Mar 2026, 10. A, B, D, E began later.
    // 22 ÷ 12 = 1.833… → 1.84; 22 ÷ 480 = 0.0458… → 0.05 needed.
    // 支援員 in post on 2027-03-15, within the transition: 佐藤 1.00 +
    // 伊藤 1.00 (full time since 2027-01-01) = 2.00 (加藤 left on
    // 2026-12-31 and is not listed).
    let staff = section(&text, "利用者数と人員");
    assert!(!staff.iter().any(|l| l.contains("加藤 学")), "{staff:#?}");
    for line in [
        "     令和7年4月〜令和8年3月 の延べ 22 人月 ÷ 12 = 1.84 人",
        "   必要な就労定着支援員（常勤換算）: 1.84 ÷ 40 = 0.05 人",
        "   配置（支援員の常勤換算の合計）: 2.00 人 — 基準を満たしています",
    ] {
        assert!(staff.contains(&line), "{line}\n{staff:#?}");
    }

    // 減算 イ: C's share was due by 2026-09-30; the only share was made
    // after the consent was withdrawn, so none counts, and the day has
    // passed: at risk.
    let deduction = section(&text, "支援体制構築未実施減算のおそれ");
    assert!(
        deduction.contains(&"   イ・ウ 要継続支援の利用者（共有の期限 E − 3月 が年度内）: 1 人"),
        "{deduction:#?}"
    );
    assert!(
        !deduction
            .iter()
            .any(|l| l.contains("今のところ減算のおそれはありません")),
        "{deduction:#?}"
    );

    // 加算: D's November conference came after the withdrawal (not
    // counted); December's under the new consent is (II).
    let addition = section(&text, "地域連携会議実施加算");
    assert!(
        addition.contains(&"   利用者・月ごと: (I) 0 件  (II) 1 件  対象外 1 件"),
        "{addition:#?}"
    );

    // Billing, month by month (clients / billable / not / pending):
    // Apr, May: B ✓, C ✗ (no evidence).               2 1 1 0
    // Jun, Jul, Sep: B ✓, C ✗, D ✗, E's first job ✓.   4 2 2 0
    // Aug: B ✓, C ✗, D ✗, E ✗ (face-to-face missed).   4 1 3 0
    // Oct, Dec: A ✓, B ✓, C ✗ (E = 12-31), D ✗.         4 2 2 0
    // Nov: as Oct, but A's month had the 助成金: ✗.        4 1 3 0
    // Jan, Feb: A ✓, B ✗ (受給者証 ran out 12-31), D ✗. 3 1 2 0
    // Mar: A's evidence is of the 16th, after the day: still to come; B ✗
    //      (the certificate, evidence or not); D: still to come.  3 0 1 2
    let billing = section(&text, "請求前の確認");
    let expected = [
        ("R8.4", 2, 1, 1, 0),
        ("R8.5", 2, 1, 1, 0),
        ("R8.6", 4, 2, 2, 0),
        ("R8.7", 4, 2, 2, 0),
        ("R8.8", 4, 1, 3, 0),
        ("R8.9", 4, 2, 2, 0),
        ("R8.10", 4, 2, 2, 0),
        ("R8.11", 4, 1, 3, 0),
        ("R8.12", 4, 2, 2, 0),
        ("R9.1", 3, 1, 2, 0),
        ("R9.2", 3, 1, 2, 0),
        ("R9.3", 3, 0, 1, 2),
    ];
    for (month, clients, billable, not, pending) in expected {
        let line = format!("{month:<7} {clients:>6} {billable:>6} {not:>8} {pending:>8}");
        assert!(
            billing
                .iter()
                .any(|l| l.trim_start_matches(['!', ' ']) == line),
            "{line}\n{billing:#?}"
        );
    }
    // Not billable: the column's sum, 1+1+2+2+3+2+2+3+2+2+2+1 = 23.
    let not_billable: usize = expected.iter().map(|e| e.3).sum();
    assert!(
        billing.contains(&format!("   算定不可の利用者・月: {not_billable} 件").as_str()),
        "{billing:#?}"
    );
    for (who, month, why) in [
        ("B", "R9.1", "受給者証の期限切れ（令和8年12月31日）"),
        ("B", "R9.3", "受給者証の期限切れ（令和8年12月31日）"),
        ("E", "R8.8", "対面支援の記録なし"),
        ("A", "R8.11", "職場適応援助者助成金の月（000 §4(1)①）"),
    ] {
        assert!(
            billing.iter().any(|l| l.contains(&format!("{month:<7}"))
                && l.contains(&format!("利用者 {who}"))
                && l.ends_with(why)),
            "{who} {month}: {why}\n{billing:#?}"
        );
    }

    // FY2025, a past year, is judged on its last day (2026-03-31) with the
    // staff in post then, as they were: 佐藤 1.00 + 伊藤 0.50 + 加藤 1.00 =
    // 2.50.
    let past = ok(&db, TODAY, &["figures", "--fiscal-year", "2025"]);
    let staff = section(&past, "利用者数と人員");
    assert!(
        staff
            .iter()
            .any(|l| l.starts_with("   配置（支援員の常勤換算の合計）: 2.50 人")),
        "{staff:#?}"
    );

    // On the last day of March, A's evidence of the 16th counts.
    let later = ok(&db, "2027-03-31", &["figures", "--fiscal-year", "2026"]);
    let billing = section(&later, "請求前の確認");
    assert!(
        billing
            .iter()
            .any(|l| l.trim_start_matches(['!', ' ']) == "R9.3         3      1        1        1"),
        "{billing:#?}"
    );
}

#[test]
fn from_april_2028_the_untrained_worker_leaves_the_count() {
    let (_dir, db) = office();
    // Within the transition both 支援員 count: 2.00 (above). From
    // 2028-04-01 伊藤 (no 基礎的研修) is not a 就労定着支援員: 1.00.
    let text = ok(&db, "2028-04-01", &["figures"]);
    let staff = section(&text, "利用者数と人員");
    assert!(
        staff
            .iter()
            .any(|l| l.starts_with("   配置（支援員の常勤換算の合計）: 1.00 人")),
        "{staff:#?}"
    );
    assert!(
        staff
            .iter()
            .any(|l| l.contains("伊藤 彩") && l.contains("配置に数えない")),
        "{staff:#?}"
    );
    assert!(
        staff
            .iter()
            .any(|l| l.contains("中村 恵") && !l.contains("研修")),
        "the サービス管理責任者 is not asked for the training: {staff:#?}"
    );
}
