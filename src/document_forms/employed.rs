//! 一般就労へ移行した利用者一覧表 (the reference form of the notice on the
//! proper running of 就労移行支援, sent to the 援護の実施市 when a user
//! leaves for a job): the office's header and one row per user who left
//! for employment in a range, from the records. Pure: the layouts print
//! what this returns and nothing else.

use chrono::NaiveDate;

use crate::model::{Client, Office, SupportType};

/// The form's title.
pub(crate) const TITLE: &str = "一般就労へ移行した利用者一覧表";
/// The addressee as the form prints it when the list's 援護の実施市 is not
/// one known municipality (the office writes the city in).
pub(crate) const ADDRESSEE: &str = "（援護の実施市担当課長）あて";

/// The addressee: the municipality every listed user's records name, when
/// they name one, else the form's blank (`ADDRESSEE`).
pub(crate) fn addressee(rows: &[Row]) -> String {
    match municipalities(rows).as_slice() {
        [(m, _)] if !m.is_empty() => addressed_to(m),
        _ => ADDRESSEE.to_string(),
    }
}

/// The form's addressee with the municipality written in.
pub(crate) fn addressed_to(municipality: &str) -> String {
    format!("（{municipality}担当課長）あて")
}

/// The 援護の実施市町村 of the listed users, each with how many, in
/// order of name; the blank (not recorded) last.
pub(crate) fn municipalities(rows: &[Row]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for r in rows {
        match out.iter_mut().find(|(m, _)| *m == r.municipality) {
            Some((_, n)) => *n += 1,
            None => out.push((r.municipality.clone(), 1)),
        }
    }
    out.sort_by(|a, b| (a.0.is_empty(), &a.0).cmp(&(b.0.is_empty(), &b.0)));
    out
}
/// 事業の種類: the form is for 就労移行支援 only.
pub(crate) const SERVICE: &str = "就労移行支援";
pub(crate) const LEAD: &str = "一般就労へ移行した利用者は以下のとおりです。";
/// The form's note to the office (its other note, about printing more
/// sheets, is for a paper form: this one grows).
pub(crate) const NOTE: &str = "※上記記載内容について、一般就労先に確認することがあります。";

/// The office block: label and value, in the form's order.
pub(crate) fn header(office: &Office) -> [(&'static str, String); 5] {
    [
        ("事業所番号", office.number.clone()),
        ("法人名", office.corporation.clone()),
        ("事業所名", office.name.clone()),
        ("所在地", office.address.clone()),
        ("事業の種類", SERVICE.to_string()),
    ]
}

/// The columns, in the form's order; 就労先住所 has 連絡先（TEL） under it.
pub(crate) const COLUMNS: [&str; 8] = [
    "退所日",
    "氏名",
    "かな",
    "受給者証番号",
    "生年月日",
    "一般就労先名称",
    "就労先住所",
    "就労予定日",
];
pub(crate) const PHONE: &str = "連絡先（TEL）";

/// One user who left for a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// 退所日: the day the 就労移行支援 (or other prior service) ended.
    pub left: Option<NaiveDate>,
    pub name: String,
    pub kana: String,
    pub certificate_no: String,
    pub birth_date: Option<NaiveDate>,
    pub employer: String,
    pub address: String,
    pub phone: String,
    /// 就労予定日: the first working day.
    pub start: Option<NaiveDate>,
    /// 援護の実施市町村: whom the list goes to (not a column).
    pub municipality: String,
}

impl Row {
    /// The printed cells, dates in 和暦, in `COLUMNS` order; the address
    /// cell is followed by the phone.
    pub(crate) fn cells(&self) -> [String; 9] {
        let day = |d: Option<NaiveDate>| d.map(crate::wareki::format).unwrap_or_default();
        let clean = |s: &str| crate::text::clean_input(s);
        [
            day(self.left),
            clean(&self.name),
            clean(&self.kana),
            clean(&self.certificate_no),
            day(self.birth_date),
            clean(&self.employer),
            clean(&self.address),
            day(self.start),
            clean(&self.phone),
        ]
    }
}

/// A blank the records left: whose, and which of the form's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Missing {
    /// 「D00001 山田 太郎」, or 「事業所」 for the header.
    pub whose: String,
    pub fields: Vec<&'static str>,
}

/// The list: the users who left for a job between `from` and `to`
/// (inclusive), by 退所日 and かな, and what the records leave blank.
///
/// A user is in it for each job they left 就労移行支援 for, whose 退所日
/// falls in the range — or, with no 退所日 recorded, whose 就職日 does (the
/// list is sent when someone takes a job; the blank 退所日 is then
/// reported). Not listed: a 復職 (a return to a job held before), a job
/// that began more than a month before the 退所日 (held while the service
/// ran — a 労働時間延長支援型 client's, typically — not a move into it),
/// and a job found after a 離職 with no 退所日 of its own (no 就労移行支援
/// came between). `only`: the users of that 援護の実施市町村 alone (one
/// list per municipality).
pub(crate) fn rows(
    office: &Office,
    clients: &[Client],
    from: NaiveDate,
    to: NaiveDate,
    only: Option<&str>,
) -> (Vec<Row>, Vec<Missing>) {
    let mut rows: Vec<(Row, String)> = Vec::new();
    for c in clients {
        if only.is_some_and(|m| m.trim() != c.municipality.trim()) {
            continue;
        }
        for e in &c.employments {
            if e.support_type == SupportType::ReturnToWork {
                continue;
            }
            if let (Some(left), Some(start)) = (e.prior_service_end_date, e.start_date)
                && start < crate::dates::add_months_clamped(left, -1)
            {
                continue;
            }
            // A later job with no 退所日: the client came to it from the
            // earlier job, not from the service.
            let after_a_job = c.employments.iter().any(|x| {
                !std::ptr::eq(x, e)
                    && x.separation_date
                        .is_some_and(|s| e.start_date.is_some_and(|d| s < d))
            });
            if e.prior_service_end_date.is_none() && after_a_job {
                continue;
            }
            let Some(day) = e.prior_service_end_date.or(e.start_date) else {
                continue;
            };
            if day < from || day > to {
                continue;
            }
            let row = Row {
                left: e.prior_service_end_date,
                name: c.name.clone(),
                kana: c.kana.clone(),
                certificate_no: c.certificate_no.clone(),
                birth_date: c.birth_date,
                employer: e.employer.name.clone(),
                address: e.employer.address.clone(),
                phone: e.employer.phone.clone(),
                start: e.start_date,
                municipality: c.municipality.trim().to_string(),
            };
            rows.push((row, format!("{} {}", c.external_id, c.name)));
        }
    }
    rows.sort_by(|(a, _), (b, _)| {
        (a.left.or(a.start), &a.kana, &a.name).cmp(&(b.left.or(b.start), &b.kana, &b.name))
    });
    let mut missing = Vec::new();
    let office_blank: Vec<&'static str> = header(office)
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(l, _)| l)
        .collect();
    if !office_blank.is_empty() {
        missing.push(Missing {
            whose: "事業所".into(),
            fields: office_blank,
        });
    }
    for (row, whose) in &rows {
        let cells = row.cells();
        let labels = COLUMNS.iter().copied().chain([PHONE]);
        let fields: Vec<&'static str> = labels
            .zip(cells.iter())
            .filter(|(_, v)| v.trim().is_empty())
            .map(|(l, _)| l)
            .collect();
        if !fields.is_empty() {
            missing.push(Missing {
                whose: whose.clone(),
                fields,
            });
        }
    }
    (rows.into_iter().map(|(r, _)| r).collect(), missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn client(id: &str, kana: &str, emp: serde_json::Value) -> Client {
        serde_json::from_value(serde_json::json!({
            "external_id": id, "name": format!("{id} 氏名"), "kana": kana,
            "birth_date": "1990-05-01", "certificate_no": "1234567890",
            "employments": [emp]
        }))
        .expect("client")
    }

    fn job(kind: &str, left: Option<&str>, start: &str) -> serde_json::Value {
        serde_json::json!({
            "employer": {"name": "JS工業", "address": "東京都", "phone": "03-1111-2222"},
            "support_type": kind, "start_date": start, "prior_service_end_date": left
        })
    }

    #[test]
    fn the_list_is_addressed_to_the_one_municipality_its_users_share() {
        let mut a = client("A", "あ", job("standard", Some("2026-04-10"), "2026-05-01"));
        let mut b = client("B", "い", job("standard", Some("2026-04-11"), "2026-05-01"));
        a.municipality = "千代田区".into();
        b.municipality = " 千代田区".into();
        let (from, to) = (d("2026-04-01"), d("2026-04-30"));
        let office = Office::default();
        let (both, _) = rows(&office, &[a.clone(), b.clone()], from, to, None);
        assert_eq!(addressee(&both), "（千代田区担当課長）あて");
        b.municipality = "港区".into();
        let (mixed, _) = rows(&office, &[a.clone(), b.clone()], from, to, None);
        assert_eq!(addressee(&mixed), ADDRESSEE, "two cities: the form's blank");
        assert_eq!(
            municipalities(&mixed),
            vec![("千代田区".to_string(), 1), ("港区".to_string(), 1)]
        );
        let (minato, _) = rows(&office, &[a, b], from, to, Some("港区"));
        assert_eq!(minato.len(), 1);
        assert_eq!(minato[0].name, "B 氏名");
    }

    #[test]
    fn a_user_is_listed_by_the_day_they_left_or_else_the_day_they_started() {
        let office = Office {
            number: "1310000000".into(),
            corporation: "法人".into(),
            name: "事業所".into(),
            address: "東京都".into(),
            ..Office::default()
        };
        let clients = vec![
            client("A", "あ", job("standard", Some("2026-04-30"), "2026-05-01")),
            client("B", "い", job("standard", None, "2026-04-10")),
            // Left in March, started in April: March's list, not April's.
            client("C", "う", job("standard", Some("2026-03-31"), "2026-04-01")),
            client("D", "え", job("return_to_work", None, "2026-04-15")),
            client(
                "E",
                "お",
                job("hours_extension", Some("2026-04-01"), "2026-04-02"),
            ),
        ];
        let mut more = clients.clone();
        // Working since 2024 when the service ended: held, not moved into.
        more.push(client(
            "F",
            "か",
            job("hours_extension", Some("2026-04-20"), "2024-04-20"),
        ));
        // A job found after a 離職, with no 就労移行支援 between.
        let mut first = job("standard", Some("2025-03-31"), "2025-04-01");
        first["separation_date"] = serde_json::json!("2026-01-31");
        let mut g = client("G", "き", first);
        let next: crate::model::Employment =
            serde_json::from_value(job("standard", None, "2026-04-15")).expect("job");
        g.employments.push(next);
        more.push(g);
        let (rows, missing) = rows(&office, &more, d("2026-04-01"), d("2026-04-30"), None);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["E 氏名", "B 氏名", "A 氏名"]);
        assert_eq!(rows[2].cells()[0], "令和8年4月30日");
        assert_eq!(rows[2].cells()[7], "令和8年5月1日");
        assert_eq!(
            missing,
            vec![Missing {
                whose: "B B 氏名".into(),
                fields: vec!["退所日"],
            }]
        );
    }

    #[test]
    fn every_blank_of_a_row_and_of_the_office_is_named() {
        let mut c = client("A", "", job("standard", None, "2026-04-10"));
        c.certificate_no.clear();
        c.employments[0].employer.phone.clear();
        let (_, missing) = rows(
            &Office::default(),
            &[c],
            d("2026-04-01"),
            d("2026-04-30"),
            None,
        );
        assert_eq!(missing[0].whose, "事業所");
        assert_eq!(
            missing[0].fields,
            vec!["事業所番号", "法人名", "事業所名", "所在地"]
        );
        assert_eq!(
            missing[1].fields,
            vec!["退所日", "かな", "受給者証番号", "連絡先（TEL）"]
        );
    }
}
