//! Adding, changing and deleting the records of one case. Every change is
//! one IMMEDIATE transaction with its audit row; every update and delete of
//! a versioned record names the version the editor loaded.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use crate::model::{CaseConference, Consent, Contact, Employment, Handover, Plan, Report};

use super::audit::{AuditAction, write_audit};
use super::codec::{date_opt_text, date_text, fields_json, list_json, time_opt_text};
use super::records::{Inserter, validate_consent, validate_contact};
use super::rows::{self, Table, Target, need_id};
use super::{Store, StoreError};

fn contact_summary(c: &Contact) -> String {
    format!(
        "支援記録 {} {}・{}",
        c.date,
        c.counterpart.label(),
        c.method.label()
    )
}

impl Store {
    /// Inserts one record of client `client_id` (NotFound if the client is gone).
    fn add_record(
        &self,
        client_id: i64,
        table: Table,
        summary: &str,
        insert: impl FnOnce(&mut Inserter<'_>) -> Result<i64, StoreError>,
    ) -> Result<i64, StoreError> {
        self.write(|tx, stamp| {
            rows::client_external_id(tx, client_id)?;
            let id = insert(&mut Inserter::new(tx, stamp)?)?;
            write_audit(
                tx,
                stamp,
                AuditAction::Create,
                table,
                Some(id),
                Some(client_id),
                summary,
            )?;
            Ok(id)
        })
    }

    fn delete_record(&self, table: Table, id: i64, version: i64) -> Result<(), StoreError> {
        self.write(|tx, stamp| {
            rows::delete(tx, stamp, Target { table, id, version }, table.label())
        })
    }

    /// Deletes a record kind that is never edited (so has no version in the model).
    fn delete_unversioned(&self, table: Table, id: i64) -> Result<(), StoreError> {
        self.write(|tx, stamp| {
            let sql = format!("SELECT version FROM {} WHERE id = ?1", table.sql());
            let version: i64 = tx
                .query_row(&sql, [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    what: table.label().to_string(),
                })?;
            rows::delete(tx, stamp, Target { table, id, version }, table.label())
        })
    }

    pub fn add_employment(&self, client_id: i64, e: &Employment) -> Result<i64, StoreError> {
        let anchor = e.anchor().map(|d| d.to_string()).unwrap_or_default();
        let summary = format!("就職 {} {anchor}", e.support_type.label());
        self.add_record(client_id, Table::Employments, &summary, |i| {
            i.employment(client_id, e)
        })
    }

    /// Updates from `e.id` if still at `e.version`; returns the new version.
    pub fn update_employment(&self, e: &Employment) -> Result<i64, StoreError> {
        let id = need_id(Table::Employments, e.id)?;
        self.write(|tx, stamp| {
            rows::update(
                tx,
                stamp,
                Target {
                    table: Table::Employments,
                    id,
                    version: e.version,
                },
                "employer_name = ?, employer_industry = ?, employer_address = ?, \
                 employer_phone = ?, employer_contact_person = ?, support_type = ?, \
                 decision_date = ?, start_date = ?, prior_service_end_date = ?, intent = ?, \
                 retention_start_date = ?, separation_date = ?, separation_reason = ?, fields = ?",
                &[
                    &e.employer.name,
                    &e.employer.industry,
                    &e.employer.address,
                    &e.employer.phone,
                    &e.employer.contact_person,
                    &e.support_type.as_str(),
                    &date_opt_text(e.decision_date),
                    &date_opt_text(e.start_date),
                    &date_opt_text(e.prior_service_end_date),
                    &e.intent.as_str(),
                    &date_opt_text(e.retention_start_date),
                    &date_opt_text(e.separation_date),
                    &e.separation_reason,
                    &fields_json(&e.fields),
                ],
                &format!("就職 {}", e.support_type.label()),
            )
        })
    }

    pub fn delete_employment(&self, id: i64, version: i64) -> Result<(), StoreError> {
        self.delete_record(Table::Employments, id, version)
    }

    pub fn add_contact(&self, client_id: i64, c: &Contact) -> Result<i64, StoreError> {
        validate_contact(c)?;
        self.add_record(client_id, Table::Contacts, &contact_summary(c), |i| {
            i.contact(client_id, c)
        })
    }

    /// Updates from `c.id` if still at `c.version`; returns the new version.
    pub fn update_contact(&self, c: &Contact) -> Result<i64, StoreError> {
        let id = need_id(Table::Contacts, c.id)?;
        validate_contact(c)?;
        self.write(|tx, stamp| {
            rows::update(
                tx,
                stamp,
                Target {
                    table: Table::Contacts,
                    id,
                    version: c.version,
                },
                "date = ?, time = ?, staff = ?, counterpart = ?, counterpart_detail = ?, \
                 method = ?, method_detail = ?, place = ?, place_detail = ?, summary = ?, \
                 obligations = ?",
                &[
                    &date_text(c.date),
                    &time_opt_text(c.time),
                    &c.staff,
                    &c.counterpart.as_str(),
                    &c.counterpart_detail,
                    &c.method.as_str(),
                    &c.method_detail,
                    &c.place.as_str(),
                    &c.place_detail,
                    &c.summary,
                    &list_json(&c.obligations),
                ],
                &contact_summary(c),
            )
        })
    }

    pub fn delete_contact(&self, id: i64, version: i64) -> Result<(), StoreError> {
        self.delete_record(Table::Contacts, id, version)
    }

    pub fn add_report(&self, client_id: i64, r: &Report) -> Result<i64, StoreError> {
        let summary = format!("支援レポート {}", r.month);
        self.add_record(client_id, Table::Reports, &summary, |i| {
            i.report(client_id, r)
        })
    }

    /// Updates from `r.id` if still at `r.version`; returns the new version.
    pub fn update_report(&self, r: &Report) -> Result<i64, StoreError> {
        let id = need_id(Table::Reports, r.id)?;
        self.write(|tx, stamp| {
            rows::update(
                tx,
                stamp,
                Target {
                    table: Table::Reports,
                    id,
                    version: r.version,
                },
                "month = ?, created = ?, presented = ?, share_with_employer = ?, fields = ?",
                &[
                    &r.month.to_string(),
                    &date_opt_text(r.created),
                    &date_opt_text(r.presented),
                    &r.share_with_employer,
                    &fields_json(&r.fields),
                ],
                &format!("支援レポート {}", r.month),
            )
        })
    }

    pub fn delete_report(&self, id: i64, version: i64) -> Result<(), StoreError> {
        self.delete_record(Table::Reports, id, version)
    }

    /// Adds a plan with the reviews it already lists.
    pub fn add_plan(&self, client_id: i64, p: &Plan) -> Result<i64, StoreError> {
        let summary = format!("計画 {}（見直し {} 件）", p.created, p.reviews.len());
        self.add_record(client_id, Table::Plans, &summary, |i| i.plan(client_id, p))
    }

    /// Updates the plan's 作成日 and form fields from `p.id` if still at
    /// `p.version`. Reviews are not touched: use add/delete_plan_review.
    pub fn update_plan(&self, p: &Plan) -> Result<i64, StoreError> {
        let id = need_id(Table::Plans, p.id)?;
        self.write(|tx, stamp| {
            rows::update(
                tx,
                stamp,
                Target {
                    table: Table::Plans,
                    id,
                    version: p.version,
                },
                "created = ?, fields = ?",
                &[&date_text(p.created), &fields_json(&p.fields)],
                &format!("計画 {}", p.created),
            )
        })
    }

    pub fn delete_plan(&self, id: i64, version: i64) -> Result<(), StoreError> {
        self.delete_record(Table::Plans, id, version)
    }

    /// Records a review (評価日) of plan `plan_id`.
    pub fn add_plan_review(&self, plan_id: i64, date: NaiveDate) -> Result<i64, StoreError> {
        self.write(|tx, stamp| {
            let client_id: i64 = tx
                .query_row(
                    "SELECT client_id FROM plans WHERE id = ?1",
                    [plan_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    what: Table::Plans.label().to_string(),
                })?;
            let id = Inserter::new(tx, stamp)?.review(plan_id, date)?;
            let summary = format!("計画の見直し {date}");
            write_audit(
                tx,
                stamp,
                AuditAction::Create,
                Table::PlanReviews,
                Some(id),
                Some(client_id),
                &summary,
            )?;
            Ok(id)
        })
    }

    /// Removes the review of plan `plan_id` dated `date`.
    pub fn delete_plan_review(&self, plan_id: i64, date: NaiveDate) -> Result<(), StoreError> {
        self.write(|tx, stamp| {
            let hit: Option<(i64, i64)> = tx
                .query_row(
                    "SELECT id, version FROM plan_reviews WHERE plan_id = ?1 AND date = ?2 \
                     ORDER BY id LIMIT 1",
                    params![plan_id, date_text(date)],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (id, version) = hit.ok_or_else(|| StoreError::NotFound {
                what: format!("{date} の計画の見直し"),
            })?;
            rows::delete(
                tx,
                stamp,
                Target {
                    table: Table::PlanReviews,
                    id,
                    version,
                },
                &format!("計画の見直し {date}"),
            )
        })
    }

    pub fn add_consent(&self, client_id: i64, c: &Consent) -> Result<i64, StoreError> {
        validate_consent(c)?;
        let summary = format!("同意 {} {}", c.scope, c.date);
        self.add_record(client_id, Table::Consents, &summary, |i| {
            i.consent(client_id, c)
        })
    }

    /// Updates (e.g. records a withdrawal) from `c.id` if still at `c.version`.
    pub fn update_consent(&self, c: &Consent) -> Result<i64, StoreError> {
        let id = need_id(Table::Consents, c.id)?;
        validate_consent(c)?;
        self.write(|tx, stamp| {
            rows::update(
                tx,
                stamp,
                Target {
                    table: Table::Consents,
                    id,
                    version: c.version,
                },
                "scope = ?, date = ?, written = ?, withdrawn = ?",
                &[
                    &c.scope,
                    &date_text(c.date),
                    &c.written,
                    &date_opt_text(c.withdrawn),
                ],
                &format!("同意 {} {}", c.scope, c.date),
            )
        })
    }

    pub fn delete_consent(&self, id: i64, version: i64) -> Result<(), StoreError> {
        self.delete_record(Table::Consents, id, version)
    }

    pub fn add_handover(&self, client_id: i64, h: &Handover) -> Result<i64, StoreError> {
        let summary = format!("引継ぎ {}", h.date);
        self.add_record(client_id, Table::Handovers, &summary, |i| {
            i.handover(client_id, h)
        })
    }

    pub fn delete_handover(&self, id: i64) -> Result<(), StoreError> {
        self.delete_unversioned(Table::Handovers, id)
    }

    pub fn add_conference(&self, client_id: i64, c: &CaseConference) -> Result<i64, StoreError> {
        let summary = format!("ケース会議 {}", c.date);
        self.add_record(client_id, Table::Conferences, &summary, |i| {
            i.conference(client_id, c)
        })
    }

    pub fn delete_conference(&self, id: i64) -> Result<(), StoreError> {
        self.delete_unversioned(Table::Conferences, id)
    }
}
