//! `undo`: the login takes back their own last change to a case. The
//! change is read from the audit trail and reversed as a new operation
//! (audited like any other, so undoing an undo puts the change back);
//! refused, with who changed what, when someone changed one of its records
//! since.

use crate::store::{Store, StoreError};

/// What was taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// When the change was made (UTC, as the audit trail has it).
    pub at: String,
    /// What the change was, row by row (no personal data).
    pub summaries: Vec<String>,
}

/// The login's last change, not yet taken back: what `undo` would do.
pub fn last_change(store: &Store) -> Result<Undone, StoreError> {
    let change = find(store)?;
    if let Some(s) = store.changed_since(&change)? {
        return Err(StoreError::Invalid(format!(
            "取り消せません: そのあと {} が {} に変更しています（{}）。",
            crate::text::for_display(&s.login),
            s.at,
            crate::text::for_display(&s.summary)
        )));
    }
    Ok(Undone {
        at: change.at,
        summaries: change.summaries,
    })
}

fn find(store: &Store) -> Result<crate::store::LastChange, StoreError> {
    store.last_change_of(store.user())?.ok_or_else(|| {
        StoreError::Invalid(format!(
            "{} の変更は記録にありません。取り消すものはありません。",
            crate::text::for_display(store.user())
        ))
    })
}

/// Inside `apply`'s transaction: the change found and reversed there, so
/// nothing can slip in between.
pub(super) fn undo(store: &Store) -> Result<Undone, StoreError> {
    let change = find(store)?;
    store.reverse(&change)?;
    Ok(Undone {
        at: change.at,
        summaries: change.summaries,
    })
}
