//! How a terminal event reaches the part of the application it is for:
//! the mode it arrives in (help, a form, a dialog, the list's filter …),
//! the keymap's action for it there, and what each action does on the
//! main screens.

use std::time::Instant;

use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};

use ratatui::layout::Rect;

use super::{App, Preset, Screen};
use crate::tui::action::Action;
use crate::tui::client_list::Sort;
use crate::tui::help::HelpState;
use crate::tui::keymap::Mode;
use crate::tui::record_forms::FormKind;
use crate::tui::widgets::layout::Pane;

impl App {
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
        } else if let Some(fs) = &self.form {
            // The jump list takes the filter's keys.
            fs.form.mode()
        } else if self.draft_list.is_some() {
            Mode::Drafts
        } else if self.dialog.is_some() {
            Mode::Dialog
        } else if self.picker.is_some() {
            Mode::Picker
        } else if self.list.typing || self.note_search.is_some() {
            Mode::Filter
        } else if self.screen == Screen::History {
            Mode::History
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
            // Only where the terminal reports the mouse (asked for with
            // TEICHAKU_MOUSE): a click in a form.
            Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
                self.form_click(m.column, m.row, now)
            }
            _ => {}
        }
    }

    fn on_key(&mut self, key: &KeyEvent, now: Instant) {
        self.touched = true;
        self.retry_views();
        // Ctrl-C is how people leave a terminal program: asked once, then
        // a second press quits from anywhere (a form's text is kept as a
        // draft on the way out). Raw mode makes it a key, so it is ours.
        if is_ctrl_c(key) {
            return self.interrupt(now);
        }
        self.interrupted = None;
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
        if self.help.is_some() {
            self.help_key(key);
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

    /// Ctrl-C: the first press asks, a second within `AGAIN` quits.
    fn interrupt(&mut self, now: Instant) {
        if self
            .interrupted
            .is_some_and(|t| now.duration_since(t) <= INTERRUPT_AGAIN)
        {
            self.interrupted = None;
            self.quit = true;
            return;
        }
        self.interrupted = Some(now);
        let kept = if self.form.is_some() {
            "（入力中の内容は下書きとして残ります）"
        } else {
            ""
        };
        self.info(format!(
            "終了するにはもう一度 Ctrl+C を押してください{kept}"
        ));
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
        if self.screen == Screen::History {
            self.history_key(action);
            return;
        }
        if self.screen == Screen::Figures && self.figures_key(action) {
            return;
        }
        match action {
            // `q` goes back a level as Esc does; only the list, the top
            // level, quits.
            Action::Quit if self.at_top() => self.quit = true,
            Action::Quit => self.back(),
            Action::Help => self.help = Some(HelpState::default()),
            Action::Messages => self.help = Some(HelpState::messages()),
            Action::Undo => self.push(super::Effect::Undo),
            Action::RecordsView => self.toggle_records_view(),
            Action::NextPane | Action::PrevPane if self.screen == Screen::Main => {
                self.focus = if action == Action::NextPane {
                    self.focus.next()
                } else {
                    self.focus.prev()
                };
            }
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-(self.page() as isize)),
            Action::PageDown => self.move_selection(self.page() as isize),
            Action::Top => self.select_end(false),
            Action::Bottom => self.select_end(true),
            // On the deadlines view the filter narrows the deadlines.
            Action::Filter if self.screen == Screen::Deadlines => self.start_filter(),
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
                self.start_filter();
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
            Action::History => self.open_history(),
            Action::ToggleCaseload => self.toggle_caseload(),
            Action::ToggleSort if self.screen == Screen::Deadlines => self.toggle_grouping(),
            Action::ToggleSort => {
                self.list.sort = match self.list.sort {
                    Sort::Urgency => Sort::Kana,
                    Sort::Kana => Sort::Urgency,
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
}

/// Ctrl-C, unbound: told how to quit.
/// How long a first Ctrl-C waits for the second.
const INTERRUPT_AGAIN: std::time::Duration = std::time::Duration::from_secs(3);

fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.code == crossterm::event::KeyCode::Char('c')
        && key
            .modifiers
            .contains(crossterm::event::KeyModifiers::CONTROL)
}
