//! Drawing the decision dialog over the screen: what is decided (client,
//! item, due day, the earlier decision), the numbered reasons, the reason
//! as typed, and why the last confirm was refused. The chosen reason is
//! bracketed as well as highlighted (never color alone). Reads only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::Decision;
use crate::text;
use crate::tui::detail::wrap;
use crate::tui::theme::{Slot, Theme};

/// Widest the dialog gets; it is a small window, not a form.
const MAX_W: u16 = 66;
const LABEL_W: usize = 10;
const REASON_LABEL: &str = "理由*";

pub(crate) struct DecisionView<'a> {
    pub(crate) decision: &'a Decision,
    pub(crate) theme: &'a Theme,
}

/// The lines inside the border, and where the reason's text ends (row,
/// column) for the terminal cursor (the IME composes there).
fn lines(d: &Decision, width: usize, theme: &Theme) -> (Vec<Line<'static>>, (usize, usize)) {
    let mut out = Vec::new();
    let label = |s: &str| Span::styled(text::fit(s, LABEL_W), theme.style(Slot::Dim));
    let value_w = width.saturating_sub(LABEL_W + 1).max(1);
    for (l, v) in &d.facts {
        for (k, part) in wrap(v, value_w).into_iter().enumerate() {
            let head = if k == 0 { label(l) } else { label("") };
            out.push(Line::from(vec![
                head,
                Span::raw(" "),
                Span::styled(part, theme.style(Slot::Normal)),
            ]));
        }
    }
    out.push(Line::default());
    for part in wrap(d.prompt(), width) {
        out.push(Line::styled(part, theme.style(Slot::Normal)));
    }
    let choices = d.choices();
    if !choices.is_empty() {
        let chosen = d.chosen();
        let mut spans = Vec::new();
        let mut used = 0;
        for (i, word) in choices.iter().enumerate() {
            let (s, slot) = if chosen == Some(i) {
                (format!("[{} {word}]", i + 1), Slot::Selected)
            } else {
                (format!(" {} {word} ", i + 1), Slot::Normal)
            };
            let w = text::width(&s) + 1;
            if used + w > width && used > 0 {
                out.push(Line::from(std::mem::take(&mut spans)));
                used = 0;
            }
            spans.push(Span::styled(s, theme.style(slot)));
            spans.push(Span::raw(" "));
            used += w;
        }
        out.push(Line::from(spans));
    }
    // The reason keeps its end in view: the start scrolls off, never the cursor.
    let shown = text::for_display(&d.reason).into_owned();
    let room = value_w.saturating_sub(1);
    let mut tail: Vec<char> = Vec::new();
    let mut w = 0;
    for c in shown.chars().rev() {
        let cw = text::width(&c.to_string());
        if w + cw > room {
            break;
        }
        w += cw;
        tail.push(c);
    }
    let visible: String = tail.into_iter().rev().collect();
    let cursor = (out.len(), LABEL_W + 1 + w);
    out.push(Line::from(vec![
        label(REASON_LABEL),
        Span::raw(" "),
        Span::styled(
            text::fit(&visible, value_w),
            theme.style(Slot::InputFocused),
        ),
    ]));
    if let Some(e) = &d.error {
        for part in wrap(e, width) {
            out.push(Line::styled(part, theme.style(Slot::Error)));
        }
    } else if d.busy {
        out.push(Line::styled("書き込んでいます…", theme.style(Slot::Dim)));
    }
    (out, cursor)
}

/// Where the dialog goes in `area` (the screen's body), centred.
fn popup(area: Rect, rows: usize) -> Rect {
    let w = area.width.min(MAX_W);
    let h = (rows as u16 + 2).min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

impl DecisionView<'_> {
    fn inner_width(area: Rect) -> usize {
        area.width.min(MAX_W).saturating_sub(2) as usize
    }

    /// The rectangle the dialog covers in `area`.
    pub(crate) fn area(&self, area: Rect) -> Rect {
        let (l, _) = lines(self.decision, Self::inner_width(area), self.theme);
        popup(area, l.len())
    }

    /// The terminal cursor: at the end of the reason.
    pub(crate) fn cursor(&self, area: Rect) -> Option<Position> {
        let (l, (row, col)) = lines(self.decision, Self::inner_width(area), self.theme);
        let r = popup(area, l.len());
        let (x, y) = (r.x + 1 + col as u16, r.y + 1 + row as u16);
        (x < r.right().saturating_sub(1) && y < r.bottom().saturating_sub(1))
            .then_some(Position::new(x, y))
    }
}

impl Widget for DecisionView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let (l, _) = lines(self.decision, Self::inner_width(area), theme);
        let r = popup(area, l.len());
        Clear.render(r, buf);
        let block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .style(theme.style(Slot::Normal))
            .title(Line::styled(
                format!(" {} ", self.decision.ask.title()),
                theme.style(Slot::Title),
            ));
        let inner = block.inner(r);
        block.render(r, buf);
        for (k, line) in l.iter().take(inner.height as usize).enumerate() {
            buf.set_line(inner.x, inner.y + k as u16, line, inner.width);
        }
    }
}
