//! The loop: terminal events and ticks in, `App` updates, effects run
//! against the store, frames out. `Session` (app + store) is the same
//! with or without a terminal: tests and the bench drive it headless.

use std::collections::VecDeque;
use std::io::Write;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::Event;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::figures_job::FiguresJob;
use super::input::Input;
use super::loader::Loader;
use super::terminal::Tui;
use super::worker::{Role, Worker};
use crate::tui::app::{App, Effect, MessageKind};
use crate::tui::keymap::Keymap;
use crate::tui::snapshot::Snapshot;
use crate::tui::theme::Theme;
use crate::tui::warning::ConfigWarning;

mod background;
mod dispatch;
use crate::store::{Cases, Store, StoreError};

/// How often another process's writes are looked for.
pub const POLL_EVERY: Duration = Duration::from_millis(500);
/// The longest the loop waits for a key before doing its periodic work.
const TICK: Duration = Duration::from_millis(250);
const BUSY_TICK: Duration = Duration::from_millis(20);
/// While a read is under way (a record takes a millisecond or two): its
/// result is drawn as soon as it comes.
const READ_TICK: Duration = Duration::from_millis(2);
/// Keys already waiting are handled before the next frame, up to this many
/// (held-down arrow keys then cost one frame and one record load).
const BATCH: usize = 64;

/// The application and its database.
pub struct Session {
    pub app: App,
    store: Store,
    version: i64,
    /// The last audit row this screen has caught up with: another
    /// session's write reloads the clients changed after it.
    seen: i64,
    /// How the screen caught up with writes: whole reloads and per-client
    /// refreshes (for the tests and the benchmark).
    pub(crate) refreshes: Refreshes,
    last_poll: Instant,
    /// A snapshot being built off the UI thread.
    job: Option<Loader>,
    /// This session wrote while a job was loading: load again after it.
    redo: bool,
    /// The file's quick check, running on its own thread from the start.
    health: Option<std::sync::mpsc::Receiver<Result<Vec<String>, String>>>,
    /// The office figures being computed on another thread (a new one
    /// replaces one no longer wanted).
    figures_job: Option<FiguresJob>,
    /// Saves, deletions, drafts, views and exports, written on their own
    /// thread so the screen answers keys while the file is locked.
    writer: Worker,
    /// Records, drafts, the office and the look for others' writes, read
    /// on their own thread so no key waits on the file.
    reader: Worker,
    /// Terminal events not applied yet (`typed`).
    typed: VecDeque<Event>,
    /// The read just applied changed nothing on screen (a look for others'
    /// writes that found none): an idle screen is not drawn again.
    quiet: bool,
}

/// Counts of the two ways the screen caught up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Refreshes {
    /// Everyone read again (start, settings, an import, closed cases shown).
    pub full: u32,
    /// Only the changed clients read again.
    pub partial: u32,
    /// Clients read again in the partial refreshes, in all.
    pub clients: u32,
}

fn msg(e: StoreError) -> String {
    e.to_string()
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("app", &self.app)
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl Session {
    fn new_app(
        store: &Store,
        today: NaiveDate,
        keymap: Keymap,
        theme: Theme,
        warnings: Vec<ConfigWarning>,
        size: Rect,
    ) -> Result<(App, i64), String> {
        let settings = store.settings().map_err(msg)?;
        let version = store.data_version().map_err(msg)?;
        let user = store.user().to_string();
        let mut app = App::new(today, &user, settings, keymap, theme, warnings, size);
        app.set_letterhead(store.letterhead().map_err(msg)?);
        app.role = store.role();
        app.registered = matches!(store.standing(), crate::access::Standing::Staff(_));
        Ok((app, version))
    }

    /// Load everyone and compute every obligation before returning.
    pub fn open(
        mut store: Store,
        today: NaiveDate,
        keymap: Keymap,
        theme: Theme,
        warnings: Vec<ConfigWarning>,
        size: Rect,
        now: Instant,
    ) -> Result<Session, String> {
        // The use cases check against the store's day: the screen's day.
        store.set_today(today);
        let (mut app, version) = Session::new_app(&store, today, keymap, theme, warnings, size)?;
        let seen = store.audit_mark().map_err(msg)?;
        let reopen = store.reopener();
        let snap = Snapshot::read(&store, Cases::OpenOnly, &app.settings, today).map_err(msg)?;
        app.set_snapshot(snap);
        let mut s = Session {
            app,
            store,
            version,
            seen,
            refreshes: Refreshes::default(),
            last_poll: now,
            job: None,
            redo: false,
            health: None,
            figures_job: None,
            writer: Worker::start(reopen.clone(), Role::Writer),
            reader: Worker::start(reopen, Role::Reader),
            typed: VecDeque::new(),
            quiet: false,
        };
        s.run_effects();
        s.settle();
        Ok(s)
    }

    /// Return at once: the first frame can be drawn (「読み込み中…」) while
    /// another thread reads everyone (the list appears) and computes every
    /// obligation (the counts and deadlines appear); both arrive via `tick`.
    pub fn start(
        mut store: Store,
        today: NaiveDate,
        keymap: Keymap,
        theme: Theme,
        warnings: Vec<ConfigWarning>,
        size: Rect,
        now: Instant,
    ) -> Result<Session, String> {
        store.set_today(today);
        let (app, version) = Session::new_app(&store, today, keymap, theme, warnings, size)?;
        let reopen = store.reopener();
        let mut s = Session {
            app,
            store,
            version,
            seen: 0,
            refreshes: Refreshes::default(),
            last_poll: now,
            job: None,
            redo: false,
            health: None,
            figures_job: None,
            writer: Worker::start(reopen.clone(), Role::Writer),
            reader: Worker::start(reopen, Role::Reader),
            typed: VecDeque::new(),
            quiet: false,
        };
        s.spawn_load(true);
        if s.store.is_read_only() {
            s.app.error(
                "このデータベースには書き込めないため、読み取り専用で開いています（表示はできますが、保存はできません）。",
            );
        } else {
            s.spawn_health_check();
        }
        Ok(s)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// One terminal event, and the work it asked for.
    pub fn handle(&mut self, ev: &Event, now: Instant) {
        self.app.handle_event(ev, now);
        self.run_effects();
    }

    /// A terminal event as it arrives: applied by the next `tick`, in
    /// order, unless a read it must follow is under way (`holds_keys`).
    pub fn typed(&mut self, ev: Event) {
        self.typed.push_back(ev);
    }

    /// Apply the events typed, up to a read they must wait for. The record
    /// loads they ask for run once, for the last selection. `true` when
    /// any was applied.
    fn apply_typed(&mut self, now: Instant) -> bool {
        let mut any = false;
        while !self.app.quit && !self.holds_keys() {
            let Some(ev) = self.typed.pop_front() else {
                break;
            };
            self.handle_deferred(&ev, now);
            any = true;
        }
        if any {
            self.run_effects();
        }
        any
    }

    /// Handle `ev` without running the deferred record loads yet (they run
    /// once per batch of keys).
    fn handle_deferred(&mut self, ev: &Event, now: Instant) {
        self.app.handle_event(ev, now);
        if self.app.awaiting_load() {
            self.run_effects();
        } else {
            self.run_effects_except_loads();
        }
    }

    /// Periodic work: drafts due, a snapshot that finished, a reload when
    /// another process wrote. `true` when the screen may have changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let before = self.app.message.clone();
        let mut changed = self.app.tick(now);
        changed |= self.receive(false);
        changed |= self.receive_done(false);
        changed |= self.apply_typed(now);
        changed |= self.receive_figures(false);
        changed |= self.receive_health();
        if now.duration_since(self.last_poll) >= POLL_EVERY && !self.busy() {
            self.last_poll = now;
            changed |= self.poll();
        }
        self.run_effects();
        changed || self.app.message != before
    }

    /// This terminal's id (part of every draft key): two windows of one
    /// login keep two drafts.
    pub fn set_terminal(&mut self, id: &str) {
        self.app.terminal = id.to_string();
        // What this login left behind, from any terminal, is offered first.
        self.app.requeue(Effect::ListDrafts);
        self.run_effects();
    }

    /// Leaving: write any unsaved form as a draft first.
    pub fn shutdown(&mut self) {
        self.app.flush();
        self.run_effects();
        // The draft must be on disk before the program ends.
        self.settle();
    }

    pub fn draw(&self, f: &mut Frame) {
        crate::tui::draw::draw(&self.app, f);
    }

    fn run_effects_except_loads(&mut self) {
        let effects = self.app.take_effects();
        let (loads, rest): (Vec<Effect>, Vec<Effect>) = effects
            .into_iter()
            .partition(|e| matches!(e, Effect::LoadClient(_)));
        for e in rest {
            self.run(e);
        }
        // Keep only the last load; the loop runs it before drawing.
        if let Some(last) = loads.into_iter().last() {
            self.app.requeue(last);
        }
    }

    /// Run queued effects until none are left (a result may queue more).
    /// First the 閲覧 of whoever the updates put on screen.
    pub fn run_effects(&mut self) {
        self.app.request_views();
        for _ in 0..16 {
            let effects = self.app.take_effects();
            if effects.is_empty() {
                return;
            }
            // Of several loads in a row only the last matters.
            let last_load = effects
                .iter()
                .rposition(|e| matches!(e, Effect::LoadClient(_)));
            for (i, e) in effects.into_iter().enumerate() {
                if matches!(e, Effect::LoadClient(_)) && Some(i) != last_load {
                    continue;
                }
                self.run(e);
            }
        }
    }
}

/// How the screen ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The person quit (`q`).
    Quit,
    /// A signal ended it (SIGTERM, SIGHUP …): the exit status to give,
    /// 128 + the signal's number.
    Signal(u8),
}

/// Open the TUI on `store`: take the terminal, loop until `q` or a signal,
/// give the terminal back. Errors are Japanese messages.
pub fn run(store: Store, today: NaiveDate) -> Result<Ended, String> {
    let start = Instant::now();
    let (keymap, mut warnings) = Keymap::load();
    let (theme, theme_warnings) = Theme::load(None);
    warnings.extend(theme_warnings);
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut session = Session::start(
        store,
        today,
        keymap,
        theme,
        warnings,
        Rect::new(0, 0, w, h),
        start,
    )?;
    session.set_terminal(&super::terminal::terminal_id());
    session
        .app
        .restore_view_state(crate::tui::client_list::view_state::default_path());
    let mut tui = Tui::enter(super::terminal::mouse_wanted()).map_err(term_err)?;
    let result = drive(&mut tui, &mut session);
    // However the loop ended (q, a signal, a terminal error), keep what
    // was typed in an open form, then give the terminal back.
    let before = session.app.message.clone();
    let form_open = session.app.form.is_some();
    session.shutdown();
    // What went wrong while leaving (a draft that could not be saved) was
    // never on screen.
    let failed = session
        .app
        .message
        .as_ref()
        .filter(|m| session.app.message != before && m.kind == MessageKind::Error);
    let signal = tui.shutdown_signal().requested();
    drop(tui);
    // Not eprintln!: it panics when stderr is gone.
    let mut err = std::io::stderr().lock();
    // After a hang-up there is no terminal left to tell.
    if !signal.is_some_and(|s| s.hung_up()) {
        // The message line had room for one warning; the shell shows them all.
        if !session.app.warnings.is_empty() {
            let _ = writeln!(err, "設定の警告（既定の設定で動いています）:");
            for w in &session.app.warnings {
                let _ = writeln!(err, "  {w}");
            }
        }
        if let Some(m) = failed {
            let _ = writeln!(err, "{}", crate::text::for_display(&m.text));
        }
    }
    match signal {
        Some(s) => {
            if !s.hung_up() {
                let kept = if form_open && failed.is_none() {
                    "編集中の入力は下書きとして保存しました。次に同じフォームを開くと復元するか尋ねます。"
                } else {
                    ""
                };
                let _ = writeln!(
                    err,
                    "終了の合図（{}）を受けたため、画面を閉じて終了しました（終了コード {}）。{kept}",
                    s.name(),
                    s.exit_status()
                );
            }
            // The terminal failing after the signal is its consequence,
            // not a second error.
            Ok(Ended::Signal(s.exit_status()))
        }
        None => result.map(|()| Ended::Quit),
    }
}

fn term_err(e: std::io::Error) -> String {
    format!("端末の操作に失敗しました（{e}）")
}

/// Events in, frames out, until `q` or a signal.
fn drive(tui: &mut Tui, session: &mut Session) -> Result<(), String> {
    let input = Input::spawn();
    let mut dirty = true;
    loop {
        if tui.shutdown_signal().requested().is_some() {
            return Ok(());
        }
        if dirty {
            tui.draw(|f| session.draw(f)).map_err(term_err)?;
            dirty = false;
        }
        if let Some(ev) = input.next(session.wait()) {
            session.typed(ev.map_err(term_err)?);
            // Take the keys already waiting before drawing again.
            for _ in 0..BATCH {
                match input.ready() {
                    Some(ev) => session.typed(ev.map_err(term_err)?),
                    None => break,
                }
            }
        }
        if session.tick(Instant::now()) {
            dirty = true;
        }
        if session.app.quit {
            return Ok(());
        }
    }
}
