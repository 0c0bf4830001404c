//! Recording, correcting and removing a contact (支援記録).

use crate::model::{Client, Contact, Intent, Obligation, RecordRef};
use crate::store::{Store, StoreError, Table};

use super::completed_by;

/// A saved contact and the items it completes.
#[derive(Debug)]
pub struct Recorded {
    pub id: i64,
    pub completed: Vec<Obligation>,
}

/// Adds `contact` to client `client_id`. Linking it to
/// `m23.confirm_intent` with `intent` also records the intent on the
/// current employment (what the contact confirmed).
pub fn record_contact(
    store: &Store,
    client_id: i64,
    contact: &Contact,
    intent: Option<Intent>,
) -> Result<Recorded, StoreError> {
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
    recorded(store, client_id, id, contact)
}

/// Contact `id` as saved, with the items it completes now.
fn recorded(
    store: &Store,
    client_id: i64,
    id: i64,
    contact: &Contact,
) -> Result<Recorded, StoreError> {
    let client = store.load_client(client_id)?;
    let record = RecordRef::Contact {
        id: Some(id),
        date: contact.date,
    };
    let completed = completed_by(&client, store, &record)?;
    Ok(Recorded { id, completed })
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
/// at); returns the items it now completes.
pub fn edit_contact(store: &Store, contact: &Contact) -> Result<Recorded, StoreError> {
    let id = contact.id.ok_or_else(|| StoreError::NotFound {
        what: "支援記録（未保存）".into(),
    })?;
    let client_id = store.owner_of(Table::Contacts, id)?;
    store.update_contact(contact)?;
    recorded(store, client_id, id, contact)
}
