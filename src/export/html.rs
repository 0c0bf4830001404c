//! Self-contained HTML: escaping, and the inline CSS for A4 printing of
//! the case history page (ケース記録; the forms have their own, `grid_html`).

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
