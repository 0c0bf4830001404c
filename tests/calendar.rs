//! The calendar (`due --format ics`), `due --fail-on`, `due -o` and
//! `agenda`, through the built binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use icalendar::{Component, DatePerhapsTime, TodoStatus};

const TODAY: &str = "2026-11-23";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_teichaku"));
    c.env_remove("TEICHAKU_DB")
        .env_remove("TEICHAKU_TODAY")
        .env("NO_COLOR", "1");
    c
}

fn run_on(db: &Path, today: &str, args: &[&str]) -> Output {
    bin()
        .arg("--db")
        .arg(db)
        .args(["--today", today])
        // Writes are judged by the clock's day: the test's day.
        .env("TEICHAKU_CLOCK", today)
        .args(args)
        .output()
        .expect("run teichaku")
}

fn run(db: &Path, args: &[&str]) -> Output {
    run_on(db, TODAY, args)
}

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn text(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn demo(dir: &Path, clients: &str) -> PathBuf {
    let db = dir.join("t.db");
    ok(run(&db, &["demo", "--clients", clients]));
    db
}

/// The calendar read back by an iCalendar parser: its VTODOs.
fn todos(ics: &str) -> Vec<icalendar::Todo> {
    let unfolded = icalendar::parser::unfold(ics);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("the output is iCalendar");
    let cal: icalendar::Calendar = parsed.into();
    cal.todos().cloned().collect()
}

/// UID → (DUE, STATUS) of a calendar.
fn by_uid(ics: &str) -> BTreeMap<String, (String, Option<TodoStatus>)> {
    todos(ics)
        .iter()
        .map(|t| {
            let due = match t.get_due().expect("every item has a DUE") {
                DatePerhapsTime::Date(d) => d.to_string(),
                other => panic!("DUE is a DATE, not {other:?}"),
            };
            (
                t.get_uid().expect("every item has a UID").to_string(),
                (due, t.get_status()),
            )
        })
        .collect()
}

fn due_json_len(db: &Path, args: &[&str]) -> usize {
    let mut all = vec!["due", "--format", "json"];
    all.extend_from_slice(args);
    let rows: Vec<serde_json::Value> =
        serde_json::from_slice(&ok(run(db, &all)).stdout).expect("JSON");
    rows.len()
}

#[test]
fn the_calendar_has_one_todo_per_listed_item_and_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "40");
    for args in [
        &[][..],
        &["--all", "--within", "60"][..],
        &["--staff", "tanaka"][..],
        &["--required", "--within", "90"][..],
        &["--client", "D00011", "--all", "--from", "2020-01-01"][..],
    ] {
        let mut ics_args = vec!["due", "--format", "ics"];
        ics_args.extend_from_slice(args);
        let ics = text(&ok(run(&db, &ics_args)));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
        assert!(
            ics.split_inclusive('\n').all(|l| l.ends_with("\r\n")),
            "every line ends in CRLF"
        );
        assert!(
            ics.split("\r\n").all(|l| l.len() <= 75),
            "lines folded at 75 octets"
        );
        let items = todos(&ics);
        let expected = due_json_len(&db, args);
        assert!(expected > 0, "{args:?} lists something");
        assert_eq!(items.len(), expected, "{args:?}");
        // A UID names one item: two alike would merge in a calendar.
        assert_eq!(by_uid(&ics).len(), expected, "UIDs unique for {args:?}");
        for t in &items {
            assert!(t.get_timestamp().is_some(), "DTSTAMP");
            let summary = t.get_summary().expect("SUMMARY");
            assert!(summary.contains(" (D000"), "client and ID: {summary}");
            assert!(t.get_priority().is_some(), "PRIORITY");
        }
        // The worker is named as a person reads them, not by login alone.
        if args == ["--staff", "tanaka"] {
            let unfolded = icalendar::parser::unfold(&ics);
            assert!(unfolded.contains("担当: 田中 美咲（tanaka）"), "{unfolded}");
        }
    }
}

#[test]
fn uids_stay_the_same_across_runs_and_writes_and_a_completed_item_updates_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "20");
    let args = ["due", "--format", "ics", "--all", "--within", "60"];
    let first = text(&ok(run(&db, &args)));
    let second = text(&ok(run(&db, &args)));
    assert_eq!(
        first, second,
        "the same data on the same day: the same bytes"
    );
    let before = by_uid(&first);

    // An open item of one client, completed by a contact.
    let rows: Vec<serde_json::Value> = serde_json::from_slice(
        &ok(run(
            &db,
            &["due", "--format", "json", "--all", "--within", "60"],
        ))
        .stdout,
    )
    .expect("JSON");
    let open = rows
        .iter()
        .find(|r| r["status"] == "due_soon" && r["obligation"] == "ret.monthly_face_to_face")
        .expect("a due-soon monthly contact in the demo");
    let client = open["external_id"].as_str().expect("id");
    let period = open["period"].as_str().expect("period");
    ok(run(
        &db,
        &[
            "contact",
            "add",
            "--client",
            client,
            "--date",
            TODAY,
            "--method",
            "in_person",
            "--summary",
            "面談",
        ],
    ));
    let after = by_uid(&text(&ok(run(&db, &args))));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no item gained, lost or renamed"
    );
    // The demo office has a 事業所番号, which the UIDs carry after the @.
    let prefix = format!("{client}/ret.monthly_face_to_face/{period}@teichaku");
    let uid = before
        .keys()
        .find(|k| k.starts_with(&prefix))
        .cloned()
        .unwrap_or(prefix);
    assert!(uid.ends_with("@teichaku-1310000000"), "{uid}");
    assert_eq!(before[&uid].1, Some(TodoStatus::NeedsAction));
    assert_eq!(after[&uid].1, Some(TodoStatus::Completed), "{uid}");
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    assert!(
        changed.iter().all(|k| k.starts_with(&format!("{client}/"))),
        "only the client's items changed: {changed:?}"
    );
}

#[test]
fn fail_on_exits_3_when_such_items_are_listed_0_when_not_and_1_on_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    ok(run(&db, &["import", fixture.to_str().expect("utf8")]));
    let code = |today: &str, what: &str| {
        let o = run_on(&db, today, &["due", "--fail-on", what]);
        (o.status.code(), text(&o))
    };
    // Before the job is decided: nothing due.
    assert_eq!(code("2026-03-01", "due-soon").0, Some(0));
    assert_eq!(code("2026-03-01", "overdue").0, Some(0));
    // Ten days before the first due day: due soon, nothing overdue yet.
    let (soon, listed) = code("2026-04-04", "due-soon");
    assert_eq!(soon, Some(3));
    assert!(listed.contains("期限間近"), "the list is printed: {listed}");
    assert_eq!(code("2026-04-04", "overdue").0, Some(0));
    // After it: overdue, which due-soon includes.
    assert_eq!(code("2026-04-20", "overdue").0, Some(3));
    assert_eq!(code("2026-04-20", "due-soon").0, Some(3));
    // An error is 1, never 3.
    let o = run(&db, &["due", "--staff", "nobody", "--fail-on", "overdue"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--staff"));
    let help = text(&ok(run(&db, &["due", "--help"])));
    assert!(
        help.contains("--fail-on") && help.contains("3 = "),
        "{help}"
    );
}

#[test]
fn output_goes_to_a_new_file_and_replaces_one_only_with_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "10");
    let file = dir.path().join("due.ics");
    let f = file.to_str().expect("utf8");
    let o = ok(run(&db, &["due", "--format", "ics", "-o", f]));
    assert!(o.stdout.is_empty());
    let shown = text(&ok(run(&db, &["due", "--format", "ics"])));
    assert_eq!(std::fs::read_to_string(&file).expect("written"), shown);
    let o = run(&db, &["due", "--format", "ics", "-o", f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    ok(run(
        &db,
        &["due", "--all", "--format", "ics", "-o", f, "--force"],
    ));
    assert!(todos(&std::fs::read_to_string(&file).expect("replaced")).len() > todos(&shown).len());
    // The list left the screen: recorded.
    let audit = text(&ok(run(&db, &["audit", "--limit", "3"])));
    assert!(audit.contains("期限一覧"), "{audit}");
}

/// The spec example's client (tanaka), another with the same days for
/// suzuki, and one without a worker.
fn three_clients(db: &Path) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture).expect("fixture")).expect("JSON");
    let first = doc["clients"][0].clone();
    let mut second = first.clone();
    second["external_id"] = "C002".into();
    second["name"] = "佐藤 花子".into();
    second["assigned_staff"] = "suzuki".into();
    let mut third = first.clone();
    third["external_id"] = "C003".into();
    third["name"] = "石川 達也".into();
    third["assigned_staff"] = serde_json::Value::Null;
    doc["clients"] = serde_json::json!([first, second, third]);
    let file = db.with_extension("json");
    std::fs::write(&file, doc.to_string()).expect("write");
    ok(run(db, &["import", file.to_str().expect("utf8")]));
    for (login, name) in [("tanaka", "田中 美咲"), ("suzuki", "鈴木 健一")] {
        ok(run(db, &["staff", "add", login, "--name", name]));
    }
}

#[test]
fn agenda_lists_each_workers_items_by_client_with_a_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    three_clients(&db);
    // 4/20: two steps of ①就職前 overdue (4/14), the 市町村 report due soon (4/29).
    let o = ok(run_on(&db, "2026-04-20", &["agenda"]));
    let (agenda, head) = text(&o)
        .rsplit_once("\n\n")
        .map(|(a, h)| (format!("{a}\n"), h.to_string()))
        .expect("the chain's head after a blank line");
    assert!(head.starts_with("連鎖の先頭: "), "{head}");
    assert_eq!(
        agenda,
        "期限超過・期限間近の項目（基準日 令和8年4月20日）

■ 鈴木 健一（suzuki）  期限超過 2 件、期限間近 1 件、利用者 1 名
  C002 佐藤 花子
    4月14日  期限超過  ニーズ把握・相談
    4月14日  期限超過  定着支援の情報提供
    4月29日  期限間近  市町村へ就職報告

■ 田中 美咲（tanaka）  期限超過 2 件、期限間近 1 件、利用者 1 名
  C001 山田 太郎
    4月14日  期限超過  ニーズ把握・相談
    4月14日  期限超過  定着支援の情報提供
    4月29日  期限間近  市町村へ就職報告

■ 担当者なし  期限超過 2 件、期限間近 1 件、利用者 1 名
  C003 石川 達也
    4月14日  期限超過  ニーズ把握・相談
    4月14日  期限超過  定着支援の情報提供
    4月29日  期限間近  市町村へ就職報告
"
    );
    // One worker; and a worker with nothing due.
    let mine = text(&ok(run_on(
        &db,
        "2026-04-20",
        &["agenda", "--staff", "tanaka"],
    )));
    assert!(
        mine.contains("■ 田中 美咲（tanaka）") && !mine.contains("C002"),
        "{mine}"
    );
    // On the day the job was decided nothing is near yet.
    let o = ok(run_on(&db, "2026-03-20", &["agenda", "--staff", "tanaka"]));
    let nothing = text(&o);
    let lines: Vec<&str> = nothing.lines().collect();
    assert_eq!(
        lines.first(),
        Some(&"期限の近い項目はありません"),
        "{nothing}"
    );
    assert!(
        lines.last().is_some_and(|l| l.starts_with("連鎖の先頭: ")),
        "{nothing}"
    );
    // --within: everything due in that many days, whatever its status.
    let ahead = text(&ok(run_on(
        &db,
        "2026-03-20",
        &["agenda", "--staff", "tanaka", "--within", "45"],
    )));
    assert!(
        ahead.starts_with("期限超過と 45 日以内に期限が来る項目"),
        "{ahead}"
    );
    assert!(ahead.contains("4月14日  対応期間中"), "{ahead}");
    // Before the job was decided (03-20) the client had no such job: the
    // record as of 03-01 has nothing to do, however far ahead one looks.
    let before = text(&ok(run_on(
        &db,
        "2026-03-01",
        &["agenda", "--staff", "tanaka", "--within", "45"],
    )));
    assert!(!before.contains("4月14日"), "{before}");
    // A typo is refused as `due` refuses it.
    let o = run(&db, &["agenda", "--staff", "tanak"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("「tanak」は職員として登録されていません"),
        "{err}"
    );
}
