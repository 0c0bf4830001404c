//! INSERTs of a case's records, with statements prepared once per
//! transaction so an import of 300,000 contacts does not re-parse SQL.

use chrono::NaiveDate;
use rusqlite::{Statement, Transaction, params};

use crate::model::{CaseConference, Consent, Contact, Employment, OBLIGATION_IDS, Plan, Report};

use super::codec::{date_opt_text, date_text, fields_json, list_json, time_opt_text};
use super::{Stamp, StoreError};

// In every INSERT below the last two parameters are the stamp (user, at),
// bound to both created_* and updated_*.

const EMPLOYMENT: &str = "INSERT INTO employments (client_id, employer_name, employer_industry, \
     employer_address, employer_phone, employer_contact_person, support_type, decision_date, \
     start_date, prior_service_end_date, intent, retention_start_date, separation_date, \
     separation_reason, fields, created_by, created_at, updated_by, updated_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?16, ?17)";

const CONTACT: &str = "INSERT INTO contacts (client_id, date, time, staff, counterpart, \
     counterpart_detail, method, method_detail, place, place_detail, summary, obligations, \
     created_by, created_at, updated_by, updated_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?13, ?14)";

const REPORT: &str = "INSERT INTO reports (client_id, month, created, presented, \
     share_with_employer, fields, created_by, created_at, updated_by, updated_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8)";

const PLAN: &str = "INSERT INTO plans (client_id, created, fields, \
     created_by, created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)";

const REVIEW: &str = "INSERT INTO plan_reviews (plan_id, date, \
     created_by, created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?3, ?4)";

const CONSENT: &str = "INSERT INTO consents (client_id, scope, date, written, withdrawn, \
     created_by, created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)";

const HANDOVER: &str = "INSERT INTO handovers (client_id, date, agency, shared, consent, \
     created_by, created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)";

const CONFERENCE: &str = "INSERT INTO case_conferences (client_id, date, agencies, online, \
     manager_attended, manager_informed, notes, created_by, created_at, updated_by, updated_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)";

/// Every obligation id linked from a contact must be one of SPEC §4.
pub(crate) fn validate_contact(c: &Contact) -> Result<(), StoreError> {
    match c
        .obligations
        .iter()
        .find(|o| !OBLIGATION_IDS.contains(&o.as_str()))
    {
        Some(bad) => Err(StoreError::Invalid(format!(
            "支援記録 {} に不明な項目 ID「{bad}」があります（使える ID: {}）。",
            c.date,
            OBLIGATION_IDS.join(", ")
        ))),
        None => Ok(()),
    }
}

pub(crate) fn validate_consent(c: &Consent) -> Result<(), StoreError> {
    if c.scope.trim().is_empty() {
        return Err(StoreError::Invalid(
            "同意の範囲（scope）が空です。".to_string(),
        ));
    }
    if c.withdrawn.is_some_and(|w| w < c.date) {
        return Err(StoreError::Invalid(format!(
            "同意の撤回日が同意日 {} より前です。",
            c.date
        )));
    }
    Ok(())
}

/// Prepared INSERTs for one transaction.
pub(crate) struct Inserter<'t> {
    employment: Statement<'t>,
    contact: Statement<'t>,
    report: Statement<'t>,
    plan: Statement<'t>,
    review: Statement<'t>,
    consent: Statement<'t>,
    handover: Statement<'t>,
    conference: Statement<'t>,
    user: &'t str,
    at: &'t str,
}

impl<'t> Inserter<'t> {
    pub fn new(tx: &'t Transaction<'_>, stamp: &'t Stamp) -> Result<Self, StoreError> {
        Ok(Inserter {
            employment: tx.prepare(EMPLOYMENT)?,
            contact: tx.prepare(CONTACT)?,
            report: tx.prepare(REPORT)?,
            plan: tx.prepare(PLAN)?,
            review: tx.prepare(REVIEW)?,
            consent: tx.prepare(CONSENT)?,
            handover: tx.prepare(HANDOVER)?,
            conference: tx.prepare(CONFERENCE)?,
            user: &stamp.user,
            at: &stamp.at,
        })
    }

    pub fn employment(&mut self, client_id: i64, e: &Employment) -> Result<i64, StoreError> {
        Ok(self.employment.insert(params![
            client_id,
            e.employer.name,
            e.employer.industry,
            e.employer.address,
            e.employer.phone,
            e.employer.contact_person,
            e.support_type.as_str(),
            date_opt_text(e.decision_date),
            date_opt_text(e.start_date),
            date_opt_text(e.prior_service_end_date),
            e.intent.as_str(),
            date_opt_text(e.retention_start_date),
            date_opt_text(e.separation_date),
            e.separation_reason,
            fields_json(&e.fields),
            self.user,
            self.at,
        ])?)
    }

    pub fn contact(&mut self, client_id: i64, c: &Contact) -> Result<i64, StoreError> {
        validate_contact(c)?;
        Ok(self.contact.insert(params![
            client_id,
            date_text(c.date),
            time_opt_text(c.time),
            c.staff,
            c.counterpart.as_str(),
            c.counterpart_detail,
            c.method.as_str(),
            c.method_detail,
            c.place.as_str(),
            c.place_detail,
            c.summary,
            list_json(&c.obligations),
            self.user,
            self.at,
        ])?)
    }

    pub fn report(&mut self, client_id: i64, r: &Report) -> Result<i64, StoreError> {
        Ok(self.report.insert(params![
            client_id,
            r.month.to_string(),
            date_opt_text(r.created),
            date_opt_text(r.presented),
            r.share_with_employer,
            fields_json(&r.fields),
            self.user,
            self.at,
        ])?)
    }

    /// The plan and its reviews.
    pub fn plan(&mut self, client_id: i64, p: &Plan) -> Result<i64, StoreError> {
        let id = self.plan.insert(params![
            client_id,
            date_text(p.created),
            fields_json(&p.fields),
            self.user,
            self.at,
        ])?;
        for d in &p.reviews {
            self.review(id, *d)?;
        }
        Ok(id)
    }

    pub fn review(&mut self, plan_id: i64, date: NaiveDate) -> Result<i64, StoreError> {
        Ok(self
            .review
            .insert(params![plan_id, date_text(date), self.user, self.at])?)
    }

    pub fn consent(&mut self, client_id: i64, c: &Consent) -> Result<i64, StoreError> {
        validate_consent(c)?;
        Ok(self.consent.insert(params![
            client_id,
            c.scope,
            date_text(c.date),
            c.written,
            date_opt_text(c.withdrawn),
            self.user,
            self.at,
        ])?)
    }

    pub fn handover(
        &mut self,
        client_id: i64,
        h: &crate::model::Handover,
    ) -> Result<i64, StoreError> {
        Ok(self.handover.insert(params![
            client_id,
            date_text(h.date),
            h.agency,
            h.shared,
            h.consent,
            self.user,
            self.at,
        ])?)
    }

    pub fn conference(&mut self, client_id: i64, c: &CaseConference) -> Result<i64, StoreError> {
        Ok(self.conference.insert(params![
            client_id,
            date_text(c.date),
            list_json(&c.agencies),
            c.online,
            c.manager_attended,
            c.manager_informed,
            c.notes,
            self.user,
            self.at,
        ])?)
    }
}
