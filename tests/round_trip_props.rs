//! Whatever an entry point accepts survives export → import → export
//! unchanged. The CLI, the forms and import all write through the store,
//! which applies the one rule set; so: random records — many of them bad —
//! are offered to the store one by one, and the case made of those it
//! accepted must come back byte for byte through the interchange format.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

use chrono::NaiveDate;
use proptest::prelude::*;
use teichaku::dates::{YearMonth, add_days};
use teichaku::interchange;
use teichaku::model::*;
use teichaku::operation::{self, Operation};
use teichaku::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 6, 30).expect("date")
}

/// Mostly days of the last few years; now and then an impossible year or a
/// day after today.
fn date() -> impl Strategy<Value = NaiveDate> {
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).expect("d");
    prop_oneof![
        6 => (-900i64..600).prop_map(move |n| add_days(base, n)),
        1 => (-50_000i64..80_000).prop_map(move |n| add_days(base, n)),
    ]
}

/// Text a person might type or paste: Japanese, ASCII, line breaks, tabs,
/// and now and then a control character, an escape or a bidi override.
fn text(max: usize) -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        8 => prop::sample::select("あいうえお面談就労定着支援ｱｲｳ山田太郎 ABCabc0123。、「」（）".chars().collect::<Vec<_>>()),
        1 => prop::sample::select(vec!['\n', '\t', '\r', '\u{1b}', '\u{7}', '\u{202e}', '\u{0}', '😀']),
    ];
    prop::collection::vec(ch, 0..max).prop_map(|v| v.into_iter().collect())
}

fn obligation() -> impl Strategy<Value = ObligationId> {
    prop::sample::select(ObligationId::all().collect::<Vec<_>>())
}

fn contact() -> impl Strategy<Value = Contact> {
    (
        date(),
        prop::sample::select(Counterpart::ALL.to_vec()),
        prop::sample::select(Method::ALL.to_vec()),
        prop::sample::select(Place::ALL.to_vec()),
        text(40),
        text(6),
        prop::collection::vec(obligation(), 0..3),
    )
        .prop_map(
            |(date, counterpart, method, place, summary, detail, obligations)| Contact {
                id: None,
                version: 0,
                date,
                time: None,
                staff: Some("tanaka".into()),
                counterpart,
                counterpart_detail: detail,
                method,
                method_detail: String::new(),
                place,
                place_detail: String::new(),
                summary,
                obligations,
            },
        )
}

fn report() -> impl Strategy<Value = Report> {
    (
        date(),
        proptest::option::of(date()),
        proptest::option::of(date()),
        text(20),
    )
        .prop_map(|(m, created, presented, goal)| Report {
            id: None,
            version: 0,
            month: YearMonth::of(m),
            created,
            presented,
            share_with_employer: false,
            fields: [("goal_1".to_string(), goal)].into_iter().collect(),
        })
}

fn consent() -> impl Strategy<Value = Consent> {
    (date(), proptest::option::of(date()), text(8)).prop_map(|(date, withdrawn, scope)| Consent {
        id: None,
        version: 0,
        scope,
        date,
        written: true,
        withdrawn,
    })
}

fn handover() -> impl Strategy<Value = Handover> {
    (
        date(),
        text(10),
        text(30),
        prop::collection::vec(obligation(), 0..2),
    )
        .prop_map(|(date, agency, shared, obligations)| Handover {
            id: None,
            version: 0,
            date,
            agency,
            shared,
            consent: true,
            obligations,
        })
}

fn employment() -> impl Strategy<Value = Employment> {
    (date(), date(), proptest::option::of(date()), text(12)).prop_map(
        |(decision, start, retention, name)| Employment {
            id: None,
            version: 0,
            employer: Employer {
                name,
                ..Employer::default()
            },
            support_type: SupportType::Standard,
            decision_date: Some(decision),
            start_date: Some(start),
            prior_service_end_date: None,
            intent: Intent::Unknown,
            retention_start_date: retention,
            separation_date: None,
            separation_reason: None,
            fields: Fields::new(),
        },
    )
}

#[derive(Debug, Clone)]
struct Offered {
    employment: Employment,
    contacts: Vec<Contact>,
    reports: Vec<Report>,
    consents: Vec<Consent>,
    handovers: Vec<Handover>,
    name: String,
    municipality: String,
    subsidy_months: Vec<(i32, u32)>,
}

fn offered() -> impl Strategy<Value = Offered> {
    (
        employment(),
        prop::collection::vec(contact(), 0..8),
        prop::collection::vec(report(), 0..4),
        prop::collection::vec(consent(), 0..3),
        prop::collection::vec(handover(), 0..3),
        text(10),
        text(20),
        prop::collection::vec((2024i32..2028, 1u32..=12), 0..4),
    )
        .prop_map(
            |(
                employment,
                contacts,
                reports,
                consents,
                handovers,
                name,
                municipality,
                subsidy_months,
            )| Offered {
                employment,
                contacts,
                reports,
                consents,
                handovers,
                name,
                municipality,
                subsidy_months,
            },
        )
}

fn open(dir: &tempfile::TempDir, name: &str) -> Store {
    let mut s = Store::open_as(&dir.path().join(name), "tanaka").expect("open");
    s.set_today(today());
    // Writes are judged by the clock's day: the same day.
    let at = today().and_hms_opt(1, 2, 3).expect("a time").and_utc();
    s.set_clock(move || at);
    s
}

fn json_of(s: &Store) -> String {
    interchange::to_json(&s.export(None).expect("export"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn whatever_the_store_accepts_survives_export_import_export(o in offered()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = open(&dir, "a.db");
        let client = Client {
            id: None, version: 0,
            external_id: "P001".into(),
            name: if o.name.trim().is_empty() { "名前".into() } else { o.name.clone() },
            kana: String::new(), birth_date: None, sex: String::new(),
            certificate_no: String::new(), certificate_expires: None,
            municipality: o.municipality.clone(),
            certificate_from: None,
            certificate_history: Vec::new(),
            job_coach_subsidy_months: o
                .subsidy_months
                .iter()
                .filter_map(|&(y, m)| teichaku::dates::YearMonth::new(y, m))
                .collect(),
            disclosure: Disclosure::Open, needs_continuing_support: false,
            assigned_staff: None, fields: Fields::new(),
            employments: vec![], contacts: vec![], reports: vec![], plans: vec![],
            consents: vec![], handovers: vec![], conferences: vec![],
            resolutions: vec![], closure: None,
        };
        let Ok(id) = operation::apply(&a, &Operation::AddClient(Box::new(client.clone()))).map(|a| a.client.unwrap_or_default()) else { return Ok(()) };
        let mut accepted = 0;
        accepted += usize::from(operation::apply(&a, &Operation::AddEmployment { client_id: id, employment: Box::new(o.employment.clone()) }).map(|a| a.record.unwrap_or_default()).is_ok());
        for c in &o.contacts { accepted += usize::from(operation::apply(&a, &Operation::AddContact { client_id: id, contact: Box::new(c.clone()), intent: None }).map(|a| a.record.unwrap_or_default()).is_ok()); }
        for r in &o.reports { accepted += usize::from(operation::apply(&a, &Operation::AddReport { client_id: id, report: Box::new(r.clone()) }).map(|a| a.record.unwrap_or_default()).is_ok()); }
        for c in &o.consents { accepted += usize::from(operation::apply(&a, &Operation::AddConsent { client_id: id, consent: Box::new(c.clone()) }).map(|a| a.record.unwrap_or_default()).is_ok()); }
        for h in &o.handovers { accepted += usize::from(operation::apply(&a, &Operation::AddHandover { client_id: id, handover: Box::new(h.clone()) }).map(|a| a.record.unwrap_or_default()).is_ok()); }
        let first = json_of(&a);
        let doc = interchange::parse_document(&first, today());
        prop_assert!(doc.is_ok(), "import refuses what the store accepted: {:?}", doc.err());
        let b = open(&dir, "b.db");
        operation::import_document(&b, &doc.expect("checked")).expect("import");
        prop_assert_eq!(json_of(&b), first, "{} records accepted", accepted);
    }
}
