//! The clock of a command: the system's, or `TEICHAKU_CLOCK` for tests.
//!
//! `--today` moves the day the rules look at; the clock says when a write
//! happens, and so which days things can have been done by (docs/BASIS.md
//! §4.4). A test that writes on a fixed day sets the clock; the setgid
//! program refuses to, since there the person running it must not choose
//! when their records were made.

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};

use super::CliError;

/// Reads `TEICHAKU_CLOCK` once, at start: an RFC 3339 instant, or a day
/// (noon, local time); it becomes the process's clock (`store::fix_clock`).
pub(super) fn init() -> Result<(), CliError> {
    match std::env::var("TEICHAKU_CLOCK") {
        Ok(text) if !text.is_empty() => {
            if crate::privilege::is_setgid() {
                return Err(CliError(
                    "TEICHAKU_CLOCK は共有サーバーの teichaku では使えません（記録の日時はサーバーの時計で決まります）。".into(),
                ));
            }
            let at = parse(&text).ok_or_else(|| {
                CliError(format!(
                    "TEICHAKU_CLOCK: 「{}」は日時として読めません（例: 2026-05-20T10:00:00+09:00、2026-05-20）",
                    crate::text::for_display(&text)
                ))
            })?;
            crate::store::fix_clock(at);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn parse(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let noon = day.and_hms_opt(12, 0, 0)?;
    Local
        .from_local_datetime(&noon)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// Today by the clock (the day relative `--today` forms count from, and the
/// day writes are judged by).
pub(super) fn day() -> NaiveDate {
    crate::store::process_now()
        .with_timezone(&Local)
        .date_naive()
}
