//! What the application asks the loop to do against the store: records
//! to write (built from forms or the reason dialog), loads and drafts —
//! and how a failed save is reported back.

use crate::model::{
    CaseConference, Client, ClientId, ConflictRecord, Consent, Contact, Employment, Handover,
};
use crate::store::CaseRow;
use crate::tui::client_list::view_state::ViewState;

/// A record to write, built from a form.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveRequest {
    /// `intent`: the 利用意向 the contact confirmed (with m23.confirm_intent).
    Contact {
        client_id: ClientId,
        contact: Contact,
        intent: Option<crate::model::Intent>,
    },
    Client(Box<Client>),
    /// `employment.id` is `None` for a new employment.
    Employment {
        client_id: ClientId,
        employment: Box<Employment>,
    },
    Consent {
        client_id: ClientId,
        consent: Consent,
    },
    Handover {
        client_id: ClientId,
        handover: Handover,
    },
    Conference {
        client_id: ClientId,
        conference: CaseConference,
    },
    /// A new client with their employment (one transaction).
    NewClient(Box<Client>),
    /// 終結: close the case.
    Close {
        client_id: ClientId,
        closure: crate::model::Closure,
    },
    /// `plan.id` is `None` for a new plan or a new version (a review).
    Plan {
        client_id: ClientId,
        plan: Box<crate::model::Plan>,
    },
    /// `report.id` is `None` for a new report.
    Report {
        client_id: ClientId,
        report: Box<crate::model::Report>,
    },
    /// The office's settings: only the parts that changed are written.
    Office(Box<crate::tui::record_forms::OfficeSave>),
    /// A staff member: added (`true`: refused if the login is registered
    /// meanwhile) or changed.
    Staff(Box<crate::model::Staff>, bool),
}

impl SaveRequest {
    pub fn client_id(&self) -> ClientId {
        match self {
            SaveRequest::Contact { client_id, .. }
            | SaveRequest::Employment { client_id, .. }
            | SaveRequest::Consent { client_id, .. }
            | SaveRequest::Handover { client_id, .. }
            | SaveRequest::Conference { client_id, .. }
            | SaveRequest::Report { client_id, .. }
            | SaveRequest::Plan { client_id, .. } => *client_id,
            SaveRequest::Close { client_id, .. } => *client_id,
            SaveRequest::Client(c) | SaveRequest::NewClient(c) => c.id.unwrap_or_default(),
            // No client: the office's own rows.
            SaveRequest::Office(_) | SaveRequest::Staff(..) => ClientId::default(),
        }
    }
}

/// Work for the loop to do against the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Fetch this client's full record (→ `client_loaded`).
    LoadClient(ClientId),
    /// Fetch the client again after this session wrote to it
    /// (→ `client_refreshed`).
    RefreshClient(ClientId),
    LoadDraft(String),
    /// This login's drafts, for the start-up list (→ `drafts_listed`).
    ListDrafts,
    SaveDraft {
        key: String,
        json: String,
    },
    DeleteDraft(String),
    /// Write a record; after a conflict, with the person's decisions for
    /// the audit row.
    Save(SaveRequest, Option<ConflictRecord>),
    /// Read the client again, and who last saved `row` (→
    /// `conflict_loaded`): the record being edited changed meanwhile.
    LoadConflict {
        client_id: ClientId,
        row: CaseRow,
    },
    /// Delete a record, keeping its values and the reason in the audit
    /// trail (→ `deleted`).
    Delete(super::DeleteRequest),
    /// Write the client's 支援レポート for the month as xlsx.
    ExportReport(ClientId, crate::dates::YearMonth, std::path::PathBuf),
    /// Write a person's decision (→ `dialog_answered`).
    Decide(super::DecideRequest),
    /// Read everyone again (closed cases shown or hidden).
    Reload,
    /// Read the office's settings and staff (→ `office_loaded`).
    LoadOffice,
    /// Remove a staff member by login (→ `staff_removed`).
    RemoveStaff(String),
    /// Take back the login's own last change (→ `undone`).
    Undo,
    /// Read the change history: one's own, or everyone's (→
    /// `history_loaded`).
    LoadHistory {
        everyone: bool,
    },
    /// Compute the office figures of a fiscal year on another thread
    /// (→ `figures_loaded`).
    LoadFigures(crate::figures::FiscalYear),
    /// Note in the audit trail that this client's record came on screen
    /// (`what`: the kind of screen); asked once per client per session
    /// (`request_views`), and a failed write is a status message, never a
    /// stop.
    RecordView {
        client_id: ClientId,
        what: &'static str,
    },
    /// Remember `m` and the sort order for the next start (per user, in
    /// the state file; not the database).
    SaveViewState(std::path::PathBuf, ViewState),
}

/// Why a save failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError {
    /// The store's message (Japanese).
    pub message: String,
    /// Someone else changed the record since the form loaded it.
    pub stale: bool,
    /// The record breaks a rule: the message is about what was entered.
    pub refused: bool,
}
