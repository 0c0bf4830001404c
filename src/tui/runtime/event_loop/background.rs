//! What a session does off the UI thread and how the results come back:
//! the snapshot loader (everyone at start, the changed clients after
//! another session's write), the file's quick check, the office figures,
//! and the reader and writer threads. Nothing here waits on the file
//! except `settle` and `wait_idle`, which tests, the bench and the
//! program's last draft ask for.

use std::time::Duration;

use super::{BUSY_TICK, READ_TICK, Session, TICK, msg};
use crate::store::{Cases, Store, StoreError};
use crate::tui::runtime::loader::{Loaded, Loader};
use crate::tui::runtime::worker::Done;

impl Session {
    /// Load and compute everyone on another thread.
    pub(super) fn spawn_load(&mut self, names_first: bool) {
        self.job = Some(Loader::start(
            self.store.reopener(),
            self.app.settings,
            self.app.today,
            names_first,
            self.cases(),
        ));
    }

    /// Read again, on another thread, what others changed since `seen`.
    pub(super) fn spawn_changes(&mut self) {
        self.job = Some(Loader::changes(
            self.store.reopener(),
            self.app.settings,
            self.app.today,
            self.seen,
            self.cases(),
        ));
    }

    pub(super) fn cases(&self) -> Cases {
        if self.app.list.show_closed {
            Cases::All
        } else {
            Cases::OpenOnly
        }
    }

    /// Check the file for damage on another thread (it reads every page).
    pub(super) fn spawn_health_check(&mut self) {
        let (tx, rx) = std::sync::mpsc::channel();
        let reopen = self.store.reopener();
        std::thread::spawn(move || {
            let found = reopen.open().and_then(|s| s.quick_check()).map_err(msg);
            let _ = tx.send(found);
        });
        self.health = Some(rx);
    }

    /// The quick check's verdict, once: damage stops every write of this
    /// session and says what to do. `true` when it arrived.
    pub(super) fn receive_health(&mut self) -> bool {
        let Some(rx) = &self.health else {
            return false;
        };
        let found = match rx.try_recv() {
            Ok(found) => found,
            Err(std::sync::mpsc::TryRecvError::Empty) => return false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Ok(Vec::new()),
        };
        self.health = None;
        match found {
            Ok(problems) if problems.is_empty() => false,
            Ok(problems) => {
                self.store.stop_writes(&problems);
                let stop = problems.clone();
                self.submit(move |s: &mut Store| {
                    s.stop_writes(&stop);
                    Box::new(|_: &mut Session| {})
                });
                self.app
                    .error(msg(StoreError::Damaged(problems[0].clone())));
                true
            }
            // The check could not run (the file went away, a lock): not a
            // finding; the next command or `check` will say more.
            Err(_) => false,
        }
    }

    /// Take what the loading thread sent. `true` when anything arrived.
    pub(super) fn receive(&mut self, block: bool) -> bool {
        let mut any = false;
        while let Some(job) = &self.job {
            let Some(msg) = job.next(block) else { break };
            any = true;
            match msg {
                Loaded::Names(snap) => {
                    self.app.set_snapshot(snap);
                    self.run_effects();
                    continue;
                }
                Loaded::Full(snap, letterhead, seen) => {
                    self.seen = seen;
                    self.refreshes.full += 1;
                    self.app.set_letterhead(letterhead);
                    self.app.set_snapshot(snap);
                    self.run_effects();
                }
                Loaded::Clients(changed, seen) => {
                    self.seen = seen;
                    self.refreshes.partial += 1;
                    self.refreshes.clients += changed.len() as u32;
                    self.app.clients_changed(changed);
                    self.run_effects();
                }
                Loaded::Failed(e) => self.app.error(e),
            }
            self.job = None;
            if std::mem::take(&mut self.redo) {
                self.spawn_load(false);
            }
            break;
        }
        any
    }

    /// A snapshot (or the figures) is being built.
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.figures_job.is_some()
    }

    /// Wait for the snapshot and the figures being built (tests, the bench).
    pub fn wait_idle(&mut self) {
        self.settle();
        while self.job.is_some() {
            self.receive(true);
        }
        while self.figures_job.is_some() {
            self.receive_figures(true);
        }
    }

    /// The figures, when they have arrived. `true` when they did.
    pub(super) fn receive_figures(&mut self, block: bool) -> bool {
        let Some((fy, r)) = self.figures_job.as_ref().and_then(|j| j.next(block)) else {
            return false;
        };
        self.figures_job = None;
        self.app.figures_loaded(fy, r);
        true
    }

    /// Look (on the reader) whether another connection committed since
    /// the last look; if so, read again what changed.
    pub fn poll(&mut self) -> bool {
        if self.reader.busy() {
            return false; // the next tick looks again
        }
        self.read(false, |store| {
            let v = store.data_version();
            Box::new(move |s: &mut Session| match v {
                Ok(v) if v != s.version => {
                    s.version = v;
                    if s.job.is_none() {
                        s.spawn_changes();
                    } else {
                        s.redo = true;
                    }
                }
                // Nothing new: nothing to draw.
                Ok(_) => s.quiet = true,
                Err(e) => s.app.error(msg(e)),
            })
        });
        false
    }

    /// Wait for every queued write and read and apply what each did (and
    /// what that asks for in turn).
    pub fn settle(&mut self) {
        while self.writer.busy() || self.reader.busy() {
            self.receive_done(true);
            self.run_effects();
        }
    }

    /// The keys typed now wait: a read they depend on (the record a form
    /// opens with, its draft) is under way.
    pub fn holds_keys(&self) -> bool {
        self.reader.holds_keys()
    }

    /// How long the loop may wait for a key before looking again for what
    /// the threads finished.
    pub(super) fn wait(&self) -> Duration {
        if self.reader.busy() {
            READ_TICK
        } else if self.busy() || self.writer.busy() {
            BUSY_TICK
        } else {
            TICK
        }
    }

    /// A write is queued or running (the screen says the save waits).
    pub fn writing(&self) -> bool {
        self.writer.busy()
    }

    /// Apply the writes and reads that finished (waiting for one if
    /// `block`). `true` when any did.
    pub(super) fn receive_done(&mut self, block: bool) -> bool {
        let mut any = false;
        while let Some(done) = self.writer.next(block && !any && !self.reader.busy()) {
            done(self);
            any = true;
        }
        while let Some(done) = self.reader.next(block && !any) {
            done(self);
            any |= !std::mem::take(&mut self.quiet);
        }
        any
    }

    /// A read waits or runs on the reader's thread.
    pub fn reading(&self) -> bool {
        self.reader.busy()
    }

    /// A write, on the writer's thread.
    pub(super) fn submit(&mut self, job: impl FnOnce(&mut Store) -> Done + Send + 'static) {
        self.writer.submit(Box::new(job), false);
    }

    /// A read, on the reader's thread; `holds_keys`: keys typed meanwhile
    /// wait for it.
    pub(super) fn read(
        &mut self,
        holds_keys: bool,
        job: impl FnOnce(&mut Store) -> Done + Send + 'static,
    ) {
        self.reader.submit(Box::new(job), holds_keys);
    }
}
