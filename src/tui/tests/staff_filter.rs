//! The deadlines view by staff, by keys on a headless session over a real
//! store: the picker narrows the list to one worker's clients and back to
//! everyone, the choice is remembered, `m` still means my caseload, the
//! header counts each worker's items, `/` filters the deadlines, and at
//! 80 columns three clients of one name are told apart.

use crossterm::event::KeyCode;

use super::harness::H;
use crate::tui::app::Screen;
use crate::tui::deadlines::DRow;
use crate::tui::staff_picker::Who;

/// The clients' (external id, worker) of every listed item.
fn listed(h: &H) -> Vec<(String, Option<String>)> {
    let app = &h.s.app;
    app.deadlines
        .rows
        .iter()
        .filter_map(|r| match r {
            DRow::Item(i) => app.snap.pending.get(*i),
            DRow::Heading { .. } => None,
        })
        .map(|p| {
            let r = &app.snap.rows[p.row];
            (r.external_id.clone(), r.staff.clone())
        })
        .collect()
}

/// Open the picker and choose the entry whose label starts with `label`.
fn pick(h: &mut H, label: &str) {
    h.ch('u');
    let entries: Vec<String> = {
        let p = h.s.app.picker.as_ref().expect("the picker is open");
        p.entries.iter().map(|e| e.label.clone()).collect()
    };
    let at = entries
        .iter()
        .position(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("{label} in {entries:?}"));
    h.ch('g');
    for _ in 0..at {
        h.ch('j');
    }
    h.key(KeyCode::Enter);
    assert!(h.s.app.picker.is_none(), "Enter closes the picker");
}

#[test]
fn choosing_a_worker_lists_only_their_clients_items_and_everyone_comes_back() {
    let mut h = H::office();
    h.ch('d');
    let all = listed(&h);
    let tanaka_items = all
        .iter()
        .filter(|(_, s)| s.as_deref() == Some("tanaka"))
        .count();
    assert!(tanaka_items > 0 && tanaka_items < all.len(), "{all:?}");

    pick(&mut h, "田中 誠");
    let shown = listed(&h);
    assert_eq!(shown.len(), tanaka_items);
    assert!(shown.iter().all(|(_, s)| s.as_deref() == Some("tanaka")));
    assert!(h.message().contains("田中 誠"), "{}", h.message());
    assert!(h.draw().contains("担当 田中 誠"), "the title says whose");

    pick(&mut h, "担当なし");
    let shown = listed(&h);
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|(_, s)| s.is_none()), "{shown:?}");

    pick(&mut h, "全員");
    assert_eq!(listed(&h), all);
}

#[test]
fn the_choice_stays_when_the_view_is_left_and_m_still_means_my_caseload() {
    let mut h = H::office();
    h.ch('d');
    pick(&mut h, "田中 誠");
    h.key(KeyCode::Esc);
    assert_eq!(h.s.app.screen, Screen::Main);
    h.ch('d');
    assert_eq!(h.s.app.deadlines.staff, Who::Staff("tanaka".into()));
    assert!(
        listed(&h)
            .iter()
            .all(|(_, s)| s.as_deref() == Some("tanaka"))
    );

    // m: the viewer's (sato's) own caseload, here and in the list.
    h.ch('m');
    let mine = listed(&h);
    assert!(!mine.is_empty());
    assert!(
        mine.iter().all(|(_, s)| s.as_deref() == Some("sato")),
        "{mine:?}"
    );
    assert!(h.s.app.list.mine_only);
    // m again: back to the worker chosen.
    h.ch('m');
    assert!(
        listed(&h)
            .iter()
            .all(|(_, s)| s.as_deref() == Some("tanaka"))
    );

    // Choosing in the picker while my caseload is on turns it off.
    h.ch('m');
    pick(&mut h, "全員");
    assert!(!h.s.app.list.mine_only);
    assert!(listed(&h).iter().any(|(_, s)| s.as_deref() != Some("sato")));
}

#[test]
fn the_header_counts_each_workers_overdue_and_due_soon_items() {
    let mut h = H::office();
    h.ch('d');
    let d = &h.s.app.deadlines;
    let snap = &h.s.app.snap;
    for c in &d.by_staff {
        let count = |status| {
            snap.pending
                .iter()
                .filter(|p| p.obligation.status == status)
                .filter(|p| c.who.keeps(snap.rows[p.row].staff.as_deref()))
                .count()
        };
        assert_eq!(c.overdue, count(crate::model::Status::Overdue), "{c:?}");
        assert_eq!(c.due_soon, count(crate::model::Status::DueSoon), "{c:?}");
    }
    let screen = h.draw();
    let header = screen.lines().nth(2).unwrap_or_default();
    assert!(header.contains("田中 "), "{header}");
    assert!(header.contains("佐藤 "), "{header}");
    assert!(header.contains("担当なし "), "{header}");
}

#[test]
fn slash_on_the_deadlines_filters_the_deadlines_and_esc_clears_it_first() {
    let mut h = H::office();
    h.ch('d');
    h.ch('/');
    h.typed("石川");
    assert_eq!(h.s.app.screen, Screen::Deadlines, "stays on the deadlines");
    let shown = listed(&h);
    assert!(!shown.is_empty());
    assert!(
        shown.iter().all(|(id, _)| id.starts_with("C10")),
        "only the 石川 達也: {shown:?}"
    );
    h.key(KeyCode::Enter);
    assert!(!h.s.app.list.typing);
    assert_eq!(listed(&h), shown, "the filter stays once confirmed");
    h.key(KeyCode::Esc);
    assert_eq!(h.s.app.screen, Screen::Deadlines);
    assert!(h.s.app.list.query.is_empty());
    assert!(listed(&h).len() > shown.len());
    h.key(KeyCode::Esc);
    assert_eq!(h.s.app.screen, Screen::Main);
}

#[test]
fn three_clients_of_one_name_are_told_apart_at_80_columns() {
    let mut h = H::office();
    h.ch('d');
    h.ch('/');
    h.typed("石川");
    h.key(KeyCode::Enter);
    let screen = h.draw();
    for (id, mark) in [("C101", "佐藤"), ("C102", "田中"), ("C103", "―")] {
        let line = screen
            .lines()
            .find(|l| l.contains("石川 達也") && l.contains(id))
            .unwrap_or_else(|| panic!("{id} on screen:\n{screen}"));
        assert!(line.contains(mark), "{id} shows its worker {mark}: {line}");
    }
}

#[test]
fn the_selected_items_reason_is_under_the_list() {
    let mut h = H::office();
    h.ch('d');
    let p = {
        let app = &h.s.app;
        let i = app.deadlines.selected_item().expect("an item is selected");
        app.snap.pending[i]
    };
    let rule = crate::tui::engine::rule(p.obligation.id()).expect("a rule");
    let screen = h.draw();
    assert!(screen.contains(rule.clause), "{screen}");
    let start: String = rule.text.chars().take(12).collect();
    assert!(
        screen.contains(&start),
        "the rule's text: {start}\n{screen}"
    );
    // Moving changes what is explained.
    h.ch('j');
    let q = {
        let app = &h.s.app;
        app.snap.pending[app.deadlines.selected_item().expect("item")]
    };
    assert_ne!((p.row, p.obligation.id()), (q.row, q.obligation.id()));
}

fn snap(name: &str, h: &H) {
    let s = h.draw();
    for line in s.lines() {
        assert!(
            crate::text::width(line) <= 80,
            "line wider than 80: {line:?}"
        );
    }
    insta::assert_snapshot!(name, s);
}

#[test]
fn snapshot_deadlines_with_the_staff_header_the_picker_and_one_worker() {
    let mut h = H::office();
    h.ch('d');
    snap("deadlines_staff_header_80x24", &h);
    h.ch('u');
    snap("deadlines_staff_picker_80x24", &h);
    h.key(KeyCode::Esc);
    pick(&mut h, "田中 誠");
    snap("deadlines_one_worker_80x24", &h);
    pick(&mut h, "全員");
    h.ch('/');
    h.typed("石川");
    snap("deadlines_filtered_80x24", &h);
}
