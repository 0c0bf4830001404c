//! The one thread that writes for a screen. Saving a form, deleting,
//! deciding, a draft, a view in the audit trail, an export: each waits on
//! the file's write lock while another person's save holds it (up to the
//! busy timeout), so none runs on the thread that reads keys and draws.
//! As in gitui's async jobs: one job runs, the next waits its turn in
//! order, and each result comes back to be applied on the UI thread.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use super::event_loop::Session;
use crate::store::{Reopen, Store};

/// What a finished job does to the session (on the UI thread).
pub(crate) type Done = Box<dyn FnOnce(&mut Session) + Send>;
/// A write, run on the writer's own connection.
pub(crate) type Job = Box<dyn FnOnce(&mut Store) -> Done + Send>;

pub(crate) struct Writer {
    jobs: Sender<Job>,
    done: Receiver<Done>,
    /// Jobs sent whose result has not been taken yet.
    queued: usize,
}

impl Writer {
    /// A writer on a connection of its own to the same file, as the same
    /// person (opened on its thread).
    pub(crate) fn start(opener: Reopen) -> Writer {
        let (jobs, rx) = mpsc::channel::<Job>();
        let (tx, done) = mpsc::channel::<Done>();
        std::thread::spawn(move || {
            let mut store = opener.open().map_err(|e| e.to_string());
            for job in rx {
                let result = match &mut store {
                    Ok(s) => job(s),
                    Err(e) => {
                        let e = e.clone();
                        Box::new(move |s: &mut Session| {
                            s.app.error(format!("保存できませんでした: {e}"))
                        }) as Done
                    }
                };
                if tx.send(result).is_err() {
                    return; // the session has gone
                }
            }
        });
        Writer {
            jobs,
            done,
            queued: 0,
        }
    }

    pub(crate) fn submit(&mut self, job: Job) {
        self.queued += 1;
        if self.jobs.send(job).is_err() {
            self.queued -= 1;
        }
    }

    /// A job waits or runs.
    pub(crate) fn busy(&self) -> bool {
        self.queued > 0
    }

    /// The next finished job's result, waiting for it if `block`.
    pub(crate) fn next(&mut self, block: bool) -> Option<Done> {
        if self.queued == 0 {
            return None;
        }
        let got = if block {
            self.done.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            self.done.try_recv()
        };
        match got {
            Ok(d) => {
                self.queued -= 1;
                Some(d)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.queued = 0;
                Some(Box::new(|s: &mut Session| {
                    s.app.error(
                        "保存の処理が止まりました。teichaku を起動し直してください（入力は下書きに残っています）",
                    )
                }))
            }
        }
    }
}
