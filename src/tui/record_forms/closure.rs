//! 終結 (closing a case): the day, the reason and a note. Saving calls the
//! use case the shell's `client close` calls; the rule set checks it.

use chrono::NaiveDate;

use super::{FieldError, Values, get, req_date, text};
use crate::fields::closure as f;
use crate::model::{Client, Closure, ClosureReason};
use crate::tui::form_editor::FieldSpec;

/// The closure form's fields, named as the record names them.
const CLOSURE_FIELDS: [(&str, &str); 3] = [
    ("date", "closed_on"),
    ("reason", "reason"),
    ("note", "note"),
];

pub(crate) fn closure_specs() -> Vec<FieldSpec> {
    let reasons: Vec<(&str, &str)> = ClosureReason::ALL
        .iter()
        .map(|r| (r.as_str(), r.label()))
        .collect();
    vec![
        FieldSpec::of("closed_on", &f::DATE),
        FieldSpec::choice_of("reason", &f::REASON, &reasons),
        FieldSpec::of("note", &f::NOTE),
    ]
}

/// Today, and the usual reason at the client's stage (離職 after a
/// separation, 支援終了 after the support period); otherwise no reason
/// until the person picks one.
pub(crate) fn closure_defaults(client: &Client, today: NaiveDate) -> Values {
    let mut v = Values::new();
    v.insert("closed_on".into(), crate::wareki::format(today));
    if let Some(r) = crate::tui::engine::usual_closure(client, today) {
        v.insert("reason".into(), r.as_str().into());
    }
    v
}

/// The closure the values describe, closed by `user`, checked by the
/// rule set.
pub(crate) fn closure_from_values(
    values: &Values,
    today: NaiveDate,
    user: &str,
) -> Result<Closure, Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = req_date(values, "closed_on", today, &mut errors);
    let reason = ClosureReason::parse(get(values, "reason"));
    if reason.is_none() {
        errors.push(("reason", "必須項目です。選んでください".to_string()));
    }
    // Placeholders for what could not be read: every problem at once.
    let date = date.unwrap_or(today);
    let reason = reason.unwrap_or(ClosureReason::ALL[0]);
    let x = Closure {
        date,
        reason,
        note: text(values, "note"),
        closed_by: user.to_string(),
    };
    super::rule_errors(
        crate::validate::closure(&x, today),
        &CLOSURE_FIELDS,
        &mut errors,
    );
    if errors.is_empty() {
        Ok(x)
    } else {
        Err(errors)
    }
}
