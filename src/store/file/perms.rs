//! File permissions of the database and who the user is.
//!
//! The file holds 要配慮個人情報 (health, disability) of every client, on a
//! shared server. It must never be world-readable, whatever the umask of the
//! person who happens to create it. SQLite gives the -wal and -shm files the
//! mode of the database file (and fchmods them past the umask), so getting
//! the main file right is enough.

use std::fs::{self, DirBuilder, OpenOptions, Permissions};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use nix::unistd::{User, getuid};

use crate::store::StoreError;

/// Mode of a database file we create: owner and group (the office's staff
/// group) may read and write; others nothing.
pub const DB_FILE_MODE: u32 = 0o660;
/// Mode of a data directory we create: the owner only.
pub const DIR_MODE: u32 = 0o700;

/// Creates the database file (and its directory) with safe modes if it does
/// not exist yet. An existing file is left as it is (`check` reports a
/// world-accessible one).
pub(in crate::store) fn prepare_db_file(path: &Path) -> Result<(), StoreError> {
    refuse_side_file_name(path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        DirBuilder::new()
            .recursive(true)
            .mode(DIR_MODE)
            .create(dir)
            .map_err(|e| file_error(dir, e))?;
        // `mode` above is filtered by the umask; set_permissions is not.
        fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))
            .map_err(|e| file_error(dir, e))?;
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(DB_FILE_MODE)
        .open(path)
    {
        Ok(_) => fs::set_permissions(path, Permissions::from_mode(DB_FILE_MODE))
            .map_err(|e| file_error(path, e)),
        // It was there: SQLite opens it, if it is a database at all.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => refuse_not_a_database(path),
        Err(e) => Err(file_error(path, e)),
    }
}

/// A database's side files (`-wal`, `-shm`, `-journal`) are never taken
/// for a database: opened as one, SQLite would lock the real one's name
/// and every other session would wait on it.
pub(crate) fn refuse_side_file_name(path: &Path) -> Result<(), StoreError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if ["-wal", "-shm", "-journal"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return Err(StoreError::Invalid(format!(
            "{} はデータベースに付随するファイルの名前です。データベースそのもの（例: teichaku.db）を指定してください。何も書き込んでいません。",
            crate::text::for_display(&path.display().to_string())
        )));
    }
    Ok(())
}

/// An existing file that is empty, or not a file at all, is refused and
/// left as it is: SQLite would take an empty file for a new database and
/// write one into it (a mistyped `--db`, a file someone emptied). Only the
/// file's metadata is read: opening and closing the file here would drop
/// the locks SQLite holds on it for this process's other connections.
/// A file with other content is refused by SQLite itself on the first
/// read (`StoreError::NotADatabase`), before anything is written.
pub(in crate::store) fn refuse_not_a_database(path: &Path) -> Result<(), StoreError> {
    let meta = fs::metadata(path).map_err(|e| file_error(path, e))?;
    let shown = crate::text::for_display(&path.display().to_string()).into_owned();
    if !meta.is_file() {
        return Err(StoreError::Invalid(format!(
            "{shown} はファイルではありません（データベースのファイルを指定してください）。何も書き込んでいません。"
        )));
    }
    if meta.len() == 0 {
        return Err(StoreError::Invalid(format!(
            "{shown} は空のファイルで、データベースではありません。何も書き込んでいません。新しい事業所のデータベースは、まだない名前に `teichaku --db 名前 init` で作成します。"
        )));
    }
    Ok(())
}

fn file_error(path: &Path, e: std::io::Error) -> StoreError {
    let detail = format!("{}: {e}", path.display());
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            StoreError::Permission(detail)
        }
        ErrorKind::StorageFull => StoreError::DiskFull,
        _ => StoreError::Io(detail),
    }
}

/// Permission bits (`mode & 0o777`) of a file, if it exists.
pub fn mode_of(path: &Path) -> Option<u32> {
    fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}

/// The login of the real uid. Not `$USER`: anyone can set that, and the
/// audit trail must name the person the OS logged in.
pub fn os_login() -> String {
    let uid = getuid();
    match User::from_uid(uid) {
        Ok(Some(user)) => user.name,
        _ => format!("uid:{}", uid.as_raw()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_comes_from_the_real_uid_not_the_environment() {
        let login = os_login();
        assert!(!login.is_empty());
        let uid = getuid();
        match User::from_uid(uid).ok().flatten() {
            Some(u) => assert_eq!(login, u.name),
            None => assert_eq!(login, format!("uid:{}", uid.as_raw())),
        }
    }

    #[test]
    fn created_directory_and_file_have_no_world_access() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("a/b/teichaku.db");
        prepare_db_file(&path).expect("prepare");
        assert_eq!(mode_of(&path), Some(DB_FILE_MODE));
        assert_eq!(mode_of(path.parent().expect("parent")), Some(DIR_MODE));
    }

    #[test]
    fn existing_file_is_left_alone() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("x.db");
        fs::write(&path, b"SQLite format 3\0").expect("write");
        fs::set_permissions(&path, Permissions::from_mode(0o600)).expect("chmod");
        prepare_db_file(&path).expect("prepare");
        assert_eq!(mode_of(&path), Some(0o600));
    }

    #[test]
    fn an_empty_file_is_refused_and_left_empty() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("zero.db");
        fs::write(&path, b"").expect("write");
        let e = prepare_db_file(&path).expect_err("empty");
        assert!(e.to_string().contains("空のファイル"), "{e}");
        assert_eq!(fs::metadata(&path).map(|m| m.len()).ok(), Some(0));
    }
}
