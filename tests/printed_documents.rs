//! The 支援レポート and the 計画書 rendered as printed (LibreOffice headless
//! to PDF): A4 portrait, the page count of the form, each entered value on
//! the line of its label.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)] // a test's failure is its message; a skipped render says so

mod form_examples;
mod printed;

use form_examples::{
    PLAN_EXAMPLE, REPORT_EXAMPLE, REPORT_SHARED, export_report, imported, longest, plan_with,
    report_example, run,
};
use printed::workbook::{at, read_xlsx, span};

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

/// `v` as `squeezed` prints it: no spaces or line breaks.
fn whole(v: &str) -> String {
    v.chars().filter(|c| !c.is_whitespace()).collect()
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

#[test]
fn a_filled_plan_prints_cell_for_cell_on_the_forms_two_pages() {
    let dir = plan_with(&PLAN_EXAMPLE);
    let d = dir.path();
    let Some(p) = printed::render(&d.join("plan.xlsx"), "plan-example") else {
        return;
    };
    assert!(p.is_a4_portrait(), "page size {:?}", p.size);
    assert_eq!(p.pages, 2, "{}", p.text);
    let (one, two) = (p.page(1), p.page(2));
    // The header band on both pages: the title with whose plan it is.
    for page in [one, two] {
        assert!(page.contains("就労定着支援計画書"), "{page}");
        assert!(page.contains("山田 太郎"), "{page}");
    }
    for (label, value) in [
        ("管理者", "サービス管理責任者"),
        ("小林", "中村"),
        ("作成日", "令和8年10月15日"),
        ("計画作成者", "田中 一郎"),
        ("評価日", "令和9年4月10日"),
        ("ふりがな", "やまだ たろう"),
        ("対象者氏名", "山田 太郎"),
        ("山田 太郎", "平成2年5月1日（36歳）"),
        ("区分3", "療育・【精神】"),
        ("雇用事業主", "JS工業株式会社"),
        ("業種", "製造業"),
        ("所在地", "東京都港区芝公園1-2-3"),
        ("連絡先", "03-1234-5678"),
        ("就職日", "令和8年4月15日"),
        ("職場環境", "業務内容"),
        ("労働条件", "関わっている支援機関"),
        ("契約上の賃金：時給1,100円", "休日：土日祝"),
        ("1日の勤務時間（休み時間）：", "9:00～16:00（60分）"),
        ("設定日", "令和8年10月"),
        ("達成予定日", "令和9年10月"),
        ("達成予定日", "令和9年4月"),
        ("【一部】", ""),
        ("【達成】", ""),
        ("①", "10月15日～4月14日"),
        // ① done and achieved, marked side by side in 実施 and 達成.
        ("【実施】", "【達成】"),
        ("ご本人氏名：", "山田 太郎"),
        ("相談支援センターあおば 佐藤", "様"),
    ] {
        assert!(
            p.beside(label, value),
            "{value} not beside {label}:\n{}",
            p.text
        );
    }
    // 雇用形態 wraps in its half: the whole list, the chosen one marked.
    assert!(
        p.column(1, 0.0, 0.5)
            .contains("雇用形態：（正規・非正規［【パート・アルバイト】、契約社員・嘱託・派遣］）"),
        "{}",
        p.text
    );
    // Page 1 ends with 健康状態・生活環境; page 2 begins with 利用目標.
    assert!(one.contains("生活環境及び生活面のサポート体制") && !one.contains("利用目標"));
    assert!(two.contains("利用目標（利用者のニーズ）") && two.contains("総括評価"));
    assert!(
        two.contains("上記計画の内容について説明を受けました。"),
        "{two}"
    );
    // Long text whole, each in its own half of the page.
    let left = p.column(1, 0.0, 0.5);
    let right = p.column(1, 0.5, 1.0);
    // 物理的環境 and 人的環境 share the left half: the first quarter of the
    // form's 24 columns centred on the page is 6 × 22.5 pt from 27.5 pt.
    // (pdftotext keeps a glyph that touches the crop: 3 pt short of it.)
    let quarter = (27.5 + 6.0 * 22.5) / 595.0;
    let (first, second) = (
        p.column(1, 0.0, quarter - 3.0 / 595.0),
        p.column(1, quarter, 0.5),
    );
    for (k, v) in PLAN_EXAMPLE {
        let side = match k {
            "handover_notes" | "duties" | "agencies" | "living" => &right,
            "health" => &left,
            "env_physical" => &first,
            "env_human" => &second,
            _ => continue,
        };
        assert!(
            side.contains(&whole(v)),
            "{k} not whole in its column:\n{}",
            p.text
        );
    }
    // On page 2 the goals and the support items fill columns 2-11 beside
    // their labels, the 課題と対策 columns 18-23; the rest spans the page.
    let x = |col: f64| (27.5 + col * 22.5) / 595.0;
    let items = p.column(2, x(2.0), x(12.0) - 3.0 / 595.0);
    let issues = p.column(2, x(18.0), 1.0);
    let whole_page = p.squeezed();
    for (k, side) in [
        ("needs", &whole_page),
        ("long_goal", &items),
        ("short_goal", &items),
        ("item_1", &items),
        ("item_2", &items),
        ("item_1_issues", &issues),
        ("special_notes", &whole_page),
        ("summary", &whole_page),
    ] {
        let v = PLAN_EXAMPLE.iter().find(|(id, _)| *id == k).expect(k).1;
        assert!(side.contains(&whole(v)), "{k} not whole:\n{}", p.text);
    }
    // ② was partly done and not achieved; ③ not done, nothing achieved.
    assert_eq!(p.text.matches("【未実施】").count(), 1, "{}", p.text);
    assert_eq!(p.text.matches("【未達成】").count(), 1, "{}", p.text);

    let Some(h) = printed::render(&d.join("plan.html"), "plan-example-html") else {
        return;
    };
    assert!(h.is_a4_portrait(), "page size {:?}", h.size);
    assert_eq!(h.pages, 2, "{}", h.text);
    assert!(
        h.page(2).contains("利用目標（利用者のニーズ）"),
        "{}",
        h.text
    );
    assert!(
        h.page(2).contains("就労定着支援計画書"),
        "the title again:\n{}",
        h.text
    );
    assert!(
        h.column(1, 0.0, 0.5)
            .contains("非正規［【パート・アルバイト】"),
        "{}",
        h.text
    );
}

#[test]
fn an_empty_plan_prints_the_blank_form_with_every_choice() {
    let dir = plan_with(&[]);
    let d = dir.path();
    let Some(p) = printed::render(&d.join("plan.xlsx"), "plan-empty") else {
        return;
    };
    assert!(p.is_a4_portrait(), "page size {:?}", p.size);
    assert_eq!(p.pages, 2, "{}", p.text);
    assert!(!p.text.contains('【'), "nothing is marked:\n{}", p.text);
    assert!(p.beside("作成日", "令和8年10月15日"), "{}", p.text);
    assert!(p.squeezed().contains("身体・療育・精神"), "{}", p.text);
    assert!(
        p.column(1, 0.0, 0.5)
            .contains("雇用形態：（正規・非正規［パート・アルバイト、契約社員・嘱託・派遣］）"),
        "{}",
        p.text
    );
    // The goals' 年 月 boxes, three rows to evaluate, the consent blocks.
    assert_eq!(p.text.matches("実施").count(), 3 * 2 + 1, "{}", p.text);
    assert!(p.beside("設定日", "年"), "{}", p.text);
    assert!(p.text.contains("相談支援専門員様／事業所様"), "{}", p.text);
    assert!(p.text.contains("ご家族氏名："), "{}", p.text);
    let Some(h) = printed::render(&d.join("plan.html"), "plan-empty-html") else {
        return;
    };
    assert_eq!(h.pages, 2, "{}", h.text);
}

#[test]
fn the_plans_workbook_reads_back_with_its_page_break_and_print_titles() {
    let dir = plan_with(&PLAN_EXAMPLE);
    let path = dir.path().join("plan.xlsx");
    let (cells, merged) = read_xlsx(&path);
    let span = |pos| span(&merged, pos);
    // 長期目標 covers its 設定日 and 達成予定日 rows, its 達成度 too.
    let long = at(&cells, "長期\n目標");
    assert_eq!(span(long).0, 2);
    let on_row = |r: u32, text: &str| cells.iter().any(|((row, _), v)| *row == r && v == text);
    assert!(on_row(long.0, "設定日") && on_row(long.0 + 1, "達成予定日"));
    let result = at(&cells, "達成\n【一部】\n未達");
    assert_eq!((result.0, span(result).0), (long.0, 2));
    // 職場環境 beside 業務内容 at the same row, each half the width.
    let env = at(&cells, "職場環境");
    let duties = at(&cells, "業務内容");
    assert_eq!(env.0, duties.0);
    assert_eq!(span(env).1, span(duties).1);
    // The page breaks before 利用目標, and the title row repeats.
    let mut z = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut z.by_name("xl/worksheets/sheet1.xml").expect("sheet"),
        &mut sheet,
    )
    .expect("read");
    let goals = at(&cells, "利用目標（利用者のニーズ）").0;
    assert!(sheet.contains(&format!("<brk id=\"{goals}\"")), "{sheet}");
    let mut book = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/workbook.xml").expect("book"), &mut book)
        .expect("read");
    assert!(
        book.contains("Print_Titles") && book.contains("$1:$1"),
        "{book}"
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
    store.add_consent(cid, &consent).expect("add consent");
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
