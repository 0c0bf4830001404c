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
//!
//! An item's text may end in a secondary part (the client's worker's
//! login), matched only when asked for: a word typed after `@` (`@tanaka`)
//! must be in it, every other word is looked for in the item's own part.
//! Logins are romaji surnames, so matching them unasked had `/yamamoto`
//! list the worker yamamoto's 36 clients around the six 山本 (read
//! やまもと) the person was looking for.

use std::ops::Range;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, chars};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::romaji;
use crate::text;

/// One item that matched: 16 bytes, so a first key matching most of the
/// office sorts and keeps little.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// The item's position in what was prepared.
    pub pos: u32,
    pub score: u32,
    /// Which reading of the query matched best (for `positions`).
    pub reading: u32,
}

/// The matches of one query, best first (ties in item order), and the
/// highlights of the first `MARKED` of them.
#[derive(Debug, Default)]
pub(crate) struct Matches {
    pub hits: Vec<Hit>,
    /// Matched char indices into `text::for_display(haystack)`, ascending,
    /// for `hits[..MARKED]`; the rest: `Filter::positions` when shown.
    pub marks: Vec<Vec<u32>>,
}

/// Matches whose highlight is worked out at once: more than a screen
/// shows. The rest get theirs when scrolled to (`Filter::positions`).
pub(crate) const MARKED: usize = 200;

/// A matcher, the folded text of the items it filters, and what the
/// previous query matched. When the new query only adds to the previous
/// one (the usual case: one more character typed), only the previous
/// matches are searched again.
pub(crate) struct Filter {
    matcher: Matcher,
    text: Text,
    /// The previous query and the positions it matched.
    last: Option<(Query, Vec<u32>)>,
    indices: Vec<u32>,
}

/// The items' folded text, concatenated once (no copy per item).
#[derive(Default)]
struct Text {
    /// Folded chars of every item; `bytes` holds the same text as bytes
    /// for the all-ASCII items (nucleo's fast path).
    chars: Vec<char>,
    bytes: Vec<u8>,
    /// Per item: start, end in `chars`/`bytes`, whether it is ASCII, and
    /// where its own part ends (the secondary part follows).
    spans: Vec<ItemSpan>,
}

/// Where one item's text lies in the buffers.
#[derive(Debug, Clone, Copy)]
struct ItemSpan {
    start: usize,
    end: usize,
    ascii: bool,
    own_end: usize,
}

impl Text {
    /// Append `hay` (already folded), whose first `own` chars are its own
    /// part, and return its span.
    fn push(&mut self, hay: impl Iterator<Item = char>, own: usize) -> ItemSpan {
        let start = self.chars.len();
        self.chars.extend(hay);
        let end = self.chars.len();
        let ascii = self.chars[start..].iter().all(char::is_ascii);
        let fill = |c: &char| if ascii { *c as u8 } else { 0 };
        self.bytes.extend(self.chars[start..].iter().map(fill));
        let own_end = start + own.min(end - start);
        ItemSpan {
            start,
            end,
            ascii,
            own_end,
        }
    }

    /// Item `pos`'s own part (its whole text when it has no other).
    fn own_part(&self, pos: usize) -> Utf32Str<'_> {
        let s = self.spans[pos];
        self.slice(s.start, s.own_end, s.ascii)
    }

    /// Whether item `pos`'s secondary part contains `word` (folded).
    fn secondary_has(&self, pos: usize, word: &[char]) -> bool {
        let s = self.spans[pos];
        // A bare `@` (the next letter not typed yet) asks for nothing.
        word.is_empty()
            || self.chars[s.own_end..s.end]
                .windows(word.len())
                .any(|w| w == word)
    }

    /// Where each of `words` lies in item `pos`'s secondary part, as char
    /// indices into its whole text.
    fn secondary_indices(&self, pos: usize, words: &[Vec<char>]) -> Vec<u32> {
        let s = self.spans[pos];
        let part = &self.chars[s.own_end..s.end];
        let mut out = Vec::new();
        for word in words.iter().filter(|w| !w.is_empty()) {
            if let Some(at) = part.windows(word.len()).position(|w| w == word.as_slice()) {
                let from = (s.own_end - s.start + at) as u32;
                out.extend(from..from + word.len() as u32);
            }
        }
        out
    }

    fn slice(&self, start: usize, end: usize, ascii: bool) -> Utf32Str<'_> {
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
    pub(crate) fn new() -> Filter {
        Filter {
            matcher: Matcher::new(Config::DEFAULT),
            text: Text::default(),
            last: None,
            indices: Vec::new(),
        }
    }

    /// The items to filter from now on, in order, their text already
    /// folded (`fold_text`, done by the loader off the UI thread). Set up
    /// when the list is rebuilt, so the first key costs no more than
    /// scanning them.
    /// Each item comes with the length (chars) of its own part: the rest
    /// is secondary (`usize::MAX`: all its own).
    pub(crate) fn prepare_folded<'a>(&mut self, items: impl IntoIterator<Item = (&'a str, usize)>) {
        self.text.chars.clear();
        self.text.bytes.clear();
        self.text.spans.clear();
        for (hay, own) in items {
            let span = self.text.push(hay.chars(), own);
            self.text.spans.push(span);
        }
        self.last = None;
    }

    /// `prepare_folded` for text not folded yet.
    #[cfg(test)]
    pub(crate) fn prepare<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) {
        let folded: Vec<String> = items.into_iter().map(fold_text).collect();
        self.prepare_folded(folded.iter().map(|s| (s.as_str(), usize::MAX)));
    }

    /// Item `pos` now reads `hay` (folded): one client changed, the rest
    /// of the text stays. Its text goes at the end of the buffers and the
    /// item points there (the old text stays unused until the next
    /// `prepare_folded`).
    pub(crate) fn replace_folded(&mut self, pos: usize, hay: &str, own: usize) {
        if pos >= self.text.spans.len() {
            return;
        }
        let span = self.text.push(hay.chars(), own);
        self.text.spans[pos] = span;
        self.last = None;
    }

    /// The prepared items matching `query`, best first (ties in item
    /// order). An empty query matches everything, in order. Words
    /// separated by spaces must all match, in any order; a word after `@`
    /// in the secondary part (the worker's login), the others in the
    /// item's own part.
    pub(crate) fn matches(&mut self, query: &str) -> Matches {
        let q = Query::parse(query);
        // A query whose every reading extends the previous one's can only
        // match a subset of what it matched (unless one ended in an escape).
        let candidates: Vec<u32> = match self.last.take() {
            Some((prev, matched)) if q.narrows(&prev) => matched,
            _ => (0..self.text.spans.len() as u32).collect(),
        };
        // Case and normalization were already folded on both sides.
        let patterns: Vec<Pattern> = q.readings.iter().map(|v| pattern(v)).collect();
        let mut hits = Vec::new();
        for pos in candidates {
            let pos_u = pos as usize;
            if !q.staff.iter().all(|w| self.text.secondary_has(pos_u, w)) {
                continue;
            }
            // The best-scoring reading of the query wins. Scores only: the
            // positions are worked out below for what can be shown.
            let hit = if q.own_empty() {
                Some(Hit {
                    pos: 0,
                    score: 0,
                    reading: 0,
                })
            } else {
                best_reading(&patterns, self.text.own_part(pos_u), &mut self.matcher)
            };
            hits.extend(hit.map(|h| Hit { pos, ..h }));
        }
        // Positions are unique: an unstable sort gives the same order.
        hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.pos));
        let mut marks = Vec::with_capacity(hits.len().min(MARKED));
        for h in hits.iter().take(MARKED) {
            marks.push(self.marks_of(&q, &patterns, *h));
        }
        self.last = Some((q, hits.iter().map(|h| h.pos).collect()));
        Matches { hits, marks }
    }

    /// The highlight of `hit` (one past the first `MARKED`) of `query`,
    /// over the items last filtered.
    pub(crate) fn positions(&mut self, query: &str, hit: Hit) -> Vec<u32> {
        let q = Query::parse(query);
        let patterns: Vec<Pattern> = q.readings.iter().map(|v| pattern(v)).collect();
        self.marks_of(&q, &patterns, hit)
    }

    /// The matched char indices of `hit`: the reading that matched in the
    /// own part, the `@` words in the secondary part; ascending, unique.
    fn marks_of(&mut self, q: &Query, patterns: &[Pattern], hit: Hit) -> Vec<u32> {
        let pos = hit.pos as usize;
        let mut out = match patterns.get(hit.reading as usize) {
            Some(p) if !q.own_empty() => self.indices_with(p, pos),
            _ => Vec::new(),
        };
        out.extend(self.text.secondary_indices(pos, &q.staff));
        out.sort_unstable();
        out.dedup();
        out
    }

    fn indices_with(&mut self, pattern: &Pattern, pos: usize) -> Vec<u32> {
        self.indices.clear();
        let hay = self.text.own_part(pos);
        if pattern
            .indices(hay, &mut self.matcher, &mut self.indices)
            .is_none()
        {
            return Vec::new();
        }
        self.indices.clone()
    }
}

/// A query as typed, folded and split: the readings of the words for the
/// item's own part, and the `@` words for its secondary part.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Query {
    readings: Vec<String>,
    staff: Vec<Vec<char>>,
}

impl Query {
    fn parse(query: &str) -> Query {
        let wide = romaji::widen_katakana(&text::for_display(query));
        let folded: String = wide.chars().map(fold).collect();
        let mut own = Vec::new();
        let mut staff = Vec::new();
        for w in folded.split(' ') {
            match w.strip_prefix('@') {
                Some(login) => staff.push(login.chars().collect()),
                None => own.push(w),
            }
        }
        Query {
            readings: query_variants(&own.join(" ")),
            staff,
        }
    }

    /// Nothing to look for in the own part (only `@` words, or nothing).
    fn own_empty(&self) -> bool {
        self.readings.first().is_none_or(|r| r.trim().is_empty())
    }

    /// Whether every item this query matches was matched by `prev`: each
    /// reading and each `@` word extends the previous one's.
    fn narrows(&self, prev: &Query) -> bool {
        prev.readings.len() == self.readings.len()
            && prev
                .readings
                .iter()
                .zip(&self.readings)
                .all(|(p, v)| v.starts_with(p.as_str()) && !p.ends_with('\\'))
            && prev.staff.len() == self.staff.len()
            && prev
                .staff
                .iter()
                .zip(&self.staff)
                .all(|(p, v)| v.starts_with(p))
    }
}

/// The best-scoring reading of the query in `hay` (position not set), if
/// any matches.
fn best_reading(patterns: &[Pattern], hay: Utf32Str<'_>, matcher: &mut Matcher) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    for (k, pattern) in patterns.iter().enumerate() {
        let Some(score) = pattern.score(hay, matcher) else {
            continue;
        };
        if best.is_none_or(|b| score > b.score) {
            best = Some(Hit {
                pos: 0,
                score,
                reading: k as u32,
            });
        }
    }
    best
}

/// One reading of the query as nucleo matches it (both sides folded).
fn pattern(v: &str) -> Pattern {
    Pattern::new(
        v,
        CaseMatching::Respect,
        Normalization::Never,
        AtomKind::Fuzzy,
    )
}

/// The folded query, then (when some word is romaji) the same query with
/// each romaji word read as hiragana: as written, then without long
/// vowels. (Half-width katakana was widened, voicing marks joined, before
/// folding: `Query::parse`.)
fn query_variants(folded: &str) -> Vec<String> {
    let words: Vec<(&str, Vec<String>)> = folded
        .split(' ')
        .map(|w| (w, romaji::readings(w)))
        .collect();
    let mut out = vec![folded.to_string()];
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
pub(crate) fn join_fields(fields: &[&str]) -> (String, Vec<Range<u32>>) {
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
pub(crate) fn indices_in(indices: &[u32], range: &Range<u32>) -> Vec<u32> {
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
pub(crate) fn highlight_fit(
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
mod tests;
