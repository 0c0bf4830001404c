//! The real binary in a real terminal: tmux on a private socket, 80×24.
//! Start on a demo database, filter by name, record a contact with `c`,
//! check it landed in the database, take it back with the undo key and
//! put it back, quit; and `due` shown on the terminal (not recorded) and
//! sent through a pipe (recorded). Skipped (with a notice) when tmux
//! is not installed; CI installs it (.ci/run).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod tmux;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tmux::{BIN, TODAY, Tmux, export, have_tmux, teichaku};
use unicode_width::UnicodeWidthStr;

#[test]
fn record_a_contact_in_the_real_terminal_at_80x24() {
    if !have_tmux() {
        eprintln!("tmux がないため、端末での通し試験を省略します (install tmux to run it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    let o = teichaku(&db, &["demo", "--clients", "30"]);
    assert!(
        o.status.success(),
        "demo: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let before = export(&db);
    let clients = before["clients"].as_array().expect("clients").clone();
    assert_eq!(clients.len(), 30);
    let contacts = |doc: &serde_json::Value| -> usize {
        doc["clients"]
            .as_array()
            .map(|cs| {
                cs.iter()
                    .map(|c| c["contacts"].as_array().map_or(0, Vec::len))
                    .sum()
            })
            .unwrap_or(0)
    };
    let n_before = contacts(&before);
    // The list shows the cases that are not closed (終結).
    let open: Vec<&serde_json::Value> = clients.iter().filter(|c| c["closure"].is_null()).collect();
    let listed = format!("利用者 {0}/{0}", open.len());
    // Someone to look for: a name with a family-name part to type.
    let name = open[7]["name"].as_str().expect("name").to_string();
    let family: String = name.split([' ', '　']).next().unwrap_or(&name).to_string();

    let prompt = "e2e-shell$ ";
    let ps1 = format!("PS1={prompt}");
    let tmux = Tmux::start("record", dir.path(), &["env", &ps1, "sh"]);
    tmux.wait_for("the shell prompt", |s| s.contains(prompt.trim()));
    tmux.type_text(&format!("{BIN} --db {} --today {TODAY}", db.display()));
    tmux.press(&["Enter"]);

    let s = tmux.wait_for("the client list and the timeline", |s| {
        s.contains(&listed) && s.contains("経過") && s.contains("詳細")
    });
    for line in s.lines() {
        assert!(
            UnicodeWidthStr::width(line) <= 80,
            "line wider than the terminal: {line:?}"
        );
    }

    tmux.press(&["/"]);
    tmux.type_text(&family);
    let s = tmux.wait_for("the filtered list", |s| {
        s.contains(&format!("/{family}")) && !s.contains(&listed)
    });
    assert!(s.contains(&family), "{s}");
    tmux.press(&["Enter"]);
    let s = tmux.screen();
    assert!(
        s.contains(&format!("経過 — {family}")),
        "the timeline follows the match:\n{s}"
    );

    tmux.press(&["c"]);
    tmux.wait_for("the contact form", |s| s.contains("支援の記録"));
    tmux.type_text("e2e: 職場での様子を電話で確認した");
    tmux.press(&["C-s"]);
    tmux.wait_for("the saved message", |s| s.contains("記録しました"));

    let after = export(&db);
    assert_eq!(contacts(&after), n_before + 1);
    let found = after["clients"]
        .as_array()
        .expect("clients")
        .iter()
        .any(|c| {
            // The filter's best match: someone with that family name.
            c["name"].as_str().is_some_and(|n| n.starts_with(&family))
                && c["contacts"].as_array().is_some_and(|cs| {
                    cs.iter()
                        .any(|x| x["summary"].as_str() == Some("e2e: 職場での様子を電話で確認した"))
                })
        });
    assert!(found, "the contact belongs to a client named {family}…");

    // Taken back with the undo key, and put back with it again: each time
    // the file says so, not only the screen.
    tmux.press(&["U"]);
    tmux.wait_for("the undone message", |s| s.contains("取り消しました"));
    assert_eq!(contacts(&export(&db)), n_before, "the contact is gone");
    tmux.press(&["U"]);
    tmux.wait_for("the message of the second undo", |s| {
        s.contains("取り消しました: 支援記録 #")
    });
    assert_eq!(contacts(&export(&db)), n_before + 1, "and back");

    tmux.press(&["q"]);
    tmux.wait_for("the shell again", |s| {
        !s.contains("teichaku 定着")
            && s.lines().filter(|l| l.starts_with(prompt.trim())).count() >= 2
    });
}

#[test]
fn a_dropped_connection_ends_the_program_and_keeps_the_typed_text_as_a_draft() {
    if !have_tmux() {
        eprintln!("tmux がないため、端末での通し試験を省略します (install tmux to run it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("hup.db");
    let o = teichaku(&db, &["demo", "--clients", "5"]);
    assert!(
        o.status.success(),
        "demo: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let db_arg = db.to_str().expect("utf-8 path");
    let tmux = Tmux::start(
        "hangup",
        dir.path(),
        &[BIN, "--db", db_arg, "--today", TODAY],
    );
    tmux.wait_for("the list", |s| s.contains("利用者 5/5"));
    let pid = String::from_utf8_lossy(
        &tmux
            .tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .stdout,
    )
    .trim()
    .to_string();
    assert!(
        Path::new(&format!("/proc/{pid}")).exists(),
        "pane pid {pid}"
    );
    tmux.press(&["c"]);
    tmux.wait_for("the contact form", |s| s.contains("支援の記録"));
    tmux.type_text("切断の直前まで書いた記録");
    tmux.wait_for("the text", |s| s.contains("切断の直前まで書いた記録"));
    // The terminal goes away, as when SSH drops: SIGHUP, then a dead tty.
    drop(tmux);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Path::new(&format!("/proc/{pid}")).exists() {
        if Instant::now() > deadline {
            // Do not leave it spinning behind a failed test.
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            panic!("teichaku ({pid}) still running after the hang-up");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let store = teichaku::store::Store::open(&db).expect("open");
    let drafts = store.list_drafts().expect("drafts");
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    // Kept under the tmux pane it was typed in: another window keeps its own.
    assert!(drafts[0].key.contains("@tmux:"), "{}", drafts[0].key);
    let (json, _) = store
        .load_draft(&drafts[0].key)
        .expect("load")
        .expect("the draft");
    assert!(json.contains("切断の直前まで書いた記録"), "{json}");
}

#[test]
fn an_interrupt_signal_ends_the_program_like_a_terminate_and_keeps_the_draft() {
    if !have_tmux() {
        eprintln!("tmux がないため、端末での通し試験を省略します (install tmux to run it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("int.db");
    assert!(teichaku(&db, &["demo", "--clients", "5"]).status.success());
    let db_arg = db.to_str().expect("utf-8 path");
    let tmux = Tmux::start(
        "interrupt",
        dir.path(),
        &[BIN, "--db", db_arg, "--today", TODAY],
    );
    tmux.wait_for("the list", |s| s.contains("利用者 5/5"));
    let pid = String::from_utf8_lossy(
        &tmux
            .tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .stdout,
    )
    .trim()
    .to_string();
    tmux.press(&["c"]);
    tmux.wait_for("the contact form", |s| s.contains("支援の記録"));
    tmux.type_text("割り込みの前に書いた記録");
    tmux.wait_for("the text", |s| s.contains("割り込みの前に書いた記録"));
    let _ = Command::new("kill").args(["-INT", &pid]).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Path::new(&format!("/proc/{pid}")).exists() {
        if Instant::now() > deadline {
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            panic!("teichaku ({pid}) still running after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(tmux);
    let store = teichaku::store::Store::open(&db).expect("open");
    let drafts = store.list_drafts().expect("drafts");
    assert_eq!(drafts.len(), 1, "{drafts:?}");
}

#[test]
fn due_on_a_terminal_is_not_recorded_and_through_a_pipe_it_is() {
    if !have_tmux() {
        eprintln!("tmux がないため、端末での通し試験を省略します (install tmux to run it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("due.db");
    assert!(teichaku(&db, &["demo", "--clients", "12"]).status.success());
    let exports = || {
        let o = teichaku(&db, &["audit", "--format", "json", "--limit", "1000"]);
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
        // Not this helper's own reads of the trail (a pipe: recorded too).
        rows.iter()
            .filter(|r| r["action"] == "export")
            .filter(|r| {
                !r["summary"]
                    .as_str()
                    .is_some_and(|s| s.starts_with("操作記録"))
            })
            .count()
    };
    let prompt = "e2e-shell$";
    let tmux = Tmux::start("due", dir.path(), &["env", &format!("PS1={prompt} "), "sh"]);
    tmux.wait_for("the shell prompt", |s| s.contains(prompt));
    let due = format!(
        "{BIN} --db {} --today {TODAY} due --client D00011",
        db.display()
    );
    tmux.type_text(&format!("{due}; echo shown-$?"));
    tmux.press(&["Enter"]);
    tmux.wait_for("the list on the terminal", |s| {
        s.contains("D00011") && s.contains("shown-0")
    });
    assert_eq!(exports(), 0, "shown on a terminal: not recorded");
    tmux.type_text(&format!("{due} | cat; echo piped-$?"));
    tmux.press(&["Enter"]);
    tmux.wait_for("the list through cat", |s| s.contains("piped-0"));
    assert_eq!(exports(), 1, "left through a pipe: recorded");
}
