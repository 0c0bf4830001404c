//! Text that came from a person, made safe and measured for a terminal.
//!
//! Every string typed by a user or read from a file passes through
//! `for_display` before it reaches a cell: control characters and escape
//! sequences must never reach the terminal raw. Widths are display columns
//! (`unicode-width`), never bytes or chars: Japanese is two columns wide.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that must not reach a terminal: C0/C1 controls, DEL,
/// bidirectional overrides that can make text lie about its order, and the
/// Unicode line and paragraph separators (U+2028/2029: a terminal, a CSV
/// reader or a calendar may break a line at them where none is meant).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

/// Characters that show nothing: the format characters (Unicode general
/// category Cf: zero-width spaces and joiners, bidirectional marks, the
/// soft hyphen, word joiners and invisible operators, tags, interlinear
/// annotation marks …), the Hangul fillers, the combining grapheme joiner
/// and the Mongolian vowel separator. Two names that look the same can
/// differ by one of them, and text can hide in them. Variation selectors
/// are not among them: a name's kanji variant (異体字) is written with one.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// What makes text unfit to be stored, the first one found. One check for
/// every way in (the forms, the command line, import), so a value gets the
/// same answer wherever it is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unfit {
    /// An escape sequence (ESC): it could rewrite a colleague's terminal.
    Escape,
    /// A control character, or a bidirectional override.
    Control(char),
    /// A character that shows nothing (`is_invisible`).
    Invisible(char),
    /// A line or paragraph separator (U+2028/2029) rather than a newline.
    Separator(char),
    /// A newline or tab in a one-line value.
    LineBreak,
}

impl Unfit {
    /// What was found, in Japanese, for a message that names the field.
    pub(crate) fn describe(self) -> String {
        match self {
            Unfit::Escape => "エスケープシーケンス（ESC）".to_string(),
            Unfit::Control(c) => format!("制御文字（U+{:04X}）", c as u32),
            Unfit::Invisible(c) => format!(
                "見えない文字（U+{:04X}、ゼロ幅文字や文字の向きの指定など）",
                c as u32
            ),
            Unfit::Separator(c) => format!("行区切り文字（U+{:04X}）", c as u32),
            Unfit::LineBreak => "改行やタブ".to_string(),
        }
    }
}

/// Everything unfit in `s`, each kind once, in the order of `Unfit`'s
/// variants: newline and tab are fine in free text, not in one line.
pub(crate) fn unfit(s: &str, one_line: bool) -> Vec<Unfit> {
    let mut out = Vec::new();
    let mut push = |u: Unfit| {
        let same_kind = |a: &Unfit| std::mem::discriminant(a) == std::mem::discriminant(&u);
        if !out.iter().any(same_kind) {
            out.push(u);
        }
    };
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' if one_line => push(Unfit::LineBreak),
            '\n' | '\t' => {}
            '\u{1b}' => push(Unfit::Escape),
            '\u{2028}' | '\u{2029}' => push(Unfit::Separator(c)),
            c if is_unsafe(c) => push(Unfit::Control(c)),
            c if is_invisible(c) => push(Unfit::Invisible(c)),
            _ => {}
        }
    }
    out.sort_by_key(|u| match u {
        Unfit::LineBreak => 0,
        Unfit::Escape => 1,
        Unfit::Control(_) => 2,
        Unfit::Separator(_) => 3,
        Unfit::Invisible(_) => 4,
    });
    out
}

/// One line for display: escape sequences removed, other control characters
/// (newlines and tabs included) turned into a space, and invisible
/// characters shown as what they are (`⟨U+200B⟩`).
pub(crate) fn for_display(s: &str) -> Cow<'_, str> {
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

/// What the person typed (an id, a login, a name given on the command
/// line), echoed in a message with every character that does not show as
/// itself written as its code (`⟨U+001B⟩`): `for_display` drops an escape
/// and what follows it, so `D0001` ESC `1` would read as `D0001` or
/// `D00011`, another client's id.
pub(crate) fn as_typed(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || is_invisible(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_unsafe(c) || is_invisible(c) {
                    format!("⟨U+{:04X}⟩", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Lines for a terminal (a message, a listing): like `for_display`, but
/// line breaks stay. Everything the command line prints passes through it,
/// so an argument or a stored name echoed back cannot drive the terminal.
pub(crate) fn for_terminal(s: &str) -> Cow<'_, str> {
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
pub(crate) fn json_safe(json: &str) -> Cow<'_, str> {
    if !has_json_risky(json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if json_risky(c) {
            // JSON escapes UTF-16 units: a tag (U+E0041) is a surrogate pair.
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
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
/// bytes: only a character starting with one of `RISKY_LEADS` can be one,
/// so most of a whole office's `due` JSON is passed over without decoding.
fn has_json_risky(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(p) = b[from..].iter().position(|x| RISKY_LEADS.contains(x)) {
        let at = from + p;
        // A lead byte is never inside a character: `at` is a boundary.
        if s.get(at..)
            .and_then(|t| t.chars().next())
            .is_some_and(json_risky)
        {
            return true;
        }
        from = at + 1;
    }
    false
}

/// The first UTF-8 byte of every character `json_risky` names.
const RISKY_LEADS: [u8; 14] = [
    0x7F, 0xC2, 0xCD, 0xD8, 0xDB, 0xDC, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0, 0xF3, 0xDD,
];

/// `s` without the spaces, tabs and line breaks at its ends (the
/// ideographic space included): what a form keeps of what was typed, and
/// what the rules judge wherever a value comes from. Only these: a line
/// separator or an invisible character at an end is kept, and refused.
pub(crate) fn trim_input(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r', '\u{3000}'])
}

/// Text as entered, cleaned for storage: escape sequences and control
/// characters removed, except newline and tab; CRLF, CR and the Unicode
/// line and paragraph separators (what a word processor copies) become LF.
pub(crate) fn clean_input(s: &str) -> String {
    let s = s
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n");
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
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` columns, ending with `…` when cut. A wide
/// character never straddles the limit. A closing bracketed part (the
/// month of 「支援レポート（10月）」, 「（努力義務）」) says which one and is
/// kept whole: the words before it give way (「月次 支援レ…（10月）」).
pub(crate) fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    if let Some(open) = s.strip_suffix('）').and_then(|h| h.rfind('（')) {
        let (head, tail) = s.split_at(open);
        let tw = width(tail);
        // Only while the words before keep a few columns of their own.
        if !head.trim().is_empty() && tw + 3 <= max {
            return Cow::Owned(format!("{}{tail}", cut(head, max - tw)));
        }
    }
    Cow::Owned(cut(s, max))
}

/// `s` (wider than `max`, `max` > 0) cut to `max - 1` columns and `…`.
fn cut(s: &str, max: usize) -> String {
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
    out
}

/// `s` cut to `cols` columns and padded with spaces to exactly `cols`.
pub(crate) fn fit(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let pad = cols.saturating_sub(width(&t));
    let mut out = String::with_capacity(t.len() + pad);
    out.push_str(&t);
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// `parts` joined by `sep` into lines, a part never split: the first line
/// has `first` columns, the others `cols`; a part that does not fit where
/// a line has begun starts the next (one wider than a line is cut later).
pub(crate) fn pack<S: AsRef<str>>(
    parts: &[S],
    sep: &str,
    first: usize,
    cols: usize,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut room = first;
    for part in parts.iter().map(AsRef::as_ref) {
        if !line.is_empty() && width(sep) + width(part) > room {
            lines.push(std::mem::take(&mut line));
            room = cols;
        }
        if !line.is_empty() {
            line.push_str(sep);
            room = room.saturating_sub(width(sep));
        }
        line.push_str(part);
        room = room.saturating_sub(width(part));
    }
    lines.push(line);
    lines
}

/// `s` broken into lines of at most `cols` columns: at its newlines, and
/// anywhere else a line would run over (Japanese has no spaces to break
/// at; a wide character never straddles the edge).
pub(crate) fn wrap(s: &str, cols: usize) -> Vec<String> {
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
pub(crate) fn shorten_path(path: &str, max: usize) -> String {
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
pub(crate) fn shorten_paths_in(s: &str, max: usize) -> String {
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
#[path = "text_tests.rs"]
mod tests;
