//! What import refuses that a form refuses too: a key written twice, a
//! day after today, an invisible character; and what its JSON never holds.

use serde_json::json;

use super::tests::{SPEC_EXAMPLE, example, only, parse_document, problems_after};
use super::{Document, to_json};

#[test]
fn a_key_written_twice_is_refused_naming_the_client_and_the_key() {
    let doc = SPEC_EXAMPLE.replacen(
        r#""name": "山田 太郎","#,
        r#""name": "山田 太郎", "name": "山田 次郎","#,
        1,
    );
    let doc = doc.replacen(
        r#""summary": "利用意向を確認","#,
        r#""summary": "利用意向を確認", "summary": "","#,
        1,
    );
    let p = parse_document(&doc).expect_err("refused");
    let shown: Vec<String> = p.iter().map(ToString::to_string).collect();
    assert!(
        shown.contains(
            &"「C001」 name: 「name」が同じ所に2回以上書かれています。どちらか一つにしてください"
                .to_string()
        ),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|s| s.starts_with("「C001」 contacts[0].summary: 「summary」が同じ所に2回")),
        "{shown:#?}"
    );
}

#[test]
fn a_birth_date_or_a_contact_after_today_is_refused_on_import() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let mut doc = example();
    doc["clients"][0]["birth_date"] = json!("2027-01-01");
    doc["clients"][0]["contacts"][0]["date"] = json!("2026-12-02");
    doc["clients"][0]["handovers"] = json!([]);
    doc["clients"][0]["plans"][0]["reviews"] = json!([]);
    let p = crate::interchange::parse_document(&doc.to_string(), today).expect_err("refused");
    let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["birth_date", "contacts[0].date"], "{p:#?}");
    assert!(p.iter().all(|p| p.to_string().starts_with("「C001」")));
    assert!(
        p[0].message
            .contains("生年月日（2027-01-01）が今日（2026-12-01）より後")
    );
}

#[test]
fn invisible_characters_are_refused_naming_the_client_and_the_field() {
    for c in [
        '\u{00AD}',
        '\u{2028}',
        '\u{2029}',
        '\u{3164}',
        '\u{FFF9}',
        '\u{E0041}',
        '\u{180E}',
        '\u{034F}',
        '\u{2061}',
    ] {
        let p = problems_after(|v| v["contacts"][0]["summary"] = json!(format!("面{c}談")));
        let p = only(&p);
        assert_eq!(p.field, "contacts[0].summary", "U+{:04X}", c as u32);
        assert!(
            p.to_string()
                .starts_with("「C001」 contacts[0].summary: 支援内容に")
                && p.message.contains(&format!("U+{:04X}", c as u32)),
            "{p}"
        );
    }
}

#[test]
fn the_json_output_never_holds_a_line_separator_or_an_invisible_character_raw() {
    let mut doc = parse_document(SPEC_EXAMPLE).expect("valid");
    doc.clients[0].contacts[0].summary = "面\u{2028}談\u{2029}\u{E0041}\u{3164}".into();
    let text = to_json(&doc);
    for c in ['\u{2028}', '\u{2029}', '\u{E0041}', '\u{3164}'] {
        assert!(!text.contains(c), "U+{:04X} raw", c as u32);
    }
    assert!(
        text.contains(r"\u2028") && text.contains(r"\u2029"),
        "{text}"
    );
    let back: Document = serde_json::from_str(&text).expect("still JSON");
    assert_eq!(
        back.clients[0].contacts[0].summary,
        doc.clients[0].contacts[0].summary
    );
}
