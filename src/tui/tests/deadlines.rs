use super::*;
use crate::model::ClientId;
use crate::tui::deadlines::{DRow, Deadlines, Grouping, Narrow};
use crate::tui::fixtures::{d, today};
use crate::tui::snapshot::{ClientRow, Pending, Snapshot};
use crate::tui::staff_picker::Who;

fn row(id: i64, name: &str, kana: &str, staff: &str) -> ClientRow {
    let (haystack, ranges) = crate::tui::filter::join_fields(&[name, kana]);
    ClientRow {
        id: ClientId::new(id),
        external_id: format!("C{id:03}"),
        name: name.into(),
        kana: kana.into(),
        employer: String::new(),
        staff: Some(staff.into()),
        badge: String::new(),
        stage: String::new(),
        overdue: 0,
        due_soon: 0,
        effort: 0,
        most_urgent: None,
        next_due: None,
        haystack,
        ranges,
        closure: None,
    }
}

fn snapshot() -> Snapshot {
    let mut s = Snapshot::default();
    s.rows = vec![
        row(1, "山田 太郎", "やまだ", "sato"),
        row(2, "鈴木 花子", "すずき", "tanaka"),
    ];
    let p = |row, o: crate::model::Obligation| Pending {
        row,
        obligation: (&o).into(),
    };
    s.pending = vec![
        p(
            1,
            ob(
                "pre.report_municipality",
                "市町村へ報告",
                d(2026, 9, 10),
                d(2026, 10, 15),
                Status::Overdue,
            ),
        ),
        p(
            0,
            ob(
                "m23.share_status",
                "状況共有",
                d(2026, 7, 1),
                d(2026, 8, 31),
                Status::Overdue,
            ),
        ),
        p(
            0,
            ob(
                "m6.handover",
                "引継ぎ",
                d(2026, 11, 1),
                d(2026, 11, 30),
                Status::DueSoon,
            ),
        ),
        p(
            1,
            ob(
                "m23.confirm_intent",
                "利用意向の確認",
                d(2026, 11, 1),
                d(2026, 12, 15),
                Status::Open,
            ),
        ),
        p(
            1,
            monthly(
                "ret.monthly_report",
                "支援レポート",
                YearMonth {
                    year: 2027,
                    month: 3,
                },
                Status::Upcoming,
            ),
        ),
    ];
    s
}

fn listed(dl: &Deadlines, s: &Snapshot) -> Vec<String> {
    dl.rows
        .iter()
        .map(|r| match r {
            DRow::Heading { count, .. } => format!("# {count}"),
            DRow::Item(i) => s.pending[*i].obligation.id().to_string(),
        })
        .collect()
}

#[test]
fn overdue_first_most_recent_miss_first_then_due_soon_then_the_rest_within_the_window() {
    let s = snapshot();
    let mut dl = Deadlines::default();
    dl.rebuild(&s, today(), Narrow::ALL);
    assert_eq!(
        listed(&dl, &s),
        [
            "# 2",
            "pre.report_municipality",
            "m23.share_status",
            "# 1",
            "m6.handover",
            "# 1",
            "m23.confirm_intent"
        ]
    );
    assert_eq!(
        dl.selected, 1,
        "the cursor starts on the first item, not a heading"
    );
}

#[test]
fn more_days_reaches_further_and_fewer_days_less() {
    let s = snapshot();
    let mut dl = Deadlines::default();
    dl.rebuild(&s, today(), Narrow::ALL);
    assert!(!listed(&dl, &s).contains(&"ret.monthly_report".to_string()));
    for _ in 0..3 {
        dl.wider();
    }
    assert_eq!(dl.days, 180);
    dl.rebuild(&s, today(), Narrow::ALL);
    assert!(listed(&dl, &s).contains(&"ret.monthly_report".to_string()));
    dl.narrower();
    dl.narrower();
    dl.narrower();
    dl.narrower();
    assert_eq!(dl.days, 14);
    dl.rebuild(&s, today(), Narrow::ALL);
    assert!(
        !listed(&dl, &s).contains(&"m23.confirm_intent".to_string()),
        "due in 22 days"
    );
    assert!(
        listed(&dl, &s).contains(&"m23.share_status".to_string()),
        "overdue stays whatever the window"
    );
}

#[test]
fn the_kind_filter_cycles_through_the_stages_by_id_prefix() {
    let s = snapshot();
    let mut dl = Deadlines::default();
    dl.cycle_kind();
    assert_eq!(dl.kind_label(), "就職前");
    dl.rebuild(&s, today(), Narrow::ALL);
    assert_eq!(listed(&dl, &s), ["# 1", "pre.report_municipality"]);
    dl.cycle_kind();
    dl.rebuild(&s, today(), Narrow::ALL);
    assert_eq!(dl.kind_label(), "2～3月目");
    assert_eq!(
        listed(&dl, &s),
        ["# 1", "m23.share_status", "# 1", "m23.confirm_intent"]
    );
    for _ in 0..5 {
        dl.cycle_kind();
    }
    assert_eq!(dl.kind_label(), "すべて");
}

#[test]
fn required_only_hides_effort_duties_and_says_so_in_the_title() {
    let mut s = snapshot();
    // 事業主との連絡調整 is an effort duty (努力義務), overdue last month.
    let mut employer = monthly(
        "ret.monthly_employer",
        "事業主との連絡調整",
        YearMonth {
            year: 2026,
            month: 10,
        },
        Status::Overdue,
    );
    employer.severity = crate::model::Severity::Effort;
    s.pending.push(Pending {
        row: 0,
        obligation: (&employer).into(),
    });
    let mut dl = Deadlines::default();
    dl.rebuild(&s, today(), Narrow::ALL);
    assert!(listed(&dl, &s).contains(&"ret.monthly_employer".to_string()));
    assert_eq!(dl.severity_label(), "");

    dl.toggle_required_only();
    dl.rebuild(&s, today(), Narrow::ALL);
    let shown = listed(&dl, &s);
    assert!(!shown.contains(&"ret.monthly_employer".to_string()));
    assert!(shown.contains(&"m23.share_status".to_string()));
    assert_eq!(dl.items, 4);
    assert_eq!(dl.severity_label(), " / 必須のみ");

    dl.toggle_required_only();
    dl.rebuild(&s, today(), Narrow::ALL);
    assert_eq!(dl.items, 5);
}

#[test]
fn my_caseload_keeps_only_my_clients_items() {
    let s = snapshot();
    let mut dl = Deadlines::default();
    dl.rebuild(
        &s,
        today(),
        Narrow {
            who: &Who::Staff("sato".into()),
            rows: None,
        },
    );
    assert_eq!(
        listed(&dl, &s),
        ["# 1", "m23.share_status", "# 1", "m6.handover"]
    );
}

#[test]
fn grouping_by_month_orders_by_due_day_under_month_headings() {
    let s = snapshot();
    let mut dl = Deadlines {
        grouping: Grouping::Month,
        ..Deadlines::default()
    };
    dl.rebuild(&s, today(), Narrow::ALL);
    assert_eq!(
        listed(&dl, &s),
        [
            "# 1",
            "m23.share_status",
            "# 1",
            "pre.report_municipality",
            "# 1",
            "m6.handover",
            "# 1",
            "m23.confirm_intent"
        ]
    );
}

#[test]
fn moving_steps_over_headings_and_the_selection_survives_a_rebuild() {
    let s = snapshot();
    let mut dl = Deadlines::default();
    dl.rebuild(&s, today(), Narrow::ALL);
    dl.move_by(2);
    assert_eq!(
        dl.selected_item().map(|i| s.pending[i].obligation.id()),
        Some("m6.handover")
    );
    dl.grouping = Grouping::Month;
    dl.rebuild(&s, today(), Narrow::ALL);
    assert_eq!(
        dl.selected_item().map(|i| s.pending[i].obligation.id()),
        Some("m6.handover")
    );
}

#[test]
fn the_header_shows_as_many_workers_as_fit_then_how_many_more() {
    use crate::tui::deadlines::StaffCount;
    use crate::tui::deadlines::view::header_text;
    use crate::tui::staff_picker::Marks;
    let mut dl = Deadlines {
        by_staff: (0..12)
            .map(|k| StaffCount {
                who: Who::Staff(format!("worker{k:02}")),
                overdue: 20 - k,
                due_soon: k,
                effort: 0,
            })
            .collect(),
        ..Deadlines::default()
    };
    let marks = Marks::default();
    let line = header_text(&dl, &marks, 78);
    assert!(crate::text::width(&line) <= 78, "{line}");
    let shown = (0..12)
        .filter(|k| line.contains(&format!("worker{k:02} ")))
        .count();
    assert!(shown >= 3, "{line}");
    assert!(
        line.ends_with(&format!("…他{}人", 12 - shown)),
        "the rest counted: {line}"
    );
    // The most overdue first: the ones shown are the first ones.
    assert!(line.contains("worker00 20/0"), "{line}");
    // Room for everyone: no tail.
    dl.by_staff.truncate(2);
    let line = header_text(&dl, &marks, 78);
    assert!(!line.contains('…'), "{line}");
    dl.by_staff.clear();
    assert!(header_text(&dl, &marks, 78).contains("なし"));
}

#[test]
fn each_worker_is_counted_whoever_is_chosen_most_overdue_first() {
    use crate::tui::deadlines::StaffCount;
    let s = snapshot();
    let mut dl = Deadlines::default();
    let tanaka = Who::Staff("tanaka".into());
    dl.rebuild(
        &s,
        today(),
        Narrow {
            who: &tanaka,
            rows: None,
        },
    );
    let count = |who: &str, overdue, due_soon| StaffCount {
        who: Who::Staff(who.into()),
        overdue,
        due_soon,
        effort: 0,
    };
    assert_eq!(dl.by_staff, [count("sato", 1, 1), count("tanaka", 1, 0)]);
    assert_eq!((dl.total.overdue, dl.total.due_soon), (2, 1));
    assert_eq!(
        listed(&dl, &s),
        [
            "# 1",
            "pre.report_municipality",
            "# 1",
            "m23.confirm_intent"
        ]
    );
    // The filter box's rows narrow the counts too.
    let rows = [true, false];
    dl.rebuild(
        &s,
        today(),
        Narrow {
            who: &Who::All,
            rows: Some(&rows),
        },
    );
    assert_eq!(dl.by_staff, [count("sato", 1, 1)]);
}

/// A late 努力義務 (the monthly employer contact) is listed in its own
/// group after the 必須 ones and counted apart, so the 必須 counts read
/// clean; and an item the rules call 期限間近 by its own window (the
/// 受給者証's 60 days) is listed and counted even beyond the view's days.
#[test]
fn effort_items_are_grouped_and_counted_apart_and_every_due_soon_item_is_in() {
    use crate::model::Severity;
    let mut s = snapshot();
    let p = |row, o: crate::model::Obligation| Pending {
        row,
        obligation: (&o).into(),
    };
    let mut employer = ob(
        "ret.monthly_employer",
        "事業主との連絡",
        d(2026, 9, 1),
        d(2026, 9, 30),
        Status::Overdue,
    );
    employer.severity = Severity::Effort;
    // Due in 50 days: beyond the default 30, inside the 受給者証's window.
    let cert = ob(
        "cert.renewal",
        "受給者証の更新",
        d(2026, 10, 1),
        crate::dates::add_days(today(), 50),
        Status::DueSoon,
    );
    s.pending.push(p(0, employer));
    s.pending.push(p(1, cert));
    let mut dl = Deadlines::default();
    dl.rebuild(&s, today(), Narrow::ALL);
    assert_eq!(
        listed(&dl, &s),
        [
            "# 2",
            "pre.report_municipality",
            "m23.share_status",
            "# 2",
            "m6.handover",
            "cert.renewal",
            "# 1",
            "ret.monthly_employer",
            "# 1",
            "m23.confirm_intent"
        ]
    );
    assert_eq!(
        (dl.total.overdue, dl.total.due_soon, dl.total.effort),
        (2, 2, 1),
        "the 努力義務 is not one of the 期限超過"
    );
    let heading = crate::tui::deadlines::view::heading_text(dl.rows[6]);
    assert_eq!(heading, "【! 努力義務（超過・間近）】1件");
}

/// The list's counts are the 必須 items; a late 努力義務 is counted apart
/// and orders the client after those with 必須 items pending.
#[test]
fn a_clients_counts_are_the_required_items_with_the_effort_ones_apart() {
    use crate::model::Severity;
    let client = &crate::tui::fixtures::clients()[0];
    let required = ob(
        "m23.share_status",
        "状況共有",
        d(2026, 7, 1),
        d(2026, 8, 31),
        Status::Overdue,
    );
    let mut effort = ob(
        "ret.monthly_employer",
        "事業主との連絡",
        d(2026, 9, 1),
        d(2026, 9, 30),
        Status::Overdue,
    );
    effort.severity = Severity::Effort;
    let both = ClientRow::from_client(client, &[required, effort.clone()], today());
    assert_eq!((both.overdue, both.due_soon, both.effort), (1, 0, 1));
    let only_effort = ClientRow::from_client(client, &[effort], today());
    assert_eq!((only_effort.overdue, only_effort.effort), (0, 1));
    assert!(both.urgency_key() < only_effort.urgency_key());
}
