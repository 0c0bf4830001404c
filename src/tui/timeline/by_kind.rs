//! The records view: one client's records grouped by kind — consents (and
//! whether withdrawn), handovers, case conferences, plan versions and
//! reviews, reports, employments, then contacts — newest first within a
//! kind, each opened with the same keys as on the timeline. What is due is
//! left out: this is the case file, not the to-do list.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Entry, RecordKind, Row, Timeline};
use crate::dates::YearMonth;

/// The kinds in the order of the case file: what governs sharing first,
/// the many contacts last (the timeline already shows them by month).
pub(crate) const ORDER: [RecordKind; 8] = [
    RecordKind::Consent,
    RecordKind::Handover,
    RecordKind::Conference,
    RecordKind::Plan,
    RecordKind::PlanReview,
    RecordKind::Report,
    RecordKind::Employment,
    RecordKind::Contact,
];

/// Contacts start folded: a three-year case has dozens of them.
pub(super) fn default_folds() -> BTreeSet<RecordKind> {
    BTreeSet::from([RecordKind::Contact])
}

impl Timeline {
    /// Switch between the timeline and the records view; the cursor stays
    /// on the same record when it is in both.
    pub fn toggle_by_kind(&mut self) {
        let key = self.selected_key();
        self.by_kind = !self.by_kind;
        self.rebuild_rows();
        self.selected = 0;
        if let Some(key) = key
            && self.select_key(&key)
        {
            return;
        }
        if !self.by_kind {
            self.select_initial();
        }
    }

    pub(super) fn kind_rows(&self) -> Vec<Row> {
        let mut rows = Vec::with_capacity(self.records.len() + ORDER.len());
        for kind in ORDER {
            let mut of_kind: Vec<usize> = (0..self.records.len())
                .filter(|&i| self.records[i].kind == kind)
                .collect();
            if of_kind.is_empty() {
                continue;
            }
            of_kind.sort_by_key(|&i| std::cmp::Reverse(self.records[i].date));
            let folded = self.folded_kinds.contains(&kind);
            rows.push(Row::Kind {
                kind,
                folded,
                items: of_kind.len(),
            });
            if !folded {
                rows.extend(of_kind.into_iter().map(|i| Row::Entry(Entry::Record(i))));
            }
        }
        rows
    }

    /// Unfold what hides the entry dated `d` (its month, or its kind in the
    /// records view); `true` if something was unfolded.
    pub(super) fn unfold_for(&mut self, d: NaiveDate, e: Entry) -> bool {
        if !self.by_kind {
            return self.folded.remove(&YearMonth::of(d));
        }
        match e {
            Entry::Record(i) => self.folded_kinds.remove(&self.records[i].kind),
            Entry::Obligation(_) => false,
        }
    }

    pub(super) fn select_kind_heading(&mut self, kind: RecordKind) {
        if let Some(p) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Kind { kind: k, .. } if *k == kind))
        {
            self.selected = p;
        }
    }

    /// Fold or unfold the kind of the selected row; the cursor stays on
    /// that kind's heading.
    pub(super) fn toggle_kind_fold(&mut self) {
        let kind = match self.rows.get(self.selected) {
            Some(Row::Kind { kind, .. }) => *kind,
            Some(Row::Entry(Entry::Record(i))) => self.records[*i].kind,
            _ => return,
        };
        if !self.folded_kinds.remove(&kind) {
            self.folded_kinds.insert(kind);
        }
        self.rebuild_rows();
        self.select_kind_heading(kind);
    }
}
