//! A file that is not this program's database is refused and left as it
//! is — an empty file, another kind of file, another program's SQLite
//! database, a database's side file — by every command, `init` included.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::path::Path;

use binary::Bin;

const BIN: Bin = Bin {
    today: "2026-11-23",
};

/// A private file, as an office keeps one (a readable one is refused first).
fn private(p: &Path, content: &[u8]) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(p, content).expect("write");
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o600)).expect("chmod");
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).expect("read")
}

#[test]
fn an_empty_file_stays_empty_and_is_refused_by_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("zero.db");
    private(&db, b"");
    for args in [
        &["due"][..],
        &["check"],
        &["contact", "list", "--client", "C1"],
    ] {
        let e = BIN.refused(&db, args);
        assert!(e.contains("空のファイル"), "{args:?}: {e}");
        assert_eq!(bytes(&db).len(), 0, "{args:?} wrote into it");
    }
    // `init` makes a database only where there is no file.
    let e = BIN.refused(&db, &["init"]);
    assert!(e.contains("既にあります"), "{e}");
    assert_eq!(bytes(&db).len(), 0);
}

#[test]
fn another_kind_of_file_and_another_programs_database_are_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.db");
    private(&text, "メモ\n".as_bytes());
    let e = BIN.refused(&text, &["due"]);
    assert!(e.contains("データベースではない"), "{e}");
    assert_eq!(bytes(&text), "メモ\n".as_bytes());

    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).expect("open");
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("another program's table");
    }
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    let before = bytes(&other);
    let e = BIN.refused(&other, &["due"]);
    assert!(e.contains("別のプログラム"), "{e}");
    assert_eq!(bytes(&other), before, "not touched");
}

#[test]
fn a_side_files_name_is_never_taken_for_a_database() {
    let (dir, db) = BIN.example_office(|_| {});
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let side = std::path::PathBuf::from(name);
        let existed = side.exists();
        for args in [&["init"][..], &["due"]] {
            let e = BIN.refused(&side, args);
            assert!(e.contains("付随するファイル"), "{suffix} {args:?}: {e}");
        }
        assert_eq!(side.exists(), existed, "{suffix}: nothing made or removed");
    }
    // The office's own file still opens.
    BIN.ok(&db, &["due"]);
    drop(dir);
}
