//! A form's grid (`grid::Grid`) as one self-contained HTML page: a table of
//! equal columns with the same merged cells as the Excel sheet, the header
//! rows in <thead> (printed again on every page) and page breaks at the
//! same section boundaries.

use std::fmt::Write as _;

use super::grid::{COLS, FONT_PT, Grid, Style, WRITE_BOX};
use super::html::esc;

fn css() -> String {
    format!(
        "@page{{size:A4;margin:10mm}}\
body{{font-family:'Yu Gothic','Hiragino Sans','Noto Sans CJK JP',sans-serif;font-size:{FONT_PT}pt;margin:0}}\
table{{border-collapse:collapse;width:100%;table-layout:fixed}}\
td{{padding:0.3mm 1mm;vertical-align:top;overflow-wrap:anywhere;line-height:1.3}}\
td.b{{border:0.6pt solid #000}}\
td.title h1{{font-size:14pt;margin:0;text-align:center}}\
td.note{{text-align:right;vertical-align:middle}}\
td.heading{{background:#d9d9d9;font-weight:bold;vertical-align:middle}}\
td.label{{background:#f0f0f0;vertical-align:middle}}\
td.tag{{background:#f0f0f0}}\
td.mid{{vertical-align:middle}}\
td.choices{{text-align:center;vertical-align:middle}}\
tr.page{{break-before:page}}\
tr{{break-inside:avoid}}\
@media print{{td{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}}}"
    )
}

fn class(style: Style) -> &'static str {
    match style {
        Style::Title => "title",
        Style::Note => "note",
        Style::Heading => "heading b",
        Style::Label => "label b",
        Style::Tag => "tag b",
        Style::Value => "b",
        Style::Choices => "choices b",
        Style::Blank => "mid",
    }
}

fn row(o: &mut String, g: &Grid, r: usize) {
    let Some(row) = g.rows.get(r) else { return };
    let page = if g.page_starts.contains(&r) {
        " class=\"page\""
    } else {
        ""
    };
    let height = if row.min > 0.0 {
        format!(" style=\"height:{:.0}pt\"", row.min)
    } else {
        String::new()
    };
    let _ = write!(o, "<tr{page}{height}>");
    for c in &row.cells {
        let text = if c.style == Style::Title {
            format!("<h1>{}</h1>", esc(&c.text))
        } else {
            esc(&c.text)
        };
        let class = match class(c.style) {
            "b" if c.one_line() && row.min < WRITE_BOX => "mid b",
            other => other,
        };
        let _ = write!(o, "<td class=\"{class}\"");
        if c.span > 1 {
            let _ = write!(o, " colspan=\"{}\"", c.span);
        }
        if c.rows > 1 {
            let _ = write!(o, " rowspan=\"{}\"", c.rows);
        }
        let _ = write!(o, ">{text}</td>");
    }
    o.push_str("</tr>\n");
}

/// The page's height inside the 10 mm margins, in points.
const PAGE_PT: f64 = 277.0 / 25.4 * 72.0;

pub(crate) fn html(g: &Grid) -> String {
    // A one-page form whose text is longer than the page holds is printed
    // smaller, as the workbook's fit to one page does.
    let total: f64 = g.heights().iter().sum();
    let zoom = if total > PAGE_PT && g.fits_one_page(PAGE_PT) {
        format!(" style=\"zoom:{:.2}\"", PAGE_PT / total)
    } else {
        String::new()
    };
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head><body>\n<table{zoom}>\n<colgroup>",
        esc(&g.title),
        css()
    );
    for _ in 0..COLS {
        o.push_str("<col>");
    }
    o.push_str("</colgroup>\n");
    if g.repeat > 0 {
        o.push_str("<thead>\n");
        for r in 0..g.repeat {
            row(&mut o, g, r);
        }
        o.push_str("</thead>\n");
    }
    o.push_str("<tbody>\n");
    for r in g.repeat..g.rows.len() {
        row(&mut o, g, r);
    }
    o.push_str("</tbody>\n</table>\n</body></html>\n");
    o
}
