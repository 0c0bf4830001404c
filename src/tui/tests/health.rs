//! A damaged file is noticed at start, off the UI thread, and the session
//! stops writing: what was typed is not written into a damaged file.

use std::time::{Duration, Instant};

use ratatui::layout::Rect;

use crate::store::{Store, StoreError};
use crate::tui::keymap::Keymap;
use crate::tui::runtime::event_loop::Session;
use crate::tui::theme::Theme;

#[test]
fn damage_found_at_start_stops_every_write_and_says_to_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    {
        let s = Store::open_as(&db, "sato").expect("create");
        for i in 0..150 {
            crate::store::test_support::client_with_employment(&s, &format!("C{i:03}"));
        }
    }
    // Half of a page of the clients' jobs: a data page, wherever a
    // schema's growth put the others (the schema's own pages are read at
    // open, and damage there is another story).
    let (page, size): (i64, i64) = rusqlite::Connection::open(&db)
        .and_then(|c| {
            c.query_row(
                "SELECT pageno, (SELECT page_size FROM pragma_page_size()) FROM dbstat \
                 WHERE name = 'employments' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
        })
        .expect("a page of employments");
    let mut bytes = std::fs::read(&db).expect("read");
    let at = usize::try_from((page - 1) * size + size / 4).expect("offset");
    for (i, b) in bytes[at..at + 2048].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    std::fs::write(&db, &bytes).expect("write");

    let store = Store::open_as(&db, "sato").expect("the header is intact");
    let now = Instant::now();
    let mut s = Session::start(
        store,
        crate::tui::fixtures::today(),
        Keymap::default(),
        Theme::default(),
        Vec::new(),
        Rect::new(0, 0, 80, 24),
        now,
    )
    .expect("session: the screen comes up");
    // The check runs on its own thread; the loop keeps ticking meanwhile.
    let mut t = now;
    for _ in 0..200 {
        t += Duration::from_millis(50);
        s.tick(t);
        if s.app
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("損傷"))
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let shown = s
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        shown.contains("損傷") && shown.contains("restore"),
        "{shown}"
    );
    let e = s.store().save_draft("k", "{}").expect_err("writes stopped");
    assert!(matches!(e, StoreError::Damaged(_)), "{e}");
}
