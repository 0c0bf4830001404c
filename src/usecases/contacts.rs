//! A contact (支援記録) found by id, and what it completes.

use crate::model::{Client, ClientId, Contact, Obligation, RecordId, RecordRef};
use crate::store::{Store, StoreError, Table};

use super::completed_by;

/// The items contact `id` (of client `client_id`, dated `date`) completes
/// now — for a command that shows the effect of what was saved (the TUI
/// shows it by reloading the client anyway).
pub(crate) fn completed_by_contact(
    store: &Store,
    client_id: ClientId,
    id: RecordId,
    date: chrono::NaiveDate,
) -> Result<Vec<Obligation>, StoreError> {
    let client = store.load_client(client_id)?;
    completed_by(&client, store, &RecordRef::Contact { id: Some(id), date })
}

/// The contact with row id `id` and its client.
pub(crate) fn find_contact(store: &Store, id: RecordId) -> Result<(Client, Contact), StoreError> {
    let client_id = store.owner_of(Table::Contacts, id)?;
    let client = store.load_client(client_id)?;
    let contact = client
        .contacts
        .iter()
        .find(|c| c.id == Some(id))
        .cloned()
        .ok_or_else(|| StoreError::NotFound {
            what: format!("支援記録 #{id}"),
        })?;
    Ok((client, contact))
}
