//! What the office's staffing rules say about one staff member, shared by
//! `teichaku staff` and the TUI's staff screen: 常勤換算 as people type and
//! read it, and whether the 基礎的研修 is missing (000 §3(1)).

use chrono::NaiveDate;

use super::{Role, Staff};

/// A person where people read (the CLI, the TUI, the audit trail): the
/// name to recognise with the login to type, 「田中 美咲（tanaka）」; a
/// login whose name is itself, alone; one with no name on record says it
/// is not registered staff. Safe to show (`text::for_display`).
pub fn person_label(name: Option<&str>, login: &str) -> String {
    let login = crate::text::for_display(login);
    match name {
        Some(n) if n != login => format!("{}（{login}）", crate::text::for_display(n)),
        Some(_) => login.into_owned(),
        None => format!("{login}（職員に未登録）"),
    }
}

/// The 基礎的研修 requirement's transition: staff without it still count
/// until this day (令和10年3月31日; 000 §3(1)).
pub fn basic_training_transition_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2028, 3, 31).unwrap_or(NaiveDate::MAX)
}

/// A staff member's 基礎的研修 on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Training {
    /// Completed on this day.
    Done(NaiveDate),
    /// Not completed, but within the transition: a warning.
    MissingInTransition,
    /// Not completed after the transition ended: the requirement is not
    /// met, and the person is not counted as a 就労定着支援員.
    Missing,
    /// Not a 就労定着支援員 (the サービス管理責任者 and the 管理者 hold posts
    /// of their own): the training is not asked of them here.
    NotRequired,
}

impl Staff {
    /// Where this person stands with the 基礎的研修 on `today`: the one
    /// answer `staff list`, the office screen and the figures give.
    pub fn training(&self, today: NaiveDate) -> Training {
        if self.role != Role::CaseWorker {
            return Training::NotRequired;
        }
        match self.basic_training {
            Some(d) if d <= today => Training::Done(d),
            _ if today <= basic_training_transition_end() => Training::MissingInTransition,
            _ => Training::Missing,
        }
    }
}

/// 常勤換算 as typed (`1`, `0.5`, `０．８`) → hundredths; 0 … 1.0 per
/// person, at most two decimals. `None` when it is not such a number.
pub fn fte_from_text(s: &str) -> Option<u16> {
    let t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .collect();
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 2 {
        return None;
    }
    let digits = |d: &str| d.is_empty() || d.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(frac) {
        return None;
    }
    let whole: u16 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: u16 = format!("{frac:0<2}").parse().ok()?;
    let v = whole.checked_mul(100)?.checked_add(frac)?;
    (v <= 100).then_some(v)
}

/// 常勤換算 in hundredths as people read it: 1.0, 0.5, 0.75.
pub fn fte_text(p: u16) -> String {
    if p.is_multiple_of(10) {
        format!("{}.{}", p / 100, (p % 100) / 10)
    } else {
        format!("{}.{:02}", p / 100, p % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn fte_reads_what_people_type_and_refuses_more_than_one_person() {
        for (typed, want) in [
            ("1", Some(100)),
            ("0.5", Some(50)),
            ("０．７５", Some(75)),
            (".8", Some(80)),
            ("1.0", Some(100)),
            ("1.01", None),
            ("2", None),
            ("0.125", None),
            ("", None),
            ("-0.5", None),
            ("半分", None),
        ] {
            assert_eq!(fte_from_text(typed), want, "{typed:?}");
        }
        assert_eq!(fte_text(100), "1.0");
        assert_eq!(fte_text(75), "0.75");
        assert_eq!(fte_text(50), "0.5");
    }

    #[test]
    fn missing_training_is_a_warning_until_the_transition_ends_then_not_met() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        let mut s = Staff {
            login: "sato".into(),
            display_name: "佐藤 健一".into(),
            role: Role::CaseWorker,
            basic_training: None,
            fte_percent: None,
            joined: None,
            left: None,
            fte_history: Vec::new(),
        };
        assert_eq!(s.training(d(2028, 3, 31)), Training::MissingInTransition);
        assert_eq!(s.training(d(2028, 4, 1)), Training::Missing);
        s.basic_training = Some(d(2025, 6, 1));
        assert_eq!(s.training(d(2030, 1, 1)), Training::Done(d(2025, 6, 1)));
        // Not yet taken on a day before it.
        assert_eq!(s.training(d(2025, 5, 31)), Training::MissingInTransition);
        // Not asked of the サービス管理責任者 or the 管理者.
        for role in [Role::Coordinator, Role::Admin] {
            s.role = role;
            s.basic_training = None;
            assert_eq!(s.training(d(2030, 1, 1)), Training::NotRequired);
        }
    }
}
