//! Forms over the main screen: opening one for the selected client (a new
//! record, or a saved one to correct — see `app::edit`) and routing its
//! keys. Drafts are in `tui::drafts`, submitting in `app::submit`, someone
//! else's change to the record being edited in `tui::conflict`.

use std::time::{Duration, Instant};

use super::Form;
use crate::document_forms::{self, plan, report};
use crate::model::{Client, ClientId, Counterpart, Employment, RecordId};
use crate::store::{CaseRow, Table};
use crate::tui::action::Action;
use crate::tui::app::edit::{self, EditBase};
use crate::tui::app::{App, Effect, JobTarget, item_contact};
use crate::tui::conflict::{Conflict, Mine, Since};
use crate::tui::drafts::Offer;
use crate::tui::drafts::key as draft_key;
use crate::tui::record_forms::{self as rf, FormKind, Values};

/// A draft is written this long after the first unsaved change.
pub(super) const DRAFT_DELAY: Duration = Duration::from_secs(1);

/// How a new contact starts, beyond the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Preset {
    /// The obligation the contact fulfils.
    pub link: Option<String>,
    /// The counterpart and method that satisfy the item the contact is
    /// for (the defaults otherwise); the place goes with them.
    pub counterpart: Option<Counterpart>,
    pub method: Option<crate::model::Method>,
    /// The window the date must be in to satisfy the item; a past one
    /// leaves the date to the person.
    pub(crate) window: Option<item_contact::Window>,
    /// A contact for this item of the client (from the deadlines view):
    /// the fields above are filled from it once the record is loaded.
    pub(crate) item: Option<(&'static str, Option<crate::dates::YearMonth>)>,
    /// For a 支援レポート: which month (default: this month).
    pub month: Option<crate::dates::YearMonth>,
    /// The saved record to correct (its row id), instead of a new one.
    pub(crate) record: Option<RecordId>,
    /// For the employment form: which employment.
    pub job: JobTarget,
}

impl Preset {
    pub(crate) fn linked(id: &str) -> Preset {
        Preset {
            link: Some(id.to_string()),
            ..Preset::default()
        }
    }
}

/// The form being edited and what it needs to save.
#[derive(Debug)]
pub struct FormSession {
    pub kind: FormKind,
    pub client_id: ClientId,
    pub form: Form,
    /// Where the draft lives: user + form + client (+ the record, for an
    /// edit, so a draft never comes back over another record).
    pub draft_key: String,
    /// The record as loaded (with its version) for edits.
    pub base_client: Option<Client>,
    /// A saved contact, consent, handover or conference being corrected.
    pub(crate) base_record: Option<EditBase>,
    pub base_employment: Option<Employment>,
    pub base_report: Option<crate::model::Report>,
    pub base_plan: Option<crate::model::Plan>,
    /// The office as read when an office form opened (its version, and
    /// the staff a new login must not repeat).
    pub(crate) office_base: Option<rf::OfficeData>,
    /// The staff member the staff form changes (`None`: a new one).
    pub(crate) staff_base: Option<crate::model::Staff>,
    /// A draft from an earlier session or another terminal, waiting for y/n.
    pub(crate) offer: Option<Offer>,
    /// Another terminal's draft restored here: removed once this form is
    /// saved or dropped (never while that terminal may still use it).
    pub(crate) adopted: Option<String>,
    /// When to write the draft (set on the first change after a write).
    pub draft_due: Option<Instant>,
    /// The values last written as a draft (or loaded), to notice changes.
    pub(crate) last_draft: Values,
    /// The record's version the values started from, and its values then:
    /// drafts keep both, and a conflict compares against them.
    pub(crate) since: Since,
    /// My values, waiting for the record as stored now (→ `conflict_loaded`).
    pub(crate) pending: Option<Mine>,
    /// Someone else saved the record: the comparison, on screen or (after
    /// Esc) waiting for the next save.
    pub(crate) conflict: Option<Conflict>,
    /// The conflict resolved before this save: its decisions go into the
    /// save's audit row.
    pub(crate) resolved: Option<Conflict>,
    /// A save is under way (on the writer thread).
    pub saving: bool,
    /// When this screen first saw the save still under way (`tick`), and
    /// whether the form has said since that it waits.
    pub(crate) saving_since: Option<(Instant, bool)>,
    /// Opened from the record's row: the cursor follows the record.
    pub(crate) from_row: bool,
    /// The employment form registers a new job after an ended one.
    pub new_job: bool,
    /// A contact for a monthly item: the dates that satisfy it.
    pub(crate) window: Option<item_contact::Window>,
}

impl FormSession {
    pub fn draft_key(user: &str, kind: FormKind, client_id: ClientId) -> String {
        format!("tui/{user}/{}/{client_id}", kind.as_str())
    }

    /// A session on `form`, nothing loaded with it yet.
    pub(crate) fn new(
        kind: FormKind,
        client_id: ClientId,
        form: Form,
        draft_key: String,
    ) -> FormSession {
        let last_draft = form.values();
        FormSession {
            kind,
            client_id,
            form,
            draft_key,
            base_client: None,
            base_record: None,
            base_employment: None,
            base_report: None,
            base_plan: None,
            office_base: None,
            staff_base: None,
            offer: None,
            adopted: None,
            draft_due: None,
            last_draft,
            since: Since::default(),
            pending: None,
            conflict: None,
            resolved: None,
            saving: false,
            saving_since: None,
            from_row: false,
            new_job: false,
            window: None,
        }
    }

    /// The values changed: write a draft a moment later.
    pub(crate) fn changed(&mut self, now: Instant) {
        if self.draft_due.is_none() && self.form.values() != self.last_draft {
            self.draft_due = Some(now + DRAFT_DELAY);
        }
    }

    /// The saved record this form corrects, if it corrects one.
    fn record_id(&self) -> Option<RecordId> {
        match self.kind {
            FormKind::Employment => self.base_employment.as_ref().and_then(|e| e.id),
            FormKind::Plan => self.base_plan.as_ref().and_then(|p| p.id),
            _ => self.base_record.as_ref().and_then(EditBase::id),
        }
    }

    /// The saved row this form corrects and the version it was read at.
    /// `None` for a new record.
    pub(crate) fn record(&self) -> Option<(CaseRow, i64)> {
        let record =
            |table, id: Option<RecordId>, version| Some((CaseRow::Record(table, id?), version));
        match self.kind {
            FormKind::Client => {
                let c = self.base_client.as_ref()?;
                Some((CaseRow::Client(c.id?), c.version))
            }
            FormKind::Employment => {
                let e = self.base_employment.as_ref()?;
                record(Table::Employments, e.id, e.version)
            }
            FormKind::Plan => {
                let p = self.base_plan.as_ref()?;
                record(Table::Plans, p.id, p.version)
            }
            FormKind::Report => {
                let r = self.base_report.as_ref()?;
                record(Table::Reports, r.id, r.version)
            }
            _ => self.base_record.as_ref().and_then(EditBase::row),
        }
    }
}

impl App {
    /// Open `kind` for the current client once their record is at hand.
    pub(crate) fn request_form(&mut self, kind: FormKind, preset: Preset) {
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
    pub(crate) fn open_new_client(&mut self) {
        let kind = FormKind::NewClient;
        let mut form = rf::new_form(
            kind,
            "",
            rf::new_client_specs(&self.letterhead.staff),
            self.today,
        );
        form.set_theme(&self.theme);
        form.set_keys(&self.keymap);
        form.set_values(&rf::new_client_defaults(&self.user, self.registered));
        form.focus_field("external_id");
        // A new client has no row yet: the draft is kept under 0.
        let none = ClientId::default();
        let draft_key = FormSession::draft_key(&self.user, kind, none);
        self.begin_form(FormSession::new(kind, none, form, draft_key));
    }

    /// Show `fs` and ask for a draft left under its key (this terminal's;
    /// failing that, another terminal's of the same form).
    pub(crate) fn begin_form(&mut self, mut fs: FormSession) {
        fs.draft_key = draft_key::with_terminal(&fs.draft_key, &self.terminal);
        let version = fs.record().map(|(_, v)| v);
        fs.since = Since {
            version,
            values: version.map(|_| fs.form.values()),
        };
        self.push(Effect::LoadDraft(fs.draft_key.clone()));
        self.form = Some(fs);
        self.message = None;
    }

    /// Build the form from the loaded client and ask for any draft.
    pub(crate) fn open_form(&mut self, kind: FormKind, preset: Preset) {
        if kind == FormKind::Employment && self.ask_which_job(&preset) {
            return;
        }
        let Some(t) = &self.timeline else { return };
        let preset = match preset.item {
            Some((id, period)) => t
                .obligations
                .iter()
                .find(|o| o.id == id && o.period == period)
                .and_then(item_contact::contact_preset)
                .unwrap_or_default(),
            None => preset,
        };
        let client = &t.client;
        let client_id = t.client_id();
        let mut name = rf::client_title(client);
        let today = self.today;
        let mut base_client = None;
        let mut base_record = None;
        let mut base_employment = None;
        let mut base_report = None;
        let mut base_plan = None;
        let mut new_job = false;
        let mut window = None;
        // A title other than the kind's own.
        let mut title = None;
        let (specs, values, focus) = match kind {
            FormKind::NewClient => return self.open_new_client(),
            // The office's forms open from the office screen, without a client.
            FormKind::Office | FormKind::Staff => return,
            FormKind::Contact | FormKind::Consent | FormKind::Handover | FormKind::Conference
                if preset.record.is_some() =>
            {
                match preset.record.and_then(|id| edit::parts(t, kind, id)) {
                    Some((specs, values, base)) => {
                        base_record = Some(base);
                        (specs, values, None)
                    }
                    None => return self.error(edit::GONE),
                }
            }
            FormKind::Plan => {
                let def = document_forms::plan_form();
                let p = match preset.record {
                    Some(id) => match rf::plan_to_edit(&def, client, id, &self.letterhead) {
                        Some(p) => p,
                        None => return self.error(edit::GONE),
                    },
                    None => plan::plan_for(&def, client, &self.letterhead, today),
                };
                let v = rf::plan_values(&p);
                title = Some(rf::plan_title(client, &p, &v, today));
                base_plan = Some(p);
                (rf::plan_specs(), v, None)
            }
            FormKind::Report => {
                let month = preset
                    .month
                    .unwrap_or_else(|| rf::report_month(client, today));
                let def = document_forms::report_form();
                match report::report_for(&def, client, month, &self.letterhead, today) {
                    Ok(r) => {
                        // Which month is being written, in the title.
                        name = format!("{name} {}", crate::wareki::format_year_month(r.month));
                        let refresh = self
                            .keymap
                            .keys_for(crate::tui::keymap::Mode::Form, Action::RefreshRecords)
                            .first()
                            .map(ToString::to_string);
                        let specs = rf::report_specs(r.month, refresh.as_deref());
                        let v = rf::report_values(&r);
                        base_report = Some(r);
                        (specs, v, Some("goal_1"))
                    }
                    Err(e) => {
                        // The same reason `export` gives, with what to do.
                        let why = self.report_impossible(client, month).unwrap_or(e);
                        self.error(why);
                        return;
                    }
                }
            }
            FormKind::Contact => {
                let steps = t.linkable_steps();
                let mut specs = rf::contact_specs(&steps);
                let mut v = rf::contact_defaults(today, preset.link.as_deref());
                if let Some(c) = preset.counterpart {
                    v.insert("counterpart".into(), c.as_str().into());
                }
                if let Some(m) = preset.method {
                    v.insert("method".into(), m.as_str().into());
                }
                rf::place_with(&mut v);
                window = preset.window.clone();
                if rf::asks_intent(client, &steps) {
                    rf::add_intent_field(&mut specs, &mut v);
                }
                match window.as_ref().filter(|w| w.past(today)) {
                    Some(w) => {
                        rf::ask_date(&mut specs, &mut v, w.date_hint(today));
                        (specs, v, Some("date"))
                    }
                    None => (specs, v, Some("summary")),
                }
            }
            FormKind::Client => {
                base_client = Some(client.clone());
                let specs =
                    rf::client_specs(&self.letterhead.staff, client.assigned_staff.as_deref());
                (specs, rf::client_values(client), None)
            }
            FormKind::Employment if preset.job == JobTarget::New => {
                // A new job: empty, 通常, intent not yet asked.
                new_job = true;
                title = Some(format!("{}（新しい就職） — {name}", kind.title()));
                (rf::employment_specs(), rf::new_employment_values(), None)
            }
            FormKind::Employment => {
                base_employment = match preset.record {
                    Some(id) => match client.employments.iter().find(|e| e.id == Some(id)) {
                        Some(e) => Some(e.clone()),
                        None => return self.error(edit::GONE),
                    },
                    None => rf::current_employment(client).cloned(),
                };
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
        let mut form = if base_record.is_some() {
            rf::edit_form(kind, &name, specs, today)
        } else {
            rf::new_form(kind, &name, specs, today)
        };
        if let Some(t) = title {
            form.set_title(t);
        }
        form.set_theme(&self.theme);
        form.set_keys(&self.keymap);
        form.set_values(&values);
        // A saved record's choices were someone's: the place stays.
        if base_record.is_some() {
            form.mark_touched(rf::PLACE);
        }
        if let Some(f) = focus {
            form.focus_field(f);
        }
        let draft_key = FormSession::draft_key(&self.user, kind, client_id);
        let mut fs = FormSession::new(kind, client_id, form, draft_key);
        fs.base_client = base_client;
        fs.base_record = base_record;
        fs.base_employment = base_employment;
        fs.base_plan = base_plan;
        // A report is one per month: the month names it, saved or not.
        if let Some(r) = &base_report {
            fs.draft_key.push_str(&format!("/{}", r.month));
        } else if let Some(id) = fs.record_id() {
            fs.draft_key.push_str(&format!("/{id}"));
        } else if new_job {
            // Never offer a new job's draft over the ended one, or back.
            fs.draft_key.push_str("/new");
        }
        fs.new_job = new_job;
        fs.window = window;
        fs.base_report = base_report;
        fs.from_row = preset.record.is_some();
        self.begin_form(fs);
    }
}
