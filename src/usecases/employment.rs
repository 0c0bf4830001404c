//! A new job: a second employment for a client whose earlier one ended
//! (離職). The earlier employment and its history stay on record; the
//! timeline follows the latest.

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
