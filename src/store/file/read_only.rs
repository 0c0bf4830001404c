//! Opening a database only to read it: a copy on a read-only disk, or in
//! a folder this person may read but not write. Nothing is created,
//! migrated or written; the connection refuses writes itself
//! (`query_only`), besides `Store::write` refusing first.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::store::{BUSY_TIMEOUT, StoreError};

/// `file:` URI of `path` with the characters URIs reserve escaped.
fn uri(path: &Path, extra: &str) -> String {
    let mut out = String::from("file:");
    for b in path.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(*b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out.push_str("?mode=ro");
    out.push_str(extra);
    out
}

fn open(path: &Path, extra: &str) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(uri(path, extra), flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Opening is lazy: the first read shows whether it works.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(conn)
}

/// A read-only connection. A WAL database whose -shm this person can
/// neither open nor create (a copy in a read-only folder) is read as the
/// file stands, which is complete when there is no -wal beside it.
pub(in crate::store) fn connect(path: &Path) -> Result<Connection, StoreError> {
    super::perms::refuse_side_file_name(path)?;
    if std::fs::symlink_metadata(path).is_err() {
        return Err(StoreError::Permission(format!(
            "{}: ファイルがありません",
            path.display()
        )));
    }
    super::perms::refuse_not_a_database(path)?;
    match open(path, "") {
        Ok(c) => Ok(c),
        Err(StoreError::ReadOnly(_) | StoreError::Permission(_)) if !sidecar(path, "-wal") => {
            open(path, "&immutable=1")
        }
        Err(e) => Err(e),
    }
}

fn sidecar(path: &Path, suffix: &str) -> bool {
    std::fs::symlink_metadata(crate::paths::with_suffix(path, suffix)).is_ok()
}

/// The per-connection settings that do not write (the page cache is the
/// caller's: `Reads`).
pub(in crate::store) fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "query_only", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escapes_what_sqlite_would_read_as_parameters() {
        assert_eq!(
            uri(Path::new("/srv/a b/x?y#z%.db"), ""),
            "file:/srv/a%20b/x%3Fy%23z%25.db?mode=ro"
        );
        assert!(uri(Path::new("/d/事業所.db"), "").starts_with("file:/d/%E4%BA%8B"));
    }
}

#[cfg(test)]
mod store_tests {
    use crate::store::test_support::{client_with_employment, store};
    use crate::store::{Store, StoreError};

    #[test]
    fn a_read_only_handle_reads_everything_and_refuses_every_write_before_it_starts() {
        let (dir, s) = store();
        let id = client_with_employment(&s, "C1");
        drop(s);
        let path = dir.path().join("t.db");
        let before = std::fs::read(&path).expect("bytes");
        let ro = Store::open_read_only(&path, "tanaka").expect("open read-only");
        assert!(ro.is_read_only());
        assert_eq!(ro.load_all().expect("all").len(), 1);
        assert_eq!(ro.load_client(id).expect("one").external_id, "C1");
        assert!(ro.check().expect("check").integrity_problems.is_empty());
        let e = ro.save_draft("k", "{}").expect_err("a write");
        assert!(matches!(e, StoreError::ReadOnly(_)), "{e}");
        assert!(e.to_string().contains("保存できませんでした"), "{e}");
        ro.record_office_export("期限一覧")
            .expect("not recorded, not an error");
        assert_eq!(
            std::fs::read(&path).expect("bytes"),
            before,
            "not a byte written"
        );
        let missing =
            Store::open_read_only(&dir.path().join("none.db"), "tanaka").expect_err("missing");
        assert!(missing.to_string().contains("読めません"), "{missing}");
        assert!(!dir.path().join("none.db").exists(), "never created");
    }
}
