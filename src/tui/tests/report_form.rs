//! The 支援レポート editor as on 別紙様式1: its section headings, its
//! 事業主と共有 field checked against the consent on record, the same
//! reason from `r` and `x` when no report can exist yet, and every problem
//! of a form shown at once.

use crossterm::event::KeyCode;

use super::harness::H;
use crate::dates::YearMonth;
use crate::model::Consent;
use crate::operation::{self, Operation};
use crate::text;

fn open_report_at(h: &mut H, field: &str) {
    h.select("C003");
    h.ch('r');
    h.s.app.form.as_mut().expect("form").form.focus_field(field);
}

#[test]
fn snapshot_report_editor_first_screen_has_the_form_sections() {
    let mut h = H::sized(80, 24);
    open_report_at(&mut h, "created");
    let s = h.draw();
    for line in s.lines() {
        assert!(text::width(line) <= 80, "line wider than 80: {line:?}");
    }
    assert!(
        s.contains("【令和8年11月の支援実績（F5で支援の記録を取り込む）】"),
        "{s}"
    );
    insta::assert_snapshot!("report_editor_first_screen_80x24", s);
}

#[test]
fn goals_are_never_shown_without_their_heading() {
    // Wherever the form is scrolled to, ① of the goals comes under
    // 【当月の主な支援目標】 (it starts the field's rows).
    let mut seen = 0;
    for field in ["goal_1", "goal_2", "goal_3", "done_1"] {
        let mut h = H::sized(80, 24);
        open_report_at(&mut h, field);
        let s = h.draw();
        if let Some(at) = s.find("│①") {
            let heading = s.find("【当月の主な支援目標】").unwrap_or(usize::MAX);
            assert!(heading < at, "focus {field}: ① without its heading\n{s}");
            seen += 1;
        }
    }
    assert!(seen > 0, "① was on some screen");
    let mut h = H::sized(80, 24);
    open_report_at(&mut h, "effort_client");
    let s = h.draw();
    assert!(s.contains("【対象者・事業主・関係機関等の取組】"), "{s}");
}

fn this_month() -> YearMonth {
    YearMonth::of(crate::tui::fixtures::today())
}

fn saved_share(h: &H) -> Option<bool> {
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    c.reports
        .iter()
        .find(|r| r.month == this_month())
        .map(|r| r.share_with_employer)
}

#[test]
fn sharing_with_the_employer_needs_the_consent_on_record() {
    let mut h = H::new();
    open_report_at(&mut h, "share_with_employer");
    h.key(KeyCode::Char(' '));
    assert_eq!(h.form_value("share_with_employer"), "true");
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("refused: the form stays open");
    let why = fs
        .form
        .error("share_with_employer")
        .unwrap_or("")
        .to_string();
    assert!(why.contains("同意が記録されていません"), "{why}");
    // The key that records a consent, from the keymap.
    assert!(why.contains("C で同意を記録"), "{why}");
    assert_eq!(saved_share(&h), None, "nothing saved");

    // With the consent on record, the same report is saved as shared.
    operation::apply(
        &h.other("sato"),
        &Operation::AddConsent {
            client_id: h.id("C003"),
            consent: Box::new(Consent {
                id: None,
                version: 0,
                scope: "employer_report_sharing".into(),
                date: crate::tui::fixtures::d(2026, 3, 1),
                written: true,
                withdrawn: None,
            }),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("consent");
    h.reconnect();
    open_report_at(&mut h, "share_with_employer");
    h.key(KeyCode::Char(' '));
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    assert_eq!(saved_share(&h), Some(true));
}

#[test]
fn a_withdrawn_consent_is_named_as_withdrawn() {
    let mut h = H::new();
    operation::apply(
        &h.other("sato"),
        &Operation::AddConsent {
            client_id: h.id("C003"),
            consent: Box::new(Consent {
                id: None,
                version: 0,
                scope: "employer_report_sharing".into(),
                date: crate::tui::fixtures::d(2026, 3, 1),
                written: true,
                withdrawn: Some(crate::tui::fixtures::d(2026, 6, 1)),
            }),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("consent");
    h.reconnect();
    open_report_at(&mut h, "share_with_employer");
    h.key(KeyCode::Char(' '));
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("refused");
    let why = fs.form.error("share_with_employer").unwrap_or("");
    assert!(why.contains("撤回されています"), "{why}");
}

#[test]
fn x_and_r_give_the_same_reason_when_there_is_no_support_start_date() {
    let mut h = H::new();
    // C001 is employed but has no 就労定着支援 start date.
    h.select("C001");
    h.ch('x');
    let from_x = h.message();
    h.ch('r');
    let from_r = h.message();
    assert!(h.s.app.form.is_none(), "no report form");
    assert_eq!(from_x, from_r);
    assert!(from_x.contains("開始日"), "{from_x}");
    // What to do, with the employment form's key from the keymap.
    assert!(
        from_x.contains("E で「就労定着支援の開始日」を入力"),
        "{from_x}"
    );
}

#[test]
fn x_on_a_month_with_no_report_yet_names_the_report_key() {
    let mut h = H::new();
    h.select("C003");
    h.ch('x');
    assert!(
        h.message().contains("まだありません（r で作成）"),
        "{}",
        h.message()
    );
}

#[test]
fn a_form_with_two_bad_fields_shows_both_problems_at_once() {
    let mut h = H::new();
    h.select("C002");
    h.ch('c');
    h.typed("内容");
    let form = |h: &mut H, id: &str| {
        h.s.app.form.as_mut().expect("form").form.focus_field(id);
    };
    form(&mut h, "date");
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.typed("2026/2/30");
    form(&mut h, "time");
    h.typed("25時");
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("not saved");
    let date = fs.form.error("date").unwrap_or("");
    let time = fs.form.error("time").unwrap_or("");
    assert!(date.contains("2月30日は存在しません"), "date: {date}");
    assert!(!time.is_empty(), "the time's problem in the same round");
    assert!(h.message().contains("2件"), "{}", h.message());
}

#[test]
fn the_report_shows_an_unreadable_date_and_the_missing_consent_together() {
    let mut h = H::new();
    open_report_at(&mut h, "presented");
    h.typed("2026/2/30");
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("share_with_employer");
    h.key(KeyCode::Char(' '));
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("not saved");
    let date = fs.form.error("presented").unwrap_or("");
    let share = fs.form.error("share_with_employer").unwrap_or("");
    assert!(date.contains("2月30日は存在しません"), "date: {date}");
    assert!(share.contains("同意"), "share: {share}");
    assert_eq!(saved_share(&h), None, "nothing saved");
}

#[test]
fn what_goes_to_the_employer_is_chosen_in_the_form_section_by_section() {
    let mut h = H::sized(80, 24);
    open_report_at(&mut h, "employer_goals");
    let s = h.draw();
    assert!(s.contains("【事業主用に載せる欄】"), "{s}");
    // A blank says what it stands for.
    assert!(s.contains("未選択（載せない）"), "{s}");
    h.ch('2');
    assert_eq!(h.form_value("employer_goals"), "載せる");
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("employer_shared");
    h.ch('3');
    assert_eq!(h.form_value("employer_shared"), "載せない");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    let r = c
        .reports
        .iter()
        .find(|r| r.month == this_month())
        .expect("saved");
    let got = |k: &str| r.fields.get(k).map(String::as_str);
    assert_eq!(got("employer_goals"), Some("載せる"));
    assert_eq!(got("employer_shared"), Some("載せない"));
    assert_eq!(got("employer_status"), None, "未選択 is not stored");
}
