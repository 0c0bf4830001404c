//! A client's records (employments, contacts, reports, plans, consents,
//! handovers, case conferences) as timeline entries: one line for the
//! timeline, fields and free text for the detail pane, and a few words that
//! name the record (the reason dialog that deletes it).

use chrono::NaiveDate;

use crate::fields::report;
use crate::model::{Client, Employment, RecordId};
use crate::store::Table;

/// What kind of record a timeline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Contact,
    Report,
    Plan,
    PlanReview,
    Consent,
    Handover,
    Conference,
    Employment,
}

impl RecordKind {
    /// Every kind, in the order a person would list them.
    pub(crate) const ALL: [RecordKind; 8] = [
        RecordKind::Contact,
        RecordKind::Report,
        RecordKind::Plan,
        RecordKind::PlanReview,
        RecordKind::Consent,
        RecordKind::Handover,
        RecordKind::Conference,
        RecordKind::Employment,
    ];

    /// The word shown in the status column (records have no status).
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Contact => "記録",
            RecordKind::Report => "報告",
            RecordKind::Plan => "計画",
            RecordKind::PlanReview => "見直し",
            RecordKind::Consent => "同意",
            RecordKind::Handover => "引継",
            RecordKind::Conference => "会議",
            RecordKind::Employment => "就職",
        }
    }

    /// The heading of this kind's group in the records view.
    pub fn heading(self) -> &'static str {
        match self {
            RecordKind::Contact => "支援の記録（連絡・面談）",
            RecordKind::Report => "支援レポート",
            RecordKind::Plan => "就労定着支援計画書",
            RecordKind::PlanReview => "計画の見直し",
            RecordKind::Consent => "同意（撤回を含む）",
            RecordKind::Handover => "引継ぎ",
            RecordKind::Conference => "ケース会議",
            RecordKind::Employment => "就職",
        }
    }

    /// Where the store keeps this kind (a review is a row of its plan's).
    pub(crate) fn table(self) -> Table {
        match self {
            RecordKind::Contact => Table::Contacts,
            RecordKind::Report => Table::Reports,
            RecordKind::Plan => Table::Plans,
            RecordKind::PlanReview => Table::PlanReviews,
            RecordKind::Consent => Table::Consents,
            RecordKind::Handover => Table::Handovers,
            RecordKind::Conference => Table::Conferences,
            RecordKind::Employment => Table::Employments,
        }
    }
}

/// The label of the field that holds the login of who recorded it (the
/// detail pane shows their name).
pub(crate) const RECORDER: &str = "記録者";

/// A record as the timeline and the detail pane show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordItem {
    pub kind: RecordKind,
    pub id: Option<RecordId>,
    /// The row's version as read: a deletion names it, so a record someone
    /// changed since is not deleted unseen (a review: its plan's).
    pub version: i64,
    pub date: NaiveDate,
    /// One line for the timeline (sanitized when drawn).
    pub line: String,
    /// (label, value) pairs for the detail pane.
    pub fields: Vec<(&'static str, String)>,
    /// Free text (summary, notes), shown wrapped in the detail pane.
    pub body: String,
    /// A few words that tell this record from others of its kind and day
    /// (本人・面接), after the kind and the date (sanitized when drawn).
    pub brief: String,
}

fn first_line(s: &str) -> &str {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// The records of `c` as timeline entries.
pub(crate) fn records_of(c: &Client) -> Vec<RecordItem> {
    let mut out = Vec::new();
    for x in &c.contacts {
        let mut fields = vec![
            (
                "相手",
                join_detail(x.counterpart.label(), &x.counterpart_detail),
            ),
            ("方法", join_detail(x.method.label(), &x.method_detail)),
            ("場所", join_detail(x.place.label(), &x.place_detail)),
        ];
        if let Some(t) = x.time {
            fields.insert(0, ("時刻", t.format("%H:%M").to_string()));
        }
        if let Some(s) = &x.staff {
            fields.push((RECORDER, s.clone()));
        }
        if !x.obligations.is_empty() {
            fields.push((
                "対応する項目",
                x.obligations
                    .iter()
                    // Titles, never the internal ids (those stay in JSON).
                    .map(|o| {
                        crate::tui::engine::rule(o.as_str())
                            .map(|r| r.short)
                            .unwrap_or("（不明な項目）")
                    })
                    .collect::<Vec<_>>()
                    .join("、"),
            ));
        }
        out.push(RecordItem {
            kind: RecordKind::Contact,
            id: x.id,
            version: x.version,
            date: x.date,
            line: format!(
                "{}・{} {}",
                x.method.label(),
                x.counterpart.label(),
                first_line(&x.summary)
            ),
            fields,
            body: x.summary.clone(),
            brief: format!("{}・{}", x.counterpart.label(), x.method.label()),
        });
    }
    for r in &c.reports {
        let Some(date) = r.presented.or(r.created) else {
            continue;
        };
        let state = if r.presented.is_some() {
            "本人に提示"
        } else {
            "作成（未提示）"
        };
        out.push(RecordItem {
            kind: RecordKind::Report,
            id: r.id,
            version: r.version,
            date,
            line: format!("支援レポート {}月分 {state}", r.month.month),
            // Labels from the field table; the flag in words that say
            // what was done (「不可」 read as "not allowed").
            fields: vec![
                (
                    report::MONTH.label,
                    crate::wareki::format_year_month(r.month),
                ),
                (
                    report::CREATED.label,
                    r.created.map(crate::wareki::format).unwrap_or_default(),
                ),
                (
                    report::PRESENTED.label,
                    r.presented
                        .map(crate::wareki::format)
                        .unwrap_or_else(|| "未提示".into()),
                ),
                (
                    report::SHARE_WITH_EMPLOYER.label,
                    if r.share_with_employer {
                        "共有する".into()
                    } else {
                        "共有しない".into()
                    },
                ),
            ],
            body: String::new(),
            brief: format!("{}月分", r.month.month),
        });
    }
    use crate::document_forms::plan::{review_name, review_number, version_of};
    for p in &c.plans {
        // A version after the first is a review (a new version of the
        // plan), numbered as every screen and document numbers it.
        let n = version_of(c, p);
        let line = if n > 1 {
            format!("計画の{}", review_name(c, p.created, p.id))
        } else {
            "就労定着支援計画 作成".to_string()
        };
        out.push(RecordItem {
            kind: RecordKind::Plan,
            id: p.id,
            version: p.version,
            date: p.created,
            line,
            fields: vec![
                ("版", format!("第{n}版")),
                ("作成日", crate::wareki::format(p.created)),
            ],
            body: String::new(),
            brief: if p.reviews.is_empty() {
                String::new()
            } else {
                format!("（見直し{}件を含む）", p.reviews.len())
            },
        });
        for &d in &p.reviews {
            let k = review_number(c, d, p.id);
            out.push(RecordItem {
                kind: RecordKind::PlanReview,
                id: p.id,
                version: p.version,
                date: d,
                line: format!("計画の見直し{k}回目（第{n}版）"),
                fields: vec![("評価日", crate::wareki::format(d))],
                body: String::new(),
                brief: format!("見直し{k}回目"),
            });
        }
    }
    for x in &c.consents {
        let mut fields = vec![
            ("範囲", consent_scope(&x.scope).to_string()),
            (
                "書面",
                if x.written {
                    "あり".into()
                } else {
                    "なし".into()
                },
            ),
        ];
        if let Some(w) = x.withdrawn {
            fields.push(("撤回日", crate::wareki::format(w)));
        }
        out.push(RecordItem {
            kind: RecordKind::Consent,
            id: x.id,
            version: x.version,
            date: x.date,
            // The withdrawal first: a cut line must still show it.
            line: format!(
                "{}{}",
                if x.withdrawn.is_some() {
                    "【撤回】"
                } else {
                    ""
                },
                consent_scope(&x.scope)
            ),
            fields,
            body: String::new(),
            brief: consent_scope(&x.scope).to_string(),
        });
    }
    for h in &c.handovers {
        out.push(RecordItem {
            kind: RecordKind::Handover,
            id: h.id,
            version: h.version,
            date: h.date,
            line: h.agency.clone(),
            fields: vec![
                ("引継ぎ先", h.agency.clone()),
                (
                    "本人の同意",
                    if h.consent {
                        "あり".into()
                    } else {
                        "なし".into()
                    },
                ),
            ],
            body: h.shared.clone(),
            brief: h.agency.clone(),
        });
    }
    for k in &c.conferences {
        let agencies: Vec<&str> = k.agencies.iter().map(|a| a.label()).collect();
        let manager = match (k.manager_attended, k.manager_informed) {
            (true, _) => "出席",
            (false, true) => "結果を共有",
            _ => "なし",
        };
        out.push(RecordItem {
            kind: RecordKind::Conference,
            id: k.id,
            version: k.version,
            date: k.date,
            line: format!("ケース会議（{}機関）", k.agencies.len()),
            fields: vec![
                ("関係機関", agencies.join("、")),
                (
                    "形式",
                    if k.online {
                        "オンライン".into()
                    } else {
                        "対面".into()
                    },
                ),
                ("サービス管理責任者", manager.to_string()),
            ],
            body: k.notes.clone(),
            brief: agencies.join("・"),
        });
    }
    employments(c, &mut out);
    out
}

/// The day an employment stands on in the timeline: its 就職日, else its
/// anchor or the day the job was decided.
pub(crate) fn employment_day(e: &Employment) -> Option<NaiveDate> {
    e.start_date.or_else(|| e.anchor()).or(e.decision_date)
}

/// One entry per employment (the job the case's deadlines count from).
fn employments(c: &Client, out: &mut Vec<RecordItem>) {
    use crate::wareki::format as wareki;
    for e in &c.employments {
        let Some(date) = employment_day(e) else {
            continue;
        };
        let mut fields = vec![
            ("勤務先", e.employer.name.clone()),
            ("類型", e.support_type.label().to_string()),
            ("利用意向", e.intent.label().to_string()),
        ];
        if let Some(d) = e.retention_start_date {
            fields.push(("定着支援開始", wareki(d)));
        }
        let mut line = e.employer.name.clone();
        if let Some(d) = e.separation_date {
            let reason = e.separation_reason.as_deref().unwrap_or("");
            fields.push(("離職", format!("{} {reason}", wareki(d)).trim().to_string()));
            line.push_str(&format!("（離職 {}）", crate::wareki::format_short(d)));
        }
        out.push(RecordItem {
            kind: RecordKind::Employment,
            id: e.id,
            version: e.version,
            date,
            line,
            fields,
            body: String::new(),
            brief: e.employer.name.clone(),
        });
    }
}

fn join_detail(label: &str, detail: &str) -> String {
    if detail.trim().is_empty() {
        label.to_string()
    } else {
        format!("{label}（{}）", detail.trim())
    }
}

pub(crate) fn consent_scope(scope: &str) -> &str {
    match scope {
        "agency_sharing" => "関係機関との情報共有",
        "employer_report_sharing" => "事業主とのレポート共有",
        other => other,
    }
}
