//! Text that came from a person, made safe and measured for a terminal.
//!
//! Every string typed by a user or read from a file passes through
//! `for_display` before it reaches a cell: control characters and escape
//! sequences must never reach the terminal raw. Widths are display columns
//! (`unicode-width`), never bytes or chars: Japanese is two columns wide.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that must not reach a terminal: C0/C1 controls, DEL, and
/// bidirectional overrides that can make text lie about its order.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width characters and bidirectional marks: they show nothing, so
/// two names that look the same can differ (and text can hide in them).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{061C}'
    )
}

/// One line for display: escape sequences removed, other control characters
/// (newlines and tabs included) turned into a space, and invisible
/// characters shown as what they are (`⟨U+200B⟩`).
pub fn for_display(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || is_invisible(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
        } else if is_unsafe(c) {
            out.push(' ');
        } else if is_invisible(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Lines for a terminal (a message, a listing): like `for_display`, but
/// line breaks stay. Everything the command line prints passes through it,
/// so an argument or a stored name echoed back cannot drive the terminal.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c != '\n' && (is_unsafe(c) || is_invisible(c)))
    {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(for_display).collect();
    Cow::Owned(lines.join("\n"))
}

/// JSON text with every character a terminal could act on, or that hides,
/// written as `\uXXXX` (serde_json escapes only C0): DEL, C1 controls,
/// bidirectional overrides and invisible characters. The JSON means the
/// same; a `cat` of it is safe.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !has_json_risky(json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if json_risky(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What `json_safe` escapes.
fn json_risky(c: char) -> bool {
    (c.is_control() && c >= '\u{7f}') || is_unsafe(c) && c > '\u{7f}' || is_invisible(c)
}

/// Whether `s` has a character `json_risky` names, read from its UTF-8
/// bytes: each such character starts with one of five bytes that never
/// occur inside another character, and Japanese text has few of them, so
/// a whole office's `due` JSON is checked without decoding it.
fn has_json_risky(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(p) = b[from..]
        .iter()
        .position(|x| matches!(x, 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF))
    {
        let at = from + p;
        let risky = match (b[at], b.get(at + 1), b.get(at + 2)) {
            (0x7F, ..) => true,                                          // DEL
            (0xC2, Some(0x80..=0x9F), _) => true,                        // C1 controls
            (0xD8, Some(0x9C), _) => true,                               // U+061C
            (0xE2, Some(0x80), Some(0x8B..=0x8F | 0xAA..=0xAE)) => true, // U+200B–F, U+202A–E
            (0xE2, Some(0x81), Some(0xA0 | 0xA6..=0xA9)) => true,        // U+2060, U+2066–9
            (0xEF, Some(0xBB), Some(0xBF)) => true,                      // U+FEFF
            _ => false,
        };
        if risky {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Text as entered, cleaned for storage: escape sequences and control
/// characters removed, except newline and tab; CRLF and CR become LF.
pub fn clean_input(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
        } else if c == '\n' || c == '\t' || !is_unsafe(c) {
            out.push(c);
        }
    }
    out
}

/// The first unsafe character in `s` other than newline and tab, if any.
pub fn first_control_char(s: &str) -> Option<char> {
    s.chars().find(|&c| c != '\n' && c != '\t' && is_unsafe(c))
}

/// Skip the rest of an escape sequence whose ESC was just read (CSI, OSC and
/// two-character forms), so no fragment of it is shown as text.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            // CSI: parameters and intermediates up to a final byte @..~
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(']') | Some('P') | Some('_') | Some('^') => {
            chars.next();
            // OSC/DCS/APC/PM: until BEL or ST (ESC \)
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                    chars.next();
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` columns, ending with `…` when cut. A wide
/// character never straddles the limit.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `s` cut to `cols` columns and padded with spaces to exactly `cols`.
pub fn fit(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let pad = cols.saturating_sub(width(&t));
    let mut out = String::with_capacity(t.len() + pad);
    out.push_str(&t);
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// `s` broken into lines of at most `cols` columns: at its newlines, and
/// anywhere else a line would run over (Japanese has no spaces to break
/// at; a wide character never straddles the edge).
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(2);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for c in para.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > cols {
                out.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push(c);
            w += cw;
        }
        out.push(line);
    }
    out
}

/// A file path cut from the middle to `max` columns, so that the file
/// name, the part a person looks for, stays whole: `…/exports/支援レポート_D00035_2026-12.xlsx`.
/// The folders nearest the file are kept while they fit; a file name
/// wider than `max` alone keeps its end (the extension and the month).
pub fn shorten_path(path: &str, max: usize) -> String {
    if width(path) <= max {
        return path.to_string();
    }
    let parts: Vec<&str> = path.split('/').collect();
    let name = parts.last().copied().unwrap_or(path);
    let mut tail = name.to_string();
    if width(&format!("…/{tail}")) > max {
        // Even the name is too wide: keep its end.
        let mut kept: Vec<char> = Vec::new();
        let mut w = 1;
        for c in name.chars().rev() {
            let cw = c.width().unwrap_or(0);
            if w + cw > max {
                break;
            }
            kept.push(c);
            w += cw;
        }
        return std::iter::once('…').chain(kept.into_iter().rev()).collect();
    }
    for dir in parts.iter().rev().skip(1) {
        let longer = format!("{dir}/{tail}");
        if width(&format!("…/{longer}")) > max {
            break;
        }
        tail = longer;
    }
    format!("…/{tail}")
}

/// Every path-looking word of `s` (starting with `/` or `~/`) shortened
/// by [`shorten_path`] so that the whole of `s` fits `max` columns where
/// that is possible; the rest of the message is left whole.
pub fn shorten_paths_in(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut over = width(s) - max;
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let is_path = (word.starts_with('/') || word.starts_with("~/")) && word.contains('/');
        if is_path && over > 0 {
            let w = width(word);
            let short = shorten_path(word, w.saturating_sub(over).max(12));
            over = over.saturating_sub(w - width(&short));
            out.push_str(&short);
        } else {
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
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
}
