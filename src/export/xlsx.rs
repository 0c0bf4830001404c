//! Excel laid out like the official form: label column and merged value
//! cells with borders, section headings across the page, A4 portrait fitted
//! to one page.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

use super::{Line, lines};
use crate::forms::{FormDef, Values};

/// The workbook as bytes.
pub(crate) fn xlsx(def: &FormDef, subtitle: &str, values: &Values) -> Result<Vec<u8>, String> {
    build(def, subtitle, values).map_err(|e| format!("Excel ファイルを作れません: {e}"))
}

fn build(
    def: &FormDef,
    subtitle: &str,
    values: &Values,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("様式")?;
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 1);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_column_width(0, 22)?;
    for c in 1..=3 {
        ws.set_column_width(c, 24)?;
    }
    let base = Format::new().set_font_name("游ゴシック").set_font_size(9);
    let cell = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let label = cell.clone().set_background_color(Color::RGB(0xF0F0F0));
    let heading = cell
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xD9D9D9));
    let title = base
        .clone()
        .set_font_size(14)
        .set_bold()
        .set_align(FormatAlign::Center);
    let sub = base.clone().set_align(FormatAlign::Center);

    ws.merge_range(0, 0, 0, 3, &def.title, &title)?;
    ws.merge_range(1, 0, 1, 3, subtitle, &sub)?;
    for (row, line) in (3_u32..).zip(lines(def, values)) {
        match line {
            Line::Heading(t) => {
                ws.merge_range(row, 0, row, 3, t, &heading)?;
            }
            Line::Field(f, v) => {
                ws.write_string_with_format(row, 0, &f.label, &label)?;
                ws.merge_range(row, 1, row, 3, &v, &cell)?;
                // About 40 characters fit a line of the merged cell.
                let lines = v
                    .split('\n')
                    .map(|l| l.chars().count().div_ceil(40).max(1))
                    .sum::<usize>();
                if lines > 1 {
                    ws.set_row_height(row, 12.5 * lines as f64)?;
                }
            }
            Line::TableHead(cols) => {
                ws.write_string_with_format(row, 0, "", &label)?;
                for (i, c) in cols.iter().enumerate() {
                    ws.write_string_with_format(row, 1 + i as u16, *c, &label)?;
                }
            }
            Line::TableRow(cells) => {
                ws.write_string_with_format(row, 0, "", &label)?;
                for (i, c) in cells.iter().enumerate() {
                    ws.write_string_with_format(row, 1 + i as u16, c, &cell)?;
                }
            }
        }
    }
    wb.save_to_buffer()
}
