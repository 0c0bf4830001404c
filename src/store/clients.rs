//! The client row (利用者): insert, update, delete, look-up.

use rusqlite::{OptionalExtension, Statement, Transaction, params};

use crate::model::Client;

use super::audit::{AuditAction, write_audit};
use super::codec::{date_opt_text, fields_json};
use super::rows::{self, Table, Target, need_id};
use super::{Stamp, Store, StoreError};

pub(crate) const INSERT_CLIENT: &str = concat!(
    "INSERT INTO clients (external_id, name, kana, birth_date, sex, certificate_no, \
     certificate_expires, disclosure, needs_continuing_support, assigned_staff, fields, ",
    "created_by, created_at, updated_by, updated_at",
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)"
);

/// The rules a client row must meet before it is written.
pub(crate) fn validate_client(c: &Client) -> Result<(), StoreError> {
    if c.external_id.trim().is_empty() {
        return Err(StoreError::Invalid(
            "利用者番号（external_id）が空です。".to_string(),
        ));
    }
    if c.name.trim().is_empty() {
        return Err(StoreError::Invalid(format!(
            "利用者 {} の氏名が空です。",
            c.external_id
        )));
    }
    Ok(())
}

fn duplicate(external_id: &str) -> StoreError {
    StoreError::Duplicate(format!("利用者番号 {external_id}"))
}

/// Inserts the client row with a prepared `INSERT_CLIENT`; Duplicate if the
/// external_id is taken.
pub(crate) fn insert_client_row(
    tx: &Transaction<'_>,
    stmt: &mut Statement<'_>,
    stamp: &Stamp,
    c: &Client,
) -> Result<i64, StoreError> {
    validate_client(c)?;
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
        stamp.user,
        stamp.at,
    ])?;
    Ok(id)
}

fn external_id_taken(
    tx: &Transaction<'_>,
    external_id: &str,
    except: Option<i64>,
) -> Result<bool, StoreError> {
    let other: Option<i64> = tx
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
    pub fn client_id(&self, external_id: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM clients WHERE external_id = ?1",
                [external_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Inserts the client row only (not its records); returns its id.
    pub fn insert_client(&self, c: &Client) -> Result<i64, StoreError> {
        self.write(|tx, stamp| {
            let mut stmt = tx.prepare(INSERT_CLIENT)?;
            let id = insert_client_row(tx, &mut stmt, stamp, c)?;
            let summary = format!("利用者 {}", c.external_id);
            write_audit(
                tx,
                stamp,
                AuditAction::Create,
                Table::Clients,
                Some(id),
                Some(id),
                &summary,
            )?;
            Ok(id)
        })
    }

    /// Updates the client row from `c.id` if it is still at `c.version`;
    /// returns the new version.
    pub fn update_client(&self, c: &Client) -> Result<i64, StoreError> {
        let id = need_id(Table::Clients, c.id)?;
        validate_client(c)?;
        self.write(|tx, stamp| {
            if external_id_taken(tx, &c.external_id, Some(id))? {
                return Err(duplicate(&c.external_id));
            }
            rows::update(
                tx,
                stamp,
                Target {
                    table: Table::Clients,
                    id,
                    version: c.version,
                },
                "external_id = ?, name = ?, kana = ?, birth_date = ?, sex = ?, \
                 certificate_no = ?, certificate_expires = ?, disclosure = ?, \
                 needs_continuing_support = ?, assigned_staff = ?, fields = ?",
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
                ],
                &format!("利用者 {}", c.external_id),
            )
        })
    }

    /// Deletes the client and every record of their case (the audit trail
    /// stays). Refused if the client changed since `version` was read.
    pub fn delete_client(&self, id: i64, version: i64) -> Result<(), StoreError> {
        self.write(|tx, stamp| {
            let ext = rows::client_external_id(tx, id)?;
            rows::delete(
                tx,
                stamp,
                Target {
                    table: Table::Clients,
                    id,
                    version,
                },
                &format!("利用者 {ext}（全記録）"),
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
