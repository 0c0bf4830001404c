//! `contact add` as a whole process, alone and with 6 writers at once,
//! beside its floor measured in the same run: the `sqlite3` shell doing
//! the same write (one contact row and one audit row in one IMMEDIATE
//! transaction, synchronous=FULL, on a copy of the same file whose guard
//! triggers call a built-in function instead of the program's, which the
//! shell does not have: the same schema to parse, the same triggers to run). The runs alternate (A B
//! A B), so the machine's drift falls on both; the ratio is the figure.
//! Run with `cargo bench --bench writes` (needs `sqlite3` on PATH).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)] // a measuring tool: it prints, and stops on a broken setup

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const TODAY: &str = "2026-11-23";
/// Rounds of the single-writer comparison (each: one A, one B).
const ALONE: usize = 101;
/// Writers at once, and writes each makes per round.
const WRITERS: usize = 6;
const EACH: usize = 10;
const ROUNDS: usize = 4;

mod common;
use common::timed;

fn teichaku(db: &Path) -> Command {
    common::teichaku(db, TODAY)
}

fn contact_add(db: &Path) -> Command {
    let mut c = teichaku(db);
    c.args([
        "contact",
        "add",
        "--client",
        "D00001",
        "--summary",
        "電話で体調確認",
    ]);
    c
}

/// The same write by the `sqlite3` shell.
fn shell_insert(db: &Path) -> Command {
    let mut c = Command::new("sqlite3");
    c.arg(db).arg(
        "PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL; BEGIN IMMEDIATE; \
         INSERT INTO contacts (client_id, date, staff, counterpart, method, place, summary, \
           created_by, created_at, updated_by, updated_at) \
         VALUES (1, '2026-11-23', 'bench', 'client', 'in_person', 'office', '電話で体調確認', \
           'bench', '2026-11-23T00:00:00Z', 'bench', '2026-11-23T00:00:00Z'); \
         INSERT INTO audit (at, login, action, tbl, row_id, client_id, summary, detail, hash) \
         VALUES ('2026-11-23T00:00:00Z', 'bench', 'create', 'contacts', last_insert_rowid(), 1, \
           '支援記録 2026-11-23', '{}', printf('%064d', 0)); COMMIT;",
    );
    c
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() - 1) as f64 * p).round() as usize;
    v[i].as_secs_f64() * 1e3
}

/// `WRITERS` threads each running `EACH` writes of `make`; every latency.
fn concurrent(make: &(dyn Fn() -> Command + Sync)) -> Vec<Duration> {
    std::thread::scope(|s| {
        let hs: Vec<_> = (0..WRITERS)
            .map(|_| s.spawn(|| (0..EACH).map(|_| timed(make())).collect::<Vec<_>>()))
            .collect();
        hs.into_iter()
            .flat_map(|h| h.join().expect("writer"))
            .collect()
    })
}

fn count(db: &Path, table: &str) -> i64 {
    let c = rusqlite::Connection::open(db).expect("open");
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("writes bench: run with `cargo bench --bench writes`");
        return;
    }
    if Command::new("sqlite3").arg("--version").output().is_err() {
        println!("writes bench: needs the sqlite3 shell on PATH (the floor)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    let st = teichaku(&db)
        .args(["demo", "--clients", "2000"])
        .stdout(Stdio::null())
        .status()
        .expect("demo");
    assert!(st.success());
    // The floor's copy: the same file, the guard triggers calling a
    // built-in instead of the program's function.
    let floor: PathBuf = dir.path().join("floor.db");
    std::fs::copy(&db, &floor).expect("copy");
    {
        let c = rusqlite::Connection::open(&floor).expect("open");
        let names: Vec<String> = c
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_guard_%'",
            )
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("names");
        for n in names {
            c.execute_batch(&format!("DROP TRIGGER \"{n}\""))
                .expect("drop");
        }
    }
    let before = count(&db, "contacts");

    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..ALONE {
        a.push(timed(contact_add(&db)));
        b.push(timed(shell_insert(&floor)));
    }
    let (a50, a99, b50, b99) = (
        pct(&mut a, 0.5),
        pct(&mut a, 0.99),
        pct(&mut b, 0.5),
        pct(&mut b, 0.99),
    );
    println!(
        "contact add, 1 writer ........ p50 {a50:>6.1} ms  p99 {a99:>6.1} ms   sqlite3 shell p50 {b50:>6.1} ms  p99 {b99:>6.1} ms   ratio p50 {:.2}  p99 {:.2}",
        a50 / b50,
        a99 / b99
    );

    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        a.extend(concurrent(&|| contact_add(&db)));
        b.extend(concurrent(&|| shell_insert(&floor)));
    }
    let (a50, a99, b50, b99) = (
        pct(&mut a, 0.5),
        pct(&mut a, 0.99),
        pct(&mut b, 0.5),
        pct(&mut b, 0.99),
    );
    println!(
        "contact add, {WRITERS} writers ....... p50 {a50:>6.1} ms  p99 {a99:>6.1} ms   sqlite3 shell p50 {b50:>6.1} ms  p99 {b99:>6.1} ms   ratio p50 {:.2}  p99 {:.2}",
        a50 / b50,
        a99 / b99
    );
    let written = count(&db, "contacts") - before;
    let expected = (ALONE + ROUNDS * WRITERS * EACH) as i64;
    println!("contacts written {written} of {expected} (none lost)");
    assert_eq!(written, expected);
    let o = teichaku(&db).arg("check").output().expect("check");
    assert!(
        o.status.success(),
        "check after the run: {}",
        String::from_utf8_lossy(&o.stdout)
    );
}
