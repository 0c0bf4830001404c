//! Each job's part of the case (docs/BASIS.md §5.2). After a 離職 and a
//! new job the earlier job keeps its timeline — what was done, what the
//! 離職 made unnecessary, what was missed before it — and each job's steps
//! are completed only by its own records: those dated after the job before
//! it ended and, for an earlier job, up to its own 離職.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::model::{Client, Employment, Resolution};

/// One job of the client, with the days its records fall between.
pub(super) struct Job<'a> {
    pub emp: &'a Employment,
    pub anchor: NaiveDate,
    /// The 離職 of the job before it: its records are dated after this.
    after: Option<NaiveDate>,
    /// An earlier job's own 離職: its records are dated up to this.
    until: Option<NaiveDate>,
}

impl Job<'_> {
    /// An earlier job's anchor (the mark its items carry); `None` for the
    /// current job.
    pub(super) fn earlier(&self) -> Option<NaiveDate> {
        self.until.map(|_| self.anchor)
    }

    fn holds(&self, day: NaiveDate) -> bool {
        self.after.is_none_or(|a| day > a) && self.until.is_none_or(|u| day <= u)
    }

    fn decides(&self, r: &Resolution) -> bool {
        match r.job {
            Some(a) => a == self.anchor,
            None => self.holds(r.decided_on),
        }
    }

    /// The client with only this job's contacts, plans, handovers and
    /// 対象外 decisions. Borrowed when that is all of them (one job, the common
    /// case: no copy).
    pub(super) fn records<'c>(&self, client: &'c Client) -> Cow<'c, Client> {
        let all = client.contacts.iter().all(|c| self.holds(c.date))
            && client.plans.iter().all(|p| self.holds(p.created))
            && client.handovers.iter().all(|h| self.holds(h.date))
            && client.resolutions.iter().all(|r| self.decides(r));
        if all {
            return Cow::Borrowed(client);
        }
        let mut c = client.clone();
        c.contacts.retain(|x| self.holds(x.date));
        c.plans.retain(|p| self.holds(p.created));
        c.handovers.retain(|h| self.holds(h.date));
        c.resolutions.retain(|r| self.decides(r));
        Cow::Owned(c)
    }
}

/// The client's jobs in order: each earlier job that ended (離職) before
/// the current one's anchor, then the current job (the latest by anchor).
/// A job without an anchor, or an earlier one never ended, has no steps.
pub(super) fn jobs(client: &Client) -> Vec<Job<'_>> {
    let Some(current) = client.current_employment() else {
        return Vec::new();
    };
    let Some(anchor) = current.anchor() else {
        return Vec::new();
    };
    let mut out: Vec<Job<'_>> = client
        .employments
        .iter()
        .filter(|e| !std::ptr::eq(*e, current))
        .filter_map(|e| {
            let a = e.anchor()?;
            let end = e.separation_date.filter(|x| *x < anchor)?;
            Some(Job {
                emp: e,
                anchor: a,
                after: ended_before(client, e, a),
                until: Some(end),
            })
        })
        .collect();
    out.sort_by_key(|j| j.anchor);
    out.push(Job {
        emp: current,
        anchor,
        after: ended_before(client, current, anchor),
        until: None,
    });
    out
}

/// The latest 離職日 of another job that ended before `anchor`.
fn ended_before(client: &Client, emp: &Employment, anchor: NaiveDate) -> Option<NaiveDate> {
    client
        .employments
        .iter()
        .filter(|e| !std::ptr::eq(*e, emp))
        .filter_map(|e| e.separation_date)
        .filter(|d| *d < anchor)
        .max()
}
