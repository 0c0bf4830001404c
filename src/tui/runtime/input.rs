//! Terminal input read on a thread of its own.
//!
//! crossterm's `poll`/`read` never return once the terminal has hung up
//! (a dropped SSH connection): its reader keeps retrying a read that fails
//! or returns nothing. Reading on a separate thread keeps the loop free to
//! see the SIGHUP flag, save the draft and exit; the stuck thread ends
//! with the process.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::time::Duration;

use crossterm::event::{self, Event};

pub(crate) struct Input {
    rx: Receiver<io::Result<Event>>,
}

impl Input {
    pub(crate) fn spawn() -> Input {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let ev = event::read();
                let failed = ev.is_err();
                if tx.send(ev).is_err() || failed {
                    return;
                }
            }
        });
        Input { rx }
    }

    /// The next event within `wait`; `None` on timeout.
    pub(crate) fn next(&self, wait: Duration) -> Option<io::Result<Event>> {
        match self.rx.recv_timeout(wait) {
            Ok(ev) => Some(ev),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Err(closed())),
        }
    }

    /// An event already waiting, if any.
    pub(crate) fn ready(&self) -> Option<io::Result<Event>> {
        match self.rx.try_recv() {
            Ok(ev) => Some(ev),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(closed())),
        }
    }
}

fn closed() -> io::Error {
    io::Error::other("端末からの入力が途切れました")
}
