//! `agenda`: a plain-text digest for a cron mail — per worker, their
//! overdue and due-soon items grouped by client. The items are `due`'s
//! selection (the same rules, the same reading); only the layout is new.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::commands::open_to_read_once;
use super::due::{self, Row};
use super::due_run::selected_rows;
use super::{CliError, exported, output};
use crate::model::{Staff, Status};
use crate::text;

/// What a digest with nothing in it says (and all it says).
pub(super) const NOTHING: &str = "期限の近い項目はありません";

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// この職員 (ログイン名) の分だけ
    #[arg(long, value_name = "LOGIN")]
    pub staff: Option<String>,
    /// この日数以内に期限が来る項目をすべて入れる (既定: 期限超過と期限間近だけ)
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
    pub within: Option<i64>,
    /// 必須の項目だけ (努力義務・情報を除く: `due --required` と同じ)
    #[arg(long)]
    pub required: bool,
}

pub(super) fn run(db: &Path, a: &AgendaArgs, today: NaiveDate) -> Result<ExitCode, CliError> {
    if a.within.is_some_and(|w| w < 0) {
        return Err(CliError(
            "--within は 0 以上の日数で指定してください。".into(),
        ));
    }
    let store = open_to_read_once(db, today)?;
    let settings = store.settings()?;
    // Without --within: what the rules call 期限間近, whose window is the
    // office's warn_days (cert_warn_days for the 受給者証), so the range
    // reaches the farther of the two and the status decides.
    let query = due::Query {
        within_days: a
            .within
            .unwrap_or(settings.warn_days.max(settings.cert_warn_days)),
        staff: a.staff.clone(),
        required_only: a.required,
        ..due::Query::default()
    };
    let mut rows = selected_rows(&store, &query, today)?;
    if a.within.is_none() {
        rows.retain(|r| matches!(r.status, Status::Overdue | Status::DueSoon));
    }
    let staff = store.list_staff()?;
    let written = output::line(render(&rows, &staff, today, a.within));
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        written?;
    } else {
        // A digest that leaves the screen (a cron mail, a file) is audited,
        // as `due` is.
        let mut how = vec![match &a.staff {
            Some(s) => format!("担当 {s}"),
            None => "事業所全体".to_string(),
        }];
        how.extend(a.within.map(|w| format!("{w}日以内")));
        if a.required {
            how.push("必須のみ".into());
        }
        how.push("標準出力へ".into());
        let what = format!("期限の近い項目 {} 行（{}）", rows.len(), how.join("、"));
        exported::record_stdout(&store, None, &what, written)?;
    }
    // Last, after the export's own audit row: a mail a day keeps a copy of
    // the chain's head outside the file.
    if let Some(head) = store.chain_head()? {
        output::line(format_args!("\n{head}"))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One worker's part: the login (None: clients without a worker) and
/// their clients in the order of their most pressing item.
struct Worker<'a> {
    login: Option<&'a str>,
    clients: Vec<Vec<&'a Row>>,
}

/// The digest of `rows` (in `due`'s order): a heading, then per worker a
/// summary line and their items by client, one line each. Workers in
/// login order, clients without one last; nothing but `NOTHING` when
/// there is nothing.
pub(super) fn render(
    rows: &[Row],
    staff: &[Staff],
    today: NaiveDate,
    within: Option<i64>,
) -> String {
    if rows.is_empty() {
        return NOTHING.to_string();
    }
    let mut out = match within {
        None => format!("期限超過・期限間近の項目（基準日 {today}）\n"),
        Some(d) => format!("期限超過と {d} 日以内に期限が来る項目（基準日 {today}）\n"),
    };
    for w in by_worker(rows) {
        out.push('\n');
        out.push_str(&summary(&w, staff));
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
                    r.due,
                    text::fit(&text::for_display(&r.status_label), 10),
                    due::item_text(r)
                ));
            }
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn by_worker(rows: &[Row]) -> Vec<Worker<'_>> {
    let mut workers: Vec<Worker<'_>> = Vec::new();
    let mut client_at: HashMap<(usize, &str), usize> = HashMap::new();
    for r in rows {
        let login = r.staff.as_deref();
        let w = match workers.iter().position(|w| w.login == login) {
            Some(i) => i,
            None => {
                workers.push(Worker {
                    login,
                    clients: Vec::new(),
                });
                workers.len() - 1
            }
        };
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

/// `■ 田中 美咲 (tanaka)  期限超過 2 件、期限間近 1 件（利用者 2 名）`
fn summary(w: &Worker<'_>, staff: &[Staff]) -> String {
    let who = match w.login {
        None => "担当者なし".to_string(),
        Some(login) => {
            let shown = text::for_display(login);
            match staff.iter().find(|s| s.login == login) {
                Some(s) => format!("{} ({shown})", text::for_display(&s.display_name)),
                None => format!("{shown}（職員に未登録）"),
            }
        }
    };
    let counts: Vec<String> = Status::ALL
        .iter()
        .filter_map(|&s| {
            let n = w.clients.iter().flatten().filter(|r| r.status == s).count();
            (n > 0).then(|| format!("{} {n} 件", s.label()))
        })
        .collect();
    format!(
        "■ {who}  {}（利用者 {} 名）",
        counts.join("、"),
        w.clients.len()
    )
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Arc;

    use super::*;
    use crate::dates::YearMonth;
    use crate::model::{Role, Severity};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn member(login: &str, name: &str) -> Staff {
        Staff {
            login: login.into(),
            display_name: name.into(),
            role: Role::CaseWorker,
            basic_training: None,
            fte_percent: None,
            joined: None,
            left: None,
            fte_history: Vec::new(),
        }
    }

    /// A monthly 対面支援 of `month` for a client, due at its end.
    fn row(ext: &str, name: &str, staff: Option<&str>, month: u32, status: Status) -> Row {
        let period = YearMonth::new(2026, month).expect("month");
        Row {
            external_id: Arc::from(ext),
            client: Arc::from(name),
            staff: staff.map(Arc::from),
            obligation: "ret.monthly_face_to_face",
            title: "本人との対面又はテレビ電話等による支援 (月1回以上)",
            period: Some(period),
            window_start: period.first_day(),
            due: period.last_day(),
            status,
            status_label: Cow::Borrowed(status.label()),
            severity: Severity::Required,
            late: false,
            waived_reason: None,
            satisfied_by: None,
            note: None,
            clause: "000 §1(4)②",
            waived_by: None,
            job: None,
        }
    }

    #[test]
    fn nothing_to_do_is_said_in_one_line_and_nothing_else() {
        assert_eq!(render(&[], &[], day("2026-11-23"), None), NOTHING);
    }

    #[test]
    fn items_are_grouped_by_worker_then_client_with_a_summary_per_worker() {
        let staff = [member("suzuki", "鈴木 健一"), member("tanaka", "田中 美咲")];
        // In `due`'s order: by due day.
        let rows = [
            row("C002", "佐藤 花子", Some("tanaka"), 9, Status::Overdue),
            row("C009", "伊藤 一郎", None, 10, Status::Overdue),
            row("C001", "山田 太郎", Some("tanaka"), 10, Status::Overdue),
            row("C003", "石川 達也", Some("suzuki"), 10, Status::Overdue),
            row("C002", "佐藤 花子", Some("tanaka"), 11, Status::DueSoon),
            row("C004", "高木 実", Some("ghost"), 11, Status::DueSoon),
        ];
        let text = render(&rows, &staff, day("2026-11-23"), None);
        assert_eq!(
            text,
            "期限超過・期限間近の項目（基準日 2026-11-23）

■ ghost（職員に未登録）  期限間近 1 件（利用者 1 名）
  C004 高木 実
    2026-11-30  期限間近    月次 対面支援 2026-11

■ 鈴木 健一 (suzuki)  期限超過 1 件（利用者 1 名）
  C003 石川 達也
    2026-10-31  期限超過    月次 対面支援 2026-10

■ 田中 美咲 (tanaka)  期限超過 2 件、期限間近 1 件（利用者 2 名）
  C002 佐藤 花子
    2026-09-30  期限超過    月次 対面支援 2026-09
    2026-11-30  期限間近    月次 対面支援 2026-11
  C001 山田 太郎
    2026-10-31  期限超過    月次 対面支援 2026-10

■ 担当者なし  期限超過 1 件（利用者 1 名）
  C009 伊藤 一郎
    2026-10-31  期限超過    月次 対面支援 2026-10"
        );
    }

    #[test]
    fn stored_names_cannot_drive_the_terminal() {
        let rows = [row(
            "C\u{1b}[2J1",
            "山田\u{202e}太郎",
            Some("x\u{7}"),
            10,
            Status::Overdue,
        )];
        let text = render(
            &rows,
            &[member("x\u{7}", "名\u{1b}]0;t\u{7}前")],
            day("2026-11-23"),
            Some(30),
        );
        assert!(
            text.starts_with("期限超過と 30 日以内に期限が来る項目"),
            "{text}"
        );
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && (c.is_control() || c == '\u{202e}')),
            "{text:?}"
        );
    }
}
