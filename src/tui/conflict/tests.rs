//! The conflict view's own state: choosing, the defaults, refusing to go
//! on while a field both changed waits, and the audit record.

use ratatui::layout::Rect;

use super::*;
use crate::tui::form_editor::FieldSpec;

const SCREEN: Rect = Rect::new(0, 0, 80, 24);

fn values(pairs: &[(&str, &str)]) -> Values {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn specs() -> Vec<FieldSpec> {
    vec![
        FieldSpec::text("name", "氏名", 200),
        FieldSpec::text("kana", "ふりがな", 200),
        FieldSpec::text("certificate_no", "受給者証番号", 200),
        FieldSpec::choice(
            "disclosure",
            "障害の開示",
            &[("open", "開示"), ("closed", "非開示")],
        ),
    ]
}

/// They changed the certificate number, I changed the kana, both changed
/// the name.
pub(crate) fn sample() -> Conflict {
    let base = values(&[
        ("name", "山田 太郎"),
        ("kana", "やまだ たろう"),
        ("certificate_no", "1111111111"),
        ("disclosure", "open"),
    ]);
    let mut theirs = base.clone();
    theirs.insert("certificate_no".into(), "2222222222".into());
    theirs.insert("name".into(), "山田 太朗".into());
    let mut mine = base.clone();
    mine.insert("kana".into(), "やまだ たろう（修正）".into());
    mine.insert("name".into(), "山田 大郎".into());
    Conflict::new(
        "利用者の基本情報 — 山田 太郎",
        &specs(),
        Some(&base),
        theirs,
        &mine,
        3,
        Some(("suzuki".into(), "令和8年5月20日 10:02".into())),
    )
}

#[test]
fn only_differing_fields_are_listed_in_form_order_with_their_defaults() {
    let c = sample();
    let got: Vec<(&str, Changed, Option<Side>)> = c
        .rows
        .iter()
        .map(|r| (r.diff.id.as_str(), r.diff.changed, r.diff.choice))
        .collect();
    assert_eq!(
        got,
        [
            ("name", Changed::Both, None),
            ("kana", Changed::Mine, Some(Side::Mine)),
            ("certificate_no", Changed::Theirs, Some(Side::Theirs)),
        ]
    );
    assert_eq!(c.waiting(), 1);
}

#[test]
fn saving_waits_until_every_field_both_changed_has_a_choice() {
    let mut c = sample();
    c.key(Some(Action::Bottom), SCREEN);
    assert_eq!(c.key(Some(Action::Save), SCREEN), Outcome::Consumed);
    assert!(c.error.as_deref().is_some_and(|e| e.contains("1件")));
    assert_eq!(c.cursor, 0, "the cursor goes to the field waiting");
    assert_eq!(c.key(Some(Action::EditInForm), SCREEN), Outcome::Consumed);
    c.key(Some(Action::TakeTheirs), SCREEN);
    assert_eq!(c.error, None);
    let Outcome::Save(v) = c.key(Some(Action::Save), SCREEN) else {
        panic!("saves once chosen");
    };
    assert_eq!(v["name"], "山田 太朗");
    assert_eq!(v["kana"], "やまだ たろう（修正）", "mine, by default");
    assert_eq!(v["certificate_no"], "2222222222", "theirs, by default");
}

#[test]
fn a_default_can_be_changed_and_edit_returns_the_chosen_values() {
    let mut c = sample();
    c.key(Some(Action::KeepMine), SCREEN);
    c.key(Some(Action::Down), SCREEN);
    c.key(Some(Action::Down), SCREEN);
    c.key(Some(Action::KeepMine), SCREEN);
    let Outcome::Edit(v) = c.key(Some(Action::EditInForm), SCREEN) else {
        panic!("edit once chosen");
    };
    assert_eq!(v["name"], "山田 大郎");
    assert_eq!(v["certificate_no"], "1111111111");
}

#[test]
fn back_leaves_and_enter_shows_the_whole_text_first() {
    let mut c = sample();
    c.key(Some(Action::Enter), SCREEN);
    assert_eq!(c.whole, Some(0));
    assert_eq!(c.key(Some(Action::Back), SCREEN), Outcome::Consumed);
    assert_eq!(c.whole, None, "back closes the whole text first");
    assert_eq!(c.key(Some(Action::Back), SCREEN), Outcome::Close);
    assert_eq!(c.key(Some(Action::Help), SCREEN), Outcome::Help);
}

#[test]
fn the_record_says_which_value_was_saved_for_each_field() {
    let c = sample();
    let saved = values(&[
        ("name", "山田 太朗"),
        ("kana", "やまだ"),
        ("certificate_no", "2222222222"),
    ]);
    let r = c.record(&saved);
    assert_eq!(r.theirs_version, 3);
    assert_eq!(r.theirs_by.as_deref(), Some("suzuki"));
    assert_eq!(r.fields["name"].chosen, Chosen::Theirs);
    assert_eq!(r.fields["kana"].chosen, Chosen::Edited);
    assert_eq!(r.fields["certificate_no"].chosen, Chosen::Theirs);
    assert_eq!(r.fields["name"].mine, "山田 大郎");
    assert_eq!(r.fields["name"].base.as_deref(), Some("山田 太郎"));
}

#[test]
fn choices_are_shown_by_their_words() {
    let spec = FieldSpec::choice("d", "開示", &[("open", "開示"), ("closed", "非開示")]);
    assert_eq!(shown_value(&spec.kind, "closed"), "非開示");
    assert_eq!(shown_value(&FieldKind::Bool, "true"), "はい");
    assert_eq!(
        shown_value(&FieldKind::Text { max_chars: 9 }, " "),
        "（空欄）"
    );
}

#[test]
fn control_and_bidi_characters_never_reach_the_terminal() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::tui::keymap::Keymap;
    use crate::tui::theme::Theme;

    let mut c = sample();
    c.rows[0].diff.mine = "山田\u{1b}[2J\u{202e}太郎\u{9b}".into();
    c.rows[0].diff.choice = Some(Side::Mine);
    let (keymap, theme) = (Keymap::default(), Theme::default());
    for whole in [None, Some(0)] {
        c.whole = whole;
        let mut t = Terminal::new(TestBackend::new(80, 24)).expect("backend");
        t.draw(|f| {
            let view = ConflictView {
                conflict: &c,
                keymap: &keymap,
                theme: &theme,
            };
            f.render_widget(view, f.area());
        })
        .expect("draw");
        let shown = crate::tui::testutil::screen(t.backend().buffer());
        assert!(shown.contains("山田"), "{shown}");
        for bad in ['\u{1b}', '\u{202e}', '\u{9b}'] {
            assert!(!shown.contains(bad), "{bad:?} in {shown}");
        }
    }
}

#[test]
fn a_long_value_is_cut_with_a_mark_and_shown_whole_on_request() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::tui::keymap::Keymap;
    use crate::tui::theme::Theme;

    let mut c = sample();
    let long: String = "長い内容の記録です。".repeat(30);
    c.rows[0].diff.mine = format!("{long}おわり");
    let (keymap, theme) = (Keymap::default(), Theme::default());
    let draw = |c: &Conflict| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).expect("backend");
        t.draw(|f| {
            let view = ConflictView {
                conflict: c,
                keymap: &keymap,
                theme: &theme,
            };
            f.render_widget(view, f.area());
        })
        .expect("draw");
        crate::tui::testutil::screen(t.backend().buffer())
    };
    let cut = draw(&c);
    assert!(cut.contains('…') && !cut.contains("おわり"), "{cut}");
    assert!(cut.contains("Enter: 全文"), "the key to see it all: {cut}");
    c.key(Some(Action::Enter), SCREEN);
    c.key(Some(Action::Bottom), SCREEN);
    let whole = draw(&c);
    assert!(whole.contains("おわり"), "{whole}");
}
