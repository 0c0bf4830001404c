//! Navigation that matches habits (issue 10, item 5): Esc one level
//! back, `q` out of a sub-view, quitting only from the main screen.

use crossterm::event::{KeyCode, KeyModifiers};

use super::harness::H;
use crate::tui::app::Screen;
use crate::tui::widgets::layout::Pane;

#[test]
fn q_in_the_deadlines_view_returns_to_the_main_screen() {
    let mut h = H::new();
    h.ch('d');
    assert_eq!(h.s.app.screen, Screen::Deadlines);
    h.ch('q');
    assert!(!h.s.app.quit, "q leaves the sub-view, not the program");
    assert_eq!(h.s.app.screen, Screen::Main);
    h.ch('q');
    assert!(h.s.app.quit, "and quits from the main screen");
}

#[test]
fn q_in_the_office_screen_returns_to_the_main_screen() {
    let mut h = H::office();
    h.ch('O');
    assert_eq!(h.s.app.screen, Screen::Office);
    h.ch('q');
    assert!(!h.s.app.quit);
    assert_eq!(h.s.app.screen, Screen::Main);
}

#[test]
fn q_in_the_figures_screen_returns_to_the_main_screen() {
    let mut h = H::office();
    h.ch('F');
    h.s.wait_idle();
    assert_eq!(h.s.app.screen, Screen::Figures);
    h.ch('q');
    assert!(!h.s.app.quit);
    assert_eq!(h.s.app.screen, Screen::Main);
}

#[test]
fn q_with_an_unsaved_form_never_quits() {
    let mut h = H::new();
    h.select("C001");
    h.ch('c');
    // The focus is on 内容: q is text, and Esc asks before dropping it.
    h.ch('q');
    h.key(KeyCode::Esc);
    h.ch('q');
    assert!(!h.s.app.quit);
    assert!(h.s.app.form.is_some(), "the discard question is still up");
}

#[test]
fn esc_in_the_timeline_returns_to_the_list_before_clearing_the_filter() {
    let mut h = H::new();
    h.ch('/');
    h.typed("さとう");
    h.key(KeyCode::Enter);
    assert_eq!(h.s.app.list.query, "さとう");
    h.key(KeyCode::Enter);
    assert_eq!(h.s.app.focus, Pane::Timeline);
    h.key(KeyCode::Esc);
    assert_eq!(h.s.app.focus, Pane::List, "one level back: the list");
    assert_eq!(h.s.app.list.query, "さとう", "the filter stays");
    h.key(KeyCode::Esc);
    assert!(h.s.app.list.query.is_empty(), "then Esc clears it");
}

#[test]
fn shift_tab_on_the_first_field_of_a_form_stays_there() {
    let mut h = H::new();
    h.select("C003");
    h.ch('r');
    h.s.wait_idle();
    let fs = h.s.app.form.as_ref().expect("the report form");
    let first = fs.form.specs()[0].id.clone();
    for _ in 0..80 {
        h.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    }
    let fs = h.s.app.form.as_ref().expect("the report form");
    assert_eq!(fs.form.focus_id(), first, "not wrapped to the bottom");
}

#[test]
fn m_and_the_sort_order_persist_across_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("teichaku/state.toml");
    let mut h = H::new();
    h.s.app.restore_view_state(state.clone());
    assert!(!h.s.app.list.mine_only, "nothing remembered yet");
    h.ch('m');
    h.ch('s');
    h.s.run_effects();
    assert!(state.exists(), "written on the change");
    h.reconnect();
    assert!(!h.s.app.list.mine_only, "a session without the file");
    h.s.app.restore_view_state(state.clone());
    assert!(h.s.app.list.mine_only, "m is back after the restart");
    assert_eq!(h.s.app.list.sort, crate::tui::client_list::Sort::Kana);
    let shown: Vec<_> =
        h.s.app
            .list
            .visible
            .iter()
            .map(|&r| h.s.app.snap.rows[r].staff.clone())
            .collect();
    assert!(
        shown.iter().all(|s| s.as_deref() == Some("sato")),
        "only my caseload is listed: {shown:?}"
    );
    // Turned off again, it stays off.
    h.ch('m');
    h.s.run_effects();
    h.reconnect();
    h.s.app.restore_view_state(state);
    assert!(!h.s.app.list.mine_only);
}

#[test]
fn the_program_starts_on_the_first_client_with_something_to_do_today() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.toml");
    // In ふりがな order 伊藤 (separated: nothing to do) comes first.
    crate::tui::client_list::view_state::ViewState::new(false, crate::tui::client_list::Sort::Kana)
        .write(&state)
        .expect("write");
    let mut h = H::started();
    h.s.app.restore_view_state(state);
    h.s.wait_idle();
    let app = &h.s.app;
    let first = app.list.visible[0];
    assert_eq!(app.snap.rows[first].external_id, "C005", "伊藤 sorts first");
    let row = &app.snap.rows[app.list.selected_row().expect("a selection")];
    assert!(row.overdue > 0, "{} has something to do", row.external_id);
    assert_ne!(row.external_id, "C005");
}
