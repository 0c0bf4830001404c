//! Drawing the conflict view in the form's place: who saved the other
//! version, one row per differing field (who changed it, the value it
//! will keep), and the selected field's three values — each cut to two
//! rows with `…`, the whole text one key away. Status is a word and a
//! mark (`!!`), never color alone; every value passes through
//! `text::for_display`. Reads only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::{Changed, Conflict, Row, Side};
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::{Slot, Theme};
use crate::tui::widgets::layout;
use crate::tui::widgets::wrap::wrap;

/// Rows above the list: who saved, what to do, the column heads.
const HEAD_ROWS: u16 = 3;
/// Rows one value takes at least under the list before it is cut with `…`
/// (more when the list leaves room).
const VALUE_ROWS: usize = 2;
/// The selected field's name, its three values, the line at the bottom.
const DETAIL_ROWS: u16 = 1 + 3 * VALUE_ROWS as u16 + 1;
const STATUS_W: usize = 14;
const SIDE_W: usize = 8;

/// Draws `conflict` over `area` (the form's area).
pub(crate) struct ConflictView<'a> {
    pub(crate) conflict: &'a Conflict,
    pub(crate) keymap: &'a Keymap,
    pub(crate) theme: &'a Theme,
}

/// The box inside the border, for a terminal of size `screen`.
fn inner(screen: Rect) -> Rect {
    Block::bordered().inner(layout::form_area(layout::full_layout(screen).body))
}

/// How many fields the list shows at once.
pub(super) fn list_rows(screen: Rect) -> usize {
    inner(screen)
        .height
        .saturating_sub(HEAD_ROWS + DETAIL_ROWS)
        .max(1) as usize
}

/// Rows of text the whole-text view shows at once.
pub(super) fn page(screen: Rect) -> u16 {
    inner(screen).height.saturating_sub(HEAD_ROWS + 1).max(1)
}

/// The last scroll position of the whole-text view.
pub(super) fn whole_max_scroll(c: &Conflict, screen: Rect) -> u16 {
    let n = whole_lines(c, inner(screen).width as usize).len() as u16;
    n.saturating_sub(page(screen))
}

fn side_word(s: Side) -> &'static str {
    match s {
        Side::Theirs => "相手",
        Side::Mine => "自分",
    }
}

fn changed_word(c: Changed) -> &'static str {
    match c {
        Changed::Theirs => "相手が変更",
        Changed::Mine => "自分が変更",
        Changed::Both => "!! 両方で変更",
    }
}

/// The selected field's values in full: base, theirs, mine.
fn whole_lines(c: &Conflict, width: usize) -> Vec<(String, Slot)> {
    let Some(r) = c.selected() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let by =
        c.by.as_ref()
            .map(|(login, when)| format!("（{login}、{when}）"))
            .unwrap_or_default();
    let parts = [
        (
            "元の値".to_string(),
            r.diff.base.as_deref().map(|b| r.shown(b)),
        ),
        (format!("相手{by}"), Some(r.shown(&r.diff.theirs))),
        ("自分".to_string(), Some(r.shown(&r.diff.mine))),
    ];
    for (k, (head, value)) in parts.into_iter().enumerate() {
        if k > 0 {
            out.push((String::new(), Slot::Normal));
        }
        for l in wrap(&head, width) {
            out.push((l, Slot::Dim));
        }
        let value = value.unwrap_or_else(|| "（不明）".to_string());
        for l in wrap(&value, width.saturating_sub(2).max(1)) {
            out.push((format!("  {l}"), Slot::Normal));
        }
    }
    out
}

/// `v` in at most `max` rows of `width`; `true` when cut.
fn value_rows(v: &str, width: usize, max: usize) -> (Vec<String>, bool) {
    let max = max.max(1);
    let mut rows = wrap(v, width);
    let cut = rows.len() > max;
    if cut {
        let rest = rows.split_off(max - 1).concat();
        let last = text::truncate(&rest, width.saturating_sub(1)).into_owned();
        // Always show the mark, even when the row ended exactly at the edge.
        let last = if last.ends_with('…') {
            last
        } else {
            format!("{last}…")
        };
        rows.push(last);
    }
    (rows, cut)
}

impl ConflictView<'_> {
    fn key(&self, action: Action) -> Option<String> {
        self.keymap
            .keys_for(Mode::Conflict, action)
            .first()
            .map(|k| k.to_string())
    }

    fn head(&self, width: usize) -> Vec<Line<'static>> {
        let c = self.conflict;
        let theme = self.theme;
        let who = match &c.by {
            Some((login, when)) => {
                format!("{} さんが{when}に保存した版", text::for_display(login))
            }
            None => "他の人が保存した版".to_string(),
        };
        let first = format!(
            "{who}（第{}版）と、あなたの入力が違います。",
            c.theirs_version
        );
        let waiting = c.waiting();
        let second = if waiting > 0 {
            format!("項目ごとに相手か自分の値を選んでください（!! 未選択 {waiting}件）")
        } else {
            "項目ごとに相手か自分の値を選んでください（すべて選択済み）".to_string()
        };
        let columns = format!(
            "  {}{}{}",
            text::fit("項目", self.label_w()),
            text::fit("変更", STATUS_W),
            "保存する値"
        );
        vec![
            Line::styled(
                text::truncate(&first, width).into_owned(),
                theme.style(Slot::Warning),
            ),
            Line::styled(
                text::truncate(&second, width).into_owned(),
                theme.style(Slot::Normal),
            ),
            Line::styled(
                text::truncate(&columns, width).into_owned(),
                theme.style(Slot::Dim),
            ),
        ]
    }

    fn label_w(&self) -> usize {
        let widest = self
            .conflict
            .rows
            .iter()
            .map(|r| text::width(&text::for_display(&r.label)))
            .max()
            .unwrap_or(4);
        (widest + 1).clamp(6, 20)
    }

    fn row_line(&self, r: &Row, selected: bool, width: usize) -> Line<'static> {
        let theme = self.theme;
        let mark = if selected { "> " } else { "  " };
        let status = text::fit(changed_word(r.diff.changed), STATUS_W);
        let kept = match (r.diff.choice, r.diff.chosen_value()) {
            (Some(side), Some(v)) => format!("[{}] {}", side_word(side), r.shown(v)),
            _ => "!! 未選択".to_string(),
        };
        let used = 2 + self.label_w() + STATUS_W;
        let kept =
            text::truncate(&text::for_display(&kept), width.saturating_sub(used)).into_owned();
        let row_slot = if selected {
            Slot::Selected
        } else {
            Slot::Normal
        };
        let kept_slot = match (selected, r.diff.choice) {
            (true, _) => Slot::Selected,
            (false, None) => Slot::Error,
            (false, Some(_)) => Slot::Normal,
        };
        Line::from(vec![
            Span::styled(mark.to_string(), theme.style(row_slot)),
            Span::styled(
                text::fit(&text::for_display(&r.label), self.label_w()),
                theme.style(row_slot),
            ),
            Span::styled(status, theme.style(row_slot)),
            Span::styled(kept, theme.style(kept_slot)),
        ])
    }

    /// The selected field's three values, `rows` rows each at most; and
    /// whether one was cut.
    fn detail(&self, width: usize, rows: usize) -> (Vec<Line<'static>>, bool) {
        let theme = self.theme;
        let Some(r) = self.conflict.selected() else {
            return (Vec::new(), false);
        };
        let mut out = vec![Line::styled(
            text::truncate(&format!("【{}】", text::for_display(&r.label)), width).into_owned(),
            theme.style(Slot::Title),
        )];
        let value_w = width.saturating_sub(SIDE_W).max(1);
        let mut any_cut = false;
        let values = [
            ("元の値", None, r.diff.base.as_deref().map(|b| r.shown(b))),
            ("相手", Some(Side::Theirs), Some(r.shown(&r.diff.theirs))),
            ("自分", Some(Side::Mine), Some(r.shown(&r.diff.mine))),
        ];
        for (word, side, value) in values {
            let value = value.unwrap_or_else(|| "（不明）".to_string());
            let (rows, cut) = value_rows(&value, value_w, rows);
            any_cut |= cut;
            let kept = side.is_some() && side == r.diff.choice;
            let head = format!("{}{word}", if kept { "*" } else { " " });
            for (k, part) in rows.into_iter().enumerate() {
                let head = if k == 0 { head.as_str() } else { "" };
                let slot = if kept { Slot::Selected } else { Slot::Normal };
                out.push(Line::from(vec![
                    Span::styled(text::fit(head, SIDE_W), theme.style(Slot::Dim)),
                    Span::styled(part, theme.style(slot)),
                ]));
            }
        }
        (out, any_cut)
    }

    /// The bottom line: why the last save was refused, else what is next.
    fn foot(&self, cut: bool, width: usize) -> Line<'static> {
        let c = self.conflict;
        if let Some(e) = &c.error {
            return Line::styled(
                text::truncate(e, width).into_owned(),
                self.theme.style(Slot::Error),
            );
        }
        let mut parts = Vec::new();
        if c.whole.is_some() {
            if let Some(k) = self.key(Action::Back) {
                parts.push(format!("{k}: 一覧に戻る"));
            }
        } else if cut && let Some(k) = self.key(Action::Enter) {
            parts.push(format!("…の続きは {k}: 全文"));
        }
        if c.waiting() == 0 {
            if let Some(k) = self.key(Action::Save) {
                parts.push(format!("{k}: この値で保存"));
            }
            if let Some(k) = self.key(Action::EditInForm) {
                parts.push(format!("{k}: フォームで直す"));
            }
        }
        Line::styled(
            text::truncate(&parts.join("  "), width).into_owned(),
            self.theme.style(Slot::Dim),
        )
    }
}

impl Widget for ConflictView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let c = self.conflict;
        Clear.render(area, buf);
        let title = format!(" 変更の衝突 — {} ", text::for_display(&c.title));
        let block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .style(theme.style(Slot::Normal))
            .title(Line::styled(
                text::truncate(&title, area.width.saturating_sub(2) as usize).into_owned(),
                theme.style(Slot::Title),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let mut lines = self.head(width);
        let room = inner.height as usize;
        let mut cut = false;
        match c.whole {
            Some(scroll) => {
                let body = whole_lines(c, width);
                let rows = room.saturating_sub(HEAD_ROWS as usize + 1);
                let max = body.len().saturating_sub(rows);
                let from = (scroll as usize).min(max);
                if let Some(l) = lines.last_mut() {
                    let more = if body.len() > rows {
                        format!("  {}/{}行", from + 1, body.len())
                    } else {
                        String::new()
                    };
                    let head = c.selected().map_or(String::new(), |r| {
                        format!("【{}】の全文{more}", text::for_display(&r.label))
                    });
                    *l = Line::styled(
                        text::truncate(&head, width).into_owned(),
                        theme.style(Slot::Title),
                    );
                }
                for (s, slot) in body.into_iter().skip(from).take(rows) {
                    lines.push(Line::styled(s, theme.style(slot)));
                }
            }
            None => {
                let shown = room
                    .saturating_sub((HEAD_ROWS + DETAIL_ROWS) as usize)
                    .max(1);
                // The selected row stays on screen; nothing is kept between frames.
                let from = (c.cursor + 1).saturating_sub(shown);
                for (i, r) in c.rows.iter().enumerate().skip(from).take(shown) {
                    lines.push(self.row_line(r, i == c.cursor, width));
                }
                // The rows the list leaves free go to the values.
                let listed = c.rows.len().min(shown);
                let spare = room.saturating_sub(HEAD_ROWS as usize + listed + 2);
                let (detail, was_cut) = self.detail(width, (spare / 3).max(VALUE_ROWS));
                cut = was_cut;
                lines.extend(detail);
            }
        }
        let foot = self.foot(cut, width);
        for (k, line) in lines.iter().take(room.saturating_sub(1)).enumerate() {
            buf.set_line(inner.x, inner.y + k as u16, line, inner.width);
        }
        if room > 0 {
            buf.set_line(inner.x, inner.bottom() - 1, &foot, inner.width);
        }
    }
}
