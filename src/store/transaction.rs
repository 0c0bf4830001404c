//! The write transaction: one IMMEDIATE transaction per change, whose
//! audit rows are linked when it ends, and which a write made while it is
//! open joins (an operation made of several writes commits or rolls back
//! whole). And the read transaction, which inside an open write reads what
//! it has written so far.

use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::audit::{ledger, linking};
use super::file::sharing;
use super::{Store, StoreError, rfc3339};

/// Marks a write transaction open for as long as it lives (also when `f`
/// returns early or panics).
struct Writing<'a>(&'a std::cell::RefCell<Option<Stamp>>);

impl<'a> Writing<'a> {
    fn open(cell: &'a std::cell::RefCell<Option<Stamp>>, stamp: &Stamp) -> Self {
        *cell.borrow_mut() = Some(stamp.clone());
        Writing(cell)
    }
}

impl Drop for Writing<'_> {
    fn drop(&mut self) {
        *self.0.borrow_mut() = None;
    }
}

/// Who and when, for one write transaction, and the day the rules check
/// it against (the clock's, whatever day is being looked at).
#[derive(Clone)]
pub(crate) struct Stamp {
    pub user: String,
    pub at: String,
    pub today: NaiveDate,
    /// The audit rows appended, linked when the transaction ends; shared by
    /// the stamp's copies (a write joining an open one appends to it).
    pub(crate) pending: Arc<std::sync::Mutex<Vec<linking::Pending>>>,
    /// Set when a part of the operation failed (`joined`).
    spoiled: Arc<std::sync::atomic::AtomicBool>,
}

impl Stamp {
    pub(crate) fn push_pending(&self, p: linking::Pending) {
        if let Ok(mut v) = self.pending.lock() {
            v.push(p);
        }
    }

    /// The transaction's audit rows, taken for linking.
    pub(crate) fn take_pending(&self) -> Vec<linking::Pending> {
        self.pending
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }

    /// A part of the operation failed: nothing of it may be committed.
    fn spoil(&self) {
        self.spoiled
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    fn spoiled(&self) -> bool {
        self.spoiled.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Store {
    /// Runs `f` in one IMMEDIATE transaction: all of it or none of it.
    /// Called while a write is open on this handle (an operation made of
    /// several writes, `crate::operation::apply`), `f` joins that
    /// transaction, with the same stamp: the operation commits or rolls
    /// back whole, and a part that failed rolls it back even if the
    /// operation went on (`joined`).
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Connection, &Stamp) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // SQLite opens a side file it may not write read-only: the refusal
        // then comes with the first write.
        self.write_here(f).map_err(|e| {
            if matches!(e, StoreError::Corrupt) {
                // Found while writing: every process stops writing.
                super::file::damage::mark(&self.path, &self.user, &e.to_string());
            }
            sharing::explain(&self.path, e)
        })
    }

    fn write_here<T>(
        &self,
        f: impl FnOnce(&Connection, &Stamp) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let joined = self.writing.borrow().clone();
        if let Some(stamp) = joined {
            return self.joined(&stamp, f);
        }
        if self.read_only {
            return Err(StoreError::ReadOnly(
                "読み取り専用で開いています".to_string(),
            ));
        }
        self.refuse_if_damaged()?;
        let now = self.now();
        let stamp = Stamp {
            user: self.user.clone(),
            at: rfc3339(now),
            // The clock's day, not the reference day (docs/BASIS.md §4.4).
            today: now.with_timezone(&chrono::Local).date_naive(),
            pending: Arc::default(),
            spoiled: Arc::default(),
        };
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        ledger::clear(&self.touched);
        let open = Writing::open(&self.writing, &stamp);
        let out = f(&tx, &stamp);
        drop(open);
        let out = out?; // dropping `tx` on error rolls back
        if stamp.spoiled() {
            return Err(StoreError::Other(
                "書き込みの一部が失敗したため、何も保存していません。".to_string(),
            ));
        }
        linking::flush(&tx, &stamp, &self.key, &self.touched)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` as one write transaction: every write it makes through
    /// this handle joins it (`crate::operation::apply`).
    pub(crate) fn transaction<T>(
        &self,
        f: impl FnOnce() -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.write(|_, _| f())
    }

    /// `f` inside the open write transaction. No savepoint: one per part
    /// would journal every page the operation touched again for each part
    /// (an import is a part per client). Instead a part that fails spoils
    /// the whole operation: it is rolled back even if its caller went on.
    fn joined<T>(
        &self,
        stamp: &Stamp,
        f: impl FnOnce(&Connection, &Stamp) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let out = f(&self.conn, stamp);
        if out.is_err() {
            stamp.spoil();
        }
        out
    }

    /// Runs `f` in one read transaction, so several queries see one snapshot.
    /// Runs `f` in one read transaction, so several queries see one snapshot.
    /// It ends before this returns: no read transaction outlives a call.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // Inside an open write: read what it has written so far.
        if self.writing.borrow().is_some() {
            return f(&self.conn);
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}
