//! A refused write said as what it is. SQLite reports a file it could
//! only open read-only, a folder where it cannot make its -wal, and a
//! read-only file system alike ("unable to open database file", "attempt
//! to write a readonly database"); the person needs to hear which, and the
//! fix, and never "cannot be read" for a file they are reading.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use nix::fcntl::AtFlags;
use nix::sys::statvfs::{FsFlags, statvfs};
use nix::unistd::{AccessFlags, faccessat};

use crate::store::StoreError;
use crate::text::for_display;

/// Why writing is not possible, as found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cause {
    /// The file system is mounted read-only.
    ReadOnlyFileSystem,
    /// The database file may be read but not written by this process.
    FileNotWritable {
        owner: String,
        group: String,
        mode: u32,
    },
    /// The folder does not let this process make the -wal and -shm.
    FolderNotWritable {
        owner: String,
        group: String,
        mode: u32,
    },
}

/// The cause of `e` for the database at `db`, if the files show one; the
/// error as it was otherwise.
pub(crate) fn explain(db: &Path, e: StoreError) -> StoreError {
    if !matches!(e, StoreError::Permission(_) | StoreError::ReadOnly(_)) {
        return e;
    }
    match cause(db) {
        Some(c) => StoreError::ReadOnly(describe(db, &c)),
        None => e,
    }
}

fn folder(db: &Path) -> &Path {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// What stops writing, looked at with the process's effective ids (the
/// program's group when it runs setgid).
fn cause(db: &Path) -> Option<Cause> {
    let dir = folder(db);
    if statvfs(dir).is_ok_and(|v| v.flags().contains(FsFlags::ST_RDONLY)) {
        return Some(Cause::ReadOnlyFileSystem);
    }
    let denied = |p: &Path, how: AccessFlags| {
        faccessat(nix::fcntl::AT_FDCWD, p, how, AtFlags::AT_EACCESS).is_err() && p.exists()
    };
    let owned = |p: &Path| {
        let m = std::fs::metadata(p).ok()?;
        Some((
            super::sharing::user_name(m.uid()),
            super::sharing::group_name(m.gid()),
            m.mode() & 0o7777,
        ))
    };
    if denied(db, AccessFlags::W_OK) {
        let (owner, group, mode) = owned(db)?;
        return Some(Cause::FileNotWritable { owner, group, mode });
    }
    if denied(dir, AccessFlags::W_OK | AccessFlags::X_OK) {
        let (owner, group, mode) = owned(dir)?;
        return Some(Cause::FolderNotWritable { owner, group, mode });
    }
    None
}

/// The message's detail (the variant's own words say nothing was saved).
pub(crate) fn describe(db: &Path, c: &Cause) -> String {
    let file = for_display(&db.display().to_string()).into_owned();
    let dir = for_display(&folder(db).display().to_string()).into_owned();
    match c {
        Cause::ReadOnlyFileSystem => format!(
            "{file} は読み取り専用のファイルシステムにあります。書き込める状態に戻すよう管理者に連絡してください"
        ),
        Cause::FileNotWritable { owner, group, mode } => format!(
            "{file} に書き込む権限がありません（所有者 {owner}、グループ {group}、mode {mode:04o}）。直すには所有者か管理者が: chmod ug+rw '{file}'"
        ),
        Cause::FolderNotWritable { owner, group, mode } => format!(
            "フォルダ {dir} に作業ファイル（-wal・-shm）を作る権限がありません（所有者 {owner}、グループ {group}、mode {mode:04o}）。直すには所有者か管理者が: chmod ug+rwx '{dir}'"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cause_names_the_file_or_folder_and_the_fix() {
        let db = Path::new("/srv/teichaku/teichaku.db");
        let ro = describe(db, &Cause::ReadOnlyFileSystem);
        assert!(
            ro.contains("読み取り専用のファイルシステム") && ro.contains("teichaku.db"),
            "{ro}"
        );
        let f = describe(
            db,
            &Cause::FileNotWritable {
                owner: "kanri".into(),
                group: "teichaku".into(),
                mode: 0o440,
            },
        );
        assert!(
            f.contains("kanri")
                && f.contains("0440")
                && f.contains("chmod ug+rw '/srv/teichaku/teichaku.db'"),
            "{f}"
        );
        let d = describe(
            db,
            &Cause::FolderNotWritable {
                owner: "root".into(),
                group: "root".into(),
                mode: 0o755,
            },
        );
        assert!(
            d.contains("/srv/teichaku") && d.contains("0755") && d.contains("-wal"),
            "{d}"
        );
        // Said as a refused save, never as a file that cannot be read.
        let e = StoreError::ReadOnly(ro).to_string();
        assert!(
            e.contains("保存できませんでした") && !e.contains("読めません"),
            "{e}"
        );
    }

    #[test]
    fn other_errors_and_unexplained_refusals_stay_as_they_were() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("t.db");
        std::fs::write(&db, b"x").expect("db");
        assert!(matches!(explain(&db, StoreError::Busy), StoreError::Busy));
        // A writable file in a writable folder: nothing on disk explains it
        // (as root, every check passes too).
        let e = explain(&db, StoreError::Permission("x".into()));
        assert!(matches!(e, StoreError::Permission(_)), "{e}");
    }

    #[test]
    fn a_file_this_process_may_not_write_is_named_with_its_owner_and_mode() {
        if nix::unistd::geteuid().is_root() {
            return; // root may write anything: nothing to find (the deployment test covers it)
        }
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("t.db");
        std::fs::write(&db, b"x").expect("db");
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o440)).expect("chmod");
        match cause(&db) {
            Some(Cause::FileNotWritable { mode, .. }) => assert_eq!(mode, 0o440),
            other => panic!("{other:?}"),
        }
    }
}
