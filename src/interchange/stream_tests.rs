//! Reading a document client by client gives what reading it whole does:
//! the same clients in order, and the same problems, also when a client
//! is broken or an id is used twice far apart in the file.

use chrono::NaiveDate;
use serde_json::json;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

fn demo_text(clients: usize) -> String {
    to_json(&crate::demo::generate(clients, today()))
}

#[test]
fn each_client_gives_every_client_of_a_checked_document_in_order() {
    let text = demo_text(25);
    assert_eq!(check_document(&text, today()), Ok(25));
    let whole = parse_document(&text, today()).expect("valid");
    let mut streamed = Vec::new();
    each_client(
        &text,
        |m| m,
        |c| {
            streamed.push(c);
            Ok(())
        },
    )
    .expect("streamed");
    assert_eq!(streamed, whole.clients);
}

#[test]
fn each_client_stops_at_the_callers_error_without_reading_further() {
    let text = demo_text(10);
    let mut seen = 0;
    let stopped = each_client(
        &text,
        |m| m,
        |_| {
            seen += 1;
            if seen == 3 {
                Err("stop".to_string())
            } else {
                Ok(())
            }
        },
    );
    assert_eq!(stopped, Err("stop".to_string()));
    assert_eq!(seen, 3);
}

#[test]
fn problems_are_by_position_decoding_first_then_the_rules_then_a_repeated_id() {
    let ok = |id: &str| json!({"external_id": id, "name": "山田 太郎"});
    let doc = json!({"clients": [
        ok("A1"),
        {"external_id": "A2", "name": "x", "birth_date": "1990-02-30", "nickname": 1},
        ok("A3"),
        "not a client",
        ok("A2"),
    ]});
    let problems = check_document(&doc.to_string(), today()).expect_err("refused");
    let at: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.index, p.field.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            (1, "birth_date"),
            (1, "nickname"),
            (1, "external_id"),
            (3, ""),
            (4, "external_id"),
        ],
        "{problems:#?}"
    );
    assert!(
        problems[2].message.contains("2件目・5件目"),
        "{}",
        problems[2]
    );
    // Reading whole says the same.
    assert_eq!(
        parse_document(&doc.to_string(), today()).expect_err("refused"),
        problems
    );
}

#[test]
fn a_top_level_that_is_not_an_object_is_refused_as_before() {
    for text in [r#"[[]]"#, r#"{"clients": 3}"#, r#"{"clients": [] "#] {
        let problems = check_document(text, today()).expect_err(text);
        assert_eq!(problems.len(), 1, "{text}: {problems:?}");
        assert_eq!(problems[0].index, 0);
        assert!(problems[0].field.is_empty());
    }
}
