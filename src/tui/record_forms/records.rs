//! 同意, 引継ぎ and ケース会議: records that are only ever added.

use chrono::NaiveDate;

use super::{
    FieldError, FormKind, Values, check_order, date_value, flag, opt_date, req_date, text,
};
use crate::model::{AgencyKind, CaseConference, Consent, Handover};
use crate::tui::form::FieldSpec;

/// Consent scopes offered (model: `Consent::scope`).
const SCOPES: &[(&str, &str)] = &[
    ("agency_sharing", "関係機関との情報共有"),
    ("employer_report_sharing", "事業主とのレポート共有"),
];

pub fn consent_specs() -> Vec<FieldSpec> {
    vec![
        FieldSpec::choice("scope", "同意の範囲", SCOPES).required(),
        FieldSpec::date("date", "同意日").required(),
        FieldSpec::boolean("written", "書面での同意"),
        FieldSpec::date("withdrawn", "撤回日"),
    ]
}

pub fn consent_from_values(values: &Values, today: NaiveDate) -> Result<Consent, Vec<FieldError>> {
    let mut errors = Vec::new();
    let scope = text(values, "scope");
    if scope.is_empty() {
        errors.push(("scope", "必須項目です。選んでください".to_string()));
    }
    let date = req_date(values, "date", today, &mut errors);
    let withdrawn = opt_date(values, "withdrawn", today, &mut errors);
    check_order(
        &mut errors,
        (date, "同意日"),
        (withdrawn, "withdrawn", "撤回日"),
    );
    match (date, errors.is_empty()) {
        (Some(date), true) => Ok(Consent {
            version: 0,
            id: None,
            scope,
            date,
            written: flag(values, "written"),
            withdrawn,
        }),
        _ => Err(errors),
    }
}

pub fn handover_specs() -> Vec<FieldSpec> {
    vec![
        FieldSpec::text("agency", "引継ぎ先（関係機関）", 60).required(),
        FieldSpec::date("date", "引継ぎ日").required(),
        FieldSpec::boolean("consent", "本人の同意"),
        FieldSpec::multiline("shared", "共有した内容", 2000),
    ]
}

pub fn handover_from_values(
    values: &Values,
    today: NaiveDate,
) -> Result<Handover, Vec<FieldError>> {
    let mut errors = Vec::new();
    let agency = text(values, "agency");
    if agency.is_empty() {
        errors.push(("agency", "必須項目です。入力してください".to_string()));
    }
    let date = req_date(values, "date", today, &mut errors);
    match (date, errors.is_empty()) {
        (Some(date), true) => Ok(Handover {
            id: None,
            date,
            agency,
            shared: values
                .get("shared")
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
            consent: flag(values, "consent"),
        }),
        _ => Err(errors),
    }
}

fn agency_field(k: AgencyKind) -> String {
    format!("agency_{}", k.as_str())
}

pub fn conference_specs() -> Vec<FieldSpec> {
    let mut specs = vec![FieldSpec::date("date", "開催日").required()];
    for &k in AgencyKind::ALL {
        specs.push(FieldSpec::boolean(&agency_field(k), k.label()));
    }
    specs.extend([
        FieldSpec::boolean("online", "オンライン開催"),
        FieldSpec::boolean("manager_attended", "サビ管が出席"),
        FieldSpec::boolean("manager_informed", "サビ管へ結果を共有"),
        FieldSpec::multiline("notes", "記録", 2000),
    ]);
    specs
}

pub fn conference_from_values(
    values: &Values,
    today: NaiveDate,
) -> Result<CaseConference, Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = req_date(values, "date", today, &mut errors);
    let agencies: Vec<AgencyKind> = AgencyKind::ALL
        .iter()
        .copied()
        .filter(|&k| flag(values, &agency_field(k)))
        .collect();
    if agencies.is_empty() {
        errors.push((
            "agency_life_support_center",
            "参加した関係機関を一つ以上選んでください（000 §2(3)）".to_string(),
        ));
    }
    match (date, errors.is_empty()) {
        (Some(date), true) => Ok(CaseConference {
            id: None,
            date,
            agencies,
            online: flag(values, "online"),
            manager_attended: flag(values, "manager_attended"),
            manager_informed: flag(values, "manager_informed"),
            notes: values
                .get("notes")
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
        }),
        _ => Err(errors),
    }
}

/// Starting values of the add-only forms: dated today; a handover assumes
/// consent was obtained (the usual case; the box can be cleared).
pub fn record_defaults(kind: FormKind, today: NaiveDate) -> Values {
    let mut v = Values::new();
    v.insert("date".into(), date_value(Some(today)));
    match kind {
        FormKind::Consent => {
            v.insert("scope".into(), SCOPES[0].0.into());
            v.insert("written".into(), "true".into());
        }
        FormKind::Handover => {
            v.insert("consent".into(), "true".into());
        }
        _ => {}
    }
    v
}
