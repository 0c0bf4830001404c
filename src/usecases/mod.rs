//! The use cases that read, each written once: the CLI's commands and the
//! TUI's effects call these and neither re-implements them. Each takes the
//! open store (whose `today` the rules check against) and returns domain
//! values or a `StoreError` worded for a case worker. Changes are
//! operations (`crate::operation`), not use cases.

mod contacts;
pub(crate) mod documents;
pub(crate) mod employed_list;
mod figures;
pub(crate) mod hand_out;
mod history;
pub(crate) mod month_reports;
mod record_list;
mod resolving;
mod selection;
mod trail;

pub(crate) use contacts::{completed_by_contact, find_contact};
pub(crate) use figures::office_figures;
pub(crate) use history::export_history;
pub(crate) use record_list::{list_records, record_row};
pub(crate) use resolving::item;
pub(crate) use resolving::item_now;
pub(crate) use selection::Selection;
pub(crate) use trail::{TrailQuery, note_shown, trail, trail_context, trail_rows};

use crate::model::{Client, ClientId, Obligation, RecordRef, Status};
use crate::obligations;
use crate::store::{Store, StoreError};

/// The client's row id for an office id, or a message naming the id as
/// typed. While the office limits 支援員 to their own caseload, one answer
/// for an unknown id and for someone else's client (`reachable_client`).
pub(crate) fn client_by_external_id(
    store: &Store,
    external_id: &str,
) -> Result<ClientId, StoreError> {
    store.reachable_client(external_id)
}

/// The items of `client` a record now completes (so the person sees the
/// effect of what they saved).
pub(crate) fn completed_by(
    client: &Client,
    store: &Store,
    record: &RecordRef,
) -> Result<Vec<Obligation>, StoreError> {
    let settings = store.settings()?;
    Ok(obligations::compute(client, &settings, store.today())
        .into_iter()
        .filter(|o| o.status == Status::Done)
        .filter(|o| same_record(o.satisfied_by.as_ref(), record))
        .collect())
}

fn same_record(a: Option<&RecordRef>, b: &RecordRef) -> bool {
    use RecordRef::*;
    match (a, b) {
        (Some(Contact { id: x, .. }), Contact { id: y, .. })
        | (Some(Report { id: x, .. }), Report { id: y, .. })
        | (Some(Plan { id: x, .. }), Plan { id: y, .. })
        | (Some(Handover { id: x, .. }), Handover { id: y, .. }) => x.is_some() && x == y,
        _ => false,
    }
}
