//! 支援体制構築未実施減算 risks (000 §2(4)): the office is short of any one
//! of ア (a guideline for sharing a 要継続支援 client's information, and a
//! person responsible), イ (each 要継続支援 client's information shared with
//! the agencies, with their consent, 3 months or more before the end of
//! support — on or before E − 3 months; a day later is late) or ウ (a
//! record of each share: here, what was shared, written on the handover).

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::FiscalYear;
use crate::dates::months_before;
use crate::model::{Client, Handover, Office};
use crate::obligations::support_period;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Share {
    /// Shared with consent on or before the due day.
    InTime,
    /// Shared with consent, but after the due day (a 減算 risk).
    Late,
    /// No consented share, and the due day has passed.
    Missing,
    /// No consented share yet; the due day is today or later.
    Pending,
}

impl Share {
    pub fn label(self) -> &'static str {
        match self {
            Share::InTime => "期限内に共有",
            Share::Late => "期限後に共有",
            Share::Missing => "共有なし（期限超過）",
            Share::Pending => "未共有（期限前）",
        }
    }
}

/// One 要継続支援 client whose share falls due in the fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareCheck {
    pub external_id: Arc<str>,
    pub name: Arc<str>,
    /// E: the end of support.
    pub support_end: NaiveDate,
    /// E − 3 months: the last day the share counts.
    pub due: NaiveDate,
    pub share: Share,
    /// The first consented share (the one in time, or the late one).
    pub shared_on: Option<NaiveDate>,
    /// Days after the due day, for a late share.
    pub days_late: Option<i64>,
    /// What was shared is written on the share's record (ウ).
    pub recorded: bool,
    /// A share without the client's consent is on file (it does not count).
    pub unconsented: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeductionRisks {
    pub clause: &'static str,
    /// ア: the guideline is set.
    pub guideline_set: bool,
    /// ア: the person responsible is set.
    pub responsible_set: bool,
    /// By due day, then id.
    pub clients: Vec<ShareCheck>,
}

impl DeductionRisks {
    /// Any of ア, イ, ウ not met (pending shares are not yet a risk).
    pub fn at_risk(&self) -> bool {
        !self.guideline_set
            || !self.responsible_set
            || self
                .clients
                .iter()
                .any(|c| matches!(c.share, Share::Late | Share::Missing) || c.gap_in_record())
    }
}

impl ShareCheck {
    /// ウ: a share was made but what was shared is not on record.
    pub fn gap_in_record(&self) -> bool {
        self.shared_on.is_some() && !self.recorded
    }
}

/// The client's check, when they are 要継続支援 and the share is due in `fy`.
pub(crate) fn check(client: &Client, fy: FiscalYear, today: NaiveDate) -> Option<ShareCheck> {
    if !client.needs_continuing_support {
        return None;
    }
    let job = client.current_employment()?;
    let (_, end) = support_period(job)?;
    let due = months_before(end, 3);
    if !fy.contains(due) {
        return None;
    }
    // Support that ended (離職, 終結) before the due day needs no share.
    let stopped = [job.separation_date, client.closure.as_ref().map(|c| c.date)]
        .into_iter()
        .flatten()
        .min();
    if stopped.is_some_and(|d| d < due) {
        return None;
    }
    let mut shares: Vec<&Handover> = client
        .handovers
        .iter()
        .filter(|h| h.for_end() && client.handover_consented(h))
        .collect();
    shares.sort_by_key(|h| h.date);
    let in_time = shares.iter().find(|h| h.date <= due);
    let first = in_time.or(shares.first());
    let share = match (in_time, first) {
        (Some(_), _) => Share::InTime,
        (None, Some(_)) => Share::Late,
        (None, None) if due < today => Share::Missing,
        (None, None) => Share::Pending,
    };
    Some(ShareCheck {
        external_id: client.external_id.as_str().into(),
        name: client.name.as_str().into(),
        support_end: end,
        due,
        share,
        shared_on: first.map(|h| h.date),
        days_late: (share == Share::Late)
            .then(|| first.map(|h| (h.date - due).num_days()))
            .flatten(),
        recorded: first.is_some_and(|h| !h.shared.trim().is_empty()),
        unconsented: client
            .handovers
            .iter()
            .any(|h| h.for_end() && !client.handover_consented(h)),
    })
}

pub(crate) fn finish(office: &Office, mut clients: Vec<ShareCheck>) -> DeductionRisks {
    clients.sort_by(|a, b| (a.due, &a.external_id).cmp(&(b.due, &b.external_id)));
    DeductionRisks {
        clause: "000 §2(4)",
        guideline_set: !office.handover_guideline.trim().is_empty(),
        responsible_set: !office.handover_responsible.trim().is_empty(),
        clients,
    }
}
