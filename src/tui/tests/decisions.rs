//! A person's decisions by keys on a headless session over a real store:
//! marking an item 対象外 with a reason and taking it back, items that
//! cannot be marked, closing a case, showing closed cases, reopening.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::harness::H;
use crate::dates::YearMonth;
use crate::model::{ClosureReason, Status};
use crate::text;
use crate::tui::app::Screen;
use crate::tui::fixtures::today;
use crate::tui::record_forms::FormKind;
use crate::tui::timeline::ItemKey;

const OCTOBER: YearMonth = YearMonth {
    year: 2026,
    month: 10,
};

fn selected(h: &H) -> crate::model::Obligation {
    h.s.app
        .timeline
        .as_ref()
        .and_then(|t| t.selected_obligation())
        .cloned()
        .expect("an item is selected")
}

/// Put the timeline's cursor on an item.
fn select_item(h: &mut H, id: &'static str, period: Option<YearMonth>) {
    let t = h.s.app.timeline.as_mut().expect("timeline");
    assert!(t.select_key(&ItemKey::Obligation(id, period, None)), "{id}");
}

fn listed(h: &H, external_id: &str) -> bool {
    let app = &h.s.app;
    app.list
        .visible
        .iter()
        .any(|&r| app.snap.rows[r].external_id == external_id)
}

fn in_deadlines(h: &H, external_id: &str) -> usize {
    let app = &h.s.app;
    app.deadlines
        .rows
        .iter()
        .filter_map(|r| match r {
            crate::tui::deadlines::DRow::Item(i) => app.snap.pending.get(*i),
            _ => None,
        })
        .filter(|p| app.snap.rows[p.row].external_id == external_id)
        .count()
}

#[test]
fn a_monthly_item_is_marked_taigaigai_with_a_numbered_reason_and_taken_back() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter); // the timeline, on the first overdue item
    let o = selected(&h);
    assert_eq!(
        (o.id, o.period, o.status),
        ("ret.monthly_report", Some(OCTOBER), Status::Overdue)
    );
    h.ch('w');
    h.ch('1');
    let screen = h.draw();
    for line in screen.lines() {
        assert!(text::width(line) <= 80, "{line}");
    }
    insta::assert_snapshot!("resolve_dialog_80x24", screen);
    h.key(KeyCode::Enter);
    assert!(h.s.app.dialog.is_none(), "{}", h.message());
    assert_eq!(
        h.message(),
        "対象外(入院中)にしました: 支援レポートの本人への提供 (月1回以上)（令和8年10月）"
    );
    // The same item, now 対象外 with the reason and who decided.
    let o = selected(&h);
    assert_eq!((o.id, o.period), ("ret.monthly_report", Some(OCTOBER)));
    assert_eq!(o.status_label(), "対象外(入院中)");
    assert_eq!(o.waived_by.as_deref(), Some("sato"));
    let screen = h.draw();
    assert!(screen.contains("- 対象外(入院中)"), "{screen}");
    assert!(
        screen.contains("判断した人   sato（職員に未登録）（令和8年11月23"),
        "{screen}"
    );
    // What the key does now: take the 対象外 back, not mark it again.
    let bar = screen.lines().last().unwrap_or("");
    assert!(bar.contains(" 対象外を取消"), "{bar}");
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    assert_eq!(c.resolutions.len(), 1);
    let r = &c.resolutions[0];
    assert_eq!(
        (r.obligation.as_str(), r.period, r.reason.as_str()),
        ("ret.monthly_report", Some(OCTOBER), "入院中")
    );
    assert_eq!((r.decided_by.as_str(), r.decided_on), ("sato", today()));
    let row = h.s.app.snap.row(h.id("C003")).expect("row");
    assert_eq!(row.overdue, 0, "no longer counted as overdue");

    // The same key on a person's 対象外 takes it back, with a reason.
    h.ch('w');
    let d = h.s.app.dialog.as_ref().expect("the dialog to take it back");
    assert!(d.facts.contains(&("理由", "入院中".to_string())));
    h.key(KeyCode::Enter);
    assert_eq!(
        h.s.app.dialog.as_ref().and_then(|d| d.error.as_deref()),
        Some("取り消す理由を入力してください")
    );
    h.typed("誤って登録した");
    h.key(KeyCode::Enter);
    assert!(h.s.app.dialog.is_none(), "{}", h.message());
    assert_eq!(
        h.message(),
        "対象外の判断を取り消しました（いまは 期限超過）: 支援レポートの本人への提供 (月1回以上)（令和8年10月）"
    );
    assert_eq!(selected(&h).status, Status::Overdue);
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    assert!(c.resolutions.is_empty());
    assert_eq!(h.s.app.snap.row(h.id("C003")).map(|r| r.overdue), Some(1));
}

#[test]
fn esc_leaves_the_dialog_without_writing() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter);
    h.ch('w');
    h.ch('2');
    h.key(KeyCode::Esc);
    assert!(h.s.app.dialog.is_none());
    assert_eq!(h.message(), "やめました（何も変更していません）");
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    assert!(c.resolutions.is_empty());
}

#[test]
fn done_items_and_items_a_rule_waived_say_why_they_cannot_be_marked() {
    let mut h = H::new();
    h.select("C001");
    h.key(KeyCode::Enter);
    select_item(&mut h, "m23.confirm_intent", None);
    h.ch('w');
    assert!(h.s.app.dialog.is_none());
    assert!(
        h.message()
            .contains("完了しているので対象外にできません（記録 R8.7.15）"),
        "{}",
        h.message()
    );

    // 伊藤 declined 就労定着支援: its items are 対象外(利用希望なし) by rule.
    h.key(KeyCode::Esc);
    h.select("C005");
    h.key(KeyCode::Enter);
    let waived =
        h.s.app
            .timeline
            .as_ref()
            .and_then(|t| {
                t.obligations
                    .iter()
                    .find(|o| o.status == Status::Waived && o.waived_by.is_none())
            })
            .map(|o| (o.id, o.period))
            .expect("a waived item");
    select_item(&mut h, waived.0, waived.1);
    h.ch('w');
    assert!(h.s.app.dialog.is_none());
    assert!(
        h.message().contains("規則で対象外です（利用希望なし）"),
        "{}",
        h.message()
    );
}

#[test]
fn an_item_marked_from_the_deadlines_view_leaves_it_and_the_cursor_stays() {
    let mut h = H::new();
    h.ch('d');
    let app = &h.s.app;
    let before = in_deadlines(&h, "C003");
    let pos = app
        .deadlines
        .rows
        .iter()
        .position(|r| match r {
            crate::tui::deadlines::DRow::Item(i) => app.snap.pending.get(*i).is_some_and(|p| {
                app.snap.rows[p.row].external_id == "C003" && p.obligation.period == Some(OCTOBER)
            }),
            _ => false,
        })
        .expect("佐藤's October report is overdue");
    h.s.app.deadlines.selected = pos;
    h.ch('w');
    h.ch('2');
    h.key(KeyCode::Enter);
    assert_eq!(h.s.app.screen, Screen::Deadlines);
    assert!(
        h.message().starts_with("対象外(連絡不能)にしました"),
        "{}",
        h.message()
    );
    assert_eq!(in_deadlines(&h, "C003"), before - 1);
    assert_eq!(
        h.s.app.deadlines.selected, pos,
        "on the item that took its place"
    );
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    assert_eq!(c.resolutions[0].reason, "連絡不能");
}

#[test]
fn a_closed_case_leaves_the_list_and_deadlines_until_shown_and_reopened() {
    let mut h = H::new();
    h.select("C005");
    assert!(in_deadlines(&h, "C005") > 0);
    h.ch('Z');
    let fs = h.s.app.form.as_ref().expect("the closure form");
    assert_eq!(fs.kind, FormKind::Closure);
    assert_eq!(h.form_value("closed_on"), "令和8年11月23日");
    assert_eq!(
        h.form_value("reason"),
        "separation",
        "離職 for a separated client"
    );
    // A day after today is refused by the rule set, under its field.
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.typed("体調不良で離職。本人の希望で支援終了");
    h.key(KeyCode::Tab);
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.typed("+3d");
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("the form stays");
    assert!(fs.form.error("closed_on").is_some(), "{:?}", h.message());
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.typed("today");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "{}", h.message());
    assert_eq!(h.message(), "終結しました。一覧と期限一覧から外れます");
    let id = h.id("C005");
    let c = h.s.store().load_client(id).expect("load");
    let x = c.closure.expect("closed");
    assert_eq!(
        (x.date, x.reason, x.closed_by.as_str(), x.note.as_str()),
        (
            today(),
            ClosureReason::Separation,
            "sato",
            "体調不良で離職。本人の希望で支援終了"
        )
    );
    assert!(!listed(&h, "C005"));
    assert_ne!(h.s.app.selected_client_id(), Some(id));
    assert!(
        h.s.app
            .timeline
            .as_ref()
            .is_some_and(|t| t.client_id() != id)
    );
    h.ch('d');
    assert_eq!(in_deadlines(&h, "C005"), 0);
    h.key(KeyCode::Esc);

    // A new session does not read the closed case at all.
    h.reconnect();
    assert!(h.s.app.snap.index_of(id).is_none());
    assert!(!h.draw().contains("伊藤"));

    // The toggle reads and lists closed cases, marked 終結.
    h.ch('a');
    h.wait(Duration::from_millis(10));
    assert!(listed(&h, "C005"));
    assert_eq!(in_deadlines(&h, "C005"), 0, "never in the deadlines");
    h.select("C005");
    let screen = h.draw();
    assert!(screen.contains("伊藤 大輔   終結"), "{screen}");
    assert!(screen.contains("（終結も）"), "{screen}");

    // On a closed case the same key reopens it.
    h.ch('Z');
    let d = h.s.app.dialog.as_ref().expect("the dialog to reopen");
    assert!(d.facts.contains(&("理由", "離職".to_string())));
    h.typed("再就職の支援を再開");
    h.key(KeyCode::Enter);
    assert!(h.s.app.dialog.is_none(), "{}", h.message());
    assert_eq!(
        h.message(),
        "終結を取り消しました。一覧と期限一覧に戻ります"
    );
    assert!(h.s.store().load_client(id).expect("load").closure.is_none());
    h.ch('a');
    assert!(listed(&h, "C005"), "listed without the toggle");
    h.ch('d');
    assert!(in_deadlines(&h, "C005") > 0);
}
