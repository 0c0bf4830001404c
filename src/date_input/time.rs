//! Reading a time the case worker typed: the contact form and the command
//! line's `--time` read it alike, with the same message.

use chrono::NaiveTime;

/// "14:30", "1430", "14時30分", "14時", full-width digits too.
pub fn parse_time_input(s: &str) -> Result<NaiveTime, String> {
    let folded: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' | '時' => ':',
            _ => c,
        })
        .collect();
    let folded = folded.trim_end_matches('分');
    let (h, m) = match folded.split_once(':') {
        Some((h, m)) => (h, if m.is_empty() { "0" } else { m }),
        None if folded.len() == 4 && folded.is_ascii() => folded.split_at(2),
        None => (folded, "0"),
    };
    let bad = || {
        format!(
            "「{}」は時刻として読めません（例: 14:30）",
            crate::text::for_display(s)
        )
    };
    let digits = |p: &str| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return Err(bad());
    }
    let (h, m) = (
        h.parse::<u32>().map_err(|_| bad())?,
        m.parse::<u32>().map_err(|_| bad())?,
    );
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}
