//! The operations on the office itself: its details and settings in one
//! save, and its staff (a login is unique, checked inside the
//! transaction, so two 管理者 adding the same login at once cannot
//! overwrite each other).

use crate::model::{Office, Settings, Staff};
use crate::store::{Store, StoreError};
use crate::text::for_display;

/// The details first: a save from a stale screen is refused there, before
/// anything else is written.
pub(super) fn save(
    store: &Store,
    office: Option<&Office>,
    settings: Option<&Settings>,
    caseload_only: Option<bool>,
    export_group: Option<&str>,
) -> Result<(), StoreError> {
    if let Some(o) = office {
        store.set_office(o)?;
    }
    if let Some(s) = settings {
        store.set_settings(s)?;
    }
    if let Some(on) = caseload_only {
        store.set_caseload_only(on)?;
    }
    if let Some(g) = export_group {
        store.set_export_group(g)?;
    }
    Ok(())
}

pub(super) fn add_staff(store: &Store, s: &Staff) -> Result<(), StoreError> {
    if store.staff_member(&s.login)?.is_some() {
        return Err(StoreError::Duplicate(format!(
            "職員 {}",
            for_display(&s.login)
        )));
    }
    store.upsert_staff(s)
}

pub(super) fn edit_staff(store: &Store, s: &Staff) -> Result<(), StoreError> {
    if store.staff_member(&s.login)?.is_none() {
        return Err(StoreError::NotFound {
            what: format!("職員 {}", for_display(&s.login)),
        });
    }
    store.upsert_staff(s)
}
