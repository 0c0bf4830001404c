//! The office screens by keys on a headless session over a real store:
//! the settings and the staff (snapshots at 80×24), a setting saved and a
//! staff member added, changed and removed through the forms and read back
//! through the store; a 支援員 sees the same screens and is told who may
//! change them.

use crossterm::event::KeyCode;

use super::harness::H;
use crate::model::{Role, Staff};
use crate::tui::app::Screen;
use crate::tui::office::OfficeTab;
use crate::tui::record_forms::FormKind;

fn snap(name: &str, h: &H) {
    let s = h.draw();
    for line in s.lines() {
        assert!(
            crate::text::width(line) <= 80,
            "line wider than 80: {line:?}"
        );
    }
    insta::assert_snapshot!(name, s);
}

/// Empty the focused text field.
fn clear_field(h: &mut H) {
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
}

/// Put the settings cursor on `key`.
fn select_setting(h: &mut H, key: &str) {
    h.ch('g');
    for _ in 0..20 {
        if h.s.app.office.selected_key() == key {
            return;
        }
        h.ch('j');
    }
    panic!("no setting {key}");
}

#[test]
fn snapshot_the_settings_and_the_staff_screens() {
    let mut h = H::office();
    h.ch('O');
    assert_eq!(h.s.app.screen, Screen::Office);
    snap("office_settings_80x24", &h);
    h.key(KeyCode::Tab);
    assert_eq!(h.s.app.office.tab, OfficeTab::Staff);
    snap("office_staff_80x24", &h);
}

#[test]
fn a_setting_saved_in_the_form_is_stored_and_the_deadlines_follow_it() {
    let mut h = H::office();
    let soon_after_3_days = |h: &H| {
        let days3 = crate::dates::add_days(h.s.app.today, 3);
        h.s.app
            .snap
            .pending
            .iter()
            .filter(|p| p.obligation.status == crate::model::Status::DueSoon)
            .filter(|p| p.obligation.due > days3)
            .count()
    };
    assert!(
        soon_after_3_days(&h) > 0,
        "due soon with the default 14 days"
    );
    h.ch('O');
    select_setting(&mut h, "warn_days");
    h.key(KeyCode::Enter);
    let fs = h.s.app.form.as_ref().expect("the settings form");
    assert_eq!(fs.kind, FormKind::Office);
    assert_eq!(fs.form.focus_id(), "warn_days", "the form opens on the row");
    clear_field(&mut h);
    h.typed("３");
    for _ in 0..3 {
        h.key(KeyCode::Tab);
    }
    assert_eq!(
        h.s.app.form.as_ref().map(|f| f.form.focus_id()),
        Some("handover_responsible")
    );
    h.typed("佐藤 由美");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    assert!(h.message().contains("保存しました"), "{}", h.message());
    let store = h.other("kobayashi");
    assert_eq!(store.settings().expect("settings").warn_days, 3);
    let office = store.office().expect("office");
    assert_eq!(office.handover_responsible, "佐藤 由美");
    assert_eq!(office.name, "就労支援センターみらい", "the rest kept");
    // The screen and the engine read the new number.
    assert_eq!(h.s.app.settings.warn_days, 3);
    h.s.wait_idle();
    assert!(h.draw().contains("期限の 3 日前から"));
    assert_eq!(soon_after_3_days(&h), 0, "recomputed with 3 days");
}

#[test]
fn a_bad_value_stays_in_the_form_under_its_field_and_nothing_is_saved() {
    let mut h = H::office();
    h.ch('O');
    select_setting(&mut h, "office_number");
    h.key(KeyCode::Enter);
    clear_field(&mut h);
    h.typed("12345");
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("still open");
    assert!(fs.form.error("office_number").is_some());
    assert_eq!(
        h.other("kobayashi").office().expect("office").number,
        "1310000001"
    );
}

#[test]
fn a_staff_member_is_added_changed_and_removed_through_the_screen() {
    let mut h = H::office();
    h.ch('O');
    h.ch('n');
    let fs = h.s.app.form.as_ref().expect("the staff form");
    assert_eq!(fs.kind, FormKind::Staff);
    h.typed("suzuki");
    h.key(KeyCode::Tab);
    h.typed("鈴木 一郎");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right); // 就労定着支援員 → サービス管理責任者
    h.key(KeyCode::Tab);
    h.typed("0.5");
    h.key(KeyCode::Tab);
    h.typed("R7.7.1");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    assert!(h.message().contains("鈴木 一郎"), "{}", h.message());
    let added = h.other("kobayashi").staff_member("suzuki").expect("read");
    assert_eq!(
        added,
        Some(Staff {
            login: "suzuki".into(),
            display_name: "鈴木 一郎".into(),
            role: Role::Coordinator,
            basic_training: chrono::NaiveDate::from_ymd_opt(2025, 7, 1),
            fte_percent: Some(50),
            joined: None,
            left: None,
            fte_history: Vec::new(),
        })
    );
    assert!(h.draw().contains("鈴木 一郎"), "listed on the screen");
    assert!(
        h.s.app.marks.is_staff("suzuki"),
        "and known to the deadlines"
    );

    // Enter changes the one under the cursor; the login stays.
    h.s.app.office.select_login("suzuki");
    h.key(KeyCode::Enter);
    let fs = h.s.app.form.as_ref().expect("the staff form");
    assert!(fs.form.specs().iter().all(|s| s.id != "login"));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    clear_field(&mut h);
    h.typed("1");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    let changed = h.other("kobayashi").staff_member("suzuki").expect("read");
    assert_eq!(changed.and_then(|s| s.fte_percent), Some(100));

    // D asks, y removes.
    h.ch('D');
    assert!(h.draw().contains("登録を外しますか"));
    h.ch('y');
    assert_eq!(
        h.other("kobayashi").staff_member("suzuki").expect("read"),
        None
    );
    assert!(h.message().contains("登録を外しました"), "{}", h.message());
}

#[test]
fn the_last_admin_is_not_removed_and_the_store_says_why() {
    let mut h = H::office();
    h.ch('O');
    h.key(KeyCode::Tab);
    h.s.app.office.select_login("sato");
    h.ch('D');
    h.ch('n');
    assert!(h.message().contains("何も変更していません"));
    h.ch('D');
    h.ch('y');
    assert!(h.message().contains("最後の管理者"), "{}", h.message());
    assert!(
        h.other("kobayashi")
            .staff_member("sato")
            .expect("read")
            .is_some()
    );
}

#[test]
fn a_case_worker_sees_the_office_and_is_told_who_may_change_it() {
    let mut h = H::office();
    h.s = H::new_session_on(&h, "pts/1").s;
    let store = crate::store::Store::open_as(&h.db, "tanaka").expect("tanaka");
    h.s = crate::tui::runtime::event_loop::Session::open(
        store,
        crate::tui::fixtures::today(),
        crate::tui::keymap::Keymap::default(),
        crate::tui::theme::Theme::default(),
        Vec::new(),
        ratatui::layout::Rect::new(0, 0, 80, 24),
        h.now,
    )
    .expect("session");
    h.ch('O');
    let screen = h.draw();
    assert!(screen.contains("就労支援センターみらい"), "{screen}");
    assert!(screen.contains("閲覧のみ"), "{screen}");
    h.key(KeyCode::Enter);
    assert!(h.s.app.form.is_none());
    assert!(h.message().contains("管理者"), "{}", h.message());
    h.key(KeyCode::Tab);
    h.ch('n');
    assert!(h.s.app.form.is_none());
    h.ch('D');
    assert!(h.s.app.remove_staff.is_none(), "not even asked");
    assert!(
        h.message().contains("職員の登録・変更ができるのは管理者"),
        "{}",
        h.message()
    );
}

#[test]
fn a_staff_form_left_by_a_dropped_connection_comes_back_from_the_start_up_list() {
    let mut h = H::office();
    h.set_terminal("tty:/dev/pts/1");
    h.ch('O');
    h.ch('n');
    h.typed("yamamoto");
    h.key(KeyCode::Tab);
    h.typed("山本 花");
    h.s.shutdown();
    h.reconnect();
    h.set_terminal("tty:/dev/pts/2");
    assert_eq!(h.s.app.mode(), crate::tui::keymap::Mode::Drafts);
    let screen = h.draw();
    assert!(screen.contains("職員（追加）"), "{screen}");
    h.key(KeyCode::Enter);
    assert_eq!(h.s.app.screen, Screen::Office);
    assert_eq!(h.s.app.office.tab, OfficeTab::Staff);
    h.ch('y');
    assert_eq!(h.form_value("login"), "yamamoto");
    assert_eq!(h.form_value("display_name"), "山本 花");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "saved: {}", h.message());
    assert!(
        h.other("kobayashi")
            .staff_member("yamamoto")
            .expect("read")
            .is_some()
    );
    assert!(h.s.store().list_drafts().expect("drafts").is_empty());
}

#[test]
fn the_office_screen_and_the_picker_fit_any_terminal_size() {
    let mut h = H::office();
    let sizes = [
        (80, 24),
        (20, 5),
        (1, 1),
        (0, 0),
        (60, 20),
        (160, 48),
        (80, 24),
    ];
    let check = |h: &mut H| {
        for (w, hh) in sizes {
            h.resize(w, hh);
            for line in h.draw().lines() {
                assert!(crate::text::width(line) <= w as usize, "{w}x{hh}: {line:?}");
            }
        }
    };
    h.ch('O');
    check(&mut h);
    h.key(KeyCode::Tab);
    check(&mut h);
    h.key(KeyCode::Esc);
    h.ch('d');
    h.ch('u');
    check(&mut h);
    h.key(KeyCode::Esc);
    h.ch('/');
    h.typed("石川");
    check(&mut h);
}
