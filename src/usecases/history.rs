//! A client's case history (ケース記録) written to a file for the paper
//! file: the same file safety as every document, and audited as an export
//! as it is handed out (personal data leaving the system).

use std::path::PathBuf;

use super::documents::{Destination, Format, write_bytes};
use super::hand_out::hand_out;
use crate::model::Client;
use crate::store::{Store, StoreError};
use crate::{export, obligations};

/// The case history of `client` as HTML, written to `to`.
pub(crate) fn export_history(
    store: &Store,
    client: &Client,
    to: &Destination<'_>,
) -> Result<PathBuf, StoreError> {
    let today = store.today();
    let obligations = obligations::compute(client, &store.settings()?, today);
    let letterhead = store.letterhead()?;
    let page = export::history_html(
        client,
        &obligations,
        &letterhead.office_name,
        &letterhead.staff_name(client),
        today,
    );
    let name = format!("ケース記録_{}_{today}", client.external_id);
    let staged = write_bytes(store, page.as_bytes(), Format::Html, &name, to)?;
    hand_out(staged, "ケース記録 (支援経過)", |what| {
        store.record_export(client.id.unwrap_or_default(), what)
    })
}
