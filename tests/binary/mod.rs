//! The built binary, run as a person would on one database file: the
//! helpers the binary-level tests share.

#![allow(dead_code, clippy::expect_used)] // each test file uses some of them

use std::path::Path;
use std::process::{Command, Output};

/// `teichaku --db DB --today DAY …`, with no database or day from the
/// environment and no colours.
pub struct Bin {
    pub today: &'static str,
}

impl Bin {
    pub fn run(&self, db: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_teichaku"))
            .env_remove("TEICHAKU_DB")
            .env_remove("TEICHAKU_TODAY")
            .env("NO_COLOR", "1")
            .arg("--db")
            .arg(db)
            .args(["--today", self.today])
            .args(args)
            .output()
            .expect("run teichaku")
    }

    /// Its stdout; fails the test (with what it printed) unless it succeeded.
    pub fn ok(&self, db: &Path, args: &[&str]) -> String {
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
    pub fn refused(&self, db: &Path, args: &[&str]) -> String {
        let o = self.run(db, args);
        assert_eq!(o.status.code(), Some(1), "{args:?} should be refused");
        String::from_utf8_lossy(&o.stderr).into_owned()
    }
}

/// The OS login running the tests (the file's owner, hence 管理者).
pub fn me() -> String {
    let o = Command::new("id").arg("-un").output().expect("id");
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}
