//! Drawing the office figures: a title with the fiscal year (and where
//! the page is when it scrolls), then the lines in their styles.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::{FiguresScreen, Shown};
use crate::figures::lines::Kind;
use crate::text;
use crate::tui::theme::{Slot, Theme};

pub(crate) struct FiguresView<'a> {
    pub screen: &'a FiguresScreen,
    pub theme: &'a Theme,
}

fn slot(k: Kind) -> Slot {
    match k {
        Kind::Heading => Slot::Title,
        Kind::Text => Slot::Normal,
        Kind::Dim => Slot::Dim,
        Kind::Warning => Slot::Warning,
        Kind::Error => Slot::Error,
    }
}

impl Widget for FiguresView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.screen, self.theme);
        let block = Block::bordered().border_style(theme.style(Slot::BorderFocused));
        let inner = block.inner(area);
        let height = inner.height as usize;
        let offset = s.offset.min(s.len().saturating_sub(height));
        let mut title = format!(" 事業所の実績 {} ", s.fy.label());
        if s.len() > height {
            title.push_str(&format!("{}/{} ", offset + 1, s.len()));
        }
        block
            .title(Line::styled(
                text::truncate(&title, area.width.saturating_sub(2) as usize).into_owned(),
                theme.style(Slot::Title),
            ))
            .render(area, buf);
        let width = inner.width as usize;
        if width == 0 || height == 0 {
            return;
        }
        let one = |buf: &mut Buffer, y: u16, t: &str, sl: Slot| {
            buf.set_line(
                inner.x,
                y,
                &Line::styled(text::truncate(t, width).into_owned(), theme.style(sl)),
                inner.width,
            );
        };
        match &s.shown {
            Shown::Loading => one(buf, inner.y, "計算しています…", Slot::Dim),
            Shown::Failed(e) => one(buf, inner.y, &text::for_display(e), Slot::Error),
            Shown::Ready(lines) => {
                for (k, l) in lines.iter().skip(offset).take(height).enumerate() {
                    one(
                        buf,
                        inner.y + k as u16,
                        &text::for_display(&l.text),
                        slot(l.kind),
                    );
                }
            }
        }
    }
}
