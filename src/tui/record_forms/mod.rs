//! The records a case worker enters in the TUI, as field lists for the one
//! generic form editor (`tui::form_editor`), and the conversion of the entered
//! values back to model types with Japanese validation messages.
//!
//! Dates are typed in any form `date_input` reads and shown as 和暦
//! (令和8年4月30日) once the field is left; they are read back with the
//! same parser, so what the case worker saw is what is stored.

mod client_employment;
mod closure;
mod consent_handover_conference;
mod contact;
mod declared;
#[cfg(test)]
mod fuzz_tests;
mod new_client;
mod office;
mod plan;
mod report;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::date_input::parse_date_input;
use crate::model::{Client, Employment};
use crate::tui::form_editor::{DateCheck, FieldSpec, Form};
use crate::wareki;

pub(crate) use client_employment::anchor_field;
pub(crate) use client_employment::{SEPARATION_DATE, SEPARATION_REASON};
pub(crate) use client_employment::{
    client_from_values, client_specs, client_values, employment_from_values, employment_specs,
    employment_values, new_employment_values,
};
pub(crate) use closure::{closure_defaults, closure_from_values, closure_specs};
pub(crate) use consent_handover_conference::{
    conference_from_values, conference_specs, consent_from_values, consent_specs,
    handover_from_values, handover_specs, record_defaults,
};
pub(crate) use consent_handover_conference::{conference_values, consent_values, handover_values};
pub(crate) use contact::{PLACE, ask_date, follow_place, place_with};
pub(crate) use contact::{add_intent_field, asks_intent, intent_from_values};
pub(crate) use contact::{contact_defaults, contact_from_values, contact_specs};
pub(crate) use contact::{contact_edit_from_values, contact_edit_specs, contact_values};
pub(crate) use new_client::{new_client_defaults, new_client_from_values, new_client_specs};
pub(crate) use office::{
    OfficeData, OfficeSave, SETTING_KEYS, settings_from_values, settings_specs, settings_values,
    staff_from_values, staff_specs, staff_values,
};
pub(crate) use plan::plan_to_edit;
pub(crate) use plan::{new_version_name, plan_title};
pub(crate) use plan::{plan_from_values, plan_specs, plan_values};
pub(crate) use report::{PRESENTED, report_from_values, report_month, report_specs, report_values};

/// Which record a form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    Contact,
    Client,
    Employment,
    Consent,
    Handover,
    Conference,
    Report,
    Plan,
    NewClient,
    /// 終結: closing the case.
    Closure,
    /// The office's settings (管理者).
    Office,
    /// One staff member, new or registered (管理者).
    Staff,
}

impl FormKind {
    /// Part of the draft key (stable: drafts outlive a session).
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Contact => "contact",
            FormKind::Client => "client",
            FormKind::Employment => "employment",
            FormKind::Consent => "consent",
            FormKind::Handover => "handover",
            FormKind::Conference => "conference",
            FormKind::Report => "report",
            FormKind::Plan => "plan",
            FormKind::NewClient => "new_client",
            FormKind::Closure => "closure",
            FormKind::Office => "office",
            FormKind::Staff => "staff",
        }
    }

    /// The office's forms: no client, saved through the office's store calls.
    pub fn is_office(self) -> bool {
        matches!(self, FormKind::Office | FormKind::Staff)
    }

    /// The kind named by `as_str`.
    pub fn parse(s: &str) -> Option<FormKind> {
        use FormKind::*;
        [
            Contact, Client, Employment, Consent, Handover, Conference, Report, Plan, NewClient,
            Closure, Office, Staff,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// The form's title, before the client's name.
    pub fn title(self) -> &'static str {
        match self {
            FormKind::Contact => "支援の記録",
            FormKind::Client => "利用者の基本情報",
            FormKind::Employment => "就職（雇用）情報",
            FormKind::Consent => "同意の記録",
            FormKind::Handover => "引継ぎの記録",
            FormKind::Conference => "ケース会議の記録",
            FormKind::Report => "支援レポート",
            FormKind::Plan => "就労定着支援計画書",
            FormKind::NewClient => "利用者の新規登録",
            FormKind::Closure => "ケースの終結",
            FormKind::Office => "事業所の設定",
            FormKind::Staff => "職員",
        }
    }

    /// What the saved record is called in the confirmation message.
    pub fn saved_message(self) -> &'static str {
        match self {
            // What was saved, named: after a long form the case worker
            // sees which record the confirmation is about.
            FormKind::Client => "利用者の基本情報を保存しました",
            FormKind::Employment => "就職（雇用）情報を保存しました",
            FormKind::Report => "支援レポートを保存しました",
            FormKind::Plan => "就労定着支援計画書を保存しました",
            FormKind::NewClient => "登録しました",
            FormKind::Closure => "終結しました。一覧と期限一覧から外れます",
            FormKind::Office => "事業所の設定を保存しました",
            FormKind::Staff => "職員を保存しました",
            _ => "記録しました",
        }
    }
}

/// One field's problem: (field id, Japanese message).
pub(crate) type FieldError = (&'static str, String);

/// Values of a form, by field id.
pub(crate) type Values = BTreeMap<String, String>;

/// The date check every form uses: any form `parse_date_input` reads,
/// shown back as 和暦.
pub(crate) fn date_check(today: NaiveDate) -> DateCheck {
    Box::new(move |s: &str| {
        parse_date_input(s, today)
            .map(wareki::format)
            .map_err(|e| e.to_string())
    })
}

/// A form of `kind` titled for `client_name`, with `specs`.
pub(crate) fn new_form(
    kind: FormKind,
    client_name: &str,
    specs: Vec<FieldSpec>,
    today: NaiveDate,
) -> Form {
    titled_form(kind.title(), client_name, specs, today)
}

/// Like `new_form`, titled as correcting a saved record.
pub(crate) fn edit_form(
    kind: FormKind,
    client_name: &str,
    specs: Vec<FieldSpec>,
    today: NaiveDate,
) -> Form {
    let title = format!("{}（修正）", kind.title());
    titled_form(&title, client_name, specs, today)
}

fn titled_form(title: &str, client_name: &str, specs: Vec<FieldSpec>, today: NaiveDate) -> Form {
    let title = if client_name.is_empty() {
        title.to_string()
    } else {
        format!("{title} — {client_name}")
    };
    Form::new(title, specs, date_check(today))
}

pub(crate) fn get<'a>(values: &'a Values, id: &str) -> &'a str {
    values
        .get(id)
        .map(|s| crate::text::trim_input(s))
        .unwrap_or("")
}

fn text(values: &Values, id: &str) -> String {
    get(values, id).to_string()
}

fn flag(values: &Values, id: &str) -> bool {
    get(values, id) == "true"
}

/// An optional date field: empty is `None`, anything else must parse.
fn opt_date(
    values: &Values,
    id: &'static str,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    let s = get(values, id);
    if s.is_empty() {
        return None;
    }
    match parse_date_input(s, today) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push((id, e.to_string()));
            None
        }
    }
}

/// A required date field.
fn req_date(
    values: &Values,
    id: &'static str,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    let d = opt_date(values, id, today, errors);
    if d.is_none() && get(values, id).is_empty() {
        errors.push((id, "必須項目です。入力してください".to_string()));
    }
    d
}

pub(crate) fn date_value(d: Option<NaiveDate>) -> String {
    d.map(wareki::format).unwrap_or_default()
}

/// The rule set's problems with the record the form built, each under the
/// form field `map` pairs with the record's field (`map`: record field →
/// form field id); a problem of a field the form does not show is listed
/// without a place. The messages are the rule set's own. A problem about
/// a field the form already found unreadable (its value in the record is
/// a placeholder) is left out: it would be about the placeholder.
fn rule_errors(
    problems: Vec<crate::validate::Problem>,
    map: &[(&str, &'static str)],
    errors: &mut Vec<FieldError>,
) {
    let form_field = |record: &str| {
        map.iter()
            .find(|(r, _)| *r == record)
            .map_or("", |(_, form)| *form)
    };
    let unreadable: Vec<&'static str> = errors
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| !f.is_empty())
        .collect();
    for p in problems {
        let field = form_field(&p.field);
        let touched = std::iter::once(field).chain(p.also.iter().map(|a| form_field(a)));
        if touched
            .into_iter()
            .any(|f| !f.is_empty() && unreadable.contains(&f))
        {
            continue;
        }
        if !errors.iter().any(|(f, m)| *f == field && *m == p.message) {
            errors.push((field, p.message));
        }
    }
}

/// Show `errors` under their fields and say how many there are.
pub(crate) fn show_errors(form: &mut Form, errors: &[FieldError]) {
    for (id, msg) in errors {
        form.set_error(id, msg.clone());
    }
    if let Some((id, _)) = errors.first() {
        form.focus_field(id);
    }
}

/// The client a form edits, for the title.
pub(crate) fn client_title(c: &Client) -> String {
    crate::text::for_display(&c.name).into_owned()
}

/// The employment an `E` form edits: the current one, if any.
pub(crate) fn current_employment(c: &Client) -> Option<&Employment> {
    c.current_employment()
}
