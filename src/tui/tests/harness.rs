//! A headless session on a real temp-file store, driven by key events.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use crate::model::{ClientId, Office, Role, Staff};
use crate::operation::{self, Operation};
use crate::store::Store;
use crate::tui::fixtures;
use crate::tui::keymap::Keymap;
use crate::tui::runtime::event_loop::Session;
use crate::tui::testutil::screen;
use crate::tui::theme::Theme;

pub(super) struct H {
    pub s: Session,
    pub now: Instant,
    pub db: PathBuf,
    pub size: (u16, u16),
    /// The temp dir, for the harness that made it.
    _dir: Option<tempfile::TempDir>,
}

impl H {
    /// The fixture case load, opened as `sato` on an 80×24 terminal.
    pub(super) fn new() -> H {
        H::sized(80, 24)
    }

    pub(super) fn sized(w: u16, h: u16) -> H {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("t.db");
        let store = Store::open_as(&db, "sato").expect("create store");
        operation::import_document(&store, &fixtures::document()).expect("import fixtures");
        let now = Instant::now();
        let s = H::session(&db, w, h, now);
        H {
            s,
            now,
            db,
            size: (w, h),
            _dir: Some(dir),
        }
    }

    /// The fixture case load in an office that has set itself up: its
    /// details, three registered staff with Japanese names (佐藤 由美 the
    /// 管理者, 小林 恵 サービス管理責任者, 田中 誠 支援員 without 基礎的研修)
    /// and three more clients all named 石川 達也 — sato's, tanaka's and
    /// nobody's. Opened as sato on an 80×24 terminal.
    pub(super) fn office() -> H {
        let mut h = H::new();
        let s = h.other("sato");
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        for (login, name, role, training, fte) in [
            (
                "kobayashi",
                "小林 恵",
                Role::Coordinator,
                day(2025, 6, 1),
                Some(100),
            ),
            ("tanaka", "田中 誠", Role::CaseWorker, None, Some(80)),
            (
                "sato",
                "佐藤 由美",
                Role::Admin,
                day(2025, 7, 15),
                Some(100),
            ),
        ] {
            operation::apply(
                &s,
                &Operation::AddStaff(Staff {
                    login: login.into(),
                    display_name: name.into(),
                    role,
                    basic_training: training,
                    fte_percent: fte,
                    joined: None,
                    left: None,
                    fte_history: Vec::new(),
                }),
            )
            .expect("register staff");
        }
        let office = Office {
            name: "就労支援センターみらい".into(),
            number: "1310000001".into(),
            corporation: "社会福祉法人みらい会".into(),
            address: "東京都みどり市中央1-2-3".into(),
            phone: "042-000-0000".into(),
            ..s.office().expect("office")
        };
        operation::apply(
            &s,
            &Operation::Office {
                office: Some(Box::new(office.clone())),
                settings: None,
                caseload_only: None,
                export_group: None,
            },
        )
        .expect("office details");
        let client = |id: &str, staff: Option<&str>, employer: &str, start: &str| {
            serde_json::json!({
                "external_id": id, "name": "石川 達也", "kana": "いしかわ たつや",
                "assigned_staff": staff,
                "employments": [{"employer": {"name": employer}, "support_type": "standard",
                                 "decision_date": "2026-09-25", "start_date": start}]
            })
        };
        let doc = serde_json::json!({"clients": [
            client("C101", Some("sato"), "株式会社ひかり", "2026-10-15"),
            client("C102", Some("tanaka"), "株式会社みなと", "2026-10-20"),
            client("C103", None, "山川運輸", "2026-11-01"),
        ]});
        let doc = crate::interchange::parse_document(&doc.to_string(), fixtures::today())
            .expect("document");
        operation::import_document(&s, &doc).expect("import");
        h.reconnect();
        h
    }

    /// A session on the database at `db` (kept by the caller).
    pub(super) fn on(db: &std::path::Path, w: u16, h: u16) -> H {
        let now = Instant::now();
        H {
            s: H::session(db, w, h, now),
            now,
            db: db.to_path_buf(),
            size: (w, h),
            _dir: None,
        }
    }

    /// As the program starts: `Session::start`, loading on another thread.
    pub(super) fn started() -> H {
        let mut h = H::new();
        let mut store = Store::open_as(&h.db, "sato").expect("open store");
        crate::store::test_support::on(&mut store, fixtures::today());
        h.s = Session::start(
            store,
            fixtures::today(),
            Keymap::default(),
            Theme::default(),
            Vec::new(),
            Rect::new(0, 0, 80, 24),
            h.now,
        )
        .expect("session");
        h
    }

    fn session(db: &std::path::Path, w: u16, h: u16, now: Instant) -> Session {
        let mut store = Store::open_as(db, "sato").expect("open store");
        crate::store::test_support::on(&mut store, fixtures::today());
        Session::open(
            store,
            fixtures::today(),
            Keymap::default(),
            Theme::default(),
            Vec::new(),
            Rect::new(0, 0, w, h),
            now,
        )
        .expect("session")
    }

    /// Another window of the same login on `h`'s database, in terminal
    /// `terminal` (`h` keeps the files).
    pub(super) fn new_session_on(h: &H, terminal: &str) -> H {
        let mut s = H::session(&h.db, h.size.0, h.size.1, h.now);
        s.set_terminal(terminal);
        s.settle();
        H {
            s,
            now: h.now,
            db: h.db.clone(),
            size: h.size,
            _dir: None,
        }
    }

    /// The same database from a new session (a reconnect after SSH dropped).
    pub(super) fn reconnect(&mut self) {
        self.now += Duration::from_secs(5);
        self.s = H::session(&self.db, self.size.0, self.size.1, self.now);
    }

    /// This session runs in terminal `id`; the drafts it left are listed.
    pub(super) fn set_terminal(&mut self, id: &str) {
        self.s.set_terminal(id);
        self.s.settle();
    }

    /// A second handle on the same file, as another user.
    pub(super) fn other(&self, user: &str) -> Store {
        Store::open_as(&self.db, user).expect("second handle")
    }

    /// A key, and whatever it wrote finished (the writes run on the
    /// session's writer thread; a test reads their outcome at once).
    pub(super) fn key_mod(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.now += Duration::from_millis(10);
        self.s
            .handle(&Event::Key(KeyEvent::new(code, mods)), self.now);
        self.s.settle();
    }

    pub(super) fn key(&mut self, code: KeyCode) {
        self.key_mod(code, KeyModifiers::NONE);
    }

    pub(super) fn ch(&mut self, c: char) {
        self.key(KeyCode::Char(c));
    }

    pub(super) fn typed(&mut self, s: &str) {
        for c in s.chars() {
            self.ch(c);
        }
    }

    pub(super) fn ctrl(&mut self, c: char) {
        self.key_mod(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    /// Let time pass (drafts, polling).
    pub(super) fn wait(&mut self, d: Duration) {
        self.now += d;
        self.s.tick(self.now);
        // A reload runs on another thread: let it finish.
        self.s.wait_idle();
    }

    pub(super) fn id(&self, external_id: &str) -> ClientId {
        self.s
            .store()
            .client_id(external_id)
            .expect("query")
            .expect("fixture client exists")
    }

    /// Select a client in the list by external id (moving with j/k).
    pub(super) fn select(&mut self, external_id: &str) {
        let id = self.id(external_id);
        for _ in 0..self.s.app.snap.rows.len() {
            if self.s.app.selected_client_id() == Some(id) {
                return;
            }
            self.ch('j');
        }
        self.key(KeyCode::Char('g'));
        for _ in 0..self.s.app.snap.rows.len() {
            if self.s.app.selected_client_id() == Some(id) {
                return;
            }
            self.ch('j');
        }
        panic!("{external_id} is not in the list");
    }

    pub(super) fn selected_external_id(&self) -> String {
        let app = &self.s.app;
        app.list
            .selected_row()
            .map(|r| app.snap.rows[r].external_id.clone())
            .unwrap_or_default()
    }

    pub(super) fn message(&self) -> String {
        self.s
            .app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    pub(super) fn form_value(&self, id: &str) -> String {
        let fs = self.s.app.form.as_ref().expect("a form is open");
        fs.form.values().get(id).cloned().unwrap_or_default()
    }

    pub(super) fn draw(&self) -> String {
        let (w, h) = self.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("backend");
        t.draw(|f| self.s.draw(f)).expect("draw");
        screen(t.backend().buffer())
    }

    pub(super) fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.s.handle(&Event::Resize(w, h), self.now);
    }
}
