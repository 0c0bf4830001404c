//! What runs the screen, apart from the screens themselves: the event loop
//! (terminal events, timers, and what comes back from other threads), the
//! terminal set-up and its restoring, terminal input read on a thread of
//! its own, the reader and writer threads and the start-up loader, the
//! store work behind the application's effects, and the office figures
//! computed off the loop's thread.

pub(super) mod effects;
pub mod event_loop;
pub(super) mod figures_job;
mod input;
pub(super) mod loader;
pub(super) mod terminal;
pub(super) mod worker;
