//! Backup and restore with SQLite's online backup, so others keep working
//! while a copy is taken. A backup is verified (integrity check) before it
//! takes its name; a restore refuses a copy that fails `check`'s tamper
//! checks (with the office's key: the key file is not in the copy, and
//! stays the office's), and first keeps a copy of the current database.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::schema;
use crate::store::audit::{Audit, AuditAction};
use crate::store::{Store, StoreError};

/// A backup holds every client's 要配慮個人情報: the owner only.
const BACKUP_MODE: u32 = 0o600;

fn io(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(format!("{}: {e}", path.display()))
}

/// "ok", or what `PRAGMA integrity_check` found.
fn integrity(conn: &Connection) -> Result<String, StoreError> {
    Ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
}

impl Store {
    /// Copies the database to `dest` (a new file, 0600, or replacing one
    /// with `replace`) while others may keep writing, checks the copy, and
    /// records the backup in the audit trail.
    ///
    /// The copy is made and checked in the database's own folder, then
    /// copied to `dest` as the user (`files::copy_new`): run setgid, SQLite
    /// never opens `dest` with the program's group, so a backup can go only
    /// where the user may write, and belongs to them.
    ///
    /// What a killed backup or restore left beside the database is removed
    /// first; the names are returned, for the person to be told.
    pub fn backup_to(&self, dest: &Path, replace: bool) -> Result<Vec<PathBuf>, StoreError> {
        self.require(crate::access::Permission::Backup)?;
        let removed = super::scratch::remove_leftovers(self.path());
        if same_file(dest, self.path()) {
            return Err(StoreError::Invalid(
                "バックアップ先が、いま使っているデータベースそのものです。別のファイル名を指定してください。".into(),
            ));
        }
        let scratch = self.scratch("backup");
        let staged = self.copy_to(&scratch).and_then(|_| {
            let mut from = fs::File::open(&scratch).map_err(|e| io(&scratch, e))?;
            // Every client's 要配慮個人情報: the owner alone, whatever the
            // office's export group.
            crate::files::stage_copy(dest, &mut from, replace, &crate::files::Readers::owner())
                .map_err(StoreError::Invalid)
        });
        remove_with_side_files(&scratch);
        // Audited before it takes its name: never a backup unrecorded,
        // nor one recorded that was not made.
        staged?.hand_out(
            &backup_summary(dest),
            |what| self.audit_backup(what),
            StoreError::Invalid,
        )?;
        Ok(removed)
    }

    /// A checked copy of the content before a restore, made with the
    /// program's rights with the office's key beside it (`….key`), so it
    /// opens as the file did: at `base`, or `base-2`, `base-3` … when that
    /// name is taken. It is put in place by a link, which fails on an
    /// existing name, so two restores in the same second each keep their
    /// own (never one over the other). Returns where it went.
    ///
    /// The copy is not verified: a damaged file is what it is, and is kept
    /// as it stands (page by page, or byte for byte with its -wal when
    /// SQLite cannot read it through) so that a restore can replace it.
    fn keep_safety_copy(&self, base: &Path) -> Result<PathBuf, StoreError> {
        let tmp = crate::files::temp_beside(base);
        let copied = match self.copy_pages(&tmp) {
            Ok(_) => Ok(()),
            Err(StoreError::Corrupt) => {
                remove_with_side_files(&tmp);
                copy_bytes(self.path(), &tmp)
            }
            Err(e) => Err(e),
        };
        let result = copied.and_then(|_| {
            for n in 1..1000 {
                let dest = if n == 1 {
                    base.to_path_buf()
                } else {
                    crate::paths::with_suffix(base, &format!("-{n}"))
                };
                match fs::hard_link(&tmp, &dest) {
                    Ok(()) => {
                        link_side_file(&tmp, &dest, "-wal")?;
                        if let Some(k) = self.key.key() {
                            crate::store::audit::key::copy_for(&dest, k)?;
                        }
                        return Ok(dest);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(io(&dest, e)),
                }
            }
            Err(StoreError::Invalid(format!(
                "{} の名前で控えを作れません（同じ名前が多すぎます）。何も変更していません。",
                base.display()
            )))
        });
        remove_with_side_files(&tmp);
        result
    }

    fn audit_backup(&self, what: &str) -> Result<(), StoreError> {
        self.write(|tx, stamp| {
            Audit::named(AuditAction::Export, "database", what).append(tx, stamp)
        })
    }

    /// A hidden name in the database's folder for a copy this process is
    /// making (`what`: backup, restore).
    fn scratch(&self, what: &str) -> PathBuf {
        super::scratch::scratch_path(self.path(), what)
    }

    /// A copy at `tmp`, checked.
    fn copy_to(&self, tmp: &Path) -> Result<(), StoreError> {
        let dst = self.copy_pages(tmp)?;
        match integrity(&dst)?.as_str() {
            "ok" => Ok(()),
            found => Err(StoreError::Invalid(format!(
                "バックアップの確認で問題が見つかりました（{found}）。バックアップは作成していません。"
            ))),
        }
    }

    /// The database's pages copied to a new file at `tmp`.
    fn copy_pages(&self, tmp: &Path) -> Result<Connection, StoreError> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(BACKUP_MODE)
            .open(tmp)
            .map_err(|e| io(tmp, e))?;
        let mut dst = Connection::open(tmp)?;
        crate::store::audit::guard::register(&dst)?;
        // All pages in one step, in one read transaction: a snapshot, which
        // others' writes meanwhile neither block nor restart (a backup
        // taken a few pages at a time starts over after each of them).
        copy_all(&Backup::new(&self.conn, &mut dst)?)?;
        Ok(dst)
    }

    /// Replaces the database's content with `src` (checked first: a
    /// teichaku database this program can read, undamaged). The current
    /// content is kept first beside the database; its path is returned.
    ///
    /// `src` is opened as the user (run setgid: without the program's
    /// group), so only a file they may read themselves is restored; SQLite
    /// reads a private copy of it in the database's folder.
    pub(crate) fn restore_from(&mut self, src: &Path) -> Result<PathBuf, StoreError> {
        self.require(crate::access::Permission::Restore)?;
        let staged = self.scratch("restore");
        let done = stage(src, &staged).and_then(|_| self.restore_staged(src, &staged));
        remove_with_side_files(&staged);
        done
    }

    fn restore_staged(&mut self, src: &Path, staged: &Path) -> Result<PathBuf, StoreError> {
        let from = Connection::open_with_flags(staged, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        crate::store::audit::guard::register(&from)?;
        let version = schema::user_version(&from)?;
        schema::refuse_too_new(version)?;
        let tables: i64 = from.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('clients', 'audit')",
            [],
            |r| r.get(0),
        )?;
        if version < 1 || tables < 2 {
            return Err(StoreError::Invalid(format!(
                "{} は teichaku のデータベースではありません。何も変更していません。",
                src.display()
            )));
        }
        match integrity(&from)?.as_str() {
            "ok" => {}
            found => {
                return Err(StoreError::Invalid(format!(
                    "{} は壊れています（{found}）。何も変更していません。",
                    src.display()
                )));
            }
        }
        // A backup must pass `check` itself, its keyed links with this
        // office's key: a copy with a dropped guard, a trigger of someone's
        // own or a broken chain would bring those into the office's file.
        let found = crate::store::audit::tamper::inspect(&from, &self.key)?;
        if !found.is_ok() {
            let why: Vec<String> = found
                .problems()
                .iter()
                .map(|p| format!("  ・{p}"))
                .collect();
            return Err(StoreError::Invalid(format!(
                "{} は検査に通らないため復元しません。何も変更していません。\n{}",
                src.display(),
                why.join("\n")
            )));
        }
        let stamp = self.now().format("%Y%m%dT%H%M%S").to_string();
        let kept = crate::paths::with_suffix(self.path(), &format!(".before-restore-{stamp}"));
        let kept = self.keep_safety_copy(&kept)?;
        // In one step: the write lock is taken once (waiting for others'
        // short writes, never for a quiet moment) and held only while the
        // pages are copied.
        copy_all(&Backup::new(&from, &mut self.conn)?)?;
        // The file is a checked copy now: damage found before is gone.
        super::damage::clear(self.path());
        self.damaged = None;
        schema::migrate(&self.conn, self.key.key())?;
        self.write(|tx, stamp| {
            Audit::named(AuditAction::Export, "database", &backup_summary(&kept))
                .append(tx, stamp)?;
            Audit::named(
                AuditAction::Import,
                "database",
                &format!(
                    "復元 {}（復元前の内容は {}）",
                    src.display(),
                    kept.display()
                ),
            )
            .append(tx, stamp)
        })?;
        Ok(kept)
    }
}

/// How long a backup or restore keeps trying for the lock it needs before
/// it gives up (each try waits the busy timeout for others' writes).
const GIVE_UP_AFTER: Duration = Duration::from_secs(60);

/// Every page in one step: one read transaction on the source (a
/// snapshot), the destination's lock taken once.
fn copy_all(b: &Backup<'_, '_>) -> Result<(), StoreError> {
    let start = std::time::Instant::now();
    loop {
        match b.step(-1)? {
            rusqlite::backup::StepResult::Done => return Ok(()),
            _ if start.elapsed() > GIVE_UP_AFTER => return Err(StoreError::Busy),
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// The audit summary of a copy of the database made at `dest`.
fn backup_summary(dest: &Path) -> String {
    format!("バックアップ {}", dest.display())
}

/// `db` and its -wal copied byte for byte to `tmp` (and `tmp-wal`), new
/// files of the owner only: a file SQLite cannot read through is kept as
/// it stands.
fn copy_bytes(db: &Path, tmp: &Path) -> Result<(), StoreError> {
    for suffix in ["", "-wal"] {
        let (from, to) = (
            crate::paths::with_suffix(db, suffix),
            crate::paths::with_suffix(tmp, suffix),
        );
        let mut src = match fs::File::open(&from) {
            Ok(f) => f,
            Err(e) if suffix == "-wal" && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(&from, e)),
        };
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(BACKUP_MODE)
            .open(&to)
            .map_err(|e| io(&to, e))?;
        std::io::copy(&mut src, &mut out)
            .and_then(|_| out.sync_all())
            .map_err(|e| io(&to, e))?;
    }
    Ok(())
}

/// `tmp`'s side file, if there is one, linked beside `dest` as well.
fn link_side_file(tmp: &Path, dest: &Path, suffix: &str) -> Result<(), StoreError> {
    let to = crate::paths::with_suffix(dest, suffix);
    match fs::hard_link(crate::paths::with_suffix(tmp, suffix), &to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(&to, e)),
    }
}

/// Copies `src`, opened as the user, to `staged` (new, 0600).
fn stage(src: &Path, staged: &Path) -> Result<(), StoreError> {
    let shown = crate::text::for_display(&src.display().to_string()).into_owned();
    let mut from = {
        let _user = crate::privilege::as_user().map_err(StoreError::Invalid)?;
        // Without blocking: a FIFO is opened at once (and refused below),
        // never waited on for a writer.
        OpenOptions::new()
            .read(true)
            .custom_flags(nix::libc::O_NONBLOCK | nix::libc::O_NOCTTY)
            .open(src)
            .map_err(|e| {
                StoreError::Invalid(format!(
                    "{shown} を読めません（{e}）。何も変更していません。"
                ))
            })?
    };
    if !from.metadata().map(|m| m.is_file()).unwrap_or(false) {
        return Err(StoreError::Invalid(format!(
            "{shown} はファイルではありません。何も変更していません。"
        )));
    }
    let mut to = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(BACKUP_MODE)
        .open(staged)
        .map_err(|e| io(staged, e))?;
    std::io::copy(&mut from, &mut to)
        .and_then(|_| to.sync_all())
        .map_err(|e| io(staged, e))
}

/// A scratch database and whatever SQLite made beside it.
fn remove_with_side_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = fs::remove_file(crate::paths::with_suffix(path, suffix));
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
#[path = "backup_tests.rs"]
mod with_writers;

#[cfg(test)]
mod tests {
    use crate::store::test_support::store;
    use std::os::unix::fs::PermissionsExt;

    /// Names in the database's folder other than the database's own files.
    fn strays(dir: &std::path::Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| !matches!(n.as_str(), "t.db" | "t.db-wal" | "t.db-shm" | "t.db.key"))
            .filter(|n| !n.starts_with("t.db.before-restore-"))
            .collect()
    }

    #[test]
    fn the_scratch_copy_in_the_data_folder_is_gone_on_success_and_on_failure() {
        let (dir, mut s) = store();
        let out = tempfile::tempdir().expect("out");
        let dest = out.path().join("b.db");
        s.backup_to(&dest, false).expect("backup");
        let mode = std::fs::metadata(&dest).expect("dest").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(strays(dir.path()), Vec::<String>::new());
        // Fails after the copy was made (the destination exists): no scratch left.
        assert!(s.backup_to(&dest, false).is_err());
        assert!(
            s.backup_to(&out.path().join("no/such/dir.db"), false)
                .is_err()
        );
        assert_eq!(strays(dir.path()), Vec::<String>::new());
        // A backup replaces an earlier backup (a database) with --force,
        // but never a side file's name.
        s.backup_to(&dest, true)
            .expect("replaces the earlier backup");
        assert!(s.backup_to(&out.path().join("b.db-wal"), true).is_err());
        // Restore reads the backup through a scratch copy, removed after.
        s.restore_from(&dest).expect("restore");
        assert_eq!(strays(dir.path()), Vec::<String>::new());
        let e = s
            .restore_from(&out.path().join("missing.db"))
            .expect_err("missing");
        assert!(e.to_string().contains("読めません"), "{e}");
        let e = s.restore_from(out.path()).expect_err("a folder");
        assert!(e.to_string().contains("ファイルではありません"), "{e}");
        assert_eq!(strays(dir.path()), Vec::<String>::new());
    }
}
