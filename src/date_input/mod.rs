//! Reading a date the case worker typed (docs/BASIS.md §3.6).
//!
//! Accepted forms, after full-width characters are folded to ASCII and spaces
//! removed (so Japanese IME input such as `２０２６／４／３０` or `令和８年４月３０日`
//! works):
//!
//! - Gregorian: `2026-04-30`, `2026/4/30`, `2026.4.30`, `2026年4月30日`
//!   (the year must have four digits).
//! - 和暦: `R8.4.30` (M/T/S/H/R, either case, `/` and `-` also accepted),
//!   `令和8年4月30日`; year 1 may be written `元` (`R元.5.1`, `令和元年5月1日`).
//! - Month and day of today's year: `4/30`, `4月30日`.
//! - Words: `today`/`今日`/`本日`, `明日`/`tomorrow`, `昨日`/`yesterday`.
//! - Offsets from today: `+3d`, `-2d`, `+1w`, `+1m` (day clamped to the
//!   month's end), `+1y`; the Japanese units 日, 週, か月/ヶ月, 年 also work.
//!
//! Anything else is a [`DateInputError`] whose message says what is wrong.
//! A time of day is read by [`parse_time_input`].

mod error;
#[cfg(test)]
mod tests;
mod time;

use chrono::{Datelike, Days, NaiveDate};

pub use error::{DateInputError, DateInputErrorKind};
pub use time::parse_time_input;

use crate::dates::days_in_month;
use crate::wareki::{self, Era};

use DateInputErrorKind as Kind;

/// Read a typed date. `today` anchors `4/30`, `今日` and `+3d`.
pub fn parse_date_input(s: &str, today: NaiveDate) -> Result<NaiveDate, DateInputError> {
    let input = s.trim();
    parse_normalized(&normalize(input), today).map_err(|kind| DateInputError::new(input, kind))
}

/// Fold what a Japanese IME produces onto the ASCII forms: full-width
/// letters, digits and punctuation; the 中黒 (・) and 句点 (。) an IME types
/// for `/` and `.`; long-vowel marks and dashes typed for `-`; the one-glyph
/// era names (㋿). Spaces are dropped and ASCII letters lower-cased.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            // The full-width block U+FF01..U+FF5E mirrors ASCII at 0xFEE0 below.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        match c {
            c if c.is_whitespace() => {}
            '・' | '･' => out.push('/'),
            '。' | '｡' => out.push('.'),
            'ー' | 'ｰ' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => out.push('-'),
            '㋿' => out.push_str("令和"),
            '㍻' => out.push_str("平成"),
            '㍼' => out.push_str("昭和"),
            '㍽' => out.push_str("大正"),
            '㍾' => out.push_str("明治"),
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

fn parse_normalized(s: &str, today: NaiveDate) -> Result<NaiveDate, Kind> {
    if s.is_empty() {
        return Err(Kind::Empty);
    }
    if let Some(days) = keyword_offset(s) {
        return add_days_checked(today, days);
    }
    if let Some(rest) = s.strip_prefix('+') {
        return relative(rest, 1, today);
    }
    if let Some(rest) = s.strip_prefix('-') {
        return relative(rest, -1, today);
    }
    absolute(s, today)
}

/// Days from today for the words people type instead of a date.
fn keyword_offset(s: &str) -> Option<i64> {
    match s {
        "today" | "今日" | "本日" | "きょう" | "ほんじつ" => Some(0),
        "tomorrow" | "明日" | "あした" | "あす" => Some(1),
        "yesterday" | "昨日" | "きのう" => Some(-1),
        _ => None,
    }
}

enum Unit {
    Days(i64),
    Months(i64),
}

fn unit(s: &str) -> Option<Unit> {
    match s {
        "d" | "日" => Some(Unit::Days(1)),
        "w" | "週" | "週間" => Some(Unit::Days(7)),
        "m" | "か月" | "ヶ月" | "カ月" | "ケ月" | "ヵ月" | "箇月" => {
            Some(Unit::Months(1))
        }
        "y" | "年" => Some(Unit::Months(12)),
        _ => None,
    }
}

/// `+3d` and friends; `sign` is ±1, `rest` what follows the sign.
fn relative(rest: &str, sign: i64, today: NaiveDate) -> Result<NaiveDate, Kind> {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (num, unit_text) = rest.split_at(digits);
    if num.is_empty() {
        return Err(Kind::Unrecognized);
    }
    if unit_text.is_empty() {
        return Err(Kind::MissingUnit);
    }
    let unit = unit(unit_text).ok_or(Kind::Unrecognized)?;
    let n: i64 = num.parse().map_err(|_| Kind::OutOfRange)?;
    match unit {
        Unit::Days(k) => add_days_checked(today, sign * n.checked_mul(k).ok_or(Kind::OutOfRange)?),
        Unit::Months(k) => {
            add_months_checked(today, sign * n.checked_mul(k).ok_or(Kind::OutOfRange)?)
        }
    }
}

fn add_days_checked(d: NaiveDate, n: i64) -> Result<NaiveDate, Kind> {
    let r = if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    r.ok_or(Kind::OutOfRange)
}

/// Like [`crate::dates::add_months_clamped`], but refusing results outside
/// the calendar instead of saturating: a typed `+9999999m` is a mistake.
fn add_months_checked(d: NaiveDate, delta: i64) -> Result<NaiveDate, Kind> {
    let idx = (i64::from(d.year()) * 12 + i64::from(d.month0()))
        .checked_add(delta)
        .ok_or(Kind::OutOfRange)?;
    let year = i32::try_from(idx.div_euclid(12)).map_err(|_| Kind::OutOfRange)?;
    let month = u32::try_from(idx.rem_euclid(12) + 1).map_err(|_| Kind::OutOfRange)?;
    NaiveDate::from_ymd_opt(year, month, 1).ok_or(Kind::OutOfRange)?;
    let day = d.day().min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Kind::OutOfRange)
}

const SYMBOL_SEPARATORS: [char; 3] = ['-', '/', '.'];
const SEPARATORS: [char; 6] = ['-', '/', '.', '年', '月', '日'];

/// A number (or 元) and the separator that followed it.
type Field<'a> = (&'a str, Option<char>);

enum Shape {
    YearMonthDay,
    MonthDay,
    YearMonth,
}

/// Dates written out: Gregorian, 和暦 or month/day.
fn absolute(s: &str, today: NaiveDate) -> Result<NaiveDate, Kind> {
    let (era, rest) = strip_era(s)?;
    let fields = split_fields(rest).ok_or(Kind::Unrecognized)?;
    let shape = shape(&fields, era.is_some()).ok_or(Kind::Unrecognized)?;
    // 元 is only a year, and only after an era name.
    let gan_misplaced = fields
        .iter()
        .enumerate()
        .any(|(i, f)| f.0 == "元" && (i > 0 || era.is_none()));
    if gan_misplaced {
        return Err(Kind::Unrecognized);
    }
    match (shape, era) {
        (Shape::YearMonth, _) => Err(Kind::MissingDay),
        (Shape::MonthDay, Some(_)) => Err(Kind::Unrecognized),
        (Shape::MonthDay, None) => {
            let month = small_number(fields[0].0)?;
            let day = small_number(fields[1].0)?;
            build(today.year(), month, day)
        }
        (Shape::YearMonthDay, None) => {
            let y = fields[0].0;
            if y.len() < 4 {
                return Err(Kind::ShortYear);
            }
            if y.len() > 4 {
                return Err(Kind::Unrecognized);
            }
            let year = y.parse().map_err(|_| Kind::Unrecognized)?;
            build(year, small_number(fields[1].0)?, small_number(fields[2].0)?)
        }
        (Shape::YearMonthDay, Some(era)) => {
            let era_year: i32 = match fields[0].0 {
                "元" => 1,
                y => y.parse().map_err(|_| Kind::OutOfRange)?,
            };
            if era_year == 0 {
                return Err(Kind::EraYearZero { era: era.name });
            }
            let year = era.gregorian_year(era_year).ok_or(Kind::OutOfRange)?;
            let date = build(year, small_number(fields[1].0)?, small_number(fields[2].0)?)?;
            within_era(era, date)
        }
    }
}

/// A leading era name (令和) or letter (R, r); an unknown letter is refused
/// here so that "x8.4.30" is not read as a Gregorian date.
fn strip_era(s: &str) -> Result<(Option<&'static Era>, &str), Kind> {
    if let Some(era) = wareki::ERAS.iter().find(|e| s.starts_with(e.name)) {
        return Ok((Some(era), &s[era.name.len()..]));
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => wareki::era_by_letter(c)
            .map(|era| (Some(era), chars.as_str()))
            .ok_or(Kind::Unrecognized),
        _ => Ok((None, s)),
    }
}

/// "2026/4/30" → [("2026", '/'), ("4", '/'), ("30", none)]. `None` when
/// anything but digits, 元 and separators appears.
fn split_fields(s: &str) -> Option<Vec<Field<'_>>> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let len = if rest.starts_with('元') {
            '元'.len_utf8()
        } else {
            rest.bytes().take_while(u8::is_ascii_digit).count()
        };
        if len == 0 {
            return None;
        }
        let (num, after) = rest.split_at(len);
        let mut chars = after.chars();
        match chars.next() {
            None => {
                out.push((num, None));
                break;
            }
            Some(c) if SEPARATORS.contains(&c) => {
                out.push((num, Some(c)));
                rest = chars.as_str();
            }
            Some(_) => return None,
        }
    }
    Some(out)
}

/// Which form the separators spell: 年・月・(日) or one symbol used twice for
/// a full date; 月・(日) or one symbol for a month and day; 年・月 for a
/// year and month. With a symbol, "2026/4" and "R8.4" are a year and month,
/// "4/30" a month and day.
fn shape(fields: &[Field<'_>], has_era: bool) -> Option<Shape> {
    let seps: Vec<Option<char>> = fields.iter().map(|f| f.1).collect();
    let symbol = |c: &char| SYMBOL_SEPARATORS.contains(c);
    match seps.as_slice() {
        [Some('年'), Some('月'), None | Some('日')] => Some(Shape::YearMonthDay),
        [Some(a), Some(b), None] if a == b && symbol(a) => Some(Shape::YearMonthDay),
        [Some('月'), None | Some('日')] => Some(Shape::MonthDay),
        [Some('年'), Some('月')] => Some(Shape::YearMonth),
        [Some(a), None] if symbol(a) => {
            if has_era || fields[0].0.len() == 4 {
                Some(Shape::YearMonth)
            } else {
                Some(Shape::MonthDay)
            }
        }
        _ => None,
    }
}

/// A month or day: one or two digits.
fn small_number(s: &str) -> Result<u32, Kind> {
    if s.is_empty() || s.len() > 2 {
        return Err(Kind::Unrecognized);
    }
    s.parse().map_err(|_| Kind::Unrecognized)
}

fn build(year: i32, month: u32, day: u32) -> Result<NaiveDate, Kind> {
    if !(1..=12).contains(&month) {
        return Err(Kind::NoSuchMonth { month });
    }
    if NaiveDate::from_ymd_opt(year, month, 1).is_none() {
        return Err(Kind::OutOfRange);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Kind::NoSuchDay { year, month, day })
}

/// 令和1年4月30日 or 平成32年 name a day outside the era: refuse, and the
/// message says which era that day belongs to.
fn within_era(era: &'static Era, date: NaiveDate) -> Result<NaiveDate, Kind> {
    if date < era.start {
        return Err(Kind::BeforeEra {
            era: era.name,
            date,
        });
    }
    if era.end().is_some_and(|end| date > end) {
        return Err(Kind::AfterEra {
            era: era.name,
            date,
        });
    }
    Ok(date)
}
