//! The built binary, run as a person would on one database file: the
//! helpers the binary-level tests share.

#![allow(dead_code, clippy::expect_used)] // each test file uses some of them

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `teichaku --db DB --today DAY …`, with no database from the
/// environment, no colours, and the clock on the same day (writes are
/// judged by the clock's day, whatever the day of the run).
pub(crate) struct Bin {
    pub today: &'static str,
}

impl Bin {
    fn command(&self, db: &Path, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_teichaku"));
        c.env_remove("TEICHAKU_DB")
            .env_remove("TEICHAKU_TODAY")
            .env("TEICHAKU_CLOCK", self.today)
            .env("NO_COLOR", "1")
            .arg("--db")
            .arg(db)
            .args(["--today", self.today])
            .args(args);
        c
    }

    pub(crate) fn run(&self, db: &Path, args: &[&str]) -> Output {
        self.command(db, args).output().expect("run teichaku")
    }

    /// `run` in folder `dir` (where a document is written by default).
    pub(crate) fn run_in(&self, dir: &Path, db: &Path, args: &[&str]) -> Output {
        self.command(db, args)
            .current_dir(dir)
            .output()
            .expect("run teichaku")
    }

    /// Its stdout; fails the test (with what it printed) unless it succeeded.
    pub(crate) fn ok(&self, db: &Path, args: &[&str]) -> String {
        let o = self.run(db, args);
        assert!(
            o.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Its stderr; fails the test unless it was refused (exit status 1).
    pub(crate) fn refused(&self, db: &Path, args: &[&str]) -> String {
        let o = self.run(db, args);
        assert_eq!(o.status.code(), Some(1), "{args:?} should be refused");
        String::from_utf8_lossy(&o.stderr).into_owned()
    }
}

impl Bin {
    /// The spec's example office (`tests/fixtures/spec_example.json`),
    /// changed by `edit`, imported into a new database `t.db` in a new
    /// temp dir (kept alive by the returned guard).
    pub(crate) fn example_office(
        &self,
        edit: impl FnOnce(&mut serde_json::Value),
    ) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("t.db");
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
        let mut doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(fixture).expect("fixture"))
                .expect("json");
        edit(&mut doc);
        let f = dir.path().join("in.json");
        std::fs::write(&f, doc.to_string()).expect("write");
        self.ok(&db, &["import", f.to_str().expect("utf8")]);
        (dir, db)
    }
}

/// All text of an xlsx written by the program: the shared strings and the
/// first sheet, as XML.
pub(crate) fn xlsx_text(path: &Path) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).expect("open xlsx")).expect("zip");
    let mut out = String::new();
    for name in ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"] {
        if let Ok(mut f) = z.by_name(name) {
            f.read_to_string(&mut out).expect("read");
        }
    }
    out
}

/// The OS login running the tests (the file's owner, hence 管理者).
pub(crate) fn me() -> String {
    let o = Command::new("id").arg("-un").output().expect("id");
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}
