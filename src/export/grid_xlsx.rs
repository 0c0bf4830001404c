//! A form's grid (`grid::Grid`) as an Excel sheet: equal columns across A4
//! portrait, merged cells with borders, each row as high as its text needs,
//! page breaks at the form's section boundaries and the header rows
//! repeated as print titles.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::grid::{COL_PT, COLS, Cell, Fit, Grid, Style, WRITE_BOX};
use super::grid_pages::ROW_MAX;

pub(crate) fn xlsx(g: &Grid) -> Result<Vec<u8>, String> {
    build(g).map_err(|e| format!("Excel ファイルを作れません: {e}"))
}

fn format(c: &Cell, one_line: bool) -> Format {
    let style = c.style;
    let base = Format::new()
        .set_font_name("游ゴシック")
        .set_font_size(style.font_pt())
        .set_text_wrap();
    // A box carried on from the row above or into the row below has no
    // border between.
    let open = |f: Format, yes: bool, side: fn(Format, FormatBorder) -> Format| {
        if yes { side(f, FormatBorder::None) } else { f }
    };
    let framed = |f: Format| {
        let f = f.set_border(FormatBorder::Thin);
        let f = open(f, c.open_top, Format::set_border_top);
        open(f, c.open_bottom, Format::set_border_bottom)
    };
    match style {
        Style::Title => base
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        Style::Note => base
            .set_align(FormatAlign::Right)
            .set_align(FormatAlign::VerticalCenter),
        Style::Heading => framed(base)
            .set_bold()
            .set_background_color(Color::RGB(0xD9D9D9))
            .set_align(FormatAlign::VerticalCenter),
        Style::Label => framed(base)
            .set_background_color(Color::RGB(0xF0F0F0))
            .set_align(FormatAlign::VerticalCenter),
        Style::Tag => framed(base)
            .set_background_color(Color::RGB(0xF0F0F0))
            .set_align(FormatAlign::Top),
        Style::Value if one_line => framed(base).set_align(FormatAlign::VerticalCenter),
        Style::Value => framed(base).set_align(FormatAlign::Top),
        Style::Choices => framed(base)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        Style::Blank => base.set_align(FormatAlign::VerticalCenter),
    }
}

fn page_setup(ws: &mut Worksheet, g: &Grid) -> Result<(), XlsxError> {
    ws.set_name("様式")?;
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    ws.set_margins(0.35, 0.35, 0.3, 0.3, 0.15, 0.15);
    match g.fit {
        // Its height too (shrinking only when the text is longer than the
        // form was made for).
        Some(Fit::OnePage { .. }) => {
            ws.set_print_fit_to_pages(1, 1);
        }
        // The size its pages were chosen at (a fit to pages would drop
        // the breaks chosen).
        Some(Fit::Pages { percent }) => {
            ws.set_print_scale(percent);
        }
        // The width only.
        None => {
            ws.set_print_fit_to_pages(1, 0);
        }
    }
    ws.set_print_center_horizontally(true);
    for c in 0..COLS {
        // Points to pixels at 96 dpi.
        ws.set_column_width_pixels(c, (COL_PT * 4.0 / 3.0).round() as u32)?;
    }
    if g.repeat > 0 {
        ws.set_repeat_rows(0, (g.repeat - 1) as u32)?;
    }
    if !g.page_starts.is_empty() {
        let breaks: Vec<u32> = g.page_starts.iter().map(|&r| r as u32).collect();
        ws.set_page_breaks(&breaks)?;
    }
    Ok(())
}

fn build(g: &Grid) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // Column widths are counted in digits of the default font: Arial, which
    // Excel has and LibreOffice matches metric for metric (Liberation Sans),
    // so the columns are the same points wide wherever the file is printed.
    // (Calibri, the usual default, is missing where LibreOffice prints
    // and its stand-in is a third wider.)
    wb.set_default_format(
        &Format::new().set_font_name("Arial").set_font_size(11),
        20,
        72,
    )?;
    let ws = wb.add_worksheet();
    page_setup(ws, g)?;
    for (r, h) in g.heights().into_iter().enumerate() {
        // Excel's tallest: a laid-out form's rows are split below it
        // (`grid_pages`); this only keeps a workbook Excel can open.
        ws.set_row_height(r as u32, h.min(ROW_MAX))?;
    }
    for (r, row) in g.rows.iter().enumerate() {
        let r = r as u32;
        for c in &row.cells {
            let f = format(c, c.one_line() && row.min < WRITE_BOX);
            let last_row = r + c.rows as u32 - 1;
            let last_col = c.col + c.span - 1;
            if last_row == r && last_col == c.col {
                ws.write_string_with_format(r, c.col, &c.text, &f)?;
            } else {
                ws.merge_range(r, c.col, last_row, last_col, &c.text, &f)?;
            }
        }
    }
    wb.save_to_buffer()
}
