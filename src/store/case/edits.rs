//! Adding and deleting the records of one case (corrections are in
//! `updates.rs`). Every change is one IMMEDIATE transaction that checks the
//! record against the rule set (`crate::validate`) and writes its audit row
//! with what changed; every delete names the version the editor loaded and
//! says why.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use crate::model::{
    CaseConference, ClientId, Consent, Contact, Employment, Handover, Intent, Plan, RecordId,
    Report,
};

use super::records::Inserter;
use crate::store::audit::{Audit, AuditAction};
use crate::store::codec::date_text;
use crate::store::history;
use crate::store::rows::{self, Table, Target, need_id};
use crate::store::{Store, StoreError};

pub(in crate::store) fn contact_summary(c: &Contact) -> String {
    format!(
        "支援記録 {} {}・{}",
        c.date,
        c.counterpart.label(),
        c.method.label()
    )
}

impl Store {
    /// Inserts one record of client `client_id` (NotFound if the client is
    /// gone), audited with its values.
    pub(in crate::store) fn add_record(
        &self,
        client_id: ClientId,
        table: Table,
        summary: &str,
        insert: impl FnOnce(&mut Inserter<'_>) -> Result<RecordId, StoreError>,
    ) -> Result<RecordId, StoreError> {
        self.write(|tx, stamp| {
            rows::client_external_id(tx, client_id)?;
            let id = insert(&mut Inserter::new(tx, stamp)?)?;
            let new = history::snapshot(tx, table, id.get())?.unwrap_or_default();
            Audit::of(AuditAction::Create, table, summary)
                .row(id.get())
                .client(client_id)
                .detail(&history::created(new))
                .append(tx, stamp)?;
            Ok(id)
        })
    }

    /// Deletes row `id` of `table` if still at `version`, keeping its
    /// values and `reason` in the audit trail.
    pub(crate) fn delete_record(
        &self,
        table: Table,
        id: RecordId,
        version: i64,
        reason: &str,
    ) -> Result<(), StoreError> {
        let reason = rows::need_reason(reason, "削除する")?;
        self.write(|tx, stamp| {
            rows::delete(
                tx,
                stamp,
                Target::record(table, id, version),
                &format!("{} #{id}", table.label()),
                reason,
            )
        })
    }

    pub(crate) fn add_employment(
        &self,
        client_id: ClientId,
        e: &Employment,
    ) -> Result<RecordId, StoreError> {
        let anchor = e.anchor().map(|d| d.to_string()).unwrap_or_default();
        let summary = format!("就職 {} {anchor}", e.support_type.label());
        self.add_record(client_id, Table::Employments, &summary, |i| {
            i.employment(client_id, e)
        })
    }

    pub(crate) fn add_contact(
        &self,
        client_id: ClientId,
        c: &Contact,
    ) -> Result<RecordId, StoreError> {
        self.add_record(client_id, Table::Contacts, &contact_summary(c), |i| {
            i.contact(client_id, c)
        })
    }

    /// Adds a contact and, in the same transaction, records the 利用意向 it
    /// confirmed on employment `e` (read at its version): both or neither.
    pub(crate) fn add_contact_with_intent(
        &self,
        client_id: ClientId,
        c: &Contact,
        e: &Employment,
        intent: Intent,
    ) -> Result<RecordId, StoreError> {
        let employment = need_id(Table::Employments, e.id)?;
        self.write(|tx, stamp| {
            rows::client_external_id(tx, client_id)?;
            let id = Inserter::new(tx, stamp)?.contact(client_id, c)?;
            let new = history::snapshot(tx, Table::Contacts, id.get())?.unwrap_or_default();
            Audit::of(AuditAction::Create, Table::Contacts, &contact_summary(c))
                .row(id.get())
                .client(client_id)
                .detail(&history::created(new))
                .append(tx, stamp)?;
            rows::update(
                tx,
                stamp,
                Target::record(Table::Employments, employment, e.version),
                "intent = ?",
                &[&intent.as_str()],
                &format!("就職 利用意向 {}", intent.label()),
            )?;
            Ok(id)
        })
    }

    /// Adds a 支援レポート; a second one for the same month is refused.
    pub(crate) fn add_report(
        &self,
        client_id: ClientId,
        r: &Report,
    ) -> Result<RecordId, StoreError> {
        let summary = format!("支援レポート {}", r.month);
        self.add_record(client_id, Table::Reports, &summary, |i| {
            i.report(client_id, r)
        })
        .map_err(|e| match e {
            StoreError::Duplicate(_) => {
                StoreError::Duplicate(format!("{} の支援レポート", r.month))
            }
            e => e,
        })
    }

    /// Adds a plan with the reviews it already lists.
    pub(crate) fn add_plan(&self, client_id: ClientId, p: &Plan) -> Result<RecordId, StoreError> {
        let summary = format!("計画 {}（見直し {} 件）", p.created, p.reviews.len());
        self.add_record(client_id, Table::Plans, &summary, |i| i.plan(client_id, p))
    }

    /// Records a review (評価日) of plan `plan_id`.
    pub(crate) fn add_plan_review(
        &self,
        plan_id: RecordId,
        date: NaiveDate,
    ) -> Result<RecordId, StoreError> {
        self.write(|tx, stamp| {
            let (client_id, created): (ClientId, String) = tx
                .query_row(
                    "SELECT client_id, created FROM plans WHERE id = ?1",
                    [plan_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    what: Table::Plans.label().to_string(),
                })?;
            let created = crate::store::codec::parse_date(&created).unwrap_or(date);
            let id = Inserter::new(tx, stamp)?.review(plan_id, created, date)?;
            let new = history::snapshot(tx, Table::PlanReviews, id.get())?.unwrap_or_default();
            Audit::of(
                AuditAction::Create,
                Table::PlanReviews,
                &format!("計画の見直し {date}"),
            )
            .row(id.get())
            .client(client_id)
            .detail(&history::created(new))
            .append(tx, stamp)?;
            Ok(id)
        })
    }

    /// Removes the review of plan `plan_id` dated `date`.
    pub(crate) fn delete_plan_review(
        &self,
        plan_id: RecordId,
        date: NaiveDate,
        reason: &str,
    ) -> Result<(), StoreError> {
        let hit: Option<(RecordId, i64)> = self.read(|tx| {
            Ok(tx
                .query_row(
                    "SELECT id, version FROM plan_reviews WHERE plan_id = ?1 AND date = ?2 \
                     ORDER BY id LIMIT 1",
                    params![plan_id, date_text(date)],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?)
        })?;
        let (id, version) = hit.ok_or_else(|| StoreError::NotFound {
            what: format!("{date} の計画の見直し"),
        })?;
        self.delete_record(Table::PlanReviews, id, version, reason)
    }

    pub(crate) fn add_consent(
        &self,
        client_id: ClientId,
        c: &Consent,
    ) -> Result<RecordId, StoreError> {
        let summary = format!("同意 {} {}", c.scope, c.date);
        self.add_record(client_id, Table::Consents, &summary, |i| {
            i.consent(client_id, c)
        })
    }

    pub(crate) fn add_handover(
        &self,
        client_id: ClientId,
        h: &Handover,
    ) -> Result<RecordId, StoreError> {
        let summary = format!("引継ぎ {}", h.date);
        self.add_record(client_id, Table::Handovers, &summary, |i| {
            i.handover(client_id, h)
        })
    }

    pub(crate) fn add_conference(
        &self,
        client_id: ClientId,
        c: &CaseConference,
    ) -> Result<RecordId, StoreError> {
        let summary = format!("ケース会議 {}", c.date);
        self.add_record(client_id, Table::Conferences, &summary, |i| {
            i.conference(client_id, c)
        })
    }
}
