//! `audit`: the trail of who changed what, when — newest first, with the
//! values each change recorded (a new record's, the changed fields old →
//! new, a deleted record's and the reason), as `crate::trail` words them
//! for a person; `--format json` for programs. Everyone's rows are the
//! 管理者's; `--mine` shows one's own changes to anyone. Filters by client,
//! login and day are applied by the store's query, not here.
//!
//! The values are the records' (要配慮個人情報 included), so reading them
//! is recorded as other reads are: on a terminal, a 閲覧 of each client
//! whose values were shown (as `record list` does); leaving the screen (a
//! pipe, a file), one 書き出し row of what left (as `due` does).

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, Local, NaiveDate, Utc};
use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use super::{CliError, exported, output};
use crate::access::Permission;
use crate::date_input;
use crate::store::{AuditEntry, Store};
use crate::text::{for_terminal, json_safe};
use crate::trail::{self, Row, Zone};
use crate::usecases::{self, TrailQuery};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// 自分の変更だけを表示する (だれでも使える。閲覧の記録は含まない)
    #[arg(long)]
    pub mine: bool,
    /// 利用者 ID (external_id) で絞る
    #[arg(long, value_name = "ID")]
    pub client: Option<String>,
    /// 記録したユーザー (ログイン名) で絞る
    #[arg(long, value_name = "LOGIN")]
    pub login: Option<String>,
    /// この日 (0時) 以降の記録だけ (-1w なども可)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// 表示する件数
    #[arg(
        long,
        default_value_t = 20,
        value_name = "N",
        allow_hyphen_values = true
    )]
    pub limit: usize,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// What a 閲覧 row of this command says it showed.
const VIEWED: &str = "操作記録（コマンド）";

pub(super) fn run(store: &Store, a: &AuditArgs) -> Result<ExitCode, CliError> {
    // Said before anything is looked up: a 支援員 learns at once what is
    // theirs to read.
    if !a.mine {
        // The refusal names `audit --mine` among what they may run.
        store
            .require(Permission::ViewAudit)
            .map_err(|e| CliError(super::refusals::store_message(&e, &[])))?;
    }
    let client_id = match &a.client {
        Some(ext) => Some(usecases::client_by_external_id(store, ext)?),
        None => None,
    };
    let since_day = match &a.since {
        Some(s) => Some(
            date_input::parse_date_input(s, store.today())
                .map_err(|e| CliError(format!("--since: {e}")))?,
        ),
        None => None,
    };
    let entries = usecases::trail(
        store,
        &TrailQuery {
            mine: a.mine,
            login: a.login.clone(),
            client_id,
            since: since_day.map(start_of_day),
            changes_only: false,
            limit: a.limit,
        },
    )?;
    let rows = trail::rows(&entries, &usecases::trail_context(store, Zone::Local)?);
    let on_terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    if on_terminal {
        usecases::note_shown(store, &rows, VIEWED)?;
    }
    let written = output::with_stdout(|out| write(out, a, &entries, &rows));
    if on_terminal {
        written?;
    } else {
        let what = sent(a, since_day, rows.len());
        exported::record_stdout(store, client_id, &what, written)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write(
    out: &mut impl Write,
    a: &AuditArgs,
    entries: &[AuditEntry],
    rows: &[Row],
) -> std::io::Result<()> {
    match a.format {
        Format::Json => {
            let items: Vec<Value> = entries.iter().map(to_json).collect();
            let text = Value::Array(items).to_string();
            writeln!(out, "{}", json_safe(&text))
        }
        Format::Table if rows.is_empty() => writeln!(
            out,
            "{}",
            if a.mine {
                "自分の変更の記録はありません（閲覧の記録は含みません）。"
            } else {
                "監査記録はありません。"
            }
        ),
        Format::Table => {
            for r in rows {
                for l in r.lines(None) {
                    writeln!(out, "{}", for_terminal(&l))?;
                }
            }
            Ok(())
        }
    }
}

/// The 書き出し row's words: how many rows left, chosen how, to where.
fn sent(a: &AuditArgs, since: Option<NaiveDate>, rows: usize) -> String {
    let mut how = Vec::new();
    if a.mine {
        how.push("自分の変更".to_string());
    }
    if let Some(c) = &a.client {
        how.push(format!("利用者 {c}"));
    }
    if let Some(l) = a.login.as_deref().filter(|_| !a.mine) {
        how.push(format!("記録した人 {l}"));
    }
    if let Some(d) = since {
        how.push(format!("{d} から"));
    }
    let format = a
        .format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    how.push(format!("形式 {format}"));
    how.push("標準出力へ".into());
    format!("操作記録 {rows} 行（{}）", how.join("、"))
}

/// The day's first instant where the person is (the trail is in UTC).
fn start_of_day(d: NaiveDate) -> DateTime<Utc> {
    let midnight = d.and_time(chrono::NaiveTime::MIN);
    midnight
        .and_local_timezone(Local)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

fn to_json(e: &AuditEntry) -> Value {
    // `detail` is JSON text in the store: nested as JSON, not as a string.
    let detail = e
        .detail
        .as_deref()
        .map(|d| serde_json::from_str::<Value>(d).unwrap_or_else(|_| Value::String(d.to_string())));
    json!({
        "id": e.id,
        "at": crate::store::rfc3339(e.at),
        "login": e.user,
        "action": e.action.as_str(),
        "action_label": e.action.label(),
        "table": e.table,
        "row_id": e.row_id,
        "client_id": e.client_id,
        "external_id": e.external_id,
        "client_name": e.client_name,
        "summary": e.summary,
        "detail": detail,
    })
}
