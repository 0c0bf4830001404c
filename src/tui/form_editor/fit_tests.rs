//! Forms at 80×24: long choices, labels and problems are readable whole
//! (in the field, its help line or wrapped), and text fields keep
//! readline habits.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::tui::keymap::Keymap;
use crate::tui::testutil::screen;
use crate::tui::theme::Theme;

const SHARE: &str =
    "本人同意の上、特定相談支援事業所・就労定着支援事業所へ状況共有、生活面の支援の相談";
const LONG_LABEL: &str = "物理的環境（休憩室有無、バリアフリー、作業環境などの配慮事項）";

fn form() -> Form {
    Form::new(
        "支援の記録",
        vec![
            FieldSpec::text("place", "場所", 40),
            FieldSpec::choice(
                "obligation",
                "対応する項目",
                &[
                    ("a", "なし"),
                    ("b", "ニーズ把握・支援方法の相談"),
                    ("c", SHARE),
                    ("d", "就労定着支援の利用意向の確認"),
                    (
                        "e",
                        "就労定着支援事業所・企業と支援の方向性の共有、連絡調整",
                    ),
                ],
            ),
            FieldSpec::text("env", LONG_LABEL, 200),
            FieldSpec::date("date", "実施日"),
        ],
        Box::new(|s: &str| {
            Err(format!(
                "「{s}」: 2月30日は存在しません（2026年2月は28日までです。日付を確かめてください）"
            ))
        }),
    )
}

fn key(f: &mut Form, code: KeyCode, mods: KeyModifiers) {
    let ev = Event::Key(KeyEvent::new_with_kind(code, mods, KeyEventKind::Press));
    f.handle_event(&ev, &Keymap::default());
}

fn draw(f: &Form) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("backend");
    let theme = Theme::default();
    t.draw(|fr| {
        fr.render_widget(
            FormView {
                form: f,
                theme: &theme,
            },
            fr.area(),
        )
    })
    .expect("draw");
    screen(t.backend().buffer())
}

/// Joined lines without spaces: a wrapped text reads whole again.
fn joined(s: &str) -> String {
    s.lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<String>()
        .replace(' ', "")
}

#[test]
fn ctrl_u_clears_to_the_start_and_ctrl_z_ctrl_y_undo_and_redo() {
    let mut f = form();
    for c in "本社工場".chars() {
        key(&mut f, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut f, KeyCode::Left, KeyModifiers::NONE);
    key(&mut f, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(f.values()["place"], "場", "Ctrl-U clears to the start only");
    key(&mut f, KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(f.values()["place"], "本社工場", "Ctrl-Z undoes");
    key(&mut f, KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(f.values()["place"], "場", "Ctrl-Y redoes");
}

#[test]
fn a_long_choice_keeps_its_closing_mark_and_position_and_reads_whole_below() {
    let mut f = form();
    f.focus_field("obligation");
    for _ in 0..3 {
        key(&mut f, KeyCode::Right, KeyModifiers::NONE);
    }
    let s = draw(&f);
    let row = s
        .lines()
        .find(|l| l.contains("対応する項目"))
        .expect("the field's row");
    assert!(row.contains("› 3/5"), "{row}");
    assert!(joined(&s).contains(&format!("選択中:{SHARE}")), "{s}");
    insta::assert_snapshot!("form_long_choice_80x24", s);
}

#[test]
fn a_long_label_is_given_whole_on_the_help_line_of_its_field() {
    let mut f = form();
    f.focus_field("env");
    let s = draw(&f);
    assert!(joined(&s).contains(LONG_LABEL), "{s}");
    insta::assert_snapshot!("form_long_label_80x24", s);
}

#[test]
fn a_long_problem_under_a_field_wraps_instead_of_being_cut() {
    let mut f = form();
    f.focus_field("date");
    for c in "2026-02-30".chars() {
        key(&mut f, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut f, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let s = draw(&f);
    assert!(
        joined(&s).contains("2026年2月は28日までです。日付を確かめてください"),
        "{s}"
    );
    for l in s.lines().filter(|l| l.contains('！')) {
        assert!(!l.contains('…'), "{l}");
    }
    insta::assert_snapshot!("form_long_problem_80x24", s);
}

#[test]
fn f1_explains_the_field_in_focus_and_question_mark_does_on_a_choice() {
    let mut f = form();
    f.focus_field("env");
    key(&mut f, KeyCode::F(1), KeyModifiers::NONE);
    let m = f.message().unwrap_or_default().to_string();
    assert!(m.contains(LONG_LABEL) && m.contains("200字まで"), "{m}");
    assert_eq!(f.values()["env"], "", "F1 types nothing");
    let s = draw(&f);
    assert!(joined(&s).contains(LONG_LABEL), "{s}");
    // In a text field ? is text; in a choice it asks what the field is.
    key(&mut f, KeyCode::Char('?'), KeyModifiers::NONE);
    assert_eq!(f.values()["env"], "?");
    f.focus_field("obligation");
    key(&mut f, KeyCode::Char('?'), KeyModifiers::NONE);
    let m = f.message().unwrap_or_default().to_string();
    assert!(
        m.contains("対応する項目") && m.contains("5つの中から選ぶ"),
        "{m}"
    );
}
