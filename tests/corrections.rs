//! Corrections and decisions from the shell, through the built binary:
//! edit and delete a contact, mark an item 対象外 and take it back, close a
//! case, a new job after 離職, and the same rule set at every entry point.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Within the support period of the fixture's client C001 (S = 2026-10-15).
const TODAY: &str = "2027-01-20";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_teichaku"));
    c.env_remove("TEICHAKU_DB")
        .env_remove("TEICHAKU_TODAY")
        // Writes are judged by the clock's day: the test's day.
        .env("TEICHAKU_CLOCK", TODAY)
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

fn ok(db: &Path, args: &[&str]) -> String {
    let o = run(db, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn refused(db: &Path, args: &[&str]) -> String {
    let o = run(db, args);
    assert_eq!(o.status.code(), Some(1), "{args:?} should be refused");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn imported() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    ok(&db, &["import", fixture.to_str().expect("utf8")]);
    (dir, db)
}

fn due(db: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "due",
        "--format",
        "json",
        "--all",
        "--from",
        "2026-01-01",
        "--within",
        "400",
    ];
    args.extend_from_slice(extra);
    serde_json::from_str(&ok(db, &args)).expect("due json")
}

fn item<'a>(rows: &'a [Value], id: &str, period: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["obligation"] == id && r["period"] == period)
        .unwrap_or_else(|| panic!("{id} {period} is listed"))
}

fn contact_ids(db: &Path) -> Vec<i64> {
    let list: Value = serde_json::from_str(&ok(
        db,
        &["contact", "list", "--client", "C001", "--format", "json"],
    ))
    .expect("json");
    list.as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect()
}

#[test]
fn editing_a_contacts_date_moves_the_month_it_satisfies() {
    let (_dir, db) = imported();
    let before = contact_ids(&db);
    ok(
        &db,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--date",
            "2026-11-10",
            "--method",
            "video",
            "--summary",
            "オンライン面談",
        ],
    );
    let id = *contact_ids(&db)
        .iter()
        .find(|i| !before.contains(i))
        .expect("new id");
    let rows = due(&db, &[]);
    assert_eq!(
        item(&rows, "ret.monthly_face_to_face", "2026-11")["status"],
        "done"
    );
    assert_eq!(
        item(&rows, "ret.monthly_face_to_face", "2026-12")["status"],
        "overdue"
    );

    let out = ok(
        &db,
        &["contact", "edit", &id.to_string(), "--date", "2026-12-05"],
    );
    assert!(out.contains("ret.monthly_face_to_face 2026-12"), "{out}");
    let rows = due(&db, &[]);
    assert_eq!(
        item(&rows, "ret.monthly_face_to_face", "2026-11")["status"],
        "overdue"
    );
    let dec = item(&rows, "ret.monthly_face_to_face", "2026-12");
    assert_eq!(dec["status"], "done");
    assert_eq!(dec["satisfied_by"]["id"], id);
}

#[test]
fn deleting_a_contact_keeps_its_values_and_the_reason_in_the_audit() {
    let (_dir, db) = imported();
    let id = contact_ids(&db)[0];
    refused(
        &db,
        &["contact", "delete", &id.to_string(), "--reason", " "],
    );
    ok(
        &db,
        &[
            "contact",
            "delete",
            &id.to_string(),
            "--reason",
            "別の利用者の記録",
        ],
    );
    assert!(!contact_ids(&db).contains(&id));

    let store = teichaku::store::Store::open_as(&db, "auditor").expect("open");
    let client = store.client_id("C001").expect("query").expect("client");
    let log = store.audit_for_client(client, 10).expect("audit");
    let del = log
        .iter()
        .find(|e| e.action == teichaku::store::AuditAction::Delete)
        .expect("a delete row");
    assert_eq!(del.row_id, Some(id));
    let detail: Value = serde_json::from_str(del.detail.as_deref().expect("detail")).expect("json");
    assert_eq!(detail["reason"], "別の利用者の記録");
    assert_eq!(detail["old"]["summary"], "利用意向を確認");
    assert_eq!(detail["old"]["date"], "2026-05-20");
}

#[test]
fn an_item_marked_not_applicable_shows_the_reason_and_who_and_can_be_taken_back() {
    let (_dir, db) = imported();
    assert_eq!(
        item(&due(&db, &[]), "ret.monthly_face_to_face", "2026-11")["status"],
        "overdue"
    );
    // A monthly item needs its month.
    let e = refused(
        &db,
        &[
            "resolve",
            "--client",
            "C001",
            "--obligation",
            "ret.monthly_face_to_face",
            "--reason",
            "入院中",
        ],
    );
    assert!(e.contains("月"), "{e}");
    let out = ok(
        &db,
        &[
            "resolve",
            "--client",
            "C001",
            "--obligation",
            "ret.monthly_face_to_face",
            "--period",
            "2026-11",
            "--reason",
            "入院中",
        ],
    );
    assert!(out.contains("対象外(入院中)"), "{out}");
    let rows = due(&db, &[]);
    let nov = item(&rows, "ret.monthly_face_to_face", "2026-11");
    assert_eq!(nov["status"], "waived");
    assert_eq!(nov["waived_reason"], "入院中");
    assert!(
        nov["waived_by"].as_str().is_some_and(|s| !s.is_empty()),
        "{nov}"
    );
    // Other months are untouched, and the decision travels in the export.
    assert_eq!(
        item(&rows, "ret.monthly_face_to_face", "2026-12")["status"],
        "overdue"
    );
    let export: Value =
        serde_json::from_str(&ok(&db, &["export", "--client", "C001"])).expect("json");
    assert_eq!(export["clients"][0]["resolutions"][0]["reason"], "入院中");

    ok(
        &db,
        &[
            "resolve",
            "--client",
            "C001",
            "--obligation",
            "ret.monthly_face_to_face",
            "--period",
            "2026-11",
            "--undo",
        ],
    );
    assert_eq!(
        item(&due(&db, &[]), "ret.monthly_face_to_face", "2026-11")["status"],
        "overdue"
    );
}

#[test]
fn a_closed_case_leaves_due_keeps_its_history_and_can_be_shown_and_reopened() {
    let (_dir, db) = imported();
    ok(
        &db,
        &[
            "client",
            "close",
            "--client",
            "C001",
            "--date",
            "2027-01-10",
            "--reason",
            "moved",
            "--note",
            "県外へ転居",
        ],
    );
    let open: Vec<Value> =
        serde_json::from_str(&ok(&db, &["due", "--format", "json"])).expect("json");
    assert!(
        open.iter().all(|r| r["external_id"] != "C001"),
        "closed client in due"
    );
    let all: Vec<Value> = serde_json::from_str(&ok(
        &db,
        &[
            "due",
            "--format",
            "json",
            "--include-closed",
            "--all",
            "--within",
            "60",
        ],
    ))
    .expect("json");
    let feb = item(&all, "ret.monthly_face_to_face", "2027-02");
    assert_eq!(feb["status"], "waived");
    assert_eq!(feb["waived_reason"], "転居");
    assert!(!contact_ids(&db).is_empty(), "history stays");
    ok(
        &db,
        &[
            "client",
            "reopen",
            "--client",
            "C001",
            "--reason",
            "転居の取りやめ",
        ],
    );
    let open: Vec<Value> =
        serde_json::from_str(&ok(&db, &["due", "--format", "json"])).expect("json");
    assert!(open.iter().any(|r| r["external_id"] == "C001"));
}

#[test]
fn a_new_job_after_separation_starts_a_new_timeline_and_keeps_the_old_one() {
    let (_dir, db) = imported();
    let add = [
        "employment",
        "add",
        "--client",
        "C001",
        "--employer",
        "株式会社みどり",
        "--decision",
        "2027-01-05",
        "--start",
        "2027-01-18",
    ];
    let e = refused(&db, &add);
    assert!(e.contains("離職日"), "{e}");
    ok(
        &db,
        &[
            "employment",
            "end",
            "--client",
            "C001",
            "--date",
            "2026-12-31",
            "--reason",
            "契約満了",
        ],
    );
    let rows = due(&db, &[]);
    assert_eq!(
        item(&rows, "ret.monthly_face_to_face", "2027-01")["waived_reason"],
        "離職"
    );
    ok(&db, &add);
    let rows = due(&db, &[]);
    let pre = rows
        .iter()
        .find(|r| r["obligation"] == "pre.needs_assessment" && r.get("job").is_none())
        .expect("the new job's first step");
    assert_eq!(pre["due"], "2027-01-17");
    // The earlier job's step, missed while employed, stays in the case.
    let kept = rows
        .iter()
        .find(|r| r["obligation"] == "pre.needs_assessment" && r["job"] == "2026-04-15")
        .expect("the earlier job's step");
    assert_eq!(kept["status"], "overdue");
    let export: Value =
        serde_json::from_str(&ok(&db, &["export", "--client", "C001"])).expect("json");
    let jobs = export["clients"][0]["employments"]
        .as_array()
        .expect("array");
    assert_eq!(jobs.len(), 2, "the earlier employment stays");
}

#[test]
fn a_contact_dated_after_today_is_refused_naming_the_option() {
    let (_dir, db) = imported();
    let e = refused(
        &db,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--date",
            "2027-01-25",
            "--summary",
            "予定",
        ],
    );
    assert!(e.contains("--date:") && e.contains("今日"), "{e}");
    let e = refused(
        &db,
        &[
            "contact",
            "add",
            "--summary",
            "面談",
            "--client",
            "C001",
            "--staff",
            "a\u{1b}[2Jb",
        ],
    );
    assert!(e.contains("--staff:") && e.contains("ESC"), "{e}");
    let long = "あ".repeat(10_001);
    let e = refused(
        &db,
        &["contact", "add", "--client", "C001", "--summary", &long],
    );
    assert!(e.contains("--summary:") && e.contains("いま10001字"), "{e}");
}

#[test]
fn a_full_stdout_is_an_error_with_a_message_and_a_closed_pipe_ends_quietly() {
    let (_dir, db) = imported();
    // A pipe whose reader is gone (`| head -0`, `| true`): the reader had
    // enough; no message, the status a shell shows for SIGPIPE.
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let o = bin()
        .arg("--db")
        .arg(&db)
        .args(["--today", TODAY, "check"])
        .stdout(Stdio::from(writer))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(141), "{err}");
    assert_eq!(err, "", "quiet");
    // A full disk: said, and status 1 — for the help text too.
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let add = [
        "--today",
        TODAY,
        "contact",
        "add",
        "--client",
        "C001",
        "--summary",
        "電話",
    ];
    for args in [&add[..], &["--help"], &["--version"], &["due", "--help"]] {
        let o = bin()
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(Stdio::from(full.try_clone().expect("clone")))
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("出力を書き込めませんでした（No space left on device）")
                && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn due_leaves_out_a_closed_client_between_open_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture).expect("read")).expect("json");
    let one = doc["clients"][0].clone();
    let clients = doc["clients"].as_array_mut().expect("array");
    for id in ["C002", "C003"] {
        let mut c = one.clone();
        c["external_id"] = Value::from(id);
        clients.push(c);
    }
    let file = dir.path().join("three.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    ok(&db, &["import", file.to_str().expect("utf8")]);
    ok(
        &db,
        &[
            "client",
            "close",
            "--client",
            "C002",
            "--date",
            "2027-01-10",
            "--reason",
            "other",
        ],
    );
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["due", "--format", "json"];
        args.extend_from_slice(extra);
        let rows: Vec<Value> = serde_json::from_str(&ok(&db, &args)).expect("json");
        let mut ids: Vec<String> = rows
            .iter()
            .filter_map(|r| r["external_id"].as_str().map(str::to_string))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    assert_eq!(ids(&[]), ["C001", "C003"]);
    assert_eq!(ids(&["--include-closed"]), ["C001", "C002", "C003"]);
    assert_eq!(ids(&["--client", "C002"]), ["C002"]);
}

#[test]
fn a_missing_database_is_an_error_and_no_file_is_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("typo").join("offce.db");
    for args in [
        &["due"][..],
        &["check"],
        &["export"],
        &["contact", "list", "--client", "C001"],
    ] {
        let e = refused(&db, args);
        assert!(
            e.contains("ありません") && e.contains("init"),
            "{args:?}: {e}"
        );
    }
    assert!(
        !db.exists() && !db.parent().expect("dir").exists(),
        "nothing created"
    );
    // init creates it, with the current login as its 管理者; a second init refuses.
    let out = ok(&db, &["init"]);
    assert!(out.contains("管理者"), "{out}");
    assert!(refused(&db, &["init"]).contains("既に"));
    assert!(ok(&db, &["due"]).contains("0 件"));
}

#[test]
fn export_never_destroys_a_file_it_was_not_asked_to_replace() {
    let (dir, db) = imported();
    let before = ok(&db, &["export"]);
    // Onto the database itself, with or without --force.
    for force in [false, true] {
        let mut args = vec!["export", "-o", db.to_str().expect("utf8")];
        if force {
            args.push("--force");
        }
        let e = refused(&db, &args);
        assert!(e.contains("データベース"), "{e}");
    }
    assert!(ok(&db, &["export"]) == before, "the database is intact");
    // Onto an existing file: only with --force, and then 0600 (the office
    // names no group for exports).
    let out = dir.path().join("office.json");
    std::fs::write(&out, "keep").expect("write");
    std::fs::set_permissions(&out, std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .expect("chmod");
    assert!(refused(&db, &["export", "-o", out.to_str().expect("utf8")]).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep");
    ok(
        &db,
        &["export", "-o", out.to_str().expect("utf8"), "--force"],
    );
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&out).expect("meta").permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    // Through a symlink: the link is refused, its target untouched.
    let target = dir.path().join("precious.txt");
    std::fs::write(&target, "precious").expect("write");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    refused(&db, &["export", "-o", link.to_str().expect("utf8")]);
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "precious");
}

#[test]
fn a_world_readable_database_is_refused_with_the_fix() {
    let (_dir, db) = imported();
    std::fs::set_permissions(&db, std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .expect("chmod");
    let e = refused(&db, &["due"]);
    assert!(e.contains("chmod o-rwx") && e.contains("0644"), "{e}");
    let o = run(&db, &["--allow-world-readable", "due"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("警告"));
}

#[test]
fn a_backup_is_a_checked_private_copy_and_restore_keeps_the_current_content() {
    let (dir, db) = imported();
    let backup = dir.path().join("nightly.db");
    ok(&db, &["backup", backup.to_str().expect("utf8")]);
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&backup).expect("meta").permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    // Not over an existing file without --force, never over the database itself.
    refused(&db, &["backup", backup.to_str().expect("utf8")]);
    refused(&db, &["backup", db.to_str().expect("utf8"), "--force"]);
    let saved = ok(&db, &["export"]);

    // A change after the backup, then a restore: the change is gone, kept aside.
    ok(
        &db,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--summary",
            "バックアップ後の記録",
        ],
    );
    assert_ne!(ok(&db, &["export"]), saved);
    let e = refused(&db, &["restore", backup.to_str().expect("utf8")]);
    assert!(
        e.contains("--yes"),
        "without a terminal, no confirmation: {e}"
    );
    let out = ok(&db, &["restore", backup.to_str().expect("utf8"), "--yes"]);
    assert!(out.contains("before-restore"), "{out}");
    assert_eq!(ok(&db, &["export"]), saved);
    let kept = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .find(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.contains("before-restore") && !name.ends_with(".key")
        })
        .expect("the content before the restore is kept");
    let mut kept_key = kept.path().into_os_string();
    kept_key.push(".key");
    assert!(
        std::path::Path::new(&kept_key).exists(),
        "kept with the office's key, so it opens and checks as the file did"
    );
    assert!(run(&kept.path(), &["check"]).status.success());
    let old = run(&kept.path(), &["export"]);
    assert!(String::from_utf8_lossy(&old.stdout).contains("バックアップ後の記録"));
    // Not a database: refused, nothing changed.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").expect("write");
    refused(&db, &["restore", junk.to_str().expect("utf8"), "--yes"]);
    assert_eq!(ok(&db, &["export"]), saved);
    // A second restore in the same second (the clock is pinned here) keeps
    // its own safety copy beside the first, never over it.
    ok(&db, &["restore", backup.to_str().expect("utf8"), "--yes"]);
    let copies: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore") && !n.ends_with(".key"))
        .collect();
    assert_eq!(copies.len(), 2, "{copies:?}");
    for c in &copies {
        assert!(run(&dir.path().join(c), &["check"]).status.success(), "{c}");
    }
}

#[test]
fn a_backup_taken_while_others_write_is_consistent() {
    let (dir, db) = imported();
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            for i in 0..20 {
                ok(
                    &db,
                    &[
                        "contact",
                        "add",
                        "--client",
                        "C001",
                        "--summary",
                        &format!("記録 {i}"),
                    ],
                );
            }
        })
    };
    let backup = dir.path().join("during.db");
    ok(&db, &["backup", backup.to_str().expect("utf8")]);
    writer.join().expect("writer");
    // A backup's chain is checked with the office's key (the backup itself
    // does not carry it).
    let mut key = db.as_os_str().to_owned();
    key.push(".key");
    std::fs::copy(&key, dir.path().join("during.db.key")).expect("the office's key");
    let check = run(&backup, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn an_import_file_with_a_bom_is_read_and_other_encodings_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    let text = std::fs::read_to_string(fixture).expect("read");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let sjis_like: Vec<u8> = text
        .replace("山田 太郎", "\u{0}")
        .into_bytes()
        .into_iter()
        .map(|b| if b == 0 { 0x8E } else { b })
        .collect();
    for (name, bytes, says) in [
        ("utf16.json", utf16, "UTF-16"),
        ("sjis.json", sjis_like, "UTF-8 として読めない"),
    ] {
        let f = dir.path().join(name);
        std::fs::write(&f, bytes).expect("write");
        let e = refused(&db, &["import", f.to_str().expect("utf8")]);
        assert!(e.contains(says), "{name}: {e}");
    }
    assert!(!db.exists());
    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()).expect("write");
    ok(&db, &["import", bom.to_str().expect("utf8")]);
}

#[test]
fn a_hostile_argument_is_never_echoed_raw() {
    let (_dir, db) = imported();
    for args in [
        &["contact", "list", "--client", "\u{1b}]0;pwned\u{7}X"][..],
        &[
            "contact",
            "add",
            "--summary",
            "面談",
            "--client",
            "C001",
            "--method",
            "\u{9b}31m\u{202e}",
        ],
        &[
            "resolve",
            "--client",
            "C001",
            "--obligation",
            "x\u{1b}[2J",
            "--reason",
            "r",
        ],
    ] {
        let o = run(&db, args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success());
        assert!(
            !err.chars()
                .any(|c| c == '\u{1b}' || c == '\u{9b}' || c == '\u{202e}' || c == '\u{7}'),
            "{args:?}: {err:?}"
        );
    }
}
