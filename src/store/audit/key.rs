//! The audit chain's key: a file beside the database (`<db>.key`, 32
//! random bytes as 64 hex digits), mode 0640.
//!
//! Under the setgid deployment the file belongs to the program's group,
//! which no person is in: only the program reads it, so a person with a
//! plain SQLite connection on the file cannot forge a link (`chain`). In a
//! single person's set-up they can read it, and `check` says so.
//!
//! It is made once, when the file has no keyed link yet; a key missing
//! from a file whose chain is keyed is reported, never made again over
//! it (a new key would make every link look forged, and would let anyone
//! who removed the key re-sign what they changed).

use std::fs::{self, OpenOptions, Permissions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::store::StoreError;

/// Owner and group read; the program's group under the setgid deployment.
pub(crate) const KEY_MODE: u32 = 0o640;

/// The key of one office's chain.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ChainKey([u8; 32]);

impl std::fmt::Debug for ChainKey {
    // Never printed: a log line must not carry the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChainKey(…)")
    }
}

impl ChainKey {
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// A key for a database that lives in memory only (the expected schema).
    pub(crate) fn throwaway() -> Result<ChainKey, StoreError> {
        random().map(ChainKey)
    }
}

/// The key as this process found it.
#[derive(Debug, Clone)]
pub(crate) enum KeyState {
    Ready(ChainKey),
    /// No file, and the chain already has keyed links.
    Missing(PathBuf),
    /// There, but this process cannot read or understand it.
    Unreadable(PathBuf, String),
}

impl KeyState {
    pub(crate) fn key(&self) -> Option<&ChainKey> {
        match self {
            KeyState::Ready(k) => Some(k),
            _ => None,
        }
    }

    /// Why writes cannot be linked, in words for the office.
    pub(crate) fn problem(&self) -> Option<String> {
        match self {
            KeyState::Ready(_) => None,
            KeyState::Missing(p) => Some(format!(
                "監査記録の鍵 {} がありません。鍵がないと監査記録をつなげないため、書き込みません。鍵をバックアップから戻すか、管理者に連絡してください。",
                p.display()
            )),
            KeyState::Unreadable(p, e) => Some(format!(
                "監査記録の鍵 {} が読めません（{e}）。管理者に連絡してください。",
                p.display()
            )),
        }
    }
}

/// `<db>.key`.
pub(crate) fn path_for(db: &Path) -> PathBuf {
    crate::paths::with_suffix(db, ".key")
}

/// The key of `db`: read, or made when the file has no keyed link yet.
/// `create` false (a read-only open) never makes one.
pub(crate) fn for_file(conn: &Connection, db: &Path, create: bool) -> KeyState {
    let path = path_for(db);
    if create {
        follow_db_group(db, &path);
    }
    match read(&path) {
        Ok(k) => KeyState::Ready(k),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if !create || has_keyed_links(conn).unwrap_or(true) {
                return KeyState::Missing(path);
            }
            match make(&path) {
                Ok(k) => {
                    follow_db_group(db, &path);
                    KeyState::Ready(k)
                }
                Err(e) => KeyState::Unreadable(path, e.to_string()),
            }
        }
        Err(e) => KeyState::Unreadable(path, e.to_string()),
    }
}

/// The key is in the database's group, like its side files: a key made
/// in its maker's private group (a folder shared by a group but not
/// setgid, or a database given to the group after it was made) would
/// shut everyone else out of the chain. Only the key's owner can move it,
/// into a group they are in; anything else is left for `check` to report.
fn follow_db_group(db: &Path, key: &Path) {
    use std::os::unix::fs::MetadataExt;
    let (Ok(d), Ok(k)) = (fs::metadata(db), fs::metadata(key)) else {
        return;
    };
    if d.gid() != k.gid() && k.uid() == nix::unistd::geteuid().as_raw() {
        let _ = nix::unistd::chown(key, None, Some(nix::unistd::Gid::from_raw(d.gid())));
    }
}

/// Whether the person running the program (the real uid and gid, not
/// the program's group) can read the key themselves.
pub(crate) fn readable_by_login(db: &Path) -> bool {
    nix::unistd::access(&path_for(db), nix::unistd::AccessFlags::R_OK).is_ok()
}

/// Whether some audit row is past the first keyed id (schema step 8 on).
fn has_keyed_links(conn: &Connection) -> Result<bool, StoreError> {
    let state: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'chain_state'",
        [],
        |r| r.get(0),
    )?;
    if state == 0 {
        return Ok(false);
    }
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit WHERE id >= (SELECT first_keyed FROM chain_state))",
        [],
        |r| r.get(0),
    )?)
}

fn read(path: &Path) -> std::io::Result<ChainKey> {
    let text = fs::read_to_string(path)?;
    parse(text.trim())
        .ok_or_else(|| std::io::Error::new(ErrorKind::InvalidData, "鍵の形式ではありません"))
}

fn parse(hex: &str) -> Option<ChainKey> {
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(ChainKey(out))
}

fn random() -> Result<[u8; 32], StoreError> {
    let mut out = [0u8; 32];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut out))
        .map_err(|e| StoreError::Io(format!("/dev/urandom: {e}")))?;
    Ok(out)
}

/// Gives a copy of the database kept in its folder (before a restore)
/// the office's key, so the copy opens and checks like the file it was.
pub(crate) fn copy_for(copy_db: &Path, key: &ChainKey) -> Result<(), StoreError> {
    let path = path_for(copy_db);
    match write_new(&path, &key.0) {
        Ok(()) => Ok(()),
        Err(e) => Err(StoreError::Io(format!("{}: {e}", path.display()))),
    }
}

/// Writes a new key beside, then links it to its name: two programs
/// opening a new file at once end up with the one key that got there
/// first, never with half a file.
fn make(path: &Path) -> std::io::Result<ChainKey> {
    let bytes = random().map_err(|e| std::io::Error::other(e.to_string()))?;
    match write_new(path, &bytes) {
        Ok(()) => Ok(ChainKey(bytes)),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => read(path),
        Err(e) => Err(e),
    }
}

/// `bytes` as a new key file at `path` (never over an existing one).
fn write_new(path: &Path, bytes: &[u8; 32]) -> std::io::Result<()> {
    let tmp = crate::files::temp_beside(path);
    let written = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(KEY_MODE)
            .open(&tmp)?;
        // `mode` above is filtered by the umask; set_permissions is not.
        fs::set_permissions(&tmp, Permissions::from_mode(KEY_MODE))?;
        f.write_all(super::chain::hex(bytes).as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        fs::hard_link(&tmp, path)
    })();
    let _ = fs::remove_file(&tmp);
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_with_mode_0640_and_read_back_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("k.db");
        let conn = Connection::open_in_memory().expect("open");
        let KeyState::Ready(first) = for_file(&conn, &db, true) else {
            panic!("made")
        };
        let mode = fs::metadata(path_for(&db))
            .expect("key")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, KEY_MODE);
        let KeyState::Ready(again) = for_file(&conn, &db, true) else {
            panic!("read")
        };
        assert_eq!(first, again);
        assert_eq!(format!("{first:?}"), "ChainKey(…)");
    }

    #[test]
    fn a_read_only_open_makes_no_key_and_a_bad_file_is_unreadable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("k.db");
        let conn = Connection::open_in_memory().expect("open");
        assert!(matches!(for_file(&conn, &db, false), KeyState::Missing(_)));
        assert!(!path_for(&db).exists());
        fs::write(path_for(&db), "not a key").expect("write");
        assert!(matches!(
            for_file(&conn, &db, true),
            KeyState::Unreadable(..)
        ));
    }
}
