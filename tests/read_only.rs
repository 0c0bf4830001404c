//! Reading works where writing cannot: a database in a folder the user may
//! read but not write (a copy on a read-only share). `due`, `check` and
//! lists work, with a note; a write says it could not be *saved*; not a
//! byte of the file changes. Run as another uid, so only as root (CI).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

const NOBODY: u32 = 65534;

fn as_nobody(bin: &Path, db: &Path, args: &[&str]) -> Output {
    Command::new(bin)
        .uid(NOBODY)
        .gid(NOBODY)
        .env_remove("TEICHAKU_DB")
        .env("NO_COLOR", "1")
        .env("HOME", "/nonexistent")
        .arg("--db")
        .arg(db)
        .args(["--today", "2027-01-20"])
        .args(args)
        .output()
        .expect("run teichaku")
}

#[test]
fn a_copy_in_a_read_only_folder_is_read_and_never_written() {
    if !nix::unistd::getuid().is_root() {
        eprintln!("skipped: needs root to run as another uid (CI runs as root)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = dir.path().join("teichaku");
    std::fs::copy(env!("CARGO_BIN_EXE_teichaku"), &bin).expect("copy binary");
    let db = dir.path().join("office.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    let o = Command::new(&bin)
        .args(["--today", "2027-01-20", "--db"])
        .arg(&db)
        .arg("import")
        .arg(&fixture)
        .output()
        .expect("import");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let nobody = Some(nix::unistd::Uid::from_raw(NOBODY));
    // The copy comes with its audit key: `check` proves the chain with it.
    let key = dir.path().join("office.db.key");
    for p in [dir.path(), &db, &key, &bin] {
        nix::unistd::chown(p, nobody, None).expect("chown");
    }
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o440)).expect("chmod");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let before = std::fs::read(&db).expect("bytes");

    let o = as_nobody(&bin, &db, &["due", "--format", "json"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("読み取り専用で開きました"), "{err}");
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(rows.as_array().is_some_and(|a| !a.is_empty()), "{rows}");
    let o = as_nobody(&bin, &db, &["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = as_nobody(&bin, &db, &["contact", "list", "--client", "C001"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let o = as_nobody(
        &bin,
        &db,
        &["contact", "add", "--client", "C001", "--summary", "面談"],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("保存できませんでした") && !err.contains("読めません"),
        "{err}"
    );

    assert_eq!(
        std::fs::read(&db).expect("bytes"),
        before,
        "not a byte written"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
    assert_eq!(
        left.len(),
        3,
        "the database, its key, the binary; no -wal, -shm or journal left: {left:?}"
    );
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod back");
}
