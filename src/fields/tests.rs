use super::*;

#[test]
fn a_value_over_the_limit_is_refused_with_the_limit_and_its_length() {
    let p = contact::SUMMARY.problems(&"あ".repeat(10_123));
    assert_eq!(
        p,
        vec!["支援内容は10000字までです（いま10123字）".to_string()]
    );
    assert!(contact::SUMMARY.problems(&"あ".repeat(10_000)).is_empty());
}

#[test]
fn every_problem_of_a_value_is_said_at_once() {
    let value = format!("{}\n\u{2028}\u{200b}", "あ".repeat(45));
    let p = client::NAME.problems(&value);
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(p[0].contains("改行やタブ"), "{p:#?}");
    assert!(p[1].contains("U+2028"), "{p:#?}");
    assert!(p[2].contains("U+200B"), "{p:#?}");
    assert_eq!(p[3], "氏名は40字までです（いま48字）");
}

#[test]
fn a_required_field_left_blank_is_named() {
    assert_eq!(
        contact::SUMMARY.problems("  \n"),
        vec!["支援内容が空です。入力してください".to_string()]
    );
    assert!(client::KANA.problems("").is_empty());
}

#[test]
fn each_invisible_character_of_the_issue_is_refused_in_free_text() {
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
        '\u{115F}',
        '\u{1160}',
        '\u{FFA0}',
        '\u{202E}',
        '\u{2066}',
        '\u{FEFF}',
    ] {
        let p = contact::SUMMARY.problems(&format!("面{c}談"));
        assert_eq!(p.len(), 1, "U+{:04X}: {p:?}", c as u32);
        assert!(
            p[0].contains(&format!("U+{:04X}", c as u32)),
            "U+{:04X}: {p:?}",
            c as u32
        );
    }
    // A kanji's variant (異体字) is written with a variation selector: kept.
    assert!(client::NAME.problems("葛\u{E0100}城").is_empty());
    assert!(contact::SUMMARY.problems("一行目\n\t二行目").is_empty());
}

#[test]
fn the_help_of_an_option_says_what_the_field_takes() {
    assert_eq!(
        contact::SUMMARY.help(),
        "支援内容 (必須、改行可、10000字まで)"
    );
    assert_eq!(
        office::NUMBER.help(),
        "事業所番号 (半角数字10桁、1行、10字まで)"
    );
}

#[test]
fn the_keys_of_each_record_are_its_own() {
    for all in [
        client::ALL,
        employment::ALL,
        contact::ALL,
        report::ALL,
        plan::ALL,
        consent::ALL,
        handover::ALL,
        conference::ALL,
        closure::ALL,
        resolution::ALL,
        office::ALL,
    ] {
        for f in all {
            assert_eq!(find(all, f.key), Some(*f));
            assert!(!f.is_text() || f.max > 0, "{}", f.key);
        }
    }
}

/// A contact's 方法・場所 is printed in the 支援レポート's table as its
/// name with the detail in brackets: the detail's limit is what the cell
/// leaves after the longest name.
#[test]
fn a_contacts_details_fit_the_reports_cells_after_the_longest_name() {
    use crate::model::{Method, Place};
    let def = crate::document_forms::report_form();
    let Some(table) = def.sections.iter().find_map(|s| s.table.as_ref()) else {
        panic!("the report has its table of contacts");
    };
    let cell = |id: &str| {
        table
            .columns
            .iter()
            .find(|c| c.id == id)
            .map_or(0, |c| c.max)
    };
    let longest = |names: Vec<&str>| names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let methods = longest(Method::ALL.iter().map(|m| m.label()).collect());
    let places = longest(Place::ALL.iter().map(|p| p.label()).collect());
    assert!(methods + 2 + contact::METHOD_DETAIL.max <= cell("method"));
    assert!(places + 2 + contact::PLACE_DETAIL.max <= cell("place"));
}

/// A field a document fills from the records holds at most what the
/// document prints: the printed form's limit is the record field's.
#[test]
fn a_document_field_filled_from_the_records_has_the_record_fields_limit() {
    for def in [
        crate::document_forms::report_form(),
        crate::document_forms::plan_form(),
    ] {
        for f in def.all_fields() {
            if let Some(field) = crate::document_forms::identity_fields::source(&f.id) {
                assert_eq!(f.max, Some(field.max), "{} {}", def.id, f.id);
            }
        }
    }
    assert_eq!(client::NAME.max, 40);
}
