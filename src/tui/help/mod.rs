//! The help popup (`?`), generated from the active keymap so it always
//! shows the keys actually bound — including the user's own changes — and
//! the recent messages in the same popup (`message_log`). What the
//! screen's marks mean is the help's `legend`; `update` takes the popup's
//! keys, `view` draws the help.

mod legend;
mod message_log;
mod update;
mod view;

use ratatui::layout::Rect;
use ratatui::widgets::Block;

pub(crate) use message_log::MessageLogView;
pub(crate) use view::{HelpPopup, help_lines};

use super::action::Action;
use super::keymap::Keymap;
use super::theme::Theme;

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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::text;
    use crate::tui::keymap::Mode;
    use crate::tui::testutil::screen;
    use crate::tui::widgets::hint_bar::hint_line;

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
