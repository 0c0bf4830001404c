//! Records from the shell: list or delete any record of a case by id,
//! withdraw a consent, end an employment or add a new one (a new job after
//! 離職). Each command parses its options, calls one use case, and
//! translates the rule set's field names to the options the person typed.
//! Contacts have their own commands (`contacts`).

use std::process::ExitCode;

use chrono::{NaiveDate, NaiveTime};
use clap::{Args, Subcommand, ValueEnum};

use super::gather::Gather;
use super::{CliError, output, store_error};
use crate::date_input;
use crate::fields::{employment, reason};
use crate::model::{ClientId, Employer, Employment, Intent, RecordId, SupportType};
use crate::operation::{self, Operation, Record};
use crate::store::{Store, Table};
use crate::usecases;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// 利用者 ID (external_id)
    #[arg(long, value_name = "ID")]
    pub client: String,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// 記録の ID
    pub id: RecordId,
    #[arg(
        long,
        help = format!("削除する{}。監査記録に残る", reason::REASON.help()),
        value_name = "TEXT",
        allow_hyphen_values = true
    )]
    pub reason: String,
}

#[derive(Debug, Subcommand)]
pub enum RecordCommand {
    /// 利用者のすべての記録を一覧する (種類・記録 ID つき)
    List {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        /// 種類で絞る
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// 出力形式
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// 記録を1件削除する (元の内容と理由は監査記録に残る)
    Delete {
        /// 記録の種類
        #[arg(long, value_enum)]
        kind: Kind,
        #[command(flatten)]
        args: DeleteArgs,
    },
}

/// The kinds of record a person can name from the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Employment,
    Contact,
    Report,
    Plan,
    Consent,
    Handover,
    Conference,
    Resolution,
}

impl Kind {
    fn table(self) -> Table {
        match self {
            Kind::Employment => Table::Employments,
            Kind::Contact => Table::Contacts,
            Kind::Report => Table::Reports,
            Kind::Plan => Table::Plans,
            Kind::Consent => Table::Consents,
            Kind::Handover => Table::Handovers,
            Kind::Conference => Table::Conferences,
            Kind::Resolution => Table::Resolutions,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ConsentCommand {
    /// 同意の撤回を記録する
    Withdraw {
        /// 同意の記録 ID (record list --kind consent で確認)
        id: RecordId,
        /// 撤回日
        #[arg(
            long,
            default_value = "today",
            value_name = "DATE",
            allow_hyphen_values = true
        )]
        date: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum EmploymentCommand {
    /// 新しい就職を登録する (離職の後の再就職など。前の就職の記録は残る)
    Add(EmploymentAddArgs),
    /// 今の就職の離職を記録する (以後の項目は 対象外(離職) になる)
    End {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        /// 離職日
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        date: String,
        #[arg(
            long,
            help = employment::SEPARATION_REASON.help(),
            value_name = "TEXT",
            allow_hyphen_values = true
        )]
        reason: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct EmploymentAddArgs {
    /// 利用者 ID (external_id)
    #[arg(long, value_name = "ID")]
    pub client: String,
    #[arg(
        long,
        help = employment::EMPLOYER_NAME.help(),
        value_name = "NAME",
        allow_hyphen_values = true
    )]
    pub employer: String,
    #[arg(
        long,
        help = employment::CONTACT_PERSON.help(),
        value_name = "NAME",
        default_value = "",
        hide_default_value = true,
        allow_hyphen_values = true
    )]
    pub contact_person: String,
    /// 支援の類型: standard (通常), hours_extension, return_to_work
    #[arg(long = "type", default_value = "standard")]
    pub support_type: String,
    /// 就職先の決定日
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub decision: Option<String>,
    /// 就職日 (復職支援型は復職日)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// 就労移行支援等の終了日 (労働時間延長支援型)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub prior_end: Option<String>,
}

pub(super) fn date_opt(opt: &str, s: &str, today: NaiveDate) -> Result<NaiveDate, CliError> {
    date_input::parse_date_input(s, today).map_err(|e| CliError(format!("{opt}: {e}")))
}

/// Read as the contact form reads it (14:30, 1430, 14時30分), with its message.
pub(super) fn time_opt(t: &str) -> Result<NaiveTime, CliError> {
    date_input::parse_time_input(t).map_err(|e| CliError(format!("--time: {e}")))
}

pub(super) fn choice<T>(
    opt: &str,
    s: &str,
    parse: fn(&str) -> Option<T>,
    all: String,
) -> Result<T, CliError> {
    parse(s).ok_or_else(|| {
        CliError(format!(
            "{opt}: 「{}」は使えません。使える値: {all}",
            crate::text::as_typed(s)
        ))
    })
}

/// The records of a client as a table or JSON.
pub(super) fn list(
    store: &Store,
    client_id: ClientId,
    kind: Option<Kind>,
    format: ListFormat,
) -> Result<ExitCode, CliError> {
    let client = store.load_client(client_id)?;
    // The records carry health information: who listed them is on record.
    store.record_view(client_id, "記録の一覧（コマンド）")?;
    let rows = usecases::list_records(&client, kind.map(Kind::table));
    match format {
        ListFormat::Json if kind == Some(Kind::Contact) => {
            // The interchange's contact objects, with their record ids.
            let items: Vec<serde_json::Value> = client
                .contacts
                .iter()
                .filter_map(|c| {
                    let mut v = serde_json::to_value(c).ok()?;
                    if let serde_json::Value::Object(m) = &mut v {
                        m.insert("id".into(), serde_json::json!(c.id));
                    }
                    Some(v)
                })
                .collect();
            let json = serde_json::Value::Array(items).to_string();
            output::line(crate::text::json_safe(&json))?;
        }
        ListFormat::Json => {
            let json = serde_json::to_string(&rows).map_err(|e| CliError(e.to_string()))?;
            output::line(crate::text::json_safe(&json))?
        }
        ListFormat::Table => {
            if rows.is_empty() {
                output::line("記録はありません。")?;
            }
            for r in &rows {
                let date = r
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".repeat(10));
                output::line(format_args!(
                    "{:>6}  {date}  {}  {}",
                    r.id, r.label, r.summary
                ))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn record(store: &Store, cmd: &RecordCommand) -> Result<ExitCode, CliError> {
    match cmd {
        RecordCommand::List {
            client,
            kind,
            format,
        } => {
            let id = usecases::client_by_external_id(store, client)?;
            list(store, id, *kind, *format)
        }
        RecordCommand::Delete { kind, args } => {
            let row = usecases::record_row(store, kind.table(), args.id)?;
            let op = Operation::Delete {
                table: kind.table(),
                id: args.id,
                version: None,
                reason: args.reason.clone(),
            };
            operation::apply(store, &op).map_err(|e| store_error(e, super::REASON_OPTION))?;
            output::line(format_args!(
                "削除しました: {} #{} {} {}",
                row.label,
                row.id,
                row.date.map(|d| d.to_string()).unwrap_or_default(),
                row.summary
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub(super) fn consent(
    store: &Store,
    cmd: &ConsentCommand,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    let ConsentCommand::Withdraw { id, date } = cmd;
    let date = date_opt("--date", date, today)?;
    let client = store.load_client(store.owner_of(Table::Consents, *id)?)?;
    let mut c = client
        .consents
        .iter()
        .find(|c| c.id == Some(*id))
        .cloned()
        .ok_or_else(|| CliError(format!("同意 #{id} が見つかりません。")))?;
    c.withdrawn = Some(date);
    let op = Operation::edit(Record::Consent(c.clone()));
    operation::apply(store, &op).map_err(|e| store_error(e, &[("withdrawn", "--date")]))?;
    output::line(format_args!(
        "同意 #{id}（{}）の撤回を記録しました: {date}",
        c.scope
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Option names of the employment fields, for the rule set's problems.
const EMPLOYMENT_OPTIONS: &[(&str, &str)] = &[
    ("support_type", "--type"),
    ("employer.name", "--employer"),
    ("employer.contact_person", "--contact-person"),
    ("decision_date", "--decision"),
    ("start_date", "--start"),
    ("prior_service_end_date", "--prior-end"),
    ("separation_date", "--date"),
    ("separation_reason", "--reason"),
];

pub(super) fn employment(
    store: &Store,
    cmd: &EmploymentCommand,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    let a = match cmd {
        EmploymentCommand::Add(a) => a,
        EmploymentCommand::End {
            client,
            date,
            reason,
        } => {
            let date = date_opt("--date", date, today)?;
            let id = usecases::client_by_external_id(store, client)?;
            let op = Operation::EndEmployment {
                client_id: id,
                date,
                reason: reason.clone(),
            };
            let ended =
                operation::apply(store, &op).map_err(|err| store_error(err, EMPLOYMENT_OPTIONS))?;
            let employer = store
                .load_client(id)?
                .employments
                .into_iter()
                .find(|e| e.id == ended.record)
                .map(|e| e.employer.name)
                .unwrap_or_default();
            output::line(format_args!(
                "離職を記録しました: {} {}（{date}）",
                crate::text::for_display(client),
                crate::text::for_display(&employer)
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    // Every problem at once: what cannot be read is noted, and the rules
    // judge the rest (`Gather`).
    let mut g = Gather::default();
    let mut d = |opt: &'static str, s: &Option<String>| {
        let read = s.as_deref().map(|s| date_opt(opt, s, today)).transpose();
        g.take(opt, read).flatten()
    };
    let (decision_date, start_date, prior_service_end_date) = (
        d("--decision", &a.decision),
        d("--start", &a.start),
        d("--prior-end", &a.prior_end),
    );
    let support_type = g.take(
        "--type",
        choice(
            "--type",
            &a.support_type,
            SupportType::parse,
            SupportType::choices(),
        ),
    );
    let e = Employment {
        id: None,
        version: 0,
        employer: Employer {
            name: crate::text::trim_input(&a.employer).to_string(),
            contact_person: crate::text::trim_input(&a.contact_person).to_string(),
            ..Employer::default()
        },
        support_type: support_type.unwrap_or(SupportType::Standard),
        decision_date,
        start_date,
        prior_service_end_date,
        intent: Intent::Unknown,
        retention_start_date: None,
        separation_date: None,
        separation_reason: None,
        fields: Default::default(),
    };
    g.finish(
        || crate::validate::employment(&e, today),
        EMPLOYMENT_OPTIONS,
    )?;
    let client_id = usecases::client_by_external_id(store, &a.client)?;
    let op = Operation::AddEmployment {
        client_id,
        employment: Box::new(e),
    };
    operation::apply(store, &op).map_err(|err| store_error(err, EMPLOYMENT_OPTIONS))?;
    output::line(format_args!(
        "就職を登録しました: {} {}（これからの予定はこの就職で数えます）",
        crate::text::for_display(&a.client),
        crate::text::for_display(&a.employer)
    ))?;
    Ok(ExitCode::SUCCESS)
}
