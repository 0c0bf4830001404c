//! Opening a client's record leaves a `view` row in the audit trail, once
//! per client and session; moving the list's cursor alone does not; a
//! failed write is a status message, and the screen carries on.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::harness::H;
use crate::store::AuditAction;

const SATO: &str = "C003";

fn views(h: &H, external_id: &str) -> Vec<crate::store::AuditEntry> {
    h.s.store()
        .audit_for_client(h.id(external_id), 100)
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == AuditAction::View)
        .collect()
}

#[test]
fn enter_on_a_client_records_one_view_per_session() {
    let mut h = H::new();
    h.select(SATO);
    assert!(views(&h, SATO).is_empty(), "the cursor alone is no opening");
    h.key(KeyCode::Enter);
    let v = views(&h, SATO);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].user, "sato");
    assert!(v[0].summary.starts_with("タイムライン"), "{}", v[0].summary);
    // Back to the list and in again (Tab this time): still one.
    h.s.app.focus = crate::tui::widgets::layout::Pane::List;
    h.key(KeyCode::Tab);
    assert_eq!(views(&h, SATO).len(), 1);
    // A new session records its own.
    h.reconnect();
    h.select(SATO);
    h.key(KeyCode::Enter);
    assert_eq!(views(&h, SATO).len(), 2);
}

#[test]
fn a_view_that_cannot_be_written_is_a_message_not_a_stop() {
    let mut h = H::new();
    h.s.store()
        .set_busy_timeout(Duration::from_millis(20))
        .expect("timeout");
    let other = rusqlite::Connection::open(&h.db).expect("open");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    h.select(SATO);
    h.key(KeyCode::Enter);
    assert!(
        h.message()
            .contains("閲覧の記録を監査記録に書けませんでした"),
        "{}",
        h.message()
    );
    assert!(h.s.app.timeline.is_some(), "the record is still shown");
    other.execute_batch("COMMIT").expect("unlock");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    assert_eq!(views(&h, SATO).len(), 1, "tried again on the next opening");
}
