//! `resolve` and `client close|reopen`: a person's decisions about a case
//! from the shell.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::gather::Gather;
use super::{CliError, output, store_error};
use crate::dates::YearMonth;
use crate::model::{ClosureReason, ObligationId};
use crate::operation::{self, Operation};
use crate::store::Store;
use crate::{date_input, fields, usecases};

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// 利用者 ID (external_id)
    #[arg(long, value_name = "ID")]
    pub client: String,
    /// 義務 ID (一覧: teichaku rules)
    #[arg(long, value_name = "OBLIGATION_ID")]
    pub obligation: String,
    /// 月ごとの項目の対象月 (例: 2026-10)
    #[arg(long, value_name = "YYYY-MM")]
    pub period: Option<String>,
    /// 前の就職の項目のとき: その就職の起算日 (due の job 欄。例: 2025-04-01)
    #[arg(long, value_name = "DATE")]
    pub job: Option<String>,
    #[arg(
        long,
        help = format!(
            "{}。例: 入院中, 連絡不能, 本人の意向。監査記録に残る",
            fields::resolution::REASON.help()
        ),
        value_name = "TEXT",
        required_unless_present = "undo",
        allow_hyphen_values = true
    )]
    pub reason: Option<String>,
    /// 対象外の判断を取り消す
    #[arg(long)]
    pub undo: bool,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// ケースを終結する (一覧と due から外れ、記録は残る)
    Close {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        /// 終結日
        #[arg(
            long,
            default_value = "today",
            value_name = "DATE",
            allow_hyphen_values = true
        )]
        date: String,
        /// 理由: support_end (支援終了), separation (離職), moved (転居), died (死亡), other (その他)
        #[arg(long, value_name = "REASON")]
        reason: String,
        #[arg(
            long,
            help = fields::closure::NOTE.help(),
            default_value = "",
            hide_default_value = true,
            value_name = "TEXT",
            allow_hyphen_values = true
        )]
        note: String,
    },
    /// 終結を取り消す
    Reopen {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        #[arg(
            long,
            help = format!("取り消す{}。監査記録に残る", fields::reason::REASON.help()),
            value_name = "TEXT",
            allow_hyphen_values = true
        )]
        reason: String,
    },
    /// 受給者証 (番号・支給決定期間・市町村) を記録する。--renew で今の受給者証を履歴に残して新しいものにする
    Certificate {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        /// 受給者証番号
        #[arg(long, value_name = "NUMBER")]
        number: Option<String>,
        /// 支給決定期間の開始日
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        from: Option<String>,
        /// 有効期限 (支給決定期間の終了日)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        to: Option<String>,
        /// 援護の実施市町村 (支給決定市町村)
        #[arg(long, value_name = "NAME")]
        municipality: Option<String>,
        /// 更新: 今の受給者証を履歴に残し、指定した値を新しい受給者証にする
        #[arg(long)]
        renew: bool,
    },
    /// 職場適応援助者助成金を申請した月を記録する (その月は就労定着支援として算定しない: 通知 4(1)①)
    Subsidy {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        /// 対象月 (例: 2026-10)
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// 記録した月を取り消す
        #[arg(long)]
        undo: bool,
    },
}

/// Option names of a closure's fields, for the rule set's problems.
const CLOSE_OPTIONS: &[(&str, &str)] = &[("date", "--date"), ("note", "--note")];

pub(super) fn resolve(store: &Store, a: &ResolveArgs) -> Result<ExitCode, CliError> {
    let obligation = ObligationId::parse_or_explain(&a.obligation)
        .map_err(|e| CliError(format!("--obligation: {e}")))?;
    let period = match &a.period {
        None => None,
        Some(s) => Some(YearMonth::parse(s).ok_or_else(|| {
            CliError(format!(
                "--period: 「{}」は年月ではありません (例: 2026-10)。",
                crate::text::as_typed(s)
            ))
        })?),
    };
    let job = match &a.job {
        None => None,
        Some(s) => Some(
            date_input::parse_date_input(s, store.today())
                .map_err(|e| CliError(format!("--job: {e}")))?,
        ),
    };
    let client_id = usecases::client_by_external_id(store, &a.client)?;
    let reason = a.reason.as_deref().unwrap_or("");
    let item = if a.undo {
        let reason = if reason.trim().is_empty() {
            "対象外の取り消し"
        } else {
            reason
        };
        let op = Operation::Unresolve {
            client_id,
            obligation,
            period,
            job,
            reason: reason.to_string(),
        };
        operation::apply(store, &op).map_err(|e| store_error(e, super::REASON_OPTION))?;
        usecases::item_now(store, client_id, obligation, period, job)?
    } else {
        let op = Operation::Resolve {
            client_id,
            obligation,
            period,
            job,
            reason: reason.to_string(),
        };
        operation::apply(store, &op).map_err(|e| {
            store_error(
                e,
                &[
                    ("reason", "--reason"),
                    ("period", "--period"),
                    ("decided_by", "--reason"),
                ],
            )
        })?;
        usecases::item_now(store, client_id, obligation, period, job)?
    };
    let period = item.period.map(|p| format!(" {p}")).unwrap_or_default();
    output::line(format_args!(
        "{}{period} {} → {}",
        item.id,
        item.title,
        item.status_label()
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn client(
    store: &Store,
    cmd: &ClientCommand,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    match cmd {
        ClientCommand::Close {
            client,
            date,
            reason,
            note,
        } => {
            // Every problem at once (`Gather`): the day, the reason and
            // the note are read, then the rules judge the closure.
            let mut g = Gather::default();
            let date = g.take(
                "--date",
                date_input::parse_date_input(date, today)
                    .map_err(|e| CliError(format!("--date: {e}"))),
            );
            let reason = g.take(
                "--reason",
                ClosureReason::parse(reason).ok_or_else(|| {
                    CliError(format!(
                        "--reason: 「{}」は使えません。使える値: {}",
                        crate::text::as_typed(reason),
                        ClosureReason::choices()
                    ))
                }),
            );
            let closure = crate::model::Closure {
                date: date.unwrap_or(today),
                reason: reason.unwrap_or(ClosureReason::ALL[0]),
                note: note.clone(),
                closed_by: store.user().to_string(),
            };
            g.finish(
                || crate::validate::closure(&closure, store.write_day()),
                CLOSE_OPTIONS,
            )?;
            let (date, reason) = (closure.date, closure.reason);
            let id = usecases::client_by_external_id(store, client)?;
            let op = Operation::Close {
                client_id: id,
                date,
                reason,
                note: note.clone(),
            };
            operation::apply(store, &op)
                .map_err(|e| store_error(e, &[("date", "--date"), ("note", "--note")]))?;
            output::line(format_args!(
                "終結しました: {} {date}（{}）。一覧と due には出ません (--include-closed で表示)。",
                crate::text::for_display(client),
                reason.label()
            ))?;
        }
        ClientCommand::Reopen { client, reason } => {
            let id = usecases::client_by_external_id(store, client)?;
            let op = Operation::Reopen {
                client_id: id,
                reason: reason.clone(),
            };
            operation::apply(store, &op).map_err(|e| store_error(e, super::REASON_OPTION))?;
            output::line(format_args!(
                "終結を取り消しました: {}",
                crate::text::for_display(client)
            ))?;
        }
        ClientCommand::Certificate {
            client,
            number,
            from,
            to,
            municipality,
            renew,
        } => certificate(
            store,
            client,
            CertificateArgs {
                number: number.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                municipality: municipality.as_deref(),
                renew: *renew,
            },
        )?,
        ClientCommand::Subsidy {
            client,
            month,
            undo,
        } => {
            let m = YearMonth::parse(month).ok_or_else(|| {
                CliError(format!(
                    "--month: 「{}」は年月ではありません (例: 2026-10)。",
                    crate::text::as_typed(month)
                ))
            })?;
            let id = usecases::client_by_external_id(store, client)?;
            let mut c = store.load_client(id)?;
            let had = c.job_coach_subsidy_months.contains(&m);
            if had != *undo {
                output::line(format_args!(
                    "{m} は{}。何も変更していません。",
                    if had {
                        "既に記録されています"
                    } else {
                        "記録されていません"
                    }
                ))?;
                return Ok(ExitCode::SUCCESS);
            }
            if *undo {
                c.job_coach_subsidy_months.retain(|x| *x != m);
            } else {
                c.job_coach_subsidy_months.push(m);
                c.job_coach_subsidy_months.sort();
            }
            let op = Operation::EditClient {
                client: Box::new(c),
                conflict: None,
            };
            operation::apply(store, &op)?;
            let what = if *undo {
                "から外しました"
            } else {
                "として記録しました（その月は算定しません: 000 §4(1)①）"
            };
            output::line(format_args!(
                "{}: {m} を職場適応援助者助成金の月{what}",
                crate::text::for_display(client)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `client certificate` was given.
struct CertificateArgs<'a> {
    number: Option<&'a str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    municipality: Option<&'a str>,
    renew: bool,
}

/// `client certificate`: the current 受給者証 changed, or (`renew`) kept
/// in the history and replaced; every problem at once, through the same
/// rules as the profile form.
fn certificate(store: &Store, client: &str, a: CertificateArgs<'_>) -> Result<(), CliError> {
    let id = usecases::client_by_external_id(store, client)?;
    let mut c = store.load_client(id)?;
    let old = c.current_certificate();
    let mut g = Gather::default();
    let day = |option: &str, s: Option<&str>| -> Result<Option<NaiveDate>, CliError> {
        s.filter(|s| !s.trim().is_empty())
            .map(|s| {
                date_input::parse_date_input(s, store.today())
                    .map_err(|e| CliError(format!("{option}: {e}")))
            })
            .transpose()
    };
    if let Some(n) = a.number {
        c.certificate_no = n.to_string();
    }
    if a.from.is_some()
        && let Some(d) = g.take("--from", day("--from", a.from))
    {
        c.certificate_from = d;
    }
    if a.to.is_some()
        && let Some(d) = g.take("--to", day("--to", a.to))
    {
        c.certificate_expires = d;
    }
    if let Some(m) = a.municipality {
        c.municipality = m.to_string();
    }
    if a.renew {
        if old == c.current_certificate() {
            return Err(CliError(
                "--renew: 新しい受給者証の番号・支給決定期間 (--number, --from, --to) を指定してください。何も変更していません。"
                    .into(),
            ));
        }
        c.certificate_history.push(old);
    }
    g.finish(
        || crate::validate::client(&c, store.write_day()),
        CERTIFICATE_OPTIONS,
    )?;
    let shown = format!(
        "{} {}〜{}",
        crate::text::for_display(&c.certificate_no),
        c.certificate_from
            .map(|d| d.to_string())
            .unwrap_or_default(),
        c.certificate_expires
            .map(|d| d.to_string())
            .unwrap_or_default()
    );
    let kept = c.certificate_history.len();
    let op = Operation::EditClient {
        client: Box::new(c),
        conflict: None,
    };
    operation::apply(store, &op).map_err(|e| store_error(e, CERTIFICATE_OPTIONS))?;
    if a.renew {
        output::line(format_args!(
            "{}: 受給者証を更新しました: {shown}（前のものは履歴に残しました。履歴 {kept} 件）",
            crate::text::for_display(client)
        ))?;
    } else {
        output::line(format_args!(
            "{}: 受給者証を記録しました: {shown}",
            crate::text::for_display(client)
        ))?;
    }
    Ok(())
}

/// Option names of the certificate's fields, for the rule set's problems.
const CERTIFICATE_OPTIONS: &[(&str, &str)] = &[
    ("certificate_no", "--number"),
    ("certificate_from", "--from"),
    ("certificate_expires", "--to"),
    ("municipality", "--municipality"),
];

/// `undo`: the login's own last change to a case, taken back (or shown,
/// with `--dry-run`).
pub(super) fn undo(store: &Store, dry_run: bool) -> Result<ExitCode, CliError> {
    let change = operation::last_change(store)?;
    let lines: Vec<String> = change
        .summaries
        .iter()
        .map(|s| format!("  {}", crate::text::for_display(s)))
        .collect();
    if dry_run {
        output::line(format_args!(
            "取り消すのは {} の変更です（まだ何も変えていません）:\n{}",
            change.at,
            lines.join("\n")
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    operation::apply(store, &Operation::Undo)?;
    output::line(format_args!(
        "{} の変更を取り消しました:\n{}",
        change.at,
        lines.join("\n")
    ))?;
    Ok(ExitCode::SUCCESS)
}
