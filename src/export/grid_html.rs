//! A form's grid (`grid::Grid`) as one self-contained HTML page: a table of
//! equal columns with the same merged cells as the Excel sheet, the header
//! rows in <thead> (printed again on every page) and page breaks at the
//! same section boundaries.

use std::fmt::Write as _;

use super::grid::{COLS, FONT_PT, Fit, Grid, Style, WRITE_BOX};
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
td.ot{{border-top:none}}td.ob{{border-bottom:none}}\
table.fit td{{line-height:1.45}}\
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

fn row(o: &mut String, g: &Grid, heights: &[f64], r: usize) {
    let Some(row) = g.rows.get(r) else { return };
    let page = if g.page_starts.contains(&r) {
        " class=\"page\""
    } else {
        ""
    };
    // A laid-out form's rows are as high as laid out, as in the workbook,
    // so the pages break where they were chosen to.
    let height = match (g.fit, heights.get(r)) {
        (Some(_), Some(h)) => format!(" style=\"height:{h:.2}pt\""),
        _ if row.min > 0.0 => format!(" style=\"height:{:.0}pt\"", row.min),
        _ => String::new(),
    };
    let _ = write!(o, "<tr{page}{height}>");
    for c in &row.cells {
        let text = if c.style == Style::Title {
            format!("<h1>{}</h1>", esc(&c.text))
        } else {
            esc(&c.text)
        };
        let mut class = match class(c.style) {
            "b" if c.one_line() && row.min < WRITE_BOX => "mid b",
            other => other,
        }
        .to_string();
        // A box carried on from the row above or into the row below.
        if c.open_top {
            class.push_str(" ot");
        }
        if c.open_bottom {
            class.push_str(" ob");
        }
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

pub(crate) fn html(g: &Grid) -> String {
    // A laid-out form printed smaller, as the workbook is: shrunk to its
    // one page, or at the size its pages were chosen at.
    let scale = match g.fit {
        Some(Fit::OnePage { scale }) => scale,
        Some(Fit::Pages { percent }) => f64::from(percent) / 100.0,
        None => 1.0,
    };
    let mut zoom = if scale < 1.0 {
        // Down, never up: rounding must not make the page overflow.
        format!(" style=\"zoom:{:.2}\"", (scale * 100.0).floor() / 100.0)
    } else {
        String::new()
    };
    // Lines as high as the rows were laid out for (the text fills its
    // box as in the workbook, and a box carried over to the next row
    // goes on without a gap).
    if g.fit.is_some() {
        zoom.push_str(" class=\"fit\"");
    }
    let heights = g.heights();
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
            row(&mut o, g, &heights, r);
        }
        o.push_str("</thead>\n");
    }
    o.push_str("<tbody>\n");
    for r in g.repeat..g.rows.len() {
        row(&mut o, g, &heights, r);
    }
    o.push_str("</tbody>\n</table>\n</body></html>\n");
    o
}
