//! A client's case history (ケース記録) as one self-contained HTML page for
//! the paper file: the client's details, every obligation of the timeline
//! with its status, the contacts with their notes, and the list of
//! documents and records (reports, plans, consents, handovers, case
//! conferences). Obligations by title only: ids are for machines.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::html::{CSS, esc};
use crate::model::{Client, Obligation};
use crate::{text, wareki};

/// Text from the records, made safe twice: no control or bidi characters
/// (line breaks kept), then HTML-escaped.
fn safe(s: &str) -> String {
    esc(&text::for_terminal(s))
}

fn day(d: NaiveDate) -> String {
    wareki::format(d)
}

fn opt_day(d: Option<NaiveDate>) -> String {
    d.map(day).unwrap_or_default()
}

fn table(o: &mut String, heading: &str, cols: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(o, "<h2>{}</h2>", esc(heading));
    if rows.is_empty() {
        o.push_str("<p>記録はありません。</p>\n");
        return;
    }
    o.push_str("<table class=\"list\">\n<tr>");
    for c in cols {
        let _ = write!(o, "<th class=\"h\">{}</th>", esc(c));
    }
    o.push_str("</tr>\n");
    for r in rows {
        o.push_str("<tr>");
        for cell in r {
            // Cells are escaped by the caller (`safe`), once.
            let _ = write!(o, "<td>{cell}</td>");
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</table>\n");
}

/// The case history of `client` with its computed `obligations`, written
/// on `today` by `office` for the worker `staff`.
pub(crate) fn history_html(
    client: &Client,
    obligations: &[Obligation],
    office: &str,
    staff: &str,
    today: NaiveDate,
) -> String {
    let mut o = String::new();
    let title = "ケース記録 (支援経過)";
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{CSS}\
         h2{{font-size:11pt;margin:5mm 0 2mm}}table.list th.h{{width:auto}}</style></head><body>\n<h1>{title}</h1>\n<p class=\"sub\">{} 作成 {}</p>\n<table>\n",
        safe(office),
        esc(&day(today)),
    );
    let mut field = |label: &str, value: String| {
        let _ = writeln!(o, "<tr><th>{}</th><td>{value}</td></tr>", esc(label));
    };
    field("利用者 ID", safe(&client.external_id));
    field("氏名", safe(&client.name));
    field("ふりがな", safe(&client.kana));
    field("生年月日", esc(&opt_day(client.birth_date)));
    field("受給者証番号", safe(&client.certificate_no));
    field("援護の実施市町村", safe(&client.municipality));
    field("担当", safe(staff));
    for e in &client.employments {
        field(
            "就職先",
            format!(
                "{} ({}) 就職日 {} 離職日 {}",
                safe(&e.employer.name),
                esc(e.support_type.label()),
                esc(&opt_day(e.start_date)),
                esc(&opt_day(e.separation_date)),
            ),
        );
    }
    o.push_str("</table>\n");

    let rows: Vec<Vec<String>> = obligations
        .iter()
        .map(|ob| {
            let period = ob
                .period
                .map(|m| format!(" ({})", wareki::format_year_month(m)))
                .unwrap_or_default();
            // An earlier job's step (it stays in the case): which job.
            let job = ob
                .job
                .map(|a| format!("【前の就職（起算日 {}）】", day(a)))
                .unwrap_or_default();
            vec![
                esc(&day(ob.due)),
                format!("{}{}{}", esc(&job), esc(ob.title), esc(&period)),
                esc(&ob.status_label()),
            ]
        })
        .collect();
    table(&mut o, "期限と状況", &["期限", "項目", "状況"], &rows);

    let mut contacts: Vec<_> = client.contacts.iter().collect();
    contacts.sort_by_key(|c| (c.date, c.time));
    let rows: Vec<Vec<String>> = contacts
        .iter()
        .map(|c| {
            let time = c
                .time
                .map(|t| t.format(" %H:%M").to_string())
                .unwrap_or_default();
            vec![
                esc(&format!("{}{time}", day(c.date))),
                esc(c.counterpart.label()),
                esc(c.method.label()),
                esc(c.place.label()),
                safe(c.staff.as_deref().unwrap_or("")),
                safe(&c.summary),
            ]
        })
        .collect();
    table(
        &mut o,
        "支援記録",
        &["日時", "相手", "方法", "場所", "記録者", "内容"],
        &rows,
    );

    let mut docs: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    for r in &client.reports {
        let d = r.created.or(r.presented).unwrap_or(r.month.first_day());
        let what = format!("支援レポート {}", wareki::format_year_month(r.month));
        let note = format!("提示日 {}", opt_day(r.presented));
        docs.push((d, vec![esc(&day(d)), esc(&what), esc(&note)]));
    }
    for p in &client.plans {
        let reviews: Vec<String> = p.reviews.iter().map(|d| day(*d)).collect();
        let note = if reviews.is_empty() {
            String::new()
        } else {
            format!("見直し {}", reviews.join("、"))
        };
        // Numbered as every screen numbers it.
        let what = match crate::document_forms::plan::version_of(client, p) {
            1 => "就労定着支援計画書 第1版".to_string(),
            _ => format!(
                "就労定着支援計画書 {}",
                crate::document_forms::plan::review_name(client, p.created, p.id)
            ),
        };
        docs.push((
            p.created,
            vec![esc(&day(p.created)), esc(&what), esc(&note)],
        ));
    }
    for k in &client.consents {
        let note = k
            .withdrawn
            .map(|w| format!("撤回 {}", day(w)))
            .unwrap_or_default();
        let what = format!("同意 ({})", consent_scope(&k.scope));
        docs.push((k.date, vec![esc(&day(k.date)), safe(&what), esc(&note)]));
    }
    for h in &client.handovers {
        docs.push((
            h.date,
            vec![
                esc(&day(h.date)),
                format!("引継ぎ: {}", safe(&h.agency)),
                safe(&h.shared),
            ],
        ));
    }
    for c in &client.conferences {
        let agencies: Vec<&str> = c.agencies.iter().map(|a| a.label()).collect();
        docs.push((
            c.date,
            vec![
                esc(&day(c.date)),
                esc("ケース会議"),
                esc(&agencies.join("、")),
            ],
        ));
    }
    docs.sort_by_key(|(d, _)| *d);
    let rows: Vec<Vec<String>> = docs.into_iter().map(|(_, r)| r).collect();
    table(&mut o, "書類と記録", &["日付", "書類・記録", "備考"], &rows);
    o.push_str("</body></html>\n");
    o
}

/// The consent scope in words (the stored value when unknown).
fn consent_scope(scope: &str) -> &str {
    match scope {
        "agency_sharing" => "関係機関との情報共有",
        "employer_report_sharing" => "事業主とのレポート共有",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Contact;

    #[test]
    fn notes_are_escaped_and_stripped_of_terminal_controls() {
        let mut c: Client = serde_json::from_value(serde_json::json!({
            "external_id": "C9", "name": "山田 <b>太郎</b>", "kana": "やまだ たろう"
        }))
        .expect("client");
        let contact: Contact = serde_json::from_value(serde_json::json!({
            "date": "2026-10-01", "counterpart": "client", "method": "in_person",
            "place": "employer", "summary": "面談\u{1b}[31m <script>x</script>\n体調良好"
        }))
        .expect("contact");
        c.contacts.push(contact);
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).expect("day");
        let page = history_html(&c, &[], "事業所", "佐藤", day);
        assert!(page.contains("山田 &lt;b&gt;太郎&lt;/b&gt;"));
        assert!(page.contains("&lt;script&gt;x&lt;/script&gt;<br>体調良好"));
        assert!(!page.contains('\u{1b}') && !page.contains("<script>"));
    }
}
