//! One client's timeline: the obligations in date order (by due day), the
//! records interleaved (by their date), grouped by month, with a line for
//! today. Past months where nothing is left to do start folded, so a
//! three-year case opens on what matters now. Built from the client's full
//! record when the client is selected; the widget is in `view`, Enter and
//! `R` in `update`. The same rows can instead list the records by kind
//! (`by_kind.rs`); `record_item` makes the client's records into rows.

pub(crate) mod view;

mod by_kind;
pub(crate) mod record_item;
mod update;

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::dates::YearMonth;
use crate::model::{Client, ClientId, Obligation, ObligationId, RecordId, Status};
use crate::text;

pub(crate) use record_item::{RECORDER, RecordItem, RecordKind, records_of};

/// What keeps the cursor on the same item across reloads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ItemKey {
    /// An item by its id, month and job (an earlier job's anchor).
    Obligation(&'static str, Option<YearMonth>, Option<NaiveDate>),
    Record(RecordKind, Option<RecordId>, NaiveDate),
    Month(YearMonth),
    Kind(RecordKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Obligation(usize),
    Record(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A month heading; when folded, how many items it hides.
    Month {
        month: YearMonth,
        folded: bool,
        items: usize,
    },
    Today,
    /// A kind's heading in the records view; when folded, how many it hides.
    Kind {
        kind: RecordKind,
        folded: bool,
        items: usize,
    },
    Entry(Entry),
}

#[derive(Debug)]
pub struct Timeline {
    pub client: Client,
    pub obligations: Vec<Obligation>,
    pub records: Vec<RecordItem>,
    pub today: NaiveDate,
    /// Every entry with its date, in timeline order.
    entries: Vec<(NaiveDate, Entry)>,
    pub folded: BTreeSet<YearMonth>,
    /// The records view: the client's records by kind, no obligations.
    pub by_kind: bool,
    /// Kinds folded in the records view.
    pub folded_kinds: BTreeSet<RecordKind>,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub offset: usize,
}

impl Timeline {
    pub fn new(client: Client, obligations: Vec<Obligation>, today: NaiveDate) -> Timeline {
        let records = records_of(&client);
        let mut entries: Vec<(NaiveDate, Entry)> = obligations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.due, Entry::Obligation(i)))
            .chain(
                records
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.date, Entry::Record(i))),
            )
            .collect();
        // By date; on one day the records first (they happened), then what is due.
        entries.sort_by_key(|(d, e)| (*d, matches!(e, Entry::Obligation(_))));
        let mut t = Timeline {
            client,
            obligations,
            records,
            today,
            entries,
            folded: BTreeSet::new(),
            by_kind: false,
            folded_kinds: by_kind::default_folds(),
            rows: Vec::new(),
            selected: 0,
            offset: 0,
        };
        t.folded = t.default_folds();
        t.rebuild_rows();
        t.select_initial();
        t
    }

    pub fn client_id(&self) -> ClientId {
        self.client.id.unwrap_or_default()
    }

    /// Past months with nothing left to do, and an earlier job's months
    /// (folded under it: their heading says what is still overdue).
    fn default_folds(&self) -> BTreeSet<YearMonth> {
        let this = YearMonth::of(self.today);
        let mut months: BTreeSet<YearMonth> = self
            .entries
            .iter()
            .map(|(d, _)| YearMonth::of(*d))
            .filter(|m| *m < this)
            .collect();
        for (d, e) in &self.entries {
            if let Entry::Obligation(i) = e
                && self.obligations[*i].job.is_none()
                && !matches!(self.obligations[*i].status, Status::Done | Status::Waived)
            {
                months.remove(&YearMonth::of(*d));
            }
        }
        months
    }

    fn rebuild_rows(&mut self) {
        if self.by_kind {
            self.rows = self.kind_rows();
            return;
        }
        let mut rows = Vec::with_capacity(self.entries.len() + 24);
        let mut month: Option<YearMonth> = None;
        let mut today_placed = false;
        let this = YearMonth::of(self.today);
        for (k, &(d, e)) in self.entries.iter().enumerate() {
            let m = YearMonth::of(d);
            if !today_placed && d >= self.today && m > this {
                // Today's month has no entries of its own: the line stands alone.
                rows.push(Row::Today);
                today_placed = true;
            }
            if month != Some(m) {
                month = Some(m);
                let folded = self.folded.contains(&m);
                let items = self.entries[k..]
                    .iter()
                    .take_while(|(d, _)| YearMonth::of(*d) == m)
                    .count();
                rows.push(Row::Month {
                    month: m,
                    folded,
                    items,
                });
            }
            if !today_placed && d >= self.today {
                rows.push(Row::Today);
                today_placed = true;
            }
            if !self.folded.contains(&m) {
                rows.push(Row::Entry(e));
            }
        }
        if !today_placed {
            rows.push(Row::Today);
        }
        self.rows = rows;
    }

    /// The key of the selected row (to find it again after a rebuild).
    pub fn selected_key(&self) -> Option<ItemKey> {
        self.key_of(self.rows.get(self.selected)?)
    }

    fn key_of(&self, row: &Row) -> Option<ItemKey> {
        match *row {
            Row::Month { month, .. } => Some(ItemKey::Month(month)),
            Row::Kind { kind, .. } => Some(ItemKey::Kind(kind)),
            Row::Today => None,
            Row::Entry(Entry::Obligation(i)) => {
                let o = &self.obligations[i];
                Some(ItemKey::Obligation(o.id, o.period, o.job))
            }
            Row::Entry(Entry::Record(i)) => {
                let r = &self.records[i];
                Some(ItemKey::Record(r.kind, r.id, r.date))
            }
        }
    }

    /// The row the cursor should land on once the selected one is gone
    /// (deleted): the next item, else the one before.
    pub(crate) fn neighbour_key(&self) -> Option<ItemKey> {
        let after = self.rows.iter().skip(self.selected + 1);
        let before = self.rows[..self.selected.min(self.rows.len())].iter().rev();
        after.chain(before).find_map(|r| self.key_of(r))
    }

    /// Select the item with `key`, unfolding its month; `false` if the
    /// timeline has no such item.
    pub fn select_key(&mut self, key: &ItemKey) -> bool {
        let found = self
            .entries
            .iter()
            .find(|(_, e)| self.key_of(&Row::Entry(*e)).as_ref() == Some(key));
        if let Some(&(d, e)) = found
            && self.unfold_for(d, e)
        {
            self.rebuild_rows();
        }
        match self
            .rows
            .iter()
            .position(|r| self.key_of(r).as_ref() == Some(key))
        {
            Some(p) => {
                self.selected = p;
                true
            }
            None => false,
        }
    }

    /// Keep the folds and the arrangement of `old` (before a reload).
    pub fn keep_view_of(&mut self, old: &Timeline) {
        self.folded = old.folded.clone();
        self.folded_kinds = old.folded_kinds.clone();
        self.by_kind = old.by_kind;
        self.rebuild_rows();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// Like `select_key`, but a reload must not undo the case worker's
    /// folds: an item hidden in a folded month selects that month's heading.
    pub fn select_key_keeping_folds(&mut self, key: Option<&ItemKey>) {
        let Some(key) = key else { return };
        if let Some(p) = self
            .rows
            .iter()
            .position(|r| self.key_of(r).as_ref() == Some(key))
        {
            self.selected = p;
            return;
        }
        let hidden = self
            .entries
            .iter()
            .find(|(_, e)| self.key_of(&Row::Entry(*e)).as_ref() == Some(key));
        if self.by_kind {
            if let Some(&(_, Entry::Record(i))) = hidden {
                self.select_kind_heading(self.records[i].kind);
            }
            return;
        }
        if let Some(m) = hidden.map(|(d, _)| YearMonth::of(*d))
            && let Some(p) = self
                .rows
                .iter()
                .position(|r| matches!(r, Row::Month { month, .. } if *month == m))
        {
            self.selected = p;
        }
    }

    /// The first overdue item, else the first item from today on.
    fn select_initial(&mut self) {
        let overdue = self.rows.iter().position(|r| {
            matches!(r, Row::Entry(Entry::Obligation(i)) if self.obligations[*i].status == Status::Overdue)
        });
        let after_today = self
            .rows
            .iter()
            .position(|r| *r == Row::Today)
            .map(|p| (p + 1).min(self.rows.len().saturating_sub(1)));
        self.selected = overdue.or(after_today).unwrap_or(0);
        self.skip_today(1);
    }

    /// Keep the cursor off the today line (it is a marker, not an item).
    fn skip_today(&mut self, dir: isize) {
        if self.rows.get(self.selected) == Some(&Row::Today) {
            let n = self.rows.len() as isize;
            let next = self.selected as isize + dir;
            let other = self.selected as isize - dir;
            self.selected = if (0..n).contains(&next) {
                next as usize
            } else if (0..n).contains(&other) {
                other as usize
            } else {
                self.selected
            };
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.rows.len();
        if n == 0 {
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
        self.skip_today(if delta < 0 { -1 } else { 1 });
    }

    pub fn select_end(&mut self, last: bool) {
        self.selected = if last {
            self.rows.len().saturating_sub(1)
        } else {
            0
        };
        self.skip_today(if last { -1 } else { 1 });
    }

    /// Fold or unfold the month of the selected row; the cursor stays on
    /// that month's heading.
    pub fn toggle_fold(&mut self) {
        if self.by_kind {
            return self.toggle_kind_fold();
        }
        let Some(month) = self.selected_month() else {
            return;
        };
        if !self.folded.remove(&month) {
            self.folded.insert(month);
        }
        self.rebuild_rows();
        if let Some(p) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Month { month: m, .. } if *m == month))
        {
            self.selected = p;
        }
    }

    fn selected_month(&self) -> Option<YearMonth> {
        match *self.rows.get(self.selected)? {
            Row::Month { month, .. } => Some(month),
            Row::Kind { .. } => None,
            Row::Today => Some(YearMonth::of(self.today)),
            Row::Entry(Entry::Obligation(i)) => Some(YearMonth::of(self.obligations[i].due)),
            Row::Entry(Entry::Record(i)) => Some(YearMonth::of(self.records[i].date)),
        }
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    pub fn selected_obligation(&self) -> Option<&Obligation> {
        match self.selected_row()? {
            Row::Entry(Entry::Obligation(i)) => self.obligations.get(i),
            _ => None,
        }
    }

    pub fn selected_record(&self) -> Option<&RecordItem> {
        match self.selected_row()? {
            Row::Entry(Entry::Record(i)) => self.records.get(i),
            _ => None,
        }
    }

    /// Entries of `month` (for a heading's summary).
    pub fn month_entries(&self, month: YearMonth) -> impl Iterator<Item = Entry> + '_ {
        self.entries
            .iter()
            .filter(move |(d, _)| YearMonth::of(*d) == month)
            .map(|(_, e)| *e)
    }

    pub fn scroll_into_view(&mut self, height: usize) {
        self.offset = super::client_list::scrolled(self.offset, self.selected, height);
    }

    /// Stage steps (①–④) a contact can be linked to: (id, title), the ones
    /// not done first.
    pub fn linkable_steps(&self) -> Vec<(String, String)> {
        let mut steps: Vec<&Obligation> = self
            .obligations
            .iter()
            .filter(|o| o.period.is_none() && is_stage_step(o.id) && o.status != Status::Waived)
            .collect();
        steps.sort_by_key(|o| (o.status == Status::Done, o.due));
        steps
            .into_iter()
            .map(|o| (o.id.to_string(), text::for_display(o.title).into_owned()))
            .collect()
    }

    /// `linkable_steps`, plus any of `links` it leaves out (a waived step,
    /// a step of another kind): correcting a contact offers every step it
    /// is linked to, under its title.
    pub(crate) fn steps_with(&self, links: &[crate::model::ObligationId]) -> Vec<(String, String)> {
        let mut steps = self.linkable_steps();
        for id in links.iter().map(|o| o.as_str()) {
            if steps.iter().any(|(s, _)| s == id) {
                continue;
            }
            let title = self
                .obligations
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.title)
                .or_else(|| super::engine::rule(id).map(|r| r.title))
                .unwrap_or(id);
            steps.push((id.to_string(), text::for_display(title).into_owned()));
        }
        steps
    }
}

/// Steps of stages ①–④ are done by a linked contact (docs/BASIS.md §4.2).
pub(crate) fn is_stage_step(id: &str) -> bool {
    ["pre.", "m23.", "m45.", "m6."]
        .iter()
        .any(|p| id.starts_with(p))
}

/// What Enter does on an obligation: the record that would satisfy it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnterAction {
    /// A contact linked to this step (stages ①–④).
    LinkedContact,
    /// A contact with the client, in person (monthly face-to-face).
    Contact,
    /// A contact with the employer at the workplace (monthly employer).
    EmployerContact,
    /// A handover record (end.handover_share).
    Handover,
    /// The month's 支援レポート.
    Report,
    /// The 就労定着支援計画書 (a new plan or a review).
    Plan,
    /// Nothing to record (information only).
    Nothing,
}

impl EnterAction {
    pub(crate) fn of(id: &str) -> EnterAction {
        match ObligationId::parse(id) {
            _ if is_stage_step(id) => EnterAction::LinkedContact,
            Some(ObligationId::RET_MONTHLY_FACE_TO_FACE) => EnterAction::Contact,
            Some(ObligationId::RET_MONTHLY_EMPLOYER) => EnterAction::EmployerContact,
            Some(ObligationId::END_HANDOVER_SHARE) => EnterAction::Handover,
            Some(ObligationId::RET_MONTHLY_REPORT) => EnterAction::Report,
            Some(ObligationId::RET_PLAN_INITIAL | ObligationId::RET_PLAN_REVIEW) => {
                EnterAction::Plan
            }
            _ => EnterAction::Nothing,
        }
    }

    /// What Enter does, for the detail pane (after the key the keymap
    /// binds to `enter`).
    pub(crate) fn hint(self) -> Option<&'static str> {
        match self {
            EnterAction::LinkedContact => Some("この項目の記録を書く（この項目に結び付けます）"),
            EnterAction::Contact => Some("本人との支援の記録を書く"),
            EnterAction::EmployerContact => Some("事業主との連絡の記録を書く"),
            EnterAction::Handover => Some("引継ぎを記録する"),
            EnterAction::Report => Some("この月の支援レポートを書く"),
            EnterAction::Plan => Some("就労定着支援計画書を書く・見直す"),
            EnterAction::Nothing => None,
        }
    }
}
