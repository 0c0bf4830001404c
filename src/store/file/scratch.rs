//! The scratch copies a backup or restore makes beside the database
//! (`.<db>.<what>.<pid>.tmp`, and SQLite's side files of them): a process
//! killed mid-copy leaves them in a folder a case worker cannot clean (the
//! data folder of a shared server). They carry the pid that made them, so
//! what a dead process left is told from what a running one is making:
//! `check` names it and the next backup removes it.

use std::fs;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::sys::signal::kill;
use nix::unistd::Pid;

/// A hidden name beside `db` for a copy this process is making (`what`:
/// backup, restore).
pub(crate) fn scratch_path(db: &Path, what: &str) -> PathBuf {
    crate::files::temp_beside(&crate::paths::with_suffix(db, &format!(".{what}")))
}

/// The pid in a scratch name of `db`'s (`.<db>.….<pid>.tmp`, maybe with a
/// side file's suffix), or `None` for any other name.
fn pid_of(db_name: &str, file: &str) -> Option<i32> {
    let rest = file
        .strip_prefix('.')?
        .strip_prefix(db_name)?
        .strip_prefix('.')?;
    let rest = ["-wal", "-shm", "-journal"]
        .iter()
        .find_map(|s| rest.strip_suffix(s))
        .unwrap_or(rest);
    let stem = rest.strip_suffix(".tmp")?;
    let (_, pid) = stem.rsplit_once('.')?;
    pid.parse().ok().filter(|p| *p > 0)
}

/// Whether process `pid` still runs (another user's counts: EPERM).
fn alive(pid: i32) -> bool {
    !matches!(kill(Pid::from_raw(pid), None), Err(Errno::ESRCH))
}

/// Scratch files beside `db` whose process is gone.
pub(crate) fn leftovers(db: &Path) -> Vec<PathBuf> {
    let Some(name) = db.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let dir = match db.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| pid_of(&name, &e.file_name().to_string_lossy()).is_some_and(|pid| !alive(pid)))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Removes what dead processes left beside `db`; the names removed.
pub(crate) fn remove_leftovers(db: &Path) -> Vec<PathBuf> {
    leftovers(db)
        .into_iter()
        .filter(|p| crate::privilege::with_group(|| fs::remove_file(p)).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_scratch_names_of_this_database_carry_a_pid() {
        assert_eq!(pid_of("t.db", ".t.db.backup.123.tmp"), Some(123));
        assert_eq!(pid_of("t.db", ".t.db.backup.123.tmp-journal"), Some(123));
        assert_eq!(pid_of("t.db", ".t.db.restore.9.tmp-wal"), Some(9));
        assert_eq!(
            pid_of("t.db", ".t.db.before-restore-20261207T140415.77.tmp"),
            Some(77)
        );
        for other in [
            "t.db",
            "t.db-wal",
            ".t.db.backup.x.tmp",
            ".u.db.backup.1.tmp",
            "t.db.backup.1.tmp",
            ".t.db.backup.0.tmp",
            ".t.dbx.backup.1.tmp",
        ] {
            assert_eq!(pid_of("t.db", other), None, "{other}");
        }
    }

    #[test]
    fn what_a_dead_process_left_is_found_and_removed_and_a_live_ones_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("t.db");
        fs::write(&db, b"x").expect("db");
        // A pid that cannot be running (above the kernel's pid limit).
        let dead = dir.path().join(".t.db.backup.2147483646.tmp");
        let dead_journal = dir.path().join(".t.db.backup.2147483646.tmp-journal");
        let mine = scratch_path(&db, "backup");
        for p in [&dead, &dead_journal, &mine] {
            fs::write(p, b"x").expect("scratch");
        }
        assert_eq!(leftovers(&db), vec![dead.clone(), dead_journal.clone()]);
        assert_eq!(
            remove_leftovers(&db),
            vec![dead.clone(), dead_journal.clone()]
        );
        assert!(!dead.exists() && !dead_journal.exists());
        assert!(mine.exists(), "a running process's copy is left alone");
        assert!(db.exists());
        assert!(leftovers(&db).is_empty());
    }
}
