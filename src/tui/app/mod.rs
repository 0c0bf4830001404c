//! The application state and its update logic, with no terminal and no
//! database: a key becomes an `Action` (keymap), the action updates the
//! state, and anything that needs the store is queued as an `Effect` for
//! the loop (`event_loop.rs`) to run; its result comes back through a
//! method here. Drawing (`draw.rs`) only reads this state. Everything here
//! runs headless in tests.

mod conflict;
mod decide;
mod delete;
mod dialog;
mod drafts;
mod edit;
#[cfg(test)]
pub(crate) use edit::EditBase;
mod employment;
mod figures;
mod filter_box;
mod forms;
mod item_contact;
mod nav;
mod note_search;
mod office;
mod picker;
mod report_reason;
mod requests;
mod start;
mod submit;

use std::time::Instant;

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::client_list::ClientList;
use super::deadlines::Deadlines;
use super::draft_list::DraftList;
use super::figures_view::FiguresScreen;
use super::help::HelpState;
use super::keymap::{Keymap, Mode};
use super::layout::Pane;
use super::office::OfficeScreen;
use super::reason_dialog::ReasonDialog;
use super::snapshot::Snapshot;
use super::staff_pick::Marks;
use super::staff_picker::StaffPicker;
use super::theme::Theme;
use super::timeline::{ItemKey, Timeline};
use super::warning::ConfigWarning;
use crate::forms::identity::Letterhead;
use crate::model::{Role, Settings};

pub use decide::DecideRequest;
pub use delete::{DeleteRequest, DeleteTarget};
pub use drafts::FoundDraft;
pub(crate) use drafts::local_time;
pub use employment::{JobChoice, JobTarget};
pub use forms::{FormSession, Preset};
pub use office::OfficeForm;
pub use requests::{Effect, SaveError, SaveRequest};

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
    Error,
}

/// How many recent messages the message log keeps.
pub const MESSAGE_LOG: usize = 30;

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
    pub select_new_client: Option<i64>,
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
    pub(crate) note_search: Option<note_search::NoteSearch>,
    /// The office screen (what it read stays until read again).
    pub office: OfficeScreen,
    /// A staff member to remove, waiting for y/n.
    pub(crate) remove_staff: Option<String>,
    /// The office figures, once opened (the year stays when it is closed).
    pub figures: Option<FiguresScreen>,
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
    /// A key was pressed since start (until then a new snapshot puts the
    /// cursor on the most urgent client).
    touched: bool,
    effects: Vec<Effect>,
    /// Select this item when the timeline arrives (a jump from deadlines).
    select_after_load: Option<ItemKey>,
    /// Open this form when the client's record arrives.
    form_after_load: Option<(FormKind, Preset)>,
    /// Open this office form when the office is read.
    office_form_after_load: Option<OfficeForm>,
    /// The timeline pane lists the client's records by kind (`R`).
    pub records_view: bool,
    /// Where `m` and the sort order are remembered (`None`: not at all).
    pub(crate) view_state_file: Option<std::path::PathBuf>,
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
            touched: false,
            effects: Vec::new(),
            select_after_load: None,
            form_after_load: None,
            office_form_after_load: None,
            records_view: false,
            view_state_file: None,
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

    fn push(&mut self, e: Effect) {
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

    /// Which key table applies now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else if self
            .form
            .as_ref()
            .is_some_and(|f| f.conflict.as_ref().is_some_and(|c| c.shown))
        {
            Mode::Conflict
        } else if self.form.is_some() {
            Mode::Form
        } else if self.draft_list.is_some() {
            Mode::Drafts
        } else if self.dialog.is_some() {
            Mode::Dialog
        } else if self.picker.is_some() {
            Mode::Picker
        } else if self.list.typing || self.note_search.is_some() {
            Mode::Filter
        } else if self.screen == Screen::Figures {
            Mode::Figures
        } else if self.screen == Screen::Deadlines {
            Mode::Deadlines
        } else if self.screen == Screen::Office {
            Mode::Office
        } else if self.focus == Pane::List {
            Mode::List
        } else {
            Mode::Timeline
        }
    }

    /// A terminal event.
    pub fn handle_event(&mut self, ev: &Event, now: Instant) {
        match ev {
            Event::Resize(w, h) => {
                self.size = Rect::new(0, 0, *w, *h);
                self.sync_scroll();
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key, now),
            Event::Paste(s) => self.on_paste(s, now),
            _ => {}
        }
    }

    fn on_key(&mut self, key: &KeyEvent, now: Instant) {
        self.touched = true;
        if self.job_choice.is_some() {
            self.job_choice_key(key);
            return;
        }
        if self.remove_staff.is_some() {
            self.message = None;
            self.remove_staff_key(key);
            return;
        }
        // Help can be over the conflict view of an open form.
        if self.help.is_none() && self.form.is_some() {
            self.form_key(key, now);
            return;
        }
        // A message stays until the next key.
        self.message = None;
        if self.help.is_none() && self.draft_list.is_some() {
            self.draft_list_key(key);
            return;
        }
        if self.dialog.is_some() {
            self.dialog_key(key);
            return;
        }
        if self.help.is_none() && self.picker.is_some() {
            self.picker_key(key);
            return;
        }
        if let Some(mut help) = self.help.take() {
            match self.keymap.lookup(Mode::Help, key) {
                Some(Action::Back | Action::Help | Action::Quit) => {}
                Some(a) if help.log => {
                    help.scroll_log(a, self.messages.len());
                    self.help = Some(help);
                }
                Some(a) => {
                    help.apply(a, &self.keymap, self.size);
                    self.help = Some(help);
                }
                None => self.help = Some(help),
            }
            return;
        }
        if self.note_search.is_some() {
            self.note_search_key(key);
            return;
        }
        if self.list.typing {
            self.filter_key(key);
            return;
        }
        if let Some(action) = self.keymap.lookup(self.mode(), key) {
            self.dispatch(action);
        }
    }

    fn on_paste(&mut self, s: &str, now: Instant) {
        if self.form.is_some() {
            self.form_paste(s, now);
        } else if let Some(d) = &mut self.dialog {
            d.paste(s);
        } else if self.list.typing {
            let line: String = crate::text::clean_input(s)
                .lines()
                .collect::<Vec<_>>()
                .join(" ");
            self.list.query.push_str(&line);
            self.query_changed();
        }
    }

    /// One action from the keymap (list, timeline, deadlines and office
    /// screens).
    pub fn dispatch(&mut self, action: Action) {
        if self.screen == Screen::Office {
            self.office_action(action);
            return;
        }
        if self.screen == Screen::Figures && self.figures_key(action) {
            return;
        }
        match action {
            // `q` leaves a sub-view; only the main screen quits.
            Action::Quit if self.screen != Screen::Main => self.screen = Screen::Main,
            Action::Quit if self.records_view && self.focus != Pane::List => {
                self.toggle_records_view()
            }
            Action::Quit => self.quit = true,
            Action::Help => self.help = Some(HelpState::default()),
            Action::Messages => self.help = Some(HelpState::messages()),
            Action::RecordsView => self.toggle_records_view(),
            Action::NextPane | Action::PrevPane if self.screen == Screen::Main => {
                self.focus = if action == Action::NextPane {
                    self.focus.next()
                } else {
                    self.focus.prev()
                };
                if self.focus != Pane::List {
                    self.opened_timeline();
                }
            }
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-(self.page() as isize)),
            Action::PageDown => self.move_selection(self.page() as isize),
            Action::Top => self.select_end(false),
            Action::Bottom => self.select_end(true),
            // On the deadlines view the filter narrows the deadlines.
            Action::Filter if self.screen == Screen::Deadlines => self.list.typing = true,
            // In the timeline it finds a word in the client's records.
            Action::Filter
                if self.screen == Screen::Main
                    && self.focus != Pane::List
                    && self.timeline.is_some() =>
            {
                self.open_note_search()
            }
            Action::Filter => {
                self.screen = Screen::Main;
                self.focus = Pane::List;
                self.list.typing = true;
            }
            Action::PickStaff if self.screen == Screen::Deadlines => self.open_picker(),
            Action::Office => self.open_office(),
            Action::Back => self.back(),
            Action::Enter => self.enter(),
            Action::NewContact => {
                let preset = self.deadline_contact_preset();
                self.request_form(FormKind::Contact, preset)
            }
            Action::NewClient => self.open_new_client(),
            Action::ClientForm => self.request_form(FormKind::Client, Preset::default()),
            Action::EmploymentForm => self.request_form(FormKind::Employment, Preset::default()),
            Action::ConsentForm => self.request_form(FormKind::Consent, Preset::default()),
            Action::HandoverForm => self.request_form(FormKind::Handover, Preset::default()),
            Action::ConferenceForm => self.request_form(FormKind::Conference, Preset::default()),
            Action::Deadlines => {
                if self.screen == Screen::Deadlines {
                    self.screen = Screen::Main;
                } else {
                    self.open_deadlines();
                }
            }
            Action::Figures => self.open_figures(),
            Action::ToggleCaseload => self.toggle_caseload(),
            Action::ToggleSort if self.screen == Screen::Deadlines => self.toggle_grouping(),
            Action::ToggleSort => {
                self.list.sort = match self.list.sort {
                    super::client_list::Sort::Urgency => super::client_list::Sort::Kana,
                    super::client_list::Sort::Kana => super::client_list::Sort::Urgency,
                };
                self.list.rebuild(&self.snap, &self.user);
                self.remember_view();
                self.info(format!("{}に並べました", self.list.sort.label()));
            }
            Action::GroupToggle if self.screen == Screen::Deadlines => self.toggle_grouping(),
            Action::GroupToggle => {
                if let Some(t) = &mut self.timeline {
                    t.toggle_fold();
                }
            }
            Action::MoreDays | Action::FewerDays | Action::KindFilter | Action::SeverityFilter
                if self.screen == Screen::Deadlines =>
            {
                match action {
                    Action::MoreDays => self.deadlines.wider(),
                    Action::FewerDays => self.deadlines.narrower(),
                    Action::SeverityFilter => self.deadlines.toggle_required_only(),
                    _ => self.deadlines.cycle_kind(),
                }
                self.rebuild_deadlines();
            }
            Action::DeleteRecord => self.ask_delete(),
            Action::Resolve => self.resolve_selected(),
            Action::CloseCase => self.close_or_reopen(),
            Action::ToggleClosed => self.toggle_closed(),
            Action::Report => self.request_form(FormKind::Report, Preset::default()),
            Action::Plan => self.request_form(FormKind::Plan, Preset::default()),
            // This month's 支援レポート as xlsx (plans and html: teichaku export).
            Action::Export => self.export_report(),
            _ => {}
        }
        self.sync_scroll();
    }

    /// Periodic work: save a form's draft when its debounce time is up.
    pub fn tick(&mut self, now: Instant) {
        self.save_draft_if_due(now);
        self.note_slow_save(now);
    }

    /// Leaving now (quit, or the terminal went away): write any unsaved
    /// form as a draft at once.
    pub fn flush(&mut self) {
        self.save_draft_now();
    }
}

/// A warning as one short line: the file's name (not its whole path),
/// the line, the problem.
pub fn short_warning(w: &ConfigWarning) -> String {
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
