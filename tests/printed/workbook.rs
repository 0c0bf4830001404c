//! A workbook read back (calamine): each cell's text where it stands and
//! the merged ranges, to check the grid of a form cell by cell.

use std::collections::HashMap;
use std::path::Path;

/// Every cell of the workbook's first sheet by (row, column), and its
/// merged ranges as ((first row, first col), (last row, last col)).
pub(crate) type Cells = HashMap<(u32, u32), String>;
/// A merged range: (first row, first column), (last row, last column).
pub(crate) type Merge = ((u32, u32), (u32, u32));

pub(crate) fn read_xlsx(path: &Path) -> (Cells, Vec<Merge>) {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(path).expect("the workbook opens");
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).expect("sheet");
    let cells = range
        .cells()
        .map(|(r, c, v)| {
            let (r0, c0) = range.start().unwrap_or((0, 0));
            ((r0 + r as u32, c0 + c as u32), v.to_string())
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let merged = wb
        .merge_cells_by_sheet_name(&name)
        .expect("read merges")
        .into_iter()
        .map(|d| (d.start, d.end))
        .collect();
    (cells, merged)
}

pub(crate) fn at(cells: &Cells, text: &str) -> (u32, u32) {
    *cells
        .iter()
        .find(|(_, v)| v.as_str() == text)
        .unwrap_or_else(|| panic!("no cell {text}"))
        .0
}

/// The (rows, columns) the cell at `pos` covers: its merged range, or 1×1.
pub(crate) fn span(merged: &[Merge], pos: (u32, u32)) -> (u32, u32) {
    merged
        .iter()
        .find(|(s, _)| *s == pos)
        .map(|(s, e)| (e.0 - s.0 + 1, e.1 - s.1 + 1))
        .unwrap_or((1, 1))
}
