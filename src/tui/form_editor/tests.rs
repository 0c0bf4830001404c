use std::collections::BTreeMap;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::{Position, Rect};

use super::*;
use crate::tui::keymap::Keymap;
use crate::tui::testutil::screen;
use crate::tui::theme::Theme;

fn date_check() -> DateCheck {
    Box::new(|s: &str| match s {
        "2026-04-30" | "R8.4.30" => Ok("令和8年4月30日".to_string()),
        _ => Err(format!("「{s}」は日付として読めません（例: 2026-04-30）")),
    })
}

fn contact_form() -> Form {
    Form::new(
        "支援の記録",
        vec![
            FieldSpec::date("date", "実施日").required(),
            FieldSpec::choice(
                "method",
                "方法",
                &[
                    ("visit", "訪問"),
                    ("interview", "面談"),
                    ("phone", "電話"),
                    ("mail", "メール"),
                ],
            )
            .required(),
            FieldSpec::text("place", "場所", 20),
            FieldSpec::number("minutes", "所要時間（分）"),
            FieldSpec::boolean("with_employer", "事業主の同席"),
            FieldSpec::multiline("content", "支援内容", 400).required(),
        ],
        date_check(),
    )
}

struct Driver {
    form: Form,
    keymap: Keymap,
}

impl Driver {
    fn new(form: Form) -> Self {
        Driver {
            form,
            keymap: Keymap::default(),
        }
    }
    fn key(&mut self, code: KeyCode, mods: KeyModifiers) -> FormOutcome {
        let ev = Event::Key(KeyEvent::new_with_kind(code, mods, KeyEventKind::Press));
        self.form.handle_event(&ev, &self.keymap)
    }
    fn press(&mut self, code: KeyCode) -> FormOutcome {
        self.key(code, KeyModifiers::NONE)
    }
    fn tab(&mut self) {
        self.press(KeyCode::Tab);
    }
    fn back_tab(&mut self) {
        self.key(KeyCode::BackTab, KeyModifiers::SHIFT);
    }
    fn typed(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }
    fn paste(&mut self, s: &str) -> FormOutcome {
        self.form
            .handle_event(&Event::Paste(s.to_string()), &self.keymap)
    }
    fn save(&mut self) -> FormOutcome {
        self.key(KeyCode::Char('s'), KeyModifiers::CONTROL)
    }
    fn value(&self, id: &str) -> String {
        self.form.values().get(id).cloned().unwrap_or_default()
    }
}

#[test]
fn tab_moves_through_fields_in_order_and_shift_tab_stops_at_the_first() {
    let mut d = Driver::new(contact_form());
    let mut seen = vec![d.form.focus_id().to_string()];
    for _ in 0..6 {
        d.tab();
        seen.push(d.form.focus_id().to_string());
    }
    assert_eq!(
        seen,
        [
            "date",
            "method",
            "place",
            "minutes",
            "with_employer",
            "content",
            "date"
        ]
    );
    d.back_tab();
    assert_eq!(
        d.form.focus_id(),
        "date",
        "Shift+Tab does not wrap to the end"
    );
    d.form.focus_field("content");
    d.back_tab();
    assert_eq!(d.form.focus_id(), "with_employer");
}

#[test]
fn up_and_down_move_between_one_line_fields_but_not_inside_a_text_box() {
    let mut d = Driver::new(contact_form());
    d.press(KeyCode::Down);
    assert_eq!(d.form.focus_id(), "method");
    d.form.focus_field("content");
    d.typed("一行目");
    d.press(KeyCode::Enter);
    d.typed("二行目");
    d.press(KeyCode::Up);
    assert_eq!(
        d.form.focus_id(),
        "content",
        "Up moves the cursor in the text box"
    );
}

#[test]
fn one_line_fields_refuse_enter_and_text_boxes_take_it() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("place");
    d.typed("本社");
    d.press(KeyCode::Enter);
    d.key(KeyCode::Char('m'), KeyModifiers::CONTROL);
    d.typed("工場");
    assert_eq!(d.value("place"), "本社工場");
    d.form.focus_field("content");
    d.typed("体調");
    d.press(KeyCode::Enter);
    d.typed("良好");
    assert_eq!(d.value("content"), "体調\n良好");
}

#[test]
fn typing_past_the_limit_is_refused_with_a_message() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("place");
    d.typed(&"あ".repeat(20));
    assert_eq!(d.form.message(), None);
    let out = d.press(KeyCode::Char('い'));
    assert_eq!(out, FormOutcome::Consumed);
    assert_eq!(d.value("place").chars().count(), 20);
    assert!(!d.value("place").contains('い'));
    assert!(
        d.form
            .message()
            .is_some_and(|m| m == "場所は20字までです。これ以上は入りません"),
        "{:?}",
        d.form.message()
    );
}

#[test]
fn a_loaded_value_over_the_limit_can_still_be_shortened() {
    let mut d = Driver::new(contact_form());
    let loaded: BTreeMap<String, String> = [("place".to_string(), "あ".repeat(25))].into();
    d.form.set_values(&loaded);
    d.form.focus_field("place");
    d.press(KeyCode::Backspace);
    assert_eq!(d.value("place").chars().count(), 24);
    d.typed("い");
    assert_eq!(d.value("place").chars().count(), 24, "but not lengthened");
    assert_eq!(d.save(), FormOutcome::Invalid);
    assert!(
        d.form
            .error("place")
            .is_some_and(|e| e == "場所は20字までです（いま24字）")
    );
}

#[test]
fn a_date_is_normalized_when_leaving_the_field() {
    let mut d = Driver::new(contact_form());
    d.typed("2026-04-30");
    d.tab();
    assert_eq!(d.value("date"), "令和8年4月30日");
    assert_eq!(d.form.error("date"), None);
}

#[test]
fn an_unreadable_date_gets_the_parsers_japanese_message_under_the_field() {
    let mut d = Driver::new(contact_form());
    d.typed("4月31日");
    d.tab();
    assert_eq!(d.value("date"), "4月31日", "what was typed is kept to fix");
    let err = d.form.error("date").expect("a message");
    assert!(err.contains("日付として読めません"), "{err}");
    d.back_tab();
    d.press(KeyCode::Backspace);
    assert_eq!(d.form.error("date"), None, "editing clears the message");
}

#[test]
fn numbers_accept_full_width_digits_and_reject_words() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("minutes");
    d.typed("１２０");
    d.tab();
    assert_eq!(d.value("minutes"), "120");
    d.back_tab();
    d.typed("分");
    d.tab();
    assert!(d.form.error("minutes").is_some_and(|e| e.contains("数値")));
}

#[test]
fn choices_cycle_with_left_right_space_and_bool_toggles() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("method");
    assert_eq!(d.value("method"), "");
    d.press(KeyCode::Right);
    assert_eq!(d.value("method"), "visit");
    d.press(KeyCode::Char(' '));
    assert_eq!(d.value("method"), "interview");
    d.press(KeyCode::Left);
    d.press(KeyCode::Left);
    assert_eq!(d.value("method"), "mail", "wraps around");
    d.press(KeyCode::Backspace);
    assert_eq!(d.value("method"), "");
    d.form.focus_field("with_employer");
    assert_eq!(d.value("with_employer"), "false");
    d.press(KeyCode::Char(' '));
    assert_eq!(d.value("with_employer"), "true");
}

#[test]
fn saving_with_problems_lists_them_and_focuses_the_first() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("date");
    d.typed("あした");
    d.form.focus_field("content");
    assert_eq!(d.save(), FormOutcome::Invalid);
    assert_eq!(d.form.focus_id(), "date");
    assert!(d.form.error("date").is_some_and(|e| e.contains("日付")));
    assert!(d.form.error("method").is_some_and(|e| e.contains("必須")));
    assert!(d.form.error("content").is_some_and(|e| e.contains("必須")));
    assert_eq!(d.form.error("place"), None, "optional and empty is fine");
    assert!(d.form.message().is_some_and(|m| m.contains("3件")));
}

#[test]
fn saving_a_valid_form_submits_every_value() {
    let mut d = Driver::new(contact_form());
    d.typed("R8.4.30");
    d.tab();
    d.press(KeyCode::Right);
    d.tab();
    d.typed("株式会社みどり");
    d.form.focus_field("content");
    d.typed("職場訪問。");
    let FormOutcome::Submit(values) = d.save() else {
        panic!("expected submit, errors: {:?}", d.form.message());
    };
    let want: BTreeMap<String, String> = [
        ("date", "令和8年4月30日"),
        ("method", "visit"),
        ("place", "株式会社みどり"),
        ("minutes", ""),
        ("with_employer", "false"),
        ("content", "職場訪問。"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(values, want);
}

#[test]
fn esc_without_changes_leaves_at_once() {
    let mut d = Driver::new(contact_form());
    assert!(!d.form.dirty());
    assert_eq!(d.press(KeyCode::Esc), FormOutcome::Cancel);
}

#[test]
fn esc_with_changes_asks_before_discarding() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("place");
    d.typed("本社");
    assert!(d.form.dirty());
    assert_eq!(d.press(KeyCode::Esc), FormOutcome::Consumed);
    assert!(d.form.confirming_discard());
    // While asking, other keys do not edit.
    d.press(KeyCode::Char('x'));
    assert_eq!(d.value("place"), "本社");
    assert_eq!(d.press(KeyCode::Char('n')), FormOutcome::Consumed);
    assert!(!d.form.confirming_discard());
    assert_eq!(d.value("place"), "本社", "n keeps the edits");
    d.press(KeyCode::Esc);
    assert_eq!(d.press(KeyCode::Char('y')), FormOutcome::Cancel);
}

#[test]
fn esc_twice_keeps_the_question_so_the_next_y_answers_it() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("place");
    d.typed("本社");
    d.press(KeyCode::Esc);
    assert_eq!(d.press(KeyCode::Esc), FormOutcome::Consumed);
    assert!(d.form.confirming_discard(), "still asking");
    assert_eq!(d.press(KeyCode::Char('y')), FormOutcome::Cancel);
    assert_eq!(d.value("place"), "本社", "the y was an answer, not text");
}

#[test]
fn typing_back_to_the_loaded_values_is_not_a_change() {
    let mut d = Driver::new(contact_form());
    let loaded: BTreeMap<String, String> = [("place".to_string(), "本社".to_string())].into();
    d.form.set_values(&loaded);
    assert!(!d.form.dirty());
    d.form.focus_field("place");
    d.typed("x");
    assert!(d.form.dirty());
    d.press(KeyCode::Backspace);
    assert!(!d.form.dirty());
}

#[test]
fn pasted_escape_sequences_and_controls_are_removed() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("place");
    d.paste("株式会社\u{1b}[31mみどり\u{7}\r\n");
    assert_eq!(d.value("place"), "株式会社みどり");
    assert!(d.form.message().is_some_and(|m| m.contains("制御文字")));
    d.form.focus_field("content");
    d.paste("一行目\r\n二行目\u{1b}]0;title\u{7}");
    assert_eq!(d.value("content"), "一行目\n二行目");
}

#[test]
fn pasting_lines_into_a_one_line_field_joins_them_with_spaces() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("place");
    d.paste("東京都\n千代田区\n");
    assert_eq!(d.value("place"), "東京都 千代田区");
}

#[test]
fn a_huge_paste_is_kept_whole_and_refused_on_save_with_the_limit_not_frozen_or_cut() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("content");
    d.typed("前置き");
    let huge = "長い文章\u{1b}[2J".repeat(50_000);
    let start = std::time::Instant::now();
    d.paste(&huge);
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    // Nothing is cut in silence: all of it is there, and the field says
    // it is over its limit until it is shortened.
    let v = d.value("content");
    assert_eq!(v.chars().count(), 3 + 4 * 50_000);
    let said = "支援内容は400字までです（いま200003字）";
    assert_eq!(d.form.error("content"), Some(said));
    let msg = d.form.message().expect("a message");
    assert!(msg.contains(said) && msg.contains("短くして"), "{msg}");
    assert_eq!(d.save(), FormOutcome::Invalid);
    assert_eq!(d.form.error("content"), Some(said));
    // Shortening it, the field goes on saying how long it is.
    d.form.focus_field("content");
    d.press(KeyCode::End);
    d.press(KeyCode::Backspace);
    assert_eq!(
        d.form.error("content"),
        Some("支援内容は400字までです（いま200002字）")
    );
}

#[test]
fn a_paste_within_the_limit_is_taken_without_a_word() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("content");
    d.paste(&"あ".repeat(400));
    assert_eq!(d.value("content").chars().count(), 400);
    assert_eq!((d.form.error("content"), d.form.message()), (None, None));
}

#[test]
fn paste_into_a_choice_is_refused_with_a_message() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("method");
    d.paste("面談");
    assert_eq!(d.value("method"), "");
    assert!(d.form.message().is_some());
}

#[test]
fn a_draft_survives_json_and_counts_as_unsaved() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("place");
    d.typed("本社");
    d.form.focus_field("content");
    d.typed("途中まで");
    let json = serde_json::to_string(&d.form.draft()).expect("serialize");
    let draft: Draft = serde_json::from_str(&json).expect("read back");
    let mut again = contact_form();
    again.restore(&draft);
    assert_eq!(again.values(), d.form.values());
    assert_eq!(again.focus_id(), "content");
    assert!(again.dirty());
}

#[test]
fn a_stored_choice_that_is_not_in_the_list_is_kept() {
    let mut form = contact_form();
    let loaded: BTreeMap<String, String> = [("method".to_string(), "fax".to_string())].into();
    form.set_values(&loaded);
    assert_eq!(form.values()["method"], "fax");
    assert!(!form.dirty());
}

fn draw(form: &Form, w: u16, h: u16) -> String {
    screen(draw_terminal(form, w, h).backend().buffer())
}

fn draw_terminal(form: &Form, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    let theme = Theme::default();
    terminal
        .draw(|f| {
            f.render_widget(
                FormView {
                    form,
                    theme: &theme,
                },
                f.area(),
            )
        })
        .expect("draw");
    terminal
}

#[test]
fn snapshot_contact_form_with_japanese_labels_and_values() {
    let mut d = Driver::new(contact_form());
    d.typed("2026-04-30");
    d.tab();
    d.press(KeyCode::Right);
    d.press(KeyCode::Right);
    d.tab();
    d.typed("株式会社みどり 本社");
    d.form.focus_field("content");
    d.typed("職場を訪問し、上司の佐藤さんと面談した。");
    d.press(KeyCode::Enter);
    d.typed("勤務は安定している。");
    insta::assert_snapshot!(draw(&d.form, 80, 24));
}

#[test]
fn snapshot_form_with_errors_and_discard_prompt() {
    let mut d = Driver::new(contact_form());
    d.typed("4月31日");
    d.save();
    d.press(KeyCode::Esc);
    insta::assert_snapshot!(draw(&d.form, 80, 24));
}

#[test]
fn a_long_form_scrolls_so_the_focused_field_is_whole() {
    let mut specs: Vec<FieldSpec> = (1..=12)
        .map(|i| FieldSpec::text(&format!("f{i}"), &format!("項目{i}"), 40))
        .collect();
    specs.push(FieldSpec::multiline("notes", "特記事項", 400));
    let mut d = Driver::new(Form::new("長いフォーム", specs, date_check()));
    d.form.focus_field("notes");
    let screen = draw(&d.form, 80, 12);
    assert!(screen.contains("特記事項"), "{screen}");
    assert!(screen.contains("上に続きます"), "{screen}");
    assert!(!screen.contains("項目1 "), "{screen}");
    d.form.focus_field("f1");
    let top = draw(&d.form, 80, 12);
    assert!(
        top.contains("項目1 ") && top.contains("下に続きます"),
        "{top}"
    );
    assert!(!top.contains("上に続きます"), "{top}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_terminal_cursor_sits_at_the_text_cursor_for_the_ime() {
    let mut d = Driver::new(contact_form());
    d.form.focus_field("place");
    d.typed("本社");
    let terminal = draw_terminal(&d.form, 80, 24);
    let pos = d
        .form
        .cursor_position(terminal.backend().buffer().area)
        .expect("a text field");
    // Border 1 + label column, then two wide characters.
    let label_w = d.form.label_width(Rect::new(1, 1, 78, 22));
    assert_eq!(pos, Position::new(1 + label_w + 1 + 4, 1 + 2));
    d.form.focus_field("method");
    assert_eq!(
        d.form.cursor_position(terminal.backend().buffer().area),
        None
    );
}

#[test]
fn tiny_terminals_do_not_crash_the_form() {
    let mut d = Driver::new(contact_form());
    d.typed("4月31日");
    d.save();
    d.form.focus_field("content");
    d.typed("長い文章がここに入ります");
    for (w, h) in [(0, 0), (1, 1), (3, 3), (10, 4), (20, 5), (40, 8)] {
        let _ = draw(&d.form, w, h);
        let _ = d.form.cursor_position(Rect::new(0, 0, w, h));
    }
}

/// The field-editing keys come from the keymap: rebound, they act and
/// the help line names them as bound.
#[test]
fn field_keys_follow_the_keymap_and_the_help_line_names_them() {
    let (keymap, warnings) = Keymap::from_sources(Some((
        std::path::Path::new("/home/u/.config/teichaku/keymap.toml"),
        r#"form = [
  { on = "<C-l>", run = "choice_next" },
  { on = "<Right>", run = "no_op" },
  { on = "<Space>", run = "no_op" },
  { on = "<Enter>", run = "no_op" },
  { on = "<C-j>", run = "newline" },
  { on = "<A-1>", run = "no_op" },
  { on = "<C-1>", run = "quick_choice" },
]"#,
    )));
    assert!(warnings.is_empty(), "{warnings:#?}");
    let mut form = contact_form();
    form.specs[1].quick = true; // 方法 is the quick field
    form.set_keys(&keymap);
    let mut d = Driver { form, keymap };

    d.form.focus_field("method");
    d.press(KeyCode::Right);
    d.press(KeyCode::Char(' '));
    assert_eq!(d.value("method"), "", "unbound keys no longer choose");
    d.key(KeyCode::Char('l'), KeyModifiers::CONTROL);
    assert_eq!(d.value("method"), "visit");
    let help = d.form.status_lines(80, 10).join("");
    assert!(help.contains("数字・Ctrl+l/Leftで選ぶ"), "{help}");

    d.form.focus_field("content");
    d.typed("一行目");
    d.press(KeyCode::Enter);
    d.key(KeyCode::Char('j'), KeyModifiers::CONTROL);
    d.typed("二行目 ");
    assert_eq!(
        d.value("content"),
        "一行目\n二行目 ",
        "Space types in a text field"
    );
    let help = d.form.status_lines(80, 10).join("");
    assert!(help.contains("Ctrl+jで改行"), "{help}");
    assert!(help.contains("Ctrl+数字で方法"), "{help}");
    assert!(!help.contains("Enter") && !help.contains("Alt"), "{help}");
    // The quick field from elsewhere, with the modifier as bound.
    d.key(KeyCode::Char('3'), KeyModifiers::ALT);
    assert_eq!(d.value("method"), "visit");
    d.key(KeyCode::Char('3'), KeyModifiers::CONTROL);
    assert_eq!(d.value("method"), "phone");
}
