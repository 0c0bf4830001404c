//! The enums of the model, each with its id (JSON, CLI, database) and its
//! Japanese label. Ids are a public contract (docs/MODEL.md §3).

use serde::{Deserialize, Serialize};

macro_rules! labelled_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $id:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The id used in JSON, the CLI and the database.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $id),+ } }
            /// The Japanese label shown to people.
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
            pub fn parse(s: &str) -> Option<Self> {
                let s = s.trim();
                $name::ALL.iter().copied().find(|v| v.as_str() == s || v.label() == s)
            }
            /// Exactly an id, as bytes: how the database stores it (read
            /// hundreds of thousands of times by `due`, so no UTF-8 check).
            pub fn from_id(b: &[u8]) -> Option<Self> {
                $(if b == $id.as_bytes() { return Some($name::$variant); })+
                None
            }
            /// The accepted ids, for error messages.
            pub fn choices() -> String {
                $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

labelled_enum!(
    /// 支援の類型 (000 §1(1)).
    SupportType {
        Standard = "standard" / "通常",
        HoursExtension = "hours_extension" / "労働時間延長支援型",
        ReturnToWork = "return_to_work" / "復職支援型",
    }
);

labelled_enum!(
    /// 就労定着支援の利用意向.
    Intent {
        Unknown = "unknown" / "未確認",
        Wants = "wants" / "希望",
        Declined = "declined" / "希望しない",
        Applied = "applied" / "申請済",
    }
);

labelled_enum!(
    /// 障害の開示・非開示 (to the employer).
    Disclosure {
        Open = "open" / "開示",
        Closed = "closed" / "非開示",
    }
);

labelled_enum!(
    Counterpart {
        Client = "client" / "本人",
        Employer = "employer" / "事業主",
        Family = "family" / "家族",
        Agency = "agency" / "関係機関",
    }
);

labelled_enum!(
    /// 方法. Only in_person and video count as face-to-face (000 §1(4)②).
    Method {
        InPerson = "in_person" / "面接",
        Video = "video" / "テレビ電話",
        Phone = "phone" / "電話",
        Email = "email" / "メール",
        Other = "other" / "その他",
    }
);

labelled_enum!(
    Place {
        Employer = "employer" / "雇用事業主内",
        Office = "office" / "事業所内",
        Other = "other" / "その他",
    }
);

impl Place {
    /// The place that goes with a contact's counterpart and method, the
    /// form's and `contact add`'s default when the person names none: a
    /// call, a mail or a video call from the office (事業所内 — never
    /// 雇用事業主内, which the 支援レポート's 支援実績 prints as a visit); meeting
    /// the employer at the workplace (雇用事業主内); meeting anyone else
    /// at the office. `None` for その他 (nothing follows from it).
    pub fn for_contact(counterpart: Counterpart, method: Method) -> Option<Place> {
        match (method, counterpart) {
            (Method::Phone | Method::Email | Method::Video, _) => Some(Place::Office),
            (Method::InPerson, Counterpart::Employer) => Some(Place::Employer),
            (Method::InPerson, _) => Some(Place::Office),
            (Method::Other, _) => None,
        }
    }
}

labelled_enum!(
    /// 関係機関の種類 ア–ケ (000 §2(3)).
    AgencyKind {
        LifeSupportCenter = "life_support_center" / "ア 障害者就業・生活支援センター",
        VocationalCenter = "vocational_center" / "イ 地域障害者職業センター",
        HelloWork = "hello_work" / "ウ ハローワーク",
        Employer = "employer" / "エ 雇用事業主",
        TransitionService = "transition_service" / "オ 就労移行支援事業所等",
        ConsultationSupport = "consultation_support" / "カ 特定相談支援事業所",
        Medical = "medical" / "キ 医療機関",
        Municipality = "municipality" / "ク 市町村",
        Other = "other" / "ケ その他",
    }
);

labelled_enum!(
    Role {
        CaseWorker = "case_worker" / "就労定着支援員",
        Coordinator = "coordinator" / "サービス管理責任者",
        Admin = "admin" / "管理者",
    }
);

labelled_enum!(
    /// 終結の理由.
    ClosureReason {
        SupportEnd = "support_end" / "支援終了",
        Separation = "separation" / "離職",
        Moved = "moved" / "転居",
        Died = "died" / "死亡",
        Other = "other" / "その他",
    }
);

labelled_enum!(
    Severity {
        Required = "required" / "必須",
        Effort = "effort" / "努力義務",
        Info = "info" / "情報",
    }
);

labelled_enum!(
    /// Status of an obligation on a given day (docs/BASIS.md §4.4).
    Status {
        Overdue = "overdue" / "期限超過",
        DueSoon = "due_soon" / "期限間近",
        Open = "open" / "対応期間中",
        Upcoming = "upcoming" / "予定",
        Done = "done" / "完了",
        Waived = "waived" / "対象外",
    }
);

impl Status {
    /// A glyph so status never depends on color alone. ASCII or East Asian
    /// Width "neutral" only: ambiguous-width symbols (○, ·) turn two columns
    /// wide in CJK terminals and break alignment.
    pub fn glyph(self) -> &'static str {
        match self {
            Status::Overdue => "!!",
            Status::DueSoon => "!",
            Status::Open => ">",
            Status::Upcoming => ".",
            Status::Done => "✓",
            Status::Waived => "-",
        }
    }
    /// How an item of `severity` in this status is drawn: a 努力義務 late
    /// as one due soon (`!`), never with a 必須 miss's alarm (`!!`).
    pub fn drawn_as(self, severity: Severity) -> Status {
        match self {
            Status::Overdue if severity != Severity::Required => Status::DueSoon,
            s => s,
        }
    }

    /// The word for a status column when the item is not 必須 and needs
    /// attention (a 努力義務 late or due soon); `None` otherwise.
    pub fn effort_word(self, severity: Severity) -> Option<&'static str> {
        match self {
            _ if severity == Severity::Required => None,
            Status::Overdue => Some("超過(努力)"),
            Status::DueSoon => Some("間近(努力)"),
            _ => None,
        }
    }

    /// Sort key: most urgent first.
    pub fn urgency(self) -> u8 {
        match self {
            Status::Overdue => 0,
            Status::DueSoon => 1,
            Status::Open => 2,
            Status::Upcoming => 3,
            Status::Done => 4,
            Status::Waived => 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The store reads enums by their exact id bytes; every id must come
    /// back as its variant, and nothing else may (labels go through parse).
    macro_rules! ids_round_trip {
        ($($t:ident),+) => {$(
            for v in $t::ALL {
                assert_eq!($t::from_id(v.as_str().as_bytes()), Some(*v));
                assert_eq!($t::parse(v.as_str()), Some(*v));
                assert_eq!($t::from_id(v.label().as_bytes()), None, "{}", v.label());
                assert_eq!($t::parse(v.label()), Some(*v));
                assert_eq!($t::from_id(format!(" {}", v.as_str()).as_bytes()), None);
            }
            assert_eq!($t::from_id(b""), None);
        )+};
    }

    #[test]
    fn enum_ids_read_as_bytes_agree_with_parse() {
        ids_round_trip!(SupportType, Intent, Disclosure, Counterpart, Method, Place);
    }
}
