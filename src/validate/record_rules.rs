//! The rules of each record kind of a case.

use chrono::NaiveDate;

use super::{Check, Problem, collect};
use crate::dates::{add_days, period_end};
use crate::fields;
use crate::model::{
    CaseConference, Closure, Consent, Contact, Employment, Handover, ObligationId, Office, Plan,
    Report, Resolution, Staff, SupportType,
};

pub(crate) fn employment(e: &Employment, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| employment_into(c, e))
}

pub(crate) fn employment_into(c: &mut Check<'_>, e: &Employment) {
    use fields::employment as f;
    let er = &e.employer;
    // The employer's name is printed on every 支援レポート and 計画書, and
    // names the job in every list: required at every way in.
    c.field(&f::EMPLOYER_NAME, &er.name);
    c.field(&f::INDUSTRY, &er.industry);
    c.field(&f::ADDRESS, &er.address);
    c.field(&f::PHONE, &er.phone);
    c.field(&f::CONTACT_PERSON, &er.contact_person);
    if let Some(r) = &e.separation_reason {
        c.field(&f::SEPARATION_REASON, r);
    }
    c.fields(&e.fields);
    for (field, d) in [
        (f::DECISION_DATE, e.decision_date),
        (f::START_DATE, e.start_date),
        (f::PRIOR_SERVICE_END_DATE, e.prior_service_end_date),
        (f::RETENTION_START_DATE, e.retention_start_date),
        (f::SEPARATION_DATE, e.separation_date),
    ] {
        c.plausible_opt(field.key, field.label, d);
    }

    // The anchor day A by support type (000 §1(1)): 就職日, 復職日, or the
    // day after the 就労移行支援等 end day.
    let start_label = match e.support_type {
        SupportType::ReturnToWork => "復職日",
        _ => "就職日",
    };
    let (anchor_field, anchor_label) = match e.support_type {
        SupportType::HoursExtension => ("prior_service_end_date", "就労移行支援等の終了日の翌日"),
        _ => ("start_date", start_label),
    };
    match e.support_type {
        SupportType::HoursExtension if e.prior_service_end_date.is_none() => c.report(
            anchor_field,
            &[],
            "就労移行支援等の終了日がありません（労働時間延長支援型の起算日になります）"
                .to_string(),
        ),
        SupportType::Standard | SupportType::ReturnToWork if e.start_date.is_none() => {
            c.report(anchor_field, &[], format!("{start_label}がありません"))
        }
        _ => {}
    }
    if let (Some(decision), Some(start)) = (e.decision_date, e.start_date)
        && decision > start
    {
        c.report(
            "decision_date",
            &["start_date"],
            format!("就職先決定日（{decision}）が{start_label}（{start}）より後になっています"),
        );
    }
    let Some(anchor) = e.anchor() else {
        return;
    };
    if let Some(s) = e.retention_start_date {
        // 就労定着支援 starts after month 6 from A has passed (000 §1(2)).
        let earliest = add_days(period_end(anchor, 6), 1);
        if s < earliest {
            c.report(
                "retention_start_date",
                &[anchor_field],
                format!(
                    "就労定着支援の開始日（{s}）が、{anchor_label}（{anchor}）から6月を経過した翌日（{earliest}）より前になっています"
                ),
            );
        }
    }
    if e.separation_reason
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty())
        && e.separation_date.is_none()
    {
        c.report(
            "separation_date",
            &["separation_reason"],
            "離職の理由があるときは離職日も入力してください".to_string(),
        );
    }
    if let Some(sep) = e.separation_date {
        c.order(
            (anchor_field, anchor_label, anchor),
            ("separation_date", "離職日", sep),
        );
    }
}

pub(crate) fn contact(x: &Contact, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| contact_into(c, x))
}

pub(crate) fn contact_into(c: &mut Check<'_>, x: &Contact) {
    use fields::contact as f;
    c.done_by_today(f::DATE.key, f::DATE.label, x.date);
    if let Some(staff) = &x.staff {
        c.field(&f::STAFF, staff);
    }
    c.field(&f::COUNTERPART_DETAIL, &x.counterpart_detail);
    c.field(&f::METHOD_DETAIL, &x.method_detail);
    c.field(&f::PLACE_DETAIL, &x.place_detail);
    c.field(&f::SUMMARY, &x.summary);
}

pub(crate) fn report(r: &Report, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| report_into(c, r))
}

pub(crate) fn report_into(c: &mut Check<'_>, r: &Report) {
    use fields::report::{CREATED, MONTH, PRESENTED};
    let first = r.month.first_day();
    c.plausible(MONTH.key, MONTH.label, first);
    if let Some(created) = r.created {
        c.done_by_today(CREATED.key, CREATED.label, created);
    }
    if let Some(presented) = r.presented {
        // A report counts for the month it was presented in: a 提示日
        // ahead of today would mark the month done before it happened.
        c.done_by_today(PRESENTED.key, PRESENTED.label, presented);
    }
    if let (Some(created), Some(presented)) = (r.created, r.presented) {
        c.order(
            (CREATED.key, CREATED.label, created),
            (PRESENTED.key, PRESENTED.label, presented),
        );
    }
    // The form's own rules: its fields, each named by its label.
    c.form_fields(crate::document_forms::report_def(), &r.fields);
}

pub(crate) fn plan(p: &Plan, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| plan_into(c, p))
}

pub(crate) fn plan_into(c: &mut Check<'_>, p: &Plan) {
    use fields::plan::{CREATED, REVIEWS};
    let created = (CREATED.key, CREATED.label, p.created);
    c.done_by_today(CREATED.key, CREATED.label, p.created);
    let mut previous: Option<(String, NaiveDate)> = None;
    for (i, &review) in p.reviews.iter().enumerate() {
        let field = format!("{}[{i}]", REVIEWS.key);
        c.done_by_today(&field, REVIEWS.label, review);
        c.order(created, (&field, REVIEWS.label, review));
        // Reviews form a chain, oldest first (ret.plan_review).
        if let Some((prev_field, prev)) = &previous
            && review < *prev
            && review >= p.created
        {
            c.report(
                &field,
                &[prev_field],
                format!(
                    "{}（{review}）が一つ前の見直し日（{prev}）より前です。古い順に並べてください",
                    REVIEWS.label
                ),
            );
        }
        previous = Some((field, review));
    }
    c.form_fields(crate::document_forms::plan_def(), &p.fields);
}

pub(crate) fn consent(x: &Consent, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| consent_into(c, x))
}

pub(crate) fn consent_into(c: &mut Check<'_>, x: &Consent) {
    use fields::consent::{DATE, SCOPE, WITHDRAWN};
    c.field(&SCOPE, &x.scope);
    c.done_by_today(DATE.key, DATE.label, x.date);
    if let Some(w) = x.withdrawn {
        c.done_by_today(WITHDRAWN.key, WITHDRAWN.label, w);
        c.order(
            (DATE.key, DATE.label, x.date),
            (WITHDRAWN.key, WITHDRAWN.label, w),
        );
    }
}

pub(crate) fn handover(h: &Handover, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| handover_into(c, h))
}

pub(crate) fn handover_into(c: &mut Check<'_>, h: &Handover) {
    use fields::handover::{AGENCY, DATE, SHARED};
    c.done_by_today(DATE.key, DATE.label, h.date);
    c.field(&AGENCY, &h.agency);
    c.field(&SHARED, &h.shared);
    for (i, o) in h.obligations.iter().enumerate() {
        if !matches!(
            *o,
            ObligationId::M6_HANDOVER | ObligationId::END_HANDOVER_SHARE
        ) {
            c.report(
                &format!("obligations[{i}]"),
                &[],
                format!(
                    "引継ぎの記録で完了にできるのは m6.handover と end.handover_share だけです（「{o}」は支援記録で記録してください）"
                ),
            );
        }
    }
}

pub(crate) fn conference(k: &CaseConference, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| conference_into(c, k))
}

pub(crate) fn conference_into(c: &mut Check<'_>, k: &CaseConference) {
    use fields::conference::{DATE, NOTES};
    c.done_by_today(DATE.key, DATE.label, k.date);
    c.field(&NOTES, &k.notes);
}

pub(crate) fn resolution(r: &Resolution, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| resolution_into(c, r))
}

pub(crate) fn resolution_into(c: &mut Check<'_>, r: &Resolution) {
    use fields::resolution::{DECIDED_BY, DECIDED_ON, REASON};
    c.field(&REASON, &r.reason);
    c.field(&DECIDED_BY, &r.decided_by);
    c.done_by_today(DECIDED_ON.key, DECIDED_ON.label, r.decided_on);
    if r.obligation.is_monthly() && r.period.is_none() {
        c.report(
            "period",
            &[],
            format!(
                "{} は月ごとの項目です。対象外にする月（例: 2026-10）を指定してください",
                r.obligation
            ),
        );
    }
    if let Some(p) = r.period {
        c.plausible("period", "対象月", p.first_day());
    }
}

pub(crate) fn closure(x: &Closure, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| closure_into(c, x))
}

pub(crate) fn closure_into(c: &mut Check<'_>, x: &Closure) {
    use fields::closure::{CLOSED_BY, DATE, NOTE};
    c.done_by_today(DATE.key, DATE.label, x.date);
    c.field(&NOTE, &x.note);
    c.field(&CLOSED_BY, &x.closed_by);
}

/// The office's own details, set by its 管理者: the 事業所名 printed on
/// every 支援レポート, where the handover guideline is and who is
/// responsible for handovers. One-line texts, like a name. No date is read.
pub(crate) fn office(o: &Office) -> Vec<Problem> {
    collect(NaiveDate::MIN, |c| {
        use fields::office as f;
        c.field(&f::NAME, &o.name);
        c.field(&f::HANDOVER_GUIDELINE, &o.handover_guideline);
        c.field(&f::HANDOVER_RESPONSIBLE, &o.handover_responsible);
        c.field(&f::NUMBER, &o.number);
        let digits = o.number.chars().filter(|ch| ch.is_ascii_digit()).count();
        if !o.number.is_empty() && (digits != 10 || digits != o.number.chars().count()) {
            c.report(
                "office_number",
                &[],
                "事業所番号は半角数字10桁で入力してください".to_string(),
            );
        }
        c.field(&f::CORPORATION, &o.corporation);
        c.field(&f::ADDRESS, &o.address);
        c.field(&f::PHONE, &o.phone);
    })
}

/// The group named for exports (`export_group`): one line of text like
/// a login; whether the server has it is the OS's to say.
pub(crate) fn export_group(group: &str) -> Vec<Problem> {
    collect(NaiveDate::MIN, |c| {
        c.field(&fields::settings::EXPORT_GROUP, group);
    })
}

/// A reason given for a deletion or an undoing (`label`: 削除する理由, …):
/// it goes into the audit trail, so it is one line like a name, with no
/// control character, escape sequence or bidi override. No date is read.
pub(crate) fn reason(label: &str, reason: &str) -> Vec<Problem> {
    collect(NaiveDate::MIN, |c| {
        let f = fields::reason::REASON;
        for message in f.problems_as(label, reason) {
            c.report(f.key, &[], message);
        }
    })
}

/// One more review (評価日) of a plan made on `created`.
pub(crate) fn review(date: NaiveDate, created: NaiveDate, today: NaiveDate) -> Vec<Problem> {
    use fields::plan::{CREATED, REVIEWS};
    collect(today, |c| {
        c.done_by_today("date", REVIEWS.label, date);
        c.order(
            (CREATED.key, CREATED.label, created),
            ("date", REVIEWS.label, date),
        );
    })
}

/// A member of staff: the login as the OS spells it, and a display name.
pub(crate) fn staff(s: &Staff, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| {
        use fields::staff::{BASIC_TRAINING, DISPLAY_NAME, JOINED, LEFT, LOGIN};
        c.field(&LOGIN, &s.login);
        // A login is also a name the OS knows: only what a login may hold.
        let odd = s
            .login
            .chars()
            .any(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-')));
        if odd || s.login.starts_with('-') {
            c.report(
                LOGIN.key,
                &[],
                "ログイン名は OS のログイン名（半角英数字と . _ -、先頭は - 以外）で入力してください"
                    .to_string(),
            );
        }
        c.field(&DISPLAY_NAME, &s.display_name);
        if let Some(d) = s.basic_training {
            c.done_by_today(BASIC_TRAINING.key, BASIC_TRAINING.label, d);
        }
        if let (Some(j), Some(l)) = (s.joined, s.left) {
            c.order((JOINED.key, JOINED.label, j), (LEFT.key, LEFT.label, l));
        }
    })
}
