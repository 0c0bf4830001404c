//! Drawing the history screen: its title (whose changes, how many, where
//! the page is), the lines of `HistoryScreen::lines` from the scroll
//! position, and on the bottom border the key that returns and where to.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::{HistoryScreen, LineKind, Shown};
use crate::text;
use crate::tui::theme::{Slot, Theme};

pub(crate) struct HistoryView<'a> {
    pub screen: &'a HistoryScreen,
    pub theme: &'a Theme,
    /// The key that returns (the keymap's), if bound.
    pub back_key: Option<String>,
}

fn slot(k: LineKind) -> Slot {
    match k {
        LineKind::Note => Slot::Dim,
        LineKind::Head => Slot::Title,
        LineKind::Body => Slot::Normal,
        LineKind::Error => Slot::Error,
    }
}

impl Widget for HistoryView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.screen, self.theme);
        let block = Block::bordered().border_style(theme.style(Slot::BorderFocused));
        let inner = block.inner(area);
        let (width, height) = (inner.width as usize, inner.height as usize);
        let lines = s.lines(width.max(1));
        let offset = s.offset.min(lines.len().saturating_sub(height));
        let mut title = if s.everyone {
            " 全員の変更履歴 ".to_string()
        } else {
            " 自分の変更履歴 ".to_string()
        };
        if let Shown::Ready(rows) = &s.shown {
            title.push_str(&format!("{}件 ", rows.len()));
        }
        if lines.len() > height {
            title.push_str(&format!("{}/{} ", offset + 1, lines.len()));
        }
        let back = match &self.back_key {
            Some(k) => format!(" {k}: {}に戻る ", s.back.label),
            None => format!(" {}に戻る ", s.back.label),
        };
        let room = area.width.saturating_sub(2) as usize;
        block
            .title(Line::styled(
                text::truncate(&title, room).into_owned(),
                theme.style(Slot::Title),
            ))
            .title_bottom(Line::styled(
                text::truncate(&text::for_display(&back), room).into_owned(),
                theme.style(Slot::HintText),
            ))
            .render(area, buf);
        if width == 0 || height == 0 {
            return;
        }
        for (k, l) in lines.iter().skip(offset).take(height).enumerate() {
            // Wrapped to the width already: nothing is cut here.
            buf.set_line(
                inner.x,
                inner.y + k as u16,
                &Line::styled(
                    text::for_display(&l.text).into_owned(),
                    theme.style(slot(l.kind)),
                ),
                inner.width,
            );
        }
    }
}
