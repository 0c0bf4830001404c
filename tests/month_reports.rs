//! `export reports`: a month's 支援レポート through the real binary, one
//! file per client, with who has none; by worker; refused beyond one's own
//! clients without the office-export permission; an existing file stops
//! the batch before anything is written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::{Path, PathBuf};

use binary::{Bin, me};
use teichaku::operation::{self, Operation};

const BIN: Bin = Bin {
    today: "2026-12-05",
};

fn client(id: &str, name: &str, staff: &str, report: bool) -> serde_json::Value {
    let reports = if report {
        serde_json::json!([{"month": "2026-11", "created": "2026-11-28",
            "fields": {"goal_1": format!("{name}の目標")}}])
    } else {
        serde_json::json!([])
    };
    serde_json::json!({
        "external_id": id, "name": name, "assigned_staff": staff,
        "employments": [{"employer": {"name": "JS工業"}, "support_type": "standard",
            "start_date": "2026-04-15", "intent": "applied",
            "retention_start_date": "2026-10-15"}],
        "reports": reports
    })
}

/// A001 (tanaka) and B001 (suzuki) have November's report, C001
/// (tanaka) has none, D001 took a job in November (no support yet), E001
/// left the job in October (no report is due).
fn office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let mut d = client("D001", "支援前 さん", "tanaka", false);
    d["employments"][0]["start_date"] = "2026-11-01".into();
    d["employments"][0]["retention_start_date"] = serde_json::Value::Null;
    let mut e = client("E001", "江藤 さん", "tanaka", false);
    e["employments"][0]["separation_date"] = "2026-10-20".into();
    let doc = serde_json::json!({"clients": [
        client("A001", "青木 さん", "tanaka", true),
        client("B001", "馬場 さん", "suzuki", true),
        client("C001", "千葉 さん", "tanaka", false),
        d,
        e,
    ]});
    let f = dir.path().join("in.json");
    std::fs::write(&f, doc.to_string()).expect("write");
    BIN.ok(&db, &["import", f.to_str().expect("utf8")]);
    for (login, name) in [("tanaka", "田中"), ("suzuki", "鈴木")] {
        BIN.ok(
            &db,
            &["staff", "add", login, "--name", name, "--role", "支援員"],
        );
    }
    (dir, db)
}

fn reports(db: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "export",
        "reports",
        "--month",
        "2026-11",
        "--format",
        "html",
        "-o",
        out.to_str().expect("utf8"),
    ];
    args.extend(extra);
    BIN.run(db, &args)
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn every_report_of_the_month_is_a_file_of_its_own_and_the_missing_are_named() {
    let (dir, db) = office();
    let out = dir.path().join("out");
    let o = reports(&db, &out, &[]);
    assert!(o.status.success(), "{o:?}");
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("令和8年11月 の支援レポートを 2 件書き出しました"),
        "{said}"
    );
    assert!(
        said.contains("レポートのない利用者 (1名): C001 千葉 さん"),
        "{said}"
    );
    assert_eq!(
        files(&out),
        vec![
            "支援レポート_A001_2026-11.html",
            "支援レポート_B001_2026-11.html"
        ]
    );
    // The same document `export report` writes, byte for byte.
    let one = dir.path().join("one.html");
    BIN.ok(
        &db,
        &[
            "export",
            "report",
            "--client",
            "A001",
            "--month",
            "2026-11",
            "--format",
            "html",
            "-o",
            one.to_str().expect("utf8"),
        ],
    );
    let batch = std::fs::read(out.join("支援レポート_A001_2026-11.html")).expect("a");
    assert_eq!(batch, std::fs::read(&one).expect("one"));
    assert!(String::from_utf8_lossy(&batch).contains("青木 さんの目標"));
    // Each file audited as its client's export.
    let audit = BIN.ok(&db, &["audit", "--client", "B001"]);
    assert!(
        audit.contains("支援レポート 令和8年11月 (本人用)"),
        "{audit}"
    );

    // By worker, as xlsx.
    let tanaka = dir.path().join("tanaka");
    let o = BIN.run(
        &db,
        &[
            "export",
            "reports",
            "--month",
            "2026-11",
            "--staff",
            "tanaka",
            "--format",
            "xlsx",
            "-o",
            tanaka.to_str().expect("utf8"),
        ],
    );
    assert!(o.status.success(), "{o:?}");
    assert_eq!(files(&tanaka), vec!["支援レポート_A001_2026-11.xlsx"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("(1名): C001"));
    let e = BIN.refused(
        &db,
        &[
            "export", "reports", "--month", "2026-11", "--staff", "tanak", "--format", "html",
            "-o", "x",
        ],
    );
    assert!(e.contains("tanak"), "{e}");
}

#[test]
fn an_existing_file_stops_the_batch_before_it_starts() {
    let (dir, db) = office();
    let out = dir.path().join("out");
    assert!(reports(&db, &out, &[]).status.success());
    let a = out.join("支援レポート_A001_2026-11.html");
    std::fs::remove_file(&a).expect("rm");
    let o = reports(&db, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("既にあります"),
        "{o:?}"
    );
    assert!(!a.exists(), "nothing written once a file is found taken");
    assert!(reports(&db, &out, &["--force"]).status.success());
    assert!(a.exists());
}

#[test]
fn a_case_worker_exports_their_own_clients_only() {
    let (dir, db) = office();
    // Give C001 a report and this login, then make this login a 支援員
    // (a 管理者 stays registered).
    BIN.ok(
        &db,
        &[
            "staff",
            "add",
            "kobayashi",
            "--name",
            "小林",
            "--role",
            "管理者",
        ],
    );
    BIN.ok(
        &db,
        &["staff", "add", &me(), "--name", "私", "--role", "支援員"],
    );
    let store = teichaku::store::Store::open_as(&db, "kobayashi").expect("open");
    let id = store.client_id("C001").expect("id").expect("C001");
    let mut c = store.load_client(id).expect("load");
    c.assigned_staff = Some(me());
    operation::apply(
        &store,
        &Operation::EditClient {
            client: Box::new(c.clone()),
            conflict: None,
        },
    )
    .expect("assign");
    drop(store);
    let mine = dir.path().join("mine");
    let o = reports(&db, &mine, &["--staff", &me()]);
    assert!(o.status.success(), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("(1名): C001"));
    assert!(files(&mine).is_empty());
    for extra in [&[][..], &["--staff", "tanaka"]] {
        let out = dir.path().join("all");
        let o = reports(&db, &out, extra);
        assert_eq!(o.status.code(), Some(1), "{extra:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("事業所全体の書き出し"),
            "{o:?}"
        );
        assert!(!out.exists());
    }
}
