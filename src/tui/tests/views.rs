//! 閲覧 follows the screen: a `view` row in the audit trail for each client
//! whose case content comes on screen — however it got there — once per
//! client and session; the list alone (a narrow screen) shows none; a
//! failed write is a status message, and the screen carries on.

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::harness::H;
use crate::model::ClientId;
use crate::store::{AuditAction, AuditEntry};
use crate::tui::widgets::layout::Pane;

const SATO: &str = "C003";

fn views(h: &H, external_id: &str) -> Vec<AuditEntry> {
    h.s.store()
        .audit_for_client(h.id(external_id), 100)
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == AuditAction::View)
        .collect()
}

/// Every `view` row of the file, oldest first, as (client, summary).
fn all_views(h: &H) -> Vec<(ClientId, String)> {
    let mut v: Vec<_> =
        h.s.store()
            .audit_log(1000)
            .expect("audit")
            .into_iter()
            .filter(|e| e.action == AuditAction::View)
            .map(|e| (ClientId::new(e.row_id.expect("a client's row")), e.summary))
            .collect();
    v.reverse();
    v
}

fn viewed(h: &H) -> Vec<ClientId> {
    all_views(h).into_iter().map(|(c, _)| c).collect()
}

#[test]
fn moving_down_the_list_with_the_timeline_beside_it_records_each_client_once() {
    let mut h = H::new();
    let first = h.s.app.selected_client_id().expect("a client is selected");
    assert_eq!(viewed(&h), vec![first], "the first client is on screen");
    let mut shown = vec![first];
    for _ in 0..3 {
        h.ch('j');
        shown.push(h.s.app.selected_client_id().expect("selected"));
    }
    assert_eq!(viewed(&h), shown, "one row per client, in order");
    assert!(
        all_views(&h)
            .iter()
            .all(|(c, s)| *s == format!("タイムライン（利用者 #{c}）")),
        "{:?}",
        all_views(&h)
    );
    // Back up and down again: nobody new came on screen.
    for _ in 0..3 {
        h.ch('k');
    }
    h.ch('j');
    assert_eq!(viewed(&h), shown);
    // Into the timeline and out: the same client.
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    assert_eq!(viewed(&h), shown);
}

#[test]
fn clients_the_cursor_passes_before_their_record_arrives_are_not_recorded() {
    let mut h = H::new();
    let first = h.s.app.selected_client_id().expect("selected");
    // Keys held down: five arrive before the next frame, as the loop
    // takes them; only the last client's record is read.
    for _ in 0..5 {
        h.s.typed(Event::Key(KeyEvent::new(
            KeyCode::Char('j'),
            KeyModifiers::NONE,
        )));
    }
    h.now += Duration::from_millis(10);
    h.s.tick(h.now);
    h.s.settle();
    let last = h.s.app.selected_client_id().expect("selected");
    assert_ne!(first, last);
    assert_eq!(viewed(&h), vec![first, last]);
}

#[test]
fn a_narrow_list_shows_no_case_and_the_timeline_tab_does() {
    let mut h = H::sized(60, 24);
    assert!(viewed(&h).is_empty(), "only the list is on screen");
    h.ch('j');
    h.ch('j');
    assert!(viewed(&h).is_empty(), "the cursor over names shows no case");
    let id = h.s.app.selected_client_id().expect("selected");
    h.key(KeyCode::Tab);
    assert_eq!(
        all_views(&h),
        vec![(id, format!("タイムライン（利用者 #{id}）"))]
    );
    // The detail tab is the same client: nothing more.
    h.key(KeyCode::Tab);
    assert_eq!(h.s.app.focus, Pane::Detail);
    assert_eq!(viewed(&h), vec![id]);
}

#[test]
fn a_jump_from_the_deadlines_records_the_client_it_opens() {
    let mut h = H::sized(60, 24);
    h.ch('d');
    assert!(viewed(&h).is_empty(), "the deadlines list names items only");
    h.ch('j');
    h.key(KeyCode::Enter);
    let id = h.s.app.selected_client_id().expect("the deadline's client");
    assert_eq!(h.s.app.focus, Pane::Timeline);
    assert_eq!(viewed(&h), vec![id]);
}

#[test]
fn a_form_opened_from_the_narrow_list_records_its_client_by_the_form() {
    let mut h = H::sized(60, 24);
    h.select(SATO);
    assert!(viewed(&h).is_empty());
    h.ch('c');
    assert!(h.s.app.form.is_some(), "the contact form is open");
    let id = h.id(SATO);
    assert_eq!(
        all_views(&h),
        vec![(id, format!("支援の記録（利用者 #{id}）"))]
    );
    assert_eq!(views(&h, SATO)[0].user, "sato");
}

#[test]
fn a_draft_restored_at_start_up_records_the_client_it_belongs_to() {
    let mut h = H::sized(60, 24);
    h.set_terminal("tty:/dev/pts/1");
    h.select(SATO);
    h.ch('c');
    h.typed("書きかけ");
    h.s.shutdown();
    // A new session: the list of drafts over a narrow list.
    h.reconnect();
    let before = views(&h, SATO).len();
    h.set_terminal("tty:/dev/pts/2");
    assert_eq!(
        views(&h, SATO).len(),
        before,
        "the draft list names it only"
    );
    h.key(KeyCode::Enter);
    assert!(h.s.app.form.is_some(), "the draft's form is open");
    assert_eq!(views(&h, SATO).len(), before + 1);
}

#[test]
fn a_new_session_records_its_own() {
    let mut h = H::new();
    h.select(SATO);
    assert_eq!(views(&h, SATO).len(), 1);
    h.reconnect();
    h.select(SATO);
    assert_eq!(views(&h, SATO).len(), 2);
}

#[test]
fn a_view_that_cannot_be_written_is_a_message_not_a_stop() {
    // Narrow: the case comes on screen only with Tab, after the lock.
    let mut h = H::sized(60, 24);
    h.select(SATO);
    let other = rusqlite::Connection::open(&h.db).expect("open");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    h.key(KeyCode::Tab);
    assert!(
        h.message()
            .contains("閲覧の記録を監査記録に書けませんでした"),
        "{}",
        h.message()
    );
    assert!(h.s.app.timeline.is_some(), "the record is still shown");
    // Not tried again on its own while the file stays locked.
    h.wait(Duration::from_secs(2));
    assert!(!h.s.writing());
    other.execute_batch("COMMIT").expect("unlock");
    assert!(views(&h, SATO).is_empty());
    h.key(KeyCode::Tab);
    assert_eq!(views(&h, SATO).len(), 1, "tried again on the next key");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    assert_eq!(views(&h, SATO).len(), 1);
}
