//! Test helpers shared by the TUI modules.

use ratatui::buffer::Buffer;

use crate::text;

/// The screen as text, one line per row, wide characters once (the cell a
/// wide character covers is skipped), so snapshots read like the terminal.
pub(super) fn screen(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = text::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
