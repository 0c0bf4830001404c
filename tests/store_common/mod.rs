//! Shared test data for the store tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use teichaku::dates::YearMonth;
use teichaku::model::*;
use teichaku::store::Store;

pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

pub(crate) fn fields(pairs: &[(&str, &str)]) -> Fields {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<BTreeMap<_, _>>()
}

/// A fresh database path in a temp dir.
pub(crate) fn db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("teichaku.db");
    (dir, path)
}

/// A store with a pinned clock.
pub(crate) fn open(path: &Path, user: &str) -> Store {
    let mut s = Store::open_as(path, user).expect("open");
    // After every fixture's date: a write is refused for things done after
    // the clock's day, and the rules look at the same day.
    s.set_clock(|| {
        Utc.with_ymd_and_hms(2030, 12, 31, 1, 2, 3)
            .single()
            .unwrap_or_default()
    });
    s.set_today(chrono::NaiveDate::from_ymd_opt(2030, 12, 31).unwrap_or_default());
    s
}

/// An obligation id of the contract.
pub(crate) fn obl(id: &str) -> teichaku::model::ObligationId {
    teichaku::model::ObligationId::parse(id).expect("an id of the contract")
}

pub(crate) fn contact(date: NaiveDate, summary: &str) -> Contact {
    Contact {
        id: None,
        version: 0,
        date,
        time: None,
        staff: None,
        counterpart: Counterpart::Client,
        counterpart_detail: String::new(),
        method: Method::InPerson,
        method_detail: String::new(),
        place: Place::Office,
        place_detail: String::new(),
        summary: summary.to_string(),
        obligations: Vec::new(),
    }
}

pub(crate) fn bare_client(external_id: &str) -> Client {
    Client {
        id: None,
        version: 0,
        external_id: external_id.to_string(),
        name: format!("利用者 {external_id}"),
        kana: String::new(),
        birth_date: None,
        sex: String::new(),
        certificate_no: String::new(),
        certificate_expires: None,
        municipality: String::new(),
        job_coach_subsidy_months: Vec::new(),
        certificate_from: None,
        certificate_history: Vec::new(),
        disclosure: Disclosure::Open,
        needs_continuing_support: false,
        assigned_staff: None,
        fields: Fields::new(),
        employments: Vec::new(),
        contacts: Vec::new(),
        reports: Vec::new(),
        plans: Vec::new(),
        consents: Vec::new(),
        handovers: Vec::new(),
        conferences: Vec::new(),
        resolutions: Vec::new(),
        closure: None,
    }
}

/// A client with every field of every record set (and a second, sparse
/// record of each kind, so NULL/empty paths round-trip too).
pub(crate) fn rich_client(external_id: &str) -> Client {
    Client {
        id: None,
        version: 0,
        external_id: external_id.to_string(),
        name: "山田 太郎".into(),
        kana: "やまだ たろう".into(),
        birth_date: Some(d(1990, 5, 1)),
        sex: "男".into(),
        certificate_no: "1234567890".into(),
        certificate_expires: Some(d(2027, 3, 31)),
        municipality: String::new(),
        job_coach_subsidy_months: Vec::new(),
        certificate_from: None,
        certificate_history: Vec::new(),
        disclosure: Disclosure::Closed,
        needs_continuing_support: true,
        assigned_staff: Some("tanaka".into()),
        fields: fields(&[("handbook", "精神 2級"), ("health", "服薬あり\n通院 月1回")]),
        employments: vec![
            Employment {
                id: None,
                version: 0,
                employer: Employer {
                    name: "JS工業株式会社".into(),
                    industry: "製造業".into(),
                    address: "東京都千代田区1-1".into(),
                    phone: "03-0000-0000".into(),
                    contact_person: "課長 佐藤".into(),
                },
                support_type: SupportType::Standard,
                decision_date: Some(d(2026, 3, 20)),
                start_date: Some(d(2026, 4, 15)),
                prior_service_end_date: Some(d(2026, 4, 14)),
                intent: Intent::Applied,
                retention_start_date: Some(d(2026, 10, 15)),
                separation_date: Some(d(2028, 1, 31)),
                separation_reason: Some("".into()),
                fields: fields(&[("employment_form", "パート"), ("wage", "時給1,100円")]),
            },
            Employment {
                id: None,
                version: 0,
                employer: Employer {
                    name: "次の会社".into(),
                    ..Employer::default()
                },
                support_type: SupportType::HoursExtension,
                decision_date: None,
                start_date: None,
                prior_service_end_date: Some(d(2028, 3, 31)),
                intent: Intent::Unknown,
                retention_start_date: None,
                separation_date: None,
                separation_reason: None,
                fields: Fields::new(),
            },
        ],
        contacts: vec![
            Contact {
                id: None,
                version: 0,
                date: d(2026, 5, 20),
                time: Some(NaiveTime::from_hms_opt(14, 30, 0).expect("time")),
                staff: Some("tanaka".into()),
                counterpart: Counterpart::Agency,
                counterpart_detail: "障害者就業・生活支援センター○○".into(),
                method: Method::Other,
                method_detail: "チャット".into(),
                place: Place::Other,
                place_detail: "喫茶店".into(),
                summary: "利用意向を確認\n次回は職場訪問".into(),
                obligations: vec![obl("m23.share_status"), obl("m23.confirm_intent")],
            },
            contact(d(2026, 4, 1), "電話"),
        ],
        reports: vec![
            Report {
                id: None,
                version: 0,
                month: YearMonth::new(2026, 10).expect("month"),
                created: Some(d(2026, 10, 30)),
                presented: Some(d(2026, 10, 31)),
                share_with_employer: true,
                fields: fields(&[("goal_1", "遅刻しない"), ("result_1", "達成")]),
            },
            Report {
                id: None,
                version: 0,
                month: YearMonth::new(2026, 11).expect("month"),
                created: None,
                presented: None,
                share_with_employer: false,
                fields: Fields::new(),
            },
        ],
        plans: vec![Plan {
            id: None,
            version: 0,
            created: d(2026, 10, 15),
            reviews: vec![d(2027, 4, 10), d(2027, 10, 1)],
            fields: fields(&[("long_goal", "正社員になる")]),
        }],
        consents: vec![
            Consent {
                id: None,
                version: 0,
                scope: "agency_sharing".into(),
                date: d(2026, 5, 20),
                written: true,
                withdrawn: Some(d(2027, 1, 1)),
            },
            Consent {
                id: None,
                version: 0,
                scope: "employer_report_sharing".into(),
                date: d(2026, 5, 21),
                written: false,
                withdrawn: None,
            },
        ],
        handovers: vec![Handover {
            version: 0,
            obligations: Vec::new(),
            id: None,
            date: d(2029, 6, 1),
            agency: "障害者就業・生活支援センター○○".into(),
            shared: "支援経過と配慮事項".into(),
            consent: false,
        }],
        conferences: vec![CaseConference {
            version: 0,
            id: None,
            date: d(2027, 1, 10),
            agencies: vec![AgencyKind::HelloWork, AgencyKind::Medical],
            online: true,
            manager_attended: true,
            manager_informed: true,
            notes: "次回は3か月後".into(),
        }],
        resolutions: Vec::new(),
        closure: None,
    }
}

/// Two rich clients and one bare one.
pub(crate) fn rich_document() -> Document {
    Document {
        clients: vec![
            rich_client("C001"),
            rich_client("C002"),
            bare_client("C003"),
        ],
    }
}
