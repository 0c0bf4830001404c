//! The undo key on a real store: a person deletes a contact from the
//! timeline, presses the key, and the contact is back where it was; a
//! second press takes the taking back back. Another person's later change
//! stops it, and the screen says who.

use crossterm::event::KeyCode;

use super::harness::H;
use crate::model::RecordId;
use crate::operation::{self, Operation, Record};
use crate::tui::fixtures::d;
use crate::tui::timeline::{ItemKey, RecordKind};

/// 佐藤 健一: a face-to-face contact on the 12th of every month.
const SATO: &str = "C003";

fn november_contact(h: &mut H) -> RecordId {
    let c = h.s.store().load_client(h.id(SATO)).expect("load");
    let id = c
        .contacts
        .iter()
        .find(|x| x.date == d(2026, 11, 12))
        .and_then(|x| x.id)
        .expect("fixture contact");
    h.select(SATO);
    h.key(KeyCode::Enter);
    let t = h.s.app.timeline.as_mut().expect("timeline");
    let key = ItemKey::Record(RecordKind::Contact, Some(id), d(2026, 11, 12));
    assert!(t.select_key(&key), "the contact is on the timeline");
    id
}

fn exists(h: &H, id: RecordId) -> bool {
    let c = h.s.store().load_client(h.id(SATO)).expect("load");
    c.contacts.iter().any(|x| x.id == Some(id))
}

#[test]
fn undo_brings_back_a_deleted_contact_and_pressed_again_deletes_it_again() {
    let mut h = H::new();
    let id = november_contact(&mut h);
    h.ch('D');
    h.ch('1');
    h.key(KeyCode::Enter);
    assert!(h.s.app.dialog.is_none(), "{}", h.message());
    assert!(!exists(&h, id));
    h.ch('U');
    assert!(h.message().starts_with("取り消しました"), "{}", h.message());
    assert!(exists(&h, id), "back, with its id");
    h.ch('U');
    assert!(!exists(&h, id), "the taking back, taken back");
}

#[test]
fn undo_after_someone_else_changed_the_record_says_who_and_changes_nothing() {
    let mut h = H::new();
    let id = november_contact(&mut h);
    let edit = |who: &crate::store::Store, summary: &str| {
        let c = who.load_client(h.id(SATO)).expect("load");
        let mut x = c
            .contacts
            .into_iter()
            .find(|x| x.id == Some(id))
            .expect("x");
        x.summary = summary.into();
        let op = Operation::edit(Record::Contact(x));
        operation::apply(who, &op).expect("edit");
    };
    edit(h.s.store(), "佐藤が直した");
    edit(&h.other("tanaka"), "田中がさらに直した");
    h.ch('U');
    let m = h.message();
    assert!(
        m.starts_with("取り消せませんでした") && m.contains("tanaka"),
        "{m}"
    );
    let c = h.s.store().load_client(h.id(SATO)).expect("load");
    let x = c.contacts.iter().find(|x| x.id == Some(id)).expect("x");
    assert_eq!(x.summary, "田中がさらに直した");
}
