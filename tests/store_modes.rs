//! File modes of a new database, whatever the umask.
//!
//! This file holds a single test because it changes the process umask
//! (`nix::sys::stat::umask` is a safe call, but the umask is per process:
//! sharing the binary with other tests would race).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use nix::sys::stat::{Mode, umask};
use teichaku::model::Document;
use teichaku::operation;
use teichaku::store::{DB_FILE_MODE, DIR_MODE, Store};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    s.into()
}

#[test]
fn new_database_wal_and_shm_get_no_world_access_under_any_umask() {
    // 0o000: the most permissive umask (would give rw-rw-rw-);
    // 0o077: a strict one (would strip the group bits the office needs).
    for mask in [0o000, 0o022, 0o077] {
        let old = umask(Mode::from_bits_truncate(mask));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("data/sub/teichaku.db");
        let s = Store::open_as(&path, "tanaka");
        umask(old);
        let s = s.expect("open");
        operation::import_document(&s, &Document::default())
            .expect("a write, so -wal and -shm exist");
        for file in [
            path.clone(),
            with_suffix(&path, "-wal"),
            with_suffix(&path, "-shm"),
        ] {
            let m = mode(&file);
            assert_eq!(m & 0o007, 0, "umask {mask:o}: {} is {m:o}", file.display());
            assert_eq!(m, DB_FILE_MODE, "umask {mask:o}: {}", file.display());
        }
        for d in [
            path.parent().expect("dir"),
            path.parent().and_then(Path::parent).expect("dir"),
        ] {
            assert_eq!(
                mode(d) & 0o077,
                0,
                "umask {mask:o}: {} is {:o}",
                d.display(),
                mode(d)
            );
        }
        assert_eq!(mode(path.parent().expect("dir")), DIR_MODE);
        assert!(s.check().expect("check").world_accessible.is_empty());
    }
}
