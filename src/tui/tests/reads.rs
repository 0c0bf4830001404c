//! Reads off the UI thread: a record, a draft, the office are read on the
//! session's reader thread. Keys typed while a read they depend on is
//! under way (the record a form opens with) wait for it and then go, in
//! order, where they were meant to.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::harness::H;
use crate::operation::{self, Operation};

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

#[test]
fn moving_the_cursor_returns_before_the_record_is_read() {
    let mut h = H::new();
    h.select("C001");
    let first = h.s.app.timeline.as_ref().map(|t| t.client_id());
    h.s.handle(&key(KeyCode::Down), h.now);
    let moved = h.s.app.selected_client_id();
    assert_ne!(moved, first);
    // The record is read on the reader thread; the old one still shows.
    assert_eq!(h.s.app.timeline.as_ref().map(|t| t.client_id()), first);
    h.s.settle();
    assert_eq!(h.s.app.timeline.as_ref().map(|t| t.client_id()), moved);
}

#[test]
fn text_typed_before_the_forms_record_arrives_goes_into_the_form() {
    let mut h = H::new();
    h.select("C001");
    // Down, then `c` at once: the form waits for the next client's record.
    for ev in [key(KeyCode::Down), key(KeyCode::Char('c'))] {
        h.s.typed(ev);
    }
    for c in "電話で確認".chars() {
        h.s.typed(key(KeyCode::Char(c)));
    }
    h.s.tick(h.now);
    let next = h.s.app.selected_client_id().expect("a client below C001");
    assert!(h.s.holds_keys(), "the text waits for the record");
    assert!(h.s.app.form.is_none(), "the form opens with the record");

    h.s.settle();
    h.s.tick(h.now);
    let fs = h.s.app.form.as_ref().expect("the contact form opened");
    assert_eq!(fs.client_id, next, "for the client the cursor moved to");
    assert!(h.draw().contains("電話で確認"), "{}", h.draw());
    assert!(!h.s.holds_keys());
}

#[test]
fn a_record_that_cannot_be_read_lets_the_keys_go_on() {
    let mut h = H::new();
    h.select("C001");
    let id = h.id("C001");
    h.key(KeyCode::Down);
    // C001 is deleted by someone else; this screen has not looked yet.
    let other = h.other("sato");
    let version = other.load_client(id).expect("load").version;
    operation::apply(
        &other,
        &Operation::DeleteClient {
            client_id: id,
            version,
            reason: ("二重登録のため").to_string(),
        },
    )
    .expect("delete elsewhere");
    // Back up to C001 and `c`: the form waits for a record that is gone.
    for ev in [
        key(KeyCode::Up),
        key(KeyCode::Char('c')),
        key(KeyCode::Down),
    ] {
        h.s.typed(ev);
    }
    h.s.tick(h.now);
    assert!(h.s.holds_keys());
    h.s.settle();
    h.s.tick(h.now);
    assert!(!h.s.holds_keys(), "the keys went on after the read failed");
    assert!(h.s.app.form.is_none(), "no form for a client who is gone");
    assert!(!h.s.app.awaiting_load(), "no form waits for a later record");
    assert_ne!(h.s.app.selected_client_id(), Some(id), "Down was applied");
    h.s.settle();
    assert!(h.s.app.form.is_none(), "the next record opens no form");
}

/// An idle screen is idle: the look for other sessions' writes (every
/// `POLL_EVERY`) that finds none asks for no new frame; one that finds a
/// write does.
#[test]
fn a_look_that_finds_no_other_write_does_not_redraw_and_one_that_does_does() {
    use crate::tui::runtime::event_loop::POLL_EVERY;
    let mut h = H::new();
    h.s.wait_idle();
    // Ticks until the look (on the reader's thread) has come back: how
    // many said the screen changed.
    let redraws = |h: &mut H| {
        h.now += POLL_EVERY;
        let mut n = usize::from(h.s.tick(h.now));
        for _ in 0..400 {
            std::thread::sleep(std::time::Duration::from_millis(5));
            n += usize::from(h.s.tick(h.now));
            if !h.s.reading() && !h.s.busy() {
                break;
            }
        }
        n
    };
    // The first look goes with the start's own writes (the 閲覧 of who
    // is on screen); after it, nothing happens.
    redraws(&mut h);
    let idle: Vec<usize> = (0..3).map(|_| redraws(&mut h)).collect();
    assert_eq!(idle, [0, 0, 0], "nothing happened: no frame");
    // Another session writes: the next look brings it, and a frame.
    let other = h.other("tanaka");
    let mut c = other.load_client(h.id("C002")).expect("load");
    c.kana = "すずき はな".into();
    crate::operation::apply(
        &other,
        &crate::operation::Operation::EditClient {
            client: Box::new(c),
            conflict: None,
        },
    )
    .expect("their write");
    assert!(redraws(&mut h) > 0, "their write is drawn");
}
