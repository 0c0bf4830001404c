//! The real binary on a terminal of its own that goes away, as a dropped
//! SSH connection's does: a pseudo-terminal whose controlling side this
//! test holds, with teichaku leading its session (as a login's program
//! does). Closing that side hangs the terminal up (SIGHUP, then a dead
//! tty). Skipped (with a notice) without util-linux's `setsid`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::fcntl::{FcntlArg, FdFlag, OFlag, fcntl};
use nix::pty::{Winsize, openpty};

const TODAY: &str = "2026-11-23";
const BIN: &str = env!("CARGO_BIN_EXE_teichaku");

fn have_setsid() -> bool {
    Command::new("setsid")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The text of what the program drew, without the escape sequences
/// (which also sit between the halves of a wide character's cells).
fn text(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if it.next_if_eq(&'[').is_some() {
            // A control sequence ends with a byte in @..~.
            for c in it.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            it.next();
        }
    }
    out
}

/// teichaku on a new 80×24 pseudo-terminal, leading its own session with
/// that terminal as its controlling one.
struct Session {
    child: Child,
    /// What the program has written so far.
    out: Arc<Mutex<Vec<u8>>>,
    /// Set to close this test's side of the terminal.
    hang_up: Arc<AtomicBool>,
}

impl Drop for Session {
    /// A failed test leaves no program behind on a terminal held open.
    fn drop(&mut self) {
        self.hang_up.store(true, Ordering::SeqCst);
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn start(db: &Path, home: &Path) -> Session {
    let size = Winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pty = openpty(&size, None).expect("openpty");
    // openpty's descriptors are inherited: the program must not hold this
    // test's side (closing it would hang nothing up).
    for fd in [&pty.master, &pty.slave] {
        fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).expect("close-on-exec");
    }
    let slave = pty.slave;
    let mut cmd = Command::new("setsid");
    cmd.args(["--ctty", "--wait", BIN, "--db"])
        .arg(db)
        .args(["--today", TODAY])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm-256color")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_STATE_HOME", home)
        .env("TEICHAKU_CLOCK", TODAY)
        .stdin(Stdio::from(slave.try_clone().expect("dup")))
        .stdout(Stdio::from(slave.try_clone().expect("dup")))
        .stderr(Stdio::from(slave));
    let child = cmd.spawn().expect("start teichaku");
    // Only the program holds the terminal's side now.
    drop(cmd);
    let out = Arc::new(Mutex::new(Vec::new()));
    let hang_up = Arc::new(AtomicBool::new(false));
    // Not blocking: the thread that holds this side must see `hang_up`.
    fcntl(&pty.master, FcntlArg::F_SETFL(OFlag::O_NONBLOCK)).expect("non-blocking");
    let mut master = File::from(pty.master);
    let (sink, stop) = (Arc::clone(&out), Arc::clone(&hang_up));
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        // Dropping `master` at the end hangs the terminal up.
        while !stop.load(Ordering::SeqCst) {
            match master.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => {
                    let chunk = &buf[..n];
                    // A terminal answers where its cursor is when asked.
                    for _ in chunk.windows(4).filter(|w| w == b"\x1b[6n") {
                        let _ = master.write_all(b"\x1b[1;1R");
                    }
                    sink.lock().expect("lock").extend_from_slice(chunk);
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(_) => return,
            }
        }
    });
    Session {
        child,
        out,
        hang_up,
    }
}

fn wait_for_text(out: &Mutex<Vec<u8>>, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let seen = text(&out.lock().expect("lock"));
        if seen.contains(want) {
            return;
        }
        if Instant::now() > deadline {
            panic!("timed out waiting for {want:?}; the program wrote:\n{seen}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_hang_up_on_the_client_list_ends_the_program_with_the_hang_ups_status() {
    if !have_setsid() {
        eprintln!("setsid がないため、端末の切断の試験を省略します (install util-linux to run it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("hup.db");
    binary::Bin { today: TODAY }.ok(&db, &["demo", "--clients", "5"]);
    let mut s = start(&db, dir.path());
    // The list: no text cursor is shown there, so the terminal's library
    // would show it again on the way out, on a terminal that is gone.
    // (The frames after the first redraw only what changed: the list's
    // title becomes 「利用者 5/5」 by its count alone.)
    wait_for_text(&s.out, "5/5");
    s.hang_up.store(true, Ordering::SeqCst);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = s.child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = s.child.kill();
            panic!("teichaku still running 10 s after the hang-up");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // 128 + SIGHUP, as a program ended by a hang-up does; not 101, a panic.
    assert_eq!(
        status.code(),
        Some(129),
        "ended with {status:?} (101 is a panic)"
    );
}

#[test]
fn the_text_of_a_frame_is_read_without_its_escape_sequences() {
    assert_eq!(
        text("\u{1b}[2;5H利\u{1b}[2;7H用者\u{1b}7 5/5".as_bytes()),
        "利用者 5/5"
    );
}
