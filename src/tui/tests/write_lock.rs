//! A save while someone else holds the file's write lock: the screen
//! keeps answering keys (the write waits on its own thread), says that
//! the save waits, takes no input into the form meanwhile, and saves once
//! the lock is released.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::harness::H;

fn key(c: KeyCode, m: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(c, m))
}

#[test]
fn a_save_waits_for_the_lock_without_freezing_the_screen() {
    let mut h = H::new();
    h.select("C003");
    h.ch('c');
    h.typed("ロック中に保存");
    let contacts =
        h.s.store()
            .load_client(h.id("C003"))
            .expect("load")
            .contacts
            .len();

    // Another connection takes the write lock and holds it.
    let lock = rusqlite::Connection::open(&h.db).expect("second connection");
    lock.execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");

    let t = Instant::now();
    h.s.handle(&key(KeyCode::Char('s'), KeyModifiers::CONTROL), h.now);
    assert!(
        t.elapsed() < Duration::from_millis(500),
        "Ctrl-s returns at once, not after the lock: {:?}",
        t.elapsed()
    );
    assert!(h.s.writing(), "the save waits on its thread");
    // Keys still get an answer within a frame, and the form says why it
    // takes none.
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    h.s.handle(&key(KeyCode::Char('x'), KeyModifiers::NONE), h.now);
    h.s.tick(h.now);
    let screen = h.draw();
    assert!(
        t.elapsed() < Duration::from_millis(100),
        "{:?}",
        t.elapsed()
    );
    assert!(screen.contains("保存しています"), "{screen}");
    assert!(
        !screen.contains("ロック中に保存x"),
        "no input while saving:\n{screen}"
    );
    assert!(h.s.app.form.is_some(), "the form stays until saved");
    // Moving between fields still works (it changes nothing saved).
    let at = h.s.app.form.as_ref().map(|f| f.form.focus_index());
    h.s.handle(&key(KeyCode::Tab, KeyModifiers::NONE), h.now);
    assert_ne!(h.s.app.form.as_ref().map(|f| f.form.focus_index()), at);

    // The lock goes: the save lands.
    lock.execute_batch("COMMIT").expect("release");
    h.s.settle();
    assert_eq!(h.message(), "記録しました");
    assert!(h.s.app.form.is_none());
    let after =
        h.s.store()
            .load_client(h.id("C003"))
            .expect("load")
            .contacts;
    assert_eq!(after.len(), contacts + 1);
    assert!(after.iter().any(|c| c.summary == "ロック中に保存"));
}

#[test]
fn a_save_kept_waiting_says_so_without_a_key() {
    let mut h = H::new();
    h.select("C003");
    h.ch('c');
    h.typed("待たされる保存");
    let lock = rusqlite::Connection::open(&h.db).expect("second connection");
    lock.execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    h.s.handle(&key(KeyCode::Char('s'), KeyModifiers::CONTROL), h.now);
    h.s.tick(h.now);
    assert!(h.draw().contains("保存しています…"), "{}", h.draw());
    assert!(!h.draw().contains("他の人の保存が終わるのを待っています"));
    // Still waiting a moment later: the form tells why, unasked.
    h.s.tick(h.now + Duration::from_millis(800));
    assert!(
        h.draw().contains("他の人の保存が終わるのを待っています"),
        "{}",
        h.draw()
    );
    lock.execute_batch("COMMIT").expect("release");
    h.s.settle();
    assert_eq!(h.message(), "記録しました");
}
