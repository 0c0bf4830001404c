//! The 就労定着支援計画書 (別紙様式2) in the generic form editor. A plan
//! is edited in place until it is reviewed: saving with a new 評価日 makes a
//! new version (a new plan record dated that day), so earlier versions stay
//! readable and exportable, and the engine sees the review (000 §1(6)).
//! What the editor starts from (the latest plan, identity filled from the
//! records) is `document_forms::plan::plan_for`. The new version starts without the
//! reviewed one's consent (同意日 and the rest of the 同意 section).

use chrono::NaiveDate;

use super::{Values, declared};
use crate::date_input::parse_date_input;
use crate::document_forms::{self, FormDef, identity_fields};
use crate::model::{Client, Plan, RecordId};
use crate::tui::form_editor::FieldSpec;

pub(crate) fn plan_specs() -> Vec<FieldSpec> {
    declared::specs(&document_forms::plan_form())
}

/// Plan `id` of `client` as the editor starts from it to correct that
/// version: empty identity fields filled as of the plan's own date.
pub(crate) fn plan_to_edit(
    def: &FormDef,
    client: &Client,
    id: RecordId,
    letterhead: &crate::model::Letterhead,
) -> Option<Plan> {
    let mut plan = client.plans.iter().find(|p| p.id == Some(id))?.clone();
    identity_fields::fill(def, &mut plan.fields, client, letterhead, plan.created);
    Some(plan)
}

/// The form's values; dates in 和暦.
pub(crate) fn plan_values(p: &Plan) -> Values {
    let mut v = p.fields.clone();
    v.insert("created".into(), p.created.to_string());
    declared::shown(&document_forms::plan_form(), v)
}

/// The plan to save: the same record edited, or — when a 評価日 later than
/// the plan's own date is given — a new version dated that day.
pub(crate) fn plan_from_values(
    base: &Plan,
    values: &Values,
    today: NaiveDate,
) -> Result<Plan, Vec<String>> {
    let def = document_forms::plan_form();
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
        Some(e) if reviews(base, e) => {
            if e < created {
                return Err(vec!["評価日が作成日より前です".into()]);
            }
            // A review: a new version; the reviewed one stays as it was,
            // and the new one waits for its own consent.
            plan.id = None;
            plan.version = 0;
            plan.created = e;
            plan.reviews = Vec::new();
            document_forms::plan::clear_reviewed_consent(&mut plan.fields, &base.fields);
        }
        _ => {}
    }
    Ok(plan)
}

/// A 評価日 `e` reviews `base`: the plan is saved and `e` is after its 作成日.
fn reviews(base: &Plan, e: NaiveDate) -> bool {
    base.id.is_some() && e > base.created
}

fn evaluated(values: &Values, today: NaiveDate) -> Option<NaiveDate> {
    values
        .get("evaluated")
        .and_then(|s| parse_date_input(s.trim(), today).ok())
}

/// 「見直し5回目・第2版」 when saving `values` makes a new version.
pub(crate) fn new_version_name(
    client: &Client,
    base: &Plan,
    values: &Values,
    today: NaiveDate,
) -> Option<String> {
    let e = evaluated(values, today).filter(|&e| reviews(base, e))?;
    Some(document_forms::plan::review_name(client, e, None))
}

/// The editor's title: 作成, or the 見直し it saves — a new version (a
/// 評価日 after the plan's 作成日; it follows the 評価日 as it is typed) or
/// a version after the first — named as every screen names it.
pub(crate) fn plan_title(
    client: &Client,
    base: &Plan,
    values: &Values,
    today: NaiveDate,
) -> String {
    let what = match new_version_name(client, base, values, today) {
        Some(name) => name,
        None if document_forms::plan::version_of(client, base) > 1 => {
            document_forms::plan::review_name(client, base.created, base.id)
        }
        None => "作成".to_string(),
    };
    format!(
        "{}（{what}） — {}",
        super::FormKind::Plan.title(),
        super::client_title(client)
    )
}
