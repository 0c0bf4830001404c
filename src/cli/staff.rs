//! `staff add|list|set|remove`: the office's people, from the shell.
//! Changes are for the 管理者 (the store refuses anyone else); reading is
//! open to all staff.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Subcommand;

use super::gather::Gather;
use super::{CliError, output};
use crate::access::Standing;
use crate::model::{Role, Staff, Training, fte_text};
use crate::operation::{self, Operation};
use crate::store::{Store, StoreError};
use crate::text::for_display;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// 職員を登録する (管理者のみ)
    Add {
        /// OS のログイン名 (SSH でログインする名前)
        login: String,
        #[arg(
            long,
            help = crate::fields::staff::DISPLAY_NAME.help(),
            value_name = "NAME",
            allow_hyphen_values = true
        )]
        name: String,
        /// 役割: 支援員 (case_worker)、サービス管理責任者 (coordinator)、管理者 (admin)
        #[arg(long, value_name = "ROLE", default_value = "支援員")]
        role: String,
        /// 基礎的研修の修了日
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        basic_training: Option<String>,
        /// 常勤換算 (例: 1.0, 0.5)
        #[arg(long, value_name = "FTE", allow_hyphen_values = true)]
        fte: Option<String>,
        /// 着任日 (省略: 記録より前から在職)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        joined: Option<String>,
        /// 退任日 (省略: 在職中)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        left: Option<String>,
    },
    /// 職員の一覧
    List,
    /// 職員の表示名・役割・基礎的研修の修了日・常勤換算・着任日・退任日を変える (管理者のみ)
    Set {
        login: String,
        #[arg(
            long,
            help = crate::fields::staff::DISPLAY_NAME.help(),
            value_name = "NAME",
            allow_hyphen_values = true
        )]
        name: Option<String>,
        /// 役割: 支援員 (case_worker)、サービス管理責任者 (coordinator)、管理者 (admin)
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// 基礎的研修の修了日 (空の文字列で消す)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        basic_training: Option<String>,
        /// 常勤換算 (例: 1.0, 0.5)
        #[arg(long, value_name = "FTE", allow_hyphen_values = true)]
        fte: Option<String>,
        /// 着任日 (空の文字列で消す)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        joined: Option<String>,
        /// 退任日 (空の文字列で消す: 在職中に戻す)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        left: Option<String>,
        /// --fte の値がこの日から (それより前は前の値のまま。省略: 今の値を直す)
        #[arg(
            long,
            value_name = "DATE",
            allow_hyphen_values = true,
            requires = "fte"
        )]
        fte_from: Option<String>,
    },
    /// 職員の登録を外す (管理者のみ。記録の記録者名は残る)
    Remove { login: String },
}

/// A role by its id (`admin`), its label (`管理者`) or a short name (`支援員`).
/// The rule set's field names, as the options that set them.
const STAFF_OPTIONS: &[(&str, &str)] = &[
    ("display_name", "--name"),
    ("basic_training", "--basic-training"),
    ("fte", "--fte"),
    ("joined", "--joined"),
    ("left", "--left"),
];

fn parse_role(s: &str) -> Result<Role, CliError> {
    let t = s.trim();
    Role::parse(t)
        .or(match t {
            "支援員" | "定着支援員" => Some(Role::CaseWorker),
            "サビ管" => Some(Role::Coordinator),
            _ => None,
        })
        .ok_or_else(|| {
            CliError(format!(
                "--role: 「{}」は役割ではありません。支援員 (case_worker)・サービス管理責任者 (coordinator)・管理者 (admin) のどれかを指定してください。",
                crate::text::as_typed(t)
            ))
        })
}

/// 常勤換算 as typed (`1`, `0.5`, `０．８`) → hundredths (the model reads it).
fn parse_fte(s: &str) -> Result<u16, CliError> {
    crate::model::fte_from_text(s).ok_or_else(|| {
        CliError(format!(
            "--fte: 「{}」は常勤換算（0〜1.0 の数、例: 1.0、0.5）ではありません。",
            crate::text::as_typed(s)
        ))
    })
}

/// 「職員を登録しました: 田中 美咲 (tanaka)（就労定着支援員）」
fn saved(verb: &str, s: &Staff) -> Result<(), CliError> {
    output::line(format_args!(
        "職員を{verb}しました: {}（{}）",
        super::names::of(s),
        s.role.label()
    ))
}

/// The 常勤換算 from `from` on (the earlier value kept for the days
/// before), or, without a day, the present value corrected.
fn set_fte(s: &mut Staff, fte: Option<u16>, from: Option<NaiveDate>) {
    match from {
        Some(day) => s.change_fte(fte, day),
        None => {
            s.fte_percent = fte;
            if let Some(last) = s.fte_history.last_mut() {
                last.fte_percent = fte;
            }
        }
    }
}

/// The day `option` gives; an empty value gives none (it clears the day).
fn parse_day(
    option: &str,
    s: Option<&str>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, CliError> {
    s.filter(|s| !s.trim().is_empty())
        .map(|s| {
            crate::date_input::parse_date_input(s, today)
                .map_err(|e| CliError(format!("{option}: {e}")))
        })
        .transpose()
}

pub(super) fn staff(
    store: &Store,
    c: &StaffCommand,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    match c {
        StaffCommand::Add {
            login,
            name,
            role,
            basic_training,
            fte,
            joined,
            left,
        } => {
            // Every problem at once: what could not be read, then the
            // rule set on the rest.
            let mut g = Gather::default();
            let s = Staff {
                login: login.clone(),
                display_name: name.clone(),
                role: g
                    .take("--role", parse_role(role))
                    .unwrap_or(Role::CaseWorker),
                basic_training: g
                    .take(
                        "--basic-training",
                        parse_day("--basic-training", basic_training.as_deref(), today),
                    )
                    .flatten(),
                fte_percent: g
                    .take("--fte", fte.as_deref().map(parse_fte).transpose())
                    .flatten(),
                joined: g
                    .take("--joined", parse_day("--joined", joined.as_deref(), today))
                    .flatten(),
                left: g
                    .take("--left", parse_day("--left", left.as_deref(), today))
                    .flatten(),
                fte_history: Vec::new(),
            };
            g.finish(|| crate::validate::staff(&s, today), STAFF_OPTIONS)?;
            operation::apply(store, &Operation::AddStaff(s.clone())).map_err(|e| match e {
                StoreError::Duplicate(_) => CliError(format!(
                    "職員 {} は既に登録されています（変えるときは `teichaku staff set`）。何も変更していません。",
                    for_display(login)
                )),
                e => e.into(),
            })?;
            saved("登録", &s)?;
        }
        StaffCommand::List => list(store, today)?,
        StaffCommand::Set {
            login,
            name,
            role,
            basic_training,
            fte,
            joined,
            left,
            fte_from,
        } => {
            let mut s = store.staff_member(login)?.ok_or_else(|| {
                CliError(format!(
                    "職員 {} は登録されていません（`teichaku staff list` で確認できます）。",
                    crate::text::as_typed(login)
                ))
            })?;
            if let Some(n) = name {
                s.display_name = n.clone();
            }
            let mut g = Gather::default();
            if let Some(r) = role
                && let Some(r) = g.take("--role", parse_role(r))
            {
                s.role = r;
            }
            if basic_training.is_some()
                && let Some(d) = g.take(
                    "--basic-training",
                    parse_day("--basic-training", basic_training.as_deref(), today),
                )
            {
                s.basic_training = d;
            }
            if let Some(f) = fte
                && let Some(f) = g.take("--fte", parse_fte(f))
            {
                let from = g
                    .take(
                        "--fte-from",
                        parse_day("--fte-from", fte_from.as_deref(), today),
                    )
                    .flatten();
                set_fte(&mut s, Some(f), from);
            }
            if joined.is_some()
                && let Some(d) = g.take("--joined", parse_day("--joined", joined.as_deref(), today))
            {
                s.joined = d;
            }
            if left.is_some()
                && let Some(d) = g.take("--left", parse_day("--left", left.as_deref(), today))
            {
                s.left = d;
            }
            g.finish(|| crate::validate::staff(&s, today), STAFF_OPTIONS)?;
            operation::apply(store, &Operation::EditStaff(s.clone()))?;
            saved("変更", &s)?;
        }
        StaffCommand::Remove { login } => {
            // Named as they were, before the registration goes.
            let shown = super::names::login(&store.list_staff()?, login);
            let op = Operation::RemoveStaff {
                login: login.clone(),
            };
            operation::apply(store, &op)?;
            output::line(format_args!("職員の登録を外しました: {shown}"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The 基礎的研修 requirement (000 §3(1)): from 令和7年4月1日, with a
/// transition that ends on 令和10年3月31日.
fn training_note(s: &Staff, today: NaiveDate) -> &'static str {
    match s.training(today) {
        Training::Missing => "経過措置は令和10年3月31日で終了。要件を満たしていません",
        _ => "令和10年3月31日までの経過措置中",
    }
}

fn list(store: &Store, today: NaiveDate) -> Result<(), CliError> {
    let staff = store.list_staff()?;
    for s in &staff {
        let training = match s.training(today) {
            Training::Done(d) => format!("基礎的研修 {d}"),
            Training::NotRequired => match s.basic_training {
                Some(d) => format!("基礎的研修 {d}"),
                None => "基礎的研修 対象外（就労定着支援員でない）".to_string(),
            },
            _ => format!("‼ 基礎的研修 未修了（{}）", training_note(s, today)),
        };
        let fte = s.fte_percent.map_or_else(
            || "常勤換算 未入力".to_string(),
            |p| format!("常勤換算 {}", fte_text(p)),
        );
        let tenure = match (s.joined, s.left) {
            (None, None) => String::new(),
            (j, l) => format!(
                "  在職 {}〜{}",
                j.map(|d| d.to_string()).unwrap_or_default(),
                l.map(|d| d.to_string()).unwrap_or_default()
            ),
        };
        output::line(format_args!(
            "{:<12} {}  {}  {fte}  {training}{tenure}",
            for_display(&s.login),
            for_display(&s.display_name),
            s.role.label()
        ))?;
    }
    if *store.standing() == Standing::Owner {
        output::line(format_args!(
            "（{} は職員に登録されていませんが、データベースファイルの所有者として管理者の操作ができます）",
            for_display(store.user())
        ))?;
    }
    if staff.is_empty() {
        output::line(
            "職員が登録されていません（`teichaku staff add LOGIN --name 名前 --role 管理者`）",
        )?;
    }
    Ok(())
}
