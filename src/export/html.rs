//! Self-contained HTML: inline CSS for A4 printing, no outside assets.

use std::fmt::Write as _;

use super::{Line, lines};
use crate::forms::{FormDef, Values};

pub(super) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\n' => o.push_str("<br>"),
            c => o.push(c),
        }
    }
    o
}

pub(super) const CSS: &str = "@page{size:A4;margin:12mm}\
body{font-family:'Yu Gothic','Hiragino Sans','Noto Sans CJK JP',sans-serif;font-size:9.5pt;margin:0}\
h1{font-size:14pt;text-align:center;margin:0 0 2mm}\
p.sub{text-align:center;margin:0 0 3mm}\
table{border-collapse:collapse;width:100%;table-layout:fixed}\
th,td{border:0.6pt solid #000;padding:1.2mm 1.6mm;vertical-align:top;word-wrap:break-word}\
th{background:#f0f0f0;text-align:left;font-weight:normal;width:26%}\
th.h{background:#d9d9d9;font-weight:bold;width:auto}\
@media print{th,th.h{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// The document as one HTML page; `subtitle` is e.g. 令和8年10月 の支援実績.
pub(crate) fn html(def: &FormDef, subtitle: &str, values: &Values) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n<table>\n",
        esc(&def.title),
        esc(&def.title),
        esc(subtitle)
    );
    for line in lines(def, values) {
        match line {
            Line::Heading(t) => {
                let _ = writeln!(o, "<tr><th class=\"h\" colspan=\"4\">{}</th></tr>", esc(t));
            }
            Line::Field(f, v) => {
                let _ = writeln!(
                    o,
                    "<tr><th>{}</th><td colspan=\"3\">{}</td></tr>",
                    esc(&f.label),
                    esc(&v)
                );
            }
            Line::TableHead(cols) => {
                o.push_str("<tr><th></th>");
                for c in cols {
                    let _ = write!(o, "<th>{}</th>", esc(c));
                }
                o.push_str("</tr>\n");
            }
            Line::TableRow(cells) => {
                o.push_str("<tr><th></th>");
                for c in cells {
                    let _ = write!(o, "<td>{}</td>", esc(&c));
                }
                o.push_str("</tr>\n");
            }
        }
    }
    o.push_str("</table>\n</body></html>\n");
    o
}
