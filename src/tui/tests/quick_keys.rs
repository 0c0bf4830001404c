//! Fewer keys for the daily entries (issue 10, item 3): one key per
//! choice, a contact that satisfies the item it was opened from, and a
//! past month's item whose date the person enters, told which month.

use crossterm::event::{KeyCode, KeyModifiers};

use super::harness::H;
use crate::model::{Counterpart, Method, Place, Status};
use crate::operation;
use crate::tui::app::Screen;
use crate::tui::fixtures;

/// Add 小川 (C201) in 就労定着支援 since 2026-09-01 with nothing recorded:
/// September and October's monthly items are overdue.
fn with_overdue_months(h: &mut H) {
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
    operation::import_document(&s, &doc).expect("import");
    h.reconnect();
}

/// Keys pressed from here on (text typed is counted apart).
struct Counter(usize);

impl Counter {
    fn key(&mut self, h: &mut H, code: KeyCode, mods: KeyModifiers) {
        self.0 += 1;
        h.key_mod(code, mods);
    }
}

#[test]
fn a_phone_contact_is_at_most_five_keys_plus_the_text() {
    let mut h = H::new();
    h.select("C001");
    let before =
        h.s.store()
            .load_client(h.id("C001"))
            .expect("load")
            .contacts
            .len();
    let mut n = Counter(0);
    n.key(&mut h, KeyCode::Char('c'), KeyModifiers::NONE);
    // 電話 is the third 方法: Alt and its digit, from the text field.
    n.key(&mut h, KeyCode::Char('3'), KeyModifiers::ALT);
    h.typed("体調の確認。変わりなし");
    n.key(&mut h, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(n.0 <= 5, "{} keys", n.0);
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    assert_eq!(c.contacts.len(), before + 1);
    let saved = c
        .contacts
        .iter()
        .find(|c| c.summary == "体調の確認。変わりなし")
        .expect("the new contact");
    assert_eq!(saved.method, Method::Phone);
    assert_eq!(saved.counterpart, Counterpart::Client, "the default stays");
    assert_eq!(saved.date, fixtures::today());
}

#[test]
fn a_digit_in_a_choice_field_picks_that_choice_and_text_fields_keep_digits() {
    let mut h = H::new();
    h.select("C001");
    h.ch('c');
    // In 内容 a digit is text.
    h.ch('3');
    assert_eq!(h.form_value("summary"), "3");
    assert_eq!(h.form_value("method"), "in_person");
    h.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    while h.s.app.form.as_ref().map(|f| f.form.focus_id()) != Some("method") {
        h.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    }
    h.ch('4');
    assert_eq!(h.form_value("method"), "email");
    // Full-width digits (an input method left on) pick too.
    h.ch('３');
    assert_eq!(h.form_value("method"), "phone");
    // A digit beyond the choices changes nothing.
    h.ch('9');
    assert_eq!(h.form_value("method"), "phone");
    let s = h.draw();
    assert!(
        s.contains("3(*)電話"),
        "the digits are shown beside the choices:\n{s}"
    );
}

/// Put the deadlines cursor on `client`'s item `id` (of any month).
fn select_deadline(h: &mut H, client: &str, id: &str) -> Option<crate::dates::YearMonth> {
    for _ in 0..200 {
        let app = &h.s.app;
        if let Some(p) = app.deadlines.selected_item().map(|i| app.snap.pending[i])
            && p.obligation.id() == id
            && app.snap.rows[p.row].external_id == client
        {
            return p.obligation.period;
        }
        h.ch('j');
    }
    panic!("no {id} of {client} in the deadlines");
}

/// Put the deadlines cursor on the first stage step (①–④) listed.
fn select_step(h: &mut H) -> &'static str {
    for _ in 0..200 {
        let app = &h.s.app;
        if let Some(p) = app.deadlines.selected_item().map(|i| app.snap.pending[i])
            && crate::tui::timeline::is_stage_step(p.obligation.id())
        {
            return p.obligation.id();
        }
        h.ch('j');
    }
    panic!("no stage step in the deadlines");
}

/// Type `date` in the focused (date) field, then go to 内容 with the
/// jump key and its label.
fn date_then_summary(h: &mut H, date: &str) {
    assert_eq!(
        h.s.app.form.as_ref().map(|f| f.form.focus_id()),
        Some("date")
    );
    h.typed(date);
    h.ctrl('g');
    h.typed("内容");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.s.app.form.as_ref().map(|f| f.form.focus_id()),
        Some("summary")
    );
}

#[test]
fn c_on_an_employer_item_in_the_deadlines_prefills_the_employer_at_the_workplace() {
    let mut h = H::new();
    with_overdue_months(&mut h);
    h.ch('d');
    h.ch('g');
    let month = select_deadline(&mut h, "C201", "ret.monthly_employer").expect("monthly");
    h.ch('c');
    h.s.wait_idle();
    assert!(h.s.app.form.is_some(), "{}", h.message());
    assert_eq!(h.form_value("counterpart"), "employer", "事業主");
    // Met in person (the default method): at the workplace.
    assert_eq!(h.form_value("method"), "in_person");
    assert_eq!(h.form_value("place"), "employer", "雇用事業主内");
    // A past month: the day is the person's, the field says which month.
    assert_eq!(h.form_value("date"), "");
    let hint = format!("{}月中の日付を入力", month.month);
    assert!(h.draw().contains(&hint), "{}", h.draw());
    let day = month.first_day() + chrono::Days::new(14);
    date_then_summary(&mut h, &day.to_string());
    h.typed("上司と面談");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    let c = h.s.store().load_client(h.id("C201")).expect("load");
    let o = h.s.app.compute(&c);
    let item = o
        .iter()
        .find(|o| o.id == "ret.monthly_employer" && o.period == Some(month))
        .expect("the item");
    assert_eq!(item.status, Status::Done);
    let saved = &c.contacts[0];
    assert_eq!(
        (saved.counterpart, saved.place),
        (Counterpart::Employer, Place::Employer)
    );
    assert_eq!(saved.date, day);
}

#[test]
fn an_employer_phone_call_from_the_deadlines_is_made_from_the_office() {
    let mut h = H::new();
    with_overdue_months(&mut h);
    h.ch('d');
    h.ch('g');
    let month = select_deadline(&mut h, "C201", "ret.monthly_employer").expect("monthly");
    h.ch('c');
    h.s.wait_idle();
    // 電話 by the quick choice: the place goes with it, and says so.
    h.key_mod(KeyCode::Char('3'), KeyModifiers::ALT);
    assert_eq!(h.form_value("method"), "phone");
    assert_eq!(
        h.form_value("place"),
        "office",
        "事業所内, not 雇用事業主内"
    );
    let status = h.draw();
    assert!(status.contains("場所を事業所内にしました"), "{status}");
    // Back to a visit: the workplace again (nobody chose the place).
    h.key_mod(KeyCode::Char('1'), KeyModifiers::ALT);
    assert_eq!(h.form_value("place"), "employer");
    h.key_mod(KeyCode::Char('3'), KeyModifiers::ALT);
    let day = month.first_day() + chrono::Days::new(9);
    date_then_summary(&mut h, &day.to_string());
    h.typed("電話で近況を確認");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    let c = h.s.store().load_client(h.id("C201")).expect("load");
    let saved = &c.contacts[0];
    assert_eq!(
        (saved.counterpart, saved.method, saved.place),
        (Counterpart::Employer, Method::Phone, Place::Office)
    );
}

#[test]
fn a_place_the_person_chose_stays_when_the_method_changes() {
    let mut h = H::new();
    h.select("C001");
    h.ch('c');
    // 場所: その他 (a café), chosen by hand.
    while h.s.app.form.as_ref().map(|f| f.form.focus_id()) != Some("place") {
        h.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    }
    h.ch('3');
    assert_eq!(h.form_value("place"), "other");
    // Then a call instead: the place is left as chosen.
    h.key_mod(KeyCode::Char('3'), KeyModifiers::ALT);
    assert_eq!(h.form_value("method"), "phone");
    assert_eq!(h.form_value("place"), "other");
    // So is a choice back to the default one: chosen is chosen.
    h.ch('2');
    h.key_mod(KeyCode::Char('1'), KeyModifiers::ALT);
    h.key_mod(KeyCode::Char('3'), KeyModifiers::ALT);
    assert_eq!(h.form_value("place"), "office");
    while h.s.app.form.as_ref().map(|f| f.form.focus_id()) != Some("counterpart") {
        h.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    }
    h.ch('2'); // 事業主
    h.key_mod(KeyCode::Char('1'), KeyModifiers::ALT); // 面接
    assert_eq!(
        h.form_value("place"),
        "office",
        "the person's 事業所内 stays"
    );
}

#[test]
fn c_on_a_face_to_face_item_prefills_the_client_in_person_and_a_step_links_itself() {
    let mut h = H::new();
    with_overdue_months(&mut h);
    h.ch('d');
    h.ch('g');
    select_deadline(&mut h, "C201", "ret.monthly_face_to_face");
    h.ch('c');
    h.s.wait_idle();
    assert_eq!(h.form_value("counterpart"), "client");
    assert_eq!(h.form_value("method"), "in_person");
    h.key(KeyCode::Esc);
    h.ch('y');
    // A stage step is linked.
    h.s.app.screen = Screen::Main;
    h.ch('d');
    h.ch('g');
    let step = select_step(&mut h);
    h.ch('c');
    h.s.wait_idle();
    assert_eq!(h.form_value("obligation"), step);
}

/// 小川's timeline with September's face-to-face item selected.
fn open_september(h: &mut H) {
    h.select("C201");
    h.key(KeyCode::Enter);
    h.s.wait_idle();
    let t = h.s.app.timeline.as_mut().expect("timeline");
    let key = crate::tui::timeline::ItemKey::Obligation(
        "ret.monthly_face_to_face",
        Some(crate::dates::YearMonth {
            year: 2026,
            month: 9,
        }),
        None,
    );
    assert!(t.select_key(&key));
}

#[test]
fn enter_on_a_past_months_item_then_save_satisfies_that_month() {
    let mut h = H::new();
    with_overdue_months(&mut h);
    open_september(&mut h);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let o = t.selected_obligation().expect("the item");
    assert_eq!(o.status, Status::Overdue);
    let (id, month) = (o.id, o.period.expect("a monthly item"));
    assert!(month.last_day() < fixtures::today());
    h.key(KeyCode::Enter);
    h.s.wait_idle();
    assert!(h.s.app.form.is_some(), "{}", h.message());
    // No day picked for the person: saving now asks for one, naming the month.
    assert_eq!(h.form_value("date"), "");
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("not saved without a date");
    assert_eq!(
        fs.form.error("date"),
        Some("必須項目です。9月中の日付を入力してください")
    );
    assert_eq!(fs.form.focus_id(), "date");
    date_then_summary(&mut h, "9/18");
    h.typed("面談");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    let c = h.s.store().load_client(h.id("C201")).expect("load");
    let item =
        h.s.app
            .compute(&c)
            .into_iter()
            .find(|o| o.id == id && o.period == Some(month))
            .expect("the item");
    assert_eq!(item.status, Status::Done, "{id} {month}");
}

#[test]
fn a_date_outside_the_items_month_is_warned_once_then_saved_as_typed() {
    let mut h = H::new();
    with_overdue_months(&mut h);
    open_september(&mut h);
    h.key(KeyCode::Enter);
    h.s.wait_idle();
    // Today's date instead of one in September.
    date_then_summary(&mut h, "2026-11-23");
    h.typed("面談");
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("not saved yet");
    let warning = fs.form.error("date").expect("a warning under the date");
    assert!(warning.contains("満たしません"), "{warning}");
    h.ctrl('s');
    assert!(
        h.s.app.form.is_none(),
        "saved the second time: {}",
        h.message()
    );
    let c = h.s.store().load_client(h.id("C201")).expect("load");
    assert_eq!(c.contacts[0].date, fixtures::today());
}

#[test]
fn enter_on_a_done_item_opens_the_record_that_satisfied_it() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter);
    h.s.wait_idle();
    // A done face-to-face month of 佐藤: its contact of the 12th.
    let t = h.s.app.timeline.as_mut().expect("timeline");
    let key = crate::tui::timeline::ItemKey::Obligation(
        "ret.monthly_face_to_face",
        Some(crate::dates::YearMonth {
            year: 2026,
            month: 11,
        }),
        None,
    );
    assert!(t.select_key(&key));
    assert_eq!(
        t.selected_obligation().map(|o| o.status),
        Some(Status::Done)
    );
    h.key(KeyCode::Enter);
    h.s.wait_idle();
    let fs = h.s.app.form.as_ref().expect("a form");
    assert!(fs.base_record.is_some(), "the saved contact, to correct");
    assert_eq!(h.form_value("summary"), "面談。業務と体調の様子を確認");
}
