//! A small question over the screen, answered with one key: a title, a
//! line or two saying why it is asked, and each key with what it does.
//! The caller sanitizes the text (it may hold names people typed).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget};

use crate::text;
use crate::tui::theme::{Slot, Theme};

const MAX_WIDTH: u16 = 64;
/// Columns of the key column.
const KEY_COL: usize = 6;

/// What to ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prompt {
    pub title: String,
    pub lines: Vec<String>,
    /// (key, what it does).
    pub choices: Vec<(String, String)>,
}

pub(crate) struct PromptView<'a> {
    pub prompt: &'a Prompt,
    pub theme: &'a Theme,
}

/// Where the prompt goes: centered, as wide as the text needs (at most
/// 64 columns), one row per line plus a blank and the choices.
pub(crate) fn prompt_area(area: Rect, p: &Prompt) -> Rect {
    let widest = p
        .lines
        .iter()
        .map(|l| text::width(l))
        .chain(
            p.choices
                .iter()
                .map(|(_, what)| 2 + KEY_COL + text::width(what)),
        )
        .chain([text::width(&p.title) + 4])
        .max()
        .unwrap_or(0);
    let w = (widest as u16 + 4).min(MAX_WIDTH).min(area.width);
    let rows = p.lines.len() + 1 + p.choices.len() + 2;
    let h = (rows as u16).min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

impl Widget for PromptView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.prompt;
        let r = prompt_area(area, p);
        let inner = (r.width as usize).saturating_sub(4);
        let normal = self.theme.style(Slot::Normal);
        let mut lines: Vec<Line> = p
            .lines
            .iter()
            .map(|l| Line::styled(text::truncate(l, inner).into_owned(), normal))
            .collect();
        lines.push(Line::default());
        for (key, what) in &p.choices {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}", text::fit(key, KEY_COL)),
                    self.theme.style(Slot::HintKey),
                ),
                Span::styled(
                    text::truncate(what, inner.saturating_sub(2 + KEY_COL)).into_owned(),
                    normal,
                ),
            ]));
        }
        let block = Block::bordered()
            .padding(Padding::horizontal(1))
            .border_style(self.theme.style(Slot::BorderFocused))
            .title(Line::styled(
                format!(" {} ", text::truncate(&p.title, inner)),
                self.theme.style(Slot::Title),
            ));
        Clear.render(r, buf);
        Paragraph::new(lines)
            .style(normal)
            .block(block)
            .render(r, buf);
    }
}
