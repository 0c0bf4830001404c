//! The store work behind the application's effects: writing a record
//! from a form, deleting one or writing a decision from the reason
//! dialog, writing a document.
//! Runs on the loop's thread; the results go back to `App`.

use crate::model::{ClientId, ConflictRecord, RecordId};
use crate::operation::{self, Operation, Record};
use crate::store::{Store, StoreError};
use crate::tui::app::{DecideRequest, DeleteRequest, DeleteTarget, SaveRequest};
use crate::tui::drafts::FoundDraft;
use crate::tui::drafts::key as draft_key;
use crate::tui::record_forms::OfficeData;
use crate::tui::timeline::record_item;
use crate::tui::timeline::{ItemKey, RecordKind};
use crate::usecases;

/// The month's 支援レポート as xlsx in `<data dir>/exports/` (the same use
/// case as `teichaku export report`). What to say (the path, and why the
/// office's export group could not be given the file), or a reason in
/// Japanese.
pub(crate) fn export_report(
    store: &Store,
    client_id: ClientId,
    month: crate::dates::YearMonth,
    dir: &std::path::Path,
) -> Result<String, String> {
    use crate::usecases::documents::{Destination, Format, export_report};
    let c = store.load_client(client_id).map_err(|e| e.to_string())?;
    let to = Destination::Fresh { dir };
    let (_, note) = usecases::hand_out::readers(store).map_err(|e| e.to_string())?;
    let path =
        export_report(store, &c, month, false, Format::Xlsx, &to).map_err(|e| e.to_string())?;
    let done = format!("書き出しました: {}", path.display());
    Ok(match note {
        Some(note) => format!("{done}　{note}"),
        None => done,
    })
}

/// Write the record (a new one, or a correction with the version it was
/// read at); the timeline key to select: the added or corrected record,
/// which may have moved to another day.
/// `conflict`: the person's decisions when the correction followed
/// someone else's change (kept in its audit row).
pub(crate) fn save(
    store: &Store,
    req: &SaveRequest,
    conflict: Option<&ConflictRecord>,
) -> Result<Option<ItemKey>, StoreError> {
    let key = |kind, id: Option<RecordId>, date| id.map(|id| ItemKey::Record(kind, Some(id), date));
    let conflict = conflict.cloned();
    let edit = |record: Record| Operation::Edit {
        record: Box::new(record),
        conflict: conflict.clone(),
    };
    let op = operation_of(req, edit, conflict.clone());
    let applied = operation::apply(store, &op)?;
    Ok(match req {
        SaveRequest::Contact { contact, .. } => {
            key(RecordKind::Contact, applied.record, contact.date)
        }
        SaveRequest::Employment { employment, .. } => match employment.id {
            Some(_) => record_item::employment_day(employment)
                .and_then(|d| key(RecordKind::Employment, applied.record, d)),
            None => None,
        },
        SaveRequest::Consent { consent, .. } => {
            key(RecordKind::Consent, applied.record, consent.date)
        }
        SaveRequest::Plan { plan, .. } => match plan.id {
            Some(_) => None,
            None => key(RecordKind::Plan, applied.record, plan.created),
        },
        SaveRequest::Report { report, .. } => match report.id {
            Some(_) => None,
            None => {
                let day = report
                    .presented
                    .or(report.created)
                    .unwrap_or(report.month.first_day());
                key(RecordKind::Report, applied.record, day)
            }
        },
        SaveRequest::Handover { handover, .. } => {
            key(RecordKind::Handover, applied.record, handover.date)
        }
        SaveRequest::Conference { conference, .. } => {
            key(RecordKind::Conference, applied.record, conference.date)
        }
        SaveRequest::Client(_)
        | SaveRequest::NewClient(_)
        | SaveRequest::Close { .. }
        | SaveRequest::Office(_)
        | SaveRequest::Staff(..) => None,
    })
}

/// The operation a form's save is: a new record, or a correction (with
/// the version it was read at).
fn operation_of(
    req: &SaveRequest,
    edit: impl Fn(Record) -> Operation,
    conflict: Option<ConflictRecord>,
) -> Operation {
    match req {
        SaveRequest::Contact {
            client_id,
            contact,
            intent,
        } => match contact.id {
            Some(_) => edit(Record::Contact(contact.clone())),
            // With an intent, the contact and the employment's intent
            // are written in one transaction.
            None => Operation::AddContact {
                client_id: *client_id,
                contact: Box::new(contact.clone()),
                intent: *intent,
            },
        },
        SaveRequest::Client(c) => Operation::EditClient {
            client: c.clone(),
            conflict,
        },
        // Client and job together, checked as an import's clients are.
        SaveRequest::NewClient(c) => Operation::AddClient(c.clone()),
        SaveRequest::Employment {
            client_id,
            employment,
        } => match employment.id {
            Some(_) => edit(Record::Employment((**employment).clone())),
            // Refused unless the current job ended before this one begins.
            None => Operation::AddEmployment {
                client_id: *client_id,
                employment: employment.clone(),
            },
        },
        SaveRequest::Consent { client_id, consent } => match consent.id {
            Some(_) => edit(Record::Consent(consent.clone())),
            None => Operation::AddConsent {
                client_id: *client_id,
                consent: Box::new(consent.clone()),
            },
        },
        SaveRequest::Plan { client_id, plan } => match plan.id {
            Some(_) => edit(Record::Plan((**plan).clone())),
            None => Operation::AddPlan {
                client_id: *client_id,
                plan: plan.clone(),
            },
        },
        SaveRequest::Report { client_id, report } => match report.id {
            Some(_) => edit(Record::Report((**report).clone())),
            None => Operation::AddReport {
                client_id: *client_id,
                report: report.clone(),
            },
        },
        SaveRequest::Handover {
            client_id,
            handover,
        } => match handover.id {
            Some(_) => edit(Record::Handover(handover.clone())),
            None => Operation::AddHandover {
                client_id: *client_id,
                handover: Box::new(handover.clone()),
            },
        },
        SaveRequest::Conference {
            client_id,
            conference,
        } => match conference.id {
            Some(_) => edit(Record::Conference(conference.clone())),
            None => Operation::AddConference {
                client_id: *client_id,
                conference: Box::new(conference.clone()),
            },
        },
        SaveRequest::Close { client_id, closure } => Operation::Close {
            client_id: *client_id,
            date: closure.date,
            reason: closure.reason,
            note: closure.note.clone(),
        },
        // The numbers were checked by the form.
        SaveRequest::Office(o) => Operation::Office {
            office: o.office_changed.then(|| Box::new(o.office.clone())),
            settings: o.settings_changed.then_some(o.settings),
            caseload_only: o.caseload_changed.then_some(o.caseload_only),
            export_group: None,
        },
        SaveRequest::Staff(s, true) => Operation::AddStaff((**s).clone()),
        SaveRequest::Staff(s, false) => Operation::EditStaff((**s).clone()),
    }
}

/// What the office screen shows, as stored now.
pub(crate) fn load_office(store: &Store) -> Result<OfficeData, StoreError> {
    Ok(OfficeData {
        office: store.office()?,
        settings: store.settings()?,
        caseload_only: store.caseload_only()?,
        staff: store.list_staff()?,
        role: store.role(),
        owner: *store.standing() == crate::access::Standing::Owner,
    })
}

/// Delete the record (or a plan's review), keeping its values and the
/// reason in the audit trail.
pub(crate) fn delete(store: &Store, req: &DeleteRequest) -> Result<(), StoreError> {
    let op = match req.target {
        DeleteTarget::Record(table, id, version) => Operation::Delete {
            table,
            id,
            version: Some(version),
            reason: req.reason.clone(),
        },
        DeleteTarget::Review { plan_id, date } => Operation::DeleteReview {
            plan_id,
            date,
            reason: req.reason.clone(),
        },
    };
    operation::apply(store, &op).map(|_| ())
}

/// Write a person's decision through the use case the shell's `resolve`
/// and `client reopen` call too; the line for the status bar, or the
/// store's reason why not (Japanese).
pub(crate) fn decide(store: &Store, req: &DecideRequest) -> Result<String, String> {
    let shown = |s: &str| crate::text::for_display(s).into_owned();
    match req {
        DecideRequest::Resolve {
            client_id,
            item,
            reason,
        }
        | DecideRequest::Unresolve {
            client_id,
            item,
            reason,
        } => {
            let (client_id, obligation, period, job, reason) =
                (*client_id, item.id, item.period, item.job, reason.clone());
            let undo = matches!(req, DecideRequest::Unresolve { .. });
            let op = if undo {
                Operation::Unresolve {
                    client_id,
                    obligation,
                    period,
                    job,
                    reason,
                }
            } else {
                Operation::Resolve {
                    client_id,
                    obligation,
                    period,
                    job,
                    reason,
                }
            };
            operation::apply(store, &op)
                .and_then(|_| usecases::item_now(store, client_id, obligation, period, job))
                .map(|o| {
                    let (status, title) = (shown(&o.status_label()), shown(&item.title));
                    if undo {
                        format!("対象外の判断を取り消しました（いまは {status}）: {title}")
                    } else {
                        format!("{status}にしました: {title}")
                    }
                })
        }
        DecideRequest::Reopen { client_id, reason } => {
            let op = Operation::Reopen {
                client_id: *client_id,
                reason: reason.clone(),
            };
            operation::apply(store, &op)
                .map(|_| "終結を取り消しました。一覧と期限一覧に戻ります".to_string())
        }
    }
    .map_err(|e| e.to_string())
}

/// This form's draft: this terminal's, else the newest another terminal
/// of the same login keeps for the same form.
pub(crate) fn find_draft(store: &Store, key: &str) -> Result<Option<FoundDraft>, StoreError> {
    let found = |key: &str, (json, saved_at)| FoundDraft {
        key: key.to_string(),
        json,
        saved_at,
    };
    if let Some(d) = store.load_draft(key)? {
        return Ok(Some(found(key, d)));
    }
    let all = store.list_drafts()?;
    let Some(other) = draft_key::elsewhere(key, &all) else {
        return Ok(None);
    };
    Ok(store.load_draft(&other.key)?.map(|d| found(&other.key, d)))
}
