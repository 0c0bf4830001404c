//! The SQLite store: the only module that speaks SQL. It returns the domain
//! types of `model`.
//!
//! Several case workers have the same file open at once (docs/BASIS.md §1), each
//! with their own `Store` (one connection). So: WAL, a busy timeout, every
//! write in a `BEGIN IMMEDIATE` transaction (a deferred read-then-write can
//! get SQLITE_BUSY that no timeout waits out), no statement or transaction
//! kept open between calls, and a row version on every editable row so an
//! edit made from a stale screen is refused instead of overwriting someone
//! else's change.
//!
//! By concern: the file itself (`file`), a case's records (`case`), the
//! office (`office`), the audit trail and what proves the data by it
//! (`audit`); here, what they share: the write and read transactions
//! (`transaction`), versioned rows (`rows`), the values kept of a change
//! (`history`), column codecs and errors.

mod audit;
mod case;
mod changes;
mod codec;
mod drafts;
mod error;
mod file;
mod history;
mod office;
mod rows;
mod transaction;
mod views;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags};

use audit::{guard, key, ledger};
use file::{perms, read_only, schema, sharing};
use office::identity;

pub use crate::model::Office;
pub use audit::chain::{ChainFindings, HeadMark};
pub use audit::guard::TriggerProblem;
pub use audit::replay::ReplayFindings;
pub use audit::reversal::LastChange;
pub use audit::shape::SchemaProblem;
pub use audit::tamper::TamperReport;
pub use audit::{AuditAction, AuditEntry, AuditFilter};
pub(crate) use case::load::Cases;
pub use case::transfer::{Export, ImportSummary};
pub(crate) use case::updates::Edit;
pub use drafts::Draft;
pub use error::StoreError;
pub use file::check::CheckReport;
pub(crate) use file::damage::mark_if_seen as remember_corruption;
pub(crate) use file::perms::refuse_side_file_name;
pub use file::perms::{DB_FILE_MODE, DIR_MODE, mode_of, os_login};
pub use file::reading::Reads;
pub use file::schema::current_version as supported_schema_version;
pub use office::scope::Among;
pub use rows::{CaseRow, Table};
pub(crate) use transaction::Stamp;
pub use views::ViewLog;

/// How long a writer waits for another's lock before giving up with `Busy`.
pub const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

/// The source of "now" for audit and created/updated stamps. Injectable so
/// tests are deterministic; the domain core never reads the clock.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// One open database for one person.
pub struct Store {
    conn: Connection,
    user: String,
    clock: Clock,
    path: PathBuf,
    /// The reference day the rules check against (`--today`): things done
    /// cannot be dated after it.
    today: NaiveDate,
    /// The login's standing in this office, resolved at open.
    standing: crate::access::Standing,
    /// Damage found in the file (the first problem): writes are refused.
    damaged: Option<String>,
    /// Opened read-only (a copy in a folder this person cannot write):
    /// every write is refused with `ReadOnly` before it starts.
    read_only: bool,
    /// How this connection reads (its page cache and memory map).
    reads: Reads,
    /// The audit chain's key (`key`).
    key: key::KeyState,
    /// The data rows the open write transaction touched (`ledger`).
    touched: ledger::Collector,
    /// The stamp of the write transaction open now, if any: writes made
    /// meanwhile join it (`write`).
    writing: std::cell::RefCell<Option<Stamp>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// What opens another handle like a given one (`Store::reopener`); it can
/// be sent to another thread, where a `Store` cannot be shared.
#[derive(Clone)]
pub struct Reopen {
    path: PathBuf,
    user: String,
    read_only: bool,
    today: NaiveDate,
    reads: Reads,
    /// The same clock: a write on another thread is judged as here.
    clock: Clock,
}

impl std::fmt::Debug for Reopen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reopen")
            .field("path", &self.path)
            .field("user", &self.user)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

impl Reopen {
    /// Handles opened by this read the file as `reads` says.
    pub fn reading(mut self, reads: Reads) -> Self {
        self.reads = reads;
        self
    }

    pub fn open(&self) -> Result<Store, StoreError> {
        let mut s = if self.read_only {
            Store::open_read_only_with(&self.path, &self.user, self.reads)?
        } else {
            Store::open_with(&self.path, &self.user, self.reads)?
        };
        s.today = self.today;
        s.clock = Arc::clone(&self.clock);
        Ok(s)
    }
}

impl Store {
    /// Opens (creating and migrating if needed) as the OS login of the real
    /// uid. A login that is neither staff nor the file's owner is refused.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_as(path, &os_login())
    }

    /// Opens as the named user (tests, and tools acting for someone).
    /// A refusal that the database's side files explain (the shared-group
    /// set-up) says which file, whose, and how to fix it.
    pub fn open_as(path: &Path, user: &str) -> Result<Store, StoreError> {
        Self::open_with(path, user, Reads::Repeatedly)
    }

    /// `open_as`, reading the file as `reads` says from the first read on.
    pub fn open_with(path: &Path, user: &str, reads: Reads) -> Result<Store, StoreError> {
        // Run setgid, SQLite opens its files here with the program's group:
        // no other thread may drop it meanwhile.
        crate::privilege::with_group(|| Self::open_here(path, user, reads))
            .map_err(|e| sharing::explain(path, opening(e)))
    }

    fn open_here(path: &Path, user: &str, reads: Reads) -> Result<Store, StoreError> {
        perms::prepare_db_file(path)?;
        let conn = connect(path)?;
        // Before the first read: a memory map, once pages are read through
        // it, has already grown the process.
        reads.apply(&conn, true)?;
        // Refuse a newer schema before any pragma or migration writes a byte.
        // This is also the first read, where a non-database file shows up.
        let found = schema::user_version(&conn)?;
        schema::refuse_too_new(found)?;
        // Another program's database is not made into an office.
        if found == 0 {
            let tables: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(StoreError::Invalid(format!(
                    "{} は別のプログラムの SQLite データベースです（teichaku のものではありません）。何も書き込んでいません。",
                    crate::text::for_display(&path.display().to_string())
                )));
            }
        }
        configure(&conn)?;
        let key = key::for_file(&conn, path, true);
        if let Some(problem) = key.problem()
            && schema::user_version(&conn)? < schema::current_version()
        {
            // The baseline of the new version must be linked with the key.
            return Err(StoreError::Invalid(problem));
        }
        schema::migrate(&conn, key.key())?;
        let mut conn = conn;
        let touched = ledger::install(&mut conn)?;
        let mut store = Self::admit(conn, path, user, false, reads, key)?;
        store.touched = touched;
        Ok(store)
    }

    /// The handle for `user` on an opened, configured connection, or the
    /// refusal of a login that is neither staff nor the file's owner.
    fn admit(
        conn: Connection,
        path: &Path,
        user: &str,
        read_only: bool,
        reads: Reads,
        key: key::KeyState,
    ) -> Result<Store, StoreError> {
        let standing = identity::standing(&conn, path, user)?;
        if standing == crate::access::Standing::Unknown {
            return Err(StoreError::Refused(crate::access::Refusal::NotStaff {
                login: user.to_string(),
                admins: identity::admins(&conn)?,
            }));
        }
        Ok(Store {
            conn,
            standing,
            read_only,
            reads,
            key,
            touched: ledger::Collector::default(),
            damaged: None,
            writing: std::cell::RefCell::new(None),
            user: user.to_string(),
            clock: process_clock(),
            path: path.to_path_buf(),
            today: chrono::Local::now().date_naive(),
        })
    }

    /// Opens an existing file for reading only: never creates, migrates or
    /// writes a byte (a copy on a read-only disk or in a folder this person
    /// cannot write). A file whose -wal cannot be shared is read as it
    /// stands on disk.
    pub fn open_read_only(path: &Path, user: &str) -> Result<Store, StoreError> {
        Self::open_read_only_with(path, user, Reads::Repeatedly)
    }

    /// `open_read_only`, reading the file as `reads` says.
    pub fn open_read_only_with(path: &Path, user: &str, reads: Reads) -> Result<Store, StoreError> {
        crate::privilege::with_group(|| Self::open_read_only_here(path, user, reads))
            .map_err(|e| sharing::explain(path, opening(e)))
    }

    fn open_read_only_here(path: &Path, user: &str, reads: Reads) -> Result<Store, StoreError> {
        let conn = read_only::connect(path)?;
        let found = schema::user_version(&conn)?;
        schema::refuse_too_new(found)?;
        if found < schema::current_version() {
            return Err(StoreError::Invalid(format!(
                "このデータベースは古い版（{found}）です。読み取り専用では新しい版に更新できません。書き込める場所で一度開くか、管理者に依頼してください。"
            )));
        }
        read_only::configure(&conn)?;
        reads.apply(&conn, false)?;
        let key = key::for_file(&conn, path, false);
        Self::admit(conn, path, user, true, reads, key)
    }

    /// How to open another handle on the same file as the same person,
    /// read-only if this one is (for a loading thread, a second reader).
    pub fn reopener(&self) -> Reopen {
        Reopen {
            path: self.path.clone(),
            user: self.user.clone(),
            read_only: self.read_only,
            today: self.today,
            reads: self.reads,
            clock: Arc::clone(&self.clock),
        }
    }

    /// Whether this handle was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Sets the reference day of the rules (the shell's `--today`).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The login written to audit rows and stamps.
    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the clock (tests pin it to a fixed instant).
    pub fn set_clock(&mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) {
        self.clock = Arc::new(clock);
    }

    /// How long a write waits for another writer (default `BUSY_TIMEOUT`).
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<(), StoreError> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// The day that judges a write: the clock's date here, never the
    /// reference day (`--today` moves what is looked at, not when things
    /// can have been done: docs/BASIS.md §4.4).
    pub fn write_day(&self) -> NaiveDate {
        self.now().with_timezone(&chrono::Local).date_naive()
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::user_version(&self.conn)
    }

    /// Changes whenever another connection commits to the file: poll it to
    /// know when to reload (it does not change for this handle's own writes).
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Reads the rest of the file once through (`Reads::Once`), on a
    /// connection opened to read repeatedly (the screens' figures). A
    /// command that reads once opens with `Reads::Once` instead: then no
    /// page was ever mapped.
    pub fn one_pass_reads(&self) -> Result<(), StoreError> {
        Reads::Once.apply(&self.conn, !self.read_only)
    }

    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// An error met while opening, said as one: a busy file was not being
/// saved to, and a read-only file system is not a file that cannot be read.
fn opening(e: StoreError) -> StoreError {
    match e {
        StoreError::Busy => StoreError::BusyOpening,
        other => other,
    }
}

/// The instant the program was told to take as now (`TEICHAKU_CLOCK`),
/// for the whole process: every handle opened after it is fixed takes it,
/// the TUI's reader and writer threads included.
static FIXED_CLOCK: std::sync::OnceLock<DateTime<Utc>> = std::sync::OnceLock::new();

/// Fixes the process's clock at `at` (tests that write on a fixed day).
pub(crate) fn fix_clock(at: DateTime<Utc>) {
    let _ = FIXED_CLOCK.set(at);
}

/// Now, by the process's clock.
pub(crate) fn process_now() -> DateTime<Utc> {
    FIXED_CLOCK.get().copied().unwrap_or_else(Utc::now)
}

fn process_clock() -> Clock {
    match FIXED_CLOCK.get().copied() {
        Some(at) => Arc::new(move || at),
        None => Arc::new(Utc::now),
    }
}

/// Opens an existing file (never creates one: `prepare_db_file` does, with
/// safe modes), sets the busy timeout and defines the guard function that
/// lets this program write (`guard`).
fn connect(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    guard::register(&conn)?;
    Ok(conn)
}

/// Per-connection settings; SQLite forgets them when a connection closes.
fn configure(conn: &Connection) -> Result<(), StoreError> {
    // WAL: readers never block the writer, and the writer never blocks readers.
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Other(format!(
            "WAL モードにできません（journal_mode = {mode}）。ネットワークドライブ上のファイルではありませんか？"
        )));
    }
    // FULL: a committed record survives a power cut (WAL + NORMAL may lose the last one).
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted personal data is overwritten with zeros, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // More checks of each page as it is read: damage is reported as
    // SQLITE_CORRUPT instead of being read as data.
    conn.pragma_update(None, "cell_size_check", "ON")?;
    // The schema runs no functions of ours; refuse ones planted in a file.
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    // Every INSERT an import uses, and the client's, stay prepared.
    conn.set_prepared_statement_cache_capacity(32);
    Ok(())
}

/// UTC RFC 3339 with seconds, e.g. `2026-05-20T01:02:03Z`.
pub(crate) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use chrono::TimeZone;

    /// Client `external_id` employed (通常) from 2026-04-15; returns its id.
    pub(crate) fn client_with_employment(s: &Store, external_id: &str) -> crate::model::ClientId {
        let json = serde_json::json!({"clients": [{
            "external_id": external_id, "name": "山田 太郎",
            "employments": [{"employer": {"name": "JS工業"}, "support_type": "standard",
                             "start_date": "2026-04-15"}]
        }]});
        let doc = crate::interchange::parse_document(&json.to_string(), s.today()).expect("doc");
        crate::operation::import_document(s, &doc).expect("import");
        s.client_id(external_id).expect("query").expect("imported")
    }

    /// A store in a fresh temp dir, user `tanaka`, clock pinned.
    pub(crate) fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = Store::open_as(&dir.path().join("t.db"), "tanaka").expect("open");
        // Later than any fixture's record: a write is refused for things
        // done after the clock's day, whatever the reference day.
        s.set_clock(|| {
            Utc.with_ymd_and_hms(2030, 12, 31, 1, 2, 3)
                .single()
                .unwrap_or_default()
        });
        s.set_today(NaiveDate::from_ymd_opt(2030, 12, 31).unwrap_or_default());
        (dir, s)
    }

    /// Looks at `day` and writes on it: the reference day and the clock's
    /// day are the same, as when no `--today` is given.
    pub(crate) fn on(s: &mut Store, day: NaiveDate) {
        s.set_today(day);
        let at = day.and_hms_opt(1, 2, 3).unwrap_or_default().and_utc();
        s.set_clock(move || at);
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::store;

    #[test]
    fn every_connection_gets_wal_full_sync_foreign_keys_and_secure_delete() {
        let (dir, first) = store();
        // A second handle on the same file must be configured too.
        let second = super::Store::open_as(&dir.path().join("t.db"), "suzuki").expect("open");
        for s in [&first, &second] {
            let c = s.conn();
            let text =
                |p: &str| -> String { c.pragma_query_value(None, p, |r| r.get(0)).expect(p) };
            let int = |p: &str| -> i64 { c.pragma_query_value(None, p, |r| r.get(0)).expect(p) };
            assert_eq!(text("journal_mode"), "wal");
            assert_eq!(int("synchronous"), 2, "FULL");
            assert_eq!(int("foreign_keys"), 1);
            assert_eq!(int("secure_delete"), 1);
            assert_eq!(int("busy_timeout"), 5000);
            assert_eq!(int("trusted_schema"), 0);
        }
    }

    #[test]
    fn a_store_can_move_to_a_worker_thread() {
        fn is_send<T: Send>() {}
        is_send::<super::Store>();
    }

    #[test]
    fn no_transaction_is_left_open_between_calls() {
        let (_dir, s) = store();
        s.load_all().expect("load");
        s.settings().expect("settings");
        s.list_drafts().expect("drafts");
        assert!(s.conn().is_autocommit());
    }
}
