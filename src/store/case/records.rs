//! INSERTs of a case's records, with statements prepared once per
//! transaction so an import of 300,000 contacts does not re-parse SQL.

use chrono::NaiveDate;
use rusqlite::{CachedStatement, Connection, params};

use crate::model::{
    CaseConference, ClientId, Consent, Contact, Employment, Handover, Plan, RecordId, Report,
    Resolution,
};
use crate::validate::{self, Problem};

use crate::store::codec::{date_opt_text, date_text, fields_json, list_json, time_opt_text};
use crate::store::{Stamp, StoreError};

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
     obligations, created_by, created_at, updated_by, updated_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8)";

const RESOLUTION: &str = "INSERT INTO resolutions (client_id, obligation, period, reason, \
     decided_by, decided_on, job, created_by, created_at, updated_by, updated_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)";

const CONFERENCE: &str = "INSERT INTO case_conferences (client_id, date, agencies, online, \
     manager_attended, manager_informed, notes, created_by, created_at, updated_by, updated_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)";

/// Nothing is written that breaks the rule set: the one check of every
/// record, for single writes and imports alike.
pub(crate) fn checked(
    what: impl FnOnce() -> String,
    problems: Vec<Problem>,
) -> Result<(), StoreError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Rules {
            what: what(),
            problems,
        })
    }
}

/// Prepared INSERTs, cached on the connection: an import prepares each
/// once however many clients it writes.
pub(crate) struct Inserter<'t> {
    employment: CachedStatement<'t>,
    contact: CachedStatement<'t>,
    report: CachedStatement<'t>,
    plan: CachedStatement<'t>,
    review: CachedStatement<'t>,
    consent: CachedStatement<'t>,
    handover: CachedStatement<'t>,
    conference: CachedStatement<'t>,
    resolution: CachedStatement<'t>,
    user: &'t str,
    at: &'t str,
    today: NaiveDate,
    /// Import: the whole case was checked already (as a restore).
    prechecked: bool,
}

impl<'t> Inserter<'t> {
    pub(in crate::store) fn new(tx: &'t Connection, stamp: &'t Stamp) -> Result<Self, StoreError> {
        Ok(Inserter {
            employment: tx.prepare_cached(EMPLOYMENT)?,
            contact: tx.prepare_cached(CONTACT)?,
            report: tx.prepare_cached(REPORT)?,
            plan: tx.prepare_cached(PLAN)?,
            review: tx.prepare_cached(REVIEW)?,
            consent: tx.prepare_cached(CONSENT)?,
            handover: tx.prepare_cached(HANDOVER)?,
            conference: tx.prepare_cached(CONFERENCE)?,
            resolution: tx.prepare_cached(RESOLUTION)?,
            user: &stamp.user,
            at: &stamp.at,
            today: stamp.today,
            prechecked: false,
        })
    }

    /// For an import whose cases were checked whole by
    /// `validate::client_case_restoring` in this transaction.
    pub(in crate::store) fn prechecked(mut self) -> Self {
        self.prechecked = true;
        self
    }

    fn check(
        &self,
        what: impl FnOnce() -> String,
        problems: impl FnOnce() -> Vec<Problem>,
    ) -> Result<(), StoreError> {
        if self.prechecked {
            return Ok(());
        }
        checked(what, problems())
    }

    pub(in crate::store) fn employment(
        &mut self,
        client_id: ClientId,
        e: &Employment,
    ) -> Result<RecordId, StoreError> {
        self.check(|| "就職".into(), || validate::employment(e, self.today))?;
        Ok(RecordId::new(self.employment.insert(params![
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
        ])?))
    }

    pub(in crate::store) fn contact(
        &mut self,
        client_id: ClientId,
        c: &Contact,
    ) -> Result<RecordId, StoreError> {
        self.check(
            || format!("支援記録 {}", c.date),
            || validate::contact(c, self.today),
        )?;
        Ok(RecordId::new(self.contact.insert(params![
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
        ])?))
    }

    pub(in crate::store) fn report(
        &mut self,
        client_id: ClientId,
        r: &Report,
    ) -> Result<RecordId, StoreError> {
        self.check(
            || format!("支援レポート {}", r.month),
            || validate::report(r, self.today),
        )?;
        Ok(RecordId::new(self.report.insert(params![
            client_id,
            r.month.to_string(),
            date_opt_text(r.created),
            date_opt_text(r.presented),
            r.share_with_employer,
            fields_json(&r.fields),
            self.user,
            self.at,
        ])?))
    }

    /// The plan and its reviews.
    pub(in crate::store) fn plan(
        &mut self,
        client_id: ClientId,
        p: &Plan,
    ) -> Result<RecordId, StoreError> {
        self.check(
            || format!("計画 {}", p.created),
            || validate::plan(p, self.today),
        )?;
        let id = RecordId::new(self.plan.insert(params![
            client_id,
            date_text(p.created),
            fields_json(&p.fields),
            self.user,
            self.at,
        ])?);
        // The plan's own check covered its reviews.
        for d in &p.reviews {
            self.review
                .insert(params![id, date_text(*d), self.user, self.at])?;
        }
        Ok(id)
    }

    /// A review of a plan made on `created` (the rules compare the two).
    pub(in crate::store) fn review(
        &mut self,
        plan_id: RecordId,
        created: NaiveDate,
        date: NaiveDate,
    ) -> Result<RecordId, StoreError> {
        self.check(
            || format!("計画の見直し {date}"),
            || validate::review(date, created, self.today),
        )?;
        Ok(RecordId::new(self.review.insert(params![
            plan_id,
            date_text(date),
            self.user,
            self.at
        ])?))
    }

    pub(in crate::store) fn consent(
        &mut self,
        client_id: ClientId,
        c: &Consent,
    ) -> Result<RecordId, StoreError> {
        self.check(
            || format!("同意 {}", c.date),
            || validate::consent(c, self.today),
        )?;
        Ok(RecordId::new(self.consent.insert(params![
            client_id,
            c.scope,
            date_text(c.date),
            c.written,
            date_opt_text(c.withdrawn),
            self.user,
            self.at,
        ])?))
    }

    pub(in crate::store) fn handover(
        &mut self,
        client_id: ClientId,
        h: &Handover,
    ) -> Result<RecordId, StoreError> {
        self.check(
            || format!("引継ぎ {}", h.date),
            || validate::handover(h, self.today),
        )?;
        Ok(RecordId::new(self.handover.insert(params![
            client_id,
            date_text(h.date),
            h.agency,
            h.shared,
            h.consent,
            list_json(&h.obligations),
            self.user,
            self.at,
        ])?))
    }

    pub(in crate::store) fn conference(
        &mut self,
        client_id: ClientId,
        c: &CaseConference,
    ) -> Result<RecordId, StoreError> {
        self.check(
            || format!("ケース会議 {}", c.date),
            || validate::conference(c, self.today),
        )?;
        Ok(RecordId::new(self.conference.insert(params![
            client_id,
            date_text(c.date),
            list_json(&c.agencies),
            c.online,
            c.manager_attended,
            c.manager_informed,
            c.notes,
            self.user,
            self.at,
        ])?))
    }

    pub(in crate::store) fn resolution(
        &mut self,
        client_id: ClientId,
        r: &Resolution,
    ) -> Result<RecordId, StoreError> {
        self.check(
            || format!("対象外の判断 {}", r.obligation),
            || validate::resolution(r, self.today),
        )?;
        Ok(RecordId::new(self.resolution.insert(params![
            client_id,
            r.obligation.as_str(),
            r.period.map(|p| p.to_string()),
            r.reason,
            r.decided_by,
            date_text(r.decided_on),
            r.job.map(date_text),
            self.user,
            self.at,
        ])?))
    }
}
