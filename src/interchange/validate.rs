//! The rules a well-typed document must still satisfy before it is
//! imported. Every rule is the rule set's (`crate::validate`), the same the
//! store applies on every write; this only adds what is about a document
//! (ids unique across clients) and keeps quiet about fields that were
//! repaired while decoding (already reported; their placeholders would
//! only cause false alarms).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Problem;
use super::decode::is_under;
use crate::model::Document;

/// Every rule, for every client, restored on `today` (see
/// `validate::client_case_restoring`). Empty means the document may be
/// imported.
pub fn validate(doc: &Document, today: NaiveDate) -> Vec<Problem> {
    validate_with(doc, today, &[], &[])
}

/// `repaired[i]`: paths of client `i` whose values are placeholders.
/// `positions[i]`: where client `i` stood in the file (when some clients
/// could not be decoded at all); empty means the same as in `doc`.
pub(super) fn validate_with(
    doc: &Document,
    today: NaiveDate,
    repaired: &[Vec<String>],
    positions: &[usize],
) -> Vec<Problem> {
    let at = |i: usize| positions.get(i).copied().unwrap_or(i);
    let mut out = Vec::new();
    for (i, client) in doc.clients.iter().enumerate() {
        let repaired = repaired.get(i).map(Vec::as_slice).unwrap_or(&[]);
        let external_id = Some(client.external_id.clone()).filter(|s| !s.trim().is_empty());
        for p in crate::validate::client_case_restoring(client, today) {
            let touched = std::iter::once(&p.field).chain(p.also.iter());
            if touched
                .into_iter()
                .any(|f| repaired.iter().any(|r| is_under(f, r)))
            {
                continue;
            }
            out.push(Problem {
                external_id: external_id.clone(),
                index: at(i),
                field: p.field,
                message: p.message,
            });
        }
    }
    duplicate_ids(doc, repaired, &at, &mut out);
    out.sort_by_key(|p| p.index);
    out
}

fn duplicate_ids(
    doc: &Document,
    repaired: &[Vec<String>],
    at: &dyn Fn(usize) -> usize,
    out: &mut Vec<Problem>,
) {
    let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in doc.clients.iter().enumerate() {
        let id = c.external_id.trim();
        let placeholder = repaired
            .get(i)
            .is_some_and(|r| r.iter().any(|p| is_under("external_id", p)));
        if !id.is_empty() && !placeholder {
            seen.entry(id).or_default().push(at(i));
        }
    }
    for (id, positions) in seen.into_iter().filter(|(_, p)| p.len() > 1) {
        let named: Vec<String> = positions.iter().map(|i| format!("{}件目", i + 1)).collect();
        for &index in &positions {
            out.push(Problem {
                external_id: Some(id.to_string()),
                index,
                field: "external_id".to_string(),
                message: format!("利用者ID「{id}」が重複しています（{}）", named.join("・")),
            });
        }
    }
}
