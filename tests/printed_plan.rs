//! The 就労定着支援計画書 (別紙様式2) rendered as printed (LibreOffice and
//! headless Chromium to PDF): the form's two A4 portrait pages with the
//! title row again on the second, each value beside its label, the
//! choices with the chosen one marked; and the workbook read back.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)] // a test's failure is its message; a skipped render says so

mod form_examples;
mod printed;

use form_examples::{PLAN_EXAMPLE, plan_with};
use printed::whole;
use printed::workbook::{at, read_xlsx, span};

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
        ("評価日", "令和8年11月20日"),
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
