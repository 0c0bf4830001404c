//! The 支援レポート's pages as printed (LibreOffice for the xlsx, headless
//! Chromium for the HTML): a month written at the lengths of the notice's
//! 作成例 on one A4 page; every field at its longest on two, broken
//! cleanly (no heading left at the foot of a page, nothing cut off) and
//! within Excel's tallest row; and text in many short lines — the most
//! lines the limits allow — carried over rows below that limit, whole.
//! Renders are skipped (with a line saying so) where the tools are missing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)] // a test's failure is its message; a skipped render says so

mod form_examples;
mod printed;

use std::path::Path;

use form_examples::{REPORT_TYPICAL, longest, report_with};
use printed::whole;
use printed::workbook::{print_setup, row_heights};

/// Excel's tallest row, in points.
const EXCEL_ROW_MAX: f64 = 409.0;

/// The section headings and column labels of the form: what must never be
/// the last thing on a page.
fn is_heading(line: &str) -> bool {
    let l = line.trim();
    [
        "当月の主な支援目標",
        "当月の支援状況",
        "支援の方向性",
        "共有事項",
    ]
    .contains(&l)
        || l.ends_with("の支援実績")
        || (l.starts_with("支援実施内容") && l.ends_with("支援結果"))
        || (l.starts_with("今後の支援内容") && l.ends_with("関係機関等の取組"))
}

/// The pages (but the last) whose last printed line is a heading.
fn headings_left_at_the_foot(p: &printed::Printed) -> Vec<String> {
    (1..p.pages)
        .filter_map(|n| {
            let last = p.page(n).lines().rfind(|l| !l.trim().is_empty())?;
            is_heading(last).then(|| format!("page {n}: {}", last.trim()))
        })
        .collect()
}

/// The fields whose end marker `[n]` is not printed.
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

/// The report's fields at their longest (the dates are the report's own).
fn longest_fields() -> Vec<(String, String)> {
    longest("report.toml")
        .into_iter()
        .filter(|(id, _)| !["created", "presented"].contains(&id.as_str()))
        .collect()
}

/// Rows of the workbook over Excel's tallest.
fn too_tall(xlsx: &Path) -> Vec<f64> {
    row_heights(xlsx)
        .into_iter()
        .filter(|&h| h > EXCEL_ROW_MAX)
        .collect()
}

#[test]
fn a_month_written_like_the_notices_example_prints_on_one_page() {
    let fields: Vec<(String, String)> = REPORT_TYPICAL
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let dir = report_with(&fields, "typical");
    let d = dir.path();
    assert_eq!(
        print_setup(&d.join("typical.xlsx")),
        (None, vec![]),
        "fit to one page"
    );
    for (f, name) in [
        ("typical.xlsx", "report-typical"),
        ("typical.html", "report-typical-html"),
    ] {
        let Some(p) = printed::render(&d.join(f), name) else {
            continue;
        };
        assert!(p.is_a4_portrait(), "{name}: page size {:?}", p.size);
        assert_eq!(p.pages, 1, "{name}:\n{}", p.text);
        // Every text whole, each in its column: the left half holds
        // 支援実施内容 and 今後の支援内容, the right 支援結果 and the 取組.
        let (left, right, all) = (p.column(1, 0.0, 0.5), p.column(1, 0.5, 1.0), p.squeezed());
        for (k, v) in REPORT_TYPICAL.iter().skip(12) {
            let side = if k.starts_with("done") || k.starts_with("next") {
                &left
            } else if k.starts_with("result") || k.starts_with("effort") {
                &right
            } else {
                &all
            };
            assert!(
                side.contains(&whole(v)),
                "{name}: {k} not whole:\n{}",
                p.text
            );
        }
    }
}

#[test]
fn every_field_at_its_longest_prints_on_two_clean_pages() {
    let fields = longest_fields();
    let dir = report_with(&fields, "longest");
    let d = dir.path();
    let xlsx = d.join("longest.xlsx");
    assert_eq!(too_tall(&xlsx), Vec::<f64>::new());
    let (scale, breaks) = print_setup(&xlsx);
    assert!(scale.is_some_and(|s| (70..=100).contains(&s)), "{scale:?}");
    assert_eq!(breaks.len(), 1, "two pages: {breaks:?}");
    for (f, name) in [
        ("longest.xlsx", "report-longest-pages"),
        ("longest.html", "report-longest-pages-html"),
    ] {
        let Some(p) = printed::render(&d.join(f), name) else {
            continue;
        };
        assert!(p.is_a4_portrait(), "{name}: page size {:?}", p.size);
        assert_eq!(p.pages, 2, "{name}:\n{}", p.text);
        assert_eq!(
            headings_left_at_the_foot(&p),
            Vec::<String>::new(),
            "{name}:\n{}",
            p.text
        );
        assert_eq!(
            cut(&p, &fields),
            Vec::<String>::new(),
            "{name}:\n{}",
            p.text
        );
        // The first page is filled: it ends in 当月の支援状況, not half way.
        assert!(p.page(1).contains("支援実施内容"), "{name}:\n{}", p.text);
    }
}

/// Every free text at its longest as short lines (a list of 「・」 items):
/// the most printed lines the limits allow.
fn list_fields() -> Vec<(String, String)> {
    longest_fields()
        .into_iter()
        .map(|(id, v)| {
            let free = ["goal", "done", "result", "next", "effort", "shared"]
                .iter()
                .any(|p| id.starts_with(p));
            if !free {
                return (id, v);
            }
            let marker: String = v.chars().skip_while(|c| *c != '[').collect();
            let room = v.chars().count() - marker.chars().count();
            let item = "・面談で確認。\n";
            let n = room / item.chars().count();
            (id, format!("{}{marker}", item.repeat(n)))
        })
        .collect()
}

#[test]
fn text_in_many_short_lines_is_carried_over_rows_below_excels_limit_and_printed_whole() {
    let fields = list_fields();
    let dir = report_with(&fields, "lists");
    let d = dir.path();
    let xlsx = d.join("lists.xlsx");
    assert_eq!(too_tall(&xlsx), Vec::<f64>::new());
    for (f, name) in [
        ("lists.xlsx", "report-lists"),
        ("lists.html", "report-lists-html"),
    ] {
        let Some(p) = printed::render(&d.join(f), name) else {
            continue;
        };
        assert!(p.is_a4_portrait(), "{name}: page size {:?}", p.size);
        assert_eq!(
            cut(&p, &fields),
            Vec::<String>::new(),
            "{name}:\n{}",
            p.text
        );
        assert_eq!(
            headings_left_at_the_foot(&p),
            Vec::<String>::new(),
            "{name}:\n{}",
            p.text
        );
        // Every item printed: none lost where a box goes on to the next row.
        let items = fields
            .iter()
            .map(|(_, v)| v.matches("・面談で確認。").count())
            .sum::<usize>();
        assert_eq!(
            p.text.matches("・面談で確認。").count(),
            items,
            "{name}:\n{}",
            p.text
        );
    }
}
