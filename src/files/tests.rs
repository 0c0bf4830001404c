use std::fs::{self, Permissions};
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use super::*;

fn mode(p: &Path) -> u32 {
    fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

fn owner() -> Readers {
    Readers::owner()
}

/// `f` on another thread, failing the test if it has not returned within
/// five seconds (a FIFO opened for writing would wait for ever).
fn at_once<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(5))
        .expect("returned at once, not blocked")
}

/// What is left in `dir` besides `keep` (a staged copy must not be).
fn others(dir: &Path, keep: &[&str]) -> Vec<String> {
    fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

#[test]
fn a_new_file_is_0600_and_an_existing_one_is_kept_without_force() {
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("out.json");
    write_new(&p, b"one", false, &owner()).expect("new");
    assert_eq!(mode(&p), 0o600);
    let e = write_new(&p, b"two", false, &owner()).expect_err("exists");
    assert!(e.contains("--force"), "{e}");
    assert_eq!(fs::read(&p).expect("read"), b"one");
    fs::set_permissions(&p, Permissions::from_mode(0o666)).expect("chmod");
    write_new(&p, b"two", true, &owner()).expect("forced");
    assert_eq!(fs::read(&p).expect("read"), b"two");
    assert_eq!(mode(&p), 0o600, "the old file's mode is not kept");
    assert_eq!(others(dir.path(), &["out.json"]), Vec::<String>::new());
}

#[test]
fn the_office_export_group_makes_the_file_0640_in_that_group() {
    let dir = tempfile::tempdir().expect("dir");
    // The user's own primary group: one they are always in.
    let gid = nix::unistd::getgid();
    let Ok(Some(g)) = nix::unistd::Group::from_gid(gid) else {
        return; // a gid without a name: nothing to name in the setting
    };
    let (readers, note) = Readers::for_office(Some(&g.name));
    assert_eq!(note, None);
    assert_eq!(readers.group(), Some(g.name.as_str()));
    let p = dir.path().join("out.html");
    write_new(&p, b"x", false, &readers).expect("write");
    assert_eq!(mode(&p), 0o640);
    assert_eq!(fs::metadata(&p).expect("meta").gid(), gid.as_raw());
}

#[test]
fn a_group_the_user_cannot_use_keeps_the_file_0600_and_says_why() {
    for unset in [None, Some(""), Some("  ")] {
        assert_eq!(Readers::for_office(unset), (Readers::owner(), None));
    }
    let (readers, note) = Readers::for_office(Some("teichaku-no-such-group"));
    assert_eq!(readers, Readers::owner());
    let note = note.expect("said");
    assert!(
        note.contains("teichaku-no-such-group") && note.contains("0600"),
        "{note}"
    );
    assert!(note.contains("サーバーにない"), "{note}");
}

#[test]
fn a_symlink_is_never_written_through() {
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("precious.txt");
    fs::write(&target, b"keep").expect("write");
    let link = dir.path().join("out.json");
    symlink(&target, &link).expect("symlink");
    assert!(write_new(&link, b"x", false, &owner()).is_err());
    write_new(&link, b"x", true, &owner()).expect("forced replaces the link");
    assert_eq!(fs::read(&target).expect("read"), b"keep");
    assert!(
        !fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_fifo_or_a_socket_is_refused_at_once_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("pipe");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).expect("mkfifo");
    let sock = dir.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).expect("bind");
    for (p, what) in [(fifo, "FIFO"), (sock, "ソケット")] {
        for force in [false, true] {
            let q = p.clone();
            let e = at_once(move || write_new(&q, b"{}", force, &Readers::owner()))
                .expect_err("not a regular file");
            assert!(e.contains(what) && e.contains("通常のファイル"), "{e}");
            let q = p.clone();
            let e = at_once(move || check_new(&q, force)).expect_err("checked first");
            assert!(e.contains(what), "{e}");
            let t = fs::symlink_metadata(&p).expect("still there").file_type();
            assert!(!t.is_file(), "left as it was");
        }
    }
    assert_eq!(others(dir.path(), &["pipe", "sock"]), Vec::<String>::new());
}

#[test]
fn a_device_is_never_replaced_even_with_force() {
    let dir = tempfile::tempdir().expect("dir");
    // A device of our own where we may make one (root); /dev/null itself
    // is only looked at, never risked.
    let own = dir.path().join("null");
    let made = nix::sys::stat::mknod(
        &own,
        nix::sys::stat::SFlag::S_IFCHR,
        nix::sys::stat::Mode::from_bits_truncate(0o666),
        nix::sys::stat::makedev(1, 3),
    )
    .is_ok();
    if made {
        let q = own.clone();
        let e = at_once(move || write_new(&q, b"x", true, &Readers::owner())).expect_err("device");
        assert!(e.contains("デバイス"), "{e}");
        assert!(
            fs::symlink_metadata(&own)
                .expect("meta")
                .file_type()
                .is_char_device()
        );
    }
    let e = check_new(Path::new("/dev/null"), true).expect_err("device");
    assert!(e.contains("デバイス"), "{e}");
}

#[test]
fn a_missing_folder_is_named_and_nothing_is_left() {
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("no-such-folder").join("out.json");
    let e = write_new(&p, b"x", false, &owner()).expect_err("no folder");
    assert!(
        e.contains("no-such-folder") && e.contains("ありません"),
        "{e}"
    );
    assert_eq!(others(dir.path(), &[]), Vec::<String>::new());
}

#[test]
fn a_staged_file_is_only_a_hidden_copy_until_placed_and_gone_if_dropped() {
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("report.xlsx");
    let staged = stage(&p, b"data", false, &owner()).expect("stage");
    assert!(fs::symlink_metadata(&p).is_err(), "not under its name yet");
    assert_eq!(others(dir.path(), &[]).len(), 1, "one hidden copy");
    drop(staged);
    assert_eq!(others(dir.path(), &[]), Vec::<String>::new());
    // A name taken meanwhile is not replaced (without force).
    let staged = stage(&p, b"mine", false, &owner()).expect("stage");
    fs::write(&p, b"theirs").expect("someone else");
    let e = staged.place().expect_err("taken");
    assert!(e.contains("既にあります"), "{e}");
    assert_eq!(fs::read(&p).expect("read"), b"theirs");
    assert_eq!(others(dir.path(), &["report.xlsx"]), Vec::<String>::new());
    let staged = stage(&p, b"mine", true, &owner()).expect("stage");
    assert_eq!(staged.place().expect("placed"), p);
    assert_eq!(fs::read(&p).expect("read"), b"mine");
}

#[test]
fn a_database_and_its_side_files_are_never_written_over() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("office.db");
    let mut head = b"SQLite format 3\0".to_vec();
    head.extend_from_slice(&[0; 84]);
    fs::write(&db, &head).expect("write");
    for force in [false, true] {
        let e = write_new(&db, b"{}", force, &owner()).expect_err("a database");
        assert!(e.contains("データベース"), "{e}");
    }
    assert_eq!(fs::read(&db).expect("read"), head);
    assert!(write_new(&dir.path().join("office.db-wal"), b"{}", true, &owner()).is_err());
}

#[test]
fn only_a_regular_file_within_the_limit_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("in.json");
    fs::write(&p, b"0123456789").expect("write");
    assert_eq!(read_regular(&p, 10).expect("read"), b"0123456789");
    let e = read_regular(&p, 9).expect_err("too big");
    assert!(e.contains("大きすぎます"), "{e}");
    let fifo = dir.path().join("pipe");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).expect("mkfifo");
    let e = at_once(move || read_regular(&fifo, 1 << 20)).expect_err("fifo");
    assert!(e.contains("FIFO"), "{e}");
    let e = at_once(|| read_regular(Path::new("/dev/zero"), 1 << 20)).expect_err("device");
    assert!(e.contains("デバイス"), "{e}");
    let e = read_regular(dir.path(), 1 << 20).expect_err("folder");
    assert!(e.contains("フォルダ"), "{e}");
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
