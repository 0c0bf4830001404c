//! Where a client is in the flow on a given day, for the client list badge.

use chrono::NaiveDate;

use super::support_period;
use crate::dates::{month_k, period_end};
use crate::model::{Client, Intent};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Stage {
    NoEmployment,
    PreEmployment,
    Month1,
    Months2to3,
    Months4to5,
    Month6,
    /// After month 6, 就労定着支援 not started yet.
    AwaitingService,
    /// After month 6, the client declined 就労定着支援.
    NotUsing,
    Retention {
        year: u32,
    },
    Ended,
    Separated,
}

impl Stage {
    /// The label shown to people.
    pub(crate) fn label(self) -> String {
        match self {
            Stage::NoEmployment => "就職情報なし".into(),
            Stage::PreEmployment => "就職前".into(),
            Stage::Month1 => "就職後1月目".into(),
            Stage::Months2to3 => "就職後2～3月目".into(),
            Stage::Months4to5 => "就職後4～5月目".into(),
            Stage::Month6 => "就職後6月目".into(),
            Stage::AwaitingService => "定着支援の開始待ち".into(),
            Stage::NotUsing => "定着支援の利用なし".into(),
            Stage::Retention { year } => format!("就労定着支援 {year}年目"),
            Stage::Ended => "支援終了".into(),
            Stage::Separated => "離職".into(),
        }
    }

    /// A short badge, at most 6 columns, with no ambiguous-width characters.
    pub(crate) fn badge(self) -> String {
        match self {
            Stage::NoEmployment => "未登録".into(),
            Stage::PreEmployment => "就職前".into(),
            Stage::Month1 => "1月目".into(),
            Stage::Months2to3 => "2-3月".into(),
            Stage::Months4to5 => "4-5月".into(),
            Stage::Month6 => "6月目".into(),
            Stage::AwaitingService => "開始待".into(),
            Stage::NotUsing => "利用無".into(),
            Stage::Retention { year } => format!("定着{year}"),
            Stage::Ended => "終了".into(),
            Stage::Separated => "離職".into(),
        }
    }
}

/// The client's stage on `today`.
pub(crate) fn stage(client: &Client, today: NaiveDate) -> Stage {
    let Some(emp) = client.current_employment() else {
        return Stage::NoEmployment;
    };
    let Some(a) = emp.anchor() else {
        return Stage::NoEmployment;
    };
    if emp.separation_date.is_some_and(|x| x <= today) {
        return Stage::Separated;
    }
    if today < a {
        return Stage::PreEmployment;
    }
    if today <= month_k(a, 1).1 {
        return Stage::Month1;
    }
    if today <= month_k(a, 3).1 {
        return Stage::Months2to3;
    }
    if today <= month_k(a, 5).1 {
        return Stage::Months4to5;
    }
    if today <= month_k(a, 6).1 {
        return Stage::Month6;
    }
    match support_period(emp) {
        Some((s, _)) if today < s => Stage::AwaitingService,
        Some((s, e)) if today <= e => {
            let year = if today <= period_end(s, 12) {
                1
            } else if today <= period_end(s, 24) {
                2
            } else {
                3
            };
            Stage::Retention { year }
        }
        Some(_) => Stage::Ended,
        None if emp.retention_start_date.is_some() => Stage::Ended,
        None if emp.intent == Intent::Declined => Stage::NotUsing,
        None if today > period_end(a, 42) => Stage::Ended,
        None => Stage::AwaitingService,
    }
}
