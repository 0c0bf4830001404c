//! Issue 10 at 80×24: no internal obligation id on any screen, messages
//! and hints that are never cut silently, an empty office that says how
//! to begin, and help that explains the marks.

use crossterm::event::KeyCode;

use super::harness::H;
use crate::model::OBLIGATION_IDS;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;

fn key_of(h: &H, mode: Mode, a: Action) -> String {
    h.s.app
        .keymap
        .keys_for(mode, a)
        .first()
        .map(|k| k.to_string())
        .expect("bound")
}

fn assert_no_id(h: &H, where_: &str) {
    let s = h.draw();
    for id in OBLIGATION_IDS {
        assert!(!s.contains(id), "{id} shown on {where_}:\n{s}");
    }
}

/// Every item of every client's timeline (the detail pane under it), the
/// deadlines view, every form, help, office and figures.
#[test]
fn no_screen_shows_an_obligation_id() {
    let mut h = H::office();
    assert_no_id(&h, "the list");
    let n = h.s.app.snap.rows.len();
    for i in 0..n {
        h.key(KeyCode::Char('g'));
        for _ in 0..i {
            h.ch('j');
        }
        assert_no_id(&h, &format!("client {i}'s profile"));
        h.key(KeyCode::Enter);
        let items = h.s.app.timeline.as_ref().map_or(0, |t| t.rows.len());
        for k in 0..items {
            assert_no_id(&h, &format!("client {i}, item {k}"));
            h.ch('j');
        }
        h.s.app.focus = crate::tui::widgets::layout::Pane::List;
    }
    h.key(KeyCode::Char('g'));
    for (c, what) in [
        ('c', "contact form"),
        ('e', "client form"),
        ('E', "employment form"),
        ('C', "consent form"),
        ('H', "handover form"),
        ('K', "conference form"),
        ('r', "report form"),
        ('p', "plan form"),
        ('n', "new client form"),
    ] {
        h.ch(c);
        h.wait(std::time::Duration::from_millis(50));
        // Through every field: a choice shows its value in focus.
        for _ in 0..60 {
            assert_no_id(&h, what);
            h.key(KeyCode::Tab);
        }
        h.key(KeyCode::Esc);
        h.ch('y');
        h.key(KeyCode::Esc);
    }
    h.ch('d');
    for _ in 0..40 {
        assert_no_id(&h, "deadlines");
        h.ch('j');
    }
    h.key(KeyCode::Esc);
    h.ch('?');
    for _ in 0..20 {
        assert_no_id(&h, "help");
        h.key(KeyCode::PageDown);
    }
    h.key(KeyCode::Esc);
    for c in ['O', 'F'] {
        h.ch(c);
        h.wait(std::time::Duration::from_millis(50));
        assert_no_id(&h, &format!("{c} screen"));
        h.key(KeyCode::Esc);
    }
}

/// At 80 columns the list's bar has the daily keys — a contact, a
/// report, finding someone, opening them, the deadlines, a new client and
/// leaving — and ends with the help key, where the rest are.
#[test]
fn the_hint_bar_ends_with_the_help_key_and_keeps_the_daily_keys_at_80_columns() {
    let mut h = H::new();
    let s = h.draw();
    let bar = s.lines().last().expect("hint row");
    let help = key_of(&h, Mode::List, Action::Help);
    assert!(bar.trim_end().ends_with(&format!("{help} その他")), "{bar}");
    for (a, word) in [
        (Action::NewContact, Action::NewContact.short()),
        (Action::Report, Action::Report.short()),
        (Action::Filter, Action::Filter.short()),
        (Action::Enter, "開く"),
        (Action::Deadlines, Action::Deadlines.short()),
        (Action::NewClient, Action::NewClient.short()),
        (Action::Quit, Action::Quit.short()),
    ] {
        let k = key_of(&h, Mode::List, a);
        assert!(bar.contains(&format!("{k} {word}")), "{a:?}: {bar}");
    }
    // In the timeline, q goes back to the list as Esc does: one hint.
    h.key(KeyCode::Enter);
    let bar = h.draw().lines().last().expect("hint row").to_string();
    let (esc, q) = (
        key_of(&h, Mode::Timeline, Action::Back),
        key_of(&h, Mode::Timeline, Action::Quit),
    );
    assert!(bar.contains(&format!("{esc}/{q} 一覧へ")), "{bar}");
    assert!(
        !bar.contains(Action::Quit.short()),
        "q does not quit here: {bar}"
    );
}

#[test]
fn an_empty_office_says_which_key_registers_the_first_client() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("empty.db");
    crate::store::Store::open_as(&db, "sato").expect("create");
    let h = H::on(&db, 80, 24);
    let s = h.draw();
    let k = key_of(&h, Mode::List, Action::NewClient);
    let flat: String = s
        .lines()
        .map(|l| l.split('│').nth(1).unwrap_or("").trim())
        .collect();
    assert!(
        flat.contains(&format!("{k}で最初の利用者を登録できます"))
            || flat.contains(&format!("{k} で最初の利用者を登録できます")),
        "{s}"
    );
    insta::assert_snapshot!("empty_office_80x24", s);
}

#[test]
fn help_explains_the_glyphs_status_words_and_stage_badges() {
    let lines: Vec<String> = crate::tui::help::help_lines(
        &crate::tui::keymap::Keymap::default(),
        &crate::tui::theme::Theme::default(),
    )
    .iter()
    .map(|l| l.to_string())
    .collect();
    let all = lines.join("\n");
    for glyph in ["!!", "!", ">", ".", "✓", "-", "*"] {
        assert!(
            lines.iter().any(|l| l.trim_start().starts_with(glyph)),
            "{glyph} not explained"
        );
    }
    for word in [
        "期限超過",
        "期限間近",
        "対象外",
        "定着1",
        "開始待",
        "4-5月",
        "Ctrl-U",
        "Ctrl-Z",
        "Ctrl-Y",
    ] {
        assert!(all.contains(word), "{word} not in help");
    }
}

/// A long message wraps over the panes: every word is on screen, and the
/// message key shows it again, whole, newest first.
#[test]
fn a_long_message_wraps_and_the_message_log_shows_it_again() {
    let mut h = H::new();
    let long = "入力内容を確認してください: 就職先決定日（2026-11-20）が就職日（2026-11-10）より後です。決定日を就職日より前にするか、就職日を直してください";
    h.s.app.info("最初のメッセージ");
    h.s.app.error(long);
    let s = h.draw();
    let flat: String = s.lines().map(|l| l.trim_end()).collect();
    assert!(flat.contains(long), "{s}");
    for l in s.lines() {
        assert!(text::width(l) <= 80, "{l}");
    }
    insta::assert_snapshot!("long_message_80x24", s);
    let m = key_of(&h, Mode::List, Action::Messages);
    for c in m.chars() {
        h.ch(c);
    }
    let log = h.draw();
    let newest = log.find("入力内容を確認").expect("the long one");
    let older = log.find("最初のメッセージ").expect("the first one");
    assert!(newest < older, "newest first:\n{log}");
    insta::assert_snapshot!("message_log_80x24", log);
}

/// The export message keeps the file name: the folders give way.
#[test]
fn an_export_message_shows_the_file_name_whole() {
    let mut h = H::new();
    h.s.app.info(
        "書き出しました: /home/sato/.local/share/teichaku/exports/支援レポート_D00035_2026-12.xlsx",
    );
    let s = h.draw();
    let row = s
        .lines()
        .find(|l| l.starts_with("書き出しました"))
        .expect("one row");
    assert!(
        row.contains("…/") && row.contains("/exports/支援レポート_D00035_2026-12.xlsx"),
        "{s}"
    );
    insta::assert_snapshot!("export_message_80x24", s);
}

/// Every reason a rule or a 終結 gives, and a person's short one, fits
/// the status column whole: `対象外(離職)`, never `対象外(離…`.
#[test]
fn waiver_reasons_have_short_words_that_fit_the_status_column() {
    use crate::model::{ClosureReason, SHORT_REASON_W, short_reason};
    let rules = [
        "支給可能期間(3年6月)を超過",
        "要継続支援の対象外",
        "通常型のみ",
        "利用希望なし",
        "障害非開示",
        "入院中",
    ];
    for r in rules
        .iter()
        .copied()
        .chain(ClosureReason::ALL.iter().map(|c| c.label()))
    {
        let s = short_reason(r);
        assert!(text::width(&s) <= SHORT_REASON_W, "{r} → {s}");
        assert!(!s.contains('…'), "{r} → {s}");
    }
    assert_eq!(short_reason("離職"), "離職");
    assert_eq!(short_reason("本人と連絡が取れないため"), "判断");
    let mut h = H::new();
    h.select("C005");
    h.key(KeyCode::Enter);
    let s = h.draw();
    assert!(s.contains("対象外(辞退)"), "{s}");
}

/// The longest label of every form, in focus at 80×24: the label column
/// may shorten it, but the help line under the form gives it whole.
#[test]
fn the_longest_label_of_each_form_is_readable_whole() {
    for key in ['c', 'n', 'e', 'E', 'C', 'H', 'K', 'r', 'p'] {
        let mut h = H::new();
        h.select("C003");
        h.ch(key);
        h.wait(std::time::Duration::from_millis(50));
        let Some(fs) = h.s.app.form.as_mut() else {
            panic!("{key} opens no form: {}", h.message());
        };
        let Some(spec) = fs
            .form
            .specs()
            .iter()
            .max_by_key(|s| text::width(&s.label))
            .cloned()
        else {
            panic!("{key}: a form without fields");
        };
        fs.form.focus_field(&spec.id);
        let s = h.draw();
        let flat: String = s
            .lines()
            .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
            .collect::<String>()
            .replace(' ', "");
        assert!(
            flat.contains(&spec.label.replace(' ', "")),
            "{key}: {} not whole:\n{s}",
            spec.label
        );
        // Names that differ by more than case (c and C are two forms).
        let name = if key.is_ascii_uppercase() {
            format!("longest_label_shift_{}_80x24", key.to_ascii_lowercase())
        } else {
            format!("longest_label_{key}_80x24")
        };
        insta::assert_snapshot!(name, s);
    }
}

/// The conflict message over an open form, and the pasted-text warning
/// in it, read whole at 80×24.
#[test]
fn the_conflict_message_and_the_paste_warning_read_whole_over_a_form() {
    let mut h = H::new();
    h.select("C003");
    h.ch('c');
    let conflict =
        "他の人が先に変更しました。保存していません。違う項目ごとに残す値を選んでください";
    h.s.app.error(conflict);
    let s = h.draw();
    let flat: String = s.lines().map(|l| l.trim_end()).collect();
    assert!(flat.contains(conflict), "{s}");
    insta::assert_snapshot!("conflict_message_over_form_80x24", s);
    h.s.app.message = None;
    let pasted = format!("{}\u{7}", "あ".repeat(10_050));
    h.s.handle(&crossterm::event::Event::Paste(pasted), h.now);
    let s = h.draw();
    let flat: String = s
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect();
    let warning = "貼り付けました。支援内容は10000字までです（いま10050字）。保存の前に短くしてください。制御文字を取り除いて貼り付けました";
    assert!(flat.contains(warning), "{s}");
    insta::assert_snapshot!("paste_warning_80x24", s);
}
