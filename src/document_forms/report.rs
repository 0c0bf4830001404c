//! The monthly 支援レポート (別紙様式1): prefilled from the month's records,
//! checked against the support period. Pure functions; the CLI and the TUI
//! save through the store.

use chrono::NaiveDate;

use super::identity_fields;
use super::{FormDef, Values};
use crate::dates::{YearMonth, months_overlapping};
use crate::model::Letterhead;
use crate::model::{Client, Report};
use crate::obligations::support_period;
use crate::wareki;

/// The month must overlap the support period S..E: a report is the monthly
/// deliverable of 就労定着支援 (000 §1(4)②), not of the months before it.
pub(crate) fn check_month(client: &Client, month: YearMonth) -> Result<(), String> {
    let Some(emp) = client.current_employment() else {
        return Err("就職の記録がないため支援レポートを作れません".into());
    };
    let Some((s, e)) = support_period(emp) else {
        return Err("就労定着支援の開始日が記録されていないため支援レポートを作れません".into());
    };
    if months_overlapping(s, e).any(|m| m == month) {
        Ok(())
    } else {
        Err(format!(
            "{} は就労定着支援の期間（{}～{}）の外です",
            wareki::format_year_month(month),
            wareki::format(s),
            wareki::format(e)
        ))
    }
}

/// The report for `month` as the editor and `report set` start from: the
/// saved one, or a new one prefilled from the records (`prefill`); either
/// way with its identity fields filled where they are empty (`identity_fields`).
/// Err: a Japanese reason (e.g. the month is outside the support period).
pub(crate) fn report_for(
    def: &FormDef,
    client: &Client,
    month: YearMonth,
    letterhead: &Letterhead,
    today: NaiveDate,
) -> Result<Report, String> {
    let Some(saved) = client.reports.iter().find(|r| r.month == month) else {
        return prefill(def, client, month, letterhead, today);
    };
    let mut r = saved.clone();
    let day = r.created.unwrap_or(today);
    identity_fields::fill(def, &mut r.fields, client, letterhead, day);
    Ok(r)
}

/// A new report for `month`, filled with what the records already say:
/// 作成日, the identity fields, the 支援実績 rows from the month's contacts
/// inside the support period, and last month's goals as a starting point.
pub(crate) fn prefill(
    def: &FormDef,
    client: &Client,
    month: YearMonth,
    letterhead: &Letterhead,
    today: NaiveDate,
) -> Result<Report, String> {
    check_month(client, month)?;
    let mut f = Values::new();
    // The 支援実績 rows by the rule `report set --refresh-records` uses
    // too (which also says what did not fit the form's rows).
    super::report_records::take_in(def, client, month, &mut f);
    if let Some(prev) = client.reports.iter().find(|r| r.month == month.prev()) {
        for k in ["goal_1", "goal_2", "goal_3"] {
            if let Some(v) = prev.fields.get(k).filter(|v| !v.is_empty()) {
                f.insert(k.to_string(), v.clone());
            }
        }
    }
    identity_fields::fill(def, &mut f, client, letterhead, today);
    Ok(Report {
        id: None,
        version: 0,
        month,
        created: Some(today),
        presented: None,
        share_with_employer: false,
        fields: f,
    })
}

/// The report as a document to print: its values with the identity fields
/// filled from the records where the report leaves them empty (an
/// imported report has only its dates).
pub(crate) fn document(
    def: &FormDef,
    client: &Client,
    r: &Report,
    letterhead: &Letterhead,
) -> Values {
    let mut v = values(r);
    let day = r.created.unwrap_or_else(|| r.month.first_day());
    identity_fields::fill(def, &mut v, client, letterhead, day);
    v
}

/// The form's values of a report: its fields plus 作成日 and 提示日.
pub(crate) fn values(r: &Report) -> Values {
    let mut v = r.fields.clone();
    if let Some(d) = r.created {
        v.insert("created".into(), d.to_string());
    }
    if let Some(d) = r.presented {
        v.insert("presented".into(), d.to_string());
    }
    v
}

/// Set one form value on a report (dates already normalized).
pub(crate) fn set(r: &mut Report, key: &str, value: &str) {
    let date = || NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
    match key {
        "created" => r.created = date(),
        "presented" => r.presented = date(),
        _ if value.is_empty() => {
            r.fields.remove(key);
        }
        _ => {
            r.fields.insert(key.to_string(), value.to_string());
        }
    }
}

/// The consent scope that allows a report to be shared with the employer.
pub(crate) const SHARING_SCOPE: &str = "employer_report_sharing";

/// Whether the client's consent to share reports with the employer is in
/// force on `day` (given by then and not withdrawn).
pub(crate) fn sharing_consented(client: &Client, day: NaiveDate) -> bool {
    client
        .consents
        .iter()
        .any(|k| k.scope == SHARING_SCOPE && k.in_force(day))
}

/// Why a report marked 事業主と共有 may not be: 利用者同意した内容以外は
/// 事業主等と共有できない (000 §2(2)). The consent must be in force on the
/// day the report is presented (or made, or today).
pub(crate) fn sharing_problem(client: &Client, r: &Report, today: NaiveDate) -> Option<String> {
    if !r.share_with_employer {
        return None;
    }
    let day = r.presented.or(r.created).unwrap_or(today);
    if sharing_consented(client, day) {
        return None;
    }
    let withdrawn = client
        .consents
        .iter()
        .any(|k| k.scope == SHARING_SCOPE && k.withdrawn.is_some_and(|w| w <= day));
    let why = if withdrawn {
        "事業主とのレポート共有への本人の同意は撤回されています"
    } else {
        "事業主とのレポート共有への本人の同意が記録されていません"
    };
    Some(format!(
        "{why}（{}時点）。事業主と共有するには、先に同意を記録してください",
        wareki::format(day)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document_forms::report_form;

    fn client() -> Client {
        serde_json::from_value(serde_json::json!({
            "external_id": "C001", "name": "山田 太郎",
            "employments": [{"employer": {"name": "JS工業株式会社", "contact_person": "総務課 佐藤課長"},
                "support_type": "standard", "start_date": "2026-04-15",
                "intent": "applied", "retention_start_date": "2026-10-15"}],
            "contacts": [
                {"date": "2026-10-10", "counterpart": "client", "method": "in_person", "place": "office"},
                {"date": "2026-10-20", "counterpart": "client", "method": "video", "place": "other"},
                {"date": "2026-10-28", "counterpart": "employer", "method": "in_person", "place": "employer"},
                {"date": "2026-11-02", "counterpart": "client", "method": "phone", "place": "other"}
            ],
            "reports": [{"month": "2026-10", "created": "2026-10-30", "presented": "2026-10-30",
                         "fields": {"goal_1": "睡眠を8時間とる"}}]
        }))
        .expect("client")
    }

    fn letterhead() -> Letterhead {
        Letterhead {
            office_name: "P.E 定着支援事業所".into(),
            staff: Vec::new(),
            user: "ga".into(),
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn prefill_takes_the_month_contacts_inside_the_support_period() {
        let def = report_form();
        let r = prefill(
            &def,
            &client(),
            YearMonth::new(2026, 10).expect("m"),
            &letterhead(),
            d("2026-10-30"),
        )
        .expect("prefill");
        // 10/10 is before S (10/15): not a 支援実績 row.
        assert_eq!(
            r.fields.get("record_1_date").map(String::as_str),
            Some("10月20日")
        );
        assert_eq!(
            r.fields.get("record_1_method").map(String::as_str),
            Some("テレビ電話")
        );
        assert_eq!(
            r.fields.get("record_2_place").map(String::as_str),
            Some("雇用事業主内")
        );
        assert!(!r.fields.contains_key("record_3_date"));
        assert_eq!(
            r.fields.get("employer_contact").map(String::as_str),
            Some("総務課 佐藤課長")
        );
        assert_eq!(r.created, Some(d("2026-10-30")));
    }

    #[test]
    fn prefill_carries_last_month_goals_forward() {
        let r = prefill(
            &report_form(),
            &client(),
            YearMonth::new(2026, 11).expect("m"),
            &Letterhead::default(),
            d("2026-11-30"),
        )
        .expect("prefill");
        assert_eq!(
            r.fields.get("goal_1").map(String::as_str),
            Some("睡眠を8時間とる")
        );
    }

    #[test]
    fn a_saved_report_without_names_gets_them_from_the_records() {
        let def = report_form();
        let c = client();
        let month = YearMonth::new(2026, 10).expect("m");
        let r = report_for(&def, &c, month, &letterhead(), d("2026-11-30")).expect("saved");
        assert_eq!(r.created, Some(d("2026-10-30")), "the saved one");
        assert!(!r.fields.contains_key("record_1_date"), "no new prefill");
        for (k, v) in [
            ("goal_1", "睡眠を8時間とる"),
            ("client_name", "山田 太郎"),
            ("employer", "JS工業株式会社"),
            ("employer_contact", "総務課 佐藤課長"),
            ("office_name", "P.E 定着支援事業所"),
            ("staff_name", "ga"),
        ] {
            assert_eq!(r.fields.get(k).map(String::as_str), Some(v), "{k}");
        }
        assert!(crate::validate::report_entry(&def, &c, &r, d("2030-12-31")).is_empty());
        let saved = &c.reports[0];
        let doc = document(&def, &c, saved, &letterhead());
        assert_eq!(
            doc.get("client_name").map(String::as_str),
            Some("山田 太郎")
        );
        assert_eq!(doc.get("presented").map(String::as_str), Some("2026-10-30"));
    }

    #[test]
    fn a_month_outside_the_support_period_is_refused() {
        let e = prefill(
            &report_form(),
            &client(),
            YearMonth::new(2026, 9).expect("m"),
            &Letterhead::default(),
            d("2026-09-30"),
        )
        .expect_err("before S");
        assert!(e.contains("令和8年9月") && e.contains("期間"), "{e}");
    }

    #[test]
    fn presented_before_created_is_refused() {
        let def = report_form();
        let c = client();
        let mut r = prefill(
            &def,
            &c,
            YearMonth::new(2026, 11).expect("m"),
            &Letterhead::default(),
            d("2026-11-30"),
        )
        .expect("p");
        set(&mut r, "presented", "2026-11-20");
        assert!(
            crate::validate::report_entry(&def, &c, &r, d("2030-12-31"))
                .join("")
                .contains("作成日")
        );
        set(&mut r, "presented", "2026-11-30");
        assert!(
            crate::validate::report_entry(&def, &c, &r, d("2030-12-31")).is_empty(),
            "{:?}",
            crate::validate::report_entry(&def, &c, &r, d("2030-12-31"))
        );
    }
}
