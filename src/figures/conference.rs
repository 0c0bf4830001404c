//! 地域連携会議実施加算 (000 §2(3)): a case conference on a client's
//! 就労定着支援計画 with agencies of the list ア–ケ. Type I when the
//! サービス管理責任者 attended; type II (from 令和6年度) when another
//! 就労定着支援員 attended and shared the result with the サービス管理責任者.
//! 000 sets no number of agencies beyond one from the list and no limit
//! per month or year; the fee notice's limits are not applied here.

use std::sync::Arc;

use serde::Serialize;

use super::FiscalYear;
use super::spans::Span;
use crate::dates::YearMonth;
use crate::model::{AgencyKind, CaseConference, Client};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Addition {
    /// 地域連携会議実施加算 (I).
    #[serde(rename = "I")]
    One,
    /// 地域連携会議実施加算 (II).
    #[serde(rename = "II")]
    Two,
}

impl Addition {
    pub fn label(self) -> &'static str {
        match self {
            Addition::One => "(I)",
            Addition::Two => "(II)",
        }
    }
}

/// One client's conferences in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConferenceMonth {
    pub external_id: Arc<str>,
    pub name: Arc<str>,
    pub month: YearMonth,
    pub conferences: usize,
    /// The agencies of the month's conferences, ア–ケ.
    pub agencies: Vec<AgencyKind>,
    /// The best type any of them meets (I before II); `None`: none does.
    pub addition: Option<Addition>,
    /// Why none does.
    pub reason: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConferenceAddition {
    pub clause: &'static str,
    /// By month, then id.
    pub months: Vec<ConferenceMonth>,
}

impl ConferenceAddition {
    pub fn count(&self, a: Option<Addition>) -> usize {
        self.months.iter().filter(|m| m.addition == a).count()
    }
}

/// Which type one conference meets, or why it meets none.
fn judge(client: &Client, c: &CaseConference, spans: &[Span]) -> Result<Addition, &'static str> {
    if !spans.iter().any(|s| s.contains(c.date)) {
        return Err("就労定着支援の期間外");
    }
    if c.agencies.is_empty() {
        return Err("関係機関（ア～ケ）の記録なし");
    }
    let addition = if c.manager_attended {
        Addition::One
    } else if c.manager_informed {
        Addition::Two
    } else {
        return Err("サービス管理責任者の出席・結果の共有の記録なし");
    };
    // The conference shares the client's information with the agencies:
    // only with their consent in force on its day (docs/BASIS.md §6).
    match client.conference_consent(c).refusal() {
        Some(why) => Err(why),
        None => Ok(addition),
    }
}

/// The client's months with a conference in `fy`.
pub(crate) fn months(client: &Client, spans: &[Span], fy: FiscalYear) -> Vec<ConferenceMonth> {
    let mut held: Vec<&CaseConference> = client
        .conferences
        .iter()
        .filter(|c| fy.contains(c.date))
        .collect();
    held.sort_by_key(|c| c.date);
    let mut out: Vec<ConferenceMonth> = Vec::new();
    for c in held {
        let month = YearMonth::of(c.date);
        let verdict = judge(client, c, spans);
        let row = match out.last_mut() {
            Some(r) if r.month == month => r,
            _ => {
                out.push(ConferenceMonth {
                    external_id: client.external_id.as_str().into(),
                    name: client.name.as_str().into(),
                    month,
                    conferences: 0,
                    agencies: Vec::new(),
                    addition: None,
                    reason: None,
                });
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        row.conferences += 1;
        row.agencies.extend(c.agencies.iter().copied());
        row.agencies.sort();
        row.agencies.dedup();
        match verdict {
            Ok(a) => {
                row.addition = Some(row.addition.map_or(a, |b| b.min(a)));
                row.reason = None;
            }
            Err(why) if row.addition.is_none() => row.reason = Some(why),
            Err(_) => {}
        }
    }
    out
}

pub(crate) fn finish(mut months: Vec<ConferenceMonth>) -> ConferenceAddition {
    months.sort_by(|a, b| (a.month, &a.external_id).cmp(&(b.month, &b.external_id)));
    ConferenceAddition {
        clause: "000 §2(3)",
        months,
    }
}
