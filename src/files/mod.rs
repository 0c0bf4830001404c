//! Writing a file for the user (a JSON export, a document, a backup) so
//! that nothing is destroyed, and nothing hangs, by accident:
//!
//! - only a regular file is ever written: a name that is a device, a FIFO
//!   or a socket is refused at once, `--force` or not, and never opened
//!   (only its metadata is read); a symlink is never followed (with
//!   `force` the link itself is replaced);
//! - the file is made under a hidden name beside its destination
//!   (`O_EXCL|O_NOFOLLOW|O_NONBLOCK`: nothing followed, nothing to block
//!   on) and takes its name only when finished ([`Staged::place`]): by a
//!   link that fails on a taken name, or with `force` by a rename over the
//!   old file, so a crash leaves the old file or the new one, never half;
//! - a SQLite database or its -wal/-shm/-journal is never written over;
//! - the file is 0600, or 0640 in the office's export group ([`Readers`]),
//!   whatever an old file had.
//!
//! The two steps let an export be audited between them: a file that
//! could not be made is never recorded as handed out, and one is never
//! handed out unrecorded.
//!
//! Run setgid (the shared-server set-up), all of it happens with the
//! user's own group (`privilege::as_user`): the file is the user's, and
//! the program's group cannot be used to write where only it may.

mod input;
mod readers;
#[cfg(test)]
mod tests;

use std::fs::{self, File, FileType, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

pub(crate) use input::read_regular;
pub(crate) use readers::{Readers, group_exists};

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

fn shown(path: &Path) -> String {
    crate::text::for_display(&path.display().to_string()).into_owned()
}

/// Writes `bytes` to `path` at once: for a file nothing is audited about
/// (the screen's own state). Errors are for people (Japanese, with the path).
pub(crate) fn write_new(
    path: &Path,
    bytes: &[u8],
    force: bool,
    readers: &Readers,
) -> Result<(), String> {
    stage(path, bytes, force, readers)?.place().map(|_| ())
}

/// `bytes` as a finished file beside `path`, not yet under its name.
pub(crate) fn stage(
    path: &Path,
    bytes: &[u8],
    force: bool,
    readers: &Readers,
) -> Result<Staged, String> {
    let _user = crate::privilege::as_user()?;
    let shown = shown(path);
    refuse_database(path, &shown)?;
    stage_with(path, force, readers, shown, &mut |f| f.write_all(bytes))
}

/// The refusals of `stage`, before anything is produced (a list made, a
/// batch of files begun).
pub(crate) fn check_new(path: &Path, force: bool) -> Result<(), String> {
    let _user = crate::privilege::as_user()?;
    let shown = shown(path);
    refuse_database(path, &shown)?;
    refuse_taken(path, force, &shown)
}

/// The rest of `from` (an open file) as a finished file beside `path`, for
/// a backup, which may replace an earlier backup (a database) but never a
/// -wal or -shm; whether `path` is the live database is the caller's check.
pub(crate) fn stage_copy(
    path: &Path,
    from: &mut File,
    force: bool,
    readers: &Readers,
) -> Result<Staged, String> {
    let _user = crate::privilege::as_user()?;
    let shown = shown(path);
    refuse_side_file(path, &shown)?;
    stage_with(path, force, readers, shown, &mut |f| {
        std::io::copy(from, f).map(|_| ())
    })
}

/// A finished file under a hidden name beside its destination. It takes
/// its name with `place`; dropped unplaced, it is removed.
#[derive(Debug)]
#[must_use = "a staged file is removed unless it is placed"]
pub(crate) struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    force: bool,
    shown: String,
    placed: bool,
}

impl Staged {
    /// The file takes its name: a new name only (a link, which fails on a
    /// taken one), or with `force` a rename over the regular file or
    /// symlink there. The name is checked again first: what appeared
    /// meanwhile is refused as it would have been at the start.
    pub(crate) fn place(mut self) -> Result<PathBuf, String> {
        let _user = crate::privilege::as_user()?;
        refuse_taken(&self.path, self.force, &self.shown)?;
        let put = if self.force {
            fs::rename(&self.tmp, &self.path)
        } else {
            link_new(&self.tmp, &self.path)
        };
        put.map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => exists(&self.shown),
            ErrorKind::PermissionDenied => no_right(&self.shown, &e),
            _ => format!(
                "{} に置けませんでした（{e}）。何も書き出していません。",
                self.shown
            ),
        })?;
        self.placed = true;
        Ok(self.path.clone())
    }

    /// `place`, once `record` has written the export's audit row (saying
    /// `what`): without the row the file is removed, never handed out
    /// unrecorded. If it then cannot take its name (taken meanwhile), a
    /// second row (`failed`) says so, so the trail never shows a file
    /// handed out that was not. `error`: the caller's error of a message.
    pub(crate) fn hand_out<E: std::fmt::Display>(
        self,
        what: &str,
        record: impl Fn(&str) -> Result<(), E>,
        error: impl FnOnce(String) -> E,
    ) -> Result<PathBuf, E> {
        record(what)?;
        self.place().map_err(
            |e| match record(&failed(what, "ファイルを置けませんでした")) {
                Ok(()) => error(e),
                Err(r) => error(format!(
                    "{e}\n（この失敗を監査記録に残せませんでした: {r}）"
                )),
            },
        )
    }
}

/// The audit row of an export that did not end as asked (`why`).
pub(crate) fn failed(what: &str, why: &str) -> String {
    format!("失敗: {what}（{why}）")
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.placed {
            let _user = crate::privilege::as_user();
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// `tmp` under the new name `path`, never over a taken one: a hard link,
/// then the hidden name removed. Where links are not supported (a USB
/// stick's FAT), a rename once the name is seen to be free.
fn link_new(tmp: &Path, path: &Path) -> std::io::Result<()> {
    match fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(e),
        Err(e) => match fs::symlink_metadata(path) {
            Err(m) if m.kind() == ErrorKind::NotFound => fs::rename(tmp, path),
            _ => Err(e),
        },
    }
}

fn stage_with(
    path: &Path,
    force: bool,
    readers: &Readers,
    shown: String,
    fill: &mut dyn FnMut(&mut File) -> std::io::Result<()>,
) -> Result<Staged, String> {
    refuse_taken(path, force, &shown)?;
    let tmp = temp_beside(path);
    create(&tmp, readers, &shown, fill)?;
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
        force,
        shown,
        placed: false,
    })
}

/// Whether `path` may take a new file: free, or with `force` a regular
/// file or a symlink (the name is replaced; nothing is written through
/// it). A folder, a device, a FIFO or a socket never: only their metadata
/// is read, so a FIFO cannot hang the program.
fn refuse_taken(path: &Path, force: bool, shown: &str) -> Result<(), String> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == ErrorKind::PermissionDenied => Err(no_right(shown, &e)),
        Err(e) => Err(format!("{shown} を確かめられません: {e}")),
        Ok(m) if m.is_dir() => Err(format!(
            "{shown} はフォルダです。ファイル名を指定してください。"
        )),
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() => {
            Err(not_regular(shown, m.file_type()))
        }
        Ok(_) if !force => Err(exists(shown)),
        Ok(_) => Ok(()),
    }
}

/// What a name that is not a regular file is, in words.
pub(crate) fn kind_of(t: FileType) -> &'static str {
    if t.is_fifo() {
        "FIFO（名前付きパイプ）"
    } else if t.is_char_device() || t.is_block_device() {
        "デバイス"
    } else if t.is_socket() {
        "ソケット"
    } else if t.is_dir() {
        "フォルダ"
    } else {
        "通常のファイルではないもの"
    }
}

fn not_regular(shown: &str, t: FileType) -> String {
    format!(
        "{shown} は{}です。書き出せるのは通常のファイルだけです（--force でも置き換えません）。何も書き出していません。別のファイル名を指定してください。",
        kind_of(t)
    )
}

fn exists(shown: &str) -> String {
    format!(
        "{shown} は既にあります。上書きしていません（上書きするには --force を付けてください）。"
    )
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
/// export never writes over these. Only a regular file is opened to be
/// read (never through a symlink, and never blocking).
fn refuse_database(path: &Path, shown: &str) -> Result<(), String> {
    refuse_side_file(path, shown)?;
    if !fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let mut head = [0u8; 16];
    let is_db = OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_NONBLOCK | nix::libc::O_NOCTTY)
        .open(path)
        .and_then(|mut f| {
            if f.metadata()?.is_file() {
                f.read_exact(&mut head)
            } else {
                Ok(())
            }
        })
        .is_ok()
        && &head == b"SQLite format 3\0";
    if is_db {
        return Err(format!(
            "{shown} はデータベースのファイルです。書き出しで上書きすることはできません。別の名前を指定してください。"
        ));
    }
    Ok(())
}

/// The hidden file `tmp`, new, filled by `fill`, with `readers`' group
/// and mode; removed again if anything fails.
fn create(
    tmp: &Path,
    readers: &Readers,
    shown: &str,
    fill: &mut dyn FnMut(&mut File) -> std::io::Result<()>,
) -> Result<(), String> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true) // O_EXCL: fails on any existing name, a symlink included
        .custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_NONBLOCK | nix::libc::O_NOCTTY)
        .mode(readers.mode())
        .open(tmp)
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => format!(
                "{shown} を作れません（フォルダ {} がありません）。何も書き出していません。",
                crate::text::for_display(
                    &tmp.parent()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                )
            ),
            ErrorKind::PermissionDenied => no_right(shown, &e),
            ErrorKind::AlreadyExists => format!(
                "{shown} の書きかけに使う名前 {} が既に使われています。そのファイルを確かめて消してから、やり直してください。",
                crate::text::for_display(&tmp.display().to_string())
            ),
            _ => format!("{shown} を作れません: {e}"),
        })?;
    let done = fill(&mut f)
        .map_err(|e| format!("{shown} に書き込めません（書きかけのファイルは消しました）: {e}"))
        .and_then(|_| readers.apply(&f, shown))
        .and_then(|_| {
            f.sync_all().map_err(|e| {
                format!("{shown} に書き込めません（書きかけのファイルは消しました）: {e}")
            })
        });
    if let Err(e) = done {
        let _ = fs::remove_file(tmp);
        return Err(e);
    }
    Ok(())
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
