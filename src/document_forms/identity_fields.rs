//! Who and where a document is about: the identity fields of the
//! 支援レポート (別紙様式1) and the 就労定着支援計画書 (別紙様式2) — 利用者名,
//! ふりがな, 性別, 生年月日, 雇用事業主 and its details, ご担当者, 雇用開始日,
//! 事業所名, 担当者 — come from the records of record. A value stored with
//! the document wins (it is what was presented); an empty or missing one is
//! filled. One rule for the editor, `report set` and every export, so a
//! document that came in by import carries the same names as one written
//! here. Pure: the caller reads the office and the staff from the store.

use chrono::{Datelike, NaiveDate};

use super::{FormDef, Values};
use crate::model::{Client, Letterhead};
use crate::wareki;

/// Fill the identity fields of `def` (a report or a plan) in `fields`
/// from the records: a stored non-empty value wins, an empty or missing
/// one is filled when the records know it. `day` is the document's date
/// (the age printed with 生年月日 is the age on that day).
pub(crate) fn fill(
    def: &FormDef,
    fields: &mut Values,
    client: &Client,
    letterhead: &Letterhead,
    day: NaiveDate,
) {
    let known = from_records(client, letterhead, day);
    for f in def.all_fields() {
        let Some(v) = known.get(&f.id) else { continue };
        let stored = fields.get(&f.id).map_or("", |s| s.trim());
        if stored.is_empty() && !v.trim().is_empty() {
            fields.insert(f.id, v.clone());
        }
    }
}

/// Every identity value the records give, by field id (both forms use the
/// same ids for the same thing).
fn from_records(client: &Client, letterhead: &Letterhead, day: NaiveDate) -> Values {
    let mut v = Values::new();
    let mut put = |k: &str, s: String| {
        v.insert(k.to_string(), s);
    };
    put("client_name", client.name.clone());
    put("kana", client.kana.clone());
    put("sex", client.sex.clone());
    if let Some(b) = client.birth_date {
        put(
            "birth",
            format!("{}（{}歳）", wareki::format(b), age(b, day)),
        );
    }
    if let Some(e) = client.current_employment() {
        let er = &e.employer;
        put("employer", er.name.clone());
        put("industry", er.industry.clone());
        put("employer_address", er.address.clone());
        put("employer_phone", er.phone.clone());
        put("employer_contact", er.contact_person.clone());
        // 雇用開始日 / 就職日: the day the job began (not the anchor day,
        // which for 労働時間延長支援型 is the day after 就労移行支援 ended).
        if let Some(d) = e.start_date.or_else(|| e.anchor()) {
            put("employment_start", d.to_string());
        }
    }
    put("office_name", letterhead.office_name.clone());
    put("staff_name", letterhead.staff_name(client));
    v
}

/// The record field an identity field of a document is filled from, when
/// it is one whole field (its limit is the document's: `crate::fields`).
pub(crate) fn source(id: &str) -> Option<crate::fields::Field> {
    use crate::fields::{client, employment, office, staff};
    Some(match id {
        "client_name" => client::NAME,
        "kana" => client::KANA,
        "sex" => client::SEX,
        "employer" => employment::EMPLOYER_NAME,
        "industry" => employment::INDUSTRY,
        "employer_address" => employment::ADDRESS,
        "employer_phone" => employment::PHONE,
        "employer_contact" => employment::CONTACT_PERSON,
        "office_name" => office::NAME,
        "staff_name" => staff::DISPLAY_NAME,
        _ => return None,
    })
}

/// Full years from `birth` to `day`.
fn age(birth: NaiveDate, day: NaiveDate) -> i32 {
    day.year() - birth.year() - i32::from((day.month(), day.day()) < (birth.month(), birth.day()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document_forms::{plan_form, report_form};
    use crate::model::{Role, Staff};

    fn client(staff: Option<&str>) -> Client {
        let mut c: Client = serde_json::from_value(serde_json::json!({
            "external_id": "C001", "name": "山田 太郎", "kana": "やまだ たろう",
            "sex": "男", "birth_date": "1990-05-01",
            "employments": [{"employer": {"name": "JS工業株式会社", "contact_person": "総務課 佐藤課長",
                                          "phone": "03-0000-0000"},
                "support_type": "standard", "start_date": "2026-04-15",
                "intent": "applied", "retention_start_date": "2026-10-15"}]
        }))
        .expect("client");
        c.assigned_staff = staff.map(str::to_string);
        c
    }

    fn letterhead() -> Letterhead {
        Letterhead {
            office_name: "P.E 定着支援事業所".into(),
            staff: vec![Staff {
                login: "tanaka".into(),
                display_name: "田中 一郎".into(),
                role: Role::CaseWorker,
                basic_training: None,
                fte_percent: None,
                joined: None,
                left: None,
                fte_history: Vec::new(),
            }],
            user: "sato".into(),
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn get<'a>(v: &'a Values, k: &str) -> &'a str {
        v.get(k).map_or("", String::as_str)
    }

    #[test]
    fn empty_and_missing_fields_are_filled_and_stored_values_win() {
        let mut f = Values::new();
        f.insert("employer".into(), "JS工業（本社）".into());
        f.insert("employer_contact".into(), "  ".into());
        f.insert("goal_1".into(), "睡眠".into());
        fill(
            &report_form(),
            &mut f,
            &client(Some("tanaka")),
            &letterhead(),
            d("2026-10-30"),
        );
        assert_eq!(get(&f, "employer"), "JS工業（本社）", "stored wins");
        assert_eq!(
            get(&f, "employer_contact"),
            "総務課 佐藤課長",
            "blank is filled"
        );
        assert_eq!(get(&f, "client_name"), "山田 太郎");
        assert_eq!(get(&f, "employment_start"), "2026-04-15");
        assert_eq!(get(&f, "office_name"), "P.E 定着支援事業所");
        assert_eq!(
            get(&f, "staff_name"),
            "田中 一郎",
            "display name of the assigned"
        );
        assert_eq!(get(&f, "goal_1"), "睡眠", "other fields untouched");
        assert!(!f.contains_key("kana"), "not a field of the report");
    }

    #[test]
    fn the_plan_gets_its_own_identity_fields_and_the_age_on_its_day() {
        let mut f = Values::new();
        fill(
            &plan_form(),
            &mut f,
            &client(None),
            &letterhead(),
            d("2026-10-15"),
        );
        assert_eq!(get(&f, "kana"), "やまだ たろう");
        assert_eq!(get(&f, "sex"), "男");
        assert_eq!(get(&f, "birth"), "平成2年5月1日（36歳）");
        assert_eq!(get(&f, "employer_phone"), "03-0000-0000");
        assert_eq!(get(&f, "employer_contact"), "総務課 佐藤課長");
        // The office sends the plan's report block; no 担当者 on this form.
        assert_eq!(get(&f, "office_name"), letterhead().office_name);
        assert!(!f.contains_key("staff_name"));
        assert!(!f.contains_key("employer_address"), "nothing recorded");
    }

    #[test]
    fn the_staff_name_falls_back_to_the_writer_and_to_the_login() {
        let lh = letterhead();
        assert_eq!(lh.staff_name(&client(Some("tanaka"))), "田中 一郎");
        assert_eq!(lh.staff_name(&client(Some("suzuki"))), "suzuki");
        assert_eq!(lh.staff_name(&client(None)), "sato");
    }
}
