//! The report form's `refresh_records`: a report saved before the month's
//! contacts takes them in (the key from the keymap), the status line says
//! which, a row the person wrote stays, and the rows are saved like any
//! edit of the report — someone else's save meanwhile is the usual
//! comparison, never overwritten.

use crossterm::event::KeyCode;

use super::harness::H;
use crate::dates::YearMonth;
use crate::model::Report;
use crate::operation::{self, Operation, Record};

fn this_month() -> YearMonth {
    YearMonth::of(crate::tui::fixtures::today())
}

fn saved(h: &H) -> Report {
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    c.reports
        .into_iter()
        .find(|r| r.month == this_month())
        .expect("this month's report")
}

/// C003's report of this month, saved before any row was taken in, with
/// one row the worker wrote (a home visit not recorded as a contact).
fn early_report(h: &mut H) {
    let mut fields = std::collections::BTreeMap::new();
    for (k, v) in [
        ("record_1_date", "11月1日"),
        ("record_1_place", "その他（家庭訪問）"),
        ("record_1_method", "面接"),
    ] {
        fields.insert(k.to_string(), v.to_string());
    }
    let report = Report {
        id: None,
        version: 0,
        month: this_month(),
        created: Some(crate::tui::fixtures::d(2026, 11, 2)),
        presented: None,
        share_with_employer: false,
        fields,
    };
    operation::apply(
        &h.other("sato"),
        &Operation::AddReport {
            client_id: h.id("C003"),
            report: Box::new(report),
        },
    )
    .expect("an early report");
    h.reconnect();
    h.select("C003");
    h.ch('r');
}

#[test]
fn the_months_contacts_are_taken_in_said_and_saved_with_the_report() {
    let mut h = H::new();
    early_report(&mut h);
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("created");
    assert!(
        h.draw().contains("（F5で支援の記録を取り込む）"),
        "the heading names the key:\n{}",
        h.draw()
    );
    h.key(KeyCode::F(5));
    let said =
        h.s.app
            .form
            .as_ref()
            .expect("form")
            .form
            .message()
            .unwrap_or("")
            .to_string();
    assert!(
        said.starts_with("支援実績に2件を取り込みました: 11月12日 事業所内・面接"),
        "{said}"
    );
    assert!(said.contains("Ctrl+sで保存します"), "{said}");
    assert_eq!(h.form_value("record_1_place"), "その他（家庭訪問）", "kept");
    assert_eq!(h.form_value("record_2_date"), "11月12日");
    assert_eq!(h.form_value("record_3_date"), "11月20日");
    assert!(
        !saved(&h).fields.contains_key("record_2_date"),
        "not saved yet"
    );

    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    let r = saved(&h);
    assert_eq!(
        r.fields.get("record_1_date").map(String::as_str),
        Some("11月1日")
    );
    assert_eq!(
        r.fields.get("record_3_date").map(String::as_str),
        Some("11月20日")
    );

    // Again: nothing twice.
    h.ch('r');
    h.key(KeyCode::F(5));
    let said =
        h.s.app
            .form
            .as_ref()
            .expect("form")
            .form
            .message()
            .unwrap_or("")
            .to_string();
    assert!(said.contains("2件はすべて載っています"), "{said}");
    assert_eq!(h.form_value("record_4_date"), "");
}

#[test]
fn someone_elses_save_meanwhile_is_compared_not_overwritten() {
    let mut h = H::new();
    early_report(&mut h);
    h.key(KeyCode::F(5));
    // Another worker saves the same report meanwhile.
    let mut theirs = saved(&h);
    theirs
        .fields
        .insert("goal_1".into(), "睡眠を8時間とる".into());
    operation::apply(&h.other("tanaka"), &Operation::edit(Record::Report(theirs)))
        .expect("their save");
    h.ctrl('s');
    assert_eq!(h.s.app.mode(), crate::tui::keymap::Mode::Conflict);
    assert_eq!(
        saved(&h).fields.get("goal_1").map(String::as_str),
        Some("睡眠を8時間とる"),
        "theirs stays until the person chooses"
    );
}

#[test]
fn the_key_in_another_form_says_what_it_is_for() {
    let mut h = H::new();
    h.select("C003");
    h.ch('c');
    h.key(KeyCode::F(5));
    let said =
        h.s.app
            .form
            .as_ref()
            .expect("form")
            .form
            .message()
            .unwrap_or("")
            .to_string();
    assert!(said.contains("支援レポート"), "{said}");
}
