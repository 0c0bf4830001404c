//! Drawing the staff picker over the deadlines view: a heading, then one
//! row per choice with its 必須 overdue and due-soon counts and its
//! 努力義務 needing attention, scrolling when
//! there are more than fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::StaffPicker;
use crate::text;
use crate::tui::client_list::scrolled;
use crate::tui::theme::{Slot, Theme};

const MAX_W: u16 = 64;
const LABEL_W: usize = 30;
/// The three count columns.
const COUNTS_W: usize = 8 + 10 + 10;

pub(crate) struct StaffPickerView<'a> {
    pub(crate) picker: &'a StaffPicker,
    pub(crate) theme: &'a Theme,
}

impl StaffPickerView<'_> {
    /// Centered over `area`: one row per choice (scrolling when there are
    /// more than fit), a heading row and the border.
    pub(crate) fn area(&self, area: Rect) -> Rect {
        let w = MAX_W.min(area.width);
        let h = (self.picker.entries.len() as u16 + 3).min(area.height);
        Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        )
    }
}

impl Widget for StaffPickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let r = self.area(area);
        let theme = self.theme;
        Clear.render(r, buf);
        let block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .style(theme.style(Slot::Normal))
            .title(Line::styled(" 担当者を選ぶ ", theme.style(Slot::Title)));
        let inner = block.inner(r);
        block.render(r, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let width = inner.width as usize;
        // 期限超過 and 期限間近 count the 必須 items; the 努力義務 apart.
        // The names give way to the counts in a narrow terminal.
        let label_w = LABEL_W.min(width.saturating_sub(2 + COUNTS_W));
        let heading = format!("  {}期限超過  期限間近  努力義務", text::fit("", label_w));
        buf.set_line(
            inner.x,
            inner.y,
            &Line::styled(
                text::truncate(&heading, width).into_owned(),
                theme.style(Slot::Dim),
            ),
            inner.width,
        );
        let rows = inner.height.saturating_sub(1) as usize;
        let offset = scrolled(0, self.picker.cursor, rows);
        for (k, e) in self
            .picker
            .entries
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows)
        {
            let y = inner.y + 1 + (k - offset) as u16;
            let here = k == self.picker.cursor;
            let line = Line::from(vec![
                Span::raw(if here { "> " } else { "  " }),
                Span::raw(text::fit(&e.label, label_w)),
                Span::styled(
                    format!("{:>8}", e.overdue),
                    theme.style(if e.overdue > 0 {
                        Slot::StatusOverdue
                    } else {
                        Slot::Normal
                    }),
                ),
                Span::styled(
                    format!("{:>10}", e.due_soon),
                    theme.style(if e.due_soon > 0 {
                        Slot::StatusDueSoon
                    } else {
                        Slot::Normal
                    }),
                ),
                Span::styled(format!("{:>10}", e.effort), theme.style(Slot::Dim)),
            ]);
            buf.set_line(inner.x, y, &line, inner.width);
            if here {
                buf.set_style(
                    Rect::new(inner.x, y, inner.width, 1),
                    theme.style(Slot::Selected),
                );
            }
        }
    }
}
