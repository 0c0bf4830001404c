//! Key sequences on a headless session over a real store.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::harness::H;
use crate::operation::{self, Operation};
use crate::tui::app::Screen;
use crate::tui::timeline::Row;
use crate::tui::widgets::layout::Pane;

#[test]
fn typing_a_filter_narrows_the_list_and_esc_brings_everyone_back() {
    let mut h = H::new();
    assert_eq!(h.s.app.list.visible.len(), 6);
    h.ch('/');
    h.typed("すず");
    assert_eq!(h.s.app.list.visible.len(), 1);
    assert_eq!(h.selected_external_id(), "C002");
    assert!(
        !h.s.app.list.marks(0).is_empty(),
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
fn slash_starts_a_new_search_instead_of_typing_onto_the_kept_one() {
    let mut h = H::new();
    h.ch('/');
    h.typed("株式会社");
    h.key(KeyCode::Enter);
    let kept = h.s.app.list.visible.len();
    assert!(kept < 6, "{kept}");
    // From the timeline and back, then a new search.
    h.key(KeyCode::Tab);
    h.key(KeyCode::Esc);
    h.ch('/');
    assert!(h.s.app.list.typing);
    assert_eq!(h.s.app.list.query, "", "the kept query is not typed onto");
    h.typed("すず");
    assert_eq!(h.s.app.list.query, "すず");
    assert_eq!(h.selected_external_id(), "C002");
}

#[test]
fn the_searches_before_are_a_key_away_newest_first() {
    let mut h = H::new();
    h.ch('/');
    h.typed("すず");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc); // let go of, still remembered
    h.ch('/');
    h.typed("C005");
    h.key(KeyCode::Esc);
    h.ch('/');
    h.typed("た");
    h.ctrl('p');
    assert_eq!(h.s.app.list.query, "C005");
    assert_eq!(h.selected_external_id(), "C005", "the list follows");
    h.ctrl('p');
    assert_eq!(h.s.app.list.query, "すず");
    h.ctrl('n');
    h.ctrl('n');
    assert_eq!(h.s.app.list.query, "た", "back to what was typed");
    assert!(h.s.app.list.typing);
}

#[test]
fn an_at_sign_finds_a_workers_clients_and_a_plain_login_finds_none() {
    let mut h = H::new();
    h.ch('/');
    h.typed("@sato");
    let mut ids: Vec<String> =
        h.s.app
            .list
            .visible
            .iter()
            .map(|&r| h.s.app.snap.rows[r].external_id.clone())
            .collect();
    ids.sort();
    assert_eq!(ids, ["C001", "C003", "C006"], "sato's clients");
    h.key(KeyCode::Esc);
    h.ch('/');
    h.typed("sato");
    let ids: Vec<String> =
        h.s.app
            .list
            .visible
            .iter()
            .map(|&r| h.s.app.snap.rows[r].external_id.clone())
            .collect();
    // 佐藤 (さとう, C003) by name; not 山田 or 渡辺, whose worker is sato.
    assert_eq!(ids, ["C003"]);
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
    assert_eq!((o.id, o.period), (p.obligation.id(), p.obligation.period));
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
            app.snap.pending[*i].obligation.id().starts_with("pre."),
        _ => true,
    }));
    while h.s.app.deadlines.kind_label() != "すべて" {
        h.ch('t');
    }
    let all = h.s.app.deadlines.items;
    h.ch('!');
    assert!(h.s.app.deadlines.required_only);
    let app = &h.s.app;
    assert!(
        app.deadlines.items < all,
        "the monthly employer contacts (努力義務) are hidden"
    );
    assert!(app.deadlines.rows.iter().all(|r| match r {
        crate::tui::deadlines::DRow::Item(i) =>
            app.snap.pending[*i].obligation.severity == crate::model::Severity::Required,
        _ => true,
    }));
    h.ch('!');
    assert_eq!(h.s.app.deadlines.items, all);
    h.key(KeyCode::Esc);
    assert_eq!(h.s.app.screen, Screen::Main);
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
    operation::apply(
        &other,
        &Operation::AddContact {
            client_id: h.id("C004"),
            contact: Box::new(contact.clone()),
            intent: None,
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("other writes");
    h.wait(Duration::from_millis(600));
    assert_eq!(h.selected_external_id(), "C004");
    assert_eq!(h.s.app.focus, Pane::Timeline);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert_eq!(t.records.len(), before + 1);
    assert!(t.records.iter().any(|r| r.body == "田中が電話で確認"));
    let s = h.draw();
    assert!(s.contains("田中が電話"), "{s}");
    // The reload's own connection wrote nothing: no reload after it.
    h.now += Duration::from_millis(600);
    h.s.tick(h.now);
    assert!(!h.s.busy(), "a reload must not trigger another");
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
    operation::apply(
        &other,
        &Operation::EditClient {
            client: Box::new(c.clone()),
            conflict: None,
        },
    )
    .expect("update");
    h.wait(Duration::from_millis(600));
    assert_eq!(h.form_value("summary"), "入力中");
    assert_eq!(h.selected_external_id(), "C001");
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
    let app = &h.s.app;
    // 伊藤 (離職) tops the list with old overdue items: the cursor starts
    // on the next, a client with work today.
    let top = app.list.visible[0];
    assert_eq!(app.snap.rows[top].external_id, "C005");
    assert_eq!(app.list.selected_row(), Some(app.list.visible[1]));
    let row = &app.snap.rows[app.list.visible[1]];
    assert!(
        row.overdue > 0 && row.badge != "離職",
        "{}",
        row.external_id
    );
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

/// Ctrl-C asks once, and a second press quits, from anywhere — a form's
/// text kept as a draft on the way out; any other key in between asks again.
#[test]
fn ctrl_c_asks_then_quits_and_keeps_a_forms_text() {
    let mut h = H::new();
    h.ctrl('c');
    assert_eq!(h.message(), "終了するにはもう一度 Ctrl+C を押してください");
    assert!(!h.s.app.quit && h.s.app.screen == Screen::Main);
    h.ch('j');
    h.ctrl('c');
    assert!(!h.s.app.quit, "a key in between: asked again");
    h.ch('c');
    h.typed("途中まで書いた");
    h.ctrl('c');
    assert!(h.message().contains("下書き"), "{}", h.message());
    h.ctrl('c');
    assert!(h.s.app.quit);
    h.s.shutdown();
    assert!(
        !h.s.store().list_drafts().expect("drafts").is_empty(),
        "the typed text is a draft"
    );
}

#[test]
fn q_goes_back_a_level_and_quits_only_from_the_list() {
    let mut h = H::new();
    h.key(KeyCode::Enter);
    assert_eq!(h.s.app.focus, Pane::Timeline);
    h.ch('q');
    assert_eq!(h.s.app.focus, Pane::List, "back to the list");
    assert!(!h.s.app.quit);
    h.ch('d');
    assert_eq!(h.s.app.screen, Screen::Deadlines);
    h.ch('q');
    assert_eq!(h.s.app.screen, Screen::Main);
    h.ch('q');
    assert!(h.s.app.quit);
}
