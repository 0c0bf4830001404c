//! Registering a new client with their employment in one form: what a case
//! worker knows on the day of the job decision. Checked by the rule set
//! (`crate::validate`) as an import is, so the messages are the same.

use chrono::NaiveDate;

use super::{FieldError, Values};
use crate::date_input::parse_date_input;
use crate::model::{Client, Disclosure, Employer, Employment, Intent, SupportType};
use crate::tui::form_editor::FieldSpec;

pub(crate) fn new_client_specs(staff: &[crate::model::Staff]) -> Vec<FieldSpec> {
    let types: Vec<(&str, &str)> = SupportType::ALL
        .iter()
        .map(|t| (t.as_str(), t.label()))
        .collect();
    let intents: Vec<(&str, &str)> = Intent::ALL
        .iter()
        .map(|t| (t.as_str(), t.label()))
        .collect();
    use crate::fields::{client as c, employment as e};
    vec![
        FieldSpec::of("external_id", &c::EXTERNAL_ID),
        FieldSpec::of("name", &c::NAME),
        FieldSpec::of("kana", &c::KANA),
        FieldSpec::of("municipality", &c::MUNICIPALITY),
        super::client_employment::assigned_staff_spec(staff, None),
        FieldSpec::of("employer", &e::EMPLOYER_NAME),
        FieldSpec::choice_of("support_type", &e::SUPPORT_TYPE, &types),
        FieldSpec::of("decision_date", &e::DECISION_DATE),
        FieldSpec::of("start_date", &e::START_DATE),
        FieldSpec::of("prior_service_end_date", &e::PRIOR_SERVICE_END_DATE),
        FieldSpec::choice_of("intent", &e::INTENT, &intents),
    ]
}

/// The new-client form's first values: the 担当 is the person entering
/// the client when they are registered staff (a login that is not would
/// be refused on save: nobody's deadlines would show the client).
pub(crate) fn new_client_defaults(user: &str, registered: bool) -> Values {
    let mut v = Values::new();
    if registered {
        v.insert("assigned_staff".into(), user.to_string());
    }
    v.insert("support_type".into(), SupportType::Standard.as_str().into());
    v.insert("intent".into(), Intent::Unknown.as_str().into());
    v
}

/// The client to register, or the problems (field id, Japanese message).
pub(crate) fn new_client_from_values(
    values: &Values,
    today: NaiveDate,
) -> Result<Client, Vec<FieldError>> {
    let get = |k: &str| {
        values
            .get(k)
            .map(|s| crate::text::trim_input(s).to_string())
            .unwrap_or_default()
    };
    let mut errors: Vec<FieldError> = Vec::new();
    let mut date = |k: &'static str| -> Option<NaiveDate> {
        let s = get(k);
        if s.is_empty() {
            return None;
        }
        parse_date_input(&s, today)
            .map_err(|e| errors.push((k, e.to_string())))
            .ok()
    };
    let (decision, start, prior) = (
        date("decision_date"),
        date("start_date"),
        date("prior_service_end_date"),
    );
    let employment = Employment {
        id: None,
        version: 0,
        employer: Employer {
            name: get("employer"),
            ..Employer::default()
        },
        support_type: SupportType::parse(&get("support_type")).unwrap_or(SupportType::Standard),
        decision_date: decision,
        start_date: start,
        prior_service_end_date: prior,
        intent: Intent::parse(&get("intent")).unwrap_or(Intent::Unknown),
        retention_start_date: None,
        separation_date: None,
        separation_reason: None,
        fields: Default::default(),
    };
    let staff = get("assigned_staff");
    let client = Client {
        id: None,
        version: 0,
        external_id: get("external_id"),
        name: get("name"),
        kana: get("kana"),
        birth_date: None,
        sex: String::new(),
        certificate_no: String::new(),
        certificate_expires: None,
        municipality: get("municipality"),
        job_coach_subsidy_months: Vec::new(),
        certificate_from: None,
        certificate_history: Vec::new(),
        disclosure: Disclosure::Open,
        needs_continuing_support: false,
        assigned_staff: (!staff.is_empty()).then_some(staff),
        fields: Default::default(),
        employments: vec![employment],
        contacts: Vec::new(),
        reports: Vec::new(),
        plans: Vec::new(),
        consents: Vec::new(),
        handovers: Vec::new(),
        conferences: Vec::new(),
        resolutions: Vec::new(),
        closure: None,
    };
    // The rule set, as import and the store apply it.
    super::rule_errors(
        crate::validate::client_case(&client, today),
        &[
            ("external_id", "external_id"),
            ("name", "name"),
            ("kana", "kana"),
            ("assigned_staff", "assigned_staff"),
            ("employments[0].employer.name", "employer"),
            ("employments[0].decision_date", "decision_date"),
            ("employments[0].start_date", "start_date"),
            (
                "employments[0].prior_service_end_date",
                "prior_service_end_date",
            ),
        ],
        &mut errors,
    );
    if errors.is_empty() {
        Ok(client)
    } else {
        Err(errors)
    }
}
