//! Domain records (docs/MODEL.md §2) and the obligation item the engine produces
//! (§4). These types are also the JSON interchange format (§6): field names
//! and enum spellings here are a public contract.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::dates::YearMonth;

mod as_of;
mod certificate;
mod conflict;
mod consent;
mod enums;
mod ids;
mod obligation_id;
mod office;
mod staffing;

pub use certificate::Certificate;
pub use conflict::{Chosen, ConflictField, ConflictRecord};
pub use consent::{AGENCY_SHARING, ConsentOnDay};
pub use enums::*;
pub use ids::{ClientId, RecordId};
pub use obligation_id::{
    OBLIGATION_IDS, ObligationId, unknown_message as unknown_obligation_message,
};
pub use office::{Agency, FteChange, Letterhead, Office, Settings, Staff};
pub use staffing::{
    Training, basic_training_transition_end, fte_from_text, fte_text, person_label,
};

/// Free-form form fields beyond the ones the engine needs (every field of
/// 別紙様式1/2 lives here, keyed by the field id in `data/forms/*.toml`).
pub type Fields = BTreeMap<String, String>;

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Employer {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub industry: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub contact_person: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Employment {
    #[serde(skip)]
    pub id: Option<RecordId>,
    /// Row version for stale-edit detection (not exported).
    #[serde(skip)]
    pub version: i64,
    pub employer: Employer,
    pub support_type: SupportType,
    #[serde(default)]
    pub decision_date: Option<NaiveDate>,
    /// 就職日, or 復職日 for return_to_work.
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    /// 就労移行支援等の終了日 (anchor for hours_extension).
    #[serde(default)]
    pub prior_service_end_date: Option<NaiveDate>,
    #[serde(default = "default_intent")]
    pub intent: Intent,
    /// 就労定着支援の開始日 S.
    #[serde(default)]
    pub retention_start_date: Option<NaiveDate>,
    /// 離職日.
    #[serde(default)]
    pub separation_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separation_reason: Option<String>,
    /// 雇用形態, 賃金, 休日, 勤務時間, 職場環境, 業務内容 …
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

fn default_intent() -> Intent {
    Intent::Unknown
}

impl Employment {
    /// Anchor day A ("day 1") by support type (docs/BASIS.md §2.1; 000 §1(1)).
    pub fn anchor(&self) -> Option<NaiveDate> {
        match self.support_type {
            SupportType::Standard | SupportType::ReturnToWork => self.start_date,
            // 「就労移行支援等の終了日の翌日から起算して6月」
            SupportType::HoursExtension => self.prior_service_end_date.and_then(|d| d.succ_opt()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(skip)]
    pub id: Option<RecordId>,
    /// Row version for stale-edit detection (not exported).
    #[serde(skip)]
    pub version: i64,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    /// Login of the staff member who made the contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<String>,
    pub counterpart: Counterpart,
    /// Which agency / family member, when the counterpart needs naming.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub counterpart_detail: String,
    pub method: Method,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub method_detail: String,
    pub place: Place,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place_detail: String,
    #[serde(default)]
    pub summary: String,
    /// Obligation ids this contact fulfils (stages ①–④).
    #[serde(default)]
    pub obligations: Vec<ObligationId>,
}

/// 支援レポート (別紙様式1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    #[serde(skip)]
    pub id: Option<RecordId>,
    /// Row version for stale-edit detection (not exported).
    #[serde(skip)]
    pub version: i64,
    pub month: YearMonth,
    #[serde(default)]
    pub created: Option<NaiveDate>,
    /// 対象者提示日: satisfies `ret.monthly_report` for the month it falls in.
    #[serde(default)]
    pub presented: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub share_with_employer: bool,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

/// 就労定着支援計画書 (別紙様式2): creation and the chain of reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(skip)]
    pub id: Option<RecordId>,
    /// Row version for stale-edit detection (not exported).
    #[serde(skip)]
    pub version: i64,
    pub created: NaiveDate,
    /// 評価日 of each review, oldest first.
    #[serde(default)]
    pub reviews: Vec<NaiveDate>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    #[serde(skip)]
    pub id: Option<RecordId>,
    /// Row version for stale-edit detection (not exported).
    #[serde(skip)]
    pub version: i64,
    /// agency_sharing, employer_report_sharing, …
    pub scope: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub written: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<NaiveDate>,
}

impl Consent {
    /// In force on `day`: given on or before it and not withdrawn by then.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.date <= day && self.withdrawn.is_none_or(|w| w > day)
    }
}

/// 引継ぎ: sharing a 要継続支援 client's information with another agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    #[serde(skip)]
    pub id: Option<RecordId>,
    /// Row version for stale-edit detection (not exported).
    #[serde(skip)]
    pub version: i64,
    pub date: NaiveDate,
    pub agency: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub shared: String,
    /// The client's consent to share was obtained.
    #[serde(default = "default_true")]
    pub consent: bool,
    /// The steps this handover completes (`m6.handover`, `end.handover_share`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub obligations: Vec<ObligationId>,
}

fn default_true() -> bool {
    true
}

/// ケース会議 (000 §2(3)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseConference {
    #[serde(skip)]
    pub id: Option<RecordId>,
    /// Row version for stale-edit detection (not exported).
    #[serde(skip)]
    pub version: i64,
    pub date: NaiveDate,
    #[serde(default)]
    pub agencies: Vec<AgencyKind>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub online: bool,
    /// サービス管理責任者が出席 (加算 I).
    #[serde(default, skip_serializing_if = "is_false")]
    pub manager_attended: bool,
    /// 出席しなかったサービス管理責任者へ結果を共有 (加算 II).
    #[serde(default, skip_serializing_if = "is_false")]
    pub manager_informed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// 利用者 with every record of their case. This is one element of the
/// interchange document's `clients` array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    #[serde(skip)]
    pub id: Option<ClientId>,
    /// Row version for stale-edit detection (not exported).
    #[serde(skip)]
    pub version: i64,
    pub external_id: String,
    pub name: String,
    #[serde(default)]
    pub kana: String,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    #[serde(default)]
    pub sex: String,
    #[serde(default)]
    pub certificate_no: String,
    #[serde(default)]
    pub certificate_expires: Option<NaiveDate>,
    /// The first day of the current 受給者証's 支給決定期間 (its last is
    /// `certificate_expires`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_from: Option<NaiveDate>,
    /// The earlier 受給者証 (renewed ones), oldest first: their months
    /// stay billable after a renewal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificate_history: Vec<Certificate>,
    /// 援護の実施市町村 (支給決定市町村): where the office reports the
    /// client's job; the 一覧表 is made per municipality.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub municipality: String,
    /// Months for which a 職場適応援助者助成金 was applied for this client:
    /// 就労定着支援 cannot be billed for them (000 §4(1)①).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub job_coach_subsidy_months: Vec<YearMonth>,
    #[serde(default = "default_disclosure")]
    pub disclosure: Disclosure,
    #[serde(default)]
    pub needs_continuing_support: bool,
    #[serde(default)]
    pub assigned_staff: Option<String>,
    /// 障害者手帳, 支援区分, 健康状態, 生活環境 … (要配慮個人情報 included).
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
    #[serde(default)]
    pub employments: Vec<Employment>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub reports: Vec<Report>,
    #[serde(default)]
    pub plans: Vec<Plan>,
    #[serde(default)]
    pub consents: Vec<Consent>,
    #[serde(default)]
    pub handovers: Vec<Handover>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conferences: Vec<CaseConference>,
    /// Items a person marked 対象外, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolutions: Vec<Resolution>,
    /// 終結: the case is closed (it leaves the lists and `due`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closure: Option<Closure>,
}

/// 対象外の判断: one obligation (one month of a monthly item) marked not
/// applicable by a person. It can be taken back (the row is deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    #[serde(skip)]
    pub id: Option<RecordId>,
    pub obligation: ObligationId,
    /// The month, for monthly items (and the review's month for plan reviews).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<YearMonth>,
    /// 入院中, 連絡不能, 本人の意向 … or free text.
    pub reason: String,
    /// Login of who decided.
    pub decided_by: String,
    pub decided_on: NaiveDate,
    /// The anchor day A of the job whose item it decides, when the client
    /// has had more than one (an earlier job's missed step can be decided
    /// after the next job began). Without it, the job the decision was made
    /// in (by its day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<NaiveDate>,
}

impl Resolution {
    /// Does this resolution decide the item `(id, period)`?
    pub fn covers(&self, id: &str, period: Option<YearMonth>) -> bool {
        self.obligation == id && (self.period.is_none() || self.period == period)
    }
}

/// 終結: when and why a case was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    pub date: NaiveDate,
    pub reason: ClosureReason,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Login of who closed it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub closed_by: String,
}

impl Client {
    pub fn is_closed(&self) -> bool {
        self.closure.is_some()
    }
}

fn default_disclosure() -> Disclosure {
    Disclosure::Open
}

impl Client {
    /// The employment the timeline follows: the latest by anchor day.
    pub fn current_employment(&self) -> Option<&Employment> {
        self.employments
            .iter()
            .max_by_key(|e| (e.anchor(), e.decision_date))
    }
}

/// The interchange document: `{"clients": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub clients: Vec<Client>,
}

/// Which record satisfied an obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecordRef {
    Contact {
        id: Option<RecordId>,
        date: NaiveDate,
    },
    Report {
        id: Option<RecordId>,
        month: YearMonth,
        presented: NaiveDate,
    },
    Plan {
        id: Option<RecordId>,
        date: NaiveDate,
    },
    Handover {
        id: Option<RecordId>,
        date: NaiveDate,
    },
}

impl RecordRef {
    pub fn date(&self) -> NaiveDate {
        match self {
            RecordRef::Contact { date, .. }
            | RecordRef::Plan { date, .. }
            | RecordRef::Handover { date, .. } => *date,
            RecordRef::Report { presented, .. } => *presented,
        }
    }
}

/// One item of a client's timeline on a given day (docs/MODEL.md §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Obligation {
    /// Stable id, e.g. `ret.monthly_report` (public contract).
    pub id: &'static str,
    pub title: &'static str,
    /// The notice clause the rule comes from.
    pub clause: &'static str,
    /// For monthly and recurring items: which month / which review.
    pub period: Option<YearMonth>,
    pub window_start: NaiveDate,
    pub due: NaiveDate,
    pub severity: Severity,
    pub status: Status,
    /// Done, but by a record dated after the due day.
    pub late: bool,
    /// For `waived`: why (the engine's fixed reasons, or a person's).
    pub waived_reason: Option<std::borrow::Cow<'static, str>>,
    /// For `waived` by a person's decision: their login.
    pub waived_by: Option<String>,
    pub satisfied_by: Option<RecordRef>,
    /// A warning to show beside the item (e.g. no consent on record).
    pub note: Option<String>,
    /// The anchor day A of an earlier job the item belongs to (its steps
    /// stay in the case after a new job: docs/BASIS.md §5.2); `None` for
    /// the current job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job: Option<NaiveDate>,
}

impl Obligation {
    /// The label shown to people: 完了(遅延), 対象外(離職) …
    pub fn status_label(&self) -> std::borrow::Cow<'static, str> {
        match (self.status, self.late, &self.waived_reason) {
            (Status::Done, true, _) => "完了(遅延)".into(),
            (Status::Waived, _, Some(r)) => format!("対象外({r})").into(),
            (s, _, _) => s.label().into(),
        }
    }

    /// The label for a status column: as `status_label`, with the reason
    /// of a 対象外 in a short word (`対象外(離職)`, never cut to
    /// `対象外(離…`); the whole reason stays in the detail and in JSON.
    pub fn status_short(&self) -> std::borrow::Cow<'static, str> {
        match (self.status, &self.waived_reason) {
            (Status::Waived, Some(r)) => format!("対象外({})", short_reason(r)).into(),
            _ => match self.status.effort_word(self.severity) {
                Some(w) => w.into(),
                None => self.status_label(),
            },
        }
    }

    /// A 必須 item (not a 努力義務 or a note): what the counts of
    /// 期限超過 and 期限間近 are made of.
    pub fn is_required(&self) -> bool {
        self.severity == Severity::Required
    }

    /// The status the item is drawn as (glyph and color): `Status::drawn_as`.
    pub fn drawn_status(&self) -> Status {
        self.status.drawn_as(self.severity)
    }
}

/// Widest short reason word (columns): `対象外(xxxxxx)` fits 14 columns.
pub const SHORT_REASON_W: usize = 6;

/// A 対象外 reason in at most `SHORT_REASON_W` columns: the rules' and
/// 終結's reasons by a fixed word, a person's short reason as written, a
/// longer one as 判断 (a person decided; the detail gives the reason).
pub fn short_reason(reason: &str) -> std::borrow::Cow<'_, str> {
    let word = match reason {
        "支給可能期間(3年6月)を超過" => "満了",
        "要継続支援の対象外" => "不要",
        "通常型のみ" => "類型外",
        "利用希望なし" => "辞退",
        "障害非開示" => "非開示",
        "支援終了" => "終了",
        r if crate::text::width(r) <= SHORT_REASON_W => return r.into(),
        _ => "判断",
    };
    word.into()
}
