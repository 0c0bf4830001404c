//! Every record of a case as one list (kind, row id, date, a line).

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Client, RecordId};
use crate::store::{Store, StoreError, Table};

/// One record of a case, for a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct RecordRow {
    /// contacts, reports, plans, consents, handovers, case_conferences,
    /// employments, resolutions.
    pub kind: &'static str,
    pub label: &'static str,
    pub id: RecordId,
    #[serde(skip)]
    pub version: i64,
    pub date: Option<NaiveDate>,
    pub summary: String,
}

/// The records of `client` of kind `table` (every kind when None), each
/// kind in date order.
pub(crate) fn list_records(client: &Client, table: Option<Table>) -> Vec<RecordRow> {
    let mut out = Vec::new();
    let mut push =
        |t: Table, id: Option<RecordId>, version: i64, date: Option<NaiveDate>, s: String| {
            if table.is_none_or(|k| k == t)
                && let Some(id) = id
            {
                out.push(RecordRow {
                    kind: t.sql(),
                    label: t.label(),
                    id,
                    version,
                    date,
                    summary: crate::text::for_display(&s).into_owned(),
                });
            }
        };
    for e in &client.employments {
        let s = format!("{} {}", e.support_type.label(), e.employer.name);
        push(Table::Employments, e.id, e.version, e.anchor(), s);
    }
    for c in &client.contacts {
        let s = format!(
            "{}・{}・{} {}",
            c.counterpart.label(),
            c.method.label(),
            c.place.label(),
            c.summary.lines().next().unwrap_or("")
        );
        push(Table::Contacts, c.id, c.version, Some(c.date), s);
    }
    for r in &client.reports {
        let s = format!(
            "{} 提示日 {}",
            r.month,
            r.presented.map_or("なし".to_string(), |d| d.to_string())
        );
        push(Table::Reports, r.id, r.version, r.created, s);
    }
    for p in &client.plans {
        let s = format!("見直し {} 件", p.reviews.len());
        push(Table::Plans, p.id, p.version, Some(p.created), s);
    }
    for c in &client.consents {
        let s = match c.withdrawn {
            Some(w) => format!("{}（{w} 撤回）", c.scope),
            None => c.scope.clone(),
        };
        push(Table::Consents, c.id, c.version, Some(c.date), s);
    }
    for h in &client.handovers {
        push(
            Table::Handovers,
            h.id,
            h.version,
            Some(h.date),
            h.agency.clone(),
        );
    }
    for k in &client.conferences {
        let s: Vec<&str> = k.agencies.iter().map(|a| a.label()).collect();
        push(
            Table::Conferences,
            k.id,
            k.version,
            Some(k.date),
            s.join("・"),
        );
    }
    for r in &client.resolutions {
        let s = format!(
            "{}{} {}（{}）",
            r.obligation,
            r.period.map(|p| format!(" {p}")).unwrap_or_default(),
            r.reason,
            r.decided_by
        );
        push(Table::Resolutions, r.id, 1, Some(r.decided_on), s);
    }
    out.sort_by_key(|r| (r.kind, r.date, r.id));
    out
}

/// Record `id` of `table` as listed (to show what a deletion removes).
pub(crate) fn record_row(
    store: &Store,
    table: Table,
    id: RecordId,
) -> Result<RecordRow, StoreError> {
    let client = store.load_client(store.owner_of(table, id)?)?;
    list_records(&client, Some(table))
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| StoreError::NotFound {
            what: format!("{} #{id}", table.label()),
        })
}
