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

/// The first sheet's XML as written.
fn sheet_xml(path: &Path) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).expect("open xlsx")).expect("zip");
    let mut xml = String::new();
    z.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet1")
        .read_to_string(&mut xml)
        .expect("read sheet");
    xml
}

/// The value of attribute `name` in the attributes `tag` of an element
/// (`r="1" ht="15" …`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let at = if tag.starts_with(&key) {
        key.len()
    } else {
        tag.find(&format!(" {key}"))? + key.len() + 1
    };
    tag[at..].split('"').next()
}

/// Each row's height in points as the workbook sets it.
pub(crate) fn row_heights(path: &Path) -> Vec<f64> {
    let xml = sheet_xml(path);
    xml.split("<row ")
        .skip(1)
        .filter_map(|r| attr(&r[..r.find('>').unwrap_or(r.len())], "ht"))
        .map(|h| h.parse().expect("a height"))
        .collect()
}

/// The print scale in percent (`None`: fit to pages), and the rows a
/// new page begins at.
pub(crate) fn print_setup(path: &Path) -> (Option<u16>, Vec<u32>) {
    let xml = sheet_xml(path);
    let setup = xml
        .split("<pageSetup")
        .nth(1)
        .map(|s| &s[..s.find('>').unwrap_or(s.len())])
        .unwrap_or("");
    let scale = attr(setup, "scale").map(|s| s.parse().expect("scale"));
    let breaks = xml
        .split("<brk ")
        .skip(1)
        .filter_map(|b| attr(b, "id").map(|i| i.parse().expect("row")))
        .collect();
    (scale, breaks)
}
