//! What the detail pane says about the selected timeline row: an
//! obligation (its status, the rule's text and clause, the window, what
//! satisfied it and what the keys do about it), a record in full, or the
//! summary of a month or of a kind of record.

use super::{DetailKeys, Item};
use crate::model::{Client, Obligation, ObligationId, Status};
use crate::tui::engine;
use crate::tui::staff_picker::Marks;
use crate::tui::theme::Slot;
use crate::tui::timeline::view::{obligation_title, satisfied_text};
use crate::tui::timeline::{EnterAction, Entry, RECORDER, RecordItem, Row, Timeline};
use crate::wareki;

/// `client` is the item's (for who decided a 対象外, and when).
pub(super) fn obligation_items(
    o: &Obligation,
    client: &Client,
    keys: &DetailKeys,
    marks: &Marks,
) -> Vec<Item> {
    let mut v = vec![
        Item::Head(
            format!("{} {}", o.drawn_status().glyph(), o.status_label()),
            Slot::for_status(o.drawn_status()),
        ),
        Item::Head(obligation_title(o), Slot::Title),
    ];
    // An earlier job's step stays in the case until done or decided.
    if let Some(a) = o.job {
        let employer = client
            .employments
            .iter()
            .find(|e| e.anchor() == Some(a))
            .map(|e| format!("、{}", e.employer.name))
            .unwrap_or_default();
        v.push(Item::Field(
            "就職",
            format!("前の就職（起算日 {}{employer}）", wareki::format(a)),
        ));
    }
    // Why it is 対象外 and who said so come first: at 80×24 the pane
    // shows a few lines.
    if let Some(r) = &o.waived_reason {
        v.push(Item::Field("対象外の理由", r.to_string()));
        v.push(match &o.waived_by {
            Some(by) => {
                let on = client
                    .resolutions
                    .iter()
                    .find(|r| {
                        r.covers(o.id, o.period)
                            && (r.job.is_none() || r.job == o.job || o.job.is_none())
                    })
                    .map(|r| format!("（{}）", wareki::format(r.decided_on)))
                    .unwrap_or_default();
                Item::Field("判断した人", format!("{}{on}", marks.person(by)))
            }
            None => Item::Field("判断", "規則による".to_string()),
        });
    }
    v.extend([
        Item::Field(
            "期間",
            format!(
                "{}～{}",
                wareki::format(o.window_start),
                wareki::format(o.due)
            ),
        ),
        Item::Field("期限", wareki::format(o.due)),
        Item::Field("区分", o.severity.label().to_string()),
    ]);
    // The report goes to the client's 援護の実施市町村 (支給決定市町村).
    if o.id == ObligationId::PRE_REPORT_MUNICIPALITY {
        let to = if client.municipality.trim().is_empty() {
            "未記録（利用者の基本情報に入力）".to_string()
        } else {
            client.municipality.clone()
        };
        v.push(Item::Field("報告先", to));
    }
    if let Some(r) = &o.satisfied_by {
        let late = if o.late { "（期限後）" } else { "" };
        v.push(Item::Field(
            "満たした記録",
            format!("{}{late}", satisfied_text(r)),
        ));
    }
    if let Some(n) = &o.note {
        v.push(Item::Head(format!("注意: {n}"), Slot::Warning));
    }
    let rule = engine::rule(o.id);
    let clause = rule.map(|r| r.clause).unwrap_or(o.clause);
    v.push(Item::Field("根拠", clause.to_string()));
    if let Some(r) = rule {
        v.push(Item::Blank);
        v.push(Item::Body(r.text.to_string()));
    }
    let hint = (o.status != Status::Waived)
        .then(|| {
            let what = EnterAction::of(o.id).hint()?;
            Some(format!("{}: {what}", keys.enter.as_deref()?))
        })
        .flatten();
    let decide = match (o.status, &o.waived_by, keys.resolve.as_deref()) {
        (Status::Done, _, _) | (Status::Waived, None, _) | (_, _, None) => None,
        (Status::Waived, Some(_), Some(k)) => Some(format!("{k}: 対象外の判断を取り消す")),
        (_, _, Some(k)) => Some(format!("{k}: 対象外にする（理由を記録）")),
    };
    if hint.is_some() || decide.is_some() {
        v.push(Item::Blank);
    }
    for h in [hint, decide].into_iter().flatten() {
        v.push(Item::Head(h, Slot::Dim));
    }
    v
}

pub(super) fn record_items(r: &RecordItem, hint: &str, marks: &Marks) -> Vec<Item> {
    let mut v = vec![Item::Head(
        format!("{} {}", r.kind.label(), wareki::format(r.date)),
        Slot::Title,
    )];
    for (label, value) in &r.fields {
        // The record holds the login; a person reads the name.
        let value = if *label == RECORDER {
            marks.person(value)
        } else {
            value.clone()
        };
        v.push(Item::Field(label, value));
    }
    if !r.body.trim().is_empty() {
        v.push(Item::Blank);
        v.push(Item::Body(r.body.clone()));
    }
    if !hint.is_empty() {
        v.push(Item::Blank);
        v.push(Item::Head(hint.to_string(), Slot::Dim));
    }
    v
}

pub(super) fn kind_items(
    t: &Timeline,
    kind: crate::tui::timeline::RecordKind,
    keys: &DetailKeys,
) -> Vec<Item> {
    let of_kind: Vec<_> = t.records.iter().filter(|r| r.kind == kind).collect();
    let mut v = vec![
        Item::Head(kind.heading().to_string(), Slot::Title),
        Item::Field("件数", format!("{}件", of_kind.len())),
    ];
    if let (Some(first), Some(last)) = (
        of_kind.iter().map(|r| r.date).min(),
        of_kind.iter().map(|r| r.date).max(),
    ) {
        v.push(Item::Field(
            "期間",
            format!("{}～{}", wareki::format(first), wareki::format(last)),
        ));
    }
    if let Some(k) = &keys.group_toggle {
        v.push(Item::Blank);
        v.push(Item::Head(format!("{k}: 開く・閉じる"), Slot::Dim));
    }
    v
}

pub(super) fn month_items(t: &Timeline, row: Row, keys: &DetailKeys) -> Vec<Item> {
    let Row::Month { month, folded, .. } = row else {
        return Vec::new();
    };
    let mut counts = [0usize; 6];
    let mut records = 0;
    for e in t.month_entries(month) {
        match e {
            Entry::Obligation(i) => counts[t.obligations[i].status.urgency() as usize] += 1,
            Entry::Record(_) => records += 1,
        }
    }
    let mut v = vec![Item::Head(wareki::format_year_month(month), Slot::Title)];
    for s in [
        Status::Overdue,
        Status::DueSoon,
        Status::Open,
        Status::Upcoming,
        Status::Done,
        Status::Waived,
    ] {
        let n = counts[s.urgency() as usize];
        if n > 0 {
            v.push(Item::Field(s.label(), format!("{} {n}件", s.glyph())));
        }
    }
    v.push(Item::Field("記録など", format!("{records}件")));
    if let Some(k) = &keys.group_toggle {
        v.push(Item::Blank);
        let what = if folded { "開く" } else { "閉じる" };
        v.push(Item::Head(format!("{k}: {what}"), Slot::Dim));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report to the municipality names where it goes: the client's
    /// 援護の実施市町村, or that it is not recorded yet.
    #[test]
    fn the_municipality_report_names_where_it_goes() {
        let today = crate::tui::fixtures::today();
        let mut c: Client = serde_json::from_value(serde_json::json!({
            "external_id": "M1", "name": "市町村 太郎",
            "employments": [{"employer": {"name": "JS工業"}, "support_type": "standard",
                             "decision_date": "2026-11-10", "start_date": "2026-12-01"}]
        }))
        .expect("client");
        let shown = |c: &Client| -> Vec<String> {
            let o = engine::compute(c, &Default::default(), today)
                .into_iter()
                .find(|o| o.id == "pre.report_municipality")
                .expect("the item");
            obligation_items(&o, c, &DetailKeys::default(), &Marks::default())
                .into_iter()
                .filter_map(|i| match i {
                    Item::Field(l, v) => Some(format!("{l} {v}")),
                    _ => None,
                })
                .collect()
        };
        assert!(shown(&c).contains(&"報告先 未記録（利用者の基本情報に入力）".to_string()));
        c.municipality = "千代田区".into();
        assert!(
            shown(&c).contains(&"報告先 千代田区".to_string()),
            "{:?}",
            shown(&c)
        );
    }
}
