//! The client's profile in the detail pane, while the list has the
//! focus: who, where, which stage, what is pending.

use chrono::NaiveDate;

use super::{DetailKeys, Item};
use crate::model::{Client, Status};
use crate::tui::snapshot::ClientRow;
use crate::tui::staff_picker::Marks;
use crate::tui::theme::Slot;
use crate::wareki;

fn date_or_blank(d: Option<NaiveDate>) -> String {
    d.map(wareki::format).unwrap_or_else(|| "―".to_string())
}

/// The client's profile: who, where, which stage, what is pending.
pub(super) fn profile_items(
    row: &ClientRow,
    client: Option<&Client>,
    today: NaiveDate,
    keys: &DetailKeys,
    marks: &Marks,
) -> Vec<Item> {
    let mut v = vec![Item::Head(row.name.clone(), Slot::Title)];
    if !row.kana.is_empty() {
        v.push(Item::Field("ふりがな", row.kana.clone()));
    }
    v.push(Item::Field("利用者番号", row.external_id.clone()));
    v.push(Item::Field(
        "担当",
        row.staff
            .as_deref()
            .map_or_else(|| "（未設定）".into(), |s| marks.person(s)),
    ));
    if !row.stage.is_empty() {
        v.push(Item::Field("段階", row.stage.clone()));
    }
    if let Some(x) = &row.closure {
        v.push(Item::Field(
            "終結日",
            format!("{}（{}）", wareki::format(x.date), x.reason.label()),
        ));
        if !x.note.is_empty() {
            v.push(Item::Field("終結の記録", x.note.clone()));
        }
        if !x.closed_by.is_empty() {
            v.push(Item::Field("終結した人", marks.person(&x.closed_by)));
        }
    } else {
        let mut due = format!(
            "{} 超過 {}件 / {} 間近 {}件（必須）",
            Status::Overdue.glyph(),
            row.overdue,
            Status::DueSoon.glyph(),
            row.due_soon
        );
        if row.effort > 0 {
            due.push_str(&format!("、努力義務 {}件", row.effort));
        }
        v.push(Item::Field("期限", due));
    }
    let Some(c) = client else { return v };
    if let Some(e) = c.current_employment() {
        v.push(Item::Field("勤務先", e.employer.name.clone()));
        v.push(Item::Field("類型", e.support_type.label().to_string()));
        v.push(Item::Field("就職日", date_or_blank(e.start_date)));
        v.push(Item::Field("利用意向", e.intent.label().to_string()));
        if e.retention_start_date.is_some() {
            v.push(Item::Field(
                "定着支援開始",
                date_or_blank(e.retention_start_date),
            ));
        }
        if let Some(s) = e.separation_date {
            let reason = e.separation_reason.as_deref().unwrap_or("");
            v.push(Item::Field(
                "離職",
                format!("{} {reason}", wareki::format(s)),
            ));
        }
    } else {
        let how = keys
            .employment
            .as_deref()
            .map(|k| format!("（{k} で入力）"))
            .unwrap_or_default();
        v.push(Item::Head(
            format!("就職情報がありません{how}"),
            Slot::Warning,
        ));
    }
    v.push(Item::Field("障害の開示", c.disclosure.label().to_string()));
    if c.needs_continuing_support {
        v.push(Item::Field("要継続支援", "あり".to_string()));
    }
    if let Some(exp) = c.certificate_expires {
        let days = (exp - today).num_days();
        let note = if days < 0 {
            "（期限切れ）"
        } else if days <= 60 {
            "（まもなく期限）"
        } else {
            ""
        };
        v.push(Item::Field(
            "受給者証期限",
            format!("{}{note}", wareki::format(exp)),
        ));
    }
    if let Some(from) = c.certificate_from {
        v.push(Item::Field(
            "支給決定期間",
            format!(
                "{}〜{}",
                wareki::format(from),
                c.certificate_expires
                    .map(wareki::format)
                    .unwrap_or_default()
            ),
        ));
    }
    if !c.certificate_history.is_empty() {
        // The renewed ones: their months stay billable.
        let periods: Vec<String> = c
            .certificate_history
            .iter()
            .map(|h| {
                let d =
                    |x: Option<chrono::NaiveDate>| x.map(wareki::format_short).unwrap_or_default();
                format!("{}〜{}", d(h.from), d(h.to))
            })
            .collect();
        v.push(Item::Field("以前の受給者証", periods.join("、")));
    }
    if !c.municipality.trim().is_empty() {
        v.push(Item::Field("実施市町村", c.municipality.clone()));
    }
    v
}
