//! Fuzzy filtering of the client list as the case worker types.
//!
//! Matching uses nucleo-matcher (`Config::DEFAULT` scoring), case-insensitive
//! and with Latin normalization. nucleo knows nothing of Japanese scripts,
//! so query and haystack are folded one character to one character:
//! katakana to hiragana, full-width ASCII to ASCII, the ideographic space to
//! a space, then nucleo's own normalization and lower-casing. A query typed
//! in either kana finds the other, and `Ｃ００１` typed with the IME still on
//! finds `C001`. Folding is done once per list (cached), not in nucleo's
//! inner loop, which halves the time per keystroke for Japanese text.
//! Because folding never changes the number of characters, match indices
//! are char indices into the displayed text (`text::for_display`).
//! The query alone may change length: half-width katakana is widened
//! (ｸﾄﾞｳ → クドウ) and a romaji word is also tried as hiragana
//! (`ishii`, `isii` → いしい; see `romaji`), the best reading scoring.

use std::ops::Range;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, chars};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::romaji;
use crate::text;

/// One item that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The caller's index from the `(usize, String)` pair.
    pub index: usize,
    pub score: u32,
    /// Matched char indices into `text::for_display(haystack)`, ascending.
    pub indices: Vec<u32>,
}

/// A matcher and its buffers, kept between keystrokes. The folded
/// haystacks are cached while the item list stays the same, and when the
/// new query only adds to the previous one (the usual case: one more
/// character typed), only the previous matches are searched again.
pub struct Filter {
    matcher: Matcher,
    cache: Cache,
    /// The previous folded query's readings and the positions (in
    /// `items`) they matched.
    last: Option<(Vec<String>, Vec<usize>)>,
    indices: Vec<u32>,
}

#[derive(Default)]
struct Cache {
    /// A copy of the caller's items, to notice when they change.
    items: Vec<(usize, String)>,
    /// Folded chars of every item, concatenated; `bytes` holds the same
    /// text as bytes for the all-ASCII items (nucleo's fast path).
    chars: Vec<char>,
    bytes: Vec<u8>,
    /// Per item: start, end in `chars`/`bytes`, and whether it is ASCII.
    spans: Vec<(usize, usize, bool)>,
}

impl Cache {
    /// `folded`: the items' text is folded already (`fold_text`, done by
    /// the loader off the UI thread): only copied, so the first key after
    /// a reload costs no more than the next.
    fn refresh(&mut self, items: &[(usize, String)], folded: bool) -> bool {
        if self.items.as_slice() == items {
            return false;
        }
        self.items = items.to_vec();
        self.chars.clear();
        self.bytes.clear();
        self.spans.clear();
        for (_, hay) in items {
            let start = self.chars.len();
            if folded {
                self.chars.extend(hay.chars());
            } else {
                self.chars.extend(text::for_display(hay).chars().map(fold));
            }
            let end = self.chars.len();
            let ascii = self.chars[start..].iter().all(char::is_ascii);
            let fill = |c: &char| if ascii { *c as u8 } else { 0 };
            self.bytes.extend(self.chars[start..].iter().map(fill));
            self.spans.push((start, end, ascii));
        }
        true
    }

    fn haystack(&self, pos: usize) -> Utf32Str<'_> {
        let (start, end, ascii) = self.spans[pos];
        if ascii {
            Utf32Str::Ascii(&self.bytes[start..end])
        } else {
            Utf32Str::Unicode(&self.chars[start..end])
        }
    }
}

impl Default for Filter {
    fn default() -> Self {
        Filter::new()
    }
}

impl Filter {
    pub fn new() -> Filter {
        Filter {
            matcher: Matcher::new(Config::DEFAULT),
            cache: Cache::default(),
            last: None,
            indices: Vec::new(),
        }
    }

    /// Items matching `query`, best first (ties by index). An empty query
    /// matches everything, in index order. Words separated by spaces must
    /// all match, in any order.
    #[cfg(test)]
    pub fn filter(&mut self, query: &str, items: &[(usize, String)]) -> Vec<Match> {
        self.run(query, items, false)
    }

    /// `filter` over items whose text went through `fold_text` already.
    pub fn filter_folded(&mut self, query: &str, items: &[(usize, String)]) -> Vec<Match> {
        self.run(query, items, true)
    }

    fn run(&mut self, query: &str, items: &[(usize, String)], folded: bool) -> Vec<Match> {
        if self.cache.refresh(items, folded) {
            self.last = None;
        }
        let variants = query_variants(query);
        // A query whose every reading extends the previous one's can only
        // match a subset of what it matched (unless one ended in an escape).
        let candidates: Vec<usize> = match self.last.take() {
            Some((prev, matched))
                if prev.len() == variants.len()
                    && prev
                        .iter()
                        .zip(&variants)
                        .all(|(p, v)| v.starts_with(p.as_str()) && !p.ends_with('\\')) =>
            {
                matched
            }
            _ => (0..items.len()).collect(),
        };
        // Case and normalization were already folded on both sides.
        let patterns: Vec<Pattern> = variants
            .iter()
            .map(|v| {
                Pattern::new(
                    v,
                    CaseMatching::Respect,
                    Normalization::Never,
                    AtomKind::Fuzzy,
                )
            })
            .collect();
        let mut out = Vec::new();
        let mut matched = Vec::new();
        for pos in candidates {
            // The best-scoring reading of the query wins.
            let mut best: Option<(u32, Vec<u32>)> = None;
            for pattern in &patterns {
                self.indices.clear();
                let hay = self.cache.haystack(pos);
                let Some(score) = pattern.indices(hay, &mut self.matcher, &mut self.indices) else {
                    continue;
                };
                if best.as_ref().is_none_or(|(b, _)| score > *b) {
                    // Several words each add their indices; highlight wants a set.
                    self.indices.sort_unstable();
                    self.indices.dedup();
                    best = Some((score, self.indices.clone()));
                }
            }
            let Some((score, indices)) = best else {
                continue;
            };
            matched.push(pos);
            out.push(Match {
                index: items[pos].0,
                score,
                indices,
            });
        }
        self.last = Some((variants, matched));
        out.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        out
    }
}

/// The folded query, then (when some word is romaji) the same query with
/// each romaji word read as hiragana: as written, then without long
/// vowels. Half-width katakana is widened first, voicing marks joined.
fn query_variants(query: &str) -> Vec<String> {
    let wide = romaji::widen_katakana(&text::for_display(query));
    let folded: String = wide.chars().map(fold).collect();
    let words: Vec<(&str, Vec<String>)> = folded
        .split(' ')
        .map(|w| (w, romaji::readings(w)))
        .collect();
    let mut out = vec![folded.clone()];
    for k in 0..2 {
        let read: Vec<&str> = words
            .iter()
            .map(|(w, r)| r.get(k).or(r.last()).map_or(*w, String::as_str))
            .collect();
        let joined = read.join(" ");
        if !out.contains(&joined) {
            out.push(joined);
        }
    }
    out
}

/// A haystack as the filter compares it (made safe to show, then folded
/// one character to one character, so match positions are positions in
/// the original). Done where the list's rows are built.
pub(crate) fn fold_text(s: &str) -> String {
    text::for_display(s).chars().map(fold).collect()
}

/// One character to one character, so indices stay valid.
fn fold(c: char) -> char {
    chars::to_lower_case(chars::normalize(fold_japanese(c)))
}

fn fold_japanese(c: char) -> char {
    let c = romaji::widen(c);
    let shifted = match c {
        // katakana ァ..ヶ and ヽヾ to hiragana
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => char::from_u32(c as u32 - 0x60),
        // full-width ！..～ to ASCII
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    };
    shifted.unwrap_or(c)
}

/// Join the fields a person is searched by (name, ふりがな, id, employer,
/// staff) into one haystack, each sanitized for display, and return where
/// each field lies (char ranges), so a match can be highlighted per column.
pub fn join_fields(fields: &[&str]) -> (String, Vec<Range<u32>>) {
    let mut out = String::new();
    let mut ranges = Vec::with_capacity(fields.len());
    let mut pos = 0u32;
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(' ');
            pos += 1;
        }
        let shown = text::for_display(f);
        let n = shown.chars().count() as u32;
        out.push_str(&shown);
        ranges.push(pos..pos + n);
        pos += n;
    }
    (out, ranges)
}

/// The match indices that fall in `range`, relative to its start.
pub fn indices_in(indices: &[u32], range: &Range<u32>) -> Vec<u32> {
    indices
        .iter()
        .filter(|i| range.contains(i))
        .map(|i| i - range.start)
        .collect()
}

/// `s` (sanitized for display) as spans, the chars at `indices` (char
/// indices, any order) in `highlight` style, the rest in `base`, cut to
/// `cols` display columns (ending with `…` when cut) and padded with
/// spaces to exactly `cols`, for table cells.
pub fn highlight_fit(
    s: &str,
    indices: &[u32],
    cols: usize,
    base: Style,
    highlight: Style,
) -> Line<'static> {
    spans(s, indices, base, highlight, Some(cols))
}

fn spans(s: &str, indices: &[u32], base: Style, hl: Style, cols: Option<usize>) -> Line<'static> {
    let shown = text::for_display(s);
    let mut marked = indices.to_vec();
    marked.sort_unstable();
    marked.dedup();
    // When cutting, leave one column for the ellipsis.
    let limit = cols.map(|c| {
        if text::width(&shown) <= c {
            c
        } else {
            c.saturating_sub(1)
        }
    });
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut used = 0usize;
    let mut next = marked.iter().peekable();
    for (i, c) in shown.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if limit.is_some_and(|l| used + w > l) {
            break;
        }
        used += w;
        while next.next_if(|&&m| (m as usize) < i).is_some() {}
        let is_hl = next.peek().is_some_and(|&&m| m as usize == i);
        if is_hl != run_hl && !run.is_empty() {
            out.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { hl } else { base },
            ));
        }
        run_hl = is_hl;
        run.push(c);
    }
    if !run.is_empty() {
        out.push(Span::styled(run, if run_hl { hl } else { base }));
    }
    if let Some(c) = cols {
        if text::width(&shown) > c && c > 0 {
            out.push(Span::styled("…", base));
            used += 1;
        }
        if used < c {
            out.push(Span::styled(" ".repeat(c - used), base));
        }
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn items(list: &[&str]) -> Vec<(usize, String)> {
        list.iter()
            .enumerate()
            .map(|(i, s)| (i, s.to_string()))
            .collect()
    }

    fn matched(hay: &str, m: &Match) -> String {
        let chars: Vec<char> = hay.chars().collect();
        m.indices.iter().map(|&i| chars[i as usize]).collect()
    }

    const YAMADA: &str = "山田 太郎 やまだ たろう C001 株式会社みどり 佐藤";

    #[test]
    fn kana_query_finds_the_furigana_and_points_at_its_chars() {
        let mut f = Filter::new();
        let list = items(&["鈴木 花子 すずき はなこ C002", YAMADA]);
        let got = f.filter("やまだ", &list);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].index, 1);
        assert_eq!(matched(YAMADA, &got[0]), "やまだ");
        assert_eq!(got[0].indices, vec![6, 7, 8], "char indices, not bytes");
    }

    #[test]
    fn external_id_matches_in_any_case_and_in_full_width() {
        let mut f = Filter::new();
        let list = items(&[YAMADA, "鈴木 花子 すずき はなこ C002"]);
        for q in ["C001", "c001", "Ｃ００１"] {
            let got = f.filter(q, &list);
            assert_eq!(
                got.iter().map(|m| m.index).collect::<Vec<_>>(),
                vec![0],
                "{q}"
            );
            assert_eq!(matched(YAMADA, &got[0]), "C001", "{q}");
        }
    }

    #[test]
    fn hiragana_query_finds_katakana_and_kanji_query_finds_kanji() {
        let mut f = Filter::new();
        let list = items(&["ヤマダ タロウ", "山田 太郎"]);
        assert_eq!(f.filter("やまだ", &list)[0].index, 0);
        let got = f.filter("山田", &list);
        assert_eq!((got.len(), got[0].index), (1, 1));
    }

    #[test]
    fn romaji_and_half_width_katakana_find_the_furigana() {
        let mut f = Filter::new();
        let list = items(&[
            YAMADA,
            "石井 一郎 いしい いちろう C010",
            "工藤 健 くどう けん C011",
        ]);
        for (q, want) in [
            ("yamada", 0),
            ("ishii", 1),
            ("isii", 1),
            ("ｲｼｲ", 1),
            ("kudou", 2),
            ("kudō", 2),
            ("kudoh", 2),
            ("ｸﾄﾞｳ", 2),
            ("ishii c010", 1),
        ] {
            let got = f.filter(q, &list);
            assert_eq!(
                got.iter().map(|m| m.index).collect::<Vec<_>>(),
                vec![want],
                "{q}"
            );
        }
        let hay = &list[1].1;
        assert_eq!(matched(hay, &f.filter("ishii", &list)[0]), "いしい");
    }

    #[test]
    fn typing_romaji_letter_by_letter_never_loses_the_client() {
        let mut f = Filter::new();
        let list = items(&["かんの ゆう", "かな えみ", "いしい いちろう"]);
        // A lone consonant reads as nothing yet; from the first syllable on
        // the client stays in the list.
        for k in 2..="kana".len() {
            let got = f.filter(&"kana"[..k], &list);
            assert!(got.iter().any(|m| m.index == 1), "{}", &"kana"[..k]);
        }
        for k in 1..="ishii".len() {
            let got = f.filter(&"ishii"[..k], &list);
            assert!(got.iter().any(|m| m.index == 2), "{}", &"ishii"[..k]);
        }
    }

    #[test]
    fn closer_matches_rank_first_and_ties_keep_list_order() {
        let mut f = Filter::new();
        let list = items(&["やまもと だいき", "やまだ たろう", "やまだ はなこ"]);
        let got = f.filter("やまだ", &list);
        let order: Vec<usize> = got.iter().map(|m| m.index).collect();
        assert_eq!(order, vec![1, 2, 0]);
        assert!(got[0].score > got[2].score);
        assert_eq!(got[0].score, got[1].score);
    }

    #[test]
    fn every_word_of_the_query_must_match() {
        let mut f = Filter::new();
        let list = items(&[YAMADA, "山田 次郎 やまだ じろう C003"]);
        let got = f.filter("やまだ 佐藤", &list);
        assert_eq!(got.len(), 1);
        assert_eq!(matched(YAMADA, &got[0]), "やまだ佐藤");
        let got = f.filter("やまだ　佐藤", &list);
        assert_eq!(got.len(), 1, "an ideographic space separates words too");
    }

    #[test]
    fn empty_query_keeps_everything_in_order() {
        let mut f = Filter::new();
        let list = vec![(7, "b".to_string()), (3, "a".to_string())];
        let got = f.filter("  ", &list);
        assert_eq!(got.iter().map(|m| m.index).collect::<Vec<_>>(), vec![3, 7]);
    }

    #[test]
    fn indices_refer_to_the_displayed_text_when_the_haystack_had_escapes() {
        let mut f = Filter::new();
        let hay = "山田\u{1b}[31m やまだ";
        let got = f.filter("やまだ", &items(&[hay]));
        assert_eq!(matched(&text::for_display(hay), &got[0]), "やまだ");
    }

    #[test]
    fn joined_fields_map_matches_back_to_each_column() {
        let (hay, ranges) = join_fields(&["山田 太郎", "やまだ たろう", "C001"]);
        assert_eq!(hay, "山田 太郎 やまだ たろう C001");
        let mut f = Filter::new();
        let m = &f.filter("たろう c0", &items(&[&hay]))[0];
        assert_eq!(indices_in(&m.indices, &ranges[0]), Vec::<u32>::new());
        assert_eq!(indices_in(&m.indices, &ranges[1]), vec![4, 5, 6]);
        assert_eq!(indices_in(&m.indices, &ranges[2]), vec![0, 1]);
    }

    fn hl() -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    fn parts(line: &Line<'_>) -> Vec<(String, bool)> {
        line.spans
            .iter()
            .map(|s| (s.content.to_string(), s.style == hl()))
            .collect()
    }

    #[test]
    fn highlight_marks_matched_japanese_chars_and_drops_escapes() {
        // 山田 やまだ: eleven columns, so nothing is cut or padded.
        let line = highlight_fit(
            "山田\u{1b}[2J やまだ",
            &[8, 4, 3],
            11,
            Style::default(),
            hl(),
        );
        assert_eq!(
            parts(&line),
            vec![
                ("山田 ".to_string(), false),
                ("やま".to_string(), true),
                ("だ".to_string(), false)
            ]
        );
    }

    #[test]
    fn highlight_fit_cuts_by_display_width_and_pads() {
        let line = highlight_fit("やまだ たろう", &[0, 1], 7, Style::default(), hl());
        assert_eq!(
            parts(&line),
            vec![
                ("やま".to_string(), true),
                ("だ".to_string(), false),
                ("…".to_string(), false)
            ]
        );
        assert_eq!(line.width(), 7);
        let short = highlight_fit("C001", &[0], 6, Style::default(), hl());
        assert_eq!(short.width(), 6);
        assert_eq!(parts(&short)[0], ("C".to_string(), true));
    }

    #[test]
    fn ten_thousand_clients_filter_within_one_frame() {
        const FAMILY: &[(&str, &str)] = &[
            ("山田", "やまだ"),
            ("鈴木", "すずき"),
            ("佐藤", "さとう"),
            ("高橋", "たかはし"),
            ("田中", "たなか"),
            ("伊藤", "いとう"),
            ("渡辺", "わたなべ"),
            ("山本", "やまもと"),
        ];
        const GIVEN: &[(&str, &str)] = &[
            ("太郎", "たろう"),
            ("花子", "はなこ"),
            ("一郎", "いちろう"),
            ("美咲", "みさき"),
            ("健", "けん"),
        ];
        let list: Vec<(usize, String)> = (0..10_000)
            .map(|i| {
                let (f, fk) = FAMILY[i % FAMILY.len()];
                let (g, gk) = GIVEN[(i / 7) % GIVEN.len()];
                let name = format!("{f} {g}");
                let kana = format!("{fk} {gk}");
                let id = format!("C{i:05}");
                let employer = format!("株式会社みどり{}", i % 97);
                (i, join_fields(&[&name, &kana, &id, &employer, "佐藤"]).0)
            })
            .collect();
        let mut f = Filter::new();
        f.filter("", &list);
        // The worst keystroke while typing, and a whole query pasted at once.
        let mut worst = std::time::Duration::ZERO;
        let query = "やまだ たろう c0";
        for k in 1..=query.chars().count() {
            let typed: String = query.chars().take(k).collect();
            let start = std::time::Instant::now();
            f.filter(&typed, &list);
            worst = worst.max(start.elapsed());
        }
        // Romaji is tried in up to three readings: still within a frame.
        let romaji = "yamada tarou";
        for k in 1..=romaji.len() {
            let start = std::time::Instant::now();
            f.filter(&romaji[..k], &list);
            worst = worst.max(start.elapsed());
        }
        assert!(f.filter(romaji, &list).iter().any(|m| m.index == 0));
        let mut fresh = Filter::new();
        fresh.filter("", &list);
        let start = std::time::Instant::now();
        let got = fresh.filter(query, &list);
        let pasted = start.elapsed();
        assert!(got.iter().any(|m| m.index == 0));
        // The budget is for release builds; debug builds are several times slower.
        let budget = if cfg!(debug_assertions) { 160 } else { 16 };
        eprintln!("filter 10k: worst keystroke {worst:?}, pasted query {pasted:?}");
        assert!(worst.as_millis() < budget, "worst keystroke {worst:?}");
        assert!(pasted.as_millis() < budget, "pasted query {pasted:?}");
    }

    #[test]
    fn a_changed_list_is_searched_afresh_not_narrowed() {
        let mut f = Filter::new();
        let first = items(&["やまだ", "すずき"]);
        assert_eq!(f.filter("や", &first).len(), 1);
        let second = items(&["すずき", "やまもと", "やまだ"]);
        let got = f.filter("やま", &second);
        assert_eq!(got.iter().map(|m| m.index).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn deleting_a_character_widens_the_search_again() {
        let mut f = Filter::new();
        let list = items(&["やまだ", "やまもと"]);
        assert_eq!(f.filter("やまだ", &list).len(), 1);
        assert_eq!(f.filter("やま", &list).len(), 2);
    }

    proptest::proptest! {
        /// Folding in the loader finds exactly what folding on the first
        /// key found: the same rows, scores and highlighted positions.
        #[test]
        fn prefolded_text_matches_as_the_raw_text_does(
            hays in proptest::collection::vec("[a-zA-Zａ-ｚアイウカキクｱｲｳｶｷいうかき山田 0-9Ｃ-]{0,12}", 1..8),
            query in "[a-zａ-ｚアイカｱｲいか山 ]{1,4}",
        ) {
            let raw: Vec<(usize, String)> = hays.iter().cloned().enumerate().collect();
            let folded: Vec<(usize, String)> =
                raw.iter().map(|(i, h)| (*i, fold_text(h))).collect();
            let a = Filter::new().filter(&query, &raw);
            let b = Filter::new().filter_folded(&query, &folded);
            let key = |m: &Match| (m.index, m.score, m.indices.clone());
            proptest::prop_assert_eq!(
                a.iter().map(key).collect::<Vec<_>>(),
                b.iter().map(key).collect::<Vec<_>>()
            );
        }
    }
}
