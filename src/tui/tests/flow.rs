//! The case's course over time, by keys on a real store: a new job after
//! 離職, the 利用意向 confirmed in a contact, a plan review as a new
//! version with its own consent.

use crossterm::event::KeyCode;

use super::harness::H;
use crate::model::{Intent, Status};
use crate::tui::fixtures::d;
use crate::tui::timeline::ItemKey;
use crate::tui::timeline::RecordKind;

/// Tab through the open form until field `id` has the focus.
fn tab_to(h: &mut H, id: &str) {
    for _ in 0..200 {
        if h.s.app.form.as_ref().map(|f| f.form.focus_id()) == Some(id) {
            return;
        }
        h.key(KeyCode::Tab);
    }
    panic!("the form has no field {id}");
}

/// Empty the focused one-line field and type `s`.
fn retype(h: &mut H, s: &str) {
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
    h.typed(s);
}

fn title(h: &H) -> String {
    h.s.app
        .form
        .as_ref()
        .map(|f| f.form.title().to_string())
        .unwrap_or_default()
}

/// The timeline's items as (id, period, window start, due).
fn schedule(
    h: &H,
) -> Vec<(
    String,
    Option<crate::dates::YearMonth>,
    chrono::NaiveDate,
    chrono::NaiveDate,
)> {
    let t = h.s.app.timeline.as_ref().expect("timeline");
    t.obligations
        .iter()
        .filter(|o| o.job.is_none())
        .map(|o| (o.id.to_string(), o.period, o.window_start, o.due))
        .collect()
}

#[test]
fn e_after_separation_asks_and_registers_a_new_job_the_timeline_then_follows() {
    let mut h = H::new();
    // C002 began on 2026-10-01 (通常): the new job below begins that day too.
    h.select("C002");
    let expected = schedule(&h);

    h.select("C005"); // 東西製作所, 離職 2026-08-31
    h.ch('E');
    assert!(h.s.app.form.is_none(), "asks before opening a form");
    let screen = h.draw();
    assert!(
        screen.contains("東西製作所を令和8年8月31日に離職"),
        "{screen}"
    );
    assert!(screen.contains("新しい就職を登録する"), "{screen}");
    h.ch('y');
    assert!(title(&h).contains("新しい就職"), "{}", title(&h));
    assert_eq!(h.form_value("employer_name"), "", "an empty form");
    assert_eq!(h.form_value("support_type"), "standard");
    assert_eq!(h.form_value("intent"), "unknown");
    h.typed("株式会社ひかり");

    // Not after the 離職日: refused by the use case, said under 就職日.
    tab_to(&mut h, "start_date");
    h.typed("2026/8/1");
    h.ctrl('s');
    assert!(
        h.message().contains("保存できませんでした"),
        "{}",
        h.message()
    );
    let fs = h.s.app.form.as_ref().expect("the form stays");
    assert!(
        fs.form
            .error("start_date")
            .is_some_and(|e| e.contains("離職日")),
        "{:?}",
        fs.form.error("start_date")
    );
    assert_eq!(fs.form.focus_id(), "start_date");

    retype(&mut h, "2026/10/1");
    tab_to(&mut h, "decision_date");
    h.typed("2026/9/10");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "{}", h.message());
    assert!(
        h.message().contains("新しい就職を登録しました"),
        "{}",
        h.message()
    );

    let c = h.s.store().load_client(h.id("C005")).expect("load");
    assert_eq!(c.employments.len(), 2, "the ended job stays on record");
    let now = c.current_employment().expect("current");
    assert_eq!(
        (now.employer.name.as_str(), now.start_date, now.intent),
        ("株式会社ひかり", Some(d(2026, 10, 1)), Intent::Unknown)
    );
    assert_eq!(schedule(&h), expected, "the items count from the new job");
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let kept: Vec<&str> = t
        .obligations
        .iter()
        .filter(|o| o.job.is_some())
        .map(|o| o.id)
        .collect();
    assert!(
        kept.contains(&"pre.needs_assessment") && kept.contains(&"m6.handover"),
        "the ended job keeps its own timeline: {kept:?}"
    );
    // Its months start folded under it, each heading saying so.
    let folded_earlier = t.rows.iter().any(|r| {
        matches!(r, crate::tui::timeline::Row::Month { folded: true, month, .. }
            if t.obligations.iter().any(|o| o.job.is_some()
                && crate::dates::YearMonth::of(o.due) == *month))
    });
    assert!(folded_earlier, "{:?}", t.rows);
    assert!(h.draw().contains("前職"), "{}", h.draw());
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let jobs: Vec<&str> = t
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::Employment)
        .map(|r| r.line.as_str())
        .collect();
    assert_eq!(jobs, vec!["東西製作所（離職 R8.8.31）", "株式会社ひかり"]);
    let old = t
        .records
        .iter()
        .find(|r| r.kind == RecordKind::Employment && r.line.starts_with("東西製作所"))
        .expect("the earlier job is listed");
    assert_eq!(old.date, d(2026, 2, 1));
    assert!(
        old.fields
            .contains(&("離職", "令和8年8月31日 体調不良".to_string())),
        "{:?}",
        old.fields
    );

    // Shown as a row once its month is opened.
    let key = ItemKey::Record(RecordKind::Employment, old.id, old.date);
    h.key(KeyCode::Enter);
    assert!(
        h.s.app
            .timeline
            .as_mut()
            .expect("timeline")
            .select_key(&key),
        "on the timeline"
    );
    h.s.app.sync_scroll();
    let screen = h.draw();
    // The ended job, its 離職 day whole (the name gives way first).
    assert!(
        screen.contains("東西製") && screen.contains("（離職 R8.8.31）"),
        "{screen}"
    );
}

#[test]
fn e_after_separation_can_still_correct_the_ended_job_or_do_nothing() {
    let mut h = H::new();
    h.select("C005");
    h.ch('E');
    h.key(KeyCode::Esc);
    assert!(h.s.app.job_choice.is_none() && h.s.app.form.is_none());
    assert_eq!(h.message(), "就職の入力をやめました");

    h.ch('E');
    h.ch('x'); // not an answer: still asking
    assert!(h.s.app.job_choice.is_some());
    h.ch('n');
    assert!(!title(&h).contains("新しい就職"), "{}", title(&h));
    assert_eq!(h.form_value("employer_name"), "東西製作所");
    assert_eq!(h.form_value("separation_date"), "令和8年8月31日");
    tab_to(&mut h, "separation_reason");
    retype(&mut h, "体調不良（通院のため）");
    h.ctrl('s');
    assert!(h.message().ends_with("を保存しました"), "{}", h.message());
    let c = h.s.store().load_client(h.id("C005")).expect("load");
    assert_eq!(c.employments.len(), 1);
    assert_eq!(
        c.employments[0].separation_reason.as_deref(),
        Some("体調不良（通院のため）")
    );

    // Enter on the ended job's row corrects that job without asking.
    h.key(KeyCode::Enter);
    let row = h.s.app.timeline.as_ref().and_then(|t| {
        t.records
            .iter()
            .find(|r| r.kind == RecordKind::Employment)
            .map(|r| ItemKey::Record(r.kind, r.id, r.date))
    });
    let row = row.expect("the job's row");
    assert!(
        h.s.app
            .timeline
            .as_mut()
            .expect("timeline")
            .select_key(&row)
    );
    h.key(KeyCode::Enter);
    assert!(h.s.app.job_choice.is_none(), "no question");
    assert_eq!(h.form_value("employer_name"), "東西製作所");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);

    // A job that has not ended opens at once, as before.
    h.select("C002");
    h.ch('E');
    assert!(h.s.app.job_choice.is_none());
    assert_eq!(h.form_value("employer_name"), "有限会社さくら物流");
}

#[test]
fn a_contact_linked_to_confirming_the_intent_records_the_intent_with_it() {
    let mut h = H::new();
    h.select("C002"); // 利用意向 未確認, in months 2–3
    h.key(KeyCode::Enter);
    let key = ItemKey::Obligation("m23.confirm_intent", None, None);
    assert!(
        h.s.app
            .timeline
            .as_mut()
            .expect("timeline")
            .select_key(&key),
        "step on the timeline"
    );
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("obligation"), "m23.confirm_intent");
    assert_eq!(h.form_value("intent"), "", "未確認のまま until chosen");
    h.typed("就労定着支援の利用を希望された");
    // Tab from 内容 reaches the intent; → picks 希望.
    h.key(KeyCode::Tab);
    assert_eq!(
        h.s.app.form.as_ref().map(|f| f.form.focus_id()),
        Some("intent")
    );
    h.key(KeyCode::Right);
    assert_eq!(h.form_value("intent"), "wants");
    h.ctrl('s');
    assert_eq!(h.message(), "記録しました（利用意向: 希望）");

    let c = h.s.store().load_client(h.id("C002")).expect("load");
    assert_eq!(
        c.current_employment().map(|e| e.intent),
        Some(Intent::Wants)
    );
    assert_eq!(c.contacts.len(), 1);
    assert_eq!(c.contacts[0].obligations, vec!["m23.confirm_intent"]);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let step = t
        .obligations
        .iter()
        .find(|o| o.id == "m23.confirm_intent")
        .expect("step");
    assert_eq!(step.status, Status::Done);

    // Confirmed: the next contact does not ask again.
    h.ch('c');
    assert!(
        !h.s.app
            .form
            .as_ref()
            .expect("form")
            .form
            .values()
            .contains_key("intent")
    );
}

#[test]
fn an_intent_without_the_confirming_step_is_refused_under_the_field() {
    let mut h = H::new();
    h.select("C002");
    h.ch('c');
    assert_eq!(h.form_value("obligation"), "", "not linked");
    h.typed("電話で近況を確認");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right);
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("the form stays");
    assert!(
        fs.form
            .error("intent")
            .is_some_and(|e| e.contains("利用意向の確認")),
        "{:?}",
        fs.form.error("intent")
    );
    let c = h.s.store().load_client(h.id("C002")).expect("load");
    assert!(c.contacts.is_empty());
    assert_eq!(
        c.current_employment().map(|e| e.intent),
        Some(Intent::Unknown)
    );

    // Known already (C001 希望): no intent field.
    h.key(KeyCode::Esc);
    h.ch('y');
    h.select("C001");
    h.ch('c');
    assert!(
        !h.s.app
            .form
            .as_ref()
            .expect("form")
            .form
            .values()
            .contains_key("intent")
    );
}

#[test]
fn a_plan_review_is_a_new_version_without_the_reviewed_ones_consent() {
    let mut h = H::new();
    h.select("C003"); // one plan, 作成日 2026-03-05
    h.ch('p');
    assert!(
        title(&h).starts_with("就労定着支援計画書（作成）"),
        "{}",
        title(&h)
    );
    tab_to(&mut h, "consent_date");
    h.typed("2026/3/10");
    tab_to(&mut h, "consent_client");
    h.typed("佐藤 健一");
    h.ctrl('s');
    assert!(h.message().ends_with("を保存しました"), "{}", h.message());
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    assert_eq!(c.plans.len(), 1, "edited in place");

    h.ch('p');
    assert_eq!(h.form_value("consent_date"), "令和8年3月10日");
    tab_to(&mut h, "evaluated");
    h.typed("2026/11/20");
    // The plan's 見直し of 2026-09-04 (on the plan itself) was the first:
    // this is the second, in a second version.
    assert!(
        title(&h).starts_with("就労定着支援計画書（見直し2回目・第2版）"),
        "{}",
        title(&h)
    );
    tab_to(&mut h, "needs");
    h.typed("今の職場で長く働きたい");
    h.ctrl('s');
    assert!(
        h.message().contains("見直し2回目・第2版"),
        "{}",
        h.message()
    );

    let c = h.s.store().load_client(h.id("C003")).expect("load");
    assert_eq!(c.plans.len(), 2, "the reviewed version stays");
    let mut plans = c.plans.clone();
    plans.sort_by_key(|p| p.created);
    let (old, new) = (&plans[0], &plans[1]);
    assert_eq!(
        old.fields.get("consent_date").map(String::as_str),
        Some("2026-03-10")
    );
    assert_eq!(new.created, d(2026, 11, 20));
    assert_eq!(
        new.fields.get("needs").map(String::as_str),
        Some("今の職場で長く働きたい")
    );
    for id in crate::document_forms::plan::CONSENT_FIELDS {
        assert_eq!(new.fields.get(id), None, "{id} is the new version's own");
    }

    let t = h.s.app.timeline.as_ref().expect("timeline");
    let lines: Vec<&str> = t
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::Plan)
        .map(|r| r.line.as_str())
        .collect();
    assert_eq!(
        lines,
        vec!["就労定着支援計画 作成", "計画の見直し2回目・第2版"]
    );
    // The review on the first plan's record: the first, of 第1版.
    let reviews: Vec<&str> = t
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::PlanReview)
        .map(|r| r.line.as_str())
        .collect();
    assert_eq!(reviews, vec!["計画の見直し1回目（第1版）"]);

    // The editor now opens the review, with an empty 同意日.
    h.ch('p');
    assert!(
        title(&h).starts_with("就労定着支援計画書（見直し2回目・第2版）"),
        "{}",
        title(&h)
    );
    assert_eq!(h.form_value("consent_date"), "");
    assert_eq!(h.form_value("evaluated"), "令和8年11月20日");
}

#[test]
fn snapshot_the_new_job_question() {
    let mut h = H::new();
    h.select("C005");
    h.ch('E');
    let s = h.draw();
    for line in s.lines() {
        assert!(crate::text::width(line) <= 80, "{line}");
    }
    insta::assert_snapshot!("new_job_question_80x24", s);
}
