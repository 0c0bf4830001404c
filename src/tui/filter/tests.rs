//! The filter: folding, romaji, the incremental narrowing and the
//! prefolded text the loader prepares.

use super::*;
use ratatui::style::Modifier;

/// One match as the tests look at it.
#[derive(Debug)]
struct Match {
    /// The caller's index from the `(usize, String)` pair.
    index: usize,
    score: u32,
    /// Empty past the first `MARKED` (worked out when shown).
    indices: Vec<u32>,
    hit: Hit,
}

/// A filter over a list the test passes with each query, prepared again
/// only when the list changes (as the client list does when rebuilt), so
/// typing narrows as it does on screen.
struct F {
    f: Filter,
    list: Option<(Vec<(usize, String)>, bool)>,
}

impl F {
    fn new() -> F {
        F {
            f: Filter::new(),
            list: None,
        }
    }

    fn filter(&mut self, query: &str, items: &[(usize, String)]) -> Vec<Match> {
        self.run(query, items, false)
    }

    fn filter_folded(&mut self, query: &str, items: &[(usize, String)]) -> Vec<Match> {
        self.run(query, items, true)
    }

    fn run(&mut self, query: &str, items: &[(usize, String)], folded: bool) -> Vec<Match> {
        if self
            .list
            .as_ref()
            .is_none_or(|(l, f)| l != items || *f != folded)
        {
            if folded {
                self.f
                    .prepare_folded(items.iter().map(|(_, s)| (s.as_str(), usize::MAX)));
            } else {
                self.f.prepare(items.iter().map(|(_, s)| s.as_str()));
            }
            self.list = Some((items.to_vec(), folded));
        }
        let m = self.f.matches(query);
        m.hits
            .iter()
            .enumerate()
            .map(|(i, h)| Match {
                index: items[h.pos as usize].0,
                score: h.score,
                indices: m.marks.get(i).cloned().unwrap_or_default(),
                hit: *h,
            })
            .collect()
    }
}

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
    let mut f = F::new();
    let list = items(&["鈴木 花子 すずき はなこ C002", YAMADA]);
    let got = f.filter("やまだ", &list);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].index, 1);
    assert_eq!(matched(YAMADA, &got[0]), "やまだ");
    assert_eq!(got[0].indices, vec![6, 7, 8], "char indices, not bytes");
}

#[test]
fn external_id_matches_in_any_case_and_in_full_width() {
    let mut f = F::new();
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
    let mut f = F::new();
    let list = items(&["ヤマダ タロウ", "山田 太郎"]);
    assert_eq!(f.filter("やまだ", &list)[0].index, 0);
    let got = f.filter("山田", &list);
    assert_eq!((got.len(), got[0].index), (1, 1));
}

#[test]
fn romaji_and_half_width_katakana_find_the_furigana() {
    let mut f = F::new();
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
    let mut f = F::new();
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
    let mut f = F::new();
    let list = items(&["やまもと だいき", "やまだ たろう", "やまだ はなこ"]);
    let got = f.filter("やまだ", &list);
    let order: Vec<usize> = got.iter().map(|m| m.index).collect();
    assert_eq!(order, vec![1, 2, 0]);
    assert!(got[0].score > got[2].score);
    assert_eq!(got[0].score, got[1].score);
}

#[test]
fn every_word_of_the_query_must_match() {
    let mut f = F::new();
    let list = items(&[YAMADA, "山田 次郎 やまだ じろう C003"]);
    let got = f.filter("やまだ 佐藤", &list);
    assert_eq!(got.len(), 1);
    assert_eq!(matched(YAMADA, &got[0]), "やまだ佐藤");
    let got = f.filter("やまだ　佐藤", &list);
    assert_eq!(got.len(), 1, "an ideographic space separates words too");
}

#[test]
fn empty_query_keeps_everything_in_the_lists_order() {
    let mut f = F::new();
    // The list's own order (its sort), not the caller's numbers.
    let list = vec![(7, "b".to_string()), (3, "a".to_string())];
    let got = f.filter("  ", &list);
    assert_eq!(got.iter().map(|m| m.index).collect::<Vec<_>>(), vec![7, 3]);
}

#[test]
fn indices_refer_to_the_displayed_text_when_the_haystack_had_escapes() {
    let mut f = F::new();
    let hay = "山田\u{1b}[31m やまだ";
    let got = f.filter("やまだ", &items(&[hay]));
    assert_eq!(matched(&text::for_display(hay), &got[0]), "やまだ");
}

#[test]
fn joined_fields_map_matches_back_to_each_column() {
    let (hay, ranges) = join_fields(&["山田 太郎", "やまだ たろう", "C001"]);
    assert_eq!(hay, "山田 太郎 やまだ たろう C001");
    let mut f = F::new();
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
    let mut f = F::new();
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
    let mut fresh = F::new();
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
    let mut f = F::new();
    let first = items(&["やまだ", "すずき"]);
    assert_eq!(f.filter("や", &first).len(), 1);
    let second = items(&["すずき", "やまもと", "やまだ"]);
    let got = f.filter("やま", &second);
    assert_eq!(got.iter().map(|m| m.index).collect::<Vec<_>>(), vec![1, 2]);
}

#[test]
fn deleting_a_character_widens_the_search_again() {
    let mut f = F::new();
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
        let a = F::new().filter(&query, &raw);
        let b = F::new().filter_folded(&query, &folded);
        let key = |m: &Match| (m.index, m.score, m.indices.clone());
        proptest::prop_assert_eq!(
            a.iter().map(key).collect::<Vec<_>>(),
            b.iter().map(key).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_replaced_item_matches_as_a_fresh_list_would() {
    let items = |third: &str| -> Vec<(usize, String)> {
        ["やまだ たろう", "すずき はなこ", third, "たなか"]
            .iter()
            .enumerate()
            .map(|(i, s)| (i, fold_text(s)))
            .collect()
    };
    let mut kept = F::new();
    assert_eq!(
        kept.filter_folded("さとう", &items("さとう けんいち"))
            .len(),
        1
    );
    kept.f
        .replace_folded(2, &fold_text("ミライ セイキ"), usize::MAX);
    let after = items("ミライ セイキ");
    // The list the filter holds is now `after`, without a new prepare.
    kept.list = Some((after.clone(), true));
    for q in ["さとう", "みらい", "mirai", "た"] {
        let a: Vec<_> = kept
            .filter_folded(q, &after)
            .into_iter()
            .map(|m| (m.index, m.score, m.indices))
            .collect();
        let b: Vec<_> = F::new()
            .filter_folded(q, &after)
            .into_iter()
            .map(|m| (m.index, m.score, m.indices))
            .collect();
        assert_eq!(a, b, "{q}");
    }
}

#[test]
fn past_the_first_screens_the_highlight_is_worked_out_when_asked() {
    let items: Vec<(usize, String)> = (0..MARKED + 50)
        .map(|i| (i, fold_text(&format!("たなか {i:03}"))))
        .collect();
    let mut f = F::new();
    let matches = f.filter_folded("たなか", &items);
    assert_eq!(matches.len(), MARKED + 50);
    assert_eq!(matches[0].indices, vec![0, 1, 2]);
    let late = &matches[MARKED + 10];
    assert!(late.indices.is_empty(), "not worked out at once");
    assert_eq!(f.f.positions("たなか", late.hit), vec![0, 1, 2]);
    // Romaji: the reading that matched is the one asked for.
    let matches = f.filter_folded("tanaka", &items);
    let late = &matches[MARKED + 10];
    assert_eq!(f.f.positions("tanaka", late.hit), vec![0, 1, 2]);
}

/// Logins are romaji surnames: a plain word looks only in the client's
/// own text, a word after `@` only in the worker's login.
#[test]
fn a_login_matches_only_when_asked_for_with_an_at_sign() {
    let rows = [
        ("木村 陽子 きむら ようこ D00001 みらい製作所", "yamamoto"),
        ("山本 太郎 やまもと たろう D00002 ひかり商事", "tanaka"),
        ("佐藤 花子 さとう はなこ D00003 あおば工業", "yamamoto"),
        ("山本 花 やまもと はな D00004 そら運輸", "suzuki"),
    ];
    let hay: Vec<(String, usize)> = rows
        .iter()
        .map(|(own, login)| (fold_text(&format!("{own} {login}")), own.chars().count()))
        .collect();
    let mut f = Filter::new();
    f.prepare_folded(hay.iter().map(|(h, n)| (h.as_str(), *n)));
    let order = |f: &mut Filter, q: &str| -> Vec<u32> {
        let mut v: Vec<u32> = f.matches(q).hits.iter().map(|h| h.pos).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(
        order(&mut f, "yamamoto"),
        vec![1, 3],
        "the 山本 clients only"
    );
    assert_eq!(
        order(&mut f, "suzuki"),
        Vec::<u32>::new(),
        "a login alone finds no one"
    );
    assert_eq!(
        order(&mut f, "@yamamoto"),
        vec![0, 2],
        "the worker's clients"
    );
    assert_eq!(order(&mut f, "@yama"), vec![0, 2], "by the login's start");
    assert_eq!(order(&mut f, "@yamamoto さとう"), vec![2], "both at once");
    assert_eq!(order(&mut f, "さとう @yamamoto"), vec![2], "in any order");
    // Typed letter by letter (the narrowing path) the same: a bare `@`
    // keeps everyone until its first letter.
    assert_eq!(order(&mut f, "@"), vec![0, 1, 2, 3]);
    assert_eq!(order(&mut f, "@s"), vec![3]);
    assert_eq!(order(&mut f, "@su"), vec![3]);
    assert_eq!(order(&mut f, "@su やま"), vec![3]);
    // The full-width ＠ of an IME left on counts as @.
    assert_eq!(order(&mut f, "＠ｔａｎａｋａ"), vec![1]);
    // The login's letters are what is highlighted for an @ word.
    let m = f.matches("@tanaka");
    let own = rows[1].0.chars().count() as u32;
    assert_eq!(m.marks[0], (own + 1..own + 7).collect::<Vec<u32>>());
}
