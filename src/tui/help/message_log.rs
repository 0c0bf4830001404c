//! The recent messages, newest first, in the help's popup: a long message
//! is read whole here, wrapped, whatever the terminal's width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::popup_area;
use crate::text;
use crate::tui::app::{Message, MessageKind};
use crate::tui::theme::{Slot, Theme};

pub(crate) struct MessageLogView<'a> {
    /// Oldest first, as the app keeps them.
    pub messages: &'a [Message],
    pub theme: &'a Theme,
    /// Messages skipped from the newest.
    pub scroll: u16,
}

impl Widget for MessageLogView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let popup = popup_area(area);
        let block = Block::bordered()
            .border_style(self.theme.style(Slot::BorderFocused))
            .title(Line::styled(
                " 最近のメッセージ（新しい順） ",
                self.theme.style(Slot::Title),
            ));
        let inner = block.inner(popup);
        let w = inner.width.saturating_sub(2) as usize;
        let mut lines = Vec::new();
        for m in self.messages.iter().rev().skip(self.scroll as usize) {
            let slot = match m.kind {
                MessageKind::Info => Slot::Normal,
                MessageKind::Warning => Slot::Warning,
                MessageKind::Error => Slot::Error,
            };
            for (i, l) in text::wrap(&text::for_display(&m.text), w)
                .into_iter()
                .enumerate()
            {
                let mark = if i == 0 { "・" } else { "  " };
                lines.push(Line::styled(format!("{mark}{l}"), self.theme.style(slot)));
            }
        }
        if self.messages.is_empty() {
            lines.push(Line::styled(
                "メッセージはまだありません",
                self.theme.style(Slot::Dim),
            ));
        }
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .style(self.theme.style(Slot::Normal))
            .block(block)
            .render(popup, buf);
    }
}
