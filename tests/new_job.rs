//! After a 離職 and a new job, the earlier job's timeline stays in the
//! case: what was missed while employed stays overdue until done or
//! decided, in `due` and its exports.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::Path;

use binary::Bin;

const BIN: Bin = Bin {
    today: "2027-01-20",
};

/// The example client (working from 2026-04-15, 就労定着支援 from
/// 2026-10-15) left on 2026-11-30 and started at ミナト工業 on 2027-01-10.
fn moved_on() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = BIN.example_office(|_| {});
    BIN.ok(
        &db,
        &[
            "employment",
            "end",
            "--client",
            "C001",
            "--date",
            "2026-11-30",
            "--reason",
            "自己都合",
        ],
    );
    BIN.ok(
        &db,
        &[
            "employment",
            "add",
            "--client",
            "C001",
            "--employer",
            "ミナト工業",
            "--decision",
            "2026-12-20",
            "--start",
            "2027-01-10",
        ],
    );
    (dir, db)
}

fn rows(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["due", "--client", "C001", "--format", "json"];
    args.extend(extra);
    serde_json::from_str(&BIN.ok(db, &args)).expect("json")
}

fn find<'a>(
    rows: &'a [serde_json::Value],
    id: &str,
    month: &str,
    job: Option<&str>,
) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| r["obligation"] == id && r["period"] == month && r["job"].as_str() == job)
        .unwrap_or_else(|| panic!("{id} {month} of job {job:?} missing"))
}

#[test]
fn the_earlier_jobs_timeline_stays_and_its_missed_month_stays_overdue() {
    let (_dir, db) = moved_on();
    let all = rows(&db, &["--all", "--from", "2025-01-01", "--within", "2000"]);
    let earlier = all.iter().filter(|r| r["job"] == "2026-04-15").count();
    let current = all.iter().filter(|r| r.get("job").is_none()).count();
    assert!(
        earlier > 100 && current > 5,
        "{earlier} kept, {current} now"
    );
    // November, missed while still employed: overdue, and in the default
    // listing too. December came after the 離職.
    let nov = find(
        &all,
        "ret.monthly_face_to_face",
        "2026-11",
        Some("2026-04-15"),
    );
    assert_eq!(nov["status"], "overdue");
    let dec = find(
        &all,
        "ret.monthly_face_to_face",
        "2026-12",
        Some("2026-04-15"),
    );
    assert_eq!(
        (dec["status"].as_str(), dec["waived_reason"].as_str()),
        (Some("waived"), Some("離職"))
    );
    let due = rows(&db, &[]);
    assert!(
        due.iter()
            .any(|r| r["obligation"] == "ret.monthly_face_to_face" && r["period"] == "2026-11"),
        "the missed month is still listed"
    );
    let table = BIN.ok(&db, &["due", "--client", "C001"]);
    assert!(table.contains("前職 月次 対面支援 2026-11"), "{table}");
    let csv = BIN.ok(&db, &["due", "--client", "C001", "--format", "csv"]);
    assert!(
        csv.lines().next().is_some_and(|h| h.ends_with(",job")),
        "{csv}"
    );
    assert!(csv.contains(",2026-04-15\r\n"), "{csv}");
}

#[test]
fn an_earlier_jobs_month_is_decided_by_naming_the_job() {
    let (_dir, db) = moved_on();
    let out = BIN.ok(
        &db,
        &[
            "resolve",
            "--client",
            "C001",
            "--obligation",
            "ret.monthly_face_to_face",
            "--period",
            "2026-11",
            "--job",
            "2026-04-15",
            "--reason",
            "入院中",
        ],
    );
    assert!(out.contains("対象外(入院中)"), "{out}");
    let all = rows(&db, &["--all", "--from", "2025-01-01", "--within", "2000"]);
    let nov = find(
        &all,
        "ret.monthly_face_to_face",
        "2026-11",
        Some("2026-04-15"),
    );
    assert_eq!(nov["status"], "waived");
    assert!(nov["waived_by"].is_string(), "{nov}");
    // The same step of the new job is its own: a decision on the earlier
    // job's needs assessment leaves the new job's open.
    BIN.ok(
        &db,
        &[
            "resolve",
            "--client",
            "C001",
            "--obligation",
            "pre.needs_assessment",
            "--job",
            "2026-04-15",
            "--reason",
            "前の就職で対応済み",
        ],
    );
    let all = rows(&db, &["--all", "--from", "2025-01-01", "--within", "2000"]);
    let step = |job: Option<&str>| {
        all.iter()
            .find(|r| r["obligation"] == "pre.needs_assessment" && r["job"].as_str() == job)
            .map(|r| r["status"].as_str().unwrap_or_default().to_string())
            .expect("the step")
    };
    assert_eq!(step(Some("2026-04-15")), "waived");
    assert_eq!(step(None), "overdue");
    // And it is taken back the same way.
    BIN.ok(
        &db,
        &[
            "resolve",
            "--client",
            "C001",
            "--obligation",
            "pre.needs_assessment",
            "--job",
            "2026-04-15",
            "--undo",
        ],
    );
    let all = rows(&db, &["--all", "--from", "2025-01-01", "--within", "2000"]);
    assert!(all.iter().any(|r| r["obligation"] == "pre.needs_assessment"
        && r["job"] == "2026-04-15"
        && r["status"] == "overdue"));
    let check = BIN.ok(&db, &["check"]);
    assert!(!check.contains('‼'), "{check}");
}

#[test]
fn a_calendar_keeps_the_two_jobs_steps_apart() {
    let (_dir, db) = moved_on();
    let ics = BIN.ok(&db, &["due", "--client", "C001", "--format", "ics"]);
    let uids: Vec<&str> = ics.lines().filter(|l| l.starts_with("UID:")).collect();
    let mut unique = uids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "{uids:#?}");
    assert!(
        ics.contains("C001/pre.needs_assessment/job-2026-04-15@")
            && ics.contains("C001/pre.needs_assessment@"),
        "{ics}"
    );
    assert!(ics.contains("(C001) 前職 ニーズ把握・相談"), "{ics}");
}
