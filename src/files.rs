//! Writing a file for the user (a JSON export, a document) so that nothing
//! is destroyed by accident: a new file is created, never opened through a
//! symlink; an existing one is replaced only when asked (`force`), by a
//! rename of a finished copy, so a crash leaves the old file or the new one,
//! never half of each; a SQLite database or its -wal/-shm/-journal is never
//! written over; the file ends up 0640 whatever the old one had.
//!
//! Run setgid (the shared-server set-up), all of it happens with the user's
//! own group (`privilege::as_user`): the file is the user's, and the
//! program's group cannot be used to write where only it may.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Mode of every file written for the user: owner read/write, group read.
pub(crate) const FILE_MODE: u32 = 0o640;

/// `name` as one file name in a folder: a path separator, a control
/// character or a leading dot (from a client's id, a municipality typed on
/// the command line) becomes 「_」, so the file lands where it was asked
/// to, visible.
pub(crate) fn name_in_folder(name: &str) -> String {
    name.chars()
        .enumerate()
        .map(|(i, c)| {
            if c == '/' || c == '\\' || c.is_control() || (i == 0 && c == '.') {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Writes `bytes` to `path`. Errors are for people (Japanese, with the path).
pub(crate) fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    let _user = crate::privilege::as_user()?;
    let shown = crate::text::for_display(&path.display().to_string()).into_owned();
    refuse_database(path, &shown)?;
    put(path, force, FILE_MODE, &shown, &mut |f| f.write_all(bytes))
}

/// The refusals of `write_new`, before anything is produced: an export is
/// audited when it is made, so one that cannot be written is not made.
pub(crate) fn check_new(path: &Path, force: bool) -> Result<(), String> {
    let _user = crate::privilege::as_user()?;
    let shown = crate::text::for_display(&path.display().to_string()).into_owned();
    refuse_database(path, &shown)?;
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Ok(m) if m.is_dir() => Err(format!(
            "{shown} はフォルダです。ファイル名を指定してください。"
        )),
        Ok(_) if !force => Err(format!(
            "{shown} は既にあります。上書きしていません（上書きするには --force を付けてください）。"
        )),
        // Anything else is said by `write_new` itself.
        _ => Ok(()),
    }
}

/// Copies the rest of `from` (an open file) to `path`, a new file of
/// `mode`, replacing an existing one only with `force`: for a backup,
/// which may replace an earlier backup (a database) but never a -wal or
/// -shm; whether `path` is the live database is the caller's check.
pub(crate) fn copy_new(path: &Path, from: &mut File, force: bool, mode: u32) -> Result<(), String> {
    let _user = crate::privilege::as_user()?;
    let shown = crate::text::for_display(&path.display().to_string()).into_owned();
    refuse_side_file(path, &shown)?;
    put(path, force, mode, &shown, &mut |f| {
        std::io::copy(from, f).map(|_| ())
    })
}

/// A file at `path` filled by `fill`: created new, or (with `force`) a
/// finished copy renamed over the old name.
fn put(
    path: &Path,
    force: bool,
    mode: u32,
    shown: &str,
    fill: &mut dyn FnMut(&mut File) -> std::io::Result<()>,
) -> Result<(), String> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => create(path, mode, shown, fill),
        Err(e) if e.kind() == ErrorKind::PermissionDenied => Err(no_right(shown, &e)),
        Err(e) => Err(format!("{shown} を確かめられません: {e}")),
        Ok(m) if m.is_dir() => Err(format!(
            "{shown} はフォルダです。ファイル名を指定してください。"
        )),
        Ok(_) if !force => Err(format!(
            "{shown} は既にあります。上書きしていません（上書きするには --force を付けてください）。"
        )),
        Ok(_) => replace(path, mode, shown, fill),
    }
}

/// A folder the user may not write in (on a shared server, the data
/// folder is one: the program writes there only for the database).
fn no_right(shown: &str, e: &std::io::Error) -> String {
    format!(
        "{shown} に書き出す権限がありません（{e}）。自分のフォルダ（ホームなど）を指定してください。"
    )
}

/// The name of a database's side files: never written over.
fn refuse_side_file(path: &Path, shown: &str) -> Result<(), String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if ["-wal", "-shm", "-journal"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return Err(format!(
            "{shown} はデータベースの作業ファイルの名前です。別の名前を指定してください。"
        ));
    }
    Ok(())
}

/// A database's side file, or a database itself (by its header): an
/// export never writes over these.
fn refuse_database(path: &Path, shown: &str) -> Result<(), String> {
    refuse_side_file(path, shown)?;
    let mut head = [0u8; 16];
    let is_db = fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"SQLite format 3\0";
    if is_db {
        return Err(format!(
            "{shown} はデータベースのファイルです。書き出しで上書きすることはできません。別の名前を指定してください。"
        ));
    }
    Ok(())
}

fn create(
    path: &Path,
    mode: u32,
    shown: &str,
    fill: &mut dyn FnMut(&mut File) -> std::io::Result<()>,
) -> Result<(), String> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true) // O_EXCL: fails on any existing name, a symlink included
        .mode(mode)
        .open(path)
        .map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => format!(
                "{shown} は既にあります。上書きしていません（上書きするには --force を付けてください）。"
            ),
            ErrorKind::PermissionDenied => no_right(shown, &e),
            _ => format!("{shown} を作れません: {e}"),
        })?;
    let done = fill(&mut f)
        .and_then(|_| f.set_permissions(Permissions::from_mode(mode)))
        .and_then(|_| f.sync_all());
    if let Err(e) = done {
        let _ = fs::remove_file(path);
        return Err(format!(
            "{shown} に書き込めません（書きかけのファイルは消しました）: {e}"
        ));
    }
    Ok(())
}

/// A finished copy next to `path`, renamed over it (the name is replaced,
/// a symlink at `path` included; nothing is written through it).
fn replace(
    path: &Path,
    mode: u32,
    shown: &str,
    fill: &mut dyn FnMut(&mut File) -> std::io::Result<()>,
) -> Result<(), String> {
    let tmp = temp_beside(path);
    create(&tmp, mode, shown, fill)?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        format!("{shown} を置き換えられません: {e}")
    })
}

/// A hidden name next to `path` for a copy being made (this process's own).
pub(crate) fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// `dir/name.ext`, or `dir/name (2).ext`, `(3)` … : the first name not taken.
pub(crate) fn free_name(dir: &Path, name: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{name}.{ext}"));
    if fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2..10_000)
        .map(|n| dir.join(format!("{name} ({n}).{ext}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn a_new_file_is_0640_and_an_existing_one_is_kept_without_force() {
        let dir = tempfile::tempdir().expect("dir");
        let p = dir.path().join("out.json");
        write_new(&p, b"one", false).expect("new");
        assert_eq!(mode(&p), 0o640);
        let e = write_new(&p, b"two", false).expect_err("exists");
        assert!(e.contains("--force"), "{e}");
        assert_eq!(fs::read(&p).expect("read"), b"one");
        fs::set_permissions(&p, Permissions::from_mode(0o666)).expect("chmod");
        write_new(&p, b"two", true).expect("forced");
        assert_eq!(fs::read(&p).expect("read"), b"two");
        assert_eq!(mode(&p), 0o640, "the old file's mode is not kept");
    }

    #[test]
    fn a_symlink_is_never_written_through() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("precious.txt");
        fs::write(&target, b"keep").expect("write");
        let link = dir.path().join("out.json");
        symlink(&target, &link).expect("symlink");
        assert!(write_new(&link, b"x", false).is_err());
        write_new(&link, b"x", true).expect("forced replaces the link");
        assert_eq!(fs::read(&target).expect("read"), b"keep");
        assert!(
            !fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_database_and_its_side_files_are_never_written_over() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("office.db");
        let mut head = b"SQLite format 3\0".to_vec();
        head.extend_from_slice(&[0; 84]);
        fs::write(&db, &head).expect("write");
        for force in [false, true] {
            let e = write_new(&db, b"{}", force).expect_err("a database");
            assert!(e.contains("データベース"), "{e}");
        }
        assert_eq!(fs::read(&db).expect("read"), head);
        assert!(write_new(&dir.path().join("office.db-wal"), b"{}", true).is_err());
    }

    #[test]
    fn free_names_count_up() {
        let dir = tempfile::tempdir().expect("dir");
        let a = free_name(dir.path(), "r", "xlsx");
        fs::write(&a, b"").expect("write");
        assert_eq!(
            free_name(dir.path(), "r", "xlsx"),
            dir.path().join("r (2).xlsx")
        );
    }

    #[test]
    fn a_name_from_the_records_stays_one_file_in_the_folder() {
        assert_eq!(
            name_in_folder("一覧表_千代田区_2026-04-01"),
            "一覧表_千代田区_2026-04-01"
        );
        assert_eq!(name_in_folder("一覧表_../港区"), "一覧表_.._港区");
        assert_eq!(name_in_folder(".hidden\\a\u{1b}b"), "_hidden_a_b");
        let dir = tempfile::tempdir().expect("tempdir");
        let name = name_in_folder("支援レポート_A/B_2026-11");
        assert_eq!(
            free_name(dir.path(), &name, "xlsx").parent(),
            Some(dir.path())
        );
    }
}
