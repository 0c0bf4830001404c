use super::*;
use crate::tui::fixtures::{clients, d, today};
use crate::tui::timeline::{Entry, ItemKey, Row, Timeline};

fn yamada_timeline() -> Timeline {
    let c = clients().remove(0);
    let obligations = vec![
        done_by_contact(
            ob(
                "pre.needs_assessment",
                "ニーズ把握",
                d(2026, 5, 10),
                d(2026, 5, 31),
                Status::Open,
            ),
            d(2026, 5, 20),
        ),
        done_by_contact(
            ob(
                "m23.confirm_intent",
                "利用意向の確認",
                d(2026, 7, 1),
                d(2026, 8, 31),
                Status::Open,
            ),
            d(2026, 7, 15),
        ),
        ob(
            "m23.share_status",
            "状況共有",
            d(2026, 7, 1),
            d(2026, 8, 31),
            Status::Overdue,
        ),
        ob(
            "m45.coordinate",
            "連絡調整",
            d(2026, 9, 1),
            d(2026, 10, 31),
            Status::Overdue,
        ),
        ob(
            "m6.handover",
            "引継ぎ",
            d(2026, 11, 1),
            d(2026, 11, 30),
            Status::DueSoon,
        ),
        monthly(
            "ret.monthly_report",
            "支援レポート",
            YearMonth {
                year: 2026,
                month: 12,
            },
            Status::Upcoming,
        ),
    ];
    Timeline::new(c, obligations, today())
}

fn keys(t: &Timeline) -> Vec<String> {
    t.rows
        .iter()
        .map(|r| match r {
            Row::Month { month, folded, .. } => {
                format!("{}{}", if *folded { "+" } else { "-" }, month)
            }
            Row::Today => "today".to_string(),
            Row::Kind { kind, folded, .. } => {
                format!("{}{}", if *folded { "+" } else { "-" }, kind.heading())
            }
            Row::Entry(Entry::Obligation(i)) => t.obligations[*i].id.to_string(),
            Row::Entry(Entry::Record(i)) => format!("record {}", t.records[*i].date),
        })
        .collect()
}

#[test]
fn obligations_and_records_interleave_by_date_with_a_line_for_today() {
    let t = yamada_timeline();
    assert_eq!(
        keys(&t),
        [
            "+2026-05",
            // The job itself, on its 就職日.
            "+2026-06",
            "+2026-07",
            "-2026-08",
            "m23.confirm_intent",
            "m23.share_status",
            "-2026-10",
            "m45.coordinate",
            "-2026-11",
            "today",
            "m6.handover",
            "-2026-12",
            "ret.monthly_report",
        ]
    );
}

#[test]
fn past_months_with_nothing_left_to_do_start_folded_and_unfold_on_request() {
    let mut t = yamada_timeline();
    assert!(t.folded.contains(&YearMonth {
        year: 2026,
        month: 5
    }));
    assert!(
        t.folded.contains(&YearMonth {
            year: 2026,
            month: 7
        }),
        "July holds only a record"
    );
    assert!(
        !t.folded.contains(&YearMonth {
            year: 2026,
            month: 8
        }),
        "August has an overdue item"
    );
    t.select_end(false);
    t.toggle_fold();
    assert_eq!(
        &keys(&t)[..3],
        ["-2026-05", "record 2026-05-20", "pre.needs_assessment"]
    );
    assert_eq!(t.selected, 0, "the cursor stays on the heading");
}

#[test]
fn the_cursor_starts_on_the_first_overdue_item_and_never_rests_on_today() {
    let mut t = yamada_timeline();
    assert_eq!(
        t.selected_obligation().map(|o| o.id),
        Some("m23.share_status")
    );
    let today_row = t
        .rows
        .iter()
        .position(|r| *r == Row::Today)
        .expect("today line");
    t.selected = today_row - 1;
    t.move_by(1);
    assert_ne!(t.selected_row(), Some(Row::Today));
    assert_eq!(t.selected_obligation().map(|o| o.id), Some("m6.handover"));
    t.move_by(-1);
    assert_eq!(
        t.selected_row(),
        Some(Row::Month {
            month: YearMonth {
                year: 2026,
                month: 11
            },
            folded: false,
            items: 1
        })
    );
}

#[test]
fn selecting_an_item_hidden_in_a_folded_month_unfolds_it() {
    let mut t = yamada_timeline();
    assert!(t.select_key(&ItemKey::Obligation("pre.needs_assessment", None, None)));
    assert_eq!(
        t.selected_obligation().map(|o| o.id),
        Some("pre.needs_assessment")
    );
    assert!(!t.folded.contains(&YearMonth {
        year: 2026,
        month: 5
    }));
}

#[test]
fn a_reload_keeps_the_case_workers_folds_and_falls_back_to_the_heading() {
    let mut t = yamada_timeline();
    let folded = t.folded.clone();
    t.select_key_keeping_folds(Some(&ItemKey::Obligation(
        "pre.needs_assessment",
        None,
        None,
    )));
    assert_eq!(t.folded, folded);
    assert!(matches!(t.selected_row(), Some(Row::Month { .. })));
}

#[test]
fn only_stage_steps_can_be_linked_to_a_contact_open_ones_first() {
    let t = yamada_timeline();
    let ids: Vec<String> = t.linkable_steps().into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        ids,
        [
            "m23.share_status",
            "m45.coordinate",
            "m6.handover",
            "pre.needs_assessment",
            "m23.confirm_intent"
        ]
    );
}
