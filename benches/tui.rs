//! The TUI at 1,000, 10,000 and 30,000 clients (`TUI_CLIENTS=10000` to
//! choose), each figure beside its floor or target from the same run:
//!
//! - start → first frame (≤ 150 ms), → the list, → every count;
//! - a filter key → frame, the first of a query (it scans every row) and
//!   the later ones (they search what the previous key matched), beside
//!   nucleo alone scoring the same folded text of every row, timed in
//!   turn with them (target: every key ≤ 1.5× that);
//! - opening the deadlines view → frame (≤ 50 ms);
//! - memory once loaded and its peak (VmRSS / VmHWM) of a fresh process
//!   that opens the screen (a copy of this program), beside the same
//!   process before it read anyone (target at 10k: ≤ 80 MiB, at 30k:
//!   ≤ 200 MiB, peak ≤ 1.5× steady).
//!
//! Frames are drawn on a ratatui TestBackend at 80×24; figures are
//! medians. Run with `cargo bench --bench tui`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)] // a measuring tool: it prints, and stops on a broken setup

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use teichaku::store::{Reads, Store};
use teichaku::tui::event_loop::Session;
use teichaku::tui::keymap::Keymap;
use teichaku::tui::theme::Theme;

const RUNS: usize = 7;
/// Keys of the filter: first keys are one per run.
const FILTER_RUNS: usize = 15;
/// Fresh processes for the memory figures.
const MEMORY_RUNS: usize = 3;

mod common;
use common::{median, ms};
use teichaku::operation;

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn esc() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
}

/// The screen's store, opened as `teichaku` opens it.
fn store(db: &std::path::Path) -> Store {
    Store::open_with(db, "bench", Reads::Once).expect("open the bench database")
}

/// As `teichaku` starts: names first, obligations on another thread.
fn start(store: Store, today: NaiveDate) -> Session {
    Session::start(
        store,
        today,
        Keymap::default(),
        Theme::default(),
        Vec::new(),
        Rect::new(0, 0, 80, 24),
        Instant::now(),
    )
    .expect("load")
}

fn open(db: &std::path::Path, today: NaiveDate) -> (Session, Terminal<TestBackend>) {
    let terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    (start(store(db), today), terminal)
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    if let Ok(db) = std::env::var("TUI_BENCH_MEMORY_OF") {
        return memory_child(std::path::Path::new(&db), today);
    }
    let sizes: Vec<usize> = std::env::var("TUI_CLIENTS")
        .unwrap_or_else(|_| "1000,10000,30000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let rows: Vec<Row> = sizes.iter().map(|&n| size(n, today)).collect();
    println!();
    println!(
        "| 利用者 | 起動→画面 / 一覧 / 件数 | 絞り込み 最初の1文字 / 以降 (nucleo 全員 1 回; 比) [最初の1文字、画面を除く] | 期限一覧 | メモリ 定常 / ピーク (読み込み前) |"
    );
    println!("|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} / {} / {} | {} / {} ({} / {}; {:.2}× / {:.2}×) [{}: {:.2}×] | {} | {:.0} / {:.0} MiB ({:.0}; ピーク {:.2}×) |",
            r.clients,
            ms(r.start),
            ms(r.listed),
            ms(r.complete),
            ms(r.first_key),
            ms(r.later_keys),
            ms(r.floor_first),
            ms(r.floor_later),
            r.first_key.as_secs_f64() / r.floor_first.as_secs_f64(),
            r.later_keys.as_secs_f64() / r.floor_later.as_secs_f64(),
            ms(r.first_handled),
            r.first_handled.as_secs_f64() / r.floor_first.as_secs_f64(),
            ms(r.deadlines),
            r.memory.steady,
            r.memory.peak,
            r.memory.before,
            r.memory.peak / r.memory.steady,
        );
    }
}

/// One size's figures.
struct Row {
    clients: usize,
    start: Duration,
    listed: Duration,
    complete: Duration,
    first_key: Duration,
    first_handled: Duration,
    later_keys: Duration,
    floor_first: Duration,
    floor_later: Duration,
    deadlines: Duration,
    memory: Memory,
}

/// MiB of a fresh process: once loaded, its peak, and before loading.
#[derive(Clone, Copy)]
struct Memory {
    steady: f64,
    peak: f64,
    before: f64,
}

fn size(clients: usize, today: NaiveDate) -> Row {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.db");
    {
        let t = Instant::now();
        let store = Store::open_as(&db, "bench").expect("create");
        operation::import_document(&store, &teichaku::demo::generate(clients, today))
            .expect("import the demo clients");
        println!("{clients} 人のデモデータを作成: {}", ms(t.elapsed()));
    }

    if std::env::var_os("TUI_BENCH_BREAKDOWN").is_some() {
        breakdown(&db, today);
    }
    // Start → first frame; → the list drawn; → every obligation counted.
    let mut starts = Vec::new();
    let mut listed = Vec::new();
    let mut complete = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let (mut session, mut terminal) = open(&db, today);
        terminal.draw(|f| session.draw(f)).expect("draw");
        starts.push(t.elapsed());
        while !session.app.snap.loaded {
            session.tick(Instant::now());
            std::thread::sleep(Duration::from_micros(200));
        }
        terminal.draw(|f| session.draw(f)).expect("draw");
        listed.push(t.elapsed());
        session.wait_idle();
        terminal.draw(|f| session.draw(f)).expect("draw");
        complete.push(t.elapsed());
    }

    // One filter keystroke → frame (typing a name, one character at a time).
    let (mut session, mut terminal) = open(&db, today);
    session.wait_idle();
    let query: Vec<char> = session
        .app
        .snap
        .rows
        .iter()
        .map(|r| r.kana.clone())
        .find(|k| k.chars().count() >= 4)
        .unwrap_or_else(|| "やまだ".to_string())
        .chars()
        .take(4)
        .collect();
    // The floor: nucleo alone over the same folded text, one pass over
    // every row per key (what the first key cannot do with less). It is
    // timed in turn with the screen's keys (A B A B), so both find the
    // caches as the other work of a key left them.
    let hays: Vec<nucleo_matcher::Utf32String> = session
        .app
        .snap
        .rows
        .iter()
        .map(|r| nucleo_matcher::Utf32String::from(r.haystack.as_str()))
        .collect();
    let mut matcher = nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT);
    let mut nucleo = |typed: &[char]| {
        let typed: String = typed.iter().collect();
        let t = Instant::now();
        let pattern = nucleo_matcher::pattern::Pattern::new(
            &typed,
            nucleo_matcher::pattern::CaseMatching::Respect,
            nucleo_matcher::pattern::Normalization::Never,
            nucleo_matcher::pattern::AtomKind::Fuzzy,
        );
        let hits = hays
            .iter()
            .filter(|h| pattern.score(h.slice(..), &mut matcher).is_some())
            .count();
        std::hint::black_box(hits);
        t.elapsed()
    };
    let mut keystrokes = Vec::new();
    let (mut first_keys, mut later_keys) = (Vec::new(), Vec::new());
    let (mut floor_first, mut floor_later) = (Vec::new(), Vec::new());
    // The first key without its frame: the filter's own work beside
    // nucleo's (at 1,000 clients drawing the frame costs more than both).
    let mut first_handled = Vec::new();
    for _ in 0..FILTER_RUNS {
        session.handle(&key('/'), Instant::now());
        session.settle();
        for n in 1..=query.len() {
            let t = Instant::now();
            session.handle(&key(query[n - 1]), Instant::now());
            let handled = t.elapsed();
            terminal.draw(|f| session.draw(f)).expect("draw");
            let took = t.elapsed();
            keystrokes.push(took);
            // The selected client's record arrives from the reader thread
            // between keys, as in the running program (not timed: the
            // key's frame does not wait for it).
            session.settle();
            terminal.draw(|f| session.draw(f)).expect("draw");
            let floor = nucleo(&query[..n]);
            if n == 1 {
                first_keys.push(took);
                first_handled.push(handled);
                floor_first.push(floor);
            } else {
                later_keys.push(took);
                floor_later.push(floor);
            }
        }
        session.handle(&esc(), Instant::now());
        session.settle();
    }
    // The first key scans every row; the later ones only what the
    // previous key matched.
    let (first_key, later_keys) = (median(first_keys), median(later_keys));
    let (floor_first, floor_later) = (median(floor_first), median(floor_later));
    let first_handled = median(first_handled);

    // Opening the deadlines view → frame.
    let mut deadlines = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        session.handle(&key('d'), Instant::now());
        terminal.draw(|f| session.draw(f)).expect("draw");
        deadlines.push(t.elapsed());
        session.handle(&esc(), Instant::now());
    }
    let items = session.app.deadlines.items;

    let memory = memory(&db);
    let row = Row {
        clients,
        start: median(starts),
        listed: median(listed),
        complete: median(complete),
        first_key,
        first_handled,
        later_keys,
        floor_first,
        floor_later,
        deadlines: median(deadlines),
        memory,
    };
    println!(
        "  起動 → 最初の画面 {} / 一覧 {} / 件数 {}; 絞り込み {} (「{}」); 期限一覧 {} ({items} 件); メモリ {:.0} / {:.0} MiB",
        ms(row.start),
        ms(row.listed),
        ms(row.complete),
        ms(median(keystrokes)),
        query.iter().collect::<String>(),
        ms(row.deadlines),
        memory.steady,
        memory.peak
    );
    row
}

/// The memory figures, medians of fresh processes (this program again,
/// opening the screen on `db`).
fn memory(db: &std::path::Path) -> Memory {
    let mut runs: Vec<Memory> = (0..MEMORY_RUNS)
        .map(|_| {
            let out = std::process::Command::new(std::env::current_exe().expect("exe"))
                .env("TUI_BENCH_MEMORY_OF", db)
                .output()
                .expect("run the memory child");
            let text = String::from_utf8_lossy(&out.stdout);
            let n: Vec<f64> = text
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            assert_eq!(n.len(), 3, "memory child printed {text:?}");
            Memory {
                steady: n[0] / 1024.0,
                peak: n[1] / 1024.0,
                before: n[2] / 1024.0,
            }
        })
        .collect();
    runs.sort_by(|a, b| a.steady.total_cmp(&b.steady));
    runs[runs.len() / 2]
}

/// In the fresh process: open the screen as the program does, wait for
/// everything to be read and computed, draw, and print VmRSS, VmHWM and
/// VmRSS before the screen read anyone (KiB).
fn memory_child(db: &std::path::Path, today: NaiveDate) {
    let kib = |key: &str| -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").expect("status");
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("a figure")
    };
    let store = store(db);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    terminal.draw(|_| {}).expect("draw");
    let before = kib("VmRSS:");
    let mut session = start(store, today);
    session.wait_idle();
    terminal.draw(|f| session.draw(f)).expect("draw");
    // A few ticks, as the screen idles.
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(50));
        session.tick(Instant::now());
        session.wait_idle();
    }
    terminal.draw(|f| session.draw(f)).expect("draw");
    println!("{} {} {before}", kib("VmRSS:"), kib("VmHWM:"));
}

/// Where the start-up time goes (TUI_BENCH_BREAKDOWN=1).
fn breakdown(db: &std::path::Path, today: NaiveDate) {
    for _ in 0..3 {
        let t = Instant::now();
        let store = Store::open_as(db, "bench").expect("open");
        let open = t.elapsed();
        let clients = store.load_all_for_engine().expect("load");
        let load = t.elapsed();
        let snap = teichaku::tui::snapshot::Snapshot::names_only(&clients, today);
        let names = t.elapsed();
        let full = teichaku::tui::snapshot::Snapshot::build(&clients, &Default::default(), today);
        let build = t.elapsed() - names;
        let one = store.load_client(snap.rows[0].id).expect("one");
        let client = t.elapsed() - names - build;
        println!(
            "  open {} / load_all_for_engine {} / names_only {} / build {} ({} pending) / load_client {} ({} contacts)",
            ms(open),
            ms(load - open),
            ms(names - load),
            ms(build),
            full.pending.len(),
            ms(client),
            one.contacts.len()
        );
    }
}
