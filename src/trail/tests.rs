use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
use serde_json::json;

use super::*;
use crate::model::ClientId;
use crate::store::{AuditAction, AuditEntry, Table};

fn ctx() -> Context {
    let mut names = Names::new();
    names.insert("tanaka".into(), "田中 美咲".into());
    names.insert("suzuki".into(), "鈴木 健一".into());
    Context {
        today: NaiveDate::from_ymd_opt(2026, 12, 7).expect("day"),
        zone: Zone::Fixed(FixedOffset::east_opt(9 * 3600).expect("JST")),
        names,
    }
}

/// An entry of tanaka's about D00033 石井 悠斗, at 2026-12-07 05:28 UTC
/// (14:28 in Japan).
fn entry(action: AuditAction, table: &str, summary: &str, detail: serde_json::Value) -> AuditEntry {
    AuditEntry {
        id: 215,
        at: Utc
            .with_ymd_and_hms(2026, 12, 7, 5, 28, 0)
            .single()
            .expect("at"),
        user: "tanaka".into(),
        action,
        table: table.into(),
        row_id: Some(5966),
        client_id: Some(ClientId::new(33)),
        external_id: Some("D00033".into()),
        summary: summary.into(),
        detail: Some(detail.to_string()),
        client_name: Some("石井 悠斗".into()),
    }
}

fn text(r: &Row) -> Vec<String> {
    r.lines(None)
}

#[test]
fn a_change_reads_label_old_arrow_new_in_the_forms_order() {
    let e = entry(
        AuditAction::Update,
        "contacts",
        "支援記録 2026-12-07 本人・面接",
        json!({"op": 9, "changes": {
            "method": ["phone", "in_person"],
            "place": ["office", "employer"],
            "time": [null, "14:30:00"],
            "summary": ["電話で様子を確認。", "電話で様子を確認。\n来週訪問する"],
        }}),
    );
    let r = &rows(&[e], &ctx())[0];
    assert_eq!(
        text(r),
        [
            "#215  12月7日  14:28  変更  支援記録  D00033 石井 悠斗  田中 美咲（tanaka）",
            "    支援記録 R8.12.7 本人・面接",
            "    時刻: （空欄） → 14:30",
            "    方法: 電話 → 面接",
            "    場所: 事業所内 → 雇用事業主内",
            "    支援内容: 電話で様子を確認。",
            "              → 電話で様子を確認。",
            "              来週訪問する",
        ]
    );
    assert!(r.shows_values);
    assert_eq!(r.client_id, Some(ClientId::new(33)));
}

#[test]
fn a_deletion_gives_its_reason_then_the_values_with_dates_in_wareki_and_names() {
    let e = entry(
        AuditAction::Delete,
        "contacts",
        "支援記録 #1031",
        json!({"op": 3, "reason": "重複", "old": {
            "counterpart": "client", "counterpart_detail": "", "date": "2026-11-12",
            "method": "video", "method_detail": "", "obligations": "[\"m23.confirm_intent\"]",
            "place": "office", "place_detail": "", "staff": "suzuki",
            "summary": "給与明細の見方を一緒に確認した。", "time": "12:00:00"
        }}),
    );
    let lines = text(&rows(&[e], &ctx())[0]);
    assert_eq!(
        lines[1..],
        [
            "    支援記録 #1031",
            "    削除の理由: 重複",
            "    実施日: 令和8年11月12日",
            "    時刻: 12:00",
            "    記録者: 鈴木 健一（suzuki）",
            "    相手: 本人",
            "    方法: テレビ電話",
            "    場所: 事業所内",
            "    支援内容: 給与明細の見方を一緒に確認した。",
            "    対応する項目: 就労定着支援の利用意向の確認",
        ]
    );
}

#[test]
fn a_report_shows_each_form_field_by_its_label_and_a_flag_in_words() {
    let old = json!({"goal_1": "遅刻をしない"}).to_string();
    let new = json!({"goal_1": "遅刻をしない", "goal_2": "休憩を取る"}).to_string();
    let e = entry(
        AuditAction::Update,
        "reports",
        "支援レポート 2026-11",
        json!({"changes": {"fields": [old, new], "share_with_employer": [0, 1]}}),
    );
    let lines = text(&rows(&[e], &ctx())[0]);
    assert_eq!(
        lines[1..],
        [
            "    支援レポート 令和8年11月",
            "    事業主と共有: いいえ → はい",
            "    当月の主な支援目標 ②: （空欄） → 休憩を取る",
        ]
    );
}

#[test]
fn what_was_only_done_shows_no_values_and_a_staff_row_reads_by_its_labels() {
    let mut view = entry(
        AuditAction::View,
        "clients",
        "タイムライン（利用者 #33）",
        json!(null),
    );
    view.detail = None;
    let mut staff = entry(
        AuditAction::Create,
        "staff",
        "職員 ito (就労定着支援員)",
        json!({"new": {"login": "ito", "display_name": "伊藤 彩", "role": "case_worker",
                       "basic_training": null, "fte_percent": 80, "fte_history": []}}),
    );
    staff.client_id = None;
    staff.external_id = None;
    let r = rows(&[view, staff], &ctx());
    assert!(!r[0].shows_values);
    assert_eq!(text(&r[0]).len(), 2, "{:?}", text(&r[0]));
    assert!(!r[1].shows_values, "no client's case");
    assert_eq!(
        text(&r[1])[2..],
        [
            "    ログイン名: ito",
            "    表示名: 伊藤 彩",
            "    役割: 就労定着支援員",
            "    常勤換算: 0.8",
        ]
    );
}

#[test]
fn a_time_of_another_year_has_its_full_wareki_date_and_a_deleted_client_is_named() {
    let mut e = entry(
        AuditAction::Delete,
        "clients",
        "利用者 #33",
        json!({"reason": "別の利用者の記録", "old": {"external_id": "D00033", "name": "石井 悠斗"}}),
    );
    e.at = Utc
        .with_ymd_and_hms(2025, 3, 31, 23, 5, 0)
        .single()
        .expect("at");
    e.external_id = None;
    e.client_name = None;
    let head = &text(&rows(&[e], &ctx())[0])[0];
    assert_eq!(
        head,
        "#215  令和7年4月1日 08:05  削除  利用者  D00033 石井 悠斗（削除済み）  田中 美咲（tanaka）"
    );
}

#[test]
fn a_column_the_trail_does_not_know_is_shown_by_its_stored_name() {
    let e = entry(
        AuditAction::Update,
        "contacts",
        "",
        json!({"changes": {"mood": ["", "良い"]}}),
    );
    assert_eq!(text(&rows(&[e], &ctx())[0])[1], "    mood: （空欄） → 良い");
}

#[test]
fn typed_text_cannot_drive_the_terminal() {
    let e = entry(
        AuditAction::Create,
        "contacts",
        "",
        json!({"new": {"summary": "面談\u{1b}]0;x\u{7}\u{200b}です"}}),
    );
    let line = text(&rows(&[e], &ctx())[0])[1].clone();
    assert!(
        !line.contains('\u{1b}') && !line.contains('\u{7}'),
        "{line:?}"
    );
    assert!(line.contains("⟨U+200B⟩"), "{line}");
}

#[test]
fn a_narrow_screen_wraps_every_line_under_its_text_and_cuts_nothing() {
    let long = "給与明細の見方を一緒に確認した。次回は源泉徴収票についても説明する予定。";
    let e = entry(
        AuditAction::Create,
        "contacts",
        "支援記録 2026-12-07 本人・電話",
        json!({"new": {"summary": long, "date": "2026-12-07"}}),
    );
    let r = &rows(&[e], &ctx())[0];
    for width in [30, 40, 58] {
        let lines = r.lines(Some(width));
        for l in &lines {
            assert!(crate::text::width(l) <= width, "{width}: {l}");
        }
        let all: String = lines.iter().map(|l| l.trim()).collect();
        assert!(all.contains(long), "{width}: {lines:#?}");
        let at = lines
            .iter()
            .position(|l| l.starts_with("    支援内容: "))
            .expect("the note");
        // Continued under the text, not under the label.
        assert!(
            lines[at + 1].starts_with(&" ".repeat(INDENT + 10)),
            "{lines:#?}"
        );
    }
}

#[test]
fn dates_in_a_summary_read_in_wareki_and_other_digits_stay() {
    for (stored, read) in [
        (
            "支援記録 2026-12-07 本人・電話",
            "支援記録 R8.12.7 本人・電話",
        ),
        (
            "支援レポート 2026-11 (本人用)",
            "支援レポート 令和8年11月 (本人用)",
        ),
        (
            "一覧表 2026-04-01～2026-04-30 3名",
            "一覧表 R8.4.1～R8.4.30 3名",
        ),
        ("電話 03-0000-0000", "電話 03-0000-0000"),
        ("事業所番号 1310000000", "事業所番号 1310000000"),
        ("ID 2026-12-07X", "ID 2026-12-07X"),
        ("2026-13 と 2026-02-30", "2026-13 と 2026-02-30"),
    ] {
        assert_eq!(dates_in(stored), read);
    }
}

#[test]
fn every_column_a_change_records_has_a_label_from_the_fields() {
    let (_dir, s) = crate::store::test_support::store();
    // Bookkeeping the trail leaves out (`history::SKIP`).
    let skip = [
        "id",
        "client_id",
        "plan_id",
        "version",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
    ];
    for t in [
        Table::Clients,
        Table::Employments,
        Table::Contacts,
        Table::Reports,
        Table::Plans,
        Table::PlanReviews,
        Table::Consents,
        Table::Handovers,
        Table::Conferences,
        Table::Resolutions,
        Table::Staff,
        Table::Agencies,
        Table::Settings,
    ] {
        let mut stmt = s
            .conn()
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}')",
                t.sql()
            ))
            .expect("pragma");
        let names: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("columns")
            .collect::<Result<_, _>>()
            .expect("names");
        assert!(!names.is_empty(), "{t:?}");
        for n in names.iter().filter(|n| !skip.contains(&n.as_str())) {
            let c = columns::of(t).iter().find(|c| c.name == n);
            assert!(
                c.is_some_and(|c| !c.field.label.is_empty()),
                "{}.{n} has no label",
                t.sql()
            );
        }
    }
}
