//! The office's own records: its details and settings, its staff, the
//! agencies it works with, and the letterhead a document is written under.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AgencyKind, Client, Role};

/// The office's own details (docs/BASIS.md §8.3: a 支援体制構築未実施減算 risk is "no
/// handover guideline or responsible person set"; 000 §2(4)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Office {
    /// 事業所名 (printed on 別紙様式1).
    pub name: String,
    /// Where the office's handover guideline (引継ぎの指針) is, or empty if none.
    pub handover_guideline: String,
    /// The person responsible for handovers (担当者), or empty if none.
    pub handover_responsible: String,
    /// 事業所番号 (the 10-digit number the 指定 gave), as printed.
    pub number: String,
    /// 法人名.
    pub corporation: String,
    /// 所在地.
    pub address: String,
    /// 電話.
    pub phone: String,
    /// Row version for stale-edit detection (0: never saved).
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// 基礎的研修 completion (required from 令和7年4月1日; 000 §3(1)).
    #[serde(default)]
    pub basic_training: Option<NaiveDate>,
    /// 常勤換算 (full-time equivalent) in hundredths: 100 = 1.0 人, 50 =
    /// 0.5 人; `None` when not entered. Integer, so sums are exact.
    #[serde(default)]
    pub fte_percent: Option<u16>,
    /// The first day in post (着任日); `None`: on the staff from before
    /// anything was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<NaiveDate>,
    /// The last day in post (退職日・異動日); `None`: still in post. A past
    /// year's staffing is judged with the staff in post then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<NaiveDate>,
    /// The 常勤換算 over time, oldest first, when it has changed: each from
    /// its day (`None`: from before anything was recorded). Empty: it has
    /// always been `fte_percent`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fte_history: Vec<FteChange>,
}

/// A 常勤換算 in effect from a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FteChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fte_percent: Option<u16>,
}

impl Staff {
    /// In post on `day`.
    pub fn in_post(&self, day: NaiveDate) -> bool {
        self.joined.is_none_or(|j| j <= day) && self.left.is_none_or(|l| day <= l)
    }

    /// The 常勤換算 in effect on `day`: a past year is judged with that
    /// year's.
    pub fn fte_on(&self, day: NaiveDate) -> Option<u16> {
        self.fte_history
            .iter()
            .rev()
            .find(|c| c.from.is_none_or(|f| f <= day))
            .map_or(self.fte_percent, |c| c.fte_percent)
    }

    /// The 常勤換算 becomes `fte` from `day`; what it was stays for the days
    /// before.
    pub fn change_fte(&mut self, fte: Option<u16>, day: NaiveDate) {
        if self.fte_history.is_empty() {
            self.fte_history.push(FteChange {
                from: None,
                fte_percent: self.fte_percent,
            });
        }
        // A change on a day already changed replaces it; the list stays in
        // day order.
        self.fte_history.retain(|c| c.from != Some(day));
        self.fte_history.push(FteChange {
            from: Some(day),
            fte_percent: fte,
        });
        self.fte_history.sort_by_key(|c| c.from);
        self.fte_percent = self.fte_on(NaiveDate::MAX);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    #[serde(skip)]
    pub id: Option<i64>,
    pub kind: AgencyKind,
    pub name: String,
    #[serde(default)]
    pub contact: String,
}

/// Office settings the engine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Days before the due day an item turns `due_soon` (default 14).
    pub warn_days: i64,
    /// 「適時に」市町村へ報告: days after A (default 14).
    pub report_municipality_days: i64,
    /// Days before a 受給者証's 有効期限 its renewal turns due soon
    /// (default 60).
    pub cert_warn_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            warn_days: 14,
            report_municipality_days: 14,
            cert_warn_days: 60,
        }
    }
}

/// The office a document is written at: its name (事業所名), its staff (to
/// name the 担当者 by display name) and the login of who is writing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    pub office_name: String,
    pub staff: Vec<Staff>,
    pub user: String,
}

impl Letterhead {
    /// The 担当者 of `client`: the assigned staff member, or the writer when
    /// nobody is assigned; by display name, or by login when the staff
    /// table does not know them.
    pub(crate) fn staff_name(&self, client: &Client) -> String {
        let login = client
            .assigned_staff
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .unwrap_or(&self.user);
        self.staff
            .iter()
            .find(|s| s.login == login)
            .map(|s| s.display_name.trim())
            .filter(|n| !n.is_empty())
            .unwrap_or(login)
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_change_of_fte_keeps_the_earlier_value_for_the_days_before() {
        let mut s = Staff {
            login: "ito".into(),
            display_name: "伊藤 彩".into(),
            role: Role::CaseWorker,
            basic_training: None,
            fte_percent: Some(50),
            joined: None,
            left: None,
            fte_history: Vec::new(),
        };
        assert_eq!(s.fte_on(d(2020, 1, 1)), Some(50), "always, with no change");
        s.change_fte(Some(100), d(2027, 1, 1));
        s.change_fte(Some(80), d(2027, 7, 1));
        assert_eq!(s.fte_on(d(2026, 12, 31)), Some(50));
        assert_eq!(s.fte_on(d(2027, 1, 1)), Some(100));
        assert_eq!(s.fte_on(d(2028, 1, 1)), Some(80));
        assert_eq!(s.fte_percent, Some(80), "the present value");
        // Changing the same day again replaces that change.
        s.change_fte(Some(90), d(2027, 7, 1));
        assert_eq!(s.fte_history.len(), 3);
        assert_eq!(s.fte_on(d(2028, 1, 1)), Some(90));
    }

    #[test]
    fn in_post_is_from_the_day_joined_to_the_day_left() {
        let s = Staff {
            login: "kato".into(),
            display_name: "加藤 学".into(),
            role: Role::CaseWorker,
            basic_training: None,
            fte_percent: None,
            joined: Some(d(2025, 4, 1)),
            left: Some(d(2026, 12, 31)),
            fte_history: Vec::new(),
        };
        assert!(!s.in_post(d(2025, 3, 31)));
        assert!(s.in_post(d(2025, 4, 1)) && s.in_post(d(2026, 12, 31)));
        assert!(!s.in_post(d(2027, 1, 1)));
    }
}
