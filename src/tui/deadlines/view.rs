//! Drawing the deadlines view: a header with each worker's overdue and
//! due-soon counts, the filter box when it is used, the list (status,
//! due day, client, 利用者番号 and worker mark — enough to tell three 石川
//! 達也 apart at 80 columns — and the obligation), and under it the
//! selected item in full with its reason: the engine's warning, the
//! clause and the rule's text.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::{DRow, Deadlines, Group, Grouping};
use crate::model::Status;
use crate::text;
use crate::tui::client_list::scrolled;
use crate::tui::engine;
use crate::tui::snapshot::Snapshot;
use crate::tui::staff_picker::{Marks, Who};
use crate::tui::theme::{Slot, Theme};
use crate::tui::timeline::view::{earlier_job, short_title_of, status_spans_of, with_period};
use crate::tui::widgets::wrap::wrap;
use crate::wareki;

const NAME_W: usize = 12;
/// The worker's mark at 80 columns (a family name: 佐藤, 長谷川).
const MARK_W: usize = 6;
/// The worker's name from this width on.
const WIDE: usize = 100;
/// Rows of the selected item's detail, under a rule line.
const DETAIL_ROWS: u16 = 4;
/// Below this many rows inside the frame the detail is left out.
const DETAIL_FROM: u16 = 12;

/// Where each part of the view goes inside its frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts {
    pub header: Rect,
    pub filter: Option<Rect>,
    pub list: Rect,
    /// The rule line and the detail rows under it.
    pub detail: Option<Rect>,
}

/// The parts of `body` (the whole bordered view); `filter`: the filter
/// box is shown.
pub(crate) fn parts(body: Rect, filter: bool) -> Parts {
    let inner = Block::bordered().inner(body);
    let detail_h = if inner.height >= DETAIL_FROM {
        1 + DETAIL_ROWS
    } else {
        0
    };
    let mut y = inner.y;
    let mut left = inner.height;
    let mut take = |n: u16| {
        let n = n.min(left);
        let r = Rect::new(inner.x, y, inner.width, n);
        y += n;
        left -= n;
        r
    };
    let header = take(1);
    let filter = filter.then(|| take(1));
    let list_h = inner
        .height
        .saturating_sub(1 + u16::from(filter.is_some()) + detail_h);
    let list = take(list_h);
    let detail = (detail_h > 0).then(|| take(detail_h));
    Parts {
        header,
        filter,
        list,
        detail,
    }
}

/// Rows the list shows in `body`.
pub(crate) fn list_height(body: Rect, filter: bool) -> usize {
    parts(body, filter).list.height as usize
}

/// Where the terminal cursor goes while the filter box has the keyboard
/// (the IME composes there).
pub(crate) fn filter_cursor(body: Rect, query: &str) -> Option<Position> {
    let r = parts(body, true).filter?;
    let x = r.x + text::width(FILTER_LABEL) as u16 + text::width(&text::for_display(query)) as u16;
    (x < r.right() && r.height > 0).then(|| Position::new(x, r.y))
}

const FILTER_LABEL: &str = "絞り込み: ";
const HEADER_LABEL: &str = "担当別 超過/間近";

/// The header: each worker's overdue/due-soon counts, as many as fit in
/// `width`, then how many more (…他N人).
pub(crate) fn header_text(d: &Deadlines, marks: &Marks, width: usize) -> String {
    if d.by_staff.is_empty() {
        return format!("{HEADER_LABEL} なし");
    }
    let entries: Vec<String> = d
        .by_staff
        .iter()
        .map(|c| format!("{} {}/{}", c.who.mark(marks), c.overdue, c.due_soon))
        .collect();
    let more = |n: usize| format!(" …他{n}人");
    let mut out = HEADER_LABEL.to_string();
    let mut used = text::width(&out);
    for (k, e) in entries.iter().enumerate() {
        let after = entries.len() - k - 1;
        let tail = if after > 0 {
            text::width(&more(after))
        } else {
            0
        };
        let need = 1 + text::width(e);
        if used + need + tail > width {
            out.push_str(&more(entries.len() - k));
            break;
        }
        out.push(' ');
        out.push_str(e);
        used += need;
    }
    text::truncate(&out, width).into_owned()
}

/// A group's heading: 「【!! 期限超過（必須）】13件」, 「【令和8年12月】4件」.
pub(crate) fn heading_text(row: DRow) -> String {
    let DRow::Heading {
        group,
        month,
        count,
    } = row
    else {
        return String::new();
    };
    let label = match (group, month) {
        (Some(Group::Overdue), _) => format!("{} 期限超過（必須）", Status::Overdue.glyph()),
        (Some(Group::DueSoon), _) => format!("{} 期限間近（必須）", Status::DueSoon.glyph()),
        (Some(Group::Effort), _) => format!("{} 努力義務（超過・間近）", Status::DueSoon.glyph()),
        (Some(Group::Open), _) => "対応期間中・予定".to_string(),
        (None, Some(m)) => wareki::format_year_month(m),
        _ => String::new(),
    };
    format!("【{label}】{count}件")
}

pub(crate) struct DeadlinesView<'a> {
    pub deadlines: &'a Deadlines,
    pub snap: &'a Snapshot,
    pub theme: &'a Theme,
    pub marks: &'a Marks,
    /// My caseload only (goes before the worker chosen).
    pub mine_only: bool,
    /// The filter box's text, when it is shown.
    pub filter: Option<&'a str>,
}

impl DeadlinesView<'_> {
    fn title(&self) -> String {
        let d = self.deadlines;
        let who = match (&d.staff, self.mine_only) {
            (_, true) => "担当のみ".to_string(),
            (Who::Staff(_), false) => format!("担当 {}", d.staff.label(self.marks)),
            (w, false) => w.label(self.marks),
        };
        format!(
            " 期限一覧（超過・間近と{}日以内）{}件 │ {}{} │ {} │ {} ",
            d.days,
            d.items,
            d.kind_label(),
            d.severity_label(),
            who,
            match d.grouping {
                Grouping::Status => "状態別",
                Grouping::Month => "月別",
            }
        )
        .replace('│', "/")
    }

    fn item_line(&self, i: usize, width: usize) -> Line<'static> {
        let (d, theme, marks) = (self.deadlines, self.theme, self.marks);
        let p = &self.snap.pending[i];
        let o = &p.obligation;
        let r = &self.snap.rows[p.row];
        let dim = theme.style(Slot::Dim);
        let mut spans = status_spans_of(o.drawn_status(), o.status_short(), theme);
        spans.push(Span::raw(" "));
        spans.push(Span::raw(text::fit(&wareki::format_short(o.due), 8)));
        spans.push(Span::raw(" "));
        spans.push(Span::raw(text::fit(&text::for_display(&r.name), NAME_W)));
        spans.push(Span::raw(" "));
        let wide = width >= WIDE;
        let (staff, staff_w) = match (wide, r.staff.as_deref()) {
            (true, Some(login)) => (marks.name(login).into_owned(), 10),
            (true, None) => ("―".to_string(), 10),
            (false, login) => (marks.mark(login).into_owned(), MARK_W),
        };
        let id_w = if wide { 8.max(d.id_width) } else { d.id_width };
        spans.push(Span::styled(
            text::fit(&text::for_display(&r.external_id), id_w),
            dim,
        ));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(text::fit(&staff, staff_w), dim));
        spans.push(Span::raw(" "));
        let used = 3 + 10 + 1 + 8 + 1 + NAME_W + 1 + id_w + 1 + staff_w + 1;
        let title = earlier_job(
            o.job,
            if wide {
                with_period(o.title(), o.period)
            } else {
                short_title_of(o.id(), o.title(), o.period)
            },
        );
        spans.push(Span::raw(text::fit(&title, width.saturating_sub(used))));
        Line::from(spans)
    }

    fn heading_line(&self, row: DRow, width: usize) -> Line<'static> {
        Line::styled(
            text::fit(&heading_text(row), width),
            self.theme.style(Slot::Title),
        )
    }

    /// The selected item in full: whose, when, what, and why.
    fn detail_lines(&self, width: usize, rows: usize) -> Vec<Line<'static>> {
        let Some(p) = self
            .deadlines
            .selected_item()
            .and_then(|i| self.snap.pending.get(i))
        else {
            return Vec::new();
        };
        let (o, r, theme) = (&p.obligation, &self.snap.rows[p.row], self.theme);
        let staff = match r.staff.as_deref() {
            Some(login) => self.marks.name(login).into_owned(),
            None => "なし".to_string(),
        };
        // Whose, whose worker, when: each part whole, on the next line
        // when the first has no room (a day cut to 「11月9」 misleads).
        let parts = [
            format!(
                "{} {}",
                text::for_display(&r.external_id),
                text::for_display(&r.name)
            ),
            format!("担当 {staff}"),
            format!("期限 {}（{}）", wareki::format(o.due), o.severity.label()),
        ];
        let first = status_spans_of(o.drawn_status(), o.status_short(), theme);
        let lead: usize = first.iter().map(|s| text::width(&s.content)).sum::<usize>() + 1;
        let mut lines = Vec::new();
        let packed = text::pack(&parts, "  ", width.saturating_sub(lead), width);
        for (k, row) in packed.into_iter().enumerate() {
            if k == 0 {
                let mut spans = first.clone();
                spans.push(Span::raw(" "));
                spans.push(Span::raw(
                    text::truncate(&row, width.saturating_sub(lead)).into_owned(),
                ));
                lines.push(Line::from(spans));
            } else {
                lines.push(Line::raw(text::truncate(&row, width).into_owned()));
            }
        }
        let title = earlier_job(o.job, with_period(o.title(), o.period));
        for l in wrap(&title, width) {
            lines.push(Line::styled(l, theme.style(Slot::Title)));
        }
        let mut reason: Vec<(String, Style)> = Vec::new();
        if let Some(n) = self.snap.note(p) {
            reason.push((format!("注意: {n}"), theme.style(Slot::Warning)));
        }
        let rule = engine::rule(o.id());
        reason.push((
            format!(
                "根拠 {}  {}",
                rule.map_or("", |r| r.clause),
                rule.map_or("", |r| r.text)
            ),
            theme.style(Slot::Normal),
        ));
        let room = rows.saturating_sub(lines.len());
        let mut wrapped: Vec<(String, Style)> = reason
            .into_iter()
            .flat_map(|(s, style)| wrap(&s, width).into_iter().map(move |l| (l, style)))
            .collect();
        if wrapped.len() > room
            && let Some(last) = wrapped.get_mut(room.saturating_sub(1))
        {
            // Cut: say so at the end of the last line shown.
            let cut = text::truncate(&last.0, width.saturating_sub(1));
            last.0 = if cut.ends_with('…') {
                cut.into_owned()
            } else {
                format!("{cut}…")
            };
        }
        lines.extend(
            wrapped
                .into_iter()
                .take(room)
                .map(|(s, style)| Line::styled(text::truncate(&s, width).into_owned(), style)),
        );
        lines
    }
}

/// What an empty list says: with any narrowing in force, that nothing
/// matches *these* conditions, naming them — never that the office has
/// nothing due when the items are only hidden.
fn empty_message(d: &Deadlines, marks: &Marks, mine_only: bool, filter: Option<&str>) -> String {
    let mut conditions = Vec::new();
    if mine_only {
        conditions.push("自分の担当".to_string());
    } else if d.staff != Who::All {
        conditions.push(format!("担当 {}", d.staff.label(marks)));
    }
    if d.required_only {
        conditions.push("必須のみ".to_string());
    }
    if d.kind.is_some() {
        conditions.push(format!("種類 {}", d.kind_label()));
    }
    if let Some(q) = filter.filter(|q| !q.is_empty()) {
        conditions.push(format!("絞り込み「{}」", text::for_display(q)));
    }
    if conditions.is_empty() {
        format!(
            "期限超過・期限間近の項目も、{}日以内に期限が来る項目もありません",
            d.days
        )
    } else {
        format!(
            "{}の条件に合う項目はありません（期限超過・期限間近と{}日以内）。条件を外すと、ほかの項目が出ることがあります",
            conditions.join("・"),
            d.days
        )
    }
}

impl Widget for DeadlinesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (d, theme) = (self.deadlines, self.theme);
        let title = self.title();
        let block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .title(Line::styled(
                text::truncate(&title, area.width.saturating_sub(2) as usize).into_owned(),
                theme.style(Slot::Title),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        if width == 0 || inner.height == 0 {
            return;
        }
        let parts = parts(area, self.filter.is_some());
        let header = header_text(d, self.marks, width);
        buf.set_line(
            parts.header.x,
            parts.header.y,
            &Line::styled(header, theme.style(Slot::Dim)),
            parts.header.width,
        );
        if let (Some(r), Some(q)) = (parts.filter, self.filter) {
            let line = Line::from(vec![
                Span::styled(FILTER_LABEL, theme.style(Slot::Title)),
                Span::raw(text::for_display(q).into_owned()),
            ]);
            buf.set_line(r.x, r.y, &line, r.width);
        }
        let list = parts.list;
        if d.rows.is_empty() {
            let msg = if !self.snap.computed {
                "期限を計算しています…".to_string()
            } else {
                empty_message(d, self.marks, self.mine_only, self.filter)
            };
            // Wrapped: it names the conditions and how to lift them.
            for (dy, l) in wrap(&msg, width)
                .into_iter()
                .take(list.height as usize)
                .enumerate()
            {
                buf.set_line(
                    list.x,
                    list.y + dy as u16,
                    &Line::styled(l, theme.style(Slot::Dim)),
                    list.width,
                );
            }
        }
        let height = list.height as usize;
        let offset = scrolled(d.offset, d.selected, height);
        for (k, row) in d.rows.iter().enumerate().skip(offset).take(height) {
            let y = list.y + (k - offset) as u16;
            let line = match *row {
                DRow::Heading { .. } => self.heading_line(*row, width),
                DRow::Item(i) => self.item_line(i, width),
            };
            buf.set_line(list.x, y, &line, list.width);
            if k == d.selected {
                buf.set_style(
                    Rect::new(list.x, y, list.width, 1),
                    theme.style(Slot::Selected),
                );
            }
        }
        if let Some(r) = parts.detail {
            let rule = "─".repeat(width);
            buf.set_line(
                r.x,
                r.y,
                &Line::styled(rule, theme.style(Slot::Border)),
                r.width,
            );
            let rows = r.height.saturating_sub(1) as usize;
            for (k, line) in self.detail_lines(width, rows).into_iter().enumerate() {
                buf.set_line(r.x, r.y + 1 + k as u16, &line, r.width);
            }
        }
    }
}

#[cfg(test)]
mod empty_tests {
    use super::*;

    #[test]
    fn an_empty_list_names_the_conditions_that_hide_items() {
        let marks = Marks::default();
        let mut d = Deadlines {
            days: 30,
            ..Deadlines::default()
        };
        let plain = empty_message(&d, &marks, false, None);
        assert_eq!(
            plain,
            "期限超過・期限間近の項目も、30日以内に期限が来る項目もありません"
        );
        d.required_only = true;
        d.staff = Who::Unassigned;
        let narrowed = empty_message(&d, &marks, false, Some("D00170"));
        assert!(
            narrowed.starts_with(
                "担当 担当なし・必須のみ・絞り込み「D00170」の条件に合う項目はありません"
            ),
            "{narrowed}"
        );
        assert!(
            !narrowed.contains("期限超過の項目はありません"),
            "{narrowed}"
        );
        let mine = empty_message(&Deadlines::default(), &marks, true, None);
        assert!(mine.starts_with("自分の担当の条件に"), "{mine}");
    }
}
