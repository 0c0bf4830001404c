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
use crate::model::{Client, Document};

/// Every rule, for every client, restored on `today` (see
/// `validate::client_case_restoring`). Empty means the document may be
/// imported.
pub fn validate(doc: &Document, today: NaiveDate) -> Vec<Problem> {
    let mut checker = Checker::new(today);
    for (index, client) in doc.clients.iter().enumerate() {
        checker.client(index, client, &[]);
    }
    checker.finish()
}

/// The rules applied to a document's clients one at a time, in order:
/// only their problems and ids are kept (ids must be unique across the
/// whole document), never the clients themselves.
pub(super) struct Checker {
    today: NaiveDate,
    problems: Vec<Problem>,
    /// Each client's id (trimmed, when it is one) and position.
    ids: Vec<(String, usize)>,
}

impl Checker {
    pub(super) fn new(today: NaiveDate) -> Self {
        Checker {
            today,
            problems: Vec::new(),
            ids: Vec::new(),
        }
    }

    /// Problems found before the rules (while decoding), kept in order.
    pub(super) fn extend(&mut self, problems: Vec<Problem>) {
        self.problems.extend(problems);
    }

    /// The client at `index` in the file. `repaired`: its paths whose
    /// values are placeholders (problems about them are already said).
    pub(super) fn client(&mut self, index: usize, client: &Client, repaired: &[String]) {
        let external_id = Some(client.external_id.clone()).filter(|s| !s.trim().is_empty());
        for p in crate::validate::client_case_restoring(client, self.today) {
            let touched = std::iter::once(&p.field).chain(p.also.iter());
            if touched
                .into_iter()
                .any(|f| repaired.iter().any(|r| is_under(f, r)))
            {
                continue;
            }
            self.problems.push(Problem {
                external_id: external_id.clone(),
                index,
                field: p.field,
                message: p.message,
            });
        }
        let id = client.external_id.trim();
        let placeholder = repaired.iter().any(|p| is_under("external_id", p));
        if !id.is_empty() && !placeholder {
            self.ids.push((id.to_string(), index));
        }
    }

    /// Every problem, by position in the file (for one client: decoding,
    /// then the rules, then a duplicate id).
    pub(super) fn finish(mut self) -> Vec<Problem> {
        let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (id, index) in &self.ids {
            seen.entry(id).or_default().push(*index);
        }
        for (id, positions) in seen.into_iter().filter(|(_, p)| p.len() > 1) {
            let named: Vec<String> = positions.iter().map(|i| format!("{}件目", i + 1)).collect();
            for &index in &positions {
                self.problems.push(Problem {
                    external_id: Some(id.to_string()),
                    index,
                    field: "external_id".to_string(),
                    message: format!(
                        "{}「{id}」が重複しています（{}）",
                        crate::fields::client::EXTERNAL_ID.label,
                        named.join("・")
                    ),
                });
            }
        }
        self.problems.sort_by_key(|p| p.index);
        self.problems
    }
}
