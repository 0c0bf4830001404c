//! The 一般就労へ移行した利用者一覧表 as Excel and as HTML, laid out like the
//! reference form: title, addressee, the office block, then the table of
//! users. A4 landscape (eight columns, addresses among them); the table's
//! header is printed again at the top of every page (print titles in
//! Excel, `thead` in HTML), the office block on the first page only.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::html::esc;
use crate::document_forms::employed::{COLUMNS, LEAD, NOTE, PHONE, Row, TITLE};
use crate::wareki;

/// What the list prints: the office block, the range, the rows.
pub(crate) struct EmployedList<'a> {
    /// 「（千代田区担当課長）あて」, or the form's blank.
    pub addressee: String,
    pub header: &'a [(&'static str, String)],
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: &'a [Row],
}

impl EmployedList<'_> {
    fn period(&self) -> String {
        format!(
            "対象期間: {} ～ {}",
            wareki::format(self.from),
            wareki::format(self.to)
        )
    }
}

/// Column widths (Excel units).
const WIDTHS: [f64; 8] = [11.0, 12.0, 14.0, 11.0, 11.0, 18.0, 30.0, 11.0];
/// The HTML's proportions: a date column holds 「令和10年12月31日」 on one
/// line at the page's type size (a spreadsheet cell shows it whole in
/// `WIDTHS`).
const HTML_WIDTHS: [f64; 8] = [14.0, 11.0, 11.0, 11.0, 14.0, 15.0, 30.0, 14.0];
/// The date columns (退所日, 生年月日, 就労予定日): never wrapped.
const DATE_COLUMNS: [usize; 3] = [0, 4, 7];

/// The 就労先住所 cell: the address over the phone, as the form stacks
/// 就労先住所 over 連絡先（TEL）.
fn address_cell(cells: &[String; 9]) -> (String, String) {
    (cells[6].clone(), cells[8].clone())
}

/// The workbook as bytes.
pub(crate) fn employed_xlsx(list: &EmployedList<'_>) -> Result<Vec<u8>, String> {
    build(list).map_err(|e| format!("Excel ファイルを作れません: {e}"))
}

fn build(list: &EmployedList<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("一覧表")?;
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    // As wide as the page, as many pages long as the rows need.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.4, 0.4, 0.2, 0.2);
    ws.set_footer("&C&P / &N");
    for (c, w) in (0u16..).zip(WIDTHS) {
        ws.set_column_width(c, w)?;
    }
    let last = (COLUMNS.len() - 1) as u16;
    let base = Format::new().set_font_name("游ゴシック").set_font_size(9);
    let cell = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let label = cell.clone().set_background_color(Color::RGB(0xF0F0F0));
    let head = label.clone().set_align(FormatAlign::Center);
    let title = base
        .clone()
        .set_font_size(14)
        .set_bold()
        .set_align(FormatAlign::Center);
    let right = base.clone().set_align(FormatAlign::Right);

    ws.merge_range(0, 0, 0, last, TITLE, &title)?;
    ws.set_row_height(0, 24)?;
    ws.merge_range(
        1,
        0,
        1,
        3,
        &crate::text::clean_input(&list.addressee),
        &base,
    )?;
    let mut row = 3;
    for (l, v) in list.header {
        ws.merge_range(row, 0, row, 1, l, &label)?;
        ws.merge_range(row, 2, row, 5, &crate::text::clean_input(v), &cell)?;
        ws.set_row_height(row, 16)?;
        row += 1;
    }
    row += 1;
    ws.merge_range(row, 0, row, 4, LEAD, &base)?;
    ws.merge_range(row, 5, row, last, &list.period(), &right)?;
    row += 1;
    let head_row = row;
    for (c, h) in (0u16..).zip(COLUMNS) {
        let h = if h == "就労先住所" {
            format!("{h}\n{PHONE}")
        } else {
            h.to_string()
        };
        ws.write_string_with_format(row, c, &h, &head)?;
    }
    ws.set_row_height(row, 28)?;
    // The table's header on every page.
    ws.set_repeat_rows(head_row, head_row)?;
    for r in list.rows {
        row += 1;
        let cells = r.cells();
        for (c, v) in (0u16..).zip(cells.iter().take(COLUMNS.len())) {
            ws.write_string_with_format(row, c, v, &cell)?;
        }
        let (address, phone) = address_cell(&cells);
        ws.write_string_with_format(row, 6, format!("{address}\n{phone}"), &cell)?;
        ws.set_row_height(row, 26)?;
    }
    row += 1;
    ws.merge_range(row, 0, row, last, NOTE, &base)?;
    wb.save_to_buffer()
}

const CSS: &str = "@page{size:A4 landscape;margin:10mm}\
body{font-family:'Yu Gothic','Hiragino Sans','Noto Sans CJK JP',sans-serif;font-size:9pt;margin:0}\
h1{font-size:14pt;text-align:center;margin:0 0 2mm}\
p{margin:0 0 2mm}\
p.lead span{float:right}\
table{border-collapse:collapse;table-layout:fixed}\
th,td{border:0.6pt solid #000;padding:0.6mm 1.2mm;vertical-align:middle;word-wrap:break-word;overflow:hidden}\
th{background:#f0f0f0;font-weight:normal}\
table.office{width:50%;margin:0 0 3mm}\
table.office th{width:30%;text-align:left}\
table.office td{height:5mm}\
table.list{width:100%;font-size:8.5pt;line-height:1.25}\
table.list thead th{height:9mm;text-align:center}\
table.list tbody tr{height:9mm;break-inside:avoid}\
.tel{border-top:0.4pt dotted #000}\
td.d{white-space:nowrap}\
@media print{th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// The list as one self-contained HTML page.
pub(crate) fn employed_html(list: &EmployedList<'_>) -> String {
    let safe = |s: &str| esc(&crate::text::clean_input(s));
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{TITLE}</title><style>{CSS}</style></head><body>\n<h1>{TITLE}</h1>\n<p>{}</p>\n<table class=\"office\">\n",
        safe(&list.addressee)
    );
    for (l, v) in list.header {
        let _ = writeln!(o, "<tr><th>{}</th><td>{}</td></tr>", esc(l), safe(v));
    }
    let _ = write!(
        o,
        "</table>\n<p class=\"lead\">{LEAD}<span>{}</span></p>\n<table class=\"list\">\n<colgroup>",
        esc(&list.period())
    );
    let total: f64 = HTML_WIDTHS.iter().sum();
    for w in HTML_WIDTHS {
        let _ = write!(o, "<col style=\"width:{:.1}%\">", w * 100.0 / total);
    }
    o.push_str("</colgroup>\n<thead><tr>");
    for h in COLUMNS {
        if h == "就労先住所" {
            let _ = write!(o, "<th>{h}<div class=\"tel\">{PHONE}</div></th>");
        } else {
            let _ = write!(o, "<th>{h}</th>");
        }
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for r in list.rows {
        let cells = r.cells();
        o.push_str("<tr>");
        for (i, v) in cells.iter().take(COLUMNS.len()).enumerate() {
            if i == 6 {
                let (address, phone) = address_cell(&cells);
                let _ = write!(
                    o,
                    "<td>{}<div class=\"tel\">{}</div></td>",
                    esc(&address),
                    esc(&phone)
                );
            } else if DATE_COLUMNS.contains(&i) {
                let _ = write!(o, "<td class=\"d\">{}</td>", esc(v));
            } else {
                let _ = write!(o, "<td>{}</td>", esc(v));
            }
        }
        o.push_str("</tr>\n");
    }
    let _ = write!(o, "</tbody>\n</table>\n<p>{NOTE}</p>\n</body></html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Office;

    fn list_of(rows: &[Row]) -> String {
        let header = crate::document_forms::employed::header(&Office {
            name: "<事業所>".into(),
            ..Office::default()
        });
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("d");
        employed_html(&EmployedList {
            addressee: crate::document_forms::employed::addressee(rows),
            header: &header,
            from: d("2026-04-01"),
            to: d("2026-04-30"),
            rows,
        })
    }

    #[test]
    fn the_html_escapes_the_records_and_repeats_its_head_in_thead() {
        let row = Row {
            left: None,
            name: "山田 <b>太郎</b>\u{1b}[31m".into(),
            kana: "やまだ".into(),
            certificate_no: String::new(),
            birth_date: None,
            employer: "JS工業".into(),
            address: "東京都".into(),
            phone: "03-1111-2222".into(),
            start: None,
            municipality: "<港区>".into(),
        };
        let page = list_of(&[row]);
        assert!(
            page.contains("<p>（&lt;港区&gt;担当課長）あて</p>"),
            "{page}"
        );
        assert!(page.contains("山田 &lt;b&gt;太郎&lt;/b&gt;"), "{page}");
        assert!(!page.contains('\u{1b}'));
        assert!(page.contains("&lt;事業所&gt;"));
        assert!(page.contains("<thead><tr><th>退所日</th>"));
        assert!(page.contains("東京都<div class=\"tel\">03-1111-2222</div>"));
        assert!(page.contains("対象期間: 令和8年4月1日 ～ 令和8年4月30日"));
    }
}
