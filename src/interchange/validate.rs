//! Rules a well-typed document must still satisfy before it is imported:
//! required anchors, date order, known obligation ids, safe and bounded text.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Problem;
use super::decode::is_under;
use crate::dates::{add_days, period_end};
use crate::model::{
    Client, Contact, Document, Employment, Fields, OBLIGATION_IDS, Plan, Report, SupportType,
};
use crate::text::first_control_char;

/// Longest one-line text (names, ids, agency names), in characters.
pub const MAX_SHORT_TEXT: usize = 200;
/// Longest free text (summaries, form fields), in characters.
pub const MAX_LONG_TEXT: usize = 10_000;

/// Reports problems of one client, keeping quiet about fields that were
/// repaired while decoding (they were already reported, and their
/// placeholder values would only cause false alarms).
struct Ctx<'a> {
    index: usize,
    external_id: Option<String>,
    repaired: &'a [String],
    out: &'a mut Vec<Problem>,
}

impl Ctx<'_> {
    /// A problem at `field`; `also` lists the other fields the rule read.
    fn report(&mut self, field: &str, also: &[&str], message: String) {
        let touched = std::iter::once(field).chain(also.iter().copied());
        for f in touched {
            if self.repaired.iter().any(|r| is_under(f, r)) {
                return;
            }
        }
        self.out.push(Problem {
            external_id: self.external_id.clone(),
            index: self.index,
            field: field.to_string(),
            message,
        });
    }

    /// One-line text: no control characters at all (newline and tab
    /// included), at most `MAX_SHORT_TEXT` characters.
    fn line(&mut self, field: &str, label: &str, s: &str) {
        if s.contains(['\n', '\r', '\t']) {
            self.report(field, &[], format!("{label}に改行やタブは使えません"));
        }
        self.text(field, label, s, MAX_SHORT_TEXT);
    }

    /// Free text: newline and tab allowed; no other control character or
    /// escape sequence (they could rewrite a colleague's terminal).
    fn text(&mut self, field: &str, label: &str, s: &str, max: usize) {
        if let Some(c) = first_control_char(s) {
            let what = if c == '\u{1b}' {
                "エスケープシーケンス（ESC）".to_string()
            } else {
                format!("制御文字（U+{:04X}）", c as u32)
            };
            self.report(
                field,
                &[],
                format!("{label}に{what}が含まれています。取り除いてください"),
            );
        }
        let n = s.chars().count();
        if n > max {
            self.report(
                field,
                &[],
                format!("{label}が長すぎます（{n}文字。{max}文字までにしてください）"),
            );
        }
    }

    fn fields(&mut self, base: &str, fields: &Fields) {
        for (key, value) in fields {
            let field = format!("{base}fields.{key}");
            self.line(&field, "様式の項目名", key);
            self.text(&field, "様式の項目", value, MAX_LONG_TEXT);
        }
    }

    /// `later` must not be before `earlier`.
    fn order(&mut self, earlier: (&str, &str, NaiveDate), later: (&str, &str, NaiveDate)) {
        let (e_field, e_label, e) = earlier;
        let (l_field, l_label, l) = later;
        if l < e {
            self.report(
                l_field,
                &[e_field],
                format!("{l_label}（{l}）が{e_label}（{e}）より前になっています"),
            );
        }
    }
}

/// Every rule, for every client. Empty means the document may be imported.
pub fn validate(doc: &Document) -> Vec<Problem> {
    validate_with(doc, &[], &[])
}

/// `repaired[i]`: paths of client `i` whose values are placeholders.
/// `positions[i]`: where client `i` stood in the file (when some clients
/// could not be decoded at all); empty means the same as in `doc`.
pub(super) fn validate_with(
    doc: &Document,
    repaired: &[Vec<String>],
    positions: &[usize],
) -> Vec<Problem> {
    let at = |i: usize| positions.get(i).copied().unwrap_or(i);
    let mut out = Vec::new();
    for (i, client) in doc.clients.iter().enumerate() {
        let mut ctx = Ctx {
            index: at(i),
            external_id: Some(client.external_id.clone()).filter(|s| !s.trim().is_empty()),
            repaired: repaired.get(i).map(Vec::as_slice).unwrap_or(&[]),
            out: &mut out,
        };
        client_rules(&mut ctx, client);
    }
    duplicate_ids(doc, repaired, &at, &mut out);
    out.sort_by_key(|p| p.index);
    out
}

fn duplicate_ids(
    doc: &Document,
    repaired: &[Vec<String>],
    at: &dyn Fn(usize) -> usize,
    out: &mut Vec<Problem>,
) {
    let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in doc.clients.iter().enumerate() {
        let id = c.external_id.trim();
        let placeholder = repaired
            .get(i)
            .is_some_and(|r| r.iter().any(|p| is_under("external_id", p)));
        if !id.is_empty() && !placeholder {
            seen.entry(id).or_default().push(at(i));
        }
    }
    for (id, positions) in seen.into_iter().filter(|(_, p)| p.len() > 1) {
        let named: Vec<String> = positions.iter().map(|i| format!("{}件目", i + 1)).collect();
        for &index in &positions {
            out.push(Problem {
                external_id: Some(id.to_string()),
                index,
                field: "external_id".to_string(),
                message: format!("利用者ID「{id}」が重複しています（{}）", named.join("・")),
            });
        }
    }
}

fn client_rules(ctx: &mut Ctx, c: &Client) {
    if c.external_id.trim().is_empty() {
        ctx.report("external_id", &[], "利用者IDが空です".to_string());
    }
    if c.name.trim().is_empty() {
        ctx.report("name", &[], "氏名が空です".to_string());
    }
    ctx.line("external_id", "利用者ID", &c.external_id);
    ctx.line("name", "氏名", &c.name);
    ctx.line("kana", "ふりがな", &c.kana);
    ctx.line("sex", "性別", &c.sex);
    ctx.line("certificate_no", "受給者証番号", &c.certificate_no);
    if let Some(staff) = &c.assigned_staff {
        ctx.line("assigned_staff", "担当職員", staff);
    }
    ctx.fields("", &c.fields);
    for (i, e) in c.employments.iter().enumerate() {
        employment_rules(ctx, &format!("employments[{i}]."), e);
    }
    for (i, x) in c.contacts.iter().enumerate() {
        contact_rules(ctx, &format!("contacts[{i}]."), x);
    }
    for (i, r) in c.reports.iter().enumerate() {
        report_rules(ctx, &format!("reports[{i}]."), r);
    }
    for (i, p) in c.plans.iter().enumerate() {
        plan_rules(ctx, &format!("plans[{i}]."), p);
    }
    for (i, x) in c.consents.iter().enumerate() {
        let b = format!("consents[{i}].");
        if x.scope.trim().is_empty() {
            ctx.report(&format!("{b}scope"), &[], "同意の範囲が空です".to_string());
        }
        ctx.line(&format!("{b}scope"), "同意の範囲", &x.scope);
        if let Some(w) = x.withdrawn {
            ctx.order(
                (&format!("{b}date"), "同意日", x.date),
                (&format!("{b}withdrawn"), "同意の撤回日", w),
            );
        }
    }
    for (i, h) in c.handovers.iter().enumerate() {
        let b = format!("handovers[{i}].");
        if h.agency.trim().is_empty() {
            ctx.report(&format!("{b}agency"), &[], "引継ぎ先が空です".to_string());
        }
        ctx.line(&format!("{b}agency"), "引継ぎ先", &h.agency);
        ctx.text(
            &format!("{b}shared"),
            "共有した内容",
            &h.shared,
            MAX_LONG_TEXT,
        );
    }
    for (i, k) in c.conferences.iter().enumerate() {
        let field = format!("conferences[{i}].notes");
        ctx.text(&field, "ケース会議の記録", &k.notes, MAX_LONG_TEXT);
    }
}

fn employment_rules(ctx: &mut Ctx, b: &str, e: &Employment) {
    let f = |key: &str| format!("{b}{key}");
    let er = &e.employer;
    ctx.line(&f("employer.name"), "雇用事業主の名称", &er.name);
    ctx.line(&f("employer.industry"), "業種", &er.industry);
    ctx.text(
        &f("employer.address"),
        "所在地",
        &er.address,
        MAX_SHORT_TEXT,
    );
    ctx.line(&f("employer.phone"), "雇用事業主の連絡先", &er.phone);
    ctx.text(
        &f("employer.contact_person"),
        "担当者",
        &er.contact_person,
        MAX_SHORT_TEXT,
    );
    if let Some(r) = &e.separation_reason {
        ctx.text(&f("separation_reason"), "離職理由", r, MAX_LONG_TEXT);
    }
    ctx.fields(b, &e.fields);

    // The anchor day A by support type (000 §1(1)): 就職日, 復職日, or the
    // day after the 就労移行支援等 end day.
    let start_label = match e.support_type {
        SupportType::ReturnToWork => "復職日",
        _ => "就職日",
    };
    let (anchor_field, anchor_label) = match e.support_type {
        SupportType::HoursExtension => {
            (f("prior_service_end_date"), "就労移行支援等の終了日の翌日")
        }
        _ => (f("start_date"), start_label),
    };
    match e.support_type {
        SupportType::HoursExtension if e.prior_service_end_date.is_none() => ctx.report(
            &anchor_field,
            &[],
            "就労移行支援等の終了日がありません（労働時間延長支援型の起算日になります）"
                .to_string(),
        ),
        SupportType::Standard | SupportType::ReturnToWork if e.start_date.is_none() => {
            ctx.report(&anchor_field, &[], format!("{start_label}がありません"))
        }
        _ => {}
    }
    if let (Some(decision), Some(start)) = (e.decision_date, e.start_date)
        && decision > start
    {
        ctx.report(
            &f("decision_date"),
            &[&f("start_date")],
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
            ctx.report(
                &f("retention_start_date"),
                &[&anchor_field],
                format!(
                    "就労定着支援の開始日（{s}）が、{anchor_label}（{anchor}）から6月を経過した翌日（{earliest}）より前になっています"
                ),
            );
        }
    }
    if let Some(sep) = e.separation_date {
        ctx.order(
            (&anchor_field, anchor_label, anchor),
            (&f("separation_date"), "離職日", sep),
        );
    }
}

fn contact_rules(ctx: &mut Ctx, b: &str, x: &Contact) {
    let f = |key: &str| format!("{b}{key}");
    if let Some(staff) = &x.staff {
        ctx.line(&f("staff"), "支援記録の職員", staff);
    }
    ctx.line(
        &f("counterpart_detail"),
        "相手方の詳細",
        &x.counterpart_detail,
    );
    ctx.line(&f("method_detail"), "方法の詳細", &x.method_detail);
    ctx.line(&f("place_detail"), "場所の詳細", &x.place_detail);
    ctx.text(&f("summary"), "支援内容", &x.summary, MAX_LONG_TEXT);
    for (i, id) in x.obligations.iter().enumerate() {
        if !OBLIGATION_IDS.contains(&id.as_str()) {
            ctx.report(
                &format!("{b}obligations[{i}]"),
                &[],
                format!(
                    "義務ID「{}」はありません（使えるID: {}）",
                    crate::text::for_display(id),
                    OBLIGATION_IDS.join(", ")
                ),
            );
        }
    }
}

fn report_rules(ctx: &mut Ctx, b: &str, r: &Report) {
    if let (Some(created), Some(presented)) = (r.created, r.presented) {
        ctx.order(
            (&format!("{b}created"), "作成日", created),
            (&format!("{b}presented"), "対象者提示日", presented),
        );
    }
    ctx.fields(b, &r.fields);
}

fn plan_rules(ctx: &mut Ctx, b: &str, p: &Plan) {
    let created = (format!("{b}created"), p.created);
    let mut previous: Option<(String, NaiveDate)> = None;
    for (i, &review) in p.reviews.iter().enumerate() {
        let field = format!("{b}reviews[{i}]");
        ctx.order(
            (&created.0, "計画の作成日", created.1),
            (&field, "計画の見直し日", review),
        );
        // Reviews form a chain, oldest first (SPEC §4 ret.plan_review).
        if let Some((prev_field, prev)) = &previous
            && review < *prev
            && review >= p.created
        {
            ctx.report(
                &field,
                &[prev_field],
                format!(
                    "計画の見直し日（{review}）が一つ前の見直し日（{prev}）より前です。古い順に並べてください"
                ),
            );
        }
        previous = Some((field, review));
    }
    ctx.fields(b, &p.fields);
}
