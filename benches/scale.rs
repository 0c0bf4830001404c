//! How `due` and `import` grow with the office (issue 13), each beside its
//! floor measured in the same run, as whole processes, at 1,000, 10,000
//! and 30,000 demo clients (`SCALE_CLIENTS=1000,10000` to choose):
//!
//! - `due --all --format json`: CPU (user + system) beside the `sqlite3`
//!   shell reading the same columns of the same rows (open cases, in the
//!   same order) to /dev/null; peak memory with the file in the page
//!   cache and evicted from it; `--staff` beside the whole office, its
//!   cost against its share of the rows.
//! - `import` of the demo's export: wall time beside the `sqlite3` shell
//!   loading a dump of the same database (the same rows written by SQLite
//!   alone), and peak memory against the JSON's size.
//!
//! Runs alternate (A B B A …) so the machine's drift falls on both; the
//! figures are medians and the ratio is the figure to read. Each run is
//! measured by a fresh copy of this program that starts it and reads its
//! resource use (`getrusage` of its only child), so CPU and peak memory
//! are that process's alone. Figures are printed, not asserted.
//! Run with `cargo bench --bench scale` (needs `sqlite3` on PATH).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)] // a measuring tool: it prints, and stops on a broken setup

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const TODAY: &str = "2026-12-01";
/// Runs of each read (each: one A, one B).
const READS: usize = 11;
/// Runs of each import (each: one import, one floor).
const IMPORTS: usize = 3;

/// The engine's columns of the open cases, as `due` reads them.
const FLOOR_SQL: &str = "
SELECT id, version, external_id, name, kana, birth_date, sex, certificate_no, certificate_expires, disclosure, needs_continuing_support, assigned_staff, closed_on, closed_reason, closed_note, closed_by FROM clients WHERE closed_on IS NULL ORDER BY id;
SELECT id, client_id, version, employer_name, employer_industry, employer_address, employer_phone, employer_contact_person, support_type, decision_date, start_date, prior_service_end_date, intent, retention_start_date, separation_date, separation_reason FROM employments WHERE client_id IN (SELECT id FROM clients WHERE closed_on IS NULL) ORDER BY client_id, id;
SELECT id, client_id, date, counterpart, method, place, obligations FROM contacts WHERE client_id IN (SELECT id FROM clients WHERE closed_on IS NULL) ORDER BY client_id, date;
SELECT id, client_id, month, created, presented, share_with_employer FROM reports WHERE client_id IN (SELECT id FROM clients WHERE closed_on IS NULL) ORDER BY client_id, month;
SELECT id, client_id, version, created FROM plans WHERE client_id IN (SELECT id FROM clients WHERE closed_on IS NULL) ORDER BY client_id, id;
SELECT id, plan_id, date FROM plan_reviews WHERE plan_id IN (SELECT id FROM plans WHERE client_id IN (SELECT id FROM clients WHERE closed_on IS NULL)) ORDER BY plan_id, date, id;
SELECT id, client_id, version, scope, date, written, withdrawn FROM consents WHERE client_id IN (SELECT id FROM clients WHERE closed_on IS NULL) ORDER BY client_id, id;
SELECT id, client_id, date, agency, shared, consent, obligations FROM handovers WHERE client_id IN (SELECT id FROM clients WHERE closed_on IS NULL) ORDER BY client_id, id;
SELECT id, client_id, date, agencies, online, manager_attended, manager_informed FROM case_conferences WHERE client_id IN (SELECT id FROM clients WHERE closed_on IS NULL) ORDER BY client_id, id;
SELECT id, client_id, obligation, period, reason, decided_by, decided_on FROM resolutions WHERE client_id IN (SELECT id FROM clients WHERE closed_on IS NULL) ORDER BY client_id, id;
";

/// One whole-process run.
#[derive(Clone, Copy)]
struct Run {
    wall: f64,
    cpu: f64,
    peak_mib: f64,
}

/// What to run and how.
#[derive(Clone)]
struct Job {
    argv: Vec<String>,
    stdin: Option<PathBuf>,
    /// Files dropped from the page cache first (a cold start).
    evict: Vec<PathBuf>,
}

fn teichaku(db: &Path, args: &[&str]) -> Job {
    let bin =
        std::env::var("SCALE_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_teichaku").to_string());
    let mut argv = vec![
        bin,
        "--db".into(),
        db.display().to_string(),
        "--today".into(),
        TODAY.into(),
    ];
    argv.extend(args.iter().map(|a| a.to_string()));
    Job {
        argv,
        stdin: None,
        evict: Vec::new(),
    }
}

fn shell(db: &Path, script: &Path) -> Job {
    Job {
        argv: vec!["sqlite3".into(), db.display().to_string()],
        stdin: Some(script.to_path_buf()),
        evict: Vec::new(),
    }
}

/// Runs `job` under a fresh copy of this program, which reports it.
fn measure(job: &Job) -> Run {
    let mut c = Command::new(std::env::current_exe().expect("exe"));
    c.arg("--measure");
    c.arg(job.stdin.as_deref().unwrap_or(Path::new("-")));
    for e in &job.evict {
        c.arg("--evict").arg(e);
    }
    c.arg("--").args(&job.argv);
    let out = c.output().expect("measure");
    assert!(
        out.status.success(),
        "{:?}: {}",
        job.argv,
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Vec<f64> = text
        .split_whitespace()
        .map(|w| w.parse().expect("number"))
        .collect();
    Run {
        wall: v[0],
        cpu: v[1],
        peak_mib: v[2],
    }
}

/// The measuring child: `--measure STDIN [--evict FILE]... -- PROGRAM ARGS...`
/// prints "wall_s cpu_s peak_MiB" of PROGRAM.
fn measuring_child(args: &[String]) {
    use nix::fcntl::{PosixFadviseAdvice, posix_fadvise};
    use nix::sys::resource::{UsageWho, getrusage};
    let stdin = &args[0];
    let mut rest = &args[1..];
    while rest[0] == "--evict" {
        if let Ok(f) = std::fs::File::open(&rest[1]) {
            // Written pages must reach the disk before they can be dropped.
            f.sync_all().ok();
            posix_fadvise(&f, 0, 0, PosixFadviseAdvice::POSIX_FADV_DONTNEED).expect("evict");
        }
        rest = &rest[2..];
    }
    let argv = &rest[1..];
    let mut c = Command::new(&argv[0]);
    c.args(&argv[1..]).stdout(Stdio::null());
    if stdin != "-" {
        c.stdin(std::fs::File::open(stdin).expect("stdin"));
    }
    let t = Instant::now();
    let status = c.status().expect("run");
    let wall = t.elapsed().as_secs_f64();
    assert!(status.success(), "{argv:?} failed");
    let u = getrusage(UsageWho::RUSAGE_CHILDREN).expect("rusage");
    let secs = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
    println!(
        "{wall} {} {}",
        secs(u.user_time()) + secs(u.system_time()),
        u.max_rss() as f64 / 1024.0
    );
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// `runs` rounds of every job, alternating their order; every run.
fn rounds(jobs: &[&Job], runs: usize) -> Vec<Vec<Run>> {
    let mut out = vec![Vec::new(); jobs.len()];
    for round in 0..runs {
        let order: Vec<usize> = if round % 2 == 0 {
            (0..jobs.len()).collect()
        } else {
            (0..jobs.len()).rev().collect()
        };
        for i in order {
            out[i].push(measure(jobs[i]));
        }
    }
    out
}

fn med(runs: &[Run], f: fn(&Run) -> f64) -> f64 {
    median(runs.iter().map(f).collect())
}

fn rows_of(db: &Path, args: &[&str]) -> usize {
    let job = teichaku(db, args);
    let out = Command::new(&job.argv[0])
        .args(&job.argv[1..])
        .output()
        .expect("due");
    assert!(out.status.success());
    // One row per line between the brackets.
    out.stdout.split(|b| *b == b'\n').count().saturating_sub(3)
}

fn office(dir: &Path, clients: usize) {
    let db = dir.join("office.db");
    let demo = teichaku(&db, &["demo", "--clients", &clients.to_string()]);
    let d = measure(&demo);
    let json = dir.join("office.json");
    let export = teichaku(
        &db,
        &[
            "export",
            "--format",
            "json",
            "-o",
            &json.display().to_string(),
        ],
    );
    measure(&export);
    let size_mib = std::fs::metadata(&json).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0;
    println!(
        "── {clients} clients: demo {:.1} s, export {size_mib:.0} MiB of JSON",
        d.wall
    );

    // due beside its floor, warm.
    let script = dir.join("floor.sql");
    std::fs::write(&script, format!(".output /dev/null\n{FLOOR_SQL}")).expect("script");
    let due = teichaku(&db, &["due", "--all", "--format", "json"]);
    let floor = shell(&db, &script);
    let runs = rounds(&[&due, &floor], READS);
    let (due_cpu, floor_cpu) = (med(&runs[0], |r| r.cpu), med(&runs[1], |r| r.cpu));
    println!(
        "  due --all --format json   CPU {:>7.0} ms  wall {:>6.0} ms   sqlite3 same columns CPU {:>6.0} ms   ratio {:.2}×   (target ≤ 1.5×)",
        due_cpu * 1e3,
        med(&runs[0], |r| r.wall) * 1e3,
        floor_cpu * 1e3,
        due_cpu / floor_cpu
    );
    // Peak memory, warm and with the file dropped from the page cache;
    // the cold CPU beside the shell's, cold too (the system's reading of
    // the file costs both).
    let evict: Vec<PathBuf> = ["", "-wal"]
        .iter()
        .map(|s| PathBuf::from(format!("{}{s}", db.display())))
        .collect();
    let mut cold = due.clone();
    cold.evict.clone_from(&evict);
    let mut cold_floor = floor.clone();
    cold_floor.evict = evict;
    let peaks = rounds(&[&due, &cold, &cold_floor], READS.min(7));
    let (warm_p, cold_p) = (
        med(&peaks[0], |r| r.peak_mib),
        med(&peaks[1], |r| r.peak_mib),
    );
    let spread = |rs: &[Run]| {
        let v: Vec<f64> = rs.iter().map(|r| r.peak_mib).collect();
        v.iter().cloned().fold(f64::MIN, f64::max) - v.iter().cloned().fold(f64::MAX, f64::min)
    };
    println!(
        "  due peak memory           warm {warm_p:>6.1} MiB   cold cache {cold_p:>6.1} MiB   cold/warm {:.2}×, spread {:.1} MiB",
        cold_p / warm_p,
        spread(&peaks[0]).max(spread(&peaks[1]))
    );
    let (cold_cpu, cold_floor_cpu) = (med(&peaks[1], |r| r.cpu), med(&peaks[2], |r| r.cpu));
    println!(
        "  due, file not cached      CPU {:>7.0} ms   sqlite3 same columns, not cached {:>6.0} ms   ratio {:.2}×",
        cold_cpu * 1e3,
        cold_floor_cpu * 1e3,
        cold_cpu / cold_floor_cpu
    );
    // One worker's list beside the whole office.
    let staff = teichaku(
        &db,
        &["due", "--all", "--staff", "tanaka", "--format", "json"],
    );
    let runs = rounds(&[&staff, &due], READS);
    let (s_cpu, a_cpu) = (med(&runs[0], |r| r.cpu), med(&runs[1], |r| r.cpu));
    let (s_rows, a_rows) = (
        rows_of(
            &db,
            &["due", "--all", "--staff", "tanaka", "--format", "json"],
        ),
        rows_of(&db, &["due", "--all", "--format", "json"]),
    );
    println!(
        "  due --all --staff tanaka  CPU {:>7.0} ms = {:.2}× the office's, for {:.2}× its rows ({s_rows} of {a_rows})",
        s_cpu * 1e3,
        s_cpu / a_cpu,
        s_rows as f64 / a_rows as f64
    );

    // import beside SQLite loading a dump of the same rows.
    let target = dir.join("imported.db");
    let import = teichaku(&target, &["import", &json.display().to_string()]);
    let dump = dir.join("dump.sql");
    let st = Command::new("sqlite3")
        .arg(&db)
        .arg(".dump")
        .stdout(std::fs::File::create(&dump).expect("dump"))
        .status()
        .expect("sqlite3 .dump");
    assert!(st.success());
    let loaded = dir.join("loaded.db");
    let load = shell(&loaded, &dump);
    let (mut imports, mut loads) = (Vec::new(), Vec::new());
    for round in 0..IMPORTS {
        for which in if round % 2 == 0 { [0, 1] } else { [1, 0] } {
            for f in [&target, &loaded] {
                for s in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{s}", f.display()));
                }
            }
            if which == 0 {
                imports.push(measure(&import));
            } else {
                loads.push(measure(&load));
            }
        }
    }
    let (i_wall, l_wall) = (med(&imports, |r| r.wall), med(&loads, |r| r.wall));
    let peak = med(&imports, |r| r.peak_mib);
    println!(
        "  import                    wall {i_wall:>6.1} s (CPU {:.1} s)   sqlite3 loading a dump {l_wall:.1} s   ratio {:.2}×",
        med(&imports, |r| r.cpu),
        i_wall / l_wall
    );
    println!(
        "  import peak memory        {peak:>6.0} MiB for {size_mib:.0} MiB of JSON: {:.2}×   (target ≤ 2×)",
        peak / size_mib
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--measure") {
        measuring_child(&args[2..]);
        return;
    }
    if !args.iter().any(|a| a == "--bench") {
        println!("scale bench: run with `cargo bench --bench scale`");
        return;
    }
    if Command::new("sqlite3").arg("--version").output().is_err() {
        println!("scale bench: needs the sqlite3 shell on PATH (the floor)");
        return;
    }
    let sizes: Vec<usize> = std::env::var("SCALE_CLIENTS")
        .unwrap_or_else(|_| "1000,10000,30000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    for n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        office(dir.path(), n);
    }
}
