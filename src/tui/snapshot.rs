//! The data the screens show, loaded once per reload: one row per client
//! (what the list and the filter need) and every client's pending
//! obligations (what the deadlines view needs). Obligations are computed
//! here, once, never while drawing. A client's full record and timeline are
//! fetched only when that client is selected (`timeline`).

use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::engine;
use super::filter::join_fields;
use crate::dates::YearMonth;
use crate::model::{Client, ClientId, Closure, Obligation, Settings, Severity, Status};
use crate::obligations::RULES;
use crate::usecases::Selection;

/// The farthest the deadlines view looks ahead; pending items due later
/// are not kept.
pub const MAX_DAYS: i64 = 365;

/// One client as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRow {
    pub id: ClientId,
    pub external_id: String,
    pub name: String,
    pub kana: String,
    pub employer: String,
    pub staff: Option<String>,
    /// Short stage badge (list) and the stage in words (detail).
    pub badge: String,
    pub stage: String,
    /// 必須 items overdue and due soon (what the list's counts show).
    pub overdue: usize,
    pub due_soon: usize,
    /// 努力義務 items late or due soon: counted apart, after them.
    pub effort: usize,
    /// The earliest due day among items not done, for the urgency order.
    pub next_due: Option<NaiveDate>,
    /// The most urgent item not done (by status, then due day): what the
    /// hint bar offers first for this client.
    pub most_urgent: Option<(&'static str, Status)>,
    /// name, ふりがな, id, employer, staff joined for the filter, folded
    /// as the filter compares (`filter::fold_text`: built with the row, on
    /// the loading thread), and where each lies in it (char ranges).
    pub haystack: String,
    pub ranges: Vec<Range<u32>>,
    /// 終結: the case is closed (listed only when asked, never in the
    /// deadlines view).
    pub closure: Option<Closure>,
}

impl ClientRow {
    pub fn from_client(c: &Client, obligations: &[Obligation], today: NaiveDate) -> ClientRow {
        let (mut badge, stage) = engine::stage(c, today);
        if c.is_closed() {
            badge = "終結".to_string();
        }
        // A closed case has nothing left to do: no counts, last by urgency.
        let obligations = if c.is_closed() { &[] } else { obligations };
        let employer = c
            .current_employment()
            .map(|e| e.employer.name.clone())
            .unwrap_or_default();
        let staff = c.assigned_staff.clone();
        let (haystack, ranges) = join_fields(&[
            &c.name,
            &c.kana,
            &c.external_id,
            &employer,
            staff.as_deref().unwrap_or(""),
        ]);
        let count = |s: Status| {
            obligations
                .iter()
                .filter(|o| o.status == s && o.is_required())
                .count()
        };
        let effort = obligations
            .iter()
            .filter(|o| o.status.effort_word(o.severity).is_some())
            .count();
        ClientRow {
            id: c.id.unwrap_or_default(),
            external_id: c.external_id.clone(),
            name: c.name.clone(),
            kana: c.kana.clone(),
            employer,
            staff,
            badge,
            stage,
            overdue: count(Status::Overdue),
            due_soon: count(Status::DueSoon),
            effort,
            most_urgent: obligations
                .iter()
                .filter(|o| is_pending(o.status))
                .min_by_key(|o| (o.status.urgency(), o.due))
                .map(|o| (o.id, o.status)),
            next_due: obligations
                .iter()
                .filter(|o| is_pending(o.status))
                .map(|o| o.due)
                .min(),
            haystack: super::filter::fold_text(&haystack),
            ranges,
            closure: c.closure.clone(),
        }
    }

    /// How much of `haystack` (chars) is the client's own: name, ふりがな,
    /// id and employer. The worker's login after it matches only when
    /// those do not (`filter`).
    pub fn own_len(&self) -> usize {
        self.ranges.get(3).map_or(usize::MAX, |r| r.end as usize)
    }

    /// Urgency order: 必須 overdue first, then due soon, then the
    /// 努力義務 needing attention, then the nearest due day.
    pub fn urgency_key(&self) -> (Reverse<usize>, Reverse<usize>, Reverse<usize>, NaiveDate) {
        (
            Reverse(self.overdue),
            Reverse(self.due_soon),
            Reverse(self.effort),
            self.next_due.unwrap_or(NaiveDate::MAX),
        )
    }
}

/// Not done and not waived: something still to do.
pub fn is_pending(s: Status) -> bool {
    matches!(
        s,
        Status::Overdue | Status::DueSoon | Status::Open | Status::Upcoming
    )
}

/// What the deadlines view needs of a pending obligation: small and
/// `Copy` (there are ~20 per client, 200,000 for a large office). The id
/// and title are the rule's, named by its place in the rule table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    rule: u8,
    pub status: Status,
    pub severity: Severity,
    pub due: NaiveDate,
    pub period: Option<YearMonth>,
    /// An earlier job's anchor (`Obligation::job`).
    pub job: Option<NaiveDate>,
}

impl Due {
    /// The obligation id (the public contract's).
    pub fn id(&self) -> &'static str {
        RULES.get(usize::from(self.rule)).map_or("", |r| r.id)
    }

    pub fn title(&self) -> &'static str {
        RULES.get(usize::from(self.rule)).map_or("", |r| r.title)
    }

    /// A 必須 item (`Obligation::is_required`).
    pub fn is_required(&self) -> bool {
        self.severity == Severity::Required
    }

    /// The status it is drawn as (`Status::drawn_as`).
    pub fn drawn_status(&self) -> Status {
        self.status.drawn_as(self.severity)
    }

    /// The status word for a column (`Obligation::status_short`; a
    /// pending item is never 対象外).
    pub fn status_short(&self) -> &'static str {
        self.status
            .effort_word(self.severity)
            .unwrap_or(self.status.label())
    }
}

impl From<&Obligation> for Due {
    fn from(o: &Obligation) -> Due {
        // Every obligation comes from a rule of the table (fewer than 256).
        let rule = u8::try_from(crate::obligations::rule_order(o.id)).unwrap_or(u8::MAX);
        Due {
            rule,
            status: o.status,
            severity: o.severity,
            due: o.due,
            period: o.period,
            job: o.job,
        }
    }
}

/// A pending obligation and the row of its client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    pub row: usize,
    pub obligation: Due,
}

/// A pending item by its client's id, obligation id, month and job (an
/// earlier job's anchor).
pub type ItemId = (ClientId, &'static str, Option<YearMonth>, Option<NaiveDate>);

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub rows: Vec<ClientRow>,
    /// Pending obligations due within `MAX_DAYS` (or overdue): by due day
    /// after a build; a refreshed client's are appended (the deadlines
    /// view sorts what it lists, so the order here matters to no screen).
    pub pending: Vec<Pending>,
    /// The engine's warning beside a pending item (no consent on record,
    /// a share after the deadline …), for the few that have one.
    pub notes: HashMap<ItemId, String>,
    by_id: HashMap<ClientId, usize>,
    /// Obligations have been computed (false for the names-only snapshot
    /// shown while they are: counts are then unknown, not zero).
    pub computed: bool,
    /// The clients have been read (false only before the first load).
    pub loaded: bool,
}

impl Snapshot {
    /// The snapshot of clients already in memory (the screens read theirs
    /// with `read`; this is for measuring the computation alone).
    pub fn build(clients: &[Client], settings: &Settings, today: NaiveDate) -> Snapshot {
        Snapshot::from_summaries(vec![summarize(clients, settings, today)])
    }

    /// Read and compute the office in batches of clients, on the store's
    /// connection and one more: each batch's records are dropped once its
    /// rows and items are kept, so the whole office's records are never in
    /// memory at once (the screen holds only what it shows).
    pub(crate) fn read(
        store: &crate::store::Store,
        cases: crate::store::Cases,
        settings: &Settings,
        today: NaiveDate,
    ) -> Result<Snapshot, crate::store::StoreError> {
        let open_only = cases == crate::store::Cases::OpenOnly;
        let ids = if open_only {
            store.open_client_ids()?
        } else {
            store.client_ids()?
        };
        let parts = store.fold_engine_batches(
            &ids,
            SNAPSHOT_BATCH,
            crate::store::Among {
                open_only,
                staff: None,
            },
            2,
            Vec::new,
            |acc: &mut Vec<Summary>, clients| acc.extend(summarize(&clients, settings, today)),
        )?;
        Ok(Snapshot::from_summaries(parts))
    }

    fn from_summaries(parts: Vec<Vec<Summary>>) -> Snapshot {
        let mut snap = Snapshot::default();
        // Exactly the room needed: a list grown by doubling keeps up to
        // half its room unused for as long as the screen is open.
        let rows: usize = parts.iter().map(Vec::len).sum();
        let items: usize = parts.iter().flatten().map(|(_, p, _)| p.len()).sum();
        snap.rows.reserve_exact(rows);
        snap.pending.reserve_exact(items);
        snap.by_id.reserve(rows);
        for (row, pending, notes) in parts.into_iter().flatten() {
            let i = snap.rows.len();
            snap.notes.extend(notes);
            snap.by_id.insert(row.id, i);
            snap.rows.push(row);
            snap.pending.extend(
                pending
                    .into_iter()
                    .map(|obligation| Pending { row: i, obligation }),
            );
        }
        snap.sort_pending();
        snap.computed = true;
        snap.loaded = true;
        snap
    }

    /// Names, ids and stages only, for the first frame while the
    /// obligations are computed in the background.
    pub fn names_only(clients: &[Client], today: NaiveDate) -> Snapshot {
        let mut snap = Snapshot::default();
        for c in clients {
            let row = ClientRow::from_client(c, &[], today);
            snap.by_id.insert(row.id, snap.rows.len());
            snap.rows.push(row);
        }
        snap.loaded = true;
        snap
    }

    fn sort_pending(&mut self) {
        self.pending.sort_by_key(|p| (p.obligation.due, p.row));
    }

    /// Drop a client no longer shown (deleted, closed, outside the
    /// caseload); the rows after it move up one.
    pub fn remove_client(&mut self, id: ClientId) {
        let Some(i) = self.by_id.remove(&id) else {
            return;
        };
        self.rows.remove(i);
        self.pending.retain(|p| p.row != i);
        for p in &mut self.pending {
            if p.row > i {
                p.row -= 1;
            }
        }
        for v in self.by_id.values_mut() {
            if *v > i {
                *v -= 1;
            }
        }
        self.notes.retain(|k, _| k.0 != id);
    }

    /// Replace (or add) one client's row and pending items, without
    /// reloading everyone.
    pub fn replace_client(
        &mut self,
        client: &Client,
        obligations: &[Obligation],
        today: NaiveDate,
    ) {
        let row = ClientRow::from_client(client, obligations, today);
        let i = match self.by_id.get(&row.id) {
            Some(&i) => {
                self.rows[i] = row;
                i
            }
            None => {
                self.by_id.insert(row.id, self.rows.len());
                self.rows.push(row);
                self.rows.len() - 1
            }
        };
        self.pending.retain(|p| p.row != i);
        self.pending.extend(
            keep_pending(client, obligations, today)
                .map(|obligation| Pending { row: i, obligation }),
        );
        let id = self.rows[i].id;
        self.notes.retain(|k, _| k.0 != id);
        self.notes.extend(notes_of(client, obligations, today));
    }

    pub fn index_of(&self, id: ClientId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    pub fn row(&self, id: ClientId) -> Option<&ClientRow> {
        self.index_of(id).map(|i| &self.rows[i])
    }

    /// The engine's warning beside a pending item, if it has one.
    pub fn note(&self, p: &Pending) -> Option<&str> {
        let id = self.rows.get(p.row)?.id;
        self.notes
            .get(&(id, p.obligation.id(), p.obligation.period, p.obligation.job))
            .map(String::as_str)
    }
}

/// The notes of the items the deadlines view keeps.
fn notes_of<'a>(
    client: &'a Client,
    obligations: &'a [Obligation],
    today: NaiveDate,
) -> impl Iterator<Item = (ItemId, String)> + 'a {
    let selection = Selection::pending(today, MAX_DAYS);
    let (id, closed) = (client.id.unwrap_or_default(), client.is_closed());
    obligations
        .iter()
        .filter(move |o| !closed && selection.keeps(o.status, o.due, o.severity))
        .filter_map(move |o| Some(((id, o.id, o.period, o.job), o.note.clone()?)))
}

/// One client's row, pending items and their notes.
type Summary = (ClientRow, Vec<Due>, Vec<(ItemId, String)>);

/// Clients read and computed at a time while building a snapshot.
const SNAPSHOT_BATCH: usize = 256;

/// What the deadlines view keeps of a client's items: what `due` lists
/// for a year ahead (the same selection), nothing of a closed case.
fn keep_pending<'a>(
    client: &Client,
    obligations: &'a [Obligation],
    today: NaiveDate,
) -> impl Iterator<Item = Due> + 'a {
    let selection = Selection::pending(today, MAX_DAYS);
    let closed = client.is_closed();
    obligations
        .iter()
        .filter(move |o| !closed && selection.keeps(o.status, o.due, o.severity))
        .map(Due::from)
}

fn summarize(clients: &[Client], settings: &Settings, today: NaiveDate) -> Vec<Summary> {
    clients
        .iter()
        .map(|c| {
            // A closed case is listed, never counted: its items are not computed.
            let obligations = if c.is_closed() {
                Vec::new()
            } else {
                engine::compute(c, settings, today)
            };
            let row = ClientRow::from_client(c, &obligations, today);
            let pending = keep_pending(c, &obligations, today).collect();
            (row, pending, notes_of(c, &obligations, today).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compact item names the same obligation as the engine: its id
    /// (the public contract) and title come back from the rule's place.
    #[test]
    fn a_kept_item_names_its_obligation_as_the_engine_did() {
        let today = crate::tui::fixtures::today();
        let doc = crate::demo::generate(300, today);
        let settings = Settings::default();
        let mut seen = std::collections::HashSet::new();
        for c in &doc.clients {
            for o in engine::compute(c, &settings, today) {
                let d = Due::from(&o);
                assert_eq!((d.id(), d.title()), (o.id, o.title));
                assert_eq!((d.due, d.period, d.status), (o.due, o.period, o.status));
                seen.insert(o.id);
            }
        }
        assert!(seen.len() > 10, "many kinds of obligation: {seen:?}");
        assert!(std::mem::size_of::<Pending>() <= 32);
    }
}
