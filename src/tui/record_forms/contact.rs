//! 支援記録 (docs/MODEL.md §2.3): the quick-entry form. Defaults are what a
//! case worker records most: today, 本人, 面接, 事業所内. The same form
//! corrects a saved contact, with one 対応する項目 per step it is linked to.

use chrono::NaiveDate;

use super::{FieldError, Values, date_value, get, req_date, text};
use crate::fields::contact as f;
use crate::model::{Client, Contact, Counterpart, Intent, Method, ObligationId, Place};
use crate::tui::form_editor::{FieldSpec, Form};

/// The form's 場所, which follows 相手 and 方法 until the person picks one.
pub(crate) const PLACE: &str = "place";

fn choices<T: Copy>(
    all: &[T],
    id: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|&v| (id(v), label(v))).collect()
}

/// The contact form's fields. `steps` are the obligations (id, title) the
/// contact may fulfil; an empty id means "none".
pub(crate) fn contact_specs(steps: &[(String, String)]) -> Vec<FieldSpec> {
    let mut step_choices: Vec<(&str, &str)> = vec![("", "（なし）")];
    step_choices.extend(steps.iter().map(|(id, t)| (id.as_str(), t.as_str())));
    vec![
        FieldSpec::of("date", &f::DATE),
        FieldSpec::of("time", &f::TIME),
        FieldSpec::choice_of(
            "counterpart",
            &f::COUNTERPART,
            &choices(Counterpart::ALL, Counterpart::as_str, Counterpart::label),
        ),
        FieldSpec::of("counterpart_detail", &f::COUNTERPART_DETAIL),
        FieldSpec::choice_of(
            "method",
            &f::METHOD,
            &choices(Method::ALL, Method::as_str, Method::label),
        )
        .quick(),
        FieldSpec::of("method_detail", &f::METHOD_DETAIL),
        FieldSpec::choice_of(
            "place",
            &f::PLACE,
            &choices(Place::ALL, Place::as_str, Place::label),
        ),
        FieldSpec::of("place_detail", &f::PLACE_DETAIL),
        FieldSpec::choice("obligation", "対応する項目", &step_choices),
        FieldSpec::of("summary", &f::SUMMARY),
    ]
}

/// The form id of the `n`th 対応する項目 (from 1).
fn link_field(n: usize) -> String {
    if n <= 1 {
        "obligation".to_string()
    } else {
        format!("obligation_{n}")
    }
}

/// The form for correcting a contact linked to `links` steps: a field per
/// link (at least one), so saving keeps every link the contact had.
pub(crate) fn contact_edit_specs(steps: &[(String, String)], links: usize) -> Vec<FieldSpec> {
    let mut specs = contact_specs(steps);
    let Some(at) = specs.iter().position(|s| s.id == "obligation") else {
        return specs;
    };
    let first = specs[at].clone();
    for n in 2..=links {
        let mut more = first.clone();
        more.id = link_field(n);
        more.label = format!("{}{n}", first.label);
        specs.insert(at + n - 1, more);
    }
    specs
}

/// A saved contact as the form shows it.
pub(crate) fn contact_values(c: &Contact) -> Values {
    let mut v = Values::new();
    v.insert("date".into(), date_value(Some(c.date)));
    let time = c.time.map(|t| t.format("%H:%M").to_string());
    v.insert("time".into(), time.unwrap_or_default());
    v.insert("counterpart".into(), c.counterpart.as_str().into());
    v.insert("counterpart_detail".into(), c.counterpart_detail.clone());
    v.insert("method".into(), c.method.as_str().into());
    v.insert("method_detail".into(), c.method_detail.clone());
    v.insert("place".into(), c.place.as_str().into());
    v.insert("place_detail".into(), c.place_detail.clone());
    v.insert("summary".into(), c.summary.clone());
    v.insert("obligation".into(), String::new());
    for (n, o) in c.obligations.iter().enumerate() {
        v.insert(link_field(n + 1), o.as_str().into());
    }
    v
}

/// `base` corrected with the form's values: its id, the version it was
/// read at (so a change made meanwhile is refused) and who made it stay.
pub(crate) fn contact_edit_from_values(
    base: &Contact,
    values: &Values,
    today: NaiveDate,
) -> Result<Contact, Vec<FieldError>> {
    let mut c = contact_from_values(values, today, base.staff.as_deref().unwrap_or(""))?;
    c.id = base.id;
    c.version = base.version;
    c.staff = base.staff.clone();
    Ok(c)
}

/// The place that goes with the values' counterpart and method
/// (`Place::for_contact`).
fn place_of(values: &Values) -> Option<Place> {
    Place::for_contact(
        Counterpart::parse(get(values, "counterpart"))?,
        Method::parse(get(values, "method"))?,
    )
}

/// `values` with the place that goes with their counterpart and method
/// (a new contact's starting values).
pub(crate) fn place_with(values: &mut Values) {
    if let Some(p) = place_of(values) {
        values.insert(PLACE.into(), p.as_str().into());
    }
}

/// After a change in the contact form: the place follows 相手 and 方法
/// unless the person chose it. What changed, for the status line.
pub(crate) fn follow_place(form: &mut Form) -> Option<String> {
    if form.touched(PLACE) {
        return None;
    }
    let values = form.values();
    let place = place_of(&values)?;
    if get(&values, PLACE) == place.as_str() {
        return None;
    }
    form.put(&Values::from([(
        PLACE.to_string(),
        place.as_str().to_string(),
    )]));
    Some(format!(
        "{}を{}にしました（{}と{}に合わせて）",
        f::PLACE.label,
        place.label(),
        f::COUNTERPART.label,
        f::METHOD.label
    ))
}

/// The date left for the person, `hint` saying which days count (a past
/// month's item).
pub(crate) fn ask_date(specs: &mut [FieldSpec], values: &mut Values, hint: String) {
    values.insert("date".into(), String::new());
    if let Some(s) = specs.iter_mut().find(|s| s.id == "date") {
        s.hint = Some(hint);
    }
}

/// Today, 本人, 面接, 事業所内, linked to `obligation` when given.
pub(crate) fn contact_defaults(today: NaiveDate, obligation: Option<&str>) -> Values {
    let mut v = Values::new();
    v.insert("date".into(), date_value(Some(today)));
    v.insert("counterpart".into(), Counterpart::Client.as_str().into());
    v.insert("method".into(), Method::InPerson.as_str().into());
    v.insert(PLACE.into(), Place::Office.as_str().into());
    v.insert("obligation".into(), obligation.unwrap_or("").into());
    v
}

/// The contact the values describe, written by `staff`.
pub(crate) fn contact_from_values(
    values: &Values,
    today: NaiveDate,
    staff: &str,
) -> Result<Contact, Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = req_date(values, "date", today, &mut errors);
    let time = match get(values, "time") {
        "" => None,
        s => match crate::date_input::parse_time_input(s) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(("time", e));
                None
            }
        },
    };
    let counterpart = Counterpart::parse(get(values, "counterpart"));
    let method = Method::parse(get(values, "method"));
    let place = Place::parse(get(values, "place"));
    for (id, ok) in [
        ("counterpart", counterpart.is_some()),
        ("method", method.is_some()),
        ("place", place.is_some()),
    ] {
        if !ok {
            errors.push((id, "必須項目です。選んでください".to_string()));
        }
    }
    // Whatever could not be read stands in as a placeholder, so the rules
    // still see the rest: every problem is said at once, not in rounds
    // (the placeholders' own problems are left out by `rule_errors`).
    let date = date.unwrap_or(today);
    let counterpart = counterpart.unwrap_or(Counterpart::Client);
    let method = method.unwrap_or(Method::InPerson);
    let place = place.unwrap_or(Place::Office);
    // Every 対応する項目 field (a corrected contact may have several).
    let mut links = Vec::new();
    for (k, v) in values {
        if (k == "obligation" || k.starts_with("obligation_"))
            && let Some(id) = crate::model::ObligationId::parse(v)
            && !links.contains(&id)
        {
            links.push(id);
        }
    }
    let contact = Contact {
        version: 0,
        id: None,
        date,
        time,
        staff: (!staff.is_empty()).then(|| staff.to_string()),
        counterpart,
        counterpart_detail: text(values, "counterpart_detail"),
        method,
        method_detail: text(values, "method_detail"),
        place,
        place_detail: text(values, "place_detail"),
        // Keep the summary's own line breaks; only trim the ends.
        summary: values
            .get("summary")
            .map(|s| crate::text::trim_input(s).to_string())
            .unwrap_or_default(),
        obligations: links,
    };
    super::rule_errors(
        crate::validate::contact(&contact, today),
        &[
            ("date", "date"),
            ("staff", "staff"),
            ("counterpart_detail", "counterpart_detail"),
            ("method_detail", "method_detail"),
            ("place_detail", "place_detail"),
            ("summary", "summary"),
        ],
        &mut errors,
    );
    if errors.is_empty() {
        Ok(contact)
    } else {
        Err(errors)
    }
}

/// The step whose contact confirms the 利用意向 (docs/BASIS.md §2.2 ②).
pub(crate) const CONFIRM_INTENT: &str = ObligationId::M23_CONFIRM_INTENT.as_str();

/// Offer the intent field: the employment's intent is still 未確認 and the
/// contact can be linked to the step that confirms it.
pub(crate) fn asks_intent(client: &Client, steps: &[(String, String)]) -> bool {
    client
        .current_employment()
        .is_some_and(|e| e.intent == Intent::Unknown)
        && steps.iter().any(|(id, _)| id == CONFIRM_INTENT)
}

/// The intent the contact confirmed, after 内容: one Tab from where the
/// cursor starts (an empty value leaves it 未確認).
pub(crate) fn add_intent_field(specs: &mut Vec<FieldSpec>, values: &mut Values) {
    let mut choices: Vec<(&str, &str)> = Intent::ALL
        .iter()
        .filter(|i| **i != Intent::Unknown)
        .map(|i| (i.as_str(), i.label()))
        .collect();
    choices.push(("", "未確認のまま"));
    specs.push(FieldSpec::choice("intent", "利用意向", &choices));
    values.insert("intent".into(), String::new());
}

/// The intent to record with the contact: only with the step that
/// confirms it (as `contact add --intent` requires).
pub(crate) fn intent_from_values(values: &Values) -> Result<Option<Intent>, Vec<FieldError>> {
    let intent = match get(values, "intent") {
        "" => return Ok(None),
        s => Intent::parse(s).filter(|i| *i != Intent::Unknown),
    };
    if intent.is_some() && get(values, "obligation") != CONFIRM_INTENT {
        let step = crate::tui::engine::rule(CONFIRM_INTENT).map_or("", |r| r.title);
        return Err(vec![(
            "intent",
            format!("利用意向を記録するには、対応する項目で「{step}」を選んでください"),
        )]);
    }
    Ok(intent)
}
