//! What another session's write costs an open screen (issue 13): a
//! session on 10,000 clients, fully loaded; another connection adds one
//! contact; the screen notices (its poll) and catches up. The CPU of the
//! whole process from the poll to caught-up is the figure (the reload
//! runs on another thread, so wall time would hide it).
//!
//! Beside it, in the same run:
//! - the floor: reading that one client and computing its items;
//! - the whole-office reload every write used to cost (now only an
//!   office-wide change, such as a setting, asks for it).
//!
//! Target: ≤ 10 ms of CPU per write at 10k. Run with `cargo bench --bench refresh`:
//! at 1,000, 10,000 and 30,000 clients (`REFRESH_CLIENTS=10000` to choose).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)] // a measuring tool: it prints, and stops on a broken setup

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::layout::Rect;
use teichaku::model::{ClientId, Contact, Counterpart, Method, Place, Settings};
use teichaku::store::{Reads, Store};
use teichaku::tui::event_loop::Session;
use teichaku::tui::keymap::Keymap;
use teichaku::tui::snapshot::Snapshot;
use teichaku::tui::theme::Theme;

const ROUNDS: usize = 15;

mod common;
use common::{cpu, median, ms};
use teichaku::operation::{self, Operation};

fn call(today: NaiveDate, n: usize) -> Contact {
    Contact {
        id: None,
        version: 0,
        date: today,
        time: None,
        staff: None,
        counterpart: Counterpart::Client,
        counterpart_detail: String::new(),
        method: Method::Phone,
        method_detail: String::new(),
        place: Place::Other,
        place_detail: String::new(),
        summary: format!("ベンチの電話 {n}"),
        obligations: Vec::new(),
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("REFRESH_CLIENTS")
        .unwrap_or_else(|_| "1000,10000,30000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let rows: Vec<(usize, Duration, Duration, Duration)> = sizes.iter().map(|&n| size(n)).collect();
    println!();
    println!(
        "| 利用者 | 他の人の書き込み 1 件 → 追いつく (CPU) | 床: その 1 人を読んで計算 | 比 | 事業所全体を読み直す |"
    );
    println!("|---|---|---|---|---|");
    for (n, r, f, w) in rows {
        println!(
            "| {n} | {} | {} | {:.1}× | {} ({:.0}×) |",
            ms(r),
            ms(f),
            r.as_secs_f64() / f.as_secs_f64().max(1e-9),
            ms(w),
            w.as_secs_f64() / r.as_secs_f64().max(1e-9)
        );
    }
}

/// One size: (clients, catching up, floor, whole reload), medians.
fn size(clients: usize) -> (usize, Duration, Duration, Duration) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.db");
    let writer = Store::open_as(&db, "bench").expect("create");
    operation::import_document(&writer, &teichaku::demo::generate(clients, today))
        .expect("import the demo clients");
    let ids: Vec<ClientId> = (1..=clients)
        .filter_map(|n| writer.client_id(&format!("D{n:05}")).ok().flatten())
        .filter(|&id| writer.load_client(id).is_ok_and(|c| !c.is_closed()))
        .step_by((clients / ROUNDS / 2).max(1))
        .take(ROUNDS)
        .collect();

    let mut session = Session::start(
        Store::open_with(&db, "bench", Reads::Once).expect("open"),
        today,
        Keymap::default(),
        Theme::default(),
        Vec::new(),
        Rect::new(0, 0, 80, 24),
        Instant::now(),
    )
    .expect("session");
    session.wait_idle();
    let mut now = Instant::now();
    // The screen catches up: the poll notices, the job runs, the result
    // is applied.
    let mut catch_up = |session: &mut Session| {
        now += Duration::from_secs(1);
        let c0 = cpu();
        session.tick(now);
        session.wait_idle();
        cpu() - c0
    };

    let settings: Settings = writer.settings().expect("settings");
    let (mut refresh, mut floor, mut full) = (Vec::new(), Vec::new(), Vec::new());
    for (n, &id) in ids.iter().enumerate() {
        // A write by someone else → this screen catches up.
        let op = Operation::AddContact {
            client_id: id,
            contact: Box::new(call(today, n)),
            intent: None,
        };
        operation::apply(&writer, &op).expect("write");
        refresh.push(catch_up(&mut session));
        // The floor: that one client read and its items computed.
        let c0 = cpu();
        let c = writer.load_client(id).expect("load");
        std::hint::black_box(Snapshot::build(std::slice::from_ref(&c), &settings, today));
        floor.push(cpu() - c0);
        // An office-wide change: everyone read again (what each write cost
        // before). Every third round: it is slow.
        if n % 3 == 0 {
            let mut s = writer.settings().expect("settings");
            s.warn_days = if s.warn_days == 14 { 15 } else { 14 };
            operation::apply(
                &writer,
                &Operation::Office {
                    office: None,
                    settings: Some(s),
                    caseload_only: None,
                    export_group: None,
                },
            )
            .expect("settings");
            full.push(catch_up(&mut session));
        }
    }
    if std::env::var_os("REFRESH_BREAKDOWN").is_some() {
        let (mut open, mut apply) = (Vec::new(), Vec::new());
        for &id in &ids {
            let c0 = cpu();
            std::hint::black_box(Store::open_as(&db, "bench").expect("open"));
            open.push(cpu() - c0);
            let c = writer.load_client(id).expect("load");
            let c0 = cpu();
            session.app.clients_changed(vec![(id, Some(c))]);
            apply.push(cpu() - c0);
        }
        println!(
            "内訳: 接続を開く {}  画面に反映 {}",
            ms(median(open)),
            ms(median(apply))
        );
    }
    let (r, f, w) = (median(refresh), median(floor), median(full));
    println!(
        "{clients} 人、{} 回の書き込み（CPU 時間の中央値、プロセス全体）",
        ids.len()
    );
    println!(
        "他の人の書き込み 1 件 → 画面が追いつく  {:>10}  (目標 10 ms)",
        ms(r)
    );
    println!(
        "  床: その 1 人を読んで計算             {:>10}  比 {:.1}×",
        ms(f),
        r.as_secs_f64() / f.as_secs_f64().max(1e-9)
    );
    println!(
        "  以前: 事業所全体を読み直す            {:>10}  ({:.0}× 重い)",
        ms(w),
        w.as_secs_f64() / r.as_secs_f64().max(1e-9)
    );
    (clients, r, f, w)
}
