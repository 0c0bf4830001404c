//! The deadlines view's staff picker: 全員, each worker (registered staff,
//! and any other login clients are assigned to) with their overdue and
//! due-soon counts, and the clients no one is assigned to. The choice
//! stays while the program runs.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::action::Action;
use super::client_list::scrolled;
use super::deadlines::{Deadlines, StaffCount};
use super::staff_filter::{Marks, Who};
use super::theme::{Slot, Theme};
use crate::model::Staff;
use crate::text;

const MAX_W: u16 = 64;
const LABEL_W: usize = 30;

/// One choice, with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PickEntry {
    pub(crate) who: Who,
    pub(crate) label: String,
    pub(crate) overdue: usize,
    pub(crate) due_soon: usize,
}

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Consumed,
    Close,
    Pick(Who),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StaffPicker {
    pub(crate) entries: Vec<PickEntry>,
    pub(crate) cursor: usize,
}

impl StaffPicker {
    /// The choices for the view as it stands; the cursor on `current`.
    pub(crate) fn new(d: &Deadlines, staff: &[Staff], marks: &Marks, current: &Who) -> Self {
        let count = |who: &Who| {
            d.by_staff
                .iter()
                .find(|c| &c.who == who)
                .map_or((0, 0), |c| (c.overdue, c.due_soon))
        };
        let entry = |who: Who, label: String| {
            let (overdue, due_soon) = count(&who);
            PickEntry {
                who,
                label,
                overdue,
                due_soon,
            }
        };
        let mut entries = vec![PickEntry {
            who: Who::All,
            label: "全員".to_string(),
            overdue: d.total.overdue,
            due_soon: d.total.due_soon,
        }];
        for s in staff {
            let label = format!(
                "{}（{}）",
                marks.name(&s.login),
                text::for_display(&s.login)
            );
            entries.push(entry(Who::Staff(s.login.clone()), label));
        }
        // Clients assigned to a login that is not registered staff.
        for StaffCount { who, .. } in &d.by_staff {
            if let Who::Staff(login) = who
                && !marks.is_staff(login)
            {
                let label = format!("{}（職員に未登録）", text::for_display(login));
                entries.push(entry(who.clone(), label));
            }
        }
        entries.push(entry(Who::Unassigned, "担当なし".to_string()));
        let cursor = entries.iter().position(|e| &e.who == current).unwrap_or(0);
        StaffPicker { entries, cursor }
    }

    /// A key, with the action the keymap's picker table gave it.
    pub(crate) fn key(&mut self, action: Option<Action>) -> Outcome {
        let last = self.entries.len().saturating_sub(1);
        match action {
            Some(Action::Up) => self.cursor = self.cursor.saturating_sub(1),
            Some(Action::Down) => self.cursor = (self.cursor + 1).min(last),
            Some(Action::Top) => self.cursor = 0,
            Some(Action::Bottom) => self.cursor = last,
            Some(Action::Back) => return Outcome::Close,
            Some(Action::Enter) => {
                if let Some(e) = self.entries.get(self.cursor) {
                    return Outcome::Pick(e.who.clone());
                }
            }
            _ => {}
        }
        Outcome::Consumed
    }
}

pub(crate) struct StaffPickerView<'a> {
    pub(crate) picker: &'a StaffPicker,
    pub(crate) theme: &'a Theme,
}

impl StaffPickerView<'_> {
    /// Centered over `area`: one row per choice (scrolling when there are
    /// more than fit), a heading row and the border.
    pub(crate) fn area(&self, area: Rect) -> Rect {
        let w = MAX_W.min(area.width);
        let h = (self.picker.entries.len() as u16 + 3).min(area.height);
        Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        )
    }
}

impl Widget for StaffPickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let r = self.area(area);
        let theme = self.theme;
        Clear.render(r, buf);
        let block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .style(theme.style(Slot::Normal))
            .title(Line::styled(" 担当者を選ぶ ", theme.style(Slot::Title)));
        let inner = block.inner(r);
        block.render(r, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let width = inner.width as usize;
        let heading = format!("  {}期限超過  期限間近", text::fit("", LABEL_W));
        buf.set_line(
            inner.x,
            inner.y,
            &Line::styled(
                text::truncate(&heading, width).into_owned(),
                theme.style(Slot::Dim),
            ),
            inner.width,
        );
        let rows = inner.height.saturating_sub(1) as usize;
        let offset = scrolled(0, self.picker.cursor, rows);
        for (k, e) in self
            .picker
            .entries
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows)
        {
            let y = inner.y + 1 + (k - offset) as u16;
            let here = k == self.picker.cursor;
            let line = Line::from(vec![
                Span::raw(if here { "> " } else { "  " }),
                Span::raw(text::fit(&e.label, LABEL_W)),
                Span::styled(
                    format!("{:>8}", e.overdue),
                    theme.style(if e.overdue > 0 {
                        Slot::StatusOverdue
                    } else {
                        Slot::Normal
                    }),
                ),
                Span::styled(
                    format!("{:>10}", e.due_soon),
                    theme.style(if e.due_soon > 0 {
                        Slot::StatusDueSoon
                    } else {
                        Slot::Normal
                    }),
                ),
            ]);
            buf.set_line(inner.x, y, &line, inner.width);
            if here {
                buf.set_style(
                    Rect::new(inner.x, y, inner.width, 1),
                    theme.style(Slot::Selected),
                );
            }
        }
    }
}
