//! 対象外の判断: how an item stands after a person decided on it (the
//! decision itself is an operation, `Operation::Resolve` / `Unresolve`).

use chrono::NaiveDate;

use crate::dates::YearMonth;
use crate::model::{Client, ClientId, Obligation, ObligationId};
use crate::obligations;
use crate::store::{Store, StoreError};

/// The item `(obligation, period)` of client `client_id` as it stands now,
/// of the earlier job with anchor `job` (`None`: the current job).
pub(crate) fn item_now(
    store: &Store,
    client_id: ClientId,
    obligation: ObligationId,
    period: Option<YearMonth>,
    job: Option<NaiveDate>,
) -> Result<Obligation, StoreError> {
    let client = store.load_client(client_id)?;
    item(store, &client, obligation, period, job)
}

/// The item `(obligation, period)` of `client` today, or a message saying
/// it is not on the timeline.
pub(crate) fn item(
    store: &Store,
    client: &Client,
    obligation: ObligationId,
    period: Option<YearMonth>,
    job: Option<NaiveDate>,
) -> Result<Obligation, StoreError> {
    let settings = store.settings()?;
    let named = format!(
        "{obligation}{}",
        period.map(|p| format!(" {p}")).unwrap_or_default()
    );
    obligations::compute(client, &settings, store.today())
        .into_iter()
        .find(|o| {
            o.id == obligation.as_str() && (period.is_none() || o.period == period) && o.job == job
        })
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "利用者 {} の予定に {named} はありません（月ごとの項目は --period で月を指定してください）。",
                client.external_id
            ))
        })
}
