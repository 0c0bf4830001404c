//! Drawing the client list: the filter box, the header and one line per
//! visible client, matched characters highlighted per column.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::{ClientList, scrolled};
use crate::text;
use crate::tui::filter;
use crate::tui::snapshot::{ClientRow, Snapshot};
use crate::tui::theme::{Slot, Theme};

/// Column widths of a list `width` columns wide: name, badge, id.
fn columns(width: usize) -> (usize, usize, usize) {
    const COUNTS: usize = 9; // "!!12 !3" under "超過 間近"
    let badge = if width >= 28 { 6 } else { 0 };
    let id = if width >= 46 { 8 } else { 0 };
    let gaps = usize::from(badge > 0) + usize::from(id > 0) + 1;
    let name = width.saturating_sub(COUNTS + badge + id + gaps);
    (name, badge, id)
}

/// Draws the list; the caller passes whether it has the focus.
pub(crate) struct ClientListView<'a> {
    pub list: &'a ClientList,
    pub snap: &'a Snapshot,
    pub theme: &'a Theme,
    pub focused: bool,
    /// The person's name (safe to show).
    pub user: &'a str,
    /// The key that registers a client (from the keymap), for the empty
    /// office's first step.
    pub new_client_key: Option<String>,
    /// The key that clears an applied filter (from the keymap).
    pub back_key: Option<String>,
    /// The key that recalls the previous search (from the keymap).
    pub older_key: Option<String>,
}

impl Widget for ClientListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (list, theme) = (self.list, self.theme);
        let border = if self.focused {
            Slot::BorderFocused
        } else {
            Slot::Border
        };
        let title = if !self.snap.loaded {
            " 利用者 ".to_string()
        } else {
            let mine = if list.mine_only {
                "（担当のみ）"
            } else {
                ""
            };
            let closed = if list.show_closed {
                "（終結も）"
            } else {
                ""
            };
            let computing = if self.snap.computed {
                ""
            } else {
                "（期限を計算中…）"
            };
            format!(
                " 利用者 {}/{}{mine}{closed}{computing} ",
                list.visible.len(),
                list.total
            )
        };
        let block = Block::bordered()
            .border_style(theme.style(border))
            .title(Line::styled(title, theme.style(Slot::Title)));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let w = inner.width as usize;
        let mut y = inner.y;
        let bottom = inner.bottom();
        // The filter box, while typing or while a filter is applied.
        if list.typing || !list.query.is_empty() {
            let hints = match (&self.back_key, list.typing) {
                (Some(k), false) => vec![format!("  ({k}で解除)")],
                // An empty search says what else it can do, as room allows.
                _ if list.query.is_empty() => {
                    let mut h: Vec<String> = self
                        .older_key
                        .iter()
                        .map(|k| format!(" @担当者  {k} 前の検索"))
                        .collect();
                    h.push(" @担当者".to_string());
                    h
                }
                _ => Vec::new(),
            };
            // Only whole: a cut "(Escで解" reads as noise.
            let typed = 1 + text::width(&text::for_display(&list.query));
            let hint = hints
                .into_iter()
                .find(|h| typed + text::width(h) <= w)
                .unwrap_or_default();
            let line = Line::from(vec![
                Span::styled("/", theme.style(Slot::HintKey)),
                Span::styled(
                    text::for_display(&list.query).into_owned(),
                    theme.style(if list.typing {
                        Slot::InputFocused
                    } else {
                        Slot::Input
                    }),
                ),
                Span::styled(hint, theme.style(Slot::Dim)),
            ]);
            buf.set_line(inner.x, y, &line, inner.width);
            y += 1;
        }
        if y >= bottom {
            return;
        }
        let (name_w, badge_w, id_w) = columns(w);
        let mut header = vec![Span::raw(text::fit("氏名", name_w)), Span::raw(" ")];
        if badge_w > 0 {
            let head = if list.query.is_empty() {
                "段階"
            } else {
                "一致"
            };
            header.push(Span::raw(text::fit(head, badge_w)));
            header.push(Span::raw(" "));
        }
        if id_w > 0 {
            header.push(Span::raw(text::fit("番号", id_w)));
            header.push(Span::raw(" "));
        }
        header.push(Span::raw("超過 間近"));
        buf.set_line(
            inner.x,
            y,
            &Line::from(header).style(theme.style(Slot::Dim)),
            inner.width,
        );
        y += 1;
        let height = bottom.saturating_sub(y) as usize;
        if list.visible.is_empty() && height > 0 {
            let msg = if !self.snap.loaded {
                "読み込み中…".to_string()
            } else if list.query.is_empty() {
                if list.mine_only {
                    format!("{} さんの担当の利用者はいません", self.user)
                } else {
                    match &self.new_client_key {
                        Some(k) => format!(
                            "利用者が登録されていません。{k} で最初の利用者を登録できます（就職の情報も一緒に）"
                        ),
                        None => "利用者が登録されていません".to_string(),
                    }
                }
            } else {
                "一致する利用者はいません".to_string()
            };
            // Wrapped: the key at its end must show in a narrow list.
            for (dy, l) in text::wrap(&msg, w).into_iter().take(height).enumerate() {
                buf.set_line(
                    inner.x,
                    y + dy as u16,
                    &Line::styled(l, theme.style(Slot::Dim)),
                    inner.width,
                );
            }
            return;
        }
        let offset = scrolled(list.offset, list.selected, height);
        for (i, &r) in list.visible.iter().enumerate().skip(offset).take(height) {
            let row = &self.snap.rows[r];
            let marks = list.marks(i);
            let selected = i == list.selected;
            let line = row_line(
                row,
                marks,
                (name_w, badge_w, id_w),
                theme,
                self.snap.computed,
            );
            buf.set_line(inner.x, y, &line, inner.width);
            if selected {
                let style = if self.focused {
                    theme.style(Slot::Selected)
                } else {
                    theme
                        .style(Slot::Selected)
                        .remove_modifier(ratatui::style::Modifier::BOLD)
                };
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            }
            y += 1;
        }
    }
}

/// The matched char indices within field `k` of the row's haystack
/// (0 name, 1 ふりがな, 2 id, 3 employer, 4 staff).
fn field_marks(row: &ClientRow, marks: &[u32], k: usize) -> Vec<u32> {
    row.ranges
        .get(k)
        .map(|r| filter::indices_in(marks, r))
        .unwrap_or_default()
}

fn row_line(
    row: &ClientRow,
    marks: &[u32],
    (name_w, badge_w, id_w): (usize, usize, usize),
    theme: &Theme,
    computed: bool,
) -> Line<'static> {
    // A closed case reads as history (and says 終結 in the stage column).
    let base = theme.style(if row.closure.is_some() {
        Slot::Dim
    } else {
        Slot::Normal
    });
    let hl = theme.style(Slot::MatchHighlight);
    let mut spans = Vec::new();
    let name_marks = field_marks(row, marks, 0);
    spans.extend(filter::highlight_fit(&row.name, &name_marks, name_w, base, hl).spans);
    spans.push(Span::raw(" "));
    if badge_w > 0 {
        // A match outside the name (ふりがな, employer, staff, id) takes the
        // stage's place, from the first matched character, so the case
        // worker sees why the row is listed.
        let context = if name_marks.is_empty() {
            let staff = row.staff.as_deref().unwrap_or("");
            let mut fields: Vec<(&str, usize)> =
                vec![(&row.kana, 1), (&row.employer, 3), (staff, 4)];
            if id_w == 0 {
                fields.push((&row.external_id, 2));
            }
            fields.into_iter().find_map(|(text, k)| {
                let m = field_marks(row, marks, k);
                let first = *m.first()?;
                let mut tail: String = text::for_display(text)
                    .chars()
                    .skip(first as usize)
                    .collect();
                let shifted: Vec<u32> = m.iter().map(|i| i - first).collect();
                // Where the closing 「…」 would cover a matched character
                // (「いしい」 in six columns), the match shows whole instead.
                let last = shifted.last().map_or(0, |&l| l as usize);
                let matched: String = tail.chars().take(last + 1).collect();
                let mw = text::width(&matched);
                if text::width(&tail) > badge_w && mw == badge_w {
                    tail = matched;
                }
                Some(filter::highlight_fit(
                    &tail,
                    &shifted,
                    badge_w,
                    theme.style(Slot::Dim),
                    hl,
                ))
            })
        } else {
            None
        };
        match context {
            Some(line) => spans.extend(line.spans),
            None => spans.push(Span::styled(
                text::fit(&text::for_display(&row.badge), badge_w),
                theme.style(Slot::Badge),
            )),
        }
        spans.push(Span::raw(" "));
    }
    if id_w > 0 {
        let id_marks = field_marks(row, marks, 2);
        spans.extend(
            filter::highlight_fit(
                &row.external_id,
                &id_marks,
                id_w,
                theme.style(Slot::Dim),
                hl,
            )
            .spans,
        );
        spans.push(Span::raw(" "));
    }
    if !computed {
        spans.push(Span::styled(" 計算中 ", theme.style(Slot::Dim)));
        return Line::from(spans);
    }
    let count = |n: usize, glyph: &str| {
        if n == 0 {
            "    ".to_string()
        } else {
            format!("{:>4}", format!("{glyph}{}", n.min(99)))
        }
    };
    spans.push(Span::styled(
        count(row.overdue, "!!"),
        theme.style(Slot::StatusOverdue),
    ));
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        count(row.due_soon, "!"),
        theme.style(Slot::StatusDueSoon),
    ));
    Line::from(spans)
}
