//! A command refused for the person's role or caseload says what they may
//! run instead — the exact command line, with their own login — and whom
//! to ask for the rest, through the built binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::{Path, PathBuf};

use binary::{Bin, me};

const BIN: Bin = Bin {
    today: "2026-11-23",
};

/// A demo office in which the person running the test is registered with
/// `role` (a registered role wins over owning the file).
fn office_as(role: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    BIN.ok(&db, &["demo", "--clients", "20"]);
    BIN.ok(
        &db,
        &["staff", "add", &me(), "--name", "根本 太郎", "--role", role],
    );
    (dir, db)
}

/// The refusal of `args`, which must name `instead` as what they may do.
fn says_instead(db: &Path, args: &[&str], instead: &str) -> String {
    let e = BIN.refused(db, args);
    let (_, may) = e
        .split_once("あなたにできること:\n")
        .unwrap_or_else(|| panic!("{args:?}: no alternative: {e}"));
    assert!(may.contains(instead), "{args:?}: {e}");
    e
}

#[test]
fn a_case_worker_is_told_what_to_run_instead_of_each_office_command() {
    let (dir, db) = office_as("支援員");
    let mine = format!("--staff {}", me());
    let e = says_instead(
        &db,
        &["audit"],
        "自分が行った操作の記録を見る: teichaku audit --mine",
    );
    assert!(
        e.contains("操作記録（監査ログ）の閲覧が必要なときは、管理者に依頼してください。"),
        "{e}"
    );
    let e = says_instead(&db, &["figures"], &format!("teichaku due {mine}"));
    assert!(e.contains(&format!("teichaku agenda {mine}")), "{e}");
    says_instead(&db, &["export"], "利用者1人の記録を書き出す: teichaku");
    says_instead(&db, &["export"], "export --client <利用者ID>");
    says_instead(
        &db,
        &["staff", "add", "x", "--name", "X"],
        "teichaku staff list",
    );
    says_instead(
        &db,
        &["settings", "warn_days", "10"],
        "今の設定を見る: teichaku settings",
    );

    // A month's reports: the same line, their own login in place of
    // another's (a folder with a space quoted for the shell).
    let out = dir.path().join("10月 分");
    let out = out.to_str().expect("utf8");
    let args = [
        "export", "reports", "--month", "2026-10", "--staff", "tanaka", "--format", "html", "-o",
        out,
    ];
    let e = says_instead(&db, &args, "自分の担当の利用者の分を書き出す: teichaku ");
    let line = e
        .lines()
        .find(|l| l.contains("自分の担当の利用者の分を書き出す"))
        .expect("line");
    assert!(
        line.ends_with(&format!(
            "export reports --month 2026-10 --format html -o '{out}' {mine}"
        )),
        "{line}"
    );
    assert!(!line.contains("tanaka"), "{line}");
    // What it suggests works.
    let cmd: Vec<String> = vec![
        "export".into(),
        "reports".into(),
        "--month".into(),
        "2026-10".into(),
        "--format".into(),
        "html".into(),
        "-o".into(),
        out.into(),
        "--staff".into(),
        me(),
    ];
    let cmd: Vec<&str> = cmd.iter().map(String::as_str).collect();
    BIN.ok(&db, &cmd);

    // A contact recorded for another worker: the same line without --staff.
    let e = says_instead(
        &db,
        &[
            "contact",
            "add",
            "--client",
            "D00001",
            "--summary",
            "電話 で確認",
            "--staff",
            "tanaka",
        ],
        &format!("自分（{}）を記録者として記録する: teichaku", me()),
    );
    assert!(
        e.contains("contact add --client D00001 --summary '電話 で確認'\n"),
        "{e}"
    );

    // Nothing else does what these do: whom to ask is all there is.
    for args in [&["backup", "b.db"][..], &["restore", "b.db", "--yes"]] {
        let e = BIN.refused(&db, args);
        assert!(!e.contains("あなたにできること"), "{e}");
        assert!(
            e.contains("が必要なときは、管理者に依頼してください。"),
            "{e}"
        );
    }
}

#[test]
fn a_coordinator_refused_an_admins_command_is_told_theirs() {
    let (_dir, db) = office_as("サービス管理責任者");
    says_instead(&db, &["audit"], "teichaku audit --mine");
    says_instead(&db, &["staff", "remove", "tanaka"], "teichaku staff list");
    // What a coordinator may do is not refused.
    BIN.ok(&db, &["figures"]);
}

#[test]
fn another_workers_client_points_to_ones_own_caseload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    BIN.ok(&db, &["demo", "--clients", "20"]);
    BIN.ok(&db, &["settings", "caseload_only", "yes"]);
    BIN.ok(
        &db,
        &[
            "staff",
            "add",
            &me(),
            "--name",
            "根本 太郎",
            "--role",
            "支援員",
        ],
    );
    for args in [
        &["contact", "list", "--client", "D00001"][..],
        &["export", "--client", "D00001"],
    ] {
        let e = says_instead(&db, args, &format!("teichaku due --staff {}", me()));
        assert!(e.contains("担当者かサービス管理責任者に依頼"), "{e}");
        // Not the whole office's alternative: this was a client refused.
        assert!(!e.contains("<利用者ID>"), "{args:?}: {e}");
    }
}
