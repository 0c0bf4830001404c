//! One rule set at every entry point: the same bad value given to the
//! command line, to the TUI's form layer and to import is refused for the
//! same field with the same message.

use chrono::NaiveDate;
use clap::Parser;

use super::{Cli, Command, contacts};
use crate::store::test_support::store;
use crate::{interchange, tui};

#[path = "verdict_props.rs"]
mod verdict_props;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

/// What import does with the value in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Import {
    /// Refuses it with the same message.
    Same,
    /// Refuses it for the same field in the file format's own words: a
    /// file holds dates as YYYY-MM-DD and times as HH:MM, not as typed.
    FormatWords,
}

/// One bad value of a contact field: the record field (the form's field
/// id and the file's key too), the value as typed, its `contact add`
/// option (None: the shell has no such option), whether the form has the
/// field, and what import does.
struct Case {
    field: &'static str,
    value: String,
    option: Option<&'static str>,
    form: bool,
    import: Import,
}

fn case(field: &'static str, value: &str, option: Option<&'static str>, import: Import) -> Case {
    Case {
        field,
        value: value.to_string(),
        option,
        form: true,
        import,
    }
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    use Import::*;
    let over = |n: usize| "あ".repeat(n);
    vec![
        case("summary", &over(10_001), Some("--summary"), Same),
        case("summary", "記録\u{1b}]52;c;Zm9v\u{7}", Some("--summary"), Same),
        case("summary", "逆順\u{202e}txt.exe", Some("--summary"), Same),
        case("summary", "面\u{200b}談", Some("--summary"), Same),
        case("summary", "記録\u{9b}31m", Some("--summary"), Same),
        case("summary", "電話\u{7}", Some("--summary"), Same),
        case("date", "1899-12-31", Some("--date"), Same),
        case("date", "2206-04-01", Some("--date"), Same),
        // Things done cannot be dated after today, in a file as in a form.
        case("date", "2026-12-25", Some("--date"), Same),
        case("summary", "", Some("--summary"), Same),
        case("summary", "面\u{2028}談", Some("--summary"), Same),
        case("summary", "面\u{e0041}談", Some("--summary"), Same),
        case("place_detail", &over(21), None, Same),
        case("date", "2026-02-30", Some("--date"), FormatWords),
        case("date", "R1.4.30", Some("--date"), FormatWords),
        case("date", "明治32年1月1日", Some("--date"), FormatWords),
        case("time", "25:00", Some("--time"), FormatWords),
        case("time", "14時75分", Some("--time"), FormatWords),
        case("counterpart_detail", "母\u{1b}[8m", None, Same),
        case("counterpart_detail", &over(201), None, Same),
        case("method_detail", "LINE\n通話", None, Same),
        case("place_detail", "喫茶店\u{202e}", None, Same),
        case("place_detail", "駅前\u{2066}", None, Same),
        // The login who recorded it: the form takes it from the session.
        Case { form: false, ..case("staff", "ta\u{1b}[31mnaka", Some("--staff"), Same) },
        Case { form: false, ..case("staff", &"t".repeat(201), Some("--staff"), Same) },
    ]
}

/// The CLI's refusal, in process: parse the arguments, run the command;
/// each line's message without the option it names.
fn cli_message(option: &str, value: &str) -> String {
    let (_dir, mut s) = store();
    crate::store::test_support::on(&mut s, today());
    crate::store::test_support::client_with_employment(&s, "C001");
    let mut args = vec!["teichaku", "contact", "add", "--client", "C001"];
    if option != "--summary" {
        args.extend(["--summary", "面談"]);
    }
    args.extend([option, value]);
    let cli = Cli::try_parse_from(args).expect("arguments parse");
    let Some(Command::Contact(cmd)) = cli.command else {
        panic!("a contact command");
    };
    match contacts::contact(&s, &cmd, today()) {
        Err(super::CliError(m)) => m,
        Ok(_) => String::new(),
    }
}

/// The form layer's refusal: every message under the field (or under the
/// login the form records with), one a line.
fn form_message(c: &Case) -> Option<String> {
    let mut v = tui::record_forms::contact_defaults(today(), None);
    v.insert("summary".into(), "面談".into());
    let staff = if c.form {
        v.insert(c.field.into(), c.value.clone());
        "tanaka"
    } else {
        c.value.as_str()
    };
    match tui::record_forms::contact_from_values(&v, today(), staff) {
        Err(errors) => {
            let mine: Vec<String> = errors
                .into_iter()
                .filter(|(f, _)| *f == c.field)
                .map(|(_, m)| m)
                .collect();
            (!mine.is_empty()).then(|| mine.join("\n"))
        }
        Ok(_) => None,
    }
}

/// Import's refusal: every problem at `contacts[0].<field>`, one a line.
fn import_message(c: &Case) -> Option<String> {
    let mut contact = serde_json::json!({"date": "2026-11-20", "counterpart": "client",
        "method": "in_person", "place": "office", "summary": "面談"});
    contact[c.field] = serde_json::Value::from(c.value.as_str());
    let doc = serde_json::json!({"clients": [{
        "external_id": "C001", "name": "山田 太郎",
        "employments": [{"employer": {"name": "JS工業"}, "support_type": "standard",
                         "start_date": "2026-04-15"}],
        "contacts": [contact]
    }]});
    match interchange::parse_document(&doc.to_string(), today()) {
        Err(problems) => {
            let mine: Vec<String> = problems
                .into_iter()
                .filter(|p| p.field == format!("contacts[0].{}", c.field))
                .map(|p| p.message)
                .collect();
            (!mine.is_empty()).then(|| mine.join("\n"))
        }
        Ok(_) => None,
    }
}

#[test]
fn the_same_bad_value_is_refused_alike_by_the_cli_the_form_and_import() {
    let all = cases();
    let fields: std::collections::BTreeSet<&str> = all.iter().map(|c| c.field).collect();
    assert!(all.len() >= 20 && fields.len() >= 6, "{fields:?}");
    for c in all {
        let shown = crate::text::for_display(&c.value)
            .chars()
            .take(20)
            .collect::<String>();
        let imported = import_message(&c);
        let form = form_message(&c);
        // The words every entry point that refuses the value must use.
        let words = match (&form, &imported) {
            (Some(f), _) => f.clone(),
            (None, Some(i)) if !c.form => i.clone(),
            _ => panic!("{}: the form refuses {shown}", c.field),
        };
        if let Some(option) = c.option {
            let each_line: Vec<String> = words.lines().map(|w| format!("{option}: {w}")).collect();
            assert_eq!(
                cli_message(option, &c.value),
                each_line.join("\n"),
                "CLI and form differ for {shown}"
            );
        }
        match (c.import, imported) {
            (Import::Same, Some(m)) => assert_eq!(m, words, "import and form differ for {shown}"),
            (Import::FormatWords, Some(m)) => assert_ne!(m, words, "{shown}: say so in the table"),
            (want, got) => panic!(
                "{}: import of {shown}: {want:?} expected, got {got:?}",
                c.field
            ),
        }
    }
}

/// The 利用意向 goes with the step that confirms it. Each entry point
/// names its own way of choosing that step: the form its 対応する項目
/// field, the shell --fulfils.
#[test]
fn an_intent_without_the_step_that_confirms_it_is_refused_by_the_form_and_the_cli() {
    let mut v = tui::record_forms::contact_defaults(today(), None);
    v.insert("intent".into(), "wants".into());
    let errors = tui::record_forms::intent_from_values(&v).expect_err("refused");
    assert_eq!(errors[0].0, "intent");
    assert!(
        errors[0].1.contains("対応する項目") && errors[0].1.contains("利用意向の確認"),
        "{errors:?}"
    );
    v.insert("obligation".into(), "m23.confirm_intent".into());
    assert_eq!(
        tui::record_forms::intent_from_values(&v),
        Ok(Some(crate::model::Intent::Wants))
    );
    let cli = cli_message("--intent", "wants");
    assert!(
        cli.starts_with("--intent:") && cli.contains("--fulfils m23.confirm_intent"),
        "{cli}"
    );
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
    let Some(Command::Contact(contacts::ContactCommand::Add(a))) = cli.command else {
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

/// A command with several problems says them all at once: a time that
/// cannot be read does not hide a date after today or an empty 支援内容.
#[test]
fn every_problem_of_a_contact_is_said_at_once_by_the_cli_and_the_form() {
    let (_dir, mut s) = store();
    crate::store::test_support::on(&mut s, today());
    crate::store::test_support::client_with_employment(&s, "C001");
    let args = [
        "teichaku",
        "contact",
        "add",
        "--client",
        "C001",
        "--time",
        "25:00",
        "--date",
        "2026-12-25",
        "--method",
        "fax",
    ];
    let cli = Cli::try_parse_from(args).expect("arguments parse");
    let Some(Command::Contact(cmd)) = cli.command else {
        panic!("a contact command");
    };
    let Err(super::CliError(m)) = contacts::contact(&s, &cmd, today()) else {
        panic!("refused");
    };
    let options: Vec<&str> = m
        .lines()
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(
        options,
        ["--time", "--method", "--date", "--summary"],
        "{m}"
    );
    assert!(
        m.contains("2026-12-25") && m.contains("支援内容が空です"),
        "{m}"
    );

    let mut v = tui::record_forms::contact_defaults(today(), None);
    v.insert("time".into(), "25:00".into());
    v.insert("date".into(), "2026-12-25".into());
    v.insert("method".into(), "fax".into());
    let errors =
        tui::record_forms::contact_from_values(&v, today(), "tanaka").expect_err("refused");
    let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, ["time", "method", "date", "summary"], "{errors:?}");
}

/// `employment add` says an unreadable day and an empty employer at once.
#[test]
fn every_problem_of_a_new_employment_is_said_at_once() {
    let (_dir, mut s) = store();
    crate::store::test_support::on(&mut s, today());
    crate::store::test_support::client_with_employment(&s, "C001");
    let args = [
        "teichaku",
        "employment",
        "add",
        "--client",
        "C001",
        "--employer",
        " ",
        "--start",
        "2026-02-30",
        "--type",
        "weekly",
    ];
    let cli = Cli::try_parse_from(args).expect("arguments parse");
    let Some(Command::Employment(cmd)) = cli.command else {
        panic!("an employment command");
    };
    let Err(super::CliError(m)) = super::record_commands::employment(&s, &cmd, today()) else {
        panic!("refused");
    };
    let options: Vec<&str> = m
        .lines()
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(options, ["--start", "--type", "--employer"], "{m}");
    assert!(m.contains("雇用事業主が空です。入力してください"), "{m}");
}

/// `client close` says an unreadable day, an unknown reason and a note
/// it cannot hold at once.
#[test]
fn every_problem_of_a_closure_is_said_at_once() {
    let (_dir, mut s) = store();
    crate::store::test_support::on(&mut s, today());
    crate::store::test_support::client_with_employment(&s, "C001");
    let note = "記録\u{2028}";
    let args = [
        "teichaku", "client", "close", "--client", "C001", "--date", "13月", "--reason", "holiday",
        "--note", note,
    ];
    let cli = Cli::try_parse_from(args).expect("arguments parse");
    let Some(Command::Client(cmd)) = cli.command else {
        panic!("a client command");
    };
    let Err(super::CliError(m)) = super::decisions::client(&s, &cmd, today()) else {
        panic!("refused");
    };
    let options: Vec<&str> = m
        .lines()
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(options, ["--date", "--reason", "--note"], "{m}");
    assert!(m.contains("U+2028"), "{m}");
}
