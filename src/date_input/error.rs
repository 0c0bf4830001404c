//! Why a typed date was refused, worded for the case worker who typed it.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::wareki;

/// A date the user typed that could not be read. `Display` gives a Japanese
/// message quoting the input and saying what is wrong or what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateInputError {
    input: String,
    kind: DateInputErrorKind,
}

/// What was wrong with the input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateInputErrorKind {
    /// Nothing was typed.
    Empty,
    /// Not one of the accepted forms.
    Unrecognized,
    /// A Gregorian year of fewer than four digits ("26/4/30"): 2026, or 令和26?
    ShortYear,
    /// A year and month but no day ("2026/4", "令和8年4月").
    MissingDay,
    /// A relative offset with no unit ("+3"): days or months?
    MissingUnit,
    /// Month outside 1–12.
    NoSuchMonth { month: u32 },
    /// Day 0 or past the end of the month; `year` is Gregorian.
    NoSuchDay { year: i32, month: u32, day: u32 },
    /// Year 0 of an era (the first year is 元年 = 1).
    EraYearZero { era: &'static str },
    /// An era date before that era began; `date` is the day it would be.
    BeforeEra { era: &'static str, date: NaiveDate },
    /// An era date after that era ended; `date` is the day it would be.
    AfterEra { era: &'static str, date: NaiveDate },
    /// Outside the range of dates the calendar can hold.
    OutOfRange,
}

impl DateInputError {
    pub(crate) fn new(input: &str, kind: DateInputErrorKind) -> Self {
        Self {
            input: input.to_owned(),
            kind,
        }
    }

    /// The input as typed (surrounding spaces trimmed).
    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn kind(&self) -> &DateInputErrorKind {
        &self.kind
    }
}

const EXAMPLES: &str = "2026-04-30、2026/4/30、R8.4.30、令和8年4月30日、4/30、今日、+3d";

/// "令和2年4月1日 (2020年4月1日)", or just the Gregorian form before 明治.
fn both_forms(d: NaiveDate) -> String {
    let western = format!("{}年{}月{}日", d.year(), d.month(), d.day());
    let wa = wareki::format(d);
    if wa == western {
        western
    } else {
        format!("{wa}（{western}）")
    }
}

impl fmt::Display for DateInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DateInputErrorKind as K;
        if self.kind == K::Empty {
            return write!(f, "日付が入力されていません（例: {EXAMPLES}）");
        }
        write!(f, "「{}」: ", self.input)?;
        match &self.kind {
            K::Empty => Ok(()),
            K::Unrecognized => write!(
                f,
                "日付として読み取れません。{EXAMPLES} のように入力してください"
            ),
            K::ShortYear => write!(
                f,
                "西暦の年は4桁で入力してください（例: 2026/4/30）。和暦なら R8.4.30 のように元号を付けてください"
            ),
            K::MissingDay => write!(f, "日がありません（例: 2026/4/30、令和8年4月30日）"),
            K::MissingUnit => write!(
                f,
                "単位がありません。+3d（3日後）、+1w（1週間後）、+1m（1か月後）のように入力してください"
            ),
            K::NoSuchMonth { month } => write!(f, "{month}月は存在しません（1〜12月）"),
            K::NoSuchDay { year, month, day } => {
                let last = crate::dates::days_in_month(*year, *month);
                write!(
                    f,
                    "{month}月{day}日は存在しません（{year}年{month}月は1〜{last}日）"
                )
            }
            K::EraYearZero { era } => {
                write!(f, "{era}0年はありません（最初の年は{era}元年＝1年）")
            }
            K::BeforeEra { era, date } => {
                let start = wareki::era_by_name(era).map(|e| e.start);
                match start {
                    Some(s) => write!(f, "{era}は{}からです。", both_forms(s))?,
                    None => write!(f, "{era}の始まりより前です。")?,
                }
                write!(f, "この日は{}です", both_forms(*date))
            }
            K::AfterEra { era, date } => {
                let end = wareki::era_by_name(era).and_then(|e| e.end());
                match end {
                    Some(e) => write!(f, "{era}は{}で終わりました。", both_forms(e))?,
                    None => write!(f, "{era}の終わりより後です。")?,
                }
                write!(f, "この日は{}です", both_forms(*date))
            }
            K::OutOfRange => write!(f, "扱える日付の範囲を超えています"),
        }
    }
}

impl std::error::Error for DateInputError {}
