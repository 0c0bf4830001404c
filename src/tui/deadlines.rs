//! The deadlines view (`d`), the coordinator's main screen: every client's
//! obligations that are overdue or due within N days, grouped by status or
//! by month, narrowed to my caseload and to one kind of obligation. Built
//! from the snapshot's cached obligations (no engine work here).

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::client_list::scrolled;
use super::snapshot::Snapshot;
use super::theme::{Slot, Theme};
use super::timeline_view::{short_title_of, status_spans_of, with_period};
use crate::dates::{YearMonth, add_days};
use crate::model::{Severity, Status};
use crate::text;
use crate::wareki;

/// How far ahead the view looks: + and - step through these.
pub const DAY_STEPS: &[i64] = &[7, 14, 30, 60, 90, 180, 365];
pub const DEFAULT_DAYS: i64 = 30;

/// Kinds of obligation by id prefix (SPEC §4 stages).
pub const KINDS: &[(&str, &str)] = &[
    ("pre.", "就職前"),
    ("m23.", "2～3月目"),
    ("m45.", "4～5月目"),
    ("m6.", "6月目"),
    ("ret.", "定着支援"),
    ("end.", "終了"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Status,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DRow {
    Heading {
        label_status: Option<Status>,
        month: Option<YearMonth>,
        count: usize,
    },
    /// Index into `Snapshot::pending`.
    Item(usize),
}

pub struct Deadlines {
    pub days: i64,
    pub grouping: Grouping,
    /// Index into `KINDS`; `None` for every kind.
    pub kind: Option<usize>,
    /// Only 必須 items: hides 努力義務 and 情報 (in a large office the
    /// monthly employer contacts, an effort duty, crowd the overdue list).
    pub required_only: bool,
    pub rows: Vec<DRow>,
    pub items: usize,
    pub selected: usize,
    pub offset: usize,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            days: DEFAULT_DAYS,
            grouping: Grouping::Status,
            kind: None,
            required_only: false,
            rows: Vec::new(),
            items: 0,
            selected: 0,
            offset: 0,
        }
    }
}

fn group_of(s: Status) -> Status {
    match s {
        Status::Overdue => Status::Overdue,
        Status::DueSoon => Status::DueSoon,
        // open and upcoming read as one group: not urgent yet
        _ => Status::Open,
    }
}

impl Deadlines {
    pub fn kind_label(&self) -> &'static str {
        self.kind
            .and_then(|k| KINDS.get(k))
            .map(|(_, l)| *l)
            .unwrap_or("すべて")
    }

    pub fn wider(&mut self) {
        self.days = DAY_STEPS
            .iter()
            .copied()
            .find(|&d| d > self.days)
            .unwrap_or(self.days);
    }

    pub fn narrower(&mut self) {
        self.days = DAY_STEPS
            .iter()
            .rev()
            .copied()
            .find(|&d| d < self.days)
            .unwrap_or(self.days);
    }

    /// Shown in the title only when it narrows the list.
    pub fn severity_label(&self) -> &'static str {
        if self.required_only {
            " / 必須のみ"
        } else {
            ""
        }
    }

    pub fn toggle_required_only(&mut self) {
        self.required_only = !self.required_only;
    }

    pub fn cycle_kind(&mut self) {
        self.kind = match self.kind {
            None => Some(0),
            Some(k) if k + 1 < KINDS.len() => Some(k + 1),
            Some(_) => None,
        };
    }

    /// Rebuild the rows from the snapshot; keeps the selected item if it
    /// is still listed. `mine` is the user when only their caseload counts.
    pub fn rebuild(&mut self, snap: &Snapshot, today: NaiveDate, mine: Option<&str>) {
        let keep = self
            .selected_item()
            .and_then(|p| snap.pending.get(p))
            .map(|p| {
                (
                    snap.rows.get(p.row).map(|r| r.id),
                    p.obligation.id,
                    p.obligation.period,
                )
            });
        let horizon = add_days(today, self.days);
        let prefix = self.kind.and_then(|k| KINDS.get(k)).map(|(p, _)| *p);
        let mut items: Vec<usize> = snap
            .pending
            .iter()
            .enumerate()
            .filter(|(_, p)| p.obligation.status == Status::Overdue || p.obligation.due <= horizon)
            .filter(|(_, p)| prefix.is_none_or(|pre| p.obligation.id.starts_with(pre)))
            .filter(|(_, p)| !self.required_only || p.obligation.severity == Severity::Required)
            .filter(|(_, p)| mine.is_none_or(|u| snap.rows[p.row].staff.as_deref() == Some(u)))
            .map(|(i, _)| i)
            .collect();
        let key = |i: &usize| {
            let p = &snap.pending[*i];
            let r = &snap.rows[p.row];
            let group = match self.grouping {
                Grouping::Status => (group_of(p.obligation.status).urgency(), None),
                Grouping::Month => (0, Some(YearMonth::of(p.obligation.due))),
            };
            // Within 期限超過, the most recent miss first: last week's matters
            // more on a Monday than one from two years ago.
            let days = i64::from(chrono::Datelike::num_days_from_ce(&p.obligation.due));
            let recent_first =
                self.grouping == Grouping::Status && p.obligation.status == Status::Overdue;
            (
                group,
                if recent_first { -days } else { days },
                r.kana.clone(),
                r.id,
                p.obligation.id,
            )
        };
        items.sort_by_cached_key(key);
        self.items = items.len();
        let mut rows = Vec::with_capacity(items.len() + 8);
        let mut k = 0;
        while k < items.len() {
            let o = &snap.pending[items[k]].obligation;
            let same = |i: &usize| {
                let p = &snap.pending[*i].obligation;
                match self.grouping {
                    Grouping::Status => group_of(p.status) == group_of(o.status),
                    Grouping::Month => YearMonth::of(p.due) == YearMonth::of(o.due),
                }
            };
            let n = items[k..].iter().take_while(|i| same(i)).count();
            rows.push(match self.grouping {
                Grouping::Status => DRow::Heading {
                    label_status: Some(group_of(o.status)),
                    month: None,
                    count: n,
                },
                Grouping::Month => DRow::Heading {
                    label_status: None,
                    month: Some(YearMonth::of(o.due)),
                    count: n,
                },
            });
            rows.extend(items[k..k + n].iter().map(|&i| DRow::Item(i)));
            k += n;
        }
        self.rows = rows;
        self.selected = keep
            .and_then(|key| {
                self.rows.iter().position(|r| match r {
                    DRow::Item(i) => {
                        let p = &snap.pending[*i];
                        (
                            snap.rows.get(p.row).map(|r| r.id),
                            p.obligation.id,
                            p.obligation.period,
                        ) == key
                    }
                    _ => false,
                })
            })
            .unwrap_or_else(|| self.first_item());
    }

    fn first_item(&self) -> usize {
        self.rows
            .iter()
            .position(|r| matches!(r, DRow::Item(_)))
            .unwrap_or(0)
    }

    /// The selected pending index, if an item (not a heading) is selected.
    pub fn selected_item(&self) -> Option<usize> {
        match self.rows.get(self.selected)? {
            DRow::Item(i) => Some(*i),
            DRow::Heading { .. } => None,
        }
    }

    /// Select the item at row `pos` (the one that took its place), or the
    /// nearest item before it at the end of the list.
    pub fn select_near(&mut self, pos: usize) {
        let at = pos.min(self.rows.len().saturating_sub(1));
        let item = |r: &DRow| matches!(r, DRow::Item(_));
        self.selected = self.rows[at..]
            .iter()
            .position(item)
            .map(|k| at + k)
            .or_else(|| self.rows[..at].iter().rposition(item))
            .unwrap_or(0);
    }

    /// Move by `delta` items, stepping over headings.
    pub fn move_by(&mut self, delta: isize) {
        let n = self.rows.len();
        if n == 0 {
            return;
        }
        let dir = if delta < 0 { -1 } else { 1 };
        let mut left = delta.abs();
        let mut pos = self.selected as isize;
        while left > 0 {
            let mut next = pos + dir;
            while (0..n as isize).contains(&next)
                && matches!(self.rows[next as usize], DRow::Heading { .. })
            {
                next += dir;
            }
            if !(0..n as isize).contains(&next) {
                break;
            }
            pos = next;
            left -= 1;
        }
        self.selected = pos as usize;
    }

    pub fn select_end(&mut self, last: bool) {
        if last {
            self.selected = self
                .rows
                .iter()
                .rposition(|r| matches!(r, DRow::Item(_)))
                .unwrap_or(0);
        } else {
            self.selected = self.first_item();
        }
    }

    pub fn scroll_into_view(&mut self, height: usize) {
        // Show the heading above the first item too.
        let target = if self.selected == 1 { 0 } else { self.selected };
        self.offset = scrolled(self.offset, target, height);
        self.offset = scrolled(self.offset, self.selected, height);
    }
}

pub struct DeadlinesView<'a> {
    pub deadlines: &'a Deadlines,
    pub snap: &'a Snapshot,
    pub theme: &'a Theme,
    pub mine_only: bool,
}

const NAME_W: usize = 12;

impl Widget for DeadlinesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (d, theme) = (self.deadlines, self.theme);
        let title = format!(
            " 期限一覧（期限超過と{}日以内）{}件 │ {}{} │ {} │ {} ",
            d.days,
            d.items,
            d.kind_label(),
            d.severity_label(),
            if self.mine_only {
                "担当のみ"
            } else {
                "全員"
            },
            match d.grouping {
                Grouping::Status => "状態別",
                Grouping::Month => "月別",
            }
        )
        .replace('│', "/");
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
        if d.rows.is_empty() {
            let msg = if !self.snap.computed {
                "期限を計算しています…".to_string()
            } else {
                format!(
                    "{}日以内に期限が来る項目・期限超過の項目はありません",
                    d.days
                )
            };
            buf.set_line(
                inner.x,
                inner.y,
                &Line::styled(
                    text::truncate(&msg, width).into_owned(),
                    theme.style(Slot::Dim),
                ),
                inner.width,
            );
            return;
        }
        let height = inner.height as usize;
        let offset = scrolled(d.offset, d.selected, height);
        let wide = width >= 100;
        for (k, row) in d.rows.iter().enumerate().skip(offset).take(height) {
            let y = inner.y + (k - offset) as u16;
            let line = match *row {
                DRow::Heading {
                    label_status,
                    month,
                    count,
                } => {
                    let label = match (label_status, month) {
                        (Some(Status::Open), _) => "対応期間中・予定".to_string(),
                        (Some(s), _) => format!("{} {}", s.glyph(), s.label()),
                        (None, Some(m)) => wareki::format_year_month(m),
                        _ => String::new(),
                    };
                    Line::styled(
                        text::fit(&format!("【{label}】{count}件"), width),
                        theme.style(Slot::Title),
                    )
                }
                DRow::Item(i) => {
                    let p = &self.snap.pending[i];
                    let o = &p.obligation;
                    let r = &self.snap.rows[p.row];
                    let mut spans = status_spans_of(o.status, o.status.label(), theme);
                    spans.push(Span::raw(" "));
                    spans.push(Span::raw(text::fit(&wareki::format_short(o.due), 8)));
                    spans.push(Span::raw(" "));
                    spans.push(Span::raw(text::fit(&text::for_display(&r.name), NAME_W)));
                    spans.push(Span::raw(" "));
                    let mut used = 3 + 10 + 1 + 8 + 1 + NAME_W + 1;
                    if wide {
                        let staff = r.staff.as_deref().unwrap_or("―");
                        spans.push(Span::styled(
                            text::fit(&text::for_display(&r.external_id), 8),
                            theme.style(Slot::Dim),
                        ));
                        spans.push(Span::raw(" "));
                        spans.push(Span::styled(
                            text::fit(&text::for_display(staff), 10),
                            theme.style(Slot::Dim),
                        ));
                        spans.push(Span::raw(" "));
                        used += 20;
                    }
                    let title = if wide {
                        with_period(o.title, o.period)
                    } else {
                        short_title_of(o.id, o.title, o.period)
                    };
                    spans.push(Span::raw(text::fit(&title, width.saturating_sub(used))));
                    Line::from(spans)
                }
            };
            buf.set_line(inner.x, y, &line, inner.width);
            if k == d.selected {
                buf.set_style(
                    Rect::new(inner.x, y, inner.width, 1),
                    theme.style(Slot::Selected),
                );
            }
        }
    }
}
