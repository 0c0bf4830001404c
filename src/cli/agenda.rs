//! `agenda`: a plain-text digest for a cron mail — per worker, what can
//! still be acted on: their due-soon items and the items overdue for at
//! most `HORIZON_MONTHS`, grouped by client; older overdue items in one
//! line with the command that lists them. The items are `due`'s selection
//! (the same rules, the same reading); only the layout is new
//! (`agenda_text`).

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::agenda_text::{Asked, render};
use super::commands::open_to_read_once;
use super::due;
use super::due_run::selected_rows;
use super::{CliError, exported, output};
use crate::model::Status;

/// How far back an overdue item is listed one by one: what is older has
/// usually been decided on already (done late, 対象外) or needs a
/// colleague's look, not a line in every morning's mail.
const HORIZON_MONTHS: i32 = 3;

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
    /// 3か月より前が期限の期限超過も1件ずつ入れる (既定: 件数と一覧のコマンドを1行で)
    #[arg(long)]
    pub all: bool,
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
    let asked = Asked {
        within: a.within,
        required: a.required,
        horizon: (!a.all).then(|| crate::dates::add_months_clamped(today, -HORIZON_MONTHS)),
    };
    let written = output::line(render(&rows, &staff, today, &asked));
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        written?;
    } else {
        // A digest that leaves the screen (a cron mail, a file) is audited,
        // as `due` is.
        let mut how = vec![match &a.staff {
            Some(s) => format!("担当 {}", super::names::login(&staff, s)),
            None => "事業所全体".to_string(),
        }];
        how.extend(a.within.map(|w| format!("{w}日以内")));
        if a.required {
            how.push("必須のみ".into());
        }
        if a.all {
            how.push("古い期限超過も".into());
        }
        how.push("標準出力へ".into());
        // The rows whose names left: the older ones are only counted.
        let listed = rows.iter().filter(|r| asked.lists(r)).count();
        let what = format!("期限の近い項目 {listed} 行（{}）", how.join("、"));
        exported::record_stdout(&store, None, &what, written)?;
    }
    // Last, after the export's own audit row: a mail a day keeps a copy of
    // the chain's head outside the file.
    if let Some(head) = store.chain_head()? {
        output::line(format_args!("\n{head}"))?;
    }
    Ok(ExitCode::SUCCESS)
}
