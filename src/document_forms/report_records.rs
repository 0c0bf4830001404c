//! The 支援実績 rows of a 支援レポート (月日・場所・方法): one per contact of
//! the month with the client or the employer inside the support period.
//! The one rule the first draft (`report::prefill`) and taking the
//! month's contacts in again (`report set --refresh-records`, the report
//! form's action) both use, so the two can never list different rows.

use chrono::Datelike;

use super::{FormDef, Table, Values};
use crate::dates::YearMonth;
use crate::model::{Client, Counterpart};
use crate::obligations::support_period;

/// One row of the 支援実績 as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordRow {
    pub date: String,
    pub place: String,
    pub method: String,
}

impl RecordRow {
    /// 「11月20日 事業所内・面接」: the row in a message.
    pub(crate) fn describe(&self) -> String {
        let what: Vec<&str> = [self.place.as_str(), self.method.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        format!("{} {}", self.date, what.join("・"))
            .trim()
            .to_string()
    }

    /// The same row, whatever spaces or full-width digits a person typed.
    fn same_as(&self, other: &RecordRow) -> bool {
        let norm = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match c {
                    '０'..='９' => {
                        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
                    }
                    c => c,
                })
                .collect()
        };
        norm(&self.date) == norm(&other.date)
            && norm(&self.place) == norm(&other.place)
            && norm(&self.method) == norm(&other.method)
    }

    fn is_empty(&self) -> bool {
        self.date.trim().is_empty() && self.place.trim().is_empty() && self.method.trim().is_empty()
    }
}

/// The rows the month's contacts give, oldest first: contacts with the
/// client or the employer (the report's 支援実績; a contact with another
/// agency is not one) inside the support period (000 §1(4)②).
pub(crate) fn month_rows(client: &Client, month: YearMonth) -> Vec<RecordRow> {
    let Some((s, e)) = client.current_employment().and_then(support_period) else {
        return Vec::new();
    };
    let mut contacts: Vec<_> = client
        .contacts
        .iter()
        .filter(|c| month.contains(c.date) && c.date >= s && c.date <= e)
        .filter(|c| matches!(c.counterpart, Counterpart::Client | Counterpart::Employer))
        .collect();
    contacts.sort_by_key(|c| (c.date, c.id));
    let detail = |label: &str, d: &str| {
        if d.is_empty() {
            label.to_string()
        } else {
            format!("{label}（{d}）")
        }
    };
    contacts
        .iter()
        .map(|c| RecordRow {
            date: format!("{}月{}日", c.date.month(), c.date.day()),
            place: detail(c.place.label(), &c.place_detail),
            method: detail(c.method.label(), &c.method_detail),
        })
        .collect()
}

/// What taking the month's contacts in did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TakenIn {
    /// Rows written into empty rows of the form.
    pub added: Vec<RecordRow>,
    /// Contacts already there (the same 月日・場所・方法).
    pub present: usize,
    /// Contacts the form had no empty row left for.
    pub left_out: Vec<RecordRow>,
}

fn table(def: &FormDef) -> Option<&Table> {
    def.sections.iter().find_map(|s| s.table.as_ref())
}

fn row_of(t: &Table, v: &Values, r: usize) -> RecordRow {
    let get = |c: &str| v.get(&t.field_id(r, c)).cloned().unwrap_or_default();
    RecordRow {
        date: get("date"),
        place: get("place"),
        method: get("method"),
    }
}

/// The month's contacts into the 支援実績 of `values`: a row a person
/// wrote is never changed or moved; a contact already on a row is not
/// added again; the others go into the empty rows in date order, and
/// those with no row left are returned, never dropped unsaid.
pub(crate) fn take_in(
    def: &FormDef,
    client: &Client,
    month: YearMonth,
    values: &mut Values,
) -> TakenIn {
    let mut out = TakenIn::default();
    let Some(t) = table(def) else {
        return out;
    };
    let rows: Vec<RecordRow> = (1..=t.rows).map(|r| row_of(t, values, r)).collect();
    let mut matched = vec![false; rows.len()];
    let mut empty = (1..=t.rows).filter(|&r| rows[r - 1].is_empty());
    for row in month_rows(client, month) {
        // Each written row stands for one contact: two alike contacts on
        // one day need two rows.
        if let Some(i) = (0..rows.len()).find(|&i| !matched[i] && rows[i].same_as(&row)) {
            matched[i] = true;
            out.present += 1;
            continue;
        }
        let Some(r) = empty.next() else {
            out.left_out.push(row);
            continue;
        };
        for (c, v) in [
            ("date", &row.date),
            ("place", &row.place),
            ("method", &row.method),
        ] {
            values.insert(t.field_id(r, c), v.clone());
        }
        out.added.push(row);
    }
    out
}

/// The 支援実績 rows of `values` emptied (a new report's draft, before a
/// person's own rows and then the contacts go in).
pub(crate) fn clear(def: &FormDef, values: &mut Values) {
    if let Some(t) = table(def) {
        for r in 1..=t.rows {
            for c in &t.columns {
                values.remove(&t.field_id(r, &c.id));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document_forms::report_form;

    fn client(contacts: serde_json::Value) -> Client {
        serde_json::from_value(serde_json::json!({
            "external_id": "C001", "name": "山田 太郎",
            "employments": [{"employer": {"name": "JS工業株式会社"},
                "support_type": "standard", "start_date": "2026-04-15",
                "intent": "applied", "retention_start_date": "2026-10-15"}],
            "contacts": contacts,
        }))
        .expect("client")
    }

    fn contact(date: &str, counterpart: &str, method: &str, place: &str) -> serde_json::Value {
        serde_json::json!({"date": date, "counterpart": counterpart, "method": method, "place": place})
    }

    fn nov() -> YearMonth {
        YearMonth::new(2026, 11).expect("m")
    }

    #[test]
    fn the_rows_are_the_months_contacts_with_the_client_or_employer() {
        let c = client(serde_json::json!([
            contact("2026-11-20", "client", "in_person", "office"),
            contact("2026-11-02", "employer", "phone", "other"),
            contact("2026-11-10", "agency", "phone", "other"),
            contact("2026-12-01", "client", "phone", "other"),
        ]));
        let rows = month_rows(&c, nov());
        let dates: Vec<&str> = rows.iter().map(|r| r.date.as_str()).collect();
        assert_eq!(dates, ["11月2日", "11月20日"]);
        assert_eq!(rows[1].describe(), "11月20日 事業所内・面接");
    }

    #[test]
    fn a_written_row_stays_a_present_contact_is_not_doubled_and_the_rest_fill_empty_rows() {
        let def = report_form();
        let c = client(serde_json::json!([
            contact("2026-11-02", "client", "phone", "other"),
            contact("2026-11-05", "employer", "in_person", "employer"),
            contact("2026-11-20", "client", "in_person", "office"),
        ]));
        let mut v = Values::new();
        // A person's own row 1 (a visit not recorded as a contact), and
        // the 11/5 visit on row 3 typed with full-width digits.
        for (k, x) in [
            ("record_1_date", "11月1日"),
            ("record_1_place", "その他（家庭訪問）"),
            ("record_1_method", "面接"),
            ("record_3_date", "１１月５日"),
            ("record_3_place", "雇用事業主内"),
            ("record_3_method", "面接"),
            ("record_4_date", ""),
        ] {
            v.insert(k.into(), x.into());
        }
        let taken = take_in(&def, &c, nov(), &mut v);
        assert_eq!(taken.present, 1);
        let added: Vec<String> = taken.added.iter().map(RecordRow::describe).collect();
        assert_eq!(added, ["11月2日 その他・電話", "11月20日 事業所内・面接"]);
        assert!(taken.left_out.is_empty());
        let at = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
        assert_eq!(at("record_1_place"), "その他（家庭訪問）", "kept");
        assert_eq!(at("record_2_date"), "11月2日", "the first empty row");
        assert_eq!(at("record_3_date"), "１１月５日", "kept as typed");
        assert_eq!(
            at("record_4_date"),
            "11月20日",
            "an empty value is an empty row"
        );

        // Again: nothing new.
        let again = take_in(&def, &c, nov(), &mut v);
        assert!(again.added.is_empty() && again.left_out.is_empty());
        assert_eq!(again.present, 3);
    }

    #[test]
    fn what_does_not_fit_is_returned_not_dropped() {
        let def = report_form();
        let days: Vec<serde_json::Value> = (1..=8)
            .map(|d| contact(&format!("2026-11-{d:02}"), "client", "phone", "other"))
            .collect();
        let c = client(serde_json::Value::Array(days));
        let mut v = Values::new();
        v.insert("record_1_date".into(), "11月30日".into());
        let taken = take_in(&def, &c, nov(), &mut v);
        assert_eq!(taken.added.len(), 5);
        let left: Vec<&str> = taken.left_out.iter().map(|r| r.date.as_str()).collect();
        assert_eq!(left, ["11月6日", "11月7日", "11月8日"]);
        assert_eq!(v.get("record_1_date").map(String::as_str), Some("11月30日"));
    }

    #[test]
    fn two_alike_contacts_of_one_day_take_two_rows() {
        let def = report_form();
        let c = client(serde_json::json!([
            contact("2026-11-05", "client", "in_person", "employer"),
            contact("2026-11-05", "employer", "in_person", "employer"),
        ]));
        let mut v = Values::new();
        let first = take_in(&def, &c, nov(), &mut v);
        assert_eq!(first.added.len(), 2);
        let again = take_in(&def, &c, nov(), &mut v);
        assert_eq!((again.added.len(), again.present), (0, 2));
    }
}
