//! `teichaku rules` and the repository's own documentation, tested by
//! running the built binary: the rule table is printed without a database,
//! docs/RULES.md is exactly its Markdown output, and no help text or
//! document points outside the repository.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::path::Path;
use std::process::{Command, Output};

/// The obligation ids: a public contract, in timeline order.
/// The public contract: ids are added, never renamed or reordered.
const CONTRACT_IDS: [&str; 15] = [
    "pre.needs_assessment",
    "pre.inform_service",
    "pre.report_municipality",
    "m23.confirm_intent",
    "m23.share_status",
    "m45.coordinate",
    "m6.handover",
    "ret.plan_initial",
    "ret.plan_review",
    "ret.monthly_face_to_face",
    "ret.monthly_report",
    "ret.monthly_employer",
    "end.handover_share",
    "end.support_end",
    "cert.renewal",
];

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_teichaku"));
    c.env_remove("TEICHAKU_DB")
        .env_remove("TEICHAKU_TODAY")
        .env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run teichaku")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn repo_file(path: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn rules_json_lists_the_contract_ids_in_order_and_creates_no_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let o = bin()
        .arg("--db")
        .arg(&db)
        .args(["rules", "--format", "json"])
        .output()
        .expect("run teichaku");
    assert!(o.status.success(), "{}", stderr(&o));

    let rules: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("JSON");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, CONTRACT_IDS);
    for r in &rules {
        for key in [
            "stage",
            "title",
            "window",
            "due",
            "recurrence",
            "severity",
            "applies",
            "satisfied_by",
            "clause",
        ] {
            assert!(
                r[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} missing in {r}"
            );
        }
    }
    let severity = |id: &str| {
        rules
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["severity"].clone())
    };
    assert_eq!(severity("ret.monthly_employer"), Some("effort".into()));
    assert_eq!(severity("end.support_end"), Some("info".into()));

    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read temp dir")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert!(left.is_empty(), "rules created files: {left:?}");
}

#[test]
fn rules_table_and_markdown_need_no_database_either() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    for format in ["table", "markdown"] {
        let o = bin()
            .arg("--db")
            .arg(&db)
            .args(["rules", "--format", format])
            .output()
            .expect("run teichaku");
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let out = stdout(&o);
        for id in CONTRACT_IDS {
            assert!(out.contains(id), "{format}: {id} missing");
        }
    }
    assert!(!db.exists(), "rules created {}", db.display());
}

#[test]
fn docs_rules_md_is_the_output_of_rules_markdown() {
    let o = run(&["rules", "--format", "markdown"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let generated = stdout(&o);
    let committed = repo_file("docs/RULES.md");
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "末尾".to_string(), |i| format!("{}行目", i + 1));
        panic!(
            "docs/RULES.md がルール表と食い違っています ({line})。作り直してください:\n    \
             cargo run -- rules --format markdown > docs/RULES.md"
        );
    }
}

/// The subcommands listed under 「コマンド:」 in a help text.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("コマンド:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every line of the help of `path` and of all its subcommands, found by
/// walking the 「コマンド:」 lists, so a new subcommand is checked too.
fn check_help(path: &mut Vec<String>, seen: &mut Vec<String>) {
    let mut args = path.clone();
    args.push("--help".into());
    let o = bin().args(&args).output().expect("run teichaku");
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let help = stdout(&o);
    for bad in ["SPEC", "shared/"] {
        assert!(
            !help.contains(bad),
            "`teichaku {}` mentions {bad}:\n{help}",
            args.join(" ")
        );
    }
    seen.push(path.join(" "));
    for sub in subcommands(&help) {
        path.push(sub);
        check_help(path, seen);
        path.pop();
    }
}

#[test]
fn no_help_text_points_to_the_team_reference() {
    let mut seen = Vec::new();
    check_help(&mut Vec::new(), &mut seen);
    for cmd in ["rules", "import", "due", "contact add", "export report"] {
        assert!(seen.iter().any(|s| s == cmd), "{cmd} not checked: {seen:?}");
    }
}

#[test]
fn readme_and_docs_stand_alone() {
    let mut files = vec!["README.md".to_string()];
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    for e in std::fs::read_dir(&docs).expect("docs/") {
        let name = e.expect("entry").file_name();
        files.push(format!("docs/{}", name.to_string_lossy()));
    }
    for f in &files {
        let text = repo_file(f);
        for bad in ["SPEC", "../shared", "shared/"] {
            assert!(!text.contains(bad), "{f} mentions {bad}");
        }
    }
    let readme = repo_file("README.md");
    assert!(
        readme.contains("docs/RULES.md"),
        "README does not point to docs/RULES.md"
    );
    assert!(
        readme.contains("teichaku rules"),
        "README does not list `teichaku rules`"
    );
}
