//! `audit`: the trail of who changed what, when — newest first, with the
//! values each change recorded (a new record's, the changed fields old →
//! new, a deleted record's and the reason). Filters by client, login and
//! day are applied by the store's query, not here.

use std::process::ExitCode;

use chrono::{DateTime, Local, NaiveDate, Utc};
use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use super::{CliError, output};
use crate::date_input;
use crate::store::{AuditEntry, AuditFilter, Store};
use crate::text::{for_display, json_safe};
use crate::usecases;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
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

pub(super) fn run(store: &Store, a: &AuditArgs) -> Result<ExitCode, CliError> {
    store.require(crate::access::Permission::ViewAudit)?;
    let client_id = match &a.client {
        Some(ext) => Some(usecases::client_by_external_id(store, ext)?),
        None => None,
    };
    let since = match &a.since {
        Some(s) => Some(start_of_day(
            date_input::parse_date_input(s, store.today())
                .map_err(|e| CliError(format!("--since: {e}")))?,
        )),
        None => None,
    };
    let entries = store.audit_search(&AuditFilter {
        client_id,
        login: a.login.clone(),
        since,
        limit: a.limit,
    })?;
    match a.format {
        Format::Json => {
            let items: Vec<Value> = entries.iter().map(to_json).collect();
            let text = Value::Array(items).to_string();
            output::line(json_safe(&text))?;
        }
        Format::Table => table(&entries)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The day's first instant where the person is (the trail is in UTC).
fn start_of_day(d: NaiveDate) -> DateTime<Utc> {
    let midnight = d.and_time(chrono::NaiveTime::MIN);
    midnight
        .and_local_timezone(Local)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

fn table(entries: &[AuditEntry]) -> Result<(), CliError> {
    if entries.is_empty() {
        output::line("監査記録はありません。")?;
    }
    for e in entries {
        let at = e.at.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S");
        output::line(format_args!(
            "#{}  {at}  {}  {}  {}  {}",
            e.id,
            for_display(&e.user),
            e.action.label(),
            e.external_id
                .as_deref()
                .map(for_display)
                .unwrap_or_default(),
            for_display(&e.summary)
        ))?;
        if let Some(d) = &e.detail {
            output::line(format_args!("    {}", for_display(d)))?;
        }
    }
    Ok(())
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
        "summary": e.summary,
        "detail": detail,
    })
}
