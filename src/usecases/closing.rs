//! 終結: closing a case (it leaves the lists and `due`, keeps its history)
//! and reopening it.

use chrono::NaiveDate;

use crate::model::{Closure, ClosureReason};
use crate::store::{Store, StoreError};

pub fn close_case(
    store: &Store,
    client_id: i64,
    date: NaiveDate,
    reason: ClosureReason,
    note: &str,
) -> Result<Closure, StoreError> {
    let client = store.load_client(client_id)?;
    let x = Closure {
        date,
        reason,
        note: note.trim().to_string(),
        closed_by: store.user().to_string(),
    };
    store.close_client(client_id, client.version, &x)?;
    Ok(x)
}

pub fn reopen_case(store: &Store, client_id: i64, reason: &str) -> Result<(), StoreError> {
    let client = store.load_client(client_id)?;
    if client.closure.is_none() {
        return Err(StoreError::Invalid(
            "この利用者のケースは終結していません。".into(),
        ));
    }
    store.reopen_client(client_id, client.version, reason)?;
    Ok(())
}
