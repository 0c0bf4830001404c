//! Drawing the help: every mode's bindings grouped by what they do, after
//! the legend of the screen's marks, in a scrolled popup whose bottom
//! border names its keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::{popup_area, popup_inner};
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::{Slot, Theme};
use crate::tui::widgets::hint_bar::hint_line;

/// Width of the key column in help.
const KEY_COL: usize = 18;

/// Bindings of one mode grouped by what they do: (keys, description).
fn grouped(keymap: &Keymap, mode: Mode) -> Vec<(String, String)> {
    let mut rows: Vec<(Action, String, Vec<String>)> = Vec::new();
    for b in keymap.mode_bindings(mode) {
        let desc = text::for_display(b.description()).into_owned();
        match rows
            .iter_mut()
            .find(|(a, d, _)| *a == b.action && *d == desc)
        {
            Some((_, _, keys)) => keys.push(b.key.to_string()),
            None => rows.push((b.action, desc, vec![b.key.to_string()])),
        }
    }
    rows.into_iter()
        .map(|(_, desc, keys)| (text::for_display(&keys.join(" / ")).into_owned(), desc))
        .collect()
}

/// Every mode's bindings, as the lines of the help text.
pub(crate) fn help_lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled(
            "一覧・経過・期限一覧・実績の画面では【全体】のキーも使えます。",
            theme.style(Slot::Dim),
        ),
        Line::styled(
            "キーの割り当ては keymap.toml で変えられます。",
            theme.style(Slot::Dim),
        ),
    ];
    lines.extend(super::legend::legend_lines(theme));
    for &mode in Mode::ALL {
        let rows = grouped(keymap, mode);
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("【{}】", mode.label()),
            theme.style(Slot::Title),
        ));
        for (keys, desc) in rows {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}", text::fit(&keys, KEY_COL)),
                    theme.style(Slot::HintKey),
                ),
                Span::styled(desc, theme.style(Slot::Normal)),
            ]));
        }
    }
    lines
}

/// The help popup. Draw it over the screen; `scroll` comes from `HelpState`.
pub(crate) struct HelpPopup<'a> {
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub scroll: u16,
}

impl Widget for HelpPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let popup = popup_area(area);
        let lines = help_lines(self.keymap, self.theme);
        let inner_h = popup_inner(area).height;
        let max = (lines.len() as u16).saturating_sub(inner_h);
        let scroll = self.scroll.min(max);
        let footer = hint_line(
            self.keymap,
            Mode::Help,
            &[Action::Down, Action::Up, Action::PageDown, Action::Back],
            self.theme,
            popup.width.saturating_sub(4),
        );
        let mut block = Block::bordered()
            .border_style(self.theme.style(Slot::BorderFocused))
            .title(Line::styled(
                " ヘルプ（キー操作） ",
                self.theme.style(Slot::Title),
            ))
            .title_bottom(Line::from(
                [vec![Span::raw(" ")], footer.spans, vec![Span::raw(" ")]].concat(),
            ));
        if max > 0 {
            block = block.title_top(
                Line::styled(
                    format!(" {}/{} ", scroll + 1, max + 1),
                    self.theme.style(Slot::Dim),
                )
                .right_aligned(),
            );
        }
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .style(self.theme.style(Slot::Normal))
            .block(block)
            .scroll((scroll, 0))
            .render(popup, buf);
    }
}
