//! Another process holds the file's write lock for four seconds while a
//! case worker saves a contact in the real binary at 80×24 (tmux): the
//! screen keeps answering keys within a frame, says that the save waits,
//! takes no typing into the form meanwhile, and saves once the lock is
//! released. The second process is Python's sqlite3 module holding
//! BEGIN IMMEDIATE, as another program on the server could. Skipped (with
//! a notice) without tmux or python3.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod tmux;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tmux::{BIN, TODAY, Tmux, export, have_tmux, teichaku};

/// Takes the write lock, says "locked", and holds it until a line comes
/// on stdin.
const HOLDER: &str = "
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
con.execute('BEGIN IMMEDIATE')
print('locked', flush=True)
sys.stdin.readline()
con.execute('COMMIT')
print('released', flush=True)
";

fn have_python() -> bool {
    Command::new("python3")
        .args(["-c", "import sqlite3"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_save_waits_for_another_process_and_the_screen_keeps_answering() {
    if !have_tmux() || !have_python() {
        eprintln!(
            "tmux か python3 がないため、書き込みロックの通し試験を省略します (install tmux and python3 to run it)"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("lock.db");
    let o = teichaku(&db, &["demo", "--clients", "20"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let contacts = |v: &serde_json::Value| -> usize {
        v["clients"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["contacts"].as_array().map_or(0, Vec::len))
            .sum()
    };
    let before = contacts(&export(&db));

    let tmux = Tmux::start(
        "lock",
        dir.path(),
        &[BIN, "--db", db.to_str().unwrap(), "--today", TODAY],
    );
    tmux.wait_for("the client list", |s| {
        s.contains("利用者") && s.contains("詳細")
    });
    tmux.press(&["c"]);
    tmux.wait_for("the contact form", |s| s.contains("支援の記録"));
    tmux.type_text("ロック中に保存した電話");
    tmux.wait_for("the text typed", |s| s.contains("ロック中に保存した電話"));

    // Another process takes the write lock.
    let mut holder = Command::new("python3")
        .args(["-c", HOLDER, db.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    let mut said = BufReader::new(holder.stdout.take().unwrap());
    let mut line = String::new();
    said.read_line(&mut line).expect("the holder speaks");
    assert_eq!(line.trim(), "locked");
    let locked_at = Instant::now();

    tmux.press(&["C-s"]);
    tmux.wait_for("the save under way", |s| s.contains("保存しています"));
    // Unasked, the form says why it waits.
    let s = tmux.wait_for("the wait explained", |s| {
        s.contains("他の人の保存が終わるのを待っています")
    });
    assert!(s.contains("支援の記録"), "the form stays open:\n{s}");

    // Keys are answered within a frame while the lock is held: Tab moves
    // between fields (the terminal's cursor follows the field), typing
    // is not taken into the form.
    let mut answers = Vec::new();
    while locked_at.elapsed() < Duration::from_secs(3) {
        let at = tmux.cursor();
        let t = Instant::now();
        tmux.press(&["Tab"]);
        while tmux.cursor() == at && t.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(5));
        }
        answers.push(t.elapsed());
        assert_ne!(tmux.cursor(), at, "Tab answered while the file is locked");
        tmux.type_text("x");
        std::thread::sleep(Duration::from_millis(200));
    }
    let worst = answers.iter().max().copied().unwrap_or_default();
    eprintln!("Tab answered while locked in {answers:?}");
    // A frame, plus tmux's own round trips on a busy machine.
    assert!(
        worst < Duration::from_millis(500),
        "keys answered in {answers:?}"
    );
    assert!(answers.len() >= 3, "{answers:?}");
    let s = tmux.screen();
    assert!(!s.contains("電話x"), "no typing into a saving form:\n{s}");
    // Read beside the lock (an export would wait: it is audited).
    let stored: i64 = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0)))
        .expect("count the contacts");
    assert_eq!(stored as usize, before, "nothing saved while locked");

    // Four seconds in, the lock goes: the save lands.
    let rest = Duration::from_secs(4).saturating_sub(locked_at.elapsed());
    std::thread::sleep(rest);
    writeln!(holder.stdin.take().unwrap()).expect("release");
    line.clear();
    said.read_line(&mut line).expect("the holder speaks");
    assert_eq!(line.trim(), "released");
    assert!(holder.wait().expect("holder").success());
    let s = tmux.wait_for("the save landed", |s| s.contains("記録しました"));
    assert!(!s.contains("支援の記録 —"), "the form closed:\n{s}");
    let after = export(&db);
    assert_eq!(contacts(&after), before + 1);
    let saved = after["clients"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["contacts"].as_array().cloned().unwrap_or_default())
        .find(|c| c["summary"] == "ロック中に保存した電話");
    assert!(saved.is_some(), "the text as typed, without the x's");
}
