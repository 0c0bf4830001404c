//! Property: for any value of a field — around its limit, blank, with an
//! invisible character or a line break — the command line, the form and
//! import give the same verdict in the same words.

use proptest::prelude::*;

use super::{Case, Import, case, cli_message, form_message, import_message};

/// Characters every way in refuses, and some it takes.
const ODD: &[&str] = &[
    "",
    "\u{00AD}",
    "\u{2028}",
    "\u{2029}",
    "\u{3164}",
    "\u{FFF9}",
    "\u{E0041}",
    "\u{180E}",
    "\u{034F}",
    "\u{2061}",
    "\u{200B}",
    "\u{202E}",
    "\u{1b}[31m",
    "\u{7}",
    "\n",
    "\t",
    "葛\u{E0100}",
];

/// A value of `around` characters give or take two (or blank), with one
/// of `ODD` somewhere in it.
fn value(around: usize) -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(0usize), Just(1), around - 2..=around + 2],
        prop::sample::select(ODD),
        0usize..=100,
        prop::sample::select(&["", " ", "\n "][..]),
    )
        .prop_map(|(n, odd, at, pad)| {
            let body = "あ".repeat(n);
            let cut = body
                .char_indices()
                .nth(at * n / 100)
                .map_or(body.len(), |(i, _)| i);
            format!("{pad}{}{odd}{}{pad}", &body[..cut], &body[cut..])
        })
}

/// The three answers for `c`, each `None` when it accepts the value.
fn verdicts(c: &Case) -> (Option<String>, Option<String>, Option<String>) {
    let cli = c.option.map(|o| cli_message(o, &c.value)).and_then(|m| {
        let words: Vec<&str> = m
            .lines()
            .filter_map(|l| l.strip_prefix(&format!("{}: ", c.option.unwrap_or_default())))
            .collect();
        (!m.is_empty()).then(|| words.join("\n"))
    });
    (cli, form_message(c), import_message(c))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_summary_gets_one_verdict_from_the_cli_the_form_and_import(v in value(10_000)) {
        let c = case("summary", &v, Some("--summary"), Import::Same);
        let (cli, form, import) = verdicts(&c);
        prop_assert_eq!(&form, &import, "form and import");
        prop_assert_eq!(&cli, &form, "command line and form");
    }

    #[test]
    fn a_detail_gets_one_verdict_from_the_form_and_import(v in value(20)) {
        let c = case("place_detail", &v, None, Import::Same);
        let (_, form, import) = verdicts(&c);
        prop_assert_eq!(form, import);
    }
}

/// The new-client form's words for `name`, one a line.
fn form_name(name: &str) -> Option<String> {
    let mut v = crate::tui::record_forms::new_client_defaults("tanaka", true);
    v.insert("external_id".into(), "C001".into());
    v.insert("employer".into(), "JS工業".into());
    v.insert("start_date".into(), "2026-04-15".into());
    v.insert("name".into(), name.into());
    let today = super::today();
    let errors = crate::tui::record_forms::new_client_from_values(&v, today).err()?;
    let mine: Vec<String> = errors
        .into_iter()
        .filter(|(f, _)| *f == "name")
        .map(|(_, m)| m)
        .collect();
    (!mine.is_empty()).then(|| mine.join("\n"))
}

/// Import's words for the client's `name`, one a line.
fn import_name(name: &str) -> Option<String> {
    let doc = serde_json::json!({"clients": [{
        "external_id": "C001", "name": name,
        "employments": [{"employer": {"name": "JS工業"}, "support_type": "standard",
                         "start_date": "2026-04-15"}]
    }]});
    let problems = crate::interchange::parse_document(&doc.to_string(), super::today()).err()?;
    let mine: Vec<String> = problems
        .into_iter()
        .filter(|p| p.field == "name")
        .map(|p| p.message)
        .collect();
    (!mine.is_empty()).then(|| mine.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The name the 支援レポート prints: its limit is the form's, wherever
    /// the name is entered.
    #[test]
    fn a_client_name_gets_one_verdict_from_the_form_and_import(v in value(40)) {
        prop_assert_eq!(form_name(&v), import_name(&v));
    }
}
