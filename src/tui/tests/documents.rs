//! The names on documents in the editors: 事業所名 and 担当者 from the
//! store (read at start and with every reload), and the identity fields of
//! a saved report that has none filled from the records.

use crossterm::event::KeyCode;

use super::harness::H;
use crate::model::{Role, Staff};
use crate::operation::{self, Operation};
use crate::store::Store;

/// Name the office and the staff member `sato` (C003's 担当).
fn name_the_office(store: &Store, office: &str) {
    let o = crate::store::Office {
        name: office.to_string(),
        ..store.office().expect("office")
    };
    operation::apply(
        store,
        &Operation::Office {
            office: Some(Box::new(o.clone())),
            settings: None,
            caseload_only: None,
            export_group: None,
        },
    )
    .expect("set office");
    let sato = Staff {
        login: "sato".into(),
        display_name: "佐藤 みのり".into(),
        role: Role::CaseWorker,
        basic_training: None,
        fte_percent: None,
        joined: None,
        left: None,
        fte_history: Vec::new(),
    };
    let op = match store.staff_member("sato").expect("staff") {
        Some(_) => Operation::EditStaff(sato),
        None => Operation::AddStaff(sato),
    };
    operation::apply(store, &op).expect("staff");
}

#[test]
fn the_report_editor_shows_the_office_name_and_the_staff_display_name() {
    let mut h = H::new();
    name_the_office(&h.other("admin"), "P.E 定着支援事業所");
    h.reconnect(); // read at start
    h.select("C003");
    h.ch('r');
    assert_eq!(h.form_value("office_name"), "P.E 定着支援事業所");
    assert_eq!(h.form_value("staff_name"), "佐藤 みのり");
    h.s.app
        .form
        .as_mut()
        .expect("report form")
        .form
        .focus_field("office_name");
    let screen = h.draw();
    assert!(screen.contains("P.E 定着支援事業所"), "{screen}");
    assert!(screen.contains("佐藤 みのり"), "{screen}");
    h.key(KeyCode::Esc);

    // Renamed by someone else while the session runs: the reload brings it.
    name_the_office(&h.other("admin"), "Q.R 定着支援センター");
    h.wait(crate::tui::runtime::event_loop::POLL_EVERY);
    h.select("C003");
    h.ch('r');
    assert_eq!(h.form_value("office_name"), "Q.R 定着支援センター");
}

#[test]
fn a_saved_report_with_only_its_dates_opens_with_the_names_of_record() {
    let mut h = H::new();
    name_the_office(&h.other("admin"), "P.E 定着支援事業所");
    h.reconnect();
    h.select("C003"); // the fixture's reports of 2026-03..09 have no fields
    h.key(KeyCode::Enter);
    let month = crate::dates::YearMonth::new(2026, 9).expect("month");
    let key = crate::tui::timeline::ItemKey::Obligation("ret.monthly_report", Some(month), None);
    assert!(
        h.s.app
            .timeline
            .as_mut()
            .expect("timeline")
            .select_key(&key),
        "item on the timeline"
    );
    h.key(KeyCode::Enter);
    assert!(h.s.app.form.is_some(), "{}", h.message());
    assert_eq!(h.form_value("client_name"), "佐藤 健一");
    assert_eq!(h.form_value("employer"), "ひまわり介護サービス");
    assert_eq!(h.form_value("employment_start"), "令和7年9月1日");
    assert_eq!(h.form_value("staff_name"), "佐藤 みのり");
    assert_eq!(h.form_value("presented"), "令和8年9月28日", "the saved one");
}

#[test]
fn the_plan_editor_fills_the_client_and_the_employer_from_the_records() {
    let mut h = H::new();
    h.select("C003"); // a plan of 2026-03-05 with no fields
    h.ch('p');
    assert_eq!(h.form_value("kana"), "さとう けんいち");
    assert_eq!(h.form_value("birth"), "平成7年4月1日（31歳）");
    assert_eq!(h.form_value("employer"), "ひまわり介護サービス");
}
