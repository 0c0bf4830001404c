//! The rules of each record kind of a case.

use chrono::NaiveDate;

use super::{Check, MAX_LONG_TEXT, MAX_SHORT_TEXT, Problem, collect};
use crate::dates::{add_days, period_end};
use crate::model::{
    CaseConference, Closure, Consent, Contact, Employment, Handover, Office, Plan, Report,
    Resolution, Staff, SupportType,
};

pub fn employment(e: &Employment, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| employment_into(c, e))
}

pub(crate) fn employment_into(c: &mut Check<'_>, e: &Employment) {
    let er = &e.employer;
    // Printed on every 支援レポート and 計画書, and what names the job in
    // every list: the form requires it, so must every other way in.
    c.required("employer.name", "雇用事業主の名称", &er.name);
    c.line("employer.name", "雇用事業主の名称", &er.name);
    c.line("employer.industry", "業種", &er.industry);
    c.text("employer.address", "所在地", &er.address, MAX_SHORT_TEXT);
    c.line("employer.phone", "雇用事業主の連絡先", &er.phone);
    c.text(
        "employer.contact_person",
        "担当者",
        &er.contact_person,
        MAX_SHORT_TEXT,
    );
    if let Some(r) = &e.separation_reason {
        c.text("separation_reason", "離職理由", r, MAX_LONG_TEXT);
    }
    c.fields(&e.fields);
    c.plausible_opt("decision_date", "就職先決定日", e.decision_date);
    c.plausible_opt("start_date", "就職日", e.start_date);
    c.plausible_opt(
        "prior_service_end_date",
        "就労移行支援等の終了日",
        e.prior_service_end_date,
    );
    c.plausible_opt(
        "retention_start_date",
        "就労定着支援の開始日",
        e.retention_start_date,
    );
    c.plausible_opt("separation_date", "離職日", e.separation_date);

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

pub fn contact(x: &Contact, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| contact_into(c, x))
}

pub(crate) fn contact_into(c: &mut Check<'_>, x: &Contact) {
    c.done_by_today("date", "支援の日付", x.date);
    if let Some(staff) = &x.staff {
        c.line("staff", "記録者", staff);
    }
    c.line("counterpart_detail", "相手方の詳細", &x.counterpart_detail);
    c.line("method_detail", "方法の詳細", &x.method_detail);
    c.line("place_detail", "場所の詳細", &x.place_detail);
    c.text("summary", "支援内容", &x.summary, MAX_LONG_TEXT);
}

pub fn report(r: &Report, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| report_into(c, r))
}

pub(crate) fn report_into(c: &mut Check<'_>, r: &Report) {
    let first = r.month.first_day();
    c.plausible("month", "対象月", first);
    if let Some(created) = r.created {
        c.done_by_today("created", "作成日", created);
    }
    if let Some(presented) = r.presented {
        // A report counts for the month it was presented in: a 提示日
        // ahead of today would mark the month done before it happened.
        c.done_by_today("presented", "対象者提示日", presented);
    }
    if let (Some(created), Some(presented)) = (r.created, r.presented) {
        c.order(
            ("created", "作成日", created),
            ("presented", "対象者提示日", presented),
        );
    }
    c.fields(&r.fields);
    c.form_fields(crate::forms::report_def(), &r.fields);
}

pub fn plan(p: &Plan, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| plan_into(c, p))
}

pub(crate) fn plan_into(c: &mut Check<'_>, p: &Plan) {
    c.done_by_today("created", "計画の作成日", p.created);
    let mut previous: Option<(String, NaiveDate)> = None;
    for (i, &review) in p.reviews.iter().enumerate() {
        let field = format!("reviews[{i}]");
        c.done_by_today(&field, "計画の見直し日", review);
        c.order(
            ("created", "計画の作成日", p.created),
            (&field, "計画の見直し日", review),
        );
        // Reviews form a chain, oldest first (ret.plan_review).
        if let Some((prev_field, prev)) = &previous
            && review < *prev
            && review >= p.created
        {
            c.report(
                &field,
                &[prev_field],
                format!(
                    "計画の見直し日（{review}）が一つ前の見直し日（{prev}）より前です。古い順に並べてください"
                ),
            );
        }
        previous = Some((field, review));
    }
    c.fields(&p.fields);
    c.form_fields(crate::forms::plan_def(), &p.fields);
}

pub fn consent(x: &Consent, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| consent_into(c, x))
}

pub(crate) fn consent_into(c: &mut Check<'_>, x: &Consent) {
    c.required("scope", "同意の範囲", &x.scope);
    c.line("scope", "同意の範囲", &x.scope);
    c.done_by_today("date", "同意日", x.date);
    if let Some(w) = x.withdrawn {
        c.done_by_today("withdrawn", "同意の撤回日", w);
        c.order(("date", "同意日", x.date), ("withdrawn", "同意の撤回日", w));
    }
}

pub fn handover(h: &Handover, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| handover_into(c, h))
}

pub(crate) fn handover_into(c: &mut Check<'_>, h: &Handover) {
    c.done_by_today("date", "引継ぎ日", h.date);
    c.required("agency", "引継ぎ先", &h.agency);
    c.line("agency", "引継ぎ先", &h.agency);
    c.text("shared", "共有した内容", &h.shared, MAX_LONG_TEXT);
    for (i, o) in h.obligations.iter().enumerate() {
        if !matches!(o.as_str(), "m6.handover" | "end.handover_share") {
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

pub fn conference(k: &CaseConference, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| conference_into(c, k))
}

pub(crate) fn conference_into(c: &mut Check<'_>, k: &CaseConference) {
    c.done_by_today("date", "ケース会議の日付", k.date);
    c.text("notes", "ケース会議の記録", &k.notes, MAX_LONG_TEXT);
}

pub fn resolution(r: &Resolution, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| resolution_into(c, r))
}

pub(crate) fn resolution_into(c: &mut Check<'_>, r: &Resolution) {
    c.required("reason", "対象外とする理由", &r.reason);
    c.line("reason", "対象外とする理由", &r.reason);
    c.required("decided_by", "判断した職員", &r.decided_by);
    c.line("decided_by", "判断した職員", &r.decided_by);
    c.done_by_today("decided_on", "判断した日", r.decided_on);
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

pub fn closure(x: &Closure, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| closure_into(c, x))
}

pub(crate) fn closure_into(c: &mut Check<'_>, x: &Closure) {
    c.done_by_today("date", "終結日", x.date);
    c.text("note", "終結の記録", &x.note, MAX_LONG_TEXT);
    c.line("closed_by", "終結した職員", &x.closed_by);
}

/// The office's own details, set by its 管理者: the 事業所名 printed on
/// every 支援レポート, where the handover guideline is and who is
/// responsible for handovers. One-line texts, like a name. No date is read.
pub fn office(o: &Office) -> Vec<Problem> {
    collect(NaiveDate::MIN, |c| {
        c.line("office_name", "事業所名", &o.name);
        c.line("handover_guideline", "引継ぎの指針", &o.handover_guideline);
        c.line(
            "handover_responsible",
            "引継ぎの担当者",
            &o.handover_responsible,
        );
        c.line("office_number", "事業所番号", &o.number);
        let digits = o.number.chars().filter(|ch| ch.is_ascii_digit()).count();
        if !o.number.is_empty() && (digits != 10 || digits != o.number.chars().count()) {
            c.report(
                "office_number",
                &[],
                "事業所番号は半角数字10桁で入力してください".to_string(),
            );
        }
        c.line("corporation", "法人名", &o.corporation);
        c.line("address", "所在地", &o.address);
        c.line("phone", "電話", &o.phone);
    })
}

/// A reason given for a deletion or an undoing (`label`: 削除する理由, …):
/// it goes into the audit trail, so it is one line like a name, with no
/// control character, escape sequence or bidi override. No date is read.
pub fn reason(label: &str, reason: &str) -> Vec<Problem> {
    collect(NaiveDate::MIN, |c| {
        c.required("reason", label, reason);
        c.line("reason", label, reason);
    })
}

/// One more review (評価日) of a plan made on `created`.
pub fn review(date: NaiveDate, created: NaiveDate, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| {
        c.done_by_today("date", "計画の見直し日", date);
        c.order(
            ("created", "計画の作成日", created),
            ("date", "計画の見直し日", date),
        );
    })
}

/// Longest login name (POSIX allows 32 on most systems).
const MAX_LOGIN: usize = 32;

/// A member of staff: the login as the OS spells it, and a display name.
pub fn staff(s: &Staff, today: NaiveDate) -> Vec<Problem> {
    collect(today, |c| {
        c.required("login", "ログイン名", &s.login);
        let odd = s
            .login
            .chars()
            .any(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-')));
        if odd || s.login.starts_with('-') || s.login.chars().count() > MAX_LOGIN {
            c.report(
                "login",
                &[],
                format!(
                    "ログイン名は OS のログイン名（半角英数字と . _ -、{MAX_LOGIN} 文字まで、先頭は - 以外）で入力してください"
                ),
            );
        }
        c.required("display_name", "表示名", &s.display_name);
        c.line("display_name", "表示名", &s.display_name);
        if let Some(d) = s.basic_training {
            c.done_by_today("basic_training", "基礎的研修の修了日", d);
        }
    })
}
