//! Correcting a saved record: Enter on a record row of the timeline opens
//! it in its own form, filled with its values. Saving sends it back with
//! the version it was read at, so a change someone made meanwhile is
//! refused and the input stays (`saved`).

use super::{App, Preset};
use crate::model::{CaseConference, Client, Consent, Contact, Handover, RecordId};
use crate::store::{CaseRow, Table};
use crate::tui::form_editor::FieldSpec;
use crate::tui::record_forms::{self as rf, FormKind, Values};
use crate::tui::timeline::{RecordKind, Timeline};

/// When the record to open is no longer in the client's case.
pub(crate) const GONE: &str =
    "この記録は見つかりません（他の人が削除した可能性があります）。経過を確かめてください";

/// A saved record a form corrects, as it was read (with its version).
/// Employments, reports and plans have their own `base_*` in the session.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum EditBase {
    Contact(Contact),
    Consent(Consent),
    Handover(Handover),
    Conference(CaseConference),
}

impl EditBase {
    pub(crate) fn id(&self) -> Option<RecordId> {
        match self {
            EditBase::Contact(x) => x.id,
            EditBase::Consent(x) => x.id,
            EditBase::Handover(x) => x.id,
            EditBase::Conference(x) => x.id,
        }
    }

    /// Its row and the version it was read at.
    pub(crate) fn row(&self) -> Option<(CaseRow, i64)> {
        let (table, version) = match self {
            EditBase::Contact(x) => (Table::Contacts, x.version),
            EditBase::Consent(x) => (Table::Consents, x.version),
            EditBase::Handover(x) => (Table::Handovers, x.version),
            EditBase::Conference(x) => (Table::Conferences, x.version),
        };
        Some((CaseRow::Record(table, self.id()?), version))
    }

    /// The same record in `c` (read again), with its form values.
    pub(crate) fn reread(&self, c: &Client) -> Option<(EditBase, Values)> {
        let id = self.id()?;
        let found = |x: Option<RecordId>| x == Some(id);
        Some(match self {
            EditBase::Contact(_) => {
                let x = c.contacts.iter().find(|x| found(x.id))?;
                (EditBase::Contact(x.clone()), rf::contact_values(x))
            }
            EditBase::Consent(_) => {
                let x = c.consents.iter().find(|x| found(x.id))?;
                (EditBase::Consent(x.clone()), rf::consent_values(x))
            }
            EditBase::Handover(_) => {
                let x = c.handovers.iter().find(|x| found(x.id))?;
                (EditBase::Handover(x.clone()), rf::handover_values(x))
            }
            EditBase::Conference(_) => {
                let x = c.conferences.iter().find(|x| found(x.id))?;
                (EditBase::Conference(x.clone()), rf::conference_values(x))
            }
        })
    }
}

/// The form for correcting record `id` of `kind`: its fields, its values
/// and the record as read. `None` when the case has no such record.
pub(crate) fn parts(
    t: &Timeline,
    kind: FormKind,
    id: RecordId,
) -> Option<(Vec<FieldSpec>, Values, EditBase)> {
    let c = &t.client;
    let found = |x: Option<RecordId>| x == Some(id);
    Some(match kind {
        FormKind::Contact => {
            let x = c.contacts.iter().find(|x| found(x.id))?;
            let steps = t.steps_with(&x.obligations);
            (
                rf::contact_edit_specs(&steps, x.obligations.len()),
                rf::contact_values(x),
                EditBase::Contact(x.clone()),
            )
        }
        FormKind::Consent => {
            let x = c.consents.iter().find(|x| found(x.id))?;
            let v = rf::consent_values(x);
            (rf::consent_specs(), v, EditBase::Consent(x.clone()))
        }
        FormKind::Handover => {
            let x = c.handovers.iter().find(|x| found(x.id))?;
            let v = rf::handover_values(x);
            (rf::handover_specs(), v, EditBase::Handover(x.clone()))
        }
        FormKind::Conference => {
            let x = c.conferences.iter().find(|x| found(x.id))?;
            let v = rf::conference_values(x);
            (rf::conference_specs(), v, EditBase::Conference(x.clone()))
        }
        _ => return None,
    })
}

impl App {
    /// Enter on a record row: that record in its form, to correct it.
    pub(crate) fn edit_selected_record(&mut self) {
        let Some(t) = &self.timeline else { return };
        let Some(r) = t.selected_record() else { return };
        let Some(id) = r.id else { return };
        self.edit_record(r.kind, id);
    }

    /// Enter on a done item: the record that completed it, to see or
    /// correct it (what the README promises), instead of a new contact.
    pub(crate) fn edit_satisfying_record(&mut self, by: &crate::model::RecordRef) {
        use crate::model::RecordRef;
        let (kind, id) = match by {
            RecordRef::Contact { id, .. } => (RecordKind::Contact, id),
            RecordRef::Report { id, .. } => (RecordKind::Report, id),
            RecordRef::Plan { id, .. } => (RecordKind::Plan, id),
            RecordRef::Handover { id, .. } => (RecordKind::Handover, id),
        };
        match id {
            Some(id) => self.edit_record(kind, *id),
            None => self.error(GONE),
        }
    }

    /// Record `id` of `kind` in its form.
    fn edit_record(&mut self, kind: RecordKind, id: RecordId) {
        let Some(t) = &self.timeline else { return };
        let mut preset = Preset {
            record: Some(id),
            ..Preset::default()
        };
        let kind = match kind {
            RecordKind::Contact => FormKind::Contact,
            RecordKind::Consent => FormKind::Consent,
            RecordKind::Handover => FormKind::Handover,
            RecordKind::Conference => FormKind::Conference,
            RecordKind::Employment => FormKind::Employment,
            // A review is a date of its plan: the plan opens.
            RecordKind::Plan | RecordKind::PlanReview => FormKind::Plan,
            // One report a month: the month names it.
            RecordKind::Report => {
                preset.month = t
                    .client
                    .reports
                    .iter()
                    .find(|x| x.id == Some(id))
                    .map(|x| x.month);
                if preset.month.is_none() {
                    return self.error(GONE);
                }
                FormKind::Report
            }
        };
        self.request_form(kind, preset);
    }
}
