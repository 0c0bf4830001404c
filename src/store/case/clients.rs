//! The client row (利用者): insert, update, delete, look-up.

use rusqlite::{Connection, OptionalExtension, Statement, params};

use crate::model::{Client, ClientId, ConflictRecord};

use super::load::{self, Detail, Part, Scope};
use super::records::checked;
use crate::store::codec::{date_opt_text, date_text, fields_json};
use crate::store::rows::{self, Table, Target, need_id};
use crate::store::{Stamp, Store, StoreError};
use crate::validate;

pub(crate) const INSERT_CLIENT: &str = concat!(
    "INSERT INTO clients (external_id, name, kana, birth_date, sex, certificate_no, \
     certificate_expires, disclosure, needs_continuing_support, assigned_staff, fields, \
     closed_on, closed_reason, closed_note, closed_by, municipality, job_coach_months, \
     certificate_from, certificate_history, ",
    "created_by, created_at, updated_by, updated_at",
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
     ?16, ?19, ?20, ?21, ?17, ?18, ?17, ?18)"
);

/// Months as stored: a JSON array of `YYYY-MM`, in order.
pub(crate) fn months_json(months: &[crate::dates::YearMonth]) -> String {
    let mut m: Vec<String> = months.iter().map(ToString::to_string).collect();
    m.sort();
    m.dedup();
    serde_json::to_string(&m).unwrap_or_else(|_| "[]".to_string())
}

/// The renewed 受給者証 as stored: a JSON array, oldest first.
pub(crate) fn history_json(history: &[crate::model::Certificate]) -> String {
    serde_json::to_string(history).unwrap_or_else(|_| "[]".to_string())
}

fn duplicate(external_id: &str) -> StoreError {
    StoreError::Duplicate(format!("利用者番号 {external_id}"))
}

/// Inserts the client row with a prepared `INSERT_CLIENT`; Duplicate if the
/// external_id is taken.
pub(crate) fn insert_client_row(
    tx: &Connection,
    stmt: &mut Statement<'_>,
    stamp: &Stamp,
    c: &Client,
    prechecked: bool,
) -> Result<ClientId, StoreError> {
    if !prechecked {
        checked(
            || format!("利用者 {}", c.external_id),
            validate::client(c, stamp.today),
        )?;
    }
    if external_id_taken(tx, &c.external_id, None)? {
        return Err(duplicate(&c.external_id));
    }
    let id = stmt.insert(params![
        c.external_id,
        c.name,
        c.kana,
        date_opt_text(c.birth_date),
        c.sex,
        c.certificate_no,
        date_opt_text(c.certificate_expires),
        c.disclosure.as_str(),
        c.needs_continuing_support,
        c.assigned_staff,
        fields_json(&c.fields),
        c.closure.as_ref().map(|x| date_text(x.date)),
        c.closure.as_ref().map(|x| x.reason.as_str()),
        c.closure.as_ref().map_or("", |x| x.note.as_str()),
        c.closure.as_ref().map_or("", |x| x.closed_by.as_str()),
        c.municipality,
        stamp.user,
        stamp.at,
        months_json(&c.job_coach_subsidy_months),
        date_opt_text(c.certificate_from),
        history_json(&c.certificate_history),
    ])?;
    Ok(ClientId::new(id))
}

fn external_id_taken(
    tx: &Connection,
    external_id: &str,
    except: Option<ClientId>,
) -> Result<bool, StoreError> {
    let other: Option<ClientId> = tx
        .query_row(
            "SELECT id FROM clients WHERE external_id = ?1",
            [external_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(other.is_some_and(|o| Some(o) != except))
}

impl Store {
    /// The client's row id for an office id (`external_id`).
    pub fn client_id(&self, external_id: &str) -> Result<Option<ClientId>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM clients WHERE external_id = ?1",
                [external_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The 担当者 stored for client `id` (None: none, or no such client).
    pub(crate) fn assigned_staff(&self, id: ClientId) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT assigned_staff FROM clients WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// A corrected client row, keeping a conflict's decisions in the audit row.
    pub(in crate::store) fn update_client_noting(
        &self,
        c: &Client,
        conflict: Option<&ConflictRecord>,
    ) -> Result<i64, StoreError> {
        let id = need_id(Table::Clients, c.id)?;
        checked(
            || format!("利用者 {}", c.external_id),
            validate::client(c, self.write_day()),
        )?;
        self.write(|tx, stamp| {
            if external_id_taken(tx, &c.external_id, Some(id))? {
                return Err(duplicate(&c.external_id));
            }
            rows::update_noting(
                tx,
                stamp,
                Target::client(id, c.version),
                "external_id = ?, name = ?, kana = ?, birth_date = ?, sex = ?, \
                 certificate_no = ?, certificate_expires = ?, disclosure = ?, \
                 needs_continuing_support = ?, assigned_staff = ?, fields = ?, \
                 municipality = ?, job_coach_months = ?, certificate_from = ?, \
                 certificate_history = ?",
                &[
                    &c.external_id,
                    &c.name,
                    &c.kana,
                    &date_opt_text(c.birth_date),
                    &c.sex,
                    &c.certificate_no,
                    &date_opt_text(c.certificate_expires),
                    &c.disclosure.as_str(),
                    &c.needs_continuing_support,
                    &c.assigned_staff,
                    &fields_json(&c.fields),
                    &c.municipality,
                    &months_json(&c.job_coach_subsidy_months),
                    &date_opt_text(c.certificate_from),
                    &history_json(&c.certificate_history),
                ],
                &format!("利用者 {}", c.external_id),
                conflict,
            )
        })
    }

    /// Deletes the client and every record of their case. The audit trail
    /// keeps the whole case as the JSON interchange has it, and `reason`.
    /// Refused if the client changed since `version` was read.
    pub(crate) fn delete_client(
        &self,
        id: ClientId,
        version: i64,
        reason: &str,
    ) -> Result<(), StoreError> {
        let reason = rows::need_reason(reason, "削除する")?;
        self.write(|tx, stamp| {
            let ext = rows::client_external_id(tx, id)?;
            let case = load::load(tx, Detail::Full, Scope::One(id), Part::Whole)?;
            let old = serde_json::to_value(&case).unwrap_or_default();
            rows::delete_keeping(
                tx,
                stamp,
                Target::client(id, version),
                &format!("利用者 {ext}（全記録）"),
                |_| serde_json::json!({ "old": old, "reason": reason }).to_string(),
            )
        })
    }

    /// Number of clients (cheap; for status lines).
    pub fn client_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))?)
    }
}
