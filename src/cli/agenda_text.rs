//! The text of the `agenda` digest: per worker a summary line, their items
//! by client (dates in words, 努力義務 and 情報 marked), and one line for
//! the overdue items older than the digest's horizon with the command that
//! lists them. Pure: rows in, text out.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::due::{self, Row};
use crate::dates::YearMonth;
use crate::model::{Severity, Staff, Status};
use crate::{text, wareki};

/// What a digest with nothing in it says (and all it says).
pub(super) const NOTHING: &str = "期限の近い項目はありません";

/// How the digest was asked for: what its heading says and what the
/// command for the older items repeats.
#[derive(Debug, Clone, Default)]
pub(super) struct Asked {
    pub within: Option<i64>,
    pub required: bool,
    /// The first due day of the overdue items listed one by one (None:
    /// every overdue item is listed, `--all`).
    pub horizon: Option<NaiveDate>,
}

impl Asked {
    /// Whether `r` is listed on its own line (else only counted, older
    /// than the horizon).
    pub(super) fn lists(&self, r: &Row) -> bool {
        r.status != Status::Overdue || self.horizon.is_none_or(|h| r.due >= h)
    }
}

/// One worker's part: the login (None: clients without a worker), their
/// clients in the order of their most pressing item, and their overdue
/// items older than the horizon (only counted).
struct Worker<'a> {
    login: Option<&'a str>,
    clients: Vec<Vec<&'a Row>>,
    older: Vec<&'a Row>,
}

/// The digest of `rows` (in `due`'s order) on `today`: a heading, then per
/// worker a summary line, their items by client, one line each, and the
/// older overdue items in one line. Workers in login order, clients
/// without one last; nothing but `NOTHING` when there is nothing.
pub(super) fn render(rows: &[Row], staff: &[Staff], today: NaiveDate, asked: &Asked) -> String {
    if rows.is_empty() {
        return NOTHING.to_string();
    }
    let day = |d: NaiveDate| day_in_words(d, today);
    let mut out = match asked.within {
        None => format!(
            "期限超過・期限間近の項目（基準日 {}）\n",
            wareki::format(today)
        ),
        Some(d) => format!(
            "期限超過と {d} 日以内に期限が来る項目（基準日 {}）\n",
            wareki::format(today)
        ),
    };
    let workers = by_worker(rows, asked);
    // The date column as wide as its widest day (a day of another year
    // carries its year).
    let w_day = rows
        .iter()
        .map(|r| text::width(&day(r.due)))
        .max()
        .unwrap_or(0);
    let status = |r: &Row| text::for_display(&r.status_label).into_owned();
    let w_status = rows
        .iter()
        .map(|r| text::width(&status(r)))
        .max()
        .unwrap_or(0);
    for w in &workers {
        out.push('\n');
        out.push_str(&summary(w, staff));
        for items in &w.clients {
            let Some(first) = items.first() else {
                continue;
            };
            out.push_str(&format!(
                "\n  {} {}",
                text::for_display(&first.external_id),
                text::for_display(&first.client)
            ));
            for r in items {
                out.push_str(&format!(
                    "\n    {}  {}  {}",
                    text::fit(&day(r.due), w_day),
                    text::fit(&status(r), w_status),
                    item(r, today)
                ));
            }
        }
        if let (Some(line), Some(horizon)) = (older_line(w, asked), asked.horizon) {
            out.push_str(&format!(
                "\n  このほか、{}より前が期限の期限超過: {line}",
                day(horizon)
            ));
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// `11月30日` in the 基準日's year, else with its 和暦 year
/// (`令和7年12月31日`): a morning mail reads the day, not the year.
pub(super) fn day_in_words(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        format!("{}月{}日", d.month(), d.day())
    } else {
        wareki::format(d)
    }
}

/// `11月分`, or `令和7年12月分` in another year.
fn month_in_words(m: YearMonth, today: NaiveDate) -> String {
    if m.year == today.year() {
        format!("{}月分", m.month)
    } else {
        format!("{}分", wareki::format_year_month(m))
    }
}

/// The item as the table says it, its month in words, and marked when it
/// is not required (`（努力義務）`, `（情報）`).
fn item(r: &Row, today: NaiveDate) -> String {
    let text = due::item_text_with(r, |m| month_in_words(m, today));
    match r.severity {
        Severity::Required => text,
        s => format!("{text}（{}）", s.label()),
    }
}

fn by_worker<'a>(rows: &'a [Row], asked: &Asked) -> Vec<Worker<'a>> {
    let mut workers: Vec<Worker<'a>> = Vec::new();
    let mut client_at: HashMap<(usize, &str), usize> = HashMap::new();
    for r in rows {
        let login = r.staff.as_deref();
        let w = match workers.iter().position(|w| w.login == login) {
            Some(i) => i,
            None => {
                workers.push(Worker {
                    login,
                    clients: Vec::new(),
                    older: Vec::new(),
                });
                workers.len() - 1
            }
        };
        if !asked.lists(r) {
            workers[w].older.push(r);
            continue;
        }
        let clients = &mut workers[w].clients;
        let c = *client_at.entry((w, &r.external_id)).or_insert_with(|| {
            clients.push(Vec::new());
            clients.len() - 1
        });
        clients[c].push(r);
    }
    workers.sort_by(|a, b| (a.login.is_none(), a.login).cmp(&(b.login.is_none(), b.login)));
    workers
}

/// `■ 田中 美咲 (tanaka)  期限超過 2 件、期限間近 1 件（ほか努力義務 4 件）、利用者 2 名`:
/// the required items by status, the others only counted.
fn summary(w: &Worker<'_>, staff: &[Staff]) -> String {
    let who = match w.login {
        None => "担当者なし".to_string(),
        Some(login) => super::names::login(staff, login),
    };
    let items: Vec<&Row> = w.clients.iter().flatten().copied().collect();
    if items.is_empty() {
        return format!("■ {who}  直近の期限超過・期限間近はありません");
    }
    let required: Vec<String> = Status::ALL
        .iter()
        .filter_map(|&s| {
            let n = items
                .iter()
                .filter(|r| r.severity == Severity::Required && r.status == s)
                .count();
            (n > 0).then(|| format!("{} {n} 件", s.label()))
        })
        .collect();
    let others = others(&items);
    let counts = match (required.is_empty(), others) {
        (false, None) => required.join("、"),
        (false, Some(o)) => format!("{}（ほか{o}）", required.join("、")),
        (true, Some(o)) => format!("必須の項目なし（{o}）"),
        (true, None) => String::new(),
    };
    format!("■ {who}  {counts}、利用者 {} 名", w.clients.len())
}

/// `努力義務 4 件、情報 1 件` of `items` (None: all are required).
fn others(items: &[&Row]) -> Option<String> {
    let parts: Vec<String> = [Severity::Effort, Severity::Info]
        .iter()
        .filter_map(|&s| {
            let n = items.iter().filter(|r| r.severity == s).count();
            (n > 0).then(|| format!("{} {n} 件", s.label()))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("、"))
}

/// `12 件（ほか努力義務 8 件）。一覧: teichaku agenda --staff tanaka --all`
/// (None: no older item).
fn older_line(w: &Worker<'_>, asked: &Asked) -> Option<String> {
    if w.older.is_empty() {
        return None;
    }
    let required = w
        .older
        .iter()
        .filter(|r| r.severity == Severity::Required)
        .count();
    let counts = match (required, others(&w.older)) {
        (0, Some(o)) => o,
        (n, None) => format!("{n} 件"),
        (n, Some(o)) => format!("{n} 件（ほか{o}）"),
    };
    let mut command = vec!["teichaku agenda".to_string()];
    if let Some(login) = w.login {
        command.push(format!("--staff {}", text::for_display(login)));
    }
    command.push("--all".into());
    if let Some(d) = asked.within {
        command.push(format!("--within {d}"));
    }
    if asked.required {
        command.push("--required".into());
    }
    Some(format!("{counts}。一覧: {}", command.join(" ")))
}

#[cfg(test)]
#[path = "agenda_text_tests.rs"]
mod tests;
