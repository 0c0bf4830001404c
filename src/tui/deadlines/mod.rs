//! The deadlines view (`d`), the coordinator's main screen: every client's
//! obligations that are overdue or due within N days, grouped by status or
//! by month, narrowed to one worker (or my caseload), to one kind of
//! obligation and to the clients the filter box matches; with each
//! worker's overdue and due-soon counts. Built from the snapshot's cached
//! obligations (no engine work here). `update` opens it, rebuilds it and
//! jumps from it to a client's timeline; `view` draws it. Whose deadlines
//! are chosen with the staff picker (`tui::staff_picker`).

mod update;
pub(crate) mod view;

use std::collections::HashMap;

use chrono::NaiveDate;

use super::client_list::scrolled;
use super::snapshot::Snapshot;
use super::staff_picker::Who;
use crate::dates::{YearMonth, add_days};
use crate::model::{Severity, Status};

/// How far ahead the view looks: + and - step through these.
pub(crate) const DAY_STEPS: &[i64] = &[7, 14, 30, 60, 90, 180, 365];
pub(crate) const DEFAULT_DAYS: i64 = 30;

/// The ID column's width bounds: a longer 利用者番号 is cut.
const ID_MIN: usize = 4;
const ID_MAX: usize = 10;

/// Kinds of obligation by id prefix (docs/BASIS.md §4.1 stages).
pub(crate) const KINDS: &[(&str, &str)] = &[
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
        group: Option<Group>,
        month: Option<YearMonth>,
        count: usize,
    },
    /// Index into `Snapshot::pending`.
    Item(usize),
}

/// Which clients' items are listed, beyond the view's own filters.
#[derive(Debug, Clone, Copy)]
pub struct Narrow<'a> {
    /// The worker (my caseload is `Who::Staff(me)`).
    pub who: &'a Who,
    /// Only these snapshot rows (what the filter box matches), if set.
    pub rows: Option<&'a [bool]>,
}

impl Narrow<'_> {
    pub const ALL: Narrow<'static> = Narrow {
        who: &Who::All,
        rows: None,
    };
}

/// One worker's items that are overdue and due soon, among those the view
/// would list if that worker were chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffCount {
    pub who: Who,
    /// 必須 items overdue and due soon.
    pub overdue: usize,
    pub due_soon: usize,
    /// 努力義務 items overdue or due soon (apart: not what is required).
    pub effort: usize,
}

#[derive(Debug)]
pub struct Deadlines {
    pub days: i64,
    pub grouping: Grouping,
    /// Index into `KINDS`; `None` for every kind.
    pub kind: Option<usize>,
    /// Only 必須 items: hides 努力義務 and 情報 (in a large office the
    /// monthly employer contacts, an effort duty, crowd the overdue list).
    pub required_only: bool,
    /// The worker chosen in the picker (kept while the program runs; my
    /// caseload, when on, goes before it).
    pub staff: Who,
    /// Per worker with anything overdue or due soon, most overdue first.
    pub by_staff: Vec<StaffCount>,
    /// The same for everyone.
    pub total: StaffCount,
    /// Columns of the widest 利用者番号 listed (4–10), for the ID column.
    pub id_width: usize,
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
            staff: Who::All,
            by_staff: Vec::new(),
            total: StaffCount {
                who: Who::All,
                overdue: 0,
                due_soon: 0,
                effort: 0,
            },
            id_width: ID_MIN,
            rows: Vec::new(),
            items: 0,
            selected: 0,
            offset: 0,
        }
    }
}

/// The view's groups by status, most urgent first: the 必須 items
/// overdue, the 必須 items due soon, the 努力義務 late or due soon (kept
/// apart so the counts of what is required read clean), and the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Overdue,
    DueSoon,
    Effort,
    Open,
}

fn group_of(o: &crate::tui::snapshot::Due) -> Group {
    match o.status {
        Status::Overdue | Status::DueSoon if !o.is_required() => Group::Effort,
        Status::Overdue => Group::Overdue,
        Status::DueSoon => Group::DueSoon,
        // open and upcoming read as one group: not urgent yet
        _ => Group::Open,
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
    /// is still listed. Counts each worker's items on the way.
    pub fn rebuild(&mut self, snap: &Snapshot, today: NaiveDate, narrow: Narrow<'_>) {
        let keep = self
            .selected_item()
            .and_then(|p| snap.pending.get(p))
            .map(|p| {
                (
                    snap.rows.get(p.row).map(|r| r.id),
                    p.obligation.id(),
                    p.obligation.period,
                )
            });
        let horizon = add_days(today, self.days);
        let prefix = self.kind.and_then(|k| KINDS.get(k)).map(|(p, _)| *p);
        let listed: Vec<usize> = snap
            .pending
            .iter()
            .enumerate()
            // What the rules call 期限間近 (each item's own window: the
            // office's days, the 受給者証's own) is always in, as in `agenda`
            // and the counts; the view's days reach further ahead.
            .filter(|(_, p)| {
                matches!(p.obligation.status, Status::Overdue | Status::DueSoon)
                    || p.obligation.due <= horizon
            })
            .filter(|(_, p)| prefix.is_none_or(|pre| p.obligation.id().starts_with(pre)))
            .filter(|(_, p)| !self.required_only || p.obligation.severity == Severity::Required)
            .filter(|(_, p)| narrow.rows.is_none_or(|r| r.get(p.row) == Some(&true)))
            .map(|(i, _)| i)
            .collect();
        self.count_by_staff(snap, &listed);
        let mut items: Vec<usize> = listed
            .into_iter()
            .filter(|&i| {
                let staff = snap.rows[snap.pending[i].row].staff.as_deref();
                narrow.who.keeps(staff)
            })
            .collect();
        let key = |i: &usize| {
            let p = &snap.pending[*i];
            let r = &snap.rows[p.row];
            let group = match self.grouping {
                Grouping::Status => (group_of(&p.obligation) as u8, None),
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
                p.obligation.id(),
            )
        };
        items.sort_by_cached_key(key);
        self.items = items.len();
        self.id_width = items
            .iter()
            .map(|&i| crate::text::width(&snap.rows[snap.pending[i].row].external_id))
            .max()
            .unwrap_or(0)
            .clamp(ID_MIN, ID_MAX);
        let mut rows = Vec::with_capacity(items.len() + 8);
        let mut k = 0;
        while k < items.len() {
            let o = &snap.pending[items[k]].obligation;
            let same = |i: &usize| {
                let p = &snap.pending[*i].obligation;
                match self.grouping {
                    Grouping::Status => group_of(p) == group_of(o),
                    Grouping::Month => YearMonth::of(p.due) == YearMonth::of(o.due),
                }
            };
            let n = items[k..].iter().take_while(|i| same(i)).count();
            rows.push(match self.grouping {
                Grouping::Status => DRow::Heading {
                    group: Some(group_of(o)),
                    month: None,
                    count: n,
                },
                Grouping::Month => DRow::Heading {
                    group: None,
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
                            p.obligation.id(),
                            p.obligation.period,
                        ) == key
                    }
                    _ => false,
                })
            })
            .unwrap_or_else(|| self.first_item());
    }

    /// Each worker's overdue and due-soon items among `listed`: the 必須
    /// ones, and the 努力義務 apart.
    fn count_by_staff(&mut self, snap: &Snapshot, listed: &[usize]) {
        let mut counts: HashMap<Option<&str>, [usize; 3]> = HashMap::new();
        let mut total = [0; 3];
        for &i in listed {
            let p = &snap.pending[i];
            let k = match group_of(&p.obligation) {
                Group::Overdue => 0,
                Group::DueSoon => 1,
                Group::Effort => 2,
                Group::Open => continue,
            };
            counts.entry(snap.rows[p.row].staff.as_deref()).or_default()[k] += 1;
            total[k] += 1;
        }
        let mut by: Vec<StaffCount> = counts
            .into_iter()
            .filter(|(_, c)| c.iter().sum::<usize>() > 0)
            .map(|(staff, [overdue, due_soon, effort])| StaffCount {
                who: Who::of(staff),
                overdue,
                due_soon,
                effort,
            })
            .collect();
        // Nobody's clients last among equals: a worker's name reads first.
        by.sort_by(|a, b| {
            let key = |c: &StaffCount| {
                (
                    std::cmp::Reverse(c.overdue),
                    std::cmp::Reverse(c.due_soon),
                    std::cmp::Reverse(c.effort),
                    c.who == Who::Unassigned,
                )
            };
            key(a).cmp(&key(b)).then_with(|| a.who.cmp(&b.who))
        });
        self.by_staff = by;
        let [overdue, due_soon, effort] = total;
        self.total = StaffCount {
            who: Who::All,
            overdue,
            due_soon,
            effort,
        };
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
