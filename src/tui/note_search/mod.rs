//! Finding text in a client's records from the timeline: contact notes
//! (summary and the details of counterpart, method and place), every field
//! of the reports and plans, handovers and case-conference notes. Plain
//! substring search (a case worker looks for a word they remember),
//! case-insensitive and blind to katakana/hiragana and full/half width.
//! `/` in the timeline opens it (`update`); the question and the count
//! stand in the message line.

mod update;

use super::romaji;
use super::timeline::{ItemKey, RecordItem, RecordKind};
use crate::model::Client;

/// A search under way in the timeline.
#[derive(Debug, Clone, Default)]
pub(crate) struct NoteSearch {
    pub query: String,
    /// The records found, newest first.
    pub hits: Vec<ItemKey>,
    /// Which hit the cursor is on.
    pub at: usize,
    /// Where the cursor was: Back returns there.
    before: Option<ItemKey>,
}

/// Kana, width and case folded; may change the length (only compared).
fn fold(s: &str) -> String {
    romaji::widen_katakana(s)
        .chars()
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every text of the record behind `item`.
fn texts<'a>(client: &'a Client, item: &'a RecordItem) -> Vec<&'a str> {
    let mut out: Vec<&str> = vec![&item.line, &item.body];
    out.extend(item.fields.iter().map(|(_, v)| v.as_str()));
    let values = |f: &'a crate::model::Fields| f.values().map(String::as_str).collect::<Vec<_>>();
    match item.kind {
        RecordKind::Contact => {
            if let Some(c) = client.contacts.iter().find(|c| c.id == item.id) {
                out.extend([
                    c.summary.as_str(),
                    &c.counterpart_detail,
                    &c.method_detail,
                    &c.place_detail,
                ]);
            }
        }
        RecordKind::Report => {
            if let Some(r) = client.reports.iter().find(|r| r.id == item.id) {
                out.extend(values(&r.fields));
            }
        }
        RecordKind::Plan | RecordKind::PlanReview => {
            if let Some(p) = client.plans.iter().find(|p| p.id == item.id) {
                out.extend(values(&p.fields));
            }
        }
        RecordKind::Handover => {
            if let Some(h) = client.handovers.iter().find(|h| h.id == item.id) {
                out.extend([h.agency.as_str(), &h.shared]);
            }
        }
        RecordKind::Conference => {
            if let Some(k) = client.conferences.iter().find(|k| k.id == item.id) {
                out.push(&k.notes);
            }
        }
        RecordKind::Consent | RecordKind::Employment => {}
    }
    out
}

/// The records holding `query`, newest first, as timeline keys. An empty
/// query finds nothing.
pub(crate) fn find(client: &Client, records: &[RecordItem], query: &str) -> Vec<ItemKey> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<&RecordItem> = records
        .iter()
        .filter(|item| texts(client, item).iter().any(|t| fold(t).contains(&q)))
        .collect();
    hits.sort_by_key(|r| std::cmp::Reverse(r.date));
    hits.iter()
        .map(|r| ItemKey::Record(r.kind, r.id, r.date))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordId;
    use crate::tui::timeline::records_of;

    fn client() -> Client {
        let mut c: Client = serde_json::from_value(serde_json::json!({
            "external_id": "C1", "name": "山田 太郎", "kana": "やまだ たろう",
            "contacts": [
                {"date": "2026-10-01", "counterpart": "client", "method": "in_person",
                 "place": "employer", "summary": "休憩室で面談。睡眠リズムが崩れている"},
                {"date": "2026-10-20", "counterpart": "employer", "method": "phone",
                 "place": "other", "summary": "上司と電話。ミスが減った"}
            ],
            "reports": [
                {"month": "2026-10", "created": "2026-10-31",
                 "fields": {"goal_1": "睡眠のリズムを整える"}}
            ]
        }))
        .expect("client");
        // Row ids are not part of the interchange format.
        c.contacts[0].id = Some(RecordId::new(1));
        c.contacts[1].id = Some(RecordId::new(2));
        c.reports[0].id = Some(RecordId::new(3));
        c
    }

    #[test]
    fn a_word_in_a_contact_note_or_a_report_field_finds_those_records() {
        let c = client();
        let items = records_of(&c);
        let keys = |q: &str| find(&c, &items, q);
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).expect("day");
        assert_eq!(
            keys("リズム"),
            vec![
                ItemKey::Record(RecordKind::Report, Some(RecordId::new(3)), day(10, 31)),
                ItemKey::Record(RecordKind::Contact, Some(RecordId::new(1)), day(10, 1)),
            ]
        );
        assert_eq!(
            keys("みす"),
            vec![ItemKey::Record(
                RecordKind::Contact,
                Some(RecordId::new(2)),
                day(10, 20)
            )]
        );
        assert_eq!(keys("ﾐｽ").len(), 1, "half-width katakana");
        assert!(keys("欠勤").is_empty());
        assert!(keys(" ").is_empty());
    }
}
