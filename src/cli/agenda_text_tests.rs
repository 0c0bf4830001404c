use std::borrow::Cow;
use std::sync::Arc;

use super::*;
use crate::model::Role;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn member(login: &str, name: &str) -> Staff {
    Staff {
        login: login.into(),
        display_name: name.into(),
        role: Role::CaseWorker,
        basic_training: None,
        fte_percent: None,
        joined: None,
        left: None,
        fte_history: Vec::new(),
    }
}

/// A monthly 対面支援 of `year`-`month` for a client, due at its end.
fn row_in(
    ext: &str,
    name: &str,
    staff: Option<&str>,
    (year, month): (i32, u32),
    status: Status,
) -> Row {
    let period = YearMonth::new(year, month).expect("month");
    Row {
        external_id: Arc::from(ext),
        client: Arc::from(name),
        staff: staff.map(Arc::from),
        obligation: "ret.monthly_face_to_face",
        title: "本人との対面又はテレビ電話等による支援 (月1回以上)",
        period: Some(period),
        window_start: period.first_day(),
        due: period.last_day(),
        status,
        status_label: Cow::Borrowed(status.label()),
        severity: Severity::Required,
        late: false,
        waived_reason: None,
        satisfied_by: None,
        note: None,
        clause: "000 §1(4)②",
        waived_by: None,
        job: None,
    }
}

fn row(ext: &str, name: &str, staff: Option<&str>, month: u32, status: Status) -> Row {
    row_in(ext, name, staff, (2026, month), status)
}

/// The monthly employer contact (努力義務) of the same month.
fn employer(ext: &str, name: &str, staff: Option<&str>, month: u32, status: Status) -> Row {
    Row {
        obligation: "ret.monthly_employer",
        title: "事業主との連絡・職場での状況把握 (月1回以上)",
        severity: Severity::Effort,
        ..row(ext, name, staff, month, status)
    }
}

/// The digest as `agenda` asks for it by default on `today`.
fn default_on(today: NaiveDate) -> Asked {
    Asked {
        horizon: Some(crate::dates::add_months_clamped(today, -3)),
        ..Asked::default()
    }
}

#[test]
fn nothing_to_do_is_said_in_one_line_and_nothing_else() {
    let today = day("2026-11-23");
    assert_eq!(render(&[], &[], today, &default_on(today)), NOTHING);
}

#[test]
fn items_are_grouped_by_worker_then_client_with_a_summary_per_worker() {
    let staff = [member("suzuki", "鈴木 健一"), member("tanaka", "田中 美咲")];
    // In `due`'s order: by due day.
    let rows = [
        row("C002", "佐藤 花子", Some("tanaka"), 9, Status::Overdue),
        row("C009", "伊藤 一郎", None, 10, Status::Overdue),
        row("C001", "山田 太郎", Some("tanaka"), 10, Status::Overdue),
        row("C003", "石川 達也", Some("suzuki"), 10, Status::Overdue),
        employer("C001", "山田 太郎", Some("tanaka"), 10, Status::Overdue),
        row("C002", "佐藤 花子", Some("tanaka"), 11, Status::DueSoon),
        row("C004", "高木 実", Some("ghost"), 11, Status::DueSoon),
    ];
    let today = day("2026-11-23");
    let text = render(&rows, &staff, today, &default_on(today));
    assert_eq!(
        text,
        "期限超過・期限間近の項目（基準日 令和8年11月23日）

■ ghost（職員に未登録）  期限間近 1 件、利用者 1 名
  C004 高木 実
    11月30日  期限間近  月次 対面支援 11月分

■ 鈴木 健一（suzuki）  期限超過 1 件、利用者 1 名
  C003 石川 達也
    10月31日  期限超過  月次 対面支援 10月分

■ 田中 美咲（tanaka）  期限超過 2 件、期限間近 1 件（ほか努力義務 1 件）、利用者 2 名
  C002 佐藤 花子
    9月30日   期限超過  月次 対面支援 9月分
    11月30日  期限間近  月次 対面支援 11月分
  C001 山田 太郎
    10月31日  期限超過  月次 対面支援 10月分
    10月31日  期限超過  月次 事業主連絡 10月分（努力義務）

■ 担当者なし  期限超過 1 件、利用者 1 名
  C009 伊藤 一郎
    10月31日  期限超過  月次 対面支援 10月分"
    );
}

#[test]
fn overdue_items_older_than_three_months_are_one_line_per_worker_with_the_command() {
    let staff = [member("tanaka", "田中 美咲")];
    let today = day("2027-01-20");
    let rows = [
        row_in(
            "C001",
            "山田 太郎",
            Some("tanaka"),
            (2022, 8),
            Status::Overdue,
        ),
        Row {
            severity: Severity::Effort,
            ..row_in(
                "C001",
                "山田 太郎",
                Some("tanaka"),
                (2023, 1),
                Status::Overdue,
            )
        },
        row_in(
            "C002",
            "佐藤 花子",
            Some("tanaka"),
            (2026, 9),
            Status::Overdue,
        ),
        // Due on the horizon's day itself (10/20 is not a month's end; the
        // horizon is 3 months before 1/20): listed.
        Row {
            due: day("2026-10-20"),
            ..row_in(
                "C002",
                "佐藤 花子",
                Some("tanaka"),
                (2026, 10),
                Status::Overdue,
            )
        },
        row_in(
            "C002",
            "佐藤 花子",
            Some("tanaka"),
            (2027, 1),
            Status::DueSoon,
        ),
        row_in(
            "C003",
            "石川 達也",
            Some("suzuki"),
            (2024, 5),
            Status::Overdue,
        ),
    ];
    let asked = default_on(today);
    let text = render(&rows, &staff, today, &asked);
    assert_eq!(
        text,
        "期限超過・期限間近の項目（基準日 令和9年1月20日）

■ suzuki（職員に未登録）  直近の期限超過・期限間近はありません
  このほか、令和8年10月20日より前が期限の期限超過: 1 件。一覧: teichaku agenda --staff suzuki --all

■ 田中 美咲（tanaka）  期限超過 1 件、期限間近 1 件、利用者 1 名
  C002 佐藤 花子
    令和8年10月20日  期限超過  月次 対面支援 令和8年10月分
    1月31日          期限間近  月次 対面支援 1月分
  このほか、令和8年10月20日より前が期限の期限超過: 2 件（ほか努力義務 1 件）。一覧: teichaku agenda --staff tanaka --all"
    );
    // The options asked for are repeated in the command.
    let asked = Asked {
        within: Some(45),
        required: true,
        ..asked
    };
    let text = render(&rows, &staff, today, &asked);
    assert!(
        text.contains("一覧: teichaku agenda --staff tanaka --all --within 45 --required"),
        "{text}"
    );
    // With --all every overdue item is listed, whatever its age.
    let all = Asked {
        horizon: None,
        ..Asked::default()
    };
    let text = render(&rows, &staff, today, &all);
    assert!(!text.contains("このほか"), "{text}");
    assert!(
        text.contains("    令和4年8月31日   期限超過  月次 対面支援 令和4年8月分\n"),
        "{text}"
    );
    assert!(text.contains("令和5年1月分（努力義務）"), "{text}");
    assert_eq!(rows.iter().filter(|r| all.lists(r)).count(), rows.len());
    assert_eq!(
        rows.iter().filter(|r| default_on(today).lists(r)).count(),
        2
    );
}

#[test]
fn a_worker_with_only_effort_items_says_so() {
    let today = day("2026-11-23");
    let rows = [employer(
        "C001",
        "山田 太郎",
        Some("tanaka"),
        10,
        Status::Overdue,
    )];
    let text = render(
        &rows,
        &[member("tanaka", "田中 美咲")],
        today,
        &default_on(today),
    );
    assert!(
        text.contains("■ 田中 美咲（tanaka）  必須の項目なし（努力義務 1 件）、利用者 1 名"),
        "{text}"
    );
}

#[test]
fn stored_names_cannot_drive_the_terminal() {
    let rows = [row(
        "C\u{1b}[2J1",
        "山田\u{202e}太郎",
        Some("x\u{7}"),
        10,
        Status::Overdue,
    )];
    let asked = Asked {
        within: Some(30),
        ..default_on(day("2026-11-23"))
    };
    let text = render(
        &rows,
        &[member("x\u{7}", "名\u{1b}]0;t\u{7}前")],
        day("2026-11-23"),
        &asked,
    );
    assert!(
        text.starts_with("期限超過と 30 日以内に期限が来る項目"),
        "{text}"
    );
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && (c.is_control() || c == '\u{202e}')),
        "{text:?}"
    );
}
