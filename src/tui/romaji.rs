//! Romaji and half-width katakana in a search query, read as hiragana so
//! they find a client through the ふりがな.
//!
//! A small table rather than a crate: names are typed in Hepburn, Kunrei
//! or passport style (`shi`/`si`, `tsu`/`tu`, `ō`/`ou`/`oo`/`oh`), the
//! filter needs to know whether a whole word is romaji, and an unfinished
//! syllable at the end of a word (`ish` while typing `ishii`) must not turn
//! the word into nothing. Long vowels are written so many ways that a
//! second reading drops them; the fuzzy filter still finds `くどう` from
//! `くど`, and the fuller reading scores higher when it matches.

/// The syllables, longest first within each start.
#[rustfmt::skip]
const SYLLABLES: &[(&str, &str)] = &[
    ("kya", "きゃ"), ("kyu", "きゅ"), ("kyo", "きょ"),
    ("sha", "しゃ"), ("shi", "し"), ("shu", "しゅ"), ("she", "しぇ"), ("sho", "しょ"),
    ("sya", "しゃ"), ("syu", "しゅ"), ("syo", "しょ"),
    ("cha", "ちゃ"), ("chi", "ち"), ("chu", "ちゅ"), ("che", "ちぇ"), ("cho", "ちょ"),
    ("tya", "ちゃ"), ("tyu", "ちゅ"), ("tyo", "ちょ"), ("tsu", "つ"),
    ("nya", "にゃ"), ("nyu", "にゅ"), ("nyo", "にょ"),
    ("hya", "ひゃ"), ("hyu", "ひゅ"), ("hyo", "ひょ"),
    ("mya", "みゃ"), ("myu", "みゅ"), ("myo", "みょ"),
    ("rya", "りゃ"), ("ryu", "りゅ"), ("ryo", "りょ"),
    ("gya", "ぎゃ"), ("gyu", "ぎゅ"), ("gyo", "ぎょ"),
    ("jya", "じゃ"), ("jyu", "じゅ"), ("jyo", "じょ"),
    ("zya", "じゃ"), ("zyu", "じゅ"), ("zyo", "じょ"),
    ("bya", "びゃ"), ("byu", "びゅ"), ("byo", "びょ"),
    ("pya", "ぴゃ"), ("pyu", "ぴゅ"), ("pyo", "ぴょ"),
    ("ka", "か"), ("ki", "き"), ("ku", "く"), ("ke", "け"), ("ko", "こ"),
    ("sa", "さ"), ("si", "し"), ("su", "す"), ("se", "せ"), ("so", "そ"),
    ("ta", "た"), ("ti", "ち"), ("tu", "つ"), ("te", "て"), ("to", "と"),
    ("na", "な"), ("ni", "に"), ("nu", "ぬ"), ("ne", "ね"), ("no", "の"),
    ("ha", "は"), ("hi", "ひ"), ("hu", "ふ"), ("fu", "ふ"), ("he", "へ"), ("ho", "ほ"),
    ("fa", "ふぁ"), ("fi", "ふぃ"), ("fe", "ふぇ"), ("fo", "ふぉ"),
    ("ma", "ま"), ("mi", "み"), ("mu", "む"), ("me", "め"), ("mo", "も"),
    ("ya", "や"), ("yu", "ゆ"), ("yo", "よ"),
    ("ra", "ら"), ("ri", "り"), ("ru", "る"), ("re", "れ"), ("ro", "ろ"),
    ("la", "ら"), ("li", "り"), ("lu", "る"), ("le", "れ"), ("lo", "ろ"),
    ("wa", "わ"), ("wi", "ゐ"), ("we", "ゑ"), ("wo", "を"),
    ("ga", "が"), ("gi", "ぎ"), ("gu", "ぐ"), ("ge", "げ"), ("go", "ご"),
    ("za", "ざ"), ("zi", "じ"), ("ji", "じ"), ("zu", "ず"), ("ze", "ぜ"), ("zo", "ぞ"),
    ("ja", "じゃ"), ("ju", "じゅ"), ("je", "じぇ"), ("jo", "じょ"),
    ("da", "だ"), ("di", "ぢ"), ("du", "づ"), ("de", "で"), ("do", "ど"),
    ("ba", "ば"), ("bi", "び"), ("bu", "ぶ"), ("be", "べ"), ("bo", "ぼ"),
    ("pa", "ぱ"), ("pi", "ぴ"), ("pu", "ぷ"), ("pe", "ぺ"), ("po", "ぽ"),
    ("vu", "ゔ"),
    ("a", "あ"), ("i", "い"), ("u", "う"), ("e", "え"), ("o", "お"),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'i' | 'u' | 'e' | 'o')
}

/// Hiragana readings of one query word, fullest first: the word as written
/// (a macron as its vowel twice, `ō` as `ou`), then with long vowels
/// dropped (and a final n) when that differs. Empty when the word is not romaji (it has
/// something other than ASCII letters, macrons and an apostrophe, or no
/// syllable at all).
pub(crate) fn readings(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for spelled in [expand_macrons(&lower), collapse_long_vowels(&lower)] {
        if let Some(kana) = to_hiragana(&spelled)
            && !out.contains(&kana)
        {
            out.push(kana);
        }
    }
    out
}

fn expand_macrons(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'ā' | 'â' => out.push_str("aa"),
            'ī' | 'î' => out.push_str("ii"),
            'ū' | 'û' => out.push_str("uu"),
            'ē' | 'ê' => out.push_str("ee"),
            'ō' | 'ô' => out.push_str("ou"),
            _ => out.push(c),
        }
    }
    out
}

/// `kudō`, `kudou`, `kudoo`, `kudoh` → `kudo`; `yūki`, `yuuki` → `yuki`;
/// `kan` → `ka`.
fn collapse_long_vowels(s: &str) -> String {
    let plain: Vec<char> = s
        .chars()
        .map(|c| match c {
            'ā' | 'â' => 'a',
            'ī' | 'î' => 'i',
            'ū' | 'û' => 'u',
            'ē' | 'ê' => 'e',
            'ō' | 'ô' => 'o',
            _ => c,
        })
        .collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < plain.len() {
        let c = plain[i];
        out.push(c);
        let next = plain.get(i + 1).copied();
        let after = plain.get(i + 2).copied();
        let long = match (c, next) {
            ('o', Some('u' | 'o')) | ('u', Some('u')) => true,
            // Passport style: Ohno, Itoh (not "oha", which is お + は).
            ('o', Some('h')) => after.is_none_or(|a| !is_vowel(a) && a != 'y'),
            _ => false,
        };
        i += if long { 2 } else { 1 };
    }
    // A final n may be ん or the start of な…の still being typed.
    if out.ends_with('n') && !out.ends_with("nn") {
        out.pop();
    }
    out
}

/// The hiragana of a romaji word; an unfinished syllable at the end is
/// left out. `None` when the word is not romaji.
fn to_hiragana(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() || !chars.iter().all(|c| c.is_ascii_lowercase() || *c == '\'') {
        return None;
    }
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\'' {
            i += 1;
            continue;
        }
        // ん: n not before a vowel or y (Hepburn: Kanno, Shinichi written
        // Shin'ichi), and m before b, m, p (Homma, Namba).
        if (c == 'n' && next.is_some_and(|n| !is_vowel(n) && n != 'y'))
            || (c == 'n' && next.is_none() && i > 0)
            || (c == 'm' && matches!(next, Some('b' | 'm' | 'p')))
        {
            out.push('ん');
            i += 1;
            continue;
        }
        // っ: a doubled consonant, or the t of tch (matcha).
        if !is_vowel(c) && c != 'n' && (next == Some(c) || (c == 't' && next == Some('c'))) {
            out.push('っ');
            i += 1;
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
        match SYLLABLES.iter().find(|(r, _)| rest.starts_with(r)) {
            Some((r, k)) => {
                out.push_str(k);
                i += r.len();
            }
            // An unfinished syllable at the end (typing goes on); anything
            // else means the word is not romaji.
            None if chars[i..].iter().all(|c| !is_vowel(*c)) && chars.len() - i <= 3 => break,
            None => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Half-width katakana to full-width, joining a following ﾞ or ﾟ into the
/// voiced letter (`ｸﾄﾞｳ` → `クドウ`). For the query only: it may shorten
/// the text, which the haystack must never do.
pub(crate) fn widen_katakana(s: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{FF9E}' | '\u{FF9F}' => {
                let join = if c == '\u{FF9E}' { voiced } else { semi_voiced };
                match out.last_mut() {
                    Some(last) if join(*last).is_some() => *last = join(*last).unwrap_or(*last),
                    _ => out.push(widen(c)),
                }
            }
            _ => out.push(widen(c)),
        }
    }
    out.into_iter().collect()
}

const HALF: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

/// One half-width katakana (U+FF66..U+FF9D) to full width, one to one;
/// ﾞﾟ to ゛゜. Anything else unchanged.
pub(crate) fn widen(c: char) -> char {
    match c {
        '\u{FF66}'..='\u{FF9D}' => HALF.chars().nth(c as usize - 0xFF66).unwrap_or(c),
        '\u{FF9E}' => '゛',
        '\u{FF9F}' => '゜',
        _ => c,
    }
}

fn voiced(c: char) -> Option<char> {
    match c {
        'ウ' => Some('ヴ'),
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ'
        | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => {
            char::from_u32(c as u32 + 1)
        }
        _ => None,
    }
}

fn semi_voiced(c: char) -> Option<char> {
    match c {
        'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => char::from_u32(c as u32 + 2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hepburn_kunrei_and_passport_spellings_read_alike() {
        for (typed, kana) in [
            ("ishii", "いしい"),
            ("isii", "いしい"),
            ("kudou", "くどう"),
            ("kudō", "くどう"),
            ("tsutsui", "つつい"),
            ("tutui", "つつい"),
            ("kanno", "かんの"),
            ("homma", "ほんま"),
            ("hattori", "はっとり"),
            ("shin'ichi", "しんいち"),
            ("chiba", "ちば"),
            ("tiba", "ちば"),
            ("Fujii", "ふじい"),
        ] {
            assert_eq!(readings(typed)[0], kana, "{typed}");
        }
    }

    #[test]
    fn long_vowels_are_also_read_without_them() {
        for typed in ["kudou", "kudō", "kudoo", "kudoh", "kudo"] {
            assert!(readings(typed).contains(&"くど".to_string()), "{typed}");
        }
        assert_eq!(
            readings("ohashi"),
            vec!["おはし".to_string()],
            "oha is お+は"
        );
        assert!(readings("yūki").contains(&"ゆき".to_string()));
    }

    #[test]
    fn an_unfinished_syllable_is_left_out_and_other_words_are_not_romaji() {
        assert_eq!(readings("ish")[0], "い");
        assert_eq!(readings("ishi")[0], "いし");
        assert!(readings("c001").is_empty());
        assert!(readings("やまだ").is_empty());
        assert!(readings("xyz").is_empty());
    }

    #[test]
    fn half_width_katakana_widens_and_joins_its_voicing_marks() {
        assert_eq!(widen_katakana("ｲｼｲ"), "イシイ");
        assert_eq!(widen_katakana("ｸﾄﾞｳ"), "クドウ");
        assert_eq!(widen_katakana("ﾎﾟﾝ ｳﾞ"), "ポン ヴ");
        assert_eq!(widen_katakana("ﾞa"), "゛a");
        assert_eq!(widen('ｰ'), 'ー');
    }
}
