//! The office screen's update: moving between the settings and the staff,
//! opening their forms (管理者; anyone else is told who may), and
//! removing a staff member after a question. Saving goes through the
//! forms' `Effect::Save`; what the store says comes back here.

use crossterm::event::{KeyCode, KeyEvent};

use super::OfficeTab;
use crate::access::{self, Permission, Refusal};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Screen};
use crate::tui::form_editor::FormSession;
use crate::tui::keymap::Mode;
use crate::tui::record_forms::{self as rf, FormKind, OfficeData};
use crate::tui::staff_picker::Marks;
use crate::tui::widgets::prompt::Prompt;

/// A form of the office screen, to open once the office is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OfficeForm {
    /// The settings, with the cursor on this key.
    Settings(String),
    /// A staff member by login; `None` for a new one.
    Staff(Option<String>),
}

impl App {
    /// Show the office screen and read what it shows.
    pub(crate) fn open_office(&mut self) {
        self.screen = Screen::Office;
        self.list.typing = false;
        self.push(Effect::LoadOffice);
    }

    /// The office as read now. New engine settings (saved here or by
    /// someone else) reach every client's items through a reload.
    pub fn office_loaded(&mut self, result: Result<OfficeData, String>) {
        let data = match result {
            Ok(d) => d,
            Err(e) => {
                self.office_form_after_load = None;
                self.error(e);
                return;
            }
        };
        if data.settings != self.settings {
            self.settings = data.settings;
            self.push(Effect::Reload);
        }
        self.letterhead.office_name = data.office.name.clone();
        self.letterhead.staff = data.staff.clone();
        self.marks = Marks::new(&data.staff);
        self.office.set_data(data);
        self.rebuild_deadlines();
        if let Some(f) = self.office_form_after_load.take() {
            self.open_office_form(f);
        }
    }

    /// A key's action on the office screen.
    pub(crate) fn office_action(&mut self, action: Action) {
        match action {
            // `q` leaves a sub-view; only the main screen quits.
            Action::Quit => self.screen = Screen::Main,
            Action::Help => self.help = Some(crate::tui::help::HelpState::default()),
            Action::Up => self.office.move_by(-1),
            Action::Down => self.office.move_by(1),
            Action::Top => self.office.select_end(false),
            Action::Bottom => self.office.select_end(true),
            Action::NextPane | Action::PrevPane => self.office.switch_tab(),
            Action::Back | Action::Office => self.screen = Screen::Main,
            Action::Enter => match self.office.tab {
                OfficeTab::Settings => {
                    let key = self.office.selected_key().to_string();
                    self.open_office_form(OfficeForm::Settings(key));
                }
                OfficeTab::Staff => match self.office.selected_staff() {
                    Some(s) => {
                        let login = s.login.clone();
                        self.open_office_form(OfficeForm::Staff(Some(login)));
                    }
                    None => self.info("職員が登録されていません"),
                },
            },
            Action::AddStaff => {
                self.office.tab = OfficeTab::Staff;
                self.open_office_form(OfficeForm::Staff(None));
            }
            Action::RemoveStaff => self.ask_remove_staff(),
            _ => {}
        }
    }

    /// The refusal when the viewer's role does not hold `p` (the store
    /// would refuse the save with the same words).
    fn refused(&mut self, data: &OfficeData, p: Permission) -> bool {
        if access::allows(data.role, p) {
            return false;
        }
        self.error(
            Refusal::Role {
                permission: p,
                role: data.role,
            }
            .to_string(),
        );
        true
    }

    /// Open the form (the office is read first if it is not yet).
    pub(crate) fn open_office_form(&mut self, which: OfficeForm) {
        let Some(data) = self.office.data.clone() else {
            self.office_form_after_load = Some(which);
            self.push(Effect::LoadOffice);
            return;
        };
        let today = self.today;
        let (kind, specs, values, title, rest, focus, base) = match &which {
            OfficeForm::Settings(key) => {
                if self.refused(&data, Permission::ManageSettings) {
                    return;
                }
                (
                    FormKind::Office,
                    rf::settings_specs(),
                    rf::settings_values(&data),
                    FormKind::Office.title().to_string(),
                    None,
                    Some(key.clone()),
                    None,
                )
            }
            OfficeForm::Staff(login) => {
                if self.refused(&data, Permission::ManageStaff) {
                    return;
                }
                let base = match login {
                    Some(l) => match data.staff.iter().find(|s| &s.login == l) {
                        Some(s) => Some(s.clone()),
                        None => {
                            self.error("この職員は登録されていません（他の人が外しました）");
                            return;
                        }
                    },
                    None => None,
                };
                let title = match &base {
                    Some(s) => format!(
                        "職員の変更 — {}（{}）",
                        crate::text::for_display(&s.display_name),
                        crate::text::for_display(&s.login)
                    ),
                    None => "職員の追加".to_string(),
                };
                let rest = Some(login.clone().unwrap_or_else(|| "new".to_string()));
                (
                    FormKind::Staff,
                    rf::staff_specs(base.is_none()),
                    rf::staff_values(base.as_ref()),
                    title,
                    rest,
                    None,
                    base,
                )
            }
        };
        let mut form = crate::tui::form_editor::Form::new(title, specs, rf::date_check(today));
        form.set_theme(&self.theme);
        form.set_keys(&self.keymap);
        form.set_values(&values);
        if let Some(f) = &focus {
            form.focus_field(f);
        }
        // The office's forms are no client's: their drafts are kept under 0.
        let none = crate::model::ClientId::default();
        let mut key = FormSession::draft_key(&self.user, kind, none);
        if let Some(r) = rest {
            key.push_str(&format!("/{r}"));
        }
        let mut fs = FormSession::new(kind, none, form, key);
        fs.office_base = Some(data);
        fs.staff_base = base;
        self.begin_form(fs);
    }

    /// `D` on a staff member: ask first (the store keeps the last 管理者).
    fn ask_remove_staff(&mut self) {
        let Some(data) = self.office.data.clone() else {
            return;
        };
        if self.office.tab != OfficeTab::Staff {
            self.office.tab = OfficeTab::Staff;
            return;
        }
        if self.refused(&data, Permission::ManageStaff) {
            return;
        }
        match self.office.selected_staff() {
            Some(s) => self.remove_staff = Some(s.login.clone()),
            None => self.info("職員が登録されていません"),
        }
    }

    /// The answer: y removes, n or back does nothing.
    pub(crate) fn remove_staff_key(&mut self, key: &KeyEvent) {
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y' | 'ｙ' | 'Ｙ'));
        let no = matches!(key.code, KeyCode::Char('n' | 'N' | 'ｎ' | 'Ｎ'))
            || self.keymap.lookup(Mode::Office, key) == Some(Action::Back);
        if !yes && !no {
            return;
        }
        let Some(login) = self.remove_staff.take() else {
            return;
        };
        if yes {
            self.push(Effect::RemoveStaff(login));
        } else {
            self.info("何も変更していません");
        }
    }

    /// The store's answer to `RemoveStaff`.
    pub fn staff_removed(&mut self, login: &str, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.info(format!(
                    "職員の登録を外しました: {}（記録の記録者名は残ります）",
                    crate::text::for_display(login)
                ));
                self.push(Effect::LoadOffice);
            }
            Err(e) => self.error(format!("登録を外せませんでした: {e}")),
        }
    }

    /// The question before removing, with its keys.
    pub(crate) fn remove_prompt(&self) -> Option<Prompt> {
        let login = self.remove_staff.as_ref()?;
        let name = self
            .office
            .data
            .as_ref()
            .and_then(|d| d.staff.iter().find(|s| &s.login == login))
            .map(|s| crate::text::for_display(&s.display_name).into_owned())
            .unwrap_or_default();
        let back = self
            .keymap
            .keys_for(Mode::Office, Action::Back)
            .first()
            .map(|k| k.to_string());
        let mut choices = vec![
            ("y".to_string(), "登録を外す".to_string()),
            ("n".to_string(), "やめる".to_string()),
        ];
        if let Some(b) = back {
            choices.push((b, "やめる".to_string()));
        }
        Some(Prompt {
            title: "職員の登録を外す".to_string(),
            lines: vec![
                format!(
                    "{name}（{}）の登録を外しますか？",
                    crate::text::for_display(login)
                ),
                "このログインでは teichaku を開けなくなります。記録の記録者名は残ります。"
                    .to_string(),
            ],
            choices,
        })
    }
}
