//! A form made for one page (the 支援レポート) put on A4 paper. Its rows
//! are as tall as their text; a row taller than Excel allows (409 pt) is
//! split into rows that carry the same boxes on (`Cell::open_top` and
//! `open_bottom`), so nothing is cut off. Then the pages: the whole form
//! on one page when it fits at `MIN_SCALE` or larger (as the notice's
//! 作成例 does at full size); otherwise the fewest pages — two, at every
//! field's longest — at the largest size that gives them, broken only
//! where the form may part: a heading or a row of labels goes with what
//! follows it, and the rows a merged cell spans stay together.

use unicode_width::UnicodeWidthChar;

use super::grid::{Cell, Fit, Grid, MIN_SCALE, PAD_PT, Row, Style};

/// Excel's tallest row, in points.
pub(crate) const ROW_MAX: f64 = 409.0;

/// The height a page prints, in points: the HTML's A4 inside 10 mm
/// margins (the workbook's, inside 0.3 in, is taller), less 2 % for the
/// borders and rounding a renderer adds: one layout serves both files.
pub(crate) const PAGE_PT: f64 = 277.0 / 25.4 * 72.0 * 0.98;

/// Rows a merged cell spans, together taller than this, carry its text
/// over them instead, so the group can part between pages (a page less
/// the headings kept with it).
const GROUP_MAX: f64 = 660.0;

/// A form made for one page is shrunk (to `MIN_SCALE` at most) to go on
/// this many pages; a longer one prints at `FULL` size on as many as it
/// needs.
const MOST_PAGES: usize = 2;

/// The largest size, in percent, a form of several pages prints at: the
/// workbook's columns come out about 2 % wider in LibreOffice than laid
/// out (540 pt), and at 100 % the last would go to a page of its own
/// beside each (a page of one form is fitted to the width by the fit to
/// one page; a scale is not).
const FULL: u16 = 97;

/// Lay out `g` (a one-page form) for printing: split, then paginate.
pub(crate) fn fit(g: &mut Grid) {
    // A form with breaks of its own (the plan) is not one to fit.
    if !g.one_page || !g.page_starts.is_empty() || g.repeat > 0 {
        return;
    }
    split(g);
    let h = g.heights();
    let total: f64 = h.iter().sum();
    if total * MIN_SCALE <= PAGE_PT {
        g.fit = Some(Fit::OnePage {
            scale: (PAGE_PT / total).min(1.0),
        });
        return;
    }
    let units = units(g, &h);
    let least = (MIN_SCALE * 100.0).round() as u16;
    let at = |p: u16| breaks(&units, PAGE_PT * 100.0 / f64::from(p));
    let (percent, starts) = (least..=FULL)
        .rev()
        .map(|p| (p, at(p)))
        .find(|(_, b)| b.len() < MOST_PAGES)
        .unwrap_or_else(|| (FULL, at(FULL)));
    g.page_starts = starts;
    g.fit = Some(Fit::Pages { percent });
    close_at_breaks(g);
}

fn heights_of(rows: &[Row]) -> Vec<f64> {
    Grid {
        rows: rows.to_vec(),
        ..Grid::default()
    }
    .heights()
}

/// The last row of the group starting at `i`: the rows merged cells tie
/// to it.
fn group_end(rows: &[Row], i: usize) -> usize {
    let mut end = i;
    let mut r = i;
    while r <= end && r < rows.len() {
        for c in &rows[r].cells {
            end = end.max(r + c.rows - 1);
        }
        r += 1;
    }
    end.min(rows.len() - 1)
}

fn split(g: &mut Grid) {
    let rows = std::mem::take(&mut g.rows);
    let mut i = 0;
    while i < rows.len() {
        let end = group_end(&rows, i);
        let mut group = rows[i..=end].to_vec();
        let h = heights_of(&group);
        if end > i && (h.iter().any(|&x| x > ROW_MAX) || h.iter().sum::<f64>() > GROUP_MAX) {
            unmerge(&mut group);
        }
        for row in group {
            g.rows.extend(split_row(row));
        }
        i = end + 1;
    }
}

/// `text` as printed in `c`, cut after `n` lines (as `Cell::lines` counts
/// them): (the first n lines, the rest). The cut goes back to a 。 or a
/// line break in the last line when there is one, so the carried-over
/// part starts a sentence.
fn cut(c: &Cell, text: &str, n: usize) -> (String, String) {
    if n == 0 {
        return (String::new(), text.to_string());
    }
    let per = c.per_line();
    let (mut lines, mut units, mut line_start) = (1usize, 0.0f64, 0usize);
    for (i, ch) in text.char_indices() {
        if ch == '\n' {
            if lines == n {
                return (text[..i].to_string(), text[i + 1..].to_string());
            }
            (lines, units, line_start) = (lines + 1, 0.0, i + 1);
            continue;
        }
        let w = ch.width().unwrap_or(0) as f64;
        if units + w > per {
            if lines == n {
                // Back to just after the last 。 of this line, if any.
                let at = text[line_start..i]
                    .rfind('。')
                    .map_or(i, |p| line_start + p + '。'.len_utf8());
                return (text[..at].to_string(), text[at..].to_string());
            }
            (lines, units, line_start) = (lines + 1, 0.0, i);
        }
        units += w;
    }
    (text.to_string(), String::new())
}

/// The merged cells of `group` carried over the rows they span instead:
/// each row takes the lines its other cells leave room for, the last
/// the rest (split further by `split_row` if it is too tall).
fn unmerge(group: &mut [Row]) {
    let merged: Vec<(usize, Cell)> = group
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.cells
                .iter()
                .filter(|c| c.rows > 1)
                .map(move |c| (r, c.clone()))
        })
        .collect();
    for row in group.iter_mut() {
        row.cells.retain(|c| c.rows == 1);
    }
    let base = heights_of(group);
    for (r, m) in merged {
        let last = (r + m.rows - 1).min(group.len() - 1);
        let mut text = m.text.clone();
        for (k, row) in group.iter_mut().enumerate().take(last + 1).skip(r) {
            let (head, rest) = if k == last {
                (std::mem::take(&mut text), String::new())
            } else {
                let room = ((base[k] - PAD_PT) / m.line_pt()).floor().max(0.0) as usize;
                cut(&m, &text, room)
            };
            text = rest;
            row.cells.push(Cell {
                rows: 1,
                text: head,
                open_top: k > r || m.open_top,
                open_bottom: k < last || m.open_bottom,
                ..m.clone()
            });
            row.cells.sort_by_key(|c| c.col);
        }
    }
}

/// A row taller than Excel's tallest split into rows of at most that,
/// each cell's text carried on in the same box.
fn split_row(row: Row) -> Vec<Row> {
    let too_tall = heights_of(std::slice::from_ref(&row))
        .first()
        .is_some_and(|&h| h > ROW_MAX);
    if !too_tall || row.cells.iter().any(|c| c.rows > 1) {
        return vec![row];
    }
    let line = row.cells.iter().map(Cell::line_pt).fold(0.0, f64::max);
    let n = (((ROW_MAX - PAD_PT) / line).floor() as usize).max(1);
    let mut rest: Vec<String> = row.cells.iter().map(|c| c.text.clone()).collect();
    let mut out: Vec<Row> = Vec::new();
    loop {
        let first = out.is_empty();
        let mut cells = Vec::new();
        for (c, text) in row.cells.iter().zip(rest.iter_mut()) {
            let (head, tail) = cut(c, text, n);
            *text = tail;
            cells.push(Cell {
                text: head,
                open_top: c.open_top || !first,
                ..c.clone()
            });
        }
        out.push(Row {
            cells,
            min: if first { row.min } else { 0.0 },
        });
        if rest.iter().all(String::is_empty) {
            break;
        }
    }
    let last = out.len() - 1;
    for r in &mut out[..last] {
        for c in &mut r.cells {
            c.open_bottom = true;
        }
    }
    out
}

/// Whether a row only heads what follows (a section heading, a row of
/// column labels): it never ends a page.
fn heads(row: &Row) -> bool {
    row.cells
        .iter()
        .all(|c| !matches!(c.style, Style::Value | Style::Choices))
}

/// The pieces a page may end after, as (first row, height): the rows a
/// merged cell ties together, with the heading rows before them.
fn units(g: &Grid, h: &[f64]) -> Vec<(usize, f64)> {
    let mut out: Vec<(usize, f64)> = Vec::new();
    let mut pending: Option<(usize, f64)> = None;
    let mut i = 0;
    while i < g.rows.len() {
        let end = group_end(&g.rows, i);
        let height: f64 = h[i..=end].iter().sum();
        let (start, sum) = match pending.take() {
            Some((s, x)) => (s, x + height),
            None => (i, height),
        };
        if g.rows[i..=end].iter().all(heads) {
            pending = Some((start, sum));
        } else {
            out.push((start, sum));
        }
        i = end + 1;
    }
    out.extend(pending);
    out
}

/// Where pages begin, filling each as far as `room` allows.
fn breaks(units: &[(usize, f64)], room: f64) -> Vec<usize> {
    let mut used = 0.0;
    let mut out = Vec::new();
    for &(start, height) in units {
        if used > 0.0 && used + height > room {
            out.push(start);
            used = 0.0;
        }
        used += height;
    }
    out
}

/// A box carried over to the next page is closed at the page's foot and
/// opens the next one with its own border.
fn close_at_breaks(g: &mut Grid) {
    for &start in &g.page_starts.clone() {
        for (r, row) in g.rows.iter_mut().enumerate().take(start) {
            for c in row.cells.iter_mut().filter(|c| r + c.rows == start) {
                c.open_bottom = false;
            }
        }
        if let Some(row) = g.rows.get_mut(start) {
            for c in &mut row.cells {
                c.open_top = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::grid::{tag, value};

    #[test]
    fn a_row_too_tall_for_excel_is_carried_over_rows_and_keeps_all_its_text() {
        let long: String = "職場での過ごし方を確認しました。\n".repeat(60);
        let mut g = Grid {
            one_page: true,
            ..Grid::default()
        };
        g.push(72.0, vec![tag(0, 1, "①"), value(1, 23, long.clone())]);
        split(&mut g);
        assert!(g.rows.len() > 1);
        assert!(
            g.heights().iter().all(|&h| h <= ROW_MAX),
            "{:?}",
            g.heights()
        );
        let joined: String = g
            .rows
            .iter()
            .map(|r| r.cells[1].text.clone())
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(joined.trim_end(), long.trim_end());
        assert_eq!(g.rows[0].cells[0].text, "①");
        assert!(g.rows[1].cells[0].text.is_empty() && g.rows[1].cells[0].open_top);
        assert!(g.rows[0].cells[1].open_bottom && !g.rows[0].cells[1].open_top);
        let last = g.rows.last().expect("rows");
        assert!(!last.cells[1].open_bottom);
    }

    #[test]
    fn a_cut_goes_back_to_the_end_of_a_sentence() {
        let c = value(0, 24, "");
        let text = format!("{}。{}", "あ".repeat(70), "い".repeat(100));
        let (head, rest) = cut(&c, &text, 2);
        assert_eq!(head, format!("{}。", "あ".repeat(70)));
        assert_eq!(rest, "い".repeat(100));
    }

    #[test]
    fn a_tall_merged_cell_is_carried_over_the_rows_it_spans() {
        let mut g = Grid {
            one_page: true,
            ..Grid::default()
        };
        let long = "今後の支援内容。".repeat(150);
        g.push(
            0.0,
            vec![value(0, 12, long.clone()).down(3), value(12, 12, "a")],
        );
        g.push(0.0, vec![value(12, 12, "b")]);
        g.push(0.0, vec![value(12, 12, "c")]);
        split(&mut g);
        assert!(g.rows.iter().all(|r| r.cells.iter().all(|c| c.rows == 1)));
        assert!(g.heights().iter().all(|&h| h <= ROW_MAX));
        let left: String = g.rows.iter().map(|r| r.cells[0].text.clone()).collect();
        assert_eq!(left, long);
        assert_eq!(crate::export::grid::misplaced(&g), Vec::<String>::new());
    }

    #[test]
    fn a_heading_is_never_the_last_row_of_a_page() {
        let mut g = Grid {
            one_page: true,
            ..Grid::default()
        };
        for _ in 0..4 {
            g.push(
                0.0,
                vec![crate::export::grid::cell(0, 24, Style::Heading, "見出し")],
            );
            g.push(300.0, vec![value(0, 24, "")]);
        }
        let h = g.heights();
        let u = units(&g, &h);
        assert_eq!(u.iter().map(|x| x.0).collect::<Vec<_>>(), [0, 2, 4, 6]);
        // Two units a page at most: the breaks fall before a heading.
        assert_eq!(breaks(&u, 700.0), [4]);
    }

    #[test]
    fn the_report_at_every_fields_longest_is_two_pages_within_excels_rows() {
        let def = crate::document_forms::report_form();
        let full: crate::document_forms::Values = def
            .all_fields()
            .into_iter()
            .map(|f| (f.id, "あ".repeat(f.max.unwrap_or(40))))
            .collect();
        let mut g = super::super::report_form::grid(&def, "令和8年11月 の支援実績", &full);
        fit(&mut g);
        assert!(
            matches!(g.fit, Some(Fit::Pages { percent }) if percent >= 70),
            "{:?}",
            g.fit
        );
        assert_eq!(g.page_starts.len(), 1, "two pages");
        assert!(g.heights().iter().all(|&h| h <= ROW_MAX));
        for &s in &g.page_starts {
            assert!(!heads(&g.rows[s - 1]), "a heading ends page 1");
        }
        assert_eq!(crate::export::grid::misplaced(&g), Vec::<String>::new());
    }

    #[test]
    fn a_long_form_goes_on_two_pages_at_the_largest_size_that_allows() {
        let mut g = Grid {
            one_page: true,
            ..Grid::default()
        };
        for _ in 0..6 {
            g.push(
                0.0,
                vec![crate::export::grid::cell(0, 24, Style::Heading, "見出し")],
            );
            g.push(250.0, vec![value(0, 24, "")]);
        }
        fit(&mut g);
        let Some(Fit::Pages { percent }) = g.fit else {
            panic!("{:?}", g.fit)
        };
        assert!((70..=FULL).contains(&percent), "{percent}");
        assert_eq!(g.page_starts.len(), 1);
        // A form that fits is one page at full size.
        let mut short = Grid {
            one_page: true,
            ..Grid::default()
        };
        short.push(0.0, vec![value(0, 24, "短い")]);
        fit(&mut short);
        assert_eq!(short.fit, Some(Fit::OnePage { scale: 1.0 }));
    }
}
