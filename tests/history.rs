//! `export history`: a client's case history as one HTML file, through
//! the real binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::{Path, PathBuf};
use std::process::Output;

use binary::Bin;

const TODAY: &str = "2026-11-30";

fn run(db: &Path, dir: &Path, args: &[&str]) -> Output {
    Bin { today: TODAY }.run_in(dir, db, args)
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = Bin { today: TODAY }.example_office(|_| {});
    ok(run(
        &db,
        dir.path(),
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--date",
            "2026-11-05",
            "--method",
            "in_person",
            "--place",
            "employer",
            "--summary",
            "職場訪問 <職場の休憩室で面談> 体調良好",
        ],
    ));
    (dir, db)
}

fn exports_audited(db: &Path) -> usize {
    let store = teichaku::store::Store::open_as(db, "tester").expect("open");
    store
        .audit_log(50)
        .expect("audit")
        .iter()
        .filter(|a| format!("{a:?}").contains("ケース記録"))
        .count()
}

#[test]
fn the_case_history_has_the_clients_contacts_and_is_audited() {
    let (dir, db) = setup();
    let d = dir.path();
    let o = ok(run(
        &db,
        d,
        &[
            "export", "history", "--client", "C001", "--format", "html", "-o", "h.html",
        ],
    ));
    assert!(String::from_utf8_lossy(&o.stdout).contains("h.html"));
    let page = std::fs::read_to_string(d.join("h.html")).expect("history written");
    for v in [
        "ケース記録",
        "山田 太郎",
        "C001",
        "JS工業株式会社",
        // The contact, its note escaped and without the escape sequence.
        "令和8年11月5日",
        "職場訪問 &lt;職場の休憩室で面談&gt; 体調良好",
        // The timeline, by title and status word.
        "期限と状況",
        "完了",
        // The documents list.
        "書類と記録",
        "就労定着支援計画書 第1版",
    ] {
        assert!(page.contains(v), "history lacks {v}");
    }
    assert!(!page.contains('\u{1b}'));
    assert!(!page.contains("ret.monthly_report"), "no obligation ids");
    assert!(
        !page.contains("<link") && !page.contains("src="),
        "self-contained"
    );
    assert_eq!(exports_audited(&db), 1);
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let (dir, db) = setup();
    let d = dir.path();
    std::fs::write(d.join("h.html"), "mine").expect("write");
    let args = ["export", "history", "--client", "C001", "-o", "h.html"];
    let o = run(&db, d, &args);
    assert!(!o.status.success());
    assert!(!String::from_utf8_lossy(&o.stderr).is_empty());
    assert_eq!(
        std::fs::read_to_string(d.join("h.html")).expect("read"),
        "mine"
    );
    assert_eq!(exports_audited(&db), 0, "nothing written, nothing audited");
    ok(run(&db, d, &[&args[..], &["--force"]].concat()));
    assert!(
        std::fs::read_to_string(d.join("h.html"))
            .expect("read")
            .contains("山田 太郎")
    );
    assert_eq!(exports_audited(&db), 1);
}

#[test]
fn an_unknown_client_is_named_in_the_refusal() {
    let (dir, db) = setup();
    let o = run(
        &db,
        dir.path(),
        &["export", "history", "--client", "X999", "-o", "h.html"],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("X999"));
    assert!(!dir.path().join("h.html").exists());
}
