//! A printed form as a grid of cells: the one layout both the Excel and the
//! HTML writer render, so the two cannot drift. A form module (report_form,
//! plan_form) places its labels and values on a grid of `COLS` equal
//! columns across an A4 portrait page; each row's height is estimated from
//! the text it holds so that nothing is cut off in print (`grid_pages`
//! puts a form made for one page on its pages).

use unicode_width::UnicodeWidthChar;

/// Equal columns across the printable width of A4 portrait.
pub(crate) const COLS: u16 = 24;
/// One column in points (24 × 22.5 pt = 540 pt, inside 595 pt less margins).
pub(crate) const COL_PT: f64 = 22.5;
/// A row at least this high (points) is a box to write in: its text
/// starts at the top even when it is one line; a lower row's one line is
/// centred, level with its label.
pub(crate) const WRITE_BOX: f64 = 30.0;
/// The least a one-page form is shrunk to (9 pt text printed at 6.3 pt).
pub(crate) const MIN_SCALE: f64 = 0.7;
/// Text size of labels and values, in points.
pub(crate) const FONT_PT: f64 = 9.0;
/// A cell's padding above and below its text, in points.
pub(crate) const PAD_PT: f64 = 3.0;
/// Row heights are whole pixels (0.75 pt) in a workbook: rounded up, so
/// what is laid out is never taller than what is printed.
const PIXEL_PT: f64 = 0.75;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// The form's title: large, bold, no border.
    Title,
    /// Text beside the title (版, 作成日 …): right-aligned, no border.
    Note,
    /// A section heading across the form: bold on grey.
    Heading,
    /// A printed label of the form: on light grey.
    Label,
    /// A label at the top of its cell, on the first line of the value
    /// beside it (①, （対象者）).
    Tag,
    /// What was entered.
    Value,
    /// Stacked choices (実施／一部／未実施): centred.
    Choices,
    /// Empty space of the form, no border.
    Blank,
}

impl Style {
    pub(crate) fn font_pt(self) -> f64 {
        match self {
            Style::Title => 14.0,
            _ => FONT_PT,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub col: u16,
    pub span: u16,
    /// Rows this cell covers downward (1 = its own row only).
    pub rows: usize,
    pub text: String,
    pub style: Style,
    /// The box goes on from the row above / into the row below: a text
    /// too long for one row (`grid_pages`) carried over, drawn without
    /// the border between.
    pub open_top: bool,
    pub open_bottom: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    /// The least height in points (a stamp box, an empty value to write in).
    pub min: f64,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub title: String,
    pub rows: Vec<Row>,
    /// Rows that begin a new printed page (section boundaries of the form).
    pub page_starts: Vec<usize>,
    /// The first rows, printed again at the top of every page.
    pub repeat: usize,
    /// The form is made for one page: `grid_pages::fit` lays it out so
    /// (`fit`), or over the fewest pages that break cleanly.
    pub one_page: bool,
    /// How a one-page form is printed, once `grid_pages::fit` has laid it
    /// out; `None` for a form of several pages (the plan), printed at
    /// full size with the breaks its layout sets.
    pub fit: Option<Fit>,
}

/// How a form made for one page prints.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Fit {
    /// On one page, shrunk to `scale` (1.0: as it is) if its text is
    /// longer than the page.
    OnePage { scale: f64 },
    /// Over pages at `percent` of full size, each page starting at a row
    /// of `Grid::page_starts`.
    Pages { percent: u16 },
}

/// A cell at `col`, `span` columns wide, one row high.
pub(crate) fn cell(col: u16, span: u16, style: Style, text: impl Into<String>) -> Cell {
    Cell {
        col,
        span,
        rows: 1,
        text: text.into(),
        style,
        open_top: false,
        open_bottom: false,
    }
}

pub(crate) fn label(col: u16, span: u16, text: impl Into<String>) -> Cell {
    cell(col, span, Style::Label, text)
}

pub(crate) fn tag(col: u16, span: u16, text: impl Into<String>) -> Cell {
    cell(col, span, Style::Tag, text)
}

pub(crate) fn value(col: u16, span: u16, text: impl Into<String>) -> Cell {
    cell(col, span, Style::Value, text)
}

impl Cell {
    /// The same cell covering `n` rows downward.
    pub(crate) fn down(mut self, n: usize) -> Cell {
        self.rows = n.max(1);
        self
    }

    /// Whether the text fits one line: such a value is centred in its
    /// height, level with its label; longer text starts at the top.
    pub(crate) fn one_line(&self) -> bool {
        self.lines() <= 1.0
    }

    /// Points this cell needs for its text, at its width.
    pub(crate) fn needed(&self) -> f64 {
        self.lines() * self.line_pt() + PAD_PT
    }

    /// One printed line in points: Noto Sans CJK's line is about 1.45 em.
    pub(crate) fn line_pt(&self) -> f64 {
        self.style.font_pt() * 1.45
    }

    /// Display units (a kanji is 2) a printed line holds at the cell's width.
    pub(crate) fn per_line(&self) -> f64 {
        let f = self.style.font_pt();
        // Inner width less the cell padding; a little slack for lines that
        // break short of the edge (word wrap, no line starting with 、。).
        let inner = (f64::from(self.span) * COL_PT - 3.0) * 0.96;
        (inner / (f / 2.0)).max(2.0)
    }

    /// Printed lines of the text at the cell's width.
    fn lines(&self) -> f64 {
        let per_line = self.per_line();
        self.text
            .split('\n')
            .map(|l| {
                let units: usize = l.chars().map(|c| c.width().unwrap_or(0)).sum();
                (units as f64 / per_line).ceil().max(1.0)
            })
            .sum()
    }
}

impl Grid {
    /// Begin a new page at the next row pushed.
    pub(crate) fn page_break(&mut self) {
        self.page_starts.push(self.rows.len());
    }

    pub(crate) fn push(&mut self, min: f64, cells: Vec<Cell>) {
        self.rows.push(Row { cells, min });
    }

    /// Each row's height in points: the tallest one-row cell in it, and a
    /// cell covering several rows adds what those rows lack to its last.
    pub(crate) fn heights(&self) -> Vec<f64> {
        let mut h: Vec<f64> = self
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .filter(|c| c.rows == 1)
                    .map(Cell::needed)
                    .fold(r.min.max(FONT_PT * 1.45 + PAD_PT), f64::max)
            })
            .collect();
        for (i, r) in self.rows.iter().enumerate() {
            for c in r.cells.iter().filter(|c| c.rows > 1) {
                let last = (i + c.rows).min(h.len()) - 1;
                let have: f64 = h[i..=last].iter().sum();
                let need = c.needed();
                if need > have {
                    h[last] += need - have;
                }
            }
        }
        h.iter().map(|x| (x / PIXEL_PT).ceil() * PIXEL_PT).collect()
    }
}

/// A choice list as printed on the form, the chosen option in 【】 and the
/// others kept: `mark(&["面接", "電話"], "・", "電話")` is 「面接・【電話】」.
/// The detail of a value such as 「その他（喫茶店）」 goes into the option's
/// brackets on the form (その他（ ）), or with the option when the form has
/// none (【雇用事業主内（本社）】); a value that is none of the options is
/// written into the last one's brackets when it has them.
pub(crate) fn mark(options: &[&str], sep: &str, value: &str) -> String {
    let value = value.trim();
    let chosen = |o: &str| {
        let name = o.trim_end_matches("（　）");
        !value.is_empty()
            && (value == name || value.starts_with(&format!("{name}（")) || value == o)
    };
    let mut any = options.iter().any(|o| chosen(o));
    let mut out = Vec::new();
    for (i, o) in options.iter().enumerate() {
        let open = o.ends_with("（　）");
        let name = o.trim_end_matches("（　）");
        let last = i + 1 == options.len();
        let text = if chosen(o) {
            let detail = value
                .strip_prefix(name)
                .and_then(|d| d.strip_prefix('（'))
                .and_then(|d| d.strip_suffix('）'))
                .unwrap_or("");
            match (open, detail.is_empty()) {
                (true, true) => format!("【{name}】（　）"),
                (true, false) => format!("【{name}】（{detail}）"),
                // The form has no brackets here: the detail stays with it.
                (false, false) => format!("【{name}（{detail}）】"),
                (false, true) => format!("【{name}】"),
            }
        } else if open && last && !any && !value.is_empty() {
            // A value that is not among the options: その他（value）.
            any = true;
            format!("【{name}】（{value}）")
        } else {
            o.to_string()
        };
        out.push(text);
    }
    out.join(sep)
}

/// The grid's cells that overlap another or stand outside the columns:
/// a layout mistake that Excel would refuse as overlapping merges.
#[cfg(test)]
pub(crate) fn misplaced(g: &Grid) -> Vec<String> {
    let mut taken = vec![[false; COLS as usize]; g.rows.len()];
    let mut out = Vec::new();
    for (r, row) in g.rows.iter().enumerate() {
        for c in &row.cells {
            if c.col + c.span > COLS || r + c.rows > g.rows.len() || c.span == 0 {
                out.push(format!("row {r}: 「{}」 outside the grid", c.text));
                continue;
            }
            for (rr, cols) in taken.iter_mut().enumerate().skip(r).take(c.rows) {
                for cc in c.col..c.col + c.span {
                    if std::mem::replace(&mut cols[cc as usize], true) {
                        out.push(format!("row {rr} col {cc}: 「{}」 overlaps", c.text));
                    }
                }
            }
        }
    }
    out
}

/// A form's layout, empty and with every field at its longest, tiles the
/// page: no cell overlaps another or leaves the columns, and every row is
/// filled across (so the borders meet).
#[cfg(test)]
pub(crate) fn assert_tiles(
    def: &crate::document_forms::FormDef,
    grid: impl Fn(&crate::document_forms::FormDef, &str, &crate::document_forms::Values) -> Grid,
) {
    let full: crate::document_forms::Values = def
        .all_fields()
        .into_iter()
        .map(|f| (f.id, "あ".repeat(f.max.unwrap_or(10))))
        .collect();
    for v in [crate::document_forms::Values::new(), full] {
        let g = grid(def, "令和8年11月 の支援実績", &v);
        assert_eq!(misplaced(&g), Vec::<String>::new());
        for (r, row) in g.rows.iter().enumerate() {
            let own: u16 = row.cells.iter().map(|c| c.span).sum();
            let above: u16 = g.rows[..r]
                .iter()
                .enumerate()
                .flat_map(|(i, row)| row.cells.iter().filter(move |c| i + c.rows > r))
                .map(|c| c.span)
                .sum();
            assert_eq!(own + above, COLS, "row {r} of {}", def.title);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlap_is_found() {
        let mut g = Grid::default();
        g.push(0.0, vec![value(0, 12, "a").down(2), value(12, 12, "b")]);
        g.push(0.0, vec![value(6, 6, "c")]);
        let found = misplaced(&g);
        assert_eq!(found.len(), 6, "{found:?}");
        assert_eq!(found[0], "row 1 col 6: 「c」 overlaps");
    }

    #[test]
    fn the_chosen_option_is_marked_and_the_others_kept() {
        let place = ["雇用事業主内", "事業所内", "その他（　）"];
        assert_eq!(
            mark(&place, "・", "事業所内"),
            "雇用事業主内・【事業所内】・その他（　）"
        );
        assert_eq!(
            mark(&place, "・", "雇用事業主内（本社）"),
            "【雇用事業主内（本社）】・事業所内・その他（　）"
        );
        assert_eq!(
            mark(&place, "・", "その他"),
            "雇用事業主内・事業所内・【その他】（　）"
        );
        assert_eq!(
            mark(&place, "・", "その他（喫茶店）"),
            "雇用事業主内・事業所内・【その他】（喫茶店）"
        );
        let method = ["面接", "電話", "メール", "その他（　）"];
        assert_eq!(
            mark(&method, "・", "テレビ電話"),
            "面接・電話・メール・【その他】（テレビ電話）"
        );
        assert_eq!(mark(&method, "・", ""), "面接・電話・メール・その他（　）");
        assert_eq!(
            mark(&["実施", "一部", "未実施"], "\n", "未実施"),
            "実施\n一部\n【未実施】"
        );
        // 「実施」 is not chosen by 「未実施」, nor an option without brackets by a stranger.
        assert_eq!(mark(&["実施", "未実施"], "・", "未"), "実施・未実施");
    }

    #[test]
    fn a_row_grows_with_its_text_and_a_tall_merged_cell_grows_its_last_row() {
        let mut g = Grid::default();
        g.push(0.0, vec![value(0, 24, "短い")]);
        g.push(0.0, vec![value(0, 6, "あ".repeat(60))]);
        g.push(0.0, vec![value(0, 12, "あ".repeat(60)).down(2)]);
        g.push(0.0, vec![value(12, 12, "")]);
        let h = g.heights();
        assert!(h[0] < 20.0, "{h:?}");
        // 60 characters in 6 columns (about 13 a line) is five lines or more.
        assert!(h[1] > 5.0 * 9.0 * 1.4, "{h:?}");
        assert!(h[2] + h[3] > 3.0 * 9.0 * 1.4, "{h:?}");
        assert!(h[2] < 20.0, "{h:?}");
    }
}
