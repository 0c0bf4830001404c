//! A save that followed a conflict: someone else changed the record after
//! the person began editing it, and the person chose, field by field,
//! whose value to keep. The store keeps this next to the usual old → new
//! changes in the audit row, so both versions stay on record.

use std::collections::BTreeMap;

use serde::Serialize;

/// Which value a conflicting field was saved with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Chosen {
    /// The value the other person saved.
    Theirs,
    /// The value this person had entered.
    Mine,
    /// Neither: the person wrote another value after comparing.
    Edited,
}

/// One field the two versions disagreed on, as the person saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictField {
    /// The field's name on the form (受給者証番号 …).
    pub label: String,
    /// The value both started from; `None` when not known (a draft kept
    /// before drafts remembered it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    pub theirs: String,
    pub mine: String,
    pub chosen: Chosen,
}

/// The decisions of one conflict, keyed by form field id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictRecord {
    /// The record's version that held the other person's change (the save
    /// was made against it).
    pub theirs_version: i64,
    /// Who saved that version, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theirs_by: Option<String>,
    pub fields: BTreeMap<String, ConflictField>,
}
