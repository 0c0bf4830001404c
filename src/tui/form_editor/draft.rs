//! A form's values kept as a draft (with the version of the record they
//! started from), and putting values back into the fields.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Form;
use super::field::Field;

/// The values being edited, for the caller to keep as a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub values: BTreeMap<String, String>,
    /// The field that had the focus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// The version of the saved record the values started from (`None`
    /// for a new record): a draft restored onto a newer version is
    /// compared field by field, never applied over it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// The record's values at that version (the comparison's base).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<BTreeMap<String, String>>,
    /// The fields the person changed (`Form::touched`), so a restored
    /// draft's 場所 chosen by hand is still theirs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touched: Vec<String>,
}

impl Form {
    pub fn draft(&self) -> Draft {
        Draft {
            values: self.values(),
            focus: Some(self.focus_id().to_string()),
            touched: self
                .specs
                .iter()
                .zip(&self.touched)
                .filter(|(_, t)| **t)
                .map(|(s, _)| s.id.clone())
                .collect(),
            ..Draft::default()
        }
    }

    /// Put `values` in the fields, as if typed: the baseline stays, so
    /// they count as unsaved changes.
    pub fn put(&mut self, values: &BTreeMap<String, String>) {
        self.fill(values);
    }

    /// `values` as this form's fields would hold them (text cleaned, an
    /// unknown yes/no read as no, a missing field empty), so values from a
    /// record compare equal to the same values shown in the form.
    pub fn as_entered(&self, values: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        self.specs
            .iter()
            .map(|s| {
                let mut f = Field::new(&s.kind);
                if let Some(v) = values.get(&s.id) {
                    f.set(&s.kind, v);
                }
                (s.id.clone(), f.value(&s.kind))
            })
            .collect()
    }

    /// Continue from a draft. The baseline stays what was loaded, so a
    /// restored draft counts as unsaved changes.
    pub fn restore(&mut self, draft: &Draft) {
        self.fill(&draft.values);
        for id in &draft.touched {
            self.mark_touched(id);
        }
        if let Some(id) = &draft.focus {
            self.focus_field(id);
        }
    }
}
