//! One client's timeline: the obligations in date order (by due day), the
//! records interleaved (by their date), grouped by month, with a line for
//! today. Past months where nothing is left to do start folded, so a
//! three-year case opens on what matters now. Built from the client's full
//! record when the client is selected; the widget is in `timeline_view.rs`.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::dates::YearMonth;
use crate::model::{Client, Obligation, Status};
use crate::text;

/// What kind of record a timeline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Contact,
    Report,
    Plan,
    PlanReview,
    Consent,
    Handover,
    Conference,
}

impl RecordKind {
    /// The word shown in the status column (records have no status).
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Contact => "記録",
            RecordKind::Report => "報告",
            RecordKind::Plan => "計画",
            RecordKind::PlanReview => "見直し",
            RecordKind::Consent => "同意",
            RecordKind::Handover => "引継",
            RecordKind::Conference => "会議",
        }
    }
}

/// A record as the timeline and the detail pane show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordItem {
    pub kind: RecordKind,
    pub id: Option<i64>,
    pub date: NaiveDate,
    /// One line for the timeline (sanitized when drawn).
    pub line: String,
    /// (label, value) pairs for the detail pane.
    pub fields: Vec<(&'static str, String)>,
    /// Free text (summary, notes), shown wrapped in the detail pane.
    pub body: String,
}

/// What keeps the cursor on the same item across reloads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ItemKey {
    Obligation(&'static str, Option<YearMonth>),
    Record(RecordKind, Option<i64>, NaiveDate),
    Month(YearMonth),
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
    Entry(Entry),
}

pub struct Timeline {
    pub client: Client,
    pub obligations: Vec<Obligation>,
    pub records: Vec<RecordItem>,
    pub today: NaiveDate,
    /// Every entry with its date, in timeline order.
    entries: Vec<(NaiveDate, Entry)>,
    pub folded: BTreeSet<YearMonth>,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub offset: usize,
}

fn first_line(s: &str) -> &str {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// The records of `c` as timeline entries.
pub fn records_of(c: &Client) -> Vec<RecordItem> {
    let mut out = Vec::new();
    for x in &c.contacts {
        let mut fields = vec![
            (
                "相手",
                join_detail(x.counterpart.label(), &x.counterpart_detail),
            ),
            ("方法", join_detail(x.method.label(), &x.method_detail)),
            ("場所", join_detail(x.place.label(), &x.place_detail)),
        ];
        if let Some(t) = x.time {
            fields.insert(0, ("時刻", t.format("%H:%M").to_string()));
        }
        if let Some(s) = &x.staff {
            fields.push(("記録者", s.clone()));
        }
        if !x.obligations.is_empty() {
            fields.push(("対応する項目", x.obligations.join(", ")));
        }
        out.push(RecordItem {
            kind: RecordKind::Contact,
            id: x.id,
            date: x.date,
            line: format!(
                "{}・{} {}",
                x.method.label(),
                x.counterpart.label(),
                first_line(&x.summary)
            ),
            fields,
            body: x.summary.clone(),
        });
    }
    for r in &c.reports {
        let Some(date) = r.presented.or(r.created) else {
            continue;
        };
        let state = if r.presented.is_some() {
            "本人に提示"
        } else {
            "作成（未提示）"
        };
        out.push(RecordItem {
            kind: RecordKind::Report,
            id: r.id,
            date,
            line: format!("支援レポート {}月分 {state}", r.month.month),
            fields: vec![
                ("対象月", crate::wareki::format_year_month(r.month)),
                (
                    "作成日",
                    r.created.map(crate::wareki::format).unwrap_or_default(),
                ),
                (
                    "対象者提示日",
                    r.presented
                        .map(crate::wareki::format)
                        .unwrap_or_else(|| "未提示".into()),
                ),
                (
                    "事業主との共有",
                    if r.share_with_employer {
                        "可".into()
                    } else {
                        "不可".into()
                    },
                ),
            ],
            body: String::new(),
        });
    }
    for p in &c.plans {
        out.push(RecordItem {
            kind: RecordKind::Plan,
            id: p.id,
            date: p.created,
            line: "就労定着支援計画 作成".to_string(),
            fields: vec![("作成日", crate::wareki::format(p.created))],
            body: String::new(),
        });
        for (n, &d) in p.reviews.iter().enumerate() {
            out.push(RecordItem {
                kind: RecordKind::PlanReview,
                id: p.id,
                date: d,
                line: format!("計画の見直し（{}回目）", n + 1),
                fields: vec![("評価日", crate::wareki::format(d))],
                body: String::new(),
            });
        }
    }
    for x in &c.consents {
        let mut fields = vec![
            ("範囲", consent_scope(&x.scope).to_string()),
            (
                "書面",
                if x.written {
                    "あり".into()
                } else {
                    "なし".into()
                },
            ),
        ];
        if let Some(w) = x.withdrawn {
            fields.push(("撤回日", crate::wareki::format(w)));
        }
        out.push(RecordItem {
            kind: RecordKind::Consent,
            id: x.id,
            date: x.date,
            line: format!(
                "同意: {}{}",
                consent_scope(&x.scope),
                if x.withdrawn.is_some() {
                    "（撤回）"
                } else {
                    ""
                }
            ),
            fields,
            body: String::new(),
        });
    }
    for h in &c.handovers {
        out.push(RecordItem {
            kind: RecordKind::Handover,
            id: h.id,
            date: h.date,
            line: format!("引継ぎ: {}", h.agency),
            fields: vec![
                ("引継ぎ先", h.agency.clone()),
                (
                    "本人の同意",
                    if h.consent {
                        "あり".into()
                    } else {
                        "なし".into()
                    },
                ),
            ],
            body: h.shared.clone(),
        });
    }
    for k in &c.conferences {
        let agencies: Vec<&str> = k.agencies.iter().map(|a| a.label()).collect();
        let manager = match (k.manager_attended, k.manager_informed) {
            (true, _) => "出席",
            (false, true) => "結果を共有",
            _ => "なし",
        };
        out.push(RecordItem {
            kind: RecordKind::Conference,
            id: k.id,
            date: k.date,
            line: format!("ケース会議（{}機関）", k.agencies.len()),
            fields: vec![
                ("関係機関", agencies.join("、")),
                (
                    "形式",
                    if k.online {
                        "オンライン".into()
                    } else {
                        "対面".into()
                    },
                ),
                ("サービス管理責任者", manager.to_string()),
            ],
            body: k.notes.clone(),
        });
    }
    out
}

fn join_detail(label: &str, detail: &str) -> String {
    if detail.trim().is_empty() {
        label.to_string()
    } else {
        format!("{label}（{}）", detail.trim())
    }
}

pub fn consent_scope(scope: &str) -> &str {
    match scope {
        "agency_sharing" => "関係機関との情報共有",
        "employer_report_sharing" => "事業主とのレポート共有",
        other => other,
    }
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
            rows: Vec::new(),
            selected: 0,
            offset: 0,
        };
        t.folded = t.default_folds();
        t.rebuild_rows();
        t.select_initial();
        t
    }

    pub fn client_id(&self) -> i64 {
        self.client.id.unwrap_or_default()
    }

    /// Past months with nothing left to do.
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
                && !matches!(self.obligations[*i].status, Status::Done | Status::Waived)
            {
                months.remove(&YearMonth::of(*d));
            }
        }
        months
    }

    fn rebuild_rows(&mut self) {
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
            Row::Today => None,
            Row::Entry(Entry::Obligation(i)) => {
                let o = &self.obligations[i];
                Some(ItemKey::Obligation(o.id, o.period))
            }
            Row::Entry(Entry::Record(i)) => {
                let r = &self.records[i];
                Some(ItemKey::Record(r.kind, r.id, r.date))
            }
        }
    }

    /// Select the item with `key`, unfolding its month; `false` if the
    /// timeline has no such item.
    pub fn select_key(&mut self, key: &ItemKey) -> bool {
        let found = self
            .entries
            .iter()
            .find(|(_, e)| self.key_of(&Row::Entry(*e)).as_ref() == Some(key));
        if let Some(&(d, _)) = found
            && self.folded.remove(&YearMonth::of(d))
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

    /// Use these folds (kept from before a reload).
    pub fn set_folded(&mut self, folded: BTreeSet<YearMonth>) {
        self.folded = folded;
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
            .find(|(_, e)| self.key_of(&Row::Entry(*e)).as_ref() == Some(key))
            .map(|(d, _)| YearMonth::of(*d));
        if let Some(m) = hidden
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
}

/// Steps of stages ①–④ are done by a linked contact (SPEC §4).
pub fn is_stage_step(id: &str) -> bool {
    ["pre.", "m23.", "m45.", "m6."]
        .iter()
        .any(|p| id.starts_with(p))
}
