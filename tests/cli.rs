//! The command line, tested by running the built binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-11-23";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_teichaku"));
    c.env_remove("TEICHAKU_DB")
        .env_remove("TEICHAKU_TODAY")
        .env("NO_COLOR", "1");
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .expect("run teichaku")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json")
}

fn due_json(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["due", "--format", "json"];
    args.extend_from_slice(extra);
    let o = run(db, &args);
    assert!(o.status.success(), "due failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("due --format json is JSON")
}

#[test]
fn import_of_the_spec_example_then_due_lists_its_obligations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let o = run(&db, &["import", fixture().to_str().expect("utf8 path")]);
    assert!(o.status.success(), "{}", stderr(&o));

    let rows = due_json(&db, &["--all", "--from", "2026-01-01", "--within", "0"]);
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["obligation"].as_str())
        .collect();
    for id in [
        "pre.needs_assessment",
        "m23.confirm_intent",
        "ret.plan_initial",
        "ret.monthly_report",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for r in &rows {
        for key in [
            "external_id",
            "client",
            "obligation",
            "title",
            "window_start",
            "due",
            "status",
            "severity",
            "satisfied_by",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        assert_eq!(r["external_id"], "C001");
    }
    // The October report was presented on 10/30: ret.monthly_report for 2026-10 is done.
    let oct = rows
        .iter()
        .find(|r| r["obligation"] == "ret.monthly_report" && r["period"] == "2026-10")
        .expect("October report item");
    assert_eq!(oct["status"], "done");
    assert_eq!(oct["satisfied_by"]["kind"], "report");
    // The confirmation contact of 5/20 satisfies m23.confirm_intent.
    let m23 = rows
        .iter()
        .find(|r| r["obligation"] == "m23.confirm_intent")
        .expect("m23");
    assert_eq!(m23["status"], "done");
    assert_eq!(m23["satisfied_by"]["date"], "2026-05-20");
}

#[test]
fn due_required_leaves_out_effort_duties_and_information() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let o = run(&db, &["demo", "--clients", "40"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let every = due_json(&db, &["--all", "--within", "60"]);
    let required = due_json(&db, &["--all", "--within", "60", "--required"]);
    let kept: Vec<_> = every
        .iter()
        .filter(|r| r["severity"] == "required")
        .collect();
    assert!(
        every.iter().any(|r| r["severity"] == "effort"),
        "the demo has effort duties"
    );
    assert_eq!(required.iter().collect::<Vec<_>>(), kept);
}

#[test]
fn global_options_work_after_the_subcommand_and_from_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let o = bin()
        .arg("import")
        .arg(fixture())
        .arg("--db")
        .arg(&db)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bin()
        .args(["due", "--format", "json", "--all"])
        .env("TEICHAKU_DB", &db)
        .env("TEICHAKU_TODAY", "2026-11-23")
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert!(!rows.is_empty());
}

#[test]
fn export_then_import_gives_back_the_same_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    assert!(run(&a, &["demo", "--clients", "60"]).status.success());
    let out = dir.path().join("a.json");
    let o = run(
        &a,
        &[
            "export",
            "--format",
            "json",
            "-o",
            out.to_str().expect("utf8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&b, &["import", out.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = run(&b, &["export", "--format", "json"]);
    let first = std::fs::read_to_string(&out).expect("read export");
    assert_eq!(first, stdout(&again));
    // And the deadlines agree.
    assert_eq!(
        stdout(&run(&a, &["due", "--all"])),
        stdout(&run(&b, &["due", "--all"]))
    );
}

#[test]
fn a_bad_import_names_the_client_and_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let good = std::fs::read_to_string(fixture()).expect("fixture");
    let bad = good
        .replace(
            "\"start_date\": \"2026-04-15\"",
            "\"start_date\": \"2026-02-30\"",
        )
        .replace(
            "{\"clients\": [{",
            "{\"clients\": [{\"external_id\": \"OK1\", \"name\": \"鈴木 一郎\"}, {",
        );
    let file = dir.path().join("bad.json");
    std::fs::write(&file, bad).expect("write");
    let o = run(&db, &["import", file.to_str().expect("utf8")]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("C001"), "{err}");
    assert!(err.contains("start_date"), "{err}");
    assert!(err.contains("2026-02-30"), "{err}");
    // Nothing half-written: not even the new database file.
    assert!(
        !db.exists(),
        "a refused import into a new file leaves no file"
    );
    // Into an existing database: the valid first client is not there either.
    assert!(run(&db, &["init"]).status.success());
    assert!(
        !run(&db, &["import", file.to_str().expect("utf8")])
            .status
            .success()
    );
    let exported = run(&db, &["export", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&exported.stdout).expect("json");
    assert_eq!(doc["clients"].as_array().map(|a| a.len()), Some(0));
}

#[test]
fn importing_a_client_twice_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let f = fixture();
    assert!(
        run(&db, &["import", f.to_str().expect("utf8")])
            .status
            .success()
    );
    let o = run(&db, &["import", f.to_str().expect("utf8")]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("C001"), "{}", stderr(&o));
}

#[test]
fn contact_add_completes_the_linked_step_and_rejects_bad_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    assert!(
        run(&db, &["import", fixture().to_str().expect("utf8")])
            .status
            .success()
    );
    let o = run(
        &db,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--date",
            "R8.11.20",
            "--counterpart",
            "client",
            "--method",
            "video",
            "--place",
            "other",
            "--summary",
            "オンラインで面談",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = due_json(&db, &["--all", "--within", "30"]);
    let nov = rows
        .iter()
        .find(|r| r["obligation"] == "ret.monthly_face_to_face" && r["period"] == "2026-11")
        .expect("November face-to-face");
    assert_eq!(nov["status"], "done", "{nov}");

    // A phone call does not count as face-to-face, and bad values are named.
    let o = run(
        &db,
        &[
            "contact",
            "add",
            "--summary",
            "面談",
            "--client",
            "C001",
            "--method",
            "fax",
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--method"), "{}", stderr(&o));
    let o = run(
        &db,
        &["contact", "add", "--summary", "面談", "--client", "NOPE"],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("NOPE"), "{}", stderr(&o));
    let o = run(
        &db,
        &[
            "contact",
            "add",
            "--summary",
            "面談",
            "--client",
            "C001",
            "--date",
            "2026-02-30",
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--date"), "{}", stderr(&o));
    let o = run(
        &db,
        &[
            "contact",
            "add",
            "--summary",
            "面談",
            "--client",
            "C001",
            "--fulfils",
            "m99.nothing",
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("m99.nothing"), "{}", stderr(&o));
}

#[test]
fn due_table_aligns_japanese_names_and_csv_opens_in_excel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    assert!(run(&db, &["demo", "--clients", "40"]).status.success());
    let table = stdout(&run(&db, &["due"]));
    // The columns: 状態 14, 期限 10, ID and 担当 as wide as the longest
    // (the demo's D00001: 6, takahashi: 9), 利用者 10, then 項目 at 54.
    let head = table.lines().nth(1).expect("header");
    assert!(head.starts_with("状態"), "{head}");
    let col = |s: &str, what: &str| {
        let at = s.find(what).unwrap_or_else(|| panic!("{what} in {s}"));
        unicode_width::UnicodeWidthStr::width(&s[..at])
    };
    assert_eq!(col(head, "担当"), 44, "{head}");
    assert_eq!(col(head, "項目"), 54, "{head}");
    let lines: Vec<&str> = table.lines().skip(2).collect();
    assert!(!lines.is_empty(), "{table}");
    // The 項目 column starts at the same display column on every line:
    // the first 54 columns end exactly on a column separator, and the
    // worker's login stands in its column.
    assert!(lines.iter().any(|l| l.contains(" takahashi ")), "{table}");
    for l in &lines {
        let mut w = 0;
        let mut last = ' ';
        for ch in l.chars() {
            if w >= 54 {
                break;
            }
            w += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            last = ch;
        }
        assert_eq!((w, last), (54, ' '), "misaligned: {l}");
    }
    let csv = run(&db, &["due", "--format", "csv"]);
    assert!(csv.stdout.starts_with("\u{feff}external_id,".as_bytes()));
    assert!(String::from_utf8_lossy(&csv.stdout).contains("\r\n"));
}

#[test]
fn check_reports_a_healthy_database_and_refuses_garbage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    assert!(run(&db, &["demo", "--clients", "10"]).status.success());
    let o = run(&db, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![0x42u8; 8192]).expect("write");
    let o = run(&junk, &["check"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("エラー"), "{}", stderr(&o));
}

#[test]
fn new_database_files_are_not_world_readable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    assert!(run(&db, &["demo", "--clients", "5"]).status.success());
    let mode = std::fs::metadata(&db).expect("db").permissions().mode();
    assert_eq!(mode & 0o007, 0, "world bits set: {mode:o}");
}

fn audit_json(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["audit", "--format", "json"];
    args.extend_from_slice(extra);
    let o = run(db, &args);
    assert!(o.status.success(), "audit failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("audit --format json is JSON")
}

#[test]
fn audit_filters_by_client_login_day_and_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    assert!(
        run(&db, &["import", fixture().to_str().expect("utf8")])
            .status
            .success()
    );
    let o = run(
        &db,
        &["contact", "add", "--client", "C001", "--summary", "電話"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let all = audit_json(&db, &["--limit", "100"]);
    assert_eq!(all.len(), 3, "{all:?}"); // the client, the import, the contact
    let ids: Vec<i64> = all.iter().map(|e| e["id"].as_i64().expect("id")).collect();
    assert_eq!(ids, vec![3, 2, 1], "newest first");
    assert_eq!(all[0]["action"], "create");
    assert_eq!(all[0]["action_label"], "作成");
    assert_eq!(all[0]["table"], "contacts");
    assert_eq!(all[0]["external_id"], "C001");
    assert_eq!(
        all[0]["detail"]["new"]["summary"], "電話",
        "detail nested as JSON"
    );
    let login = all[0]["login"].as_str().expect("login").to_string();

    let c001 = audit_json(&db, &["--client", "C001"]);
    assert_eq!(c001.len(), 2, "the import's own row is about no client");
    assert!(c001.iter().all(|e| e["external_id"] == "C001"));
    // Each read into a pipe (as here) is a row of its own, after it: the
    // two above (#4, #5), the second under the client it read.
    let by_login = audit_json(&db, &["--login", &login]);
    assert_eq!(by_login.len(), 5);
    assert_eq!(
        by_login[0]["summary"],
        "操作記録 2 行（利用者 C001、形式 json、標準出力へ）"
    );
    assert_eq!(by_login[0]["external_id"], "C001");
    assert!(audit_json(&db, &["--login", "nobody-else"]).is_empty());
    let newest = audit_json(&db, &["--limit", "1"]);
    assert_eq!(newest.len(), 1);
    assert_eq!(newest[0]["id"], 7);
    // --since takes any date form; the rows were written today (real clock).
    let today = chrono::Local::now().date_naive();
    let tomorrow = today.succ_opt().expect("tomorrow").to_string();
    assert_eq!(audit_json(&db, &["--since", &today.to_string()]).len(), 8);
    assert!(audit_json(&db, &["--since", &tomorrow]).is_empty());
    // A relative day (from --today) is taken as a value, not an option.
    let o = run(&db, &["audit", "--since", "-1w"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&db, &["audit", "--since", &tomorrow]);
    assert!(
        stdout(&o).contains("監査記録はありません。"),
        "{}",
        stdout(&o)
    );
    let o = run(&db, &["audit", "--since", "そのうち"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--since:"), "{}", stderr(&o));
    // The table names each row's id, the one `check` would name: the
    // newest about C001 is the read of its rows (#5).
    let o = run(&db, &["audit", "--client", "C001"]);
    assert!(stdout(&o).starts_with("#5  "), "{}", stdout(&o));
}

#[test]
fn audit_json_is_safe_for_a_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    assert!(
        run(&db, &["import", fixture().to_str().expect("utf8")])
            .status
            .success()
    );
    // A row the program would never write (its rules refuse these
    // characters), put there by a connection that defines the guard.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.create_scalar_function(
        "teichaku_guard",
        0,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8,
        |_| Ok(rusqlite::types::Null),
    )
    .expect("function");
    conn.execute(
        "INSERT INTO audit (at, login, action, tbl, summary, hash) \
         VALUES ('2026-11-23T00:00:00Z', 'x', 'view', 'clients', 'a\u{202e}b\u{1b}[31mc', ?1)",
        ["0".repeat(64)],
    )
    .expect("insert");
    drop(conn);
    let o = run(&db, &["audit", "--format", "json", "--limit", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{1b}'),
        "{text:?}"
    );
    assert!(text.contains("\\u202e"), "{text}");
    let v: Vec<serde_json::Value> = serde_json::from_str(&text).expect("json");
    assert_eq!(v[0]["summary"], "a\u{202e}b\u{1b}[31mc", "the same value");
    assert_eq!(v[0]["action_label"], "閲覧");
}

#[test]
fn who_is_audited_is_the_real_uid_not_user_or_logname() {
    // Under setgid the environment is the user's to set: $USER must not
    // be able to make the audit trail name someone else.
    let uid = nix::unistd::getuid();
    let login = nix::unistd::User::from_uid(uid)
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| format!("uid:{}", uid.as_raw()));
    assert_ne!(login, "mallory");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let o = bin()
        .env("USER", "mallory")
        .env("LOGNAME", "mallory")
        .env("USERNAME", "mallory")
        .arg("--db")
        .arg(&db)
        .arg("init")
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("管理者: {login}")),
        "{}",
        stdout(&o)
    );
    let o = bin()
        .env("USER", "mallory")
        .env("LOGNAME", "mallory")
        .arg("--db")
        .arg(&db)
        .args(["audit", "--limit", "5"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&login), "{}", stdout(&o));
    assert!(!stdout(&o).contains("mallory"), "{}", stdout(&o));
}
