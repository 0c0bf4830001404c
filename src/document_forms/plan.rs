//! The 就労定着支援計画書 (別紙様式2) as a document: its values for the
//! exports. Pure; the editor (TUI) and the exports read the same values.

use chrono::NaiveDate;

use super::identity_fields;
use super::{FormDef, Values};
use crate::model::Letterhead;
use crate::model::{Client, Plan, RecordId};

/// The plan's values for printing: its fields, 作成日, the latest 評価日
/// when the plan does not name one, and the identity fields filled from
/// the records where the plan leaves them empty (the age on the plan's
/// date).
pub(crate) fn document(
    def: &FormDef,
    client: &Client,
    p: &Plan,
    letterhead: &Letterhead,
) -> Values {
    let mut v = p.fields.clone();
    v.insert("created".into(), p.created.to_string());
    if let Some(last) = p.reviews.last() {
        v.entry("evaluated".into())
            .or_insert_with(|| last.to_string());
    }
    identity_fields::fill(def, &mut v, client, letterhead, p.created);
    v
}

/// The latest plan, or a new one dated `today`, with its identity fields
/// filled where they are empty: what the editor starts from. The age is
/// today's: what is written now is a new plan or a review dated about now.
pub(crate) fn plan_for(
    def: &FormDef,
    client: &Client,
    letterhead: &Letterhead,
    today: NaiveDate,
) -> Plan {
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
    identity_fields::fill(def, &mut plan.fields, client, letterhead, today);
    plan
}

/// The 同意 section (data/forms/plan.toml): 本人への説明・同意日, the names
/// signed under it and the 相談支援専門員等への報告日. Each version of a
/// plan is explained, agreed to and reported on its own (000 §1(6)), so a
/// review does not inherit them.
pub(crate) const CONSENT_FIELDS: [&str; 4] = [
    "consent_date",
    "consent_client",
    "consent_family",
    "report_date",
];

/// The approval boxes over the form's header (管理者・サービス管理責任者・
/// 就労支援員): each version is approved on its own, like its consent.
pub(crate) const APPROVAL_FIELDS: [&str; 3] =
    ["approval_manager", "approval_coordinator", "approval_staff"];

/// A review's new version: drop from `fields` the consent and approval
/// values still as the reviewed version had them (`reviewed`); a value
/// entered anew stays.
pub(crate) fn clear_reviewed_consent(fields: &mut Values, reviewed: &Values) {
    for &id in CONSENT_FIELDS.iter().chain(&APPROVAL_FIELDS) {
        let old = reviewed.get(id).map(|s| s.trim());
        if fields.get(id).map(|s| s.trim()) == old {
            fields.remove(id);
        }
    }
}

/// Which version of the client's plans `p` is: 1 for the first (by 作成日,
/// then row id, as `export plan --version` counts); a plan not yet saved
/// comes after every saved one.
pub(crate) fn version_of(client: &Client, p: &Plan) -> usize {
    version_at(client, p.created, p.id)
}

/// `version_of` the plan dated `created` in row `id` (`None`: not saved).
fn version_at(client: &Client, created: NaiveDate, id: Option<RecordId>) -> usize {
    let earlier = client
        .plans
        .iter()
        .filter(|q| q.id.is_some() && q.id != id)
        .filter(|q| id.is_none() || (q.created, q.id) < (created, id))
        .count();
    earlier + 1
}

/// Which 見直し the plan's day `date` (its 作成日, or a 見直し日 recorded
/// on it) of plan row `id` is: 0 for the first plan's 作成, then 1, 2, …
/// counting every later 作成日 and 見直し日 of every plan in the order the
/// deadlines chain them (`obligations::plan_dates`, ret.plan_review). A
/// plan not yet saved (`id` `None`) comes after the saved days of its day.
pub(crate) fn review_number(client: &Client, date: NaiveDate, id: Option<RecordId>) -> usize {
    crate::obligations::plan_dates(client)
        .into_iter()
        .filter(|&(d, i)| match id {
            Some(_) => (d, i) < (date, id),
            None => d <= date,
        })
        .count()
}

/// 「見直し5回目・第2版」: the plan dated `created` in row `id` as every
/// screen and document names a version after the first (the version
/// counts plans, the 見直し every review of the chain).
pub(crate) fn review_name(client: &Client, created: NaiveDate, id: Option<RecordId>) -> String {
    format!(
        "見直し{}回目・第{}版",
        review_number(client, created, id),
        version_at(client, created, id)
    )
}

/// The document's title: a version after the first is a 見直し.
pub(crate) fn title(def: &FormDef, version: usize) -> String {
    if version > 1 {
        format!("{}（見直し）", def.title)
    } else {
        def.title.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(id: i64, created: &str) -> Plan {
        Plan {
            id: Some(crate::model::RecordId::new(id)),
            version: 1,
            created: NaiveDate::parse_from_str(created, "%Y-%m-%d").expect("date"),
            reviews: Vec::new(),
            fields: Values::new(),
        }
    }

    #[test]
    fn the_consent_fields_are_the_forms_own() {
        let ids: Vec<String> = crate::document_forms::plan_form()
            .all_fields()
            .into_iter()
            .map(|f| f.id)
            .collect();
        for id in CONSENT_FIELDS.iter().chain(&APPROVAL_FIELDS) {
            assert!(ids.iter().any(|i| i == id), "{id} is not in plan.toml");
        }
    }

    #[test]
    fn a_review_drops_the_copied_consent_and_keeps_a_new_one() {
        let reviewed: Values = [
            ("consent_date", "2026-03-10"),
            ("consent_client", "佐藤 健一"),
            ("report_date", "2026-03-12"),
            ("approval_manager", "小林"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mut fields = reviewed.clone();
        fields.insert("report_date".into(), "2026-09-20".into());
        fields.insert("needs".into(), "続けて働きたい".into());
        clear_reviewed_consent(&mut fields, &reviewed);
        assert_eq!(fields.get("consent_date"), None);
        assert_eq!(fields.get("consent_client"), None);
        assert_eq!(fields.get("approval_manager"), None);
        assert_eq!(
            fields.get("report_date").map(String::as_str),
            Some("2026-09-20")
        );
        assert_eq!(
            fields.get("needs").map(String::as_str),
            Some("続けて働きたい")
        );
    }

    #[test]
    fn versions_count_from_the_first_and_later_ones_are_reviews() {
        let mut c: Client = serde_json::from_value(serde_json::json!({
            "external_id": "C001", "name": "山田 太郎"
        }))
        .expect("client");
        c.plans = vec![plan(7, "2026-09-04"), plan(3, "2026-03-05")];
        let def = crate::document_forms::plan_form();
        assert_eq!(version_of(&c, &c.plans[1]), 1);
        assert_eq!(version_of(&c, &c.plans[0]), 2);
        let new = Plan {
            id: None,
            ..plan(0, "2027-03-01")
        };
        assert_eq!(version_of(&c, &new), 3);
        assert_eq!(title(&def, 1), "就労定着支援計画書");
        assert_eq!(title(&def, 2), "就労定着支援計画書（見直し）");
    }

    #[test]
    fn reviews_count_every_day_of_the_chain_and_versions_count_plans() {
        let mut c: Client = serde_json::from_value(serde_json::json!({
            "external_id": "C001", "name": "山田 太郎"
        }))
        .expect("client");
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        // One plan reviewed four times on its own record, then a new version.
        let mut first = plan(3, "2026-03-05");
        first.reviews = ["2026-09-01", "2027-03-01", "2027-09-01", "2028-03-01"]
            .map(d)
            .to_vec();
        c.plans = vec![plan(7, "2028-08-01"), first];
        let (second, first) = (&c.plans[0], &c.plans[1]);
        assert_eq!(review_number(&c, first.created, first.id), 0);
        assert_eq!(review_number(&c, d("2027-03-01"), first.id), 2);
        assert_eq!(
            review_name(&c, second.created, second.id),
            "見直し5回目・第2版"
        );
        // Saving another review now: the sixth, the third version.
        assert_eq!(review_name(&c, d("2028-09-01"), None), "見直し6回目・第3版");
        // The deadlines chain the same days: as many reviews as named.
        assert_eq!(crate::obligations::plan_dates(&c).len(), 6);
    }
}
