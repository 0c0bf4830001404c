//! The office figures (docs/BASIS.md §8) for the サービス管理責任者 and the 管理者:
//! 就労定着率, users and staffing, 支援体制構築未実施減算 risks,
//! 地域連携会議実施加算 and billing readiness per month.
//!
//! Pure: functions of (clients, staff, office, settings, fiscal year,
//! today); no SQL, no clock. One file per figure. A large office is added
//! in batches (`Tally`), so its records are never all held at once; the
//! figures keep only the rows they list.

mod billing;
mod conference;
mod deduction;
mod fiscal;
pub(crate) mod lines;
mod rate;
mod spans;
mod staffing;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_as_of;
#[cfg(test)]
mod tests_claims;

use chrono::NaiveDate;
use serde::Serialize;

pub(crate) use billing::{Billing, BillingMonth, Readiness};
pub(crate) use conference::{Addition, ConferenceAddition, ConferenceMonth};
pub(crate) use deduction::{DeductionRisks, Share, ShareCheck};
pub(crate) use fiscal::FiscalYear;
pub(crate) use rate::{RateClient, RetentionRate, window as rate_window};
pub(crate) use staffing::{Staffing, Training, UsersRule};

use crate::dates::YearMonth;
use crate::model::{Client, Office, Settings, Staff};

/// Every figure of one fiscal year, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub fiscal_year: FiscalYear,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub today: NaiveDate,
    pub retention_rate: RetentionRate,
    pub staffing: Staffing,
    pub deduction_risks: DeductionRisks,
    pub conference_addition: ConferenceAddition,
    pub billing: Billing,
}

/// What the clients give, gathered batch by batch; `merge` joins the
/// tallies of batches read on other connections.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    fy: FiscalYear,
    today: NaiveDate,
    settings: Settings,
    billing_months: Vec<YearMonth>,
    rate: Vec<RateClient>,
    staffing: staffing::Tally,
    shares: Vec<ShareCheck>,
    conferences: Vec<ConferenceMonth>,
    billing: Vec<BillingMonth>,
}

impl Tally {
    pub(crate) fn new(fy: FiscalYear, settings: Settings, today: NaiveDate) -> Tally {
        Tally {
            fy,
            today,
            settings,
            billing_months: billing::months_of(fy, today),
            rate: Vec::new(),
            staffing: staffing::Tally::default(),
            shares: Vec::new(),
            conferences: Vec::new(),
            billing: Vec::new(),
        }
    }

    /// Adds clients (closed cases too: they count in the 就労定着率 and in
    /// the months they were supported).
    pub(crate) fn add(&mut self, clients: &[Client]) {
        for c in clients {
            // Only what had happened by `today` counts (docs/BASIS.md §4.4).
            let known = c.as_of(self.today);
            let c = known.as_ref();
            let spans = spans::spans(c);
            self.staffing.add(c, &spans, self.fy, self.today);
            self.shares.extend(deduction::check(c, self.fy, self.today));
            if spans.is_empty() {
                continue;
            }
            self.rate.extend(rate::row(c, &spans, self.fy));
            self.conferences
                .extend(conference::months(c, &spans, self.fy));
            self.billing.extend(billing::months(
                c,
                &spans,
                &self.billing_months,
                &self.settings,
                self.today,
            ));
        }
    }

    pub(crate) fn merge(&mut self, other: Tally) {
        self.rate.extend(other.rate);
        self.staffing.merge(other.staffing);
        self.shares.extend(other.shares);
        self.conferences.extend(other.conferences);
        self.billing.extend(other.billing);
    }

    pub(crate) fn finish(self, staff: &[Staff], office: &Office) -> Figures {
        Figures {
            fiscal_year: self.fy,
            from: self.fy.start(),
            to: self.fy.end(),
            today: self.today,
            retention_rate: rate::finish(self.fy, self.rate),
            staffing: staffing::finish(&self.staffing, staff, self.fy, self.today),
            deduction_risks: deduction::finish(office, self.shares),
            conference_addition: conference::finish(self.conferences),
            billing: billing::finish(&self.billing_months, self.billing),
        }
    }
}

/// Every figure of `fy` from all the clients at once (the shell reads in
/// batches: `Tally`).
#[cfg(test)]
pub(crate) fn compute(
    clients: &[Client],
    staff: &[Staff],
    office: &Office,
    settings: &Settings,
    fy: FiscalYear,
    today: NaiveDate,
) -> Figures {
    let mut t = Tally::new(fy, *settings, today);
    t.add(clients);
    t.finish(staff, office)
}
