//! `audit`: the trail of who changed what, when — newest first, with the
//! values each change recorded (a new record's, the changed fields old →
//! new, a deleted record's and the reason).

use std::process::ExitCode;

use clap::Args;

use super::{CliError, output};
use crate::store::Store;
use crate::text::for_display;
use crate::usecases;

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// 利用者 ID (external_id) で絞る
    #[arg(long, value_name = "ID")]
    pub client: Option<String>,
    /// 表示する件数
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
}

pub(super) fn run(store: &Store, a: &AuditArgs) -> Result<ExitCode, CliError> {
    store.require(crate::access::Permission::ViewAudit)?;
    let entries = match &a.client {
        Some(ext) => {
            let id = usecases::client_by_external_id(store, ext)?;
            store.audit_for_client(id, a.limit)?
        }
        None => store.audit_log(a.limit)?,
    };
    if entries.is_empty() {
        output::line("監査記録はありません。")?;
    }
    for e in entries {
        let at =
            e.at.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S");
        output::line(format_args!(
            "{at}  {}  {}  {}  {}",
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
    Ok(ExitCode::SUCCESS)
}
