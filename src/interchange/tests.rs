use serde_json::{Value, json};

use super::*;

/// After every date of the fixtures: the rules refuse things done later
/// than the reference day.
fn late_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2030, 12, 31).unwrap_or_default()
}

pub(super) fn parse_document(json: &str) -> Result<Document, Vec<Problem>> {
    super::parse_document(json, late_day())
}

fn validate(doc: &Document) -> Vec<Problem> {
    super::validate(doc, late_day())
}

/// The example of README.md「Interchange format (JSON)」, verbatim.
pub(super) const SPEC_EXAMPLE: &str = r#"{"clients": [{
  "external_id": "C001",
  "name": "山田 太郎", "kana": "やまだ たろう",
  "birth_date": "1990-05-01", "sex": "男",
  "certificate_no": "1234567890", "certificate_expires": "2027-03-31",
  "disclosure": "open",
  "needs_continuing_support": false,
  "assigned_staff": "tanaka",
  "employments": [{
    "employer": {"name": "JS工業株式会社", "contact_person": "課長", "phone": "", "address": ""},
    "support_type": "standard",
    "decision_date": "2026-03-20",
    "start_date": "2026-04-15",
    "prior_service_end_date": null,
    "intent": "applied",
    "retention_start_date": "2026-10-15",
    "separation_date": null
  }],
  "contacts": [{"date": "2026-05-20", "counterpart": "client",
                "method": "in_person", "place": "office",
                "summary": "利用意向を確認", "obligations": ["m23.confirm_intent"]}],
  "reports":  [{"month": "2026-10", "created": "2026-10-30", "presented": "2026-10-30"}],
  "plans":    [{"created": "2026-10-15", "reviews": ["2027-04-10"]}],
  "consents": [{"scope": "agency_sharing", "date": "2026-05-20", "written": true}],
  "handovers": [{"date": "2029-06-01", "agency": "障害者就業・生活支援センター○○"}]
}]}"#;

pub(super) fn example() -> Value {
    serde_json::from_str(SPEC_EXAMPLE).expect("spec example is JSON")
}

/// Problems of the spec example after `edit` changed its first client.
pub(super) fn problems_after(edit: impl FnOnce(&mut Value)) -> Vec<Problem> {
    let mut doc = example();
    edit(&mut doc["clients"][0]);
    match parse_document(&doc.to_string()) {
        Ok(_) => Vec::new(),
        Err(p) => p,
    }
}

pub(super) fn only(problems: &[Problem]) -> &Problem {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    &problems[0]
}

#[test]
fn spec_example_parses_without_problems() {
    let doc = parse_document(SPEC_EXAMPLE).expect("spec example is valid");
    assert_eq!(doc.clients.len(), 1);
    assert_eq!(doc.clients[0].external_id, "C001");
    assert!(validate(&doc).is_empty());
}

#[test]
fn round_trip_through_to_json_is_lossless_and_stable() {
    let doc = parse_document(SPEC_EXAMPLE).expect("valid");
    let text = to_json(&doc);
    let again = parse_document(&text).expect("own output is valid");
    assert_eq!(doc, again);
    assert_eq!(text, to_json(&again));
    assert!(
        text.contains("\n  \"clients\": ["),
        "pretty printed: {text}"
    );
}

#[test]
fn not_json_is_one_document_problem_with_line_and_column() {
    let p = parse_document("{\"clients\": [\n  {\"name\": 1,,}\n]}").expect_err("bad");
    let p = only(&p);
    assert_eq!((p.index, &p.external_id, p.field.as_str()), (0, &None, ""));
    assert!(p.message.contains("2行目"), "{}", p.message);
    assert!(p.message.contains("JSON"), "{}", p.message);
    assert_eq!(p.to_string(), p.message);
}

#[test]
fn column_is_counted_in_characters_not_bytes() {
    let p = parse_document("{\"clients\": [{\"name\": \"山田\" x}]}").expect_err("bad");
    assert!(
        only(&p).message.contains("1行目 28文字目"),
        "{}",
        p[0].message
    );
}

#[test]
fn truncated_json_says_it_ends_early() {
    let p = parse_document("{\"clients\": [").expect_err("bad");
    assert!(
        only(&p).message.contains("途中で終わって"),
        "{}",
        p[0].message
    );
}

#[test]
fn missing_clients_array_is_a_document_problem() {
    for text in ["{}", "{\"clients\": {}}", "[[]]", "42"] {
        let p = parse_document(text).expect_err(text);
        assert!(
            only(&p).message.contains("clients"),
            "{text}: {}",
            p[0].message
        );
        assert_eq!(p[0].field, "");
    }
}

#[test]
fn unknown_top_level_key_is_named() {
    let p = parse_document("{\"clients\": [], \"version\": 2}").expect_err("bad");
    assert!(only(&p).message.contains("「version」"), "{}", p[0].message);
}

#[test]
fn impossible_date_is_called_impossible_and_quoted() {
    let p = problems_after(|c| c["employments"][0]["start_date"] = json!("2026-02-30"));
    let p = only(&p);
    assert_eq!(p.field, "employments[0].start_date");
    assert_eq!(p.external_id.as_deref(), Some("C001"));
    assert!(p.message.contains("「2026-02-30」"), "{}", p.message);
    assert!(p.message.contains("存在しない日付"), "{}", p.message);
    assert!(
        p.to_string()
            .starts_with("「C001」 employments[0].start_date: "),
        "{p}"
    );
}

#[test]
fn badly_formatted_date_asks_for_yyyy_mm_dd() {
    let p = problems_after(|c| c["birth_date"] = json!("1990/5/1"));
    let p = only(&p);
    assert_eq!(p.field, "birth_date");
    assert!(p.message.contains("YYYY-MM-DD"), "{}", p.message);
}

#[test]
fn review_date_inside_array_is_located_by_index() {
    let p = problems_after(|c| c["plans"][0]["reviews"] = json!(["2027-04-10", "2027-13-01"]));
    assert_eq!(only(&p).field, "plans[0].reviews[1]");
}

#[test]
fn bad_month_asks_for_yyyy_mm() {
    let p = problems_after(|c| c["reports"][0]["month"] = json!("2026-13"));
    let p = only(&p);
    assert_eq!(p.field, "reports[0].month");
    assert!(p.message.contains("YYYY-MM"), "{}", p.message);
}

#[test]
fn unknown_enum_value_lists_the_allowed_values() {
    let p = problems_after(|c| c["contacts"][0]["method"] = json!("fax"));
    let p = only(&p);
    assert_eq!(p.field, "contacts[0].method");
    assert!(p.message.contains("「fax」"), "{}", p.message);
    assert!(
        p.message.contains(&crate::model::Method::choices()),
        "{}",
        p.message
    );
}

#[test]
fn unknown_field_is_named() {
    let p = problems_after(|c| c["employments"][0]["employer"]["fax"] = json!("03"));
    let p = only(&p);
    assert_eq!(p.field, "employments[0].employer.fax");
    assert!(p.message.contains("「fax」"), "{}", p.message);
}

#[test]
fn wrong_type_says_what_is_expected() {
    let p = problems_after(|c| c["needs_continuing_support"] = json!("yes"));
    assert!(
        only(&p).message.contains("true か false"),
        "{}",
        p[0].message
    );
}

#[test]
fn missing_required_field_is_named() {
    let p = problems_after(|c| {
        c.as_object_mut().map(|o| o.remove("name"));
    });
    let p = only(&p);
    assert_eq!(p.field, "name");
    assert_eq!(p.message, "氏名がありません");
}

#[test]
fn client_that_is_not_an_object_is_counted_by_position() {
    let p = parse_document("{\"clients\": [7]}").expect_err("bad");
    let p = only(&p);
    assert_eq!((p.index, p.external_id.as_deref()), (0, None));
    assert!(p.message.starts_with("1件目の利用者"), "{}", p.message);
}

#[test]
fn all_problems_are_reported_not_just_the_first() {
    let mut doc = example();
    let c = &mut doc["clients"][0];
    c["birth_date"] = json!("1990-02-31");
    c["disclosure"] = json!("partly");
    c["contacts"][0]["date"] = json!("2026-06-31");
    c["contacts"][0]["colour"] = json!("red");
    let mut second = example()["clients"][0].clone();
    second["external_id"] = json!("C002");
    second["name"] = json!("");
    doc["clients"].as_array_mut().expect("array").push(second);
    let problems = parse_document(&doc.to_string()).expect_err("bad");
    let mut fields: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.index, p.field.as_str()))
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            (0, "birth_date"),
            (0, "contacts[0].colour"),
            (0, "contacts[0].date"),
            (0, "disclosure"),
            (1, "name"),
        ],
        "{problems:#?}"
    );
}

#[test]
fn a_repaired_date_does_not_cause_follow_on_problems() {
    // The placeholder for the bad start date must not also be reported as
    // "decision after start" or "retention start too early".
    let p = problems_after(|c| c["employments"][0]["start_date"] = json!("2026-04-31"));
    assert_eq!(only(&p).field, "employments[0].start_date");
}

#[test]
fn empty_external_id_is_refused() {
    let p = problems_after(|c| c["external_id"] = json!(" "));
    let p = only(&p);
    assert_eq!(
        (p.field.as_str(), p.external_id.as_deref()),
        ("external_id", None)
    );
    assert_eq!(
        p.to_string(),
        "1件目 external_id: 利用者番号が空です。入力してください"
    );
}

#[test]
fn duplicate_external_id_names_both_positions() {
    let mut doc = example();
    let c = doc["clients"][0].clone();
    let list = doc["clients"].as_array_mut().expect("array");
    let mut other = c.clone();
    other["external_id"] = json!("C002");
    list.push(other);
    list.push(c);
    let p = parse_document(&doc.to_string()).expect_err("duplicate");
    assert_eq!(p.len(), 2, "{p:#?}");
    assert_eq!((p[0].index, p[1].index), (0, 2));
    for p in &p {
        assert_eq!(p.field, "external_id");
        assert!(p.message.contains("「C001」"), "{}", p.message);
        assert!(p.message.contains("1件目・3件目"), "{}", p.message);
    }
}

#[test]
fn empty_name_is_refused() {
    let p = problems_after(|c| c["name"] = json!(""));
    assert_eq!(only(&p).message, "氏名が空です。入力してください");
}

#[test]
fn standard_employment_needs_its_start_date() {
    let p = problems_after(|c| c["employments"][0]["start_date"] = Value::Null);
    let p = only(&p);
    assert_eq!(p.field, "employments[0].start_date");
    assert_eq!(p.message, "就職日がありません");
}

#[test]
fn return_to_work_needs_its_return_date() {
    let p = problems_after(|c| {
        c["employments"][0]["support_type"] = json!("return_to_work");
        c["employments"][0]["start_date"] = Value::Null;
    });
    assert_eq!(only(&p).message, "復職日がありません");
}

#[test]
fn hours_extension_needs_the_prior_service_end_date() {
    let p = problems_after(|c| {
        c["employments"][0]["support_type"] = json!("hours_extension");
        c["employments"][0]["start_date"] = Value::Null;
    });
    let p = only(&p);
    assert_eq!(p.field, "employments[0].prior_service_end_date");
    assert!(p.message.starts_with("就労移行支援等の終了日がありません"));
}

#[test]
fn hours_extension_anchor_is_the_day_after_the_prior_service_end() {
    // A = 2026-04-15, so service may start on 2026-10-15 at the earliest.
    let ok = problems_after(|c| {
        c["employments"][0]["support_type"] = json!("hours_extension");
        c["employments"][0]["start_date"] = Value::Null;
        c["employments"][0]["prior_service_end_date"] = json!("2026-04-14");
    });
    assert!(ok.is_empty(), "{ok:#?}");
    let late_end = problems_after(|c| {
        c["employments"][0]["support_type"] = json!("hours_extension");
        c["employments"][0]["prior_service_end_date"] = json!("2026-04-15");
    });
    assert_eq!(only(&late_end).field, "employments[0].retention_start_date");
}

#[test]
fn decision_after_start_is_refused() {
    let p = problems_after(|c| c["employments"][0]["decision_date"] = json!("2026-04-16"));
    let p = only(&p);
    assert_eq!(p.field, "employments[0].decision_date");
    assert!(p.message.contains("2026-04-16"), "{}", p.message);
}

#[test]
fn retention_start_must_wait_until_six_months_have_passed() {
    let early =
        problems_after(|c| c["employments"][0]["retention_start_date"] = json!("2026-10-14"));
    let p = only(&early);
    assert_eq!(p.field, "employments[0].retention_start_date");
    assert!(p.message.contains("2026-10-15"), "{}", p.message);
    let later =
        problems_after(|c| c["employments"][0]["retention_start_date"] = json!("2027-01-01"));
    assert!(later.is_empty(), "a late application is fine: {later:#?}");
}

#[test]
fn retention_start_after_month_end_anchor_uses_the_civil_code_period() {
    // A = 2026-08-31 → month 6 ends 2027-02-28 → earliest S 2027-03-01.
    let set = |s: &'static str| {
        move |c: &mut Value| {
            c["employments"][0]["decision_date"] = json!("2026-08-01");
            c["employments"][0]["start_date"] = json!("2026-08-31");
            c["employments"][0]["retention_start_date"] = json!(s);
        }
    };
    assert_eq!(problems_after(set("2027-02-28")).len(), 1);
    assert!(problems_after(set("2027-03-01")).is_empty());
}

#[test]
fn separation_before_the_anchor_is_refused() {
    let p = problems_after(|c| c["employments"][0]["separation_date"] = json!("2026-04-14"));
    assert_eq!(only(&p).field, "employments[0].separation_date");
    let same_day = problems_after(|c| c["employments"][0]["separation_date"] = json!("2026-04-15"));
    assert!(same_day.is_empty());
}

#[test]
fn report_presented_before_created_is_refused() {
    let p = problems_after(|c| c["reports"][0]["presented"] = json!("2026-10-29"));
    assert_eq!(only(&p).field, "reports[0].presented");
}

#[test]
fn plan_review_before_creation_is_refused() {
    let p = problems_after(|c| c["plans"][0]["reviews"] = json!(["2026-10-14"]));
    assert_eq!(only(&p).field, "plans[0].reviews[0]");
}

#[test]
fn plan_reviews_must_be_oldest_first() {
    let p = problems_after(|c| c["plans"][0]["reviews"] = json!(["2027-04-10", "2027-01-10"]));
    assert_eq!(only(&p).field, "plans[0].reviews[1]");
}

#[test]
fn consent_withdrawn_before_given_is_refused() {
    let p = problems_after(|c| c["consents"][0]["withdrawn"] = json!("2026-05-19"));
    assert_eq!(only(&p).field, "consents[0].withdrawn");
}

#[test]
fn unknown_obligation_id_is_refused() {
    let p = problems_after(|c| {
        c["contacts"][0]["obligations"] = json!(["m23.confirm_intent", "m23.confirm"]);
    });
    let p = only(&p);
    assert_eq!(p.field, "contacts[0].obligations[1]");
    assert!(p.message.contains("「m23.confirm」"), "{}", p.message);
}

#[test]
fn escape_sequence_in_a_summary_is_refused() {
    let p = problems_after(|c| c["contacts"][0]["summary"] = json!("確認\u{1b}[2J済"));
    let p = only(&p);
    assert_eq!(p.field, "contacts[0].summary");
    assert!(p.message.contains("エスケープシーケンス"), "{}", p.message);
}

#[test]
fn control_character_in_a_name_is_refused() {
    let p = problems_after(|c| c["name"] = json!("山田\u{7}太郎"));
    assert!(only(&p).message.contains("U+0007"), "{}", p[0].message);
}

#[test]
fn newlines_are_fine_in_a_summary_but_not_in_a_name() {
    let summary = problems_after(|c| c["contacts"][0]["summary"] = json!("一行目\n二行目\tタブ"));
    assert!(summary.is_empty(), "{summary:#?}");
    let name = problems_after(|c| c["name"] = json!("山田\n太郎"));
    assert!(only(&name).message.contains("改行"), "{}", name[0].message);
}

#[test]
fn over_long_text_is_refused_with_the_fields_own_limit() {
    use crate::fields::{client, contact};
    let long_summary = "あ".repeat(contact::SUMMARY.max + 1);
    let p = problems_after(|c| c["contacts"][0]["summary"] = json!(long_summary));
    assert_eq!(only(&p).message, "支援内容は10000字までです（いま10001字）");
    let ok =
        problems_after(|c| c["contacts"][0]["summary"] = json!("あ".repeat(contact::SUMMARY.max)));
    assert!(ok.is_empty());
    // The name is printed on the 支援レポート: a name that would refuse
    // every save of the client's reports is refused here already.
    let long_name = "山".repeat(47);
    let p = problems_after(|c| c["name"] = json!(long_name));
    assert_eq!(only(&p).field, "name");
    assert_eq!(
        p[0].message,
        format!("氏名は{}字までです（いま47字）", client::NAME.max)
    );
}

#[test]
fn validate_alone_checks_a_document_built_in_code() {
    let mut doc = parse_document(SPEC_EXAMPLE).expect("valid");
    doc.clients[0].employments[0].start_date = None;
    let p = validate(&doc);
    assert_eq!(only(&p).field, "employments[0].start_date");
}

#[test]
fn a_client_with_very_many_problems_says_the_rest_was_not_checked() {
    let p = problems_after(|c| {
        let bad = json!({"date": "2026-02-30", "counterpart": "client", "method": "phone", "place": "office"});
        c["contacts"] = Value::Array(vec![bad; 150]);
    });
    assert_eq!(p.len(), 101, "{:#?}", &p[..3]);
    assert!(
        p[100].message.contains("残りは確認していません"),
        "{}",
        p[100]
    );
}
