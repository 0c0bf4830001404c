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
}

impl Staff {
    /// In post on `day`.
    pub fn in_post(&self, day: NaiveDate) -> bool {
        self.joined.is_none_or(|j| j <= day) && self.left.is_none_or(|l| day <= l)
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
