use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::keymap::{Keymap, Mode};

fn resolve() -> Decision {
    let item = ItemRef {
        id: ObligationId::parse("ret.monthly_report").expect("an id"),
        period: Some(YearMonth {
            year: 2026,
            month: 10,
        }),
        title: "支援レポートの提供（令和8年10月）".into(),
    };
    Decision::new(Ask::Resolve, 7, Some(item), Vec::new())
}

fn press(d: &mut Decision, code: KeyCode) -> Outcome {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = Keymap::default().lookup(Mode::Dialog, &key);
    d.key(&key, action)
}

fn typed(d: &mut Decision, s: &str) {
    for c in s.chars() {
        press(d, KeyCode::Char(c));
    }
}

#[test]
fn a_number_picks_a_reason_and_another_number_replaces_it() {
    let mut d = resolve();
    assert_eq!(d.chosen(), None);
    typed(&mut d, "2");
    assert_eq!((d.reason.as_str(), d.chosen()), ("連絡不能", Some(1)));
    typed(&mut d, "１"); // full-width, as an IME sends it
    assert_eq!((d.reason.as_str(), d.chosen()), ("入院中", Some(0)));
    press(&mut d, KeyCode::Backspace);
    assert_eq!(
        (d.reason.as_str(), d.chosen()),
        ("", None),
        "a picked word goes whole"
    );
}

#[test]
fn after_sonota_digits_are_text_and_typed_words_count_as_sonota() {
    let mut d = resolve();
    typed(&mut d, "4");
    assert_eq!((d.reason.as_str(), d.chosen()), ("", Some(3)));
    typed(&mut d, "3月まで転院");
    assert_eq!((d.reason.as_str(), d.chosen()), ("3月まで転院", Some(3)));
    let mut typed_only = resolve();
    typed(&mut typed_only, "休職中");
    assert_eq!(typed_only.chosen(), Some(3));
    // Words after a picked one: the pick is edited into free text.
    let mut more = resolve();
    typed(&mut more, "1（12月末まで）");
    assert_eq!(more.reason, "入院中（12月末まで）");
    assert_eq!(more.chosen(), Some(3));
}

#[test]
fn enter_without_a_reason_is_refused_and_esc_changes_nothing() {
    let mut d = resolve();
    assert_eq!(press(&mut d, KeyCode::Enter), Outcome::Consumed);
    assert_eq!(
        d.error.as_deref(),
        Some("理由を番号で選ぶか、入力してください")
    );
    typed(&mut d, "4");
    press(&mut d, KeyCode::Enter);
    assert_eq!(d.error.as_deref(), Some("その他の理由を入力してください"));
    assert_eq!(press(&mut d, KeyCode::Esc), Outcome::Cancel);
}

#[test]
fn enter_with_a_reason_asks_for_the_decision_and_waits_for_it() {
    let mut d = resolve();
    typed(&mut d, "3");
    let Outcome::Confirm(DecideRequest::Resolve {
        client_id,
        item,
        reason,
    }) = press(&mut d, KeyCode::Enter)
    else {
        panic!("confirmed");
    };
    assert_eq!((client_id, reason.as_str()), (7, "本人の意向"));
    assert_eq!(item.period.map(|p| p.month), Some(10));
    assert!(d.busy);
    assert_eq!(press(&mut d, KeyCode::Char('x')), Outcome::Consumed);
    assert_eq!(d.reason, "本人の意向", "no typing while it is written");
}

#[test]
fn undoing_takes_any_typed_reason_and_numbers_are_text() {
    let mut d = Decision::new(Ask::Reopen, 3, None, Vec::new());
    assert!(d.choices().is_empty());
    press(&mut d, KeyCode::Enter);
    assert_eq!(d.error.as_deref(), Some("取り消す理由を入力してください"));
    typed(&mut d, "1月に再就職");
    assert_eq!(d.reason, "1月に再就職");
    assert_eq!(
        press(&mut d, KeyCode::Enter),
        Outcome::Confirm(DecideRequest::Reopen {
            client_id: 3,
            reason: "1月に再就職".into()
        })
    );
}

#[test]
fn a_paste_is_one_clean_line_cut_at_the_rule_sets_length() {
    let mut d = resolve();
    d.paste("入院\n中\u{1b}[31m");
    assert_eq!(d.reason, "入院 中");
    d.paste(&"あ".repeat(MAX_SHORT_TEXT));
    assert_eq!(d.reason.chars().count(), MAX_SHORT_TEXT);
    assert!(d.error.as_deref().is_some_and(|e| e.contains("200文字")));
}
