//! Billing readiness per month (000 §1(4)②, §2(2)): a month of 就労定着支援
//! is billed only with the month's face-to-face support (対面又はテレビ電話)
//! and a 支援レポート presented to the client. Both come from the
//! obligation engine's `ret.monthly_face_to_face` and `ret.monthly_report`
//! for that month, so this never disagrees with the timeline.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::FiscalYear;
use super::spans::Span;
use crate::dates::YearMonth;
use crate::model::{Client, Obligation, ObligationId, Settings, Status};
use crate::obligations;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    Billable,
    NotBillable,
    /// The month has not ended and something is still to do.
    Pending,
}

impl Readiness {
    pub fn label(self) -> &'static str {
        match self {
            Readiness::Billable => "算定可",
            Readiness::NotBillable => "算定不可",
            Readiness::Pending => "月内未了",
        }
    }
}

/// One client's month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BillingMonth {
    pub external_id: Arc<str>,
    pub name: Arc<str>,
    pub month: YearMonth,
    /// The engine's status of the month's face-to-face support.
    pub face_to_face: Status,
    /// The engine's status of the month's 支援レポート.
    pub report: Status,
    pub readiness: Readiness,
    /// What is missing or still to do, in words.
    pub reasons: Vec<String>,
}

/// A month's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthSummary {
    pub month: YearMonth,
    pub clients: usize,
    pub billable: usize,
    pub not_billable: usize,
    pub pending: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Billing {
    pub clause: &'static str,
    pub summary: Vec<MonthSummary>,
    /// Every client-month, by month then id.
    pub months: Vec<BillingMonth>,
}

/// The months of `fy` up to today's month (a month not yet begun has
/// nothing to bill).
pub(crate) fn months_of(fy: FiscalYear, today: NaiveDate) -> Vec<YearMonth> {
    let now = YearMonth::of(today);
    fy.months().filter(|m| *m <= now).collect()
}

fn part(what: &str, o: Option<&Obligation>, missing: &str, reasons: &mut Vec<String>) -> Status {
    let Some(o) = o else {
        reasons.push(missing.to_string());
        return Status::Overdue;
    };
    match o.status {
        Status::Done => {}
        Status::Waived => reasons.push(format!(
            "{what}: 対象外（{}）",
            o.waived_reason.as_deref().unwrap_or("")
        )),
        Status::Overdue => reasons.push(missing.to_string()),
        Status::DueSoon | Status::Open | Status::Upcoming => {
            reasons.push(format!("{what}: 月末まで"));
        }
    }
    o.status
}

/// "対面支援: X" and "支援レポート: X" said once: "対面支援・支援レポート: X".
fn merge_alike(reasons: &mut Vec<String>) {
    if let [a, b] = reasons.as_slice()
        && let (Some(("対面支援", x)), Some(("支援レポート", y))) =
            (a.split_once(": "), b.split_once(": "))
        && x == y
    {
        *reasons = vec![format!("対面支援・支援レポート: {x}")];
    }
}

/// The client's months of `months` in 就労定着支援, each with its evidence.
pub(crate) fn months(
    client: &Client,
    spans: &[Span],
    months: &[YearMonth],
    settings: &Settings,
    today: NaiveDate,
) -> Vec<BillingMonth> {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Vec::new();
    };
    let (from, to) = (first.first_day(), last.last_day());
    // Every job's items at once: an earlier job keeps its own, marked with
    // its anchor (docs/BASIS.md §5.2).
    let items: Vec<Obligation> =
        obligations::compute_where(client, settings, today, |_, due, _| {
            from <= due && due <= to
        });
    let current = client
        .current_employment()
        .and_then(|c| client.employments.iter().position(|e| std::ptr::eq(e, c)));
    let periods = client.certificate_periods();
    let mut out: Vec<BillingMonth> = Vec::new();
    for span in spans.iter().filter(|s| s.start <= to && s.end >= from) {
        let job = if Some(span.employment) == current {
            None
        } else {
            client
                .employments
                .get(span.employment)
                .and_then(|e| e.anchor())
        };
        let items: Vec<&Obligation> = items.iter().filter(|o| o.job == job).collect();
        for m in span.months().filter(|m| first <= m && m <= last) {
            if out.iter().any(|b| b.month == m) {
                continue; // two jobs in one month: bill it once
            }
            let find = |id: ObligationId| {
                items
                    .iter()
                    .find(|o| o.id == id && o.period == Some(m))
                    .copied()
            };
            let mut reasons = Vec::new();
            let face = part(
                "対面支援",
                find(ObligationId::RET_MONTHLY_FACE_TO_FACE),
                "対面支援の記録なし",
                &mut reasons,
            );
            let report = part(
                "支援レポート",
                find(ObligationId::RET_MONTHLY_REPORT),
                "支援レポート未提示",
                &mut reasons,
            );
            merge_alike(&mut reasons);
            // Nothing is billed without a valid 受給者証: a month no
            // 支給決定期間 on record overlaps (when any is recorded) is not
            // billable; that alone decides it.
            let outside = !periods.is_empty()
                && !periods.iter().any(|&(from, to)| {
                    from.is_none_or(|f| f <= m.last_day()) && to.is_none_or(|t| t >= m.first_day())
                });
            if outside {
                let last = periods.iter().filter_map(|p| p.1).max();
                reasons = vec![match last {
                    Some(x) if m.first_day() > x => {
                        format!("受給者証の期限切れ（{}）", crate::wareki::format(x))
                    }
                    _ => "受給者証の支給決定期間外".to_string(),
                }];
            }
            // A month a 職場適応援助者助成金 was applied for is not billed
            // as 就労定着支援, whatever was done (000 §4(1)①).
            let subsidy = client.job_coach_subsidy_months.contains(&m);
            if subsidy {
                reasons = vec!["職場適応援助者助成金の月（000 §4(1)①）".to_string()];
            }
            let readiness = match (face, report) {
                _ if outside || subsidy => Readiness::NotBillable,
                (Status::Done, Status::Done) => Readiness::Billable,
                (a, b)
                    if [a, b]
                        .iter()
                        .any(|s| matches!(s, Status::Overdue | Status::Waived)) =>
                {
                    Readiness::NotBillable
                }
                _ => Readiness::Pending,
            };
            out.push(BillingMonth {
                external_id: client.external_id.as_str().into(),
                name: client.name.as_str().into(),
                month: m,
                face_to_face: face,
                report,
                readiness,
                reasons,
            });
        }
    }
    out.sort_by_key(|b| b.month);
    out
}

pub(crate) fn finish(months_of_year: &[YearMonth], mut rows: Vec<BillingMonth>) -> Billing {
    rows.sort_by(|a, b| (a.month, &a.external_id).cmp(&(b.month, &b.external_id)));
    let mut summary: Vec<MonthSummary> = months_of_year
        .iter()
        .map(|&month| MonthSummary {
            month,
            clients: 0,
            billable: 0,
            not_billable: 0,
            pending: 0,
        })
        .collect();
    for r in &rows {
        if let Some(s) = summary.iter_mut().find(|s| s.month == r.month) {
            s.clients += 1;
            match r.readiness {
                Readiness::Billable => s.billable += 1,
                Readiness::NotBillable => s.not_billable += 1,
                Readiness::Pending => s.pending += 1,
            }
        }
    }
    Billing {
        clause: "000 §1(4)②, §2(2)",
        summary,
        months: rows,
    }
}
