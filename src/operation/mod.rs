//! The one write API. Every change to an office — a case's records, the
//! client profile, decisions, deletions, staff, the office's details and
//! settings, imports — is an `Operation` value, and `apply` is the one
//! function that writes one: in one IMMEDIATE transaction it checks the
//! operation against the office as it is now (the rules that cross records
//! included), checks the version an edit was read at, writes it and its
//! audit rows. The CLI, the TUI and import build operations and call
//! `apply` (or `import` for a stream of clients, `restore` for the file
//! replaced by a backup); none of them calls the
//! store's mutating methods (a test keeps that promise:
//! `tests::no_ui_module_calls_a_store_mutator`).
//!
//! The model is taskchampion's `Operation`s: a change is a value first, so
//! it can be checked, logged and taken back (`undo`) the same way whichever
//! screen made it.

mod case;
mod office;
#[cfg(test)]
mod tests;
mod undo;

use chrono::NaiveDate;

use crate::dates::YearMonth;
use crate::model::{
    CaseConference, Client, ClientId, ClosureReason, ConflictRecord, Consent, Contact, Employment,
    Handover, Intent, ObligationId, Office, Plan, RecordId, Report, Settings, Staff,
};
use crate::store::{ImportSummary, Store, StoreError, Table};

pub use undo::{Undone, last_change};

/// A saved record of a case, as corrected (with the version it was read
/// at).
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Employment(Employment),
    Contact(Contact),
    Report(Report),
    /// The 作成日 and form fields; a review is deleted on its own
    /// (`Operation::DeleteReview`).
    Plan(Plan),
    Consent(Consent),
    Handover(Handover),
    Conference(CaseConference),
}

/// One change to an office: what a person did, as a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    /// A new client with whatever records come with them (the new-client
    /// form: the profile and the job; import: the whole case).
    AddClient(Box<Client>),
    /// The client's profile, corrected.
    EditClient {
        client: Box<Client>,
        conflict: Option<ConflictRecord>,
    },
    /// A new job, after the current one ended (離職).
    AddEmployment {
        client_id: ClientId,
        employment: Box<Employment>,
    },
    /// 離職 on the client's current job.
    EndEmployment {
        client_id: ClientId,
        date: NaiveDate,
        reason: Option<String>,
    },
    /// A contact; linked to `m23.confirm_intent` with the intent it
    /// confirmed, also the job's 利用意向.
    AddContact {
        client_id: ClientId,
        contact: Box<Contact>,
        intent: Option<Intent>,
    },
    AddReport {
        client_id: ClientId,
        report: Box<Report>,
    },
    AddPlan {
        client_id: ClientId,
        plan: Box<Plan>,
    },
    AddConsent {
        client_id: ClientId,
        consent: Box<Consent>,
    },
    AddHandover {
        client_id: ClientId,
        handover: Box<Handover>,
    },
    AddConference {
        client_id: ClientId,
        conference: Box<CaseConference>,
    },
    /// A saved record corrected; `conflict`: what the person chose when
    /// their correction met someone else's change (kept in the audit row).
    Edit {
        record: Box<Record>,
        conflict: Option<ConflictRecord>,
    },
    /// A record deleted, its values and the reason kept in the audit trail.
    /// `version`: the one the person saw (refused if it changed since);
    /// `None` when they named it by id just before (the shell).
    Delete {
        table: Table,
        id: RecordId,
        version: Option<i64>,
        reason: String,
    },
    /// A client and every record of their case (a duplicate registration),
    /// the whole case kept in the audit trail.
    DeleteClient {
        client_id: ClientId,
        version: i64,
        reason: String,
    },
    /// One more review (評価日) of a plan.
    AddReview {
        plan_id: RecordId,
        date: NaiveDate,
    },
    /// One review date of a plan, deleted.
    DeleteReview {
        plan_id: RecordId,
        date: NaiveDate,
        reason: String,
    },
    /// 対象外の判断 on one item (one month of a monthly item).
    Resolve {
        client_id: ClientId,
        obligation: ObligationId,
        period: Option<YearMonth>,
        /// An earlier job's item: that job's anchor (`Obligation::job`);
        /// `None` for the current job's.
        job: Option<NaiveDate>,
        reason: String,
    },
    /// The 対象外の判断 taken back.
    Unresolve {
        client_id: ClientId,
        obligation: ObligationId,
        period: Option<YearMonth>,
        job: Option<NaiveDate>,
        reason: String,
    },
    /// 終結.
    Close {
        client_id: ClientId,
        date: NaiveDate,
        reason: ClosureReason,
        note: String,
    },
    /// 終結 taken back.
    Reopen {
        client_id: ClientId,
        reason: String,
    },
    /// The office's details, settings, caseload rule and export group
    /// (`""`: none), each when given: one save of the office screen.
    Office {
        office: Option<Box<Office>>,
        settings: Option<Settings>,
        caseload_only: Option<bool>,
        export_group: Option<String>,
    },
    /// A new member of staff; refused when the login is registered.
    AddStaff(Staff),
    /// A registered member of staff, changed.
    EditStaff(Staff),
    RemoveStaff {
        login: String,
    },
    /// The login's own last change to a case, taken back.
    Undo,
}

impl Operation {
    /// A saved record corrected, with no conflict met on the way.
    pub fn edit(record: Record) -> Operation {
        Operation::Edit {
            record: Box::new(record),
            conflict: None,
        }
    }
}

/// What `apply` wrote: the row the operation made or changed, where it has
/// one — a client's (`AddClient`, `Close` …) or a record's (`AddContact`,
/// `Edit`, `Delete` …), never both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    pub client: Option<ClientId>,
    pub record: Option<RecordId>,
}

impl Applied {
    fn client(id: ClientId) -> Self {
        Applied {
            client: Some(id),
            record: None,
        }
    }

    fn record(id: RecordId) -> Self {
        Applied {
            client: None,
            record: Some(id),
        }
    }
}

/// Writes `op` in one transaction, or nothing. The rules that cross
/// records (an intent needs the current job, a login must be registered
/// staff, a month the rule set waives cannot be decided, a login is
/// unique …) are checked inside it, against the office as it is now.
pub fn apply(store: &Store, op: &Operation) -> Result<Applied, StoreError> {
    store.transaction(|| dispatch(store, op))
}

/// Adds every client `feed` gives, one at a time (a whole office's file
/// need not be held at once), in one transaction: an error from a client
/// or from `feed` itself writes nothing. The import is audited as one.
pub fn import(
    store: &Store,
    feed: impl FnOnce(&mut dyn FnMut(Client) -> Result<(), StoreError>) -> Result<(), StoreError>,
) -> Result<ImportSummary, StoreError> {
    import_keeping(store, false, feed)
}

/// `import`; `keep_unregistered_staff`: the person chose to keep 担当者
/// logins that are not registered staff (their clients are in nobody's
/// deadlines until they are), instead of the import being refused.
pub fn import_keeping(
    store: &Store,
    keep_unregistered_staff: bool,
    feed: impl FnOnce(&mut dyn FnMut(Client) -> Result<(), StoreError>) -> Result<(), StoreError>,
) -> Result<ImportSummary, StoreError> {
    store.transaction(|| {
        let mut summary = ImportSummary::default();
        feed(&mut |c: Client| {
            summary.add(&c);
            case::import_client(store, &c, keep_unregistered_staff).map(|_| ())
        })?;
        store.record_import(&summary)?;
        Ok(summary)
    })
}

fn dispatch(store: &Store, op: &Operation) -> Result<Applied, StoreError> {
    use Operation::*;
    Ok(match op {
        AddClient(c) => Applied::client(case::add_client(store, c)?),
        EditClient { client, conflict } => {
            case::edit_client(store, client, conflict.as_ref())?;
            Applied {
                client: client.id,
                record: None,
            }
        }
        AddEmployment {
            client_id,
            employment,
        } => Applied::record(case::add_employment(store, *client_id, employment)?),
        EndEmployment {
            client_id,
            date,
            reason,
        } => Applied::record(case::end_employment(
            store,
            *client_id,
            *date,
            reason.as_deref(),
        )?),
        AddContact {
            client_id,
            contact,
            intent,
        } => Applied::record(case::add_contact(store, *client_id, contact, *intent)?),
        AddReport { client_id, report } => Applied::record(store.add_report(*client_id, report)?),
        AddPlan { client_id, plan } => Applied::record(store.add_plan(*client_id, plan)?),
        AddConsent { client_id, consent } => {
            Applied::record(store.add_consent(*client_id, consent)?)
        }
        AddHandover {
            client_id,
            handover,
        } => Applied::record(store.add_handover(*client_id, handover)?),
        AddConference {
            client_id,
            conference,
        } => Applied::record(store.add_conference(*client_id, conference)?),
        Edit { record, conflict } => case::edit(store, record, conflict.as_ref())?,
        Delete {
            table,
            id,
            version,
            reason,
        } => {
            case::delete(store, *table, *id, *version, reason)?;
            Applied::record(*id)
        }
        DeleteClient {
            client_id,
            version,
            reason,
        } => {
            store.delete_client(*client_id, *version, reason)?;
            Applied::client(*client_id)
        }
        AddReview { plan_id, date } => Applied::record(store.add_plan_review(*plan_id, *date)?),
        DeleteReview {
            plan_id,
            date,
            reason,
        } => {
            store.delete_plan_review(*plan_id, *date, reason)?;
            Applied::record(*plan_id)
        }
        Resolve {
            client_id,
            obligation,
            period,
            job,
            reason,
        } => Applied::record(case::resolve(
            store,
            *client_id,
            case::Item {
                obligation: *obligation,
                period: *period,
                job: *job,
            },
            reason,
        )?),
        Unresolve {
            client_id,
            obligation,
            period,
            job,
            reason,
        } => Applied::client(case::unresolve(
            store,
            *client_id,
            case::Item {
                obligation: *obligation,
                period: *period,
                job: *job,
            },
            reason,
        )?),
        Close {
            client_id,
            date,
            reason,
            note,
        } => Applied::client(case::close(store, *client_id, *date, *reason, note)?),
        Reopen { client_id, reason } => Applied::client(case::reopen(store, *client_id, reason)?),
        Office {
            office,
            settings,
            caseload_only,
            export_group,
        } => {
            office::save(
                store,
                office.as_deref(),
                settings.as_ref(),
                *caseload_only,
                export_group.as_deref(),
            )?;
            Applied::default()
        }
        AddStaff(s) => {
            office::add_staff(store, s)?;
            Applied::default()
        }
        EditStaff(s) => {
            office::edit_staff(store, s)?;
            Applied::default()
        }
        RemoveStaff { login } => {
            store.remove_staff(login)?;
            Applied::default()
        }
        Undo => {
            undo::undo(store)?;
            Applied::default()
        }
    })
}

/// The office replaced whole by a backup `src` (refused, changing nothing,
/// when the backup fails `check`); the path of the copy kept of what it
/// was. Not a transaction like the other changes: the file itself is
/// replaced, so it takes the handle (`&mut`), and the store records it.
pub fn restore(store: &mut Store, src: &std::path::Path) -> Result<std::path::PathBuf, StoreError> {
    store.restore_from(src)
}

/// `import` of a document held whole.
pub fn import_document(
    store: &Store,
    doc: &crate::model::Document,
) -> Result<ImportSummary, StoreError> {
    import(store, |put| doc.clients.iter().cloned().try_for_each(put))
}
