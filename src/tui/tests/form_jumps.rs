//! Long forms made quick (issue 22): the jump list (a field by its number
//! or its label's first characters), a click on a field, and the forms'
//! own keys — 本人に渡した（今日） on the 支援レポート, 離職 on the
//! employment form — each offered on its form only.

use crossterm::event::{Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::harness::H;
use crate::text;
use crate::tui::fixtures;

fn focus(h: &H) -> String {
    h.s.app
        .form
        .as_ref()
        .map(|f| f.form.focus_id().to_string())
        .unwrap_or_default()
}

fn snap(name: &str, h: &H) {
    let s = h.draw();
    for line in s.lines() {
        assert!(text::width(line) <= h.size.0 as usize, "too wide: {line}");
    }
    insta::assert_snapshot!(name, s);
}

/// The last row of the screen: the hint bar.
fn hint_bar(h: &H) -> String {
    h.draw().lines().last().unwrap_or_default().to_string()
}

fn f(n: u8) -> KeyCode {
    KeyCode::F(n)
}

/// 佐藤 (C003)'s report of this month, open at its first goal.
fn open_report(h: &mut H) {
    h.select("C003");
    h.ch('r');
    assert_eq!(focus(h), "goal_1", "{}", h.message());
}

#[test]
fn the_jump_list_numbers_every_field_and_a_label_narrows_it() {
    let mut h = H::sized(80, 24);
    open_report(&mut h);
    h.ctrl('g');
    assert!(h.s.app.form.as_ref().is_some_and(|f| f.form.jumping()));
    // Its keys are the filter's, on the hint bar too.
    assert!(
        hint_bar(&h).starts_with("Enter 決定  Esc 戻る"),
        "{}",
        hint_bar(&h)
    );
    snap("jump_list_report_80x24", &h);
    h.typed("対象");
    snap("jump_list_report_narrowed_80x24", &h);
    h.key(KeyCode::Enter);
    assert_eq!(focus(&h), "presented");
    assert!(!h.s.app.form.as_ref().is_some_and(|f| f.form.jumping()));
}

#[test]
fn a_number_jumps_as_soon_as_no_other_field_could_follow() {
    let mut h = H::new();
    open_report(&mut h);
    let labels: Vec<String> = {
        let fs = h.s.app.form.as_ref().expect("form");
        fs.form.specs().iter().map(|s| s.id.clone()).collect()
    };
    assert!((20..100).contains(&labels.len()), "{}", labels.len());
    // 「12」: no field 120, so no Enter.
    h.ctrl('g');
    h.typed("12");
    assert_eq!(focus(&h), labels[11]);
    // 「2」 could still become 20–29: it waits for Enter.
    h.ctrl('g');
    h.ch('2');
    assert!(h.s.app.form.as_ref().is_some_and(|f| f.form.jumping()));
    h.key(KeyCode::Enter);
    assert_eq!(focus(&h), labels[1]);
    // Esc leaves the list and the focus where it was; nothing typed in.
    h.ctrl('g');
    h.typed("対象");
    h.key(KeyCode::Esc);
    assert_eq!(focus(&h), labels[1]);
    assert!(!h.s.app.form.as_ref().is_some_and(|f| f.form.dirty()));
}

#[test]
fn down_picks_the_next_match_and_no_match_is_said() {
    let mut h = H::new();
    open_report(&mut h);
    let ids: Vec<String> = {
        let fs = h.s.app.form.as_ref().expect("form");
        fs.form.specs().iter().map(|s| s.id.clone()).collect()
    };
    let n = |id: &str| ids.iter().position(|i| i == id).expect("field") + 1;
    h.ctrl('g');
    // Two fields are called 共有事項: the section tells them apart.
    h.typed("共有");
    let s = h.draw();
    assert!(
        s.contains(&format!("移動先: {} 共有事項", n("shared"))),
        "{s}"
    );
    h.key(KeyCode::Down);
    let s = h.draw();
    let other = format!("移動先: {} 共有事項（", n("employer_shared"));
    assert!(s.contains(&other), "{s}");
    h.key(KeyCode::Enter);
    assert_eq!(focus(&h), "employer_shared");
    h.ctrl('g');
    h.typed("離職");
    assert!(h.draw().contains("当てはまる項目がありません"));
    h.key(KeyCode::Enter);
    assert!(h.s.app.form.as_ref().is_some_and(|f| f.form.jumping()));
}

#[test]
fn a_report_given_to_the_client_today_is_three_keys_from_the_client() {
    let mut h = H::new();
    h.select("C003");
    let mut keys = 0;
    h.ch('r');
    h.key(f(6));
    keys += 2;
    assert_eq!(focus(&h), "presented");
    let today = crate::wareki::format(fixtures::today());
    assert_eq!(h.form_value("presented"), today);
    let s = h.draw();
    assert!(s.contains("対象者提示日を今日"), "{s}");
    snap("report_given_today_80x24", &h);
    h.ctrl('s');
    keys += 1;
    assert_eq!(keys, 3);
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    let month = crate::dates::YearMonth::of(fixtures::today());
    let r = c.reports.iter().find(|r| r.month == month).expect("saved");
    assert_eq!(r.presented, Some(fixtures::today()));
}

#[test]
fn separation_goes_to_the_day_filled_with_today_then_the_reason() {
    let mut h = H::new();
    h.select("C001");
    h.ch('E');
    h.s.wait_idle();
    assert!(hint_bar(&h).starts_with("F7 離職"), "{}", hint_bar(&h));
    h.key(f(7));
    assert_eq!(focus(&h), "separation_date");
    let today = crate::wareki::format(fixtures::today());
    assert_eq!(h.form_value("separation_date"), today);
    snap("separation_80x24", &h);
    // The day is editable: another one typed over it.
    for _ in 0..today.chars().count() {
        h.key(KeyCode::Backspace);
    }
    h.typed("2026/11/20");
    h.key(KeyCode::Tab);
    assert_eq!(focus(&h), "separation_reason");
    h.typed("体調不良のため");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    let e = c.current_employment().expect("job");
    assert_eq!(
        e.separation_date,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
    );
    assert_eq!(e.separation_reason.as_deref(), Some("体調不良のため"));
}

#[test]
fn a_forms_own_key_is_offered_and_works_on_that_form_only() {
    let mut h = H::new();
    h.select("C001");
    h.ch('c');
    let bar = hint_bar(&h);
    assert!(
        !bar.contains("本人に渡した") && !bar.contains("離職"),
        "{bar}"
    );
    assert!(bar.contains("Ctrl+g 項目へ"), "{bar}");
    let before = h.s.app.form.as_ref().expect("form").form.values();
    h.key(f(6));
    assert!(h.draw().contains("支援レポートの入力中だけ使えます"));
    h.key(f(7));
    assert!(h.draw().contains("就職（雇用）情報の入力中だけ使えます"));
    assert_eq!(h.s.app.form.as_ref().expect("form").form.values(), before);
}

#[test]
fn a_past_months_contact_asks_for_a_day_of_that_month() {
    let mut h = H::new();
    let s = h.other("sato");
    let doc = serde_json::json!({"clients": [{
        "external_id": "C201", "name": "小川 陽子", "kana": "おがわ ようこ",
        "assigned_staff": "sato",
        "employments": [{"employer": {"name": "株式会社もり"}, "support_type": "standard",
                         "decision_date": "2026-01-20", "start_date": "2026-02-01",
                         "retention_start_date": "2026-09-01", "intent": "applied"}]
    }]});
    let doc =
        crate::interchange::parse_document(&doc.to_string(), fixtures::today()).expect("document");
    crate::operation::import_document(&s, &doc).expect("import");
    h.reconnect();
    h.select("C201");
    h.key(KeyCode::Enter);
    h.s.wait_idle();
    let t = h.s.app.timeline.as_mut().expect("timeline");
    let october = crate::tui::timeline::ItemKey::Obligation(
        "ret.monthly_face_to_face",
        Some(crate::dates::YearMonth {
            year: 2026,
            month: 10,
        }),
        None,
    );
    assert!(t.select_key(&october));
    h.key(KeyCode::Enter);
    h.s.wait_idle();
    assert_eq!(focus(&h), "date");
    assert_eq!(h.form_value("date"), "");
    let s = h.draw();
    // In the empty field and on its help line, not a key's name.
    assert_eq!(s.matches("10月中の日付を入力").count(), 2, "{s}");
    snap("past_month_contact_80x24", &h);
    // A day outside October: said, with October's days.
    h.typed("11/2");
    h.ctrl('g');
    h.typed("内容");
    h.key(KeyCode::Enter);
    h.typed("面談");
    h.ctrl('s');
    let err = h.s.app.form.as_ref().and_then(|f| f.form.error("date"));
    assert!(
        err.is_some_and(|e| e.contains("満たしません") && e.contains("R8.10.31")),
        "{err:?}"
    );
}

fn click(h: &mut H, x: u16, y: u16) {
    h.now += std::time::Duration::from_millis(10);
    let ev = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
    h.s.handle(&ev, h.now);
    h.s.settle();
}

/// Where `needle` is drawn on the screen: (column, row).
fn find_on_screen(h: &H, needle: &str) -> (u16, u16) {
    for (y, line) in h.draw().lines().enumerate() {
        if let Some(at) = line.find(needle) {
            return (text::width(&line[..at]) as u16, y as u16);
        }
    }
    panic!("{needle} is not on screen:\n{}", h.draw());
}

#[test]
fn a_click_on_a_label_or_a_value_focuses_that_field() {
    let mut h = H::new();
    h.select("C001");
    h.ch('c');
    assert_eq!(focus(&h), "summary");
    let (x, y) = find_on_screen(&h, "場所（その他）");
    click(&mut h, x + 1, y);
    assert_eq!(focus(&h), "place_detail");
    // On a choice's value: the field, not a choice.
    let (x, y) = find_on_screen(&h, "(*)面接");
    click(&mut h, x, y);
    assert_eq!(focus(&h), "method");
    assert_eq!(h.form_value("method"), "in_person");
    // On the border: nothing.
    click(&mut h, 0, 0);
    assert_eq!(focus(&h), "method");
    // On an entry of the jump list: that field.
    h.ctrl('g');
    let (x, y) = find_on_screen(&h, "実施日");
    click(&mut h, x, y);
    assert_eq!(focus(&h), "date");
    assert!(!h.s.app.form.as_ref().is_some_and(|f| f.form.jumping()));
}

#[test]
fn the_jump_list_fits_a_narrow_terminal() {
    let mut h = H::sized(60, 20);
    open_report(&mut h);
    h.ctrl('g');
    let s = h.draw();
    assert!(s.contains("…ほか"), "not every field fits:\n{s}");
    snap("jump_list_report_60x20", &h);
    // The last entry, reached with Down, brings its page.
    let specs = h.s.app.form.as_ref().expect("form").form.specs().to_vec();
    for _ in 1..specs.len() {
        h.key(KeyCode::Down);
    }
    let start: String = specs[specs.len() - 1].label.chars().take(2).collect();
    let entry = format!("{} {start}", specs.len());
    assert!(h.draw().contains(&entry), "{entry}\n{}", h.draw());
}
