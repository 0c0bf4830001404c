//! The figures screen's update: opened by the サービス管理責任者 and the
//! 管理者 (anyone else is told who may), computed on another thread
//! (`Effect::LoadFigures`), scrolled, one fiscal year at a time.

use super::{FiguresScreen, Shown};
use crate::access::{self, Permission, Refusal};
use crate::figures::{Figures, FiscalYear, lines};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Screen};
use crate::tui::widgets::layout;

impl App {
    /// Opens the screen on the year last shown (this year at first) and
    /// computes it afresh. A 支援員 is told who may see it.
    pub(crate) fn open_figures(&mut self) {
        if !access::allows(self.role, Permission::ViewFigures) {
            self.error(
                Refusal::Role {
                    permission: Permission::ViewFigures,
                    role: self.role,
                }
                .to_string(),
            );
            return;
        }
        let fy = self
            .figures
            .as_ref()
            .map_or_else(|| FiscalYear::of(self.today), |f| f.fy);
        self.screen = Screen::Figures;
        self.list.typing = false;
        self.load_figures(fy);
    }

    fn load_figures(&mut self, fy: FiscalYear) {
        self.figures = Some(FiguresScreen::new(fy));
        self.push(Effect::LoadFigures(fy));
    }

    /// Rows of the body that show lines.
    fn figures_height(&self) -> usize {
        layout::inner_height(layout::full_layout(self.size).body.height)
    }

    /// An action on the figures screen; `false` when the usual dispatch
    /// should take it (quit, help, the deadlines, the filter).
    pub(crate) fn figures_key(&mut self, action: Action) -> bool {
        let height = self.figures_height();
        let page = height.saturating_sub(1).max(1) as isize;
        let Some(f) = self.figures.as_mut() else {
            self.screen = Screen::Main;
            return false;
        };
        match action {
            Action::Up => f.scroll_by(-1, height),
            Action::Down => f.scroll_by(1, height),
            Action::PageUp => f.scroll_by(-page, height),
            Action::PageDown => f.scroll_by(page, height),
            Action::Top => f.scroll_end(false, height),
            Action::Bottom => f.scroll_end(true, height),
            Action::PrevYear => {
                let fy = f.fy.prev();
                self.load_figures(fy);
            }
            Action::NextYear => {
                let fy = f.fy.next();
                self.load_figures(fy);
            }
            Action::Back | Action::Figures => self.screen = Screen::Main,
            Action::Quit | Action::Help | Action::Deadlines | Action::Filter | Action::History => {
                return false;
            }
            // The rest act on a selected client: not from this screen.
            _ => {}
        }
        true
    }

    /// The figures of `fy` arrived (an older year's, asked for before the
    /// person moved on, are dropped).
    pub fn figures_loaded(&mut self, fy: FiscalYear, r: Result<Figures, String>) {
        let Some(f) = self.figures.as_mut().filter(|f| f.fy == fy) else {
            return;
        };
        f.shown = match r {
            Ok(figures) => Shown::Ready(lines::lines(&figures)),
            Err(e) => Shown::Failed(e),
        };
        f.offset = 0;
    }
}
