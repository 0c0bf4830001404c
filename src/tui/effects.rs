//! The store work behind the application's effects: writing a record
//! from a form, deleting one or writing a decision from the reason
//! dialog, writing a document.
//! Runs on the loop's thread; the results go back to `App`.

use super::app::{DecideRequest, DeleteRequest, DeleteTarget, SaveRequest};
use super::records;
use super::timeline::{ItemKey, RecordKind};
use crate::store::{Store, StoreError};
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
pub(crate) fn save(store: &Store, req: &SaveRequest) -> Result<Option<ItemKey>, StoreError> {
    let key = |kind, id, date| Some(ItemKey::Record(kind, Some(id), date));
    Ok(match req {
        SaveRequest::Contact {
            client_id,
            contact,
            intent,
        } => {
            let id = match contact.id {
                Some(_) => usecases::edit_contact(store, contact, None)?,
                // With an intent, the contact and the employment's intent
                // are written in one transaction.
                None => usecases::record_contact(store, *client_id, contact, *intent)?,
            };
            key(RecordKind::Contact, id, contact.date)
        }
        SaveRequest::Client(c) => store.update_client(c).map(|_| None)?,
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
                store.update_employment(employment)?;
                records::employment_day(employment).and_then(|d| key(RecordKind::Employment, id, d))
            }
            // Refused unless the current job ended before this one begins.
            None => usecases::add_employment(store, *client_id, employment).map(|_| None)?,
        },
        SaveRequest::Consent { client_id, consent } => {
            let id = match consent.id {
                Some(id) => store.update_consent(consent).map(|_| id)?,
                None => store.add_consent(*client_id, consent)?,
            };
            key(RecordKind::Consent, id, consent.date)
        }
        SaveRequest::Plan { client_id, plan } => match plan.id {
            Some(_) => store.update_plan(plan).map(|_| None)?,
            None => {
                let id = store.add_plan(*client_id, plan)?;
                key(RecordKind::Plan, id, plan.created)
            }
        },
        SaveRequest::Report { client_id, report } => match report.id {
            Some(_) => store.update_report(report).map(|_| None)?,
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
                Some(id) => store.update_handover(handover).map(|_| id)?,
                None => store.add_handover(*client_id, handover)?,
            };
            key(RecordKind::Handover, id, handover.date)
        }
        SaveRequest::Conference {
            client_id,
            conference,
        } => {
            let id = match conference.id {
                Some(id) => store.update_conference(conference).map(|_| id)?,
                None => store.add_conference(*client_id, conference)?,
            };
            key(RecordKind::Conference, id, conference.date)
        }
        SaveRequest::Close { client_id, closure } => {
            let x = closure;
            usecases::close_case(store, *client_id, x.date, x.reason, &x.note)?;
            None
        }
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
