//! Tests of `text`: display, terminal and JSON safety, the input check,
//! widths and wrapping.

use super::*;

#[test]
fn the_byte_check_finds_exactly_the_characters_json_safe_escapes() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        for text in [c.to_string(), format!("山田{c}（様）"), format!("{c}x")] {
            assert_eq!(
                has_json_risky(&text),
                text.chars().any(json_risky),
                "U+{:04X} in {text:?}",
                c as u32
            );
        }
    }
}

#[test]
fn escape_sequences_never_reach_the_display() {
    let s = "山田\u{1b}[31m太郎\u{1b}]0;title\u{7}様\u{9b}x";
    let shown = for_display(s);
    assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
    assert!(shown.starts_with("山田太郎様"), "{shown:?}");
}

#[test]
fn json_output_escapes_what_a_terminal_would_act_on_and_means_the_same() {
    let v = serde_json::json!({"name": "a\u{9b}31mb\u{202e}c\u{200b}d\u{7f}"});
    let text = serde_json::to_string(&v).expect("json");
    let safe = json_safe(&text);
    assert!(
        safe.chars()
            .all(|c| !c.is_control() && !is_invisible(c) && c != '\u{202e}'),
        "{safe}"
    );
    let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
    assert_eq!(back, v);
}

#[test]
fn invisible_characters_are_shown_as_what_they_are() {
    assert_eq!(for_display("山田\u{200b}太郎"), "山田⟨U+200B⟩太郎");
}

#[test]
fn line_separators_and_format_characters_never_reach_a_display_raw() {
    // Like a newline in one line: a space; and like a zero-width space:
    // named. The same in a listing that keeps its line breaks.
    assert_eq!(for_display("面\u{2028}談\u{2029}"), "面 談 ");
    assert_eq!(for_terminal("面\n談\u{2028}"), "面\n談 ");
    assert_eq!(
        for_display("山\u{00AD}田\u{E0041}"),
        "山⟨U+00AD⟩田⟨U+E0041⟩"
    );
    assert_eq!(for_display("\u{3164}\u{180E}"), "⟨U+3164⟩⟨U+180E⟩");
    assert_eq!(clean_input("一\u{2028}二\u{2029}三"), "一\n二\n三");
}

#[test]
fn unfit_names_each_kind_once_and_allows_what_free_text_may_hold() {
    assert_eq!(
        unfit("a\u{1b}[31mb\u{7}\u{2028}\u{200b}\n", true),
        [
            Unfit::LineBreak,
            Unfit::Escape,
            Unfit::Control('\u{7}'),
            Unfit::Separator('\u{2028}'),
            Unfit::Invisible('\u{200b}'),
        ]
    );
    assert_eq!(unfit("一行目\n\t二行目", false), []);
    assert_eq!(unfit("葛\u{E0100}城", true), [], "a kanji variant is kept");
}

#[test]
fn clean_input_keeps_newlines_and_tabs_but_drops_controls() {
    assert_eq!(clean_input("a\r\nb\u{7}\tc\u{1b}[2Jd"), "a\nb\tcd");
}

#[test]
fn japanese_is_two_columns_and_truncation_respects_it() {
    assert_eq!(width("山田 太郎"), 9);
    assert_eq!(truncate("山田太郎", 5), "山田…");
    assert_eq!(width(&truncate("山田太郎", 6)), 5);
    assert_eq!(fit("山田", 6), "山田  ");
    assert_eq!(fit("山田太郎", 5), "山田…");
}

#[test]
fn parts_are_packed_into_lines_and_never_split() {
    let parts = ["C004 高橋 美咲", "担当 なし", "期限 令和8年11月9日（必須）"];
    // 13 + 2 + 9 = 24 columns fit the first line's 30; the day starts the next.
    assert_eq!(
        pack(&parts, "  ", 30, 40),
        ["C004 高橋 美咲  担当 なし", "期限 令和8年11月9日（必須）"]
    );
    assert_eq!(
        pack(&parts, "  ", 80, 80),
        ["C004 高橋 美咲  担当 なし  期限 令和8年11月9日（必須）"]
    );
    // A part wider than any line is left whole for the caller to cut.
    assert_eq!(pack(&parts, "  ", 5, 5).len(), 3);
}

#[test]
fn a_closing_bracket_says_which_one_and_is_kept_whole_when_cut() {
    // The month of a monthly item, never 「月次 支援レポート（1…」.
    assert_eq!(
        truncate("月次 支援レポート（10月）", 20),
        "月次 支援レ…（10月）"
    );
    assert_eq!(width(&truncate("月次 支援レポート（10月）", 20)), 20);
    assert_eq!(
        truncate("事業主との連絡（努力義務）", 20),
        "事業主…（努力義務）"
    );
    // Too narrow for the words before it: cut as any text.
    assert_eq!(truncate("支援（努力義務）", 12), "支援（努力…");
    // Nothing before the bracket, or no bracket at the end: as before.
    assert_eq!(truncate("（努力義務）", 8), "（努力…");
    assert_eq!(truncate("山田（C001）さん", 10), "山田（C00…");
    // Fits: untouched.
    assert_eq!(truncate("レポート（10月）", 30), "レポート（10月）");
}

#[test]
fn a_path_is_shortened_from_the_middle_and_keeps_its_file_name() {
    let p = "/home/sato/仕事/就労定着/exports/支援レポート_D00035_2026-12.xlsx";
    let short = shorten_path(p, 50);
    assert_eq!(short, "…/exports/支援レポート_D00035_2026-12.xlsx");
    assert!(width(&short) <= 50, "{short}");
    // Never half a folder: the next one comes in only when it fits whole.
    assert_eq!(
        shorten_path(p, 51),
        "…/就労定着/exports/支援レポート_D00035_2026-12.xlsx"
    );
    // Room for the whole path: unchanged.
    assert_eq!(shorten_path(p, 200), p);
    // Only the name fits: the folders go, the name stays whole.
    let only = shorten_path(p, 40);
    assert_eq!(only, "…/支援レポート_D00035_2026-12.xlsx");
    // Narrower than the name: its end (month, extension) is kept, and
    // a wide character never straddles the limit.
    let end = shorten_path(p, 20);
    assert!(width(&end) <= 20, "{end}");
    assert!(
        end.starts_with('…') && end.ends_with("D00035_2026-12.xlsx"),
        "{end}"
    );
    let odd = shorten_path("/a/レポートレポート.x", 8);
    assert!(width(&odd) <= 8, "{odd}");
    assert_eq!(odd, "…ート.x");
}

#[test]
fn a_message_keeps_its_words_and_shortens_only_the_path() {
    let m = "書き出しました: /home/sato/仕事/就労定着/exports/支援レポート_D00035_2026-12.xlsx";
    let s = shorten_paths_in(m, 60);
    assert_eq!(
        s,
        "書き出しました: …/exports/支援レポート_D00035_2026-12.xlsx"
    );
    assert!(width(&s) <= 60);
}

#[test]
fn wrapping_breaks_wide_text_at_the_column_limit_and_at_newlines() {
    let lines = wrap("あいうえおかきくけこ\nab", 7);
    assert_eq!(lines, vec!["あいう", "えおか", "きくけ", "こ", "ab"]);
    for l in wrap(
        "入力内容を確認してください: 就職先決定日（2026-11-20）が就職日（2026-11-10）より後です",
        20,
    ) {
        assert!(width(&l) <= 20, "{l}");
    }
}

#[test]
fn what_was_typed_is_echoed_with_its_hidden_characters_named_not_dropped() {
    assert_eq!(as_typed("D0001"), "D0001");
    // for_display drops the escape and what follows it: another id.
    assert_eq!(for_display("D0001\u{1b}1"), "D0001");
    assert_eq!(as_typed("D0001\u{1b}1"), "D0001⟨U+001B⟩1");
    assert_eq!(as_typed("a\u{1b}[2Jb"), "a⟨U+001B⟩[2Jb");
    assert_eq!(
        as_typed("x\ny\u{202E}z\u{200B}"),
        "x⟨U+000A⟩y⟨U+202E⟩z⟨U+200B⟩"
    );
    // Nothing it returns can drive a terminal.
    assert!(!as_typed("\u{1b}]0;t\u{7}\u{9b}").chars().any(is_unsafe));
}
