//! When a client was in 就労定着支援: each job's S..E, cut short by its
//! 離職 and by the case's 終結. Every figure counts months and days from
//! these spans, so they agree with one another.

use chrono::NaiveDate;

use crate::dates::{YearMonth, months_overlapping};
use crate::model::{Client, ClosureReason, Employment};
use crate::obligations::support_period;

/// One job's time in 就労定着支援.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// S.
    pub start: NaiveDate,
    /// The last day: E, or the 離職日 or 終結日 when earlier.
    pub end: NaiveDate,
    /// Which of the client's employments.
    pub employment: usize,
}

impl Span {
    pub(super) fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// The calendar months the span overlaps (the first and last partial
    /// months included, as the monthly items count them: 000 §1(4)②).
    pub(super) fn months(&self) -> impl Iterator<Item = YearMonth> {
        months_overlapping(self.start, self.end)
    }
}

/// Every job's span, oldest S first. A job that ended before its S has none.
pub(crate) fn spans(client: &Client) -> Vec<Span> {
    let closed = client.closure.as_ref().map(|c| c.date);
    let mut out: Vec<Span> = client
        .employments
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (s, e_day) = support_period(e)?;
            let end = [Some(e_day), e.separation_date, closed]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(e_day);
            (end >= s).then_some(Span {
                start: s,
                end,
                employment: i,
            })
        })
        .collect();
    out.sort_by_key(|s| s.start);
    out
}

/// The first day of the job (就職日, 復職日), or the anchor day.
fn job_start(e: &Employment) -> Option<NaiveDate> {
    e.start_date.or_else(|| e.anchor())
}

/// Employed at the end of `day` (就労が継続している): some job had begun
/// by then and had no 離職 on or before it. A 離職日 is the job's last
/// day, so a 3/31 離職 is not employment at the end of 3/31. A case closed
/// for 離職 or 死亡 on or before the day ends employment too, recorded on
/// the job or not.
pub(crate) fn employed_at(client: &Client, day: NaiveDate) -> bool {
    if let Some(c) = &client.closure
        && matches!(c.reason, ClosureReason::Separation | ClosureReason::Died)
        && c.date <= day
    {
        return false;
    }
    client.employments.iter().any(|e| {
        job_start(e).is_some_and(|s| s <= day) && e.separation_date.is_none_or(|x| x > day)
    })
}
