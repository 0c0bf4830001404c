//! Adding, changing and deleting the records of one case. Every change is
//! one IMMEDIATE transaction that checks the record against the rule set
//! (`crate::validate`) and writes its audit row with what changed; every
//! update and delete names the version the editor loaded, and a deletion
//! says why.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, ToSql, params};

use crate::model::{CaseConference, Consent, Contact, Employment, Handover, Intent, Plan, Report};
use crate::validate;

use super::audit::{Audit, AuditAction};
use super::codec::{date_opt_text, date_text, fields_json, list_json, time_opt_text};
use super::history;
use super::records::{Inserter, checked};
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

/// One UPDATE of a versioned record: the SET list and its values.
struct Change<'a> {
    table: Table,
    id: Option<i64>,
    version: i64,
    set: &'a str,
    values: &'a [&'a dyn ToSql],
    summary: String,
    problems: Vec<validate::Problem>,
}

impl Store {
    /// Inserts one record of client `client_id` (NotFound if the client is
    /// gone), audited with its values.
    pub(super) fn add_record(
        &self,
        client_id: i64,
        table: Table,
        summary: &str,
        insert: impl FnOnce(&mut Inserter<'_>) -> Result<i64, StoreError>,
    ) -> Result<i64, StoreError> {
        self.write(|tx, stamp| {
            rows::client_external_id(tx, client_id)?;
            let id = insert(&mut Inserter::new(tx, stamp)?)?;
            let new = history::snapshot(tx, table, id)?.unwrap_or_default();
            Audit::of(AuditAction::Create, table, summary)
                .row(id)
                .client(client_id)
                .detail(&history::created(new))
                .append(tx, stamp)?;
            Ok(id)
        })
    }

    /// Checks and applies one change; returns the new version.
    fn change(&self, c: Change<'_>) -> Result<i64, StoreError> {
        let id = need_id(c.table, c.id)?;
        checked(|| c.summary.clone(), c.problems)?;
        self.write(|tx, stamp| {
            rows::update(
                tx,
                stamp,
                Target {
                    table: c.table,
                    id,
                    version: c.version,
                },
                c.set,
                c.values,
                &c.summary,
            )
        })
    }

    /// Deletes row `id` of `table` if still at `version`, keeping its
    /// values and `reason` in the audit trail.
    pub fn delete_record(
        &self,
        table: Table,
        id: i64,
        version: i64,
        reason: &str,
    ) -> Result<(), StoreError> {
        let reason = rows::need_reason(reason, "削除する")?;
        self.write(|tx, stamp| {
            rows::delete(
                tx,
                stamp,
                Target { table, id, version },
                &format!("{} #{id}", table.label()),
                reason,
            )
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
        self.change(Change {
            table: Table::Employments,
            id: e.id,
            version: e.version,
            set: "employer_name = ?, employer_industry = ?, employer_address = ?, \
                 employer_phone = ?, employer_contact_person = ?, support_type = ?, \
                 decision_date = ?, start_date = ?, prior_service_end_date = ?, intent = ?, \
                 retention_start_date = ?, separation_date = ?, separation_reason = ?, fields = ?",
            values: &[
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
            summary: format!("就職 {}", e.support_type.label()),
            problems: validate::employment(e, self.today()),
        })
    }

    pub fn add_contact(&self, client_id: i64, c: &Contact) -> Result<i64, StoreError> {
        self.add_record(client_id, Table::Contacts, &contact_summary(c), |i| {
            i.contact(client_id, c)
        })
    }

    /// Adds a contact and, in the same transaction, records the 利用意向 it
    /// confirmed on employment `e` (read at its version): both or neither.
    pub fn add_contact_with_intent(
        &self,
        client_id: i64,
        c: &Contact,
        e: &Employment,
        intent: Intent,
    ) -> Result<i64, StoreError> {
        let employment = need_id(Table::Employments, e.id)?;
        self.write(|tx, stamp| {
            rows::client_external_id(tx, client_id)?;
            let id = Inserter::new(tx, stamp)?.contact(client_id, c)?;
            let new = history::snapshot(tx, Table::Contacts, id)?.unwrap_or_default();
            Audit::of(AuditAction::Create, Table::Contacts, &contact_summary(c))
                .row(id)
                .client(client_id)
                .detail(&history::created(new))
                .append(tx, stamp)?;
            rows::update(
                tx,
                stamp,
                Target {
                    table: Table::Employments,
                    id: employment,
                    version: e.version,
                },
                "intent = ?",
                &[&intent.as_str()],
                &format!("就職 利用意向 {}", intent.label()),
            )?;
            Ok(id)
        })
    }

    /// Updates from `c.id` if still at `c.version`; returns the new version.
    pub fn update_contact(&self, c: &Contact) -> Result<i64, StoreError> {
        self.change(Change {
            table: Table::Contacts,
            id: c.id,
            version: c.version,
            set: "date = ?, time = ?, staff = ?, counterpart = ?, counterpart_detail = ?, \
                 method = ?, method_detail = ?, place = ?, place_detail = ?, summary = ?, \
                 obligations = ?",
            values: &[
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
            summary: contact_summary(c),
            problems: validate::contact(c, self.today()),
        })
    }

    /// Adds a 支援レポート; a second one for the same month is refused.
    pub fn add_report(&self, client_id: i64, r: &Report) -> Result<i64, StoreError> {
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

    /// Updates from `r.id` if still at `r.version`; returns the new version.
    pub fn update_report(&self, r: &Report) -> Result<i64, StoreError> {
        self.change(Change {
            table: Table::Reports,
            id: r.id,
            version: r.version,
            set: "month = ?, created = ?, presented = ?, share_with_employer = ?, fields = ?",
            values: &[
                &r.month.to_string(),
                &date_opt_text(r.created),
                &date_opt_text(r.presented),
                &r.share_with_employer,
                &fields_json(&r.fields),
            ],
            summary: format!("支援レポート {}", r.month),
            problems: validate::report(r, self.today()),
        })
    }

    /// Adds a plan with the reviews it already lists.
    pub fn add_plan(&self, client_id: i64, p: &Plan) -> Result<i64, StoreError> {
        let summary = format!("計画 {}（見直し {} 件）", p.created, p.reviews.len());
        self.add_record(client_id, Table::Plans, &summary, |i| i.plan(client_id, p))
    }

    /// Updates the plan's 作成日 and form fields from `p.id` if still at
    /// `p.version`. Reviews are not touched: use add/delete_plan_review.
    pub fn update_plan(&self, p: &Plan) -> Result<i64, StoreError> {
        self.change(Change {
            table: Table::Plans,
            id: p.id,
            version: p.version,
            set: "created = ?, fields = ?",
            values: &[&date_text(p.created), &fields_json(&p.fields)],
            summary: format!("計画 {}", p.created),
            problems: validate::plan(p, self.today()),
        })
    }

    /// Records a review (評価日) of plan `plan_id`.
    pub fn add_plan_review(&self, plan_id: i64, date: NaiveDate) -> Result<i64, StoreError> {
        self.write(|tx, stamp| {
            let (client_id, created): (i64, String) = tx
                .query_row(
                    "SELECT client_id, created FROM plans WHERE id = ?1",
                    [plan_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    what: Table::Plans.label().to_string(),
                })?;
            let created = super::codec::parse_date(&created).unwrap_or(date);
            let id = Inserter::new(tx, stamp)?.review(plan_id, created, date)?;
            let new = history::snapshot(tx, Table::PlanReviews, id)?.unwrap_or_default();
            Audit::of(
                AuditAction::Create,
                Table::PlanReviews,
                &format!("計画の見直し {date}"),
            )
            .row(id)
            .client(client_id)
            .detail(&history::created(new))
            .append(tx, stamp)?;
            Ok(id)
        })
    }

    /// Removes the review of plan `plan_id` dated `date`.
    pub fn delete_plan_review(
        &self,
        plan_id: i64,
        date: NaiveDate,
        reason: &str,
    ) -> Result<(), StoreError> {
        let hit: Option<(i64, i64)> = self.read(|tx| {
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

    pub fn add_consent(&self, client_id: i64, c: &Consent) -> Result<i64, StoreError> {
        let summary = format!("同意 {} {}", c.scope, c.date);
        self.add_record(client_id, Table::Consents, &summary, |i| {
            i.consent(client_id, c)
        })
    }

    /// Updates (e.g. records a withdrawal) from `c.id` if still at `c.version`.
    pub fn update_consent(&self, c: &Consent) -> Result<i64, StoreError> {
        self.change(Change {
            table: Table::Consents,
            id: c.id,
            version: c.version,
            set: "scope = ?, date = ?, written = ?, withdrawn = ?",
            values: &[
                &c.scope,
                &date_text(c.date),
                &c.written,
                &date_opt_text(c.withdrawn),
            ],
            summary: format!("同意 {} {}", c.scope, c.date),
            problems: validate::consent(c, self.today()),
        })
    }

    pub fn add_handover(&self, client_id: i64, h: &Handover) -> Result<i64, StoreError> {
        let summary = format!("引継ぎ {}", h.date);
        self.add_record(client_id, Table::Handovers, &summary, |i| {
            i.handover(client_id, h)
        })
    }

    pub fn update_handover(&self, h: &Handover) -> Result<i64, StoreError> {
        self.change(Change {
            table: Table::Handovers,
            id: h.id,
            version: h.version,
            set: "date = ?, agency = ?, shared = ?, consent = ?, obligations = ?",
            values: &[
                &date_text(h.date),
                &h.agency,
                &h.shared,
                &h.consent,
                &list_json(&h.obligations),
            ],
            summary: format!("引継ぎ {}", h.date),
            problems: validate::handover(h, self.today()),
        })
    }

    pub fn add_conference(&self, client_id: i64, c: &CaseConference) -> Result<i64, StoreError> {
        let summary = format!("ケース会議 {}", c.date);
        self.add_record(client_id, Table::Conferences, &summary, |i| {
            i.conference(client_id, c)
        })
    }

    pub fn update_conference(&self, c: &CaseConference) -> Result<i64, StoreError> {
        self.change(Change {
            table: Table::Conferences,
            id: c.id,
            version: c.version,
            set: "date = ?, agencies = ?, online = ?, manager_attended = ?, \
                  manager_informed = ?, notes = ?",
            values: &[
                &date_text(c.date),
                &list_json(&c.agencies),
                &c.online,
                &c.manager_attended,
                &c.manager_informed,
                &c.notes,
            ],
            summary: format!("ケース会議 {}", c.date),
            problems: validate::conference(c, self.today()),
        })
    }
}
