//! A deadline list that leaves the screen is recorded: every `due` whose
//! stdout is not a terminal (a pipe here) or that writes a file, whatever
//! its format and filter, one client's included, and `agenda`, each with
//! one audit row saying what left — how many rows, chosen how, in which
//! format, to where. A pipe closed part way is recorded and said.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use binary::Bin;
use serde_json::Value;

const BIN: Bin = Bin {
    today: "2026-11-23",
};

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    BIN.ok(&db, &["demo", "--clients", "12"]);
    (dir, db)
}

/// The `書き出し` rows of the trail, newest first.
fn exports(db: &Path) -> Vec<Value> {
    let out = BIN.ok(db, &["audit", "--format", "json", "--limit", "1000"]);
    let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
    // Not this helper's own reads of the trail (into a pipe: recorded too).
    rows.into_iter()
        .filter(|r| r["action"] == "export")
        .filter(|r| {
            !r["summary"]
                .as_str()
                .is_some_and(|s| s.starts_with("操作記録"))
        })
        .collect()
}

fn rows_in(json: &str) -> usize {
    serde_json::from_str::<Vec<Value>>(json)
        .expect("due's json")
        .len()
}

#[test]
fn one_clients_list_sent_to_a_pipe_is_recorded_under_the_client() {
    let (_dir, db) = demo();
    let out = BIN.ok(&db, &["due", "--client", "D00011", "--format", "json"]);
    let n = rows_in(&out);
    assert!(n > 0, "{out}");
    let e = exports(&db);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        e[0]["summary"],
        format!("期限一覧 {n} 行（利用者 D00011、30日以内、形式 json、標準出力へ）")
    );
    assert_eq!(e[0]["external_id"], "D00011", "found under the client");
    let theirs = BIN.ok(&db, &["audit", "--client", "D00011", "--limit", "50"]);
    assert!(theirs.contains("期限一覧"), "{theirs}");
}

#[test]
fn every_format_and_filter_that_leaves_the_screen_adds_one_row() {
    let (dir, db) = demo();
    let filters: [&[&str]; 8] = [
        &[],
        &["--client", "D00011"],
        &["--staff", "tanaka"],
        &["--all"],
        &["--required"],
        &["--from", "2026-10-01", "--within", "90"],
        &["--include-closed"],
        &["--staff", "ito", "--client", "D00011", "--all"],
    ];
    let mut seen = exports(&db).len();
    for format in ["table", "json", "csv", "ics"] {
        for (i, f) in filters.iter().enumerate() {
            let mut args = vec!["due", "--format", format];
            args.extend_from_slice(f);
            BIN.ok(&db, &args);
            // And to a file.
            let file = dir.path().join(format!("{format}-{i}.out"));
            args.extend(["-o", file.to_str().expect("utf8")]);
            BIN.ok(&db, &args);
            let e = exports(&db);
            assert_eq!(e.len(), seen + 2, "{args:?}");
            seen += 2;
            let (to_file, to_pipe) = (
                e[0]["summary"].as_str().expect("summary"),
                e[1]["summary"].as_str().expect("summary"),
            );
            for s in [to_file, to_pipe] {
                assert!(s.starts_with("期限一覧 "), "{s}");
                assert!(s.contains(&format!("形式 {format}")), "{s}");
                if let Some(c) = f.iter().position(|a| *a == "--client") {
                    assert!(s.contains(&format!("利用者 {}", f[c + 1])), "{s}");
                }
                if let Some(c) = f.iter().position(|a| *a == "--staff") {
                    assert!(named(s, f[c + 1]), "{s}");
                }
                for (flag, words) in [
                    ("--all", "完了・対象外も"),
                    ("--required", "必須のみ"),
                    ("--include-closed", "終結も"),
                    ("--from", "2026-10-01 から、90日以内"),
                ] {
                    assert_eq!(f.contains(&flag), s.contains(words), "{flag}: {s}");
                }
            }
            assert!(to_file.ends_with("ファイルへ）"), "{to_file}");
            assert!(to_pipe.ends_with("標準出力へ）"), "{to_pipe}");
        }
    }
}

#[test]
fn a_list_that_is_not_written_is_not_recorded() {
    let (dir, db) = demo();
    let file = dir.path().join("due.csv");
    std::fs::write(&file, "earlier").expect("write");
    let f = file.to_str().expect("utf8");
    let why = BIN.refused(&db, &["due", "--format", "csv", "-o", f]);
    assert!(why.contains("--force"), "{why}");
    assert!(exports(&db).is_empty(), "nothing left");
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "earlier");
}

#[test]
fn a_pipe_closed_before_the_end_is_recorded_as_failed_part_way() {
    let (_dir, db) = demo();
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader); // nobody reads: the first write fails
    let o = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .env_remove("TEICHAKU_DB")
        .env("TEICHAKU_CLOCK", BIN.today)
        .args(["--db", db.to_str().expect("utf8"), "--today", BIN.today])
        .args(["due", "--client", "D00011"])
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .expect("run");
    // The reader had enough: a quiet end, as any program's in a pipe.
    assert_eq!(o.status.code(), Some(141));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    let e = exports(&db);
    assert_eq!(e.len(), 1, "{e:?}");
    let s = e[0]["summary"].as_str().expect("summary");
    assert!(
        s.starts_with("失敗: 期限一覧 ")
            && s.contains("利用者 D00011")
            && s.contains("一部が渡った可能性があります"),
        "{s}"
    );
}

#[test]
fn an_agenda_sent_to_a_mail_is_recorded_before_its_chain_head() {
    let (_dir, db) = demo();
    let out = BIN.ok(&db, &["agenda", "--staff", "tanaka", "--within", "60"]);
    let e = exports(&db);
    assert_eq!(e.len(), 1, "{e:?}");
    let s = e[0]["summary"].as_str().expect("summary");
    assert!(
        s.starts_with("期限の近い項目 ")
            && named(s, "tanaka")
            && s.ends_with("（tanaka）、60日以内、標準出力へ）"),
        "{s}"
    );
    // The head printed last is the chain with that row in it.
    let head = out.lines().last().expect("the head");
    let id = e[0]["id"].as_i64().expect("id");
    assert!(
        head.starts_with("連鎖の先頭: ") && head.contains(&format!("、id {id}、")),
        "{head} / #{id}"
    );
}

/// Whether the row names the worker `login` by their name, the login in
/// brackets: 「担当 田中 美咲（tanaka）」.
fn named(summary: &str, login: &str) -> bool {
    summary
        .split_once("担当 ")
        .and_then(|(_, rest)| rest.split_once(&format!("（{login}）")))
        .is_some_and(|(name, _)| !name.is_empty() && !name.contains('、'))
}
