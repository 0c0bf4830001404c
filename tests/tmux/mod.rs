//! The real binary in a real terminal: a tmux server on a private socket,
//! an 80×24 window, keys sent and the screen read back. Shared by the
//! end-to-end tests.

#![allow(dead_code)] // each test binary uses part of this

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../binary/mod.rs"]
mod binary;
use std::time::{Duration, Instant};

pub(crate) const TODAY: &str = "2026-11-23";
pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_teichaku");

pub(crate) fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A tmux server of our own, killed on drop.
pub(crate) struct Tmux {
    socket: String,
    config: PathBuf,
}

impl Tmux {
    /// A session `tag` running `command` (argv) in an 80×24 window.
    pub(crate) fn start(tag: &str, config: &Path, command: &[&str]) -> Tmux {
        let t = Tmux {
            socket: format!("teichaku-e2e-{}-{tag}", std::process::id()),
            config: config.to_path_buf(),
        };
        let mut args = vec!["new-session", "-d", "-x", "80", "-y", "24", "-s", "t"];
        args.extend_from_slice(command);
        let o = t.tmux(&args);
        assert!(
            o.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        t
    }

    pub(crate) fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-u", "-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .env("XDG_CONFIG_HOME", &self.config)
            .env("XDG_STATE_HOME", &self.config)
            .env("XDG_DATA_HOME", self.config.join("data"))
            .env("HOME", &self.config)
            .env_remove("TEICHAKU_DB")
            .env_remove("TEICHAKU_TODAY")
            .env_remove("NO_COLOR")
            .env_remove("TMUX")
            .output()
            .expect("run tmux")
    }

    /// Type text literally.
    pub(crate) fn type_text(&self, s: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", s]);
    }

    /// Press keys by tmux name (Enter, Escape, C-s …).
    pub(crate) fn press(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub(crate) fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Poll the screen until `pred` holds (10 s at most).
    pub(crate) fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

pub(crate) fn teichaku(db: &Path, args: &[&str]) -> Output {
    binary::Bin { today: TODAY }.run(db, args)
}

pub(crate) fn export(db: &Path) -> serde_json::Value {
    let o = teichaku(db, &["export", "--format", "json"]);
    assert!(
        o.status.success(),
        "export: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("export is JSON")
}

impl Tmux {
    /// The terminal cursor (column, row): where the focused field's text
    /// cursor is, since the program puts it there for the IME.
    pub(crate) fn cursor(&self) -> (usize, usize) {
        let o = self.tmux(&["display", "-p", "-t", "t", "#{cursor_x},#{cursor_y}"]);
        let s = String::from_utf8_lossy(&o.stdout);
        let mut it = s.trim().split(',').map(|n| n.parse().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    }
}
