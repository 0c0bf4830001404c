//! 利用者 (client) and 就職 (employment) forms. Both edit an existing row:
//! the caller keeps the loaded record (with its version) and the values
//! are applied on top of it, so fields the form does not show are kept.

use chrono::NaiveDate;

use super::{FieldError, Values, date_value, flag, get, opt_date, text};
use crate::model::{Client, Disclosure, Employer, Employment, Intent, Staff, SupportType};
use crate::tui::form_editor::FieldSpec;

/// The 担当者 field: a choice among the registered staff, so a typo or a
/// name cannot take a client out of everyone's deadlines. A stored login
/// that is not registered stays as a choice of its own, marked, so it can
/// be kept on purpose. An office with no staff registered yet types any
/// login.
pub(super) fn assigned_staff_spec(staff: &[Staff], stored: Option<&str>) -> FieldSpec {
    use crate::fields::client as c;
    if staff.is_empty() {
        return FieldSpec::of("assigned_staff", &c::ASSIGNED_STAFF);
    }
    let mut choices: Vec<(String, String)> = staff
        .iter()
        .map(|s| {
            (
                s.login.clone(),
                format!("{}（{}）", s.display_name, s.login),
            )
        })
        .collect();
    if let Some(login) = stored.filter(|l| !l.is_empty() && !staff.iter().any(|s| s.login == *l)) {
        choices.push((
            login.to_string(),
            format!("{login}（職員に未登録: 期限一覧に出ません）"),
        ));
    }
    let refs: Vec<(&str, &str)> = choices
        .iter()
        .map(|(i, l)| (i.as_str(), l.as_str()))
        .collect();
    FieldSpec::choice_of("assigned_staff", &c::ASSIGNED_STAFF, &refs)
}

fn pairs<T: Copy>(
    all: &[T],
    id: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|&v| (id(v), label(v))).collect()
}

pub(crate) fn client_specs(staff: &[Staff], stored: Option<&str>) -> Vec<FieldSpec> {
    use crate::fields::client as c;
    vec![
        FieldSpec::of("external_id", &c::EXTERNAL_ID),
        FieldSpec::of("name", &c::NAME),
        FieldSpec::of("kana", &c::KANA),
        FieldSpec::of("sex", &c::SEX),
        FieldSpec::of("birth_date", &c::BIRTH_DATE),
        FieldSpec::of("certificate_renew", &c::CERTIFICATE_RENEW),
        FieldSpec::of("certificate_no", &c::CERTIFICATE_NO),
        FieldSpec::of("certificate_from", &c::CERTIFICATE_FROM),
        FieldSpec::of("certificate_expires", &c::CERTIFICATE_EXPIRES),
        FieldSpec::of("municipality", &c::MUNICIPALITY),
        FieldSpec::of("job_coach_subsidy_months", &c::JOB_COACH_MONTHS),
        FieldSpec::choice_of(
            "disclosure",
            &c::DISCLOSURE,
            &pairs(Disclosure::ALL, Disclosure::as_str, Disclosure::label),
        ),
        FieldSpec::of("needs_continuing_support", &c::NEEDS_CONTINUING_SUPPORT),
        assigned_staff_spec(staff, stored),
    ]
}

pub(crate) fn client_values(c: &Client) -> Values {
    let mut v = Values::new();
    v.insert("external_id".into(), c.external_id.clone());
    v.insert("name".into(), c.name.clone());
    v.insert("kana".into(), c.kana.clone());
    v.insert("sex".into(), c.sex.clone());
    v.insert("birth_date".into(), date_value(c.birth_date));
    v.insert("certificate_no".into(), c.certificate_no.clone());
    v.insert(
        "certificate_expires".into(),
        date_value(c.certificate_expires),
    );
    v.insert("certificate_from".into(), date_value(c.certificate_from));
    v.insert("certificate_renew".into(), false.to_string());
    v.insert("municipality".into(), c.municipality.clone());
    v.insert(
        "job_coach_subsidy_months".into(),
        c.job_coach_subsidy_months
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" "),
    );
    v.insert("disclosure".into(), c.disclosure.as_str().into());
    v.insert(
        "needs_continuing_support".into(),
        c.needs_continuing_support.to_string(),
    );
    v.insert(
        "assigned_staff".into(),
        c.assigned_staff.clone().unwrap_or_default(),
    );
    v
}

/// The client form's fields, named as the record names them.
const CLIENT_FIELDS: [(&str, &str); 10] = [
    ("external_id", "external_id"),
    ("name", "name"),
    ("kana", "kana"),
    ("sex", "sex"),
    ("birth_date", "birth_date"),
    ("certificate_no", "certificate_no"),
    ("certificate_expires", "certificate_expires"),
    ("certificate_from", "certificate_from"),
    ("municipality", "municipality"),
    ("assigned_staff", "assigned_staff"),
];

/// The employment form's fields, named as the record names them.
pub(super) const EMPLOYMENT_FIELDS: [(&str, &str); 13] = [
    ("employer.name", "employer_name"),
    ("employer.industry", "industry"),
    ("employer.address", "employer_address"),
    ("employer.phone", "employer_phone"),
    ("employer.contact_person", "contact_person"),
    ("decision_date", "decision_date"),
    ("start_date", "start_date"),
    ("prior_service_end_date", "prior_service_end_date"),
    ("retention_start_date", "retention_start_date"),
    ("separation_date", "separation_date"),
    ("separation_reason", "separation_reason"),
    ("support_type", "support_type"),
    ("intent", "intent"),
];

/// `base` (as loaded, version included) with the form's values applied.
pub(crate) fn client_from_values(
    base: &Client,
    values: &Values,
    today: NaiveDate,
) -> Result<Client, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut c = base.clone();
    c.external_id = text(values, "external_id");
    c.name = text(values, "name");
    c.kana = text(values, "kana");
    c.sex = text(values, "sex");
    c.birth_date = opt_date(values, "birth_date", today, &mut errors);
    c.certificate_no = text(values, "certificate_no");
    c.certificate_expires = opt_date(values, "certificate_expires", today, &mut errors);
    c.certificate_from = opt_date(values, "certificate_from", today, &mut errors);
    // A renewal keeps the 受給者証 as it was in the history; the form's
    // values are the new one's.
    if flag(values, "certificate_renew") {
        let old = base.current_certificate();
        if old == c.current_certificate() {
            errors.push((
                "certificate_renew",
                "更新するときは、新しい受給者証の番号・支給決定期間を入力してください".to_string(),
            ));
        } else {
            c.certificate_history.push(old);
        }
    }
    c.municipality = text(values, "municipality");
    match crate::dates::YearMonth::parse_list(get(values, "job_coach_subsidy_months")) {
        Ok(months) => c.job_coach_subsidy_months = months,
        Err(e) => errors.push(("job_coach_subsidy_months", e)),
    }
    match Disclosure::parse(get(values, "disclosure")) {
        Some(d) => c.disclosure = d,
        None => errors.push(("disclosure", "必須項目です。選んでください".to_string())),
    }
    c.needs_continuing_support = flag(values, "needs_continuing_support");
    let staff = text(values, "assigned_staff");
    c.assigned_staff = (!staff.is_empty()).then_some(staff);
    // Every problem at once: a date that could not be read stands empty,
    // and the rules' problems about it are left out.
    super::rule_errors(
        crate::validate::client(&c, today),
        &CLIENT_FIELDS,
        &mut errors,
    );
    if errors.is_empty() {
        Ok(c)
    } else {
        Err(errors)
    }
}

/// The employment form's 離職日 and 離職の理由 (the 離職 key's fields).
pub(crate) const SEPARATION_DATE: &str = "separation_date";
pub(crate) const SEPARATION_REASON: &str = "separation_reason";

pub(crate) fn employment_specs() -> Vec<FieldSpec> {
    use crate::fields::employment as e;
    vec![
        FieldSpec::of("employer_name", &e::EMPLOYER_NAME),
        FieldSpec::of("industry", &e::INDUSTRY),
        FieldSpec::of("employer_address", &e::ADDRESS),
        FieldSpec::of("employer_phone", &e::PHONE),
        FieldSpec::of("contact_person", &e::CONTACT_PERSON),
        FieldSpec::choice_of(
            "support_type",
            &e::SUPPORT_TYPE,
            &pairs(SupportType::ALL, SupportType::as_str, SupportType::label),
        ),
        FieldSpec::of("decision_date", &e::DECISION_DATE),
        FieldSpec::of("start_date", &e::START_DATE),
        FieldSpec::of("prior_service_end_date", &e::PRIOR_SERVICE_END_DATE),
        FieldSpec::choice_of(
            "intent",
            &e::INTENT,
            &pairs(Intent::ALL, Intent::as_str, Intent::label),
        ),
        FieldSpec::of("retention_start_date", &e::RETENTION_START_DATE),
        FieldSpec::of(SEPARATION_DATE, &e::SEPARATION_DATE),
        FieldSpec::of(SEPARATION_REASON, &e::SEPARATION_REASON),
    ]
}

pub(crate) fn employment_values(e: &Employment) -> Values {
    let mut v = Values::new();
    v.insert("employer_name".into(), e.employer.name.clone());
    v.insert("industry".into(), e.employer.industry.clone());
    v.insert("employer_address".into(), e.employer.address.clone());
    v.insert("employer_phone".into(), e.employer.phone.clone());
    v.insert("contact_person".into(), e.employer.contact_person.clone());
    v.insert("support_type".into(), e.support_type.as_str().into());
    v.insert("decision_date".into(), date_value(e.decision_date));
    v.insert("start_date".into(), date_value(e.start_date));
    v.insert(
        "prior_service_end_date".into(),
        date_value(e.prior_service_end_date),
    );
    v.insert("intent".into(), e.intent.as_str().into());
    v.insert(
        "retention_start_date".into(),
        date_value(e.retention_start_date),
    );
    v.insert("separation_date".into(), date_value(e.separation_date));
    v.insert(
        "separation_reason".into(),
        e.separation_reason.clone().unwrap_or_default(),
    );
    v
}

/// A new employment's starting values: 通常, intent not yet asked.
pub(crate) fn new_employment_values() -> Values {
    let mut v = Values::new();
    v.insert("support_type".into(), SupportType::Standard.as_str().into());
    v.insert("intent".into(), Intent::Unknown.as_str().into());
    v
}

/// `base` (the loaded employment, or a new one) with the values applied.
/// The dates must follow the flow: decision ≤ 就職日 < 定着支援の開始日,
/// and 離職日 not before 就職日.
pub(crate) fn employment_from_values(
    base: Option<&Employment>,
    values: &Values,
    today: NaiveDate,
) -> Result<Employment, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = text(values, "employer_name");
    let support_type = SupportType::parse(get(values, "support_type"));
    if support_type.is_none() {
        errors.push(("support_type", "必須項目です。選んでください".to_string()));
    }
    let intent = Intent::parse(get(values, "intent"));
    if intent.is_none() {
        errors.push(("intent", "必須項目です。選んでください".to_string()));
    }
    let decision = opt_date(values, "decision_date", today, &mut errors);
    let start = opt_date(values, "start_date", today, &mut errors);
    let prior_end = opt_date(values, "prior_service_end_date", today, &mut errors);
    let retention = opt_date(values, "retention_start_date", today, &mut errors);
    let separation = opt_date(values, "separation_date", today, &mut errors);
    let reason = text(values, "separation_reason");
    // What could not be read stands in as a placeholder, so the rules see
    // the rest and every problem is said at once (`rule_errors` leaves
    // out the placeholders' own).
    let support_type = support_type.unwrap_or(SupportType::Standard);
    let intent = intent.unwrap_or(Intent::Unknown);
    let mut e = match base {
        Some(b) => b.clone(),
        None => Employment {
            version: 0,
            id: None,
            employer: Employer::default(),
            support_type,
            decision_date: None,
            start_date: None,
            prior_service_end_date: None,
            intent,
            retention_start_date: None,
            separation_date: None,
            separation_reason: None,
            fields: Default::default(),
        },
    };
    e.employer.name = name;
    e.employer.industry = text(values, "industry");
    e.employer.address = text(values, "employer_address");
    e.employer.phone = text(values, "employer_phone");
    e.employer.contact_person = text(values, "contact_person");
    e.support_type = support_type;
    e.decision_date = decision;
    e.start_date = start;
    e.prior_service_end_date = prior_end;
    e.intent = intent;
    e.retention_start_date = retention;
    e.separation_date = separation;
    e.separation_reason = (!reason.is_empty()).then_some(reason);
    super::rule_errors(
        crate::validate::employment(&e, today),
        &EMPLOYMENT_FIELDS,
        &mut errors,
    );
    if errors.is_empty() {
        Ok(e)
    } else {
        Err(errors)
    }
}

/// The field the job's days count from (起算日): 就職日 (復職日), or for
/// 労働時間延長支援型 the 就労移行支援等の終了日.
pub(crate) fn anchor_field(values: &Values) -> &'static str {
    match SupportType::parse(get(values, "support_type")) {
        Some(SupportType::HoursExtension) => "prior_service_end_date",
        _ => "start_date",
    }
}
