//! Correcting and removing records from the timeline, driven by keys on a
//! headless session over a real store: Enter on a record opens it in its
//! form, the delete key asks (naming the record) and wants a reason.

use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use super::harness::H;
use crate::dates::YearMonth;
use crate::model::{Contact, RecordId, Status};
use crate::operation::{self, Operation, Record};
use crate::store::{AuditAction, Table};
use crate::tui::fixtures::d;
use crate::tui::timeline::{ItemKey, RecordKind};
use crate::tui::widgets::layout::Pane;

/// 佐藤 健一 (C003): a face-to-face contact on the 12th of every month of
/// 就労定着支援 (2026-03 … 2026-11).
const SATO: &str = "C003";

fn contact_on(h: &H, ext: &str, day: NaiveDate, summary: &str) -> Contact {
    let c = h.s.store().load_client(h.id(ext)).expect("load");
    c.contacts
        .into_iter()
        .find(|x| x.date == day && x.summary.starts_with(summary))
        .expect("fixture contact")
}

/// The client selected, the timeline focused, the cursor on the record.
fn on_record(h: &mut H, ext: &str, kind: RecordKind, id: Option<RecordId>, day: NaiveDate) {
    if h.s.app.focus != Pane::Timeline {
        h.select(ext);
        h.key(KeyCode::Enter);
    }
    let t = h.s.app.timeline.as_mut().expect("timeline");
    assert!(
        t.select_key(&ItemKey::Record(kind, id, day)),
        "{kind:?} {day} on the timeline"
    );
}

fn face_to_face(h: &H, month: u32) -> Status {
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let m = YearMonth::new(2026, month).expect("month");
    t.obligations
        .iter()
        .find(|o| o.id == "ret.monthly_face_to_face" && o.period == Some(m))
        .map(|o| o.status)
        .expect("monthly face-to-face item")
}

/// Empty the focused text field.
fn clear_field(h: &mut H) {
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
}

#[test]
fn enter_on_a_contact_opens_it_filled_and_a_new_date_moves_the_month_it_satisfies() {
    let mut h = H::new();
    // Another worker removed September's visit: September is not done.
    let sept = contact_on(&h, SATO, d(2026, 9, 12), "面談");
    operation::apply(
        &h.other("tanaka"),
        &Operation::Delete {
            table: Table::Contacts,
            id: sept.id.expect("id"),
            version: None,
            reason: ("重複").to_string(),
        },
    )
    .expect("deleted");
    h.wait(Duration::from_millis(600));
    let oct = contact_on(&h, SATO, d(2026, 10, 12), "面談");
    let before =
        h.s.store()
            .load_client(h.id(SATO))
            .expect("load")
            .contacts
            .len();
    on_record(&mut h, SATO, RecordKind::Contact, oct.id, oct.date);
    assert_ne!(face_to_face(&h, 9), Status::Done);
    assert_eq!(face_to_face(&h, 10), Status::Done);

    h.key(KeyCode::Enter);
    let fs = h.s.app.form.as_ref().expect("the contact's form");
    assert!(fs.form.title().contains("修正"), "{}", fs.form.title());
    let client = h.id(SATO);
    let id = oct.id.expect("id");
    assert_eq!(
        fs.draft_key,
        format!("tui/sato/contact/{client}/{id}"),
        "a draft of this edit belongs to this record only"
    );
    assert_eq!(h.form_value("date"), "令和8年10月12日");
    assert_eq!(h.form_value("time"), "14:00");
    assert_eq!(h.form_value("summary"), "面談。業務と体調の様子を確認");
    assert_eq!(h.form_value("method"), "in_person");

    // The date is the first field.
    clear_field(&mut h);
    h.typed("2026-09-30");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "{}", h.message());
    assert_eq!(h.message(), "修正しました");

    let c = h.s.store().load_client(client).expect("load");
    let saved = c
        .contacts
        .iter()
        .find(|x| x.id == oct.id)
        .expect("same row");
    assert_eq!(saved.date, d(2026, 9, 30));
    assert_eq!(saved.summary, oct.summary, "the rest is as it was");
    assert_eq!(saved.staff.as_deref(), Some("sato"), "who made it stays");
    assert_eq!(c.contacts.len(), before, "corrected, not added");

    assert_eq!(face_to_face(&h, 9), Status::Done, "September is now done");
    assert_ne!(face_to_face(&h, 10), Status::Done, "October no longer is");
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let r = t.selected_record().expect("the cursor follows the record");
    assert_eq!((r.id, r.date), (oct.id, d(2026, 9, 30)));
}

#[test]
fn a_corrected_contact_keeps_every_step_it_is_linked_to() {
    let mut h = H::new();
    let x = contact_on(&h, SATO, d(2025, 10, 20), "利用意向");
    assert_eq!(x.obligations.len(), 2, "fixture: linked to two steps");
    on_record(&mut h, SATO, RecordKind::Contact, x.id, x.date);
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("obligation"), "m23.confirm_intent");
    assert_eq!(h.form_value("obligation_2"), "m23.share_status");
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("summary");
    h.typed("（追記）");
    h.ctrl('s');
    assert_eq!(h.message(), "修正しました");
    let saved = contact_on(&h, SATO, x.date, "利用意向");
    assert!(saved.summary.ends_with("（追記）"), "{}", saved.summary);
    assert_eq!(saved.obligations, x.obligations);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    for step in ["m23.confirm_intent", "m23.share_status"] {
        let o = t.obligations.iter().find(|o| o.id == step).expect("step");
        assert_eq!(o.status, Status::Done, "{step}");
    }
}

#[test]
fn a_stale_correction_is_refused_and_the_input_stays() {
    let mut h = H::new();
    let x = contact_on(&h, SATO, d(2026, 11, 12), "面談");
    on_record(&mut h, SATO, RecordKind::Contact, x.id, x.date);
    h.key(KeyCode::Enter);
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("summary");
    h.typed("。次回は12月");
    // Meanwhile another worker corrects the same contact.
    let other = h.other("tanaka");
    let mut theirs = x.clone();
    theirs.summary = "面談（田中が修正）".into();
    operation::apply(&other, &Operation::edit(Record::Contact(theirs.clone())))
        .expect("the other user saves first");
    h.ctrl('s');
    assert!(
        h.message().contains("他の人が先に変更しました"),
        "{}",
        h.message()
    );
    assert!(h.s.app.form.is_some(), "the form stays open");
    assert!(
        h.form_value("summary").ends_with("。次回は12月"),
        "the input is kept"
    );
    let stored = contact_on(&h, SATO, x.date, "面談");
    assert_eq!(
        stored.summary, "面談（田中が修正）",
        "nothing was overwritten"
    );
}

#[test]
fn enter_on_other_records_opens_each_in_its_own_form() {
    let mut h = H::new();
    let c = h.s.store().load_client(h.id(SATO)).expect("load");
    let e = c.employments[0].clone();
    on_record(&mut h, SATO, RecordKind::Employment, e.id, d(2025, 9, 1));
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("employer_name"), "ひまわり介護サービス");
    let key = h.s.app.form.as_ref().expect("form").draft_key.clone();
    assert!(key.ends_with(&format!("/{}", e.id.expect("id"))), "{key}");
    h.key(KeyCode::Esc);

    let r = c.reports.iter().find(|r| r.month.month == 5).expect("May");
    on_record(&mut h, SATO, RecordKind::Report, r.id, d(2026, 5, 28));
    h.key(KeyCode::Enter);
    let fs = h.s.app.form.as_ref().expect("report form");
    assert!(
        fs.form.title().contains("令和8年5月"),
        "{}",
        fs.form.title()
    );
    h.key(KeyCode::Esc);

    let p = &c.plans[0];
    on_record(&mut h, SATO, RecordKind::PlanReview, p.id, d(2026, 9, 4));
    h.key(KeyCode::Enter);
    let fs = h.s.app.form.as_ref().expect("plan form");
    assert_eq!(fs.base_plan.as_ref().and_then(|x| x.id), p.id, "its plan");
}

#[test]
fn a_consent_a_handover_and_a_conference_are_corrected_in_place() {
    use crate::model::{AgencyKind, CaseConference, Consent, Handover, ObligationId};
    let mut h = H::new();
    let client = h.id(SATO);
    let other = h.other("tanaka");
    let day = d(2026, 11, 2);
    let consent = Consent {
        id: None,
        version: 0,
        scope: "agency_sharing".into(),
        date: day,
        written: true,
        withdrawn: None,
    };
    let handover = Handover {
        id: None,
        version: 0,
        date: day,
        agency: "みどり市障害者就業・生活支援センター".into(),
        shared: "通院の状況".into(),
        consent: true,
        obligations: ObligationId::parse("end.handover_share")
            .into_iter()
            .collect(),
    };
    let conference = CaseConference {
        id: None,
        version: 0,
        date: day,
        agencies: vec![AgencyKind::HelloWork],
        online: false,
        manager_attended: true,
        manager_informed: false,
        notes: String::new(),
    };
    let ids = [
        operation::apply(
            &other,
            &Operation::AddConsent {
                client_id: client,
                consent: Box::new(consent.clone()),
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect("consent"),
        operation::apply(
            &other,
            &Operation::AddHandover {
                client_id: client,
                handover: Box::new(handover.clone()),
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect("handover"),
        operation::apply(
            &other,
            &Operation::AddConference {
                client_id: client,
                conference: Box::new(conference.clone()),
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect("conference"),
    ];
    h.wait(Duration::from_millis(600));

    on_record(&mut h, SATO, RecordKind::Consent, Some(ids[0]), day);
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("scope"), "agency_sharing");
    assert_eq!(h.form_value("written"), "true");
    set(&mut h, "withdrawn", "2026-11-20");
    h.ctrl('s');
    assert_eq!(h.message(), "修正しました");

    on_record(&mut h, SATO, RecordKind::Handover, Some(ids[1]), day);
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("link_end"), "true", "its step is ticked");
    assert_eq!(h.form_value("shared"), "通院の状況");
    set(&mut h, "shared", "通院と服薬の状況");
    h.ctrl('s');
    assert_eq!(h.message(), "修正しました");

    on_record(&mut h, SATO, RecordKind::Conference, Some(ids[2]), day);
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("agency_hello_work"), "true");
    set(&mut h, "notes", "次回は1月");
    h.ctrl('s');
    assert_eq!(h.message(), "修正しました");

    let c = h.s.store().load_client(client).expect("load");
    assert_eq!(
        (c.consents.len(), c.handovers.len(), c.conferences.len()),
        (1, 1, 1),
        "corrected, not added"
    );
    assert_eq!(c.consents[0].withdrawn, Some(d(2026, 11, 20)));
    assert_eq!(c.handovers[0].shared, "通院と服薬の状況");
    assert_eq!(c.handovers[0].obligations, handover.obligations);
    assert_eq!(c.conferences[0].notes, "次回は1月");
    assert_eq!(c.conferences[0].agencies, vec![AgencyKind::HelloWork]);
}

/// Replace the value of field `id` of the open form by typing.
fn set(h: &mut H, id: &str, value: &str) {
    h.s.app.form.as_mut().expect("form").form.focus_field(id);
    clear_field(h);
    h.typed(value);
}

#[test]
fn the_delete_key_names_the_record_esc_keeps_it_and_a_reason_removes_it_with_an_audit_row() {
    let mut h = H::new();
    let x = contact_on(&h, SATO, d(2026, 11, 12), "面談");
    let id = x.id.expect("id");
    on_record(&mut h, SATO, RecordKind::Contact, x.id, x.date);

    h.ch('D');
    let screen = h.draw();
    assert!(
        screen.contains("支援記録 令和8年11月12日 本人・面接 を削除しますか"),
        "{screen}"
    );
    h.key(KeyCode::Esc);
    assert!(h.s.app.dialog.is_none());
    assert!(h.message().contains("削除をやめました"), "{}", h.message());
    let c = h.s.store().load_client(h.id(SATO)).expect("load");
    assert!(c.contacts.iter().any(|c| c.id == x.id), "Esc keeps it");

    h.ch('D');
    h.key(KeyCode::Enter);
    let d =
        h.s.app
            .dialog
            .as_ref()
            .expect("no reason: the dialog stays");
    assert!(d.error.as_deref().unwrap_or("").contains("理由"), "{d:?}");
    h.ch('2'); // 重複
    assert_eq!(h.s.app.dialog.as_ref().expect("dialog").reason, "重複");
    h.typed("（11/20と同じ）");
    h.key(KeyCode::Enter);
    assert!(h.s.app.dialog.is_none(), "{}", h.message());
    assert!(h.message().contains("削除しました"), "{}", h.message());

    let client = h.id(SATO);
    let c = h.s.store().load_client(client).expect("load");
    assert!(!c.contacts.iter().any(|c| c.id == x.id), "gone");
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert!(!t.records.iter().any(|r| r.id == x.id), "off the timeline");
    assert!(t.selected_record().is_some() || t.selected_obligation().is_some());

    let audit = h.s.store().audit_for_client(client, 5).expect("audit");
    let a = audit
        .iter()
        .find(|a| a.action == AuditAction::Delete && a.row_id == Some(id.get()))
        .expect("an audit row for the deletion");
    assert_eq!(a.table, "contacts");
    assert_eq!(a.user, "sato");
    let detail: serde_json::Value =
        serde_json::from_str(a.detail.as_deref().expect("detail")).expect("json");
    assert_eq!(detail["reason"], "重複（11/20と同じ）");
    assert_eq!(detail["old"]["summary"], "面談。業務と体調の様子を確認");
    assert_eq!(detail["old"]["date"], "2026-11-12");
}

#[test]
fn the_delete_key_on_an_obligation_only_says_which_rows_can_be_deleted() {
    let mut h = H::new();
    h.select(SATO);
    h.key(KeyCode::Enter);
    assert!(
        h.s.app
            .timeline
            .as_ref()
            .and_then(|t| t.selected_obligation())
            .is_some(),
        "the cursor starts on an item"
    );
    h.ch('D');
    assert!(h.s.app.dialog.is_none());
    assert!(h.message().contains("削除できるのは"), "{}", h.message());
    assert!(
        crate::text::width(&h.message()) <= 80,
        "the whole message fits the status line"
    );
}

#[test]
fn deleting_a_plan_review_removes_only_that_review() {
    let mut h = H::new();
    let c = h.s.store().load_client(h.id(SATO)).expect("load");
    let p = c.plans[0].clone();
    on_record(&mut h, SATO, RecordKind::PlanReview, p.id, d(2026, 9, 4));
    h.ch('D');
    assert!(
        h.draw().contains("計画の見直し 令和8年9月4日"),
        "{}",
        h.draw()
    );
    h.ch('1');
    h.key(KeyCode::Enter);
    assert!(h.message().contains("削除しました"), "{}", h.message());
    let c = h.s.store().load_client(h.id(SATO)).expect("load");
    assert_eq!(c.plans.len(), 1, "the plan stays");
    assert!(c.plans[0].reviews.is_empty(), "its review is gone");
}

#[test]
fn snapshot_delete_dialog_80x24() {
    let mut h = H::new();
    let x = contact_on(&h, SATO, d(2026, 11, 20), "職場訪問");
    on_record(&mut h, SATO, RecordKind::Contact, x.id, x.date);
    h.ch('D');
    let s = h.draw();
    for line in s.lines() {
        assert!(crate::text::width(line) <= 80, "{line}");
    }
    insta::assert_snapshot!("delete_dialog_80x24", s);
}

#[test]
fn enter_on_a_done_item_opens_the_record_that_completed_it() {
    let mut h = H::new();
    h.select(SATO);
    h.key(KeyCode::Enter);
    let oct = contact_on(&h, SATO, d(2026, 10, 12), "面談");
    let m = YearMonth::new(2026, 10).expect("month");
    let t = h.s.app.timeline.as_mut().expect("timeline");
    assert!(t.select_key(&ItemKey::Obligation(
        "ret.monthly_face_to_face",
        Some(m),
        None
    )));
    h.key(KeyCode::Enter);
    let fs = h.s.app.form.as_ref().expect("a form opens");
    assert!(fs.form.title().contains("修正"), "{}", fs.form.title());
    let base = match &fs.base_record {
        Some(crate::tui::app::edit::EditBase::Contact(c)) => c.clone(),
        other => panic!("a contact being corrected, not {other:?}"),
    };
    assert_eq!(base.id, oct.id, "the contact that satisfied October");
}
