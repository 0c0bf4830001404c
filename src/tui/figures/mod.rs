//! The office figures screen (サービス管理責任者・管理者): the lines of
//! `crate::figures::lines`, one section per figure, scrolled, one fiscal
//! year at a time. The figures are computed on another thread
//! (`Effect::LoadFigures`); this holds what arrived, `update` opens the
//! screen, moves through it and takes the figures in, `view` draws them.

mod update;
mod view;

pub(crate) use view::FiguresView;

use crate::figures::FiscalYear;
use crate::figures::lines;

/// What the screen has to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Being computed.
    Loading,
    Ready(Vec<lines::Line>),
    /// A Japanese message (a refusal, a read error).
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresScreen {
    pub fy: FiscalYear,
    pub shown: Shown,
    /// The first line shown.
    pub offset: usize,
}

impl FiguresScreen {
    pub fn new(fy: FiscalYear) -> Self {
        FiguresScreen {
            fy,
            shown: Shown::Loading,
            offset: 0,
        }
    }

    fn len(&self) -> usize {
        match &self.shown {
            Shown::Ready(l) => l.len(),
            _ => 1,
        }
    }

    /// Scroll by `delta` lines in a body of `height` rows (kept on the page).
    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        let max = self.len().saturating_sub(height);
        self.offset = self.offset.saturating_add_signed(delta).min(max);
    }

    pub fn scroll_end(&mut self, last: bool, height: usize) {
        self.offset = if last {
            self.len().saturating_sub(height)
        } else {
            0
        };
    }
}
