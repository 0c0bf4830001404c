//! Users and staffing (000 §1(3), §3(1)): the number of users the office
//! is staffed for, the 就労定着支援員 it needs (常勤換算, users ÷ 40), the
//! FTE entered, and the 基礎的研修 of each 就労定着支援員.
//!
//! Users are 延べ利用者数 ÷ 12: a client counts once in each calendar
//! month their 就労定着支援 overlaps (the months it is billed in), up to
//! their 離職 or 終結. The notice does not say how a month counts; this is
//! the month the monthly support and report are due in. For a new office
//! (000 §1(3)): under 6 months since support began, 70% of the people who
//! reached 6 months of employment in the past 3 years; from 6 months to a
//! year, the last 6 months ÷ 6; an office that began during the previous
//! fiscal year, the last 12 months ÷ 12. When support began is taken to
//! be the earliest S on record: there is no 指定日 setting.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::FiscalYear;
use super::spans::Span;
use crate::dates::{YearMonth, add_days, add_months_clamped, period_end, shift_month};
use crate::model::{Client, Role, Staff};

/// Which rule of 000 §1(3) gives the number of users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UsersRule {
    /// 前年度の延べ利用者数 ÷ 12.
    PreviousYear,
    /// Support began under 6 months ago: 70% of the past 3 years' people
    /// who reached 6 months of employment.
    Estimate,
    /// Support began 6 months to a year ago: the last 6 months ÷ 6.
    LastSixMonths,
    /// Support began during the previous fiscal year: the last 12 months ÷ 12.
    LastTwelveMonths,
}

impl UsersRule {
    pub fn label(self) -> &'static str {
        match self {
            UsersRule::PreviousYear => "前年度の延べ利用者数 ÷ 12",
            UsersRule::Estimate => "支援開始から6月未満: 就職後6月に達した人（過去3年間）の70%",
            UsersRule::LastSixMonths => "支援開始から6月以上1年未満: 直近6月の延べ利用者数 ÷ 6",
            UsersRule::LastTwelveMonths => "前年度の途中に支援開始: 直近1年間の延べ利用者数 ÷ 12",
        }
    }
}

/// Where a 就労定着支援員 stands with the 基礎的研修 on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Training {
    Done,
    /// Not taken, within the transition (a warning).
    Transition,
    /// Not taken after the transition (an error).
    Missing,
    /// Not a 就労定着支援員: not required here.
    NotRequired,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffLine {
    pub login: String,
    pub name: String,
    pub role: Role,
    /// Counted as 就労定着支援員: the 支援員 role, and from 令和10年4月1日
    /// only with the 基礎的研修 (000 §3(1)).
    pub counted: bool,
    #[serde(serialize_with = "hundredths_opt")]
    pub fte: Option<u32>,
    pub basic_training: Option<NaiveDate>,
    pub training: Training,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staffing {
    pub clause: &'static str,
    pub rule: UsersRule,
    /// When support began, as far as the records say (the earliest S).
    pub support_began: Option<NaiveDate>,
    /// The day the rule is applied on: today, inside the fiscal year.
    pub reference_day: NaiveDate,
    /// The months counted (none for the estimate).
    pub months_from: Option<YearMonth>,
    pub months_to: Option<YearMonth>,
    /// Client-months counted, or (estimate) the people who reached 6 months.
    pub count: u64,
    /// Users = numerator ÷ denominator, exactly.
    pub users_numerator: u64,
    pub users_denominator: u64,
    /// Users, rounded up to hundredths.
    #[serde(serialize_with = "hundredths")]
    pub users: u32,
    /// Users ÷ 40, rounded up to hundredths.
    #[serde(serialize_with = "hundredths")]
    pub required_fte: u32,
    /// The 常勤換算 of the 就労定着支援員 entered.
    #[serde(serialize_with = "hundredths")]
    pub fte: u32,
    /// The FTE entered is below users ÷ 40 (compared exactly).
    pub short: bool,
    pub staff: Vec<StaffLine>,
}

fn hundredths<S: Serializer>(v: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(f64::from(*v) / 100.0)
}

fn hundredths_opt<S: Serializer>(v: &Option<u32>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => hundredths(v, s),
        None => s.serialize_none(),
    }
}

/// What one pass over the clients gathers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    /// The earliest S of anyone.
    pub first_start: Option<NaiveDate>,
    /// Clients in 就労定着支援 per month, from the previous fiscal year's
    /// April to this one's March.
    pub per_month: BTreeMap<YearMonth, u64>,
    /// People whose job reached 6 months in the 3 years up to the
    /// reference day.
    pub reached_six_months: u64,
}

impl Tally {
    pub(super) fn add(
        &mut self,
        client: &Client,
        spans: &[Span],
        fy: FiscalYear,
        today: NaiveDate,
    ) {
        if let Some(s) = spans.first().map(|s| s.start) {
            self.first_start = Some(self.first_start.map_or(s, |f| f.min(s)));
        }
        let (from, to) = (YearMonth::of(fy.prev().start()), YearMonth::of(fy.end()));
        let mut months: Vec<YearMonth> = spans
            .iter()
            .flat_map(|s| s.months())
            .filter(|m| from <= *m && *m <= to)
            .collect();
        months.sort();
        months.dedup();
        for m in months {
            *self.per_month.entry(m).or_default() += 1;
        }
        let r = fy.clamp(today);
        let since = add_months_clamped(r, -36);
        let reached = client.employments.iter().any(|e| {
            e.anchor().is_some_and(|a| {
                let t = period_end(a, 6);
                since < t && t <= r && e.separation_date.is_none_or(|x| x >= t)
            })
        });
        self.reached_six_months += u64::from(reached);
    }

    pub(super) fn merge(&mut self, other: Tally) {
        self.first_start = match (self.first_start, other.first_start) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for (m, n) in other.per_month {
            *self.per_month.entry(m).or_default() += n;
        }
        self.reached_six_months += other.reached_six_months;
    }

    fn months(&self, from: YearMonth, to: YearMonth) -> u64 {
        self.per_month.range(from..=to).map(|(_, n)| n).sum()
    }
}

/// The months before `r`'s month, `n` of them: (first, last).
fn months_before(r: NaiveDate, n: i32) -> (YearMonth, YearMonth) {
    let m = YearMonth::of(r);
    let (y, mo) = shift_month(m.year, m.month, -n);
    (YearMonth { year: y, month: mo }, m.prev())
}

fn ceil_div(a: u64, b: u64) -> u64 {
    if b == 0 { 0 } else { a.div_ceil(b) }
}

pub(crate) fn finish(t: &Tally, staff: &[Staff], fy: FiscalYear, today: NaiveDate) -> Staffing {
    let r = fy.clamp(today);
    let began = t.first_start;
    let rule = match began {
        // Not yet begun, or under 6 months ago.
        None => UsersRule::Estimate,
        Some(o) if r < add_days(period_end(o, 6), 1) => UsersRule::Estimate,
        Some(o) if r < add_days(period_end(o, 12), 1) => UsersRule::LastSixMonths,
        Some(o) if o > fy.prev().start() => UsersRule::LastTwelveMonths,
        Some(_) => UsersRule::PreviousYear,
    };
    let (months, count, num, den) = match rule {
        UsersRule::Estimate => (None, t.reached_six_months, 7 * t.reached_six_months, 10),
        UsersRule::LastSixMonths => {
            let (a, b) = months_before(r, 6);
            let n = t.months(a, b);
            (Some((a, b)), n, n, 6)
        }
        UsersRule::LastTwelveMonths => {
            let (a, b) = months_before(r, 12);
            let n = t.months(a, b);
            (Some((a, b)), n, n, 12)
        }
        UsersRule::PreviousYear => {
            let (a, b) = (
                YearMonth::of(fy.prev().start()),
                YearMonth::of(fy.prev().end()),
            );
            let n = t.months(a, b);
            (Some((a, b)), n, n, 12)
        }
    };
    // The staff in post on the reference day, judged as of that day: a
    // past year with that year's staff and that year's rules.
    let lines: Vec<StaffLine> = staff
        .iter()
        .filter(|s| s.in_post(r))
        .map(|s| staff_line(s, r))
        .collect();
    let fte: u64 = lines
        .iter()
        .filter(|l| l.counted)
        .filter_map(|l| l.fte)
        .map(u64::from)
        .sum();
    // fte/100 < num/(den × 40), in integers.
    let short = fte * den * 40 < num * 100;
    let to_u32 = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    Staffing {
        clause: "000 §1(3), §3(1)",
        rule,
        support_began: began,
        reference_day: r,
        months_from: months.map(|m| m.0),
        months_to: months.map(|m| m.1),
        count,
        users_numerator: num,
        users_denominator: den,
        users: to_u32(ceil_div(num * 100, den)),
        required_fte: to_u32(ceil_div(num * 100, den * 40)),
        fte: to_u32(fte),
        short,
        staff: lines,
    }
}

fn staff_line(s: &Staff, day: NaiveDate) -> StaffLine {
    // 就労定着支援員 are the office's 支援員. The サービス管理責任者 and
    // the 管理者 are posts of their own and are not counted.
    let worker = s.role == Role::CaseWorker;
    // The one answer the staff list and the office screen give too.
    let training = match s.training(day) {
        crate::model::Training::Done(_) => Training::Done,
        crate::model::Training::MissingInTransition => Training::Transition,
        crate::model::Training::Missing => Training::Missing,
        crate::model::Training::NotRequired => Training::NotRequired,
    };
    // After the transition someone without the training cannot be a
    // 就労定着支援員 at all: their FTE does not count toward the standard.
    let counted = worker && training != Training::Missing;
    StaffLine {
        login: s.login.clone(),
        name: s.display_name.clone(),
        role: s.role,
        counted,
        fte: s.fte_on(day).map(u32::from),
        basic_training: s.basic_training,
        training,
    }
}
