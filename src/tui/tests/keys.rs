//! Key sequences on a headless session over a real store.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyModifiers};

use super::harness::H;
use crate::model::Status;
use crate::tui::app::Screen;
use crate::tui::layout::Pane;
use crate::tui::timeline::Row;

#[test]
fn typing_a_filter_narrows_the_list_and_esc_brings_everyone_back() {
    let mut h = H::new();
    assert_eq!(h.s.app.list.visible.len(), 6);
    h.ch('/');
    h.typed("すず");
    assert_eq!(h.s.app.list.visible.len(), 1);
    assert_eq!(h.selected_external_id(), "C002");
    assert!(
        !h.s.app.list.marks[0].is_empty(),
        "the matched characters are marked"
    );
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.typed("C00");
    assert_eq!(h.s.app.list.visible.len(), 6, "the id matches everyone");
    h.typed("5");
    assert_eq!(h.selected_external_id(), "C005");
    h.key(KeyCode::Esc);
    assert!(h.s.app.list.query.is_empty() && !h.s.app.list.typing);
    assert_eq!(h.s.app.list.visible.len(), 6);
    assert_eq!(
        h.selected_external_id(),
        "C005",
        "the client found stays selected"
    );
}

#[test]
fn a_confirmed_filter_stays_and_esc_on_the_list_clears_it() {
    let mut h = H::new();
    h.ch('/');
    h.typed("株式会社");
    h.key(KeyCode::Enter);
    assert!(!h.s.app.list.typing);
    let n = h.s.app.list.visible.len();
    assert!((1..6).contains(&n), "employer names are searched too ({n})");
    h.ch('j'); // a list key again, not filter text
    assert_eq!(h.s.app.list.query, "株式会社");
    h.key(KeyCode::Esc);
    assert_eq!(h.s.app.list.visible.len(), 6);
}

#[test]
fn my_caseload_shows_only_the_clients_assigned_to_me() {
    let mut h = H::new();
    h.ch('m');
    let mut ids: Vec<String> =
        h.s.app
            .list
            .visible
            .iter()
            .map(|&r| h.s.app.snap.rows[r].external_id.clone())
            .collect();
    ids.sort();
    assert_eq!(ids, ["C001", "C003", "C006"], "sato's clients");
    h.ch('m');
    assert_eq!(h.s.app.list.visible.len(), 6);
}

#[test]
fn sorting_by_kana_puts_the_list_in_gojuon_order() {
    let mut h = H::new();
    h.ch('s');
    let kana: Vec<String> =
        h.s.app
            .list
            .visible
            .iter()
            .map(|&r| h.s.app.snap.rows[r].kana.clone())
            .collect();
    let mut sorted = kana.clone();
    sorted.sort();
    assert_eq!(kana, sorted);
    assert!(kana[0].starts_with("いとう"));
}

#[test]
fn urgency_order_puts_clients_with_overdue_items_first() {
    let h = H::new();
    let rows: Vec<_> =
        h.s.app
            .list
            .visible
            .iter()
            .map(|&r| &h.s.app.snap.rows[r])
            .collect();
    assert!(rows[0].overdue > 0, "{:?}", rows[0]);
    for w in rows.windows(2) {
        assert!(
            w[0].overdue >= w[1].overdue,
            "{} before {}",
            w[0].name,
            w[1].name
        );
    }
}

#[test]
fn quick_entry_c_text_ctrl_s_records_a_contact_with_the_defaults() {
    let mut h = H::new();
    h.select("C002");
    h.ch('c');
    assert_eq!(
        h.s.app.form.as_ref().map(|f| f.form.focus_id()),
        Some("summary"),
        "the cursor starts in the summary"
    );
    h.typed("職場の様子を確認");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "{}", h.message());
    assert_eq!(h.message(), "記録しました");
    let c = h.s.store().load_client(h.id("C002")).expect("load");
    assert_eq!(c.contacts.len(), 1);
    let x = &c.contacts[0];
    assert_eq!(x.summary, "職場の様子を確認");
    assert_eq!(x.date, crate::tui::fixtures::today());
    assert_eq!(
        (x.counterpart, x.method, x.place),
        (
            crate::model::Counterpart::Client,
            crate::model::Method::InPerson,
            crate::model::Place::Office
        )
    );
    assert_eq!(x.staff.as_deref(), Some("sato"));
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert_eq!(t.records.len(), 1, "the timeline shows the new record");
    let r = t
        .selected_record()
        .expect("the cursor is on the new record");
    assert_eq!((r.id, r.body.as_str()), (x.id, "職場の様子を確認"));
}

#[test]
fn quick_entry_linked_to_a_step_marks_that_step_done() {
    let mut h = H::new();
    h.select("C002");
    h.ch('c');
    h.typed("就職後の支援についてニーズを確認");
    // Shift+Tab from the summary reaches 対応する項目; → picks the first open step.
    h.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    h.key(KeyCode::Right);
    let step = h.form_value("obligation");
    assert!(step.starts_with("pre."), "{step}");
    h.ctrl('s');
    assert_eq!(h.message(), "記録しました");
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let o = t
        .obligations
        .iter()
        .find(|o| o.id == step)
        .expect("step on the timeline");
    assert_eq!(o.status, Status::Done, "{o:?}");
}

#[test]
fn enter_on_a_timeline_step_opens_a_contact_linked_to_that_step() {
    let mut h = H::new();
    h.select("C002");
    h.key(KeyCode::Enter); // into the timeline
    assert_eq!(h.s.app.focus, Pane::Timeline);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let step = t
        .selected_obligation()
        .expect("the first overdue step is selected")
        .id;
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("obligation"), step);
    h.typed("本人と面接");
    h.ctrl('s');
    let c = h.s.store().load_client(h.id("C002")).expect("load");
    assert_eq!(c.contacts[0].obligations, vec![step.to_string()]);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert_eq!(
        t.obligations
            .iter()
            .find(|o| o.id == step)
            .map(|o| o.status),
        Some(Status::Done)
    );
}

#[test]
fn the_deadlines_view_lists_overdue_first_and_enter_jumps_to_the_item() {
    let mut h = H::new();
    h.ch('d');
    assert_eq!(h.s.app.screen, Screen::Deadlines);
    let app = &h.s.app;
    let items: Vec<_> = app
        .deadlines
        .rows
        .iter()
        .filter_map(|r| match r {
            crate::tui::deadlines::DRow::Item(i) => Some(&app.snap.pending[*i]),
            _ => None,
        })
        .collect();
    assert!(!items.is_empty());
    let urg: Vec<u8> = items
        .iter()
        .map(|p| p.obligation.status.urgency().min(2))
        .collect();
    assert!(
        urg.windows(2).all(|w| w[0] <= w[1]),
        "overdue, then due soon, then the rest: {urg:?}"
    );
    // Pick the last item and jump.
    h.ch('G');
    let p =
        h.s.app
            .deadlines
            .selected_item()
            .map(|i| h.s.app.snap.pending[i])
            .expect("an item");
    let client = h.s.app.snap.rows[p.row].external_id.clone();
    h.key(KeyCode::Enter);
    assert_eq!(h.s.app.screen, Screen::Main);
    assert_eq!(h.s.app.focus, Pane::Timeline);
    assert_eq!(h.selected_external_id(), client);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let o = t.selected_obligation().expect("an obligation is selected");
    assert_eq!((o.id, o.period), (p.obligation.id, p.obligation.period));
}

#[test]
fn deadlines_keys_change_the_window_and_the_kind() {
    let mut h = H::new();
    h.ch('d');
    let n30 = h.s.app.deadlines.items;
    h.ch('+');
    assert_eq!(h.s.app.deadlines.days, 60);
    assert!(h.s.app.deadlines.items >= n30);
    h.ch('t');
    assert_eq!(h.s.app.deadlines.kind_label(), "就職前");
    let app = &h.s.app;
    assert!(app.deadlines.rows.iter().all(|r| match r {
        crate::tui::deadlines::DRow::Item(i) =>
            app.snap.pending[*i].obligation.id.starts_with("pre."),
        _ => true,
    }));
    h.key(KeyCode::Esc);
    assert_eq!(h.s.app.screen, Screen::Main);
}

#[test]
fn an_impossible_date_is_refused_in_japanese_under_the_field() {
    let mut h = H::new();
    h.select("C002");
    h.ch('c');
    h.typed("内容");
    h.key(KeyCode::Tab); // to 実施日
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.typed("2026/2/30");
    h.key(KeyCode::Tab);
    let fs = h.s.app.form.as_ref().expect("form");
    assert_eq!(
        fs.form.error("date"),
        Some("「2026/2/30」: 2月30日は存在しません（2026年2月は1〜28日）")
    );
    h.ctrl('s');
    assert!(h.s.app.form.is_some(), "nothing saved");
    assert!(
        h.s.store()
            .load_client(h.id("C002"))
            .expect("load")
            .contacts
            .is_empty()
    );
}

#[test]
fn a_separation_before_the_start_of_employment_is_refused() {
    let mut h = H::new();
    h.select("C001");
    h.ch('E');
    assert_eq!(
        h.form_value("start_date"),
        "令和8年6月1日",
        "dates are shown as 和暦"
    );
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("separation_date");
    h.typed("2026-05-01");
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("the form stays open");
    let err = fs
        .form
        .error("separation_date")
        .expect("a message under 離職日");
    assert!(err.contains("離職日") && err.contains("より前"), "{err}");
    assert!(h.message().contains("入力内容を確認"), "{}", h.message());
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    assert_eq!(c.employments[0].separation_date, None);
}

#[test]
fn esc_on_a_changed_form_asks_before_dropping_the_input() {
    let mut h = H::new();
    h.ch('c');
    h.typed("書きかけ");
    h.key(KeyCode::Esc);
    assert!(
        h.s.app
            .form
            .as_ref()
            .is_some_and(|f| f.form.confirming_discard())
    );
    assert!(h.draw().contains("変更を破棄しますか？ (y/n)"));
    h.ch('n');
    assert_eq!(h.form_value("summary"), "書きかけ");
    h.key(KeyCode::Esc);
    h.ch('y');
    assert!(h.s.app.form.is_none());
}

#[test]
fn a_draft_is_saved_while_typing_and_offered_back_after_a_reconnect() {
    let mut h = H::new();
    h.select("C003");
    h.ch('c');
    h.typed("職場訪問。途中まで書いた");
    let key = h.s.app.form.as_ref().expect("form").draft_key.clone();
    assert!(
        h.s.store().load_draft(&key).expect("query").is_none(),
        "not before a second has passed"
    );
    h.wait(Duration::from_millis(1100));
    assert!(
        h.s.store().load_draft(&key).expect("query").is_some(),
        "saved about a second after typing"
    );
    // The SSH connection drops: no clean exit.
    h.reconnect();
    h.select("C003");
    h.ch('c');
    assert!(
        h.draw()
            .contains("前回の下書きがあります。復元しますか？ (y/n)")
    );
    h.ch('y');
    assert_eq!(h.form_value("summary"), "職場訪問。途中まで書いた");
    h.ctrl('s');
    assert_eq!(h.message(), "記録しました");
    assert!(
        h.s.store().load_draft(&key).expect("query").is_none(),
        "a saved form leaves no draft"
    );
}

#[test]
fn declining_a_draft_discards_it() {
    let mut h = H::new();
    h.ch('c');
    h.typed("捨てる下書き");
    let key = h.s.app.form.as_ref().expect("form").draft_key.clone();
    h.s.shutdown(); // SIGHUP: the draft is written at once
    assert!(h.s.store().load_draft(&key).expect("query").is_some());
    h.reconnect();
    h.ch('c');
    h.ch('n');
    assert_eq!(h.form_value("summary"), "");
    assert!(h.s.store().load_draft(&key).expect("query").is_none());
}

#[test]
fn another_users_write_appears_within_a_second_keeping_the_cursor() {
    let mut h = H::new();
    h.select("C004");
    h.key(KeyCode::Enter);
    let before = h.s.app.timeline.as_ref().expect("timeline").records.len();
    let other = h.other("tanaka");
    let contact = crate::tui::record_forms::contact_from_values(
        &{
            let mut v =
                crate::tui::record_forms::contact_defaults(crate::tui::fixtures::today(), None);
            v.insert("summary".into(), "田中が電話で確認".into());
            v
        },
        crate::tui::fixtures::today(),
        "tanaka",
    )
    .expect("valid");
    other
        .add_contact(h.id("C004"), &contact)
        .expect("other writes");
    h.wait(Duration::from_millis(600));
    assert_eq!(h.selected_external_id(), "C004");
    assert_eq!(h.s.app.focus, Pane::Timeline);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert_eq!(t.records.len(), before + 1);
    assert!(t.records.iter().any(|r| r.body == "田中が電話で確認"));
    let s = h.draw();
    assert!(s.contains("田中が電話"), "{s}");
}

#[test]
fn a_refresh_leaves_an_open_form_and_its_input_alone() {
    let mut h = H::new();
    h.select("C001");
    h.ch('c');
    h.typed("入力中");
    let other = h.other("tanaka");
    let mut c = other.load_client(h.id("C003")).expect("load");
    c.kana = "さとう けんいち（変更）".into();
    other.update_client(&c).expect("update");
    h.wait(Duration::from_millis(600));
    assert_eq!(h.form_value("summary"), "入力中");
    assert_eq!(h.selected_external_id(), "C001");
}

#[test]
fn a_stale_edit_keeps_the_form_and_says_someone_else_changed_it() {
    let mut h = H::new();
    h.select("C001");
    h.ch('e');
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("kana");
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
    h.typed("やまだ たろう（修正）");
    let other = h.other("tanaka");
    let mut c = other.load_client(h.id("C001")).expect("load");
    c.name = "山田 太朗".into();
    other.update_client(&c).expect("the other user saves first");
    h.ctrl('s');
    assert!(
        h.message().contains("他の人が先に変更しました"),
        "{}",
        h.message()
    );
    assert!(h.s.app.form.is_some(), "the form stays open");
    assert!(
        h.form_value("kana").ends_with("（修正）"),
        "the input is kept"
    );
    let stored = h.s.store().load_client(h.id("C001")).expect("load");
    assert_eq!(stored.name, "山田 太朗", "nothing was overwritten");
    assert_eq!(stored.kana, "やまだ たろう");
}

#[test]
fn a_client_edit_saves_with_the_version_it_loaded() {
    let mut h = H::new();
    h.select("C006");
    h.ch('e');
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("assigned_staff");
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.typed("tanaka");
    h.ctrl('s');
    assert_eq!(h.message(), "保存しました");
    let c = h.s.store().load_client(h.id("C006")).expect("load");
    assert_eq!(c.assigned_staff.as_deref(), Some("tanaka"));
}

#[test]
fn help_opens_with_question_mark_and_closes_with_esc() {
    let mut h = H::new();
    h.ch('?');
    assert!(h.s.app.help.is_some());
    assert!(h.draw().contains("ヘルプ"));
    h.ch('j');
    h.key(KeyCode::Esc);
    assert!(h.s.app.help.is_none());
}

#[test]
fn on_a_narrow_terminal_tab_switches_the_pane_shown() {
    let mut h = H::sized(60, 20);
    assert!(h.draw().contains("利用者 6/6"));
    h.key(KeyCode::Tab);
    assert_eq!(h.s.app.focus, Pane::Timeline);
    let s = h.draw();
    assert!(s.contains("経過 —"), "{s}");
    assert!(!s.contains("利用者 6/6"));
}

#[test]
fn space_folds_the_month_of_the_selected_item() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let n = t.rows.len();
    let folded = t.folded.len();
    h.key(KeyCode::Char(' '));
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert!(matches!(
        t.selected_row(),
        Some(Row::Month { folded: true, .. })
    ));
    assert!(t.rows.len() < n && t.folded.len() == folded + 1);
}

#[test]
fn q_quits_from_the_main_screen_but_is_text_in_a_form() {
    let mut h = H::new();
    h.ch('c');
    h.ch('q');
    assert!(!h.s.app.quit);
    assert_eq!(h.form_value("summary"), "q");
    h.key(KeyCode::Esc);
    h.ch('y');
    h.ch('q');
    assert!(h.s.app.quit);
}

#[test]
fn the_first_frame_comes_at_once_and_the_list_follows_from_the_loading_thread() {
    let mut h = H::started();
    let s = h.draw();
    assert!(s.contains("読み込み中…"), "{s}");
    assert!(s.contains("teichaku 定着"));
    // Keys typed while loading are not lost: the filter applies on arrival.
    h.ch('/');
    h.typed("すず");
    h.s.wait_idle();
    assert!(h.s.app.snap.computed);
    assert_eq!(h.selected_external_id(), "C002");
    let s = h.draw();
    assert!(s.contains("利用者 1/6"), "{s}");
    assert!(!s.contains("計算中"));
}

#[test]
fn without_a_key_the_most_urgent_client_is_selected_once_counts_arrive() {
    let mut h = H::started();
    h.s.wait_idle();
    let top = h.s.app.list.visible[0];
    assert_eq!(h.s.app.list.selected_row(), Some(top));
    assert!(h.s.app.snap.rows[top].overdue > 0);
}

#[test]
fn enter_on_a_monthly_employer_item_opens_a_contact_with_the_employer_at_work() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter);
    let t = h.s.app.timeline.as_mut().expect("timeline");
    let key = t
        .obligations
        .iter()
        .find(|o| o.id == "ret.monthly_employer")
        .map(|o| crate::tui::timeline::ItemKey::Obligation(o.id, o.period))
        .expect("a monthly employer item");
    assert!(t.select_key(&key));
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("counterpart"), "employer");
    assert_eq!(h.form_value("place"), "employer");
    assert_eq!(
        h.form_value("obligation"),
        "",
        "monthly items are not linked, the date counts"
    );
}

#[test]
fn enter_on_a_report_item_says_the_report_form_is_not_here_yet() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter);
    let t = h.s.app.timeline.as_mut().expect("timeline");
    let key = t
        .obligations
        .iter()
        .find(|o| o.id == "ret.monthly_report")
        .map(|o| crate::tui::timeline::ItemKey::Obligation(o.id, o.period))
        .expect("a monthly report item");
    assert!(t.select_key(&key));
    h.key(KeyCode::Enter);
    assert!(h.s.app.form.is_none());
    assert!(h.message().contains("支援レポート"), "{}", h.message());
}

#[test]
fn configuration_warnings_are_reported_at_start_with_a_count() {
    let (keymap, warnings) = crate::tui::keymap::Keymap::from_sources(Some((
        std::path::Path::new("/home/u/.config/teichaku/keymap.toml"),
        "global = [\n  { on = \"n\", run = \"no_such_action\" },\n  { on = \"<Bogus>\", run = \"quit\" },\n]\n",
    )));
    assert_eq!(warnings.len(), 2);
    let app = crate::tui::app::App::new(
        crate::tui::fixtures::today(),
        "sato",
        Default::default(),
        keymap,
        Default::default(),
        warnings,
        ratatui::layout::Rect::new(0, 0, 80, 24),
    );
    let m = app.message.expect("a message at start");
    assert_eq!(m.kind, crate::tui::app::MessageKind::Warning);
    assert!(m.text.starts_with("設定の警告2件"), "{}", m.text);
    assert!(
        m.text.contains("keymap.toml 2行目"),
        "the file's name and line: {}",
        m.text
    );
}
