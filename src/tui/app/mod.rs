//! The application state and its update logic, with no terminal and no
//! database: a key becomes an `Action` (keymap), the action updates the
//! state, and anything that needs the store is queued as an `Effect` for
//! the loop (`runtime::event_loop`) to run; its result comes back through a
//! method here. Drawing (`draw.rs`) only reads this state. Everything here
//! runs headless in tests.
//!
//! Each screen's own update is in that screen's module (`figures::update`,
//! `office::update` …); here is what is not one screen's: how a key is
//! routed (`routing`), moving around and reloading (`nav`), starting
//! (`start`), opening a record to correct (`edit`), submitting a form
//! (`submit`), deleting (`delete`), deciding (`decide`), a new job
//! (`employment`), a contact for one item (`item_contact`), why a report
//! cannot exist yet (`report_reason`), taking back one's last change
//! (`undo`), what is asked of the store (`requests`), and which clients'
//! records are on screen, for the audit trail's 閲覧 (`views`).

mod decide;
mod delete;
pub(crate) mod edit;
mod employment;
pub(crate) mod item_contact;
mod nav;
mod report_reason;
mod requests;
mod routing;
mod start;
mod submit;
mod undo;
mod views;

use std::time::Instant;

use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::client_list::ClientList;
use super::deadlines::Deadlines;
use super::drafts::DraftList;
use super::figures::FiguresScreen;
use super::form_editor::{FormSession, Preset};
use super::help::HelpState;
use super::history::HistoryScreen;
use super::keymap::Keymap;
use super::note_search::NoteSearch;
use super::office::{OfficeForm, OfficeScreen};
use super::reason_dialog::ReasonDialog;
use super::snapshot::Snapshot;
use super::staff_picker::{Marks, StaffPicker};
use super::theme::Theme;
use super::timeline::{ItemKey, Timeline};
use super::warning::ConfigWarning;
use super::widgets::layout::Pane;
use crate::model::Letterhead;
use crate::model::{ClientId, Role, Settings};

pub(crate) use decide::DecideRequest;
pub(crate) use delete::{DeleteRequest, DeleteTarget};
pub(crate) use employment::{JobChoice, JobTarget};
pub(crate) use requests::{Effect, SaveError, SaveRequest};

use super::record_forms::FormKind;

/// Which full-screen view is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Main,
    Deadlines,
    /// The office's settings and staff.
    Office,
    /// The office figures (サービス管理責任者・管理者).
    Figures,
    /// 「自分の変更履歴」.
    History,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
    Error,
}

/// How many recent messages the message log keeps.
pub(crate) const MESSAGE_LOG: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
}

pub struct App {
    pub today: NaiveDate,
    pub user: String,
    /// The login's role in this office (what it may open).
    pub role: Role,
    /// Whether the login is registered staff (not only the file's owner):
    /// a new client's 担当 starts as the login only then.
    pub registered: bool,
    /// This terminal's id, part of every draft key ("" when not known).
    pub terminal: String,
    pub settings: Settings,
    /// The office's name and staff, for the names on documents (read at
    /// start and with every reload).
    pub letterhead: Letterhead,
    /// The staff's short marks, from `letterhead.staff`.
    pub marks: Marks,
    /// Where `x` writes documents (per user: `<data dir>/exports`).
    pub export_dir: std::path::PathBuf,
    /// A client just registered here: select them once they are loaded.
    pub select_new_client: Option<ClientId>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub snap: Snapshot,
    pub list: ClientList,
    /// The selected client's timeline, once their record is loaded.
    pub timeline: Option<Timeline>,
    pub deadlines: Deadlines,
    /// The deadlines view's staff picker, over it.
    pub(crate) picker: Option<StaffPicker>,
    /// `/` in the timeline: a word searched for in the client's records.
    pub(crate) note_search: Option<NoteSearch>,
    /// The office screen (what it read stays until read again).
    pub office: OfficeScreen,
    /// A staff member to remove, waiting for y/n.
    pub(crate) remove_staff: Option<String>,
    /// The office figures, once opened (the year stays when it is closed).
    pub figures: Option<FiguresScreen>,
    /// The change history, once opened (whose changes stays when closed).
    pub(crate) history: Option<HistoryScreen>,
    /// The zone the change history's times are read in (tests fix it).
    pub(crate) zone: crate::trail::Zone,
    pub screen: Screen,
    pub focus: Pane,
    pub detail_scroll: u16,
    pub help: Option<HelpState>,
    pub form: Option<FormSession>,
    /// The reason dialog (deleting, 対象外, reopening), over the screen.
    pub(crate) dialog: Option<ReasonDialog>,
    /// At start-up: this login's drafts, from any terminal.
    pub(crate) draft_list: Option<DraftList>,
    /// `E` asks whether the ended job is edited or a new one registered.
    pub job_choice: Option<JobChoice>,
    pub message: Option<Message>,
    /// The recent messages, oldest first (at most `MESSAGE_LOG`).
    pub messages: Vec<Message>,
    pub warnings: Vec<ConfigWarning>,
    /// The terminal's size, for page sizes and scrolling.
    pub size: Rect,
    pub quit: bool,
    /// When Ctrl-C was pressed, if lately: a second press quits.
    pub(crate) interrupted: Option<Instant>,
    /// A key was pressed since start (until then a new snapshot puts the
    /// cursor on the most urgent client).
    pub(crate) touched: bool,
    effects: Vec<Effect>,
    /// Select this item when the timeline arrives (a jump from deadlines).
    pub(crate) select_after_load: Option<ItemKey>,
    /// Open this form when the client's record arrives.
    pub(crate) form_after_load: Option<(FormKind, Preset)>,
    /// Open this office form when the office is read.
    pub(crate) office_form_after_load: Option<OfficeForm>,
    /// The timeline pane lists the client's records by kind (`R`).
    pub records_view: bool,
    /// Where `m` and the sort order are remembered (`None`: not at all).
    pub(crate) view_state_file: Option<std::path::PathBuf>,
    /// The clients whose 閲覧 this session has asked the writer to note.
    views: views::Views,
}

impl std::fmt::Debug for App {
    // The whole state is large; who, where and what is open says enough.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("user", &self.user)
            .field("today", &self.today)
            .field("screen", &self.screen)
            .field("form", &self.form.is_some())
            .finish_non_exhaustive()
    }
}

impl App {
    pub fn new(
        today: NaiveDate,
        user: &str,
        settings: Settings,
        keymap: Keymap,
        theme: Theme,
        warnings: Vec<ConfigWarning>,
        size: Rect,
    ) -> App {
        let message = warnings.first().map(|w| Message {
            text: format!(
                "設定の警告{}件（終了時に全件表示）: {}",
                warnings.len(),
                short_warning(w)
            ),
            kind: MessageKind::Warning,
        });
        App {
            today,
            user: user.to_string(),
            role: Role::CaseWorker,
            registered: true,
            terminal: String::new(),
            settings,
            letterhead: Letterhead::default(),
            marks: Marks::default(),
            export_dir: crate::paths::data_dir().join("exports"),
            select_new_client: None,
            keymap,
            theme,
            snap: Snapshot::default(),
            list: ClientList::default(),
            timeline: None,
            deadlines: Deadlines::default(),
            picker: None,
            note_search: None,
            office: OfficeScreen::default(),
            remove_staff: None,
            figures: None,
            history: None,
            zone: crate::trail::Zone::Local,
            screen: Screen::Main,
            focus: Pane::List,
            detail_scroll: 0,
            help: None,
            form: None,
            dialog: None,
            draft_list: None,
            job_choice: None,
            messages: message.iter().cloned().collect(),
            message,
            warnings,
            size,
            quit: false,
            interrupted: None,
            touched: false,
            effects: Vec::new(),
            select_after_load: None,
            form_after_load: None,
            office_form_after_load: None,
            records_view: false,
            view_state_file: None,
            views: views::Views::default(),
        }
    }

    /// The office's name and staff (at start and with every reload).
    pub fn set_letterhead(&mut self, letterhead: Letterhead) {
        self.marks = Marks::new(&letterhead.staff);
        self.letterhead = letterhead;
    }

    /// The work queued by the last updates, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Put back an effect the loop chose to run later.
    pub fn requeue(&mut self, e: Effect) {
        self.effects.push(e);
    }

    /// A form or a jump waits for a client's record: the next key must
    /// not arrive before it.
    pub fn awaiting_load(&self) -> bool {
        self.form_after_load.is_some()
            || self.select_after_load.is_some()
            || self.office_form_after_load.is_some()
    }

    pub(crate) fn push(&mut self, e: Effect) {
        self.effects.push(e);
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.say(text.into(), MessageKind::Info);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(text.into(), MessageKind::Error);
    }

    /// Show a message and keep it in the recent messages.
    fn say(&mut self, text: String, kind: MessageKind) {
        let m = Message { text, kind };
        if self.messages.len() >= MESSAGE_LOG {
            self.messages.remove(0);
        }
        self.messages.push(m.clone());
        self.message = Some(m);
    }

    pub fn touched(&self) -> bool {
        self.touched
    }

    /// Periodic work: save a form's draft when its debounce time is up.
    /// Time passing: drafts due, a save that waits. `true` when the
    /// screen changed (an idle screen is drawn only then).
    pub fn tick(&mut self, now: Instant) -> bool {
        self.save_draft_if_due(now);
        self.note_slow_save(now)
    }

    /// Leaving now (quit, or the terminal went away): write any unsaved
    /// form as a draft at once.
    pub fn flush(&mut self) {
        self.save_draft_now();
    }
}

/// A warning as one short line: the file's name (not its whole path),
/// the line, the problem.
pub(crate) fn short_warning(w: &ConfigWarning) -> String {
    let name = w
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match (name.is_empty(), w.line) {
        (true, _) => w.message.clone(),
        (false, 0) => format!("{name}: {}", w.message),
        (false, line) => format!("{name} {line}行目: {}", w.message),
    }
}
