//! 対象外の判断: how an item stands after a person decided on it (the
//! decision itself is an operation, `Operation::Resolve` / `Unresolve`).

use crate::dates::YearMonth;
use crate::model::{Obligation, ObligationId};
use crate::store::{Store, StoreError};

/// The item `(obligation, period)` of client `client_id` as it stands now.
pub fn item_now(
    store: &Store,
    client_id: i64,
    obligation: ObligationId,
    period: Option<YearMonth>,
) -> Result<Obligation, StoreError> {
    let client = store.load_client(client_id)?;
    crate::operation::item(store, &client, obligation, period)
}
