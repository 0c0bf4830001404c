//! `R`: a client's records by kind (the case file), each opened with the
//! timeline's keys; and the hint bar offering what the selected client or
//! row needs next.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::harness::H;
use crate::model::{CaseConference, Consent, Handover, ObligationId};
use crate::operation::{self, Operation};
use crate::tui::action::Action;
use crate::tui::fixtures::d;
use crate::tui::timeline::{Entry, RecordKind, Row};
use crate::tui::widgets::hint_bar::hint_actions;
use crate::tui::widgets::layout::Pane;

const SATO: &str = "C003";

/// 佐藤's case file: two consents (one withdrawn), a handover and a case
/// conference beside the fixture's contacts, reports and plan.
fn with_case_file() -> H {
    let mut h = H::new();
    let client = h.id(SATO);
    let other = h.other("sato");
    for (scope, date, withdrawn) in [
        ("agency_sharing", d(2026, 5, 10), None),
        (
            "employer_report_sharing",
            d(2026, 6, 1),
            Some(d(2026, 9, 30)),
        ),
    ] {
        operation::apply(
            &other,
            &Operation::AddConsent {
                client_id: client,
                consent: Box::new(Consent {
                    id: None,
                    version: 0,
                    scope: scope.into(),
                    date,
                    written: true,
                    withdrawn,
                }),
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect("consent");
    }
    operation::apply(
        &other,
        &Operation::AddHandover {
            client_id: client,
            handover: Box::new(Handover {
                id: None,
                version: 0,
                date: d(2026, 11, 2),
                agency: "みどり市障害者就業・生活支援センター".into(),
                shared: "通院の状況".into(),
                consent: true,
                obligations: ObligationId::parse("end.handover_share")
                    .into_iter()
                    .collect(),
            }),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("handover");
    operation::apply(
        &other,
        &Operation::AddConference {
            client_id: client,
            conference: Box::new(CaseConference {
                id: None,
                version: 0,
                date: d(2026, 10, 20),
                agencies: vec![crate::model::AgencyKind::HelloWork],
                online: false,
                manager_attended: true,
                manager_informed: false,
                notes: String::new(),
            }),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("conference");
    h.reconnect();
    h.wait(Duration::from_millis(50));
    h.select(SATO);
    h
}

fn headings(h: &H) -> Vec<(RecordKind, bool)> {
    let t = h.s.app.timeline.as_ref().expect("timeline");
    t.rows
        .iter()
        .filter_map(|r| match r {
            Row::Kind { kind, folded, .. } => Some((*kind, *folded)),
            _ => None,
        })
        .collect()
}

#[test]
fn r_lists_the_case_file_by_kind_with_contacts_folded() {
    let mut h = with_case_file();
    h.ch('R');
    assert_eq!(
        h.s.app.focus,
        Pane::Timeline,
        "R opens the client's records"
    );
    assert_eq!(
        headings(&h),
        vec![
            (RecordKind::Consent, false),
            (RecordKind::Handover, false),
            (RecordKind::Conference, false),
            (RecordKind::Plan, false),
            (RecordKind::PlanReview, false),
            (RecordKind::Report, false),
            (RecordKind::Employment, false),
            (RecordKind::Contact, true),
        ]
    );
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert!(
        !t.rows
            .iter()
            .any(|r| matches!(r, Row::Entry(Entry::Obligation(_)) | Row::Today)),
        "the case file holds records, not what is due"
    );
    // Newest first within a kind: the withdrawn consent (June) before May's.
    let consents: Vec<_> = t
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Entry(Entry::Record(i)) if t.records[*i].kind == RecordKind::Consent => {
                Some(t.records[*i].date)
            }
            _ => None,
        })
        .collect();
    assert_eq!(consents, vec![d(2026, 6, 1), d(2026, 5, 10)]);
    let screen = h.draw();
    assert!(screen.contains("記録の一覧 — 佐藤 健一"), "{screen}");
    assert!(screen.contains("同意（撤回を含む）（2件）"), "{screen}");
    assert!(
        screen.contains("撤回"),
        "the withdrawal shows in the list:\n{screen}"
    );
}

#[test]
fn enter_on_a_consent_opens_it_with_its_withdrawal_and_esc_returns_to_the_timeline() {
    let mut h = with_case_file();
    h.ch('R');
    // The first consent row: just under the heading.
    h.ch('g');
    h.ch('j');
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let r = t.selected_record().expect("a record is selected");
    assert_eq!((r.kind, r.date), (RecordKind::Consent, d(2026, 6, 1)));
    h.key(KeyCode::Enter);
    h.wait(Duration::from_millis(20));
    assert!(h.s.app.form.is_some(), "Enter opens the consent to correct");
    assert_eq!(h.form_value("withdrawn"), "令和8年9月30日");
    h.key(KeyCode::Esc);
    assert!(h.s.app.form.is_none());
    // Esc: one level back — the timeline, then the list.
    h.key(KeyCode::Esc);
    assert!(!h.s.app.records_view);
    assert_eq!(h.s.app.focus, Pane::Timeline);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert_eq!(
        t.selected_record().map(|r| (r.kind, r.date)),
        Some((RecordKind::Consent, d(2026, 6, 1))),
        "the cursor stays on the record in the timeline"
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.s.app.focus, Pane::List);
}

#[test]
fn space_opens_the_folded_contacts_and_the_view_stays_across_clients() {
    let mut h = with_case_file();
    h.ch('R');
    h.ch('G');
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert!(matches!(
        t.selected_row(),
        Some(Row::Kind {
            kind: RecordKind::Contact,
            folded: true,
            ..
        })
    ));
    h.key(KeyCode::Char(' '));
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let contacts = t
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::Contact)
        .count();
    assert!(contacts > 3);
    assert_eq!(
        t.rows
            .iter()
            .filter(|r| matches!(r, Row::Entry(Entry::Record(_))))
            .count(),
        t.records.len(),
        "every record is listed once the contacts are open"
    );
    // Another client: still the records view.
    h.s.app.focus = Pane::List;
    h.select("C001");
    h.wait(Duration::from_millis(20));
    assert!(h.s.app.timeline.as_ref().is_some_and(|t| t.by_kind));
}

#[test]
fn the_records_view_fits_80x24() {
    let mut h = with_case_file();
    h.ch('R');
    insta::assert_snapshot!(h.draw());
}

#[test]
fn the_hint_bar_puts_first_what_the_selected_row_needs() {
    let mut h = with_case_file();
    // A record: correct it or delete it.
    h.ch('R');
    h.ch('g');
    h.ch('j');
    let a = hint_actions(&h.s.app);
    assert_eq!(&a[..2], &[Action::Enter, Action::DeleteRecord]);
    // A heading: open or close it.
    h.ch('g');
    assert_eq!(hint_actions(&h.s.app)[0], Action::GroupToggle);
    // Each action once, whatever moved to the front.
    let mut sorted = a.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), a.len());
}

#[test]
fn the_list_offers_first_what_the_client_most_urgently_needs() {
    let mut h = H::new();
    // 佐藤: last month's 支援レポート is overdue — the report key first.
    h.select(SATO);
    assert_eq!(hint_actions(&h.s.app)[0], Action::Report);
    assert!(
        h.draw()
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("r 報告"))
    );
    // 山田: stage steps overdue — a contact records them.
    h.select("C001");
    assert_eq!(hint_actions(&h.s.app)[0], Action::NewContact);
    // 渡辺: no job registered yet — the employment form.
    h.select("C006");
    assert_eq!(hint_actions(&h.s.app)[0], Action::EmploymentForm);
}
