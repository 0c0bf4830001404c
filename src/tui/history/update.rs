//! The history screen's update: opened from the list, the timeline, the
//! deadlines or the figures (it remembers which, and returns there), read
//! on the reader thread (`Effect::LoadHistory`), scrolled, and for a
//! 管理者 switched between one's own changes and everyone's.

use super::{Back, HistoryScreen, Shown};
use crate::access::{self, Permission, Refusal};
use crate::trail::Row;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Screen};
use crate::tui::widgets::layout::{self, Pane};

impl App {
    /// Opens the screen on one's own changes (a 管理者 who last looked at
    /// everyone's, on everyone's), read afresh.
    pub(crate) fn open_history(&mut self) {
        if self.screen == Screen::History {
            return;
        }
        let everyone = self.history.as_ref().is_some_and(|h| h.everyone)
            && access::allows(self.role, Permission::ViewAudit);
        let back = Back {
            screen: self.screen,
            label: self.screen_name(),
        };
        self.history = Some(HistoryScreen::new(everyone, back));
        self.screen = Screen::History;
        self.list.typing = false;
        self.push(Effect::LoadHistory { everyone });
    }

    /// What the person is looking at, as the history screen names it
    /// when it says where it returns.
    fn screen_name(&self) -> &'static str {
        match self.screen {
            Screen::Main => match self.focus {
                Pane::List => "利用者一覧",
                Pane::Timeline if self.records_view => "記録の一覧",
                Pane::Timeline => "経過",
                Pane::Detail => "詳細",
            },
            Screen::Deadlines => "期限一覧",
            Screen::Figures => "事業所の実績",
            Screen::Office => "事業所の画面",
            Screen::History => "変更履歴",
        }
    }

    /// The body's width and height inside its border, as drawn.
    pub(crate) fn history_area(&self) -> (usize, usize) {
        let body = layout::full_layout(self.size).body;
        (
            body.width.saturating_sub(2) as usize,
            layout::inner_height(body.height),
        )
    }

    /// An action on the history screen.
    pub(crate) fn history_key(&mut self, action: Action) {
        let (width, height) = self.history_area();
        let Some(h) = self.history.as_mut() else {
            self.screen = Screen::Main;
            return;
        };
        let total = h.lines(width).len();
        let page = height.saturating_sub(1).max(1) as isize;
        match action {
            Action::Up => h.scroll_by(-1, total, height),
            Action::Down => h.scroll_by(1, total, height),
            Action::PageUp => h.scroll_by(-page, total, height),
            Action::PageDown => h.scroll_by(page, total, height),
            Action::Top => h.offset = 0,
            Action::Bottom => h.offset = total.saturating_sub(height),
            Action::Back | Action::Quit => self.screen = h.back.screen,
            Action::HistoryScope => self.switch_history_scope(),
            Action::Help => self.help = Some(crate::tui::help::HelpState::default()),
            Action::Messages => self.help = Some(crate::tui::help::HelpState::messages()),
            // The rest act on a client or another screen: not from here.
            _ => {}
        }
    }

    /// One's own changes ↔ everyone's: everyone's are the 管理者's (anyone
    /// else is told who may).
    fn switch_history_scope(&mut self) {
        if !access::allows(self.role, Permission::ViewAudit) {
            self.error(
                Refusal::Role {
                    permission: Permission::ViewAudit,
                    role: self.role,
                }
                .to_string(),
            );
            return;
        }
        let Some(h) = self.history.as_mut() else {
            return;
        };
        let everyone = !h.everyone;
        *h = HistoryScreen::new(everyone, h.back);
        self.push(Effect::LoadHistory { everyone });
    }

    /// The rows arrived (an answer for the other choice, asked for before
    /// the person switched, is dropped).
    pub(crate) fn history_loaded(&mut self, everyone: bool, r: Result<Vec<Row>, String>) {
        let Some(h) = self.history.as_mut().filter(|h| h.everyone == everyone) else {
            return;
        };
        h.shown = match r {
            Ok(rows) => Shown::Ready(rows),
            Err(e) => Shown::Failed(e),
        };
        h.offset = 0;
    }
}
