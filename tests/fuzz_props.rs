//! Bounded fuzzing (a few hundred cases per property, so `cargo test` stays
//! quick): what a person types as a date, and a file given to import, never
//! crash the program; whatever is accepted is what was meant, and whatever
//! is refused is refused in Japanese, by field.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use serde_json::{Value, json};
use teichaku::date_input::parse_date_input;
use teichaku::interchange::{self, Problem};
use teichaku::wareki;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Reference days from 2000 to 2099.
fn today() -> impl Strategy<Value = NaiveDate> {
    (0i64..36_500).prop_map(|n| ymd(2000, 1, 1) + chrono::Duration::days(n))
}

// ---------------------------------------------------------------- dates

/// Pieces of what people type for a date, full-width and 和暦 included,
/// and a few that are not part of any date.
fn date_piece() -> impl Strategy<Value = String> {
    let pieces = [
        "0",
        "1",
        "2",
        "3",
        "4",
        "5",
        "9",
        "12",
        "29",
        "30",
        "31",
        "2026",
        "1868",
        "0000",
        "99999",
        "０",
        "１",
        "２",
        "９",
        "２０２６",
        "-",
        "/",
        ".",
        "年",
        "月",
        "日",
        "・",
        "ー",
        "。",
        "／",
        "R",
        "H",
        "S",
        "T",
        "M",
        "r",
        "x",
        "令和",
        "平成",
        "昭和",
        "大正",
        "明治",
        "元",
        "㋿",
        "+",
        "d",
        "w",
        "m",
        "y",
        "週",
        "か月",
        "ヶ月",
        " ",
        "　",
        "今日",
        "明日",
        "昨日",
        "today",
        ":",
        "\u{1b}",
        "\u{200b}",
        "\u{0}",
        "é",
        "😀",
    ];
    prop::sample::select(pieces.to_vec()).prop_map(str::to_string)
}

fn date_like() -> impl Strategy<Value = String> {
    prop::collection::vec(date_piece(), 0..10).prop_map(|v| v.concat())
}

/// Numbers far outside the calendar, as offsets, years and era years.
fn huge() -> impl Strategy<Value = String> {
    let digits = "[1-9][0-9]{5,30}";
    prop_oneof![
        (
            prop::sample::select(vec!["+", "-", "＋"]),
            digits,
            prop::sample::select(vec!["d", "w", "m", "y", "日", "か月"])
        )
            .prop_map(|(s, n, u)| format!("{s}{n}{u}")),
        (digits, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| format!("{y}-{m}-{d}")),
        (prop::sample::select(vec!["R", "令和", "H", "明治"]), digits)
            .prop_map(|(e, n)| format!("{e}{n}.1.1")),
    ]
}

/// Anything a person could type or paste into a date field.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "\\PC{0,12}", date_like(), huge()]
}

/// Full-width to ASCII, spaces dropped, lower case: enough to see which
/// form an input was written in.
fn folded(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => None,
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            c => Some(c.to_ascii_lowercase()),
        })
        .collect()
}

/// The input spelt the date out: an offset in days, weeks, months or
/// years; a four-digit year that is the date's; or an era and its year.
/// A word (今日) or a month and day (4/30) always lies within a year of
/// today, so it never explains a day outside the plausible range.
fn names_a_far_day(input: &str, d: NaiveDate, today: NaiveDate) -> bool {
    let f = folded(input);
    let year: String = f.chars().take_while(char::is_ascii_digit).collect();
    match f.chars().next() {
        Some('+') => d > today,
        Some('-' | 'ー' | 'ｰ' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−') => {
            d < today
        }
        Some(c) if c.is_ascii_digit() => year.len() == 4 && year.parse() == Ok(d.year()),
        _ => {
            wareki::ERAS
                .iter()
                .any(|e| f.starts_with(e.name) || f.starts_with(e.letter.to_ascii_lowercase()))
                || f.starts_with(['㋿', '㍻', '㍼', '㍽', '㍾'])
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// Never a panic; an accepted input is a day that reads back the same
    /// from its ISO and 和暦 forms, and a day outside 1900 to ten years
    /// ahead only when the input spelt that day out.
    #[test]
    fn a_typed_date_is_read_as_meant_or_refused_in_japanese(s in typed(), today in today()) {
        match parse_date_input(&s, today) {
            Ok(d) => {
                if (1000..=9999).contains(&d.year()) {
                    prop_assert_eq!(parse_date_input(&d.format("%Y-%m-%d").to_string(), today), Ok(d));
                }
                if d >= wareki::ERAS[0].start || (1000..=9999).contains(&d.year()) {
                    prop_assert_eq!(parse_date_input(&wareki::format(d), today), Ok(d), "{}", wareki::format(d));
                }
                let plausible = (1900..=today.year() + 10).contains(&d.year());
                prop_assert!(plausible || names_a_far_day(&s, d, today), "{s:?} read as {d}");
            }
            Err(e) => prop_assert!(japanese(&e.to_string()), "{e}"),
        }
    }

    /// A number too big for the calendar is refused, never wrapped round.
    #[test]
    fn an_offset_beyond_the_calendar_is_refused(n in 400_000_000u64.., today in today()) {
        for unit in ["d", "w", "m", "y"] {
            for sign in ["+", "-"] {
                let typed = format!("{sign}{n}{unit}");
                let read = parse_date_input(&typed, today);
                prop_assert!(read.is_err(), "{typed} read as {read:?}");
            }
        }
    }
}

// ---------------------------------------------------------------- import

/// The README's example with every optional part of the format filled:
/// valid on `TODAY`.
fn rich_document() -> Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    let c = &mut doc["clients"][0];
    c["fields"] = json!({"health": "通院 月1回"});
    c["employments"][0]["fields"] = json!({"wage": "時給1,100円"});
    c["employments"][0]["separation_reason"] = json!("契約満了");
    c["employments"][0]["separation_date"] = json!("2029-03-31");
    c["contacts"][0]["time"] = json!("14:30");
    c["contacts"][0]["staff"] = json!("tanaka");
    c["contacts"][0]["counterpart_detail"] = json!("母");
    c["contacts"][0]["place_detail"] = json!("喫茶店");
    c["reports"][0]["fields"] = json!({"goal_1": "体調管理"});
    c["consents"][0]["withdrawn"] = json!("2026-12-01");
    c["handovers"][0]["shared"] = json!("支援の経過");
    c["handovers"][0]["obligations"] = json!(["end.handover_share"]);
    c["conferences"] =
        json!([{"date": "2026-09-01", "agencies": [], "online": true, "notes": "今後の支援"}]);
    c["resolutions"] = json!([{"obligation": "ret.monthly_employer", "period": "2026-11", "reason": "入院中", "decided_by": "tanaka", "decided_on": "2026-11-05"}]);
    c["closure"] = json!({"date": "2027-01-10", "reason": "support_end", "note": "支援終了", "closed_by": "tanaka"});
    doc
}

fn import_today() -> NaiveDate {
    ymd(2027, 1, 20)
}

/// Every JSON pointer strictly inside the client (its members, at any depth).
fn paths(v: &Value, at: String, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, v)| (format!("{at}/{k}"), v)).collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{at}/{i}"), v))
            .collect(),
        _ => Vec::new(),
    };
    for (p, child) in children {
        out.push(p.clone());
        paths(child, p, out);
    }
}

fn client_paths() -> Vec<String> {
    let mut out = Vec::new();
    paths(
        &rich_document()["clients"][0],
        "/clients/0".into(),
        &mut out,
    );
    out
}

/// `/clients/0/contacts/0/date` as import names it: `contacts[0].date`.
fn field_of(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.trim_start_matches("/clients/0/").split('/') {
        match seg.parse::<usize>() {
            Ok(i) => out.push_str(&format!("[{i}]")),
            Err(_) if out.is_empty() => out.push_str(seg),
            Err(_) => out.push_str(&format!(".{seg}")),
        }
    }
    out
}

/// One path lies inside the other (`contacts[0]` and `contacts[0].date`).
fn related(a: &str, b: &str) -> bool {
    let inside = |x: &str, y: &str| {
        x.strip_prefix(y)
            .is_some_and(|r| r.is_empty() || r.starts_with(['.', '[']))
    };
    inside(a, b) || inside(b, a)
}

fn japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

/// Problems are never empty, each in Japanese; inside a client each names
/// a field unless the client itself is the problem.
fn well_told(problems: &[Problem]) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty());
    for p in problems {
        prop_assert!(japanese(&p.message), "{p:?}");
        prop_assert!(!p.to_string().is_empty());
    }
    Ok(())
}

/// A value of another JSON kind than `v`.
fn other_kind(v: &Value, pick: usize) -> Value {
    let all = [
        json!(7),
        json!(true),
        json!("文字列"),
        json!([]),
        json!({}),
        Value::Null,
    ];
    let same = |x: &Value| std::mem::discriminant(x) == std::mem::discriminant(v);
    let others: Vec<&Value> = all.iter().filter(|x| !same(x)).collect();
    others[pick % others.len()].clone()
}

/// Characters no text of the format may hold.
const FORBIDDEN: [char; 9] = [
    '\u{1b}', '\u{7}', '\u{0}', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}',
];

#[derive(Debug, Clone)]
enum Mutation {
    /// The value at the path becomes one of another kind.
    Retype(usize),
    /// The member at the path is removed.
    Drop,
    /// A forbidden character goes into the string at the path.
    Insert(char, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Retype),
        Just(Mutation::Drop),
        (prop::sample::select(FORBIDDEN.to_vec()), any::<usize>())
            .prop_map(|(c, at)| Mutation::Insert(c, at)),
    ]
}

/// Applies `m` at `pointer`; false when it does not apply there (a drop
/// inside an array, an insert into what is not a string).
fn apply(doc: &mut Value, pointer: &str, m: &Mutation) -> bool {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    match m {
        Mutation::Retype(pick) => {
            let v = doc.pointer_mut(pointer).expect("path");
            *v = other_kind(v, *pick);
            true
        }
        Mutation::Drop => match doc.pointer_mut(parent) {
            Some(Value::Object(o)) => o.remove(key).is_some(),
            _ => false,
        },
        Mutation::Insert(c, at) => match doc.pointer_mut(pointer) {
            Some(Value::String(s)) => {
                let n = s.chars().count();
                let byte = s
                    .char_indices()
                    .nth(at % (n + 1))
                    .map_or(s.len(), |(i, _)| i);
                s.insert(byte, *c);
                true
            }
            _ => false,
        },
    }
}

#[test]
fn the_rich_document_is_valid_so_each_mutation_is_the_only_fault() {
    let doc = rich_document();
    if let Err(p) = interchange::parse_document(&doc.to_string(), import_today()) {
        panic!("{p:?}");
    }
    assert!(client_paths().len() > 60);
    assert_eq!(
        field_of("/clients/0/employments/0/employer/name"),
        "employments[0].employer.name"
    );
}

proptest! {
    #![proptest_config(config())]

    /// Any bytes as a file: read as text or refused by encoding, then
    /// parsed or refused, in Japanese — never a panic.
    #[test]
    fn any_bytes_are_imported_or_refused_in_japanese(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        match interchange::decode_text(&bytes) {
            Err(m) => prop_assert!(japanese(&m), "{m}"),
            Ok(text) => match interchange::parse_document(text, import_today()) {
                Ok(doc) => prop_assert!(interchange::validate(&doc, import_today()).is_empty()),
                Err(problems) => well_told(&problems)?,
            },
        }
    }

    /// Any text, and text made of JSON's own pieces.
    #[test]
    fn any_text_is_imported_or_refused_in_japanese(
        s in prop_oneof![any::<String>(), "[\\[\\]{}\":,0-9a-z \"clients\"]{0,80}"],
    ) {
        if let Err(problems) = interchange::parse_document(&s, import_today()) {
            well_told(&problems)?;
        }
    }

    /// A valid document cut short anywhere (a copy interrupted, a paste
    /// that lost its end) is refused as cut short.
    #[test]
    fn a_valid_document_cut_short_is_refused_in_japanese(at in any::<prop::sample::Index>()) {
        let text = rich_document().to_string();
        let n = text.chars().count();
        let cut: String = text.chars().take(at.index(n)).collect();
        let problems = interchange::parse_document(&cut, import_today()).expect_err("a proper prefix");
        well_told(&problems)?;
        prop_assert!(problems[0].message.contains("JSON"), "{problems:?}");
    }

    /// A valid document changed in one place — a value of another kind, a
    /// member dropped, a control or invisible character inserted — is
    /// refused naming that place (a drop may also leave it valid: the
    /// member was optional), never a panic.
    #[test]
    fn one_change_to_a_valid_document_is_refused_where_it_was_made(
        at in prop::sample::select(client_paths()),
        m in mutation(),
    ) {
        let mut doc = rich_document();
        prop_assume!(apply(&mut doc, &at, &m));
        let field = field_of(&at);
        match interchange::parse_document(&doc.to_string(), import_today()) {
            Ok(_) => prop_assert!(
                matches!(m, Mutation::Drop) || (matches!(m, Mutation::Retype(_)) && doc.pointer(&at) == Some(&Value::Null)),
                "{m:?} at {field} was accepted"
            ),
            Err(problems) => {
                well_told(&problems)?;
                prop_assert!(problems.iter().all(|p| !p.field.is_empty()), "{problems:?}");
                prop_assert!(problems.iter().any(|p| related(&p.field, &field)), "{m:?} at {field}: {problems:?}");
            }
        }
    }
}
