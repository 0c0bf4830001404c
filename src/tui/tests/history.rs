//! 「自分の変更履歴」: opened with its key from the list (or the deadlines)
//! and back where it came from, read off the UI thread, the rows of
//! `audit --mine` (labels, 旧 → 新, the reason of a deletion, local times),
//! scrolled; a 閲覧 for each client whose values come on screen; the
//! 管理者 alone may switch to everyone's; snapshots at 80×24 and 60×20,
//! nothing cut.

use chrono::{FixedOffset, NaiveTime, TimeZone, Utc};
use crossterm::event::{Event, KeyEvent};

use super::harness::H;
use crate::model::{Contact, Counterpart, Method, Place, Role, Staff};
use crate::operation::{self, Operation, Record};
use crate::store::{AuditAction, Store, Table};
use crate::trail::Zone;
use crate::tui::action::Action;
use crate::tui::app::Screen;
use crate::tui::history::Shown;
use crate::tui::keymap::Mode;

fn press(h: &mut H, mode: Mode, action: Action) {
    let key = h.s.app.keymap.keys_for(mode, action)[0];
    h.key_mod(key.code, key.mods);
}

/// `login`'s handle with the clock at `hh:mm` UTC on 2026-11-`day`.
fn at(db: &std::path::Path, login: &str, day: u32, hh: u32, mm: u32) -> Store {
    let mut s = Store::open_as(db, login).expect("open");
    let t = Utc
        .with_ymd_and_hms(2026, 11, day, hh, mm, 0)
        .single()
        .expect("instant");
    s.set_clock(move || t);
    s.set_today(crate::tui::fixtures::today());
    s
}

fn contact(summary: &str) -> Contact {
    Contact {
        id: None,
        version: 0,
        date: crate::tui::fixtures::d(2026, 11, 20),
        time: None,
        staff: Some("sato".into()),
        counterpart: Counterpart::Client,
        counterpart_detail: String::new(),
        method: Method::Phone,
        method_detail: String::new(),
        place: Place::Office,
        place_detail: String::new(),
        summary: summary.into(),
        obligations: Vec::new(),
    }
}

/// An office of two clients where sato (管理者) recorded a call, corrected
/// it, recorded another and deleted it; tanaka (支援員) corrected a name.
/// Opened as sato at `w`×`h`, times read in Japan.
fn office(w: u16, hgt: u16) -> (tempfile::TempDir, H) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let s = at(&db, "sato", 1, 0, 30);
    for (login, name, role) in [
        ("sato", "佐藤 由美", Role::Admin),
        ("tanaka", "田中 誠", Role::CaseWorker),
    ] {
        operation::apply(
            &s,
            &Operation::AddStaff(Staff {
                login: login.into(),
                display_name: name.into(),
                role,
                basic_training: None,
                fte_percent: Some(100),
                joined: None,
                left: None,
                fte_history: Vec::new(),
            }),
        )
        .expect("staff");
    }
    let client = |id: &str, name: &str, kana: &str| {
        serde_json::json!({
            "external_id": id, "name": name, "kana": kana, "assigned_staff": "sato",
            "employments": [{"employer": {"name": "株式会社ひかり"}, "support_type": "standard",
                             "start_date": "2026-06-01"}]
        })
    };
    let doc = serde_json::json!({"clients": [
        client("C101", "石川 達也", "いしかわ たつや"),
        client("C102", "森 さくら", "もり さくら"),
    ]});
    let doc = crate::interchange::parse_document(&doc.to_string(), s.today()).expect("doc");
    operation::import_document(&s, &doc).expect("import");
    let c101 = s.client_id("C101").expect("q").expect("C101");
    let c102 = s.client_id("C102").expect("q").expect("C102");

    let s = at(&db, "sato", 20, 1, 5);
    let add = |s: &Store, client_id, summary: &str| {
        operation::apply(
            s,
            &Operation::AddContact {
                client_id,
                contact: Box::new(contact(summary)),
                intent: None,
            },
        )
        .expect("contact");
        s.load_client(client_id).expect("load").contacts[0].clone()
    };
    let mut call = add(&s, c101, "電話で様子を確認。体調は安定している。");
    let s = at(&db, "sato", 21, 2, 40);
    call.method = Method::InPerson;
    call.time = NaiveTime::from_hms_opt(14, 30, 0);
    call.summary = "職場で面談。体調は安定している。\n来月も職場で会う。".into();
    operation::apply(&s, &Operation::edit(Record::Contact(call))).expect("edit");
    let s = at(&db, "sato", 22, 6, 10);
    let twice = add(&s, c102, "二重に入力した記録");
    operation::apply(
        &s,
        &Operation::Delete {
            table: Table::Contacts,
            id: twice.id.expect("saved"),
            version: None,
            reason: "重複".into(),
        },
    )
    .expect("delete");
    let t = at(&db, "tanaka", 22, 7, 0);
    let mut mori = t.load_client(c102).expect("load");
    mori.kana = "もり さくらこ".into();
    operation::apply(
        &t,
        &Operation::EditClient {
            client: Box::new(mori),
            conflict: None,
        },
    )
    .expect("tanaka's change");

    let mut h = H::on(&db, w, hgt);
    h.s.app.zone = Zone::Fixed(FixedOffset::east_opt(9 * 3600).expect("JST"));
    (dir, h)
}

fn shown(h: &H) -> Vec<String> {
    let (width, _) = h.s.app.history_area();
    h.s.app
        .history
        .as_ref()
        .expect("open")
        .lines(width)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

#[test]
fn the_history_opens_from_the_list_reads_off_the_ui_thread_and_returns_there() {
    let (_dir, mut h) = office(80, 24);
    let key = h.s.app.keymap.keys_for(Mode::List, Action::History)[0];
    // The key alone: the rows are read on the reader thread meanwhile.
    h.s.handle(&Event::Key(KeyEvent::new(key.code, key.mods)), h.now);
    assert_eq!(h.s.app.screen, Screen::History);
    assert_eq!(h.s.app.mode(), Mode::History);
    assert!(h.draw().contains("読み込んでいます…"));
    h.s.settle();
    let lines = shown(&h);
    let text = lines.join("\n");
    // sato's own, newest first; tanaka's change is not theirs.
    assert!(lines[1].starts_with("#"), "{text}");
    assert!(
        lines[1].contains("11月22日 15:10  削除  支援記録  C102 森 さくら"),
        "{text}"
    );
    assert!(lines[1].ends_with("佐藤 由美（sato）"), "{text}");
    for expected in [
        "    削除の理由: 重複",
        "    方法: 電話 → 面接",
        "    時刻: （空欄） → 14:30",
        "    記録者: 佐藤 由美（sato）",
        "    実施日: 令和8年11月20日",
    ] {
        assert!(lines.iter().any(|l| l == expected), "{expected}\n{text}");
    }
    assert!(!text.contains("もり さくらこ"), "tanaka's change: {text}");
    assert!(!text.contains("  閲覧  "), "no 閲覧 rows: {text}");

    // Scrolling stays on the page.
    press(&mut h, Mode::History, Action::Bottom);
    let bottom = h.s.app.history.as_ref().expect("open").offset;
    assert!(bottom > 0);
    press(&mut h, Mode::History, Action::Down);
    assert_eq!(h.s.app.history.as_ref().expect("open").offset, bottom);
    press(&mut h, Mode::History, Action::Top);
    assert_eq!(h.s.app.history.as_ref().expect("open").offset, 0);

    // Keys that act on a client do nothing here.
    h.ch('c');
    assert!(h.s.app.form.is_none());
    // The screen says where back goes, and goes there.
    assert!(h.draw().contains("Esc: 利用者一覧に戻る"), "{}", h.draw());
    h.ch('q');
    assert_eq!(h.s.app.screen, Screen::Main);
    assert!(!h.s.app.quit);

    // From the deadlines, back to the deadlines.
    press(&mut h, Mode::List, Action::Deadlines);
    press(&mut h, Mode::Deadlines, Action::History);
    assert_eq!(h.s.app.screen, Screen::History);
    assert!(h.draw().contains("Esc: 期限一覧に戻る"), "{}", h.draw());
    press(&mut h, Mode::History, Action::Back);
    assert_eq!(h.s.app.screen, Screen::Deadlines);
}

#[test]
fn the_clients_whose_values_come_on_screen_are_recorded_as_viewed() {
    let (_dir, mut h) = office(80, 24);
    let views = |h: &H| -> Vec<String> {
        h.s.store()
            .audit_log(100)
            .expect("audit")
            .into_iter()
            .filter(|e| e.action == AuditAction::View && e.summary.starts_with("変更履歴"))
            .map(|e| e.summary)
            .collect()
    };
    assert!(views(&h).is_empty());
    press(&mut h, Mode::List, Action::History);
    h.s.settle();
    // C102's deleted contact is on the first page; C101 was on screen in
    // the timeline already this session (one 閲覧 per client and session).
    let c102 = h.id("C102");
    assert_eq!(views(&h), [format!("変更履歴（利用者 #{c102}）")]);
    press(&mut h, Mode::History, Action::Bottom);
    assert_eq!(views(&h).len(), 1, "once per client and session");
}

#[test]
fn only_the_admin_switches_to_everyones_changes() {
    let (_dir, mut h) = office(80, 24);
    press(&mut h, Mode::List, Action::History);
    press(&mut h, Mode::History, Action::HistoryScope);
    h.s.settle();
    let text = shown(&h).join("\n");
    assert!(text.starts_with("全員の変更"), "{text}");
    assert!(
        text.contains("ふりがな: もり さくら → もり さくらこ"),
        "{text}"
    );
    assert!(text.contains("田中 誠（tanaka）"), "{text}");
    assert!(h.draw().contains("全員の変更履歴"));
    press(&mut h, Mode::History, Action::HistoryScope);
    h.s.settle();
    assert!(!shown(&h).join("\n").contains("もり さくらこ"));

    // A 支援員 is not offered everyone's, and is told who may.
    h.s.app.role = Role::CaseWorker;
    assert!(!h.draw().contains("m 全員"), "{}", h.draw());
    press(&mut h, Mode::History, Action::HistoryScope);
    assert!(h.message().contains("管理者"), "{}", h.message());
    assert!(!h.s.app.history.as_ref().expect("open").everyone);
    assert!(matches!(
        h.s.app.history.as_ref().expect("open").shown,
        Shown::Ready(_)
    ));
}

#[test]
fn snapshot_history_80x24_and_60x20() {
    for (w, hgt) in [(80, 24), (60, 20)] {
        let (_dir, mut h) = office(w, hgt);
        press(&mut h, Mode::List, Action::History);
        h.s.settle();
        let mut pages = vec![h.draw()];
        press(&mut h, Mode::History, Action::PageDown);
        pages.push(h.draw());
        // Nothing is cut: every line of the rows fits the pane.
        let (width, _) = h.s.app.history_area();
        for l in shown(&h) {
            assert!(crate::text::width(&l) <= width, "{w}: {l}");
        }
        insta::assert_snapshot!(
            format!("history_{w}x{hgt}"),
            pages.join("\n----- 次頁 -----\n")
        );
    }
}
