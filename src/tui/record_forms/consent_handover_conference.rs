//! 同意, 引継ぎ and ケース会議: added with these forms, and corrected with
//! the same forms filled from the saved record.

use chrono::NaiveDate;

use super::{
    FieldError, FormKind, Values, date_value, flag, opt_date, req_date, rule_errors, text,
};
use crate::fields::{conference as kf, consent as cf, handover as hf};
use crate::model::{AgencyKind, CaseConference, Consent, Handover, ObligationId};
use crate::tui::form_editor::FieldSpec;
use crate::validate;

/// Consent scopes offered (model: `Consent::scope`).
const SCOPES: &[(&str, &str)] = &[
    ("agency_sharing", "関係機関との情報共有"),
    ("employer_report_sharing", "事業主とのレポート共有"),
];

pub(crate) fn consent_specs() -> Vec<FieldSpec> {
    vec![
        FieldSpec::choice_of("scope", &cf::SCOPE, SCOPES),
        FieldSpec::of("date", &cf::DATE),
        FieldSpec::of("written", &cf::WRITTEN),
        FieldSpec::of("withdrawn", &cf::WITHDRAWN),
    ]
}

/// A saved consent as the form shows it.
pub(crate) fn consent_values(c: &Consent) -> Values {
    let mut v = Values::new();
    v.insert("scope".into(), c.scope.clone());
    v.insert("date".into(), date_value(Some(c.date)));
    v.insert("written".into(), c.written.to_string());
    v.insert("withdrawn".into(), date_value(c.withdrawn));
    v
}

pub(crate) fn consent_from_values(
    values: &Values,
    today: NaiveDate,
) -> Result<Consent, Vec<FieldError>> {
    let mut errors = Vec::new();
    let scope = text(values, "scope");
    if scope.is_empty() {
        errors.push(("scope", "必須項目です。選んでください".to_string()));
    }
    let date = req_date(values, "date", today, &mut errors);
    let withdrawn = opt_date(values, "withdrawn", today, &mut errors);
    // A date that could not be read stands in as today: every problem is
    // said at once, and `rule_errors` leaves out the placeholder's own.
    let date = date.unwrap_or(today);
    let consent = Consent {
        version: 0,
        id: None,
        scope,
        date,
        written: flag(values, "written"),
        withdrawn,
    };
    rule_errors(
        validate::consent(&consent, today),
        &[
            ("scope", "scope"),
            ("date", "date"),
            ("withdrawn", "withdrawn"),
        ],
        &mut errors,
    );
    if errors.is_empty() {
        Ok(consent)
    } else {
        Err(errors)
    }
}

/// The steps a 引継ぎ record can complete: (form field, obligation id, label).
const HANDOVER_STEPS: &[(&str, ObligationId, &str)] = &[
    (
        "link_m6",
        ObligationId::M6_HANDOVER,
        "6月目の定着支援への引継ぎ",
    ),
    (
        "link_end",
        ObligationId::END_HANDOVER_SHARE,
        "支援終了前の関係機関との共有",
    ),
];

pub(crate) fn handover_specs() -> Vec<FieldSpec> {
    let mut specs = vec![
        FieldSpec::of("agency", &hf::AGENCY),
        FieldSpec::of("date", &hf::DATE),
        FieldSpec::of("consent", &hf::CONSENT),
        FieldSpec::of("shared", &hf::SHARED),
    ];
    for (field, _, label) in HANDOVER_STEPS {
        specs.push(FieldSpec::boolean(field, label));
    }
    specs
}

/// A saved handover as the form shows it, its completed steps ticked.
pub(crate) fn handover_values(h: &Handover) -> Values {
    let mut v = Values::new();
    v.insert("agency".into(), h.agency.clone());
    v.insert("date".into(), date_value(Some(h.date)));
    v.insert("consent".into(), h.consent.to_string());
    v.insert("shared".into(), h.shared.clone());
    for (field, id, _) in HANDOVER_STEPS {
        let done = h.obligations.contains(id);
        v.insert((*field).into(), done.to_string());
    }
    v
}

pub(crate) fn handover_from_values(
    values: &Values,
    today: NaiveDate,
) -> Result<Handover, Vec<FieldError>> {
    let mut errors = Vec::new();
    let agency = text(values, "agency");
    let date = req_date(values, "date", today, &mut errors).unwrap_or(today);
    let handover = Handover {
        id: None,
        version: 0,
        date,
        agency,
        shared: values
            .get("shared")
            .map(|s| crate::text::trim_input(s).to_string())
            .unwrap_or_default(),
        consent: flag(values, "consent"),
        obligations: HANDOVER_STEPS
            .iter()
            .filter(|(field, _, _)| flag(values, field))
            .map(|(_, id, _)| *id)
            .collect(),
    };
    rule_errors(
        validate::handover(&handover, today),
        &[("date", "date"), ("agency", "agency"), ("shared", "shared")],
        &mut errors,
    );
    if errors.is_empty() {
        Ok(handover)
    } else {
        Err(errors)
    }
}

fn agency_field(k: AgencyKind) -> String {
    format!("agency_{}", k.as_str())
}

pub(crate) fn conference_specs() -> Vec<FieldSpec> {
    let mut specs = vec![FieldSpec::of("date", &kf::DATE)];
    for &k in AgencyKind::ALL {
        specs.push(FieldSpec::boolean(&agency_field(k), k.label()));
    }
    specs.extend([
        FieldSpec::of("online", &kf::ONLINE),
        FieldSpec::of("manager_attended", &kf::MANAGER_ATTENDED),
        FieldSpec::of("manager_informed", &kf::MANAGER_INFORMED),
        FieldSpec::of("notes", &kf::NOTES),
    ]);
    specs
}

/// A saved case conference as the form shows it.
pub(crate) fn conference_values(k: &CaseConference) -> Values {
    let mut v = Values::new();
    v.insert("date".into(), date_value(Some(k.date)));
    for &a in AgencyKind::ALL {
        v.insert(agency_field(a), k.agencies.contains(&a).to_string());
    }
    v.insert("online".into(), k.online.to_string());
    v.insert("manager_attended".into(), k.manager_attended.to_string());
    v.insert("manager_informed".into(), k.manager_informed.to_string());
    v.insert("notes".into(), k.notes.clone());
    v
}

pub(crate) fn conference_from_values(
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
    let date = date.unwrap_or(today);
    let conference = CaseConference {
        id: None,
        version: 0,
        date,
        agencies,
        online: flag(values, "online"),
        manager_attended: flag(values, "manager_attended"),
        manager_informed: flag(values, "manager_informed"),
        notes: values
            .get("notes")
            .map(|s| crate::text::trim_input(s).to_string())
            .unwrap_or_default(),
    };
    rule_errors(
        validate::conference(&conference, today),
        &[("date", "date"), ("notes", "notes")],
        &mut errors,
    );
    if errors.is_empty() {
        Ok(conference)
    } else {
        Err(errors)
    }
}

/// Starting values of the add-only forms: dated today; a handover assumes
/// consent was obtained (the usual case; the box can be cleared).
pub(crate) fn record_defaults(kind: FormKind, today: NaiveDate) -> Values {
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
