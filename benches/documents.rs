//! Whole-process benchmarks of the document exports (issue 12) on a demo
//! office: one 支援レポート (target < 200 ms), a month of about 300 reports
//! one file each (target < 10 s), and the 一般就労へ移行した利用者一覧表 of a
//! half year. Each figure is printed beside a floor or a peer measured in
//! the same run, with the ratio: the floor is a process that opens the same
//! database and reads one setting (`settings office_name`); the month's
//! peer is its count times one report's export (what a shell loop of
//! `export report` would take). Run with `cargo bench --bench documents`.
//! Figures are printed, not asserted: a benchmark measures, a test decides.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)] // a measuring tool: it prints, and stops on a broken setup

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const TODAY: &str = "2026-11-23";
/// The demo office: about 300 reports for `MONTH` (312 at this size).
const CLIENTS: &str = "650";
const MONTH: &str = "2026-10";

mod common;
use common::timed;

fn teichaku(db: &Path, args: &[&str]) -> Command {
    let mut c = common::teichaku(db, TODAY);
    c.args(args);
    c
}

/// The median, in milliseconds.
fn median_ms(v: Vec<Duration>) -> f64 {
    common::median(v).as_secs_f64() * 1e3
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("documents bench: run with `cargo bench --bench documents`");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("office.db");
    timed(teichaku(&db, &["demo", "--clients", CLIENTS]));

    // A client with a report of MONTH.
    let client = {
        let store = teichaku::store::Store::open_as(&db, "bench").expect("open");
        let doc = store.export(None).expect("export");
        doc.clients
            .iter()
            .find(|c| c.reports.iter().any(|r| r.month.to_string() == MONTH))
            .map(|c| c.external_id.clone())
            .expect("a client with a report")
    };
    let floor_args = ["settings", "office_name"];
    let one = |format: &str, i: usize| {
        let out = dir.path().join(format!("one{i}.{format}"));
        let mut c = teichaku(
            &db,
            &[
                "export", "report", "--client", &client, "--month", MONTH, "--format", format,
                "--force", "-o",
            ],
        );
        c.arg(&out);
        c
    };
    // Floor and exports alternate, so a drifting machine hits them alike.
    let (mut floor, mut xlsx, mut html) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..15 {
        floor.push(timed(teichaku(&db, &floor_args)));
        xlsx.push(timed(one("xlsx", i)));
        html.push(timed(one("html", i)));
    }
    let (floor, xlsx, html) = (median_ms(floor), median_ms(xlsx), median_ms(html));
    println!("floor: settings office_name .. {floor:>8.1} ms median of 15");
    for (what, ms) in [("xlsx", xlsx), ("html", html)] {
        println!(
            "export report {what} ........... {ms:>8.1} ms median of 15, {:.2}× the floor   (target < 200 ms)",
            ms / floor
        );
    }

    let mut runs = Vec::new();
    let mut count = 0usize;
    for i in 0..3 {
        let out = dir.path().join(format!("month{i}"));
        let mut c = teichaku(
            &db,
            &[
                "export", "reports", "--month", MONTH, "--format", "xlsx", "-o",
            ],
        );
        c.arg(&out);
        runs.push(timed(c));
        count = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    }
    let month = median_ms(runs);
    let peer = xlsx * count as f64;
    println!(
        "export reports ({count} xlsx) ..... {month:>8.0} ms median of 3; {count} × export report beside it {peer:.0} ms: {:.2}×   (target < 10000 ms)",
        month / peer
    );

    let (mut floor, mut list) = (Vec::new(), Vec::new());
    for i in 0..7 {
        floor.push(timed(teichaku(&db, &floor_args)));
        let out = dir.path().join(format!("list{i}.xlsx"));
        let mut c = teichaku(
            &db,
            &[
                "export",
                "employed-list",
                "--from",
                "2026-04-01",
                "--to",
                "2026-09-30",
                "--format",
                "xlsx",
                "-o",
            ],
        );
        c.arg(&out).stderr(Stdio::null());
        list.push(timed(c));
    }
    let (floor, list) = (median_ms(floor), median_ms(list));
    println!(
        "export employed-list (half a year) {list:>6.1} ms median of 7, floor beside it {floor:.1} ms: {:.2}×",
        list / floor
    );
}
