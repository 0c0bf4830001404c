//! 就労定着支援 itself (stage 5) and its end (stage 6): the plan and its
//! reviews, the monthly contacts and report, and the handover before the end.

use chrono::NaiveDate;

use super::{Item, contact_ref, rules, support_period};
use crate::dates::{YearMonth, add_days, months_before, months_overlapping, period_end};
use crate::model::{
    Client, Contact, Counterpart, Disclosure, Employment, Method, ObligationId, Place, RecordId,
    RecordRef,
};

pub(super) fn items(
    client: &Client,
    emp: &Employment,
    a: NaiveDate,
    contacts: &[&Contact],
    today: NaiveDate,
    out: &mut Vec<Item>,
) {
    let Some(s) = emp.retention_start_date else {
        return;
    };
    let Some((s, e)) = support_period(emp) else {
        // A late application after 3年6月 from A leaves no period to grant
        // (000 §1(1) last paragraph).
        let limit = period_end(a, 42);
        out.push(
            Item::new(ObligationId::END_SUPPORT_END, s, limit).waive("支給可能期間(3年6月)を超過"),
        );
        return;
    };

    plans(client, s, e, out);
    monthly(client, contacts, s, e, out);
    handover_share(client, s, e, out);

    let mut end = Item::new(ObligationId::END_SUPPORT_END, e, e);
    end.done_without_record = today > e;
    out.push(end);
}

/// The plan chain: each plan's 作成日 and each 見直し日 recorded on a
/// plan (with the plan's row), by date then row. The order the items
/// below take them in, and the one every screen and document numbers a
/// plan's 見直し by (`document_forms::plan::review_number`).
pub(crate) fn plan_dates(client: &Client) -> Vec<(NaiveDate, Option<RecordId>)> {
    let mut dates: Vec<(NaiveDate, Option<RecordId>)> = Vec::new();
    for p in &client.plans {
        dates.push((p.created, p.id));
        dates.extend(p.reviews.iter().map(|r| (*r, p.id)));
    }
    dates.sort();
    dates
}

/// ret.plan_initial and the chain of ret.plan_review (000 §1(6)): each review
/// is due period_end(previous plan or review, 6); the open one after the
/// latest only while its due day is inside the support period.
fn plans(client: &Client, s: NaiveDate, e: NaiveDate, out: &mut Vec<Item>) {
    let dates = plan_dates(client);

    let mut initial = Item::new(ObligationId::RET_PLAN_INITIAL, s, s);
    let Some(&(first, first_id)) = dates.first() else {
        out.push(initial);
        let due = period_end(s, 6);
        if due <= e {
            out.push(review(add_days(s, 1), due));
        }
        return;
    };
    initial.satisfy(RecordRef::Plan {
        id: first_id,
        date: first,
    });
    out.push(initial);

    let mut prev = first;
    for &(date, id) in &dates[1..] {
        let mut it = review(add_days(prev, 1), period_end(prev, 6));
        it.satisfy(RecordRef::Plan { id, date });
        out.push(it);
        prev = date;
    }
    let due = period_end(prev, 6);
    if due <= e {
        out.push(review(add_days(prev, 1), due));
    }
}

fn review(window_start: NaiveDate, due: NaiveDate) -> Item {
    let mut it = Item::new(ObligationId::RET_PLAN_REVIEW, window_start.min(due), due);
    it.period = Some(YearMonth::of(due));
    it
}

/// Monthly items (000 §1(4)②): one per calendar month overlapping S..E, due
/// on the month's last day; only records inside both the month and S..E
/// count.
fn monthly(
    client: &Client,
    contacts: &[&Contact],
    s: NaiveDate,
    e: NaiveDate,
    out: &mut Vec<Item>,
) {
    let closed = client.disclosure == Disclosure::Closed;
    let mut presented: Vec<(NaiveDate, &crate::model::Report)> = client
        .reports
        .iter()
        .filter_map(|r| r.presented.map(|d| (d, r)))
        .collect();
    // Ties on a day go to the earliest record, whichever way it was loaded.
    presented.sort_by_key(|(d, r)| (*d, r.id));

    let (face_rule, report_rule, employer_rule) = (
        rules::order(ObligationId::RET_MONTHLY_FACE_TO_FACE.as_str()),
        rules::order(ObligationId::RET_MONTHLY_REPORT.as_str()),
        rules::order(ObligationId::RET_MONTHLY_EMPLOYER.as_str()),
    );
    for m in months_overlapping(s, e) {
        let from = m.first_day().max(s);
        let to = m.last_day().min(e);
        let due = m.last_day();
        // `contacts` is sorted by date: take the slice inside from..=to.
        let lo = contacts.partition_point(|c| c.date < from);
        let hi = contacts.partition_point(|c| c.date <= to);
        let in_month = &contacts[lo..hi];

        let mut face = Item::of(ObligationId::RET_MONTHLY_FACE_TO_FACE, face_rule, from, due);
        face.period = Some(m);
        // Phone, mail and chat do not count: 対面又はテレビ電話装置等 only.
        if let Some(c) = in_month.iter().find(|c| {
            c.counterpart == Counterpart::Client
                && matches!(c.method, Method::InPerson | Method::Video)
        }) {
            face.satisfy(contact_ref(c));
        }
        out.push(face);

        let mut report = Item::of(ObligationId::RET_MONTHLY_REPORT, report_rule, from, due);
        report.period = Some(m);
        let lo = presented.partition_point(|(d, _)| *d < from);
        if let Some((d, r)) = presented[lo..].first().filter(|(d, _)| *d <= to) {
            report.satisfy(RecordRef::Report {
                id: r.id,
                month: r.month,
                presented: *d,
            });
        }
        out.push(report);

        let mut employer = Item::of(ObligationId::RET_MONTHLY_EMPLOYER, employer_rule, from, due);
        employer.period = Some(m);
        if closed {
            // 障害非開示での就職は事業主に接触できない合理的な理由 (000 §1(4)②).
            employer = employer.waive("障害非開示");
        } else {
            let with_employer = || {
                in_month
                    .iter()
                    .filter(|c| c.counterpart == Counterpart::Employer)
            };
            // A visit to the workplace is the better kind: show it when there is one.
            let best = with_employer()
                .find(|c| c.place == Place::Employer)
                .or_else(|| with_employer().next());
            if let Some(c) = best {
                employer.satisfy(contact_ref(c));
            }
        }
        out.push(employer);
    }
}

/// end.handover_share (000 §1(4)③, §2(4)イ): for a 要継続支援 client, a
/// share with consent on or before E − 3 months. A later share does not
/// satisfy it: that is a 支援体制構築未実施減算 risk.
fn handover_share(client: &Client, s: NaiveDate, e: NaiveDate, out: &mut Vec<Item>) {
    let due = months_before(e, 3);
    let mut it = Item::new(ObligationId::END_HANDOVER_SHARE, s.min(due), due);
    if !client.needs_continuing_support {
        out.push(it.waive("要継続支援の対象外"));
        return;
    }
    // A handover linked only to the month-6 step is the handover to the
    // 就労定着支援事業所, not the share before the end; one made without
    // the client's consent on its day does not count (docs/BASIS.md §6).
    let mut shares: Vec<_> = client
        .handovers
        .iter()
        .filter(|h| h.for_end() && client.handover_consented(h))
        .collect();
    shares.sort_by_key(|h| h.date);
    if let Some(h) = shares.iter().find(|h| h.date <= due) {
        it.satisfy(RecordRef::Handover {
            id: h.id,
            date: h.date,
        });
    } else if let Some(h) = shares.first() {
        it.note = Some(format!(
            "{} の共有は期限後のため減算の対象です (000 §2(4)イ)",
            crate::wareki::format(h.date)
        ));
    } else if let Some((h, why)) = client
        .handovers
        .iter()
        .filter(|h| h.for_end())
        .find_map(|h| client.handover_refusal(h).map(|why| (h, why)))
    {
        it.note = Some(format!(
            "{} の共有は数えません: {why}",
            crate::wareki::format(h.date)
        ));
    }
    out.push(it);
}
