//! A month's 支援レポート at once, one file per client (an office prints
//! them per client and hands each client their own), each through the
//! single-report use case: the same document, the same file rules, the
//! same audit row per client.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::documents::{Destination, Format, export_report, invalid, report_name};
use crate::access::Permission;
use crate::dates::YearMonth;
use crate::model::{Client, ObligationId, Settings, Status};
use crate::obligations;
use crate::store::{Store, StoreError};

/// What was written, and who has no report though their timeline asks
/// for one that month (「D00001 山田 太郎」).
#[derive(Debug)]
pub(crate) struct Written {
    pub paths: Vec<PathBuf>,
    pub without: Vec<String>,
}

/// Every report of `month` of the clients this person may see — of the
/// worker `staff` only, if given — into `dir`. Another worker's clients
/// or the whole office need the office-export permission; a 支援員's own
/// are theirs to print. Every file is checked before the first is
/// written, so an existing one stops the batch before it starts.
pub(crate) fn export_month_reports(
    store: &Store,
    month: YearMonth,
    staff: Option<&str>,
    format: Format,
    dir: &Path,
    force: bool,
) -> Result<Written, StoreError> {
    if staff != Some(store.user()) {
        store.require(Permission::ExportOffice)?;
    }
    let settings = store.settings()?;
    // Caseload-limited like every list.
    let clients: Vec<Client> = store
        .load_all()?
        .into_iter()
        .filter(|c| staff.is_none_or(|s| c.assigned_staff.as_deref() == Some(s)))
        .collect();
    let (with, without): (Vec<&Client>, Vec<&Client>) = clients
        .iter()
        .filter(|c| expected(c, month, &settings, store.today()))
        .partition(|c| c.reports.iter().any(|r| r.month == month));
    for c in &with {
        let name = crate::files::name_in_folder(&report_name(c, month, false));
        let path = dir.join(format!("{name}.{}", format.ext()));
        crate::files::check_new(&path, force).map_err(invalid)?;
    }
    let to = Destination::Dir { dir, force };
    let mut paths = Vec::with_capacity(with.len());
    for c in with {
        paths.push(export_report(store, c, month, false, format, &to)?);
    }
    Ok(Written {
        paths,
        without: without
            .iter()
            .map(|c| format!("{} {}", c.external_id, c.name))
            .collect(),
    })
}

/// Whether the client owes a report for `month`: the timeline has the
/// month's report and nothing made it 対象外 (離職, 終結, a decision). A
/// report made anyway is exported whatever this says.
fn expected(c: &Client, month: YearMonth, settings: &Settings, today: NaiveDate) -> bool {
    c.reports.iter().any(|r| r.month == month)
        || obligations::compute(c, settings, today).iter().any(|o| {
            o.id == ObligationId::RET_MONTHLY_REPORT
                && o.period == Some(month)
                && o.status != Status::Waived
        })
}
