//! A person's decisions about a case: 対象外 for one obligation (a
//! resolution, which can be taken back) and 終結 (closing the case, which
//! can be reopened). Both are audited with their reason.

use rusqlite::{OptionalExtension, params};

use chrono::NaiveDate;

use crate::dates::YearMonth;
use crate::model::{ClientId, Closure, ObligationId, RecordId, Resolution};
use crate::validate;

use super::records::checked;
use crate::store::codec::date_text;
use crate::store::rows::{self, Table, Target};
use crate::store::{Store, StoreError};

impl Store {
    /// Marks one obligation (one month of a monthly item) 対象外. A second
    /// decision on the same item is refused: take the first back first.
    pub(crate) fn add_resolution(
        &self,
        client_id: ClientId,
        r: &Resolution,
    ) -> Result<RecordId, StoreError> {
        let period = r.period.map(|p| format!(" {p}")).unwrap_or_default();
        let summary = format!("対象外の判断 {}{period}", r.obligation);
        self.add_record(client_id, Table::Resolutions, &summary, |i| {
            i.resolution(client_id, r)
        })
        .map_err(|e| match e {
            StoreError::Duplicate(_) => {
                StoreError::Duplicate(format!("{}{period} の対象外の判断", r.obligation))
            }
            e => e,
        })
    }

    /// Takes back the decision on `(obligation, period)` of the job with
    /// anchor `job` (or one made before decisions named their job); the
    /// audit keeps it with `reason`.
    pub(crate) fn remove_resolution(
        &self,
        client_id: ClientId,
        obligation: ObligationId,
        period: Option<YearMonth>,
        job: Option<NaiveDate>,
        reason: &str,
    ) -> Result<(), StoreError> {
        let hit: Option<(RecordId, i64)> = self.read(|tx| {
            Ok(tx
                .query_row(
                    "SELECT id, version FROM resolutions WHERE client_id = ?1 \
                     AND obligation = ?2 AND ifnull(period, '') = ?3 \
                     AND (job IS NULL OR job = ?4) ORDER BY job IS NULL LIMIT 1",
                    params![
                        client_id,
                        obligation.as_str(),
                        period.map(|p| p.to_string()).unwrap_or_default(),
                        job.map(date_text)
                    ],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?)
        })?;
        let (id, version) = hit.ok_or_else(|| StoreError::NotFound {
            what: format!(
                "{}{} の対象外の判断",
                obligation,
                period.map(|p| format!(" {p}")).unwrap_or_default()
            ),
        })?;
        self.delete_record(Table::Resolutions, id, version, reason)
    }

    /// Closes the case (終結) of client `client_id` at `version`; returns the
    /// new version.
    pub(crate) fn close_client(
        &self,
        client_id: ClientId,
        version: i64,
        x: &Closure,
    ) -> Result<i64, StoreError> {
        checked(
            || "終結".to_string(),
            validate::closure(x, self.write_day()),
        )?;
        self.write(|tx, stamp| {
            let closed: Option<String> = tx
                .query_row(
                    "SELECT closed_on FROM clients WHERE id = ?1",
                    [client_id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            if let Some(on) = closed {
                return Err(StoreError::Invalid(format!(
                    "この利用者のケースは {on} に終結しています。"
                )));
            }
            let ext = rows::client_external_id(tx, client_id)?;
            rows::update(
                tx,
                stamp,
                Target::client(client_id, version),
                "closed_on = ?, closed_reason = ?, closed_note = ?, closed_by = ?",
                &[
                    &date_text(x.date),
                    &x.reason.as_str(),
                    &x.note,
                    &x.closed_by,
                ],
                &format!("利用者 {ext} 終結（{}）", x.reason.label()),
            )
        })
    }

    /// Reopens a closed case; the audit keeps the closure and `reason`.
    pub(crate) fn reopen_client(
        &self,
        client_id: ClientId,
        version: i64,
        reason: &str,
    ) -> Result<i64, StoreError> {
        let reason = rows::need_reason(reason, "終結を取り消す")?;
        self.write(|tx, stamp| {
            let ext = rows::client_external_id(tx, client_id)?;
            rows::update(
                tx,
                stamp,
                Target::client(client_id, version),
                "closed_on = NULL, closed_reason = NULL, closed_note = '', closed_by = ''",
                &[],
                &format!("利用者 {ext} 終結の取り消し（{reason}）"),
            )
        })
    }

    /// The client a record of `table` belongs to (NotFound if none).
    pub fn owner_of(&self, table: Table, id: RecordId) -> Result<ClientId, StoreError> {
        let sql = match table {
            Table::PlanReviews => {
                "SELECT p.client_id FROM plan_reviews r JOIN plans p ON p.id = r.plan_id \
                 WHERE r.id = ?1"
                    .to_string()
            }
            Table::Clients => "SELECT id FROM clients WHERE id = ?1".to_string(),
            t => format!("SELECT client_id FROM {} WHERE id = ?1", t.sql()),
        };
        self.read(|tx| {
            tx.query_row(&sql, [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    what: format!("{} #{id}", table.label()),
                })
        })
    }
}
