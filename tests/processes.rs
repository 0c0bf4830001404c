//! Several case workers on one file, as separate processes: nothing lost,
//! everything audited.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::Path;
use std::process::Command;

use binary::Bin;

const TODAY: &str = "2027-01-20";
const WRITERS: usize = 6;
const EACH: usize = 60;

fn teichaku(db: &Path, args: &[&str]) -> std::process::Output {
    Bin { today: TODAY }.run(db, args)
}

#[test]
fn six_writers_at_once_lose_nothing_and_every_write_is_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    assert!(
        teichaku(&db, &["import", fixture.to_str().expect("utf8")])
            .status
            .success()
    );
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                for i in 0..EACH {
                    let summary = format!("writer {w} record {i}");
                    let o = teichaku(
                        &db,
                        &["contact", "add", "--client", "C001", "--summary", &summary],
                    );
                    assert!(
                        o.status.success(),
                        "{summary}: {}",
                        String::from_utf8_lossy(&o.stderr)
                    );
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    let export: serde_json::Value =
        serde_json::from_slice(&teichaku(&db, &["export"]).stdout).expect("json");
    let summaries: Vec<&str> = export["clients"][0]["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .filter_map(|c| c["summary"].as_str())
        .filter(|s| s.starts_with("writer "))
        .collect();
    assert_eq!(summaries.len(), WRITERS * EACH);
    for w in 0..WRITERS {
        for i in 0..EACH {
            let s = format!("writer {w} record {i}");
            assert!(summaries.contains(&s.as_str()), "{s} lost");
        }
    }
    let store = teichaku::store::Store::open_as(&db, "auditor").expect("open");
    let client = store.client_id("C001").expect("query").expect("client");
    let created = store
        .audit_for_client(client, 10_000)
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == teichaku::store::AuditAction::Create && e.table == "contacts")
        .count();
    assert_eq!(created, WRITERS * EACH, "one audit row per write");
    assert!(teichaku(&db, &["check"]).status.success());
}

#[test]
fn writers_killed_at_any_moment_leave_a_sound_file_with_every_acknowledged_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    assert!(
        teichaku(&db, &["import", fixture.to_str().expect("utf8")])
            .status
            .success()
    );
    // How long one write takes here, so the kills spread over all of it
    // (start-up, the transaction, the commit) on a fast or a slow machine.
    let t = std::time::Instant::now();
    assert!(
        teichaku(
            &db,
            &["contact", "add", "--client", "C001", "--summary", "面談"]
        )
        .status
        .success()
    );
    let whole = t.elapsed();
    let mut acknowledged = Vec::new();
    for round in 0..40u32 {
        let summary = format!("kill round {round}");
        let mut child = Command::new(env!("CARGO_BIN_EXE_teichaku"))
            .arg("--db")
            .arg(&db)
            .args([
                "--today",
                TODAY,
                "contact",
                "add",
                "--client",
                "C001",
                "--summary",
                &summary,
            ])
            .env_remove("TEICHAKU_DB")
            .env_remove("TEICHAKU_TODAY")
            .env("TEICHAKU_CLOCK", TODAY)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Somewhere between start-up and well after the commit: up to
        // three times one write, so a machine that slows down during the
        // loop (other builds, CI neighbours) still sees rounds finish.
        std::thread::sleep(whole * (round % 20) / 6);
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().expect("wait");
        if out.status.success() && String::from_utf8_lossy(&out.stdout).contains("記録しました")
        {
            acknowledged.push(summary);
        }
    }
    // Some rounds finish before the kill, some do not: both must be seen.
    assert!(
        !acknowledged.is_empty() && acknowledged.len() < 40,
        "{} of 40 acknowledged: the kill came always too early or too late",
        acknowledged.len()
    );
    let check = teichaku(&db, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let export = String::from_utf8_lossy(&teichaku(&db, &["export"]).stdout).into_owned();
    for s in &acknowledged {
        assert!(
            export.contains(s.as_str()),
            "{s} was acknowledged but is lost"
        );
    }
}
