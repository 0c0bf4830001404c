//! The office figures screen (サービス管理責任者・管理者): the lines of
//! `crate::figures::lines`, one section per figure, scrolled. The figures
//! are computed on another thread (`Effect::LoadFigures`); this holds what
//! arrived and draws it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::theme::{Slot, Theme};
use crate::figures::FiscalYear;
use crate::figures::lines::{self, Kind};
use crate::text;

/// What the screen has to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Being computed.
    Loading,
    Ready(Vec<lines::Line>),
    /// A Japanese message (a refusal, a read error).
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresScreen {
    pub fy: FiscalYear,
    pub shown: Shown,
    /// The first line shown.
    pub offset: usize,
}

impl FiguresScreen {
    pub fn new(fy: FiscalYear) -> Self {
        FiguresScreen {
            fy,
            shown: Shown::Loading,
            offset: 0,
        }
    }

    fn len(&self) -> usize {
        match &self.shown {
            Shown::Ready(l) => l.len(),
            _ => 1,
        }
    }

    /// Scroll by `delta` lines in a body of `height` rows (kept on the page).
    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        let max = self.len().saturating_sub(height);
        self.offset = self.offset.saturating_add_signed(delta).min(max);
    }

    pub fn scroll_end(&mut self, last: bool, height: usize) {
        self.offset = if last {
            self.len().saturating_sub(height)
        } else {
            0
        };
    }
}

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
