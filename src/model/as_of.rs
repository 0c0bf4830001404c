//! The record as of a day (docs/BASIS.md §4.4): what had happened by day T.
//!
//! Every status is decided "on a day T", so a record dated after T — a
//! contact of the 16th seen on the 15th, a plan made later, a 提示日 still
//! to come, a consent given or withdrawn later — is not yet part of the
//! case. The engine and the figures read the client through this view
//! rather than each rule checking dates of its own, so no rule can forget.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::{Client, Employment};

impl Client {
    /// This client as the record stood at the end of `day`. Borrowed when
    /// nothing is dated after it (the common case: no copy for a whole
    /// office read on the real today).
    pub fn as_of(&self, day: NaiveDate) -> Cow<'_, Client> {
        if !self.has_after(day) {
            return Cow::Borrowed(self);
        }
        let mut c = self.clone();
        c.employments.retain(|e| known(e, day));
        for e in &mut c.employments {
            if e.separation_date.is_some_and(|x| x > day) {
                e.separation_date = None;
                e.separation_reason = None;
            }
        }
        c.contacts.retain(|x| x.date <= day);
        c.reports.retain(|r| r.created.is_none_or(|d| d <= day));
        for r in &mut c.reports {
            if r.presented.is_some_and(|d| d > day) {
                r.presented = None;
            }
        }
        c.plans.retain(|p| p.created <= day);
        for p in &mut c.plans {
            p.reviews.retain(|d| *d <= day);
        }
        c.consents.retain(|x| x.date <= day);
        for x in &mut c.consents {
            if x.withdrawn.is_some_and(|w| w > day) {
                x.withdrawn = None;
            }
        }
        c.handovers.retain(|x| x.date <= day);
        c.conferences.retain(|x| x.date <= day);
        c.resolutions.retain(|x| x.decided_on <= day);
        if c.closure.as_ref().is_some_and(|x| x.date > day) {
            c.closure = None;
        }
        Cow::Owned(c)
    }

    /// Whether any record or event of the case is dated after `day`.
    fn has_after(&self, day: NaiveDate) -> bool {
        let after = |d: Option<NaiveDate>| d.is_some_and(|d| d > day);
        self.employments
            .iter()
            .any(|e| !known(e, day) || after(e.separation_date))
            || self.contacts.iter().any(|x| x.date > day)
            || self
                .reports
                .iter()
                .any(|r| after(r.created) || after(r.presented))
            || self
                .plans
                .iter()
                .any(|p| p.created > day || p.reviews.iter().any(|d| *d > day))
            || self
                .consents
                .iter()
                .any(|x| x.date > day || after(x.withdrawn))
            || self.handovers.iter().any(|x| x.date > day)
            || self.conferences.iter().any(|x| x.date > day)
            || self.resolutions.iter().any(|x| x.decided_on > day)
            || after(self.closure.as_ref().map(|x| x.date))
    }
}

/// A job is known from its decision: before the day it was decided, the
/// client had no such job. (A start or a support period ahead of the day
/// is a plan, and is kept.)
fn known(e: &Employment, day: NaiveDate) -> bool {
    e.decision_date.is_none_or(|d| d <= day)
}
