//! Every help the program prints is Japanese: `-h`, `--help` and
//! `help <コマンド>` of every command the command line has (read from the
//! clap command itself, so a new command is checked without a hand list),
//! and argument errors with no clap English tail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use std::process::{Command, Output};

/// clap's English, none of which may reach a person (matched ignoring
/// case: `[OPTIONS]` is clap's too).
const ENGLISH: &[&str] = &[
    "usage",
    "options",
    "commands",
    "command>",
    "command]",
    "arguments",
    "print",
    "help message",
    "subcommand",
    "possible values",
    "default:",
    "env:",
    "alias",
    "for more information",
    "try '",
    "see more",
    "summary with",
];

fn teichaku(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .env_remove("TEICHAKU_DB")
        .env_remove("TEICHAKU_TODAY")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run teichaku")
}

/// Every command's words after `teichaku` (the program itself is `[]`);
/// `help` last at each level, as clap lists it.
fn paths(cmd: &clap::Command, at: &[String], out: &mut Vec<Vec<String>>) {
    out.push(at.to_vec());
    for sub in cmd.get_subcommands() {
        // The `help` command's tree repeats the others' names.
        if cmd.get_name() == "help" {
            continue;
        }
        let mut next = at.to_vec();
        next.push(sub.get_name().to_string());
        paths(sub, &next, out);
    }
}

fn english_in(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    ENGLISH
        .iter()
        .copied()
        .filter(|w| lower.contains(w))
        .collect()
}

#[test]
fn every_commands_help_is_japanese() {
    let mut all = Vec::new();
    paths(&teichaku::cli::command(), &[], &mut all);
    // The program, its groups and their commands, and the help commands.
    assert!(all.len() > 30, "{all:?}");
    assert!(all.contains(&vec!["contact".to_string(), "add".to_string()]));
    let mut checked = 0;
    for path in &all {
        let is_help = path.last().is_some_and(|w| w == "help");
        let mut ways: Vec<Vec<String>> = Vec::new();
        if !is_help {
            for flag in ["--help", "-h"] {
                let mut a = path.clone();
                a.push(flag.into());
                ways.push(a);
            }
        }
        // `help <path>` at the top, and `help` inside a group.
        let mut a = vec!["help".to_string()];
        a.extend(path.iter().cloned());
        ways.push(a);
        for args in ways {
            let o = teichaku(&args);
            let out = String::from_utf8_lossy(&o.stdout);
            assert!(
                o.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(out.contains("使い方:"), "{args:?}: {out}");
            assert!(out.contains("オプション:") || is_help, "{args:?}: {out}");
            let found = english_in(&out);
            assert!(found.is_empty(), "{args:?} prints {found:?}:\n{out}");
            checked += 1;
        }
    }
    assert!(checked > 90, "{checked}");
}

#[test]
fn headings_name_the_sections_in_japanese() {
    let arg = |a: &[&str]| {
        let args: Vec<String> = a.iter().map(|s| s.to_string()).collect();
        String::from_utf8_lossy(&teichaku(&args).stdout).into_owned()
    };
    let top = arg(&["--help"]);
    for heading in [
        "使い方: teichaku [オプション] [コマンド]",
        "コマンド:",
        "オプション:",
    ] {
        assert!(top.contains(heading), "{heading}: {top}");
    }
    assert!(
        top.contains("ヘルプを表示") && top.contains("バージョンを表示"),
        "{top}"
    );
    assert!(
        top.contains("このヘルプ、または指定したコマンドのヘルプを表示する"),
        "{top}"
    );
    // A command with arguments lists them under 引数; clap's notes on an
    // option (its environment variable, default, values) are said too.
    let import = arg(&["import", "--help"]);
    assert!(import.contains("引数:\n  <FILE>"), "{import}");
    assert!(
        import.contains("[環境変数 TEICHAKU_DB でも指定できる]"),
        "{import}"
    );
    let due = arg(&["due", "-h"]);
    assert!(
        due.contains("[既定: table] [使える値: table, json, csv, ics]"),
        "{due}"
    );
    // A command's own options come first, the common ones after them.
    let within = due.find("--within").expect("--within");
    let db = due.find("--db").expect("--db");
    assert!(within < db, "{due}");
    let due_long = arg(&["due", "--help"]);
    assert!(due_long.contains("使える値:\n"), "{due_long}");
    assert!(due_long.contains("- ics: iCalendar"), "{due_long}");
}

#[test]
fn argument_errors_are_japanese_and_point_at_the_commands_help() {
    for (args, says) in [
        (&["due", "--wihtin", "3"][..], "teichaku due --help"),
        (&["contact", "add"][..], "teichaku contact add --help"),
        (&["frobnicate"][..], "teichaku --help"),
        (&["due", "--format", "xml"][..], "使える値"),
        (
            &["help", "frobnicate"][..],
            "「frobnicate」というコマンドはありません",
        ),
    ] {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let o = teichaku(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.starts_with("エラー: ") && err.contains(says),
            "{args:?}: {err}"
        );
        let found = english_in(&err);
        assert!(found.is_empty(), "{args:?} says {found:?}: {err}");
    }
    // A group typed alone is told to name a command, with the group's help.
    let o = teichaku(&["contact".to_string()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("コマンドを指定してください") && err.contains("  add "),
        "{err}"
    );
    assert!(english_in(&err).is_empty(), "{err}");
}
