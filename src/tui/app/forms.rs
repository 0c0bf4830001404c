//! Forms over the main screen: opening one for the selected client,
//! offering back a draft left by a dropped connection, saving drafts as
//! the case worker types (at most once a second), submitting, and what
//! happens when the save fails (the form and the input stay).

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent};

use super::{App, Effect, SaveError, SaveRequest};
use crate::forms::{self, plan, report};
use crate::model::{Client, Counterpart, Employment, Place};
use crate::tui::form::{Draft, Form, FormOutcome};
use crate::tui::record_forms::{self as rf, FormKind, Values};
use crate::tui::timeline::ItemKey;

/// A draft is written this long after the first unsaved change.
pub const DRAFT_DELAY: Duration = Duration::from_secs(1);

/// How a new contact starts, beyond the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preset {
    /// The obligation the contact fulfils.
    pub link: Option<String>,
    /// With the employer, at the workplace.
    pub with_employer: bool,
    /// For a 支援レポート: which month (default: this month).
    pub month: Option<crate::dates::YearMonth>,
}

impl Preset {
    pub fn linked(id: &str) -> Preset {
        Preset {
            link: Some(id.to_string()),
            ..Preset::default()
        }
    }
}

/// The form being edited and what it needs to save.
pub struct FormSession {
    pub kind: FormKind,
    pub client_id: i64,
    pub form: Form,
    /// Where the draft lives: user + form + client.
    pub draft_key: String,
    /// The record as loaded (with its version) for edits.
    pub base_client: Option<Client>,
    pub base_employment: Option<Employment>,
    pub base_report: Option<crate::model::Report>,
    pub base_plan: Option<crate::model::Plan>,
    /// A draft from an earlier session, waiting for y/n.
    pub offer: Option<Draft>,
    /// When to write the draft (set on the first change after a write).
    pub draft_due: Option<Instant>,
    /// The values last written as a draft (or loaded), to notice changes.
    last_draft: Values,
    /// A save is under way (the loop runs it before the next key).
    pub saving: bool,
}

impl FormSession {
    pub fn draft_key(user: &str, kind: FormKind, client_id: i64) -> String {
        format!("tui/{user}/{}/{client_id}", kind.as_str())
    }
}

impl App {
    /// Open `kind` for the current client once their record is at hand.
    pub(super) fn request_form(&mut self, kind: FormKind, preset: Preset) {
        let Some(id) = self.form_client() else {
            if kind == FormKind::Client {
                self.info("利用者が選ばれていません");
            } else {
                self.info("先に利用者を選んでください");
            }
            return;
        };
        match &self.timeline {
            Some(t) if t.client_id() == id => self.open_form(kind, preset),
            _ => {
                self.form_after_load = Some((kind, preset));
                self.push(Effect::LoadClient(id));
            }
        }
    }

    /// The new-client form: needs no selected client.
    pub(super) fn open_new_client(&mut self) {
        let kind = FormKind::NewClient;
        let mut form = rf::new_form(kind, "", rf::new_client_specs(), self.today);
        form.set_theme(&self.theme);
        form.set_values(&rf::new_client_defaults(&self.user));
        form.focus_field("external_id");
        let draft_key = FormSession::draft_key(&self.user, kind, 0);
        let last_draft = form.values();
        self.push(Effect::LoadDraft(draft_key.clone()));
        self.form = Some(FormSession {
            kind,
            client_id: 0,
            form,
            draft_key,
            base_client: None,
            base_employment: None,
            base_report: None,
            base_plan: None,
            offer: None,
            draft_due: None,
            last_draft,
            saving: false,
        });
        self.message = None;
    }

    /// Build the form from the loaded client and ask for any draft.
    pub(super) fn open_form(&mut self, kind: FormKind, preset: Preset) {
        let Some(t) = &self.timeline else { return };
        let client = &t.client;
        let client_id = t.client_id();
        let mut name = rf::client_title(client);
        let today = self.today;
        let mut base_client = None;
        let mut base_employment = None;
        let mut base_report = None;
        let mut base_plan = None;
        let (specs, values, focus) = match kind {
            FormKind::NewClient => return self.open_new_client(),
            FormKind::Plan => {
                let p = plan::plan_for(&forms::plan_form(), client, &self.letterhead, today);
                let v = rf::plan_values(&p);
                base_plan = Some(p);
                (rf::plan_specs(), v, None)
            }
            FormKind::Report => {
                let month = preset
                    .month
                    .unwrap_or_else(|| rf::report_month(client, today));
                let def = forms::report_form();
                match report::report_for(&def, client, month, &self.letterhead, today) {
                    Ok(r) => {
                        // Which month is being written, in the title.
                        name = format!("{name} {}", crate::wareki::format_year_month(r.month));
                        let v = rf::report_values(&r);
                        base_report = Some(r);
                        (rf::report_specs(), v, Some("goal_1"))
                    }
                    Err(e) => {
                        self.error(e);
                        return;
                    }
                }
            }
            FormKind::Contact => (
                rf::contact_specs(&t.linkable_steps()),
                {
                    let mut v = rf::contact_defaults(today, preset.link.as_deref());
                    if preset.with_employer {
                        v.insert("counterpart".into(), Counterpart::Employer.as_str().into());
                        v.insert("place".into(), Place::Employer.as_str().into());
                    }
                    v
                },
                Some("summary"),
            ),
            FormKind::Client => {
                base_client = Some(client.clone());
                (rf::client_specs(), rf::client_values(client), None)
            }
            FormKind::Employment => {
                base_employment = rf::current_employment(client).cloned();
                let values = base_employment
                    .as_ref()
                    .map(rf::employment_values)
                    .unwrap_or_else(rf::new_employment_values);
                (rf::employment_specs(), values, None)
            }
            FormKind::Consent => (rf::consent_specs(), rf::record_defaults(kind, today), None),
            FormKind::Handover => (rf::handover_specs(), rf::record_defaults(kind, today), None),
            FormKind::Conference => (
                rf::conference_specs(),
                rf::record_defaults(kind, today),
                None,
            ),
            FormKind::Closure => (
                rf::closure_specs(),
                rf::closure_defaults(client, today),
                None,
            ),
        };
        let mut form = rf::new_form(kind, &name, specs, today);
        form.set_theme(&self.theme);
        form.set_values(&values);
        if let Some(f) = focus {
            form.focus_field(f);
        }
        let mut draft_key = FormSession::draft_key(&self.user, kind, client_id);
        if let Some(r) = &base_report {
            draft_key.push_str(&format!("/{}", r.month));
        }
        let last_draft = form.values();
        self.push(Effect::LoadDraft(draft_key.clone()));
        self.form = Some(FormSession {
            kind,
            client_id,
            form,
            draft_key,
            base_client,
            base_employment,
            base_report,
            base_plan,
            offer: None,
            draft_due: None,
            last_draft,
            saving: false,
        });
        self.message = None;
    }

    /// The store's answer to `LoadDraft`: offer it back if it holds more
    /// than the form starts with.
    pub fn draft_loaded(&mut self, key: &str, json: Option<String>) {
        let Some(fs) = &mut self.form else { return };
        if fs.draft_key != key {
            return;
        }
        let Some(json) = json else { return };
        match serde_json::from_str::<Draft>(&json) {
            Ok(d) if d.values != fs.form.values() => fs.offer = Some(d),
            Ok(_) => {}
            Err(_) => self.push(Effect::DeleteDraft(key.to_string())),
        }
    }

    pub(super) fn form_key(&mut self, key: &KeyEvent, now: Instant) {
        let Some(fs) = &mut self.form else { return };
        if let Some(draft) = fs.offer.take() {
            match key.code {
                KeyCode::Char('y' | 'Y' | 'ｙ' | 'Ｙ') => {
                    fs.form.restore(&draft);
                    fs.last_draft = fs.form.values();
                    self.info("下書きを復元しました");
                }
                KeyCode::Char('n' | 'N' | 'ｎ' | 'Ｎ') | KeyCode::Esc => {
                    let k = fs.draft_key.clone();
                    self.push(Effect::DeleteDraft(k));
                    self.info("下書きを破棄しました");
                }
                _ => fs.offer = Some(draft),
            }
            return;
        }
        let outcome = fs.form.handle_event(&Event::Key(*key), &self.keymap);
        self.form_outcome(outcome, now);
    }

    pub(super) fn form_paste(&mut self, s: &str, now: Instant) {
        let Some(fs) = &mut self.form else { return };
        if fs.offer.is_some() {
            return;
        }
        let outcome = fs.form.handle_paste(s);
        self.form_outcome(outcome, now);
    }

    fn form_outcome(&mut self, outcome: FormOutcome, now: Instant) {
        let Some(fs) = &mut self.form else { return };
        match outcome {
            FormOutcome::Consumed | FormOutcome::Invalid | FormOutcome::Ignored => {
                if fs.draft_due.is_none() && fs.form.values() != fs.last_draft {
                    fs.draft_due = Some(now + DRAFT_DELAY);
                }
            }
            FormOutcome::Cancel => {
                let key = fs.draft_key.clone();
                self.form = None;
                self.push(Effect::DeleteDraft(key));
                self.info("入力をやめました");
            }
            FormOutcome::Submit(values) => self.submit(&values),
        }
    }

    fn submit(&mut self, values: &Values) {
        let Some(fs) = &mut self.form else { return };
        let (today, user, id) = (self.today, self.user.clone(), fs.client_id);
        let request = match fs.kind {
            FormKind::Contact => {
                rf::contact_from_values(values, today, &user).map(|contact| SaveRequest::Contact {
                    client_id: id,
                    contact,
                })
            }
            FormKind::Client => match &fs.base_client {
                Some(base) => rf::client_from_values(base, values, today)
                    .map(|c| SaveRequest::Client(Box::new(c))),
                None => return,
            },
            FormKind::Employment => {
                rf::employment_from_values(fs.base_employment.as_ref(), values, today).map(|e| {
                    SaveRequest::Employment {
                        client_id: id,
                        employment: Box::new(e),
                    }
                })
            }
            FormKind::Consent => {
                rf::consent_from_values(values, today).map(|consent| SaveRequest::Consent {
                    client_id: id,
                    consent,
                })
            }
            FormKind::Handover => {
                rf::handover_from_values(values, today).map(|handover| SaveRequest::Handover {
                    client_id: id,
                    handover,
                })
            }
            FormKind::Conference => rf::conference_from_values(values, today).map(|conference| {
                SaveRequest::Conference {
                    client_id: id,
                    conference,
                }
            }),
            FormKind::Plan => match &fs.base_plan {
                Some(base) => rf::plan_from_values(base, values, today)
                    .map(|plan| SaveRequest::Plan {
                        client_id: id,
                        plan: Box::new(plan),
                    })
                    .map_err(|p| p.into_iter().map(|m| ("", m)).collect()),
                None => return,
            },
            FormKind::NewClient => rf::new_client_from_values(values, today)
                .map(|c| SaveRequest::NewClient(Box::new(c))),
            FormKind::Closure => {
                rf::closure_from_values(values, today, &user).map(|closure| SaveRequest::Close {
                    client_id: id,
                    closure,
                })
            }
            // Problems of the declarative form name their field in the text.
            FormKind::Report => match (&fs.base_report, &self.timeline) {
                (Some(base), Some(t)) => rf::report_from_values(&t.client, base, values, today)
                    .map(|report| SaveRequest::Report {
                        client_id: id,
                        report: Box::new(report),
                    })
                    .map_err(|p| p.into_iter().map(|m| ("", m)).collect()),
                _ => return,
            },
        };
        match request {
            Ok(r) => {
                fs.saving = true;
                self.push(Effect::Save(r));
            }
            Err(errors) => {
                rf::show_errors(&mut fs.form, &errors);
                let unplaced: Vec<&str> = errors
                    .iter()
                    .filter(|(f, _)| f.is_empty())
                    .map(|(_, m)| m.as_str())
                    .collect();
                if unplaced.is_empty() {
                    self.error(format!("入力内容を確認してください（{}件）", errors.len()));
                } else {
                    self.error(format!(
                        "入力内容を確認してください: {}",
                        unplaced.join(" / ")
                    ));
                }
            }
        }
    }

    /// The store's answer to `Save`.
    /// `Ok` carries the new record's timeline key, to put the cursor on it.
    pub fn saved(&mut self, result: Result<Option<ItemKey>, SaveError>) {
        let Some(fs) = &mut self.form else { return };
        fs.saving = false;
        match result {
            Ok(new_record) => {
                self.select_after_load = new_record;
                let (kind, key, id) = (fs.kind, fs.draft_key.clone(), fs.client_id);
                fs.form.mark_saved();
                self.form = None;
                self.push(Effect::DeleteDraft(key));
                self.push(Effect::RefreshClient(id));
                self.info(kind.saved_message());
            }
            Err(e) if e.stale => {
                // Keep the form and everything typed; never overwrite.
                self.error(format!(
                    "他の人が先に変更しました。保存していません（入力はそのまま残っています）。Esc で閉じて開き直すと最新の内容になります。{}",
                    e.message
                ));
            }
            Err(e) => self.error(format!("保存できませんでした: {}", e.message)),
        }
    }

    pub(super) fn save_draft_if_due(&mut self, now: Instant) {
        if self
            .form
            .as_ref()
            .and_then(|f| f.draft_due)
            .is_some_and(|due| due <= now)
        {
            self.save_draft_now();
        }
    }

    /// Write the open form's draft if it changed since the last one.
    pub(super) fn save_draft_now(&mut self) {
        let Some(fs) = &mut self.form else { return };
        fs.draft_due = None;
        let values = fs.form.values();
        if values == fs.last_draft || fs.offer.is_some() {
            return;
        }
        let draft = fs.form.draft();
        match serde_json::to_string(&draft) {
            Ok(json) => {
                fs.last_draft = values;
                let key = fs.draft_key.clone();
                self.push(Effect::SaveDraft { key, json });
            }
            Err(e) => self.error(format!("下書きを保存できませんでした（{e}）")),
        }
    }
}
