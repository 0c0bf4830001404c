//! Drawing the reason dialog over the screen: what is decided, the
//! question, the numbered reasons, the reason as typed, why the last
//! confirm was refused, and on the bottom border its keys as the keymap
//! binds them. The chosen reason is bracketed as well as highlighted
//! (never color alone). Reads only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::ReasonDialog;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::{Slot, Theme};
use crate::tui::widgets::wrap::wrap;

/// Widest the dialog gets; it is a small window, not a form.
const MAX_W: u16 = 66;
const LABEL_W: usize = 10;
const REASON_LABEL: &str = "理由*";
/// Rows one fact may take: a long note must not push the reason away.
const FACT_ROWS: usize = 2;

pub(crate) struct ReasonDialogView<'a> {
    pub(crate) dialog: &'a ReasonDialog,
    pub(crate) keymap: &'a Keymap,
    pub(crate) theme: &'a Theme,
}

/// `v` wrapped to `width`, at most `FACT_ROWS` rows, the last ending in
/// `…` when cut.
fn fact_rows(v: &str, width: usize) -> Vec<String> {
    let mut rows = wrap(v, width);
    if rows.len() > FACT_ROWS {
        let rest = rows.split_off(FACT_ROWS - 1).concat();
        rows.push(text::truncate(&rest, width).into_owned());
    }
    rows
}

/// The end of `s` that fits in `cols` (the cursor is at the end, so the
/// start scrolls off, never the cursor), and its width.
fn tail(s: &str, cols: usize) -> (String, usize) {
    let mut out: Vec<char> = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = text::width(&c.to_string());
        if w + cw > cols {
            break;
        }
        w += cw;
        out.push(c);
    }
    (out.into_iter().rev().collect(), w)
}

/// The lines inside the border, and where the reason's text ends (row,
/// column) for the terminal cursor (the IME composes there).
fn lines(d: &ReasonDialog, width: usize, theme: &Theme) -> (Vec<Line<'static>>, (usize, usize)) {
    let mut out = Vec::new();
    let label = |s: &str| Span::styled(text::fit(s, LABEL_W), theme.style(Slot::Dim));
    let value_w = width.saturating_sub(LABEL_W + 1).max(1);
    for (l, v) in &d.facts {
        if l.is_empty() {
            for part in fact_rows(v, width) {
                out.push(Line::styled(part, theme.style(Slot::Title)));
            }
            continue;
        }
        for (k, part) in fact_rows(v, value_w).into_iter().enumerate() {
            let head = if k == 0 { label(l) } else { label("") };
            out.push(Line::from(vec![
                head,
                Span::raw(" "),
                Span::styled(part, theme.style(Slot::Normal)),
            ]));
        }
    }
    out.push(Line::default());
    // The note shares the prompt's line when both fit, else starts its own.
    let asked = format!("{}{}", d.prompt, d.note);
    let parts = if text::width(&asked) <= width {
        vec![asked]
    } else {
        [wrap(d.prompt, width), wrap(d.note, width)].concat()
    };
    for part in parts {
        out.push(Line::styled(part, theme.style(Slot::Normal)));
    }
    let numbered = d.numbered();
    if !numbered.is_empty() {
        let chosen = d.chosen();
        let mut spans = Vec::new();
        let mut used = 0;
        for (i, word) in numbered.iter().enumerate() {
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
    let (visible, w) = tail(&text::for_display(&d.reason), value_w.saturating_sub(1));
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

impl ReasonDialogView<'_> {
    fn inner_width(area: Rect) -> usize {
        area.width.min(MAX_W).saturating_sub(2) as usize
    }

    /// The rectangle the dialog covers in `area`.
    pub(crate) fn area(&self, area: Rect) -> Rect {
        let (l, _) = lines(self.dialog, Self::inner_width(area), self.theme);
        popup(area, l.len())
    }

    /// The terminal cursor: at the end of the reason (none while writing).
    pub(crate) fn cursor(&self, area: Rect) -> Option<Position> {
        let (l, (row, col)) = lines(self.dialog, Self::inner_width(area), self.theme);
        let r = popup(area, l.len());
        let (x, y) = (r.x + 1 + col as u16, r.y + 1 + row as u16);
        (x < r.right().saturating_sub(1) && y < r.bottom().saturating_sub(1) && !self.dialog.busy)
            .then_some(Position::new(x, y))
    }

    /// `key 説明` for the bottom border, keys as the keymap binds them.
    fn footer(&self) -> Line<'static> {
        let mut spans = vec![Span::raw(" ")];
        for (action, word) in [
            (Action::Enter, self.dialog.confirm),
            (Action::Back, "やめる"),
        ] {
            let Some(key) = self
                .keymap
                .keys_for(Mode::Dialog, action)
                .into_iter()
                .next()
            else {
                continue;
            };
            spans.push(Span::styled(
                key.to_string(),
                self.theme.style(Slot::HintKey),
            ));
            spans.push(Span::styled(
                format!(" {word}  "),
                self.theme.style(Slot::HintText),
            ));
        }
        Line::from(spans).right_aligned()
    }
}

impl Widget for ReasonDialogView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let (l, _) = lines(self.dialog, Self::inner_width(area), theme);
        let r = popup(area, l.len());
        Clear.render(r, buf);
        let block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .style(theme.style(Slot::Normal))
            .title(Line::styled(
                format!(" {} ", self.dialog.title),
                theme.style(Slot::Title),
            ))
            .title_bottom(self.footer());
        let inner = block.inner(r);
        block.render(r, buf);
        for (k, line) in l.iter().take(inner.height as usize).enumerate() {
            buf.set_line(inner.x, inner.y + k as u16, line, inner.width);
        }
    }
}
