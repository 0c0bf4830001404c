//! `audit --mine` through the built binary, run by a 支援員: their own
//! changes as a person reads them (labels, 旧 → 新, the reason of a
//! deletion, names, local times), nobody else's and no 閲覧; everyone's
//! trail stays the 管理者's, and `--mine` with another login is refused.
//! Reading the trail into a pipe is recorded as a 書き出し.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::Path;

use binary::{Bin, me};
use teichaku::operation::{self, Operation, Record};

const BIN: Bin = Bin {
    today: "2027-01-20",
};

fn ok(db: &Path, args: &[&str]) -> String {
    BIN.ok(db, args)
}

/// The spec's office, set up by its owner, who then becomes a 支援員
/// (after registering a 管理者 and a colleague, suzuki).
fn office_of_a_case_worker() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    ok(&db, &["init"]);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    ok(
        &db,
        &[
            "import",
            "--keep-unregistered-staff",
            fixture.to_str().expect("utf8"),
        ],
    );
    for (login, name, role) in [
        ("kobayashi", "小林 誠", "管理者"),
        ("suzuki", "鈴木 健一", "支援員"),
    ] {
        ok(
            &db,
            &["staff", "add", login, "--name", name, "--role", role],
        );
    }
    // `init` made its caller the 管理者: now one of the 支援員.
    ok(
        &db,
        &[
            "staff",
            "set",
            &me(),
            "--name",
            "佐藤 花子",
            "--role",
            "支援員",
        ],
    );
    (dir, db)
}

/// The record id in `記録しました (#N): …`.
fn record_id(out: &str) -> String {
    let start = out.find("(#").expect("an id") + 2;
    let end = start + out[start..].find(')').expect("its end");
    out[start..end].to_string()
}

fn json(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(db, args)).expect("JSON")
}

#[test]
fn a_case_worker_reads_their_own_changes_and_only_theirs() {
    let (_dir, db) = office_of_a_case_worker();
    let me = me();
    // 佐藤 (a 支援員 now) records, corrects and deletes; suzuki corrects
    // a contact of the same client; 佐藤 also lists the records (a 閲覧).
    let added = ok(
        &db,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--method",
            "phone",
            "--summary",
            "電話で様子を確認。体調は安定",
        ],
    );
    let id = record_id(&added);
    ok(
        &db,
        &[
            "contact",
            "edit",
            &id,
            "--method",
            "in_person",
            "--time",
            "14:30",
        ],
    );
    let extra = record_id(&ok(
        &db,
        &[
            "contact",
            "add",
            "--client",
            "C001",
            "--summary",
            "二重に入力した記録",
        ],
    ));
    ok(&db, &["contact", "delete", &extra, "--reason", "重複"]);
    let suzuki = teichaku::store::Store::open_as(&db, "suzuki").expect("suzuki");
    let client = suzuki.client_id("C001").expect("query").expect("C001");
    let mut theirs = suzuki.load_client(client).expect("load").contacts[0].clone();
    theirs.summary = "鈴木が直した内容".into();
    operation::apply(&suzuki, &Operation::edit(Record::Contact(theirs))).expect("suzuki edits");
    ok(&db, &["contact", "list", "--client", "C001"]);

    // Everyone's trail is the 管理者's; the refusal says what is theirs.
    let refused = BIN.refused(&db, &["audit"]);
    assert!(
        refused.contains("管理者") && refused.contains("teichaku audit --mine"),
        "{refused}"
    );

    let mine = ok(&db, &["audit", "--mine", "--limit", "4"]);
    let lines: Vec<&str> = mine.lines().collect();
    // Newest first: the deletion with its reason and values, the second
    // contact, the correction (label: 旧 → 新), the first contact.
    assert!(
        lines[0].starts_with("#")
            && lines[0].contains("1月20日")
            && lines[0].contains("12:00")
            && lines[0].contains("  削除  支援記録  C001 ")
            && lines[0].ends_with(&format!("佐藤 花子（{me}）")),
        "{mine}"
    );
    for expected in [
        "    削除の理由: 重複",
        "    支援内容: 二重に入力した記録",
        "    時刻: （空欄） → 14:30",
        "    方法: 電話 → 面接",
        "    実施日: 令和9年1月20日",
        &format!("    記録者: 佐藤 花子（{me}）"),
    ] {
        assert!(lines.contains(&expected), "{expected}\n{mine}");
    }
    assert_eq!(
        lines.iter().filter(|l| l.starts_with('#')).count(),
        4,
        "{mine}"
    );
    // Nobody else's change, no 閲覧, no column names.
    assert!(!mine.contains("鈴木が直した内容"), "{mine}");
    assert!(!mine.contains("閲覧"), "{mine}");
    assert!(
        !mine.contains("method") && !mine.contains("summary"),
        "{mine}"
    );

    // The same rows for programs: all of them this login's, none a 閲覧.
    let rows = json(
        &db,
        &["audit", "--mine", "--limit", "100", "--format", "json"],
    );
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["login"] == me.as_str()), "{rows:#?}");
    assert!(rows.iter().all(|r| r["action"] != "view"), "{rows:#?}");
    assert_eq!(rows[0]["action"], "export", "{:#?}", rows[0]);
    assert_eq!(rows[0]["client_name"], serde_json::Value::Null);
    // The earlier read went into a pipe: recorded as what left.
    assert_eq!(
        rows[0]["summary"],
        "操作記録 4 行（自分の変更、形式 table、標準出力へ）"
    );
    let deleted = rows
        .iter()
        .find(|r| r["action"] == "delete")
        .expect("the deletion");
    assert_eq!(deleted["external_id"], "C001");
    assert!(deleted["client_name"].is_string(), "{deleted:#?}");

    // --mine with one's own login is the same; with another's, refused.
    let same = json(
        &db,
        &["audit", "--mine", "--login", &me, "--format", "json"],
    );
    assert!(same.iter().all(|r| r["login"] == me.as_str()));
    let other = BIN.refused(&db, &["audit", "--mine", "--login", "suzuki"]);
    assert!(
        other.contains("--mine") && other.contains("suzuki") && other.contains("管理者"),
        "{other}"
    );
    // The filters apply: one client, a day.
    let c001 = json(
        &db,
        &[
            "audit", "--mine", "--client", "C001", "--format", "json", "--limit", "100",
        ],
    );
    assert!(c001.iter().all(|r| r["external_id"] == "C001"), "{c001:#?}");
    // Its import (by the same login, as the file's owner) and the four.
    assert_eq!(c001.len(), 5, "{c001:#?}");
    let later = ok(&db, &["audit", "--mine", "--since", "2027-01-21"]);
    assert_eq!(
        later.trim(),
        "自分の変更の記録はありません（閲覧の記録は含みません）。"
    );
}
