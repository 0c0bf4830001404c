//! The office's forms: its settings (the same keys as `teichaku settings`)
//! and one staff member (as `teichaku staff add|set`). The values are
//! checked by the rule set before the store is asked, so a save writes
//! all of what changed or none of it.

use chrono::NaiveDate;

use super::{FieldError, Values, date_value, flag, get, opt_date, text};
use crate::fields::{office as of, settings as st, staff as sf};
use crate::model::{Office, Role, Settings, Staff, fte_from_text, fte_text};
use crate::tui::form_editor::FieldSpec;

/// What the office screens show: read at once, kept until saved again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeData {
    pub office: Office,
    pub settings: Settings,
    pub caseload_only: bool,
    pub staff: Vec<Staff>,
    /// The viewer's role (the store checks it again on every change).
    pub role: Role,
    /// The viewer is not registered and acts as 管理者 as the file's owner.
    pub owner: bool,
}

/// The settings form's answer: everything, and which parts changed (only
/// those are written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeSave {
    pub office: Office,
    pub settings: Settings,
    pub caseload_only: bool,
    pub office_changed: bool,
    pub settings_changed: bool,
    pub caseload_changed: bool,
}

/// The settings, by the key `teichaku settings` uses, with their labels:
/// the screen's rows and the form's fields, in one order.
pub(crate) const SETTING_KEYS: &[(&str, &str)] = &[
    (of::NAME.key, of::NAME.label),
    (of::NUMBER.key, of::NUMBER.label),
    (of::CORPORATION.key, of::CORPORATION.label),
    (of::ADDRESS.key, of::ADDRESS.label),
    (of::PHONE.key, of::PHONE.label),
    (
        st::REPORT_MUNICIPALITY_DAYS.key,
        st::REPORT_MUNICIPALITY_DAYS.label,
    ),
    (st::WARN_DAYS.key, st::WARN_DAYS.label),
    (st::CERT_WARN_DAYS.key, st::CERT_WARN_DAYS.label),
    (of::HANDOVER_GUIDELINE.key, of::HANDOVER_GUIDELINE.label),
    (of::HANDOVER_RESPONSIBLE.key, of::HANDOVER_RESPONSIBLE.label),
    (st::CASELOAD_ONLY.key, st::CASELOAD_ONLY.label),
];

/// The days settings' bounds: the store refuses others. Checked here
/// first, so a save never writes the office's details and then stops at
/// a number.
const DAYS: std::ops::RangeInclusive<i64> = 0..=365;

/// The office's fields, named as the rule set names them.
const OFFICE_FIELDS: [(&str, &str); 7] = [
    ("office_name", "office_name"),
    ("office_number", "office_number"),
    ("corporation", "corporation"),
    ("address", "address"),
    ("phone", "phone"),
    ("handover_guideline", "handover_guideline"),
    ("handover_responsible", "handover_responsible"),
];

pub(crate) fn settings_specs() -> Vec<FieldSpec> {
    vec![
        FieldSpec::of("office_name", &of::NAME),
        FieldSpec::of("office_number", &of::NUMBER),
        FieldSpec::of("corporation", &of::CORPORATION),
        FieldSpec::of("address", &of::ADDRESS),
        FieldSpec::of("phone", &of::PHONE),
        FieldSpec::of("report_municipality_days", &st::REPORT_MUNICIPALITY_DAYS),
        FieldSpec::of("warn_days", &st::WARN_DAYS),
        FieldSpec::of("cert_warn_days", &st::CERT_WARN_DAYS),
        FieldSpec::of("handover_guideline", &of::HANDOVER_GUIDELINE),
        FieldSpec::of("handover_responsible", &of::HANDOVER_RESPONSIBLE),
        FieldSpec::of("caseload_only", &st::CASELOAD_ONLY),
    ]
}

pub(crate) fn settings_values(d: &OfficeData) -> Values {
    let o = &d.office;
    let s = &d.settings;
    [
        ("office_name", o.name.clone()),
        ("office_number", o.number.clone()),
        ("corporation", o.corporation.clone()),
        ("address", o.address.clone()),
        ("phone", o.phone.clone()),
        (
            "report_municipality_days",
            s.report_municipality_days.to_string(),
        ),
        ("warn_days", s.warn_days.to_string()),
        ("cert_warn_days", s.cert_warn_days.to_string()),
        ("handover_guideline", o.handover_guideline.clone()),
        ("handover_responsible", o.handover_responsible.clone()),
        ("caseload_only", d.caseload_only.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn days(values: &Values, id: &'static str, errors: &mut Vec<FieldError>) -> i64 {
    match get(values, id).parse::<i64>() {
        Ok(n) if DAYS.contains(&n) => n,
        _ => {
            errors.push((id, "日数は 0〜365 の整数で入力してください".to_string()));
            0
        }
    }
}

/// `base` with the form's values applied, checked by the rule set.
pub(crate) fn settings_from_values(
    base: &OfficeData,
    values: &Values,
) -> Result<OfficeSave, Vec<FieldError>> {
    let mut errors = Vec::new();
    let office = Office {
        name: text(values, "office_name"),
        number: text(values, "office_number"),
        corporation: text(values, "corporation"),
        address: text(values, "address"),
        phone: text(values, "phone"),
        handover_guideline: text(values, "handover_guideline"),
        handover_responsible: text(values, "handover_responsible"),
        version: base.office.version,
    };
    let settings = Settings {
        report_municipality_days: days(values, "report_municipality_days", &mut errors),
        warn_days: days(values, "warn_days", &mut errors),
        cert_warn_days: days(values, "cert_warn_days", &mut errors),
    };
    let caseload_only = flag(values, "caseload_only");
    super::rule_errors(
        crate::validate::office(&office),
        &OFFICE_FIELDS,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(OfficeSave {
        office_changed: office != base.office,
        settings_changed: settings != base.settings,
        caseload_changed: caseload_only != base.caseload_only,
        office,
        settings,
        caseload_only,
    })
}

/// The staff form's fields, named as the rule set names them.
const STAFF_FIELDS: [(&str, &str); 5] = [
    ("login", "login"),
    ("display_name", "display_name"),
    ("basic_training", "basic_training"),
    ("joined", "joined"),
    ("left", "left"),
];

/// A new member is named by their login; an existing one keeps theirs
/// (it is how they sign in: changing it is removing and adding).
pub(crate) fn staff_specs(new: bool) -> Vec<FieldSpec> {
    let roles: Vec<(&str, &str)> = Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect();
    let mut specs = Vec::new();
    if new {
        specs.push(FieldSpec::of("login", &sf::LOGIN));
    }
    specs.extend([
        FieldSpec::of("display_name", &sf::DISPLAY_NAME),
        FieldSpec::choice_of("role", &sf::ROLE, &roles),
        FieldSpec::of("fte", &sf::FTE),
        FieldSpec::of("basic_training", &sf::BASIC_TRAINING),
        FieldSpec::of("joined", &sf::JOINED),
        FieldSpec::of("left", &sf::LEFT),
    ]);
    // A change of 常勤換算 has a day only for someone already on the staff.
    if !new {
        specs.push(FieldSpec::of("fte_from", &sf::FTE_FROM));
    }
    specs
}

pub(crate) fn staff_values(s: Option<&Staff>) -> Values {
    let mut v = Values::new();
    let role = s.map_or(Role::CaseWorker, |s| s.role);
    v.insert("role".into(), role.as_str().into());
    if let Some(s) = s {
        v.insert("display_name".into(), s.display_name.clone());
        v.insert(
            "fte".into(),
            s.fte_percent.map(fte_text).unwrap_or_default(),
        );
        v.insert("basic_training".into(), date_value(s.basic_training));
        v.insert("joined".into(), date_value(s.joined));
        v.insert("left".into(), date_value(s.left));
    }
    v
}

/// The staff member the values describe: `base` changed, or a new one
/// (refused when `registered` already has the login).
pub(crate) fn staff_from_values(
    base: Option<&Staff>,
    registered: &[Staff],
    values: &Values,
    today: NaiveDate,
) -> Result<Staff, Vec<FieldError>> {
    let mut errors = Vec::new();
    let login = match base {
        Some(b) => b.login.clone(),
        None => text(values, "login"),
    };
    if base.is_none() && registered.iter().any(|s| s.login == login) {
        errors.push((
            "login",
            format!(
                "職員 {} は既に登録されています（職員の一覧で選んで変更してください）",
                crate::text::for_display(&login)
            ),
        ));
    }
    let role = Role::parse(get(values, "role"));
    if role.is_none() {
        errors.push(("role", "必須項目です。選んでください".to_string()));
    }
    let fte = get(values, "fte");
    let fte_percent = if fte.is_empty() {
        None
    } else {
        let p = fte_from_text(fte);
        if p.is_none() {
            errors.push((
                "fte",
                "常勤換算は 0〜1.0 の数（小数2桁まで。例: 1.0、0.5）で入力してください".to_string(),
            ));
        }
        p
    };
    let mut s = Staff {
        login,
        display_name: text(values, "display_name"),
        role: role.unwrap_or(Role::CaseWorker),
        basic_training: opt_date(values, "basic_training", today, &mut errors),
        fte_percent: base.and_then(|b| b.fte_percent),
        joined: opt_date(values, "joined", today, &mut errors),
        left: opt_date(values, "left", today, &mut errors),
        fte_history: base.map(|b| b.fte_history.clone()).unwrap_or_default(),
    };
    // A 常勤換算 with the day it changed keeps the earlier one for the days
    // before; without it the present value is corrected.
    match opt_date(values, "fte_from", today, &mut errors) {
        Some(day) if s.fte_percent != fte_percent => s.change_fte(fte_percent, day),
        _ => {
            s.fte_percent = fte_percent;
            if let Some(last) = s.fte_history.last_mut() {
                last.fte_percent = fte_percent;
            }
        }
    }
    super::rule_errors(
        crate::validate::staff(&s, today),
        &STAFF_FIELDS,
        &mut errors,
    );
    if errors.is_empty() {
        Ok(s)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixtures::{d, today};

    fn data() -> OfficeData {
        OfficeData {
            office: Office::default(),
            settings: Settings::default(),
            caseload_only: false,
            staff: vec![Staff {
                login: "sato".into(),
                display_name: "佐藤 健一".into(),
                role: Role::Admin,
                basic_training: None,
                fte_percent: Some(100),
                joined: None,
                left: None,
                fte_history: Vec::new(),
            }],
            role: Role::Admin,
            owner: false,
        }
    }

    #[test]
    fn settings_read_back_and_only_what_changed_is_written() {
        let base = data();
        let mut v = settings_values(&base);
        let same = settings_from_values(&base, &v).expect("unchanged");
        assert!(!same.office_changed && !same.settings_changed && !same.caseload_changed);
        v.insert("warn_days".into(), "7".into());
        v.insert("office_name".into(), "就労支援センターみらい".into());
        let s = settings_from_values(&base, &v).expect("valid");
        assert_eq!(s.settings.warn_days, 7);
        assert_eq!(s.office.name, "就労支援センターみらい");
        assert!(s.office_changed && s.settings_changed && !s.caseload_changed);
    }

    #[test]
    fn a_bad_number_or_office_number_is_refused_under_its_field() {
        let base = data();
        let mut v = settings_values(&base);
        v.insert("warn_days".into(), "400".into());
        v.insert("cert_warn_days".into(), "1.5".into());
        v.insert("office_number".into(), "12345".into());
        let errors = settings_from_values(&base, &v).expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
        assert!(fields.contains(&"warn_days"), "{errors:?}");
        assert!(fields.contains(&"cert_warn_days"), "{errors:?}");
        assert!(fields.contains(&"office_number"), "{errors:?}");
    }

    #[test]
    fn a_change_of_fte_with_its_day_keeps_the_earlier_value() {
        let base = data();
        let sato = base.staff.first().cloned().expect("a member");
        let mut v = staff_values(Some(&sato));
        v.insert("fte".into(), "0.5".into());
        v.insert("fte_from".into(), "2026-10-01".into());
        let s = staff_from_values(Some(&sato), &base.staff, &v, today()).expect("valid");
        assert_eq!(s.fte_percent, Some(50));
        assert_eq!(s.fte_on(d(2026, 9, 30)), sato.fte_percent);
        assert_eq!(s.fte_on(d(2026, 10, 1)), Some(50));
        // Without the day, the present value is corrected.
        v.remove("fte_from");
        let s = staff_from_values(Some(&sato), &base.staff, &v, today()).expect("valid");
        assert!(s.fte_history.is_empty());
        assert_eq!(s.fte_on(d(2020, 1, 1)), Some(50));
    }

    #[test]
    fn a_new_member_needs_an_os_login_not_yet_registered() {
        let base = data();
        let mut v = staff_values(None);
        v.insert("login".into(), "sato".into());
        v.insert("display_name".into(), "佐藤 二郎".into());
        let e = staff_from_values(None, &base.staff, &v, today()).expect_err("taken");
        assert_eq!(e[0].0, "login");
        v.insert("login".into(), "鈴木".into());
        let e = staff_from_values(None, &base.staff, &v, today()).expect_err("not a login");
        assert_eq!(e[0].0, "login");
        v.insert("login".into(), "suzuki".into());
        v.insert("fte".into(), "0.75".into());
        v.insert("basic_training".into(), "R7.6.1".into());
        let s = staff_from_values(None, &base.staff, &v, today()).expect("valid");
        assert_eq!(s.fte_percent, Some(75));
        assert_eq!(s.basic_training, Some(d(2025, 6, 1)));
        assert_eq!(s.role, Role::CaseWorker);
    }

    #[test]
    fn an_edit_keeps_the_login_and_refuses_more_than_one_person() {
        let base = data();
        let mut v = staff_values(base.staff.first());
        assert_eq!(v.get("fte").map(String::as_str), Some("1.0"));
        v.insert("fte".into(), "1.5".into());
        let e = staff_from_values(base.staff.first(), &base.staff, &v, today()).expect_err("fte");
        assert_eq!(e[0].0, "fte");
        v.insert("fte".into(), String::new());
        let s = staff_from_values(base.staff.first(), &base.staff, &v, today()).expect("valid");
        assert_eq!((s.login.as_str(), s.fte_percent), ("sato", None));
    }
}
