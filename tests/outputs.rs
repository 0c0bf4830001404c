//! What the binary writes and reads for the user is what it claims to be:
//! `-o` writes regular files only (a FIFO or a device is refused at once,
//! `--force` or not, and left as it is); exports are 0600 unless the office
//! names a group the user is in; an export that wrote nothing leaves no
//! audit row; `import` (and `restore`) refuse a FIFO, a device or an
//! oversized file before reading it; an id typed with an escape is echoed
//! with it shown.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use binary::{Bin, me};
use teichaku::store::{AuditAction, Store};

const TODAY: &str = "2026-11-30";
const BIN: Bin = Bin { today: TODAY };

/// The example office, and a folder to write into.
fn office() -> (tempfile::TempDir, PathBuf) {
    BIN.example_office(|_| {})
}

/// `teichaku --db DB ARGS` that must end within ten seconds (a FIFO
/// opened for writing would wait for a reader for ever): killed and failed
/// otherwise.
fn within_seconds(db: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .env_remove("TEICHAKU_DB")
        .env("TEICHAKU_CLOCK", TODAY)
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("{args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn exports(db: &Path) -> Vec<String> {
    Store::open_as(db, &me())
        .expect("open")
        .audit_log(1000)
        .expect("log")
        .into_iter()
        .filter(|e| e.action == AuditAction::Export)
        .map(|e| e.summary)
        .collect()
}

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().expect("mkfifo");
    assert!(ok.success());
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf8")
}

#[test]
fn an_output_that_is_not_a_regular_file_is_refused_at_once_and_left_alone() {
    let (dir, db) = office();
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let before = exports(&db);
    let writes: [&[&str]; 4] = [
        &["export"],
        &["due", "--all"],
        &["export", "plan", "--client", "C001", "--format", "html"],
        &["export", "history", "--client", "C001"],
    ];
    for args in writes {
        for force in [false, true] {
            let mut a = args.to_vec();
            a.extend(["-o", s(&fifo)]);
            if force {
                a.push("--force");
            }
            let o = within_seconds(&db, &a);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{a:?}: {err}");
            assert!(
                err.contains("FIFO") && err.contains("通常のファイル"),
                "{a:?}: {err}"
            );
            assert!(
                std::fs::symlink_metadata(&fifo)
                    .expect("still there")
                    .file_type()
                    .is_fifo()
            );
        }
    }
    // A backup's destination goes the same way.
    let o = within_seconds(&db, &["backup", s(&fifo), "--force"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("FIFO"));
    // A device: /dev/null is only ever looked at, whoever runs this.
    let o = within_seconds(&db, &["export", "-o", "/dev/null", "--force"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("デバイス"), "{err}");
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .expect("meta")
            .file_type()
            .is_char_device()
    );
    assert_eq!(exports(&db), before, "nothing written, nothing recorded");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Each kind of export to a file: its arguments and a file name.
const KINDS: [(&[&str], &str); 5] = [
    (&["export"], "o.json"),
    (&["export", "--client", "C001"], "c.json"),
    (&["due", "--all"], "d.txt"),
    (
        &["export", "plan", "--client", "C001", "--format", "html"],
        "p.html",
    ),
    (&["export", "history", "--client", "C001"], "h.html"),
];

#[test]
fn an_export_that_wrote_nothing_leaves_no_audit_row_and_one_that_did_leaves_one() {
    let (dir, db) = office();
    let missing = dir.path().join("no-such-folder");
    let before = exports(&db).len();
    for (args, name) in KINDS {
        let out = missing.join(name);
        let a = [args, &["-o", s(&out)]].concat();
        let err = BIN.refused(&db, &a);
        assert!(
            err.contains("no-such-folder") && err.contains("ありません"),
            "{a:?}: {err}"
        );
    }
    let err = BIN.refused(&db, &["backup", s(&missing.join("b.db"))]);
    assert!(err.contains("ありません"), "{err}");
    assert_eq!(exports(&db).len(), before, "no row for no file");
    // Into a folder that exists: the file, and one row each.
    for (n, (args, name)) in KINDS.iter().enumerate() {
        let out = dir.path().join(name);
        BIN.ok(&db, &[*args, &["-o", s(&out)]].concat());
        assert!(out.is_file(), "{args:?}");
        assert_eq!(exports(&db).len(), before + n + 1, "{args:?}");
    }
}

#[test]
fn exports_are_0600_unless_the_office_names_a_group_the_user_is_in() {
    let (dir, db) = office();
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let json = dir.path().join("a.json");
    let plan = dir.path().join("p.html");
    let list = dir.path().join("d.txt");
    let write_all = |force: bool| {
        let f = if force { &["--force"][..] } else { &[][..] };
        BIN.ok(&db, &[&["export", "-o", s(&json)][..], f].concat());
        BIN.ok(
            &db,
            &[
                &[
                    "export",
                    "plan",
                    "--client",
                    "C001",
                    "--format",
                    "html",
                    "-o",
                    s(&plan),
                ][..],
                f,
            ]
            .concat(),
        );
        BIN.ok(&db, &[&["due", "-o", s(&list)][..], f].concat());
    };
    write_all(false);
    for p in [&json, &plan, &list] {
        assert_eq!(mode(p), 0o600, "{}", p.display());
    }
    // A group this server does not have is refused, and nothing changes.
    let e = BIN.refused(&db, &["settings", "export_group", "teichaku-no-such-group"]);
    assert!(e.contains("このサーバーにありません"), "{e}");
    assert_eq!(BIN.ok(&db, &["settings", "export_group"]).trim(), "");
    // The user's own primary group: files 0640 in it.
    let gid = std::fs::metadata(&db).expect("meta").gid();
    let group = String::from_utf8_lossy(
        &Command::new("id")
            .arg("-gn")
            .output()
            .expect("id -gn")
            .stdout,
    )
    .trim()
    .to_string();
    BIN.ok(&db, &["settings", "export_group", &group]);
    assert_eq!(BIN.ok(&db, &["settings", "export_group"]).trim(), group);
    write_all(true);
    for p in [&json, &plan, &list] {
        assert_eq!(mode(p), 0o640, "{}", p.display());
        assert_eq!(std::fs::metadata(p).expect("meta").gid(), gid);
    }
    // Cleared again: the user alone.
    BIN.ok(&db, &["settings", "export_group", ""]);
    write_all(true);
    for p in [&json, &plan, &list] {
        assert_eq!(mode(p), 0o600, "{}", p.display());
    }
}

#[test]
fn import_refuses_a_fifo_a_device_or_an_oversized_file_before_reading_it() {
    let (dir, db) = office();
    let fifo = dir.path().join("in.fifo");
    mkfifo(&fifo);
    let big = dir.path().join("big.json");
    // Sparse: a GiB and a byte that takes no disk.
    std::fs::File::create(&big)
        .and_then(|f| f.set_len((1 << 30) + 1))
        .expect("sparse file");
    for (path, said) in [
        (s(&fifo), "FIFO"),
        ("/dev/zero", "デバイス"),
        (s(dir.path()), "フォルダ"),
        (s(&big), "大きすぎます"),
    ] {
        let o = within_seconds(&db, &["import", path]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{path}: {err}");
        assert!(
            err.contains(said) && err.contains("何も取り込んでいません"),
            "{path}: {err}"
        );
    }
    // A restore's source: refused at once too, not waited on.
    let o = within_seconds(&db, &["restore", s(&fifo), "--yes"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("ファイルではありません"), "{err}");
    // Into a new database: refused before anything is made.
    let new = dir.path().join("new").join("t.db");
    let o = within_seconds(&new, &["import", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!new.exists());
}

#[test]
fn an_id_typed_with_an_escape_is_echoed_with_it_shown_not_as_another_id() {
    let (_dir, db) = office();
    for args in [
        &["due", "--client", "C001\u{1b}1"][..],
        &["export", "--client", "C001\u{1b}1"],
        &["contact", "list", "--client", "C001\u{1b}1"],
        &["due", "--staff", "tanaka\u{1b}1"],
    ] {
        let e = BIN.refused(&db, args);
        assert!(e.contains("⟨U+001B⟩1」"), "{args:?}: {e}");
        assert!(!e.contains('\u{1b}'), "{args:?}: {e}");
    }
}

#[test]
fn a_case_file_cut_off_on_its_way_out_is_recorded_as_failed_and_ends_quietly() {
    let (_dir, db) = office();
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let o = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .env_remove("TEICHAKU_DB")
        .env("TEICHAKU_CLOCK", TODAY)
        .arg("--db")
        .arg(&db)
        .args(["--today", TODAY, "export", "--client", "C001"])
        .stdout(Stdio::from(writer))
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(141));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "",
        "the reader had enough"
    );
    let rows = exports(&db);
    assert!(
        rows[0].starts_with("失敗: 利用者 C001（出力が途中で止まりました"),
        "{rows:?}"
    );
    // Written whole: recorded as handed out.
    BIN.ok(&db, &["export", "--client", "C001"]);
    assert_eq!(exports(&db)[0], "利用者 C001");
}
