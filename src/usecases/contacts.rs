//! Recording, correcting and removing a contact (支援記録).

use crate::model::{Client, ConflictRecord, Contact, Intent, Obligation, RecordRef};
use crate::store::{Edit, Store, StoreError, Table};

use super::completed_by;

/// Adds `contact` to client `client_id`. Linking it to
/// `m23.confirm_intent` with `intent` also records the intent on the
/// current employment (what the contact confirmed). Returns its row id.
pub fn record_contact(
    store: &Store,
    client_id: i64,
    contact: &Contact,
    intent: Option<Intent>,
) -> Result<i64, StoreError> {
    let id = match intent {
        None => store.add_contact(client_id, contact)?,
        Some(intent) => {
            let client = store.load_client(client_id)?;
            let Some(e) = client.current_employment() else {
                return Err(StoreError::Invalid(
                    "就職の記録がないため、利用意向を記録できません。".into(),
                ));
            };
            store.add_contact_with_intent(client_id, contact, e, intent)?
        }
    };
    Ok(id)
}

/// The items contact `id` (of client `client_id`, dated `date`) completes
/// now — for a command that shows the effect of what was saved (the TUI
/// shows it by reloading the client anyway).
pub fn completed_by_contact(
    store: &Store,
    client_id: i64,
    id: i64,
    date: chrono::NaiveDate,
) -> Result<Vec<Obligation>, StoreError> {
    let client = store.load_client(client_id)?;
    completed_by(&client, store, &RecordRef::Contact { id: Some(id), date })
}

/// The contact with row id `id` and its client.
pub fn find_contact(store: &Store, id: i64) -> Result<(Client, Contact), StoreError> {
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

/// Saves a corrected contact (`contact.id` and the `version` it was read
/// at); returns its row id. `conflict`: what the person chose when their
/// correction met someone else's (kept in the audit row).
pub fn edit_contact(
    store: &Store,
    contact: &Contact,
    conflict: Option<&ConflictRecord>,
) -> Result<i64, StoreError> {
    let id = contact.id.ok_or_else(|| StoreError::NotFound {
        what: "支援記録（未保存）".into(),
    })?;
    store.update(Edit::Contact(contact), conflict)?;
    Ok(id)
}
