//! Drawing the start-up list of drafts over the screen: the form each
//! belongs to and its client, when it was saved and where, and on the
//! bottom border the keys as the keymap binds them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::DraftList;
use super::key::FormKey;
use super::local_time;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::record_forms::FormKind;
use crate::tui::snapshot::Snapshot;
use crate::tui::theme::{Slot, Theme};

const MAX_W: u16 = 76;

/// The form a draft belongs to, in words: 支援の記録（修正） …
fn form_words(k: &FormKey) -> String {
    let what = match (k.kind, k.rest.as_deref()) {
        (FormKind::Staff, Some("new")) => "（追加）".to_string(),
        (FormKind::Staff, Some(login)) => format!("（{}）", text::for_display(login)),
        (FormKind::Report, Some(m)) => crate::dates::YearMonth::parse(m)
            .map(|m| format!("（{}）", crate::wareki::format_year_month(m)))
            .unwrap_or_default(),
        (_, Some("new")) => "（新しい就職）".to_string(),
        (FormKind::Employment | FormKind::Plan, Some(_)) => String::new(),
        (_, Some(_)) => "（修正）".to_string(),
        (_, None) => String::new(),
    };
    format!("{}{what}", k.kind.title())
}

/// Draws the list over the screen.
pub(crate) struct DraftListView<'a> {
    pub(crate) list: &'a DraftList,
    pub(crate) snap: &'a Snapshot,
    pub(crate) keymap: &'a Keymap,
    pub(crate) theme: &'a Theme,
}

impl DraftListView<'_> {
    fn who(&self, k: &FormKey) -> String {
        if k.kind == FormKind::NewClient {
            return "（新しい利用者）".to_string();
        }
        if k.kind.is_office() {
            return "（事業所）".to_string();
        }
        match self.snap.row(k.client_id) {
            Some(r) => format!("{}（{}）", r.name, r.external_id),
            None => format!("利用者 #{}", k.client_id),
        }
    }

    fn foot(&self) -> Line<'static> {
        let mut spans = vec![Span::raw(" ")];
        for (action, word) in [
            (Action::Enter, "開いて復元する"),
            (Action::Back, "閉じる（下書きは残ります）"),
        ] {
            if let Some(k) = self.keymap.keys_for(Mode::Drafts, action).first() {
                spans.push(Span::styled(k.to_string(), self.theme.style(Slot::HintKey)));
                spans.push(Span::styled(
                    format!(" {word}  "),
                    self.theme.style(Slot::HintText),
                ));
            }
        }
        Line::from(spans).right_aligned()
    }

    /// The rectangle it covers in `area`.
    pub(crate) fn area(&self, area: Rect) -> Rect {
        let w = area.width.min(MAX_W);
        let h = (self.list.entries.len() as u16 + 4).min(area.height);
        Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        )
    }
}

impl Widget for DraftListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let r = self.area(area);
        Clear.render(r, buf);
        let block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .style(theme.style(Slot::Normal))
            .title(Line::styled(
                " 保存されている下書き ",
                theme.style(Slot::Title),
            ))
            .title_bottom(self.foot());
        let inner = block.inner(r);
        block.render(r, buf);
        let width = inner.width as usize;
        let n = self.list.entries.len();
        let head = format!("前回の接続や別の端末で書きかけた入力が{n}件あります。");
        let mut lines = vec![
            Line::styled(
                text::truncate(&head, width).into_owned(),
                theme.style(Slot::Warning),
            ),
            Line::default(),
        ];
        let rows = (inner.height as usize).saturating_sub(lines.len()).max(1);
        let from = (self.list.cursor + 1).saturating_sub(rows);
        for (i, e) in self.list.entries.iter().enumerate().skip(from).take(rows) {
            let selected = i == self.list.cursor;
            let place = if e.here {
                "この端末".to_string()
            } else {
                e.terminal.clone()
            };
            let s = format!(
                "{}{}  {}  {}  {}",
                if selected { "> " } else { "  " },
                // 「12月31日 23:59」: the widest a saved time can be.
                text::fit(&local_time(e.saved_at), 14),
                text::for_display(&self.who(&e.form)),
                form_words(&e.form),
                text::for_display(&place),
            );
            let slot = if selected {
                Slot::Selected
            } else {
                Slot::Normal
            };
            lines.push(Line::styled(text::fit(&s, width), theme.style(slot)));
        }
        for (k, line) in lines.iter().take(inner.height as usize).enumerate() {
            buf.set_line(inner.x, inner.y + k as u16, line, inner.width);
        }
    }
}
