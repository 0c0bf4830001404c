//! The one place the TUI calls the obligation engine (`crate::obligations`),
//! so screens depend on a few plain functions.

use chrono::NaiveDate;

use crate::model::{Client, Obligation, Settings};

/// Every obligation of `client` on `today`, in the engine's order.
pub fn compute(client: &Client, settings: &Settings, today: NaiveDate) -> Vec<Obligation> {
    let _ = (client, settings, today);
    Vec::new()
}

/// The client's stage as a short badge for the list, and as words.
pub fn stage(client: &Client, today: NaiveDate) -> (String, String) {
    let _ = (client, today);
    (String::new(), String::new())
}

/// What the detail pane shows for an obligation id: the clause and the
/// rule's text.
pub struct RuleText {
    pub clause: &'static str,
    pub text: &'static str,
}

pub fn rule(id: &str) -> Option<RuleText> {
    let _ = id;
    None
}
