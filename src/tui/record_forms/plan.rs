//! The 就労定着支援計画書 (別紙様式2) in the generic form editor. A plan
//! is edited in place until it is reviewed: saving with a new 評価日 makes a
//! new version (a new plan record dated that day), so earlier versions stay
//! readable and exportable, and the engine sees the review (000 §1(6)).
//! What the editor starts from (the latest plan, identity filled from the
//! records) is `forms::plan::plan_for`.

use chrono::NaiveDate;

use super::{Values, declared};
use crate::forms::{self, FormDef, identity};
use crate::model::{Client, Plan};
use crate::tui::form::FieldSpec;

pub fn plan_specs() -> Vec<FieldSpec> {
    declared::specs(&forms::plan_form())
}

/// Plan `id` of `client` as the editor starts from it to correct that
/// version: empty identity fields filled as of the plan's own date.
pub(crate) fn plan_to_edit(
    def: &FormDef,
    client: &Client,
    id: i64,
    letterhead: &identity::Letterhead,
) -> Option<Plan> {
    let mut plan = client.plans.iter().find(|p| p.id == Some(id))?.clone();
    identity::fill(def, &mut plan.fields, client, letterhead, plan.created);
    Some(plan)
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
