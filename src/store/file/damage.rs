//! Damage remembered across processes. One process that finds the file
//! damaged (the TUI's start check, `check`, an import's check, SQLite
//! reporting corruption) leaves a flag beside it, `<db>.damaged`; every
//! process then refuses writes until `check` finds the file sound again
//! (or a restore replaces it). A flag in the file itself could sit on the
//! damaged page; a handle's own flag would stop only that one process
//! while the CLI went on writing into the damage.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The flag is the office's, like the database: owner and group.
const FLAG_MODE: u32 = 0o660;

/// Set when SQLite reported corruption anywhere in this process.
static CORRUPTION_SEEN: AtomicBool = AtomicBool::new(false);

/// Called where SQLite's result codes are mapped: a corruption error seen.
pub(crate) fn corruption_seen() {
    CORRUPTION_SEEN.store(true, Ordering::SeqCst);
}

/// The flag's path beside `db`.
pub(crate) fn flag_path(db: &Path) -> PathBuf {
    crate::paths::with_suffix(db, ".damaged")
}

/// What was found, if any process left the flag: its first line.
pub(crate) fn found(db: &Path) -> Option<String> {
    let text = fs::read_to_string(flag_path(db)).ok()?;
    Some(text.lines().next().unwrap_or_default().to_string())
}

/// Leaves the flag (kept if there is one: the first finding is the one
/// to keep). Best effort: a flag that cannot be written still leaves this
/// process refusing writes, and the message is the same.
pub(crate) fn mark(db: &Path, who: &str, what: &str) {
    let line = format!(
        "{} {}: {}\n",
        crate::store::rfc3339(crate::store::process_now()),
        who,
        what.lines().next().unwrap_or_default()
    );
    let made = crate::privilege::with_group(|| {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(FLAG_MODE)
            .open(flag_path(db))
    });
    if let Ok(mut f) = made {
        let _ = f.write_all(line.as_bytes()).and_then(|_| f.sync_all());
    }
}

/// After a command: if SQLite reported corruption in this process, the
/// file at `db` is flagged (the process may have been reading anything).
pub(crate) fn mark_if_seen(db: &Path, who: &str) {
    if CORRUPTION_SEEN.load(Ordering::SeqCst) {
        mark(db, who, "SQLite がデータベースの破損を報告しました");
    }
}

/// Removes the flag (the file was found sound): true if there was one.
pub(crate) fn clear(db: &Path) -> bool {
    crate::privilege::with_group(|| fs::remove_file(flag_path(db)).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_is_kept_with_its_first_finding_until_cleared() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("t.db");
        assert_eq!(found(&db), None);
        mark(&db, "tanaka", "*** in database main ***\nPage 5: bad");
        mark(&db, "suzuki", "a later finding");
        let first = found(&db).expect("flagged");
        assert!(
            first.contains("tanaka") && first.contains("in database main"),
            "{first}"
        );
        assert!(!first.contains("suzuki"), "{first}");
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(flag_path(&db))
            .expect("flag")
            .permissions()
            .mode();
        assert_eq!(mode & 0o007, 0, "no one outside the office reads it");
        assert!(clear(&db));
        assert_eq!(found(&db), None);
        assert!(!clear(&db), "nothing left to clear");
    }
}
