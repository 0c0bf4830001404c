//! The employer's copy of a 支援レポート through the real binary: only the
//! sections the report says go to the employer are in the file, whatever
//! the format; the choice is set with `report set --field` and checked.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::Path;

use binary::Bin;

const BIN: Bin = Bin {
    today: "2026-11-30",
};

/// C001 with the consent to share reports with the employer and a report
/// for 2026-11 with a distinct text in every section.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = BIN.example_office(|doc| {
        doc["clients"][0]["consents"]
            .as_array_mut()
            .expect("consents")
            .push(serde_json::json!(
                {"scope": "employer_report_sharing", "date": "2026-10-01", "written": true}
            ));
    });
    BIN.ok(
        &db,
        &[
            "contact",
            "add",
            "--summary",
            "面談",
            "--client",
            "C001",
            "--date",
            "2026-11-05",
            "--method",
            "in_person",
            "--place",
            "employer",
        ],
    );
    let mut args = vec!["report", "set", "--client", "C001", "--month", "2026-11"];
    for kv in FIELDS {
        args.extend(["--field", kv]);
    }
    BIN.ok(&db, &args);
    (dir, db)
}

const FIELDS: [&str; 5] = [
    "goal_1=目標ほげ",
    "done_1=実施ふが",
    "result_1=結果ぴよ",
    "next_support=方向性もげ",
    "shared=共有事項ばず",
];

fn export(db: &Path, out: &Path, format: &str) -> String {
    BIN.ok(
        db,
        &[
            "export",
            "report",
            "--client",
            "C001",
            "--month",
            "2026-11",
            "--format",
            format,
            "--for-employer",
            "--force",
            "-o",
            out.to_str().expect("utf8"),
        ],
    );
    if format == "html" {
        return std::fs::read_to_string(out).expect("html");
    }
    binary::xlsx_text(out)
}

/// Which of the report's texts (and the 支援実績 row) the copy holds.
fn present(text: &str) -> Vec<&'static str> {
    [
        "目標ほげ",
        "実施ふが",
        "結果ぴよ",
        "方向性もげ",
        "共有事項ばず",
        "11月5日",
    ]
    .into_iter()
    .filter(|t| text.contains(t))
    .collect()
}

#[test]
fn by_default_the_employer_gets_the_direction_and_the_shared_notes_only() {
    let (dir, db) = setup();
    for format in ["html", "xlsx"] {
        let text = export(&db, &dir.path().join(format!("e.{format}")), format);
        assert_eq!(
            present(&text),
            vec!["方向性もげ", "共有事項ばず"],
            "{format}"
        );
        // The bands that make it a document are there; the choice is not.
        assert!(text.contains("山田 太郎") && text.contains("JS工業株式会社"));
        // Without its 支援実績 it still says which month it is.
        assert!(
            text.contains("支援レポート（令和8年11月分）"),
            "{format}: {text}"
        );
        assert!(!text.contains("事業主用に載せる欄") && !text.contains("載せる"));
    }
    // The client's own copy has everything, and no settings section.
    let own = dir.path().join("own.html");
    BIN.ok(
        &db,
        &[
            "export",
            "report",
            "--client",
            "C001",
            "--month",
            "2026-11",
            "--format",
            "html",
            "-o",
            own.to_str().expect("utf8"),
        ],
    );
    let text = std::fs::read_to_string(&own).expect("own");
    assert_eq!(present(&text).len(), 6, "{text}");
    assert!(!text.contains("事業主用に載せる欄"));
}

#[test]
fn the_recorded_choice_decides_section_by_section() {
    let (dir, db) = setup();
    BIN.ok(
        &db,
        &[
            "report",
            "set",
            "--client",
            "C001",
            "--month",
            "2026-11",
            "--field",
            "employer_goals=載せる",
            "--field",
            "employer_records=載せる",
            "--field",
            "employer_shared=載せない",
        ],
    );
    for format in ["html", "xlsx"] {
        let text = export(&db, &dir.path().join(format!("e.{format}")), format);
        // 支援の方向性 left unanswered keeps its default.
        assert_eq!(
            present(&text),
            vec!["目標ほげ", "方向性もげ", "11月5日"],
            "{format}"
        );
    }
    let e = BIN.refused(
        &db,
        &[
            "report",
            "set",
            "--client",
            "C001",
            "--month",
            "2026-11",
            "--field",
            "employer_status=はい",
        ],
    );
    assert!(
        e.contains("当月の支援状況「はい」は選べません（載せる・載せない）"),
        "{e}"
    );
}

#[test]
fn the_employer_copy_has_a_name_of_its_own_beside_the_clients() {
    let (dir, db) = setup();
    let d = dir.path().to_str().expect("utf8");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "export", "report", "--client", "C001", "--month", "2026-11", "--format", "html",
        ];
        args.extend(extra);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_teichaku"))
            .current_dir(d)
            .env_remove("TEICHAKU_DB")
            .arg("--db")
            .arg(&db)
            .args(["--today", BIN.today])
            .args(&args)
            .output()
            .expect("run");
        assert!(o.status.success(), "{o:?}");
    };
    run(&[]);
    run(&["--for-employer"]);
    let own = std::fs::read_to_string(dir.path().join("支援レポート_C001_2026-11.html"))
        .expect("client's copy kept");
    let employer =
        std::fs::read_to_string(dir.path().join("支援レポート_C001_2026-11_事業主用.html"))
            .expect("employer's copy");
    assert!(own.contains("目標ほげ") && !employer.contains("目標ほげ"));
}
