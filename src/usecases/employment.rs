//! A new job: a second employment for a client whose earlier one ended
//! (離職). The earlier employment and its history stay on record; the
//! timeline follows the latest.

use chrono::NaiveDate;

use crate::model::Employment;
use crate::store::{Store, StoreError};

/// Adds employment `e` to client `client_id`. Refused while the current
/// employment has no 離職日, or when the new one starts before it ended:
/// two jobs at once would silently move every deadline.
pub fn add_employment(store: &Store, client_id: i64, e: &Employment) -> Result<i64, StoreError> {
    let client = store.load_client(client_id)?;
    if let Some(current) = client.current_employment() {
        let Some(sep) = current.separation_date else {
            return Err(StoreError::Invalid(format!(
                "今の就職（{}）に離職日がありません。新しい就職を登録する前に、今の就職の離職日を記録してください。",
                crate::text::for_display(&current.employer.name)
            )));
        };
        if let Some(anchor) = e.anchor()
            && anchor <= sep
        {
            return Err(StoreError::Invalid(format!(
                "新しい就職の起算日（{anchor}）が、前の就職の離職日（{sep}）より後になっていません。"
            )));
        }
    }
    store.add_employment(client_id, e)
}

/// Records 離職 on the client's current employment; returns it as saved.
pub fn end_employment(
    store: &Store,
    client_id: i64,
    date: NaiveDate,
    reason: Option<&str>,
) -> Result<Employment, StoreError> {
    let client = store.load_client(client_id)?;
    let mut e = client.current_employment().cloned().ok_or_else(|| {
        StoreError::Invalid("就職の記録がないため、離職を記録できません。".into())
    })?;
    if let Some(sep) = e.separation_date {
        return Err(StoreError::Invalid(format!(
            "今の就職には離職日（{sep}）が記録されています。直すときは就職の記録を編集してください。"
        )));
    }
    e.separation_date = Some(date);
    e.separation_reason = reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    e.version = store.update_employment(&e)?;
    Ok(e)
}
