//! The one place the TUI calls the obligation engine (`crate::obligations`),
//! so screens depend on a few plain functions.

use chrono::NaiveDate;

use crate::model::{Client, ClosureReason, Obligation, Settings};
use crate::obligations;

pub(crate) use crate::obligations::Rule;

/// Every obligation of `client` on `today`, in the engine's order.
pub(crate) fn compute(client: &Client, settings: &Settings, today: NaiveDate) -> Vec<Obligation> {
    obligations::compute(client, settings, today)
}

/// The client's stage as a short badge for the list, and in words.
pub(crate) fn stage(client: &Client, today: NaiveDate) -> (String, String) {
    let s = obligations::stage(client, today);
    (s.badge(), s.label())
}

/// Why a case at its stage today is usually closed: the job ended, or
/// the support period did. `None` while support goes on.
pub(crate) fn usual_closure(client: &Client, today: NaiveDate) -> Option<ClosureReason> {
    match obligations::stage(client, today) {
        obligations::Stage::Separated => Some(ClosureReason::Separation),
        obligations::Stage::Ended => Some(ClosureReason::SupportEnd),
        _ => None,
    }
}

/// The rule behind an obligation id: title, short name, clause, text.
pub(crate) fn rule(id: &str) -> Option<&'static Rule> {
    obligations::rule(id)
}
