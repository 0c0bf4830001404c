//! The store work behind the application's effects: writing a record
//! from a form, deleting one or writing a decision from the reason
//! dialog, writing a document.
//! Runs on the loop's thread; the results go back to `App`.

use super::app::{DecideRequest, DeleteRequest, DeleteTarget, FoundDraft, SaveRequest};
use super::draft_key;
use super::record_forms::OfficeData;
use super::records;
use super::timeline::{ItemKey, RecordKind};
use crate::model::ConflictRecord;
use crate::store::{Edit, Store, StoreError};
use crate::usecases;

/// The month's 支援レポート as xlsx in `<data dir>/exports/` (the same use
/// case as `teichaku export report`). The path, or a reason in Japanese.
pub(crate) fn export_report(
    store: &Store,
    client_id: i64,
    month: crate::dates::YearMonth,
    dir: &std::path::Path,
) -> Result<std::path::PathBuf, String> {
    use crate::usecases::documents::{Destination, Format, export_report};
    let c = store.load_client(client_id).map_err(|e| e.to_string())?;
    let to = Destination::Fresh { dir };
    export_report(store, &c, month, false, Format::Xlsx, &to).map_err(|e| e.to_string())
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
    let key = |kind, id, date| Some(ItemKey::Record(kind, Some(id), date));
    Ok(match req {
        SaveRequest::Contact {
            client_id,
            contact,
            intent,
        } => {
            let id = match contact.id {
                Some(_) => usecases::edit_contact(store, contact, conflict)?,
                // With an intent, the contact and the employment's intent
                // are written in one transaction.
                None => usecases::record_contact(store, *client_id, contact, *intent)?,
            };
            key(RecordKind::Contact, id, contact.date)
        }
        SaveRequest::Client(c) => store.update(Edit::Client(c), conflict).map(|_| None)?,
        SaveRequest::NewClient(c) => {
            // Client and employment in one transaction, with the import's checks.
            let doc = crate::model::Document {
                clients: vec![(**c).clone()],
            };
            store.import(&doc).map(|_| None)?
        }
        SaveRequest::Employment {
            client_id,
            employment,
        } => match employment.id {
            Some(id) => {
                store.update(Edit::Employment(employment), conflict)?;
                records::employment_day(employment).and_then(|d| key(RecordKind::Employment, id, d))
            }
            // Refused unless the current job ended before this one begins.
            None => usecases::add_employment(store, *client_id, employment).map(|_| None)?,
        },
        SaveRequest::Consent { client_id, consent } => {
            let id = match consent.id {
                Some(id) => store.update(Edit::Consent(consent), conflict).map(|_| id)?,
                None => store.add_consent(*client_id, consent)?,
            };
            key(RecordKind::Consent, id, consent.date)
        }
        SaveRequest::Plan { client_id, plan } => match plan.id {
            Some(_) => store.update(Edit::Plan(plan), conflict).map(|_| None)?,
            None => {
                let id = store.add_plan(*client_id, plan)?;
                key(RecordKind::Plan, id, plan.created)
            }
        },
        SaveRequest::Report { client_id, report } => match report.id {
            Some(_) => store.update(Edit::Report(report), conflict).map(|_| None)?,
            None => {
                let id = store.add_report(*client_id, report)?;
                let day = report
                    .presented
                    .or(report.created)
                    .unwrap_or(report.month.first_day());
                key(RecordKind::Report, id, day)
            }
        },
        SaveRequest::Handover {
            client_id,
            handover,
        } => {
            let id = match handover.id {
                Some(id) => store
                    .update(Edit::Handover(handover), conflict)
                    .map(|_| id)?,
                None => store.add_handover(*client_id, handover)?,
            };
            key(RecordKind::Handover, id, handover.date)
        }
        SaveRequest::Conference {
            client_id,
            conference,
        } => {
            let id = match conference.id {
                Some(id) => store
                    .update(Edit::Conference(conference), conflict)
                    .map(|_| id)?,
                None => store.add_conference(*client_id, conference)?,
            };
            key(RecordKind::Conference, id, conference.date)
        }
        SaveRequest::Close { client_id, closure } => {
            let x = closure;
            usecases::close_case(store, *client_id, x.date, x.reason, &x.note)?;
            None
        }
        SaveRequest::Office(o) => {
            // The details first: a save from a stale screen is refused
            // there, before anything else is written (the numbers were
            // checked by the form).
            if o.office_changed {
                store.set_office(&o.office)?;
            }
            if o.settings_changed {
                store.set_settings(&o.settings)?;
            }
            if o.caseload_changed {
                store.set_caseload_only(o.caseload_only)?;
            }
            None
        }
        SaveRequest::Staff(s) => {
            store.upsert_staff(s)?;
            None
        }
    })
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

/// Delete the record through the use case (a plan's review through the
/// store: the use case lists whole records only), keeping its values and
/// the reason in the audit trail.
pub(crate) fn delete(store: &Store, req: &DeleteRequest) -> Result<(), StoreError> {
    match req.target {
        DeleteTarget::Record(table, id) => {
            usecases::delete_record(store, table, id, &req.reason).map(|_| ())
        }
        DeleteTarget::Review { plan_id, date } => {
            store.delete_plan_review(plan_id, date, &req.reason)
        }
    }
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
        } => usecases::resolve(store, *client_id, item.id, item.period, reason).map(|o| {
            format!(
                "{}にしました: {}",
                shown(&o.status_label()),
                shown(&item.title)
            )
        }),
        DecideRequest::Unresolve {
            client_id,
            item,
            reason,
        } => usecases::unresolve(store, *client_id, item.id, item.period, reason).map(|o| {
            format!(
                "対象外の判断を取り消しました（いまは {}）: {}",
                shown(&o.status_label()),
                shown(&item.title)
            )
        }),
        DecideRequest::Reopen { client_id, reason } => {
            usecases::reopen_case(store, *client_id, reason)
                .map(|()| "終結を取り消しました。一覧と期限一覧に戻ります".to_string())
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
