//! The real binary in a real terminal (tmux, 80×24), ended by a signal
//! while a contact form holds typed text: the form is kept as a draft,
//! the terminal is given back to the shell, and the exit status is
//! 128 + the signal's number (143 SIGTERM, 129 SIGHUP, 130 SIGINT), as the
//! shell that started it sees it. Opened again, the draft is offered.
//! Skipped (with a notice) when tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod tmux;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tmux::{BIN, TODAY, Tmux, have_tmux, teichaku};

const PROMPT: &str = "e2e-shell$";

/// The pid of `ppid`'s child process, once there is one.
fn child_of(ppid: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // `pid (comm) state ppid …`: comm may hold spaces, so after ')'.
            let parent = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1));
            if parent == Some(ppid) {
                return entry.file_name().to_string_lossy().into_owned();
            }
        }
        assert!(Instant::now() < deadline, "no child of {ppid}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A shell in tmux that runs the program on `db` and writes its exit
/// status to `status` when it ends.
fn start(tag: &str, dir: &Path, db: &Path, status: &Path) -> Tmux {
    let ps1 = format!("PS1={PROMPT} ");
    let tmux = Tmux::start(tag, dir, &["env", &ps1, "sh"]);
    tmux.wait_for("the shell prompt", |s| s.contains(PROMPT));
    tmux.type_text(&format!(
        "{BIN} --db {} --today {TODAY}; echo $? > {}",
        db.display(),
        status.display()
    ));
    tmux.press(&["Enter"]);
    tmux
}

/// The program on a 5-client demo with a contact form open and `text`
/// typed into it; its pid.
fn typing(tmux: &Tmux, text: &str) -> String {
    tmux.wait_for("the list", |s| s.contains("利用者 5/5"));
    let shell = String::from_utf8_lossy(
        &tmux
            .tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .stdout,
    )
    .trim()
    .to_string();
    let pid = child_of(&shell);
    tmux.press(&["c"]);
    tmux.wait_for("the contact form", |s| s.contains("支援の記録"));
    tmux.type_text(text);
    tmux.wait_for("the text", |s| s.contains(text));
    pid
}

/// The status the shell wrote once the program ended (10 s at most).
fn exit_status(pid: &str, status: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(s) = std::fs::read_to_string(status)
            && !s.is_empty()
        {
            return s.trim().to_string();
        }
        if Instant::now() > deadline {
            // Do not leave it spinning behind a failed test.
            let _ = Command::new("kill").args(["-KILL", pid]).status();
            panic!("teichaku ({pid}) did not end");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn demo(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    let o = teichaku(&db, &["demo", "--clients", "5"]);
    assert!(
        o.status.success(),
        "demo: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    db
}

fn drafts_holding(db: &Path, text: &str) -> usize {
    let store = teichaku::store::Store::open(db).expect("open");
    store
        .list_drafts()
        .expect("drafts")
        .iter()
        .filter(|d| {
            store
                .load_draft(&d.key)
                .expect("load")
                .is_some_and(|(json, _)| json.contains(text))
        })
        .count()
}

#[test]
fn sigterm_keeps_the_form_as_a_draft_gives_the_terminal_back_and_exits_143() {
    if !have_tmux() {
        eprintln!("tmux がないため、端末での通し試験を省略します (install tmux to run it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "term.db");
    let status = dir.path().join("status");
    let tmux = start("term", dir.path(), &db, &status);
    let pid = typing(&tmux, "停止の前に書いた記録");
    let _ = Command::new("kill").args(["-TERM", &pid]).status();
    assert_eq!(exit_status(&pid, &status), "143");
    // The shell has its screen back, and was told why and what was kept.
    let s = tmux.wait_for("the shell again", |s| {
        !s.contains("teichaku 定着") && s.contains("終了コード 143")
    });
    assert!(
        s.contains("SIGTERM") && s.contains("下書きとして保存しました"),
        "{s}"
    );
    assert_eq!(drafts_holding(&db, "停止の前に書いた記録"), 1);
    // Opened again: the draft is offered, and restored.
    std::fs::remove_file(&status).expect("rm");
    tmux.type_text(&format!("{BIN} --db {} --today {TODAY}", db.display()));
    tmux.press(&["Enter"]);
    tmux.wait_for("the drafts offered", |s| {
        s.contains("保存されている下書き") && s.contains("支援の記録")
    });
    tmux.press(&["Enter"]);
    tmux.wait_for("the restore question", |s| s.contains("(y/n)"));
    tmux.press(&["y"]);
    tmux.wait_for("the restored text", |s| s.contains("停止の前に書いた記録"));
}

#[test]
fn sighup_and_sigint_exit_129_and_130_with_the_draft_kept() {
    if !have_tmux() {
        eprintln!("tmux がないため、端末での通し試験を省略します (install tmux to run it)");
        return;
    }
    for (signal, code) in [("HUP", "129"), ("INT", "130")] {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = demo(dir.path(), "sig.db");
        let status = dir.path().join("status");
        let tmux = start(signal, dir.path(), &db, &status);
        let text = format!("{signal} の前に書いた記録");
        let pid = typing(&tmux, &text);
        let _ = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status();
        assert_eq!(exit_status(&pid, &status), code, "SIG{signal}");
        tmux.wait_for("the shell again", |s| !s.contains("teichaku 定着"));
        assert_eq!(drafts_holding(&db, &text), 1, "SIG{signal}");
    }
}
