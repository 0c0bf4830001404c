//! Stages ①–④: from the job decision to the month-6 handover
//! (000 §1(1) ①–③ and 別添).

use chrono::NaiveDate;

use super::{Item, contact_ref};
use crate::dates::{add_days, month_k};
use crate::model::{
    Client, ConsentOnDay, Contact, Employment, Intent, ObligationId, RecordRef, Settings,
    SupportType,
};

/// The earliest contact linked to `id`, if any.
fn linked<'a>(contacts: &[&'a Contact], id: ObligationId) -> Option<&'a Contact> {
    contacts
        .iter()
        .copied()
        .find(|c| c.obligations.contains(&id))
}

fn step(contacts: &[&Contact], id: ObligationId, start: NaiveDate, due: NaiveDate) -> Item {
    let mut it = Item::new(id, start.min(due), due);
    if let Some(c) = linked(contacts, id) {
        it.satisfy(contact_ref(c));
    }
    it
}

const NOT_WANTED: &str = "利用希望なし";

pub(super) fn items(
    client: &Client,
    emp: &Employment,
    a: NaiveDate,
    contacts: &[&Contact],
    settings: &Settings,
) -> Vec<Item> {
    let mut out = Vec::with_capacity(8);

    // ① 就職前: from the job decision to the day before A (000 §1(1)①).
    let pre_end = add_days(a, -1);
    let pre_start = emp.decision_date.unwrap_or(pre_end);
    out.push(step(
        contacts,
        ObligationId::PRE_NEEDS_ASSESSMENT,
        pre_start,
        pre_end,
    ));
    out.push(step(
        contacts,
        ObligationId::PRE_INFORM_SERVICE,
        pre_start,
        pre_end,
    ));

    // 「適時に」市町村へ報告 (003 就労移行支援事業の適正な実施について): the
    // notice gives no number of days; the office setting decides (default 14).
    let report_due = add_days(a, settings.report_municipality_days);
    let report = step(
        contacts,
        ObligationId::PRE_REPORT_MUNICIPALITY,
        pre_start,
        report_due,
    );
    out.push(match emp.support_type {
        SupportType::Standard => report,
        _ => report.waive("通常型のみ"),
    });

    // ② 就職後2～3月目 (000 §1(1)②).
    let (m2_start, _) = month_k(a, 2);
    let (_, m3_end) = month_k(a, 3);
    out.push(step(
        contacts,
        ObligationId::M23_CONFIRM_INTENT,
        m2_start,
        m3_end,
    ));
    let mut share = step(contacts, ObligationId::M23_SHARE_STATUS, m2_start, m3_end);
    if emp.intent == Intent::Declined {
        share = share.waive(NOT_WANTED);
    } else {
        // Sharing needs the client's consent (「対象者の同意の上で」). The
        // linked contact still completes the step; the missing consent is
        // shown as a warning so it can be recorded.
        let day = share.satisfied_by.as_ref().map_or(m3_end, |r| r.date());
        match client.agency_consent_on(day) {
            ConsentOnDay::InForce => {}
            ConsentOnDay::NotRecorded => {
                share.note =
                    Some("関係機関との情報共有についての本人同意が記録されていません".into());
            }
            ConsentOnDay::Withdrawn => {
                share.note = Some(
                    "関係機関との情報共有についての本人同意は撤回されています (000 §1(4)①)".into(),
                );
            }
        }
    }
    out.push(share);

    // ③ 4～5月目 and ④ 6月目 apply when the client wants or applied for
    // 就労定着支援 (000 §1(1)③). With intent not yet confirmed they stay
    // listed, so no deadline is missed because nobody recorded the intent.
    let (m4_start, _) = month_k(a, 4);
    let (_, m5_end) = month_k(a, 5);
    let (m6_start, m6_end) = month_k(a, 6);
    let mut handover = step(contacts, ObligationId::M6_HANDOVER, m6_start, m6_end);
    // A 引継ぎ record linked to the step completes it as a contact does;
    // the earlier of the two is the one that counts.
    if let Some(h) = client
        .handovers
        .iter()
        .filter(|h| h.obligations.contains(&ObligationId::M6_HANDOVER))
        .min_by_key(|h| (h.date, h.id))
        && handover
            .satisfied_by
            .as_ref()
            .is_none_or(|r| h.date < r.date())
    {
        handover.satisfy(RecordRef::Handover {
            id: h.id,
            date: h.date,
        });
    }
    for mut it in [
        step(contacts, ObligationId::M45_COORDINATE, m4_start, m5_end),
        handover,
    ] {
        match emp.intent {
            Intent::Declined => it = it.waive(NOT_WANTED),
            Intent::Unknown if it.satisfied_by.is_none() => {
                it.note = Some("利用意向が未確認です".into());
            }
            _ => {}
        }
        out.push(it);
    }
    out
}
