//! 利用者 (client) and 就職 (employment) forms. Both edit an existing row:
//! the caller keeps the loaded record (with its version) and the values
//! are applied on top of it, so fields the form does not show are kept.

use chrono::NaiveDate;

use super::{FieldError, Values, date_value, flag, get, opt_date, text};
use crate::model::{Client, Disclosure, Employer, Employment, Intent, SupportType};
use crate::tui::form::FieldSpec;

fn pairs<T: Copy>(
    all: &[T],
    id: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|&v| (id(v), label(v))).collect()
}

pub fn client_specs() -> Vec<FieldSpec> {
    vec![
        FieldSpec::text("external_id", "利用者番号", 20).required(),
        FieldSpec::text("name", "氏名", 40).required(),
        FieldSpec::text("kana", "ふりがな", 60),
        FieldSpec::text("sex", "性別", 10),
        FieldSpec::date("birth_date", "生年月日"),
        FieldSpec::text("certificate_no", "受給者証番号", 20),
        FieldSpec::date("certificate_expires", "受給者証の有効期限"),
        FieldSpec::text("municipality", "援護の実施市町村", 20),
        FieldSpec::choice(
            "disclosure",
            "障害の開示",
            &pairs(Disclosure::ALL, Disclosure::as_str, Disclosure::label),
        )
        .required(),
        FieldSpec::boolean("needs_continuing_support", "要継続支援"),
        FieldSpec::text("assigned_staff", "担当者（ログイン名）", 32),
    ]
}

pub fn client_values(c: &Client) -> Values {
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
    v.insert("municipality".into(), c.municipality.clone());
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
const CLIENT_FIELDS: [(&str, &str); 9] = [
    ("external_id", "external_id"),
    ("name", "name"),
    ("kana", "kana"),
    ("sex", "sex"),
    ("birth_date", "birth_date"),
    ("certificate_no", "certificate_no"),
    ("certificate_expires", "certificate_expires"),
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
pub fn client_from_values(
    base: &Client,
    values: &Values,
    today: NaiveDate,
) -> Result<Client, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut c = base.clone();
    c.external_id = text(values, "external_id");
    c.name = text(values, "name");
    for (id, v) in [("external_id", &c.external_id), ("name", &c.name)] {
        if v.is_empty() {
            errors.push((id, "必須項目です。入力してください".to_string()));
        }
    }
    c.kana = text(values, "kana");
    c.sex = text(values, "sex");
    c.birth_date = opt_date(values, "birth_date", today, &mut errors);
    c.certificate_no = text(values, "certificate_no");
    c.certificate_expires = opt_date(values, "certificate_expires", today, &mut errors);
    c.municipality = text(values, "municipality");
    match Disclosure::parse(get(values, "disclosure")) {
        Some(d) => c.disclosure = d,
        None => errors.push(("disclosure", "必須項目です。選んでください".to_string())),
    }
    c.needs_continuing_support = flag(values, "needs_continuing_support");
    let staff = text(values, "assigned_staff");
    c.assigned_staff = (!staff.is_empty()).then_some(staff);
    if errors.is_empty() {
        super::rule_errors(
            crate::validate::client(&c, today),
            &CLIENT_FIELDS,
            &mut errors,
        );
    }
    if errors.is_empty() {
        Ok(c)
    } else {
        Err(errors)
    }
}

pub fn employment_specs() -> Vec<FieldSpec> {
    vec![
        FieldSpec::text("employer_name", "事業所名（勤務先）", 60).required(),
        FieldSpec::text("industry", "業種", 40),
        FieldSpec::text("employer_address", "所在地", 100),
        FieldSpec::text("employer_phone", "連絡先", 30),
        FieldSpec::text("contact_person", "ご担当者", 30),
        FieldSpec::choice(
            "support_type",
            "支援の類型",
            &pairs(SupportType::ALL, SupportType::as_str, SupportType::label),
        )
        .required(),
        FieldSpec::date("decision_date", "就職先の決定日"),
        FieldSpec::date("start_date", "就職日（復職日）"),
        FieldSpec::date("prior_service_end_date", "就労移行支援等の終了日"),
        FieldSpec::choice(
            "intent",
            "定着支援の利用意向",
            &pairs(Intent::ALL, Intent::as_str, Intent::label),
        )
        .required(),
        FieldSpec::date("retention_start_date", "就労定着支援の開始日"),
        FieldSpec::date("separation_date", "離職日"),
        FieldSpec::text("separation_reason", "離職の理由", 100),
    ]
}

pub fn employment_values(e: &Employment) -> Values {
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
pub fn new_employment_values() -> Values {
    let mut v = Values::new();
    v.insert("support_type".into(), SupportType::Standard.as_str().into());
    v.insert("intent".into(), Intent::Unknown.as_str().into());
    v
}

/// `base` (the loaded employment, or a new one) with the values applied.
/// The dates must follow the flow: decision ≤ 就職日 < 定着支援の開始日,
/// and 離職日 not before 就職日.
pub fn employment_from_values(
    base: Option<&Employment>,
    values: &Values,
    today: NaiveDate,
) -> Result<Employment, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = text(values, "employer_name");
    if name.is_empty() {
        errors.push((
            "employer_name",
            "必須項目です。入力してください".to_string(),
        ));
    }
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
    let (Some(support_type), Some(intent), true) = (support_type, intent, errors.is_empty()) else {
        return Err(errors);
    };
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
