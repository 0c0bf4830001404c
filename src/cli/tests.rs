//! One rule set at every entry point: the same bad value given to the
//! command line, to the TUI's form layer and to import is refused for the
//! same field with the same message.

use chrono::NaiveDate;
use clap::Parser;

use super::{Cli, Command, records};
use crate::store::test_support::store;
use crate::{interchange, tui};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

/// One bad value: the record field, the CLI option, the form field, the
/// value as typed, and whether a restore (import) refuses it too.
struct Case {
    field: &'static str,
    option: &'static str,
    value: String,
    import_refuses: bool,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            field: "summary",
            option: "--summary",
            value: "あ".repeat(10_001),
            import_refuses: true,
        },
        Case {
            field: "summary",
            option: "--summary",
            value: "記録\u{1b}]52;c;Zm9v\u{7}".into(),
            import_refuses: true,
        },
        Case {
            field: "summary",
            option: "--summary",
            value: "逆順\u{202e}txt.exe".into(),
            import_refuses: true,
        },
        Case {
            field: "date",
            option: "--date",
            value: "1899-12-31".into(),
            import_refuses: true,
        },
        Case {
            field: "date",
            option: "--date",
            value: "2206-04-01".into(),
            import_refuses: true,
        },
        // Things done cannot be dated after today when a person enters them;
        // a restore of an office's own records does not apply that one rule.
        Case {
            field: "date",
            option: "--date",
            value: "2026-12-25".into(),
            import_refuses: false,
        },
    ]
}

/// The CLI's refusal, in process: parse the arguments, run the command.
fn cli_message(c: &Case) -> String {
    let (_dir, mut s) = store();
    s.set_today(today());
    crate::store::test_support::client_with_employment(&s, "C001");
    let mut args = vec!["teichaku", "contact", "add", "--client", "C001"];
    let value = c.value.clone();
    args.extend([c.option, value.as_str()]);
    let cli = Cli::try_parse_from(args).expect("arguments parse");
    let Some(Command::Contact(cmd)) = cli.command else {
        panic!("a contact command");
    };
    match records::contact(&s, &cmd, today()) {
        Err(super::CliError(m)) => m,
        Ok(_) => String::new(),
    }
}

/// The form layer's refusal: the message under the field.
fn form_message(c: &Case) -> Option<String> {
    let mut v = tui::record_forms::contact_defaults(today(), None);
    v.insert("summary".into(), "面談".into());
    v.insert(c.field.into(), c.value.clone());
    match tui::record_forms::contact_from_values(&v, today(), "tanaka") {
        Err(errors) => errors
            .into_iter()
            .find(|(f, _)| *f == c.field)
            .map(|(_, m)| m),
        Ok(_) => None,
    }
}

/// Import's refusal: the problem at `contacts[0].<field>`.
fn import_message(c: &Case) -> Option<String> {
    let doc = serde_json::json!({"clients": [{
        "external_id": "C001", "name": "山田 太郎",
        "employments": [{"employer": {"name": "JS工業"}, "support_type": "standard",
                         "start_date": "2026-04-15"}],
        "contacts": [{"date": if c.field == "date" { c.value.as_str() } else { "2026-11-20" },
                      "counterpart": "client", "method": "in_person", "place": "office",
                      "summary": if c.field == "summary" { c.value.as_str() } else { "面談" }}]
    }]});
    match interchange::parse_document(&doc.to_string(), today()) {
        Err(problems) => problems
            .into_iter()
            .find(|p| p.field == format!("contacts[0].{}", c.field))
            .map(|p| p.message),
        Ok(_) => None,
    }
}

#[test]
fn the_same_bad_value_is_refused_alike_by_the_cli_the_form_and_import() {
    for c in cases() {
        let shown = crate::text::for_display(&c.value)
            .chars()
            .take(20)
            .collect::<String>();
        let form = form_message(&c).unwrap_or_else(|| panic!("the form refuses {shown}"));
        let cli = cli_message(&c);
        assert_eq!(
            cli,
            format!("{}: {form}", c.option),
            "CLI and form differ for {shown}"
        );
        match import_message(&c) {
            Some(m) => {
                assert!(c.import_refuses, "import refused {shown}");
                assert_eq!(m, form, "import and form differ for {shown}");
            }
            None => assert!(!c.import_refuses, "import accepted {shown}"),
        }
    }
}

/// `-1w` is a date (README: dates), and a summary may start with a dash:
/// both are values, not options. A negative number reaches the check that
/// names its option.
#[test]
fn values_that_begin_with_a_dash_are_values_not_options() {
    let cli = Cli::try_parse_from([
        "teichaku",
        "--today",
        "-1w",
        "contact",
        "add",
        "--client",
        "C001",
        "--date",
        "-1d",
        "--summary",
        "- 体調確認",
    ])
    .expect("arguments parse");
    assert_eq!(cli.global.today.as_deref(), Some("-1w"));
    let Some(Command::Contact(records::ContactCommand::Add(a))) = cli.command else {
        panic!("contact add");
    };
    assert_eq!((a.date.as_str(), a.summary.as_str()), ("-1d", "- 体調確認"));
    for args in [
        &["teichaku", "due", "--within", "-1", "--from", "-2w"][..],
        &["teichaku", "settings", "warn_days", "-5"],
        &[
            "teichaku",
            "employment",
            "end",
            "--client",
            "C001",
            "--date",
            "-3d",
        ],
    ] {
        assert!(Cli::try_parse_from(args).is_ok(), "{args:?}");
    }
}
