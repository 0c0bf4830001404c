//! Where each part of the screen goes, for any terminal size.
//!
//! Wide (≥ 120 columns): client list | timeline | detail side by side.
//! Medium (70–119, e.g. 80×24): the list on the left, the timeline above
//! the detail on the right. Narrow (< 70): one pane at a time under a tab
//! row. Always a title row at the top, a message row and a hint row at the
//! bottom. Every area lies inside the terminal, whatever its size.

use ratatui::layout::{Constraint, Layout, Rect};

/// The three panes of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Timeline,
    Detail,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Timeline, Pane::Detail];

    pub fn label(self) -> &'static str {
        match self {
            Pane::List => "利用者",
            Pane::Timeline => "経過",
            Pane::Detail => "詳細",
        }
    }

    pub fn next(self) -> Pane {
        match self {
            Pane::List => Pane::Timeline,
            Pane::Timeline => Pane::Detail,
            Pane::Detail => Pane::List,
        }
    }

    pub fn prev(self) -> Pane {
        self.next().next()
    }
}

/// Below this width the panes become tabs.
pub(crate) const NARROW: u16 = 70;
/// From this width the three panes stand side by side.
pub(crate) const WIDE: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct MainLayout {
    pub title: Rect,
    /// The tab row, on narrow terminals only.
    pub tabs: Option<Rect>,
    pub list: Option<Rect>,
    pub timeline: Option<Rect>,
    pub detail: Option<Rect>,
    /// The body (panes, or a full-screen view such as deadlines).
    pub body: Rect,
    pub message: Rect,
    pub hints: Rect,
}

/// Title, body, message, hints: the frame every screen shares.
fn frame(area: Rect) -> (Rect, Rect, Rect, Rect) {
    let [title, body, message, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    (title, body, message, hints)
}

/// The main screen's layout; on narrow terminals only `focus` is shown.
pub(crate) fn main_layout(area: Rect, focus: Pane) -> MainLayout {
    let (title, body, message, hints) = frame(area);
    let mut out = MainLayout {
        title,
        body,
        message,
        hints,
        ..MainLayout::default()
    };
    if area.width < NARROW {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
        out.tabs = Some(tabs);
        match focus {
            Pane::List => out.list = Some(pane),
            Pane::Timeline => out.timeline = Some(pane),
            Pane::Detail => out.detail = Some(pane),
        }
    } else if area.width < WIDE {
        let list_w = (area.width * 3 / 8).clamp(26, 40);
        let [list, right] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Min(0)]).areas(body);
        let detail_h = (right.height * 2 / 5).max(5).min(right.height);
        let [timeline, detail] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(detail_h)]).areas(right);
        out.list = Some(list);
        out.timeline = Some(timeline);
        out.detail = Some(detail);
    } else {
        let list_w = (area.width * 3 / 10).clamp(36, 56);
        let detail_w = (area.width * 3 / 10).clamp(36, 64);
        let [list, timeline, detail] = Layout::horizontal([
            Constraint::Length(list_w),
            Constraint::Min(0),
            Constraint::Length(detail_w),
        ])
        .areas(body);
        out.list = Some(list);
        out.timeline = Some(timeline);
        out.detail = Some(detail);
    }
    out
}

/// A full-screen view (deadlines): title, body, message, hints.
pub(crate) fn full_layout(area: Rect) -> MainLayout {
    let (title, body, message, hints) = frame(area);
    MainLayout {
        title,
        body,
        message,
        hints,
        ..MainLayout::default()
    }
}

/// Rows of content inside a bordered pane of height `h`.
pub(crate) fn inner_height(h: u16) -> usize {
    h.saturating_sub(2) as usize
}

/// The area of a form drawn over the screen: nearly all of it, at most
/// 100 columns wide, centered.
pub(crate) fn form_area(area: Rect) -> Rect {
    let w = area.width.min(100);
    let h = area.height.saturating_sub(2).max(area.height.min(3));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(r: Rect, area: Rect) -> bool {
        r.x >= area.x && r.y >= area.y && r.right() <= area.right() && r.bottom() <= area.bottom()
    }

    #[test]
    fn every_size_keeps_every_area_inside_the_terminal() {
        for w in [0u16, 1, 10, 40, 69, 70, 80, 119, 120, 160, 300] {
            for h in [0u16, 1, 3, 5, 24, 48] {
                let area = Rect::new(0, 0, w, h);
                for focus in Pane::ALL {
                    let l = main_layout(area, focus);
                    for r in [
                        Some(l.title),
                        l.tabs,
                        l.list,
                        l.timeline,
                        l.detail,
                        Some(l.message),
                        Some(l.hints),
                    ]
                    .into_iter()
                    .flatten()
                    {
                        assert!(inside(r, area), "{w}x{h} {focus:?}: {r:?}");
                    }
                }
                assert!(inside(form_area(area), area), "{w}x{h} form");
            }
        }
    }

    #[test]
    fn eighty_columns_shows_list_timeline_and_detail_together() {
        let l = main_layout(Rect::new(0, 0, 80, 24), Pane::List);
        assert!(l.tabs.is_none());
        let (list, tl, detail) = (
            l.list.expect("list"),
            l.timeline.expect("tl"),
            l.detail.expect("detail"),
        );
        assert_eq!(list.width + tl.width, 80);
        assert_eq!(tl.x, detail.x, "detail sits under the timeline");
        assert_eq!(list.height, 21);
    }

    #[test]
    fn narrow_terminals_show_one_pane_under_tabs() {
        let l = main_layout(Rect::new(0, 0, 60, 20), Pane::Timeline);
        assert!(l.tabs.is_some());
        assert!(l.list.is_none() && l.detail.is_none());
        assert_eq!(l.timeline.expect("shown").width, 60);
    }

    #[test]
    fn wide_terminals_put_the_three_panes_side_by_side() {
        let l = main_layout(Rect::new(0, 0, 160, 48), Pane::List);
        let (list, tl, detail) = (
            l.list.expect("list"),
            l.timeline.expect("tl"),
            l.detail.expect("detail"),
        );
        assert_eq!(list.y, tl.y);
        assert_eq!(tl.y, detail.y);
        assert_eq!(list.width + tl.width + detail.width, 160);
    }
}
