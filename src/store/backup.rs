//! Backup and restore with SQLite's online backup, so others keep working
//! while a copy is taken. A backup is verified (integrity check) before it
//! takes its name; a restore first keeps a copy of the current database.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::audit::{Audit, AuditAction};
use super::{Store, StoreError, schema};

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
    pub fn backup_to(&self, dest: &Path, replace: bool) -> Result<(), StoreError> {
        self.require(crate::access::Permission::Backup)?;
        if same_file(dest, self.path()) {
            return Err(StoreError::Invalid(
                "バックアップ先が、いま使っているデータベースそのものです。別のファイル名を指定してください。".into(),
            ));
        }
        if !replace && fs::symlink_metadata(dest).is_ok() {
            return Err(StoreError::Invalid(format!(
                "{} は既にあります。置き換えるには --force を付けてください。",
                dest.display()
            )));
        }
        let tmp = crate::files::temp_beside(dest);
        let copied = self
            .copy_to(&tmp)
            .and_then(|_| fs::rename(&tmp, dest).map_err(|e| io(dest, e)));
        if copied.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        copied?;
        self.write(|tx, stamp| {
            Audit::named(
                AuditAction::Export,
                "database",
                &format!("バックアップ {}", dest.display()),
            )
            .append(tx, stamp)
        })
    }

    fn copy_to(&self, tmp: &Path) -> Result<(), StoreError> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(BACKUP_MODE)
            .open(tmp)
            .map_err(|e| io(tmp, e))?;
        let mut dst = Connection::open(tmp)?;
        super::guard::register(&dst)?;
        Backup::new(&self.conn, &mut dst)?.run_to_completion(
            256,
            Duration::from_millis(5),
            None,
        )?;
        match integrity(&dst)?.as_str() {
            "ok" => Ok(()),
            found => Err(StoreError::Invalid(format!(
                "バックアップの確認で問題が見つかりました（{found}）。バックアップは作成していません。"
            ))),
        }
    }

    /// Replaces the database's content with `src` (checked first: a
    /// teichaku database this program can read, undamaged). The current
    /// content is kept first beside the database; its path is returned.
    pub fn restore_from(&mut self, src: &Path) -> Result<PathBuf, StoreError> {
        self.require(crate::access::Permission::Restore)?;
        let from = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        super::guard::register(&from)?;
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
        let stamp = self.now().format("%Y%m%dT%H%M%S").to_string();
        let mut kept = self.path().as_os_str().to_owned();
        kept.push(format!(".before-restore-{stamp}"));
        let kept = PathBuf::from(kept);
        self.backup_to(&kept, false)?;
        Backup::new(&from, &mut self.conn)?.run_to_completion(
            256,
            Duration::from_millis(5),
            None,
        )?;
        schema::migrate(&self.conn)?;
        self.write(|tx, stamp| {
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

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
