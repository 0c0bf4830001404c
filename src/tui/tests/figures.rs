//! The office figures screen: opened with its key by a サービス管理責任者 or
//! a 管理者 (refused for a 支援員, by name of who may), computed off the UI
//! thread, scrolled, moved a fiscal year at a time, closed with back; and
//! its snapshot at 80×24 with Japanese data.

use serde_json::json;

use super::harness::H;
use crate::model::{Office, Role, Staff};
use crate::operation::{self, Operation};
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::Screen;
use crate::tui::figures::Shown;
use crate::tui::keymap::Mode;

/// The key bound to `action` on the main screen, typed.
fn press(h: &mut H, mode: Mode, action: Action) {
    let key = h.s.app.keymap.keys_for(mode, action)[0];
    h.key_mod(key.code, key.mods);
}

/// The fixture office with its staff, its settings and a 要継続支援 client
/// whose share was a day late and who had a case conference.
fn office() -> H {
    let mut h = H::new();
    let s = h.s.store();
    for (login, name, role, training) in [
        ("sato", "佐藤 由紀", Role::Admin, Some("2024-10-01")),
        ("tanaka", "田中 美咲", Role::CaseWorker, Some("2025-06-12")),
        ("takahashi", "高橋 由美", Role::CaseWorker, None),
        ("nakamura", "中村 恵", Role::Coordinator, Some("2025-05-15")),
    ] {
        operation::apply(
            s,
            &Operation::AddStaff(Staff {
                login: login.into(),
                display_name: name.into(),
                role,
                basic_training: training.map(|d| d.parse().expect("date")),
                fte_percent: Some(if role == Role::Admin { 20 } else { 100 }),
                joined: None,
                left: None,
                fte_history: Vec::new(),
            }),
        )
        .expect("staff");
    }
    operation::apply(
        s,
        &Operation::Office {
            office: Some(Box::new(Office {
                name: "みどり就労定着支援センター".into(),
                handover_guideline: "引継ぎの指針（令和7年4月版）".into(),
                ..s.office().expect("office")
            })),
            settings: None,
            caseload_only: None,
            export_group: None,
        },
    )
    .expect("office");
    let doc = json!({"clients": [{
        "external_id": "C007", "name": "小林 誠", "kana": "こばやし まこと",
        "needs_continuing_support": true, "assigned_staff": "tanaka",
        "employments": [{"employer": {"name": "さくら精機"}, "support_type": "standard",
            "start_date": "2023-06-01", "retention_start_date": "2023-12-01"}],
        "handovers": [{"date": "2026-08-31", "agency": "障害者就業・生活支援センター",
                       "shared": "支援計画と残る課題"}],
        "consents": [{"scope": "agency_sharing", "date": "2023-11-20", "written": true}],
        "conferences": [{"date": "2026-06-10", "agencies": ["life_support_center", "employer"],
                         "manager_attended": true}]
    }]});
    let doc = crate::interchange::parse_document(&doc.to_string(), s.today()).expect("doc");
    operation::import_document(s, &doc).expect("import");
    h.wait(std::time::Duration::from_secs(1));
    h
}

fn lines(h: &H) -> Vec<String> {
    match &h.s.app.figures.as_ref().expect("open").shown {
        Shown::Ready(l) => l.iter().map(|l| l.text.clone()).collect(),
        other => panic!("not ready: {other:?}"),
    }
}

#[test]
fn the_figures_open_with_their_key_compute_off_the_ui_thread_and_close_with_back() {
    let mut h = office();
    press(&mut h, Mode::List, Action::Figures);
    assert_eq!(h.s.app.screen, Screen::Figures);
    assert_eq!(h.s.app.mode(), Mode::Figures);
    h.s.wait_idle();
    let shown = lines(&h);
    assert!(shown[0].contains("2026年度（令和8年度）"), "{shown:?}");
    // C003 (S 2026-03) and C007 (S 2023-12): 2 / 2. C007's share was one day late.
    assert!(
        shown.iter().any(|l| l.contains("2 / 2 人 = 100.0%")),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|l| l.starts_with("!! イ") && l.contains("（1日遅れ）")),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|l| l.contains("高橋 由美") && l.starts_with("!  "))
    );

    // Scrolling stays on the page; the year moves both ways.
    press(&mut h, Mode::Figures, Action::Bottom);
    let bottom = h.s.app.figures.as_ref().expect("open").offset;
    assert!(bottom > 0);
    press(&mut h, Mode::Figures, Action::Down);
    assert_eq!(h.s.app.figures.as_ref().expect("open").offset, bottom);
    press(&mut h, Mode::Figures, Action::Top);
    assert_eq!(h.s.app.figures.as_ref().expect("open").offset, 0);
    press(&mut h, Mode::Figures, Action::PrevYear);
    h.s.wait_idle();
    assert!(lines(&h)[0].contains("2025年度"), "{:?}", lines(&h));
    press(&mut h, Mode::Figures, Action::NextYear);
    press(&mut h, Mode::Figures, Action::NextYear);
    h.s.wait_idle();
    assert!(lines(&h)[0].contains("2027年度"));

    // Keys that act on a client do nothing here; back returns to the list.
    press(&mut h, Mode::List, Action::NewContact);
    assert!(h.s.app.form.is_none());
    press(&mut h, Mode::Figures, Action::Back);
    assert_eq!(h.s.app.screen, Screen::Main);
    // Opened again: the year last shown, computed afresh.
    press(&mut h, Mode::List, Action::Figures);
    h.s.wait_idle();
    assert!(lines(&h)[0].contains("2027年度"));
}

#[test]
fn a_case_worker_is_told_who_may_see_the_figures() {
    let mut h = office();
    h.s.app.role = Role::CaseWorker;
    press(&mut h, Mode::List, Action::Figures);
    assert_eq!(h.s.app.screen, Screen::Main);
    let m = h.message();
    assert!(m.contains("サービス管理責任者・管理者"), "{m}");
    assert!(h.s.app.figures.is_none());
}

#[test]
fn the_store_refuses_the_figures_whatever_the_screen_thinks() {
    // A 支援員 whose screen let the key through still gets no figures.
    let mut h = office();
    let s = h.s.store();
    operation::apply(
        s,
        &Operation::AddStaff(Staff {
            login: "boss".into(),
            display_name: "所長".into(),
            role: Role::Admin,
            basic_training: None,
            fte_percent: None,
            joined: None,
            left: None,
            fte_history: Vec::new(),
        }),
    )
    .expect("another admin");
    operation::apply(
        s,
        &Operation::EditStaff(Staff {
            login: "sato".into(),
            display_name: "佐藤 由紀".into(),
            role: Role::CaseWorker,
            basic_training: None,
            fte_percent: None,
            joined: None,
            left: None,
            fte_history: Vec::new(),
        }),
    )
    .expect("sato becomes a 支援員");
    h.reconnect();
    h.s.app.role = Role::Admin;
    press(&mut h, Mode::List, Action::Figures);
    h.s.wait_idle();
    match &h.s.app.figures.as_ref().expect("open").shown {
        Shown::Failed(e) => assert!(e.contains("サービス管理責任者"), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn snapshot_figures_80x24() {
    let mut h = office();
    press(&mut h, Mode::List, Action::Figures);
    // The first frame says it is computing.
    assert!(h.draw().contains("計算しています…"));
    h.s.wait_idle();
    let top = h.draw();
    let mut pages = vec![top];
    for _ in 0..6 {
        press(&mut h, Mode::Figures, Action::PageDown);
        pages.push(h.draw());
    }
    pages.dedup();
    for p in &pages {
        for line in p.lines() {
            assert!(text::width(line) <= 80, "{line}");
        }
    }
    insta::assert_snapshot!("figures_80x24", pages.join("\n----- 次頁 -----\n"));
}
