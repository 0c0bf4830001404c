//! The client list: everyone (or my caseload), sorted by urgency or by
//! ふりがな, narrowed as the case worker types a filter. Matched characters
//! are highlighted. The selection follows the client (by id), not the row.
//! `update` takes the filter box's keys, `view` draws the list, and
//! `view_state` keeps `m` and the sort order for the next start.

mod query_history;
mod update;
use crate::model::ClientId;

pub(crate) mod view;
pub(crate) mod view_state;

use std::collections::HashMap;

use super::filter::{self, Filter, Matches};
use super::snapshot::{ClientRow, Snapshot};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Overdue first, then due soon, then the nearest due day.
    Urgency,
    /// あいうえお順 by ふりがな.
    Kana,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Urgency => "緊急度順",
            Sort::Kana => "ふりがな順",
        }
    }
}

/// The list's state. `visible` holds snapshot row indices in display order.
pub struct ClientList {
    pub query: String,
    /// The searches typed before (`/` starts an empty one).
    pub(crate) history: query_history::QueryHistory,
    /// The filter box has the keyboard.
    pub typing: bool,
    pub sort: Sort,
    pub mine_only: bool,
    /// Closed (終結) cases are listed too.
    pub show_closed: bool,
    /// Clients the list can show (closed ones only with `show_closed`),
    /// before the caseload and text filters.
    pub total: usize,
    filter: Filter,
    /// Rows after the caseload filter, in sort order.
    base: Vec<usize>,
    pub visible: Vec<usize>,
    /// The text filter's matches (positions in `base`), best first: the
    /// highlights of the first `filter::MARKED`, and of the rest once
    /// scrolled to.
    matches: Matches,
    scrolled_marks: HashMap<usize, Vec<u32>>,
    pub selected: usize,
    pub offset: usize,
    /// The snapshot's row count at the last rebuild (rows added or removed
    /// since: `refresh_rows` rebuilds).
    rows_seen: usize,
}

impl Default for ClientList {
    fn default() -> Self {
        ClientList {
            query: String::new(),
            history: query_history::QueryHistory::default(),
            typing: false,
            sort: Sort::Urgency,
            mine_only: false,
            show_closed: false,
            total: 0,
            filter: Filter::new(),
            base: Vec::new(),
            visible: Vec::new(),
            matches: Matches::default(),
            scrolled_marks: HashMap::new(),
            selected: 0,
            offset: 0,
            rows_seen: 0,
        }
    }
}

impl std::fmt::Debug for ClientList {
    // The matcher's state is large and says nothing a reader needs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientList")
            .field("query", &self.query)
            .field("visible", &self.visible.len())
            .field("selected", &self.selected)
            .finish_non_exhaustive()
    }
}

impl ClientList {
    /// The selected client's row index in the snapshot.
    pub fn selected_row(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Recompute the caseload filter and the sort order (after a reload or
    /// when either setting changes), then the text filter. Keeps the
    /// selected client if still shown.
    pub fn rebuild(&mut self, snap: &Snapshot, user: &str) {
        let keep = self.selected_row().and_then(|r| snap_id(snap, r));
        self.rebuild_keeping(snap, user, keep);
    }

    /// `rebuild`, keeping the client `keep` selected (when the rows of the
    /// snapshot moved, the list's own row numbers no longer name it).
    pub fn rebuild_keeping(&mut self, snap: &Snapshot, user: &str, keep: Option<ClientId>) {
        let shown = |i: &usize| self.show_closed || snap.rows[*i].closure.is_none();
        self.total = (0..snap.rows.len()).filter(shown).count();
        let mut base: Vec<usize> = (0..snap.rows.len())
            .filter(shown)
            .filter(|&i| !self.mine_only || snap.rows[i].staff.as_deref() == Some(user))
            .collect();
        let rows = &snap.rows;
        let sort = self.effective_sort(snap);
        base.sort_by(|&a, &b| order(sort, &rows[a], &rows[b]));
        self.filter.prepare_folded(
            base.iter()
                .map(|&r| (rows[r].haystack.as_str(), rows[r].own_len())),
        );
        self.base = base;
        self.rows_seen = snap.rows.len();
        self.refilter(snap, keep);
    }

    /// Until the obligations are computed there is no urgency to sort by.
    fn effective_sort(&self, snap: &Snapshot) -> Sort {
        if snap.computed { self.sort } else { Sort::Kana }
    }

    /// After the rows `changed` of the snapshot were replaced in place (no
    /// row added or removed): when each is still listed where it was, only
    /// its filter text is renewed — no sort over the whole office, and the
    /// scroll position stays. Otherwise the whole list is rebuilt.
    pub fn refresh_rows(
        &mut self,
        snap: &Snapshot,
        user: &str,
        changed: &[usize],
        keep: Option<ClientId>,
    ) {
        let sort = self.effective_sort(snap);
        let listed = |r: usize| {
            let row = &snap.rows[r];
            (self.show_closed || row.closure.is_none())
                && (!self.mine_only || row.staff.as_deref() == Some(user))
        };
        let mut places = Vec::with_capacity(changed.len());
        for &r in changed {
            let at = self.base.iter().position(|&b| b == r);
            let in_place = match at {
                None => !listed(r),
                Some(p) => {
                    listed(r)
                        && (p == 0
                            || order(sort, &snap.rows[self.base[p - 1]], &snap.rows[r]).is_le())
                        && self
                            .base
                            .get(p + 1)
                            .is_none_or(|&n| order(sort, &snap.rows[r], &snap.rows[n]).is_le())
                }
            };
            // Closed cases count in `total` only when shown: a change of
            // that needs the whole count again.
            if !in_place || snap.rows.len() != self.rows_seen {
                return self.rebuild_keeping(snap, user, keep);
            }
            places.extend(at);
        }
        for p in places {
            let row = &snap.rows[self.base[p]];
            self.filter.replace_folded(p, &row.haystack, row.own_len());
        }
        let offset = self.offset;
        self.refilter(snap, keep);
        self.offset = offset;
    }

    /// Apply the text filter; select `keep` (a client id) if shown, else
    /// the best match.
    pub fn refilter(&mut self, snap: &Snapshot, keep: Option<ClientId>) {
        self.scrolled_marks.clear();
        if self.query.trim().is_empty() {
            self.visible.clone_from(&self.base);
            self.matches = Matches::default();
        } else {
            self.matches = self.filter.matches(&self.query);
            let base = &self.base;
            self.visible.clear();
            self.visible
                .extend(self.matches.hits.iter().map(|h| base[h.pos as usize]));
        }
        self.selected = keep
            .and_then(|id| self.visible.iter().position(|&r| snap.rows[r].id == id))
            .unwrap_or(0);
        self.offset = 0;
    }

    /// Select the client with `id` if shown; `false` if not.
    pub fn select_id(&mut self, snap: &Snapshot, id: ClientId) -> bool {
        match self.visible.iter().position(|&r| snap.rows[r].id == id) {
            Some(p) => {
                self.selected = p;
                true
            }
            None => false,
        }
    }

    /// Select the row at `pos`, or the last when the list got shorter.
    pub fn select_near(&mut self, pos: usize) {
        self.selected = pos.min(self.visible.len().saturating_sub(1));
    }

    /// Move the selection by `delta` rows, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let n = self.visible.len();
        if n == 0 {
            self.selected = 0;
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
    }

    pub fn select_end(&mut self, last: bool) {
        self.selected = if last {
            self.visible.len().saturating_sub(1)
        } else {
            0
        };
    }

    /// Scroll so the selection is within `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        self.offset = scrolled(self.offset, self.selected, height);
        // The highlights of the rows now on screen, if not worked out yet.
        for i in self.offset.max(filter::MARKED)..(self.offset + height).min(self.visible.len()) {
            if let (Some(&hit), false) = (
                self.matches.hits.get(i),
                self.scrolled_marks.contains_key(&i),
            ) {
                let marks = self.filter.positions(&self.query, hit);
                self.scrolled_marks.insert(i, marks);
            }
        }
    }

    /// The matched char indices of visible row `i` (none without a query).
    pub fn marks(&self, i: usize) -> &[u32] {
        match self.matches.marks.get(i) {
            Some(m) => m,
            None => self.scrolled_marks.get(&i).map_or(&[], Vec::as_slice),
        }
    }
}

/// The list's order of two rows under `sort`.
fn order(sort: Sort, a: &ClientRow, b: &ClientRow) -> std::cmp::Ordering {
    match sort {
        Sort::Urgency => {
            (a.urgency_key(), &a.kana, &a.name).cmp(&(b.urgency_key(), &b.kana, &b.name))
        }
        Sort::Kana => {
            (kana_key(a), &a.name, &a.external_id).cmp(&(kana_key(b), &b.name, &b.external_id))
        }
    }
}

fn snap_id(snap: &Snapshot, row: usize) -> Option<ClientId> {
    snap.rows.get(row).map(|r| r.id)
}

/// Clients without ふりがな sort after those with, by name.
fn kana_key(r: &ClientRow) -> (bool, &str) {
    (r.kana.is_empty(), r.kana.as_str())
}

/// The first row to show so `selected` is on screen, moving as little as
/// possible from `offset`.
pub(crate) fn scrolled(offset: usize, selected: usize, height: usize) -> usize {
    if height == 0 {
        return selected;
    }
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}
