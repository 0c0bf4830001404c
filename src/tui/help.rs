//! The help popup (`?`) and the bottom hint bar, both generated from the
//! active keymap, so they always show the keys actually bound — including
//! the user's own changes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::action::Action;
use super::keymap::{Keymap, Mode};
use super::theme::{Slot, Theme};
use crate::text;

/// Width of the key column in help.
const KEY_COL: usize = 18;
const MAX_WIDTH: u16 = 76;

/// How far the help text is scrolled.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct HelpState {
    pub scroll: u16,
    /// The recent messages instead of the keys.
    pub log: bool,
}

impl HelpState {
    /// The popup of recent messages.
    pub fn messages() -> HelpState {
        HelpState {
            scroll: 0,
            log: true,
        }
    }

    /// Scroll the message log of `n` messages (one per step).
    pub fn scroll_log(&mut self, action: Action, n: usize) {
        let max = n.saturating_sub(1) as u16;
        self.scroll = match action {
            Action::Up | Action::PageUp => self.scroll.saturating_sub(1),
            Action::Down | Action::PageDown => self.scroll.saturating_add(1),
            Action::Top => 0,
            Action::Bottom => max,
            _ => self.scroll,
        }
        .min(max);
    }

    /// Scroll for a help-mode action; `false` if the action is not about
    /// scrolling (e.g. `back`, which the caller handles by closing).
    pub fn apply(&mut self, action: Action, keymap: &Keymap, area: Rect) -> bool {
        let view = popup_inner(area).height.max(1);
        let max = max_scroll(keymap, area);
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            Action::PageUp => self.scroll.saturating_sub(view),
            Action::PageDown => self.scroll.saturating_add(view),
            Action::Top => 0,
            Action::Bottom => max,
            _ => return false,
        }
        .min(max);
        true
    }
}

fn max_scroll(keymap: &Keymap, area: Rect) -> u16 {
    let lines = help_lines(keymap, &Theme::default()).len() as u16;
    lines.saturating_sub(popup_inner(area).height)
}

/// Where the popup goes inside `area`: centered, at most 76 wide, leaving
/// one row above and below when there is room.
pub(crate) fn popup_area(area: Rect) -> Rect {
    let w = area.width.min(MAX_WIDTH);
    let h = if area.height > 6 {
        area.height - 2
    } else {
        area.height
    };
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn popup_inner(area: Rect) -> Rect {
    Block::bordered().inner(popup_area(area))
}

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

/// For each action, the first key that triggers it in `mode` and the
/// action's short name: what the bottom hint bar shows. Actions with no
/// key are left out.
pub(crate) fn hints(
    keymap: &Keymap,
    mode: Mode,
    actions: &[Action],
) -> Vec<(String, &'static str)> {
    actions
        .iter()
        .filter_map(|&a| {
            let key = keymap.keys_for(mode, a).into_iter().next()?;
            Some((key.to_string(), a.short()))
        })
        .collect()
}

/// The hint bar: `key 説明  key 説明 …  ? その他`. The help key always
/// closes it (when bound), so what does not fit is never cut silently:
/// the rest is one key away. A hint too wide for what is left is skipped
/// and shorter ones after it still get their place.
pub(crate) fn hint_line(
    keymap: &Keymap,
    mode: Mode,
    actions: &[Action],
    theme: &Theme,
    width: u16,
) -> Line<'static> {
    let help = keymap.keys_for(mode, Action::Help).into_iter().next();
    // In a form the help key explains the field in focus.
    let more = if mode == Mode::Form {
        "項目の説明"
    } else {
        MORE
    };
    let tail = help
        .as_ref()
        .map(|k| 2 + text::width(&k.to_string()) + 1 + text::width(more))
        .unwrap_or(0);
    let rest: Vec<Action> = actions
        .iter()
        .copied()
        .filter(|&a| a != Action::Help)
        .collect();
    let mut spans = Vec::new();
    let mut used = 0usize;
    let room = (width as usize).saturating_sub(tail);
    let push = |spans: &mut Vec<Span<'static>>, key: String, short: &'static str| {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme.style(Slot::HintKey)));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(short, theme.style(Slot::HintText)));
    };
    for (key, short) in hints(keymap, mode, &rest) {
        let sep = if spans.is_empty() { 0 } else { 2 };
        let w = sep + text::width(&key) + 1 + text::width(short);
        if used + w > room {
            continue;
        }
        push(&mut spans, key, short);
        used += w;
    }
    if let Some(k) = help
        && used + tail <= width as usize
    {
        push(&mut spans, k.to_string(), more);
    }
    Line::from(spans)
}

/// The last hint: everything else is in the help.
pub(crate) const MORE: &str = "その他";

#[cfg(test)]
mod tests {
    use std::path::Path;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::tui::testutil::screen;

    fn draw(keymap: &Keymap, scroll: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
        let theme = Theme::default();
        terminal
            .draw(|f| {
                f.render_widget(
                    HelpPopup {
                        keymap,
                        theme: &theme,
                        scroll,
                    },
                    f.area(),
                )
            })
            .expect("draw");
        screen(terminal.backend().buffer())
    }

    fn all_text(keymap: &Keymap) -> String {
        help_lines(keymap, &Theme::default())
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn every_line_of_the_shipped_help_fits_an_80_column_terminal() {
        let room = popup_inner(Rect::new(0, 0, 80, 24)).width as usize;
        for line in help_lines(&Keymap::default(), &Theme::default()) {
            let line = line.to_string();
            assert!(
                text::width(&line) <= room,
                "{} > {room}: {line}",
                text::width(&line)
            );
        }
    }

    #[test]
    fn help_lists_every_binding_of_every_mode() {
        let k = Keymap::default();
        let help = all_text(&k);
        for &mode in Mode::ALL {
            for b in k.mode_bindings(mode) {
                assert!(help.contains(&b.key.to_string()), "{mode:?} {:?}", b.key);
                assert!(help.contains(b.description()), "{mode:?} {:?}", b.action);
            }
        }
        assert!(help.contains("j / Down"), "keys for one action are grouped");
    }

    #[test]
    fn help_follows_the_users_keymap() {
        let user = r#"global = [
  { on = "n", run = "new_contact", desc = "記録を書く" },
  { on = "c", run = "no_op" },
]"#;
        let (k, w) = Keymap::from_sources(Some((Path::new("keymap.toml"), user)));
        assert!(w.is_empty(), "{w:#?}");
        let help = all_text(&k);
        assert!(help.contains("記録を書く"));
        assert!(
            !help.contains(Action::NewContact.description()),
            "old row gone"
        );
        let bar = hint_line(&k, Mode::List, &[Action::NewContact], &Theme::default(), 80);
        assert_eq!(bar.to_string(), "n 記録  ? その他");
    }

    #[test]
    fn hint_bar_shows_what_fits_and_skips_unbound_actions() {
        let k = Keymap::default();
        let theme = Theme::default();
        let actions = [
            Action::Quit,
            Action::NextField,
            Action::Help,
            Action::Filter,
        ];
        // The help key always comes last, as その他: the rest is there.
        let bar = hint_line(&k, Mode::List, &actions, &theme, 80);
        assert_eq!(bar.to_string(), "q 終了  / 絞込  ? その他");
        // "q 終了" is 6 columns, "  ? その他" 10 more: what does not fit
        // before the help key is left out, never the help key.
        let narrow = hint_line(&k, Mode::List, &actions, &theme, 16);
        assert_eq!(narrow.to_string(), "q 終了  ? その他");
        let narrow = hint_line(&k, Mode::List, &actions, &theme, 15);
        assert_eq!(narrow.to_string(), "? その他");
        // A shorter hint after a wide one that does not fit still shows.
        let actions = [Action::Quit, Action::Office, Action::Filter];
        let bar = hint_line(&k, Mode::List, &actions, &theme, 24);
        assert_eq!(bar.to_string(), "q 終了  / 絞込  ? その他");
    }

    #[test]
    fn scrolling_stops_at_the_ends() {
        let k = Keymap::default();
        let area = Rect::new(0, 0, 80, 24);
        let mut s = HelpState::default();
        assert!(s.apply(Action::Up, &k, area));
        assert_eq!(s.scroll, 0);
        s.apply(Action::Bottom, &k, area);
        let bottom = s.scroll;
        assert!(bottom > 0, "the default help is longer than one screen");
        s.apply(Action::PageDown, &k, area);
        assert_eq!(s.scroll, bottom);
        assert!(!s.apply(Action::Back, &k, area));
    }

    #[test]
    fn tiny_terminals_do_not_crash_the_popup() {
        let k = Keymap::default();
        let theme = Theme::default();
        for (w, h) in [(0, 0), (1, 1), (5, 3), (20, 6), (79, 7)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
            terminal
                .draw(|f| {
                    let popup = HelpPopup {
                        keymap: &k,
                        theme: &theme,
                        scroll: 3,
                    };
                    f.render_widget(popup, f.area())
                })
                .expect("draw");
        }
    }

    #[test]
    fn snapshot_help_popup_top() {
        insta::assert_snapshot!(draw(&Keymap::default(), 0));
    }

    #[test]
    fn snapshot_help_popup_scrolled_to_the_end() {
        insta::assert_snapshot!(draw(&Keymap::default(), u16::MAX));
    }
}
