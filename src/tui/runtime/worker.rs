//! The screen's two database threads. Each has a connection of its own to
//! the same file, so the thread that reads keys and draws never waits on
//! SQLite:
//!
//! - the **writer**: saving a form, deleting, deciding, a draft, a view in
//!   the audit trail, an export. Each waits on the file's write lock while
//!   another person's save holds it (up to the busy timeout);
//! - the **reader**: a client's record, a draft, the latest version of a
//!   record in conflict, the office, and the look for others' writes. WAL
//!   never makes a reader wait for a writer, but a read of a large case
//!   file still costs time the screen should not spend.
//!
//! As in gitui's async jobs: one job runs, the next waits its turn in
//! order, and each result comes back to be applied on the UI thread.
//! Reads and writes have separate threads so a read never queues behind a
//! save waiting for the lock. A read asked for after a write's result was
//! applied sees that write: the result comes back only after its commit.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use super::event_loop::Session;
use crate::store::{Reopen, Store};

/// What a finished job does to the session (on the UI thread).
pub(crate) type Done = Box<dyn FnOnce(&mut Session) + Send>;
/// A job, run on the worker's own connection.
pub(crate) type Job = Box<dyn FnOnce(&mut Store) -> Done + Send>;

/// What a worker is for, in the messages when it cannot work.
#[derive(Clone, Copy)]
pub(crate) enum Role {
    Writer,
    Reader,
}

impl Role {
    fn cannot_open(self, e: &str) -> String {
        match self {
            Role::Writer => format!("保存できませんでした: {e}"),
            Role::Reader => format!("読み込めませんでした: {e}"),
        }
    }

    fn stopped(self) -> &'static str {
        match self {
            Role::Writer => {
                "保存の処理が止まりました。teichaku を起動し直してください（入力は下書きに残っています）"
            }
            Role::Reader => "読み込みの処理が止まりました。teichaku を起動し直してください",
        }
    }
}

pub(crate) struct Worker {
    role: Role,
    jobs: Sender<Job>,
    done: Receiver<Done>,
    /// The jobs sent whose result has not been taken yet, in order: for
    /// each, whether the keys typed after it wait for it (a form opens
    /// with what it reads).
    queued: VecDeque<bool>,
}

impl Worker {
    /// A worker on a connection of its own to the same file, as the same
    /// person (opened on its thread, when it starts).
    pub(crate) fn start(opener: Reopen, role: Role) -> Worker {
        let (jobs, rx) = mpsc::channel::<Job>();
        let (tx, done) = mpsc::channel::<Done>();
        std::thread::spawn(move || {
            let mut store = opener.open().map_err(|e| e.to_string());
            for job in rx {
                let result = match &mut store {
                    Ok(s) => job(s),
                    Err(e) => {
                        let m = role.cannot_open(e);
                        Box::new(move |s: &mut Session| s.app.error(m)) as Done
                    }
                };
                if tx.send(result).is_err() {
                    return; // the session has gone
                }
            }
        });
        Worker {
            role,
            jobs,
            done,
            queued: VecDeque::new(),
        }
    }

    /// Queue `job`; `holds_keys`: the keys typed after it are applied only
    /// once its result is.
    pub(crate) fn submit(&mut self, job: Job, holds_keys: bool) {
        if self.jobs.send(job).is_ok() {
            self.queued.push_back(holds_keys);
        }
    }

    /// A job waits or runs.
    pub(crate) fn busy(&self) -> bool {
        !self.queued.is_empty()
    }

    /// A job the next keys wait for waits or runs.
    pub(crate) fn holds_keys(&self) -> bool {
        self.queued.iter().any(|&h| h)
    }

    /// The next finished job's result, waiting for it if `block`.
    pub(crate) fn next(&mut self, block: bool) -> Option<Done> {
        if self.queued.is_empty() {
            return None;
        }
        let got = if block {
            self.done.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            self.done.try_recv()
        };
        match got {
            Ok(d) => {
                self.queued.pop_front();
                Some(d)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.queued.clear();
                let m = self.role.stopped();
                Some(Box::new(move |s: &mut Session| s.app.error(m)))
            }
        }
    }
}
