//! The 支援レポート (別紙様式1) rendered as printed (LibreOffice and headless
//! Chromium to PDF): one A4 portrait page, each entered value on the line
//! of its label, long text whole in its own column, the employer's copy;
//! and both forms with every field at its longest (tests/printed_plan.rs
//! has the 計画書's own).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)] // a test's failure is its message; a skipped render says so

mod form_examples;
mod printed;

use form_examples::{
    REPORT_EXAMPLE, REPORT_SHARED, export_report, imported, longest, plan_with, report_example, run,
};
use printed::whole;
use printed::workbook::{at, read_xlsx, span};
use teichaku::operation::{self, Operation};

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

#[test]
fn the_reports_example_prints_cell_for_cell_on_one_page() {
    let (dir, _db) = report_example();
    let d = dir.path();
    let Some(p) = printed::render(&d.join("example.xlsx"), "report-example") else {
        return;
    };
    assert!(p.is_a4_portrait(), "page size {:?}", p.size);
    assert_eq!(p.pages, 1, "{}", p.text);
    // The top band, the 支援実績 rows with the chosen place and method
    // marked among the form's choices, and the foot.
    for (label, value) in [
        ("作成日", "令和8年11月30日"),
        ("雇用開始日", "令和8年4月15日"),
        ("利用者名", "山田 太郎"),
        ("雇用事業主（勤務先）", "JS工業株式会社"),
        ("ご担当者", "課長"),
        ("令和8年11月", "の支援実績"),
        (
            "11月2日",
            "場所：雇用事業主内・事業所内・【その他】（自宅）",
        ),
        (
            "【その他】（自宅）",
            "方法：面接・【電話】・メール・その他（",
        ),
        ("11月5日", "場所：【雇用事業主内】・事業所内・その他（"),
        ("【雇用事業主内】", "方法：【面接】・電話・メール・その他（"),
        ("支援実施内容", "支援結果"),
        ("今後の支援内容", "対象者・事業主・関係機関等の取組"),
        ("担当者", "tanaka"),
        ("対象者提示日", "令和8年11月30日"),
    ] {
        assert!(
            p.beside(label, value),
            "{value} not beside {label}:\n{}",
            p.text
        );
    }
    // The third row of the form left blank: its 月 日 and every option.
    assert!(
        p.text.lines().any(|l| l.trim_start().starts_with('月')
            && l.contains("場所：雇用事業主内・事業所内・その他（")),
        "{}",
        p.text
    );
    // Long text wraps inside its cell, whole, in its column: 支援実施内容
    // and 今後の支援内容 on the left half, 支援結果 and the 取組 on the right.
    let squeezed = p.squeezed();
    let (left, right) = (p.column(1, 0.0, 0.5), p.column(1, 0.5, 1.0));
    for (k, v) in REPORT_EXAMPLE.iter().skip(6) {
        let side = if k.starts_with("done") || k.starts_with("next") {
            &left
        } else if k.starts_with("result") || k.starts_with("effort") {
            &right
        } else {
            &squeezed
        };
        assert!(
            side.contains(&whole(v)),
            "{k} not whole in its column:\n{}",
            p.text
        );
    }
    assert!(squeezed.contains(&whole(REPORT_SHARED)), "{}", p.text);
    assert!(
        p.beside("（対象者）", "・体調チェック表") && p.beside("（事業主）", "・環境変化"),
        "{}",
        p.text
    );

    let Some(h) = printed::render(&d.join("example.html"), "report-example-html") else {
        return;
    };
    assert!(h.is_a4_portrait(), "page size {:?}", h.size);
    assert_eq!(h.pages, 1, "{}", h.text);
    assert!(h.beside("11月2日", "【その他】（自宅）"), "{}", h.text);
    let hs = h.squeezed();
    for (k, v) in REPORT_EXAMPLE.iter().skip(6) {
        if k.starts_with("goal") {
            assert!(
                hs.contains(&whole(v)),
                "{k} not whole in the HTML:\n{}",
                h.text
            );
        }
    }
}

#[test]
fn an_empty_report_prints_the_blank_form_on_one_page() {
    let (dir, db) = imported();
    let d = dir.path();
    run(
        &db,
        d,
        &["report", "set", "--client", "C001", "--month", "2026-12"],
    );
    export_report(&db, d, "2026-12", "empty");
    let Some(p) = printed::render(&d.join("empty.xlsx"), "report-empty") else {
        return;
    };
    assert!(p.is_a4_portrait(), "page size {:?}", p.size);
    assert_eq!(p.pages, 1, "{}", p.text);
    assert!(p.beside("作成日", "令和8年11月30日"), "{}", p.text);
    // Nothing chosen: the three rows of the form with every option, the
    // dates as the form's empty 年 月 日 boxes.
    let blank = "場所：雇用事業主内・事業所内・その他（";
    assert_eq!(p.text.matches(blank).count(), 3, "{}", p.text);
    assert!(!p.text.contains('【'), "{}", p.text);
    let presented = p.line_with("対象者提示日").expect("対象者提示日");
    assert!(presented.contains("年") && presented.contains("月") && presented.contains("日"));
    for heading in [
        "当月の主な支援目標",
        "当月の支援状況",
        "支援の方向性",
        "共有事項",
        "事業所名",
    ] {
        assert!(p.line_with(heading).is_some(), "{heading}:\n{}", p.text);
    }
    let Some(h) = printed::render(&d.join("empty.html"), "report-empty-html") else {
        return;
    };
    assert_eq!(h.pages, 1, "{}", h.text);
    assert_eq!(h.text.matches(blank).count(), 3, "{}", h.text);
}

#[test]
fn the_reports_workbook_reads_back_with_the_forms_merged_cells() {
    let (dir, _db) = report_example();
    let (cells, merged) = read_xlsx(&dir.path().join("example.xlsx"));
    let span = |pos| span(&merged, pos);
    // 利用者名 and the name cover two rows: 雇用事業主 above ご担当者 beside them.
    let name = at(&cells, "利用者名");
    assert_eq!(span(name).0, 2);
    let value = (name.0, name.1 + span(name).1);
    assert_eq!(cells.get(&value).map(String::as_str), Some("山田 太郎"));
    assert_eq!(span(value).0, 2);
    let employer = at(&cells, "雇用事業主（勤務先）");
    let contact = at(&cells, "ご担当者");
    assert_eq!((employer.0, contact.0), (name.0, name.0 + 1));
    assert_eq!(employer.1, contact.1);
    // 支援実施内容① beside 支援結果①, each half the width.
    let done = at(&cells, REPORT_EXAMPLE[9].1);
    let result = at(&cells, REPORT_EXAMPLE[10].1);
    assert_eq!(done.0, result.0);
    assert!(done.1 < result.1);
    assert_eq!(span(done).1, span(result).1);
    // 今後の支援内容 covers the three 取組 rows beside it.
    let next = at(&cells, REPORT_EXAMPLE[15].1);
    assert_eq!(span(next).0, 3);
    let client = at(&cells, "（対象者）");
    let agencies = at(&cells, "（関係機関等）");
    assert_eq!((client.0, agencies.0), (next.0, next.0 + 2));
    // The month's rows: 場所 and 方法 with the chosen one marked.
    let first = at(&cells, "11月2日");
    assert!(
        cells
            .values()
            .any(|v| v == "方法：面接・【電話】・メール・その他（　）")
    );
    assert_eq!(
        cells
            .get(&(first.0, first.1 + span(first).1))
            .map(String::as_str),
        Some("場所：雇用事業主内・事業所内・【その他】（自宅）")
    );
}

/// The markers `[n]` of `fields` that are not printed.
fn cut(p: &printed::Printed, fields: &[(String, String)]) -> Vec<String> {
    let squeezed = p.squeezed();
    fields
        .iter()
        .filter_map(|(id, v)| {
            let marker: String = v.chars().skip_while(|c| *c != '[').collect();
            (!marker.is_empty() && !squeezed.contains(&marker)).then(|| format!("{id} {marker}"))
        })
        .collect()
}

#[test]
fn the_longest_texts_the_forms_allow_are_printed_whole() {
    let (dir, db) = imported();
    let d = dir.path();
    let fields: Vec<(String, String)> = longest("report.toml")
        .into_iter()
        .filter(|(id, _)| !["created", "presented"].contains(&id.as_str()))
        .collect();
    let mut args: Vec<String> = ["report", "set", "--client", "C001", "--month", "2026-11"]
        .map(String::from)
        .to_vec();
    for (k, v) in &fields {
        args.extend(["--field".to_string(), format!("{k}={v}")]);
    }
    run(&db, d, &args.iter().map(String::as_str).collect::<Vec<_>>());
    export_report(&db, d, "2026-11", "longest");
    // Far more than one page holds at a readable size: on to a second
    // page at full size rather than shrunk below 70 %.
    for (f, name) in [
        ("longest.xlsx", "report-longest"),
        ("longest.html", "report-longest-html"),
    ] {
        let Some(p) = printed::render(&d.join(f), name) else {
            continue;
        };
        assert!(p.pages > 1, "{name}:\n{}", p.text);
        assert_eq!(
            cut(&p, &fields),
            Vec::<String>::new(),
            "{name}:\n{}",
            p.text
        );
    }

    let plan = longest("plan.toml");
    let borrowed: Vec<(&str, &str)> = plan.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let dir = plan_with(&borrowed);
    for (f, name) in [
        ("plan.xlsx", "plan-longest"),
        ("plan.html", "plan-longest-html"),
    ] {
        let Some(p) = printed::render(&dir.path().join(f), name) else {
            continue;
        };
        assert!(p.pages >= 2, "{}", p.text);
        assert_eq!(cut(&p, &plan), Vec::<String>::new(), "{name}:\n{}", p.text);
    }
}

#[test]
fn the_employers_copy_prints_the_shared_sections_only_on_the_same_form() {
    let (dir, db) = report_example();
    let d = dir.path();
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
    for f in ["xlsx", "html"] {
        let file = format!("employer.{f}");
        run(
            &db,
            d,
            &[
                "export",
                "report",
                "--client",
                "C001",
                "--month",
                "2026-11",
                "--format",
                f,
                "--for-employer",
                "-o",
                &file,
            ],
        );
        let Some(p) = printed::render(&d.join(&file), &format!("report-employer-{f}")) else {
            continue;
        };
        assert_eq!(p.pages, 1, "{}", p.text);
        // By default 支援の方向性 and 共有事項 go; the month's records, goals
        // and results are left out whole, not printed as empty boxes.
        for gone in [
            "の支援実績",
            "当月の主な支援目標",
            "当月の支援状況",
            "支援実施内容",
        ] {
            assert!(!p.text.contains(gone), "{gone} in {f}:\n{}", p.text);
        }
        assert!(
            p.beside("今後の支援内容", "対象者・事業主・関係機関等の取組"),
            "{}",
            p.text
        );
        assert!(p.squeezed().contains(&whole(REPORT_SHARED)), "{}", p.text);
        assert!(
            p.beside("利用者名", "山田 太郎") && p.beside("担当者", "tanaka"),
            "{}",
            p.text
        );
    }
}
