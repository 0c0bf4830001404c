//! The 就労定着支援計画書 (別紙様式2) in the generic form editor. A plan
//! is edited in place until it is reviewed: saving with a new 評価日 makes a
//! new version (a new plan record dated that day), so earlier versions stay
//! readable and exportable, and the engine sees the review (000 §1(6)).

use chrono::{Datelike, NaiveDate};

use super::{Values, declared};
use crate::forms;
use crate::model::{Client, Plan};
use crate::tui::form::FieldSpec;
use crate::wareki;

pub fn plan_specs() -> Vec<FieldSpec> {
    declared::specs(&forms::plan_form())
}

/// The latest plan, or a new one; fields the plan leaves empty are filled
/// from the client and employment.
pub fn plan_for(client: &Client, today: NaiveDate) -> Plan {
    let mut plan = client
        .plans
        .iter()
        .max_by_key(|p| (p.created, p.id))
        .cloned()
        .unwrap_or(Plan {
            id: None,
            version: 0,
            created: today,
            reviews: Vec::new(),
            fields: Values::new(),
        });
    for (k, v) in prefilled(client, today) {
        plan.fields.entry(k).or_insert(v);
    }
    plan
}

fn prefilled(client: &Client, today: NaiveDate) -> Values {
    let mut f = Values::new();
    let mut put = |k: &str, v: String| {
        if !v.is_empty() {
            f.insert(k.to_string(), v);
        }
    };
    put("client_name", client.name.clone());
    put("kana", client.kana.clone());
    put("sex", client.sex.clone());
    if let Some(b) = client.birth_date {
        let age = today.year()
            - b.year()
            - i32::from((today.month(), today.day()) < (b.month(), b.day()));
        put("birth", format!("{}（{age}歳）", wareki::format(b)));
    }
    if let Some(e) = client.current_employment() {
        put("employer", e.employer.name.clone());
        put("industry", e.employer.industry.clone());
        put("employer_address", e.employer.address.clone());
        put("employer_phone", e.employer.phone.clone());
        put("employer_contact", e.employer.contact_person.clone());
        put(
            "employment_start",
            e.anchor().map(|d| d.to_string()).unwrap_or_default(),
        );
    }
    f
}

/// The form's values; dates in 和暦.
pub fn plan_values(p: &Plan) -> Values {
    let mut v = p.fields.clone();
    v.insert("created".into(), p.created.to_string());
    declared::shown(&forms::plan_form(), v)
}

/// The plan to save: the same record edited, or — when a 評価日 later than
/// the plan's own date is given — a new version dated that day.
pub fn plan_from_values(
    base: &Plan,
    values: &Values,
    today: NaiveDate,
) -> Result<Plan, Vec<String>> {
    let def = forms::plan_form();
    let (mut fields, mut errors) = declared::read(&def, values, today);
    errors.extend(def.validate(&fields));
    if !errors.is_empty() {
        return Err(errors);
    }
    let date = |k: &str| {
        fields
            .get(k)
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    };
    let created = date("created").unwrap_or(today);
    let evaluated = date("evaluated");
    fields.remove("created");
    let mut plan = base.clone();
    plan.fields = fields;
    plan.created = created;
    match evaluated {
        Some(e) if base.id.is_some() && e > base.created => {
            if e < created {
                return Err(vec!["評価日が作成日より前です".into()]);
            }
            // A review: a new version; the reviewed one stays as it was.
            plan.id = None;
            plan.version = 0;
            plan.created = e;
            plan.reviews = Vec::new();
        }
        _ => {}
    }
    Ok(plan)
}
