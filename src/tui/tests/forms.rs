//! Forms driven by keys on a headless session over a real store: quick
//! entry, linking to a step, validation, drafts, stale edits.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyModifiers};

use super::harness::H;
use crate::model::Status;
use crate::operation::{self, Operation};
use crate::tui::timeline::RecordKind;
use crate::tui::widgets::layout::Pane;

#[test]
fn quick_entry_c_text_ctrl_s_records_a_contact_with_the_defaults() {
    let mut h = H::new();
    h.select("C002");
    h.ch('c');
    assert_eq!(
        h.s.app.form.as_ref().map(|f| f.form.focus_id()),
        Some("summary"),
        "the cursor starts in the summary"
    );
    h.typed("職場の様子を確認");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "{}", h.message());
    assert_eq!(h.message(), "記録しました");
    let c = h.s.store().load_client(h.id("C002")).expect("load");
    assert_eq!(c.contacts.len(), 1);
    let x = &c.contacts[0];
    assert_eq!(x.summary, "職場の様子を確認");
    assert_eq!(x.date, crate::tui::fixtures::today());
    assert_eq!(
        (x.counterpart, x.method, x.place),
        (
            crate::model::Counterpart::Client,
            crate::model::Method::InPerson,
            crate::model::Place::Office
        )
    );
    assert_eq!(x.staff.as_deref(), Some("sato"));
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let contacts = t.records.iter().filter(|r| r.kind == RecordKind::Contact);
    assert_eq!(contacts.count(), 1, "the timeline shows the new record");
    let r = t
        .selected_record()
        .expect("the cursor is on the new record");
    assert_eq!((r.id, r.body.as_str()), (x.id, "職場の様子を確認"));
}

#[test]
fn quick_entry_linked_to_a_step_marks_that_step_done() {
    let mut h = H::new();
    h.select("C002");
    h.ch('c');
    h.typed("就職後の支援についてニーズを確認");
    // Shift+Tab from the summary reaches 対応する項目; → picks the first open step.
    h.key_mod(KeyCode::BackTab, KeyModifiers::SHIFT);
    h.key(KeyCode::Right);
    let step = h.form_value("obligation");
    assert!(step.starts_with("pre."), "{step}");
    h.ctrl('s');
    assert_eq!(h.message(), "記録しました");
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let o = t
        .obligations
        .iter()
        .find(|o| o.id == step)
        .expect("step on the timeline");
    assert_eq!(o.status, Status::Done, "{o:?}");
}

#[test]
fn enter_on_a_timeline_step_opens_a_contact_linked_to_that_step() {
    let mut h = H::new();
    h.select("C002");
    h.key(KeyCode::Enter); // into the timeline
    assert_eq!(h.s.app.focus, Pane::Timeline);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let step = t
        .selected_obligation()
        .expect("the first overdue step is selected")
        .id;
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("obligation"), step);
    h.typed("本人と面接");
    h.ctrl('s');
    let c = h.s.store().load_client(h.id("C002")).expect("load");
    assert_eq!(c.contacts[0].obligations, vec![step.to_string()]);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert_eq!(
        t.obligations
            .iter()
            .find(|o| o.id == step)
            .map(|o| o.status),
        Some(Status::Done)
    );
}

#[test]
fn an_impossible_date_is_refused_in_japanese_under_the_field() {
    let mut h = H::new();
    h.select("C002");
    h.ch('c');
    h.typed("内容");
    // Tab from 内容 wraps round to 実施日 (past 利用意向, asked of C002).
    for _ in 0..2 {
        if h.s.app.form.as_ref().map(|f| f.form.focus_id()) != Some("date") {
            h.key(KeyCode::Tab);
        }
    }
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.typed("2026/2/30");
    h.key(KeyCode::Tab);
    let fs = h.s.app.form.as_ref().expect("form");
    assert_eq!(
        fs.form.error("date"),
        Some("「2026/2/30」: 2月30日は存在しません（2026年2月は1〜28日）")
    );
    h.ctrl('s');
    assert!(h.s.app.form.is_some(), "nothing saved");
    assert!(
        h.s.store()
            .load_client(h.id("C002"))
            .expect("load")
            .contacts
            .is_empty()
    );
}

#[test]
fn a_separation_before_the_start_of_employment_is_refused() {
    let mut h = H::new();
    h.select("C001");
    h.ch('E');
    assert_eq!(
        h.form_value("start_date"),
        "令和8年6月1日",
        "dates are shown as 和暦"
    );
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("separation_date");
    h.typed("2026-05-01");
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("the form stays open");
    let err = fs
        .form
        .error("separation_date")
        .expect("a message under 離職日");
    assert!(err.contains("離職日") && err.contains("より前"), "{err}");
    assert!(h.message().contains("入力内容を確認"), "{}", h.message());
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    assert_eq!(c.employments[0].separation_date, None);
}

#[test]
fn esc_on_a_changed_form_asks_before_dropping_the_input() {
    let mut h = H::new();
    h.ch('c');
    h.typed("書きかけ");
    h.key(KeyCode::Esc);
    assert!(
        h.s.app
            .form
            .as_ref()
            .is_some_and(|f| f.form.confirming_discard())
    );
    assert!(h.draw().contains("変更を破棄しますか？ (y/n)"));
    h.ch('n');
    assert_eq!(h.form_value("summary"), "書きかけ");
    h.key(KeyCode::Esc);
    h.ch('y');
    assert!(h.s.app.form.is_none());
}

#[test]
fn a_draft_is_saved_while_typing_and_offered_back_after_a_reconnect() {
    let mut h = H::new();
    h.select("C003");
    h.ch('c');
    h.typed("職場訪問。途中まで書いた");
    let key = h.s.app.form.as_ref().expect("form").draft_key.clone();
    assert!(
        h.s.store().load_draft(&key).expect("query").is_none(),
        "not before a second has passed"
    );
    h.wait(Duration::from_millis(1100));
    assert!(
        h.s.store().load_draft(&key).expect("query").is_some(),
        "saved about a second after typing"
    );
    // The SSH connection drops: no clean exit.
    h.reconnect();
    h.select("C003");
    h.ch('c');
    assert!(
        h.draw()
            .contains("前回の下書きがあります。復元しますか？ (y/n)")
    );
    h.ch('y');
    assert_eq!(h.form_value("summary"), "職場訪問。途中まで書いた");
    h.ctrl('s');
    assert_eq!(h.message(), "記録しました");
    assert!(
        h.s.store().load_draft(&key).expect("query").is_none(),
        "a saved form leaves no draft"
    );
}

#[test]
fn declining_a_draft_discards_it() {
    let mut h = H::new();
    h.ch('c');
    h.typed("捨てる下書き");
    let key = h.s.app.form.as_ref().expect("form").draft_key.clone();
    h.s.shutdown(); // SIGHUP: the draft is written at once
    assert!(h.s.store().load_draft(&key).expect("query").is_some());
    h.reconnect();
    h.ch('c');
    h.ch('n');
    assert_eq!(h.form_value("summary"), "");
    assert!(h.s.store().load_draft(&key).expect("query").is_none());
}

#[test]
fn a_stale_edit_keeps_the_form_and_says_someone_else_changed_it() {
    let mut h = H::new();
    h.select("C001");
    h.ch('e');
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("kana");
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
    h.typed("やまだ たろう（修正）");
    let other = h.other("tanaka");
    let mut c = other.load_client(h.id("C001")).expect("load");
    c.name = "山田 太朗".into();
    operation::apply(
        &other,
        &Operation::EditClient {
            client: Box::new(c.clone()),
            conflict: None,
        },
    )
    .expect("the other user saves first");
    h.ctrl('s');
    assert!(
        h.message().contains("他の人が先に変更しました"),
        "{}",
        h.message()
    );
    assert!(h.s.app.form.is_some(), "the form stays open");
    assert!(
        h.form_value("kana").ends_with("（修正）"),
        "the input is kept"
    );
    let stored = h.s.store().load_client(h.id("C001")).expect("load");
    assert_eq!(stored.name, "山田 太朗", "nothing was overwritten");
    assert_eq!(stored.kana, "やまだ たろう");
}

#[test]
fn a_client_edit_saves_with_the_version_it_loaded() {
    let mut h = H::new();
    h.select("C006");
    h.ch('e');
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("assigned_staff");
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.typed("tanaka");
    h.ctrl('s');
    assert!(h.message().ends_with("を保存しました"), "{}", h.message());
    let c = h.s.store().load_client(h.id("C006")).expect("load");
    assert_eq!(c.assigned_staff.as_deref(), Some("tanaka"));
}

#[test]
fn enter_on_a_monthly_employer_item_opens_a_contact_with_the_employer_at_work() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter);
    let t = h.s.app.timeline.as_mut().expect("timeline");
    let key = t
        .obligations
        .iter()
        .find(|o| o.id == "ret.monthly_employer")
        .map(|o| crate::tui::timeline::ItemKey::Obligation(o.id, o.period, o.job))
        .expect("a monthly employer item");
    assert!(t.select_key(&key));
    h.key(KeyCode::Enter);
    assert_eq!(h.form_value("counterpart"), "employer");
    assert_eq!(h.form_value("place"), "employer");
    assert_eq!(
        h.form_value("obligation"),
        "",
        "monthly items are not linked, the date counts"
    );
}

#[test]
fn r_opens_this_month_report_prefilled_and_saving_it_with_a_presentation_day_completes_the_month() {
    let mut h = H::new();
    h.select("C003"); // in 就労定着支援 since 2026-03-01
    h.ch('r');
    let fs = h.s.app.form.as_ref().expect("report form open");
    assert_eq!(
        fs.form.focus_id(),
        "goal_1",
        "the cursor starts in the first goal"
    );
    assert_eq!(h.form_value("client_name"), "佐藤 健一");
    assert!(!h.form_value("created").is_empty(), "作成日 is filled");
    h.typed("生活リズムを整える");
    let month = crate::dates::YearMonth::of(crate::tui::fixtures::today());
    // Jump to 対象者提示日 and give it today.
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("presented");
    h.typed("今日");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "{}", h.message());
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    let r = c
        .reports
        .iter()
        .find(|r| r.month == month)
        .expect("saved report");
    assert_eq!(
        r.fields.get("goal_1").map(String::as_str),
        Some("生活リズムを整える")
    );
    assert_eq!(r.presented, Some(crate::tui::fixtures::today()));
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let o = t
        .obligations
        .iter()
        .find(|o| o.id == "ret.monthly_report" && o.period == Some(month))
        .expect("this month's report item");
    assert_eq!(o.status, Status::Done);
}

#[test]
fn a_report_presented_before_it_was_written_is_refused_and_the_input_stays() {
    let mut h = H::new();
    h.select("C003");
    h.ch('r');
    h.typed("目標");
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("presented");
    h.typed("2026-03-02");
    h.ctrl('s');
    assert!(h.s.app.form.is_some(), "the form stays open");
    assert!(h.message().contains("作成日"), "{}", h.message());
    assert_eq!(h.form_value("goal_1"), "目標");
}

#[test]
fn p_edits_the_plan_and_a_new_evaluation_day_makes_a_new_version_keeping_the_old_one() {
    let mut h = H::new();
    h.select("C003"); // plan of 2026-03-05, reviewed 2026-09-04
    h.ch('p');
    assert_eq!(
        h.form_value("client_name"),
        "佐藤 健一",
        "filled from the client"
    );
    let mut v = std::collections::BTreeMap::new();
    v.insert("evaluated".to_string(), "2026-11-20".to_string());
    v.insert(
        "summary".to_string(),
        "職場に定着。次の6月は通院との両立".to_string(),
    );
    h.s.app
        .form
        .as_mut()
        .expect("plan form")
        .form
        .set_values(&v);
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "{}", h.message());
    let c = h.s.store().load_client(h.id("C003")).expect("load");
    assert_eq!(c.plans.len(), 2, "a review is a new version");
    let old = c
        .plans
        .iter()
        .find(|p| p.created == crate::tui::fixtures::d(2026, 3, 5))
        .expect("old");
    assert!(old.fields.is_empty(), "the reviewed version is unchanged");
    let new = c
        .plans
        .iter()
        .find(|p| p.created == crate::tui::fixtures::d(2026, 11, 20))
        .expect("new");
    assert_eq!(
        new.fields.get("summary").map(String::as_str),
        Some("職場に定着。次の6月は通院との両立")
    );
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let done_reviews = t
        .obligations
        .iter()
        .filter(|o| o.id == "ret.plan_review" && o.status == Status::Done)
        .count();
    assert_eq!(done_reviews, 2, "09-04 and 11-20 are both reviews");
}

#[test]
fn x_writes_this_month_report_as_xlsx_and_says_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = H::new();
    h.s.app.export_dir = dir.path().join("exports");
    h.select("C003");
    h.ch('x');
    assert!(h.message().contains("まだありません"), "{}", h.message());
    h.ch('r');
    h.typed("生活リズムを整える");
    h.ctrl('s');
    h.ch('x');
    assert!(h.message().starts_with("書き出しました"), "{}", h.message());
    let files: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .expect("dir")
        .collect();
    assert_eq!(files.len(), 1);
}

#[test]
fn enter_on_a_monthly_report_item_opens_the_report_for_that_month() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter); // into the timeline
    let month = crate::dates::YearMonth::new(2026, 10).expect("month");
    let key = crate::tui::timeline::ItemKey::Obligation("ret.monthly_report", Some(month), None);
    assert!(
        h.s.app
            .timeline
            .as_mut()
            .expect("timeline")
            .select_key(&key),
        "item on the timeline"
    );
    h.key(KeyCode::Enter);
    let fs = h.s.app.form.as_ref().expect("report form");
    assert!(
        fs.form.title().contains("令和8年10月"),
        "{}",
        fs.form.title()
    );
}

fn fill_new_client(h: &mut H, id: &str, start: &str) {
    h.ch('n');
    let mut v = std::collections::BTreeMap::new();
    for (k, val) in [
        ("external_id", id),
        ("name", "中村 優"),
        ("kana", "なかむら ゆう"),
        ("employer", "株式会社みらい物流"),
        ("decision_date", "2026-11-20"),
        ("start_date", start),
    ] {
        v.insert(k.to_string(), val.to_string());
    }
    h.s.app
        .form
        .as_mut()
        .expect("new client form")
        .form
        .set_values(&v);
}

#[test]
fn n_registers_a_client_with_their_employment_and_selects_them() {
    let mut h = H::new();
    fill_new_client(&mut h, "C100", "2026-12-01");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "{}", h.message());
    assert_eq!(h.message(), "登録しました");
    assert_eq!(h.selected_external_id(), "C100");
    let c = h.s.store().load_client(h.id("C100")).expect("load");
    assert_eq!(c.employments.len(), 1);
    // sato owns the file but is not registered staff: the form does not
    // make an unregistered login the 担当.
    assert_eq!(c.assigned_staff, None);
    let t = h.s.app.timeline.as_ref().expect("timeline");
    assert!(t.obligations.iter().any(|o| o.id == "pre.needs_assessment"));
}

#[test]
fn a_new_client_with_a_taken_id_or_no_start_day_is_refused_and_the_input_stays() {
    let mut h = H::new();
    fill_new_client(&mut h, "C001", "2026-12-01");
    h.ctrl('s');
    assert!(h.s.app.form.is_some(), "the form stays open");
    assert!(h.message().contains("C001"), "{}", h.message());
    assert_eq!(h.form_value("name"), "中村 優");
    h.key(KeyCode::Esc);
    h.ch('y');
    fill_new_client(&mut h, "C101", "");
    h.ctrl('s');
    let fs = h.s.app.form.as_ref().expect("the form stays open");
    let under = fs.form.error("start_date").unwrap_or_default();
    assert!(under.contains("就職日"), "{under}");
}

#[test]
fn the_client_form_records_the_municipality_the_list_goes_to() {
    let mut h = H::new();
    h.select("C001");
    h.ch('e');
    let fs = h.s.app.form.as_mut().expect("the client form");
    fs.form.focus_field("municipality");
    h.typed("千代田区");
    h.ctrl('s');
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    assert_eq!(c.municipality, "千代田区");
    let row =
        h.s.store()
            .audit_for_client(h.id("C001"), 1)
            .expect("audit")[0]
            .clone();
    assert!(
        row.detail
            .as_deref()
            .is_some_and(|d| d.contains("municipality")),
        "{row:?}"
    );
}

#[test]
fn a_new_clients_worker_is_the_registered_login_entering_them() {
    let mut h = H::office();
    fill_new_client(&mut h, "C100", "2026-12-01");
    h.ctrl('s');
    assert!(h.s.app.form.is_none(), "{}", h.message());
    let c = h.s.store().load_client(h.id("C100")).expect("load");
    assert_eq!(c.assigned_staff.as_deref(), Some("sato"));
}

#[test]
fn a_worker_who_is_not_staff_is_refused_naming_the_logins() {
    let mut h = H::office();
    fill_new_client(&mut h, "C100", "2026-12-01");
    let form = &mut h.s.app.form.as_mut().expect("form").form;
    let mut v = std::collections::BTreeMap::new();
    v.insert("assigned_staff".into(), "田中".into());
    form.set_values(&v);
    h.ctrl('s');
    assert!(h.s.app.form.is_some(), "kept open");
    let m = h.message();
    assert!(m.contains("田中") && m.contains("tanaka"), "{m}");
    assert!(h.s.store().client_id("C100").expect("query").is_none());
}
