//! The 就労定着支援計画書 (別紙様式2) as a document: its values for the
//! exports. Pure; the editor (TUI) and the exports read the same values.

use chrono::NaiveDate;

use super::identity::{self, Letterhead};
use super::{FormDef, Values};
use crate::model::{Client, Plan};

/// The plan's values for printing: its fields, 作成日, the latest 評価日
/// when the plan does not name one, and the identity fields filled from
/// the records where the plan leaves them empty (the age on the plan's
/// date).
pub(crate) fn document(
    def: &FormDef,
    client: &Client,
    p: &Plan,
    letterhead: &Letterhead,
) -> Values {
    let mut v = p.fields.clone();
    v.insert("created".into(), p.created.to_string());
    if let Some(last) = p.reviews.last() {
        v.entry("evaluated".into())
            .or_insert_with(|| last.to_string());
    }
    identity::fill(def, &mut v, client, letterhead, p.created);
    v
}

/// The latest plan, or a new one dated `today`, with its identity fields
/// filled where they are empty: what the editor starts from. The age is
/// today's: what is written now is a new plan or a review dated about now.
pub(crate) fn plan_for(
    def: &FormDef,
    client: &Client,
    letterhead: &Letterhead,
    today: NaiveDate,
) -> Plan {
    let mut plan = client
        .plans
        .iter()
        .max_by_key(|p| (p.created, p.id))
        .cloned()
        .unwrap_or(Plan {
            id: None,
            version: 0,
            created: today,
            reviews: Vec::new(),
            fields: Values::new(),
        });
    identity::fill(def, &mut plan.fields, client, letterhead, today);
    plan
}
