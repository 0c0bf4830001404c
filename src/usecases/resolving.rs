//! 対象外の判断: a person marks one item (one month of a monthly item) not
//! applicable, with a reason, and can take it back.

use crate::dates::YearMonth;
use crate::model::{Client, Obligation, ObligationId, Resolution, Status};
use crate::obligations;
use crate::store::{Store, StoreError};

/// The item `(obligation, period)` of `client` today, or a message saying
/// it is not on the timeline.
fn item(
    store: &Store,
    client: &Client,
    obligation: ObligationId,
    period: Option<YearMonth>,
) -> Result<Obligation, StoreError> {
    let settings = store.settings()?;
    let named = format!(
        "{obligation}{}",
        period.map(|p| format!(" {p}")).unwrap_or_default()
    );
    obligations::compute(client, &settings, store.today())
        .into_iter()
        .find(|o| o.id == obligation.as_str() && (period.is_none() || o.period == period))
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "利用者 {} の予定に {named} はありません（月ごとの項目は --period で月を指定してください）。",
                client.external_id
            ))
        })
}

/// Marks the item 対象外 with `reason`, decided by the store's user today;
/// returns the item as it now stands.
pub fn resolve(
    store: &Store,
    client_id: i64,
    obligation: ObligationId,
    period: Option<YearMonth>,
    reason: &str,
) -> Result<Obligation, StoreError> {
    if obligation.is_monthly() && period.is_none() {
        return Err(StoreError::Invalid(format!(
            "{obligation} は月ごとの項目です。対象外にする月（例: 2026-10）を指定してください。"
        )));
    }
    let client = store.load_client(client_id)?;
    let before = item(store, &client, obligation, period)?;
    if before.status == Status::Done {
        return Err(StoreError::Invalid(format!(
            "{obligation} は完了しています。完了した項目は対象外にできません（記録を直すか削除してください）。"
        )));
    }
    let r = Resolution {
        id: None,
        obligation,
        period,
        reason: reason.trim().to_string(),
        decided_by: store.user().to_string(),
        decided_on: store.today(),
    };
    store.add_resolution(client_id, &r)?;
    item(store, &store.load_client(client_id)?, obligation, r.period)
}

/// Takes back the decision on the item; returns the item as it now stands.
pub fn unresolve(
    store: &Store,
    client_id: i64,
    obligation: ObligationId,
    period: Option<YearMonth>,
    reason: &str,
) -> Result<Obligation, StoreError> {
    store.remove_resolution(client_id, obligation, period, reason)?;
    item(store, &store.load_client(client_id)?, obligation, period)
}
