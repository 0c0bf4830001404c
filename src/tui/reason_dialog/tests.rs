use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::model::ClientId;
use crate::tui::app::DecideRequest;
use crate::tui::keymap::{Keymap, Mode};

const REASONS: [&str; 3] = ["入院中", "連絡不能", "本人の意向"];

/// Enter reopens client 7 with the reason: an effect that shows it.
fn reopen(reason: String) -> Effect {
    Effect::Decide(DecideRequest::Reopen {
        client_id: ClientId::new(7),
        reason,
    })
}

fn resolve() -> ReasonDialog {
    ReasonDialog::new("対象外にする", Vec::new(), "対象外にする", Box::new(reopen))
        .choices(&REASONS, Some("その他"))
        .prompt("理由を番号で選ぶか、入力してください", "（記録に残ります）")
}

fn delete() -> ReasonDialog {
    ReasonDialog::new("記録の削除", Vec::new(), "削除する", Box::new(reopen))
        .choices(&["誤記", "重複", "別の利用者の記録"], None)
}

fn press(d: &mut ReasonDialog, code: KeyCode) -> Outcome {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = Keymap::default().lookup(Mode::Dialog, &key);
    d.key(&key, action)
}

fn typed(d: &mut ReasonDialog, s: &str) {
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
fn without_sonota_a_typed_reason_picks_no_number_and_numbers_past_the_list_are_text() {
    let mut d = delete();
    typed(&mut d, "4");
    assert_eq!((d.reason.as_str(), d.chosen()), ("4", None));
    let mut d = delete();
    typed(&mut d, "3");
    assert_eq!(
        (d.reason.as_str(), d.chosen()),
        ("別の利用者の記録", Some(2))
    );
    typed(&mut d, "（C001）");
    assert_eq!(
        (d.reason.as_str(), d.chosen()),
        ("別の利用者の記録（C001）", None)
    );
}

#[test]
fn enter_without_a_reason_is_refused_with_the_prompt_and_esc_changes_nothing() {
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
fn enter_with_a_reason_queues_the_callers_effect_and_waits_for_it() {
    let mut d = resolve();
    typed(&mut d, "3");
    assert_eq!(
        press(&mut d, KeyCode::Enter),
        Outcome::Confirm(Box::new(reopen("本人の意向".into())))
    );
    assert!(d.busy);
    assert_eq!(press(&mut d, KeyCode::Char('x')), Outcome::Consumed);
    assert_eq!(press(&mut d, KeyCode::Esc), Outcome::Consumed);
    assert_eq!(d.reason, "本人の意向", "no typing while it is written");
    d.refused("他の人が先に変更しました".into());
    assert!(!d.busy);
    assert_eq!(d.error.as_deref(), Some("他の人が先に変更しました"));
}

#[test]
fn without_choices_numbers_are_text_and_the_reason_is_trimmed() {
    let mut d = ReasonDialog::new("終結を取り消す", Vec::new(), "取り消す", Box::new(reopen))
        .prompt("取り消す理由を入力してください", "（記録に残ります）");
    assert!(d.numbered().is_empty());
    press(&mut d, KeyCode::Enter);
    assert_eq!(d.error.as_deref(), Some("取り消す理由を入力してください"));
    typed(&mut d, " 1月に再就職 ");
    assert_eq!(d.reason, " 1月に再就職 ");
    assert_eq!(
        press(&mut d, KeyCode::Enter),
        Outcome::Confirm(Box::new(reopen("1月に再就職".into())))
    );
}

#[test]
fn a_paste_is_one_clean_line_and_one_too_long_is_refused_whole_with_the_limit() {
    let mut d = resolve();
    d.paste("入院\n中\u{1b}[31m");
    assert_eq!(d.reason, "入院 中");
    d.paste(&"あ".repeat(crate::fields::reason::REASON.max));
    // Nothing of it is cut in silence: the reason is as it was, and why.
    assert_eq!(d.reason, "入院 中");
    assert_eq!(d.error.as_deref(), Some("理由は200字までです（いま204字）"));
}
