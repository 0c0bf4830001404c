//! A small, fixed case load with Japanese names at every stage, for the
//! TUI's tests and snapshots (deterministic: `TODAY` is fixed).

use chrono::{NaiveDate, NaiveTime};

use crate::dates::YearMonth;
use crate::model::{
    Client, ClientId, Contact, Counterpart, Disclosure, Document, Employer, Employment, Intent,
    Method, Place, Plan, Report, SupportType,
};

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid fixture date")
}

/// 令和8年11月23日 (月).
pub(super) const TODAY: (i32, u32, u32) = (2026, 11, 23);

pub(super) fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn client(id: i64, ext: &str, name: &str, kana: &str, staff: Option<&str>) -> Client {
    Client {
        id: Some(ClientId::new(id)),
        version: 1,
        external_id: ext.to_string(),
        name: name.to_string(),
        kana: kana.to_string(),
        birth_date: Some(d(1995, 4, 1)),
        sex: String::new(),
        certificate_no: String::new(),
        municipality: String::new(),
        job_coach_subsidy_months: Vec::new(),
        certificate_from: None,
        certificate_history: Vec::new(),
        certificate_expires: None,
        disclosure: Disclosure::Open,
        needs_continuing_support: false,
        assigned_staff: staff.map(str::to_string),
        fields: Default::default(),
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

fn employment(employer: &str, decision: NaiveDate, start: NaiveDate, intent: Intent) -> Employment {
    Employment {
        version: 0,
        id: None,
        employer: Employer {
            name: employer.to_string(),
            ..Employer::default()
        },
        support_type: SupportType::Standard,
        decision_date: Some(decision),
        start_date: Some(start),
        prior_service_end_date: None,
        intent,
        retention_start_date: None,
        separation_date: None,
        separation_reason: None,
        fields: Default::default(),
    }
}

fn contact(date: NaiveDate, method: Method, summary: &str, obligations: &[&str]) -> Contact {
    Contact {
        version: 0,
        id: None,
        date,
        time: NaiveTime::from_hms_opt(14, 0, 0),
        staff: Some("sato".to_string()),
        counterpart: Counterpart::Client,
        counterpart_detail: String::new(),
        method,
        method_detail: String::new(),
        place: Place::Office,
        place_detail: String::new(),
        summary: summary.to_string(),
        obligations: obligations
            .iter()
            .filter_map(|s| crate::model::ObligationId::parse(s))
            .collect(),
    }
}

/// Six clients: after months 2–3, just employed with nothing recorded, in
/// 就労定着支援, newly employed, separated, and one with no job yet.
pub(super) fn clients() -> Vec<Client> {
    let mut yamada = client(1, "C001", "山田 太郎", "やまだ たろう", Some("sato"));
    yamada.employments.push(employment(
        "株式会社みどり食品",
        d(2026, 5, 10),
        d(2026, 6, 1),
        Intent::Wants,
    ));
    yamada.contacts.push(contact(
        d(2026, 5, 20),
        Method::InPerson,
        "就職後の不安と支援方法を相談。\n通勤経路も確認した。",
        &["pre.needs_assessment", "pre.inform_service"],
    ));
    yamada.contacts.push(contact(
        d(2026, 7, 15),
        Method::Phone,
        "就労定着支援の利用を希望",
        &["m23.confirm_intent"],
    ));

    let mut suzuki = client(2, "C002", "鈴木 花子", "すずき はなこ", Some("tanaka"));
    suzuki.employments.push(employment(
        "有限会社さくら物流",
        d(2026, 9, 10),
        d(2026, 10, 1),
        Intent::Unknown,
    ));

    let mut sato = client(3, "C003", "佐藤 健一", "さとう けんいち", Some("sato"));
    let mut e = employment(
        "ひまわり介護サービス",
        d(2025, 8, 1),
        d(2025, 9, 1),
        Intent::Applied,
    );
    e.retention_start_date = Some(d(2026, 3, 1));
    sato.employments.push(e);
    sato.contacts.push(contact(
        d(2025, 8, 20),
        Method::InPerson,
        "就職後の不安を相談。定着支援の説明",
        &["pre.needs_assessment", "pre.inform_service"],
    ));
    let mut report = contact(
        d(2025, 9, 10),
        Method::Phone,
        "市町村へ就職を報告",
        &["pre.report_municipality"],
    );
    report.counterpart = Counterpart::Agency;
    report.counterpart_detail = "みどり市 障害福祉課".to_string();
    sato.contacts.push(report);
    sato.contacts.push(contact(
        d(2025, 10, 20),
        Method::InPerson,
        "利用意向を確認し、相談支援事業所と共有",
        &["m23.confirm_intent", "m23.share_status"],
    ));
    sato.contacts.push(contact(
        d(2025, 12, 15),
        Method::InPerson,
        "事業所・企業と支援の方向性を共有",
        &["m45.coordinate"],
    ));
    sato.contacts.push(contact(
        d(2026, 2, 10),
        Method::InPerson,
        "就労定着支援への引継ぎ完了",
        &["m6.handover"],
    ));
    for m in 3..=11 {
        sato.contacts.push(contact(
            d(2026, m, 12),
            Method::InPerson,
            "面談。業務と体調の様子を確認",
            &[],
        ));
        let mut visit = contact(
            d(2026, m, 20),
            Method::InPerson,
            "職場訪問。上司と業務量を確認",
            &[],
        );
        visit.counterpart = Counterpart::Employer;
        visit.place = Place::Employer;
        sato.contacts.push(visit);
        if m < 10 {
            sato.reports.push(Report {
                version: 0,
                id: None,
                month: YearMonth {
                    year: 2026,
                    month: m,
                },
                created: Some(d(2026, m, 25)),
                presented: Some(d(2026, m, 28)),
                share_with_employer: false,
                fields: Default::default(),
            });
        }
    }
    sato.plans.push(Plan {
        version: 0,
        id: None,
        created: d(2026, 3, 5),
        reviews: vec![d(2026, 9, 4)],
        fields: Default::default(),
    });

    let mut takahashi = client(4, "C004", "高橋 美咲", "たかはし みさき", None);
    takahashi.employments.push(employment(
        "株式会社あおぞら商事",
        d(2026, 10, 20),
        d(2026, 11, 10),
        Intent::Unknown,
    ));

    let mut ito = client(5, "C005", "伊藤 大輔", "いとう だいすけ", Some("tanaka"));
    let mut e = employment(
        "東西製作所",
        d(2026, 1, 15),
        d(2026, 2, 1),
        Intent::Declined,
    );
    e.separation_date = Some(d(2026, 8, 31));
    e.separation_reason = Some("体調不良".to_string());
    ito.employments.push(e);

    let watanabe = client(6, "C006", "渡辺 さくら", "わたなべ さくら", Some("sato"));
    vec![yamada, suzuki, sato, takahashi, ito, watanabe]
}

pub(super) fn document() -> Document {
    let mut clients = clients();
    for c in &mut clients {
        c.id = None;
    }
    Document { clients }
}
