//! The operations on one case, with the rules that cross its records.
//! Each runs inside `apply`'s transaction, so what it reads (the client,
//! the staff list, the items of the timeline) is the office as it is now.

use chrono::NaiveDate;

use crate::access::Permission;
use crate::dates::YearMonth;
use crate::model::{
    Client, ClientId, Closure, ClosureReason, ConflictRecord, Contact, Employment, Intent,
    ObligationId, RecordId, Resolution, Status,
};
use crate::store::{Edit, Store, StoreError, Table};
use crate::text::for_display;

use super::{Applied, Record};

pub(super) fn add_client(store: &Store, c: &Client) -> Result<ClientId, StoreError> {
    check_assigned(store, c.assigned_staff.as_deref(), None)?;
    store.add_case(c)
}

/// A client of an import; `keep_unregistered`: the person chose to keep a
/// 担当者 who is not registered staff.
pub(super) fn import_client(
    store: &Store,
    c: &Client,
    keep_unregistered: bool,
) -> Result<ClientId, StoreError> {
    if !keep_unregistered {
        check_assigned(store, c.assigned_staff.as_deref(), None).map_err(|e| match e {
            StoreError::Rules { problems, .. } => StoreError::Rules {
                what: format!("利用者 {}", for_display(&c.external_id)),
                problems: problems
                    .into_iter()
                    .map(|mut p| {
                        p.message.push_str(
                            "そのまま取り込むときは --keep-unregistered-staff を付けてください。",
                        );
                        p
                    })
                    .collect(),
            },
            e => e,
        })?;
    }
    store.add_case(c)
}

pub(super) fn edit_client(
    store: &Store,
    c: &Client,
    conflict: Option<&ConflictRecord>,
) -> Result<i64, StoreError> {
    // The stored login alone: the rest of the case is not needed here.
    let stored = match c.id {
        Some(id) => store.assigned_staff(id)?,
        None => None,
    };
    check_assigned(store, c.assigned_staff.as_deref(), stored.as_deref())?;
    store.update(Edit::Client(c), conflict)
}

/// The 担当者 is a registered member of staff: a login that is not would
/// silently take the client out of everyone's deadlines. A login already
/// stored passes unchanged (a member who left keeps their clients until
/// they are handed over); an office with no staff registered yet (being
/// set up, a restore before its staff) takes any.
fn check_assigned(
    store: &Store,
    login: Option<&str>,
    stored: Option<&str>,
) -> Result<(), StoreError> {
    let Some(login) = login.filter(|l| !l.trim().is_empty()) else {
        return Ok(());
    };
    if stored == Some(login) {
        return Ok(());
    }
    let staff = store.list_staff()?;
    if staff.is_empty() || staff.iter().any(|s| s.login == login) {
        return Ok(());
    }
    let logins: Vec<&str> = staff.iter().map(|s| s.login.as_str()).collect();
    Err(StoreError::Rules {
        what: "担当者".into(),
        problems: vec![crate::validate::Problem {
            field: "assigned_staff".into(),
            also: Vec::new(),
            message: format!(
                "担当者「{}」は職員として登録されていません。登録された職員のログイン名から選んでください（{}）。登録されていないログインの利用者は、誰の期限一覧にも出ません。",
                crate::text::as_typed(login),
                logins.join("・")
            ),
        }],
    })
}

/// A new job. Refused while the current job has no 離職日, or when the
/// new one starts before it ended: two jobs at once would silently move
/// every deadline.
pub(super) fn add_employment(
    store: &Store,
    client_id: ClientId,
    e: &Employment,
) -> Result<RecordId, StoreError> {
    let client = store.load_client(client_id)?;
    if let Some(current) = client.current_employment() {
        let Some(sep) = current.separation_date else {
            return Err(StoreError::Invalid(format!(
                "今の就職（{}）に離職日がありません。新しい就職を登録する前に、今の就職の離職日を記録してください。",
                for_display(&current.employer.name)
            )));
        };
        if let Some(anchor) = e.anchor()
            && anchor <= sep
        {
            return Err(StoreError::Invalid(format!(
                "新しい就職の起算日（{anchor}）が、前の就職の離職日（{sep}）より後になっていません。"
            )));
        }
    }
    store.add_employment(client_id, e)
}

/// 離職 on the client's current job; the job's row id.
pub(super) fn end_employment(
    store: &Store,
    client_id: ClientId,
    date: NaiveDate,
    reason: Option<&str>,
) -> Result<RecordId, StoreError> {
    let client = store.load_client(client_id)?;
    let mut e = client.current_employment().cloned().ok_or_else(|| {
        StoreError::Invalid("就職の記録がないため、離職を記録できません。".into())
    })?;
    if let Some(sep) = e.separation_date {
        return Err(StoreError::Invalid(format!(
            "今の就職には離職日（{sep}）が記録されています。直すときは就職の記録を編集してください。"
        )));
    }
    e.separation_date = Some(date);
    e.separation_reason = reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    store.update(Edit::Employment(&e), None)?;
    e.id.ok_or_else(|| StoreError::NotFound {
        what: "就職（未保存）".into(),
    })
}

pub(super) fn add_contact(
    store: &Store,
    client_id: ClientId,
    contact: &Contact,
    intent: Option<Intent>,
) -> Result<RecordId, StoreError> {
    check_recorder(store, contact, || Ok(None))?;
    match intent {
        None => store.add_contact(client_id, contact),
        Some(intent) => {
            let client = store.load_client(client_id)?;
            let Some(e) = client.current_employment() else {
                return Err(StoreError::Invalid(
                    "就職の記録がないため、利用意向を記録できません。".into(),
                ));
            };
            store.add_contact_with_intent(client_id, contact, e, intent)
        }
    }
}

pub(super) fn edit(
    store: &Store,
    record: &Record,
    conflict: Option<&ConflictRecord>,
) -> Result<Applied, StoreError> {
    let (edit, id) = match record {
        Record::Employment(e) => (Edit::Employment(e), e.id),
        Record::Contact(c) => {
            let id = c.id.ok_or_else(|| StoreError::NotFound {
                what: "支援記録（未保存）".into(),
            })?;
            check_recorder(store, c, || Ok(contact_by_id(store, id)?.staff))?;
            (Edit::Contact(c), c.id)
        }
        Record::Report(r) => (Edit::Report(r), r.id),
        Record::Plan(p) => (Edit::Plan(p), p.id),
        Record::Consent(c) => (Edit::Consent(c), c.id),
        Record::Handover(h) => (Edit::Handover(h), h.id),
        Record::Conference(k) => (Edit::Conference(k), k.id),
    };
    store.update(edit, conflict)?;
    Ok(Applied {
        client: None,
        record: id,
    })
}

fn contact_by_id(store: &Store, id: RecordId) -> Result<Contact, StoreError> {
    let client = store.load_client(store.owner_of(Table::Contacts, id)?)?;
    client
        .contacts
        .into_iter()
        .find(|c| c.id == Some(id))
        .ok_or_else(|| StoreError::NotFound {
            what: format!("支援記録 #{id}"),
        })
}

/// A contact names its 記録者: oneself, anyone for a サービス管理責任者 or
/// 管理者 — always a registered member of staff. A correction that keeps
/// the recorded 記録者 is not a new claim and passes. The rule set speaks
/// first: a malformed 記録者 gets its field message from the store's write.
fn check_recorder(
    store: &Store,
    contact: &Contact,
    recorded: impl FnOnce() -> Result<Option<String>, StoreError>,
) -> Result<(), StoreError> {
    let Some(login) = contact.staff.as_deref() else {
        return Ok(());
    };
    // Oneself (the common case) needs no look-up of the stored record.
    if login == store.user() || !crate::validate::contact(contact, store.write_day()).is_empty() {
        return Ok(());
    }
    if recorded()?.as_deref() == Some(login) {
        return Ok(());
    }
    store.require(Permission::RecordForOthers)?;
    if store.staff_member(login)?.is_none() {
        return Err(StoreError::Invalid(format!(
            "記録者「{}」は職員として登録されていません（`teichaku staff list` で確認できます）。何も保存していません。",
            crate::text::as_typed(login)
        )));
    }
    Ok(())
}

/// Deletes record `id` of `table` if still at `version` (at whatever
/// version it is now when none is given).
pub(super) fn delete(
    store: &Store,
    table: Table,
    id: RecordId,
    version: Option<i64>,
    reason: &str,
) -> Result<(), StoreError> {
    let version = match version {
        Some(v) => v,
        None => crate::usecases::record_row(store, table, id)?.version,
    };
    store.delete_record(table, id, version, reason)
}

/// One item of a client's timeline: a step (one month of a monthly step)
/// of the current job, or of an earlier job (its anchor).
#[derive(Debug, Clone, Copy)]
pub(super) struct Item {
    pub obligation: ObligationId,
    pub period: Option<YearMonth>,
    pub job: Option<NaiveDate>,
}

impl Item {
    /// The anchor of the item's job, as a decision records it.
    fn job_anchor(&self, client: &Client) -> Option<NaiveDate> {
        self.job
            .or_else(|| client.current_employment().and_then(|e| e.anchor()))
    }
}

/// 対象外 with `reason`, decided by the store's user today. Refused for an
/// item that is done, that the rule set already waives (its reason is the
/// rule's, and no person's decision replaces it), or that a person already
/// decided.
pub(super) fn resolve(
    store: &Store,
    client_id: ClientId,
    item: Item,
    reason: &str,
) -> Result<RecordId, StoreError> {
    let Item {
        obligation, period, ..
    } = item;
    if obligation.is_monthly() && period.is_none() {
        return Err(StoreError::Invalid(format!(
            "{obligation} は月ごとの項目です。対象外にする月（例: 2026-10）を指定してください。"
        )));
    }
    let client = store.load_client(client_id)?;
    let before = crate::usecases::item(store, &client, obligation, period, item.job)?;
    match (before.status, &before.waived_by) {
        (Status::Done, _) => {
            return Err(StoreError::Invalid(format!(
                "{obligation} は完了しています。完了した項目は対象外にできません（記録を直すか削除してください）。"
            )));
        }
        (Status::Waived, None) => {
            let why = before.waived_reason.as_deref().unwrap_or("規則");
            return Err(StoreError::Invalid(format!(
                "{obligation} は規則で対象外です（{}）。人の判断は要らず、理由を変えることもできません。何も変更していません。",
                for_display(why)
            )));
        }
        (Status::Waived, Some(by)) => {
            return Err(StoreError::Invalid(format!(
                "{obligation} は {} が対象外にしています。理由を変えるときは、先に判断を取り消してください。",
                for_display(by)
            )));
        }
        _ => {}
    }
    let r = Resolution {
        id: None,
        obligation,
        period,
        reason: reason.trim().to_string(),
        decided_by: store.user().to_string(),
        decided_on: store.write_day(),
        job: item.job_anchor(&client),
    };
    store.add_resolution(client_id, &r)
}

/// Takes back the decision on `item`; the audit keeps it with `reason`.
pub(super) fn unresolve(
    store: &Store,
    client_id: ClientId,
    item: Item,
    reason: &str,
) -> Result<ClientId, StoreError> {
    let client = store.load_client(client_id)?;
    store.remove_resolution(
        client_id,
        item.obligation,
        item.period,
        item.job_anchor(&client),
        reason,
    )?;
    Ok(client_id)
}

pub(super) fn close(
    store: &Store,
    client_id: ClientId,
    date: NaiveDate,
    reason: ClosureReason,
    note: &str,
) -> Result<ClientId, StoreError> {
    let client = store.load_client(client_id)?;
    let x = Closure {
        date,
        reason,
        note: note.trim().to_string(),
        closed_by: store.user().to_string(),
    };
    store.close_client(client_id, client.version, &x)?;
    Ok(client_id)
}

pub(super) fn reopen(
    store: &Store,
    client_id: ClientId,
    reason: &str,
) -> Result<ClientId, StoreError> {
    let client = store.load_client(client_id)?;
    if client.closure.is_none() {
        return Err(StoreError::Invalid(
            "この利用者のケースは終結していません。".into(),
        ));
    }
    store.reopen_client(client_id, client.version, reason)?;
    Ok(client_id)
}
