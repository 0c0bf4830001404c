//! The one reason dialog by keys on a real store, where its callers
//! share it: the keys of the `dialog` table for every caller, a write the
//! store refuses (the dialog stays and says why), and a long note that
//! must not push the reason out of the box.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::harness::H;
use crate::model::{ClosureReason, RecordId};
use crate::operation::{self, Operation, Record};
use crate::store::{AuditAction, Table};
use crate::tui::fixtures::{d, today};
use crate::tui::timeline::{ItemKey, RecordKind};

/// 佐藤 健一: a face-to-face contact on the 12th of every month.
const SATO: &str = "C003";

/// The timeline on 佐藤's contact of 2026-11-12; its id.
fn on_november_contact(h: &mut H) -> RecordId {
    let c = h.s.store().load_client(h.id(SATO)).expect("load");
    let x = c
        .contacts
        .iter()
        .find(|x| x.date == d(2026, 11, 12))
        .expect("fixture contact");
    let id = x.id.expect("id");
    h.select(SATO);
    h.key(KeyCode::Enter);
    let t = h.s.app.timeline.as_mut().expect("timeline");
    let key = ItemKey::Record(RecordKind::Contact, Some(id), x.date);
    assert!(t.select_key(&key), "the contact is on the timeline");
    id
}

fn on_timeline(h: &H, id: RecordId) -> bool {
    let t = h.s.app.timeline.as_ref().expect("timeline");
    t.records.iter().any(|r| r.id == Some(id))
}

#[test]
fn ctrl_s_deletes_like_enter_and_a_second_number_replaces_the_first() {
    let mut h = H::new();
    let id = on_november_contact(&mut h);
    h.ch('D');
    h.ch('1');
    h.ch('2');
    assert_eq!(h.s.app.dialog.as_ref().expect("dialog").reason, "重複");
    h.ctrl('s');
    assert!(h.s.app.dialog.is_none(), "{}", h.message());
    assert!(
        h.message().contains("を削除しました（理由: 重複）"),
        "{}",
        h.message()
    );
    assert!(!on_timeline(&h, id));
    let audit = h.s.store().audit_for_client(h.id(SATO), 5).expect("audit");
    let a = audit
        .iter()
        .find(|a| a.action == AuditAction::Delete && a.row_id == Some(id.get()))
        .expect("an audit row");
    let detail: serde_json::Value =
        serde_json::from_str(a.detail.as_deref().expect("detail")).expect("json");
    assert_eq!(detail["reason"], "重複");
}

#[test]
fn a_record_someone_else_deleted_first_keeps_the_dialog_with_why_and_the_timeline_catches_up() {
    let mut h = H::new();
    let id = on_november_contact(&mut h);
    h.ch('D');
    operation::apply(
        &h.other("tanaka"),
        &Operation::Delete {
            table: Table::Contacts,
            id,
            version: None,
            reason: ("誤記").to_string(),
        },
    )
    .expect("the other user deletes it first");
    h.ch('1');
    h.key(KeyCode::Enter);
    let d = h.s.app.dialog.as_ref().expect("the dialog stays");
    assert!(!d.busy, "keys work again");
    let why = d.error.clone().unwrap_or_default();
    assert!(why.starts_with("削除できませんでした"), "{why}");
    assert!(
        h.message().starts_with("削除できませんでした"),
        "{}",
        h.message()
    );
    assert!(
        h.draw().contains("削除できませんでした"),
        "the box says why"
    );
    assert!(!on_timeline(&h, id), "read again: the record is gone");
    h.key(KeyCode::Esc);
    assert!(h.s.app.dialog.is_none());
    assert!(h.message().contains("削除をやめました"), "{}", h.message());
}

#[test]
fn snapshot_reopen_dialog_with_a_long_note_keeps_the_reason_in_the_box() {
    let mut h = H::new();
    let id = h.id("C005");
    let note = format!(
        "{}\n{}\n転居先の事業所に引き継いだ",
        "本人と家族の希望で県外へ転居。".repeat(6),
        "引継ぎ先と連絡済み。"
    );
    operation::apply(
        h.s.store(),
        &Operation::Close {
            client_id: id,
            date: today(),
            reason: ClosureReason::Moved,
            note: note.to_string(),
        },
    )
    .expect("close");
    h.reconnect();
    h.ch('a');
    h.wait(Duration::from_millis(10));
    h.select("C005");
    h.ch('Z');
    let d = h.s.app.dialog.as_ref().expect("the dialog to reopen");
    assert!(d.facts.contains(&("理由", "転居".to_string())));
    let screen = h.draw();
    for line in screen.lines() {
        assert!(crate::text::width(line) <= 80, "{line}");
    }
    assert!(screen.contains("理由*"), "{screen}");
    assert!(screen.contains("Enter 取り消す  Esc やめる"), "{screen}");
    assert!(
        !screen.contains("転居先の事業所"),
        "the note is cut: {screen}"
    );
    insta::assert_snapshot!("reopen_dialog_80x24", screen);
}

#[test]
fn a_record_someone_else_corrected_after_it_was_shown_is_not_deleted_unseen() {
    let mut h = H::new();
    let id = on_november_contact(&mut h);
    h.ch('D');
    // tanaka corrects the contact while the dialog is open.
    let other = h.other("tanaka");
    let c = other.load_client(h.id(SATO)).expect("load");
    let mut x = c
        .contacts
        .into_iter()
        .find(|x| x.id == Some(id))
        .expect("x");
    x.summary = "田中が書き足した".into();
    let op = Operation::edit(Record::Contact(x));
    operation::apply(&other, &op).expect("tanaka corrects it");
    h.ch('1');
    h.key(KeyCode::Enter);
    assert!(h.s.app.dialog.is_some(), "the dialog stays");
    assert!(
        h.message().starts_with("削除できませんでした"),
        "{}",
        h.message()
    );
    let c = h.s.store().load_client(h.id(SATO)).expect("load");
    let kept = c.contacts.iter().find(|x| x.id == Some(id)).expect("kept");
    assert_eq!(kept.summary, "田中が書き足した");
}
