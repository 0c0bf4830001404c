//! Conversions between domain values and their SQL text form.
//!
//! Reading is on the hot path of `load_all` (hundreds of thousands of rows),
//! so values are read as borrowed `&str` and dates parsed by hand.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::Row;
use rusqlite::types::ValueRef;

use crate::dates::YearMonth;
use crate::model::{ClientId, Fields, RecordId};

use super::StoreError;

/// Where a value came from, for the message when it cannot be read.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    pub table: &'a str,
    pub row: &'a Row<'a>,
}

impl At<'_> {
    fn bad(&self, col: usize, what: &str) -> StoreError {
        let name = self.row.as_ref().column_name(col).unwrap_or("?");
        let id: Option<i64> = self.row.get(0).ok();
        let id = id.map(|i| i.to_string()).unwrap_or_default();
        StoreError::Invalid(format!(
            "データベースの値が読めません（{} {id} の {name}: {what}）。`teichaku check` で確認してください。",
            self.table
        ))
    }

    /// Borrowed text as bytes, not yet checked as UTF-8; NULL is `None`.
    fn bytes_opt(&self, col: usize) -> Result<Option<&[u8]>, StoreError> {
        match self.row.get_ref(col)? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(b) => Ok(Some(b)),
            _ => Err(self.bad(col, "文字列ではありません")),
        }
    }

    /// Borrowed text; NULL is `None`.
    pub(super) fn text_opt(&self, col: usize) -> Result<Option<&str>, StoreError> {
        match self.bytes_opt(col)? {
            None => Ok(None),
            Some(b) => std::str::from_utf8(b)
                .map(Some)
                .map_err(|_| self.bad(col, "UTF-8 ではありません")),
        }
    }

    pub(super) fn str(&self, col: usize) -> Result<&str, StoreError> {
        Ok(self.text_opt(col)?.unwrap_or(""))
    }

    pub(super) fn string(&self, col: usize) -> Result<String, StoreError> {
        Ok(self.str(col)?.to_string())
    }

    pub(super) fn string_opt(&self, col: usize) -> Result<Option<String>, StoreError> {
        Ok(self.text_opt(col)?.map(str::to_string))
    }

    pub(super) fn int(&self, col: usize) -> Result<i64, StoreError> {
        match self.row.get_ref(col)? {
            ValueRef::Integer(i) => Ok(i),
            _ => Err(self.bad(col, "整数ではありません")),
        }
    }

    pub(super) fn client_id(&self, col: usize) -> Result<ClientId, StoreError> {
        self.int(col).map(ClientId::new)
    }

    pub(super) fn record_id(&self, col: usize) -> Result<RecordId, StoreError> {
        self.int(col).map(RecordId::new)
    }

    pub(super) fn bool(&self, col: usize) -> Result<bool, StoreError> {
        Ok(self.int(col)? != 0)
    }

    pub(super) fn date_opt(&self, col: usize) -> Result<Option<NaiveDate>, StoreError> {
        // The stored form is checked byte by byte; anything else is read as
        // text (and must then be UTF-8) for chrono or the message.
        if let Some(b) = self.bytes_opt(col)?
            && let Some(d) = parse_iso_bytes(b)
        {
            return Ok(Some(d));
        }
        match self.text_opt(col)? {
            None => Ok(None),
            Some(s) => parse_date(s)
                .map(Some)
                .ok_or_else(|| self.bad(col, &format!("日付ではありません「{s}」"))),
        }
    }

    pub(super) fn date(&self, col: usize) -> Result<NaiveDate, StoreError> {
        self.date_opt(col)?
            .ok_or_else(|| self.bad(col, "日付がありません"))
    }

    pub(super) fn time_opt(&self, col: usize) -> Result<Option<NaiveTime>, StoreError> {
        match self.text_opt(col)? {
            None => Ok(None),
            Some(s) => s
                .parse::<NaiveTime>()
                .map(Some)
                .map_err(|_| self.bad(col, &format!("時刻ではありません「{s}」"))),
        }
    }

    pub(super) fn month(&self, col: usize) -> Result<YearMonth, StoreError> {
        let s = self.str(col)?;
        YearMonth::parse(s).ok_or_else(|| self.bad(col, &format!("年月ではありません「{s}」")))
    }

    /// An enum by its id.
    pub(super) fn parse<T>(
        &self,
        col: usize,
        parse: fn(&str) -> Option<T>,
    ) -> Result<T, StoreError> {
        let s = self.str(col)?;
        parse(s).ok_or_else(|| self.bad(col, &format!("想定外の値「{s}」")))
    }

    /// An enum stored as its exact id (the hot path of `due`); anything
    /// else goes through `parse`, which also accepts labels and spaces.
    pub(super) fn id<T>(
        &self,
        col: usize,
        from_id: fn(&[u8]) -> Option<T>,
        parse: fn(&str) -> Option<T>,
    ) -> Result<T, StoreError> {
        match self.bytes_opt(col)?.and_then(from_id) {
            Some(v) => Ok(v),
            None => self.parse(col, parse),
        }
    }

    /// A JSON column (`{}` and `[]` skip the parser: most rows have them).
    pub(super) fn json<T: serde::de::DeserializeOwned + Default>(
        &self,
        col: usize,
    ) -> Result<T, StoreError> {
        if matches!(self.bytes_opt(col)?, None | Some(b"" | b"{}" | b"[]")) {
            return Ok(T::default());
        }
        let s = self.str(col)?;
        serde_json::from_str(s).map_err(|e| self.bad(col, &format!("JSON が読めません: {e}")))
    }
}

/// `YYYY-MM-DD`, by hand for speed; anything else through chrono.
pub(super) fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_iso_bytes(s.as_bytes()).or_else(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

/// Exactly `YYYY-MM-DD` in ASCII digits (so no UTF-8 check is needed).
fn parse_iso_bytes(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let y = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)
}

pub(super) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(super) fn date_opt_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(date_text)
}

pub(super) fn time_opt_text(t: Option<NaiveTime>) -> Option<String> {
    // NaiveTime's Display is `HH:MM:SS[.fff]`, which its FromStr reads back.
    t.map(|t| t.to_string())
}

pub(super) fn fields_json(f: &Fields) -> String {
    if f.is_empty() {
        return "{}".to_string();
    }
    serde_json::to_string(f).unwrap_or_else(|_| "{}".to_string())
}

pub(super) fn list_json<T: serde::Serialize>(v: &[T]) -> String {
    if v.is_empty() {
        return "[]".to_string();
    }
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_date_parser_agrees_with_chrono() {
        for s in ["2026-04-15", "2028-02-29", "0001-01-01", "9999-12-31"] {
            assert_eq!(
                parse_date(s),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s}"
            );
        }
        assert_eq!(parse_date("2027-02-29"), None);
        assert_eq!(
            parse_date("2026-4-15"),
            NaiveDate::from_ymd_opt(2026, 4, 15)
        );
        assert_eq!(parse_date("2026-0x-15"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn dates_and_times_round_trip_through_text() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 1).expect("date");
        assert_eq!(parse_date(&date_text(d)), Some(d));
        let t = NaiveTime::from_hms_milli_opt(9, 5, 7, 250).expect("time");
        let s = time_opt_text(Some(t)).expect("text");
        assert_eq!(s.parse::<NaiveTime>().ok(), Some(t));
    }
}
