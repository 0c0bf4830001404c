//! `agenda` lists what can still be acted on — items overdue for at most
//! three months and those due soon — and counts the older overdue items
//! in one line per worker with the command that lists them: that command
//! lists exactly the items counted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod binary;

use binary::Bin;

const BIN: Bin = Bin {
    today: "2026-11-23",
};

/// The item lines of a digest (four spaces in).
fn items(digest: &str) -> usize {
    digest.lines().filter(|l| l.starts_with("    ")).count()
}

/// The numbers of a count such as `19 件（ほか努力義務 14 件、情報 1 件）`.
fn total(counts: &str) -> usize {
    counts
        .split(" 件")
        .filter_map(|part| {
            let digits: String = part
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            digits.parse::<usize>().ok()
        })
        .sum()
}

#[test]
fn older_overdue_items_are_counted_and_their_command_lists_exactly_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    BIN.ok(&db, &["demo", "--clients", "60"]);
    let digest = BIN.ok(&db, &["agenda"]);
    assert!(
        digest.starts_with("期限超過・期限間近の項目（基準日 令和8年11月23日）\n"),
        "{digest}"
    );
    // No ISO day where a person reads (the chain head's hash aside).
    let body = digest.rsplit_once("\n\n").expect("chain head").0;
    assert!(!body.contains("2026-") && !body.contains("2022-"), "{body}");
    let older: Vec<&str> = digest
        .lines()
        .filter(|l| l.starts_with("  このほか、8月23日より前が期限の期限超過: "))
        .collect();
    assert!(!older.is_empty(), "the demo reaches back years: {digest}");
    for line in older {
        let (counts, command) = line
            .split_once("。一覧: teichaku ")
            .unwrap_or_else(|| panic!("{line}"));
        let counts = counts.rsplit_once(": ").expect("counts").1;
        let args: Vec<&str> = command.split(' ').collect();
        assert_eq!(args[..2], ["agenda", "--staff"], "{line}");
        assert_eq!(args.last(), Some(&"--all"), "{line}");
        let login = args[2];
        let shown = BIN.ok(&db, &["agenda", "--staff", login]);
        let all = BIN.ok(&db, &args);
        assert!(!all.contains("このほか"), "{all}");
        assert_eq!(
            items(&all),
            items(&shown) + total(counts),
            "{line}\n{shown}\n{all}"
        );
        // The worker is named, with the login in brackets.
        assert!(
            shown
                .lines()
                .any(|l| l.starts_with("■ ") && l.contains(&format!("（{login}）"))),
            "{shown}"
        );
    }
}
