//! The jump list drawn over the form's fields: a prompt with what was
//! typed, the matching fields numbered in columns (top to bottom, then
//! left to right), and on the status line the field the `enter` key
//! takes, with its section so two 「共有事項」 are told apart. A click on
//! an entry goes there too (`field_at`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::Form;
use crate::text;
use crate::tui::theme::{Slot, Theme};

const PROMPT: &str = "移動先の番号か項目名: ";
/// Columns between two columns of entries.
const GAP: u16 = 2;
const MAX_COLUMNS: u16 = 4;
const STATUS_ROWS: u16 = 3;

/// Where the list's parts go inside the form.
pub(super) struct Grid {
    prompt: Rect,
    /// Each shown entry: its field and its cell.
    pub(super) cells: Vec<(usize, Rect)>,
    /// The entries left out for want of room, and where that is said.
    more: Option<(usize, Rect)>,
    status: Rect,
}

impl Form {
    /// The field's number as the list shows it, right-aligned.
    fn entry(&self, i: usize, num_w: usize) -> (String, String) {
        let label = text::for_display(&self.specs[i].label).into_owned();
        (format!("{:>num_w$}", i + 1), label)
    }

    /// The section field `i` is in: the nearest heading at or above it.
    fn section_of(&self, i: usize) -> Option<&str> {
        self.specs[..=i]
            .iter()
            .rev()
            .find_map(|s| s.heading.as_deref())
    }

    /// The status line under the list: the field the `enter` key takes,
    /// with its section when another field has the same label.
    pub(super) fn jump_status(&self) -> String {
        let Some(i) = self.jump_target() else {
            return "当てはまる項目がありません".to_string();
        };
        let (n, label) = self.entry(i, 0);
        let twin = self
            .specs
            .iter()
            .enumerate()
            .any(|(j, s)| j != i && s.label == self.specs[i].label);
        let section = twin
            .then(|| self.section_of(i))
            .flatten()
            .map(text::for_display)
            .filter(|s| !s.starts_with(&*label))
            .map(|s| format!("（{s}）"))
            .unwrap_or_default();
        format!("移動先: {n} {label}{section}")
    }

    pub(super) fn jump_grid(&self, inner: Rect) -> Grid {
        let status_h = (text::wrap(&self.jump_status(), inner.width as usize).len() as u16)
            .clamp(1, STATUS_ROWS)
            .min(inner.height.saturating_sub(1));
        let prompt = Rect::new(inner.x, inner.y, inner.width, inner.height.min(1));
        let rows = inner.height.saturating_sub(1 + status_h);
        let status = Rect::new(inner.x, inner.y + 1 + rows, inner.width, status_h);
        let found = self.jump_candidates();
        let num_w = self.specs.len().to_string().len();
        let widest = found
            .iter()
            .map(|&i| {
                let (n, l) = self.entry(i, num_w);
                text::width(&n) + 1 + text::width(&l)
            })
            .max()
            .unwrap_or(0) as u16;
        let col_w = |cols: u16| ((inner.width + GAP) / cols).saturating_sub(GAP);
        let fits = |cols: u16| found.len() <= usize::from(cols) * usize::from(rows);
        // Fewest columns that show every entry whole; else that show every
        // entry; else as many as there is room for.
        let cols = (1..=MAX_COLUMNS)
            .find(|&c| fits(c) && col_w(c) >= widest)
            .or_else(|| (1..=MAX_COLUMNS).find(|&c| fits(c)))
            .unwrap_or(MAX_COLUMNS)
            .min((inner.width / 12).max(1));
        let room = usize::from(cols) * usize::from(rows);
        let (per_page, more) = if found.len() > room {
            (room.saturating_sub(1), true)
        } else {
            (room, false)
        };
        // The page the chosen entry is on.
        let chosen = self.jump.as_ref().map_or(0, |j| j.chosen);
        let start = chosen
            .checked_div(per_page)
            .map_or(0, |page| page * per_page);
        let shown: Vec<usize> = found.iter().copied().skip(start).take(per_page).collect();
        // Columns of even length: as many rows as the entries need.
        let cells_used = shown.len() + usize::from(more);
        let per_column = cells_used
            .div_ceil(usize::from(cols))
            .clamp(1, usize::from(rows.max(1)));
        let cell = |k: usize| {
            let (c, r) = (k / per_column, k % per_column);
            let x = inner.x + c as u16 * (col_w(cols) + GAP);
            Rect::new(x, inner.y + 1 + r as u16, col_w(cols), 1)
        };
        let cells = shown
            .iter()
            .enumerate()
            .map(|(k, &i)| (i, cell(k)))
            .collect();
        let left = found.len() - shown.len();
        Grid {
            prompt,
            cells,
            more: (more && rows > 0).then(|| (left, cell(per_page))),
            status,
        }
    }

    /// The field whose entry is at (`x`, `y`).
    pub(super) fn jump_field_at(&self, inner: Rect, x: u16, y: u16) -> Option<usize> {
        let at = Position::new(x, y);
        self.jump_grid(inner)
            .cells
            .into_iter()
            .find(|(_, r)| r.contains(at))
            .map(|(i, _)| i)
    }

    /// Where the terminal cursor goes: after the typed text (the input
    /// method composes there).
    pub(super) fn jump_cursor(&self, inner: Rect) -> Option<Position> {
        let q = self.jump.as_ref()?;
        let x = inner.x as usize + text::width(PROMPT) + text::width(&text::for_display(&q.query));
        (x < inner.right() as usize && inner.height > 0).then(|| Position::new(x as u16, inner.y))
    }

    pub(super) fn render_jump(&self, inner: Rect, theme: &Theme, buf: &mut Buffer) {
        let Some(jump) = &self.jump else { return };
        let grid = self.jump_grid(inner);
        let prompt = Line::from(vec![
            Span::styled(PROMPT, theme.style(Slot::Title)),
            Span::styled(
                text::for_display(&jump.query).into_owned(),
                theme.style(Slot::InputFocused),
            ),
        ]);
        buf.set_line(grid.prompt.x, grid.prompt.y, &prompt, grid.prompt.width);
        let target = self.jump_target();
        let num_w = self.specs.len().to_string().len();
        for &(i, r) in &grid.cells {
            let (n, label) = self.entry(i, num_w);
            let label_w = (r.width as usize).saturating_sub(text::width(&n) + 1);
            let label = text::truncate(&label, label_w).into_owned();
            // The field in focus now stands out too, to see where one is.
            let style = if Some(i) == target {
                theme.style(Slot::Selected)
            } else if i == self.focus {
                theme.style(Slot::Title)
            } else {
                theme.style(Slot::Normal)
            };
            let line = Line::from(vec![
                Span::styled(n, theme.style(Slot::HintKey)),
                Span::raw(" "),
                Span::styled(label, style),
            ]);
            buf.set_line(r.x, r.y, &line, r.width);
        }
        if let Some((left, r)) = grid.more {
            let line = Line::styled(format!("…ほか{left}件"), theme.style(Slot::Dim));
            buf.set_line(r.x, r.y, &line, r.width);
        }
        for (dy, l) in text::wrap(&self.jump_status(), grid.status.width as usize)
            .into_iter()
            .take(grid.status.height as usize)
            .enumerate()
        {
            buf.set_line(
                grid.status.x,
                grid.status.y + dy as u16,
                &Line::styled(l, theme.style(Slot::Dim)),
                grid.status.width,
            );
        }
    }
}
