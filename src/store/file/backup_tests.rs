//! Backup and restore while others keep writing: each is one snapshot or
//! one lock, so it ends while the writers are still at work (never by
//! waiting for a quiet moment that a busy office does not have).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use crate::store::Store;
use crate::store::test_support::{client_with_employment, store};

/// Four writers, each on its own connection as another process would be,
/// writing without pause until told to stop; the count of writes done.
struct Writers {
    stop: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Writers {
    fn start(path: &std::path::Path) -> Writers {
        let stop = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicUsize::new(0));
        let threads = (0..4)
            .map(|w| {
                let (stop, done, path) = (Arc::clone(&stop), Arc::clone(&done), path.to_path_buf());
                thread::spawn(move || {
                    let s = Store::open_as(&path, "tanaka").expect("writer opens");
                    let mut n = 0;
                    while !stop.load(Ordering::SeqCst) {
                        n += 1;
                        // A restore holds the lock a moment: that write is
                        // refused as busy and the writer goes on.
                        if s.save_draft(&format!("w{w}-{n}"), "{\"x\":1}").is_ok() {
                            done.fetch_add(1, Ordering::SeqCst);
                        }
                        // A person's next save is never in the same
                        // millisecond (a process starting, a key): without
                        // a gap, four threads could keep the lock from the
                        // backup's own audit row past the busy timeout.
                        thread::sleep(Duration::from_millis(2));
                    }
                })
            })
            .collect();
        Writers {
            stop,
            done,
            threads,
        }
    }

    fn count(&self) -> usize {
        self.done.load(Ordering::SeqCst)
    }

    /// Waits until at least `more` writes were done after now.
    fn wait_for(&self, more: usize) {
        let from = self.count();
        while self.count() < from + more {
            thread::sleep(Duration::from_millis(1));
        }
    }

    fn stop(self) -> usize {
        self.stop.store(true, Ordering::SeqCst);
        for t in self.threads {
            t.join().expect("writer");
        }
        self.done.load(Ordering::SeqCst)
    }
}

#[test]
fn a_backup_and_a_restore_end_while_four_writers_keep_writing() {
    let (dir, mut s) = store();
    for i in 0..200 {
        client_with_employment(&s, &format!("C{i:03}"));
    }
    // Larger than a few pages at a time could copy between two writes.
    let big = format!("{{\"x\":\"{}\"}}", "あ".repeat(100_000));
    for i in 0..30 {
        s.save_draft(&format!("big{i}"), &big).expect("draft");
    }
    let writers = Writers::start(s.path());
    writers.wait_for(20);

    let out = tempfile::tempdir().expect("out");
    let dest = out.path().join("b.db");
    s.backup_to(&dest, false)
        .expect("backup while others write");
    // The writers were never stopped: they are still writing now.
    writers.wait_for(20);
    let copy = Store::open_as(&dest, "tanaka").expect("the backup opens");
    assert_eq!(copy.load_all().expect("read").len(), 200);
    assert!(copy.check().expect("check").integrity_problems.is_empty());
    drop(copy);

    s.restore_from(&dest).expect("restore while others write");
    writers.wait_for(20);
    let total = writers.stop();
    assert!(total >= 60, "{total}");
    assert_eq!(s.load_all().expect("read").len(), 200);
    assert!(s.check().expect("check").integrity_problems.is_empty());
    drop(dir);
}
