//! No lost edit: a draft or an open form whose record someone else saved
//! meanwhile goes to the conflict view (never over the record), the
//! person chooses field by field, the save goes against the new version,
//! and its audit row keeps both versions. Drafts are kept per terminal.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::harness::H;
use crate::operation::{self, Operation, Record};
use crate::tui::keymap::Mode;

/// The client form of `ext`, with field `id` emptied and `text` typed in.
fn edit_client_field(h: &mut H, ext: &str, id: &str, text: &str) {
    h.select(ext);
    h.ch('e');
    let fs = h.s.app.form.as_mut().expect("the client form");
    fs.form.focus_field(id);
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
    h.typed(text);
}

/// Another person saves client `ext` with `change` applied.
fn they_save(h: &H, ext: &str, change: impl FnOnce(&mut crate::model::Client)) {
    let other = h.other("tanaka");
    let mut c = other.load_client(h.id(ext)).expect("load");
    change(&mut c);
    operation::apply(
        &other,
        &Operation::EditClient {
            client: Box::new(c.clone()),
            conflict: None,
        },
    )
    .expect("the other person saves");
}

fn conflict_rows(h: &H) -> Vec<String> {
    let fs = h.s.app.form.as_ref().expect("form");
    let c = fs.conflict.as_ref().expect("a conflict");
    c.rows.iter().map(|r| r.diff.id.clone()).collect()
}

fn last_audit(h: &H, ext: &str) -> (String, serde_json::Value) {
    let row = h.s.store().audit_for_client(h.id(ext), 1).expect("audit")[0].clone();
    let detail = serde_json::from_str(row.detail.as_deref().expect("detail")).expect("json");
    (row.user, detail)
}

#[test]
fn a_draft_restored_onto_a_newer_version_goes_to_the_conflict_view_and_both_edits_survive() {
    let mut h = H::new();
    // B (sato) corrects the kana; the draft is kept, then the SSH drops.
    edit_client_field(&mut h, "C001", "kana", "やまだ たろう（修正）");
    h.wait(Duration::from_millis(1100));
    // Meanwhile A saves the certificate number.
    they_save(&h, "C001", |c| c.certificate_no = "1234567890".into());
    h.reconnect();
    h.select("C001");
    h.ch('e');
    assert!(
        h.draw()
            .contains("下書きの後に他の人がこの記録を変更しています"),
        "{}",
        h.draw()
    );
    assert_eq!(
        h.form_value("certificate_no"),
        "1234567890",
        "not yet restored"
    );
    h.ch('y');
    assert_eq!(h.s.app.mode(), Mode::Conflict, "{}", h.message());
    assert_eq!(conflict_rows(&h), ["kana", "certificate_no"]);
    let screen = h.draw();
    assert!(screen.contains("変更の衝突"), "{screen}");
    assert!(screen.contains("tanaka"), "who saved theirs: {screen}");
    // Take theirs for A's field (its default), keep B's kana, save.
    h.ch('j');
    h.ch('t');
    h.ctrl('s');
    assert!(h.message().ends_with("を保存しました"), "{}", h.message());
    assert!(h.s.app.form.is_none());
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    assert_eq!(c.certificate_no, "1234567890", "A's change is kept");
    assert_eq!(c.kana, "やまだ たろう（修正）", "B's change is saved");
    let (user, detail) = last_audit(&h, "C001");
    assert_eq!(user, "sato");
    assert_eq!(detail["changes"]["kana"][1], "やまだ たろう（修正）");
    let f = &detail["conflict"]["fields"]["certificate_no"];
    assert_eq!(
        (f["theirs"].as_str(), f["mine"].as_str()),
        (Some("1234567890"), Some(""))
    );
    assert_eq!(f["chosen"], "theirs");
    assert_eq!(detail["conflict"]["fields"]["kana"]["chosen"], "mine");
    assert_eq!(detail["conflict"]["theirs_by"], "tanaka");
}

#[test]
fn a_draft_restored_onto_an_unchanged_record_is_applied_as_before() {
    let mut h = H::new();
    edit_client_field(&mut h, "C001", "kana", "やまだ");
    h.wait(Duration::from_millis(1100));
    h.reconnect();
    h.select("C001");
    h.ch('e');
    assert!(
        h.draw()
            .contains("前回の下書きがあります。復元しますか？ (y/n)")
    );
    h.ch('y');
    assert_eq!(h.message(), "下書きを復元しました");
    assert_ne!(h.s.app.mode(), Mode::Conflict);
    assert_eq!(h.form_value("kana"), "やまだ");
}

#[test]
fn a_stale_save_opens_the_conflict_view_and_a_field_both_changed_needs_a_choice() {
    let mut h = H::new();
    edit_client_field(&mut h, "C001", "name", "山田 太朗");
    they_save(&h, "C001", |c| {
        c.name = "山田 大郎".into();
        c.sex = "男".into();
    });
    h.ctrl('s');
    assert!(
        h.message().contains("他の人が先に変更しました"),
        "{}",
        h.message()
    );
    assert_eq!(h.s.app.mode(), Mode::Conflict);
    assert_eq!(conflict_rows(&h), ["name", "sex"]);
    assert_eq!(h.form_value("name"), "山田 太朗", "the input is kept");
    // Both changed the name: no save until a choice is made.
    h.ctrl('s');
    assert_eq!(h.s.app.mode(), Mode::Conflict);
    assert!(h.draw().contains("選んでください"));
    h.ch('m');
    h.ctrl('s');
    assert!(h.message().ends_with("を保存しました"), "{}", h.message());
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    assert_eq!((c.name.as_str(), c.sex.as_str()), ("山田 太朗", "男"));
    let (_, detail) = last_audit(&h, "C001");
    assert_eq!(detail["conflict"]["fields"]["name"]["theirs"], "山田 大郎");
    assert_eq!(detail["conflict"]["fields"]["name"]["chosen"], "mine");
}

#[test]
fn esc_goes_back_to_the_form_and_saving_again_brings_the_comparison_back() {
    let mut h = H::new();
    edit_client_field(&mut h, "C001", "name", "山田 太朗");
    they_save(&h, "C001", |c| c.name = "山田 大郎".into());
    h.ctrl('s');
    h.key(KeyCode::Esc);
    assert_eq!(h.s.app.mode(), Mode::Form);
    assert_eq!(h.form_value("name"), "山田 太朗");
    h.ctrl('s');
    assert_eq!(h.s.app.mode(), Mode::Conflict, "nothing saved over theirs");
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    assert_eq!(c.name, "山田 大郎");
    // Edit: back to the form with theirs chosen, then save.
    h.ch('t');
    h.ch('e');
    assert_eq!(h.s.app.mode(), Mode::Form);
    assert_eq!(h.form_value("name"), "山田 大郎");
    h.typed("（確認済）");
    h.ctrl('s');
    assert!(h.message().ends_with("を保存しました"), "{}", h.message());
    let (_, detail) = last_audit(&h, "C001");
    assert_eq!(detail["conflict"]["fields"]["name"]["chosen"], "edited");
}

#[test]
fn a_stale_correction_of_a_contact_compares_too() {
    use crate::model::Contact;
    let mut h = H::new();
    h.select("C001");
    h.key(KeyCode::Tab);
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    let x: Contact = c.contacts[0].clone();
    // Put the cursor on the contact's row, open it.
    let key = crate::tui::timeline::ItemKey::Record(
        crate::tui::timeline::RecordKind::Contact,
        x.id,
        x.date,
    );
    h.s.app
        .timeline
        .as_mut()
        .expect("timeline")
        .select_key(&key);
    h.key(KeyCode::Enter);
    h.s.app
        .form
        .as_mut()
        .expect("the contact's form")
        .form
        .focus_field("summary");
    h.typed("（追記）");
    let mut theirs = x.clone();
    theirs.place_detail = "駅前の喫茶店".into();
    operation::apply(
        &h.other("tanaka"),
        &Operation::edit(Record::Contact(theirs.clone())),
    )
    .expect("saved first");
    h.ctrl('s');
    assert_eq!(h.s.app.mode(), Mode::Conflict, "{}", h.message());
    h.ctrl('s');
    assert_eq!(h.message(), "修正しました");
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    let saved = c.contacts.iter().find(|y| y.id == x.id).expect("same row");
    assert!(saved.summary.ends_with("（追記）"));
    assert_eq!(saved.place_detail, "駅前の喫茶店");
}

#[test]
fn two_terminals_of_one_login_keep_two_drafts() {
    let mut h = H::new();
    h.set_terminal("tty:/dev/pts/1");
    h.select("C003");
    h.ch('c');
    h.typed("一つ目の端末で書いた");
    h.wait(Duration::from_millis(1100));
    // A second window of the same login, on the same client's form.
    let mut other = H::new_session_on(&h, "tty:/dev/pts/2");
    assert_eq!(
        other.s.app.mode(),
        Mode::Drafts,
        "the first one's draft is listed"
    );
    other.key(KeyCode::Esc);
    other.select("C003");
    other.ch('c');
    // The first terminal's draft is offered here; this one writes its own.
    assert!(other.draw().contains("別の端末（pts/1"), "{}", other.draw());
    other.ch('n');
    other.typed("二つ目の端末で書いた");
    other.wait(Duration::from_millis(1100));
    h.typed("。続き");
    h.wait(Duration::from_millis(1100));
    let drafts = h.s.store().list_drafts().expect("drafts");
    assert_eq!(drafts.len(), 2, "{drafts:?}");
    let texts: Vec<String> = drafts
        .iter()
        .map(|d| {
            h.s.store()
                .load_draft(&d.key)
                .expect("load")
                .expect("kept")
                .0
        })
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("一つ目の端末で書いた。続き")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("二つ目の端末で書いた")),
        "{texts:?}"
    );
}

/// Who saved theirs: the other store's clock is pinned, and the local
/// time it shows as (which depends on the machine's zone) is replaced.
fn they_save_at_a_fixed_time(h: &H, ext: &str, change: impl FnOnce(&mut crate::model::Client)) {
    use chrono::TimeZone;
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 5, 20, 1, 2, 3)
        .single()
        .expect("time");
    let mut other = h.other("tanaka");
    other.set_clock(move || at);
    let mut c = other.load_client(h.id(ext)).expect("load");
    change(&mut c);
    operation::apply(
        &other,
        &Operation::EditClient {
            client: Box::new(c.clone()),
            conflict: None,
        },
    )
    .expect("the other person saves");
}

fn screen_without_clock(h: &H) -> String {
    use chrono::TimeZone;
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 5, 20, 1, 2, 3)
        .single()
        .expect("time");
    let local = crate::tui::drafts::local_time(at);
    let s = h.draw();
    for line in s.lines() {
        assert!(crate::text::width(line) <= 80, "wider than 80: {line}");
    }
    // The same width whatever the zone: the layout stays as drawn.
    s.replace(&local, &"#".repeat(crate::text::width(&local)))
}

#[test]
fn snapshot_conflict_view_80x24() {
    let mut h = H::new();
    edit_client_field(&mut h, "C001", "name", "山田 太朗");
    h.s.app
        .form
        .as_mut()
        .expect("form")
        .form
        .focus_field("certificate_no");
    h.typed("0012345678");
    they_save_at_a_fixed_time(&h, "C001", |c| {
        c.name = "山田 大郎".into();
        c.sex = "男".into();
        c.disclosure = crate::model::Disclosure::Closed;
    });
    h.ctrl('s');
    insta::assert_snapshot!("conflict_view_80x24", screen_without_clock(&h));
    // Saving with the name not chosen: refused, the line says why.
    h.ch('j');
    h.ctrl('s');
    insta::assert_snapshot!(
        "conflict_view_choice_needed_80x24",
        screen_without_clock(&h)
    );
}

#[test]
fn snapshot_conflict_whole_text_80x24() {
    use crate::model::Contact;
    let mut h = H::new();
    h.select("C001");
    h.key(KeyCode::Tab);
    let c = h.s.store().load_client(h.id("C001")).expect("load");
    let x: Contact = c.contacts[0].clone();
    let key = crate::tui::timeline::ItemKey::Record(
        crate::tui::timeline::RecordKind::Contact,
        x.id,
        x.date,
    );
    h.s.app
        .timeline
        .as_mut()
        .expect("timeline")
        .select_key(&key);
    h.key(KeyCode::Enter);
    h.s.app
        .form
        .as_mut()
        .expect("the contact's form")
        .form
        .focus_field("summary");
    h.typed("本人から職場の人間関係について相談があり、上司との面談の段取りを一緒に考えた。次回は二週間後に職場を訪問して様子を確認する。");
    let mut theirs = x.clone();
    theirs.summary = format!(
        "{}\n事業所から連絡あり: 勤務時間の変更を検討中。",
        x.summary
    );
    let mut other = h.other("tanaka");
    other.set_clock(|| {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 5, 20, 1, 2, 3)
            .single()
            .unwrap_or_default()
    });
    operation::apply(&other, &Operation::edit(Record::Contact(theirs.clone())))
        .expect("saved first");
    h.ctrl('s');
    let list = h.draw();
    assert!(
        list.contains('…'),
        "a long value is cut with a mark: {list}"
    );
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("conflict_whole_text_80x24", screen_without_clock(&h));
}

/// sato writes a contact for C003 in terminal pts/1, and the connection
/// drops (the draft is written as the program ends).
fn dropped_with_a_draft() -> H {
    let mut h = H::new();
    h.set_terminal("tty:/dev/pts/1");
    h.select("C003");
    h.ch('c');
    h.typed("切断の前に書いた記録");
    h.s.shutdown();
    h.reconnect();
    h
}

#[test]
fn a_dropped_sessions_draft_is_listed_at_start_up_and_recovered_from_a_new_terminal() {
    let mut h = dropped_with_a_draft();
    h.set_terminal("tty:/dev/pts/2");
    assert_eq!(h.s.app.mode(), Mode::Drafts);
    let saved = h.s.store().list_drafts().expect("drafts")[0].clone();
    let screen = h.draw();
    assert!(screen.contains("pts/1"), "where it was typed: {screen}");
    assert!(
        screen.contains(&crate::tui::drafts::local_time(saved.updated_at)),
        "when it was saved: {screen}"
    );
    // The time in the machine's zone, as wide as it is drawn.
    let saved_at = crate::tui::drafts::local_time(saved.updated_at);
    insta::assert_snapshot!(
        "draft_list_80x24",
        screen.replace(&saved_at, &"#".repeat(crate::text::width(&saved_at)))
    );
    h.key(KeyCode::Enter);
    assert!(h.draw().contains("別の端末（pts/1"), "{}", h.draw());
    h.ch('y');
    assert_eq!(h.form_value("summary"), "切断の前に書いた記録");
    h.ctrl('s');
    assert_eq!(h.message(), "記録しました");
    assert!(
        h.s.store().list_drafts().expect("drafts").is_empty(),
        "the recovered draft is gone once saved"
    );
}

#[test]
fn closing_the_start_up_list_keeps_every_draft() {
    let mut h = dropped_with_a_draft();
    h.set_terminal("tty:/dev/pts/2");
    h.key(KeyCode::Esc);
    assert_ne!(h.s.app.mode(), Mode::Drafts);
    assert_eq!(h.s.store().list_drafts().expect("drafts").len(), 1);
    // Declining it in the form leaves another terminal's draft too.
    h.select("C003");
    h.ch('c');
    h.ch('n');
    assert_eq!(h.message(), "別の端末の下書きはそのまま残しています");
    assert_eq!(h.s.store().list_drafts().expect("drafts").len(), 1);
}

/// While the draft question is up, a key that is not an answer is not
/// typed anywhere — and the question says so, instead of the key
/// vanishing; the bar gives the line to the question.
#[test]
fn keys_before_the_draft_question_is_answered_are_said_to_wait() {
    let mut h = H::new();
    edit_client_field(&mut h, "C001", "kana", "やまだ");
    h.wait(Duration::from_millis(1100));
    h.reconnect();
    h.select("C001");
    h.ch('e');
    assert!(h.draw().contains("前回の下書きがあります"));
    h.ch('x');
    let s = h.draw();
    assert!(s.contains("入力の前に答えてください"), "{s}");
    assert_eq!(
        s.lines().last().map(str::trim),
        Some(""),
        "no form keys offered"
    );
    h.ch('y');
    assert_eq!(h.form_value("kana"), "やまだ", "restored, the x not typed");
}
