//! A case worker's morning in the real binary at 80×24 (tmux): find a
//! client by typing their name in romaji, record a phone call, open the
//! month's 支援レポート (prefilled with that call), fill the first section,
//! set the date it was shown to the client, save, write it out with `x` —
//! and at every step, no line wider than the terminal and no message cut
//! short. Skipped (with a notice) when tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod tmux;

use tmux::{BIN, TODAY, Tmux, export, have_tmux, teichaku};
use unicode_width::UnicodeWidthStr;

/// Hepburn romaji of the hiragana the demo's names are written in.
fn romaji(kana: &str) -> Option<String> {
    const TWO: &[(&str, &str)] = &[
        ("きゃ", "kya"),
        ("きゅ", "kyu"),
        ("きょ", "kyo"),
        ("しゃ", "sha"),
        ("しゅ", "shu"),
        ("しょ", "sho"),
        ("ちゃ", "cha"),
        ("ちゅ", "chu"),
        ("ちょ", "cho"),
        ("にゃ", "nya"),
        ("にゅ", "nyu"),
        ("にょ", "nyo"),
        ("ひゃ", "hya"),
        ("ひゅ", "hyu"),
        ("ひょ", "hyo"),
        ("みゃ", "mya"),
        ("みゅ", "myu"),
        ("みょ", "myo"),
        ("りゃ", "rya"),
        ("りゅ", "ryu"),
        ("りょ", "ryo"),
        ("ぎゃ", "gya"),
        ("ぎゅ", "gyu"),
        ("ぎょ", "gyo"),
        ("じゃ", "ja"),
        ("じゅ", "ju"),
        ("じょ", "jo"),
        ("びゃ", "bya"),
        ("びゅ", "byu"),
        ("びょ", "byo"),
    ];
    const ONE: &str = "あ a い i う u え e お o か ka き ki く ku け ke こ ko さ sa し shi す su せ se そ so \
        た ta ち chi つ tsu て te と to な na に ni ぬ nu ね ne の no は ha ひ hi ふ fu へ he ほ ho \
        ま ma み mi む mu め me も mo や ya ゆ yu よ yo ら ra り ri る ru れ re ろ ro わ wa を wo ん nn \
        が ga ぎ gi ぐ gu げ ge ご go ざ za じ ji ず zu ぜ ze ぞ zo だ da ぢ ji づ zu で de ど do \
        ば ba び bi ぶ bu べ be ぼ bo ぱ pa ぴ pi ぷ pu ぺ pe ぽ po";
    let one: Vec<(char, &str)> = ONE
        .split_whitespace()
        .collect::<Vec<_>>()
        .chunks(2)
        .map(|p| (p[0].chars().next().unwrap(), p[1]))
        .collect();
    let chars: Vec<char> = kana.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if i + 1 < chars.len() {
            let pair: String = chars[i..i + 2].iter().collect();
            if let Some((_, r)) = TWO.iter().find(|(k, _)| *k == pair) {
                out.push_str(r);
                i += 2;
                continue;
            }
        }
        if chars[i] == 'っ' {
            let next = romaji(&chars.get(i + 1)?.to_string())?;
            out.push(next.chars().next()?);
        } else {
            out.push_str(one.iter().find(|(k, _)| *k == chars[i])?.1);
        }
        i += 1;
    }
    Some(out)
}

/// Every line fits the terminal, and the message line (above the hint
/// bar) is not cut short.
fn assert_fits(screen: &str, step: &str) {
    let lines: Vec<&str> = screen.lines().collect();
    for line in &lines {
        assert!(
            UnicodeWidthStr::width(*line) <= 80,
            "{step}: a line wider than the terminal: {line:?}"
        );
    }
    if lines.len() >= 2 {
        let message = lines[lines.len() - 2].trim_end();
        assert!(
            !message.ends_with('…'),
            "{step}: the message is cut short: {message:?}\n{screen}"
        );
    }
}

#[test]
fn a_morning_find_call_report_present_and_print_at_80x24() {
    if !have_tmux() {
        eprintln!("tmux がないため、端末での通し試験を省略します (install tmux to run it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("morning.db");
    let o = teichaku(&db, &["demo", "--clients", "40"]);
    assert!(
        o.status.success(),
        "demo: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let before = export(&db);

    // Someone in their first years of 就労定着支援 this month, whose name
    // can be typed in romaji.
    let month_start = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let client = before["clients"]
        .as_array()
        .expect("clients")
        .iter()
        .find(|c| {
            let Some(e) = c["employments"].as_array().and_then(|e| e.last()) else {
                return false;
            };
            let started = e["retention_start_date"]
                .as_str()
                .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            c["closure"].is_null()
                && e["separation_date"].is_null()
                && started
                    .is_some_and(|s| s <= month_start && s + chrono::Months::new(30) > month_start)
                && c["kana"].as_str().and_then(romaji).is_some()
        })
        .expect("the demo has someone in 就労定着支援 this month")
        .clone();
    let name = client["name"].as_str().unwrap().to_string();
    let id = client["external_id"].as_str().unwrap().to_string();
    let typed = romaji(client["kana"].as_str().unwrap()).unwrap();

    let tmux = Tmux::start(
        "morning",
        dir.path(),
        &[BIN, "--db", db.to_str().unwrap(), "--today", TODAY],
    );
    let s = tmux.wait_for("the client list", |s| {
        s.contains("利用者") && s.contains("詳細")
    });
    assert_fits(&s, "start");

    // 1. Find them by romaji.
    tmux.press(&["/"]);
    tmux.type_text(&typed);
    let s = tmux.wait_for("the filtered list", |s| s.contains(&format!("/{typed}")));
    assert_fits(&s, "romaji filter");
    tmux.press(&["Enter"]);
    let s = tmux.wait_for("their timeline", |s| {
        s.contains(&format!("経過 — {name}（{id}）"))
    });
    assert_fits(&s, "their timeline");

    // 2. A phone call: c, the method by its number, the text, save.
    tmux.press(&["c"]);
    tmux.wait_for("the contact form", |s| s.contains("支援の記録"));
    tmux.press(&["M-3"]);
    let s = tmux.wait_for("電話 chosen", |s| s.contains("3(*)電話"));
    assert_fits(&s, "contact form");
    tmux.type_text("職場の様子を電話で確認した。疲れはない。");
    tmux.press(&["C-s"]);
    let s = tmux.wait_for("the saved call", |s| s.contains("記録しました"));
    assert_fits(&s, "call saved");

    // 3. The month's report, prefilled with that call.
    tmux.press(&["r"]);
    let s = tmux.wait_for("the report form", |s| {
        s.contains(&format!("支援レポート — {name}")) && s.contains("令和8年11月")
    });
    assert_fits(&s, "report form");
    let call_day = "11月23日";
    let s = tmux.wait_for("the call among the 支援実績", |s| s.contains(call_day));
    assert!(s.contains("電話"), "the phone call is prefilled:\n{s}");

    // 4. The first section: the month's goals ① and ②.
    let (_, row) = tmux.cursor();
    let focused = s.lines().nth(row).unwrap_or("");
    assert!(
        focused.contains('①'),
        "the form opens on goal ①: {focused:?}\n{s}"
    );
    tmux.type_text("体調を崩さず週5日勤務を続ける");
    tmux.press(&["Tab"]);
    tmux.type_text("休憩の取り方を上司と確認する");

    // 5. On to 対象者提示日: Tab until the cursor stands on it.
    let mut found = false;
    for _ in 0..40 {
        tmux.press(&["Tab"]);
        std::thread::sleep(std::time::Duration::from_millis(30));
        let s = tmux.screen();
        let (_, row) = tmux.cursor();
        if s.lines()
            .nth(row)
            .is_some_and(|l| l.contains("対象者提示日"))
        {
            assert_fits(&s, "提示日");
            found = true;
            break;
        }
    }
    assert!(found, "Tab reaches 対象者提示日:\n{}", tmux.screen());
    tmux.type_text("2026-11-23");
    tmux.press(&["C-s"]);
    let s = tmux.wait_for("the saved report", |s| {
        s.contains("支援レポートを保存しました")
    });
    assert_fits(&s, "report saved");

    // 6. Write it out: the message names the file, whole.
    tmux.press(&["x"]);
    let file = format!("支援レポート_{id}_2026-11.xlsx");
    let s = tmux.wait_for("the written file", |s| s.contains("書き出しました"));
    assert_fits(&s, "exported");
    assert!(s.contains(&file), "the file name shows whole:\n{s}");
    let written = dir.path().join("data/teichaku/exports").join(&file);
    assert!(written.exists(), "{} was written", written.display());

    tmux.press(&["q"]);

    // What the morning left in the records.
    let after = export(&db);
    let c = after["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["external_id"] == id.as_str())
        .unwrap();
    let call = c["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["summary"] == "職場の様子を電話で確認した。疲れはない。")
        .expect("the call is recorded");
    assert_eq!(call["method"], "phone");
    assert_eq!(call["date"], TODAY);
    let report = c["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["month"] == "2026-11")
        .expect("the month's report is saved");
    assert_eq!(report["presented"], TODAY, "{report}");
    let text = report.to_string();
    assert!(text.contains("体調を崩さず週5日勤務を続ける"), "{text}");
    assert!(text.contains("休憩の取り方を上司と確認する"), "{text}");
}
