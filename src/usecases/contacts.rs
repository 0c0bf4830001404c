//! Recording, correcting and removing a contact (支援記録).

use crate::access::Permission;
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
    check_recorder(store, contact, || Ok(None))?;
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
    check_recorder(store, contact, || Ok(find_contact(store, id)?.1.staff))?;
    store.update(Edit::Contact(contact), conflict)?;
    Ok(id)
}

/// A contact names its 記録者: oneself, anyone for a サービス管理責任者 or
/// 管理者 — always a registered member of staff. A correction that keeps
/// the recorded 記録者 is not a new claim and passes.
/// The rule set speaks first: a malformed 記録者 gets its field message
/// from the store's write.
fn check_recorder(
    store: &Store,
    contact: &Contact,
    recorded: impl FnOnce() -> Result<Option<String>, StoreError>,
) -> Result<(), StoreError> {
    let Some(login) = contact.staff.as_deref() else {
        return Ok(());
    };
    // Oneself (the common case) needs no look-up of the stored record.
    if login == store.user() || !crate::validate::contact(contact, store.today()).is_empty() {
        return Ok(());
    }
    if recorded()?.as_deref() == Some(login) {
        return Ok(());
    }
    store.require(Permission::RecordForOthers)?;
    if store.staff_member(login)?.is_none() {
        return Err(StoreError::Invalid(format!(
            "記録者「{}」は職員として登録されていません（`teichaku staff list` で確認できます）。何も保存していません。",
            crate::text::for_display(login)
        )));
    }
    Ok(())
}
