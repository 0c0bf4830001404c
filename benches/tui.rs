//! TUI timings on 10,000 clients (the targets): start → first
//! frame (≤ 150 ms), a filter keystroke → frame (≤ 16 ms), opening the
//! deadlines view → frame (≤ 50 ms). Frames are drawn on a ratatui
//! TestBackend at 80×24; each figure is the median of several runs.
//!
//! Run with `cargo bench --bench tui`.

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
use teichaku::store::Store;
use teichaku::tui::event_loop::Session;
use teichaku::tui::keymap::Keymap;
use teichaku::tui::theme::Theme;

const CLIENTS: usize = 10_000;
const RUNS: usize = 7;

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn esc() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn open(db: &std::path::Path, today: NaiveDate) -> (Session, Terminal<TestBackend>) {
    let store = Store::open_as(db, "bench").expect("open the bench database");
    // As `teichaku` starts: names first, obligations on another thread.
    let session = Session::start(
        store,
        today,
        Keymap::default(),
        Theme::default(),
        Vec::new(),
        Rect::new(0, 0, 80, 24),
        Instant::now(),
    )
    .expect("load");
    let terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    (session, terminal)
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.db");
    {
        let t = Instant::now();
        let store = Store::open_as(&db, "bench").expect("create");
        store
            .import(&teichaku::demo::generate(CLIENTS, today))
            .expect("import the demo clients");
        println!("{CLIENTS} 人のデモデータを作成: {}", ms(t.elapsed()));
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
    for _ in 0..RUNS {
        session.handle(&key('/'), Instant::now());
        session.settle();
        for n in 1..=query.len() {
            let t = Instant::now();
            session.handle(&key(query[n - 1]), Instant::now());
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

    println!(
        "起動 → 最初の画面         {:>10}  (目標 150 ms。読み込み中の表示)",
        ms(median(starts))
    );
    println!(
        "起動 → 一覧を表示         {:>10}  (利用者と就職のみ: load_clients_brief)",
        ms(median(listed))
    );
    println!(
        "起動 → 期限の件数まで表示 {:>10}  (義務の計算は別スレッド)",
        ms(median(complete))
    );
    println!(
        "絞り込み 1 文字 → 画面    {:>10}  (目標 16 ms, 「{}」)",
        ms(median(keystrokes)),
        query.iter().collect::<String>()
    );
    println!(
        "  最初の 1 文字 / 以降    {:>10} / {}  (床: nucleo だけで全員を 1 回 {} / {}; 比 {:.2}× / {:.2}×)",
        ms(first_key),
        ms(later_keys),
        ms(floor_first),
        ms(floor_later),
        first_key.as_secs_f64() / floor_first.as_secs_f64(),
        later_keys.as_secs_f64() / floor_later.as_secs_f64()
    );
    println!(
        "期限一覧を開く → 画面     {:>10}  (目標 50 ms, {items} 件)",
        ms(median(deadlines))
    );
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
