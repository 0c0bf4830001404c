//! Another session's write reloads only the clients it changed: the
//! audit trail names them. Views change nothing; an office-wide change
//! (settings) reads everyone again. The cursor, the filter and an open
//! form stay through all of it.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::harness::H;
use crate::operation::{self, Operation, Record};
use crate::tui::record_forms::{contact_defaults, contact_from_values};

fn phone_call(summary: &str) -> crate::model::Contact {
    let mut v = contact_defaults(crate::tui::fixtures::today(), None);
    v.insert("summary".into(), summary.into());
    contact_from_values(&v, crate::tui::fixtures::today(), "tanaka").expect("valid")
}

fn caught_up(h: &mut H) {
    h.wait(Duration::from_millis(600));
    h.wait(Duration::from_millis(10));
}

#[test]
fn a_contact_elsewhere_reloads_that_client_only() {
    let mut h = H::new();
    h.select("C003");
    let before = h.s.refreshes;
    let other = h.other("tanaka");
    operation::apply(
        &other,
        &Operation::AddContact {
            client_id: h.id("C001"),
            contact: Box::new(phone_call("別の端末から")),
            intent: None,
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("write");
    caught_up(&mut h);
    let after = h.s.refreshes;
    assert_eq!(after.full, before.full, "no whole reload");
    assert_eq!(after.partial, before.partial + 1);
    assert_eq!(after.clients, before.clients + 1, "one client read again");
    assert_eq!(h.selected_external_id(), "C003", "the cursor stays");
    // The changed client's row shows the new state.
    h.select("C001");
    h.key(KeyCode::Enter);
    h.wait(Duration::from_millis(10));
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert!(t.records.iter().any(|r| r.body == "別の端末から"));
}

#[test]
fn the_client_on_screen_gets_a_new_timeline_keeping_the_cursor() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter);
    h.ch('j');
    let key = h.s.app.timeline.as_ref().and_then(|t| t.selected_key());
    operation::apply(
        &h.other("tanaka"),
        &Operation::AddContact {
            client_id: h.id("C003"),
            contact: Box::new(phone_call("画面の利用者に")),
            intent: None,
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("write");
    caught_up(&mut h);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert!(t.records.iter().any(|r| r.body == "画面の利用者に"));
    assert_eq!(t.selected_key(), key);
}

#[test]
fn a_view_elsewhere_reads_nothing_again() {
    let mut h = H::new();
    let before = h.s.refreshes;
    h.other("tanaka")
        .record_view(h.id("C002"), "タイムライン")
        .expect("view");
    caught_up(&mut h);
    let after = h.s.refreshes;
    assert_eq!(after.full, before.full);
    assert_eq!(after.clients, before.clients, "a view changes no data");
}

#[test]
fn a_client_closed_elsewhere_leaves_the_list_and_the_cursor_moves_on() {
    let mut h = H::new();
    h.select("C005");
    let listed = h.s.app.list.visible.len();
    let other = h.other("sato");
    operation::apply(
        &other,
        &Operation::Close {
            client_id: h.id("C005"),
            date: crate::tui::fixtures::today(),
            reason: crate::model::ClosureReason::Separation,
            note: ("転居のため").to_string(),
        },
    )
    .expect("close");
    caught_up(&mut h);
    assert_eq!(h.s.app.list.visible.len(), listed - 1);
    assert_ne!(h.selected_external_id(), "C005");
    assert!(
        !h.selected_external_id().is_empty(),
        "a neighbour is selected"
    );
    assert!(
        h.s.app
            .snap
            .pending
            .iter()
            .all(|p| p.row < h.s.app.snap.rows.len()),
        "every pending item points at a row"
    );
}

#[test]
fn an_office_setting_reads_everyone_again() {
    let mut h = H::new();
    let before = h.s.refreshes;
    let other = h.other("sato");
    let mut s = other.settings().expect("settings");
    s.warn_days += 3;
    operation::apply(
        &other,
        &Operation::Office {
            office: None,
            settings: Some(s),
            caseload_only: None,
            export_group: None,
        },
    )
    .expect("settings");
    caught_up(&mut h);
    assert_eq!(h.s.refreshes.full, before.full + 1);
}

#[test]
fn a_changed_client_is_found_by_its_new_text_and_listed_in_its_new_place() {
    let mut h = H::new();
    // 佐藤's employer renamed elsewhere: the filter finds the new name
    // (the row stayed where it was; only its text was renewed).
    let other = h.other("tanaka");
    let mut c = other.load_client(h.id("C003")).expect("load");
    c.employments[0].employer.name = "みらい精機株式会社".into();
    operation::apply(
        &other,
        &Operation::edit(Record::Employment((c.employments[0]).clone())),
    )
    .expect("rename the employer");
    caught_up(&mut h);
    h.ch('/');
    h.typed("みらい精機");
    h.key(KeyCode::Enter);
    assert_eq!(h.s.app.list.visible.len(), 1);
    assert_eq!(h.selected_external_id(), "C003");
    h.key(KeyCode::Esc);

    // A change that moves a client: in ふりがな order, 山田 renamed
    // あいざわ elsewhere goes to the top.
    h.ch('s');
    let first = |h: &H| {
        h.s.app.snap.rows[h.s.app.list.visible[0]]
            .external_id
            .clone()
    };
    assert_ne!(first(&h), "C001");
    let mut c = other.load_client(h.id("C001")).expect("load");
    c.kana = "あいざわ たろう".into();
    operation::apply(
        &other,
        &Operation::EditClient {
            client: Box::new(c.clone()),
            conflict: None,
        },
    )
    .expect("rename");
    caught_up(&mut h);
    assert_eq!(first(&h), "C001", "listed in its new place");
    assert_eq!(h.s.app.list.visible.len(), h.s.app.list.total);
}
