//! Bounded fuzzing of the contact form's conversion (256 cases per
//! property): whatever is typed or pasted into a field, the form never
//! crashes; it gives a contact the rule set accepts, or a message under
//! the field that was typed into.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{Values, contact_defaults, contact_from_values, contact_specs};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// Reference days from 2000 to 2099.
fn today() -> impl Strategy<Value = NaiveDate> {
    (0i64..36_500).prop_map(|n| {
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default() + chrono::Duration::days(n)
    })
}

/// What lands in a field: anything, Japanese text with controls and
/// invisible characters mixed in, dates and times as people type them,
/// and a long paste.
fn typed() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "面談",
        "14:30",
        "１４時３０分",
        "2026-04-30",
        "R8.4.30",
        "令和8年4月30日",
        "4/30",
        "今日",
        "+3d",
        "-1w",
        "client",
        "employer",
        "video",
        "office",
        "m23.confirm_intent",
        " ",
        "\n",
        "\t",
        "\r",
        "\u{1b}[2J",
        "\u{1b}]0;x\u{7}",
        "\u{9b}",
        "\u{202e}",
        "\u{2066}",
        "\u{200b}",
        "\u{feff}",
        "\u{0}",
        "😀",
        "ｱｲｳ",
    ]);
    prop_oneof![
        any::<String>(),
        prop::collection::vec(piece, 0..8).prop_map(|v| v.concat()),
        (1usize..12_000).prop_map(|n| "あ".repeat(n)),
    ]
}

fn japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

/// The form as it opens, with something in 内容 so that it can be saved.
fn valid(today: NaiveDate) -> Values {
    let mut v = contact_defaults(today, None);
    v.insert("summary".into(), "面談".into());
    v
}

proptest! {
    #![proptest_config(config())]

    /// One field typed into: a contact that passes the rule set, holding
    /// what was typed, or messages under that field only.
    #[test]
    fn anything_typed_into_one_field_saves_a_valid_contact_or_is_refused_under_it(
        field in prop::sample::select(contact_specs(&[]).into_iter().map(|s| s.id).collect::<Vec<_>>()),
        text in typed(),
        today in today(),
    ) {
        let mut v = valid(today);
        v.insert(field.clone(), text.clone());
        match contact_from_values(&v, today, "tanaka") {
            Ok(c) => {
                prop_assert!(crate::validate::contact(&c, today).is_empty(), "{c:?}");
                let kept = match field.as_str() {
                    "summary" => Some(&c.summary),
                    "counterpart_detail" => Some(&c.counterpart_detail),
                    "method_detail" => Some(&c.method_detail),
                    "place_detail" => Some(&c.place_detail),
                    _ => None,
                };
                if let Some(kept) = kept {
                    prop_assert_eq!(kept.as_str(), crate::text::trim_input(&text), "saved as typed");
                }
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for (f, m) in &errors {
                    prop_assert_eq!(*f, field.as_str(), "{}", m);
                    prop_assert!(japanese(m), "{m}");
                }
            }
        }
    }

    /// Every field typed into at once: never a panic, and every message
    /// stands under a field of the form.
    #[test]
    fn anything_typed_into_every_field_is_saved_valid_or_refused_by_field(
        texts in prop::collection::vec(typed(), 10),
        today in today(),
    ) {
        let specs = contact_specs(&[]);
        let mut v = valid(today);
        for (spec, text) in specs.iter().zip(texts) {
            v.insert(spec.id.clone(), text);
        }
        match contact_from_values(&v, today, "tanaka") {
            Ok(c) => prop_assert!(crate::validate::contact(&c, today).is_empty(), "{c:?}"),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for (f, m) in &errors {
                    prop_assert!(specs.iter().any(|s| s.id == *f), "{f}: {m}");
                    prop_assert!(japanese(m), "{m}");
                }
            }
        }
    }
}
