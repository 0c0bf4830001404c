//! 就労定着率 (000 §2(1)): of the clients who began 就労定着支援 in the
//! three fiscal years before the given one, the share still employed at
//! the end of the last of them (前年度末, 3/31). The fee tier follows from
//! the rate, but its bands are set in the fee notice (報酬告示), not in
//! 000: they are not computed here.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::FiscalYear;
use super::spans::{Span, employed_at};
use crate::model::Client;

/// One client of the denominator, with what decided the numerator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateClient {
    pub external_id: Arc<str>,
    pub name: Arc<str>,
    /// S: the first 就労定着支援 start day inside the window.
    pub start: NaiveDate,
    /// The 離職日 of that job, if any.
    pub separation: Option<NaiveDate>,
    /// Still employed at the end of `as_of` (in the numerator).
    pub employed: bool,
    /// Why, when the job alone does not say it (a new job, a closure).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionRate {
    pub clause: &'static str,
    /// The first and last day in which S counts (three fiscal years).
    pub window_from: NaiveDate,
    pub window_to: NaiveDate,
    /// 前年度末: the day employment is looked at.
    pub as_of: NaiveDate,
    pub denominator: usize,
    pub numerator: usize,
    /// numerator / denominator in tenths of a percent, rounded down
    /// (`None` with no one in the denominator).
    pub rate_permille: Option<u32>,
    /// By S, then id.
    pub clients: Vec<RateClient>,
}

/// The window for fiscal year `fy`: 4/1 three years before to 3/31 before.
pub(crate) fn window(fy: FiscalYear) -> (NaiveDate, NaiveDate) {
    (FiscalYear(fy.0 - 3).start(), fy.prev().end())
}

/// The client's row, when they began 就労定着支援 inside the window.
pub(crate) fn row(client: &Client, spans: &[Span], fy: FiscalYear) -> Option<RateClient> {
    let (from, to) = window(fy);
    // The denominator counts people: a second job's S in the window does
    // not count them twice.
    let first = spans.iter().find(|s| from <= s.start && s.start <= to)?;
    let job = client.employments.get(first.employment)?;
    let employed = employed_at(client, to);
    let note = match (&client.closure, job.separation_date) {
        (Some(c), _) if !employed && c.date <= to && job.separation_date.is_none_or(|x| x > to) => {
            Some(format!("終結（{}）{}", c.reason.label(), c.date))
        }
        (_, Some(x)) if x <= to && employed => Some("離職後に再就職".to_string()),
        _ => None,
    };
    Some(RateClient {
        external_id: client.external_id.as_str().into(),
        name: client.name.as_str().into(),
        start: first.start,
        separation: job.separation_date,
        employed,
        note,
    })
}

/// The figure from the rows of every client.
pub(crate) fn finish(fy: FiscalYear, mut clients: Vec<RateClient>) -> RetentionRate {
    clients.sort_by(|a, b| (a.start, &a.external_id).cmp(&(b.start, &b.external_id)));
    let (from, to) = window(fy);
    let denominator = clients.len();
    let numerator = clients.iter().filter(|c| c.employed).count();
    RetentionRate {
        clause: "000 §2(1)",
        window_from: from,
        window_to: to,
        as_of: to,
        denominator,
        numerator,
        rate_permille: (denominator > 0).then(|| (numerator * 1000 / denominator) as u32),
        clients,
    }
}
