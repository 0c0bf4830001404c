//! What gives the demo office a real office's figures (docs/BASIS.md §8),
//! so a newcomer sees what each figure is for: a 就労定着率 below 100%
//! (some clients left their job inside the rate's window), 支援体制構築未実施
//! 減算 risks (a share before the end of support made late, or not made),
//! and the README tour's worked examples at fixed ids (a month-6 handover
//! done late, a month with only a phone call, a 受給者証 not renewed).
//!
//! The rate and the shares depend on the fiscal year of `today`, so they
//! are decided by counting the clients seen so far (every fifth client
//! who began 就労定着支援 in the window leaves the job): the rate lands
//! near 80% on any day and at any size, and `generate(n, today)` stays a
//! prefix of `generate(m, today)`.

use chrono::{Datelike, NaiveDate};

use super::Rng;
use super::course::day_between;
use crate::dates::{YearMonth, add_days, months_before};
use crate::figures::{FiscalYear, rate_window};

/// The tour's worked examples (positions: D00186, D00090, D00095), each a
/// client in their second year of 就労定着支援 on any day, with few other
/// items overdue.
pub(super) const LATE_HANDOVER: usize = 185;
pub(super) const PHONE_ONLY_MONTH: usize = 89;
pub(super) const LAPSED_CERTIFICATE: usize = 94;

/// The first clients are left as drawn, so a small demo (`--clients 5`,
/// as the end-to-end tests make) keeps every client open in the list.
const AS_DRAWN: usize = 20;
/// One in this many clients whose S is in the rate's window leaves the job.
const LEAVERS: usize = 5;
/// One in this many clients whose share falls due this fiscal year is
/// 要継続支援 besides the drawn ones (and those with a problem below).
const CONTINUING: usize = 4;

/// What became of a 要継続支援 client's share before the end of support
/// (000 §1(4)③, §2(4)イ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EndShare {
    /// In time, mostly; a sloppy case may miss it.
    Usual,
    /// After the due day E − 3 months (イ).
    Late,
    /// Not made, and the due day has passed (イ).
    Missing,
}

pub(super) struct Spread {
    today: NaiveDate,
    fy: FiscalYear,
    window: (NaiveDate, NaiveDate),
    /// The earliest due day of a late or missing share: this fiscal year's
    /// first day once two months of it have passed; before that, half a
    /// year back (little of a year has fallen due in its first weeks).
    risks_from: NaiveDate,
    in_window: usize,
    due_this_year: usize,
    late: bool,
    missing: bool,
}

/// A client the rate and the shares leave alone.
fn left_alone(i: usize) -> bool {
    i < AS_DRAWN || matches!(i, LATE_HANDOVER | PHONE_ONLY_MONTH | LAPSED_CERTIFICATE)
}

impl Spread {
    pub(super) fn new(today: NaiveDate) -> Spread {
        let fy = FiscalYear::of(today);
        let risks_from = if today >= add_days(fy.start(), 60) {
            fy.start()
        } else {
            add_days(today, -180)
        };
        Spread {
            today,
            fy,
            window: rate_window(fy),
            risks_from,
            in_window: 0,
            due_this_year: 0,
            late: false,
            missing: false,
        }
    }

    /// The 離職日 of client `i`, in 就労定着支援 from `s` to `e`, when they
    /// are one who leaves: within about a year of S and before the
    /// window's end (a month's room at least), as most 離職 come early.
    pub(super) fn leaves(
        &mut self,
        i: usize,
        rng: &mut Rng,
        s: NaiveDate,
        e: NaiveDate,
    ) -> Option<NaiveDate> {
        let (from, to) = self.window;
        if left_alone(i) || s < from || s > add_days(to, -30) {
            return None;
        }
        self.in_window += 1;
        if self.in_window % LEAVERS != LEAVERS / 2 {
            return None;
        }
        let last = e.min(to).min(add_days(s, 400));
        Some(day_between(rng, add_days(s, 30), last))
    }

    /// What becomes of the share of client `i` (in 就労定着支援 over
    /// `support`, still in the job) when they are made 要継続支援: of the
    /// clients whose due day has passed, the first shares late and the
    /// next not at all; some more whose share falls due this year share
    /// as usual.
    pub(super) fn end_share(
        &mut self,
        i: usize,
        support: Option<(NaiveDate, NaiveDate)>,
        separated: bool,
    ) -> Option<EndShare> {
        let (_, end) = support?;
        let due = months_before(end, 3);
        if left_alone(i) || separated {
            return None;
        }
        let (from, today) = (self.risks_from, self.today);
        if !self.late && from <= due && due <= add_days(today, -10) {
            self.late = true;
            return Some(EndShare::Late);
        }
        if !self.missing && from <= due && due < today {
            self.missing = true;
            return Some(EndShare::Missing);
        }
        if !self.fy.contains(due) {
            return None;
        }
        self.due_this_year += 1;
        self.due_this_year
            .is_multiple_of(CONTINUING)
            .then_some(EndShare::Usual)
    }

    /// The month client `i` had only a phone call: last month.
    pub(super) fn phone_only_month(&self, i: usize) -> Option<YearMonth> {
        (i == PHONE_ONLY_MONTH).then(|| YearMonth::of(self.last_month_end()))
    }

    /// The 受給者証 of client `i` that ran out at the end of last month
    /// and was not renewed: this month cannot be billed.
    pub(super) fn lapsed_certificate(&self, i: usize) -> Option<NaiveDate> {
        (i == LAPSED_CERTIFICATE).then(|| self.last_month_end())
    }

    fn last_month_end(&self) -> NaiveDate {
        add_days(self.today.with_day(1).unwrap_or(self.today), -1)
    }
}

/// The day a share is made, for `fate` (due day `due`, support from `s`,
/// nothing after `as_of`); `None` when none is made.
pub(super) fn share_day(
    rng: &mut Rng,
    fate: EndShare,
    s: NaiveDate,
    due: NaiveDate,
    as_of: NaiveDate,
) -> Option<NaiveDate> {
    let day = match fate {
        EndShare::Usual => add_days(due, rng.range(-60, -5)).max(s),
        EndShare::Missing => return None,
        EndShare::Late => {
            let most = (as_of - due).num_days().min(45);
            add_days(due, rng.range(3, most))
        }
    };
    (day <= as_of).then_some(day)
}
