//! Drawing the delete dialog: the record named in a question, the reason
//! being typed with the quick reasons by number, and its keys (from the
//! keymap) on the bottom border. Reads the state, changes nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::action::Action;
use super::app::{DeleteDialog, QUICK_REASONS};
use super::detail::wrap;
use super::keymap::{Keymap, Mode};
use super::theme::{Slot, Theme};
use crate::text;

const MAX_WIDTH: u16 = 72;
const HEIGHT: u16 = 11;
const REASON_LABEL: &str = "削除の理由（必須）: ";

/// Where the dialog goes in `body`: centered, at most 72 wide.
pub(crate) fn dialog_area(body: Rect) -> Rect {
    let w = body.width.min(MAX_WIDTH);
    let h = body.height.min(HEIGHT);
    Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    )
}

pub(crate) struct DeleteDialogView<'a> {
    pub(crate) dialog: &'a DeleteDialog,
    pub(crate) keymap: &'a Keymap,
    pub(crate) theme: &'a Theme,
}

/// The text area inside the border, one column in from each side.
fn inner(area: Rect) -> Rect {
    let r = Block::bordered().inner(area);
    Rect::new(
        r.x.saturating_add(1),
        r.y,
        r.width.saturating_sub(2),
        r.height,
    )
}

/// The end of `s` that fits in `cols` (the cursor is at the end).
fn tail(s: &str, cols: usize) -> String {
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
    out.into_iter().rev().collect()
}

impl DeleteDialogView<'_> {
    /// `key 説明` for the bottom border, keys as the keymap binds them.
    fn footer(&self) -> Line<'static> {
        let mut spans = vec![Span::raw(" ")];
        for (action, word) in [(Action::Enter, "削除する"), (Action::Back, "やめる")] {
            let Some(key) = self
                .keymap
                .keys_for(Mode::Confirm, action)
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

    fn reason_shown(&self, width: usize) -> String {
        let room = width.saturating_sub(text::width(REASON_LABEL) + 1);
        tail(&text::for_display(&self.dialog.reason), room)
    }

    /// Where the terminal cursor goes (after the reason, for the IME).
    pub(crate) fn cursor_position(&self, area: Rect) -> Option<Position> {
        let r = inner(area);
        let y = r.y + 3;
        let shown = self.reason_shown(r.width as usize);
        let x = r.x + (text::width(REASON_LABEL) + text::width(&shown)) as u16;
        (y < r.bottom() && x < r.right() && !self.dialog.busy).then(|| Position::new(x, y))
    }
}

impl Widget for DeleteDialogView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let d = self.dialog;
        Clear.render(area, buf);
        let block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .style(theme.style(Slot::Normal))
            .title(Line::styled(" 記録の削除 ", theme.style(Slot::Title)))
            .title_bottom(self.footer());
        block.render(area, buf);
        let r = inner(area);
        let width = r.width as usize;
        if width == 0 {
            return;
        }
        let dim = theme.style(Slot::Dim);
        let question = format!("{} を削除しますか", d.what);
        let mut lines: Vec<Line> = wrap(&question, width)
            .into_iter()
            .take(2)
            .map(|l| Line::styled(l, theme.style(Slot::Title)))
            .collect();
        if lines.len() < 2 {
            let detail = if d.detail.is_empty() {
                String::new()
            } else {
                format!("内容: {}", text::for_display(&d.detail))
            };
            lines.push(Line::styled(
                text::truncate(&detail, width).into_owned(),
                dim,
            ));
        }
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::raw(REASON_LABEL),
            Span::styled(
                text::fit(
                    &self.reason_shown(width),
                    width.saturating_sub(text::width(REASON_LABEL)),
                ),
                theme.style(Slot::InputFocused),
            ),
        ]));
        let mut quick = vec![Span::raw("  ")];
        for (n, q) in QUICK_REASONS.iter().enumerate() {
            quick.push(Span::styled(
                format!("{}", n + 1),
                theme.style(Slot::HintKey),
            ));
            quick.push(Span::styled(
                format!(" {q}   "),
                theme.style(Slot::HintText),
            ));
        }
        lines.push(Line::from(quick));
        lines.push(Line::styled(
            "  （空欄のときは番号で選べます。ほかの理由は文字で書いてください）",
            dim,
        ));
        lines.push(Line::default());
        lines.push(Line::styled("元の内容と理由は監査記録に残ります。", dim));
        let last = match (&d.error, d.busy) {
            (_, true) => Line::styled("削除しています…", theme.style(Slot::Warning)),
            (Some(e), _) => Line::styled(
                text::truncate(&text::for_display(e), width).into_owned(),
                theme.style(Slot::Error),
            ),
            _ => Line::default(),
        };
        lines.push(last);
        for (k, line) in lines.iter().take(r.height as usize).enumerate() {
            buf.set_line(r.x, r.y + k as u16, line, r.width);
        }
    }
}
